/*
 * The engine: what happens to one question, independent of how it arrived.
 *   normalise -> safety check (fixed, in C) -> intent match -> plugin -> answer.
 * It owns the loaded content (intents and plugins) and knows nothing of the
 * event loop or the network, so `herald ask`, `herald check`, the daemon and
 * the tests all share it.
 *
 * One engine per thread: it holds PCRE2 scratch space and Lua states.
 */
#ifndef HERALD_ENGINE_H
#define HERALD_ENGINE_H

#include <stddef.h>

#include "answer.h"
#include "config.h"
#include "diag.h"
#include "intent.h"
#include "ranker.h"
#include "safety.h"
#include "sandbox.h"

/* The longest topic a conversation keeps (bytes, with the NUL). */
#define HR_TOPIC_MAX 160

/* What one conversation remembers between turns. Plain data: copy freely. */
struct hr_convo {
	char previous[HR_NAME_MAX]; /* the last turn's intent */
	size_t ncontext;
	struct hr_slot context[HR_MAX_SLOTS]; /* slots and remembered facts, newest wins */
	/* The words of the last question that the ranker knows ("port", "fish
	 * test"), for a follow-up that points back to it ("does it hurt?"):
	 * docs/intents.md, Conversation. Empty after a fallback, a crisis or an
	 * emergency; after an alarm about a side effect, that side effect. */
	char topic[HR_TOPIC_MAX];
};

/* Loaded, compiled content: an immutable generation, swapped whole on reload. */
struct hr_content {
	hr_intents *intents;
	hr_ranker *ranker; /* built from the intents at every load (ranker.h) */
	hr_plugins *plugins;
	int plugin_errors; /* how many plugins failed to load */
};

#define HR_MAX_SENTENCES 24
#define HR_MAX_CLARIFY 3

/* One sentence of a message: where it is in the text as sent, whether it asks
 * something, and how much it weighs in routing (docs/intents.md, Focus). */
struct hr_sentence {
	int start, len;
	int asks;
	float weight;
};

/* What routing decided. */
enum hr_outcome {
	HR_OUTCOME_ANSWER = 0, /* one intent answers (two for a two-part question) */
	HR_OUTCOME_CLARIFY,    /* a short question back, offering a few intents */
	HR_OUTCOME_FALLBACK,   /* nothing fits: the fallback answer */
};

/* Which stages route: both (the default), or one alone for `herald check --cv`. */
enum hr_route_mode {
	HR_ROUTE_BOTH = 0,
	HR_ROUTE_PATTERNS,
	HR_ROUTE_RANKER,
};

/* An intent chosen to answer, with the slots its answer uses. */
struct hr_pick {
	const struct hr_intent *intent;
	size_t nslots;
	struct hr_slot slots[HR_MAX_SLOTS];
};

/* How a question was handled, for debug output and the log (no user text). */
struct hr_trace {
	struct hr_safety_result safety;
	int plugin_rc;                     /* 0, or why the plugin failed */
	const struct hr_candidate *chosen; /* the pattern candidate that won, or NULL */
	enum hr_outcome outcome;
	const char *rule; /* the rule that chose, in words (static) */
	size_t nsentences;
	struct hr_sentence sentences[HR_MAX_SENTENCES];
	int focus;  /* the sentence routed (index into sentences) */
	int ranked; /* the ranker was consulted */
	int thin;   /* the focus sentence says little itself: the story weighs more */
	int care;   /* the message names cancer care (docs/intents.md, How the two stages combine) */
	int joined; /* the pattern matched the question with the sentence before it: 1 only
	             * the sentence's words, 2 into the question's own */
	/* The question pointed back to the previous turn and was routed with its
	 * topic as sentence 0 (docs/intents.md, Conversation): these are its words
	 * (the engine's, valid until the next question), else NULL. */
	const char *earlier;
	struct hr_ranking ranking;
	size_t nparts; /* intents that answer: 1, or 2 for a two-part question */
	struct hr_pick parts[2];
	const char *part_rule; /* why there is a second part */
	/* The detail of the previous answer's topic the follow-up asks, answered
	 * by the handler "INTENT.FACET" (route_facet.c), or NULL. Static. */
	const char *facet;
	size_t nclarify;
	const struct hr_intent *clarify[HR_MAX_CLARIFY];
	struct hr_match match; /* the patterns on the focus sentence */
	char plugin_err[512];
};

typedef struct hr_engine hr_engine;

/*
 * Loads the intents and plugins named by CFG into a new content generation.
 * Problems go to DIAG as file:line messages. Intent errors fail the load
 * (-EINVAL); a plugin that fails is left out and counted in plugin_errors.
 */
int hr_content_load(const struct hr_config *cfg, hr_diag_fn diag, void *ud, struct hr_content *out);
void hr_content_free(struct hr_content *c);

/* Creates an engine over CONTENT (borrowed: it must outlive the engine). */
int hr_engine_new(struct hr_content *content, hr_engine **out);
void hr_engine_free(hr_engine *e);

/* Sets which stages route (HR_ROUTE_BOTH unless measuring, see hr_route_mode). */
void hr_engine_set_mode(hr_engine *e, enum hr_route_mode mode);

/*
 * For measuring only (bench/route_scores): replaces the routing thresholds of
 * MODEL's scores (answer, clarify, offer, overrule, lead, review; route.c) for
 * the whole process. Not for a running daemon: the workers read them unlocked.
 */
void hr_engine_measure_thresholds(enum hr_ranker_model model, const float v[6]);
/* Writes MODEL's routing thresholds, in hr_engine_measure_thresholds' order, to V. */
void hr_engine_thresholds(enum hr_ranker_model model, float v[6]);

/*
 * Routes TEXT[0..LEN) in conversation CONVO (read, not changed) without
 * answering it: the safety check, the focus, the patterns, the ranker and the
 * rule that combines them, all recorded in TRACE. Returns 0 or -EINVAL (not
 * valid UTF-8, or empty), or -ENOMEM. `herald check --cv` measures with it.
 */
int hr_engine_route(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len,
                    struct hr_trace *trace);

/* Points the engine at another content generation (for reloads). */
int hr_engine_set_content(hr_engine *e, struct hr_content *content);

/* Housekeeping for a quiet moment (no client connected): frees what the
 * plugins' Lua states hold as garbage. */
void hr_engine_idle(hr_engine *e);

/* With ON, the plugins' garbage is collected by hr_engine_collect_due() and
 * never in the middle of an answer (hr_plugins_defer_gc); it stays so for
 * later content generations (hr_engine_set_content). For a server. */
void hr_engine_defer_gc(hr_engine *e, int on);

/* The plugins' garbage collection the answers since the last call made due,
 * in small steps: the server calls it when its loop is about to wait, after
 * its replies have been written. Does nothing without hr_engine_defer_gc. */
void hr_engine_collect_due(hr_engine *e);

/*
 * Answers TEXT[0..LEN) in conversation CONVO (updated in place) into OUT,
 * which must be empty. TRACE may be NULL. Always produces an answer when it
 * returns 0: a failing plugin yields a polite apology, no match the fallback.
 * Returns 0, -EINVAL (TEXT is not valid UTF-8 or is empty) or -ENOMEM.
 */
int hr_engine_ask(hr_engine *e, struct hr_convo *convo, const char *text, size_t len, struct hr_answer *out,
                  struct hr_trace *trace);

#endif
