/*
 * The voice path: a spoken question in, a transcript, the usual answer and
 * a spoken answer out, fully offline (pocketsphinx and flite).
 *
 *   audio -> [thread pool] recognise (asr.c, against herald's own grammar)
 *         -> [loop] the transcript goes to the engine exactly as typed text
 *            (the safety layer first), through the caller's answer callback
 *         -> [thread pool] say the answer's speech form (tts.c) as a WAV
 *         -> [loop] the caller sends it.
 *
 * Recognition and synthesis never run on the loop. Decoders are limited to
 * voice.decoders at once and further requests wait in a bounded queue; an
 * urgent or crisis answer is spoken before any waiting one, slower, and never
 * shortened. The network layer (server.c) only moves bytes: everything here
 * is plain C on libuv, with no libwebsockets.
 *
 * Privacy: transcripts and answers are never logged.
 */
#ifndef HERALD_VOICE_H
#define HERALD_VOICE_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "asr.h"
#include "config.h"
#include "diag.h"
#include "proto.h"

/* The loop, by its struct name: uv.h stays out of the plain C that includes
 * this header for the messages or the types (voice_msg.c, the CLI); only the
 * files that drive the loop include it. */
struct uv_loop_s;

typedef struct hr_voice hr_voice;
typedef struct hr_voice_model hr_voice_model;
typedef struct hr_voice_job hr_voice_job;

/*
 * Loads what does not change with the content: the CMU dictionary, the hand
 * lexicon (cfg->voice_dir/lexicon.txt) and the synthesiser. LOOP may be NULL
 * for the synchronous helpers only (the CLI). Lexicon problems go to DIAG.
 * Returns 0, -ENOENT when the recogniser's model or dictionary is missing
 * (voice then stays off), or -ENOMEM.
 */
int hr_voice_new(struct uv_loop_s *loop, const struct hr_config *cfg, hr_diag_fn diag, void *ud,
                 hr_voice **out);

/* Frees V once no job is left (after the loop has drained); NULL is accepted. */
void hr_voice_free(hr_voice *v);

/*
 * Compiles the recogniser's grammar and dictionary from the content named by
 * CFG (voice_grammar.h). Slow (file reads, a tenth of a second): call it on
 * the thread pool, as reloads do; it only reads V. Returns 0 or -errno.
 */
int hr_voice_build(hr_voice *v, const struct hr_config *cfg, hr_diag_fn diag, void *ud, hr_voice_model **out);
void hr_voice_model_free(hr_voice_model *m); /* NULL is accepted */

/* Words and sentences of M, for the log. */
void hr_voice_model_stats(const hr_voice_model *m, size_t *words, size_t *sentences);

/* On the loop: serves M (taken over) from now on; jobs under way finish with the old one. */
void hr_voice_set_model(hr_voice *v, hr_voice_model *m);

/* What the caller (the network layer) does for a job. Called on the loop. */
struct hr_voice_sink {
	/* Answers TEXT[0..LEN) as a typed question of the same conversation.
	 * Returns 0 with OUT filled, or a negative errno. */
	int (*answer)(void *ud, const char *text, size_t len, struct hr_answer *out);
	/* WebSocket: sends one message (BUF has the job's headroom in front;
	 * ownership passes). BINARY is 0 for JSON text. */
	void (*send)(void *ud, char *buf, size_t len, int binary);
	/* WebSocket: the exchange is over (also after an error); read again. */
	void (*done)(void *ud);
	/* HTTP: the whole response (BUF with headroom in front; ownership passes). */
	void (*respond)(void *ud, unsigned status, const char *content_type, char *buf, size_t len);
};

/* How a job replies. */
enum hr_voice_reply {
	HR_VOICE_WS,        /* transcript, answer, audio header, WAV frame */
	HR_VOICE_HTTP_JSON, /* one JSON object: the answer with its transcript */
	HR_VOICE_HTTP_BOTH, /* the same, with the WAV in base64 */
	HR_VOICE_HTTP_WAV,  /* only the WAV (audio/wav) */
};

/*
 * Starts answering 16 kHz mono PCM[0..N) (taken over: freed by the job). ID is
 * the WebSocket request id (NULL for HTTP). HEADROOM is reserved in front of
 * every buffer handed to SINK. *JOB (may be NULL) can be cancelled until SINK's
 * done or respond has been called.
 * Returns 0, -EBUSY when the queue is full, or -ENODEV when voice is off or
 * has no model yet (PCM is freed in every case).
 */
int hr_voice_start(hr_voice *v, int16_t *pcm, size_t n, const char *id, enum hr_voice_reply mode,
                   const struct hr_voice_sink *sink, void *ud, size_t headroom, hr_voice_job **job);

/* The caller is going away: SINK will not be called for JOB again. */
void hr_voice_cancel(hr_voice_job *job);

/* Longest audio accepted, in samples at 16 kHz (limits.audio_seconds). */
size_t hr_voice_max_samples(const hr_voice *v);

/* ---- synchronous helpers for the command line ---- */

/* Recognises PCM into OUT with model M (blocking). Returns 0 or -errno. */
int hr_voice_transcribe(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n, char *out, size_t cap);

/* Says TEXT into a malloc'd WAV (*LEN bytes; the caller frees). URGENT speaks
 * slower. Returns 0 or -errno. */
int hr_voice_say(hr_voice *v, const char *text, int urgent, uint8_t **wav, size_t *len);

/*
 * Picks the transcript from the two searches: the grammar's sentence when it
 * found one, else the trigram model's words; but when only the trigram model's
 * words would trigger the safety layer, those (a person in crisis must not be
 * heard as a sentence about side effects). Pure: for tests.
 */
void hr_voice_choose(const struct hr_asr_result *r, int (*is_safety)(void *ud, const char *text), void *ud,
                     char *out, size_t cap);

/* ---- the WebSocket messages of the voice path (docs/protocol.md) ---- */

/* Their parsing is proto.c's (hr_proto_parse_ws parses every WebSocket text
 * message once, whatever its type). */

/* Serialisers; each returns a malloc'd buffer with HEADROOM spare bytes in
 * front and *LEN the JSON's length, or NULL. */
char *hr_voice_msg_transcript(const char *id, const char *text, size_t headroom, size_t *len);
char *hr_voice_msg_audio(const char *id, size_t bytes, size_t headroom, size_t *len);
char *hr_voice_msg_http(const struct hr_answer *a, const char *transcript, const uint8_t *wav, size_t wavlen,
                        size_t headroom, size_t *len);

#endif
