/* Unit tests of core/daemon/sessions.c: lookup, expiry, the size bound and sharing between threads. */
#include "cmocka_prelude.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "sessions.h"

static void test_load_store_and_expire(void **state)
{
	(void)state;
	hr_sessions *s = hr_sessions_new(10, 1000);
	struct hr_convo c;
	assert_int_equal(hr_sessions_load(s, "a", 0, &c), 0);
	assert_string_equal(c.previous, "");
	snprintf(c.previous, sizeof(c.previous), "x.y");
	assert_int_equal(hr_sessions_store(s, "a", 0, &c), 0);
	memset(&c, 0, sizeof(c));
	assert_int_equal(hr_sessions_load(s, "a", 500, &c), 1);
	assert_string_equal(c.previous, "x.y");
	/* A load counts as use: 900 is within the TTL of 500. */
	assert_int_equal(hr_sessions_load(s, "a", 1400, &c), 1);
	/* Idle past the TTL: a fresh conversation. */
	assert_int_equal(hr_sessions_load(s, "a", 5000, &c), 0);
	assert_string_equal(c.previous, "");
	assert_int_equal(hr_sessions_count(s), 0);
	hr_sessions_free(s);
}

static void test_bounded(void **state)
{
	(void)state;
	hr_sessions *s = hr_sessions_new(3, 100000);
	struct hr_convo c = {0};
	char id[16];
	for (int i = 0; i < 100; i++) {
		snprintf(id, sizeof(id), "s%d", i);
		c.ncontext = (size_t)i % 4;
		assert_int_equal(hr_sessions_store(s, id, (uint64_t)i, &c), 0);
	}
	assert_int_equal(hr_sessions_count(s), 3);
	/* The most recent ones survive; the oldest went first. */
	assert_int_equal(hr_sessions_load(s, "s99", 200, &c), 1);
	assert_int_equal(c.ncontext, 3);
	assert_int_equal(hr_sessions_load(s, "s96", 200, &c), 0);
	assert_int_equal(hr_sessions_expire(s, 1000000), 3);
	assert_int_equal(hr_sessions_count(s), 0);
	hr_sessions_free(s);
}

/* Workers share one store: many threads storing and loading at once must
 * neither corrupt it nor lose a session's own updates. */
struct worker_arg {
	hr_sessions *s;
	int n;
};

static void *hammer(void *p)
{
	struct worker_arg *w = p;
	char id[32];
	struct hr_convo c;
	for (int i = 0; i < 2000; i++) {
		snprintf(id, sizeof(id), "w%d-%d", w->n, i % 50);
		hr_sessions_load(w->s, id, (uint64_t)i, &c);
		c.ncontext = (size_t)(i / 50);
		snprintf(c.previous, sizeof(c.previous), "w%d", w->n);
		if (hr_sessions_store(w->s, id, (uint64_t)i, &c))
			return p;
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	hr_sessions *s = hr_sessions_new(1000, 1000000);
	pthread_t t[4];
	struct worker_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (struct worker_arg){s, i};
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &args[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		assert_null(r);
	}
	assert_int_equal(hr_sessions_count(s), 200);
	struct hr_convo c;
	assert_int_equal(hr_sessions_load(s, "w2-7", 5000, &c), 1);
	assert_string_equal(c.previous, "w2");
	assert_int_equal(c.ncontext, 39);
	hr_sessions_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_store_and_expire),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
