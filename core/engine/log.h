/*
 * Logging to stderr, systemd style: one line per event, a priority prefix that
 * journald understands ("<3>"), no timestamps (the journal adds them).
 *
 * Privacy rule for every caller: never pass message text, answers or slot
 * values to these functions. Log ids, intent names, timings and error codes.
 */
#ifndef HERALD_LOG_H
#define HERALD_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum hr_log_level {
	HR_LOG_ERR = 3,
	HR_LOG_WARN = 4,
	HR_LOG_NOTICE = 5,
	HR_LOG_INFO = 6,
	HR_LOG_DEBUG = 7,
};

/* Sets the most verbose level that is printed; default HR_LOG_INFO. */
void hr_log_set_level(enum hr_log_level level);

/* Parses "error", "warn", "notice", "info" or "debug"; returns 0 or -EINVAL. */
int hr_log_level_parse(const char *name, enum hr_log_level *out);

/* Prints one line at LEVEL, prefixed with the journald priority. */
void hr_log(enum hr_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Holding (ON = 1) makes this thread keep its info and debug lines in a
 * buffer of its own (up to 4 KiB) instead of writing each at once; notices,
 * warnings and errors still go out at once, after the held lines. A worker
 * holds while it serves and calls hr_log_flush() whenever its loop is about to
 * wait, so a busy loop writes many lines with one system call. hr_log_hold(0)
 * flushes.
 */
void hr_log_hold(int on);
void hr_log_flush(void);

/* Installs a hook that sees every printed line (tests use it to inspect logs). */
typedef void (*hr_log_sink)(enum hr_log_level level, const char *line, void *ud);
void hr_log_set_sink(hr_log_sink sink, void *ud);

/*
 * Log lines are key=value pairs ("event=reloaded intents=122 workers=2").
 * A value that may hold spaces or quotes goes through this: SRC is written
 * into DST (CAP bytes) between double quotes, with \" \\ and control
 * characters escaped, cut to fit. Returns DST. Never for what people typed:
 * that is not logged at all (docs/security.md).
 */
const char *hr_log_quote(char *dst, size_t cap, const char *src);

#define hr_err(...) hr_log(HR_LOG_ERR, __VA_ARGS__)
#define hr_warn(...) hr_log(HR_LOG_WARN, __VA_ARGS__)
#define hr_notice(...) hr_log(HR_LOG_NOTICE, __VA_ARGS__)
#define hr_info(...) hr_log(HR_LOG_INFO, __VA_ARGS__)
#define hr_debug(...) hr_log(HR_LOG_DEBUG, __VA_ARGS__)

#endif
