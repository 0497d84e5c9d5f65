/*
 * The intent engine's spelling: the vocabulary built from the content when a
 * set compiles, and the correction of a question's words against it before
 * matching (docs/intents.md, Spelling). Plain C; intent.c and
 * intent_compile.c call it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "intent.h"

#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "intent_int.h"

/* Words shorter than this are never corrected by an edit: too many real
 * words lie one letter apart. A four-letter word is mended only of a
 * consonant it should double ("cels"), never its first. */
#define SPELL_MIN 6
#define DOUBLE_LEN 4
/* A run-together word is split only into two words of at least this many
 * letters that the content writes side by side ("sideeffects",
 * "herceptinside", "hotflashes"), never "careless" into "care less". */
#define SPLIT_PART 3

/* Restricted Damerau-Levenshtein distance, giving up above MAX. */
static int edit_distance(const char *a, size_t la, const char *b, size_t lb, int max)
{
	if (la > 40 || lb > 40)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	int d[42][42];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int rowmin = max + 1;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
	}
	return d[la][lb];
}

/* The edits allowed for a word of LEN letters. */
static int max_edits(size_t len)
{
	return len >= 9 ? 2 : 1;
}

static int has(char *const *arr, size_t n, const char *w)
{
	return n && bsearch(&w, arr, n, sizeof(char *), in_name_cmp) != NULL;
}

/* Fills AT[0..256] so that the words of sorted ARR (N of them) whose first
 * byte is C are ARR[AT[C]..AT[C + 1]). */
static void first_bytes(char *const *arr, size_t n, uint32_t at[257])
{
	size_t i = 0;
	for (unsigned c = 0; c < 256; c++) {
		at[c] = (uint32_t)i;
		while (i < n && (unsigned char)arr[i][0] == c)
			i++;
	}
	at[256] = (uint32_t)n;
}

/* Sorts ARR and drops its duplicates. */
static void sort_unique(char **arr, size_t *n)
{
	if (*n == 0)
		return;
	qsort(arr, *n, sizeof(char *), in_name_cmp);
	size_t o = 1;
	for (size_t i = 1; i < *n; i++) {
		if (strcmp(arr[i], arr[o - 1]) == 0)
			free(arr[i]);
		else
			arr[o++] = arr[i];
	}
	*n = o;
}

/* Cuts *ARR to N entries. Only for a list that is complete: PUSH grows an
 * array only at a power of two, so nothing may be pushed after this. */
static void fit(char ***arr, size_t n)
{
	char **p = n ? realloc(*arr, n * sizeof(char *)) : NULL;
	if (p)
		*arr = p;
}

static int push(char ***arr, size_t *n, const char *w, size_t len)
{
	char **slot = PUSH(*arr, *n);
	if (!slot || !(*slot = strndup(w, len)))
		return -ENOMEM;
	return 0;
}

/* Adds the pairs of adjacent words of plain text S ("side effects") to the
 * pairs a run-together word may split into. */
static int add_pairs(hr_intents *set, const char *s)
{
	const char *prev = NULL;
	size_t pl = 0;
	for (const char *c = s; *c;) {
		while (*c && !isalpha((unsigned char)*c))
			c++;
		const char *w = c;
		while (isalpha((unsigned char)*c))
			c++;
		size_t wl = (size_t)(c - w);
		if (!wl)
			break;
		if (prev && pl >= SPLIT_PART && wl >= SPLIT_PART && pl + wl < 40 && prev + pl + 1 == w) {
			char **slot = PUSH(set->pairs, set->npairs);
			if (!slot || !(*slot = malloc(pl + wl + 2)))
				return -ENOMEM;
			for (size_t i = 0; i <= pl + wl; i++)
				(*slot)[i] = (char)tolower((unsigned char)prev[i]);
			(*slot)[pl + wl + 1] = '\0';
		}
		prev = w;
		pl = wl;
	}
	return 0;
}

/*
 * Adds the alphabetic words of S to the vocabulary (five letters or more),
 * and in plain text its pairs of adjacent words. In a pattern's
 * source (REGEX) a word that runs into regex syntax ("hercept\w*",
 * "diarrh(?:ea|oea)") is a fragment, not a word: it is left out, so nothing
 * is ever corrected into it; "cancers?" gives "cancers" and "cancer". The
 * last word of a phrase written with a trailing '*' (PREFIX) is a stub: a
 * word that starts with it is known, as the phrase matches it.
 */
static int add_words(hr_intents *set, const char *s, int regex, int prefix)
{
	size_t wl = 0;
	const char *w = s;
	for (const char *c = s;; c++) {
		if (isalpha((unsigned char)*c)) {
			if (wl++ == 0)
				w = c;
			continue;
		}
		if (regex && *c == '\\' && c[1]) {
			int frag = wl && (c[1] == 'w' || c[1] == 'S' || c[1] == 'd' ||
			                  (w > s && strchr(")]", w[-1])));
			if (wl >= 5 && !frag && push(&set->vocab, &set->nvocab, w, wl))
				return -ENOMEM;
			wl = 0;
			c++;
			continue;
		}
		if (wl) {
			int frag = regex && (strchr("([*+{", *c) || (w > s && strchr(")]", w[-1])));
			int opt = regex && *c == '?';
			int stub = prefix && !*c;
			if (stub && wl >= 4) {
				if (push(&set->stubs, &set->nstubs, w, wl))
					return -ENOMEM;
			} else if (!frag && !stub && wl >= 5) {
				if (push(&set->vocab, &set->nvocab, w, wl))
					return -ENOMEM;
			} else if (!frag && !stub && wl == DOUBLE_LEN && !regex) {
				if (push(&set->shortw, &set->nshortw, w, wl))
					return -ENOMEM;
			}
			if (opt && wl >= 6 && push(&set->vocab, &set->nvocab, w, wl - 1))
				return -ENOMEM;
		}
		wl = 0;
		if (!*c)
			break;
	}
	return regex ? 0 : add_pairs(set, s);
}

/* Whether single-word phrase P of entity E, a variant spelling written beside
 * its right one, should read as that one: the best such word of the same
 * value (a slot) or list (words), one or two edits away, that the examples
 * use when P is used by none (EXW, NEXW: the examples' words, sorted). */
static const char *right_spelling(const struct entity *e, const struct phrase *p, char *const *exw,
                                  size_t nexw)
{
	size_t pl = strlen(p->text);
	if (p->prefix || pl < SPELL_MIN || strchr(p->text, ' ') || has(exw, nexw, p->text))
		return NULL;
	for (size_t i = 0; i < pl; i++) {
		if (!isalpha((unsigned char)p->text[i]))
			return NULL;
	}
	const char *best = NULL;
	int bestd = max_edits(pl) + 1;
	for (size_t k = 0; k < e->nphrases; k++) {
		const struct phrase *q = &e->phrases[k];
		if (q == p || q->prefix || q->text[0] != p->text[0] || strchr(q->text, ' ') ||
		    (e->is_slot && strcmp(q->canon, p->canon) != 0) || !has(exw, nexw, q->text))
			continue;
		int d = edit_distance(p->text, pl, q->text, strlen(q->text), max_edits(pl));
		if (d < bestd) {
			bestd = d;
			best = q->text;
		}
	}
	return best;
}

int in_spell_build(hr_intents *set)
{
	/* Built afresh: the lists are cut to length at the end (fit), so they
	 * cannot be pushed onto by a second build. */
	in_spell_free(set);
	/* The examples' and phrasings' words first: they say which spelling of
	 * a variant the content itself uses. */
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->pub.nexamples; k++) {
			if (add_words(set, in->examples[k], 0, 0))
				return -ENOMEM;
		}
		for (size_t k = 0; k < in->pub.nphrasings; k++) {
			if (add_words(set, in->phrasings[k], 0, 0))
				return -ENOMEM;
		}
	}
	sort_unique(set->vocab, &set->nvocab);
	char **exw = set->vocab;
	size_t nexw = set->nvocab;
	set->vocab = NULL;
	set->nvocab = 0;
	int rc = -ENOMEM;
	for (size_t i = 0; i < nexw; i++) {
		if (push(&set->vocab, &set->nvocab, exw[i], strlen(exw[i])))
			goto out;
	}
	for (size_t i = 0; i < set->nentities; i++) {
		const struct entity *e = &set->entities[i];
		for (size_t k = 0; k < e->nphrases; k++) {
			const struct phrase *p = &e->phrases[k];
			const char *right = right_spelling(e, p, exw, nexw);
			if (right) {
				/* "posative" beside "positive": stored as "posative\0positive". */
				size_t a = strlen(p->text), b = strlen(right);
				char **slot = PUSH(set->fixes, set->nfixes);
				if (!slot || !(*slot = malloc(a + b + 2)))
					goto out;
				memcpy(*slot, p->text, a + 1);
				memcpy(*slot + a + 1, right, b + 1);
			} else if (add_words(set, p->text, 0, p->prefix)) {
				goto out;
			}
			if (e->is_slot && strcmp(e->name, "drug") == 0 && !p->prefix &&
			    !strchr(p->text, ' ') &&
			    push(&set->names, &set->nnames, p->text, strlen(p->text)))
				goto out;
		}
	}
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->npatterns; k++) {
			if (add_words(set, in->patterns[k].source, 1, 0))
				goto out;
		}
	}
	sort_unique(set->vocab, &set->nvocab);
	if (!(set->vocab_ex = malloc(set->nvocab + 1)))
		goto out;
	for (size_t i = 0; i < set->nvocab; i++)
		set->vocab_ex[i] = (unsigned char)has(exw, nexw, set->vocab[i]);
	sort_unique(set->stubs, &set->nstubs);
	if (!(set->stub_len = malloc((set->nstubs + 1) * sizeof(*set->stub_len))))
		goto out;
	for (size_t i = 0; i < set->nstubs; i++)
		set->stub_len[i] = (uint32_t)strlen(set->stubs[i]);
	first_bytes(set->vocab, set->nvocab, set->vocab_at);
	first_bytes(set->stubs, set->nstubs, set->stub_at);
	sort_unique(set->pairs, &set->npairs);
	sort_unique(set->shortw, &set->nshortw);
	sort_unique(set->names, &set->nnames);
	if (set->nfixes)
		qsort(set->fixes, set->nfixes, sizeof(char *), in_name_cmp);
	/* A variant a pattern or another list spells out stays as written. */
	size_t o = 0;
	for (size_t i = 0; i < set->nfixes; i++) {
		if (has(set->vocab, set->nvocab, set->fixes[i]))
			free(set->fixes[i]);
		else
			set->fixes[o++] = set->fixes[i];
	}
	set->nfixes = o;
	/* The lists are complete: cut each to its length. They were pushed a
	 * word at a time, duplicates and all, so most of each array is the room
	 * the duplicates took before sort_unique() (0.4 MB in all; docs/
	 * performance.md, tenth round). */
	fit(&set->vocab, set->nvocab);
	fit(&set->stubs, set->nstubs);
	fit(&set->pairs, set->npairs);
	fit(&set->fixes, set->nfixes);
	fit(&set->shortw, set->nshortw);
	fit(&set->names, set->nnames);
	rc = 0;
out:
	for (size_t i = 0; i < nexw; i++)
		free(exw[i]);
	free(exw);
	return rc;
}

void in_spell_free(hr_intents *set)
{
	char **const lists[] = {set->vocab, set->stubs, set->pairs, set->fixes, set->shortw, set->names};
	const size_t ns[] = {set->nvocab, set->nstubs, set->npairs, set->nfixes, set->nshortw, set->nnames};
	for (size_t l = 0; l < sizeof(ns) / sizeof(ns[0]); l++) {
		for (size_t i = 0; i < ns[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	free(set->vocab_ex);
	set->vocab_ex = NULL;
	free(set->stub_len);
	set->stub_len = NULL;
	memset(set->vocab_at, 0, sizeof(set->vocab_at));
	memset(set->stub_at, 0, sizeof(set->stub_at));
	set->vocab = set->stubs = set->pairs = set->fixes = set->shortw = set->names = NULL;
	set->nvocab = set->nstubs = set->npairs = set->nfixes = set->nshortw = set->nnames = 0;
}

/* Whether lower-case WORD (LEN letters) is known: a vocabulary word, or a
 * word that starts with a stub ("diarrh*" knows "diarrhoea"). */
static int known(const hr_intents *set, const char *word, size_t len)
{
	if (has(set->vocab, set->nvocab, word))
		return 1;
	unsigned char c = (unsigned char)word[0];
	for (size_t i = set->stub_at[c]; i < set->stub_at[c + 1]; i++) {
		size_t sl = set->stub_len[i];
		if (sl <= len && memcmp(set->stubs[i], word, sl) == 0)
			return 1;
	}
	return 0;
}

/* The nearest vocabulary word to unknown WORD (LEN letters) with the same
 * first letter, or NULL; of two as near, one the examples use ("herceptn" is
 * "herceptin", not "hercept" of the spoken "hercept in"). */
static const char *nearest(const hr_intents *set, const char *word, size_t len)
{
	const char *best = NULL;
	if (len >= SPELL_MIN) {
		int max = max_edits(len), bestd = max * 2 + 1;
		unsigned char c = (unsigned char)word[0];
		for (size_t v = set->vocab_at[c]; v < set->vocab_at[c + 1]; v++) {
			const char *cand = set->vocab[v];
			int d = edit_distance(word, len, cand, strlen(cand), max) * 2 - set->vocab_ex[v];
			if (d < bestd) {
				bestd = d;
				best = cand;
			}
		}
		return best;
	}
	if (len != DOUBLE_LEN || has(set->shortw, set->nshortw, word))
		return NULL;
	char buf[DOUBLE_LEN + 2];
	for (size_t i = 1; i < len; i++) {
		if (strchr("aeiouy", word[i]) || word[i] == word[i - 1] ||
		    (i + 1 < len && word[i] == word[i + 1]))
			continue;
		memcpy(buf, word, i + 1);
		memcpy(buf + i + 1, word + i, len - i);
		buf[len + 1] = '\0';
		const char *key = buf;
		char **hit = bsearch(&key, set->vocab, set->nvocab, sizeof(char *), in_name_cmp);
		if (hit)
			return *hit;
	}
	return NULL;
}

/* Whether the content writes W (LEN letters) as a word: in the
 * vocabulary, or first in a pair ("side" of "side effects"). */
static int a_word(const hr_intents *set, const char *w, size_t len)
{
	char key[42];
	if (len < SPLIT_PART || len + 2 > sizeof(key))
		return 0;
	memcpy(key, w, len);
	key[len] = '\0';
	if (has(set->vocab, set->nvocab, key))
		return 1;
	key[len] = ' ';
	key[len + 1] = '\0';
	size_t lo = 0, hi = set->npairs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(set->pairs[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->npairs && strncmp(set->pairs[lo], key, len + 1) == 0;
}

/* Whether W (LEN letters) is a drug's name of one word (slot drug): names
 * are what people run into the next word; "child" or "fish" are not. */
static int a_name(const hr_intents *set, const char *w, size_t len)
{
	char key[42];
	if (len + 1 > sizeof(key))
		return 0;
	memcpy(key, w, len);
	key[len] = '\0';
	return has(set->names, set->nnames, key);
}

/* Whether WORD (LEN letters) splits into two words the content writes side
 * by side, or a name and a word ("herceptinside"); returns the length of the
 * first, or 0. */
static size_t split_point(const hr_intents *set, const char *word, size_t len)
{
	char pair[42];
	for (size_t i = SPLIT_PART; i + SPLIT_PART <= len && len + 1 < sizeof(pair); i++) {
		memcpy(pair, word, i);
		pair[i] = ' ';
		memcpy(pair + i + 1, word + i, len - i);
		pair[len + 1] = '\0';
		if (has(set->pairs, set->npairs, pair))
			return i;
	}
	for (size_t i = SPLIT_PART + 1; i + SPLIT_PART < len; i++) {
		if ((a_name(set, word, i) && a_word(set, word + i, len - i)) ||
		    (a_word(set, word, i) && a_name(set, word + i, len - i)))
			return i;
	}
	return 0;
}

/*
 * Words people type for others, read before the vocabulary: txt spelling
 * ("ur kidneys r weak", "every 3 wks"), a few everyday misspellings of short
 * words the edits leave alone (five letters or fewer: "beter", "wich"), and
 * real words that sit one letter from a content word and must stay as they
 * are ("cheeks" is not "cheers"). Only a whole word between spaces is
 * replaced, so "u/s" or "her2" are never touched. Sorted by the typed word.
 */
static const struct {
	const char *typed, *read;
} txt[] = {
    {"abt", "about"},    {"b4", "before"},     {"bcuz", "because"}, {"becuz", "because"}, {"beter", "better"},
    {"cheek", "cheek"},  {"cheeks", "cheeks"}, {"cud", "could"},    {"cuz", "because"},   {"evry", "every"},
    {"hrs", "hours"},    {"mnths", "months"},  {"ppl", "people"},   {"r", "are"},         {"shud", "should"},
    {"thru", "through"}, {"tmrw", "tomorrow"}, {"u", "you"},        {"ur", "your"},       {"wich", "which"},
    {"wk", "week"},      {"wks", "weeks"},     {"wud", "would"},    {"yr", "year"},       {"yrs", "years"},
};

/* The reading of whole word W (LEN bytes, lower case) in the txt table, or NULL. */
static const char *txt_word(const char *w, size_t len)
{
	size_t lo = 0, hi = sizeof(txt) / sizeof(txt[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(txt[mid].typed, w, len);
		if (c == 0 && txt[mid].typed[len])
			c = 1;
		if (c == 0)
			return txt[mid].read;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void in_spell_correct(const hr_intents *set, const char *text, char *out, size_t cap)
{
	size_t o = 0;
	const char *c = text;
	if (cap == 0)
		return;
	while (*c && o + 1 < cap) {
		if (!isalpha((unsigned char)*c)) {
			out[o++] = *c++;
			continue;
		}
		const char *w = c;
		while (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)
			c++;
		size_t wl = (size_t)(c - w);
		const char *best = NULL;
		size_t bestlen = wl, cut = 0;
		int alpha = 1;
		for (size_t i = 0; i < wl; i++)
			alpha &= isalpha((unsigned char)w[i]) != 0;
		char word[40]; /* lower-cased, as the vocabulary is */
		int alone = (w == text || w[-1] == ' ') && (*c == ' ' || *c == '\0');
		if (alone && wl < sizeof(word)) {
			for (size_t i = 0; i < wl; i++)
				word[i] = (char)tolower((unsigned char)w[i]);
			best = txt_word(word, wl);
		}
		if (best) {
			bestlen = strlen(best);
		} else if (alpha && wl >= DOUBLE_LEN && wl < sizeof(word)) {
			for (size_t i = 0; i < wl; i++)
				word[i] = (char)tolower((unsigned char)w[i]);
			word[wl] = '\0';
			const char *key = word;
			char **fix = set->nfixes
			                 ? bsearch(&key, set->fixes, set->nfixes, sizeof(char *), in_name_cmp)
			                 : NULL;
			if (fix)
				best = *fix + wl + 1; /* a variant written beside its right spelling */
			else if (!known(set, word, wl))
				best = nearest(set, word, wl);
			if (!best && wl > 2 * SPLIT_PART && !known(set, word, wl))
				cut = split_point(set, word, wl);
			if (best)
				bestlen = strlen(best);
		}
		if (!best) {
			best = w;
			bestlen = wl;
		}
		if (o + bestlen + 2 > cap)
			break;
		/* ASCII letters lower-cased: see needs_caseless. */
		for (size_t i = 0; i < bestlen; i++) {
			if (cut && i == cut)
				out[o++] = ' ';
			out[o++] = (char)tolower((unsigned char)best[i]);
		}
	}
	out[o] = '\0';
}
