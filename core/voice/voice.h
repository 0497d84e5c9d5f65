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
struct hr_voice_choice;

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
	/* Routes TEXT without answering it (no conversation change): its intent
	 * ("fallback", "clarify") into OUT and its safety tier (enum hr_tier). */
	void (*route)(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier);
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
	HR_VOICE_WS_PARTS,  /* the same, the WAV in parts: first sentence first */
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

/*
 * Streaming: a question whose audio is still arriving (16 kHz only). OPEN at
 * audio_start takes a recogniser when one is free (else the job waits for
 * one, and catches up when it gets it); FEED hands it each frame as it comes
 * (little-endian 16-bit samples; a sample split between frames is joined),
 * and the grammar search runs on the thread pool while the person is still
 * speaking; END at audio_end leaves only the last block and the final passes.
 * The other arguments are as for hr_voice_start (MODE is HR_VOICE_WS or
 * HR_VOICE_WS_PARTS). OPEN returns 0, -EBUSY, -ENODEV or -ENOMEM; FEED 0, or
 * -E2BIG once limits.audio_seconds is reached (the rest is dropped); END 0.
 * hr_voice_cancel drops a stream that is not wanted any more.
 */
int hr_voice_open(hr_voice *v, const char *id, enum hr_voice_reply mode, const struct hr_voice_sink *sink,
                  void *ud, size_t headroom, hr_voice_job **job);
int hr_voice_feed(hr_voice_job *job, const uint8_t *le, size_t len);
int hr_voice_end(hr_voice_job *job);

/* The caller is going away: SINK will not be called for JOB again. */
void hr_voice_cancel(hr_voice_job *job);

/* Bytes of TEXT that make the next part of an answer spoken in parts: the
 * first sentence (FIRST), else whole sentences up to about 400 bytes, with
 * the spaces after them. Pure: for tests. */
size_t hr_voice_part_len(const char *text, int first);

/*
 * On the loop, every few seconds (the worker's housekeeping): frees the
 * recognisers unused for voice.idle_seconds, on the thread pool, and gives
 * the memory back to the system. The next spoken question loads one again
 * (a fraction of a second). Returns how many were freed.
 */
unsigned hr_voice_idle(hr_voice *v);

/* Recognisers loaded now (for tests and the log). */
unsigned hr_voice_loaded(hr_voice *v);

/* Longest audio accepted, in samples at 16 kHz (limits.audio_seconds). */
size_t hr_voice_max_samples(const hr_voice *v);

/* ---- synchronous helpers for the command line ---- */

/* Recognises PCM into OUT with model M (blocking). Returns 0 or -errno. */
int hr_voice_transcribe(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n,
                        struct hr_voice_choice *out);

/*
 * For measuring (bench/voice_replay.c): the recogniser's hypotheses for
 * PCM, as the daemon gets them for a question posted whole (blocking), and
 * the decision on them as the daemon makes it, ROUTE routing each
 * hypothesis as hr_voice_sink.route does (R->near and R->close are filled
 * again from M first, so a decision can be replayed on stored hypotheses).
 * Return 0 or -errno.
 */
int hr_voice_hypotheses(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n,
                        struct hr_asr_result *r);
int hr_voice_decide(hr_voice *v, hr_voice_model *m, struct hr_asr_result *r,
                    void (*route)(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier),
                    void *ud, struct hr_voice_choice *out);

/* Says TEXT into a malloc'd WAV (*LEN bytes; the caller frees). URGENT speaks
 * slower. Returns 0 or -errno. */
int hr_voice_say(hr_voice *v, const char *text, int urgent, uint8_t **wav, size_t *len);

/* What herald makes of an utterance. */
enum hr_heard {
	HR_HEARD_ANSWER = 0, /* sure enough: the transcript is answered like typed text */
	HR_HEARD_CONFIRM,    /* likely, not sure: "did you mean ...?" with the sentence offered */
	HR_HEARD_REPEAT,     /* nothing herald knows was heard: "sorry, say that again" */
};

const char *hr_heard_name(enum hr_heard h); /* "answer", "confirm", "repeat" */

struct hr_voice_choice {
	char text[HR_TRANSCRIPT_MAX]; /* the transcript (or the sentence a confirm offers) */
	enum hr_heard heard;
	double confidence; /* 0..1, how sure (for clients and the corpus) */
	int safety;        /* 1 when TEXT triggers the safety layer */
	int support;       /* open-vocabulary hypotheses that agree with TEXT */
	double agree;      /* words the grammar's sentence shares with the others */
};

/* What the choice consults. Callbacks may be NULL. */
/* Room for an intent name in the voice path's routing (hr_voice_judge.intent). */
#define HR_VOICE_INTENT_MAX 128

struct hr_voice_judge {
	/* The safety tier TEXT raises (0: none; enum hr_tier). */
	int (*tier)(void *ud, const char *text);
	/* The intent TEXT is routed to, into OUT: "fallback" when nothing fits,
	 * "clarify" when routing would ask back. NULL: word agreement decides. */
	void (*intent)(void *ud, const char *text, char *out, size_t cap);
	/* WORD is a drug name or medical term (the hand lexicon, the grammar's
	 * key words). */
	int (*is_key)(void *ud, const char *word);
	void *ud;
	/* The words WORD is said as ("her2" -> "her two"), or NULL (the hand
	 * lexicon's respellings). May be NULL. */
	const char *(*respell)(void *ud, const char *word);
};

/*
 * Decides what was heard (docs/voice.md, "Sure, unsure, or not heard"):
 *  1. safety first, before anything is rejected: when the grammar's sentence
 *     triggers the safety layer it is answered; when only another plausible
 *     hypothesis (the trigram model's words, one of its n-best, or the safety
 *     sentence one of them nearly says, R->near) does, that hypothesis is
 *     answered too, so the reply leads with the safety line, but marked
 *     unsure (HR_HEARD_CONFIRM with SAFETY set; a crisis reply then opens
 *     with one short question and gives 988 either way);
 *  2. the grammar's sentence is answered when the open-vocabulary
 *     hypotheses lead to the same intent (or, without J->intent, share most
 *     of its words) and name every drug or term it names;
 *  3. a plausible sentence is offered back ("did you mean ...?");
 *  4. otherwise the person is asked to say it again.
 * Pure: for tests.
 */
void hr_voice_choose(const struct hr_asr_result *r, const struct hr_voice_judge *j,
                     struct hr_voice_choice *out);

/*
 * Fills R->near with the safety sentence (of SENTENCES, one a line, as
 * hr_asr_model_safety gives them) that one of R's open-vocabulary hypotheses
 * nearly says, or "" (voice.c, NEAR_SAFETY). Pure: for tests.
 */
void hr_voice_near_safety(const char *sentences, struct hr_asr_result *r);

/*
 * Fills R->close with the sentences (of SENTENCES, one a line, as
 * hr_asr_model_sentences gives them) that share, in order, at least three
 * quarters of their words with R->ngram, closest first. Pure: for tests.
 */
void hr_voice_closest(const char *sentences, struct hr_asr_result *r);

/* ---- the WebSocket messages of the voice path (docs/protocol.md) ---- */

/* Their parsing is proto.c's (hr_proto_parse_ws parses every WebSocket text
 * message once, whatever its type). */

/* Serialisers; each returns a malloc'd buffer with HEADROOM spare bytes in
 * front and *LEN the JSON's length, or NULL. */
char *hr_voice_msg_transcript(const char *id, const struct hr_voice_choice *c, size_t headroom, size_t *len);
/* PART: 0 for an answer sent whole, else its number from 1 ("part", "last"). */
char *hr_voice_msg_audio(const char *id, size_t bytes, unsigned part, int last, size_t headroom, size_t *len);
char *hr_voice_msg_http(const struct hr_answer *a, const struct hr_voice_choice *c, const uint8_t *wav,
                        size_t wavlen, size_t headroom, size_t *len);

#endif
