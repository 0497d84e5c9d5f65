/*
 * The boundary between herald and its speech module (herald-speech.so: asr.c
 * and tts.c with pocketsphinx, sphinxbase and flite). The module is loaded
 * with dlopen the first time speech is needed (the first spoken question, or
 * at start with voice.preload = 1), so a daemon nobody speaks to never maps
 * those libraries (about 3 MB of resident pages: flite's voice data alone is
 * 1.5 MB of relocated tables).
 *
 * Both sides keep asr.h and tts.h as they are: speech_load.c, linked into
 * herald, defines the hr_asr_* and hr_tts_* functions by forwarding to the
 * module's table; speech_module.c, linked into the module, defines the few
 * herald functions asr.c and tts.c call (the grammar's and the lexicon's) by
 * forwarding back to herald's. The module is linked with --no-undefined, so
 * a new dependency of asr.c or tts.c on herald fails the build, not a start.
 */
#ifndef HERALD_SPEECH_MODULE_H
#define HERALD_SPEECH_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include "asr.h"
#include "tts.h"
#include "voice_grammar.h"
#include "voice_lex.h"

/* Raised whenever either table below changes. */
#define HR_SPEECH_ABI 3

/* The name of the module's one exported function (hr_speech_module_fn). */
#define HR_SPEECH_ENTRY "hr_speech_module"

/* What the module calls in herald. */
struct hr_speech_imports {
	void (*grammar_free)(struct hr_grammar *g);
	size_t (*lexicon_prons)(const hr_lexicon *lex, const char *word, const char *const **prons);
	const char *(*lexicon_respelling)(const hr_lexicon *lex, const char *word);
	size_t (*lexicon_count)(const hr_lexicon *lex);
	const char *(*lexicon_word)(const hr_lexicon *lex, size_t i);
};

/* What herald calls in the module: asr.h and tts.h, one for one. */
struct hr_speech_exports {
	int (*asr_model_new)(struct hr_grammar *g, hr_asr_model **out);
	hr_asr_model *(*asr_model_ref)(hr_asr_model *m);
	const char *(*asr_model_safety)(const hr_asr_model *m);
	const char *(*asr_model_sentences)(const hr_asr_model *m);
	const char *(*asr_model_keys)(const hr_asr_model *m);
	void (*asr_model_unref)(hr_asr_model *m);
	int (*asr_new)(const char *hmm_dir, hr_asr **out);
	void (*asr_free)(hr_asr *a);
	int (*asr_begin)(hr_asr *a, hr_asr_model *m, const int16_t *head, size_t n);
	int (*asr_feed)(hr_asr *a, const int16_t *pcm, size_t n);
	int (*asr_end)(hr_asr *a, const int16_t *pcm, size_t n, struct hr_asr_result *out);
	int (*asr_decode)(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n,
	                  struct hr_asr_result *out);
	int (*tts_new)(const char *voice, const hr_lexicon *hand, hr_tts **out);
	void (*tts_free)(hr_tts *t);
	int (*tts_say)(hr_tts *t, const char *text, double stretch, int16_t **pcm, size_t *n, unsigned *rate);
	int (*tts_lts)(void *ud, const char *word, char *out, size_t cap);
	int (*tts_prepare)(const hr_lexicon *hand, const char *text, char *out, size_t cap);
};

/*
 * The module's entry: takes herald's table (borrowed: it must outlive the
 * module) and returns the module's, or NULL when ABI is not HR_SPEECH_ABI.
 */
typedef const struct hr_speech_exports *(*hr_speech_module_fn)(unsigned abi,
                                                               const struct hr_speech_imports *imp);

#endif
