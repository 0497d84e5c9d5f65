/*
 * Fuzzes the conversion of a plugin's reply (a Lua value) into an answer.
 * One sandboxed plugin reads the input as a little program that builds an
 * arbitrary value: strings, numbers, booleans, functions, nested and
 * self-referencing tables, tables with hostile metatables, huge strings and
 * errors. hr_plugins_call() must turn every one into an answer or a clean
 * error within its budgets, and every answer must serialise to valid JSON.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto.h"
#include "sandbox.h"

#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The builder: each input byte is an operation on a stack of Lua values. */
static const char plugin[] =
    "herald.about { title = 'fuzz', reviewed = '2026-11-22' }\n"
    "local keys = { 'text', 'speech', 'sources', 'suggest', 'remember', 'title', 'publisher',\n"
    "               'url', 'drug', 'topic', 1, 2, 3, 4 }\n"
    "herald.on('fuzz.reply', function(q)\n"
    "  local s, i, st = q.text, 1, {}\n"
    "  local function byte() local b = s:byte(i) or 0; i = i + 1; return b end\n"
    "  local function top() return st[#st] end\n"
    "  while i <= #s do\n"
    "    local op = byte() % 14\n"
    "    if op == 0 then local n = byte() % 64; st[#st + 1] = s:sub(i, i + n - 1); i = i + n\n"
    "    elseif op == 1 then st[#st + 1] = byte() - 128\n"
    "    elseif op == 2 then st[#st + 1] = (byte() - 128) / 7\n"
    "    elseif op == 3 then st[#st + 1] = {}\n"
    "    elseif op == 4 then local v = table.remove(st); local t = top()\n"
    "      if type(t) == 'table' and v ~= nil then rawset(t, keys[byte() % #keys + 1], v) end\n"
    "    elseif op == 5 then local v = table.remove(st); local t = top()\n"
    "      if type(t) == 'table' and v ~= nil then rawset(t, #t + 1, v) end\n"
    "    elseif op == 6 then st[#st + 1] = byte() % 2 == 0\n"
    "    elseif op == 7 then st[#st + 1] = string.rep('x', byte() * 256)\n"
    "    elseif op == 8 then local t = top(); if type(t) == 'table' then\n"
    "      setmetatable(t, { __index = function() error('index') end,\n"
    "                        __len = function() return 1e9 end,\n"
    "                        __tostring = function() error('tostring') end }) end\n"
    "    elseif op == 9 then st[#st + 1] = function() return 'f' end\n"
    "    elseif op == 10 then local t = top(); if type(t) == 'table' then rawset(t, 'text', t) end\n"
    "    elseif op == 11 then st[#st + 1] = math.huge * (byte() % 2 == 0 and 1 or -1)\n"
    "    elseif op == 12 then st[#st + 1] = s:sub(i)\n"
    "    elseif op == 13 then if byte() % 8 == 0 then error('plugin error') end\n"
    "    end\n"
    "  end\n"
    "  return st[1]\n"
    "end)\n";

static hr_plugins *plugins;

static void diag(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	fprintf(stderr, "%s:%d: %s\n", file, line, msg);
}

static void setup(void)
{
	char dir[] = "/tmp/herald-fuzz-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char path[256];
	snprintf(path, sizeof(path), "%s/fuzz.lua", dir);
	FILE *f = fopen(path, "w");
	if (!f || fputs(plugin, f) == EOF || fclose(f))
		abort();
	struct hr_plugin_limits limits = {.memory_bytes = 4u << 20, .call_ms = 200, .load_ms = 2000};
	plugins = hr_plugins_new(HERALD_SOURCE_DIR "/lua/herald.lua", &limits);
	if (!plugins || hr_plugins_set_lexicon(plugins, HERALD_SOURCE_DIR "/voice/lexicon.txt", diag, NULL) ||
	    hr_plugins_add_file(plugins, path, diag, NULL))
		abort();
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!plugins)
		setup();
	if (size > 4096)
		return 0;
	char text[4097];
	memcpy(text, data, size);
	text[size] = '\0';
	struct hr_slot slot = {"drug", "trastuzumab"};
	struct hr_request rq = {.intent = "fuzz.reply", .text = text, .slots = &slot, .nslots = 1};
	struct hr_answer a = {0};
	char err[512];
	int rc = hr_plugins_call(plugins, NULL, &rq, &a, err, sizeof(err));
	if (rc == 0) {
		if (!a.text)
			abort(); /* the conversion promised a text */
		hr_answer_set(&a.intent, "fuzz.reply");
		size_t len;
		char *json = hr_proto_answer(&a, "id", NULL, 0, &len);
		if (json) {
			json_error_t jerr;
			json_t *j = json_loadb(json, len, 0, &jerr);
			if (!j)
				abort();
			json_decref(j);
			free(json);
		}
	}
	hr_answer_clear(&a);
	return 0;
}
