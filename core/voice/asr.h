/*
 * Speech recognition with pocketsphinx and the en-us acoustic model from
 * Debian's pocketsphinx-en-us, against herald's own grammar
 * (voice_grammar.h). No loop, no network: a decode is plain blocking work
 * that the caller runs on a worker thread.
 *
 * Each utterance is decoded twice over the same audio (after a pass that
 * settles the noise estimate): first against the
 * sentence grammar, which holds the recogniser to what people ask herald and
 * so copes with imperfect audio, then against the trigram model, which also
 * hears phrasings the grammar lacks, with its n-best list. The caller
 * chooses (hr_asr_result, hr_voice_choose).
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
void hr_asr_model_unref(hr_asr_model *m); /* NULL is accepted */

/* Other hypotheses of the trigram search kept (its n-best list after the first). */
#define HR_ASR_NBEST 6

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
};
/*
 * Creates a decoder with the acoustic model in HMM_DIR (the directory holding
 * mdef, means, ...). Loading takes a fraction of a second. Returns 0, -ENOENT
 * when the model is missing, or -EIO.
 */
int hr_asr_new(const char *hmm_dir, hr_asr **out);
void hr_asr_free(hr_asr *a);

/*
 * Decodes 16 kHz mono PCM[0..N) with model M (switching the decoder to it
 * first when needed). Time is bounded by N: callers cap the audio's length.
 * Returns 0 or -EIO.
 */
int hr_asr_decode(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *out);

#endif
