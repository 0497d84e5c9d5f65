/*
 * herald's configuration: one typed table of keys, each with a type, a range
 * and a default, so that validation and documentation come from one place.
 * Plain C: the Lua config file is read by config_lua.c, which feeds each value
 * through hr_config_set_*() here.
 */
#ifndef HERALD_CONFIG_H
#define HERALD_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#define HR_PATH_MAX 1024

struct hr_config {
	char listen_host[256];
	int listen_port;
	int workers;                   /* workers; 0 until serve resolves it to the CPU count */
	char content_dir[HR_PATH_MAX]; /* holds intents/, plugins/, lua/, web/ */
	char intents_dir[HR_PATH_MAX]; /* "" means content_dir/intents */
	char plugins_dir[HR_PATH_MAX];
	char local_content_dirs[2048]; /* comma-separated folders with intents/ and plugins/ */
	char lua_dir[HR_PATH_MAX];
	char web_dir[HR_PATH_MAX];
	char log_level[16];
	int message_bytes;                 /* limits.message_bytes */
	int lua_memory_kb;                 /* limits.lua_memory_kb */
	int lua_call_ms;                   /* limits.lua_call_ms */
	int lua_load_ms;                   /* limits.lua_load_ms */
	int max_connections;               /* limits.max_connections */
	int session_ttl_s;                 /* sessions.ttl_seconds */
	int max_sessions;                  /* sessions.max */
	int rate_per_second;               /* limits.rate_per_second */
	int rate_burst;                    /* limits.rate_burst */
	int max_queued_replies;            /* limits.max_queued_replies */
	int max_per_address;               /* limits.max_connections_per_address */
	int ping_seconds;                  /* limits.ping_seconds */
	int idle_seconds;                  /* limits.idle_seconds */
	int request_seconds;               /* limits.request_seconds */
	int drain_seconds;                 /* limits.drain_seconds */
	int drain_notice_seconds;          /* limits.drain_notice_seconds */
	char tls_cert[HR_PATH_MAX];        /* tls.cert */
	char tls_key[HR_PATH_MAX];         /* tls.key */
	char allowed_origins[2048];        /* http.allowed_origins */
	char trusted_proxies[1024];        /* http.trusted_proxies */
	char auth_tokens[2048];            /* auth.tokens */
	int unanswered_enabled;            /* unanswered.enabled (0 or 1) */
	char unanswered_file[HR_PATH_MAX]; /* unanswered.file */
	int unanswered_max;                /* unanswered.max */
	int unanswered_max_age_days;       /* unanswered.max_age_days */
	int review_max_age_days;           /* review.max_age_days */
	/* The voice path (docs/voice.md). */
	int voice_enabled;                  /* voice.enabled (0 or 1) */
	int voice_preload;                  /* voice.preload: load at start (1) or on first use (0) */
	char voice_dir[HR_PATH_MAX];        /* voice_dir: lexicon.txt, corpus.txt */
	char voice_model_dir[HR_PATH_MAX];  /* voice.model_dir: pocketsphinx acoustic model */
	char voice_dictionary[HR_PATH_MAX]; /* voice.dictionary: CMU pronunciation dictionary */
	char voice_tts[32];                 /* voice.tts_voice */
	int voice_decoders;                 /* voice.decoders */
	int voice_queue;                    /* voice.queue */
	int voice_idle_seconds;             /* voice.idle_seconds */
	int audio_seconds;                  /* limits.audio_seconds */
	int speech_chars;                   /* limits.speech_chars */
	int intents_jit;                    /* intents.jit (0 or 1) */
	char intents_ranker[16];            /* intents.ranker: "dense" or "sparse" */
	char metrics_allow[1024];           /* metrics.allow */
};

enum hr_config_type { HR_CONF_INT, HR_CONF_STRING, HR_CONF_LISTEN };

/* One key of the table, for validation and for `herald serve --help`. */
struct hr_config_key {
	const char *name;
	enum hr_config_type type;
	size_t offset;
	size_t size; /* capacity, for strings */
	long min, max;
	const char *def;
	const char *help;
};

/* The table itself, terminated by a NULL name. */
extern const struct hr_config_key hr_config_keys[];

/* Fills CFG with the defaults; CONTENT_DIR is the compiled-in default root. */
void hr_config_defaults(struct hr_config *cfg);

/*
 * Sets KEY from a string or an integer. On a bad key or value, writes a message
 * naming the key and the value to ERR and returns -EINVAL (-ENOENT for an
 * unknown key).
 */
int hr_config_set_string(struct hr_config *cfg, const char *key, const char *value, char *err, size_t errcap);
int hr_config_set_int(struct hr_config *cfg, const char *key, long long value, char *err, size_t errcap);

/* Parses "HOST:PORT" ("[::1]:8080" for IPv6) into CFG; 0 or -EINVAL. */
int hr_config_set_listen(struct hr_config *cfg, const char *value, char *err, size_t errcap);

/*
 * Writes the key table to F as a Markdown page (docs/config.md is this
 * output, and a test keeps the two equal). Build-dependent defaults are
 * described, not printed, so every build writes the same page.
 */
void hr_config_write_reference(FILE *f);

/* Fills the empty directory keys from content_dir. */
void hr_config_resolve(struct hr_config *cfg);

/*
 * Reads a Lua config file (config_lua.c): a chunk of plain assignments such as
 *   listen = "127.0.0.1:8080"
 *   limits = { message_bytes = 16384 }
 * run with no library at all and a small budget. Nested tables become dotted
 * keys. Returns 0, or -EINVAL with "file:line: message" or "key: message" in ERR.
 */
int hr_config_load_file(struct hr_config *cfg, const char *path, char *err, size_t errcap);

#endif
