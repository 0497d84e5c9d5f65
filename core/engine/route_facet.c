/*
 * Facets: a follow-up that asks one detail of the previous answer's topic
 * (docs/intents.md, Conversation, Facets). After a card on diarrhea on
 * neratinib, "what can I take for it" asks for the medicines; after a card
 * on heart checks, "and after treatment ends?" asks for the schedule once
 * treatment is over. Routed as questions, such follow-ups come back to the
 * same card (a repeat that tells nothing new) or drift to a card on another
 * topic that shares a word ("surgery first" after a card on chemo before
 * surgery). The blind patient probe graded both as wrong.
 *
 * A facet is a kind of detail, named once here with the words that ask for
 * it; a plugin answers the detail of one topic by registering a handler for
 * the intent "TOPIC.FACET" ("se.diarrhea.medicine"). The facet is chosen by
 * the words of the follow-up; the full card stays the answer when no facet
 * the topic has fits. route.c asks this last; it calls nothing of route.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "reach.h"
#include "sandbox.h"

/* A follow-up longer than this (words) asks more than a detail. */
#define FACET_WORDS 14
/* Words of its own that name something, beyond the facet's words and the
 * topic's, that a follow-up may hold and still ask about the topic ("does
 * chemo work better then" after Ki-67: "chemo"). */
#define FACET_OWN_WORDS 0

struct facet {
	const char *name;
	const char *const *asks; /* phrases, matched whole words in the normalised text */
};

#define PHRASES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* In order of precedence: the first facet the topic answers wins, so the
 * narrower asks come first ("how long after treatment" is about after). */
static const struct facet facets[] = {
    /* What is given after the operation, asked after a card on treatment
     * before it ("and what comes after surgery?"): before "after", whose
     * "after treatment" it is not. */
    {"after_surgery",
     PHRASES("after surgery", "after the surgery", "after my surgery", "after her surgery",
             "after the operation", "after my operation", "after the op", "post surgery", "post-surgery",
             "post op", "post-op", "following surgery", "once surgery is done", "once surgery is over",
             "when surgery is done", "surgery is done", "surgery is over", "after they operate",
             "after the mastectomy", "after the lumpectomy")},
    /* The medicines given before a drug to prevent a reaction ("do I need
     * the premeds?", "is the hydrocortisone needed first?"). */
    {"premeds",
     PHRASES("premeds", "premed", "pre-meds", "pre-med", "pre meds", "pre med", "premedication",
             "premedications", "pre-medication", "pre-medications", "premedicate", "premedicated",
             "hydrocortisone", "benadryl", "diphenhydramine", "dexamethasone", "decadron", "steroid before",
             "steroids before", "meds before", "medicine before", "medicines before", "medication before",
             "medications before", "before each infusion", "before the infusion", "before every infusion",
             "before the drip", "allergy medicine", "antihistamine")},
    /* Cannabis for a symptom, asked after the symptom's card. */
    {"cannabis",
     PHRASES("cannabis", "marijuana", "marihuana", "weed", "cbd", "thc", "edibles", "gummies", "dronabinol",
             "marinol", "nabilone", "cesamet", "medical marijuana", "medicinal cannabis")},
    /* An antidepressant asked beside the drug just talked about ("is my
     * antidepressant ok with it?" after tamoxifen): an interaction. */
    {"antidepressant",
     PHRASES("antidepressant", "antidepressants", "anti-depressant", "anti-depressants", "ssri", "ssris",
             "snri", "snris", "paxil", "paroxetine", "prozac", "fluoxetine", "zoloft", "sertraline",
             "lexapro", "escitalopram", "celexa", "citalopram", "wellbutrin", "bupropion", "effexor",
             "venlafaxine", "cymbalta", "duloxetine", "pristiq", "desvenlafaxine")},
    /* Why the course is as long as it is, asked after its length ("why not
     * longer?", "why only a year?"): before how_long, whose "for good" and
     * "forever" it may hold. */
    {"why_length", PHRASES("why not longer", "why not for longer", "why only a year", "why just a year",
                           "why only one year", "why just one year", "why a year", "why one year",
                           "why not two years", "why not 2 years", "why not forever", "why not keep going",
                           "why stop at a year", "why stop after a year", "why does it stop",
                           "why do they stop", "why not keep it going", "why only 14", "why 14")},
    /* One visit, asked after the length of a course in months ("how long am
     * I in the chair each time?", "does the shot hurt?"): before how_long. */
    {"session",
     PHRASES("in the chair", "each visit", "every visit", "each infusion", "every infusion", "each session",
             "each time", "each dose", "each appointment", "per visit", "per infusion", "per session",
             "on the day", "the shot hurt", "the injection hurt", "the needle hurt", "shot hurt",
             "injection hurt", "shots hurt", "injections hurt", "does the shot", "does the injection",
             "injection sting", "shot sting", "needle sting", "how long does the infusion take",
             "how long is the infusion", "how long does the shot take", "how long is the shot")},
    {"surgery_first",
     PHRASES("surgery first", "surgery before", "operation first", "surgery straight away",
             "straight to surgery", "surgery right away", "operate first", "surgery up front",
             "upfront surgery", "surgery upfront", "surgery at the start", "have the surgery now",
             "skip the chemo before", "surgery before chemo", "surgery and then chemo")},
    {"negative", PHRASES("negative", "comes back negative", "come back negative", "not positive",
                         "no longer positive", "her2 zero", "her2 0")},
    {"positive", PHRASES("positive", "comes back positive", "still positive")},
    {"after", PHRASES("after treatment", "treatment ends", "treatment is over", "treatment finishes",
                      "treatment is done", "after i finish", "once i finish", "when i finish", "i'm done",
                      "i am done", "after it ends", "once it ends", "when it ends", "after the last",
                      "after my last", "finished treatment", "after finishing", "when i'm finished",
                      "after i'm finished", "after the year", "after a year", "afterwards", "afterward",
                      "long term", "in the long run", "down the road", "years later", "after the infusions",
                      "after herceptin ends", "once herceptin ends", "after it's over", "chemo ends",
                      "chemo is over", "chemo is done", "after chemo ends", "once chemo ends",
                      "once it's over", "when it's over", "after i stop", "once i stop")},
    {"how_often", PHRASES("how often", "how many times", "how frequently", "how frequent", "every how many",
                          "how regularly")},
    {"how_long",
     PHRASES("how long", "how soon", "when will i know", "when will we know", "when do i find out",
             "when will i find out", "when will i hear", "when do we find out", "how many rounds",
             "how many cycles", "how many sessions", "how many infusions", "how many doses",
             "how many treatments", "how many years", "how many months", "how many weeks", "how many days",
             "for how many", "until when", "go away", "goes away", "last forever", "permanent", "permanently",
             "wear off", "get better", "for life", "lifelong", "forever", "for good")},
    {"medicine",
     PHRASES("what can i take", "can i take anything", "can i take something", "anything i can take",
             "anything to take", "something to take", "what should i take", "what do i take", "medicine for",
             "medicines for", "medication for", "medications for", "meds for", "a pill for", "pills for",
             "any medicine", "any medication", "any meds", "any pills", "over the counter", "what helps",
             "what can help", "what will help", "what would help", "anything that helps", "anything to help",
             "anything for it", "something for it", "anything for that", "something for that", "imodium",
             "loperamide", "what do they give", "what can they give", "can they give me", "what medicine",
             "which medicine", "what medication", "which medication", "what meds", "what pills",
             "medicine helps", "which pills", "which pill", "what pill", "which tablets", "what tablets",
             "which drugs", "what drugs will", "which medicines", "which meds", "the pills", "help with it",
             "help with that", "helps with it", "helps with that", "pills for it", "something i can take",
             "something i could take", "anything i could take", "take for it", "take for that",
             "take for this")},
    {"response", PHRASES("work better", "work worse", "works better", "works worse", "work as well",
                         "respond better", "respond well", "respond worse", "respond", "responds", "response",
                         "more effective", "less effective", "better or worse", "worse or better",
                         "more likely to work", "less likely to work")},
    {"worse", PHRASES("worse", "more aggressive", "less aggressive", "is that bad", "is it bad",
                      "is that good", "is it good", "good or bad", "bad sign", "good sign", "dangerous",
                      "how serious", "high risk", "should i worry", "should i be worried",
                      /* A short worry after a result ("so should I be scared?"):
                       * what the result means for her, not the test's method. */
                      "scared", "afraid", "frightened", "terrified", "worried", "worry", "worrying", "panic",
                      "freak out", "freaking out", "bad thing", "bad news", "good news", "is that serious",
                      "is it serious", "how bad", "that bad", "really bad", "very bad", "so bad",
                      "is that good or bad")},
    {"breastfeeding", PHRASES("breastfeeding", "breast feeding", "breastfeed", "breast feed",
                              "nursing my baby", "breast milk", "pump milk", "pumping")},
    {"age",
     PHRASES("they're only", "they are only", "she's only", "he's only", "toddler", "toddlers", "preschool",
             "preschooler", "little ones", "teenager", "teenagers", "teen", "teens", "my age", "at my age",
             "older", "elderly", "too old", "young", "younger", "years old", "in my 70s", "in my 80s",
             "in my 60s", "in my 30s", "in my 20s", "over 70", "over 80", "over 65", "senior")},
    {"size", PHRASES("cm", "mm", "centimeter", "centimeters", "centimetre", "centimetres", "millimeter",
                     "millimeters", "inch", "inches", "how big", "tumor size", "the size", "what stage",
                     "which stage", "no nodes", "node", "nodes", "lymph nodes", "node negative",
                     "node positive", "clear nodes")},
    /* The card again in plainer words ("I still don't get it", "can you say
     * that more simply?"): last, since a detail asked in the same breath
     * wins. A topic answers it with a "TOPIC.again" handler, which the
     * engine also asks when a follow-up would get the card again word for
     * word (engine.c, said_again). */
    {"again",
     PHRASES("don't understand", "dont understand", "do not understand", "don't get it", "dont get it",
             "do not get it", "didn't get that", "didn't understand", "didnt understand", "more simply",
             "simpler", "simple words", "simple terms", "plain words", "plain english", "plain language",
             "in english", "layman's terms", "laymans terms", "for a child", "like i'm five", "like im five",
             "what does that mean for me", "what does it mean for me", "what does this mean for me",
             "means for me", "mean for me", "explain that again", "explain it again", "say that again",
             "confused", "confusing", "lost me", "too complicated", "too much", "over my head",
             "in other words", "another way", "say that simple", "say it simple", "more simple",
             "make it simple", "simple english", "simple way", "simply please", "easier words", "easy words",
             "easier way", "easy english", "my english", "english is not", "english isn't", "english isnt",
             "english is bad", "english not good", "english is poor", "not my first language",
             "not my native language")},
    /* More than the card said, with nothing named ("what else?", "so what
     * now?"): a topic may answer it with its next most useful detail
     * ("TOPIC.more"); without one, the engine says plainly that the card
     * is what it knows (engine.c, said_again). */
    {"more",
     PHRASES("what else", "anything else", "anything more", "something else", "tell me more", "more info",
             "more information", "more detail", "more details", "go on", "and then", "what now", "now what",
             "so what now", "what next", "what's next", "whats next", "what happens now", "so what",
             "what do i do now", "what do we do now", "what should i do now", "where do i go from here",
             "is that all", "is that it", "that's it")},
};

/* The facets fit in a mask of the engine's (engine_int.h, facets), with one
 * value left for "not looked up yet". */
_Static_assert(sizeof(facets) / sizeof(facets[0]) < 32, "facets fit a uint32_t mask");

/* The facets the plugins answer for topic PREV ("se.diarrhea.medicine": bit
 * of "medicine"), looked up once per intent and engine: every follow-up asks,
 * and the lookup compares every handler's name. */
static uint32_t topic_facets(hr_engine *e, const struct hr_intent *prev)
{
	size_t i = (size_t)prev->order;
	if (prev->order >= 0 && i < e->nfacets && e->facets[i] != EN_FACETS_UNKNOWN)
		return e->facets[i];
	uint32_t mask = 0;
	for (size_t f = 0; f < sizeof(facets) / sizeof(facets[0]); f++) {
		char handler[HR_NAME_MAX + 32];
		int n = snprintf(handler, sizeof(handler), "%s.%s", prev->name, facets[f].name);
		if (n >= 0 && (size_t)n < sizeof(handler) &&
		    hr_plugins_handler(e->content->plugins, handler, NULL))
			mask |= 1u << f;
	}
	if (prev->order >= 0 && i < e->nfacets)
		e->facets[i] = mask;
	return mask;
}

/* Words that name no topic of their own in a follow-up: the treatment in
 * general and the time it ends ("how long does it last after chemo ends"). */
static const char *const general[] = {
    "chemo", "chemotherapy", "treatment", "treatments", "therapy", "drug", "drugs", "medicine", "last",
    "lasts", "end", "ends", "ended", "over", "done", "finish", "finished", "then", "stop", "stops", "change",
    "changes", "happen", "happens", "go", "goes", "going", "keep", "keeps", "get", "gets", "stay", "stays",
    "different", "difference", "instead", "each", "every", "fish", "ish", "ihc", "her2", "tumor", "tumour",
    "lump", "clear", "mine", "my", "rather", "prefer", "just", "only", "want", "really", "high", "low",
    "number", "result", "score", "percent", "new", "biopsy", "test", "retest", "sample", "spot",
    /* Verbs that frame what is asked of the topic ("can I use cannabis for
     * it", "do I need the premeds") and name nothing. */
    "use", "using", "try", "trying", "need", "needed", "needs", "taking", "takes", "on", "worth",
    "beforehand", "first", "ahead",
    /* Who suggested it ("my doctor offered paxil, is that ok?"): a person,
     * not a topic. */
    "doctor", "doctors", "gp", "psychiatrist", "oncologist", "offered", "prescribed", "suggested", "wants",
    "matter", "put",
    /* Politeness and hedging around a request to say it again ("sorry, I
     * still don't get it", "please, a bit more simply"). */
    "sorry", "please", "still", "again", "bit", "little", "quite", "really", "actually"};

static size_t words_in(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p != ' ' && (p == s || p[-1] == ' ');
	return n;
}

/* The words of the facets' phrases and of GENERAL, sorted: made
 * the first time a follow-up needs them (they are constants, so one table
 * serves every worker). Looking a word up in each phrase in turn cost
 * ~160,000 instructions on a follow-up of seven words (docs/performance.md,
 * eleventh round). */
static char **known_words;
static size_t nknown_words;
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds W[0..L) to the table; 0, or -1 without room. */
static int add_known(const char *w, size_t l)
{
	if (!(known_words[nknown_words] = strndup(w, l)))
		return -1;
	nknown_words++;
	return 0;
}

static void make_known_words(void)
{
	const size_t ng = sizeof(general) / sizeof(general[0]), nf = sizeof(facets) / sizeof(facets[0]);
	size_t cap = ng;
	for (size_t f = 0; f < nf; f++) {
		for (const char *const *p = facets[f].asks; *p; p++)
			cap += words_in(*p);
	}
	if (!(known_words = malloc(cap * sizeof(*known_words))))
		return;
	int err = 0;
	for (size_t i = 0; i < ng && !err; i++)
		err = add_known(general[i], strlen(general[i]));
	for (size_t f = 0; f < nf && !err; f++) {
		for (const char *const *p = facets[f].asks; *p && !err; p++) {
			for (const char *w = *p; *w && !err;) {
				size_t l = strcspn(w, " ");
				if (l)
					err = add_known(w, l);
				w += l + (w[l] == ' ');
			}
		}
	}
	if (err) {
		/* Out of memory: no table, each phrase is read in turn. */
		while (nknown_words)
			free(known_words[--nknown_words]);
		free(known_words);
		known_words = NULL;
		return;
	}
	qsort(known_words, nknown_words, sizeof(*known_words), cmp_word);
}

/* Whether W (one word: no space) is a word of some facet's phrases or of
 * GENERAL, as en_has_word() would find it in one of them. */
int en_facet_word(const char *w)
{
	pthread_once(&known_once, make_known_words);
	if (known_words)
		return bsearch(&w, known_words, nknown_words, sizeof(*known_words), cmp_word) != NULL;
	for (size_t i = 0; i < sizeof(general) / sizeof(general[0]); i++) {
		if (strcmp(w, general[i]) == 0)
			return 1;
	}
	for (size_t f = 0; f < sizeof(facets) / sizeof(facets[0]); f++) {
		for (const char *const *p = facets[f].asks; *p; p++) {
			if (en_has_word(*p, w))
				return 1;
		}
	}
	return 0;
}

/* Whether phrase P occurs whole in S; *AT and *LEN say where. */
static int phrase_at(const char *s, const char *p, size_t *at, size_t *len)
{
	size_t l = strlen(p);
	for (const char *h = strstr(s, p); h; h = strstr(h + 1, p)) {
		if ((h == s || h[-1] == ' ') && (h[l] == ' ' || h[l] == '\0' || h[l] == '?')) {
			*at = (size_t)(h - s);
			*len = l;
			return 1;
		}
	}
	return 0;
}

/* Whether the conversation holds ENTITY = VALUE. */
static int convo_holds(const struct hr_convo *c, const char *entity, const char *value)
{
	for (size_t i = 0; i < c->ncontext; i++) {
		if (strcmp(c->context[i].name, entity) == 0 && strcmp(c->context[i].value, value) == 0)
			return 1;
	}
	return 0;
}

/*
 * The words of Q (normalised) that name something of their own: without the
 * facet's phrase (AT, LEN), and without the words of TOPIC, which the
 * follow-up may repeat ("what can I take for the diarrhea").
 */
static size_t own_words(hr_engine *e, const char *q, size_t at, size_t len, const char *topic)
{
	char rest[1024];
	size_t o = 0;
	for (const char *p = q; *p && o + 2 < sizeof(rest);) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		size_t off = (size_t)(p - q);
		char w[64];
		/* A number is a detail of the topic ("1.8 cm", "at 45"), never a new one. */
		int skip = (off >= at && off < at + len) || l >= sizeof(w) || (*p >= '0' && *p <= '9');
		if (!skip) {
			memcpy(w, p, l);
			w[l] = '\0';
			skip = en_has_word(topic, w) || en_facet_word(w);
		}
		if (!skip && o + l + 2 < sizeof(rest)) {
			if (o)
				rest[o++] = ' ';
			memcpy(rest + o, p, l);
			o += l;
		}
		p += l;
	}
	rest[o] = '\0';
	return o ? en_naming_words(e, rest) : 0;
}

/*
 * The topic intent the follow-up may ask a detail of: the previous turn's,
 * or right after an alarm (whose reply keeps its side effect as the topic:
 * engine.c), the intent the follow-up found when routed with that topic
 * ("is there anything I can take for it" after diarrhea that called for the
 * team: se.diarrhea).
 */
static const struct hr_intent *topic_intent(hr_engine *e, const struct hr_convo *convo,
                                            const struct hr_trace *t)
{
	if (en_follow_anchored(e, convo))
		return hr_intents_find(e->content->intents, convo->previous);
	if (strncmp(convo->previous, "safety.", 7) == 0 && convo->topic[0] && t->earlier &&
	    t->outcome == HR_OUTCOME_ANSWER && strcmp(t->parts[0].intent->name, "fallback") != 0)
		return t->parts[0].intent;
	return NULL;
}

void en_facet_follow(hr_engine *e, const struct hr_convo *convo, struct hr_trace *t)
{
	if (!convo || e->mode != HR_ROUTE_BOTH || !e->content->ranker || !e->content->plugins ||
	    t->focus < 0 || (size_t)t->focus != t->nsentences - 1)
		return;
	/* The follow-up's words: its sentence, and one short sentence before it
	 * ("my tumor is 1.2 cm, what stage is that"; "ok. and after
	 * treatment?"), not a story. Routed after the topic, the topic is
	 * sentence 0 (route.c) and is left out. */
	char q[1024];
	size_t first = t->earlier ? 1 : 0;
	if (t->nsentences > first + 2)
		return;
	if (t->nsentences == first + 2)
		snprintf(q, sizeof(q), "%s %s", e->snorm[first], e->snorm[t->focus]);
	else
		snprintf(q, sizeof(q), "%s", e->snorm[t->focus]);
	if (words_in(q) > FACET_WORDS)
		return;
	const struct hr_intent *prev = topic_intent(e, convo, t);
	if (!prev)
		return;
	int same = t->outcome == HR_OUTCOME_ANSWER && t->parts[0].intent == prev;
	/* The first facet, in order of precedence, whose words the follow-up
	 * has and that the topic answers decides; none, and the routing stands.
	 * Only the facets the topic answers are looked for (most topics answer
	 * none), and before the concepts below, which only matter when one is
	 * found (docs/performance.md, tenth round). */
	uint32_t answered = topic_facets(e, prev);
	const size_t nf = sizeof(facets) / sizeof(facets[0]);
	size_t f, at = 0, len = 0;
	for (f = 0; f < nf; f++) {
		if (!(answered >> f & 1))
			continue;
		int hit = 0;
		for (const char *const *p = facets[f].asks; *p && !hit; p++)
			hit = phrase_at(q, *p, &at, &len);
		if (hit)
			break;
	}
	if (f == nf)
		return;
	/* A drug or regimen named that the conversation does not hold ("what
	 * about on tucatinib") asks about something else, unless the question
	 * came back to the same topic anyway; other values ("clear nodes", "3+")
	 * are details of the topic. */
	if (!same) {
		struct hr_concepts cs;
		hr_ranker_concepts(e->content->ranker, q, &cs);
		for (size_t i = 0; i < cs.n; i++) {
			if (cs.c[i].value &&
			    (strcmp(cs.c[i].entity, "drug") == 0 || strcmp(cs.c[i].entity, "regimen") == 0) &&
			    !convo_holds(convo, cs.c[i].entity, cs.c[i].value) &&
			    !en_has_word(convo->topic, cs.c[i].value))
				return;
		}
	}
	/* With words of its own that name another thing ("how long does
	 * neuropathy last" after diarrhea), the question is not a detail of the
	 * topic. */
	if (!same && own_words(e, q, at, len, convo->topic) > FACET_OWN_WORDS)
		return;
	if (!same) {
		memset(&t->parts[0], 0, sizeof(t->parts[0]));
		t->parts[0].intent = prev;
	}
	t->outcome = HR_OUTCOME_ANSWER;
	t->nparts = 1;
	t->nclarify = 0;
	t->facet = facets[f].name;
	t->rule = "a follow-up asks a detail (a facet) of the previous answer's topic";
}

/*
 * A request to hear the last answer again, not in other words ("say that
 * again", "can you repeat that", "what did you say?", "sorry I missed that",
 * "again please": clinical review 2026-12-07, where each fell back or
 * reached another card). Short messages only: "what did you say about the
 * heart" asks a detail. The topic's own card answers it, and the engine says
 * it as a repeat (engine.c, said_again).
 */
#define REPEAT_WORDS 6
static const char *const repeat_asks[] = {"say that again",
                                          "say it again",
                                          "say again",
                                          "say that once more",
                                          "say it once more",
                                          "repeat that",
                                          "repeat it",
                                          "repeat yourself",
                                          "repeat the answer",
                                          "repeat your answer",
                                          "repeat what you said",
                                          "repeat please",
                                          "please repeat",
                                          "can you repeat",
                                          "could you repeat",
                                          "what did you say",
                                          "what was that",
                                          "missed that",
                                          "missed what you said",
                                          "missed it",
                                          "didn't catch that",
                                          "didnt catch that",
                                          "did not catch that",
                                          "didn't catch it",
                                          "didnt catch it",
                                          "didn't hear that",
                                          "didnt hear that",
                                          "did not hear that",
                                          "didn't hear you",
                                          "didnt hear you",
                                          "come again",
                                          "again please",
                                          "again pls",
                                          "one more time please",
                                          "tell me again",
                                          "tell me that again",
                                          "go over that again",
                                          "run that by me again",
                                          NULL};

/* Words that may stand around the request ("sorry, could you repeat that
 * please"): any other word makes it a question of its own ("what was that
 * trial called"). */
static const char *const repeat_polite[] = {
    "sorry", "please", "pls",  "plz",  "can",   "could", "would", "you", "i",  "oh",  "um",      "uh", "ok",
    "okay",  "hey",    "wait", "just", "again", "that",  "me",    "it",  "so", "for", "quickly", NULL};

static int repeat_polite_only(const char *q, size_t at, size_t len)
{
	for (const char *w = q; *w;) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (!n)
			break;
		size_t off = (size_t)(w - q);
		if (off < at || off >= at + len) {
			int ok = 0;
			for (const char *const *p = repeat_polite; *p && !ok; p++)
				ok = strlen(*p) == n && strncmp(w, *p, n) == 0;
			if (!ok)
				return 0;
		}
		w += n;
	}
	return 1;
}

int en_repeat_asked(const char *q)
{
	size_t at, len;
	if (!q || words_in(q) > REPEAT_WORDS)
		return 0;
	/* "Pardon?" alone, not "pardon my french, chemo is awful". */
	if (phrase_at(q, "pardon", &at, &len) && repeat_polite_only(q, at, len))
		return 1;
	for (const char *const *p = repeat_asks; *p; p++) {
		if (phrase_at(q, *p, &at, &len) && repeat_polite_only(q, at, len))
			return 1;
	}
	return 0;
}

void en_repeat_follow(hr_engine *e, const struct hr_convo *convo, struct hr_trace *t)
{
	if (!convo || !e->content->intents || t->focus < 0 || (size_t)t->focus != t->nsentences - 1 ||
	    !en_repeat_asked(e->snorm[t->focus]))
		return;
	const struct hr_intent *prev = topic_intent(e, convo, t);
	if (!prev)
		return;
	if (!(t->outcome == HR_OUTCOME_ANSWER && t->parts[0].intent == prev)) {
		memset(&t->parts[0], 0, sizeof(t->parts[0]));
		t->parts[0].intent = prev; /* the conversation's slots fill it */
	}
	t->outcome = HR_OUTCOME_ANSWER;
	t->nparts = 1;
	t->nclarify = 0;
	t->facet = NULL;
	t->rule = "a follow-up asks to hear the previous answer again";
}

int en_facet_asked(const char *q, const char *facet)
{
	size_t at, len;
	for (size_t f = 0; f < sizeof(facets) / sizeof(facets[0]); f++) {
		if (strcmp(facet, facets[f].name) != 0)
			continue;
		for (const char *const *p = facets[f].asks; *p; p++) {
			if (phrase_at(q, *p, &at, &len))
				return 1;
		}
	}
	return 0;
}

int hr_facet_known(const char *facet)
{
	for (size_t f = 0; f < sizeof(facets) / sizeof(facets[0]); f++) {
		if (strcmp(facet, facets[f].name) == 0)
			return 1;
	}
	return 0;
}
