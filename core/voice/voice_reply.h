/*
 * What the voice path says of its own (voice_reply.c), around or instead of
 * the engine's answer: "say that again", "did you mean", the doubt around a
 * safety answer given to what may have been misheard, and how an answer's
 * speech is cut to be said. Plain C (no loop): voice.c calls it on the loop.
 */
#ifndef HERALD_VOICE_REPLY_H
#define HERALD_VOICE_REPLY_H

#include <stddef.h>

#include "answer.h"

/* Fills A with the answer when nothing herald knows was heard. Returns 0 or -ENOMEM. */
int hr_voice_not_heard(struct hr_answer *a);

/* Fills A with "did you mean: SENTENCE?", the sentence offered to tap;
 * nothing is answered. Returns 0 or -ENOMEM. */
int hr_voice_did_you_mean(struct hr_answer *a, const char *sentence);

/* Wraps A, a safety answer to what may have been misheard, in words of
 * doubt that keep its safety line (docs/voice.md, "Safety first"). Returns 0
 * or -ENOMEM. */
int hr_voice_add_doubt(struct hr_answer *a);

/* TEXT cut to at most MAX bytes, at a sentence end when there is one: a
 * malloc'd string the caller frees, or NULL. */
char *hr_voice_speech_text(const char *text, size_t max);

#endif
