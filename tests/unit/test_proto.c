/* Unit tests of core/engine/proto.c: every kind of bad input, and the answer shape. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "convo.h"
#include "proto.h"

/* hr_proto_parse_ws for a message that must be a question: 0 with A filled
 * (the caller frees it), or what the parser returned. A is cleared on error. */
static int parse_ask(const char *msg, size_t len, size_t max_text, struct hr_ask *a, struct hr_proto_error *e)
{
	struct hr_ws_msg m;
	int rc = hr_proto_parse_ws(msg, len, max_text, &m, e);
	*a = m.ask;
	if (rc == HR_MSG_ASK)
		return 0;
	if (rc > 0)
		hr_ws_msg_clear(&m);
	return rc ? rc : -1;
}

static void bad_ws(const char *msg, enum hr_proto_code code, const char *id)
{
	struct hr_ask a;
	struct hr_proto_error e;
	assert_int_not_equal(parse_ask(msg, strlen(msg), 100, &a, &e), 0);
	if (e.code != code)
		fail_msg("%s: expected %s, got %s (%s)", msg, hr_proto_code_name(code),
		         hr_proto_code_name(e.code), e.message);
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
	assert_int_equal(parse_ask(msg, strlen(msg), 100, &a, &e), 0);
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

/* "context" is optional; a string is kept as sent (malformed ones are the
 * server's to ignore), another type or an over-long one is refused without
 * quoting it. */
static void test_parse_context(void **state)
{
	(void)state;
	struct hr_ask a;
	struct hr_proto_error e;
	const char *ok = "{\"text\":\"hello\",\"session\":\"s-1\",\"context\":\"1.BGRydWc\"}";
	assert_int_equal(hr_proto_parse_http(ok, strlen(ok), 100, &a, &e), 0);
	assert_string_equal(a.context, "1.BGRydWc");
	assert_int_equal(a.context_len, 9);
	hr_ask_clear(&a);
	assert_null(a.context);
	const char *none[] = {"{\"text\":\"hi\"}", "{\"text\":\"hi\",\"context\":null}",
	                      "{\"text\":\"hi\",\"context\":\"\"}"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(hr_proto_parse_http(none[i], strlen(none[i]), 100, &a, &e), 0);
		assert_null(a.context);
		assert_int_equal(a.context_len, 0);
		hr_ask_clear(&a);
	}
	/* Malformed but a string: parsed, for the server to ignore. */
	const char *junk = "{\"text\":\"hi\",\"context\":\"2.zz \\n<script>\"}";
	assert_int_equal(hr_proto_parse_http(junk, strlen(junk), 100, &a, &e), 0);
	assert_string_equal(a.context, "2.zz \n<script>");
	hr_ask_clear(&a);
	const char *types[] = {"{\"text\":\"hi\",\"context\":5}", "{\"text\":\"hi\",\"context\":{\"a\":1}}",
	                       "{\"text\":\"hi\",\"context\":[\"1.AAA\"]}",
	                       "{\"text\":\"hi\",\"context\":true}"};
	for (size_t i = 0; i < 4; i++) {
		assert_int_not_equal(hr_proto_parse_http(types[i], strlen(types[i]), 100, &a, &e), 0);
		assert_int_equal(e.code, HR_E_BAD_REQUEST);
		assert_non_null(strstr(e.message, "context"));
		assert_null(a.text);
		assert_null(a.context);
	}

	/* The limit is HR_CONVO_CONTEXT_MAX bytes, whatever the content. */
	char msg[HR_CONVO_CONTEXT_MAX + 200];
	int n =
	    snprintf(msg, sizeof(msg), "{\"type\":\"ask\",\"id\":\"w\",\"text\":\"hi\",\"context\":\"%0*d\"}",
	             HR_CONVO_CONTEXT_MAX, 7);
	assert_true(n > 0 && (size_t)n < sizeof(msg));
	assert_int_equal(parse_ask(msg, strlen(msg), 100, &a, &e), 0);
	assert_int_equal(a.context_len, HR_CONVO_CONTEXT_MAX);
	hr_ask_clear(&a);
	snprintf(msg, sizeof(msg), "{\"type\":\"ask\",\"id\":\"w\",\"text\":\"hi\",\"context\":\"%0*d\"}",
	         HR_CONVO_CONTEXT_MAX + 1, 7);
	bad_ws(msg, HR_E_TOO_LARGE, "w");
	assert_int_not_equal(parse_ask(msg, strlen(msg), 100, &a, &e), 0);
	assert_null(a.context);
	assert_null(strstr(e.message, "0000"));
	snprintf(msg, sizeof(msg), "{\"text\":\"hi\",\"context\":\"%0*d\"}", HR_CONVO_CONTEXT_MAX + 1, 7);
	assert_int_not_equal(hr_proto_parse_http(msg, strlen(msg), 100, &a, &e), 0);
	assert_int_equal(e.code, HR_E_TOO_LARGE);
	bad_ws("{\"type\":\"ask\",\"id\":\"w\",\"text\":\"hi\",\"context\":7}", HR_E_BAD_REQUEST, "w");
}

/* audio_start and audio_end are parsed with the questions, once; their
 * errors are the voice path's (docs/protocol.md, "Voice"). */
static void bad_audio(const char *msg, enum hr_proto_code code, const char *id)
{
	struct hr_ws_msg m;
	struct hr_proto_error e;
	assert_int_equal(hr_proto_parse_ws(msg, strlen(msg), 100, &m, &e), -EINVAL);
	if (e.code != code)
		fail_msg("%s: expected %s, got %s (%s)", msg, hr_proto_code_name(code),
		         hr_proto_code_name(e.code), e.message);
	if (id) {
		assert_true(e.has_id);
		assert_string_equal(e.id, id);
	} else {
		assert_false(e.has_id);
	}
	assert_null(m.ask.text);
}

static void test_parse_ws_audio(void **state)
{
	(void)state;
	struct hr_ws_msg m;
	struct hr_proto_error e;
	const char *start =
	    "{\"type\":\"audio_start\",\"id\":\"a1\",\"format\":\"pcm_s16le\",\"rate\":16000}";
	assert_int_equal(hr_proto_parse_ws(start, strlen(start), 100, &m, &e), HR_MSG_AUDIO_START);
	assert_int_equal(m.type, HR_MSG_AUDIO_START);
	assert_string_equal(m.audio.id, "a1");
	assert_int_equal(m.audio.rate, 16000);
	assert_null(m.ask.text);
	hr_ws_msg_clear(&m);
	const char *norate = "{\"type\":\"audio_start\",\"id\":\"a1\",\"rate\":8000}";
	assert_int_equal(hr_proto_parse_ws(norate, strlen(norate), 100, &m, &e), HR_MSG_AUDIO_START);
	assert_int_equal(m.audio.rate, 8000);
	const char *plain = "{\"type\":\"audio_start\",\"id\":\"a1\"}";
	assert_int_equal(hr_proto_parse_ws(plain, strlen(plain), 100, &m, &e), HR_MSG_AUDIO_START);
	assert_int_equal(m.audio.rate, 16000);
	assert_false(m.audio.parts);
	const char *parts = "{\"type\":\"audio_start\",\"id\":\"a1\",\"parts\":true}";
	assert_int_equal(hr_proto_parse_ws(parts, strlen(parts), 100, &m, &e), HR_MSG_AUDIO_START);
	assert_true(m.audio.parts);
	const char *end = "{\"type\":\"audio_end\",\"id\":\"a1\"}";
	assert_int_equal(hr_proto_parse_ws(end, strlen(end), 100, &m, &e), HR_MSG_AUDIO_END);
	assert_string_equal(m.audio.id, "a1");
	const char *ask = "{\"type\":\"ask\",\"id\":\"a1\",\"text\":\"hi\"}";
	assert_int_equal(hr_proto_parse_ws(ask, strlen(ask), 100, &m, &e), HR_MSG_ASK);
	assert_string_equal(m.ask.text, "hi");
	hr_ws_msg_clear(&m);
	assert_null(m.ask.text);

	bad_audio("{\"type\":\"audio_start\",\"id\":\"a2\",\"format\":\"mp3\"}", HR_E_BAD_REQUEST, "a2");
	bad_audio("{\"type\":\"audio_start\",\"id\":\"a3\",\"rate\":\"fast\"}", HR_E_BAD_REQUEST, "a3");
	bad_audio("{\"type\":\"audio_start\",\"id\":\"a3\",\"rate\":96000}", HR_E_BAD_REQUEST, "a3");
	bad_audio("{\"type\":\"audio_start\",\"id\":\"a4\",\"parts\":1}", HR_E_BAD_REQUEST, "a4");
	/* An audio message's id must be a non-empty string; the error carries none. */
	bad_audio("{\"type\":\"audio_end\"}", HR_E_BAD_REQUEST, NULL);
	bad_audio("{\"type\":\"audio_end\",\"id\":\"\"}", HR_E_BAD_REQUEST, NULL);
	bad_audio("{\"type\":\"audio_start\",\"id\":5}", HR_E_BAD_REQUEST, NULL);
	char msg[300];
	snprintf(msg, sizeof(msg), "{\"type\":\"audio_end\",\"id\":\"%0*d\"}", HR_ID_MAX + 1, 1);
	bad_audio(msg, HR_E_TOO_LARGE, NULL);
	/* Not JSON, or a duplicate key, is bad_json whatever the type. */
	bad_audio("{\"type\":\"audio_end\",\"id\":\"a\",\"id\":\"b\"}", HR_E_BAD_JSON, NULL);
	bad_audio("{\"type\":\"audio_end\"", HR_E_BAD_JSON, NULL);
}

static void test_answer_shape(void **state)
{
	(void)state;
	struct hr_answer a = {0};
	hr_answer_set(&a.intent, "testing.what_is_her2");
	hr_answer_set(&a.text, "HER2 is a protein.");
	hr_answer_set(&a.speech, "her two is a protein.");
	hr_answer_add_source(&a, "What is HER2?", "NCI", "https://www.cancer.gov/");
	hr_answer_add_source(&a, "No url", NULL, NULL);
	hr_answer_add_suggestion(&a, "What is HER2-low?");
	a.safety = HR_SAFETY_URGENT;
	a.tier = "call_now";
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
	/* The tier by name, beside the older "safety" (docs/protocol.md). */
	assert_string_equal(json_string_value(json_object_get(j, "tier")), "call_now");
	json_t *src = json_object_get(j, "sources");
	assert_int_equal(json_array_size(src), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(src, 0), "url")),
	                    "https://www.cancer.gov/");
	assert_true(json_is_null(json_object_get(json_array_get(src, 1), "url")));
	assert_int_equal(json_array_size(json_object_get(j, "suggestions")), 1);
	json_decref(j);
	free(buf);

	a.safety = HR_SAFETY_NONE;
	a.tier = NULL;
	buf = hr_proto_answer(&a, NULL, "sess", 0, &len);
	j = json_loadb(buf, len, 0, &je);
	assert_true(json_is_null(json_object_get(j, "safety")));
	assert_true(json_is_null(json_object_get(j, "tier")));
	/* The learned check's field: always there, null unless it added its line. */
	assert_true(json_is_null(json_object_get(j, "concern")));
	assert_null(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "session")), "sess");
	json_decref(j);
	free(buf);
	a.concern = "crisis";
	buf = hr_proto_answer(&a, NULL, NULL, 0, &len);
	j = json_loadb(buf, len, 0, &je);
	assert_string_equal(json_string_value(json_object_get(j, "concern")), "crisis");
	assert_true(json_is_null(json_object_get(j, "safety")));
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
	assert_string_equal(
	    buf, "{\"type\":\"error\",\"id\":null,\"code\":\"too_large\",\"message\":\"too big\"}");
	free(buf);
	hr_proto_error_set(&e, HR_E_BAD_JSON, "x", "bad");
	buf = hr_proto_error(&e, 0, &len);
	assert_string_equal(buf,
	                    "{\"type\":\"error\",\"id\":\"x\",\"code\":\"bad_json\",\"message\":\"bad\"}");
	free(buf);
}

/* jansson's string, or NULL when it refuses S (not UTF-8), as the writer must mirror. */
static json_t *js(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Answers are written without jansson, so they must be byte for byte what
 * jansson's compact dump of the same object is: escapes, and a field or
 * suggestion that is not valid UTF-8 left out. */
static void test_answer_bytes_match_jansson(void **state)
{
	(void)state;
	struct hr_answer a = {0};
	assert_int_equal(hr_answer_set(&a.intent, "drug.about"), 0);
	assert_int_equal(
	    hr_answer_set(&a.text,
	                  "tab\t \"q\" back\\slash \x01\x1f nl\n cr\r caf\xc3\xa9 \xe2\x80\x94 \x7f /"),
	    0);
	assert_int_equal(hr_answer_set(&a.speech, "not \xff UTF-8"), 0);
	assert_int_equal(hr_answer_add_source(&a, "Title", "Publisher", NULL), 0);
	assert_int_equal(hr_answer_add_source(&a, "T\xc3", NULL, "https://example.org/\"x\""), 0);
	assert_int_equal(hr_answer_add_suggestion(&a, "What is HER2?"), 0);
	assert_int_equal(hr_answer_add_suggestion(&a, "bad \xc0"), 0);
	assert_int_equal(hr_answer_add_suggestion(&a, "\xe2\x80\x9cquoted\xe2\x80\x9d"), 0);
	a.safety = HR_SAFETY_URGENT;
	a.tier = "emergency";
	for (int variant = 0; variant < 3; variant++) {
		const char *id = variant == 1 ? NULL : "q\"1", *session = variant == 1 ? "s/1" : NULL;
		const char *context = variant == 2 ? "1.CmRydWcuYWJvdXQCBGRydWcFdF9keGQ" : NULL;
		json_t *root = json_object(), *sources = json_array(), *sugg = json_array();
		json_object_set_new(root, "type", json_string("answer"));
		if (id)
			json_object_set_new(root, "id", json_string(id));
		if (session)
			json_object_set_new(root, "session", json_string(session));
		json_object_set_new(root, "intent", json_string(a.intent));
		json_object_set_new(root, "text", json_string(a.text));
		json_object_set_new(root, "speech", json_string(a.speech));
		for (size_t i = 0; i < a.nsources; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "title", json_string(a.sources[i].title));
			json_object_set_new(o, "publisher", js(a.sources[i].publisher));
			json_object_set_new(o, "url", js(a.sources[i].url));
			json_array_append_new(sources, o);
		}
		for (size_t i = 0; i < a.nsuggestions; i++)
			json_array_append_new(sugg, json_string(a.suggestions[i]));
		json_object_set_new(root, "sources", sources);
		json_object_set_new(root, "suggestions", sugg);
		json_object_set_new(root, "safety", json_string("urgent"));
		json_object_set_new(root, "kind", json_string("answer"));
		json_object_set_new(root, "tier", json_string("emergency"));
		json_object_set_new(root, "concern", json_null());
		if (context)
			json_object_set_new(root, "context", json_string(context));
		char *want = json_dumps(root, JSON_COMPACT);
		size_t len;
		char *buf = context ? hr_proto_answer_with_context(&a, id, session, context, 8, &len)
		                    : hr_proto_answer(&a, id, session, 8, &len);
		assert_non_null(buf);
		assert_int_equal(len, strlen(want));
		assert_string_equal(buf + 8, want);
		free(buf);
		free(want);
		json_decref(root);
	}
	hr_answer_clear(&a);
}

/* The writer skips plain runs eight bytes at a time: every special byte
 * (quote, backslash, control characters, UTF-8 sequences, invalid bytes) at
 * every position of strings of 0 to 40 bytes, as text, as a source's url and
 * as a suggestion, must still give jansson's bytes. */
static void test_answer_strings_match_jansson_everywhere(void **state)
{
	(void)state;
	static const char *const specials[] = {
	    "\"",   "\\",   "\x01",     "\x1f",         "\n",
	    "\t",   "\x7f", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
	    "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "/",
	    " ",
	};
	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++) {
		for (size_t len = 0; len <= 40; len++) {
			for (size_t at = 0; at <= len; at++) {
				char text[64];
				size_t n = 0;
				for (size_t i = 0; i < at; i++)
					text[n++] = (char)('a' + i % 26);
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%s", specials[k]);
				for (size_t i = at; i < len; i++)
					text[n++] = (char)('A' + i % 26);
				text[n] = '\0';
				struct hr_answer a = {0};
				assert_int_equal(hr_answer_set(&a.intent, "x"), 0);
				assert_int_equal(hr_answer_set(&a.text, text), 0);
				assert_int_equal(hr_answer_add_source(&a, "T", NULL, text), 0);
				assert_int_equal(hr_answer_add_suggestion(&a, text), 0);
				assert_int_equal(hr_answer_add_suggestion(&a, "next"), 0);
				json_t *root = json_object(), *sources = json_array(), *sugg = json_array();
				json_t *src = json_object();
				json_object_set_new(root, "type", json_string("answer"));
				json_object_set_new(root, "intent", json_string("x"));
				json_t *t = json_string(text);
				if (t)
					json_object_set_new(root, "text", t);
				t = json_string(text);
				if (t)
					json_object_set_new(root, "speech", t);
				json_object_set_new(src, "title", json_string("T"));
				json_object_set_new(src, "publisher", json_null());
				t = json_string(text);
				if (t)
					json_object_set_new(src, "url", t);
				json_array_append_new(sources, src);
				t = json_string(text);
				if (t)
					json_array_append_new(sugg, t);
				json_array_append_new(sugg, json_string("next"));
				json_object_set_new(root, "sources", sources);
				json_object_set_new(root, "suggestions", sugg);
				json_object_set_new(root, "safety", json_null());
				json_object_set_new(root, "kind", json_string("answer"));
				json_object_set_new(root, "tier", json_null());
				json_object_set_new(root, "concern", json_null());
				char *want = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
				size_t olen;
				char *buf = hr_proto_answer(&a, NULL, NULL, 4, &olen);
				assert_non_null(buf);
				assert_string_equal(buf + 4, want);
				assert_int_equal(olen, strlen(want));
				free(buf);
				free(want);
				json_decref(root);
				hr_answer_clear(&a);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_ws_ok),
	    cmocka_unit_test(test_parse_ws_bad),
	    cmocka_unit_test(test_parse_http),
	    cmocka_unit_test(test_answer_shape),
	    cmocka_unit_test(test_error_shape),
	    cmocka_unit_test(test_answer_bytes_match_jansson),
	    cmocka_unit_test(test_answer_strings_match_jansson_everywhere),
	    cmocka_unit_test(test_parse_context),
	    cmocka_unit_test(test_parse_ws_audio),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
