#include "diag.h"
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

void hr_diagf(hr_diag_fn fn, void *ud, const char *file, int line, const char *fmt, ...)
{
	if (!fn)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fn(ud, file, line, msg);
}

void hr_diag_stderr(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, msg);
	else
		fprintf(stderr, "%s: %s\n", file, msg);
}

void hr_diag_log(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	if (line > 0)
		hr_err("%s:%d: %s", file, line, msg);
	else
		hr_err("%s: %s", file, msg);
}
