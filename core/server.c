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
#include <netinet/tcp.h>
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

/* Saying goodbye, how long new questions are read and refused before herald
 * stops reading (ws_goodbye()). */
#define GOODBYE_REFUSE_MS 250

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
	int refused; /* opened past a cap (another worker won the race): closed with 1013 */
	int bye;     /* SIGTERM: 1 new questions refused (shutting_down); 2 close frame sent */
	int bye_quiet; /* saying goodbye long enough: read nothing more before the close frame */
	int rx_off;  /* reading is paused now (ws_rx_update()) */
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
	unsigned open;	      /* connections open, every worker: limits.max_connections */
	unsigned connections; /* of those, WebSockets */
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
	uint64_t goodbye_ms; /* when hr_server_goodbye() was called (now_ms()) */
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
	struct front *fronts; /* connections at the front door, not yet lws's */
	unsigned nfronts;
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
 * HR_REFUSED_PER_ADDRESS). ws_confirm() already refused most upgrades over
 * it, but two workers can each pass it for the last slot; the count taken
 * here, under the lock, is the one that holds. (limits.max_connections counts
 * every connection, at accept: conn_take().)
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
	if (*pp && (*pp)->count < (unsigned)s->cfg->max_per_address) {
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
		hr_info("event=answered intent=%s safety=%s tier=%s candidates=%zu us=%lld", out->intent,
			hr_safety_name(out->safety) ? hr_safety_name(out->safety) : "none",
			hr_tier_name(trace->safety.tier) ? hr_tier_name(trace->safety.tier) : "none",
			trace->match.ncandidates, (long long)dt);
	return rc;
}

/* ---- WebSocket ---- */

/* Reading from a WebSocket is paused while any of its reasons holds: a client
 * that does not read its answers (rx_paused), a spoken answer being made
 * (voice_paused), or a goodbye that has refused questions long enough
 * (ws_goodbye()). lws has one switch for all three. */
static void ws_rx_update(struct lws *wsi, struct conn *c)
{
	int off = c->rx_paused || c->voice_paused || (c->bye == 1 && c->bye_quiet);
	if (off != c->rx_off) {
		c->rx_off = off;
		lws_rx_flow_control(wsi, !off);
	}
}

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
		c->rx_paused = 1;
		ws_rx_update(wsi, c);
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
		if (c->bye && vt != HR_VMSG_START) {
			/* No new spoken question while saying goodbye (audio_end). */
			hr_proto_error_set(&err, HR_E_SHUTTING_DOWN, am.id, "herald is restarting; ask again in a moment");
			ws_error(wsi, c, &err);
			c->audio_on = 0;
			return;
		}
		ws_voice(s, wsi, c, vt, &am);
		return;
	}
	if (hr_proto_parse_ws(msg, len, (size_t)s->cfg->message_bytes, &ask, &err)) {
		ws_error(wsi, c, &err);
		return;
	}
	if (c->bye) {
		/* Saying goodbye (ws_goodbye()): refused, so the client knows to
		 * ask again on its next connection. */
		hr_proto_error_set(&err, HR_E_SHUTTING_DOWN, ask.id, "herald is restarting; ask again in a moment");
		ws_error(wsi, c, &err);
		hr_ask_clear(&ask);
		if (!c->bye_quiet && now_ms() - s->goodbye_ms >= GOODBYE_REFUSE_MS) {
			c->bye_quiet = 1;
			ws_rx_update(wsi, c);
		}
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

/* Writes a close frame with CODE and REASON now (see ws_writeable() for why
 * it is not queued with lws_close_reason()); the caller then returns -1. lws
 * frames opcode 4 (its internal LWS_WRITE_CLOSE) as a close. */
static void ws_close_frame(struct lws *wsi, unsigned code, const char *reason)
{
	unsigned char frame[LWS_PRE + 2 + 96];
	size_t n = strlen(reason);
	if (n > 96)
		n = 96;
	frame[LWS_PRE] = (unsigned char)(code >> 8);
	frame[LWS_PRE + 1] = (unsigned char)(code & 0xff);
	memcpy(frame + LWS_PRE + 2, reason, n);
	lws_write(wsi, frame + LWS_PRE, 2 + n, (enum lws_write_protocol)4);
}

/*
 * Saying goodbye (SIGTERM, once the grace for questions on the wire is over):
 *  1. every question read from now on is refused at once with
 *     "shutting_down" (bye = 1); those read before are answered;
 *  2. once every reply is written, and any spoken answer made, the close
 *     frame goes out, 1001 "going away" (bye = 2): the client asks again, on
 *     a new connection, whatever is still unanswered (docs/protocol.md). A
 *     client that asks again as soon as it is refused could keep the queue
 *     from ever being empty, so after GOODBYE_REFUSE_MS herald stops reading
 *     (bye_quiet) and only writes what is queued;
 *  3. the connection stays open until the client's close frame comes back
 *     (or for 2 s), reading and dropping whatever crossed the close frame,
 *     so that herald never closes TCP with the client's bytes unread, which
 *     would make the kernel reset the connection, and the client could see a
 *     reset instead of the 1001.
 * The close frame is written here, not queued with lws_close_reason():
 * Debian's lws 4.1 is a debug build whose libuv path closes a second time
 * when a callback returns -1, which drops a queued close frame, and lws's own
 * closing states would make that second close kill the connection at once.
 */
static void ws_goodbye(struct lws *wsi, struct conn *c)
{
	if (c->bye == 0)
		c->bye = 1;
	if (c->bye != 1 || c->head || c->vjob)
		return;
	ws_close_frame(wsi, 1001, "herald is restarting");
	c->bye = 2;
	/* Read on, for the client's close frame. */
	c->rx_paused = 0;
	ws_rx_update(wsi, c);
	lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_ACK, 2);
}

static int ws_writeable(struct lws *wsi, struct conn *c)
{
	if (server_of(wsi)->goodbye && c->bye != 2)
		ws_goodbye(wsi, c);
	struct outmsg *m = c->head;
	if (!m)
		return 0;
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
	if (c->rx_paused && c->queued <= (unsigned)server_of(wsi)->cfg->max_queued_replies / 2) {
		c->rx_paused = 0;
		ws_rx_update(wsi, c);
	}
	if (c->head || (server_of(wsi)->goodbye && c->bye != 2))
		lws_callback_on_writable(wsi);
	return 0;
}

/* Why an upgrade is refused: the answer herald gives, and what it counts. */
struct ws_refusal {
	unsigned status;
	enum hr_proto_code code;
	const char *message;
	unsigned retry_after; /* seconds; 0: no Retry-After */
	int metric;	      /* an enum hr_refusal, or -1 */
	const char *reason;   /* for the log */
};

/* WebSockets open from ADDR, in every worker. */
static unsigned addr_open(struct hr_server_shared *sh, const char *addr)
{
	pthread_mutex_lock(&sh->lock);
	struct addr_count **pp = addr_slot(sh, addr);
	unsigned n = *pp ? (*pp)->count : 0;
	pthread_mutex_unlock(&sh->lock);
	return n;
}

/*
 * Decides an upgrade before it happens: only /chat, not while draining, only
 * allowed origins, a bearer token when configured, and within the cap per
 * address (the connection itself was counted against limits.max_connections
 * when it was accepted). Returns 0 to allow it, or 1 with *WHY filled in. The
 * cap is read here without taking a slot; addr_acquire() takes it at
 * ESTABLISHED, and refuses there (close 1013) if another worker took the last
 * one meanwhile.
 */
static int ws_decide(struct hr_server *s, struct lws *wsi, struct ws_refusal *why)
{
	char uri[64], origin[256], host[256], auth[512], peer[48] = "";
	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 || strcmp(uri, "/chat") != 0) {
		*why = (struct ws_refusal){ 404, HR_E_BAD_REQUEST, "only /chat takes a WebSocket; see docs/protocol.md",
					    0, -1, "path" };
		return 1;
	}
	if (s->draining) {
		*why = (struct ws_refusal){ 503, HR_E_SHUTTING_DOWN,
					    "herald is restarting; connect again in a moment", 1,
					    HR_REFUSED_DRAINING, "draining" };
		return 1;
	}
	if (!hr_access_origin_allowed(header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin)),
				      header(wsi, WSI_TOKEN_HOST, host, sizeof(host)), s->cfg->allowed_origins)) {
		*why = (struct ws_refusal){ 403, HR_E_BAD_REQUEST, "this web origin is not allowed", 0, HR_REFUSED_ORIGIN,
					    "origin" };
		return 1;
	}
	if (!hr_access_token_ok(header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)), s->cfg->auth_tokens)) {
		*why = (struct ws_refusal){ 401, HR_E_BAD_REQUEST, "a valid bearer token is required", 0,
					    HR_REFUSED_TOKEN, "token" };
		return 1;
	}
	lws_get_peer_simple(wsi, peer, sizeof(peer));
	if (addr_open(s->shared, peer) >= (unsigned)s->cfg->max_per_address) {
		*why = (struct ws_refusal){ 429, HR_E_RATE_LIMITED,
					    "too many connections from your address; close one or try again later", 5,
					    HR_REFUSED_PER_ADDRESS, "per_address" };
		return 1;
	}
	return 0;
}

static void ws_count_refusal(struct hr_server *s, const struct ws_refusal *why)
{
	if (why->metric >= 0)
		hr_metrics_refused(s->metrics, (enum hr_refusal)why->metric);
	hr_info("event=ws_refused reason=%s status=%u", why->reason, why->status);
}

static int http_refuse(struct lws *wsi, unsigned status, enum hr_proto_code code, const char *message,
		       unsigned retry_after);

/*
 * LWS_CALLBACK_HTTP_CONFIRM_UPGRADE: a refused upgrade is answered with its
 * status and JSON error instead of a bare close. Never reads `in`
 * (CVE-2025-11677): for an Upgrade other than "websocket", lws has already
 * answered 403 and may have reset the header table that `in` points into;
 * herald reads the header from the table, finds nothing to decide, and
 * leaves the request to lws. Returns 0 to go on, -1 after refusing.
 */
static int ws_confirm(struct hr_server *s, struct lws *wsi)
{
	char up[32];
	if (lws_hdr_copy(wsi, up, sizeof(up), WSI_TOKEN_UPGRADE) <= 0 || strcasecmp(up, "websocket") != 0)
		return 0;
	struct ws_refusal why;
	if (!ws_decide(s, wsi, &why))
		return 0;
	ws_count_refusal(s, &why);
	http_refuse(wsi, why.status, why.code, why.message, why.retry_after);
	return -1;
}

/* LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: the same decision, should the
 * state have changed since ws_confirm() (a SIGTERM in between). */
static int ws_filter(struct hr_server *s, struct lws *wsi)
{
	struct ws_refusal why;
	if (!ws_decide(s, wsi, &why))
		return 0;
	ws_count_refusal(s, &why);
	return -1;
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

/*
 * Writes a whole refusal at once: STATUS, the protocol's JSON error (CODE,
 * MESSAGE), "connection: close", and "retry-after: RETRY_AFTER" when that is
 * not 0. For the places where the connection ends with the answer: its
 * framing is unknown (Content-Length, Transfer-Encoding), or its body is not
 * worth reading, or it asked for a WebSocket it cannot have. The caller
 * returns -1 from the callback; lws writes what the socket did not take
 * before it closes (LRS_FLUSHING_BEFORE_CLOSE).
 */
static int http_refuse(struct lws *wsi, unsigned status, enum hr_proto_code code, const char *message,
		       unsigned retry_after)
{
	struct hr_proto_error e;
	hr_proto_error_set(&e, code, NULL, message);
	size_t len;
	char *json = hr_proto_error(&e, LWS_PRE, &len);
	if (!json)
		return -1;
	unsigned char hdr[LWS_PRE + 1024];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	char ra[16];
	snprintf(ra, sizeof(ra), "%u", retry_after);
	int rc = -1;
	if (lws_add_http_common_headers(wsi, status, "application/json", len, &p, end) || add_cors(wsi, &p, end) ||
	    (status == 401 && add_header(wsi, "www-authenticate:", "Bearer", &p, end)) ||
	    (retry_after && add_header(wsi, "retry-after:", ra, &p, end)) ||
	    add_header(wsi, "connection:", "close", &p, end) || add_header(wsi, "cache-control:", "no-store", &p, end) ||
	    lws_finalize_write_http_header(wsi, start, &p, end))
		goto out;
	if (lws_write(wsi, (unsigned char *)json + LWS_PRE, len, LWS_WRITE_HTTP_FINAL) < (int)len)
		goto out;
	rc = 0;
out:
	hr_info("event=http status=%u code=%s close=1", status, hr_proto_code_name(code));
	free(json);
	return rc;
}

/*
 * The framing of a request's body, before any of it is read. lws 4.1.6 reads
 * "Content-Length" with atoll() and knows no chunked request bodies: two
 * lengths became one, "-1" a body of 2^64 bytes, "abc" an empty one whose
 * bytes were then parsed as the next request, and a chunked body was awaited
 * for 100 MB or request_seconds. Anything but one plain decimal length is
 * refused, and the connection closed, since where the next request would
 * start is unknown. Returns 0, or -1 after writing the refusal.
 */
static int http_framing(struct lws *wsi)
{
	char cl[32], te[64];
	int has_body = is_method(wsi, WSI_TOKEN_POST_URI) || is_method(wsi, WSI_TOKEN_PUT_URI) ||
		       is_method(wsi, WSI_TOKEN_PATCH_URI);
	int cll = lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH);
	int tel = lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_TRANSFER_ENCODING);
	lws_hdr_copy(wsi, te, sizeof(te), WSI_TOKEN_HTTP_TRANSFER_ENCODING);
	if (tel > 0 && cll != 0) {
		http_refuse(wsi, 400, HR_E_BAD_REQUEST, "send Content-Length or Transfer-Encoding, not both", 0);
		return -1;
	}
	if (tel > 0) {
		http_refuse(wsi, has_body ? 411 : 400, HR_E_BAD_REQUEST,
			    "Transfer-Encoding is not accepted; send the body with a Content-Length", 0);
		return -1;
	}
	if (cll != 0) {
		/* One number: no sign, no list, no spaces; 19 digits fit 64 bits. */
		size_t digits = cll > 0 ? strspn(cl, "0123456789") : 0;
		if (cll < 0 || digits == 0 || digits != strlen(cl) || digits > 18) {
			http_refuse(wsi, 400, HR_E_BAD_REQUEST, "Content-Length must be one decimal number", 0);
			return -1;
		}
	} else if (has_body) {
		http_refuse(wsi, 411, HR_E_BAD_REQUEST, "send the body with a Content-Length", 0);
		return -1;
	}
	return 0;
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
	if (http_framing(wsi))
		return -1;
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
			/* Not worth reading to keep the connection: answer and close. */
			char m[96];
			snprintf(m, sizeof(m), "the body is larger than %d bytes", s->cfg->message_bytes);
			http_refuse(wsi, 413, HR_E_TOO_LARGE, m, 0);
			return -1;
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

/* Where a hypothesis of the recogniser would go, without answering it. */
static void voice_route(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier)
{
	struct conn *c = ud;
	struct hr_server *s = server_of(c->wsi);
	struct hr_trace *trace = s->trace;
	*tier = 0;
	snprintf(out, cap, "fallback");
	if (hr_engine_route(s->engine, &c->convo, text, len, trace) != 0)
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
	ws_enqueue_kind(c->wsi, c, buf, len, binary);
}

/* The spoken exchange is over: read the client's next message. */
static void voice_done(void *ud)
{
	struct conn *c = ud;
	c->vjob = NULL;
	c->voice_paused = 0;
	ws_rx_update(c->wsi, c);
	/* Saying goodbye waited for this spoken answer. */
	if (server_of(c->wsi)->goodbye)
		lws_callback_on_writable(c->wsi);
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

static const struct hr_voice_sink voice_ws_sink = { voice_answer, voice_route, voice_send, voice_done, NULL };
static const struct hr_voice_sink voice_http_sink = { voice_answer, voice_route, NULL, NULL, voice_respond };

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
	ws_rx_update(wsi, c);
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
		http_refuse(wsi, 413, HR_E_TOO_LARGE, m, 0);
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

static void conn_release(struct hr_server *s);

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct conn *c = user;
	struct hr_server *s = server_of(wsi);

	switch (reason) {
	case LWS_CALLBACK_WSI_DESTROY:
		/* Every connection lws frees: give back its slot (adopt()). */
		if (lws_get_opaque_user_data(wsi) == s) {
			lws_set_opaque_user_data(wsi, NULL);
			conn_release(s);
		}
		return 0;
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		/* Never read `in` here (CVE-2025-11677); see ws_confirm(). */
		return ws_confirm(s, wsi);
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return ws_filter(s, wsi);
	case LWS_CALLBACK_ESTABLISHED:
		memset(c, 0, sizeof(*c));
		enum hr_refusal why = HR_REFUSED_PER_ADDRESS;
		if (!(c->addr = addr_acquire(s, wsi, &why))) {
			/* Another worker took the last slot after ws_confirm():
			 * the WebSocket is open, so it is closed the WebSocket way,
			 * 1013 "try again later". */
			hr_metrics_refused(s->metrics, why);
			hr_warn("event=ws_refused reason=%s status=1013",
				why == HR_REFUSED_PER_ADDRESS ? "per_address" : "max_connections");
			c->refused = 1;
			lws_callback_on_writable(wsi);
			return 0;
		}
		c->is_ws = 1;
		c->wsi = wsi;
		s->connections++;
		hr_metrics_event(s->metrics, HR_EV_CONNECTION_OPENED);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		/* After herald's close frame, what the client sent crossed it: it
		 * will be asked again on a new connection. */
		return c->refused || c->bye == 2 ? 0 : ws_receive(s, wsi, c, in, len);
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		/* The client's close answering herald's: the closing handshake is
		 * over (returning 0 would have lws send a second close frame). */
		return c && c->bye == 2 ? -1 : 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if (c->refused) {
			ws_close_frame(wsi, 1013, "too many connections; try again later");
			return -1;
		}
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

/* ---- Counting connections: limits.max_connections ----
 *
 * Every connection counts, HTTP and WebSocket, from accept() to its close:
 * those at the front door and those lws has. One taken by lws is marked with
 * lws's opaque user data right after it is adopted, and given back in
 * LWS_CALLBACK_WSI_DESTROY, which lws calls for every connection it frees;
 * when the adoption fails (lws then closes the descriptor itself), herald
 * gives it back at once. */

/* Takes a slot for a new connection; 0 when the daemon is at the cap. */
static int conn_take(struct hr_server *s)
{
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	int ok = sh->open < (unsigned)s->cfg->max_connections;
	if (ok)
		sh->open++;
	pthread_mutex_unlock(&sh->lock);
	return ok;
}

static void conn_release(struct hr_server *s)
{
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	sh->open--;
	pthread_mutex_unlock(&sh->lock);
}

/* Hands FD, counted, to lws. */
static void adopt(struct hr_server *s, int fd)
{
	struct lws *wsi = lws_adopt_socket_vhost(s->vhost, fd);
	if (!wsi) {
		/* lws has closed the descriptor itself. */
		hr_warn("event=adopt_failed");
		conn_release(s);
		return;
	}
	lws_set_opaque_user_data(wsi, s);
}

/* ---- The front door: the first request of a plaintext connection ----
 *
 * libwebsockets 4.1.6 closes a connection without a word when a request's
 * headers are over its limit, its URL too long or its path holds "%00"; it
 * waits request_seconds on a NUL byte in a header; and it answers an unknown
 * method with an HTML 403 page. None of it reaches a callback. So herald looks
 * at the head of the first request of each plaintext connection before lws
 * does. It only peeks (MSG_PEEK): every byte stays in the socket for lws to
 * read as if nobody had looked. (Handing lws the bytes instead, with
 * lws_adopt_socket_vhost_readbuf(), would put them in the buffer from which
 * lws mistakes a POST's headers for its body; see http_body_completion().)
 * A head that is fine goes to lws with the socket. One that is not gets its
 * status and the protocol's JSON error here; herald then reads and drops what
 * the client still sends, for at most FRONT_LINGER_MS, and closes, so that the
 * client reads the answer rather than a reset.
 *
 * Not covered, and documented in docs/security.md: the second and later
 * requests of a kept-alive connection, and TLS connections (their bytes are
 * ciphertext until lws has them), which meet lws's own handling.
 */

#define HEAD_MAX 4096	    /* request line and headers, in bytes */
#define HEAD_LINES_MAX 64   /* header lines; lws keeps at most WSI_TOKEN_COUNT */
#define URL_MAX 2048	    /* the request target */
#define FRONT_LINGER_MS 1000 /* reading what follows a refusal, at most */

struct front {
	struct hr_server *s;
	int fd;
	uv_poll_t poll;
	uv_timer_t timer;
	uint64_t deadline;  /* loop time when the head must be complete */
	unsigned backoff;   /* ms before peeking again at an unfinished head */
	size_t seen;	    /* bytes of the head peeked so far */
	int lingering;
	int counted; /* holds a slot (conn_take()); a refusal at the cap does not */
	int open_handles;
	struct front *prev, *next;
};

/* What check_head() found. */
struct head_verdict {
	unsigned status; /* 0: the head is fine */
	enum hr_proto_code code;
	char message[128];
};

static const char *status_text(unsigned status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 408:
		return "Request Timeout";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 501:
		return "Not Implemented";
	case 503:
		return "Service Unavailable";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}

static int bad(struct head_verdict *v, unsigned status, enum hr_proto_code code, const char *message)
{
	v->status = status;
	v->code = code;
	snprintf(v->message, sizeof(v->message), "%s", message);
	return 1;
}

static int is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int hexdigit(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/*
 * Judges the N bytes B that start a connection: 1 with V filled in when the
 * request must be refused, 0 when the head is complete and fine (or when
 * nothing is wrong so far and *MORE is set: the head is not complete yet).
 * The limits are herald's, chosen inside lws's (whose table holds a little
 * more than HEAD_MAX), so that lws never refuses a head herald let through.
 */
static int check_head(const char *b, size_t n, int *more, struct head_verdict *v)
{
	*more = 0;
	/* The head ends at the first empty line (lws accepts bare LF too). */
	size_t end = 0;
	for (size_t i = 0; i + 1 < n && !end; i++) {
		if (b[i] == '\n' && b[i + 1] == '\n')
			end = i + 2;
		else if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < n && b[i + 2] == '\n')
			end = i + 3;
	}
	size_t scan = end ? end : n;
	if (memchr(b, '\0', scan))
		return bad(v, 400, HR_E_BAD_REQUEST, "a NUL byte in the request line or headers");
	const char *eol = memchr(b, '\n', scan);
	if (!eol) {
		if (n > URL_MAX + 32)
			return bad(v, 414, HR_E_TOO_LARGE, "the request line is longer than 2048 bytes");
		*more = 1;
		return 0;
	}
	size_t line = (size_t)(eol - b);
	if (line > 0 && b[line - 1] == '\r')
		line--;
	/* METHOD SP TARGET SP HTTP/1.x */
	const char *sp1 = memchr(b, ' ', line);
	const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', line - (size_t)(sp1 + 1 - b)) : NULL;
	size_t mlen = sp1 ? (size_t)(sp1 - b) : 0;
	for (size_t i = 0; i < mlen; i++) {
		if (!is_tchar((unsigned char)b[i]))
			mlen = 0;
	}
	if (!sp2 || mlen == 0 || mlen > 16)
		return bad(v, 400, HR_E_BAD_REQUEST, "not an HTTP/1.1 request line");
	const char *target = sp1 + 1, *version = sp2 + 1;
	size_t tlen = (size_t)(sp2 - target), vlen = line - (size_t)(version - b);
	if (vlen != 8 || memcmp(version, "HTTP/1.", 7) != 0 || (version[7] != '0' && version[7] != '1')) {
		if (vlen >= 5 && memcmp(version, "HTTP/", 5) == 0)
			return bad(v, 505, HR_E_UNSUPPORTED, "herald speaks HTTP/1.1 (and 1.0) here");
		return bad(v, 400, HR_E_BAD_REQUEST, "not an HTTP/1.1 request line");
	}
	static const char *const methods[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", NULL };
	int known = 0;
	for (const char *const *m = methods; *m && !known; m++)
		known = strlen(*m) == mlen && memcmp(*m, b, mlen) == 0;
	if (!known) {
		char m[128];
		snprintf(m, sizeof(m), "the method %.*s is not implemented; see docs/protocol.md", (int)mlen, b);
		return bad(v, 501, HR_E_UNSUPPORTED, m);
	}
	if (tlen > URL_MAX)
		return bad(v, 414, HR_E_TOO_LARGE, "the URL is longer than 2048 bytes");
	if (tlen == 0 || target[0] != '/')
		return bad(v, 400, HR_E_BAD_REQUEST, "the path must start with /");
	for (size_t i = 0; i < tlen; i++) {
		unsigned char c = (unsigned char)target[i];
		if (c < 0x21 || c == 0x7f)
			return bad(v, 400, HR_E_BAD_REQUEST, "a control character in the URL");
		if (c == '%') {
			if (i + 2 >= tlen || !hexdigit((unsigned char)target[i + 1]) || !hexdigit((unsigned char)target[i + 2]))
				return bad(v, 400, HR_E_BAD_REQUEST, "a % in the URL that is not followed by two hex digits");
			if (target[i + 1] == '0' && target[i + 2] == '0')
				return bad(v, 400, HR_E_BAD_REQUEST, "a NUL byte (%00) in the URL");
		}
	}
	if (!end) {
		if (n > HEAD_MAX)
			return bad(v, 431, HR_E_TOO_LARGE, "the request headers are larger than 4096 bytes");
		*more = 1;
		return 0;
	}
	if (end > HEAD_MAX)
		return bad(v, 431, HR_E_TOO_LARGE, "the request headers are larger than 4096 bytes");
	size_t lines = 0;
	for (const char *p = eol + 1; p < b + end; p++)
		lines += *p == '\n';
	if (lines > HEAD_LINES_MAX + 1)
		return bad(v, 431, HR_E_TOO_LARGE, "more than 64 header lines");
	return 0;
}

static void front_on_close(uv_handle_t *h)
{
	struct front *f = h->data;
	if (--f->open_handles == 0)
		free(f);
}

/* Forgets F: its handles close, and its socket goes to lws (ADOPT_IT) or is closed. */
static void front_end(struct front *f, int adopt_it)
{
	struct hr_server *s = f->s;
	if (f->prev)
		f->prev->next = f->next;
	else
		s->fronts = f->next;
	if (f->next)
		f->next->prev = f->prev;
	s->nfronts--;
	uv_poll_stop(&f->poll);
	uv_timer_stop(&f->timer);
	uv_close((uv_handle_t *)&f->poll, front_on_close);
	uv_close((uv_handle_t *)&f->timer, front_on_close);
	if (adopt_it) {
		adopt(s, f->fd);
	} else {
		close(f->fd);
		if (f->counted)
			conn_release(s);
	}
}

static void front_on_readable(uv_poll_t *h, int status, int events);
static void front_on_timer(uv_timer_t *t);

/* Answers F's request with STATUS and the JSON error (and "retry-after:
 * RETRY_AFTER" when not 0), then lingers. */
static void front_refuse(struct front *f, unsigned status, enum hr_proto_code code, const char *message,
			 unsigned retry_after)
{
	struct hr_proto_error e;
	hr_proto_error_set(&e, code, NULL, message);
	size_t len;
	char *json = hr_proto_error(&e, 0, &len);
	char head[320], ra[40] = "";
	if (retry_after)
		snprintf(ra, sizeof(ra), "retry-after: %u\r\n", retry_after);
	int hl = snprintf(head, sizeof(head),
			  "HTTP/1.1 %u %s\r\ncontent-type: application/json\r\ncontent-length: %zu\r\n"
			  "connection: close\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\n%s\r\n",
			  status, status_text(status), json ? len : 0, ra);
	/* The answer is small and the socket new: it goes at once, or not at all. */
	if (send(f->fd, head, (size_t)hl, MSG_NOSIGNAL | MSG_DONTWAIT) == hl && json)
		(void)!send(f->fd, json, len, MSG_NOSIGNAL | MSG_DONTWAIT);
	free(json);
	hr_info("event=http status=%u code=%s close=1 where=front", status, hr_proto_code_name(code));
	shutdown(f->fd, SHUT_WR);
	f->lingering = 1;
	uv_poll_start(&f->poll, UV_READABLE, front_on_readable);
	uv_timer_start(&f->timer, front_on_timer, FRONT_LINGER_MS, 0);
}

/* Peeks at F's head and decides: to lws, refused, or wait for more. */
static void front_look(struct front *f)
{
	char buf[HEAD_MAX + 2];
	ssize_t n = recv(f->fd, buf, sizeof(buf), MSG_PEEK | MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		front_end(f, 0); /* gone before asking anything */
		return;
	}
	if (n < 0)
		return;
	int more;
	struct head_verdict v;
	if (check_head(buf, (size_t)n, &more, &v)) {
		front_refuse(f, v.status, v.code, v.message, 0);
		return;
	}
	if (!more) {
		front_end(f, 1);
		return;
	}
	/* The rest of the head is on its way. The bytes stay in the socket, so
	 * it stays readable: wait on a timer instead, a little longer each time. */
	f->seen = (size_t)n;
	uv_poll_stop(&f->poll);
	uint64_t now = uv_now(f->s->loop);
	uint64_t wait = f->backoff;
	if (now + wait > f->deadline)
		wait = f->deadline > now ? f->deadline - now : 0;
	f->backoff = f->backoff < 64 ? f->backoff * 2 : 64;
	uv_timer_start(&f->timer, front_on_timer, wait, 0);
}

static void front_on_readable(uv_poll_t *h, int status, int events)
{
	(void)events;
	struct front *f = h->data;
	if (f->lingering) {
		char sink[4096];
		ssize_t n;
		while ((n = recv(f->fd, sink, sizeof(sink), MSG_DONTWAIT)) > 0)
			;
		if (n == 0 || status < 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
			front_end(f, 0);
		return;
	}
	if (status < 0) {
		front_end(f, 0);
		return;
	}
	front_look(f);
}

static void front_on_timer(uv_timer_t *t)
{
	struct front *f = t->data;
	if (f->lingering) {
		front_end(f, 0);
		return;
	}
	if (uv_now(f->s->loop) >= f->deadline) {
		/* A client that started a request and never finished it hears why;
		 * one that never sent a byte is simply closed, as lws would. */
		if (f->seen)
			front_refuse(f, 408, HR_E_BAD_REQUEST, "the request did not arrive in time", 0);
		else
			front_end(f, 0);
		return;
	}
	front_look(f);
}

/* A new plaintext connection FD: looked at before lws gets it. COUNTED: it
 * holds a slot; when it does not, it is refused at once (the cap). */
static struct front *front_open(struct hr_server *s, int fd, int counted)
{
	struct front *f = calloc(1, sizeof(*f));
	if (!f || uv_poll_init(s->loop, &f->poll, fd) != 0) {
		free(f);
		if (counted)
			adopt(s, fd);
		else
			close(fd);
		return NULL;
	}
	f->counted = counted;
	uv_timer_init(s->loop, &f->timer);
	f->s = s;
	f->fd = fd;
	f->poll.data = f->timer.data = f;
	f->open_handles = 2;
	f->backoff = 2;
	f->deadline = uv_now(s->loop) + (uint64_t)s->cfg->request_seconds * 1000;
	f->next = s->fronts;
	if (s->fronts)
		s->fronts->prev = f;
	s->fronts = f;
	s->nfronts++;
	uv_poll_start(&f->poll, UV_READABLE, front_on_readable);
	uv_timer_start(&f->timer, front_on_timer, (uint64_t)s->cfg->request_seconds * 1000, 0);
	return f;
}

/* A connection past limits.max_connections: 503 with Retry-After, in plain
 * text; over TLS, which herald cannot speak before lws, it is just closed. */
static void refuse_at_cap(struct hr_server *s, int fd)
{
	hr_metrics_refused(s->metrics, HR_REFUSED_MAX_CONNECTIONS);
	hr_info("event=connection_refused reason=max_connections");
	if (s->cfg->tls_cert[0]) {
		close(fd);
		return;
	}
	struct front *f = front_open(s, fd, 0);
	if (f)
		front_refuse(f, 503, HR_E_RATE_LIMITED, "herald is at its connection limit; try again shortly", 5);
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
		/* Replies are written as several small messages (a voice answer's
		 * transcript, answer and audio): without this, Nagle holds each one
		 * back until the client's delayed ACK, ~40 ms. lws sets it only on
		 * sockets it accepts itself. */
		int one = 1;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		/* A plaintext connection is looked at first (the front door);
		 * TLS goes straight to lws. */
		if (!conn_take(s))
			refuse_at_cap(s, fd);
		else if (!s->cfg->tls_cert[0])
			front_open(s, fd, 1);
		else
			adopt(s, fd);
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
	while (s->fronts)
		front_end(s->fronts, 0);
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
	/* A little more than the front door's HEAD_MAX, so that lws never
	 * refuses a head the front door let through. */
	info.max_http_header_data = 4096 + 1024;
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
	s->goodbye_ms = now_ms();
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
