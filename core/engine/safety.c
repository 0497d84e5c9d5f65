/*
 * The safety layer. See safety.h for the contract, the content guide ("The
 * safety layer comes first", "Scope") for what it must catch, docs/safety.md
 * for how well it does, and core/safety.rules for the words and the rules.
 *
 * How a message is judged
 * -----------------------
 * The input is already normalised (lower case, punctuation as spaces), so the
 * rules are written against single-spaced lower-case words.
 *
 * 0. Spelling. Words the rules file names as spelling targets ("suicide",
 *    "breathe", "unconscious"...) are looked for one typing slip away: a word
 *    of five or more letters that is not a target and not a real word the
 *    file keeps ("paint" is not "faint") and that is one letter dropped, added,
 *    changed or swapped from a target is read as the target; and the file's
 *    explicit fixes ("kms" = "kill myself") are applied. The rules then run on
 *    the corrected text.
 *
 * 1. Triggers. Each rule is one PCRE2 pattern built from concept lexicons (a
 *    body part, a feeling, a severity, who is affected...), written to
 *    tolerate paraphrase and speech-recogniser spellings. Rules are listed by
 *    tier, highest first, so the first rule that fires gives the tier: crisis,
 *    then emergency, then call now.
 *
 * 2. Negation. For every place a trigger matches, the words just before it in
 *    the same clause are read backwards. A negator ("no", "not", "don't",
 *    "never", "without", "denies"...) within four words cancels that match, and
 *    reaches across a list ("I don't have a fever or chills"); "but", "so",
 *    "because", "just" and the like end the clause, so in "no fever but chills"
 *    only the fever is cancelled. Crisis phrases are cancelled only by a negator
 *    right before them ("I'm not suicidal", "I really don't want to die"),
 *    because erring towards the crisis reply is the safe side. A trigger
 *    followed by "years ago", "last year" or "in the past" is history, not an
 *    alert. A fever or chills from some time ago that is over ("fever last week
 *    but it's gone") is not a call now either, unless the message also says
 *    something is happening now.
 *
 * 3. Report or question. Emergency and call-now rules must not fire on a
 *    question about warning signs. The same backward reading classifies the
 *    match as
 *      - reported: a first-person or caregiver subject sits before it ("I have",
 *        "my chest", "she is", "there is", "why do I have");
 *      - informational: it is the object of a question about the symptom
 *        ("about", "can X cause", "signs of", "watch for", "if", "you"), or a
 *        search-style topic with a drug name right before it ("herceptin chest
 *        pain");
 *      - plain: none of these ("chest pain on herceptin").
 *    A reported match fires. An informational match fires only when the message
 *    also says it is happening now ("right now", "since last night", "for two
 *    days", "should I go to the ER"). A plain match fires unless the whole
 *    message is framed as a question (it starts with what/when/how/is/can...,
 *    or asks about signs, symptoms, side effects, "is it normal", "when should I
 *    call"), again unless it says it is happening now. A temperature reading at
 *    or above the threshold counts as a report however it is framed. Crisis is
 *    never downgraded by question framing.
 *
 * 4. Context. A rule can need context anywhere in the message (`needs=` in
 *    the rules file; `said=` when it must not be negated there): a cough is a call-now only with
 *    trastuzumab deruxtecan (Enhertu) named, pregnancy only with a drug named
 *    or treatment under way ("on chemo"; not "what treatment"), plain
 *    diarrhoea only with a companion sign (fever, dizziness, vomiting, not
 *    keeping fluids down, blood). Other checks are done here in C: a count of
 *    episodes must be four or more, and a temperature at or above 100.4 F /
 *    38 C. A fever or chills reported without a number fires: the people
 *    herald serves are nearly all on or just after treatment, and the reply
 *    only asks them to call their team. Heart, liver and clot signs do not
 *    need a drug named for the same reason.
 *
 * 5. Decisions. Independently of the tier, a second set of patterns recognises
 *    requests for a personal decision. Dose: "what dose should I take", "how
 *    much X should I take", a missed, extra, doubled or changed dose. Stop: "should
 *    I stop/skip/quit/pause" a treatment, "I want to stop chemo", "do I have to
 *    finish". Choose: "should I choose X or Y", "which treatment should I get",
 *    "is X better for me", "do I need chemo". Prognosis: "how long do I have",
 *    "will I survive", "what are my chances". General questions with no person
 *    in them ("what is the usual dose of herceptin", "how is it dosed", "how long
 *    is herceptin given", "what is the survival rate") are not decisions: the
 *    plugin answers them with population facts. Take: whether this person may
 *    take, start or combine a treatment or another medicine given their own
 *    health or other medicines ("I have migraines, can I take Enhertu?", "should
 *    I take Kadcyla if I have liver disease", "I'm on warfarin, can I also take
 *    tucatinib", "can I take ibuprofen with Enhertu", "is it safe for me to
 *    take Herceptin"). The drug being asked about need not be one herald
 *    knows; a question about the drug alone ("what is Enhertu", "can Herceptin
 *    cause headaches", "should I take tucatinib with food") is not one.
 *
 * 6. Prefilter. Almost every message is an ordinary question that fires no
 *    rule, and running every pattern on it costs more than the rest of the
 *    check. So at start-up every pattern (the rules, the context patterns and
 *    the decisions) is analysed by the intent engine's literal prefilter
 *    (core/prefilter.c) into the words any match must contain, and each
 *    message is scanned once for them: a pattern whose words are missing
 *    cannot match anywhere in the message, so it is not run, and the answer
 *    is the same as running it. A pattern that needs no word, and every
 *    pattern on a message with non-ASCII bytes (whose other case forms PCRE2
 *    might match), always runs. The analysis lower-cases the patterns and the
 *    text, so case cannot hide a match (the rules themselves are written
 *    against lower case and compiled case-sensitive; lower-casing only makes
 *    the prefilter let more through). hr_safety_set_prefilter() turns it off,
 *    and the unit tests compare both ways on every question they know.
 *
 * The rules file is read once: the parsed rules, the spelling index and the
 * prefilter are immutable and shared by every instance (one per worker
 * thread); each instance compiles its own PCRE2 code and scratch.
 *
 * Nothing here logs message text: only rule names and PCRE2 error codes.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety.h"

#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "prefilter.h"
#include "safety_rules.h"
#include "text.h"

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
#define MAX_NEEDS 4

/* The rules file, built into the binary (safety_rules_data.c, generated from
 * core/safety.rules by the build after safety_rules_check passed it). */
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
};

/* Checks a rule can carry, done here after the trigger is judged. */
enum {
	F_FEVER_WORD = 1 << 0, /* a temperature below the threshold right after it cancels it */
	F_TEMP_WORD = 1 << 1,  /* fires only with a temperature at or above the threshold, or "high" */
	F_TEMP_NUM = 1 << 2,   /* the match holds a temperature; runs only on text with a digit */
	F_COUNT = 1 << 3,      /* group 1 holds an episode count that must be four or more */
	F_RAW = 1 << 4,        /* the pattern is used as written (the reader's business) */
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
	NKNOWN_CTX,
};

static const char *const known_ctx_names[NKNOWN_CTX] = {
    [C_TDXD] = "tdxd",         [C_TREAT] = "treat", [C_QUESTION] = "question", [C_PRESENT] = "present",
    [C_GUTMATE] = "gutmate",   [C_REST] = "rest",   [C_PAST] = "past",         [C_RESOLVED] = "resolved",
    [C_RETURNED] = "returned", [C_NOW] = "now",     [C_HISTORY] = "history",   [C_RECOVERED] = "recovered",
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
	NLISTS,
};

static const char *const list_names[NLISTS] = {
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
};

struct decision_rule {
	enum hr_decision decision;
	int swap; /* "decision choose swap": a treatment swapped for something else */
	const char *src;
};

struct context {
	const char *name;
	const char *src;
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
};

/* Every pattern has a number in the prefilter: the alert rules first, then
 * the context patterns, then the decision rules. */
#define PF_RULE(rs, i) (i)
#define PF_CTX(rs, k) ((rs)->nrules + (size_t)(k))
#define PF_DECISION(rs, i) ((rs)->nrules + (rs)->nctx + (i))
#define NPATTERNS(rs) ((rs)->nrules + (rs)->nctx + (rs)->ndecisions)

/* ------------------------------------------------------------------------- */
/* Spelling. */

/* Words shorter than this are never corrected: too many real words are one
 * letter from a short one ("dye" and "die"). */
#define SPELL_MIN 5

/* The spelling targets, found by their first two letters or their last two:
 * one slip in a word of five or more letters leaves one of the two intact. */
struct spelling {
	const char **targets; /* the file's words, in file order */
	uint8_t *target_len;
	size_t ntargets;
	uint16_t *by_head[26 * 26], *by_tail[26 * 26]; /* target indices, ending in UINT16_MAX */
	const char **keep;                             /* sorted: real words left alone */
	size_t nkeep;
	const char **fix_from; /* sorted with FIX_TO: explicit fixes */
	const char **fix_to;
	size_t nfix;
};

static void spelling_free(struct spelling *sp)
{
	if (!sp)
		return;
	for (size_t i = 0; i < 26 * 26; i++) {
		free(sp->by_head[i]);
		free(sp->by_tail[i]);
	}
	free(sp->targets);
	free(sp->target_len);
	free(sp->keep);
	for (size_t i = 0; i < sp->nfix; i++)
		free((char *)sp->fix_from[i]);
	free(sp->fix_from);
	free(sp->fix_to);
	free(sp);
}

static int is_lower_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	}
	return 1;
}

static int pair_of(char a, char b)
{
	return (a - 'a') * 26 + (b - 'a');
}

static int push_index(uint16_t **v, uint16_t idx)
{
	size_t n = 0;
	while (*v && (*v)[n] != UINT16_MAX)
		n++;
	uint16_t *nv = realloc(*v, (n + 2) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	nv[n] = idx;
	nv[n + 1] = UINT16_MAX;
	*v = nv;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the spell blocks: targets and keep (words), fixes ("wrong = right
 * words" lines). */
static int spelling_build(const struct hr_srules *file, const char *path, hr_diag_fn diag, void *ud,
                          struct spelling **out)
{
	struct spelling *sp = calloc(1, sizeof(*sp));
	int err = 0;
	*out = NULL;
	if (!sp)
		return -ENOMEM;
	for (size_t i = 0; i < file->nblocks; i++) {
		const struct hr_srules_block *b = &file->blocks[i];
		if (b->kind != HR_SRULES_SPELL)
			continue;
		if (strcmp(b->name, "targets") == 0 || strcmp(b->name, "keep") == 0) {
			int targets = b->name[0] == 't';
			const char ***v = targets ? &sp->targets : &sp->keep;
			size_t *n = targets ? &sp->ntargets : &sp->nkeep;
			const char **nv = realloc(*v, (*n + b->nwords + 1) * sizeof(*nv));
			if (!nv) {
				err = -ENOMEM;
				break;
			}
			*v = nv;
			for (size_t k = 0; k < b->nwords; k++) {
				const char *w = b->words[k];
				size_t wl = strlen(w);
				if (!is_lower_word(w, wl) || wl < 4 || (targets && *n >= UINT16_MAX - 1)) {
					hr_diagf(diag, ud, path, b->line,
					         "spell %s: '%s' is not a word of four or more letters a-z",
					         b->name, w);
					err = -EINVAL;
					continue;
				}
				nv[(*n)++] = w;
			}
		} else if (strcmp(b->name, "fixes") == 0) {
			size_t n = b->nlines;
			sp->fix_from = calloc(n + 1, sizeof(*sp->fix_from));
			sp->fix_to = calloc(n + 1, sizeof(*sp->fix_to));
			if (!sp->fix_from || !sp->fix_to) {
				err = -ENOMEM;
				break;
			}
			for (size_t k = 0; k < n; k++) {
				const char *line = b->lines[k];
				const char *eq = strstr(line, " = ");
				if (!eq || strchr(line, ' ') != eq ||
				    !is_lower_word(line, (size_t)(eq - line)) || !eq[3]) {
					hr_diagf(diag, ud, path, b->line_nos[k],
					         "spell fixes: expected 'wrong = right words', got '%s'",
					         line);
					err = -EINVAL;
					continue;
				}
				if (!(sp->fix_from[sp->nfix] = strndup(line, (size_t)(eq - line)))) {
					err = -ENOMEM;
					break;
				}
				sp->fix_to[sp->nfix++] = eq + 3;
			}
		} else {
			hr_diagf(diag, ud, path, b->line, "unknown spell block '%s' (targets, keep, fixes)",
			         b->name);
			err = -EINVAL;
		}
	}
	if (!err && !(sp->target_len = calloc(sp->ntargets + 1, 1)))
		err = -ENOMEM;
	if (!err) {
		for (size_t i = 0; i < sp->ntargets && !err; i++) {
			const char *t = sp->targets[i];
			size_t n = strlen(t);
			sp->target_len[i] = (uint8_t)(n < 255 ? n : 255);
			err = push_index(&sp->by_head[pair_of(t[0], t[1])], (uint16_t)i);
			if (!err)
				err = push_index(&sp->by_tail[pair_of(t[n - 2], t[n - 1])], (uint16_t)i);
		}
		if (sp->keep)
			qsort(sp->keep, sp->nkeep, sizeof(*sp->keep), cmp_str);
		/* Sort the fixes by their wrong word, keeping each pair together. */
		for (size_t i = 1; i < sp->nfix; i++) {
			for (size_t j = i; j > 0 && strcmp(sp->fix_from[j - 1], sp->fix_from[j]) > 0; j--) {
				const char *f = sp->fix_from[j], *t = sp->fix_to[j];
				sp->fix_from[j] = sp->fix_from[j - 1];
				sp->fix_to[j] = sp->fix_to[j - 1];
				sp->fix_from[j - 1] = f;
				sp->fix_to[j - 1] = t;
			}
		}
	}
	if (err) {
		spelling_free(sp);
		return err;
	}
	*out = sp;
	return 0;
}

/* Whether A[0..LA) is exactly one letter dropped, added, changed or swapped
 * from B[0..LB). */
static int one_slip(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;
	if (la == lb) {
		while (i < la && a[i] == b[i])
			i++;
		if (i == la)
			return 0; /* the same word */
		if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
	}
	if (la == lb + 1 || lb == la + 1) {
		const char *lo = la < lb ? a : b, *hi = la < lb ? b : a;
		size_t ln = la < lb ? la : lb;
		while (i < ln && lo[i] == hi[i])
			i++;
		return memcmp(lo + i, hi + i + 1, ln - i) == 0;
	}
	return 0;
}

/* Looks W[0..N) up in the sorted array V of C strings. */
static long find_word(const char *const *v, size_t nv, const char *w, size_t n)
{
	size_t lo = 0, hi = nv;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(v[mid], w, n);
		if (c == 0 && v[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The target word W[0..N) is a slip from, or NULL (it is a target, a kept
 * word, or no target is one slip away). */
static const char *spelling_target(const struct spelling *sp, const char *w, size_t n)
{
	if (n < SPELL_MIN || n > 40 || !is_lower_word(w, n))
		return NULL;
	const uint16_t *lists[2] = {sp->by_head[pair_of(w[0], w[1])],
	                            sp->by_tail[pair_of(w[n - 2], w[n - 1])]};
	const char *best = NULL;
	size_t besti = SIZE_MAX;
	for (int k = 0; k < 2; k++) {
		for (const uint16_t *p = lists[k]; p && *p != UINT16_MAX; p++) {
			const char *t = sp->targets[*p];
			size_t tl = sp->target_len[*p];
			if (tl + 1 < n || tl > n + 1)
				continue;
			if (tl == n && memcmp(t, w, n) == 0)
				return NULL; /* already a target */
			if (*p < besti && one_slip(w, n, t, tl)) {
				best = t;
				besti = *p;
			}
		}
	}
	if (best && find_word(sp->keep, sp->nkeep, w, n) >= 0)
		return NULL;
	return best;
}

/*
 * Writes TEXT with its misspellings corrected to *BUF (capacity *CAP, grown
 * with realloc when a long message needs it). On failure to grow, the text
 * is used as it is. Returns the text to check.
 */
static const char *spelling_fix(const struct spelling *sp, const char *text, char **buf, size_t *cap)
{
	size_t len = strlen(text), o = 0;
	if (!sp || (!sp->ntargets && !sp->nfix))
		return text;
	const char *p = text;
	while (*p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		const char *rep = NULL;
		long f = find_word(sp->fix_from, sp->nfix, w, n);
		if (f >= 0)
			rep = sp->fix_to[f];
		else
			rep = spelling_target(sp, w, n);
		const char *src = rep ? rep : w;
		size_t sn = rep ? strlen(rep) : n;
		/* Room for this word, a space and the NUL. */
		if (o + sn + 2 > *cap) {
			size_t ncap = (o + sn + 2 + (len - (size_t)(w - text))) * 2;
			char *nb = realloc(*buf, ncap);
			if (!nb)
				return text;
			*buf = nb;
			*cap = ncap;
		}
		if (o > 0)
			(*buf)[o++] = ' ';
		memcpy(*buf + o, src, sn);
		o += sn;
	}
	if (!*buf)
		return text;
	(*buf)[o] = '\0';
	return *buf;
}

/* ------------------------------------------------------------------------- */
/* Reading the rules file. */

static int index_of(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

static void spelling_free(struct spelling *sp);
static int spelling_build(const struct hr_srules *file, const char *path, hr_diag_fn diag, void *ud,
                          struct spelling **out);

static void ruleset_free(struct ruleset *rs)
{
	if (!rs)
		return;
	hr_prefilter_free(rs->pf);
	spelling_free(rs->spell);
	for (size_t i = 0; i < NLISTS; i++)
		free(rs->lists[i]);
	free(rs->rules);
	free(rs->ctx);
	free(rs->decisions);
	hr_srules_free(rs->file);
	free(rs);
}

/* The source of pattern ID, numbered as in the prefilter. */
static const char *pattern_src(const struct ruleset *rs, size_t id)
{
	if (id < rs->nrules)
		return rs->rules[id].src;
	id -= rs->nrules;
	if (id < rs->nctx)
		return rs->ctx[id].src;
	return rs->decisions[id - rs->nctx].src;
}

/* Reads rule block B into R: TIER GROUP [FLAG|needs=CONTEXT ...]. */
static int load_rule(struct ruleset *rs, const struct hr_srules_block *b, const char *file, hr_diag_fn diag,
                     void *ud, struct rule *r)
{
	int err = 0, k;
	r->name = b->name;
	r->src = b->pattern;
	if (b->nargs < 2) {
		hr_diagf(diag, ud, file, b->line, "rule %s: expected 'rule NAME TIER GROUP [FLAG...]'",
		         b->name);
		return -EINVAL;
	}
	if ((k = index_of(tier_names, ARRAY_SIZE(tier_names), b->args[0])) <= 0) {
		hr_diagf(diag, ud, file, b->line, "rule %s: unknown tier '%s' (crisis, emergency, call_now)",
		         b->name, b->args[0]);
		err = -EINVAL;
	}
	r->tier = k > 0 ? (enum hr_tier)k : HR_TIER_NONE;
	if ((k = index_of(group_names, G_COUNT, b->args[1])) < 0) {
		hr_diagf(diag, ud, file, b->line, "rule %s: unknown group '%s'", b->name, b->args[1]);
		err = -EINVAL;
	}
	r->group = k >= 0 ? (enum group)k : G_NONE;
	for (size_t i = 2; i < b->nargs; i++) {
		const char *a = b->args[i];
		if (strncmp(a, "needs=", 6) == 0 || strncmp(a, "said=", 5) == 0 ||
		    strncmp(a, "unless=", 7) == 0) {
			const char *cn = strchr(a, '=') + 1;
			size_t c;
			for (c = 0; c < rs->nctx && strcmp(rs->ctx[c].name, cn) != 0; c++)
				;
			if (c == rs->nctx) {
				hr_diagf(diag, ud, file, b->line, "rule %s: no context named '%s'", b->name,
				         cn);
				err = -EINVAL;
			} else if (r->nneeds == MAX_NEEDS || r->nunless == MAX_NEEDS) {
				hr_diagf(diag, ud, file, b->line, "rule %s: more than %d needs or unless",
				         b->name, MAX_NEEDS);
				err = -EINVAL;
			} else if (a[0] == 'u') {
				r->unless[r->nunless++] = c;
			} else {
				r->said[r->nneeds] = a[0] == 's';
				r->needs[r->nneeds++] = c;
			}
			continue;
		}
		size_t f;
		for (f = 0; f < ARRAY_SIZE(flag_names) && strcmp(flag_names[f].name, a) != 0; f++)
			;
		if (f == ARRAY_SIZE(flag_names)) {
			hr_diagf(diag, ud, file, b->line,
			         "rule %s: unknown flag '%s' (raw, needs=, said=, unless=CONTEXT, "
			         "fever_word, temp_word, "
			         "temp_num, count)",
			         b->name, a);
			err = -EINVAL;
			continue;
		}
		r->flags |= flag_names[f].flag;
	}
	return err;
}

/* Builds a NULL-terminated array of list block B's words. */
static int load_list(const struct hr_srules_block *b, const char ***out)
{
	const char **v = calloc(b->nwords + 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < b->nwords; i++)
		v[i] = b->words[i];
	*out = v;
	return 0;
}

/*
 * Reads the rules file TEXT (FILE names it in messages) into a ruleset:
 * every name checked, the spelling index and the prefilter built. Problems go
 * to DIAG. Returns 0, -EINVAL or -ENOMEM.
 */
static int ruleset_load(const char *text, const char *file, hr_diag_fn diag, void *ud, struct ruleset **out)
{
	*out = NULL;
	struct ruleset *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	int err = hr_srules_parse(text, file, diag, ud, &rs->file);
	if (err)
		goto fail;
	const struct hr_srules *f = rs->file;
	for (size_t i = 0; i < f->nblocks; i++) {
		rs->nrules += f->blocks[i].kind == HR_SRULES_RULE;
		rs->nctx += f->blocks[i].kind == HR_SRULES_CONTEXT;
		rs->ndecisions += f->blocks[i].kind == HR_SRULES_DECISION;
	}
	err = -ENOMEM;
	rs->rules = calloc(rs->nrules + 1, sizeof(*rs->rules));
	rs->ctx = calloc(rs->nctx + 1, sizeof(*rs->ctx));
	rs->decisions = calloc(rs->ndecisions + 1, sizeof(*rs->decisions));
	if (!rs->rules || !rs->ctx || !rs->decisions)
		goto fail;
	err = 0;

	/* Contexts first: rules name them. */
	size_t n = 0;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		if (b->kind == HR_SRULES_CONTEXT)
			rs->ctx[n++] = (struct context){b->name, b->pattern};
	}
	for (size_t k = 0; k < NKNOWN_CTX; k++) {
		size_t c;
		for (c = 0; c < rs->nctx && strcmp(rs->ctx[c].name, known_ctx_names[k]) != 0; c++)
			;
		if (c == rs->nctx) {
			hr_diagf(diag, ud, file, 0, "no context %s (core/safety.c reads it)",
			         known_ctx_names[k]);
			err = -EINVAL;
		}
		rs->known[k] = c;
	}

	enum hr_tier last = HR_TIER_CRISIS;
	size_t nr = 0, nd = 0;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		int rc = 0;
		if (b->kind == HR_SRULES_RULE) {
			struct rule *r = &rs->rules[nr++];
			rc = load_rule(rs, b, file, diag, ud, r);
			/* The first rule that fires decides, so a lower tier before a
			 * higher one would hide it. */
			if (!rc && r->tier > last) {
				hr_diagf(diag, ud, file, b->line,
				         "rule %s (%s) comes after a %s rule: list rules highest tier first",
				         r->name, tier_names[r->tier], tier_names[last]);
				rc = -EINVAL;
			}
			if (!rc)
				last = r->tier;
		} else if (b->kind == HR_SRULES_DECISION) {
			int k = index_of(decision_names, ARRAY_SIZE(decision_names), b->name);
			if (k <= 0) {
				hr_diagf(
				    diag, ud, file, b->line,
				    "unknown decision '%s' (dose, missed, stop, choose, prognosis, take)",
				    b->name);
				rc = -EINVAL;
			}
			int swap = 0;
			for (size_t a = 0; a < b->nargs; a++) {
				if (strcmp(b->args[a], "swap") == 0 && k == HR_DECISION_CHOOSE) {
					swap = 1;
				} else {
					hr_diagf(diag, ud, file, b->line,
					         "unknown decision flag '%s' (swap, on choose)", b->args[a]);
					rc = -EINVAL;
				}
			}
			rs->decisions[nd++] =
			    (struct decision_rule){(enum hr_decision)(k > 0 ? k : 0), swap, b->pattern};
		} else if (b->kind == HR_SRULES_LIST) {
			int k = index_of(list_names, NLISTS, b->name);
			if (k < 0) {
				hr_diagf(diag, ud, file, b->line, "unknown list '%s'", b->name);
				rc = -EINVAL;
			} else {
				rc = load_list(b, &rs->lists[k]);
			}
		}
		if (rc)
			err = err == -ENOMEM ? err : rc;
	}
	for (size_t k = 0; k < NLISTS; k++) {
		if (!rs->lists[k] && err != -ENOMEM) {
			hr_diagf(diag, ud, file, 0, "no list %s (core/safety.c reads it)", list_names[k]);
			err = -EINVAL;
		}
	}
	if (err)
		goto fail;
	if ((err = spelling_build(f, file, diag, ud, &rs->spell)))
		goto fail;

	err = -ENOMEM;
	if (!(rs->pf = hr_prefilter_new()))
		goto fail;
	err = 0;
	for (size_t i = 0; i < NPATTERNS(rs) && !err; i++)
		err = hr_prefilter_add(rs->pf, pattern_src(rs, i));
	if (!err)
		err = hr_prefilter_build(rs->pf);
	if (err)
		goto fail;
	*out = rs;
	return 0;
fail:
	ruleset_free(rs);
	return err;
}

/* The built-in rules are read once, by the first hr_safety_new(), shared by
 * every instance (one per worker thread), and freed with the last. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ruleset *shared_rs;
static unsigned shared_users;

static int shared_get(struct ruleset **out)
{
	int err = 0;
	pthread_mutex_lock(&shared_lock);
	if (!shared_rs) {
		/* The build checked this text, so a problem here is a bug; it is
		 * logged all the same. */
		err = ruleset_load(hr_safety_rules_text, "safety.rules (built in)", hr_diag_log, NULL,
		                   &shared_rs);
	}
	if (!err) {
		shared_users++;
		*out = shared_rs;
	}
	pthread_mutex_unlock(&shared_lock);
	return err;
}

static void shared_put(struct ruleset *rs)
{
	if (!rs)
		return;
	pthread_mutex_lock(&shared_lock);
	if (--shared_users == 0) {
		ruleset_free(shared_rs);
		shared_rs = NULL;
	}
	pthread_mutex_unlock(&shared_lock);
}

/* Compiles one pattern with JIT. NAME and LINE only report a broken rule:
 * to DIAG when one is given, else to the log. */
static pcre2_code *compile(const char *name, const char *src, int *err, hr_diag_fn diag, void *ud,
                           const char *file, int line)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];
		pcre2_get_error_message(code, msg, sizeof(msg));
		if (diag)
			hr_diagf(diag, ud, file, line,
			         "%s does not compile at offset %zu of its expansion: %s", name, (size_t)off,
			         (const char *)msg);
		else
			hr_err("safety: rule %s does not compile at offset %zu: %s", name, (size_t)off,
			       (const char *)msg);
		*err = code == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EINVAL;
		return NULL;
	}
	/* JIT is an optimisation: without it (unsupported CPU, no executable
	 * memory) the interpreter gives the same answers. */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int hr_safety_check_rules(const char *text, const char *file, hr_diag_fn diag, void *ud)
{
	struct ruleset *rs = NULL;
	int err = ruleset_load(text, file, diag, ud, &rs);
	if (err)
		return err;
	/* Every pattern must compile. */
	const struct hr_srules *f = rs->file;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		if (!b->pattern)
			continue;
		char what[160];
		snprintf(what, sizeof(what), "%s %s",
		         b->kind == HR_SRULES_RULE      ? "rule"
		         : b->kind == HR_SRULES_CONTEXT ? "context"
		                                        : "decision",
		         b->name);
		int rc = 0;
		pcre2_code *re = compile(what, b->pattern, &rc, diag, ud, file, b->line);
		pcre2_code_free(re);
		if (rc)
			err = err == -ENOMEM ? err : rc;
	}
	ruleset_free(rs);
	return err;
}

/* ------------------------------------------------------------------------- */
/* Instances. */

/* The room for the corrected text an instance starts with: the engine's
 * 1 KiB, and spelling fixes that lengthen a word ("kms" = "kill myself"). */
#define TEXT_ROOM 2048

struct hr_safety {
	const struct ruleset *rs; /* shared, see shared_get */
	pcre2_code **rules;
	pcre2_code **ctx;
	pcre2_code **decisions;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	hr_prefilter_scratch *pfs;
	uint64_t *may;     /* the prefilter's result, one bit per pattern */
	int *ctx_state;    /* per context: -1 unknown, 0 or 1 (has_ctx), 2 said (said_unnegated) */
	int no_prefilter;  /* every pattern runs (hr_safety_set_prefilter) */
	unsigned nmatches; /* pcre2_match calls of the last check */
	char *fixed;       /* the text after spelling correction (grown for long texts) */
	size_t fixed_cap;
	char *norm; /* hr_safety_check_text's normalised text (grown for long texts) */
	size_t norm_cap;
};

int hr_safety_new(hr_safety **out)
{
	int err = -ENOMEM;
	hr_safety *s = calloc(1, sizeof(*s));
	struct ruleset *rs = NULL;
	*out = NULL;
	if (!s)
		return -ENOMEM;
	if ((err = shared_get(&rs)))
		goto fail;
	s->rs = rs;
	err = -ENOMEM;
	s->rules = calloc(rs->nrules + 1, sizeof(*s->rules));
	s->ctx = calloc(rs->nctx + 1, sizeof(*s->ctx));
	s->decisions = calloc(rs->ndecisions + 1, sizeof(*s->decisions));
	s->may = calloc((NPATTERNS(rs) + 63) / 64 + 1, sizeof(*s->may));
	s->ctx_state = calloc(rs->nctx + 1, sizeof(*s->ctx_state));
	s->fixed = malloc(TEXT_ROOM);
	s->fixed_cap = TEXT_ROOM;
	s->norm = malloc(TEXT_ROOM);
	s->norm_cap = TEXT_ROOM;
	if (!s->rules || !s->ctx || !s->decisions || !s->may || !s->ctx_state || !s->fixed || !s->norm)
		goto fail;
	for (size_t i = 0; i < rs->nrules; i++) {
		if (!(s->rules[i] = compile(rs->rules[i].name, rs->rules[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	for (size_t i = 0; i < rs->nctx; i++) {
		if (!(s->ctx[i] = compile(rs->ctx[i].name, rs->ctx[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	for (size_t i = 0; i < rs->ndecisions; i++) {
		if (!(s->decisions[i] = compile("decision", rs->decisions[i].src, &err, NULL, NULL, NULL, 0)))
			goto fail;
	}
	err = -ENOMEM;
	if (!(s->pfs = hr_prefilter_scratch_new(rs->pf)))
		goto fail;
	s->md = pcre2_match_data_create(8, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	if (!s->md || !s->mctx)
		goto fail;
	pcre2_set_match_limit(s->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(s->mctx, DEPTH_LIMIT);
	*out = s;
	return 0;
fail:
	hr_safety_free(s);
	return err;
}

void hr_safety_free(hr_safety *s)
{
	if (!s)
		return;
	const struct ruleset *rs = s->rs;
	for (size_t i = 0; rs && s->rules && i < rs->nrules; i++)
		pcre2_code_free(s->rules[i]);
	for (size_t i = 0; rs && s->ctx && i < rs->nctx; i++)
		pcre2_code_free(s->ctx[i]);
	for (size_t i = 0; rs && s->decisions && i < rs->ndecisions; i++)
		pcre2_code_free(s->decisions[i]);
	free(s->rules);
	free(s->ctx);
	free(s->decisions);
	free(s->may);
	free(s->ctx_state);
	free(s->fixed);
	free(s->norm);
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	hr_prefilter_scratch_free(s->pfs);
	shared_put((struct ruleset *)rs);
	free(s);
}

void hr_safety_set_prefilter(hr_safety *s, int on)
{
	s->no_prefilter = !on;
}

const char *hr_safety_rule_name(const hr_safety *s, size_t i)
{
	return s && i < s->rs->nrules ? s->rs->rules[i].name : NULL;
}

unsigned hr_safety_matches_run(const hr_safety *s)
{
	return s->nmatches;
}

/* Runs RE on TEXT from OFFSET. Returns how many ovector pairs were set (at
 * least 1) on a match, 0 when there is none or the match failed; a failure is
 * logged with NAME only. */
static int match(hr_safety *s, pcre2_code *re, const char *name, const char *text, size_t len, size_t offset)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, offset, 0, s->md, s->mctx);
	s->nmatches++;
	if (rc > 0)
		return rc;
	if (rc == 0) /* the ovector was too small: the whole match is still there */
		return (int)pcre2_get_ovector_count(s->md);
	if (rc != PCRE2_ERROR_NOMATCH)
		hr_warn("safety: rule %s: match error %d", name, rc);
	return 0;
}

/* ------------------------------------------------------------------------- */
/* Words around a trigger. */

/* A word of the message: where it starts and how long it is. */
struct word {
	const char *p;
	size_t n;
};

/* Collects up to MAX words that end at or before byte POS, nearest first. */
static size_t words_before(const char *text, size_t pos, struct word *w, size_t max)
{
	size_t n = 0, i = pos;
	while (n < max) {
		while (i > 0 && text[i - 1] == ' ')
			i--;
		if (i == 0)
			break;
		size_t end = i;
		while (i > 0 && text[i - 1] != ' ')
			i--;
		w[n].p = text + i;
		w[n].n = end - i;
		n++;
	}
	return n;
}

/* Collects up to MAX words that start at or after byte POS, in order. */
static size_t words_after(const char *text, size_t len, size_t pos, struct word *w, size_t max)
{
	size_t n = 0, i = pos;
	/* Skip the rest of a word POS points into. */
	while (i < len && i > 0 && text[i - 1] != ' ' && text[i] != ' ')
		i++;
	while (n < max) {
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i;
		while (i < len && text[i] != ' ')
			i++;
		w[n].p = text + start;
		w[n].n = i - start;
		n++;
	}
	return n;
}

/* Compares without strlen(): the word lists are read on every trigger. */
static int word_is(const struct word *w, const char *s)
{
	for (size_t i = 0; i < w->n; i++) {
		if (s[i] != w->p[i])
			return 0; /* also when S is shorter: its NUL differs */
	}
	return s[w->n] == '\0';
}

static int word_in(const struct word *w, const char *const *list)
{
	for (; *list; list++) {
		if (word_is(w, *list))
			return 1;
	}
	return 0;
}

enum stance {
	PLAIN,    /* neither a report nor a question about the topic */
	NEGATED,  /* a negator cancels the trigger */
	INFO,     /* the trigger is the topic of a question */
	TOPIC,    /* a drug right before it, search-style: INFO unless a report follows */
	HYPO,     /* a condition, a future or a might-have-been: "if I get", "I'll have", "I could have" */
	REPORTED, /* someone reports it as happening */
};

/* "her" is a possessive except in the speech form of Enhertu, "in her two". */
static int is_possessive(const struct ruleset *rs, const struct word *w, const struct word *right)
{
	if (!word_in(w, rs->lists[L_POSSESSIVES]))
		return 0;
	if (word_is(w, "her") && right && (word_is(right, "two") || word_is(right, "2")))
		return 0;
	return 1;
}

static int is_subject(const struct ruleset *rs, const struct word *w, const struct word *right)
{
	return word_in(w, rs->lists[L_PRONOUNS]) || is_possessive(rs, w, right);
}

/*
 * Judges a subject found at W[D] before a trigger: a report, unless the words
 * around it make the clause something else:
 *   - a question ("do I have", "is she"), left to the message's framing, but
 *     "why do I have" presupposes a report;
 *   - a condition ("if I get", "in case she", "suppose my legs"), a future
 *     ("I'll have") or a might-have-been ("I could have fainted"): HYPO. An
 *     uncertain report stays a report: "I don't know if I'm having a stroke";
 *   - a negation: "I don't think I have", "I doubt I have".
 */
static enum stance judge_subject(const struct ruleset *rs, const struct word *w, size_t n, size_t d)
{
	/* "my mom", "her husband": the subject starts at the determiner. */
	if (!word_in(&w[d], rs->lists[L_PRONOUNS]) && d + 1 < n &&
	    word_in(&w[d + 1], rs->lists[L_DETERMINERS]))
		d++;
	const struct word *right = d > 0 ? &w[d - 1] : NULL;
	const struct word *right2 = d > 1 ? &w[d - 2] : NULL;
	if (word_in(&w[d], rs->lists[L_FUTURE_SUBJECTS]) || (right && word_is(right, "will")))
		return HYPO;
	if (right && right2 && word_is(right2, "have") &&
	    (word_is(right, "could") || word_is(right, "would") || word_is(right, "should")))
		return HYPO;
	/* A fear of what may come: "I'm scared I might have a reaction" (but
	 * "scared I might be having a stroke" is happening). */
	if (right && d + 1 < n && word_in(&w[d + 1], rs->lists[L_FEAR_ADJS]) &&
	    (word_is(right, "might") || word_is(right, "may") || word_is(right, "could") ||
	     word_is(right, "would")) &&
	    !(right2 && word_is(right2, "be")))
		return HYPO;
	const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
	const struct word *left2 = d + 2 < n ? &w[d + 2] : NULL;
	const struct word *left3 = d + 3 < n ? &w[d + 3] : NULL;
	if (!left)
		return REPORTED;
	/* "if I feel like I'm about to faint", "when I think I'm going to": the
	 * condition governs the clause the subject sits in. */
	{
		size_t e = d + 1;
		if (e < n && (word_is(&w[e], "like") || word_is(&w[e], "that")))
			e++;
		if (e + 2 < n && word_in(&w[e], rs->lists[L_FEEL_WORDS]) &&
		    word_in(&w[e + 1], rs->lists[L_PRONOUNS]) &&
		    word_in(&w[e + 2], rs->lists[L_SUBORDINATORS]))
			return HYPO;
	}
	if (word_in(left, rs->lists[L_SUBORDINATORS])) {
		/* "I don't know if", "not sure whether", "unsure if": uncertain, still a report. */
		if (left2 &&
		    (word_is(left2, "unsure") || ((word_is(left2, "know") || word_is(left2, "sure")) &&
		                                  left3 && word_in(left3, rs->lists[L_NEGATORS]))))
			return REPORTED;
		return HYPO;
	}
	if (word_in(left, rs->lists[L_HYPOTHETICALS])) {
		if (word_in(left, rs->lists[L_AUXILIARIES]) && left2 && word_is(left2, "why"))
			return REPORTED;
		if (word_in(&w[d], rs->lists[L_PRONOUNS]))
			return PLAIN;
		return REPORTED;
	}
	if (word_is(left, "doubt"))
		return NEGATED;
	if ((word_is(left, "think") || word_is(left, "sure") || word_is(left, "believe")) &&
	    ((left2 && word_in(left2, rs->lists[L_NEGATORS])) ||
	     (left3 && word_in(left3, rs->lists[L_NEGATORS]))))
		return NEGATED;
	return REPORTED;
}

/* Whether "nobody", "no one" or "none of us" is the subject of the clause
 * before byte START: "no one in my family has had a blood clot". */
static int negative_subject(const struct ruleset *rs, const char *text, size_t start)
{
	struct word w[10];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n; d++) {
		if (word_in(&w[d], rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_in(&w[d], rs->lists[L_NEGATIVE_SUBJECTS]))
			return 1;
		if (d + 1 < n && word_is(&w[d + 1], "no") && word_is(&w[d], "one"))
			return 1;
	}
	return 0;
}

/*
 * Reads the words before byte START backwards, nearest first, and classifies
 * the trigger there (see the comment at the top of the file). NEG_WINDOW words
 * are searched for a negator, SCAN_WINDOW words for everything else.
 */
static enum stance judge(const struct ruleset *rs, const char *text, size_t start, size_t neg_window)
{
	struct word w[SCAN_WINDOW + 3];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	if (negative_subject(rs, text, start))
		return NEGATED;
	for (size_t d = 0; d < n && d < SCAN_WINDOW; d++) {
		const struct word *x = &w[d];
		const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *right = d > 0 ? &w[d - 1] : NULL;
		if (word_is(x, "just")) {
			/* "I just fainted" reports; "no fever just tired" starts a clause. */
			if (left && is_subject(rs, left, x))
				return judge_subject(rs, w, n, d + 1);
			return PLAIN;
		}
		/* "so" joins clauses ("no fever so ...") but is also an intensifier
		 * ("I'm so short of breath"); after a subject or a verb of being it
		 * is the latter, and reading goes on. */
		if (word_is(x, "so") && left &&
		    (is_subject(rs, left, x) || word_in(left, rs->lists[L_AUXILIARIES]) ||
		     word_in(left, rs->lists[L_SO_VERBS])))
			continue;
		if (word_in(x, rs->lists[L_BOUNDARIES]))
			return PLAIN;
		/* A negation reaches across a list: "I don't have a fever or chills". */
		if (word_is(x, "or") || word_is(x, "nor"))
			neg_window = d + 1 + NEG_WINDOW;
		/* "I can't walk up the stairs without getting breathless": a
		 * "without" after "can't" says it always happens. */
		if (d < neg_window && word_is(x, "without")) {
			int cant = 0;
			for (size_t k = d + 1; k < n && k < d + 7 && !cant; k++)
				cant = word_in(&w[k], rs->lists[L_CANT_WORDS]);
			if (cant)
				continue;
		}
		if (d < neg_window && word_in(x, rs->lists[L_NEGATORS])) {
			/* "she's not herself, talking to people who aren't there": the
			 * negator belongs to "herself", and that clause ends there. */
			if (right && word_in(right, rs->lists[L_REFLEXIVES]))
				return PLAIN;
			return NEGATED;
		}
		/* A drug right before the trigger makes a search-style topic
		 * ("herceptin chest pain"), unless someone is on it: "hubby on
		 * enhertu coughing" reads on to its subject. */
		if (d == 0 && word_in(x, rs->lists[L_DRUG_WORDS])) {
			if (left && word_in(left, rs->lists[L_ON_WORDS])) {
				d++;
				continue;
			}
			return TOPIC;
		}
		/* "about to" is what is about to happen ("I'm about to pass out"),
		 * not a topic. */
		if (word_in(x, rs->lists[L_INFO_WORDS]) &&
		    !(word_is(x, "about") && right && word_is(right, "to")))
			return INFO;
		/* Two-word markers: "watch for", "signs of", "scared of". ("I have
		 * symptoms like a fever" is a report, so "like" and "such as" are
		 * not markers.) */
		if (left && word_is(x, "for") && word_in(left, rs->lists[L_WATCH_WORDS]))
			return INFO;
		if (left && word_is(x, "of") && word_in(left, rs->lists[L_SIGN_WORDS]))
			return INFO;
		/* Wanting to stop something presupposes having it: "how do I stop coughing". */
		if (word_is(x, "stop") || word_is(x, "stopping"))
			return REPORTED;
		if (is_subject(rs, x, right)) {
			/* "my mom", "her husband": the subject starts at the determiner. */
			size_t s = d;
			if (!word_in(x, rs->lists[L_PRONOUNS]) && d + 1 < n &&
			    is_possessive(rs, &w[d + 1], x) && word_in(&w[d + 1], rs->lists[L_DETERMINERS]))
				s = d + 1;
			/* After a preposition it is no subject: "no one in my family". */
			if (!word_in(&w[s], rs->lists[L_PRONOUNS]) && s + 1 < n &&
			    word_in(&w[s + 1], rs->lists[L_PREPOSITIONS])) {
				d = s;
				continue;
			}
			return judge_subject(rs, w, n, s);
		}
		if (word_in(x, rs->lists[L_AUXILIARIES])) {
			/* "my biggest fear is having a seizure": what is feared. */
			if (left && word_in(left, rs->lists[L_FEAR_WORDS]))
				return INFO;
			if (left && is_subject(rs, left, x))
				return judge_subject(rs, w, n, d + 1);
			/* A question opens here ("is chest pain normal"); the framing decides. */
			return PLAIN;
		}
	}
	return PLAIN;
}

/* A trigger followed by "years ago", "last year" or "in the past" is history,
 * not something happening now. */
static int is_history(const struct ruleset *rs, const char *text, size_t len, size_t end)
{
	struct word w[6];
	size_t n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_is(&w[i], "ago") && i > 0 && word_in(&w[i - 1], rs->lists[L_HISTORY_SPANS]))
			return 1;
		if (i + 1 < n && word_is(&w[i], "last") && word_is(&w[i + 1], "year"))
			return 1;
		if (i + 2 < n && word_is(&w[i], "in") && word_is(&w[i + 1], "the") &&
		    word_is(&w[i + 2], "past"))
			return 1;
		if (i + 1 < n && word_is(&w[i], "as") &&
		    (word_is(&w[i + 1], "a") || word_is(&w[i + 1], "kid") || word_is(&w[i + 1], "child")))
			return 1;
	}
	return 0;
}

/* Whether bytes [FROM, TO) of TEXT hold at most MAX words and neither a new
 * clause nor a word that brings the time back to now. */
static int same_clause(const struct ruleset *rs, const char *text, size_t from, size_t to, size_t max)
{
	struct word w[16];
	size_t n = words_before(text, to, w, ARRAY_SIZE(w));
	size_t k = 0;
	for (size_t d = 0; d < n && w[d].p >= text + from; d++, k++) {
		if (k >= max || word_in(&w[d], rs->lists[L_BOUNDARIES]) ||
		    word_in(&w[d], rs->lists[L_NOW_WORDS]))
			return 0;
	}
	return k <= max;
}

/* Crisis phrases are cancelled only by a negator right before them, looking
 * through an adverb or two and the words a denial wraps around them: "I
 * really don't want to die", "I'm not suicidal", "I don't feel suicidal",
 * "I'm not thinking of hurting myself", "no thoughts of suicide". */
static int crisis_negated(const struct ruleset *rs, const char *text, size_t start)
{
	struct word w[5];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n; d++) {
		if (word_in(&w[d], rs->lists[L_CRISIS_ADVERBS]) ||
		    word_in(&w[d], rs->lists[L_CRISIS_FILLERS]))
			continue;
		return word_in(&w[d], rs->lists[L_NEGATORS]);
	}
	return 0;
}

/*
 * Whether the words before "about" (W[0]) are talking to someone close about
 * it, not asking for help: "how do I talk to my teenager about", "explain to
 * the kids about". Not when the one talked to is help ("talk to someone",
 * "speak to my doctor"), nor when the person needs or wants to talk: those
 * may be at risk themselves.
 */
static int talk_to_another(const struct ruleset *rs, const struct word *w, size_t n)
{
	for (size_t d = 1; d + 2 < n && d < 7; d++) {
		if (!word_in(&w[d], rs->lists[L_TALK_WORDS]))
			continue;
		/* W[d-1] is "to" or "with", W[d-2] a possessive, then the person. */
		if (d < 3 || !(word_is(&w[d - 1], "to") || word_is(&w[d - 1], "with")) ||
		    !word_in(&w[d - 2], rs->lists[L_DETERMINERS]))
			return 0;
		if (word_in(&w[d - 3], rs->lists[L_OTHERS]) ||
		    word_in(&w[d - 3], rs->lists[L_GENERIC_PEOPLE]) ||
		    word_in(&w[d - 3], rs->lists[L_HELPERS]))
			return 0;
		const struct word *before = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *before2 = d + 2 < n ? &w[d + 2] : NULL;
		if (before && word_is(before, "to") && before2 &&
		    (word_is(before2, "need") || word_is(before2, "want") || word_is(before2, "have")))
			return 0;
		return 1;
	}
	return 0;
}

/*
 * Whether a crisis phrase is the topic of a question about someone else or
 * about suicide in general, to be answered rather than alerted: "what are the
 * warning signs of suicide", "what do I say to someone who wants to die", "how
 * do I know if my wife is suicidal", "suicide rates". Anything said of
 * oneself stays a crisis ("what should I do if I want to kill myself").
 */
static int crisis_topic(const struct ruleset *rs, const char *text, size_t len, size_t start, size_t end)
{
	struct word w[10];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	/* Suicide the noun, as a topic: "how do I talk to my teenager about
	 * suicide", "she lost her brother to suicide", "died by suicide". */
	if (end - start == 7 && memcmp(text + start, "suicide", 7) == 0 && n > 0) {
		if (word_is(&w[0], "to") || word_is(&w[0], "by") || word_is(&w[0], "from")) {
			for (size_t d = 1; d < n && d < 5; d++) {
				if (word_in(&w[d], rs->lists[L_LOSS_WORDS]))
					return 1;
			}
		}
		if (word_is(&w[0], "about") && talk_to_another(rs, w, n))
			return 1;
		/* "is suicide more common in cancer", "are suicide rates higher". */
		struct word a[2];
		if ((word_is(&w[0], "is") || word_is(&w[0], "are") || word_is(&w[0], "how")) &&
		    words_after(text, len, end, a, 1) == 1 && word_in(&a[0], rs->lists[L_TOPIC_STATES]))
			return 1;
	}
	for (size_t d = 0; d < n; d++) {
		const struct word *x = &w[d], *left = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *right = d > 0 ? &w[d - 1] : NULL;
		if (word_in(x, rs->lists[L_BOUNDARIES]))
			break;
		if (left && word_is(x, "of") && word_in(left, rs->lists[L_SIGN_WORDS]) &&
		    !word_is(left, "scared") && !word_is(left, "afraid"))
			return 1;
		if (left && word_is(x, "who") && word_in(left, rs->lists[L_OTHERS]))
			return 1;
		/* "signs that someone", "someone is thinking about suicide". */
		if (left && word_is(x, "that") && word_in(left, rs->lists[L_SIGN_WORDS]))
			return 1;
		if (word_in(x, rs->lists[L_GENERIC_PEOPLE])) {
			/* "I need to talk to someone about suicide" asks for help. */
			if (d + 2 < n && word_is(&w[d + 1], "to") &&
			    word_in(&w[d + 2], rs->lists[L_TALK_WORDS]))
				return 0;
			return 1;
		}
		if (left && (word_is(x, "if") || word_is(x, "whether")) &&
		    word_in(left, rs->lists[L_KNOW_WORDS])) {
			const struct word *left2 = d + 2 < n ? &w[d + 2] : NULL;
			if (left2 && word_in(left2, rs->lists[L_NEGATORS]))
				return 0; /* "I don't know if I want to live" */
			if (right && (word_is(right, "i") || word_is(right, "i'm") || word_is(right, "im")))
				return 0;
			return 1;
		}
	}
	n = words_after(text, len, end, w, 2);
	return n > 0 && word_in(&w[0], rs->lists[L_CRISIS_TOPICS]);
}

/* ------------------------------------------------------------------------- */
/* Numbers: temperatures and episode counts, typed or spoken. */

static const char *const ones_words[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL,
};

static const char *const tens_words[] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL,
};

static int index_in(const struct word *w, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		if (list[i][0] && word_is(w, list[i]))
			return i;
	}
	return -1;
}

/*
 * Parses a number at W[0..N): digits ("101", "38.5", "101f", "8x"), or words
 * ("a hundred and one point five", "thirty eight", "one oh two"). Sets *VAL,
 * *UNIT ('f', 'c' or 0, from a letter or a following "degrees f"/"celsius")
 * and returns how many words it used, or 0 when W[0] is no number.
 */
static size_t read_number(const struct word *w, size_t n, double *val, char *unit)
{
	size_t used = 0;
	*unit = 0;
	if (n == 0)
		return 0;
	if (w[0].n > 0 && w[0].p[0] >= '0' && w[0].p[0] <= '9') {
		char buf[16];
		size_t len = w[0].n < sizeof(buf) - 1 ? w[0].n : sizeof(buf) - 1;
		memcpy(buf, w[0].p, len);
		buf[len] = '\0';
		char *end;
		*val = strtod(buf, &end);
		if (*end == 'f' || *end == 'c')
			*unit = *end;
		used = 1;
	} else {
		double v = 0;
		int have = 0, k;
		size_t i = 0;
		if (i + 1 < n && (word_is(&w[i], "a") || word_is(&w[i], "one")) &&
		    word_is(&w[i + 1], "hundred")) {
			v = 100, have = 1, i += 2;
		} else if (word_is(&w[i], "hundred")) {
			v = 100, have = 1, i += 1;
		} else if (i + 2 < n && word_is(&w[i], "one") &&
		           (word_is(&w[i + 1], "oh") || word_is(&w[i + 1], "o")) &&
		           (k = index_in(&w[i + 2], ones_words)) > 0 && k < 10) {
			v = 100 + k, have = 1, i += 3;
		}
		if (have && i < n && word_is(&w[i], "and"))
			i++;
		if (i < n && (k = index_in(&w[i], tens_words)) >= 2) {
			v += k * 10, have = 1, i++;
			if (i < n && (k = index_in(&w[i], ones_words)) > 0 && k < 10)
				v += k, i++;
		} else if (i < n && (k = index_in(&w[i], ones_words)) >= 0 && (have || k > 0)) {
			v += k, have = 1, i++;
		}
		if (!have)
			return 0;
		/* Take back a dangling "and" that led nowhere. */
		if (i > 0 && word_is(&w[i - 1], "and"))
			i--;
		if (i + 1 < n && word_is(&w[i], "point") && (k = index_in(&w[i + 1], ones_words)) >= 0 &&
		    k < 10) {
			v += k / 10.0, i += 2;
		}
		*val = v;
		used = i;
	}
	/* A unit may follow: "101 f", "38 degrees c", "101 degrees fahrenheit". */
	size_t i = used;
	if (i < n && (word_is(&w[i], "degrees") || word_is(&w[i], "degree") || word_is(&w[i], "deg")))
		i++;
	if (i < n && !*unit) {
		if (word_is(&w[i], "f") || word_is(&w[i], "fahrenheit"))
			*unit = 'f';
		else if (word_is(&w[i], "c") || word_is(&w[i], "celsius") || word_is(&w[i], "centigrade"))
			*unit = 'c';
	}
	return used;
}

enum temp { T_NONE, T_LOW, T_HIGH };

/* Classifies a body temperature against 100.4 F / 38 C; without a unit the
 * range tells which scale was meant. Anything else is not a temperature. */
static enum temp classify_temp(double v, char unit)
{
	if (unit == 'f' || (!unit && v >= 90 && v <= 115)) {
		if (v < 90 || v > 115)
			return T_NONE;
		return v >= 100.4 - 1e-9 ? T_HIGH : T_LOW;
	}
	if (unit == 'c' || (!unit && v >= 34 && v <= 45)) {
		if (v < 34 || v > 45)
			return T_NONE;
		return v >= 38.0 - 1e-9 ? T_HIGH : T_LOW;
	}
	return T_NONE;
}

/* Looks at up to six words from byte POS for a temperature and classifies it. */
static enum temp temp_after(const struct ruleset *rs, const char *text, size_t len, size_t pos)
{
	struct word w[12];
	size_t n = words_after(text, len, pos, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n && i < 6; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			break;
		double v;
		char unit;
		if (read_number(w + i, n - i, &v, &unit))
			return classify_temp(v, unit);
	}
	return T_NONE;
}

/* A temperature word fires without a number when called high: "high temp",
 * "my temperature is up". */
static int temp_called_high(const struct ruleset *rs, const char *text, size_t len, size_t start, size_t end)
{
	struct word w[4];
	size_t n = words_before(text, start, w, 1);
	if (n && word_in(&w[0], rs->lists[L_TEMP_HIGH]))
		return 1;
	n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_NEGATORS]))
			return 0;
		if (word_in(&w[i], rs->lists[L_TEMP_HIGH]))
			return 1;
	}
	return 0;
}

/* Reads the count captured in [START, END): four or more, or a vague "many". */
static int count_is_many(const char *text, size_t start, size_t end)
{
	struct word w[4];
	size_t n = words_after(text, end, start, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		double v;
		char unit;
		if (word_in(&w[i], (const char *const[]){"like", "about", "over", "more", "than", NULL}))
			continue;
		if (read_number(w + i, n - i, &v, &unit))
			return v >= 4;
		return 1; /* many, several, lots of, a lot of, countless... */
	}
	return 0;
}

/* ------------------------------------------------------------------------- */
/* The check. */

struct check {
	hr_safety *s;
	const struct ruleset *rs;
	const char *text;
	size_t len;
	int filtered; /* the prefilter ran: only patterns set in S->MAY can match */
	int digits;   /* the text holds a digit (the prefilter cannot see digits-only words) */
};

/* False when pattern ID cannot match anywhere in the text: the prefilter did
 * not find the words it needs. */
static int may_match(const struct check *c, size_t id)
{
	return !c->filtered || (c->s->may[id / 64] >> (id % 64)) & 1;
}

/* Whether context I (an index into the ruleset's contexts) occurs anywhere. */
static int has_ctx_at(struct check *c, size_t i)
{
	int *st = &c->s->ctx_state[i];
	if (*st < 0)
		*st = may_match(c, PF_CTX(c->rs, i)) &&
		      match(c->s, c->s->ctx[i], c->rs->ctx[i].name, c->text, c->len, 0);
	return *st > 0;
}

static int has_ctx(struct check *c, enum ctx k)
{
	return has_ctx_at(c, c->rs->known[k]);
}

/* Whether context I is said somewhere and not negated there: "I'm not on
 * chemo" names no treatment, "no fever" is no companion sign. */
static int said_at(struct check *c, size_t i)
{
	int *st = &c->s->ctx_state[i];
	if (*st == 2)
		return 1;
	if (!has_ctx_at(c, i))
		return 0;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[i], c->rs->ctx[i].name, c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		if (judge(c->rs, c->text, ov[0], NEG_WINDOW) != NEGATED) {
			*st = 2;
			return 1;
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

static int said_unnegated(struct check *c, enum ctx k)
{
	return said_at(c, c->rs->known[k]);
}

/* A fever that happened some time ago and is over ("fever last week but it's
 * gone") is history to mention at the next visit, not a call now. "It didn't go
 * away" is not over, and anything said to be happening now outweighs it. */
static int fever_is_over(struct check *c)
{
	return has_ctx(c, C_PAST) && !has_ctx(c, C_PRESENT) && said_unnegated(c, C_RESOLVED) &&
	       !said_unnegated(c, C_RETURNED);
}

/* Whether someone speaks of themselves or another after the trigger: "xeloda
 * diarrhea and now I feel lightheaded" reports; "herceptin chest pain" is a
 * search. */
static int report_after(const struct ruleset *rs, const char *text, size_t len, size_t end)
{
	struct word w[16];
	size_t n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_PRONOUNS]) || word_is(&w[i], "my") || word_is(&w[i], "me"))
			return 1;
	}
	return 0;
}

/* Whether the trigger at [START, END), or the two words before it, says it
 * began and goes on: "my ankles started swelling two months ago" is not
 * history. */
static int is_ongoing(const struct ruleset *rs, const char *text, size_t start, size_t end)
{
	struct word w[24];
	size_t n = words_before(text, end, w, ARRAY_SIZE(w));
	size_t extra = 0;
	for (size_t d = 0; d < n; d++) {
		if (w[d].p < text + start && ++extra > 2)
			break;
		if (word_in(&w[d], rs->lists[L_ONGOING]))
			return 1;
	}
	return 0;
}

/* Whether the trigger at [START, END) sits in a clause about the past: "last
 * year I had a blood clot", "I used to get chest pain before my diagnosis",
 * "we lost my mom to a stroke". A word that brings the time back to now
 * ("now", "today", "again") or a new clause in between ends it. */
static int history_near(struct check *c, size_t start, size_t end)
{
	size_t k = c->rs->known[C_HISTORY];
	if (!has_ctx_at(c, k) || is_ongoing(c->rs, c->text, start, end))
		return 0;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[k], "history", c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		size_t hs = ov[0], he = ov[1];
		if (he <= start && same_clause(c->rs, c->text, he, start, 8))
			return 1;
		if (hs >= end && same_clause(c->rs, c->text, end, hs, 4))
			return 1;
		off = he > hs ? he : hs + 1;
	}
	return 0;
}

/* Decides whether rule R fires at the match in OV: pairs of offsets, the whole
 * match first, then NGROUPS - 1 capture groups (PCRE2_UNSET when unused). */
static int fires(struct check *c, const struct rule *r, const PCRE2_SIZE *ov, int ngroups)
{
	const struct ruleset *rs = c->rs;
	size_t start = ov[0], end = ov[1];
	(void)ngroups;
	if (r->tier == HR_TIER_CRISIS) {
		if (crisis_negated(rs, c->text, start) || crisis_topic(rs, c->text, c->len, start, end))
			return 0;
		/* Long past and said to be over: "I was suicidal as a teenager but
		 * I'm in a good place now". Without the word that it is over, a
		 * past crisis still alerts ("I tried years ago and it's back"). */
		if (history_near(c, start, end) && said_unnegated(c, C_RECOVERED) &&
		    !said_unnegated(c, C_RETURNED))
			return 0;
		for (size_t i = 0; i < r->nneeds; i++) {
			if (!(r->said[i] ? said_at(c, r->needs[i]) : has_ctx_at(c, r->needs[i])))
				return 0;
		}
		for (size_t i = 0; i < r->nunless; i++) {
			if (said_at(c, r->unless[i]))
				return 0;
		}
		return 1;
	}

	enum stance st = judge(rs, c->text, start, NEG_WINDOW);
	if (st == NEGATED || history_near(c, start, end) ||
	    (is_history(rs, c->text, c->len, end) && !is_ongoing(rs, c->text, start, end)))
		return 0;
	if (r->group == G_FEVER && fever_is_over(c))
		return 0;
	/* A fever with a reading at or above the threshold is a report however
	 * the sentence is framed ("not sure if I have a fever, it's 100.9"), but
	 * not when it is a condition ("if my temperature is 101"). */
	int reading =
	    (r->flags & (F_FEVER_WORD | F_TEMP_WORD)) && temp_after(rs, c->text, c->len, end) == T_HIGH;
	if (st == TOPIC)
		st = report_after(rs, c->text, c->len, end) ? PLAIN : INFO;
	/* "blood clot risk", "stroke rates": the trigger names a topic. */
	{
		struct word a[1];
		if (st != REPORTED && words_after(c->text, c->len, end, a, 1) == 1 &&
		    word_in(&a[0], rs->lists[L_TOPIC_AFTER]))
			st = INFO;
	}
	if (st == HYPO && !has_ctx(c, C_NOW))
		return 0;
	if (st == INFO && !reading && !has_ctx(c, C_PRESENT))
		return 0;
	if (st == PLAIN && !reading && has_ctx(c, C_QUESTION) && !has_ctx(c, C_PRESENT))
		return 0;

	for (size_t i = 0; i < r->nneeds; i++) {
		if (!(r->said[i] ? said_at(c, r->needs[i]) : has_ctx_at(c, r->needs[i])))
			return 0;
	}
	for (size_t i = 0; i < r->nunless; i++) {
		if (said_at(c, r->unless[i]))
			return 0;
	}
	if (r->flags & F_FEVER_WORD) {
		if (temp_after(rs, c->text, c->len, end) == T_LOW)
			return 0;
	}
	if (r->flags & F_TEMP_WORD) {
		enum temp t = temp_after(rs, c->text, c->len, end);
		if (t == T_LOW || (t == T_NONE && !temp_called_high(rs, c->text, c->len, start, end)))
			return 0;
	}
	/* The match holds a temperature ("running 101", "38.5 c"): read it as
	 * the words say it, and fire only at or above the threshold. */
	if ((r->flags & F_TEMP_NUM) && temp_after(rs, c->text, c->len, start) != T_HIGH)
		return 0;
	if (r->flags & F_COUNT) {
		if (ngroups < 2 || ov[2] == PCRE2_UNSET || !count_is_many(c->text, ov[2], ov[3]))
			return 0;
	}
	return 1;
}

void hr_safety_check(hr_safety *s, const char *text, struct hr_safety_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !text)
		return;
	const struct ruleset *rs = s->rs;
	/* Spelling first: the rules read the corrected text. */
	const char *fixed = spelling_fix(rs->spell, text, &s->fixed, &s->fixed_cap);
	struct check c = {.s = s, .rs = rs, .text = fixed, .len = strlen(fixed)};
	for (size_t k = 0; k < rs->nctx; k++)
		s->ctx_state[k] = -1;
	c.digits = strpbrk(c.text, "0123456789") != NULL;
	s->nmatches = 0;
	/* One scan of the text finds the patterns that could match; 1 means the
	 * text has bytes the analysis does not model, and every pattern runs. */
	if (!s->no_prefilter) {
		memset(s->may, 0, (NPATTERNS(rs) + 63) / 64 * sizeof(*s->may));
		c.filtered = hr_prefilter_run(rs->pf, s->pfs, c.text, c.len, s->may) == 0;
	}

	/* Rules are ordered by tier, so the first that fires is the answer. */
	for (size_t i = 0; i < rs->nrules && !out->tier; i++) {
		size_t off = 0;
		int rc;
		if (!may_match(&c, PF_RULE(rs, i)) || ((rs->rules[i].flags & F_TEMP_NUM) && !c.digits))
			continue;
		while (off <= c.len && (rc = match(s, s->rules[i], rs->rules[i].name, c.text, c.len, off))) {
			PCRE2_SIZE ov[12];
			PCRE2_SIZE *mov = pcre2_get_ovector_pointer(s->md);
			int ngroups = rc < (int)(ARRAY_SIZE(ov) / 2) ? rc : (int)(ARRAY_SIZE(ov) / 2);
			/* Copy the match out: judging may run other patterns on the
			 * same match data. */
			memcpy(ov, mov, 2 * (size_t)ngroups * sizeof(*ov));
			if (fires(&c, &rs->rules[i], ov, ngroups)) {
				out->tier = rs->rules[i].tier;
				out->rule = rs->rules[i].name;
				out->group = (int)rs->rules[i].group;
				break;
			}
			off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}

	for (size_t i = 0; i < rs->ndecisions; i++) {
		if (may_match(&c, PF_DECISION(rs, i)) &&
		    match(s, s->decisions[i], "decision", c.text, c.len, 0)) {
			out->decision = rs->decisions[i].decision;
			out->swap = rs->decisions[i].swap;
			break;
		}
	}
}

/* ------------------------------------------------------------------------- */
/* Fixed replies. */

struct source {
	const char *title;
	const char *publisher;
	const char *url;
};

/* What a reply adds for a group of rules: one context sentence (text and speech)
 * and one source. */
struct group_reply {
	const char *text;
	const char *speech;
	struct source source;
};

static const struct group_reply group_replies[] = {
    [G_CHEST] = {"Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
                 "Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
                 {"Chest pain", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/ency/article/003079.htm"}},
    [G_BREATHING] = {"Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
                     "Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
                     {NULL, NULL, NULL}},
    [G_FAINT] = {"Fainting or passing out needs to be checked right away, even if you feel better now.",
                 "Fainting or passing out needs to be checked right away, even if you feel better now.",
                 {NULL, NULL, NULL}},
    [G_ALLERGY] = {"Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
                   "If you are getting an infusion right now, tell the nurse at once.",
                   "Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
                   "If you are getting an infusion right now, tell the nurse at once.",
                   {"Anaphylaxis", "MedlinePlus, U.S. National Library of Medicine",
                    "https://medlineplus.gov/ency/article/000844.htm"}},
    [G_NEURO] = {"A sudden change like this can come from the brain, so it needs care right away. "
                 "Note the time it started.",
                 "A sudden change like this can come from the brain, so it needs care right away. "
                 "Note the time it started.",
                 {"Stroke", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/stroke.html"}},
    [G_BLEED] = {"Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
                 "Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
                 {NULL, NULL, NULL}},
    [G_FEVER] = {"Treatment can lower the white blood cells that fight germs. "
                 "So a fever or chills can be the first sign of an infection that needs care fast.",
                 "Treatment can lower the white blood cells that fight germs. "
                 "So a fever or chills can be the first sign of an infection that needs care fast.",
                 {"Infection and Neutropenia during Cancer Treatment", "National Cancer Institute",
                  "https://www.cancer.gov/about-cancer/treatment/side-effects/infection"}},
    [G_LUNG] = {"On trastuzumab deruxtecan (Enhertu), a new or worse cough or shortness of breath "
                "can be a sign of lung inflammation. This can be serious, so your team needs to know now.",
                "On trastuzumab deruxtecan, also called Enhertu, a new or worse cough or shortness of "
                "breath can be a sign of lung inflammation. This can be serious, so your team needs to "
                "know now.",
                {"Trastuzumab Deruxtecan", "National Cancer Institute",
                 "https://www.cancer.gov/about-cancer/treatment/drugs/fam-trastuzumab-deruxtecan-nxki"}},
    [G_BREATH] = {"New or worse shortness of breath during HER2 treatment can come from the lungs or "
                  "the heart, so your team needs to know now.",
                  "New or worse shortness of breath during her two treatment can come from the lungs or "
                  "the heart, so your team needs to know now.",
                  {NULL, NULL, NULL}},
    [G_HEART] = {"Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
                 "when you lie flat can mean the heart is under strain. Some HER2 drugs can affect the "
                 "heart, so your team needs to check.",
                 "Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
                 "when you lie flat can mean the heart is under strain. Some her two drugs can affect "
                 "the heart, so your team needs to check.",
                 {"Targeted Drug Therapy for Breast Cancer", "American Cancer Society",
                  "https://www.cancer.org/cancer/types/breast-cancer/treatment/"
                  "targeted-therapy-for-breast-cancer.html"}},
    [G_GUT] = {"Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
               "much water fast. Your team can treat it and may change your plan.",
               "Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
               "much water fast. Your team can treat it and may change your plan.",
               {"Diarrhea and Cancer Treatment", "National Cancer Institute",
                "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea"}},
    [G_LIVER] = {"Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some HER2 drugs "
                 "can affect the liver, so your team needs to check.",
                 "Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some her two "
                 "drugs can affect the liver, so your team needs to check.",
                 {"Jaundice", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/jaundice.html"}},
    [G_CLOT] = {"A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
                "raise that risk. If you also have chest pain or trouble breathing, call 911.",
                "A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
                "raise that risk. If you also have chest pain or trouble breathing, call nine one one.",
                {"Deep Vein Thrombosis", "MedlinePlus, U.S. National Library of Medicine",
                 "https://medlineplus.gov/deepveinthrombosis.html"}},
    [G_PREGNANCY] = {"HER2 drugs such as trastuzumab (Herceptin) can harm a baby during pregnancy. "
                     "Your team needs to know right away so they can plan your care with you.",
                     "Her two drugs such as trastuzumab, also called Herceptin, can harm a baby during "
                     "pregnancy. Your team needs to know right away so they can plan your care with you.",
                     {"Breast Cancer Treatment During Pregnancy (PDQ), Patient Version",
                      "National Cancer Institute",
                      "https://www.cancer.gov/types/breast/patient/pregnancy-breast-treatment-pdq"}},
    [G_INFECTION] =
        {"Redness, heat, swelling or pus around a port or line, or burning when you pee, can be signs "
         "of an infection. Treatment makes infections harder to fight, so your team needs to know now.",
         "Redness, heat, swelling or pus around a port or line, or burning when you pee, can be signs "
         "of an infection. Treatment makes infections harder to fight, so your team needs to know now.",
         {"Infection and Neutropenia during Cancer Treatment", "National Cancer Institute",
          "https://www.cancer.gov/about-cancer/treatment/side-effects/infection"}},
    [G_COUNTS] = {"Bleeding or bruising with no clear cause can mean your platelets are low. Platelets help "
                  "your blood clot, so your team needs to check them.",
                  "Bleeding or bruising with no clear cause can mean your platelets are low. Platelets help "
                  "your blood clot, so your team needs to check them.",
                  {"Bleeding and Bruising (Thrombocytopenia) and Cancer Treatment",
                   "National Cancer Institute",
                   "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising"}},
    [G_SKIN] = {"A rash that blisters or peels can be a serious reaction to a medicine. Your team needs to "
                "see it now.",
                "A rash that blisters or peels can be a serious reaction to a medicine. Your team needs to "
                "see it now.",
                {"Skin and Nail Changes during Cancer Treatment", "National Cancer Institute",
                 "https://www.cancer.gov/about-cancer/treatment/side-effects/skin-nail-changes"}},
};

/* The fixed parts of each tier's reply: what comes before the group sentence
 * and what comes after it. */
struct tier_reply {
	const char *intent;
	enum hr_safety_level safety;
	const char *lead, *lead_speech;
	const char *tail, *tail_speech;
	struct source sources[2];
	const char *suggestions[3];
};

static const struct tier_reply crisis_reply = {
    "safety.crisis",
    HR_SAFETY_CRISIS,
    "Please call or text 988 now to reach the 988 Suicide and Crisis Lifeline (US). It is free and "
    "open day and night. If you might act on these thoughts, or you are in danger, call 911 or your "
    "local emergency number now. Outside the US, call your local emergency number or a local crisis "
    "line.",
    "Please call or text nine eight eight now to reach the nine eight eight Suicide and Crisis "
    "Lifeline in the US. It is free and open day and night. If you might act on these thoughts, or "
    "you are in danger, call nine one one or your local emergency number now. Outside the US, call "
    "your local emergency number or a local crisis line.",
    "You do not have to face this alone, and what you feel matters. I can't diagnose or counsel you, "
    "but a trained person at 988 can talk with you right now. When you can, tell your cancer care team "
    "how you have been feeling too.",
    "You do not have to face this alone, and what you feel matters. I can't diagnose or counsel you, "
    "but a trained person at nine eight eight can talk with you right now. When you can, tell your "
    "cancer care team how you have been feeling too.",
    {{"988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/"},
     {"Suicide Prevention", "National Institute of Mental Health",
      "https://www.nimh.nih.gov/health/topics/suicide-prevention"}},
    {"Where can I find support groups?", "Is there free counseling for people with cancer?",
     "How can my family get support?"},
};

static const struct tier_reply emergency_reply = {
    "safety.emergency",
    HR_SAFETY_URGENT,
    "Call 911 or your local emergency number now.",
    "Call nine one one or your local emergency number now.",
    "Do not drive yourself. If someone is with you, ask them to stay. Once you are safe, tell your "
    "cancer care team what happened. This message does not diagnose what is wrong. It only tells you "
    "what to do first.",
    "Do not drive yourself. If someone is with you, ask them to stay. Once you are safe, tell your "
    "cancer care team what happened. This message does not diagnose what is wrong. It only tells you "
    "what to do first.",
    {{"Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
      "https://medlineplus.gov/ency/article/001927.htm"},
     {NULL, NULL, NULL}},
    {"What should I tell the emergency team about my treatment?", "When should I call my care team?", NULL},
};

static const struct tier_reply call_now_reply = {
    "safety.call_now",
    HR_SAFETY_URGENT,
    "Call your oncology team's 24-hour line now. If you cannot reach them, go to an emergency "
    "department.",
    "Call your oncology team's twenty four hour line now. If you cannot reach them, go to an "
    "emergency department.",
    "If you have chest pain, trouble breathing, or you pass out, call 911 instead. This message does "
    "not diagnose what is wrong. It only tells you what to do first.",
    "If you have chest pain, trouble breathing, or you pass out, call nine one one instead. This "
    "message does not diagnose what is wrong. It only tells you what to do first.",
    {{"Side Effects of Cancer Treatment", "National Cancer Institute",
      "https://www.cancer.gov/about-cancer/treatment/side-effects"},
     {NULL, NULL, NULL}},
    {"What should I tell the nurse when I call?", "When should I call my care team?",
     "What side effects should I watch for?"},
};

/* The deferral for each decision: one sentence naming the care team, and
 * questions to take to them. Both are plain enough for speech as written. */
struct deferral {
	const char *empathy;  /* one line that meets the person where they are */
	const char *sentence; /* the care team decides, and why */
	const char *facts;    /* general facts, for an answer with no topic of its own */
	const char *questions[3];
};

static const struct deferral deferrals[] = {
    [HR_DECISION_DOSE] =
        {"Worry about a dose is very common, and asking is the right thing to do.",
         "Your care team sets your dose and any change to it, because the right dose "
         "depends on you.",
         "For a missed or extra dose, call your care team or pharmacist today, and they will "
         "tell you what to do. Doses of cancer drugs are set for each person, often by body size, "
         "and can change with side effects.",
         {"What should I do if I miss a dose?", "Could my dose change, and why?",
          "Who do I call if a side effect is hard to manage?"}},
    [HR_DECISION_STOP] =
        {"Treatment can be very hard, and wanting a break makes sense.",
         "Please talk with your care team before you stop, skip or put off any "
         "treatment, because they can help you weigh it.",
         "Many side effects can be treated. Sometimes a dose or a schedule can be changed so "
         "that treatment can go on.",
         {"What could happen if I stop or skip this treatment?",
          "Can my side effects be treated so I can keep going?", "What other treatment options are there?"}},
    [HR_DECISION_CHOOSE] =
        {"This is a big choice, and it is normal to want help with it.",
         "This choice is one to make with your care team, because the best plan "
         "depends on your tests, your health and what you want.",
         "The choice often depends on the stage, the treatments you have had, side effects, and "
         "what matters most to you. No herb, diet or supplement has been shown to replace "
         "cancer treatment.",
         {"How do you choose between treatments?", "Which option do you suggest, and why?",
          "Is there a clinical trial I could join?"}},
    [HR_DECISION_PROGNOSIS] =
        {"It is natural to want to know what lies ahead.",
         "Numbers for large groups cannot say what will happen to you, so ask "
         "your care team about your own outlook.",
         "Survival numbers are averages from many people treated years ago. Newer drugs "
         "keep helping people live longer.",
         {"What do my HER2 test results mean?", "How can palliative care help me?",
          "Who can help me cope with worry about the future?"}},
    [HR_DECISION_MISSED] =
        {"Missing a dose, or taking one twice, happens to many people.",
         "Call your care team or pharmacist today to ask what to do. The answer depends on "
         "the drug and on you.",
         "Each drug's label says what to do about a missed dose, and your pharmacist can go "
         "through it with you. Keep a note of what you took and when.",
         {"What if I take an extra dose by mistake?", "Who do I call after hours?",
          "How can I remember my doses?"}},
    [HR_DECISION_TAKE] =
        {"It is wise to check before you add or mix medicines.",
         "What is safe for you depends on your own health and the other medicines you "
         "take. Ask your oncology care team before you start, mix, stop or skip any medicine.",
         "Some medicines, herbs and supplements can change how cancer drugs work or add to their "
         "side effects. A full list of what you take helps your team and pharmacist check.",
         {"Is this treatment safe with my other health problems?",
          "Can I take it with the medicines I already use?", "What signs mean I should call you?"}},
};

/* ------------------------------------------------------------------------- */

void hr_safety_check_text(hr_safety *s, const char *text, size_t len, struct hr_safety_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !text)
		return;
	/* Normalising never lengthens the text, so LEN + 1 bytes always do. */
	if (len + 1 > s->norm_cap) {
		char *nb = realloc(s->norm, len + 1);
		if (nb) {
			s->norm = nb;
			s->norm_cap = len + 1;
		} else {
			/* Out of memory: check what the buffer holds, cut at a character. */
			len = s->norm_cap - 1;
			while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
				len--;
		}
	}
	if (!s->norm || hr_text_normalize(text, len, s->norm, s->norm_cap) < 0)
		return;
	hr_safety_check(s, s->norm, out);
}

/* ------------------------------------------------------------------------- */
/* Replies. */

const char *hr_tier_name(enum hr_tier t)
{
	if ((unsigned)t >= ARRAY_SIZE(tier_names) || t == HR_TIER_NONE)
		return NULL;
	return tier_names[t];
}

/* Joins up to three strings with single spaces, skipping NULL and empty ones. */
static char *join(const char *a, const char *b, const char *c)
{
	const char *parts[3] = {a, b, c};
	size_t len = 1;
	for (size_t i = 0; i < 3; i++)
		len += parts[i] ? strlen(parts[i]) + 1 : 0;
	char *out = malloc(len), *p = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (p > out)
			*p++ = ' ';
		size_t n = strlen(parts[i]);
		memcpy(p, parts[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

static int add_source(struct hr_answer *a, const struct source *src)
{
	if (!src->title)
		return 0;
	return hr_answer_add_source(a, src->title, src->publisher, src->url);
}

int hr_safety_answer(const struct hr_safety_result *r, struct hr_answer *a)
{
	const struct tier_reply *t;
	if (!r)
		return -EINVAL;
	switch (r->tier) {
	case HR_TIER_CRISIS:
		t = &crisis_reply;
		break;
	case HR_TIER_EMERGENCY:
		t = &emergency_reply;
		break;
	case HR_TIER_CALL_NOW:
		t = &call_now_reply;
		break;
	default:
		return -EINVAL;
	}
	enum group g =
	    r->tier == HR_TIER_CRISIS || r->group < 0 || r->group >= G_COUNT ? G_NONE : (enum group)r->group;
	const struct group_reply *gr =
	    g != G_NONE && g < ARRAY_SIZE(group_replies) ? &group_replies[g] : NULL;

	int err = hr_answer_set(&a->intent, t->intent);
	if (err)
		goto fail;
	a->safety = t->safety;
	a->tier = hr_tier_name(r->tier);
	err = -ENOMEM;
	if (!(a->text = join(t->lead, gr ? gr->text : NULL, t->tail)))
		goto fail;
	if (!(a->speech = join(t->lead_speech, gr ? gr->speech : NULL, t->tail_speech)))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(t->sources); i++) {
		if ((err = add_source(a, &t->sources[i])))
			goto fail;
	}
	if (gr && (err = add_source(a, &gr->source)))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(t->suggestions) && t->suggestions[i]; i++) {
		if ((err = hr_answer_add_suggestion(a, t->suggestions[i])))
			goto fail;
	}
	return 0;
fail:
	hr_answer_clear(a);
	return err;
}

const char *hr_safety_deferral_text(enum hr_decision d)
{
	if (d <= HR_DECISION_NONE || (size_t)d >= ARRAY_SIZE(deferrals))
		return NULL;
	return deferrals[d].sentence;
}

/*
 * The deferral's text before FIELD: the empathy line and the care team's
 * part first, then the answer's own facts; an empty FIELD, or the engine's
 * placeholder for a decision with no topic (NO_TOPIC), gets the general
 * facts instead. A FIELD that already holds the sentence is kept as it is.
 */
/* Said whenever a treatment is to be swapped for something else, whatever the
 * plugin's answer is about: "can I swap my chemo for turmeric". */
static const char swap_fact[] = "No herb, diet or supplement has been shown to replace cancer treatment.";

static char *deferred(const char *field, const struct deferral *d, int no_topic, int swap)
{
	if (field && strstr(field, d->sentence))
		return strdup(field);
	if (no_topic || !field || !*field)
		return join(d->empathy, d->sentence, d->facts);
	if (swap && !strstr(field, swap_fact)) {
		char *lead = join(d->empathy, d->sentence, swap_fact);
		char *all = lead ? join(lead, field, NULL) : NULL;
		free(lead);
		return all;
	}
	return join(d->empathy, d->sentence, field);
}

int hr_safety_defer(const struct hr_safety_result *r, struct hr_answer *a)
{
	const char *sentence = r ? hr_safety_deferral_text(r->decision) : NULL;
	if (!sentence)
		return 0;
	const struct deferral *d = &deferrals[r->decision];

	/* Build everything first so that A is untouched when memory runs out. */
	int no_topic = a->intent && strcmp(a->intent, "safety.decision") == 0;
	int swap = r->decision == HR_DECISION_CHOOSE && r->swap;
	char *text = deferred(a->text, d, no_topic, swap);
	/* An answer without a speech form keeps none: clients then read the text. */
	char *speech = a->speech ? deferred(a->speech, d, no_topic, swap) : NULL;
	char *questions[ARRAY_SIZE(d->questions)] = {NULL};
	int ok = text && (speech || !a->speech);
	for (size_t i = 0; ok && i < ARRAY_SIZE(d->questions); i++)
		ok = (questions[i] = strdup(d->questions[i])) != NULL;
	if (!ok) {
		free(text);
		free(speech);
		for (size_t i = 0; i < ARRAY_SIZE(questions); i++)
			free(questions[i]);
		return -ENOMEM;
	}

	free(a->text);
	a->text = text;
	free(a->speech);
	a->speech = speech;
	for (size_t i = 0; i < a->nsuggestions; i++)
		free(a->suggestions[i]);
	a->nsuggestions = 0;
	for (size_t i = 0; i < ARRAY_SIZE(questions) && i < HR_MAX_SUGGESTIONS; i++)
		a->suggestions[a->nsuggestions++] = questions[i];
	return 0;
}
