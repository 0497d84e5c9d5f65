/*
 * route_scores: the ranker's scores beside the routing's outcome, one line a
 * question, for choosing the routing thresholds of a ranker model from data
 * (route.c; docs/performance.md, issue 20's fifth round; bench/thresholds
 * reads the output). Three sources of labelled questions:
 *
 *   --cv K      every example and phrasing, each routed by a ranker trained
 *               without its fold (as `herald check --cv`), labelled with its
 *               own intent;
 *   --questions FILE.tsv   a routing set (question in column 3, the intent or
 *               intents "a|b" expected in column 5), ranked by the whole model;
 *   --tests     the plugins' test cases (plugins/NAME.tests), each case's
 *               questions asked in one conversation as `herald test` does,
 *               labelled with the case's `intent:` line when it has one.
 *
 *   route_scores [--config FILE] [--model dense|sparse] [--cv K]
 *                [--questions FILE]... [--tests] [--thresholds A,C,O,OV,L,R]...
 *
 * With --thresholds (repeatable) every source is routed once for each set of
 * thresholds (answer, clarify, offer, overrule, lead, review: route.c), and each line
 * starts with the set.
 *
 * Output (TSV): source, key, expected ("-" when unlabelled), whether the
 * message is a letter, the patterns-only winner, the outcome, the intent
 * chosen, the rule, the ranker's known/total words, then its top five as
 * intent=score. Plain engine calls; timing is not its business.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "config.h"
#include "convo.h"
#include "crossval.h"
#include "diag.h"
#include "dirlist.h"
#include "engine.h"
#include "log.h"

#include "bench_config.h"
#include "testcases.h"

struct ctx {
	hr_engine *engine;
	struct hr_trace *t;
	struct hr_convo convo;
	char set[64]; /* the thresholds measured, as given, and a tab; or "" */
	char src[64];
	char key[128];
	char pending[4096]; /* the last question asked, printed when its case's intent line comes */
	char line[8192];
	int have;
};

static const char *outcome_name(enum hr_outcome o)
{
	return o == HR_OUTCOME_ANSWER ? "answer" : o == HR_OUTCOME_CLARIFY ? "clarify" : "fallback";
}

/* Routes TEXT with patterns only, then routes (or, with ASK, answers) it with
 * both stages, and formats the line without its expected intent into C->line. */
static int measure(struct ctx *c, const char *text, int ask)
{
	size_t len = strlen(text);
	hr_engine_set_mode(c->engine, HR_ROUTE_PATTERNS);
	if (hr_engine_route(c->engine, &c->convo, text, len, c->t))
		return -EINVAL;
	char pw[128];
	snprintf(pw, sizeof(pw), "%s",
	         c->t->outcome == HR_OUTCOME_ANSWER && c->t->nparts ? c->t->parts[0].intent->name : "-");
	hr_engine_set_mode(c->engine, HR_ROUTE_BOTH);
	int rc;
	if (ask) {
		struct hr_answer a = {0};
		rc = hr_engine_ask(c->engine, &c->convo, text, len, &a, c->t);
		hr_answer_clear(&a);
	} else {
		rc = hr_engine_route(c->engine, &c->convo, text, len, c->t);
	}
	if (rc)
		return rc;
	const struct hr_trace *t = c->t;
	int letter = t->nsentences > 1;
	const char *chosen = t->outcome == HR_OUTCOME_ANSWER && t->nparts ? t->parts[0].intent->name
	                     : t->outcome == HR_OUTCOME_CLARIFY           ? "clarify"
	                                                                  : "fallback";
	int n = snprintf(c->line, sizeof(c->line), "%d\t%s\t%s\t%s\t%s\t%d\t%.2f/%.2f", letter, pw,
	                 outcome_name(t->outcome), chosen, t->rule ? t->rule : "-", t->safety.tier ? 1 : 0,
	                 t->ranking.nknown, t->ranking.nwords);
	for (size_t i = 0; i < t->ranking.n && n > 0 && (size_t)n < sizeof(c->line); i++)
		n += snprintf(c->line + n, sizeof(c->line) - (size_t)n, "\t%s=%.4f",
		              t->ranking.top[i].intent->name, t->ranking.top[i].score);
	c->have = 1;
	return 0;
}

static void emit(struct ctx *c, const char *expected)
{
	if (!c->have)
		return;
	printf("%s%s\t%s\t%s\t%s\n", c->set, c->src, c->key, expected, c->line);
	c->have = 0;
}

static int on_test_line(void *ud, struct hr_testcase_line *l)
{
	struct ctx *c = ud;
	if (!l->key) { /* a case ended: its conversation too */
		emit(c, "-");
		memset(&c->convo, 0, sizeof(c->convo));
		return 0;
	}
	if (strcmp(l->key, "ask") == 0) {
		emit(c, "-");
		snprintf(c->key + strcspn(c->key, ":"), sizeof(c->key) - strcspn(c->key, ":"), ":%d",
		         l->line);
		if (measure(c, l->value, 1))
			c->have = 0;
	} else if (strcmp(l->key, "intent") == 0) {
		emit(c, l->value);
	}
	return 0;
}

static int run_tests(struct ctx *c, const struct hr_config *cfg)
{
	char **paths = NULL;
	size_t n = 0;
	int rc = hr_layers_list(cfg->plugins_dir, cfg->local_content_dirs, "plugins", ".tests", &paths, &n);
	if (rc)
		return rc;
	snprintf(c->src, sizeof(c->src), "tests");
	for (size_t i = 0; i < n; i++) {
		FILE *f = fopen(paths[i], "rb");
		if (!f)
			continue;
		static char buf[1 << 20];
		size_t len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[len] = '\0';
		const char *base = strrchr(paths[i], '/');
		snprintf(c->key, sizeof(c->key), "%s", base ? base + 1 : paths[i]);
		memset(&c->convo, 0, sizeof(c->convo));
		hr_testcases_scan(paths[i], buf, len, on_test_line, c, NULL, NULL);
		emit(c, "-");
	}
	hr_dir_list_free(paths, n);
	return 0;
}

static int run_set(struct ctx *c, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	const char *base = strrchr(path, '/');
	snprintf(c->src, sizeof(c->src), "%s", base ? base + 1 : path);
	char buf[20000];
	int lineno = 0;
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		buf[strcspn(buf, "\n")] = '\0';
		char *col[6] = {0};
		char *p = buf;
		for (int k = 0; k < 6 && p; k++) {
			col[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!col[2] || !col[4])
			continue;
		memset(&c->convo, 0, sizeof(c->convo));
		snprintf(c->key, sizeof(c->key), "%d", lineno);
		if (measure(c, col[2], 0) == 0)
			emit(c, col[4]);
	}
	fclose(f);
	return 0;
}

/* One held-out question: its scores, labelled with the intent it was written for. */
static int cv_measure(hr_engine *engine, const struct hr_cv_item *item, void *ud)
{
	struct ctx *c = ud;
	(void)engine; /* c->engine, with the fold's ranker set */
	c->convo = *item->convo;
	snprintf(c->src, sizeof(c->src), "cv-%s", item->phrasing ? "phrasing" : "example");
	snprintf(c->key, sizeof(c->key), "%s:%zu", item->intent->name, item->index);
	if (measure(c, item->question, 0) == 0)
		emit(c, item->intent->name);
	return 0;
}

static int run_cv(struct ctx *c, struct hr_content *content, int folds, enum hr_ranker_model model)
{
	int rc = hr_cv_folds(c->engine, content, folds, model, cv_measure, c);
	return rc < 0 ? rc : 0;
}

int main(int argc, char **argv)
{
	const char *config = NULL, *model = NULL;
	const char *sets[8], *ths[64];
	size_t nsets = 0, nths = 0;
	int folds = 0, tests = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config = argv[++i];
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			model = argv[++i];
		else if (strcmp(argv[i], "--cv") == 0 && i + 1 < argc)
			folds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--questions") == 0 && i + 1 < argc && nsets < 8)
			sets[nsets++] = argv[++i];
		else if (strcmp(argv[i], "--thresholds") == 0 && i + 1 < argc && nths < 64)
			ths[nths++] = argv[++i];
		else if (strcmp(argv[i], "--tests") == 0)
			tests = 1;
		else {
			fprintf(stderr, "usage: route_scores [--config FILE] [--model dense|sparse] [--cv K] "
			                "[--questions FILE]... [--tests] [--thresholds A,C,O,OV,L,R]...\n");
			return 2;
		}
	}
	struct hr_config cfg;
	char err[600];
	if (bench_config("route_scores", config, &cfg, 0))
		return 1;
	if (model && hr_config_set_string(&cfg, "intents.ranker", model, err, sizeof(err))) {
		fprintf(stderr, "route_scores: %s\n", err);
		return 2;
	}
	hr_config_resolve(&cfg);
	struct hr_content content;
	if (hr_content_load(&cfg, hr_diag_stderr, NULL, &content)) {
		fprintf(stderr, "route_scores: cannot load the content\n");
		return 1;
	}
	struct ctx *c = calloc(1, sizeof(*c));
	if (!c || !(c->t = calloc(1, sizeof(*c->t))) || hr_engine_new(&content, &c->engine)) {
		fprintf(stderr, "route_scores: out of memory\n");
		return 1;
	}
	int rc = 0;
	for (size_t k = 0; k < (nths ? nths : 1) && !rc; k++) {
		float v[6];
		if (nths &&
		    sscanf(ths[k], "%f,%f,%f,%f,%f,%f", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) {
			fprintf(stderr, "route_scores: --thresholds takes six numbers A,C,O,OV,L,R\n");
			rc = -EINVAL;
			break;
		}
		if (nths) {
			hr_engine_measure_thresholds(hr_ranker_model_of(content.ranker), v);
			snprintf(c->set, sizeof(c->set), "%s\t", ths[k]);
		}
		if (folds > 1)
			rc = run_cv(c, &content, folds, hr_ranker_model_of(content.ranker));
		for (size_t i = 0; i < nsets && !rc; i++)
			rc = run_set(c, sets[i]);
		if (tests && !rc)
			rc = run_tests(c, &cfg);
	}
	hr_engine_free(c->engine);
	free(c->t);
	free(c);
	hr_content_free(&content);
	if (rc)
		fprintf(stderr, "route_scores: %s\n", strerror(-rc));
	return rc ? 1 : 0;
}
