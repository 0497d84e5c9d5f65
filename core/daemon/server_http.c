/*
 * The network layer, HTTP routes: every endpoint (ask, health, metrics,
 * static files, voice), CORS and preflight, responses and refusals, and the
 * life of one HTTP request. See server.c for the whole layer.
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

/* ---- HTTP ---- */

static int http_respond(struct lws *wsi, struct conn *c, unsigned status, const char *allow, char *json,
                        size_t jsonlen)
{
	return srv_http_respond_type(wsi, c, status, "application/json", allow, json, jsonlen);
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
	if (lws_add_http_common_headers(wsi, 204, NULL, 0, &p, end) || srv_http_add_cors(wsi, &p, end) ||
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
	srv_header(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, ct, sizeof(ct));
	size_t n = strcspn(ct, ";");
	while (n > 0 && ct[n - 1] == ' ')
		n--;
	ct[n] = '\0';
	return !ct[0] || strcasecmp(ct, "application/json") == 0 || strcasecmp(ct, "text/plain") == 0 ||
	       strcasecmp(ct, "application/x-www-form-urlencoded") == 0;
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
		srv_http_refuse(wsi, 400, HR_E_BAD_REQUEST,
		                "send Content-Length or Transfer-Encoding, not both", 0);
		return -1;
	}
	if (tel > 0) {
		srv_http_refuse(wsi, has_body ? 411 : 400, HR_E_BAD_REQUEST,
		                "Transfer-Encoding is not accepted; send the body with a Content-Length", 0);
		return -1;
	}
	if (cll != 0) {
		/* One number: no sign, no list, no spaces; 19 digits fit 64 bits. */
		size_t digits = cll > 0 ? strspn(cl, "0123456789") : 0;
		if (cll < 0 || digits == 0 || digits != strlen(cl) || digits > 18) {
			srv_http_refuse(wsi, 400, HR_E_BAD_REQUEST,
			                "Content-Length must be one decimal number", 0);
			return -1;
		}
	} else if (has_body) {
		srv_http_refuse(wsi, 411, HR_E_BAD_REQUEST, "send the body with a Content-Length", 0);
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
		return srv_http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET, HEAD");
	char inm[256];
	int fresh =
	    hr_webroot_etag_matches(f, srv_header(wsi, WSI_TOKEN_HTTP_IF_NONE_MATCH, inm, sizeof(inm)));
	unsigned char hdr[LWS_PRE + 2048];
	unsigned char *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr) - 1;
	/* lws adds nosniff and a strict baseline CSP to every response
	 * (HEADERS_SECURITY_BEST_PRACTICES_ENFORCE); pages get our own too. */
	if (lws_add_http_common_headers(wsi, fresh ? 304 : 200, f->type, f->len, &p, end) ||
	    srv_http_add_cors(wsi, &p,
	                      end) || /* for <script crossorigin integrity=...> on an allowed portal */
	    srv_http_add_header(wsi, "etag:", f->etag, &p, end) ||
	    srv_http_add_header(wsi, "cache-control:", f->cache_control, &p, end) ||
	    (f->csp && srv_http_add_header(wsi, "content-security-policy:", f->csp, &p, end)) ||
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
	if (!hr_access_address_allowed(peer, s->cfg->metrics_allow)) {
		hr_info("event=http status=403 path=/metrics reason=address_not_allowed");
		return http_json(wsi, c, 403,
		                 "{\"type\":\"error\",\"code\":\"forbidden\","
		                 "\"message\":\"metrics are served to loopback and metrics.allow only\"}");
	}
	struct hr_metrics_gauges g = {.connections_open = srv_total_connections(s),
	                              .sockets_open = srv_conn_open(s),
	                              .draining = s->draining,
	                              .workers = s->workers};
	size_t len;
	char *buf = hr_metrics_render(s->metrics, &g, LWS_PRE, &len);
	if (!buf)
		return -1;
	return srv_http_respond_type(wsi, c, 200, "text/plain; version=0.0.4; charset=utf-8", NULL, buf, len);
}

int srv_http_request(struct hr_server *s, struct lws *wsi, struct conn *c, const char *path)
{
	int post = is_method(wsi, WSI_TOKEN_POST_URI);
	int get = is_method(wsi, WSI_TOKEN_GET_URI);
	char origin[256], host[256], auth[512];
	if (http_framing(wsi))
		return -1;
	if (!hr_access_origin_allowed(srv_header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin)),
	                              srv_header(wsi, WSI_TOKEN_HOST, host, sizeof(host)),
	                              s->cfg->allowed_origins))
		return srv_http_error(wsi, c, 403, HR_E_BAD_REQUEST, "this web origin is not allowed", NULL);
	if (is_method(wsi, WSI_TOKEN_OPTIONS_URI) && strcmp(path, "/v1/ask") == 0)
		return http_preflight(wsi, c);
	if (strcmp(path, "/healthz") == 0) {
		if (!get)
			return srv_http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET");
		/* A load balancer takes a draining instance out of rotation. */
		if (s->draining)
			return http_json(wsi, c, 503, "{\"status\":\"draining\"}");
		return http_json(wsi, c, 200, "{\"status\":\"ok\"}");
	}
	if (strcmp(path, "/metrics") == 0) {
		if (!get)
			return srv_http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use GET", "GET");
		return http_metrics(s, wsi, c);
	}
	if (strcmp(path, "/v1/voice") == 0)
		return srv_http_voice_request(s, wsi, c, post);
	if (strcmp(path, "/v1/ask") == 0) {
		if (!post)
			return srv_http_error(wsi, c, 405, HR_E_BAD_REQUEST, "use POST with a JSON body",
			                      "POST");
		if (!hr_access_token_ok(srv_header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)),
		                        s->cfg->auth_tokens))
			return srv_http_error(wsi, c, 401, HR_E_BAD_REQUEST,
			                      "a valid bearer token is required", NULL);
		if (!json_content_type(wsi))
			return srv_http_error(wsi, c, 415, HR_E_BAD_REQUEST,
			                      "send the body as application/json", NULL);
		char cl[32];
		if (lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0 &&
		    strtoull(cl, NULL, 10) > (unsigned long long)s->cfg->message_bytes) {
			/* Not worth reading to keep the connection: answer and close. */
			char m[96];
			snprintf(m, sizeof(m), "the body is larger than %d bytes", s->cfg->message_bytes);
			srv_http_refuse(wsi, 413, HR_E_TOO_LARGE, m, 0);
			return -1;
		}
		c->route = ROUTE_ASK;
		s->http_busy++;
		return 0; /* wait for the body */
	}
	const struct hr_web_file *f = hr_webroot_find(s->web, path);
	if (f)
		return http_static(wsi, c, f);
	return srv_http_error(wsi, c, 404, HR_E_BAD_REQUEST, "no such path; see docs/protocol.md", NULL);
}

int srv_http_body(struct hr_server *s, struct conn *c, const char *in, size_t len)
{
	/* "Content-Length: 0" comes as one empty chunk with IN NULL, which
	 * memcpy() must not be given even for no bytes. */
	if (len == 0)
		return 0;
	size_t limit = c->route == ROUTE_VOICE ? srv_voice_body_limit(s) : (size_t)s->cfg->message_bytes;
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
		return srv_http_error(wsi, c, 413, HR_E_TOO_LARGE, m, NULL);
	}
	struct hr_ask ask;
	struct hr_proto_error err;
	if (hr_proto_parse_http(c->body ? c->body : "", c->bodylen, (size_t)s->cfg->message_bytes, &ask,
	                        &err))
		return srv_http_error(wsi, c, err.code == HR_E_TOO_LARGE ? 413 : 400, err.code, err.message,
		                      NULL);
	/* The conversation: the context the client carries, when it decodes,
	 * whichever instance answered before; else what this instance remembers
	 * for the session; else a new one. A malformed context is ignored, so the
	 * question is still answered (docs/protocol.md); the log says why, never
	 * what it held. The session, if any, remembers the outcome either way. */
	struct hr_convo convo = {0};
	int carried = 0;
	if (ask.context) {
		int crc = hr_convo_decode(ask.context, ask.context_len, &convo);
		carried = crc == 0;
		if (crc)
			hr_info("event=context_ignored reason=%s", hr_convo_error_name(crc));
	}
	if (!carried && ask.has_session)
		hr_sessions_load(s->sessions, ask.session, srv_now_ms(), &convo);
	struct hr_answer a = {0};
	int rc = srv_handle_ask(s, &convo, &ask, &a);
	if (rc == 0 && ask.has_session && hr_sessions_store(s->sessions, ask.session, srv_now_ms(), &convo))
		hr_warn("event=session_not_kept error=\"out of memory\"");
	if (rc) {
		hr_answer_clear(&a);
		hr_ask_clear(&ask);
		return srv_http_error(
		    wsi, c, rc == -EINVAL ? 400 : 500, rc == -EINVAL ? HR_E_BAD_REQUEST : HR_E_INTERNAL,
		    rc == -EINVAL ? "\"text\" must be valid UTF-8" : "internal error", NULL);
	}
	char ctx[HR_CONVO_CONTEXT_MAX + 1];
	size_t len, clen;
	int crc = hr_convo_encode(&convo, ctx, sizeof(ctx), &clen);
	char *json = hr_proto_answer_with_context(&a, NULL, ask.has_session ? ask.session : NULL,
	                                          crc ? NULL : ctx, LWS_PRE, &len);
	hr_answer_clear(&a);
	hr_ask_clear(&ask);
	if (!json)
		return -1;
	return http_respond(wsi, c, 200, NULL, json, len);
}

/* Counts the turns of the loop, so that srv_http_body_completion() can tell lws
 * looping within one turn from repeats spread over turns. */
void srv_on_turn(uv_check_t *h)
{
	struct hr_server *s = h->data;
	s->turns++;
}

/* A new request on C: its headers are parsed. */
void srv_http_begin(struct lws *wsi, struct conn *c, const char *path)
{
	const char *method = is_method(wsi, WSI_TOKEN_POST_URI)      ? "POST"
	                     : is_method(wsi, WSI_TOKEN_GET_URI)     ? "GET"
	                     : is_method(wsi, WSI_TOKEN_HEAD_URI)    ? "HEAD"
	                     : is_method(wsi, WSI_TOKEN_OPTIONS_URI) ? "OPTIONS"
	                                                             : "";
	snprintf(c->request_line, sizeof(c->request_line), "%s %s", method, path);
	c->body_started = c->body_done = 0;
	c->repeats = 0;
}

/* Whether the first body bytes of the request in progress are its own
 * request line: lws replaying a pipelined request's headers (see above).
 * No JSON body and no WAV begins with "POST /". */
int srv_http_replayed(const struct conn *c, const char *in, size_t len)
{
	size_t n = strlen(c->request_line);
	if (n > len)
		n = len;
	return in && n > 0 && c->request_line[0] != ' ' && memcmp(in, c->request_line, n) == 0;
}

/* The body has arrived (once per request; see above for the repeats). */
int srv_http_body_completion(struct hr_server *s, struct lws *wsi, struct conn *c)
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
		return srv_http_voice(s, wsi, c);
	return c->route == ROUTE_ASK ? http_ask(s, wsi, c) : 0;
}

void srv_http_free(struct hr_server *s, struct conn *c)
{
	if (c->route == ROUTE_ASK || c->route == ROUTE_VOICE)
		s->http_busy--;
	hr_voice_cancel(c->vjob);
	c->vjob = NULL;
	srv_voice_unpark(c);
	free(c->body);
	free(c->resp);
	c->body = c->resp = NULL;
	/* A spoken question over HTTP routes its hypotheses in a conversation of
	 * its own (srv_ws_convo()); an HTTP exchange carries its context in the
	 * request, so nothing is kept for the next request on the connection. */
	free(c->convo);
	c->convo = NULL;
	c->bodylen = c->resplen = 0;
	c->body_overflow = 0;
	c->route = ROUTE_NONE;
}

int srv_http_writeable(struct hr_server *s, struct lws *wsi, struct conn *c)
{
	if (!c->resp)
		return s->goodbye ? -1 : 0; /* an idle keep-alive connection */
	int n = lws_write(wsi, (unsigned char *)c->resp + LWS_PRE, c->resplen, LWS_WRITE_HTTP_FINAL);
	int short_write = n < (int)c->resplen;
	srv_http_free(s, c);
	if (short_write || s->draining)
		return -1;
	/* Keep-alive: ready for the next request on this connection. */
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}
