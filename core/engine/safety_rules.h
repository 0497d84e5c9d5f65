/*
 * The reader of the safety layer's rules file (core/engine/safety.rules): it splits
 * the file into blocks and expands each pattern's {NAME} references to the
 * concept lexicons, so that core/engine/safety.c gets ready PCRE2 sources. It knows
 * the syntax only; what a tier, a group or a flag means is safety.c's.
 *
 * Plain C: no PCRE2, no loop, no Lua.
 */
#ifndef HERALD_SAFETY_RULES_H
#define HERALD_SAFETY_RULES_H

#include <stddef.h>

#include "diag.h"

enum hr_srules_kind {
	HR_SRULES_WORDS,    /* words NAME: a lexicon, {NAME} in patterns */
	HR_SRULES_RULE,     /* rule NAME TIER GROUP [FLAG...] */
	HR_SRULES_CONTEXT,  /* context NAME */
	HR_SRULES_DECISION, /* decision KIND */
	HR_SRULES_LIST,     /* list NAME: words for the C code */
	HR_SRULES_SPELL,    /* spell NAME: spelling targets, keeps and fixes */
};

struct hr_srules_block {
	enum hr_srules_kind kind;
	int line;    /* where the block starts in the file */
	char *name;  /* the word after the kind */
	char **args; /* the header's other words */
	size_t nargs;
	char **lines;  /* the body, one entry per indented line (trimmed, comments left out) */
	int *line_nos; /* the file line of each entry of LINES */
	size_t nlines;
	char **words; /* list and spell blocks: the body split at spaces */
	size_t nwords;
	char *pattern; /* rule, context, decision: the PCRE2 source, {NAME}s expanded */
	/* A rule of several lines: each line as a pattern of its own, with the
	 * rule's word edges ("\b(?:LINE)\b"); PATTERN is their alternation, so
	 * it matches only where one of them does (the prefilter's use of them,
	 * safety_load.c). NULL for one line. */
	char **branches;
	size_t nbranches;
};

struct hr_srules {
	struct hr_srules_block *blocks; /* in file order */
	size_t nblocks;
};

/*
 * Parses TEXT (the contents of the rules file FILE, for messages) into *OUT,
 * which the caller frees with hr_srules_free(). Syntax errors, unknown or
 * circular {NAME}s and duplicate names are reported to DIAG as FILE:LINE
 * messages. Returns 0, -EINVAL (something was reported) or -ENOMEM.
 */
int hr_srules_parse(const char *text, const char *file, hr_diag_fn diag, void *ud, struct hr_srules **out);

/* Frees R and everything it holds; NULL is accepted. */
void hr_srules_free(struct hr_srules *r);

/* The first block of KIND named NAME, or NULL. */
const struct hr_srules_block *hr_srules_find(const struct hr_srules *r, enum hr_srules_kind kind,
                                             const char *name);

#endif
