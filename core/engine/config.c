#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HERALD_CONTENT_DIR
#define HERALD_CONTENT_DIR "."
#endif

#define KEY_INT(n, field, lo, hi, d, h)                                                                      \
	{                                                                                                    \
		n, HR_CONF_INT, offsetof(struct hr_config, field), sizeof(int), lo, hi, d, h                 \
	}
#define KEY_STR(n, field, d, h)                                                                              \
	{                                                                                                    \
		n, HR_CONF_STRING, offsetof(struct hr_config, field),                                        \
		    sizeof(((struct hr_config *)0)->field), 0, 0, d, h                                       \
	}

const struct hr_config_key hr_config_keys[] = {
    {"listen", HR_CONF_LISTEN, 0, 0, 0, 0, "127.0.0.1:8080", "address and port to serve on, HOST:PORT"},
    KEY_INT("workers", workers, 0, 256, "0",
            "event loops serving the port, each on its own thread (0: one per CPU)"),
    KEY_STR("content_dir", content_dir, HERALD_CONTENT_DIR, "root holding intents/, plugins/, lua/ and web/"),
    KEY_STR("intents_dir", intents_dir, "", "intent files (default: content_dir/intents)"),
    KEY_STR("plugins_dir", plugins_dir, "", "plugins (default: content_dir/plugins)"),
    KEY_STR("local_content_dirs", local_content_dirs, "",
            "the clinic's own content: folders (comma-separated) holding intents/ and plugins/, "
            "watched like the bundled ones; a file named like a bundled one replaces it, any "
            "other adds to it (docs/operations.md, Local content)"),
    KEY_STR("lua_dir", lua_dir, "", "the plugin SDK (default: content_dir/lua)"),
    KEY_STR("web_dir", web_dir, "", "static files of the chat widget (default: content_dir/web)"),
    KEY_STR("log_level", log_level, "info", "error, warn, notice, info or debug"),
    KEY_INT("limits.message_bytes", message_bytes, 64, 1 << 20, "16384", "largest question message accepted"),
    KEY_INT("limits.lua_memory_kb", lua_memory_kb, 256, 1 << 20, "16384",
            "memory cap of each plugin's Lua state"),
    KEY_INT("limits.lua_call_ms", lua_call_ms, 1, 10000, "50", "CPU time budget of one plugin call"),
    KEY_INT("limits.lua_load_ms", lua_load_ms, 10, 60000, "2000", "CPU time budget of loading one plugin"),
    KEY_INT("limits.max_connections", max_connections, 1, 1000000, "10000",
            "open connections at most, HTTP and WebSocket (beyond: 503 with Retry-After)"),
    KEY_INT("limits.rate_per_second", rate_per_second, 1, 10000, "5",
            "questions a second per WebSocket, sustained"),
    KEY_INT("limits.rate_burst", rate_burst, 1, 100000, "20", "questions a WebSocket may send at once"),
    KEY_INT("limits.max_queued_replies", max_queued_replies, 1, 10000, "16",
            "replies waiting for a slow reader before herald stops reading from it"),
    KEY_INT("limits.max_connections_per_address", max_per_address, 1, 1000000, "64",
            "open WebSockets from one address"),
    KEY_INT("limits.ping_seconds", ping_seconds, 1, 3600, "30", "silence before herald pings a WebSocket"),
    KEY_INT("limits.idle_seconds", idle_seconds, 2, 86400, "90", "silence before herald hangs up"),
    KEY_INT("limits.request_seconds", request_seconds, 1, 3600, "10",
            "time a client has to finish its HTTP request or WebSocket handshake"),
    KEY_INT("limits.drain_seconds", drain_seconds, 0, 3600, "10",
            "on SIGTERM, time to finish in-flight answers before connections are cut"),
    KEY_INT("limits.drain_notice_seconds", drain_notice_seconds, 0, 600, "0",
            "on SIGTERM, time /healthz answers 503 while herald still serves, before it stops "
            "accepting (behind a load balancer: longer than its health check takes to notice)"),
    KEY_STR("tls.cert", tls_cert, "",
            "PEM certificate (chain) file; with tls.key, herald serves https and wss"),
    KEY_STR("tls.key", tls_key, "", "PEM private key file for tls.cert"),
    KEY_STR("http.allowed_origins", allowed_origins, "",
            "other web origins allowed (comma-separated, or *); the same host and localhost always are"),
    KEY_STR("http.trusted_proxies", trusted_proxies, "",
            "load balancers (addresses and CIDR ranges, comma-separated) whose X-Forwarded-For or "
            "Forwarded header names the client, for the limits per address"),
    KEY_STR("auth.tokens", auth_tokens, "",
            "bearer tokens (comma-separated); when set, /v1/ask and /chat require one"),
    KEY_INT("sessions.ttl_seconds", session_ttl_s, 10, 7 * 86400, "1800",
            "idle HTTP conversations expire after this"),
    KEY_INT("sessions.max", max_sessions, 1, 10000000, "10000", "HTTP conversations remembered at most"),
    KEY_INT("unanswered.enabled", unanswered_enabled, 0, 1, "0",
            "1 keeps questions that reached the fallback (redacted) for `herald report unanswered`"),
    KEY_STR("unanswered.file", unanswered_file, "unanswered.tsv",
            "where they are kept (relative: to the working directory)"),
    KEY_INT("unanswered.max", unanswered_max, 1, 1000000, "1000", "questions kept at most"),
    KEY_INT("unanswered.max_age_days", unanswered_max_age_days, 1, 3650, "30", "days a question is kept"),
    KEY_INT("review.max_age_days", review_max_age_days, 1, 3650, "365",
            "`herald check` warns about plugins whose content was reviewed longer ago than this"),
    KEY_INT("voice.enabled", voice_enabled, 0, 1, "1",
            "1 answers spoken questions (WebSocket audio, POST /v1/voice)"),
    KEY_INT("voice.preload", voice_preload, 0, 1, "0",
            "1 loads the speech models at start; 0 on the first spoken question (~20 MB less until then)"),
    KEY_STR("voice_dir", voice_dir, "",
            "pronunciation lexicon and extra sentences (default: content_dir/voice)"),
    KEY_STR("voice.model_dir", voice_model_dir, "/usr/share/pocketsphinx/model/en-us/en-us",
            "the pocketsphinx acoustic model"),
    KEY_STR("voice.dictionary", voice_dictionary, "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
            "the CMU pronunciation dictionary"),
    KEY_STR("voice.tts_voice", voice_tts, "slt", "flite voice for spoken answers: slt or kal16"),
    KEY_INT("voice.decoders", voice_decoders, 1, 16, "2", "speech recognisers running at once (~40 MB each)"),
    KEY_INT("voice.queue", voice_queue, 0, 10000, "16", "spoken questions waiting for a recogniser at most"),
    KEY_INT("voice.idle_seconds", voice_idle_seconds, 0, 86400, "60",
            "a recogniser unused this long is freed (0: never), its memory given back"),
    KEY_INT("limits.audio_seconds", audio_seconds, 1, 120, "15", "longest spoken question accepted"),
    KEY_INT("limits.speech_chars", speech_chars, 100, 100000, "1500",
            "longest answer spoken (cut at a sentence; urgent answers are never cut)"),
    KEY_INT("intents.jit", intents_jit, 0, 1, "1",
            "1 JIT-compiles each intent pattern when it first runs: matching twice as fast, up to "
            "about 9 MB more memory"),
    KEY_STR("intents.ranker", intents_ranker, "sparse",
            "the ranker's model: dense (every feature weighs for every intent) or sparse (a feature "
            "weighs only for the intents that use it: its cost grows far less with their number)"),
    KEY_STR("metrics.allow", metrics_allow, "",
            "addresses and CIDR ranges (comma-separated) that may read /metrics besides loopback"),
    {NULL, 0, 0, 0, 0, 0, NULL, NULL},
};

static const struct hr_config_key *find_key(const char *key)
{
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++) {
		if (strcmp(k->name, key) == 0)
			return k;
	}
	return NULL;
}

int hr_config_set_listen(struct hr_config *cfg, const char *value, char *err, size_t errcap)
{
	const char *colon = strrchr(value, ':');
	char host[sizeof(cfg->listen_host)];
	if (!colon || colon == value || (size_t)(colon - value) >= sizeof(host)) {
		snprintf(err, errcap, "listen: '%s' is not HOST:PORT (for example 127.0.0.1:8080)", value);
		return -EINVAL;
	}
	memcpy(host, value, (size_t)(colon - value));
	host[colon - value] = '\0';
	if (host[0] == '[') {
		size_t hl = strlen(host);
		if (hl < 3 || host[hl - 1] != ']') {
			snprintf(err, errcap, "listen: '%s' has an unclosed [ in its IPv6 address", value);
			return -EINVAL;
		}
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	char *endp;
	long port = strtol(colon + 1, &endp, 10);
	if (*endp || endp == colon + 1 || port < 0 || port > 65535) {
		snprintf(err, errcap, "listen: port '%s' is not a number from 0 to 65535", colon + 1);
		return -EINVAL;
	}
	snprintf(cfg->listen_host, sizeof(cfg->listen_host), "%s", host);
	cfg->listen_port = (int)port;
	return 0;
}

int hr_config_set_string(struct hr_config *cfg, const char *key, const char *value, char *err, size_t errcap)
{
	const struct hr_config_key *k = find_key(key);
	if (!k) {
		snprintf(err, errcap, "%s: unknown key (see `herald serve --help` for the keys)", key);
		return -ENOENT;
	}
	if (k->type == HR_CONF_LISTEN)
		return hr_config_set_listen(cfg, value, err, errcap);
	if (k->type == HR_CONF_INT) {
		char *endp;
		long long v = strtoll(value, &endp, 10);
		if (!*value || *endp) {
			snprintf(err, errcap, "%s: '%s' is not a whole number", key, value);
			return -EINVAL;
		}
		return hr_config_set_int(cfg, key, v, err, errcap);
	}
	if (strlen(value) >= k->size) {
		snprintf(err, errcap, "%s: value is longer than %zu bytes", key, k->size - 1);
		return -EINVAL;
	}
	if (strcmp(key, "log_level") == 0 && strcmp(value, "error") && strcmp(value, "warn") &&
	    strcmp(value, "notice") && strcmp(value, "info") && strcmp(value, "debug")) {
		snprintf(err, errcap, "log_level: '%s' is not one of error, warn, notice, info, debug",
		         value);
		return -EINVAL;
	}
	if (strcmp(key, "intents.ranker") == 0 && strcmp(value, "sparse") && strcmp(value, "dense")) {
		snprintf(err, errcap, "intents.ranker: '%s' is not one of dense, sparse", value);
		return -EINVAL;
	}
	snprintf((char *)cfg + k->offset, k->size, "%s", value);
	return 0;
}

int hr_config_set_int(struct hr_config *cfg, const char *key, long long value, char *err, size_t errcap)
{
	const struct hr_config_key *k = find_key(key);
	if (!k) {
		snprintf(err, errcap, "%s: unknown key (see `herald serve --help` for the keys)", key);
		return -ENOENT;
	}
	if (k->type != HR_CONF_INT) {
		snprintf(err, errcap, "%s: expects a string, got the number %lld", key, value);
		return -EINVAL;
	}
	if (value < k->min || value > k->max) {
		snprintf(err, errcap, "%s: %lld is out of range (%ld to %ld)", key, value, k->min, k->max);
		return -EINVAL;
	}
	*(int *)((char *)cfg + k->offset) = (int)value;
	return 0;
}

void hr_config_defaults(struct hr_config *cfg)
{
	char err[256];
	memset(cfg, 0, sizeof(*cfg));
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++)
		hr_config_set_string(cfg, k->name, k->def, err, sizeof(err));
}

static void resolve_dir(char *dst, const char *root, const char *sub)
{
	if (*dst)
		return;
	size_t rl = strlen(root), sl = strlen(sub);
	if (rl + 1 + sl >= HR_PATH_MAX) {
		dst[0] = '\0'; /* too long to use; loading will report the empty path */
		return;
	}
	memcpy(dst, root, rl);
	dst[rl] = '/';
	memcpy(dst + rl + 1, sub, sl + 1);
}

static const char *type_name(enum hr_config_type t)
{
	return t == HR_CONF_INT ? "integer" : t == HR_CONF_LISTEN ? "HOST:PORT" : "string";
}

void hr_config_write_reference(FILE *f)
{
	fprintf(f,
	        "# Configuration reference\n"
	        "\n"
	        "<!-- Generated by `herald config --reference` from the key table in core/engine/config.c;\n"
	        "     the test config.reference fails when this page and the table differ. -->\n"
	        "\n"
	        "The config file is a Lua file of plain assignments, read by `herald serve --config FILE`\n"
	        "and again on SIGHUP. A dotted key is a field of a table:\n"
	        "`limits.message_bytes` is written `limits = { message_bytes = 8192 }`. Unknown keys and\n"
	        "values out of range are refused with the key's name; a reload with a bad config keeps the\n"
	        "running one. The packaged file is `/etc/herald/herald.conf.lua`.\n"
	        "\n"
	        "| key | type | default | range | what it does |\n"
	        "|---|---|---|---|---|\n");
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++) {
		char range[64] = "";
		if (k->type == HR_CONF_INT)
			snprintf(range, sizeof(range), "%ld to %ld", k->min, k->max);
		char def[160];
		if (strcmp(k->name, "content_dir") == 0)
			snprintf(def, sizeof(def),
			         "the source tree (a build) or `/usr/share/herald` (the package)");
		else
			snprintf(def, sizeof(def), *k->def ? "`%s`" : "(none)", k->def);
		fprintf(f, "| `%s` | %s | %s | %s | %s |\n", k->name, type_name(k->type), def, range,
		        k->help);
	}
}

void hr_config_resolve(struct hr_config *cfg)
{
	resolve_dir(cfg->intents_dir, cfg->content_dir, "intents");
	resolve_dir(cfg->plugins_dir, cfg->content_dir, "plugins");
	resolve_dir(cfg->lua_dir, cfg->content_dir, "lua");
	resolve_dir(cfg->web_dir, cfg->content_dir, "web");
	resolve_dir(cfg->voice_dir, cfg->content_dir, "voice");
}
