/*
 * ask_bench: what one question costs inside a worker, stage by stage, without
 * the network: parsing the WebSocket request (proto.c), answering it
 * (hr_engine_ask: safety, matching, ranking, the plugin) and writing the
 * answer's JSON with its context. loadgen's replies per second and CPU per
 * reply swing by tens of percent on a shared machine; the fastest of several
 * runs of each question does not, so this is what a change to the engine's
 * hot path is measured with (docs/performance.md, fourth round).
 *
 *   ask_bench [--config FILE] [--questions FILE] [--rounds N] [--each [--all-rounds]]
 *             [--times FILE] [--gc-inline] [--conversation]
 *
 * Every question is asked with a fresh conversation, in the order of the
 * file, ROUNDS times over; each stage's time is the fastest of its rounds,
 * and the figures are the means over the questions. --each also prints each
 * question's fastest answering time and intent; under callgrind it dumps the
 * counts of each question's hr_engine_ask in the last round on its own
 * (callgrind.out.PID.N, named by the question's number), so that a question's
 * instructions, and where they went, can be read without wall-clock noise.
 * With --all-rounds it dumps every round's (callgrind.out.PID.N, N = round
 * times questions plus the question's number): what only some answers pay,
 * such as a garbage collector's cycle, shows as one round's count above the
 * others'.
 *
 * The plugins' garbage is collected as the server collects it: after each
 * answer, untimed (hr_engine_defer_gc; under callgrind, dumped apart as
 * "collection after question N"). --gc-inline leaves it to Lua's own
 * collector, in the middle of answers, as before the ninth round and as the
 * CLI does.
 *
 * --conversation asks all the questions, round after round, in one
 * conversation, as one loadgen connection does (the server keeps a
 * WebSocket's conversation between its questions): each question is then a
 * follow-up to the one before it, and pays for what routing does with the
 * previous turn (follow-ups, facets, the topic kept, the turn after an
 * alarm). The tenth round found the one-connection tail there
 * (docs/performance.md).
 *
 * --times FILE writes every answer's time, not only the fastest: one line a
 * question a round, with the round, the question's number, the wall-clock and
 * the thread's CPU microseconds of hr_engine_ask, its minor page faults and
 * its system time (getrusage's, so only a sum over many answers means much),
 * and when it started (CLOCK_MONOTONIC, ns: `perf record -k CLOCK_MONOTONIC`
 * samples can be told apart by question). The fastest hides what
 * happens now and then (a garbage collector's step, a page fault); the
 * difference between a question's time and its fastest shows it, and the
 * CPU time tells the answer's own work from another process's.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "config.h"
#include "convo.h"
#include "diag.h"
#include "engine.h"
#include "log.h"

#include "bench_config.h"
#include "proto.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif
#ifndef HAVE_CALLGRIND
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* The thread's minor page faults and system time (µs) so far: what the
 * kernel does for an answer costs time callgrind does not count. */
static long minor_faults(long *sys_us)
{
	struct rusage ru;
	if (getrusage(RUSAGE_THREAD, &ru) != 0)
		return *sys_us = 0;
	*sys_us = (long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
	return ru.ru_minflt;
}

static double cpu_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* A request as a client sends it, the text escaped for JSON. */
static char *request(const char *q, size_t *len)
{
	size_t n = strlen(q);
	char *out = malloc(64 + 2 * n);
	if (!out)
		return NULL;
	char *p = out + sprintf(out, "{\"type\":\"ask\",\"id\":\"q1\",\"text\":\"");
	for (const char *s = q; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	p += sprintf(p, "\"}");
	*len = (size_t)(p - out);
	return out;
}

enum { PARSE, ASK, OUT, NSTAGES };
static const char *const stage_names[NSTAGES] = {"parse", "ask", "out"};

int main(int argc, char **argv)
{
	const char *config = NULL;
	const char *qfile = HERALD_SOURCE_DIR "/bench/questions.txt";
	int rounds = 20;
	int each = 0;
	const char *times_path = NULL;
	int all_rounds = 0;
	int gc_inline = 0;
	int conversation = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config = argv[++i];
		else if (strcmp(argv[i], "--questions") == 0 && i + 1 < argc)
			qfile = argv[++i];
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--each") == 0)
			each = 1;
		else if (strcmp(argv[i], "--gc-inline") == 0)
			gc_inline = 1;
		else if (strcmp(argv[i], "--conversation") == 0)
			conversation = 1;
		else if (strcmp(argv[i], "--all-rounds") == 0)
			all_rounds = 1;
		else if (strcmp(argv[i], "--times") == 0 && i + 1 < argc)
			times_path = argv[++i];
		else {
			fprintf(stderr, "usage: ask_bench [--config FILE] [--questions FILE] [--rounds N] "
			                "[--each [--all-rounds]] [--times FILE] [--gc-inline] "
			                "[--conversation]\n");
			return 2;
		}
	}
	struct hr_config cfg;
	if (bench_config("ask_bench", config, &cfg, 1))
		return 1;

	FILE *f = fopen(qfile, "r");
	if (!f) {
		fprintf(stderr, "ask_bench: %s: %s\n", qfile, strerror(errno));
		return 1;
	}
	char **reqs = NULL;
	size_t *lens = NULL, nq = 0;
	char line[2048];
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char **r = realloc(reqs, (nq + 1) * sizeof(*r));
		size_t *l = realloc(lens, (nq + 1) * sizeof(*l));
		if (!r || !l)
			return 1;
		reqs = r;
		lens = l;
		if (!(reqs[nq] = request(line, &lens[nq])))
			return 1;
		nq++;
	}
	fclose(f);

	struct hr_content content;
	int rc = hr_content_load(&cfg, hr_diag_stderr, NULL, &content);
	hr_engine *engine = NULL;
	if (rc || (rc = hr_engine_new(&content, &engine))) {
		fprintf(stderr, "ask_bench: cannot load the content: %s\n", strerror(-rc));
		return 1;
	}
	if (!gc_inline)
		hr_engine_defer_gc(engine, 1);
	struct hr_trace *trace = calloc(1, sizeof(*trace));
	double *best = malloc(nq * NSTAGES * sizeof(*best));
	if (!trace || !best)
		return 1;
	for (size_t i = 0; i < nq * NSTAGES; i++)
		best[i] = 1e18;
	char **intents = calloc(nq, sizeof(*intents));
	if (!intents)
		return 1;
	FILE *times = NULL;
	if (times_path) {
		if (!(times = fopen(times_path, "w"))) {
			fprintf(stderr, "ask_bench: %s: %s\n", times_path, strerror(errno));
			return 1;
		}
		fprintf(times, "# round\tquestion\twall_us\tcpu_us\tminor_faults\tsys_us\tstart_ns\n");
	}
	size_t bytes = 0;
	/* One loadgen connection's conversation, kept across questions and rounds
	 * (--conversation); otherwise each question starts a fresh one. */
	struct hr_convo kept = {0};
	for (int r = 0; r < rounds; r++) {
		int dump = each && (r == rounds - 1 || all_rounds);
		for (size_t i = 0; i < nq; i++) {
			struct hr_ws_msg m;
			struct hr_proto_error perr;
			double t0 = now_ns();
			int type = hr_proto_parse_ws(reqs[i], lens[i], (size_t)cfg.message_bytes, &m, &perr);
			double t1 = now_ns();
			if (type != HR_MSG_ASK) {
				fprintf(stderr, "ask_bench: cannot parse %s\n", reqs[i]);
				return 1;
			}
			struct hr_convo fresh = {0};
			struct hr_convo *convo = conversation ? &kept : &fresh;
			struct hr_answer a = {0};
			if (dump)
				CALLGRIND_ZERO_STATS;
			double c1 = times ? cpu_ns() : 0;
			long s1 = 0, s2 = 0;
			long f1 = times ? minor_faults(&s1) : 0;
			t1 = now_ns();
			if (hr_engine_ask(engine, convo, m.ask.text, m.ask.text_len, &a, trace)) {
				fprintf(stderr, "ask_bench: no answer to %s\n", reqs[i]);
				return 1;
			}
			if (dump) {
				char name[32];
				snprintf(name, sizeof(name), "question %zu", i + 1);
				CALLGRIND_DUMP_STATS_AT(name);
			}
			double t2 = now_ns();
			if (times) {
				double c2 = cpu_ns();
				long f2 = minor_faults(&s2);
				fprintf(times, "%d\t%zu\t%.2f\t%.2f\t%ld\t%ld\t%.0f\n", r, i + 1,
				        (t2 - t1) / 1000.0, (c2 - c1) / 1000.0, f2 - f1, s2 - s1, t1);
			}
			if (each && !intents[i] && a.intent)
				intents[i] = strdup(a.intent);
			char ctx[HR_CONVO_CONTEXT_MAX + 1];
			size_t clen, olen = 0;
			int crc = hr_convo_encode(convo, ctx, sizeof(ctx), &clen);
			char *buf =
			    hr_proto_answer_with_context(&a, m.ask.id, NULL, crc ? NULL : ctx, 16, &olen);
			free(buf);
			hr_answer_clear(&a);
			hr_ask_clear(&m.ask);
			double t3 = now_ns();
			/* As the server does once its replies are written, untimed. */
			if (dump)
				CALLGRIND_ZERO_STATS;
			hr_engine_collect_due(engine);
			if (dump) {
				char name[48];
				snprintf(name, sizeof(name), "collection after question %zu", i + 1);
				CALLGRIND_DUMP_STATS_AT(name);
			}
			double d[NSTAGES] = {t1 - t0, t2 - t1, t3 - t2};
			for (int s = 0; s < NSTAGES; s++) {
				if (d[s] < best[i * NSTAGES + s])
					best[i * NSTAGES + s] = d[s];
			}
			if (r == 0)
				bytes += olen;
		}
	}
	if (times && fclose(times)) {
		fprintf(stderr, "ask_bench: %s: %s\n", times_path, strerror(errno));
		return 1;
	}
	double total = 0;
	printf("questions=%zu rounds=%d reply_bytes=%zu", nq, rounds, nq ? bytes / nq : 0);
	for (int s = 0; s < NSTAGES; s++) {
		double sum = 0;
		for (size_t i = 0; i < nq; i++)
			sum += best[i * NSTAGES + s];
		total += sum / (double)nq;
		printf(" %s_us=%.2f", stage_names[s], sum / (double)nq / 1000.0);
	}
	printf(" total_us=%.2f\n", total / 1000.0);
	for (size_t i = 0; each && i < nq; i++)
		printf("%zu\t%.2f\t%s\t%s\n", i + 1, best[i * NSTAGES + ASK] / 1000.0,
		       intents[i] ? intents[i] : "-", reqs[i]);
	for (size_t i = 0; i < nq; i++)
		free(intents[i]);
	free(intents);
	free(best);
	free(trace);
	for (size_t i = 0; i < nq; i++)
		free(reqs[i]);
	free(reqs);
	free(lens);
	hr_engine_free(engine);
	hr_content_free(&content);
	return 0;
}
