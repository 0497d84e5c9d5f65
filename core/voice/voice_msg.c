/*
 * The voice path's messages (docs/protocol.md, "Voice"): serialising
 * transcript, audio and the HTTP voice reply (audio_start and audio_end are
 * parsed with every other WebSocket message, in proto.c).
 * Plain C on jansson, like proto.c, whose error type and answer object it reuses.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "voice.h"

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

char *hr_voice_msg_audio(const char *id, size_t bytes, unsigned part, int last, size_t headroom, size_t *len)
{
	if (!part)
		return dump(json_pack("{s:s, s:s, s:s, s:I}", "type", "audio", "id", id, "format", "wav",
		                      "bytes", (json_int_t)bytes),
		            headroom, len);
	return dump(json_pack("{s:s, s:s, s:s, s:I, s:I, s:b}", "type", "audio", "id", id, "format", "wav",
	                      "bytes", (json_int_t)bytes, "part", (json_int_t)part, "last", last),
	            headroom, len);
}

static char *base64(const uint8_t *in, size_t n)
{
	char *out = malloc((n + 2) / 3 * 4 + 1);
	if (out)
		out[hr_base64_encode(in, n, 0, out)] = '\0';
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
