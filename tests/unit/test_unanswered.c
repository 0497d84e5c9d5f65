/* Unit tests of core/daemon/unanswered.c: redaction, bounds, persistence, report. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* Issue 21, item 5: what is not a plain file of herald's is never read for
 * ever, never waited on, and never written over. */
static void test_not_a_regular_file(void **state)
{
	(void)state;
	char fifo[128];
	snprintf(fifo, sizeof(fifo), "/tmp/herald-unanswered-fifo-%d", (int)getpid());
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	hr_unanswered *u = hr_unanswered_new(10, 86400 * 30);
	time_t t0 = time(NULL);
	assert_int_equal(hr_unanswered_load(u, fifo, 1000000), -EINVAL);        /* no writer: must not wait */
	assert_int_equal(hr_unanswered_load(u, "/dev/zero", 1000000), -EINVAL); /* must not read for ever */
	assert_true(time(NULL) - t0 < 5);
	hr_unanswered_add(u, "where do i park", 15, 1000000);
	assert_int_equal(hr_unanswered_save(u, fifo), -EINVAL);
	struct stat st;
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode)); /* not replaced by a rename */
	unlink(fifo);
	hr_unanswered_free(u);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_foreign_file_is_refused_whole(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "/tmp/herald-unanswered-foreign-%d", (int)getpid());
	hr_unanswered *u = hr_unanswered_new(10, 86400 * 30);
	write_file(path, "1000000\tfirst\nroot:x:0:0:root:/root:/bin/bash\n");
	assert_int_equal(hr_unanswered_load(u, path, 1000000), -EBADMSG);
	assert_int_equal(hr_unanswered_count(u), 0); /* nothing half-read */
	write_file(path, "1000000\tfirst\n\n1000000\tsecond\n");
	assert_int_equal(hr_unanswered_load(u, path, 1000000), 0); /* blank lines are fine */
	assert_int_equal(hr_unanswered_count(u), 2);
	unlink(path);
	hr_unanswered_free(u);
}

static void test_failed_save_leaves_the_file_and_no_tmp(void **state)
{
	(void)state;
	char path[128], tmp[160];
	snprintf(path, sizeof(path), "/tmp/herald-unanswered-save-%d", (int)getpid());
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	write_file(path, "1000000\tkept\n");
	hr_unanswered *u = hr_unanswered_new(10, 86400 * 30);
	hr_unanswered_add(u, "where do i park", 15, 1000000);
	/* A .tmp that cannot be replaced (a directory) makes the save fail. */
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_true(hr_unanswered_save(u, path) < 0);
	rmdir(tmp);
	hr_unanswered *v = hr_unanswered_new(10, 86400 * 30);
	assert_int_equal(hr_unanswered_load(v, path, 1000000), 0);
	assert_int_equal(hr_unanswered_count(v), 1); /* the old file, whole */
	/* A crash's leftover is removed, and its size said. */
	write_file(tmp, "1000000\thalf a li");
	size_t bytes = 0;
	assert_int_equal(hr_unanswered_remove_stale(path, &bytes), 1);
	assert_int_equal(bytes, 17);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(hr_unanswered_remove_stale(path, &bytes), 0);
	/* A link planted as the .tmp is not followed. */
	assert_int_equal(symlink("/tmp/herald-not-to-be-written", tmp), 0);
	assert_int_equal(hr_unanswered_save(u, path), 0);
	assert_int_equal(access("/tmp/herald-not-to-be-written", F_OK), -1);
	unlink(path);
	hr_unanswered_free(u);
	hr_unanswered_free(v);
}

static void test_append(void **state)
{
	(void)state;
	hr_unanswered *a = hr_unanswered_new(3, 86400 * 30), *b = hr_unanswered_new(3, 86400 * 30);
	hr_unanswered_add(a, "one", 3, 1000000);
	hr_unanswered_add(b, "two", 3, 1000000);
	hr_unanswered_add(b, "three", 5, 1000000);
	hr_unanswered_add(b, "four", 4, 1000000);
	hr_unanswered_append(a, b);
	assert_int_equal(hr_unanswered_count(a), 3); /* "one" was the oldest */
	groups = 0;
	hr_unanswered_report(a, collect, NULL);
	assert_int_equal(groups, 3);
	hr_unanswered_free(a);
	hr_unanswered_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_redaction),
	    cmocka_unit_test(test_bounds_and_report),
	    cmocka_unit_test(test_persistence),
	    cmocka_unit_test(test_not_a_regular_file),
	    cmocka_unit_test(test_foreign_file_is_refused_whole),
	    cmocka_unit_test(test_failed_save_leaves_the_file_and_no_tmp),
	    cmocka_unit_test(test_append),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
