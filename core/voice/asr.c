#include "asr.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <pocketsphinx.h>
#include <sphinxbase/err.h>
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

struct hr_asr_model {
	atomic_int refs;
	int dict_fd, arpa_fd, fsg_fd;
	char *safety;         /* the grammar's safety sentences, one a line */
	unsigned long serial; /* tells decoders that the model changed */
};

struct hr_asr {
	char hmm[1024];
	ps_decoder_t *ps;
	unsigned long serial; /* of the model the decoder has loaded, 0 for none */
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
	g->safety = NULL;
	if (!m->safety && !rc)
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
	if (a->ps) {
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
	a->serial = m->serial;
	return 0;
}

/* Decodes the padded audio with search NAME into OUT; RESET starts a new stream. */
static int run(hr_asr *a, const char *name, int reset, size_t n, char *out, size_t cap)
{
	out[0] = '\0';
	if (ps_set_search(a->ps, name) < 0 || (reset && ps_start_stream(a->ps) < 0) ||
	    ps_start_utt(a->ps) < 0)
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

int hr_asr_decode(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *out)
{
	out->grammar[0] = out->ngram[0] = out->near[0] = '\0';
	out->nalt = 0;
	int rc = load(a, m);
	if (rc)
		return rc;
	size_t total = n + 2 * PAD_SAMPLES;
	if (total > a->bufcap) {
		int16_t *nb = realloc(a->buf, total * sizeof(*nb));
		if (!nb)
			return -ENOMEM;
		a->buf = nb;
		a->bufcap = total;
	}
	/* A faint dither rather than digital silence: log energies of exact
	 * zeros mislead the feature extraction. */
	unsigned seed = 12345;
	for (size_t i = 0; i < PAD_SAMPLES; i++) {
		seed = seed * 1103515245u + 12345u;
		a->buf[i] = (int16_t)((int)(seed >> 16) % 5 - 2);
		a->buf[PAD_SAMPLES + n + i] = a->buf[i];
	}
	memcpy(a->buf + PAD_SAMPLES, pcm, n * sizeof(*pcm));
	/* A new stream resets the noise estimate, so a result never depends on
	 * what the decoder heard before; but a fresh estimate is poor at the
	 * start of an utterance, so a first pass only settles it for the two
	 * that count. (A phone loop settles it as well, a little cheaper, but
	 * pocketsphinx 5prealpha's allphone search leaks its last segments when
	 * the decoder is freed, which freeing idle recognisers would repeat.) */
	char scratch[HR_TRANSCRIPT_MAX];
	if ((rc = run(a, "ngram", 1, total, scratch, sizeof(scratch))) ||
	    (rc = run(a, "grammar", 0, total, out->grammar, sizeof(out->grammar))) ||
	    (rc = run(a, "ngram", 0, total, out->ngram, sizeof(out->ngram))))
		return rc;
	nbest(a, out);
	return 0;
}
