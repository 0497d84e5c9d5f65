/*
 * The engine: where a question is answered. hr_engine_ask() asks route.c,
 * which runs the safety check first (safety.c: crisis, emergency, call the
 * care team now) and then finds the intent and slots the question means; a
 * safety verdict is answered with its fixed reply, an intent by its Lua
 * plugin (sandbox.c), otherwise a clarifying question, an offer or the
 * fallback. It also loads the content (intents, plugins,
 * ranker) a worker serves. engine_int.h is what it shares with route.c.
 */
#include "engine.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dirlist.h"
#include "log.h"
#include "safety_concern.h"
#include "text.h"

#include "engine_int.h"

/*
 * Loads the intent files (SUFFIX ".intents") or plugins (".lua") of every
 * layer: the bundled folder BASE, then SUB/ of each local folder, a local
 * file replacing the bundled one of the same name. Returns 0, -EINVAL when a
 * file had a mistake (reported through DIAG), or -errno (a folder unreadable,
 * out of memory).
 */
static int add_layers(const struct hr_config *cfg, const char *base, const char *sub, const char *suffix,
                      struct hr_content *out, hr_diag_fn diag, void *ud)
{
	char **paths;
	size_t n;
	int rc = hr_layers_list(base, cfg->local_content_dirs, sub, suffix, &paths, &n);
	if (rc) {
		hr_diagf(diag, ud, base, 0, "cannot read directory: %s", strerror(-rc));
		return rc;
	}
	int plugins = strcmp(suffix, ".lua") == 0;
	for (size_t i = 0; i < n; i++) {
		int r = plugins ? hr_plugins_add_file(out->plugins, paths[i], diag, ud)
		                : hr_intents_add_file(out->intents, paths[i], diag, ud);
		if (r == -ENOMEM)
			rc = r;
		else if (r && !rc)
			rc = -EINVAL;
	}
	hr_dir_list_free(paths, n);
	return rc;
}

int hr_content_load(const struct hr_config *cfg, hr_diag_fn diag, void *ud, struct hr_content *out)
{
	memset(out, 0, sizeof(*out));
	out->intents = hr_intents_new();
	if (!out->intents)
		return -ENOMEM;
	hr_intents_set_jit(out->intents, cfg->intents_jit);
	int rc = add_layers(cfg, cfg->intents_dir, "intents", ".intents", out, diag, ud);
	if (rc == 0)
		rc = hr_intents_compile(out->intents, diag, ud);
	if (rc)
		goto fail;
	/* The ranker is built from the same content at every load, so a reload
	 * that adds examples or phrases retrains it. */
	struct hr_ranker_options ropt = {
	    .model = strcmp(cfg->intents_ranker, "sparse") == 0 ? HR_RANKER_SPARSE : HR_RANKER_LINEAR};
	rc = hr_ranker_new(out->intents, &ropt, &out->ranker);
	if (rc) {
		hr_diagf(diag, ud, cfg->intents_dir, 0, "cannot build the ranker: %s", strerror(-rc));
		goto fail;
	}

	char sdk[HR_PATH_MAX + 16];
	snprintf(sdk, sizeof(sdk), "%s/herald.lua", cfg->lua_dir);
	struct hr_plugin_limits lim = {
	    .memory_bytes = (size_t)cfg->lua_memory_kb * 1024,
	    .call_ms = (unsigned)cfg->lua_call_ms,
	    .load_ms = (unsigned)cfg->lua_load_ms,
	    .instructions = 0,
	};
	out->plugins = hr_plugins_new(sdk, &lim);
	if (!out->plugins) {
		rc = -ENOMEM;
		goto fail;
	}
	/* Respellings are written once, in the voice lexicon, and said by
	 * herald.speech as by the synthesiser. */
	char lexicon[HR_PATH_MAX + 16];
	snprintf(lexicon, sizeof(lexicon), "%s/lexicon.txt", cfg->voice_dir);
	rc = hr_plugins_set_lexicon(out->plugins, lexicon, diag, ud);
	if (rc == -ENOMEM)
		goto fail;
	rc = add_layers(cfg, cfg->plugins_dir, "plugins", ".lua", out, diag, ud);
	if (rc == -ENOMEM)
		goto fail;
	if (rc == -EINVAL)
		out->plugin_errors = 1;
	else if (rc)
		goto fail; /* the directory itself is missing */
#ifdef __GLIBC__
	/* Compiling leaves megabytes of freed scratch (expanded patterns, PCRE2's
	 * and Lua's working memory) in the heap; hand it back, so that what the
	 * daemon holds is what it uses. */
	malloc_trim(0);
#endif
	return 0;
fail:
	hr_content_free(out);
	return rc;
}

void hr_content_free(struct hr_content *c)
{
	hr_plugins_free(c->plugins);
	hr_ranker_free(c->ranker);
	hr_intents_free(c->intents);
	memset(c, 0, sizeof(*c));
}

int hr_engine_new(struct hr_content *content, hr_engine **out)
{
	hr_engine *e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	int rc = hr_safety_new(&e->safety);
	if (rc)
		goto fail;
	rc = hr_engine_set_content(e, content);
	if (rc)
		goto fail;
	/* For measuring only (docs/intents.md, Measuring): route a whole daemon
	 * with one stage, to score an eval set against it. */
	const char *mode = getenv("HERALD_ROUTE");
	if (mode && strcmp(mode, "patterns") == 0)
		e->mode = HR_ROUTE_PATTERNS;
	else if (mode && strcmp(mode, "ranker") == 0)
		e->mode = HR_ROUTE_RANKER;
	*out = e;
	return 0;
fail:
	hr_engine_free(e);
	return rc;
}

void hr_engine_free(hr_engine *e)
{
	if (!e)
		return;
	hr_matcher_free(e->matcher);
	hr_ranker_scratch_free(e->rs);
	hr_safety_free(e->safety);
	free(e->scratch_match);
	free(e->snorm);
	free(e->smessage);
	free(e->facets);
	free(e->alone);
	free(e->alone_norm);
	free(e->calm_topics);
	free(e);
}

void hr_engine_idle(hr_engine *e)
{
	if (e && e->content)
		hr_plugins_collect(e->content->plugins);
}

void hr_engine_defer_gc(hr_engine *e, int on)
{
	e->defer_gc = on;
	if (e->content)
		hr_plugins_defer_gc(e->content->plugins, on);
}

void hr_engine_collect_due(hr_engine *e)
{
	if (e && e->defer_gc && e->content)
		hr_plugins_collect_due(e->content->plugins);
}

int hr_engine_set_content(hr_engine *e, struct hr_content *content)
{
	hr_matcher *m = hr_matcher_new(content->intents, NULL);
	hr_ranker_scratch *rs = content->ranker ? hr_ranker_scratch_new(content->ranker) : NULL;
	if (!e->scratch_match)
		e->scratch_match = calloc(1, sizeof(*e->scratch_match));
	if (!e->snorm)
		e->snorm = calloc(HR_MAX_SENTENCES, sizeof(*e->snorm));
	if (!e->smessage)
		e->smessage = malloc(HR_MAX_SENTENCES * sizeof(*e->snorm));
	if (!m || (content->ranker && !rs) || !e->scratch_match || !e->snorm || !e->smessage) {
		hr_matcher_free(m);
		hr_ranker_scratch_free(rs);
		return -ENOMEM;
	}
	hr_matcher_free(e->matcher);
	hr_ranker_scratch_free(e->rs);
	e->matcher = m;
	e->rs = rs;
	e->content = content;
	/* The facets answered belong to the content's plugins. Without room to
	 * remember them, route_facet.c looks them up on every follow-up. */
	free(e->facets);
	e->nfacets = content->intents ? hr_intents_count(content->intents) : 0;
	if (!(e->facets = e->nfacets ? malloc(e->nfacets * sizeof(*e->facets)) : NULL))
		e->nfacets = 0;
	for (size_t i = 0; i < e->nfacets; i++)
		e->facets[i] = EN_FACETS_UNKNOWN;
	if (e->defer_gc)
		hr_plugins_defer_gc(content->plugins, 1);
	return 0;
}

/* Sets NAME=VALUE in the conversation; the oldest fact goes when it is full. */
static void convo_put(struct hr_convo *c, const char *name, const char *value)
{
	size_t i;
	for (i = 0; i < c->ncontext; i++) {
		if (strcmp(c->context[i].name, name) == 0)
			break;
	}
	if (i == c->ncontext) {
		if (c->ncontext == HR_MAX_SLOTS) {
			memmove(&c->context[0], &c->context[1], (HR_MAX_SLOTS - 1) * sizeof(c->context[0]));
			i = HR_MAX_SLOTS - 1;
		} else {
			c->ncontext++;
		}
	}
	snprintf(c->context[i].name, sizeof(c->context[i].name), "%s", name);
	snprintf(c->context[i].value, sizeof(c->context[i].value), "%s", value);
}

static int fixed_reply(struct hr_answer *out, const char *intent, const char *text)
{
	if (hr_answer_set(&out->intent, intent) || hr_answer_set(&out->text, text) ||
	    hr_answer_set(&out->speech, text))
		return -ENOMEM;
	return 0;
}

/* The fallback when no plugin provides one: say what herald can help with. */
static int builtin_fallback(struct hr_answer *out)
{
	int rc = fixed_reply(out, "fallback",
	                     "I'm not sure I can help with that. I answer questions about HER2-positive "
	                     "breast cancer: tests, treatments, side effects and support.");
	if (!rc)
		rc = hr_answer_add_suggestion(out, "What does HER2-positive mean?");
	if (!rc)
		rc = hr_answer_add_suggestion(out, "How is HER2-positive breast cancer treated?");
	if (!rc)
		rc = hr_answer_add_suggestion(out, "Where can I find support?");
	return rc;
}

static int apology(struct hr_answer *out, const char *intent)
{
	int rc = fixed_reply(out, intent,
	                     "I'm sorry, I couldn't answer that just now. Please try asking in another way, "
	                     "or ask your care team.");
	if (!rc)
		rc = hr_answer_add_suggestion(out, "What can you do?");
	return rc;
}

void hr_engine_set_mode(hr_engine *e, enum hr_route_mode mode)
{
	e->mode = mode;
}

/* ---- answering ---- */

/* A question a person can tap: an example of IN, with the drug the message
 * names put in place of the example's, capitalised, with a question mark.
 * The drug is put as the person wrote it (SAID, "letrozole"), never as the
 * slot value ("aromatase_inhibitor"), which is a name for the engine only. */
static void offer_text(const hr_engine *e, const struct hr_intent *in, const struct named *nm,
                       const char *said, char *out, size_t cap)
{
	const char *ex = in->nexamples ? in->examples[0] : in->name;
	char norm[512];
	if (hr_text_normalize(ex, strlen(ex), norm, sizeof(norm)) < 0)
		snprintf(norm, sizeof(norm), "%s", ex);
	const char *drug = en_named_get(nm, "drug");
	const char *put = said && *said ? said : drug;
	struct hr_concepts cs = {0};
	if (e->content->ranker)
		hr_ranker_concepts(e->content->ranker, norm, &cs);
	size_t o = 0;
	int done = 0;
	for (size_t i = 0; i < cs.n && drug && !done; i++) {
		if (!cs.c[i].value || strcmp(cs.c[i].entity, "drug") != 0)
			continue;
		if (strcmp(cs.c[i].value, drug) != 0) {
			/* The generic name stands in; the plugin's answer gives the brand. */
			o = (size_t)snprintf(out, cap, "%.*s%s%s", cs.c[i].start, norm, put,
			                     norm + cs.c[i].end);
		}
		done = 1;
	}
	if (!o)
		o = (size_t)snprintf(out, cap, "%s", norm);
	if (o >= cap)
		o = cap - 1;
	if (o > 0 && out[o - 1] != '?' && o + 1 < cap) {
		out[o++] = '?';
		out[o] = '\0';
	}
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	for (size_t i = 1; out[i]; i++) {
		if (out[i] == 'i' && out[i - 1] == ' ' &&
		    (out[i + 1] == ' ' || out[i + 1] == '\'' || out[i + 1] == '?'))
			out[i] = 'I';
	}
}

static int clarify_reply(const hr_engine *e, const struct hr_trace *t, const struct named *nm,
                         const char *said, struct hr_answer *out)
{
	char q[HR_MAX_CLARIFY][300];
	char text[1200], speech[1200];
	size_t tl = (size_t)snprintf(text, sizeof(text), "I'm not sure which of these you mean:");
	size_t sl = (size_t)snprintf(speech, sizeof(speech), "I'm not sure which you mean. You can ask");
	for (size_t i = 0; i < t->nclarify; i++) {
		offer_text(e, t->clarify[i], nm, said, q[i], sizeof(q[i]));
		if (tl < sizeof(text))
			tl += (size_t)snprintf(text + tl, sizeof(text) - tl, "\n- %s", q[i]);
		if (sl < sizeof(speech))
			sl += (size_t)snprintf(speech + sl, sizeof(speech) - sl, "%s %.*s",
			                       i == 0                 ? ":"
			                       : i + 1 == t->nclarify ? ", or"
			                                              : ",",
			                       (int)strcspn(q[i], "?"), q[i]);
	}
	if (tl < sizeof(text))
		snprintf(text + tl, sizeof(text) - tl, "\nTap one, or ask it another way.");
	if (sl < sizeof(speech))
		snprintf(speech + sl, sizeof(speech) - sl, ". Which would you like?");
	int rc = fixed_reply(out, "clarify", text);
	if (!rc)
		rc = hr_answer_set(&out->speech, speech);
	for (size_t i = 0; i < t->nclarify && !rc; i++)
		rc = hr_answer_add_suggestion(out, q[i]);
	if (!rc)
		out->kind = HR_KIND_CLARIFY;
	return rc;
}

/* The whole message for plugins (q.message): every sentence normalised,
 * joined by ". ". q.text is only the sentence that asks; a detail told in
 * the story around it ("my knees still hurt. is it the chemo?") is here. */
static const char *whole_message(hr_engine *e, const struct hr_trace *t)
{
	if (t->nsentences <= 1)
		return e->snorm[t->focus];
	size_t cap = HR_MAX_SENTENCES * sizeof(*e->snorm), o = 0;
	for (size_t i = 0; i < t->nsentences && o + 3 < cap; i++) {
		int n = snprintf(e->smessage + o, cap - o, "%s%s", i ? ". " : "", e->snorm[i]);
		if (n < 0)
			break;
		o += (size_t)n;
	}
	return e->smessage;
}

/* Asks the plugin for PICK's answer into OUT; a failure becomes the apology. */
static int call_plugin(hr_engine *e, const struct hr_convo *convo, const struct hr_pick *pick,
                       const char *norm, struct hr_answer *out, struct hr_trace *t)
{
	/* A follow-up asking a detail of the topic goes to the topic's handler
	 * for that detail, "se.diarrhea.medicine" (route_facet.c); the answer
	 * stays the topic's intent. */
	char facet[HR_NAME_MAX + 32];
	const char *intent = pick ? pick->intent->name : "fallback";
	const char *plugin = pick ? pick->intent->plugin : NULL;
	if (pick && t->facet && pick == &t->parts[0] &&
	    snprintf(facet, sizeof(facet), "%s.%s", intent, t->facet) < (int)sizeof(facet)) {
		intent = facet; /* any plugin may answer a topic's facet */
		plugin = hr_plugins_handler(e->content->plugins, facet, NULL);
	}
	struct hr_request rq = {
	    .intent = intent,
	    .text = norm,
	    .message = whole_message(e, t),
	    .slots = pick ? pick->slots : NULL,
	    .nslots = pick ? pick->nslots : 0,
	    .context = convo->context,
	    .ncontext = convo->ncontext,
	    .previous = convo->previous[0] ? convo->previous : NULL,
	};
	int rc = hr_plugins_call(e->content->plugins, plugin, &rq, out, t->plugin_err, sizeof(t->plugin_err));
	t->plugin_rc = rc;
	if (rc == -ENOENT || (rc && !pick)) {
		hr_answer_clear(out);
		return builtin_fallback(out);
	}
	if (rc) {
		char why[600];
		hr_warn("event=plugin_failed intent=%s error=%s", rq.intent,
		        hr_log_quote(why, sizeof(why), t->plugin_err));
		hr_answer_clear(out);
		return apology(out, rq.intent);
	}
	if (intent == facet)
		return hr_answer_set(&out->intent, pick->intent->name);
	return 0;
}

/* Appends answer B to A: both texts, both speech forms, the sources of both
 * (each answer keeps its own), the suggestions that fit. */
static int join_answers(struct hr_answer *a, const struct hr_answer *b)
{
	char *text = NULL, *speech = NULL;
	if (asprintf(&text, "%s\n\n%s", a->text ? a->text : "", b->text ? b->text : "") < 0)
		return -ENOMEM;
	if (asprintf(&speech, "%s %s", a->speech ? a->speech : "", b->speech ? b->speech : "") < 0) {
		free(text);
		return -ENOMEM;
	}
	free(a->text);
	free(a->speech);
	a->text = text;
	a->speech = speech;
	for (size_t i = 0; i < b->nsources; i++) {
		int dup = 0;
		for (size_t k = 0; k < a->nsources && !dup; k++)
			dup = a->sources[k].url && b->sources[i].url &&
			      strcmp(a->sources[k].url, b->sources[i].url) == 0;
		if (!dup && a->nsources < HR_MAX_SOURCES &&
		    hr_answer_add_source(a, b->sources[i].title, b->sources[i].publisher, b->sources[i].url))
			return -ENOMEM;
	}
	for (size_t i = 0; i < b->nremember; i++) {
		if (hr_answer_add_remember(a, b->remember_name[i], b->remember_value[i]) == -ENOMEM)
			return -ENOMEM;
	}
	/* Half the suggestions from each part, so both topics can be followed. */
	while (a->nsuggestions > HR_MAX_SUGGESTIONS / 2) {
		free(a->suggestions[--a->nsuggestions]);
		a->suggestions[a->nsuggestions] = NULL;
	}
	for (size_t i = 0; i < b->nsuggestions && a->nsuggestions < HR_MAX_SUGGESTIONS; i++) {
		if (hr_answer_add_suggestion(a, b->suggestions[i]) == -ENOMEM)
			return -ENOMEM;
	}
	return 0;
}

/*
 * An answer word for word the one just given ("what else?", "and at
 * night?" that routes to the same card again) tells the person nothing
 * new, and said again silently reads as if herald had not heard. The
 * conversation keeps a short hash of the last answer's text (the slot
 * SAID_SLOT), and a repeat gives way to something else: the topic's plain
 * restatement or an honest line (said_again; docs/intents.md, Conversation).
 */
#define SAID_SLOT "said"

static void said_hash(const char *s, char out[9])
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	snprintf(out, 9, "%08x", (unsigned)h);
}

/* The page behind "your care team decides": what to ask them, and why. */
static int add_deferral_source(struct hr_answer *out)
{
	return hr_answer_add_source(out, "Questions to Ask Your Doctor About Your Treatment",
	                            "National Cancer Institute",
	                            "https://www.cancer.gov/about-cancer/treatment/questions");
}

/* The card said as a repeat, the whole card after the lead, in the text and
 * the speech form. */
static int said_as_repeat(struct hr_answer *out, const char *lead)
{
	char *made[2] = {NULL, NULL};
	const char *forms[2] = {out->text, out->speech};
	for (int f = 0; f < 2; f++) {
		if (!forms[f])
			continue;
		size_t cap = strlen(lead) + strlen(forms[f]) + 1;
		if (!(made[f] = malloc(cap))) {
			free(made[0]);
			return -ENOMEM;
		}
		snprintf(made[f], cap, "%s%s", lead, forms[f]);
	}
	free(out->text);
	free(out->speech);
	out->text = made[0];
	out->speech = made[1];
	return 0;
}

/* Whether the conversation's last answer had the hash SAID. */
static int said_last(const struct hr_convo *convo, const char *said)
{
	for (size_t i = 0; i < convo->ncontext; i++) {
		if (strcmp(convo->context[i].name, SAID_SLOT) == 0)
			return strcmp(convo->context[i].value, said) == 0;
	}
	return 0;
}

/*
 * A follow-up that came back to the card just given, word for word. What
 * it gets instead depends on what it asked:
 *
 * - the card again in plainer words ("I still don't get it", "ok but what
 *   does that mean for me": the facet "again") or more with nothing named
 *   ("what else?", "so what now?": the facet "more"): the topic's handler
 *   for that facet when a plugin has one (a plain restatement, or the next
 *   most useful detail), else an honest line that the card is what herald
 *   knows and the care team knows the person's own case, with the card's
 *   sources and suggestions, so the next step is one tap away. The same
 *   text again helps no one who asked again in other words.
 * - a question of its own that the card answers ("how many years would I
 *   take them"): the card, said as a repeat ("My last answer covers this").
 *   An excerpt of it was tried and lost the conditions a fact is given
 *   under (blind probe 12).
 *
 * Runs only on a repeat: no work on any other turn.
 */
static int said_again(hr_engine *e, const struct hr_convo *convo, const struct hr_pick *pick,
                      const char *norm, struct hr_answer *out, struct hr_trace *t)
{
	/* Asked to hear it again ("say that again", "sorry, I missed that"):
	 * the card, with a word that it is the same. */
	if (en_repeat_asked(norm))
		return said_as_repeat(out, "Here it is again. ");
	const char *asked = en_facet_asked(norm, "again")  ? "again"
	                    : en_facet_asked(norm, "more") ? "more"
	                                                   : NULL;
	if (!asked)
		return said_as_repeat(out, "My last answer covers this, so here it is again. ");
	char handler[HR_NAME_MAX + 16];
	int n = snprintf(handler, sizeof(handler), "%s.%s", pick->intent->name, asked);
	if (n > 0 && (size_t)n < sizeof(handler) && hr_plugins_handler(e->content->plugins, handler, NULL)) {
		struct hr_answer b = {0};
		const char *facet = t->facet;
		t->facet = asked;
		int rc = call_plugin(e, convo, pick, norm, &b, t);
		int ok = rc == 0 && t->plugin_rc == 0 && b.text && strcmp(b.text, out->text) != 0;
		t->facet = ok ? asked : facet;
		t->plugin_rc = 0; /* the card itself was answered */
		if (ok) {
			b.kind = out->kind;
			hr_answer_clear(out);
			*out = b; /* OUT takes over B's strings */
			return 0;
		}
		hr_answer_clear(&b);
		if (rc == -ENOMEM)
			return rc;
	}
	static const char plain[] =
	    "That is what I know on this in general, so I won't say the same thing again. Your care team "
	    "knows your own case and can tell you what it means for you. You could ask them, or pick one of "
	    "the questions below.";
	int rc = hr_answer_set(&out->text, plain);
	if (!rc)
		rc = hr_answer_set(&out->speech, plain);
	if (!rc && out->nsources < HR_MAX_SOURCES)
		rc = add_deferral_source(out);
	return rc;
}

int hr_engine_ask(hr_engine *e, struct hr_convo *convo, const char *text, size_t len, struct hr_answer *out,
                  struct hr_trace *trace)
{
	struct hr_trace *local = NULL;
	if (!trace) {
		local = malloc(sizeof(*local));
		if (!local)
			return -ENOMEM;
		trace = local;
	}
	int rc = en_route(e, convo, text, len, trace, 1);
	if (rc)
		goto done;
	if (trace->safety.tier != HR_TIER_NONE) {
		rc = hr_safety_reply(&trace->safety, out);
		if (rc == 0) {
			snprintf(convo->previous, sizeof(convo->previous), "%s", out->intent);
			/* A calm follow-up of the alarm is about its side effect
			 * ("but I don't want them to stop it forever" after heart
			 * signs on trastuzumab); a crisis or an emergency keeps none. */
			en_alarm_topic(e, &trace->safety, text, len, convo->topic, sizeof(convo->topic));
		}
		goto done;
	}
	const char *norm = e->snorm[trace->focus];
	const struct hr_pick *pick = trace->outcome == HR_OUTCOME_ANSWER ? &trace->parts[0] : NULL;
	if (trace->outcome == HR_OUTCOME_CLARIFY) {
		struct named nm = {0};
		struct hr_concepts cs;
		char said[64] = "";
		if (e->content->ranker) {
			hr_ranker_concepts(e->content->ranker, norm, &cs);
			en_named_add(&nm, &cs, 1, norm);
			const char *drug = en_named_get(&nm, "drug");
			for (size_t i = 0; i < cs.n && drug && !*said; i++) {
				if (cs.c[i].value && strcmp(cs.c[i].entity, "drug") == 0 &&
				    strcmp(cs.c[i].value, drug) == 0)
					snprintf(said, sizeof(said), "%.*s", cs.c[i].end - cs.c[i].start,
					         norm + cs.c[i].start);
			}
		}
		rc = clarify_reply(e, trace, &nm, said, out);
		/* "I want to stop chemo", unsure of the topic: the question back
		 * carries the deferral below, and the deferral its source. */
		if (!rc && trace->safety.decision != HR_DECISION_NONE)
			rc = add_deferral_source(out);
	} else if (!pick && trace->safety.decision != HR_DECISION_NONE) {
		/* A personal decision with no topic we know: the deferral is the answer. */
		rc = fixed_reply(out, "safety.decision",
		                 "I can share general information, but I can't make this "
		                 "choice for you.");
		if (!rc)
			rc = add_deferral_source(out);
	} else if (!pick && !hr_plugins_handler(e->content->plugins, "fallback", NULL)) {
		rc = builtin_fallback(out);
	} else {
		rc = call_plugin(e, convo, pick, norm, out, trace);
		if (!rc && trace->nparts == 2) {
			struct hr_answer b = {0};
			struct hr_trace *t2 = trace;
			int prc = call_plugin(e, convo, &trace->parts[1], norm, &b, t2);
			/* The second part is a bonus: if it fails, the first still stands. */
			if (prc == 0 && b.intent && strcmp(b.intent, "fallback") != 0)
				rc = join_answers(out, &b);
			else
				trace->nparts = 1;
			hr_answer_clear(&b);
		}
	}
	if (rc)
		goto done;
	if (!pick && trace->outcome != HR_OUTCOME_CLARIFY &&
	    (!out->intent || strcmp(out->intent, "safety.decision") != 0)) {
		if ((rc = hr_answer_set(&out->intent, "fallback")))
			goto done;
	}
	if (out->intent && strcmp(out->intent, "fallback") == 0)
		out->kind = HR_KIND_FALLBACK;

	/* A plugin's answer (not the apology for a failed one) said just before,
	 * word for word: something else is said (said_again), before the
	 * deferral and the crisis line, which are added to it as to any answer.
	 * The conversation keeps the hash of what is said now. */
	char said[9];
	said_hash(out->text, said);
	if (pick && out->kind == HR_KIND_ANSWER && out->text && trace->plugin_rc == 0 &&
	    said_last(convo, said)) {
		if ((rc = said_again(e, convo, pick, norm, out, trace)))
			goto done;
		said_hash(out->text, said);
	}

	/* Personal decisions always end with "your care team decides". */
	if (trace->safety.decision != HR_DECISION_NONE && (rc = hr_safety_defer(&trace->safety, out)))
		goto done;

	/* The turn right after a 911 reply: the subject may change ("ok but
	 * about the hair?" after stroke signs: blind probe 13), so the answer
	 * opens with the 911 line; added before the concern line below, which
	 * clients show boxed as the first paragraph and so stays first. */
	if (strcmp(convo->previous, "safety.emergency") == 0 && (rc = hr_after_emergency_mark(out)))
		goto done;

	/* The learned check, after the plugin so no plugin can take its line
	 * away: a crisis the rules did not hear gets 988 first and the answer
	 * still follows (safety_concern.h). Only when no tier fired, so never on
	 * a fixed safety reply. The turn right after a crisis reply gets the
	 * same line whatever it asks ("I don't want to talk about it, just tell
	 * me the side effects": blind probe 13), so 988 is not dropped the moment
	 * the subject changes. */
	if ((hr_concern_check(text, len) || strcmp(convo->previous, "safety.crisis") == 0) &&
	    (rc = hr_concern_mark(out)))
		goto done;

	/* Remember this turn for follow-ups: the intent, the slots, and the
	 * topic a follow-up may point back to. An out-of-scope rule's fallback
	 * (a pick of intent fallback), or one for a message that names no
	 * cancer care ("how do I fix my car"), forgets it; a fallback for want
	 * of a sure choice on a question about cancer care keeps its words, so
	 * that "what about during chemo" after it is read with them
	 * (docs/intents.md, Conversation). The previous intent stays
	 * "fallback", which lends the follow-up no cancer care of its own. */
	snprintf(convo->previous, sizeof(convo->previous), "%s", out->intent);
	if (out->kind == HR_KIND_FALLBACK && (pick || !trace->care)) {
		convo->topic[0] = '\0';
	} else {
		char topic[HR_TOPIC_MAX];
		en_topic(e, trace, convo->topic, topic, sizeof(topic));
		memcpy(convo->topic, topic, sizeof(topic));
	}
	for (size_t p = 0; p < trace->nparts; p++) {
		for (size_t i = 0; i < trace->parts[p].nslots; i++)
			convo_put(convo, trace->parts[p].slots[i].name, trace->parts[p].slots[i].value);
	}
	for (size_t i = 0; i < out->nremember; i++)
		convo_put(convo, out->remember_name[i], out->remember_value[i]);
	convo_put(convo, SAID_SLOT, said);
done:
	free(local);
	return rc;
}
