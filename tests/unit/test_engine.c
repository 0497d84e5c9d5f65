/* Unit tests of core/engine/engine.c: the whole path without a network, on the
 * fixtures in tests/data: follow-ups, fallback, safety first, failures. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirlist.h"
#include "engine.h"
#include "engine_int.h"
#include "log.h"

struct fixture {
	struct hr_config cfg;
	struct hr_content content;
	hr_engine *engine;
};

static int setup(void **state)
{
	static struct fixture f;
	hr_log_set_level(HR_LOG_ERR);
	hr_config_defaults(&f.cfg);
	snprintf(f.cfg.intents_dir, sizeof(f.cfg.intents_dir), "%s/intents", HERALD_TEST_DATA);
	snprintf(f.cfg.plugins_dir, sizeof(f.cfg.plugins_dir), "%s/plugins", HERALD_TEST_DATA);
	snprintf(f.cfg.lua_dir, sizeof(f.cfg.lua_dir), "%s/lua", HERALD_SOURCE_DIR);
	hr_config_resolve(&f.cfg);
	if (hr_content_load(&f.cfg, hr_diag_stderr, NULL, &f.content))
		return -1;
	if (hr_engine_new(&f.content, &f.engine))
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	hr_engine_free(f->engine);
	hr_content_free(&f->content);
	return 0;
}

static void ask(struct fixture *f, struct hr_convo *c, const char *q, struct hr_answer *a)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(hr_engine_ask(f->engine, c, q, strlen(q), a, NULL), 0);
}

static void test_follow_up_uses_context(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	/* Without a drug in the conversation, the general intent answers. */
	ask(f, &c, "what side effects are there", &a);
	assert_string_equal(a.intent, "sample.general_side_effects");
	hr_answer_clear(&a);
	ask(f, &c, "what is Hercepton?", &a);
	assert_string_equal(a.intent, "sample.about");
	assert_string_equal(a.text, "About trastuzumab.");
	hr_answer_clear(&a);
	/* Now "its side effects" means Herceptin's. */
	ask(f, &c, "and its side effects?", &a);
	assert_string_equal(a.intent, "sample.side_effects");
	assert_string_equal(a.text, "Side effects of trastuzumab.");
	hr_answer_clear(&a);
	assert_string_equal(c.previous, "sample.side_effects");
	/* The same card again, word for word, is said as a repeat, the whole
	 * card after the lead, not the card said silently again. */
	ask(f, &c, "what about its side effects?", &a);
	assert_string_equal(a.intent, "sample.side_effects");
	assert_string_equal(a.text,
	                    "My last answer covers this, so here it is again. Side effects of trastuzumab.");
	hr_answer_clear(&a);
}

/* A follow-up that would get the card again word for word and asks for it
 * in other words gets something else (engine.c, said_again): the topic's
 * plain restatement when a plugin has one, else an honest line with the
 * card's sources; never the same text twice in a row. */
static void test_repeat_asked_again(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "what is Hercepton?", &a);
	hr_answer_clear(&a);
	ask(f, &c, "and its side effects?", &a);
	assert_string_equal(a.text, "Side effects of trastuzumab.");
	hr_answer_clear(&a);
	/* More, with nothing named, and no next detail: the honest line. */
	ask(f, &c, "what else about its side effects?", &a);
	assert_string_equal(a.intent, "sample.side_effects");
	assert_non_null(strstr(a.text, "That is what I know on this"));
	assert_null(strstr(a.text, "Side effects of trastuzumab."));
	assert_true(a.nsources >= 2); /* the card's, and what to ask the team */
	hr_answer_clear(&a);

	struct hr_convo c2 = {0};
	ask(f, &c2, "what is Hercepton?", &a);
	hr_answer_clear(&a);
	ask(f, &c2, "and its side effects?", &a);
	hr_answer_clear(&a);
	/* Plainer words asked for: the restatement, under the topic's intent. */
	ask(f, &c2, "sorry, i don't understand its side effects", &a);
	assert_string_equal(a.intent, "sample.side_effects");
	assert_string_equal(a.text, "In short: what trastuzumab can do to you.");
	hr_answer_clear(&a);
}

static void test_fallback(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "what's the weather tomorrow", &a);
	assert_string_equal(a.intent, "fallback");
	assert_true(a.nsuggestions >= 2);
	hr_answer_clear(&a);
}

static void test_plugin_failure_is_contained(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "explode now", &a);
	assert_string_equal(a.intent, "sample.boom");
	assert_non_null(strstr(a.text, "couldn't answer"));
	hr_answer_clear(&a);
	ask(f, &c, "run forever", &a);
	assert_non_null(strstr(a.text, "couldn't answer"));
	hr_answer_clear(&a);
	/* Everyone else is still served. */
	ask(f, &c, "hello", &a);
	assert_string_equal(a.text, "Hello there.");
	hr_answer_clear(&a);
}

static void test_safety_comes_first(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "I want to die", &a);
	assert_int_equal(a.safety, HR_SAFETY_CRISIS);
	assert_non_null(strstr(a.text, "988"));
	hr_answer_clear(&a);
	ask(f, &c, "I have chest pain and can't breathe", &a);
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	hr_answer_clear(&a);
}

/* The safety layer reads a whole long message, although matching reads only
 * its first kilobyte: an emergency at the end of a long letter is heard. */
static void test_safety_reads_the_whole_message(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	char letter[3000];
	size_t n = 0;
	while (n + 80 < 2400)
		n += (size_t)snprintf(letter + n, sizeof(letter) - n,
		                      "The infusions have gone fine and I am managing. ");
	snprintf(letter + n, sizeof(letter) - n,
	         "But tonight my chest feels crushed and my left arm is numb.");
	ask(f, &c, letter, &a);
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	assert_string_equal(a.tier, "emergency");
	hr_answer_clear(&a);
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a = {0};
	assert_int_equal(hr_engine_ask(f->engine, &c, "\xff\xfe", 2, &a, NULL), -EINVAL);
	/* A very long question with no sentence in it is answered, from its last kilobyte. */
	char big[5000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ask(f, &c, big, &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
}

/* ---- on the bundled content: focus, clarify, two parts ---- */

static int setup_bundled(void **state)
{
	static struct fixture f;
	hr_log_set_level(HR_LOG_ERR);
	hr_config_defaults(&f.cfg);
	snprintf(f.cfg.intents_dir, sizeof(f.cfg.intents_dir), "%s/intents", HERALD_SOURCE_DIR);
	snprintf(f.cfg.plugins_dir, sizeof(f.cfg.plugins_dir), "%s/plugins", HERALD_SOURCE_DIR);
	snprintf(f.cfg.lua_dir, sizeof(f.cfg.lua_dir), "%s/lua", HERALD_SOURCE_DIR);
	f.cfg.intents_jit = 0; /* faster to load, same answers */
	hr_config_resolve(&f.cfg);
	if (hr_content_load(&f.cfg, hr_diag_stderr, NULL, &f.content))
		return -1;
	if (hr_engine_new(&f.content, &f.engine))
		return -1;
	*state = &f;
	return 0;
}

static void test_focus_on_the_question(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	/* The story mentions hair loss and tiredness; the question is about the report. */
	const char *story =
	    "My sister started chemo last month. Her hair is falling out and she is exhausted. "
	    "Today we finally got the pathology report from her biopsy. "
	    "The report says HER2 3+ and ER negative. What does that mean?";
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, story, strlen(story), &a, t), 0);
	assert_string_equal(a.intent, "testing.ihc_score");
	assert_int_equal(t->nsentences, 5);
	assert_int_equal(t->focus, 4);
	assert_true(t->sentences[4].asks);
	assert_false(t->sentences[0].asks);
	assert_true(a.nsources > 0);
	hr_answer_clear(&a);
	/* A plea closing the letter points to the question before it (probe 7). */
	const char *plea = "My mom starts Enhertu next week after Kadcyla stopped working. She is 71. "
	                   "What side effects should we watch for? Any advice would be appreciated. "
	                   "Thanks so much!";
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, plea, strlen(plea), &a, t), 0);
	assert_int_equal(t->focus, 2);
	assert_false(t->sentences[3].asks);
	assert_non_null(strstr(a.intent, "side_effects"));
	hr_answer_clear(&a);
	/* Only a plea asks: the sentence before it is the question. */
	const char *only = "My nails turned dark on Phesgo and two are lifting. Any advice?";
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, only, strlen(only), &a, t), 0);
	assert_int_equal(t->focus, 0);
	assert_string_equal(a.intent, "se.skin");
	hr_answer_clear(&a);
	/* A drug named in the story serves the question that follows it. */
	const char *told =
	    "My oncologist put me on Kadcyla after surgery. I start next week. How is it given?";
	ask(f, &c, told, &a);
	assert_string_equal(a.intent, "drug.given");
	assert_non_null(strstr(a.text, "Kadcyla"));
	hr_answer_clear(&a);
	free(t);
}

static void test_clarify_and_one_tap(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "is neratinib something you take for years", &a);
	assert_string_equal(a.intent, "clarify");
	assert_int_equal(a.kind, HR_KIND_CLARIFY);
	assert_true(a.nsuggestions >= 2);
	/* Every suggestion names the drug asked about, and one tap answers it. */
	for (size_t i = 0; i < a.nsuggestions; i++) {
		assert_non_null(strstr(a.suggestions[i], "neratinib"));
		struct hr_convo c2 = {0};
		struct hr_answer b;
		ask(f, &c2, a.suggestions[i], &b);
		assert_int_equal(b.kind, HR_KIND_ANSWER);
		assert_true(strncmp(b.intent, "drug.", 5) == 0);
		assert_non_null(strstr(b.text, "Nerlynx"));
		hr_answer_clear(&b);
	}
	hr_answer_clear(&a);
}

static void test_two_parts(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	const char *q = "how is herceptin given and for how long";
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, q, strlen(q), &a, t), 0);
	assert_int_equal(t->nparts, 2);
	assert_string_equal(t->parts[0].intent->name, "drug.given");
	assert_string_equal(t->parts[1].intent->name, "drug.duration");
	assert_string_equal(a.intent, "drug.given");
	assert_non_null(strstr(a.text, "\n\n")); /* both answers, one after the other */
	assert_true(a.nsources >= 1);
	hr_answer_clear(&a);
	/* "it" in the second clause is the first clause's drug. */
	q = "what is perjeta and why is it given with herceptin";
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, q, strlen(q), &a, t), 0);
	assert_int_equal(t->nparts, 2);
	assert_string_equal(t->parts[0].intent->name, "drug.about");
	assert_string_equal(t->parts[1].intent->name, "drug.used_for");
	for (size_t i = 0; i < t->parts[1].nslots; i++) {
		if (strcmp(t->parts[1].slots[i].name, "drug") == 0)
			assert_string_equal(t->parts[1].slots[i].value, "pertuzumab");
	}
	hr_answer_clear(&a);
	/* Two parts that write the same card (drug.side_effects_of and
	 * drug.side_effects: blind patient probe 16 got tucatinib's card twice):
	 * it is said once, and each suggestion once. */
	q = "what are the side effects of tucatinib? is tukysa toxic?";
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, q, strlen(q), &a, t), 0);
	assert_string_equal(a.intent, "drug.side_effects_of");
	assert_null(strstr(a.text, "\n\n"));
	for (size_t i = 0; i < a.nsuggestions; i++) {
		for (size_t k = i + 1; k < a.nsuggestions; k++)
			assert_string_not_equal(a.suggestions[i], a.suggestions[k]);
	}
	hr_answer_clear(&a);
	/* Two drugs side by side: both answered. */
	ask(f, &c, "side effects of kadcyla or enhertu", &a);
	assert_non_null(strstr(a.text, "Kadcyla"));
	assert_non_null(strstr(a.text, "Enhertu"));
	hr_answer_clear(&a);
	free(t);
}

static void test_small_talk_and_out_of_scope(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	ask(f, &c, "thanks that really cleared things up", &a);
	assert_string_equal(a.intent, "conversation.thanks");
	hr_answer_clear(&a);
	ask(f, &c, "am i talking to a real person", &a);
	assert_string_equal(a.intent, "conversation.human");
	hr_answer_clear(&a);
	/* Words the content does not use: the fallback, with its topics, not a guess. */
	ask(f, &c, "who won the football match", &a);
	assert_string_equal(a.intent, "fallback");
	assert_int_equal(a.kind, HR_KIND_FALLBACK);
	assert_true(a.nsuggestions >= 2);
	hr_answer_clear(&a);
}

static void test_long_message_safety_reads_all(void **state)
{
	struct fixture *f = *state;
	struct hr_convo c = {0};
	struct hr_answer a;
	/* 12 KB of story; the emergency is at the very start, the question at the end. */
	size_t n = 12 * 1024;
	char *big = malloc(n + 1);
	assert_non_null(big);
	const char *head = "I have crushing chest pain right now. ";
	const char *fill = "We went to the clinic again and waited a long time. ";
	const char *tail = "What is herceptin?";
	size_t o = strlen(head);
	memcpy(big, head, o);
	while (o + strlen(fill) + strlen(tail) < n) {
		memcpy(big + o, fill, strlen(fill));
		o += strlen(fill);
	}
	memcpy(big + o, tail, strlen(tail) + 1);
	ask(f, &c, big, &a);
	assert_int_equal(a.safety, HR_SAFETY_URGENT);
	hr_answer_clear(&a);
	/* Without the emergency, the question at the end is answered. */
	memcpy(big, "We have many questions ahead.         ", strlen(head));
	ask(f, &c, big, &a);
	assert_string_equal(a.intent, "drug.about");
	hr_answer_clear(&a);
	free(big);
}

/* Routes Q with a fresh conversation into T and returns the answer's intent
 * (the caller clears A). */
static const char *routed(struct fixture *f, const char *q, struct hr_trace *t, struct hr_answer *a)
{
	struct hr_convo c = {0};
	memset(a, 0, sizeof(*a));
	assert_int_equal(hr_engine_ask(f->engine, &c, q, strlen(q), a, t), 0);
	assert_non_null(t->rule);
	return a->intent;
}

/* A question that points back ("could the tablet be behind this?") says little
 * itself: the story weighs more, and carries the topic. */
static void test_story_carries_a_thin_question(void **state)
{
	struct fixture *f = *state;
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	const char *q =
	    "Three months ago I switched from herceptin to letrozole. My fingers and knees are stiff and "
	    "sore every morning now and my GP shrugged. Could the tablet be behind this?";
	assert_string_equal(routed(f, q, t, &a), "se.hormone");
	/* The story's latest drug is the current one: the answer is about letrozole. */
	assert_string_equal(t->parts[0].slots[0].value, "aromatase_inhibitor");
	assert_null(strstr(a.text, "Herceptin"));
	assert_true(t->thin);
	assert_true(t->ranked);
	assert_int_equal(t->focus, 2);
	assert_true(t->sentences[0].weight > 0.49f && t->sentences[0].weight < 0.51f);
	assert_true(t->sentences[1].weight > 0.69f && t->sentences[1].weight < 0.71f);
	hr_answer_clear(&a);
	/* A question that says enough itself keeps the story light. */
	q = "My mum finished chemo in May. What can help with her memory problems and brain fog after chemo?";
	assert_string_equal(routed(f, q, t, &a), "se.memory");
	assert_false(t->thin);
	assert_true(t->sentences[0].weight < 0.3f);
	hr_answer_clear(&a);
	/* An "it" that stands in for the rest of its sentence ("would it be
	 * silly to ...") points back to nothing: the question is not thin. */
	q = "The plan was made in one short visit. My brother keeps telling me to go elsewhere. Would it be "
	    "silly to book another oncologist for their view?";
	routed(f, q, t, &a);
	assert_false(t->thin);
	hr_answer_clear(&a);
	q = "The plan was made in one short visit. My brother keeps telling me to go elsewhere. Is it "
	    "normal?";
	routed(f, q, t, &a);
	assert_true(t->thin);
	hr_answer_clear(&a);
	/* "this numbness" names its topic: a demonstrative before a phrase the
	 * ranker knows does not point back. */
	q = "My dad finished his chemo a month ago and is back at work. How long does this numbness go "
	    "on?";
	routed(f, q, t, &a);
	assert_false(t->thin);
	hr_answer_clear(&a);
	/* "these" are the drugs of a regimen named in the story: the regimen's
	 * name holds the drug the answer is about. */
	/* The ranker reading the story does not overrule the question's present
	 * drug with one the story names as done with. */
	q = "had perjeta and herceptin before surgery, now starting kadcyla, what side effects should i "
	    "expect";
	assert_string_equal(routed(f, q, t, &a), "drug.side_effects_of");
	assert_string_equal(t->parts[0].slots[0].value, "t_dm1");
	hr_answer_clear(&a);
	q = "I was on herceptin and perjeta for a year. Then the chemo was done. Is there an end date for "
	    "these";
	assert_string_equal(routed(f, q, t, &a), "drug.duration");
	assert_string_equal(t->parts[0].slots[0].name, "drug");
	assert_true(strcmp(t->parts[0].slots[0].value, "trastuzumab") == 0 ||
	            strcmp(t->parts[0].slots[0].value, "pertuzumab") == 0);
	hr_answer_clear(&a);
	free(t);
}

/* A follow-up that points back to the previous turn ("does it hurt?") is
 * routed after that turn's topic, kept in the conversation, when it has no
 * strong pattern of its own (docs/intents.md, Conversation). Topics without a
 * slot (a port, radiation, lymphedema) are kept too. */
static void test_follow_up_points_back(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *first, *then, *want;
	} pairs[] = {
	    {"how does a chemo port work", "will it be sore after they put it in", "care.port"},
	    {"tell me about the fish test", "how long does it take to get back", "testing.test_about"},
	    {"my husband starts radiation next week", "will his skin peel", "se.radiation"},
	    {"explain lymphedema to me", "can i get it years later", "se.lymphedema"},
	    {"what is enhertu", "does it make your hair fall out", "se.hair"},
	    {"what is tamoxifen", "can it cause hot flashes", "se.hormone"},
	    {"what does letrozole do", "will it make my joints ache", "se.hormone"},
	    {"what is palliative care", "is it only for the end of life", "support.hospice"},
	    {"what is chemo brain", "does it go away", "se.memory"},
	    {"what is an echo", "why do they need it so often", "se.heart"},
	    {"what is capecitabine", "can i drink alcohol with it", "life.alcohol"},
	    {"what is phesgo", "is it given in the thigh", "drug.given"},
	    {"whats tchp", "how long does it go on", "regimen.duration"},
	    {"what is neratinib", "should i take it with food", "drug.given"},
	    {"my mom has neuropathy from taxol", "will it ever go away", "se.neuropathy"},
	    {"what is a biopsy", "does it hurt much", "basics.diagnosis"},
	    {"what does the ihc test show", "what does 2+ mean on it", "testing.ihc_score"},
	    {"what is radiation therapy", "how long will her skin stay red", "se.radiation"},
	    {"what is a port", "does it hurt", "care.port"},
	    {"what does palliative care do", "can i have it while still on enhertu", "support.palliative"},
	};
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, pairs[i].first, &a);
		hr_answer_clear(&a);
		assert_true(c.topic[0] != '\0');
		memset(&a, 0, sizeof(a));
		assert_int_equal(hr_engine_ask(f->engine, &c, pairs[i].then, strlen(pairs[i].then), &a, t),
		                 0);
		if (strcmp(a.intent, pairs[i].want) != 0)
			fail_msg("\"%s\" then \"%s\": %s, not %s", pairs[i].first, pairs[i].then, a.intent,
			         pairs[i].want);
		hr_answer_clear(&a);
	}

	/* What is kept: the words of the question the ranker knows, no question
	 * words; the follow-up is routed with them as the sentence before it. */
	struct hr_convo c = {0};
	ask(f, &c, "What is a port?", &a);
	assert_string_equal(c.topic, "port");
	hr_answer_clear(&a);
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, "does it hurt", 12, &a, t), 0);
	assert_non_null(t->earlier);
	assert_string_equal(t->earlier, "port");
	assert_int_equal(t->nsentences, 2);
	assert_int_equal(t->focus, 1);
	assert_false(t->sentences[0].asks);
	hr_answer_clear(&a);
	/* An elliptic follow-up of words that only frame a question is routed
	 * after the topic whether or not the ranker knows them ("longer", which
	 * no training question may use): before, the share of known words
	 * counted them, and a retrain that dropped such a word left the
	 * question standing alone (the fallback). */
	{
		struct hr_convo c2 = {0};
		ask(f, &c2, "What is a port?", &a);
		hr_answer_clear(&a);
		memset(&a, 0, sizeof(a));
		assert_int_equal(hr_engine_ask(f->engine, &c2, "why not longer?", 15, &a, t), 0);
		assert_non_null(t->earlier);
		assert_string_equal(a.intent, "care.port");
		hr_answer_clear(&a);
	}
	/* A chain of follow-ups keeps the topic they point to. */
	assert_non_null(strstr(c.topic, "port"));
	ask(f, &c, "how long will it stay in", &a);
	assert_string_equal(a.intent, "care.port");
	hr_answer_clear(&a);
	assert_non_null(strstr(c.topic, "port"));

	/* The same words with no earlier turn name no topic. */
	struct hr_convo fresh = {0};
	ask(f, &fresh, "does it hurt", &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
	/* A question that does not point back, or is out of scope, is its own:
	 * the fallback stays the fallback, and forgets the topic. */
	c = (struct hr_convo){0};
	ask(f, &c, "what is herceptin", &a);
	hr_answer_clear(&a);
	ask(f, &c, "how do i fix my car", &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
	assert_string_equal(c.topic, "");
	/* A fallback for want of a sure choice on a question about cancer care
	 * keeps its words for a follow-up; the previous intent stays the
	 * fallback, which lends the follow-up no care of its own. */
	c = (struct hr_convo){0};
	ask(f, &c, "is it ok to use a sauna during treatment", &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
	assert_true(c.topic[0] != '\0');
	assert_string_equal(c.previous, "fallback");
	c = (struct hr_convo){0};
	ask(f, &c, "what is herceptin", &a);
	hr_answer_clear(&a);
	ask(f, &c, "is it going to rain tomorrow", &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);

	/* A kept topic that alerts by its own words never makes a follow-up
	 * alert (joined, it would prove nothing); a safety reply forgets the
	 * topic. */
	c = (struct hr_convo){0};
	snprintf(c.topic, sizeof(c.topic), "i want to die tonight");
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &c, "does it hurt", 12, &a, t), 0);
	assert_int_equal(t->safety.tier, HR_TIER_NONE);
	hr_answer_clear(&a);
	c = (struct hr_convo){0};
	ask(f, &c, "what is a port", &a);
	hr_answer_clear(&a);
	ask(f, &c, "I want to kill myself", &a);
	assert_string_equal(c.topic, "");
	hr_answer_clear(&a);
	free(t);
}

/* A follow-up that names no cancer word is about cancer care when the turn
 * before answered a topic: the ranker's sure choice answers it, and one that
 * carries on ("what about ...") is asked after that topic. After small
 * talk, the fallback, a safety reply or an intent the content lacks (a
 * forged context), the same words stay out of scope. */
/* A follow-up routed again after the topic, whose routing there is not kept,
 * gets its routing alone put back rather than done a third time (route.c,
 * en_keep_alone): the same trace as routing it in the same conversation
 * with no topic to lean on, and the same topic kept for the turn after. */
static void test_follow_up_alone_put_back(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *first, *then;
	} pairs[] = {
	    /* Each leans on the topic (asks with few words the ranker knows, or
	     * after a bare "is"), and the routing after it does not answer or
	     * answers only by the topic's words. */
	    {"can her2 positive breast cancer be cured", "is her2 positive more aggressive"},
	    {"what is herceptin", "how do i fix my car"},
	    {"what is herceptin", "is it going to rain tomorrow"},
	    {"what is ki67", "does chemo work better then"},
	};
	struct hr_trace *t = calloc(2, sizeof(*t));
	assert_non_null(t);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct hr_answer a;
		struct hr_convo c = {0};
		ask(f, &c, pairs[i].first, &a);
		hr_answer_clear(&a);
		assert_true(c.topic[0] != '\0');
		struct hr_convo bare = c;
		bare.topic[0] = '\0';
		const char *q = pairs[i].then;
		assert_int_equal(hr_engine_route(f->engine, &bare, q, strlen(q), &t[1]), 0);
		assert_int_equal(hr_engine_route(f->engine, &c, q, strlen(q), &t[0]), 0);
		assert_int_equal(t[0].outcome, t[1].outcome);
		assert_ptr_equal(t[0].rule, t[1].rule);
		assert_int_equal(t[0].nparts, t[1].nparts);
		if (t[0].nparts)
			assert_ptr_equal(t[0].parts[0].intent, t[1].parts[0].intent);
		assert_int_equal(t[0].focus, t[1].focus);
		assert_int_equal(t[0].nsentences, t[1].nsentences);
		assert_int_equal(t[0].match.ncandidates, t[1].match.ncandidates);
		assert_string_equal(t[0].match.corrected, t[1].match.corrected);
		assert_int_equal(t[0].chosen != NULL, t[1].chosen != NULL);
		if (t[0].chosen) {
			/* Into its own trace's match, as a routing alone leaves it. */
			assert_ptr_equal(t[0].chosen - t[0].match.candidates,
			                 t[1].chosen - t[1].match.candidates);
			assert_ptr_equal(t[0].chosen->intent, t[1].chosen->intent);
		}
		/* The answer and the topic kept after it: as when the question
		 * stands alone in a conversation with no topic. */
		ask(f, &c, q, &a);
		struct hr_answer b;
		ask(f, &bare, q, &b);
		assert_string_equal(a.intent, b.intent);
		assert_string_equal(a.text, b.text);
		assert_string_equal(c.topic, bare.topic);
		hr_answer_clear(&a);
		hr_answer_clear(&b);
	}
	free(t);
}

static void test_follow_up_names_no_care(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *first, *then, *want;
	} pairs[] = {
	    {"what is enhertu", "can i go running the morning after", "life.exercise"},
	    {"what is tucatinib", "ok to take a trip abroad in the spring", "life.travel"},
	    {"am i talking to a real person", "can i go running the morning after", "fallback"},
	    {"hello", "ok to take a trip abroad in the spring", "fallback"},
	    {"who won the football match", "can i go running the morning after", "fallback"},
	    {"what is herceptin", "who won the football match", "fallback"},
	    /* "what about ...", "and ..." carry on from the turn before, as "it" does,
	     * when the ranker knows their words. */
	    {"is there help paying for my medicines", "what about my rent", "support.costs"},
	    {"can i fly with lymphedema", "and on a long car ride", "se.lymphedema"},
	    {"what is a port", "and how long does the thing stay in", "care.port"},
	    /* One that names another drug asks the same of it (drug.mention). */
	    {"what are the side effects of enhertu", "how about for kadcyla", "drug.mention"},
	    {"what is herceptin", "what about the weather tomorrow", "fallback"},
	};
	struct hr_answer a;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, pairs[i].first, &a);
		hr_answer_clear(&a);
		ask(f, &c, pairs[i].then, &a);
		if (strcmp(a.intent, pairs[i].want) != 0)
			fail_msg("\"%s\" then \"%s\": %s, not %s", pairs[i].first, pairs[i].then, a.intent,
			         pairs[i].want);
		hr_answer_clear(&a);
	}
	/* The previous intent is what counts, as a context string carries it. */
	static const struct {
		const char *previous, *want;
	} prev[] = {
	    {"drug.about", "life.exercise"},     {"safety.call_now", "fallback"},
	    {"conversation.thanks", "fallback"}, {"clarify", "fallback"},
	    {"no.such_intent", "fallback"},
	};
	for (size_t i = 0; i < sizeof(prev) / sizeof(prev[0]); i++) {
		struct hr_convo c = {0};
		snprintf(c.previous, sizeof(c.previous), "%s", prev[i].previous);
		ask(f, &c, "can i go running the morning after", &a);
		if (strcmp(a.intent, prev[i].want) != 0)
			fail_msg("after %s: %s, not %s", prev[i].previous, a.intent, prev[i].want);
		hr_answer_clear(&a);
	}
}

/* Another illness named beside a HER2 drug does not make the question out of
 * scope: the drug keeps it in, whatever the illness words make the ranker
 * think; the illness alone is still the fallback. */
/* A drug named right after another by "with", "plus" or "and" in the story is
 * its partner, not the newer one (route_named.c): "lapatinib with letrozole,
 * what do I watch for" is about lapatinib (blind patient probe 16); "I switched
 * from herceptin to letrozole" still names letrozole as the current one. */
static void test_partner_drug_named_with(void **state)
{
	struct fixture *f = *state;
	static const char *const in[][2] = {
	    {"lapatinib with letrozole, what do i need to look out for", "lapatinib (Tykerb)"},
	    {"tykerb plus xeloda, what should we watch for", "lapatinib (Tykerb)"},
	    {"i switched from herceptin to letrozole. what are the side effects", "aromatase"},
	};
	struct hr_answer a;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, in[i][0], &a);
		if (!strstr(a.text, in[i][1]))
			fail_msg("\"%s\": %s has no \"%s\"", in[i][0], a.intent, in[i][1]);
		hr_answer_clear(&a);
	}
}

static void test_named_drug_keeps_scope(void **state)
{
	struct fixture *f = *state;
	static const char *const in[] = {
	    "would herceptin be alright for someone with diabetes and high blood pressure",
	    "my husband has copd and kidney disease, could he still have kadcyla",
	    "is perjeta alright with my crohns disease",
	    "can i get herceptin if i also have migraines and gout",
	};
	struct hr_answer a;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, in[i], &a);
		if (strcmp(a.intent, "fallback") == 0)
			fail_msg("\"%s\": the fallback", in[i]);
		hr_answer_clear(&a);
	}
	/* A trial or a named chemo's rounds are cancer care too (words care_ctx). */
	static const char *const care[] = {"what's taking part in a trial like, do you go in more"};
	for (size_t i = 0; i < sizeof(care) / sizeof(care[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, care[i], &a);
		if (strcmp(a.intent, "fallback") == 0)
			fail_msg("\"%s\": the fallback", care[i]);
		hr_answer_clear(&a);
	}
	struct hr_convo c = {0};
	ask(f, &c, "what is the best pill for high blood pressure", &a);
	assert_string_equal(a.intent, "fallback");
	hr_answer_clear(&a);
}

/* Danger told in a follow-up that leans on the turn before ("what is a
 * port?", then "it is red and warm and it hurts") is read after that turn's
 * topic, so it alerts as it would in one message; a question about the same
 * signs, or the sign told as over, stays calm. */
static void test_follow_up_danger_alerts(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *first, *then;
		enum hr_tier want;
	} pairs[] = {
	    {"what is a port", "it is red and warm and it hurts", HR_TIER_CALL_NOW},
	    {"what is a picc line", "its red and hot around where it goes in", HR_TIER_CALL_NOW},
	    {"what is a port", "does it hurt", HR_TIER_NONE},
	    {"what is a port", "what if it gets red and warm", HR_TIER_NONE},
	    {"what is a port", "it was red last week but it is fine now", HR_TIER_NONE},
	    {"what is enhertu", "can it make you short of breath", HR_TIER_NONE},
	    /* A topic whose words alone read as told ("fever chemo") is framed
	     * as the question it came from; a reading after it still alerts. */
	    {"what temperature counts as a fever on chemo", "mine is 101", HR_TIER_CALL_NOW},
	    {"what temperature counts as a fever on chemo", "ok mine is 98.6", HR_TIER_NONE},
	    {"is chest pain a side effect of herceptin", "ok thank you", HR_TIER_NONE},
	};
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, pairs[i].first, &a);
		hr_answer_clear(&a);
		memset(&a, 0, sizeof(a));
		assert_int_equal(hr_engine_ask(f->engine, &c, pairs[i].then, strlen(pairs[i].then), &a, t),
		                 0);
		if (t->safety.tier != pairs[i].want)
			fail_msg("\"%s\" then \"%s\": tier %d, not %d", pairs[i].first, pairs[i].then,
			         (int)t->safety.tier, (int)pairs[i].want);
		hr_answer_clear(&a);
	}
	/* The same words with no earlier turn have no body part: calm. */
	struct hr_convo fresh = {0};
	memset(&a, 0, sizeof(a));
	assert_int_equal(hr_engine_ask(f->engine, &fresh, "it is red and warm and it hurts", 31, &a, t), 0);
	assert_int_equal(t->safety.tier, HR_TIER_NONE);
	hr_answer_clear(&a);
	free(t);
}

/* A short follow-up that asks one detail of the topic just answered gets that
 * detail (its facet handler, TOPIC.FACET), not the card again; one that names
 * another topic, or another drug, is routed as before (docs/intents.md,
 * Conversation, Facets). */
/* The words a facet asks with, looked up in one sorted table (route_facet.c,
 * en_facet_word): each word of a phrase, alone, and the general words; not
 * a part of one, a phrase, or another word. */
static void test_facet_words(void **state)
{
	(void)state;
	static const char *const yes[] = {"premeds", "after", "surgery", "hydrocortisone", "cbd",  "post-op",
	                                  "chemo",   "why",   "longer",  "antidepressant", "each", "put"};
	static const char *const no[] = {"",         "neuropathy", "diarrhea", "premed s", "after surgery",
	                                 "surgery?", "prem",       "xeloda",   "Chemo",    "sur"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!en_facet_word(yes[i]))
			fail_msg("\"%s\" is a facet's word", yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (en_facet_word(no[i]))
			fail_msg("\"%s\" is no facet's word", no[i]);
	}
}

static void test_follow_up_facet(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *first, *then, *intent, *facet;
	} pairs[] = {
	    {"does neratinib cause diarrhea", "what can I take for it", "se.diarrhea", "medicine"},
	    {"what is neoadjuvant therapy", "can I have surgery first instead", "treatment.neoadjuvant",
	     "surgery_first"},
	    {"what is ki67", "does chemo work better then", "testing.ki67", "response"},
	    {"does neratinib cause diarrhea", "how long does neuropathy last", NULL, NULL},
	    {"I have diarrhea on tucatinib", "how long does it last on capecitabine", NULL, NULL},
	};
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct hr_convo c = {0};
		ask(f, &c, pairs[i].first, &a);
		hr_answer_clear(&a);
		memset(&a, 0, sizeof(a));
		assert_int_equal(hr_engine_ask(f->engine, &c, pairs[i].then, strlen(pairs[i].then), &a, t),
		                 0);
		if (pairs[i].facet) {
			if (!t->facet || strcmp(t->facet, pairs[i].facet) != 0)
				fail_msg("\"%s\" then \"%s\": facet %s", pairs[i].first, pairs[i].then,
				         t->facet ? t->facet : "none");
			assert_string_equal(a.intent, pairs[i].intent);
			assert_null(strstr(a.text, "My last answer"));
		} else if (t->facet) {
			fail_msg("\"%s\" then \"%s\": facet %s", pairs[i].first, pairs[i].then, t->facet);
		}
		hr_answer_clear(&a);
	}
	free(t);
}

/* An alarm about a side effect keeps it as the topic, so a calm follow-up is
 * answered on it; an emergency keeps none. */
static void test_alarm_keeps_its_side_effect(void **state)
{
	struct fixture *f = *state;
	struct hr_answer a;
	struct hr_convo c = {0};
	ask(f, &c, "I'm on herceptin and my ankles are swollen and I gained 5 pounds this week", &a);
	assert_string_equal(a.intent, "safety.call_now");
	assert_non_null(strstr(c.topic, "heart"));
	assert_non_null(strstr(c.topic, "herceptin"));
	hr_answer_clear(&a);
	ask(f, &c, "but I don't want them to stop it forever", &a);
	assert_string_equal(a.intent, "se.heart");
	assert_int_equal(a.safety, HR_SAFETY_NONE);
	hr_answer_clear(&a);

	struct hr_convo e = {0};
	ask(f, &e, "I have crushing chest pain right now", &a);
	assert_string_equal(a.intent, "safety.emergency");
	assert_string_equal(e.topic, "");
	hr_answer_clear(&a);
}

/* In a letter the ranker reads the whole story, so it reviews even a strong
 * pattern match of the question sentence: here the infusion-reaction pattern
 * takes "allergy pills", and the ranker, reading the medicines the story
 * names, answers with the interactions card instead. When it leans elsewhere
 * but is not sure, herald asks which was meant; a score between the review
 * floor and the answer threshold moves with every phrasing added, so that is
 * shown with the answer and lead thresholds raised past this letter's score
 * (as bench/route_scores moves them). */
static void test_letter_reviews_a_strong_pattern(void **state)
{
	struct fixture *f = *state;
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	const char *q =
	    "I take loratadine for hay fever and ibuprofen for my back. Last week my oncologist started me "
	    "on tucatinib with xeloda. Is it ok to keep taking my allergy pills with it?";
	assert_string_equal(routed(f, q, t, &a), "life.interactions");
	assert_non_null(strstr(t->rule, "letter"));
	int infusion = 0;
	for (size_t i = 0; i < t->match.ncandidates; i++)
		infusion |= strcmp(t->match.candidates[i].intent->name, "se.infusion") == 0;
	assert_true(infusion);
	hr_answer_clear(&a);
	enum hr_ranker_model model = hr_ranker_model_of(f->content.ranker);
	float kept[6], unsure[6];
	hr_engine_thresholds(model, kept);
	memcpy(unsure, kept, sizeof(unsure));
	unsure[0] = 1.01f;  /* answer: never sure by its score alone */
	unsure[4] = 100.0f; /* lead: nor by its lead */
	hr_engine_measure_thresholds(model, unsure);
	assert_string_equal(routed(f, q, t, &a), "clarify");
	hr_engine_measure_thresholds(model, kept);
	assert_int_equal(t->outcome, HR_OUTCOME_CLARIFY);
	int offered = 0;
	for (size_t i = 0; i < t->nclarify; i++)
		offered |= strcmp(t->clarify[i]->name, "life.interactions") == 0;
	assert_true(offered);
	assert_non_null(strstr(t->rule, "letter"));
	hr_answer_clear(&a);
	/* The same words alone, as one short question, are not reviewed. */
	q = "can herceptin cause heart problems";
	assert_string_equal(routed(f, q, t, &a), "se.heart");
	assert_false(t->ranked);
	hr_answer_clear(&a);
	free(t);
}

/* On topic but unsure: a question back, not the fallback. Off topic: the
 * fallback, also when the ranker's guess is small talk it is not sure of. */
static void test_on_topic_clarifies_off_topic_falls_back(void **state)
{
	struct fixture *f = *state;
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	/* The ranker's scores move a little with every intent added; this one
	 * leads with less than RANK_CLARIFY between two it offers. */
	/* (With the sparse model the default, "so much has happened since my
	 * surgery and I feel lost, what now" is answered with the feelings card.) */
	const char *q = "since my surgery i feel stuck, where do i start";
	assert_string_equal(routed(f, q, t, &a), "clarify");
	assert_true(a.nsuggestions >= 2);
	hr_answer_clear(&a);
	/* Once the content says it (basics.followup's phrasings of "what comes
	 * next after treatment"), a letter like it is answered, not asked back. */
	q = "I was diagnosed last year and finished chemo in the spring. Since then things feel strange. "
	    "Where do I go from here now";
	assert_string_equal(routed(f, q, t, &a), "basics.followup");
	hr_answer_clear(&a);
	assert_string_equal(routed(f, "how do i fix my car", t, &a), "fallback");
	assert_int_equal(a.kind, HR_KIND_FALLBACK);
	hr_answer_clear(&a);
	/* Filler words ("actually", "something") do not make a question unfamiliar. */
	assert_string_equal(routed(f, "Is Herceptin actually chemo or something else", t, &a),
	                    "drug.is_chemo");
	hr_answer_clear(&a);
	free(t);
}

static void touch(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

/* Issue 19: the content layers. A local file named like a bundled one
 * replaces it, others add; the list is in file-name order; a local folder
 * without the kind's subfolder adds nothing; a missing bundled folder is an
 * error. */
static void test_content_layers(void **state)
{
	(void)state;
	char root[] = "/tmp/herald-layers-XXXXXX";
	assert_non_null(mkdtemp(root));
	char base[600], l1[600], l1p[600], l2[600], l2p[600], l3[600];
	snprintf(base, sizeof(base), "%s/bundled", root);
	snprintf(l1, sizeof(l1), "%s/one", root);
	snprintf(l1p, sizeof(l1p), "%s/one/plugins", root);
	snprintf(l2, sizeof(l2), "%s/two", root);
	snprintf(l2p, sizeof(l2p), "%s/two/plugins", root);
	snprintf(l3, sizeof(l3), "%s/three", root); /* no plugins/ */
	assert_int_equal(mkdir(base, 0755), 0);
	assert_int_equal(mkdir(l1, 0755), 0);
	assert_int_equal(mkdir(l1p, 0755), 0);
	assert_int_equal(mkdir(l2, 0755), 0);
	assert_int_equal(mkdir(l2p, 0755), 0);
	assert_int_equal(mkdir(l3, 0755), 0);
	touch(base, "b.lua");
	touch(base, "d.lua");
	touch(base, "c.tests");
	touch(l1p, "a.lua");
	touch(l1p, "d.lua");
	touch(l2p, "d.lua");
	touch(l2p, ".hidden.lua");
	char locals[2048];
	snprintf(locals, sizeof(locals), " %s , %s,%s", l1, l3, l2);
	char **paths;
	size_t n;
	assert_int_equal(hr_layers_list(base, locals, "plugins", ".lua", &paths, &n), 0);
	assert_int_equal(n, 3);
	char want[700];
	snprintf(want, sizeof(want), "%s/a.lua", l1p);
	assert_string_equal(paths[0], want);
	snprintf(want, sizeof(want), "%s/b.lua", base);
	assert_string_equal(paths[1], want);
	snprintf(want, sizeof(want), "%s/d.lua", l2p); /* the last layer wins */
	assert_string_equal(paths[2], want);
	hr_dir_list_free(paths, n);
	assert_int_equal(hr_layers_list(base, "", "plugins", ".lua", &paths, &n), 0);
	assert_int_equal(n, 2);
	hr_dir_list_free(paths, n);
	assert_int_equal(hr_layers_list(l3, locals, "plugins", ".lua", &paths, &n) == 0, 1);
	hr_dir_list_free(paths, n);
	assert_int_equal(hr_layers_list(root, NULL, "plugins", ".nothing", &paths, &n), 0);
	assert_int_equal(n, 0);
	hr_dir_list_free(paths, n);
	char missing[700];
	snprintf(missing, sizeof(missing), "%s/none", root);
	assert_int_equal(hr_layers_list(missing, locals, "plugins", ".lua", &paths, &n), -ENOENT);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* Reads what stderr (a pipe, non-blocking) has received so far into BUF. */
static size_t drain(int fd, char *buf, size_t cap)
{
	ssize_t n = read(fd, buf, cap - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? (size_t)n : 0;
}

/* A worker holds its info lines and writes them in one go (issue 20): none
 * is lost, the order stays, and a warning is never held back. */
static void test_log_hold(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	dup2(p[1], STDERR_FILENO);
	assert_int_equal(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	hr_log_set_level(HR_LOG_INFO);
	char buf[8192];

	hr_log_hold(1);
	hr_info("event=one n=%d", 1);
	hr_info("event=two");
	size_t n = drain(p[0], buf, sizeof(buf));
	assert_int_equal(n, 0); /* held */
	hr_warn("event=three");
	drain(p[0], buf, sizeof(buf));
	assert_string_equal(buf, "<6>event=one n=1\n<6>event=two\n<4>event=three\n");
	hr_info("event=four");
	hr_log_flush();
	drain(p[0], buf, sizeof(buf));
	assert_string_equal(buf, "<6>event=four\n");
	/* More than the buffer holds: written in whole lines, nothing lost. */
	for (int i = 0; i < 200; i++)
		hr_info("event=many i=%03d padding=................................", i);
	hr_log_hold(0);
	size_t lines = 0;
	while ((n = drain(p[0], buf, sizeof(buf))) > 0) {
		for (size_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	}
	assert_int_equal(lines, 200);
	hr_info("event=unheld");
	drain(p[0], buf, sizeof(buf));
	assert_string_equal(buf, "<6>event=unheld\n");

	dup2(saved, STDERR_FILENO);
	close(saved);
	close(p[0]);
	close(p[1]);
	hr_log_set_level(HR_LOG_ERR);
}

/* The sparse model (intents.ranker = "sparse") is surer of its first choice
 * than the dense one: in a letter it overrules a strong pattern only from
 * 0.40 (route.c, chosen from the scores of its right and wrong overrules),
 * not from the dense model's 0.20. Here it ranks the chemo overview first at
 * about 0.26, three times the pattern's infection answer, and must not
 * overrule it. The bundled content is routed with a sparse ranker swapped in,
 * as `herald check --cv --model sparse` does. */
static void test_sparse_reviews_from_its_own_floor(void **state)
{
	struct fixture *f = *state;
	struct hr_answer a;
	struct hr_trace *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	hr_ranker *dense = f->content.ranker, *sparse = NULL;
	struct hr_ranker_options opt = {.model = HR_RANKER_SPARSE};
	assert_int_equal(hr_ranker_new(f->content.intents, &opt, &sparse), 0);
	f->content.ranker = sparse;
	assert_int_equal(hr_engine_set_content(f->engine, &f->content), 0);
	const char *q = "thinking about having my nose pierced, but i'm halfway through my chemo";
	assert_string_equal(routed(f, q, t, &a), "care.infection");
	assert_true(t->ranked);
	assert_string_equal(t->ranking.top[0].intent->name, "se.chemo");
	assert_true(t->ranking.top[0].score >= 0.20f && t->ranking.top[0].score < 0.40f);
	hr_answer_clear(&a);
	f->content.ranker = dense;
	assert_int_equal(hr_engine_set_content(f->engine, &f->content), 0);
	hr_ranker_free(sparse);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_follow_up_uses_context),
	    cmocka_unit_test(test_repeat_asked_again),
	    cmocka_unit_test(test_fallback),
	    cmocka_unit_test(test_plugin_failure_is_contained),
	    cmocka_unit_test(test_safety_comes_first),
	    cmocka_unit_test(test_safety_reads_the_whole_message),
	    cmocka_unit_test(test_bad_input),
	};
	const struct CMUnitTest bundled[] = {
	    cmocka_unit_test(test_focus_on_the_question),
	    cmocka_unit_test(test_clarify_and_one_tap),
	    cmocka_unit_test(test_two_parts),
	    cmocka_unit_test(test_small_talk_and_out_of_scope),
	    cmocka_unit_test(test_long_message_safety_reads_all),
	    cmocka_unit_test(test_story_carries_a_thin_question),
	    cmocka_unit_test(test_follow_up_points_back),
	    cmocka_unit_test(test_follow_up_alone_put_back),
	    cmocka_unit_test(test_follow_up_names_no_care),
	    cmocka_unit_test(test_named_drug_keeps_scope),
	    cmocka_unit_test(test_partner_drug_named_with),
	    cmocka_unit_test(test_follow_up_danger_alerts),
	    cmocka_unit_test(test_facet_words),
	    cmocka_unit_test(test_follow_up_facet),
	    cmocka_unit_test(test_alarm_keeps_its_side_effect),
	    cmocka_unit_test(test_letter_reviews_a_strong_pattern),
	    cmocka_unit_test(test_on_topic_clarifies_off_topic_falls_back),
	    cmocka_unit_test(test_content_layers),
	    cmocka_unit_test(test_log_hold),
	    cmocka_unit_test(test_sparse_reviews_from_its_own_floor),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	return rc | cmocka_run_group_tests(bundled, setup_bundled, teardown);
}
