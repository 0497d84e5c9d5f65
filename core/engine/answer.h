/*
 * The answer a person gets: text, a speech form, sources, suggestions and the
 * safety tier. Built by the safety layer or a plugin, serialised by proto.c.
 * Every string is owned by the answer (heap) and freed by hr_answer_clear().
 *
 * Names: "answer" is this struct, whatever its kind (an answer, a clarifying
 * question, the fallback, a safety reply), and the wire message that carries
 * it ({"type":"answer"}, written by hr_proto_answer). The rest is named for
 * what it does: the daemon's request handler is srv_handle_ask(), the engine
 * is entered by hr_engine_ask(), a plugin's handler runs in hr_plugins_call(),
 * and the safety layer's fixed reply is filled by hr_safety_reply().
 */
#ifndef HERALD_ANSWER_H
#define HERALD_ANSWER_H

#include <stddef.h>

#define HR_MAX_SOURCES 6
#define HR_MAX_SUGGESTIONS 4
#define HR_MAX_REMEMBER 4

enum hr_safety_level {
	HR_SAFETY_NONE = 0,
	HR_SAFETY_URGENT, /* emergency or call-the-care-team-now */
	HR_SAFETY_CRISIS, /* suicide or self-harm */
};

/* What kind of reply this is, for clients that show them differently. */
enum hr_answer_kind {
	HR_KIND_ANSWER = 0, /* an answer (or a safety reply, marked by `safety`) */
	HR_KIND_CLARIFY,    /* a short question back: the suggestions are what it offers */
	HR_KIND_FALLBACK,   /* herald cannot help with this; the suggestions are its topics */
};

struct hr_source {
	char *title;
	char *publisher; /* may be NULL */
	char *url;       /* may be NULL when no public page exists */
};

struct hr_answer {
	char *intent; /* intent name, or "fallback" */
	char *text;
	char *speech;
	struct hr_source sources[HR_MAX_SOURCES];
	size_t nsources;
	char *suggestions[HR_MAX_SUGGESTIONS];
	size_t nsuggestions;
	enum hr_safety_level safety;
	enum hr_answer_kind kind;
	/* The safety tier by the name the log and the metrics use: "emergency",
	 * "call_now" or "crisis" (hr_tier_name), or NULL. A static string, not
	 * owned; only the safety layer sets it. */
	const char *tier;
	/* "crisis" when the learned check (safety_concern.h) heard a crisis the
	 * rules did not and put its 988 line first; else NULL. A static string,
	 * not owned; only the engine sets it, after the plugin. */
	const char *concern;
	/* Conversation facts the plugin asked to remember (e.g. drug=trastuzumab),
	 * merged into the conversation after the reply. */
	char *remember_name[HR_MAX_REMEMBER];
	char *remember_value[HR_MAX_REMEMBER];
	size_t nremember;
};

/* Frees every string of A and zeroes it, so it can be reused. */
void hr_answer_clear(struct hr_answer *a);

/* Returns "answer", "clarify" or "fallback" for the wire. */
const char *hr_answer_kind_name(enum hr_answer_kind k);

/* Returns "urgent", "crisis" or NULL for the wire. */
const char *hr_safety_name(enum hr_safety_level s);

/* Helpers that copy their arguments; each returns 0 or -ENOMEM (or -ENOSPC when full). */
int hr_answer_set(char **field, const char *value);
int hr_answer_add_source(struct hr_answer *a, const char *title, const char *publisher, const char *url);
int hr_answer_add_suggestion(struct hr_answer *a, const char *s);
int hr_answer_add_remember(struct hr_answer *a, const char *name, const char *value);

#endif
