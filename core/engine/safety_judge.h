#ifndef HERALD_SAFETY_JUDGE_H
#define HERALD_SAFETY_JUDGE_H

/*
 * How the words before a safety rule's match read it: a report, a question
 * about the topic, a condition or a negation (safety.c, "How a message is
 * judged", 2-3). Plain C over the normalised text and the rules file's word
 * lists.
 */
#include <stddef.h>

struct ruleset;

enum stance {
	PLAIN,    /* neither a report nor a question about the topic */
	NEGATED,  /* a negator cancels the trigger */
	INFO,     /* the trigger is the topic of a question */
	TOPIC,    /* a drug right before it, search-style: INFO unless a report follows */
	HYPO,     /* a condition, a future or a might-have-been: "if I get", "I'll have", "I could have" */
	REPORTED, /* someone reports it as happening */
};

/* Reads the words before byte START of TEXT backwards, nearest first, and
 * classifies the trigger there. NEG_WINDOW words are searched for a negator,
 * SCAN_WINDOW words for everything else. */
enum stance sf_judge(const struct ruleset *rs, const char *text, size_t start, size_t neg_window);

#endif
