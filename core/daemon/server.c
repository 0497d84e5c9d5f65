/*
 * The network layer. One protocol, "herald.v1", handles both HTTP and the
 * WebSocket (it is protocols[0], so clients that offer no subprotocol get it
 * too). Per-connection state is allocated by lws (struct conn); output is only
 * written from the WRITEABLE callbacks, into buffers with LWS_PRE headroom.
 *
 * CVE-2025-11677 (lws 4.1.6): a use-after-free when reading `in` during
 * LWS_CALLBACK_HTTP_CONFIRM_UPGRADE with an invalid Upgrade: header. This
 * layer never reads `in` in that callback; tests/integration keeps a test that
 * sends such headers to a sanitizer build.
 *
 * The layer's rooms (server_int.h holds what they share); calls go down
 * this list, never back up (layout.calls):
 *   server.c         lws's callback, which dispatches to the rooms below, and
 *                    the worker's server: start, drain, goodbye, stop;
 *   server_ws.c      WebSocket sessions: reading, close, goodbye, refusals;
 *   server_http.c    HTTP routes, CORS and preflight, the life of a request;
 *   server_listen.c  the SO_REUSEPORT listener and the front door;
 *   server_voice.c   the network side of voice.h;
 *   server_ask.c     the request handler that asks the engine (srv_handle_ask);
 *   server_conn.c    what every room uses: the state shared between workers
 *                    (connections per address, sessions, metrics), a
 *                    connection's headers and address, and its output (the
 *                    WebSocket reply queue, HTTP responses and refusals).
 */
#include "server.h"
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
#include "util.h"
#include "voice.h"
#include "wav.h"
#include "webroot.h"

void hr_server_on_fallback(hr_server *s, void (*fn)(void *ud, const char *text, size_t len), void *ud)
{
	s->on_fallback = fn;
	s->on_fallback_ud = ud;
}

void hr_server_set_voice(hr_server *s, hr_voice *voice)
{
	if (s) {
		s->voice = voice;
		srv_voice_resume(s);
	}
}

void hr_server_set_voice_loader(hr_server *s, void (*load)(void *ud), void *ud)
{
	if (s) {
		s->voice_load = load;
		s->voice_load_ud = ud;
		if (!load)
			srv_voice_resume(s);
	}
}

void hr_server_set_webroot(hr_server *s, const hr_webroot *web)
{
	if (s)
		s->web = web;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct conn *c = user;
	struct hr_server *s = srv_server_of(wsi);

	switch (reason) {
	case LWS_CALLBACK_WSI_DESTROY:
		/* Every connection lws frees: give back its slot (srv_adopt()). */
		if (lws_get_opaque_user_data(wsi) == s) {
			lws_set_opaque_user_data(wsi, NULL);
			srv_conn_release(s);
		}
		return 0;
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		/* Never read `in` here (CVE-2025-11677); see srv_ws_confirm(). */
		return srv_ws_confirm(s, wsi);
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return srv_ws_filter(s, wsi);
	case LWS_CALLBACK_ESTABLISHED:
		memset(c, 0, sizeof(*c));
		enum hr_refusal why = HR_REFUSED_PER_ADDRESS;
		if (!(c->addr = srv_addr_acquire(s, wsi, &why))) {
			/* Another worker took the last slot after srv_ws_confirm():
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
		return c->refused || c->bye == 2 ? 0 : srv_ws_receive(s, wsi, c, in, len);
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		/* The client's close answering herald's: the closing handshake is
		 * over (returning 0 would have lws send a second close frame). */
		return c && c->bye == 2 ? -1 : 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if (c->refused) {
			srv_ws_close_frame(wsi, 1013, "too many connections; try again later");
			return -1;
		}
		return srv_ws_writeable(wsi, c);
	case LWS_CALLBACK_CLOSED:
		/* lws also reports CLOSED for upgrades it refused before
		 * ESTABLISHED; only count what was counted. */
		if (c && c->is_ws) {
			srv_ws_free(c);
			srv_addr_release(s, c->addr);
			c->addr = NULL;
			c->is_ws = 0;
			s->connections--;
		}
		return 0;

	case LWS_CALLBACK_HTTP:
		srv_http_begin(wsi, c, in ? (const char *)in : "");
		return srv_http_request(s, wsi, c, in ? (const char *)in : "");
	case LWS_CALLBACK_HTTP_BODY:
		if (!c->body_started) {
			c->body_started = 1;
			if (srv_http_replayed(c, in, len)) {
				hr_info(
				    "event=http_pipeline_closed request=\"%s\" (a request with a body sent "
				    "before the previous response; answered what came before it)",
				    c->request_line);
				return -1;
			}
		}
		return c->route == ROUTE_ASK || c->route == ROUTE_VOICE ? srv_http_body(s, c, in, len) : 0;
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		return srv_http_body_completion(s, wsi, c);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		return srv_http_writeable(s, wsi, c);
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
	case LWS_CALLBACK_CLOSED_HTTP:
		if (c && !c->is_ws)
			srv_http_free(s, c);
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
        /* lws gives every WebSocket a receive buffer of this size for as
         * long as it is open. Messages are reassembled in c->rx whatever
         * their size, and a question is a few hundred bytes: 1 KB rather
         * than 4 saves 3 kB an idle connection (docs/performance.md). */
        .rx_buffer_size = 1024,
        /* Without this lws would also cut every send() at rx_buffer_size:
         * a 1.6 kB answer went out in two, the second after the client's
         * delayed ACK (Nagle), 40 ms later. 4096 is what it was. */
        .tx_packet_size = 4096,
    },
    {NULL, NULL, 0, 0, 0, NULL, 0},
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
	void *foreign[1] = {loop};
	info.foreign_loops = foreign;
	info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_VALIDATE_UTF8 |
	               LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
	               LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	/* lws sets up the server side (TLS included) but does not listen:
	 * connections come from srv_listen_open()'s socket. */
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
		info.ssl_options_set =
		    SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1;
	}
	s->ctx = context_create(&info);
	if (!s->ctx) {
		hr_err("event=start_failed error=\"cannot create the libwebsockets context (is "
		       "libwebsockets-evlib-uv installed?)\"");
		free(s->trace);
		free(s);
		return -EIO;
	}
	pthread_mutex_lock(&lws_lifecycle);
	s->vhost = lws_create_vhost(s->ctx, &info);
	pthread_mutex_unlock(&lws_lifecycle);
	if (!s->vhost) {
		if (cfg->tls_cert[0])
			hr_err("event=listen_failed addr=%s:%d error=\"cannot set up TLS (check tls.cert and "
			       "tls.key)\"",
			       cfg->listen_host, cfg->listen_port);
		else
			hr_err("event=listen_failed addr=%s:%d error=\"cannot create the vhost\"",
			       cfg->listen_host, cfg->listen_port);
		hr_server_stop(s);
		*out = s; /* the caller drains the loop, then frees */
		return -EINVAL;
	}
	int fd = srv_listen_open(cfg->listen_host, cfg->listen_port, worker == 0, &s->port);
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
	uv_check_start(&s->turn_check, srv_on_turn);
	s->listen_on = 1;
	uv_poll_start(&s->listen_poll, UV_READABLE, srv_on_listen_readable);
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

void hr_server_close_door(hr_server *s)
{
	if (s && s->ctx && !s->stopping)
		srv_listen_close(s);
}

void hr_server_goodbye(hr_server *s)
{
	if (!s || !s->ctx || s->goodbye)
		return;
	s->draining = s->goodbye = 1;
	s->goodbye_ms = srv_now_ms();
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
	srv_listen_stop(s);
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
