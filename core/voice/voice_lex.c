#include "voice_lex.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "util.h"

/* The largest lexicon read: the CMU dictionary is about 3.5 MB. */
#define LEXICON_MAX (64u << 20)

struct entry {
	char *word;
	char *respell; /* NULL unless the entry is a respelling */
	size_t nprons;
	char *prons[HR_PRONS_MAX];
};

struct hr_lexicon {
	struct entry *entries; /* insertion order */
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1, 0 = empty */
	size_t nslots;
};

static const char *const phoneset[] = {
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F",
    "G",  "HH", "IH", "IY", "JH", "K",  "L", "M",  "N", "NG", "OW", "OY", "P",  "R",
    "S",  "SH", "T",  "TH", "UH", "UW", "V", "W",  "Y", "Z",  "ZH", NULL,
};

hr_lexicon *hr_lexicon_new(void)
{
	return calloc(1, sizeof(hr_lexicon));
}

void hr_lexicon_free(hr_lexicon *lex)
{
	if (!lex)
		return;
	for (size_t i = 0; i < lex->n; i++) {
		free(lex->entries[i].word);
		free(lex->entries[i].respell);
		for (size_t k = 0; k < lex->entries[i].nprons; k++)
			free(lex->entries[i].prons[k]);
	}
	free(lex->entries);
	free(lex->slots);
	free(lex);
}

static struct entry *find(const hr_lexicon *lex, const char *word)
{
	if (!lex || !lex->nslots)
		return NULL;
	for (size_t i = hr_fnv1a32_str(word) & (lex->nslots - 1);; i = (i + 1) & (lex->nslots - 1)) {
		size_t s = lex->slots[i];
		if (!s)
			return NULL;
		if (strcmp(lex->entries[s - 1].word, word) == 0)
			return &lex->entries[s - 1];
	}
}

static int rehash(hr_lexicon *lex, size_t nslots)
{
	size_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t e = 0; e < lex->n; e++) {
		size_t i = hr_fnv1a32_str(lex->entries[e].word) & (nslots - 1);
		while (slots[i])
			i = (i + 1) & (nslots - 1);
		slots[i] = e + 1;
	}
	free(lex->slots);
	lex->slots = slots;
	lex->nslots = nslots;
	return 0;
}

/* Finds WORD's entry or makes an empty one. */
static struct entry *intern(hr_lexicon *lex, const char *word)
{
	char key[128];
	size_t len = strlen(word);
	if (len == 0 || len >= sizeof(key))
		return NULL;
	for (size_t i = 0; i <= len; i++)
		key[i] = (char)tolower((unsigned char)word[i]);
	struct entry *e = find(lex, key);
	if (e)
		return e;
	if ((lex->n + 1) * 2 > lex->nslots && rehash(lex, lex->nslots ? lex->nslots * 2 : 64))
		return NULL;
	if (lex->n == lex->cap) {
		size_t cap = lex->cap ? lex->cap * 2 : 64;
		struct entry *ne = realloc(lex->entries, cap * sizeof(*ne));
		if (!ne)
			return NULL;
		lex->entries = ne;
		lex->cap = cap;
	}
	e = &lex->entries[lex->n];
	memset(e, 0, sizeof(*e));
	if (!(e->word = strdup(key)))
		return NULL;
	size_t i = hr_fnv1a32_str(key) & (lex->nslots - 1);
	while (lex->slots[i])
		i = (i + 1) & (lex->nslots - 1);
	lex->slots[i] = ++lex->n;
	return e;
}

int hr_phones_valid(const char *phones)
{
	char buf[HR_PHONES_MAX];
	if (strlen(phones) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", phones);
	int count = 0;
	char *save = NULL;
	for (char *p = strtok_r(buf, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) {
		size_t l = strlen(p);
		if (l > 1 && p[l - 1] >= '0' && p[l - 1] <= '2')
			p[--l] = '\0';
		int ok = 0;
		for (const char *const *ph = phoneset; *ph && !ok; ph++)
			ok = strcmp(*ph, p) == 0;
		if (!ok)
			return 0;
		count++;
	}
	return count > 0;
}

/* Upper-cases PHONES and collapses its spaces into OUT. */
static void tidy_phones(const char *phones, char *out, size_t cap)
{
	size_t o = 0;
	int space = 0;
	for (const char *p = phones; *p && o + 1 < cap; p++) {
		if (*p == ' ' || *p == '\t') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < cap)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)toupper((unsigned char)*p);
	}
	out[o] = '\0';
}

int hr_lexicon_add(hr_lexicon *lex, const char *word, const char *phones)
{
	char tidy[HR_PHONES_MAX];
	tidy_phones(phones, tidy, sizeof(tidy));
	if (!hr_phones_valid(tidy))
		return -EINVAL;
	struct entry *e = intern(lex, word);
	if (!e)
		return -ENOMEM;
	if (e->nprons == HR_PRONS_MAX)
		return -ENOSPC;
	if (!(e->prons[e->nprons] = strdup(tidy)))
		return -ENOMEM;
	e->nprons++;
	return 0;
}

int hr_lexicon_add_respelling(hr_lexicon *lex, const char *word, const char *spoken)
{
	while (*spoken == ' ')
		spoken++;
	if (!*spoken)
		return -EINVAL;
	struct entry *e = intern(lex, word);
	if (!e)
		return -ENOMEM;
	char *s = strdup(spoken);
	if (!s)
		return -ENOMEM;
	free(e->respell);
	e->respell = s;
	return 0;
}

/* hr_lexicon_load()'s reading. */
struct load {
	hr_lexicon *lex;
	const char *path;
	int cmudict, bad;
	hr_diag_fn diag;
	void *ud;
};

static int load_line(void *ud, const struct hr_lexicon_line *l)
{
	struct load *ld = ud;
	int r = l->respelling ? hr_lexicon_add_respelling(ld->lex, l->word, l->respelling)
	                      : hr_lexicon_add(ld->lex, l->word, l->phones);
	if (r == -ENOMEM)
		return r;
	if (r == -ENOSPC && ld->cmudict)
		return 0; /* the CMU dictionary has a few words with many variants */
	if (r) {
		ld->bad = 1;
		hr_diagf(ld->diag, ld->ud, ld->path, l->line, "%s: %s", l->word,
		         r == -ENOSPC ? "too many pronunciations"
		                      : "not ARPAbet phones (e.g. T R AE2 S T UW1 Z UW0 M AE2 B)");
	}
	return 0;
}

int hr_lexicon_load(hr_lexicon *lex, const char *path, int cmudict, hr_diag_fn diag, void *ud)
{
	char *text;
	size_t len;
	int rc = hr_read_file(path, LEXICON_MAX, &text, &len);
	if (rc)
		return rc;
	struct load ld = {lex, path, cmudict, 0, diag, ud};
	rc = hr_lexicon_scan(text, len, cmudict, load_line, &ld);
	free(text);
	return rc ? rc : ld.bad ? -EINVAL : 0;
}

size_t hr_lexicon_prons(const hr_lexicon *lex, const char *word, const char *const **prons)
{
	const struct entry *e = find(lex, word);
	if (!e)
		return 0;
	*prons = (const char *const *)e->prons;
	return e->nprons;
}

const char *hr_lexicon_respelling(const hr_lexicon *lex, const char *word)
{
	const struct entry *e = find(lex, word);
	return e ? e->respell : NULL;
}

size_t hr_lexicon_count(const hr_lexicon *lex)
{
	return lex ? lex->n : 0;
}

const char *hr_lexicon_word(const hr_lexicon *lex, size_t i)
{
	return i < lex->n ? lex->entries[i].word : NULL;
}

/* ---- pronouncing tokens ---- */

static const char *const letter_names[26] = {
    "EY",
    "B IY",
    "S IY",
    "D IY",
    "IY",
    "EH F",
    "JH IY",
    "EY CH",
    "AY",
    "JH EY",
    "K EY",
    "EH L",
    "EH M",
    "EH N",
    "OW",
    "P IY",
    "K Y UW",
    "AA R",
    "EH S",
    "T IY",
    "Y UW",
    "V IY",
    "D AH B AH L Y UW",
    "EH K S",
    "W AY",
    "Z IY",
};

static const char *const ones[] = {"zero",    "one",     "two",       "three",    "four",
                                   "five",    "six",     "seven",     "eight",    "nine",
                                   "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                   "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"",      "",      "twenty",  "thirty", "forty",
                                   "fifty", "sixty", "seventy", "eighty", "ninety"};

static void append(char *out, size_t cap, const char *s)
{
	size_t l = strlen(out);
	if (l && l + 1 < cap)
		out[l++] = ' ';
	snprintf(out + l, cap - l, "%s", s);
}

static void below_thousand(long n, char *out, size_t cap)
{
	if (n >= 100) {
		append(out, cap, ones[n / 100]);
		append(out, cap, "hundred");
		n %= 100;
		if (!n)
			return;
	}
	if (n < 20) {
		append(out, cap, ones[n]);
	} else {
		append(out, cap, tens[n / 10]);
		if (n % 10)
			append(out, cap, ones[n % 10]);
	}
}

void hr_number_words(long n, char *out, size_t cap)
{
	out[0] = '\0';
	if (n < 0 || n >= 1000000000L) {
		snprintf(out, cap, "many");
		return;
	}
	if (n == 0) {
		snprintf(out, cap, "zero");
		return;
	}
	if (n >= 1000000) {
		below_thousand(n / 1000000, out, cap);
		append(out, cap, "million");
		n %= 1000000;
	}
	if (n >= 1000) {
		below_thousand(n / 1000, out, cap);
		append(out, cap, "thousand");
		n %= 1000;
	}
	if (n)
		below_thousand(n, out, cap);
}

static void strip_stress(const char *in, char *out, size_t cap)
{
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < cap; p++) {
		if (*p >= '0' && *p <= '2' && p > in && isalpha((unsigned char)p[-1]))
			continue;
		out[o++] = *p;
	}
	out[o] = '\0';
}

static int has_vowel(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr("aeiouy", s[i]))
			return 1;
	}
	return 0;
}

/* Spells letters S[0..N) out: "dm" -> "D IY EH M". */
static void spell(const char *s, size_t n, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			append(out, cap, letter_names[s[i] - 'a']);
	}
}

static size_t pronounce_depth(const struct hr_pron_sources *src, const char *token, char out[][HR_PHONES_MAX],
                              int depth);

/* The first pronunciation of each word of WORDS, joined. */
static int say_words(const struct hr_pron_sources *src, const char *words, char *out, size_t cap, int depth)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", words);
	out[0] = '\0';
	char *save = NULL;
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		/* A capital letter alone is the letter's name: respellings say
		 * "T D X D" or "A P T" (not "a", the article). */
		if (isupper((unsigned char)w[0]) && !w[1]) {
			append(out, cap, letter_names[w[0] - 'A']);
			continue;
		}
		for (char *p = w; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		char one[HR_PRONS_MAX][HR_PHONES_MAX];
		if (!pronounce_depth(src, w, one, depth + 1))
			return -ENOENT;
		append(out, cap, one[0]);
	}
	return out[0] ? 0 : -ENOENT;
}

/* Letters only: the dictionaries, else spelled (no vowel, or two letters), else letter-to-sound. */
static size_t pronounce_letters(const struct hr_pron_sources *src, const char *w, size_t n,
                                char out[][HR_PHONES_MAX])
{
	char word[128];
	if (n >= sizeof(word))
		return 0;
	memcpy(word, w, n);
	word[n] = '\0';
	const char *const *prons;
	size_t k = hr_lexicon_prons(src->cmudict, word, &prons);
	if (k) {
		for (size_t i = 0; i < k; i++)
			strip_stress(prons[i], out[i], HR_PHONES_MAX);
		return k;
	}
	if (!has_vowel(word, n) || n <= 2) {
		spell(word, n, out[0], HR_PHONES_MAX);
		return out[0][0] ? 1 : 0;
	}
	char lts[HR_PHONES_MAX];
	if (src->lts && src->lts(src->lts_ud, word, lts, sizeof(lts)) == 0 && hr_phones_valid(lts)) {
		strip_stress(lts, out[0], HR_PHONES_MAX);
		return 1;
	}
	spell(word, n, out[0], HR_PHONES_MAX);
	return out[0][0] ? 1 : 0;
}

static size_t pronounce_depth(const struct hr_pron_sources *src, const char *token, char out[][HR_PHONES_MAX],
                              int depth)
{
	size_t len = strlen(token);
	if (!len || depth > 4 || len > 100)
		return 0;
	const char *const *prons;
	size_t k = hr_lexicon_prons(src->hand, token, &prons);
	if (k) {
		for (size_t i = 0; i < k; i++)
			strip_stress(prons[i], out[i], HR_PHONES_MAX);
		return k;
	}
	/* A respelling that only lower-cases the word ("fish = fish", so that
	 * "FISH" is said, not spelled) says nothing new: the dictionaries below. */
	const char *re = hr_lexicon_respelling(src->hand, token);
	if (re && strcasecmp(re, token) != 0)
		return say_words(src, re, out[0], HR_PHONES_MAX, depth) == 0;
	k = hr_lexicon_prons(src->cmudict, token, &prons);
	if (k) {
		for (size_t i = 0; i < k; i++)
			strip_stress(prons[i], out[i], HR_PHONES_MAX);
		return k;
	}
	/* "her2+", "3+": the word, then "plus". */
	if (token[len - 1] == '+' && len > 1) {
		char base[128];
		snprintf(base, sizeof(base), "%.*s", (int)(len - 1), token);
		if (!pronounce_depth(src, base, out, depth + 1))
			return 0;
		append(out[0], HR_PHONES_MAX, "P L AH S");
		return 1;
	}
	/* "herceptin's": the word, then its "s". */
	if (len > 2 && token[len - 2] == '\'' && token[len - 1] == 's') {
		char base[128];
		snprintf(base, sizeof(base), "%.*s", (int)(len - 2), token);
		if (!pronounce_depth(src, base, out, depth + 1))
			return 0;
		append(out[0], HR_PHONES_MAX, "Z");
		return 1;
	}
	/* Runs of letters and of digits, each said on its own: "dm1" is "D M one",
	 * "100.4" is "one hundred point four". */
	out[0][0] = '\0';
	const char *p = token;
	while (*p) {
		const char *q = p;
		char words[256] = "";
		char part[HR_PRONS_MAX][HR_PHONES_MAX];
		if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*q))
				q++;
			/* A leading zero ("09") is read digit by digit. */
			if (*p == '0' && q - p > 1) {
				for (const char *d = p; d < q; d++)
					append(words, sizeof(words), *d == '0' ? "oh" : ones[*d - '0']);
			} else if (q - p > 9) {
				return 0;
			} else {
				hr_number_words(strtol(p, NULL, 10), words, sizeof(words));
			}
			if (say_words(src, words, part[0], HR_PHONES_MAX, depth))
				return 0;
		} else if (*p >= 'a' && *p <= 'z') {
			while (*q >= 'a' && *q <= 'z')
				q++;
			if (!pronounce_letters(src, p, (size_t)(q - p), part))
				return 0;
		} else if (*p == '.' && p > token && isdigit((unsigned char)p[-1]) &&
		           isdigit((unsigned char)p[1])) {
			q = p + 1;
			if (say_words(src, "point", part[0], HR_PHONES_MAX, depth))
				return 0;
		} else {
			q = p + 1; /* apostrophes and other marks are not said */
			p = q;
			continue;
		}
		append(out[0], HR_PHONES_MAX, part[0]);
		p = q;
	}
	return out[0][0] ? 1 : 0;
}

size_t hr_pronounce(const struct hr_pron_sources *src, const char *token, char out[][HR_PHONES_MAX])
{
	return pronounce_depth(src, token, out, 0);
}
