/*
 * Fuzzes the intent engine on the bundled intents: any utterance is
 * normalised and matched three times: by PCRE2's JIT and by its interpreter,
 * under tight match and depth limits, and by the JIT without the literal
 * prefilter (every pattern tried). All must finish, and when none hit a limit
 * they must agree on every candidate, its coverage and its slots.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intent.h"
#include "text.h"

#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hr_intents *set;
static hr_matcher *jit, *interp, *every;

static void diag(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	fprintf(stderr, "%s:%d: %s\n", file, line, msg);
}

static void setup(void)
{
	const char *dir = getenv("HERALD_INTENTS_DIR");
	set = hr_intents_new();
	if (!set || hr_intents_add_dir(set, dir ? dir : HERALD_SOURCE_DIR "/intents", diag, NULL) ||
	    hr_intents_compile(set, diag, NULL))
		abort();
	struct hr_match_limits tight = {.match_limit = 5000, .depth_limit = 200, .use_jit = 1};
	jit = hr_matcher_new(set, &tight);
	tight.use_jit = 0;
	interp = hr_matcher_new(set, &tight);
	tight.use_jit = 1;
	tight.no_prefilter = 1;
	every = hr_matcher_new(set, &tight);
	if (!jit || !interp || !every)
		abort();
}

static int same_candidate(const struct hr_candidate *a, const struct hr_candidate *b)
{
	if (a->intent != b->intent || a->priority != b->priority || a->covered != b->covered ||
	    a->start != b->start || a->nslots != b->nslots)
		return 0;
	for (size_t i = 0; i < a->nslots; i++) {
		if (strcmp(a->slots[i].name, b->slots[i].name) ||
		    strcmp(a->slots[i].value, b->slots[i].value))
			return 0;
	}
	return 1;
}

static int same_match(const struct hr_match *a, const struct hr_match *b)
{
	if (a->ncandidates != b->ncandidates || strcmp(a->corrected, b->corrected) != 0)
		return 0;
	for (size_t i = 0; i < a->ncandidates; i++) {
		if (!same_candidate(&a->candidates[i], &b->candidates[i]))
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!set)
		setup();
	if (size > 4096)
		return 0; /* the protocol's own limit */
	/* As the engine does: invalid UTF-8 never reaches the matcher. */
	if (!hr_text_valid_utf8((const char *)data, size))
		return 0;
	char norm[8192];
	if (hr_text_normalize((const char *)data, size, norm, sizeof(norm)) < 0)
		return 0;
	static struct hr_match a, b, c;
	int ra = hr_intents_match(jit, norm, &a);
	int rb = hr_intents_match(interp, norm, &b);
	int rc = hr_intents_match(every, norm, &c);
	/* They count their work differently, so under a limit one may stop
	 * where another finishes; all must still return cleanly. */
	if (ra < 0 || rb < 0 || rc < 0 || a.limit_hit || b.limit_hit || c.limit_hit)
		return 0;
	if (!same_match(&a, &b) || !same_match(&a, &c))
		abort();
	return 0;
}
