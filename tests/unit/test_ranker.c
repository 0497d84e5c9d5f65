/* Unit tests of core/engine/ranker.c: concepts from the lists, a ranking that
 * generalises past the examples, determinism, cross-validation exclusion,
 * intents bound to one drug, and both models. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intent.h"
#include "ranker.h"
#include "text.h"

static const char *const TEXT = "slot drug\n"
                                "  trastuzumab = trastuzumab, herceptin\n"
                                "  pertuzumab = pertuzumab, perjeta\n"
                                "  t_dxd = enhertu, t dxd\n"
                                "words her2\n"
                                "  her 2, her two\n"
                                "words side_effects\n"
                                "  side effects, side effect, toxicit*\n"
                                "words pill\n"
                                "  pill, tablet, oral\n"
                                "intent drug.about\n"
                                "  needs: drug\n"
                                "  pattern: what is {drug}\n"
                                "  example: what is herceptin\n"
                                "  example: tell me about perjeta\n"
                                "  example: explain what enhertu is\n"
                                "  example: what kind of medicine is herceptin\n"
                                "intent drug.side_effects\n"
                                "  needs: drug\n"
                                "  pattern: {side_effects}.*{drug}\n"
                                "  example: what are the side effects of herceptin\n"
                                "  example: does perjeta have side effects\n"
                                "  example: enhertu side effect list\n"
                                "  example: how toxic is enhertu\n"
                                "intent drug.given\n"
                                "  needs: drug\n"
                                "  pattern: how is {drug} given\n"
                                "  example: how is herceptin given\n"
                                "  example: is perjeta a pill\n"
                                "  example: do i take enhertu as a tablet\n"
                                "  example: is herceptin oral or an infusion\n"
                                "intent treatment.trastuzumab\n"
                                "  pattern: herceptin year\n"
                                "  example: why is herceptin given for a year\n"
                                "  example: does everyone get herceptin\n"
                                "intent testing.her2\n"
                                "  pattern: what is {her2}\n"
                                "  example: what is her2\n"
                                "  example: what does her 2 positive mean\n"
                                "  example: explain her two to me\n";

static hr_intents *load(void)
{
	hr_intents *set = hr_intents_new();
	assert_non_null(set);
	assert_int_equal(hr_intents_add_text(set, "t.intents", TEXT, strlen(TEXT), NULL, NULL), 0);
	assert_int_equal(hr_intents_compile(set, NULL, NULL), 0);
	return set;
}

static const char *best(const hr_ranker *r, hr_ranker_scratch *s, const char *q, float *score)
{
	char norm[512];
	assert_true(hr_text_normalize(q, strlen(q), norm, sizeof(norm)) >= 0);
	struct hr_rank_part part = {norm, 1.0f};
	struct hr_ranking rk;
	hr_ranker_rank(r, s, &part, 1, &rk);
	if (score)
		*score = rk.n ? rk.top[0].score : 0;
	return rk.n ? rk.top[0].intent->name : NULL;
}

static void test_concepts(void **state)
{
	(void)state;
	hr_intents *set = load();
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	struct hr_concepts cs;
	/* Slot values, a words list, a prefix phrase, and "her 2" written together. */
	assert_int_equal(hr_ranker_concepts(r, "is perjeta toxicity worse than herceptin's for her2", &cs),
	                 4);
	assert_string_equal(cs.c[0].entity, "drug");
	assert_string_equal(cs.c[0].value, "pertuzumab");
	assert_string_equal(cs.c[1].entity, "side_effects");
	assert_null(cs.c[1].value);
	assert_string_equal(cs.c[2].value, "trastuzumab");
	assert_string_equal(cs.c[3].entity, "her2");
	/* Spans point into the text. */
	assert_int_equal(cs.c[0].start, 3);
	assert_int_equal(cs.c[0].end, 10);
	/* A two-word phrase beats its first word. */
	assert_int_equal(hr_ranker_concepts(r, "what about t dxd", &cs), 1);
	assert_string_equal(cs.c[0].value, "t_dxd");
	/* Phrases are indexed by their first two words: a possessive second
	 * word still finds them, and phrases sharing a first word stay apart. */
	assert_int_equal(hr_ranker_concepts(r, "is t dxd's dose the same", &cs), 1);
	assert_string_equal(cs.c[0].value, "t_dxd");
	assert_int_equal(hr_ranker_concepts(r, "a side effect and side effects", &cs), 2);
	assert_string_equal(cs.c[0].entity, "side_effects");
	assert_int_equal(cs.c[0].start, 2);
	assert_int_equal(cs.c[1].start, 18);
	assert_int_equal(hr_ranker_slot_mentions(r, "t dxd's or herceptin's", &cs), 2);
	assert_string_equal(cs.c[0].value, "t_dxd");
	assert_string_equal(cs.c[1].value, "trastuzumab");
	hr_ranker_free(r);
	hr_intents_free(set);
}

static void test_generalises(void **state)
{
	(void)state;
	hr_intents *set = load();
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	assert_non_null(s);
	/* None of these is an example, and no pattern matches them. */
	assert_string_equal(best(r, s, "can you explain what perjeta is", NULL), "drug.about");
	assert_string_equal(best(r, s, "any side effects with enhertu", NULL), "drug.side_effects");
	/* "oral" and "pill" are one concept: a word the examples of drug.given never pair with this drug. */
	assert_string_equal(best(r, s, "is enhertu an oral drug", NULL), "drug.given");
	assert_string_equal(best(r, s, "her two what does it mean", NULL), "testing.her2");
	/* Words it never saw: no opinion at all. */
	struct hr_rank_part part = {"zebra xylophone", 1.0f};
	struct hr_ranking rk;
	assert_int_equal(hr_ranker_rank(r, s, &part, 1, &rk), 0);
	assert_int_equal(rk.nfeatures, 0);
	assert_true(rk.nwords > 0);
	assert_int_equal(rk.nknown, 0);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	hr_intents_free(set);
}

static void test_deterministic(void **state)
{
	(void)state;
	hr_intents *set = load();
	hr_ranker *a, *b;
	assert_int_equal(hr_ranker_new(set, NULL, &a), 0);
	assert_int_equal(hr_ranker_new(set, NULL, &b), 0);
	hr_ranker_scratch *sa = hr_ranker_scratch_new(a), *sb = hr_ranker_scratch_new(b);
	float x, y;
	assert_string_equal(best(a, sa, "tell me about herceptin side effects", &x),
	                    best(b, sb, "tell me about herceptin side effects", &y));
	assert_true(x == y);
	assert_true(x > 0 && x <= 1);
	hr_ranker_scratch_free(sa);
	hr_ranker_scratch_free(sb);
	hr_ranker_free(a);
	hr_ranker_free(b);
	hr_intents_free(set);
}

/* Workers build the same content, and a reload that changes only plugins
 * builds it again: the trained model is shared, and outlives the set and the
 * ranker that first trained it. */
static void test_shared_model(void **state)
{
	(void)state;
	hr_intents *s1 = load(), *s2 = load();
	hr_ranker *a, *b, *c;
	assert_int_equal(hr_ranker_new(s1, NULL, &a), 0);
	assert_int_equal(hr_ranker_new(s2, NULL, &b), 0);
	assert_true(hr_ranker_same_model(a, b));
	float x, y;
	hr_ranker_scratch *sa = hr_ranker_scratch_new(a);
	const char *q = "tell me about herceptin side effects";
	char want[64];
	snprintf(want, sizeof(want), "%s", best(a, sa, q, &x)); /* the name belongs to S1 */
	hr_ranker_scratch_free(sa);
	hr_ranker_free(a);
	hr_intents_free(s1);
	hr_ranker_scratch *sb = hr_ranker_scratch_new(b);
	assert_string_equal(best(b, sb, q, &y), want);
	assert_true(x == y);
	hr_ranker_scratch_free(sb);
	/* A cross-validation fold trains its own. */
	size_t n = 0;
	for (size_t i = 0; i < hr_intents_count(s2); i++)
		n += hr_intents_get(s2, i)->nexamples + hr_intents_get(s2, i)->nphrasings;
	unsigned char *ex = calloc(n + 1, 1);
	assert_non_null(ex);
	ex[0] = 1;
	struct hr_ranker_options opt = {.exclude = ex};
	assert_int_equal(hr_ranker_new(s2, &opt, &c), 0);
	assert_false(hr_ranker_same_model(b, c));
	hr_ranker_free(c);
	free(ex);
	/* The same input trained as the other model is another model. */
	struct hr_ranker_options sparse = {.model = HR_RANKER_SPARSE};
	assert_int_equal(hr_ranker_new(s2, &sparse, &c), 0);
	assert_false(hr_ranker_same_model(b, c));
	hr_ranker_free(c);
	/* Other content, another model. */
	hr_intents *s3 = hr_intents_new();
	assert_non_null(s3);
	static const char other[] = "intent a.one\n  pattern: ^one$\n  example: how do i count to one\n"
	                            "intent a.two\n  pattern: ^two$\n  example: what comes after one\n";
	assert_int_equal(hr_intents_add_text(s3, "o.intents", other, strlen(other), NULL, NULL), 0);
	assert_int_equal(hr_intents_compile(s3, NULL, NULL), 0);
	assert_int_equal(hr_ranker_new(s3, NULL, &c), 0);
	assert_false(hr_ranker_same_model(b, c));
	hr_ranker_free(c);
	hr_intents_free(s3);
	hr_ranker_free(b);
	hr_intents_free(s2);
}

static void test_weights_and_parts(void **state)
{
	(void)state;
	hr_intents *set = load();
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	/* The story names side effects; the weighted question asks how it is given. */
	struct hr_rank_part parts[2] = {{"the side effects were hard last year", 0.2f},
	                                {"how is perjeta given", 1.0f}};
	struct hr_ranking rk;
	assert_true(hr_ranker_rank(r, s, parts, 2, &rk) > 0);
	assert_string_equal(rk.top[0].intent->name, "drug.given");
	/* Scores are best first and at most HR_RANK_TOP. */
	assert_true(rk.n <= HR_RANK_TOP);
	for (size_t i = 1; i < rk.n; i++)
		assert_true(rk.top[i - 1].score >= rk.top[i].score);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	hr_intents_free(set);
}

/*
 * In the sparse model a question's features reach only some intents and the
 * others score their bias. Their share of the softmax is added in
 * closed form, so the probabilities of every intent still sum to one (the
 * test content has HR_RANK_TOP intents, so the ranking lists them all), also
 * for a question that reaches one intent only; and a ranking leaves nothing
 * behind in the scratch for the next one.
 */
static void test_sparse_probabilities(void **state)
{
	(void)state;
	hr_intents *set = load();
	assert_int_equal(hr_intents_count(set), HR_RANK_TOP);
	static const enum hr_ranker_model models[2] = {HR_RANKER_SPARSE, HR_RANKER_LINEAR};
	static const char *const qs[] = {"her two", "how toxic is enhertu", "is perjeta a pill",
	                                 "tell me about herceptin side effects"};
	for (int m = 0; m < 2; m++) {
		struct hr_ranker_options opt = {.model = models[m]};
		hr_ranker *r;
		assert_int_equal(hr_ranker_new(set, &opt, &r), 0);
		assert_int_equal(hr_ranker_model_of(r), models[m]);
		hr_ranker_scratch *s = hr_ranker_scratch_new(r);
		assert_non_null(s);
		struct hr_ranking first[4], again;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t q = 0; q < 4; q++) {
				struct hr_rank_part part = {qs[q], 1.0f};
				struct hr_ranking *rk = pass ? &again : &first[q];
				assert_int_equal(hr_ranker_rank(r, s, &part, 1, rk), HR_RANK_TOP);
				float sum = 0;
				for (size_t i = 0; i < rk->n; i++) {
					sum += rk->top[i].score;
					assert_true(i == 0 || rk->top[i - 1].score >= rk->top[i].score);
					for (size_t j = 0; j < i; j++)
						assert_ptr_not_equal(rk->top[i].intent, rk->top[j].intent);
				}
				assert_float_equal(sum, 1.0f, 1e-5f);
				if (pass) {
					/* The same as the first time, after other questions. */
					for (size_t i = 0; i < rk->n; i++) {
						assert_ptr_equal(rk->top[i].intent, first[q].top[i].intent);
						assert_true(rk->top[i].score == first[q].top[i].score);
					}
				}
			}
		}
		assert_string_equal(first[0].top[0].intent->name, "testing.her2");
		assert_string_equal(first[1].top[0].intent->name, "drug.side_effects");
		assert_string_equal(first[2].top[0].intent->name, "drug.given");
		hr_ranker_scratch_free(s);
		hr_ranker_free(r);
	}
	hr_intents_free(set);
}

static void test_exclude_and_bound(void **state)
{
	(void)state;
	hr_intents *set = load();
	/* Leaving out every example of testing.her2 (the last three) means it is never first. */
	size_t n = 0;
	for (size_t i = 0; i < hr_intents_count(set); i++)
		n += hr_intents_get(set, i)->nexamples;
	unsigned char ex[64] = {0};
	assert_true(n <= sizeof(ex));
	ex[n - 1] = ex[n - 2] = ex[n - 3] = 1;
	struct hr_ranker_options opt = {.model = HR_RANKER_LINEAR, .exclude = ex};
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, &opt, &r), 0);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	const char *b = best(r, s, "what does her two mean", NULL);
	assert_true(b == NULL || strcmp(b, "testing.her2") != 0);
	/* treatment.trastuzumab is about one drug; drug.about about any. */
	assert_string_equal(hr_ranker_bound_value(r, hr_intents_find(set, "treatment.trastuzumab"), "drug"),
	                    "trastuzumab");
	assert_null(hr_ranker_bound_value(r, hr_intents_find(set, "drug.about"), "drug"));
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	/* Every example left out: nothing to learn from. */
	memset(ex, 1, n);
	assert_int_equal(hr_ranker_new(set, &opt, &r), -EINVAL);
	assert_null(r);
	hr_intents_free(set);
}

static void test_knn_model(void **state)
{
	(void)state;
	hr_intents *set = load();
	struct hr_ranker_options opt = {.model = HR_RANKER_KNN};
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, &opt, &r), 0);
	assert_int_equal(hr_ranker_model_of(r), HR_RANKER_KNN);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	float score;
	/* An example itself is its own nearest neighbour, at cosine 1. */
	assert_string_equal(best(r, s, "how is herceptin given", &score), "drug.given");
	assert_true(score > 0.99f && score < 1.01f);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	hr_intents_free(set);
}

/* Phrasings: training questions no pattern has to match. The ranker learns
 * from them, and cross-validation numbers them after the intent's examples. */
static void test_phrasings(void **state)
{
	(void)state;
	static const char *const text = "words side_effects\n"
	                                "  side effects\n"
	                                "intent care.weight\n"
	                                "  pattern: gain\\w* weight\n"
	                                "  example: why am i gaining weight\n"
	                                "  phrasing: my jeans no longer fit since chemo\n"
	                                "  phrasing: gone up two dress sizes on tamoxifen\n"
	                                "intent se.hair\n"
	                                "  pattern: hair\n"
	                                "  example: will my hair fall out\n"
	                                "  example: when does hair loss start\n";
	hr_intents *set = hr_intents_new();
	assert_int_equal(hr_intents_add_text(set, "p.intents", text, strlen(text), NULL, NULL), 0);
	assert_int_equal(hr_intents_compile(set, NULL, NULL), 0);
	const struct hr_intent *in = hr_intents_find(set, "care.weight");
	assert_int_equal(in->nexamples, 1);
	assert_int_equal(in->nphrasings, 2);
	assert_string_equal(in->phrasings[1], "gone up two dress sizes on tamoxifen");
	assert_int_equal(in->phrasing_lines[0], 6);
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	/* Words only the phrasings use. */
	assert_string_equal(best(r, s, "none of my jeans fit and i went up a dress size", NULL),
	                    "care.weight");
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	/* Left out (flags 1 and 2: the phrasings follow the example), they teach nothing. */
	unsigned char ex[5] = {0, 1, 1, 0, 0};
	struct hr_ranker_options opt = {.model = HR_RANKER_LINEAR, .exclude = ex};
	assert_int_equal(hr_ranker_new(set, &opt, &r), 0);
	s = hr_ranker_scratch_new(r);
	struct hr_rank_part part = {"jeans dress sizes", 1.0f};
	struct hr_ranking rk;
	assert_int_equal(hr_ranker_rank(r, s, &part, 1, &rk), 0);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	hr_intents_free(set);
	/* A phrasing needs a value, like any key. */
	set = hr_intents_new();
	assert_int_not_equal(
	    hr_intents_add_text(set, "q.intents", "intent a.b\n  pattern: x\n  phrasing:\n", 37, NULL, NULL),
	    0);
	hr_intents_free(set);
}

/* Phrases inside longer phrases: the anchors of cancer care, and slot values
 * a regimen's name holds. */
static void test_mentions(void **state)
{
	(void)state;
	static const char *const text = "slot drug\n"
	                                "  trastuzumab = herceptin\n"
	                                "  pertuzumab = perjeta\n"
	                                "slot regimen\n"
	                                "  hp = herceptin and perjeta, hp\n"
	                                "words her2\n"
	                                "  her2, her 2\n"
	                                "words status\n"
	                                "  her2 positive\n"
	                                "intent a.b\n"
	                                "  pattern: x\n"
	                                "  example: what is her2 positive\n";
	hr_intents *set = hr_intents_new();
	assert_int_equal(hr_intents_add_text(set, "m.intents", text, strlen(text), NULL, NULL), 0);
	assert_int_equal(hr_intents_compile(set, NULL, NULL), 0);
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	static const char *const her2[] = {"her2"};
	/* The longest phrase is "her2 positive" (status), yet her2 is named. */
	struct hr_concepts cs;
	assert_int_equal(hr_ranker_concepts(r, "my mum is her2 positive", &cs), 1);
	assert_string_equal(cs.c[0].entity, "status");
	assert_int_equal(hr_ranker_mentions(r, "my mum is her2 positive", her2, 1), 1);
	assert_int_equal(hr_ranker_mentions(r, "my mum is fine", her2, 1), 0);
	/* The regimen is the longest phrase; the drugs inside it are found too. */
	assert_int_equal(hr_ranker_concepts(r, "i get herceptin and perjeta", &cs), 1);
	assert_string_equal(cs.c[0].value, "hp");
	assert_int_equal(hr_ranker_slot_mentions(r, "i get herceptin and perjeta", &cs), 3);
	int seen = 0;
	for (size_t i = 0; i < cs.n; i++) {
		if (strcmp(cs.c[i].value, "trastuzumab") == 0 && cs.c[i].start == 6)
			seen |= 1;
		else if (strcmp(cs.c[i].value, "hp") == 0 && cs.c[i].start == 6 && cs.c[i].end == 27)
			seen |= 2;
		else if (strcmp(cs.c[i].value, "pertuzumab") == 0 && cs.c[i].start == 20)
			seen |= 4;
	}
	assert_int_equal(seen, 7);
	hr_ranker_free(r);
	hr_intents_free(set);
}

/* Content words: question words and fillers do not count, known ones do. */
static void test_words(void **state)
{
	(void)state;
	hr_intents *set = load();
	hr_ranker *r;
	assert_int_equal(hr_ranker_new(set, NULL, &r), 0);
	hr_ranker_scratch *s = hr_ranker_scratch_new(r);
	size_t nw, nk;
	/* "is", "actually" and "something" say nothing of the topic. */
	assert_int_equal(hr_ranker_words(r, s, "is herceptin actually something toxic", &nw, &nk), 2);
	assert_int_equal(nw, 2); /* herceptin (as {drug}) and toxic */
	assert_int_equal(hr_ranker_words(r, s, "what about the weather", &nw, &nk), 0);
	assert_int_equal(nw, 1);
	/* Counting leaves no features behind for the next ranking. */
	assert_string_equal(best(r, s, "how is perjeta given", NULL), "drug.given");
	/* Over weighted parts, each word counts at its part's weight. */
	struct hr_rank_part parts[2] = {{"zebra xylophone", 0.5f}, {"how is perjeta given", 1.0f}};
	struct hr_ranking rk;
	assert_true(hr_ranker_rank(r, s, parts, 2, &rk) > 0);
	assert_true(rk.nwords > rk.nknown);
	assert_true(rk.nknown >= 2.0f);
	assert_true(rk.nwords - rk.nknown > 0.99f && rk.nwords - rk.nknown < 1.01f);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	hr_intents_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_concepts),
	    cmocka_unit_test(test_generalises),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_weights_and_parts),
	    cmocka_unit_test(test_exclude_and_bound),
	    cmocka_unit_test(test_knn_model),
	    cmocka_unit_test(test_phrasings),
	    cmocka_unit_test(test_mentions),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_shared_model),
	    cmocka_unit_test(test_sparse_probabilities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
