/*
 * Unit tests of core/engine/safety.c: the tiers and their triggers, negation, warning-sign
 * questions that must not alert, personal decisions, and the fixed replies.
 * Every input goes through hr_text_normalize() first, as in the engine.
 *
 * The check skips the patterns whose required words are missing (its literal
 * prefilter). That must never change a result, so every case here is also
 * checked with the prefilter off and the two results must be identical; and
 * every question the project knows (the content's examples and plugin tests,
 * tests/data, bench/questions.txt and the safety corpus), in variants of case,
 * apostrophes, typos and context, is compared the same way.
 */
#include "cmocka_prelude.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "dirlist.h"
#include "log.h"
#include "safety.h"
#include "text.h"

#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif
#ifndef HERALD_TEST_DATA
#define HERALD_TEST_DATA "tests/data"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The same rules with the prefilter off: every pattern runs on every text. */
static hr_safety *every;

static const char *tier_name(enum hr_tier t)
{
	switch (t) {
	case HR_TIER_CRISIS:
		return "crisis";
	case HR_TIER_EMERGENCY:
		return "emergency";
	case HR_TIER_CALL_NOW:
		return "call_now";
	default:
		return "none";
	}
}

static const char *rule_name(const struct hr_safety_result *r)
{
	return r->rule ? r->rule : "-";
}

/* Checks TEXT as it is with S and with every rule run, and fails unless both
 * give the same tier, rule and decision. Returns S's result. */
static struct hr_safety_result check_both(hr_safety *s, const char *text)
{
	struct hr_safety_result r, want;
	hr_safety_check(s, text, &r);
	hr_safety_check(every, text, &want);
	/* What was held back for want of context, and who is at risk, too: a
	 * rule's lines may run alone (rule_next), and must find the matches the
	 * whole rule finds. */
	if (r.tier != want.tier || r.decision != want.decision || r.emergency_too != want.emergency_too ||
	    strcmp(rule_name(&r), rule_name(&want)) != 0 || r.group != want.group ||
	    r.about_other != want.about_other || r.held != want.held || r.held_group != want.held_group ||
	    strcmp(r.held_rule ? r.held_rule : "-", want.held_rule ? want.held_rule : "-") != 0) {
		print_error("\"%s\": prefiltered %s/%s decision %d, every rule %s/%s decision %d\n", text,
		            tier_name(r.tier), rule_name(&r), (int)r.decision, tier_name(want.tier),
		            rule_name(&want), (int)want.decision);
		fail();
	}
	return r;
}

/* Normalises TEXT like the engine does and runs the check (both ways). */
static struct hr_safety_result check(hr_safety *s, const char *text)
{
	char norm[4096];
	int n = hr_text_normalize(text, strlen(text), norm, sizeof(norm));
	assert_true(n >= 0);
	return check_both(s, norm);
}

/* Asserts the tier of each message, naming the message that failed. */
static void tiers_are(hr_safety *s, enum hr_tier want, const char *const *texts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct hr_safety_result r = check(s, texts[i]);
		if (r.tier != want)
			print_error("\"%s\": got %s (%s), want %s\n", texts[i], tier_name(r.tier),
			            r.rule ? r.rule : "-", tier_name(want));
		assert_int_equal(r.tier, want);
	}
}

static void decisions_are(hr_safety *s, enum hr_decision want, const char *const *texts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct hr_safety_result r = check(s, texts[i]);
		if (r.decision != want)
			print_error("\"%s\": decision %d, want %d\n", texts[i], (int)r.decision, (int)want);
		assert_int_equal(r.decision, want);
	}
}

#define TIERS(s, want, ...)                                                                                  \
	do {                                                                                                 \
		static const char *const t_[] = {__VA_ARGS__};                                               \
		tiers_are((s), (want), t_, ARRAY_SIZE(t_));                                                  \
	} while (0)

#define DECISIONS(s, want, ...)                                                                              \
	do {                                                                                                 \
		static const char *const t_[] = {__VA_ARGS__};                                               \
		decisions_are((s), (want), t_, ARRAY_SIZE(t_));                                              \
	} while (0)

static void rule_is(hr_safety *s, const char *text, enum hr_tier tier, const char *rule)
{
	struct hr_safety_result r = check(s, text);
	if (r.tier != tier || !r.rule || strcmp(r.rule, rule) != 0)
		print_error("\"%s\": got %s/%s, want %s/%s\n", text, tier_name(r.tier), r.rule ? r.rule : "-",
		            tier_name(tier), rule);
	assert_int_equal(r.tier, tier);
	assert_non_null(r.rule);
	assert_string_equal(r.rule, rule);
}

static int setup(void **state)
{
	hr_safety *s = NULL;
	if (hr_safety_new(&s) != 0)
		return -1;
	if (hr_safety_new(&every) != 0) {
		hr_safety_free(s);
		return -1;
	}
	hr_safety_set_prefilter(every, 0);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	hr_safety_free(*state);
	hr_safety_free(every);
	every = NULL;
	return 0;
}

/* ------------------------------------------------------------------------- */
/* Crisis. */

static void test_crisis_typed(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "I don't want to live anymore.", "I want to die.",
	      "I keep thinking about killing myself.", "There's no point going on.",
	      "What's the point of living like this?", "I'm going to end it all tonight.",
	      "I've been having suicidal thoughts since my diagnosis.", "I want to hurt myself.",
	      "Everyone would be better off without me.", "Life is not worth living anymore.",
	      "I just want it all to be over.", "I wish I was dead.", "I can't go on like this.",
	      "I don't see the point in going on.", "Nobody would miss me.", "I have lost the will to live.");
}

/* Told about someone else, the crisis reply speaks to the one who worries;
 * told of oneself (even with others named), to the writer. */
static void test_crisis_about_someone_else(void **state)
{
	hr_safety *s = *state;
	static const char *const other[] = {
	    "my wife doesn't want to be here anymore", "I think my husband wants to kill himself",
	    "she'd rather be dead than do more chemo", "my son said he wants to die",
	    "mum keeps saying she doesnt want to live any more"};
	static const char *const self[] = {"i want to kill myself",
	                                   "I don't want to be here anymore. my husband doesn't know",
	                                   "my husband is worried i will kill myself",
	                                   "my mum says i would be better off dead", "I want to die."};
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		struct hr_safety_result r = check(s, other[i]);
		assert_int_equal(r.tier, HR_TIER_CRISIS);
		if (!r.about_other)
			fail_msg("\"%s\" read as the writer's own crisis", other[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_non_null(strstr(a.text, "988"));
		assert_non_null(strstr(a.text, "worried about someone else"));
		hr_answer_clear(&a);
	}
	for (size_t i = 0; i < sizeof(self) / sizeof(self[0]); i++) {
		struct hr_safety_result r = check(s, self[i]);
		assert_int_equal(r.tier, HR_TIER_CRISIS);
		if (r.about_other)
			fail_msg("\"%s\" read as someone else's crisis", self[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_null(strstr(a.text, "worried about someone else"));
		hr_answer_clear(&a);
	}
}

/* An emergency told by someone about another person speaks to the caller:
 * no "sit up and try to stay calm" to the one calling (review after the
 * fifteenth round); told of oneself, the context sentence stays. */
static void test_emergency_about_someone_else(void **state)
{
	hr_safety *s = *state;
	static const char *const other[] = {"my wife is lying on the floor and she's not breathing right",
	                                    "i think my mom is having a stroke, her face is drooping",
	                                    "my husband collapsed in the kitchen and won't respond"};
	static const char *const self[] = {"i have crushing chest pain right now",
	                                   "my husband says my face is drooping on one side"};
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		struct hr_safety_result r = check(s, other[i]);
		assert_int_equal(r.tier, HR_TIER_EMERGENCY);
		if (!r.about_other)
			fail_msg("\"%s\" read as the writer's own emergency", other[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_true(strncmp(a.text, "Call 911", 8) == 0);
		assert_non_null(strstr(a.text, "Stay with them"));
		assert_null(strstr(a.text, "Sit up"));
		hr_answer_clear(&a);
	}
	for (size_t i = 0; i < sizeof(self) / sizeof(self[0]); i++) {
		struct hr_safety_result r = check(s, self[i]);
		assert_int_equal(r.tier, HR_TIER_EMERGENCY);
		if (r.about_other)
			fail_msg("\"%s\" read as someone else's emergency", self[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_null(strstr(a.text, "Stay with them"));
		hr_answer_clear(&a);
	}
}

/* A crisis with an emergency sign told too (an overdose already taken, a
 * wound that will not stop bleeding) leads with 911, the Lifeline after it;
 * a crisis without one keeps 988 first (fifteenth round). */
static void test_crisis_with_emergency(void **state)
{
	hr_safety *s = *state;
	static const char *const act[] = {
	    "took the whole bottle of my oxycodone about an hour ago, i just want it to be over",
	    "swallowed all of my sleeping tablets on purpose tonight because i want to die",
	    "i cut myself too deep on purpose and the bleeding wont stop, i dont want to live",
	    "my husband took all his morphine on purpose and he wants to die, he's so drowsy now",
	    "i want to end it, i've taken a load of my lorazepam 20 mins ago and feel groggy",
	    "ive overdosed and i dont want to be saved",
	    "i slashed my wrist and there's blood all over",
	    "i wanted it all to stop so i swallowed a bunch of my sleeping tablets"};
	static const char *const plan[] = {
	    "i want to die",
	    "i've been saving my sleeping pills to take them all at once one day",
	    "i keep thinking about taking all my pills so i don't wake up",
	    "my wife says she wants to die and has been hoarding her pain pills",
	    "some nights i pray i won't wake up",
	    "my dad keeps hoping he won't wake up one morning",
	    "i took an overdose years ago and the feelings are back"};
	for (size_t i = 0; i < sizeof(act) / sizeof(act[0]); i++) {
		struct hr_safety_result r = check(s, act[i]);
		assert_int_equal(r.tier, HR_TIER_CRISIS);
		if (!r.emergency_too)
			fail_msg("\"%s\": no emergency heard with the crisis", act[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_true(strncmp(a.text, "Call 911", 8) == 0);
		assert_non_null(strstr(a.text, "988"));
		assert_true(strncmp(a.speech, "Call nine one one", 17) == 0);
		hr_answer_clear(&a);
	}
	for (size_t i = 0; i < sizeof(plan) / sizeof(plan[0]); i++) {
		struct hr_safety_result r = check(s, plan[i]);
		assert_int_equal(r.tier, HR_TIER_CRISIS);
		if (r.emergency_too)
			fail_msg("\"%s\": an emergency heard in a crisis without one", plan[i]);
		struct hr_answer a = {0};
		assert_int_equal(hr_safety_reply(&r, &a), 0);
		assert_true(strncmp(a.text, "Please call or text 988", 23) == 0);
		hr_answer_clear(&a);
	}
}

static void test_crisis_speech_style(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "i dont want to live anymore", "theres no point going on",
	      "um i want to kill my self", "i really dont want to be here anymore",
	      "i dont want to be alive anymore", "i want to end my life");
}

static void test_crisis_negated_only_right_before(void **state)
{
	/* A negator right before the phrase cancels it ... */
	TIERS(*state, HR_TIER_NONE, "I'm not suicidal, just worn out by the nausea.",
	      "I really don't want to die, I want to beat this.", "I have no suicidal thoughts.");
	/* ... anything further away is treated as a crisis, the safe side. */
	TIERS(*state, HR_TIER_CRISIS, "No, I want to die.", "I'm not okay, I want to die.");
}

static void test_crisis_not_downgraded_by_question(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "Does Herceptin cause suicidal thoughts?",
	      "What should I do if I want to kill myself?", "Is there a suicide hotline?");
}

static void test_crisis_lookalikes_are_not_crisis(void **state)
{
	TIERS(*state, HR_TIER_NONE, "I feel so alone and scared", "The chemo is killing me",
	      "I'm dying to know if Enhertu works", "I want to take my life back from cancer",
	      "What does end of life care mean?", "Am I going to die?");
}

static void test_crisis_outranks_everything(void **state)
{
	rule_is(*state, "I want to die, my chest hurts and I have a fever", HR_TIER_CRISIS, "crisis");
}

/* ------------------------------------------------------------------------- */
/* Emergency. */

static void test_emergency_chest(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "I have crushing pain in my chest", "My chest feels tight and heavy",
	      "I'm having chest pain right now on Herceptin", "my mom has chest pressure",
	      "uh my chest really hurts", "I think I'm having a heart attack", "chest pain",
	      "Why do I have chest pain?", "Should I go to the ER for chest pain?");
	rule_is(*state, "my chest hurts", HR_TIER_EMERGENCY, "chest_pain");
}

static void test_emergency_breathing(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "I can't breathe", "cant breath", "She is struggling to breathe",
	      "I can barely breathe even sitting", "It's hard to breathe", "I'm gasping for air");
	rule_is(*state, "I'm short of breath even at rest", HR_TIER_EMERGENCY, "breath_at_rest");
}

static void test_emergency_fainting_and_allergy(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "I fainted this morning after my infusion", "My husband passed out",
	      "I feel like I'm going to faint", "hey so my wife just collapsed",
	      "My throat is closing up during the infusion",
	      "Her lips are swelling and she has hives all over", "My tongue feels swollen",
	      "I'm having an allergic reaction",
	      "my lips feel tingly and swollen during the herceptin infusion");
	rule_is(*state, "my throat feels tight", HR_TIER_EMERGENCY, "allergic_swelling");
}

static void test_emergency_neuro(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "Worst headache of my life", "I have a sudden severe headache",
	      "My dad is confused and doesn't know where he is", "My wife suddenly seems very confused",
	      "She had a seizure", "My face is drooping on one side", "Sudden weakness in my left arm",
	      "my right arm went numb suddenly", "I suddenly can't see out of one eye",
	      "My vision went blurry all of a sudden", "I'm slurring my words", "her speech is slurred");
}

static void test_emergency_blood(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "I'm coughing up blood", "There is blood when I cough",
	      "I threw up some blood", "I'm bleeding and it won't stop");
	rule_is(*state, "coughing up blood", HR_TIER_EMERGENCY, "blood_cough_vomit");
}

/* ------------------------------------------------------------------------- */
/* Call now. */

static void test_call_now_fever_numbers(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "I've got a fever of 101 since my chemo", "My temperature is 38.5",
	      "temp 100.8 on Kadcyla", "My temp is 101.5°F and I had chemo Tuesday", "fever 102",
	      "My temperature went up to 39", "I'm running 100.6 today",
	      "i have a temperature of a hundred and one", "my temperature is thirty eight point five",
	      "I'm not sure if I have a fever, it's 100.9");
	rule_is(*state, "temperature 38.2 C", HR_TIER_CALL_NOW, "fever_number");
	rule_is(*state, "my temperature is 38.5", HR_TIER_CALL_NOW, "fever_temperature");
}

static void test_call_now_fever_words(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "Running a fever since last night on chemo", "fever",
	      "I have a high temperature after chemo", "I've got chills and I'm on Taxol", "shaking chills",
	      "im freezing and shaking and just had my infusion",
	      "My mom has a fever of 101 and she's on Kadcyla", "no fever but I have chills on chemo");
	rule_is(*state, "i have the chills", HR_TIER_CALL_NOW, "chills");
}

static void test_fever_below_threshold_is_not_alert(void **state)
{
	TIERS(*state, HR_TIER_NONE, "I have a fever of 99.5", "My temperature is 98.6", "temperature 37.2",
	      "my temp was 99 this morning", "Hay fever is making me sneeze",
	      "I need the yellow fever vaccine, can I get it on Herceptin?");
}

static void test_call_now_lung_needs_tdxd(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "I'm on Enhertu and I've developed a dry cough",
	      "new cough on in her two", "i been coughing a lot since my last in her two infusion",
	      "I'm on Enhertu and getting short of breath on the stairs",
	      "having trouble catching my breath on T-DXd");
	rule_is(*state, "I've got a cough since my last Enhertu dose", HR_TIER_CALL_NOW, "lung_tdxd");
	/* A cough alone, with no trastuzumab deruxtecan, is not a call. */
	TIERS(*state, HR_TIER_NONE, "I have a cough", "I've had a cough on Herceptin");
}

static void test_call_now_heart(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "My ankles are swollen since starting Herceptin",
	      "swelling in my legs on per jetta", "my feet and ankles are really puffy on herceptin",
	      "I gained five pounds in three days on Herceptin", "I've put on 4 pounds since yesterday",
	      "I can't lie flat without getting short of breath", "My heart is racing on Kadcyla",
	      "my heart feels like its racing", "I have palpitations on her set in",
	      "my heart rate is 120 on perjeta");
	rule_is(*state, "my heart keeps skipping beats", HR_TIER_CALL_NOW, "heart_racing");
}

static void test_call_now_gut(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "diarrhea 9 times so far today on nerlynx",
	      "diarrhoea 10 times today", "ive had the runs 7 times", "Severe diarrhea on Xeloda",
	      "explosive diarrhea all night on neratinib", "I have diarrhea and I feel dizzy",
	      "Diarrhea and I can't keep fluids down", "The diarrhea won't stop even with Imodium",
	      "I've been throwing up all day and can't keep anything down");
	rule_is(*state, "diarrhea six times since this morning on tucatinib", HR_TIER_CALL_NOW,
	        "diarrhea_frequent");
	rule_is(*state, "diarrhea and i'm really lightheaded", HR_TIER_CALL_NOW, "diarrhea_with_signs");
}

static void test_mild_diarrhea_is_not_alert(void **state)
{
	TIERS(*state, HR_TIER_NONE, "I have diarrhea on neratinib", "diarrhea 2 times today",
	      "I have diarrhea but no fever and I'm drinking fine", "Is diarrhea common on neratinib?",
	      "How can I prevent diarrhea on neratinib?");
}

static void test_call_now_liver_clot_pregnancy(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "My eyes look yellow", "My skin is turning yellow on Tukysa",
	      "my pee is really dark on nerlynx", "my urine looks like tea",
	      "My left calf is swollen and painful on tamoxifen",
	      "My leg is swollen and hurts, I take tamoxifen",
	      "I just found out I'm pregnant and I'm on Herceptin", "I'm pregnant and on chemo",
	      "I think I might be pregnant on herceptin");
	rule_is(*state, "the whites of my eyes are yellow", HR_TIER_CALL_NOW, "jaundice");
	rule_is(*state, "my right calf is red and hot", HR_TIER_CALL_NOW, "leg_clot");
	rule_is(*state, "I'm 8 weeks pregnant and on Phesgo", HR_TIER_CALL_NOW, "pregnancy");
}

static void test_pregnancy_needs_treatment_and_a_report(void **state)
{
	TIERS(*state, HR_TIER_NONE, "I'm pregnant", "Can I get pregnant while on Herceptin?",
	      "What if I'm pregnant and need Herceptin?", "I am not pregnant, I'm on Herceptin");
}

/* ------------------------------------------------------------------------- */
/* The dev rows and how tiers combine. */

/* Which rule fires, for one plain message of each kind (the names are
 * what the log and the tests see). */
static void test_rule_names(void **state)
{
	rule_is(*state, "on enhertu with a fresh cough and now i can't breathe properly", HR_TIER_EMERGENCY,
	        "breathing");
	rule_is(*state, "she has a fever since her last chemo", HR_TIER_CALL_NOW, "fever");
	rule_is(*state, "my chest is tight and my feet are swollen on herceptin", HR_TIER_EMERGENCY,
	        "chest_pain");
	rule_is(*state, "loose stools 7 times since breakfast on tukysa", HR_TIER_CALL_NOW,
	        "diarrhea_frequent");
	rule_is(*state, "i want to end my life", HR_TIER_CRISIS, "crisis");
	rule_is(*state, "i just don't want to go on living", HR_TIER_CRISIS, "crisis_hopeless");
	rule_is(*state, "i feel like a burden to my kids", HR_TIER_CRISIS, "crisis_burden");
	rule_is(*state, "i want to fall asleep and not wake up", HR_TIER_CRISIS, "crisis_sleep");
	rule_is(*state, "i've been stashing my oxycodone", HR_TIER_CRISIS, "crisis_means");
	rule_is(*state, "i cut myself on purpose", HR_TIER_CRISIS, "crisis_self_harm");
	rule_is(*state, "he's giving away all his stuff", HR_TIER_CRISIS, "crisis_goodbye");
}

static void test_highest_tier_wins(void **state)
{
	/* Heart swelling is call-now, chest pain emergency: the emergency wins. */
	rule_is(*state, "my ankles are swollen and now my chest hurts", HR_TIER_EMERGENCY, "chest_pain");
	/* A fever during treatment and fainting. */
	rule_is(*state, "I have a fever and I fainted", HR_TIER_EMERGENCY, "fainting");
}

/* ------------------------------------------------------------------------- */
/* Negation. */

static void test_negation(void **state)
{
	TIERS(*state, HR_TIER_NONE, "no fever, just tired",
	      "I'm not short of breath, I just want to know about Enhertu's lung side effects",
	      "I don't have chest pain", "Without fever, but very tired", "I've been tired without fever",
	      "I don't have a fever or chills", "No chest pain, no shortness of breath, just nausea",
	      "I haven't had any diarrhea", "She denies chest pain", "I never fainted",
	      "I have had no fever since starting Kadcyla", "I don't think I have a fever");
}

static void test_negation_stays_in_its_clause(void **state)
{
	/* "but" starts a new clause: the chest pain is not negated. */
	TIERS(*state, HR_TIER_EMERGENCY, "I have no fever but I have chest pain",
	      "I don't think it's serious but I have chest pain");
	TIERS(*state, HR_TIER_CALL_NOW, "no fever but I have chills on chemo");
}

static void test_history_is_not_alert(void **state)
{
	TIERS(*state, HR_TIER_NONE, "My mom had a heart attack years ago, does that matter for Herceptin?",
	      "My dad died of a heart attack");
}

static void test_past_fever_that_is_over_is_not_alert(void **state)
{
	TIERS(*state, HR_TIER_NONE, "fever last week but gone", "I had a fever last week but it's gone now",
	      "I had a fever a few days ago on chemo but it went away",
	      "had chills last week after my infusion, all better now",
	      "I had a fever of 101 two weeks ago but it's gone",
	      "I had a fever last week and it hasn't come back");
	/* Not over, back again, recent, or happening now: still a call. */
	TIERS(*state, HR_TIER_CALL_NOW, "I had a fever last week and it didn't go away",
	      "I had a fever last week and it's back again",
	      "fever last week, gone now but it came back today", "I have had a fever since last week",
	      "I had a fever last night but it's gone now", "fever last week and I still have it",
	      "I've had a fever for the last week",
	      "I had a fever yesterday and it went away but I feel awful",
	      "I had a fever last week and now it's 101");
	/* Only fevers: other call-now signs are not softened. */
	TIERS(*state, HR_TIER_CALL_NOW, "I'm on Enhertu and I've had a cough since last week, it's not gone");
}

/* ------------------------------------------------------------------------- */
/* Warning-sign and general questions are not alerts. */

static void test_warning_sign_questions_are_not_alerts(void **state)
{
	TIERS(*state, HR_TIER_NONE, "What heart symptoms should I watch for on Herceptin?",
	      "What are the signs of lung inflammation on enhertu",
	      "When should I call my doctor about a fever", "Can herceptin cause chest pain?",
	      "Is chest pain a side effect of Herceptin?", "What temperature counts as a fever on chemo?",
	      "How do I know if I have a fever?", "What should I do if I get a fever during chemo?",
	      "Does Enhertu cause a cough?", "What are the symptoms of a blood clot on tamoxifen?",
	      "What does dark urine mean on Kadcyla?", "Can Kadcyla cause jaundice?",
	      "Is it normal to have swollen ankles on Herceptin?", "What is an infusion reaction?",
	      "What are the warning signs of heart failure on Herceptin?",
	      "Is shortness of breath a sign of lung problems on Enhertu?",
	      "How common is chest pain on Herceptin?", "The nurse said to watch for fever",
	      "I'm worried about getting a fever on chemo", "herceptin chest pain",
	      "I'm on Enhertu, what should I do if I develop a cough?");
}

static void test_everyday_phrases_are_not_alerts(void **state)
{
	TIERS(*state, HR_TIER_NONE, "I'm confused about my HER2 results", "I'm confused, is IHC 2+ positive?",
	      "This isn't making sense to me", "What does faint staining mean on my report?",
	      "My report says faint staining, is that HER2-ultralow?", "numbness in my fingers from taxol",
	      "I can't sleep on my back after surgery", "My chest is sore after my mastectomy",
	      "I'm having a hard time talking to my kids about cancer", "I can't wait to finish chemo",
	      "My oncologist says my heart is fine");
}

/* Everyday questions about the disease, the drugs and daily life. */
static void test_ordinary_questions_are_not_alerts(void **state)
{
	TIERS(*state, HR_TIER_NONE, "what is her2", "what do the her2 test scores mean",
	      "explain her2-low to me", "can her2 change over time", "tell me about trastuzumab",
	      "how do they give herceptin", "what's enhertu for",
	      "what usually comes after thp if it progresses", "how many months is herceptin given",
	      "list the side effects of perjeta", "is the heart affected by herceptin",
	      "side effects of t-dxd", "what does nerlynx do to you", "tukysa side effects",
	      "chemo side effects", "tips for feeling sick after chemo",
	      "does chemo always make your hair fall out", "can taxol cause tingling in my feet",
	      "dealing with tiredness on treatment", "what are the survival numbers for her2 disease",
	      "can her2 positive cancer be cured", "what are the first signs of breast cancer",
	      "does her2 cancer go to the brain", "i feel lonely and frightened",
	      "who can i phone for support", "should i quit my herceptin",
	      "how many mg of tucatinib do i take", "is it going to rain", "hi there",
	      "in her two side effects", "hercepton info please", "um what does her two mean");
}

/* ------------------------------------------------------------------------- */
/* Concepts (core/engine/safety.rules): each rule and the near-misses it must leave
 * alone. */

static void test_concept_chest_told_any_way(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "feels like a car is parked on my chest",
	      "a band squeezing round her chest", "my chest is in a vise", "he's clutching his chest",
	      "pressure behind the breastbone", "the center of my chest is aching",
	      "pain going from my chest into my jaw", "chest pressure spreading down my left arm",
	      "my heart feels like it's being crushed");
	TIERS(*state, HR_TIER_NONE, "my chest is sore after the mastectomy", "heavy heart today",
	      "a lot of pressure at work", "my chest is flat after surgery",
	      "he nearly had a heart attack at the price", "you gave me a heart attack");
}

static void test_concept_breathless_too_bad_to_talk(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "so short of breath i can't talk", "too winded to finish a sentence",
	      "breathless just sitting", "she can't say a whole sentence", "fighting for breath",
	      "his lips are going grey", "breathing really fast and shallow");
	/* Breathless but able to talk: the care team now, not 911. */
	rule_is(*state, "i've been short of breath for two days on herceptin", HR_TIER_CALL_NOW,
	        "short_of_breath");
	TIERS(*state, HR_TIER_NONE, "out of breath after my run, normal?",
	      "i get winded climbing the stairs, always have", "i love my breathing exercises");
}

static void test_concept_stroke_signs(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "her smile is lopsided", "his face dropped on one side",
	      "my arm went numb all of a sudden", "suddenly my left leg won't move",
	      "she can't raise both arms", "her words are coming out wrong",
	      "he can't understand what we're saying", "i suddenly can't keep my balance");
	/* Weak or numb without a sudden onset is not a stroke sign. */
	TIERS(*state, HR_TIER_NONE, "my arm feels heavy since the lymph nodes came out",
	      "numb toes from taxol", "i'm having a stroke of luck",
	      "how do i tell if someone is having a stroke");
}

static void test_concept_infusion_reaction(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "itchy and flushed during my infusion",
	      "wheezing after the herceptin", "hives ten minutes into my perjeta",
	      "my tongue feels thick since the shot",
	      "they just gave me the taxol and my face went red and hot",
	      "i think i'm having a reaction to the infusion");
	/* The same signs with no infusion or injection are not this rule. */
	TIERS(*state, HR_TIER_NONE, "itchy skin on tamoxifen", "hot flushes at night",
	      "dry itchy skin during my infusion", "my face is flushed from the sun",
	      "are hives a sign of a reaction to herceptin");
}

static void test_concept_unrousable_and_confused(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "i can't wake him", "she's very hard to wake",
	      "my mom won't open her eyes", "dad isn't responding to us", "she's acting really strange",
	      "he doesn't know who i am", "my wife is seeing things that aren't there",
	      "grandma is drowsy and mixed up", "we can't keep her awake");
	TIERS(*state, HR_TIER_NONE, "the clinic isn't responding to my calls",
	      "my mom says this doesn't make sense", "my husband is forgetful lately",
	      "i'm confused about my scan report", "he sleeps a lot after chemo");
}

static void test_concept_headache_with_brain_metastases(void **state)
{
	rule_is(*state, "headache worse each day and vomiting, it has spread to her brain", HR_TIER_EMERGENCY,
	        "headache_brain");
	TIERS(*state, HR_TIER_NONE, "i have a headache and brain mets, what helps",
	      "headache and threw up once after chemo", "no vomiting but a headache, i have brain lesions");
}

static void test_concept_crisis_indirect(void **state)
{
	rule_is(*state, "i can't take this anymore", HR_TIER_CRISIS, "crisis_cant_cope");
	rule_is(*state, "they'd be better off without me", HR_TIER_CRISIS, "crisis_burden");
	rule_is(*state, "i hope i don't wake up", HR_TIER_CRISIS, "crisis_sleep");
	rule_is(*state, "how much morphine would be too much to wake up from", HR_TIER_CRISIS,
	        "crisis_means");
	rule_is(*state, "i burned myself on purpose", HR_TIER_CRISIS, "crisis_self_harm");
	rule_is(*state, "she's saying goodbye to everyone", HR_TIER_CRISIS, "crisis_goodbye");
	TIERS(*state, HR_TIER_CRISIS, "sucidal", "i want to kil myself", "kms", "i feel so hopeless",
	      "there is no way out", "i'm done with everything", "i've got pills saved up",
	      "i might just end it");
	TIERS(*state, HR_TIER_NONE, "i can't take the nausea anymore", "i'm done with chemo in may",
	      "i feel like a burden asking for lifts", "i feel trapped at home",
	      "tired of living out of a bag", "i hurt myself lifting boxes",
	      "how do i exercise without hurting myself", "end it with my boyfriend?",
	      "i don't want to wake up early tomorrow", "i don't want to be here all day",
	      "want to start pilates but scared i might hurt myself",
	      "worried i'll somehow hurt myself lifting weights");
	/* Afraid of hurting oneself, with no activity in sight, is a crisis. */
	rule_is(*state, "i'm scared i might hurt myself tonight", HR_TIER_CRISIS, "crisis_self_harm_maybe");
}

static void test_concept_call_now_signs(void **state)
{
	rule_is(*state, "my port site is red and oozing", HR_TIER_CALL_NOW, "infection_site");
	rule_is(*state, "it stings when i pee and i'm on chemo", HR_TIER_CALL_NOW, "urine_infection");
	rule_is(*state, "bruises everywhere for no reason", HR_TIER_CALL_NOW, "bruising_bleeding");
	rule_is(*state, "my skin is blistering", HR_TIER_CALL_NOW, "skin_blisters");
	rule_is(*state, "vomiting and so dizzy", HR_TIER_CALL_NOW, "vomiting_with_signs");
	rule_is(*state, "i'm on herceptin and the pregnancy test was positive", HR_TIER_CALL_NOW,
	        "pregnancy");
	rule_is(*state, "on kadcyla, could i be pregnant? the test came back positive", HR_TIER_CALL_NOW,
	        "pregnancy_test");
	TIERS(*state, HR_TIER_NONE, "it stings when i pee", "my blood test was fine",
	      "vomited once, feel ok now", "my injection site is a bit sore",
	      "the test was positive for her2");
}

/* ------------------------------------------------------------------------- */
/* How a match is judged. */

static void test_conditions_futures_and_might_have_beens(void **state)
{
	TIERS(*state, HR_TIER_NONE, "in case i faint who do i call", "suppose she gets chest pain",
	      "if my mom passes out what should we do", "i'll probably have a reaction to the first dose",
	      "i could have fainted when i saw it", "when i get a fever what should i do");
	/* A condition that is happening now, and an uncertain report, still alert. */
	TIERS(*state, HR_TIER_EMERGENCY, "what do i do if i'm having chest pain right now",
	      "i don't know if i'm having a stroke", "not sure if i'm having a heart attack");
}

static void test_nobody_and_prepositions(void **state)
{
	TIERS(*state, HR_TIER_NONE, "no one in my family has had a blood clot", "nobody here has a fever",
	      "none of us have had chest pain");
	TIERS(*state, HR_TIER_CALL_NOW, "in my house everyone is fine but i have a fever");
}

static void test_history_clauses(void **state)
{
	TIERS(*state, HR_TIER_NONE, "last year i had a blood clot in my leg",
	      "i used to get chest pain before my diagnosis", "we lost my dad to a heart attack",
	      "back in 2015 i had a seizure", "when i was a kid i fainted a lot");
	/* Now, today or again brings it back. */
	TIERS(*state, HR_TIER_CALL_NOW, "last year i had a clot and now my calf is swollen again");
}

static void test_subject_on_a_drug(void **state)
{
	TIERS(*state, HR_TIER_CALL_NOW, "hubby on enhertu coughing more",
	      "mum taking enhertu short of breath");
	/* A drug right before the symptom, with no one on it, is a search. */
	TIERS(*state, HR_TIER_NONE, "enhertu cough", "herceptin chest pain");
}

static void test_crisis_denials_and_topics(void **state)
{
	TIERS(*state, HR_TIER_NONE, "i don't feel suicidal", "no thoughts of suicide",
	      "i'm not thinking of hurting myself", "what are the warning signs of suicide",
	      "what do i say to someone who wants to die", "how can i tell if my husband is suicidal",
	      "suicide rates in cancer patients", "signs that someone is thinking about suicide");
	TIERS(*state, HR_TIER_CRISIS, "no, i'm thinking about killing myself",
	      "what should i do if i want to kill myself", "i don't know if i want to live",
	      "is there a suicide hotline", "my friend says she wants to end her life");
}

static void test_quieting_contexts(void **state)
{
	TIERS(*state, HR_TIER_NONE, "it's cold in the infusion room and i'm shivering",
	      "i was out of breath after the gym", "my heart is racing with excitement, scans clear");
	TIERS(*state, HR_TIER_CALL_NOW, "shivering and shaking since my infusion",
	      "my heart is racing on herceptin");
}

static void test_spelling(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "sucide", "suicde", "i want to kil my self");
	TIERS(*state, HR_TIER_EMERGENCY, "chst pain", "my chest pian", "cofing up blood", "she fanted",
	      "i cant breath");
	TIERS(*state, HR_TIER_CALL_NOW, "feevr 101.2", "i have a fevr");
	/* Real words one slip from a target are left as they are. */
	TIERS(*state, HR_TIER_NONE, "fewer side effects on phesgo", "i never had a fever", "my chess club",
	      "painting the kitchen", "heard about enhertu", "i want to dye my hair");
}

/* ------------------------------------------------------------------------- */
/* Concepts of the second round (a fresh portion in other voices). Each test
 * pins a concept with alerts told in new words and the near-misses that share
 * its words. */

static void test_concept_crisis_euphemisms(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "i've been thinking about checking out early",
	      "she keeps talking about ending things", "i feel like ending it",
	      "scared i'll do something stupid to myself tonight", "i wish i could disappear for good",
	      "i want out of everything", "it would be a relief to not exist",
	      "i don't care anymore whether i live or die", "been googling ways to end my life",
	      "is there a painless way to die", "i just wanna dye", "i'd rather not be alive",
	      "life isn't worth it any more", "i've had enough of living", "i want to finish my life");
	TIERS(*state, HR_TIER_NONE, "i'm checking out of the hospital tomorrow",
	      "thinking about checking out the new support group",
	      "she's talking about ending things with her boyfriend", "i want to dye my hair purple",
	      "i'd rather not be here all day for the scan", "i want out of this trial",
	      "i wish the cancer would disappear forever", "i don't care if i lose my hair",
	      "i googled how to flush a picc line", "what's the easiest way to go to the cancer centre",
	      "i have had enough of the nausea", "i want to die at home when the time comes",
	      "i'd rather die at home than in hospital");
}

static void test_concept_crisis_burden_and_others_better_off(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "my family would be better off, i'm just a drain",
	      "the kids would be better off with the life insurance",
	      "they'd all be happier off if i wasn't here",
	      "it would be easier for everyone if i just disappeared",
	      "i'd be doing them a favour if i was gone", "i'm dragging the whole family down",
	      "i'm a waste of space");
	TIERS(*state, HR_TIER_NONE, "everyone would be better off knowing the signs of infection",
	      "you'd be better off asking your nurse", "my kids are better off at their dad's this week",
	      "my husband would be better off without the stress of driving me");
}

static void test_concept_crisis_means_and_plans(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "i keep thinking about taking all my morphine at once",
	      "i've thought about taking all my oxycodone",
	      "what if i swallowed the whole bottle of sleeping pills",
	      "there's a gun in the drawer and i can't stop thinking about using it", "i bought a noose",
	      "i went up to the roof and thought about jumping", "she found me with a handful of pills",
	      "i've been thinking about driving into a tree", "would that be enough to not wake up");
	TIERS(*state, HR_TIER_NONE, "can i take all my pills together in the morning",
	      "i'm thinking about taking all my vitamins at once",
	      "i put the cream on, would that do the trick",
	      "i've been saving my pills for my holiday so i don't run out",
	      "she's saving her pain meds for the bad days", "i nearly drove off the road i was so tired",
	      "i stood on the bridge and watched the boats");
}

static void test_concept_crisis_sleep_self_harm_goodbye(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "every night i hope this is the one i don't wake up from",
	      "i wish i'd never wake up", "i scratch my arms till they bleed, it's the only way i can cope",
	      "burned myself with a cigarette last night on purpose",
	      "my dad has given his watch and books away",
	      "i've written notes to everyone in case i'm not here after tonight");
	TIERS(*state, HR_TIER_NONE, "i hope i don't wake up with a headache again",
	      "i scratch my arms until they bleed, the itch from the xeloda is awful",
	      "i hurt myself moving furniture",
	      "i'm writing letters to my kids for when i'm not here any more",
	      "i'm giving my old clothes away, nothing fits after chemo");
}

static void test_crisis_long_past_and_over(void **state)
{
	TIERS(*state, HR_TIER_NONE, "i was suicidal as a teenager but i'm in a good place now",
	      "i tried to kill myself years ago, i'm doing much better now");
	TIERS(*state, HR_TIER_CRISIS, "i was suicidal years ago and it's coming back",
	      "i tried to kill myself years ago and i'm scared of feeling like that");
}

static void test_crisis_topics_second_round(void **state)
{
	TIERS(*state, HR_TIER_NONE, "how do i talk to my son about suicide",
	      "she lost her brother to suicide", "my uncle died by suicide, does that change my risk",
	      "is suicide more common after a cancer diagnosis");
	/* Talking to help, or needing to talk: the person may be at risk. */
	TIERS(*state, HR_TIER_CRISIS, "i need to talk to someone about suicide",
	      "how do i talk to my doctor about suicide", "i need to talk to my husband about suicide");
}

static void test_concept_heart_attack_without_the_chest(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "my jaw and left arm ache and i've gone clammy",
	      "pain between my shoulder blades and i'm in a cold sweat",
	      "her jaw hurts and she's gone grey and sweaty");
	TIERS(*state, HR_TIER_NONE, "my jaw aches and the hot flushes make me sweaty on tamoxifen",
	      "my left arm aches since the lymph node surgery");
}

static void test_concept_emergency_other_words(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "he's gone blue around the lips",
	      "i have to stop after every few words to catch my breath", "her smile has gone all wonky",
	      "the left side of his mouth won't move", "the right side of my body has gone numb and heavy",
	      "suddenly everything went blurry and i can't walk properly",
	      "mum's arm keeps sagging down when she lifts it", "his words are all muddled",
	      "during the kadcyla drip my tongue feels too big",
	      "an hour into the infusion my voice went croaky", "she's talking to people who aren't there",
	      "he fell and didn't wake up for a minute",
	      "i felt woozy and the next thing i knew i was on the kitchen floor",
	      "i'm coughing and there's fresh blood in the sink",
	      "he brought up what looked like coffee grounds",
	      "my wound is bleeding and soaking through the dressings",
	      "she went stiff and then started twitching", "my husband is fitting", "i'm about to pass out",
	      "i nearly passed out in the shower");
	TIERS(*state, HR_TIER_NONE, "my nails have purple lines from the taxol",
	      "my mouth doesn't work properly since the dentist numbed it",
	      "i dozed off in the chair and the next thing i knew it was 5pm",
	      "i had a cough, my blood tests were fine", "the night sweats are soaking through my sheets",
	      "is my wig fitting right", "if i feel like i'm about to pass out what should i do",
	      "my voice is a bit off from the cold", "i almost fainted at my blood test but i was fine");
}

static void test_concept_call_now_other_words(void **state)
{
	TIERS(
	    *state, HR_TIER_CALL_NOW, "she's hot and shivery and it's 38.4",
	    "i was freezing and then i started shaking",
	    "my ticker keeps doing a fluttery thing on herceptin",
	    "heart thudding at 125 just sitting on phesgo", "the squits 8 times since breakfast on neratinib",
	    "my wee looks like cola on kadcyla", "my skin is looking kind of yellowy on tukysa",
	    "calf pain on tamoxifen, a cramp that won't settle and it's swollen",
	    "two lines on the test and i'm on enhertu", "i'm on herceptin and i'm expecting",
	    "it burns when i pee, i'm halfway through chemo", "nosebleeds that take ages to stop on kadcyla",
	    "the skin on my palms has started blistering on xeloda");
	TIERS(*state, HR_TIER_NONE, "my ca 15-3 was 38.5 last month",
	      "it was 38.5 degrees outside and i felt hot", "i'm cold and my hands are shaking",
	      "my ticker is fine, the echo was good", "my pulse is 130 when i run",
	      "my calf is sore after yoga", "my pee is dark in the morning if i don't drink enough",
	      "i'm not yellow or anything", "my covid test has two lines, i'm on chemo",
	      "she's expecting me to pick her up after her herceptin", "the port site is fine, no redness");
}

static void test_concept_slang_and_misspelt_drugs(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "she conked out in the hallway", "he hit the floor in the shower",
	      "dad's talking drivel and won't stay awake", "my wife suddenly couldn't grip her cup",
	      "an itchy red rash all over during the perjeta drip",
	      "the headache from her brain secondary is worse and she's being sick");
	TIERS(*state, HR_TIER_CALL_NOW, "on enhetu and my cough is worse",
	      "tamoxifin and my calf is swollen and red", "yellowness in her eyes on kadcila");
	TIERS(*state, HR_TIER_NONE, "a little rash where the tape was after the infusion",
	      "itchy under the dressing during my drip", "he's rambling on about the garden again");
}

static void test_concepts_fourth_round(void **state)
{
	TIERS(*state, HR_TIER_EMERGENCY, "a squeezing ache beneath my breastbone for half an hour",
	      "her breathing is really bad and she can't get to the toilet",
	      "the left half of his face is sliding down",
	      "my wife keeps trying to speak but only garbled words come out",
	      "i can't get any sense out of my dad",
	      "the neighbour found me on the kitchen floor, i don't remember falling", "blood in her sick",
	      "i'm scared i might be having a stroke");
	TIERS(*state, HR_TIER_CRISIS, "what's the point any more",
	      "i've been tucking aside some of my oxycodone", "she keeps cutting her wrists",
	      "i want to go to sleep for good", "i want to be with my wife who passed",
	      "i've written my will and said goodbye, i'm ready to go tonight");
	TIERS(*state, HR_TIER_CALL_NOW, "on t-dxd i can't climb the stairs without getting breathless",
	      "nerlynx diarrhoea and now she feels dizzy", "he's peeing blood");
	TIERS(*state, HR_TIER_NONE, "i'm afraid i might get a reaction to the perjeta",
	      "a bit breathless after vacuuming", "tamoxifen blood clot risk, should i worry",
	      "i want to see my daughter again, she lives abroad", "i put my tablets away in the cupboard",
	      "i've put some painkillers aside in case the pain gets bad", "i'm ready to go home tonight",
	      "i said my goodbyes to the nurses on my last day", "what's the point of the heart scans",
	      "i can't get through the day without a nap", "my face was melting in the heat",
	      "i can't get any sense out of the insurance company", "i cut my arm on the fence");
	DECISIONS(*state, HR_DECISION_DOSE,
	          "what's the right amount of tukysa for someone who weighs 60 kilos");
	DECISIONS(*state, HR_DECISION_PROGNOSIS, "how long has my dad got");
}

/* Reported by the clinical review: questions that got a deferral or an alert
 * they did not ask for. */
static void test_clinical_review_false_decisions(void **state)
{
	DECISIONS(*state, HR_DECISION_NONE, "how can i stop it coming back", "should i get a second opinion",
	          "how do i get more calories in when nothing tastes good",
	          "what anti nausea medicine can i take", "how much exercise should i do during treatment",
	          "how can we stop the cancer spreading");
	DECISIONS(*state, HR_DECISION_STOP, "can i stop it, the side effects are awful");
	DECISIONS(*state, HR_DECISION_CHOOSE, "which treatment should i choose",
	          "should i take the chemo or not");
	TIERS(*state, HR_TIER_NONE, "infusion reaction with tucatinib", "what is an infusion reaction");
	TIERS(*state, HR_TIER_EMERGENCY, "infusion reaction please help",
	      "i think i'm having an infusion reaction");
}

/* Found by the eighth patient probe: deferrals on questions that make no
 * personal decision (the doctor's choice, a count of doses, fertility
 * "chances", a stop that belongs to exercise, "in my position" asking for
 * support); the decisions they sit beside still defer. */
static void test_probe8_false_decisions(void **state)
{
	DECISIONS(*state, HR_DECISION_NONE, "why would my oncologist pick ogivri over herceptin",
	          "how many doses of kadcyla would i get after surgery",
	          "does tchp lower my chances of having a baby later",
	          "i lift weights and don't want to stop. will radiation make me tired",
	          "is there a group for partners in my position");
	DECISIONS(*state, HR_DECISION_CHOOSE, "should my mum choose kadcyla or enhertu",
	          "in my shoes what would you do", "can i do turmeric instead of chemo",
	          "should my oncologist choose enhertu or kadcyla for me",
	          "should my doctor switch me to kadcyla", "if you were in my position would you do chemo",
	          "in my position would you do the surgery first",
	          "should a woman in my position take herceptin for a full year");
	DECISIONS(*state, HR_DECISION_DOSE, "how many pills should i take");
	DECISIONS(*state, HR_DECISION_PROGNOSIS, "what are my chances of beating this");
	DECISIONS(*state, HR_DECISION_STOP, "i want to stop my chemo");
}

static void test_judging_second_round(void **state)
{
	/* What is feared is not happening. */
	TIERS(*state, HR_TIER_NONE, "my biggest fear is having a seizure at work",
	      "my worry is a blood clot on the plane");
	/* "not herself" closes its clause; what follows is judged on its own. */
	TIERS(*state, HR_TIER_EMERGENCY, "gran's not herself, seeing people who aren't there");
	/* Long ago, in a decade of life, at an age, or lost someone to it. */
	TIERS(*state, HR_TIER_NONE, "my mum had a stroke in her seventies", "i had a seizure when i was 20",
	      "we lost grandad to a blood clot", "i had a scare two months ago when my ankles swelled");
	/* ... but a sign that started long ago and goes on is not history. */
	TIERS(*state, HR_TIER_CALL_NOW, "my ankles started swelling two months ago on herceptin");
	/* A time just past is happening now. */
	TIERS(*state, HR_TIER_EMERGENCY,
	      "my dad's words went funny when he tried to talk, it started ten minutes ago");
}

static void test_decisions_second_round(void **state)
{
	DECISIONS(*state, HR_DECISION_DOSE, "what dose of kadcyla is right for my weight",
	          "i'm 55 kilos, how much herceptin do i need", "how many mg of xeloda for someone my size",
	          "how much tukysa should my mum take");
	DECISIONS(*state, HR_DECISION_STOP, "my husband wants to stop enhertu",
	          "i want to stop herceptin at six months because of my heart");
	/* The care team proposing it is not the writer deciding (review 2026-12-07). */
	DECISIONS(*state, HR_DECISION_NONE,
	          "my oncologist wants to stop trastuzumab early because of my echo",
	          "the team is thinking about stopping my herceptin at 6 months");
	DECISIONS(*state, HR_DECISION_CHOOSE, "which one would you go for, kadcyla or enhertu",
	          "would cannabis oil work instead of chemo", "should my wife have surgery first or chemo");
	DECISIONS(*state, HR_DECISION_PROGNOSIS, "will i see my kids grow up", "will i be here for christmas",
	          "will my mum make it to my wedding", "will i survive another year");
	DECISIONS(*state, HR_DECISION_NONE, "will i be here for my appointment on monday",
	          "will my mum make it to the pharmacy before it closes",
	          "how much water should i drink a day",
	          "i'm 60 kg and want to gain weight, what should i eat");
}

/* ------------------------------------------------------------------------- */
/* Decisions. */

static void test_decision_dose(void **state)
{
	DECISIONS(*state, HR_DECISION_DOSE, "What dose of tucatinib should I take?",
	          "How much neratinib should I take?", "How many tablets of Xeloda should I take?",
	          "Can my dose be lowered?", "I want to change my dose", "Can my dose of Kadcyla be lowered?",
	          "Could my Enhertu dose be reduced?", "Can the dose of Tukysa be cut for me?",
	          "Will I need a dose reduction on neratinib?", "Can I get a lower dose of Kadcyla?");
}

/* A missed, forgotten, doubled or extra dose: the answer says to call the
 * team or pharmacist today, and never what to take. */
static void test_decision_missed(void **state)
{
	DECISIONS(*state, HR_DECISION_MISSED, "I missed a dose of neratinib",
	          "I forgot to take my Tukysa this morning", "Can I double up on my dose tomorrow?",
	          "Should I take an extra pill?", "i took an extra tukysa by mistake",
	          "my mom took her tamoxifen twice today", "i threw up right after taking my tucatinib",
	          "missed my nerlynx last night", "should i take another dose");
}

static void test_decision_stop(void **state)
{
	DECISIONS(*state, HR_DECISION_STOP, "Should I stop taking my Herceptin?", "Can I skip a treatment?",
	          "can i skip my infusion next week", "I want to quit chemo", "quit chemo",
	          "Thinking about stopping Herceptin because of the side effects",
	          "Is it ok to take a break from chemo?", "What happens if I stop tamoxifen early?",
	          "Do I have to finish all the Herceptin?", "I don't want any more chemo");
}

static void test_decision_choose(void **state)
{
	DECISIONS(*state, HR_DECISION_CHOOSE, "Should I choose Enhertu or Kadcyla?",
	          "Which treatment should I pick?", "What treatment should I get?",
	          "Is Enhertu better for me?", "Should I get a mastectomy or a lumpectomy?",
	          "Should I join a clinical trial?", "What would you do if you were me?", "Do I need chemo?");
}

static void test_decision_prognosis(void **state)
{
	DECISIONS(*state, HR_DECISION_PROGNOSIS, "How long do I have?", "How long do I have to live?",
	          "Will I die from this?", "Am I going to survive?", "What are my chances?",
	          "What is my prognosis?", "Will my cancer come back?", "How long does my mom have left?");
}

static void test_general_questions_are_not_decisions(void **state)
{
	DECISIONS(*state, HR_DECISION_NONE, "What is the usual dose of Herceptin?", "How is Herceptin dosed?",
	          "How is trastuzumab given?", "How long do I take herceptin for?",
	          "How long do I have to take Herceptin?",
	          "What are the survival figures for HER2-positive cancer in general?",
	          "Is HER2-positive breast cancer curable?", "Will I lose my hair?",
	          "How do I stop diarrhea on neratinib?", "When does Herceptin treatment end?",
	          "What are the chances of side effects on Enhertu?", "Will I miss work during chemo?",
	          "Should I take tucatinib with food?", "Should I call my doctor or go to the ER?",
	          "What are biosimilars of trastuzumab?", "What is the starting dose of Kadcyla?",
	          "Why do doses of Enhertu depend on weight?");
}

/* Whether this person may take, start or combine a treatment or another
 * medicine, given their own health or other medicines: the oncology team
 * decides. Drugs and conditions herald has no words for count too. */
static void test_decision_take(void **state)
{
	DECISIONS(
	    *state, HR_DECISION_TAKE, "I have migraines, can I take Enhertu?",
	    "Can I take Enhertu if I have migraines?", "I have asthma. Is it OK to start Kadcyla?",
	    "Should I take Nerlynx if I have Crohn's disease?",
	    "Should I take Kadcyla if I have liver disease?", "Is it safe for me to take Herceptin?",
	    "Is it safe for me to take herceptin with my heart condition?",
	    "Is it safe for my mom to start tucatinib?", "I'm on warfarin, can I also take tucatinib?",
	    "I take metformin. Can I take Xeloda?", "I'm taking tamoxifen, can I still use CBD oil?",
	    "Can I take ibuprofen with Enhertu?", "Can I take Tylenol during chemo?",
	    "Can I take sumatriptan with Herceptin?", "My wife has kidney problems, can she take Phesgo?",
	    "Can my dad have Perjeta with his heart failure?", "I'm diabetic, can I take Tukysa?",
	    "Can I have Enhertu while breastfeeding?", "Is Enhertu safe for me?",
	    "Is tylenol ok with my chemo?", "Can I combine turmeric with Kadcyla?",
	    "I have lupus, should I get Herceptin?",
	    "can I keep taking my blood pressure pills with Herceptin",
	    "I'm on Herceptin, can I get a flu shot?", "is it safe to take ibuprofen while on enhertu",
	    "Can I take Herceptin if my heart is weak?",
	    "should i take margetuximab since i have a pacemaker",
	    "my husband is on lisinopril, can he start neratinib",
	    "can I take my antidepressants with tamoxifen",
	    "I was diagnosed with epilepsy, can I have T-DXd?", "is it ok if I take advil with my xeloda",
	    "Would it be safe for me to take melatonin on chemo?",
	    "Can I take herceptin given my heart problems?",
	    "I\xe2\x80\x99m on warfarin, can I also take Tukysa?", "IM ON WARFARIN CAN I TAKE TUKYSA",
	    /* Medicines herald has no name for. */
	    "can I take nurtec with enhertu", "I'm on enhertu, can I take nurtec",
	    "can I take ozempic if I'm on herceptin", "I have migraines, can I take nurtec?");
}

/* Questions about a drug itself, or about things that are not medicines, are
 * answered with facts and no deferral. */
static void test_general_drug_questions_are_not_take(void **state)
{
	DECISIONS(*state, HR_DECISION_NONE, "What is Enhertu?", "What are the side effects of Herceptin?",
	          "Can Herceptin cause migraines?", "Does Enhertu interact with other drugs?",
	          "Should I take tucatinib with food?", "Can I take Xeloda with food?",
	          "Can Herceptin and Perjeta be given together?", "How is Kadcyla given?",
	          "Can I drink alcohol on Herceptin?", "Can I get pregnant while on Herceptin?",
	          "Can I exercise during chemo?", "Can I work while on chemo?",
	          "Can I have sex during chemo?", "Is Enhertu safe?", "Is Herceptin safe during pregnancy?",
	          "Who can take Enhertu?", "Can people with heart disease take Herceptin?",
	          "Can I take Herceptin at home?", "Can I take a shower after my infusion?",
	          "Can I get a tattoo on herceptin?", "can I take the kids to chemo with me",
	          "can I take tucatinib on an empty stomach", "what drugs interact with tucatinib",
	          "is tucatinib taken with trastuzumab and capecitabine",
	          "can you take herceptin with perjeta", "what are the side effects of metformin",
	          "What should I do if I have a fever?", "I have a question about Enhertu",
	          "Can I take Enhertu? Can I take it at home?", "can I take a shower during chemo",
	          "can I take the bus to chemo", "can I take notes during my infusion",
	          "Can I take time off work during chemo?", "Can I take a walk after my infusion?",
	          "I have a port, can I take a bath?");
	/* A choice between treatments stays a choice. */
	DECISIONS(*state, HR_DECISION_CHOOSE, "Should I get Phesgo or Herceptin and Perjeta?",
	          "Should I take Enhertu or Kadcyla?");
}

static void test_decision_is_set_with_a_tier(void **state)
{
	struct hr_safety_result r = check(*state, "I missed a dose and now I have a fever of 101");
	assert_int_equal(r.tier, HR_TIER_CALL_NOW);
	assert_int_equal(r.decision, HR_DECISION_MISSED);
	r = check(*state, "Should I stop chemo? I don't want to live anymore");
	assert_int_equal(r.tier, HR_TIER_CRISIS);
	assert_int_equal(r.decision, HR_DECISION_STOP);
}

/* ------------------------------------------------------------------------- */
/* Replies. */

/* A reply's speech form must read well aloud: no URLs, brackets or symbols,
 * no digits, and HER2 spelled as it sounds. */
static void assert_speakable(const char *speech)
{
	assert_non_null(speech);
	assert_null(strstr(speech, "http"));
	assert_null(strchr(speech, '('));
	assert_null(strchr(speech, ')'));
	assert_null(strchr(speech, '%'));
	assert_null(strchr(speech, '/'));
	assert_null(strstr(speech, "HER2"));
	for (const char *p = speech; *p; p++)
		assert_false(isdigit((unsigned char)*p));
}

/* Checks what every safety reply has in common. */
static void assert_reply_shape(const struct hr_answer *a)
{
	assert_non_null(a->intent);
	assert_non_null(a->text);
	assert_non_null(strstr(a->text, "diagnose"));
	assert_speakable(a->speech);
	assert_true(a->nsources >= 1);
	for (size_t i = 0; i < a->nsources; i++) {
		assert_non_null(a->sources[i].title);
		assert_non_null(a->sources[i].publisher);
		assert_non_null(a->sources[i].url);
		assert_true(strncmp(a->sources[i].url, "https://", 8) == 0);
	}
	assert_true(a->nsuggestions >= 2 && a->nsuggestions <= 3);
}

static void answer_for(hr_safety *s, const char *text, struct hr_answer *a)
{
	struct hr_safety_result r = check(s, text);
	memset(a, 0, sizeof(*a));
	assert_int_equal(hr_safety_reply(&r, a), 0);
}

static void test_answer_crisis(void **state)
{
	struct hr_answer a;
	answer_for(*state, "I want to die", &a);
	assert_reply_shape(&a);
	assert_string_equal(a.intent, "safety.crisis");
	assert_int_equal(a.safety, HR_SAFETY_CRISIS);
	assert_string_equal(hr_safety_name(a.safety), "crisis");
	assert_string_equal(a.tier, "crisis");
	/* 988 comes first, in the first sentence, before the emergency number. */
	const char *p988 = strstr(a.text, "988"), *p911 = strstr(a.text, "911"), *dot = strchr(a.text, '.');
	assert_non_null(p988);
	assert_non_null(p911);
	assert_true(p988 < p911);
	assert_true(p988 < dot);
	assert_non_null(strstr(a.text, "Suicide and Crisis Lifeline"));
	assert_non_null(strstr(a.text, "call or text"));
	assert_non_null(strstr(a.speech, "nine eight eight"));
	assert_true(strstr(a.speech, "nine eight eight") < strstr(a.speech, "nine one one"));
	assert_string_equal(a.sources[0].url, "https://988lifeline.org/");
	hr_answer_clear(&a);
}

static void test_answer_emergency(void **state)
{
	struct hr_answer a;
	answer_for(*state, "my chest hurts", &a);
	assert_reply_shape(&a);
	assert_string_equal(a.intent, "safety.emergency");
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	assert_string_equal(hr_safety_name(a.safety), "urgent");
	assert_string_equal(a.tier, "emergency");
	assert_true(strncmp(a.text, "Call 911 or your local emergency number now.", 44) == 0);
	assert_true(strncmp(a.speech, "Call nine one one", 17) == 0);
	assert_non_null(strstr(a.text, "Chest pain"));
	hr_answer_clear(&a);
}

static void test_answer_call_now(void **state)
{
	struct hr_answer a;
	answer_for(*state, "I'm on Enhertu and I have a new cough", &a);
	assert_reply_shape(&a);
	assert_string_equal(a.intent, "safety.call_now");
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	assert_string_equal(a.tier, "call_now");
	assert_true(strncmp(a.text, "Call your oncology team's 24-hour line now.", 43) == 0);
	assert_non_null(strstr(a.text, "emergency department"));
	assert_non_null(strstr(a.text, "lung inflammation"));
	assert_non_null(strstr(a.speech, "twenty four hour"));
	hr_answer_clear(&a);
}

static void test_every_rule_group_has_a_good_reply(void **state)
{
	/* One message per rule, so every context sentence is checked. */
	static const char *const texts[] = {
	    "I want to die",
	    "chest pain",
	    "I can't breathe",
	    "I'm short of breath even at rest",
	    "I fainted",
	    "my throat is closing",
	    "worst headache of my life",
	    "she had a seizure",
	    "my speech is slurred",
	    "I'm coughing up blood",
	    "I need an ambulance",
	    "temperature 39",
	    "I have a fever",
	    "I have chills",
	    "new cough on Enhertu",
	    "my ankles are swollen",
	    "I'm short of breath",
	    "severe diarrhea",
	    "I can't keep anything down",
	    "my eyes are yellow",
	    "my left calf is swollen and painful",
	    "I'm pregnant and on Herceptin",
	};
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		struct hr_answer a;
		struct hr_safety_result r = check(*state, texts[i]);
		if (r.tier == HR_TIER_NONE)
			print_error("\"%s\" did not alert\n", texts[i]);
		assert_int_not_equal(r.tier, HR_TIER_NONE);
		answer_for(*state, texts[i], &a);
		assert_reply_shape(&a);
		assert_true(strstr(a.text, "911") != NULL || strstr(a.text, "988") != NULL);
		hr_answer_clear(&a);
	}
}

/* One word per tier everywhere: the wire's "tier", the log and the metrics. */
static void test_tier_names(void **state)
{
	(void)state;
	assert_string_equal(hr_tier_name(HR_TIER_EMERGENCY), "emergency");
	assert_string_equal(hr_tier_name(HR_TIER_CALL_NOW), "call_now");
	assert_string_equal(hr_tier_name(HR_TIER_CRISIS), "crisis");
	assert_null(hr_tier_name(HR_TIER_NONE));
	assert_null(hr_tier_name((enum hr_tier)42));
}

static void test_answer_needs_a_tier(void **state)
{
	(void)state;
	struct hr_safety_result r = {.tier = HR_TIER_NONE, .decision = HR_DECISION_DOSE};
	struct hr_answer a = {0};
	assert_int_equal(hr_safety_reply(&r, &a), -EINVAL);
	assert_null(a.text);
	/* An unknown rule name still gets the tier's reply. */
	struct hr_safety_result odd = {.tier = HR_TIER_CALL_NOW, .rule = "no_such_rule", .group = -1};
	assert_int_equal(hr_safety_reply(&odd, &a), 0);
	assert_reply_shape(&a);
	hr_answer_clear(&a);
}

/* ------------------------------------------------------------------------- */
/* Deferrals. */

static void test_deferral_texts(void **state)
{
	(void)state;
	for (enum hr_decision d = HR_DECISION_DOSE; d <= HR_DECISION_MISSED; d++) {
		const char *t = hr_safety_deferral_text(d);
		assert_non_null(t);
		assert_non_null(strstr(t, "care team"));
		assert_speakable(t);
	}
	assert_null(hr_safety_deferral_text(HR_DECISION_NONE));
}

static double fk_grade(const char *text);

/* A decision's answer opens with one line of empathy and the care team's
 * part, and the plugin's general facts follow (issue 16). */
static void test_defer_opens_with_empathy_and_the_care_team(void **state)
{
	struct hr_safety_result r = check(*state, "what dose of tucatinib should I take");
	assert_int_equal(r.decision, HR_DECISION_DOSE);
	struct hr_answer a = {0};
	assert_int_equal(hr_answer_set(&a.intent, "drug.dose"), 0);
	assert_int_equal(hr_answer_set(&a.text, "Tucatinib is a pill."), 0);
	assert_int_equal(hr_answer_set(&a.speech, "Tucatinib is a pill."), 0);
	assert_int_equal(hr_answer_add_suggestion(&a, "What is tucatinib?"), 0);

	assert_int_equal(hr_safety_defer(&r, &a), 0);
	const char *sentence = hr_safety_deferral_text(HR_DECISION_DOSE);
	/* One empathy sentence, then the care team, then the facts. */
	const char *care = strstr(a.text, sentence), *facts = strstr(a.text, "Tucatinib is a pill.");
	assert_non_null(care);
	assert_non_null(facts);
	assert_true(care < facts);
	const char *first_stop = strchr(a.text, '.');
	assert_true(first_stop < care);
	assert_string_equal(facts, "Tucatinib is a pill.");
	assert_non_null(strstr(a.speech, "care team"));
	assert_true(strstr(a.speech, "care team") < strstr(a.speech, "Tucatinib"));
	assert_true(a.nsuggestions >= 2 && a.nsuggestions <= 3);
	for (size_t i = 0; i < a.nsuggestions; i++)
		assert_string_not_equal(a.suggestions[i], "What is tucatinib?");
	assert_string_equal(a.suggestions[0], "What should I do if I miss a dose?");

	/* A second call does not repeat anything. */
	size_t len = strlen(a.text);
	assert_int_equal(hr_safety_defer(&r, &a), 0);
	assert_int_equal(strlen(a.text), len);
	hr_answer_clear(&a);
}

/* Every kind: empathy first, the care team's part, and never a dose, stop,
 * skip or swap told as advice. */
/* Swapping a treatment for something else: the deferral says that nothing
 * has been shown to replace cancer treatment, before the plugin's facts (which
 * may be about something else, such as interactions); a choice between two
 * treatments does not. */
static void test_defer_swap_says_nothing_replaces_treatment(void **state)
{
	static const char fact[] = "No herb, diet or supplement has been shown to replace cancer treatment.";
	struct hr_safety_result r = check(*state, "can i swap my chemo for turmeric");
	assert_int_equal(r.decision, HR_DECISION_CHOOSE);
	assert_true(r.swap);
	struct hr_answer a = {0};
	assert_int_equal(hr_answer_set(&a.intent, "life.interactions"), 0);
	assert_int_equal(hr_answer_set(&a.text, "Herbs can change how drugs work."), 0);
	assert_int_equal(hr_answer_set(&a.speech, "Herbs can change how drugs work."), 0);
	assert_int_equal(hr_safety_defer(&r, &a), 0);
	const char *care = strstr(a.text, hr_safety_deferral_text(HR_DECISION_CHOOSE));
	const char *swap = strstr(a.text, fact), *facts = strstr(a.text, "Herbs can change");
	assert_non_null(care);
	assert_non_null(swap);
	assert_non_null(facts);
	assert_true(care < swap && swap < facts);
	assert_non_null(strstr(a.speech, fact));
	size_t len = strlen(a.text);
	assert_int_equal(hr_safety_defer(&r, &a), 0);
	assert_int_equal(strlen(a.text), len);
	hr_answer_clear(&a);

	r = check(*state, "should i pick kadcyla or enhertu");
	assert_int_equal(r.decision, HR_DECISION_CHOOSE);
	assert_false(r.swap);
	assert_int_equal(hr_answer_set(&a.intent, "drug.compare"), 0);
	assert_int_equal(hr_answer_set(&a.text, "They are different drugs."), 0);
	assert_int_equal(hr_safety_defer(&r, &a), 0);
	assert_null(strstr(a.text, fact));
	hr_answer_clear(&a);
}

static void test_every_deferral_is_kind_and_gives_no_orders(void **state)
{
	static const char *const asks[] = {
	    "i missed a dose of nerlynx",        "should i stop herceptin",
	    "should i swap chemo for turmeric",  "how long do i have",
	    "can i take ibuprofen with enhertu",
	};
	static const char *const orders[] = {
	    "take two",     "take an extra",   "double",    "skip it",          "stop taking",
	    "you can stop", "you should stop", "switch to", "instead of chemo", "take half",
	    NULL,
	};
	for (size_t i = 0; i < ARRAY_SIZE(asks); i++) {
		struct hr_safety_result r = check(*state, asks[i]);
		assert_int_not_equal(r.decision, HR_DECISION_NONE);
		struct hr_answer a = {0};
		assert_int_equal(hr_answer_set(&a.intent, "safety.decision"), 0);
		assert_int_equal(hr_answer_set(&a.text, "placeholder"), 0);
		assert_int_equal(hr_answer_set(&a.speech, "placeholder"), 0);
		assert_int_equal(hr_safety_defer(&r, &a), 0);
		assert_null(strstr(a.text, "placeholder"));
		assert_non_null(strstr(a.text, "care team"));
		assert_true(strstr(a.text, "care team") > strchr(a.text, '.'));
		assert_speakable(a.speech);
		for (const char *const *o = orders; *o; o++) {
			char low[1024];
			size_t k;
			for (k = 0; a.text[k] && k + 1 < sizeof(low); k++)
				low[k] = (char)tolower((unsigned char)a.text[k]);
			low[k] = '\0';
			if (strstr(low, *o))
				print_error("\"%s\": the deferral says \"%s\"\n", asks[i], *o);
			assert_null(strstr(low, *o));
		}
		assert_true(fk_grade(a.text) <= 8.0);
		hr_answer_clear(&a);
	}
}

static void test_defer_edge_cases(void **state)
{
	struct hr_answer a = {0};
	/* No decision: nothing changes. */
	struct hr_safety_result none = check(*state, "what is herceptin");
	assert_int_equal(hr_safety_defer(&none, &a), 0);
	assert_null(a.text);
	assert_int_equal(a.nsuggestions, 0);
	/* An empty answer gets the whole deferral; a missing speech form stays missing. */
	struct hr_safety_result stop = check(*state, "should I stop taking my herceptin");
	assert_int_equal(stop.decision, HR_DECISION_STOP);
	assert_int_equal(hr_safety_defer(&stop, &a), 0);
	assert_non_null(strstr(a.text, hr_safety_deferral_text(HR_DECISION_STOP)));
	assert_null(a.speech);
	assert_int_equal(a.nsuggestions, 3);
	hr_answer_clear(&a);
}

/* ------------------------------------------------------------------------- */
/* Readability, privacy and robustness. */

/* A rough syllable count: groups of vowels, less a silent final e. */
static int syllables(const char *w, size_t n)
{
	int count = 0, in_vowel = 0;
	for (size_t i = 0; i < n; i++) {
		int v = strchr("aeiouyAEIOUY", w[i]) != NULL;
		if (v && !in_vowel)
			count++;
		in_vowel = v;
	}
	if (n > 2 && (w[n - 1] == 'e') && w[n - 2] != 'l' && w[n - 2] != 'e' && count > 1)
		count--;
	return count ? count : 1;
}

/* Flesch-Kincaid grade of TEXT, estimated. */
static double fk_grade(const char *text)
{
	int words = 0, sentences = 0, syl = 0;
	const char *p = text;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '\'' || *p == '-'))
			p++;
		words++;
		syl += syllables(start, (size_t)(p - start));
		if (*p == '.' || *p == '?' || *p == '!')
			sentences++;
	}
	if (sentences == 0)
		sentences = 1;
	return 0.39 * words / sentences + 11.8 * syl / words - 15.59;
}

static void test_replies_are_plain_language(void **state)
{
	static const char *const texts[] = {
	    "I want to die",
	    "chest pain",
	    "I have a fever",
	    "new cough on Enhertu",
	    "my ankles are swollen",
	    "severe diarrhea",
	    "my eyes are yellow",
	    "my left calf is swollen and painful",
	    "I'm pregnant and on Herceptin",
	    "I'm short of breath",
	    "worst headache of my life",
	};
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		struct hr_answer a;
		answer_for(*state, texts[i], &a);
		double g = fk_grade(a.text);
		if (g > 8.0)
			print_error("reply to \"%s\" has grade %.1f\n", texts[i], g);
		assert_true(g <= 8.0);
		hr_answer_clear(&a);
	}
	for (enum hr_decision d = HR_DECISION_DOSE; d <= HR_DECISION_MISSED; d++)
		assert_true(fk_grade(hr_safety_deferral_text(d)) <= 8.0);
}

static int log_lines;
static int log_leaked;

static void log_sink(enum hr_log_level level, const char *line, void *ud)
{
	(void)level;
	log_lines++;
	if (strstr(line, (const char *)ud))
		log_leaked = 1;
}

static void test_logs_no_user_text(void **state)
{
	hr_log_set_sink(log_sink, (void *)"secret");
	log_lines = log_leaked = 0;
	check(*state, "secret: I want to die");
	check(*state, "secret: my chest hurts");
	check(*state, "secret: what dose should I take");
	hr_log_set_sink(NULL, NULL);
	assert_false(log_leaked);
	assert_int_equal(log_lines, 0);
}

static void test_empty_null_and_long_input(void **state)
{
	hr_safety *s = *state;
	struct hr_safety_result r;
	hr_safety_check(s, "", &r);
	assert_int_equal(r.tier, HR_TIER_NONE);
	assert_int_equal(r.decision, HR_DECISION_NONE);
	assert_null(r.rule);
	hr_safety_check(s, NULL, &r);
	assert_int_equal(r.tier, HR_TIER_NONE);
	hr_safety_free(NULL);

	/* Many negated triggers, then a real one at the very end. */
	size_t n = 20000;
	const char *chunk = "no fever ";
	char *big = malloc(n * strlen(chunk) + 32);
	assert_non_null(big);
	big[0] = '\0';
	char *p = big;
	for (size_t i = 0; i < n; i++)
		p = stpcpy(p, chunk);
	hr_safety_check(s, big, &r);
	assert_int_equal(r.tier, HR_TIER_NONE);
	strcpy(p, "i want to die");
	hr_safety_check(s, big, &r);
	assert_int_equal(r.tier, HR_TIER_CRISIS);

	/* A kilobyte of a decision's first half, then its second. */
	p = big;
	for (size_t i = 0; i < 140; i++)
		p = stpcpy(p, "i have ");
	strcpy(p, "can i take herceptin");
	r = check_both(s, big);
	assert_int_equal(r.decision, HR_DECISION_TAKE);
	free(big);
}

static void test_instances_are_independent(void **state)
{
	(void)state;
	hr_safety *a = NULL, *b = NULL;
	assert_int_equal(hr_safety_new(&a), 0);
	assert_int_equal(hr_safety_new(&b), 0);
	struct hr_safety_result ra, rb;
	hr_safety_check(a, "i have chest pain", &ra);
	hr_safety_check(b, "what is herceptin", &rb);
	assert_int_equal(ra.tier, HR_TIER_EMERGENCY);
	assert_int_equal(rb.tier, HR_TIER_NONE);
	/* They share one prefilter: freeing one leaves the other working. */
	hr_safety_free(a);
	hr_safety_check(b, "i have chest pain", &rb);
	assert_int_equal(rb.tier, HR_TIER_EMERGENCY);
	hr_safety_free(b);
}

/* Instances made and freed on several threads at once (as the workers do)
 * build one prefilter, share it, and free it with the last one. */
static void *make_and_check(void *arg)
{
	int *ok = arg;
	for (int i = 0; i < 5; i++) {
		hr_safety *s = NULL;
		if (hr_safety_new(&s) != 0)
			return NULL;
		struct hr_safety_result r;
		hr_safety_check(s, "i want to die", &r);
		*ok += r.tier == HR_TIER_CRISIS;
		hr_safety_check(s, "what is herceptin", &r);
		*ok += r.tier == HR_TIER_NONE;
		hr_safety_free(s);
	}
	return NULL;
}

static void test_instances_on_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	int ok[4] = {0};
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, make_and_check, &ok[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(ok[i], 10);
	}
}

/* ------------------------------------------------------------------------- */
/* The prefilter changes nothing. */

/* The prefilter does skip work: otherwise the comparisons below prove nothing. */
static void test_prefilter_skips_rules_that_cannot_match(void **state)
{
	hr_safety *s = *state;
	struct hr_safety_result r;
	hr_safety_check(s, "what is herceptin", &r);
	unsigned filtered = hr_safety_matches_run(s);
	hr_safety_check(every, "what is herceptin", &r);
	unsigned all = hr_safety_matches_run(every);
	assert_true(filtered < all / 4);
	/* Non-ASCII text is not analysed: every rule runs, and the rules written
	 * in other scripts (flag non_ascii), which English text never runs, too. */
	hr_safety_check(s, "what is herceptin \xc3\xa9", &r);
	assert_true(hr_safety_matches_run(s) > all);
	/* And turning it back on works. */
	hr_safety_set_prefilter(every, 1);
	hr_safety_check(every, "what is herceptin", &r);
	assert_int_equal(hr_safety_matches_run(every), filtered);
	hr_safety_set_prefilter(every, 0);
}

/* A long rule the prefilter lets few lines of through runs only those lines
 * (rule_next): the same matches as the whole rule, the leftmost first, the
 * earlier line on a tie, each judged as before. */
static void test_rule_lines_run_alone(void **state)
{
	hr_safety *s = *state;
	static const char *const calm[] = {
	    "chemo small her2 tumor",
	    "chemo small her2 tumor tell me about herceptin",
	    "we will beat the tumor together",
	    "how do i beat the cancer",
	    "the nurse said to save it for later",
	};
	for (size_t i = 0; i < ARRAY_SIZE(calm); i++) {
		struct hr_safety_result r = check(s, calm[i]);
		if (r.tier != HR_TIER_NONE)
			print_error("\"%s\": %s\n", calm[i], rule_name(&r));
		assert_int_equal(r.tier, HR_TIER_NONE);
	}
	static const char *const crisis[] = {
	    "if the cancer doesn't get me i'll beat the cancer to it",
	    "small tumor or not i'll save the cancer the trouble",
	    "i'll beat the cancer to it because i want to die",
	    "i want to die and i'll beat the cancer to it",
	    "what if i just save it the trouble",
	};
	for (size_t i = 0; i < ARRAY_SIZE(crisis); i++) {
		struct hr_safety_result r = check(s, crisis[i]);
		if (r.tier != HR_TIER_CRISIS)
			print_error("\"%s\": %s\n", crisis[i], rule_name(&r));
		assert_int_equal(r.tier, HR_TIER_CRISIS);
	}
}

/*
 * The ways people write the alerts that the rules (or normalisation) already
 * handle must still alert with the prefilter: capitals, curly and missing
 * apostrophes, emoji and accents (non-ASCII), speech-recogniser forms and the
 * misspellings the rules spell out.
 */
static void test_prefilter_keeps_every_tier(void **state)
{
	TIERS(*state, HR_TIER_CRISIS, "I DON'T WANT TO LIVE ANYMORE",
	      "I don\xe2\x80\x99t want to live anymore", "i dont want to live anymore",
	      "Im thinking about KILLING MYSELF", "I want to die \xf0\x9f\x98\xa2",
	      "Ca suffit, je n'en peux plus. I want to die", "whats the point of living", "SUICIDAL",
	      "I've been self-harming again", "I wish I were dead",
	      "I\xe2\x80\x99"
	      "d rather be dead");
	TIERS(*state, HR_TIER_EMERGENCY, "MY CHEST HURTS", "I can\xe2\x80\x99t breathe", "I cant breathe",
	      "she's unresponsive", "my lips are swelling during my infusi\xc3\xb3n", "Having a SEIZURE",
	      "I'm coughing up blood", "my face is drooping \xf0\x9f\x98\x9f");
	TIERS(*state, HR_TIER_CALL_NOW,
	      "I have a fever of 101\xc2\xb0"
	      "F after chemo",
	      "FEVER OF 101 AFTER CHEMO", "diarrea 8 times today on neratinib", "diahrrea with a fever",
	      "severe diarhea on nerlynx", "I\xe2\x80\x99m on Enhurtu and I\xe2\x80\x99ve got a new cough",
	      "im on in her two and coughing a lot", "I'm pregnant and on Herceptin",
	      "Im pregnant and on herceptin", "temp 38.5c on chemo", "my ankles are SWOLLEN on herceptin",
	      "my eyes look yellow on kadcyla");
}

/* Reads the questions in the file at PATH: the text after PREFIX on lines that
 * start with it (after indentation), the third field of a corpus line when
 * PREFIX is a tab, or with PREFIX NULL every line that is not blank or a
 * comment. Calls FN on each; returns how many, or -1 when the
 * file cannot be read. */
static long each_question(const char *path, const char *prefix, void (*fn)(hr_safety *, const char *),
                          hr_safety *s)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[4096];
	long n = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		const char *q = line + strspn(line, " \t");
		if (prefix && strcmp(prefix, "\t") == 0) {
			/* A corpus line: EXPECT<TAB>CATEGORY<TAB>TEXT. */
			const char *t = line[0] == '#' ? NULL : strchr(line, '\t');
			t = t ? strchr(t + 1, '\t') : NULL;
			if (!t)
				continue;
			q = t + 1;
		} else if (prefix) {
			if (strncmp(q, prefix, strlen(prefix)) != 0)
				continue;
			q += strlen(prefix);
			q += strspn(q, " \t");
		} else if (*q == '#') {
			continue;
		}
		if (!*q)
			continue;
		fn(s, q);
		n++;
	}
	fclose(f);
	return n;
}

/* Runs each_question on every file of DIR that ends in SUFFIX. */
static long each_question_in(const char *dir, const char *suffix, const char *prefix,
                             void (*fn)(hr_safety *, const char *), hr_safety *s)
{
	char **names;
	size_t nn;
	if (hr_dir_list(dir, suffix, &names, &nn) != 0)
		return -1;
	long total = 0;
	for (size_t i = 0; i < nn; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		long n = each_question(path, prefix, fn, s);
		assert_true(n >= 0);
		total += n;
	}
	hr_dir_list_free(names, nn);
	return total;
}

static unsigned long variants_checked, variants_alerting, contexts_found;

/* Whether each context occurs in TEXT, asked of every context (a check asks
 * only those its rules need): a long context the prefilter lets few
 * alternatives of through runs only those (has_ctx_at), and must find what
 * the whole context finds. */
static void compare_contexts(hr_safety *s, const char *text)
{
	uint64_t got[8], want[8];
	size_t n = hr_safety_contexts(s, NULL, NULL, 0);
	assert_true(n <= 64 * ARRAY_SIZE(got));
	hr_safety_contexts(s, text, got, ARRAY_SIZE(got));
	hr_safety_contexts(every, text, want, ARRAY_SIZE(want));
	for (size_t k = 0; k < n; k++) {
		int g = (int)(got[k / 64] >> (k % 64)) & 1, w = (int)(want[k / 64] >> (k % 64)) & 1;
		if (g != w)
			print_error("\"%s\": context %zu found %d prefiltered, %d whole\n", text, k, g, w);
		assert_int_equal(g, w);
		contexts_found += (unsigned long)g;
	}
}

static void compare(hr_safety *s, const char *text)
{
	struct hr_safety_result r = check_both(s, text);
	compare_contexts(s, text);
	variants_checked++;
	variants_alerting += r.tier != HR_TIER_NONE;
}

/* A small fixed pseudo-random sequence, so that every run checks the same typos. */
static unsigned long lcg = 12345;

static size_t pick(size_t n)
{
	lcg = lcg * 6364136223846793005UL + 1442695040888963407UL;
	return n ? (size_t)(lcg >> 33) % n : 0;
}

/*
 * Compares both ways on TEXT and on variants of it: as typed and normalised;
 * in capitals; without apostrophes and with curly ones; with a letter
 * dropped, doubled or swapped (typos); and inside sentences that add the
 * context some rules need (a drug, a report, something happening now, a
 * negation, a question frame).
 */
static void compare_variants(hr_safety *s, const char *text)
{
	static const char *const frames[][2] = {
	    {"i'm on enhertu and ", ""},
	    {"", " since yesterday"},
	    {"no ", " but i am fine"},
	    {"what if ", ""},
	    {"my mom has ", " right now"},
	    {"", " please help"},
	    {"i had ", " last week but it's gone"},
	};
	char buf[4096], norm[4096];
	size_t len = strlen(text);
	if (len > 1000)
		return;
	compare(s, text);
	if (hr_text_normalize(text, len, norm, sizeof(norm)) < 0)
		return;
	compare(s, norm);
	size_t nl = strlen(norm);

	for (size_t i = 0; i <= len; i++)
		buf[i] = (char)toupper((unsigned char)text[i]);
	compare(s, buf);
	size_t o = 0;
	for (size_t i = 0; i < nl; i++) {
		if (norm[i] != '\'')
			buf[o++] = norm[i];
	}
	buf[o] = '\0';
	compare(s, buf);
	o = 0;
	for (size_t i = 0; i < len && o + 4 < sizeof(buf); i++) {
		if (text[i] == '\'') {
			memcpy(buf + o, "\xe2\x80\x99", 3);
			o += 3;
		} else {
			buf[o++] = text[i];
		}
	}
	buf[o] = '\0';
	compare(s, buf);

	for (int k = 0; k < 3 && nl > 2; k++) {
		size_t at = pick(nl - 1);
		memcpy(buf, norm, nl + 1);
		if (k == 0) {
			memmove(buf + at, buf + at + 1, nl - at); /* dropped */
		} else if (k == 1) {
			memmove(buf + at + 1, buf + at, nl - at + 1); /* doubled */
		} else {
			char c = buf[at]; /* swapped */
			buf[at] = buf[at + 1];
			buf[at + 1] = c;
		}
		compare(s, buf);
	}
	for (size_t f = 0; f < ARRAY_SIZE(frames); f++) {
		snprintf(buf, sizeof(buf), "%s%s%s", frames[f][0], norm, frames[f][1]);
		compare(s, buf);
	}
}

/* Every question the project knows gives the same result both ways. */
static void test_prefilter_agrees_on_every_known_question(void **state)
{
	hr_safety *s = *state;
	struct {
		const char *dir, *suffix, *prefix; /* no suffix: DIR is one file */
		long min;                          /* so that a moved file cannot make this test pass empty */
	} sets[] = {
	    {HERALD_TEST_DATA "/safety/corpus", ".tsv", "\t", 1000},
	    {HERALD_SOURCE_DIR "/bench/questions.txt", NULL, NULL, 100},
	    {HERALD_TEST_DATA "/intents", ".intents", "example:", 5},
	    {HERALD_TEST_DATA "/voice/intents", ".intents", "example:", 1},
	    {HERALD_TEST_DATA "/voice/plugins", ".tests", "ask:", 1},
	    {HERALD_SOURCE_DIR "/intents", ".intents", "example:", 500},
	    {HERALD_SOURCE_DIR "/plugins", ".tests", "ask:", 300},
	};
	variants_checked = variants_alerting = contexts_found = 0;
	for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
		const char *dir = sets[i].dir, *sfx = sets[i].suffix, *pre = sets[i].prefix;
		long n = sfx ? each_question_in(dir, sfx, pre, compare_variants, s)
		             : each_question(dir, pre, compare_variants, s);
		if (n < sets[i].min)
			print_error("%s %s: %ld questions, expected at least %ld\n", sets[i].dir,
			            sets[i].suffix ? sets[i].suffix : "", n, sets[i].min);
		assert_true(n >= sets[i].min);
	}
	print_message("prefiltered and unfiltered agree on %lu texts (%lu of them alerts), and on "
	              "whether each context occurs (%lu found)\n",
	              variants_checked, variants_alerting, contexts_found);
	/* Alerts among them, so the comparison covers the rules firing too. */
	assert_true(variants_alerting > 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crisis_typed),
	    cmocka_unit_test(test_crisis_speech_style),
	    cmocka_unit_test(test_crisis_negated_only_right_before),
	    cmocka_unit_test(test_crisis_not_downgraded_by_question),
	    cmocka_unit_test(test_crisis_lookalikes_are_not_crisis),
	    cmocka_unit_test(test_crisis_outranks_everything),
	    cmocka_unit_test(test_emergency_chest),
	    cmocka_unit_test(test_emergency_breathing),
	    cmocka_unit_test(test_emergency_fainting_and_allergy),
	    cmocka_unit_test(test_emergency_neuro),
	    cmocka_unit_test(test_emergency_blood),
	    cmocka_unit_test(test_call_now_fever_numbers),
	    cmocka_unit_test(test_call_now_fever_words),
	    cmocka_unit_test(test_fever_below_threshold_is_not_alert),
	    cmocka_unit_test(test_past_fever_that_is_over_is_not_alert),
	    cmocka_unit_test(test_call_now_lung_needs_tdxd),
	    cmocka_unit_test(test_call_now_heart),
	    cmocka_unit_test(test_call_now_gut),
	    cmocka_unit_test(test_mild_diarrhea_is_not_alert),
	    cmocka_unit_test(test_call_now_liver_clot_pregnancy),
	    cmocka_unit_test(test_pregnancy_needs_treatment_and_a_report),
	    cmocka_unit_test(test_rule_names),
	    cmocka_unit_test(test_highest_tier_wins),
	    cmocka_unit_test(test_negation),
	    cmocka_unit_test(test_negation_stays_in_its_clause),
	    cmocka_unit_test(test_history_is_not_alert),
	    cmocka_unit_test(test_warning_sign_questions_are_not_alerts),
	    cmocka_unit_test(test_everyday_phrases_are_not_alerts),
	    cmocka_unit_test(test_ordinary_questions_are_not_alerts),
	    cmocka_unit_test(test_concept_chest_told_any_way),
	    cmocka_unit_test(test_concept_breathless_too_bad_to_talk),
	    cmocka_unit_test(test_concept_stroke_signs),
	    cmocka_unit_test(test_concept_infusion_reaction),
	    cmocka_unit_test(test_concept_unrousable_and_confused),
	    cmocka_unit_test(test_concept_headache_with_brain_metastases),
	    cmocka_unit_test(test_concept_crisis_indirect),
	    cmocka_unit_test(test_concept_call_now_signs),
	    cmocka_unit_test(test_conditions_futures_and_might_have_beens),
	    cmocka_unit_test(test_nobody_and_prepositions),
	    cmocka_unit_test(test_history_clauses),
	    cmocka_unit_test(test_subject_on_a_drug),
	    cmocka_unit_test(test_crisis_denials_and_topics),
	    cmocka_unit_test(test_quieting_contexts),
	    cmocka_unit_test(test_spelling),
	    cmocka_unit_test(test_concept_crisis_euphemisms),
	    cmocka_unit_test(test_concept_crisis_burden_and_others_better_off),
	    cmocka_unit_test(test_concept_crisis_means_and_plans),
	    cmocka_unit_test(test_concept_crisis_sleep_self_harm_goodbye),
	    cmocka_unit_test(test_crisis_long_past_and_over),
	    cmocka_unit_test(test_crisis_topics_second_round),
	    cmocka_unit_test(test_concept_heart_attack_without_the_chest),
	    cmocka_unit_test(test_concept_emergency_other_words),
	    cmocka_unit_test(test_concept_call_now_other_words),
	    cmocka_unit_test(test_concept_slang_and_misspelt_drugs),
	    cmocka_unit_test(test_concepts_fourth_round),
	    cmocka_unit_test(test_clinical_review_false_decisions),
	    cmocka_unit_test(test_probe8_false_decisions),
	    cmocka_unit_test(test_judging_second_round),
	    cmocka_unit_test(test_decisions_second_round),
	    cmocka_unit_test(test_decision_dose),
	    cmocka_unit_test(test_decision_missed),
	    cmocka_unit_test(test_decision_stop),
	    cmocka_unit_test(test_decision_choose),
	    cmocka_unit_test(test_decision_prognosis),
	    cmocka_unit_test(test_decision_take),
	    cmocka_unit_test(test_general_drug_questions_are_not_take),
	    cmocka_unit_test(test_general_questions_are_not_decisions),
	    cmocka_unit_test(test_decision_is_set_with_a_tier),
	    cmocka_unit_test(test_answer_crisis),
	    cmocka_unit_test(test_answer_emergency),
	    cmocka_unit_test(test_answer_call_now),
	    cmocka_unit_test(test_every_rule_group_has_a_good_reply),
	    cmocka_unit_test(test_tier_names),
	    cmocka_unit_test(test_answer_needs_a_tier),
	    cmocka_unit_test(test_deferral_texts),
	    cmocka_unit_test(test_defer_opens_with_empathy_and_the_care_team),
	    cmocka_unit_test(test_defer_swap_says_nothing_replaces_treatment),
	    cmocka_unit_test(test_every_deferral_is_kind_and_gives_no_orders),
	    cmocka_unit_test(test_defer_edge_cases),
	    cmocka_unit_test(test_replies_are_plain_language),
	    cmocka_unit_test(test_logs_no_user_text),
	    cmocka_unit_test(test_empty_null_and_long_input),
	    cmocka_unit_test(test_instances_are_independent),
	    cmocka_unit_test(test_instances_on_threads),
	    cmocka_unit_test(test_crisis_about_someone_else),
	    cmocka_unit_test(test_crisis_with_emergency),
	    cmocka_unit_test(test_emergency_about_someone_else),
	    cmocka_unit_test(test_prefilter_skips_rules_that_cannot_match),
	    cmocka_unit_test(test_rule_lines_run_alone),
	    cmocka_unit_test(test_prefilter_keeps_every_tier),
	    cmocka_unit_test(test_prefilter_agrees_on_every_known_question),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
