/*
 * The plugin host: every plugin file (plugins/NAME.lua) runs in its own Lua 5.4 state with an
 * allow-listed standard library, a memory cap (custom allocator) and, on every
 * call, a budget of the thread's CPU time (a per-thread timer, or a count hook
 * when an instruction cap is set) that a plugin's own pcall cannot swallow. The SDK in lua/herald.lua is
 * loaded into each state first and injected as the global `herald`.
 *
 * This file's implementation (sandbox.c) and config_lua.c are the only places
 * that include lua.h. Callers see plain C types.
 */
#ifndef HERALD_SANDBOX_H
#define HERALD_SANDBOX_H

#include <stddef.h>

#include "answer.h"
#include "diag.h"
#include "intent.h"

struct hr_plugin_limits {
	size_t memory_bytes;        /* per plugin state */
	unsigned call_ms;           /* CPU-time budget of one answer */
	unsigned load_ms;           /* CPU-time budget of running a plugin file at load */
	unsigned long instructions; /* instruction budget of one call (0: none) */
};

/* What a plugin handler sees of a question. Borrowed for the call only. */
struct hr_request {
	const char *intent;
	const char *text;    /* the sentence that asks, normalised */
	const char *message; /* every sentence of the message, normalised; NULL: same as text */
	const struct hr_slot *slots;
	size_t nslots;
	const struct hr_slot *context; /* facts remembered from earlier turns */
	size_t ncontext;
	const char *previous; /* the previous turn's intent, or NULL */
};

/* A read-only view of one loaded plugin. */
struct hr_plugin_info {
	const char *name; /* file name without .lua */
	const char *path;
	const char *reviewed;    /* "YYYY-MM-DD" or "" when the plugin did not say */
	const char *review_by;   /* "YYYY-MM-DD" or "" */
	const char *reviewed_by; /* who last reviewed it (herald.about), or "" */
	const char *title;       /* herald.about's title, or "" */
	size_t nhandlers;
	const char *const *handlers; /* intent names it answers */
	size_t memory_bytes;         /* what its state uses now */
};

typedef struct hr_plugins hr_plugins;

/*
 * A draft (docs/plugins.md, Drafts): a plugin with herald.about{ draft = true },
 * loaded and checked but never served. LINES are where placeholder text (a
 * string with TODO in it) is still to be replaced.
 */
#define HR_DRAFT_LINES 16
struct hr_plugin_draft {
	char *path;
	int lines[HR_DRAFT_LINES];
	size_t nlines;   /* at most HR_DRAFT_LINES are kept */
	size_t ntodo;    /* how many there are in all */
	char **handlers; /* the intents it would answer */
	size_t nhandlers;
};

/* The drafts skipped while loading, in load order. */
size_t hr_plugins_draft_count(const hr_plugins *set);
const struct hr_plugin_draft *hr_plugins_draft(const hr_plugins *set, size_t i);
/* Whether a draft would answer INTENT: the intent waits for it, rather than
 * missing a plugin. */
int hr_plugins_draft_answers(const hr_plugins *set, const char *intent);

/* Returns an empty set, or NULL when out of memory. SDK_PATH is lua/herald.lua. */
hr_plugins *hr_plugins_new(const char *sdk_path, const struct hr_plugin_limits *limits);

/*
 * Reads the respellings (a word said as other words: "her2 = her two") of the
 * pronunciation lexicon at PATH (voice/lexicon.txt, lexicon.h), the one list
 * of them: herald.speech says them in every plugin loaded after this call,
 * as the voice path's synthesiser does. A missing file leaves the speech
 * form without respellings; another error goes to DIAG. Returns 0 or -errno.
 */
int hr_plugins_set_lexicon(hr_plugins *set, const char *path, hr_diag_fn diag, void *ud);

/*
 * Loads one plugin file as text (never bytecode) and runs it under the load
 * budget. A plugin that fails (syntax error, forbidden call, budget, a handler
 * for an intent another plugin already answers) is reported through DIAG as
 * file:line and not added; the set stays usable. A draft is checked the same
 * way, then kept aside (hr_plugins_draft()) instead of added; placeholder
 * text (TODO) outside a draft is an error.
 * Returns 0, -EINVAL when the plugin failed, or -ENOMEM.
 */
int hr_plugins_add_file(hr_plugins *set, const char *path, hr_diag_fn diag, void *ud);

/* Adds every *.lua file of DIR in name order; returns 0, -EINVAL if any failed, or -errno. */
int hr_plugins_add_dir(hr_plugins *set, const char *dir, hr_diag_fn diag, void *ud);

/* Runs a full garbage collection in every plugin state, so memory that
 * answers left behind is freed now rather than at the next cycle. For idle
 * moments: its cost grows with the plugins' heaps. */
void hr_plugins_collect(hr_plugins *set);

/* With ON, the plugins' garbage is collected only by
 * hr_plugins_collect_due(), between calls, and in full when an allocation
 * would pass a plugin's memory cap; never in the middle of an answer as
 * Lua's own collector does, which made one answer in a few hundred pay for
 * the garbage of the ones before (docs/performance.md, ninth round). For a
 * server, which calls hr_plugins_collect_due() once its replies are out.
 * Applies to the plugins loaded later too. */
void hr_plugins_defer_gc(hr_plugins *set, int on);

/* With deferred collection, does the collector's work the calls since the
 * last time made due: a step proportional to what they allocated, or
 * nothing while the heap is below the size that starts a cycle. Cheap when
 * nothing is due. */
void hr_plugins_collect_due(hr_plugins *set);

/* The real-time signal the budget timers send to their own thread (include
 * <signal.h> to use it): the process leaves it to the sandbox, which installs
 * its handler at the first call and falls back to a count hook if another
 * handler is there already. A thread's timer ticks while the thread uses CPU
 * and has called a plugin lately (at most two signals after its last call),
 * so a thread that runs plugins must restart a system call that fails with
 * EINTR; the handler is installed with SA_RESTART, which does it for most. */
#define HR_PLUGINS_SIGNAL (SIGRTMIN + 4)

/*
 * Deletes the calling thread's budget timer, made at its first call into a
 * plugin (sandbox_budget.c): for a thread that ran plugins, before it ends
 * (the daemon's workers, the CLI's main thread). A thread that does not call
 * it has its timer deleted when it exits; calling it twice, or in a thread
 * without one, does nothing, and a later call makes a new timer.
 */
void hr_plugins_thread_end(void);

/* Frees every state; NULL is accepted. */
void hr_plugins_free(hr_plugins *set);

size_t hr_plugins_count(const hr_plugins *set);
int hr_plugins_info(const hr_plugins *set, size_t i, struct hr_plugin_info *out);

/* Returns the name of the plugin that answers INTENT (preferring PLUGIN when
 * given), or NULL when none does. */
const char *hr_plugins_handler(const hr_plugins *set, const char *intent, const char *plugin);

/*
 * Calls the handler for RQ->intent (in PLUGIN when given) under the call budget
 * and converts its reply into OUT (which must be empty). The reply is checked:
 * text is required; sources, suggestions and remembered facts are bounded.
 * On failure OUT is left empty, and ERR (capacity ERRCAP) holds a log-safe
 * reason naming the plugin, file and line, never the user's words.
 * Returns 0, -ENOENT (no handler), -ETIME (budget), -ENOMEM (memory cap) or
 * -EINVAL (the plugin raised an error or returned a bad reply).
 */
int hr_plugins_call(hr_plugins *set, const char *plugin, const struct hr_request *rq, struct hr_answer *out,
                    char *err, size_t errcap);

#endif
