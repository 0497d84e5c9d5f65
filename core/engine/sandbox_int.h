/*
 * The sandbox's private header: a loaded plugin, the set of plugins, the
 * limits, and what sandbox.c (loading, budgets, calls) and sandbox_lib.c (the
 * bounded string and table functions plugins get) share. Only these files
 * include it.
 */
#ifndef HERALD_SANDBOX_INT_H
#define HERALD_SANDBOX_INT_H

#include <lua.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "sandbox.h"

#define HOOK_EVERY 1000
/* Visits of the hook and entries of bounded C functions between two reads of
 * the budget's clock. CLOCK_THREAD_CPUTIME_ID is a system call, not a vDSO
 * read: reading it at every visit was ~9% of a worker's time under load
 * (docs/performance.md). Eight visits are at most ~8,000 instructions, tens of
 * microseconds, against a budget of milliseconds. */
#define CLOCK_EVERY 8
#define KILL_MESSAGE "herald: time budget exceeded"

/* The longest text or speech an answer may carry. One place for it: the SDK
 * gets it through its host table. */
#define ANSWER_TEXT_MAX 8192

/* The longest string a plugin may build: eight times the longest answer. A
 * call on the question text may make strings twice its length (lower(),
 * gsub), so the cap of a call is never below that. */
#define STRING_MAX (64 * 1024)
/* A string object's header beside its bytes (TString), with room to spare. */
#define STRING_OVERHEAD 64
/* Growth of a state's memory between two looks at the clock. */
#define ALLOC_CHECK_BYTES (1024 * 1024)
/* Elements table.move moves between two looks at the budget. */
#define MOVE_CHUNK 4096

struct plugin {
	char *name;
	char *path;
	lua_State *L;
	struct sb_pool *pool; /* the set's, where the state's small blocks live */
	size_t mem, mem_cap;
	int alloc_failed;
	int dispatch_ref; /* registry ref of the SDK's dispatcher */
	int handlers_ref; /* registry ref of the handlers table */
	/* Registry refs of the request table handed to the dispatcher and of its
	 * slots and context tables: made at the first call and refilled for every
	 * question (hr_plugins_call), LUA_NOREF until then. */
	int request_ref, slots_ref, context_ref;
	char reviewed[16], review_by[16];
	char reviewed_by[128]; /* who reviewed it, as herald.about gave it */
	char title[128];
	char **handlers;
	size_t nhandlers;
	/* Budget of the call in progress. The deadline is set at the call's
	 * first look at the clock (sb_past()), not at its start: see there. */
	struct timespec deadline;
	int deadline_set;
	unsigned budget_ms;
	unsigned long instr_left;
	/* Over its budget: set by the hook, a bounded C function or the timer's
	 * signal handler (sandbox_budget.c), read by all of them. */
	volatile sig_atomic_t killed;
	int timed;                /* the call is timed by the thread's timer, not the count hook */
	int calling;              /* inside call_budgeted(): the limits below apply */
	size_t string_max;        /* the longest string the call may build */
	size_t grown;             /* bytes allocated since the clock was last read */
	int string_refused;       /* the call tried to build a longer string */
	unsigned sort_countdown;  /* comparisons until table.sort reads the clock */
	unsigned clock_countdown; /* visits until the hook or a C function reads the clock */
	/* The collector between calls (hr_plugins_defer_gc, sandbox.c). */
	int gc_cycle;    /* a cycle is under way */
	size_t gc_seen;  /* MEM at the last step, or when a cycle last ended */
	size_t gc_start; /* MEM at which the next cycle starts */
};

struct hr_plugins {
	char *sdk_path;
	char *sdk_src;
	size_t sdk_len;
	struct hr_plugin_limits limits;
	struct plugin **v;
	size_t n;
	struct hr_plugin_draft *drafts; /* plugins skipped as drafts, never served */
	size_t ndrafts;
	/* The lexicon's respellings (hr_plugins_set_lexicon()), handed to the
	 * SDK for herald.speech: "word\0spoken\0" pairs, words lower case. */
	char *respell;
	size_t respell_len;
	int defer_gc;         /* hr_plugins_defer_gc() */
	struct sb_pool *pool; /* the small blocks of every state of the set */
};

/* sandbox_budget.c */
void sb_kill(struct plugin *p);
/* Raises the kill error (the call in progress is killed). */
void sb_raise_kill(lua_State *L);
struct plugin *sb_plugin_of(lua_State *L);
/* Whether the call in progress is past its CPU deadline (a read of the
 * clock; the first one of a call sets the deadline). */
int sb_past(struct plugin *p);
void sb_check_budget(lua_State *L, struct plugin *p);
/* Starts a call's budget: MS of CPU time, INSTR instructions (0: no count),
 * strings of at most STRING_MAX bytes. */
void sb_start_budget(struct plugin *p, unsigned ms, unsigned long instr, size_t string_max);
/* Ends it: the timer disarmed, the hook removed. */
void sb_end_budget(struct plugin *p);

/* sandbox_pool.c: the plugin states' small blocks, in size classes shared by
 * the states of one set (one thread at a time). sb_pool_realloc() is a Lua
 * allocator's work without the accounting: OSIZE is the block's size when
 * PTR is not NULL (Lua always knows it), NSIZE 0 frees. On failure it returns
 * NULL and leaves the old block as it was. sb_pool_free() frees every slab,
 * so every state using the pool must be closed first; NULL is accepted. */
struct sb_pool;
struct sb_pool *sb_pool_new(void);
void *sb_pool_realloc(struct sb_pool *pool, void *ptr, size_t osize, size_t nsize);
void sb_pool_free(struct sb_pool *pool);

/* sandbox_lib.c */
int sb_l_setmetatable(lua_State *L);
void sb_wrap(lua_State *L, const char *name, lua_CFunction fn);
void sb_bound_library(lua_State *L, const char *lib);

#endif
