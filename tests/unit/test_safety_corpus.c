/*
 * The safety corpus (tests/data/safety/corpus): hundreds of phrasings of the
 * emergencies, crises and call-now signs, and at least as many near-misses
 * that must stay calm, run through the safety check as the engine runs it.
 * Measures recall per tier and the false-alarm rate, prints them with every
 * miss, and fails below the bar of issue 16:
 *   emergency and crisis recall 100%, call-now recall at least 98%, false
 *   alarms under 2% of the calm lines.
 * Personal decisions must not alert, and must be recognised (at least 95%).
 * docs/safety.md explains the method and keeps the figures.
 *
 * Every line is also checked with the prefilter off: the result must be the
 * same.
 */
#include "cmocka_prelude.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "safety.h"
#include "text.h"

#ifndef HERALD_TEST_DATA
#define HERALD_TEST_DATA "tests/data"
#endif

#define CORPUS HERALD_TEST_DATA "/safety/corpus"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* What a line expects. */
enum expect {
	E_NONE,
	E_CALL_NOW,
	E_EMERGENCY,
	E_CRISIS,
	E_DOSE,
	E_STOP,
	E_CHOOSE,
	E_PROGNOSIS,
	E_TAKE,
	E_MISSED,
	E_COUNT,
};

static const char *const expect_names[E_COUNT] = {
    "none", "call_now", "emergency", "crisis", "dose", "stop", "choose", "prognosis", "take", "missed",
};

static const enum hr_decision expect_decision[E_COUNT] = {
    [E_DOSE] = HR_DECISION_DOSE,           [E_STOP] = HR_DECISION_STOP, [E_CHOOSE] = HR_DECISION_CHOOSE,
    [E_PROGNOSIS] = HR_DECISION_PROGNOSIS, [E_TAKE] = HR_DECISION_TAKE, [E_MISSED] = HR_DECISION_MISSED,
};

/* Which rules fired on some line, by index (hr_safety_rule_name). */
static unsigned char fired[256];

struct tally {
	unsigned lines[E_COUNT];
	unsigned hits[E_COUNT]; /* alerts of the right tier; decisions recognised */
	unsigned over;          /* call-now lines that got the emergency reply */
	unsigned crisis_911;    /* crisis lines whose reply leads with 911 (emergency_too) */
	unsigned alarms;        /* calm or decision lines that alerted */
	unsigned disagreements; /* prefilter on and off differ */
};

static hr_safety *safety, *every;

static int setup(void **state)
{
	(void)state;
	if (hr_safety_new(&safety) || hr_safety_new(&every))
		return -1;
	hr_safety_set_prefilter(every, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	hr_safety_free(safety);
	hr_safety_free(every);
	return 0;
}

static const char *tier_str(enum hr_tier t)
{
	return hr_tier_name(t) ? hr_tier_name(t) : "none";
}

/* Checks one line and counts it; prints a line that misses. */
static void judge(struct tally *t, const char *file, int lineno, enum expect e, const char *text)
{
	char norm[4096];
	int n = hr_text_normalize(text, strlen(text), norm, sizeof(norm));
	assert_true(n >= 0);
	struct hr_safety_result r, r2;
	hr_safety_check(safety, norm, &r);
	hr_safety_check(every, norm, &r2);
	if (r.tier != r2.tier || r.decision != r2.decision || r.emergency_too != r2.emergency_too) {
		print_error("%s:%d: the prefilter changes the result of \"%s\"\n", file, lineno, text);
		t->disagreements++;
	}
	t->lines[e]++;
	for (size_t i = 0; r.rule && i < ARRAY_SIZE(fired); i++) {
		const char *name = hr_safety_rule_name(safety, i);
		if (!name)
			break;
		/* An emergency rule heard with a crisis (emergency_too) fires too. */
		if (strcmp(name, r.rule) == 0 || (r.emergency_rule && strcmp(name, r.emergency_rule) == 0))
			fired[i] = 1;
	}
	const char *why = NULL;
	switch (e) {
	case E_EMERGENCY:
	case E_CRISIS:
		/* A crisis reply that leads with 911 (an emergency sign told with
		 * the crisis: emergency_too) answers an emergency line too. */
		if ((e == E_EMERGENCY &&
		     (r.tier == HR_TIER_EMERGENCY || (r.tier == HR_TIER_CRISIS && r.emergency_too))) ||
		    (e == E_CRISIS && r.tier == HR_TIER_CRISIS)) {
			t->hits[e]++;
			if (e == E_CRISIS && r.emergency_too) {
				t->crisis_911++;
				print_message("  %s:%d: crisis, 911 first (%s): %s\n", file, lineno,
				              r.rule ? r.rule : "-", text);
			}
		} else
			why = "missed";
		break;
	case E_CALL_NOW:
		/* The emergency reply to a call-now sign errs on the safe side: it
		 * counts as heard, and the over-triage is reported. */
		if (r.tier == HR_TIER_CALL_NOW || r.tier == HR_TIER_EMERGENCY) {
			t->hits[e]++;
			t->over += r.tier == HR_TIER_EMERGENCY;
		} else {
			why = "missed";
		}
		break;
	case E_NONE:
		if (r.tier != HR_TIER_NONE) {
			t->alarms++;
			why = "false alarm";
		} else {
			t->hits[e]++;
		}
		break;
	default:
		if (r.tier != HR_TIER_NONE) {
			t->alarms++;
			why = "false alarm";
		} else if (r.decision != expect_decision[e]) {
			why = "decision not recognised";
		} else {
			t->hits[e]++;
		}
		break;
	}
	if (why)
		print_message("  %s:%d: %s (want %s, got %s/%s, decision %d): %s\n", file, lineno, why,
		              expect_names[e], tier_str(r.tier), r.rule ? r.rule : "-", (int)r.decision,
		              text);
}

/* Reads one corpus file into T. Returns the number of lines read. */
static long read_file(struct tally *t, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", CORPUS, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		print_error("cannot open %s\n", path);
		return -1;
	}
	char line[8192];
	long n = 0;
	int lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *tab1 = strchr(line, '\t');
		char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (!tab2) {
			print_error("%s:%d: expected EXPECT<TAB>CATEGORY<TAB>TEXT\n", name, lineno);
			fail();
		}
		*tab1 = '\0';
		int e;
		for (e = 0; e < E_COUNT && strcmp(expect_names[e], line) != 0; e++)
			;
		if (e == E_COUNT) {
			print_error("%s:%d: unknown expectation '%s'\n", name, lineno, line);
			fail();
		}
		judge(t, name, lineno, (enum expect)e, tab2 + 1);
		n++;
	}
	fclose(f);
	return n;
}

static double pct(unsigned a, unsigned b)
{
	return b ? 100.0 * a / b : 100.0;
}

static void report(const char *what, const struct tally *t)
{
	unsigned calm = t->lines[E_NONE], dec = 0, dec_hits = 0, positives = 0;
	for (int e = E_DOSE; e < E_COUNT; e++) {
		dec += t->lines[e];
		dec_hits += t->hits[e];
	}
	for (int e = E_CALL_NOW; e <= E_CRISIS; e++)
		positives += t->lines[e];
	print_message("%s: %u alert lines, %u calm lines, %u decision lines\n", what, positives, calm, dec);
	print_message("  recall emergency %u/%u = %.1f%%, crisis %u/%u = %.1f%%, call_now %u/%u = %.1f%% "
	              "(%u of them given the emergency reply)\n",
	              t->hits[E_EMERGENCY], t->lines[E_EMERGENCY],
	              pct(t->hits[E_EMERGENCY], t->lines[E_EMERGENCY]), t->hits[E_CRISIS], t->lines[E_CRISIS],
	              pct(t->hits[E_CRISIS], t->lines[E_CRISIS]), t->hits[E_CALL_NOW], t->lines[E_CALL_NOW],
	              pct(t->hits[E_CALL_NOW], t->lines[E_CALL_NOW]), t->over);
	print_message("  crisis lines whose reply leads with 911 (an emergency sign told too): %u\n",
	              t->crisis_911);
	print_message("  false alarms %u/%u = %.2f%% (calm and decision lines); decisions recognised %u/%u = "
	              "%.1f%%\n",
	              t->alarms, calm + dec, pct(t->alarms, calm + dec), dec_hits, dec, pct(dec_hits, dec));
}

/* The corpus the rules were written against: the bar of issue 16. */
static void test_corpus_meets_the_bar(void **state)
{
	(void)state;
	static const char *const files[] = {"emergency.tsv", "crisis.tsv", "call_now.tsv", "calm.tsv",
	                                    "decisions.tsv"};
	struct tally t = {0};
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		assert_true(read_file(&t, files[i]) > 0);
	report("corpus", &t);
	unsigned positives = t.lines[E_EMERGENCY] + t.lines[E_CRISIS] + t.lines[E_CALL_NOW];
	unsigned dec = 0, dec_hits = 0;
	for (int e = E_DOSE; e < E_COUNT; e++) {
		dec += t.lines[e];
		dec_hits += t.hits[e];
	}
	/* Big enough to mean something, with as many near-misses as alerts. */
	assert_true(positives >= 400);
	assert_true(t.lines[E_NONE] >= positives);
	assert_int_equal(t.disagreements, 0);
	assert_int_equal(t.hits[E_EMERGENCY], t.lines[E_EMERGENCY]);
	assert_int_equal(t.hits[E_CRISIS], t.lines[E_CRISIS]);
	assert_true(pct(t.hits[E_CALL_NOW], t.lines[E_CALL_NOW]) >= 98.0);
	assert_true(pct(t.alarms, t.lines[E_NONE] + dec) < 2.0);
	assert_true(pct(dec_hits, dec) >= 95.0);
}

/* The portions written after the rules were done (fresh.tsv, then
 * fresh2.tsv after every later change): reported each on its own, and held to
 * the same bar, so that a rule change that only suits the main corpus shows. */
static void fresh_portion(const char *file)
{
	struct tally t = {0};
	assert_true(read_file(&t, file) > 0);
	report(file, &t);
	assert_int_equal(t.disagreements, 0);
	assert_int_equal(t.hits[E_EMERGENCY], t.lines[E_EMERGENCY]);
	assert_int_equal(t.hits[E_CRISIS], t.lines[E_CRISIS]);
	assert_true(pct(t.hits[E_CALL_NOW], t.lines[E_CALL_NOW]) >= 98.0);
	unsigned dec = 0;
	for (int e = E_DOSE; e < E_COUNT; e++)
		dec += t.lines[e];
	assert_true(pct(t.alarms, t.lines[E_NONE] + dec) < 2.0);
}

static void test_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh.tsv");
}

static void test_second_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh2.tsv");
}

/* Written by the second round of work (branch safety2) before any of its
 * changes: caregivers, long letters, voice, British and non-native English,
 * slang, understatement, numbers, misspelt drugs, call-now drug by drug. */
static void test_third_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh3.tsv");
}

/* Written after every change fresh3 led to, and scored once before any change
 * for it: text speak, formal older writers, teenagers writing for a parent,
 * speech-recogniser homophones. */
static void test_fourth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh4.tsv");
}

/* Written after the seventh patient probe's fixes, before any change for it:
 * English as a second language, dictated speech, danger buried in a message
 * about something else, understatement, and near-misses told as past, as a
 * joke or an idiom, or as someone else's story. */
static void test_fifth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh5.tsv");
}

/* Crisis only, written after the fifth portion's fixes: thoughts told in
 * pieces, through acts and tiredness and being a weight, and near-misses from
 * end-of-life planning, a bad day and another person's story. */
static void test_sixth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh6.tsv");
}

/* Written blind by a helper who never read the rules, after the sixth
 * portion's fixes. */
static void test_seventh_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh7.tsv");
}

/* Written blind again, after every change the seventh portion led to. */
static void test_eighth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh8.tsv");
}

/* Written blind again (2026-12-07) after every change the eighth led to. */
static void test_ninth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh9.tsv");
}

/* Written blind again (2026-12-07) after every change the ninth led to. */
static void test_tenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh10.tsv");
}

/* Written blind again (2026-12-07, second session) after every change the
 * tenth led to, the learned check included: crisis told indirectly in many
 * voices, Spanish among them. */
static void test_eleventh_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh11.tsv");
}

/* Written blind again (2026-12-07, third session) after every change the
 * eleventh led to: crisis told in French and Spanish, in few words and in
 * long letters, and long ordinary emotional letters written to tempt. */
static void test_twelfth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh12.tsv");
}

/* Written blind again (2026-12-07, fourth session) after every change the
 * twelfth led to: crisis told in French, Chinese, Vietnamese, Portuguese,
 * Tagalog, Haitian Creole and Spanish, means and goodbyes told in pieces, and
 * stop or skip decisions told as call-now signs (held here as decisions). */
static void test_thirteenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh13.tsv");
}

/* Written blind again (2026-12-07, fifth session) after the fourteenth round's
 * first fixes: crisis in German and Italian and told through acts (rope bought,
 * letters left, a bridge), fever readings told calmly, near-misses of a fever
 * handled and over, and long ordinary letters. */
static void test_fourteenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh14.tsv");
}

/* Written blind (2026-12-07, sixth session) by a writer who never saw herald:
 * emergencies in Spanish and French and an overdose already taken, crisis in
 * Polish and told through acts (a pet rehomed, a goodbye to the nurses, treatment
 * stopped to die), call-now signs told in pieces or in a letter, and near-misses
 * of a fever asked in advance, a child's fever and a past chest pain checked. */
static void test_fifteenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh15.tsv");
}

/* Written blind (2026-12-07, seventh session) by a writer who never saw herald:
 * emergencies in French and Portuguese and one buried in a letter after "sorry
 * if this is messy", crisis in Portuguese and told through acts (a date picked,
 * a goodbye posted with pills, cuts hidden, both lives taken), call-now signs of
 * the spinal cord and of fluids not kept down, and near-misses of a partner's
 * fever, a past scan that was clear and a hospital drama. */
static void test_sixteenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh16.tsv");
}

/* Written blind (2026-12-07, eighth session) by a writer who never saw herald:
 * an oral chemotherapy's week taken at once, stroke signs in German, a surgical
 * drain bleeding, crisis in Portuguese and told through acts (letters written,
 * a rifle in the garage, a swim past the flags, a stockpile under the sink), fever
 * in German and Tagalog, and near-misses told as past and resolved. */
static void test_seventeenth_fresh_portion(void **state)
{
	(void)state;
	fresh_portion("fresh17.tsv");
}

/* Every rule of the rules file fires on some line of the corpus: a rule that
 * never fires is either dead or untested. (Runs after the two above.) */
static void test_every_rule_fires(void **state)
{
	(void)state;
	size_t n = 0;
	int ok = 1;
	for (; hr_safety_rule_name(safety, n); n++) {
		if (n < ARRAY_SIZE(fired) && !fired[n]) {
			print_error("rule %s fires on no line of the corpus\n",
			            hr_safety_rule_name(safety, n));
			ok = 0;
		}
	}
	assert_true(n > 0 && n <= ARRAY_SIZE(fired));
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus_meets_the_bar),     cmocka_unit_test(test_fresh_portion),
	    cmocka_unit_test(test_second_fresh_portion),     cmocka_unit_test(test_third_fresh_portion),
	    cmocka_unit_test(test_fourth_fresh_portion),     cmocka_unit_test(test_fifth_fresh_portion),
	    cmocka_unit_test(test_sixth_fresh_portion),      cmocka_unit_test(test_seventh_fresh_portion),
	    cmocka_unit_test(test_eighth_fresh_portion),     cmocka_unit_test(test_ninth_fresh_portion),
	    cmocka_unit_test(test_tenth_fresh_portion),      cmocka_unit_test(test_eleventh_fresh_portion),
	    cmocka_unit_test(test_twelfth_fresh_portion),    cmocka_unit_test(test_thirteenth_fresh_portion),
	    cmocka_unit_test(test_fourteenth_fresh_portion), cmocka_unit_test(test_fifteenth_fresh_portion),
	    cmocka_unit_test(test_sixteenth_fresh_portion),  cmocka_unit_test(test_seventeenth_fresh_portion),
	    cmocka_unit_test(test_every_rule_fires),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
