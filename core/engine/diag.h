/*
 * Diagnostics for things a person wrote (config, intent files, plugins): each
 * problem is reported as FILE:LINE: MESSAGE through a callback, so the caller
 * decides whether it goes to stderr, the log, or a test's buffer.
 */
#ifndef HERALD_DIAG_H
#define HERALD_DIAG_H

/* LINE is 0 when the problem is not tied to one line. */
typedef void (*hr_diag_fn)(void *ud, const char *file, int line, const char *msg);

/* Formats a message and passes it to FN (if FN is NULL, nothing happens). */
void hr_diagf(hr_diag_fn fn, void *ud, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A diag callback that prints "file:line: message" to stderr. */
void hr_diag_stderr(void *ud, const char *file, int line, const char *msg);

/* A diag callback that logs "file:line: message" at error level. */
void hr_diag_log(void *ud, const char *file, int line, const char *msg);

#endif
