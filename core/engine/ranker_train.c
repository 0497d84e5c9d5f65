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
#include "util.h"

/*
 * Training settings, chosen by `herald check --cv` (docs/intents.md,
 * Measuring): the model trains for EPOCHS passes at a learning rate falling
 * from LEARN_RATE (SPARSE_LEARN_RATE for the sparse model, whose fewer
 * weights need larger steps to part the intents as well); PRUNE is the
 * smallest weight kept for ranking. A feature of the sparse model weighs for
 * at most SUPPORT_MAX intents (see support_of).
 */
#define EPOCHS 60
#define LEARN_RATE 2.0f
#define SPARSE_LEARN_RATE 4.0f
#define L2 1e-4f
#define SUPPORT_MAX 64
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

/* Shuffles ORDER[0..N) in place (Fisher-Yates) with a fixed linear
 * congruential SEED, so that every build trains on the same order: both
 * models' epochs use it. */
static void shuffle(uint32_t *order, size_t n, uint64_t *seed)
{
	for (size_t i = n; i > 1; i--) {
		*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t j = (size_t)((*seed >> 33) % i);
		uint32_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
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
		shuffle(order, nex, &seed);
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

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* An intent with a score: sorted highest first, ties by the intent defined
 * first. Both the sparse model's support (a feature's share in each intent)
 * and the intents ordered by bias use it. */
struct scored {
	float score;
	uint16_t c;
};

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->c < y->c ? -1 : x->c > y->c;
}

static int cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * The pairs (feature, intent) that some training question of that intent
 * has, as a list per feature: ST[f] .. ST[f + 1] index SI (N_OUT in all),
 * sorted by intent. A feature that many intents' questions use (a function
 * word, or a pair of them) keeps the SUPPORT_MAX intents whose questions use
 * it most often (by the share of the intent's questions; ties: the intent
 * defined first), so that no feature reaches more intents than that however
 * many there are.
 */
static int support_of(size_t F, size_t C, const struct example *ex, size_t nex, const uint32_t *fi,
                      uint32_t **st_out, uint16_t **si_out, size_t *n_out)
{
	size_t nfi = nex ? ex[nex - 1].f0 + ex[nex - 1].nf : 0;
	uint64_t *pairs = malloc((nfi + 1) * sizeof(*pairs));
	uint32_t *cnt = malloc((nfi + 1) * sizeof(*cnt));
	uint32_t *st = calloc(F + 2, sizeof(*st));
	uint32_t *nc = calloc(C + 1, sizeof(*nc));
	struct scored *ps = malloc((C + 1) * sizeof(*ps));
	if (!pairs || !st || !cnt || !nc || !ps) {
		free(pairs);
		free(st);
		free(cnt);
		free(nc);
		free(ps);
		return -ENOMEM;
	}
	size_t n = 0;
	for (size_t i = 0; i < nex; i++) {
		nc[ex[i].intent]++;
		for (uint32_t k = 0; k < ex[i].nf; k++)
			pairs[n++] = (uint64_t)fi[ex[i].f0 + k] << 16 | ex[i].intent;
	}
	qsort(pairs, n, sizeof(*pairs), cmp_u64);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u == 0 || pairs[i] != pairs[u - 1]) {
			cnt[u] = 1;
			pairs[u++] = pairs[i];
		} else {
			cnt[u - 1]++;
		}
	}
	uint16_t *si = malloc((u + 1) * sizeof(*si));
	if (!si) {
		free(pairs);
		free(st);
		free(cnt);
		free(nc);
		free(ps);
		return -ENOMEM;
	}
	size_t cap = SUPPORT_MAX, k = 0;
	for (size_t i = 0; i < u;) {
		uint64_t f = pairs[i] >> 16;
		size_t j = i;
		while (j < u && pairs[j] >> 16 == f)
			j++;
		size_t k0 = k;
		if (cap && j - i > cap) {
			for (size_t x = i; x < j; x++) {
				uint16_t c = (uint16_t)(pairs[x] & 0xffff);
				ps[x - i] = (struct scored){(float)cnt[x] / (float)nc[c], c};
			}
			qsort(ps, j - i, sizeof(*ps), cmp_scored);
			for (size_t x = 0; x < cap; x++)
				si[k++] = ps[x].c;
			qsort(&si[k0], cap, sizeof(*si), cmp_u16);
		} else {
			for (size_t x = i; x < j; x++)
				si[k++] = (uint16_t)(pairs[x] & 0xffff);
		}
		st[f + 1] = (uint32_t)(k - k0);
		i = j;
	}
	for (size_t f = 0; f < F; f++)
		st[f + 1] += st[f];
	free(pairs);
	free(cnt);
	free(nc);
	free(ps);
	*st_out = st;
	*si_out = si;
	*n_out = k;
	return 0;
}

/* The sparse model's passes of stochastic gradient descent over weights W
 * (listed ST/SI per feature) and BIAS: train_linear's (order, epochs, L2)
 * at SPARSE_LEARN_RATE. */
static void sgd_sparse(size_t C, const uint32_t *st, const uint16_t *si, float *w, float *bias, float *z,
                       uint32_t *order, const struct example *ex, size_t nex, const uint32_t *fi,
                       const float *fw)
{
	for (size_t i = 0; i < nex; i++)
		order[i] = (uint32_t)i;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	const float lr0 = SPARSE_LEARN_RATE, l2 = L2;
	for (int ep = 0; ep < EPOCHS; ep++) {
		shuffle(order, nex, &seed);
		float lr = lr0 / (1.0f + 0.2f * (float)ep);
		for (size_t oi = 0; oi < nex; oi++) {
			const struct example *e = &ex[order[oi]];
			memcpy(z, bias, C * sizeof(float));
			for (uint32_t k = 0; k < e->nf; k++) {
				uint32_t f = fi[e->f0 + k];
				float x = fw[e->f0 + k];
				for (uint32_t j = st[f]; j < st[f + 1]; j++)
					z[si[j]] += w[j] * x;
			}
			rk_softmax(z, C);
			z[e->intent] -= 1.0f;
			for (size_t c = 0; c < C; c++)
				bias[c] -= lr * 0.1f * z[c];
			for (uint32_t k = 0; k < e->nf; k++) {
				uint32_t f = fi[e->f0 + k];
				float g = lr * fw[e->f0 + k];
				for (uint32_t j = st[f]; j < st[f + 1]; j++)
					w[j] -= g * z[si[j]] + lr * l2 * w[j];
			}
		}
	}
}

/*
 * Logistic regression sparse by construction: a feature has a weight only for
 * the intents whose training questions use it (support_of), so a question's
 * features reach only those intents and every other intent scores its bias.
 * Leaves the weights of magnitude PRUNE or more in sw_*.
 */
static int train_sparse(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                        const float *fw)
{
	size_t C = r->nintents, F = r->nfeatures, nw = 0;
	uint32_t *st = NULL;
	uint16_t *si = NULL;
	if (C > UINT16_MAX || support_of(F, C, ex, nex, fi, &st, &si, &nw))
		return -ENOMEM;
	float *w = calloc(nw + 1, sizeof(float));
	r->bias = calloc(C + 1, sizeof(float));
	float *z = malloc((C + 1) * sizeof(float));
	uint32_t *order = malloc((nex + 1) * sizeof(uint32_t));
	if (!w || !r->bias || !z || !order) {
		free(st);
		free(si);
		free(w);
		free(z);
		free(order);
		return -ENOMEM;
	}
	sgd_sparse(C, st, si, w, r->bias, z, order, ex, nex, fi, fw);
	free(z);
	free(order);
	/* Keep, as the dense model does, only the weights that matter. */
	size_t k = 0;
	for (size_t f = 0; f < F; f++) {
		uint32_t a = st[f], b = st[f + 1];
		st[f] = (uint32_t)k;
		for (uint32_t j = a; j < b; j++) {
			if (fabsf(w[j]) >= PRUNE) {
				si[k] = si[j];
				w[k++] = w[j];
			}
		}
	}
	st[F] = (uint32_t)k;
	r->sw_start = st;
	r->sw_intent = si;
	r->sw = w;
	return 0;
}

/*
 * Trained models shared within the process. Training is the costly part of
 * building content (about a third of a start, several seconds under the
 * sanitizers), and its result depends only on its input: each training
 * question's intent and features, in order. Every worker builds the same
 * content, and most reloads change plugins, not intents; so a build whose
 * input equals one already trained uses that model, read-only, instead of
 * training it again. Two inputs are told apart by their sizes and their
 * SHA-256: a fast hash could let two inputs collide (and a reload would rank
 * with the wrong model), SHA-256 cannot in practice, and keeping the input
 * itself to compare whole cost 0.4 MB of an idle worker's 20
 * (docs/performance.md, thirteenth round). Training runs under the lock, so
 * a second worker building the same content waits for the first and shares
 * its result.
 *
 * The list keeps the MODELS_KEPT most recent models (one reference each);
 * each ranker holds one more. Those left at exit stay reachable from here.
 */
struct model {
	struct model *next;
	unsigned refs;
	size_t nintents, nfeatures, nex, nfi;
	unsigned char digest[HR_SHA256_LEN]; /* of the input, input_digest() */
	float *bias;
	uint32_t *sw_start;
	uint16_t *sw_intent;
	float *sw;
	int sparse;
	float *ebias;
	uint16_t *by_bias;
	double sum_ebias;
	float bias_max;
};

#define MODELS_KEPT 2
static pthread_mutex_t models_lock = PTHREAD_MUTEX_INITIALIZER;
static struct model *models; /* most recently used first */

static void model_free(struct model *m)
{
	free(m->bias);
	free(m->sw_start);
	free(m->sw_intent);
	free(m->sw);
	free(m->ebias);
	free(m->by_bias);
	free(m);
}

/* Drops one reference; called with models_lock held. */
static void model_unref_locked(struct model *m)
{
	if (--m->refs == 0)
		model_free(m);
}

/* The digest of a training input: the examples, then the features' indices
 * and weights (their counts are compared apart, so the bytes cannot shift
 * between the arrays unseen). */
static void input_digest(const struct example *ex, size_t nex, const uint32_t *fi, const float *fw,
                         size_t nfi, unsigned char out[HR_SHA256_LEN])
{
	struct hr_sha256 s;
	hr_sha256_init(&s);
	hr_sha256_add(&s, ex, nex * sizeof(*ex));
	hr_sha256_add(&s, fi, nfi * sizeof(*fi));
	hr_sha256_add(&s, fw, nfi * sizeof(*fw));
	hr_sha256_end(&s, out);
}

static int same_input(const struct model *m, size_t C, size_t F, size_t nex, size_t nfi,
                      const unsigned char digest[HR_SHA256_LEN])
{
	return m->nintents == C && m->nfeatures == F && m->nex == nex && m->nfi == nfi &&
	       memcmp(m->digest, digest, HR_SHA256_LEN) == 0;
}

static void use_model(hr_ranker *r, struct model *m)
{
	m->refs++;
	r->shared = m;
	r->bias = m->bias;
	r->sw_start = m->sw_start;
	r->sw_intent = m->sw_intent;
	r->sw = m->sw;
	r->sparse = m->sparse;
	r->ebias = m->ebias;
	r->by_bias = m->by_bias;
	r->sum_ebias = m->sum_ebias;
	r->bias_max = m->bias_max;
}

static int train_linear(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                        const float *fw);
static int prune(hr_ranker *r);
static int train_sparse(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                        const float *fw);
static int by_bias(hr_ranker *r);

/* Trains R's linear model, dense or sparse, and prepares it for ranking. */
static int train_model(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                       const float *fw)
{
	int rc;
	r->sparse = r->model == HR_RANKER_SPARSE;
	if (r->sparse) {
		rc = train_sparse(r, ex, nex, fi, fw);
	} else {
		rc = train_linear(r, ex, nex, fi, fw);
		if (!rc)
			rc = prune(r);
	}
	return rc ? rc : by_bias(r);
}

/* Gives R the model trained on this input: the one in the list, or a new one. */
static int shared_linear(hr_ranker *r, const struct example *ex, size_t nex, const uint32_t *fi,
                         const float *fw, size_t nfi)
{
	size_t C = r->nintents, F = r->nfeatures;
	unsigned char digest[HR_SHA256_LEN];
	input_digest(ex, nex, fi, fw, nfi, digest);
	pthread_mutex_lock(&models_lock);
	struct model **pp = &models, *m;
	for (m = models; m; pp = &m->next, m = m->next) {
		if (m->sparse == (r->model == HR_RANKER_SPARSE) && same_input(m, C, F, nex, nfi, digest)) {
			*pp = m->next; /* to the front */
			m->next = models;
			models = m;
			use_model(r, m);
			pthread_mutex_unlock(&models_lock);
			return 0;
		}
	}
	int rc = train_model(r, ex, nex, fi, fw);
	m = rc ? NULL : malloc(sizeof(*m));
	if (m) {
		/* The ranker's arrays become the model's. */
		*m = (struct model){.next = models,
		                    .refs = 1,
		                    .nintents = C,
		                    .nfeatures = F,
		                    .nex = nex,
		                    .nfi = nfi,
		                    .bias = r->bias,
		                    .sw_start = r->sw_start,
		                    .sw_intent = r->sw_intent,
		                    .sw = r->sw,
		                    .sparse = r->sparse,
		                    .ebias = r->ebias,
		                    .by_bias = r->by_bias,
		                    .sum_ebias = r->sum_ebias,
		                    .bias_max = r->bias_max};
		memcpy(m->digest, digest, HR_SHA256_LEN);
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
	}
	/* No room to keep it (M is NULL): this ranker owns its own arrays. */
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

/*
 * What ranking needs of the intents no feature of a question reaches: their
 * score is their bias, so their share of the softmax is prepared once,
 * exp(bias - the largest bias) each and summed, and the best of them is the
 * first untouched in the intents ordered by bias (ties: the intent defined
 * first, as take_top orders them).
 */
static int by_bias(hr_ranker *r)
{
	size_t C = r->nintents;
	r->ebias = malloc((C + 1) * sizeof(float));
	r->by_bias = malloc((C + 1) * sizeof(uint16_t));
	struct scored *t = malloc((C + 1) * sizeof(*t));
	if (!r->ebias || !r->by_bias || !t) {
		free(t);
		return -ENOMEM;
	}
	float m = C ? r->bias[0] : 0;
	for (size_t c = 1; c < C; c++)
		m = r->bias[c] > m ? r->bias[c] : m;
	r->bias_max = m;
	double sum = 0;
	for (size_t c = 0; c < C; c++) {
		r->ebias[c] = expf(r->bias[c] - m);
		sum += r->ebias[c];
		t[c] = (struct scored){r->bias[c], (uint16_t)c};
	}
	r->sum_ebias = sum;
	qsort(t, C, sizeof(*t), cmp_scored);
	for (size_t c = 0; c < C; c++)
		r->by_bias[c] = t[c].c;
	free(t);
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
	return train_model(r, ex, nex, fi, fw);
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
		free(r->ebias);
		free(r->by_bias);
	}
}

int hr_ranker_same_model(const hr_ranker *a, const hr_ranker *b)
{
	return a->shared && a->shared == b->shared;
}
