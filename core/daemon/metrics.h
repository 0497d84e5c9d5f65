/*
 * Counters for `GET /metrics`, in the Prometheus text format (version 0.0.4).
 *
 * Plain C: no loop, no network, no Lua. The network layer counts questions,
 * connections and refusals; the daemon counts reloads; a scrape renders the
 * whole registry. Every table is fixed-size and counting never allocates, so
 * the per-question path stays as cheap as it was.
 *
 * Privacy: label values are intent names from the content and fixed words
 * ("urgent", "draining"), never text a client sent. Names are also reduced
 * to [A-Za-z0-9_.-] before they are stored, so a label cannot be forged.
 *
 * Thread use: one registry for the whole process, shared by every worker's
 * loop (herald serve --workers). What a question counts goes to its worker's
 * own shard, without a lock (one writer each; a scrape sums the shards); the
 * rarer events hold the registry's mutex for a counter update. A scrape copies
 * the counters under it and formats them outside it.
 */
#ifndef HERALD_METRICS_H
#define HERALD_METRICS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "safety.h"

/* Distinct intents counted by name; more than this are counted as "other". */
#define HR_METRICS_MAX_INTENTS 256
#define HR_METRICS_NAME_MAX 64
/* Upper bounds of the latency histogram, in microseconds (+Inf is implied). */
#define HR_METRICS_BUCKETS 11
/* Workers counted one by one (herald serve allows at most this many). */
#define HR_METRICS_MAX_WORKERS 256

/* Why a connection was refused; each is one label value. */
enum hr_refusal {
	HR_REFUSED_DRAINING = 0,
	HR_REFUSED_ORIGIN,
	HR_REFUSED_TOKEN,
	HR_REFUSED_MAX_CONNECTIONS,
	HR_REFUSED_PER_ADDRESS,
	HR_REFUSED_COUNT,
};

struct hr_metrics_intent {
	char name[HR_METRICS_NAME_MAX]; /* "" marks a free slot */
	uint64_t count;
};

/* One worker's question counters (metrics.c); allocated at its first question. */
struct hr_metrics_shard;

struct hr_metrics {
	pthread_mutex_t lock; /* guards everything below but the shards */
	/* By worker index: written by that worker alone, read by a scrape. */
	struct hr_metrics_shard *_Atomic shards[HR_METRICS_MAX_WORKERS];
	struct hr_metrics_intent intents[HR_METRICS_MAX_INTENTS]; /* open addressing */
	uint64_t intents_other;                                   /* intents beyond the table */
	uint64_t tiers[4];                                        /* by enum hr_tier */
	uint64_t fallbacks;
	uint64_t concerns;        /* answers the learned crisis check put the 988 line in front of */
	uint64_t question_errors; /* the engine returned an error (bad UTF-8, memory) */
	uint64_t plugin_errors;   /* a plugin failed and the person got an apology */
	uint64_t budget_kills;    /* of those, the plugin ran out of its time budget */
	uint64_t reloads_ok, reloads_failed;
	uint64_t connections_opened;
	uint64_t refused[HR_REFUSED_COUNT];
	uint64_t rate_limited;
	uint64_t latency_buckets[HR_METRICS_BUCKETS + 1]; /* non-cumulative; last is +Inf */
	uint64_t latency_count;
	uint64_t latency_sum_us;
	uint64_t worker_questions[HR_METRICS_MAX_WORKERS]; /* how evenly the kernel spreads the work */
};

/* Counted one at a time, by whoever sees them happen. */
enum hr_metrics_event {
	HR_EV_CONNECTION_OPENED,
	HR_EV_RATE_LIMITED,
	HR_EV_RELOAD_OK,
	HR_EV_RELOAD_FAILED,
};

/* What only the caller knows at scrape time. */
struct hr_metrics_gauges {
	unsigned connections_open; /* WebSockets open now, in every worker */
	unsigned sockets_open;     /* every connection, HTTP too: what limits.max_connections counts */
	int draining;              /* 1 during a SIGTERM drain */
	int workers;               /* event loops serving (herald serve --workers) */
};

/* Zeroes M and makes its lock; hr_metrics_fini() undoes it (and frees the shards). */
void hr_metrics_init(struct hr_metrics *m);
void hr_metrics_fini(struct hr_metrics *m);

void hr_metrics_event(struct hr_metrics *m, enum hr_metrics_event ev);
void hr_metrics_refused(struct hr_metrics *m, enum hr_refusal why);

/*
 * Counts one answered question, by WORKER (its index), INTENT (the answer's intent name), TIER (the
 * safety check's tier), PLUGIN_RC (struct hr_trace's plugin_rc: 0, -ENOENT
 * for no handler, -ETIME for a budget kill, another negative errno for a
 * failure) and how long it took. Takes no lock: WORKER's shard is written by
 * that worker's thread alone (a WORKER out of range counts under the lock).
 * Allocates only the shard, at a worker's first question.
 */
void hr_metrics_question(struct hr_metrics *m, int worker, const char *intent, enum hr_tier tier,
                         int plugin_rc, uint64_t elapsed_us);

/* Counts an answer the learned crisis check marked (struct hr_answer's
 * concern): the rules gave no tier, so the tier counters cannot show it. */
void hr_metrics_concern(struct hr_metrics *m, int worker);

/* Counts a question the engine could not answer at all (rc != 0). */
void hr_metrics_question_error(struct hr_metrics *m, int worker, uint64_t elapsed_us);

/* A copy of M's counters with every worker's shard added in (the caller frees
 * it; its shards and lock are not to be used), or NULL when out of memory. */
struct hr_metrics *hr_metrics_snapshot(struct hr_metrics *m);

/* The count for INTENT so far (tests, and nothing else, need this). */
uint64_t hr_metrics_intent_count(struct hr_metrics *m, const char *intent);

/*
 * Renders M and G, and the process's memory and descriptors (from /proc/self),
 * as Prometheus text into a new buffer with HEADROOM bytes free in front (for
 * LWS_PRE). Returns the buffer (the caller frees it) and its length, without
 * the headroom, in *LEN; NULL when out of memory.
 */
char *hr_metrics_render(struct hr_metrics *m, const struct hr_metrics_gauges *g, size_t headroom,
                        size_t *len);

/* The process's resident memory in bytes and open descriptors; -1 when unknown. */
void hr_metrics_process(long long *rss_bytes, int *open_fds);

#endif
