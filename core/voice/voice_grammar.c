#include "voice_grammar.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "intent.h"
#include "testcases.h"
#include "text.h"
#include "util.h"

/* Witten-Bell smoothing, scaled: how much probability a context keeps for
 * words it was never followed by. Small, because the corpus says what people
 * ask and most questions follow it closely (tuned on synthetic speech). */
#define WB_SCALE 0.3
/* Words of one sentence at most; longer ones are cut. */
#define MAX_TOKENS 40
/* Phrases of one slot value offered in place of another, at most. */
#define PHRASES_PER_VALUE 3

#define BOS 0u
#define EOS 1u

/* ---- growable arrays (strings: util.h's hr_buf) ---- */

#define PUSH(arr, n, cap)                                                                                    \
	((n) < (cap) ? &(arr)[(n)++] : (grow((void **)&(arr), &(cap), sizeof(*(arr))) ? NULL : &(arr)[(n)++]))

static int grow(void **arr, size_t *cap, size_t size)
{
	size_t nc = *cap ? *cap * 2 : 16;
	void *na = realloc(*arr, nc * size);
	if (!na)
		return -ENOMEM;
	*arr = na;
	*cap = nc;
	return 0;
}

/* ---- the vocabulary: words <-> ids ---- */

struct vocab {
	char **words;
	size_t n, cap;
	uint32_t *slots; /* id + 1 */
	size_t nslots;
};

static long vocab_find(const struct vocab *v, const char *w)
{
	if (!v->nslots)
		return -1;
	for (size_t i = hr_fnv1a32_str(w) & (v->nslots - 1);; i = (i + 1) & (v->nslots - 1)) {
		if (!v->slots[i])
			return -1;
		if (strcmp(v->words[v->slots[i] - 1], w) == 0)
			return v->slots[i] - 1;
	}
}

static long vocab_add(struct vocab *v, const char *w)
{
	long id = vocab_find(v, w);
	if (id >= 0)
		return id;
	if ((v->n + 1) * 2 > v->nslots) {
		size_t ns = v->nslots ? v->nslots * 2 : 1024;
		uint32_t *slots = calloc(ns, sizeof(*slots));
		if (!slots)
			return -ENOMEM;
		for (size_t k = 0; k < v->n; k++) {
			size_t i = hr_fnv1a32_str(v->words[k]) & (ns - 1);
			while (slots[i])
				i = (i + 1) & (ns - 1);
			slots[i] = (uint32_t)k + 1;
		}
		free(v->slots);
		v->slots = slots;
		v->nslots = ns;
	}
	char *copy = strdup(w);
	char **slot = copy ? PUSH(v->words, v->n, v->cap) : NULL;
	if (!slot) {
		free(copy);
		return -ENOMEM;
	}
	*slot = copy;
	size_t i = hr_fnv1a32_str(w) & (v->nslots - 1);
	while (v->slots[i])
		i = (i + 1) & (v->nslots - 1);
	v->slots[i] = (uint32_t)v->n;
	return (long)v->n - 1;
}

static void vocab_free(struct vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->words[i]);
	free(v->words);
	free(v->slots);
}

/* ---- tokens ---- */

static int emit(char *tok, size_t tl, char *out, size_t cap, size_t *o)
{
	/* Quotes around a word are not part of it; neither is a final dot. */
	while (tl && (tok[tl - 1] == '\'' || tok[tl - 1] == '.'))
		tl--;
	size_t start = 0;
	while (start < tl && (tok[start] == '\'' || tok[start] == '.'))
		start++;
	if (start >= tl)
		return 0;
	if (tok[start] == '+')
		return -EINVAL; /* a lone or leading "+" is no word */
	size_t n = tl - start;
	if (*o + n + 2 > cap)
		return -ENOSPC;
	if (*o)
		out[(*o)++] = ' ';
	memcpy(out + *o, tok + start, n);
	*o += n;
	out[*o] = '\0';
	return 1;
}

int hr_voice_tokens(const char *text, char *out, size_t cap)
{
	char norm[1024];
	size_t len = strlen(text);
	if (len >= sizeof(norm) || cap == 0)
		return -ENOSPC;
	int nl = hr_text_normalize(text, len, norm, sizeof(norm));
	if (nl < 0)
		return -ENOSPC;
	size_t o = 0;
	int count = 0;
	char tok[128];
	size_t tl = 0;
	out[0] = '\0';
	for (int i = 0; i <= nl; i++) {
		unsigned char c = (unsigned char)norm[i];
		if (c >= 0x80)
			return -EINVAL;
		int keep = isalnum(c) || c == '\'' || c == '.' || (c == '+' && tl > 0);
		if (keep) {
			if (tl + 1 >= sizeof(tok))
				return -ENOSPC;
			tok[tl++] = (char)c;
			/* "c+d": a plus inside a word separates. */
			if (c == '+' && isalnum((unsigned char)norm[i + 1])) {
				tok[--tl] = '\0';
				keep = 0;
			} else {
				continue;
			}
		}
		if (tl) {
			int r = emit(tok, tl, out, cap, &o);
			if (r < 0)
				return r;
			count += r;
			tl = 0;
		}
		if (c == '%') {
			int r = emit("percent", 7, out, cap, &o);
			if (r < 0)
				return r;
			count += r;
		} else if (c == '+' && !keep) {
			continue;
		}
	}
	return count;
}

/* ---- the corpus ---- */

struct sentence {
	double weight;
	uint32_t *ids;
	size_t n;
	int safety; /* raises a safety tier (weigh_safety) */
};

struct phrase {
	uint32_t *ids;
	size_t n;
	int eligible; /* every word can be said: offered as a substitute */
};

struct slot_value {
	struct phrase *phrases;
	size_t n, cap;
};

struct slot {
	char name[64];
	struct slot_value *values;
	size_t n, cap;
};

struct build {
	struct vocab vocab;
	struct sentence *sents;
	size_t nsents, capsents;
	struct slot *slots;
	size_t nslots, capslots;
	hr_diag_fn diag;
	void *ud;
	int oom;
};

/* Tokenises TEXT into ids; returns how many (0 when it cannot be said). */
static size_t to_ids(struct build *b, const char *text, uint32_t *ids, size_t cap)
{
	char toks[2048];
	if (hr_voice_tokens(text, toks, sizeof(toks)) <= 0)
		return 0;
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(toks, " ", &save); t && n < cap; t = strtok_r(NULL, " ", &save)) {
		long id = vocab_add(&b->vocab, t);
		if (id < 0) {
			b->oom = 1;
			return 0;
		}
		ids[n++] = (uint32_t)id;
	}
	return n;
}

static void add_ids(struct build *b, const uint32_t *ids, size_t n, double weight)
{
	if (!n || b->oom)
		return;
	uint32_t *copy = malloc(n * sizeof(*copy));
	struct sentence *s = copy ? PUSH(b->sents, b->nsents, b->capsents) : NULL;
	if (!s) {
		free(copy);
		b->oom = 1;
		return;
	}
	memcpy(copy, ids, n * sizeof(*copy));
	s->weight = weight;
	s->ids = copy;
	s->n = n;
	s->safety = 0;
}

static void add_text(struct build *b, const char *text, double weight)
{
	uint32_t ids[MAX_TOKENS];
	add_ids(b, ids, to_ids(b, text, ids, MAX_TOKENS), weight);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t l = strlen(s);
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r' || s[l - 1] == '\n'))
		s[--l] = '\0';
	return s;
}

/* The largest content file read (as the engine's intents files). */
#define FILE_MAX (8u << 20)

/* Reads PATH whole into *TEXT; 0, or -errno after saying so through DIAG. */
static int read_source(struct build *b, const char *path, char **text, size_t *len)
{
	int rc = hr_read_file(path, FILE_MAX, text, len);
	if (rc)
		hr_diagf(b->diag, b->ud, path, 0, "cannot read: %s", strerror(-rc));
	return rc;
}

/* Adds the phrases of one slot line ("value = a, b" or "a, b") to SLOT. */
static void slot_line(struct build *b, struct slot *slot, char *s)
{
	char *eq = strchr(s, '=');
	char *list = eq ? eq + 1 : s;
	struct slot_value *v = PUSH(slot->values, slot->n, slot->cap);
	if (!v) {
		b->oom = 1;
		return;
	}
	memset(v, 0, sizeof(*v));
	char *save = NULL;
	for (char *ph = strtok_r(list, ",", &save); ph; ph = strtok_r(NULL, ",", &save)) {
		ph = trim(ph);
		if (!*ph || strchr(ph, '*'))
			continue; /* a trailing * is a pattern, not something people say */
		uint32_t ids[MAX_TOKENS];
		size_t n = to_ids(b, ph, ids, MAX_TOKENS);
		if (!n)
			continue;
		struct phrase *p = PUSH(v->phrases, v->n, v->cap);
		uint32_t *copy = malloc(n * sizeof(*copy));
		if (!p || !copy) {
			free(copy);
			b->oom = 1;
			return;
		}
		memcpy(copy, ids, n * sizeof(*copy));
		p->ids = copy;
		p->n = n;
		p->eligible = 0;
	}
}

/* read_intents()'s reading: the build and the slot whose block this is. */
struct intents_read {
	struct build *b;
	struct slot *slot; /* NULL outside a slot block */
};

/* One line of an intents file (hr_intents_scan()): the examples, and the
 * phrases of every slot; patterns and word lists are not said as such. */
static int intents_line(void *ud, struct hr_intents_line *l)
{
	struct intents_read *r = ud;
	struct build *b = r->b;
	switch (l->kind) {
	case HR_INTENTS_BLOCK:
		r->slot = NULL;
		if (strcmp(l->block, "slot") == 0) {
			r->slot = PUSH(b->slots, b->nslots, b->capslots);
			if (!r->slot) {
				b->oom = 1;
				break;
			}
			memset(r->slot, 0, sizeof(*r->slot));
			snprintf(r->slot->name, sizeof(r->slot->name), "%s", l->value);
		}
		break;
	case HR_INTENTS_KEY:
		if (strcmp(l->key, "example") == 0)
			add_text(b, l->value, 1.0);
		break;
	case HR_INTENTS_PHRASES:
		if (r->slot)
			slot_line(b, r->slot, l->value);
		break;
	}
	return b->oom ? -ENOMEM : 0;
}

/* Reads the examples and slots of one intents file, with the engine's own
 * reader of the format. Its mistakes are the engine's to report (the content
 * is not served with them), so they are not said again here. */
static void read_intents(struct build *b, const char *path)
{
	size_t len;
	char *text;
	if (read_source(b, path, &text, &len))
		return;
	struct intents_read r = {b, NULL};
	hr_intents_scan(path, text, len, intents_line, &r, NULL, NULL);
	free(text);
}

/* One line of a plugin's test file: its questions ("ask: ..."). */
static int tests_line(void *ud, struct hr_testcase_line *l)
{
	struct build *b = ud;
	if (l->key && strcmp(l->key, "ask") == 0)
		add_text(b, l->value, 1.0);
	return b->oom ? -ENOMEM : 0;
}

/* Reads the questions of one plugin test file, with the reader `herald test`
 * uses (testcases.h). */
static void read_tests(struct build *b, const char *path)
{
	size_t len;
	char *text;
	if (read_source(b, path, &text, &len))
		return;
	hr_testcases_scan(path, text, len, tests_line, b, NULL, NULL);
	free(text);
}

/* Reads the questions a plugin suggests: string literals that end in '?'.
 * Format strings ("How is %s given?") are left out: the slot variants of the
 * other sources already say every drug. */
static void read_plugin(struct build *b, const char *path)
{
	size_t len;
	char *text;
	if (read_source(b, path, &text, &len))
		return;
	for (char *p = text; *p; p++) {
		if (*p != '"' && *p != '\'')
			continue;
		char q = *p;
		char *e = p + 1;
		while (*e && *e != q && *e != '\n' && *e != '\\')
			e++;
		if (*e != q) {
			p = *e ? e : e - 1;
			continue;
		}
		if (e - p > 8 && e[-1] == '?' && !memchr(p, '%', (size_t)(e - p))) {
			*e = '\0';
			add_text(b, p + 1, 0.5);
			*e = q;
		}
		p = e;
	}
	free(text);
}

static void read_corpus(struct build *b, const char *path)
{
	size_t len;
	char *text;
	if (hr_read_file(path, FILE_MAX, &text, &len))
		return; /* optional */
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *s = trim(line);
		if (*s && *s != '#')
			add_text(b, s, 1.0);
	}
	free(text);
}

/* Reads the SUFFIX files of DIR and of SUB/ in each of the LOCALS folders,
 * layered as the engine loads them (hr_layers_list: a local file replaces
 * the bundled one of the same name), so the grammar hears a clinic's own
 * topics (local_content_dirs) as well as the bundled ones. */
static void read_dir(struct build *b, const char *dir, const char *locals, const char *sub,
                     const char *suffix, void (*fn)(struct build *, const char *))
{
	char **paths = NULL;
	size_t n = 0;
	int rc = hr_layers_list(dir, locals ? locals : "", sub, suffix, &paths, &n);
	if (rc) {
		hr_diagf(b->diag, b->ud, dir, 0, "cannot list: %s", strerror(-rc));
		return;
	}
	for (size_t i = 0; i < n && !b->oom; i++)
		fn(b, paths[i]);
	hr_dir_list_free(paths, n);
}

/* ---- slot variants ---- */

/* Finds the longest phrase of SLOT in S; returns its length and start. */
static size_t find_phrase(const struct slot *slot, const struct sentence *s, size_t *at)
{
	size_t best = 0;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t v = 0; v < slot->n; v++) {
			for (size_t k = 0; k < slot->values[v].n; k++) {
				const struct phrase *p = &slot->values[v].phrases[k];
				if (p->n > best && i + p->n <= s->n &&
				    memcmp(&s->ids[i], p->ids, p->n * sizeof(*p->ids)) == 0) {
					best = p->n;
					*at = i;
				}
			}
		}
		if (best)
			break; /* the first place a slot is named */
	}
	return best;
}

/* Adds each sentence again with every other value of the first slot it names,
 * sharing the sentence's weight, so "does perjeta cause diarrhea" is heard
 * although only "does enhertu cause diarrhea" was written. */
static void add_variants(struct build *b, size_t nbase)
{
	for (size_t si = 0; si < nbase && !b->oom; si++) {
		for (size_t k = 0; k < b->nslots; k++) {
			const struct slot *slot = &b->slots[k];
			size_t at = 0, len = find_phrase(slot, &b->sents[si], &at);
			if (!len)
				continue;
			size_t nvar = 0;
			for (size_t v = 0; v < slot->n; v++) {
				size_t used = 0;
				for (size_t p = 0; p < slot->values[v].n && used < PHRASES_PER_VALUE; p++)
					used += slot->values[v].phrases[p].eligible;
				nvar += used;
			}
			if (!nvar)
				break;
			for (size_t v = 0; v < slot->n; v++) {
				size_t used = 0;
				for (size_t p = 0; p < slot->values[v].n && used < PHRASES_PER_VALUE; p++) {
					const struct phrase *ph = &slot->values[v].phrases[p];
					if (!ph->eligible)
						continue;
					used++;
					const struct sentence *s = &b->sents[si];
					if (s->n - len + ph->n > MAX_TOKENS)
						continue;
					uint32_t ids[MAX_TOKENS];
					memcpy(ids, s->ids, at * sizeof(*ids));
					memcpy(ids + at, ph->ids, ph->n * sizeof(*ids));
					memcpy(ids + at + ph->n, s->ids + at + len,
					       (s->n - at - len) * sizeof(*ids));
					add_ids(b, ids, s->n - len + ph->n,
					        b->sents[si].weight / (double)nvar);
				}
			}
			break; /* one slot per sentence keeps the corpus small */
		}
	}
}

/* ---- the trigram model ---- */

struct ngram {
	uint32_t w[3];
	double c;
	double p, bow;
};

static int cmp_ngram(const void *a, const void *b)
{
	const struct ngram *x = a, *y = b;
	for (int i = 0; i < 3; i++) {
		if (x->w[i] != y->w[i])
			return x->w[i] < y->w[i] ? -1 : 1;
	}
	return 0;
}

/* Sorts and merges duplicates; returns the new count. */
static size_t merge(struct ngram *g, size_t n)
{
	if (!n)
		return 0;
	qsort(g, n, sizeof(*g), cmp_ngram);
	size_t o = 0;
	for (size_t i = 1; i < n; i++) {
		if (cmp_ngram(&g[o], &g[i]) == 0)
			g[o].c += g[i].c;
		else
			g[++o] = g[i];
	}
	return o + 1;
}

static struct ngram *lookup(struct ngram *g, size_t n, uint32_t a, uint32_t b, uint32_t c)
{
	struct ngram key = {{a, b, c}, 0, 0, 0};
	return bsearch(&key, g, n, sizeof(*g), cmp_ngram);
}

static double lg(double p)
{
	return p > 0 ? log10(p) : -99.0;
}

/* Builds the ARPA text of a Witten-Bell trigram model of the corpus. */
static int build_arpa(const struct build *b, const uint8_t *usable, struct hr_buf *out)
{
	size_t nw = b->vocab.n;
	size_t cap = 0;
	for (size_t i = 0; i < b->nsents; i++)
		cap += b->sents[i].n + 2;
	struct ngram *g2 = calloc(cap ? cap : 1, sizeof(*g2));
	struct ngram *g3 = calloc(cap ? cap : 1, sizeof(*g3));
	double *c1 = calloc(nw, sizeof(*c1)), *p1 = calloc(nw, sizeof(*p1)),
	       *bow1 = calloc(nw, sizeof(*bow1));
	int rc = -ENOMEM;
	if (!g2 || !g3 || !c1 || !p1 || !bow1)
		goto out;
	size_t n2 = 0, n3 = 0;
	for (size_t i = 0; i < b->nsents; i++) {
		const struct sentence *s = &b->sents[i];
		if (!usable[i])
			continue;
		uint32_t w[MAX_TOKENS + 2];
		size_t n = 0;
		w[n++] = BOS;
		for (size_t k = 0; k < s->n; k++)
			w[n++] = s->ids[k];
		w[n++] = EOS;
		for (size_t k = 0; k < n; k++) {
			if (k > 0)
				c1[w[k]] += s->weight;
			if (k + 1 < n)
				g2[n2++] = (struct ngram){{w[k], w[k + 1], 0}, s->weight, 0, 0};
			if (k + 2 < n)
				g3[n3++] = (struct ngram){{w[k], w[k + 1], w[k + 2]}, s->weight, 0, 0};
		}
	}
	n2 = merge(g2, n2);
	n3 = merge(g3, n3);

	/* Unigrams: counts mixed with a uniform share. */
	double tot = 0;
	size_t types = 0;
	for (size_t w = 1; w < nw; w++) {
		if (c1[w] > 0) {
			tot += c1[w];
			types++;
		}
	}
	double t1 = WB_SCALE * (double)types, v = (double)types + 1;
	for (size_t w = 1; w < nw; w++)
		p1[w] = c1[w] > 0 ? (c1[w] + t1 / v) / (tot + t1) : 0;
	for (size_t w = 0; w < nw; w++)
		bow1[w] = 1.0;

	/* Bigrams, context by context (they are sorted by their first word). */
	for (size_t i = 0; i < n2;) {
		size_t j = i;
		double ctot = 0;
		while (j < n2 && g2[j].w[0] == g2[i].w[0])
			ctot += g2[j++].c;
		double t = WB_SCALE * (double)(j - i), seen = 0, lower = 0;
		for (size_t k = i; k < j; k++) {
			g2[k].p = (g2[k].c + t * p1[g2[k].w[1]]) / (ctot + t);
			g2[k].bow = 1.0;
			seen += g2[k].p;
			lower += p1[g2[k].w[1]];
		}
		bow1[g2[i].w[0]] = lower < 1.0 - 1e-9 ? (1.0 - seen) / (1.0 - lower) : 1.0;
		i = j;
	}
	/* Trigrams, context (first two words) by context. */
	for (size_t i = 0; i < n3;) {
		size_t j = i;
		double ctot = 0;
		while (j < n3 && g3[j].w[0] == g3[i].w[0] && g3[j].w[1] == g3[i].w[1])
			ctot += g3[j++].c;
		double t = WB_SCALE * (double)(j - i), seen = 0, lower = 0;
		for (size_t k = i; k < j; k++) {
			const struct ngram *bg = lookup(g2, n2, g3[k].w[1], g3[k].w[2], 0);
			double lp = bg ? bg->p : bow1[g3[k].w[1]] * p1[g3[k].w[2]];
			g3[k].p = (g3[k].c + t * lp) / (ctot + t);
			seen += g3[k].p;
			lower += lp;
		}
		struct ngram *ctx = lookup(g2, n2, g3[i].w[0], g3[i].w[1], 0);
		if (ctx)
			ctx->bow = lower < 1.0 - 1e-9 ? (1.0 - seen) / (1.0 - lower) : 1.0;
		i = j;
	}

	size_t n1 = 0;
	for (size_t w = 0; w < nw; w++)
		n1 += w == BOS || c1[w] > 0;
	hr_buf_printf(out, "\\data\\\nngram 1=%zu\nngram 2=%zu\nngram 3=%zu\n\n\\1-grams:\n", n1, n2, n3);
	for (size_t w = 0; w < nw; w++) {
		if (w == BOS)
			hr_buf_printf(out, "-99.0000 <s> %.4f\n", lg(bow1[w]));
		else if (c1[w] > 0)
			hr_buf_printf(out, "%.4f %s %.4f\n", lg(p1[w]), b->vocab.words[w], lg(bow1[w]));
	}
	hr_buf_printf(out, "\n\\2-grams:\n");
	for (size_t i = 0; i < n2; i++)
		hr_buf_printf(out, "%.4f %s %s %.4f\n", lg(g2[i].p), b->vocab.words[g2[i].w[0]],
		              b->vocab.words[g2[i].w[1]], lg(g2[i].bow));
	hr_buf_printf(out, "\n\\3-grams:\n");
	for (size_t i = 0; i < n3; i++)
		hr_buf_printf(out, "%.4f %s %s %s\n", lg(g3[i].p), b->vocab.words[g3[i].w[0]],
		              b->vocab.words[g3[i].w[1]], b->vocab.words[g3[i].w[2]]);
	hr_buf_printf(out, "\n\\end\\\n");
	rc = out->oom ? -ENOMEM : 0;
out:
	free(g2);
	free(g3);
	free(c1);
	free(p1);
	free(bow1);
	return rc;
}

/* ---- the sentence grammar ---- */

struct edge {
	uint32_t word;
	uint32_t to;
	double c;
};

struct state {
	struct edge *e;
	size_t n, cap;
	double fin;
	uint32_t canon; /* during minimisation: the equivalent minimal state */
	uint32_t hash;
};

struct fsg {
	struct state *st;
	size_t n, cap;
};

static long fsg_state(struct fsg *f)
{
	struct state *s = PUSH(f->st, f->n, f->cap);
	if (!s)
		return -ENOMEM;
	memset(s, 0, sizeof(*s));
	return (long)f->n - 1;
}

static int fsg_insert(struct fsg *f, const struct sentence *s)
{
	uint32_t cur = 0;
	for (size_t k = 0; k < s->n; k++) {
		struct state *st = &f->st[cur];
		size_t i;
		for (i = 0; i < st->n; i++) {
			if (st->e[i].word == s->ids[k])
				break;
		}
		if (i == st->n) {
			long nx = fsg_state(f);
			if (nx < 0)
				return -ENOMEM;
			st = &f->st[cur]; /* the array may have moved */
			struct edge *e = PUSH(st->e, st->n, st->cap);
			if (!e)
				return -ENOMEM;
			*e = (struct edge){s->ids[k], (uint32_t)nx, 0};
		}
		st->e[i].c += s->weight;
		cur = st->e[i].to;
	}
	f->st[cur].fin += s->weight;
	return 0;
}

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	return x->word < y->word ? -1 : x->word > y->word;
}

/* Two states are the same when they end sentences alike and lead through the
 * same words to the same (already minimal) states. */
static int same_state(const struct state *a, const struct state *b)
{
	if ((a->fin > 0) != (b->fin > 0) || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->e[i].word != b->e[i].word || a->e[i].to != b->e[i].to)
			return 0;
	}
	return 1;
}

struct minimiser {
	struct fsg *trie, *min;
	uint32_t *table; /* minimal state + 1 */
	size_t ntable;
};

/* Minimises the subtree at S bottom-up (depth is bounded by MAX_TOKENS). */
static long minimise(struct minimiser *m, uint32_t s)
{
	struct state *st = &m->trie->st[s];
	for (size_t i = 0; i < st->n; i++) {
		long c = minimise(m, st->e[i].to);
		if (c < 0)
			return c;
		st = &m->trie->st[s];
		st->e[i].to = (uint32_t)c;
	}
	if (st->n) /* a sentence's last state has no edges (and no array) */
		qsort(st->e, st->n, sizeof(*st->e), cmp_edge);
	uint32_t h = st->fin > 0 ? 7u : 3u;
	for (size_t i = 0; i < st->n; i++)
		h = (h * 31u + st->e[i].word) * 16777619u ^ st->e[i].to;
	for (size_t i = h & (m->ntable - 1);; i = (i + 1) & (m->ntable - 1)) {
		if (!m->table[i]) {
			long id = fsg_state(m->min);
			if (id < 0)
				return id;
			struct state *ns = &m->min->st[id];
			ns->e = malloc((st->n ? st->n : 1) * sizeof(*ns->e));
			if (!ns->e)
				return -ENOMEM;
			if (st->n)
				memcpy(ns->e, st->e, st->n * sizeof(*ns->e));
			ns->n = ns->cap = st->n;
			ns->fin = st->fin;
			ns->hash = h;
			m->table[i] = (uint32_t)id + 1;
			return id;
		}
		struct state *cand = &m->min->st[m->table[i] - 1];
		if (cand->hash == h && same_state(cand, st)) {
			/* Merged states pool their counts. */
			for (size_t k = 0; k < st->n; k++)
				cand->e[k].c += st->e[k].c;
			cand->fin += st->fin;
			return (long)m->table[i] - 1;
		}
	}
}

static void fsg_free(struct fsg *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->st[i].e);
	free(f->st);
	memset(f, 0, sizeof(*f));
}

static int build_fsg(const struct build *b, const uint8_t *usable, struct hr_buf *out, size_t *nstates)
{
	struct fsg trie = {0}, min = {0};
	struct minimiser m = {&trie, &min, NULL, 0};
	int rc = -ENOMEM;
	if (fsg_state(&trie) < 0)
		goto out;
	for (size_t i = 0; i < b->nsents; i++) {
		if (usable[i] && fsg_insert(&trie, &b->sents[i]))
			goto out;
	}
	m.ntable = 64;
	while (m.ntable < trie.n * 2)
		m.ntable *= 2;
	if (!(m.table = calloc(m.ntable, sizeof(*m.table))))
		goto out;
	long root = minimise(&m, 0);
	if (root < 0)
		goto out;
	/* Number the states with the root first; the final state comes last. */
	size_t n = min.n;
	uint32_t *num = malloc(n * sizeof(*num));
	if (!num)
		goto out;
	num[root] = 0;
	uint32_t next = 1;
	for (size_t i = 0; i < n; i++) {
		if ((long)i != root)
			num[i] = next++;
	}
	hr_buf_printf(out, "FSG_BEGIN herald\nNUM_STATES %zu\nSTART_STATE 0\nFINAL_STATE %zu\n", n + 1, n);
	for (size_t i = 0; i < n; i++) {
		const struct state *st = &min.st[i];
		double tot = st->fin;
		for (size_t k = 0; k < st->n; k++)
			tot += st->e[k].c;
		for (size_t k = 0; k < st->n; k++)
			hr_buf_printf(out, "TRANSITION %u %u %.6g %s\n", num[i], num[st->e[k].to],
			              st->e[k].c / tot, b->vocab.words[st->e[k].word]);
		if (st->fin > 0)
			hr_buf_printf(out, "TRANSITION %u %zu %.6g\n", num[i], n, st->fin / tot);
	}
	hr_buf_printf(out, "FSG_END\n");
	free(num);
	*nstates = n + 1;
	rc = out->oom ? -ENOMEM : 0;
out:
	free(m.table);
	fsg_free(&trie);
	fsg_free(&min);
	return rc;
}

/* ---- putting it together ---- */

static void build_free(struct build *b)
{
	for (size_t i = 0; i < b->nsents; i++)
		free(b->sents[i].ids);
	free(b->sents);
	for (size_t i = 0; i < b->nslots; i++) {
		for (size_t v = 0; v < b->slots[i].n; v++) {
			for (size_t p = 0; p < b->slots[i].values[v].n; p++)
				free(b->slots[i].values[v].phrases[p].ids);
			free(b->slots[i].values[v].phrases);
		}
		free(b->slots[i].values);
	}
	free(b->slots);
	vocab_free(&b->vocab);
}

/* Pronounces every word, marks the phrases and sentences that can be said,
 * adds the slot variants, and writes the three texts. */
/* Weighs up the sentences that raise a safety tier (HR_GRAMMAR_SAFETY_BOOST). */
static size_t weigh_safety(struct build *b, const struct hr_grammar_input *in)
{
	if (!in || !in->safety)
		return 0;
	size_t n = 0;
	char text[2048];
	for (size_t i = 0; i < b->nsents; i++) {
		struct sentence *s = &b->sents[i];
		size_t len = 0;
		for (size_t k = 0; k < s->n && len < sizeof(text); k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", k ? " " : "",
			                        b->vocab.words[s->ids[k]]);
		if (len >= sizeof(text))
			continue; /* too long to be one spoken sentence */
		if (in->safety(in->safety_ud, text)) {
			s->weight *= HR_GRAMMAR_SAFETY_BOOST;
			s->safety = 1;
			n++;
		}
	}
	return n;
}

/* Sentences in an order where equal ones are neighbours. qsort takes no
 * context, and grammars may be built on several threads at once (workers
 * starting together): the build being sorted is the thread's own. */
static _Thread_local const struct build *sort_build;

static int cmp_sentence(const void *a, const void *b)
{
	const struct sentence *x = &sort_build->sents[*(const size_t *)a];
	const struct sentence *y = &sort_build->sents[*(const size_t *)b];
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	int c = memcmp(x->ids, y->ids, x->n * sizeof(*x->ids));
	return c ? c : (*(const size_t *)a < *(const size_t *)b ? -1 : 1);
}

/* Every usable sentence once, one a line (hr_grammar.sentences): what the
 * trigram words are compared with to find the sentences they nearly say. */
static int list_sentences(const struct build *b, const uint8_t *usable, struct hr_buf *out)
{
	size_t *order = malloc(b->nsents * sizeof(*order));
	if (!order)
		return -ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < b->nsents; i++) {
		if (usable[i])
			order[n++] = i;
	}
	sort_build = b;
	qsort(order, n, sizeof(*order), cmp_sentence);
	for (size_t k = 0; k < n; k++) {
		const struct sentence *s = &b->sents[order[k]];
		if (k) {
			const struct sentence *p = &b->sents[order[k - 1]];
			if (p->n == s->n && !memcmp(p->ids, s->ids, s->n * sizeof(*s->ids)))
				continue;
		}
		for (size_t w = 0; w < s->n; w++)
			hr_buf_printf(out, "%s%s", w ? " " : "", b->vocab.words[s->ids[w]]);
		hr_buf_printf(out, "\n");
	}
	free(order);
	if (!out->p && !out->oom)
		hr_buf_printf(out, "%s", "");
	return out->oom ? -ENOMEM : 0;
}

/* The key words (HR_GRAMMAR_KEY_SLOTS), each once, one a line. */
static int list_keys(const struct build *b, const uint8_t *sayable, struct hr_buf *out)
{
	static const char *const names[] = {HR_GRAMMAR_KEY_SLOTS};
	uint8_t *seen = calloc(b->vocab.n, 1);
	if (!seen)
		return -ENOMEM;
	for (size_t s = 0; s < b->nslots; s++) {
		int key = 0;
		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]) && !key; k++)
			key = strcmp(b->slots[s].name, names[k]) == 0;
		for (size_t v = 0; key && v < b->slots[s].n; v++) {
			for (size_t p = 0; p < b->slots[s].values[v].n; p++) {
				const struct phrase *ph = &b->slots[s].values[v].phrases[p];
				uint32_t w = ph->ids[0];
				if (ph->n != 1 || !sayable[w] || seen[w])
					continue;
				seen[w] = 1;
				hr_buf_printf(out, "%s\n", b->vocab.words[w]);
			}
		}
	}
	free(seen);
	if (!out->p && !out->oom)
		hr_buf_printf(out, "%s", "");
	return out->oom ? -ENOMEM : 0;
}

/* The usable safety sentences, each once, one a line (hr_grammar.safety). */
static void list_safety(const struct build *b, const uint8_t *usable, struct hr_buf *out)
{
	for (size_t i = 0; i < b->nsents; i++) {
		const struct sentence *s = &b->sents[i];
		if (!s->safety || !usable[i])
			continue;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++) {
			const struct sentence *o = &b->sents[k];
			seen = o->safety && usable[k] && o->n == s->n &&
			       !memcmp(o->ids, s->ids, s->n * sizeof(*s->ids));
		}
		for (size_t k = 0; k < s->n && !seen; k++)
			hr_buf_printf(out, "%s%s", k ? " " : "", b->vocab.words[s->ids[k]]);
		if (!seen)
			hr_buf_printf(out, "\n");
	}
	if (!out->p && !out->oom)
		hr_buf_printf(out, "%s", ""); /* an empty list, not NULL */
}

static int finish(struct build *b, const struct hr_grammar_input *in, const struct hr_pron_sources *src,
                  struct hr_grammar *out)
{
	struct hr_buf dict = {0}, arpa = {0}, fsg = {0}, safety = {0}, sentences = {0}, keys = {0};
	uint8_t *sayable = NULL, *usable = NULL, *in_corpus = NULL;
	int rc = -ENOMEM;
	if (b->oom)
		goto fail;
	if (!b->nsents) {
		rc = -ENOENT;
		goto fail;
	}
	size_t nbase = b->nsents;
	/* Words the written sentences use; a slot phrase made only of these (or
	 * of words the hand lexicon knows) may stand in for another value. Phrase
	 * spellings that are there for typists ("her set in") thus stay out. */
	in_corpus = calloc(b->vocab.n, 1);
	if (!in_corpus)
		goto fail;
	for (size_t i = 0; i < nbase; i++) {
		for (size_t k = 0; k < b->sents[i].n; k++)
			in_corpus[b->sents[i].ids[k]] = 1;
	}
	for (size_t s = 0; s < b->nslots; s++) {
		for (size_t v = 0; v < b->slots[s].n; v++) {
			for (size_t p = 0; p < b->slots[s].values[v].n; p++) {
				struct phrase *ph = &b->slots[s].values[v].phrases[p];
				ph->eligible = 1;
				for (size_t k = 0; k < ph->n; k++) {
					const char *w = b->vocab.words[ph->ids[k]];
					const char *const *pr;
					if (!in_corpus[ph->ids[k]] && !hr_lexicon_prons(src->hand, w, &pr) &&
					    !hr_lexicon_respelling(src->hand, w))
						ph->eligible = 0;
				}
			}
		}
	}
	add_variants(b, nbase);
	if (b->oom)
		goto fail;
	out->nsafety = weigh_safety(b, in);

	/* The dictionary: every word that can be said, with all its pronunciations. */
	sayable = calloc(b->vocab.n, 1);
	usable = calloc(b->nsents, 1);
	if (!sayable || !usable)
		goto fail;
	/* Only words some sentence uses: slot spellings for typists stay out. */
	for (size_t i = 0; i < b->nsents; i++) {
		for (size_t k = 0; k < b->sents[i].n; k++)
			sayable[b->sents[i].ids[k]] = 1;
	}
	size_t nwords = 0;
	for (size_t w = 2; w < b->vocab.n; w++) {
		char prons[HR_PRONS_MAX][HR_PHONES_MAX];
		if (!sayable[w])
			continue;
		size_t k = hr_pronounce(src, b->vocab.words[w], prons);
		for (size_t i = 0; i < k; i++) {
			if (i == 0)
				hr_buf_printf(&dict, "%s %s\n", b->vocab.words[w], prons[i]);
			else
				hr_buf_printf(&dict, "%s(%zu) %s\n", b->vocab.words[w], i + 1, prons[i]);
		}
		sayable[w] = k > 0;
		nwords += k > 0;
	}
	size_t dropped = 0;
	for (size_t i = 0; i < b->nsents; i++) {
		usable[i] = 1;
		for (size_t k = 0; k < b->sents[i].n; k++)
			usable[i] &= sayable[b->sents[i].ids[k]];
		dropped += !usable[i];
	}
	if ((rc = build_arpa(b, usable, &arpa)) || (rc = build_fsg(b, usable, &fsg, &out->nstates)))
		goto fail;
	list_safety(b, usable, &safety);
	if (dict.oom || safety.oom) {
		rc = -ENOMEM;
		goto fail;
	}
	if ((rc = list_sentences(b, usable, &sentences)) || (rc = list_keys(b, sayable, &keys)))
		goto fail;
	out->dict = dict.p;
	out->dict_len = dict.len;
	out->arpa = arpa.p;
	out->arpa_len = arpa.len;
	out->fsg = fsg.p;
	out->fsg_len = fsg.len;
	out->safety = safety.p;
	out->safety_len = safety.len;
	out->sentences = sentences.p;
	out->sentences_len = sentences.len;
	out->keys = keys.p;
	out->keys_len = keys.len;
	out->nwords = nwords;
	out->nsentences = b->nsents - dropped;
	out->dropped = dropped;
	rc = 0;
	goto done;
fail:
	free(dict.p);
	free(arpa.p);
	free(fsg.p);
	free(safety.p);
	free(sentences.p);
	free(keys.p);
done:
	free(in_corpus);
	free(sayable);
	free(usable);
	return rc;
}

static int build_init(struct build *b, hr_diag_fn diag, void *ud)
{
	memset(b, 0, sizeof(*b));
	b->diag = diag;
	b->ud = ud;
	/* Ids 0 and 1 are the sentence markers. */
	if (vocab_add(&b->vocab, "<s>") != BOS || vocab_add(&b->vocab, "</s>") != EOS)
		return -ENOMEM;
	return 0;
}

int hr_grammar_build(const struct hr_grammar_input *in, const struct hr_pron_sources *src, hr_diag_fn diag,
                     void *ud, struct hr_grammar *out)
{
	struct build b;
	memset(out, 0, sizeof(*out));
	int rc = build_init(&b, diag, ud);
	if (rc == 0) {
		if (in->intents_dir)
			read_dir(&b, in->intents_dir, in->local_dirs, "intents", ".intents", read_intents);
		if (in->plugins_dir) {
			read_dir(&b, in->plugins_dir, in->local_dirs, "plugins", ".tests", read_tests);
			read_dir(&b, in->plugins_dir, in->local_dirs, "plugins", ".lua", read_plugin);
		}
		if (in->voice_dir) {
			char path[2048];
			snprintf(path, sizeof(path), "%s/corpus.txt", in->voice_dir);
			read_corpus(&b, path);
		}
		rc = finish(&b, in, src, out);
	}
	build_free(&b);
	return rc;
}

int hr_grammar_build_from(const char *const *sentences, size_t n, const struct hr_grammar_input *in,
                          const struct hr_pron_sources *src, struct hr_grammar *out)
{
	struct build b;
	memset(out, 0, sizeof(*out));
	int rc = build_init(&b, NULL, NULL);
	for (size_t i = 0; rc == 0 && i < n; i++)
		add_text(&b, sentences[i], 1.0);
	if (rc == 0)
		rc = finish(&b, in, src, out);
	build_free(&b);
	return rc;
}

void hr_grammar_free(struct hr_grammar *g)
{
	free(g->dict);
	free(g->arpa);
	free(g->fsg);
	free(g->safety);
	free(g->sentences);
	free(g->keys);
	memset(g, 0, sizeof(*g));
}
