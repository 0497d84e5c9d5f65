/*
 * The safety layer's private header: the names of the rules file, the
 * parsed ruleset, and what its three files share. safety.c judges a message,
 * safety_load.c reads and compiles the rules file (and its spelling index),
 * safety_replies.c holds the fixed replies and turns a verdict into an answer.
 * Only these files include it.
 */
#ifndef HERALD_SAFETY_INT_H
#define HERALD_SAFETY_INT_H

#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "prefilter.h"
#include "safety.h"
#include "safety_rules.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Limits for one pcre2_match call. The patterns are simple, so a message that
 * reaches these is hostile or broken; the rule is then treated as not matching. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000

/* How many words before a trigger are read to find a negator, and how many to
 * find a subject or a question marker. */
#define NEG_WINDOW 4
#define SCAN_WINDOW 6

/* The most contexts one rule may need. */
#define MAX_NEEDS 8

/* The rules file, built into the binary (safety_rules_data.c, generated from
 * core/engine/safety.rules by the build after safety_rules_check passed it). */
extern const char hr_safety_rules_text[];

/* ------------------------------------------------------------------------- */
/* What the rules file's names mean here. */

/* Groups share one fixed context sentence in the reply. */
enum group {
	G_NONE = 0,
	G_CRISIS,
	G_CHEST,
	G_BREATHING,
	G_FAINT,
	G_ALLERGY,
	G_NEURO,
	G_BLEED,
	G_FEVER,
	G_LUNG,
	G_BREATH,
	G_HEART,
	G_GUT,
	G_LIVER,
	G_CLOT,
	G_PREGNANCY,
	G_INFECTION,
	G_COUNTS,
	G_SKIN,
	G_MOUTH,
	G_HAND_FOOT,
	G_COUNT,
};

static const char *const group_names[G_COUNT] = {
    [G_NONE] = "none",
    [G_CRISIS] = "crisis",
    [G_CHEST] = "chest",
    [G_BREATHING] = "breathing",
    [G_FAINT] = "faint",
    [G_ALLERGY] = "allergy",
    [G_NEURO] = "neuro",
    [G_BLEED] = "bleed",
    [G_FEVER] = "fever",
    [G_LUNG] = "lung",
    [G_BREATH] = "breath",
    [G_HEART] = "heart",
    [G_GUT] = "gut",
    [G_LIVER] = "liver",
    [G_CLOT] = "clot",
    [G_PREGNANCY] = "pregnancy",
    [G_INFECTION] = "infection",
    [G_COUNTS] = "counts",
    [G_SKIN] = "skin",
    [G_MOUTH] = "mouth",
    [G_HAND_FOOT] = "hand_foot",
};

/* Checks a rule can carry, done here after the trigger is judged. */
enum {
	F_FEVER_WORD = 1 << 0, /* a temperature below the threshold right after it cancels it */
	F_TEMP_WORD = 1 << 1,  /* fires only with a temperature at or above the threshold, or "high" */
	F_TEMP_NUM = 1 << 2,   /* the match holds a temperature; runs only on text with a digit */
	F_COUNT = 1 << 3,      /* group 1 holds an episode count that must be four or more */
	F_RAW = 1 << 4,        /* the pattern is used as written (the reader's business) */
	F_TWO_OF = 1 << 5,     /* its needs= are signals, and any two of them will do */
	F_NON_ASCII = 1 << 6,  /* every match holds bytes outside ASCII; runs only on text that does */
};

static const struct {
	const char *name;
	unsigned flag;
} flag_names[] = {
    {"fever_word", F_FEVER_WORD},
    {"temp_word", F_TEMP_WORD},
    {"temp_num", F_TEMP_NUM},
    {"count", F_COUNT},
    {"raw", F_RAW},
    {"two_of", F_TWO_OF},
    {"non_ascii", F_NON_ASCII},
};

static const char *const tier_names[] = {
    [HR_TIER_NONE] = "none",
    [HR_TIER_CALL_NOW] = "call_now",
    [HR_TIER_EMERGENCY] = "emergency",
    [HR_TIER_CRISIS] = "crisis",
};

static const char *const decision_names[] = {
    [HR_DECISION_NONE] = "none",     [HR_DECISION_DOSE] = "dose",           [HR_DECISION_STOP] = "stop",
    [HR_DECISION_CHOOSE] = "choose", [HR_DECISION_PROGNOSIS] = "prognosis", [HR_DECISION_TAKE] = "take",
    [HR_DECISION_MISSED] = "missed",
};

/* The contexts the judging code itself reads; a rules file must define them. */
enum ctx {
	C_TDXD,
	C_TREAT,
	C_QUESTION,
	C_PRESENT,
	C_GUTMATE,
	C_REST,
	C_PAST,
	C_RESOLVED,
	C_RETURNED,
	C_NOW,
	C_HISTORY,
	C_RECOVERED,
	C_PREVALENCE,
	C_FICTION,
	C_EXPLAINED,
	C_FOR_SELF,
	C_SCREEN,
	C_FOUND,
	NKNOWN_CTX,
};

static const char *const known_ctx_names[NKNOWN_CTX] = {
    [C_TDXD] = "tdxd",
    [C_TREAT] = "treat",
    [C_QUESTION] = "question",
    [C_PRESENT] = "present",
    [C_GUTMATE] = "gutmate",
    [C_REST] = "rest",
    [C_PAST] = "past",
    [C_RESOLVED] = "resolved",
    [C_RETURNED] = "returned",
    [C_NOW] = "now",
    [C_HISTORY] = "history",
    [C_RECOVERED] = "recovered",
    [C_PREVALENCE] = "prevalence",
    [C_FICTION] = "fiction",
    [C_EXPLAINED] = "explained",
    [C_FOR_SELF] = "for_self",
    [C_SCREEN] = "screen",
    [C_FOUND] = "found",
};

/* The word lists the judging code reads. */
enum list {
	L_NEGATORS,
	L_BOUNDARIES,
	L_INFO_WORDS,
	L_WATCH_WORDS,
	L_SIGN_WORDS,
	L_AUXILIARIES,
	L_HYPOTHETICALS,
	L_SUBORDINATORS,
	L_DRUG_WORDS,
	L_PRONOUNS,
	L_POSSESSIVES,
	L_SO_VERBS,
	L_CRISIS_ADVERBS,
	L_HISTORY_SPANS,
	L_TEMP_HIGH,
	L_FUTURE_SUBJECTS,
	L_NEGATIVE_SUBJECTS,
	L_ON_WORDS,
	L_DETERMINERS,
	L_PREPOSITIONS,
	L_NOW_WORDS,
	L_CRISIS_FILLERS,
	L_OTHERS,
	L_KNOW_WORDS,
	L_CRISIS_TOPICS,
	L_GENERIC_PEOPLE,
	L_FEAR_WORDS,
	L_REFLEXIVES,
	L_ONGOING,
	L_TALK_WORDS,
	L_LOSS_WORDS,
	L_HELPERS,
	L_FEEL_WORDS,
	L_TOPIC_STATES,
	L_CANT_WORDS,
	L_FEAR_ADJS,
	L_TOPIC_AFTER,
	L_PAST_SPANS,
	L_PETS,
	NLISTS,
};

static const char *const list_names[NLISTS] = {
    [L_PAST_SPANS] = "past_spans",
    [L_PETS] = "pets",
    [L_NEGATORS] = "negators",
    [L_BOUNDARIES] = "boundaries",
    [L_INFO_WORDS] = "info_words",
    [L_WATCH_WORDS] = "watch_words",
    [L_SIGN_WORDS] = "sign_words",
    [L_AUXILIARIES] = "auxiliaries",
    [L_HYPOTHETICALS] = "hypotheticals",
    [L_SUBORDINATORS] = "subordinators",
    [L_DRUG_WORDS] = "drug_words",
    [L_PRONOUNS] = "pronouns",
    [L_POSSESSIVES] = "possessives",
    [L_SO_VERBS] = "so_verbs",
    [L_CRISIS_ADVERBS] = "crisis_adverbs",
    [L_HISTORY_SPANS] = "history_spans",
    [L_TEMP_HIGH] = "temp_high",
    [L_FUTURE_SUBJECTS] = "future_subjects",
    [L_NEGATIVE_SUBJECTS] = "negative_subjects",
    [L_ON_WORDS] = "on_words",
    [L_DETERMINERS] = "determiners",
    [L_PREPOSITIONS] = "prepositions",
    [L_NOW_WORDS] = "now_words",
    [L_CRISIS_FILLERS] = "crisis_fillers",
    [L_OTHERS] = "others",
    [L_KNOW_WORDS] = "know_words",
    [L_CRISIS_TOPICS] = "crisis_topics",
    [L_GENERIC_PEOPLE] = "generic_people",
    [L_FEAR_WORDS] = "fear_words",
    [L_REFLEXIVES] = "reflexives",
    [L_ONGOING] = "ongoing",
    [L_TALK_WORDS] = "talk_words",
    [L_LOSS_WORDS] = "loss_words",
    [L_HELPERS] = "helpers",
    [L_FEEL_WORDS] = "feel_words",
    [L_TOPIC_STATES] = "topic_states",
    [L_CANT_WORDS] = "cant_words",
    [L_FEAR_ADJS] = "fear_adjs",
    [L_TOPIC_AFTER] = "topic_after",
};

struct rule {
	const char *name; /* owned by the parsed file */
	enum hr_tier tier;
	enum group group;
	unsigned flags;
	size_t needs[MAX_NEEDS]; /* contexts (indices) that must occur */
	int said[MAX_NEEDS];     /* ... and not be negated there (said=, not needs=) */
	size_t nneeds;
	size_t unless[MAX_NEEDS]; /* contexts that, said anywhere, keep the rule quiet */
	size_t nunless;
	const char *src;
	/* A rule of several lines: each line's pattern (the file's), numbered in
	 * the prefilter from BRANCH0. The rule can match only where a line does,
	 * so it runs only when the prefilter lets one of them through: analysed
	 * whole, a long alternation needs only words some line has, and the
	 * crisis rule's (128 lines) ran on half the bench's questions, ~100,000
	 * instructions each (docs/performance.md, eighth round). */
	char *const *branches;
	size_t nbranches, branch0;
};

struct decision_rule {
	enum hr_decision decision;
	int swap;  /* "decision choose swap": a treatment swapped for something else */
	int other; /* "decision prognosis other": asked of someone else's life */
	const char *src;
};

/* One alternative of a context: SRC[START..START+LEN), with the context
 * line's word edges around it when EDGES ("\b(?:" ... ")\b"). */
struct ctx_alt {
	uint32_t start, len;
	uint32_t edges;
};

struct context {
	const char *name;
	const char *src;
	/* Its top-level alternatives, each also a pattern of its own numbered in
	 * the prefilter from ALT0 (ctx_alternatives, safety_load.c): a context
	 * only asks whether it occurs, and it occurs where one of them matches,
	 * so when the prefilter lets few of them through only those run
	 * (has_ctx_at). NALTS is 0 for a context that is not split. */
	struct ctx_alt *alts;
	size_t nalts, alt0;
};

/* The parsed rules file: immutable once built, shared by every instance. */
struct ruleset {
	struct hr_srules *file;
	struct rule *rules;
	size_t nrules;
	struct context *ctx;
	size_t nctx;
	size_t known[NKNOWN_CTX]; /* index in CTX of each context the code reads */
	struct decision_rule *decisions;
	size_t ndecisions;
	const char **lists[NLISTS]; /* NULL-terminated; the words are the file's */
	struct spelling *spell;
	hr_prefilter *pf;
	size_t npf; /* patterns in PF: NPATTERNS, the rules' lines, the contexts' alternatives */
};

/* Every pattern has a number in the prefilter: the alert rules first, then
 * the context patterns, then the decision rules, then each rule's lines
 * (struct rule), then each context's alternatives (struct context). */
#define PF_RULE(rs, i) (i)
#define PF_CTX(rs, k) ((rs)->nrules + (size_t)(k))
#define PF_DECISION(rs, i) ((rs)->nrules + (rs)->nctx + (i))
#define NPATTERNS(rs) ((rs)->nrules + (rs)->nctx + (rs)->ndecisions)

/* safety_load.c */
const char *sf_spelling_fix(const struct spelling *sp, const char *text, char **buf, size_t *cap);
int sf_shared_get(struct ruleset **out);
void sf_shared_put(struct ruleset *rs);
pcre2_code *sf_compile(const char *name, const char *src, int *err, hr_diag_fn diag, void *ud,
                       const char *file, int line);
char *sf_ctx_alt_source(const struct context *x, size_t k);

#endif
