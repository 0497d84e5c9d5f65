#include "log.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Set by the main thread (on reload), read by every worker. */
static _Atomic int max_level = HR_LOG_INFO;
static hr_log_sink sink_fn;
static void *sink_ud;

void hr_log_set_level(enum hr_log_level level)
{
	max_level = level;
}

int hr_log_level_parse(const char *name, enum hr_log_level *out)
{
	static const struct {
		const char *name;
		enum hr_log_level level;
	} names[] = {
	    {"error", HR_LOG_ERR}, {"warn", HR_LOG_WARN},   {"notice", HR_LOG_NOTICE},
	    {"info", HR_LOG_INFO}, {"debug", HR_LOG_DEBUG},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].level;
			return 0;
		}
	}
	return -EINVAL;
}

void hr_log_set_sink(hr_log_sink sink, void *ud)
{
	sink_fn = sink;
	sink_ud = ud;
}

/*
 * A thread that holds its lines (a worker, hr_log_hold) keeps info and debug
 * lines here and writes them with one write(2) when its loop is about to wait
 * (hr_log_flush): the "answered" line was one system call a question. At most
 * PIPE_BUF bytes, so that one write stays whole beside other threads' lines
 * on a pipe or the journal's stream.
 */
#define HOLD_MAX 4096
static _Thread_local struct {
	int on;
	size_t len;
	char buf[HOLD_MAX];
} held;

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* nowhere to log to: nothing better to do */
		p += w;
		n -= (size_t)w;
	}
}

void hr_log_flush(void)
{
	if (held.len) {
		write_all(held.buf, held.len);
		held.len = 0;
	}
}

void hr_log_hold(int on)
{
	if (!on)
		hr_log_flush();
	held.on = on;
}

void hr_log(enum hr_log_level level, const char *fmt, ...)
{
	if ((int)level > max_level)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (sink_fn)
		sink_fn(level, line, sink_ud);
	if (held.on) {
		char one[1040];
		int n = snprintf(one, sizeof(one), "<%d>%s\n", (int)level, line);
		size_t len = n < 0 ? 0 : (size_t)n < sizeof(one) ? (size_t)n : sizeof(one) - 1;
		if (held.len + len > sizeof(held.buf))
			hr_log_flush();
		memcpy(held.buf + held.len, one, len);
		held.len += len;
		/* Notices, warnings and errors go out at once, after what came before. */
		if (level <= HR_LOG_NOTICE)
			hr_log_flush();
		return;
	}
	/* One fprintf per line keeps lines whole when several workers log. */
	fprintf(stderr, "<%d>%s\n", (int)level, line);
}

const char *hr_log_quote(char *dst, size_t cap, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	if (cap < 3) {
		if (cap)
			dst[0] = '\0';
		return dst;
	}
	dst[n++] = '"';
	for (const unsigned char *p = (const unsigned char *)(src ? src : ""); *p; p++) {
		char esc[4];
		size_t k = 0;
		if (*p == '"' || *p == '\\') {
			esc[k++] = '\\';
			esc[k++] = (char)*p;
		} else if (*p < 0x20 || *p == 0x7f) {
			esc[k++] = '\\';
			esc[k++] = 'x';
			esc[k++] = hex[*p >> 4];
			esc[k++] = hex[*p & 15];
		} else {
			esc[k++] = (char)*p;
		}
		if (n + k + 2 > cap)
			break;
		memcpy(dst + n, esc, k);
		n += k;
	}
	dst[n++] = '"';
	dst[n] = '\0';
	return dst;
}
