/*
 * Fuzzes the wire protocol: whatever a client sends as a WebSocket message or
 * an HTTP body must parse into a question or a clean error, never a crash or
 * a leak; and whatever text reaches an answer must serialise into valid JSON.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(char *buf, size_t headroom, size_t len)
{
	if (!buf)
		return;
	json_error_t jerr;
	json_t *j = json_loadb(buf + headroom, len, 0, &jerr);
	if (!j)
		abort(); /* herald wrote JSON it cannot read back */
	json_decref(j);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct hr_ask ask;
	struct hr_ws_msg m;
	struct hr_proto_error err;
	size_t limits[] = {64, 4096};
	for (size_t i = 0; i < 2; i++) {
		int type = hr_proto_parse_ws(buf, size, limits[i], &m, &err);
		if (type == HR_MSG_ASK) {
			if (!m.ask.text || m.ask.text_len > limits[i])
				abort();
			hr_ws_msg_clear(&m);
		} else if (type > 0) {
			if (m.ask.text || !m.audio.id[0])
				abort();
		} else {
			size_t len = 0;
			char *json = hr_proto_error(&err, 16, &len);
			check_json(json, 16, len);
		}
		if (hr_proto_parse_http(buf, size, limits[i], &ask, &err) == 0)
			hr_ask_clear(&ask);
	}

	/* The input as every string of an answer, including invalid UTF-8. */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct hr_answer a = {0};
	hr_answer_set(&a.intent, "fuzz.intent");
	hr_answer_set(&a.text, s);
	hr_answer_set(&a.speech, s);
	hr_answer_add_source(&a, s, size & 1 ? s : NULL, size & 2 ? s : NULL);
	hr_answer_add_suggestion(&a, s);
	a.safety = (enum hr_safety_level)(size % 3);
	size_t len = 0;
	char *json = hr_proto_answer_with_context(&a, size & 4 ? s : "id", size & 8 ? s : NULL,
	                                          size & 16 ? s : NULL, 16, &len);
	check_json(json, 16, len);
	hr_answer_clear(&a);
	free(s);
	return 0;
}
