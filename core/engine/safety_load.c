/*
 * The safety layer, reading the rules file: the spelling index (step 0 of
 * safety.c's comment) and the ruleset, parsed once and shared by every
 * instance; each instance compiles its own PCRE2 code. See safety.c.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety.h"

#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "prefilter.h"
#include "safety_rules.h"
#include "text.h"

#include "safety_int.h"

/* ------------------------------------------------------------------------- */
/* Spelling. */

/* Words shorter than this are never corrected: too many real words are one
 * letter from a short one ("dye" and "die"). */
#define SPELL_MIN 5

/* The spelling targets, found by their first two letters or their last two:
 * one slip in a word of five or more letters leaves one of the two intact. */
struct spelling {
	const char **targets; /* the file's words, in file order */
	uint8_t *target_len;
	size_t ntargets;
	uint16_t *by_head[26 * 26], *by_tail[26 * 26]; /* target indices, ending in UINT16_MAX */
	const char **keep;                             /* sorted: real words left alone */
	size_t nkeep;
	const char **fix_from; /* sorted with FIX_TO: explicit fixes */
	const char **fix_to;
	size_t nfix;
};

static void spelling_free(struct spelling *sp)
{
	if (!sp)
		return;
	for (size_t i = 0; i < 26 * 26; i++) {
		free(sp->by_head[i]);
		free(sp->by_tail[i]);
	}
	free(sp->targets);
	free(sp->target_len);
	free(sp->keep);
	for (size_t i = 0; i < sp->nfix; i++)
		free((char *)sp->fix_from[i]);
	free(sp->fix_from);
	free(sp->fix_to);
	free(sp);
}

static int is_lower_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	}
	return 1;
}

static int pair_of(char a, char b)
{
	return (a - 'a') * 26 + (b - 'a');
}

static int push_index(uint16_t **v, uint16_t idx)
{
	size_t n = 0;
	while (*v && (*v)[n] != UINT16_MAX)
		n++;
	uint16_t *nv = realloc(*v, (n + 2) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	nv[n] = idx;
	nv[n + 1] = UINT16_MAX;
	*v = nv;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the spell blocks: targets and keep (words), fixes ("wrong = right
 * words" lines). */
static int spelling_build(const struct hr_srules *file, const char *path, hr_diag_fn diag, void *ud,
                          struct spelling **out)
{
	struct spelling *sp = calloc(1, sizeof(*sp));
	int err = 0;
	*out = NULL;
	if (!sp)
		return -ENOMEM;
	for (size_t i = 0; i < file->nblocks; i++) {
		const struct hr_srules_block *b = &file->blocks[i];
		if (b->kind != HR_SRULES_SPELL)
			continue;
		if (strcmp(b->name, "targets") == 0 || strcmp(b->name, "keep") == 0) {
			int targets = b->name[0] == 't';
			const char ***v = targets ? &sp->targets : &sp->keep;
			size_t *n = targets ? &sp->ntargets : &sp->nkeep;
			const char **nv = realloc(*v, (*n + b->nwords + 1) * sizeof(*nv));
			if (!nv) {
				err = -ENOMEM;
				break;
			}
			*v = nv;
			for (size_t k = 0; k < b->nwords; k++) {
				const char *w = b->words[k];
				size_t wl = strlen(w);
				if (!is_lower_word(w, wl) || wl < 4 || (targets && *n >= UINT16_MAX - 1)) {
					hr_diagf(diag, ud, path, b->line,
					         "spell %s: '%s' is not a word of four or more letters a-z",
					         b->name, w);
					err = -EINVAL;
					continue;
				}
				nv[(*n)++] = w;
			}
		} else if (strcmp(b->name, "fixes") == 0) {
			size_t n = b->nlines;
			sp->fix_from = calloc(n + 1, sizeof(*sp->fix_from));
			sp->fix_to = calloc(n + 1, sizeof(*sp->fix_to));
			if (!sp->fix_from || !sp->fix_to) {
				err = -ENOMEM;
				break;
			}
			for (size_t k = 0; k < n; k++) {
				const char *line = b->lines[k];
				const char *eq = strstr(line, " = ");
				if (!eq || strchr(line, ' ') != eq ||
				    !is_lower_word(line, (size_t)(eq - line)) || !eq[3]) {
					hr_diagf(diag, ud, path, b->line_nos[k],
					         "spell fixes: expected 'wrong = right words', got '%s'",
					         line);
					err = -EINVAL;
					continue;
				}
				if (!(sp->fix_from[sp->nfix] = strndup(line, (size_t)(eq - line)))) {
					err = -ENOMEM;
					break;
				}
				sp->fix_to[sp->nfix++] = eq + 3;
			}
		} else {
			hr_diagf(diag, ud, path, b->line, "unknown spell block '%s' (targets, keep, fixes)",
			         b->name);
			err = -EINVAL;
		}
	}
	if (!err && !(sp->target_len = calloc(sp->ntargets + 1, 1)))
		err = -ENOMEM;
	if (!err) {
		for (size_t i = 0; i < sp->ntargets && !err; i++) {
			const char *t = sp->targets[i];
			size_t n = strlen(t);
			sp->target_len[i] = (uint8_t)(n < 255 ? n : 255);
			err = push_index(&sp->by_head[pair_of(t[0], t[1])], (uint16_t)i);
			if (!err)
				err = push_index(&sp->by_tail[pair_of(t[n - 2], t[n - 1])], (uint16_t)i);
		}
		if (sp->keep)
			qsort(sp->keep, sp->nkeep, sizeof(*sp->keep), cmp_str);
		/* Sort the fixes by their wrong word, keeping each pair together. */
		for (size_t i = 1; i < sp->nfix; i++) {
			for (size_t j = i; j > 0 && strcmp(sp->fix_from[j - 1], sp->fix_from[j]) > 0; j--) {
				const char *f = sp->fix_from[j], *t = sp->fix_to[j];
				sp->fix_from[j] = sp->fix_from[j - 1];
				sp->fix_to[j] = sp->fix_to[j - 1];
				sp->fix_from[j - 1] = f;
				sp->fix_to[j - 1] = t;
			}
		}
	}
	if (err) {
		spelling_free(sp);
		return err;
	}
	*out = sp;
	return 0;
}

/* Whether A[0..LA) is exactly one letter dropped, added, changed or swapped
 * from B[0..LB). */
static int one_slip(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;
	if (la == lb) {
		while (i < la && a[i] == b[i])
			i++;
		if (i == la)
			return 0; /* the same word */
		if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
	}
	if (la == lb + 1 || lb == la + 1) {
		const char *lo = la < lb ? a : b, *hi = la < lb ? b : a;
		size_t ln = la < lb ? la : lb;
		while (i < ln && lo[i] == hi[i])
			i++;
		return memcmp(lo + i, hi + i + 1, ln - i) == 0;
	}
	return 0;
}

/* Looks W[0..N) up in the sorted array V of C strings. */
static long find_word(const char *const *v, size_t nv, const char *w, size_t n)
{
	size_t lo = 0, hi = nv;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(v[mid], w, n);
		if (c == 0 && v[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The target word W[0..N) is a slip from, or NULL (it is a target, a kept
 * word, or no target is one slip away). */
static const char *spelling_target(const struct spelling *sp, const char *w, size_t n)
{
	if (n < SPELL_MIN || n > 40 || !is_lower_word(w, n))
		return NULL;
	const uint16_t *lists[2] = {sp->by_head[pair_of(w[0], w[1])],
	                            sp->by_tail[pair_of(w[n - 2], w[n - 1])]};
	const char *best = NULL;
	size_t besti = SIZE_MAX;
	for (int k = 0; k < 2; k++) {
		for (const uint16_t *p = lists[k]; p && *p != UINT16_MAX; p++) {
			const char *t = sp->targets[*p];
			size_t tl = sp->target_len[*p];
			if (tl + 1 < n || tl > n + 1)
				continue;
			if (tl == n && memcmp(t, w, n) == 0)
				return NULL; /* already a target */
			if (*p < besti && one_slip(w, n, t, tl)) {
				best = t;
				besti = *p;
			}
		}
	}
	if (best && find_word(sp->keep, sp->nkeep, w, n) >= 0)
		return NULL;
	return best;
}

/*
 * Writes TEXT with its misspellings corrected to *BUF (capacity *CAP, grown
 * with realloc when a long message needs it). On failure to grow, the text
 * is used as it is. Returns the text to check.
 */
const char *sf_spelling_fix(const struct spelling *sp, const char *text, char **buf, size_t *cap)
{
	size_t len = strlen(text), o = 0;
	if (!sp || (!sp->ntargets && !sp->nfix))
		return text;
	const char *p = text;
	while (*p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		const char *rep = NULL;
		long f = find_word(sp->fix_from, sp->nfix, w, n);
		if (f >= 0)
			rep = sp->fix_to[f];
		else
			rep = spelling_target(sp, w, n);
		const char *src = rep ? rep : w;
		size_t sn = rep ? strlen(rep) : n;
		/* Room for this word, a space and the NUL. */
		if (o + sn + 2 > *cap) {
			size_t ncap = (o + sn + 2 + (len - (size_t)(w - text))) * 2;
			char *nb = realloc(*buf, ncap);
			if (!nb)
				return text;
			*buf = nb;
			*cap = ncap;
		}
		if (o > 0)
			(*buf)[o++] = ' ';
		memcpy(*buf + o, src, sn);
		o += sn;
	}
	if (!*buf)
		return text;
	(*buf)[o] = '\0';
	return *buf;
}

/* ------------------------------------------------------------------------- */
/* Reading the rules file. */

static int index_of(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

static void spelling_free(struct spelling *sp);
static int spelling_build(const struct hr_srules *file, const char *path, hr_diag_fn diag, void *ud,
                          struct spelling **out);

static void ruleset_free(struct ruleset *rs)
{
	if (!rs)
		return;
	hr_prefilter_free(rs->pf);
	spelling_free(rs->spell);
	for (size_t i = 0; i < NLISTS; i++)
		free(rs->lists[i]);
	free(rs->rules);
	for (size_t i = 0; rs->ctx && i < rs->nctx; i++)
		free(rs->ctx[i].alts);
	free(rs->ctx);
	free(rs->decisions);
	hr_srules_free(rs->file);
	free(rs);
}

/* The source of pattern ID, numbered as in the prefilter. */
static const char *pattern_src(const struct ruleset *rs, size_t id)
{
	if (id < rs->nrules)
		return rs->rules[id].src;
	id -= rs->nrules;
	if (id < rs->nctx)
		return rs->ctx[id].src;
	return rs->decisions[id - rs->nctx].src;
}

/*
 * Finds the top-level alternatives of the pattern P[0..N) into AT (start and
 * end pairs, at most CAP). Returns how many, or 0 when an alternative run
 * alone could read differently from the same alternative inside the whole:
 * a capture (its number, and a back reference to it), an option setting
 * (it reaches the alternatives after it), a verb, \K, \G, \Q, a comment,
 * a recursion; or when the parentheses do not balance.
 */
static size_t top_alternatives(const char *p, size_t n, uint32_t *at, size_t cap)
{
	size_t k = 0, depth = 0, start = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\\') {
			if (i + 1 >= n || strchr("KGQEgk123456789", p[i + 1]))
				return 0;
			i++;
		} else if (c == '[') {
			i += i + 1 < n && p[i + 1] == '^' ? 2 : 1;
			if (i < n && p[i] == ']')
				i++;
			while (i < n && p[i] != ']') {
				if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
					const char *e = strstr(p + i, ":]");
					i = e && (size_t)(e - p) < n ? (size_t)(e - p) + 1 : n;
				} else if (p[i] == '\\') {
					i++;
				}
				i++;
			}
			if (i >= n)
				return 0;
		} else if (c == '(') {
			/* Only (?: (?= (?! (?<= (?<! (?> (?| open a group here. */
			char d = i + 2 < n && p[i + 1] == '?' ? p[i + 2] : 0;
			char e = i + 3 < n ? p[i + 3] : 0;
			if (!d || !(strchr(":=!>|", d) || (d == '<' && e && strchr("=!", e))))
				return 0;
			depth++;
		} else if (c == ')') {
			if (!depth)
				return 0;
			depth--;
		} else if (c == '|' && !depth) {
			if (k == cap)
				return 0;
			at[2 * k] = (uint32_t)start;
			at[2 * k++ + 1] = (uint32_t)i;
			start = i + 1;
		}
	}
	if (depth || k == cap)
		return 0;
	at[2 * k] = (uint32_t)start;
	at[2 * k++ + 1] = (uint32_t)n;
	return k;
}

/* A context of fewer alternatives runs whole: splitting it saves little.
 * Splitting only those of 1,000 bytes or more saved less (twelfth round). */
#define MIN_CTX_ALTS 8
#define MAX_CTX_ALTS 512

/*
 * Splits context X into its alternatives (struct context): the lines of the
 * context block, and within a line written "\b(?:A|B|...)\b" each of A, B,
 * ... between the same edges. "\b(?:A|B)\b" matches at a place exactly when
 * "\b(?:A)\b" or "\b(?:B)\b" does, so the context occurs exactly when one
 * of them does. A context with syntax top_alternatives refuses, or with few
 * alternatives, is not split. Returns 0 or -ENOMEM.
 */
static int ctx_alternatives(struct context *x)
{
	uint32_t lines[2 * MAX_CTX_ALTS], inner[2 * MAX_CTX_ALTS];
	struct ctx_alt alts[MAX_CTX_ALTS];
	size_t n = 0, len = strlen(x->src);
	size_t nl = len < UINT32_MAX ? top_alternatives(x->src, len, lines, MAX_CTX_ALTS) : 0;
	for (size_t i = 0; i < nl; i++) {
		const char *a = x->src + lines[2 * i];
		size_t al = lines[2 * i + 1] - lines[2 * i], ni = 0;
		if (al > 10 && strncmp(a, "\\b(?:", 5) == 0 && strncmp(a + al - 3, ")\\b", 3) == 0)
			ni = top_alternatives(a + 5, al - 8, inner, MAX_CTX_ALTS);
		for (size_t k = 0; k < ni && n < MAX_CTX_ALTS; k++)
			alts[n++] = (struct ctx_alt){lines[2 * i] + 5 + inner[2 * k],
			                             inner[2 * k + 1] - inner[2 * k], 1};
		if (!ni && n < MAX_CTX_ALTS)
			alts[n++] = (struct ctx_alt){lines[2 * i], (uint32_t)al, 0};
	}
	if (n < MIN_CTX_ALTS || n == MAX_CTX_ALTS)
		return 0;
	if (!(x->alts = malloc(n * sizeof(*x->alts))))
		return -ENOMEM;
	memcpy(x->alts, alts, n * sizeof(*alts));
	x->nalts = n;
	return 0;
}

/* The source of alternative K of context X, to compile or analyse (freed by
 * the caller), or NULL when out of memory. */
char *sf_ctx_alt_source(const struct context *x, size_t k)
{
	const struct ctx_alt *a = &x->alts[k];
	char *p = malloc(a->len + 9);
	if (p)
		snprintf(p, a->len + 9, "%s%.*s%s", a->edges ? "\\b(?:" : "", (int)a->len, x->src + a->start,
		         a->edges ? ")\\b" : "");
	return p;
}

/* Reads rule block B into R: TIER GROUP [FLAG|needs=CONTEXT ...]. */
static int load_rule(struct ruleset *rs, const struct hr_srules_block *b, const char *file, hr_diag_fn diag,
                     void *ud, struct rule *r)
{
	int err = 0, k;
	r->name = b->name;
	r->src = b->pattern;
	r->branches = b->branches;
	r->nbranches = b->nbranches;
	if (b->nargs < 2) {
		hr_diagf(diag, ud, file, b->line, "rule %s: expected 'rule NAME TIER GROUP [FLAG...]'",
		         b->name);
		return -EINVAL;
	}
	if ((k = index_of(tier_names, ARRAY_SIZE(tier_names), b->args[0])) <= 0) {
		hr_diagf(diag, ud, file, b->line, "rule %s: unknown tier '%s' (crisis, emergency, call_now)",
		         b->name, b->args[0]);
		err = -EINVAL;
	}
	r->tier = k > 0 ? (enum hr_tier)k : HR_TIER_NONE;
	if ((k = index_of(group_names, G_COUNT, b->args[1])) < 0) {
		hr_diagf(diag, ud, file, b->line, "rule %s: unknown group '%s'", b->name, b->args[1]);
		err = -EINVAL;
	}
	r->group = k >= 0 ? (enum group)k : G_NONE;
	for (size_t i = 2; i < b->nargs; i++) {
		const char *a = b->args[i];
		if (strncmp(a, "needs=", 6) == 0 || strncmp(a, "said=", 5) == 0 ||
		    strncmp(a, "unless=", 7) == 0) {
			const char *cn = strchr(a, '=') + 1;
			size_t c;
			for (c = 0; c < rs->nctx && strcmp(rs->ctx[c].name, cn) != 0; c++)
				;
			if (c == rs->nctx) {
				hr_diagf(diag, ud, file, b->line, "rule %s: no context named '%s'", b->name,
				         cn);
				err = -EINVAL;
			} else if (r->nneeds == MAX_NEEDS || r->nunless == MAX_NEEDS) {
				hr_diagf(diag, ud, file, b->line, "rule %s: more than %d needs or unless",
				         b->name, MAX_NEEDS);
				err = -EINVAL;
			} else if (a[0] == 'u') {
				r->unless[r->nunless++] = c;
			} else {
				r->said[r->nneeds] = a[0] == 's';
				r->needs[r->nneeds++] = c;
			}
			continue;
		}
		size_t f;
		for (f = 0; f < ARRAY_SIZE(flag_names) && strcmp(flag_names[f].name, a) != 0; f++)
			;
		if (f == ARRAY_SIZE(flag_names)) {
			hr_diagf(diag, ud, file, b->line,
			         "rule %s: unknown flag '%s' (raw, needs=, said=, unless=CONTEXT, "
			         "fever_word, temp_word, "
			         "temp_num, count, two_of, non_ascii)",
			         b->name, a);
			err = -EINVAL;
			continue;
		}
		r->flags |= flag_names[f].flag;
	}
	return err;
}

/* Builds a NULL-terminated array of list block B's words. */
static int load_list(const struct hr_srules_block *b, const char ***out)
{
	const char **v = calloc(b->nwords + 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < b->nwords; i++)
		v[i] = b->words[i];
	*out = v;
	return 0;
}

/*
 * Reads the rules file TEXT (FILE names it in messages) into a ruleset:
 * every name checked, the spelling index and the prefilter built. Problems go
 * to DIAG. Returns 0, -EINVAL or -ENOMEM.
 */
static int ruleset_load(const char *text, const char *file, hr_diag_fn diag, void *ud, struct ruleset **out)
{
	*out = NULL;
	struct ruleset *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	int err = hr_srules_parse(text, file, diag, ud, &rs->file);
	if (err)
		goto fail;
	const struct hr_srules *f = rs->file;
	for (size_t i = 0; i < f->nblocks; i++) {
		rs->nrules += f->blocks[i].kind == HR_SRULES_RULE;
		rs->nctx += f->blocks[i].kind == HR_SRULES_CONTEXT;
		rs->ndecisions += f->blocks[i].kind == HR_SRULES_DECISION;
	}
	err = -ENOMEM;
	rs->rules = calloc(rs->nrules + 1, sizeof(*rs->rules));
	rs->ctx = calloc(rs->nctx + 1, sizeof(*rs->ctx));
	rs->decisions = calloc(rs->ndecisions + 1, sizeof(*rs->decisions));
	if (!rs->rules || !rs->ctx || !rs->decisions)
		goto fail;
	err = 0;

	/* Contexts first: rules name them. */
	size_t n = 0;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		if (b->kind == HR_SRULES_CONTEXT)
			rs->ctx[n++] = (struct context){.name = b->name, .src = b->pattern};
	}
	for (size_t k = 0; k < NKNOWN_CTX; k++) {
		size_t c;
		for (c = 0; c < rs->nctx && strcmp(rs->ctx[c].name, known_ctx_names[k]) != 0; c++)
			;
		if (c == rs->nctx) {
			hr_diagf(diag, ud, file, 0, "no context %s (core/engine/safety.c reads it)",
			         known_ctx_names[k]);
			err = -EINVAL;
		}
		rs->known[k] = c;
	}

	enum hr_tier last = HR_TIER_CRISIS;
	size_t nr = 0, nd = 0;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		int rc = 0;
		if (b->kind == HR_SRULES_RULE) {
			struct rule *r = &rs->rules[nr++];
			rc = load_rule(rs, b, file, diag, ud, r);
			/* The first rule that fires decides, so a lower tier before a
			 * higher one would hide it. */
			if (!rc && r->tier > last) {
				hr_diagf(diag, ud, file, b->line,
				         "rule %s (%s) comes after a %s rule: list rules highest tier first",
				         r->name, tier_names[r->tier], tier_names[last]);
				rc = -EINVAL;
			}
			if (!rc)
				last = r->tier;
		} else if (b->kind == HR_SRULES_DECISION) {
			int k = index_of(decision_names, ARRAY_SIZE(decision_names), b->name);
			if (k <= 0) {
				hr_diagf(
				    diag, ud, file, b->line,
				    "unknown decision '%s' (dose, missed, stop, choose, prognosis, take)",
				    b->name);
				rc = -EINVAL;
			}
			int swap = 0, other = 0;
			for (size_t a = 0; a < b->nargs; a++) {
				if (strcmp(b->args[a], "swap") == 0 && k == HR_DECISION_CHOOSE) {
					swap = 1;
				} else if (strcmp(b->args[a], "other") == 0 && k == HR_DECISION_PROGNOSIS) {
					other = 1;
				} else {
					hr_diagf(diag, ud, file, b->line,
					         "unknown decision flag '%s' (swap, on choose; other, on "
					         "prognosis)",
					         b->args[a]);
					rc = -EINVAL;
				}
			}
			rs->decisions[nd++] = (struct decision_rule){(enum hr_decision)(k > 0 ? k : 0), swap,
			                                             other, b->pattern};
		} else if (b->kind == HR_SRULES_LIST) {
			int k = index_of(list_names, NLISTS, b->name);
			if (k < 0) {
				hr_diagf(diag, ud, file, b->line, "unknown list '%s'", b->name);
				rc = -EINVAL;
			} else {
				rc = load_list(b, &rs->lists[k]);
			}
		}
		if (rc)
			err = err == -ENOMEM ? err : rc;
	}
	for (size_t k = 0; k < NLISTS; k++) {
		if (!rs->lists[k] && err != -ENOMEM) {
			hr_diagf(diag, ud, file, 0, "no list %s (core/engine/safety.c reads it)",
			         list_names[k]);
			err = -EINVAL;
		}
	}
	if (err)
		goto fail;
	if ((err = spelling_build(f, file, diag, ud, &rs->spell)))
		goto fail;

	err = -ENOMEM;
	if (!(rs->pf = hr_prefilter_new()))
		goto fail;
	err = 0;
	for (size_t i = 0; i < NPATTERNS(rs) && !err; i++)
		err = hr_prefilter_add(rs->pf, pattern_src(rs, i));
	rs->npf = NPATTERNS(rs);
	for (size_t i = 0; i < rs->nrules && !err; i++) {
		struct rule *r = &rs->rules[i];
		r->branch0 = rs->npf;
		for (size_t k = 0; k < r->nbranches && !err; k++, rs->npf++)
			err = hr_prefilter_add(rs->pf, r->branches[k]);
	}
	for (size_t i = 0; i < rs->nctx && !err; i++) {
		struct context *x = &rs->ctx[i];
		if ((err = ctx_alternatives(x)))
			break;
		x->alt0 = rs->npf;
		for (size_t k = 0; k < x->nalts && !err; k++, rs->npf++) {
			char *src = sf_ctx_alt_source(x, k);
			err = src ? hr_prefilter_add(rs->pf, src) : -ENOMEM;
			free(src);
		}
	}
	if (!err)
		err = hr_prefilter_build(rs->pf);
	if (err)
		goto fail;
	*out = rs;
	return 0;
fail:
	ruleset_free(rs);
	return err;
}

/* The built-in rules are read once, by the first hr_safety_new(), shared by
 * every instance (one per worker thread), and freed with the last. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ruleset *shared_rs;
static unsigned shared_users;

int sf_shared_get(struct ruleset **out)
{
	int err = 0;
	pthread_mutex_lock(&shared_lock);
	if (!shared_rs) {
		/* The build checked this text, so a problem here is a bug; it is
		 * logged all the same. */
		err = ruleset_load(hr_safety_rules_text, "safety.rules (built in)", hr_diag_log, NULL,
		                   &shared_rs);
	}
	if (!err) {
		shared_users++;
		*out = shared_rs;
	}
	pthread_mutex_unlock(&shared_lock);
	return err;
}

void sf_shared_put(struct ruleset *rs)
{
	if (!rs)
		return;
	pthread_mutex_lock(&shared_lock);
	if (--shared_users == 0) {
		ruleset_free(shared_rs);
		shared_rs = NULL;
	}
	pthread_mutex_unlock(&shared_lock);
}

/* Compiles one pattern with JIT. NAME and LINE only report a broken rule:
 * to DIAG when one is given, else to the log. */
pcre2_code *sf_compile(const char *name, const char *src, int *err, hr_diag_fn diag, void *ud,
                       const char *file, int line)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];
		pcre2_get_error_message(code, msg, sizeof(msg));
		if (diag)
			hr_diagf(diag, ud, file, line,
			         "%s does not compile at offset %zu of its expansion: %s", name, (size_t)off,
			         (const char *)msg);
		else
			hr_err("safety: rule %s does not compile at offset %zu: %s", name, (size_t)off,
			       (const char *)msg);
		*err = code == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EINVAL;
		return NULL;
	}
	/* JIT is an optimisation: without it (unsupported CPU, no executable
	 * memory) the interpreter gives the same answers. It is done the first
	 * time the pattern runs (ensure_jit() in safety.c): the prefilter runs a
	 * rule or two a message, and the JIT code of all of them was 2-3 MB of
	 * every worker's memory. */
	return re;
}

int hr_safety_check_rules(const char *text, const char *file, hr_diag_fn diag, void *ud)
{
	struct ruleset *rs = NULL;
	int err = ruleset_load(text, file, diag, ud, &rs);
	if (err)
		return err;
	/* Every pattern must compile. */
	const struct hr_srules *f = rs->file;
	for (size_t i = 0; i < f->nblocks; i++) {
		const struct hr_srules_block *b = &f->blocks[i];
		if (!b->pattern)
			continue;
		char what[160];
		snprintf(what, sizeof(what), "%s %s",
		         b->kind == HR_SRULES_RULE      ? "rule"
		         : b->kind == HR_SRULES_CONTEXT ? "context"
		                                        : "decision",
		         b->name);
		int rc = 0;
		pcre2_code *re = sf_compile(what, b->pattern, &rc, diag, ud, file, b->line);
		pcre2_code_free(re);
		if (rc)
			err = err == -ENOMEM ? err : rc;
	}
	ruleset_free(rs);
	return err;
}
