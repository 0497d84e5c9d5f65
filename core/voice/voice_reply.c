/*
 * What the voice path says of its own, around or instead of the engine's
 * answer (voice_reply.h): plain string work on hr_answer, no loop.
 */
#include "voice_reply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safety.h"
#include "voice.h"

/* After the first sentence, an answer spoken in parts is said in pieces of
 * about this many bytes (whole sentences), each sent when it is ready. */
#define PART_CHARS 400

/* Cuts TEXT to at most MAX bytes, at the end of a sentence when there is one. */
char *hr_voice_speech_text(const char *text, size_t max)
{
	size_t len = strlen(text);
	if (len <= max)
		return strdup(text);
	size_t cut = max;
	while (cut > max / 2 && !(strchr(".!?", text[cut - 1]) && text[cut] == ' '))
		cut--;
	if (cut <= max / 2)
		cut = max;
	while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
		cut--; /* never inside a UTF-8 character */
	return strndup(text, cut);
}

/* The answer when nothing herald knows was heard: ask again, kindly. */
int hr_voice_not_heard(struct hr_answer *a)
{
	int rc = hr_answer_set(&a->intent, "fallback");
	if (!rc)
		rc = hr_answer_set(&a->text,
		                   "Sorry, I didn't catch that. Please ask again, a little more slowly, "
		                   "or type your question.");
	if (!rc)
		rc = hr_answer_set(&a->speech, a->text);
	if (!rc)
		rc = hr_answer_add_suggestion(a, "What does HER2-positive mean?");
	if (!rc)
		rc = hr_answer_add_suggestion(a, "What are the side effects of Herceptin?");
	return rc;
}

/* Puts BEFORE and AFTER around the answer's text and speech. */
static int wrap(struct hr_answer *a, const char *before, const char *after)
{
	for (char **p = &a->text; p; p = p == &a->text ? &a->speech : NULL) {
		if (!*p)
			continue;
		size_t nb = strlen(before), n = strlen(*p), na = strlen(after);
		char *t = malloc(nb + n + na + 1);
		if (!t)
			return -ENOMEM;
		memcpy(t, before, nb);
		memcpy(t + nb, *p, n);
		/* "...: please call" after a lead-in that ends in a colon. */
		if (nb > 2 && before[nb - 2] == ':' && t[nb] >= 'A' && t[nb] <= 'Z' && t[nb + 1] != ' ')
			t[nb] = (char)(t[nb] - 'A' + 'a');
		memcpy(t + nb + n, after, na + 1);
		free(*p);
		*p = t;
	}
	return 0;
}

/*
 * After a safety answer given to what herald may have misheard. A crisis
 * answer is opened with one short question, so a person who said something
 * else is asked rather than told, and 988 follows either way; an emergency
 * answer keeps its first words (call 911, call the care team) and says the
 * doubt after them.
 */
int hr_voice_add_doubt(struct hr_answer *a)
{
	if (a->safety == HR_SAFETY_CRISIS)
		return wrap(a,
		            "I'm not sure I heard you right, so I want to ask: are you thinking about "
		            "hurting yourself or ending your life? If you are, or you are not sure: ",
		            " If I heard you wrong, please ask your question again.");
	return wrap(a, "",
	            " I may not have heard you right. If you meant something else, please say it again.");
}

/*
 * The answer when herald is not sure: the sentence it thinks it heard, asked
 * back and offered as a suggestion (a tap asks it as typed text). Nothing is
 * answered, so no drug the person may not have named is talked about.
 */
int hr_voice_did_you_mean(struct hr_answer *a, const char *sentence)
{
	char q[HR_TRANSCRIPT_MAX + 2];
	snprintf(q, sizeof(q), "%s?", sentence);
	if (q[0] >= 'a' && q[0] <= 'z')
		q[0] = (char)(q[0] - 'a' + 'A');
	char text[2 * HR_TRANSCRIPT_MAX];
	snprintf(text, sizeof(text),
	         "I'm not sure I heard you right. Did you mean: \"%s\" "
	         "If so, tap it below or say it again.",
	         q);
	char speech[2 * HR_TRANSCRIPT_MAX];
	snprintf(speech, sizeof(speech),
	         "I'm not sure I heard you right. Did you ask: %s "
	         "If so, please say it again, a little more slowly.",
	         q);
	int rc = hr_answer_set(&a->intent, "fallback");
	if (!rc)
		rc = hr_answer_set(&a->text, text);
	if (!rc)
		rc = hr_answer_set(&a->speech, speech);
	if (!rc)
		rc = hr_answer_add_suggestion(a, q);
	return rc;
}

size_t hr_voice_part_len(const char *text, int first)
{
	size_t len = strlen(text), end = 0;
	for (size_t i = 0; i < len; i++) {
		if (!strchr(".!?", text[i]) || (text[i + 1] != ' ' && text[i + 1] != '\0'))
			continue;
		/* The first part is the first sentence, however short or long;
		 * later ones gather sentences up to PART_CHARS. */
		if (end && (first || i + 1 > PART_CHARS))
			break;
		end = i + 1;
		if (first)
			break;
	}
	if (!end || len - end < 2)
		end = len; /* no sentence end, or nothing after it */
	while (end < len && text[end] == ' ')
		end++;
	return end;
}
