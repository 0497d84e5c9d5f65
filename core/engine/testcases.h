/*
 * The format of a plugin's test cases (plugins/NAME.tests, docs/plugins.md):
 * "key: value" lines (ask, intent, contains, lacks, safety, sources), cases
 * separated by blank lines, '#' comments. One reader for everything that
 * reads them: `herald test` runs the cases, the voice grammar hears their
 * questions.
 *
 * Plain C: no loop, no Lua.
 */
#ifndef HERALD_TESTCASES_H
#define HERALD_TESTCASES_H

#include <stddef.h>

#include "diag.h"

/* One line of a test file as hr_testcases_scan() hands it on. */
struct hr_testcase_line {
	const char *key; /* as written before the ':'; NULL: a case ended (a blank line, or the end) */
	char *value;     /* after the ':' and its spaces; writable until the callback returns */
	int line;
};

/* Called for each line; returns 0 to go on or a negative errno to stop. */
typedef int (*hr_testcase_fn)(void *ud, struct hr_testcase_line *l);

/*
 * Reads the test file TEXT (LEN bytes, named FILE in messages): hands FN each
 * "key: value" line, and a line with a NULL key where a case ends (every
 * blank line, and the end of the text). What a key means is FN's business. A
 * line that is not "key: value" goes to DIAG (may be NULL) as FILE:line.
 * Returns the number of such lines, or FN's negative errno.
 */
int hr_testcases_scan(const char *file, const char *text, size_t len, hr_testcase_fn fn, void *fn_ud,
                      hr_diag_fn diag, void *ud);

#endif
