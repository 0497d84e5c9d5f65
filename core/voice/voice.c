#include "voice.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "log.h"
#include "safety.h"
#include "text.h"
#include "tts.h"
#include "voice_grammar.h"
#include "voice_reply.h"
#include "wav.h"

/* Most decoders one daemon keeps (each holds the acoustic model, ~40 MB). */
#define MAX_DECODERS 16
/* Urgent and crisis answers are said this much slower: plainly. */
#define URGENT_STRETCH 1.15
/* A streamed question is decoded once this many new samples have arrived
 * (0.1 s): fewer, larger steps cost less than one per client frame. */
#define FEED_MIN 1600

struct hr_voice_model {
	hr_asr_model *asr;
	size_t nwords, nsentences;
};

/* One decoder with the safety checker its thread uses to pick a transcript. */
struct decoder {
	hr_asr *asr;
	hr_safety *safety;
	int busy;
	uint64_t used_ms; /* monotonic time of its last release */
};

enum stage { STAGE_LISTEN, STAGE_SPEAK };

struct hr_voice_job {
	uv_work_t work;
	struct hr_voice *v;
	struct hr_voice_job *next; /* in a waiting queue */
	enum stage stage;
	const struct hr_voice_sink *sink;
	void *ud; /* NULL once cancelled */
	enum hr_voice_reply mode;
	char id[HR_ID_MAX + 1];
	int has_id;
	size_t headroom;
	int16_t *pcm;
	size_t n;
	hr_asr_model *model;
	int rc;
	/* Streaming (hr_voice_open): PCM holds CAP samples, N arrived so far;
	 * the decoder DEC, held from the first block to the end, has had FED
	 * of them (FEEDING while a block is on the thread pool). */
	int streaming, ended, slot, queued, busy;
	size_t cap, fed, feeding;
	struct decoder *dec;
	int stream_rc;             /* the streamed pass failed: decode it whole at the end */
	int carry;                 /* an odd byte of a sample split between frames, or -1 */
	int parts;                 /* the client takes the spoken answer in parts */
	unsigned part;             /* parts sent so far */
	size_t spoken;             /* bytes of SPEECH said so far */
	struct hr_asr_result *asr; /* what the recogniser heard (listen_work) */
	struct hr_voice_choice heard;
	struct hr_answer answer;
	char *speech;
	int urgent;
	uint8_t *wav;
	size_t wavlen;
};

struct queue {
	hr_voice_job *head, *tail;
	size_t n;
};

struct hr_voice {
	uv_loop_t *loop;
	char hmm[HR_PATH_MAX];
	size_t max_samples;
	size_t speech_chars;
	unsigned decoders, queue_max;
	uint64_t idle_ms; /* voice.idle_seconds; 0 keeps recognisers */
	hr_lexicon *hand;
	char dictionary[HR_PATH_MAX]; /* the CMU dictionary, read for each grammar build */
	hr_tts *tts;
	hr_voice_model *model; /* served; loop only */
	pthread_mutex_t lock;  /* guards pool */
	struct decoder pool[MAX_DECODERS];
	/* Loop side: what runs and what waits. */
	unsigned listening, speaking;
	struct queue listen_q, speak_q;
};

/* ---- building ---- */

/* The CMU dictionary (~30 MB) is the same for every worker and only read
 * after loading (hr_lexicon_prons is const), so grammar builds that run at
 * once (workers starting together) share one copy: the first build loads
 * it, the last to finish frees it. Between builds it is not in memory. */
static struct {
	pthread_mutex_t lock;
	hr_lexicon *lex;
	char path[HR_PATH_MAX];
	unsigned refs;
} cmudict_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int cmudict_get(const char *path, hr_diag_fn diag, void *ud, hr_lexicon **out)
{
	int rc = 0;
	pthread_mutex_lock(&cmudict_cache.lock);
	if (cmudict_cache.lex && strcmp(cmudict_cache.path, path) == 0) {
		cmudict_cache.refs++;
		*out = cmudict_cache.lex;
		goto out;
	}
	hr_lexicon *lex = hr_lexicon_new();
	if (!lex) {
		rc = -ENOMEM;
		goto out;
	}
	rc = hr_lexicon_load(lex, path, 1, diag, ud);
	if (rc && rc != -EINVAL) {
		hr_lexicon_free(lex);
		goto out;
	}
	rc = 0;
	if (!cmudict_cache.lex) { /* a second path (tests) is simply not shared */
		cmudict_cache.lex = lex;
		snprintf(cmudict_cache.path, sizeof(cmudict_cache.path), "%s", path);
		cmudict_cache.refs = 1;
	}
	*out = lex;
out:
	pthread_mutex_unlock(&cmudict_cache.lock);
	return rc;
}

static void cmudict_put(hr_lexicon *lex)
{
	if (!lex)
		return;
	pthread_mutex_lock(&cmudict_cache.lock);
	if (lex == cmudict_cache.lex) {
		if (--cmudict_cache.refs == 0) {
			hr_lexicon_free(lex);
			cmudict_cache.lex = NULL;
		}
	} else {
		hr_lexicon_free(lex);
	}
	pthread_mutex_unlock(&cmudict_cache.lock);
}

int hr_voice_new(uv_loop_t *loop, const struct hr_config *cfg, hr_diag_fn diag, void *ud, hr_voice **out)
{
	hr_voice *v = calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	pthread_mutex_init(&v->lock, NULL);
	v->loop = loop;
	snprintf(v->hmm, sizeof(v->hmm), "%s", cfg->voice_model_dir);
	v->max_samples = (size_t)cfg->audio_seconds * HR_ASR_RATE;
	v->speech_chars = (size_t)cfg->speech_chars;
	v->decoders =
	    (unsigned)cfg->voice_decoders > MAX_DECODERS ? MAX_DECODERS : (unsigned)cfg->voice_decoders;
	v->queue_max = (unsigned)cfg->voice_queue;
	v->idle_ms = (uint64_t)cfg->voice_idle_seconds * 1000;
	int rc = -ENOMEM;
	if (!(v->hand = hr_lexicon_new()))
		goto fail;
	char path[HR_PATH_MAX + 32], mdef[HR_PATH_MAX + 8];
	snprintf(mdef, sizeof(mdef), "%s/mdef", cfg->voice_model_dir);
	FILE *probe = fopen(mdef, "r");
	if (!probe) {
		rc = -ENOENT;
		hr_diagf(diag, ud, cfg->voice_model_dir, 0,
		         "no acoustic model here (install pocketsphinx-en-us)");
		goto fail;
	}
	fclose(probe);
	/* The CMU dictionary (~30 MB in memory) is only needed while a grammar
	 * is built (at start and reload): read then, freed after. */
	snprintf(v->dictionary, sizeof(v->dictionary), "%s", cfg->voice_dictionary);
	probe = fopen(cfg->voice_dictionary, "r");
	if (!probe) {
		rc = -errno;
		hr_diagf(diag, ud, cfg->voice_dictionary, 0, "cannot read the pronunciation dictionary: %s",
		         strerror(-rc));
		goto fail;
	}
	fclose(probe);
	snprintf(path, sizeof(path), "%s/lexicon.txt", cfg->voice_dir);
	rc = hr_lexicon_load(v->hand, path, 0, diag, ud);
	if (rc == -ENOMEM)
		goto fail;
	if (rc && rc != -EINVAL)
		hr_diagf(diag, ud, path, 0, "cannot read: %s (drug names will be pronounced by rule)",
		         strerror(-rc));
	rc = hr_tts_new(cfg->voice_tts, v->hand, &v->tts);
	if (rc) {
		hr_diagf(diag, ud, "voice.tts_voice", 0, "'%s' is not a flite voice herald has (slt, kal16)",
		         cfg->voice_tts);
		goto fail;
	}
	*out = v;
	return 0;
fail:
	hr_voice_free(v);
	return rc;
}

void hr_voice_free(hr_voice *v)
{
	if (!v)
		return;
	for (unsigned i = 0; i < MAX_DECODERS; i++) {
		hr_asr_free(v->pool[i].asr);
		hr_safety_free(v->pool[i].safety);
	}
	hr_voice_model_free(v->model);
	hr_tts_free(v->tts);
	hr_lexicon_free(v->hand);
	pthread_mutex_destroy(&v->lock);
	free(v);
}

/* The safety tier the recogniser's words TEXT raise (hr_grammar_input.safety). */
static int sentence_tier(void *ud, const char *text)
{
	char norm[HR_TRANSCRIPT_MAX];
	if (hr_text_normalize(text, strlen(text), norm, sizeof(norm)) < 0)
		return 0;
	struct hr_safety_result sr;
	hr_safety_check(ud, norm, &sr);
	return (int)sr.tier;
}

int hr_voice_build(hr_voice *v, const struct hr_config *cfg, hr_diag_fn diag, void *ud, hr_voice_model **out)
{
	hr_lexicon *cmudict = NULL;
	int rc = cmudict_get(v->dictionary, diag, ud, &cmudict);
	if (rc) {
		hr_diagf(diag, ud, v->dictionary, 0, "cannot read the pronunciation dictionary: %s",
		         strerror(-rc));
		return rc;
	}
	struct hr_pron_sources src = {v->hand, cmudict, hr_tts_lts, v->tts};
	/* The safety layer picks the sentences the recogniser must not miss. */
	hr_safety *safety = NULL;
	rc = hr_safety_new(&safety);
	if (rc) {
		cmudict_put(cmudict);
		return rc;
	}
	struct hr_grammar_input in = {.intents_dir = cfg->intents_dir,
	                              .plugins_dir = cfg->plugins_dir,
	                              .voice_dir = cfg->voice_dir,
	                              .local_dirs = cfg->local_content_dirs,
	                              .safety = sentence_tier,
	                              .safety_ud = safety};
	struct hr_grammar g;
	rc = hr_grammar_build(&in, &src, diag, ud, &g);
	hr_safety_free(safety);
	cmudict_put(cmudict);
	malloc_trim(0); /* the dictionary's pages back to the system */
	if (rc)
		return rc;
	hr_voice_model *m = calloc(1, sizeof(*m));
	if (!m) {
		hr_grammar_free(&g);
		return -ENOMEM;
	}
	m->nwords = g.nwords;
	m->nsentences = g.nsentences;
	rc = hr_asr_model_new(&g, &m->asr);
	if (rc) {
		free(m);
		return rc;
	}
	*out = m;
	return 0;
}

void hr_voice_model_free(hr_voice_model *m)
{
	if (!m)
		return;
	hr_asr_model_unref(m->asr);
	free(m);
}

void hr_voice_model_stats(const hr_voice_model *m, size_t *words, size_t *sentences)
{
	*words = m->nwords;
	*sentences = m->nsentences;
}

void hr_voice_set_model(hr_voice *v, hr_voice_model *m)
{
	hr_voice_model_free(v->model);
	v->model = m;
}

size_t hr_voice_max_samples(const hr_voice *v)
{
	return v->max_samples;
}

struct judge_ud {
	hr_safety *safety;
	const hr_lexicon *hand;
	hr_asr_model *model;
};

/* A word of the hand lexicon, or a key word of the grammar's slots (a drug
 * or test the CMU dictionary already says, hr_grammar.keys). */
static int is_key(const hr_lexicon *hand, const hr_asr_model *m, const char *word)
{
	const char *const *prons;
	if (hr_lexicon_prons(hand, word, &prons) > 0 || hr_lexicon_respelling(hand, word) != NULL)
		return 1;
	size_t n = strlen(word);
	const char *keys = m ? hr_asr_model_keys(m) : "";
	for (const char *p = strstr(keys, word); p && n; p = strstr(p + 1, word)) {
		if ((p == keys || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

static int safety_hit(void *ud, const char *text)
{
	struct judge_ud *j = ud;
	char norm[HR_TRANSCRIPT_MAX];
	if (hr_text_normalize(text, strlen(text), norm, sizeof(norm)) < 0)
		return 0;
	struct hr_safety_result sr;
	hr_safety_check(j->safety, norm, &sr);
	return (int)sr.tier;
}

static int key_word(void *ud, const char *word)
{
	struct judge_ud *j = ud;
	return is_key(j->hand, j->model, word);
}

/* Takes a free decoder, creating it on first use (on a worker thread). */
static struct decoder *acquire(hr_voice *v, int *rc)
{
	pthread_mutex_lock(&v->lock);
	struct decoder *d = NULL;
	for (unsigned i = 0; i < MAX_DECODERS && !d; i++) {
		if (!v->pool[i].busy && v->pool[i].asr)
			d = &v->pool[i];
	}
	for (unsigned i = 0; i < MAX_DECODERS && !d; i++) {
		if (!v->pool[i].busy && !v->pool[i].asr)
			d = &v->pool[i];
	}
	if (d)
		d->busy = 1;
	pthread_mutex_unlock(&v->lock);
	*rc = d ? 0 : -EBUSY;
	if (d && !d->asr) {
		*rc = hr_asr_new(v->hmm, &d->asr);
		if (*rc == 0)
			*rc = hr_safety_new(&d->safety);
		if (*rc) {
			hr_asr_free(d->asr);
			d->asr = NULL;
			pthread_mutex_lock(&v->lock);
			d->busy = 0;
			pthread_mutex_unlock(&v->lock);
			return NULL;
		}
	}
	return d;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void release(hr_voice *v, struct decoder *d)
{
	pthread_mutex_lock(&v->lock);
	d->busy = 0;
	d->used_ms = mono_ms();
	pthread_mutex_unlock(&v->lock);
}

/* Recognisers taken out of the pool, freed on the thread pool: ps_free()
 * returns tens of MB, which takes longer than the loop may wait. */
struct reaper {
	uv_work_t work;
	hr_asr *asr[MAX_DECODERS];
	hr_safety *safety[MAX_DECODERS];
	unsigned n;
};

static void reap_work(uv_work_t *w)
{
	struct reaper *r = w->data;
	for (unsigned i = 0; i < r->n; i++) {
		hr_asr_free(r->asr[i]);
		hr_safety_free(r->safety[i]);
	}
	malloc_trim(0); /* the model's pages back to the system, not kept by malloc */
}

static void reap_done(uv_work_t *w, int status)
{
	(void)status;
	free(w->data);
}

unsigned hr_voice_idle(hr_voice *v)
{
	if (!v || !v->idle_ms || !v->loop)
		return 0;
	struct reaper *r = calloc(1, sizeof(*r));
	if (!r)
		return 0;
	uint64_t now = mono_ms();
	pthread_mutex_lock(&v->lock);
	for (unsigned i = 0; i < MAX_DECODERS; i++) {
		struct decoder *d = &v->pool[i];
		if (d->asr && !d->busy && now - d->used_ms >= v->idle_ms) {
			r->asr[r->n] = d->asr;
			r->safety[r->n++] = d->safety;
			d->asr = NULL;
			d->safety = NULL;
		}
	}
	pthread_mutex_unlock(&v->lock);
	unsigned n = r->n;
	r->work.data = r;
	if (!n) {
		free(r);
		return 0;
	}
	if (uv_queue_work(v->loop, &r->work, reap_work, reap_done) != 0) {
		reap_work(&r->work); /* no thread pool: here, once */
		free(r);
	}
	if (n)
		hr_info("event=voice_idle recognisers_freed=%u", n);
	return n;
}

unsigned hr_voice_loaded(hr_voice *v)
{
	unsigned n = 0;
	pthread_mutex_lock(&v->lock);
	for (unsigned i = 0; i < MAX_DECODERS; i++)
		n += v->pool[i].asr != NULL;
	pthread_mutex_unlock(&v->lock);
	return n;
}

/* Decodes PCM into R (R->grammar and R->ngram empty when there is no speech). */
static int decode(hr_voice *v, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *r)
{
	memset(r, 0, sizeof(*r));
	if (!hr_pcm_has_speech(pcm, n, HR_ASR_RATE))
		return 0; /* nothing to hear: no decoder needed */
	int rc;
	struct decoder *d = acquire(v, &rc);
	if (!d)
		return rc;
	rc = hr_asr_decode(d->asr, m, pcm, n, r);
	release(v, d);
	if (rc == 0) {
		hr_voice_near_safety(hr_asr_model_safety(m), r);
		hr_voice_closest(hr_asr_model_sentences(m), r);
	}
	return rc;
}

int hr_voice_transcribe(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n,
                        struct hr_voice_choice *out)
{
	if (n > v->max_samples)
		return -E2BIG;
	struct hr_asr_result *r = malloc(sizeof(*r)); /* ~8 KB */
	if (!r)
		return -ENOMEM;
	int rc = decode(v, m->asr, pcm, n, r);
	if (rc == 0) {
		/* No engine here: the safety layer and the words alone decide. */
		struct judge_ud ud = {NULL, v->hand, m->asr};
		rc = hr_safety_new(&ud.safety);
		if (rc == 0) {
			struct hr_voice_judge judge = {safety_hit, NULL, key_word, &ud, NULL};
			hr_voice_choose(r, &judge, out);
		}
		hr_safety_free(ud.safety);
	}
	free(r);
	return rc;
}

int hr_voice_say(hr_voice *v, const char *text, int urgent, uint8_t **wav, size_t *len)
{
	int16_t *pcm = NULL;
	size_t n = 0;
	unsigned rate = 0;
	int rc = hr_tts_say(v->tts, text, urgent ? URGENT_STRETCH : 1.0, &pcm, &n, &rate);
	if (rc)
		return rc;
	*wav = hr_wav_write(pcm, n, rate, 0, len);
	free(pcm);
	return *wav ? 0 : -ENOMEM;
}

/* ---- jobs on the loop ---- */

static int is_ws(enum hr_voice_reply mode)
{
	return mode == HR_VOICE_WS || mode == HR_VOICE_WS_PARTS;
}

static void job_free(hr_voice_job *j)
{
	free(j->asr);
	free(j->pcm);
	free(j->speech);
	free(j->wav);
	hr_answer_clear(&j->answer);
	hr_asr_model_unref(j->model);
	free(j);
}

static void push(struct queue *q, hr_voice_job *j, int front)
{
	j->next = NULL;
	if (front && q->head) {
		j->next = q->head;
		q->head = j;
	} else {
		if (q->tail)
			q->tail->next = j;
		else
			q->head = j;
		q->tail = j;
	}
	q->n++;
}

static hr_voice_job *pop(struct queue *q)
{
	hr_voice_job *j = q->head;
	if (j) {
		q->head = j->next;
		if (!q->head)
			q->tail = NULL;
		q->n--;
	}
	return j;
}

/* Takes J out of Q (a streamed question whose client left while it waited). */
static void unlink_job(struct queue *q, hr_voice_job *j)
{
	for (hr_voice_job **p = &q->head, *prev = NULL; *p; prev = *p, p = &(*p)->next) {
		if (*p != j)
			continue;
		*p = j->next;
		if (q->tail == j)
			q->tail = prev;
		q->n--;
		return;
	}
}

static void listen_work(uv_work_t *w);
static void listen_done(uv_work_t *w, int status);
static void kick(hr_voice_job *j);
static void speak_work(uv_work_t *w);
static void speak_done(uv_work_t *w, int status);

/* Starts waiting jobs while decoders (and the one synthesiser) are free. */
static void pump(hr_voice *v)
{
	while (v->listening < v->decoders && v->listen_q.head) {
		hr_voice_job *j = pop(&v->listen_q);
		j->queued = 0;
		if (!j->ud) { /* its client left while it waited */
			job_free(j);
			continue;
		}
		if (j->streaming) {
			/* A decoder for it at last: it catches up with the audio
			 * that arrived meanwhile, then follows it. */
			j->slot = 1;
			v->listening++;
			kick(j);
			continue;
		}
		if (uv_queue_work(v->loop, &j->work, listen_work, listen_done) == 0) {
			v->listening++;
		} else {
			j->rc = -EIO;
			listen_done(&j->work, 0);
		}
	}
	/* flite runs one utterance at a time; more threads would only wait. */
	while (v->speaking < 1 && v->speak_q.head) {
		hr_voice_job *j = pop(&v->speak_q);
		if (uv_queue_work(v->loop, &j->work, speak_work, speak_done) == 0) {
			v->speaking++;
		} else {
			j->rc = -EIO;
			speak_done(&j->work, 0);
		}
	}
}

static void send_error(hr_voice_job *j, enum hr_proto_code code, unsigned status, const char *message)
{
	struct hr_proto_error e;
	hr_proto_error_set(&e, code, j->has_id ? j->id : NULL, message);
	size_t len;
	char *buf = hr_proto_error(&e, j->headroom, &len);
	hr_info("event=voice_error code=%s", hr_proto_code_name(code));
	if (is_ws(j->mode)) {
		if (buf)
			j->sink->send(j->ud, buf, len, 0);
		j->sink->done(j->ud);
	} else {
		j->sink->respond(j->ud, status, "application/json", buf, buf ? len : 0);
	}
}

/* A new job for one utterance, with its reply's id, mode, sink and headroom:
 * the part a question posted whole and one streamed share. */
static hr_voice_job *job_new(hr_voice *v, const char *id, enum hr_voice_reply mode,
                             const struct hr_voice_sink *sink, void *ud, size_t headroom)
{
	hr_voice_job *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	j->v = v;
	j->work.data = j;
	j->sink = sink;
	j->ud = ud;
	j->mode = mode;
	j->has_id = id != NULL;
	snprintf(j->id, sizeof(j->id), "%s", id ? id : "");
	j->headroom = headroom;
	return j;
}

int hr_voice_start(hr_voice *v, int16_t *pcm, size_t n, const char *id, enum hr_voice_reply mode,
                   const struct hr_voice_sink *sink, void *ud, size_t headroom, hr_voice_job **job)
{
	if (!v || !v->model || !v->loop) {
		free(pcm);
		return -ENODEV;
	}
	if (v->listening >= v->decoders && v->listen_q.n >= v->queue_max) {
		free(pcm);
		return -EBUSY;
	}
	hr_voice_job *j = job_new(v, id, mode, sink, ud, headroom);
	if (!j) {
		free(pcm);
		return -ENOMEM;
	}
	j->pcm = pcm;
	j->n = n;
	j->model = hr_asr_model_ref(v->model->asr);
	push(&v->listen_q, j, 0);
	j->queued = 1;
	if (job)
		*job = j;
	pump(v);
	return 0;
}

int hr_voice_open(hr_voice *v, const char *id, enum hr_voice_reply mode, const struct hr_voice_sink *sink,
                  void *ud, size_t headroom, hr_voice_job **job)
{
	if (!v || !v->model || !v->loop)
		return -ENODEV;
	if (v->listening >= v->decoders && v->listen_q.n >= v->queue_max)
		return -EBUSY;
	hr_voice_job *j = job_new(v, id, mode, sink, ud, headroom);
	if (!j || !(j->pcm = malloc(v->max_samples * sizeof(*j->pcm)))) {
		free(j);
		return -ENOMEM;
	}
	j->streaming = 1;
	j->cap = v->max_samples;
	j->carry = -1;
	j->model = hr_asr_model_ref(v->model->asr);
	if (v->listening < v->decoders && !v->listen_q.head) {
		j->slot = 1;
		v->listening++;
	} else {
		push(&v->listen_q, j, 0);
		j->queued = 1;
	}
	*job = j;
	return 0;
}

int hr_voice_feed(hr_voice_job *j, const uint8_t *in, size_t len)
{
	size_t i = 0;
	int rc = 0;
	if (j->carry >= 0 && len) {
		uint8_t two[2] = {(uint8_t)j->carry, in[0]};
		j->carry = -1;
		if (j->n < j->cap)
			hr_pcm_from_le(two, 1, j->pcm + j->n++);
		else
			rc = -E2BIG;
		i = 1;
	}
	size_t m = (len - i) / 2;
	if (m > j->cap - j->n) {
		m = j->cap - j->n;
		rc = -E2BIG;
	}
	hr_pcm_from_le(in + i, m, j->pcm + j->n);
	j->n += m;
	i += 2 * m;
	if (rc == 0 && i < len)
		j->carry = in[i];
	kick(j);
	return rc;
}

int hr_voice_end(hr_voice_job *j)
{
	j->ended = 1;
	kick(j);
	return 0;
}

/* A streamed question that will not be answered: its decoder and slot back. */
static void stream_drop(hr_voice_job *j)
{
	hr_voice *v = j->v;
	if (j->dec)
		release(v, j->dec); /* its utterance is dropped by the next hr_asr_begin */
	if (j->slot)
		v->listening--;
	job_free(j);
	pump(v);
}

void hr_voice_cancel(hr_voice_job *job)
{
	if (!job)
		return;
	job->ud = NULL;
	/* A job on the thread pool, or about to be answered, is freed when its
	 * work returns; a stream between blocks is dropped now. */
	if (!job->streaming || job->ended || job->busy)
		return;
	if (job->queued) {
		unlink_job(&job->v->listen_q, job);
		job->queued = 0;
	}
	stream_drop(job);
}

/* A block of a streamed question, on the thread pool: the decoder is taken
 * and its utterance begun at the first one. */
static void feed_work(uv_work_t *w)
{
	hr_voice_job *j = w->data;
	if (j->stream_rc)
		return;
	if (!j->dec) {
		int rc;
		if (!(j->dec = acquire(j->v, &rc))) {
			j->stream_rc = rc;
			return;
		}
		if ((rc = hr_asr_begin(j->dec->asr, j->model, j->pcm, HR_ASR_SEED))) {
			j->stream_rc = rc;
			return;
		}
	}
	j->stream_rc = hr_asr_feed(j->dec->asr, j->pcm + j->fed, j->feeding - j->fed);
}

static void feed_done(uv_work_t *w, int status)
{
	hr_voice_job *j = w->data;
	j->busy = 0;
	j->fed = j->feeding;
	if (!j->ud || status == UV_ECANCELED) {
		stream_drop(j);
		return;
	}
	kick(j);
}

/* Moves a streamed question on: the next block to the decoder once enough
 * has arrived, or, after its end, the final pass. One work item at a time. */
static void kick(hr_voice_job *j)
{
	if (!j->streaming || !j->slot || j->busy)
		return;
	hr_voice *v = j->v;
	if (j->ended) {
		j->busy = 1;
		if (uv_queue_work(v->loop, &j->work, listen_work, listen_done) != 0) {
			j->rc = -EIO;
			listen_done(&j->work, 0);
		}
		return;
	}
	/* The first block waits for the second that seeds the normalisation. */
	if (j->stream_rc || j->n - j->fed < FEED_MIN || j->n < HR_ASR_SEED)
		return;
	j->feeding = j->n;
	j->busy = 1;
	if (uv_queue_work(v->loop, &j->work, feed_work, feed_done) != 0) {
		j->busy = 0;
		j->stream_rc = -EIO; /* decoded whole at the end */
	}
}

/* The end of a streamed question, on the thread pool: what the decoder has
 * not had yet, then the final passes (hr_asr_end). When the streamed pass
 * failed, the whole audio is decoded as a question sent at once. */
static int finish_stream(hr_voice_job *j, struct hr_asr_result *r)
{
	hr_voice *v = j->v;
	struct decoder *d = j->dec;
	j->dec = NULL;
	if (!d || j->stream_rc) {
		if (d)
			release(v, d);
		return decode(v, j->model, j->pcm, j->n, r);
	}
	memset(r, 0, sizeof(*r));
	int rc = 0;
	if (hr_pcm_has_speech(j->pcm, j->n, HR_ASR_RATE)) {
		rc = hr_asr_feed(d->asr, j->pcm + j->fed, j->n - j->fed);
		if (rc == 0)
			rc = hr_asr_end(d->asr, j->pcm, j->n, r);
	}
	release(v, d);
	if (rc == 0) {
		hr_voice_near_safety(hr_asr_model_safety(j->model), r);
		hr_voice_closest(hr_asr_model_sentences(j->model), r);
	}
	return rc;
}

static void listen_work(uv_work_t *w)
{
	hr_voice_job *j = w->data;
	j->asr = malloc(sizeof(*j->asr));
	j->rc = !j->asr        ? -ENOMEM
	        : j->streaming ? finish_stream(j, j->asr)
	                       : decode(j->v, j->model, j->pcm, j->n, j->asr);
}

/* Routing for hr_voice_choose: each hypothesis once. */
typedef void (*route_fn)(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier);
struct route_cache {
	route_fn route;
	void *ud;
	const hr_lexicon *hand;
	hr_asr_model *model;
	size_t n;
	struct {
		const char *text;
		char intent[HR_VOICE_INTENT_MAX];
		int tier;
	} e[3 + HR_ASR_NBEST + HR_ASR_CLOSE + 1];
};

static int routed(struct route_cache *c, const char *text)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].text == text || strcmp(c->e[i].text, text) == 0)
			return (int)i;
	}
	size_t i = c->n < sizeof(c->e) / sizeof(c->e[0]) ? c->n++ : c->n - 1;
	c->e[i].text = text;
	c->e[i].tier = 0;
	snprintf(c->e[i].intent, sizeof(c->e[i].intent), "fallback");
	c->route(c->ud, text, strlen(text), c->e[i].intent, sizeof(c->e[i].intent), &c->e[i].tier);
	return (int)i;
}

static int loop_tier(void *ud, const char *text)
{
	struct route_cache *c = ud;
	return c->e[routed(c, text)].tier;
}

static void loop_intent(void *ud, const char *text, char *out, size_t cap)
{
	struct route_cache *c = ud;
	snprintf(out, cap, "%s", c->e[routed(c, text)].intent);
}

static int loop_key(void *ud, const char *word)
{
	struct route_cache *c = ud;
	return is_key(c->hand, c->model, word);
}

static const char *loop_respell(void *ud, const char *word)
{
	struct route_cache *c = ud;
	return hr_lexicon_respelling(c->hand, word);
}

/* hr_voice_choose with ROUTE for the engine's routing (the daemon's sink,
 * or a measuring tool's). Returns 0, or -ENOMEM with OUT "not heard". */
static int choose_routed(hr_voice *v, hr_asr_model *m, const struct hr_asr_result *r, route_fn route,
                         void *ud, struct hr_voice_choice *out)
{
	struct route_cache *c = calloc(1, sizeof(*c));
	if (!c) {
		memset(out, 0, sizeof(*out));
		out->heard = HR_HEARD_REPEAT;
		return -ENOMEM;
	}
	*c = (struct route_cache){.route = route, .ud = ud, .hand = v->hand, .model = m};
	struct hr_voice_judge judge = {loop_tier, loop_intent, loop_key, c, loop_respell};
	hr_voice_choose(r, &judge, out);
	free(c);
	return 0;
}

int hr_voice_hypotheses(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *r)
{
	if (n > v->max_samples)
		return -E2BIG;
	return decode(v, m->asr, pcm, n, r);
}

int hr_voice_decide(hr_voice *v, hr_voice_model *m, struct hr_asr_result *r,
                    void (*route)(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier),
                    void *ud, struct hr_voice_choice *out)
{
	hr_voice_near_safety(hr_asr_model_safety(m->asr), r);
	hr_voice_closest(hr_asr_model_sentences(m->asr), r);
	return choose_routed(v, m->asr, r, route, ud, out);
}

/* Decides what was heard, with the engine's routing (safety layer included). */
static void choose_on_loop(hr_voice_job *j)
{
	if (!j->sink->route) {
		memset(&j->heard, 0, sizeof(j->heard));
		snprintf(j->heard.text, sizeof(j->heard.text), "%s",
		         j->asr->grammar[0] ? j->asr->grammar : j->asr->ngram);
		j->heard.heard = j->heard.text[0] ? HR_HEARD_ANSWER : HR_HEARD_REPEAT;
		return;
	}
	choose_routed(j->v, j->model, j->asr, j->sink->route, j->ud, &j->heard);
}

static void listen_done(uv_work_t *w, int status)
{
	hr_voice_job *j = w->data;
	hr_voice *v = j->v;
	v->listening--;
	free(j->pcm);
	j->pcm = NULL;
	if (!j->ud || status == UV_ECANCELED) {
		job_free(j);
		pump(v);
		return;
	}
	if (j->rc) {
		hr_warn("event=voice_failed stage=recognition error=\"%s\"", strerror(-j->rc));
		send_error(j, HR_E_INTERNAL, 500, "speech recognition failed; please try again");
		job_free(j);
		pump(v);
		return;
	}
	choose_on_loop(j);
	if (is_ws(j->mode)) {
		size_t len;
		char *buf = hr_voice_msg_transcript(j->id, &j->heard, j->headroom, &len);
		if (buf)
			j->sink->send(j->ud, buf, len, 0);
	}
	int rc;
	switch (j->heard.heard) {
	case HR_HEARD_ANSWER:
		rc = j->sink->answer(j->ud, j->heard.text, strlen(j->heard.text), &j->answer);
		break;
	case HR_HEARD_CONFIRM:
		if (!j->heard.safety) {
			rc = hr_voice_did_you_mean(&j->answer, j->heard.text);
			break;
		}
		/* A safety concept herald may have misheard: its answer anyway,
		 * leading with the safety line, and a word of doubt after it. */
		rc = j->sink->answer(j->ud, j->heard.text, strlen(j->heard.text), &j->answer);
		if (rc == 0)
			rc = hr_voice_add_doubt(&j->answer);
		break;
	default:
		rc = hr_voice_not_heard(&j->answer);
		break;
	}
	hr_info("event=voice_answered heard=%s intent=%s",
	        j->heard.text[0] ? hr_heard_name(j->heard.heard) : "nothing",
	        rc == 0 && j->answer.intent ? j->answer.intent : "-");
	if (rc) {
		send_error(j, HR_E_INTERNAL, 500, "internal error");
		job_free(j);
		pump(v);
		return;
	}
	if (is_ws(j->mode)) {
		size_t len;
		char *buf = hr_proto_answer(&j->answer, j->id, NULL, j->headroom, &len);
		if (buf)
			j->sink->send(j->ud, buf, len, 0);
	}
	if (j->mode == HR_VOICE_HTTP_JSON) {
		/* No audio asked for: nothing to synthesise. */
		size_t len;
		char *buf = hr_voice_msg_http(&j->answer, &j->heard, NULL, 0, j->headroom, &len);
		j->sink->respond(j->ud, buf ? 200 : 500, "application/json", buf, buf ? len : 0);
		job_free(j);
		pump(v);
		return;
	}
	j->urgent = j->answer.safety != HR_SAFETY_NONE;
	const char *speech = j->answer.speech ? j->answer.speech : j->answer.text ? j->answer.text : "";
	/* The safety answer leads with the action and is said whole. */
	j->speech = j->urgent ? strdup(speech) : hr_voice_speech_text(speech, v->speech_chars);
	if (!j->speech) {
		send_error(j, HR_E_INTERNAL, 500, "internal error");
		job_free(j);
		pump(v);
		return;
	}
	j->stage = STAGE_SPEAK;
	push(&v->speak_q, j, j->urgent);
	pump(v);
}

static void speak_work(uv_work_t *w)
{
	hr_voice_job *j = w->data;
	int16_t *pcm = NULL;
	size_t n = 0;
	unsigned rate = 0;
	/* In parts, the first sentence is said first, alone, so its audio is
	 * sent while the rest is still being synthesised. */
	const char *text = j->speech + j->spoken;
	size_t len = j->mode == HR_VOICE_WS_PARTS ? hr_voice_part_len(text, j->part == 0) : strlen(text);
	char *piece = strndup(text, len);
	j->rc =
	    piece ? hr_tts_say(j->v->tts, piece, j->urgent ? URGENT_STRETCH : 1.0, &pcm, &n, &rate) : -ENOMEM;
	free(piece);
	j->spoken += len;
	if (j->rc == 0) {
		j->wav = hr_wav_write(pcm, n, rate, j->headroom, &j->wavlen);
		if (!j->wav)
			j->rc = -ENOMEM;
	}
	free(pcm);
}

static void speak_done(uv_work_t *w, int status)
{
	hr_voice_job *j = w->data;
	hr_voice *v = j->v;
	v->speaking--;
	if (!j->ud || status == UV_ECANCELED) {
		job_free(j);
		pump(v);
		return;
	}
	if (j->rc) {
		hr_warn("event=voice_failed stage=synthesis error=\"%s\"", strerror(-j->rc));
		send_error(j, HR_E_INTERNAL, 500, "speech synthesis failed; the answer was sent as text");
		job_free(j);
		pump(v);
		return;
	}
	size_t len;
	char *buf;
	int last = j->speech[j->spoken] == '\0';
	switch (j->mode) {
	case HR_VOICE_WS:
	case HR_VOICE_WS_PARTS:
		buf = hr_voice_msg_audio(j->id, j->wavlen, j->mode == HR_VOICE_WS_PARTS ? ++j->part : 0, last,
		                         j->headroom, &len);
		if (buf)
			j->sink->send(j->ud, buf, len, 0);
		j->sink->send(j->ud, (char *)j->wav, j->wavlen, 1);
		j->wav = NULL;
		if (!last) {
			/* The next part waits behind other answers' first parts
			 * (a safety answer's parts go first). */
			push(&v->speak_q, j, j->urgent);
			pump(v);
			return;
		}
		j->sink->done(j->ud);
		break;
	case HR_VOICE_HTTP_WAV:
		j->sink->respond(j->ud, 200, "audio/wav", (char *)j->wav, j->wavlen);
		j->wav = NULL;
		break;
	case HR_VOICE_HTTP_JSON:
	case HR_VOICE_HTTP_BOTH:
		buf = hr_voice_msg_http(&j->answer, &j->heard,
		                        j->mode == HR_VOICE_HTTP_BOTH ? j->wav + j->headroom : NULL,
		                        j->wavlen, j->headroom, &len);
		if (buf)
			j->sink->respond(j->ud, 200, "application/json", buf, len);
		else
			j->sink->respond(j->ud, 500, "application/json", NULL, 0);
		break;
	}
	job_free(j);
	pump(v);
}
