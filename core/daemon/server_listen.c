/*
 * The network layer, the listener: herald's own SO_REUSEPORT socket per
 * worker, the connection count of limits.max_connections, and the front door
 * that reads the first request of a plaintext connection before lws adopts
 * it. See server.c for the whole layer.
 */
#include "server_int.h"

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

int srv_listen_open(const char *host, int port, int first, int *bound_port)
{
	char service[16];
	snprintf(service, sizeof(service), "%d", port);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
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
int srv_conn_take(struct hr_server *s)
{
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	int ok = sh->open < (unsigned)s->cfg->max_connections;
	if (ok)
		sh->open++;
	pthread_mutex_unlock(&sh->lock);
	return ok;
}

/* Connections of every kind open now, for the herald_sockets_open gauge. */
unsigned srv_conn_open(struct hr_server *s)
{
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	unsigned n = sh->open;
	pthread_mutex_unlock(&sh->lock);
	return n;
}

void srv_conn_release(struct hr_server *s)
{
	struct hr_server_shared *sh = s->shared;
	pthread_mutex_lock(&sh->lock);
	sh->open--;
	pthread_mutex_unlock(&sh->lock);
}

/* Hands FD, counted, to lws. */
void srv_adopt(struct hr_server *s, int fd)
{
	struct lws *wsi = lws_adopt_socket_vhost(s->vhost, fd);
	if (!wsi) {
		/* lws has closed the descriptor itself. */
		hr_warn("event=adopt_failed");
		srv_conn_release(s);
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
 * lws mistakes a POST's headers for its body; see srv_http_body_completion().)
 * A head that is fine goes to lws with the socket. One that is not gets its
 * status and the protocol's JSON error here; herald then reads and drops what
 * the client still sends, for at most FRONT_LINGER_MS, and closes, so that the
 * client reads the answer rather than a reset.
 *
 * Not covered, and documented in docs/security.md: the second and later
 * requests of a kept-alive connection, and TLS connections (their bytes are
 * ciphertext until lws has them), which meet lws's own handling.
 */

#define HEAD_MAX 4096        /* request line and headers, in bytes */
#define HEAD_LINES_MAX 64    /* header lines; lws keeps at most WSI_TOKEN_COUNT */
#define URL_MAX 2048         /* the request target */
#define FRONT_LINGER_MS 1000 /* reading what follows a refusal, at most */

struct front {
	struct hr_server *s;
	int fd;
	uv_poll_t poll;
	uv_timer_t timer;
	uint64_t deadline; /* loop time when the head must be complete */
	unsigned backoff;  /* ms before peeking again at an unfinished head */
	size_t seen;       /* bytes of the head peeked so far */
	int lingering;
	int counted; /* holds a slot (srv_conn_take()); a refusal at the cap does not */
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
	static const char *const methods[] = {"GET",   "HEAD",   "POST",    "PUT",
	                                      "PATCH", "DELETE", "OPTIONS", NULL};
	int known = 0;
	for (const char *const *m = methods; *m && !known; m++)
		known = strlen(*m) == mlen && memcmp(*m, b, mlen) == 0;
	if (!known) {
		char m[128];
		snprintf(m, sizeof(m), "the method %.*s is not implemented; see docs/protocol.md", (int)mlen,
		         b);
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
			if (i + 2 >= tlen || !hexdigit((unsigned char)target[i + 1]) ||
			    !hexdigit((unsigned char)target[i + 2]))
				return bad(v, 400, HR_E_BAD_REQUEST,
				           "a % in the URL that is not followed by two hex digits");
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
		srv_adopt(s, f->fd);
	} else {
		close(f->fd);
		if (f->counted)
			srv_conn_release(s);
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
	int hl = snprintf(
	    head, sizeof(head),
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
			srv_adopt(s, fd);
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
		front_refuse(f, 503, HR_E_RATE_LIMITED,
		             "herald is at its connection limit; try again shortly", 5);
}

static void on_listen_pause(uv_timer_t *t)
{
	struct hr_server *s = t->data;
	if (s->listen_on)
		uv_poll_start(&s->listen_poll, UV_READABLE, srv_on_listen_readable);
}

void srv_on_listen_readable(uv_poll_t *h, int status, int events)
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
		if (!srv_conn_take(s))
			refuse_at_cap(s, fd);
		else if (!s->cfg->tls_cert[0])
			front_open(s, fd, 1);
		else
			srv_adopt(s, fd);
	}
}

/*
 * Draining: takes in every connection already waiting in the backlog (the
 * kernel completed their handshakes, and a proxy may have written a question
 * on them), then closes the listening socket, so the next connection is
 * refused at once and a load balancer tries another instance. What was taken
 * in is answered like the rest.
 */
void srv_listen_close(struct hr_server *s)
{
	if (!s->listen_on || s->door_closed)
		return;
	for (int guard = 0; guard < 1024; guard++) {
		int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break; /* EAGAIN: the backlog is empty; out of descriptors: nothing more to do */
		}
		if (!srv_conn_take(s))
			refuse_at_cap(s, fd);
		else if (!s->cfg->tls_cert[0])
			front_open(s, fd, 1);
		else
			srv_adopt(s, fd);
	}
	s->door_closed = 1;
	uv_close((uv_handle_t *)&s->listen_poll, NULL);
	uv_close((uv_handle_t *)&s->listen_pause, NULL);
	close(s->listen_fd);
	s->listen_fd = -1;
}

void srv_listen_stop(struct hr_server *s)
{
	if (!s->listen_on)
		return;
	s->listen_on = 0;
	if (!s->door_closed) {
		uv_close((uv_handle_t *)&s->listen_poll, NULL);
		uv_close((uv_handle_t *)&s->listen_pause, NULL);
		close(s->listen_fd);
		s->listen_fd = -1;
	}
	uv_close((uv_handle_t *)&s->turn_check, NULL);
	while (s->fronts)
		front_end(s->fronts, 0);
}
