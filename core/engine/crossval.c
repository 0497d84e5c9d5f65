/*
 * Cross-validation folds over the examples and phrasings (crossval.h). One
 * loop for the CLI's report and the bench's score dump, so that both leave
 * out the same questions and route them the same way.
 */
#include "crossval.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As `herald check`: the intent's own needed slots count as known, so a
 * question written for an intent that needs a drug is routed as if one had
 * been named earlier. */
static void known_needs(const struct hr_intent *in, struct hr_convo *convo)
{
	memset(convo, 0, sizeof(*convo));
	for (size_t ni = 0; ni < in->nneeds && ni < HR_MAX_SLOTS; ni++) {
		snprintf(convo->context[ni].name, sizeof(convo->context[ni].name), "%s", in->needs[ni]);
		snprintf(convo->context[ni].value, sizeof(convo->context[ni].value), "%s", "known");
		convo->ncontext++;
	}
}

int hr_cv_folds(hr_engine *engine, struct hr_content *content, int folds, enum hr_ranker_model model,
                hr_cv_fn fn, void *ud)
{
	size_t nex = 0, nint = hr_intents_count(content->intents);
	for (size_t i = 0; i < nint; i++)
		nex += hr_intents_get(content->intents, i)->nexamples +
		       hr_intents_get(content->intents, i)->nphrasings;
	unsigned char *exclude = calloc(nex + 1, 1);
	if (!exclude)
		return -ENOMEM;
	hr_ranker *keep = content->ranker;
	int failed = 0, rc = 0;
	struct hr_convo convo;
	for (int f = 0; f < folds && rc == 0; f++) {
		for (size_t x = 0; x < nex; x++)
			exclude[x] = (int)(x % (size_t)folds) == f;
		hr_ranker *r = NULL;
		struct hr_ranker_options opt = {.model = model, .exclude = exclude};
		if (hr_ranker_new(content->intents, &opt, &r)) {
			failed++;
			continue;
		}
		content->ranker = r;
		hr_engine_set_content(engine, content);
		size_t x = 0;
		for (size_t i = 0; i < nint && rc == 0; i++) {
			const struct hr_intent *in = hr_intents_get(content->intents, i);
			for (size_t k = 0; k < in->nexamples + in->nphrasings && rc == 0; k++, x++) {
				if (!exclude[x])
					continue;
				int phrasing = k >= in->nexamples;
				known_needs(in, &convo);
				struct hr_cv_item item = {
				    .intent = in,
				    .question = phrasing ? in->phrasings[k - in->nexamples] : in->examples[k],
				    .index = k,
				    .phrasing = phrasing,
				    .fold = f,
				    .convo = &convo,
				};
				rc = fn(engine, &item, ud);
			}
		}
		content->ranker = keep;
		hr_engine_set_content(engine, content);
		hr_ranker_free(r);
	}
	free(exclude);
	return rc ? rc : failed;
}
