/*
 * The daemon, the unanswered questions (unanswered.enabled): any worker adds
 * the question that reached the fallback (dm_on_fallback(), under a lock),
 * the main thread saves the store every few seconds off its loop, and once
 * more after every worker has stopped. daemon.c opens and closes it; it calls
 * neither daemon.c nor worker.c (layout.calls).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <uv.h>

#include "log.h"
#include "unanswered.h"

#include "daemon_int.h"

/* ---- Unanswered questions: any worker adds, the main thread saves ---- */

void dm_on_fallback(void *ud, const char *text, size_t len)
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
	hr_unanswered *loaded;   /* what the file held, when it could be read */
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
	job->loaded =
	    hr_unanswered_new((size_t)d->cfg.unanswered_max, (int64_t)d->cfg.unanswered_max_age_days * 86400);
	job->rc =
	    job->loaded ? hr_unanswered_load(job->loaded, d->unanswered_file, (int64_t)time(NULL)) : -ENOMEM;
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
			hr_notice("event=unanswered_readable file=%s entries=%zu (merged; saving again)",
			          d->unanswered_file, n);
		}
		hr_unanswered_free(job->loaded);
	} else if (job->rc) {
		/* Nothing was written: save all of it again next time. */
		uv_mutex_lock(&d->unanswered_lock);
		d->unanswered_dirty = 1;
		size_t n = hr_unanswered_count(d->unanswered);
		uv_mutex_unlock(&d->unanswered_lock);
		if (d->save_failures++ == 0)
			hr_warn("event=unanswered_save_failed file=%s error=\"%s\" kept=%zu (kept in memory; "
			        "trying again "
			        "every 5 s)",
			        d->unanswered_file, hr_unanswered_strerror(job->rc), n);
	} else if (d->save_failures) {
		hr_notice("event=unanswered_saved file=%s after_failures=%u", d->unanswered_file,
		          d->save_failures);
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
 * what cannot be read never written over, then saved every 5 s. Blocking,
 * before any worker. */
void dm_unanswered_open(struct daemon *d)
{
	snprintf(d->unanswered_file, sizeof(d->unanswered_file), "%s", d->cfg.unanswered_file);
	size_t bytes = 0;
	int sr = hr_unanswered_remove_stale(d->unanswered_file, &bytes);
	if (sr > 0)
		hr_notice("event=unanswered_stale_tmp_removed file=%s.tmp bytes=%zu (left by a crash)",
		          d->unanswered_file, bytes);
	else if (sr < 0)
		hr_warn("event=unanswered_stale_tmp file=%s.tmp error=\"%s\" (left in place)",
		        d->unanswered_file, hr_unanswered_strerror(sr));
	int lr = hr_unanswered_load(d->unanswered, d->unanswered_file, (int64_t)time(NULL));
	if (lr == -EINVAL) {
		d->unanswered_state = UNANSWERED_MEMORY;
		d->unanswered_why = "not a regular file";
		hr_err("event=unanswered_refused file=%s error=\"not a regular file\" (questions are kept in "
		       "memory "
		       "only, never written there; point unanswered.file at a file)",
		       d->unanswered_file);
	} else if (lr) {
		d->unanswered_state = UNANSWERED_WAITING;
		d->unanswered_why = hr_unanswered_strerror(lr);
		hr_err("event=unanswered_unreadable file=%s error=\"%s\" (not saving over it: questions are "
		       "kept in "
		       "memory, and saved with its entries once it can be read)",
		       d->unanswered_file, d->unanswered_why);
	}
	uv_timer_init(&d->loop, &d->save_timer);
	d->save_timer.data = d;
	uv_timer_start(&d->save_timer, on_save_timer, 5000, 5000);
}

/* The last save, after every worker has stopped; what cannot be saved is
 * counted in the log, never dropped without a word. */
void dm_unanswered_close(struct daemon *d)
{
	size_t n = hr_unanswered_count(d->unanswered);
	if (d->unanswered_state != UNANSWERED_SAVING) {
		if (n)
			hr_warn("event=unanswered_not_saved file=%s count=%zu error=\"%s\"",
			        d->unanswered_file, n, d->unanswered_why);
	} else if (d->unanswered_dirty) {
		int rc = hr_unanswered_save(d->unanswered, d->unanswered_file);
		if (rc)
			hr_warn("event=unanswered_not_saved file=%s count=%zu error=\"%s\"",
			        d->unanswered_file, n, hr_unanswered_strerror(rc));
	}
	hr_unanswered_free(d->unanswered);
}
