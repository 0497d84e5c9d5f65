/*
 * The reader of plugin test files (testcases.h, docs/plugins.md).
 */
#include "testcases.h"

#include <string.h>

int hr_testcases_scan(const char *file, const char *text, size_t len, hr_testcase_fn fn, void *fn_ud,
                      hr_diag_fn diag, void *ud)
{
	const char *p = text, *end = text + len;
	char line[1024];
	int lineno = 0, bad = 0, rc;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* A longer line keeps its first 1023 bytes: every value is cut
		 * shorter than that where it is kept. */
		memcpy(line, p, ll < sizeof(line) ? ll : sizeof(line) - 1);
		line[ll < sizeof(line) ? ll : sizeof(line) - 1] = '\0';
		p = nl ? nl + 1 : end;
		lineno++;
		char *s = line;
		s[strcspn(s, "\r")] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			struct hr_testcase_line l = {NULL, NULL, lineno};
			if ((rc = fn(fn_ud, &l)) < 0)
				return rc;
			continue;
		}
		if (*s == '#')
			continue;
		char *colon = strchr(s, ':');
		if (!colon) {
			hr_diagf(diag, ud, file, lineno, "expected 'key: value'");
			bad++;
			continue;
		}
		*colon = '\0';
		char *val = colon + 1;
		while (*val == ' ')
			val++;
		struct hr_testcase_line l = {s, val, lineno};
		if ((rc = fn(fn_ud, &l)) < 0)
			return rc;
	}
	struct hr_testcase_line l = {NULL, NULL, lineno};
	if ((rc = fn(fn_ud, &l)) < 0)
		return rc;
	return bad;
}
