/*
 * loadgen: a closed-loop WebSocket load generator for herald (and for the
 * bare lws echo server that is its ceiling).
 *
 * N connections each keep exactly one question in flight: send, wait for the
 * whole reply, send the next. Questions come from a file, one a line, each
 * connection starting at a different line. Replies during the warm-up are not
 * counted; then, for a fixed duration, every reply's latency (from the write
 * to the last byte of the reply) is recorded. At the end it prints replies per
 * second, latency p50/p90/p99/max, errors, and, when given --pid, the
 * daemon's memory (VmHWM and VmRSS from /proc/PID/status) and the CPU time it
 * used per reply while measuring (user + system, from /proc/PID/stat): what a
 * question costs the daemon, which other processes on the machine disturb far
 * less than they disturb latency.
 *
 * With --latencies FILE it also writes every measured reply to FILE, one a
 * line in the order they arrived: the time since measuring started, the
 * connection, how many questions the connection had sent before this one
 * (warm-up included: with one connection, the line of the daemon's log that
 * answered it), the question's line number in the questions file (counting
 * only questions, from 0) and the latency, all in microseconds but the
 * counts. That is what tells whether a tail is the same questions every run
 * (then they need making cheaper) or spikes that fall on any question.
 *
 * With --idle it only opens N WebSockets, holds them, and reports the
 * daemon's memory while they are open: what idle connections cost.
 *
 * Plain libuv and a minimal RFC 6455 client (masked text frames out; text,
 * continuation, ping and close frames in), so that the load generator costs
 * little and measures the server, not a client library.
 *
 *   loadgen [--host H] --port P [--path /chat] [--connections N] [--duration S]
 *           [--warmup S] [--questions FILE] [--pid PID] [--kv] [--latencies FILE]
 *   loadgen --port P --idle N [--hold S] [--pid PID] [--kv]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <uv.h>

#define RXBUF (64 * 1024)
#define MAX_CONNECTING 256 /* handshakes in flight, so the listen queue never overflows */

struct frame {
	char *buf; /* a masked text frame, ready to write */
	size_t len;
};

struct conn {
	uv_tcp_t tcp;
	uv_connect_t connect;
	uv_write_t write;
	struct lg *lg;
	int index;
	int upgraded;
	int closed;
	size_t next_q;
	size_t asked;   /* the question in flight */
	uint64_t nsent; /* questions sent, the one in flight included */
	uint64_t sent_at;
	char *in; /* bytes received and not yet parsed */
	size_t inlen, incap;
	size_t msglen; /* bytes of the message being reassembled */
};

struct lg {
	uv_loop_t *loop;
	struct sockaddr_storage addr;
	const char *host;
	int port;
	const char *path;
	int nconn;
	double duration, warmup, hold;
	int idle;
	int pid;
	int kv;
	struct frame *frames;
	size_t nframes;
	char *handshake;
	size_t handshake_len;
	struct conn *conns;
	int started, connecting, upgraded, failed;
	uv_timer_t timer;
	enum { CONNECTING, WARMUP, MEASURE, DONE } phase;
	uint64_t t_measure, t_end;
	uint64_t replies, errors, bytes;
	long idle_rss;             /* the daemon's VmRSS while the idle connections were open */
	double cpu_start, cpu_end; /* the daemon's CPU seconds when measuring started and ended */
	uint64_t *lat;
	size_t nlat, caplat;
	const char *latfile;    /* --latencies: every reply's question and latency */
	struct sample *samples; /* in arrival order, kept only with --latencies */
	size_t nsamples, capsamples;
};

/* One measured reply, for --latencies. */
struct sample {
	uint64_t at;      /* ns since measuring started */
	uint64_t latency; /* ns */
	uint64_t seq;     /* the connection's questions before this one */
	uint32_t conn, question;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, len = 0, n;
	char *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* Builds the masked frame of an ask message for QUESTION. */
static int build_frame(struct frame *fr, size_t id, const char *question)
{
	char json[4096];
	size_t o = (size_t)snprintf(json, sizeof(json), "{\"type\":\"ask\",\"id\":\"q%zu\",\"text\":\"", id);
	for (const char *c = question; *c && o + 8 < sizeof(json); c++) {
		if (*c == '"' || *c == '\\')
			json[o++] = '\\';
		if ((unsigned char)*c >= 0x20)
			json[o++] = *c;
	}
	o += (size_t)snprintf(json + o, sizeof(json) - o, "\"}");
	size_t hl = o < 126 ? 2 : 4;
	fr->buf = malloc(hl + 4 + o);
	if (!fr->buf)
		return -ENOMEM;
	unsigned char *b = (unsigned char *)fr->buf;
	b[0] = 0x81; /* FIN, text */
	if (o < 126) {
		b[1] = (unsigned char)(0x80 | o);
	} else {
		b[1] = 0x80 | 126;
		b[2] = (unsigned char)(o >> 8);
		b[3] = (unsigned char)o;
	}
	/* A fixed mask key: the frames are built once, so sending costs no work. */
	static const unsigned char key[4] = {0x37, 0xfa, 0x21, 0x3d};
	memcpy(b + hl, key, 4);
	for (size_t i = 0; i < o; i++)
		b[hl + 4 + i] = (unsigned char)json[i] ^ key[i % 4];
	fr->len = hl + 4 + o;
	return 0;
}

static void on_close(uv_handle_t *h)
{
	(void)h;
}

static void conn_close(struct conn *c)
{
	if (c->closed)
		return;
	c->closed = 1;
	uv_close((uv_handle_t *)&c->tcp, on_close);
}

static void on_write(uv_write_t *w, int status)
{
	struct conn *c = w->data;
	if (status < 0 && !c->closed) {
		c->lg->failed++;
		conn_close(c);
	}
}

static void send_question(struct conn *c)
{
	struct lg *lg = c->lg;
	const struct frame *fr = &lg->frames[c->next_q];
	c->asked = c->next_q;
	c->nsent++;
	c->next_q = (c->next_q + 1) % lg->nframes;
	uv_buf_t b = uv_buf_init(fr->buf, (unsigned)fr->len);
	c->write.data = c;
	c->sent_at = uv_hrtime();
	if (uv_write(&c->write, (uv_stream_t *)&c->tcp, &b, 1, on_write) < 0) {
		lg->failed++;
		conn_close(c);
	}
}

struct pong {
	uv_write_t w;
	unsigned char buf[2 + 4 + 125];
};

static void on_pong_written(uv_write_t *w, int status)
{
	(void)status;
	free(w->data);
}

/* Answers a ping, as every client must. */
static void send_pong(struct conn *c, const unsigned char *payload, size_t len)
{
	struct pong *p = malloc(sizeof(*p));
	if (!p || len > 125) {
		free(p);
		return;
	}
	p->buf[0] = 0x8a;
	p->buf[1] = (unsigned char)(0x80 | len);
	memset(p->buf + 2, 0, 4); /* a zero mask key leaves the payload as it is */
	memcpy(p->buf + 6, payload, len);
	p->w.data = p;
	uv_buf_t b = uv_buf_init((char *)p->buf, (unsigned)(6 + len));
	if (uv_write(&p->w, (uv_stream_t *)&c->tcp, &b, 1, on_pong_written) < 0)
		free(p);
}

/* Keeps one reply's question and latency for --latencies. */
static void keep_sample(struct lg *lg, const struct conn *c, uint64_t now)
{
	if (lg->nsamples == lg->capsamples) {
		size_t cap = lg->capsamples ? lg->capsamples * 2 : 65536;
		struct sample *v = realloc(lg->samples, cap * sizeof(*v));
		if (!v)
			return;
		lg->samples = v;
		lg->capsamples = cap;
	}
	lg->samples[lg->nsamples++] = (struct sample){.at = now - lg->t_measure,
	                                              .latency = now - c->sent_at,
	                                              .seq = c->nsent - 1,
	                                              .conn = (uint32_t)c->index,
	                                              .question = (uint32_t)c->asked};
}

/* Writes the --latencies file; returns 0 or -1. */
static int write_samples(const struct lg *lg)
{
	FILE *f = fopen(lg->latfile, "w");
	if (!f) {
		perror(lg->latfile);
		return -1;
	}
	fprintf(f, "# at_us\tconnection\tsequence\tquestion\tlatency_us\n");
	for (size_t i = 0; i < lg->nsamples; i++) {
		const struct sample *s = &lg->samples[i];
		fprintf(f, "%.1f\t%u\t%llu\t%u\t%.1f\n", (double)s->at / 1e3, s->conn,
		        (unsigned long long)s->seq, s->question, (double)s->latency / 1e3);
	}
	return fclose(f) == 0 ? 0 : -1;
}

static void record(struct lg *lg, uint64_t now, uint64_t sent_at)
{
	if (lg->nlat == lg->caplat) {
		size_t cap = lg->caplat ? lg->caplat * 2 : 65536;
		uint64_t *v = realloc(lg->lat, cap * sizeof(*v));
		if (!v)
			return;
		lg->lat = v;
		lg->caplat = cap;
	}
	lg->lat[lg->nlat++] = now - sent_at;
}

/* A whole reply arrived (its first bytes in HEAD). */
static void on_reply(struct conn *c, const char *head, size_t headlen, size_t total)
{
	struct lg *lg = c->lg;
	uint64_t now = uv_hrtime();
	if (lg->phase == MEASURE && now < lg->t_end) {
		lg->replies++;
		lg->bytes += total;
		if (memmem(head, headlen, "\"type\":\"error\"", 14))
			lg->errors++;
		record(lg, now, c->sent_at);
		if (lg->latfile)
			keep_sample(lg, c, now);
	}
	if (lg->phase == DONE)
		return;
	send_question(c);
}

static void start_next(struct lg *lg);

/* Parses what arrived: first the upgrade response, then frames. */
static int parse(struct conn *c)
{
	struct lg *lg = c->lg;
	size_t off = 0;
	if (!c->upgraded) {
		char *end = memmem(c->in, c->inlen, "\r\n\r\n", 4);
		if (!end)
			return 0;
		if (c->inlen < 12 || memcmp(c->in + 9, "101", 3) != 0) {
			const char *eol = memchr(c->in, '\r', c->inlen);
			fprintf(stderr, "loadgen: the upgrade was refused: %.*s\n", (int)(eol - c->in),
			        c->in);
			return -1;
		}
		c->upgraded = 1;
		lg->upgraded++;
		lg->connecting--;
		off = (size_t)(end + 4 - c->in);
		start_next(lg);
		if (!lg->idle && lg->phase != DONE)
			send_question(c);
	}
	for (;;) {
		const unsigned char *b = (const unsigned char *)c->in + off;
		size_t avail = c->inlen - off;
		if (avail < 2)
			break;
		int fin = b[0] & 0x80, op = b[0] & 0x0f;
		size_t len = b[1] & 0x7f, hl = 2;
		if (b[1] & 0x80)
			return -1; /* servers never mask */
		if (len == 126) {
			if (avail < 4)
				break;
			len = ((size_t)b[2] << 8) | b[3];
			hl = 4;
		} else if (len == 127) {
			if (avail < 10)
				break;
			len = 0;
			for (int i = 2; i < 10; i++)
				len = (len << 8) | b[i];
			hl = 10;
		}
		if (avail < hl + len)
			break;
		const char *payload = (const char *)b + hl;
		if (op == 0x9) {
			send_pong(c, (const unsigned char *)payload, len);
		} else if (op == 0x8) {
			return -1;
		} else if (op == 0x1 || op == 0x2 || op == 0x0) {
			c->msglen += len;
			if (fin) {
				size_t total = c->msglen;
				c->msglen = 0;
				on_reply(c, payload, len < 64 ? len : 64, total);
			}
		}
		off += hl + len;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	return 0;
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	struct conn *c = h->data;
	(void)suggested;
	if (c->incap - c->inlen < 4096) {
		size_t cap = c->incap ? c->incap * 2 : RXBUF;
		char *n = realloc(c->in, cap);
		if (!n) {
			*buf = uv_buf_init(NULL, 0);
			return;
		}
		c->in = n;
		c->incap = cap;
	}
	*buf = uv_buf_init(c->in + c->inlen, (unsigned)(c->incap - c->inlen));
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	(void)buf;
	if (n < 0) {
		if (!c->closed && c->lg->phase != DONE)
			c->lg->failed++;
		conn_close(c);
		return;
	}
	c->inlen += (size_t)n;
	if (parse(c) < 0) {
		c->lg->failed++;
		conn_close(c);
	}
}

static void on_connect(uv_connect_t *req, int status)
{
	struct conn *c = req->data;
	struct lg *lg = c->lg;
	if (status < 0) {
		fprintf(stderr, "loadgen: connect: %s\n", uv_strerror(status));
		lg->failed++;
		lg->connecting--;
		conn_close(c);
		start_next(lg);
		return;
	}
	uv_buf_t b = uv_buf_init(lg->handshake, (unsigned)lg->handshake_len);
	c->write.data = c;
	uv_write(&c->write, (uv_stream_t *)&c->tcp, &b, 1, on_write);
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

/* Opens more connections while fewer than MAX_CONNECTING handshakes are open. */
static void start_next(struct lg *lg)
{
	while (lg->started < lg->nconn && lg->connecting < MAX_CONNECTING) {
		struct conn *c = &lg->conns[lg->started];
		c->lg = lg;
		c->index = lg->started;
		c->next_q = (size_t)lg->started % lg->nframes;
		uv_tcp_init(lg->loop, &c->tcp);
		uv_tcp_nodelay(&c->tcp, 1);
		c->tcp.data = c;
		c->connect.data = c;
		lg->started++;
		lg->connecting++;
		int rc = uv_tcp_connect(&c->connect, &c->tcp, (struct sockaddr *)&lg->addr, on_connect);
		if (rc < 0) {
			fprintf(stderr, "loadgen: connect: %s\n", uv_strerror(rc));
			lg->failed++;
			lg->connecting--;
			conn_close(c);
		}
	}
}

static void stop_all(struct lg *lg)
{
	lg->phase = DONE;
	uv_timer_stop(&lg->timer);
	uv_close((uv_handle_t *)&lg->timer, on_close);
	for (int i = 0; i < lg->started; i++)
		conn_close(&lg->conns[i]);
}

static long proc_status_kb(int pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	long v = -1;
	if (!f)
		return -1;
	size_t kl = strlen(key);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, kl) == 0 && line[kl] == ':')
			v = atol(line + kl + 1);
	}
	fclose(f);
	return v;
}

/* CPU seconds (user + system) process PID has used so far, or -1. */
static double proc_cpu_s(int pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* Fields after the command name, which ends at the last ')': state is
	 * field 3, utime 14 and stime 15, in clock ticks. */
	char *p = strrchr(buf, ')');
	unsigned long long ut, st;
	if (!p || sscanf(p + 1, " %*c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu %llu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static void on_timer(uv_timer_t *t)
{
	struct lg *lg = t->data;
	uint64_t now = uv_hrtime();
	switch (lg->phase) {
	case CONNECTING:
		if (lg->upgraded + lg->failed < lg->nconn)
			return; /* polled every 10 ms until every connection is up */
		if (lg->idle) {
			lg->phase = MEASURE;
			lg->t_measure = now;
			uv_timer_start(t, on_timer, (uint64_t)(lg->hold * 1000), 0);
			return;
		}
		lg->phase = WARMUP;
		uv_timer_start(t, on_timer, (uint64_t)(lg->warmup * 1000), 0);
		return;
	case WARMUP:
		lg->phase = MEASURE;
		lg->t_measure = now;
		lg->cpu_start = lg->pid ? proc_cpu_s(lg->pid) : -1;
		lg->t_end = now + (uint64_t)(lg->duration * 1e9);
		uv_timer_start(t, on_timer, (uint64_t)(lg->duration * 1000), 0);
		return;
	case MEASURE:
		if (lg->idle)
			lg->idle_rss = lg->pid ? proc_status_kb(lg->pid, "VmRSS") : -1;
		else
			lg->t_end = now;
		lg->cpu_end = lg->pid ? proc_cpu_s(lg->pid) : -1;
		stop_all(lg);
		return;
	case DONE:
		return;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static double pct_us(const uint64_t *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
	return (double)v[i] / 1e3;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: loadgen [--host H] --port P [--path /chat] [--connections N] [--duration S]\n"
	           "               [--warmup S] [--questions FILE] [--pid PID] [--kv]\n"
	           "               [--latencies FILE]\n"
	           "       loadgen [--host H] --port P --idle N [--hold S] [--pid PID] [--kv]\n");
}

/* Frees what main() built, so a sanitizer run of the smoke test stays clean. */
static void lg_free(struct lg *lg)
{
	for (int i = 0; lg->conns && i < lg->nconn; i++)
		free(lg->conns[i].in);
	free(lg->conns);
	for (size_t i = 0; lg->frames && i < lg->nframes; i++)
		free(lg->frames[i].buf);
	free(lg->frames);
	free(lg->lat);
	free(lg->samples);
}

int main(int argc, char **argv)
{
	struct lg lg = {
	    .host = "127.0.0.1", .path = "/chat", .nconn = 1, .duration = 5, .warmup = 1, .hold = 2};
	const char *qfile = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--host") == 0 && v)
			lg.host = argv[++i];
		else if (strcmp(a, "--port") == 0 && v)
			lg.port = atoi(argv[++i]);
		else if (strcmp(a, "--path") == 0 && v)
			lg.path = argv[++i];
		else if (strcmp(a, "--connections") == 0 && v)
			lg.nconn = atoi(argv[++i]);
		else if (strcmp(a, "--duration") == 0 && v)
			lg.duration = atof(argv[++i]);
		else if (strcmp(a, "--warmup") == 0 && v)
			lg.warmup = atof(argv[++i]);
		else if (strcmp(a, "--questions") == 0 && v)
			qfile = argv[++i];
		else if (strcmp(a, "--pid") == 0 && v)
			lg.pid = atoi(argv[++i]);
		else if (strcmp(a, "--idle") == 0 && v) {
			lg.idle = 1;
			lg.nconn = atoi(argv[++i]);
		} else if (strcmp(a, "--hold") == 0 && v)
			lg.hold = atof(argv[++i]);
		else if (strcmp(a, "--latencies") == 0 && v)
			lg.latfile = argv[++i];
		else if (strcmp(a, "--kv") == 0)
			lg.kv = 1;
		else if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (lg.port <= 0 || lg.nconn <= 0 || (!lg.idle && !qfile)) {
		usage(stderr);
		return 2;
	}

	/* Every connection is a descriptor: take what the hard limit allows. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	if (!lg.idle) {
		char *text = slurp(qfile);
		if (!text) {
			perror(qfile);
			return 1;
		}
		for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			if (!*l || *l == '#')
				continue;
			struct frame *nf = realloc(lg.frames, (lg.nframes + 1) * sizeof(*nf));
			if (!nf || build_frame(&nf[lg.nframes], lg.nframes, l))
				return 1;
			lg.frames = nf;
			lg.nframes++;
		}
		free(text);
		if (lg.nframes == 0) {
			fprintf(stderr, "loadgen: no questions in %s\n", qfile);
			return 1;
		}
	} else {
		lg.nframes = 1; /* unused */
	}

	char hs[512];
	int hl = snprintf(hs, sizeof(hs),
	                  "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
	                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
	                  "Sec-WebSocket-Protocol: herald.v1\r\n\r\n",
	                  lg.path, lg.host, lg.port);
	lg.handshake = hs;
	lg.handshake_len = (size_t)hl;
	if (uv_ip4_addr(lg.host, lg.port, (struct sockaddr_in *)&lg.addr) &&
	    uv_ip6_addr(lg.host, lg.port, (struct sockaddr_in6 *)&lg.addr)) {
		fprintf(stderr, "loadgen: %s is not an IP address\n", lg.host);
		return 2;
	}
	lg.conns = calloc((size_t)lg.nconn, sizeof(*lg.conns));
	if (!lg.conns)
		return 1;
	lg.loop = uv_default_loop();
	uv_timer_init(lg.loop, &lg.timer);
	lg.timer.data = &lg;
	uv_timer_start(&lg.timer, on_timer, 10, 10);
	uint64_t t0 = uv_hrtime();
	start_next(&lg);
	uv_run(lg.loop, UV_RUN_DEFAULT);

	long hwm = lg.pid ? proc_status_kb(lg.pid, "VmHWM") : -1;
	long rss = lg.pid ? proc_status_kb(lg.pid, "VmRSS") : -1;
	if (lg.idle) {
		/* Read while the connections were still open: see on_timer. */
		if (lg.kv)
			printf("idle_connections=%d failed=%d connect_s=%.2f rss_kb=%ld hwm_kb=%ld\n",
			       lg.upgraded, lg.failed, (double)(lg.t_measure ? lg.t_measure - t0 : 0) / 1e9,
			       lg.idle_rss, hwm);
		else
			printf("%d idle connections open (%d failed); daemon RSS %ld kB (peak %ld kB)\n",
			       lg.upgraded, lg.failed, lg.idle_rss, hwm);
		int rc = lg.failed ? 1 : 0;
		lg_free(&lg);
		return rc;
	}
	qsort(lg.lat, lg.nlat, sizeof(*lg.lat), cmp_u64);
	double secs = (double)(lg.t_end - lg.t_measure) / 1e9;
	double rps = secs > 0 ? (double)lg.replies / secs : 0;
	double mean_bytes = lg.replies ? (double)lg.bytes / (double)lg.replies : 0;
	/* CPU microseconds the daemon spent per reply; -1 without --pid. */
	double cpu_us = lg.pid && lg.replies && lg.cpu_start >= 0 && lg.cpu_end >= 0
	                    ? (lg.cpu_end - lg.cpu_start) * 1e6 / (double)lg.replies
	                    : -1;
	if (lg.kv) {
		printf("connections=%d replies=%llu seconds=%.3f replies_per_s=%.1f p50_us=%.1f p90_us=%.1f "
		       "p99_us=%.1f "
		       "max_us=%.1f errors=%llu failed=%d reply_bytes=%.0f hwm_kb=%ld rss_kb=%ld "
		       "cpu_us_per_reply=%.1f\n",
		       lg.nconn, (unsigned long long)lg.replies, secs, rps, pct_us(lg.lat, lg.nlat, 50),
		       pct_us(lg.lat, lg.nlat, 90), pct_us(lg.lat, lg.nlat, 99),
		       lg.nlat ? (double)lg.lat[lg.nlat - 1] / 1e3 : 0, (unsigned long long)lg.errors,
		       lg.failed, mean_bytes, hwm, rss, cpu_us);
	} else {
		printf("%d connections, %.1f s: %.0f replies/s; latency p50 %.0f us, p90 %.0f us, p99 %.0f "
		       "us, max %.0f us;"
		       " %llu errors, %d failed connections; %.0f bytes a reply",
		       lg.nconn, secs, rps, pct_us(lg.lat, lg.nlat, 50), pct_us(lg.lat, lg.nlat, 90),
		       pct_us(lg.lat, lg.nlat, 99), lg.nlat ? (double)lg.lat[lg.nlat - 1] / 1e3 : 0,
		       (unsigned long long)lg.errors, lg.failed, mean_bytes);
		if (lg.pid)
			printf("; daemon peak RSS %ld kB, %.1f us of CPU a reply", hwm, cpu_us);
		printf("\n");
	}
	int rc = lg.failed || lg.errors || lg.replies == 0 ? 1 : 0;
	if (lg.latfile && write_samples(&lg) < 0)
		rc = 1;
	lg_free(&lg);
	return rc;
}
