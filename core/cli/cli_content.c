/*
 * `herald ask` and `herald check`: the engine without a server.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "crossval.h"
#include "engine.h"
#include "log.h"
#include "proto.h"
#include "reach.h"
#include "sandbox.h"
#include "text.h"

static void print_readable(const struct hr_answer *a)
{
	if (a->safety != HR_SAFETY_NONE)
		printf("[%s]\n", hr_safety_name(a->safety));
	printf("%s\n", a->text);
	if (a->nsources) {
		printf("\nSources:\n");
		for (size_t i = 0; i < a->nsources; i++) {
			printf("  - %s", a->sources[i].title);
			if (a->sources[i].publisher)
				printf(", %s", a->sources[i].publisher);
			if (a->sources[i].url)
				printf(" <%s>", a->sources[i].url);
			printf("\n");
		}
	}
	if (a->nsuggestions) {
		printf("\nYou could ask:\n");
		for (size_t i = 0; i < a->nsuggestions; i++)
			printf("  - %s\n", a->suggestions[i]);
	}
	printf("\n(intent: %s)\n", a->intent);
}

static const char *outcome_name(enum hr_outcome o)
{
	return o == HR_OUTCOME_CLARIFY ? "clarify" : o == HR_OUTCOME_FALLBACK ? "fallback" : "answer";
}

/* Everything routing saw and decided, to stderr: the sentences and their
 * weights, the pattern candidates, the ranker's top five, the rule. */
static void print_trace(const struct hr_trace *t, const char *text)
{
	if (t->safety.tier || t->safety.decision)
		fprintf(stderr, "debug: safety tier %d rule %s decision %d\n", t->safety.tier,
		        t->safety.rule ? t->safety.rule : "-", t->safety.decision);
	if (t->safety.tier)
		return;
	for (size_t i = 0; i < t->nsentences; i++) {
		const struct hr_sentence *s = &t->sentences[i];
		if (i == 0 && t->earlier) {
			fprintf(stderr,
			        "debug: sentence 1 tells weight %.2f: \"%s\" (the earlier turn's topic)\n",
			        s->weight, t->earlier);
			continue;
		}
		fprintf(stderr, "debug: sentence %zu %s weight %.2f%s: \"%.*s\"\n", i + 1,
		        s->asks ? "asks " : "tells", s->weight, (int)i == t->focus ? " (focus)" : "",
		        s->len > 200 ? 200 : s->len, text + s->start);
	}
	if (t->thin)
		fprintf(stderr,
		        "debug: the focus says little itself (it points back, or holds few words the ranker "
		        "knows): the story weighs more\n");
	fprintf(stderr, "debug: corrected: \"%s\"\n", t->match.corrected);
	if (t->match.ncandidates == 0)
		fprintf(stderr, "debug: patterns: no candidate\n");
	for (size_t i = 0; i < t->match.ncandidates; i++) {
		const struct hr_candidate *c = &t->match.candidates[i];
		fprintf(stderr, "debug: pattern %s %s priority=%d covered=%d slots=",
		        c == t->chosen ? "chosen" : "      ", c->intent->name, c->priority, c->covered);
		for (size_t k = 0; k < c->nslots; k++)
			fprintf(stderr, "%s%s=%s", k ? "," : "", c->slots[k].name, c->slots[k].value);
		fprintf(stderr, " (%s:%d)\n", c->intent->file, c->intent->line);
	}
	if (!t->ranked)
		fprintf(stderr, "debug: ranker: not consulted\n");
	else if (t->ranking.n == 0)
		fprintf(stderr, "debug: ranker: knows none of these words\n");
	else
		fprintf(stderr, "debug: ranker knows %.1f of the message's %.1f weighted content words\n",
		        (double)t->ranking.nknown, (double)t->ranking.nwords);
	for (size_t i = 0; i < t->ranking.n; i++)
		fprintf(stderr, "debug: ranker %zu. %-32s %.3f\n", i + 1, t->ranking.top[i].intent->name,
		        t->ranking.top[i].score);
	fprintf(stderr, "debug: rule: %s -> %s", t->rule ? t->rule : "-", outcome_name(t->outcome));
	for (size_t i = 0; i < t->nparts; i++) {
		fprintf(stderr, "%s%s", i ? " + " : " ", t->parts[i].intent->name);
		for (size_t k = 0; k < t->parts[i].nslots; k++)
			fprintf(stderr, "%s%s=%s", k ? "," : " [", t->parts[i].slots[k].name,
			        t->parts[i].slots[k].value);
		if (t->parts[i].nslots)
			fprintf(stderr, "]");
	}
	for (size_t i = 0; i < t->nclarify; i++)
		fprintf(stderr, "%s%s", i ? ", " : " offering ", t->clarify[i]->name);
	fprintf(stderr, "\n");
	if (t->nparts == 2 && t->part_rule)
		fprintf(stderr, "debug: second part: %s\n", t->part_rule);
	if (t->facet)
		fprintf(stderr, "debug: facet: %s (handler %s.%s)\n", t->facet, t->parts[0].intent->name,
		        t->facet);
	if (t->plugin_rc)
		fprintf(stderr, "debug: plugin error: %s\n", t->plugin_err);
}

static void usage_ask(FILE *f)
{
	fprintf(f, "usage: herald ask [--config FILE] [--json] [--debug] QUESTION [FOLLOW-UP...]\n"
	           "       herald ask [--config FILE] [--json] [--debug] --wav FILE\n"
	           "\n"
	           "Answers QUESTION from the local intents and plugins, without a server.\n"
	           "Further arguments are asked as follow-ups in the same conversation.\n"
	           "  --config FILE  read settings (content paths, limits) from FILE\n"
	           "  --json         print the wire object of docs/protocol.md\n"
	           "  --debug        print to stderr how the question was routed: its sentences and\n"
	           "                 their weights, the pattern candidates, the ranker's top five\n"
	           "                 with scores, and the rule that chose\n"
	           "  --wav FILE     the question is spoken in FILE (16-bit PCM WAV): print what was\n"
	           "                 heard (\"transcript: ...\"), then answer it as typed text\n");
}

int hr_cmd_ask(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'}, {"json", no_argument, NULL, 'j'},
	    {"debug", no_argument, NULL, 'd'},        {"help", no_argument, NULL, 'h'},
	    {"wav", required_argument, NULL, 'w'},    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *wav = NULL;
	int json = 0, debug = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:jdhw:", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			wav = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'd':
			debug = 1;
			break;
		case 'h':
			usage_ask(stdout);
			return 0;
		default:
			usage_ask(stderr);
			return 2;
		}
	}
	if (wav ? optind < argc : optind >= argc) {
		usage_ask(stderr);
		return 2;
	}
	struct hr_config cfg;
	char here[HR_PATH_MAX];
	if (hr_cli_content_config(&cfg, config, here, sizeof(here)))
		return 1;
	hr_log_set_level(debug ? HR_LOG_DEBUG : HR_LOG_WARN);
	/* A spoken question is answered exactly as typed text, after saying what was heard. */
	static char heard[1024];
	char *spoken[1] = {heard};
	char **questions = wav ? spoken : argv + optind;
	int nquestions = wav ? 1 : argc - optind;
	if (wav) {
		if (hr_cli_transcribe(&cfg, wav, heard, sizeof(heard)))
			return 1;
		printf("transcript: %s\n", heard[0] ? heard : "(nothing herald knows was heard)");
		if (!heard[0])
			return 1;
		if (!json)
			printf("\n");
	}

	struct hr_content content;
	int rc = hr_content_load(&cfg, hr_diag_stderr, NULL, &content);
	if (rc) {
		fprintf(stderr, "herald: cannot load content: %s\n", strerror(-rc));
		return 1;
	}
	hr_engine *engine = NULL;
	if ((rc = hr_engine_new(&content, &engine))) {
		fprintf(stderr, "herald: cannot start the engine: %s\n", strerror(-rc));
		hr_content_free(&content);
		return 1;
	}
	struct hr_convo convo = {0};
	int status = 0;
	for (int i = 0; i < nquestions; i++) {
		struct hr_answer a = {0};
		struct hr_trace *trace = calloc(1, sizeof(*trace));
		if (!trace) {
			status = 1;
			break;
		}
		rc = hr_engine_ask(engine, &convo, questions[i], strlen(questions[i]), &a, trace);
		if (debug)
			print_trace(trace, questions[i]);
		free(trace);
		if (rc) {
			fprintf(stderr, "herald: %s\n",
			        rc == -EINVAL ? "the question is empty or not UTF-8" : strerror(-rc));
			status = 1;
			continue;
		}
		if (json) {
			size_t len;
			char *buf = hr_proto_answer(&a, NULL, NULL, 0, &len);
			if (buf)
				printf("%s\n", buf);
			free(buf);
		} else {
			if (i > 0)
				printf("\n----\n");
			print_readable(&a);
		}
		hr_answer_clear(&a);
	}
	hr_engine_free(engine);
	hr_content_free(&content);
	return status;
}

struct check_state {
	int errors;
	int warnings; /* printed, but check still passes */
	int conflicts;
	int drafts;
	int show_conflicts;
};

/* Says in words why candidate A ranks before B (the order of hr_intents_match). */
static void verdict(const struct hr_candidate *a, const struct hr_candidate *b, char *out, size_t cap)
{
	if (a->priority != b->priority)
		snprintf(out, cap, "higher priority (%d > %d)", a->priority, b->priority);
	else if (a->covered != b->covered)
		snprintf(out, cap, "longer match (%d > %d characters)", a->covered, b->covered);
	else if (a->nslots != b->nslots)
		snprintf(out, cap, "more slots filled (%zu > %zu)", a->nslots, b->nslots);
	else
		snprintf(out, cap, "defined first (%s:%d)", a->intent->file, a->intent->line);
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (the proleptic Gregorian
 * calendar, without time zones), or -1 when S is not such a date. */
static long days_from_date(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Whether intent A says it may match B's examples (overrides: B). */
static int overrides(const struct hr_intent *a, const char *b)
{
	size_t bl = strlen(b);
	for (const char *p = a->overrides; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t l = strcspn(p, ", ");
		if (l == bl && strncmp(p, b, bl) == 0)
			return 1;
		p += l;
	}
	return 0;
}

static void check_diag(void *ud, const char *file, int line, const char *msg)
{
	struct check_state *st = ud;
	st->errors++;
	hr_diag_stderr(NULL, file, line, msg);
}

/* The takeover guard (docs/plugins.md, "Taking over another topic's
 * questions"): intent A, of another topic (another .intents file), whose
 * pattern matches B's KIND ("example" or "phrasing") TEXT at B's file:LINE
 * captures it. Reported at A, the intent to narrow or to mark
 * `overrides: B`, with both names and the question; HOW says in what way
 * A takes B's questions. */
static void takeover_diag(struct check_state *st, const struct hr_intent *a, const struct hr_intent *b,
                          const char *kind, const char *text, int line, const char *how)
{
	char msg[1200];
	snprintf(msg, sizeof(msg),
	         "takeover: intent '%s' matches %s \"%s\" of '%s' (%s:%d) and %s; narrow its "
	         "patterns, or declare it on purpose with 'overrides: %s'",
	         a->name, kind, text, b->name, b->file, line, how, b->name);
	check_diag(st, a->file, a->line, msg);
}

/* An overlap that A declares (overrides: B): listed by --conflicts. */
static void note_override(struct check_state *st, const struct hr_intent *b, size_t k,
                          const struct hr_intent *a)
{
	st->conflicts++;
	if (st->show_conflicts)
		printf("%s:%d: note: example \"%s\" also matches '%s' (%s:%d), which declares "
		       "'overrides: %s'\n",
		       b->file, b->example_lines[k], b->examples[k], a->name, a->file, a->line, b->name);
}

/* What a "routes to" message adds (into OUT) when A, the winner, is
 * another topic's intent: a takeover of B's question, and the ways out. */
static void taken_over(char *out, size_t cap, const struct hr_intent *a, const struct hr_intent *b)
{
	out[0] = '\0';
	if (a && strcmp(a->file, b->file) != 0)
		snprintf(out, cap,
		         ": takeover by another topic; narrow the patterns of one of them, or declare "
		         "it on purpose with 'overrides: %s' in '%s'",
		         b->name, a->name);
}

/* The intent the whole engine (patterns and the ranker, as the daemon
 * routes) answers example K of IN with, when no part of the answer is IN
 * itself; NULL when IN answers it or nothing does. Its needed slots count
 * as known, as for the pattern check. */
static const struct hr_intent *engine_takes(hr_engine *engine, const struct hr_intent *in, size_t k,
                                            struct hr_trace *t)
{
	struct hr_convo convo = {0};
	for (size_t ni = 0; ni < in->nneeds && ni < HR_MAX_SLOTS; ni++) {
		snprintf(convo.context[ni].name, sizeof(convo.context[ni].name), "%s", in->needs[ni]);
		snprintf(convo.context[ni].value, sizeof(convo.context[ni].value), "%s", "known");
		convo.ncontext++;
	}
	const char *ex = in->examples[k];
	if (hr_engine_route(engine, &convo, ex, strlen(ex), t) || t->outcome != HR_OUTCOME_ANSWER ||
	    !t->nparts)
		return NULL;
	for (size_t p = 0; p < t->nparts; p++)
		if (t->parts[p].intent == in)
			return NULL;
	return t->parts[0].intent;
}

static void usage_check(FILE *f)
{
	fprintf(f, "usage: herald check [--config FILE] [--today YYYY-MM-DD] [--conflicts]\n"
	           "       herald check --cv[=K] [--model dense|sparse|knn] [--questions FILE.tsv]...\n"
	           "                    [--split NAME]\n"
	           "\n"
	           "Loads every intent file and plugin and reports, as file:line: message,\n"
	           "  - files that do not parse, patterns that do not compile, plugins that fail;\n"
	           "  - intents that no plugin answers;\n"
	           "  - examples that do not route to their own intent (and which intent wins);\n"
	           "  - takeovers: an intent of another topic (file) whose pattern matches an\n"
	           "    example and answers it, or loses it only on the wording (not by priority),\n"
	           "    unless it declares 'overrides: NAME' (docs/plugins.md);\n"
	           "  - examples that the safety layer would treat as an emergency;\n"
	           "  - plugins without a review date, or past their review_by date;\n"
	           "  - as warnings (check still passes): content reviewed longer ago than\n"
	           "    review.max_age_days, plugins that name no reviewer (reviewed_by), and\n"
	           "    handlers no intent, facet or hand-over reaches (unreachable);\n"
	           "  - two plugins answering the same intent (the first in file-name order wins).\n"
	           "With --conflicts it also lists every example that another intent matches too,\n"
	           "with the verdict on which wins and why (see docs/intents.md, Ranking).\n"
	           "With --cv it cross-validates routing instead (K folds, default 5): each fold's\n"
	           "examples are left out of the ranker's training, then routed with patterns only,\n"
	           "the ranker only, and both (docs/intents.md, Measuring). --model picks the ranker's\n"
	           "model (default: the config's intents.ranker; linear is dense's old name);\n"
	           "--questions (repeatable) also routes a question set: TSV with the question\n"
	           "in column 3, the intent expected in column 5 (\"a|b\": either; \"fallback\": out of\n"
	           "scope) and an optional split in column 6 (such as tune or held), reported apart;\n"
	           "--split NAME routes only that split's rows. Each miss of both stages is listed.\n"
	           "Exits 0 when all is well, 1 otherwise.\n");
}

/* ---- herald check --cv: cross-validation of routing over the examples ---- */

struct cv_counts {
	size_t right, clarify_right, clarify, wrong, fallback;
};

static void cv_count(struct cv_counts *c, const struct hr_trace *t, const struct hr_intent *want)
{
	if (t->outcome == HR_OUTCOME_ANSWER && t->nparts && t->parts[0].intent == want) {
		c->right++;
	} else if (t->outcome == HR_OUTCOME_CLARIFY) {
		int has = 0;
		for (size_t i = 0; i < t->nclarify; i++)
			has |= t->clarify[i] == want;
		if (has)
			c->clarify_right++;
		else
			c->clarify++;
	} else if (t->outcome == HR_OUTCOME_FALLBACK) {
		c->fallback++;
	} else {
		c->wrong++;
	}
}

static void cv_print(const char *what, const struct cv_counts *c, size_t n)
{
	printf("  %-14s %5zu / %zu right (%5.1f%%), %zu clarify offering it, %zu other clarify, %zu wrong, "
	       "%zu fallback\n",
	       what, c->right, n, n ? 100.0 * (double)c->right / (double)n : 0.0, c->clarify_right,
	       c->clarify, c->wrong, c->fallback);
}

/* Whether intent WANT is named in ALTS ("a|b|c"). */
static int wanted(const char *alts, const struct hr_intent *in)
{
	size_t l = strlen(in->name);
	for (const char *p = alts; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == l && strncmp(p, in->name, l) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* Scores trace T against the intents ALTS, as cv_count does for one intent. */
static void set_count(struct cv_counts *c, const struct hr_trace *t, const char *alts)
{
	if (t->safety.tier != HR_TIER_NONE) {
		c->wrong++; /* a safety reply to an ordinary letter is a miss */
	} else if (t->outcome == HR_OUTCOME_ANSWER && t->nparts && wanted(alts, t->parts[0].intent)) {
		c->right++;
	} else if (t->outcome == HR_OUTCOME_FALLBACK && strcmp(alts, "fallback") == 0) {
		c->right++; /* out of scope, and told so */
	} else if (t->outcome == HR_OUTCOME_CLARIFY) {
		int has = 0;
		for (size_t i = 0; i < t->nclarify; i++)
			has |= wanted(alts, t->clarify[i]);
		if (has)
			c->clarify_right++;
		else
			c->clarify++;
	} else if (t->outcome == HR_OUTCOME_FALLBACK) {
		c->fallback++;
	} else {
		c->wrong++;
	}
}

#define MAX_SPLITS 8

/*
 * Routes the question set PATH (TSV: id, kind, question, expect, intent and an
 * optional split such as "tune" or "held") with patterns only, the ranker
 * only and both, and prints the counts for each split. Column 5 may name
 * several intents ("a|b") when either answers the question; "fallback" means
 * the question is out of scope. With SPLIT only that split's rows are routed;
 * with VERBOSE each miss of "both" is printed. Returns 0, or 1 when the file
 * cannot be read or names an intent that does not exist.
 */
static int route_set(struct hr_content *content, hr_engine *engine, struct hr_trace *t, const char *path,
                     const char *split, int verbose)
{
	static const enum hr_route_mode modes[3] = {HR_ROUTE_PATTERNS, HR_ROUTE_RANKER, HR_ROUTE_BOTH};
	FILE *fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "herald check: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	char names[MAX_SPLITS][16] = {{0}};
	struct cv_counts cnt[MAX_SPLITS][3];
	size_t n[MAX_SPLITS] = {0}, nsplits = 0;
	memset(cnt, 0, sizeof(cnt));
	int rc = 0;
	unsigned lineno = 0;
	char line[8192];
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *cols[6] = {0}, *p = line;
		line[strcspn(line, "\r\n")] = '\0';
		for (int ci = 0; ci < 6 && p; ci++)
			cols[ci] = strsep(&p, "\t");
		if (!cols[2] || !cols[4] || !cols[4][0])
			continue;
		const char *sp = cols[5] && cols[5][0] ? cols[5] : "all";
		if (split && cols[5] && cols[5][0] && strcmp(split, sp) != 0)
			continue;
		/* Every intent named must exist: a renamed intent would silently count as a miss. */
		int bad = 0;
		for (const char *a = cols[4]; a && *a;) {
			const char *bar = strchr(a, '|');
			char nm[HR_NAME_MAX];
			snprintf(nm, sizeof(nm), "%.*s", (int)(bar ? (size_t)(bar - a) : strlen(a)), a);
			if (!hr_intents_find(content->intents, nm)) {
				fprintf(stderr, "%s:%u: no intent %s\n", path, lineno, nm);
				bad = 1;
			}
			a = bar ? bar + 1 : NULL;
		}
		if (bad) {
			rc = 1;
			continue;
		}
		size_t si = 0;
		while (si < nsplits && strcmp(names[si], sp) != 0)
			si++;
		if (si == nsplits) {
			if (nsplits == MAX_SPLITS)
				continue;
			snprintf(names[nsplits++], sizeof(names[0]), "%s", sp);
		}
		struct hr_convo convo = {0};
		struct hr_ranking alone = {0};
		n[si]++;
		for (int m = 0; m < 3; m++) {
			hr_engine_set_mode(engine, modes[m]);
			if (hr_engine_route(engine, &convo, cols[2], strlen(cols[2]), t) != 0) {
				cnt[si][m].wrong++;
				continue;
			}
			set_count(&cnt[si][m], t, cols[4]);
			if (m == 1)
				alone = t->ranking;
			int right = (t->safety.tier == HR_TIER_NONE && t->outcome == HR_OUTCOME_ANSWER &&
			             t->nparts && wanted(cols[4], t->parts[0].intent)) ||
			            (t->outcome == HR_OUTCOME_FALLBACK && strcmp(cols[4], "fallback") == 0);
			if (m == 2 && verbose && !right) {
				printf("  miss %s: %s -> %s %s", cols[0], cols[4],
				       t->safety.tier != HR_TIER_NONE ? "safety"
				       : t->outcome == HR_OUTCOME_ANSWER && t->nparts
				           ? t->parts[0].intent->name
				           : outcome_name(t->outcome),
				       t->safety.tier != HR_TIER_NONE ? ""
				       : t->rule                      ? t->rule
				                                      : "");
				/* What the ranker alone thought, even when a pattern decided. */
				const struct hr_ranking *rk = t->ranked ? &t->ranking : &alone;
				for (size_t k = 0; k < rk->n && k < 3; k++)
					printf("%s%s %.2f", k ? ", " : " [ranker: ", rk->top[k].intent->name,
					       rk->top[k].score);
				printf("%s\n", rk->n ? "]" : "");
			}
		}
	}
	fclose(fp);
	for (size_t si = 0; si < nsplits; si++) {
		if (strcmp(names[si], "all") == 0)
			printf("%s: %zu questions (not examples; nothing trained on them)\n", path, n[si]);
		else
			printf("%s, %s: %zu questions (not examples; nothing trained on them)\n", path,
			       names[si], n[si]);
		cv_print("patterns only", &cnt[si][0], n[si]);
		cv_print("ranker only", &cnt[si][1], n[si]);
		cv_print("both", &cnt[si][2], n[si]);
	}
	return rc;
}

/*
 * K-fold cross-validation: each fold's examples are left out of the ranker's
 * training and routed with patterns only, the ranker only, and both. Patterns
 * are not trained, so they are the same in every fold (they were written with
 * every example in view: their score on examples is an upper bound).
 * Each of the NSETS question SETS is then routed too (route_set), only the
 * rows of SPLIT when it is not NULL, by a ranker of MODEL trained on them all.
 */
struct cv_run {
	struct hr_trace *t;
	struct cv_counts (*cnt)[3];
	size_t *routed;
};

/* Routes one held-out question with patterns only, the ranker only, and both. */
static int cv_route(hr_engine *engine, const struct hr_cv_item *item, void *ud)
{
	static const enum hr_route_mode modes[3] = {HR_ROUTE_PATTERNS, HR_ROUTE_RANKER, HR_ROUTE_BOTH};
	struct cv_run *run = ud;
	for (int m = 0; m < 3; m++) {
		hr_engine_set_mode(engine, modes[m]);
		if (hr_engine_route(engine, item->convo, item->question, strlen(item->question), run->t) ||
		    run->t->safety.tier)
			break;
		cv_count(&run->cnt[item->phrasing][m], run->t, item->intent);
		run->routed[item->phrasing] += m == 0;
	}
	return 0;
}

static int check_cv(struct hr_content *content, int folds, enum hr_ranker_model model,
                    const char *const *sets, size_t nsets, const char *split, int verbose)
{
	size_t nex = 0;
	for (size_t i = 0; i < hr_intents_count(content->intents); i++)
		nex += hr_intents_get(content->intents, i)->nexamples +
		       hr_intents_get(content->intents, i)->nphrasings;
	struct hr_trace *t = calloc(1, sizeof(*t));
	hr_engine *engine = NULL;
	if (!t || hr_engine_new(content, &engine)) {
		free(t);
		fprintf(stderr, "herald check: out of memory\n");
		return 1;
	}
	/* [0] examples, [1] phrasings: patterns were written with the examples
	 * in view (they must match them), not with the phrasings. */
	struct cv_counts cnt[2][3] = {{{0}}};
	size_t routed[2] = {0};
	struct cv_run run = {.t = t, .cnt = cnt, .routed = routed};
	hr_ranker *keep = content->ranker;
	int failed = hr_cv_folds(engine, content, folds, model, cv_route, &run);
	if (failed < 0) {
		hr_engine_free(engine);
		free(t);
		fprintf(stderr, "herald check: out of memory\n");
		return 1;
	}
	if (failed > 0)
		fprintf(stderr, "herald check: cannot build the ranker for %d of %d folds\n", failed, folds);
	printf("herald check --cv: %d folds over %zu examples and %zu phrasings, ranker model %s\n", folds,
	       routed[0], routed[1],
	       model == HR_RANKER_KNN      ? "knn (TF-IDF nearest example)"
	       : model == HR_RANKER_SPARSE ? "sparse (logistic regression, sparse by construction)"
	                                   : "linear (logistic regression)");
	for (int kind = 0; kind < 2; kind++) {
		if (!routed[kind])
			continue;
		printf("%s (each left out of the ranker's training in its fold):\n",
		       kind ? "phrasings" : "examples");
		cv_print("patterns only", &cnt[kind][0], routed[kind]);
		cv_print("ranker only", &cnt[kind][1], routed[kind]);
		cv_print("both", &cnt[kind][2], routed[kind]);
	}
	int rc = 0;
	/* The question sets are routed with the model asked for, trained on
	 * every example and phrasing (the content's own ranker is the default's). */
	hr_ranker *whole = NULL;
	if (nsets && model != hr_ranker_model_of(keep)) {
		struct hr_ranker_options opt = {.model = model};
		if (hr_ranker_new(content->intents, &opt, &whole)) {
			fprintf(stderr, "herald check: cannot build the ranker\n");
			rc = 1;
			nsets = 0;
		} else {
			content->ranker = whole;
			hr_engine_set_content(engine, content);
		}
	}
	for (size_t qi = 0; qi < nsets; qi++) {
		if (route_set(content, engine, t, sets[qi], split, verbose))
			rc = 1;
	}
	if (whole) {
		content->ranker = keep;
		hr_engine_set_content(engine, content);
		hr_ranker_free(whole);
	}
	hr_engine_free(engine);
	free(t);
	return rc;
}

int hr_cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"today", required_argument, NULL, 't'},
	    {"conflicts", no_argument, NULL, 'x'},
	    {"cv", optional_argument, NULL, 'v'},
	    {"model", required_argument, NULL, 'm'},
	    {"questions", required_argument, NULL, 'q'},
	    {"split", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *split = NULL;
	const char *questions[8];
	size_t nquestions = 0;
	int show_conflicts = 0, folds = 0;
	int model = -1; /* the configured model (intents.ranker) */
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 't':
			snprintf(today, sizeof(today), "%s", optarg);
			break;
		case 'x':
			show_conflicts = 1;
			break;
		case 'v':
			folds = optarg ? atoi(optarg) : 5;
			if (folds < 2 || folds > 50) {
				fprintf(stderr, "herald check: --cv takes 2 to 50 folds\n");
				return 2;
			}
			break;
		case 'm':
			if (strcmp(optarg, "linear") == 0 || strcmp(optarg, "dense") == 0) {
				model = HR_RANKER_LINEAR;
			} else if (strcmp(optarg, "knn") == 0) {
				model = HR_RANKER_KNN;
			} else if (strcmp(optarg, "sparse") == 0) {
				model = HR_RANKER_SPARSE;
			} else {
				fprintf(stderr, "herald check: --model is dense, sparse or knn\n");
				return 2;
			}
			break;
		case 'q':
			if (nquestions == sizeof(questions) / sizeof(questions[0])) {
				fprintf(stderr, "herald check: at most %zu --questions files\n", nquestions);
				return 2;
			}
			questions[nquestions++] = optarg;
			break;
		case 's':
			split = optarg;
			break;
		case 'h':
			usage_check(stdout);
			return 0;
		default:
			usage_check(stderr);
			return 2;
		}
	}
	struct hr_config cfg;
	char here[HR_PATH_MAX];
	if (hr_cli_content_config(&cfg, config, here, sizeof(here)))
		return 1;
	hr_log_set_level(HR_LOG_WARN);

	struct check_state st = {.show_conflicts = show_conflicts};
	struct hr_content content;
	int rc = hr_content_load(&cfg, check_diag, &st, &content);
	if (rc) {
		fprintf(stderr, "herald check: content failed to load (%d problem%s)\n", st.errors,
		        st.errors == 1 ? "" : "s");
		return 1;
	}
	if (folds) {
		int r = check_cv(&content, folds,
		                 model < 0 ? hr_ranker_model_of(content.ranker) : (enum hr_ranker_model)model,
		                 questions, nquestions, split, 1);
		hr_content_free(&content);
		return r;
	}

	/* Every plugin states when it was reviewed, and is not overdue. A review
	 * older than review.max_age_days, or one that names no reviewer, is a
	 * warning: the content may still be right, but a clinic should look. */
	long today_days = days_from_date(today);
	for (size_t i = 0; i < hr_plugins_count(content.plugins); i++) {
		struct hr_plugin_info pi;
		hr_plugins_info(content.plugins, i, &pi);
		if (!pi.reviewed[0]) {
			check_diag(&st, pi.path, 0,
			           "no review date: add herald.about{ reviewed = \"YYYY-MM-DD\" }");
			continue;
		}
		if (strcmp(pi.review_by, today) < 0) {
			char msg[160];
			snprintf(msg, sizeof(msg),
			         "content is past its review date (review_by %s, reviewed %s)", pi.review_by,
			         pi.reviewed);
			check_diag(&st, pi.path, 0, msg);
		}
		long age = today_days - days_from_date(pi.reviewed);
		if (today_days >= 0 && age > cfg.review_max_age_days) {
			fprintf(stderr,
			        "%s:0: warning: content was reviewed %ld days ago (%s), more than "
			        "review.max_age_days (%d)\n",
			        pi.path, age, pi.reviewed, cfg.review_max_age_days);
			st.warnings++;
		}
		if (!pi.reviewed_by[0]) {
			fprintf(
			    stderr,
			    "%s:0: warning: no reviewer named: add herald.about{ reviewed_by = \"...\" }\n",
			    pi.path);
			st.warnings++;
		}
	}

	/* A handler no intent routes to is reached as a facet of a topic or as
	 * a hand-over target (reach.h); one reached neither way is dead content
	 * that staff should see, as a warning: it may be a facet whose topic was
	 * renamed, or a hand-over that was taken out. */
	struct hr_reach_map reach = {0};
	int rrc = hr_reach_build(content.intents, content.plugins, &reach);
	if (rrc) {
		fprintf(stderr, "herald check: cannot tell how handlers are reached: %s\n", strerror(-rrc));
		st.warnings++;
	}
	for (size_t i = 0; i < reach.n; i++) {
		const struct hr_reached *x = &reach.v[i];
		if (x->how != HR_REACH_NONE)
			continue;
		struct hr_plugin_info pi = {0};
		for (size_t p = 0; p < hr_plugins_count(content.plugins); p++) {
			if (hr_plugins_info(content.plugins, p, &pi) == 0 && strcmp(pi.name, x->plugin) == 0)
				break;
		}
		fprintf(stderr,
		        "%s:0: warning: handler '%s' is unreachable: no intent routes to it, it is no facet "
		        "of a known topic, and no plugin hands over to it\n",
		        pi.path ? pi.path : x->plugin, x->handler);
		st.warnings++;
	}
	/* A hand-over to a name nothing answers is a mistake a patient would
	 * see as the apology: an error, like a plugin that fails to load. */
	for (size_t i = 0; i < reach.ndangling; i++) {
		const struct hr_dangling *d = &reach.dangling[i];
		struct hr_plugin_info pi = {0};
		for (size_t p = 0; p < hr_plugins_count(content.plugins); p++) {
			if (hr_plugins_info(content.plugins, p, &pi) == 0 && strcmp(pi.name, d->plugin) == 0)
				break;
		}
		fprintf(stderr,
		        "%s:0: error: herald.hand_over(\"%s\") names a handler no plugin has; the "
		        "question would get the apology\n",
		        pi.path ? pi.path : d->plugin, d->target);
		st.errors++;
	}
	hr_reach_free(&reach);

	/* Drafts are never served: list what each still needs, as a warning. */
	for (size_t i = 0; i < hr_plugins_draft_count(content.plugins); i++) {
		const struct hr_plugin_draft *d = hr_plugins_draft(content.plugins, i);
		for (size_t k = 0; k < d->nlines; k++)
			fprintf(stderr,
			        "%s:%d: warning: draft (never served): placeholder text still to write\n",
			        d->path, d->lines[k]);
		if (d->ntodo > d->nlines)
			fprintf(stderr, "%s:0: warning: draft: %zu more placeholders\n", d->path,
			        d->ntodo - d->nlines);
		if (d->ntodo == 0)
			fprintf(stderr,
			        "%s:0: warning: draft (never served) with nothing left to write: delete "
			        "`draft = true` in herald.about to publish it\n",
			        d->path);
		st.warnings++;
		st.drafts++;
	}

	hr_matcher *m = hr_matcher_new(content.intents, NULL);
	hr_safety *safety = NULL;
	struct hr_match *match = calloc(1, sizeof(*match));
	hr_engine *engine = NULL;
	struct hr_trace *t = calloc(1, sizeof(*t));
	if (!m || hr_safety_new(&safety) || !match || !t || hr_engine_new(&content, &engine)) {
		fprintf(stderr, "herald check: out of memory\n");
		return 1;
	}
	size_t nexamples = 0;
	for (size_t i = 0; i < hr_intents_count(content.intents); i++) {
		const struct hr_intent *in = hr_intents_get(content.intents, i);
		if (!hr_plugins_handler(content.plugins, in->name, in->plugin) &&
		    !hr_plugins_draft_answers(content.plugins, in->name)) {
			char msg[200];
			snprintf(msg, sizeof(msg), "no plugin answers intent '%s'%s%s", in->name,
			         in->plugin ? " in plugin " : "", in->plugin ? in->plugin : "");
			check_diag(&st, in->file, in->line, msg);
		}
		if (in->nexamples == 0)
			check_diag(&st, in->file, in->line,
			           "intent has no example (add at least one 'example:')");
		for (size_t k = 0; k < in->nexamples; k++) {
			nexamples++;
			char norm[1024];
			const char *ex = in->examples[k];
			hr_text_normalize(ex, strlen(ex), norm, sizeof(norm));
			struct hr_safety_result sr;
			hr_safety_check(safety, norm, &sr);
			if (sr.tier != HR_TIER_NONE) {
				char msg[300];
				snprintf(msg, sizeof(msg),
				         "example \"%s\" is caught by the safety layer (rule %s)", ex,
				         sr.rule ? sr.rule : "?");
				check_diag(&st, in->file, in->example_lines[k], msg);
				continue;
			}
			/* An example is checked as the first turn of a conversation,
			 * except that its own intent's needed slots count as known:
			 * examples of follow-ups ("what are its side effects?") assume
			 * an earlier turn named the drug. */
			hr_intents_match(m, norm, match);
			const struct hr_candidate *best = NULL;
			for (size_t ci = 0; ci < match->ncandidates && !best; ci++) {
				const struct hr_candidate *cand = &match->candidates[ci];
				int met = 1;
				for (size_t ni = 0; ni < cand->intent->nneeds; ni++)
					met &= hr_candidate_slot(cand, cand->intent->needs[ni]) != NULL;
				if (cand->intent == in || met)
					best = cand;
			}
			/* An example another topic answers is also a takeover, unless
			 * that topic declares it (overrides:): said at the example, as
			 * either side may be the one to change. */
			if (best && best->intent != in && strcmp(best->intent->file, in->file) != 0 &&
			    overrides(best->intent, in->name)) {
				note_override(&st, in, k, best->intent);
				continue;
			}
			if (!best || best->intent != in) {
				char msg[900], more[300];
				if (best) {
					taken_over(more, sizeof(more), best->intent, in);
					snprintf(msg, sizeof(msg),
					         "example \"%s\" routes to '%s' (%s:%d), not to '%s'%s", ex,
					         best->intent->name, best->intent->file, best->intent->line,
					         in->name, more);
				} else {
					snprintf(msg, sizeof(msg),
					         "example \"%s\" matches no pattern of '%s'", ex, in->name);
				}
				check_diag(&st, in->file, in->example_lines[k], msg);
				continue;
			}
			const struct hr_intent *taker = engine_takes(engine, in, k, t);
			/* Every other intent this example matches is an overlap that the
			 * ranking settles; say how. Of another topic, it is a takeover
			 * unless it says so (overrides:) or the ranking settles it by
			 * priority: the engine gives it the example, or it loses the
			 * example only on the wording (a longer match, more slots, the
			 * definition order), so that the same question worded a little
			 * differently, which this intent's patterns miss or match
			 * shorter, goes to it. An intent that this one outranks (a bare
			 * mention, a general topic below a specific one) was written to
			 * give way, and one whose needs the example lacks cannot answer
			 * it: ordinary ranking. */
			for (size_t ci = 0; ci < match->ncandidates; ci++) {
				const struct hr_candidate *cand = &match->candidates[ci];
				if (cand == best)
					continue;
				const struct hr_intent *a = cand->intent;
				if (strcmp(a->file, in->file) != 0 && overrides(a, in->name)) {
					note_override(&st, in, k, a);
					continue;
				}
				if (strcmp(a->file, in->file) != 0 && a == taker) {
					takeover_diag(
					    &st, a, in, "example", ex, in->example_lines[k],
					    "answers it (patterns and the ranker, as the daemon routes it)");
					continue;
				}
				if (strcmp(a->file, in->file) != 0 && cand->priority == best->priority) {
					char how[200], why[400];
					verdict(best, cand, how, sizeof(how));
					snprintf(
					    why, sizeof(why),
					    "loses it only on the wording (%s), not by priority: worded a "
					    "little differently, it goes to '%s'",
					    how, a->name);
					takeover_diag(&st, a, in, "example", ex, in->example_lines[k], why);
					continue;
				}
				st.conflicts++;
				if (st.show_conflicts) {
					char why[160];
					verdict(best, cand, why, sizeof(why));
					printf("%s:%d: note: example \"%s\" also matches '%s' (%s:%d); '%s' "
					       "wins: %s\n",
					       in->file, in->example_lines[k], ex, cand->intent->name,
					       cand->intent->file, cand->intent->line, in->name, why);
				}
			}
		}
	}
	/* Phrasings need no pattern, but each must reach its intent through the
	 * whole engine (patterns and the ranker, which learnt from it): one that
	 * a strong pattern of another intent claims shows that pattern, or the
	 * phrasing, is in the wrong place. */
	size_t nphrasings = 0;
	for (size_t i = 0; i < hr_intents_count(content.intents); i++) {
		const struct hr_intent *in = hr_intents_get(content.intents, i);
		for (size_t k = 0; k < in->nphrasings; k++) {
			nphrasings++;
			const char *ph = in->phrasings[k];
			struct hr_convo convo = {0};
			for (size_t ni = 0; ni < in->nneeds && ni < HR_MAX_SLOTS; ni++) {
				snprintf(convo.context[ni].name, sizeof(convo.context[ni].name), "%s",
				         in->needs[ni]);
				snprintf(convo.context[ni].value, sizeof(convo.context[ni].value), "%s",
				         "known");
				convo.ncontext++;
			}
			char msg[1000];
			if (hr_engine_route(engine, &convo, ph, strlen(ph), t)) {
				snprintf(msg, sizeof(msg),
				         "phrasing \"%s\" cannot be routed (empty or not UTF-8)", ph);
			} else if (t->safety.tier != HR_TIER_NONE) {
				snprintf(msg, sizeof(msg),
				         "phrasing \"%s\" is caught by the safety layer (rule %s)", ph,
				         t->safety.rule ? t->safety.rule : "?");
			} else if (t->outcome == HR_OUTCOME_ANSWER && t->nparts && t->parts[0].intent == in) {
				continue;
			} else if (t->outcome == HR_OUTCOME_ANSWER && t->nparts && t->chosen &&
			           t->chosen->intent == t->parts[0].intent &&
			           strcmp(t->parts[0].intent->file, in->file) != 0 &&
			           overrides(t->parts[0].intent, in->name)) {
				continue; /* another topic's pattern takes it, on purpose */
			} else {
				const struct hr_intent *a =
				    t->outcome == HR_OUTCOME_ANSWER && t->nparts ? t->parts[0].intent : NULL;
				/* A takeover only when a pattern of the other topic chose. */
				char more[300];
				taken_over(more, sizeof(more),
				           a && t->chosen && t->chosen->intent == a ? a : NULL, in);
				snprintf(msg, sizeof(msg), "phrasing \"%s\" routes to %s (%s), not to '%s'%s",
				         ph, a ? a->name : outcome_name(t->outcome), t->rule ? t->rule : "-",
				         in->name, more);
			}
			check_diag(&st, in->file, in->phrasing_lines[k], msg);
		}
	}
	hr_engine_free(engine);
	free(t);
	free(match);
	hr_safety_free(safety);
	hr_matcher_free(m);
	size_t nintents = hr_intents_count(content.intents), nplugins = hr_plugins_count(content.plugins);
	hr_content_free(&content);
	if (st.errors) {
		fprintf(stderr, "herald check: %d problem%s\n", st.errors, st.errors == 1 ? "" : "s");
		return 1;
	}
	printf("herald check: %zu intents, %zu examples, %zu phrasings, %zu plugins: all good", nintents,
	       nexamples, nphrasings, nplugins);
	if (st.drafts)
		printf(" (%d draft%s, never served)", st.drafts, st.drafts == 1 ? "" : "s");
	if (st.warnings)
		printf(" (%d warning%s above)", st.warnings, st.warnings == 1 ? "" : "s");
	if (st.conflicts && !st.show_conflicts)
		printf(" (%d overlaps settled by ranking; --conflicts lists them)", st.conflicts);
	printf("\n");
	return 0;
}
