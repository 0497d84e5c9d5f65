/*
 * The learned crisis check (safety_concern.c): the built-in model reads a
 * message exactly as its trainer does (tools/concern-train), hears crisis
 * told indirectly in the fresh portions it was never trained on, and stays
 * calm on ordinary questions. The floors sit a little under the figures
 * docs/safety.md ("The learned check") reports, so a retrained model that
 * generalises worse fails here; the test prints the figures it measured.
 */
#include "cmocka_prelude.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "safety_concern.h"

#ifndef HERALD_TEST_DATA
#define HERALD_TEST_DATA "tests/data"
#endif
#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif

#define CORPUS HERALD_TEST_DATA "/safety/corpus"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int score(const char *s)
{
	return hr_concern_score(s, strlen(s));
}

static int flagged(const char *s)
{
	return hr_concern_check(s, strlen(s));
}

/* Scores the trainer gave (tools/concern-train, the shipped model): the C
 * reader must agree to the unit, words, pairs, stems, apostrophes, UTF-8 and
 * the windows of a long letter included. Regenerating the model changes these
 * numbers: print them with the trainer's score() and update. */
static void test_reads_as_the_trainer_does(void **state)
{
	(void)state;
	char letter[2048] = "";
	const char *chat =
	    "so the parking was awful again and the nurse was lovely and we talked about her "
	    "dogs and the weather for ages and then the infusion ran late because the pharmacy "
	    "was slow and my husband went to get coffee twice and I read half a book about a "
	    "detective in Scotland, honestly it was a long day and ";
	strcat(letter, chat);
	strcat(letter, chat);
	strcat(letter, "I keep thinking everyone would be better off if I just wasn't here anymore. anyway "
	               "what time does the clinic open on saturdays");
	assert_int_equal(score("what is herceptin"), -35905);
	assert_int_equal(score("thanks"), -24890);
	assert_int_equal(score("I\xe2\x80\x99m so tired of being a burden, they'd be better off"), 16362);
	assert_int_equal(score("the kids would be better off without me"), 39793);
	assert_int_equal(score("Ya no quiero seguir, estoy cansada"), 40935);
	assert_int_equal(score("how long does enhertu take"), -49621);
	assert_int_equal(score(letter), 87966);
	assert_int_equal(score(""), -19908);
	assert_int_equal(score("!!!"), -19908);
	assert_int_equal(score("can't sleep can't eat can't do this anymore"), 25257);
	/* Sentence by sentence (the highest of the message and each sentence),
	 * and a piece with no word in it counts for nothing. */
	assert_int_equal(
	    score("lately i feel like a weight on everyone and they would manage better without me "
	          "around. what are the side effects of tamoxifen"),
	    12688);
	assert_int_equal(score("what is herceptin? :)"), -35905);
}

struct counts {
	unsigned crisis, heard, calm, alarms;
};

/* Counts a corpus file: crisis lines heard, calm ("none") lines flagged. */
static void count_file(const char *name, struct counts *c, int show)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", CORPUS, name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[8192];
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2)
			continue;
		*t1 = '\0';
		char *text = t2 + 1;
		text[strcspn(text, "\n")] = '\0';
		int hit = flagged(text);
		if (strcmp(line, "crisis") == 0) {
			c->crisis++;
			c->heard += (unsigned)hit;
			if (show && !hit)
				printf("    missed  %s\n", text);
		} else if (strcmp(line, "none") == 0) {
			c->calm++;
			c->alarms += (unsigned)hit;
			if (show && hit)
				printf("    flagged %s\n", text);
		}
	}
	fclose(f);
}

/* Held out: the fresh portions were never trained on (the model is trained
 * on the main files as they were at the commit tools/concern-train pins, before
 * the tenth portion was written). Measured at the shipped threshold: 73% of
 * their crisis lines heard (188/259; 71% of the four blind ones, 33/40 of the
 * tenth), 3.7% of their calm near-misses flagged (10% of the blind ones, which
 * were written to tempt: hospice wishes, "at peace with it", self-harm long
 * ago, "so tired of all this, but"). */
static void test_hears_held_out_crisis(void **state)
{
	(void)state;
	static const char *const fresh[] = {"fresh.tsv",  "fresh2.tsv", "fresh3.tsv", "fresh4.tsv",
	                                    "fresh5.tsv", "fresh6.tsv", "fresh7.tsv", "fresh8.tsv",
	                                    "fresh9.tsv", "fresh10.tsv"};
	struct counts all = {0}, blind = {0};
	for (size_t i = 0; i < ARRAY_SIZE(fresh); i++) {
		struct counts c = {0};
		count_file(fresh[i], &c, getenv("CONCERN_SHOW") != NULL);
		printf("  %-11s crisis heard %u/%u, calm flagged %u/%u\n", fresh[i], c.heard, c.crisis,
		       c.alarms, c.calm);
		all.crisis += c.crisis, all.heard += c.heard, all.calm += c.calm, all.alarms += c.alarms;
		if (i >= 6) /* the blind ones: fresh7 to fresh10 */
			blind.crisis += c.crisis, blind.heard += c.heard, blind.calm += c.calm,
			    blind.alarms += c.alarms;
	}
	printf("  all fresh: crisis %u/%u heard, calm %u/%u flagged; blind 7-10: %u/%u, %u/%u\n", all.heard,
	       all.crisis, all.alarms, all.calm, blind.heard, blind.crisis, blind.alarms, blind.calm);
	assert_true(all.crisis > 250 && blind.crisis > 120);
	assert_true(all.heard * 100 >= all.crisis * 68); /* 71.0% since the fifteenth round (73.4% before) */
	assert_true(blind.heard * 100 >= blind.crisis * 65);  /* 70.0% (71.5% before) */
	assert_true(all.alarms * 1000 <= all.calm * 45);      /* 2.5% measured (3.7% before the fourteenth) */
	assert_true(blind.alarms * 1000 <= blind.calm * 120); /* 6.8%: 8 of 118 (6 before) */
}

/* The eleventh and twelfth portions, written blind after the model was trained.
 * The twelfth holds ten long ordinary emotional letters written to tempt a
 * detector (anger at the cancer, grief, exhaustion, a hospice goodbye): read
 * whole or window by window they added up to a crisis (9 of 10 flagged); read
 * sentence by sentence, the best sentence held to p >= 0.95, 4 of 10 are
 * (docs/safety.md, twelfth portion), and no crisis line of any portion is
 * lost. */
static void test_long_letters_read_by_sentence(void **state)
{
	(void)state;
	struct counts c11 = {0}, c12 = {0};
	count_file("fresh11.tsv", &c11, getenv("CONCERN_SHOW") != NULL);
	count_file("fresh12.tsv", &c12, getenv("CONCERN_SHOW") != NULL);
	printf("  fresh11.tsv crisis heard %u/%u, calm flagged %u/%u\n", c11.heard, c11.crisis, c11.alarms,
	       c11.calm);
	printf("  fresh12.tsv crisis heard %u/%u, calm flagged %u/%u\n", c12.heard, c12.crisis, c12.alarms,
	       c12.calm);
	assert_true(c11.heard >= 24 &&
	            c11.alarms <= 3); /* 27/40, 2/35 since the fifteenth round's retrain (28, 3 before) */
	assert_true(c12.heard >= 18 && c12.alarms <= 7); /* 18/40, 5/35 (21/40, 7/35 before the fourteenth) */
}

/* Ordinary questions must stay calm: every question the plugins' own tests
 * ask that expects no alert (written apart from the intent examples the model
 * saw), and a few of our own. */
static void test_ordinary_questions_stay_calm(void **state)
{
	(void)state;
	static const char *const plugins[] = {
	    "basics",  "care",    "chemo_classes", "conversation", "drugs",   "followups",
	    "life",    "living",  "metastasis",    "outlook",      "reports", "side_effects",
	    "support", "surgery", "testing",       "treatment",    "trials",  "warning_signs"};
	unsigned asked = 0, alarms = 0;
	for (size_t i = 0; i < ARRAY_SIZE(plugins); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/plugins/%s.tests", HERALD_SOURCE_DIR, plugins[i]);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		char line[4096];
		char block[64][512];
		size_t nb = 0;
		int alert = 0, more = 1;
		while (more) {
			more = fgets(line, sizeof(line), f) != NULL;
			if (more && line[0] != '\n') {
				if (strncmp(line, "ask:", 4) == 0 && nb < ARRAY_SIZE(block)) {
					const char *q = line + 4 + strspn(line + 4, " ");
					snprintf(block[nb++], sizeof(block[0]), "%.*s", (int)strcspn(q, "\n"),
					         q);
				}
				if (strstr(line, "safety: crisis") || strstr(line, "safety: urgent"))
					alert = 1;
				continue;
			}
			for (size_t k = 0; k < nb && !alert; k++) {
				asked++;
				if (flagged(block[k])) {
					alarms++;
					printf("    flagged %s\n", block[k]);
				}
			}
			nb = 0;
			alert = 0;
		}
		fclose(f);
	}
	printf("  plugin test questions: %u/%u flagged\n", alarms, asked);
	assert_true(asked > 800);
	assert_int_equal(alarms, 0);

	static const char *const own[] = {
	    "thanks",
	    "ok",
	    "yes",
	    "no",
	    "hi there",
	    "tell me more",
	    "what else",
	    "can herceptin damage my heart",
	    "how long will i be on enhertu",
	    "my mum is on kadcyla and feels tired all the time, is that normal",
	    "what are the side effects of tucatinib",
	    "is hair loss permanent after taxol",
	    "how do I cope with scanxiety",
	    "im scared of my results",
	    "i feel so down since my diagnosis, where can i get counseling",
	    "what does her2 positive mean",
	    "how long do i have to take tamoxifen",
	    "will my insurance cover phesgo",
	    "can i drive myself home after the infusion",
	    "what are the warning signs of suicide",
	    "how do i know if my husband is depressed",
	    "I am exhausted after chemo, how long does it last",
	};
	for (size_t i = 0; i < ARRAY_SIZE(own); i++) {
		if (flagged(own[i]))
			printf("    flagged %s\n", own[i]);
		assert_false(flagged(own[i]));
	}
}

/* The line comes first, the answer follows, the field is set; once only; and
 * never on a safety reply, which already gives 988 or 911 first. */
static void test_mark_puts_the_line_first(void **state)
{
	(void)state;
	struct hr_answer a = {0};
	assert_int_equal(hr_answer_set(&a.text, "Herceptin is given every three weeks."), 0);
	assert_int_equal(hr_answer_set(&a.speech, "Her-septin is given every three weeks."), 0);
	assert_int_equal(hr_concern_mark(&a), 0);
	assert_string_equal(a.concern, "crisis");
	assert_true(strncmp(a.text, hr_concern_line, strlen(hr_concern_line)) == 0);
	assert_non_null(strstr(a.text, "\n\nHerceptin is given every three weeks."));
	assert_true(strncmp(a.speech, hr_concern_line_speech, strlen(hr_concern_line_speech)) == 0);
	assert_non_null(strstr(a.speech, "Her-septin"));
	assert_null(strstr(a.speech, "988"));
	assert_int_equal(a.nsources, 1);
	assert_string_equal(a.sources[0].url, "https://988lifeline.org/");
	char *once = strdup(a.text);
	assert_int_equal(hr_concern_mark(&a), 0);
	assert_string_equal(a.text, once);
	assert_int_equal(a.nsources, 1);
	free(once);
	hr_answer_clear(&a);

	/* No speech form: the line's speech form goes before the text. */
	assert_int_equal(hr_answer_set(&a.text, "Here is what I know."), 0);
	assert_int_equal(hr_concern_mark(&a), 0);
	assert_true(strncmp(a.speech, hr_concern_line_speech, strlen(hr_concern_line_speech)) == 0);
	assert_non_null(strstr(a.speech, "Here is what I know."));
	hr_answer_clear(&a);

	a.safety = HR_SAFETY_CRISIS;
	assert_int_equal(hr_answer_set(&a.text, "Please call or text 988 now."), 0);
	assert_int_equal(hr_concern_mark(&a), 0);
	assert_null(a.concern);
	assert_string_equal(a.text, "Please call or text 988 now.");
	hr_answer_clear(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_as_the_trainer_does),
	    cmocka_unit_test(test_hears_held_out_crisis),
	    cmocka_unit_test(test_long_letters_read_by_sentence),
	    cmocka_unit_test(test_ordinary_questions_stay_calm),
	    cmocka_unit_test(test_mark_puts_the_line_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
