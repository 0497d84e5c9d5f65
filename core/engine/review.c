#include "review.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"
#include "text.h"

#define MAX_INTENT_SLOTS 8
#define MAX_SENTENCES 64

static struct hr_render *push_render(struct hr_review *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct hr_render *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	struct hr_render *x = &r->v[r->n++];
	memset(x, 0, sizeof(*x));
	x->same_as = SIZE_MAX;
	return x;
}

/* Renders INTENT (answered by PLUGIN), or the unrouted handler REACH, for
 * slot NAME = VALUE, calling the plugin directly: the question text is empty,
 * so the answer is what the plugin says for that value alone. A facet is
 * asked as a follow-up: the topic is the previous turn, and the slot is also
 * what the conversation remembers. */
static int render_handler(struct hr_content *c, struct hr_review *out, const struct hr_intent *in,
                          const struct hr_reached *reach, const char *plugin, const char *name,
                          const char *value)
{
	struct hr_render *x = push_render(out);
	if (!x)
		return -ENOMEM;
	x->intent = in;
	x->reach = reach;
	x->handler = reach ? reach->handler : NULL;
	x->plugin = plugin;
	struct hr_slot slot;
	memset(&slot, 0, sizeof(slot));
	if (name) {
		snprintf(x->slot, sizeof(x->slot), "%s", name);
		snprintf(x->value, sizeof(x->value), "%s", value);
		slot = (struct hr_slot){0};
		snprintf(slot.name, sizeof(slot.name), "%s", name);
		snprintf(slot.value, sizeof(slot.value), "%s", value);
	}
	const char *called = reach ? reach->handler : in->name;
	int facet = reach && reach->how == HR_REACH_FACET && in;
	struct hr_request rq = {
	    .intent = called,
	    .text = "",
	    .slots = name ? &slot : NULL,
	    .nslots = name ? 1 : 0,
	    .context = facet && name ? &slot : NULL,
	    .ncontext = facet && name ? 1 : 0,
	    .previous = facet ? in->name : NULL,
	};
	x->rc = hr_plugins_call(c->plugins, plugin, &rq, &x->answer, x->err, sizeof(x->err));
	if (x->rc == -ENOMEM)
		return -ENOMEM;
	if (x->rc == 0 && !x->answer.intent)
		hr_answer_set(&x->answer.intent, called);
	return 0;
}

static int render_slot(struct hr_content *c, struct hr_review *out, const struct hr_intent *in,
                       const char *plugin, const char *name, const char *value)
{
	return render_handler(c, out, in, NULL, plugin, name, value);
}

/* Asks example EX as the first turn of a conversation, through the engine. */
static int render_example(hr_engine *e, struct hr_review *out, const struct hr_intent *in, const char *plugin,
                          const char *ex)
{
	struct hr_convo convo = {0};
	struct hr_answer a = {0};
	struct hr_trace *t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	int rc = hr_engine_ask(e, &convo, ex, strlen(ex), &a, t);
	if (rc == -ENOMEM) {
		free(t);
		return rc;
	}
	/* Only what reaches this intent belongs here. */
	if (rc || !a.intent || strcmp(a.intent, in->name) != 0 || !t->chosen) {
		hr_answer_clear(&a);
		free(t);
		return 0;
	}
	struct hr_render *x = push_render(out);
	if (!x) {
		hr_answer_clear(&a);
		free(t);
		return -ENOMEM;
	}
	x->intent = in;
	x->plugin = plugin;
	x->example = ex;
	x->answer = a;
	if (t->plugin_rc) {
		x->rc = t->plugin_rc;
		snprintf(x->err, sizeof(x->err), "%s", t->plugin_err);
	}
	/* The first slot the example filled says what it was about. */
	if (t->chosen->nslots) {
		snprintf(x->slot, sizeof(x->slot), "%s", t->chosen->slots[0].name);
		snprintf(x->value, sizeof(x->value), "%s", t->chosen->slots[0].value);
	}
	free(t);
	return 0;
}

int hr_review_same_handler(const struct hr_render *a, const struct hr_render *b)
{
	if (a->intent != b->intent || !a->handler != !b->handler)
		return 0;
	return !a->handler || strcmp(a->handler, b->handler) == 0;
}

/* The same text for several values of one handler is read once. */
static void mark_same(struct hr_review *out, size_t first)
{
	for (size_t a = first; a < out->n; a++) {
		for (size_t b = first; b < a; b++) {
			const char *ta = out->v[a].answer.text, *tb = out->v[b].answer.text;
			if (ta && tb && out->v[b].same_as == SIZE_MAX && strcmp(ta, tb) == 0) {
				out->v[a].same_as = b;
				break;
			}
		}
	}
}

/* Renders every handler no intent routes to (hr_review_render). */
static int render_reached(struct hr_content *c, struct hr_review *out)
{
	int rc = hr_reach_build(c->intents, c->plugins, &out->reach);
	for (size_t i = 0; i < out->reach.n && rc == 0; i++) {
		const struct hr_reached *h = &out->reach.v[i];
		size_t first = out->n;
		const char *slots[MAX_INTENT_SLOTS];
		size_t ns = 0;
		if (h->how == HR_REACH_FACET) {
			ns = hr_intents_intent_slots(c->intents, h->topic, slots, MAX_INTENT_SLOTS);
			if (ns > MAX_INTENT_SLOTS)
				ns = MAX_INTENT_SLOTS;
		}
		for (size_t s = 0; s < ns && rc == 0; s++) {
			size_t nv = hr_intents_slot_values(c->intents, slots[s], NULL, 0);
			const char **vals = calloc(nv ? nv : 1, sizeof(*vals));
			if (!vals)
				return -ENOMEM;
			hr_intents_slot_values(c->intents, slots[s], vals, nv);
			for (size_t v = 0; v < nv && rc == 0; v++)
				rc = render_handler(c, out, h->topic, h, h->plugin, slots[s], vals[v]);
			free(vals);
		}
		if (rc == 0 && out->n == first)
			rc = render_handler(c, out, h->topic, h, h->plugin, NULL, NULL);
		mark_same(out, first);
	}
	return rc;
}

int hr_review_render(struct hr_content *c, struct hr_review *out)
{
	hr_engine *e = NULL;
	int rc = hr_engine_new(c, &e);
	if (rc)
		return rc;
	for (size_t i = 0; i < hr_intents_count(c->intents) && rc == 0; i++) {
		const struct hr_intent *in = hr_intents_get(c->intents, i);
		const char *plugin = hr_plugins_handler(c->plugins, in->name, in->plugin);
		size_t first = out->n;
		if (!plugin) {
			struct hr_render *x = push_render(out);
			if (!x) {
				rc = -ENOMEM;
				break;
			}
			x->intent = in;
			x->rc = -ENOENT;
			snprintf(x->err, sizeof(x->err), "no plugin answers this intent");
			continue;
		}
		for (size_t k = 0; k < in->nexamples && rc == 0; k++)
			rc = render_example(e, out, in, plugin, in->examples[k]);
		const char *slots[MAX_INTENT_SLOTS];
		size_t ns = hr_intents_intent_slots(c->intents, in, slots, MAX_INTENT_SLOTS);
		if (ns > MAX_INTENT_SLOTS)
			ns = MAX_INTENT_SLOTS;
		for (size_t s = 0; s < ns && rc == 0; s++) {
			size_t nv = hr_intents_slot_values(c->intents, slots[s], NULL, 0);
			const char **vals = calloc(nv ? nv : 1, sizeof(*vals));
			if (!vals) {
				rc = -ENOMEM;
				break;
			}
			hr_intents_slot_values(c->intents, slots[s], vals, nv);
			for (size_t v = 0; v < nv && rc == 0; v++)
				rc = render_slot(c, out, in, plugin, slots[s], vals[v]);
			free(vals);
		}
		/* An intent with neither examples that reach it nor slots still has
		 * an answer: the one it gives to a bare question. */
		if (rc == 0 && out->n == first && in->nneeds == 0)
			rc = render_slot(c, out, in, plugin, NULL, NULL);
		mark_same(out, first);
	}
	hr_engine_free(e);
	if (rc == 0 && c->plugins)
		rc = render_reached(c, out);
	return rc;
}

void hr_review_free(struct hr_review *r)
{
	for (size_t i = 0; i < r->n; i++)
		hr_answer_clear(&r->v[i].answer);
	free(r->v);
	hr_reach_free(&r->reach);
	memset(r, 0, sizeof(*r));
}

/* ---- readability ---- */

static int syllables(const char *w, size_t n)
{
	int groups = 0, in = 0;
	for (size_t i = 0; i < n; i++) {
		int v = strchr("aeiouy", tolower((unsigned char)w[i])) != NULL;
		if (v && !in)
			groups++;
		in = v;
	}
	int l1 = n >= 1 ? tolower((unsigned char)w[n - 1]) : 0;
	int l2 = n >= 2 ? tolower((unsigned char)w[n - 2]) : 0;
	if (l1 == 'e' && groups > 1 && l2 != 'l' && l2 != 'e')
		groups--;
	return groups > 0 ? groups : 1;
}

double hr_review_grade(const char *text)
{
	size_t sentences = 0, words = 0, syl = 0;
	for (const char *p = text; *p; p++) {
		if (strchr(".!?", *p)) {
			while (p[1] && strchr(".!?", p[1]))
				p++;
			if (!p[1] || isspace((unsigned char)p[1]))
				sentences++;
		}
	}
	for (const char *p = text; *p;) {
		if (isalpha((unsigned char)*p)) {
			const char *s = p;
			while (*p && (isalpha((unsigned char)*p) || *p == '\'' || *p == '-'))
				p++;
			words++;
			syl += (size_t)syllables(s, (size_t)(p - s));
		} else {
			p++;
		}
	}
	if (!words)
		return 0.0;
	if (!sentences)
		sentences = 1;
	return 0.39 * (double)words / (double)sentences + 11.8 * (double)syl / (double)words - 15.59;
}

/* ---- sentences and names ---- */

/* Splits TEXT into sentences (at . ! ? followed by a space or the end), each
 * copied into its own buffer of SENT (MAX_SENTENCES at most). Returns the count. */
static size_t split_sentences(const char *text, char sent[][1024], size_t max)
{
	size_t n = 0;
	const char *s = text;
	for (const char *p = text;; p++) {
		int end = !*p;
		if (!end && strchr(".!?", *p) && (!p[1] || isspace((unsigned char)p[1])))
			end = 2;
		if (end) {
			size_t len = (size_t)(p - s) + (end == 2 ? 1 : 0);
			while (len && isspace((unsigned char)*s)) {
				s++;
				len--;
			}
			if (n < max && (len || *p)) {
				if (len >= 1024)
					len = 1023;
				memcpy(sent[n], s, len);
				sent[n][len] = '\0';
				n++;
			}
			if (!*p)
				break;
			s = p + 1;
		}
	}
	return n;
}

/* The normalised form of S, with '-' read as a space ("T-DM1" is "t dm1"). */
static void norm_words(const char *s, char *out, size_t cap)
{
	if (hr_text_normalize(s, strlen(s), out, cap) < 0) {
		out[0] = '\0';
		return;
	}
	for (char *p = out; *p; p++) {
		if (*p == '-')
			*p = ' ';
	}
}

struct name {
	const char *value;
	char *phrase;
	size_t len;
	int prefix;
};

struct namer {
	struct name *v;
	size_t n;
};

static int name_cmp(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static void namer_free(struct namer *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i].phrase);
	free(nm->v);
	memset(nm, 0, sizeof(*nm));
}

/* Every phrase of every value of SLOT, longest first. */
static int namer_build(const hr_intents *set, const char *slot, struct namer *nm)
{
	memset(nm, 0, sizeof(*nm));
	size_t nv = hr_intents_slot_values(set, slot, NULL, 0);
	const char **vals = calloc(nv ? nv : 1, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	hr_intents_slot_values(set, slot, vals, nv);
	for (size_t v = 0; v < nv; v++) {
		size_t np = hr_intents_slot_phrases(set, slot, vals[v], NULL, NULL, 0);
		const char **ph = calloc(np ? np : 1, sizeof(*ph));
		int *pre = calloc(np ? np : 1, sizeof(*pre));
		struct name *grown = realloc(nm->v, (nm->n + np + 1) * sizeof(*nm->v));
		if (!ph || !pre || !grown) {
			free(ph);
			free(pre);
			if (grown)
				nm->v = grown;
			free(vals);
			namer_free(nm);
			return -ENOMEM;
		}
		nm->v = grown;
		hr_intents_slot_phrases(set, slot, vals[v], ph, pre, np);
		for (size_t k = 0; k < np; k++) {
			char buf[256];
			snprintf(buf, sizeof(buf), "%s", ph[k]);
			for (char *p = buf; *p; p++) {
				if (*p == '-')
					*p = ' ';
			}
			struct name *x = &nm->v[nm->n];
			x->value = vals[v];
			x->phrase = strdup(buf);
			x->len = strlen(buf);
			x->prefix = pre[k];
			if (!x->phrase) {
				free(ph);
				free(pre);
				free(vals);
				namer_free(nm);
				return -ENOMEM;
			}
			nm->n++;
		}
		free(ph);
		free(pre);
	}
	free(vals);
	if (nm->n > 1) /* qsort must not be given the NULL of an empty list */
		qsort(nm->v, nm->n, sizeof(*nm->v), name_cmp);
	return 0;
}

static int word_char(char c)
{
	return isalnum((unsigned char)c) || c == '\'' || (unsigned char)c >= 0x80;
}

/* The values NM names in normalised sentence S (each once, at most CAP), the
 * longest phrase claiming its words first: "trastuzumab deruxtecan" is one
 * name, not also "trastuzumab". */
static size_t names_in(const struct namer *nm, const char *s, const char **found, size_t cap)
{
	size_t len = strlen(s), n = 0;
	unsigned char *claimed = calloc(len + 1, 1);
	if (!claimed)
		return 0;
	for (size_t i = 0; i < nm->n; i++) {
		const struct name *x = &nm->v[i];
		if (!x->len)
			continue;
		for (const char *p = s; (p = strstr(p, x->phrase)) != NULL; p++) {
			size_t at = (size_t)(p - s), end = at + x->len;
			if (at > 0 && word_char(s[at - 1]))
				continue;
			if (x->prefix) {
				while (end < len && word_char(s[end]))
					end++;
			} else if (end < len && word_char(s[end])) {
				continue;
			}
			int clash = 0;
			for (size_t k = at; k < end && !clash; k++)
				clash = claimed[k];
			if (clash)
				continue;
			memset(claimed + at, 1, end - at);
			int dup = 0;
			for (size_t k = 0; k < n && !dup; k++)
				dup = strcmp(found[k], x->value) == 0;
			if (!dup && n < cap)
				found[n++] = x->value;
		}
	}
	free(claimed);
	return n;
}

static int has_value(const char *const *v, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i], value) == 0)
			return 1;
	}
	return 0;
}

/* ---- sources ---- */

/* 0 when URL is a well-formed http(s) URL of a specific page; otherwise writes
 * why to WHY and returns 2 for a problem (not a URL, or a page of search
 * results, which changes under its readers) or 1 for a note (a site's home
 * page: right for pointing people to an organisation, not as the source of a
 * fact). */
static int url_problem(const char *url, char *why, size_t cap)
{
	const char *p = NULL;
	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	if (!p) {
		snprintf(why, cap, "source URL is not http(s): %s", url);
		return 2;
	}
	for (const char *q = url; *q; q++) {
		if ((unsigned char)*q <= ' ' || strchr("\"<>\\^`{|}", *q)) {
			snprintf(why, cap, "source URL has a character not allowed in a URL: %s", url);
			return 2;
		}
	}
	const char *host_end = p + strcspn(p, "/?#");
	const char *dot = memchr(p, '.', (size_t)(host_end - p));
	if (host_end == p || !dot || dot == p || host_end[-1] == '.') {
		snprintf(why, cap, "source URL has no proper host name: %s", url);
		return 2;
	}
	const char *path = host_end;
	if (!*path || strcmp(path, "/") == 0 || strncmp(path, "/index.", 7) == 0 ||
	    strncmp(path, "/#", 2) == 0) {
		snprintf(why, cap,
		         "source URL is a site's home page: fine for an organisation to contact, "
		         "not as the source of a fact: %s",
		         url);
		return 1;
	}
	/* Search results change under their readers; cite the page they find.
	 * A search form with no query (a trial finder) is a page like any other. */
	char low[1024];
	snprintf(low, sizeof(low), "%s", path);
	for (char *q = low; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	const char *query = strchr(low, '?');
	if (query && (strstr(low, "search") || strstr(query, "query=") || strstr(query, "?q=") ||
	              strstr(query, "&q=") || strstr(query, "term="))) {
		snprintf(why, cap, "source URL is a page of search results, not a specific page: %s", url);
		return 2;
	}
	return 0;
}

/* ---- the checks ---- */

struct figure {
	size_t intent_render; /* index of the render that first gave it */
	const char *slot;
	char value[HR_SLOT_VALUE_MAX];
	char sentence[1024];
};

static void report_as(hr_review_problem_fn problem, void *ud, const struct hr_render *r, size_t *count,
                      int is_note, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Passes one finding to PROBLEM; a problem (not a note) is counted in COUNT. */
static void report_as(hr_review_problem_fn problem, void *ud, const struct hr_render *r, size_t *count,
                      int is_note, const char *fmt, ...)
{
	char msg[1400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!is_note)
		(*count)++;
	if (problem)
		problem(ud, r, is_note, msg);
}

#define report(problem, ud, r, count, ...) report_as(problem, ud, r, count, 0, __VA_ARGS__)

/* A part of TEXT that a plugin left empty: two spaces (an empty sentence
 * joined in), empty brackets, a stray full stop or comma, or Lua's "nil". */
static int empty_parts(const char *text)
{
	if (strstr(text, "  ") || strstr(text, "()") || strstr(text, "( )") || strstr(text, " .") ||
	    strstr(text, " ,") || strstr(text, "..") || strstr(text, ",."))
		return 1;
	for (const char *p = text; (p = strstr(p, "nil")) != NULL; p++) {
		if ((p == text || !word_char(p[-1])) && !word_char(p[3]))
			return 1;
	}
	return 0;
}

size_t hr_review_check(const hr_intents *intents, const struct hr_review *r, const char *const *name_slots,
                       size_t nname_slots, double max_grade, hr_review_problem_fn problem, void *ud)
{
	size_t count = 0;
	struct figure *figs = NULL; /* rates given without a name, in this intent */
	size_t nfigs = 0;
	char(*sent)[1024] = malloc(MAX_SENTENCES * sizeof(*sent));
	char(*norm)[1024] = malloc(MAX_SENTENCES * sizeof(*norm));
	struct namer *namers = calloc(nname_slots ? nname_slots : 1, sizeof(*namers));
	regex_t rate;
	/* A rate or share: "10 to 15 in 100", "1 in 100", "12%", "40 percent", "one in ten". */
	int have_rate = namers && regcomp(&rate,
	                                  "([0-9]+([.][0-9]+)? ?(%|percent)|"
	                                  "([0-9]+|one|two|three|four|five|six|seven|eight|nine|ten)"
	                                  "( to ([0-9]+|two|three|four|five|six|seven|eight|nine|ten))?"
	                                  " (in|out of) (every )?([0-9]+|ten|a hundred|hundred|a thousand))",
	                                  REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
	for (size_t s = 0; namers && s < nname_slots; s++) {
		if (namer_build(intents, name_slots[s], &namers[s])) {
			report(problem, ud, NULL, &count, "out of memory naming the values of slot %s",
			       name_slots[s]);
			goto out;
		}
	}
	if (!sent || !norm || !namers) {
		report(problem, ud, NULL, &count, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct hr_render *x = &r->v[i];
		const struct hr_answer *a = &x->answer;
		if (i == 0 || !hr_review_same_handler(&r->v[i - 1], x))
			nfigs = 0; /* figures are compared within one intent */
		if (x->rc) {
			report(problem, ud, x, &count, "the plugin failed: %s",
			       x->err[0] ? x->err : "no answer");
			continue;
		}
		if (!a->text || !*a->text) {
			report(problem, ud, x, &count, "the answer has no text");
			continue;
		}
		/* A text already checked for another value is checked again only
		 * for names: the same words can be right for one drug, wrong for another. */
		int again = x->same_as != SIZE_MAX;
		size_t ns = split_sentences(a->text, sent, MAX_SENTENCES);
		for (size_t k = 0; k < ns; k++)
			norm_words(sent[k], norm[k], sizeof(norm[k]));
		if (again)
			goto names;
		if (!a->speech || !*a->speech)
			report(problem, ud, x, &count, "the answer has no speech form");
		if (a->nsources == 0)
			report(problem, ud, x, &count, "the answer names no source");
		for (size_t k = 0; k < a->nsources; k++) {
			char why[1200];
			if (!a->sources[k].title || !*a->sources[k].title)
				report(problem, ud, x, &count, "source %zu has no title", k + 1);
			int u = a->sources[k].url ? url_problem(a->sources[k].url, why, sizeof(why)) : 0;
			if (u)
				report_as(problem, ud, x, &count, u == 1, "%s", why);
		}
		for (size_t k = 0; k < a->nsuggestions; k++) {
			if (!a->suggestions[k] || !*a->suggestions[k])
				report(problem, ud, x, &count, "suggestion %zu is empty", k + 1);
		}
		if (empty_parts(a->text))
			report(problem, ud, x, &count,
			       "the text has an empty or broken part "
			       "(double space, \"()\", \"..\", \" .\" or \"nil\")");
		double g = hr_review_grade(a->text);
		if (g > max_grade)
			report(problem, ud, x, &count, "reading grade %.1f is above %.0f", g, max_grade);

		for (size_t k = 0; k < ns; k++) {
			if (!norm[k][0]) {
				report(problem, ud, x, &count, "sentence %zu is empty", k + 1);
				continue;
			}
			for (size_t j = 0; j < k; j++) {
				if (strcmp(norm[j], norm[k]) == 0) {
					report(problem, ud, x, &count, "a sentence is said twice: \"%s\"",
					       sent[k]);
					break;
				}
			}
		}
	names:
		/* Names and figures of the slot this render is about. */
		if (!x->slot[0])
			continue;
		for (size_t s = 0; s < nname_slots; s++) {
			if (strcmp(x->slot, name_slots[s]) != 0)
				continue;
			/* The values the answer relates to this one: named together with
			 * it in one sentence ("tucatinib is taken with capecitabine").
			 * Those may be spoken of on their own later; any other value in a
			 * sentence without this one is another drug's text. */
			const char *related[64];
			size_t nrel = 0;
			for (size_t k = 0; k < ns; k++) {
				const char *found[32];
				size_t nf = names_in(&namers[s], norm[k], found, 32);
				if (!has_value(found, nf, x->value))
					continue;
				for (size_t f = 0; f < nf; f++) {
					if (nrel < 64 && !has_value(related, nrel, found[f]))
						related[nrel++] = found[f];
				}
			}
			for (size_t k = 0; k < ns; k++) {
				const char *found[32];
				size_t nf = names_in(&namers[s], norm[k], found, 32);
				int self = has_value(found, nf, x->value);
				for (size_t f = 0; f < nf && !self; f++) {
					if (has_value(related, nrel, found[f]))
						continue;
					report(problem, ud, x, &count,
					       "asked about %s=%s, a sentence names %s, "
					       "which no sentence relates to %s: \"%s\"",
					       x->slot, x->value, found[f], x->value, sent[k]);
				}
				if (nf || !have_rate || regexec(&rate, sent[k], 0, NULL, 0) != 0)
					continue;
				/* A figure with no name: it must not serve two values. */
				int clash = 0;
				for (size_t f = 0; f < nfigs && !clash; f++) {
					if (figs[f].slot == name_slots[s] &&
					    strcmp(figs[f].sentence, norm[k]) == 0 &&
					    strcmp(figs[f].value, x->value) != 0) {
						clash = 1;
						report(problem, ud, x, &count,
						       "the figure in \"%s\" is given for both %s=%s and "
						       "%s=%s, and names neither",
						       sent[k], x->slot, figs[f].value, x->slot, x->value);
					}
				}
				struct figure *g2 = realloc(figs, (nfigs + 1) * sizeof(*figs));
				if (!g2)
					continue;
				figs = g2;
				figs[nfigs].intent_render = i;
				figs[nfigs].slot = name_slots[s];
				snprintf(figs[nfigs].value, sizeof(figs[nfigs].value), "%s", x->value);
				snprintf(figs[nfigs].sentence, sizeof(figs[nfigs].sentence), "%s", norm[k]);
				nfigs++;
			}
		}
	}
out:
	free(sent);
	free(norm);
	free(figs);
	if (have_rate)
		regfree(&rate);
	for (size_t s = 0; namers && s < nname_slots; s++)
		namer_free(&namers[s]);
	free(namers);
	return count;
}
