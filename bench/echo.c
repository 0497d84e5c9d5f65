/*
 * echo: the ceiling herald is measured against. A bare libwebsockets server
 * on the same stack as herald (lws 4.1 on a foreign libuv loop, the same
 * context options and buffer sizes as core/daemon/server.c) that answers every text
 * message with a fixed JSON reply of herald's size, and does nothing else:
 * no parsing, no engine, no logging. What herald's replies per second fall
 * short of this is what herald itself costs.
 *
 *   echo [--port P] [--reply-bytes N] [--max-connections N] [--direct]
 *
 * By default every reply waits for lws's WRITEABLE callback. --direct writes
 * it from the RECEIVE callback when lws holds no unsent remainder
 * (lws_partial_buffered()), as herald does since issue 20's fourth round
 * (srv_ws_reply() in core/daemon/server_conn.c): the ceiling of that way of
 * writing.
 *
 * Prints "listening on PORT" once ready (port 0 picks a free one); SIGINT or
 * SIGTERM stop it.
 */
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

struct echo_conn {
	unsigned pending; /* replies owed */
};

static unsigned char *reply; /* LWS_PRE bytes of headroom, then the JSON */
static size_t reply_len;
static int direct; /* --direct */

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	struct echo_conn *c = user;
	switch (reason) {
	case LWS_CALLBACK_ESTABLISHED:
		memset(c, 0, sizeof(*c));
		return 0;
	case LWS_CALLBACK_RECEIVE:
		if (lws_is_final_fragment(wsi) && !lws_remaining_packet_payload(wsi)) {
			if (direct && !c->pending && !lws_partial_buffered(wsi))
				return lws_write(wsi, reply + LWS_PRE, reply_len, LWS_WRITE_TEXT) <
				               (int)reply_len
				           ? -1
				           : 0;
			c->pending++;
			lws_callback_on_writable(wsi);
		}
		return 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if (!c->pending)
			return 0;
		/* lws writes the frame header into the headroom and sends (or
		 * copies) the payload at once, so one buffer serves everyone. */
		if (lws_write(wsi, reply + LWS_PRE, reply_len, LWS_WRITE_TEXT) < (int)reply_len)
			return -1;
		if (--c->pending)
			lws_callback_on_writable(wsi);
		return 0;
	default:
		return 0;
	}
}

static const struct lws_protocols protocols[] = {
    {
        .name = "herald.v1",
        .callback = callback,
        .per_session_data_size = sizeof(struct echo_conn),
        .rx_buffer_size = 1024, /* as herald's (core/daemon/server.c) */
        .tx_packet_size = 4096,
    },
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static struct lws_context *ctx;
static uv_signal_t sigint, sigterm;

static void on_close(uv_handle_t *h)
{
	(void)h;
}

static void on_signal(uv_signal_t *h, int signum)
{
	(void)h;
	(void)signum;
	uv_close((uv_handle_t *)&sigint, on_close);
	uv_close((uv_handle_t *)&sigterm, on_close);
	lws_context_destroy(ctx);
}

/* A reply shaped like herald's answer, padded to N bytes. */
static void build_reply(size_t n)
{
	static const char head[] = "{\"type\":\"answer\",\"id\":\"q0\",\"intent\":\"echo\",\"text\":\"";
	static const char tail[] = "\",\"speech\":\"\",\"sources\":[],\"suggestions\":[],\"safety\":null}";
	size_t fixed = sizeof(head) - 1 + sizeof(tail) - 1;
	if (n < fixed)
		n = fixed;
	reply = malloc(LWS_PRE + n + 1);
	if (!reply)
		exit(1);
	unsigned char *p = reply + LWS_PRE;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	for (size_t i = 0; i < n - fixed; i++)
		*p++ = "HER2 answers in plain words. "[i % 29];
	memcpy(p, tail, sizeof(tail) - 1);
	reply_len = n;
}

int main(int argc, char **argv)
{
	int port = 0, max_conn = 20000;
	size_t reply_bytes = 1400;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
			port = atoi(argv[++i]);
		else if (strcmp(argv[i], "--reply-bytes") == 0 && i + 1 < argc)
			reply_bytes = (size_t)atol(argv[++i]);
		else if (strcmp(argv[i], "--max-connections") == 0 && i + 1 < argc)
			max_conn = atoi(argv[++i]);
		else if (strcmp(argv[i], "--direct") == 0)
			direct = 1;
		else {
			fprintf(
			    stderr,
			    "usage: echo [--port P] [--reply-bytes N] [--max-connections N] [--direct]\n");
			return 2;
		}
	}
	build_reply(reply_bytes);
	signal(SIGPIPE, SIG_IGN);
	lws_set_log_level(LLL_ERR, NULL);

	uv_loop_t loop;
	uv_loop_init(&loop);
	uv_signal_init(&loop, &sigint);
	uv_signal_init(&loop, &sigterm);
	uv_signal_start(&sigint, on_signal, SIGINT);
	uv_signal_start(&sigterm, on_signal, SIGTERM);

	struct lws_context_creation_info info;
	memset(&info, 0, sizeof(info));
	void *foreign[1] = {&loop};
	info.foreign_loops = foreign;
	info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_VALIDATE_UTF8 |
	               LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
	               LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	info.port = port;
	info.iface = "127.0.0.1";
	info.protocols = protocols;
	info.pcontext = &ctx;
	info.max_http_header_data = 4096;
	info.timeout_secs = 10;
	info.fd_limit_per_thread = (unsigned)max_conn + 64;
	info.pt_serv_buf_size = 16384;
	ctx = lws_create_context(&info);
	if (!ctx) {
		fprintf(stderr, "echo: cannot create the lws context\n");
		return 1;
	}
	struct lws_vhost *vh = lws_create_vhost(ctx, &info);
	if (!vh) {
		fprintf(stderr, "echo: cannot listen on port %d\n", port);
		lws_context_destroy(ctx);
		return 1;
	}
	printf("listening on %d\n", lws_get_vhost_listen_port(vh));
	fflush(stdout);
	uv_run(&loop, UV_RUN_DEFAULT);
	/* As core/daemon/server.c: finish the destruction once lws's handles closed. */
	if (ctx)
		lws_context_destroy(ctx);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	free(reply);
	return 0;
}
