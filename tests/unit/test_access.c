/* Unit tests of core/access.c: origins, bearer tokens, rate buckets. */
#include "cmocka_prelude.h"

#include "access.h"

static void test_origins(void **state)
{
	(void)state;
	assert_true(hr_access_origin_allowed(NULL, "h:1", ""));
	assert_true(hr_access_origin_allowed("", "h:1", ""));
	assert_true(hr_access_origin_allowed("http://localhost:3000", "h:1", ""));
	assert_true(hr_access_origin_allowed("http://127.0.0.1", "h:1", ""));
	assert_true(hr_access_origin_allowed("http://[::1]:8080", "h:1", ""));
	assert_true(hr_access_origin_allowed("https://portal.example.org", "portal.example.org", ""));
	assert_false(hr_access_origin_allowed("https://evil.example", "portal.example.org", ""));
	assert_false(hr_access_origin_allowed("https://localhost.evil.example", "h", ""));
	assert_true(
	    hr_access_origin_allowed("https://a.example", "h", "https://b.example, https://a.example"));
	assert_false(hr_access_origin_allowed("http://a.example", "h", "https://a.example"));
	assert_false(hr_access_origin_allowed("https://a.example.evil", "h", "https://a.example"));
	assert_true(hr_access_origin_allowed("https://anything", "h", "*"));
}

static void test_tokens(void **state)
{
	(void)state;
	assert_true(hr_access_token_ok(NULL, ""));
	assert_true(hr_access_token_ok("Bearer s3cret", "other, s3cret"));
	assert_true(hr_access_token_ok("bearer s3cret", "s3cret"));
	assert_false(hr_access_token_ok("Bearer s3cre", "s3cret"));
	assert_false(hr_access_token_ok("Bearer s3cretX", "s3cret"));
	assert_false(hr_access_token_ok("Basic s3cret", "s3cret"));
	assert_false(hr_access_token_ok(NULL, "s3cret"));
	assert_false(hr_access_token_ok("Bearer ", "s3cret"));
}

static void test_bucket(void **state)
{
	(void)state;
	struct hr_bucket b = {0};
	int taken = 0;
	for (int i = 0; i < 10; i++)
		taken += hr_bucket_take(&b, 1.0, 3.0, 1000);
	assert_int_equal(taken, 3);
	assert_false(hr_bucket_take(&b, 1.0, 3.0, 1500));
	assert_true(hr_bucket_take(&b, 1.0, 3.0, 2100));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_origins),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_bucket),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
