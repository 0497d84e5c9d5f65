/* Unit tests of core/engine/testcases.c: the reader of plugin test files
 * that `herald test` and the voice grammar share. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "testcases.h"

struct seen {
	char all[1024];
	int stop_at; /* a line number at which to stop with -ECANCELED; 0: never */
};

static int on_line(void *ud, struct hr_testcase_line *l)
{
	struct seen *s = ud;
	size_t n = strlen(s->all);
	if (l->key)
		snprintf(s->all + n, sizeof(s->all) - n, "%d %s=%s\n", l->line, l->key, l->value);
	else
		snprintf(s->all + n, sizeof(s->all) - n, "%d end\n", l->line);
	return s->stop_at && l->line == s->stop_at ? -ECANCELED : 0;
}

struct diags {
	int n;
	char last[256];
};

static void collect(void *ud, const char *file, int line, const char *msg)
{
	struct diags *d = ud;
	d->n++;
	snprintf(d->last, sizeof(d->last), "%s:%d: %s", file, line, msg);
}

/* Keys and values as written, a case's end at each blank line and at the
 * end of the text, comments skipped, a line without ':' reported. */
static void test_cases_and_errors(void **state)
{
	(void)state;
	const char *text = "# a comment\n"
	                   "ask: what is HER2\r\n"
	                   "  intent:   basics.what_is\n"
	                   "contains: a: b\n"
	                   "   \n"
	                   "no colon\n"
	                   "ask: second\n";
	struct seen s = {"", 0};
	struct diags d = {0};
	assert_int_equal(hr_testcases_scan("p.tests", text, strlen(text), on_line, &s, collect, &d), 1);
	assert_string_equal(s.all, "2 ask=what is HER2\n"
	                           "3 intent=basics.what_is\n"
	                           "4 contains=a: b\n"
	                           "5 end\n"
	                           "7 ask=second\n"
	                           "7 end\n");
	assert_int_equal(d.n, 1);
	assert_string_equal(d.last, "p.tests:6: expected 'key: value'");
}

/* The reader's negative errno stops the reading and is returned. */
static void test_reader_stops(void **state)
{
	(void)state;
	const char *text = "ask: one\nask: two\nask: three\n";
	struct seen s = {"", 2};
	assert_int_equal(hr_testcases_scan("p.tests", text, strlen(text), on_line, &s, NULL, NULL),
	                 -ECANCELED);
	assert_string_equal(s.all, "1 ask=one\n2 ask=two\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases_and_errors),
	    cmocka_unit_test(test_reader_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
