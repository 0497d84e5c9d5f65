/*
 * Speech recognition with pocketsphinx and the en-us acoustic model from
 * Debian's pocketsphinx-en-us, against herald's own grammar
 * (voice_grammar.h). No loop, no network: a decode is plain blocking work
 * that the caller runs on a worker thread.
 *
 * Each utterance is decoded twice over the same audio: first against the
 * sentence grammar, which holds the recogniser to what people ask herald and
 * so copes with imperfect audio, streamed while the audio arrives
 * (hr_asr_begin, hr_asr_feed); then, at its end, against the trigram model,
 * which also hears phrasings the grammar lacks, with its n-best list, over
 * the whole utterance (hr_asr_end). The caller chooses (hr_asr_result,
 * hr_voice_choose).
 *
 * A model (hr_asr_model) is one built grammar, immutable and reference
 * counted, so a reload can swap it while decoders still use the old one. A
 * decoder (hr_asr) is one pocketsphinx instance (tens of MB, not thread-safe):
 * one thread uses it at a time.
 */
#ifndef HERALD_ASR_H
#define HERALD_ASR_H

#include <stddef.h>
#include <stdint.h>

#include "voice_grammar.h"

#define HR_TRANSCRIPT_MAX 1024

typedef struct hr_asr_model hr_asr_model;
typedef struct hr_asr hr_asr;

/*
 * Makes a model of grammar G, whose texts it takes over (G is left empty).
 * The texts are kept in anonymous memory files that pocketsphinx reads by
 * path. Returns 0 or a negative errno; the caller owns one reference.
 */
int hr_asr_model_new(struct hr_grammar *g, hr_asr_model **out);
hr_asr_model *hr_asr_model_ref(hr_asr_model *m);
/* The grammar's sentences that raise a safety tier, one a line ("" for none). */
const char *hr_asr_model_safety(const hr_asr_model *m);
/* Every sentence of the grammar once, one a line (hr_grammar.sentences). */
const char *hr_asr_model_sentences(const hr_asr_model *m);
/* The key words of the grammar's slots, one a line (hr_grammar.keys). */
const char *hr_asr_model_keys(const hr_asr_model *m);
void hr_asr_model_unref(hr_asr_model *m); /* NULL is accepted */

/* Other hypotheses of the trigram search kept (its n-best list after the first). */
#define HR_ASR_NBEST 6
/* Sentences of the grammar kept as nearest to the trigram words. */
#define HR_ASR_CLOSE 3

/*
 * What one utterance sounded like: the grammar's sentence, the trigram
 * model's words, and its next best hypotheses (different words, not only
 * different timings), which hr_voice_choose() weighs.
 */
struct hr_asr_result {
	char grammar[HR_TRANSCRIPT_MAX]; /* "" when no sentence of the grammar fits */
	char ngram[HR_TRANSCRIPT_MAX];   /* "" when nothing was heard */
	char alt[HR_ASR_NBEST][HR_TRANSCRIPT_MAX];
	size_t nalt;
	/* A safety sentence of the grammar that an open-vocabulary hypothesis
	 * nearly says ("i want to myself" for "i want to hurt myself"), or "":
	 * filled by the caller (voice.c), weighed like the others. */
	char near[HR_TRANSCRIPT_MAX];
	/* The grammar's sentences the trigram words nearly say (most shared
	 * words in order first), filled by the caller (hr_voice_closest). */
	char close[HR_ASR_CLOSE][HR_TRANSCRIPT_MAX];
	size_t nclose;
	/* Word pairs of the trigram words (with the sentence's start and end)
	 * that no sentence of the grammar has, filled by hr_voice_closest: 0
	 * when every step of them is one people ask with, as the grammar has
	 * it; garbled words ("my feet on palms are the warning") have some. */
	unsigned unseen;
};
/*
 * Creates a decoder with the acoustic model in HMM_DIR (the directory holding
 * mdef, means, ...). Loading takes a fraction of a second. Returns 0, -ENOENT
 * when the model is missing, or -EIO.
 */
int hr_asr_new(const char *hmm_dir, hr_asr **out);
void hr_asr_free(hr_asr *a);

/* Samples of the start of an utterance (1 s) that set the streamed pass's
 * mean normalisation: a stream begins once it has them (or has ended). */
#define HR_ASR_SEED 16000

/*
 * Streaming: starts an utterance with model M (switching the decoder to it
 * first when needed; an utterance left open is dropped), its normalisation
 * seeded with HEAD[0..N), the first HR_ASR_SEED samples (fewer only when the
 * utterance is shorter): they are fed again after. The grammar search
 * then runs on each block of 16 kHz mono PCM fed as it arrives, so at the
 * end only the last block, the trigram pass and the n-best list are left.
 * hr_asr_end takes the whole utterance again (PCM[0..N), what was fed) for
 * the trigram pass, and for a grammar pass over all of it when the trigram
 * words do not back the streamed sentence. Each returns 0, -EINVAL (no utterance open), -ENOMEM or
 * -EIO; after an error the utterance is over. Time is bounded by N: callers
 * cap the audio's length. The result depends on this audio alone, not on
 * what the decoder heard before.
 */
int hr_asr_begin(hr_asr *a, hr_asr_model *m, const int16_t *head, size_t n);
int hr_asr_feed(hr_asr *a, const int16_t *pcm, size_t n);
int hr_asr_end(hr_asr *a, const int16_t *pcm, size_t n, struct hr_asr_result *out);

/* All of PCM[0..N) at once: hr_asr_begin, hr_asr_feed in blocks as a client
 * would send them, hr_asr_end. Returns as they do. */
int hr_asr_decode(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *out);

#endif
