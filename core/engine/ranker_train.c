/*
 * Training the ranker (ranker_int.h): multinomial logistic regression or
 * TF-IDF postings over the training questions' features, and the trained
 * models shared within the process.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ranker_int.h"

/*
 * Training settings, chosen by `herald check --cv` (docs/intents.md,
 * Measuring): the model trains for EPOCHS passes at a learning rate falling
 * from LEARN_RATE; PRUNE is the smallest weight kept for ranking.
 */
#define EPOCHS 60
#define LEARN_RATE 2.0f
#define L2 1e-4f
#ifndef PRUNE
#define PRUNE 0.03f
#endif

void rk_softmax(float *z, size_t n)
{
	float m = z[0];
	for (size_t i = 1; i < n; i++)
		m = z[i] > m ? z[i] : m;
	float sum = 0;
	for (size_t i = 0; i < n; i++) {
		z[i] = expf(z[i] - m);
		sum += z[i];
	}
	for (size_t i = 0; i < n; i++)
		z[i] /= sum;
}

/* Multinomial logistic regression by stochastic gradient descent, examples
 * in a fixed shuffled order, so that a build is reproducible. */
static int train_linear(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                        const float *fw)
{
	size_t C = r->nintents;
	r->weights = calloc(r->nfeatures * C + 1, sizeof(float));
	r->bias = calloc(C + 1, sizeof(float));
	float *z = malloc((C + 1) * sizeof(float));
	uint32_t *order = malloc((nex + 1) * sizeof(uint32_t));
	if (!r->weights || !r->bias || !z || !order) {
		free(z);
		free(order);
		return -ENOMEM;
	}
	for (size_t i = 0; i < nex; i++)
		order[i] = (uint32_t)i;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	const int epochs = EPOCHS;
	const float lr0 = LEARN_RATE, l2 = L2;
	for (int ep = 0; ep < epochs; ep++) {
		for (size_t i = nex; i > 1; i--) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t j = (size_t)((seed >> 33) % i);
			uint32_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		float lr = lr0 / (1.0f + 0.2f * (float)ep);
		for (size_t oi = 0; oi < nex; oi++) {
			const struct example *e = &ex[order[oi]];
			for (size_t c = 0; c < C; c++)
				z[c] = r->bias[c];
			for (uint32_t k = 0; k < e->nf; k++) {
				const float *wr = &r->weights[(size_t)fi[e->f0 + k] * C];
				float x = fw[e->f0 + k];
				for (size_t c = 0; c < C; c++)
					z[c] += wr[c] * x;
			}
			rk_softmax(z, C);
			z[e->intent] -= 1.0f;
			for (size_t c = 0; c < C; c++)
				r->bias[c] -= lr * 0.1f * z[c];
			for (uint32_t k = 0; k < e->nf; k++) {
				float *wr = &r->weights[(size_t)fi[e->f0 + k] * C];
				float g = lr * fw[e->f0 + k];
				for (size_t c = 0; c < C; c++)
					wr[c] -= g * z[c] + lr * l2 * wr[c];
			}
		}
	}
	free(z);
	free(order);
	return 0;
}

/*
 * Trained models shared within the process. Training is the costly part of
 * building content (about a third of a start, several seconds under the
 * sanitizers), and its result depends only on its input: each training
 * question's intent and features, in order. Every worker builds the same
 * content, and most reloads change plugins, not intents; so a build whose
 * input equals one already trained uses that model, read-only, instead of
 * training it again. The input is kept and compared whole: no hash is trusted
 * to tell two inputs apart. Training runs under the lock, so a second worker
 * building the same content waits for the first and shares its result.
 *
 * The list keeps the MODELS_KEPT most recent models (one reference each);
 * each ranker holds one more. Those left at exit stay reachable from here.
 */
struct model {
	struct model *next;
	unsigned refs;
	size_t nintents, nfeatures, nex, nfi;
	struct example *ex;
	uint32_t *fi;
	float *fw;
	float *bias;
	uint32_t *sw_start;
	uint16_t *sw_intent;
	float *sw;
};

#define MODELS_KEPT 2
static pthread_mutex_t models_lock = PTHREAD_MUTEX_INITIALIZER;
static struct model *models; /* most recently used first */

static void model_free(struct model *m)
{
	free(m->ex);
	free(m->fi);
	free(m->fw);
	free(m->bias);
	free(m->sw_start);
	free(m->sw_intent);
	free(m->sw);
	free(m);
}

/* Drops one reference; called with models_lock held. */
static void model_unref_locked(struct model *m)
{
	if (--m->refs == 0)
		model_free(m);
}

static int same_input(const struct model *m, size_t C, size_t F, const struct example *ex, size_t nex,
                      const uint32_t *fi, const float *fw, size_t nfi)
{
	return m->nintents == C && m->nfeatures == F && m->nex == nex && m->nfi == nfi &&
	       memcmp(m->ex, ex, nex * sizeof(*ex)) == 0 && memcmp(m->fi, fi, nfi * sizeof(*fi)) == 0 &&
	       memcmp(m->fw, fw, nfi * sizeof(*fw)) == 0;
}

static void *dup_mem(const void *p, size_t n)
{
	void *d = malloc(n ? n : 1);
	if (d && n)
		memcpy(d, p, n);
	return d;
}

static void use_model(hr_ranker *r, struct model *m)
{
	m->refs++;
	r->shared = m;
	r->bias = m->bias;
	r->sw_start = m->sw_start;
	r->sw_intent = m->sw_intent;
	r->sw = m->sw;
}

static int train_linear(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                        const float *fw);
static int prune(hr_ranker *r);

/* Gives R the model trained on this input: the one in the list, or a new one. */
static int shared_linear(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                         const float *fw, size_t nfi)
{
	size_t C = r->nintents, F = r->nfeatures;
	pthread_mutex_lock(&models_lock);
	struct model **pp = &models, *m;
	for (m = models; m; pp = &m->next, m = m->next) {
		if (same_input(m, C, F, ex, nex, fi, fw, nfi)) {
			*pp = m->next; /* to the front */
			m->next = models;
			models = m;
			use_model(r, m);
			pthread_mutex_unlock(&models_lock);
			return 0;
		}
	}
	int rc = train_linear(r, ex, nex, fi, fw);
	if (!rc)
		rc = prune(r);
	m = rc ? NULL : calloc(1, sizeof(*m));
	if (m) {
		m->ex = dup_mem(ex, nex * sizeof(*ex));
		m->fi = dup_mem(fi, nfi * sizeof(*fi));
		m->fw = dup_mem(fw, nfi * sizeof(*fw));
	}
	if (m && m->ex && m->fi && m->fw) {
		/* The ranker's arrays become the model's. */
		*m = (struct model){.next = models,
		                    .refs = 1,
		                    .nintents = C,
		                    .nfeatures = F,
		                    .nex = nex,
		                    .nfi = nfi,
		                    .ex = m->ex,
		                    .fi = m->fi,
		                    .fw = m->fw,
		                    .bias = r->bias,
		                    .sw_start = r->sw_start,
		                    .sw_intent = r->sw_intent,
		                    .sw = r->sw};
		models = m;
		use_model(r, m);
		size_t kept = 0;
		for (pp = &models; *pp;) {
			struct model *x = *pp;
			if (++kept > MODELS_KEPT) {
				*pp = x->next;
				model_unref_locked(x);
			} else {
				pp = &x->next;
			}
		}
	} else if (m) {
		/* No room to keep it: this ranker owns its own arrays. */
		free(m->ex);
		free(m->fi);
		free(m->fw);
		free(m);
	}
	pthread_mutex_unlock(&models_lock);
	return rc;
}

/*
 * Keeps, for ranking, only the weights of magnitude PRUNE or more, feature by
 * feature: a feature says something about a few intents, and the thousands
 * of tiny weights the training left elsewhere change no ranking (checked with
 * `herald check --cv`) but cost most of the time. Frees the dense matrix.
 */
static int prune(hr_ranker *r)
{
	size_t C = r->nintents, F = r->nfeatures, n = 0;
	for (size_t i = 0; i < F * C; i++)
		n += fabsf(r->weights[i]) >= PRUNE;
	r->sw_start = malloc((F + 1) * sizeof(uint32_t));
	r->sw_intent = malloc((n + 1) * sizeof(uint16_t));
	r->sw = malloc((n + 1) * sizeof(float));
	if (!r->sw_start || !r->sw_intent || !r->sw || C > UINT16_MAX)
		return -ENOMEM;
	size_t k = 0;
	for (size_t f = 0; f < F; f++) {
		r->sw_start[f] = (uint32_t)k;
		for (size_t c = 0; c < C; c++) {
			float w = r->weights[f * C + c];
			if (fabsf(w) >= PRUNE) {
				r->sw_intent[k] = (uint16_t)c;
				r->sw[k++] = w;
			}
		}
	}
	r->sw_start[F] = (uint32_t)k;
	free(r->weights);
	r->weights = NULL;
	return 0;
}

/* TF-IDF vectors of the examples, as postings per feature. */
static int build_knn(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi, const float *fw)
{
	size_t F = r->nfeatures;
	r->idf = calloc(F + 1, sizeof(float));
	r->post_start = calloc(F + 2, sizeof(uint32_t));
	r->ex_intent = malloc((nex + 1) * sizeof(uint32_t));
	size_t total = nex ? ex[nex - 1].f0 + ex[nex - 1].nf : 0;
	r->post_ex = malloc((total + 1) * sizeof(uint32_t));
	r->post_w = malloc((total + 1) * sizeof(float));
	float *norm = calloc(nex + 1, sizeof(float));
	if (!r->idf || !r->post_start || !r->ex_intent || !r->post_ex || !r->post_w || !norm) {
		free(norm);
		return -ENOMEM;
	}
	for (size_t k = 0; k < total; k++)
		r->post_start[fi[k] + 1]++;
	for (size_t f = 0; f < F; f++)
		r->idf[f] =
		    logf(1.0f + (float)nex / (float)(r->post_start[f + 1] ? r->post_start[f + 1] : 1));
	for (size_t f = 0; f < F; f++)
		r->post_start[f + 1] += r->post_start[f];
	for (size_t i = 0; i < nex; i++) {
		r->ex_intent[i] = ex[i].intent;
		float n2 = 0;
		for (uint32_t k = 0; k < ex[i].nf; k++) {
			float v = fw[ex[i].f0 + k] * r->idf[fi[ex[i].f0 + k]];
			n2 += v * v;
		}
		norm[i] = n2 > 0 ? 1.0f / sqrtf(n2) : 0;
	}
	uint32_t *fill = calloc(F + 1, sizeof(uint32_t));
	if (!fill) {
		free(norm);
		return -ENOMEM;
	}
	for (size_t i = 0; i < nex; i++) {
		for (uint32_t k = 0; k < ex[i].nf; k++) {
			uint32_t f = fi[ex[i].f0 + k];
			uint32_t at = r->post_start[f] + fill[f]++;
			r->post_ex[at] = (uint32_t)i;
			r->post_w[at] = fw[ex[i].f0 + k] * r->idf[f] * norm[i];
		}
	}
	r->nexamples = nex;
	free(fill);
	free(norm);
	return 0;
}

int rk_train(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi, const float *fw,
             size_t nfi, int share)
{
	if (r->model == HR_RANKER_KNN)
		return build_knn(r, ex, nex, fi, fw);
	if (share)
		return shared_linear(r, ex, nex, fi, fw, nfi);
	int rc = train_linear(r, ex, nex, fi, fw);
	return rc ? rc : prune(r);
}

void rk_release(hr_ranker *r)
{
	free(r->weights);
	if (r->shared) {
		pthread_mutex_lock(&models_lock);
		model_unref_locked(r->shared);
		pthread_mutex_unlock(&models_lock);
	} else {
		free(r->bias);
		free(r->sw_start);
		free(r->sw_intent);
		free(r->sw);
	}
}

int hr_ranker_same_model(const hr_ranker *a, const hr_ranker *b)
{
	return a->shared && a->shared == b->shared;
}
