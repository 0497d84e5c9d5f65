/*
 * The values a message names (drugs, regimens, tests), in the order a
 * question means them: what the focus sentence names first, then the story's,
 * the current before the done with (docs/intents.md, Focus). route.c and
 * engine.c ask these; they call nothing of either back.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine_int.h"

/* Whether the value at START of TEXT is named as done with: the word before
 * it (past "my", "the"...) is "after", "had", "finished", "than"... ("I'm on
 * Nerlynx after Herceptin", "before surgery I had Herceptin"). Such a value
 * yields to one named as current. */
static int named_as_past(const char *text, int start)
{
	static const char *const skip[] = {"my",    "the",  "a",   "an", "her", "his",
	                                   "their", "some", "all", "of", "with"};
	static const char *const past[] = {
	    "after", "had",     "finished", "finishing", "completed",  "done",  "stopped", "stopping",
	    "than",  "instead", "off",      "previous",  "previously", "prior", "former",  "used"};
	if (!text || start <= 0)
		return 0;
	int end = start;
	for (int hops = 0; hops < 3; hops++) {
		while (end > 0 && text[end - 1] == ' ')
			end--;
		int b = end;
		while (b > 0 && text[b - 1] != ' ')
			b--;
		if (b == end)
			return 0;
		size_t len = (size_t)(end - b);
		int skipped = 0;
		for (size_t i = 0; i < sizeof(past) / sizeof(past[0]); i++) {
			if (strlen(past[i]) == len && strncmp(text + b, past[i], len) == 0)
				return 1;
		}
		for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]) && !skipped; i++)
			skipped = strlen(skip[i]) == len && strncmp(text + b, skip[i], len) == 0;
		if (!skipped)
			return 0;
		end = b;
	}
	return 0;
}

/* Whether value I of CS follows the value before it of the same list by
 * "with", "plus" or "and" ("lapatinib with letrozole", "tykerb and xeloda"):
 * a partner, given with the first, not named after it as the newer one. */
static int named_as_partner(const struct hr_concepts *cs, size_t i, const char *text)
{
	size_t k = i;
	while (k-- > 0 && !cs->c[k].value)
		;
	if (!text || k >= i || strcmp(cs->c[k].entity, cs->c[i].entity) != 0)
		return 0;
	int gap = cs->c[i].start - cs->c[k].end;
	const char *g = text + cs->c[k].end;
	return (gap == 6 && (strncmp(g, " with ", 6) == 0 || strncmp(g, " plus ", 6) == 0)) ||
	       (gap == 5 && strncmp(g, " and ", 5) == 0);
}

void en_named_add(struct named *nm, const struct hr_concepts *cs, int focus, const char *text)
{
	/* In the question, the first value named is what it asks about ("is
	 * herceptin like kadcyla"); in the story, the latest is the current one
	 * ("I switched from herceptin to letrozole"), so the story's go in
	 * reverse, except a partner named with the one before it ("lapatinib
	 * with letrozole, what do I watch for": blind patient probe 16 got the
	 * partner's card), which comes after all the others. */
	for (size_t j = 0; j < 2 * cs->n; j++) {
		size_t i = focus ? j : cs->n - 1 - j % cs->n;
		if (j >= cs->n && focus)
			break;
		if (!cs->c[i].value)
			continue;
		if (!focus && (j < cs->n) == named_as_partner(cs, i, text))
			continue;
		int dup = 0;
		for (size_t k = 0; k < nm->n && !dup; k++)
			dup = strcmp(nm->v[k].name, cs->c[i].entity) == 0 &&
			      strcmp(nm->v[k].value, cs->c[i].value) == 0;
		if (dup || nm->n == sizeof(nm->v) / sizeof(nm->v[0]))
			continue;
		snprintf(nm->v[nm->n].name, sizeof(nm->v[0].name), "%s", cs->c[i].entity);
		snprintf(nm->v[nm->n].value, sizeof(nm->v[0].value), "%s", cs->c[i].value);
		nm->past[nm->n] = named_as_past(text, cs->c[i].start);
		nm->in_focus[nm->n++] = focus;
	}
}

/* The first value of slot NAME the message names (the focus sentence wins;
 * within each, one named as current before one named as done with). */
const char *en_named_get(const struct named *nm, const char *name)
{
	for (int pass = 1; pass >= 0; pass--) {
		for (int past = 0; past <= 1; past++) {
			for (size_t i = 0; i < nm->n; i++) {
				if (nm->in_focus[i] == pass && nm->past[i] == past &&
				    strcmp(nm->v[i].name, name) == 0)
					return nm->v[i].value;
			}
		}
	}
	return NULL;
}
