/*
 * Everything herald can say, rendered: every intent answered by its plugin for
 * every value of every slot it accepts, and for each of its example questions,
 * so that people (`herald review`, the book a clinic signs off) and tests can
 * read all of it at once. Also the automatic checks every rendered answer must
 * pass (hr_review_check).
 *
 * Plain C over the engine: no loop, no Lua, no network. Rendering calls the
 * plugins through the sandbox, under their usual budgets.
 */
#ifndef HERALD_REVIEW_H
#define HERALD_REVIEW_H

#include <stddef.h>

#include "answer.h"
#include "engine.h"
#include "intent.h"
#include "reach.h"

/* One rendered answer. */
struct hr_render {
	/* The intent routed to; for a facet, its topic; NULL for a hand-over
	 * target or an unreachable handler (HANDLER says which). */
	const struct hr_intent *intent;
	/* The handler called when no intent routes to it (borrowed from the
	 * review's reach map), else NULL; REACH then says how it is reached. */
	const struct hr_reached *reach;
	const char *handler;
	const char *plugin; /* the plugin that answered (borrowed from the content) */
	/* What it was rendered for: a slot value, or an example question. */
	char slot[HR_NAME_MAX];        /* "" when no slot was given */
	char value[HR_SLOT_VALUE_MAX]; /* the slot's value */
	const char *example;           /* the example asked (borrowed), or NULL */
	struct hr_answer answer;       /* empty when rc != 0 */
	int rc;                        /* 0, or the plugin's error */
	char err[512];
	size_t same_as; /* index of an earlier render of this intent with the same text, or SIZE_MAX */
};

struct hr_review {
	struct hr_render *v;
	size_t n, cap;
	struct hr_reach_map reach; /* the handlers no intent routes to (reach.h) */
};

/* Whether renders A and B answer the same handler (the same intent, or the
 * same unrouted handler): figures and repeats are compared within one. */
int hr_review_same_handler(const struct hr_render *a, const struct hr_render *b);

/*
 * Renders every intent of CONTENT: once per value of each slot the intent can
 * fill (hr_intents_intent_slots), and once per example question, asked as the
 * first turn of a conversation through the whole engine (safety check and
 * deferrals included). An example that the engine routes to another intent is
 * not rendered here (`herald check` reports it). Then every handler a plugin
 * registers that no intent routes to (reach.h): a facet once per value of each
 * slot of its topic, asked as a follow-up to the topic (or once bare when the
 * topic has no slots); a hand-over target and an unreachable handler once, for
 * a question with no details. Fills OUT, which must be
 * zeroed; free it with hr_review_free. Returns 0 or -ENOMEM.
 */
int hr_review_render(struct hr_content *content, struct hr_review *out);

void hr_review_free(struct hr_review *r);

/* Called once per finding of hr_review_check; R is the render at fault (NULL
 * for a problem with no render, such as memory running out). A note (IS_NOTE
 * 1) is worth a reviewer's look but is not a fault: a source that is a site's
 * home page, fine for an organisation a person may contact. */
typedef void (*hr_review_problem_fn)(void *ud, const struct hr_render *r, int is_note, const char *msg);

/*
 * The checks every rendered answer must pass:
 *   - the plugin answered (no error), with text, a speech form and at least one
 *     source, each source with a title and, when it has a URL, a well-formed
 *     http(s) URL that is not a page of search results (a site's home page is
 *     a note, not a problem);
 *   - no empty part: no empty sentence, empty brackets or empty suggestion;
 *   - no sentence said twice in one answer;
 *   - a Flesch-Kincaid grade of at most MAX_GRADE;
 *   - for a render with a slot named in NAME_SLOTS (for herald, "drug"): a
 *     sentence may name another value of that slot only if it also names the
 *     value asked about, or another sentence of the answer names the two
 *     together (else it is one drug's text under another drug's name); and no
 *     sentence with a rate ("10 to 15 in 100", "12%") that names no value is
 *     given for two different values of the slot (a figure that belongs to one
 *     drug shown under another).
 * Calls PROBLEM for each finding and returns how many were problems (notes
 * are not counted).
 */
size_t hr_review_check(const hr_intents *intents, const struct hr_review *r, const char *const *name_slots,
                       size_t nname_slots, double max_grade, hr_review_problem_fn problem, void *ud);

/* The Flesch-Kincaid grade of TEXT, computed as ../shared/eval/run-eval does. */
double hr_review_grade(const char *text);

#endif
