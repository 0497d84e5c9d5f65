/* Unit tests of core/engine.c: the whole path without a network, on the
 * fixtures in tests/data: follow-ups, fallback, safety first, failures. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "log.h"

struct fixture {
	struct hr_config cfg;
	struct hr_content content;
	hr_engine *engine;
};

static int setup(void **state)
{
	static struct fixture f;
	hr_log_set_level(HR_LOG_ERR);
	hr_config_defaults(&f.cfg);
	snprintf(f.cfg.intents_dir, sizeof(f.cfg.intents_dir), "%s/intents", HERALD_TEST_DATA);
	snprintf(f.cfg.plugins_dir, sizeof(f.cfg.plugins_dir), "%s/plugins", HERALD_TEST_DATA);
	snprintf(f.cfg.lua_dir, sizeof(f.cfg.lua_dir), "%s/lua", HERALD_SOURCE_DIR);
	hr_config_resolve(&f.cfg);
	if (hr_content_load(&f.cfg, hr_diag_stderr, NULL, &f.content))
		return -1;
	if (hr_engine_new(&f.content, &f.engine))
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	hr_engine_free(f->engine);
	hr_content_free(&f->content);
	return 0;
}

static void ask(struct fixture *f, struct hr_convo *c, const char *q, struct hr_answer *a)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(hr_engine_ask(f->engine, c, q, strlen(q), a, NULL), 0);
}

static void test_follow_up_uses_context(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a;
	/* Without a drug in the conversation, the general intent answers. */
	ask(f, &c, "what side effects are there", &a);
	assert_string_equal(a.intent, "sample.general_side_effects");
	hr_answer_clear(&a);
	ask(f, &c, "what is Hercepton?", &a);
	assert_string_equal(a.intent, "sample.about");
	assert_string_equal(a.text, "About trastuzumab.");
	hr_answer_clear(&a);
	/* Now "its side effects" means Herceptin's. */
	ask(f, &c, "and its side effects?", &a);
	assert_string_equal(a.intent, "sample.side_effects");
	assert_string_equal(a.text, "Side effects of trastuzumab.");
	hr_answer_clear(&a);
	assert_string_equal(c.previous, "sample.side_effects");
}

static void test_fallback(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a;
	ask(f, &c, "what's the weather tomorrow", &a);
	assert_string_equal(a.intent, "fallback");
	assert_true(a.nsuggestions >= 2);
	hr_answer_clear(&a);
}

static void test_plugin_failure_is_contained(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a;
	ask(f, &c, "explode now", &a);
	assert_string_equal(a.intent, "sample.boom");
	assert_non_null(strstr(a.text, "couldn't answer"));
	hr_answer_clear(&a);
	ask(f, &c, "run forever", &a);
	assert_non_null(strstr(a.text, "couldn't answer"));
	hr_answer_clear(&a);
	/* Everyone else is still served. */
	ask(f, &c, "hello", &a);
	assert_string_equal(a.text, "Hello there.");
	hr_answer_clear(&a);
}

static void test_safety_comes_first(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a;
	ask(f, &c, "I want to die", &a);
	assert_int_equal(a.safety, HR_SAFETY_CRISIS);
	assert_non_null(strstr(a.text, "988"));
	hr_answer_clear(&a);
	ask(f, &c, "I have chest pain and can't breathe", &a);
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	hr_answer_clear(&a);
}

/* The safety layer reads a whole long message, although matching reads only
 * its first kilobyte: an emergency at the end of a long letter is heard. */
static void test_safety_reads_the_whole_message(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a;
	char letter[3000];
	size_t n = 0;
	while (n + 80 < 2400)
		n += (size_t)snprintf(letter + n, sizeof(letter) - n, "The infusions have gone fine and I am managing. ");
	snprintf(letter + n, sizeof(letter) - n, "But tonight my chest feels crushed and my left arm is numb.");
	ask(f, &c, letter, &a);
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	assert_string_equal(a.tier, "emergency");
	hr_answer_clear(&a);
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = { 0 };
	struct hr_answer a = { 0 };
	assert_int_equal(hr_engine_ask(f->engine, &c, "\xff\xfe", 2, &a, NULL), -EINVAL);
	/* A very long question is answered, from its first kilobyte. */
	char big[5000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ask(f, &c, big, &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_follow_up_uses_context), cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_plugin_failure_is_contained), cmocka_unit_test(test_safety_comes_first),
		cmocka_unit_test(test_safety_reads_the_whole_message), cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
