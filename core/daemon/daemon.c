/*
 * The daemon (`herald serve`, whose options core/cli/cli_serve.c reads).
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
 *
 * This file is the main thread; worker.c is a worker; daemon_unanswered.c
 * holds the unanswered questions both use. Calls go down that order, never
 * back up (layout.calls); daemon_int.h holds the state both sides see.
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
#include "notify.h"
#include "server.h"
#include "unanswered.h"
#include "voice.h"
#include "webroot.h"

#include "daemon_int.h"

static void notify(const char *state)
{
#ifdef HERALD_WITH_SYSTEMD
	dm_notify(state);
#else
	(void)state;
#endif
}

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
		hr_notice("event=reloaded intents=%zu plugins=%zu workers=%d",
		          atomic_load(&d->workers[0].n_intents), atomic_load(&d->workers[0].n_plugins),
		          d->nworkers);
		hr_metrics_event(m, HR_EV_RELOAD_OK);
	} else {
		hr_err("event=reload_failed reason=content kept=previous");
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
		hr_err("event=reload_failed reason=config error=\"%s\" kept=previous", job->err);
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
		hr_warn("event=watch_failed dir=%s error=\"%s\" (SIGHUP still reloads)", dir,
		        uv_strerror(rc));
}

static int watch_local(const char *dir, void *ud)
{
	struct daemon *d = ud;
	static const char *const subs[] = {"", "/intents", "/plugins"};
	for (size_t i = 0; i < 3; i++) {
		if (d->nwatch_local == HR_LOCAL_WATCH_MAX) {
			hr_warn("event=watch_failed dir=%s error=\"more than %d local folders watched\" "
			        "(SIGHUP still reloads)",
			        dir, HR_LOCAL_WATCH_MAX / 3);
			return 0;
		}
		char path[HR_PATH_MAX + 16];
		snprintf(path, sizeof(path), "%s%s", dir, subs[i]);
		struct stat sb;
		if (stat(path, &sb) != 0) {
			/* A folder without plugins/ is fine; a missing local folder is
			 * probably a typo in the config. */
			if (i == 0)
				hr_warn("event=local_content_missing dir=%s error=\"%s\"", dir,
				        strerror(errno));
			continue;
		}
		watch_dir(d, &d->watch_local[d->nwatch_local++], path);
	}
	return 0;
}

/* Closes every handle the main thread owns; its uv_run() returns once they are gone. */
static void close_main_handles(struct daemon *d)
{
	uv_close((uv_handle_t *)&d->sigterm, dm_on_close);
	uv_close((uv_handle_t *)&d->sigint, dm_on_close);
	uv_close((uv_handle_t *)&d->sighup, dm_on_close);
	uv_close((uv_handle_t *)&d->watch_intents, dm_on_close);
	uv_close((uv_handle_t *)&d->watch_plugins, dm_on_close);
	for (int i = 0; i < d->nwatch_local; i++)
		uv_close((uv_handle_t *)&d->watch_local[i], dm_on_close);
	uv_close((uv_handle_t *)&d->debounce, dm_on_close);
	uv_close((uv_handle_t *)&d->status_timer, dm_on_close);
	uv_close((uv_handle_t *)&d->wake, dm_on_close);
	if (d->watchdog_on)
		uv_close((uv_handle_t *)&d->watchdog, dm_on_close);
	if (d->unanswered)
		uv_close((uv_handle_t *)&d->save_timer, dm_on_close);
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
	hr_notice("event=signal signal=%d action=drain drain_notice_seconds=%d drain_seconds=%d", signum,
	          d->cfg.drain_notice_seconds, d->cfg.drain_seconds);
	notify("STOPPING=1\nSTATUS=draining");
	broadcast(d, CMD_DRAIN);
}

/* Fed at half systemd's interval, and only while every worker's loop has
 * turned within the interval: a stuck worker gets the daemon restarted. */
static void on_watchdog(uv_timer_t *t)
{
	struct daemon *d = t->data;
	uint64_t now = dm_mono_ms();
	for (int i = 0; i < d->nstarted; i++) {
		struct worker *w = &d->workers[i];
		uint64_t seen = atomic_load(&w->heartbeat_ms);
		if (!atomic_load(&w->exited) && now - seen > d->watchdog_ms) {
			if (!d->watchdog_starved)
				hr_err(
				    "event=worker_stuck worker=%d silent_ms=%llu (not feeding the watchdog)",
				    i, (unsigned long long)(now - seen));
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
	if (dm_notify_watchdog(&usec) <= 0 || usec == 0)
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
		int rc = uv_thread_create(&w->thread, dm_worker_main, w);
		if (rc) {
			hr_err("event=start_failed worker=%d error=\"cannot create thread: %s\"", i,
			       uv_strerror(rc));
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

/* Runs the daemon with CFG (read from CONFIG_PATH, which reloads read
 * again; the command line's overrides applied). daemon.h. */
int hr_daemon_run(const struct hr_config *cfg, const char *config_path)
{
	struct daemon *d = calloc(1, sizeof(*d));
	if (!d)
		return 1;
	int status = 1;
	d->cfg = *cfg;
	if (d->cfg.workers == 0)
		d->cfg.workers = default_workers();
	hr_config_resolve(&d->cfg);
	enum hr_log_level lvl = HR_LOG_INFO;
	hr_log_level_parse(d->cfg.log_level, &lvl);
	hr_log_set_level(lvl);
	/* A client that vanishes mid-write must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);
	d->config_path = config_path;
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
	/* Blocks of 128 KiB and more in pages of their own, always: glibc
	 * otherwise raises that threshold to the largest block freed, so the
	 * long-lived arrays built with the content (compiled intents, the
	 * prefilter, the ranker's model) land in the arena among freed
	 * scraps of the build: 3.5 MB more resident at idle
	 * (docs/performance.md). MALLOC_MMAP_THRESHOLD_, if set, wins. */
	if (!getenv("MALLOC_MMAP_THRESHOLD_"))
		mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	/* Free memory at the top of an arena is kept up to 4 MiB, and an arena
	 * grows 1 MiB beyond what it needs. Fixing the threshold above also fixes
	 * the trim threshold at 128 KiB, and a worker's arena then gave pages back
	 * after nearly every question (madvise) and took them back on the next
	 * (mprotect and a page fault each): 1.5 page faults a question on one
	 * connection, 0.2 with these (docs/performance.md, ninth round). What the
	 * answering frees is still given back when a worker falls idle
	 * (malloc_trim in worker.c). MALLOC_TRIM_THRESHOLD_ and MALLOC_TOP_PAD_,
	 * if set, win. */
	if (!getenv("MALLOC_TRIM_THRESHOLD_"))
		mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
	if (!getenv("MALLOC_TOP_PAD_"))
		mallopt(M_TOP_PAD, 1024 * 1024);

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
			dm_unanswered_open(d);
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
	hr_layers_each(d->cfg.local_content_dirs, watch_local, d);

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
		dm_unanswered_close(d); /* every worker has stopped */
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
