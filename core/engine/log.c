#include "log.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

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
