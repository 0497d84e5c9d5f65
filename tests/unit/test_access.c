/* Unit tests of core/engine/access.c: origins, bearer tokens, rate buckets,
 * the address allow-list. */
#include "cmocka_prelude.h"

#include <string.h>

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

/* http.trusted_proxies: forwarding headers count only from a trusted peer,
 * and are read from the right, so a client cannot choose its address. */
static void test_client_address(void **state)
{
	(void)state;
	char out[64];
	const char *lb = "10.0.0.0/8, 127.0.0.1";
	/* No trusted proxies: the headers are ignored. */
	hr_access_client_address("127.0.0.1", "203.0.113.7", NULL, "", out, sizeof(out));
	assert_string_equal(out, "127.0.0.1");
	/* A peer that is not a proxy cannot claim another address. */
	hr_access_client_address("198.51.100.2", "203.0.113.7", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "198.51.100.2");
	/* From the proxy: the address it appended. */
	hr_access_client_address("10.1.1.1", "203.0.113.7", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.7");
	/* A client that sent its own X-Forwarded-For: the proxy's entry wins. */
	hr_access_client_address("10.1.1.1", "1.2.3.4, 203.0.113.7", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.7");
	/* Two proxies of ours in a row: the first address that is not one. */
	hr_access_client_address("127.0.0.1", "1.2.3.4,203.0.113.7 , 10.9.9.9", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.7");
	/* Only proxies: the leftmost. */
	hr_access_client_address("127.0.0.1", "10.2.2.2, 10.9.9.9", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "10.2.2.2");
	/* Garbage from a trusted hop: the last trusted address stands. */
	hr_access_client_address("10.1.1.1", "203.0.113.7, unknown", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "10.1.1.1");
	/* IPv4-mapped forms are written as IPv4, so one client counts once. */
	hr_access_client_address("::ffff:10.1.1.1", "::ffff:203.0.113.7", NULL, lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.7");
	/* Forwarded (RFC 7239), used when there is no X-Forwarded-For. */
	hr_access_client_address("10.1.1.1", NULL, "for=1.2.3.4, for=\"[2001:db8::1]:4711\";proto=https", lb,
	                         out, sizeof(out));
	assert_string_equal(out, "2001:db8::1");
	hr_access_client_address("10.1.1.1", "", "proto=http;for=192.0.2.60:8080", lb, out, sizeof(out));
	assert_string_equal(out, "192.0.2.60");
	hr_access_client_address("10.1.1.1", "203.0.113.7", "for=192.0.2.60", lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.7");
	/* Neither header: the proxy itself. */
	hr_access_client_address("10.1.1.1", NULL, NULL, lb, out, sizeof(out));
	assert_string_equal(out, "10.1.1.1");
	/* A chain longer than herald keeps: the rightmost hops decide. */
	char chain[2048] = "";
	for (int i = 0; i < 60; i++)
		strcat(chain, "10.3.3.3, ");
	strcat(chain, "203.0.113.9");
	hr_access_client_address("10.1.1.1", chain, NULL, lb, out, sizeof(out));
	assert_string_equal(out, "203.0.113.9");
	assert_true(hr_access_address_in("10.4.4.4", lb));
	assert_false(hr_access_address_in("127.0.0.2", lb)); /* no loopback default */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_origins),        cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_bucket),         cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_client_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
