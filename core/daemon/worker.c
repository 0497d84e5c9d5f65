/*
 * A worker of the daemon: a thread with its own uv loop, server and engine.
 * It starts, reloads its content (built on the thread pool, swapped in on
 * its loop), keeps house, drains and stops here. See daemon.c.
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

#include "config.h"
#include "daemon.h"
#include "diag.h"
#include "dirlist.h"
#include "engine.h"
#include "log.h"
#include "metrics.h"
#include "server.h"
#include "unanswered.h"
#include "util.h"
#include "voice.h"
#include "webroot.h"

#include "daemon_int.h"

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
		if (!hr_plugins_handler(c->plugins, in->name, in->plugin) &&
		    !hr_plugins_draft_answers(c->plugins, in->name) && n++ == 0)
			*first = in->name;
	}
	return n;
}

struct content_state {
	uint64_t hash;                  /* of every file's name, size and modification time */
	int64_t newest_ms;              /* the most recent modification, ms since the epoch */
	char newest[HR_PATH_MAX + 300]; /* which file that was */
};

static void state_file(struct content_state *st, const char *dir, const char *name)
{
	char path[HR_PATH_MAX + 300];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct stat sb;
	if (stat(path, &sb) != 0)
		return;
	int64_t ms = (int64_t)sb.st_mtim.tv_sec * 1000 + sb.st_mtim.tv_nsec / 1000000;
	st->hash = hr_fnv1a64(st->hash, path, strlen(path));
	st->hash = hr_fnv1a64(st->hash, &sb.st_size, sizeof(sb.st_size));
	st->hash = hr_fnv1a64(st->hash, &sb.st_mtim, sizeof(sb.st_mtim));
	if (ms > st->newest_ms) {
		st->newest_ms = ms;
		snprintf(st->newest, sizeof(st->newest), "%s", path);
	}
}

/* Every layer's files of one kind (the bundled folder DIR, then SUB/ of each
 * local folder), as the loader will read them. */
static void state_dir(struct content_state *st, const struct hr_config *cfg, const char *dir, const char *sub,
                      const char *suffix)
{
	char **paths;
	size_t n;
	if (hr_layers_list(dir, cfg->local_content_dirs, sub, suffix, &paths, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *slash = strrchr(paths[i], '/');
		*slash = '\0';
		state_file(st, paths[i], slash + 1);
	}
	hr_dir_list_free(paths, n);
}

/* The intents, the plugins and the SDK, as they are on disk now. */
static void content_state(const struct hr_config *cfg, struct content_state *st)
{
	memset(st, 0, sizeof(*st));
	st->hash = HR_FNV64_SEED;
	state_dir(st, cfg, cfg->intents_dir, "intents", ".intents");
	state_dir(st, cfg, cfg->plugins_dir, "plugins", ".lua");
	state_file(st, cfg->lua_dir, "herald.lua");
}

/* Drafts are loaded and never served: say so once (worker 0), so an author
 * who wonders why a topic does not answer finds the reason in the log. */
static void log_drafts(const struct worker *w, const struct hr_content *c)
{
	for (size_t i = 0; w->index == 0 && i < hr_plugins_draft_count(c->plugins); i++) {
		const struct hr_plugin_draft *d = hr_plugins_draft(c->plugins, i);
		hr_notice("event=draft_skipped file=%s placeholders=%zu", d->path, d->ntodo);
	}
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
	if (job->rc == 0 && job->voice)
		hr_voice_build(job->voice, &job->cfg, job_diag, job, &job->voice_model);
	content_state(&job->cfg, &after);
	if (job->w->deferrals >= CONTENT_MAX_DEFERRALS)
		return;
	if (after.hash != before.hash) {
		job->defer_ms = CONTENT_QUIET_MS;
		snprintf(job->unsettled, sizeof(job->unsettled), "file=%s changed_while_loading=1",
		         after.newest);
		return;
	}
	const char *first;
	if (job->rc == 0 && (job->no_handler = unanswered_intents(job->content, &first)) > 0) {
		snprintf(job->no_handler_first, sizeof(job->no_handler_first), "%s", first);
		int64_t since = wall_ms() - after.newest_ms;
		if (since >= 0 && since < CONTENT_SETTLE_MS) {
			job->defer_ms = CONTENT_QUIET_MS;
			snprintf(job->unsettled, sizeof(job->unsettled),
			         "file=%s written_ms_ago=%lld no_plugin_answers=%s (may be half-written)",
			         after.newest, (long long)since, first);
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
		hr_warn("event=reload_unsettled deferrals=%u (content kept changing; loaded as it is)",
		        w->deferrals);
	w->deferrals = 0;
	if (job->rc == 0 && job->no_handler && w->index == 0)
		hr_warn("event=reload_incomplete intents=%zu first=%s (no plugin answers them: they get the "
		        "generic "
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
			hr_warn(
			    "event=web_unreadable dir=%s error=\"%s\" (still serving the previous web files)",
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
		log_drafts(w, w->content);
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
	atomic_store(&w->done_gen,
	             gen); /* after done_ok and the counts: the main thread reads them after this */
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
	job->voice = w->voice;
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
	uv_close((uv_handle_t *)&w->wake, dm_on_close);
	uv_close((uv_handle_t *)&w->drain_timer, dm_on_close);
	uv_close((uv_handle_t *)&w->housekeeping, dm_on_close);
	uv_close((uv_handle_t *)&w->reload_retry, dm_on_close);
	uv_close((uv_handle_t *)&w->before_wait, dm_on_close);
	if (w->heartbeat_on)
		uv_close((uv_handle_t *)&w->heartbeat, dm_on_close);
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

/*
 * The drain, on a 50 ms timer: while limits.drain_notice_seconds runs,
 * /healthz says 503 and everything else is served as usual, so a load
 * balancer's health check takes the instance out before anything is refused;
 * then the listening socket closes (new connections are refused, so a proxy
 * retries them elsewhere), questions already on the wire get DRAIN_GRACE_MS to
 * arrive and be answered, and every connection is told goodbye (1001).
 * limits.drain_seconds counts from the end of the notice.
 */
static void on_drain_timer(uv_timer_t *t)
{
	struct worker *w = t->data;
	uint64_t now = uv_now(&w->loop);
	if (!w->door_closed) {
		if (now < w->drain_notice_end)
			return;
		w->door_closed = 1;
		hr_server_close_door(w->server);
		w->drain_started = now;
		w->drain_deadline = now + (uint64_t)w->cfg.drain_seconds * 1000;
	}
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
	w->drain_notice_end = uv_now(&w->loop) + (uint64_t)w->cfg.drain_notice_seconds * 1000;
	uv_timer_start(&w->drain_timer, on_drain_timer, 0, 50);
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
	atomic_store(&w->heartbeat_ms, dm_mono_ms());
	hr_voice_idle(w->voice); /* recognisers unused for voice.idle_seconds */
	if (open > 0 || q == w->questions_at_housekeeping)
		return;
	w->questions_at_housekeeping = q;
	hr_engine_idle(w->engine);
	malloc_trim(0);
}

/* The loop is about to wait, and the replies of what it just did are
 * written: its log lines go out in one write (hr_log_hold), then the plugins'
 * garbage collection due is done in small steps, out of any answer's way
 * (hr_engine_defer_gc; docs/performance.md, ninth round). */
static void on_before_wait(uv_prepare_t *p)
{
	struct worker *w = p->data;
	hr_log_flush();
	hr_engine_collect_due(w->engine);
}

static void on_heartbeat(uv_timer_t *t)
{
	struct worker *w = t->data;
	atomic_store(&w->heartbeat_ms, dm_mono_ms());
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

/* voice.preload = 0: the speech models load on the thread pool when the first
 * spoken question arrives, so a daemon nobody speaks to never holds them
 * (~20 MB for the first worker). The question waits for the load
 * (hr_server_set_voice_loader()). */
struct voice_load {
	uv_work_t req;
	struct worker *w;
	struct hr_config cfg; /* a copy: a reload may replace w->cfg meanwhile */
	hr_voice *voice;
	hr_voice_model *model;
	int rc;
};

static void voice_load_work(uv_work_t *req)
{
	struct voice_load *l = req->data;
	l->rc = hr_voice_new(&l->w->loop, &l->cfg, worker_diag, l->w, &l->voice);
	if (l->rc == 0)
		l->rc = hr_voice_build(l->voice, &l->cfg, worker_diag, l->w, &l->model);
}

static void voice_load_done(uv_work_t *req, int status)
{
	struct voice_load *l = req->data;
	struct worker *w = l->w;
	w->voice_loading = NULL;
	if (status == 0 && l->rc == 0) {
		size_t words, sentences;
		hr_voice_model_stats(l->model, &words, &sentences);
		hr_voice_set_model(l->voice, l->model);
		w->voice = l->voice;
		hr_notice(
		    "event=voice_on worker=%d words=%zu sentences=%zu (loaded for the first spoken question)",
		    w->index, words, sentences);
		hr_server_set_voice(w->server, w->voice);
	} else {
		int rc = status ? status : l->rc;
		hr_warn("event=voice_off worker=%d error=\"%s\"", w->index, strerror(-rc));
		hr_voice_model_free(l->model);
		hr_voice_free(l->voice);
		hr_server_set_voice_loader(w->server, NULL, NULL);
	}
	free(l);
}

static void worker_voice_load(void *ud)
{
	struct worker *w = ud;
	if (w->voice || w->voice_loading || w->stopping)
		return;
	struct voice_load *l = calloc(1, sizeof(*l));
	if (!l)
		return; /* the question waits; the next one tries again */
	l->w = w;
	l->cfg = w->cfg;
	l->req.data = l;
	if (uv_queue_work(&w->loop, &l->req, voice_load_work, voice_load_done)) {
		free(l);
		return;
	}
	w->voice_loading = l;
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
		hr_err("event=start_failed worker=%d error=\"cannot load content from %s and %s: %s\"",
		       w->index, w->cfg.intents_dir, w->cfg.plugins_dir, strerror(-rc));
		return rc;
	}
	if (w->content->plugin_errors && w->index == 0)
		hr_warn("event=plugins_failed count=%d (see above; serving the rest)",
		        w->content->plugin_errors);
	if ((rc = hr_engine_new(w->content, &w->engine))) {
		hr_err("event=start_failed worker=%d error=\"cannot start the engine: %s\"", w->index,
		       strerror(-rc));
		return rc;
	}
	atomic_store(&w->n_intents, hr_intents_count(w->content->intents));
	atomic_store(&w->n_plugins, hr_plugins_count(w->content->plugins));
	log_drafts(w, w->content);

	uv_async_init(&w->loop, &w->wake, on_worker_wake);
	w->wake.data = w;
	uv_timer_init(&w->loop, &w->drain_timer);
	w->drain_timer.data = w;
	uv_timer_init(&w->loop, &w->housekeeping);
	w->housekeeping.data = w;
	uv_timer_init(&w->loop, &w->reload_retry);
	w->reload_retry.data = w;
	uv_timer_start(&w->housekeeping, on_housekeeping, 2000, 2000);
	hr_engine_defer_gc(w->engine, 1);
	uv_prepare_init(&w->loop, &w->before_wait);
	w->before_wait.data = w;
	uv_prepare_start(&w->before_wait, on_before_wait);
	hr_log_hold(1);
	if (d->watchdog_on) {
		uv_timer_init(&w->loop, &w->heartbeat);
		w->heartbeat.data = w;
		w->heartbeat_on = 1;
		uint64_t ms = d->watchdog_ms / 4 ? d->watchdog_ms / 4 : 1;
		uv_timer_start(&w->heartbeat, on_heartbeat, ms, ms);
	}
	atomic_store(&w->heartbeat_ms, dm_mono_ms());
	w->handles_open = 1;
	uv_mutex_lock(&w->lock);
	w->wake_open = 1;
	uv_mutex_unlock(&w->lock);

	/* The widget's files are read now, before the loop runs, so serving them
	 * never waits on the disk. Without them herald still answers. */
	int wrc = hr_webroot_load(w->cfg.web_dir, worker_diag, w, &w->web);
	if (wrc && w->index == 0)
		hr_notice("event=no_widget dir=%s error=\"%s\"", w->cfg.web_dir, strerror(-wrc));
	if (w->cfg.voice_enabled && w->cfg.voice_preload)
		worker_voice(w);
	rc = hr_server_start(&w->loop, &w->cfg, w->engine, d->shared, w->index, d->nworkers, &w->server);
	if (rc)
		return rc;
	hr_server_set_webroot(w->server, w->web);
	hr_server_set_voice(w->server, w->voice);
	if (w->cfg.voice_enabled && !w->cfg.voice_preload)
		hr_server_set_voice_loader(w->server, worker_voice_load, w);
	if (d->unanswered)
		hr_server_on_fallback(w->server, dm_on_fallback, d);
	/* Training the ranker, building the engine and the server after the
	 * content's own trim (hr_content_load) leave freed pages inside this
	 * worker's arena (about 3 MB); give them back before serving. */
	malloc_trim(0);
	return 0;
}

void dm_worker_main(void *arg)
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
		hr_log_hold(0);
		if (uv_loop_close(&w->loop) != 0)
			hr_warn("event=loop_not_empty worker=%d", w->index);
	}
	hr_engine_free(w->engine);
	hr_content_free(w->content);
	free(w->content);
	hr_webroot_free(w->web);
	/* The budget timer this thread's plugin calls made (sandbox.h). */
	hr_plugins_thread_end();
	atomic_store(&w->exited, 1);
	uv_async_send(&w->d->wake);
}

/* Sends CMDS to every worker whose loop still listens. */
