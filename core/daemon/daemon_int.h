/*
 * The daemon's private header: the main thread's state (struct daemon), a
 * worker's (struct worker) and the functions one side calls on the other.
 * daemon.c is the main thread, worker.c a worker, daemon_unanswered.c the
 * unanswered questions both use; calls go down that list, never back up
 * (layout.calls). Only these files include it.
 */
#ifndef HERALD_DAEMON_INT_H
#define HERALD_DAEMON_INT_H

#include <stdatomic.h>
#include <stdint.h>
#include <uv.h>

#include "config.h"
#include "daemon.h"
#include "engine.h"
#include "server.h"
#include "unanswered.h"
#include "voice.h"
#include "webroot.h"

#define MAX_WORKERS HR_DAEMON_MAX_WORKERS

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
	hr_voice *voice; /* w->voice when the job started (it may load later: voice.preload) */
	unsigned gen;    /* the main thread's reload generation this job answers */
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
	struct voice_load *voice_loading; /* voice.preload = 0: the load under way */
	struct reload_job *reloading;
	int reload_again;
	uv_timer_t reload_retry; /* a deferred reload (content_settled()) */
	unsigned deferrals;      /* in a row */
	int stopping;
	uv_timer_t drain_timer;
	uint64_t drain_notice_end, drain_started, drain_deadline;
	int said_goodbye, door_closed;
	uv_timer_t housekeeping;
	unsigned long long questions_at_housekeeping;
	uv_timer_t heartbeat; /* only with systemd's watchdog */
	int heartbeat_on;
	uv_prepare_t before_wait; /* before the loop waits: the held log lines, the plugins' GC */
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

/* Watches on local content: three per folder (itself, intents/, plugins/). */
#define HR_LOCAL_WATCH_MAX 24

struct daemon {
	uv_loop_t loop;
	uv_signal_t sigterm, sigint, sighup;
	uv_fs_event_t watch_intents, watch_plugins;
	/* The local content folders (local_content_dirs): each one and its
	 * intents/ and plugins/, so that creating intents/ is noticed too. */
	uv_fs_event_t watch_local[HR_LOCAL_WATCH_MAX];
	int nwatch_local;
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
		UNANSWERED_SAVING,  /* the file is ours: saved every few seconds */
		UNANSWERED_WAITING, /* unreadable or not ours: read again until it can be merged */
		UNANSWERED_MEMORY,  /* not a regular file: never written */
	} unanswered_state;
	const char *unanswered_why;
	unsigned save_failures; /* in a row, to log the first and the recovery */
	uv_work_t trim_work;    /* malloc_trim() after a reload (trim_after_reload()) */
	int trimming;
};

/* Shared by both sides, inline so that neither calls the other's file. */
static inline uint64_t dm_mono_ms(void)
{
	return uv_hrtime() / 1000000;
}

/* For uv_close() of a handle that lives in a struct freed later. */
static inline void dm_on_close(uv_handle_t *h)
{
	(void)h;
}

/* daemon_unanswered.c: the unanswered questions, under both sides. */
void dm_on_fallback(void *ud, const char *text, size_t len);
void dm_unanswered_open(struct daemon *d);
void dm_unanswered_close(struct daemon *d);

/* worker.c: a worker's thread (daemon.c starts it). */
void dm_worker_main(void *arg);

#endif
