/*
 * The reader of the safety rules file. See safety_rules.h, and the head of
 * core/engine/safety.rules for the syntax.
 */
#include "safety_rules.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* How deep {NAME}s may nest; deeper is taken for a cycle. */
#define MAX_DEPTH 16

static const char *const kind_names[] = {
    [HR_SRULES_WORDS] = "words",       [HR_SRULES_RULE] = "rule", [HR_SRULES_CONTEXT] = "context",
    [HR_SRULES_DECISION] = "decision", [HR_SRULES_LIST] = "list", [HR_SRULES_SPELL] = "spell",
};

/* Appends S to the array *V of *N strings; returns 0 or -ENOMEM. */
static int push_str(char ***v, size_t *n, const char *s, size_t len)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv)
		return -ENOMEM;
	*v = nv;
	if (!(nv[*n] = strndup(s, len)))
		return -ENOMEM;
	(*n)++;
	return 0;
}

static int push_line(struct hr_srules_block *b, const char *s, size_t len, int line)
{
	int *nl = realloc(b->line_nos, (b->nlines + 1) * sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	b->line_nos = nl;
	nl[b->nlines] = line;
	return push_str(&b->lines, &b->nlines, s, len);
}

/* Splits S[0..LEN) at spaces and tabs into *V. */
static int push_words(char ***v, size_t *n, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		if (i > start && push_str(v, n, s + start, i - start))
			return -ENOMEM;
	}
	return 0;
}

static void block_free(struct hr_srules_block *b)
{
	free(b->name);
	for (size_t i = 0; i < b->nargs; i++)
		free(b->args[i]);
	free(b->args);
	for (size_t i = 0; i < b->nlines; i++)
		free(b->lines[i]);
	free(b->lines);
	free(b->line_nos);
	for (size_t i = 0; i < b->nwords; i++)
		free(b->words[i]);
	free(b->words);
	free(b->pattern);
	for (size_t i = 0; i < b->nbranches; i++)
		free(b->branches[i]);
	free(b->branches);
}

void hr_srules_free(struct hr_srules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nblocks; i++)
		block_free(&r->blocks[i]);
	free(r->blocks);
	free(r);
}

const struct hr_srules_block *hr_srules_find(const struct hr_srules *r, enum hr_srules_kind kind,
                                             const char *name)
{
	for (size_t i = 0; r && i < r->nblocks; i++) {
		if (r->blocks[i].kind == kind && strcmp(r->blocks[i].name, name) == 0)
			return &r->blocks[i];
	}
	return NULL;
}

/* The expansion of every words block, computed once, and the state of the
 * walk that finds cycles. */
struct expander {
	struct hr_srules *r;
	const char *file;
	hr_diag_fn diag;
	void *ud;
	char **memo; /* per block: "(?:...)" once expanded */
	int *busy;   /* per block: being expanded (a reference back to it is a cycle) */
	int err;
};

static void expand_into(struct expander *x, struct hr_buf *out, const char *src, int line, int depth);

/* Appends the expansion of words block NAME[0..LEN) to OUT. */
static void expand_name(struct expander *x, struct hr_buf *out, const char *name, size_t len, int line,
                        int depth)
{
	size_t i;
	for (i = 0; i < x->r->nblocks; i++) {
		const struct hr_srules_block *b = &x->r->blocks[i];
		if (b->kind == HR_SRULES_WORDS && strlen(b->name) == len && memcmp(b->name, name, len) == 0)
			break;
	}
	if (i == x->r->nblocks) {
		hr_diagf(x->diag, x->ud, x->file, line, "unknown words {%.*s}", (int)len, name);
		x->err = -EINVAL;
		return;
	}
	if (!x->memo[i]) {
		const struct hr_srules_block *b = &x->r->blocks[i];
		if (x->busy[i] || depth > MAX_DEPTH) {
			hr_diagf(x->diag, x->ud, x->file, line, "words {%s} refer to themselves", b->name);
			x->err = -EINVAL;
			return;
		}
		x->busy[i] = 1;
		struct hr_buf e = {0};
		hr_buf_puts(&e, "(?:");
		for (size_t k = 0; k < b->nlines; k++) {
			if (k)
				hr_buf_puts(&e, "|");
			expand_into(x, &e, b->lines[k], b->line_nos[k], depth + 1);
		}
		hr_buf_puts(&e, ")");
		x->busy[i] = 0;
		if (e.oom) {
			free(e.p);
			x->err = -ENOMEM;
			return;
		}
		x->memo[i] = e.p;
	}
	hr_buf_puts(out, x->memo[i]);
}

/* Appends SRC to OUT with every {NAME} replaced by its words. A backslash
 * keeps the character after it as it is ("\{"), and "{2,3}" is a quantifier. */
static void expand_into(struct expander *x, struct hr_buf *out, const char *src, int line, int depth)
{
	const char *p = src;
	while (*p && !x->err) {
		if (*p == '\\' && p[1]) {
			hr_buf_put(out, p, 2);
			p += 2;
			continue;
		}
		if (*p == '{' && (isalpha((unsigned char)p[1]) || p[1] == '_')) {
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == '}') {
				expand_name(x, out, p + 1, (size_t)(q - p - 1), line, depth);
				p = q + 1;
				continue;
			}
		}
		hr_buf_put(out, p, 1);
		p++;
	}
}

/* B's string, its buffer cut to its length: patterns and branches are kept
 * for the life of the rules (compiled at their first run), and a buffer
 * that doubled as it grew is a quarter empty on average (docs/performance.md,
 * tenth round). */
static char *fit(struct hr_buf *b)
{
	if (!b->p)
		return NULL;
	char *p = realloc(b->p, b->len + 1);
	return p ? p : b->p;
}

/* Each line of rule B on its own, from the expanded PATTERN (line I is
 * PATTERN[AT[2I]..AT[2I+1])), with the rule's word edges unless it is raw. */
static int build_branches(struct hr_srules_block *b, const char *pattern, const size_t *at, int raw)
{
	if (!(b->branches = calloc(b->nlines, sizeof(*b->branches))))
		return -ENOMEM;
	for (size_t i = 0; i < b->nlines; i++) {
		struct hr_buf s = {0};
		hr_buf_puts(&s, raw ? "(?:" : "\\b(?:");
		hr_buf_put(&s, pattern + at[2 * i], at[2 * i + 1] - at[2 * i]);
		hr_buf_puts(&s, raw ? ")" : ")\\b");
		if (s.oom) {
			free(s.p);
			return -ENOMEM;
		}
		b->branches[b->nbranches++] = fit(&s);
	}
	return 0;
}

/* Builds the pattern of block B: its lines as alternatives, between word
 * edges for a rule unless it is raw. */
static int build_pattern(struct expander *x, struct hr_srules_block *b)
{
	int raw = b->kind != HR_SRULES_RULE;
	for (size_t i = 0; i < b->nargs; i++)
		raw |= strcmp(b->args[i], "raw") == 0;
	if (b->nlines == 0) {
		hr_diagf(x->diag, x->ud, x->file, b->line, "%s %s has no pattern", kind_names[b->kind],
		         b->name);
		return -EINVAL;
	}
	struct hr_buf s = {0};
	size_t *at = b->nlines > 1 ? calloc(2 * b->nlines, sizeof(*at)) : NULL;
	if (b->nlines > 1 && !at)
		return -ENOMEM;
	if (!raw)
		hr_buf_puts(&s, "\\b(?:");
	for (size_t i = 0; i < b->nlines; i++) {
		if (i)
			hr_buf_puts(&s, "|");
		if (at)
			at[2 * i] = s.len;
		expand_into(x, &s, b->lines[i], b->line_nos[i], 0);
		if (at)
			at[2 * i + 1] = s.len;
	}
	if (!raw)
		hr_buf_puts(&s, ")\\b");
	int rc = s.oom ? -ENOMEM : 0;
	if (!rc && at && b->kind == HR_SRULES_RULE)
		rc = build_branches(b, s.p, at, raw);
	free(at);
	if (rc) {
		free(s.p);
		return rc;
	}
	b->pattern = fit(&s);
	return x->err;
}

static int kind_of(const char *w, size_t n, enum hr_srules_kind *out)
{
	for (size_t k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++) {
		if (strlen(kind_names[k]) == n && memcmp(kind_names[k], w, n) == 0) {
			*out = (enum hr_srules_kind)k;
			return 0;
		}
	}
	return -1;
}

/* Reports a name used twice for the same kind (decisions share their names). */
static int check_duplicates(const struct hr_srules *r, const char *file, hr_diag_fn diag, void *ud)
{
	int err = 0;
	for (size_t i = 0; i < r->nblocks; i++) {
		const struct hr_srules_block *b = &r->blocks[i];
		if (b->kind == HR_SRULES_DECISION)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct hr_srules_block *a = &r->blocks[j];
			if (a->kind == b->kind && strcmp(a->name, b->name) == 0) {
				hr_diagf(diag, ud, file, b->line, "%s %s is defined twice (first on line %d)",
				         kind_names[b->kind], b->name, a->line);
				err = -EINVAL;
			}
		}
	}
	return err;
}

int hr_srules_parse(const char *text, const char *file, hr_diag_fn diag, void *ud, struct hr_srules **out)
{
	*out = NULL;
	struct hr_srules *r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	int err = 0, lineno = 0;
	struct hr_srules_block *cur = NULL;
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *line = p;
		p = eol ? eol + 1 : p + len;
		lineno++;
		while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		size_t ind = 0;
		while (ind < len && (line[ind] == ' ' || line[ind] == '\t'))
			ind++;
		if (ind == len || line[ind] == '#')
			continue;
		if (ind > 0) {
			if (!cur) {
				hr_diagf(diag, ud, file, lineno, "an indented line outside any block");
				err = -EINVAL;
				continue;
			}
			int rc = push_line(cur, line + ind, len - ind, lineno);
			if (!rc && (cur->kind == HR_SRULES_LIST || cur->kind == HR_SRULES_SPELL))
				rc = push_words(&cur->words, &cur->nwords, line + ind, len - ind);
			if (rc) {
				err = rc;
				goto done;
			}
			continue;
		}
		/* A header: KIND NAME [ARG...]. */
		char **w = NULL;
		size_t nw = 0;
		if (push_words(&w, &nw, line, len)) {
			for (size_t i = 0; i < nw; i++)
				free(w[i]);
			free(w);
			err = -ENOMEM;
			goto done;
		}
		enum hr_srules_kind kind;
		if (nw < 2 || kind_of(w[0], strlen(w[0]), &kind) != 0) {
			hr_diagf(diag, ud, file, lineno,
			         "expected 'words|rule|context|decision|list|spell NAME ...', got '%.*s'",
			         (int)len, line);
			err = -EINVAL;
			cur = NULL;
			for (size_t i = 0; i < nw; i++)
				free(w[i]);
			free(w);
			continue;
		}
		struct hr_srules_block *nb = realloc(r->blocks, (r->nblocks + 1) * sizeof(*nb));
		if (!nb) {
			for (size_t i = 0; i < nw; i++)
				free(w[i]);
			free(w);
			err = -ENOMEM;
			goto done;
		}
		r->blocks = nb;
		cur = &r->blocks[r->nblocks++];
		memset(cur, 0, sizeof(*cur));
		cur->kind = kind;
		cur->line = lineno;
		cur->name = w[1];
		free(w[0]);
		cur->nargs = nw - 2;
		cur->args = nw > 2 ? w : NULL;
		if (cur->args)
			memmove(cur->args, w + 2, cur->nargs * sizeof(*w));
		else
			free(w);
	}
	if (!err)
		err = check_duplicates(r, file, diag, ud);
	if (err)
		goto done;

	struct expander x = {.r = r, .file = file, .diag = diag, .ud = ud};
	x.memo = calloc(r->nblocks ? r->nblocks : 1, sizeof(*x.memo));
	x.busy = calloc(r->nblocks ? r->nblocks : 1, sizeof(*x.busy));
	if (!x.memo || !x.busy) {
		err = -ENOMEM;
	} else {
		for (size_t i = 0; i < r->nblocks && err != -ENOMEM; i++) {
			struct hr_srules_block *b = &r->blocks[i];
			if (b->kind == HR_SRULES_WORDS) {
				/* Expanded on its own too, so that a list no rule uses yet is
				 * still checked. */
				struct hr_buf tmp = {0};
				x.err = 0;
				expand_name(&x, &tmp, b->name, strlen(b->name), b->line, 0);
				free(tmp.p);
				if (x.err)
					err = err == -ENOMEM ? err : x.err;
				continue;
			}
			if (b->kind != HR_SRULES_RULE && b->kind != HR_SRULES_CONTEXT &&
			    b->kind != HR_SRULES_DECISION)
				continue;
			x.err = 0;
			int rc = build_pattern(&x, b);
			if (rc)
				err = err == -ENOMEM ? err : rc;
		}
	}
	for (size_t i = 0; x.memo && i < r->nblocks; i++)
		free(x.memo[i]);
	free(x.memo);
	free(x.busy);
done:
	if (err) {
		hr_srules_free(r);
		return err;
	}
	*out = r;
	return 0;
}
