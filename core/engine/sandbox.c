/*
 * The plugin host. One Lua state per plugin; see sandbox.h for the contract.
 *
 * The sandbox, following Redis and HAProxy:
 *  - only text chunks are loaded (mode "t"); string.dump, load, loadfile,
 *    dofile, require, package, io, debug, coroutine and all of os except
 *    time/date/clock are absent;
 *  - a custom allocator enforces a per-state memory cap;
 *  - a call's CPU budget is timed on the calling thread's CPU clock
 *    (BUDGET_CLOCK in sandbox_budget.c): by a periodic POSIX timer of the
 *    thread, which a call neither arms nor disarms, whose signal reads the
 *    clock and, past the budget, marks the call killed and sets a hook (as
 *    lua.c stops a script at SIGINT); or, when the call has an
 *    instruction cap (tests) or the thread has no timer, by a count hook
 *    that counts the instructions and reads the clock. Once the budget is
 *    gone a hook fires on every instruction and the sandbox's pcall/xpcall
 *    re-raise, so a plugin cannot catch its way past the limit.
 *
 * A hook runs between instructions, never inside one C call, so the C
 * functions a plugin can reach are bounded too (issue 21; docs/security.md,
 * "Plugins"): each looks at the budget (under the timer, the mark its signal
 * set; under the hook, the clock):
 *  - a string a plugin builds is at most string_max bytes (the allocator
 *    refuses longer ones), so no single string operation is long;
 *  - the allocator looks at the budget every ALLOC_CHECK_BYTES of growth, so a
 *    loop of large string.rep, concatenations or table.concat ends with the
 *    budget;
 *  - string.find, match, gmatch and gsub use luapat.c, Lua's own matcher
 *    with its steps counted, so a backtracking pattern is stopped mid-match;
 *    plain searches use memmem(), which is linear;
 *  - string.rep refuses a result over string_max before building it;
 *  - table.move runs in chunks, table.sort compares through a budgeted
 *    function, and table.insert, remove, concat and unpack check the budget
 *    before each call (their cost grows with the table, which the memory cap
 *    bounds);
 *  - setmetatable refuses __gc and __mode: a finaliser would run outside
 *    any call (at collection or lua_close), and weak tables can make one
 *    garbage collection quadratic;
 *  - the answer is read back with raw accesses, so no metamethod of the
 *    plugin runs after its budget ends.
 *
 * Files: this one loads plugins and calls them; sandbox_budget.c counts a
 * call's budget (the timer, the hook, the clock, the kill), which both this file and
 * sandbox_lib.c, the bounded string and table functions, use;
 * sandbox_pool.c holds the states' small blocks for l_alloc; sandbox_int.h
 * is what they share.
 */
#include "sandbox.h"

#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dirlist.h"
#include "lexicon.h"
#include "log.h"
#include "luapat.h"
#include "util.h"

#include "sandbox_int.h"

static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct plugin *p = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		sb_pool_realloc(p->pool, ptr, old, 0);
		p->mem -= old;
		return NULL;
	}
	if (nsize > old && p->mem - old + nsize > p->mem_cap) {
		p->alloc_failed = 1;
		return NULL;
	}
	if (p->calling && nsize > old) {
		/* When PTR is NULL, OSIZE is the type of the new object. */
		if (!ptr && osize == LUA_TSTRING && nsize > p->string_max + STRING_OVERHEAD) {
			p->string_refused = 1;
			return NULL;
		}
		/* Building large values is work the instruction hook cannot see. */
		p->grown += nsize - old;
		if (p->grown >= ALLOC_CHECK_BYTES) {
			p->grown = 0;
			if (!p->killed && sb_past(p))
				sb_kill(p);
			if (p->killed)
				return NULL;
		}
	}
	void *np = sb_pool_realloc(p->pool, ptr, old, nsize);
	if (!np) {
		p->alloc_failed = 1;
		return NULL;
	}
	p->mem = p->mem - old + nsize;
	return np;
}

/* pcall/xpcall for plugins: the real ones, except that a killed call re-raises. */
static int l_pcall_cont(lua_State *L, int status, lua_KContext ctx)
{
	(void)ctx;
	struct plugin *p = sb_plugin_of(L);
	if (p->killed)
		sb_raise_kill(L);
	lua_pushboolean(L, status == LUA_OK || status == LUA_YIELD);
	lua_insert(L, 1);
	return lua_gettop(L);
}

static int l_pcall(lua_State *L)
{
	luaL_checkany(L, 1);
	int status = lua_pcallk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, 0, l_pcall_cont);
	return l_pcall_cont(L, status, 0);
}

static int l_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_replace(L, 1);
	lua_replace(L, 2);
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 1, 0, l_pcall_cont);
	struct plugin *p = sb_plugin_of(L);
	if (p->killed)
		sb_raise_kill(L);
	lua_pushboolean(L, status == LUA_OK);
	lua_replace(L, 1);
	return lua_gettop(L);
}

static int l_print(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	hr_debug("plugin %s: print: %s", p->name, luaL_tolstring(L, 1, NULL));
	return 0;
}

static int l_host_log(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	hr_debug("plugin %s: %s", p->name, luaL_checkstring(L, 1));
	return 0;
}

/*
 * host.mentions(TEXT, WORDS): whether TEXT contains any string of the list
 * WORDS (read as ipairs reads it: up to the first nil), each a plain
 * substring; the SDK's Question:mentions(). Handlers test word lists on
 * nearly every question, and one string.find a word cost ~900 instructions
 * (the call into C, its arguments, the VM's loop) against ~250 for the
 * search: one call for the list does the same searches (docs/performance.md,
 * the seventh round). memmem() is linear whatever the strings; the call's
 * budget is looked at every 64 words, as a string.find would every call.
 */
static int l_host_mentions(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	size_t tl;
	const char *t = luaL_checklstring(L, 1, &tl);
	luaL_checktype(L, 2, LUA_TTABLE);
	for (lua_Integer i = 1;; i++) {
		if ((i & 63) == 1)
			sb_check_budget(L, p);
		if (lua_geti(L, 2, i) == LUA_TNIL)
			break;
		size_t wl;
		const char *w = lua_tolstring(L, -1, &wl);
		if (!w)
			return luaL_error(L, "mentions: word %d is not a string", (int)i);
		int found = wl == 0 || memmem(t, tl, w, wl) != NULL;
		lua_pop(L, 1);
		if (found) {
			lua_pushboolean(L, 1);
			return 1;
		}
	}
	lua_pushboolean(L, 0);
	return 1;
}

static const char *const allowed_globals[] = {
    "assert",   "error",    "ipairs", "next",     "pairs",        "rawequal",
    "rawget",   "rawlen",   "rawset", "select",   "setmetatable", "getmetatable",
    "tonumber", "tostring", "type",   "_VERSION", NULL,
};
static const char *const allowed_libs[] = {"string", "table", "math", "utf8", NULL};
static const char *const allowed_os[] = {"time", "date", "clock", NULL};

/* Builds the sandbox environment table and leaves it on the stack. Library
 * tables are copied so that a plugin changing string.format changes only its
 * copy; the string metatable's __index is pointed at the copy as well. */
static void push_sandbox_env(lua_State *L)
{
	lua_newtable(L);
	int env = lua_gettop(L);
	for (const char *const *g = allowed_globals; *g; g++) {
		lua_getglobal(L, *g);
		lua_setfield(L, env, *g);
	}
	for (const char *const *lib = allowed_libs; *lib; lib++) {
		lua_newtable(L);
		lua_getglobal(L, *lib);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_settable(L, -5);
		}
		lua_pop(L, 1);
		sb_bound_library(L, *lib);
		if (strcmp(*lib, "string") == 0) {
			lua_pushnil(L);
			lua_setfield(L, -2, "dump");
			/* Method calls on strings ("x"):rep() go to this copy. */
			lua_pushliteral(L, "");
			if (lua_getmetatable(L, -1)) {
				lua_pushvalue(L, -3);
				lua_setfield(L, -2, "__index");
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
		lua_setfield(L, env, *lib);
	}
	lua_newtable(L);
	lua_getglobal(L, "os");
	for (const char *const *f = allowed_os; *f; f++) {
		lua_getfield(L, -1, *f);
		lua_setfield(L, -3, *f);
	}
	lua_pop(L, 1);
	lua_setfield(L, env, "os");
	lua_pushcfunction(L, l_pcall);
	lua_setfield(L, env, "pcall");
	lua_pushcfunction(L, l_xpcall);
	lua_setfield(L, env, "xpcall");
	lua_pushcfunction(L, l_print);
	lua_setfield(L, env, "print");
	lua_pushvalue(L, env);
	sb_wrap(L, "setmetatable", sb_l_setmetatable);
	lua_pop(L, 1);
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");
}

static int traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (!msg)
		msg = "(error object is not a string)";
	/* Keep the first line only: it carries file:line, and the full traceback
	 * could hold values derived from the question. */
	lua_pushstring(L, msg);
	return 1;
}

/* Runs the function below NARGS arguments on the stack under the budget.
 * Returns 0 or a negative errno, with a log-safe reason in ERR. */
static int call_budgeted(struct plugin *p, int nargs, int nres, unsigned ms, unsigned long instr,
                         size_t string_max, char *err, size_t errcap)
{
	lua_State *L = p->L;
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, traceback);
	lua_insert(L, base);
	sb_start_budget(p, ms, instr, string_max);
	int status = lua_pcall(L, nargs, nres, base);
	sb_end_budget(p);
	lua_remove(L, base);
	if (status == LUA_OK)
		return 0;
	const char *msg = lua_tostring(L, -1);
	int rc;
	if (p->killed) {
		snprintf(err, errcap, "%s: time budget of %u ms exceeded", p->path, ms);
		rc = -ETIME;
	} else if (status == LUA_ERRMEM && p->string_refused && !p->alloc_failed) {
		snprintf(err, errcap, "%s: a string over %zu KiB, the longest a plugin may build", p->path,
		         p->string_max / 1024);
		rc = -ENOMEM;
	} else if (status == LUA_ERRMEM || p->alloc_failed) {
		snprintf(err, errcap, "%s: memory cap of %zu KiB exceeded", p->path, p->mem_cap / 1024);
		rc = -ENOMEM;
	} else {
		snprintf(err, errcap, "%s", msg ? msg : "unknown error");
		rc = -EINVAL;
	}
	lua_pop(L, 1);
	p->killed = 0;
	/* A state that ran out of memory mid-call may hold garbage; collect now so
	 * the next call starts with the plugin's normal footprint. */
	lua_gc(L, LUA_GCCOLLECT);
	return rc;
}

void hr_plugins_collect(hr_plugins *set)
{
	for (size_t i = 0; set && i < set->n; i++)
		lua_gc(set->v[i]->L, LUA_GCCOLLECT);
}

/*
 * The garbage collector between calls (hr_plugins_defer_gc). Lua's own
 * incremental collector steps when an allocation finds it in debt, and one
 * step does the work of 8 KiB of allocation times its step multiplier: for a
 * plugin's small heap that is a whole cycle, so now and then one question's
 * call ran a cycle's marking and sweep, 0.4-1.2 million instructions, on
 * top of its own (docs/performance.md, ninth round).
 * Deferred, a state's collector is stopped and hr_plugins_collect_due(),
 * called after the replies are out, does the work in small steps: a cycle
 * starts when the heap has grown to GC_PAUSE percent of what the last one
 * left (Lua's default pause) and then goes on by one step of 2^GC_STEP_LOG2
 * bytes' work each time (a few hundred objects swept or slots marked, a
 * small part of a cycle), and one more for each GC_STEP_BYTES the answers
 * allocated since, so that the time before the next question stays short;
 * only if the heap reaches twice the size that started the cycle does it
 * finish the cycle at once. One part stays a lump whatever the step: the
 * atomic step frees, in one go, the dead objects at the head of the list of
 * all objects, i.e. most of the garbage made since the last cycle; it now
 * comes between replies. A stopped collector still collects in full when an
 * allocation would pass the memory cap (Lua's emergency collection), so the
 * cap means what it did.
 */
#define GC_PAUSE 200
#define GC_STEP_LOG2 6
#define GC_STEP_BYTES (64 * 1024)
#define GC_STEP_LOG2_LUA 13 /* Lua 5.4's default (LUAI_GCSTEPSIZE) */

static void gc_rest(struct plugin *p)
{
	p->gc_cycle = 0;
	p->gc_seen = p->mem;
	p->gc_start = p->mem / 100 * GC_PAUSE;
}

static void gc_defer(struct plugin *p, int on)
{
	lua_gc(p->L, LUA_GCINC, 0, 0, on ? GC_STEP_LOG2 : GC_STEP_LOG2_LUA);
	lua_gc(p->L, on ? LUA_GCSTOP : LUA_GCRESTART);
	gc_rest(p);
}

void hr_plugins_defer_gc(hr_plugins *set, int on)
{
	if (!set)
		return;
	set->defer_gc = on;
	for (size_t i = 0; i < set->n; i++)
		gc_defer(set->v[i], on);
}

void hr_plugins_collect_due(hr_plugins *set)
{
	for (size_t i = 0; set && set->defer_gc && i < set->n; i++) {
		struct plugin *p = set->v[i];
		if (p->mem < p->gc_seen && !p->gc_cycle) {
			/* A full collection ran: at the memory cap, after a failed
			 * call, or hr_plugins_collect(). */
			gc_rest(p);
			continue;
		}
		if (!p->gc_cycle && p->mem < p->gc_start) {
			p->gc_seen = p->mem;
			continue;
		}
		size_t steps = 1 + (p->mem > p->gc_seen ? p->mem - p->gc_seen : 0) / GC_STEP_BYTES;
		int done = 0;
		while (!done && steps--)
			done = lua_gc(p->L, LUA_GCSTEP, 0);
		/* Far behind (a burst of answers between two calls of this):
		 * the rest of the cycle now, rather than a heap that keeps growing. */
		while (!done && p->mem > p->gc_start * 2)
			done = lua_gc(p->L, LUA_GCSTEP, 0);
		if (done)
			gc_rest(p);
		else {
			p->gc_cycle = 1;
			p->gc_seen = p->mem;
		}
	}
}

hr_plugins *hr_plugins_new(const char *sdk_path, const struct hr_plugin_limits *limits)
{
	hr_plugins *set = calloc(1, sizeof(*set));
	if (!set)
		return NULL;
	set->limits = *limits;
	set->sdk_path = strdup(sdk_path);
	set->pool = sb_pool_new();
	if (!set->sdk_path || !set->pool) {
		free(set->sdk_path);
		sb_pool_free(set->pool);
		free(set);
		return NULL;
	}
	return set;
}

/* Keeps one respelling of the lexicon, its word lower-cased. */
static int keep_respelling(void *ud, const struct hr_lexicon_line *l)
{
	struct hr_buf *b = ud;
	if (!l->respelling || !*l->respelling)
		return 0;
	for (char *c = l->word; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	hr_buf_put(b, l->word, strlen(l->word) + 1);
	hr_buf_put(b, l->respelling, strlen(l->respelling) + 1);
	return b->oom ? -ENOMEM : 0;
}

int hr_plugins_set_lexicon(hr_plugins *set, const char *path, hr_diag_fn diag, void *ud)
{
	char *text;
	size_t len;
	int rc = hr_read_file(path, 8u << 20, &text, &len);
	if (rc == -ENOENT)
		return 0;
	if (rc) {
		hr_diagf(diag, ud, path, 0, "cannot read the lexicon's respellings: %s", strerror(-rc));
		return rc;
	}
	struct hr_buf b = {0};
	rc = hr_lexicon_scan(text, len, 0, keep_respelling, &b);
	free(text);
	if (rc || b.oom) {
		hr_buf_free(&b);
		return -ENOMEM;
	}
	free(set->respell);
	set->respell = b.p;
	set->respell_len = b.len;
	return 0;
}

/* Pushes the respellings as a table, word -> spoken. */
static void push_respellings(lua_State *L, const hr_plugins *set)
{
	lua_newtable(L);
	for (size_t o = 0; o < set->respell_len;) {
		const char *word = set->respell + o;
		const char *spoken = word + strlen(word) + 1;
		lua_pushstring(L, spoken);
		lua_setfield(L, -2, word);
		o = (size_t)(spoken + strlen(spoken) + 1 - set->respell);
	}
}

static void plugin_free(struct plugin *p)
{
	if (!p)
		return;
	if (p->L)
		lua_close(p->L);
	for (size_t i = 0; i < p->nhandlers; i++)
		free(p->handlers[i]);
	free(p->handlers);
	free(p->name);
	free(p->path);
	free(p);
}

/* Reports ERR (a Lua message "file:line: text" or our own) through DIAG. */
static void report(hr_diag_fn diag, void *ud, const char *path, const char *err)
{
	/* Lua prefixes messages with "path:line:"; split it so the diag has a line. */
	size_t pl = strlen(path);
	if (strncmp(err, path, pl) == 0 && err[pl] == ':') {
		char *endp;
		long line = strtol(err + pl + 1, &endp, 10);
		if (endp != err + pl + 1 && *endp == ':') {
			hr_diagf(diag, ud, path, (int)line, "%s", endp[1] == ' ' ? endp + 2 : endp + 1);
			return;
		}
	}
	if (strncmp(err, path, pl) == 0 && err[pl] == ':')
		err += pl + 2;
	hr_diagf(diag, ud, path, 0, "%s", err);
}

const char *hr_plugins_handler(const hr_plugins *set, const char *intent, const char *plugin)
{
	for (size_t i = 0; i < set->n; i++) {
		struct plugin *p = set->v[i];
		if (plugin && strcmp(plugin, p->name) != 0)
			continue;
		for (size_t k = 0; k < p->nhandlers; k++) {
			if (strcmp(p->handlers[k], intent) == 0)
				return p->name;
		}
	}
	return NULL;
}

/*
 * Finds placeholder text in a plugin's source: a line with TODO before any
 * Lua comment. The template `herald new` writes marks everything still to
 * write that way, so a topic cannot reach patients half written. Fills up to
 * HR_DRAFT_LINES line numbers into LINES; returns how many there are in all.
 */
static size_t find_placeholders(const char *src, size_t len, int *lines)
{
	size_t n = 0;
	int lineno = 1;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && src[end] != '\n')
			end++;
		size_t code = end; /* where a -- comment starts */
		for (size_t k = i; k + 1 < end; k++) {
			if (src[k] == '-' && src[k + 1] == '-') {
				code = k;
				break;
			}
		}
		for (size_t k = i; k + 4 <= code; k++) {
			if (memcmp(src + k, "TODO", 4) == 0) {
				if (n < HR_DRAFT_LINES)
					lines[n] = lineno;
				n++;
				break;
			}
		}
		i = end + 1;
		lineno++;
	}
	return n;
}

static int keep_draft(hr_plugins *set, const struct plugin *p, const int *lines, size_t ntodo)
{
	struct hr_plugin_draft *nv = realloc(set->drafts, (set->ndrafts + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	set->drafts = nv;
	struct hr_plugin_draft *d = &nv[set->ndrafts];
	memset(d, 0, sizeof(*d));
	d->ntodo = ntodo;
	d->nlines = ntodo < HR_DRAFT_LINES ? ntodo : HR_DRAFT_LINES;
	memcpy(d->lines, lines, d->nlines * sizeof(*lines));
	d->path = strdup(p->path);
	d->handlers = calloc(p->nhandlers ? p->nhandlers : 1, sizeof(char *));
	if (!d->path || !d->handlers) {
		free(d->path);
		free(d->handlers);
		return -ENOMEM;
	}
	for (size_t i = 0; i < p->nhandlers; i++) {
		if (!(d->handlers[i] = strdup(p->handlers[i]))) {
			for (size_t k = 0; k < i; k++)
				free(d->handlers[k]);
			free(d->handlers);
			free(d->path);
			return -ENOMEM;
		}
	}
	d->nhandlers = p->nhandlers;
	set->ndrafts++;
	return 0;
}

size_t hr_plugins_draft_count(const hr_plugins *set)
{
	return set ? set->ndrafts : 0;
}

const struct hr_plugin_draft *hr_plugins_draft(const hr_plugins *set, size_t i)
{
	return set && i < set->ndrafts ? &set->drafts[i] : NULL;
}

int hr_plugins_draft_answers(const hr_plugins *set, const char *intent)
{
	for (size_t i = 0; set && i < set->ndrafts; i++) {
		for (size_t k = 0; k < set->drafts[i].nhandlers; k++)
			if (strcmp(set->drafts[i].handlers[k], intent) == 0)
				return 1;
	}
	return 0;
}

int hr_plugins_add_file(hr_plugins *set, const char *path, hr_diag_fn diag, void *ud)
{
	char err[512];
	int rc = -EINVAL;
	struct plugin *p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->path = strdup(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base);
	if (bl > 4 && strcmp(base + bl - 4, ".lua") == 0)
		bl -= 4;
	p->name = strndup(base, bl);
	p->mem_cap = set->limits.memory_bytes;
	p->pool = set->pool;
	p->dispatch_ref = p->handlers_ref = LUA_NOREF;
	p->request_ref = p->slots_ref = p->context_ref = LUA_NOREF;
	if (!p->path || !p->name) {
		plugin_free(p);
		return -ENOMEM;
	}
	for (size_t i = 0; i < set->n; i++) {
		if (strcmp(set->v[i]->name, p->name) == 0) {
			hr_diagf(diag, ud, path, 0, "a plugin named '%s' is already loaded from %s", p->name,
			         set->v[i]->path);
			plugin_free(p);
			return -EINVAL;
		}
	}

	if (!set->sdk_src) {
		int e = -hr_read_file(set->sdk_path, 1u << 20, &set->sdk_src, &set->sdk_len);
		if (e) {
			hr_diagf(diag, ud, set->sdk_path, 0, "cannot read the plugin SDK: %s", strerror(e));
			plugin_free(p);
			return e == ENOMEM ? -ENOMEM : -EINVAL;
		}
	}
	size_t len = 0;
	char *src = NULL;
	int e = -hr_read_file(path, 4u << 20, &src, &len);
	if (e) {
		hr_diagf(diag, ud, path, 0, "cannot read: %s",
		         e == EFBIG ? "larger than 4 MiB" : strerror(e));
		plugin_free(p);
		return e == ENOMEM ? -ENOMEM : -EINVAL;
	}

	p->L = lua_newstate(l_alloc, p);
	if (!p->L) {
		free(src);
		plugin_free(p);
		return -ENOMEM;
	}
	lua_State *L = p->L;
	luaL_requiref(L, "_G", luaopen_base, 1);
	luaL_requiref(L, "string", luaopen_string, 1);
	luaL_requiref(L, "table", luaopen_table, 1);
	luaL_requiref(L, "math", luaopen_math, 1);
	luaL_requiref(L, "utf8", luaopen_utf8, 1);
	luaL_requiref(L, "os", luaopen_os, 1);
	lua_settop(L, 0);

	/* The SDK runs in a sandbox environment of its own. */
	char chunkname[600];
	snprintf(chunkname, sizeof(chunkname), "@%s", set->sdk_path);
	if (luaL_loadbufferx(L, set->sdk_src, set->sdk_len, chunkname, "t") != LUA_OK) {
		report(diag, ud, set->sdk_path, lua_tostring(L, -1));
		goto fail;
	}
	push_sandbox_env(L);
	lua_setupvalue(L, -2, 1);
	lua_newtable(L); /* host table */
	lua_pushcfunction(L, l_host_log);
	lua_setfield(L, -2, "log");
	lua_pushcfunction(L, l_host_mentions);
	lua_setfield(L, -2, "mentions");
	/* The SDK refuses longer text before its own string work (speech). */
	lua_pushinteger(L, ANSWER_TEXT_MAX);
	lua_setfield(L, -2, "text_max");
	/* herald.speech says the lexicon's respellings (voice/lexicon.txt). */
	push_respellings(L, set);
	lua_setfield(L, -2, "respell");
	if (call_budgeted(p, 1, 4, set->limits.load_ms, 0, STRING_MAX, err, sizeof(err))) {
		report(diag, ud, set->sdk_path, err);
		goto fail;
	}
	/* Stack: api, dispatch, handlers, meta. */
	lua_pushvalue(L, 2);
	p->dispatch_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, 3);
	p->handlers_ref = luaL_ref(L, LUA_REGISTRYINDEX);

	snprintf(chunkname, sizeof(chunkname), "@%s", path);
	if (luaL_loadbufferx(L, src, len, chunkname, "t") != LUA_OK) {
		report(diag, ud, path, lua_tostring(L, -1));
		goto fail;
	}
	push_sandbox_env(L);
	lua_pushvalue(L, 1);
	lua_setfield(L, -2, "herald");
	lua_setupvalue(L, -2, 1);
	if ((rc = call_budgeted(p, 0, 0, set->limits.load_ms, 0, STRING_MAX, err, sizeof(err)))) {
		report(diag, ud, path, err);
		rc = -EINVAL;
		goto fail;
	}
	rc = -EINVAL;

	/* Read the metadata and the handler names the plugin registered. */
	lua_getfield(L, 4, "reviewed");
	snprintf(p->reviewed, sizeof(p->reviewed), "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
	lua_getfield(L, 4, "review_by");
	snprintf(p->review_by, sizeof(p->review_by), "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
	lua_getfield(L, 4, "reviewed_by");
	snprintf(p->reviewed_by, sizeof(p->reviewed_by), "%s",
	         lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
	lua_getfield(L, 4, "title");
	snprintf(p->title, sizeof(p->title), "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
	lua_getfield(L, 4, "draft");
	int draft = lua_toboolean(L, -1);
	lua_pop(L, 5);
	int todo[HR_DRAFT_LINES];
	size_t ntodo = find_placeholders(src, len, todo);
	if (ntodo && !draft) {
		for (size_t i = 0; i < ntodo && i < HR_DRAFT_LINES; i++)
			hr_diagf(diag, ud, path, todo[i],
			         "placeholder text (TODO) in a plugin that is not a draft: write it, or "
			         "mark the plugin herald.about{ draft = true } until it is written");
		goto fail;
	}
	lua_pushnil(L);
	while (lua_next(L, 3)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *intent = lua_tostring(L, -1);
		const char *other = hr_plugins_handler(set, intent, NULL);
		if (other) {
			hr_diagf(diag, ud, path, 0,
			         "intent '%s' is already answered by plugin '%s'; plugins load in file-name "
			         "order and the first one wins, so this handler is ignored",
			         intent, other);
			continue;
		}
		char **slot = realloc(p->handlers, (p->nhandlers + 1) * sizeof(char *));
		if (!slot)
			goto fail;
		p->handlers = slot;
		if (!(p->handlers[p->nhandlers] = strdup(intent)))
			goto fail;
		p->nhandlers++;
	}
	if (p->nhandlers == 0)
		hr_diagf(diag, ud, path, 0, "the plugin registers no handler (herald.on or herald.answer)");
	lua_settop(L, 0);
	free(src);
	if (draft) {
		/* Checked like any plugin, then never served. */
		rc = keep_draft(set, p, todo, ntodo);
		plugin_free(p);
		return rc;
	}
	lua_gc(L, LUA_GCCOLLECT);
	if (set->defer_gc)
		gc_defer(p, 1);

	struct plugin **nv = realloc(set->v, (set->n + 1) * sizeof(*nv));
	if (!nv) {
		plugin_free(p);
		return -ENOMEM;
	}
	set->v = nv;
	set->v[set->n++] = p;
	return 0;
fail:
	free(src);
	plugin_free(p);
	return rc;
}

static int add_file(void *set, const char *path, hr_diag_fn diag, void *ud)
{
	return hr_plugins_add_file(set, path, diag, ud);
}

int hr_plugins_add_dir(hr_plugins *set, const char *dir, hr_diag_fn diag, void *ud)
{
	return hr_dir_add_files(dir, ".lua", add_file, set, diag, ud);
}

void hr_plugins_free(hr_plugins *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		plugin_free(set->v[i]);
	free(set->v);
	for (size_t i = 0; i < set->ndrafts; i++) {
		for (size_t k = 0; k < set->drafts[i].nhandlers; k++)
			free(set->drafts[i].handlers[k]);
		free(set->drafts[i].handlers);
		free(set->drafts[i].path);
	}
	free(set->drafts);
	free(set->respell);
	free(set->sdk_src);
	free(set->sdk_path);
	sb_pool_free(set->pool); /* after every state is closed */
	free(set);
}

size_t hr_plugins_count(const hr_plugins *set)
{
	return set->n;
}

int hr_plugins_info(const hr_plugins *set, size_t i, struct hr_plugin_info *out)
{
	if (i >= set->n)
		return -ENOENT;
	const struct plugin *p = set->v[i];
	out->name = p->name;
	out->path = p->path;
	out->reviewed = p->reviewed;
	out->review_by = p->review_by;
	out->reviewed_by = p->reviewed_by;
	out->title = p->title;
	out->nhandlers = p->nhandlers;
	out->handlers = (const char *const *)p->handlers;
	out->memory_bytes = p->mem;
	return 0;
}

/* Pushes the table of registry ref *REF, making it (with room for NREC
 * fields) the first time. The request tables are made once per plugin state:
 * a question refills them rather than making three new tables for the
 * collector (docs/performance.md, issue 20's fifth round). */
static void push_kept_table(lua_State *L, int *ref, int nrec)
{
	if (*ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, *ref);
		return;
	}
	lua_createtable(L, 0, nrec);
	lua_pushvalue(L, -1);
	*ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Empties the kept table of registry ref REF and takes its metatable away,
 * with raw access, so that nothing a handler put in it or hung on it (fields,
 * a metatable) reaches the next question. */
static void clear_kept_table(lua_State *L, int ref)
{
	if (ref == LUA_NOREF)
		return;
	lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1); /* the value; clearing a field lua_next is at is allowed */
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, t);
	}
	lua_pushnil(L);
	lua_setmetatable(L, t);
	lua_pop(L, 1);
}

/* Sets the string field NAME of the table on top of the stack, raw. */
static void set_string(lua_State *L, const char *name, const char *value)
{
	lua_pushstring(L, name);
	lua_pushstring(L, value);
	lua_rawset(L, -3);
}

static void push_slots(lua_State *L, int *ref, const struct hr_slot *s, size_t n)
{
	push_kept_table(L, ref, 4);
	for (size_t i = 0; i < n; i++)
		set_string(L, s[i].name, s[i].value);
}

/* Pushes field NAME of the table at absolute index IDX without metamethods:
 * the answer is read after the plugin's budget has ended, so none of its code
 * may run. Returns the field's type. */
static int raw_field(lua_State *L, int idx, const char *name)
{
	lua_pushstring(L, name);
	return lua_rawget(L, idx);
}

/* Copies string field NAME of the table at IDX into *DST (NULL when absent).
 * Returns 0, -EINVAL (wrong type, too long) or -ENOMEM. */
static int take_string(lua_State *L, int idx, const char *name, size_t max, int required, char **dst)
{
	int t = raw_field(L, idx, name);
	int rc = 0;
	if (t == LUA_TNIL) {
		rc = required ? -EINVAL : 0;
	} else if (t != LUA_TSTRING) {
		rc = -EINVAL;
	} else {
		size_t len;
		const char *s = lua_tolstring(L, -1, &len);
		if (len > max || strlen(s) != len)
			rc = -EINVAL;
		else
			rc = hr_answer_set(dst, s);
	}
	lua_pop(L, 1);
	return rc;
}

/*
 * Converts the normalised answer table on top of the stack into OUT. This is
 * the one boundary where Lua values become C data, so every field is checked
 * for type and size.
 */
static int convert_answer(lua_State *L, struct hr_answer *out, char *err, size_t errcap)
{
	int idx = lua_gettop(L);
	if (!lua_istable(L, idx)) {
		snprintf(err, errcap, "the answer is not a table");
		return -EINVAL;
	}
	if (take_string(L, idx, "text", ANSWER_TEXT_MAX, 1, &out->text) || !out->text || !*out->text) {
		snprintf(err, errcap, "the answer has no text, or text over 8 KiB");
		return -EINVAL;
	}
	if (take_string(L, idx, "speech", ANSWER_TEXT_MAX, 0, &out->speech)) {
		snprintf(err, errcap, "the answer's speech is not a string under 8 KiB");
		return -EINVAL;
	}
	if (raw_field(L, idx, "sources") == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer i = 1; i <= n && out->nsources < HR_MAX_SOURCES; i++) {
			if (lua_rawgeti(L, -1, i) != LUA_TTABLE) {
				lua_pop(L, 2);
				snprintf(err, errcap, "sources[%lld] is not a table", (long long)i);
				return -EINVAL;
			}
			struct hr_source *s = &out->sources[out->nsources];
			int t = lua_gettop(L);
			if (take_string(L, t, "title", 512, 1, &s->title) ||
			    take_string(L, t, "publisher", 512, 0, &s->publisher) ||
			    take_string(L, t, "url", 2048, 0, &s->url)) {
				out->nsources++; /* so hr_answer_clear frees what was copied */
				lua_pop(L, 2);
				snprintf(err, errcap, "sources[%lld] has a bad title, publisher or url",
				         (long long)i);
				return -EINVAL;
			}
			out->nsources++;
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (raw_field(L, idx, "suggestions") == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer i = 1; i <= n && out->nsuggestions < HR_MAX_SUGGESTIONS; i++) {
			size_t len = 0;
			const char *s =
			    lua_rawgeti(L, -1, i) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
			if (s && len > 0 && len <= 200 && strlen(s) == len &&
			    hr_answer_add_suggestion(out, s)) {
				lua_pop(L, 2);
				return -ENOMEM;
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (raw_field(L, idx, "remember") == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING &&
			    lua_rawlen(L, -2) < HR_NAME_MAX && lua_rawlen(L, -1) < HR_SLOT_VALUE_MAX &&
			    out->nremember < HR_MAX_REMEMBER) {
				if (hr_answer_add_remember(out, lua_tostring(L, -2), lua_tostring(L, -1))) {
					lua_pop(L, 3);
					return -ENOMEM;
				}
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	return 0;
}

static int call_handler(hr_plugins *set, const char *plugin, const struct hr_request *rq,
                        struct hr_answer *out, char *err, size_t errcap, int handed);

/* A handler returned herald.hand_over(TARGET): the question goes, as it is,
 * to TARGET's handler, in whichever plugin answers it (TARGET may be a
 * handler no intents file routes to, an answer kept for hand-overs). One hop only, so two
 * plugins cannot pass a question back and forth; a target nobody answers is
 * the plugin's mistake (an error, so the apology and the log say so), not the
 * quiet fallback an unknown routed intent gets. */
static int hand_over(hr_plugins *set, const struct hr_request *rq, const char *target, int handed,
                     struct hr_answer *out, char *err, size_t errcap)
{
	if (handed || strcmp(target, rq->intent) == 0) {
		snprintf(err, errcap, "handler for '%s' handed over to '%s' after a hand-over", rq->intent,
		         target);
		return -EINVAL;
	}
	if (!hr_plugins_handler(set, target, NULL)) {
		snprintf(err, errcap, "handler for '%s' handed over to '%s', which no plugin answers",
		         rq->intent, target);
		return -EINVAL;
	}
	struct hr_request to = *rq;
	to.intent = target;
	int rc = call_handler(set, NULL, &to, out, err, errcap, 1);
	/* The answer stays the routed intent's: the conversation, the metrics and
	 * the client see what was asked, not which plugin wrote the words. */
	if (rc == 0 && (rc = hr_answer_set(&out->intent, rq->intent)) != 0)
		hr_answer_clear(out);
	return rc;
}

int hr_plugins_call(hr_plugins *set, const char *plugin, const struct hr_request *rq, struct hr_answer *out,
                    char *err, size_t errcap)
{
	return call_handler(set, plugin, rq, out, err, errcap, 0);
}

static int call_handler(hr_plugins *set, const char *plugin, const struct hr_request *rq,
                        struct hr_answer *out, char *err, size_t errcap, int handed)
{
	const char *name = hr_plugins_handler(set, rq->intent, plugin);
	if (!name) {
		snprintf(err, errcap, "no plugin answers intent '%s'", rq->intent);
		return -ENOENT;
	}
	struct plugin *p = NULL;
	for (size_t i = 0; i < set->n && !p; i++) {
		if (set->v[i]->name == name)
			p = set->v[i];
	}
	lua_State *L = p->L;
	int top = lua_gettop(L);
	if (!lua_checkstack(L, 16)) {
		snprintf(err, errcap, "%s: Lua stack exhausted", p->path);
		return -ENOMEM;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->dispatch_ref);
	/* The request: the same three tables every question (push_kept_table),
	 * emptied after the call. A handler sees q only during its call. */
	push_kept_table(L, &p->request_ref, 7);
	set_string(L, "intent", rq->intent);
	set_string(L, "text", rq->text ? rq->text : "");
	set_string(L, "message", rq->message ? rq->message : rq->text ? rq->text : "");
	lua_pushstring(L, "slots");
	push_slots(L, &p->slots_ref, rq->slots, rq->nslots);
	lua_rawset(L, -3);
	lua_pushstring(L, "context");
	push_slots(L, &p->context_ref, rq->context, rq->ncontext);
	lua_rawset(L, -3);
	if (rq->previous)
		set_string(L, "previous", rq->previous);
	const char *longest = rq->message ? rq->message : rq->text;
	size_t text_len = longest ? strlen(longest) : 0;
	size_t string_max = 2 * text_len > STRING_MAX ? 2 * text_len : STRING_MAX;
	int rc =
	    call_budgeted(p, 1, 1, set->limits.call_ms, set->limits.instructions, string_max, err, errcap);
	char target[HR_NAME_MAX] = "";
	if (rc == 0 && lua_type(L, -1) == LUA_TTABLE) {
		if (raw_field(L, lua_gettop(L), "hand_over") == LUA_TSTRING &&
		    lua_rawlen(L, -1) < sizeof(target))
			memcpy(target, lua_tostring(L, -1), lua_rawlen(L, -1) + 1);
		lua_pop(L, 1);
	}
	if (rc == 0 && !target[0]) {
		rc = convert_answer(L, out, err, errcap);
		if (rc == -EINVAL) {
			char why[256];
			snprintf(why, sizeof(why), "%s", err);
			snprintf(err, errcap, "%s: handler for '%s' returned a bad answer: %s", p->path,
			         rq->intent, why);
		}
		if (rc == 0)
			rc = hr_answer_set(&out->intent, rq->intent);
		if (rc)
			hr_answer_clear(out);
	}
	lua_settop(L, top);
	clear_kept_table(L, p->request_ref);
	clear_kept_table(L, p->slots_ref);
	clear_kept_table(L, p->context_ref);
	if (rc == 0 && target[0])
		rc = hand_over(set, rq, target, handed, out, err, errcap);
	return rc;
}
