/* Unit tests of core/engine/access.c: origins, bearer tokens, rate buckets,
 * the address allow-list. */
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

static void test_addresses(void **state)
{
	(void)state;
	assert_true(hr_access_address_allowed("127.0.0.1", ""));
	assert_true(hr_access_address_allowed("127.5.6.7", NULL));
	assert_true(hr_access_address_allowed("::1", ""));
	assert_true(hr_access_address_allowed("::ffff:127.0.0.1", ""));
	assert_false(hr_access_address_allowed("10.1.2.3", ""));
	assert_false(hr_access_address_allowed("", "10.0.0.0/8"));
	assert_false(hr_access_address_allowed("not an address", "10.0.0.0/8"));
	assert_true(hr_access_address_allowed("10.1.2.3", "10.0.0.0/8"));
	assert_true(hr_access_address_allowed("::ffff:10.1.2.3", "192.168.0.0/16, 10.0.0.0/8"));
	assert_false(hr_access_address_allowed("11.1.2.3", "10.0.0.0/8"));
	assert_true(hr_access_address_allowed("192.168.1.7", " 192.168.1.7 "));
	assert_false(hr_access_address_allowed("192.168.1.8", "192.168.1.7"));
	assert_true(hr_access_address_allowed("192.168.1.200", "192.168.1.128/25"));
	assert_false(hr_access_address_allowed("192.168.1.100", "192.168.1.128/25"));
	assert_true(hr_access_address_allowed("fd00::5", "fd00::/8"));
	assert_false(hr_access_address_allowed("fe80::5", "fd00::/8"));
	assert_true(hr_access_address_allowed("203.0.113.9", "0.0.0.0/0"));
	/* Broken entries match nothing rather than everything. */
	assert_false(hr_access_address_allowed("10.1.2.3", "10.0.0.0/x, 10.0.0.0/99, garbage"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_origins),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_bucket),
	    cmocka_unit_test(test_addresses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
