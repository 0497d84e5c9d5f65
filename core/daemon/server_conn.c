/*
 * The network layer, what every room uses (server.c dispatches to the rooms,
 * and the rooms call down into this file, never back up): the state shared
 * between workers (connections per address, the counts, sessions and
 * metrics), a connection's headers and client address, and its output, the
 * WebSocket replies queued with backpressure and the HTTP responses and
 * refusals. It calls no other room. See server.c for the whole layer.
 */
#include "server_int.h"

#include <libwebsockets.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "convo.h"
#include "log.h"
#include "metrics.h"
#include "proto.h"
#include "sessions.h"
#include "util.h"

/* ---- The state shared between workers ---- */

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

struct hr_server *srv_server_of(struct lws *wsi)
{
	return lws_context_user(lws_get_context(wsi));
}

struct addr_count **srv_addr_slot(struct hr_server_shared *sh, const char *addr)
{
	struct addr_count **pp = &sh->addrs[hr_fnv1a32_str(addr) % ADDR_BUCKETS];
	while (*pp && strcmp((*pp)->addr, addr) != 0)
		pp = &(*pp)->next;
	return pp;
}

/*
 * Counts one more WebSocket from WSI's address, and one more in all; NULL
 * when the address is at limits.max_connections_per_address (*WHY is then
 * HR_REFUSED_PER_ADDRESS). srv_ws_confirm() already refused most upgrades over
 * it, but two workers can each pass it for the last slot; the count taken
 * here, under the lock, is the one that holds. (limits.max_connections counts
 * every connection, at accept: srv_conn_take().)
 */
struct addr_count *srv_addr_acquire(struct hr_server *s, struct lws *wsi, enum hr_refusal *why)
{
	char addr[48];
	srv_client_address(s, wsi, addr, sizeof(addr));
	struct hr_server_shared *sh = s->shared;
	struct addr_count *a = NULL;
	pthread_mutex_lock(&sh->lock);
	struct addr_count **pp = srv_addr_slot(sh, addr);
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

void srv_addr_release(struct hr_server *s, struct addr_count *a)
{
	if (!a)
		return;
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	sh->connections--;
	if (--a->count == 0) {
		struct addr_count **pp = srv_addr_slot(sh, a->addr);
		*pp = a->next;
		free(a);
	}
	pthread_mutex_unlock(&sh->lock);
}

/* WebSockets open in every worker, for limits.max_connections. */
unsigned srv_total_connections(struct hr_server *s)
{
	return hr_server_shared_connections(s->shared);
}

/* Copies header T into BUF, or "" when absent. */
const char *srv_header(struct lws *wsi, enum lws_token_indexes t, char *buf, int cap)
{
	if (lws_hdr_copy(wsi, buf, cap, t) < 0)
		buf[0] = '\0';
	return buf;
}

/*
 * The client's address: the connection's own, or, when that is one of
 * http.trusted_proxies, the address the proxy says it is forwarding for
 * (hr_access_client_address()). Needs the request's headers: an HTTP request
 * or a WebSocket up to ESTABLISHED.
 */
void srv_client_address(struct hr_server *s, struct lws *wsi, char *out, size_t cap)
{
	char peer[64] = "";
	lws_get_peer_simple(wsi, peer, sizeof(peer));
	if (!s->cfg->trusted_proxies[0]) {
		snprintf(out, cap, "%s", peer);
		return;
	}
	/* Copied whole, however long (lws_hdr_copy() copies nothing into a
	 * buffer too small): the hops that matter are at its end. Once per
	 * upgrade, never per message. */
	char *xff = NULL, fwd[1024];
	int len = lws_hdr_total_length(wsi, WSI_TOKEN_X_FORWARDED_FOR);
	if (len > 0 && (xff = malloc((size_t)len + 1)) &&
	    lws_hdr_copy(wsi, xff, len + 1, WSI_TOKEN_X_FORWARDED_FOR) < 0)
		xff[0] = '\0';
	if (lws_hdr_custom_copy(wsi, fwd, sizeof(fwd), "forwarded:", 10) < 0)
		fwd[0] = '\0';
	hr_access_client_address(peer, xff, fwd, s->cfg->trusted_proxies, out, cap);
	free(xff);
}

uint64_t srv_now_ms(void)
{
	return (uint64_t)(lws_now_usecs() / 1000);
}

/* ---- WebSocket output ---- */

/* Reading from a WebSocket is paused while any of its reasons holds: a client
 * that does not read its answers (rx_paused), a spoken answer being made
 * (voice_paused), or a goodbye that has refused questions long enough
 * (ws_goodbye()). lws has one switch for all three. */
void srv_ws_rx_update(struct lws *wsi, struct conn *c)
{
	int off = c->rx_paused || c->voice_paused || (c->bye == 1 && c->bye_quiet);
	if (off != c->rx_off) {
		c->rx_off = off;
		lws_rx_flow_control(wsi, !off);
	}
}

/*
 * Writes a text reply at once when nothing is queued ahead of it and lws
 * holds no unsent remainder of an earlier write; otherwise queues it
 * (srv_ws_enqueue_kind()). Only for a reply made inside lws's RECEIVE
 * callback. Asking for a WRITEABLE callback instead costs, on libuv, four
 * epoll_ctl calls a reply (POLLOUT on and off, each an ADD that fails on the
 * descriptor libuv still watches, then a MOD) and a turn of the loop: 9% of a
 * worker's time under load (docs/performance.md, fourth round). What the
 * socket does not take, lws keeps and sends first when it becomes writable
 * (as for a write from the WRITEABLE callback); lws_partial_buffered() is
 * true while it holds such a remainder, and the reply then waits in the
 * queue, so replies keep their order and a client that does not read is
 * still stopped by max_queued_replies. lws_send_pipe_choked() would say the
 * same after a poll(2) a reply; lws 4.1 does not forbid two writes in one
 * callback. During a goodbye every reply takes the queue, which ws_goodbye()
 * watches. Takes BUF.
 */
void srv_ws_reply(struct lws *wsi, struct conn *c, char *buf, size_t len)
{
	if (c->head || c->write_failed || srv_server_of(wsi)->goodbye || lws_partial_buffered(wsi)) {
		srv_ws_enqueue_kind(wsi, c, buf, len, 0);
		return;
	}
	int n = lws_write(wsi, (unsigned char *)buf + LWS_PRE, len, LWS_WRITE_TEXT);
	free(buf);
	if (n < (int)len) {
		/* The connection is broken: close it from its WRITEABLE
		 * callback, as a failed write there does. */
		c->write_failed = 1;
		lws_callback_on_writable(wsi);
	}
}

void srv_ws_enqueue_kind(struct lws *wsi, struct conn *c, char *buf, size_t len, int binary)
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
	if (c->queued >= (unsigned)srv_server_of(wsi)->cfg->max_queued_replies && !c->rx_paused) {
		c->rx_paused = 1;
		srv_ws_rx_update(wsi, c);
	}
	lws_callback_on_writable(wsi);
}

void srv_ws_error(struct lws *wsi, struct conn *c, const struct hr_proto_error *e)
{
	size_t len;
	char *buf = hr_proto_error(e, LWS_PRE, &len);
	hr_info("event=ws_error code=%s", hr_proto_code_name(e->code));
	if (buf)
		srv_ws_enqueue_kind(wsi, c, buf, len, 0);
}

struct hr_convo *srv_ws_convo(struct conn *c)
{
	if (!c->convo)
		c->convo = calloc(1, sizeof(*c->convo));
	return c->convo;
}

/* ---- HTTP output ---- */

/* Adds the CORS headers when the request came from an allowed web origin. */
int srv_http_add_cors(struct lws *wsi, unsigned char **p, unsigned char *end)
{
	char origin[256], host[256];
	srv_header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin));
	if (!origin[0] ||
	    !hr_access_origin_allowed(origin, srv_header(wsi, WSI_TOKEN_HOST, host, sizeof(host)),
	                              srv_server_of(wsi)->cfg->allowed_origins))
		return 0;
	return lws_add_http_header_by_name(wsi, (const unsigned char *)"access-control-allow-origin:",
	                                   (const unsigned char *)origin, (int)strlen(origin), p, end) ||
	       lws_add_http_header_by_name(
	           wsi, (const unsigned char *)"vary:", (const unsigned char *)"Origin", 6, p, end);
}

int srv_http_respond_type(struct lws *wsi, struct conn *c, unsigned status, const char *type,
                          const char *allow, char *json, size_t jsonlen)
{
	unsigned char hdr[LWS_PRE + 1024];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	if (lws_add_http_common_headers(wsi, status, type, jsonlen, &p, end))
		goto fail;
	if (srv_http_add_cors(wsi, &p, end))
		goto fail;
	if (status == 401 && lws_add_http_header_by_name(wsi, (const unsigned char *)"www-authenticate:",
	                                                 (const unsigned char *)"Bearer", 6, &p, end))
		goto fail;
	if (allow && lws_add_http_header_by_name(wsi, (const unsigned char *)"allow:",
	                                         (const unsigned char *)allow, (int)strlen(allow), &p, end))
		goto fail;
	if (lws_add_http_header_by_name(
	        wsi, (const unsigned char *)"cache-control:", (const unsigned char *)"no-store", 8, &p, end))
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

int srv_http_add_header(struct lws *wsi, const char *name, const char *value, unsigned char **p,
                        unsigned char *end)
{
	return lws_add_http_header_by_name(wsi, (const unsigned char *)name, (const unsigned char *)value,
	                                   (int)strlen(value), p, end);
}

/* The protocol's JSON error for CODE and MESSAGE, LWS_PRE bytes in: the body of
 * both ways an HTTP request is refused. */
static char *error_body(enum hr_proto_code code, const char *message, size_t *len)
{
	struct hr_proto_error e;
	hr_proto_error_set(&e, code, NULL, message);
	return hr_proto_error(&e, LWS_PRE, len);
}

int srv_http_error(struct lws *wsi, struct conn *c, unsigned status, enum hr_proto_code code,
                   const char *message, const char *allow)
{
	size_t len;
	char *json = error_body(code, message, &len);
	if (!json)
		return -1;
	hr_info("event=http status=%u code=%s", status, hr_proto_code_name(code));
	return srv_http_respond_type(wsi, c, status, "application/json", allow, json, len);
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
int srv_http_refuse(struct lws *wsi, unsigned status, enum hr_proto_code code, const char *message,
                    unsigned retry_after)
{
	size_t len;
	char *json = error_body(code, message, &len);
	if (!json)
		return -1;
	unsigned char hdr[LWS_PRE + 1024];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	char ra[16];
	snprintf(ra, sizeof(ra), "%u", retry_after);
	int rc = -1;
	if (lws_add_http_common_headers(wsi, status, "application/json", len, &p, end) ||
	    srv_http_add_cors(wsi, &p, end) ||
	    (status == 401 && srv_http_add_header(wsi, "www-authenticate:", "Bearer", &p, end)) ||
	    (retry_after && srv_http_add_header(wsi, "retry-after:", ra, &p, end)) ||
	    srv_http_add_header(wsi, "connection:", "close", &p, end) ||
	    srv_http_add_header(wsi, "cache-control:", "no-store", &p, end) ||
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
