/*
 * Words and numbers around a safety trigger: the safety check (safety.c)
 * reads the words before and after a match to judge it, and the numbers in
 * them (a temperature, a count of episodes), typed or spoken. Plain C over
 * the normalised text (lower case, single spaces).
 */
#ifndef HERALD_SAFETY_WORDS_H
#define HERALD_SAFETY_WORDS_H

#include <stddef.h>

struct ruleset; /* safety_int.h */

/* A word of the message: where it starts and how long it is. */
struct word {
	const char *p;
	size_t n;
};

/* Collects up to MAX words that end at or before byte POS, nearest first. */
size_t words_before(const char *text, size_t pos, struct word *w, size_t max);

/* Collects up to MAX words that start at or after byte POS, in order. */
size_t words_after(const char *text, size_t len, size_t pos, struct word *w, size_t max);

/* Compares without strlen(): the word lists are read on every trigger, so
 * these two stay inline. */
static inline int word_is(const struct word *w, const char *s)
{
	for (size_t i = 0; i < w->n; i++) {
		if (s[i] != w->p[i])
			return 0; /* also when S is shorter: its NUL differs */
	}
	return s[w->n] == '\0';
}

static inline int word_in(const struct word *w, const char *const *list)
{
	for (; *list; list++) {
		if (word_is(w, *list))
			return 1;
	}
	return 0;
}

enum temp { T_NONE, T_LOW, T_HIGH };

/* Looks at up to six words from byte POS for a temperature and classifies it
 * against 100.4 F / 38 C. */
enum temp temp_after(const struct ruleset *rs, const char *text, size_t len, size_t pos);

/* A temperature word fires without a number when called high: "high temp",
 * "my temperature is up". */
int temp_called_high(const struct ruleset *rs, const char *text, size_t len, size_t start, size_t end);

/* Reads the count captured in [START, END): four or more, or a vague "many". */
int count_is_many(const char *text, size_t start, size_t end);

#endif
