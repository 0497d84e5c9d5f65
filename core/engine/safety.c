/*
 * The safety layer. See safety.h for the contract, the content guide ("The
 * safety layer comes first", "Scope") for what it must catch, docs/safety.md
 * for how well it does, and core/engine/safety.rules for the words and the rules.
 *
 * How a message is judged
 * -----------------------
 * The input is already normalised (lower case, punctuation as spaces), so the
 * rules are written against single-spaced lower-case words.
 *
 * 0. Spelling. Words the rules file names as spelling targets ("suicide",
 *    "breathe", "unconscious"...) are looked for one typing slip away: a word
 *    of five or more letters that is not a target and not a real word the
 *    file keeps ("paint" is not "faint") and that is one letter dropped, added,
 *    changed or swapped from a target is read as the target; and the file's
 *    explicit fixes ("kms" = "kill myself") are applied. The rules then run on
 *    the corrected text.
 *
 * 1. Triggers. Each rule is one PCRE2 pattern built from concept lexicons (a
 *    body part, a feeling, a severity, who is affected...), written to
 *    tolerate paraphrase and speech-recogniser spellings. Rules are listed by
 *    tier, highest first, so the first rule that fires gives the tier: crisis,
 *    then emergency, then call now.
 *
 * 2. Negation. For every place a trigger matches, the words just before it in
 *    the same clause are read backwards. A negator ("no", "not", "don't",
 *    "never", "without", "denies"...) within four words cancels that match, and
 *    reaches across a list ("I don't have a fever or chills"); "but", "so",
 *    "because", "just" and the like end the clause, so in "no fever but chills"
 *    only the fever is cancelled. Crisis phrases are cancelled only by a negator
 *    right before them ("I'm not suicidal", "I really don't want to die"),
 *    because erring towards the crisis reply is the safe side. History, a
 *    call-now sign that is over, a TV story, a pet: docs/safety.md, step 4.
 *
 * 3. Report or question. Emergency and call-now rules must not fire on a
 *    question about warning signs. The same backward reading classifies the
 *    match as
 *      - reported: a first-person or caregiver subject sits before it ("I have",
 *        "my chest", "she is", "there is", "why do I have");
 *      - informational: it is the object of a question about the symptom
 *        ("about", "can X cause", "signs of", "watch for", "if", "you"), or a
 *        search-style topic with a drug name right before it ("herceptin chest
 *        pain");
 *      - plain: none of these ("chest pain on herceptin").
 *    A reported match fires. An informational match fires only when the message
 *    also says it is happening now ("right now", "since last night", "for two
 *    days", "should I go to the ER"). A plain match fires unless the whole
 *    message is framed as a question (it starts with what/when/how/is/can...,
 *    or asks about signs, symptoms, side effects, "is it normal", "when should I
 *    call"), again unless it says it is happening now. A temperature reading at
 *    or above the threshold counts as a report however it is framed. Crisis is
 *    never downgraded by question framing.
 *
 * 4. Context. A rule can need context anywhere in the message (`needs=` in
 *    the rules file; `said=` when it must not be negated there): a cough is a call-now only with
 *    trastuzumab deruxtecan (Enhertu) named, pregnancy only with a drug named
 *    or treatment under way ("on chemo"; not "what treatment"), plain
 *    diarrhoea only with a companion sign (fever, dizziness, vomiting, not
 *    keeping fluids down, blood). Other checks are done here in C: a count of
 *    episodes must be four or more, and a temperature at or above 100.4 F /
 *    38 C. A fever or chills reported without a number fires: the people
 *    herald serves are nearly all on or just after treatment, and the reply
 *    only asks them to call their team. Heart, liver and clot signs do not
 *    need a drug named for the same reason.
 *
 * 5. Decisions. Independently of the tier, a second set of patterns recognises
 *    requests for a personal decision. Dose: "what dose should I take", "how
 *    much X should I take", a missed, extra, doubled or changed dose. Stop: "should
 *    I stop/skip/quit/pause" a treatment, "I want to stop chemo", "do I have to
 *    finish". Choose: "should I choose X or Y", "which treatment should I get",
 *    "is X better for me", "do I need chemo". Prognosis: "how long do I have",
 *    "will I survive", "what are my chances". General questions with no person
 *    in them ("what is the usual dose of herceptin", "how is it dosed", "how long
 *    is herceptin given", "what is the survival rate") are not decisions: the
 *    plugin answers them with population facts. Take: whether this person may
 *    take, start or combine a treatment or another medicine given their own
 *    health or other medicines ("I have migraines, can I take Enhertu?", "should
 *    I take Kadcyla if I have liver disease", "I'm on warfarin, can I also take
 *    tucatinib", "can I take ibuprofen with Enhertu", "is it safe for me to
 *    take Herceptin"). The drug being asked about need not be one herald
 *    knows; a question about the drug alone ("what is Enhertu", "can Herceptin
 *    cause headaches", "should I take tucatinib with food") is not one.
 *
 * 6. Prefilter. Almost every message is an ordinary question that fires no
 *    rule, and running every pattern on it costs more than the rest of the
 *    check. So at start-up every pattern (the rules, the context patterns and
 *    the decisions) is analysed by the intent engine's literal prefilter
 *    (core/engine/prefilter.c) into the words any match must contain, and each
 *    message is scanned once for them: a pattern whose words are missing
 *    cannot match anywhere in the message, so it is not run, and the answer
 *    is the same as running it. A pattern that needs no word, and every
 *    pattern on a message with non-ASCII bytes (whose other case forms PCRE2
 *    might match), always runs. A rule of several lines is also analysed line
 *    by line, and runs only when one of its lines may match: analysed whole,
 *    a long alternation needs only words that some line has, and the crisis
 *    rule ran on half of all questions. The analysis lower-cases the patterns and the
 *    text, so case cannot hide a match (the rules themselves are written
 *    against lower case and compiled case-sensitive; lower-casing only makes
 *    the prefilter let more through). hr_safety_set_prefilter() turns it off,
 *    and the unit tests compare both ways on every question they know.
 *
 * The rules file is read once: the parsed rules, the spelling index and the
 * prefilter are immutable and shared by every instance (one per worker
 * thread); each instance compiles its own PCRE2 code and scratch.
 *
 * Nothing here logs message text: only rule names and PCRE2 error codes.
 *
 * The layer's files: this one judges a message (the matching and the logic
 * above); safety_words.c reads the words and numbers around a match;
 * safety_load.c reads the rules file and builds the spelling index;
 * safety_replies.c holds the fixed replies; safety_int.h what they share.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety.h"

#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "prefilter.h"
#include "safety_rules.h"
#include "text.h"

#include "safety_int.h"
#include "safety_judge.h"
#include "safety_person.h"
#include "safety_words.h"

/* ------------------------------------------------------------------------- */
/* Instances. */

/* The room for the corrected text an instance starts with: the engine's
 * 1 KiB, and spelling fixes that lengthen a word ("kms" = "kill myself"). */
#define TEXT_ROOM 2048

struct hr_safety {
	const struct ruleset *rs; /* shared, see shared_get */
	pcre2_code **rules;
	pcre2_code **ctx;
	pcre2_code **decisions;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	hr_prefilter_scratch *pfs;
	uint64_t *may;     /* the prefilter's result, one bit per pattern */
	int *ctx_state;    /* per context: -1 unknown, 0 or 1 (has_ctx), 2 said (said_unnegated) */
	int no_prefilter;  /* every pattern runs (hr_safety_set_prefilter) */
	int no_jit;        /* a JIT compilation failed: the interpreter for all (ensure_jit) */
	unsigned nmatches; /* pcre2_match calls of the last check */
	char *fixed;       /* the text after spelling correction (grown for long texts) */
	size_t fixed_cap;
	char *norm; /* hr_safety_check_text's normalised text (grown for long texts) */
	size_t norm_cap;
	/* Each rule line on its own (by prefilter number less NPATTERNS),
	 * compiled at its first run alone, and per rule whether its lines may
	 * run alone: -1 not known yet, 0 or 1 (rule_next). */
	pcre2_code **branch;
	signed char *split;
};

int hr_safety_new(hr_safety **out)
{
	int err = -ENOMEM;
	hr_safety *s = calloc(1, sizeof(*s));
	struct ruleset *rs = NULL;
	*out = NULL;
	if (!s)
		return -ENOMEM;
	if ((err = sf_shared_get(&rs)))
		goto fail;
	s->rs = rs;
	err = -ENOMEM;
	s->rules = calloc(rs->nrules + 1, sizeof(*s->rules));
	s->ctx = calloc(rs->nctx + 1, sizeof(*s->ctx));
	s->decisions = calloc(rs->ndecisions + 1, sizeof(*s->decisions));
	s->may = calloc((rs->npf + 63) / 64 + 1, sizeof(*s->may));
	s->ctx_state = calloc(rs->nctx + 1, sizeof(*s->ctx_state));
	s->fixed = malloc(TEXT_ROOM);
	s->fixed_cap = TEXT_ROOM;
	s->norm = malloc(TEXT_ROOM);
	s->norm_cap = TEXT_ROOM;
	s->branch = calloc(rs->npf - NPATTERNS(rs) + 1, sizeof(*s->branch));
	s->split = malloc(rs->nrules + 1);
	if (!s->rules || !s->ctx || !s->decisions || !s->may || !s->ctx_state || !s->fixed || !s->norm ||
	    !s->branch || !s->split)
		goto fail;
	memset(s->split, -1, rs->nrules + 1);
	for (size_t i = 0; i < rs->nrules; i++) {
		if (!(s->rules[i] =
		          sf_compile(rs->rules[i].name, rs->rules[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	for (size_t i = 0; i < rs->nctx; i++) {
		if (!(s->ctx[i] = sf_compile(rs->ctx[i].name, rs->ctx[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	for (size_t i = 0; i < rs->ndecisions; i++) {
		if (!(s->decisions[i] =
		          sf_compile("decision", rs->decisions[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	err = -ENOMEM;
	if (!(s->pfs = hr_prefilter_scratch_new(rs->pf)))
		goto fail;
	s->md = pcre2_match_data_create(8, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	if (!s->md || !s->mctx)
		goto fail;
	pcre2_set_match_limit(s->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(s->mctx, DEPTH_LIMIT);
	*out = s;
	return 0;
fail:
	hr_safety_free(s);
	return err;
}

void hr_safety_free(hr_safety *s)
{
	if (!s)
		return;
	const struct ruleset *rs = s->rs;
	for (size_t i = 0; rs && s->rules && i < rs->nrules; i++)
		pcre2_code_free(s->rules[i]);
	for (size_t i = 0; rs && s->ctx && i < rs->nctx; i++)
		pcre2_code_free(s->ctx[i]);
	for (size_t i = 0; rs && s->decisions && i < rs->ndecisions; i++)
		pcre2_code_free(s->decisions[i]);
	for (size_t i = 0; rs && s->branch && i < rs->npf - NPATTERNS(rs); i++)
		pcre2_code_free(s->branch[i]);
	free(s->branch);
	free(s->split);
	free(s->rules);
	free(s->ctx);
	free(s->decisions);
	free(s->may);
	free(s->ctx_state);
	free(s->fixed);
	free(s->norm);
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	hr_prefilter_scratch_free(s->pfs);
	sf_shared_put((struct ruleset *)rs);
	free(s);
}

void hr_safety_set_prefilter(hr_safety *s, int on)
{
	s->no_prefilter = !on;
}

const char *hr_safety_rule_name(const hr_safety *s, size_t i)
{
	return s && i < s->rs->nrules ? s->rs->rules[i].name : NULL;
}

unsigned hr_safety_matches_run(const hr_safety *s)
{
	return s->nmatches;
}

/* JIT-compiles RE the first time it runs (sf_compile leaves it to here).
 * This safety check's patterns are its own and it runs on one thread at a
 * time. When JIT is unavailable, the interpreter gives the same answers and
 * no further pattern tries. */
static void ensure_jit(hr_safety *s, pcre2_code *re)
{
	size_t size = 0;
	if (s->no_jit || (pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 && size))
		return;
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE))
		s->no_jit = 1;
}

/* Runs RE on TEXT from OFFSET. Returns how many ovector pairs were set (at
 * least 1) on a match, 0 when there is none or the match failed; a failure is
 * logged with NAME only. */
static int match(hr_safety *s, pcre2_code *re, const char *name, const char *text, size_t len, size_t offset)
{
	ensure_jit(s, re);
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, offset, 0, s->md, s->mctx);
	s->nmatches++;
	if (rc > 0)
		return rc;
	if (rc == 0) /* the ovector was too small: the whole match is still there */
		return (int)pcre2_get_ovector_count(s->md);
	if (rc != PCRE2_ERROR_NOMATCH)
		hr_warn("safety: rule %s: match error %d", name, rc);
	return 0;
}

/* A trigger followed by "years ago", "last year" or "in the past" is history,
 * not something happening now. */
static int is_history(const struct ruleset *rs, const char *text, size_t len, size_t end)
{
	struct word w[6];
	size_t n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_is(&w[i], "ago") && i > 0 && word_in(&w[i - 1], rs->lists[L_HISTORY_SPANS]))
			return 1;
		if (i + 1 < n && word_is(&w[i], "last") && word_is(&w[i + 1], "year"))
			return 1;
		if (i + 2 < n && word_is(&w[i], "in") && word_is(&w[i + 1], "the") &&
		    word_is(&w[i + 2], "past"))
			return 1;
		if (i + 1 < n && word_is(&w[i], "as") &&
		    (word_is(&w[i + 1], "a") || word_is(&w[i + 1], "kid") || word_is(&w[i + 1], "child")))
			return 1;
	}
	return 0;
}

/* Whether bytes [FROM, TO) of TEXT hold at most MAX words and neither a new
 * clause nor a word that brings the time back to now. */
static int same_clause(const struct ruleset *rs, const char *text, size_t from, size_t to, size_t max)
{
	struct word w[16];
	size_t n = words_before(text, to, w, ARRAY_SIZE(w));
	size_t k = 0;
	for (size_t d = 0; d < n && w[d].p >= text + from; d++, k++) {
		if (k >= max || word_in(&w[d], rs->lists[L_BOUNDARIES]) ||
		    word_in(&w[d], rs->lists[L_NOW_WORDS]))
			return 0;
	}
	return k <= max;
}

/* Crisis phrases are cancelled only by a negator right before them, looking
 * through an adverb or two and the words a denial wraps around them: "I
 * really don't want to die", "I'm not suicidal", "I don't feel suicidal",
 * "I'm not thinking of hurting myself", "no thoughts of suicide". */
static int crisis_negated(const struct ruleset *rs, const char *text, size_t start)
{
	struct word w[5];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n; d++) {
		if (word_in(&w[d], rs->lists[L_CRISIS_ADVERBS]) ||
		    word_in(&w[d], rs->lists[L_CRISIS_FILLERS]))
			continue;
		return word_in(&w[d], rs->lists[L_NEGATORS]);
	}
	return 0;
}

/*
 * Whether the words before "about" (W[0]) are talking to someone close about
 * it, not asking for help: "how do I talk to my teenager about", "explain to
 * the kids about". Not when the one talked to is help ("talk to someone",
 * "speak to my doctor"), nor when the person needs or wants to talk: those
 * may be at risk themselves.
 */
static int talk_to_another(const struct ruleset *rs, const struct word *w, size_t n)
{
	for (size_t d = 1; d + 2 < n && d < 7; d++) {
		if (!word_in(&w[d], rs->lists[L_TALK_WORDS]))
			continue;
		/* W[d-1] is "to" or "with", W[d-2] a possessive, then the person. */
		if (d < 3 || !(word_is(&w[d - 1], "to") || word_is(&w[d - 1], "with")) ||
		    !word_in(&w[d - 2], rs->lists[L_DETERMINERS]))
			return 0;
		if (word_in(&w[d - 3], rs->lists[L_OTHERS]) ||
		    word_in(&w[d - 3], rs->lists[L_GENERIC_PEOPLE]) ||
		    word_in(&w[d - 3], rs->lists[L_HELPERS]))
			return 0;
		const struct word *before = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *before2 = d + 2 < n ? &w[d + 2] : NULL;
		if (before && word_is(before, "to") && before2 &&
		    (word_is(before2, "need") || word_is(before2, "want") || word_is(before2, "have")))
			return 0;
		return 1;
	}
	return 0;
}

/*
 * Whether a crisis phrase is the topic of a question about someone else or
 * about suicide in general, to be answered rather than alerted: "what are the
 * warning signs of suicide", "what do I say to someone who wants to die", "how
 * do I know if my wife is suicidal", "suicide rates". Anything said of
 * oneself stays a crisis ("what should I do if I want to kill myself").
 */
static int crisis_topic(const struct ruleset *rs, const char *text, size_t len, size_t start, size_t end)
{
	struct word w[10];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	/* Suicide the noun, as a topic: "how do I talk to my teenager about
	 * suicide", "she lost her brother to suicide", "died by suicide". */
	if (end - start == 7 && memcmp(text + start, "suicide", 7) == 0 && n > 0) {
		if (word_is(&w[0], "to") || word_is(&w[0], "by") || word_is(&w[0], "from")) {
			for (size_t d = 1; d < n && d < 5; d++) {
				if (word_in(&w[d], rs->lists[L_LOSS_WORDS]))
					return 1;
			}
		}
		if (word_is(&w[0], "about") && talk_to_another(rs, w, n))
			return 1;
		/* "is suicide more common in cancer", "are suicide rates higher". */
		struct word a[2];
		if ((word_is(&w[0], "is") || word_is(&w[0], "are") || word_is(&w[0], "how")) &&
		    words_after(text, len, end, a, 1) == 1 && word_in(&a[0], rs->lists[L_TOPIC_STATES]))
			return 1;
	}
	for (size_t d = 0; d < n; d++) {
		const struct word *x = &w[d], *left = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *right = d > 0 ? &w[d - 1] : NULL;
		if (word_in(x, rs->lists[L_BOUNDARIES]))
			break;
		if (left && word_is(x, "of") && word_in(left, rs->lists[L_SIGN_WORDS]) &&
		    !word_is(left, "scared") && !word_is(left, "afraid"))
			return 1;
		if (left && word_is(x, "who") && word_in(left, rs->lists[L_OTHERS]))
			return 1;
		/* "signs that someone", "someone is thinking about suicide". */
		if (left && word_is(x, "that") && word_in(left, rs->lists[L_SIGN_WORDS]))
			return 1;
		if (word_in(x, rs->lists[L_GENERIC_PEOPLE])) {
			/* A comparison is no subject: "more help than most people. won't
			 * be needing you after tonight", "more tired than anyone knows". */
			if ((left && word_is(left, "than")) || (d + 2 < n && word_is(&w[d + 2], "than")))
				continue;
			/* One known person, not anyone: "someone in our support group just
			 * posted 'this is goodbye'", told, not asked ("what are the signs
			 * someone in my family is suicidal" stays a topic; sixteenth round). */
			struct word first[1];
			if (right && d >= 2 && (word_is(right, "in") || word_is(right, "from")) &&
			    word_in(&w[d - 2], rs->lists[L_POSSESSIVES]) &&
			    words_after(text, len, 0, first, 1) == 1 &&
			    !word_in(&first[0], rs->lists[L_HYPOTHETICALS]))
				continue;
			/* "I need to talk to someone about suicide" asks for help. */
			if (d + 2 < n && word_is(&w[d + 1], "to") &&
			    word_in(&w[d + 2], rs->lists[L_TALK_WORDS]))
				return 0;
			return 1;
		}
		if (left && (word_is(x, "if") || word_is(x, "whether")) &&
		    word_in(left, rs->lists[L_KNOW_WORDS])) {
			const struct word *left2 = d + 2 < n ? &w[d + 2] : NULL;
			if (left2 && word_in(left2, rs->lists[L_NEGATORS]))
				return 0; /* "I don't know if I want to live" */
			if (right && (word_is(right, "i") || word_is(right, "i'm") || word_is(right, "im")))
				return 0;
			return 1;
		}
	}
	n = words_after(text, len, end, w, 2);
	return n > 0 && word_in(&w[0], rs->lists[L_CRISIS_TOPICS]);
}

/* ------------------------------------------------------------------------- */
/* The check. */

struct check {
	hr_safety *s;
	const struct ruleset *rs;
	const char *text;
	size_t len;
	int filtered; /* the prefilter ran: only patterns set in S->MAY can match */
	int digits;   /* the text holds a digit (the prefilter cannot see digits-only words) */
	int high;     /* the text holds a byte outside ASCII: 1, 0, or -1 until asked */
};

/* Whether the text holds a byte outside ASCII, for the rules written in other
 * scripts (F_NON_ASCII): the prefilter sees no word in them, so without this
 * they would run on every English message (thirteenth round). */
static int text_is_high(struct check *c)
{
	if (c->high < 0) {
		c->high = 0;
		for (size_t i = 0; i < c->len && !c->high; i++)
			c->high = (unsigned char)c->text[i] >= 0x80;
	}
	return c->high;
}

/* False when pattern ID cannot match anywhere in the text: the prefilter did
 * not find the words it needs. */
static int may_match(const struct check *c, size_t id)
{
	return !c->filtered || (c->s->may[id / 64] >> (id % 64)) & 1;
}

/* False when rule R cannot match anywhere in the text: the prefilter let
 * neither the rule nor any of its lines through (struct rule). */
static int rule_may_match(const struct check *c, size_t i)
{
	const struct rule *r = &c->rs->rules[i];
	if (!may_match(c, PF_RULE(c->rs, i)))
		return 0;
	for (size_t k = 0; k < r->nbranches; k++)
		if (may_match(c, r->branch0 + k))
			return 1;
	return r->nbranches == 0;
}

/* How many of the N patterns numbered from FIRST the prefilter let through;
 * their bits are in a row, counted a word at a time. */
static size_t may_count(const struct check *c, size_t first, size_t n)
{
	size_t npass = 0;
	for (size_t id = first, end = first + n; id < end;) {
		size_t w = id / 64, lo = id % 64, hi = end - w * 64 < 64 ? end - w * 64 : 64;
		uint64_t bits = c->s->may[w] >> lo;
		if (hi - lo < 64)
			bits &= ((uint64_t)1 << (hi - lo)) - 1;
		npass += (size_t)__builtin_popcountll(bits);
		id = w * 64 + hi;
	}
	return npass;
}

/* Pattern ID, a rule's line or a context's alternative run alone, compiled at
 * its first run from SRC (or, when SRC is NULL, from context X's alternative
 * K); NULL when out of memory. */
static pcre2_code *alone(hr_safety *s, size_t id, const char *name, const char *src, const struct context *x,
                         size_t k)
{
	pcre2_code **re = &s->branch[id - NPATTERNS(s->rs)];
	if (!*re) {
		int err;
		char *own = src ? NULL : sf_ctx_alt_source(x, k);
		if (src || own)
			*re = sf_compile(name, src ? src : own, &err, NULL, NULL, NULL, 0);
		free(own);
	}
	return *re;
}

/*
 * Whether context I occurs, running only its alternatives the prefilter let
 * through (struct context): 0 or 1, or -1 when the whole pattern must run (the
 * prefilter did not run, or let more than half of them through, or one would
 * not compile). A context asks only whether it occurs, so "I'm so tired all
 * the time on treatment", read again after the topic, no longer runs the
 * signs' long contexts whole for a word or two of theirs (docs/performance.md,
 * twelfth round).
 */
static int ctx_alone(struct check *c, size_t i)
{
	const struct context *x = &c->rs->ctx[i];
	if (!c->filtered || !x->nalts)
		return -1;
	size_t npass = may_count(c, x->alt0, x->nalts);
	if (npass * 2 > x->nalts)
		return -1;
	for (size_t k = 0; k < x->nalts && npass; k++) {
		if (!may_match(c, x->alt0 + k))
			continue;
		pcre2_code *re = alone(c->s, x->alt0 + k, x->name, NULL, x, k);
		if (!re)
			return -1;
		if (match(c->s, re, x->name, c->text, c->len, 0))
			return 1;
		npass--;
	}
	return 0;
}

/* Whether context I (an index into the ruleset's contexts) occurs anywhere. */
static int has_ctx_at(struct check *c, size_t i)
{
	int *st = &c->s->ctx_state[i];
	if (*st < 0 && !may_match(c, PF_CTX(c->rs, i)))
		*st = 0;
	if (*st < 0 && (*st = ctx_alone(c, i)) < 0)
		*st = match(c->s, c->s->ctx[i], c->rs->ctx[i].name, c->text, c->len, 0) > 0;
	return *st > 0;
}

static int has_ctx(struct check *c, enum ctx k)
{
	return has_ctx_at(c, c->rs->known[k]);
}

/* Whether context I is said somewhere and not negated there: "I'm not on
 * chemo" names no treatment, "no fever" is no companion sign. */
static int said_at(struct check *c, size_t i)
{
	int *st = &c->s->ctx_state[i];
	if (*st == 2)
		return 1;
	if (!has_ctx_at(c, i))
		return 0;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[i], c->rs->ctx[i].name, c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		if (sf_judge(c->rs, c->text, ov[0], NEG_WINDOW) != NEGATED) {
			*st = 2;
			return 1;
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

static int said_unnegated(struct check *c, enum ctx k)
{
	return said_at(c, c->rs->known[k]);
}

/* Whether context KP (now, or back again) is said outside a phrase saying it
 * is over ("normal for three days", "walking the dog again") or a span of the
 * past ("they kept me for 3 days", "admitted for IV antibiotics for 3 days"). */
static int outside_resolved(struct check *c, size_t kp)
{
	size_t kr = c->rs->known[C_RESOLVED], n = 0, off = 0;
	PCRE2_SIZE spans[8][2], *ov;
	if (!has_ctx_at(c, kp))
		return 0;
	while (has_ctx_at(c, kr) && n < 8 && off <= c->len &&
	       match(c->s, c->s->ctx[kr], c->rs->ctx[kr].name, c->text, c->len, off)) {
		ov = pcre2_get_ovector_pointer(c->s->md);
		spans[n][0] = ov[0];
		spans[n++][1] = ov[1];
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	for (off = 0;
	     off <= c->len && match(c->s, c->s->ctx[kp], c->rs->ctx[kp].name, c->text, c->len, off);) {
		ov = pcre2_get_ovector_pointer(c->s->md);
		int inside = 0;
		struct word w[5];
		size_t nw = words_before(c->text, ov[0], w, ARRAY_SIZE(w));
		for (size_t i = 0; i < n && !inside; i++)
			inside = ov[0] >= spans[i][0] && ov[1] <= spans[i][1];
		for (size_t i = 0; i < nw && !inside; i++)
			inside = word_in(&w[i], c->rs->lists[L_PAST_SPANS]);
		if (!inside)
			return 1;
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

/* Over: "fever last week but it's gone" (call-now), "back in 2020 ... I was fine" (any). */
static int sign_is_over(struct check *c)
{
	return (has_ctx(c, C_PAST) || has_ctx(c, C_HISTORY)) &&
	       !outside_resolved(c, c->rs->known[C_PRESENT]) && said_unnegated(c, C_RESOLVED) &&
	       !(said_unnegated(c, C_RETURNED) && outside_resolved(c, c->rs->known[C_RETURNED]));
}

/* Whether someone speaks of themselves or another after the trigger: "xeloda
 * diarrhea and now I feel lightheaded" reports; "herceptin chest pain" is a
 * search. */
static int report_after(const struct ruleset *rs, const char *text, size_t len, size_t end)
{
	struct word w[16];
	size_t n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_PRONOUNS]) || word_is(&w[i], "my") || word_is(&w[i], "me"))
			return 1;
	}
	return 0;
}

/* Whether the trigger at [START, END), or the two words before it, says it
 * began and goes on: "my ankles started swelling two months ago" is not
 * history. */
static int is_ongoing(const struct ruleset *rs, const char *text, size_t start, size_t end)
{
	struct word w[24];
	size_t n = words_before(text, end, w, ARRAY_SIZE(w));
	size_t extra = 0;
	for (size_t d = 0; d < n; d++) {
		if (w[d].p < text + start && ++extra > 2)
			break;
		if (word_in(&w[d], rs->lists[L_ONGOING]))
			return 1;
	}
	return 0;
}

/* Whether the trigger at [START, END) sits in a clause about the past: "last
 * year I had a blood clot", "I used to get chest pain before my diagnosis",
 * "we lost my mom to a stroke". A word that brings the time back to now
 * ("now", "today", "again") or a new clause in between ends it. */
static int history_near(struct check *c, size_t start, size_t end, size_t before)
{
	size_t k = c->rs->known[C_HISTORY];
	if (!has_ctx_at(c, k) || is_ongoing(c->rs, c->text, start, end))
		return 0;
	/* "I fainted once at a blood draw when I was a teenager": "once" right after
	 * the trigger tells a one-off, so the time of the past may come later. */
	struct word a[1];
	size_t after = words_after(c->text, c->len, end, a, 1) == 1 && word_is(&a[0], "once") ? 8 : 4;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[k], "history", c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		size_t hs = ov[0], he = ov[1];
		if (he <= start && same_clause(c->rs, c->text, he, start, before))
			return 1;
		if (hs >= end && same_clause(c->rs, c->text, end, hs, after))
			return 1;
		off = he > hs ? he : hs + 1;
	}
	return 0;
}

/* Whether a scan or the doctors found a cause after the trigger ends ("after
 * he had trouble finding words, an MRI showed three spots"): the sign is told
 * as how a known illness was found, and nothing after the finding says now. */
static int found_after(struct check *c, size_t start, size_t end)
{
	static const char *const told[] = {"had", "was", "were", "after", "got", "went", NULL};
	size_t k = c->rs->known[C_FOUND], kp = c->rs->known[C_PRESENT], kn = c->rs->known[C_NOW];
	if (!has_ctx_at(c, k) || !match(c->s, c->s->ctx[k], "found", c->text, c->len, end))
		return 0;
	/* Something after the finding says now ("... found a bleed and she has
	 * been drowsy all day"): the story has come back to the present. Time
	 * words before it belong to the story ("confused for a couple of days
	 * last month, then a CT found two lesions"). */
	size_t fs = pcre2_get_ovector_pointer(c->s->md)[0];
	if ((has_ctx_at(c, kp) && match(c->s, c->s->ctx[kp], "present", c->text, c->len, fs)) ||
	    (has_ctx_at(c, kn) && match(c->s, c->s->ctx[kn], "now", c->text, c->len, fs)))
		return 0;
	/* The sign itself told as past in its clause ("after he had ..."), not
	 * "he is slurring his words and the scan showed a bleed". */
	struct word w[2 * SCAN_WINDOW];
	size_t n = words_before(c->text, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (w[i].p < c->text + start && word_in(&w[i], c->rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_in(&w[i], told))
			return 1;
	}
	return 0;
}

/* Before START: HAD 1 "had/got" not by i/we; 2 by anyone; 0 an animal. */
static int word_before(const struct ruleset *rs, const char *text, size_t start, int had)
{
	struct word w[3];
	size_t n = words_before(text, start, w, had ? 3 : 2);
	int found = 0, self = 0;
	for (size_t i = 0; i < n; i++) {
		found |=
		    had ? word_is(&w[i], "had") || word_is(&w[i], "got") : word_in(&w[i], rs->lists[L_PETS]);
		self |= word_is(&w[i], "i") || word_is(&w[i], "i've") || word_is(&w[i], "we");
	}
	return found && !(had == 1 && self);
}

/* Whether the writer is in the clause before START: "now my chest hurts". */
static int self_in_clause(const struct ruleset *rs, const char *text, size_t start)
{
	static const char *const self[] = {"i", "i'm", "im", "my", "me", "i've", "ive", "myself", NULL};
	struct word w[SCAN_WINDOW];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_in(&w[i], self))
			return 1;
	}
	return 0;
}

/* Whether a conditional word opens the clause before START ("if my temp is
 * 101", "when my temperature hits 100.4"); a "when" before an "and" belongs to
 * another clause, a habit ("burns when I pee and temp is 38.1"). */
static int condition_before(const struct ruleset *rs, const char *text, size_t start)
{
	static const char *const conds[] = {"if", "unless", "whether", "suppose", "case", NULL};
	static const char *const whens[] = {"when", "whenever", NULL};
	struct word w[SCAN_WINDOW];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	int joined = 0;
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			return 0;
		joined |= word_is(&w[i], "and");
		if (word_in(&w[i], conds) || (!joined && word_in(&w[i], whens)))
			return 1;
	}
	return 0;
}

/* Decides whether rule R fires at the match in OV: pairs of offsets, the whole
 * match first, then NGROUPS - 1 capture groups (PCRE2_UNSET when unused). */
/* fires(): 1, 0, or HELD (a non-crisis sign told plainly that a missing or
 * cancelling context set aside). */
#define HELD 2
static int fires(struct check *c, const struct rule *r, const PCRE2_SIZE *ov, int ngroups)
{
	const struct ruleset *rs = c->rs;
	size_t start = ov[0], end = ov[1];
	(void)ngroups;
	if (r->tier == HR_TIER_CRISIS) {
		/* "someone who decided to end her suffering? asking for myself" is no topic. */
		if (crisis_negated(rs, c->text, start) ||
		    (crisis_topic(rs, c->text, c->len, start, end) && !has_ctx(c, C_FOR_SELF)))
			return 0;
		/* Long past and said to be over ("I was suicidal as a teenager but I'm
		 * in a good place now"); without that, a past crisis alerts. */
		if (history_near(c, start, end, 14) && said_unnegated(c, C_RECOVERED) &&
		    !said_unnegated(c, C_RETURNED) && !has_ctx(c, C_PRESENT))
			return 0;
		/* Someone in a book or a show: "a memoir where the author talks about
		 * wanting to die" (the writer's own words still alert). */
		if (has_ctx(c, C_SCREEN) && !has_ctx(c, C_PRESENT) &&
		    sf_crisis_about_other(c->text, start, end))
			return 0;
		size_t have = 0;
		for (size_t i = 0; i < r->nneeds; i++)
			have += r->said[i] ? said_at(c, r->needs[i]) : has_ctx_at(c, r->needs[i]);
		if (have < ((r->flags & F_TWO_OF) ? 2 : r->nneeds)) /* two_of: signs in pieces */
			return 0;
		for (size_t i = 0; i < r->nunless; i++) {
			if (said_at(c, r->unless[i]))
				return 0;
		}
		return 1;
	}

	enum stance st = sf_judge(rs, c->text, start, NEG_WINDOW);
	/* Not now or not ours: docs/safety.md, How a message is judged, 4. */
	int past = has_ctx(c, C_PAST) || has_ctx(c, C_HISTORY), now = has_ctx(c, C_PRESENT);
	/* A story watched or read ("watched a drama where a woman stopped
	 * breathing"), with no first person in the trigger's clause. */
	if (has_ctx(c, C_SCREEN) && !self_in_clause(rs, c->text, start))
		return 0;
	if (word_before(rs, c->text, start, 0) ||
	    (!now && ((has_ctx(c, C_PREVALENCE) && word_before(rs, c->text, start, past ? 2 : 1)) ||
	              has_ctx(c, C_FICTION) || (has_ctx(c, C_EXPLAINED) && past))))
		return 0;
	if (found_after(c, start, end))
		return 0;
	if (st == NEGATED || history_near(c, start, end, 8) ||
	    (is_history(rs, c->text, c->len, end) && !is_ongoing(rs, c->text, start, end)))
		return 0;
	if ((r->tier == HR_TIER_CALL_NOW || has_ctx(c, C_HISTORY)) && sign_is_over(c))
		return 0;
	/* A fever with a reading at or above the threshold is a report however
	 * the sentence is framed ("not sure if I have a fever, it's 100.9"), but
	 * not when it is a condition ("if my temperature is 101"). */
	int reading =
	    (r->flags & (F_FEVER_WORD | F_TEMP_WORD)) && temp_after(rs, c->text, c->len, end) == T_HIGH;
	if (st == TOPIC)
		st = report_after(rs, c->text, c->len, end) ? PLAIN : INFO;
	/* "blood clot risk", "stroke rates": the trigger names a topic. */
	{
		struct word a[1];
		if (st != REPORTED && words_after(c->text, c->len, end, a, 1) == 1 &&
		    word_in(&a[0], rs->lists[L_TOPIC_AFTER]))
			st = INFO;
	}
	/* A reading after "when I pee and temp is 38.1" is no condition: only
	 * "if", "unless"... before it make one ("if my temp is 101"). */
	if (st == HYPO && reading && !condition_before(rs, c->text, start))
		st = REPORTED;
	if (st == HYPO && !has_ctx(c, C_NOW))
		return 0;
	if (st == INFO && !reading && !has_ctx(c, C_PRESENT))
		return 0;
	if (st == PLAIN && !reading && has_ctx(c, C_QUESTION) && !has_ctx(c, C_PRESENT))
		return 0;

	/* Told plainly, but its context is missing or cancels it: HELD, which
	 * only an alarm just before can turn into an alert (route.c). */
	for (size_t i = 0; i < r->nneeds; i++) {
		if (!(r->said[i] ? said_at(c, r->needs[i]) : has_ctx_at(c, r->needs[i])))
			return HELD;
	}
	for (size_t i = 0; i < r->nunless; i++) {
		if (said_at(c, r->unless[i]))
			return HELD;
	}
	if (r->flags & F_FEVER_WORD) {
		if (temp_after(rs, c->text, c->len, end) == T_LOW)
			return 0;
	}
	if (r->flags & F_TEMP_WORD) {
		enum temp t = temp_after(rs, c->text, c->len, end);
		if (t == T_LOW || (t == T_NONE && !temp_called_high(rs, c->text, c->len, start, end)))
			return 0;
	}
	/* The match holds a temperature ("running 101", "38.5 c"): read it as
	 * the words say it, and fire only at or above the threshold. */
	if ((r->flags & F_TEMP_NUM) && temp_after(rs, c->text, c->len, start) != T_HIGH)
		return 0;
	if (r->flags & F_COUNT) {
		if (ngroups < 2 || ov[2] == PCRE2_UNSET || !count_is_many(c->text, ov[2], ov[3]))
			return 0;
	}
	return 1;
}

/* Whether rule I's lines may each run alone, by themselves giving what the
 * whole rule gives (rule_next): it captures nothing, and no line sets an
 * option (which would reach the lines after it), uses a verb, \K or \G. */
static int can_split(hr_safety *s, size_t i)
{
	if (s->split[i] < 0) {
		const struct rule *r = &s->rs->rules[i];
		uint32_t caps = 1;
		int ok = r->nbranches > 1 &&
		         pcre2_pattern_info(s->rules[i], PCRE2_INFO_CAPTURECOUNT, &caps) == 0 && caps == 0;
		for (size_t k = 0; ok && k < r->nbranches; k++) {
			const char *b = r->branches[k];
			for (const char *q = strstr(b, "(?"); ok && q; q = strstr(q + 2, "(?"))
				ok = strchr(":=!<>|#", q[2]) && q[2];
			ok = ok && !strstr(b, "(*") && !strstr(b, "\\K") && !strstr(b, "\\G");
		}
		s->split[i] = (signed char)ok;
	}
	return s->split[i];
}

/*
 * The next match of rule I in the text from OFF, into OV; returns the pairs
 * set, 0 when there is none. A rule is its lines as alternatives between
 * word edges, and each line with the edges is a pattern too (struct rule): at
 * any place the rule matches as its first line that matches there, so its
 * next match is the leftmost of its lines' next matches, the earlier line on
 * a tie. A line the prefilter ruled out matches nowhere, so when it ruled out
 * most of a long rule only the lines it let through run: the 93-line crisis
 * rule cost ~75,000 instructions on "chemo small her2 tumor", a topic read
 * again with the follow-up, for the one line with "tumor" in it
 * (docs/performance.md, eleventh round).
 */
static int rule_next(struct check *c, size_t i, size_t off, PCRE2_SIZE ov[12])
{
	hr_safety *s = c->s;
	const struct rule *r = &c->rs->rules[i];
	size_t npass = c->filtered && can_split(s, i) ? may_count(c, r->branch0, r->nbranches) : 0;
	if (npass && npass * 2 <= r->nbranches) {
		int found = 0;
		for (size_t k = 0; k < r->nbranches; k++) {
			if (!may_match(c, r->branch0 + k))
				continue;
			pcre2_code *re = alone(s, r->branch0 + k, r->name, r->branches[k], NULL, 0);
			if (!re) {
				s->split[i] = 0; /* out of memory: the whole rule */
				return rule_next(c, i, off, ov);
			}
			if (match(s, re, r->name, c->text, c->len, off)) {
				PCRE2_SIZE *m = pcre2_get_ovector_pointer(s->md);
				if (!found || m[0] < ov[0]) {
					ov[0] = m[0];
					ov[1] = m[1];
					found = 1;
				}
			}
		}
		return found;
	}
	int rc = match(s, s->rules[i], r->name, c->text, c->len, off);
	if (!rc)
		return 0;
	/* Copy the match out: judging may run other patterns on the same
	 * match data. */
	int ngroups = rc < 6 ? rc : 6;
	memcpy(ov, pcre2_get_ovector_pointer(s->md), 2 * (size_t)ngroups * sizeof(*ov));
	return ngroups;
}

/* Runs rule I over the text: 1 when it fires at a match, with OUT's tier,
 * rule and group set; a match set aside for a missing context is noted in
 * OUT's held fields and the search goes on after it. */
static int rule_fires(struct check *c, size_t i, struct hr_safety_result *out)
{
	const struct ruleset *rs = c->rs;
	size_t off = 0;
	int ngroups;
	PCRE2_SIZE ov[12];
	if (!rule_may_match(c, i) || ((rs->rules[i].flags & F_TEMP_NUM) && !c->digits) ||
	    ((rs->rules[i].flags & F_NON_ASCII) && !text_is_high(c)))
		return 0;
	while (off <= c->len && (ngroups = rule_next(c, i, off, ov))) {
		int f = fires(c, &rs->rules[i], ov, ngroups);
		if (f == 1) {
			out->tier = rs->rules[i].tier;
			out->rule = rs->rules[i].name;
			out->group = (int)rs->rules[i].group;
			if (out->tier == HR_TIER_CRISIS || out->tier == HR_TIER_EMERGENCY)
				out->about_other = sf_crisis_about_other(c->text, ov[0], ov[1]);
			return 1;
		}
		if (f == HELD && rs->rules[i].tier > out->held) {
			out->held = rs->rules[i].tier;
			out->held_rule = rs->rules[i].name;
			out->held_group = (int)rs->rules[i].group;
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

/* Starts a check of TEXT: the spelling corrected, no context known yet, and
 * the prefilter run. */
static void begin(hr_safety *s, const char *text, struct check *c)
{
	const struct ruleset *rs = s->rs;
	/* Spelling first: the rules read the corrected text. */
	const char *fixed = sf_spelling_fix(rs->spell, text, &s->fixed, &s->fixed_cap);
	*c = (struct check){.s = s, .rs = rs, .text = fixed, .len = strlen(fixed), .high = -1};
	for (size_t k = 0; k < rs->nctx; k++)
		s->ctx_state[k] = -1;
	c->digits = strpbrk(c->text, "0123456789") != NULL;
	s->nmatches = 0;
	/* One scan of the text finds the patterns that could match; 1 means the
	 * text has bytes the analysis does not model, and every pattern runs. */
	if (!s->no_prefilter) {
		memset(s->may, 0, (rs->npf + 63) / 64 * sizeof(*s->may));
		c->filtered = hr_prefilter_run(rs->pf, s->pfs, c->text, c->len, s->may) == 0;
	}
}

size_t hr_safety_contexts(hr_safety *s, const char *text, uint64_t *found, size_t nwords)
{
	struct check c;
	size_t n = s ? s->rs->nctx : 0;
	if (!s || !text || !found)
		return n;
	begin(s, text, &c);
	memset(found, 0, nwords * sizeof(*found));
	for (size_t k = 0; k < n && k / 64 < nwords; k++)
		found[k / 64] |= (uint64_t)has_ctx_at(&c, k) << (k % 64);
	return n;
}

void hr_safety_check(hr_safety *s, const char *text, struct hr_safety_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !text)
		return;
	const struct ruleset *rs = s->rs;
	struct check c;
	begin(s, text, &c);

	/* Rules are ordered by tier, so the first that fires is the answer. */
	for (size_t i = 0; i < rs->nrules && !out->tier; i++)
		rule_fires(&c, i, out);
	/* A crisis that tells an emergency sign too (an overdose already taken,
	 * a friend's goodbye and no answer at her door) gets 911 first: the
	 * emergency rules run on, only for a crisis. */
	for (size_t i = 0; out->tier == HR_TIER_CRISIS && i < rs->nrules && !out->emergency_too; i++) {
		struct hr_safety_result also = {0};
		out->emergency_too = rs->rules[i].tier == HR_TIER_EMERGENCY && rule_fires(&c, i, &also);
		out->emergency_rule = also.rule;
	}

	for (size_t i = 0; i < rs->ndecisions; i++) {
		if (may_match(&c, PF_DECISION(rs, i)) &&
		    match(s, s->decisions[i], "decision", c.text, c.len, 0)) {
			out->decision = rs->decisions[i].decision;
			out->swap = rs->decisions[i].swap;
			out->other = rs->decisions[i].other;
			break;
		}
	}
}

/* ------------------------------------------------------------------------- */

void hr_safety_check_text(hr_safety *s, const char *text, size_t len, struct hr_safety_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !text)
		return;
	/* Normalising never lengthens the text, so LEN + 1 bytes always do. */
	if (len + 1 > s->norm_cap) {
		char *nb = realloc(s->norm, len + 1);
		if (nb) {
			s->norm = nb;
			s->norm_cap = len + 1;
		} else {
			/* Out of memory: check what the buffer holds, cut at a character. */
			len = s->norm_cap - 1;
			while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
				len--;
		}
	}
	if (!s->norm || hr_text_normalize(text, len, s->norm, s->norm_cap) < 0)
		return;
	hr_safety_check(s, s->norm, out);
}
