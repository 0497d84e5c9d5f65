/*
 * Reads the Lua config file into the typed table of config.c. Part of the Lua
 * bridge (it includes lua.h); all validation lives in config.c.
 */
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

static void config_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	luaL_error(L, "the config file runs too long (it should only assign values)");
}

/* Walks the table at the top of the stack, setting PREFIX.key for each entry. */
static int walk(lua_State *L, struct hr_config *cfg, const char *prefix, int depth, char *err, size_t errcap)
{
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) != LUA_TSTRING) {
			snprintf(err, errcap, "%s: keys must be names", *prefix ? prefix : "config");
			lua_pop(L, 2);
			return -EINVAL;
		}
		char key[128];
		snprintf(key, sizeof(key), "%s%s%s", prefix, *prefix ? "." : "", lua_tostring(L, -2));
		int rc = 0;
		switch (lua_type(L, -1)) {
		case LUA_TTABLE:
			rc = depth < 3 ? walk(L, cfg, key, depth + 1, err, errcap) : -EINVAL;
			if (rc && depth >= 3)
				snprintf(err, errcap, "%s: tables nest too deep", key);
			break;
		case LUA_TNUMBER:
			if (!lua_isinteger(L, -1)) {
				snprintf(err, errcap, "%s: %g is not a whole number", key,
				         lua_tonumber(L, -1));
				rc = -EINVAL;
			} else {
				rc = hr_config_set_int(cfg, key, lua_tointeger(L, -1), err, errcap);
			}
			break;
		case LUA_TSTRING:
			rc = hr_config_set_string(cfg, key, lua_tostring(L, -1), err, errcap);
			break;
		default:
			snprintf(err, errcap, "%s: a %s is not a valid value", key, luaL_typename(L, -1));
			rc = -EINVAL;
		}
		if (rc) {
			lua_pop(L, 2);
			return -EINVAL;
		}
		lua_pop(L, 1);
	}
	return 0;
}

int hr_config_load_file(struct hr_config *cfg, const char *path, char *err, size_t errcap)
{
	lua_State *L = luaL_newstate();
	if (!L) {
		snprintf(err, errcap, "%s: out of memory", path);
		return -ENOMEM;
	}
	int rc = -EINVAL;
	/* Text only, no libraries, and an instruction cap: a config file assigns
	 * values and nothing else. */
	if (luaL_loadfilex(L, path, "t") != LUA_OK) {
		snprintf(err, errcap, "%s", lua_tostring(L, -1));
		goto out;
	}
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "herald.config");
	lua_setupvalue(L, -2, 1);
	lua_sethook(L, config_hook, LUA_MASKCOUNT, 1000000);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		snprintf(err, errcap, "%s", lua_tostring(L, -1));
		goto out;
	}
	lua_sethook(L, NULL, 0, 0);
	lua_getfield(L, LUA_REGISTRYINDEX, "herald.config");
	char kerr[512];
	if (walk(L, cfg, "", 0, kerr, sizeof(kerr)) == 0)
		rc = 0;
	else
		snprintf(err, errcap, "%s: %s", path, kerr);
out:
	lua_close(L);
	return rc;
}
