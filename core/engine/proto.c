#include "proto.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convo.h"
#include "text.h"
#include "util.h"

const char *hr_proto_code_name(enum hr_proto_code c)
{
	switch (c) {
	case HR_E_BAD_JSON:
		return "bad_json";
	case HR_E_BAD_REQUEST:
		return "bad_request";
	case HR_E_TOO_LARGE:
		return "too_large";
	case HR_E_UNKNOWN_TYPE:
		return "unknown_type";
	case HR_E_UNSUPPORTED:
		return "unsupported";
	case HR_E_RATE_LIMITED:
		return "rate_limited";
	case HR_E_INTERNAL:
		return "internal";
	case HR_E_SHUTTING_DOWN:
		return "shutting_down";
	default:
		return "none";
	}
}

void hr_proto_error_set(struct hr_proto_error *e, enum hr_proto_code code, const char *id,
                        const char *message)
{
	e->code = code;
	snprintf(e->message, sizeof(e->message), "%s", message);
	e->has_id = id != NULL;
	snprintf(e->id, sizeof(e->id), "%s", id ? id : "");
}

void hr_ask_clear(struct hr_ask *a)
{
	free(a->text);
	free(a->context);
	memset(a, 0, sizeof(*a));
}

/* Reads an optional short string field (id, session): absent is fine, any other
 * type or an over-long value is an error. */
static int short_string(json_t *obj, const char *name, char *dst, int *has, struct hr_proto_error *err)
{
	json_t *v = json_object_get(obj, name);
	*has = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		char msg[96];
		snprintf(msg, sizeof(msg), "\"%s\" must be a string", name);
		hr_proto_error_set(err, HR_E_BAD_REQUEST, NULL, msg);
		return -EINVAL;
	}
	size_t len = json_string_length(v);
	if (len > HR_ID_MAX || strlen(json_string_value(v)) != len) {
		char msg[96];
		snprintf(msg, sizeof(msg), "\"%s\" must be at most %d bytes", name, HR_ID_MAX);
		hr_proto_error_set(err, HR_E_TOO_LARGE, NULL, msg);
		return -EINVAL;
	}
	memcpy(dst, json_string_value(v), len + 1);
	*has = 1;
	return 0;
}

static int take_text(json_t *obj, size_t max_text, struct hr_ask *out, struct hr_proto_error *err)
{
	const char *id = out->has_id ? out->id : NULL;
	json_t *v = json_object_get(obj, "text");
	if (!v) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, id, "\"text\" is required");
		return -EINVAL;
	}
	if (!json_is_string(v)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, id, "\"text\" must be a string");
		return -EINVAL;
	}
	size_t len = json_string_length(v);
	const char *s = json_string_value(v);
	if (len > max_text) {
		char msg[96];
		snprintf(msg, sizeof(msg), "\"text\" must be at most %zu bytes", max_text);
		hr_proto_error_set(err, HR_E_TOO_LARGE, id, msg);
		return -EINVAL;
	}
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i == len || strlen(s) != len) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, id,
		                   i == len ? "\"text\" is empty"
		                            : "\"text\" must not contain NUL characters");
		return -EINVAL;
	}
	out->text = malloc(len + 1);
	if (!out->text) {
		hr_proto_error_set(err, HR_E_INTERNAL, id, "out of memory");
		return -ENOMEM;
	}
	memcpy(out->text, s, len + 1);
	out->text_len = len;
	return 0;
}

/*
 * Reads the optional "context" field: absent, null or "" is no context; any
 * other type, or a string over HR_CONVO_CONTEXT_MAX, is an error (a client
 * bug, like an over-long session). The string itself is kept undecoded: a
 * malformed one is the server's to ignore, not a reason to refuse the
 * question (docs/protocol.md). Error messages never quote it.
 */
static int take_context(json_t *obj, struct hr_ask *out, struct hr_proto_error *err)
{
	const char *id = out->has_id ? out->id : NULL;
	json_t *v = json_object_get(obj, "context");
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, id,
		                   "\"context\" must be the string from an earlier answer");
		return -EINVAL;
	}
	size_t len = json_string_length(v);
	if (len > HR_CONVO_CONTEXT_MAX) {
		char msg[96];
		snprintf(msg, sizeof(msg), "\"context\" must be at most %d bytes", HR_CONVO_CONTEXT_MAX);
		hr_proto_error_set(err, HR_E_TOO_LARGE, id, msg);
		return -EINVAL;
	}
	if (len == 0)
		return 0;
	out->context = malloc(len + 1);
	if (!out->context) {
		hr_proto_error_set(err, HR_E_INTERNAL, id, "out of memory");
		return -ENOMEM;
	}
	memcpy(out->context, json_string_value(v), len + 1);
	out->context_len = len;
	return 0;
}

static json_t *parse_object(const char *buf, size_t len, struct hr_proto_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char msg[160];
		snprintf(msg, sizeof(msg), "not valid JSON: %.100s (at byte %d)", je.text, je.position);
		hr_proto_error_set(err, HR_E_BAD_JSON, NULL, msg);
		return NULL;
	}
	if (!json_is_object(root)) {
		hr_proto_error_set(err, HR_E_BAD_JSON, NULL, "the message must be a JSON object");
		json_decref(root);
		return NULL;
	}
	return root;
}

/*
 * The voice path's control messages. The checks and their wording are the
 * voice path's own (docs/protocol.md, "Voice"): an id must be a non-empty
 * string, and the errors about it carry no id.
 */
static int take_audio(json_t *root, enum hr_msg_type type, struct hr_audio_msg *out,
                      struct hr_proto_error *err)
{
	json_t *id = json_object_get(root, "id");
	const char *ids = json_string_value(id);
	if (!ids || !*ids) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, NULL, "\"id\" is required and must be a string");
		return -EINVAL;
	}
	if (json_string_length(id) > HR_ID_MAX || strlen(ids) != json_string_length(id)) {
		hr_proto_error_set(err, HR_E_TOO_LARGE, NULL, "\"id\" must be at most 128 bytes");
		return -EINVAL;
	}
	snprintf(out->id, sizeof(out->id), "%s", ids);
	if (type == HR_MSG_AUDIO_END)
		return 0;
	json_t *fmt = json_object_get(root, "format");
	if (fmt && !(json_is_string(fmt) && strcmp(json_string_value(fmt), "pcm_s16le") == 0)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, out->id,
		                   "\"format\" must be \"pcm_s16le\" (16-bit little-endian mono PCM)");
		return -EINVAL;
	}
	json_t *rate = json_object_get(root, "rate");
	json_int_t r = rate ? (json_is_integer(rate) ? json_integer_value(rate) : -1) : 16000;
	if (r < 8000 || r > 48000) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, out->id,
		                   "\"rate\" must be a whole number from 8000 to 48000");
		return -EINVAL;
	}
	out->rate = (unsigned)r;
	json_t *parts = json_object_get(root, "parts");
	if (parts && !json_is_boolean(parts)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, out->id, "\"parts\" must be true or false");
		return -EINVAL;
	}
	out->parts = parts && json_is_true(parts);
	return 0;
}

static int take_ask(json_t *root, size_t max_text, struct hr_ask *out, struct hr_proto_error *err)
{
	int rc = -EINVAL;
	if (short_string(root, "id", out->id, &out->has_id, err))
		goto out;
	const char *id = out->has_id ? out->id : NULL;
	json_t *type = json_object_get(root, "type");
	if (!json_is_string(type)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, id, "\"type\" is required and must be a string");
		goto out;
	}
	if (strcmp(json_string_value(type), "ask") != 0) {
		hr_proto_error_set(err, HR_E_UNKNOWN_TYPE, id,
		                   "\"type\" must be \"ask\", \"audio_start\" or \"audio_end\"");
		goto out;
	}
	if (!out->has_id) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, NULL, "\"id\" is required and must be a string");
		goto out;
	}
	rc = take_text(root, max_text, out, err);
	if (!rc)
		rc = take_context(root, out, err);
out:
	if (rc) {
		/* Keep the id for the error reply, drop the rest. */
		free(out->text);
		out->text = NULL;
		free(out->context);
		out->context = NULL;
		out->context_len = 0;
		if (out->has_id && !err->has_id) {
			err->has_id = 1;
			snprintf(err->id, sizeof(err->id), "%s", out->id);
		}
	}
	return rc;
}

int hr_proto_parse_ws(const char *buf, size_t len, size_t max_text, struct hr_ws_msg *out,
                      struct hr_proto_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	json_t *root = parse_object(buf, len, err);
	if (!root)
		return -EINVAL;
	const char *type = json_string_value(json_object_get(root, "type"));
	if (type && strcmp(type, "audio_start") == 0)
		out->type = HR_MSG_AUDIO_START;
	else if (type && strcmp(type, "audio_end") == 0)
		out->type = HR_MSG_AUDIO_END;
	else
		out->type = HR_MSG_ASK; /* or an unknown type, which take_ask reports */
	int rc = out->type == HR_MSG_ASK ? take_ask(root, max_text, &out->ask, err)
	                                 : take_audio(root, out->type, &out->audio, err);
	json_decref(root);
	return rc ? rc : (int)out->type;
}

void hr_ws_msg_clear(struct hr_ws_msg *m)
{
	hr_ask_clear(&m->ask);
	memset(m, 0, sizeof(*m));
}

int hr_proto_parse_http(const char *buf, size_t len, size_t max_text, struct hr_ask *out,
                        struct hr_proto_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	json_t *root = parse_object(buf, len, err);
	if (!root)
		return -EINVAL;
	int rc = short_string(root, "session", out->session, &out->has_session, err);
	if (!rc)
		rc = take_text(root, max_text, out, err);
	if (!rc)
		rc = take_context(root, out, err);
	json_decref(root);
	if (rc)
		hr_ask_clear(out);
	return rc;
}

/* Dumps ROOT after HEADROOM bytes into a fresh buffer. */
static char *dump_with_headroom(json_t *root, size_t headroom, size_t *len)
{
	size_t n = json_dumpb(root, NULL, 0, JSON_COMPACT);
	if (n == 0)
		return NULL;
	char *buf = malloc(headroom + n + 1);
	if (!buf)
		return NULL;
	json_dumpb(root, buf + headroom, n, JSON_COMPACT);
	buf[headroom + n] = '\0';
	*len = n;
	return buf;
}

/*
 * Answers are written straight into their output buffer, once: building a
 * jansson tree and dumping it cost about 16 us a question (a dozen
 * allocations, and json_dumpb runs twice, to size and to write), this about
 * one. The bytes are the ones jansson's JSON_COMPACT dump gives, including
 * what it does with a string that is not valid UTF-8: json_string() refuses
 * it, so its field (or array element) is left out. The buffer is an
 * hr_buf (util.h), its first HEADROOM bytes left for the caller.
 */

/* Whether any of the 8 bytes of W needs a look: a control character, '"',
 * '\\' or a byte from 0x80 (hasless() and haszero() of "Bit Twiddling
 * Hacks"; exact for "any", which is all that is asked). */
static int jb_word_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
	uint64_t control = (w - ones * 0x20) & ~w & high;
	uint64_t quote = (q - ones) & ~q & high;
	uint64_t backslash = (bs - ones) & ~bs & high;
	return (control | quote | backslash | (w & high)) != 0;
}

/*
 * A JSON string of S's LEN bytes, escaped as jansson escapes it ('"', '\\'
 * and control characters; bytes from 0x80 as they are), or -1 with nothing
 * written when S is not UTF-8 (jansson refuses it). One pass: runs of plain
 * ASCII are skipped eight bytes at a time and copied whole, and the UTF-8
 * check runs once, from the first byte over 0x7f (what comes before it is
 * ASCII, so the check from there gives the whole string's answer). Checking,
 * measuring and escaping were three passes over every byte, about 20
 * instructions a byte of the answer (docs/performance.md, fourth round).
 */
static int jb_string(struct hr_buf *b, const char *str, size_t len)
{
	const char *s = str, *end = str + len, *run = str;
	size_t mark = b->len;
	int checked = 0;
	hr_buf_put(b, "\"", 1);
	while (s < end) {
		if (end - s >= 8) {
			uint64_t w;
			memcpy(&w, s, 8);
			if (!jb_word_special(w)) {
				s += 8;
				continue;
			}
		}
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80) {
			if (!checked && !hr_text_valid_utf8(s, (size_t)(end - s))) {
				b->len = mark;
				if (b->p)
					b->p[mark] = '\0';
				return -1;
			}
			checked = 1;
			s++;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			s++;
			continue;
		}
		hr_buf_put(b, run, (size_t)(s - run));
		run = ++s;
		char esc[8];
		switch (c) {
		case '"':
			hr_buf_put(b, "\\\"", 2);
			break;
		case '\\':
			hr_buf_put(b, "\\\\", 2);
			break;
		case '\b':
			hr_buf_put(b, "\\b", 2);
			break;
		case '\f':
			hr_buf_put(b, "\\f", 2);
			break;
		case '\n':
			hr_buf_put(b, "\\n", 2);
			break;
		case '\r':
			hr_buf_put(b, "\\r", 2);
			break;
		case '\t':
			hr_buf_put(b, "\\t", 2);
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", (unsigned)c);
			hr_buf_put(b, esc, 6);
		}
	}
	hr_buf_put(b, run, (size_t)(s - run));
	hr_buf_put(b, "\"", 1);
	return 0;
}

/* ,"KEY":"VALUE" (or null when VALUE is NULL); nothing when VALUE is not
 * UTF-8. KEY is one of this file's names: plain ASCII, no escapes. */
static void jb_field(struct hr_buf *b, int *first, const char *key, const char *value)
{
	size_t mark = b->len;
	int was_first = *first;
	if (!*first)
		hr_buf_put(b, ",", 1);
	*first = 0;
	hr_buf_put(b, "\"", 1);
	hr_buf_puts(b, key);
	hr_buf_put(b, "\":", 2);
	if (!value) {
		hr_buf_put(b, "null", 4);
	} else if (jb_string(b, value, strlen(value))) {
		b->len = mark;
		if (b->p)
			b->p[mark] = '\0';
		*first = was_first;
	}
}

char *hr_proto_answer(const struct hr_answer *a, const char *id, const char *session, size_t headroom,
                      size_t *len)
{
	return hr_proto_answer_with_context(a, id, session, NULL, headroom, len);
}

char *hr_proto_answer_with_context(const struct hr_answer *a, const char *id, const char *session,
                                   const char *context, size_t headroom, size_t *len)
{
	struct hr_buf b = {.cap = headroom + 2048};
	b.p = malloc(b.cap);
	if (!b.p)
		return NULL;
	b.len = headroom;
	int first = 1;
	hr_buf_put(&b, "{", 1);
	jb_field(&b, &first, "type", "answer");
	if (id)
		jb_field(&b, &first, "id", id);
	if (session)
		jb_field(&b, &first, "session", session);
	jb_field(&b, &first, "intent", a->intent ? a->intent : "fallback");
	jb_field(&b, &first, "text", a->text ? a->text : "");
	jb_field(&b, &first, "speech", a->speech ? a->speech : (a->text ? a->text : ""));
	hr_buf_put(&b, ",\"sources\":[", 12);
	for (size_t i = 0; i < a->nsources; i++) {
		int f = 1;
		hr_buf_put(&b, i ? ",{" : "{", i ? 2 : 1);
		jb_field(&b, &f, "title", a->sources[i].title ? a->sources[i].title : "");
		jb_field(&b, &f, "publisher", a->sources[i].publisher);
		jb_field(&b, &f, "url", a->sources[i].url);
		hr_buf_put(&b, "}", 1);
	}
	hr_buf_put(&b, "],\"suggestions\":[", 17);
	int f = 1;
	for (size_t i = 0; i < a->nsuggestions; i++) {
		size_t mark = b.len;
		if (!f)
			hr_buf_put(&b, ",", 1);
		if (jb_string(&b, a->suggestions[i], strlen(a->suggestions[i]))) {
			b.len = mark; /* not UTF-8: left out, as jansson would */
			b.p[mark] = '\0';
			continue;
		}
		f = 0;
	}
	hr_buf_put(&b, "]", 1);
	first = 0;
	jb_field(&b, &first, "safety", hr_safety_name(a->safety));
	jb_field(&b, &first, "kind", hr_answer_kind_name(a->kind));
	jb_field(&b, &first, "tier", a->tier);
	jb_field(&b, &first, "concern", a->concern);
	if (context)
		jb_field(&b, &first, "context", context);
	hr_buf_put(&b, "}", 1);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	b.p[b.len] = '\0';
	*len = b.len - headroom;
	return b.p;
}

char *hr_proto_error(const struct hr_proto_error *e, size_t headroom, size_t *len)
{
	json_t *root = json_object();
	if (!root)
		return NULL;
	json_object_set_new(root, "type", json_string("error"));
	json_object_set_new(root, "id", e->has_id ? json_string(e->id) : json_null());
	json_object_set_new(root, "code", json_string(hr_proto_code_name(e->code)));
	json_object_set_new(root, "message", json_string(e->message));
	char *buf = dump_with_headroom(root, headroom, len);
	json_decref(root);
	return buf;
}
