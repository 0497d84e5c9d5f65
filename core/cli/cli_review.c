/*
 * `herald review`: one self-contained HTML book of everything herald can say,
 * for a clinician to read and sign off: the fixed safety replies, then every
 * plugin with its review date and reviewer, and every intent with the example
 * questions that reach it and its answer (text, speech, sources, suggestions)
 * for each value of each slot it accepts, and every handler no intent routes
 * to (a facet, a hand-over target, or an unreachable one; reach.h), labelled
 * with how it is reached. `--check` prints only what the
 * automatic checks found (review.h) and fails when anything was.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "engine.h"
#include "log.h"
#include "review.h"
#include "safety.h"
#include "safety_concern.h"

#ifndef HERALD_VERSION
#define HERALD_VERSION "0.0.0"
#endif

/* The grade a rendered answer may reach at most (the content guide asks for 6-8). */
#define REVIEW_MAX_GRADE 9.0

static void usage(FILE *f)
{
	fprintf(f, "usage: herald review [--config FILE] [-o FILE] [--check] [--names SLOT[,SLOT...]]\n"
	           "\n"
	           "Writes one self-contained HTML page of everything herald can say (to stdout,\n"
	           "or to FILE with -o): the safety replies, and every intent of every plugin\n"
	           "answered for each value of each slot it accepts and for each of its example\n"
	           "questions, with speech text, sources, suggestions, and each plugin's review\n"
	           "date and reviewer, for a clinician to read and sign off. Handlers no intent\n"
	           "routes to are there too, labelled: facets under their topic, hand-over\n"
	           "targets, and unreachable handlers.\n"
	           "  --config FILE  read settings (content paths, limits) from FILE\n"
	           "  -o FILE        write the page to FILE instead of stdout\n"
	           "  --check        write no page: print what the automatic checks find in every\n"
	           "                 rendered answer (no source, a search-results source, an empty\n"
	           "                 part, a sentence said twice, reading grade above 9, another\n"
	           "                 drug's name or figures) and exit 1 if they find a problem;\n"
	           "                 notes (a source that is a site's home page) do not fail\n"
	           "  --names SLOTS  the slots whose values must not be mixed up (default: drug)\n"
	           "Exits 0 when all went well, 1 when content failed to load or a check failed.\n");
}

/* ---- HTML ---- */

static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* An id usable as an HTML anchor: letters, digits, '-', '_' and '.'. */
static void anchor(FILE *f, const char *prefix, const char *name)
{
	fputs(prefix, f);
	for (const char *s = name; *s; s++)
		fputc((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		              *s == '-' || *s == '_' || *s == '.'
		          ? *s
		          : '_',
		      f);
}

static void sources_html(FILE *f, const struct hr_answer *a)
{
	if (!a->nsources) {
		fputs("<p class=\"warn\">No sources.</p>\n", f);
		return;
	}
	fputs("<ul class=\"sources\">\n", f);
	for (size_t i = 0; i < a->nsources; i++) {
		const struct hr_source *s = &a->sources[i];
		fputs("<li>", f);
		if (s->url && (strncmp(s->url, "https://", 8) == 0 || strncmp(s->url, "http://", 7) == 0)) {
			fputs("<a href=\"", f);
			esc(f, s->url);
			fputs("\">", f);
			esc(f, s->title);
			fputs("</a>", f);
		} else {
			esc(f, s->title);
		}
		if (s->publisher) {
			fputs(", ", f);
			esc(f, s->publisher);
		}
		if (s->url) {
			fputs(" <span class=\"url\">", f);
			esc(f, s->url);
			fputs("</span>", f);
		}
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

static void answer_html(FILE *f, const struct hr_answer *a)
{
	fputs("<div class=\"answer\"><p class=\"text\">", f);
	esc(f, a->text);
	fputs("</p>\n<p class=\"speech\"><b>Spoken:</b> ", f);
	esc(f, a->speech);
	fputs("</p>\n", f);
	sources_html(f, a);
	if (a->nsuggestions) {
		fputs("<p class=\"suggest\"><b>Suggested next questions:</b> ", f);
		for (size_t i = 0; i < a->nsuggestions; i++) {
			if (i)
				fputs(" &middot; ", f);
			esc(f, a->suggestions[i]);
		}
		fputs("</p>\n", f);
	}
	fputs("</div>\n", f);
}

/* What the automatic checks found: problems and notes, each with its render. */
struct problems {
	char **msg;
	const struct hr_render **at;
	int *note;
	size_t n;
	size_t nproblems;
};

static void collect(void *ud, const struct hr_render *r, int is_note, const char *msg)
{
	struct problems *p = ud;
	char **m = realloc(p->msg, (p->n + 1) * sizeof(*m));
	if (m)
		p->msg = m;
	const struct hr_render **at = m ? realloc(p->at, (p->n + 1) * sizeof(*at)) : NULL;
	if (at)
		p->at = at;
	int *note = at ? realloc(p->note, (p->n + 1) * sizeof(*note)) : NULL;
	if (!note)
		return;
	p->note = note;
	p->msg[p->n] = strdup(msg);
	p->at[p->n] = r;
	p->note[p->n] = is_note;
	if (p->msg[p->n]) {
		p->nproblems += !is_note;
		p->n++;
	}
}

static void problems_free(struct problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->msg[i]);
	free(p->msg);
	free(p->at);
	free(p->note);
}

static const char *CSS =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#1b1b1b}"
    "h1{font-size:1.8rem}h2{border-bottom:2px solid #446;padding-bottom:.2rem;margin-top:3rem}"
    "h3{margin-top:2rem;font-family:monospace;font-size:1.1rem}"
    ".meta,.signoff{border-collapse:collapse;margin:.5rem 0}"
    ".meta td,.meta th,.signoff td{border:1px solid #bbb;"
    "padding:.2rem .5rem;text-align:left}.signoff td{min-width:14rem;height:1.6rem}"
    ".answer{border-left:4px solid #88a;padding:.2rem .8rem;margin:.5rem 0 1rem;background:#f7f7fb}"
    ".speech{color:#444;font-size:.95rem}.url{color:#666;font-size:.8rem;word-break:break-all}"
    ".for{font-weight:600;margin-bottom:0}.warn{color:#a00;font-weight:600}"
    ".note{color:#555;font-style:italic}h4{font-family:monospace;margin:1.2rem 0 .2rem 1rem}"
    ".examples{color:#333}.toc ul{columns:2}.safety .answer{border-left-color:#c33}"
    "@media print{.toc{page-break-after:always}h2{page-break-before:always}}";

/* Every distinct answer of one handler: intent IN (HANDLER NULL), or the
 * unrouted HANDLER (a facet of IN, or IN NULL), each with who gets it and
 * what the checks found in it. */
static void renders_html(FILE *f, const struct hr_review *r, const struct problems *pr,
                         const struct hr_intent *in, const char *handler)
{
	struct hr_render key = {.intent = in, .handler = handler};
	for (size_t k = 0; k < r->n; k++) {
		const struct hr_render *x = &r->v[k];
		if (!hr_review_same_handler(x, &key) || x->same_as != SIZE_MAX)
			continue;
		/* Who gets this text: the first render and every later one with the same. */
		fputs("<p class=\"for\">", f);
		int nfor = 0;
		for (size_t m = k; m < r->n && hr_review_same_handler(&r->v[m], x); m++) {
			const struct hr_render *y = &r->v[m];
			if (m != k && y->same_as != k)
				continue;
			fputs(nfor++ ? "; " : "For: ", f);
			if (y->example) {
				fputs("&ldquo;", f);
				esc(f, y->example);
				fputs("&rdquo;", f);
			} else if (y->slot[0]) {
				esc(f, y->slot);
				fputs(" = ", f);
				esc(f, y->value);
			} else {
				fputs("a question with no details", f);
			}
		}
		fputs("</p>\n", f);
		if (x->rc) {
			fputs("<p class=\"warn\">The plugin failed: ", f);
			esc(f, x->err);
			fputs("</p>\n", f);
		} else {
			answer_html(f, &x->answer);
		}
		for (size_t q = 0; q < pr->n; q++) {
			const struct hr_render *at = pr->at[q];
			if (!at || !(at == x || (at->same_as == k && hr_review_same_handler(at, x))))
				continue;
			const char *tag =
			    pr->note[q] ? "<p class=\"note\">Note: " : "<p class=\"warn\">Check: ";
			fputs(tag, f);
			esc(f, pr->msg[q]);
			fputs("</p>\n", f);
		}
	}
}

/* A handler no intent routes to, labelled with how it is reached. */
static void reached_html(FILE *f, struct hr_content *c, const struct hr_review *r, const struct problems *pr,
                         const struct hr_reached *x)
{
	fputs(x->how == HR_REACH_FACET ? "<h4 id=\"" : "<h3 id=\"", f);
	anchor(f, "handler-", x->handler);
	fputs("\">", f);
	esc(f, x->handler);
	fputs(x->how == HR_REACH_FACET ? "</h4>\n" : "</h3>\n", f);
	fputs(x->how == HR_REACH_NONE ? "<p class=\"warn\"><b>How it is reached:</b> "
	                              : "<p class=\"examples\"><b>How it is reached:</b> ",
	      f);
	esc(f, hr_reach_label(x->how));
	if (x->how == HR_REACH_FACET) {
		fputs(" (facet &ldquo;", f);
		esc(f, x->facet);
		fputs("&rdquo; of ", f);
		esc(f, x->topic->name);
		fputs(", answered by plugin ", f);
		esc(f, x->plugin);
		fputs(")", f);
	} else if (x->how == HR_REACH_HAND_OVER) {
		fputs(" (plugin ", f);
		esc(f, x->handed_by);
		fputs(" hands over to it)", f);
	}
	fputs(".</p>\n", f);
	(void)c;
	renders_html(f, r, pr, x->topic, x->handler);
}

static void write_book(FILE *f, struct hr_content *c, const struct hr_review *r, const struct problems *pr)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M UTC", &tm);
	size_t np = hr_plugins_count(c->plugins);

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>herald: everything it can say</title>\n<style>",
	      f);
	fputs(CSS, f);
	fputs("</style>\n</head>\n<body>\n<h1>herald: everything it can say</h1>\n", f);
	fprintf(f,
	        "<p>Generated %s by herald %s from %zu intents and %zu plugins. Each section shows what "
	        "herald answers, the spoken form, the sources cited, and the questions that lead there. "
	        "Answers that are the same for several values are shown once. The safety replies come "
	        "first: they are fixed and answer before any plugin.</p>\n",
	        now, HERALD_VERSION, hr_intents_count(c->intents), np);
	const char *verdict = "no problems found.";
	if (pr->nproblems)
		verdict = "<span class=\"warn\">problems found (marked below)</span>";
	else if (pr->n)
		verdict = "no problems found (notes for a reviewer are marked below).";
	fprintf(f, "<p>Automatic checks: %s</p>\n", verdict);
	fputs("<table class=\"signoff\"><tr><td>Reviewed by (name, role)</td><td></td></tr>"
	      "<tr><td>Date</td><td></td></tr><tr><td>Signature</td><td></td></tr></table>\n",
	      f);

	/* Table of contents. */
	fputs("<nav class=\"toc\" id=\"contents\"><h2>Contents</h2>\n<ul>\n"
	      "<li><a href=\"#safety\">Safety replies</a></li>\n",
	      f);
	for (size_t p = 0; p < np; p++) {
		struct hr_plugin_info pi;
		hr_plugins_info(c->plugins, p, &pi);
		fputs("<li><a href=\"#", f);
		anchor(f, "plugin-", pi.name);
		fputs("\">", f);
		esc(f, pi.title[0] ? pi.title : pi.name);
		fputs("</a><ul>\n", f);
		for (size_t i = 0; i < hr_intents_count(c->intents); i++) {
			const struct hr_intent *in = hr_intents_get(c->intents, i);
			const char *who = hr_plugins_handler(c->plugins, in->name, in->plugin);
			if (!who || strcmp(who, pi.name) != 0)
				continue;
			fputs("<li><a href=\"#", f);
			anchor(f, "intent-", in->name);
			fputs("\">", f);
			esc(f, in->name);
			fputs("</a></li>\n", f);
		}
		/* Its handlers no intent routes to: facets, hand-over targets, dead ones. */
		for (size_t h = 0; h < r->reach.n; h++) {
			const struct hr_reached *x = &r->reach.v[h];
			if (strcmp(x->plugin, pi.name) != 0)
				continue;
			fputs("<li><a href=\"#", f);
			anchor(f, "handler-", x->handler);
			fputs("\">", f);
			esc(f, x->handler);
			fputs(x->how == HR_REACH_FACET       ? "</a> (facet)</li>\n"
			      : x->how == HR_REACH_HAND_OVER ? "</a> (hand-over target)</li>\n"
			                                     : "</a> (unreachable)</li>\n",
			      f);
		}
		fputs("</ul></li>\n", f);
	}
	fputs("<li><a href=\"#unanswered\">Intents no plugin answers</a></li>\n</ul></nav>\n", f);

	/* The safety replies, through the safety module's public API. */
	fputs("<section class=\"safety\" id=\"safety\"><h2>Safety replies</h2>\n"
	      "<p>A fixed check runs on every message before any plugin. When it recognises a crisis, "
	      "an emergency or a reason to call the care team now, the person gets one of these "
	      "replies, marked so that every client shows it prominently.</p>\n",
	      f);
	static const struct {
		enum hr_tier tier;
		int about_other, emergency_too;
		const char *name;
	} tiers[] = {
	    {HR_TIER_CRISIS, 0, 0, "Crisis (thoughts of suicide or self-harm)"},
	    {HR_TIER_CRISIS, 1, 0,
	     "Crisis, told about someone else (a caregiver worried about another person)"},
	    {HR_TIER_CRISIS, 0, 1,
	     "Crisis with an emergency sign (an overdose taken, bleeding that won't stop)"},
	    {HR_TIER_CRISIS, 1, 1, "Crisis with an emergency sign, told about someone else"},
	    {HR_TIER_EMERGENCY, 0, 0, "Emergency (call 911 now)"},
	    {HR_TIER_EMERGENCY, 1, 0,
	     "Emergency, told about someone else (the caller is not the one with the sign)"},
	    {HR_TIER_CALL_NOW, 0, 0, "Call the care team now"},
	};
	for (size_t i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++) {
		struct hr_safety_result sr = {.tier = tiers[i].tier,
		                              .about_other = tiers[i].about_other,
		                              .emergency_too = tiers[i].emergency_too};
		struct hr_answer a = {0};
		fprintf(f, "<h3>%s</h3>\n", tiers[i].name);
		if (hr_safety_reply(&sr, &a) == 0)
			answer_html(f, &a);
		else
			fputs("<p class=\"warn\">The safety module gave no reply for this tier.</p>\n", f);
		hr_answer_clear(&a);
	}
	static const struct {
		enum hr_decision d;
		const char *name;
	} decisions[] = {
	    {HR_DECISION_DOSE, "A personal dose, a missed dose, a dose change"},
	    {HR_DECISION_STOP, "Stopping or skipping a treatment"},
	    {HR_DECISION_CHOOSE, "Which treatment to choose"},
	    {HR_DECISION_PROGNOSIS, "A personal prognosis"},
	    {HR_DECISION_TAKE, "Whether this person can take or combine a treatment"},
	};
	/* The learned check's one line (safety_concern.h): fixed text, so it is
	 * signed off here with the tiers' replies, not left to the docs. */
	fputs("<h3>Possible crisis the rules did not hear (the learned check)</h3>\n<p>Put before the "
	      "plugin's normal answer, which still follows, when the learned check scores a message as a "
	      "likely crisis and no tier above fired.</p>\n<div class=\"answer\"><p class=\"text\">",
	      f);
	esc(f, hr_concern_line);
	fputs("</p><p class=\"speech\"><b>Spoken:</b> ", f);
	esc(f, hr_concern_line_speech);
	fputs("</p></div>\n", f);
	fputs("<h3>Decisions only the care team can make</h3>\n<p>Added to the plugin's answer when a "
	      "question asks for one of these:</p>\n<ul>\n",
	      f);
	for (size_t i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++) {
		const char *s = hr_safety_deferral_text(decisions[i].d);
		fputs("<li><b>", f);
		esc(f, decisions[i].name);
		fputs(":</b> ", f);
		esc(f, s ? s : "(none)");
		fputs("</li>\n", f);
	}
	fputs("</ul></section>\n", f);

	/* Every plugin and its intents. */
	for (size_t p = 0; p < np; p++) {
		struct hr_plugin_info pi;
		hr_plugins_info(c->plugins, p, &pi);
		fputs("<section><h2 id=\"", f);
		anchor(f, "plugin-", pi.name);
		fputs("\">", f);
		esc(f, pi.title[0] ? pi.title : pi.name);
		fputs("</h2>\n<table class=\"meta\"><tr><th>Plugin file</th><td>", f);
		esc(f, pi.path);
		fputs("</td></tr><tr><th>Content reviewed</th><td>", f);
		esc(f, pi.reviewed[0] ? pi.reviewed : "not stated");
		fputs("</td></tr><tr><th>Reviewed by</th><td>", f);
		esc(f, pi.reviewed_by[0] ? pi.reviewed_by : "not stated");
		fputs("</td></tr><tr><th>Review due by</th><td>", f);
		esc(f, pi.review_by[0] ? pi.review_by : "not stated");
		fputs("</td></tr><tr><th>Clinician sign-off</th><td></td></tr></table>\n", f);
		for (size_t i = 0; i < hr_intents_count(c->intents); i++) {
			const struct hr_intent *in = hr_intents_get(c->intents, i);
			const char *who = hr_plugins_handler(c->plugins, in->name, in->plugin);
			if (!who || strcmp(who, pi.name) != 0)
				continue;
			fputs("<h3 id=\"", f);
			anchor(f, "intent-", in->name);
			fputs("\">", f);
			esc(f, in->name);
			fprintf(f, "</h3>\n<p class=\"examples\"><b>Questions that reach it</b> (");
			esc(f, in->file);
			fprintf(f, ":%d):</p>\n<ul class=\"examples\">\n", in->line);
			for (size_t k = 0; k < in->nexamples; k++) {
				fputs("<li>", f);
				esc(f, in->examples[k]);
				fputs("</li>\n", f);
			}
			fputs("</ul>\n", f);
			renders_html(f, r, pr, in, NULL);
			/* Its facets, under it: the details a follow-up asks of it. */
			for (size_t h = 0; h < r->reach.n; h++) {
				const struct hr_reached *x = &r->reach.v[h];
				if (x->how == HR_REACH_FACET && x->topic == in)
					reached_html(f, c, r, pr, x);
			}
		}
		for (size_t h = 0; h < r->reach.n; h++) {
			const struct hr_reached *x = &r->reach.v[h];
			if (x->how != HR_REACH_FACET && strcmp(x->plugin, pi.name) == 0)
				reached_html(f, c, r, pr, x);
		}
		fputs("<p><a href=\"#contents\">Back to contents</a></p></section>\n", f);
	}

	fputs("<section><h2 id=\"unanswered\">Intents no plugin answers</h2>\n<ul>\n", f);
	size_t none = 0;
	for (size_t i = 0; i < hr_intents_count(c->intents); i++) {
		const struct hr_intent *in = hr_intents_get(c->intents, i);
		if (hr_plugins_handler(c->plugins, in->name, in->plugin))
			continue;
		none++;
		fputs("<li>", f);
		esc(f, in->name);
		fputs("</li>\n", f);
	}
	if (!none)
		fputs("<li>None: every intent has an answer.</li>\n", f);
	fputs("</ul></section>\n</body>\n</html>\n", f);
}

static void print_problem(const struct hr_render *r, int is_note, const char *msg)
{
	if (!r) {
		fprintf(stderr, "herald review: %s%s\n", is_note ? "note: " : "", msg);
		return;
	}
	if (r->intent)
		fprintf(stderr, "%s:%d: ", r->intent->file, r->intent->line);
	else
		fprintf(stderr, "plugin %s: ", r->plugin);
	fputs(is_note ? "note: " : "", stderr);
	if (r->reach)
		fprintf(stderr, "%s (%s)", r->handler,
		        r->reach->how == HR_REACH_FACET       ? "facet"
		        : r->reach->how == HR_REACH_HAND_OVER ? "hand-over target"
		                                              : "unreachable");
	else
		fputs(r->intent->name, stderr);
	if (r->example)
		fprintf(stderr, " (example \"%s\")", r->example);
	else if (r->slot[0])
		fprintf(stderr, " (%s=%s)", r->slot, r->value);
	fprintf(stderr, ": %s\n", msg);
}

int hr_cmd_review(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'}, {"output", required_argument, NULL, 'o'},
	    {"check", no_argument, NULL, 'k'},        {"names", required_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *output = NULL;
	char names_buf[256] = "drug";
	int check_only = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'k':
			check_only = 1;
			break;
		case 'n':
			snprintf(names_buf, sizeof(names_buf), "%s", optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	const char *names[8];
	size_t nnames = 0;
	char *save = NULL;
	for (char *tok = strtok_r(names_buf, ",", &save); tok && nnames < 8;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*tok)
			names[nnames++] = tok;
	}

	struct hr_config cfg;
	char here[HR_PATH_MAX];
	if (hr_cli_content_config(&cfg, config, here, sizeof(here)))
		return 1;
	hr_log_set_level(HR_LOG_WARN);
	struct hr_content content;
	int rc = hr_content_load(&cfg, hr_diag_stderr, NULL, &content);
	if (rc) {
		fprintf(stderr, "herald review: cannot load content: %s\n", strerror(-rc));
		return 1;
	}
	int status = content.plugin_errors ? 1 : 0;
	if (content.plugin_errors)
		fprintf(stderr, "herald review: a plugin failed to load (above); its answers are missing\n");

	struct hr_review r = {0};
	struct problems pr = {0};
	rc = hr_review_render(&content, &r);
	if (rc) {
		fprintf(stderr, "herald review: %s\n", strerror(-rc));
		status = 1;
		goto out;
	}
	hr_review_check(content.intents, &r, names, nnames, REVIEW_MAX_GRADE, collect, &pr);
	if (check_only) {
		for (size_t i = 0; i < pr.n; i++)
			print_problem(pr.at[i], pr.note[i], pr.msg[i]);
		size_t distinct = 0;
		for (size_t i = 0; i < r.n; i++)
			distinct += r.v[i].same_as == SIZE_MAX;
		if (pr.nproblems) {
			fprintf(stderr, "herald review: %zu problem%s in %zu rendered answers\n",
			        pr.nproblems, pr.nproblems == 1 ? "" : "s", r.n);
			status = 1;
		} else {
			printf("herald review: %zu answers rendered (%zu distinct), all checks passed", r.n,
			       distinct);
			if (pr.n)
				printf(" (%zu note%s above)", pr.n, pr.n == 1 ? "" : "s");
			printf("\n");
		}
		goto out;
	}
	FILE *f = stdout;
	if (output && !(f = fopen(output, "w"))) {
		fprintf(stderr, "herald review: cannot write %s: %s\n", output, strerror(errno));
		status = 1;
		goto out;
	}
	write_book(f, &content, &r, &pr);
	if (fflush(f) != 0 || ferror(f)) {
		fprintf(stderr, "herald review: writing %s failed\n", output ? output : "stdout");
		status = 1;
	}
	if (f != stdout && fclose(f) != 0) {
		fprintf(stderr, "herald review: writing %s failed: %s\n", output, strerror(errno));
		status = 1;
	}
	if (pr.nproblems)
		fprintf(stderr,
		        "herald review: %zu problem%s found by the automatic checks (marked in the page)\n",
		        pr.nproblems, pr.nproblems == 1 ? "" : "s");
out:
	problems_free(&pr);
	hr_review_free(&r);
	hr_content_free(&content);
	return status;
}
