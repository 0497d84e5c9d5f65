/*
 * The literal prefilter. See prefilter.h for the contract.
 *
 * Analysis. Each node of a pattern gets an `info`: either an exact set (every
 * string the node can match, lower-cased, when there are few: "her[ -]?2" is
 * {"her2", "her 2", "her-2"}), or a list of clauses that every match satisfies
 * (each clause a set of strings, one of which occurs in the match). Sequences
 * multiply exact sets while they stay small, alternations unite them, and
 * anything the analysis cannot bound (".", "\s", classes, "x*", a lookaround,
 * a back-reference) contributes nothing. Requiring less than a pattern really
 * needs is always safe; requiring more never happens, because every rule
 * only weakens. Unknown syntax gives up on the whole pattern, which is then
 * always tried.
 *
 * Literals are kept short: a string becomes its rarest run of letters and
 * digits (rarest across every pattern and phrase, so "dual anti her2 therapy"
 * becomes "dual", not "therapy"), so that "trastuzumab pertuzumab and
 * docetaxel" in all its spacings is one literal, not 27.
 *
 * Word edges. The scan sees the text with a MARK byte wherever a letter or
 * digit meets anything else (and before a word at the start, after one at the
 * end): "rate it" is scanned as MARK "rate" MARK " " MARK "it" MARK. A literal
 * carries a MARK where the pattern guarantees one: inside it wherever its own
 * characters change class, and at an edge where an assertion (\b, ^, $, or the
 * (?<![a-z0-9]) and (?![a-z0-9]) that surround every slot and words list)
 * meets a letter or digit. So {eat} is the literal MARK "eat" MARK, which
 * "great" and "breath" do not contain. While analysing, assertions are kept
 * in exact strings as the placeholders EDGE_B, EDGE_L and EDGE_R, resolved
 * when a string becomes a literal. A word's unknown ending ("toxicit*", that
 * is toxicit[a-z0-9]*, or spread\w*) is the placeholder CONT: any letters,
 * maybe none, across which nothing is claimed, so that a slot with such
 * phrases stays one exact set and keeps its guards.
 *
 * Matching. The literals of every clause form one Aho-Corasick automaton. A
 * scan of the text reports each literal found once; each literal knows the
 * clauses it satisfies, and a pattern becomes a candidate when its last
 * clause is satisfied. Per-text state is stamped with a generation number, so
 * nothing is cleared or allocated per text.
 */
#include "prefilter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX 64   /* strings a product of two sets may make */
#define BIG_MAX 1024   /* strings an alternation, or a set with an edge, may hold */
#define EXACT_LEN 96   /* longest string an exact set may hold */
#define MIN_LIT 2      /* a clause with a shorter string is worthless */
#define GOOD_LIT 5     /* a run of letters this long stands for its string */
#define MAX_CLAUSES 16 /* clauses kept per pattern, the most selective */

/* Bytes the scan and the literals use for word edges; texts and patterns that
 * contain them are not prefiltered. */
#define MARK '\x01'   /* a letter or digit meets something else here */
#define EDGE_B '\x02' /* \b: a word character meets a non-word character */
#define EDGE_L '\x03' /* nothing alphanumeric before here: ^, (?<![a-z0-9]) */
#define EDGE_R '\x04' /* nothing alphanumeric after here: $, (?![a-z0-9]) */
#define CONT '\x05'   /* a word's unknown ending: some letters, digits or _, maybe none */

struct strs {
	char **v;
	size_t n, cap;
};

/* What the analysis knows of one node: an exact set, or clauses. */
struct info {
	int exact;
	struct strs set;  /* when exact */
	struct strs *cnf; /* when not exact: every clause holds */
	size_t ncnf;
};

struct macro {
	char *name;
	char *regex;
	struct info info;
	int bad; /* its regex could not be analysed */
};

/* How often each word occurs in all the patterns and phrases, to pick the
 * rarest word of a string as its literal. */
struct word {
	char *w;
	uint32_t count;
};

struct clause {
	uint32_t pattern;
	struct strs lits;
};

struct node {
	uint32_t edges; /* index of the first edge in edge_c/edge_to */
	uint16_t nedges;
	uint32_t fail;
	uint32_t dict; /* next node on the fail chain that ends a literal, or 0 */
	int32_t lit;   /* the literal that ends here, or -1 */
};

struct hr_prefilter {
	/* Building. */
	struct macro *macros;
	size_t nmacros;
	struct clause *clauses;
	size_t nclauses;
	char **sources; /* the patterns, analysed by hr_prefilter_build */
	uint16_t *need; /* clauses each pattern needs */
	size_t npatterns, cap_patterns;
	struct word *words;
	size_t nwords_counted;
	/* Built. */
	uint64_t *always; /* patterns with no clause */
	size_t nwords;
	uint32_t *clause_pattern;
	uint32_t nlits;
	uint32_t *post_start; /* literal -> its clauses in post[] */
	uint32_t *post;
	struct node *nodes;
	size_t nnodes;
	unsigned char *edge_c;
	uint32_t *edge_to;
	uint32_t root_next[128];
};

struct hr_prefilter_scratch {
	uint32_t gen;
	uint32_t *lit_gen, *clause_gen, *pat_gen;
	uint16_t *have;
	size_t nlits, nclauses, npatterns;
};

/* ---- string sets ---- */

static void strs_free(struct strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int strs_add(struct strs *s, const char *p, size_t n)
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strs_unique(struct strs *s)
{
	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(char *), cmp_str);
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

static void info_free(struct info *a)
{
	strs_free(&a->set);
	for (size_t i = 0; i < a->ncnf; i++)
		strs_free(&a->cnf[i]);
	free(a->cnf);
	memset(a, 0, sizeof(*a));
}

/* The node matches only the empty string (an anchor, a lookaround). */
static int info_empty(struct info *a)
{
	memset(a, 0, sizeof(*a));
	a->exact = 1;
	return strs_add(&a->set, "", 0);
}

/* The node matches one character C, or (an EDGE_* placeholder) only the
 * empty string at an assertion. */
static int info_char(struct info *a, char c)
{
	memset(a, 0, sizeof(*a));
	a->exact = 1;
	return strs_add(&a->set, &c, 1);
}

/* Appends CLAUSE (taken) to A's clauses. */
static int cnf_push(struct info *a, struct strs *clause)
{
	struct strs *v = realloc(a->cnf, (a->ncnf + 1) * sizeof(*v));
	if (!v) {
		strs_free(clause);
		return -ENOMEM;
	}
	a->cnf = v;
	a->cnf[a->ncnf++] = *clause;
	memset(clause, 0, sizeof(*clause));
	return 0;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
		int a = is_alnum(*c);
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

/* How often the word W[0..N) occurs (0 when never). */
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
	return f ? f->count : 0;
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
			while (e < len && is_alnum((unsigned char)s[e]))
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
		if (strs_add(out, best, bl)) {
			strs_free(out);
			return -ENOMEM;
		}
	}
	strs_unique(out);
	return 1;
}

/* Higher is more selective: longer shortest literal first, then fewer literals. */
static long clause_score(const struct strs *c)
{
	return (long)strs_minlen(c) * 100000 - (long)c->n;
}

/* Moves A's requirements into clauses of R (an exact A becomes one clause). */
static int absorb(const hr_prefilter *pf, struct info *r, struct info *a)
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
	info_free(a);
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
			if (strs_add(out, buf, la + lb)) {
				strs_free(out);
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

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
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
	return is_alnum((unsigned char)c) || c == '_';
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
					members[nm++] = (char)lower(x);
			}
			continue;
		}
		*word &= is_word_byte(c);
		if (nm >= 8)
			unknown = 1;
		else
			members[nm++] = (char)lower(c);
	}
	if (unknown || nm == 0) {
		if (unknown && *word)
			p->oom |= info_char(out, CONT) != 0;
		return;
	}
	out->exact = 1;
	for (size_t k = 0; k < nm; k++) {
		if (strs_add(&out->set, &members[k], 1)) {
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
		info_free(&inner);
		return;
	}
	if (peek(p) != ')') {
		info_free(&inner);
		p->bail = 1;
		return;
	}
	p->i++;
	if (lookaround) {
		/* Zero-width: what it looks at is not part of the match. */
		info_free(&inner);
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
		if (strs_add(&out->set, a->set.v[i], strlen(a->set.v[i])))
			goto fail;
	}
	for (size_t i = 0; i < a->ncnf; i++) {
		struct strs c = {0};
		for (size_t k = 0; k < a->cnf[i].n; k++) {
			if (strs_add(&c, a->cnf[i].v[k], strlen(a->cnf[i].v[k]))) {
				strs_free(&c);
				goto fail;
			}
		}
		if (cnf_push(out, &c))
			goto fail;
	}
	return 0;
fail:
	info_free(out);
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
		p->oom |= info_char(out, (char)lower(c)) != 0;
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
			p->oom |= strs_add(&a->set, "", 0) != 0;
			strs_unique(&a->set);
			return;
		}
		info_free(a);
		return;
	}
	/* At least once: whatever one repetition requires still holds. */
	struct info r = {0};
	p->oom |= absorb(p->pf, &r, a) != 0;
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
	if (strs_add(&run, "", 0)) {
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
			info_free(&a);
			break;
		}
		if (a.exact) {
			struct strs next;
			int rc = product(&run, &a.set, &next);
			if (rc < 0) {
				p->oom = 1;
				info_free(&a);
				break;
			}
			if (rc == 0) {
				strs_free(&run);
				run = next;
				info_free(&a);
				continue;
			}
			/* Too many: the run so far becomes a clause; A starts anew. */
			struct info old = {.exact = 1, .set = run};
			p->oom |= absorb(p->pf, &res, &old) != 0;
			run = a.set;
			memset(&a.set, 0, sizeof(a.set));
			info_free(&a);
			all_exact = 0;
			continue;
		}
		struct info old = {.exact = 1, .set = run};
		p->oom |= absorb(p->pf, &res, &old) != 0;
		p->oom |= absorb(p->pf, &res, &a) != 0;
		memset(&run, 0, sizeof(run));
		p->oom |= strs_add(&run, "", 0) != 0;
		all_exact = 0;
	}
	if (p->bail || p->oom) {
		strs_free(&run);
		info_free(&res);
		return;
	}
	if (all_exact) {
		out->exact = 1;
		out->set = run;
		return;
	}
	struct info old = {.exact = 1, .set = run};
	p->oom |= absorb(p->pf, &res, &old) != 0;
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
		if (!best || clause_score(&a->cnf[i]) > clause_score(best))
			best = &a->cnf[i];
	}
	if (!best)
		return 0;
	for (size_t k = 0; k < best->n; k++) {
		if (strs_add(out, best->v[k], strlen(best->v[k]))) {
			strs_free(out);
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
				p->oom |= strs_add(&out->set, br[i].set.v[k], strlen(br[i].set.v[k])) != 0;
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
			strs_free(&u);
			goto out;
		}
		for (size_t k = 0; k < c.n && !p->oom; k++)
			p->oom |= strs_add(&u, c.v[k], strlen(c.v[k])) != 0;
		strs_free(&c);
	}
	strs_unique(&u);
	p->oom |= cnf_push(out, &u) != 0;
out:
	for (size_t i = 0; i < nbr; i++)
		info_free(&br[i]);
	free(br);
}

/* Analyses SRC into OUT; returns 0, 1 when the syntax is not followed, or -ENOMEM. */
static int analyse(const hr_prefilter *pf, const char *src, struct info *out)
{
	struct parser p = {.pf = pf, .s = src, .n = strlen(src)};
	parse_alt(&p, out);
	if (!p.oom && !p.bail && p.i != p.n)
		p.bail = 1; /* an unbalanced ')' */
	if (p.oom || p.bail) {
		info_free(out);
		return p.oom ? -ENOMEM : 1;
	}
	return 0;
}

/* ---- building ---- */

hr_prefilter *hr_prefilter_new(void)
{
	return calloc(1, sizeof(hr_prefilter));
}

void hr_prefilter_free(hr_prefilter *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nmacros; i++) {
		free(pf->macros[i].name);
		free(pf->macros[i].regex);
		info_free(&pf->macros[i].info);
	}
	free(pf->macros);
	for (size_t i = 0; pf->clauses && i < pf->nclauses; i++)
		strs_free(&pf->clauses[i].lits);
	free(pf->clauses);
	for (size_t i = 0; pf->sources && i < pf->npatterns; i++)
		free(pf->sources[i]);
	free(pf->sources);
	for (size_t i = 0; i < pf->nwords_counted; i++)
		free(pf->words[i].w);
	free(pf->words);
	free(pf->need);
	free(pf->always);
	free(pf->clause_pattern);
	free(pf->post_start);
	free(pf->post);
	free(pf->nodes);
	free(pf->edge_c);
	free(pf->edge_to);
	free(pf);
}

int hr_prefilter_define(hr_prefilter *pf, const char *name, const char *regex)
{
	struct macro *v = realloc(pf->macros, (pf->nmacros + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	pf->macros = v;
	struct macro *m = &pf->macros[pf->nmacros];
	memset(m, 0, sizeof(*m));
	m->name = strdup(name);
	m->regex = strdup(regex);
	if (!m->name || !m->regex) {
		free(m->name);
		free(m->regex);
		return -ENOMEM;
	}
	pf->nmacros++;
	return 0;
}

static int cmp_clause_score(const void *a, const void *b)
{
	long x = clause_score(a), y = clause_score(b);
	return x > y ? -1 : x < y;
}

int hr_prefilter_add(hr_prefilter *pf, const char *source)
{
	if (pf->npatterns == pf->cap_patterns) {
		size_t cap = pf->cap_patterns ? pf->cap_patterns * 2 : 64;
		uint16_t *v = realloc(pf->need, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		pf->need = v;
		char **sv = realloc(pf->sources, cap * sizeof(*sv));
		if (!sv)
			return -ENOMEM;
		pf->sources = sv;
		pf->cap_patterns = cap;
	}
	if (!(pf->sources[pf->npatterns] = strdup(source)))
		return -ENOMEM;
	pf->need[pf->npatterns++] = 0;
	return 0;
}

/* Analyses pattern ID into its clauses (none: always tried). */
static int analyse_pattern(hr_prefilter *pf, uint32_t id)
{
	struct info a;
	int rc = analyse(pf, pf->sources[id], &a);
	if (rc)
		return rc < 0 ? rc : 0;
	struct info r = {0};
	if (absorb(pf, &r, &a))
		return -ENOMEM;
	if (r.ncnf > 1) /* qsort's array may not be NULL, even when empty */
		qsort(r.cnf, r.ncnf, sizeof(*r.cnf), cmp_clause_score);
	size_t keep = r.ncnf < MAX_CLAUSES ? r.ncnf : MAX_CLAUSES;
	struct clause *v = keep ? realloc(pf->clauses, (pf->nclauses + keep) * sizeof(*v)) : pf->clauses;
	if (!v && keep) {
		info_free(&r);
		return -ENOMEM;
	}
	pf->clauses = v;
	for (size_t i = 0; i < keep; i++) {
		pf->clauses[pf->nclauses].pattern = id;
		pf->clauses[pf->nclauses].lits = r.cnf[i];
		memset(&r.cnf[i], 0, sizeof(r.cnf[i]));
		pf->nclauses++;
	}
	pf->need[id] = (uint16_t)keep;
	info_free(&r);
	return 0;
}

/* Counts the words of every macro and pattern (letters and digits, lower
 * case; an escaped character ends a word). */
static int count_words(hr_prefilter *pf)
{
	struct strs all = {0};
	for (size_t i = 0; i < pf->nmacros + pf->npatterns; i++) {
		const char *src = i < pf->nmacros ? pf->macros[i].regex : pf->sources[i - pf->nmacros];
		for (const char *c = src; *c;) {
			if (*c == '\\' && c[1]) {
				c += 2;
				continue;
			}
			if (!is_alnum((unsigned char)*c)) {
				c++;
				continue;
			}
			char w[EXACT_LEN + 1];
			size_t n = 0;
			while (is_alnum((unsigned char)*c)) {
				if (n < EXACT_LEN)
					w[n++] = (char)lower((unsigned char)*c);
				c++;
			}
			if (strs_add(&all, w, n)) {
				strs_free(&all);
				return -ENOMEM;
			}
		}
	}
	qsort(all.v, all.n, sizeof(char *), cmp_str);
	pf->words = malloc((all.n ? all.n : 1) * sizeof(*pf->words));
	if (!pf->words) {
		strs_free(&all);
		return -ENOMEM;
	}
	for (size_t i = 0; i < all.n; i++) {
		if (pf->nwords_counted && strcmp(pf->words[pf->nwords_counted - 1].w, all.v[i]) == 0) {
			pf->words[pf->nwords_counted - 1].count++;
			free(all.v[i]);
		} else {
			pf->words[pf->nwords_counted].w = all.v[i];
			pf->words[pf->nwords_counted++].count = 1;
		}
	}
	free(all.v);
	return 0;
}

/* Analyses every macro, then every pattern. */
static int analyse_all(hr_prefilter *pf)
{
	int rc = count_words(pf);
	for (size_t i = 0; i < pf->nmacros && !rc; i++) {
		rc = analyse(pf, pf->macros[i].regex, &pf->macros[i].info);
		pf->macros[i].bad = rc == 1;
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; i < pf->npatterns && !rc; i++)
		rc = analyse_pattern(pf, (uint32_t)i);
	return rc;
}

struct pair {
	const char *lit;
	uint32_t clause;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->lit, y->lit);
	return c ? c : (x->clause > y->clause) - (x->clause < y->clause);
}

/* Builder trie: first-child / next-sibling lists, turned into arrays later. */
struct tnode {
	uint32_t child, sibling;
	unsigned char c;
};

static uint32_t find_edge(const hr_prefilter *pf, uint32_t node, unsigned char c)
{
	if (node == 0)
		return pf->root_next[c];
	const struct node *n = &pf->nodes[node];
	for (uint32_t k = 0; k < n->nedges; k++) {
		if (pf->edge_c[n->edges + k] == c)
			return pf->edge_to[n->edges + k];
	}
	return 0;
}

int hr_prefilter_build(hr_prefilter *pf)
{
	int rc = analyse_all(pf);
	if (rc)
		return rc;
	rc = -ENOMEM;
	struct pair *pairs = NULL;
	struct tnode *t = NULL;
	uint32_t *queue = NULL;
	size_t npairs = 0;
	for (size_t i = 0; i < pf->nclauses; i++)
		npairs += pf->clauses[i].lits.n;

	pf->nwords = (pf->npatterns + 63) / 64;
	pf->always = calloc(pf->nwords ? pf->nwords : 1, sizeof(uint64_t));
	pf->clause_pattern = malloc((pf->nclauses ? pf->nclauses : 1) * sizeof(uint32_t));
	pairs = malloc((npairs ? npairs : 1) * sizeof(*pairs));
	if (!pf->always || !pf->clause_pattern || !pairs)
		goto out;
	for (size_t p = 0; p < pf->npatterns; p++) {
		if (pf->need[p] == 0)
			pf->always[p / 64] |= (uint64_t)1 << (p % 64);
	}
	size_t k = 0, chars = 1;
	for (size_t i = 0; i < pf->nclauses; i++) {
		pf->clause_pattern[i] = pf->clauses[i].pattern;
		for (size_t j = 0; j < pf->clauses[i].lits.n; j++) {
			pairs[k].lit = pf->clauses[i].lits.v[j];
			pairs[k++].clause = (uint32_t)i;
			chars += strlen(pf->clauses[i].lits.v[j]);
		}
	}
	qsort(pairs, npairs, sizeof(*pairs), cmp_pair);

	/* Literal ids in sorted order, and their posting lists. */
	pf->nlits = 0;
	for (size_t i = 0; i < npairs; i++) {
		if (i == 0 || strcmp(pairs[i].lit, pairs[i - 1].lit) != 0)
			pf->nlits++;
	}
	pf->post_start = malloc((pf->nlits + 1) * sizeof(uint32_t));
	pf->post = malloc((npairs ? npairs : 1) * sizeof(uint32_t));
	t = calloc(chars, sizeof(*t));
	pf->nodes = calloc(chars, sizeof(*pf->nodes));
	if (!pf->post_start || !pf->post || !t || !pf->nodes)
		goto out;
	pf->nnodes = 1;
	pf->nodes[0].lit = -1;
	uint32_t lit = 0;
	for (size_t i = 0; i < npairs; i++) {
		pf->post[i] = pairs[i].clause;
		if (i > 0 && strcmp(pairs[i].lit, pairs[i - 1].lit) == 0)
			continue;
		pf->post_start[lit] = (uint32_t)i;
		/* Insert the literal into the trie. */
		uint32_t n = 0;
		for (const unsigned char *c = (const unsigned char *)pairs[i].lit; *c; c++) {
			uint32_t ch = t[n].child;
			while (ch && t[ch].c != *c)
				ch = t[ch].sibling;
			if (!ch) {
				ch = (uint32_t)pf->nnodes++;
				t[ch].c = *c;
				t[ch].sibling = t[n].child;
				t[n].child = ch;
				pf->nodes[ch].lit = -1;
			}
			n = ch;
		}
		pf->nodes[n].lit = (int32_t)lit++;
	}
	pf->post_start[pf->nlits] = (uint32_t)npairs;

	/* Edges as arrays; the root's as a table. */
	pf->edge_c = malloc(pf->nnodes);
	pf->edge_to = malloc(pf->nnodes * sizeof(uint32_t));
	queue = malloc(pf->nnodes * sizeof(uint32_t));
	if (!pf->edge_c || !pf->edge_to || !queue)
		goto out;
	uint32_t ne = 0;
	for (size_t n = 0; n < pf->nnodes; n++) {
		pf->nodes[n].edges = ne;
		for (uint32_t ch = t[n].child; ch; ch = t[ch].sibling) {
			pf->edge_c[ne] = t[ch].c;
			pf->edge_to[ne++] = ch;
			pf->nodes[n].nedges++;
			if (n == 0 && t[ch].c < 128)
				pf->root_next[t[ch].c] = ch;
		}
	}

	/* Failure and output links, breadth first. */
	size_t qh = 0, qt = 0;
	for (uint32_t ch = t[0].child; ch; ch = t[ch].sibling) {
		pf->nodes[ch].fail = 0;
		queue[qt++] = ch;
	}
	while (qh < qt) {
		uint32_t n = queue[qh++];
		for (uint32_t ch = t[n].child; ch; ch = t[ch].sibling) {
			uint32_t f = pf->nodes[n].fail;
			uint32_t to;
			while ((to = find_edge(pf, f, t[ch].c)) == 0 && f != 0)
				f = pf->nodes[f].fail;
			pf->nodes[ch].fail = to;
			pf->nodes[ch].dict = pf->nodes[to].lit >= 0 ? to : pf->nodes[to].dict;
			queue[qt++] = ch;
		}
	}
	rc = 0;
out:
	/* The literal strings are not needed to match; only the automaton is. */
	for (size_t i = 0; i < pf->nclauses; i++)
		strs_free(&pf->clauses[i].lits);
	free(pf->clauses);
	pf->clauses = NULL;
	for (size_t i = 0; i < pf->nmacros; i++) {
		free(pf->macros[i].name);
		free(pf->macros[i].regex);
		info_free(&pf->macros[i].info);
	}
	free(pf->macros);
	pf->macros = NULL;
	pf->nmacros = 0;
	for (size_t i = 0; i < pf->npatterns; i++)
		free(pf->sources[i]);
	free(pf->sources);
	pf->sources = NULL;
	for (size_t i = 0; i < pf->nwords_counted; i++)
		free(pf->words[i].w);
	free(pf->words);
	pf->words = NULL;
	pf->nwords_counted = 0;
	free(pairs);
	free(t);
	free(queue);
	if (pf->nodes && pf->nnodes) {
		struct node *shrunk = realloc(pf->nodes, pf->nnodes * sizeof(*pf->nodes));
		if (shrunk)
			pf->nodes = shrunk;
	}
	return rc;
}

/* ---- matching ---- */

hr_prefilter_scratch *hr_prefilter_scratch_new(const hr_prefilter *pf)
{
	hr_prefilter_scratch *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->nlits = pf->nlits;
	s->nclauses = pf->nclauses;
	s->npatterns = pf->npatterns;
	s->lit_gen = calloc(pf->nlits + 1, sizeof(uint32_t));
	s->clause_gen = calloc(pf->nclauses + 1, sizeof(uint32_t));
	s->pat_gen = calloc(pf->npatterns + 1, sizeof(uint32_t));
	s->have = calloc(pf->npatterns + 1, sizeof(uint16_t));
	if (!s->lit_gen || !s->clause_gen || !s->pat_gen || !s->have) {
		hr_prefilter_scratch_free(s);
		return NULL;
	}
	return s;
}

void hr_prefilter_scratch_free(hr_prefilter_scratch *s)
{
	if (!s)
		return;
	free(s->lit_gen);
	free(s->clause_gen);
	free(s->pat_gen);
	free(s->have);
	free(s);
}

/* Literal LIT occurs in the text: count the clauses it satisfies. */
static void hit(const hr_prefilter *pf, hr_prefilter_scratch *s, uint32_t lit, uint64_t *bits)
{
	uint32_t g = s->gen;
	if (s->lit_gen[lit] == g)
		return;
	s->lit_gen[lit] = g;
	for (uint32_t k = pf->post_start[lit]; k < pf->post_start[lit + 1]; k++) {
		uint32_t c = pf->post[k];
		if (s->clause_gen[c] == g)
			continue;
		s->clause_gen[c] = g;
		uint32_t p = pf->clause_pattern[c];
		if (s->pat_gen[p] != g) {
			s->pat_gen[p] = g;
			s->have[p] = 0;
		}
		if (++s->have[p] == pf->need[p])
			bits[p / 64] |= (uint64_t)1 << (p % 64);
	}
}

/* Feeds C to the automaton in STATE and reports the literals that end there. */
static uint32_t step(const hr_prefilter *pf, hr_prefilter_scratch *s, uint32_t state, unsigned char c,
                     uint64_t *bits)
{
	uint32_t to;
	while ((to = find_edge(pf, state, c)) == 0 && state != 0)
		state = pf->nodes[state].fail;
	for (uint32_t o = pf->nodes[to].lit >= 0 ? to : pf->nodes[to].dict; o; o = pf->nodes[o].dict)
		hit(pf, s, (uint32_t)pf->nodes[o].lit, bits);
	return to;
}

int hr_prefilter_run(const hr_prefilter *pf, hr_prefilter_scratch *s, const char *text, size_t len,
                     uint64_t *bits)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x80 || c <= CONT)
			return 1;
	}
	if (++s->gen == 0) {
		memset(s->lit_gen, 0, (s->nlits + 1) * sizeof(uint32_t));
		memset(s->clause_gen, 0, (s->nclauses + 1) * sizeof(uint32_t));
		memset(s->pat_gen, 0, (s->npatterns + 1) * sizeof(uint32_t));
		s->gen = 1;
	}
	for (size_t w = 0; w < pf->nwords; w++)
		bits[w] |= pf->always[w];
	uint32_t state = 0;
	int prev_alnum = 0;
	for (size_t i = 0; i <= len; i++) {
		int a = i < len && is_alnum((unsigned char)text[i]);
		if (a != prev_alnum) {
			state = step(pf, s, state, MARK, bits);
			prev_alnum = a;
		}
		if (i < len)
			state = step(pf, s, state, (unsigned char)lower((unsigned char)text[i]), bits);
	}
	return 0;
}
