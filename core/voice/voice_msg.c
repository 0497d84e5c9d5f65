/*
 * The voice path's messages (docs/protocol.md, "Voice"): parsing audio_start
 * and audio_end, serialising transcript, audio and the HTTP voice reply.
 * Plain C on jansson, like proto.c, whose error type and answer object it reuses.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "voice.h"

int hr_voice_msg_parse(const char *buf, size_t len, struct hr_audio_msg *out, struct hr_proto_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return HR_VMSG_NONE; /* the ask parser says what is wrong */
	}
	int rc = HR_VMSG_NONE;
	const char *type = json_string_value(json_object_get(root, "type"));
	if (!type || (strcmp(type, "audio_start") != 0 && strcmp(type, "audio_end") != 0))
		goto out;
	json_t *id = json_object_get(root, "id");
	const char *ids = json_string_value(id);
	if (!ids || !*ids) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, NULL, "\"id\" is required and must be a string");
		rc = -EINVAL;
		goto out;
	}
	if (json_string_length(id) > HR_ID_MAX || strlen(ids) != json_string_length(id)) {
		hr_proto_error_set(err, HR_E_TOO_LARGE, NULL, "\"id\" must be at most 128 bytes");
		rc = -EINVAL;
		goto out;
	}
	snprintf(out->id, sizeof(out->id), "%s", ids);
	if (strcmp(type, "audio_end") == 0) {
		rc = HR_VMSG_END;
		goto out;
	}
	json_t *fmt = json_object_get(root, "format");
	if (fmt && !(json_is_string(fmt) && strcmp(json_string_value(fmt), "pcm_s16le") == 0)) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, out->id,
		                   "\"format\" must be \"pcm_s16le\" (16-bit little-endian mono PCM)");
		rc = -EINVAL;
		goto out;
	}
	json_t *rate = json_object_get(root, "rate");
	json_int_t r = rate ? (json_is_integer(rate) ? json_integer_value(rate) : -1) : 16000;
	if (r < 8000 || r > 48000) {
		hr_proto_error_set(err, HR_E_BAD_REQUEST, out->id,
		                   "\"rate\" must be a whole number from 8000 to 48000");
		rc = -EINVAL;
		goto out;
	}
	out->rate = (unsigned)r;
	rc = HR_VMSG_START;
out:
	json_decref(root);
	return rc;
}

/* Two decimals are all a client can use. */
static double heard_confidence(const struct hr_voice_choice *c)
{
	return (double)(long)(c->confidence * 100 + 0.5) / 100;
}

/* Dumps ROOT after HEADROOM bytes into a fresh buffer (and releases ROOT). */
static char *dump(json_t *root, size_t headroom, size_t *len)
{
	if (!root)
		return NULL;
	size_t n = json_dumpb(root, NULL, 0, JSON_COMPACT | JSON_REAL_PRECISION(6));
	char *buf = n ? malloc(headroom + n + 1) : NULL;
	if (buf) {
		json_dumpb(root, buf + headroom, n, JSON_COMPACT | JSON_REAL_PRECISION(6));
		buf[headroom + n] = '\0';
		*len = n;
	}
	json_decref(root);
	return buf;
}

char *hr_voice_msg_transcript(const char *id, const struct hr_voice_choice *c, size_t headroom, size_t *len)
{
	return dump(json_pack("{s:s, s:s, s:s, s:s, s:f}", "type", "transcript", "id", id, "text", c->text,
	                      "heard", hr_heard_name(c->heard), "confidence", heard_confidence(c)),
	            headroom, len);
}

char *hr_voice_msg_audio(const char *id, size_t bytes, size_t headroom, size_t *len)
{
	return dump(json_pack("{s:s, s:s, s:s, s:I}", "type", "audio", "id", id, "format", "wav", "bytes",
	                      (json_int_t)bytes),
	            headroom, len);
}

static char *base64(const uint8_t *in, size_t n)
{
	char *out = malloc((n + 2) / 3 * 4 + 1);
	if (out)
		out[hr_base64(in, n, 0, out)] = '\0';
	return out;
}

char *hr_voice_msg_http(const struct hr_answer *a, const struct hr_voice_choice *c, const uint8_t *wav,
                        size_t wavlen, size_t headroom, size_t *len)
{
	/* The answer object of POST /v1/ask, with the transcript (and audio) added. */
	size_t alen;
	char *ans = hr_proto_answer(a, NULL, NULL, 0, &alen);
	if (!ans)
		return NULL;
	json_t *root = json_loadb(ans, alen, 0, NULL);
	free(ans);
	if (!root)
		return NULL;
	json_object_del(root, "type");
	json_object_set_new(root, "transcript", json_string(c->text));
	json_object_set_new(root, "heard", json_string(hr_heard_name(c->heard)));
	json_object_set_new(root, "confidence", json_real(heard_confidence(c)));
	if (wav) {
		char *b64 = base64(wav, wavlen);
		if (!b64) {
			json_decref(root);
			return NULL;
		}
		json_object_set_new(root, "audio",
		                    json_pack("{s:s, s:I, s:s}", "format", "wav", "bytes", (json_int_t)wavlen,
		                              "base64", b64));
		free(b64);
	}
	return dump(root, headroom, len);
}
