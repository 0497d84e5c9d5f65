/*
 * The wire protocol, herald.v1 (docs/protocol.md): parsing what clients send
 * and serialising what herald replies, for WebSocket and HTTP alike. Plain C on
 * jansson: no loop, no network, no Lua.
 */
#ifndef HERALD_PROTO_H
#define HERALD_PROTO_H

#include <stddef.h>

#include "answer.h"

#define HR_PROTO_VERSION "herald.v1"
#define HR_ID_MAX 128

/* Error codes of the protocol; the wire names are in hr_proto_code_name(). */
enum hr_proto_code {
	HR_E_NONE = 0,
	HR_E_BAD_JSON,     /* not JSON, or not a JSON object */
	HR_E_BAD_REQUEST,  /* JSON, but a field is missing, of the wrong type or empty */
	HR_E_TOO_LARGE,    /* the message or a field is over its limit */
	HR_E_UNKNOWN_TYPE, /* "type" is not one this version knows */
	HR_E_UNSUPPORTED,  /* e.g. a binary frame */
	HR_E_RATE_LIMITED,
	HR_E_INTERNAL,
	HR_E_SHUTTING_DOWN, /* herald is stopping; ask again on a new connection */
};

/* A parsed question. TEXT and CONTEXT point into storage owned by the struct
 * (freed by hr_ask_clear). */
struct hr_ask {
	char id[HR_ID_MAX + 1]; /* WebSocket: the client's id; HTTP: unused */
	int has_id;
	char session[HR_ID_MAX + 1]; /* HTTP only: the conversation to continue */
	int has_session;
	char *text;
	size_t text_len;
	/* The conversation the client carries (convo.h), exactly as sent: not yet
	 * decoded, so possibly malformed. NULL when absent, null or "". */
	char *context;
	size_t context_len;
};

struct hr_proto_error {
	enum hr_proto_code code;
	char message[160];
	char id[HR_ID_MAX + 1]; /* the request's id when it could be read */
	int has_id;
};

/* What a WebSocket text message is (docs/protocol.md). */
enum hr_msg_type {
	HR_MSG_ASK = 1,     /* {"type":"ask","id","text","context"}: a question, in ASK */
	HR_MSG_AUDIO_START, /* {"type":"audio_start","id","format":"pcm_s16le","rate"}, in AUDIO */
	HR_MSG_AUDIO_END,   /* {"type":"audio_end","id"}, in AUDIO */
};

/* The voice path's control messages (audio_start, audio_end). */
struct hr_audio_msg {
	char id[HR_ID_MAX + 1];
	unsigned rate; /* audio_start: samples a second (16000 when absent) */
	int parts;     /* audio_start: the spoken answer in parts, first sentence first */
};

/* A parsed WebSocket text message: TYPE says which member is filled. */
struct hr_ws_msg {
	enum hr_msg_type type;
	struct hr_ask ask;
	struct hr_audio_msg audio;
};

/*
 * Parses a WebSocket text message, once, whatever its type: a question
 * {"type":"ask","id":"...","text":"...","context":"..."} or a voice message
 * (audio_start, audio_end). MAX_TEXT bounds the text field in bytes; "context"
 * is optional and at most HR_CONVO_CONTEXT_MAX bytes. Returns the message's
 * type with OUT filled (hr_ws_msg_clear frees it), or -EINVAL with ERR filled.
 */
int hr_proto_parse_ws(const char *buf, size_t len, size_t max_text, struct hr_ws_msg *out,
                      struct hr_proto_error *err);

void hr_ws_msg_clear(struct hr_ws_msg *m);

/* Parses an HTTP body {"text":"...","session":"...","context":"..."}; as hr_proto_parse_ws. */
int hr_proto_parse_http(const char *buf, size_t len, size_t max_text, struct hr_ask *out,
                        struct hr_proto_error *err);

void hr_ask_clear(struct hr_ask *a);

/*
 * Serialises an answer. ID is the WebSocket request id (NULL for HTTP, where
 * SESSION is echoed instead when not NULL). The result is written after
 * HEADROOM spare bytes (libwebsockets needs LWS_PRE in front of a frame).
 * Returns a malloc'd buffer the caller frees, with *LEN the JSON length, or NULL.
 */
char *hr_proto_answer(const struct hr_answer *a, const char *id, const char *session, size_t headroom,
                      size_t *len);

/* As hr_proto_answer, with "context": CONTEXT (a string from hr_convo_encode)
 * as the last field when CONTEXT is not NULL. */
char *hr_proto_answer_with_context(const struct hr_answer *a, const char *id, const char *session,
                                   const char *context, size_t headroom, size_t *len);

/* Serialises {"type":"error","id":...,"code":...,"message":...}; as hr_proto_answer. */
char *hr_proto_error(const struct hr_proto_error *e, size_t headroom, size_t *len);

/* Fills E from a code and message, with ID (may be NULL). */
void hr_proto_error_set(struct hr_proto_error *e, enum hr_proto_code code, const char *id,
                        const char *message);

const char *hr_proto_code_name(enum hr_proto_code c);

#endif
