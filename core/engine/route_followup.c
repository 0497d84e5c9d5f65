/*
 * Follow-ups: what the previous turn lends the question after it
 * (docs/intents.md, Conversation). route.c asks these; they call nothing of
 * route.c back.
 */
#include <string.h>

#include "engine_int.h"

/*
 * Whether the previous turn answered a topic of the content, so that a short
 * follow-up which names no cancer word itself ("can I still drink coffee
 * with it", "what about on the weekends") is still about cancer care, and the
 * ranker may answer it. Not after small talk (conversation.*), the fallback, a
 * clarifying question or a safety reply: those turns named no topic to lean
 * on. The name comes from the client's context string, so it counts only
 * when the content has that intent.
 */
int en_follow_anchored(const hr_engine *e, const struct hr_convo *convo)
{
	if (!convo || !convo->previous[0] || !e->content->intents)
		return 0;
	const char *prev = convo->previous;
	if (strncmp(prev, "conversation.", 13) == 0 || strncmp(prev, "safety.", 7) == 0 ||
	    strcmp(prev, "fallback") == 0 || strcmp(prev, "clarify") == 0)
		return 0;
	return hr_intents_find(e->content->intents, prev) != NULL;
}

/*
 * Whether normalised S carries on from the previous turn by its opening
 * words, as a pointing word would ("what about my car payment", "and on the
 * weekends", "how about for my husband"): asked after a topic, it asks the
 * same about something else.
 */
int en_follow_continues(const char *s)
{
	static const char *const starts[] = {"what about ", "how about ", "and what about ", "and how about ",
	                                     "and ",        "also ",      "same for ",       "what of "};
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		if (strncmp(s, starts[i], strlen(starts[i])) == 0)
			return 1;
	}
	return 0;
}
