/*
 * The network layer, the request handler: every typed or spoken question,
 * from a WebSocket (server_ws.c), a POST (server_http.c) or the voice path
 * (server_voice.c), is answered here, the only place the network layer calls
 * the engine. See server.c for the whole layer.
 */
#include "server_int.h"

#include <libwebsockets.h>
#include <string.h>

#include "log.h"
#include "metrics.h"

/* Answers one question: the only place the network layer calls the engine. */
int srv_handle_ask(struct hr_server *s, struct hr_convo *convo, const struct hr_ask *ask,
                   struct hr_answer *out)
{
	/* One trace, reused: the loop answers one question at a time, and the
	 * per-question path should not allocate what it can keep. */
	struct hr_trace *trace = s->trace;
	lws_usec_t t0 = lws_now_usecs();
	int rc = hr_engine_ask(s->engine, convo, ask->text, ask->text_len, out, trace);
	lws_usec_t dt = lws_now_usecs() - t0;
	s->questions++;
	if (rc == 0) {
		hr_metrics_question(s->metrics, s->worker, out->intent, trace->safety.tier, trace->plugin_rc,
		                    (uint64_t)dt);
		if (out->concern)
			hr_metrics_concern(s->metrics, s->worker);
	} else
		hr_metrics_question_error(s->metrics, s->worker, (uint64_t)dt);
	/* Privacy: the log carries the intent, safety tier and timing, never the
	 * question or the answer. */
	if (rc == 0 && s->on_fallback && strcmp(out->intent, "fallback") == 0)
		s->on_fallback(s->on_fallback_ud, ask->text, ask->text_len);
	if (rc == 0)
		hr_info("event=answered intent=%s safety=%s tier=%s concern=%s candidates=%zu us=%lld",
		        out->intent, hr_safety_name(out->safety) ? hr_safety_name(out->safety) : "none",
		        hr_tier_name(trace->safety.tier) ? hr_tier_name(trace->safety.tier) : "none",
		        out->concern ? out->concern : "none", trace->match.ncandidates, (long long)dt);
	return rc;
}
