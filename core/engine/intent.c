/*
 * The intent engine. See intent.h for the contract and docs/intents.md for the
 * file format. Parsing builds plain arrays; compiling expands {references} into
 * PCRE2 source and compiles each pattern, to report what does not compile;
 * a pattern is compiled again, to keep, the first time it runs (PT_LAZY in
 * intent_int.h). Matching allocates nothing but that.
 *
 * Files: intent_parse.c reads intent files, intent_compile.c expands and
 * compiles them, this file matches; intent_int.h is what they share.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "intent.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "prefilter.h"
#include "text.h"

#include "intent_int.h"

hr_intents *hr_intents_new(void)
{
	hr_intents *set = calloc(1, sizeof(hr_intents));
	if (set)
		set->jit = 1;
	return set;
}

void hr_intents_set_jit(hr_intents *set, int on)
{
	set->jit = on;
}

void hr_intents_set_flat(hr_intents *set, int on)
{
	set->flat_phrases = on;
}

void hr_intents_free(hr_intents *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nentities; i++) {
		struct entity *e = &set->entities[i];
		free(e->phrases);
		free(e->vtext);
		free(e->vcanon);
		free(e->vprefix);
		free(e->name);
	}
	free(set->entities);
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->npatterns; k++) {
			struct pattern *pt = &in->patterns[k];
			pcre2_code_free(pt->code);
			for (size_t g = 0; g < pt->ngroups; g++)
				free(pt->groups[g].own);
			free(pt->groups);
		}
		free(in->patterns);
		free(in->examples);
		free(in->example_lines);
		free(in->phrasings);
		free(in->phrasing_lines);
		for (size_t k = 0; k < in->pub.nneeds; k++)
			free(in->needs_buf[k]);
		free((char *)in->pub.name);
		free((char *)in->pub.plugin);
		free((char *)in->pub.overrides);
	}
	free(set->intents);
	free(set->by_name);
	in_spell_free(set);
	for (size_t i = 0; i < set->nfiles; i++)
		free(set->files[i]);
	free(set->files);
	free(set->flat);
	free(set->flat_intent);
	hr_prefilter_free(set->pf);
	hr_strpool_free(&set->strs);
	free(set);
}

size_t hr_intents_count(const hr_intents *set)
{
	return set->nintents;
}

const struct hr_intent *hr_intents_get(const hr_intents *set, size_t i)
{
	return i < set->nintents ? &set->intents[i].pub : NULL;
}

size_t hr_intents_slot_values(const hr_intents *set, const char *name, const char **out, size_t cap)
{
	const struct entity *e = in_find_entity(set, name, strlen(name));
	if (!e || !e->is_slot)
		return 0;
	/* A value is counted at its first phrase; comparing with the earlier
	 * phrases (not with OUT) keeps the count right when OUT is full. */
	size_t n = 0;
	for (size_t i = 0; i < e->nphrases; i++) {
		int dup = 0;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(e->phrases[k].canon, e->phrases[i].canon) == 0;
		if (dup)
			continue;
		if (n < cap)
			out[n] = e->phrases[i].canon;
		n++;
	}
	return n;
}

size_t hr_intents_slot_phrases(const hr_intents *set, const char *name, const char *value, const char **out,
                               int *prefix, size_t cap)
{
	const struct entity *e = in_find_entity(set, name, strlen(name));
	if (!e || !e->is_slot)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < e->nphrases; i++) {
		if (strcmp(e->phrases[i].canon, value) != 0)
			continue;
		if (n < cap) {
			out[n] = e->phrases[i].text;
			if (prefix)
				prefix[n] = e->phrases[i].prefix;
		}
		n++;
	}
	return n;
}

hr_matcher *hr_matcher_new(const hr_intents *set, const struct hr_match_limits *limits)
{
	struct hr_match_limits def = {.match_limit = 100000, .depth_limit = 1000, .use_jit = 1};
	if (!limits)
		limits = &def;
	hr_matcher *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->set = set;
	/* 32 capture pairs is far more than any sane pattern uses; patterns with
	 * more still match, they just report fewer groups. */
	m->md = pcre2_match_data_create(32, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	if (!m->md || !m->mctx)
		goto fail;
	pcre2_set_match_limit(m->mctx, limits->match_limit);
	pcre2_set_depth_limit(m->mctx, limits->depth_limit);
	if (limits->use_jit) {
		m->jit_stack = pcre2_jit_stack_create(32 * 1024, 256 * 1024, NULL);
		if (m->jit_stack)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
	} else {
		m->match_options = PCRE2_NO_JIT;
	}
	m->fixed = calloc(MATCHER_FIXED, sizeof(*m->fixed));
	m->memo_text = malloc(sizeof(m->memo->corrected));
	m->memo = malloc(sizeof(*m->memo));
	if (!m->fixed || !m->memo_text || !m->memo)
		goto fail;
	if (set->pf && !limits->no_prefilter) {
		m->pfs = hr_prefilter_scratch_new(set->pf);
		m->bits = calloc((set->nflat + 63) / 64 + 1, sizeof(uint64_t));
		if (!m->pfs || !m->bits)
			goto fail;
	}
	return m;
fail:
	hr_matcher_free(m);
	return NULL;
}

void hr_matcher_free(hr_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit_stack);
	hr_prefilter_scratch_free(m->pfs);
	free(m->bits);
	free(m->fixed);
	free(m->memo_text);
	free(m->memo);
	free(m);
}

/* Compares a captured text with a phrase, ignoring spaces and hyphens, the way the
 * compiled alternation matched it. */
static int phrase_equal(const char *cap, size_t caplen, const struct phrase *ph)
{
	const char *a = cap, *ae = cap + caplen, *b = ph->text;
	for (;;) {
		while (a < ae && (*a == ' ' || *a == '-'))
			a++;
		while (*b == ' ' || *b == '-')
			b++;
		if (a == ae || !*b)
			break;
		if (tolower((unsigned char)*a) != *b)
			return 0;
		a++, b++;
	}
	if (*b)
		return 0;
	return a == ae || ph->prefix;
}

static void put_slot(struct hr_candidate *c, const char *name, const char *value, size_t vlen)
{
	if (hr_candidate_slot(c, name) || c->nslots >= HR_MAX_SLOTS)
		return;
	struct hr_slot *s = &c->slots[c->nslots++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (vlen >= sizeof(s->value))
		vlen = sizeof(s->value) - 1;
	memcpy(s->value, value, vlen);
	s->value[vlen] = '\0';
}

static void fill_slots(const struct pattern *pt, const char *text, const PCRE2_SIZE *ov, uint32_t npairs,
                       struct hr_candidate *c)
{
	c->nslots = 0;
	for (size_t g = 0; g < pt->ngroups; g++) {
		const struct group *gr = &pt->groups[g];
		if ((uint32_t)gr->number >= npairs || ov[2 * gr->number] == PCRE2_UNSET)
			continue;
		const char *cap = text + ov[2 * gr->number];
		size_t caplen = ov[2 * gr->number + 1] - ov[2 * gr->number];
		const char *value = cap;
		size_t vlen = caplen;
		if (gr->entity) {
			for (size_t k = 0; k < gr->entity->nphrases; k++) {
				if (phrase_equal(cap, caplen, &gr->entity->phrases[k])) {
					value = gr->entity->phrases[k].canon;
					vlen = strlen(value);
					break;
				}
			}
		}
		put_slot(c, gr->name, value, vlen);
	}
}

/* True when candidate A ranks before B (see hr_intents_match). */
static int ranks_before(const struct hr_candidate *a, const struct hr_candidate *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	if (a->covered != b->covered)
		return a->covered > b->covered;
	if (a->nslots != b->nslots)
		return a->nslots > b->nslots;
	return a->intent->order < b->intent->order;
}

static void insert_candidate(struct hr_match *out, const struct hr_candidate *c)
{
	size_t pos = out->ncandidates;
	while (pos > 0 && ranks_before(c, &out->candidates[pos - 1]))
		pos--;
	if (pos >= HR_MAX_CANDIDATES) {
		out->dropped++;
		return;
	}
	if (out->ncandidates == HR_MAX_CANDIDATES) {
		out->dropped++;
		out->ncandidates--;
	}
	memmove(&out->candidates[pos + 1], &out->candidates[pos], (out->ncandidates - pos) * sizeof(*c));
	out->candidates[pos] = *c;
	out->ncandidates++;
}

/* The best match of the intent being matched so far. */
struct best {
	uint32_t intent;
	int found;
	struct hr_candidate c;
};

/*
 * Compiles PT again, and JIT-compiles it when SET uses JIT, the first time it
 * runs (intent_int.h, PT_LAZY). A compiled set may be matched from several
 * threads at once: the first to get here compiles, and one that arrives
 * meanwhile waits for it, once, for about a millisecond. Returns PT's code, or
 * NULL when it never matches (it did not compile, or now cannot for lack of
 * memory). A failed JIT leaves the interpreter, which gives the same answers.
 */
static pcre2_code *ensure_code(const hr_intents *set, const struct pattern *cpt)
{
	struct pattern *pt = (struct pattern *)cpt; /* only its state and code */
	for (;;) {
		int state = atomic_load_explicit(&pt->state, memory_order_acquire);
		if (state == PT_READY)
			return pt->code;
		if (state == PT_FAILED)
			return NULL;
		int want = PT_LAZY;
		if (state == PT_LAZY && atomic_compare_exchange_strong(&pt->state, &want, PT_BUSY)) {
			char bad[HR_NAME_MAX] = "";
			char *src = in_expand(set, pt->source, bad, sizeof(bad));
			int err = 0;
			PCRE2_SIZE off = 0;
			pt->code = src ? pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, pt->opts, &err,
			                               &off, NULL)
			               : NULL;
			free(src);
			if (pt->code && set->jit)
				pcre2_jit_compile(pt->code, PCRE2_JIT_COMPLETE);
			/* Out of memory: try again at its next run. */
			atomic_store_explicit(&pt->state, pt->code ? PT_READY : PT_LAZY,
			                      memory_order_release);
			return pt->code;
		}
		sched_yield();
	}
}

/* Runs pattern G (in flat order) and keeps its match when it is the best of its
 * intent; the previous intent's best becomes a candidate when G starts a new one. */
static void try_pattern(hr_matcher *m, size_t g, const char *subject, size_t len, struct hr_match *out,
                        struct best *b)
{
	const hr_intents *set = m->set;
	const struct pattern *pt = set->flat[g];
	uint32_t i = set->flat_intent[g];
	if (i != b->intent) {
		if (b->found)
			insert_candidate(out, &b->c);
		b->intent = i;
		b->found = 0;
	}
	if (atomic_load_explicit(&pt->state, memory_order_relaxed) == PT_FAILED)
		return;
	out->patterns_tried++;
	pcre2_code *code = ensure_code(set, pt);
	if (!code)
		return;
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, m->match_options, m->md, m->mctx);
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		out->limit_hit = 1;
		return;
	}
	if (rc < 0)
		return;
	const struct intent *in = &set->intents[i];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	struct hr_candidate c = {.intent = &in->pub, .priority = in->pub.priority};
	c.covered = (int)(ov[1] - ov[0]);
	c.start = (int)ov[0];
	fill_slots(pt, subject, ov, pcre2_get_ovector_count(m->md), &c);
	if (!b->found || ranks_before(&c, &b->c)) {
		b->c = c;
		b->found = 1;
	}
}

/* Whether hr_matcher_correct found TEXT already correct (so that correcting
 * it gives TEXT whole, in a buffer of hr_match's corrected size too). */
static int is_fixed(const hr_matcher *m, const char *text)
{
	for (unsigned i = 0; i < MATCHER_FIXED; i++) {
		if (m->fixed[i][0] && strcmp(m->fixed[i], text) == 0)
			return 1;
	}
	return 0;
}

void hr_matcher_correct(hr_matcher *m, const char *text, char *out, size_t cap)
{
	in_spell_correct(m->set, text, out, cap);
	size_t len = strlen(out);
	/* Kept only when nothing changed and nothing was cut: then correcting OUT
	 * again, in any buffer of 1024 bytes, gives OUT. */
	if (len + 2 <= sizeof(m->fixed[0]) && len + 2 <= cap && strcmp(out, text) == 0) {
		memcpy(m->fixed[m->fixed_next], out, len + 1);
		m->fixed_next = (m->fixed_next + 1) % MATCHER_FIXED;
	}
}

void hr_match_copy(struct hr_match *to, const struct hr_match *from)
{
	to->ncandidates = from->ncandidates;
	to->dropped = from->dropped;
	to->limit_hit = from->limit_hit;
	to->patterns_tried = from->patterns_tried;
	memcpy(to->candidates, from->candidates, from->ncandidates * sizeof(from->candidates[0]));
	memcpy(to->corrected, from->corrected, strlen(from->corrected) + 1);
}

static int match_text(hr_matcher *m, const char *text, struct hr_match *out);

int hr_intents_match(hr_matcher *m, const char *text, struct hr_match *out)
{
	size_t tl = strlen(text);
	int fits = tl < sizeof(m->memo->corrected);
	if (m->memo_ok && fits && memcmp(m->memo_text, text, tl + 1) == 0) {
		hr_match_copy(out, m->memo);
		return (int)out->ncandidates;
	}
	int n = match_text(m, text, out);
	m->memo_ok = fits;
	if (fits) {
		memcpy(m->memo_text, text, tl + 1);
		hr_match_copy(m->memo, out);
	}
	return n;
}

static int match_text(hr_matcher *m, const char *text, struct hr_match *out)
{
	const hr_intents *set = m->set;
	out->ncandidates = 0;
	out->dropped = 0;
	out->limit_hit = 0;
	out->patterns_tried = 0;
	if (is_fixed(m, text))
		memcpy(out->corrected, text, strlen(text) + 1);
	else
		in_spell_correct(set, text, out->corrected, sizeof(out->corrected));
	const char *subject = out->corrected;
	size_t len = strlen(subject);
	struct best b = {.intent = UINT32_MAX};

	/* Patterns are tried in the same order with or without the prefilter,
	 * and it only leaves out patterns that cannot match, so the ranking is
	 * the same; it just costs a handful of matches instead of hundreds. */
	if (m->pfs && hr_prefilter_run(set->pf, m->pfs, subject, len, m->bits) == 0) {
		size_t nwords = (set->nflat + 63) / 64;
		for (size_t w = 0; w < nwords; w++) {
			uint64_t x = m->bits[w];
			m->bits[w] = 0;
			while (x) {
				size_t g = w * 64 + (size_t)__builtin_ctzll(x);
				x &= x - 1;
				try_pattern(m, g, subject, len, out, &b);
			}
		}
	} else {
		for (size_t g = 0; g < set->nflat; g++)
			try_pattern(m, g, subject, len, out, &b);
	}
	if (b.found)
		insert_candidate(out, &b.c);
	return (int)out->ncandidates;
}

size_t hr_intents_entity_count(const hr_intents *set)
{
	return set->nentities;
}

int hr_intents_entity(const hr_intents *set, size_t i, struct hr_entity_view *out)
{
	if (i >= set->nentities)
		return -ENOENT;
	const struct entity *e = &set->entities[i];
	if (!e->vtext)
		return -ENOMEM; /* not compiled */
	out->name = e->name;
	out->is_slot = e->is_slot;
	out->nphrases = e->nphrases;
	out->phrases = e->vtext;
	out->canons = e->vcanon;
	out->prefix = e->vprefix;
	return 0;
}

void hr_intents_correct(const hr_intents *set, const char *text, char *out, size_t cap)
{
	in_spell_correct(set, text, out, cap);
}

const char *hr_candidate_slot(const struct hr_candidate *c, const char *name)
{
	for (size_t i = 0; i < c->nslots; i++) {
		if (strcmp(c->slots[i].name, name) == 0)
			return c->slots[i].value;
	}
	return NULL;
}
