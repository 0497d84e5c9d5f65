/* Unit tests of core/engine/text.c: normalisation and UTF-8 validation. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <string.h>

#include "text.h"

static void norm_is(const char *in, const char *want)
{
	char out[256];
	int n = hr_text_normalize(in, strlen(in), out, sizeof(out));
	assert_true(n >= 0);
	assert_string_equal(out, want);
	assert_int_equal((size_t)n, strlen(want));
}

static void test_case_and_punctuation(void **state)
{
	(void)state;
	norm_is("What is HER2?", "what is her2");
	norm_is("  Hello,   world!!  ", "hello world");
	norm_is("IHC 2+ -- what now?", "ihc 2+ -- what now");
	norm_is("T-DM1 (Kadcyla)", "t-dm1 kadcyla");
	norm_is("fever of 100.4 F.", "fever of 100.4 f");
	norm_is("end. Next", "end next");
}

static void test_unicode_punctuation(void **state)
{
	(void)state;
	norm_is("what\xe2\x80\x99s HER2", "what's her2");
	norm_is("\xe2\x80\x9cHER2\xe2\x80\x9d\xc2\xa0low", "her2 low");
	norm_is("T\xe2\x80\x93"
	        "DXd",
	        "t-dxd");
	norm_is("caf\xc3\xa9", "caf\xc3\xa9");
}

static void test_quotes_outside_words(void **state)
{
	(void)state;
	norm_is("'hello'", "hello");
	norm_is("don't", "don't");
}

static void test_no_space(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(hr_text_normalize("hello", 5, out, sizeof(out)), -ENOSPC);
	assert_int_equal(hr_text_normalize("", 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(hr_text_valid_utf8("abc", 3));
	assert_true(hr_text_valid_utf8("caf\xc3\xa9", 5));
	assert_true(hr_text_valid_utf8("\xf0\x9f\x98\x80", 4));
	assert_false(hr_text_valid_utf8("\xc3", 1));         /* truncated */
	assert_false(hr_text_valid_utf8("\xc0\xaf", 2));     /* overlong */
	assert_false(hr_text_valid_utf8("\xed\xa0\x80", 3)); /* surrogate */
	assert_false(hr_text_valid_utf8("\xff", 1));
	assert_false(hr_text_valid_utf8("a\x80", 2));
}

static void test_sentences(void **state)
{
	(void)state;
	struct hr_text_span sp[8];
	const char *t =
	    "My report came back. It says HER2 3+ and ER negative; I'm scared.\nWhat does that mean?";
	assert_int_equal(hr_text_sentences(t, strlen(t), sp, 8), 4);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].len, 20); /* the full stop belongs to its sentence */
	assert_memory_equal(t + sp[3].start, "What does that mean?", 20);
	/* Points inside numbers and words, and empty sentences, do not count. */
	const char *u = "For 2.5 weeks now. is kadcyla chemo.or not?? ... !";
	assert_int_equal(hr_text_sentences(u, strlen(u), sp, 8), 2);
	assert_memory_equal(u + sp[1].start, "is kadcyla chemo.or not??", 25);
	/* A question after a comma is its own sentence. */
	const char *v = "the scan found spots in my bones, could kadcyla help me";
	assert_int_equal(hr_text_sentences(v, strlen(v), sp, 8), 2);
	assert_memory_equal(v + sp[1].start, "could kadcyla help me", 21);
	/* A relative clause after a comma is not ("..., which we did not know"). */
	const char *r = "he has her2 positive cancer, which we did not know men could get";
	assert_int_equal(hr_text_sentences(r, strlen(r), sp, 8), 1);
	const char *r2 = "i was diagnosed in 2019, when my son was born, which drug is next?";
	assert_int_equal(hr_text_sentences(r2, strlen(r2), sp, 8), 2);
	assert_memory_equal(r2 + sp[1].start, "which drug is next?", 19);
	/* A condition before the comma stays with its question: the question is
	 * asked under it ("if i'm her2 low, ..."). */
	static const char *const cond[] = {
	    "If I am HER2-low, what can they give me once it spreads",
	    "supposing my heart is weak, can i still have kadcyla",
	    "unless the scans are clear, will they keep me on perjeta",
	    "what if im triple positive, do i need hormone pills too",
	};
	for (size_t i = 0; i < sizeof(cond) / sizeof(cond[0]); i++)
		assert_int_equal(hr_text_sentences(cond[i], strlen(cond[i]), sp, 8), 1);
	/* A story clause before it is still told apart. */
	const char *c2 = "My report says HER2-low. If that is so, what can they give me";
	assert_int_equal(hr_text_sentences(c2, strlen(c2), sp, 8), 2);
	/* A run-on message with no marks (voice, quick typing): the last
	 * inverted question in its second half is split off as its own
	 * sentence; a told "how long it took" is not a question. */
	const char *ro = "my wife had her surgery in march and then the radiation every day for "
	                 "five weeks and now she is back on the phesgo injections at the clinic "
	                 "but her skin is still red and peeling under the arm what can she put on "
	                 "the skin to help";
	assert_int_equal(hr_text_sentences(ro, strlen(ro), sp, 8), 2);
	assert_memory_equal(ro + sp[1].start, "what can she put on", 19);
	const char *ro2 = "the nurse told me all about the port and the line and the dressing changes "
	                  "and the flushing and i asked her how long it usually stays in and she said "
	                  "until all of my treatment is over next year";
	assert_int_equal(hr_text_sentences(ro2, strlen(ro2), sp, 8), 1);
	/* More than MAX: the last ones are kept. */
	const char *w = "a. b. c. d. e?";
	assert_int_equal(hr_text_sentences(w, strlen(w), sp, 2), 2);
	assert_memory_equal(w + sp[1].start, "e?", 2);
	assert_int_equal(hr_text_sentences("", 0, sp, 8), 0);
}

static void test_asks(void **state)
{
	(void)state;
	assert_true(hr_text_asks("is it bad?", 10, "is it bad"));
	assert_true(hr_text_asks("so how long does it last", 24, "so how long does it last"));
	assert_true(hr_text_asks("we would like suggestions on treatment", 38,
	                         "we would like suggestions on treatment"));
	assert_true(hr_text_asks("Do you have information about radiation", 39,
	                         "do you have information about radiation"));
	/* Requests without a question mark or a question word, as letters end. */
	static const char *const requests[] = {"pls help with the hot flushes", "any tips for the nausea",
	                                       "i would love some advice on what to expect",
	                                       "curious whether the tiredness lasts",
	                                       "need help with the bills"};
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++)
		assert_true(hr_text_asks(requests[i], strlen(requests[i]), requests[i]));
	assert_false(hr_text_asks("My mother is 84.", 16, "my mother is 84"));
	assert_false(
	    hr_text_asks("the nurse helped me with the port", 33, "the nurse helped me with the port"));
	assert_false(hr_text_asks("I had chemo in 2010", 19, "i had chemo in 2010"));
	/* "My question is ..." and "does anyone know ..." ask. */
	assert_true(hr_text_asks("my question is how long it lasts", 32, "my question is how long it lasts"));
	assert_true(hr_text_asks("Anyone know if it goes away.", 28, "anyone know if it goes away"));
}

/* A plea that names nothing closes a letter; one that names a topic is a question. */
static void test_plea(void **state)
{
	(void)state;
	static const char *const pleas[] = {"any advice would be appreciated",
	                                    "thanks in advance for any help",
	                                    "please let me know",
	                                    "any thoughts",
	                                    "can anyone help",
	                                    "any tips welcome thank you"};
	for (size_t i = 0; i < sizeof(pleas) / sizeof(pleas[0]); i++)
		assert_true(hr_text_plea(pleas[i]));
	static const char *const not_pleas[] = {"any tips for the nausea", "is there any help",
	                                        "thanks so much",          "can you help me understand her2",
	                                        "what should i know",      ""};
	for (size_t i = 0; i < sizeof(not_pleas) / sizeof(not_pleas[0]); i++)
		assert_false(hr_text_plea(not_pleas[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_case_and_punctuation),
	    cmocka_unit_test(test_unicode_punctuation),
	    cmocka_unit_test(test_quotes_outside_words),
	    cmocka_unit_test(test_no_space),
	    cmocka_unit_test(test_utf8),
	    cmocka_unit_test(test_sentences),
	    cmocka_unit_test(test_asks),
	    cmocka_unit_test(test_plea),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
