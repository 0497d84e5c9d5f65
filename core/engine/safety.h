/*
 * The safety layer: a fixed check that runs on every message before the intent
 * engine and any plugin, and that no plugin can override. It recognises the
 * tiers of the content guide (crisis, emergency, call the care team now) with
 * negation handling, and requests for personal decisions (dose, stop, skip,
 * choose, personal prognosis, taking or combining a treatment given one's own
 * health or medicines) that only the care team can make.
 *
 * Plain C on PCRE2: no loop, no Lua, no network; it keeps working when every
 * plugin failed to load. Wording of every reply is fixed here, in C.
 *
 * Thread use: an hr_safety holds its own PCRE2 match data and prefilter
 * scratch, so use one per thread (each worker creates its own).
 */
#ifndef HERALD_SAFETY_H
#define HERALD_SAFETY_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "diag.h"

enum hr_tier {
	HR_TIER_NONE = 0,
	HR_TIER_CALL_NOW,  /* call the oncology team's 24-hour line now */
	HR_TIER_EMERGENCY, /* call 911 / the local emergency number now */
	HR_TIER_CRISIS,    /* 988 Suicide and Crisis Lifeline first */
};

enum hr_decision {
	HR_DECISION_NONE = 0,
	HR_DECISION_DOSE,      /* "what dose should I take", missed doses, dose changes */
	HR_DECISION_STOP,      /* stopping or skipping a treatment */
	HR_DECISION_CHOOSE,    /* which treatment should I choose */
	HR_DECISION_PROGNOSIS, /* "how long do I have", "will I survive" */
	HR_DECISION_TAKE,      /* "I have migraines, can I take Enhertu?", "can I take X with Y" */
	HR_DECISION_MISSED,    /* a missed, forgotten, doubled or extra dose: call the team today */
};

struct hr_safety_result {
	enum hr_tier tier;
	/* Short name of the rule that fired (for logs and tests), or NULL. It
	 * belongs to the rules every instance shares: valid while one lives. */
	const char *rule;
	enum hr_decision decision;
	int swap; /* the decision is swapping a treatment for something else ("choose") */
	/* Prognosis only: 1 when it is asked of someone else's life ("is my mom
	 * going to die"), so the deferral names that person's care team. */
	int other;
	int group; /* which context sentence the reply adds (internal to safety.c) */
	/* Crisis and emergency: 1 when it is told about someone else ("my wife
	 * doesn't want to be here anymore", "she's not breathing right"), so the
	 * reply speaks to the one who worries or calls. */
	int about_other;
	/* Crisis only: 1 when an emergency sign is told too ("took the whole
	 * bottle an hour ago", "cut too deep and it won't stop bleeding"), so
	 * the reply leads with 911 and 988 comes after (fifteenth round). */
	int emergency_too;
	const char *emergency_rule; /* the emergency rule that set it (logs, tests) */
	/* A sign told plainly that a rule set aside only for a context it needs
	 * and lacks, or one that cancels it (needs=, unless=): breathless "on the
	 * stairs", a fever with no treatment named. The most urgent such rule's
	 * tier, name and group, when no rule fired; read after an alarm
	 * (route_safety.c, en_safety_after_alarm). */
	enum hr_tier held;
	const char *held_rule;
	int held_group;
};

typedef struct hr_safety hr_safety;

/*
 * The tier's name, the same word everywhere: "emergency", "call_now" or
 * "crisis" (the wire's "tier" field, the log and the metrics), or NULL for
 * HR_TIER_NONE. The wire's older "safety" field says "urgent" for both
 * emergency and call_now (hr_safety_name()).
 */
const char *hr_tier_name(enum hr_tier t);

/*
 * Compiles the built-in rules (core/engine/safety.rules, compiled into the binary).
 * Returns 0, or -ENOMEM / -EINVAL (a bug: the build checks every rule).
 */
int hr_safety_new(hr_safety **out);

/*
 * Checks a rules file: TEXT is its contents, FILE its name in messages. Every
 * block is read, every name resolved and every pattern compiled; problems go
 * to DIAG as FILE:LINE messages. Returns 0, -EINVAL or -ENOMEM. The build runs
 * this (safety_rules_check) before it builds the file into the binary.
 */
int hr_safety_check_rules(const char *text, const char *file, hr_diag_fn diag, void *ud);

/* Frees S; NULL is accepted. */
void hr_safety_free(hr_safety *s);

/*
 * Turns the literal prefilter on (the default) or off. With it on, a check runs
 * only the patterns whose required words occur in the text; off, every pattern
 * runs on every message. The results are the same either way: off exists so
 * that tests can prove it and benchmarks can measure it.
 */
void hr_safety_set_prefilter(hr_safety *s, int on);

/* The name of the Ith alert rule (in the order they are tried), or NULL past
 * the last: for the test that every rule fires somewhere. */
const char *hr_safety_rule_name(const hr_safety *s, size_t i);

/* How many PCRE2 matches the last hr_safety_check() on S ran, for benchmarks. */
unsigned hr_safety_matches_run(const hr_safety *s);

/*
 * For tests: asks of TEXT (normalised) whether each of the rules' contexts
 * occurs in it, as a check would, and sets bit K of FOUND (NWORDS words) for
 * each context K that does. Returns how many contexts there are (with FOUND
 * NULL, only that). With the prefilter off each context runs whole; with it
 * on a long one runs only its alternatives the prefilter lets through, which
 * must find the same.
 */
size_t hr_safety_contexts(hr_safety *s, const char *text, uint64_t *found, size_t nwords);

/* Checks TEXT, already normalised by hr_text_normalize(), and fills OUT. */
void hr_safety_check(hr_safety *s, const char *text, struct hr_safety_result *out);

/*
 * Normalises TEXT[0..LEN) (valid UTF-8, as the engine checks) and checks all
 * of it: an emergency told at the end of a long letter counts, however much
 * of the message the intent engine reads. Falls back to the first 4 KiB when
 * memory for a longer text cannot be had.
 */
void hr_safety_check_text(hr_safety *s, const char *text, size_t len, struct hr_safety_result *out);

/*
 * Fills A (which must be empty) with the fixed reply for R's tier: intent
 * "safety.crisis", "safety.emergency" or "safety.call_now", safety crisis or
 * urgent, what to do first, a speech form, sources and suggestions.
 * Returns 0, -EINVAL when R has no tier, or -ENOMEM.
 */
int hr_safety_reply(const struct hr_safety_result *r, struct hr_answer *a);

/* The words of the side effect R's alarm is about ("heart problems"), for a
 * calm follow-up of the reply (docs/intents.md, Conversation); NULL for a
 * crisis, the emergencies and an alarm with no such topic. Static. */
const char *hr_safety_topic(const struct hr_safety_result *r);

/*
 * Adds the fixed deferral for R's decision to a plugin's answer A: it opens
 * with one line of empathy and the sentence that says the care team decides
 * and why, and the plugin's general facts follow. An answer with no topic of
 * its own (empty, or the engine's "safety.decision") gets general facts of
 * the decision's kind instead. Questions to ask the team replace the
 * plugin's suggestions. Never a dose, a stop, a skip or a swap as advice.
 * No-op when R has no decision; a second call changes nothing.
 * Returns 0 or -ENOMEM.
 */
int hr_safety_defer(const struct hr_safety_result *r, struct hr_answer *a);

/* The text of the deferral alone, for answers that have no plugin text. */
const char *hr_safety_deferral_text(enum hr_decision d);

#endif
