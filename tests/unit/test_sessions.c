/* Unit tests of core/sessions.c: lookup, expiry and the size bound. */
#include "cmocka_prelude.h"

#include <stdio.h>
#include <string.h>

#include "sessions.h"

static void test_get_and_expire(void **state)
{
	(void)state;
	hr_sessions *s = hr_sessions_new(10, 1000);
	struct hr_convo *a = hr_sessions_get(s, "a", 0);
	assert_non_null(a);
	snprintf(a->previous, sizeof(a->previous), "x.y");
	assert_ptr_equal(hr_sessions_get(s, "a", 500), a);
	assert_string_equal(hr_sessions_get(s, "a", 900)->previous, "x.y");
	/* Idle past the TTL: a fresh conversation. */
	struct hr_convo *again = hr_sessions_get(s, "a", 5000);
	assert_string_equal(again->previous, "");
	assert_int_equal(hr_sessions_count(s), 1);
	hr_sessions_free(s);
}

static void test_bounded(void **state)
{
	(void)state;
	hr_sessions *s = hr_sessions_new(3, 100000);
	char id[16];
	for (int i = 0; i < 100; i++) {
		snprintf(id, sizeof(id), "s%d", i);
		assert_non_null(hr_sessions_get(s, id, (uint64_t)i));
	}
	assert_int_equal(hr_sessions_count(s), 3);
	/* The most recent ones survive. */
	hr_sessions_get(s, "s99", 200)->ncontext = 1;
	assert_int_equal(hr_sessions_get(s, "s99", 201)->ncontext, 1);
	assert_int_equal(hr_sessions_expire(s, 1000000), 3);
	assert_int_equal(hr_sessions_count(s), 0);
	hr_sessions_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_and_expire),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
