/*
 * The ranker's insides, shared by ranker.c (features, phrases, ranking) and
 * ranker_train.c (training, and the models shared within the process). Not
 * for use outside those two files.
 */
#ifndef HERALD_RANKER_INT_H
#define HERALD_RANKER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ranker.h"
#include "util.h"

/* ---- small hash map: 64-bit key -> 32-bit value, open addressing ---- */

struct hmap {
	uint64_t *keys; /* 0 marks an empty cell (hash64 never returns 0) */
	uint32_t *vals;
	size_t cap, n;
};

/* ---- phrases of the slot and words lists ---- */

/* One entity a phrase belongs to. */
struct owner {
	uint32_t entity;
	const char *value; /* slot value; NULL for a words list */
};

/* A distinct token sequence of some list's phrases. */
struct phr {
	char **tok;
	size_t ntok;
	int prefix; /* the last token matches any word it starts */
	size_t nchars;
	struct owner *owners;
	size_t nowners;
	uint32_t next; /* the next phrase with the same first-token key; UINT32_MAX: none */
};

struct ent {
	const char *name;
	int is_slot;
};

struct bound {
	uint32_t entity;
	const char *value;
};

struct intent_info {
	const struct hr_intent *pub;
	struct bound bound[2];
	size_t nbound;
};

struct hr_ranker {
	const hr_intents *set;
	enum hr_ranker_model model;
	struct ent *ents;
	size_t nents;
	struct phr *phrs;
	size_t nphrs;
	struct hr_strpool strs; /* the phrases' words */
	struct hmap exact;      /* first token -> first phrase of that key (phrase_map) */
	struct hmap pairs;      /* first two tokens -> first phrase of that key */
	struct hmap prefix;     /* first 1-3 letters of a prefix-only first token -> phrase */
	struct intent_info *intents;
	size_t nintents;
	struct hmap features; /* feature hash -> index */
	struct hmap wclass;   /* word -> its W_* classes (stop, question, filler words) */
	size_t nfeatures;
	/* LINEAR and SPARSE: bias[c]; LINEAR: weights[f * nintents + c] while
	 * training; then, for
	 * ranking, only the weights that matter: feature f's are sw_intent[k] and
	 * sw[k] for k in sw_start[f] .. sw_start[f + 1] (see prune). */
	float *weights;
	float *bias;
	uint32_t *sw_start;
	uint16_t *sw_intent;
	float *sw;
	/* SPARSE: a feature's list holds only the intents whose training
	 * questions use it; an intent none of a question's features reaches
	 * scores its bias. ebias[c] = exp(bias[c] - bias_max), summed in
	 * sum_ebias; by_bias: the intents, highest bias first. */
	int sparse;
	float *ebias;
	uint16_t *by_bias;
	double sum_ebias;
	float bias_max;
	/* KNN: postings per feature, examples' intents. */
	uint32_t *post_start; /* nfeatures + 1 */
	uint32_t *post_ex;
	float *post_w;
	float *idf;
	uint32_t *ex_intent;
	size_t nexamples;
	/* LINEAR and SPARSE: the trained model bias and sw_* belong to, shared read-only
	 * with other rankers built from the same input (see struct model). */
	struct model *shared;
};

/* A training question: its intent and its features, fi/fw[f0 .. f0 + nf). */
struct example {
	uint32_t intent;
	uint32_t f0, nf; /* into the feature index/weight arrays */
};

/*
 * Trains R on the NEX questions EX with features FI/FW (NFI in all): the
 * linear model (shared with other rankers trained on the same input when
 * SHARE is set) or the KNN postings, by R->model. 0 or -ENOMEM.
 */
int rk_train(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi, const float *fw,
             size_t nfi, int share);
/* Scores to probabilities, in place: training and ranking use the same. */
void rk_softmax(float *z, size_t n);
/* Frees R's trained arrays, or gives back its reference to a shared model. */
void rk_release(hr_ranker *r);

#endif
