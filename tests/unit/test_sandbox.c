/* Unit tests of core/sandbox.c: the allow-list, budgets, memory cap, error
 * isolation and answer conversion. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"

struct diags {
	int n;
	char all[4096];
};

static void collect(void *ud, const char *file, int line, const char *msg)
{
	struct diags *d = ud;
	d->n++;
	size_t l = strlen(d->all);
	snprintf(d->all + l, sizeof(d->all) - l, "%s:%d: %s\n", file, line, msg);
}

static const struct hr_plugin_limits limits = {
	.memory_bytes = 4u << 20, .call_ms = 50, .load_ms = 200, .instructions = 0,
};

static hr_plugins *new_set(void)
{
	hr_plugins *set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &limits);
	assert_non_null(set);
	return set;
}

/* Writes SRC to a temporary plugin file and returns its path (static buffer). */
static const char *temp_plugin(const char *name, const char *src)
{
	static char path[256];
	snprintf(path, sizeof(path), "/tmp/herald-test-%d-%s.lua", (int)getpid(), name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("herald.about{ title = 't', reviewed = '2026-11-22' }\n", f);
	fputs(src, f);
	fclose(f);
	return path;
}

static int ask(hr_plugins *set, const char *intent, struct hr_answer *a, char *err, size_t errcap)
{
	struct hr_slot slot = { "drug", "trastuzumab" };
	struct hr_request rq = { .intent = intent, .text = "q", .slots = &slot, .nslots = 1 };
	memset(a, 0, sizeof(*a));
	return hr_plugins_answer(set, NULL, &rq, a, err, errcap);
}

static void test_forbidden_globals_absent(void **state)
{
	(void)state;
	const char *names[] = { "io", "require", "package", "load", "loadfile", "dofile", "debug", "coroutine",
				"collectgarbage", "loadstring", "module", NULL };
	for (int i = 0; names[i]; i++) {
		char src[256];
		snprintf(src, sizeof(src), "herald.answer('t.x', { text = tostring(%s == nil) })\n", names[i]);
		hr_plugins *set = new_set();
		struct diags d = { 0 };
		assert_int_equal(hr_plugins_add_file(set, temp_plugin("forbid", src), collect, &d), 0);
		struct hr_answer a;
		char err[256];
		assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
		if (strcmp(a.text, "true") != 0)
			fail_msg("global %s is visible to plugins", names[i]);
		hr_answer_clear(&a);
		hr_plugins_free(set);
	}
	/* os has only time, date and clock; string has no dump. */
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_file(set,
					     temp_plugin("os", "local n = 0 for k in pairs(os) do n = n + 1 end\n"
							       "herald.answer('t.x', { text = n .. tostring(string.dump) .. "
							       "tostring(os.execute) .. tostring((''):rep(2)) })\n"),
					     collect, &d),
			 0);
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "3nilnil");
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

static void test_os_execute_fails_with_line(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/os_execute.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "os_execute.lua:2:"));
	assert_int_equal(hr_plugins_count(set), 0);
	hr_plugins_free(set);
}

static void test_load_failures(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/syntax.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "syntax.lua:2:"));
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/loop_at_load.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "time budget"));
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/bytecode.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "bytecode.lua:3:"));
	/* Binary chunks are refused even when the file holds one. */
	FILE *f = fopen("/tmp/herald-test-binary.lua", "wb");
	fwrite("\x1bLua\x54\x00", 1, 6, f);
	fclose(f);
	assert_int_equal(hr_plugins_add_file(set, "/tmp/herald-test-binary.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "binary"));
	assert_int_equal(hr_plugins_count(set), 0);
	hr_plugins_free(set);
}

static double elapsed_ms(struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_budgets_and_isolation(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_dir(set, HERALD_TEST_DATA "/plugins", collect, &d), 0);
	struct hr_answer a;
	char err[512];

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(ask(set, "sample.slow", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t0) < 1000);
	assert_non_null(strstr(err, "sample.lua"));

	/* pcall inside the plugin cannot swallow the budget. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(ask(set, "sample.catcher", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t0) < 1000);

	assert_int_equal(ask(set, "sample.hungry", &a, err, sizeof(err)), -ENOMEM);
	assert_non_null(strstr(err, "memory cap"));

	assert_int_equal(ask(set, "sample.boom", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "sample.lua:"));
	assert_non_null(strstr(err, "kaboom"));

	assert_int_equal(ask(set, "sample.badreply", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "text"));

	assert_int_equal(ask(set, "no.such.intent", &a, err, sizeof(err)), -ENOENT);

	/* After all that, the plugin still answers. */
	assert_int_equal(ask(set, "sample.about", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "About trastuzumab.");
	assert_string_equal(a.intent, "sample.about");
	assert_int_equal(a.nsources, 1);
	assert_string_equal(a.sources[0].url, "https://example.org/s1");
	assert_int_equal(a.nremember, 1);
	assert_string_equal(a.remember_name[0], "topic");
	assert_non_null(a.speech);
	hr_answer_clear(&a);

	struct hr_plugin_info info;
	assert_int_equal(hr_plugins_info(set, 0, &info), 0);
	assert_string_equal(info.name, "sample");
	assert_string_equal(info.review_by, "2099-01-01");
	assert_true(info.memory_bytes < limits.memory_bytes);
	hr_plugins_free(set);
}

static void test_duplicate_handlers(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("a", "herald.answer('t.x', { text = 'A' })\n"),
					     collect, &d),
			 0);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("b", "herald.answer('t.x', { text = 'B' })\n"),
					     collect, &d),
			 0);
	assert_non_null(strstr(d.all, "already answered by plugin"));
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "A");
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* herald.facts: facts keyed by slot value, fixed text only, a fresh copy each
 * time; herald.about's reviewer reaches the plugin's info. */
static void test_facts_and_reviewer(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	const char *src = "herald.about{ title = 'Facts', reviewed = '2026-12-01', reviewed_by = 'A. Reviewer, RN' }\n"
			  "local F = herald.facts('drug', { trastuzumab = { 'A.' }, t_dxd = 'B.' })\n"
			  "herald.on('t.f', function(q)\n"
			  "  local x = F:get(q)\n"
			  "  x[#x + 1] = 'C.'\n"
			  "  return { text = x }\n"
			  "end)\n"
			  "herald.on('t.none', function(q) return { text = tostring(F:of('nope')) } end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("facts", src), collect, &d), 0);
	struct hr_answer a;
	char err[256];
	for (int i = 0; i < 2; i++) {
		/* The second answer is the same: the first did not change the facts. */
		assert_int_equal(ask(set, "t.f", &a, err, sizeof(err)), 0);
		assert_string_equal(a.text, "A. C.");
		hr_answer_clear(&a);
	}
	assert_int_equal(ask(set, "t.none", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "nil");
	hr_answer_clear(&a);
	struct hr_plugin_info pi;
	assert_int_equal(hr_plugins_info(set, 0, &pi), 0);
	assert_string_equal(pi.reviewed_by, "A. Reviewer, RN");
	assert_string_equal(pi.title, "Facts");
	hr_plugins_free(set);

	/* A function in place of a fact is refused at load, with the file and line. */
	set = new_set();
	memset(&d, 0, sizeof(d));
	assert_int_equal(hr_plugins_add_file(set,
					     temp_plugin("facts-fn", "herald.facts('drug', { x = function() return 'y' end })\n"),
					     collect, &d),
			 -EINVAL);
	assert_non_null(strstr(d.all, "must be a sentence or a list of sentences"));
	memset(&d, 0, sizeof(d));
	char longname[200];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	char src2[400];
	snprintf(src2, sizeof(src2), "herald.about{ reviewed = '2026-12-01', reviewed_by = '%s' }\n", longname);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("long-reviewer", src2), collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "at most 120 characters"));
	hr_plugins_free(set);
}

/* herald.source(id) without a table registers the SDK's shared definition of
 * a source several plugins cite; an unknown id is refused at load. */
static void test_shared_sources(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	const char *src = "herald.source('label-trastuzumab')\n"
			  "herald.answer('t.s', { text = 'A.', sources = { 'label-trastuzumab' } })\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("shared", src), collect, &d), 0);
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "t.s", &a, err, sizeof(err)), 0);
	assert_int_equal(a.nsources, 1);
	assert_non_null(strstr(a.sources[0].url, "dailymed.nlm.nih.gov"));
	assert_non_null(strstr(a.sources[0].url, "492dbdb2-077e-4064-bff3-372d6af0a7a2"));
	hr_answer_clear(&a);
	hr_plugins_free(set);

	set = new_set();
	memset(&d, 0, sizeof(d));
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("shared-bad", "herald.source('no-such-source')\n"), collect, &d),
			 -EINVAL);
	assert_non_null(strstr(d.all, "not a shared source"));
	hr_plugins_free(set);
}

static void test_speech_form(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(
		hr_plugins_add_file(set,
				    temp_plugin("speech", "herald.answer('t.x', { text = 'HER2-positive means IHC 3+ "
							  "(see https://example.org). About 20% of cases.' })\n"),
				    collect, &d),
		0);
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_null(strstr(a.speech, "http"));
	assert_null(strchr(a.speech, '('));
	assert_null(strchr(a.speech, '%'));
	assert_non_null(strstr(a.speech, "her two positive"));
	assert_non_null(strstr(a.speech, "3 plus"));
	assert_non_null(strstr(a.speech, "20 percent"));
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* Abbreviations said letter by letter, but not inside a longer capitalised word. */
static void test_speech_abbreviations(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = { 0 };
	assert_int_equal(hr_plugins_add_file(set,
					     temp_plugin("abbrev", "herald.answer('t.x', { text = 'DCIS, NED and TNM. "
								   "BRCA1 or BRCA testing. APT, not APTITUDE.' })\n"),
					     collect, &d),
			 0);
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_non_null(strstr(a.speech, "D C I S, N E D and T N M."));
	assert_non_null(strstr(a.speech, "B R C A 1 or B R C A testing."));
	assert_non_null(strstr(a.speech, "A P T, not APTITUDE."));
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forbidden_globals_absent), cmocka_unit_test(test_os_execute_fails_with_line),
		cmocka_unit_test(test_load_failures),            cmocka_unit_test(test_budgets_and_isolation),
		cmocka_unit_test(test_duplicate_handlers),       cmocka_unit_test(test_speech_form),
		cmocka_unit_test(test_facts_and_reviewer),      cmocka_unit_test(test_shared_sources),
		cmocka_unit_test(test_speech_abbreviations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
