#include "metrics.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Bucket bounds in microseconds: answers take tens of microseconds when a
 * plugin is quick and up to limits.lua_call_ms when it is not. */
static const uint64_t bucket_us[HR_METRICS_BUCKETS] = {
    50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 250000,
};

/* The tiers by the safety layer's own names (hr_tier_name), so that the
 * metrics, the log and the wire's "tier" field say the same words. */
static const char *tier_label(unsigned t)
{
	const char *n = hr_tier_name((enum hr_tier)t);
	return n ? n : "none";
}

static const char *const refusal_names[HR_REFUSED_COUNT] = {
    "draining", "origin", "token", "max_connections", "per_address",
};

void hr_metrics_init(struct hr_metrics *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
}

void hr_metrics_fini(struct hr_metrics *m)
{
	for (size_t i = 0; i < HR_METRICS_MAX_WORKERS; i++)
		free(atomic_load(&m->shards[i]));
	pthread_mutex_destroy(&m->lock);
}

/*
 * A worker's question counters. Its thread is the only writer, so a counter
 * is bumped with a relaxed load and store (a plain add, no locked
 * instruction); a scrape reads them relaxed. An intent's name is written
 * once, before its READY flag is set (release); a scrape reads only names
 * whose flag it sees (acquire).
 */
struct hr_metrics_shard {
	struct {
		char name[HR_METRICS_NAME_MAX];
		_Atomic int ready;
		_Atomic uint64_t count;
	} intents[HR_METRICS_MAX_INTENTS];
	_Atomic uint64_t intents_other, tiers[4], fallbacks, concerns, question_errors, plugin_errors,
	    budget_kills;
	_Atomic uint64_t latency_buckets[HR_METRICS_BUCKETS + 1], latency_count, latency_sum_us, questions;
};

static void bump(_Atomic uint64_t *c, uint64_t by)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + by, memory_order_relaxed);
}

static uint64_t peek(_Atomic uint64_t *c)
{
	return atomic_load_explicit(c, memory_order_relaxed);
}

static struct hr_metrics_shard *shard_of(struct hr_metrics *m, int worker)
{
	if (worker < 0 || worker >= HR_METRICS_MAX_WORKERS)
		return NULL;
	struct hr_metrics_shard *sh = atomic_load_explicit(&m->shards[worker], memory_order_acquire);
	if (!sh && (sh = calloc(1, sizeof(*sh))))
		atomic_store_explicit(&m->shards[worker], sh, memory_order_release);
	return sh;
}

void hr_metrics_event(struct hr_metrics *m, enum hr_metrics_event ev)
{
	pthread_mutex_lock(&m->lock);
	switch (ev) {
	case HR_EV_CONNECTION_OPENED:
		m->connections_opened++;
		break;
	case HR_EV_RATE_LIMITED:
		m->rate_limited++;
		break;
	case HR_EV_RELOAD_OK:
		m->reloads_ok++;
		break;
	case HR_EV_RELOAD_FAILED:
		m->reloads_failed++;
		break;
	}
	pthread_mutex_unlock(&m->lock);
}

void hr_metrics_refused(struct hr_metrics *m, enum hr_refusal why)
{
	if ((unsigned)why >= HR_REFUSED_COUNT)
		return;
	pthread_mutex_lock(&m->lock);
	m->refused[why]++;
	pthread_mutex_unlock(&m->lock);
}

/* Copies NAME into DST reduced to characters that are safe inside a quoted
 * label value, so even a strange intent name cannot break the format. */
static void clean_name(char *dst, const char *name)
{
	size_t i = 0;
	for (; name && name[i] && i < HR_METRICS_NAME_MAX - 1; i++) {
		unsigned char ch = (unsigned char)name[i];
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		         ch == '_' || ch == '.' || ch == '-';
		dst[i] = ok ? (char)ch : '_';
	}
	dst[i] = '\0';
	if (i == 0)
		snprintf(dst, HR_METRICS_NAME_MAX, "unknown");
}

/* The slot holding NAME, or the free slot where it belongs; NULL when full. */
static struct hr_metrics_intent *intent_slot(struct hr_metrics_intent *tab, const char *name)
{
	uint32_t h = hr_fnv1a32_str(name);
	for (size_t i = 0; i < HR_METRICS_MAX_INTENTS; i++) {
		struct hr_metrics_intent *e = &tab[(h + i) % HR_METRICS_MAX_INTENTS];
		if (!e->name[0] || strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

static void observe(struct hr_metrics *m, uint64_t us)
{
	size_t b = 0;
	while (b < HR_METRICS_BUCKETS && us > bucket_us[b])
		b++;
	m->latency_buckets[b]++;
	m->latency_count++;
	m->latency_sum_us += us;
}

static void count_worker(struct hr_metrics *m, int worker)
{
	if (worker >= 0 && worker < HR_METRICS_MAX_WORKERS)
		m->worker_questions[worker]++;
}

static void observe_shard(struct hr_metrics_shard *sh, uint64_t us)
{
	size_t b = 0;
	while (b < HR_METRICS_BUCKETS && us > bucket_us[b])
		b++;
	bump(&sh->latency_buckets[b], 1);
	bump(&sh->latency_count, 1);
	bump(&sh->latency_sum_us, us);
	bump(&sh->questions, 1);
}

/* The shard's count for NAME (added on first sight), or NULL when full. */
static _Atomic uint64_t *shard_intent(struct hr_metrics_shard *sh, const char *name)
{
	uint32_t h = hr_fnv1a32_str(name);
	for (size_t i = 0; i < HR_METRICS_MAX_INTENTS; i++) {
		size_t k = (h + i) % HR_METRICS_MAX_INTENTS;
		if (!atomic_load_explicit(&sh->intents[k].ready, memory_order_relaxed)) {
			memcpy(sh->intents[k].name, name, HR_METRICS_NAME_MAX);
			atomic_store_explicit(&sh->intents[k].ready, 1, memory_order_release);
			return &sh->intents[k].count;
		}
		if (strcmp(sh->intents[k].name, name) == 0)
			return &sh->intents[k].count;
	}
	return NULL;
}

void hr_metrics_question(struct hr_metrics *m, int worker, const char *intent, enum hr_tier tier,
                         int plugin_rc, uint64_t elapsed_us)
{
	char name[HR_METRICS_NAME_MAX] = {0};
	clean_name(name, intent);
	struct hr_metrics_shard *sh = shard_of(m, worker);
	if (sh) {
		_Atomic uint64_t *c = shard_intent(sh, name);
		bump(c ? c : &sh->intents_other, 1);
		bump(&sh->tiers[(unsigned)tier < 4 ? tier : 0], 1);
		if (strcmp(name, "fallback") == 0)
			bump(&sh->fallbacks, 1);
		if (plugin_rc && plugin_rc != -ENOENT) {
			bump(&sh->plugin_errors, 1);
			if (plugin_rc == -ETIME)
				bump(&sh->budget_kills, 1);
		}
		observe_shard(sh, elapsed_us);
		return;
	}
	pthread_mutex_lock(&m->lock);
	struct hr_metrics_intent *e = intent_slot(m->intents, name);
	if (e) {
		if (!e->name[0])
			memcpy(e->name, name, sizeof(name));
		e->count++;
	} else {
		m->intents_other++;
	}
	m->tiers[(unsigned)tier < 4 ? tier : 0]++;
	if (strcmp(name, "fallback") == 0)
		m->fallbacks++;
	if (plugin_rc && plugin_rc != -ENOENT) {
		m->plugin_errors++;
		if (plugin_rc == -ETIME)
			m->budget_kills++;
	}
	observe(m, elapsed_us);
	count_worker(m, worker);
	pthread_mutex_unlock(&m->lock);
}

void hr_metrics_concern(struct hr_metrics *m, int worker)
{
	struct hr_metrics_shard *sh = shard_of(m, worker);
	if (sh) {
		bump(&sh->concerns, 1);
		return;
	}
	pthread_mutex_lock(&m->lock);
	m->concerns++;
	pthread_mutex_unlock(&m->lock);
}

void hr_metrics_question_error(struct hr_metrics *m, int worker, uint64_t elapsed_us)
{
	struct hr_metrics_shard *sh = shard_of(m, worker);
	if (sh) {
		bump(&sh->question_errors, 1);
		observe_shard(sh, elapsed_us);
		return;
	}
	pthread_mutex_lock(&m->lock);
	count_worker(m, worker);
	m->question_errors++;
	observe(m, elapsed_us);
	pthread_mutex_unlock(&m->lock);
}

/* Adds every worker's shard of LIVE into DST, a copy of LIVE's own counters. */
static void fold(struct hr_metrics *dst, struct hr_metrics *live)
{
	for (size_t w = 0; w < HR_METRICS_MAX_WORKERS; w++) {
		struct hr_metrics_shard *sh = atomic_load_explicit(&live->shards[w], memory_order_acquire);
		if (!sh)
			continue;
		for (size_t i = 0; i < HR_METRICS_MAX_INTENTS; i++) {
			if (!atomic_load_explicit(&sh->intents[i].ready, memory_order_acquire))
				continue;
			struct hr_metrics_intent *e = intent_slot(dst->intents, sh->intents[i].name);
			uint64_t n = peek(&sh->intents[i].count);
			if (e) {
				if (!e->name[0])
					memcpy(e->name, sh->intents[i].name, HR_METRICS_NAME_MAX);
				e->count += n;
			} else {
				dst->intents_other += n;
			}
		}
		dst->intents_other += peek(&sh->intents_other);
		for (size_t t = 0; t < 4; t++)
			dst->tiers[t] += peek(&sh->tiers[t]);
		dst->fallbacks += peek(&sh->fallbacks);
		dst->concerns += peek(&sh->concerns);
		dst->question_errors += peek(&sh->question_errors);
		dst->plugin_errors += peek(&sh->plugin_errors);
		dst->budget_kills += peek(&sh->budget_kills);
		for (size_t b = 0; b <= HR_METRICS_BUCKETS; b++)
			dst->latency_buckets[b] += peek(&sh->latency_buckets[b]);
		dst->latency_count += peek(&sh->latency_count);
		dst->latency_sum_us += peek(&sh->latency_sum_us);
		dst->worker_questions[w] += peek(&sh->questions);
	}
}

struct hr_metrics *hr_metrics_snapshot(struct hr_metrics *live)
{
	struct hr_metrics *m = malloc(sizeof(*m));
	if (!m)
		return NULL;
	pthread_mutex_lock(&live->lock);
	memcpy(m, live, sizeof(*m));
	pthread_mutex_unlock(&live->lock);
	fold(m, live);
	return m;
}

uint64_t hr_metrics_intent_count(struct hr_metrics *m, const char *intent)
{
	char name[HR_METRICS_NAME_MAX];
	clean_name(name, intent);
	struct hr_metrics *copy = hr_metrics_snapshot(m);
	if (!copy)
		return 0;
	const struct hr_metrics_intent *e = intent_slot(copy->intents, name);
	uint64_t n = e && e->name[0] ? e->count : 0;
	free(copy);
	return n;
}

void hr_metrics_process(long long *rss_bytes, int *open_fds)
{
	*rss_bytes = -1;
	*open_fds = -1;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		long long size, resident;
		if (fscanf(f, "%lld %lld", &size, &resident) == 2)
			*rss_bytes = resident * sysconf(_SC_PAGESIZE);
		fclose(f);
	}
	DIR *d = opendir("/proc/self/fd");
	if (d) {
		int n = 0;
		for (struct dirent *de; (de = readdir(d));)
			if (de->d_name[0] != '.')
				n++;
		closedir(d);
		*open_fds = n - 1; /* not the descriptor of the listing itself */
	}
}

/* A growing output buffer; a scrape may allocate, a question may not. */
struct out {
	char *buf;
	size_t len, cap, headroom;
	int failed;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	if (o->failed)
		return;
	for (;;) {
		size_t room = o->cap - o->headroom - o->len;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(o->buf + o->headroom + o->len, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			o->failed = 1;
			return;
		}
		if ((size_t)n < room) {
			o->len += (size_t)n;
			return;
		}
		size_t ncap = o->cap * 2 + (size_t)n;
		char *nb = realloc(o->buf, ncap);
		if (!nb) {
			o->failed = 1;
			return;
		}
		o->buf = nb;
		o->cap = ncap;
	}
}

static void counter(struct out *o, const char *name, const char *help, uint64_t v)
{
	put(o, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name, (unsigned long long)v);
}

static void gauge(struct out *o, const char *name, const char *help, long long v)
{
	put(o, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help, name, name, v);
}

static char *render_copy(const struct hr_metrics *m, const struct hr_metrics_gauges *g, size_t headroom,
                         size_t *len)
{
	struct out o = {.headroom = headroom, .cap = headroom + 8192};
	if (!(o.buf = malloc(o.cap)))
		return NULL;

	put(&o, "# HELP herald_questions_total Questions answered, by intent.\n"
	        "# TYPE herald_questions_total counter\n");
	for (size_t i = 0; i < HR_METRICS_MAX_INTENTS; i++)
		if (m->intents[i].name[0])
			put(&o, "herald_questions_total{intent=\"%s\"} %llu\n", m->intents[i].name,
			    (unsigned long long)m->intents[i].count);
	put(&o, "herald_questions_total{intent=\"other\"} %llu\n", (unsigned long long)m->intents_other);

	put(&o, "# HELP herald_questions_by_safety_total Questions answered, by the safety check's tier.\n"
	        "# TYPE herald_questions_by_safety_total counter\n");
	for (size_t i = 0; i < 4; i++)
		put(&o, "herald_questions_by_safety_total{tier=\"%s\"} %llu\n", tier_label(i),
		    (unsigned long long)m->tiers[i]);

	counter(&o, "herald_fallbacks_total", "Questions no intent matched (answered by the fallback).",
	        m->fallbacks);
	counter(&o, "herald_concern_total",
	        "Answers the learned crisis check put the 988 line in front of (no rule tier fired).",
	        m->concerns);
	counter(&o, "herald_question_errors_total", "Questions refused by the engine (invalid text, memory).",
	        m->question_errors);
	counter(&o, "herald_plugin_errors_total", "Plugin calls that failed; the person got an apology.",
	        m->plugin_errors);
	counter(&o, "herald_plugin_budget_kills_total", "Plugin calls stopped at limits.lua_call_ms.",
	        m->budget_kills);

	put(&o,
	    "# HELP herald_reloads_total Content and config reloads, by result.\n"
	    "# TYPE herald_reloads_total counter\n"
	    "herald_reloads_total{result=\"ok\"} %llu\nherald_reloads_total{result=\"failed\"} %llu\n",
	    (unsigned long long)m->reloads_ok, (unsigned long long)m->reloads_failed);

	gauge(&o, "herald_connections_open", "WebSockets open now.", (long long)g->connections_open);
	gauge(&o, "herald_sockets_open",
	      "Connections of every kind open now (what limits.max_connections counts).",
	      (long long)g->sockets_open);
	counter(&o, "herald_connections_total", "WebSockets accepted since start.", m->connections_opened);
	put(&o, "# HELP herald_connections_refused_total Connections refused, by reason: WebSocket upgrades "
	        "(draining, origin, token, per_address) and any connection over limits.max_connections.\n"
	        "# TYPE herald_connections_refused_total counter\n");
	for (size_t i = 0; i < HR_REFUSED_COUNT; i++)
		put(&o, "herald_connections_refused_total{reason=\"%s\"} %llu\n", refusal_names[i],
		    (unsigned long long)m->refused[i]);
	counter(&o, "herald_rate_limited_total", "Questions refused by limits.rate_per_second.",
	        m->rate_limited);
	gauge(&o, "herald_draining", "1 while a SIGTERM drain is under way.", g->draining ? 1 : 0);
	gauge(&o, "herald_workers", "Event loops serving (herald serve --workers).", g->workers);
	put(&o, "# HELP herald_worker_questions_total Questions answered, by worker (event loop).\n"
	        "# TYPE herald_worker_questions_total counter\n");
	for (int i = 0; i < g->workers && i < HR_METRICS_MAX_WORKERS; i++)
		put(&o, "herald_worker_questions_total{worker=\"%d\"} %llu\n", i,
		    (unsigned long long)m->worker_questions[i]);

	put(&o, "# HELP herald_answer_seconds Time to answer one question.\n"
	        "# TYPE herald_answer_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t b = 0; b < HR_METRICS_BUCKETS; b++) {
		cum += m->latency_buckets[b];
		put(&o, "herald_answer_seconds_bucket{le=\"%g\"} %llu\n", (double)bucket_us[b] / 1e6,
		    (unsigned long long)cum);
	}
	cum += m->latency_buckets[HR_METRICS_BUCKETS];
	put(&o, "herald_answer_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
	put(&o, "herald_answer_seconds_sum %.6f\nherald_answer_seconds_count %llu\n",
	    (double)m->latency_sum_us / 1e6, (unsigned long long)m->latency_count);

	long long rss;
	int fds;
	hr_metrics_process(&rss, &fds);
	if (rss >= 0)
		gauge(&o, "process_resident_memory_bytes", "Resident memory size in bytes.", rss);
	if (fds >= 0)
		gauge(&o, "process_open_fds", "Number of open file descriptors.", fds);

	if (o.failed) {
		free(o.buf);
		return NULL;
	}
	*len = o.len;
	return o.buf;
}

char *hr_metrics_render(struct hr_metrics *live, const struct hr_metrics_gauges *g, size_t headroom,
                        size_t *len)
{
	/* A copy, taken quickly, so formatting never holds up the workers. */
	struct hr_metrics *m = hr_metrics_snapshot(live);
	if (!m)
		return NULL;
	char *text = render_copy(m, g, headroom, len);
	free(m);
	return text;
}
