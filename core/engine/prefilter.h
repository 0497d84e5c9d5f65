/*
 * The literal prefilter of the intent engine: which patterns could possibly
 * match a text, decided in one pass over the text, so that matching tries a
 * handful of patterns instead of every pattern in turn.
 *
 * At build time each pattern (PCRE2 syntax, caseless, as written in intents
 * files with {name} references) is analysed into the literals any match must
 * contain: a list of clauses, each a set of lower-case strings one of which
 * must occur in the text ("what|whats" and "herceptin|trastuzumab|..."). All
 * the literals go into one Aho-Corasick automaton. At match time the text is
 * scanned once; a pattern is a candidate when every one of its clauses had a
 * literal in the text. A pattern whose syntax the analysis does not follow, or
 * that requires nothing (such as "^(a+)+$"), is always a candidate, so the
 * prefilter never changes what matches: it only skips patterns that cannot.
 *
 * Plain C: no PCRE2, no loop, no Lua. A built prefilter is immutable and may
 * be shared by threads, each with its own hr_prefilter_scratch.
 */
#ifndef HERALD_PREFILTER_H
#define HERALD_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct hr_prefilter hr_prefilter;
typedef struct hr_prefilter_scratch hr_prefilter_scratch;

/* Returns an empty prefilter, or NULL when out of memory. */
hr_prefilter *hr_prefilter_new(void);

/* Frees PF and everything it owns; NULL is accepted. */
void hr_prefilter_free(hr_prefilter *pf);

/*
 * Declares that {NAME} in the patterns stands for REGEX (the expansion
 * intent.c compiles), so that a slot's or words list's phrases are analysed
 * once, not once per pattern. Returns 0 or -ENOMEM.
 */
int hr_prefilter_define(hr_prefilter *pf, const char *name, const char *regex);

/*
 * Adds the next pattern (numbered 0, 1, 2, ... in the order of the calls).
 * Returns 0 or -ENOMEM; a pattern the analysis cannot bound is still added,
 * as one that is always tried.
 */
int hr_prefilter_add(hr_prefilter *pf, const char *source);

/*
 * Counts the words of TEXT, a question of the kind the patterns will be run
 * on (the intents' examples), so that a string's literal is its rarest word
 * among questions as well as among the patterns: "lung problem*" is keyed on
 * "lung", not on "problem", which is rare in the patterns but common in what
 * people ask (a question with "problems" would otherwise try every pattern
 * built on "X problem*"). Only speed depends on it: any word of a required
 * string is required. Call before hr_prefilter_build. Returns 0 or -ENOMEM.
 */
int hr_prefilter_note_text(hr_prefilter *pf, const char *text);

/* Analyses every pattern and builds the automaton, once every macro and
 * pattern is in. Returns 0 or -ENOMEM. */
int hr_prefilter_build(hr_prefilter *pf);

/* Per-thread state for hr_prefilter_run, so that running allocates nothing.
 * Must be freed before its prefilter. */
hr_prefilter_scratch *hr_prefilter_scratch_new(const hr_prefilter *pf);
void hr_prefilter_scratch_free(hr_prefilter_scratch *s);

/*
 * Sets in BITS (one bit per pattern, (count + 63) / 64 words, all zero on
 * entry) the patterns that may match TEXT[0..LEN). Returns 0, or 1 when the
 * text holds bytes the analysis does not model (non-ASCII, whose caseless
 * forms can match ASCII letters) and every pattern must be tried; BITS is then
 * left zero.
 */
int hr_prefilter_run(const hr_prefilter *pf, hr_prefilter_scratch *s, const char *text, size_t len,
                     uint64_t *bits);

#endif
