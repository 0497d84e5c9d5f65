/*
 * Cross-validation of routing over the content's own examples and phrasings:
 * `herald check --cv` and bench/route_scores route each held-out question by a
 * ranker trained without it. Plain C over the engine; no I/O.
 */
#ifndef HERALD_CROSSVAL_H
#define HERALD_CROSSVAL_H

#include <stddef.h>

#include "engine.h"

/* One question left out of its fold's ranker. */
struct hr_cv_item {
	const struct hr_intent *intent; /* the intent it was written for */
	const char *question;
	size_t index;                 /* its place among the intent's examples, then phrasings */
	int phrasing;                 /* 0 an example, 1 a phrasing */
	int fold;                     /* 0 .. folds - 1 */
	const struct hr_convo *convo; /* the intent's needed slots marked known */
};

/* Called for each held-out question while ENGINE routes with its fold's
 * ranker; a non-zero return stops the run and is returned. */
typedef int (*hr_cv_fn)(hr_engine *engine, const struct hr_cv_item *item, void *ud);

/*
 * Runs FOLDS folds: fold f leaves out every FOLDS-th example and phrasing
 * (counted over all intents in order, starting at f) from a ranker of MODEL
 * trained on the rest, sets it on ENGINE and calls FN for each question left
 * out. CONTENT's own ranker is put back on ENGINE before returning. Returns
 * the number of folds whose ranker could not be built (0 normally), FN's
 * non-zero return, or -ENOMEM.
 */
int hr_cv_folds(hr_engine *engine, struct hr_content *content, int folds, enum hr_ranker_model model,
                hr_cv_fn fn, void *ud);

#endif
