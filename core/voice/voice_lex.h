/*
 * Pronunciation lexicons for the voice path: how herald's words are said,
 * in the ARPAbet phones of the CMU dictionary ("T R AE2 S T UW1 Z UW0 M AE2 B").
 * The recogniser's dictionary and the synthesiser's additions both come from
 * here, so "Enhertu" is heard the way it is spoken.
 *
 * Two sources are kept apart: herald's own hand lexicon (voice/lexicon.txt,
 * drug names and abbreviations, which win) and the CMU dictionary shipped with
 * the acoustic model. Words in neither are pronounced by rule
 * (hr_pronounce): numbers in words, letter groups without a vowel spelled
 * out, the rest through the synthesiser's letter-to-sound rules.
 *
 * Plain C: no loop, no network. A lexicon is filled once, then only read, so
 * any number of threads may read it.
 */
#ifndef HERALD_VOICE_LEX_H
#define HERALD_VOICE_LEX_H

#include <stddef.h>

#include "diag.h"

/* Longest phone string of one pronunciation, including the NUL. */
#define HR_PHONES_MAX 256
/* Pronunciations kept per word at most. */
#define HR_PRONS_MAX 4

typedef struct hr_lexicon hr_lexicon;

/* Returns an empty lexicon, or NULL when out of memory. */
hr_lexicon *hr_lexicon_new(void);
void hr_lexicon_free(hr_lexicon *lex);

/*
 * Adds a pronunciation of WORD (lower-cased here). PHONES are ARPAbet phones
 * separated by spaces, vowels optionally with stress 0-2. Returns 0, -EINVAL
 * for an unknown phone, -ENOSPC when WORD has HR_PRONS_MAX already, -ENOMEM.
 */
int hr_lexicon_add(hr_lexicon *lex, const char *word, const char *phones);

/* Says WORD as the words of SPOKEN ("her2" -> "her two"); as hr_lexicon_add. */
int hr_lexicon_add_respelling(hr_lexicon *lex, const char *word, const char *spoken);

/*
 * Reads a lexicon file. herald's format, one entry a line, '#' comments:
 *     trastuzumab   T R AE2 S T UW1 Z UW0 M AE2 B
 *     her2          = her two
 * The CMU dictionary's format (CMUDICT non-zero) is "word PHONES" with
 * alternatives written "word(2) PHONES".
 * Problems go to DIAG as file:line; a bad line is skipped. Returns 0, -EINVAL
 * when a line was bad, or -errno when the file cannot be read.
 */
int hr_lexicon_load(hr_lexicon *lex, const char *path, int cmudict, hr_diag_fn diag, void *ud);

/* The pronunciations of WORD (exact, lower case): their number, 0 when none. */
size_t hr_lexicon_prons(const hr_lexicon *lex, const char *word, const char *const **prons);

/* The respelling of WORD, or NULL. */
const char *hr_lexicon_respelling(const hr_lexicon *lex, const char *word);

/* Entries in insertion order, for handing the hand lexicon to the synthesiser. */
size_t hr_lexicon_count(const hr_lexicon *lex);
const char *hr_lexicon_word(const hr_lexicon *lex, size_t i);

/* Returns 1 when PHONES is a valid ARPAbet string (stress digits allowed). */
int hr_phones_valid(const char *phones);

/*
 * Letter-to-sound: writes a pronunciation of the letters-only WORD to OUT
 * (capacity HR_PHONES_MAX). Returns 0 or a negative errno. Provided by the
 * synthesiser (tts.c) in the daemon, by a stub in tests.
 */
typedef int (*hr_lts_fn)(void *ud, const char *word, char *out, size_t cap);

/* Where hr_pronounce looks, in order. Any member may be NULL. */
struct hr_pron_sources {
	const hr_lexicon *hand;
	const hr_lexicon *cmudict;
	hr_lts_fn lts;
	void *lts_ud;
};

/*
 * Finds or makes the pronunciations of one recogniser TOKEN: a lower-case
 * word, a number ("24", "100.4"), a word with digits ("her2", "dm1", "3+").
 * Writes up to HR_PRONS_MAX phone strings without stress marks into OUT.
 * Returns how many (0: cannot be said).
 */
size_t hr_pronounce(const struct hr_pron_sources *src, const char *token, char out[][HR_PHONES_MAX]);

/* Writes the words for number N (0 <= N < 1e9): 24 -> "twenty four". */
void hr_number_words(long n, char *out, size_t cap);

#endif
