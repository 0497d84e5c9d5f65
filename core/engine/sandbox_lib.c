/*
 * The sandbox's string and table functions, bounded by the call's budget
 * (sandbox.c's comment lists each bound). See sandbox.c.
 */
#include "sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dirlist.h"
#include "log.h"
#include "luapat.h"

#include "sandbox_int.h"

/* ---- The string and table functions plugins get, bounded ----
 *
 * find, match, gmatch and gsub behave as Lua 5.4's (the argument handling
 * follows lstrlib.c), but match through luapat.c, which asks
 * pattern_stop() every few thousand steps whether the call's budget is gone. */

static int pattern_stop(void *ud)
{
	struct plugin *p = ud;
	return p->killed || sb_past(p);
}

/* Raises the right Lua error for a failed hr_luapat_find(). */
static int pattern_error(lua_State *L, struct plugin *p, const struct hr_luapat *ms, int rc)
{
	if (rc == -ETIME) {
		sb_kill(p);
		return luaL_error(L, KILL_MESSAGE);
	}
	return luaL_error(L, "%s", ms->err);
}

/* Lua's posrelatI(): a start position, 1-based, clipped to [1, len + 1]. */
static size_t start_of(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

/* Capture I of the match S..E: pushed as a position, or its bytes returned. */
static size_t get_capture(lua_State *L, const struct hr_luapat *ms, int i, const char *s, const char *e,
                          const char **cap)
{
	if (i >= ms->level) {
		if (i != 0)
			luaL_error(L, "invalid capture index %%%d", i + 1);
		*cap = s;
		return (size_t)(e - s);
	}
	ptrdiff_t len = ms->capture[i].len;
	*cap = ms->capture[i].init;
	if (len == HR_LUAPAT_UNFINISHED)
		luaL_error(L, "unfinished capture");
	else if (len == HR_LUAPAT_POSITION)
		lua_pushinteger(L, (ms->capture[i].init - ms->src_init) + 1);
	return (size_t)len;
}

static void push_capture(lua_State *L, const struct hr_luapat *ms, int i, const char *s, const char *e)
{
	const char *cap;
	size_t len = get_capture(L, ms, i, s, e, &cap);
	if (i >= ms->level || ms->capture[i].len != HR_LUAPAT_POSITION)
		lua_pushlstring(L, cap, len); /* else get_capture() pushed the position */
}

static int push_captures(lua_State *L, const struct hr_luapat *ms, const char *s, const char *e)
{
	int n = (ms->level == 0 && s) ? 1 : ms->level;
	luaL_checkstack(L, n, "too many captures");
	for (int i = 0; i < n; i++)
		push_capture(L, ms, i, s, e);
	return n;
}

static int find_aux(lua_State *L, int find)
{
	struct plugin *p = sb_plugin_of(L);
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *pat = luaL_checklstring(L, 2, &lp);
	size_t init = start_of(luaL_optinteger(L, 3, 1), ls) - 1;
	if (init > ls) {
		luaL_pushfail(L);
		return 1;
	}
	sb_check_budget(L, p);
	if (find && (lua_toboolean(L, 4) || hr_luapat_is_plain(pat, lp))) {
		/* A plain search: memmem() is linear, whatever the strings. */
		const char *at = lp == 0 ? s + init : memmem(s + init, ls - init, pat, lp);
		if (at) {
			lua_pushinteger(L, (at - s) + 1);
			lua_pushinteger(L, (lua_Integer)((at - s) + (ptrdiff_t)lp));
			return 2;
		}
		luaL_pushfail(L);
		return 1;
	}
	int anchor = *pat == '^';
	if (anchor) {
		pat++;
		lp--;
	}
	struct hr_luapat ms;
	hr_luapat_init(&ms, s, ls, pat, lp, pattern_stop, p);
	const char *start, *end;
	int rc = hr_luapat_find(&ms, s + init, anchor, NULL, &start, &end);
	if (rc < 0)
		return pattern_error(L, p, &ms, rc);
	if (rc == 0) {
		luaL_pushfail(L);
		return 1;
	}
	if (find) {
		lua_pushinteger(L, (start - s) + 1);
		lua_pushinteger(L, end - s);
		return push_captures(L, &ms, NULL, NULL) + 2;
	}
	return push_captures(L, &ms, start, end);
}

static int l_str_find(lua_State *L)
{
	return find_aux(L, 1);
}

static int l_str_match(lua_State *L)
{
	return find_aux(L, 0);
}

/* gmatch's iterator; upvalues: the subject, the pattern, and the position
 * and end of the last match (integers, 0: none yet). */
static int gmatch_next(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	size_t ls, lp;
	const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
	const char *pat = lua_tolstring(L, lua_upvalueindex(2), &lp);
	size_t pos = (size_t)lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer last = lua_tointeger(L, lua_upvalueindex(4));
	if (pos > ls)
		return 0;
	sb_check_budget(L, p);
	struct hr_luapat ms;
	hr_luapat_init(&ms, s, ls, pat, lp, pattern_stop, p);
	const char *start, *end;
	int rc = hr_luapat_find(&ms, s + pos, 0, last > 0 ? s + last - 1 : NULL, &start, &end);
	if (rc < 0)
		return pattern_error(L, p, &ms, rc);
	if (rc == 0) {
		lua_pushinteger(L, (lua_Integer)ls + 1);
		lua_replace(L, lua_upvalueindex(3));
		return 0;
	}
	lua_pushinteger(L, end - s);
	lua_replace(L, lua_upvalueindex(3));
	lua_pushinteger(L, (end - s) + 1);
	lua_replace(L, lua_upvalueindex(4));
	return push_captures(L, &ms, start, end);
}

static int l_str_gmatch(lua_State *L)
{
	size_t ls;
	luaL_checklstring(L, 1, &ls);
	luaL_checkstring(L, 2);
	size_t init = start_of(luaL_optinteger(L, 3, 1), ls) - 1;
	if (init > ls)
		init = ls + 1;
	lua_settop(L, 2);
	lua_pushinteger(L, (lua_Integer)init);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, gmatch_next, 4);
	return 1;
}

/* Adds gsub's replacement string (argument 3) for the match S..E. */
static void add_s(lua_State *L, const struct hr_luapat *ms, luaL_Buffer *b, const char *s, const char *e)
{
	size_t l;
	const char *news = lua_tolstring(L, 3, &l);
	const char *q;
	while ((q = memchr(news, '%', l)) != NULL) {
		luaL_addlstring(b, news, (size_t)(q - news));
		q++; /* skip the escape */
		if (*q == '%') {
			luaL_addchar(b, *q);
		} else if (*q == '0') {
			luaL_addlstring(b, s, (size_t)(e - s));
		} else if (*q >= '1' && *q <= '9') {
			const char *cap;
			int i = *q - '1';
			size_t len = get_capture(L, ms, i, s, e, &cap);
			if (i < ms->level && ms->capture[i].len == HR_LUAPAT_POSITION)
				luaL_addvalue(b);
			else
				luaL_addlstring(b, cap, len);
		} else {
			luaL_error(L, "invalid use of '%c' in replacement string", '%');
		}
		l -= (size_t)(q + 1 - news);
		news = q + 1;
	}
	luaL_addlstring(b, news, l);
}

/* Adds the replacement for the match S..E; returns whether it changed the
 * subject (a nil or false from a function or table keeps the match). */
static int add_value(lua_State *L, const struct hr_luapat *ms, luaL_Buffer *b, const char *s, const char *e,
                     int tr)
{
	switch (tr) {
	case LUA_TFUNCTION: {
		lua_pushvalue(L, 3);
		int n = push_captures(L, ms, s, e);
		lua_call(L, n, 1);
		break;
	}
	case LUA_TTABLE:
		push_capture(L, ms, 0, s, e);
		lua_gettable(L, 3);
		break;
	default:
		add_s(L, ms, b, s, e);
		return 1;
	}
	if (!lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
		return 0;
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
	luaL_addvalue(b);
	return 1;
}

static int l_str_gsub(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	size_t srcl, lp;
	const char *src = luaL_checklstring(L, 1, &srcl);
	const char *pat = luaL_checklstring(L, 2, &lp);
	const char *lastmatch = NULL;
	int tr = lua_type(L, 3);
	lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
	int anchor = *pat == '^';
	lua_Integer n = 0;
	int changed = 0;
	luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
	                 3, "string/function/table");
	sb_check_budget(L, p);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	if (anchor) {
		pat++;
		lp--;
	}
	struct hr_luapat ms;
	hr_luapat_init(&ms, src, srcl, pat, lp, pattern_stop, p);
	while (n < max_s) {
		const char *start, *e;
		int rc = hr_luapat_find(&ms, src, anchor, lastmatch, &start, &e);
		if (rc < 0)
			return pattern_error(L, p, &ms, rc);
		if (rc == 0)
			break;
		luaL_addlstring(&b, src, (size_t)(start - src)); /* what came before the match */
		n++;
		changed = add_value(L, &ms, &b, start, e, tr) | changed;
		src = lastmatch = e;
		if (anchor)
			break;
	}
	if (!changed) {
		lua_pushvalue(L, 1);
	} else {
		luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
		luaL_pushresult(&b);
	}
	lua_pushinteger(L, n);
	return 2;
}

/* string.rep, refusing a result over string_max before any byte is copied. */
static int l_str_rep(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	size_t l, lsep;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	/* The result is n * (l + lsep) - lsep bytes. */
	if (n > 0 && l + lsep > 0 && (lua_Unsigned)n > (p->string_max + lsep) / (l + lsep))
		return luaL_error(
		    L, "string.rep: the result would be over %d KiB, the longest string a plugin may build",
		    (int)(p->string_max / 1024));
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* A library function whose cost grows with its arguments: the budget is
 * checked before each call. Upvalue 1 is the function. */
static int l_guarded(lua_State *L)
{
	sb_check_budget(L, sb_plugin_of(L));
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* table.move in chunks of MOVE_CHUNK elements, with the budget checked
 * between them: one call could otherwise walk 2^53 indexes. The checks and
 * the direction are those of Lua's tmove(); upvalue 1 is the real one. */
static int l_table_move(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	lua_Integer f = luaL_checkinteger(L, 2);
	lua_Integer e = luaL_checkinteger(L, 3);
	lua_Integer t = luaL_checkinteger(L, 4);
	int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
	sb_check_budget(L, p);
	if (e < f || (e - f) / 2 < MOVE_CHUNK / 2) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_insert(L, 1);
		lua_call(L, lua_gettop(L) - 1, 1);
		return 1;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checktype(L, tt, LUA_TTABLE);
	luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
	lua_Integer n = e - f + 1;
	luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
	int forward = t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ));
	for (lua_Integer done = 0; done < n;) {
		lua_Integer k = n - done < MOVE_CHUNK ? n - done : MOVE_CHUNK;
		lua_Integer off = forward ? done : n - done - k;
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_pushvalue(L, 1);
		lua_pushinteger(L, f + off);
		lua_pushinteger(L, f + off + k - 1);
		lua_pushinteger(L, t + off);
		lua_pushvalue(L, tt);
		lua_call(L, 5, 0);
		done += k;
		sb_check_budget(L, p);
	}
	lua_pushvalue(L, tt);
	return 1;
}

/* table.sort's comparison, budgeted: upvalue 1 is the plugin's comparator,
 * or nil for "<". The clock is read every 64 comparisons. */
static int l_sort_less(lua_State *L)
{
	struct plugin *p = sb_plugin_of(L);
	if (p->sort_countdown-- == 0) {
		p->sort_countdown = 64;
		sb_check_budget(L, p);
	}
	if (lua_isnil(L, lua_upvalueindex(1))) {
		lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 1);
	return 1;
}

/*
 * table.sort(T) of a short list of integers, with no comparator and no
 * metatable: sorted here, as Lua's sort would leave it. Integers in "<" order
 * have one sorted arrangement (equal ones are the same value), so the result
 * is the same whatever the algorithm; through the budgeted comparator each
 * comparison was a call into C and back (~300 instructions), and sorting 20
 * alias numbers cost the drug comparison ~25,000 (docs/performance.md,
 * eighth round). Returns 0, having changed nothing, when T is not such a
 * list: a hole, a float, any other value, or more than SORT_FAST_MAX items.
 */
#define SORT_FAST_MAX 128
static int sort_integers(lua_State *L)
{
	if (lua_getmetatable(L, 1)) {
		lua_pop(L, 1);
		return 0;
	}
	lua_Unsigned n = lua_rawlen(L, 1);
	if (n > SORT_FAST_MAX)
		return 0;
	lua_Integer v[SORT_FAST_MAX];
	for (lua_Unsigned i = 0; i < n; i++) {
		int ok = lua_rawgeti(L, 1, (lua_Integer)i + 1) == LUA_TNUMBER && lua_isinteger(L, -1);
		v[i] = ok ? lua_tointeger(L, -1) : 0;
		lua_pop(L, 1);
		if (!ok)
			return 0;
	}
	for (lua_Unsigned i = 1; i < n; i++) {
		lua_Integer x = v[i];
		lua_Unsigned j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (lua_Unsigned i = 0; i < n; i++) {
		lua_pushinteger(L, v[i]);
		lua_rawseti(L, 1, (lua_Integer)i + 1);
	}
	return 1;
}

static int l_table_sort(lua_State *L)
{
	sb_check_budget(L, sb_plugin_of(L));
	luaL_checktype(L, 1, LUA_TTABLE);
	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TFUNCTION);
	else if (sort_integers(L))
		return 0;
	lua_settop(L, 2);
	lua_pushcclosure(L, l_sort_less, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 0);
	return 0;
}

/* setmetatable without __gc or __mode (see the top of this file). */
int sb_l_setmetatable(lua_State *L)
{
	if (lua_istable(L, 2)) {
		lua_pushliteral(L, "__gc");
		int gc = lua_rawget(L, 2) != LUA_TNIL;
		lua_pushliteral(L, "__mode");
		int mode = lua_rawget(L, 2) != LUA_TNIL;
		lua_pop(L, 2);
		if (gc || mode)
			return luaL_error(L, "setmetatable: %s is not allowed in plugins",
			                  gc ? "__gc (a finaliser)" : "__mode (a weak table)");
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Replaces field NAME of the table on top of the stack with FN, which gets
 * the original as its upvalue. */
void sb_wrap(lua_State *L, const char *name, lua_CFunction fn)
{
	lua_getfield(L, -1, name);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

/* Bounds the library copy on top of the stack, named LIB. */
void sb_bound_library(lua_State *L, const char *lib)
{
	if (strcmp(lib, "string") == 0) {
		lua_pushcfunction(L, l_str_find);
		lua_setfield(L, -2, "find");
		lua_pushcfunction(L, l_str_match);
		lua_setfield(L, -2, "match");
		lua_pushcfunction(L, l_str_gmatch);
		lua_setfield(L, -2, "gmatch");
		lua_pushcfunction(L, l_str_gsub);
		lua_setfield(L, -2, "gsub");
		sb_wrap(L, "rep", l_str_rep);
	} else if (strcmp(lib, "table") == 0) {
		sb_wrap(L, "move", l_table_move);
		sb_wrap(L, "sort", l_table_sort);
		sb_wrap(L, "insert", l_guarded);
		sb_wrap(L, "remove", l_guarded);
		sb_wrap(L, "concat", l_guarded);
		sb_wrap(L, "unpack", l_guarded);
	}
}

/* Globals a plugin may use, copied from the opened libraries. */
