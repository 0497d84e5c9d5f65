/*
 * The learned crisis check's cost (docs/performance.md, "The learned crisis
 * check"): hr_concern_score() on every benchmark question and on every line
 * of the safety corpus, each timed as the fastest of several runs, and once on
 * a letter of the largest message accepted (16 KiB). It runs on every message
 * the rules do not alert on, so it must stay a small part of a question's cost.
 *
 *   build/bench/concern_bench [--runs N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "safety_concern.h"

#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static volatile int sink;

/* The fastest of RUNS timings of one score, in ns. */
static double time_one(const char *s, size_t n, int runs)
{
	double best = 1e18;
	for (int r = 0; r < runs; r++) {
		double t0 = now_ns();
		sink = hr_concern_score(s, n);
		double dt = now_ns() - t0;
		if (dt < best)
			best = dt;
	}
	return best;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Times every line of PATH (the last tab-separated field when TSV); prints
 * the mean, p50, p90 and max. */
static void run_file(const char *label, const char *path, int tsv, int runs)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "concern_bench: %s: cannot open\n", path);
		exit(1);
	}
	static double t[8192];
	size_t n = 0;
	char line[8192];
	double bytes = 0;
	while (fgets(line, sizeof(line), f) && n < sizeof(t) / sizeof(t[0])) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *s = line;
		if (tsv) {
			char *tab = strrchr(line, '\t');
			if (!tab)
				continue;
			s = tab + 1;
		}
		size_t len = strcspn(s, "\n");
		bytes += (double)len;
		t[n++] = time_one(s, len, runs);
	}
	fclose(f);
	if (!n)
		return;
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += t[i];
	qsort(t, n, sizeof(t[0]), cmp);
	printf("%-22s %5zu texts, %4.0f bytes mean: mean %6.0f ns, p50 %6.0f, p90 %6.0f, max %7.0f\n", label,
	       n, bytes / (double)n, sum / (double)n, t[n / 2], t[n * 9 / 10], t[n - 1]);
}

int main(int argc, char **argv)
{
	int runs = 20;
	if (argc == 3 && strcmp(argv[1], "--runs") == 0)
		runs = atoi(argv[2]);
	if (runs < 1) {
		fprintf(stderr, "usage: concern_bench [--runs N]\n");
		return 2;
	}
	run_file("bench questions", HERALD_SOURCE_DIR "/bench/questions.txt", 0, runs);
	const char *files[] = {"crisis", "calm", "emergency", "call_now", "decisions"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512], label[64];
		snprintf(path, sizeof(path), "%s/tests/data/safety/corpus/%s.tsv", HERALD_SOURCE_DIR,
		         files[i]);
		snprintf(label, sizeof(label), "corpus %s", files[i]);
		run_file(label, path, 1, runs);
	}
	static char letter[16384];
	const char *chat =
	    "the infusion went fine today and the nurse was kind, we talked about the weather. ";
	size_t cl = strlen(chat), n = 0;
	while (n + cl < sizeof(letter))
		memcpy(letter + n, chat, cl), n += cl;
	printf("%-22s %5d text,  %5zu bytes: %8.0f ns\n", "16 KiB letter", 1, n, time_one(letter, n, runs));
	return 0;
}
