#include "asr.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/err.h>
#include <sphinxbase/fe.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/fsg_model.h>

/*
 * Decoder settings, tuned on questions spoken by espeak-ng voices: a higher
 * language weight than pocketsphinx's 6.5 holds both searches closer to the
 * sentences herald knows, and wider beams than its defaults keep the
 * grammar's right sentence from being pruned on imperfect audio (the
 * vocabulary is small, so this costs little time).
 */
#define NGRAM_LW "10"
#define FSG_LW 6.5f
/* Silence around the audio: clients often cut the first syllable close. */
#define PAD_SAMPLES 4800
/* Below this word agreement with the trigram words, the streamed grammar
 * sentence is checked by a whole-utterance grammar pass (hr_asr_end); the
 * agreement at which hr_voice_choose() answers with one hypothesis. */
#define RECHECK_AGREE 0.75
/* Frames the seeding front end writes at a time. */
#define SEED_FRAMES 64

struct hr_asr_model {
	atomic_int refs;
	int dict_fd, arpa_fd, fsg_fd;
	char *safety;         /* the grammar's safety sentences, one a line */
	char *sentences;      /* all its sentences, one a line */
	char *keys;           /* its key words, one a line */
	unsigned long serial; /* tells decoders that the model changed */
};

/* Cepstral coefficients of the mean kept for the streamed pass (13 for en-us). */
#define CMN_MAX 64

struct hr_asr {
	char hmm[1024];
	ps_decoder_t *ps;
	unsigned long serial; /* of the model the decoder has loaded, 0 for none */
	int in_utt;           /* a streamed utterance is open (hr_asr_begin) */
	/* The feature extraction's normalisation as loaded: the configured
	 * type (whole-utterance mean) and the model's initial live mean. Set
	 * again before every pass, so no result depends on what the decoder
	 * heard before (sphinxbase switches a decoder to the live mean for
	 * good after one streamed block, and keeps updating that mean). */
	cmn_type_t cmn_type;
	mfcc_t cmn0[CMN_MAX];
	fe_t *fe;     /* a front end of its own, for the streamed pass's mean */
	mfcc_t **cep; /* its output, SEED_FRAMES at a time */
	int16_t *buf;
	size_t bufcap;
};

static atomic_ulong next_serial = 1;

static int memfile(const char *name, const char *text, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int e = -errno;
			close(fd);
			return e;
		}
		off += (size_t)w;
	}
	return fd;
}

static void fd_path(int fd, char *out, size_t cap)
{
	snprintf(out, cap, "/proc/self/fd/%d", fd);
}

int hr_asr_model_new(struct hr_grammar *g, hr_asr_model **out)
{
	hr_asr_model *m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->dict_fd = m->arpa_fd = m->fsg_fd = -1;
	int rc = 0;
	if ((m->dict_fd = memfile("herald-dict", g->dict, g->dict_len)) < 0)
		rc = m->dict_fd;
	else if ((m->arpa_fd = memfile("herald-lm", g->arpa, g->arpa_len)) < 0)
		rc = m->arpa_fd;
	else if ((m->fsg_fd = memfile("herald-fsg", g->fsg, g->fsg_len)) < 0)
		rc = m->fsg_fd;
	m->safety = g->safety ? g->safety : strdup("");
	m->sentences = g->sentences ? g->sentences : strdup("");
	m->keys = g->keys ? g->keys : strdup("");
	g->safety = g->sentences = g->keys = NULL;
	if ((!m->safety || !m->sentences || !m->keys) && !rc)
		rc = -ENOMEM;
	hr_grammar_free(g);
	if (rc) {
		atomic_init(&m->refs, 1);
		hr_asr_model_unref(m);
		return rc;
	}
	atomic_init(&m->refs, 1);
	m->serial = atomic_fetch_add(&next_serial, 1);
	*out = m;
	return 0;
}

const char *hr_asr_model_safety(const hr_asr_model *m)
{
	return m->safety;
}

const char *hr_asr_model_sentences(const hr_asr_model *m)
{
	return m->sentences;
}

const char *hr_asr_model_keys(const hr_asr_model *m)
{
	return m->keys;
}

hr_asr_model *hr_asr_model_ref(hr_asr_model *m)
{
	if (m)
		atomic_fetch_add(&m->refs, 1);
	return m;
}

void hr_asr_model_unref(hr_asr_model *m)
{
	if (!m || atomic_fetch_sub(&m->refs, 1) != 1)
		return;
	if (m->dict_fd >= 0)
		close(m->dict_fd);
	if (m->arpa_fd >= 0)
		close(m->arpa_fd);
	if (m->fsg_fd >= 0)
		close(m->fsg_fd);
	free(m->safety);
	free(m->sentences);
	free(m->keys);
	free(m);
}

int hr_asr_new(const char *hmm_dir, hr_asr **out)
{
	char mdef[1100];
	snprintf(mdef, sizeof(mdef), "%s/mdef", hmm_dir);
	if (access(mdef, R_OK) != 0)
		return -ENOENT;
	hr_asr *a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	snprintf(a->hmm, sizeof(a->hmm), "%s", hmm_dir);
	/* pocketsphinx logs every decode in detail, with the words heard:
	 * herald never logs what people say. */
	err_set_logfp(NULL);
	*out = a;
	return 0;
}

void hr_asr_free(hr_asr *a)
{
	if (!a)
		return;
	if (a->fe)
		fe_free(a->fe);
	if (a->cep)
		ckd_free_2d(a->cep);
	/* A stream dropped before its end (the client went away) leaves an
	 * utterance open: ending it frees the search's active lists, which
	 * ps_free does not (LeakSanitizer, test_voice's dropped streams). */
	if (a->ps && a->in_utt)
		ps_end_utt(a->ps);
	if (a->ps)
		ps_free(a->ps);
	free(a->buf);
	free(a);
}

/* (Re)creates the decoder for model M: the acoustic model is reloaded with
 * the new dictionary, which costs a fraction of a second once per reload. */
static int load(hr_asr *a, hr_asr_model *m)
{
	if (a->ps && a->serial == m->serial)
		return 0;
	if (a->fe) {
		fe_free(a->fe);
		a->fe = NULL;
	}
	if (a->cep) {
		ckd_free_2d(a->cep);
		a->cep = NULL;
	}
	if (a->ps) {
		if (a->in_utt)
			ps_end_utt(a->ps); /* as in hr_asr_free */
		a->in_utt = 0;
		ps_free(a->ps);
		a->ps = NULL;
	}
	char dict[64], arpa[64], fsgp[64];
	fd_path(m->dict_fd, dict, sizeof(dict));
	fd_path(m->arpa_fd, arpa, sizeof(arpa));
	fd_path(m->fsg_fd, fsgp, sizeof(fsgp));
	cmd_ln_t *cfg =
	    cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", a->hmm, "-dict", dict, "-lw", NGRAM_LW, "-logfn",
	                "/dev/null", "-beam", "1e-70", "-pbeam", "1e-70", "-wbeam", "1e-50", NULL);
	if (!cfg)
		return -EIO;
	a->ps = ps_init(cfg);
	cmd_ln_free_r(cfg); /* the decoder keeps its own reference */
	if (!a->ps)
		return -EIO;
	fsg_model_t *fsg = fsg_model_readfile(fsgp, ps_get_logmath(a->ps), FSG_LW);
	int rc = fsg ? ps_set_fsg(a->ps, "grammar", fsg) : -1;
	if (fsg)
		fsg_model_free(fsg); /* the search holds its own reference */
	if (rc == 0)
		rc = ps_set_lm_file(a->ps, "ngram", arpa);
	if (rc != 0) {
		ps_free(a->ps);
		a->ps = NULL;
		return -EIO;
	}
	feat_t *f = ps_get_feat(a->ps);
	if (!f || !f->cmn_struct || f->cmn_struct->veclen > CMN_MAX) {
		ps_free(a->ps);
		a->ps = NULL;
		return -EIO;
	}
	a->cmn_type = f->cmn;
	cmn_live_get(f->cmn_struct, a->cmn0);
	/* The decoder's own front-end settings, borrowed: this sphinxbase's
	 * fe_free() does not release a reference to them (a retained one
	 * leaked), so the front end is freed before the decoder. */
	a->fe = fe_init_auto_r(ps_get_config(a->ps));
	a->cep = a->fe ? ckd_calloc_2d(SEED_FRAMES, fe_get_output_size(a->fe), sizeof(mfcc_t)) : NULL;
	if (!a->cep || fe_get_output_size(a->fe) != f->cmn_struct->veclen) {
		if (a->cep)
			ckd_free_2d(a->cep);
		if (a->fe)
			fe_free(a->fe);
		a->cep = NULL;
		a->fe = NULL;
		ps_free(a->ps);
		a->ps = NULL;
		return -EIO;
	}
	a->in_utt = 0;
	a->serial = m->serial;
	return 0;
}

/* The mean normalisation for the next pass: LIVE uses a mean that stays
 * fixed through the utterance (hr_asr_begin seeds it), else the configured
 * whole-utterance mean. */
static void set_cmn(hr_asr *a, int live)
{
	feat_t *f = ps_get_feat(a->ps);
	f->cmn = live ? CMN_LIVE : a->cmn_type;
	cmn_live_set(f->cmn_struct, a->cmn0);
}

/*
 * Seeds the streamed pass's mean with the cepstral mean of HEAD[0..N) (the
 * start of the utterance, after the silence in front), computed by a front
 * end of the decoder's settings. The model's initial mean is far from most
 * speakers' and microphones': measured on the voice corpus, a streamed pass
 * from it lost the grammar's sentence on a third of clean questions that
 * the whole-utterance pass heard.
 */
static void seed_cmn(hr_asr *a, const int16_t *head, size_t n)
{
	feat_t *f = ps_get_feat(a->ps);
	int veclen = f->cmn_struct->veclen;
	double sum[CMN_MAX] = {0};
	long frames = 0;
	fe_start_stream(a->fe);
	fe_start_utt(a->fe);
	for (int pass = 0; pass < 2; pass++) {
		const int16_t *p = pass ? head : a->buf;
		size_t left = pass ? n : PAD_SAMPLES;
		while (left > 0) {
			int32 nfr = SEED_FRAMES;
			size_t before = left;
			if (fe_process_frames(a->fe, &p, &left, a->cep, &nfr, NULL) < 0)
				break;
			for (int i = 0; i < nfr; i++)
				for (int k = 0; k < veclen; k++)
					sum[k] += a->cep[i][k];
			frames += nfr;
			if (left == before && nfr == 0)
				break;
		}
	}
	int32 tail = 0;
	fe_end_utt(a->fe, a->cep[0], &tail);
	for (int i = 0; i < tail; i++)
		for (int k = 0; k < veclen; k++)
			sum[k] += a->cep[i][k];
	frames += tail;
	if (frames < 10)
		return; /* too little to go on: the model's mean */
	mfcc_t mean[CMN_MAX];
	for (int k = 0; k < veclen; k++)
		mean[k] = (mfcc_t)(sum[k] / (double)frames);
	cmn_live_set(f->cmn_struct, mean);
}

/* Decodes the padded audio (a->buf[0..N)) whole with search NAME into OUT. */
static int run(hr_asr *a, const char *name, size_t n, char *out, size_t cap)
{
	out[0] = '\0';
	set_cmn(a, 0);
	if (ps_set_search(a->ps, name) < 0 || ps_start_utt(a->ps) < 0)
		return -EIO;
	/* The whole utterance at once: cepstral mean normalisation is then
	 * computed over all of it rather than estimated as it streams. */
	if (ps_process_raw(a->ps, a->buf, n, FALSE, TRUE) < 0) {
		ps_end_utt(a->ps);
		return -EIO;
	}
	if (ps_end_utt(a->ps) < 0)
		return -EIO;
	int32 score;
	const char *hyp = ps_get_hyp(a->ps, &score);
	if (hyp)
		snprintf(out, cap, "%s", hyp);
	return 0;
}

/* Words A and B share in order (longest common subsequence) over the longer
 * one's length: 1 for the same words, 0 for none or an empty text. */
static double words_agree(const char *a, const char *b)
{
	enum { MAXW = 64 };
	char ba[HR_TRANSCRIPT_MAX], bb[HR_TRANSCRIPT_MAX];
	const char *wa[MAXW], *wb[MAXW];
	size_t na = 0, nb = 0;
	snprintf(ba, sizeof(ba), "%s", a);
	snprintf(bb, sizeof(bb), "%s", b);
	for (char *save = NULL, *w = strtok_r(ba, " ", &save); w && na < MAXW; w = strtok_r(NULL, " ", &save))
		wa[na++] = w;
	for (char *save = NULL, *w = strtok_r(bb, " ", &save); w && nb < MAXW; w = strtok_r(NULL, " ", &save))
		wb[nb++] = w;
	if (!na || !nb)
		return 0;
	unsigned short row[MAXW + 1] = {0}, prev[MAXW + 1] = {0};
	for (size_t i = 1; i <= na; i++) {
		for (size_t k = 1; k <= nb; k++)
			row[k] = strcmp(wa[i - 1], wb[k - 1]) == 0 ? (unsigned short)(prev[k - 1] + 1)
			         : row[k - 1] > prev[k]            ? row[k - 1]
			                                           : prev[k];
		memcpy(prev, row, sizeof(row));
	}
	return (double)prev[nb] / (double)(na > nb ? na : nb);
}

/* The trigram search's next best hypotheses, distinct from its best. */
static void nbest(hr_asr *a, struct hr_asr_result *out)
{
	out->nalt = 0;
	ps_nbest_t *nb = ps_nbest(a->ps);
	/* A* over the lattice: bounded by the hypotheses looked at, not kept. */
	for (int looked = 0; nb && looked < 4 * HR_ASR_NBEST && out->nalt < HR_ASR_NBEST;
	     looked++, nb = ps_nbest_next(nb)) {
		int32 score;
		const char *h = ps_nbest_hyp(nb, &score);
		if (!h || !h[0] || strcmp(h, out->ngram) == 0)
			continue;
		int dup = 0;
		for (size_t i = 0; i < out->nalt && !dup; i++)
			dup = strcmp(out->alt[i], h) == 0;
		if (!dup)
			snprintf(out->alt[out->nalt++], HR_TRANSCRIPT_MAX, "%s", h);
	}
	if (nb)
		ps_nbest_free(nb);
}

/* A faint dither rather than digital silence, the same every time: log
 * energies of exact zeros mislead the feature extraction. */
static void dither(int16_t *out, size_t n)
{
	unsigned seed = 12345;
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		out[i] = (int16_t)((int)(seed >> 16) % 5 - 2);
	}
}

static int reserve(hr_asr *a, size_t total)
{
	if (total <= a->bufcap)
		return 0;
	int16_t *nb = realloc(a->buf, total * sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	a->buf = nb;
	a->bufcap = total;
	return 0;
}

static void close_utt(hr_asr *a)
{
	if (a->in_utt) {
		ps_end_utt(a->ps);
		a->in_utt = 0;
	}
}

int hr_asr_begin(hr_asr *a, hr_asr_model *m, const int16_t *head, size_t n)
{
	if (a->ps)
		close_utt(a); /* one abandoned before its end */
	int rc = load(a, m);
	if (rc || (rc = reserve(a, PAD_SAMPLES)))
		return rc;
	/* A new stream resets the noise estimate, and the live mean starts
	 * from the model's: the result depends on this audio alone. */
	set_cmn(a, 1);
	/* Silence in front: clients often cut the first syllable close. */
	dither(a->buf, PAD_SAMPLES);
	seed_cmn(a, head, n);
	if (ps_set_search(a->ps, "grammar") < 0 || ps_start_stream(a->ps) < 0 || ps_start_utt(a->ps) < 0)
		return -EIO;
	a->in_utt = 1;
	if (ps_process_raw(a->ps, a->buf, PAD_SAMPLES, FALSE, FALSE) < 0) {
		close_utt(a);
		return -EIO;
	}
	return 0;
}

int hr_asr_feed(hr_asr *a, const int16_t *pcm, size_t n)
{
	if (!a->in_utt)
		return -EINVAL;
	if (n && ps_process_raw(a->ps, pcm, n, FALSE, FALSE) < 0) {
		close_utt(a);
		return -EIO;
	}
	return 0;
}

int hr_asr_end(hr_asr *a, const int16_t *pcm, size_t n, struct hr_asr_result *out)
{
	out->grammar[0] = out->ngram[0] = out->near[0] = '\0';
	out->nalt = 0;
	if (!a->in_utt)
		return -EINVAL;
	size_t total = n + 2 * PAD_SAMPLES;
	int rc = reserve(a, total);
	if (rc) {
		close_utt(a);
		return rc;
	}
	dither(a->buf, PAD_SAMPLES);
	memcpy(a->buf + PAD_SAMPLES + n, a->buf, PAD_SAMPLES * sizeof(*a->buf));
	/* The streamed grammar search: only the silence after it is left. */
	if (ps_process_raw(a->ps, a->buf, PAD_SAMPLES, FALSE, FALSE) < 0) {
		close_utt(a);
		return -EIO;
	}
	a->in_utt = 0;
	if (ps_end_utt(a->ps) < 0)
		return -EIO;
	int32 score;
	const char *hyp = ps_get_hyp(a->ps, &score);
	snprintf(out->grammar, sizeof(out->grammar), "%s", hyp ? hyp : "");
	/* The trigram search over the whole utterance, its noise estimate
	 * settled by the pass that streamed (same audio, same stream), its
	 * mean normalisation over all of it: the open-vocabulary check of the
	 * grammar's sentence, with its n-best list. */
	memcpy(a->buf + PAD_SAMPLES, pcm, n * sizeof(*pcm));
	if ((rc = run(a, "ngram", total, out->ngram, sizeof(out->ngram))))
		return rc;
	nbest(a, out);
	/* The streamed pass normalised with the first second's mean. When the
	 * trigram words do not back its sentence, the grammar is searched
	 * again over the whole utterance, as it was before streaming: in 10 dB
	 * babble the streamed pass missed safety sentences that this finds
	 * ("i want to kill myself" fitted to a question about a cough). Only
	 * unsure utterances pay for it; a sentence the streamed pass found is
	 * kept when this finds none. */
	if (words_agree(out->grammar, out->ngram) < RECHECK_AGREE) {
		char again[HR_TRANSCRIPT_MAX];
		if ((rc = run(a, "grammar", total, again, sizeof(again))))
			return rc;
		if (again[0])
			snprintf(out->grammar, sizeof(out->grammar), "%s", again);
	}
	return 0;
}

/* The streamed pass is fed in blocks of this many samples, as a client's
 * frames would arrive (0.2 s), so a whole decode hears what streaming does. */
#define FEED_BLOCK 3200

int hr_asr_decode(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *out)
{
	out->grammar[0] = out->ngram[0] = out->near[0] = '\0';
	out->nalt = 0;
	int rc = hr_asr_begin(a, m, pcm, n < HR_ASR_SEED ? n : HR_ASR_SEED);
	for (size_t off = 0; rc == 0 && off < n; off += FEED_BLOCK)
		rc = hr_asr_feed(a, pcm + off, n - off < FEED_BLOCK ? n - off : FEED_BLOCK);
	return rc ? rc : hr_asr_end(a, pcm, n, out);
}
