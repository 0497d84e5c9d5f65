/*
 * The format of a pronunciation lexicon, read by everything that says or
 * hears words: herald's own (voice/lexicon.txt, docs/voice.md), one entry a
 * line, '#' comments,
 *     trastuzumab   T R AE2 S T UW1 Z UW0 M AE2 B    (ARPAbet phones)
 *     her2          = her two                        (a respelling)
 * and the CMU dictionary's ("word PHONES", alternatives as "word(2) PHONES",
 * ';;;' comments). The voice path builds its lexicons with it (voice_lex.c);
 * the plugin SDK says an answer's respellings from it (herald.speech), so a
 * respelling is written once, in voice/lexicon.txt.
 *
 * Plain C: no loop, no Lua, no speech library.
 */
#ifndef HERALD_LEXICON_H
#define HERALD_LEXICON_H

#include <stddef.h>

/* One entry as hr_lexicon_scan() hands it on: WORD as written (a CMU
 * alternative's "(2)" cut off), and either PHONES or RESPELLING (the words
 * after '=', leading spaces skipped); the other is NULL. */
struct hr_lexicon_line {
	char *word;
	const char *phones;
	const char *respelling;
	int line;
};

/* Called for each entry: 0 to go on, a negative errno to stop. */
typedef int (*hr_lexicon_line_fn)(void *ud, const struct hr_lexicon_line *l);

/*
 * Reads the lexicon TEXT (LEN bytes): herald's format, or the CMU
 * dictionary's when CMUDICT is non-zero (no respellings, '#' not a comment).
 * Returns 0 or FN's negative errno.
 */
int hr_lexicon_scan(const char *text, size_t len, int cmudict, hr_lexicon_line_fn fn, void *ud);

#endif
