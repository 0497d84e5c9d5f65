/* Unit tests of core/unanswered.c: redaction, bounds, persistence, report. */
#include "cmocka_prelude.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unanswered.h"

static void redacted_is(const char *in, const char *want)
{
	char out[256];
	hr_unanswered_redact(in, strlen(in), out, sizeof(out));
	if (strcmp(out, want) != 0)
		fail_msg("redact(%s) = '%s', want '%s'", in, out, want);
}

static void test_redaction(void **state)
{
	(void)state;
	redacted_is("Email me at jane.doe@example.com please", "email me at email please");
	redacted_is("call 555-123-4567 or (555) 123 4567", "call phone or phone");
	redacted_is("+44 20 7946 0958 is my number", "phone is my number");
	redacted_is("I am 42 and my MRN is 12", "i am n and my mrn is n");
	redacted_is("Where do I PARK?", "where do i park");
}

static size_t groups;
static char first[256];
static size_t first_count;

static void collect(const char *text, size_t count, void *ud)
{
	(void)ud;
	if (groups++ == 0) {
		snprintf(first, sizeof(first), "%s", text);
		first_count = count;
	}
}

static void test_bounds_and_report(void **state)
{
	(void)state;
	hr_unanswered *u = hr_unanswered_new(3, 86400 * 2);
	hr_unanswered_add(u, "where do i park", 15, 1000000);
	hr_unanswered_add(u, "a", 1, 1000000);
	hr_unanswered_add(u, "where do I park?", 16, 1000000);
	hr_unanswered_add(u, "where do i park", 15, 1000000);
	assert_int_equal(hr_unanswered_count(u), 3); /* bounded: the oldest went */
	groups = 0;
	hr_unanswered_report(u, collect, NULL);
	assert_int_equal(groups, 2);
	assert_string_equal(first, "where do i park");
	assert_int_equal(first_count, 2);
	/* Too old: gone. */
	assert_int_equal(hr_unanswered_expire(u, 1000000 + 86400 * 10), 3);
	assert_int_equal(hr_unanswered_count(u), 0);
	hr_unanswered_free(u);
}

static void test_persistence(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "/tmp/herald-unanswered-%d.tsv", (int)getpid());
	unlink(path);
	hr_unanswered *u = hr_unanswered_new(10, 86400 * 30);
	assert_int_equal(hr_unanswered_load(u, path, 1000000), 0); /* missing file: empty */
	hr_unanswered_add(u, "is there valet parking", 22, 1000000);
	assert_int_equal(hr_unanswered_save(u, path), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	hr_unanswered *v = hr_unanswered_new(10, 86400 * 30);
	assert_int_equal(hr_unanswered_load(v, path, 1000000), 0);
	assert_int_equal(hr_unanswered_count(v), 1);
	hr_unanswered *w = hr_unanswered_new(10, 86400 * 30);
	assert_int_equal(hr_unanswered_load(w, path, 1000000 + 86400 * 40), 0);
	assert_int_equal(hr_unanswered_count(w), 0);
	hr_unanswered_free(u);
	hr_unanswered_free(v);
	hr_unanswered_free(w);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redaction),
		cmocka_unit_test(test_bounds_and_report),
		cmocka_unit_test(test_persistence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
