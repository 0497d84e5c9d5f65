/*
 * Follow-ups: what the previous turn lends the question after it
 * (docs/intents.md, Conversation). route.c asks these; they call nothing of
 * route.c back.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
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

int en_has_word(const char *s, const char *w)
{
	size_t l = strlen(w);
	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
		if ((p == s || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0'))
			return 1;
	}
	return 0;
}

/*
 * Whether the "it" at P (in normalised S) only stands in for what follows:
 * "would it be wrong to ask for a second opinion", "is it ok to eat sushi",
 * "is it true that ...". Such an "it" points to the rest of its own sentence,
 * not back to the story or the previous turn.
 */
static int it_anticipates(const char *p)
{
	static const char *const be[] = {"be ", "is ", "was ", "seems ", "still "};
	static const char *const judge[] = {
	    "ok",       "okay",      "alright", "all right",   "safe",       "normal",    "possible",
	    "wrong",    "worth",     "true",    "bad",         "better",     "best",      "wise",
	    "too late", "too early", "common",  "usual",       "advisable",  "necessary", "important",
	    "likely",   "unusual",   "silly",   "a good idea", "a bad idea", "rude",      "allowed"};
	p += 3; /* past "it " */
	for (size_t i = 0; i < sizeof(be) / sizeof(be[0]); i++) {
		size_t n = strlen(be[i]);
		if (strncmp(p, be[i], n) == 0) {
			p += n;
			break;
		}
	}
	for (size_t i = 0; i < sizeof(judge) / sizeof(judge[0]); i++) {
		size_t n = strlen(judge[i]);
		if (strncmp(p, judge[i], n) == 0 && p[n] == ' ' &&
		    (strncmp(p + n + 1, "to ", 3) == 0 || strncmp(p + n + 1, "that ", 5) == 0 ||
		     strncmp(p + n + 1, "for ", 4) == 0 || strncmp(p + n + 1, "if ", 3) == 0))
			return 1;
	}
	return 0;
}

/* Whether normalised S holds a word that points back to something said
 * before ("is this normal", "could that be it", "will they stop"); an "it"
 * that only anticipates the rest of its sentence ("is it ok to ...") does not. */
int en_points_back(const char *s)
{
	static const char *const w[] = {"that", "this", "these", "those", "they", "them"};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (en_has_word(s, w[i]))
			return 1;
	}
	for (const char *p = strstr(s, "it"); p; p = strstr(p + 1, "it")) {
		if ((p == s || p[-1] == ' ') && (p[2] == ' ' || p[2] == '\0') &&
		    (p[2] == '\0' || !it_anticipates(p)))
			return 1;
	}
	return 0;
}

/* Whether normalised S points back to the previous turn: a word of
 * en_points_back(), or a person named before ("can she fly", "will his hair
 * grow back"); "her 2" is HER2, not a person. */
int en_points_back_turn(const char *s)
{
	static const char *const w[] = {"she", "he", "him", "his"};
	/* A choice between things named before: "which one do I trust", "can I
	 * switch from one to the other", "is either ok". */
	static const char *const choice[] = {"which one", "which ones", "the other",
	                                     "either",    "neither",    "both of"};
	if (en_points_back(s))
		return 1;
	for (size_t i = 0; i < sizeof(choice) / sizeof(choice[0]); i++) {
		if (en_has_word(s, choice[i]))
			return 1;
	}
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (en_has_word(s, w[i]))
			return 1;
	}
	for (const char *p = strstr(s, "her"); p; p = strstr(p + 1, "her")) {
		if ((p == s || p[-1] == ' ') &&
		    (p[3] == '\0' ||
		     (p[3] == ' ' && strncmp(p + 4, "2", 1) != 0 && strncmp(p + 4, "two", 3) != 0)))
			return 1;
	}
	return 0;
}

/*
 * Words that only frame a question about whatever came before ("how often",
 * "for how long", "is that normal", "what happens next", "why not sooner"):
 * they name nothing (en_follow_words).
 */
static const char *const framing[] = {
    "often", "long",     "longer",   "much",    "many",    "more",   "else",   "next",    "normal", "common",
    "usual", "safe",     "okay",     "ok",      "happens", "happen", "mean",   "means",   "bad",    "serious",
    "soon",  "later",    "years",    "months",  "weeks",   "days",   "times",  "again",   "still",  "really",
    "sure",  "anything", "expected", "typical", "worse",   "better", "sooner", "earlier", "shorter"};

static int is_framing(const char *w)
{
	for (size_t i = 0; i < sizeof(framing) / sizeof(framing[0]); i++) {
		if (strcmp(w, framing[i]) == 0)
			return 1;
	}
	return 0;
}

/* One walk over the words of normalised Q, each looked up in the ranker
 * once: how many name something (known content words that do not only frame
 * the question), and of the framing ones how many are content words and how
 * many the ranker knows. Any of the outputs may be NULL. */
void en_follow_words(hr_engine *e, const char *q, size_t *naming, size_t *nframing, size_t *kframing)
{
	size_t n = 0, nf = 0, kf = 0;
	for (const char *p = q; *p;) {
		size_t l = strcspn(p, " ");
		char w[64];
		if (l > 0 && l < sizeof(w)) {
			memcpy(w, p, l);
			w[l] = '\0';
			size_t nw = 0, nk = 0;
			hr_ranker_words(e->content->ranker, e->rs, w, &nw, &nk);
			if (is_framing(w)) {
				nf += nw;
				kf += nk;
			} else {
				n += nw > 0;
			}
		}
		p += l;
		while (*p == ' ')
			p++;
	}
	if (naming)
		*naming = n;
	if (nframing)
		*nframing = nf;
	if (kframing)
		*kframing = kf;
}

size_t en_naming_words(hr_engine *e, const char *q)
{
	size_t n = 0;
	en_follow_words(e, q, &n, NULL, NULL);
	return n;
}

/* Appends the words of normalised S that the ranker knows (a slot or words
 * phrase whole, "fish test"; any other word its training questions use) to
 * OUT (CAP bytes, NUL-terminated), each after a space. */
static void known_words(hr_engine *e, const char *s, char *out, size_t cap)
{
	const hr_ranker *r = e->content->ranker;
	struct hr_concepts cs;
	hr_ranker_concepts(r, s, &cs);
	size_t o = strlen(out), k = 0;
	for (const char *p = s; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		int at = (int)(p - s);
		while (k < cs.n && cs.c[k].end <= at)
			k++;
		const char *end = p + strcspn(p, " ");
		int keep = 0;
		if (k < cs.n && cs.c[k].start <= at) {
			end = s + cs.c[k].end; /* the whole phrase */
			keep = 1;
		} else {
			char w[64];
			size_t nwords = 0, nknown = 0;
			if ((size_t)(end - p) < sizeof(w)) {
				memcpy(w, p, (size_t)(end - p));
				w[end - p] = '\0';
				keep = hr_ranker_words(r, e->rs, w, &nwords, &nknown) > 0;
			}
		}
		size_t wl = (size_t)(end - p);
		if (keep && o + 1 + wl < cap) {
			if (o)
				out[o++] = ' ';
			memcpy(out + o, p, wl);
			o += wl;
			out[o] = '\0';
		}
		p = end;
	}
}

/*
 * Whether the focus sentence itself names a value its answer was about
 * ("stage four, it's in her liver, what is THP" answered about THP): the
 * topic is then the question's alone, so that "how often are the infusions"
 * after it asks about THP, not about the liver the letter told of (blind
 * probe 13). The sentence before still lends its words to a question that
 * names nothing ("my report says 2+. what does it mean").
 */
static int names_its_answer(hr_engine *e, const struct hr_trace *t)
{
	if (t->outcome != HR_OUTCOME_ANSWER || t->nparts == 0 || t->earlier)
		return 0;
	struct hr_concepts cs;
	hr_ranker_concepts(e->content->ranker, e->snorm[t->focus], &cs);
	for (size_t i = 0; i < cs.n; i++) {
		if (!cs.c[i].value)
			continue;
		for (size_t k = 0; k < t->parts[0].nslots; k++) {
			if (strcmp(t->parts[0].slots[k].name, cs.c[i].entity) == 0 &&
			    strcmp(t->parts[0].slots[k].value, cs.c[i].value) == 0)
				return 1;
		}
	}
	return 0;
}

void en_topic(hr_engine *e, const struct hr_trace *t, const char *before, char *out, size_t cap)
{
	out[0] = '\0';
	if (!e->content->ranker || t->focus < 0 || (size_t)t->focus >= t->nsentences || cap == 0)
		return;
	/* The question, and the sentence before it when the question leaned on
	 * it (thin, or the earlier topic); a question that points back keeps
	 * the topic it points to, however it was answered. */
	char buf[HR_TOPIC_MAX * 4] = "";
	int from = t->focus;
	if (t->focus > 0 && (t->thin || t->earlier) && !names_its_answer(e, t))
		from = t->focus - 1;
	const char *q = e->snorm[t->focus];
	if (!t->earlier && from == t->focus && t->focus == 0 && before && before[0] && en_points_back_turn(q))
		snprintf(buf, sizeof(buf), "%s", before);
	for (int i = from; i <= t->focus; i++)
		known_words(e, e->snorm[i], buf, sizeof(buf));
	/* Too long: the oldest words go, at a word boundary. */
	const char *p = buf;
	while (strlen(p) >= cap && strchr(p, ' '))
		p = strchr(p, ' ') + 1;
	if (strlen(p) < cap)
		snprintf(out, cap, "%s", p);
}

/* Keeps routing T (done alone, rc 0) and the sentences it read, for
 * en_back_to_alone(); returns 0, or -ENOMEM with nothing kept. */
/* Copies what routing wrote into SRC, and what is read of it after, into
 * DST: all but the match's unused candidates and the rest of its text (a
 * whole trace is ~21 kB, most of it room for candidates). */
static void copy_routing(struct hr_trace *dst, const struct hr_trace *src)
{
	memcpy(dst, src, offsetof(struct hr_trace, match));
	dst->match.ncandidates = src->match.ncandidates;
	dst->match.dropped = src->match.dropped;
	dst->match.limit_hit = src->match.limit_hit;
	dst->match.patterns_tried = src->match.patterns_tried;
	memcpy(dst->match.candidates, src->match.candidates,
	       src->match.ncandidates * sizeof(src->match.candidates[0]));
	memcpy(dst->match.corrected, src->match.corrected, strlen(src->match.corrected) + 1);
}

int en_keep_alone(hr_engine *e, const struct hr_trace *t)
{
	if (!e->alone)
		e->alone = malloc(sizeof(*e->alone));
	if (!e->alone_norm)
		e->alone_norm = malloc(HR_MAX_SENTENCES * sizeof(*e->alone_norm));
	if (!e->alone || !e->alone_norm)
		return -ENOMEM;
	/* Its pointers stay good: the intents and static rules outlive the
	 * question, and the pattern chosen points into T's own match, which
	 * en_back_to_alone() copies back into the same T. */
	copy_routing(e->alone, t);
	memcpy(e->alone_norm, e->snorm, t->nsentences * sizeof(*e->snorm));
	return 0;
}

/* Puts back into T (the same trace en_keep_alone() read) the routing alone and
 * its sentences: what routing alone again gives, since routing reads only
 * the message, the conversation and the content, none of which changed in
 * between. Returns route_once()'s 0. */
int en_back_to_alone(hr_engine *e, struct hr_trace *t)
{
	copy_routing(t, e->alone);
	memcpy(e->snorm, e->alone_norm, t->nsentences * sizeof(*e->snorm));
	return 0;
}
