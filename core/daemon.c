/*
 * `herald serve`: the daemon. This file owns the uv_loop_t: it loads the
 * content, creates the engine and the server on the loop, handles signals and
 * systemd notification, and tears everything down in reverse order.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>
#ifdef HERALD_WITH_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "cli.h"
#include "config.h"
#include "engine.h"
#include "log.h"
#include "metrics.h"
#include "server.h"
#include "unanswered.h"
#include "voice.h"
#include "webroot.h"

/* One reload: built on the thread pool, swapped in on the loop. */
struct reload_job {
	uv_work_t work;
	struct daemon *d;
	int reread_config;
	struct hr_config cfg;
	struct hr_content *content;
	int rc;
	char config_err[600];
	char *diags; /* "file:line: message" lines, reported on the loop */
	size_t diaglen;
	hr_webroot *web; /* the widget's files, swapped with the content */
	int web_rc;
	hr_voice_model *voice_model; /* the recogniser's grammar of the new content */
};

struct daemon {
	uv_loop_t loop;
	uv_signal_t sigterm, sigint, sighup;
	uv_fs_event_t watch_intents, watch_plugins;
	uv_timer_t debounce;
	const char *config_path;
	struct hr_config cfg;
	struct hr_content *content; /* the generation being served */
	hr_engine *engine;
	hr_server *server;
	hr_webroot *web; /* the widget's files being served; outlives the server */
	hr_voice *voice; /* NULL when voice is off; outlives the server */
	struct reload_job *reloading; /* at most one at a time */
	int reload_again, reload_again_config;
	int stopping;
	/* Graceful stop: a grace period, then goodbye, then wait for the last
	 * connection or the deadline (limits.drain_seconds). */
	uv_timer_t drain_timer;
	uint64_t drain_started, drain_deadline;
	int said_goodbye;
	/* Housekeeping when quiet: after a burst, return to the idle footprint. */
	uv_timer_t housekeeping;
	unsigned long long questions_at_housekeeping;
	/* systemd's watchdog, fed from the loop so a stuck loop gets restarted. */
	uv_timer_t watchdog;
	int watchdog_on;
	/* Unanswered questions (off by default), saved every few seconds off the loop. */
	hr_unanswered *unanswered;
	uv_timer_t save_timer;
	int unanswered_dirty, saving;
};

static void on_fallback(void *ud, const char *text, size_t len)
{
	struct daemon *d = ud;
	hr_unanswered_add(d->unanswered, text, len, (int64_t)time(NULL));
	d->unanswered_dirty = 1;
}

struct save_job {
	uv_work_t work;
	struct daemon *d;
	hr_unanswered *snapshot;
	int rc;
};

static void save_work(uv_work_t *w)
{
	struct save_job *job = w->data;
	job->rc = hr_unanswered_save(job->snapshot, job->d->cfg.unanswered_file);
}

static void save_done(uv_work_t *w, int status)
{
	struct save_job *job = w->data;
	if (job->rc)
		hr_warn("cannot save unanswered questions to %s: %s", job->d->cfg.unanswered_file,
			strerror(-job->rc));
	job->d->saving = 0;
	hr_unanswered_free(job->snapshot);
	free(job);
}

static void on_save_timer(uv_timer_t *t)
{
	struct daemon *d = t->data;
	if (!d->unanswered_dirty || d->saving)
		return;
	hr_unanswered_expire(d->unanswered, (int64_t)time(NULL));
	struct save_job *job = calloc(1, sizeof(*job));
	if (!job || !(job->snapshot = hr_unanswered_clone(d->unanswered))) {
		free(job);
		return;
	}
	job->d = d;
	job->work.data = job;
	if (uv_queue_work(&d->loop, &job->work, save_work, save_done) == 0) {
		d->saving = 1;
		d->unanswered_dirty = 0;
	} else {
		hr_unanswered_free(job->snapshot);
		free(job);
	}
}

static void notify(const char *state)
{
#ifdef HERALD_WITH_SYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

/* What `systemctl status` shows while serving; refreshed by housekeeping. */
static void notify_status(struct daemon *d)
{
	char st[128];
	snprintf(st, sizeof(st), "STATUS=serving %u connections, %llu questions", hr_server_connections(d->server),
		 hr_server_questions(d->server));
	notify(st);
}

static void on_close(uv_handle_t *h)
{
	(void)h;
}

static void job_diag(void *ud, const char *file, int line, const char *msg)
{
	struct reload_job *job = ud;
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

/* Runs on the thread pool: reads the config (on SIGHUP) and compiles a whole
 * new content generation, so the loop never waits for files or compilers. */
static void reload_work(uv_work_t *w)
{
	struct reload_job *job = w->data;
	if (job->reread_config) {
		hr_config_defaults(&job->cfg);
		if (job->d->config_path &&
		    hr_config_load_file(&job->cfg, job->d->config_path, job->config_err, sizeof(job->config_err))) {
			job->rc = -EINVAL;
			return;
		}
		/* The listen address belongs to the running server. */
		memcpy(job->cfg.listen_host, job->d->cfg.listen_host, sizeof(job->cfg.listen_host));
		job->cfg.listen_port = job->d->cfg.listen_port;
		hr_config_resolve(&job->cfg);
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
	if (job->rc == 0 && job->d->voice)
		hr_voice_build(job->d->voice, &job->cfg, job_diag, job, &job->voice_model);
}

static void start_reload(struct daemon *d, int reread_config);

/* Back on the loop: swap the new generation in whole, or keep the old one. */
static void reload_done(uv_work_t *w, int status)
{
	struct reload_job *job = w->data;
	struct daemon *d = job->d;
	d->reloading = NULL;
	if (job->diags) {
		char *save = NULL;
		for (char *l = strtok_r(job->diags, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			hr_err("%s", l);
	}
	if (job->config_err[0])
		hr_err("bad config: %s", job->config_err);
	if (d->stopping || status == UV_ECANCELED) {
		job->rc = -ECANCELED;
	} else if (job->rc == 0 && hr_engine_set_content(d->engine, job->content) == 0) {
		hr_content_free(d->content);
		free(d->content);
		d->content = job->content;
		job->content = NULL;
		if (job->web) {
			hr_server_set_webroot(d->server, job->web);
			hr_webroot_free(d->web);
			d->web = job->web;
			job->web = NULL;
		} else {
			hr_warn("cannot read %s (%s); still serving the previous web files", job->cfg.web_dir,
				strerror(-job->web_rc));
		}
		if (job->reread_config) {
			d->cfg = job->cfg;
			enum hr_log_level lvl = HR_LOG_INFO;
			hr_log_level_parse(d->cfg.log_level, &lvl);
			hr_log_set_level(lvl);
		}
		hr_notice("reloaded: %zu intents, %zu plugins", hr_intents_count(d->content->intents),
			  hr_plugins_count(d->content->plugins));
		if (job->voice_model) {
			hr_voice_set_model(d->voice, job->voice_model);
			job->voice_model = NULL;
		}
		if (hr_server_metrics(d->server))
			hr_server_metrics(d->server)->reloads_ok++;
	} else {
		hr_err("reload failed; still serving the previous version");
		if (job->rc != -ECANCELED && hr_server_metrics(d->server))
			hr_server_metrics(d->server)->reloads_failed++;
	}
	if (job->reread_config)
		notify("READY=1");
	if (!d->stopping && d->server)
		notify_status(d);
	if (job->content) {
		hr_content_free(job->content);
		free(job->content);
	}
	hr_webroot_free(job->web);
	hr_voice_model_free(job->voice_model);
	free(job->diags);
	free(job);
	if (d->reload_again && !d->stopping) {
		int cfg = d->reload_again_config;
		d->reload_again = d->reload_again_config = 0;
		start_reload(d, cfg);
	}
}

static void start_reload(struct daemon *d, int reread_config)
{
	if (d->stopping)
		return;
	if (d->reloading) {
		/* A change arrived while compiling: compile again afterwards, so the
		 * newest files always win. */
		d->reload_again = 1;
		d->reload_again_config |= reread_config;
		return;
	}
	struct reload_job *job = calloc(1, sizeof(*job));
	if (!job) {
		hr_err("reload: out of memory");
		return;
	}
	job->d = d;
	job->reread_config = reread_config;
	job->cfg = d->cfg;
	job->work.data = job;
	notify(reread_config ? "RELOADING=1\nSTATUS=reloading" : "STATUS=reloading");
	if (uv_queue_work(&d->loop, &job->work, reload_work, reload_done) != 0) {
		free(job);
		return;
	}
	d->reloading = job;
}

static void on_debounce(uv_timer_t *t)
{
	start_reload(t->data, 0);
}

/* A file changed in intents/ or plugins/: wait for the burst of events an
 * editor's save makes to settle, then reload once. */
static void on_fs_event(uv_fs_event_t *h, const char *filename, int events, int status)
{
	struct daemon *d = h->data;
	if (status < 0) {
		hr_warn("watching content: %s", uv_strerror(status));
		return;
	}
	uv_timer_start(&d->debounce, on_debounce, 150, 0);
}

static void on_sighup(uv_signal_t *h, int signum)
{
	hr_notice("signal %d: reloading config and content", signum);
	start_reload(h->data, 1);
}

static void watch_dir(struct daemon *d, uv_fs_event_t *h, const char *dir)
{
	uv_fs_event_init(&d->loop, h);
	h->data = d;
	int rc = uv_fs_event_start(h, on_fs_event, dir, 0);
	if (rc)
		hr_warn("cannot watch %s for changes (%s); SIGHUP still reloads", dir, uv_strerror(rc));
}

/* Closes every handle the daemon owns; uv_run() returns once they are gone. */
static void close_handles(struct daemon *d)
{
	uv_close((uv_handle_t *)&d->sigterm, on_close);
	uv_close((uv_handle_t *)&d->sigint, on_close);
	uv_close((uv_handle_t *)&d->sighup, on_close);
	uv_close((uv_handle_t *)&d->watch_intents, on_close);
	uv_close((uv_handle_t *)&d->watch_plugins, on_close);
	uv_close((uv_handle_t *)&d->debounce, on_close);
	uv_close((uv_handle_t *)&d->drain_timer, on_close);
	uv_close((uv_handle_t *)&d->housekeeping, on_close);
	if (d->watchdog_on)
		uv_close((uv_handle_t *)&d->watchdog, on_close);
	if (d->unanswered)
		uv_close((uv_handle_t *)&d->save_timer, on_close);
}

/* The end of a stop: lws closes what is left, we close our own handles, and
 * uv_run() returns because nothing is left on the loop. */
static void finish_stop(struct daemon *d)
{
	hr_server_stop(d->server);
	close_handles(d);
}

/* How long questions already on the wire get to arrive before connections
 * are told goodbye; they are answered, not lost. */
#define DRAIN_GRACE_MS 200

static void on_drain_timer(uv_timer_t *t)
{
	struct daemon *d = t->data;
	uint64_t now = uv_now(&d->loop);
	if (!d->said_goodbye && now - d->drain_started >= DRAIN_GRACE_MS) {
		d->said_goodbye = 1;
		hr_server_goodbye(d->server);
	}
	unsigned busy = hr_server_busy(d->server);
	if ((d->said_goodbye && busy == 0) || now >= d->drain_deadline) {
		if (busy)
			hr_warn("drain deadline passed; closing %u connections", busy);
		uv_timer_stop(t);
		finish_stop(d);
	}
}

/* SIGTERM/SIGINT: drain, so clients get their answers and a 1001 close, then
 * stop. A second signal stops at once. */
static void on_stop_signal(uv_signal_t *h, int signum)
{
	struct daemon *d = h->data;
	if (d->stopping) {
		if (!uv_is_active((uv_handle_t *)&d->drain_timer))
			return;
		hr_notice("signal %d again: stopping now", signum);
		uv_timer_stop(&d->drain_timer);
		finish_stop(d);
		return;
	}
	d->stopping = 1;
	hr_notice("signal %d: draining connections for up to %d s", signum, d->cfg.drain_seconds);
	notify("STOPPING=1\nSTATUS=draining");
	if (d->cfg.drain_seconds == 0) {
		finish_stop(d);
		return;
	}
	hr_server_drain(d->server);
	d->drain_started = uv_now(&d->loop);
	d->drain_deadline = d->drain_started + (uint64_t)d->cfg.drain_seconds * 1000;
	uv_timer_start(&d->drain_timer, on_drain_timer, 50, 50);
}

/* When no WebSocket is open and questions were asked since the last time,
 * collect the plugins' garbage and give the heap's free pages back, so the
 * daemon returns to its idle size after a burst instead of keeping its peak.
 * Both cost little when there is little to free, and run only when quiet. */
static void on_housekeeping(uv_timer_t *t)
{
	struct daemon *d = t->data;
	if (d->server && !d->stopping && !d->reloading)
		notify_status(d);
	if (!d->server || d->stopping || hr_server_connections(d->server) > 0)
		return;
	unsigned long long q = hr_server_questions(d->server);
	if (q == d->questions_at_housekeeping)
		return;
	d->questions_at_housekeeping = q;
	hr_engine_idle(d->engine);
	malloc_trim(0);
}

static void on_watchdog(uv_timer_t *t)
{
	(void)t;
	notify("WATCHDOG=1");
}

/* Feeds systemd's watchdog at half its interval when WatchdogSec= is set. */
static void start_watchdog(struct daemon *d)
{
#ifdef HERALD_WITH_SYSTEMD
	uint64_t usec = 0;
	if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
		return;
	uv_timer_init(&d->loop, &d->watchdog);
	d->watchdog.data = d;
	d->watchdog_on = 1;
	uint64_t ms = usec / 2000 ? usec / 2000 : 1;
	uv_timer_start(&d->watchdog, on_watchdog, ms, ms);
#else
	(void)d;
#endif
}

/* Voice (docs/voice.md): the lexicons and the synthesiser load once; the
 * recogniser's grammar is compiled from the content now and on each reload.
 * Without the speech packages herald still answers typed questions. */
static void start_voice(struct daemon *d)
{
	int rc = hr_voice_new(&d->loop, &d->cfg, hr_diag_log, NULL, &d->voice);
	hr_voice_model *m = NULL;
	if (rc == 0)
		rc = hr_voice_build(d->voice, &d->cfg, hr_diag_log, NULL, &m);
	if (rc) {
		hr_warn("voice is off: %s", strerror(-rc));
		hr_voice_free(d->voice);
		d->voice = NULL;
		return;
	}
	size_t words, sentences;
	hr_voice_model_stats(m, &words, &sentences);
	hr_voice_set_model(d->voice, m);
	hr_notice("voice: listening for %zu words in %zu sentences", words, sentences);
}

static void usage_serve(FILE *f)
{
	fprintf(f, "usage: herald serve [--config FILE] [--listen HOST:PORT]\n"
		   "\n"
		   "Runs the daemon in the foreground; logs go to stderr. SIGTERM or SIGINT stop it.\n"
		   "  --config FILE       a Lua file of settings (see below); defaults need none\n"
		   "  --listen HOST:PORT  overrides the config's listen address (port 0: any free port)\n"
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *listen = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
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
	hr_config_resolve(&d->cfg);
	enum hr_log_level lvl = HR_LOG_INFO;
	hr_log_level_parse(d->cfg.log_level, &lvl);
	hr_log_set_level(lvl);
	/* A client that vanishes mid-write must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);

	d->config_path = config;
	d->content = calloc(1, sizeof(*d->content));
	if (!d->content)
		goto out_free;
	int rc = hr_content_load(&d->cfg, hr_diag_log, NULL, d->content);
	if (rc) {
		hr_err("cannot load content from %s and %s: %s", d->cfg.intents_dir, d->cfg.plugins_dir,
		       strerror(-rc));
		goto out_content;
	}
	if (d->content->plugin_errors)
		hr_warn("some plugins failed to load (see above); serving the rest");
	if ((rc = hr_engine_new(d->content, &d->engine))) {
		hr_err("cannot start the engine: %s", strerror(-rc));
		goto out_content;
	}
	if ((rc = uv_loop_init(&d->loop))) {
		hr_err("uv_loop_init: %s", uv_strerror(rc));
		goto out_engine;
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
	uv_timer_init(&d->loop, &d->drain_timer);
	d->drain_timer.data = d;
	uv_timer_init(&d->loop, &d->housekeeping);
	d->housekeeping.data = d;
	uv_timer_start(&d->housekeeping, on_housekeeping, 2000, 2000);
	start_watchdog(d);
	watch_dir(d, &d->watch_intents, d->cfg.intents_dir);
	watch_dir(d, &d->watch_plugins, d->cfg.plugins_dir);

	if (d->cfg.unanswered_enabled) {
		d->unanswered = hr_unanswered_new((size_t)d->cfg.unanswered_max,
						  (int64_t)d->cfg.unanswered_max_age_days * 86400);
		if (d->unanswered) {
			int lr = hr_unanswered_load(d->unanswered, d->cfg.unanswered_file, (int64_t)time(NULL));
			if (lr)
				hr_warn("cannot read %s: %s", d->cfg.unanswered_file, strerror(-lr));
			uv_timer_init(&d->loop, &d->save_timer);
			d->save_timer.data = d;
			uv_timer_start(&d->save_timer, on_save_timer, 5000, 5000);
		}
	}

	/* The widget's files are read now, before the loop runs, so serving them
	 * never waits on the disk. Without them herald still answers. */
	int wrc = hr_webroot_load(d->cfg.web_dir, hr_diag_log, NULL, &d->web);
	if (wrc)
		hr_notice("no chat widget: cannot read %s (%s)", d->cfg.web_dir, strerror(-wrc));
	if (d->cfg.voice_enabled)
		start_voice(d);
	rc = hr_server_start(&d->loop, &d->cfg, d->engine, &d->server);
	if (rc == 0)
		hr_server_set_webroot(d->server, d->web);
	if (rc == 0)
		hr_server_set_voice(d->server, d->voice);
	if (rc == 0 && d->unanswered)
		hr_server_on_fallback(d->server, on_fallback, d);
	if (rc) {
		d->stopping = 1;
		close_handles(d);
		uv_run(&d->loop, UV_RUN_DEFAULT);
		goto out_loop;
	}
	hr_notice("herald listening on %s:%d (%zu intents, %zu plugins)", d->cfg.listen_host,
		  hr_server_port(d->server), hr_intents_count(d->content->intents),
		  hr_plugins_count(d->content->plugins));
	notify("READY=1");
	notify_status(d);

	uv_run(&d->loop, UV_RUN_DEFAULT);
	status = 0;
out_loop:
	hr_server_free(d->server);
	/* Anything lws left behind closes here; the loop must end empty. */
	uv_run(&d->loop, UV_RUN_DEFAULT);
	/* Voice jobs kept the loop alive until they finished: none is left. */
	hr_voice_free(d->voice);
	if (uv_loop_close(&d->loop) != 0) {
		hr_warn("the event loop still had handles at exit");
		status = status ? status : 1;
	}
	if (d->unanswered) {
		/* The last questions are written now: the loop has stopped. */
		if (d->unanswered_dirty && hr_unanswered_save(d->unanswered, d->cfg.unanswered_file))
			hr_warn("cannot save unanswered questions to %s", d->cfg.unanswered_file);
		hr_unanswered_free(d->unanswered);
	}
out_engine:
	hr_engine_free(d->engine);
out_content:
	hr_content_free(d->content);
	free(d->content);
out_free:
	hr_webroot_free(d->web);
	free(d);
	if (status == 0)
		hr_notice("herald stopped");
	return status;
}
