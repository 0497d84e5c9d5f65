/*
 * The speech module's side of speech_module.h: its entry, and the herald
 * functions asr.c and tts.c call, forwarded to the table herald passed in.
 * Linked only into herald-speech.so, never into herald.
 */
#include "speech_module.h"

#include <stddef.h>

/* Set once by the entry, before any other function of the module runs. */
static const struct hr_speech_imports *imports;

void hr_grammar_free(struct hr_grammar *g)
{
	imports->grammar_free(g);
}

size_t hr_lexicon_prons(const hr_lexicon *lex, const char *word, const char *const **prons)
{
	return imports->lexicon_prons(lex, word, prons);
}

const char *hr_lexicon_respelling(const hr_lexicon *lex, const char *word)
{
	return imports->lexicon_respelling(lex, word);
}

size_t hr_lexicon_count(const hr_lexicon *lex)
{
	return imports->lexicon_count(lex);
}

const char *hr_lexicon_word(const hr_lexicon *lex, size_t i)
{
	return imports->lexicon_word(lex, i);
}

static const struct hr_speech_exports exports = {
    .asr_model_new = hr_asr_model_new,
    .asr_model_ref = hr_asr_model_ref,
    .asr_model_safety = hr_asr_model_safety,
    .asr_model_sentences = hr_asr_model_sentences,
    .asr_model_keys = hr_asr_model_keys,
    .asr_model_unref = hr_asr_model_unref,
    .asr_new = hr_asr_new,
    .asr_free = hr_asr_free,
    .asr_begin = hr_asr_begin,
    .asr_feed = hr_asr_feed,
    .asr_end = hr_asr_end,
    .asr_decode = hr_asr_decode,
    .tts_new = hr_tts_new,
    .tts_free = hr_tts_free,
    .tts_say = hr_tts_say,
    .tts_lts = hr_tts_lts,
    .tts_prepare = hr_tts_prepare,
};

/* The only symbol the module exports (the rest is built hidden). */
__attribute__((visibility("default"))) const struct hr_speech_exports *
hr_speech_module(unsigned abi, const struct hr_speech_imports *imp)
{
	if (abi != HR_SPEECH_ABI || !imp)
		return NULL;
	imports = imp;
	return &exports;
}
