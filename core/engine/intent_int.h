/*
 * The intent engine's private header: the parsed set (entities, groups,
 * patterns, intents) and the compiled matcher. intent_parse.c reads intent
 * files, intent_compile.c expands and compiles them, intent.c matches. Only
 * these files include it.
 */
#ifndef HERALD_INTENT_INT_H
#define HERALD_INTENT_INT_H

#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "intent.h"
#include "prefilter.h"
#include "util.h"

/* A phrase of a slot or word list, normalised; CANON is the slot value it stands for. */
struct phrase {
	char *text;
	char *canon;
	int prefix; /* written with a trailing '*': matches any word that starts so */
};

struct entity {
	char *name;
	int is_slot; /* "slot": {name} captures; "words": {name} only matches */
	char *file;
	int line;
	struct phrase *phrases;
	size_t nphrases;
	/* The phrases as parallel arrays, for hr_intents_entity (built by compile). */
	const char **vtext;
	const char **vcanon;
	unsigned char *vprefix;
};

/* One named group of a compiled pattern, resolved at compile time. */
struct group {
	const char *name; /* the entity's name, or OWN */
	char *own;        /* a raw (?<name>...) group's name, copied from the name table */
	int number;
	const struct entity *entity; /* NULL for a raw (?<name>...) group */
};

struct pattern {
	char *source; /* as written */
	char *file;
	int line;
	pcre2_code *code; /* set when STATE is PT_READY */
	uint32_t opts;    /* the options it compiles with */
	/* PT_FAILED, or PT_LAZY -> PT_BUSY (one thread compiling) -> PT_READY
	 * (in_ensure_code() in intent.c). */
	_Atomic int state;
	size_t ngroups;
	struct group *groups;
};

/*
 * A pattern is compiled when the content loads, so that one that does not
 * compile is reported there, and its code is then freed (PT_LAZY): the
 * prefilter runs about nine of the ~900 patterns a question, and the compiled
 * code of patterns that never run was the largest part of an idle worker's
 * heap (docs/performance.md, issue 20's sixth round). It is compiled again,
 * with the same source and options, and JIT-compiled when the set uses JIT,
 * the first time it runs (PT_BUSY while one thread does that), and kept
 * (PT_READY). PT_FAILED: it did not compile; it never matches.
 */
enum { PT_FAILED = 0, PT_LAZY, PT_BUSY, PT_READY };

/* Expands {name} references in SRC (intent_compile.c). Returns the new source
 * (the caller frees it) or NULL, with BAD set to the unknown name when one is
 * found and empty when out of memory. */
char *in_expand(const hr_intents *set, const char *src, char *bad, size_t badcap);

struct intent {
	struct hr_intent pub; /* first member: the public view */
	struct pattern *patterns;
	size_t npatterns;
	char **examples;
	int *example_lines;
	char **phrasings;
	int *phrasing_lines;
	char *needs_buf[HR_MAX_NEEDS];
};

struct hr_intents {
	/* The phrases' text and values, the patterns' sources, the examples
	 * and phrasings: kept as long as the set, freed with it. */
	struct hr_strpool strs;
	struct entity *entities;
	size_t nentities;
	struct intent *intents;
	size_t nintents;
	/* Spelling (intent_spell.c), each sorted and unique: the words the content
	 * knows (five letters or more), the pairs of words it writes side by side
	 * ("side effects", to split a run-together word), its four-letter words
	 * (never mended of a doubled letter), the drugs' one-word names, the
	 * stubs of its phrases written with a trailing '*' (a word that starts
	 * with one is known), and the variant spellings written beside their
	 * right one, as "variant\0right". */
	char **vocab, **pairs, **shortw, **names, **stubs, **fixes;
	size_t nvocab, npairs, nshortw, nnames, nstubs, nfixes;
	unsigned char *vocab_ex; /* per vocabulary word: 1 when an example or phrasing uses it */
	/* Where the vocabulary's and the stubs' words with each first byte begin
	 * (both are sorted, so a first byte's words are vocab[at[c]..at[c + 1])),
	 * and each stub's length: spelling looks only at the words that can
	 * answer, a few instead of thousands, on every word of every question. */
	uint32_t vocab_at[257], stub_at[257];
	uint32_t *stub_len;
	/* The intents' indices sorted by name, made by hr_intents_compile():
	 * hr_intents_find() looks a name up by halves instead of comparing all
	 * 210, which each follow-up asks for the previous turn's intent (once
	 * intents are added after it, nby_name falls behind and it reads all). */
	const struct hr_intent **by_name;
	size_t nby_name;
	char **files; /* file names, owned here, referenced by intents and patterns */
	size_t nfiles;
	int compiled;
	int jit;          /* JIT-compile the patterns (hr_intents_set_jit) */
	int flat_phrases; /* compile phrases as flat alternations (hr_intents_set_flat) */
	/* Every pattern in the order they are tried (intent order, then line),
	 * numbered as the prefilter numbers them. */
	const struct pattern **flat;
	uint32_t *flat_intent;
	size_t nflat;
	hr_prefilter *pf; /* NULL: try every pattern */
};

struct hr_matcher {
	const hr_intents *set;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	uint32_t match_options;
	hr_prefilter_scratch *pfs; /* NULL: try every pattern */
	uint64_t *bits;            /* the prefilter's candidates, one bit per pattern */
	/* The last texts hr_matcher_correct found already correct, newest at
	 * FIXED_NEXT - 1 (a ring): a message's sentences are all prepared before
	 * any is matched. */
	char (*fixed)[1024];
	unsigned fixed_next;
	/* The last text matched and what it matched: routing a follow-up with
	 * the earlier turn's topic matches the question's own sentence again
	 * (route.c), ~60,000 instructions on a broad question
	 * (docs/performance.md, thirteenth round). The set and the limits do not
	 * change in a matcher's life, so the text alone is the key. */
	char *memo_text;
	struct hr_match *memo;
	int memo_ok;
};

#define MATCHER_FIXED 8

static inline void *grow(void *arr, size_t n, size_t elem)
{
	/* Grows ARR to hold N+1 elements, doubling capacity at powers of two. */
	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n == 0 ? 4 : n * 2;
		void *p = realloc(arr, cap * elem);
		return p;
	}
	return arr;
}

#define PUSH(arr, n) ((arr) = grow((arr), (n), sizeof(*(arr))), (arr) ? &(arr)[(n)++] : NULL)

/* intent_parse.c */
struct entity *in_find_entity(const hr_intents *set, const char *name, size_t len);
int in_name_cmp(const void *a, const void *b);

/* intent_spell.c: builds the spelling lists of a set whose intents and
 * entities are parsed (0 or -ENOMEM); frees them (also half-built); copies
 * TEXT to OUT (CAP bytes) with its unknown words corrected. */
int in_spell_build(hr_intents *set);
void in_spell_free(hr_intents *set);
void in_spell_correct(const hr_intents *set, const char *text, char *out, size_t cap);

/* intent_compile.c */
int in_needs_caseless(const char *src);

#endif
