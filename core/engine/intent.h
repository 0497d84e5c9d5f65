/*
 * The intent engine: reads the intents directory (*.intents files), compiles their PCRE2 patterns once
 * (with JIT), and picks the intent an utterance asks for.
 *
 * Plain C on PCRE2 only: no loop, no Lua, no network, so it can be unit-tested
 * and fuzzed alone. The file format is documented in docs/intents.md.
 *
 * Lifecycle: hr_intents_new() -> hr_intents_add_file()/hr_intents_add_text() for
 * every file -> hr_intents_compile() -> any number of hr_intents_match() calls,
 * from any number of threads, each with its own hr_matcher -> hr_intents_free().
 * A compiled set is immutable; a reload builds a new set and swaps it in.
 */
#ifndef HERALD_INTENT_H
#define HERALD_INTENT_H

#include <stddef.h>

#include "diag.h"

#define HR_NAME_MAX 64
#define HR_SLOT_VALUE_MAX 64
#define HR_MAX_SLOTS 8
#define HR_MAX_CANDIDATES 16
#define HR_MAX_NEEDS 4

struct hr_slot {
	char name[HR_NAME_MAX];
	char value[HR_SLOT_VALUE_MAX];
};

/* A read-only view of one intent, for `herald check` and debugging. */
struct hr_intent {
	const char *name;
	const char *plugin; /* NULL: any plugin that registers a handler */
	/* Intents whose examples this one may match on purpose ("a, b"), or
	 * NULL: `herald check`'s takeover guard (docs/intents.md). */
	const char *overrides;
	const char *file;
	int line;
	int priority;
	int order; /* definition order across all files; the last tie-break */
	size_t nneeds;
	const char *needs[HR_MAX_NEEDS];
	/* Every slot the intent can fill: its needs first, then what its patterns
	 * capture (hr_intents_intent_slots), worked out once at compile time. */
	size_t nfills;
	const char *fills[HR_MAX_SLOTS];
	size_t nexamples;
	const char *const *examples;
	const int *example_lines;
	/* Phrasings: more ways people ask for this intent, which the ranker
	 * learns from but no pattern has to match (docs/intents.md). */
	size_t nphrasings;
	const char *const *phrasings;
	const int *phrasing_lines;
};

/* One intent that matched, with the slots its best pattern captured. */
struct hr_candidate {
	const struct hr_intent *intent;
	int priority;
	int covered; /* bytes of the utterance the match spans */
	int start;
	size_t nslots;
	struct hr_slot slots[HR_MAX_SLOTS];
};

/*
 * Every intent that matched, best first (see hr_intents_match for the order).
 * Candidates past HR_MAX_CANDIDATES are dropped (counted in `dropped`).
 */
struct hr_match {
	size_t ncandidates;
	size_t dropped;
	struct hr_candidate candidates[HR_MAX_CANDIDATES];
	int limit_hit;         /* a pattern that ran hit the match or depth limit */
	size_t patterns_tried; /* patterns run; the prefilter ruled out the rest */
	char corrected[1024];  /* the utterance after spelling correction */
};

/* Copies what a match found: the candidates used, not the whole array
 * (a struct assignment copies all HR_MAX_CANDIDATES, ~18 kB). */
void hr_match_copy(struct hr_match *to, const struct hr_match *from);

typedef struct hr_intents hr_intents;
typedef struct hr_matcher hr_matcher;

/* Limits applied to every pattern match (PCRE2 match and depth limits). */
struct hr_match_limits {
	unsigned match_limit;
	unsigned depth_limit;
	int use_jit;      /* 0 forces the interpreter (the fuzzer compares both) */
	int no_prefilter; /* 1 tries every pattern (tests compare both; same results) */
};

/* Returns an empty set, or NULL when out of memory. */
hr_intents *hr_intents_new(void);

/* One line of an intents file, as hr_intents_scan() hands it on. */
enum hr_intents_line_kind {
	HR_INTENTS_BLOCK,   /* "intent NAME", "slot NAME" or "words NAME": KEY the keyword, VALUE the name */
	HR_INTENTS_KEY,     /* a line of an intent block, "KEY: VALUE" ("example", "pattern", ...) */
	HR_INTENTS_PHRASES, /* a line of a slot or words block ("value = a, b" or "a, b"): VALUE */
};

struct hr_intents_line {
	enum hr_intents_line_kind kind;
	const char *block; /* the keyword of the block the line is in: "intent", "slot" or "words" */
	char *key;         /* trimmed; NULL for HR_INTENTS_PHRASES */
	char *value;       /* trimmed; writable until the callback returns */
	const char *file;
	int line;
};

/* Called for each line: returns 0 to go on, 1 after reporting an error in
 * the line (for a block line, its indented lines are then skipped), or a
 * negative errno to stop reading. */
typedef int (*hr_intents_line_fn)(void *ud, struct hr_intents_line *l);

/*
 * The one reader of the intents file format (docs/intents.md), for the
 * engine (hr_intents_add_text() builds its set with it) and anything else
 * that reads intents files (the voice grammar takes the examples and slot
 * phrases). Splits TEXT (LEN bytes) into lines, skips blank lines and
 * comments, knows the blocks and the "key: value" lines, and hands every line
 * to FN; what a line means is FN's business. The format's own errors (a line
 * too long, an unknown block, an indented line outside any block, a line of
 * an intent block without "key: value" or without a value) go to DIAG (may be
 * NULL) as FILE:line and are not handed on. Returns 0, -EINVAL when a line
 * was in error (FN's included), or FN's negative errno.
 */
int hr_intents_scan(const char *file, const char *text, size_t len, hr_intents_line_fn fn, void *fn_ud,
                    hr_diag_fn diag, void *ud);

/*
 * Parses one intents file. Problems are reported through DIAG as file:line
 * messages; parsing continues so that one run shows every problem.
 * Returns 0, -EINVAL when the file had errors, or -errno when it cannot be read.
 */
int hr_intents_add_file(hr_intents *set, const char *path, hr_diag_fn diag, void *ud);

/* As hr_intents_add_file, for text already in memory; NAME is used in messages. */
int hr_intents_add_text(hr_intents *set, const char *name, const char *text, size_t len, hr_diag_fn diag,
                        void *ud);

/*
 * Adds every "*.intents" file of DIR in name order. Returns 0, -EINVAL when any
 * file had errors, or -errno when DIR cannot be read.
 */
int hr_intents_add_dir(hr_intents *set, const char *dir, hr_diag_fn diag, void *ud);

/*
 * Whether hr_intents_compile also JIT-compiles every pattern (the default).
 * JIT makes matching about twice as fast, but its machine code is some five
 * times the size of the compiled patterns (about 9 MB for the bundled
 * intents), so a deployment that must stay small can match with PCRE2's
 * interpreter instead; the answers are the same.
 */
void hr_intents_set_jit(hr_intents *set, int on);

/*
 * Whether hr_intents_compile compiles the patterns as herald did before it
 * made them smaller: a slot's or words list's phrases as one flat alternation
 * instead of a trie, and every pattern caseless. Both forms match the same;
 * the old one is kept so that tests and bench/match_bench --check can compare
 * them. Off by default.
 */
void hr_intents_set_flat(hr_intents *set, int on);

/*
 * Expands slot and word references and compiles every pattern (JIT where the
 * platform has it and hr_intents_set_jit allows). Returns 0 or -EINVAL after reporting each bad pattern with
 * its file, line and offset. A set must compile before it matches.
 */
int hr_intents_compile(hr_intents *set, hr_diag_fn diag, void *ud);

/* Frees the set and everything it owns; NULL is accepted. */
void hr_intents_free(hr_intents *set);

/* Number of intents, and the I-th in definition order (0 <= i < count). */
size_t hr_intents_count(const hr_intents *set);
const struct hr_intent *hr_intents_get(const hr_intents *set, size_t i);
const struct hr_intent *hr_intents_find(const hr_intents *set, const char *name);

/*
 * A matcher owns the per-thread scratch space for matching (PCRE2 match data,
 * match context and JIT stack), so that matching allocates nothing (but a
 * pattern's compiled code, the first time that pattern runs).
 * LIMITS may be NULL for the defaults. The matcher must be freed before its set.
 */
hr_matcher *hr_matcher_new(const hr_intents *set, const struct hr_match_limits *limits);
void hr_matcher_free(hr_matcher *m);

/*
 * Matches normalised TEXT (see hr_text_normalize) against every intent and fills
 * OUT with the intents that matched, ranked:
 *   1. higher `priority` first;
 *   2. then the longer match (more of the utterance explained by the pattern);
 *   3. then more slots filled;
 *   4. then the intent defined first (file name order, then line).
 * Before matching, words that are not in the set's vocabulary but are one or two
 * letters away from a vocabulary word are corrected ("hercepton" -> "herceptin").
 * A literal prefilter (prefilter.h) then picks the patterns whose required words
 * occur in the text, and only those run: the ranking is the same as trying every
 * pattern in turn (no_prefilter), at a cost that grows with the patterns a
 * question could match rather than with all patterns.
 * Returns the number of candidates (0 when none matched).
 */
int hr_intents_match(hr_matcher *m, const char *text, struct hr_match *out);

/*
 * A read-only view of one slot or words list, for the ranker (ranker.h),
 * which reads the same lists as concepts. PHRASES are normalised; CANONS[k]
 * is the slot value phrase k stands for (the phrase itself in a words list);
 * PREFIX[k] is set when phrase k was written with a trailing '*'.
 */
struct hr_entity_view {
	const char *name;
	int is_slot;
	size_t nphrases;
	const char *const *phrases;
	const char *const *canons;
	const unsigned char *prefix;
};

/* Number of slot and words lists, and a view of the I-th (valid until the set
 * is freed). Returns 0, or -ENOENT past the end, or -ENOMEM. */
size_t hr_intents_entity_count(const hr_intents *set);
int hr_intents_entity(const hr_intents *set, size_t i, struct hr_entity_view *out);

/*
 * Writes TEXT with the set's spelling correction applied (see hr_intents_match)
 * to OUT (capacity CAP, NUL-terminated), so that other stages see the words
 * the patterns saw.
 */
void hr_intents_correct(const hr_intents *set, const char *text, char *out, size_t cap);

/*
 * hr_intents_correct with M's set, which also remembers a text that the
 * correction leaves as it is (most are), so that hr_intents_match on it does
 * not correct it a second time: the result is the same, since correcting such
 * a text again changes nothing either.
 */
void hr_matcher_correct(hr_matcher *m, const char *text, char *out, size_t cap);

/*
 * The distinct values of slot NAME (in no set order), for tools that enumerate what the content can say
 * (`herald review`). Stores at most CAP pointers into OUT (borrowed from SET) and returns how many values the
 * slot has in all (0 when NAME is not a slot), so a caller can size OUT.
 */
size_t hr_intents_slot_values(const hr_intents *set, const char *name, const char **out, size_t cap);

/*
 * The phrases of slot NAME that stand for VALUE, normalised as questions are
 * (hr_text_normalize), longest first once SET is compiled; PREFIX[i] (when
 * PREFIX is not NULL) is 1 for a phrase written with a trailing '*', which
 * matches any word that starts so. Stores at most CAP entries and returns how
 * many there are in all. The strings are borrowed from SET.
 */
size_t hr_intents_slot_phrases(const hr_intents *set, const char *name, const char *value, const char **out,
                               int *prefix, size_t cap);

/*
 * The slots intent IN can fill: its `needs` first, then every slot its patterns
 * capture, each name once. SET must be compiled. Stores at most CAP names
 * (borrowed from SET) in OUT and returns how many there are in all.
 */
size_t hr_intents_intent_slots(const hr_intents *set, const struct hr_intent *in, const char **out,
                               size_t cap);

/* Returns the value of slot NAME in C, or NULL. */
const char *hr_candidate_slot(const struct hr_candidate *c, const char *name);

#endif
