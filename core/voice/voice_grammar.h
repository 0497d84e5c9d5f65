/*
 * The recogniser's grammar, compiled from herald's own content the way
 * offline assistants compile their sentence templates. General-purpose
 * language models hear medical questions poorly ("her set in" for Herceptin),
 * so herald builds its own from what it already knows people ask:
 *
 *   - every `example:` of the intents files,
 *   - every `ask:` of the plugins' test files (paraphrases by the authors),
 *   - every question a plugin suggests ("How is Enhertu given?"),
 *   - the extra sentences of voice/corpus.txt,
 *   - and each of those again with every other value of a slot it names
 *     ("side effects of herceptin" -> "... of perjeta", "... of enhertu").
 *
 * From that corpus come three texts for pocketsphinx: a finite-state grammar
 * of exactly those sentences (minimised, so shared endings are one path), a
 * trigram language model for phrasings the corpus lacks, and a pronunciation
 * dictionary of every word in them (voice_lex.h).
 *
 * Plain C: no loop, no network, no pocketsphinx, so tests can inspect what
 * was built. A build reads files; run it off the event loop.
 */
#ifndef HERALD_VOICE_GRAMMAR_H
#define HERALD_VOICE_GRAMMAR_H

#include <stddef.h>

#include "diag.h"
#include "voice_lex.h"

/* Where the content lives. Any member may be NULL (that source is skipped). */
struct hr_grammar_input {
	const char *intents_dir;
	const char *plugins_dir;
	const char *voice_dir; /* holds corpus.txt */
	/* local_content_dirs (comma-separated folders holding intents/ and
	 * plugins/), layered over the two above as the engine does; NULL or "". */
	const char *local_dirs;
	/* The safety tier a sentence (the recogniser's words) raises, 0 for
	 * none; NULL: no sentence is weighed as a safety one. */
	int (*safety)(void *ud, const char *sentence);
	void *safety_ud;
};

/*
 * A sentence that raises a safety tier (a crisis, an emergency, a call to the
 * care team now) weighs this many times its count in both the grammar and the
 * trigram model. Crisis phrasings are a handful among tens of thousands of
 * questions, so at a branch ("i want to ...") the recogniser would otherwise
 * prune them first on imperfect audio; a missed crisis costs far more than a
 * question asked back (docs/voice.md, "Safety first").
 */
#define HR_GRAMMAR_SAFETY_BOOST 5.0

/*
 * Slots whose one-word phrases are key words: a medicine or a test, which an
 * answer must not be about unless the speaker said it (hr_voice_choose).
 * The hand lexicon's words are key words too; this adds the names the CMU
 * dictionary already says right ("arimidex", "zoladex"), which the lexicon
 * does not list.
 */
#define HR_GRAMMAR_KEY_SLOTS "drug", "regimen", "test", "scope_medicine"

/* A built grammar: malloc'd, NUL-terminated texts, freed by hr_grammar_free. */
struct hr_grammar {
	char *dict; /* "word PHONES" lines, alternatives as "word(2) PHONES" */
	size_t dict_len;
	char *arpa; /* the trigram model in ARPA format */
	size_t arpa_len;
	char *fsg; /* the sentence grammar in pocketsphinx's FSG format */
	size_t fsg_len;
	char *safety; /* the sentences that raise a safety tier, each once, one a line */
	size_t safety_len;
	char *sentences; /* every sentence, each once, one a line (hr_voice_closest) */
	size_t sentences_len;
	char *keys; /* words that name a medicine or a test on their own, one a line */
	size_t keys_len;
	size_t nwords;     /* distinct words */
	size_t nsentences; /* corpus sentences, slot variants included */
	size_t nstates;    /* states of the minimised grammar */
	size_t dropped;    /* sentences left out because a word cannot be said */
	size_t nsafety;    /* sentences that raise a safety tier (weighed up) */
};

/*
 * Builds the grammar from IN, pronouncing words through SRC. Unreadable
 * sources are reported through DIAG and skipped. Returns 0, -ENOENT when no
 * sentence at all was found, or -ENOMEM.
 */
int hr_grammar_build(const struct hr_grammar_input *in, const struct hr_pron_sources *src, hr_diag_fn diag,
                     void *ud, struct hr_grammar *out);

/* As hr_grammar_build, from sentences in memory (for tests): SENTENCES[0..N),
 * with IN's safety callback when IN is not NULL (its directories are not read). */
int hr_grammar_build_from(const char *const *sentences, size_t n, const struct hr_grammar_input *in,
                          const struct hr_pron_sources *src, struct hr_grammar *out);

void hr_grammar_free(struct hr_grammar *g);

/*
 * Turns TEXT into the recogniser's words, space-separated, into OUT: lower
 * case, hyphens and slashes split ("T-DM1" -> "t dm1"), "%" said as "percent",
 * and "+" kept after a number or word ("IHC 2+"). Returns the number of
 * words, or -EINVAL when TEXT holds something that cannot be said (non-ASCII
 * letters, a lone symbol), or -ENOSPC.
 */
int hr_voice_tokens(const char *text, char *out, size_t cap);

#endif
