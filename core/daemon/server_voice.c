/*
 * The network layer, the network side of voice.h: audio over the WebSocket
 * and POST /v1/voice handed to the voice path, its replies written back.
 * See server.c for the whole layer.
 */
#include "server_int.h"

#include <errno.h>
#include <libwebsockets.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "access.h"
#include "convo.h"
#include "log.h"
#include "metrics.h"
#include "proto.h"
#include "sessions.h"
#include "voice.h"
#include "wav.h"
#include "webroot.h"

/* ---- Voice: the network side of voice.h ---- */

/* Audio bytes a POST /v1/voice body may hold: limits.audio_seconds of 48 kHz
 * 16-bit stereo, the largest WAV accepted, plus room for its header chunks. */
size_t srv_voice_body_limit(const struct hr_server *s)
{
	return (size_t)s->cfg->audio_seconds * 48000 * 4 + 65536;
}

static int voice_answer(void *ud, const char *text, size_t len, struct hr_answer *out)
{
	struct conn *c = ud;
	/* The transcript is a question like any typed one: same engine, same
	 * safety layer first, same conversation. */
	struct hr_ask ask = {.text = (char *)text, .text_len = len};
	struct hr_convo *convo = srv_ws_convo(c);
	return convo ? srv_handle_ask(srv_server_of(c->wsi), convo, &ask, out) : -ENOMEM;
}

/* Where a hypothesis of the recogniser would go, without answering it. */
static void voice_route(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier)
{
	struct conn *c = ud;
	struct hr_server *s = srv_server_of(c->wsi);
	struct hr_trace *trace = s->trace;
	*tier = 0;
	snprintf(out, cap, "fallback");
	struct hr_convo *convo = srv_ws_convo(c);
	if (!convo || hr_engine_route(s->engine, convo, text, len, trace) != 0)
		return;
	*tier = (int)trace->safety.tier;
	if (trace->outcome == HR_OUTCOME_CLARIFY)
		snprintf(out, cap, "clarify");
	else if (trace->outcome == HR_OUTCOME_ANSWER && trace->nparts > 0 && trace->parts[0].intent)
		snprintf(out, cap, "%s", trace->parts[0].intent->name);
}

static void voice_send(void *ud, char *buf, size_t len, int binary)
{
	struct conn *c = ud;
	srv_ws_enqueue_kind(c->wsi, c, buf, len, binary);
}

/* The spoken exchange is over: read the client's next message. */
static void voice_done(void *ud)
{
	struct conn *c = ud;
	c->vjob = NULL;
	c->voice_paused = 0;
	srv_ws_rx_update(c->wsi, c);
	/* Saying goodbye waited for this spoken answer. */
	if (srv_server_of(c->wsi)->goodbye)
		lws_callback_on_writable(c->wsi);
}

static void voice_respond(void *ud, unsigned status, const char *type, char *buf, size_t len)
{
	struct conn *c = ud;
	c->vjob = NULL;
	if (!buf) {
		srv_http_error(c->wsi, c, 500, HR_E_INTERNAL, "internal error", NULL);
		return;
	}
	if (srv_http_respond_type(c->wsi, c, status, type, NULL, buf, len))
		lws_set_timeout(c->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
}

static const struct hr_voice_sink voice_ws_sink = {voice_answer, voice_route, voice_send, voice_done, NULL};
static const struct hr_voice_sink voice_http_sink = {voice_answer, voice_route, NULL, NULL, voice_respond};

/* Starts answering PCM (taken over), or, while voice has not loaded yet,
 * parks the question until it has and starts the load. Returns 0 or -errno
 * as hr_voice_start(). */
static int voice_begin(struct hr_server *s, struct conn *c, int16_t *pcm, size_t n, enum hr_voice_reply mode)
{
	c->vjob = NULL;
	int ws = mode == HR_VOICE_WS || mode == HR_VOICE_WS_PARTS;
	if (s->voice)
		return hr_voice_start(s->voice, pcm, n, ws ? c->audio_id : NULL, mode,
		                      ws ? &voice_ws_sink : &voice_http_sink, c, LWS_PRE, &c->vjob);
	if (!s->voice_load) {
		free(pcm);
		return -ENODEV;
	}
	if (s->nparked >= (unsigned)s->cfg->voice_queue + 1) {
		free(pcm);
		return -EBUSY;
	}
	c->park_pcm = pcm;
	c->park_n = n;
	c->park_next = s->parked;
	if (s->parked)
		s->parked->park_pprev = &c->park_next;
	c->park_pprev = &s->parked;
	s->parked = c;
	s->nparked++;
	s->voice_load(s->voice_load_ud);
	return 0;
}

static void ws_voice_failed(struct lws *wsi, struct conn *c, const char *id, int rc)
{
	struct hr_proto_error err;
	c->vjob = NULL;
	hr_proto_error_set(&err,
	                   rc == -EBUSY    ? HR_E_RATE_LIMITED
	                   : rc == -ENODEV ? HR_E_UNSUPPORTED
	                                   : HR_E_INTERNAL,
	                   id,
	                   rc == -EBUSY    ? "herald is busy listening to others; ask again in a moment"
	                   : rc == -ENODEV ? "voice is not available on this server"
	                                   : "internal error");
	srv_ws_error(wsi, c, &err);
}

static int http_voice_failed(struct lws *wsi, struct conn *c, int rc)
{
	if (rc == -EBUSY)
		return srv_http_error(wsi, c, 503, HR_E_RATE_LIMITED,
		                      "herald is busy listening to others; ask again in a moment", NULL);
	return srv_http_error(
	    wsi, c, rc == -ENODEV ? 503 : 500, rc == -ENODEV ? HR_E_UNSUPPORTED : HR_E_INTERNAL,
	    rc == -ENODEV ? "voice is not available on this server" : "internal error", NULL);
}

int srv_ws_audio(struct hr_server *s, struct conn *c, const char *in, size_t len)
{
	size_t max = (size_t)s->cfg->audio_seconds * c->audio_rate * 2;
	if (c->audio_over || c->audiolen + len > max) {
		c->audio_over = 1; /* said at audio_end, where the client listens */
		return 0;
	}
	if (c->vstream) {
		/* Recognised as it arrives (hr_voice_feed): nothing kept here. */
		c->audiolen += len;
		hr_voice_feed(c->vstream, (const uint8_t *)in, len);
		return 0;
	}
	if (!c->audio && !(c->audio = malloc(max ? max : 1)))
		return -1;
	memcpy(c->audio + c->audiolen, in, len);
	c->audiolen += len;
	return 0;
}

void srv_ws_voice(struct hr_server *s, struct lws *wsi, struct conn *c, int type,
                  const struct hr_audio_msg *am)
{
	struct hr_proto_error err;
	if (!s->voice && !s->voice_load) {
		hr_proto_error_set(&err, HR_E_UNSUPPORTED, am->id, "voice is not available on this server");
		srv_ws_error(wsi, c, &err);
		return;
	}
	if (type == HR_MSG_AUDIO_START) {
		if (c->audio_on) {
			hr_proto_error_set(&err, HR_E_BAD_REQUEST, am->id,
			                   "audio_start while another audio is open");
			srv_ws_error(wsi, c, &err);
			return;
		}
		/* The buffer is sized for this audio's rate, at its first frame. */
		free(c->audio);
		c->audio = NULL;
		c->audio_on = 1;
		c->audio_over = 0;
		c->audiolen = 0;
		c->audio_rate = am->rate;
		c->audio_parts = am->parts;
		snprintf(c->audio_id, sizeof(c->audio_id), "%s", am->id);
		/* 16 kHz audio is recognised while it arrives, when voice has
		 * loaded; other rates are resampled whole at audio_end, and a
		 * stream that cannot open now (busy) is tried again there. */
		if (s->voice && am->rate == HR_ASR_RATE &&
		    hr_voice_open(s->voice, c->audio_id, am->parts ? HR_VOICE_WS_PARTS : HR_VOICE_WS,
		                  &voice_ws_sink, c, LWS_PRE, &c->vstream) != 0)
			c->vstream = NULL;
		return;
	}
	if (!c->audio_on || strcmp(c->audio_id, am->id) != 0) {
		hr_proto_error_set(&err, HR_E_BAD_REQUEST, am->id,
		                   "audio_end without a matching audio_start");
		srv_ws_error(wsi, c, &err);
		return;
	}
	c->audio_on = 0;
	hr_voice_job *stream = c->vstream;
	c->vstream = NULL;
	if (c->audio_over || c->audiolen < 2) {
		hr_voice_cancel(stream);
		char m[96];
		snprintf(m, sizeof(m),
		         c->audio_over ? "the audio is longer than %d seconds" : "no audio was sent",
		         s->cfg->audio_seconds);
		hr_proto_error_set(&err, c->audio_over ? HR_E_TOO_LARGE : HR_E_BAD_REQUEST, am->id, m);
		srv_ws_error(wsi, c, &err);
		return;
	}
	if (!hr_bucket_take(&c->bucket, s->cfg->rate_per_second, s->cfg->rate_burst, srv_now_ms())) {
		hr_metrics_event(s->metrics, HR_EV_RATE_LIMITED);
		hr_proto_error_set(&err, HR_E_RATE_LIMITED, am->id,
		                   "too many questions; wait a moment and ask again");
		hr_voice_cancel(stream);
		srv_ws_error(wsi, c, &err);
		return;
	}
	/* Replies come in the order questions were sent: read nothing more
	 * from this client until the spoken answer is queued. */
	if (stream) {
		c->vjob = stream;
		hr_voice_end(stream);
		c->voice_paused = 1;
		srv_ws_rx_update(wsi, c);
		return;
	}
	size_t n = c->audiolen / 2, m = n;
	int16_t *pcm = malloc(n * sizeof(*pcm));
	if (pcm)
		hr_pcm_from_le(c->audio, n, pcm);
	/* An idle connection keeps no audio buffer. */
	free(c->audio);
	c->audio = NULL;
	if (pcm) {
		if (c->audio_rate != HR_ASR_RATE) {
			int16_t *r = hr_pcm_resample(pcm, n, c->audio_rate, HR_ASR_RATE, &m);
			free(pcm);
			pcm = r;
		}
	}
	int rc = pcm ? voice_begin(s, c, pcm, m, c->audio_parts ? HR_VOICE_WS_PARTS : HR_VOICE_WS) : -ENOMEM;
	if (rc) {
		ws_voice_failed(wsi, c, am->id, rc);
		return;
	}
	/* Replies come in the order questions were sent: read nothing more
	 * from this client until the spoken answer is queued. */
	c->voice_paused = 1;
	srv_ws_rx_update(wsi, c);
}

/* POST /v1/voice: checks what can be checked before the body arrives. */
int srv_http_voice_request(struct hr_server *s, struct lws *wsi, struct conn *c, int post)
{
	char auth[512], ct[128], accept[256], arg[48], cl[32];
	if (!post)
		return srv_http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use POST with a WAV body", "POST");
	if (!hr_access_token_ok(srv_header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)),
	                        s->cfg->auth_tokens))
		return srv_http_error(wsi, c, 401, HR_E_BAD_REQUEST, "a valid bearer token is required",
		                      NULL);
	if (!s->voice && !s->voice_load)
		return srv_http_error(wsi, c, 503, HR_E_UNSUPPORTED, "voice is not available on this server",
		                      NULL);
	srv_header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, ct, sizeof(ct));
	ct[strcspn(ct, "; ")] = '\0';
	if (ct[0] && strcasecmp(ct, "audio/wav") && strcasecmp(ct, "audio/x-wav") &&
	    strcasecmp(ct, "audio/wave") && strcasecmp(ct, "application/octet-stream"))
		return srv_http_error(wsi, c, 415, HR_E_BAD_REQUEST,
		                      "send the body as audio/wav (16-bit PCM)", NULL);
	if (lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0 &&
	    strtoull(cl, NULL, 10) > (unsigned long long)srv_voice_body_limit(s)) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		srv_http_refuse(wsi, 413, HR_E_TOO_LARGE, m, 0);
		return -1;
	}
	/* ?reply=wav (or Accept: audio/wav) answers with the WAV alone,
	 * ?reply=json+wav with the JSON and the WAV in base64. */
	c->voice_reply = HR_VOICE_HTTP_JSON;
	/* lws copies "reply=VALUE" into ARG and points past the name. */
	const char *reply = lws_get_urlarg_by_name(wsi, "reply=", arg, sizeof(arg));
	if (reply) {
		if (strcmp(reply, "wav") == 0)
			c->voice_reply = HR_VOICE_HTTP_WAV;
		else if (strcmp(reply, "json+wav") == 0 || strcmp(reply, "json wav") == 0)
			c->voice_reply = HR_VOICE_HTTP_BOTH;
		else if (strcmp(reply, "json") != 0)
			return srv_http_error(wsi, c, 400, HR_E_BAD_REQUEST,
			                      "reply must be json, wav or json+wav", NULL);
	} else if (strstr(srv_header(wsi, WSI_TOKEN_HTTP_ACCEPT, accept, sizeof(accept)), "audio/wav")) {
		c->voice_reply = HR_VOICE_HTTP_WAV;
	}
	c->wsi = wsi;
	c->route = ROUTE_VOICE;
	s->http_busy++;
	return 0; /* wait for the body */
}

/* The WAV has arrived: recognise and answer it off the loop. */
int srv_http_voice(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (c->body_overflow) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		return srv_http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	struct hr_wav w;
	const char *why = "not a WAV file";
	int prc = c->body ? hr_wav_parse(c->body, c->bodylen, &w, &why) : -EINVAL;
	if (prc)
		return srv_http_error(wsi, c, prc == -ENOTSUP ? 415 : 400, HR_E_BAD_REQUEST, why, NULL);
	if (w.frames > (size_t)s->cfg->audio_seconds * w.rate) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		return srv_http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	if (w.frames == 0)
		return srv_http_error(wsi, c, 400, HR_E_BAD_REQUEST, "the WAV holds no audio", NULL);
	size_t n = 0;
	int16_t *pcm = hr_wav_to_asr(&w, &n);
	int rc = pcm ? voice_begin(s, c, pcm, n, c->voice_reply) : -ENOMEM;
	if (rc)
		return http_voice_failed(wsi, c, rc);
	return 0; /* voice_respond answers */
}

/* A spoken question no longer waits for voice to load (its connection is
 * closing, or it is being started). */
void srv_voice_unpark(struct conn *c)
{
	if (!c->park_pprev)
		return;
	struct hr_server *s = srv_server_of(c->wsi);
	*c->park_pprev = c->park_next;
	if (c->park_next)
		c->park_next->park_pprev = c->park_pprev;
	c->park_next = NULL;
	c->park_pprev = NULL;
	free(c->park_pcm);
	c->park_pcm = NULL;
	if (s)
		s->nparked--;
}

/* Voice has loaded (s->voice) or failed to (no voice_load): the waiting
 * questions start now, or are told. */
void srv_voice_resume(struct hr_server *s)
{
	while (s->parked && (s->voice || !s->voice_load)) {
		struct conn *c = s->parked;
		int16_t *pcm = c->park_pcm;
		size_t n = c->park_n;
		c->park_pcm = NULL; /* voice_begin() takes it over */
		srv_voice_unpark(c);
		enum hr_voice_reply mode = !c->is_ws        ? c->voice_reply
		                           : c->audio_parts ? HR_VOICE_WS_PARTS
		                                            : HR_VOICE_WS;
		int rc = voice_begin(s, c, pcm, n, mode);
		if (rc == 0)
			continue;
		if (c->is_ws) {
			ws_voice_failed(c->wsi, c, c->audio_id, rc);
			c->voice_paused = 0;
			srv_ws_rx_update(c->wsi, c);
		} else if (http_voice_failed(c->wsi, c, rc)) {
			lws_set_timeout(c->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
		}
	}
}

/*
 * Pipelining (RFC 9112 section 9.3.2) with libwebsockets 4.1.6.
 *
 * A client may send its next request before the previous response. lws
 * keeps those bytes in a buffer of the connection and, while the previous
 * request is still "in its body" (LRS_BODY) and not yet answered, calls
 * LWS_CALLBACK_HTTP_BODY_COMPLETION again for it every time it looks at that
 * buffer. Answering each call was the loop of issue 21: hundreds of
 * thousands of responses to one request. A request is now completed once;
 * the repeats are ignored until the response is written and the transaction
 * completes, after which lws parses the next request from its buffer.
 *
 * What lws cannot do: when the next request, parsed from that buffer, has a
 * body, lws_http_action() reads the buffer again from its start and hands
 * the request's own header bytes to LWS_CALLBACK_HTTP_BODY as its body, then
 * loops on BODY_COMPLETION without consuming anything. Requests without a
 * body (GET, HEAD, OPTIONS) are served in order; a pipelined request with a
 * body is spotted by its replayed request line (srv_http_replayed()), and the
 * connection is closed once every response before it is written, so the
 * client sends it again on a new connection as RFC 9112 asks. If some other
 * path ever made lws loop on a completion within one turn of the loop, the
 * connection is closed too, rather than the worker spinning.
 */
