/* Unit tests of core/engine/intent.c: parsing, errors with file:line, slots, ranking,
 * needs, spelling correction and match limits. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intent.h"
#include "text.h"

struct diags {
	int n;
	char last[512];
	char all[4096];
};

static void collect(void *ud, const char *file, int line, const char *msg)
{
	struct diags *d = ud;
	d->n++;
	snprintf(d->last, sizeof(d->last), "%s:%d: %s", file, line, msg);
	size_t l = strlen(d->all);
	snprintf(d->all + l, sizeof(d->all) - l, "%s\n", d->last);
}

static hr_intents *build(const char *text, struct diags *d, int *rc)
{
	hr_intents *set = hr_intents_new();
	assert_non_null(set);
	*rc = hr_intents_add_text(set, "t.intents", text, strlen(text), collect, d);
	if (*rc == 0)
		*rc = hr_intents_compile(set, collect, d);
	return set;
}

static const char *top(hr_intents *set, const char *q, struct hr_match *m)
{
	char norm[512];
	hr_text_normalize(q, strlen(q), norm, sizeof(norm));
	hr_matcher *mt = hr_matcher_new(set, NULL);
	hr_intents_match(mt, norm, m);
	hr_matcher_free(mt);
	return m->ncandidates ? m->candidates[0].intent->name : NULL;
}

static const char *base = "slot drug\n"
                          "  trastuzumab = trastuzumab, herceptin, herceptin hylecta\n"
                          "  t_dxd = enhertu, t dxd, in her two\n"
                          "words se\n"
                          "  side effects, side effect, toxicit*\n"
                          "\n"
                          "intent a.about\n"
                          "  pattern: what is {drug}\n"
                          "  example: what is herceptin\n"
                          "intent a.se\n"
                          "  priority: 1\n"
                          "  needs: drug\n"
                          "  pattern: {se}\n"
                          "  pattern: {se}.*{drug}\n"
                          "  example: side effects\n"
                          "intent a.general\n"
                          "  pattern: {se}\n"
                          "  example: side effects\n"
                          "intent a.long\n"
                          "  pattern: what is the treatment\n"
                          "  example: what is the treatment\n"
                          "intent a.short\n"
                          "  pattern: treatment\n"
                          "  example: treatment\n";

static void test_slots_are_canonical(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build(base, &d, &rc);
	assert_int_equal(rc, 0);
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_string_equal(top(set, "What is Herceptin?", m), "a.about");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "trastuzumab");
	assert_string_equal(top(set, "what is T-DXd", m), "a.about");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "t_dxd");
	assert_string_equal(top(set, "what is tdxd", m), "a.about");
	assert_string_equal(top(set, "what is in her two", m), "a.about");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "t_dxd");
	/* Longer phrase wins inside the alternation. */
	top(set, "what is herceptin hylecta", m);
	assert_int_equal(m->candidates[0].covered, (int)strlen("what is herceptin hylecta"));
	/* Whole words only (and too far from any word to be a misspelling). */
	assert_null(top(set, "what is herceptinxyz", m));
	free(m);
	hr_intents_free(set);
}

static void test_ranking(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build(base, &d, &rc);
	assert_int_equal(rc, 0);
	struct hr_match *m = calloc(1, sizeof(*m));
	/* Priority first. */
	assert_string_equal(top(set, "any side effects?", m), "a.se");
	assert_int_equal(m->ncandidates, 2);
	assert_string_equal(m->candidates[1].intent->name, "a.general");
	/* Same priority: the longer match wins. */
	assert_string_equal(top(set, "what is the treatment", m), "a.long");
	assert_string_equal(m->candidates[1].intent->name, "a.short");
	/* Prefix phrase. */
	assert_string_equal(top(set, "toxicities", m), "a.se");
	free(m);
	hr_intents_free(set);
}

static void test_spelling_correction(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build(base, &d, &rc);
	assert_int_equal(rc, 0);
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_string_equal(top(set, "what is hercepton", m), "a.about");
	assert_string_equal(m->corrected, "what is herceptin");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "trastuzumab");
	assert_string_equal(top(set, "what is herceptn", m), "a.about");
	/* Short words and unrelated words are left alone. */
	top(set, "what is pizza", m);
	assert_string_equal(m->corrected, "what is pizza");
	free(m);
	hr_intents_free(set);
}

/* A text the matcher's own correction left as it was is not corrected again
 * when matched, and matching it gives what matching the raw text gives; a
 * text it changed is matched as before, corrected again. */
static void test_matcher_remembers_correct_texts(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build(base, &d, &rc);
	assert_int_equal(rc, 0);
	hr_matcher *mt = hr_matcher_new(set, NULL);
	struct hr_match *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	assert_non_null(mt);
	static const char *const texts[] = {"what is herceptin", "what is hercepton",
	                                    "side effects of enhertu", "toxicitys of herceptn",
	                                    "what is pizza"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char out[1024];
		hr_matcher_correct(mt, texts[i], out, sizeof(out));
		hr_intents_match(mt, out, a);
		hr_matcher *fresh = hr_matcher_new(set, NULL);
		assert_non_null(fresh);
		hr_intents_match(fresh, texts[i], b);
		hr_matcher_free(fresh);
		assert_string_equal(a->corrected, b->corrected);
		assert_int_equal(a->ncandidates, b->ncandidates);
		for (size_t k = 0; k < a->ncandidates; k++)
			assert_ptr_equal(a->candidates[k].intent, b->candidates[k].intent);
	}
	free(a);
	free(b);
	hr_matcher_free(mt);
	hr_intents_free(set);
}

/* Corrects Q with SET's spelling. */
static const char *spelled(hr_intents *set, const char *q)
{
	static char out[512];
	hr_intents_correct(set, q, out, sizeof(out));
	return out;
}

/* The probes' typos: a variant listed beside its right spelling, a word run
 * into the next, a letter not doubled, a stub or a regex fragment that must
 * not become a correction (patient probe 7). */
static void test_spelling_generalised(void **state)
{
	(void)state;
	static const char *text = "slot drug\n"
	                          "  trastuzumab = trastuzumab, herceptin, hercept in\n"
	                          "  t_dm1 = kadcyla, kadcila\n"
	                          "words pos\n"
	                          "  positive, posative, postive\n"
	                          "words diar\n"
	                          "  diarrhea, diarrh*\n"
	                          "intent t.pos\n"
	                          "  pattern: triple {pos}\n"
	                          "  pattern: \\bpostive\\b\n"
	                          "  example: what does triple positive mean\n"
	                          "intent t.se\n"
	                          "  pattern: {drug} side effects\n"
	                          "  pattern: \\b(?:medic|radi)ation\\b\n"
	                          "  example: what are the side effects of kadcyla\n"
	                          "intent t.counts\n"
	                          "  pattern: white blood cells\n"
	                          "  example: my white blood cells are low\n"
	                          "  example: can i drop out of the study\n"
	                          "  example: cheers for the help\n"
	                          "intent t.diar\n"
	                          "  pattern: {diar}\n"
	                          "  example: how do i manage diarrhea on herceptin\n";
	struct diags d = {0};
	int rc;
	hr_intents *set = build(text, &d, &rc);
	assert_int_equal(rc, 0);
	/* A variant written beside its right spelling reads as that one... */
	assert_string_equal(spelled(set, "im triple posative"), "im triple positive");
	assert_string_equal(spelled(set, "kadcila"), "kadcyla");
	/* ...unless a pattern spells it out. */
	assert_string_equal(spelled(set, "postive"), "postive");
	/* Of two words as near, the one the examples use. */
	assert_string_equal(spelled(set, "herceptn"), "herceptin");
	/* A word that starts with a stub is known; one that does not is mended. */
	assert_string_equal(spelled(set, "diarrhoea"), "diarrhoea");
	assert_string_equal(spelled(set, "diarhea"), "diarrhea");
	/* A regex fragment ("ation") is no word to correct into. */
	assert_string_equal(spelled(set, "action"), "action");
	/* Run together: a pair the content writes, or a drug and a word. */
	assert_string_equal(spelled(set, "sideeffects"), "side effects");
	assert_string_equal(spelled(set, "kadcylaside effects"), "kadcyla side effects");
	assert_string_equal(spelled(set, "careless"), "careless");
	/* A consonant not doubled, in a word the content does not write. */
	assert_string_equal(spelled(set, "white blood cels"), "white blood cells");
	assert_string_equal(spelled(set, "drop out"), "drop out");
	/* Txt spelling and short misspellings read as the words, whole words only;
	 * a real word one letter from a content word stays ("cheeks"). */
	assert_string_equal(spelled(set, "is kadcyla ok if ur counts r low"),
	                    "is kadcyla ok if your counts are low");
	assert_string_equal(spelled(set, "evry 3 wks or evry wk wich is beter"),
	                    "every 3 weeks or every week which is better");
	assert_string_equal(spelled(set, "a u/s of my cheeks"), "a u/s of my cheeks");
	/* Real words stay as they are. */
	assert_string_equal(spelled(set, "what is pizza"), "what is pizza");
	assert_string_equal(spelled(set, "my dog eats"), "my dog eats");
	hr_intents_free(set);
}

static void test_errors_have_file_and_line(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build("intent ok.one\n"
	                        "  pattern: (unclosed\n"
	                        "  example: x\n",
	                        &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.last, "t.intents:2:"));
	assert_non_null(strstr(d.last, "does not compile"));
	hr_intents_free(set);

	memset(&d, 0, sizeof(d));
	set = build("intent Bad Name\n  pattern: x\n", &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:1: bad intent name"));
	hr_intents_free(set);

	memset(&d, 0, sizeof(d));
	set = build("intent a.b\n  colour: blue\n  pattern: {nosuch}\n", &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:2: unknown key 'colour'"));
	hr_intents_free(set);

	memset(&d, 0, sizeof(d));
	set = build("intent a.b\n  pattern: {nosuch}\n  example: x\n", &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:2: pattern refers to {nosuch}"));
	hr_intents_free(set);

	memset(&d, 0, sizeof(d));
	set = build("intent a.b\n  pattern: x\nintent a.b\n  pattern: y\n", &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:3: intent 'a.b' is already defined at t.intents:1"));
	hr_intents_free(set);

	memset(&d, 0, sizeof(d));
	set = build("  pattern: orphan\n", &d, &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:1: indented line outside"));
	hr_intents_free(set);

	/* An intent's line pasted under a word list is an error, not a phrase. */
	memset(&d, 0, sizeof(d));
	set = build("intent a.b\n  pattern: {w}\n\nwords w\n  rash, rashes\n  phrasing: my arm is sore\n", &d,
	            &rc);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "t.intents:6: 'phrasing:' belongs to an intent, not to a words block"));
	hr_intents_free(set);
}

static void test_directory_of_bad_file(void **state)
{
	(void)state;
	struct diags d = {0};
	hr_intents *set = hr_intents_new();
	int rc = hr_intents_add_dir(set, HERALD_TEST_DATA "/bad", collect, &d);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(d.all, "broken.intents:5: bad intent name"));
	assert_non_null(strstr(d.all, "broken.intents:9: unknown key 'colour'"));
	hr_intents_free(set);
}

static void test_limits(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	/* Catastrophic backtracking must hit the limit, not hang. */
	hr_intents *set = build("intent a.evil\n  pattern: ^(a+)+$\n  example: aaaa\n", &d, &rc);
	assert_int_equal(rc, 0);
	for (int jit = 0; jit <= 1; jit++) {
		struct hr_match_limits lim = {.match_limit = 1000, .depth_limit = 100, .use_jit = jit};
		hr_matcher *mt = hr_matcher_new(set, &lim);
		struct hr_match *m = calloc(1, sizeof(*m));
		char subject[64];
		memset(subject, 'a', 40);
		strcpy(subject + 40, "b");
		hr_intents_match(mt, subject, m);
		assert_int_equal(m->ncandidates, 0);
		assert_true(m->limit_hit);
		free(m);
		hr_matcher_free(mt);
	}
	hr_intents_free(set);
}

static void test_named_groups_become_slots(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set =
	    build("intent a.score\n  pattern: ihc (?<score>[0-3])\\+?\n  example: ihc 2+\n", &d, &rc);
	assert_int_equal(rc, 0);
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_string_equal(top(set, "my IHC 2+ result", m), "a.score");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "score"), "2");
	free(m);
	hr_intents_free(set);
}

/* A pattern is compiled again when it first runs (intent_int.h, PT_LAZY),
 * and one compiled set serves every worker's thread: threads matching it for
 * the first time together, each with its own matcher, all get the answers one
 * thread gets, slots included, with JIT and without. */
static const char *const first_run_questions[] = {
    "what is herceptin", "side effects of enhertu", "what is the treatment",         "treatment",
    "side effects",      "what is t dxd",           "toxicity of herceptin hylecta", "nothing here"};
#define FIRST_RUN_N (sizeof(first_run_questions) / sizeof(first_run_questions[0]))

struct first_run {
	hr_intents *set;
	char got[FIRST_RUN_N][128];
};

static void first_run_answers(hr_intents *set, char (*got)[128])
{
	hr_matcher *mt = hr_matcher_new(set, NULL);
	struct hr_match *m = calloc(1, sizeof(*m));
	for (size_t i = 0; mt && m && i < FIRST_RUN_N; i++) {
		char norm[512];
		hr_text_normalize(first_run_questions[i], strlen(first_run_questions[i]), norm, sizeof(norm));
		hr_intents_match(mt, norm, m);
		const char *drug = m->ncandidates ? hr_candidate_slot(&m->candidates[0], "drug") : NULL;
		snprintf(got[i], 128, "%zu %s %s", m->ncandidates,
		         m->ncandidates ? m->candidates[0].intent->name : "-", drug ? drug : "-");
	}
	free(m);
	hr_matcher_free(mt);
}

static void *first_run_thread(void *arg)
{
	struct first_run *fr = arg;
	first_run_answers(fr->set, fr->got);
	return NULL;
}

static void test_first_run_from_many_threads(void **state)
{
	(void)state;
	for (int jit = 0; jit <= 1; jit++) {
		struct diags d = {0};
		int rc;
		hr_intents *set = hr_intents_new();
		assert_non_null(set);
		hr_intents_set_jit(set, jit);
		rc = hr_intents_add_text(set, "t.intents", base, strlen(base), collect, &d);
		assert_int_equal(rc, 0);
		assert_int_equal(hr_intents_compile(set, collect, &d), 0);
		struct first_run fr[8];
		pthread_t t[8];
		for (int i = 0; i < 8; i++) {
			fr[i].set = set;
			assert_int_equal(pthread_create(&t[i], NULL, first_run_thread, &fr[i]), 0);
		}
		for (int i = 0; i < 8; i++)
			assert_int_equal(pthread_join(t[i], NULL), 0);
		char want[FIRST_RUN_N][128];
		first_run_answers(set, want);
		assert_string_equal(want[0], "1 a.about trastuzumab");
		assert_string_equal(want[1], "2 a.se t_dxd");
		for (int i = 0; i < 8; i++) {
			for (size_t q = 0; q < FIRST_RUN_N; q++)
				assert_string_equal(fr[i].got[q], want[q]);
		}
		hr_intents_free(set);
	}
}

/* An intent named "fallback" lists questions that must get the fallback answer
 * although other intents match them: with a higher priority it wins, and a
 * lookahead keeps it off questions that are in scope after all. */
static void test_fallback_intent_claims_out_of_scope(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build("slot other\n"
	                        "  pancreatic cancer = pancreatic, pancreas cancer\n"
	                        "  lung cancer = lung cancer\n"
	                        "intent outlook.survival\n"
	                        "  pattern: survival\n"
	                        "  example: survival rate\n"
	                        "intent fallback\n"
	                        "  priority: 50\n"
	                        "  pattern: ^(?!.*\\bbreast\\b).*{other}\n"
	                        "  example: survival rate for pancreatic cancer\n",
	                        &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_non_null(hr_intents_find(set, "fallback"));
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_string_equal(top(set, "what is the survival rate for pancreatic cancer", m), "fallback");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "other"), "pancreatic cancer");
	assert_int_equal(m->ncandidates, 2);
	assert_string_equal(top(set, "survival rate for breast cancer that spread to the lung", m),
	                    "outlook.survival");
	assert_string_equal(top(set, "lung cancer survival", m), "fallback");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "other"), "lung cancer");
	free(m);
	hr_intents_free(set);
}

/* Matches TEXT (as given, not normalised) with and without the literal
 * prefilter, asserts that both rank the same intents with the same scores and
 * slots, and returns how many patterns each tried. */
/* Fails unless X and Y (which may come from different sets) rank the same
 * intents with the same spans and slots; WHAT names what Y was matched with. */
static void assert_same_ranking(const char *text, const struct hr_match *x, const struct hr_match *y,
                                const char *what)
{
	if (x->ncandidates != y->ncandidates)
		fail_msg("\"%s\": %zu candidates, %zu %s", text, x->ncandidates, y->ncandidates, what);
	for (size_t i = 0; i < x->ncandidates; i++) {
		const struct hr_candidate *p = &x->candidates[i], *q = &y->candidates[i];
		if (strcmp(p->intent->name, q->intent->name) || p->covered != q->covered ||
		    p->start != q->start)
			fail_msg("\"%s\": candidate %zu is %s covering %d, %s %s covering %d", text, i,
			         p->intent->name, p->covered, what, q->intent->name, q->covered);
		assert_int_equal(p->nslots, q->nslots);
		for (size_t k = 0; k < p->nslots; k++) {
			assert_string_equal(p->slots[k].name, q->slots[k].name);
			assert_string_equal(p->slots[k].value, q->slots[k].value);
		}
	}
	assert_int_equal(x->dropped, y->dropped);
}

static void same_with_and_without_prefilter(hr_intents *set, const char *text, size_t *tried, size_t *all)
{
	struct hr_match_limits every = {
	    .match_limit = 100000, .depth_limit = 1000, .use_jit = 1, .no_prefilter = 1};
	hr_matcher *a = hr_matcher_new(set, NULL), *b = hr_matcher_new(set, &every);
	struct hr_match *x = calloc(2, sizeof(*x));
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(x);
	hr_intents_match(a, text, &x[0]);
	hr_intents_match(b, text, &x[1]);
	assert_same_ranking(text, &x[0], &x[1], "without the prefilter");
	*tried += x[0].patterns_tried;
	*all += x[1].patterns_tried;
	free(x);
	hr_matcher_free(a);
	hr_matcher_free(b);
}

/* The prefilter only skips patterns that cannot match: on the bundled content,
 * every example and some awkward questions rank exactly as trying every
 * pattern does, while far fewer patterns run. */
static void test_prefilter_keeps_the_ranking(void **state)
{
	(void)state;
	struct diags d = {0};
	hr_intents *set = hr_intents_new();
	assert_int_equal(hr_intents_add_dir(set, HERALD_SOURCE_DIR "/intents", collect, &d), 0);
	assert_int_equal(hr_intents_compile(set, collect, &d), 0);
	static const char *const extra[] = {
	    "",
	    " ",
	    "her2",
	    "HER2-POSITIVE",
	    "whats her2+ mean??",
	    "what is hercepton",
	    "caf\xc3\xa9 herceptin",
	    "\xe2\x84\xaa"
	    "adcyla side effects",
	    "other therapy",
	    "the",
	    "side effects of t-dm1 and t dxd",
	    "what are survival rates like for her2 positive breast cancer",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	size_t tried = 0, all = 0;
	char norm[1024];
	for (size_t i = 0; i < hr_intents_count(set); i++) {
		const struct hr_intent *in = hr_intents_get(set, i);
		for (size_t k = 0; k < in->nexamples; k++) {
			hr_text_normalize(in->examples[k], strlen(in->examples[k]), norm, sizeof(norm));
			same_with_and_without_prefilter(set, norm, &tried, &all);
		}
	}
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		same_with_and_without_prefilter(set, extra[i], &tried, &all);
		hr_text_normalize(extra[i], strlen(extra[i]), norm, sizeof(norm));
		same_with_and_without_prefilter(set, norm, &tried, &all);
	}
	assert_true(tried * 4 < all);
	hr_intents_free(set);
}

/* The constructs the prefilter reads literals from, and those it must not. */
static void test_prefilter_edge_cases(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build("words food\n"
	                        "  eat, soy, red meat, diarrh*\n"
	                        "intent f.food\n  pattern: {food}\n"
	                        "intent f.kadcyla\n  pattern: kadcyla\n"
	                        "intent f.hello\n  pattern: ^hello\\b\n"
	                        "intent f.up\n  pattern: what (?:is )?up$\n"
	                        "intent f.score\n  pattern: ihc ?[0-3]\\+\n"
	                        "intent f.quoted\n  pattern: \\Qa.b\\E\n"
	                        "intent f.look\n  pattern: (?=.*\\bpain\\b)\\bache\n"
	                        "intent f.case\n  pattern: (?i:Tumou?r) Size\n"
	                        "intent f.opt\n  pattern: (?:very )?(?:big|large) (?:lump|mass)\n",
	                        &d, &rc);
	assert_int_equal(rc, 0);
	static const char *const qs[] = {
	    "great",
	    "i eat",
	    "I EAT",
	    "eat",
	    "soy-based",
	    "redmeat",
	    "red-meat",
	    "diarrhoea",
	    "breath",
	    "kadcyla",
	    "KADCYLA",
	    "\xe2\x84\xaa"
	    "adcyla",
	    "hello there",
	    "oh hello",
	    "hellothere",
	    "what up",
	    "what is up",
	    "what is upset",
	    "ihc 2+",
	    "ihc2+",
	    "IHC 3+",
	    "a.b",
	    "axb",
	    "ache and pain",
	    "pain and ache",
	    "headache and pain",
	    "tumour size",
	    "TUMOR SIZE",
	    "very big lump",
	    "large mass",
	    "big",
	    "",
	    "trikadcyla",
	    "xihc 2+",
	    "somewhat up",
	    "whatever is up",
	    "headache",
	    "bigger lumps",
	};
	size_t tried = 0, all = 0;
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++)
		same_with_and_without_prefilter(set, qs[i], &tried, &all);
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_null(top(set, "great", m)); /* "eat" is a word, not part of one */
	assert_string_equal(top(set, "I eat", m), "f.food");
	/* Literals without an assertion match inside words, as the patterns do. */
	assert_string_equal(top(set, "trikadcyla", m), "f.kadcyla");
	assert_string_equal(top(set, "somewhat up", m), "f.up");
	/* Capitals in the text: the engine lower-cases ASCII letters itself. */
	hr_matcher *mt = hr_matcher_new(set, NULL);
	hr_intents_match(mt, "KADCYLA", m);
	assert_int_equal(m->ncandidates, 1);
	assert_string_equal(m->candidates[0].intent->name, "f.kadcyla");
	/* A lower-case ASCII pattern is not caseless, so the Kelvin sign is no
	 * longer a capital K to it (nobody writes it; the prefilter still lets
	 * every pattern try non-ASCII text). */
	hr_intents_match(mt,
	                 "\xe2\x84\xaa"
	                 "adcyla",
	                 m);
	assert_int_equal(m->ncandidates, 0);
	/* A pattern with capitals stays caseless. */
	hr_intents_match(mt, "TUMOR SIZE", m);
	assert_int_equal(m->ncandidates, 1);
	hr_matcher_free(mt);
	free(m);
	hr_intents_free(set);
}

/* Ranks QS with SET and with OLD (compiled as herald did before the trie:
 * hr_intents_set_flat) and fails on any difference. */
static void same_as_flat(hr_intents *set, hr_intents *old, const char *const *qs, size_t nq)
{
	hr_matcher *a = hr_matcher_new(set, NULL), *b = hr_matcher_new(old, NULL);
	struct hr_match *m = calloc(2, sizeof(*m));
	for (size_t i = 0; i < nq; i++) {
		hr_intents_match(a, qs[i], &m[0]);
		hr_intents_match(b, qs[i], &m[1]);
		assert_same_ranking(qs[i], &m[0], &m[1], "compiled as before");
	}
	free(m);
	hr_matcher_free(a);
	hr_matcher_free(b);
}

/* Phrases compile to a trie that prefers the same phrase the flat alternation
 * did, including where a flexible space lets a shorter phrase match inside a
 * longer one ("per jeta" in "perjeta's"), prefixes, duplicates, punctuation
 * and non-ASCII letters. */
static void test_phrases_as_trie(void **state)
{
	(void)state;
	static const char *const text =
	    "slot drug\n"
	    "  pertuzumab = per jeta, perjeta's, perjeta, per jetta, pertuzumab*, pertuzumab, pertuzumab's\n"
	    "  trastuzumab = trastuzumab, trastuzumab biosimilar*, herceptin, herceptin's, her septin\n"
	    "  her2climb = her 2 climb, her2climb, her2 climb test\n"
	    "  t_dm1 = t dm1, t-dm 1, tdm1, kadcyla\n"
	    "  score = 2+, a+b, 2 plus, 2\n"
	    "  caf = caf\xc3\xa9, caf\xc3\xa8s, cafe\n"
	    "words her2\n"
	    "  her2, her 2, her-2, her2 positive\n"
	    "intent d.what\n  pattern: what is {drug}\n"
	    "intent d.bare\n  priority: -1\n  pattern: {drug}\n"
	    "intent d.her2\n  pattern: {her2}.{0,20}{drug}\n";
	struct diags d = {0};
	int rc;
	hr_intents *set = build(text, &d, &rc);
	assert_int_equal(rc, 0);
	hr_intents *old = hr_intents_new();
	hr_intents_set_flat(old, 1);
	assert_int_equal(hr_intents_add_text(old, "t.intents", text, strlen(text), collect, &d), 0);
	assert_int_equal(hr_intents_compile(old, collect, &d), 0);
	static const char *const qs[] = {
	    "perjeta's",
	    "what is perjeta's",
	    "what is per jeta",
	    "what is perjetas",
	    "perjeta",
	    "per-jetta",
	    "pertuzumabs",
	    "pertuzumab's",
	    "trastuzumab biosimilars",
	    "trastuzumab bio",
	    "herceptin's",
	    "her septin",
	    "hersept in",
	    "her2 climb",
	    "her 2 climb test",
	    "her2climb",
	    "her2 climbing",
	    "t-dm1",
	    "tdm 1",
	    "t dm 1",
	    "t dm",
	    "kadcyla",
	    "2+",
	    "a+b",
	    "2 plus",
	    "22+",
	    "caf\xc3\xa9",
	    "caf\xc3\xa8s",
	    "CAF\xc3\x89",
	    "cafe",
	    "her2 positive herceptin",
	    "her 2 kadcyla",
	    "her2 and t dm1",
	    "what is",
	    "",
	    "her2",
	};
	same_as_flat(set, old, qs, sizeof(qs) / sizeof(qs[0]));
	struct hr_match *m = calloc(1, sizeof(*m));
	assert_string_equal(top(set, "what is perjeta's", m), "d.what");
	assert_int_equal(m->candidates[0].covered, (int)strlen("what is perjeta's"));
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "pertuzumab");
	assert_string_equal(top(set, "what is her 2 climb test", m), "d.what");
	assert_string_equal(hr_candidate_slot(&m->candidates[0], "drug"), "her2climb");
	free(m);
	hr_intents_free(old);
	hr_intents_free(set);
}

/* Without JIT (intents.jit = 0) every bundled example ranks the same. */
/* What `herald review` enumerates: a slot's values, a value's phrases, and the
 * slots an intent can fill (not those only named inside a negative lookahead). */
static void test_slot_values_and_intent_slots(void **state)
{
	(void)state;
	struct diags d = {0};
	int rc;
	hr_intents *set = build("slot drug\n"
	                        "  trastuzumab = trastuzumab, herceptin, herceptin biosimilar*\n"
	                        "  t_dxd = enhertu, t-dxd\n"
	                        "  tucatinib = tucatinib\n"
	                        "words w\n"
	                        "  hello\n"
	                        "intent i.about\n"
	                        "  needs: drug\n"
	                        "  pattern: what is {drug}\n"
	                        "  example: what is herceptin\n"
	                        "intent i.overview\n"
	                        "  pattern: ^(?!.*{drug}).*?\\Kher2 drugs\n"
	                        "  example: her2 drugs\n"
	                        "intent i.plain\n"
	                        "  pattern: {w}\n"
	                        "  example: hello\n",
	                        &d, &rc);
	assert_int_equal(rc, 0);
	const char *v[8];
	assert_int_equal(hr_intents_slot_values(set, "drug", v, 8), 3);
	int seen = 0;
	for (int i = 0; i < 3; i++)
		seen |= (strcmp(v[i], "trastuzumab") == 0) << 0 | (strcmp(v[i], "t_dxd") == 0) << 1 |
		        (strcmp(v[i], "tucatinib") == 0) << 2;
	assert_int_equal(seen, 7);
	/* The count is right even when OUT is too small, and words lists are no slots. */
	assert_int_equal(hr_intents_slot_values(set, "drug", v, 1), 3);
	assert_int_equal(hr_intents_slot_values(set, "w", v, 8), 0);
	assert_int_equal(hr_intents_slot_values(set, "nope", v, 8), 0);

	const char *ph[8];
	int pre[8];
	assert_int_equal(hr_intents_slot_phrases(set, "drug", "trastuzumab", ph, pre, 8), 3);
	int prefixed = 0;
	for (int i = 0; i < 3; i++)
		prefixed += pre[i] && strcmp(ph[i], "herceptin biosimilar") == 0;
	assert_int_equal(prefixed, 1);
	assert_int_equal(hr_intents_slot_phrases(set, "drug", "t_dxd", ph, NULL, 8), 2);

	const char *sl[4];
	assert_int_equal(hr_intents_intent_slots(set, hr_intents_find(set, "i.about"), sl, 4), 1);
	assert_string_equal(sl[0], "drug");
	assert_int_equal(hr_intents_intent_slots(set, hr_intents_find(set, "i.overview"), sl, 4), 0);
	assert_int_equal(hr_intents_intent_slots(set, hr_intents_find(set, "i.plain"), sl, 4), 0);
	hr_intents_free(set);
}

static void test_interpreter_matches_as_jit(void **state)
{
	(void)state;
	struct diags d = {0};
	hr_intents *set[2];
	hr_matcher *mt[2];
	for (int jit = 0; jit <= 1; jit++) {
		set[jit] = hr_intents_new();
		hr_intents_set_jit(set[jit], jit);
		assert_int_equal(hr_intents_add_dir(set[jit], HERALD_SOURCE_DIR "/intents", collect, &d), 0);
		assert_int_equal(hr_intents_compile(set[jit], collect, &d), 0);
		mt[jit] = hr_matcher_new(set[jit], NULL);
	}
	struct hr_match *m = calloc(2, sizeof(*m));
	char norm[1024];
	for (size_t i = 0; i < hr_intents_count(set[1]); i++) {
		const struct hr_intent *in = hr_intents_get(set[1], i);
		for (size_t k = 0; k < in->nexamples; k++) {
			hr_text_normalize(in->examples[k], strlen(in->examples[k]), norm, sizeof(norm));
			hr_intents_match(mt[0], norm, &m[0]);
			hr_intents_match(mt[1], norm, &m[1]);
			assert_int_equal(m[0].ncandidates, m[1].ncandidates);
			for (size_t c = 0; c < m[0].ncandidates; c++) {
				assert_string_equal(m[0].candidates[c].intent->name,
				                    m[1].candidates[c].intent->name);
				assert_int_equal(m[0].candidates[c].covered, m[1].candidates[c].covered);
			}
		}
	}
	free(m);
	for (int jit = 0; jit <= 1; jit++) {
		hr_matcher_free(mt[jit]);
		hr_intents_free(set[jit]);
	}
}

/* What hr_intents_scan() hands on, line by line, for a reader other than the
 * engine (the voice grammar): blocks, keys and phrases as written and
 * trimmed; a block its reader refuses is skipped; the format's own errors are
 * reported, never handed on. */
struct scanned {
	char all[1024];
};

static int scan_line(void *ud, struct hr_intents_line *l)
{
	struct scanned *sc = ud;
	size_t n = strlen(sc->all);
	snprintf(sc->all + n, sizeof(sc->all) - n, "%d %c %s|%s|%s\n", l->line,
	         l->kind == HR_INTENTS_BLOCK ? 'B'
	         : l->kind == HR_INTENTS_KEY ? 'K'
	                                     : 'P',
	         l->block, l->key ? l->key : "-", l->value);
	return l->kind == HR_INTENTS_BLOCK && strcmp(l->value, "refused") == 0;
}

static void test_scan_hands_on_lines(void **state)
{
	(void)state;
	const char *text = "# a comment\n"
	                   "slot drug\n"
	                   "  trastuzumab = Herceptin, herceptin*  \n"
	                   "\n"
	                   "intent a.b\n"
	                   "  example :  what is it \n"
	                   "  no colon here\n"
	                   "  pattern:\n"
	                   "words refused\n"
	                   "  not handed on\n"
	                   "blocky thing\n"
	                   "  nor this\n"
	                   "words w\n"
	                   "\tone, two\n";
	struct scanned sc = {""};
	struct diags d = {0};
	assert_int_equal(hr_intents_scan("t.intents", text, strlen(text), scan_line, &sc, collect, &d),
	                 -EINVAL);
	assert_string_equal(sc.all, "2 B slot|slot|drug\n"
	                            "3 P slot|-|trastuzumab = Herceptin, herceptin*\n"
	                            "5 B intent|intent|a.b\n"
	                            "6 K intent|example|what is it\n"
	                            "9 B words|words|refused\n"
	                            "13 B words|words|w\n"
	                            "14 P words|-|one, two\n");
	assert_int_equal(d.n, 3);
	assert_non_null(strstr(d.all, "t.intents:7: expected 'key: value'"));
	assert_non_null(strstr(d.all, "t.intents:8: 'pattern' has no value"));
	assert_non_null(strstr(d.all, "t.intents:11: expected 'intent NAME'"));
	/* A clean file: 0, and a reader's negative errno stops the reading. */
	struct scanned ok = {""};
	assert_int_equal(hr_intents_scan("t", "intent a\n  example: x\n", 22, scan_line, &ok, NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_slots_are_canonical),
	    cmocka_unit_test(test_ranking),
	    cmocka_unit_test(test_spelling_correction),
	    cmocka_unit_test(test_spelling_generalised),
	    cmocka_unit_test(test_matcher_remembers_correct_texts),
	    cmocka_unit_test(test_errors_have_file_and_line),
	    cmocka_unit_test(test_directory_of_bad_file),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_named_groups_become_slots),
	    cmocka_unit_test(test_first_run_from_many_threads),
	    cmocka_unit_test(test_fallback_intent_claims_out_of_scope),
	    cmocka_unit_test(test_prefilter_keeps_the_ranking),
	    cmocka_unit_test(test_prefilter_edge_cases),
	    cmocka_unit_test(test_interpreter_matches_as_jit),
	    cmocka_unit_test(test_phrases_as_trie),
	    cmocka_unit_test(test_slot_values_and_intent_slots),
	    cmocka_unit_test(test_scan_hands_on_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
