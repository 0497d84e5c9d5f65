/* Unit tests of the pure parts of the voice path: the lexicon and
 * pronunciations (voice_lex.c), words and grammar building
 * (voice_grammar.c), the transcript choice and the voice messages
 * (voice.c, voice_msg.c), and respellings for the synthesiser (tts.c). */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asr.h"
#include "tts.h"
#include "voice.h"
#include "voice_grammar.h"
#include "voice_lex.h"

struct diags {
	int n;
	char last[512];
};

static void collect(void *ud, const char *file, int line, const char *msg)
{
	struct diags *d = ud;
	d->n++;
	snprintf(d->last, sizeof(d->last), "%s:%d: %s", file, line, msg);
}

/* A letter-to-sound stub: every letter as one phone, enough to see it called. */
static int stub_lts(void *ud, const char *word, char *out, size_t cap)
{
	int *calls = ud;
	(*calls)++;
	snprintf(out, cap, "%s", strlen(word) > 3 ? "T EH1 S T" : "");
	return out[0] ? 0 : -ENOENT;
}

struct fixture {
	hr_lexicon *hand, *cmu;
	int lts_calls;
	struct hr_pron_sources src;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->hand = hr_lexicon_new();
	f->cmu = hr_lexicon_new();
	struct diags d = {0};
	assert_int_equal(hr_lexicon_load(f->hand, HERALD_TEST_DATA "/voice/lexicon.txt", 0, collect, &d),
	                 -EINVAL);
	assert_int_equal(d.n, 1); /* the "broken" line, by file and line */
	assert_non_null(strstr(d.last, "lexicon.txt:6: broken"));
	assert_int_equal(hr_lexicon_load(f->cmu, HERALD_TEST_DATA "/voice/cmudict.dict", 1, collect, &d), 0);
	f->src = (struct hr_pron_sources){f->hand, f->cmu, stub_lts, &f->lts_calls};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	hr_lexicon_free(f->hand);
	hr_lexicon_free(f->cmu);
	free(f);
	return 0;
}

static void test_lexicon(void **state)
{
	struct fixture *f = *state;
	const char *const *prons;
	assert_int_equal(hr_lexicon_prons(f->hand, "enhertu", &prons), 2);
	assert_string_equal(prons[0], "EH2 N HH ER1 T UW0");
	assert_string_equal(hr_lexicon_respelling(f->hand, "t-dxd"), "T D X D");
	assert_int_equal(hr_lexicon_prons(f->cmu, "what", &prons), 2); /* what(2) */
	assert_int_equal(hr_lexicon_prons(f->hand, "nothing", &prons), 0);
	assert_true(hr_phones_valid("T R AE2 S T UW1 Z UW0 M AE2 B"));
	assert_false(hr_phones_valid("T R AE3"));
	assert_false(hr_phones_valid("QQ"));
	assert_false(hr_phones_valid(""));
	assert_int_equal(hr_lexicon_add(f->hand, "x", "XX"), -EINVAL);
}

static void pron_is(struct fixture *f, const char *token, const char *want)
{
	char out[HR_PRONS_MAX][HR_PHONES_MAX];
	size_t n = hr_pronounce(&f->src, token, out);
	assert_true(n >= 1);
	assert_string_equal(out[0], want);
}

static void test_pronounce(void **state)
{
	struct fixture *f = *state;
	pron_is(f, "enhertu", "EH N HH ER T UW"); /* hand lexicon, stress dropped */
	pron_is(f, "her2", "HH ER T UW");         /* hand lexicon */
	/* A respelling's capital letters alone are letter names ("A", not the
	 * article); one that only lower-cases the word leaves it to the
	 * dictionaries (voice/lexicon.txt's "fish = fish"). */
	assert_int_equal(hr_lexicon_add_respelling(f->hand, "apt", "A P T"), 0);
	pron_is(f, "apt", "EY P IY T IY");
	assert_int_equal(hr_lexicon_add_respelling(f->hand, "what", "what"), 0);
	pron_is(f, "what", "W AH T");
	pron_is(f, "her2+", "HH ER T UW P L AH S");   /* the word, then "plus" */
	pron_is(f, "t-dxd", "T IY D IY EH K S D IY"); /* a respelling, said word by word */
	pron_is(f, "24", "T W EH N T IY F AO R");
	pron_is(f, "100.4", "W AH N HH AH N D R AH D P OY N T F AO R");
	pron_is(f, "dxd", "D IY EH K S D IY");          /* no vowel: spelled out */
	pron_is(f, "her2climb", "HH ER T UW T EH S T"); /* runs of letters and digits */
	int before = f->lts_calls;
	pron_is(f, "tucatinib", "T EH S T"); /* unknown: letter-to-sound */
	assert_int_equal(f->lts_calls, before + 1);
	char out[HR_PRONS_MAX][HR_PHONES_MAX];
	assert_int_equal(hr_pronounce(&f->src, "what", out), 2);
	char words[64];
	hr_number_words(1984, words, sizeof(words));
	assert_string_equal(words, "one thousand nine hundred eighty four");
	hr_number_words(0, words, sizeof(words));
	assert_string_equal(words, "zero");
}

static void tokens_are(const char *in, const char *want)
{
	char out[256];
	int n = hr_voice_tokens(in, out, sizeof(out));
	assert_true(n >= 0);
	assert_string_equal(out, want);
}

static void test_tokens(void **state)
{
	(void)state;
	tokens_are("What's HER2-positive?", "what's her2 positive");
	tokens_are("IHC 2+ or 3+", "ihc 2+ or 3+");
	tokens_are("T-DM1 (Kadcyla)", "t dm1 kadcyla");
	tokens_are("a fever of 100.4 F.", "a fever of 100.4 f");
	tokens_are("50% of people", "50 percent of people");
	tokens_are("'quoted' words", "quoted words");
	char out[64];
	assert_int_equal(hr_voice_tokens("caf\xc3\xa9", out, sizeof(out)), -EINVAL);
}

/* Counts the lines of TEXT that start with PREFIX. */
static int lines_with(const char *text, const char *prefix)
{
	int n = 0;
	size_t pl = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, prefix, pl) == 0)
			n++;
	}
	return n;
}

static void test_grammar_from_content(void **state)
{
	struct fixture *f = *state;
	struct hr_grammar_input in = {.intents_dir = HERALD_TEST_DATA "/voice/intents",
	                              .plugins_dir = HERALD_TEST_DATA "/voice/plugins"};
	struct hr_grammar g;
	struct diags d = {0};
	assert_int_equal(hr_grammar_build(&in, &f->src, collect, &d, &g), 0);
	/* 3 examples, 1 test question, 1 suggested question (the %s one is
	 * left out), each again with the other slot values. */
	assert_true(g.nsentences > 5);
	assert_int_equal(g.dropped, 0);
	/* Slot variants: tukysa was never written in a sentence. */
	assert_non_null(strstr(g.fsg, " tukysa\n"));
	assert_non_null(strstr(g.dict, "tukysa "));
	/* The misspelling for typists ("enhurtu") is no word to listen for. */
	assert_null(strstr(g.dict, "enhurtu"));
	/* Two pronunciations of enhertu, the second as enhertu(2). */
	assert_non_null(strstr(g.dict, "enhertu(2) EH N HH ER T UW"));
	assert_non_null(strstr(g.arpa, "\\data\\\nngram 1="));
	assert_non_null(strstr(g.arpa, "\\3-grams:\n"));
	assert_non_null(strstr(g.arpa, "\\end\\"));
	assert_non_null(strstr(g.fsg, "FSG_BEGIN herald\nNUM_STATES "));
	assert_non_null(strstr(g.fsg, "FSG_END\n"));
	assert_true(g.nstates > 2);
	/* Every sentence once, for hr_voice_closest; the drug slot's one-word
	 * phrases some sentence says are key words ("t dxd" is two words; the
	 * typists' "enhurtu" and, without a pronunciation here, "tucatinib"
	 * are never said). */
	assert_non_null(strstr(g.sentences, "what are the side effects of tukysa\n"));
	assert_int_equal(lines_with(g.sentences, "what does her2 positive mean\n"), 1);
	assert_string_equal(g.keys, "enhertu\ntukysa\n");
	hr_grammar_free(&g);

	/* A clinic's own topics (local_content_dirs) are listened for too. */
	char local[] = "/tmp/herald-voice-local-XXXXXX", sub[64], file[96];
	assert_non_null(mkdtemp(local));
	snprintf(sub, sizeof(sub), "%s/intents", local);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(file, sizeof(file), "%s/zz_zebra.intents", sub);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fputs("intent zz.zebra\n  pattern: zebra clinic\n  example: where zebra clinic\n", fp);
	fclose(fp);
	in.local_dirs = local;
	assert_int_equal(hr_grammar_build(&in, &f->src, collect, &d, &g), 0);
	assert_non_null(strstr(g.fsg, " zebra\n"));
	hr_grammar_free(&g);
	unlink(file);
	rmdir(sub);
	rmdir(local);
}

static void test_grammar_is_minimal(void **state)
{
	struct fixture *f = *state;
	/* Shared endings share states: "what are the side effects of X" for
	 * two words X ends in the same states. */
	const char *s[] = {"what are the side effects of enhertu", "what are the side effects of her2",
	                   "what does her2 positive mean"};
	struct hr_grammar g;
	assert_int_equal(hr_grammar_build_from(s, 3, NULL, &f->src, &g), 0);
	/* A trie needs 13 states and the final one; minimised, the three
	 * sentence ends ("enhertu", "her2", "mean") are one state. */
	assert_int_equal(g.nstates, 12);
	/* Only "what" leaves the start, with all of its probability. */
	assert_int_equal(lines_with(g.fsg, "TRANSITION 0 "), 1);
	assert_non_null(strstr(g.fsg, " 1 what\n"));
	/* Unigrams: every word once, the sentence markers too. */
	assert_non_null(strstr(g.arpa, "ngram 1=13\n"));
	hr_grammar_free(&g);
	/* Nothing sayable: an error, not an empty grammar. */
	const char *none[] = {""};
	assert_int_equal(hr_grammar_build_from(none, 1, NULL, &f->src, &g), -ENOENT);
}

static int says_crisis(void *ud, const char *text)
{
	(void)ud;
	return strstr(text, "kill myself") ? 3 : 0;
}

/* Safety sentences weigh more in the grammar and the trigram model, and are
 * listed for hr_voice_near_safety. */
static void test_grammar_weighs_safety(void **state)
{
	struct fixture *f = *state;
	const char *s[] = {"what is a fish test", "i want to kill myself", "what is her2",
	                   "i want to kill myself"};
	struct hr_grammar_input in = {.safety = says_crisis};
	struct hr_grammar g;
	assert_int_equal(hr_grammar_build_from(s, 4, &in, &f->src, &g), 0);
	assert_int_equal(g.nsafety, 2);
	assert_string_equal(g.safety, "i want to kill myself\n"); /* once */
	/* From the start: "what" twice, "i" twice but weighed up. */
	char want[64];
	snprintf(want, sizeof(want), " %.6g i\n",
	         2 * HR_GRAMMAR_SAFETY_BOOST / (2 * HR_GRAMMAR_SAFETY_BOOST + 2));
	assert_non_null(strstr(g.fsg, want));
	hr_grammar_free(&g);
	/* Without the callback: as counted, and no list. */
	assert_int_equal(hr_grammar_build_from(s, 4, NULL, &f->src, &g), 0);
	assert_int_equal(g.nsafety, 0);
	assert_string_equal(g.safety, "");
	assert_non_null(strstr(g.fsg, " 0.5 i\n"));
	hr_grammar_free(&g);
}

/* A hypothesis that nearly says a safety sentence makes it a candidate. */
static void test_near_safety(void **state)
{
	(void)state;
	const char *list = "i'm going to kill myself\ni want to hurt myself\nmy chest hurts\n";
	struct hr_asr_result r = {0};
	strcpy(r.ngram, "i want to myself"); /* one word missed */
	hr_voice_near_safety(list, &r);
	assert_string_equal(r.near, "i want to hurt myself");
	/* In an n-best alternative too. */
	strcpy(r.ngram, "what is the weather");
	r.nalt = 2;
	strcpy(r.alt[0], "what is the weather like");
	strcpy(r.alt[1], "my chest is hurts");
	hr_voice_near_safety(list, &r);
	assert_string_equal(r.near, "my chest hurts");
	/* Only the small words in common ("i want to"): not near. */
	strcpy(r.ngram, "i want to know about enhertu");
	r.nalt = 0;
	hr_voice_near_safety(list, &r);
	assert_string_equal(r.near, "");
	/* Too few of the words. */
	strcpy(r.ngram, "can i give the shot myself at home");
	hr_voice_near_safety(list, &r);
	assert_string_equal(r.near, "");
	hr_voice_near_safety("", &r);
	assert_string_equal(r.near, "");
}

/* The grammar's sentences the trigram words nearly say, closest first. */
static void test_closest(void **state)
{
	(void)state;
	const char *list = "can i get one flu shot\ncan i get a flu shot\nwhat is a fish test\n"
	                   "can i get the flu shot\ncan i get a flu shot during chemo\n";
	struct hr_asr_result r = {0};
	strcpy(r.ngram, "can i get the flu shot");
	hr_voice_closest(list, &r);
	assert_int_equal(r.nclose, 3);
	assert_string_equal(r.close[0], "can i get the flu shot");
	/* 5 of 6 words each: the list's order ("during chemo": 5 of 8, too few). */
	assert_string_equal(r.close[1], "can i get one flu shot");
	assert_string_equal(r.close[2], "can i get a flu shot");
	/* Under three quarters of the words: none. */
	strcpy(r.ngram, "can i still go where why like i'm on chemo");
	hr_voice_closest(list, &r);
	assert_int_equal(r.nclose, 0);
	/* Word pairs no sentence has: all 11 (with its start and end) but
	 * "can i", a start with "can" and an end with "chemo". */
	assert_int_equal(r.unseen, 8);
	/* Every pair in some sentence, though no one sentence is close: "can
	 * i get a" from one, "a fish test" from another. */
	strcpy(r.ngram, "can i get a fish test");
	hr_voice_closest(list, &r);
	assert_int_equal(r.nclose, 0);
	assert_int_equal(r.unseen, 0);
	strcpy(r.ngram, "what is a fish shot");
	hr_voice_closest(list, &r);
	assert_int_equal(r.unseen, 1); /* "fish shot"; "shot" ends a sentence */
	r.ngram[0] = '\0';
	hr_voice_closest(list, &r);
	assert_int_equal(r.nclose, 0);
}

/* A stand-in for the engine's routing: a topic per key phrase. */
static void route(void *ud, const char *text, char *out, size_t cap)
{
	(void)ud;
	snprintf(out, cap, "%s",
	         strstr(text, "side effects")    ? "se.general"
	         : strstr(text, "fish")          ? "testing.fish"
	         : strstr(text, "kill myself")   ? "safety.crisis"
	         : strstr(text, "test for her2") ? "testing.how"
	         : strstr(text, "travel")        ? "life.travel"
	         : strstr(text, "baby")          ? "life.fertility"
	         : strstr(text, "tired")         ? "se.fatigue"
	         : strstr(text, "tdxd")          ? "drug.about"
	                                         : "fallback");
}

/* The hand lexicon's respelling of HER2. */
static const char *respell(void *ud, const char *word)
{
	(void)ud;
	return strcmp(word, "her2") == 0 ? "her two" : strcmp(word, "tdxd") == 0 ? "T D X D" : NULL;
}

static int key(void *ud, const char *word)
{
	(void)ud;
	return strcmp(word, "enhertu") == 0 || strcmp(word, "kadcyla") == 0;
}

static void set_alts(struct hr_asr_result *r, const char *alt, size_t n)
{
	r->nalt = n;
	for (size_t i = 0; i < n; i++)
		snprintf(r->alt[i], sizeof(r->alt[i]), "%s %zu", alt, i);
}

static void test_choose(void **state)
{
	(void)state;
	struct hr_asr_result r = {0};
	struct hr_voice_choice c;
	struct hr_voice_judge j = {says_crisis, route, key, NULL, NULL};
	/* Trigram words with a pair no sentence of the grammar has, as most
	 * are: only the cases about fluent words below set 0. */
	r.unseen = 1;

	/* The open-vocabulary hypotheses lead where the grammar's sentence
	 * does: answered. */
	strcpy(r.grammar, "what is a fish test");
	strcpy(r.ngram, "what is a fish test");
	set_alts(&r, "what is the fish test", 3);
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_string_equal(c.text, "what is a fish test");
	assert_true(c.confidence > 0.5 && c.confidence <= 1);
	/* Answered with two of many hypotheses agreeing: still at least 0.6, so
	 * the number a client shows follows the decision (CI saw 0.4). */
	set_alts(&r, "what is the fish test", 2);
	for (size_t i = 2; i < HR_ASR_NBEST; i++)
		snprintf(r.alt[i], sizeof(r.alt[i]), "what is a fish test %zu", i);
	r.nalt = HR_ASR_NBEST;
	strcpy(r.ngram, "what was that fish");
	hr_voice_choose(&r, &j, &c);
	if (c.heard == HR_HEARD_ANSWER)
		assert_true(c.confidence >= 0.6);
	else
		assert_true(c.confidence <= 0.5);
	set_alts(&r, "what is the fish test", 3);
	strcpy(r.ngram, "what is a fish test");

	/* A sentence forced onto other words: nothing else leads there, and the
	 * words differ. Asked again, never answered. */
	strcpy(r.grammar, "what are the side effects of enhertu");
	strcpy(r.ngram, "what will the weather be like");
	set_alts(&r, "what will the weather", 4);
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_REPEAT);
	assert_true(c.confidence < 0.5);

	/* Same topic, but a drug no open-vocabulary hypothesis heard: offered
	 * back, not answered ("never with a drug the speaker may not have said"). */
	strcpy(r.ngram, "what are the side effects of kadcyla");
	set_alts(&r, "what are the side effects of kadcyla", 5);
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	assert_string_equal(c.text, "what are the side effects of enhertu");
	/* ...and answered once the drug was heard too. */
	strcpy(r.ngram, "what are the side effects of enhertu");
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);

	/* Safety first: a crisis in any hypothesis is answered (its reply leads
	 * with 988), unsure when only an n-best alternative carries it. */
	strcpy(r.grammar, "what are the side effects of enhertu");
	strcpy(r.ngram, "what are the side effects of enhertu");
	set_alts(&r, "what are the side effects", 3);
	strcpy(r.alt[2], "i want to kill myself");
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.safety, 1);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	assert_string_equal(c.text, "i want to kill myself");
	/* The grammar's crisis sentence, with the trigram model agreeing: sure. */
	strcpy(r.grammar, "i want to kill myself");
	strcpy(r.ngram, "i want to kill myself now");
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_int_equal(c.safety, 1);

	/* The regression of the first round: a clean "i want to kill myself"
	 * whose grammar pass found no sentence and whose trigram words fit no
	 * topic ("say that again" before anything was checked for safety).
	 * The safety sentence a hypothesis nearly says is answered, unsure. */
	r.grammar[0] = '\0';
	strcpy(r.ngram, "i want to you");
	set_alts(&r, "i wanna you i still", 4);
	strcpy(r.near, "i want to kill myself");
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.safety, 1);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	assert_string_equal(c.text, "i want to kill myself");
	/* The same without routing (the command line): still safety first. */
	struct hr_voice_judge bare = {says_crisis, NULL, NULL, NULL, NULL};
	hr_voice_choose(&r, &bare, &c);
	assert_int_equal(c.safety, 1);
	assert_string_equal(c.text, "i want to kill myself");
	r.near[0] = '\0';
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.safety, 0);
	assert_int_equal(c.heard, HR_HEARD_REPEAT);

	/* No grammar sentence: the trigram words are never answered, only
	 * offered back when most hypotheses agree on their topic. */
	r.grammar[0] = '\0';
	strcpy(r.ngram, "is a fish test painful");
	set_alts(&r, "a fish test", 6);
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	assert_string_equal(c.text, "is a fish test painful");
	set_alts(&r, "a test", 6);
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_REPEAT);

	/* Without routing (the command line), the words decide. */
	struct hr_voice_judge words = {says_crisis, NULL, key, NULL, NULL};
	strcpy(r.grammar, "what is a fish test");
	strcpy(r.ngram, "what is a fish test");
	hr_voice_choose(&r, &words, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	strcpy(r.ngram, "what will the weather be");
	r.nalt = 0;
	hr_voice_choose(&r, &words, &c);
	assert_int_equal(c.heard, HR_HEARD_REPEAT);

	/* Heard right by the grammar, a word misheard by the trigram search
	 * (which leads nowhere): answered when most of the words as said
	 * agree ("her2" is said "her two"), offered back when not. */
	struct hr_voice_judge said = {says_crisis, route, key, NULL, respell};
	strcpy(r.grammar, "how do they test for her2");
	strcpy(r.ngram, "how do they test for her two");
	set_alts(&r, "how do we test for", 3);
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_string_equal(c.text, "how do they test for her2");
	hr_voice_choose(&r, &j, &c); /* 5 of 7 words as written */
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	/* A respelling in capitals is compared with the recogniser's lower case. */
	strcpy(r.grammar, "what is tdxd");
	strcpy(r.ngram, "what is t d x d");
	r.nalt = 0;
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);

	/* Heard right by the trigram search, another sentence by the grammar:
	 * the trigram words are answered when all hypotheses but one lead to
	 * their intent and a near sentence of the grammar leads there too. */
	strcpy(r.grammar, "can i travel during treatment");
	strcpy(r.ngram, "can i have a baby after treatment");
	set_alts(&r, "i have a baby after treatment", 5);
	strcpy(r.alt[4], "can i have a bay after");
	r.nclose = 1;
	strcpy(r.close[0], "can i have a baby after my treatment");
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_string_equal(c.text, "can i have a baby after treatment");
	assert_true(c.confidence >= 0.6);
	/* Not when two hypotheses go elsewhere... */
	strcpy(r.alt[3], "can i have a bay after");
	hr_voice_choose(&r, &said, &c);
	assert_int_not_equal(c.heard, HR_HEARD_ANSWER);
	strcpy(r.alt[3], "i have a baby after treatment 3");
	/* ...nor when no near sentence of the grammar leads there... */
	strcpy(r.close[0], "can i travel after my treatment");
	hr_voice_choose(&r, &said, &c);
	assert_int_not_equal(c.heard, HR_HEARD_ANSWER);
	/* ...nor with a drug the near sentence does not name. */
	strcpy(r.ngram, "can i have a baby after kadcyla");
	strcpy(r.close[0], "can i have a baby after enhertu");
	hr_voice_choose(&r, &said, &c);
	assert_int_not_equal(c.heard, HR_HEARD_ANSWER);
	r.nclose = 0;

	/* No near sentence, but every pair of the trigram words is one the
	 * grammar's sentences have (unseen 0) and all hypotheses but one lead
	 * to their intent: the trigram words are answered. */
	strcpy(r.grammar, "can i travel during treatment");
	strcpy(r.ngram, "can i have a baby after treatment");
	set_alts(&r, "i have a baby after treatment", 5);
	strcpy(r.alt[4], "can i have a bay after");
	r.nclose = 0;
	r.unseen = 0;
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_string_equal(c.text, "can i have a baby after treatment");
	/* Not with one pair nobody says ("my feet on palms are ..."). */
	r.unseen = 1;
	hr_voice_choose(&r, &said, &c);
	assert_int_not_equal(c.heard, HR_HEARD_ANSWER);
	/* Nor when they name a drug the grammar did not hear. */
	r.unseen = 0;
	strcpy(r.ngram, "can i have a baby after kadcyla");
	hr_voice_choose(&r, &said, &c);
	assert_int_not_equal(c.heard, HR_HEARD_ANSWER);
	strcpy(r.grammar, "can i have a baby after kadcyla");
	strcpy(r.ngram, "can i have a baby after kadcyla");
	set_alts(&r, "can i have a baby after kadcyla", 5);
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	r.unseen = 1;

	/* The topic heard by every hypothesis, the grammar's drug by none: the
	 * trigram words, which name no drug, are answered instead. */
	strcpy(r.grammar, "why am i so tired on kadcyla");
	strcpy(r.ngram, "why am i so tired also i");
	set_alts(&r, "why am i so tired", 5);
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_ANSWER);
	assert_string_equal(c.text, "why am i so tired also i");
	/* Not when the trigram words are garbled (two pairs the grammar lacks:
	 * "how much will my treatment killed" went to the dosing topic). */
	r.unseen = 2;
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	r.unseen = 1;
	strcpy(r.ngram, "why am i so tired on enhertu"); /* another drug: not that */
	hr_voice_choose(&r, &said, &c);
	assert_int_equal(c.heard, HR_HEARD_CONFIRM);
	assert_string_equal(c.text, "why am i so tired on kadcyla");

	/* Nothing heard. */
	r.grammar[0] = r.ngram[0] = '\0';
	hr_voice_choose(&r, &j, &c);
	assert_int_equal(c.heard, HR_HEARD_REPEAT);
	assert_string_equal(c.text, "");
}

static void test_messages(void **state)
{
	(void)state;
	size_t len;
	struct hr_voice_choice heard = {
	    .text = "what is her2", .heard = HR_HEARD_CONFIRM, .confidence = 0.456};
	char *buf = hr_voice_msg_transcript("a1", &heard, 4, &len);
	assert_string_equal(buf + 4, "{\"type\":\"transcript\",\"id\":\"a1\",\"text\":\"what is her2\","
	                             "\"heard\":\"confirm\",\"confidence\":0.46}");
	free(buf);
	buf = hr_voice_msg_audio("a1", 1234, 0, 0, 0, &len);
	assert_string_equal(buf, "{\"type\":\"audio\",\"id\":\"a1\",\"format\":\"wav\",\"bytes\":1234}");
	free(buf);
	/* In parts: the part's number and whether it is the last are added. */
	buf = hr_voice_msg_audio("a1", 99, 2, 1, 0, &len);
	assert_string_equal(buf, "{\"type\":\"audio\",\"id\":\"a1\",\"format\":\"wav\",\"bytes\":99,"
	                         "\"part\":2,\"last\":true}");
	free(buf);
	struct hr_answer a = {0};
	hr_answer_set(&a.intent, "testing.fish");
	hr_answer_set(&a.text, "A FISH test...");
	const uint8_t wav[4] = {'R', 'I', 'F', 'F'};
	struct hr_voice_choice fish = {
	    .text = "what is a fish test", .heard = HR_HEARD_ANSWER, .confidence = 1};
	buf = hr_voice_msg_http(&a, &fish, wav, 4, 0, &len);
	assert_non_null(strstr(buf, "\"transcript\":\"what is a fish test\""));
	assert_non_null(strstr(buf, "\"heard\":\"answer\""));
	assert_non_null(strstr(buf, "\"intent\":\"testing.fish\""));
	assert_non_null(strstr(buf, "\"base64\":\"UklGRg==\""));
	assert_null(strstr(buf, "\"type\""));
	free(buf);
	hr_answer_clear(&a);
}

/* An answer spoken in parts: its first sentence alone, then whole sentences
 * up to about 400 bytes; every byte said once, in order. */
static void test_parts(void **state)
{
	(void)state;
	const char *t = "Herceptin is given by drip. It takes about an hour! Ask your nurse? Done.";
	size_t n = hr_voice_part_len(t, 1);
	assert_int_equal(n, strlen("Herceptin is given by drip. "));
	assert_int_equal(hr_voice_part_len(t + n, 0), strlen(t + n)); /* the rest fits one part */
	assert_int_equal(hr_voice_part_len("No sentence end at all", 1), strlen("No sentence end at all"));
	assert_int_equal(hr_voice_part_len("One. ", 1), strlen("One. ")); /* nothing left after it */
	assert_int_equal(hr_voice_part_len("Version 2.5 is out. Next.", 1), strlen("Version 2.5 is out. "));
	/* Long text: later parts stop at a sentence end near 400 bytes. */
	char big[2000] = "";
	for (int i = 0; i < 30; i++)
		strcat(big, "This sentence is forty bytes long, ok. ");
	size_t first = hr_voice_part_len(big, 1), next = hr_voice_part_len(big + first, 0);
	assert_int_equal(first, 39);
	assert_true(next <= 400 && next >= 300);
	assert_int_equal(big[first + next - 1], ' ');
	assert_int_equal(big[first + next - 2], '.');
}

static void test_tts_respellings(void **state)
{
	struct fixture *f = *state;
	char out[256];
	assert_true(hr_tts_prepare(f->hand, "Enhertu (T-DXd) and HER2-positive.", out, sizeof(out)) > 0);
	assert_string_equal(out, "Enhertu (T D X D) and HER2-positive.");
	assert_int_equal(hr_tts_prepare(f->hand, "a long text", out, 4), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lexicon),
	    cmocka_unit_test(test_pronounce),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_grammar_from_content),
	    cmocka_unit_test(test_grammar_is_minimal),
	    cmocka_unit_test(test_choose),
	    cmocka_unit_test(test_grammar_weighs_safety),
	    cmocka_unit_test(test_near_safety),
	    cmocka_unit_test(test_closest),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_tts_respellings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
