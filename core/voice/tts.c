#include "tts.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <flite/flite.h>

/* The voices linked in (flite ships them as libraries, not files). */
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);

/* flite's voice list, its lexicon and its feature tables are process-wide. */
static pthread_mutex_t flite_lock = PTHREAD_MUTEX_INITIALIZER;
static int flite_ready;

struct hr_tts {
	cst_voice *voice;
	cst_lexicon *lex;
	const hr_lexicon *hand;
};

/* Lower-cases ARPAbet PHONES for flite and gives every vowel a stress mark
 * of 0 or 1, the only ones flite's phone table has ("AE" -> "ae0", "AE2" ->
 * "ae1"). */
static void flite_phones(const char *phones, char *out, size_t cap)
{
	size_t o = 0;
	const char *p = phones;
	while (*p && o + 4 < cap) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && *p != ' ')
			p++;
		size_t l = (size_t)(p - s);
		if (o)
			out[o++] = ' ';
		for (size_t i = 0; i < l && o + 2 < cap; i++)
			out[o++] = s[i] == '2' ? '1' : (char)tolower((unsigned char)s[i]);
		int vowel = strchr("AEIOU", s[0]) != NULL;
		if (vowel && !isdigit((unsigned char)s[l - 1]))
			out[o++] = '0';
	}
	out[o] = '\0';
}

/* Adds the hand lexicon's pronunciations to flite's lexicon (once: the
 * lexicon is shared by every flite voice in the process). */
static void add_addenda(cst_lexicon *lex, const hr_lexicon *hand)
{
	for (size_t i = 0; i < hr_lexicon_count(hand); i++) {
		const char *word = hr_lexicon_word(hand, i);
		const char *const *prons;
		if (!hr_lexicon_prons(hand, word, &prons))
			continue; /* respellings are applied to the text instead */
		char ph[HR_PHONES_MAX], entry[HR_PHONES_MAX + 160];
		flite_phones(prons[0], ph, sizeof(ph));
		snprintf(entry, sizeof(entry), "%s : %s", word, ph);
		cst_val *e = cst_lex_make_entry(lex, entry);
		if (e)
			lex->lex_addenda = cons_val(e, lex->lex_addenda);
	}
}

int hr_tts_new(const char *voice, const hr_lexicon *hand, hr_tts **out)
{
	hr_tts *t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	pthread_mutex_lock(&flite_lock);
	if (!flite_ready) {
		flite_init();
		flite_ready = 1;
	}
	if (!voice || !*voice || strcmp(voice, "slt") == 0)
		t->voice = register_cmu_us_slt(NULL);
	else if (strcmp(voice, "kal16") == 0)
		t->voice = register_cmu_us_kal16(NULL);
	if (t->voice) {
		const cst_val *lv = feat_val(t->voice->features, "lexicon");
		t->lex = lv ? val_lexicon(lv) : NULL;
		if (t->lex && hand && !t->lex->lex_addenda)
			add_addenda(t->lex, hand);
	}
	pthread_mutex_unlock(&flite_lock);
	if (!t->voice || !t->lex) {
		free(t);
		return -ENOENT;
	}
	t->hand = hand;
	*out = t;
	return 0;
}

void hr_tts_free(hr_tts *t)
{
	/* flite's registered voices live as long as the process (unregistering
	 * them would free the lexicon other voices share). */
	free(t);
}

static int is_mark(char c)
{
	return c && strchr(".,;:!?()[]\"'", c) != NULL;
}

/* Appends S[0..N) to OUT. */
static int put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > cap)
		return -ENOSPC;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
	return 0;
}

/* The respelling of WORD[0..N) (any case), or NULL. */
static const char *respelling(const hr_lexicon *hand, const char *w, size_t n)
{
	char key[96];
	if (!hand || n == 0 || n >= sizeof(key))
		return NULL;
	for (size_t i = 0; i < n; i++)
		key[i] = (char)tolower((unsigned char)w[i]);
	key[n] = '\0';
	return hr_lexicon_respelling(hand, key);
}

int hr_tts_prepare(const hr_lexicon *hand, const char *text, char *out, size_t cap)
{
	size_t o = 0;
	if (!cap)
		return -ENOSPC;
	out[0] = '\0';
	const char *p = text;
	while (*p) {
		if (isspace((unsigned char)*p)) {
			if (put(out, cap, &o, p, 1))
				return -ENOSPC;
			p++;
			continue;
		}
		const char *s = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		/* Punctuation around a word stays, for the pauses it makes. */
		const char *ws = s, *we = p;
		while (ws < we && is_mark(*ws))
			ws++;
		while (we > ws && is_mark(we[-1]))
			we--;
		if (put(out, cap, &o, s, (size_t)(ws - s)))
			return -ENOSPC;
		const char *re = respelling(hand, ws, (size_t)(we - ws));
		if (re) {
			if (put(out, cap, &o, re, strlen(re)))
				return -ENOSPC;
		} else {
			/* "HER2-positive": each part of a hyphenated word on its own. */
			const char *q = ws;
			while (q < we) {
				const char *h = memchr(q, '-', (size_t)(we - q));
				const char *pe = h ? h : we;
				const char *pr = respelling(hand, q, (size_t)(pe - q));
				int rc = pr ? put(out, cap, &o, pr, strlen(pr))
				            : put(out, cap, &o, q, (size_t)(pe - q));
				if (rc)
					return -ENOSPC;
				if (h && put(out, cap, &o, pr ? " " : "-", 1))
					return -ENOSPC;
				q = h ? h + 1 : we;
			}
		}
		if (put(out, cap, &o, we, (size_t)(p - we)))
			return -ENOSPC;
	}
	return (int)o;
}

int hr_tts_say(hr_tts *t, const char *text, double stretch, int16_t **pcm, size_t *n, unsigned *rate)
{
	size_t cap = strlen(text) * 4 + 64;
	char *prepared = malloc(cap);
	if (!prepared)
		return -ENOMEM;
	if (hr_tts_prepare(t->hand, text, prepared, cap) < 0) {
		free(prepared);
		return -ENOMEM;
	}
	int rc = 0;
	pthread_mutex_lock(&flite_lock);
	flite_feat_set_float(t->voice->features, "duration_stretch", (float)stretch);
	cst_wave *w = flite_text_to_wave(prepared, t->voice);
	if (!w || w->num_samples <= 0 || w->num_channels != 1) {
		rc = -EINVAL;
	} else {
		*pcm = malloc((size_t)w->num_samples * sizeof(**pcm));
		if (!*pcm) {
			rc = -ENOMEM;
		} else {
			memcpy(*pcm, w->samples, (size_t)w->num_samples * sizeof(**pcm));
			*n = (size_t)w->num_samples;
			*rate = (unsigned)w->sample_rate;
		}
	}
	if (w)
		delete_wave(w);
	pthread_mutex_unlock(&flite_lock);
	free(prepared);
	return rc;
}

int hr_tts_lts(void *ud, const char *word, char *out, size_t cap)
{
	hr_tts *t = ud;
	pthread_mutex_lock(&flite_lock);
	cst_val *phones = lex_lookup(t->lex, word, NULL, NULL);
	size_t o = 0;
	out[0] = '\0';
	for (const cst_val *v = phones; v; v = val_cdr(v)) {
		const char *ph = val_string(val_car(v));
		char up[16];
		size_t l = 0;
		/* flite's reduced vowels and flaps are not in the recogniser's phone set. */
		if (strncmp(ph, "ax", 2) == 0 && ph[2] != 'r')
			snprintf(up, sizeof(up), "AH%s", ph + 2);
		else if (strncmp(ph, "axr", 3) == 0)
			snprintf(up, sizeof(up), "ER%s", ph + 3);
		else if (strcmp(ph, "dx") == 0)
			snprintf(up, sizeof(up), "D");
		else if (strcmp(ph, "pau") == 0)
			continue;
		else
			snprintf(up, sizeof(up), "%s", ph);
		for (l = 0; up[l]; l++)
			up[l] = (char)toupper((unsigned char)up[l]);
		if (o + l + 2 > cap)
			break;
		if (o)
			out[o++] = ' ';
		memcpy(out + o, up, l + 1);
		o += l;
	}
	delete_val(phones);
	pthread_mutex_unlock(&flite_lock);
	return o ? 0 : -ENOENT;
}
