/*
 * The prefilter's private header: the string sets, the analysis of one
 * pattern (struct info) and the built automaton. prefilter_parse.c reads a
 * regular expression into what any match must contain; prefilter.c builds
 * the automaton over all patterns and runs it. Only these files include it.
 */
#ifndef HERALD_PREFILTER_INT_H
#define HERALD_PREFILTER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "prefilter.h"

#define EXACT_MAX 64   /* strings a product of two sets may make */
#define BIG_MAX 1024   /* strings an alternation, or a set with an edge, may hold */
#define EXACT_LEN 96   /* longest string an exact set may hold */
#define MIN_LIT 2      /* a clause with a shorter string is worthless */
#define GOOD_LIT 5     /* a run of letters this long stands for its string */
#define MAX_CLAUSES 16 /* clauses kept per pattern, the most selective */

/* Bytes the scan and the literals use for word edges; texts and patterns that
 * contain them are not prefiltered. */
#define MARK '\x01'   /* a letter or digit meets something else here */
#define EDGE_B '\x02' /* \b: a word character meets a non-word character */
#define EDGE_L '\x03' /* nothing alphanumeric before here: ^, (?<![a-z0-9]) */
#define EDGE_R '\x04' /* nothing alphanumeric after here: $, (?![a-z0-9]) */
#define CONT '\x05'   /* a word's unknown ending: some letters, digits or _, maybe none */

struct strs {
	char **v;
	size_t n, cap;
};

/* What the analysis knows of one node: an exact set, or clauses. */
struct info {
	int exact;
	struct strs set;  /* when exact */
	struct strs *cnf; /* when not exact: every clause holds */
	size_t ncnf;
};

struct macro {
	char *name;
	char *regex;
	struct info info;
	int bad; /* its regex could not be analysed */
};

/* How often each word occurs in all the patterns and phrases, to pick the
 * rarest word of a string as its literal. */
struct word {
	char *w;
	uint32_t count;
};

struct clause {
	uint32_t pattern;
	struct strs lits;
};

/*
 * A node of the automaton, 12 bytes. Nodes are numbered breadth first, so
 * the children of node N are the nodes child .. nodes[N + 1].child - 1 (the
 * array has a last entry past the nodes for that), and the character on the
 * edge into node M is node_c[M]: no edge arrays. What ends at a node, its own
 * literal and those of its failure chain, is a list in outs[].
 */
struct node {
	uint32_t child; /* the first child */
	uint32_t fail;
	uint32_t out; /* the first entry of outs[] for the literals ending here, or 0 */
};

/* One literal ending at a node, and the next entry ending there (0: none). */
struct out {
	uint32_t lit;
	uint32_t next;
};

struct hr_prefilter {
	/* Building. */
	struct macro *macros;
	size_t nmacros;
	struct clause *clauses;
	size_t nclauses;
	char **sources; /* the patterns, analysed by hr_prefilter_build */
	uint16_t *need; /* clauses each pattern needs */
	size_t npatterns, cap_patterns;
	struct word *words;
	size_t nwords_counted;
	struct strs asked; /* the words of hr_prefilter_note_text, sorted while building */
	/* Built. */
	uint64_t *always; /* patterns with no clause */
	size_t nwords;
	uint32_t *clause_pattern;
	uint32_t nlits;
	uint32_t *post_start; /* literal -> its clauses in post[] */
	uint32_t *post;
	struct node *nodes; /* nnodes + 1 */
	size_t nnodes;
	unsigned char *node_c;
	struct out *outs; /* outs[0] unused */
	uint32_t root_next[128];
};

struct hr_prefilter_scratch {
	uint32_t gen;
	uint32_t *lit_gen, *clause_gen, *pat_gen;
	uint16_t *have;
	size_t nlits, nclauses, npatterns;
};

/* prefilter_parse.c */
void pf_strs_free(struct strs *s);
int pf_strs_add(struct strs *s, const char *p, size_t n);
int pf_cmp_str(const void *a, const void *b);
void pf_info_free(struct info *a);
long pf_clause_score(const struct strs *c);
int pf_absorb(const hr_prefilter *pf, struct info *r, struct info *a);
int pf_analyse(const hr_prefilter *pf, const char *src, struct info *out);

/* Character tests both files use, inline: pf_lower() runs once per byte of
 * every text the prefilter scans. */
static inline int pf_is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static inline int pf_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

#endif
