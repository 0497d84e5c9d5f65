/*
 * `herald serve`: the daemon.
 *
 * The main thread owns a small uv loop of its own: signals, the watch on the
 * content folders, systemd notification and its watchdog, and the unanswered
 * questions file. It serves nothing. The serving is done by N workers
 * (--workers, the config's `workers`, by default one per CPU), each a thread
 * with its own uv loop, its own libwebsockets context listening on the shared
 * port (SO_REUSEPORT), its own engine and Lua states. Workers share only what
 * must be one for the whole daemon (server.h: hr_server_shared) and never
 * wait on each other to answer.
 *
 * The main thread talks to a worker by setting command bits and waking its
 * uv_async_t; a worker reports back by updating its atomics and waking the
 * main loop's. Everything a worker owns is created and destroyed on its own
 * thread, in reverse order; the main thread joins it before freeing the
 * shared state.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <uv.h>
#ifdef HERALD_WITH_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "cli.h"
#include "config.h"
#include "diag.h"
#include "dirlist.h"
#include "engine.h"
#include "log.h"
#include "metrics.h"
#include "server.h"
#include "unanswered.h"
#include "voice.h"
#include "webroot.h"

#define MAX_WORKERS 256

/* Commands from the main thread to a worker (bits of worker.cmds). */
enum {
	CMD_RELOAD = 1 << 0, /* recompile the content (and take pending_cfg, if set) */
	CMD_DRAIN = 1 << 1,  /* SIGTERM: finish what was asked, then stop */
	CMD_STOP_NOW = 1 << 2,
};

struct daemon;
struct worker;

/* One reload of one worker: built on the thread pool, swapped in on the
 * worker's loop. */
struct reload_job {
	uv_work_t work;
	struct worker *w;
	unsigned gen; /* the main thread's reload generation this job answers */
	int new_config;
	struct hr_config cfg;
	struct hr_content *content;
	int rc;
	char *diags; /* "file:line: message" lines, reported on the loop */
	size_t diaglen;
	size_t no_handler; /* intents no plugin answers in the new content */
	char no_handler_first[128];
	/* Content still being written (content_settled()): not loaded, tried
	 * again after defer_ms; UNSETTLED says which file and why. */
	unsigned defer_ms;
	char unsettled[HR_PATH_MAX + 400];
	hr_webroot *web; /* the widget's files, swapped with the content */
	int web_rc;
	hr_voice_model *voice_model; /* the recogniser's grammar of the new content */
};

struct worker {
	struct daemon *d;
	int index;
	uv_thread_t thread;
	uv_sem_t started; /* posted once start_rc is known */
	int start_rc;

	/* Owned by the worker's thread. */
	uv_loop_t loop;
	uv_async_t wake;
	struct hr_config cfg; /* the server borrows it; replaced in place on reload */
	struct hr_content *content;
	hr_engine *engine;
	hr_server *server;
	hr_webroot *web;
	hr_voice *voice;
	struct reload_job *reloading;
	int reload_again;
	uv_timer_t reload_retry; /* a deferred reload (content_settled()) */
	unsigned deferrals;	 /* in a row */
	int stopping;
	uv_timer_t drain_timer;
	uint64_t drain_started, drain_deadline;
	int said_goodbye;
	uv_timer_t housekeeping;
	unsigned long long questions_at_housekeeping;
	uv_timer_t heartbeat; /* only with systemd's watchdog */
	int heartbeat_on;
	int loop_open, handles_open;

	/* From the main thread, under lock. */
	uv_mutex_t lock;
	int wake_open; /* uv_async_send only while the handle is open */
	int has_cfg;
	struct hr_config pending_cfg;
	atomic_int cmds;
	atomic_uint want_gen; /* the newest reload generation asked for */

	/* Reported to the main thread. */
	atomic_uint done_gen; /* the generation of the last reload finished */
	atomic_int done_ok;   /* whether it succeeded */
	atomic_size_t n_intents, n_plugins;
	atomic_ullong questions;
	atomic_ullong heartbeat_ms; /* last turn of the loop, for the watchdog */
	atomic_int exited;
};

struct daemon {
	uv_loop_t loop;
	uv_signal_t sigterm, sigint, sighup;
	uv_fs_event_t watch_intents, watch_plugins;
	uv_timer_t debounce, status_timer;
	uv_async_t wake; /* a worker has something to report */
	const char *config_path;
	struct hr_config cfg;
	hr_server_shared *shared;
	struct worker *workers;
	int nworkers, nstarted;
	int stopping;
	int failed; /* a worker stopped without being asked: exit non-zero */
	/* Reloads: each broadcast is a generation; a round is over when every
	 * worker has finished the newest one. */
	unsigned reload_gen, reported_gen;
	int config_reading, config_again, ready_pending;
	/* systemd's watchdog, fed only while every worker's loop turns. */
	uv_timer_t watchdog;
	int watchdog_on;
	uint64_t watchdog_ms;
	int watchdog_starved;
	/* Unanswered questions (off by default): added by any worker, saved
	 * every few seconds off the loop by the main thread. */
	hr_unanswered *unanswered;
	uv_mutex_t unanswered_lock;
	uv_timer_t save_timer;
	int unanswered_dirty, saving;
	/* The file, as configured at start (a SIGHUP does not move the store). */
	char unanswered_file[sizeof(((struct hr_config *)0)->unanswered_file)];
	enum {
		UNANSWERED_SAVING, /* the file is ours: saved every few seconds */
		UNANSWERED_WAITING, /* unreadable or not ours: read again until it can be merged */
		UNANSWERED_MEMORY,  /* not a regular file: never written */
	} unanswered_state;
	const char *unanswered_why;
	unsigned save_failures; /* in a row, to log the first and the recovery */
	uv_work_t trim_work; /* malloc_trim() after a reload (trim_after_reload()) */
	int trimming;
};

static uint64_t mono_ms(void)
{
	return uv_hrtime() / 1000000;
}

static void notify(const char *state)
{
#ifdef HERALD_WITH_SYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

static void on_close(uv_handle_t *h)
{
	(void)h;
}

/* ---- Unanswered questions: any worker adds, the main thread saves ---- */

static void on_fallback(void *ud, const char *text, size_t len)
{
	struct daemon *d = ud;
	uv_mutex_lock(&d->unanswered_lock);
	hr_unanswered_add(d->unanswered, text, len, (int64_t)time(NULL));
	d->unanswered_dirty = 1;
	uv_mutex_unlock(&d->unanswered_lock);
}

/*
 * Saving never loses a question silently (issue 21, item 5): a save that
 * fails leaves the store marked dirty, so the next tick saves it again; a
 * file herald cannot read is never saved over, but read again every tick and
 * merged with what was asked meanwhile once it can be; a path that is not a
 * regular file is never written. Each case is logged, with its reason.
 */
struct save_job {
	uv_work_t work;
	struct daemon *d;
	hr_unanswered *snapshot; /* what to save; NULL: read the file instead */
	hr_unanswered *loaded;	 /* what the file held, when it could be read */
	int rc;
};

static void save_work(uv_work_t *w)
{
	struct save_job *job = w->data;
	struct daemon *d = job->d;
	if (job->snapshot) {
		job->rc = hr_unanswered_save(job->snapshot, d->unanswered_file);
		return;
	}
	job->loaded = hr_unanswered_new((size_t)d->cfg.unanswered_max, (int64_t)d->cfg.unanswered_max_age_days * 86400);
	job->rc = job->loaded ? hr_unanswered_load(job->loaded, d->unanswered_file, (int64_t)time(NULL)) : -ENOMEM;
}

static void save_done(uv_work_t *w, int status)
{
	(void)status;
	struct save_job *job = w->data;
	struct daemon *d = job->d;
	if (!job->snapshot) {
		if (job->rc == 0) {
			/* Readable at last: its entries first, then those asked since. */
			uv_mutex_lock(&d->unanswered_lock);
			hr_unanswered_append(job->loaded, d->unanswered);
			hr_unanswered *old = d->unanswered;
			d->unanswered = job->loaded;
			job->loaded = old;
			d->unanswered_dirty = 1;
			d->unanswered_state = UNANSWERED_SAVING;
			size_t n = hr_unanswered_count(d->unanswered);
			uv_mutex_unlock(&d->unanswered_lock);
			hr_notice("event=unanswered_readable file=%s entries=%zu (merged; saving again)", d->unanswered_file,
				  n);
		}
		hr_unanswered_free(job->loaded);
	} else if (job->rc) {
		/* Nothing was written: save all of it again next time. */
		uv_mutex_lock(&d->unanswered_lock);
		d->unanswered_dirty = 1;
		size_t n = hr_unanswered_count(d->unanswered);
		uv_mutex_unlock(&d->unanswered_lock);
		if (d->save_failures++ == 0)
			hr_warn("event=unanswered_save_failed file=%s error=\"%s\" kept=%zu (kept in memory; trying again "
				"every 5 s)",
				d->unanswered_file, hr_unanswered_strerror(job->rc), n);
	} else if (d->save_failures) {
		hr_notice("event=unanswered_saved file=%s after_failures=%u", d->unanswered_file, d->save_failures);
		d->save_failures = 0;
	}
	d->saving = 0;
	hr_unanswered_free(job->snapshot);
	free(job);
}

static void on_save_timer(uv_timer_t *t)
{
	struct daemon *d = t->data;
	if (d->saving || d->unanswered_state == UNANSWERED_MEMORY)
		return;
	struct save_job *job = calloc(1, sizeof(*job));
	if (!job)
		return;
	if (d->unanswered_state == UNANSWERED_SAVING) {
		uv_mutex_lock(&d->unanswered_lock);
		if (d->unanswered_dirty) {
			hr_unanswered_expire(d->unanswered, (int64_t)time(NULL));
			job->snapshot = hr_unanswered_clone(d->unanswered);
			if (job->snapshot)
				d->unanswered_dirty = 0;
		}
		uv_mutex_unlock(&d->unanswered_lock);
		if (!job->snapshot) {
			free(job);
			return;
		}
	}
	job->d = d;
	job->work.data = job;
	if (uv_queue_work(&d->loop, &job->work, save_work, save_done) == 0) {
		d->saving = 1;
	} else {
		if (job->snapshot) {
			hr_unanswered_free(job->snapshot);
			uv_mutex_lock(&d->unanswered_lock);
			d->unanswered_dirty = 1;
			uv_mutex_unlock(&d->unanswered_lock);
		}
		free(job);
	}
}

/* Opens the store at start: a crash's leftover removed, the file read, and
 * what cannot be read never written over. Blocking, before any worker. */
static void unanswered_open(struct daemon *d)
{
	snprintf(d->unanswered_file, sizeof(d->unanswered_file), "%s", d->cfg.unanswered_file);
	size_t bytes = 0;
	int sr = hr_unanswered_remove_stale(d->unanswered_file, &bytes);
	if (sr > 0)
		hr_notice("event=unanswered_stale_tmp_removed file=%s.tmp bytes=%zu (left by a crash)", d->unanswered_file,
			  bytes);
	else if (sr < 0)
		hr_warn("event=unanswered_stale_tmp file=%s.tmp error=\"%s\" (left in place)", d->unanswered_file,
			hr_unanswered_strerror(sr));
	int lr = hr_unanswered_load(d->unanswered, d->unanswered_file, (int64_t)time(NULL));
	if (lr == -EINVAL) {
		d->unanswered_state = UNANSWERED_MEMORY;
		d->unanswered_why = "not a regular file";
		hr_err("event=unanswered_refused file=%s error=\"not a regular file\" (questions are kept in memory "
		       "only, never written there; point unanswered.file at a file)",
		       d->unanswered_file);
	} else if (lr) {
		d->unanswered_state = UNANSWERED_WAITING;
		d->unanswered_why = hr_unanswered_strerror(lr);
		hr_err("event=unanswered_unreadable file=%s error=\"%s\" (not saving over it: questions are kept in "
		       "memory, and saved with its entries once it can be read)",
		       d->unanswered_file, d->unanswered_why);
	}
}

/* The last save, after every worker has stopped; what cannot be saved is
 * counted in the log, never dropped without a word. */
static void unanswered_close(struct daemon *d)
{
	size_t n = hr_unanswered_count(d->unanswered);
	if (d->unanswered_state != UNANSWERED_SAVING) {
		if (n)
			hr_warn("event=unanswered_not_saved file=%s count=%zu error=\"%s\"", d->unanswered_file, n,
				d->unanswered_why);
	} else if (d->unanswered_dirty) {
		int rc = hr_unanswered_save(d->unanswered, d->unanswered_file);
		if (rc)
			hr_warn("event=unanswered_not_saved file=%s count=%zu error=\"%s\"", d->unanswered_file, n,
				hr_unanswered_strerror(rc));
	}
	hr_unanswered_free(d->unanswered);
}

/* ---- Worker: reloads ---- */

/* Content diagnostics are the same in every worker: only the first says them. */
static void worker_diag(void *ud, const char *file, int line, const char *msg)
{
	struct worker *w = ud;
	if (w->index == 0)
		hr_diag_log(NULL, file, line, msg);
}

static void job_diag(void *ud, const char *file, int line, const char *msg)
{
	struct reload_job *job = ud;
	if (job->w->index != 0)
		return;
	char buf[1200];
	int n = line > 0 ? snprintf(buf, sizeof(buf), "%s:%d: %s\n", file, line, msg)
			 : snprintf(buf, sizeof(buf), "%s: %s\n", file, msg);
	if (n <= 0 || job->diaglen > 65536)
		return;
	char *nd = realloc(job->diags, job->diaglen + (size_t)n + 1);
	if (!nd)
		return;
	memcpy(nd + job->diaglen, buf, (size_t)n + 1);
	job->diags = nd;
	job->diaglen += (size_t)n;
}

/*
 * Half-written files. An editor or a copy that writes a plugin in pieces can
 * be caught between them: the part written so far may be valid Lua that
 * lacks handlers, and was loaded as it was (a drug question got the generic
 * answer for a second, with nothing logged; issue 21). A reload therefore
 * waits, says so, and tries again when:
 *  - a content file was modified less than CONTENT_QUIET_MS ago;
 *  - the content changed while it was being compiled;
 *  - the new content leaves an intent that no plugin answers (what `herald
 *    check` calls an error, and what a half-written plugin looks like) and a
 *    file changed less than CONTENT_SETTLE_MS ago.
 * After that, or after CONTENT_MAX_DEFERRALS in a row, it loads what is there,
 * and says which intents get the generic answer.
 */
#define CONTENT_QUIET_MS 500
#define CONTENT_SETTLE_MS 3000
#define CONTENT_MAX_DEFERRALS 20

/* How many intents of C no plugin answers; the first one's name in *FIRST. */
static size_t unanswered_intents(const struct hr_content *c, const char **first)
{
	size_t n = 0;
	*first = NULL;
	for (size_t i = 0; i < hr_intents_count(c->intents); i++) {
		const struct hr_intent *in = hr_intents_get(c->intents, i);
		if (!hr_plugins_handler(c->plugins, in->name, in->plugin) && n++ == 0)
			*first = in->name;
	}
	return n;
}

struct content_state {
	uint64_t hash;	    /* of every file's name, size and modification time */
	int64_t newest_ms;  /* the most recent modification, ms since the epoch */
	char newest[HR_PATH_MAX + 300]; /* which file that was */
};

static void hash_mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * 1099511628211ull;
}

static void state_file(struct content_state *st, const char *dir, const char *name)
{
	char path[HR_PATH_MAX + 300];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct stat sb;
	if (stat(path, &sb) != 0)
		return;
	int64_t ms = (int64_t)sb.st_mtim.tv_sec * 1000 + sb.st_mtim.tv_nsec / 1000000;
	hash_mix(&st->hash, path, strlen(path));
	hash_mix(&st->hash, &sb.st_size, sizeof(sb.st_size));
	hash_mix(&st->hash, &sb.st_mtim, sizeof(sb.st_mtim));
	if (ms > st->newest_ms) {
		st->newest_ms = ms;
		snprintf(st->newest, sizeof(st->newest), "%s", path);
	}
}

static void state_dir(struct content_state *st, const char *dir, const char *suffix)
{
	char **names;
	size_t n;
	if (hr_dir_list(dir, suffix, &names, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		state_file(st, dir, names[i]);
	hr_dir_list_free(names, n);
}

/* The intents, the plugins and the SDK, as they are on disk now. */
static void content_state(const struct hr_config *cfg, struct content_state *st)
{
	memset(st, 0, sizeof(*st));
	st->hash = 1469598103934665603ull;
	state_dir(st, cfg->intents_dir, ".intents");
	state_dir(st, cfg->plugins_dir, ".lua");
	state_file(st, cfg->lua_dir, "herald.lua");
}

static int64_t wall_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Runs on the thread pool: compiles a whole new content generation, so the
 * worker's loop never waits for files or compilers. */
static void reload_work(uv_work_t *uw)
{
	struct reload_job *job = uw->data;
	struct content_state before, after;
	content_state(&job->cfg, &before);
	int64_t age = wall_ms() - before.newest_ms;
	/* A time in the future (a clock set back) says nothing: load. */
	if (age >= 0 && age < CONTENT_QUIET_MS && job->w->deferrals < CONTENT_MAX_DEFERRALS) {
		job->defer_ms = (unsigned)(CONTENT_QUIET_MS - age);
		snprintf(job->unsettled, sizeof(job->unsettled), "file=%s written_ms_ago=%lld", before.newest,
			 (long long)age);
		return;
	}
	job->web_rc = hr_webroot_load(job->cfg.web_dir, job_diag, job, &job->web);
	job->content = calloc(1, sizeof(*job->content));
	if (!job->content) {
		job->rc = -ENOMEM;
		return;
	}
	job->rc = hr_content_load(&job->cfg, job_diag, job, job->content);
	if (job->rc == 0 && job->content->plugin_errors)
		job->rc = -EINVAL;
	/* What the recogniser listens for follows the content. A failure keeps
	 * the previous grammar, and does not hold back the new content. */
	if (job->rc == 0 && job->w->voice)
		hr_voice_build(job->w->voice, &job->cfg, job_diag, job, &job->voice_model);
	content_state(&job->cfg, &after);
	if (job->w->deferrals >= CONTENT_MAX_DEFERRALS)
		return;
	if (after.hash != before.hash) {
		job->defer_ms = CONTENT_QUIET_MS;
		snprintf(job->unsettled, sizeof(job->unsettled), "file=%s changed_while_loading=1", after.newest);
		return;
	}
	const char *first;
	if (job->rc == 0 && (job->no_handler = unanswered_intents(job->content, &first)) > 0) {
		snprintf(job->no_handler_first, sizeof(job->no_handler_first), "%s", first);
		int64_t since = wall_ms() - after.newest_ms;
		if (since >= 0 && since < CONTENT_SETTLE_MS) {
			job->defer_ms = CONTENT_QUIET_MS;
			snprintf(job->unsettled, sizeof(job->unsettled),
				 "file=%s written_ms_ago=%lld no_plugin_answers=%s (may be half-written)", after.newest,
				 (long long)since, first);
		}
	}
}

static void worker_reload(struct worker *w);

static void on_reload_retry(uv_timer_t *t)
{
	worker_reload(t->data);
}

/* Back on the worker's loop: swap the new generation in whole, or keep the old one. */
static void reload_done(uv_work_t *uw, int status)
{
	struct reload_job *job = uw->data;
	struct worker *w = job->w;
	w->reloading = NULL;
	if (job->defer_ms && !w->stopping && status != UV_ECANCELED) {
		/* Not loaded: the content is still being written. A new config
		 * goes back to wait for the retry, unless a newer one came. */
		if (w->index == 0)
			hr_info("event=reload_deferred %s (loading it once it is still)", job->unsettled);
		if (job->new_config) {
			uv_mutex_lock(&w->lock);
			if (!w->has_cfg) {
				w->pending_cfg = job->cfg;
				w->has_cfg = 1;
			}
			uv_mutex_unlock(&w->lock);
		}
		w->deferrals++;
		uv_timer_start(&w->reload_retry, on_reload_retry, job->defer_ms, 0);
		if (job->content) {
			hr_content_free(job->content);
			free(job->content);
		}
		hr_webroot_free(job->web);
		hr_voice_model_free(job->voice_model);
		free(job->diags);
		free(job);
		return;
	}
	if (w->deferrals >= CONTENT_MAX_DEFERRALS && w->index == 0)
		hr_warn("event=reload_unsettled deferrals=%u (content kept changing; loaded as it is)", w->deferrals);
	w->deferrals = 0;
	if (job->rc == 0 && job->no_handler && w->index == 0)
		hr_warn("event=reload_incomplete intents=%zu first=%s (no plugin answers them: they get the generic "
			"answer; herald check says where)",
			job->no_handler, job->no_handler_first);
	if (job->diags) {
		char *save = NULL;
		for (char *l = strtok_r(job->diags, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			hr_err("%s", l);
	}
	int ok = 0;
	if (w->stopping || status == UV_ECANCELED) {
		job->rc = -ECANCELED;
	} else if (job->rc == 0 && hr_engine_set_content(w->engine, job->content) == 0) {
		ok = 1;
		hr_content_free(w->content);
		free(w->content);
		w->content = job->content;
		job->content = NULL;
		if (job->web) {
			hr_server_set_webroot(w->server, job->web);
			hr_webroot_free(w->web);
			w->web = job->web;
			job->web = NULL;
		} else if (w->index == 0) {
			hr_warn("event=web_unreadable dir=%s error=\"%s\" (still serving the previous web files)",
				job->cfg.web_dir, strerror(-job->web_rc));
		}
		if (job->new_config) {
			/* The listen address belongs to the running server. */
			memcpy(job->cfg.listen_host, w->cfg.listen_host, sizeof(job->cfg.listen_host));
			job->cfg.listen_port = w->cfg.listen_port;
			w->cfg = job->cfg;
		}
		if (job->voice_model) {
			hr_voice_set_model(w->voice, job->voice_model);
			job->voice_model = NULL;
		}
		atomic_store(&w->n_intents, hr_intents_count(w->content->intents));
		atomic_store(&w->n_plugins, hr_plugins_count(w->content->plugins));
	}
	if (job->content) {
		hr_content_free(job->content);
		free(job->content);
	}
	hr_webroot_free(job->web);
	hr_voice_model_free(job->voice_model);
	free(job->diags);
	unsigned gen = job->gen;
	free(job);
	if (w->stopping)
		return;
	atomic_store(&w->done_ok, ok);
	atomic_store(&w->done_gen, gen); /* after done_ok and the counts: the main thread reads them after this */
	uv_async_send(&w->d->wake);
	if (w->reload_again) {
		w->reload_again = 0;
		worker_reload(w);
	}
}

static void worker_reload(struct worker *w)
{
	if (w->stopping)
		return;
	uv_timer_stop(&w->reload_retry);
	if (w->reloading) {
		/* A change arrived while compiling: compile again afterwards, so the
		 * newest files always win. */
		w->reload_again = 1;
		return;
	}
	struct reload_job *job = calloc(1, sizeof(*job));
	if (!job) {
		hr_err("event=reload_failed worker=%d error=\"out of memory\"", w->index);
		return;
	}
	job->w = w;
	job->gen = atomic_load(&w->want_gen);
	job->cfg = w->cfg;
	uv_mutex_lock(&w->lock);
	if (w->has_cfg) {
		job->cfg = w->pending_cfg;
		job->new_config = 1;
		w->has_cfg = 0;
	}
	uv_mutex_unlock(&w->lock);
	job->work.data = job;
	if (uv_queue_work(&w->loop, &job->work, reload_work, reload_done) != 0) {
		free(job);
		return;
	}
	w->reloading = job;
}

/* ---- Worker: stopping ---- */

static void worker_close_handles(struct worker *w)
{
	if (!w->handles_open)
		return;
	w->handles_open = 0;
	uv_mutex_lock(&w->lock);
	w->wake_open = 0;
	uv_mutex_unlock(&w->lock);
	uv_close((uv_handle_t *)&w->wake, on_close);
	uv_close((uv_handle_t *)&w->drain_timer, on_close);
	uv_close((uv_handle_t *)&w->housekeeping, on_close);
	uv_close((uv_handle_t *)&w->reload_retry, on_close);
	if (w->heartbeat_on)
		uv_close((uv_handle_t *)&w->heartbeat, on_close);
}

/* The end of a stop: lws closes what is left, the worker closes its own
 * handles, and its uv_run() returns because nothing is left on the loop. */
static void worker_finish(struct worker *w)
{
	w->stopping = 1;
	if (w->handles_open)
		uv_timer_stop(&w->drain_timer);
	hr_server_stop(w->server);
	worker_close_handles(w);
}

/* How long questions already on the wire get to arrive before connections
 * are told goodbye; they are answered, not lost. */
#define DRAIN_GRACE_MS 200

static void on_drain_timer(uv_timer_t *t)
{
	struct worker *w = t->data;
	uint64_t now = uv_now(&w->loop);
	if (!w->said_goodbye && now - w->drain_started >= DRAIN_GRACE_MS) {
		w->said_goodbye = 1;
		hr_server_goodbye(w->server);
	}
	unsigned busy = hr_server_busy(w->server);
	if ((w->said_goodbye && busy == 0) || now >= w->drain_deadline) {
		if (busy)
			hr_warn("event=drain_deadline worker=%d closing=%u", w->index, busy);
		worker_finish(w);
	}
}

static void worker_drain(struct worker *w)
{
	if (w->stopping)
		return;
	w->stopping = 1;
	if (w->cfg.drain_seconds == 0) {
		worker_finish(w);
		return;
	}
	hr_server_drain(w->server);
	w->drain_started = uv_now(&w->loop);
	w->drain_deadline = w->drain_started + (uint64_t)w->cfg.drain_seconds * 1000;
	uv_timer_start(&w->drain_timer, on_drain_timer, 50, 50);
}

static void on_worker_wake(uv_async_t *a)
{
	struct worker *w = a->data;
	int cmds = atomic_exchange(&w->cmds, 0);
	if (cmds & CMD_STOP_NOW) {
		worker_finish(w);
		return;
	}
	if (cmds & CMD_DRAIN)
		worker_drain(w);
	if (cmds & CMD_RELOAD)
		worker_reload(w);
}

/* ---- Worker: housekeeping ---- */

/* Publishes what the main thread shows in STATUS=. When no WebSocket is open
 * on this worker and questions were asked since the last time, collects the
 * plugins' garbage and gives the heap's free pages back, so the daemon
 * returns to its idle size after a burst instead of keeping its peak. */
static void on_housekeeping(uv_timer_t *t)
{
	struct worker *w = t->data;
	if (!w->server || w->stopping)
		return;
	unsigned open = hr_server_connections(w->server);
	unsigned long long q = hr_server_questions(w->server);
	atomic_store(&w->questions, q);
	atomic_store(&w->heartbeat_ms, mono_ms());
	hr_voice_idle(w->voice); /* recognisers unused for voice.idle_seconds */
	if (open > 0 || q == w->questions_at_housekeeping)
		return;
	w->questions_at_housekeeping = q;
	hr_engine_idle(w->engine);
	malloc_trim(0);
}

static void on_heartbeat(uv_timer_t *t)
{
	struct worker *w = t->data;
	atomic_store(&w->heartbeat_ms, mono_ms());
}

/* ---- Worker: start and end, on its own thread ---- */

/* Voice (docs/voice.md): the lexicons and the synthesiser load once per
 * worker; the recogniser's grammar is compiled from the content now and on
 * each reload. Without the speech packages herald still answers typed questions. */
static void worker_voice(struct worker *w)
{
	int rc = hr_voice_new(&w->loop, &w->cfg, worker_diag, w, &w->voice);
	hr_voice_model *m = NULL;
	if (rc == 0)
		rc = hr_voice_build(w->voice, &w->cfg, worker_diag, w, &m);
	if (rc) {
		if (w->index == 0)
			hr_warn("event=voice_off error=\"%s\"", strerror(-rc));
		hr_voice_free(w->voice);
		w->voice = NULL;
		return;
	}
	size_t words, sentences;
	hr_voice_model_stats(m, &words, &sentences);
	hr_voice_set_model(w->voice, m);
	if (w->index == 0)
		hr_notice("event=voice_on words=%zu sentences=%zu", words, sentences);
}

static int worker_start(struct worker *w)
{
	struct daemon *d = w->d;
	int rc;
	if ((rc = uv_loop_init(&w->loop))) {
		hr_err("event=start_failed worker=%d error=\"uv_loop_init: %s\"", w->index, uv_strerror(rc));
		return rc;
	}
	w->loop_open = 1;
	w->content = calloc(1, sizeof(*w->content));
	if (!w->content)
		return -ENOMEM;
	rc = hr_content_load(&w->cfg, worker_diag, w, w->content);
	if (rc) {
		hr_err("event=start_failed worker=%d error=\"cannot load content from %s and %s: %s\"", w->index,
		       w->cfg.intents_dir, w->cfg.plugins_dir, strerror(-rc));
		return rc;
	}
	if (w->content->plugin_errors && w->index == 0)
		hr_warn("event=plugins_failed count=%d (see above; serving the rest)", w->content->plugin_errors);
	if ((rc = hr_engine_new(w->content, &w->engine))) {
		hr_err("event=start_failed worker=%d error=\"cannot start the engine: %s\"", w->index, strerror(-rc));
		return rc;
	}
	atomic_store(&w->n_intents, hr_intents_count(w->content->intents));
	atomic_store(&w->n_plugins, hr_plugins_count(w->content->plugins));

	uv_async_init(&w->loop, &w->wake, on_worker_wake);
	w->wake.data = w;
	uv_timer_init(&w->loop, &w->drain_timer);
	w->drain_timer.data = w;
	uv_timer_init(&w->loop, &w->housekeeping);
	w->housekeeping.data = w;
	uv_timer_init(&w->loop, &w->reload_retry);
	w->reload_retry.data = w;
	uv_timer_start(&w->housekeeping, on_housekeeping, 2000, 2000);
	if (d->watchdog_on) {
		uv_timer_init(&w->loop, &w->heartbeat);
		w->heartbeat.data = w;
		w->heartbeat_on = 1;
		uint64_t ms = d->watchdog_ms / 4 ? d->watchdog_ms / 4 : 1;
		uv_timer_start(&w->heartbeat, on_heartbeat, ms, ms);
	}
	atomic_store(&w->heartbeat_ms, mono_ms());
	w->handles_open = 1;
	uv_mutex_lock(&w->lock);
	w->wake_open = 1;
	uv_mutex_unlock(&w->lock);

	/* The widget's files are read now, before the loop runs, so serving them
	 * never waits on the disk. Without them herald still answers. */
	int wrc = hr_webroot_load(w->cfg.web_dir, worker_diag, w, &w->web);
	if (wrc && w->index == 0)
		hr_notice("event=no_widget dir=%s error=\"%s\"", w->cfg.web_dir, strerror(-wrc));
	if (w->cfg.voice_enabled)
		worker_voice(w);
	rc = hr_server_start(&w->loop, &w->cfg, w->engine, d->shared, w->index, d->nworkers, &w->server);
	if (rc)
		return rc;
	hr_server_set_webroot(w->server, w->web);
	hr_server_set_voice(w->server, w->voice);
	if (d->unanswered)
		hr_server_on_fallback(w->server, on_fallback, d);
	return 0;
}

static void worker_main(void *arg)
{
	struct worker *w = arg;
	w->start_rc = worker_start(w);
	/* The port bound, for the main thread to give the next workers. */
	if (w->start_rc == 0)
		w->cfg.listen_port = hr_server_port(w->server);
	uv_sem_post(&w->started);
	if (w->loop_open) {
		/* A worker that failed to start closes what it opened, the same way. */
		if (w->start_rc)
			worker_finish(w);
		uv_run(&w->loop, UV_RUN_DEFAULT);
		hr_server_free(w->server);
		/* Anything lws left behind closes here; the loop must end empty. */
		uv_run(&w->loop, UV_RUN_DEFAULT);
		/* Voice jobs kept the loop alive until they finished: none is left. */
		hr_voice_free(w->voice);
		if (uv_loop_close(&w->loop) != 0)
			hr_warn("event=loop_not_empty worker=%d", w->index);
	}
	hr_engine_free(w->engine);
	hr_content_free(w->content);
	free(w->content);
	hr_webroot_free(w->web);
	atomic_store(&w->exited, 1);
	uv_async_send(&w->d->wake);
}

/* Sends CMDS to every worker whose loop still listens. */
static void broadcast(struct daemon *d, int cmds)
{
	for (int i = 0; i < d->nstarted; i++) {
		struct worker *w = &d->workers[i];
		uv_mutex_lock(&w->lock);
		if (w->wake_open) {
			atomic_fetch_or(&w->cmds, cmds);
			uv_async_send(&w->wake);
		}
		uv_mutex_unlock(&w->lock);
	}
}

/* ---- Main thread: status, reloads, signals ---- */

/* What `systemctl status` shows while serving; refreshed every 2 s (the
 * question counts are what each worker published at its last housekeeping). */
static void notify_status(struct daemon *d)
{
	char st[128];
	unsigned long long q = 0;
	for (int i = 0; i < d->nstarted; i++)
		q += atomic_load(&d->workers[i].questions);
	snprintf(st, sizeof(st), "STATUS=serving %u connections, %llu questions",
		 hr_server_shared_connections(d->shared), q);
	notify(st);
}

static void on_status_timer(uv_timer_t *t)
{
	struct daemon *d = t->data;
	if (!d->stopping && d->reported_gen == d->reload_gen && !d->config_reading)
		notify_status(d);
}

/* Asks every worker for a reload of generation ++reload_gen. */
static void broadcast_reload(struct daemon *d)
{
	d->reload_gen++;
	for (int i = 0; i < d->nworkers; i++)
		atomic_store(&d->workers[i].want_gen, d->reload_gen);
	broadcast(d, CMD_RELOAD);
}

/*
 * Memory after a reload. A reload compiles a whole new content generation on
 * the thread pool while the old one serves, then frees the old one from the
 * worker that used it; glibc keeps the freed pages in whichever of its
 * per-thread arenas they came from, so without help the resident size grew
 * with every reload under load (91 MB to 182 MB over ten; issue 21). Each
 * finished round is followed by malloc_trim(0), which gives back the free
 * pages of every arena (glibc 2.8 and later). It runs on the thread pool: it
 * locks each arena in turn, which a worker's loop must not wait for.
 */
static void trim_work(uv_work_t *w)
{
	(void)w;
	malloc_trim(0);
}

static void trim_done(uv_work_t *w, int status)
{
	(void)status;
	struct daemon *d = w->data;
	d->trimming = 0;
}

static void trim_after_reload(struct daemon *d)
{
	if (d->trimming)
		return;
	d->trim_work.data = d;
	if (uv_queue_work(&d->loop, &d->trim_work, trim_work, trim_done) == 0)
		d->trimming = 1;
}

/* A reload round is over when every worker finished the newest generation:
 * say so once, for the whole daemon. */
static void check_reloads(struct daemon *d)
{
	if (d->reported_gen == d->reload_gen || d->stopping)
		return;
	int ok = 1;
	for (int i = 0; i < d->nworkers; i++) {
		if (atomic_load(&d->workers[i].done_gen) != d->reload_gen)
			return;
		ok &= atomic_load(&d->workers[i].done_ok);
	}
	d->reported_gen = d->reload_gen;
	struct hr_metrics *m = hr_server_shared_metrics(d->shared);
	if (ok) {
		hr_notice("event=reloaded intents=%zu plugins=%zu workers=%d", atomic_load(&d->workers[0].n_intents),
			  atomic_load(&d->workers[0].n_plugins), d->nworkers);
		hr_metrics_event(m, HR_EV_RELOAD_OK);
	} else {
		hr_err("event=reload_failed (still serving the previous version)");
		hr_metrics_event(m, HR_EV_RELOAD_FAILED);
	}
	if (d->ready_pending) {
		d->ready_pending = 0;
		notify("READY=1");
	}
	notify_status(d);
	trim_after_reload(d);
}

static void start_reload(struct daemon *d, int reread_config);

/* SIGHUP: the config is read once, off the loop, then handed to every worker
 * with the content reload. */
struct config_job {
	uv_work_t work;
	struct daemon *d;
	struct hr_config cfg;
	char err[600];
	int rc;
};

static void config_work(uv_work_t *uw)
{
	struct config_job *job = uw->data;
	hr_config_defaults(&job->cfg);
	if (job->d->config_path &&
	    hr_config_load_file(&job->cfg, job->d->config_path, job->err, sizeof(job->err))) {
		job->rc = -EINVAL;
		return;
	}
	hr_config_resolve(&job->cfg);
}

static void config_done(uv_work_t *uw, int status)
{
	struct config_job *job = uw->data;
	struct daemon *d = job->d;
	d->config_reading = 0;
	if (d->stopping || status == UV_ECANCELED) {
		free(job);
		return;
	}
	if (job->rc) {
		hr_err("event=reload_failed error=\"bad config: %s\" (still serving the previous version)", job->err);
		hr_metrics_event(hr_server_shared_metrics(d->shared), HR_EV_RELOAD_FAILED);
		notify("READY=1");
		notify_status(d);
	} else {
		/* The listen address and the number of workers belong to the running daemon. */
		memcpy(job->cfg.listen_host, d->cfg.listen_host, sizeof(job->cfg.listen_host));
		job->cfg.listen_port = d->cfg.listen_port;
		job->cfg.workers = d->cfg.workers;
		d->cfg = job->cfg;
		enum hr_log_level lvl = HR_LOG_INFO;
		hr_log_level_parse(d->cfg.log_level, &lvl);
		hr_log_set_level(lvl);
		for (int i = 0; i < d->nworkers; i++) {
			struct worker *w = &d->workers[i];
			uv_mutex_lock(&w->lock);
			w->pending_cfg = d->cfg;
			w->has_cfg = 1;
			uv_mutex_unlock(&w->lock);
		}
		d->ready_pending = 1;
		broadcast_reload(d);
	}
	free(job);
	if (d->config_again && !d->stopping) {
		d->config_again = 0;
		start_reload(d, 1);
	}
}

static void start_reload(struct daemon *d, int reread_config)
{
	if (d->stopping)
		return;
	if (!reread_config) {
		notify("STATUS=reloading");
		broadcast_reload(d);
		return;
	}
	if (d->config_reading) {
		d->config_again = 1;
		return;
	}
	struct config_job *job = calloc(1, sizeof(*job));
	if (!job) {
		hr_err("event=reload_failed error=\"out of memory\"");
		return;
	}
	job->d = d;
	job->work.data = job;
	notify("RELOADING=1\nSTATUS=reloading");
	if (uv_queue_work(&d->loop, &job->work, config_work, config_done) != 0) {
		free(job);
		return;
	}
	d->config_reading = 1;
}

static void on_debounce(uv_timer_t *t)
{
	start_reload(t->data, 0);
}

/* A file changed in intents/ or plugins/: wait for the burst of events an
 * editor's save makes to settle, then reload once. */
static void on_fs_event(uv_fs_event_t *h, const char *filename, int events, int status)
{
	(void)filename;
	(void)events;
	struct daemon *d = h->data;
	if (status < 0) {
		hr_warn("event=watch_failed error=\"%s\"", uv_strerror(status));
		return;
	}
	uv_timer_start(&d->debounce, on_debounce, 150, 0);
}

static void on_sighup(uv_signal_t *h, int signum)
{
	hr_notice("event=signal signal=%d action=reload", signum);
	start_reload(h->data, 1);
}

static void watch_dir(struct daemon *d, uv_fs_event_t *h, const char *dir)
{
	uv_fs_event_init(&d->loop, h);
	h->data = d;
	int rc = uv_fs_event_start(h, on_fs_event, dir, 0);
	if (rc)
		hr_warn("event=watch_failed dir=%s error=\"%s\" (SIGHUP still reloads)", dir, uv_strerror(rc));
}

/* Closes every handle the main thread owns; its uv_run() returns once they are gone. */
static void close_main_handles(struct daemon *d)
{
	uv_close((uv_handle_t *)&d->sigterm, on_close);
	uv_close((uv_handle_t *)&d->sigint, on_close);
	uv_close((uv_handle_t *)&d->sighup, on_close);
	uv_close((uv_handle_t *)&d->watch_intents, on_close);
	uv_close((uv_handle_t *)&d->watch_plugins, on_close);
	uv_close((uv_handle_t *)&d->debounce, on_close);
	uv_close((uv_handle_t *)&d->status_timer, on_close);
	uv_close((uv_handle_t *)&d->wake, on_close);
	if (d->watchdog_on)
		uv_close((uv_handle_t *)&d->watchdog, on_close);
	if (d->unanswered)
		uv_close((uv_handle_t *)&d->save_timer, on_close);
}

/* A worker reported: a reload finished, or its loop ended. */
static void on_main_wake(uv_async_t *a)
{
	struct daemon *d = a->data;
	int exited = 0;
	for (int i = 0; i < d->nstarted; i++)
		exited += atomic_load(&d->workers[i].exited);
	if (exited && !d->stopping) {
		/* A worker's loop ended without being asked: nothing restarts a
		 * thread, so stop the whole daemon and let systemd restart it. */
		hr_err("event=worker_exited workers_left=%d (stopping)", d->nstarted - exited);
		d->stopping = 1;
		d->failed = 1;
		notify("STOPPING=1\nSTATUS=a worker stopped");
		broadcast(d, CMD_STOP_NOW);
	}
	if (exited == d->nstarted && d->stopping) {
		close_main_handles(d);
		return;
	}
	check_reloads(d);
}

/* SIGTERM/SIGINT: every worker drains, so clients get their answers and a
 * 1001 close, then stops. A second signal stops at once. */
static void on_stop_signal(uv_signal_t *h, int signum)
{
	struct daemon *d = h->data;
	if (d->stopping) {
		hr_notice("event=signal signal=%d action=stop_now", signum);
		broadcast(d, CMD_STOP_NOW);
		return;
	}
	d->stopping = 1;
	hr_notice("event=signal signal=%d action=drain drain_seconds=%d", signum, d->cfg.drain_seconds);
	notify("STOPPING=1\nSTATUS=draining");
	broadcast(d, CMD_DRAIN);
}

/* Fed at half systemd's interval, and only while every worker's loop has
 * turned within the interval: a stuck worker gets the daemon restarted. */
static void on_watchdog(uv_timer_t *t)
{
	struct daemon *d = t->data;
	uint64_t now = mono_ms();
	for (int i = 0; i < d->nstarted; i++) {
		struct worker *w = &d->workers[i];
		uint64_t seen = atomic_load(&w->heartbeat_ms);
		if (!atomic_load(&w->exited) && now - seen > d->watchdog_ms) {
			if (!d->watchdog_starved)
				hr_err("event=worker_stuck worker=%d silent_ms=%llu (not feeding the watchdog)", i,
				       (unsigned long long)(now - seen));
			d->watchdog_starved = 1;
			return;
		}
	}
	d->watchdog_starved = 0;
	notify("WATCHDOG=1");
}

static void start_watchdog(struct daemon *d)
{
#ifdef HERALD_WITH_SYSTEMD
	uint64_t usec = 0;
	if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
		return;
	d->watchdog_ms = usec / 1000 ? usec / 1000 : 1;
	uv_timer_init(&d->loop, &d->watchdog);
	d->watchdog.data = d;
	d->watchdog_on = 1;
	uint64_t ms = d->watchdog_ms / 2 ? d->watchdog_ms / 2 : 1;
	uv_timer_start(&d->watchdog, on_watchdog, ms, ms);
#else
	(void)d;
#endif
}

/* Starts workers [FROM, TO) and waits until each has loaded its content and
 * bound the port (or failed). Returns 0 or the first failure. */
static int start_workers(struct daemon *d, int from, int to)
{
	for (int i = from; i < to; i++) {
		struct worker *w = &d->workers[i];
		int rc = uv_thread_create(&w->thread, worker_main, w);
		if (rc) {
			hr_err("event=start_failed worker=%d error=\"cannot create thread: %s\"", i, uv_strerror(rc));
			return rc;
		}
		d->nstarted = i + 1;
	}
	int first = 0;
	for (int i = from; i < d->nstarted; i++) {
		uv_sem_wait(&d->workers[i].started);
		if (d->workers[i].start_rc && !first)
			first = d->workers[i].start_rc;
	}
	return first;
}

static int default_workers(void)
{
	unsigned n = uv_available_parallelism();
	return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

static void usage_serve(FILE *f)
{
	fprintf(f, "usage: herald serve [--config FILE] [--listen HOST:PORT] [--workers N]\n"
		   "\n"
		   "Runs the daemon in the foreground; logs go to stderr. SIGTERM or SIGINT stop it.\n"
		   "  --config FILE       a Lua file of settings (see below); defaults need none\n"
		   "  --listen HOST:PORT  overrides the config's listen address (port 0: any free port)\n"
		   "  --workers N         event loops serving the port (overrides `workers`; 0: one per CPU)\n"
		   "\n"
		   "Config keys (config file, e.g. limits = { message_bytes = 8192 }):\n");
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++)
		fprintf(f, "  %-22s %s (default: %s)\n", k->name, k->help, *k->def ? k->def : "none");
}

int hr_cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *listen = NULL;
	int workers = -1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:l:w:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || n < 0 || n > MAX_WORKERS) {
				fprintf(stderr, "herald serve: --workers wants a number from 0 to %d, not '%s'\n",
					MAX_WORKERS, optarg);
				return 2;
			}
			workers = (int)n;
			break;
		}
		case 'h':
			usage_serve(stdout);
			return 0;
		default:
			usage_serve(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "herald serve: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}

	struct daemon *d = calloc(1, sizeof(*d));
	if (!d)
		return 1;
	int status = 1;
	if (hr_cli_load_config(&d->cfg, config))
		goto out_free;
	char err[300];
	if (listen && hr_config_set_listen(&d->cfg, listen, err, sizeof(err))) {
		fprintf(stderr, "herald serve: --listen %s\n", err);
		goto out_free;
	}
	if (workers >= 0)
		d->cfg.workers = workers;
	if (d->cfg.workers == 0)
		d->cfg.workers = default_workers();
	hr_config_resolve(&d->cfg);
	enum hr_log_level lvl = HR_LOG_INFO;
	hr_log_level_parse(d->cfg.log_level, &lvl);
	hr_log_set_level(lvl);
	/* A client that vanishes mid-write must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);
	d->config_path = config;
	d->nworkers = d->cfg.workers;
	/* glibc gives each thread that allocates its own arena, up to eight per
	 * core, and keeps freed pages in them: one content generation compiled
	 * on a pool thread and freed on a worker stays resident in both. One
	 * arena per worker (at least two) keeps the workers from waiting on each
	 * other's malloc() while the pool threads share theirs; with the trim
	 * after each reload, ten reloads under load grow the resident size from
	 * 91 to about 98 MB instead of 182 (docs/operations.md). It must be set
	 * before any other thread starts; MALLOC_ARENA_MAX, if set, wins. */
	if (!getenv("MALLOC_ARENA_MAX"))
		mallopt(M_ARENA_MAX, d->nworkers > 2 ? d->nworkers : 2);

	int rc;
	if ((rc = uv_loop_init(&d->loop))) {
		hr_err("event=start_failed error=\"uv_loop_init: %s\"", uv_strerror(rc));
		goto out_free;
	}
	d->shared = hr_server_shared_new(&d->cfg);
	d->workers = calloc((size_t)d->nworkers, sizeof(*d->workers));
	if (!d->shared || !d->workers) {
		hr_err("event=start_failed error=\"out of memory\"");
		goto out_loop;
	}
	uv_mutex_init(&d->unanswered_lock);
	if (d->cfg.unanswered_enabled) {
		d->unanswered = hr_unanswered_new((size_t)d->cfg.unanswered_max,
						  (int64_t)d->cfg.unanswered_max_age_days * 86400);
		if (d->unanswered) {
			unanswered_open(d);
			uv_timer_init(&d->loop, &d->save_timer);
			d->save_timer.data = d;
			uv_timer_start(&d->save_timer, on_save_timer, 5000, 5000);
		}
	}
	uv_signal_init(&d->loop, &d->sigterm);
	uv_signal_init(&d->loop, &d->sigint);
	uv_signal_init(&d->loop, &d->sighup);
	d->sigterm.data = d->sigint.data = d->sighup.data = d;
	uv_signal_start(&d->sigterm, on_stop_signal, SIGTERM);
	uv_signal_start(&d->sigint, on_stop_signal, SIGINT);
	uv_signal_start(&d->sighup, on_sighup, SIGHUP);
	uv_timer_init(&d->loop, &d->debounce);
	d->debounce.data = d;
	uv_timer_init(&d->loop, &d->status_timer);
	d->status_timer.data = d;
	uv_async_init(&d->loop, &d->wake, on_main_wake);
	d->wake.data = d;
	start_watchdog(d);
	watch_dir(d, &d->watch_intents, d->cfg.intents_dir);
	watch_dir(d, &d->watch_plugins, d->cfg.plugins_dir);

	for (int i = 0; i < d->nworkers; i++) {
		struct worker *w = &d->workers[i];
		w->d = d;
		w->index = i;
		w->cfg = d->cfg;
		uv_sem_init(&w->started, 0);
		uv_mutex_init(&w->lock);
	}
	/* The first worker binds the port (perhaps port 0: any free one); the
	 * others then listen on the same port, and start side by side. */
	rc = start_workers(d, 0, 1);
	if (rc == 0 && d->nworkers > 1) {
		for (int i = 1; i < d->nworkers; i++)
			d->workers[i].cfg.listen_port = d->workers[0].cfg.listen_port;
		rc = start_workers(d, 1, d->nworkers);
	}
	if (rc) {
		/* The workers that started are told to stop; the ones that failed
		 * stop by themselves. The main loop ends when all have exited. */
		d->stopping = 1;
		broadcast(d, CMD_STOP_NOW);
	} else {
		d->cfg.listen_port = d->workers[0].cfg.listen_port;
		hr_notice("event=listening addr=%s:%d workers=%d intents=%zu plugins=%zu", d->cfg.listen_host,
			  d->cfg.listen_port, d->nworkers, atomic_load(&d->workers[0].n_intents),
			  atomic_load(&d->workers[0].n_plugins));
		notify("READY=1");
		notify_status(d);
		uv_timer_start(&d->status_timer, on_status_timer, 2000, 2000);
		status = 0;
	}
	/* Also when starting failed: wake once, so a daemon whose workers have
	 * all exited already closes its handles. */
	uv_async_send(&d->wake);
	uv_run(&d->loop, UV_RUN_DEFAULT);
	for (int i = 0; i < d->nstarted; i++)
		uv_thread_join(&d->workers[i].thread);
	if (d->failed)
		status = 1;
	for (int i = 0; i < d->nworkers; i++) {
		uv_sem_destroy(&d->workers[i].started);
		uv_mutex_destroy(&d->workers[i].lock);
	}
	if (d->unanswered)
		unanswered_close(d); /* every worker has stopped */
	uv_mutex_destroy(&d->unanswered_lock);
out_loop:
	/* Anything still closing (the main loop's handles) finishes here. */
	uv_run(&d->loop, UV_RUN_DEFAULT);
	if (uv_loop_close(&d->loop) != 0) {
		hr_warn("event=loop_not_empty worker=main");
		status = status ? status : 1;
	}
	free(d->workers);
	hr_server_shared_free(d->shared);
out_free:
	free(d);
	if (status == 0)
		hr_notice("event=stopped");
	return status;
}
