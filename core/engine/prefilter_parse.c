/*
 * The prefilter, reading a pattern: string sets, the CNF of literals a match
 * must contain, and the parser of the PCRE2 subset herald's rules use. See
 * prefilter.c for the whole design.
 */
#include "prefilter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"

/* ---- string sets ---- */

void pf_strs_free(struct strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int pf_strs_add(struct strs *s, const char *p, size_t n)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	char *c = malloc(n + 1);
	if (!c)
		return -ENOMEM;
	memcpy(c, p, n);
	c[n] = '\0';
	s->v[s->n++] = c;
	return 0;
}

int pf_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strs_unique(struct strs *s)
{
	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(char *), pf_cmp_str);
	size_t o = 1;
	for (size_t i = 1; i < s->n; i++) {
		if (strcmp(s->v[i], s->v[o - 1]) == 0)
			free(s->v[i]);
		else
			s->v[o++] = s->v[i];
	}
	s->n = o;
}

static size_t strs_minlen(const struct strs *s)
{
	size_t m = (size_t)-1;
	for (size_t i = 0; i < s->n; i++) {
		size_t l = strlen(s->v[i]);
		if (l < m)
			m = l;
	}
	return s->n ? m : 0;
}

static size_t strs_maxlen(const struct strs *s)
{
	size_t m = 0;
	for (size_t i = 0; i < s->n; i++) {
		size_t l = strlen(s->v[i]);
		if (l > m)
			m = l;
	}
	return m;
}

/* ---- infos ---- */

void pf_info_free(struct info *a)
{
	pf_strs_free(&a->set);
	for (size_t i = 0; i < a->ncnf; i++)
		pf_strs_free(&a->cnf[i]);
	free(a->cnf);
	memset(a, 0, sizeof(*a));
}

/* The node matches only the empty string (an anchor, a lookaround). */
static int info_empty(struct info *a)
{
	memset(a, 0, sizeof(*a));
	a->exact = 1;
	return pf_strs_add(&a->set, "", 0);
}

/* The node matches one character C, or (an EDGE_* placeholder) only the
 * empty string at an assertion. */
static int info_char(struct info *a, char c)
{
	memset(a, 0, sizeof(*a));
	a->exact = 1;
	return pf_strs_add(&a->set, &c, 1);
}

/* Appends CLAUSE (taken) to A's clauses. */
static int cnf_push(struct info *a, struct strs *clause)
{
	struct strs *v = realloc(a->cnf, (a->ncnf + 1) * sizeof(*v));
	if (!v) {
		pf_strs_free(clause);
		return -ENOMEM;
	}
	a->cnf = v;
	a->cnf[a->ncnf++] = *clause;
	memset(clause, 0, sizeof(*clause));
	return 0;
}

static int is_edge(unsigned char c)
{
	return c == EDGE_B || c == EDGE_L || c == EDGE_R;
}

/* Characters of S that are not placeholders. */
static size_t real_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += !is_edge((unsigned char)*s) && *s != CONT;
	return n;
}

/*
 * Writes S with its placeholders resolved into MARKs (see the top of the
 * file) to OUT (capacity at least 2 * strlen(S) + 2); returns its length.
 * Between two characters a MARK follows from the characters alone. At an
 * edge, \b or "nothing alphanumeric on the outside" next to a letter or
 * digit means the text has a class change there.
 */
static size_t resolve(const char *s, char *out)
{
	size_t o = 0;
	int have_prev = 0, prev_alnum = 0, left = 0, right = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == CONT) {
			/* Nothing is known across it: no MARK on either side. */
			out[o++] = CONT;
			have_prev = left = right = 0;
			continue;
		}
		if (*c == EDGE_B) {
			left = right = 1;
			continue;
		}
		if (*c == EDGE_L || *c == EDGE_R) {
			left |= *c == EDGE_L;
			right |= *c == EDGE_R;
			continue;
		}
		int a = pf_is_alnum(*c);
		if (have_prev ? a != prev_alnum : a && left)
			out[o++] = MARK;
		out[o++] = (char)*c;
		have_prev = 1;
		prev_alnum = a;
		left = right = 0;
	}
	if (have_prev && prev_alnum && right)
		out[o++] = MARK;
	out[o] = '\0';
	return o;
}

/*
 * Makes a clause of the exact set SET: each string is shortened to its longest
 * run of letters and digits when that run is long enough to be selective (a
 * substring of a required string is required too). Returns 1 and fills OUT, 0
 * when the set makes no useful clause (it holds a string that is too short,
 * such as the empty string of an optional node), or -ENOMEM.
 */
static int cmp_word(const void *a, const void *b)
{
	return strcmp(((const struct word *)a)->w, ((const struct word *)b)->w);
}

/* How many words of the noted questions begin with KEY[0..N): "problem"
 * counts "problems" too, as a phrase "problem*" would match it. */
static uint32_t asked_count(const hr_prefilter *pf, const char *key, size_t n)
{
	size_t lo = 0, hi = pf->asked.n;
	while (lo < hi) { /* the first word not below KEY */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(pf->asked.v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t c = 0;
	while (lo < pf->asked.n && strncmp(pf->asked.v[lo], key, n) == 0) {
		c++;
		lo++;
	}
	return c;
}

/* How often the word W[0..N) occurs in the patterns, and as the start of a
 * word in the noted questions (0 when never). */
static uint32_t word_count(const hr_prefilter *pf, const char *w, size_t n)
{
	char key[EXACT_LEN + 1];
	if (n > EXACT_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		key[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
	key[n] = '\0';
	struct word k = {.w = key};
	const struct word *f = bsearch(&k, pf->words, pf->nwords_counted, sizeof(k), cmp_word);
	return (f ? f->count : 0) + asked_count(pf, key, n);
}

static int clause_of(const hr_prefilter *pf, const struct strs *set, struct strs *out)
{
	memset(out, 0, sizeof(*out));
	if (set->n == 0)
		return 0;
	for (size_t i = 0; i < set->n; i++) {
		if (real_len(set->v[i]) < MIN_LIT)
			return 0;
	}
	for (size_t i = 0; i < set->n; i++) {
		char s[2 * EXACT_LEN + 2];
		size_t len = resolve(set->v[i], s);
		const char *best = s;
		size_t bl = 0;
		uint32_t bc = 0;
		for (size_t k = 0; k < len;) {
			size_t e = k;
			while (e < len && pf_is_alnum((unsigned char)s[e]))
				e++;
			if (e - k >= 3) {
				uint32_t n = word_count(pf, s + k, e - k);
				if (bl == 0 || n < bc || (n == bc && e - k > bl)) {
					bl = e - k;
					bc = n;
					best = s + k;
				}
			}
			k = e > k ? e : k + 1;
		}
		if (bl < GOOD_LIT) {
			/* The whole string, or its longest piece between CONTs. */
			best = s;
			bl = 0;
			for (const char *q = s; q <= s + len;) {
				const char *e = memchr(q, CONT, (size_t)(s + len - q));
				e = e ? e : s + len;
				if ((size_t)(e - q) > bl) {
					bl = (size_t)(e - q);
					best = q;
				}
				q = e + 1;
			}
		} else {
			/* Keep the MARKs around the run: "eat" as a word. */
			if (best > s && best[-1] == MARK)
				best--, bl++;
			if (best + bl < s + len && best[bl] == MARK)
				bl++;
		}
		if (pf_strs_add(out, best, bl)) {
			pf_strs_free(out);
			return -ENOMEM;
		}
	}
	strs_unique(out);
	return 1;
}

/* Higher is more selective: longer shortest literal first, then fewer literals. */
long pf_clause_score(const struct strs *c)
{
	return (long)strs_minlen(c) * 100000 - (long)c->n;
}

/* Moves A's requirements into clauses of R (an exact A becomes one clause). */
int pf_absorb(const hr_prefilter *pf, struct info *r, struct info *a)
{
	int rc = 0;
	if (a->exact) {
		struct strs c;
		int ok = clause_of(pf, &a->set, &c);
		if (ok < 0)
			rc = -ENOMEM;
		else if (ok)
			rc = cnf_push(r, &c);
	} else {
		for (size_t i = 0; i < a->ncnf && !rc; i++)
			rc = cnf_push(r, &a->cnf[i]);
		a->ncnf = 0;
	}
	pf_info_free(a);
	return rc;
}

/* Sets *OUT to every string of A followed by every string of B, or returns 1
 * when there would be too many or too long. */
static int product(const struct strs *a, const struct strs *b, struct strs *out)
{
	memset(out, 0, sizeof(*out));
	/* A set times one string (an assertion, a word) may be large: that keeps
	 * a slot's guards on each of its hundreds of phrases. */
	size_t n = a->n * b->n;
	if ((n > EXACT_MAX && (n > BIG_MAX || (a->n > 1 && b->n > 1))) ||
	    strs_maxlen(a) + strs_maxlen(b) > EXACT_LEN)
		return 1;
	char buf[EXACT_LEN + 1];
	for (size_t i = 0; i < a->n; i++) {
		size_t la = strlen(a->v[i]);
		memcpy(buf, a->v[i], la);
		for (size_t k = 0; k < b->n; k++) {
			size_t lb = strlen(b->v[k]);
			memcpy(buf + la, b->v[k], lb);
			if (pf_strs_add(out, buf, la + lb)) {
				pf_strs_free(out);
				return -ENOMEM;
			}
		}
	}
	strs_unique(out);
	return 0;
}

/* ---- the parser ---- */

struct parser {
	const hr_prefilter *pf;
	const char *s;
	size_t i, n;
	int bail; /* syntax the analysis does not follow */
	int oom;
};

static int peek(const struct parser *p)
{
	return p->i < p->n ? (unsigned char)p->s[p->i] : -1;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
}

static int is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void parse_alt(struct parser *p, struct info *out);

/* Skips a {...} or a single character after \p, \P or \x. */
static void skip_braced(struct parser *p)
{
	if (peek(p) == '{') {
		while (p->i < p->n && p->s[p->i] != '}')
			p->i++;
		if (p->i < p->n)
			p->i++;
	} else if (p->i < p->n) {
		p->i++;
	}
}

/* A character class, after its '['. Sets OUT to the exact set of its members
 * when they are few plain ASCII characters, else to "no knowledge". */
static int is_word_byte(int c)
{
	return pf_is_alnum((unsigned char)c) || c == '_';
}

/* A character class, after its '['. Sets OUT to the exact set of its members
 * when they are few plain ASCII characters, else to "no knowledge"; *WORD
 * tells whether every member is a letter, digit or _ (as in [a-z0-9]). */
static void parse_class(struct parser *p, struct info *out, int *word)
{
	char members[128];
	size_t nm = 0;
	int unknown = 0, first = 1;
	memset(out, 0, sizeof(*out));
	*word = 1;
	if (peek(p) == '^') {
		unknown = 1;
		*word = 0;
		p->i++;
	}
	for (;;) {
		int c = peek(p);
		if (c < 0) {
			p->bail = 1;
			return;
		}
		p->i++;
		if (c == ']' && !first)
			break;
		first = 0;
		if (c == '[' && peek(p) == ':') {
			/* [:alpha:] */
			const char *end = strstr(p->s + p->i, ":]");
			if (!end || (size_t)(end - p->s) >= p->n) {
				p->bail = 1;
				return;
			}
			p->i = (size_t)(end - p->s) + 2;
			unknown = 1;
			*word = 0;
			continue;
		}
		if (c == '{' && p->i < p->n && is_letter(p->s[p->i])) {
			/* intent.c would expand a {reference} even here. */
			p->bail = 1;
			return;
		}
		if (c == '\\') {
			int e = peek(p);
			if (e < 0) {
				p->bail = 1;
				return;
			}
			p->i++;
			if (e == 'Q' || e == 'E' || e == 'c' || e == 'o' || e == 'N') {
				p->bail = 1;
				return;
			}
			if (e == 'p' || e == 'P' || e == 'x') {
				skip_braced(p);
				unknown = 1;
				*word = 0;
				continue;
			}
			if (is_letter(e) || is_digit(e) || e >= 0x80) {
				unknown = 1; /* \d, \w, \s, \b (backspace), octal ... */
				*word &= e == 'd' || e == 'w';
				continue;
			}
			c = e;
		}
		if (c >= 0x80) {
			unknown = 1;
			*word = 0;
			continue;
		}
		if (peek(p) == '-' && p->i + 1 < p->n && p->s[p->i + 1] != ']') {
			int hi = (unsigned char)p->s[p->i + 1];
			if (hi == '\\' || hi == '[' || hi >= 0x80 || hi < c) {
				/* An escaped or odd range end: find the class end the
				 * plain way and give up on its members. */
				unknown = 1;
				*word = 0;
				p->i++;
				continue;
			}
			p->i += 2;
			*word &=
			    (c >= 'a' && hi <= 'z') || (c >= 'A' && hi <= 'Z') || (c >= '0' && hi <= '9');
			for (int x = c; x <= hi && !unknown; x++) {
				if (nm >= 8)
					unknown = 1;
				else
					members[nm++] = (char)pf_lower(x);
			}
			continue;
		}
		*word &= is_word_byte(c);
		if (nm >= 8)
			unknown = 1;
		else
			members[nm++] = (char)pf_lower(c);
	}
	if (unknown || nm == 0) {
		if (unknown && *word)
			p->oom |= info_char(out, CONT) != 0;
		return;
	}
	out->exact = 1;
	for (size_t k = 0; k < nm; k++) {
		if (pf_strs_add(&out->set, &members[k], 1)) {
			p->oom = 1;
			return;
		}
	}
	strs_unique(&out->set);
}

/* True when the text at P is the body of a negative lookaround that rules
 * out every letter and digit, followed by its ')': "[a-z0-9])" and the like. */
static int alnum_guard(const struct parser *p)
{
	static const char *const forms[] = {"[a-z0-9])",    "[0-9a-z])", "[a-z0-9_])",
	                                    "[a-zA-Z0-9])", "\\w)",      NULL};
	for (const char *const *f = forms; *f; f++) {
		size_t l = strlen(*f);
		if (p->n - p->i >= l && memcmp(p->s + p->i, *f, l) == 0)
			return (int)l;
	}
	return 0;
}

/* A group, after its '('. */
static void parse_group(struct parser *p, struct info *out)
{
	int lookaround = 0;
	memset(out, 0, sizeof(*out));
	if (peek(p) == '*') {
		p->bail = 1; /* (*VERB) and (*pla:...) */
		return;
	}
	if (peek(p) == '?') {
		p->i++;
		int c = peek(p);
		if (c == ':' || c == '>' || c == '|') {
			p->i++;
		} else if (c == '=' || c == '!') {
			p->i++;
			int g = c == '!' ? alnum_guard(p) : 0;
			if (g) {
				/* (?![a-z0-9]): nothing alphanumeric follows. */
				p->i += (size_t)g;
				p->oom |= info_char(out, EDGE_R) != 0;
				return;
			}
			lookaround = 1;
		} else if (c == '<' && p->i + 1 < p->n && (p->s[p->i + 1] == '=' || p->s[p->i + 1] == '!')) {
			p->i += 2;
			int g = p->s[p->i - 1] == '!' ? alnum_guard(p) : 0;
			if (g) {
				/* (?<![a-z0-9]): nothing alphanumeric precedes. */
				p->i += (size_t)g;
				p->oom |= info_char(out, EDGE_L) != 0;
				return;
			}
			lookaround = 1;
		} else if (c == '<' || c == '\'' || (c == 'P' && p->i + 1 < p->n && p->s[p->i + 1] == '<')) {
			/* A named group: (?<name>, (?'name', (?P<name> */
			int close = c == '\'' ? '\'' : '>';
			while (p->i < p->n && p->s[p->i] != close)
				p->i++;
			if (p->i >= p->n) {
				p->bail = 1;
				return;
			}
			p->i++;
		} else if (c == '#') {
			while (p->i < p->n && p->s[p->i] != ')')
				p->i++;
			if (p->i >= p->n) {
				p->bail = 1;
				return;
			}
			p->i++;
			p->oom |= info_empty(out) != 0;
			return;
		} else {
			/* Option settings: (?i) (?s:...). Extended mode changes what a
			 * space means, and unsetting options could turn caseless
			 * matching off, which the word edges rely on. */
			while (p->i < p->n &&
			       (is_letter(p->s[p->i]) || p->s[p->i] == '-' || p->s[p->i] == '^')) {
				char o = p->s[p->i];
				if (o != 'i' && o != 'm' && o != 's' && o != 'n' && o != 'U' && o != 'J') {
					p->bail = 1; /* x, xx, -, ^ and anything unknown */
					return;
				}
				p->i++;
			}
			if (peek(p) == ')') {
				p->i++;
				p->oom |= info_empty(out) != 0;
				return;
			}
			if (peek(p) != ':') {
				p->bail = 1; /* (?R), (?1), (?&name), (?(cond)... */
				return;
			}
			p->i++;
		}
	}
	struct info inner;
	parse_alt(p, &inner);
	if (p->bail || p->oom) {
		pf_info_free(&inner);
		return;
	}
	if (peek(p) != ')') {
		pf_info_free(&inner);
		p->bail = 1;
		return;
	}
	p->i++;
	if (lookaround) {
		/* Zero-width: what it looks at is not part of the match. */
		pf_info_free(&inner);
		p->oom |= info_empty(out) != 0;
		return;
	}
	*out = inner;
}

static int copy_info(const struct info *a, struct info *out)
{
	memset(out, 0, sizeof(*out));
	out->exact = a->exact;
	for (size_t i = 0; i < a->set.n; i++) {
		if (pf_strs_add(&out->set, a->set.v[i], strlen(a->set.v[i])))
			goto fail;
	}
	for (size_t i = 0; i < a->ncnf; i++) {
		struct strs c = {0};
		for (size_t k = 0; k < a->cnf[i].n; k++) {
			if (pf_strs_add(&c, a->cnf[i].v[k], strlen(a->cnf[i].v[k]))) {
				pf_strs_free(&c);
				goto fail;
			}
		}
		if (cnf_push(out, &c))
			goto fail;
	}
	return 0;
fail:
	pf_info_free(out);
	return -ENOMEM;
}

/* One atom (without its quantifier). */
static void parse_atom(struct parser *p, struct info *out)
{
	memset(out, 0, sizeof(*out));
	int c = peek(p);
	p->i++;
	switch (c) {
	case '(':
		parse_group(p, out);
		return;
	case '[': {
		int word;
		parse_class(p, out, &word);
		return;
	}
	case '.':
		return;
	case '^':
		p->oom |= info_char(out, EDGE_L) != 0;
		return;
	case '$':
		p->oom |= info_char(out, EDGE_R) != 0;
		return;
	case '*':
	case '+':
	case '?':
		p->bail = 1;
		return;
	case '{': {
		/* {name}: a slot or words list, as intent.c expands it. */
		size_t k = p->i;
		while (k < p->n && is_name_char((unsigned char)p->s[k]))
			k++;
		if (k == p->i || k >= p->n || p->s[k] != '}' || !is_letter(p->s[p->i])) {
			p->bail = 1;
			return;
		}
		for (size_t m = 0; m < p->pf->nmacros; m++) {
			const struct macro *mc = &p->pf->macros[m];
			if (strlen(mc->name) == k - p->i && memcmp(mc->name, p->s + p->i, k - p->i) == 0) {
				p->i = k + 1;
				if (mc->bad)
					p->bail = 1;
				else
					p->oom |= copy_info(&mc->info, out) != 0;
				return;
			}
		}
		p->bail = 1;
		return;
	}
	case '\\': {
		int e = peek(p);
		if (e < 0) {
			p->bail = 1;
			return;
		}
		p->i++;
		if (e == 'b' || e == 'A' || e == 'z' || e == 'Z') {
			p->oom |= info_char(out, e == 'b' ? EDGE_B : e == 'A' ? EDGE_L : EDGE_R) != 0;
			return;
		}
		if (e == 'B' || e == 'G' || e == 'K' || e == 'E') {
			p->oom |= info_empty(out) != 0;
			return;
		}
		if (e == 'p' || e == 'P' || e == 'x') {
			skip_braced(p);
			return;
		}
		if (e == 'd' || e == 'w') {
			p->oom |= info_char(out, CONT) != 0; /* part of a word */
			return;
		}
		if (strchr("DWsShHvVRXntrfea", e) || is_digit(e))
			return; /* one unknown character, or a back-reference */
		if (is_letter(e) || e >= 0x80 || e <= CONT) {
			p->bail = 1; /* \Q, \g, \k, \c, \o, \N and the unknown */
			return;
		}
		p->oom |= info_char(out, (char)e) != 0;
		return;
	}
	default:
		if (c <= CONT) {
			p->bail = 1; /* the bytes the scan reserves */
			return;
		}
		if (c >= 0x80) {
			/* A non-ASCII character: take its whole UTF-8 sequence. */
			while (p->i < p->n && ((unsigned char)p->s[p->i] & 0xc0) == 0x80)
				p->i++;
			return;
		}
		p->oom |= info_char(out, (char)pf_lower(c)) != 0;
		return;
	}
}

/* Reads a quantifier after an atom, if any: MIN and MAX (-1: unbounded). */
static int parse_quant(struct parser *p, long *min, long *max)
{
	int c = peek(p);
	if (c == '?' || c == '*' || c == '+') {
		p->i++;
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
	} else if (c == '{' && p->i + 1 < p->n && is_digit((unsigned char)p->s[p->i + 1])) {
		size_t k = p->i + 1;
		long lo = 0, hi;
		while (k < p->n && is_digit((unsigned char)p->s[k]))
			lo = lo * 10 + (p->s[k++] - '0');
		hi = lo;
		if (k < p->n && p->s[k] == ',') {
			k++;
			hi = -1;
			if (k < p->n && is_digit((unsigned char)p->s[k])) {
				hi = 0;
				while (k < p->n && is_digit((unsigned char)p->s[k]))
					hi = hi * 10 + (p->s[k++] - '0');
			}
		}
		if (k >= p->n || p->s[k] != '}') {
			p->bail = 1;
			return 0;
		}
		p->i = k + 1;
		*min = lo;
		*max = hi;
	} else {
		return 0;
	}
	/* Lazy and possessive forms match the same strings. */
	if (peek(p) == '?' || peek(p) == '+')
		p->i++;
	return 1;
}

/* Applies a quantifier to A in place. */
static void quantify(struct parser *p, struct info *a, long min, long max)
{
	if (min == 1 && max == 1)
		return;
	if (a->exact && a->set.n == 1 && strcmp(a->set.v[0], (char[]){CONT, 0}) == 0)
		return; /* any number of unknown letters is still that */
	if (min == 0) {
		if (max == 1 && a->exact && a->set.n < BIG_MAX) {
			p->oom |= pf_strs_add(&a->set, "", 0) != 0;
			strs_unique(&a->set);
			return;
		}
		pf_info_free(a);
		return;
	}
	/* At least once: whatever one repetition requires still holds. */
	struct info r = {0};
	p->oom |= pf_absorb(p->pf, &r, a) != 0;
	*a = r;
}

/* A sequence of atoms, up to '|' or ')' or the end. Exact runs multiply;
 * a run that grows too large, or a node that is not exact, ends the run,
 * which becomes a clause. */
static void parse_concat(struct parser *p, struct info *out)
{
	struct info res = {0}; /* clauses so far */
	struct strs run = {0};
	int all_exact = 1;
	memset(out, 0, sizeof(*out));
	if (pf_strs_add(&run, "", 0)) {
		p->oom = 1;
		return;
	}
	while (!p->bail && !p->oom) {
		int c = peek(p);
		if (c < 0 || c == '|' || c == ')')
			break;
		struct info a;
		parse_atom(p, &a);
		long min, max;
		if (!p->bail && parse_quant(p, &min, &max))
			quantify(p, &a, min, max);
		if (p->bail || p->oom) {
			pf_info_free(&a);
			break;
		}
		if (a.exact) {
			struct strs next;
			int rc = product(&run, &a.set, &next);
			if (rc < 0) {
				p->oom = 1;
				pf_info_free(&a);
				break;
			}
			if (rc == 0) {
				pf_strs_free(&run);
				run = next;
				pf_info_free(&a);
				continue;
			}
			/* Too many: the run so far becomes a clause; A starts anew. */
			struct info old = {.exact = 1, .set = run};
			p->oom |= pf_absorb(p->pf, &res, &old) != 0;
			run = a.set;
			memset(&a.set, 0, sizeof(a.set));
			pf_info_free(&a);
			all_exact = 0;
			continue;
		}
		struct info old = {.exact = 1, .set = run};
		p->oom |= pf_absorb(p->pf, &res, &old) != 0;
		p->oom |= pf_absorb(p->pf, &res, &a) != 0;
		memset(&run, 0, sizeof(run));
		p->oom |= pf_strs_add(&run, "", 0) != 0;
		all_exact = 0;
	}
	if (p->bail || p->oom) {
		pf_strs_free(&run);
		pf_info_free(&res);
		return;
	}
	if (all_exact) {
		out->exact = 1;
		out->set = run;
		return;
	}
	struct info old = {.exact = 1, .set = run};
	p->oom |= pf_absorb(p->pf, &res, &old) != 0;
	*out = res;
}

/* The most selective clause A guarantees, copied into OUT; 0 when none. */
static int best_clause(const hr_prefilter *pf, const struct info *a, struct strs *out)
{
	memset(out, 0, sizeof(*out));
	if (a->exact)
		return clause_of(pf, &a->set, out);
	const struct strs *best = NULL;
	for (size_t i = 0; i < a->ncnf; i++) {
		if (!best || pf_clause_score(&a->cnf[i]) > pf_clause_score(best))
			best = &a->cnf[i];
	}
	if (!best)
		return 0;
	for (size_t k = 0; k < best->n; k++) {
		if (pf_strs_add(out, best->v[k], strlen(best->v[k]))) {
			pf_strs_free(out);
			return -ENOMEM;
		}
	}
	return 1;
}

/* Alternatives separated by '|', up to ')' or the end. */
static void parse_alt(struct parser *p, struct info *out)
{
	struct info *br = NULL;
	size_t nbr = 0;
	memset(out, 0, sizeof(*out));
	for (;;) {
		struct info *v = realloc(br, (nbr + 1) * sizeof(*v));
		if (!v) {
			p->oom = 1;
			break;
		}
		br = v;
		parse_concat(p, &br[nbr++]);
		if (p->bail || p->oom || peek(p) != '|')
			break;
		p->i++;
	}
	if (p->bail || p->oom || nbr == 0)
		goto out;
	if (nbr == 1) {
		*out = br[0];
		memset(&br[0], 0, sizeof(br[0]));
		goto out;
	}
	int all_exact = 1;
	size_t total = 0;
	for (size_t i = 0; i < nbr; i++) {
		all_exact &= br[i].exact;
		total += br[i].set.n;
	}
	if (all_exact && total <= BIG_MAX) {
		out->exact = 1;
		for (size_t i = 0; i < nbr && !p->oom; i++) {
			for (size_t k = 0; k < br[i].set.n && !p->oom; k++)
				p->oom |= pf_strs_add(&out->set, br[i].set.v[k], strlen(br[i].set.v[k])) != 0;
		}
		strs_unique(&out->set);
		goto out;
	}
	/* One clause: each alternative's best clause, united. An alternative
	 * that requires nothing makes the whole alternation require nothing. */
	struct strs u = {0};
	for (size_t i = 0; i < nbr; i++) {
		struct strs c;
		int ok = best_clause(p->pf, &br[i], &c);
		if (ok <= 0) {
			p->oom |= ok < 0;
			pf_strs_free(&u);
			goto out;
		}
		for (size_t k = 0; k < c.n && !p->oom; k++)
			p->oom |= pf_strs_add(&u, c.v[k], strlen(c.v[k])) != 0;
		pf_strs_free(&c);
	}
	strs_unique(&u);
	p->oom |= cnf_push(out, &u) != 0;
out:
	for (size_t i = 0; i < nbr; i++)
		pf_info_free(&br[i]);
	free(br);
}

/* Analyses SRC into OUT; returns 0, 1 when the syntax is not followed, or -ENOMEM. */
int pf_analyse(const hr_prefilter *pf, const char *src, struct info *out)
{
	struct parser p = {.pf = pf, .s = src, .n = strlen(src)};
	parse_alt(&p, out);
	if (!p.oom && !p.bail && p.i != p.n)
		p.bail = 1; /* an unbalanced ')' */
	if (p.oom || p.bail) {
		pf_info_free(out);
		return p.oom ? -ENOMEM : 1;
	}
	return 0;
}
