/*
 * The network layer. One protocol, "herald.v1", handles both HTTP and the
 * WebSocket (it is protocols[0], so clients that offer no subprotocol get it
 * too). Per-connection state is allocated by lws (struct conn); output is only
 * written from the WRITEABLE callbacks, into buffers with LWS_PRE headroom.
 *
 * CVE-2025-11677 (lws 4.1.6): a use-after-free when reading `in` during
 * LWS_CALLBACK_HTTP_CONFIRM_UPGRADE with an invalid Upgrade: header. This
 * file never reads `in` in that callback; tests/integration keeps a test that
 * sends such headers to a sanitizer build.
 */
#include "server.h"

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

struct outmsg {
	struct outmsg *next;
	size_t len;
	char *buf; /* LWS_PRE bytes of headroom, then the JSON */
	int binary; /* a WAV (voice), written in chunks */
	size_t off; /* bytes of a binary message already written */
};

enum route { ROUTE_NONE, ROUTE_ASK, ROUTE_HEALTH, ROUTE_VOICE };

/* Open WebSockets per client address, to cap what one address can hold. */
struct addr_count {
	struct addr_count *next;
	unsigned count;
	char addr[48];
};
#define ADDR_BUCKETS 1024

/* Per-connection state, zeroed by lws; one struct for HTTP and WebSocket. */
struct conn {
	/* WebSocket */
	int is_ws;
	int rx_paused;
	struct hr_bucket bucket;
	struct addr_count *addr;
	struct hr_convo convo;
	struct outmsg *head, *tail;
	unsigned queued;
	char *rx;
	size_t rxlen;
	int rx_overflow;
	/* HTTP */
	enum route route;
	char *body;
	size_t bodylen;
	int body_overflow;
	char *resp; /* LWS_PRE headroom, then the body */
	size_t resplen;
	/* The request in progress, for pipelining (see http_body_completion()):
	 * its "METHOD /path" and whether its body has begun and ended. */
	char request_line[48];
	int body_started, body_done;
	unsigned long long repeat_turn; /* the loop turn of the last repeated completion */
	unsigned repeats;               /* repeated completions within that turn */
	/* Voice (voice.h): the audio between audio_start and audio_end (or a
	 * POST /v1/voice body), then the job answering it. */
	struct lws *wsi;
	uint8_t *audio;
	size_t audiolen;
	int audio_on, audio_over, voice_paused;
	unsigned audio_rate;
	char audio_id[HR_ID_MAX + 1];
	hr_voice_job *vjob;
	enum hr_voice_reply voice_reply;
};

/* What every worker's server shares (herald serve --workers): the counts
 * behind limits.max_connections and limits.per_address, which are limits of
 * the whole daemon, HTTP conversations and the metrics. The lock guards the
 * counts; sessions and metrics lock themselves. Touched at connect and
 * disconnect, never per message. */
struct hr_server_shared {
	pthread_mutex_t lock;
	unsigned connections; /* WebSockets open, every worker */
	struct addr_count *addrs[ADDR_BUCKETS];
	hr_sessions *sessions;
	struct hr_metrics metrics;
};

struct hr_server {
	struct lws_context *ctx;
	struct lws_vhost *vhost;
	const struct hr_config *cfg;
	hr_engine *engine;
	struct hr_server_shared *shared;
	hr_sessions *sessions; /* shared->sessions */
	struct hr_metrics *metrics; /* &shared->metrics */
	unsigned connections; /* WebSockets open on this worker */
	lws_retry_bo_t idle_policy;
	int stopping;
	int draining; /* SIGTERM: finish what was asked, take nothing new */
	int goodbye;  /* close each connection once its replies are written */
	unsigned http_busy; /* HTTP requests between headers and response */
	unsigned long long questions; /* asked since start */
	struct hr_trace *trace; /* scratch for answer(), owned here */
	void (*on_fallback)(void *ud, const char *text, size_t len);
	void *on_fallback_ud;
	const hr_webroot *web; /* the widget's files, borrowed from the daemon */
	hr_voice *voice;       /* NULL: voice is off; borrowed from the daemon */
	int worker, workers;   /* this server's index, and how many there are */
	/* The listening socket is herald's own (see listen_open()). */
	int listen_fd;
	int port;
	uv_loop_t *loop;
	uv_poll_t listen_poll;
	uv_timer_t listen_pause; /* out of descriptors: accept again a little later */
	int listen_on;
	uv_check_t turn_check; /* counts the loop's turns (turns), for http_body_completion() */
	unsigned long long turns;
};

void hr_server_on_fallback(hr_server *s, void (*fn)(void *ud, const char *text, size_t len), void *ud)
{
	s->on_fallback = fn;
	s->on_fallback_ud = ud;
}

void hr_server_set_voice(hr_server *s, hr_voice *voice)
{
	if (s)
		s->voice = voice;
}

void hr_server_set_webroot(hr_server *s, const hr_webroot *web)
{
	if (s)
		s->web = web;
}

static struct hr_server *server_of(struct lws *wsi)
{
	return lws_context_user(lws_get_context(wsi));
}

static struct addr_count **addr_slot(struct hr_server_shared *sh, const char *addr)
{
	uint32_t h = 2166136261u;
	for (const char *p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	struct addr_count **pp = &sh->addrs[h % ADDR_BUCKETS];
	while (*pp && strcmp((*pp)->addr, addr) != 0)
		pp = &(*pp)->next;
	return pp;
}

/*
 * Counts one more WebSocket from WSI's address, and one more in all; NULL
 * when the address is at limits.max_connections_per_address (*WHY is then
 * HR_REFUSED_PER_ADDRESS) or the daemon at limits.max_connections
 * (HR_REFUSED_MAX_CONNECTIONS). ws_filter() already refused most upgrades
 * over the total, but two workers can each pass it for the last slot; the
 * count taken here, under the lock, is the one that holds.
 */
static struct addr_count *addr_acquire(struct hr_server *s, struct lws *wsi, enum hr_refusal *why)
{
	char addr[48] = "";
	lws_get_peer_simple(wsi, addr, sizeof(addr));
	struct hr_server_shared *sh = s->shared;
	struct addr_count *a = NULL;
	pthread_mutex_lock(&sh->lock);
	struct addr_count **pp = addr_slot(sh, addr);
	if (!*pp && (*pp = calloc(1, sizeof(**pp))))
		snprintf((*pp)->addr, sizeof((*pp)->addr), "%s", addr);
	if (sh->connections >= (unsigned)s->cfg->max_connections) {
		*why = HR_REFUSED_MAX_CONNECTIONS;
	} else if (*pp && (*pp)->count < (unsigned)s->cfg->max_per_address) {
		a = *pp;
		a->count++;
		sh->connections++;
	} else {
		*why = HR_REFUSED_PER_ADDRESS;
	}
	if (*pp && (*pp)->count == 0) {
		struct addr_count *unused = *pp;
		*pp = unused->next;
		free(unused);
	}
	pthread_mutex_unlock(&sh->lock);
	return a;
}

static void addr_release(struct hr_server *s, struct addr_count *a)
{
	if (!a)
		return;
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	sh->connections--;
	if (--a->count == 0) {
		struct addr_count **pp = addr_slot(sh, a->addr);
		*pp = a->next;
		free(a);
	}
	pthread_mutex_unlock(&sh->lock);
}

/* WebSockets open in every worker, for limits.max_connections. */
static unsigned total_connections(struct hr_server *s)
{
	return hr_server_shared_connections(s->shared);
}

/* Copies header T into BUF, or "" when absent. */
static const char *header(struct lws *wsi, enum lws_token_indexes t, char *buf, int cap)
{
	if (lws_hdr_copy(wsi, buf, cap, t) < 0)
		buf[0] = '\0';
	return buf;
}

static uint64_t now_ms(void)
{
	return (uint64_t)(lws_now_usecs() / 1000);
}

/* Answers one question: the only place the network layer calls the engine. */
static int answer(struct hr_server *s, struct hr_convo *convo, const struct hr_ask *ask, struct hr_answer *out)
{
	/* One trace, reused: the loop answers one question at a time, and the
	 * per-question path should not allocate what it can keep. */
	struct hr_trace *trace = s->trace;
	lws_usec_t t0 = lws_now_usecs();
	int rc = hr_engine_ask(s->engine, convo, ask->text, ask->text_len, out, trace);
	lws_usec_t dt = lws_now_usecs() - t0;
	s->questions++;
	if (rc == 0)
		hr_metrics_question(s->metrics, s->worker, out->intent, trace->safety.tier, trace->plugin_rc, (uint64_t)dt);
	else
		hr_metrics_question_error(s->metrics, s->worker, (uint64_t)dt);
	/* Privacy: the log carries the intent, safety tier and timing, never the
	 * question or the answer. */
	if (rc == 0 && s->on_fallback && strcmp(out->intent, "fallback") == 0)
		s->on_fallback(s->on_fallback_ud, ask->text, ask->text_len);
	if (rc == 0)
		hr_info("event=answered intent=%s safety=%s candidates=%zu us=%lld", out->intent,
			hr_safety_name(out->safety) ? hr_safety_name(out->safety) : "none",
			trace->match.ncandidates, (long long)dt);
	return rc;
}

/* ---- WebSocket ---- */

static void ws_enqueue_kind(struct lws *wsi, struct conn *c, char *buf, size_t len, int binary)
{
	struct outmsg *m = malloc(sizeof(*m));
	if (!m) {
		free(buf);
		return;
	}
	m->next = NULL;
	m->buf = buf;
	m->len = len;
	m->binary = binary;
	m->off = 0;
	if (c->tail)
		c->tail->next = m;
	else
		c->head = m;
	c->tail = m;
	c->queued++;
	/* A client that does not read must not grow our memory: stop reading
	 * its questions until it has taken its answers. */
	if (c->queued >= (unsigned)server_of(wsi)->cfg->max_queued_replies && !c->rx_paused) {
		lws_rx_flow_control(wsi, 0);
		c->rx_paused = 1;
	}
	lws_callback_on_writable(wsi);
}

static void ws_enqueue(struct lws *wsi, struct conn *c, char *buf, size_t len)
{
	ws_enqueue_kind(wsi, c, buf, len, 0);
}

static void ws_error(struct lws *wsi, struct conn *c, const struct hr_proto_error *e)
{
	size_t len;
	char *buf = hr_proto_error(e, LWS_PRE, &len);
	hr_info("event=ws_error code=%s", hr_proto_code_name(e->code));
	if (buf)
		ws_enqueue(wsi, c, buf, len);
}

static void ws_voice(struct hr_server *s, struct lws *wsi, struct conn *c, int type, const struct hr_audio_msg *am);
static int http_voice_request(struct hr_server *s, struct lws *wsi, struct conn *c, int post);

static void ws_message(struct hr_server *s, struct lws *wsi, struct conn *c, const char *msg, size_t len)
{
	struct hr_ask ask;
	struct hr_proto_error err;
	struct hr_audio_msg am;
	int vt = hr_voice_msg_parse(msg, len, &am, &err);
	if (vt < 0) {
		ws_error(wsi, c, &err);
		return;
	}
	if (vt != HR_VMSG_NONE) {
		ws_voice(s, wsi, c, vt, &am);
		return;
	}
	if (hr_proto_parse_ws(msg, len, (size_t)s->cfg->message_bytes, &ask, &err)) {
		ws_error(wsi, c, &err);
		return;
	}
	if (!hr_bucket_take(&c->bucket, s->cfg->rate_per_second, s->cfg->rate_burst, now_ms())) {
		hr_metrics_event(s->metrics, HR_EV_RATE_LIMITED);
		hr_proto_error_set(&err, HR_E_RATE_LIMITED, ask.id, "too many questions; wait a moment and ask again");
		ws_error(wsi, c, &err);
		hr_ask_clear(&ask);
		return;
	}
	/* A context the client carries (say, after reconnecting to another
	 * instance) replaces the connection's conversation. A malformed one is
	 * ignored; the log says why, never what it held. */
	if (ask.context) {
		struct hr_convo carried;
		int crc = hr_convo_decode(ask.context, ask.context_len, &carried);
		if (crc == 0)
			c->convo = carried;
		else
			hr_info("event=context_ignored reason=%s", hr_convo_error_name(crc));
	}
	struct hr_answer a = { 0 };
	int rc = answer(s, &c->convo, &ask, &a);
	if (rc) {
		hr_proto_error_set(&err, rc == -EINVAL ? HR_E_BAD_REQUEST : HR_E_INTERNAL, ask.id,
				   rc == -EINVAL ? "\"text\" must be valid UTF-8" : "internal error");
		ws_error(wsi, c, &err);
	} else {
		char ctx[HR_CONVO_CONTEXT_MAX + 1];
		size_t olen, clen;
		int crc = hr_convo_encode(&c->convo, ctx, sizeof(ctx), &clen);
		char *buf = hr_proto_answer_with_context(&a, ask.id, NULL, crc ? NULL : ctx, LWS_PRE, &olen);
		if (buf)
			ws_enqueue(wsi, c, buf, olen);
	}
	hr_answer_clear(&a);
	hr_ask_clear(&ask);
}

static void ws_free(struct conn *c)
{
	struct outmsg *m = c->head;
	while (m) {
		struct outmsg *n = m->next;
		free(m->buf);
		free(m);
		m = n;
	}
	c->head = c->tail = NULL;
	c->queued = 0;
	free(c->rx);
	c->rx = NULL;
	c->rxlen = 0;
	/* A voice job still under way must not call back into a closed connection. */
	hr_voice_cancel(c->vjob);
	c->vjob = NULL;
	free(c->audio);
	c->audio = NULL;
	c->audio_on = 0;
}

static int ws_audio(struct hr_server *s, struct conn *c, const char *in, size_t len);

static int ws_receive(struct hr_server *s, struct lws *wsi, struct conn *c, const char *in, size_t len)
{
	/* Between audio_start and audio_end, binary frames are the audio. */
	if (c->audio_on && lws_frame_is_binary(wsi))
		return ws_audio(s, c, in, len);
	size_t limit = (size_t)s->cfg->message_bytes;
	if (lws_is_first_fragment(wsi)) {
		c->rxlen = 0;
		c->rx_overflow = 0;
	}
	if (!c->rx_overflow) {
		if (c->rxlen + len > limit) {
			/* Reassemble up to the limit and no further: drop the rest of
			 * this message, then say why once it ends. */
			c->rx_overflow = 1;
		} else {
			if (!c->rx && !(c->rx = malloc(limit + 1)))
				return -1;
			memcpy(c->rx + c->rxlen, in, len);
			c->rxlen += len;
		}
	}
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return 0;
	struct hr_proto_error err;
	if (lws_frame_is_binary(wsi)) {
		hr_proto_error_set(&err, HR_E_UNSUPPORTED, NULL, "binary messages are not supported; send JSON text");
		ws_error(wsi, c, &err);
	} else if (c->rx_overflow) {
		char m[96];
		snprintf(m, sizeof(m), "the message is larger than %zu bytes", limit);
		hr_proto_error_set(&err, HR_E_TOO_LARGE, NULL, m);
		ws_error(wsi, c, &err);
	} else {
		ws_message(s, wsi, c, c->rx, c->rxlen);
	}
	c->rxlen = 0;
	c->rx_overflow = 0;
	return 0;
}

static int ws_writeable(struct lws *wsi, struct conn *c)
{
	struct outmsg *m = c->head;
	if (!m) {
		/* Draining waits for a spoken answer still being made, too. */
		if (!server_of(wsi)->goodbye || c->vjob)
			return 0;
		/* Draining: every answer this client asked for has been written;
		 * tell it to reconnect elsewhere (1001 Going Away), then hang up.
		 * The close frame is written here, not queued with
		 * lws_close_reason(): Debian's lws 4.1 is a debug build whose libuv
		 * path closes a second time when a callback returns -1, and that
		 * drops a queued close frame. lws frames opcode 4 (its internal
		 * LWS_WRITE_CLOSE) as a close. */
		static const char why[] = "\x03\xe9"
					  "herald is restarting";
		unsigned char frame[LWS_PRE + sizeof(why)];
		memcpy(frame + LWS_PRE, why, sizeof(why) - 1);
		lws_write(wsi, frame + LWS_PRE, sizeof(why) - 1, (enum lws_write_protocol)4);
		return -1;
	}
	if (m->binary) {
		/* A WAV goes out in fragments of one message, so that one large
		 * answer does not hold the connection's buffers at once. */
		size_t chunk = m->len - m->off < 32768 ? m->len - m->off : 32768;
		int flags = lws_write_ws_flags(LWS_WRITE_BINARY, m->off == 0, m->off + chunk == m->len);
		int n = lws_write(wsi, (unsigned char *)m->buf + LWS_PRE + m->off, chunk, (enum lws_write_protocol)flags);
		if (n < (int)chunk)
			return -1;
		m->off += chunk;
		if (m->off < m->len) {
			lws_callback_on_writable(wsi);
			return 0;
		}
	} else {
		int n = lws_write(wsi, (unsigned char *)m->buf + LWS_PRE, m->len, LWS_WRITE_TEXT);
		if (n < (int)m->len)
			return -1;
	}
	c->head = m->next;
	if (!c->head)
		c->tail = NULL;
	c->queued--;
	free(m->buf);
	free(m);
	if (c->rx_paused && !c->voice_paused && c->queued <= (unsigned)server_of(wsi)->cfg->max_queued_replies / 2) {
		lws_rx_flow_control(wsi, 1);
		c->rx_paused = 0;
	}
	if (c->head || server_of(wsi)->goodbye)
		lws_callback_on_writable(wsi);
	return 0;
}

/* Decides an upgrade before it happens: only /chat, only allowed origins,
 * a bearer token when configured, and within the connection caps. */
static int ws_filter(struct hr_server *s, struct lws *wsi)
{
	char uri[64], origin[256], host[256], auth[512];
	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 || strcmp(uri, "/chat") != 0)
		return -1;
	if (s->draining) {
		hr_metrics_refused(s->metrics, HR_REFUSED_DRAINING);
		hr_info("event=ws_refused reason=draining");
		return -1;
	}
	if (!hr_access_origin_allowed(header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin)),
				      header(wsi, WSI_TOKEN_HOST, host, sizeof(host)), s->cfg->allowed_origins)) {
		hr_metrics_refused(s->metrics, HR_REFUSED_ORIGIN);
		hr_info("event=ws_refused reason=origin");
		return -1;
	}
	if (!hr_access_token_ok(header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)), s->cfg->auth_tokens)) {
		hr_metrics_refused(s->metrics, HR_REFUSED_TOKEN);
		hr_info("event=ws_refused reason=token");
		return -1;
	}
	unsigned open = total_connections(s);
	if (open >= (unsigned)s->cfg->max_connections) {
		hr_metrics_refused(s->metrics, HR_REFUSED_MAX_CONNECTIONS);
		hr_warn("event=ws_refused reason=max_connections open=%u", open);
		return -1;
	}
	return 0;
}

/* ---- HTTP ---- */

/* Adds the CORS headers when the request came from an allowed web origin. */
static int add_cors(struct lws *wsi, unsigned char **p, unsigned char *end)
{
	char origin[256], host[256];
	header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin));
	if (!origin[0] || !hr_access_origin_allowed(origin, header(wsi, WSI_TOKEN_HOST, host, sizeof(host)),
						    server_of(wsi)->cfg->allowed_origins))
		return 0;
	return lws_add_http_header_by_name(wsi, (const unsigned char *)"access-control-allow-origin:",
					   (const unsigned char *)origin, (int)strlen(origin), p, end) ||
	       lws_add_http_header_by_name(wsi, (const unsigned char *)"vary:", (const unsigned char *)"Origin", 6, p,
					   end);
}

static int http_respond_type(struct lws *wsi, struct conn *c, unsigned status, const char *type,
			     const char *allow, char *json, size_t jsonlen)
{
	unsigned char hdr[LWS_PRE + 1024];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	if (lws_add_http_common_headers(wsi, status, type, jsonlen, &p, end))
		goto fail;
	if (add_cors(wsi, &p, end))
		goto fail;
	if (status == 401 && lws_add_http_header_by_name(wsi, (const unsigned char *)"www-authenticate:",
							 (const unsigned char *)"Bearer", 6, &p, end))
		goto fail;
	if (allow && lws_add_http_header_by_name(wsi, (const unsigned char *)"allow:", (const unsigned char *)allow,
						 (int)strlen(allow), &p, end))
		goto fail;
	if (lws_add_http_header_by_name(wsi, (const unsigned char *)"cache-control:", (const unsigned char *)"no-store",
					8, &p, end))
		goto fail;
	if (lws_finalize_write_http_header(wsi, start, &p, end))
		goto fail;
	free(c->resp);
	c->resp = json;
	c->resplen = jsonlen;
	lws_callback_on_writable(wsi);
	return 0;
fail:
	free(json);
	return -1;
}

static int http_respond(struct lws *wsi, struct conn *c, unsigned status, const char *allow, char *json,
			size_t jsonlen)
{
	return http_respond_type(wsi, c, status, "application/json", allow, json, jsonlen);
}

static int http_error(struct lws *wsi, struct conn *c, unsigned status, enum hr_proto_code code,
		      const char *message, const char *allow)
{
	struct hr_proto_error e;
	hr_proto_error_set(&e, code, NULL, message);
	size_t len;
	char *json = hr_proto_error(&e, LWS_PRE, &len);
	if (!json)
		return -1;
	hr_info("event=http status=%u code=%s", status, hr_proto_code_name(code));
	return http_respond(wsi, c, status, allow, json, len);
}

static int http_json(struct lws *wsi, struct conn *c, unsigned status, const char *literal)
{
	size_t len = strlen(literal);
	char *buf = malloc(LWS_PRE + len + 1);
	if (!buf)
		return -1;
	memcpy(buf + LWS_PRE, literal, len + 1);
	return http_respond(wsi, c, status, NULL, buf, len);
}

static int is_method(struct lws *wsi, enum lws_token_indexes t)
{
	return lws_hdr_total_length(wsi, t) > 0;
}

/* Answers a CORS preflight for /v1/ask from an allowed origin. */
static int http_preflight(struct lws *wsi, struct conn *c)
{
	unsigned char hdr[LWS_PRE + 1024];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	if (lws_add_http_common_headers(wsi, 204, NULL, 0, &p, end) || add_cors(wsi, &p, end) ||
	    lws_add_http_header_by_name(wsi, (const unsigned char *)"access-control-allow-methods:",
					(const unsigned char *)"POST, GET, OPTIONS", 18, &p, end) ||
	    lws_add_http_header_by_name(wsi, (const unsigned char *)"access-control-allow-headers:",
					(const unsigned char *)"Content-Type, Authorization", 27, &p, end) ||
	    lws_add_http_header_by_name(wsi, (const unsigned char *)"access-control-max-age:",
					(const unsigned char *)"600", 3, &p, end) ||
	    lws_finalize_write_http_header(wsi, start, &p, end))
		return -1;
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}

/* JSON, or what curl sends by default for -d (a JSON body all the same). */
static int json_content_type(struct lws *wsi)
{
	char ct[128];
	header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, ct, sizeof(ct));
	size_t n = strcspn(ct, ";");
	while (n > 0 && ct[n - 1] == ' ')
		n--;
	ct[n] = '\0';
	return !ct[0] || strcasecmp(ct, "application/json") == 0 || strcasecmp(ct, "text/plain") == 0 ||
	       strcasecmp(ct, "application/x-www-form-urlencoded") == 0;
}

static int add_header(struct lws *wsi, const char *name, const char *value, unsigned char **p, unsigned char *end)
{
	return lws_add_http_header_by_name(wsi, (const unsigned char *)name, (const unsigned char *)value,
					   (int)strlen(value), p, end);
}

/* Serves one of the widget's files from memory (webroot.c: the disk is never
 * touched here), 304 when the client's copy is current, headers alone for HEAD. */
static int http_static(struct lws *wsi, struct conn *c, const struct hr_web_file *f)
{
	int head = is_method(wsi, WSI_TOKEN_HEAD_URI);
	if (!head && !is_method(wsi, WSI_TOKEN_GET_URI))
		return http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET, HEAD");
	char inm[256];
	int fresh = hr_webroot_etag_matches(f, header(wsi, WSI_TOKEN_HTTP_IF_NONE_MATCH, inm, sizeof(inm)));
	unsigned char hdr[LWS_PRE + 2048];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	/* lws adds nosniff and a strict baseline CSP to every response
	 * (HEADERS_SECURITY_BEST_PRACTICES_ENFORCE); pages get our own too. */
	if (lws_add_http_common_headers(wsi, fresh ? 304 : 200, f->type, f->len, &p, end) ||
	    add_cors(wsi, &p, end) || /* for <script crossorigin integrity=...> on an allowed portal */
	    add_header(wsi, "etag:", f->etag, &p, end) || add_header(wsi, "cache-control:", f->cache_control, &p, end) ||
	    (f->csp && add_header(wsi, "content-security-policy:", f->csp, &p, end)) ||
	    lws_finalize_write_http_header(wsi, start, &p, end))
		return -1;
	if (fresh || head || f->len == 0)
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	/* A copy, so a reload may free the set while this response waits. */
	char *buf = malloc(LWS_PRE + f->len);
	if (!buf)
		return -1;
	memcpy(buf + LWS_PRE, f->data, f->len);
	free(c->resp);
	c->resp = buf;
	c->resplen = f->len;
	lws_callback_on_writable(wsi);
	return 0;
}

/* GET /metrics: Prometheus text, to loopback and metrics.allow only, since
 * the counters describe the service to whoever can read them. */
static int http_metrics(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	char peer[64] = "";
	lws_get_peer_simple(wsi, peer, sizeof(peer));
	if (!hr_metrics_allowed(peer, s->cfg->metrics_allow)) {
		hr_info("event=http status=403 path=/metrics reason=address_not_allowed");
		return http_json(wsi, c, 403, "{\"type\":\"error\",\"code\":\"forbidden\","
					      "\"message\":\"metrics are served to loopback and metrics.allow only\"}");
	}
	struct hr_metrics_gauges g = { .connections_open = total_connections(s), .draining = s->draining,
					.workers = s->workers };
	size_t len;
	char *buf = hr_metrics_render(s->metrics, &g, LWS_PRE, &len);
	if (!buf)
		return -1;
	return http_respond_type(wsi, c, 200, "text/plain; version=0.0.4; charset=utf-8", NULL, buf, len);
}

static int http_request(struct hr_server *s, struct lws *wsi, struct conn *c, const char *path)
{
	int post = is_method(wsi, WSI_TOKEN_POST_URI);
	int get = is_method(wsi, WSI_TOKEN_GET_URI);
	char origin[256], host[256], auth[512];
	if (!hr_access_origin_allowed(header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin)),
				      header(wsi, WSI_TOKEN_HOST, host, sizeof(host)), s->cfg->allowed_origins))
		return http_error(wsi, c, 403, HR_E_BAD_REQUEST, "this web origin is not allowed", NULL);
	if (is_method(wsi, WSI_TOKEN_OPTIONS_URI) && strcmp(path, "/v1/ask") == 0)
		return http_preflight(wsi, c);
	if (strcmp(path, "/healthz") == 0) {
		if (!get)
			return http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET");
		/* A load balancer takes a draining instance out of rotation. */
		if (s->draining)
			return http_json(wsi, c, 503, "{\"status\":\"draining\"}");
		return http_json(wsi, c, 200, "{\"status\":\"ok\"}");
	}
	if (strcmp(path, "/metrics") == 0) {
		if (!get)
			return http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET");
		return http_metrics(s, wsi, c);
	}
	if (strcmp(path, "/v1/voice") == 0)
		return http_voice_request(s, wsi, c, post);
	if (strcmp(path, "/v1/ask") == 0) {
		if (!post)
			return http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use POST with a JSON body", "POST");
		if (!hr_access_token_ok(header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)),
					s->cfg->auth_tokens))
			return http_error(wsi, c, 401, HR_E_BAD_REQUEST, "a valid bearer token is required", NULL);
		if (!json_content_type(wsi))
			return http_error(wsi, c, 415, HR_E_BAD_REQUEST, "send the body as application/json", NULL);
		char cl[32];
		if (lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0 &&
		    strtoull(cl, NULL, 10) > (unsigned long long)s->cfg->message_bytes) {
			char m[96];
			snprintf(m, sizeof(m), "the body is larger than %d bytes", s->cfg->message_bytes);
			return http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
		}
		c->route = ROUTE_ASK;
		s->http_busy++;
		return 0; /* wait for the body */
	}
	const struct hr_web_file *f = hr_webroot_find(s->web, path);
	if (f)
		return http_static(wsi, c, f);
	return http_error(wsi, c, 404, HR_E_BAD_REQUEST, "no such path; see docs/protocol.md", NULL);
}

static size_t voice_body_limit(const struct hr_server *s);

static int http_body(struct hr_server *s, struct conn *c, const char *in, size_t len)
{
	/* "Content-Length: 0" comes as one empty chunk with IN NULL, which
	 * memcpy() must not be given even for no bytes. */
	if (len == 0)
		return 0;
	size_t limit = c->route == ROUTE_VOICE ? voice_body_limit(s) : (size_t)s->cfg->message_bytes;
	if (c->body_overflow || c->bodylen + len > limit) {
		c->body_overflow = 1;
		return 0;
	}
	if (!c->body && !(c->body = malloc(limit + 1)))
		return -1;
	memcpy(c->body + c->bodylen, in, len);
	c->bodylen += len;
	return 0;
}

static int http_ask(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (c->body_overflow) {
		char m[96];
		snprintf(m, sizeof(m), "the body is larger than %d bytes", s->cfg->message_bytes);
		return http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	struct hr_ask ask;
	struct hr_proto_error err;
	if (hr_proto_parse_http(c->body ? c->body : "", c->bodylen, (size_t)s->cfg->message_bytes, &ask, &err))
		return http_error(wsi, c, err.code == HR_E_TOO_LARGE ? 413 : 400, err.code, err.message, NULL);
	/* The conversation: the context the client carries, when it decodes,
	 * whichever instance answered before; else what this instance remembers
	 * for the session; else a new one. A malformed context is ignored, so the
	 * question is still answered (docs/protocol.md); the log says why, never
	 * what it held. The session, if any, remembers the outcome either way. */
	struct hr_convo convo = { 0 };
	int carried = 0;
	if (ask.context) {
		int crc = hr_convo_decode(ask.context, ask.context_len, &convo);
		carried = crc == 0;
		if (crc)
			hr_info("event=context_ignored reason=%s", hr_convo_error_name(crc));
	}
	if (!carried && ask.has_session)
		hr_sessions_load(s->sessions, ask.session, now_ms(), &convo);
	struct hr_answer a = { 0 };
	int rc = answer(s, &convo, &ask, &a);
	if (rc == 0 && ask.has_session && hr_sessions_store(s->sessions, ask.session, now_ms(), &convo))
		hr_warn("event=session_not_kept error=\"out of memory\"");
	if (rc) {
		hr_answer_clear(&a);
		hr_ask_clear(&ask);
		return http_error(wsi, c, rc == -EINVAL ? 400 : 500, rc == -EINVAL ? HR_E_BAD_REQUEST : HR_E_INTERNAL,
				  rc == -EINVAL ? "\"text\" must be valid UTF-8" : "internal error", NULL);
	}
	char ctx[HR_CONVO_CONTEXT_MAX + 1];
	size_t len, clen;
	int crc = hr_convo_encode(&convo, ctx, sizeof(ctx), &clen);
	char *json = hr_proto_answer_with_context(&a, NULL, ask.has_session ? ask.session : NULL, crc ? NULL : ctx,
						  LWS_PRE, &len);
	hr_answer_clear(&a);
	hr_ask_clear(&ask);
	if (!json)
		return -1;
	return http_respond(wsi, c, 200, NULL, json, len);
}

/* ---- Voice: the network side of voice.h ---- */

/* Audio bytes a POST /v1/voice body may hold: limits.audio_seconds of 48 kHz
 * 16-bit stereo, the largest WAV accepted, plus room for its header chunks. */
static size_t voice_body_limit(const struct hr_server *s)
{
	return (size_t)s->cfg->audio_seconds * 48000 * 4 + 65536;
}

static int voice_answer(void *ud, const char *text, size_t len, struct hr_answer *out)
{
	struct conn *c = ud;
	/* The transcript is a question like any typed one: same engine, same
	 * safety layer first, same conversation. */
	struct hr_ask ask = { .text = (char *)text, .text_len = len };
	return answer(server_of(c->wsi), &c->convo, &ask, out);
}

static void voice_send(void *ud, char *buf, size_t len, int binary)
{
	struct conn *c = ud;
	ws_enqueue_kind(c->wsi, c, buf, len, binary);
}

/* The spoken exchange is over: read the client's next message. */
static void voice_done(void *ud)
{
	struct conn *c = ud;
	c->vjob = NULL;
	if (c->voice_paused) {
		c->voice_paused = 0;
		if (!c->rx_paused)
			lws_rx_flow_control(c->wsi, 1);
	}
}

static void voice_respond(void *ud, unsigned status, const char *type, char *buf, size_t len)
{
	struct conn *c = ud;
	c->vjob = NULL;
	if (!buf) {
		http_error(c->wsi, c, 500, HR_E_INTERNAL, "internal error", NULL);
		return;
	}
	if (http_respond_type(c->wsi, c, status, type, NULL, buf, len))
		lws_set_timeout(c->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
}

static const struct hr_voice_sink voice_ws_sink = { voice_answer, voice_send, voice_done, NULL };
static const struct hr_voice_sink voice_http_sink = { voice_answer, NULL, NULL, voice_respond };

static int ws_audio(struct hr_server *s, struct conn *c, const char *in, size_t len)
{
	size_t max = (size_t)s->cfg->audio_seconds * c->audio_rate * 2;
	if (c->audio_over || c->audiolen + len > max) {
		c->audio_over = 1; /* said at audio_end, where the client listens */
		return 0;
	}
	if (!c->audio && !(c->audio = malloc(max ? max : 1)))
		return -1;
	memcpy(c->audio + c->audiolen, in, len);
	c->audiolen += len;
	return 0;
}

static void ws_voice(struct hr_server *s, struct lws *wsi, struct conn *c, int type, const struct hr_audio_msg *am)
{
	struct hr_proto_error err;
	if (!s->voice) {
		hr_proto_error_set(&err, HR_E_UNSUPPORTED, am->id, "voice is not available on this server");
		ws_error(wsi, c, &err);
		return;
	}
	if (type == HR_VMSG_START) {
		if (c->audio_on) {
			hr_proto_error_set(&err, HR_E_BAD_REQUEST, am->id, "audio_start while another audio is open");
			ws_error(wsi, c, &err);
			return;
		}
		/* The buffer is sized for this audio's rate, at its first frame. */
		free(c->audio);
		c->audio = NULL;
		c->audio_on = 1;
		c->audio_over = 0;
		c->audiolen = 0;
		c->audio_rate = am->rate;
		snprintf(c->audio_id, sizeof(c->audio_id), "%s", am->id);
		return;
	}
	if (!c->audio_on || strcmp(c->audio_id, am->id) != 0) {
		hr_proto_error_set(&err, HR_E_BAD_REQUEST, am->id, "audio_end without a matching audio_start");
		ws_error(wsi, c, &err);
		return;
	}
	c->audio_on = 0;
	if (c->audio_over || c->audiolen < 2) {
		char m[96];
		snprintf(m, sizeof(m), c->audio_over ? "the audio is longer than %d seconds" : "no audio was sent",
			 s->cfg->audio_seconds);
		hr_proto_error_set(&err, c->audio_over ? HR_E_TOO_LARGE : HR_E_BAD_REQUEST, am->id, m);
		ws_error(wsi, c, &err);
		return;
	}
	if (!hr_bucket_take(&c->bucket, s->cfg->rate_per_second, s->cfg->rate_burst, now_ms())) {
		hr_metrics_event(s->metrics, HR_EV_RATE_LIMITED);
		hr_proto_error_set(&err, HR_E_RATE_LIMITED, am->id, "too many questions; wait a moment and ask again");
		ws_error(wsi, c, &err);
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
	int rc = pcm ? hr_voice_start(s->voice, pcm, m, am->id, HR_VOICE_WS, &voice_ws_sink, c, LWS_PRE, &c->vjob)
		     : -ENOMEM;
	if (rc) {
		c->vjob = NULL;
		hr_proto_error_set(&err, rc == -EBUSY ? HR_E_RATE_LIMITED : rc == -ENODEV ? HR_E_UNSUPPORTED : HR_E_INTERNAL,
				   am->id,
				   rc == -EBUSY	   ? "herald is busy listening to others; ask again in a moment"
				   : rc == -ENODEV ? "voice is not available on this server"
						   : "internal error");
		ws_error(wsi, c, &err);
		return;
	}
	/* Replies come in the order questions were sent: read nothing more
	 * from this client until the spoken answer is queued. */
	c->voice_paused = 1;
	lws_rx_flow_control(wsi, 0);
}

/* POST /v1/voice: checks what can be checked before the body arrives. */
static int http_voice_request(struct hr_server *s, struct lws *wsi, struct conn *c, int post)
{
	char auth[512], ct[128], accept[256], arg[48], cl[32];
	if (!post)
		return http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use POST with a WAV body", "POST");
	if (!hr_access_token_ok(header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)), s->cfg->auth_tokens))
		return http_error(wsi, c, 401, HR_E_BAD_REQUEST, "a valid bearer token is required", NULL);
	if (!s->voice)
		return http_error(wsi, c, 503, HR_E_UNSUPPORTED, "voice is not available on this server", NULL);
	header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, ct, sizeof(ct));
	ct[strcspn(ct, "; ")] = '\0';
	if (ct[0] && strcasecmp(ct, "audio/wav") && strcasecmp(ct, "audio/x-wav") && strcasecmp(ct, "audio/wave") &&
	    strcasecmp(ct, "application/octet-stream"))
		return http_error(wsi, c, 415, HR_E_BAD_REQUEST, "send the body as audio/wav (16-bit PCM)", NULL);
	if (lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0 &&
	    strtoull(cl, NULL, 10) > (unsigned long long)voice_body_limit(s)) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		return http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
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
			return http_error(wsi, c, 400, HR_E_BAD_REQUEST, "reply must be json, wav or json+wav", NULL);
	} else if (strstr(header(wsi, WSI_TOKEN_HTTP_ACCEPT, accept, sizeof(accept)), "audio/wav")) {
		c->voice_reply = HR_VOICE_HTTP_WAV;
	}
	c->wsi = wsi;
	c->route = ROUTE_VOICE;
	s->http_busy++;
	return 0; /* wait for the body */
}

/* The WAV has arrived: recognise and answer it off the loop. */
static int http_voice(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (c->body_overflow) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		return http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	struct hr_wav w;
	const char *why = "not a WAV file";
	int prc = c->body ? hr_wav_parse(c->body, c->bodylen, &w, &why) : -EINVAL;
	if (prc)
		return http_error(wsi, c, prc == -ENOTSUP ? 415 : 400, HR_E_BAD_REQUEST, why, NULL);
	if (w.frames > (size_t)s->cfg->audio_seconds * w.rate) {
		char m[96];
		snprintf(m, sizeof(m), "the audio is longer than %d seconds", s->cfg->audio_seconds);
		return http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	if (w.frames == 0)
		return http_error(wsi, c, 400, HR_E_BAD_REQUEST, "the WAV holds no audio", NULL);
	size_t n = 0;
	int16_t *pcm = hr_wav_to_asr(&w, &n);
	int rc = pcm ? hr_voice_start(s->voice, pcm, n, NULL, c->voice_reply, &voice_http_sink, c, LWS_PRE, &c->vjob)
		     : -ENOMEM;
	if (rc == -EBUSY)
		return http_error(wsi, c, 503, HR_E_RATE_LIMITED, "herald is busy listening to others; ask again in a moment",
				  NULL);
	if (rc)
		return http_error(wsi, c, rc == -ENODEV ? 503 : 500, rc == -ENODEV ? HR_E_UNSUPPORTED : HR_E_INTERNAL,
				  rc == -ENODEV ? "voice is not available on this server" : "internal error", NULL);
	return 0; /* voice_respond answers */
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
 * body is spotted by its replayed request line (http_replayed()), and the
 * connection is closed once every response before it is written, so the
 * client sends it again on a new connection as RFC 9112 asks. If some other
 * path ever made lws loop on a completion within one turn of the loop, the
 * connection is closed too, rather than the worker spinning.
 */

/* Counts the turns of the loop, so that http_body_completion() can tell lws
 * looping within one turn from repeats spread over turns. */
static void on_turn(uv_check_t *h)
{
	struct hr_server *s = h->data;
	s->turns++;
}

/* A new request on C: its headers are parsed. */
static void http_begin(struct lws *wsi, struct conn *c, const char *path)
{
	const char *method = is_method(wsi, WSI_TOKEN_POST_URI)	   ? "POST"
			     : is_method(wsi, WSI_TOKEN_GET_URI)	   ? "GET"
			     : is_method(wsi, WSI_TOKEN_HEAD_URI)	   ? "HEAD"
			     : is_method(wsi, WSI_TOKEN_OPTIONS_URI) ? "OPTIONS"
								   : "";
	snprintf(c->request_line, sizeof(c->request_line), "%s %s", method, path);
	c->body_started = c->body_done = 0;
	c->repeats = 0;
}

/* Whether the first body bytes of the request in progress are its own
 * request line: lws replaying a pipelined request's headers (see above).
 * No JSON body and no WAV begins with "POST /". */
static int http_replayed(const struct conn *c, const char *in, size_t len)
{
	size_t n = strlen(c->request_line);
	if (n > len)
		n = len;
	return in && n > 0 && c->request_line[0] != ' ' && memcmp(in, c->request_line, n) == 0;
}

/* The body has arrived (once per request; see above for the repeats). */
static int http_body_completion(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (c->body_done) {
		if (c->repeat_turn != s->turns) {
			c->repeat_turn = s->turns;
			c->repeats = 0;
		}
		if (++c->repeats > 16) {
			hr_warn("event=http_pipeline_closed request=\"%s\" reason=lws_loop", c->request_line);
			return -1;
		}
		return 0;
	}
	c->body_done = 1;
	if (c->route == ROUTE_VOICE)
		return http_voice(s, wsi, c);
	return c->route == ROUTE_ASK ? http_ask(s, wsi, c) : 0;
}

static void http_free(struct hr_server *s, struct conn *c)
{
	if (c->route == ROUTE_ASK || c->route == ROUTE_VOICE)
		s->http_busy--;
	hr_voice_cancel(c->vjob);
	c->vjob = NULL;
	free(c->body);
	free(c->resp);
	c->body = c->resp = NULL;
	c->bodylen = c->resplen = 0;
	c->body_overflow = 0;
	c->route = ROUTE_NONE;
}

static int http_writeable(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (!c->resp)
		return s->goodbye ? -1 : 0; /* an idle keep-alive connection */
	int n = lws_write(wsi, (unsigned char *)c->resp + LWS_PRE, c->resplen, LWS_WRITE_HTTP_FINAL);
	int short_write = n < (int)c->resplen;
	http_free(s, c);
	if (short_write || s->draining)
		return -1;
	/* Keep-alive: ready for the next request on this connection. */
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct conn *c = user;
	struct hr_server *s = server_of(wsi);

	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		/* Never read `in` here (CVE-2025-11677). */
		return 0;
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return ws_filter(s, wsi);
	case LWS_CALLBACK_ESTABLISHED:
		memset(c, 0, sizeof(*c));
		enum hr_refusal why = HR_REFUSED_PER_ADDRESS;
		if (!(c->addr = addr_acquire(s, wsi, &why))) {
			hr_metrics_refused(s->metrics, why);
			hr_warn("event=ws_refused reason=%s",
				why == HR_REFUSED_PER_ADDRESS ? "per_address" : "max_connections");
			return -1;
		}
		c->is_ws = 1;
		c->wsi = wsi;
		s->connections++;
		hr_metrics_event(s->metrics, HR_EV_CONNECTION_OPENED);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		return ws_receive(s, wsi, c, in, len);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return ws_writeable(wsi, c);
	case LWS_CALLBACK_CLOSED:
		/* lws also reports CLOSED for upgrades it refused before
		 * ESTABLISHED; only count what was counted. */
		if (c && c->is_ws) {
			ws_free(c);
			addr_release(s, c->addr);
			c->addr = NULL;
			c->is_ws = 0;
			s->connections--;
		}
		return 0;

	case LWS_CALLBACK_HTTP:
		http_begin(wsi, c, in ? (const char *)in : "");
		return http_request(s, wsi, c, in ? (const char *)in : "");
	case LWS_CALLBACK_HTTP_BODY:
		if (!c->body_started) {
			c->body_started = 1;
			if (http_replayed(c, in, len)) {
				hr_info("event=http_pipeline_closed request=\"%s\" (a request with a body sent "
					"before the previous response; answered what came before it)",
					c->request_line);
				return -1;
			}
		}
		return c->route == ROUTE_ASK || c->route == ROUTE_VOICE ? http_body(s, c, in, len) : 0;
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		return http_body_completion(s, wsi, c);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		return http_writeable(s, wsi, c);
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
	case LWS_CALLBACK_CLOSED_HTTP:
		if (c && !c->is_ws)
			http_free(s, c);
		return 0;
	default:
		return 0;
	}
}

static const struct lws_protocols protocols[] = {
	{
		.name = HR_PROTO_VERSION,
		.callback = callback,
		.per_session_data_size = sizeof(struct conn),
		.rx_buffer_size = 4096,
	},
	{ NULL, NULL, 0, 0, 0, NULL, 0 },
};

/* Routes lws's own log lines into ours, at the same priority. */
static void lws_log_emit(int level, const char *line)
{
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	enum hr_log_level lv = level == LLL_ERR ? HR_LOG_ERR : level == LLL_WARN ? HR_LOG_WARN : HR_LOG_DEBUG;
	hr_log(lv, "lws: %.*s", (int)n, line);
}

/* ---- Listening ----
 *
 * herald opens the listening socket itself and hands each accepted
 * connection to lws (lws_adopt_socket_vhost), exactly as lws's own listener
 * would. The reason is --workers: every worker listens on the same port with
 * a socket of its own, with SO_REUSEPORT, so the kernel spreads connections
 * over the workers and none waits on another. Debian's libwebsockets 4.1
 * does not set SO_REUSEPORT itself (LWS_SERVER_OPTION_ALLOW_LISTEN_SHARE had
 * no effect there), and one code path for one worker or many keeps the tests
 * honest about both. */

/* Connections taken per wake-up, so one busy port cannot starve the loop. */
#define ACCEPT_BATCH 64

/* Whether something else already listens on ADDR. SO_REUSEPORT would let a
 * second herald of the same user share the port without a word; a probe bound
 * without it fails instead, so a mistaken second start is refused. */
static int port_taken(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return 0;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	int taken = bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno == EADDRINUSE;
	close(fd);
	return taken;
}

static int listen_open(const char *host, int port, int first, int *bound_port)
{
	char service[16];
	snprintf(service, sizeof(service), "%d", port);
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
	struct addrinfo *res = NULL;
	int gai = getaddrinfo(host && *host ? host : NULL, service, &hints, &res);
	if (gai) {
		hr_err("event=listen_failed addr=%s:%d error=\"%s\"", host, port, gai_strerror(gai));
		return -EINVAL;
	}
	int fd = -1, err = EADDRNOTAVAIL;
	for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
		if (first && port != 0 && port_taken(ai)) {
			err = EADDRINUSE;
			continue;
		}
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, SOMAXCONN)) {
			err = errno;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0) {
		hr_err("event=listen_failed addr=%s:%d error=\"%s\"", host, port, strerror(err));
		return -err;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	*bound_port = port;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		*bound_port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
							     : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

static void on_listen_readable(uv_poll_t *h, int status, int events);

static void on_listen_pause(uv_timer_t *t)
{
	struct hr_server *s = t->data;
	if (s->listen_on)
		uv_poll_start(&s->listen_poll, UV_READABLE, on_listen_readable);
}

static void on_listen_readable(uv_poll_t *h, int status, int events)
{
	(void)events;
	struct hr_server *s = h->data;
	if (status < 0 || !s->listen_on)
		return;
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* Out of descriptors: the connection waits in the backlog
				 * instead of the loop spinning on it. */
				hr_warn("event=accept_paused error=\"%s\"", strerror(errno));
				uv_poll_stop(&s->listen_poll);
				uv_timer_start(&s->listen_pause, on_listen_pause, 100, 0);
			}
			return; /* EAGAIN: all taken; others (ECONNABORTED...) concern one client */
		}
		/* On failure lws closes the descriptor itself. */
		if (!lws_adopt_socket_vhost(s->vhost, fd))
			hr_warn("event=adopt_failed");
	}
}

static void listen_stop(struct hr_server *s)
{
	if (!s->listen_on)
		return;
	s->listen_on = 0;
	uv_close((uv_handle_t *)&s->listen_poll, NULL);
	uv_close((uv_handle_t *)&s->listen_pause, NULL);
	uv_close((uv_handle_t *)&s->turn_check, NULL);
	close(s->listen_fd);
	s->listen_fd = -1;
}

/* libwebsockets 4.1 initialises and tears down OpenSSL's global state with
 * each context (LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT) and keeps a few globals
 * of its own; it does not say that creating or destroying contexts on several
 * threads at once is safe, and under AddressSanitizer two workers destroying
 * their TLS contexts together leaked a whole SSL_CTX. Contexts are therefore
 * created and destroyed one at a time; this happens at start and stop only. */
static pthread_mutex_t lws_lifecycle = PTHREAD_MUTEX_INITIALIZER;

static struct lws_context *context_create(const struct lws_context_creation_info *info)
{
	pthread_mutex_lock(&lws_lifecycle);
	struct lws_context *ctx = lws_create_context(info);
	pthread_mutex_unlock(&lws_lifecycle);
	return ctx;
}

static void context_destroy(struct lws_context *ctx)
{
	pthread_mutex_lock(&lws_lifecycle);
	lws_context_destroy(ctx);
	pthread_mutex_unlock(&lws_lifecycle);
}

hr_server_shared *hr_server_shared_new(const struct hr_config *cfg)
{
	struct hr_server_shared *sh = calloc(1, sizeof(*sh));
	if (!sh)
		return NULL;
	sh->sessions = hr_sessions_new((size_t)cfg->max_sessions, (uint64_t)cfg->session_ttl_s * 1000);
	if (!sh->sessions) {
		free(sh);
		return NULL;
	}
	pthread_mutex_init(&sh->lock, NULL);
	hr_metrics_init(&sh->metrics);
	return sh;
}

void hr_server_shared_free(hr_server_shared *sh)
{
	if (!sh)
		return;
	for (size_t i = 0; i < ADDR_BUCKETS; i++) {
		while (sh->addrs[i]) {
			struct addr_count *n = sh->addrs[i]->next;
			free(sh->addrs[i]);
			sh->addrs[i] = n;
		}
	}
	hr_sessions_free(sh->sessions);
	hr_metrics_fini(&sh->metrics);
	pthread_mutex_destroy(&sh->lock);
	free(sh);
}

unsigned hr_server_shared_connections(hr_server_shared *sh)
{
	pthread_mutex_lock(&sh->lock);
	unsigned n = sh->connections;
	pthread_mutex_unlock(&sh->lock);
	return n;
}

struct hr_metrics *hr_server_shared_metrics(hr_server_shared *sh)
{
	return sh ? &sh->metrics : NULL;
}

int hr_server_start(uv_loop_t *loop, const struct hr_config *cfg, hr_engine *engine, hr_server_shared *shared,
		    int worker, int workers, hr_server **out)
{
	struct hr_server *s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->cfg = cfg;
	s->engine = engine;
	s->shared = shared;
	s->sessions = shared->sessions;
	s->metrics = &shared->metrics;
	s->worker = worker;
	s->workers = workers;
	s->trace = malloc(sizeof(*s->trace));
	if (!s->trace) {
		free(s);
		return -ENOMEM;
	}
	lws_set_log_level(LLL_ERR | LLL_WARN, lws_log_emit);

	struct lws_context_creation_info info;
	memset(&info, 0, sizeof(info));
	void *foreign[1] = { loop };
	info.foreign_loops = foreign;
	info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_VALIDATE_UTF8 |
		       LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
		       LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	/* lws sets up the server side (TLS included) but does not listen:
	 * connections come from listen_open()'s socket. */
	info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
	info.protocols = protocols;
	info.user = s;
	/* With a foreign loop, destruction finishes asynchronously as lws's
	 * handles close; lws writes NULL here when it is complete. */
	info.pcontext = &s->ctx;
	info.max_http_header_data = 4096;
	/* A client that opens a connection and then sends its request or
	 * handshake slowly (or never) is cut after this long. */
	info.timeout_secs = (unsigned)cfg->request_seconds;
	info.timeout_secs_ah_idle = (unsigned)cfg->request_seconds; /* headers still arriving */
	s->idle_policy.secs_since_valid_ping = (uint16_t)cfg->ping_seconds;
	s->idle_policy.secs_since_valid_hangup = (uint16_t)cfg->idle_seconds;
	info.retry_and_idle_policy = &s->idle_policy;
	info.fd_limit_per_thread = (unsigned)cfg->max_connections + 64;
	info.pt_serv_buf_size = 16384;
	if (cfg->tls_cert[0] || cfg->tls_key[0]) {
		/* Both or neither: config validation cannot see pairs, so say it here. */
		if (!cfg->tls_cert[0] || !cfg->tls_key[0]) {
			hr_err("event=start_failed error=\"tls.cert and tls.key must be set together\"");
			free(s->trace);
			free(s);
			return -EINVAL;
		}
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
		info.ssl_cert_filepath = cfg->tls_cert;
		info.ssl_private_key_filepath = cfg->tls_key;
		/* Modern clients only; lws's default cipher list is OpenSSL's. */
		info.ssl_options_set = SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1;
	}
	s->ctx = context_create(&info);
	if (!s->ctx) {
		hr_err("event=start_failed error=\"cannot create the libwebsockets context (is libwebsockets-evlib-uv installed?)\"");
		free(s->trace);
		free(s);
		return -EIO;
	}
	pthread_mutex_lock(&lws_lifecycle);
	s->vhost = lws_create_vhost(s->ctx, &info);
	pthread_mutex_unlock(&lws_lifecycle);
	if (!s->vhost) {
		if (cfg->tls_cert[0])
			hr_err("event=listen_failed addr=%s:%d error=\"cannot set up TLS (check tls.cert and tls.key)\"",
			       cfg->listen_host, cfg->listen_port);
		else
			hr_err("event=listen_failed addr=%s:%d error=\"cannot create the vhost\"", cfg->listen_host,
			       cfg->listen_port);
		hr_server_stop(s);
		*out = s; /* the caller drains the loop, then frees */
		return -EINVAL;
	}
	int fd = listen_open(cfg->listen_host, cfg->listen_port, worker == 0, &s->port);
	if (fd < 0) {
		hr_server_stop(s);
		*out = s;
		return fd;
	}
	s->listen_fd = fd;
	s->loop = loop;
	uv_poll_init(loop, &s->listen_poll, fd);
	uv_timer_init(loop, &s->listen_pause);
	s->listen_poll.data = s->listen_pause.data = s;
	uv_check_init(loop, &s->turn_check);
	s->turn_check.data = s;
	uv_check_start(&s->turn_check, on_turn);
	s->listen_on = 1;
	uv_poll_start(&s->listen_poll, UV_READABLE, on_listen_readable);
	*out = s;
	return 0;
}

int hr_server_port(const hr_server *s)
{
	return s->port;
}

unsigned hr_server_connections(const hr_server *s)
{
	return s->connections;
}

void hr_server_drain(hr_server *s)
{
	if (s)
		s->draining = 1;
}

void hr_server_goodbye(hr_server *s)
{
	if (!s || !s->ctx || s->goodbye)
		return;
	s->draining = s->goodbye = 1;
	/* Each connection closes from its own WRITEABLE callback, after the
	 * replies already queued for it. */
	lws_callback_on_writable_all_protocol(s->ctx, &protocols[0]);
}

unsigned long long hr_server_questions(const hr_server *s)
{
	return s->questions;
}

struct hr_metrics *hr_server_metrics(hr_server *s)
{
	return s ? s->metrics : NULL;
}

unsigned hr_server_busy(const hr_server *s)
{
	return s->connections + s->http_busy;
}

void hr_server_stop(hr_server *s)
{
	if (!s || !s->ctx || s->stopping)
		return;
	s->stopping = 1;
	listen_stop(s);
	context_destroy(s->ctx);
}

void hr_server_free(hr_server *s)
{
	if (!s)
		return;
	/* After the loop has drained, a second call completes whatever the first
	 * could not while lws's handles were still closing (as the lws
	 * foreign-loop examples do). */
	if (s->ctx)
		context_destroy(s->ctx);
	free(s->trace);
	free(s);
}
