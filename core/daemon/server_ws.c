/*
 * The network layer, WebSocket sessions: reading questions, queueing the
 * replies with backpressure, refusing and closing the WebSocket way, saying
 * goodbye at shutdown. See server.c for the whole layer.
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

/* ---- WebSocket ---- */

static void ws_message(struct hr_server *s, struct lws *wsi, struct conn *c, const char *msg, size_t len)
{
	struct hr_ws_msg m;
	struct hr_proto_error err;
	int type = hr_proto_parse_ws(msg, len, (size_t)s->cfg->message_bytes, &m, &err);
	if (type < 0) {
		srv_ws_error(wsi, c, &err);
		return;
	}
	if (type != HR_MSG_ASK) {
		if (c->bye && type != HR_MSG_AUDIO_START) {
			/* No new spoken question while saying goodbye (audio_end). */
			hr_proto_error_set(&err, HR_E_SHUTTING_DOWN, m.audio.id,
			                   "herald is restarting; ask again in a moment");
			srv_ws_error(wsi, c, &err);
			c->audio_on = 0;
			hr_voice_cancel(c->vstream);
			c->vstream = NULL;
			return;
		}
		srv_ws_voice(s, wsi, c, type, &m.audio);
		return;
	}
	struct hr_ask ask = m.ask; /* owned from here on: freed by hr_ask_clear */
	if (c->bye) {
		/* Saying goodbye (ws_goodbye()): refused, so the client knows to
		 * ask again on its next connection. */
		hr_proto_error_set(&err, HR_E_SHUTTING_DOWN, ask.id,
		                   "herald is restarting; ask again in a moment");
		srv_ws_error(wsi, c, &err);
		hr_ask_clear(&ask);
		if (!c->bye_quiet && srv_now_ms() - s->goodbye_ms >= GOODBYE_REFUSE_MS) {
			c->bye_quiet = 1;
			srv_ws_rx_update(wsi, c);
		}
		return;
	}
	if (!hr_bucket_take(&c->bucket, s->cfg->rate_per_second, s->cfg->rate_burst, srv_now_ms())) {
		hr_metrics_event(s->metrics, HR_EV_RATE_LIMITED);
		hr_proto_error_set(&err, HR_E_RATE_LIMITED, ask.id,
		                   "too many questions; wait a moment and ask again");
		srv_ws_error(wsi, c, &err);
		hr_ask_clear(&ask);
		return;
	}
	/* A context the client carries (say, after reconnecting to another
	 * instance) replaces the connection's conversation. A malformed one is
	 * ignored; the log says why, never what it held. */
	struct hr_convo *convo = srv_ws_convo(c);
	if (convo && ask.context) {
		struct hr_convo carried;
		int crc = hr_convo_decode(ask.context, ask.context_len, &carried);
		if (crc == 0)
			*convo = carried;
		else
			hr_info("event=context_ignored reason=%s", hr_convo_error_name(crc));
	}
	struct hr_answer a = {0};
	int rc = convo ? srv_handle_ask(s, convo, &ask, &a) : -ENOMEM;
	if (rc) {
		hr_proto_error_set(&err, rc == -EINVAL ? HR_E_BAD_REQUEST : HR_E_INTERNAL, ask.id,
		                   rc == -EINVAL ? "\"text\" must be valid UTF-8" : "internal error");
		srv_ws_error(wsi, c, &err);
	} else {
		char ctx[HR_CONVO_CONTEXT_MAX + 1];
		size_t olen, clen;
		int crc = hr_convo_encode(convo, ctx, sizeof(ctx), &clen);
		char *buf = hr_proto_answer_with_context(&a, ask.id, NULL, crc ? NULL : ctx, LWS_PRE, &olen);
		if (buf)
			srv_ws_reply(wsi, c, buf, olen);
	}
	hr_answer_clear(&a);
	hr_ask_clear(&ask);
}

void srv_ws_free(struct conn *c)
{
	free(c->convo);
	c->convo = NULL;
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
	hr_voice_cancel(c->vstream);
	c->vstream = NULL;
	srv_voice_unpark(c);
	free(c->audio);
	c->audio = NULL;
	c->audio_on = 0;
}

int srv_ws_receive(struct hr_server *s, struct lws *wsi, struct conn *c, const char *in, size_t len)
{
	/* Between audio_start and audio_end, binary frames are the audio. */
	if (c->audio_on && lws_frame_is_binary(wsi))
		return srv_ws_audio(s, c, in, len);
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
		hr_proto_error_set(&err, HR_E_UNSUPPORTED, NULL,
		                   "binary messages are not supported; send JSON text");
		srv_ws_error(wsi, c, &err);
	} else if (c->rx_overflow) {
		char m[96];
		snprintf(m, sizeof(m), "the message is larger than %zu bytes", limit);
		hr_proto_error_set(&err, HR_E_TOO_LARGE, NULL, m);
		srv_ws_error(wsi, c, &err);
	} else {
		ws_message(s, wsi, c, c->rx, c->rxlen);
	}
	c->rxlen = 0;
	c->rx_overflow = 0;
	return 0;
}

/* Writes a close frame with CODE and REASON now (see srv_ws_writeable() for why
 * it is not queued with lws_close_reason()); the caller then returns -1. lws
 * frames opcode 4 (its internal LWS_WRITE_CLOSE) as a close. */
void srv_ws_close_frame(struct lws *wsi, unsigned code, const char *reason)
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
	if (c->bye != 1 || c->head || c->vjob || c->park_pprev)
		return;
	srv_ws_close_frame(wsi, 1001, "herald is restarting");
	c->bye = 2;
	/* Read on, for the client's close frame. */
	c->rx_paused = 0;
	srv_ws_rx_update(wsi, c);
	lws_set_timeout(wsi, PENDING_TIMEOUT_CLOSE_ACK, 2);
}

int srv_ws_writeable(struct lws *wsi, struct conn *c)
{
	if (c->write_failed)
		return -1;
	if (srv_server_of(wsi)->goodbye && c->bye != 2)
		ws_goodbye(wsi, c);
	struct outmsg *m = c->head;
	if (!m)
		return 0;
	if (m->binary) {
		/* A WAV goes out in fragments of one message, so that one large
		 * answer does not hold the connection's buffers at once. */
		size_t chunk = m->len - m->off < 32768 ? m->len - m->off : 32768;
		int flags = lws_write_ws_flags(LWS_WRITE_BINARY, m->off == 0, m->off + chunk == m->len);
		int n = lws_write(wsi, (unsigned char *)m->buf + LWS_PRE + m->off, chunk,
		                  (enum lws_write_protocol)flags);
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
	if (c->rx_paused && c->queued <= (unsigned)srv_server_of(wsi)->cfg->max_queued_replies / 2) {
		c->rx_paused = 0;
		srv_ws_rx_update(wsi, c);
	}
	if (c->head || (srv_server_of(wsi)->goodbye && c->bye != 2))
		lws_callback_on_writable(wsi);
	return 0;
}

/* Why an upgrade is refused: the answer herald gives, and what it counts. */
struct ws_refusal {
	unsigned status;
	enum hr_proto_code code;
	const char *message;
	unsigned retry_after; /* seconds; 0: no Retry-After */
	int metric;           /* an enum hr_refusal, or -1 */
	const char *reason;   /* for the log */
};

/* WebSockets open from ADDR, in every worker. */
static unsigned addr_open(struct hr_server_shared *sh, const char *addr)
{
	pthread_mutex_lock(&sh->lock);
	struct addr_count **pp = srv_addr_slot(sh, addr);
	unsigned n = *pp ? (*pp)->count : 0;
	pthread_mutex_unlock(&sh->lock);
	return n;
}

/*
 * Decides an upgrade before it happens: only /chat, not while draining, only
 * allowed origins, a bearer token when configured, and within the cap per
 * address (the connection itself was counted against limits.max_connections
 * when it was accepted). Returns 0 to allow it, or 1 with *WHY filled in. The
 * cap is read here without taking a slot; srv_addr_acquire() takes it at
 * ESTABLISHED, and refuses there (close 1013) if another worker took the last
 * one meanwhile.
 */
static int ws_decide(struct hr_server *s, struct lws *wsi, struct ws_refusal *why)
{
	char uri[64], origin[256], host[256], auth[512], peer[48] = "";
	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 || strcmp(uri, "/chat") != 0) {
		*why = (struct ws_refusal){
		    404,   HR_E_BAD_REQUEST, "only /chat takes a WebSocket; see docs/protocol.md", 0, -1,
		    "path"};
		return 1;
	}
	if (s->draining) {
		*why = (struct ws_refusal){
		    503, HR_E_SHUTTING_DOWN,  "herald is restarting; connect again in a moment",
		    1,   HR_REFUSED_DRAINING, "draining"};
		return 1;
	}
	if (!hr_access_origin_allowed(srv_header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin)),
	                              srv_header(wsi, WSI_TOKEN_HOST, host, sizeof(host)),
	                              s->cfg->allowed_origins)) {
		*why = (struct ws_refusal){403, HR_E_BAD_REQUEST,  "this web origin is not allowed",
		                           0,   HR_REFUSED_ORIGIN, "origin"};
		return 1;
	}
	if (!hr_access_token_ok(srv_header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)),
	                        s->cfg->auth_tokens)) {
		*why = (struct ws_refusal){401, HR_E_BAD_REQUEST, "a valid bearer token is required",
		                           0,   HR_REFUSED_TOKEN, "token"};
		return 1;
	}
	srv_client_address(s, wsi, peer, sizeof(peer));
	if (addr_open(s->shared, peer) >= (unsigned)s->cfg->max_per_address) {
		*why = (struct ws_refusal){
		    429,
		    HR_E_RATE_LIMITED,
		    "too many connections from your address; close one or try again later",
		    5,
		    HR_REFUSED_PER_ADDRESS,
		    "per_address"};
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

/*
 * LWS_CALLBACK_HTTP_CONFIRM_UPGRADE: a refused upgrade is answered with its
 * status and JSON error instead of a bare close. Never reads `in`
 * (CVE-2025-11677): for an Upgrade other than "websocket", lws has already
 * answered 403 and may have reset the header table that `in` points into;
 * herald reads the header from the table, finds nothing to decide, and
 * leaves the request to lws. Returns 0 to go on, -1 after refusing.
 */
int srv_ws_confirm(struct hr_server *s, struct lws *wsi)
{
	char up[32];
	if (lws_hdr_copy(wsi, up, sizeof(up), WSI_TOKEN_UPGRADE) <= 0 || strcasecmp(up, "websocket") != 0)
		return 0;
	struct ws_refusal why;
	if (!ws_decide(s, wsi, &why))
		return 0;
	ws_count_refusal(s, &why);
	srv_http_refuse(wsi, why.status, why.code, why.message, why.retry_after);
	return -1;
}

/* LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: the same decision, should the
 * state have changed since srv_ws_confirm() (a SIGTERM in between). */
int srv_ws_filter(struct hr_server *s, struct lws *wsi)
{
	struct ws_refusal why;
	if (!ws_decide(s, wsi, &why))
		return 0;
	ws_count_refusal(s, &why);
	return -1;
}
