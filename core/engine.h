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
#include "safety.h"
#include "sandbox.h"

/* What one conversation remembers between turns. Plain data: copy freely. */
struct hr_convo {
	char previous[HR_NAME_MAX]; /* the last turn's intent */
	size_t ncontext;
	struct hr_slot context[HR_MAX_SLOTS]; /* slots and remembered facts, newest wins */
};

/* Loaded, compiled content: an immutable generation, swapped whole on reload. */
struct hr_content {
	hr_intents *intents;
	hr_plugins *plugins;
	int plugin_errors; /* how many plugins failed to load */
};

/* How a question was handled, for debug output and the log (no user text). */
struct hr_trace {
	struct hr_match match;
	const struct hr_candidate *chosen; /* NULL: safety reply or fallback */
	struct hr_safety_result safety;
	int plugin_rc; /* 0, or why the plugin failed */
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

/* Points the engine at another content generation (for reloads). */
int hr_engine_set_content(hr_engine *e, struct hr_content *content);

/* Housekeeping for a quiet moment (no client connected): frees what the
 * plugins' Lua states hold as garbage. */
void hr_engine_idle(hr_engine *e);

/*
 * Answers TEXT[0..LEN) in conversation CONVO (updated in place) into OUT,
 * which must be empty. TRACE may be NULL. Always produces an answer when it
 * returns 0: a failing plugin yields a polite apology, no match the fallback.
 * Returns 0, -EINVAL (TEXT is not valid UTF-8 or is empty) or -ENOMEM.
 */
int hr_engine_ask(hr_engine *e, struct hr_convo *convo, const char *text, size_t len,
		  struct hr_answer *out, struct hr_trace *trace);

#endif
