/* Unit tests of core/engine/sandbox.c: the allow-list, budgets, memory cap, error
 * isolation and answer conversion. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

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
    .memory_bytes = 4u << 20,
    .call_ms = 50,
    .load_ms = 200,
    .instructions = 0,
};

static hr_plugins *new_set(void)
{
	hr_plugins *set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &limits);
	assert_non_null(set);
	/* The respellings herald.speech says, as the engine loads them. */
	assert_int_equal(hr_plugins_set_lexicon(set, HERALD_SOURCE_DIR "/voice/lexicon.txt", NULL, NULL), 0);
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
	struct hr_slot slot = {"drug", "trastuzumab"};
	struct hr_request rq = {.intent = intent, .text = "q", .slots = &slot, .nslots = 1};
	memset(a, 0, sizeof(*a));
	return hr_plugins_call(set, NULL, &rq, a, err, errcap);
}

static void test_forbidden_globals_absent(void **state)
{
	(void)state;
	const char *names[] = {"io",    "require",   "package",        "load",       "loadfile", "dofile",
	                       "debug", "coroutine", "collectgarbage", "loadstring", "module",   NULL};
	for (int i = 0; names[i]; i++) {
		char src[256];
		snprintf(src, sizeof(src), "herald.answer('t.x', { text = tostring(%s == nil) })\n",
		         names[i]);
		hr_plugins *set = new_set();
		struct diags d = {0};
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
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_file(
	                     set,
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

/* q.text is the sentence that asks; q.message the whole message, or the
 * same text when the caller gives none. */
static void test_question_text_and_message(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(
	    hr_plugins_add_file(set,
	                        temp_plugin("msg", "herald.on('t.m', function(q) return { text = q.text .. "
	                                           "'|' .. q.message .. '|' .. tostring(q:mentions({ "
	                                           "'knee', 'elbow' })) } end)\n"),
	                        collect, &d),
	    0);
	struct hr_request rq = {
	    .intent = "t.m", .text = "is it the chemo", .message = "my knees still hurt. is it the chemo"};
	struct hr_answer a = {0};
	char err[256];
	assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "is it the chemo|my knees still hurt. is it the chemo|true");
	hr_answer_clear(&a);
	rq.message = NULL;
	assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "is it the chemo|is it the chemo|false");
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* q:mentions(words, text) searches in C (host.mentions) as the loop of plain
 * string.find it replaced did: any word, plain (no pattern characters),
 * a number as its digits, an empty word always found, the list read up to
 * its first nil, and a word that is not a string an error. */
static void test_question_mentions(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "herald.on('t.w', function(q)\n"
	                  "  local r = {}\n"
	                  "  local function say(v) r[#r + 1] = tostring(v) end\n"
	                  "  say(q:mentions({ 'x', 'has 3' }))\n"
	                  "  say(q:mentions({ 'nope', 'c.e' }))\n"
	                  "  say(q:mentions({ 'n.pe', '%d', 3 }))\n"
	                  "  say(q:mentions({ 'nope', nil, 'has' }))\n"
	                  "  say(q:mentions({}))\n"
	                  "  say(q:mentions({ '' }))\n"
	                  "  say(q:mentions({ 'other' }, 'another text'))\n"
	                  "  say(pcall(q.mentions, q, { 'nope', {} }))\n"
	                  "  return { text = table.concat(r, ',') }\n"
	                  "end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("words", src), collect, &d), 0);
	struct hr_request rq = {.intent = "t.w", .text = "n.pe has 3 c.e %d"};
	struct hr_answer a = {0};
	char err[256];
	assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "true,true,true,false,false,true,true,false");
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* q:about_a_man() says whether the person with the cancer is a man: the
 * writer says he is one, or names a male patient, unless the writer also
 * tells of herself or another woman as the patient. A man only named ("my
 * husband is worried") does not make the question his. */
static void test_question_about_a_man(void **state)
{
	(void)state;
	static const struct {
		const char *message;
		const char *expect;
	} cases[] = {
	    {"i'm a man and my doctor says tamoxifen", "true"},
	    {"62m here, her2 positive, what hormone pill", "true"},
	    {"i am a 50 year old man with breast cancer", "true"},
	    {"should i bank sperm before chemo", "true"},
	    {"my dad is on tamoxifen. what side effects", "true"},
	    {"my husband was diagnosed last month. can he have kids later", "true"},
	    {"my husband is worried. can i still have a baby after this", "false"},
	    {"my dad had breast cancer and now me. will chemo stop my periods", "false"},
	    {"my husband's treatment ended and now i was diagnosed too", "false"},
	    {"what are the side effects of tamoxifen", "false"},
	};
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "herald.on('t.m', function(q)\n"
	                  "  return { text = tostring(q:about_a_man()) }\n"
	                  "end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("man", src), collect, &d), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hr_request rq = {.intent = "t.m", .text = "x", .message = cases[i].message};
		struct hr_answer a = {0};
		char err[256];
		assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
		if (strcmp(a.text, cases[i].expect) != 0)
			fail_msg("about_a_man(\"%s\") = %s", cases[i].message, a.text);
		hr_answer_clear(&a);
	}
	hr_plugins_free(set);
}

/* herald.hand_over(TARGET) answers with TARGET's handler in any plugin,
 * reported as the routed intent; one hop only, and a target nobody answers
 * or a bad name is the plugin's error, never a quiet fallback. */
static int call_intent(hr_plugins *set, const char *intent, struct hr_answer *a, char *err, size_t cap)
{
	struct hr_request rq = {.intent = intent, .text = "leave to drive my wife"};
	return hr_plugins_call(set, NULL, &rq, a, err, cap);
}

static void test_hand_over(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *a_src = "herald.on('a.work', function() return herald.hand_over('b.leave') end)\n"
	                    "herald.on('a.twice', function() return herald.hand_over('b.back') end)\n"
	                    "herald.on('a.nobody', function() return herald.hand_over('c.none') end)\n"
	                    "herald.on('a.self', function() return herald.hand_over('a.self') end)\n"
	                    "herald.on('a.bad', function() return herald.hand_over(42) end)\n";
	const char *b_src = "herald.on('b.leave', function(q)\n"
	                    "  return { text = 'leave card for ' .. q.intent .. ': ' .. q.text }\n"
	                    "end)\n"
	                    "herald.on('b.back', function() return herald.hand_over('a.work') end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("a", a_src), collect, &d), 0);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("b", b_src), collect, &d), 0);
	struct hr_answer a = {0};
	char err[256];
	assert_int_equal(call_intent(set, "a.work", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text, "leave card for b.leave: leave to drive my wife");
	assert_string_equal(a.intent, "a.work");
	hr_answer_clear(&a);
	assert_int_equal(call_intent(set, "a.twice", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "after a hand-over"));
	assert_int_equal(call_intent(set, "a.nobody", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "which no plugin answers"));
	assert_int_equal(call_intent(set, "a.self", &a, err, sizeof(err)), -EINVAL);
	assert_int_not_equal(call_intent(set, "a.bad", &a, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "needs an intent name"));
	hr_plugins_free(set);
}

/* herald.fixed marks a table a handler returns whole: normalised once, the
 * same answer every time, while the handler still runs (and may return
 * another table); anything but a table is refused at load. */
static void test_fixed_table(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "local n = 0\n"
	                  "local CARD = herald.fixed { text = 'the card', suggest = { 'next?' } }\n"
	                  "herald.on('t.f', function(q)\n"
	                  "  n = n + 1\n"
	                  "  if q:mentions({ 'special' }) then return { text = 'special ' .. n } end\n"
	                  "  return CARD\n"
	                  "end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("fixed", src), collect, &d), 0);
	const char *asks[] = {"plain", "plain again", "a special one", "plain"};
	const char *want[] = {"the card", "the card", "special 3", "the card"};
	for (int i = 0; i < 4; i++) {
		struct hr_request rq = {.intent = "t.f", .text = asks[i]};
		struct hr_answer a = {0};
		char err[256];
		assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
		assert_string_equal(a.text, want[i]);
		assert_int_equal(a.nsuggestions, i == 2 ? 0 : 1);
		hr_answer_clear(&a);
	}
	hr_plugins_free(set);
	set = new_set();
	struct diags d2 = {0};
	assert_int_not_equal(
	    hr_plugins_add_file(set, temp_plugin("notfixed", "herald.fixed('text')\n"), collect, &d2), 0);
	hr_plugins_free(set);
}

/* The request table is kept between questions (sandbox.c): nothing a handler
 * puts in it, in its slots or context, or hangs on it as a metatable reaches
 * the next question, and a fixed answer comes back whole every time. */
static void test_request_table_kept_clean(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "herald.on('t.r', function(q)\n"
	                  "  local seen = tostring(q.note) .. ',' .. tostring(q.slots.extra) .. ','\n"
	                  "    .. tostring(q.context.extra) .. ',' .. tostring(q.previous) .. ',' .. "
	                  "tostring(q.slots.drug)\n"
	                  "  q.note = 'left'; q.slots.extra = 'left'; q.context.extra = 'left'\n"
	                  "  setmetatable(q, { __newindex = function() error('trapped') end,\n"
	                  "                    __index = function() return 'trapped' end })\n"
	                  "  return { text = seen }\n"
	                  "end)\n"
	                  "herald.answer('t.fixed', { text = 'Fixed.', suggest = { 'next?' } })\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("kept", src), collect, &d), 0);
	struct hr_slot slot = {"drug", "trastuzumab"};
	struct hr_slot ctx = {"topic", "heart"};
	struct hr_request rq = {.intent = "t.r",
	                        .text = "q",
	                        .slots = &slot,
	                        .nslots = 1,
	                        .context = &ctx,
	                        .ncontext = 1,
	                        .previous = "before"};
	struct hr_answer a = {0};
	char err[256];
	for (int i = 0; i < 3; i++) {
		assert_int_equal(hr_plugins_call(set, NULL, &rq, &a, err, sizeof(err)), 0);
		assert_string_equal(a.text, i < 2 ? "nil,nil,nil,before,trastuzumab" : "nil,nil,nil,nil,nil");
		hr_answer_clear(&a);
		if (i == 1) { /* the third question has no slots and no previous turn */
			rq.nslots = 0;
			rq.previous = NULL;
		}
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(ask(set, "t.fixed", &a, err, sizeof(err)), 0);
		assert_string_equal(a.text, "Fixed.");
		assert_int_equal(a.nsuggestions, 1);
		assert_string_equal(a.suggestions[0], "next?");
		hr_answer_clear(&a);
	}
	hr_plugins_free(set);
}

static void test_os_execute_fails_with_line(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/os_execute.lua", collect, &d),
	                 -EINVAL);
	assert_non_null(strstr(d.all, "os_execute.lua:2:"));
	assert_int_equal(hr_plugins_count(set), 0);
	hr_plugins_free(set);
}

static void test_load_failures(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/syntax.lua", collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "syntax.lua:2:"));
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/loop_at_load.lua", collect, &d),
	                 -EINVAL);
	assert_non_null(strstr(d.all, "time budget"));
	assert_int_equal(hr_plugins_add_file(set, HERALD_TEST_DATA "/bad/bytecode.lua", collect, &d),
	                 -EINVAL);
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

/* CPU time of this thread since T0, the clock the budget counts
 * (sandbox_budget.c): a loaded machine stretches wall time, not this. */
static double elapsed_ms(struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_budgets_and_isolation(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_dir(set, HERALD_TEST_DATA "/plugins", collect, &d), 0);
	struct hr_answer a;
	char err[512];

	struct timespec t0;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	assert_int_equal(ask(set, "sample.slow", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t0) < 1000);
	assert_non_null(strstr(err, "sample.lua"));

	/* pcall inside the plugin cannot swallow the budget. */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	assert_int_equal(ask(set, "sample.catcher", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t0) < 1000);

	/* The memory cap, under a time budget it cannot reach first on a loaded
	 * machine (filling 4 MiB takes 15-50 ms there). */
	struct hr_plugin_limits roomy = limits;
	roomy.call_ms = 5000;
	hr_plugins *mem = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &roomy);
	assert_int_equal(hr_plugins_add_dir(mem, HERALD_TEST_DATA "/plugins", collect, &d), 0);
	assert_int_equal(ask(mem, "sample.hungry", &a, err, sizeof(err)), -ENOMEM);
	assert_non_null(strstr(err, "memory cap"));
	hr_plugins_free(mem);

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
	struct diags d = {0};
	assert_int_equal(
	    hr_plugins_add_file(set, temp_plugin("a", "herald.answer('t.x', { text = 'A' })\n"), collect, &d),
	    0);
	assert_int_equal(
	    hr_plugins_add_file(set, temp_plugin("b", "herald.answer('t.x', { text = 'B' })\n"), collect, &d),
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
	struct diags d = {0};
	const char *src =
	    "herald.about{ title = 'Facts', reviewed = '2026-12-01', reviewed_by = 'A. Reviewer, RN' }\n"
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
	assert_int_equal(
	    hr_plugins_add_file(
	        set, temp_plugin("facts-fn", "herald.facts('drug', { x = function() return 'y' end })\n"),
	        collect, &d),
	    -EINVAL);
	assert_non_null(strstr(d.all, "must be a sentence or a list of sentences"));
	memset(&d, 0, sizeof(d));
	char longname[200];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	char src2[400];
	snprintf(src2, sizeof(src2), "herald.about{ reviewed = '2026-12-01', reviewed_by = '%s' }\n",
	         longname);
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
	struct diags d = {0};
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
	assert_int_equal(hr_plugins_add_file(set,
	                                     temp_plugin("shared-bad", "herald.source('no-such-source')\n"),
	                                     collect, &d),
	                 -EINVAL);
	assert_non_null(strstr(d.all, "not a shared source"));
	hr_plugins_free(set);
}

static void test_speech_form(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(
	    hr_plugins_add_file(set,
	                        temp_plugin("speech",
	                                    "herald.answer('t.x', { text = 'HER2-positive means IHC 3+ "
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
	struct diags d = {0};
	assert_int_equal(
	    hr_plugins_add_file(set,
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

/* The speech form's respellings are the lexicon's (one list, voice/lexicon.txt):
 * a word in any case, each part of a hyphenated word, nothing inside a longer
 * word; without a lexicon, none. */
static void test_speech_respellings_from_lexicon(void **state)
{
	(void)state;
	char lex[256];
	snprintf(lex, sizeof(lex), "/tmp/herald-test-%d-lexicon.txt", (int)getpid());
	FILE *f = fopen(lex, "w");
	assert_non_null(f);
	fputs("# a test lexicon\nzorbix   Z AO1 R B IH0 K S\nzorbix   = zor bix\nqx-9 = cue ex nine\n", f);
	fclose(f);
	const char *src = "herald.answer('t.x', { text = 'ZORBIX, zorbix-based, QX-9 and ZORBIXES.' })\n";
	struct diags d = {0};
	struct hr_answer a;
	char err[256];

	hr_plugins *set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &limits);
	assert_non_null(set);
	assert_int_equal(hr_plugins_set_lexicon(set, lex, collect, &d), 0);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("respell", src), collect, &d), 0);
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_string_equal(a.speech, "zor bix, zor bix-based, cue ex nine and ZORBIXES.");
	hr_answer_clear(&a);
	hr_plugins_free(set);

	set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &limits);
	assert_non_null(set);
	assert_int_equal(hr_plugins_set_lexicon(set, "/nonexistent/lexicon.txt", collect, &d), 0);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("respell", src), collect, &d), 0);
	assert_int_equal(ask(set, "t.x", &a, err, sizeof(err)), 0);
	assert_string_equal(a.speech, "ZORBIX, zorbix-based, QX-9 and ZORBIXES.");
	assert_int_equal(d.n, 0);
	hr_answer_clear(&a);
	hr_plugins_free(set);
	unlink(lex);
}

/* ---- The string library: Lua's behaviour, bounded (issue 21, item 2) ---- */

/* Lua code run twice, in a plain Lua state with the real string library and
 * in a plugin with the bounded one: it returns one hash digit pair per case
 * (fixed cases, then seeded random patterns), so any difference in results
 * or error messages shows as a differing case. */
static const char diff_lua[] =
    "local function ser(...)\n"
    "  local t, out = table.pack(...), {}\n"
    "  for i = 1, t.n do out[#out + 1] = type(t[i]) .. ':' .. tostring(t[i]) end\n"
    "  return table.concat(out, ',')\n"
    "end\n"
    "local function run(s, p, init, repl, max)\n"
    "  local g = {}\n"
    "  local ok, err = pcall(function()\n"
    "    for a, b in string.gmatch(s, p, init) do g[#g + 1] = tostring(a) .. '/' .. tostring(b) end\n"
    "  end)\n"
    "  return ser(pcall(string.find, s, p, init)) .. '|' .. ser(pcall(string.find, s, p, init, true)) .. "
    "'|'\n"
    "      .. ser(pcall(string.match, s, p, init)) .. '|' .. tostring(ok)\n"
    "      .. (ok and table.concat(g, ';') or err:gsub('^.-:%d+: ', ''))\n"
    "      .. '|' .. ser(pcall(string.gsub, s, p, repl, max))\n"
    "end\n"
    "local cases = {\n"
    "  { 'hello world', 'o', 1, '<%0>' }, { 'hello world', 'o', 6, '%%' }, { 'hello world', 'l+', -4, 'L' "
    "},\n"
    "  { 'hello world', '^h(.-)o', 1, '%1' }, { 'hello world', '(o)(r)', 1, '%2%1' }, { '', '', 1, 'x' },\n"
    "  { 'abc', '', 1, '-' }, { 'abc', '()', 2, '%1' }, { 'abc', 'x*', 1, '<%0>' }, { 'a.b.c', '.', 1, '' "
    "},\n"
    "  { 'a.b.c', '%.', 1, ' dot ' }, { 'f(a(b)c)d', '%b()', 1, '[]' }, { 'THE (quick) fox', '%f[%a]%a+', 1, "
    "'W' },\n"
    "  { 'key = value', '(%w+)%s*=%s*(%w+)', 1, '%2 = %1' }, { 'aaa', 'a-b', 1, 'x' }, { 'aaab', 'a-b', 1, "
    "'x' },\n"
    "  { 'hello', '(l)%1', 1, '<%1>' }, { '  trim  ', '^%s*(.-)%s*$', 1, '%1' }, { '2+2=4', '%d%+%d', 1, "
    "'sum' },\n"
    "  { 'x', '[%a-z]', 1, 'y' }, { 'x]y', '[]]', 1, '!' }, { 'a-b', '[a-]', 1, '.' }, { 'A1b2', '[^%d]', 1, "
    "'' },\n"
    "  { 'abc', '%', 1, 'x' }, { 'abc', '[a', 1, 'x' }, { 'abc', '(a', 1, 'x' }, { 'abc', 'a)', 1, 'x' },\n"
    "  { 'abc', '%1', 1, 'x' }, { 'abc', '%f', 1, 'x' }, { 'abc', '%b', 1, 'x' }, { 'abc', 'b', 1, '%2' },\n"
    "  { 'abc', 'b', 1, '%x' }, { 'abc', 'b', 9, 'x' }, { 'abc', 'b', -9, 'x' }, { 'abcabc', 'b', 1, 'x', 1 "
    "},\n"
    "  { 'abcabc', '^a', 1, 'x' }, { 'abc', 'c$', 1, 'x' }, { 'a$c', '$c', 1, 'x' }, { 'a\\0b', '%z', 1, '0' "
    "},\n"
    "  { 'a\\0b', '\\0', 1, '0' }, { 'one two', '(%w+)', 1, { one = 1, two = false } },\n"
    "  { 'one two', '%w+', 1, function(w) if w == 'two' then return nil end return w:upper() end },\n"
    "  { 'x', 'x', 1, function() return {} end }, { string.rep('ab', 40), '(ab)+', 1, '%1' },\n"
    "  { string.rep('(', 250), string.rep('%(', 250), 1, 'x' },\n"
    "  { string.rep('a', 40), string.rep('(a)', 33), 1, 'x' },\n"
    "}\n"
    "math.randomseed(21)\n"
    "local atoms = { 'a', 'b', '.', '%a', '%d', '%s', '%%', '%.', '[ab]', '[^a]', '[a-c]', '(', ')', '()',\n"
    "  '%1', '*', '+', '-', '?', '^', '$', '%b()', '%f[%w]', '%', ' ', '1', '[' }\n"
    "local chars = { 'a', 'b', 'c', '1', ' ', '(', ')', '.', '%' }\n"
    "local repls = { '<%0>', '%1', '', 'x%%y', '%2' }\n"
    "for _ = 1, 3000 do\n"
    "  local p, s = {}, {}\n"
    "  for _ = 1, math.random(0, 6) do p[#p + 1] = atoms[math.random(#atoms)] end\n"
    "  for _ = 1, math.random(0, 12) do s[#s + 1] = chars[math.random(#chars)] end\n"
    "  cases[#cases + 1] = { table.concat(s), table.concat(p), math.random(-3, 4), "
    "repls[math.random(#repls)],\n"
    "    math.random(0, 3) == 0 and math.random(0, 2) or nil }\n"
    "end\n"
    "local out = {}\n"
    "for i, c in ipairs(cases) do\n"
    "  local r = run(c[1], c[2], c[3], c[4], c[5])\n"
    "  if DETAIL == i then return r end\n"
    "  local h = 0\n"
    "  for k = 1, #r do h = (h * 31 + r:byte(k)) % 4294967296 end\n"
    "  out[#out + 1] = string.format('%02x', h % 256)\n"
    "end\n"
    "return table.concat(out)\n";

/* Runs diff_lua in a plain Lua state; DETAIL > 0 returns that case's results. */
static char *diff_in_lua(int detail)
{
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	lua_pushinteger(L, detail);
	lua_setglobal(L, "DETAIL");
	assert_int_equal(luaL_loadstring(L, diff_lua), LUA_OK);
	assert_int_equal(lua_pcall(L, 0, 1, 0), LUA_OK);
	char *r = strdup(lua_tostring(L, -1));
	lua_close(L);
	return r;
}

static void test_string_library_matches_lua(void **state)
{
	(void)state;
	/* A generous budget: this is about results, not time. */
	struct hr_plugin_limits big = {.memory_bytes = 64u << 20, .call_ms = 20000, .load_ms = 200};
	hr_plugins *set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &big);
	struct diags d = {0};
	static char src[sizeof(diff_lua) + 256];
	snprintf(src, sizeof(src),
	         "local function diff()\n%s\nend\n"
	         "herald.on('t.diff', function() return { text = diff() } end)\n",
	         diff_lua);
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("diff", src), collect, &d), 0);
	struct hr_answer a;
	char err[512];
	assert_int_equal(ask(set, "t.diff", &a, err, sizeof(err)), 0);
	char *want = diff_in_lua(0);
	assert_int_equal(strlen(a.text), strlen(want));
	for (size_t i = 0; i < strlen(want); i += 2) {
		if (strncmp(a.text + i, want + i, 2) != 0)
			fail_msg("case %zu differs from Lua's string library; Lua says: %s", i / 2 + 1,
			         diff_in_lua((int)(i / 2) + 1));
	}
	printf("the bounded string library agrees with Lua's on %zu cases\n", strlen(want) / 2);
	free(want);
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* The POSIX timers of this process (/proc/self/timers), or -1 when the
 * kernel does not list them. */
static int process_timers(void)
{
	FILE *f = fopen("/proc/self/timers", "r");
	if (!f)
		return -1;
	int n = 0;
	char line[256];
	while (fgets(line, sizeof(line), f))
		n += strncmp(line, "ID:", 3) == 0;
	fclose(f);
	return n;
}

static void burn_cpu_ms(double ms)
{
	struct timespec t0;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	volatile unsigned long x = 0;
	while (elapsed_ms(&t0) < ms)
		for (int i = 0; i < 10000; i++)
			x += (unsigned long)i;
}

/*
 * Without an instruction cap a call is timed by the thread's timer on its CPU
 * clock (sandbox_budget.c), and no hook runs until it expires: it must stop a
 * loop that calls nothing (sample.slow) and one that catches with pcall
 * (sample.catcher). The timer ticks from call to call, and a tick outside a
 * call with no call since the tick before disarms it, so CPU time spent after
 * the last call sends at most two signals; the next call arms it again. It is made at the thread's
 * first call and deleted by hr_plugins_thread_end(). With an instruction cap
 * the count hook stops a loop by the cap alone.
 */
static void test_budget_timer(void **state)
{
	(void)state;
	hr_plugins_thread_end(); /* the earlier tests' calls made it */
	int base = process_timers();
	hr_plugins *set = new_set();
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_dir(set, HERALD_TEST_DATA "/plugins", collect, &d), 0);
	struct hr_answer a;
	char err[512];
	for (int i = 0; i < 3; i++) {
		struct timespec t0;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		assert_int_equal(ask(set, i == 1 ? "sample.catcher" : "sample.slow", &a, err, sizeof(err)),
		                 -ETIME);
		double ms = elapsed_ms(&t0);
		printf("loop %d ended after %5.1f ms (budget 50)\n", i, ms);
		assert_true(ms >= 45 && ms < 1000);
		/* A call after a killed one answers. */
		assert_int_equal(ask(set, "sample.hello", &a, err, sizeof(err)), 0);
		hr_answer_clear(&a);
	}
	if (base >= 0)
		assert_int_equal(process_timers(), base + 1);

	/* Disarmed by the second tick after the call: after some CPU outside any
	 * call, three budgets more with the signal blocked leave none pending. */
	/* On a loaded machine the kernel looks at a CPU timer only at a
	 * scheduler tick that finds the thread running, so the ticks that
	 * disarm it may come late: the check is tried a few times, each time
	 * letting a pending tick run its handler (the handler disarms), and must
	 * pass once (make test-asan ran this beside other tests and failed it). */
	sigset_t set_sig, old, pending;
	sigemptyset(&set_sig);
	sigaddset(&set_sig, HR_PLUGINS_SIGNAL);
	int quiet = 0;
	for (int round = 0; round < 10 && !quiet; round++) {
		burn_cpu_ms(30);
		assert_int_equal(pthread_sigmask(SIG_BLOCK, &set_sig, &old), 0);
		burn_cpu_ms(150);
		assert_int_equal(sigpending(&pending), 0);
		quiet = !sigismember(&pending, HR_PLUGINS_SIGNAL);
		assert_int_equal(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
	}
	assert_true(quiet);
	/* The next call arms it again. */
	struct timespec t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	assert_int_equal(ask(set, "sample.slow", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t1) >= 45 && elapsed_ms(&t1) < 1000);
	/* Short calls with CPU between them: each answers, and a hog after
	 * them is still stopped. */
	for (int i = 0; i < 20; i++) {
		assert_int_equal(ask(set, "sample.hello", &a, err, sizeof(err)), 0);
		hr_answer_clear(&a);
		burn_cpu_ms(3);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	assert_int_equal(ask(set, "sample.catcher", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t1) >= 45 && elapsed_ms(&t1) < 1000);

	hr_plugins_thread_end();
	hr_plugins_thread_end();
	if (base >= 0)
		assert_int_equal(process_timers(), base);
	/* The next call makes a new one. */
	assert_int_equal(ask(set, "sample.slow", &a, err, sizeof(err)), -ETIME);
	if (base >= 0)
		assert_int_equal(process_timers(), base + 1);
	hr_plugins_free(set);

	/* An instruction cap: the count hook, and a CPU budget it cannot reach. */
	struct hr_plugin_limits capped = limits;
	capped.instructions = 200000;
	capped.call_ms = 20000;
	set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &capped);
	assert_int_equal(hr_plugins_add_dir(set, HERALD_TEST_DATA "/plugins", collect, &d), 0);
	struct timespec t0;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	assert_int_equal(ask(set, "sample.catcher", &a, err, sizeof(err)), -ETIME);
	assert_true(elapsed_ms(&t0) < 1000);
	assert_int_equal(ask(set, "sample.hello", &a, err, sizeof(err)), 0);
	hr_answer_clear(&a);
	hr_plugins_free(set);
	hr_plugins_thread_end();
}

/* table.sort without a comparator sorts a short list of integers in C
 * (sandbox_lib.c); what it leaves must be what Lua's own sort leaves, and any
 * other list (floats, a metatable, a long one) takes Lua's sort. */
static void test_table_sort(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "local function s(t, f) table.sort(t, f) local o = {} for i = 1, #t do o[i] = "
	                  "tostring(t[i]) end\n"
	                  "  return table.concat(o, ' ') end\n"
	                  "herald.on('t.sort', function()\n"
	                  "  local long = {} for i = 1, 200 do long[i] = (i * 7919) % 211 end\n"
	                  "  s(long) local ok = #long == 200\n"
	                  "  for i = 2, #long do ok = ok and long[i - 1] <= long[i] end\n"
	                  "  local meta = setmetatable({ 2, 1 }, {})\n"
	                  "  local parts = { s({ 5, 3, -2, 3, 9, 0, math.maxinteger, math.mininteger }), s({ "
	                  "3, 1.5, 2 }),\n"
	                  "    s({ 3.0, 1 }), s({}), s({ 4 }), s(meta), s({ 1, 3, 2 }, nil), s({ 1, 3, 2 }, "
	                  "function(a, b) return a > b end),\n"
	                  "    tostring(ok), math.type(({ 2, 1 })[1]) }\n"
	                  "  local e = pcall(table.sort, { 1, 'x' })\n"
	                  "  parts[#parts + 1] = tostring(e)\n"
	                  "  return { text = table.concat(parts, '|') }\n"
	                  "end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("sort", src), collect, &d), 0);
	struct hr_answer a;
	char err[512];
	assert_int_equal(ask(set, "t.sort", &a, err, sizeof(err)), 0);
	assert_string_equal(a.text,
	                    "-9223372036854775808 -2 0 3 3 5 9 9223372036854775807|1.5 2 3|1 3.0||4|1 2|"
	                    "1 2 3|3 2 1|true|integer|false");
	hr_answer_clear(&a);
	hr_plugins_free(set);
}

/* Deferred collection (hr_plugins_defer_gc): the plugin's collector never
 * runs inside a call; hr_plugins_collect_due() between calls keeps the heap
 * bounded, and without it a call that reaches the memory cap still succeeds
 * (Lua's emergency collection), so the cap means what it did. */
static size_t plugin_mem(const hr_plugins *set)
{
	struct hr_plugin_info info;
	assert_int_equal(hr_plugins_info(set, 0, &info), 0);
	return info.memory_bytes;
}

static void test_deferred_gc(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *src = "KEEP = {} for i = 1, 2000 do KEEP[i] = { i, tostring(i) } end\n"
	                  "herald.on('t.garbage', function()\n"
	                  "  local t = {} for i = 1, 1000 do t[i] = { i, 'x' .. i } end\n"
	                  "  return { text = 'made ' .. #t }\n"
	                  "end)\n";
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("garbage", src), collect, &d), 0);
	hr_plugins_defer_gc(set, 1);
	struct hr_answer a;
	char err[512];
	size_t idle = plugin_mem(set), peak = 0;
	/* Between calls: bounded near the pause's doubling, far under the cap. */
	for (int i = 0; i < 400; i++) {
		assert_int_equal(ask(set, "t.garbage", &a, err, sizeof(err)), 0);
		assert_string_equal(a.text, "made 1000");
		hr_answer_clear(&a);
		hr_plugins_collect_due(set);
		size_t m = plugin_mem(set);
		peak = m > peak ? m : peak;
	}
	/* A call here makes more garbage than the plugin keeps, so the bound is
	 * the pause's doubling of the heap a cycle leaves, with a call's garbage
	 * in it, and it moves with the SDK's own size: 0.88 MB when this was
	 * written, 1.11 MB once the SDK held q:about_a_man()'s word lists, where
	 * Lua's own collector peaks at 0.36 MB. Half the cap is the bound that
	 * says what matters: bounded, and far from the cap. */
	assert_true(peak < limits.memory_bytes / 2);
	/* Nothing collects inside calls: memory grows call by call, and the
	 * call that reaches the cap is answered all the same. */
	size_t before = plugin_mem(set);
	assert_int_equal(ask(set, "t.garbage", &a, err, sizeof(err)), 0);
	hr_answer_clear(&a);
	assert_true(plugin_mem(set) > before);
	for (int i = 0; i < 200; i++) {
		assert_int_equal(ask(set, "t.garbage", &a, err, sizeof(err)), 0);
		hr_answer_clear(&a);
	}
	assert_true(plugin_mem(set) < limits.memory_bytes);
	hr_plugins_collect(set);
	assert_true(plugin_mem(set) < 2 * idle);
	/* Restarted, Lua's own collector keeps the heap bounded again. */
	hr_plugins_defer_gc(set, 0);
	for (int i = 0; i < 200; i++) {
		assert_int_equal(ask(set, "t.garbage", &a, err, sizeof(err)), 0);
		hr_answer_clear(&a);
	}
	assert_true(plugin_mem(set) < limits.memory_bytes / 2);
	hr_plugins_free(set);
}

/* Plugin code whose work happens inside single C calls, where the
 * instruction hook never runs (issue 21, item 2). Each ends with the budget. */
static const char hostile_lua[] =
    "herald.on('h.find', function() return ('a'):rep(40):find(('a-'):rep(40) .. 'b') end)\n"
    "herald.on('h.match', function() return ('a'):rep(5000):match('(.-)(.-)(.-)(.-)b') end)\n"
    "herald.on('h.gmatch', function() for _ in ('a'):rep(3000):gmatch('a*a*a*a*b') do end end)\n"
    "herald.on('h.gsub', function() return (('x'):rep(60000):gsub('.-.-.-y', '')) end)\n"
    "herald.on('h.bigrep', function() while true do pcall(string.rep, 'x', 8000000) end end)\n"
    "herald.on('h.rep', function() while true do local s = ('x'):rep(65536) end end)\n"
    "herald.on('h.concat', function() local s = ('x'):rep(32768) while true do local t = s .. s end end)\n"
    "herald.on('h.tconcat', function()\n"
    "  local t = {} for i = 1, 100 do t[i] = ('y'):rep(30000) end\n"
    "  while true do pcall(table.concat, t) end end)\n"
    "herald.on('h.move', function() table.move({}, 1, 1e15, 2) end)\n"
    "herald.on('h.sort', function()\n"
    "  local t = {} for i = 1, 20000 do t[i] = (i * 7919) % 20011 end\n"
    "  while true do table.sort(t) table.sort(t, function(a, b) return a > b end) end end)\n"
    "herald.on('h.insert', function()\n"
    "  local t = {} for i = 1, 100000 do t[i] = i end\n"
    "  while true do table.insert(t, 1, 0) table.remove(t, 1) end end)\n"
    "herald.on('h.gc', function() setmetatable({}, { __gc = function() while true do end end }) end)\n"
    "herald.on('h.weak', function() setmetatable({}, { __mode = 'k' }) end)\n"
    "herald.on('h.index', function()\n"
    "  return { text = 'x', sources = { setmetatable({ title = 't' },\n"
    "    { __index = function() while true do end end }) } } end)\n"
    "herald.on('h.long', function() local s = ('x'):rep(40000) return { text = #(s .. s .. s) } end)\n";

static void test_hostile_calls_end_within_budget(void **state)
{
	(void)state;
	struct hr_plugin_limits lim = {.memory_bytes = 16u << 20, .call_ms = 50, .load_ms = 200};
	hr_plugins *set = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &lim);
	struct diags d = {0};
	assert_int_equal(hr_plugins_add_file(set, temp_plugin("hostile", hostile_lua), collect, &d), 0);
	static const char *const timed[] = {"h.find",   "h.match", "h.gmatch", "h.gsub",
	                                    "h.bigrep", "h.rep",   "h.concat", "h.tconcat",
	                                    "h.move",   "h.sort",  "h.insert", NULL};
	struct hr_answer a;
	char err[512];
	double worst = 0;
	for (const char *const *h = timed; *h; h++) {
		struct timespec t0;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		int rc = ask(set, *h, &a, err, sizeof(err));
		double ms = elapsed_ms(&t0);
		if (rc != -ETIME)
			fail_msg("%s: rc %d (%s)", *h, rc, err);
		/* A 50 ms CPU budget, measured as CPU time; the margin allows the
		 * sanitizers. How far past it each ends is printed. */
		if (ms > 500)
			fail_msg("%s took %.0f ms", *h, ms);
		printf("%-10s ended after %5.1f ms (budget 50)\n", *h, ms);
		worst = ms > worst ? ms : worst;
	}
	printf("worst: %.1f ms\n", worst);
	/* No finalisers and no weak tables. */
	assert_int_equal(ask(set, "h.gc", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "__gc"));
	assert_int_equal(ask(set, "h.weak", &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "__mode"));
	/* The answer is read without its metamethods. */
	assert_int_equal(ask(set, "h.index", &a, err, sizeof(err)), 0);
	assert_int_equal(a.nsources, 1);
	assert_null(a.sources[0].url);
	hr_answer_clear(&a);
	/* Strings a plugin builds are bounded. */
	assert_int_equal(ask(set, "h.long", &a, err, sizeof(err)), -ENOMEM);
	assert_non_null(strstr(err, "longest a plugin may build"));
	/* And the plugin still answers afterwards. */
	assert_int_equal(ask(set, "h.find", &a, err, sizeof(err)), -ETIME);
	hr_plugins_free(set);
}

/* Writes SRC, as it is, to a temporary plugin file (static buffer). */
static const char *temp_raw(const char *name, const char *src)
{
	static char path[256];
	snprintf(path, sizeof(path), "/tmp/herald-test-%d-%s.lua", (int)getpid(), name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(src, f);
	fclose(f);
	return path;
}

/* Issue 19: a draft is checked, set aside with where its placeholders are,
 * and never answers; placeholder text outside a draft is an error at its
 * line; TODO in a comment is not placeholder text. */
static void test_drafts(void **state)
{
	(void)state;
	hr_plugins *set = new_set();
	struct diags d = {0};
	const char *path =
	    temp_raw("draft", "-- TODO in a comment is fine\n"
	                      "herald.about{ title = 'x', draft = true, reviewed = '' }\n"
	                      "herald.answer('x.about', {\n"
	                      "  text = 'TODO the first key point.',\n"
	                      "  sources = { { title = 'TODO title', url = 'https://TODO.invalid/' } },\n"
	                      "})\n");
	assert_int_equal(hr_plugins_add_file(set, path, collect, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(hr_plugins_count(set), 0);
	assert_int_equal(hr_plugins_draft_count(set), 1);
	const struct hr_plugin_draft *dr = hr_plugins_draft(set, 0);
	assert_string_equal(dr->path, path);
	assert_int_equal(dr->ntodo, 2);
	assert_int_equal(dr->lines[0], 4);
	assert_int_equal(dr->lines[1], 5);
	assert_int_equal(dr->nhandlers, 1);
	assert_string_equal(dr->handlers[0], "x.about");
	assert_true(hr_plugins_draft_answers(set, "x.about"));
	assert_null(hr_plugins_handler(set, "x.about", NULL));
	struct hr_answer a;
	char err[256];
	assert_int_equal(ask(set, "x.about", &a, err, sizeof(err)), -ENOENT);
	unlink(path);

	/* The same, published without writing the placeholders: an error at line 4. */
	path = temp_raw("todo", "herald.about{ title = 'x', reviewed = '2026-11-22' }\n"
	                        "herald.answer('y.about', {\n"
	                        "  text = {\n"
	                        "    'TODO the first key point.',\n"
	                        "  },\n"
	                        "})\n");
	assert_int_equal(hr_plugins_add_file(set, path, collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, ":4: placeholder text (TODO)"));
	assert_null(hr_plugins_handler(set, "y.about", NULL));
	unlink(path);

	/* Only a draft may leave the review date empty. */
	d.n = 0;
	path = temp_raw("noreview", "herald.about{ title = 'x', reviewed = '' }\n"
	                            "herald.answer('z.about', { text = 'Fine.' })\n");
	assert_int_equal(hr_plugins_add_file(set, path, collect, &d), -EINVAL);
	assert_non_null(strstr(d.all, "reviewed must be a date"));
	unlink(path);
	hr_plugins_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forbidden_globals_absent),
	    cmocka_unit_test(test_question_text_and_message),
	    cmocka_unit_test(test_question_mentions),
	    cmocka_unit_test(test_question_about_a_man),
	    cmocka_unit_test(test_hand_over),
	    cmocka_unit_test(test_fixed_table),
	    cmocka_unit_test(test_request_table_kept_clean),
	    cmocka_unit_test(test_os_execute_fails_with_line),
	    cmocka_unit_test(test_load_failures),
	    cmocka_unit_test(test_budgets_and_isolation),
	    cmocka_unit_test(test_budget_timer),
	    cmocka_unit_test(test_table_sort),
	    cmocka_unit_test(test_deferred_gc),
	    cmocka_unit_test(test_duplicate_handlers),
	    cmocka_unit_test(test_speech_form),
	    cmocka_unit_test(test_facts_and_reviewer),
	    cmocka_unit_test(test_shared_sources),
	    cmocka_unit_test(test_speech_abbreviations),
	    cmocka_unit_test(test_speech_respellings_from_lexicon),
	    cmocka_unit_test(test_string_library_matches_lua),
	    cmocka_unit_test(test_hostile_calls_end_within_budget),
	    cmocka_unit_test(test_drafts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
