/* Unit tests of core/engine/reach.c: how a handler no intent routes to is
 * reached (a facet, a hand-over target, or not at all), and that `herald
 * review` (review.c) renders and checks such handlers like intents. */
#include "cmocka_prelude.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "log.h"
#include "reach.h"
#include "review.h"

static char found[8][64];
static size_t nfound;

static void collect(void *ud, const char *target, size_t len)
{
	(void)ud;
	if (nfound < 8)
		snprintf(found[nfound++], sizeof(found[0]), "%.*s", (int)len, target);
}

/* Only literal targets of the SDK's call count; a commented-out call, a
 * longer name ending the same way and a target built at run time do not. */
static void test_scan_hand_overs(void **state)
{
	(void)state;
	static const char src[] = "return herald.hand_over(\"care.leave\")\n"
	                          "  if x then return herald.hand_over 'life.work' end\n"
	                          "-- return herald.hand_over(\"dead.one\")\n"
	                          "local function my_hand_over(x) end my_hand_over(\"not.this\")\n"
	                          "return herald.hand_over( \"spaced.out\" )\n"
	                          "return herald.hand_over(name)\n";
	nfound = 0;
	assert_int_equal(hr_reach_scan_hand_overs(src, strlen(src), collect, NULL), 3);
	assert_string_equal(found[0], "care.leave");
	assert_string_equal(found[1], "life.work");
	assert_string_equal(found[2], "spaced.out");
}

static void test_facet_names(void **state)
{
	(void)state;
	assert_true(hr_facet_known("medicine"));
	assert_true(hr_facet_known("how_long"));
	assert_true(hr_facet_known("after"));
	assert_false(hr_facet_known("bogus"));
	assert_false(hr_facet_known(""));
}

static char dir[256];

static void write_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char INTENTS[] = "intent topic.one\n"
                              "  plugin: p\n"
                              "  pattern: \\btopic one\\b\n"
                              "  example: tell me about topic one\n";

/* One routed intent; a facet of it; a facet name the engine does not know;
 * a facet of a topic that is no intent; a hand-over target; an orphan. The
 * facet "medicine" answers with no source, which the review's checks must
 * find as they would in an intent. */
static const char PLUGIN[] =
    "herald.about{ title = 't', reviewed = '2026-12-07', reviewed_by = 'test' }\n"
    "local S = { { title = 'A page', url = 'https://example.org/a/page' } }\n"
    "herald.on('topic.one', function(q)\n"
    "  if q:mentions('leave') then return herald.hand_over('target.leave') end\n"
    "  if q:mentions('typo') then return herald.hand_over('target.leeve') end\n"
    "  return { text = 'Topic one is a thing. Ask your team about it.', sources = S }\n"
    "end)\n"
    "herald.on('topic.one.medicine', function() return { text = 'Take what your team says.' } end)\n"
    "herald.on('topic.one.bogus', function() return { text = 'Never asked.', sources = S } end)\n"
    "herald.on('nothing.here.medicine', function() return { text = 'Never asked.', sources = S } end)\n"
    "herald.on('target.leave', function() return { text = 'Leave is a right. Ask HR.', sources = S } end)\n"
    "herald.on('orphan', function() return { text = 'Nobody asks this.', sources = S } end)\n";

static const struct hr_reached *find(const struct hr_reach_map *m, const char *handler)
{
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].handler, handler) == 0)
			return &m->v[i];
	}
	return NULL;
}

static size_t problems_in_facet;

static void problem(void *ud, const struct hr_render *r, int is_note, const char *msg)
{
	(void)ud;
	(void)msg;
	if (!is_note && r && r->handler && strcmp(r->handler, "topic.one.medicine") == 0)
		problems_in_facet++;
}

static void test_reach_and_review(void **state)
{
	(void)state;
	hr_log_set_level(HR_LOG_ERR);
	snprintf(dir, sizeof(dir), "/tmp/herald-reach-%d", (int)getpid());
	char sub[300];
	mkdir(dir, 0700);
	snprintf(sub, sizeof(sub), "%s/intents", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/plugins", dir);
	mkdir(sub, 0700);
	write_file("intents/t.intents", INTENTS);
	write_file("plugins/p.lua", PLUGIN);

	struct hr_config cfg;
	hr_config_defaults(&cfg);
	snprintf(cfg.intents_dir, sizeof(cfg.intents_dir), "%s/intents", dir);
	snprintf(cfg.plugins_dir, sizeof(cfg.plugins_dir), "%s/plugins", dir);
	snprintf(cfg.lua_dir, sizeof(cfg.lua_dir), "%s/lua", HERALD_SOURCE_DIR);
	hr_config_resolve(&cfg);
	struct hr_content content;
	assert_int_equal(hr_content_load(&cfg, hr_diag_stderr, NULL, &content), 0);
	assert_int_equal(content.plugin_errors, 0);

	struct hr_reach_map m = {0};
	assert_int_equal(hr_reach_build(content.intents, content.plugins, &m), 0);
	assert_int_equal(m.n, 5); /* every handler but the routed topic.one */
	assert_null(find(&m, "topic.one"));
	const struct hr_reached *x = find(&m, "topic.one.medicine");
	assert_non_null(x);
	assert_int_equal(x->how, HR_REACH_FACET);
	assert_string_equal(x->topic->name, "topic.one");
	assert_string_equal(x->facet, "medicine");
	x = find(&m, "target.leave");
	assert_non_null(x);
	assert_int_equal(x->how, HR_REACH_HAND_OVER);
	assert_string_equal(x->handed_by, "p");
	assert_int_equal(find(&m, "topic.one.bogus")->how, HR_REACH_NONE);
	assert_int_equal(find(&m, "nothing.here.medicine")->how, HR_REACH_NONE);
	assert_int_equal(find(&m, "orphan")->how, HR_REACH_NONE);
	/* A target nothing answers is listed apart, with who names it. */
	assert_int_equal(m.ndangling, 1);
	assert_string_equal(m.dangling[0].target, "target.leeve");
	assert_string_equal(m.dangling[0].plugin, "p");
	hr_reach_free(&m);

	/* The review renders each of them, the facet under its topic, and
	 * checks them: the facet's answer names no source. */
	struct hr_review r = {0};
	assert_int_equal(hr_review_render(&content, &r), 0);
	size_t facet = 0, target = 0, orphan = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct hr_render *y = &r.v[i];
		if (!y->handler)
			continue;
		assert_non_null(y->reach);
		if (strcmp(y->handler, "topic.one.medicine") == 0) {
			facet++;
			assert_ptr_equal(y->intent, hr_intents_find(content.intents, "topic.one"));
			assert_int_equal(y->rc, 0);
			assert_string_equal(y->answer.text, "Take what your team says.");
		} else if (strcmp(y->handler, "target.leave") == 0) {
			target++;
			assert_null(y->intent);
			assert_int_equal(y->reach->how, HR_REACH_HAND_OVER);
		} else if (strcmp(y->handler, "orphan") == 0) {
			orphan++;
			assert_int_equal(y->reach->how, HR_REACH_NONE);
		}
	}
	assert_int_equal(facet, 1);
	assert_int_equal(target, 1);
	assert_int_equal(orphan, 1);
	problems_in_facet = 0;
	const char *names[] = {"drug"};
	size_t n = hr_review_check(content.intents, &r, names, 1, 9.0, problem, NULL);
	assert_true(n >= 1);
	assert_int_equal(problems_in_facet, 1); /* "names no source" */
	hr_review_free(&r);
	hr_content_free(&content);

	snprintf(sub, sizeof(sub), "%s/intents/t.intents", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/plugins/p.lua", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/intents", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/plugins", dir);
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scan_hand_overs),
	    cmocka_unit_test(test_facet_names),
	    cmocka_unit_test(test_reach_and_review),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
