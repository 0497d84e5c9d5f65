/*
 * Where a question is understood: the focus sentence, the patterns
 * (intent.c), the ranker (ranker.c) and the rule that combines them into one
 * pick, a clarifying question, an offer or the fallback (docs/intents.md,
 * How the two stages combine). engine.c answers what is picked here.
 */
#include "engine.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "log.h"
#include "text.h"

#include "engine_int.h"

/* ---- routing: focus, patterns, ranker, and the rule that combines them ---- */

/*
 * The thresholds of the rule (docs/intents.md, How the two stages combine),
 * on the ranker's probability: at ANSWER or more the ranker answers alone;
 * from CLARIFY it is worth asking which of its first few was meant; below
 * OFFER an intent is not worth offering. In a letter, the ranker overrules a
 * strong pattern winner when its own first choice scores at least REVIEW
 * and OVERRULE times the winner's; its first choice answers from CLARIFY
 * when it scores LEAD times its second (its first choices that lead so are
 * right about as often as those scoring ANSWER).
 *
 * The two models' probabilities are not alike (the sparse model is surer of
 * some choices and less sure of others), so each has its own: the dense
 * model's were set by hand and checked with `herald check --cv`; the sparse
 * model's were chosen from the scores of its right and wrong choices on the
 * held-out folds, the routing sets and the plugins' test cases
 * (docs/performance.md, issue 20's fifth round). route_once() reads them
 * through the RANK_* names.
 */
struct rank_thresholds {
	float answer, clarify, offer, overrule, lead, review;
};
static struct rank_thresholds dense_thresholds = {0.50f, 0.20f, 0.10f, 2.0f, 2.0f, 0.20f};
static struct rank_thresholds sparse_thresholds = {0.50f, 0.20f, 0.10f, 2.0f, 2.0f, 0.40f};

void hr_engine_measure_thresholds(enum hr_ranker_model model, const float v[6])
{
	struct rank_thresholds *th = model == HR_RANKER_SPARSE ? &sparse_thresholds : &dense_thresholds;
	*th = (struct rank_thresholds){v[0], v[1], v[2], v[3], v[4], v[5]};
}

void hr_engine_thresholds(enum hr_ranker_model model, float v[6])
{
	const struct rank_thresholds *th = model == HR_RANKER_SPARSE ? &sparse_thresholds : &dense_thresholds;
	const float w[6] = {th->answer, th->clarify, th->offer, th->overrule, th->lead, th->review};
	memcpy(v, w, sizeof(w));
}

static const struct rank_thresholds *thresholds_of(const hr_ranker *rk)
{
	return rk && hr_ranker_model_of(rk) == HR_RANKER_SPARSE ? &sparse_thresholds : &dense_thresholds;
}

#define RANK_ANSWER (th->answer)
#define RANK_CLARIFY (th->clarify)
#define RANK_OFFER (th->offer)
#define OVERRULE (th->overrule)
#define LEAD (th->lead)
#define RANK_REVIEW (th->review)

/* A pattern match is strong when the question is short or the match spans
 * at least this share of it (per cent); a bare mention (priority < 0) never is. */
#define SHORT_QUESTION 30
#define STRONG_COVER 35
/* A question longer than this (bytes, normalised) is a letter even alone: the
 * ranker reviews a strong pattern winner of it (rule 1). */
#define LONG_QUESTION 60
/* The share of a message's words (per cent, each weighed as its sentence) the
 * ranker must know to decide alone. */
#define KNOWN_WORDS 60
/* The focus is thin when it holds fewer than THIN_WORDS words the ranker
 * knows, or points back ("could this be it?") with fewer than THIN_POINTING;
 * then the story weighs STORY_WEIGHT, the sentence before the focus
 * PREV_WEIGHT (docs/intents.md, Focus). */
#define THIN_WORDS 4
#define THIN_POINTING 8
/* A follow-up of this many words at most that carries on ("what about during
 * chemo") leans on the earlier topic even when a pattern of its own matches. */
#define CONTINUE_WORDS 5
/* An elliptic follow-up asks with this many content words at most ("should
 * I get my teeth checked first" after a bone drug). */
#define ELLIPTIC_WORDS 3
/* A sentence this short that only names a topic ("and the diarrhea,"). */
#define TOPIC_ONLY 24
#define STORY_WEIGHT 0.5f
#ifndef ASK_WEIGHT_THIN
#define ASK_WEIGHT_THIN 0.8f
#endif
#define PREV_WEIGHT 0.7f
/* How many sentences of the story may lend weak pattern evidence. */
#define STORY_PATTERNS 4

/* How many words normalised S holds. */
static size_t en_words(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p != ' ' && (p == s || p[-1] == ' '))
			n++;
	}
	return n;
}

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

void en_named_add(struct named *nm, const struct hr_concepts *cs, int focus, const char *text)
{
	/* In the question, the first value named is what it asks about ("is
	 * herceptin like kadcyla"); in the story, the latest is the current one
	 * ("I switched from herceptin to letrozole"), so the story's go in
	 * reverse. */
	for (size_t j = 0; j < cs->n; j++) {
		size_t i = focus ? j : cs->n - 1 - j;
		if (!cs->c[i].value)
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

/* Looks NAME up in the conversation. */
static const char *convo_get(const struct hr_convo *c, const char *name)
{
	for (size_t i = 0; i < c->ncontext; i++) {
		if (strcmp(c->context[i].name, name) == 0)
			return c->context[i].value;
	}
	return NULL;
}

/* Whether NAME = VALUE is named, and only as done with. */
static int named_past(const struct named *nm, const char *name, const char *value)
{
	int seen = 0;
	for (size_t i = 0; i < nm->n; i++) {
		if (strcmp(nm->v[i].name, name) == 0 && strcmp(nm->v[i].value, value) == 0) {
			if (!nm->past[i])
				return 0;
			seen = 1;
		}
	}
	return seen;
}

static int named_has(const struct named *nm, const char *name, const char *value)
{
	for (size_t i = 0; i < nm->n; i++) {
		if (strcmp(nm->v[i].name, name) == 0 && strcmp(nm->v[i].value, value) == 0)
			return 1;
	}
	return 0;
}

/*
 * Whether pick R is about something the message names only as done with
 * ("had perjeta and herceptin before surgery") while pick P is about something
 * current ("now starting kadcyla"): the story's past must not overrule the
 * question's present.
 */
static int past_against_present(const struct hr_pick *r, const struct hr_pick *p, const struct named *nm)
{
	int r_past = 0, p_now = 0;
	for (size_t i = 0; i < r->nslots; i++)
		if (named_past(nm, r->slots[i].name, r->slots[i].value))
			r_past = 1;
	for (size_t i = 0; i < p->nslots; i++)
		if (named_has(nm, p->slots[i].name, p->slots[i].value) &&
		    !named_past(nm, p->slots[i].name, p->slots[i].value))
			p_now = 1;
	return r_past && p_now;
}

static void pick_put(struct hr_pick *p, const char *name, const char *value)
{
	for (size_t i = 0; i < p->nslots; i++) {
		if (strcmp(p->slots[i].name, name) == 0)
			return;
	}
	if (p->nslots == HR_MAX_SLOTS)
		return;
	snprintf(p->slots[p->nslots].name, sizeof(p->slots[0].name), "%s", name);
	snprintf(p->slots[p->nslots].value, sizeof(p->slots[0].value), "%s", value);
	p->nslots++;
}

static const char *pick_get(const struct hr_pick *p, const char *name)
{
	for (size_t i = 0; i < p->nslots; i++) {
		if (strcmp(p->slots[i].name, name) == 0)
			return p->slots[i].value;
	}
	return NULL;
}

/*
 * Makes a pick of INTENT: the slots a pattern captured (C, may be NULL), then
 * for each slot the intent needs and lacks, the value the message names, so
 * that a drug named in the story serves the question that follows it.
 * Returns 0 when the pick can answer: its needs are met (by the message or the
 * conversation), a plugin answers it, and it is not bound to a drug other than
 * the one asked about.
 */
static int make_pick(const hr_engine *e, const struct hr_intent *in, const struct hr_candidate *c,
                     const struct named *nm, const struct hr_convo *convo, int check_plugin,
                     struct hr_pick *out)
{
	memset(out, 0, sizeof(*out));
	out->intent = in;
	if (c) {
		for (size_t i = 0; i < c->nslots; i++) {
			/* The pattern caught a drug named as done with ("finished
			 * herceptin and now take nerlynx"): the current one answers. */
			const char *now = en_named_get(nm, c->slots[i].name);
			int past = named_past(nm, c->slots[i].name, c->slots[i].value);
			pick_put(out, c->slots[i].name,
			         past && now && !named_past(nm, c->slots[i].name, now) ? now
			                                                               : c->slots[i].value);
		}
	}
	for (size_t i = 0; i < in->nneeds; i++) {
		const char *v = en_named_get(nm, in->needs[i]);
		if (v)
			pick_put(out, in->needs[i], v);
		else if (!pick_get(out, in->needs[i]) && !convo_get(convo, in->needs[i]))
			return -ENOENT;
	}
	/* A slot the intent can use but does not need ("what comes next" after a
	 * story of cancer growing on tamoxifen) is filled from the message too,
	 * when the focus sentence's own match left it empty. */
	for (size_t i = in->nneeds; i < in->nfills; i++) {
		const char *v = en_named_get(nm, in->fills[i]);
		if (v && !pick_get(out, in->fills[i]))
			pick_put(out, in->fills[i], v);
	}
	/* Never an answer about another drug than the one asked: an intent that is
	 * about one drug (treatment.trastuzumab) is out when the message names
	 * drugs and not that one. */
	const char *bound = e->content->ranker ? hr_ranker_bound_value(e->content->ranker, in, "drug") : NULL;
	if (bound && en_named_get(nm, "drug") && !named_has(nm, "drug", bound))
		return -EXDEV;
	if (check_plugin && !hr_plugins_handler(e->content->plugins, in->name, in->plugin))
		return -ENOENT;
	return 0;
}

/*
 * Whether TEXT, with concepts CS, names cancer care: a value of a slot other
 * than the out-of-scope ones (a drug, a regimen, a test, a score), or a
 * phrase of the lists that say "this is about cancer care", even inside a
 * longer phrase ("her2" in "her2 positive", "lymph nodes" in "took the lymph
 * nodes"): docs/intents.md, How the two stages combine. "best beer in town"
 * and "how do I treat a cold" name none, so the ranker does not answer them
 * alone with the alcohol or treatment answer.
 */
static int names_care(const hr_ranker *r, const char *text, const struct hr_concepts *cs)
{
	static const char *const care[] = {"scope_care", "life_ctx",      "her2",
	                                   "tt_cancer",  "tt_metastatic", "care_ctx"};
	for (size_t i = 0; i < cs->n; i++) {
		if (cs->c[i].value && strncmp(cs->c[i].entity, "scope_", 6) != 0)
			return 1;
	}
	return hr_ranker_mentions(r, text, care, sizeof(care) / sizeof(care[0]));
}

/* Whether pattern candidate C is strong for a question of QLEN bytes. */
static int strong(const struct hr_candidate *c, size_t qlen)
{
	if (c->priority >= 90)
		return 1; /* the out-of-scope rules (intents/scope.intents) */
	if (c->priority < 0)
		return 0;
	/* A rule written to win over the general ones (priority > 0: a named
	 * symptom, a drug and an aspect) is trusted in a longer question too. */
	if (c->priority > 0 && qlen <= SHORT_QUESTION * 2)
		return 1;
	return qlen <= SHORT_QUESTION || (size_t)c->covered * 100 >= qlen * STRONG_COVER;
}

/* The best pattern candidate of M that can answer, as a pick; NULL when none. */
static const struct hr_candidate *best_pattern(const hr_engine *e, const struct hr_match *m,
                                               const struct named *nm, const struct hr_convo *convo,
                                               int check_plugin, struct hr_pick *out)
{
	for (size_t i = 0; i < m->ncandidates; i++) {
		const struct hr_candidate *c = &m->candidates[i];
		if (make_pick(e, c->intent, c, nm, convo, check_plugin, out) == 0)
			return c;
	}
	return NULL;
}

/* Whether IN is among the ranker's first three with at least half the first's score. */
static int ranked_near_top(const struct hr_ranking *rk, const struct hr_intent *in)
{
	for (size_t i = 0; i < rk->n && i < 3; i++) {
		if (rk->top[i].intent == in)
			return rk->top[i].score * 2 >= rk->top[0].score;
	}
	return 0;
}

/* Normalises and corrects RAW into OUT (1024 bytes); returns its length. */
static size_t prepare(const hr_engine *e, const char *raw, size_t len, char *out)
{
	char tmp[1024];
	if (len >= sizeof(tmp)) {
		/* Only the last kilobyte of a very long sentence routes (its question is at the end). */
		size_t cut = len - (sizeof(tmp) - 1);
		while (cut < len && ((unsigned char)raw[cut] & 0xc0) == 0x80)
			cut++;
		raw += cut;
		len -= cut;
	}
	if (hr_text_normalize(raw, len, tmp, sizeof(tmp)) < 0)
		tmp[0] = '\0';
	hr_matcher_correct(e->matcher, tmp, out, 1024);
	return strlen(out);
}

/*
 * Splits a sentence's normalised text at a joint that starts a second question
 * ("how is herceptin given and for how long", "what is perjeta and why is it
 * added"). Returns the offset of the second clause, or 0 when there is none.
 */
static size_t second_clause(const char *s)
{
	static const char *const joints[] = {" and ", " also ", " plus ", " or "};
	static const char *const starts[] = {"how ",   "what ",   "why ",     "when ",   "where ", "who ",
	                                     "which ", "is ",     "are ",     "can ",    "does ",  "do ",
	                                     "will ",  "should ", "for how ", "what's ", "whats "};
	for (size_t j = 0; j < sizeof(joints) / sizeof(joints[0]); j++) {
		for (const char *p = strstr(s, joints[j]); p; p = strstr(p + 1, joints[j])) {
			const char *q = p + strlen(joints[j]);
			for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
				if (strncmp(q, starts[k], strlen(starts[k])) == 0 && p - s >= 8)
					return (size_t)(q - s);
			}
		}
	}
	return 0;
}

/*
 * Looks for a second thing asked (docs/intents.md, Two things at once), after
 * the first part P was chosen from sentence FOCUS: another sentence that asks
 * and routes strongly elsewhere, a second clause of the focus sentence, or a
 * second drug named beside the first. Fills trace->parts[1] when found.
 */
static void find_second(hr_engine *e, const struct hr_convo *convo, const struct named *nm,
                        struct hr_trace *t, int check_plugin)
{
	struct hr_match *m = e->scratch_match;
	struct hr_pick *first = &t->parts[0], second;
	const char *fdrug = pick_get(first, "drug");
	/* 1. Another sentence that asks. */
	for (size_t i = 0; i < t->nsentences; i++) {
		if ((int)i == t->focus || !t->sentences[i].asks)
			continue;
		const char *s = e->snorm[i];
		hr_intents_match(e->matcher, s, m);
		const struct hr_candidate *c = best_pattern(e, m, nm, convo, check_plugin, &second);
		if (!c || !strong(c, strlen(s)) || c->priority >= 90)
			continue;
		const char *sdrug = pick_get(&second, "drug");
		if (second.intent != first->intent || (sdrug && fdrug && strcmp(sdrug, fdrug) != 0)) {
			t->parts[t->nparts++] = second;
			t->part_rule = "another sentence asks something else";
			/* Answer in the order asked. */
			if ((int)i < t->focus) {
				struct hr_pick tmp = t->parts[0];
				t->parts[0] = t->parts[1];
				t->parts[1] = tmp;
			}
			return;
		}
	}
	/* 2. A second clause of the focus sentence. */
	const char *s = e->snorm[t->focus];
	size_t at = second_clause(s);
	if (at) {
		char a[1024];
		snprintf(a, sizeof(a), "%.*s", (int)(at - 1), s);
		struct hr_pick p1, p2;
		hr_intents_match(e->matcher, a, m);
		const struct hr_candidate *c1 = best_pattern(e, m, nm, convo, check_plugin, &p1);
		const struct hr_intent *i1 = c1 ? c1->intent : NULL;
		if (c1 && strong(c1, strlen(a)) && c1->priority < 90) {
			/* The second clause may lean on the first ("... and for how long"):
			 * its needs are met by the first clause's slots. */
			struct hr_convo tmp = *convo;
			for (size_t k = 0; k < p1.nslots; k++) {
				size_t n = tmp.ncontext < HR_MAX_SLOTS ? tmp.ncontext++ : HR_MAX_SLOTS - 1;
				tmp.context[n] = p1.slots[k];
			}
			struct named none = {0};
			hr_intents_match(e->matcher, s + at, m);
			const struct hr_candidate *c2 = best_pattern(e, m, &none, &tmp, check_plugin, &p2);
			if (c2 && strong(c2, strlen(s + at)) && c2->priority < 90 && c2->intent != i1) {
				/* "why is it given with herceptin": "it" is the first clause's drug. */
				const char *d1 = pick_get(&p1, "drug");
				if (d1 && en_has_word(s + at, "it")) {
					for (size_t k = 0; k < p2.nslots; k++) {
						if (strcmp(p2.slots[k].name, "drug") == 0)
							snprintf(p2.slots[k].value, sizeof(p2.slots[k].value),
							         "%s", d1);
					}
				}
				for (size_t k = 0; k < p1.nslots; k++)
					pick_put(&p2, p1.slots[k].name, p1.slots[k].value);
				t->parts[0] = p1;
				t->parts[1] = p2;
				t->nparts = 2;
				t->part_rule = "the sentence asks two things";
				return;
			}
		}
	}
	/* 3. Two drugs named in the focus sentence, for an intent about any drug. */
	int generic = 0;
	for (size_t k = 0; k < first->intent->nneeds; k++)
		generic |= strcmp(first->intent->needs[k], "drug") == 0;
	if (!generic || !fdrug || first->intent->priority >= 5)
		return;
	/* A named combination ("herceptin and perjeta") is answered as one regimen. */
	if (pick_get(first, "regimen") || en_named_get(nm, "regimen") || !e->content->ranker)
		return;
	/* Only drugs named side by side ("herceptin and perjeta", "kadcyla or
	 * enhertu") are asked about alike; "perjeta without herceptin" is not. */
	struct hr_concepts cs;
	hr_ranker_concepts(e->content->ranker, s, &cs);
	const struct hr_concept *prev = NULL;
	for (size_t i = 0; i < cs.n; i++) {
		const struct hr_concept *c = &cs.c[i];
		if (!c->value || strcmp(c->entity, "drug") != 0)
			continue;
		if (prev && strcmp(prev->value, c->value) != 0) {
			char gap[32];
			int gl = c->start - prev->end;
			snprintf(gap, sizeof(gap), "%.*s", gl > 0 && gl < (int)sizeof(gap) ? gl : 0,
			         s + prev->end);
			int joined = gl > 0 && gl < 12 &&
			             (strcmp(gap, " and ") == 0 || strcmp(gap, " or ") == 0 ||
			              strcmp(gap, " & ") == 0 || strcmp(gap, " and the ") == 0 ||
			              strcmp(gap, " ") == 0 || strcmp(gap, " vs ") == 0);
			const char *other = strcmp(prev->value, fdrug) == 0 ? c->value
			                    : strcmp(c->value, fdrug) == 0  ? prev->value
			                                                    : NULL;
			if (joined && other) {
				second = *first;
				for (size_t k = 0; k < second.nslots; k++) {
					if (strcmp(second.slots[k].name, "drug") == 0)
						snprintf(second.slots[k].value, sizeof(second.slots[k].value),
						         "%s", other);
				}
				t->parts[t->nparts++] = second;
				t->part_rule = "two drugs named side by side";
				return;
			}
		}
		prev = c;
	}
}

/*
 * Whether normalised Q points back (en_points_back) by a word that names
 * nothing itself: "this", "that", "these" or "those" right before a phrase
 * the ranker knows ("how long does this tingling last", "is that rash from
 * the chemo") name their topic, and do not make the question thin.
 */
static int points_back_unnamed(hr_engine *e, const char *q)
{
	if (!en_points_back(q))
		return 0;
	static const char *const det[] = {"this ", "that ", "these ", "those "};
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s", q);
	struct hr_concepts cs;
	hr_ranker_concepts(e->content->ranker, q, &cs);
	for (size_t k = 0; k < cs.n; k++) {
		for (size_t d = 0; d < sizeof(det) / sizeof(det[0]); d++) {
			int l = (int)strlen(det[d]);
			int at = cs.c[k].start - l;
			if (at >= 0 && at < (int)sizeof(buf) && strncmp(q + at, det[d], (size_t)l) == 0 &&
			    (at == 0 || q[at - 1] == ' '))
				memset(buf + at, 'x', (size_t)l - 1); /* the word is gone, the spaces stay */
		}
	}
	return en_points_back(buf);
}

/*
 * Weighs the sentences (docs/intents.md, Focus): the focus 1.0, other
 * sentences that ask 0.5, sentences that tell 0.2 (0.5 when nothing asks).
 * When the focus says little itself, because it points back ("is this
 * normal?") or holds few words the ranker knows, the story carries the topic:
 * sentences that tell weigh STORY_WEIGHT, the one just before the focus
 * PREV_WEIGHT. Returns 1 when the focus is thin in that way.
 */
static int weigh(hr_engine *e, struct hr_trace *t, int nasks)
{
	for (size_t i = 0; i < t->nsentences; i++) {
		struct hr_sentence *sn = &t->sentences[i];
		if ((int)i == t->focus)
			sn->weight = 1.0f;
		else if (sn->asks || nasks == 0)
			sn->weight = 0.5f;
		else
			sn->weight = 0.2f;
	}
	if (t->nsentences < 2 || !e->content->ranker)
		return 0;
	const char *fq = e->snorm[t->focus];
	size_t nwords = 0, nknown = 0;
	hr_ranker_words(e->content->ranker, e->rs, fq, &nwords, &nknown);
	if (nknown >= THIN_WORDS && !(points_back_unnamed(e, fq) && nknown < THIN_POINTING))
		return 0;
	for (size_t i = 0; i < t->nsentences; i++) {
		struct hr_sentence *sn = &t->sentences[i];
		float w = sn->asks ? ASK_WEIGHT_THIN : STORY_WEIGHT;
		if ((int)i != t->focus && sn->weight < w)
			sn->weight = w;
	}
	if (t->focus > 0 && t->sentences[t->focus - 1].weight < PREV_WEIGHT)
		t->sentences[t->focus - 1].weight = PREV_WEIGHT;
	return 1;
}

/* Offers the ranker's choices RP (scores RS, NR of them) that score at least
 * FLOOR and a third of the first, after the weak pattern winner P (may be
 * NULL), as the intents of a clarifying reply. Returns how many. */
static size_t offer(struct hr_trace *t, const struct hr_candidate *p, const struct hr_pick *rp,
                    const float *rs, size_t nr, float floor)
{
	t->nclarify = 0;
	/* A bare mention is no question to offer. */
	if (p && p->priority >= 0)
		t->clarify[t->nclarify++] = p->intent;
	for (size_t i = 0; i < nr && t->nclarify < HR_MAX_CLARIFY; i++) {
		int dup = 0;
		for (size_t k = 0; k < t->nclarify; k++)
			dup |= t->clarify[k] == rp[i].intent;
		if (!dup && rs[i] >= floor && rs[i] * 3 >= rs[0] && rp[i].intent->priority >= 0 &&
		    strcmp(rp[i].intent->name, "fallback") != 0)
			t->clarify[t->nclarify++] = rp[i].intent;
	}
	return t->nclarify;
}

/*
 * Routes the message once (steps 2 to 4 of en_route). EARLIER, when not NULL,
 * is the previous turn's topic: it goes first, as sentence 0, a sentence
 * that tells, so the follow-up is routed as if it came after it in one
 * message (docs/intents.md, Conversation).
 */
static int route_once(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len,
                      struct hr_trace *t, int check_plugin, const char *earlier)
{
	struct hr_safety_result safety = t->safety;
	memset(t, 0, offsetof(struct hr_trace, match));
	t->safety = safety;
	t->match.ncandidates = 0;
	t->focus = -1;

	/* 2. Focus: sentences, which ask, and their weights. The last sentence
	 * that asks is the question; other asking sentences count less; the story
	 * around them names things (drugs, tests, stages), and carries the topic
	 * when the question itself says little. */
	struct hr_text_span spans[HR_MAX_SENTENCES];
	size_t first = earlier ? 1 : 0;
	size_t n = hr_text_sentences(text, len, spans, HR_MAX_SENTENCES - first);
	if (n == 0)
		return -EINVAL;
	if (earlier) {
		/* Already normalised when it was kept; prepared again, since a
		 * context string is the client's and may hold anything. */
		prepare(e, earlier, strlen(earlier), e->snorm[0]);
		t->sentences[0] = (struct hr_sentence){0};
		t->earlier = e->snorm[0];
	}
	t->nsentences = n + first;
	int nasks = 0, plea = -1;
	for (size_t i = first; i < t->nsentences; i++) {
		struct hr_sentence *sn = &t->sentences[i];
		sn->start = spans[i - first].start;
		sn->len = spans[i - first].len;
		prepare(e, text + sn->start, (size_t)sn->len, e->snorm[i]);
		sn->asks = hr_text_asks(text + sn->start, (size_t)sn->len, e->snorm[i]);
		/* "Any advice would be appreciated." closing a letter points to the
		 * question before it: it asks only when nothing else does. */
		if (sn->asks && t->nsentences > first + 1 && hr_text_plea(e->snorm[i])) {
			sn->asks = 0;
			plea = (int)i;
		}
		nasks += sn->asks;
		if (sn->asks)
			t->focus = (int)i;
	}
	if (t->focus < 0 && plea >= 0 && plea > (int)first) {
		/* Only a plea asks: the sentence before it is the question. */
		t->focus = plea - 1;
		t->sentences[t->focus].asks = 1;
		nasks = 1;
	}
	if (t->focus < 0)
		t->focus = (int)t->nsentences - 1; /* nothing asks: the last sentence is the question */
	t->thin = weigh(e, t, nasks);
	struct named nm = {0};
	struct hr_concepts cs;
	const hr_ranker *rk = e->content->ranker;
	const struct rank_thresholds *th = thresholds_of(rk);
	int anchored = 0;
	if (rk) {
		hr_ranker_concepts(rk, e->snorm[t->focus], &cs);
		en_named_add(&nm, &cs, 1, e->snorm[t->focus]);
		anchored |= names_care(rk, e->snorm[t->focus], &cs);
		for (size_t i = t->nsentences; i-- > 0;) {
			if ((int)i == t->focus)
				continue;
			hr_ranker_concepts(rk, e->snorm[i], &cs);
			en_named_add(&nm, &cs, 0, e->snorm[i]);
			anchored |= names_care(rk, e->snorm[i], &cs);
		}
		/* Then the slot values inside longer phrases, last: "herceptin and
		 * perjeta" is a regimen, and names two drugs a question about "these"
		 * may be asking about. */
		for (size_t i = t->nsentences; i-- > 0;) {
			hr_ranker_slot_mentions(rk, e->snorm[i], &cs);
			en_named_add(&nm, &cs, (int)i == t->focus, e->snorm[i]);
		}
	}

	t->care = anchored;

	/* 3. The patterns, on the focus sentence. */
	const char *q = e->snorm[t->focus];
	size_t qlen = strlen(q);
	struct hr_pick pp;
	const struct hr_candidate *p = NULL;
	if (e->mode != HR_ROUTE_RANKER) {
		hr_intents_match(e->matcher, q, &t->match);
		p = best_pattern(e, &t->match, &nm, convo, check_plugin, &pp);
	}
	int p_strong = p && strong(p, qlen);
	/* "what about during chemo" after the earlier turn's topic: its own
	 * match names only what the earlier question is now asked of, so it is
	 * weak evidence and the ranker, reading the topic too, weighs it. */
	if (earlier && p_strong && t->focus == 1 && p->priority < 90 && en_follow_continues(q) &&
	    en_words(q) <= CONTINUE_WORDS)
		p_strong = 0;
	/* The question asked together with the sentence before it:
	 * - "It says HER2 3+ and ER negative. What does that mean?": a short
	 *   question that points back ("that", "it", "this"), or says too little
	 *   to stand alone ("the parking for radiation costs a fortune. Is there
	 *   help?"), and matched nothing strong alone;
	 * - "And the diarrhea, how long does it last?": a bare topic split off by
	 *   the comma is the "it" of the question, and the topic's own intent wins
	 *   when it ranks above the question's alone. */
	int joined = 0;
	/* After the earlier turn's topic, a longer question that points back is
	 * tried with it too ("could I change from one to the other halfway
	 * through" after two forms of a drug): the topic is a few words. */
	int short_q =
	    e->mode != HR_ROUTE_RANKER && t->focus > 0 && qlen < (earlier && t->focus == 1 ? 100 : 40);
	int topic_only = short_q && p_strong && en_points_back(q) && !t->sentences[t->focus - 1].asks &&
	                 strlen(e->snorm[t->focus - 1]) <= TOPIC_ONLY;
	int leans_back =
	    short_q && !p_strong && (en_points_back(q) || t->thin || (earlier && en_points_back_turn(q)));
	if (topic_only || leans_back) {
		char both[1024];
		snprintf(both, sizeof(both), "%s %s", e->snorm[t->focus - 1], q);
		hr_intents_match(e->matcher, both, e->scratch_match);
		struct hr_pick jp;
		const struct hr_candidate *jc =
		    best_pattern(e, e->scratch_match, &nm, convo, check_plugin, &jp);
		if (jc && (topic_only ? jc->priority > p->priority : jc->priority >= 0)) {
			hr_match_copy(&t->match, e->scratch_match);
			p = &t->match.candidates[jc - e->scratch_match->candidates];
			pp = jp;
			p_strong = 1;
			joined = 1;
			/* 2 when the match reaches into the question's own words */
			t->joined = jc->start + jc->covered > (int)strlen(e->snorm[t->focus - 1]) + 1 ? 2 : 1;
		}
	}
	if (t->focus > 0 && qlen < 40 && !t->sentences[t->focus - 1].asks &&
	    t->sentences[t->focus - 1].weight < PREV_WEIGHT)
		t->sentences[t->focus - 1].weight = PREV_WEIGHT; /* the short question leans on it */
	/* A long message whose question matched nothing may still name its topic
	 * in another sentence that asks. */
	if (!p_strong && e->mode != HR_ROUTE_RANKER) {
		for (size_t i = t->nsentences; i-- > 0;) {
			if ((int)i == t->focus || !t->sentences[i].asks)
				continue;
			hr_intents_match(e->matcher, e->snorm[i], e->scratch_match);
			struct hr_pick op;
			const struct hr_candidate *oc =
			    best_pattern(e, e->scratch_match, &nm, convo, check_plugin, &op);
			if (oc && strong(oc, strlen(e->snorm[i]))) {
				hr_match_copy(&t->match, e->scratch_match);
				p = &t->match.candidates[oc - e->scratch_match->candidates];
				pp = op;
				p_strong = 1;
				t->focus = (int)i;
				break;
			}
		}
	}
	t->chosen = p;

	/* 4. The rule (docs/intents.md): a strong pattern answers; otherwise the
	 * ranker is consulted, and the two are combined. In a letter (several
	 * sentences, or one long one) the ranker reads the whole story, so it is
	 * asked about a strong pattern winner too, and may overrule it. */
	int letter = t->nsentences > 1 || qlen > LONG_QUESTION;
	int review = p_strong && e->mode == HR_ROUTE_BOTH && rk && p->priority < 90 && letter;
	if (e->mode == HR_ROUTE_PATTERNS || (p_strong && e->mode == HR_ROUTE_BOTH && !review)) {
		if (p) {
			t->outcome = HR_OUTCOME_ANSWER;
			t->parts[0] = pp;
			t->nparts = 1;
			t->rule = joined ? "a strong pattern match on the question and the sentence before it"
			          : p_strong ? "a strong pattern match answers"
			                     : "patterns only: the best pattern answers";
		} else {
			t->outcome = HR_OUTCOME_FALLBACK;
			t->rule = "no pattern matched";
		}
		goto second;
	}
	struct hr_rank_part parts[HR_MAX_SENTENCES];
	for (size_t i = 0; i < t->nsentences; i++)
		parts[i] = (struct hr_rank_part){e->snorm[i], t->sentences[i].weight};
	if (rk) {
		hr_ranker_rank(rk, e->rs, parts, t->nsentences, &t->ranking);
		t->ranked = 1;
	}
	/* The ranker's intents that can answer, best first. When it knows too
	 * few of the words of the message, it may only confirm a pattern. */
	struct hr_pick rp[HR_RANK_TOP];
	float rs[HR_RANK_TOP];
	size_t nr = 0;
	int familiar = t->ranking.nknown * 100 >= t->ranking.nwords * KNOWN_WORDS;
	/* A follow-up of a turn that answered a topic is about cancer care too,
	 * when the ranker knows its words ("can I still drink coffee with it")
	 * and no strong pattern answers it: the earlier turn lends the ranker a
	 * say, not the power to overrule the question's own match. */
	int care = anchored || (familiar && !p_strong && en_follow_anchored(e, convo));
	for (size_t i = 0; i < t->ranking.n; i++) {
		const struct hr_intent *in = t->ranking.top[i].intent;
		/* Outside small talk, the ranker answers only questions that name cancer care. */
		if (e->mode == HR_ROUTE_BOTH && !care && strncmp(in->name, "conversation.", 13) != 0 &&
		    strcmp(in->name, "fallback") != 0)
			continue;
		/* A drug or regimen named keeps the message in scope, as the
		 * out-of-scope patterns step aside for it: "can I get Herceptin with
		 * high blood pressure" is about Herceptin, whatever the illness
		 * words make the ranker think. */
		if (strcmp(in->name, "fallback") == 0 &&
		    (en_named_get(&nm, "drug") || en_named_get(&nm, "regimen")))
			continue;
		/* Small talk is a few words the ranker knows well: only a confident
		 * guess of it counts ("how do i fix my car" is not "what can you do"). */
		if (e->mode == HR_ROUTE_BOTH && strncmp(in->name, "conversation.", 13) == 0 &&
		    t->ranking.top[i].score < RANK_ANSWER)
			continue;
		if (make_pick(e, in, NULL, &nm, convo, check_plugin, &rp[nr]) == 0)
			rs[nr++] = t->ranking.top[i].score;
	}
	if (e->mode == HR_ROUTE_RANKER) {
		if (nr > 0) {
			t->outcome = HR_OUTCOME_ANSWER;
			t->parts[0] = rp[0];
			t->nparts = 1;
			t->rule = "ranker only: its best intent answers";
		} else {
			t->outcome = HR_OUTCOME_FALLBACK;
			t->rule = "ranker only: no intent it knows can answer";
		}
		goto second;
	}
	/* What the ranker thinks of the pattern winner. */
	float pscore = 0;
	for (size_t i = 0; p && i < t->ranking.n; i++) {
		if (t->ranking.top[i].intent == p->intent)
			pscore = t->ranking.top[i].score;
	}
	/* Weak evidence from the story: the intents whose patterns match a
	 * sentence around the question strongly (latest first). */
	struct hr_pick storyp[STORY_PATTERNS];
	size_t nstory = 0;
	for (size_t i = t->nsentences; !p_strong && i-- > 0 && nstory < STORY_PATTERNS;) {
		if ((int)i == t->focus)
			continue;
		hr_intents_match(e->matcher, e->snorm[i], e->scratch_match);
		const struct hr_candidate *sc =
		    best_pattern(e, e->scratch_match, &nm, convo, check_plugin, &storyp[nstory]);
		if (sc && sc->priority >= 0 && sc->priority < 90 && strong(sc, strlen(e->snorm[i])))
			nstory++;
	}
	int story = -1; /* the story intent the ranker ranks best, if near its top */
	for (size_t k = 0; k < nr && story < 0; k++) {
		for (size_t j = 0; j < nstory && story < 0; j++) {
			if (storyp[j].intent == rp[k].intent && ranked_near_top(&t->ranking, rp[k].intent))
				story = (int)j;
		}
	}
	t->outcome = HR_OUTCOME_ANSWER;
	t->nparts = 1;
	if (review) {
		int prefers = nr > 0 && rs[0] >= RANK_REVIEW && rp[0].intent != p->intent &&
		              rs[0] >= OVERRULE * pscore && !past_against_present(&rp[0], &pp, &nm);
		int sure =
		    prefers &&
		    (rs[0] >= RANK_ANSWER || t->ranking.n < 2 ||
		     (t->ranking.top[0].intent == rp[0].intent && rs[0] >= LEAD * t->ranking.top[1].score));
		if (sure) {
			t->parts[0] = rp[0];
			t->chosen = NULL;
			t->rule = "a strong pattern match in a letter, but the ranker, reading all of it, "
			          "prefers another";
		} else if (prefers && offer(t, p, rp, rs, nr, RANK_OFFER) >= 2) {
			t->outcome = HR_OUTCOME_CLARIFY;
			t->nparts = 0;
			t->chosen = NULL;
			t->rule = "a strong pattern match in a letter, but the ranker, reading all of it, "
			          "leans elsewhere: ask which";
		} else {
			t->nclarify = 0;
			t->parts[0] = pp;
			t->rule = joined ? "a strong pattern match on the question and the sentence before "
			                   "it; the ranker, "
			                   "reading the whole letter, does not overrule it"
			                 : "a strong pattern match answers; the ranker, reading the whole "
			                   "letter, does not "
			                   "overrule it";
		}
	} else if (p && nr > 0 && rp[0].intent == p->intent) {
		t->parts[0] = pp;
		t->rule = "a weak pattern match, and the ranker agrees";
	} else if (p && p->priority < 0 && !letter &&
	           ((size_t)p->covered * 2 >= qlen ||
	            (t->safety.decision != HR_DECISION_NONE && qlen <= 40))) {
		/* "TCH?", "herceptin": the name is the question. A short personal
		 * decision about something named ("what dose of herceptin") gets the
		 * overview of it with the care-team deferral. */
		t->parts[0] = pp;
		t->rule = "the question is mostly a name, or a short personal decision about it: its mention "
		          "answers";
	} else if (!familiar) {
		if (p) {
			t->parts[0] = pp;
			t->rule = "a weak pattern match; the ranker knows too few of the words";
		} else if (anchored && nr > 0 && rs[0] >= RANK_CLARIFY &&
		           t->ranking.top[0].intent == rp[0].intent &&
		           (t->ranking.n < 2 || rs[0] >= LEAD * t->ranking.top[1].score)) {
			t->parts[0] = rp[0];
			t->chosen = NULL;
			t->rule = "the ranker knows too few of the words, but the message names cancer care "
			          "and its first "
			          "choice leads clearly";
		} else if (anchored && nr > 0 && rs[0] >= RANK_CLARIFY &&
		           t->safety.decision == HR_DECISION_NONE &&
		           offer(t, NULL, rp, rs, nr, RANK_OFFER) >= 2) {
			t->outcome = HR_OUTCOME_CLARIFY;
			t->nparts = 0;
			t->rule = "the ranker knows too few of the words, but the message names cancer care: "
			          "ask which";
		} else {
			t->nclarify = 0;
			t->outcome = HR_OUTCOME_FALLBACK;
			t->nparts = 0;
			t->rule = "no pattern matched and the ranker knows too few of the words";
		}
	} else if (nr > 0 && rs[0] >= RANK_ANSWER) {
		t->parts[0] = rp[0];
		t->chosen = NULL;
		t->rule = "the ranker is confident";
	} else if (p && ranked_near_top(&t->ranking, p->intent)) {
		t->parts[0] = pp;
		t->rule = "a weak pattern match, near the top of the ranker's list";
	} else if (letter && nr > 0 && rs[0] >= RANK_CLARIFY && t->ranking.top[0].intent == rp[0].intent &&
	           (t->ranking.n < 2 || rs[0] >= LEAD * t->ranking.top[1].score)) {
		t->parts[0] = rp[0];
		t->chosen = NULL;
		t->rule = "the ranker's first choice leads its second clearly";
	} else if (story >= 0) {
		t->parts[0] = storyp[story];
		t->chosen = NULL;
		t->rule =
		    "a pattern matches the story around the question, and the ranker ranks it near its top";
	} else if (nr > 0 && rs[0] >= RANK_CLARIFY && t->safety.decision != HR_DECISION_NONE) {
		/* A personal decision ("what dose should I take") is answered with
		 * general information and the deferral, never a question back. */
		t->parts[0] =
		    p && (p->priority >= 0 || strcmp(rp[0].intent->name, "fallback") == 0) ? pp : rp[0];
		t->rule = "a personal decision: the best guess answers, with the deferral";
	} else if (nr > 0 && rs[0] >= RANK_CLARIFY) {
		/* Unsure between a few: ask which, offering each as a question. */
		if (offer(t, p, rp, rs, nr, RANK_OFFER) >= 2) {
			t->outcome = HR_OUTCOME_CLARIFY;
			t->nparts = 0;
			t->chosen = NULL;
			t->rule = "unsure between a few intents: ask which";
		} else if (p && (p->priority >= 0 || p->nslots == 0 || (nr > 1 && rs[1] * 3 >= rs[0]))) {
			t->nclarify = 0;
			t->parts[0] = pp;
			t->rule = "a weak pattern match; the ranker offers nothing else";
		} else {
			/* A bare mention (priority below 0, a drug or regimen
			 * caught: "herceptin" in "can I get the herceptin jab done
			 * at home") only names the drug; the one intent
			 * the ranker finds plausible, with nothing else (a mention
			 * included) near it, says what is asked about it, and takes
			 * the drug from the message like any pick. */
			t->nclarify = 0;
			t->parts[0] = rp[0];
			t->chosen = NULL;
			t->rule = p ? "a bare mention, and the ranker's only plausible intent"
			            : "the ranker's only plausible intent";
		}
	} else if (p) {
		t->parts[0] = pp;
		t->rule = "a weak pattern match; the ranker is unsure";
	} else if (anchored && nr > 0 && rs[0] >= RANK_OFFER && t->safety.decision == HR_DECISION_NONE &&
	           offer(t, NULL, rp, rs, nr, RANK_OFFER / 2) >= 2) {
		/* On topic, but unsure: the best few, rather than the fallback. A
		 * personal decision the ranker cannot place ("what if I skip this
		 * treatment?") gets the deferral itself instead (hr_engine_ask):
		 * a list of loosely related topics would not answer it. */
		t->outcome = HR_OUTCOME_CLARIFY;
		t->nparts = 0;
		t->rule = "the message names cancer care but the ranker is unsure: ask which of its best";
	} else {
		t->nclarify = 0;
		t->outcome = HR_OUTCOME_FALLBACK;
		t->nparts = 0;
		t->rule = nr             ? "no pattern matched and the ranker is unsure"
		          : t->ranking.n ? "no pattern matched, and none of the ranker's choices fits a "
		                           "message that names no cancer care"
		                         : "no pattern matched and the ranker knows no word";
	}
second:
	if (t->outcome == HR_OUTCOME_ANSWER && strcmp(t->parts[0].intent->name, "fallback") == 0) {
		/* The out-of-scope rules answer with the fallback, which names what was asked. */
		return 0;
	}
	if (t->outcome == HR_OUTCOME_ANSWER && e->mode == HR_ROUTE_BOTH)
		find_second(e, convo, &nm, t, check_plugin);
	return 0;
}

/* Whether the ranker finds a value named in normalised Q ("kadcyla", "3+"). */
static int names_a_value(hr_engine *e, const char *q)
{
	struct hr_concepts cs;
	hr_ranker_concepts(e->content->ranker, q, &cs);
	for (size_t i = 0; i < cs.n; i++) {
		if (cs.c[i].value)
			return 1;
	}
	return 0;
}

/* How a follow-up leans on the previous turn's topic (leans_on_earlier). */
enum lean {
	LEAN_NONE,    /* the question stands alone */
	LEAN_ANSWERS, /* routed after the topic, kept when it answers */
	LEAN_RANKED,  /* kept when it answers, not by a pattern on the topic's words alone */
};

/*
 * Whether the question routed alone (T) is routed again after the previous
 * turn's topic (docs/intents.md, Conversation): it is the message's first
 * sentence with fewer than THIN_POINTING known words, and it points back or
 * carries on ("does it hurt?", "what about my rent") with no strong pattern
 * of its own ("is there parking?" starts a new topic), or it is elliptic
 * after an answered topic ("why?", "how often?") and alone got no answer.
 */
static enum lean leans_on_earlier(hr_engine *e, const struct hr_convo *convo, const struct hr_trace *t)
{
	if (!convo || !convo->topic[0] || e->mode != HR_ROUTE_BOTH || !e->content->ranker || t->focus != 0 ||
	    t->nsentences >= HR_MAX_SENTENCES)
		return LEAN_NONE;
	/* Every question after the first of a conversation comes here, so the
	 * tests go cheapest first: the ones that need only the routing done
	 * (a strong pattern of its own, a question that does not ask) before
	 * the ranker's words, concepts and naming words, which are read only
	 * when the answer still depends on them (docs/performance.md, tenth
	 * round). The result is the same as taking them all in turn. */
	const char *q = e->snorm[0];
	int continues = en_follow_continues(q);
	int answered = t->outcome == HR_OUTCOME_ANSWER && strcmp(t->parts[0].intent->name, "fallback") != 0;
	int own_strong = t->outcome == HR_OUTCOME_ANSWER && t->chosen && t->chosen->priority >= 0 &&
	                 strong(t->chosen, strlen(q));
	/* A strong pattern of its own starts a new topic ("is there parking?"),
	 * except under a bare "what about" ("what about during chemo", "and
	 * after surgery"): those few words name only what the earlier question
	 * is now asked of, and the topic-joined routing is kept when it answers.
	 * A match that already takes its needs from the conversation ("what
	 * about side effects" after a drug) is a follow-up as it stands. */
	if (own_strong && !(continues && en_words(q) <= CONTINUE_WORDS && t->parts[0].intent->nneeds == 0))
		return LEAN_NONE;
	int back = en_points_back_turn(q);
	/* Elliptic (below) asks, after an answered topic. */
	if (!back && !continues && (!t->sentences[0].asks || !en_follow_anchored(e, convo)))
		return LEAN_NONE;
	size_t nwords = 0, nknown = 0;
	hr_ranker_words(e->content->ranker, e->rs, q, &nwords, &nknown);
	if (nknown >= THIN_POINTING)
		return LEAN_NONE;
	/* "what about ..." names what it asks about: words the ranker does not
	 * know ("the weather tomorrow") are no follow-up of a topic; nor is an
	 * elliptic question ("how do I fix my car"). */
	int familiar = nknown * 100 >= nwords * KNOWN_WORDS;
	if (!back && !continues) {
		/* Elliptic: it asks with one content word at most ("why?", "how
		 * often?", "what happens next?"), and alone it got no answer or the
		 * ranker's guess with nothing named; small talk ("thanks", "what
		 * can you do") and a question with things of its own ("how do I fix
		 * my car") stand alone. Asked and anchored are known by now;
		 * whether it names a value is read only when it decides. */
		int unsure = !answered;
		if (!unsure && !own_strong && strncmp(t->parts[0].intent->name, "conversation.", 13) != 0)
			unsure = !names_a_value(e, q);
		if (!unsure)
			return LEAN_NONE;
		/* Familiar among the words that name something: whether the
		 * ranker happens to know a word that only frames the question
		 * ("why not longer?": "longer") depends on the wording of its
		 * training questions, and so changed with each retrain, which
		 * left such a question standing alone (the fallback). */
		size_t naming = 0, nframing = 0, kframing = 0;
		en_follow_words(e, q, &naming, &nframing, &kframing);
		size_t nw = nwords - (nframing < nwords ? nframing : nwords);
		size_t nk = nknown - (kframing < nknown ? kframing : nknown);
		if (nk * 100 < nw * KNOWN_WORDS)
			return LEAN_NONE;
		/* With words of its own ("should I get my teeth checked first", "how
		 * do I fix my car") the question must count: a pattern that matches
		 * only the topic's words ("port") is no proof it was asked of the
		 * topic; one that reaches into the question's words is ("zoledronic
		 * acid ... teeth"), and so is the ranker's choice. */
		if (naming > ELLIPTIC_WORDS)
			return LEAN_NONE;
		return naming == 0 ? LEAN_ANSWERS : LEAN_RANKED;
	}
	if (!back && !familiar)
		return LEAN_NONE;
	/* "how about for kadcyla" swaps the drug: the question stays its own
	 * (drug.mention answers the earlier aspect for the new drug). */
	if (!back && names_a_value(e, q))
		return LEAN_NONE;
	return LEAN_ANSWERS;
}

/* Routes with every stage the mode allows; CHECK_PLUGIN 0 lets check --cv
 * route without asking the plugins. */
int en_route(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len, struct hr_trace *t,
             int check_plugin)
{
	memset(t, 0, offsetof(struct hr_trace, match));
	t->match.ncandidates = 0;
	t->plugin_err[0] = '\0';
	t->focus = -1;
	if (len == 0 || !hr_text_valid_utf8(text, len))
		return -EINVAL;

	/* 1. The safety check reads the whole message, first: an emergency can
	 * come at the end of a long letter. */
	hr_safety_check_text(e->safety, text, len, &t->safety);
	if (t->safety.tier == HR_TIER_NONE)
		en_safety_after_alarm(convo, text, len, &t->safety);
	if (t->safety.tier == HR_TIER_NONE)
		en_safety_alarm_put_off(convo, text, len, &t->safety);
	if (t->safety.tier == HR_TIER_NONE)
		en_safety_after_topic(e, convo, text, len, &t->safety);
	if (t->safety.tier != HR_TIER_NONE)
		return 0;

	int rc = route_once(e, convo, text, len, t, check_plugin, NULL);
	enum lean lean = rc ? LEAN_NONE : leans_on_earlier(e, convo, t);
	/* "Say that again": read with the topic whatever it routes to, so the
	 * plugin sees the topic's words (en_repeat_follow picks the topic). */
	int again = !rc && convo && convo->topic[0] && t->nsentences == 1 && en_repeat_asked(e->snorm[0]);
	if (again)
		lean = LEAN_ANSWERS;
	if (lean != LEAN_NONE) {
		/* A follow-up: asked after the previous turn's topic, as "port. does
		 * it hurt?" would be in one message. Kept when it answers
		 * (LEAN_RANKED: not by a pattern on the topic's words and its own);
		 * otherwise the routing alone stands: put back as it was, or, without
		 * room to keep it, routed again (the engine's sentence buffers then
		 * hold the other routing). Routing alone again cost a third of the
		 * dearest question of a one-connection conversation
		 * (docs/performance.md, eleventh round). */
		int kept = en_keep_alone(e, t);
		rc = route_once(e, convo, text, len, t, check_plugin, convo->topic);
		if (!(rc == 0 && (again || (t->outcome == HR_OUTCOME_ANSWER &&
		                            strcmp(t->parts[0].intent->name, "fallback") != 0 &&
		                            (lean == LEAN_ANSWERS || t->joined != 1))))) {
			if (kept == 0)
				rc = en_back_to_alone(e, t);
			else
				rc = route_once(e, convo, text, len, t, check_plugin, NULL);
		}
	}
	/* Last, a detail of the previous answer's topic, or that answer again
	 * (route_facet.c). */
	if (rc == 0 && check_plugin) {
		en_facet_follow(e, convo, t);
		en_repeat_follow(e, convo, t);
	}
	return rc;
}

int hr_engine_route(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len,
                    struct hr_trace *trace)
{
	return en_route(e, convo, text, len, trace, 0);
}
