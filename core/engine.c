#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "log.h"
#include "text.h"

struct hr_engine {
	struct hr_content *content;
	hr_matcher *matcher;
	hr_safety *safety;
};

int hr_content_load(const struct hr_config *cfg, hr_diag_fn diag, void *ud, struct hr_content *out)
{
	memset(out, 0, sizeof(*out));
	out->intents = hr_intents_new();
	if (!out->intents)
		return -ENOMEM;
	hr_intents_set_jit(out->intents, cfg->intents_jit);
	int rc = hr_intents_add_dir(out->intents, cfg->intents_dir, diag, ud);
	if (rc == 0)
		rc = hr_intents_compile(out->intents, diag, ud);
	if (rc)
		goto fail;

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
	rc = hr_plugins_add_dir(out->plugins, cfg->plugins_dir, diag, ud);
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
	hr_safety_free(e->safety);
	free(e);
}

void hr_engine_idle(hr_engine *e)
{
	if (e && e->content)
		hr_plugins_collect(e->content->plugins);
}

int hr_engine_set_content(hr_engine *e, struct hr_content *content)
{
	hr_matcher *m = hr_matcher_new(content->intents, NULL);
	if (!m)
		return -ENOMEM;
	hr_matcher_free(e->matcher);
	e->matcher = m;
	e->content = content;
	return 0;
}

/* Looks NAME up in the conversation. */
static const char *convo_get(const struct hr_convo *c, const char *name)
{
	for (size_t i = 0; i < c->ncontext; i++) {
		if (strcmp(c->context[i].name, name) == 0)
			return c->context[i].value;
	}
	return NULL;
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

/* True when every slot CAND's intent needs is in the utterance or the conversation. */
static int needs_met(const struct hr_candidate *cand, const struct hr_convo *convo)
{
	for (size_t i = 0; i < cand->intent->nneeds; i++) {
		const char *n = cand->intent->needs[i];
		if (!hr_candidate_slot(cand, n) && !convo_get(convo, n))
			return 0;
	}
	return 1;
}

static int fixed_answer(struct hr_answer *out, const char *intent, const char *text)
{
	if (hr_answer_set(&out->intent, intent) || hr_answer_set(&out->text, text) ||
	    hr_answer_set(&out->speech, text))
		return -ENOMEM;
	return 0;
}

/* The fallback when no plugin provides one: say what herald can help with. */
static int builtin_fallback(struct hr_answer *out)
{
	int rc = fixed_answer(out, "fallback",
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
	int rc = fixed_answer(out, intent,
			      "I'm sorry, I couldn't answer that just now. Please try asking in another way, "
			      "or ask your care team.");
	if (!rc)
		rc = hr_answer_add_suggestion(out, "What can you do?");
	return rc;
}

int hr_engine_ask(hr_engine *e, struct hr_convo *convo, const char *text, size_t len,
		  struct hr_answer *out, struct hr_trace *trace)
{
	struct hr_trace local;
	if (!trace)
		trace = &local;
	memset(trace, 0, offsetof(struct hr_trace, plugin_err) + 1);
	trace->chosen = NULL;
	if (!hr_text_valid_utf8(text, len))
		return -EINVAL;
	char norm[1024];
	size_t whole = len;
	if (len >= sizeof(norm)) {
		/* Only the first kilobyte takes part in matching; cut at a character
		 * boundary so the text stays valid UTF-8. */
		len = sizeof(norm) - 1;
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	int nl = hr_text_normalize(text, len, norm, sizeof(norm));
	if (nl < 0) {
		/* Folding only shrinks text, but guard anyway. */
		nl = 0;
		norm[0] = '\0';
	}

	/* 1. The safety layer runs first and cannot be overridden. It reads the
	 * whole message: an emergency can come at the end of a long letter. */
	hr_safety_check_text(e->safety, text, whole, &trace->safety);
	if (trace->safety.tier != HR_TIER_NONE) {
		int rc = hr_safety_answer(&trace->safety, out);
		if (rc == 0)
			snprintf(convo->previous, sizeof(convo->previous), "%s", out->intent);
		return rc;
	}

	/* 2. The intent engine picks the best intent whose needs are met. */
	hr_intents_match(e->matcher, norm, &trace->match);
	for (size_t i = 0; i < trace->match.ncandidates; i++) {
		const struct hr_candidate *c = &trace->match.candidates[i];
		if (!needs_met(c, convo))
			continue;
		if (!hr_plugins_handler(e->content->plugins, c->intent->name, c->intent->plugin))
			continue;
		trace->chosen = c;
		break;
	}

	/* 3. A plugin composes the answer under its budget. */
	struct hr_request rq = {
		.intent = trace->chosen ? trace->chosen->intent->name : "fallback",
		.text = norm,
		.slots = trace->chosen ? trace->chosen->slots : NULL,
		.nslots = trace->chosen ? trace->chosen->nslots : 0,
		.context = convo->context,
		.ncontext = convo->ncontext,
		.previous = convo->previous[0] ? convo->previous : NULL,
	};
	const char *plugin = trace->chosen ? trace->chosen->intent->plugin : NULL;
	int rc;
	if (!trace->chosen && trace->safety.decision != HR_DECISION_NONE) {
		/* A personal decision with no topic we know: the deferral is the answer. */
		rc = fixed_answer(out, "safety.decision", "");
		if (!rc)
			rc = hr_answer_set(&out->text, "I can share general information, but I can't make this "
							"choice for you.");
		if (!rc)
			rc = hr_answer_set(&out->speech, out->text);
		if (!rc)
			rc = hr_answer_add_source(out, "Questions to Ask Your Doctor About Your Treatment",
						  "National Cancer Institute",
						  "https://www.cancer.gov/about-cancer/treatment/questions");
	} else if (!trace->chosen && !hr_plugins_handler(e->content->plugins, "fallback", NULL)) {
		rc = builtin_fallback(out);
	} else {
		rc = hr_plugins_answer(e->content->plugins, plugin, &rq, out, trace->plugin_err,
				       sizeof(trace->plugin_err));
		trace->plugin_rc = rc;
		if (rc == -ENOENT || (rc && !trace->chosen)) {
			hr_answer_clear(out);
			rc = builtin_fallback(out);
		} else if (rc) {
			{
			char why[600];
			hr_warn("event=plugin_failed intent=%s error=%s", rq.intent,
				hr_log_quote(why, sizeof(why), trace->plugin_err));
		}
			hr_answer_clear(out);
			rc = apology(out, rq.intent);
		}
	}
	if (rc)
		return rc;
	if (!trace->chosen && (!out->intent || strcmp(out->intent, "safety.decision") != 0) &&
	    hr_answer_set(&out->intent, "fallback"))
		return -ENOMEM;

	/* 4. Personal decisions always end with "your care team decides". */
	if (trace->safety.decision != HR_DECISION_NONE) {
		rc = hr_safety_defer(&trace->safety, out);
		if (rc)
			return rc;
	}

	/* 5. Remember this turn for follow-ups. */
	snprintf(convo->previous, sizeof(convo->previous), "%s", out->intent);
	if (trace->chosen) {
		for (size_t i = 0; i < trace->chosen->nslots; i++)
			convo_put(convo, trace->chosen->slots[i].name, trace->chosen->slots[i].value);
	}
	for (size_t i = 0; i < out->nremember; i++)
		convo_put(convo, out->remember_name[i], out->remember_value[i]);
	return 0;
}
