#include "proto.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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
	default:
		return "none";
	}
}

void hr_proto_error_set(struct hr_proto_error *e, enum hr_proto_code code, const char *id, const char *message)
{
	e->code = code;
	snprintf(e->message, sizeof(e->message), "%s", message);
	e->has_id = id != NULL;
	snprintf(e->id, sizeof(e->id), "%s", id ? id : "");
}

void hr_ask_clear(struct hr_ask *a)
{
	free(a->text);
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
				   i == len ? "\"text\" is empty" : "\"text\" must not contain NUL characters");
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

int hr_proto_parse_ws(const char *buf, size_t len, size_t max_text, struct hr_ask *out,
		      struct hr_proto_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	json_t *root = parse_object(buf, len, err);
	if (!root)
		return -EINVAL;
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
		hr_proto_error_set(err, HR_E_UNKNOWN_TYPE, id, "\"type\" must be \"ask\"");
		goto out;
	}
	if (!out->has_id) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, NULL, "\"id\" is required and must be a string");
		goto out;
	}
	rc = take_text(root, max_text, out, err);
out:
	json_decref(root);
	if (rc) {
		/* Keep the id for the error reply, drop the rest. */
		free(out->text);
		out->text = NULL;
		if (out->has_id && !err->has_id && err->code != HR_E_BAD_JSON) {
			err->has_id = 1;
			snprintf(err->id, sizeof(err->id), "%s", out->id);
		}
	}
	return rc;
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
	json_decref(root);
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

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

char *hr_proto_answer(const struct hr_answer *a, const char *id, const char *session, size_t headroom,
		      size_t *len)
{
	json_t *root = json_object();
	json_t *sources = json_array();
	json_t *sugg = json_array();
	char *buf = NULL;
	if (!root || !sources || !sugg)
		goto out;
	json_object_set_new(root, "type", json_string("answer"));
	if (id)
		json_object_set_new(root, "id", json_string(id));
	if (session)
		json_object_set_new(root, "session", json_string(session));
	json_object_set_new(root, "intent", json_string(a->intent ? a->intent : "fallback"));
	json_object_set_new(root, "text", json_string(a->text ? a->text : ""));
	json_object_set_new(root, "speech", json_string(a->speech ? a->speech : (a->text ? a->text : "")));
	for (size_t i = 0; i < a->nsources; i++) {
		json_t *s = json_object();
		json_object_set_new(s, "title", json_string(a->sources[i].title ? a->sources[i].title : ""));
		json_object_set_new(s, "publisher", str_or_null(a->sources[i].publisher));
		json_object_set_new(s, "url", str_or_null(a->sources[i].url));
		json_array_append_new(sources, s);
	}
	for (size_t i = 0; i < a->nsuggestions; i++)
		json_array_append_new(sugg, json_string(a->suggestions[i]));
	json_object_set(root, "sources", sources);
	json_object_set(root, "suggestions", sugg);
	json_object_set_new(root, "safety", str_or_null(hr_safety_name(a->safety)));
	buf = dump_with_headroom(root, headroom, len);
out:
	json_decref(sources);
	json_decref(sugg);
	json_decref(root);
	return buf;
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
