/*
 * match_bench: what one question costs the intent engine, with the real
 * intents and with generated sets of ten times as many, and what the safety
 * check that runs before it costs (core/engine/safety.c).
 *
 * A generated set is the real intents plus N-1 copies of every intents file,
 * each copy standing for a new topic area: it gets its own names and its own
 * content words (every word in patterns, phrases and examples has its letters
 * and digits rotated; K and S stay), while English function words ("what", "is", "the",
 * "her") stay, as they would in any larger knowledge base.
 * The regex structure (groups, classes, escapes, quantifiers) is kept, so a
 * copy costs PCRE2 what the real file costs.
 *
 *   match_bench [--intents DIR] [--questions FILE] [--scales 1,10] [--ms 1000]
 *               [--check] [--check-every N] [--no-jit] [--no-prefilter] [--dump DIR]
 *               [--letters FILE] [--model dense|sparse]
 *
 * --check also matches every question with the prefilter off, and every
 * question, example and slot phrase with the patterns compiled as herald did
 * before (flat phrases, caseless), and fails when any ranking (or safety
 * result) differs, so the benchmark doubles as an equivalence test.
 * --check-every N compares only every Nth text against the old compilation
 * (the slow part: about 35 s for all of them): `make test` samples a fifth,
 * `make test-long` compares all. --no-jit matches with PCRE2's interpreter (intents.jit =
 * 0); --no-prefilter times trying every pattern in turn, as herald did before
 * the prefilter, for the intents and for the safety check.
 * --dump writes the generated intents files to DIR, to look at or to load.
 * --model chooses the ranker's model; the default is the daemon's,
 * the sparse logistic regression (HR_RANKER_SPARSE).
 *
 * --instructions measures by instructions instead of time, for callgrind: at
 * each scale, matching alone (counted_match) and the ranker alone
 * (counted_rank: the concepts, then the ranking) go once over the questions
 * untimed as a warm-up, then once more counted. Wall-clock time swings
 * 1.4x-4.5x between runs on a shared virtual machine; instructions are the
 * same in every run. Built with valgrind/callgrind.h (HERALD_HAVE_CALLGRIND_H),
 * each counted pass is dumped apart, so that
 *
 *   valgrind --tool=callgrind --instr-atstart=no match_bench --instructions
 *
 * writes one callgrind.out.PID.N a pass, its desc line naming the phase, scale
 * and number of questions (bench/match-instructions reads them); loading,
 * compiling and training run uninstrumented, which makes it minutes, not an
 * hour. Without the header, --toggle-collect=counted_match (or counted_rank)
 * with --dump-after of the same gives the same counts, instrumenting throughout.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dirlist.h"
#include "intent.h"
#include "ranker.h"
#include "safety.h"
#include "text.h"

#ifdef HERALD_HAVE_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR "."
#endif

struct sbuf {
	char *p;
	size_t len, cap;
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* The letters a rotation moves. K and S stay: with PCRE2_CASELESS | PCRE2_UTF
 * each has a third case form (KELVIN SIGN, LONG S) that makes a compiled
 * pattern larger, and a copy should cost PCRE2 what the original costs. */
static const char rot_letters[] = "abcdefghijlmnopqrtuvwxyz";

/* English function words: every topic uses them, so the copies share them. */
static const char *const function_words[] = {
    "a",      "about",  "after", "all",    "also",   "am",    "an",     "and",  "any",   "are",    "as",
    "at",     "be",     "been",  "before", "being",  "but",   "by",     "can",  "can't", "could",  "did",
    "do",     "does",   "doing", "don't",  "during", "each",  "for",    "from", "get",   "gets",   "getting",
    "go",     "going",  "got",   "had",    "has",    "have",  "having", "he",   "her",   "here",   "him",
    "his",    "how",    "i",     "i'm",    "i've",   "if",    "in",     "into", "is",    "isn't",  "it",
    "it's",   "its",    "just",  "me",     "more",   "most",  "my",     "no",   "not",   "now",    "of",
    "off",    "on",     "only",  "or",     "other",  "our",   "out",    "over", "she",   "should", "so",
    "some",   "such",   "than",  "that",   "that's", "the",   "their",  "them", "then",  "there",  "these",
    "they",   "this",   "those", "to",     "too",    "up",    "very",   "was",  "we",    "were",   "what",
    "what's", "whats",  "when",  "where",  "which",  "while", "who",    "why",  "will",  "with",   "would",
    "you",    "you're", "your",  NULL,
};

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '\'';
}

/* Appends the word W[0..N) with its letters rotated by K, unless it is a
 * function word. */
static void put_word(struct sbuf *b, const char *w, size_t n, int k)
{
	size_t nl = sizeof(rot_letters) - 1;
	int keep = 0;
	for (const char *const *f = function_words; *f && !keep; f++)
		keep = strlen(*f) == n && strncasecmp(*f, w, n) == 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		const char *at = !keep ? strchr(rot_letters, tolower((unsigned char)c)) : NULL;
		if (at && c) {
			char r = rot_letters[((size_t)(at - rot_letters) + (size_t)k) % nl];
			c = isupper((unsigned char)c) ? (char)toupper((unsigned char)r) : r;
		} else if (!keep && isdigit((unsigned char)c)) {
			c = (char)('0' + (c - '0' + k - 1) % 10); /* "her 2" is content too */
		}
		put(b, &c, 1);
	}
}

/* Appends free text (phrases, examples) with its words rotated. */
static void put_text(struct sbuf *b, const char *s, size_t n, int k)
{
	size_t i = 0;
	while (i < n) {
		if (is_word_char(s[i])) {
			size_t j = i;
			while (j < n && is_word_char(s[j]))
				j++;
			put_word(b, s + i, j - i, k);
			i = j;
		} else {
			put(b, s + i, 1);
			i++;
		}
	}
}

static int is_name_char(char c)
{
	return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '_';
}

/* Appends a pattern with its literal words rotated and its {references} and
 * (?<named>) groups renamed; escapes, classes and group syntax are kept. */
static void put_pattern(struct sbuf *b, const char *s, size_t n, int k, const char *suffix)
{
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c == '\\' && i + 1 < n) {
			put(b, s + i, 2);
			i += 2;
		} else if (c == '[') {
			size_t j = i + 1;
			if (j < n && s[j] == '^')
				j++;
			if (j < n && s[j] == ']')
				j++;
			while (j < n && s[j] != ']')
				j += s[j] == '\\' ? 2 : 1;
			j = j < n ? j + 1 : n;
			put(b, s + i, j - i);
			i = j;
		} else if (c == '{' && i + 1 < n && isdigit((unsigned char)s[i + 1])) {
			/* A quantifier: {2}, {0,20} */
			size_t j = i;
			while (j < n && s[j] != '}')
				j++;
			j = j < n ? j + 1 : n;
			put(b, s + i, j - i);
			i = j;
		} else if (c == '{' && i + 1 < n && islower((unsigned char)s[i + 1])) {
			size_t j = i + 1;
			while (j < n && is_name_char(s[j]))
				j++;
			if (j < n && s[j] == '}') {
				put(b, s + i, j - i);
				puts_(b, suffix);
				put(b, "}", 1);
				i = j + 1;
			} else {
				put(b, "{", 1);
				i++;
			}
		} else if (c == '(' && i + 1 < n && s[i + 1] == '?') {
			size_t j = i + 2;
			if (j + 1 < n && s[j] == '<' && islower((unsigned char)s[j + 1])) {
				size_t e = j + 1;
				while (e < n && is_name_char(s[e]))
					e++;
				put(b, s + i, e - i);
				puts_(b, suffix);
				i = e;
			} else {
				/* Flags and group kinds: (?:, (?=, (?!, (?<=, (?i) ... */
				while (j < n && s[j] != ':' && s[j] != ')' && s[j] != '=' && s[j] != '!')
					j++;
				put(b, s + i, j - i);
				i = j;
			}
		} else if (is_word_char(c)) {
			size_t j = i;
			while (j < n && is_word_char(s[j]))
				j++;
			put_word(b, s + i, j - i, k);
			i = j;
		} else {
			put(b, s + i, 1);
			i++;
		}
	}
}

/* Returns copy K (2, 3, ...) of the intents file TEXT: names get the suffix
 * _gK (intents the prefix gK.), and words are rotated by K. */
static char *generate(const char *text, int k)
{
	struct sbuf b = {0};
	char suffix[16];
	snprintf(suffix, sizeof(suffix), "_g%d", k);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t ll = nl ? (size_t)(nl - p) : strlen(p);
		char line[8192];
		if (ll >= sizeof(line))
			ll = sizeof(line) - 1;
		memcpy(line, p, ll);
		line[ll] = '\0';
		p += ll + (nl ? 1 : 0);
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#') {
			/* Blank lines and comments are dropped. */
		} else if (s == line) {
			char kw[16], name[128];
			if (sscanf(line, "%15s %127s", kw, name) == 2) {
				if (strcmp(kw, "intent") == 0) {
					char pre[16];
					snprintf(pre, sizeof(pre), "g%d.", k);
					puts_(&b, "intent ");
					puts_(&b, pre);
					puts_(&b, name);
				} else {
					puts_(&b, kw);
					puts_(&b, " ");
					puts_(&b, name);
					puts_(&b, suffix);
				}
			}
		} else {
			const char *colon = strchr(s, ':');
			const char *eq = strchr(s, '=');
			put(&b, line, (size_t)(s - line));
			if (colon && (!eq || colon < eq) && strncmp(s, "pattern:", 8) == 0) {
				puts_(&b, "pattern: ");
				put_pattern(&b, colon + 1, strlen(colon + 1), k, suffix);
			} else if (colon && (!eq || colon < eq) && strncmp(s, "example:", 8) == 0) {
				puts_(&b, "example: ");
				put_text(&b, colon + 1, strlen(colon + 1), k);
			} else if (colon && (!eq || colon < eq) && strncmp(s, "needs:", 6) == 0) {
				puts_(&b, "needs: ");
				char tmp[512];
				snprintf(tmp, sizeof(tmp), "%s", colon + 1);
				char *save = NULL;
				int first = 1;
				for (char *t = strtok_r(tmp, ", ", &save); t;
				     t = strtok_r(NULL, ", ", &save)) {
					if (!first)
						puts_(&b, ", ");
					puts_(&b, t);
					puts_(&b, suffix);
					first = 0;
				}
			} else if (colon && (!eq || colon < eq)) {
				puts_(&b, s); /* priority, plugin */
			} else {
				put_text(&b, s, strlen(s), k); /* phrases */
			}
		}
		put(&b, "\n", 1);
	}
	return b.p ? b.p : strdup("");
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.p ? b.p : strdup("");
}

static void diag(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	fprintf(stderr, "%s:%d: %s\n", file, line, msg);
}

/* Where --dump writes the generated files (NULL: nowhere). */
static const char *dump_dir;
static int use_jit = 1;  /* --no-jit: PCRE2's interpreter, as intents.jit = 0 */
static int flat_phrases; /* load() compiles phrases as flat alternations (hr_intents_set_flat) */
static int no_prefilter; /* --no-prefilter: try every pattern, as before the prefilter */
static struct hr_ranker_options ranker_opt = {.model = HR_RANKER_SPARSE}; /* --model */

/* Builds the real set plus SCALE-1 generated copies of it. */
static hr_intents *load(const char *dir, int scale)
{
	char **names;
	size_t n;
	int rc = hr_dir_list(dir, ".intents", &names, &n);
	if (rc) {
		fprintf(stderr, "match_bench: %s: %s\n", dir, strerror(-rc));
		return NULL;
	}
	hr_intents *set = hr_intents_new();
	if (set) {
		hr_intents_set_jit(set, use_jit);
		hr_intents_set_flat(set, flat_phrases);
	}
	for (int k = 1; k <= scale && set; k++) {
		for (size_t i = 0; i < n; i++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			size_t len;
			char *text = slurp(path, &len);
			if (!text) {
				perror(path);
				hr_intents_free(set);
				set = NULL;
				break;
			}
			if (k > 1) {
				char *g = generate(text, k);
				free(text);
				text = g;
				len = strlen(g);
				snprintf(path, sizeof(path), "%s/g%d.%s", dump_dir ? dump_dir : dir, k,
				         names[i]);
				FILE *f = dump_dir ? fopen(path, "w") : NULL;
				if (f) {
					fputs(text, f);
					fclose(f);
				}
			}
			rc = hr_intents_add_text(set, path, text, len, diag, NULL);
			free(text);
			if (rc) {
				hr_intents_free(set);
				set = NULL;
				break;
			}
		}
	}
	hr_dir_list_free(names, n);
	if (set && hr_intents_compile(set, diag, NULL)) {
		hr_intents_free(set);
		return NULL;
	}
	return set;
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* True when both matches ranked the same intents with the same scores and slots. */
static int same_match(const struct hr_match *a, const struct hr_match *b)
{
	if (a->ncandidates != b->ncandidates || a->dropped != b->dropped || a->limit_hit != b->limit_hit ||
	    strcmp(a->corrected, b->corrected) != 0)
		return 0;
	for (size_t i = 0; i < a->ncandidates; i++) {
		const struct hr_candidate *x = &a->candidates[i], *y = &b->candidates[i];
		if (strcmp(x->intent->name, y->intent->name) != 0 || x->priority != y->priority ||
		    x->covered != y->covered || x->start != y->start || x->nslots != y->nslots)
			return 0;
		for (size_t k = 0; k < x->nslots; k++) {
			if (strcmp(x->slots[k].name, y->slots[k].name) ||
			    strcmp(x->slots[k].value, y->slots[k].value))
				return 0;
		}
	}
	return 1;
}

struct result {
	size_t nintents;
	double mean_ns, p50_ns, p90_ns, max_ns;
	double tried; /* patterns run per question, on average */
	double candidates;
};

static int run(hr_intents *set, char **qs, size_t nq, double min_ms, int check, struct result *r)
{
	struct hr_match_limits lim = {
	    .match_limit = 100000, .depth_limit = 1000, .use_jit = use_jit, .no_prefilter = no_prefilter};
	hr_matcher *m = hr_matcher_new(set, &lim);
	struct hr_match *out = calloc(2, sizeof(*out));
	double *per = calloc(nq, sizeof(*per));
	if (!m || !out || !per)
		return -ENOMEM;
	int bad = 0;
	if (check) {
		struct hr_match_limits all = {
		    .match_limit = 100000, .depth_limit = 1000, .use_jit = use_jit, .no_prefilter = 1};
		hr_matcher *ref = hr_matcher_new(set, &all);
		for (size_t q = 0; q < nq; q++) {
			hr_intents_match(m, qs[q], &out[0]);
			hr_intents_match(ref, qs[q], &out[1]);
			if (!same_match(&out[0], &out[1])) {
				fprintf(stderr, "match_bench: the prefilter changes the ranking of \"%s\"\n",
				        qs[q]);
				bad = 1;
			}
		}
		hr_matcher_free(ref);
	}
	/* Warm-up: caches, branch predictors and lazily built JIT stacks. */
	for (size_t q = 0; q < nq; q++)
		hr_intents_match(m, qs[q], out);
	/* Each question's time is the fastest of its rounds: other processes on
	 * the machine can only add time, so the minimum is what matching costs. */
	size_t rounds = 0;
	double tried = 0, cands = 0;
	double t_start = now_ns();
	for (size_t q = 0; q < nq; q++)
		per[q] = 1e18;
	do {
		for (size_t q = 0; q < nq; q++) {
			double t0 = now_ns();
			hr_intents_match(m, qs[q], out);
			double dt = now_ns() - t0;
			if (dt < per[q])
				per[q] = dt;
			tried += (double)out->patterns_tried;
			cands += (double)out->ncandidates;
		}
		rounds++;
	} while (now_ns() - t_start < min_ms * 1e6);
	double total = 0;
	for (size_t q = 0; q < nq; q++)
		total += per[q];
	qsort(per, nq, sizeof(*per), cmp_double);
	r->nintents = hr_intents_count(set);
	r->mean_ns = total / (double)nq;
	r->p50_ns = per[nq / 2];
	r->p90_ns = per[(nq * 9) / 10];
	r->max_ns = per[nq - 1];
	r->tried = tried / (double)(rounds * nq);
	r->candidates = cands / (double)(rounds * nq);
	free(per);
	free(out);
	hr_matcher_free(m);
	return bad ? -EINVAL : 0;
}

/* Appends every phrase of the slot and words blocks of the intents files in
 * DIR to *PH (normalised), for check_forms. */
static void collect_phrases(const char *dir, char ***ph, size_t *nph)
{
	char **names;
	size_t n;
	if (hr_dir_list(dir, ".intents", &names, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		size_t len;
		char *text = slurp(path, &len);
		if (!text)
			continue;
		int in_list = 0;
		for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			if (*l != ' ' && *l != '\t') {
				in_list = strncmp(l, "slot ", 5) == 0 || strncmp(l, "words ", 6) == 0;
				continue;
			}
			while (*l == ' ' || *l == '\t')
				l++;
			if (!in_list || *l == '#' || !*l)
				continue;
			char *eq = strchr(l, '=');
			if (eq)
				l = eq + 1;
			for (char *s2 = NULL, *t = strtok_r(l, ",", &s2); t; t = strtok_r(NULL, ",", &s2)) {
				char norm[256];
				int nl = hr_text_normalize(t, strlen(t), norm, sizeof(norm));
				if (nl <= 0)
					continue;
				if (norm[nl - 1] == '*')
					norm[nl - 1] = '\0';
				*ph = realloc(*ph, (*nph + 1) * sizeof(**ph));
				(*ph)[(*nph)++] = strdup(norm);
			}
		}
		free(text);
	}
	hr_dir_list_free(names, n);
}

/* Matches TEXT with both matchers; 1 (and a message) when they differ. */
static int compare_forms(hr_matcher *m, hr_matcher *ref, const char *text, struct hr_match *out)
{
	hr_intents_match(m, text, &out[0]);
	hr_intents_match(ref, text, &out[1]);
	if (same_match(&out[0], &out[1]))
		return 0;
	fprintf(stderr, "match_bench: the two compiled forms differ on \"%s\"\n", text);
	return 1;
}

/*
 * Matches the same questions with the patterns compiled as herald compiles
 * them (phrases as a trie, caseless only where needed, with the prefilter) and
 * as it did before (flat alternations, every pattern caseless, trying every
 * pattern: hr_intents_set_flat) and fails on any difference. Besides the
 * questions and every intent's examples, each phrase of every slot and words
 * list is asked in a few frames and next to the following phrase, so that
 * every branch of every trie is walked.
 */
/* Compare every Nth text with the old compilation (--check-every). */
static size_t check_every = 1;

static int check_forms(const char *dir, char **qs, size_t nq)
{
	int saved = flat_phrases;
	hr_intents *trie = load(dir, 1);
	flat_phrases = 1;
	hr_intents *flat = load(dir, 1);
	flat_phrases = saved;
	if (!trie || !flat)
		return -ENOMEM;
	char **ph = NULL;
	size_t nph = 0;
	collect_phrases(dir, &ph, &nph);
	static const char *const frames[] = {"%s", "what is %s", "%s side effects", "how is %s given",
	                                     "is %s bad for my heart"};
	struct hr_match_limits lim = {.match_limit = 100000, .depth_limit = 1000, .use_jit = use_jit};
	struct hr_match_limits all = lim;
	all.no_prefilter = 1;
	hr_matcher *m = hr_matcher_new(trie, &lim), *ref = hr_matcher_new(flat, &all);
	struct hr_match *out = calloc(2, sizeof(*out));
	if (!m || !ref || !out)
		return -ENOMEM;
	size_t asked = 0, bad = 0;
	for (size_t i = 0; i < nq + nph * 6; i++) {
		if (i % check_every)
			continue;
		char q[1024], raw[1024];
		const char *text = qs[i < nq ? i : 0];
		if (i >= nq) {
			size_t k = (i - nq) / 6, f = (i - nq) % 6;
			if (f == 5)
				snprintf(raw, sizeof(raw), "i am on %s and %s", ph[k], ph[(k + 1) % nph]);
			else
				snprintf(raw, sizeof(raw), frames[f], ph[k]);
			if (hr_text_normalize(raw, strlen(raw), q, sizeof(q)) < 0)
				continue;
			text = q;
		}
		bad += compare_forms(m, ref, text, out);
		asked++;
	}
	for (size_t i = 0; i < hr_intents_count(trie); i++) {
		const struct hr_intent *in = hr_intents_get(trie, i);
		for (size_t e = 0; e < in->nexamples; e++) {
			if ((i + e) % check_every)
				continue;
			char q[1024];
			if (hr_text_normalize(in->examples[e], strlen(in->examples[e]), q, sizeof(q)) < 0)
				continue;
			bad += compare_forms(m, ref, q, out);
			/* As written, capitals and all: the engine lower-cases. */
			bad += compare_forms(m, ref, in->examples[e], out);
			asked += 2;
		}
	}
	printf("check: %zu questions, phrases and examples matched the same compiled as herald compiles them "
	       "and as it did before (flat phrases, caseless); %zu differed\n",
	       asked, bad);
	for (size_t i = 0; i < nph; i++)
		free(ph[i]);
	free(ph);
	free(out);
	hr_matcher_free(m);
	hr_matcher_free(ref);
	hr_intents_free(trie);
	hr_intents_free(flat);
	return bad ? -EINVAL : 0;
}

/* Times the safety check on every question the same way: each question's
 * time is the fastest of its rounds. With CHECK, every question is also
 * checked with the prefilter off, and any difference fails. */
static int run_safety(char **qs, size_t nq, double min_ms, int check, struct result *r, unsigned *rules,
                      unsigned *always)
{
	hr_safety *s = NULL, *ref = NULL;
	double *per = calloc(nq, sizeof(*per));
	if (!per || hr_safety_new(&s) != 0 || hr_safety_new(&ref) != 0) {
		free(per);
		hr_safety_free(s);
		return -ENOMEM;
	}
	hr_safety_set_prefilter(s, !no_prefilter);
	hr_safety_set_prefilter(ref, 0);
	int bad = 0;
	struct hr_safety_result out, want;
	for (size_t q = 0; check && q < nq; q++) {
		hr_safety_check(s, qs[q], &out);
		hr_safety_check(ref, qs[q], &want);
		if (out.tier != want.tier || out.decision != want.decision || out.rule != want.rule) {
			fprintf(stderr, "match_bench: the prefilter changes the safety result of \"%s\"\n",
			        qs[q]);
			bad = 1;
		}
	}
	for (size_t q = 0; q < nq; q++)
		hr_safety_check(s, qs[q], &out);
	for (size_t q = 0; q < nq; q++)
		per[q] = 1e18;
	size_t rounds = 0;
	double tried = 0;
	double t_start = now_ns();
	do {
		for (size_t q = 0; q < nq; q++) {
			double t0 = now_ns();
			hr_safety_check(s, qs[q], &out);
			double dt = now_ns() - t0;
			if (dt < per[q])
				per[q] = dt;
			tried += hr_safety_matches_run(s);
		}
		rounds++;
	} while (now_ns() - t_start < min_ms * 1e6);
	double total = 0;
	for (size_t q = 0; q < nq; q++)
		total += per[q];
	qsort(per, nq, sizeof(*per), cmp_double);
	memset(r, 0, sizeof(*r));
	r->mean_ns = total / (double)nq;
	r->p50_ns = per[nq / 2];
	r->p90_ns = per[(nq * 9) / 10];
	r->max_ns = per[nq - 1];
	r->tried = tried / (double)(rounds * nq);
	/* The empty text fires nothing, so it runs each rule once: every rule
	 * without the prefilter, those that need no word with it. */
	hr_safety_check(s, "", &out);
	*always = hr_safety_matches_run(s);
	hr_safety_set_prefilter(s, 0);
	hr_safety_check(s, "", &out);
	*rules = hr_safety_matches_run(s);
	free(per);
	hr_safety_free(s);
	hr_safety_free(ref);
	return bad ? -EINVAL : 0;
}

/*
 * The ranker (core/engine/ranker.c): how long building it takes (at load and on
 * every reload), and what it costs per question as the engine calls it when
 * patterns are weak or silent: the concepts of the question, then the
 * ranking. Each question's time is the fastest of its runs, as above.
 */
static int run_ranker(const hr_intents *set, char **qs, size_t nq, double min_ms, struct result *r,
                      double *build_ms)
{
	double t0 = now_ns();
	hr_ranker *rk;
	if (hr_ranker_new(set, &ranker_opt, &rk))
		return -ENOMEM;
	*build_ms = (now_ns() - t0) / 1e6;
	hr_ranker_scratch *s = hr_ranker_scratch_new(rk);
	double *per = malloc(nq * sizeof(*per));
	if (!s || !per) {
		free(per);
		hr_ranker_scratch_free(s);
		hr_ranker_free(rk);
		return -ENOMEM;
	}
	for (size_t q = 0; q < nq; q++)
		per[q] = 1e18;
	struct hr_ranking out;
	struct hr_concepts cs;
	double t_start = now_ns();
	do {
		for (size_t q = 0; q < nq; q++) {
			struct hr_rank_part part = {qs[q], 1.0f};
			double a = now_ns();
			hr_ranker_concepts(rk, qs[q], &cs);
			hr_ranker_rank(rk, s, &part, 1, &out);
			double dt = now_ns() - a;
			if (dt < per[q])
				per[q] = dt;
		}
	} while (now_ns() - t_start < min_ms * 1e6);
	double total = 0;
	for (size_t q = 0; q < nq; q++)
		total += per[q];
	qsort(per, nq, sizeof(*per), cmp_double);
	memset(r, 0, sizeof(*r));
	r->nintents = hr_intents_count(set);
	r->mean_ns = total / (double)nq;
	r->p50_ns = per[nq / 2];
	r->p90_ns = per[(nq * 9) / 10];
	r->max_ns = per[nq - 1];
	free(per);
	hr_ranker_scratch_free(s);
	hr_ranker_free(rk);
	return 0;
}

/* A long message of the letters set: its sentences, normalised. */
struct letter {
	size_t n;
	char *s[24];
};

static void free_letters(struct letter *ls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ls[i].n; k++)
			free(ls[i].s[k]);
	free(ls);
}

/*
 * The ranker on long messages (tests/data/routing/letters.tsv): each sentence
 * found and normalised beforehand, then, timed as the engine ranks a letter,
 * the concepts of every sentence and one ranking over all of them weighted
 * (the last 1.0, the story 0.5, as for a question that says little itself).
 */
static int run_ranker_letters(const hr_intents *set, const struct letter *ls, size_t nl, double min_ms,
                              struct result *r)
{
	hr_ranker *rk;
	if (hr_ranker_new(set, &ranker_opt, &rk))
		return -ENOMEM;
	hr_ranker_scratch *s = hr_ranker_scratch_new(rk);
	double *per = malloc(nl * sizeof(*per));
	if (!s || !per) {
		free(per);
		hr_ranker_scratch_free(s);
		hr_ranker_free(rk);
		return -ENOMEM;
	}
	for (size_t q = 0; q < nl; q++)
		per[q] = 1e18;
	struct hr_ranking out;
	struct hr_concepts cs;
	struct hr_rank_part parts[24];
	double t_start = now_ns();
	do {
		for (size_t q = 0; q < nl; q++) {
			double a = now_ns();
			for (size_t k = 0; k < ls[q].n; k++) {
				hr_ranker_concepts(rk, ls[q].s[k], &cs);
				parts[k] = (struct hr_rank_part){ls[q].s[k], k + 1 == ls[q].n ? 1.0f : 0.5f};
			}
			hr_ranker_rank(rk, s, parts, ls[q].n, &out);
			double dt = now_ns() - a;
			if (dt < per[q])
				per[q] = dt;
		}
	} while (now_ns() - t_start < min_ms * 1e6);
	double total = 0;
	for (size_t q = 0; q < nl; q++)
		total += per[q];
	qsort(per, nl, sizeof(*per), cmp_double);
	memset(r, 0, sizeof(*r));
	r->nintents = hr_intents_count(set);
	r->mean_ns = total / (double)nl;
	r->p50_ns = per[nl / 2];
	r->p90_ns = per[(nl * 9) / 10];
	r->max_ns = per[nl - 1];
	free(per);
	hr_ranker_scratch_free(s);
	hr_ranker_free(rk);
	return 0;
}

/* Reads the questions of a routing set (TSV, question in column 3) as letters. */
static struct letter *read_letters(const char *path, size_t *nl)
{
	size_t len;
	char *text = slurp(path, &len);
	*nl = 0;
	if (!text)
		return NULL;
	struct letter *ls = NULL;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (*l == '#')
			continue;
		char *q = l;
		for (int c = 0; c < 2 && q; c++) {
			q = strchr(q, '\t');
			q = q ? q + 1 : NULL;
		}
		if (!q)
			continue;
		size_t ql = strcspn(q, "\t");
		struct hr_text_span sp[24];
		size_t ns = hr_text_sentences(q, ql, sp, 24);
		if (!ns)
			continue;
		struct letter *nls = realloc(ls, (*nl + 1) * sizeof(*ls));
		if (!nls)
			break;
		ls = nls;
		struct letter *lt = &ls[(*nl)++];
		lt->n = 0;
		for (size_t k = 0; k < ns; k++) {
			char norm[1024];
			if (hr_text_normalize(q + sp[k].start, (size_t)sp[k].len, norm, sizeof(norm)) >= 0)
				lt->s[lt->n++] = strdup(norm);
		}
	}
	free(text);
	return ls;
}

/* --instructions: one pass of matching alone over the questions. */
static void pass_match(hr_matcher *m, char **qs, size_t nq, struct hr_match *out)
{
	for (size_t q = 0; q < nq; q++)
		hr_intents_match(m, qs[q], out);
}

/* --instructions: one pass of the ranker alone, as run_ranker times it. */
static void pass_rank(const hr_ranker *rk, hr_ranker_scratch *s, char **qs, size_t nq)
{
	struct hr_ranking out;
	struct hr_concepts cs;
	for (size_t q = 0; q < nq; q++) {
		struct hr_rank_part part = {qs[q], 1.0f};
		hr_ranker_concepts(rk, qs[q], &cs);
		hr_ranker_rank(rk, s, &part, 1, &out);
	}
}

/* The counted passes, called once each a scale (the warm-ups call the passes
 * directly), and not inlined, so that callgrind can name them without the
 * client requests: --toggle-collect=counted_* --dump-after=counted_*. */
static __attribute__((noinline)) void counted_match(hr_matcher *m, char **qs, size_t nq, struct hr_match *out)
{
	pass_match(m, qs, nq, out);
}

static __attribute__((noinline)) void counted_rank(const hr_ranker *rk, hr_ranker_scratch *s, char **qs,
                                                   size_t nq)
{
	pass_rank(rk, s, qs, nq);
}

/* Instruments and dumps one counted pass; DESC names it in the dump. */
#define COUNTED(desc, pass)                                                                                  \
	do {                                                                                                 \
		CALLGRIND_START_INSTRUMENTATION;                                                             \
		CALLGRIND_ZERO_STATS;                                                                        \
		pass;                                                                                        \
		CALLGRIND_DUMP_STATS_AT(desc);                                                               \
		CALLGRIND_STOP_INSTRUMENTATION;                                                              \
	} while (0)

/* --instructions at one scale: matching, then the ranker, each warmed up
 * once and then counted once (see the top of the file). */
static int count_scale(hr_intents *set, int scale, char **qs, size_t nq)
{
	struct hr_match_limits lim = {
	    .match_limit = 100000, .depth_limit = 1000, .use_jit = use_jit, .no_prefilter = no_prefilter};
	hr_matcher *m = hr_matcher_new(set, &lim);
	struct hr_match *out = malloc(sizeof(*out));
	hr_ranker *rk = NULL;
	hr_ranker_scratch *s = NULL;
	int rc = -ENOMEM;
	if (!m || !out || hr_ranker_new(set, &ranker_opt, &rk) || !(s = hr_ranker_scratch_new(rk)))
		goto done;
	char desc[128];
	pass_match(m, qs, nq, out);
	snprintf(desc, sizeof(desc), "match_bench matching scale=%d intents=%zu questions=%zu", scale,
	         hr_intents_count(set), nq);
	COUNTED(desc, counted_match(m, qs, nq, out));
	printf("counted: %s\n", desc);
	pass_rank(rk, s, qs, nq);
	snprintf(desc, sizeof(desc), "match_bench ranker scale=%d intents=%zu questions=%zu", scale,
	         hr_intents_count(set), nq);
	COUNTED(desc, counted_rank(rk, s, qs, nq));
	printf("counted: %s\n", desc);
	fflush(stdout);
	rc = 0;
done:
	hr_ranker_scratch_free(s);
	hr_ranker_free(rk);
	free(out);
	hr_matcher_free(m);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: match_bench [--intents DIR] [--questions FILE] [--scales 1,10] [--ms N] [--check]\n"
	        "                   [--check-every N] [--no-jit] [--no-prefilter] [--dump DIR] "
	        "[--safety-corpus DIR]\n"
	        "                   [--letters FILE] [--model dense|sparse] [--instructions]\n");
}

/*
 * Reads the texts of the safety corpus (the .tsv files of DIR, "EXPECT<TAB>CATEGORY<TAB>TEXT"
 * lines), normalised as the engine does, into *OUT. They are the alarming,
 * long and misspelt messages the check exists for, so its cost is also
 * measured on them. Returns how many, or -1 when DIR cannot be read.
 */
static long load_safety_corpus(const char *dir, char ***out)
{
	static const char *const files[] = {"emergency.tsv", "crisis.tsv", "call_now.tsv", "calm.tsv",
	                                    "decisions.tsv", "fresh.tsv",  "fresh2.tsv"};
	char **qs = NULL;
	size_t nq = 0;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, files[f]);
		size_t len;
		char *text = slurp(path, &len);
		if (!text)
			continue;
		for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			char *t = strchr(l, '\t');
			t = t ? strchr(t + 1, '\t') : NULL;
			if (*l == '#' || !t)
				continue;
			char norm[1024];
			if (hr_text_normalize(t + 1, strlen(t + 1), norm, sizeof(norm)) < 0)
				continue;
			char **nq2 = realloc(qs, (nq + 1) * sizeof(*qs));
			if (!nq2)
				break;
			qs = nq2;
			qs[nq++] = strdup(norm);
		}
		free(text);
	}
	*out = qs;
	return nq ? (long)nq : -1;
}

int main(int argc, char **argv)
{
	const char *dir = HERALD_SOURCE_DIR "/intents";
	const char *qfile = HERALD_SOURCE_DIR "/bench/questions.txt";
	const char *corpus_dir = HERALD_SOURCE_DIR "/tests/data/safety/corpus";
	const char *lfile = HERALD_SOURCE_DIR "/tests/data/routing/letters.tsv";
	char scales_arg[64] = "1,10";
	double min_ms = 1000;
	int check = 0, instructions = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--intents") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--questions") == 0 && i + 1 < argc)
			qfile = argv[++i];
		else if (strcmp(argv[i], "--scales") == 0 && i + 1 < argc)
			snprintf(scales_arg, sizeof(scales_arg), "%s", argv[++i]);
		else if (strcmp(argv[i], "--ms") == 0 && i + 1 < argc)
			min_ms = atof(argv[++i]);
		else if (strcmp(argv[i], "--check") == 0)
			check = 1;
		else if (strcmp(argv[i], "--check-every") == 0 && i + 1 < argc && atoi(argv[i + 1]) > 0)
			check_every = (size_t)atoi(argv[++i]);
		else if (strcmp(argv[i], "--no-jit") == 0)
			use_jit = 0;
		else if (strcmp(argv[i], "--no-prefilter") == 0)
			no_prefilter = 1;
		else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
			dump_dir = argv[++i];
		else if (strcmp(argv[i], "--safety-corpus") == 0 && i + 1 < argc)
			corpus_dir = argv[++i];
		else if (strcmp(argv[i], "--letters") == 0 && i + 1 < argc)
			lfile = argv[++i];
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc &&
		         (strcmp(argv[i + 1], "linear") == 0 || strcmp(argv[i + 1], "dense") == 0))
			ranker_opt.model = HR_RANKER_LINEAR, i++;
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc &&
		         strcmp(argv[i + 1], "sparse") == 0)
			ranker_opt.model = HR_RANKER_SPARSE, i++;
		else if (strcmp(argv[i], "--instructions") == 0)
			instructions = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}

	size_t len;
	char *qtext = slurp(qfile, &len);
	if (!qtext) {
		perror(qfile);
		return 1;
	}
	char **qs = NULL;
	size_t nq = 0;
	for (char *save = NULL, *l = strtok_r(qtext, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!*l || *l == '#')
			continue;
		char norm[1024];
		if (hr_text_normalize(l, strlen(l), norm, sizeof(norm)) < 0)
			continue;
		qs = realloc(qs, (nq + 1) * sizeof(*qs));
		qs[nq++] = strdup(norm);
	}
	free(qtext);
	if (nq == 0) {
		fprintf(stderr, "match_bench: no questions in %s\n", qfile);
		return 1;
	}

	if (instructions) {
		int status = 0;
#ifdef HERALD_HAVE_CALLGRIND_H
		printf("instructions: client requests\n");
#else
		printf("instructions: no client requests (built without valgrind/callgrind.h)\n");
#endif
		for (char *save = NULL, *t = strtok_r(scales_arg, ",", &save); t && !status;
		     t = strtok_r(NULL, ",", &save)) {
			if (atoi(t) < 1)
				continue; /* --scales 0: only says how it was built */
			hr_intents *set = load(dir, atoi(t));
			status = !set || count_scale(set, atoi(t), qs, nq) != 0;
			hr_intents_free(set);
		}
		for (size_t i = 0; i < nq; i++)
			free(qs[i]);
		free(qs);
		return status;
	}

	printf("%-6s %8s %10s %10s %10s %10s %8s %8s %7s\n", "scale", "intents", "mean_us", "p50_us",
	       "p90_us", "max_us", "tried", "cands", "ratio");
	double base = 0;
	int status = 0;
	struct result rres[8], lres[8];
	double rbuild[8];
	size_t nls = 0;
	struct letter *ls = read_letters(lfile, &nls);
	size_t nls_read = nls; /* nls drops to 0 when the ranker cannot run on them */
	int rscale[8];
	size_t nrres = 0;
	for (char *save = NULL, *t = strtok_r(scales_arg, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int scale = atoi(t);
		if (scale < 1)
			continue;
		hr_intents *set = load(dir, scale);
		if (!set)
			return 1;
		struct result r;
		int rc = run(set, qs, nq, min_ms, check, &r);
		if (rc == -ENOMEM)
			return 1;
		if (rc)
			status = 1;
		if (base == 0)
			base = r.mean_ns;
		printf("%-6d %8zu %10.2f %10.2f %10.2f %10.2f %8.1f %8.2f %6.2fx\n", scale, r.nintents,
		       r.mean_ns / 1e3, r.p50_ns / 1e3, r.p90_ns / 1e3, r.max_ns / 1e3, r.tried, r.candidates,
		       r.mean_ns / base);
		fflush(stdout);
		if (nrres < 8 && run_ranker(set, qs, nq, min_ms, &rres[nrres], &rbuild[nrres]) == 0) {
			if (nls && run_ranker_letters(set, ls, nls, min_ms, &lres[nrres]) != 0)
				nls = 0;
			rscale[nrres++] = scale;
		}
		hr_intents_free(set);
	}
	printf("\n%-6s %8s %10s %10s %10s %10s %10s\n", "ranker", "intents", "mean_us", "p50_us", "p90_us",
	       "max_us", "build_ms");
	for (size_t i = 0; i < nrres; i++)
		printf("%-6d %8zu %10.2f %10.2f %10.2f %10.2f %10.1f\n", rscale[i], rres[i].nintents,
		       rres[i].mean_ns / 1e3, rres[i].p50_ns / 1e3, rres[i].p90_ns / 1e3,
		       rres[i].max_ns / 1e3, rbuild[i]);
	if (nls) {
		printf("\n%-6s %8s %10s %10s %10s %10s  (%zu letters of %s, every sentence)\n", "letter",
		       "intents", "mean_us", "p50_us", "p90_us", "max_us", nls, lfile);
		for (size_t i = 0; i < nrres; i++)
			printf("%-6d %8zu %10.2f %10.2f %10.2f %10.2f\n", rscale[i], lres[i].nintents,
			       lres[i].mean_ns / 1e3, lres[i].p50_ns / 1e3, lres[i].p90_ns / 1e3,
			       lres[i].max_ns / 1e3);
	}

	if (check) {
		int frc = check_forms(dir, qs, nq);
		if (frc == -ENOMEM)
			return 1;
		if (frc)
			status = 1;
	}

	/* The safety check: its time, the PCRE2 matches it ran per question, and
	 * how many of its patterns run on any text (they need no word). */
	struct result sr;
	unsigned nrules, always;
	int src = run_safety(qs, nq, min_ms, check, &sr, &nrules, &always);
	if (src == -ENOMEM)
		return 1;
	if (src)
		status = 1;
	printf("\n%-15s %8s %10s %10s %10s %10s %8s %8s\n", "safety check", "rules", "mean_us", "p50_us",
	       "p90_us", "max_us", "matches", "always");
	printf("%-15s %8u %10.2f %10.2f %10.2f %10.2f %8.1f %8u\n",
	       no_prefilter ? "every rule" : "prefiltered", nrules, sr.mean_ns / 1e3, sr.p50_ns / 1e3,
	       sr.p90_ns / 1e3, sr.max_ns / 1e3, sr.tried, always);
	/* The same on the safety corpus: alerts, near-misses, long letters. */
	char **cs = NULL;
	long nc = load_safety_corpus(corpus_dir, &cs);
	if (nc > 0) {
		src = run_safety(cs, (size_t)nc, min_ms, check, &sr, &nrules, &always);
		if (src == -ENOMEM)
			return 1;
		if (src)
			status = 1;
		printf("%-15s %8u %10.2f %10.2f %10.2f %10.2f %8.1f %8u  (%ld texts of the safety corpus)\n",
		       no_prefilter ? "every, corpus" : "corpus", nrules, sr.mean_ns / 1e3, sr.p50_ns / 1e3,
		       sr.p90_ns / 1e3, sr.max_ns / 1e3, sr.tried, always, nc);
		for (long i = 0; i < nc; i++)
			free(cs[i]);
	}
	free(cs);
	for (size_t i = 0; i < nq; i++)
		free(qs[i]);
	free(qs);
	free_letters(ls, nls_read);
	if (check && status == 0)
		printf("check: the prefilters gave every question the ranking and the safety result that "
		       "trying every pattern gives\n");
	return status;
}
