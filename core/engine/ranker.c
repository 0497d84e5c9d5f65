/*
 * The ranker (ranker.h): features from the content's own lists and examples,
 * a model trained when the content loads. Building allocates; ranking does not.
 */
#include "ranker.h"

#include <errno.h>
#include <libstemmer.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ranker_int.h"
#include "text.h"
#include "util.h"

#define MAX_TOKENS 256
#define MAX_FEATURES 1024
#define TOKEN_MAX 48

/* ---- small hash map: 64-bit key -> 32-bit value, open addressing ---- */

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
	return hr_fnv1a64(h, s, n);
}

static uint64_t hash_start(char kind)
{
	return hash_bytes(HR_FNV64_SEED, &kind, 1);
}

static uint64_t hash_done(uint64_t h)
{
	/* A final mix, and never 0 (the empty cell). */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static int hmap_grow(struct hmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	uint64_t *k = calloc(cap, sizeof(*k));
	uint32_t *v = calloc(cap, sizeof(*v));
	if (!k || !v) {
		free(k);
		free(v);
		return -ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = m->keys[i] & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = m->keys[i];
		v[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = k;
	m->vals = v;
	m->cap = cap;
	return 0;
}

/* Returns the value of KEY, or UINT32_MAX. */
static uint32_t hmap_get(const struct hmap *m, uint64_t key)
{
	if (!m->cap)
		return UINT32_MAX;
	size_t j = key & (m->cap - 1);
	while (m->keys[j]) {
		if (m->keys[j] == key)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return UINT32_MAX;
}

/* Sets KEY to VAL unless present; *OLD gets the value it has. */
static int hmap_put(struct hmap *m, uint64_t key, uint32_t val, uint32_t *old)
{
	if ((m->n + 1) * 2 > m->cap && hmap_grow(m))
		return -ENOMEM;
	size_t j = key & (m->cap - 1);
	while (m->keys[j]) {
		if (m->keys[j] == key) {
			*old = m->vals[j];
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	*old = val;
	return 0;
}

static void hmap_free(struct hmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

struct feat {
	uint64_t key;
	float w;
	char kind;     /* 'w' a word, 'c' a concept, 'p' a pair */
	char function; /* a question word: counts in the model, not as a known word */
};

/* Stems of words seen lately, by the word: Snowball's English stemmer costs
 * ~1,700 instructions a word, and the same words come back (a follow-up is
 * ranked alone and again with the earlier turn's topic: 32 words stemmed on
 * "is her2 positive more aggressive"; docs/performance.md, thirteenth round).
 * Direct-mapped; a word of STEM_WORD bytes or more is stemmed every time. */
#define STEM_CACHE 512
#define STEM_WORD 24
struct stem_entry {
	char word[STEM_WORD];
	char stem[STEM_WORD];
};

struct hr_ranker_scratch {
	struct sb_stemmer *stemmer;
	struct stem_entry *stems; /* STEM_CACHE of them */
	float *scores;            /* per intent (LINEAR, SPARSE) or per example (KNN) */
	float *best;              /* per intent (KNN) */
	/* SPARSE: the intents a question's features reach, and a mark
	 * per intent (cleared after each ranking). */
	uint16_t *touched;
	unsigned char *mark;
	struct feat feats[MAX_FEATURES];
	size_t nfeats;
};

static const char *const stopwords[] = {
    "a",   "an",   "the",  "of",  "to",   "in",     "on",     "for",   "and",   "or",    "my",   "me",
    "i",   "im",   "i'm",  "it",  "its",  "it's",   "this",   "that",  "with",  "at",    "by",   "from",
    "so",  "just", "be",   "am",  "was",  "were",   "been",   "you",   "your",  "we",    "our",  "us",
    "he",  "she",  "his",  "her", "they", "them",   "their",  "there", "some",  "any",   "as",   "if",
    "but", "um",   "uh",   "ok",  "okay", "please", "really", "very",  "also",  "too",   "well", "like",
    "get", "got",  "have", "has", "had",  "would",  "could",  "will",  "shall", "about", "all",  "one",
};

/* Words that ask, but say nothing of what about ("who won the game"). */
static const char *const question_words[] = {"what",  "whats",  "what's", "who",  "how", "why", "when",
                                             "where", "which",  "is",     "are",  "can", "do",  "does",
                                             "did",   "should", "tell",   "last", "not"};

/* Common words that say nothing of a topic ("actually", "something",
 * "people"): features like any other word, but a question is not unfamiliar
 * for holding them (hr_ranking.nwords). */
static const char *const fillers[] = {
    "actually", "something", "anything",  "everything", "nothing", "else",     "someone", "anyone",
    "everyone", "somebody",  "anybody",   "people",     "person",  "thing",    "things",  "stuff",
    "lot",      "lots",      "bit",       "way",        "yes",     "no",       "now",     "still",
    "even",     "ever",      "never",     "always",     "already", "again",    "much",    "many",
    "more",     "most",      "less",      "few",        "other",   "others",   "know",    "think",
    "thought",  "wonder",    "wondering", "want",       "wanted",  "need",     "needed",  "say",
    "says",     "said",      "told",      "ask",        "asked",   "asking",   "go",      "going",
    "gone",     "went",      "come",      "came",       "make",    "made",     "let",     "seem",
    "seems",    "try",       "trying",    "tried",      "i've",    "ive",      "i'll",    "ill",
    "i'd",      "id",        "don't",     "dont",       "didn't",  "didnt",    "doesn't", "doesnt",
    "can't",    "cant",      "won't",     "wont",       "isn't",   "isnt",     "wasn't",  "haven't",
    "you're",   "youre",     "that's",    "thats",      "there's", "theres",   "what's",  "whats",
    "honestly", "exactly",   "basically", "literally",  "maybe",   "probably", "sure",    "thanks",
    "hi",       "hello",     "hey",       "these",      "those",   "then",     "than",    "because",
    "since",    "while",     "into",      "out",        "up",      "down",     "off",     "over",
    "only",     "here",      "who's",     "ok",         "okay",    "etc",
};

/* The classes of a word (bits): left out, a question word, a filler. */
enum { W_STOP = 1, W_QUESTION = 2, W_FILLER = 4 };

/* Splits normalised S into tokens at spaces, hyphens and slashes; each token
 * is copied into BUF (lower case already). Returns the count. STARTS/ENDS,
 * when not NULL, get each token's byte span in S. */
static size_t tokenize(const char *s, char (*buf)[TOKEN_MAX], size_t max, int *starts, int *ends)
{
	size_t n = 0;
	const char *c = s;
	while (*c && n < max) {
		while (*c == ' ' || *c == '-' || *c == '/')
			c++;
		if (!*c)
			break;
		const char *w = c;
		while (*c && *c != ' ' && *c != '-' && *c != '/')
			c++;
		size_t l = (size_t)(c - w);
		/* A quote at either end is punctuation. */
		while (l && *w == '\'')
			w++, l--;
		while (l && w[l - 1] == '\'')
			l--;
		if (!l)
			continue;
		if (l >= TOKEN_MAX)
			l = TOKEN_MAX - 1;
		memcpy(buf[n], w, l);
		buf[n][l] = '\0';
		if (starts)
			starts[n] = (int)(w - s);
		if (ends)
			ends[n] = (int)(w - s + l);
		n++;
	}
	return n;
}

static uint64_t key_of(const char *tok, size_t n)
{
	return hash_done(hash_bytes(hash_start('k'), tok, n));
}

/* The key of the first two tokens A B of a phrase. */
static uint64_t key2_of(const char *a, const char *b)
{
	uint64_t h = hash_bytes(hash_start('k'), a, strlen(a));
	h = hash_bytes(h, " ", 1);
	return hash_done(hash_bytes(h, b, strlen(b)));
}

/*
 * Where a phrase of tokens T (N of them) is indexed: a single word that
 * matches any word it starts (PREFIX) under its first 1-3 letters in
 * r->prefix; a phrase of two or more whole first words under those two in
 * r->pairs; any other (one word, or a word and a prefix) under its first word
 * in r->exact. Keying on two words keeps a chain short when many phrases
 * begin with the same common word ("how", "my").
 */
static struct hmap *phrase_map(hr_ranker *r, char (*t)[TOKEN_MAX], size_t n, int prefix, uint64_t *key)
{
	if (prefix && n == 1) {
		size_t kl = strlen(t[0]);
		*key = key_of(t[0], kl > 3 ? 3 : kl);
		return &r->prefix;
	}
	if (n > 2 || (n == 2 && !prefix)) {
		*key = key2_of(t[0], t[1]);
		return &r->pairs;
	}
	*key = key_of(t[0], strlen(t[0]));
	return &r->exact;
}

/* The W_* classes of word W (0: an ordinary word). */
static unsigned word_class(const hr_ranker *r, const char *w)
{
	uint32_t v = hmap_get(&r->wclass, key_of(w, strlen(w)));
	return v == UINT32_MAX ? 0 : v;
}

/* Fills the word-class map from the lists above. */
static int build_wclass(hr_ranker *r)
{
	static const struct {
		const char *const *w;
		size_t n;
		unsigned cls;
	} lists[] = {
	    {stopwords, sizeof(stopwords) / sizeof(stopwords[0]), W_STOP},
	    {question_words, sizeof(question_words) / sizeof(question_words[0]), W_QUESTION},
	    {fillers, sizeof(fillers) / sizeof(fillers[0]), W_FILLER},
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		for (size_t i = 0; i < lists[l].n; i++) {
			uint64_t key = key_of(lists[l].w[i], strlen(lists[l].w[i]));
			uint32_t old;
			if (hmap_put(&r->wclass, key, lists[l].cls, &old))
				return -ENOMEM;
			if (old != lists[l].cls) {
				/* In two lists ("whats"): both classes. */
				size_t j = key & (r->wclass.cap - 1);
				while (r->wclass.keys[j] != key)
					j = (j + 1) & (r->wclass.cap - 1);
				r->wclass.vals[j] = old | lists[l].cls;
			}
		}
	}
	return 0;
}

/* Adds phrase TEXT of entity E (value VALUE) to the phrase index. */
static int add_phrase(hr_ranker *r, uint32_t e, const char *text, const char *value, int prefix)
{
	char toks[16][TOKEN_MAX];
	size_t n = tokenize(text, toks, 16, NULL, NULL);
	if (n == 0 || n > 12)
		return 0;
	/* The same token sequence under another list: one more owner. */
	uint64_t key;
	struct hmap *m = phrase_map(r, toks, n, prefix, &key);
	uint32_t first = hmap_get(m, key);
	for (uint32_t i = first; i != UINT32_MAX; i = r->phrs[i].next) {
		struct phr *p = &r->phrs[i];
		if (p->ntok != n || p->prefix != prefix)
			continue;
		size_t k = 0;
		while (k < n && strcmp(p->tok[k], toks[k]) == 0)
			k++;
		if (k < n)
			continue;
		for (size_t o = 0; o < p->nowners; o++) {
			if (p->owners[o].entity == e)
				return 0;
		}
		struct owner *no = realloc(p->owners, (p->nowners + 1) * sizeof(*no));
		if (!no)
			return -ENOMEM;
		p->owners = no;
		p->owners[p->nowners++] = (struct owner){e, value};
		return 0;
	}
	if ((r->nphrs & (r->nphrs - 1)) == 0) {
		struct phr *np = realloc(r->phrs, (r->nphrs ? r->nphrs * 2 : 64) * sizeof(*np));
		if (!np)
			return -ENOMEM;
		r->phrs = np;
	}
	struct phr *p = &r->phrs[r->nphrs];
	memset(p, 0, sizeof(*p));
	p->tok = calloc(n, sizeof(char *));
	p->owners = malloc(sizeof(*p->owners));
	if (!p->tok || !p->owners) {
		free(p->tok);
		free(p->owners);
		return -ENOMEM;
	}
	p->ntok = n;
	for (size_t k = 0; k < n; k++) {
		if (!(p->tok[k] = hr_strpool_dup(&r->strs, toks[k]))) {
			free(p->tok);
			free(p->owners);
			return -ENOMEM;
		}
		p->nchars += strlen(toks[k]);
	}
	p->prefix = prefix;
	p->owners[0] = (struct owner){e, value};
	p->nowners = 1;
	uint32_t idx = (uint32_t)r->nphrs, old;
	if (hmap_put(m, key, idx, &old))
		return -ENOMEM;
	p->next = old == idx ? UINT32_MAX : old;
	if (old != idx) {
		/* Newest first: re-point the key at this phrase. */
		size_t j = key & (m->cap - 1);
		while (m->keys[j] != key)
			j = (j + 1) & (m->cap - 1);
		m->vals[j] = idx;
	}
	r->nphrs++;
	/* A phrase written with spaces also matches written together ("her 2" -> "her2"). */
	if (n > 1 && !prefix) {
		char joined[TOKEN_MAX];
		size_t jl = 0;
		for (size_t k = 0; k < n; k++) {
			size_t l = strlen(toks[k]);
			if (jl + l >= sizeof(joined))
				return 0;
			memcpy(joined + jl, toks[k], l);
			jl += l;
		}
		joined[jl] = '\0';
		return add_phrase(r, e, joined, value, 0);
	}
	return 0;
}

/* Does phrase P match at tokens T[i..]? */
static int phr_matches(const struct phr *p, char (*t)[TOKEN_MAX], size_t nt, size_t i)
{
	if (i + p->ntok > nt)
		return 0;
	for (size_t k = 0; k < p->ntok; k++) {
		const char *pt = p->tok[k], *qt = t[i + k];
		if (p->prefix && k == p->ntok - 1) {
			if (strncmp(qt, pt, strlen(pt)) != 0)
				return 0;
		} else if (strcmp(qt, pt) != 0) {
			/* "herceptin's" is "herceptin". */
			size_t l = strlen(pt);
			if (strncmp(qt, pt, l) != 0 || strcmp(qt + l, "'s") != 0)
				return 0;
		}
	}
	return 1;
}

/* T without a final "'s" into BASE ("herceptin's" -> "herceptin"). */
static void base_of(const char *t, char *base)
{
	/* A token fits TOKEN_MAX with its terminator (tokenize() cuts it so);
	 * memcpy, not snprintf, which cost ~25,000 instructions a question here
	 * (docs/performance.md, issue 20's fifth round). */
	size_t tl = strnlen(t, TOKEN_MAX - 1);
	memcpy(base, t, tl);
	base[tl] = '\0';
	if (tl > 2 && base[tl - 2] == '\'' && base[tl - 1] == 's')
		base[tl - 2] = '\0';
}

#define MAX_AT 64

/*
 * The phrases of r->exact and r->pairs whose first word is written V (token
 * I itself, or without its "'s") and that match at token I, into OUT (at
 * most MAX_AT), newest first: the order one chain per first word gave them
 * before pairs had their own index, which the ties below depend on.
 */
static size_t exact_at(const hr_ranker *r, char (*t)[TOKEN_MAX], size_t nt, size_t i, const char *v,
                       uint32_t *out)
{
	size_t n = 0;
	uint64_t keys[3];
	const struct hmap *maps[3];
	size_t nk = 0;
	keys[nk] = key_of(v, strlen(v));
	maps[nk++] = &r->exact;
	if (i + 1 < nt) {
		char b[TOKEN_MAX];
		base_of(t[i + 1], b);
		keys[nk] = key2_of(v, t[i + 1]);
		maps[nk++] = &r->pairs;
		if (strcmp(b, t[i + 1]) != 0) {
			keys[nk] = key2_of(v, b);
			maps[nk++] = &r->pairs;
		}
	}
	for (size_t k = 0; k < nk; k++) {
		for (uint32_t j = hmap_get(maps[k], keys[k]); j != UINT32_MAX; j = r->phrs[j].next) {
			if (n == MAX_AT || !phr_matches(&r->phrs[j], t, nt, i))
				continue;
			size_t pos = n++;
			while (pos > 0 && out[pos - 1] < j) {
				out[pos] = out[pos - 1];
				pos--;
			}
			out[pos] = j;
		}
	}
	return n;
}

/* The longest phrase starting at token I, or NULL. */
static const struct phr *longest_at(const hr_ranker *r, char (*t)[TOKEN_MAX], size_t nt, size_t i)
{
	const struct phr *best = NULL;
	size_t tl = strlen(t[i]);
	char base[TOKEN_MAX];
	base_of(t[i], base);
	uint32_t at[MAX_AT];
	for (int v = 0; v < 2; v++) {
		if (v == 1 && strcmp(base, t[i]) == 0)
			break;
		size_t nat = exact_at(r, t, nt, i, v ? base : t[i], at);
		for (size_t a = 0; a < nat; a++) {
			const struct phr *p = &r->phrs[at[a]];
			if (!best || p->ntok > best->ntok ||
			    (p->ntok == best->ntok && p->nchars > best->nchars))
				best = p;
		}
	}
	for (size_t kl = 1; kl <= 3 && kl <= tl; kl++) {
		for (uint32_t j = hmap_get(&r->prefix, key_of(t[i], kl)); j != UINT32_MAX;
		     j = r->phrs[j].next) {
			const struct phr *p = &r->phrs[j];
			if ((kl < 3 && strlen(p->tok[0]) != kl) || !phr_matches(p, t, nt, i))
				continue;
			if (!best || p->ntok > best->ntok ||
			    (p->ntok == best->ntok && p->nchars > best->nchars))
				best = p;
		}
	}
	return best;
}

/* Whether phrase P belongs to one of the lists NAMES. */
static int phr_owned_by(const hr_ranker *r, const struct phr *p, const char *const *names, size_t n)
{
	for (size_t o = 0; o < p->nowners; o++) {
		for (size_t k = 0; k < n; k++) {
			if (strcmp(r->ents[p->owners[o].entity].name, names[k]) == 0)
				return 1;
		}
	}
	return 0;
}

int hr_ranker_mentions(const hr_ranker *r, const char *text, const char *const *names, size_t n)
{
	static __thread char t[MAX_TOKENS][TOKEN_MAX];
	size_t nt = tokenize(text, t, MAX_TOKENS, NULL, NULL);
	for (size_t i = 0; i < nt; i++) {
		size_t tl = strlen(t[i]);
		char base[TOKEN_MAX];
		base_of(t[i], base);
		uint32_t at[MAX_AT];
		for (int v = 0; v < 2; v++) {
			size_t nat = exact_at(r, t, nt, i, v ? base : t[i], at);
			for (size_t a = 0; a < nat; a++) {
				if (phr_owned_by(r, &r->phrs[at[a]], names, n))
					return 1;
			}
		}
		for (size_t kl = 1; kl <= 3 && kl <= tl; kl++) {
			for (uint32_t j = hmap_get(&r->prefix, key_of(t[i], kl)); j != UINT32_MAX;
			     j = r->phrs[j].next) {
				const struct phr *p = &r->phrs[j];
				if ((kl == 3 || strlen(p->tok[0]) == kl) && phr_matches(p, t, nt, i) &&
				    phr_owned_by(r, p, names, n))
					return 1;
			}
		}
	}
	return 0;
}

int hr_ranker_slot_mentions(const hr_ranker *r, const char *text, struct hr_concepts *out)
{
	static __thread char t[MAX_TOKENS][TOKEN_MAX];
	static __thread int starts[MAX_TOKENS], ends[MAX_TOKENS];
	size_t nt = tokenize(text, t, MAX_TOKENS, starts, ends);
	out->n = 0;
	for (size_t i = 0; i < nt && out->n < HR_MAX_CONCEPTS; i++) {
		char base[TOKEN_MAX];
		base_of(t[i], base);
		uint32_t at[MAX_AT];
		for (int v = 0; v < 2 && !(v == 1 && strcmp(base, t[i]) == 0); v++) {
			size_t nat = exact_at(r, t, nt, i, v ? base : t[i], at);
			for (size_t a = 0; a < nat; a++) {
				const struct phr *p = &r->phrs[at[a]];
				for (size_t o = 0; o < p->nowners && out->n < HR_MAX_CONCEPTS; o++) {
					if (!p->owners[o].value)
						continue;
					struct hr_concept *c = &out->c[out->n++];
					c->entity = r->ents[p->owners[o].entity].name;
					c->value = p->owners[o].value;
					c->start = starts[i];
					c->end = ends[i + p->ntok - 1];
				}
			}
		}
	}
	return (int)out->n;
}

/* ---- features ---- */

static void feat_add_kind(hr_ranker_scratch *s, uint64_t key, float w, char kind);

static void feat_add(hr_ranker_scratch *s, uint64_t key, float w)
{
	feat_add_kind(s, key, w, 'p');
}

static void feat_add_kind(hr_ranker_scratch *s, uint64_t key, float w, char kind)
{
	for (size_t i = 0; i < s->nfeats; i++) {
		if (s->feats[i].key == key) {
			if (w > s->feats[i].w)
				s->feats[i].w = w;
			return;
		}
	}
	if (s->nfeats < MAX_FEATURES)
		s->feats[s->nfeats++] = (struct feat){key, w, kind, 0};
}

/* The Snowball stem of W into OUT. */
static void stem_word(struct sb_stemmer *st, const char *w, size_t l, char *out, size_t cap)
{
	if (l > 2 && strcmp(w + l - 2, "'s") == 0)
		l -= 2;
	const sb_symbol *s = st ? sb_stemmer_stem(st, (const sb_symbol *)w, (int)l) : NULL;
	size_t n = s ? (size_t)sb_stemmer_length(st) : l;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, s ? (const char *)s : w, n); /* not snprintf: this runs for every word */
	out[n] = '\0';
}

/* The stem of W in OUT (CAP bytes), from the scratch's cache when it is there. */
static void stem(hr_ranker_scratch *s, const char *w, char *out, size_t cap)
{
	size_t l = strlen(w);
	if (l >= STEM_WORD || !s->stems) {
		stem_word(s->stemmer, w, l, out, cap);
		return;
	}
	struct stem_entry *e = &s->stems[hr_fnv1a32(HR_FNV32_SEED, w, l) % STEM_CACHE];
	if (strcmp(e->word, w) != 0) {
		stem_word(s->stemmer, w, l, out, cap);
		size_t n = strlen(out);
		if (n < STEM_WORD) {
			memcpy(e->word, w, l + 1);
			memcpy(e->stem, out, n + 1);
		}
		return;
	}
	size_t n = strlen(e->stem);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, e->stem, n);
	out[n] = '\0';
}

/*
 * Adds the features of TEXT with weight W to S: concepts for phrases of the
 * lists (longest first), stems for other words that are not stop words, and
 * pairs of adjacent items (concepts by list name, words by stem).
 */
/*
 * Feature settings, chosen by `herald check --cv` (docs/intents.md,
 * Measuring): words inside a list phrase count as words too (CONCEPT_WORDS),
 * and word pairs count less than single words (PAIR). The training settings
 * are in ranker_train.c.
 */
#define CONCEPT_WORDS 1.0f
#define PAIR 0.3f

static void features_of(const hr_ranker *r, hr_ranker_scratch *s, const char *text, float w)
{

	static __thread char toks[MAX_TOKENS][TOKEN_MAX];
	size_t nt = tokenize(text, toks, MAX_TOKENS, NULL, NULL);
	uint64_t prev = 0;
	for (size_t i = 0; i < nt;) {
		const struct phr *p = longest_at(r, toks, nt, i);
		uint64_t item;
		if (p) {
			/* The list the pair features name: a slot before a words list. */
			const struct owner *main = &p->owners[0];
			for (size_t o = 0; o < p->nowners; o++) {
				const struct owner *ow = &p->owners[o];
				const struct ent *e = &r->ents[ow->entity];
				if (e->is_slot && !r->ents[main->entity].is_slot)
					main = ow;
				uint64_t h = hash_bytes(hash_start('c'), e->name, strlen(e->name));
				feat_add_kind(s, hash_done(h), w, o == 0 ? 'c' : 'p');
				if (ow->value) {
					h = hash_bytes(h, "=", 1);
					feat_add(s, hash_done(hash_bytes(h, ow->value, strlen(ow->value))),
					         w);
				}
			}
			const char *mn = r->ents[main->entity].name;
			item = hash_bytes(hash_start('i'), mn, strlen(mn));
			/* The words themselves too: "herceptin" in the examples of the
			 * Herceptin intents tells them apart from the other drugs'. */
			for (size_t k = 0; k < p->ntok; k++) {
				char st[TOKEN_MAX];
				stem(s, toks[i + k], st, sizeof(st));
				if (!(word_class(r, toks[i + k]) & W_STOP))
					feat_add(s, hash_done(hash_bytes(hash_start('w'), st, strlen(st))),
					         w * CONCEPT_WORDS);
			}
			i += p->ntok;
		} else {
			char st[TOKEN_MAX];
			stem(s, toks[i], st, sizeof(st));
			unsigned cls = word_class(r, toks[i]);
			if (!(cls & W_STOP)) {
				feat_add_kind(s, hash_done(hash_bytes(hash_start('w'), st, strlen(st))), w,
				              'w');
				if ((cls & (W_QUESTION | W_FILLER)) && s->nfeats)
					s->feats[s->nfeats - 1].function = 1;
			}
			item = hash_bytes(hash_start('i'), st, strlen(st));
			i++;
		}
		if (prev) {
			uint64_t h = hash_bytes(hash_start('p'), (const char *)&prev, sizeof(prev));
			feat_add(s, hash_done(hash_bytes(h, (const char *)&item, sizeof(item))), w * PAIR);
		}
		prev = item;
	}
}

/* ---- building ---- */

static const char *ent_name(const hr_ranker *r, uint32_t e)
{
	return r->ents[e].name;
}

static int build_phrases(hr_ranker *r)
{
	r->nents = hr_intents_entity_count(r->set);
	r->ents = calloc(r->nents + 1, sizeof(*r->ents));
	if (!r->ents)
		return -ENOMEM;
	for (size_t i = 0; i < r->nents; i++) {
		struct hr_entity_view v;
		int rc = hr_intents_entity(r->set, i, &v);
		if (rc)
			return rc;
		r->ents[i].name = v.name;
		r->ents[i].is_slot = v.is_slot;
		for (size_t k = 0; k < v.nphrases; k++) {
			rc = add_phrase(r, (uint32_t)i, v.phrases[k], v.is_slot ? v.canons[k] : NULL,
			                v.prefix[k]);
			if (rc)
				return rc;
		}
	}
	/* The table doubled as it grew, and no phrase is added after this:
	 * its unused end (a quarter of it on average) is given back. */
	if (r->nphrs) {
		struct phr *np = realloc(r->phrs, r->nphrs * sizeof(*np));
		if (np)
			r->phrs = np;
	}
	return 0;
}

/* Finds which single slot value each intent is about (hr_ranker_bound_value). */
static void find_bound(hr_ranker *r, struct intent_info *ii)
{
	const struct hr_intent *in = ii->pub;
	for (size_t e = 0; e < r->nents && ii->nbound < 2; e++) {
		if (!r->ents[e].is_slot)
			continue;
		int needed = 0;
		for (size_t k = 0; k < in->nneeds; k++)
			needed |= strcmp(in->needs[k], r->ents[e].name) == 0;
		if (needed)
			continue;
		const char *value = NULL;
		size_t naming = 0;
		int mixed = 0;
		for (size_t x = 0; x < in->nexamples && !mixed; x++) {
			char norm[1024], low[1024];
			struct hr_concepts cs;
			if (hr_text_normalize(in->examples[x], strlen(in->examples[x]), norm, sizeof(norm)) <
			    0)
				continue;
			hr_intents_correct(r->set, norm, low, sizeof(low));
			hr_ranker_concepts(r, low, &cs);
			const char *seen = NULL;
			for (size_t c = 0; c < cs.n; c++) {
				if (cs.c[c].value && strcmp(cs.c[c].entity, r->ents[e].name) == 0) {
					if (seen && strcmp(seen, cs.c[c].value) != 0)
						mixed = 1;
					seen = cs.c[c].value;
				}
			}
			if (!seen)
				continue;
			naming++;
			if (value && strcmp(value, seen) != 0)
				mixed = 1;
			value = seen;
		}
		/* Most examples must name it: a list of many drugs with one named
		 * once is not "about" that drug. */
		if (!mixed && value && naming * 2 >= in->nexamples && naming >= 2)
			ii->bound[ii->nbound++] = (struct bound){(uint32_t)e, value};
	}
}

int hr_ranker_new(const hr_intents *set, const struct hr_ranker_options *opt, hr_ranker **out)
{
	struct hr_ranker_options def = {0};
	if (!opt)
		opt = &def;
	*out = NULL;
	hr_ranker *r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->set = set;
	r->model = opt->model;
	struct example *ex = NULL;
	uint32_t *fi = NULL;
	float *fw = NULL;
	hr_ranker_scratch *s = NULL;
	int rc = build_phrases(r);
	if (!rc)
		rc = build_wclass(r);
	if (rc)
		goto fail;
	r->nintents = hr_intents_count(set);
	r->intents = calloc(r->nintents + 1, sizeof(*r->intents));
	s = hr_ranker_scratch_new(r);
	if (!r->intents || !s) {
		rc = -ENOMEM;
		goto fail;
	}
	size_t nall = 0, nex = 0, nfi = 0, capfi = 4096;
	for (size_t i = 0; i < r->nintents; i++) {
		r->intents[i].pub = hr_intents_get(set, i);
		nall += r->intents[i].pub->nexamples + r->intents[i].pub->nphrasings;
	}
	ex = calloc(nall + 1, sizeof(*ex));
	fi = malloc(capfi * sizeof(*fi));
	fw = malloc(capfi * sizeof(*fw));
	if (!ex || !fi || !fw) {
		rc = -ENOMEM;
		goto fail;
	}
	size_t xn = 0;
	for (size_t i = 0; i < r->nintents; i++) {
		const struct hr_intent *in = r->intents[i].pub;
		find_bound(r, &r->intents[i]);
		/* The examples, then the phrasings: both are ways people ask. */
		for (size_t k = 0; k < in->nexamples + in->nphrasings; k++, xn++) {
			if (opt->exclude && opt->exclude[xn])
				continue;
			const char *q =
			    k < in->nexamples ? in->examples[k] : in->phrasings[k - in->nexamples];
			char corr[1024], norm[1024];
			if (hr_text_normalize(q, strlen(q), norm, sizeof(norm)) < 0)
				continue;
			hr_intents_correct(set, norm, corr, sizeof(corr));
			s->nfeats = 0;
			features_of(r, s, corr, 1.0f);
			struct example *e = &ex[nex++];
			e->intent = (uint32_t)i;
			e->f0 = (uint32_t)nfi;
			float n2 = 0;
			for (size_t f = 0; f < s->nfeats; f++)
				n2 += s->feats[f].w * s->feats[f].w;
			float inv = n2 > 0 ? 1.0f / sqrtf(n2) : 0;
			for (size_t f = 0; f < s->nfeats; f++) {
				uint32_t idx;
				if (hmap_put(&r->features, s->feats[f].key, (uint32_t)r->nfeatures, &idx)) {
					rc = -ENOMEM;
					goto fail;
				}
				if (idx == r->nfeatures)
					r->nfeatures++;
				if (nfi == capfi) {
					capfi *= 2;
					uint32_t *nfi2 = realloc(fi, capfi * sizeof(*fi));
					float *nfw2 = nfi2 ? realloc(fw, capfi * sizeof(*fw)) : NULL;
					if (nfi2)
						fi = nfi2;
					if (!nfw2) {
						rc = -ENOMEM;
						goto fail;
					}
					fw = nfw2;
				}
				fi[nfi] = idx;
				/* LINEAR and SPARSE learn from unit-length vectors; KNN weighs by IDF itself.
				 */
				fw[nfi++] = r->model != HR_RANKER_KNN ? s->feats[f].w * inv : s->feats[f].w;
			}
			e->nf = (uint32_t)(nfi - e->f0);
		}
	}
	if (nex == 0) {
		rc = -EINVAL;
		goto fail;
	}
	/* A cross-validation fold trains its own model, never shared. */
	rc = rk_train(r, ex, nex, fi, fw, nfi, !opt->exclude);
	if (rc)
		goto fail;
	free(ex);
	free(fi);
	free(fw);
	hr_ranker_scratch_free(s);
	*out = r;
	return 0;
fail:
	free(ex);
	free(fi);
	free(fw);
	hr_ranker_scratch_free(s);
	hr_ranker_free(r);
	return rc;
}

void hr_ranker_free(hr_ranker *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nphrs; i++) {
		free(r->phrs[i].tok);
		free(r->phrs[i].owners);
	}
	free(r->phrs);
	hr_strpool_free(&r->strs);
	free(r->ents);
	free(r->intents);
	hmap_free(&r->exact);
	hmap_free(&r->pairs);
	hmap_free(&r->prefix);
	hmap_free(&r->features);
	hmap_free(&r->wclass);
	rk_release(r);
	free(r->post_start);
	free(r->post_ex);
	free(r->post_w);
	free(r->idf);
	free(r->ex_intent);
	free(r);
}

enum hr_ranker_model hr_ranker_model_of(const hr_ranker *r)
{
	return r->model;
}

hr_ranker_scratch *hr_ranker_scratch_new(const hr_ranker *r)
{
	hr_ranker_scratch *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->stemmer = sb_stemmer_new("english", NULL);
	s->stems = calloc(STEM_CACHE, sizeof(*s->stems)); /* none: every word stemmed */
	size_t n = r->nintents > r->nexamples ? r->nintents : r->nexamples;
	s->scores = calloc(n + 1, sizeof(float));
	s->best = calloc(r->nintents + 1, sizeof(float));
	s->touched = calloc(r->nintents + 1, sizeof(uint16_t));
	s->mark = calloc(r->nintents + 1, 1);
	if (!s->stemmer || !s->scores || !s->best || !s->touched || !s->mark) {
		hr_ranker_scratch_free(s);
		return NULL;
	}
	return s;
}

void hr_ranker_scratch_free(hr_ranker_scratch *s)
{
	if (!s)
		return;
	if (s->stemmer)
		sb_stemmer_delete(s->stemmer);
	free(s->stems);
	free(s->scores);
	free(s->best);
	free(s->touched);
	free(s->mark);
	free(s);
}

/* Keeps the HR_RANK_TOP best of SCORES (one per intent) in OUT. */
static void take_top(const hr_ranker *r, const float *scores, struct hr_ranking *out)
{
	out->n = 0;
	for (size_t c = 0; c < r->nintents; c++) {
		float v = scores[c];
		size_t pos = out->n;
		while (pos > 0 && v > out->top[pos - 1].score)
			pos--;
		if (pos >= HR_RANK_TOP)
			continue;
		size_t last = out->n < HR_RANK_TOP ? out->n : HR_RANK_TOP - 1;
		memmove(&out->top[pos + 1], &out->top[pos], (last - pos) * sizeof(out->top[0]));
		out->top[pos] = (struct hr_rank_entry){r->intents[c].pub, v};
		if (out->n < HR_RANK_TOP)
			out->n++;
	}
}

/* Puts intent C with probability V in OUT's best, in order: higher first,
 * then the intent defined first (as take_top, which sees them in order). */
static void top_put(const hr_ranker *r, struct hr_ranking *out, size_t c, float v)
{
	size_t pos = out->n;
	while (pos > 0 && (v > out->top[pos - 1].score ||
	                   (v == out->top[pos - 1].score && (int)c < out->top[pos - 1].intent->order)))
		pos--;
	if (pos >= HR_RANK_TOP)
		return;
	size_t last = out->n < HR_RANK_TOP ? out->n : HR_RANK_TOP - 1;
	memmove(&out->top[pos + 1], &out->top[pos], (last - pos) * sizeof(out->top[0]));
	out->top[pos] = (struct hr_rank_entry){r->intents[c].pub, v};
	if (out->n < HR_RANK_TOP)
		out->n++;
}

/*
 * The sparse model's ranking: only the intents the features IDX (weights X,
 * N of them) reach are scored; every other intent scores its bias, and their
 * share of the softmax is the prepared sum of exp(bias) less the reached
 * intents' part of it. The probabilities are those of a softmax over every
 * intent, up to the float sum's rounding.
 */
static void rank_sparse(const hr_ranker *r, hr_ranker_scratch *s, const uint32_t *idx, const float *x,
                        size_t n, struct hr_ranking *out)
{
	float *z = s->scores;
	uint16_t *t = s->touched;
	size_t nt = 0;
	for (size_t k = 0; k < n; k++) {
		for (uint32_t j = r->sw_start[idx[k]]; j < r->sw_start[idx[k] + 1]; j++) {
			uint16_t c = r->sw_intent[j];
			if (!s->mark[c]) {
				s->mark[c] = 1;
				z[c] = r->bias[c];
				t[nt++] = c;
			}
			z[c] += r->sw[j] * x[k];
		}
	}
	float m = r->bias_max;
	for (size_t i = 0; i < nt; i++)
		m = z[t[i]] > m ? z[t[i]] : m;
	double reached = 0, rest = r->sum_ebias;
	for (size_t i = 0; i < nt; i++) {
		rest -= r->ebias[t[i]];
		z[t[i]] = expf(z[t[i]] - m);
		reached += z[t[i]];
	}
	float scale = expf(r->bias_max - m);
	double sum = reached + (rest > 0 ? rest : 0) * scale;
	float inv = (float)(1.0 / sum);
	out->n = 0;
	for (size_t i = 0; i < nt; i++)
		top_put(r, out, t[i], z[t[i]] * inv);
	size_t left = HR_RANK_TOP;
	for (size_t i = 0; i < r->nintents && left; i++) {
		uint16_t c = r->by_bias[i];
		if (s->mark[c])
			continue;
		top_put(r, out, c, r->ebias[c] * scale * inv);
		left--;
	}
	for (size_t i = 0; i < nt; i++)
		s->mark[t[i]] = 0;
}

int hr_ranker_rank(const hr_ranker *r, hr_ranker_scratch *s, const struct hr_rank_part *parts, size_t nparts,
                   struct hr_ranking *out)
{
	memset(out, 0, sizeof(*out));
	s->nfeats = 0;
	for (size_t i = 0; i < nparts; i++) {
		if (parts[i].text && parts[i].weight > 0)
			features_of(r, s, parts[i].text, parts[i].weight);
	}
	/* Only the features the content knows count. */
	uint32_t idx[MAX_FEATURES];
	float w[MAX_FEATURES];
	size_t n = 0;
	float n2 = 0;
	for (size_t i = 0; i < s->nfeats; i++) {
		uint32_t f = hmap_get(&r->features, s->feats[i].key);
		if (s->feats[i].kind != 'p' && !s->feats[i].function) {
			out->nwords += s->feats[i].w;
			out->nknown += f != UINT32_MAX ? s->feats[i].w : 0;
		}
		if (f == UINT32_MAX)
			continue;
		idx[n] = f;
		w[n] = s->feats[i].w * (r->model == HR_RANKER_KNN ? r->idf[f] : 1.0f);
		n2 += w[n] * w[n];
		n++;
	}
	out->nfeatures = n;
	if (n == 0)
		return 0;
	float inv = 1.0f / sqrtf(n2);
	size_t C = r->nintents;
	if (r->sparse) {
		for (size_t k = 0; k < n; k++)
			w[k] *= inv;
		rank_sparse(r, s, idx, w, n, out);
	} else if (r->model != HR_RANKER_KNN) {
		float *z = s->scores;
		memcpy(z, r->bias, C * sizeof(float));
		for (size_t k = 0; k < n; k++) {
			float x = w[k] * inv;
			for (uint32_t j = r->sw_start[idx[k]]; j < r->sw_start[idx[k] + 1]; j++)
				z[r->sw_intent[j]] += r->sw[j] * x;
		}
		rk_softmax(z, C);
		take_top(r, z, out);
	} else {
		memset(s->scores, 0, r->nexamples * sizeof(float));
		for (size_t k = 0; k < n; k++) {
			float x = w[k] * inv;
			for (uint32_t p = r->post_start[idx[k]]; p < r->post_start[idx[k] + 1]; p++)
				s->scores[r->post_ex[p]] += x * r->post_w[p];
		}
		memset(s->best, 0, C * sizeof(float));
		for (size_t e = 0; e < r->nexamples; e++) {
			if (s->scores[e] > s->best[r->ex_intent[e]])
				s->best[r->ex_intent[e]] = s->scores[e];
		}
		take_top(r, s->best, out);
	}
	return (int)out->n;
}

int hr_ranker_words(const hr_ranker *r, hr_ranker_scratch *s, const char *text, size_t *nwords,
                    size_t *nknown)
{
	s->nfeats = 0;
	features_of(r, s, text, 1.0f);
	*nwords = *nknown = 0;
	for (size_t i = 0; i < s->nfeats; i++) {
		if (s->feats[i].kind == 'p' || s->feats[i].function)
			continue;
		(*nwords)++;
		*nknown += hmap_get(&r->features, s->feats[i].key) != UINT32_MAX;
	}
	s->nfeats = 0;
	return (int)*nknown;
}

int hr_ranker_concepts(const hr_ranker *r, const char *text, struct hr_concepts *out)
{
	static __thread char toks[MAX_TOKENS][TOKEN_MAX];
	static __thread int starts[MAX_TOKENS], ends[MAX_TOKENS];
	size_t nt = tokenize(text, toks, MAX_TOKENS, starts, ends);
	out->n = 0;
	for (size_t i = 0; i < nt;) {
		const struct phr *p = longest_at(r, toks, nt, i);
		if (!p) {
			i++;
			continue;
		}
		for (size_t o = 0; o < p->nowners && out->n < HR_MAX_CONCEPTS; o++) {
			struct hr_concept *c = &out->c[out->n++];
			c->entity = ent_name(r, p->owners[o].entity);
			c->value = p->owners[o].value;
			c->start = starts[i];
			c->end = ends[i + p->ntok - 1];
		}
		i += p->ntok;
	}
	return (int)out->n;
}

const char *hr_ranker_bound_value(const hr_ranker *r, const struct hr_intent *intent, const char *entity)
{
	if (!intent || (size_t)intent->order >= r->nintents)
		return NULL;
	const struct intent_info *ii = &r->intents[intent->order];
	for (size_t b = 0; b < ii->nbound; b++) {
		if (strcmp(ent_name(r, ii->bound[b].entity), entity) == 0)
			return ii->bound[b].value;
	}
	return NULL;
}
