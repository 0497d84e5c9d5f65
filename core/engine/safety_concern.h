/*
 * The learned crisis check ("concern"): a second, soft layer after the safety
 * rules (safety.h). The rules hear what their lexicons name; crisis told
 * indirectly ("wrote letters to each of my kids and feel calm for the first
 * time") has a longer tail than any list. This is a logistic regression over
 * lower-cased words, word pairs and five-letter word stems, trained offline by
 * tools/concern-train on the safety corpus's main files and built into the
 * binary (safety_concern_model.inc); docs/safety.md, "The learned check", has
 * the training data, the held-out figures and the limits.
 *
 * It never decides a tier and never replaces an answer: when the rules give no
 * tier and the score reaches the threshold, the engine puts one fixed line
 * with 988 before the normal answer (hr_concern_mark) and the wire carries
 * "concern": "crisis". The rules' replies are untouched.
 *
 * Plain C, no state, no allocation: safe from any thread.
 */
#ifndef HERALD_SAFETY_CONCERN_H
#define HERALD_SAFETY_CONCERN_H

#include <stddef.h>

#include "answer.h"

/* The wire's "concern" value when the line was added. */
#define HR_CONCERN_CRISIS "crisis"

/*
 * The model's score for TEXT[0..LEN) (raw bytes, as typed): the log-odds of a
 * crisis times 4096, the highest over the message's windows of 48 words (so a
 * crisis told in the middle of a long letter counts as it would alone).
 */
int hr_concern_score(const char *text, size_t len);

/* The same as a probability, 0 to 1, for tools and tests. */
double hr_concern_probability(const char *text, size_t len);

/* 1 when TEXT's score reaches the shipped threshold (p >= 0.9; p >= 0.95
 * for a letter longer than a window, read sentence by sentence), else 0. */
int hr_concern_check(const char *text, size_t len);

/*
 * Puts the fixed concern line before A's text and speech and sets
 * A->concern; adds the 988 Lifeline to the sources when there is room. A
 * second call changes nothing. Never for a safety reply (A->safety set):
 * those already give 988 or 911 first, and the call is then a no-op.
 * Returns 0 or -ENOMEM (A is then unchanged).
 */
int hr_concern_mark(struct hr_answer *a);

/* The turn right after a 911 reply that tells no new alarm ("ok but about the
 * hair?" after stroke signs): its answer opens with a line asking to call 911
 * first if that has not been done (hr_after_emergency_line). Nothing when the
 * answer is itself a safety reply. Returns 0 or -ENOMEM. */
extern const char hr_after_emergency_line[];
int hr_after_emergency_mark(struct hr_answer *a);

/* The concern line, text and speech forms (for tests and docs). */
extern const char hr_concern_line[];
extern const char hr_concern_line_speech[];

#endif
