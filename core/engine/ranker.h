/*
 * The ranker: the intent engine's second stage. Patterns (intent.h) are
 * high-precision rules; the ranker generalises from what the content already
 * holds, so that a question worded unlike any pattern still finds its intent.
 *
 * It is built from a compiled intent set, at load and on every reload:
 *   - each intent's examples and phrasings are its training questions;
 *   - the slot and words lists are concepts: a phrase of slot `drug` becomes
 *     the features {drug} and {drug}=trastuzumab, a phrase of words
 *     `tt_side_effects` the feature {tt_side_effects}, so "pill", "tablet"
 *     and "oral" count as one thing and an unseen drug name still counts as
 *     a drug;
 *   - every other word is reduced to its stem (Snowball's English stemmer),
 *     and adjacent words and concepts form word pairs ("how long",
 *     "{drug} {tt_side_effects}").
 * The model is a multinomial logistic regression trained at build time
 * (deterministic: fixed example order, fixed epochs); or the same sparse by
 * construction, or, for comparison, TF-IDF nearest examples; docs/intents.md
 * and docs/performance.md have the measurements that chose the first.
 *
 * Plain C (libstemmer only): no loop, no Lua, no network. A built ranker is
 * immutable and may be shared by threads; each thread ranks with its own
 * scratch (the stemmer keeps state).
 */
#ifndef HERALD_RANKER_H
#define HERALD_RANKER_H

#include <stddef.h>

#include "intent.h"

#define HR_RANK_TOP 5
#define HR_MAX_CONCEPTS 32

typedef struct hr_ranker hr_ranker;
typedef struct hr_ranker_scratch hr_ranker_scratch;

enum hr_ranker_model {
	HR_RANKER_LINEAR = 0, /* logistic regression over the features, dense (intents.ranker = "dense") */
	HR_RANKER_KNN,        /* cosine similarity to the nearest example, TF-IDF weights */
	/* The same logistic regression sparse by construction: a feature weighs
	 * only for the intents whose training questions use it (the 64 that use
	 * it most), so ranking a question scores only the intents its features
	 * reach, whatever their number (docs/performance.md, issue 20's fourth
	 * round: its cost, and its routing against the dense one's). The
	 * daemon's default (intents.ranker = "sparse"). */
	HR_RANKER_SPARSE,
};

struct hr_ranker_options {
	enum hr_ranker_model model;
	/* One flag per training question, numbered across intents in definition
	 * order, then each intent's examples in order followed by its phrasings;
	 * a set flag leaves that one out of training (cross-validation). NULL:
	 * use them all. */
	const unsigned char *exclude;
};

/* A phrase of a slot or words list found in a text. */
struct hr_concept {
	const char *entity; /* the list's name (owned by the intent set) */
	const char *value;  /* the slot value, or NULL for a words list */
	int start, end;     /* byte span in the text */
};

struct hr_concepts {
	size_t n;
	struct hr_concept c[HR_MAX_CONCEPTS];
};

/* One piece of the question with its weight: a sentence that asks weighs more
 * than one that tells (engine.c). TEXT is normalised and spelling-corrected. */
struct hr_rank_part {
	const char *text;
	float weight;
};

struct hr_rank_entry {
	const struct hr_intent *intent;
	float score; /* LINEAR, SPARSE: the probability (0..1); KNN: the best cosine (0..1) */
};

/* The best intents, best first; NFEATURES is how many known features the
 * question had (0: the ranker knows none of its words, so it has no opinion).
 * NWORDS counts the content words and concepts of all the parts, each at its
 * part's weight (question words and common fillers such as "actually" do not
 * count), NKNOWN those the content's examples use: "who won the football
 * game" has one known word in three, and the ranker's opinion of it means
 * little. With NWORDS 0 the question has no content word at all. */
struct hr_ranking {
	size_t n;
	struct hr_rank_entry top[HR_RANK_TOP];
	size_t nfeatures;
	float nwords, nknown;
};

/*
 * Builds a ranker over compiled SET (which must outlive it). OPT may be NULL
 * for the defaults. Returns 0, -ENOMEM, or -EINVAL when SET has no examples.
 */
int hr_ranker_new(const hr_intents *set, const struct hr_ranker_options *opt, hr_ranker **out);
void hr_ranker_free(hr_ranker *r);

enum hr_ranker_model hr_ranker_model_of(const hr_ranker *r);

/* Whether A and B rank with one trained model: rankers built from the same
 * training input share it, read-only, within the process (ranker.c). */
int hr_ranker_same_model(const hr_ranker *a, const hr_ranker *b);

/* Per-thread scratch; NULL when out of memory. Free it before its ranker. */
hr_ranker_scratch *hr_ranker_scratch_new(const hr_ranker *r);
void hr_ranker_scratch_free(hr_ranker_scratch *s);

/* Ranks the intents for the weighted PARTS of one question into OUT.
 * Allocates nothing. Returns OUT->n. */
int hr_ranker_rank(const hr_ranker *r, hr_ranker_scratch *s, const struct hr_rank_part *parts, size_t nparts,
                   struct hr_ranking *out);

/* Whether normalised TEXT holds a phrase of one of the lists NAMES (N of
 * them) anywhere, even inside a longer phrase of another list ("her2" in
 * "her2 positive"). Returns 1 or 0. */
int hr_ranker_mentions(const hr_ranker *r, const char *text, const char *const *names, size_t n);

/* Finds every phrase of a slot in normalised TEXT, also those inside a
 * longer phrase ("herceptin" in the regimen "herceptin and perjeta"), into
 * OUT (at most HR_MAX_CONCEPTS), left to right. Returns OUT->n. */
int hr_ranker_slot_mentions(const hr_ranker *r, const char *text, struct hr_concepts *out);

/* Counts the content words and concepts of normalised TEXT (not the stop
 * words, not the question words) into *NWORDS, and those the content's
 * examples use into *NKNOWN, which it also returns. */
int hr_ranker_words(const hr_ranker *r, hr_ranker_scratch *s, const char *text, size_t *nwords,
                    size_t *nknown);

/* Finds the slot and words phrases in normalised TEXT, longest first, left to
 * right, into OUT (at most HR_MAX_CONCEPTS). Returns OUT->n. */
int hr_ranker_concepts(const hr_ranker *r, const char *text, struct hr_concepts *out);

/*
 * The value of slot ENTITY that intent INTENT is about, when every example of
 * it that names the slot names the same value and it does not take the slot
 * as a need (treatment.trastuzumab is about trastuzumab; drug.about is about
 * whichever drug is asked). NULL when the intent is not bound to one value.
 * The engine uses it so that a question about one drug never gets an answer
 * about another.
 */
const char *hr_ranker_bound_value(const hr_ranker *r, const struct hr_intent *intent, const char *entity);

#endif
