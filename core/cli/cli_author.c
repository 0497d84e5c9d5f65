/*
 * Commands for content authors: `herald test` runs the test cases written
 * beside each plugin (plugins/NAME.tests), and `herald new NAME` writes a
 * working plugin, intents file and tests file for a new topic.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "dirlist.h"
#include "engine.h"
#include "log.h"
#include "testcases.h"
#include "unanswered.h"
#include "util.h"

#define MAX_TURNS 4

/*
 * Reads the options the authoring commands share (--config FILE, --help).
 * Returns -1 to go on (operands start at optind), or the exit status.
 */
static int parse_options(int argc, char **argv, void (*usage)(FILE *), const char **config)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		if (c == 'c') {
			*config = optarg;
		} else if (c == 'h') {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	return -1;
}

/* One test case: a conversation of up to MAX_TURNS questions and what the
 * last reply must be. */
struct test_case {
	int line;
	int nturns;
	char turns[MAX_TURNS][512];
	char intent[HR_NAME_MAX];
	char contains[4][256];
	int ncontains;
	char lacks[4][256]; /* text the answer must not contain */
	int nlacks;
	char safety[16]; /* "", "none", "urgent", "crisis" */
	int has_sources; /* -1 unset, 0 none expected, 1 required */
};

struct test_run {
	hr_engine *engine;
	int passed, failed, skipped;
};

/* The plugin a tests file belongs to: its file name without .tests. */
static const char *test_name(const char *path)
{
	static char name[256];
	const char *base = strrchr(path, '/');
	snprintf(name, sizeof(name), "%s", base ? base + 1 : path);
	size_t l = strlen(name);
	if (l > 6 && strcmp(name + l - 6, ".tests") == 0)
		name[l - 6] = '\0';
	return name;
}

/* The draft (never served) that the tests file PATH belongs to, or NULL. */
static const char *draft_of(const struct hr_content *content, const char *path)
{
	const char *name = test_name(path);
	for (size_t i = 0; i < hr_plugins_draft_count(content->plugins); i++) {
		const char *dp = hr_plugins_draft(content->plugins, i)->path;
		const char *base = strrchr(dp, '/');
		base = base ? base + 1 : dp;
		size_t l = strlen(name);
		if (strncmp(base, name, l) == 0 && strcmp(base + l, ".lua") == 0)
			return dp;
	}
	return NULL;
}

static int lower_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++) {
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	}
	return n == 0;
}

static void run_case(struct test_run *run, const char *file, const struct test_case *tc)
{
	struct hr_convo convo = {0};
	struct hr_answer a = {0};
	char why[600] = "";
	for (int i = 0; i < tc->nturns; i++) {
		hr_answer_clear(&a);
		if (hr_engine_ask(run->engine, &convo, tc->turns[i], strlen(tc->turns[i]), &a, NULL)) {
			snprintf(why, sizeof(why), "the engine refused the question");
			break;
		}
	}
	if (!why[0] && tc->intent[0] && strcmp(a.intent, tc->intent) != 0)
		snprintf(why, sizeof(why), "expected intent %s, got %s", tc->intent, a.intent);
	for (int k = 0; !why[0] && k < tc->ncontains; k++) {
		if (!lower_contains(a.text, tc->contains[k]))
			snprintf(why, sizeof(why), "the answer does not contain \"%s\"", tc->contains[k]);
	}
	for (int k = 0; !why[0] && k < tc->nlacks; k++) {
		if (lower_contains(a.text, tc->lacks[k]))
			snprintf(why, sizeof(why), "the answer contains \"%s\"", tc->lacks[k]);
	}
	if (!why[0] && tc->safety[0]) {
		const char *got = hr_safety_name(a.safety) ? hr_safety_name(a.safety) : "none";
		if (strcmp(got, tc->safety) != 0)
			snprintf(why, sizeof(why), "expected safety %s, got %s", tc->safety, got);
	}
	if (!why[0] && tc->has_sources == 1 && a.nsources == 0)
		snprintf(why, sizeof(why), "the answer has no sources");
	if (why[0]) {
		run->failed++;
		printf("%s:%d: FAIL \"%s\": %s\n", file, tc->line, tc->turns[tc->nturns - 1], why);
	} else {
		run->passed++;
	}
	hr_answer_clear(&a);
}

/* run_file()'s reading: the run, the file and the case being read. */
struct test_read {
	struct test_run *run;
	const char *path;
	struct test_case tc;
	int bad;
};

/* Prints a problem of the file as file:line, on stdout with the results. */
static void test_diag(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	printf("%s:%d: %s\n", file, line, msg);
}

static int test_line(void *ud, struct hr_testcase_line *l)
{
	struct test_read *r = ud;
	struct test_case *tc = &r->tc;
	if (!l->key) {
		if (tc->nturns)
			run_case(r->run, r->path, tc);
		memset(tc, 0, sizeof(*tc));
		tc->has_sources = -1;
		return 0;
	}
	const char *s = l->key, *val = l->value;
	if (!tc->line)
		tc->line = l->line;
	if (strcmp(s, "ask") == 0 && tc->nturns < MAX_TURNS) {
		snprintf(tc->turns[tc->nturns++], sizeof(tc->turns[0]), "%s", val);
	} else if (strcmp(s, "intent") == 0) {
		snprintf(tc->intent, sizeof(tc->intent), "%s", val);
	} else if (strcmp(s, "contains") == 0 && tc->ncontains < 4) {
		snprintf(tc->contains[tc->ncontains++], sizeof(tc->contains[0]), "%s", val);
	} else if (strcmp(s, "lacks") == 0 && tc->nlacks < 4) {
		snprintf(tc->lacks[tc->nlacks++], sizeof(tc->lacks[0]), "%s", val);
	} else if (strcmp(s, "safety") == 0) {
		snprintf(tc->safety, sizeof(tc->safety), "%s", val);
	} else if (strcmp(s, "sources") == 0) {
		tc->has_sources = strcmp(val, "yes") == 0;
	} else {
		printf("%s:%d: unknown key '%s' (ask, intent, contains, lacks, safety, sources)\n", r->path,
		       l->line, s);
		r->bad++;
	}
	return 0;
}

/* Reads and runs one .tests file (format: testcases.h, docs/plugins.md):
 * each case when it ends, its failures printed as file:line. */
static int run_file(struct test_run *run, const char *path)
{
	char *text;
	size_t len;
	int rc = hr_read_file(path, 8u << 20, &text, &len);
	if (rc) {
		fprintf(stderr, "%s: %s\n", path, strerror(-rc));
		return rc;
	}
	struct test_read r = {.run = run, .path = path};
	r.tc.has_sources = -1;
	int bad = hr_testcases_scan(path, text, len, test_line, &r, test_diag, NULL);
	free(text);
	run->failed += (bad > 0 ? bad : 0) + r.bad;
	return 0;
}

static void usage_test(FILE *f)
{
	fprintf(f, "usage: herald test [--config FILE] [PLUGIN...]\n"
	           "\n"
	           "Runs the test cases beside each plugin (plugins/NAME.tests), or only those of\n"
	           "the named plugins, against the local content. Prints a line per failure as\n"
	           "file:line, then 'N passed, M failed'. Exits 1 when any case fails.\n");
}

int hr_cmd_test(int argc, char **argv)
{
	const char *config = NULL;
	int status = parse_options(argc, argv, usage_test, &config);
	if (status >= 0)
		return status;
	struct hr_config cfg;
	char here[HR_PATH_MAX];
	if (hr_cli_content_config(&cfg, config, here, sizeof(here)))
		return 1;
	hr_log_set_level(HR_LOG_ERR);
	struct hr_content content;
	if (hr_content_load(&cfg, hr_diag_stderr, NULL, &content)) {
		fprintf(stderr, "herald test: content failed to load\n");
		return 1;
	}
	struct test_run run = {0};
	if (hr_engine_new(&content, &run.engine)) {
		hr_content_free(&content);
		return 1;
	}
	/* The test files of every layer, a local one replacing the bundled one
	 * of the same name, like the plugins they test. */
	char **files = NULL;
	size_t nfiles = 0;
	if (hr_layers_list(cfg.plugins_dir, cfg.local_content_dirs, "plugins", ".tests", &files, &nfiles)) {
		fprintf(stderr, "herald test: cannot read %s\n", cfg.plugins_dir);
		files = NULL;
		nfiles = 0;
	}
	status = 0;
	for (int i = optind; i < argc; i++) {
		size_t k = 0;
		while (k < nfiles && strcmp(test_name(files[k]), argv[i]) != 0)
			k++;
		if (k == nfiles) {
			fprintf(stderr, "herald test: no %s.tests in %s or a local folder\n", argv[i],
			        cfg.plugins_dir);
			status = 1;
		}
	}
	for (size_t i = 0; i < nfiles; i++) {
		int wanted = optind == argc;
		for (int k = optind; k < argc && !wanted; k++)
			wanted = strcmp(test_name(files[i]), argv[k]) == 0;
		if (!wanted)
			continue;
		const char *draft = draft_of(&content, files[i]);
		if (draft) {
			printf("%s: skipped: %s is a draft (herald check lists what is left to write)\n",
			       files[i], draft);
			run.skipped++;
		} else if (run_file(&run, files[i])) {
			status = 1;
		}
	}
	hr_dir_list_free(files, nfiles);
	hr_engine_free(run.engine);
	hr_content_free(&content);
	if (run.skipped)
		printf("%d passed, %d failed, %d skipped (drafts)\n", run.passed, run.failed, run.skipped);
	else
		printf("%d passed, %d failed\n", run.passed, run.failed);
	return status || run.failed || (run.passed == 0 && run.skipped == 0) ? 1 : 0;
}

/* ---- herald new ---- */

static const char intents_template[] =
    "# Intents of the %1$s topic. The format is explained in docs/intents.md.\n"
    "#\n"
    "# A 'words' list names the ways people say one thing; use it in a pattern\n"
    "# as {%1$s_words}. Phrases ignore case; a trailing * matches any ending.\n"
    "words %1$s_words\n"
    "  %2$s\n"
    "\n"
    "# An intent is one kind of question. Its patterns are regular expressions\n"
    "# searched in the question (lower-cased, punctuation removed). Every example\n"
    "# must route to this intent: `herald check` verifies it.\n"
    "intent %1$s.about\n"
    "  pattern: (what|tell me|explain|info).*{%1$s_words}\n"
    "  pattern: {%1$s_words}.*(mean|about|work)\n"
    "  example: what is %2$s?\n"
    "  example: tell me about %2$s\n";

static const char plugin_template[] =
    "-- Answers for the %1$s topic. The API is explained in docs/plugins.md.\n"
    "--\n"
    "-- This topic is a DRAFT: herald never serves it to patients, and\n"
    "-- `herald check` lists each TODO still to write. To publish it: replace\n"
    "-- every TODO below, fill in `reviewed` (the day a person checked it against\n"
    "-- its sources, YYYY-MM-DD) and `reviewed_by`, then delete `draft = true`.\n"
    "-- A year after `reviewed` (or review_by = \"YYYY-MM-DD\"), `herald check`\n"
    "-- reminds you to review it again.\n"
    "herald.about {\n"
    "  title = \"%2$s\",\n"
    "  draft = true,\n"
    "  reviewed = \"\",\n"
    "  reviewed_by = \"\",\n"
    "}\n"
    "\n"
    "-- Every answer names where its facts come from: one specific page.\n"
    "herald.source(\"%1$s-source\", {\n"
    "  title = \"TODO the page's title\",\n"
    "  publisher = \"TODO who published it\",\n"
    "  url = \"https://TODO.invalid/the-page-address\",\n"
    "})\n"
    "\n"
    "-- A fixed answer. Keep it short and plain: short sentences, common words,\n"
    "-- at most three key points and one next step. The speech form for voice\n"
    "-- clients is made from the text unless you give `speech`.\n"
    "herald.answer(\"%1$s.about\", {\n"
    "  text = {\n"
    "    \"TODO the first key point about %2$s.\",\n"
    "    \"Ask your care team if you have questions about it.\",\n"
    "  },\n"
    "  sources = { \"%1$s-source\" },\n"
    "  suggest = { \"What does HER2-positive mean?\", \"Where can I find support?\" },\n"
    "})\n"
    "\n"
    "-- For answers that depend on the question, use a function instead:\n"
    "-- herald.on(\"%1$s.about\", function(q) return { text = \"...\" } end)\n";

static const char tests_template[] = "# Test cases for the %1$s plugin; `herald test %1$s` runs them\n"
                                     "# (skipped while the plugin is a draft).\n"
                                     "# ask: the question (several ask: lines make a conversation)\n"
                                     "# intent / contains / safety / sources: what the last answer must be.\n"
                                     "ask: what is %2$s?\n"
                                     "intent: %1$s.about\n"
                                     "contains: %2$s\n"
                                     "sources: yes\n"
                                     "safety: none\n";

static int write_new(const char *path, const char *text)
{
	/* O_EXCL: never overwrite. 0644 whatever the umask: the daemon may run
	 * as another user (the package's DynamicUser) and must read it. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		if (e == EEXIST)
			fprintf(stderr, "herald new: %s already exists; not overwriting it\n", path);
		else
			fprintf(stderr, "herald new: cannot write %s: %s\n", path, strerror(e));
		return -e;
	}
	size_t len = strlen(text);
	int bad = fchmod(fd, 0644) != 0 || write(fd, text, len) != (ssize_t)len;
	int e = errno;
	if (close(fd) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		fprintf(stderr, "herald new: cannot write %s: %s\n", path, strerror(e));
		return -e;
	}
	printf("wrote %s\n", path);
	return 0;
}

static void usage_new(FILE *f)
{
	fprintf(f, "usage: herald new [--config FILE] NAME\n"
	           "\n"
	           "Writes intents/NAME.intents, plugins/NAME.lua and plugins/NAME.tests in the\n"
	           "content folder you are in (the current directory or a parent with intents/ or\n"
	           "plugins/), else in the first of the config's local_content_dirs, and says\n"
	           "where. The topic is a draft, never served, until its TODOs are written and\n"
	           "`draft = true` is deleted; `herald check` lists what is left. NAME is\n"
	           "lower-case letters, digits and _. Existing files are never overwritten. A\n"
	           "running daemon picks the files up within a second.\n");
}

int hr_cmd_new(int argc, char **argv)
{
	const char *config = NULL;
	int status = parse_options(argc, argv, usage_new, &config);
	if (status >= 0)
		return status;
	if (optind != argc - 1) {
		usage_new(stderr);
		return 2;
	}
	const char *name = argv[optind];
	size_t nl = strlen(name);
	int ok = nl > 0 && nl < 40 && name[0] >= 'a' && name[0] <= 'z';
	for (size_t i = 0; ok && i < nl; i++)
		ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		     name[i] == '_';
	if (!ok) {
		fprintf(stderr,
		        "herald new: '%s' is not a valid name (lower-case letters, digits and _, "
		        "starting with a letter)\n",
		        name);
		return 2;
	}
	struct hr_config cfg;
	char here[HR_PATH_MAX];
	if (hr_cli_content_config(&cfg, config, here, sizeof(here)))
		return 1;
	char topic[64];
	snprintf(topic, sizeof(topic), "%s", name);
	for (char *p = topic; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (!here[0]) {
		fprintf(stderr, "herald new: no content folder to write to: run it inside one (a folder "
		                "with intents/ and plugins/), or set local_content_dirs in the config "
		                "given with --config\n");
		return 1;
	}
	/* A whole content root has its intents and plugins where the config
	 * says; a local folder has them in intents/ and plugins/. */
	char idir[HR_PATH_MAX + 16], pdir[HR_PATH_MAX + 16];
	if (strcmp(here, cfg.content_dir) == 0) {
		snprintf(idir, sizeof(idir), "%s", cfg.intents_dir);
		snprintf(pdir, sizeof(pdir), "%s", cfg.plugins_dir);
	} else {
		snprintf(idir, sizeof(idir), "%s/intents", here);
		snprintf(pdir, sizeof(pdir), "%s/plugins", here);
		/* A fresh local folder may lack them; a missing folder itself is
		 * an error (a typo in the config). */
		if ((mkdir(idir, 0755) && errno != EEXIST) || (mkdir(pdir, 0755) && errno != EEXIST)) {
			fprintf(stderr, "herald new: cannot create %s/intents and plugins/: %s\n", here,
			        strerror(errno));
			return 1;
		}
	}
	printf("writing the new topic in %s\n", here);

	char *intents = NULL, *plugin = NULL, *tests = NULL;
	if (asprintf(&intents, intents_template, name, topic) < 0 ||
	    asprintf(&plugin, plugin_template, name, topic) < 0 ||
	    asprintf(&tests, tests_template, name, topic) < 0)
		return 1;
	char p1[HR_PATH_MAX + 64], p2[HR_PATH_MAX + 64], p3[HR_PATH_MAX + 64];
	snprintf(p1, sizeof(p1), "%s/%s.intents", idir, name);
	snprintf(p2, sizeof(p2), "%s/%s.lua", pdir, name);
	snprintf(p3, sizeof(p3), "%s/%s.tests", pdir, name);
	status = 0;
	if (access(p1, F_OK) == 0 || access(p2, F_OK) == 0 || access(p3, F_OK) == 0) {
		fprintf(stderr, "herald new: a topic named '%s' already exists; choose another name\n", name);
		status = 1;
	} else if (write_new(p3, tests) || write_new(p2, plugin) || write_new(p1, intents)) {
		status = 1;
	} else {
		printf("next: it is a draft, never served: replace each TODO in %s (the answer),\n"
		       "edit %s (the questions) and %s (the test cases), delete\n"
		       "`draft = true`, then run\n"
		       "  herald check && herald test %s\n",
		       p2, p1, p3, name);
	}
	free(intents);
	free(plugin);
	free(tests);
	return status;
}

/* ---- herald report ---- */

static void print_group(const char *text, size_t count, void *ud)
{
	(void)ud;
	printf("%6zu  %s\n", count, text);
}

static void usage_report(FILE *f)
{
	fprintf(f, "usage: herald report [--config FILE] unanswered\n"
	           "\n"
	           "Lists the questions that reached the fallback (kept only when the config sets\n"
	           "unanswered.enabled = 1), redacted, grouped and counted, most asked first, so\n"
	           "authors see what to write next. It reads unanswered.file, which a running\n"
	           "daemon writes every 5 seconds and at exit: a question asked a moment ago\n"
	           "appears after the next save.\n");
}

int hr_cmd_report(int argc, char **argv)
{
	const char *config = NULL;
	int status = parse_options(argc, argv, usage_report, &config);
	if (status >= 0)
		return status;
	if (optind != argc - 1 || strcmp(argv[optind], "unanswered") != 0) {
		usage_report(stderr);
		return 2;
	}
	struct hr_config cfg;
	if (hr_cli_load_config(&cfg, config))
		return 1;
	hr_unanswered *u =
	    hr_unanswered_new((size_t)cfg.unanswered_max, (int64_t)cfg.unanswered_max_age_days * 86400);
	if (!u)
		return 1;
	int rc = hr_unanswered_load(u, cfg.unanswered_file, (int64_t)time(NULL));
	if (rc) {
		fprintf(stderr, "herald report: cannot read %s: %s\n", cfg.unanswered_file,
		        hr_unanswered_strerror(rc));
		hr_unanswered_free(u);
		return 1;
	}
	if (!cfg.unanswered_enabled)
		fprintf(stderr,
		        "note: unanswered.enabled is 0 in this config, so no new questions are kept\n");
	printf("%zu unanswered question%s in %s\n", hr_unanswered_count(u),
	       hr_unanswered_count(u) == 1 ? "" : "s", cfg.unanswered_file);
	hr_unanswered_report(u, print_group, NULL);
	hr_unanswered_free(u);
	return 0;
}
