/*
 * The engine's private header: an engine instance and what its files
 * share. route.c understands a question (which intent, which slots), with
 * route_followup.c for what the turn before lends it; engine.c loads content
 * and answers. Only these files include them.
 */
#ifndef HERALD_ENGINE_INT_H
#define HERALD_ENGINE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

struct hr_engine {
	struct hr_content *content;
	hr_matcher *matcher;
	hr_safety *safety;
	hr_ranker_scratch *rs;
	enum hr_route_mode mode;
	struct hr_match *scratch_match; /* a second match, for other sentences and clauses */
	char (*snorm)[1024];            /* each sentence normalised and spelling-corrected */
	char *smessage;                 /* the sentences joined: what plugins see as q.message */
	int defer_gc;                   /* hr_engine_defer_gc() */
	/* Per intent (by its order), the facets the plugins answer for it, one
	 * bit each, or EN_FACETS_UNKNOWN until a follow-up first asks
	 * (route_facet.c); made again with the content. */
	uint32_t *facets;
	size_t nfacets;
	/* A follow-up's routing alone and its normalised sentences, kept while
	 * it is routed again after the previous turn's topic, for when that
	 * routing is not kept (en_route); NULL until a follow-up first needs
	 * them. */
	struct hr_trace *alone;
	char (*alone_norm)[1024];
	/* Topics the safety check found calm alone (en_safety_after_topic),
	 * direct-mapped by their hash: a follow-up's topic is checked alone at
	 * every turn and stays the same for many turns (~15,000 instructions a
	 * check; docs/performance.md, thirteenth round). The check reads only
	 * the text, so an entry holds for the engine's life. NULL until the
	 * first topic. */
	char (*calm_topics)[HR_TOPIC_MAX];
};

#define EN_CALM_TOPICS 64

#define EN_FACETS_UNKNOWN UINT32_MAX

/* Slot values named in the message: in the focus sentence first, then anywhere. */
struct named {
	size_t n;
	struct hr_slot v[HR_MAX_SLOTS * 2];
	int in_focus[HR_MAX_SLOTS * 2];
	int past[HR_MAX_SLOTS * 2]; /* named as done with: "after herceptin", "had perjeta" */
};

/* engine.c */

/* route.c */
void en_named_add(struct named *nm, const struct hr_concepts *cs, int focus, const char *text);
const char *en_named_get(const struct named *nm, const char *name);
int en_route(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len, struct hr_trace *t,
             int check_plugin);

/* route_safety.c: the safety check of a follow-up, with the turn before it */

/* Right after an alarm: a sign told that the rules held for want of context
 * alerts, no higher than the alarm (OUT holds the message's own result). */
void en_safety_after_alarm(const struct hr_convo *convo, const char *text, size_t len,
                           struct hr_safety_result *out);
/* A calm short message read again after the previous turn's topic; an alert
 * found there replaces OUT's tier (its decision stays the message's own). */
/* Right after an alarm, a message putting the call off gets the alarm again. */
void en_safety_alarm_put_off(const struct hr_convo *convo, const char *text, size_t len,
                             struct hr_safety_result *out);
void en_safety_after_topic(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len,
                           struct hr_safety_result *out);

/* The topic kept after alarm S (told in TEXT[0..LEN)): its group's side
 * effect and the drug named ("heart problems herceptin"), into OUT (CAP
 * bytes); "" for an alarm with none (a crisis, an emergency). */
void en_alarm_topic(hr_engine *e, const struct hr_safety_result *s, const char *text, size_t len, char *out,
                    size_t cap);

/* route_followup.c: what a turn lends the one after it */

/* A follow-up routed alone (rc 0) into T, then after the topic: en_keep_alone
 * keeps T and the sentences it read (0, or -ENOMEM with nothing kept), and
 * en_back_to_alone puts them back into the same T (returns 0). */
int en_keep_alone(hr_engine *e, const struct hr_trace *t);
int en_back_to_alone(hr_engine *e, struct hr_trace *t);

/* The topic a follow-up may point back to, after routing T (docs/intents.md,
 * Conversation): the words of the question the ranker knows, with those of
 * the sentence it leaned on, or with BEFORE (the previous topic) when the
 * question pointed back to it. Into OUT (CAP bytes); "" when there is none. */
void en_topic(hr_engine *e, const struct hr_trace *t, const char *before, char *out, size_t cap);

/* Whether normalised S holds the word W whole. */
int en_has_word(const char *s, const char *w);
/* Whether S points back ("is this normal", "could that be it", "will they stop"). */
int en_points_back(const char *s);
/* Whether S points back to the previous turn: as above, or a person named
 * before ("can she fly"). */
int en_points_back_turn(const char *s);
/* Whether the previous turn answered a topic of the content (not small
 * talk, the fallback, a clarify or a safety reply): its follow-up is about
 * cancer care even when it names none. */
int en_follow_anchored(const hr_engine *e, const struct hr_convo *convo);
/* Whether S carries on from the previous turn by its opening words ("what
 * about ...", "and ..."). */
int en_follow_continues(const char *s);
/* The content words of normalised Q that name something: not those that only
 * frame a question ("how often", "is that normal"). */
size_t en_naming_words(hr_engine *e, const char *q);
/* In one walk of normalised Q: the words that name something (as
 * en_naming_words), and how many of the ranker's content words only frame the
 * question ("long", "longer", "often") in *NFRAMING, with how many of those
 * the ranker knows in *KFRAMING. Any output may be NULL. */
void en_follow_words(hr_engine *e, const char *q, size_t *naming, size_t *nframing, size_t *kframing);

/* route_facet.c */

/* After routing T: a short follow-up that asks a detail of the previous
 * answer's topic, one its plugin answers ("TOPIC.FACET"), is answered with it
 * (T's pick becomes the topic, T->facet names the detail). */
void en_facet_follow(hr_engine *e, const struct hr_convo *convo, struct hr_trace *t);
/* Whether W (one word) is a word of some facet's phrases, or one of the
 * general words a follow-up may frame a detail with: not a word of its own. */
int en_facet_word(const char *w);
/* Whether normalised Q holds one of the phrases that ask for FACET ("again":
 * "I still don't get it"; "more": "what else?"), the facet route_facet.c
 * names; 0 for a name it does not know. */
int en_facet_asked(const char *q, const char *facet);
/* Whether normalised Q, a short message, asks to hear the last answer again
 * ("say that again", "can you repeat that", "sorry, I missed that"). */
int en_repeat_asked(const char *q);
/* After routing T: a request to hear the previous answer again is answered
 * by the previous answer's topic, not routed as a question of its own. */
void en_repeat_follow(hr_engine *e, const struct hr_convo *convo, struct hr_trace *t);

#endif
