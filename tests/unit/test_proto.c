/* Unit tests of core/proto.c: every kind of bad input, and the answer shape. */
#include "cmocka_prelude.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

static void bad_ws(const char *msg, enum hr_proto_code code, const char *id)
{
	struct hr_ask a;
	struct hr_proto_error e;
	assert_int_not_equal(hr_proto_parse_ws(msg, strlen(msg), 100, &a, &e), 0);
	if (e.code != code)
		fail_msg("%s: expected %s, got %s (%s)", msg, hr_proto_code_name(code), hr_proto_code_name(e.code),
			 e.message);
	if (id) {
		assert_true(e.has_id);
		assert_string_equal(e.id, id);
	} else {
		assert_false(e.has_id);
	}
	assert_null(a.text);
}

static void test_parse_ws_ok(void **state)
{
	(void)state;
	const char *msg = "{\"type\":\"ask\",\"id\":\"q1\",\"text\":\"what is HER2?\"}";
	struct hr_ask a;
	struct hr_proto_error e;
	assert_int_equal(hr_proto_parse_ws(msg, strlen(msg), 100, &a, &e), 0);
	assert_string_equal(a.id, "q1");
	assert_string_equal(a.text, "what is HER2?");
	assert_int_equal(a.text_len, 13);
	hr_ask_clear(&a);
}

static void test_parse_ws_bad(void **state)
{
	(void)state;
	bad_ws("not json", HR_E_BAD_JSON, NULL);
	bad_ws("", HR_E_BAD_JSON, NULL);
	bad_ws("[1,2]", HR_E_BAD_JSON, NULL);
	bad_ws("\"ask\"", HR_E_BAD_JSON, NULL);
	bad_ws("{\"type\":\"ask\",\"id\":\"a\",\"text\":\"x\"", HR_E_BAD_JSON, NULL);
	bad_ws("{\"type\":\"ask\",\"type\":\"ask\",\"id\":\"a\",\"text\":\"x\"}", HR_E_BAD_JSON, NULL);
	bad_ws("{\"id\":\"a\",\"text\":\"x\"}", HR_E_BAD_REQUEST, "a");
	bad_ws("{\"type\":7,\"id\":\"a\",\"text\":\"x\"}", HR_E_BAD_REQUEST, "a");
	bad_ws("{\"type\":\"hello\",\"id\":\"a\",\"text\":\"x\"}", HR_E_UNKNOWN_TYPE, "a");
	bad_ws("{\"type\":\"ask\",\"text\":\"x\"}", HR_E_BAD_REQUEST, NULL);
	bad_ws("{\"type\":\"ask\",\"id\":5,\"text\":\"x\"}", HR_E_BAD_REQUEST, NULL);
	bad_ws("{\"type\":\"ask\",\"id\":\"a\"}", HR_E_BAD_REQUEST, "a");
	bad_ws("{\"type\":\"ask\",\"id\":\"a\",\"text\":null}", HR_E_BAD_REQUEST, "a");
	bad_ws("{\"type\":\"ask\",\"id\":\"a\",\"text\":[\"x\"]}", HR_E_BAD_REQUEST, "a");
	bad_ws("{\"type\":\"ask\",\"id\":\"a\",\"text\":\"   \"}", HR_E_BAD_REQUEST, "a");
	/* jansson refuses NUL escapes outright: a bad_json, which is fine. */
	bad_ws("{\"type\":\"ask\",\"id\":\"a\",\"text\":\"a\\u0000b\"}", HR_E_BAD_JSON, NULL);
	char big[400];
	snprintf(big, sizeof(big), "{\"type\":\"ask\",\"id\":\"a\",\"text\":\"%0150d\"}", 0);
	bad_ws(big, HR_E_TOO_LARGE, "a");
	char bigid[400];
	snprintf(bigid, sizeof(bigid), "{\"type\":\"ask\",\"id\":\"%0200d\",\"text\":\"x\"}", 0);
	bad_ws(bigid, HR_E_TOO_LARGE, NULL);
}

static void test_parse_http(void **state)
{
	(void)state;
	struct hr_ask a;
	struct hr_proto_error e;
	const char *ok = "{\"text\":\"hello\",\"session\":\"s-1\"}";
	assert_int_equal(hr_proto_parse_http(ok, strlen(ok), 100, &a, &e), 0);
	assert_true(a.has_session);
	assert_string_equal(a.session, "s-1");
	hr_ask_clear(&a);
	const char *nosession = "{\"text\":\"hello\"}";
	assert_int_equal(hr_proto_parse_http(nosession, strlen(nosession), 100, &a, &e), 0);
	assert_false(a.has_session);
	hr_ask_clear(&a);
	const char *bad = "{\"text\":1}";
	assert_int_not_equal(hr_proto_parse_http(bad, strlen(bad), 100, &a, &e), 0);
	assert_int_equal(e.code, HR_E_BAD_REQUEST);
	assert_int_not_equal(hr_proto_parse_http("{", 1, 100, &a, &e), 0);
	assert_int_equal(e.code, HR_E_BAD_JSON);
}

static void test_answer_shape(void **state)
{
	(void)state;
	struct hr_answer a = { 0 };
	hr_answer_set(&a.intent, "testing.what_is_her2");
	hr_answer_set(&a.text, "HER2 is a protein.");
	hr_answer_set(&a.speech, "her two is a protein.");
	hr_answer_add_source(&a, "What is HER2?", "NCI", "https://www.cancer.gov/");
	hr_answer_add_source(&a, "No url", NULL, NULL);
	hr_answer_add_suggestion(&a, "What is HER2-low?");
	a.safety = HR_SAFETY_URGENT;
	size_t len;
	char *buf = hr_proto_answer(&a, "q\"1", NULL, 16, &len);
	assert_non_null(buf);
	json_error_t je;
	json_t *j = json_loadb(buf + 16, len, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "type")), "answer");
	assert_string_equal(json_string_value(json_object_get(j, "id")), "q\"1");
	assert_string_equal(json_string_value(json_object_get(j, "intent")), "testing.what_is_her2");
	assert_string_equal(json_string_value(json_object_get(j, "speech")), "her two is a protein.");
	assert_string_equal(json_string_value(json_object_get(j, "safety")), "urgent");
	json_t *src = json_object_get(j, "sources");
	assert_int_equal(json_array_size(src), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(src, 0), "url")), "https://www.cancer.gov/");
	assert_true(json_is_null(json_object_get(json_array_get(src, 1), "url")));
	assert_int_equal(json_array_size(json_object_get(j, "suggestions")), 1);
	json_decref(j);
	free(buf);

	a.safety = HR_SAFETY_NONE;
	buf = hr_proto_answer(&a, NULL, "sess", 0, &len);
	j = json_loadb(buf, len, 0, &je);
	assert_true(json_is_null(json_object_get(j, "safety")));
	assert_null(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "session")), "sess");
	json_decref(j);
	free(buf);
	hr_answer_clear(&a);
}

static void test_error_shape(void **state)
{
	(void)state;
	struct hr_proto_error e;
	hr_proto_error_set(&e, HR_E_TOO_LARGE, NULL, "too big");
	size_t len;
	char *buf = hr_proto_error(&e, 0, &len);
	assert_string_equal(buf, "{\"type\":\"error\",\"id\":null,\"code\":\"too_large\",\"message\":\"too big\"}");
	free(buf);
	hr_proto_error_set(&e, HR_E_BAD_JSON, "x", "bad");
	buf = hr_proto_error(&e, 0, &len);
	assert_string_equal(buf, "{\"type\":\"error\",\"id\":\"x\",\"code\":\"bad_json\",\"message\":\"bad\"}");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ws_ok),  cmocka_unit_test(test_parse_ws_bad),
		cmocka_unit_test(test_parse_http),   cmocka_unit_test(test_answer_shape),
		cmocka_unit_test(test_error_shape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
