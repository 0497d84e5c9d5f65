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
#include <string.h>

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
 * The nodes of the automaton, NODE_BYTES each: three 24-bit fields, the
 * first child, the failure link and the first entry of outs[] for the
 * literals ending at the node (0: none). Nodes are numbered breadth first, so
 * the children of node N are the nodes child(N) .. child(N + 1) - 1 (the
 * array has a last entry past the nodes for that), and the character on the
 * edge into node M is node_c[M]: no edge arrays. What ends at a node, its own
 * literal and those of its failure chain, is a list in outs[].
 * Three bytes a field rather than four: the two automatons are the largest
 * thing an idle worker holds after the Lua states (172,000 nodes, 2 MB at 12
 * bytes a node; docs/performance.md, tenth round). A set needing more than
 * NODE_MAX nodes or literals is refused (-EFBIG): ten times today's intents
 * need under a million.
 */
#define NODE_BYTES 9
#define NODE_MAX 0xffffffu
enum node_field { NODE_CHILD = 0, NODE_FAIL = 3, NODE_OUT = 6 };

/* A field: one 4-byte load where the machine is little-endian (the array
 * has NODE_PAD bytes after its last node for that), else three. */
#define NODE_PAD 1
static inline uint32_t node_get(const unsigned char *nodes, uint32_t n, enum node_field f)
{
	const unsigned char *p = nodes + (size_t)n * NODE_BYTES + f;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v & NODE_MAX;
#else
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
#endif
}

static inline void node_set(unsigned char *nodes, uint32_t n, enum node_field f, uint32_t v)
{
	unsigned char *p = nodes + (size_t)n * NODE_BYTES + f;
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
}

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
	unsigned char *nodes; /* nnodes + 1 of NODE_BYTES (node_get) */
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
