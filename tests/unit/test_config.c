/* Unit tests of core/engine/config.c and config_lua.c: defaults, typed keys, and
 * errors that name the key and the value. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static const char *write_conf(const char *src)
{
	static char path[128];
	snprintf(path, sizeof(path), "/tmp/herald-conf-%d.lua", (int)getpid());
	FILE *f = fopen(path, "w");
	fputs(src, f);
	fclose(f);
	return path;
}

static void test_defaults(void **state)
{
	(void)state;
	struct hr_config c;
	hr_config_defaults(&c);
	assert_string_equal(c.listen_host, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_int_equal(c.message_bytes, 16384);
	assert_int_equal(c.lua_call_ms, 50);
	assert_string_equal(c.intents_ranker, "sparse");
	hr_config_resolve(&c);
	char want[HR_PATH_MAX + 16];
	snprintf(want, sizeof(want), "%s/intents", c.content_dir);
	assert_string_equal(c.intents_dir, want);
}

static void test_file(void **state)
{
	(void)state;
	struct hr_config c;
	char err[512];
	hr_config_defaults(&c);
	const char *p = write_conf("listen = '[::1]:9000'\nlimits = { message_bytes = 8192 }\n"
	                           "sessions = { ttl_seconds = 60 }\nlog_level = 'debug'\n"
	                           "intents = { ranker = 'dense' }\n");
	assert_int_equal(hr_config_load_file(&c, p, err, sizeof(err)), 0);
	assert_string_equal(c.listen_host, "::1");
	assert_int_equal(c.listen_port, 9000);
	assert_int_equal(c.message_bytes, 8192);
	assert_int_equal(c.session_ttl_s, 60);
	assert_string_equal(c.log_level, "debug");
	assert_string_equal(c.intents_ranker, "dense");
}

static void bad(const char *src, const char *want)
{
	struct hr_config c;
	char err[512] = "";
	hr_config_defaults(&c);
	assert_int_not_equal(hr_config_load_file(&c, write_conf(src), err, sizeof(err)), 0);
	if (!strstr(err, want))
		fail_msg("config %s: expected error containing '%s', got '%s'", src, want, err);
}

static void test_errors_name_key_and_value(void **state)
{
	(void)state;
	bad("limits = { message_bytes = 1 }", "limits.message_bytes: 1 is out of range");
	bad("limits = { message_bytes = 'big' }", "limits.message_bytes: 'big' is not a whole number");
	bad("limits = { message_bytes = 1.5 }", "limits.message_bytes: 1.5 is not a whole number");
	bad("colour = 'blue'", "colour: unknown key");
	bad("listen = 'localhost'", "listen: 'localhost' is not HOST:PORT");
	bad("listen = '127.0.0.1:99999'", "listen: port '99999'");
	bad("log_level = 'loud'", "log_level: 'loud' is not one of");
	bad("intents = { ranker = 'knn' }", "intents.ranker: 'knn' is not one of dense, sparse");
	bad("listen = true", "listen: a boolean is not a valid value");
	bad("x = = 1", ":1:");
	bad("os.execute('true')", "attempt to index a nil value");
	bad("while true do end", "runs too long");
	struct hr_config c;
	char err[256];
	hr_config_defaults(&c);
	assert_int_not_equal(hr_config_load_file(&c, "/nonexistent/herald.lua", err, sizeof(err)), 0);
	assert_non_null(strstr(err, "/nonexistent/herald.lua"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_file),
	    cmocka_unit_test(test_errors_name_key_and_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
