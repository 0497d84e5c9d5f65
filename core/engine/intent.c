/*
 * The intent engine. See intent.h for the contract and docs/intents.md for the
 * file format. Parsing builds plain arrays; compiling expands {references} into
 * PCRE2 source and compiles each pattern once; matching allocates nothing.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "intent.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "prefilter.h"
#include "text.h"

/* A phrase of a slot or word list, normalised; CANON is the slot value it stands for. */
struct phrase {
	char *text;
	char *canon;
	int prefix; /* written with a trailing '*': matches any word that starts so */
};

struct entity {
	char *name;
	int is_slot; /* "slot": {name} captures; "words": {name} only matches */
	char *file;
	int line;
	struct phrase *phrases;
	size_t nphrases;
	/* The phrases as parallel arrays, for hr_intents_entity (built by compile). */
	const char **vtext;
	const char **vcanon;
	unsigned char *vprefix;
};

/* One named group of a compiled pattern, resolved at compile time. */
struct group {
	const char *name; /* points into the entity or the pattern's name table */
	int number;
	const struct entity *entity; /* NULL for a raw (?<name>...) group */
};

struct pattern {
	char *source; /* as written */
	char *file;
	int line;
	pcre2_code *code;
	size_t ngroups;
	struct group *groups;
};

struct intent {
	struct hr_intent pub; /* first member: the public view */
	struct pattern *patterns;
	size_t npatterns;
	char **examples;
	int *example_lines;
	char **phrasings;
	int *phrasing_lines;
	char *needs_buf[HR_MAX_NEEDS];
};

struct hr_intents {
	struct entity *entities;
	size_t nentities;
	struct intent *intents;
	size_t nintents;
	char **vocab; /* sorted, unique: words the content knows, for spelling correction */
	size_t nvocab;
	char **files; /* file names, owned here, referenced by intents and patterns */
	size_t nfiles;
	int compiled;
	int jit;          /* JIT-compile the patterns (hr_intents_set_jit) */
	int flat_phrases; /* compile phrases as flat alternations (hr_intents_set_flat) */
	/* Every pattern in the order they are tried (intent order, then line),
	 * numbered as the prefilter numbers them. */
	const struct pattern **flat;
	uint32_t *flat_intent;
	size_t nflat;
	hr_prefilter *pf; /* NULL: try every pattern */
};

struct hr_matcher {
	const hr_intents *set;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	uint32_t match_options;
	hr_prefilter_scratch *pfs; /* NULL: try every pattern */
	uint64_t *bits;            /* the prefilter's candidates, one bit per pattern */
};

static void *grow(void *arr, size_t n, size_t elem)
{
	/* Grows ARR to hold N+1 elements, doubling capacity at powers of two. */
	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n == 0 ? 4 : n * 2;
		void *p = realloc(arr, cap * elem);
		return p;
	}
	return arr;
}

#define PUSH(arr, n) ((arr) = grow((arr), (n), sizeof(*(arr))), (arr) ? &(arr)[(n)++] : NULL)

hr_intents *hr_intents_new(void)
{
	hr_intents *set = calloc(1, sizeof(hr_intents));
	if (set)
		set->jit = 1;
	return set;
}

void hr_intents_set_jit(hr_intents *set, int on)
{
	set->jit = on;
}

void hr_intents_set_flat(hr_intents *set, int on)
{
	set->flat_phrases = on;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int valid_name(const char *s, int dotted)
{
	if (!*s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')
			continue;
		if (dotted && *p == '.' && p != s && p[1] && p[1] != '.')
			continue;
		return 0;
	}
	return strlen(s) < HR_NAME_MAX;
}

static struct entity *find_entity(const hr_intents *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->nentities; i++) {
		if (strlen(set->entities[i].name) == len && memcmp(set->entities[i].name, name, len) == 0)
			return &set->entities[i];
	}
	return NULL;
}

const struct hr_intent *hr_intents_find(const hr_intents *set, const char *name)
{
	for (size_t i = 0; i < set->nintents; i++) {
		if (strcmp(set->intents[i].pub.name, name) == 0)
			return &set->intents[i].pub;
	}
	return NULL;
}

/* Adds one phrase to E; returns 0 or -ENOMEM. CANON NULL means "the phrase itself". */
static int add_phrase(struct entity *e, const char *raw, const char *canon)
{
	char norm[256];
	size_t len = strlen(raw);
	int prefix = 0;
	if (len > 0 && raw[len - 1] == '*') {
		prefix = 1;
		len--;
	}
	int n = hr_text_normalize(raw, len, norm, sizeof(norm));
	if (n <= 0)
		return n == 0 ? 0 : -EINVAL;
	struct phrase *p = PUSH(e->phrases, e->nphrases);
	if (!p)
		return -ENOMEM;
	p->text = strdup(norm);
	p->canon = strdup(canon ? canon : norm);
	p->prefix = prefix;
	return p->text && p->canon ? 0 : -ENOMEM;
}

/* Parses "value = a, b, c" (slots) or "a, b, c" into E. In a slot block without
 * "value =", the first phrase of the line is the value. */
static int parse_phrases(struct entity *e, char *line)
{
	char canon_buf[HR_SLOT_VALUE_MAX];
	const char *canon = NULL;
	char *eq = strchr(line, '=');
	if (eq) {
		*eq = '\0';
		canon = trim(line);
		line = eq + 1;
	}
	char *save = NULL;
	for (char *tok = strtok_r(line, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok = trim(tok);
		if (!*tok)
			continue;
		if (!canon && e->is_slot) {
			snprintf(canon_buf, sizeof(canon_buf), "%s", tok);
			size_t l = strlen(canon_buf);
			if (l && canon_buf[l - 1] == '*')
				canon_buf[l - 1] = '\0';
			canon = canon_buf;
		}
		int rc = add_phrase(e, tok, canon);
		if (rc)
			return rc;
	}
	return 0;
}

static const char *intern_file(hr_intents *set, const char *name)
{
	for (size_t i = 0; i < set->nfiles; i++) {
		if (strcmp(set->files[i], name) == 0)
			return set->files[i];
	}
	char **slot = PUSH(set->files, set->nfiles);
	if (!slot)
		return NULL;
	*slot = strdup(name);
	return *slot;
}

int hr_intents_add_text(hr_intents *set, const char *name, const char *text, size_t len, hr_diag_fn diag,
                        void *ud)
{
	const char *file = intern_file(set, name);
	if (!file)
		return -ENOMEM;
	int errors = 0;
	enum { NONE, ENTITY, INTENT, SKIP } block = NONE;
	struct entity *ent = NULL;
	size_t cur = 0; /* index of the current intent */
	int lineno = 0;
	const char *p = text, *end = text + len;
	char line[4096];

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (ll >= sizeof(line)) {
			hr_diagf(diag, ud, file, lineno, "line is longer than %zu bytes", sizeof(line) - 1);
			errors++;
			p = nl ? nl + 1 : end;
			continue;
		}
		memcpy(line, p, ll);
		line[ll] = '\0';
		p = nl ? nl + 1 : end;

		int indented = line[0] == ' ' || line[0] == '\t';
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;

		if (!indented) {
			char *kw = s, *arg = s;
			while (*arg && *arg != ' ' && *arg != '\t')
				arg++;
			if (*arg)
				*arg++ = '\0';
			arg = trim(arg);
			if (strcmp(kw, "slot") == 0 || strcmp(kw, "words") == 0) {
				if (!valid_name(arg, 0)) {
					hr_diagf(diag, ud, file, lineno,
					         "bad %s name '%s' (use lower-case letters, digits and _)",
					         kw, arg);
					errors++;
					block = SKIP;
					continue;
				}
				if (find_entity(set, arg, strlen(arg))) {
					hr_diagf(diag, ud, file, lineno, "%s '%s' is defined twice", kw, arg);
					errors++;
					block = SKIP;
					continue;
				}
				ent = PUSH(set->entities, set->nentities);
				if (!ent)
					return -ENOMEM;
				memset(ent, 0, sizeof(*ent));
				ent->name = strdup(arg);
				ent->is_slot = kw[0] == 's';
				ent->file = (char *)file;
				ent->line = lineno;
				block = ENTITY;
			} else if (strcmp(kw, "intent") == 0) {
				/* "fallback" is allowed: its patterns name questions that must get
				 * the fallback answer even when other intents match them. */
				if (!valid_name(arg, 1)) {
					hr_diagf(diag, ud, file, lineno,
					         "bad intent name '%s' (use dotted lower-case words such as "
					         "treatment.trastuzumab)",
					         arg);
					errors++;
					block = SKIP;
					continue;
				}
				const struct hr_intent *dup = hr_intents_find(set, arg);
				if (dup) {
					hr_diagf(diag, ud, file, lineno,
					         "intent '%s' is already defined at %s:%d", arg, dup->file,
					         dup->line);
					errors++;
					block = SKIP;
					continue;
				}
				struct intent *in = PUSH(set->intents, set->nintents);
				if (!in)
					return -ENOMEM;
				memset(in, 0, sizeof(*in));
				in->pub.name = strdup(arg);
				in->pub.file = file;
				in->pub.line = lineno;
				in->pub.order = (int)set->nintents - 1;
				cur = set->nintents - 1;
				block = INTENT;
			} else {
				hr_diagf(diag, ud, file, lineno,
				         "expected 'intent NAME', 'slot NAME' or 'words NAME', found '%s' "
				         "(lines inside a block must be indented)",
				         kw);
				errors++;
				block = SKIP;
			}
			continue;
		}

		switch (block) {
		case NONE:
			hr_diagf(diag, ud, file, lineno,
			         "indented line outside any intent, slot or words block");
			errors++;
			break;
		case SKIP:
			break;
		case ENTITY: {
			ent = &set->entities[set->nentities - 1];
			if (strchr(s, '=') && !ent->is_slot) {
				hr_diagf(diag, ud, file, lineno,
				         "'value = phrases' lines belong in a slot block, not in words '%s'",
				         ent->name);
				errors++;
				break;
			}
			int rc = parse_phrases(ent, s);
			if (rc == -ENOMEM)
				return rc;
			if (rc) {
				hr_diagf(diag, ud, file, lineno, "a phrase is too long");
				errors++;
			}
			break;
		}
		case INTENT: {
			struct intent *in = &set->intents[cur];
			char *colon = strchr(s, ':');
			if (!colon) {
				hr_diagf(diag, ud, file, lineno,
				         "expected 'key: value' (pattern, example, phrasing, priority, needs "
				         "or plugin)");
				errors++;
				break;
			}
			*colon = '\0';
			char *key = trim(s), *val = trim(colon + 1);
			if (!*val) {
				hr_diagf(diag, ud, file, lineno, "'%s' has no value", key);
				errors++;
			} else if (strcmp(key, "pattern") == 0) {
				struct pattern *pt = PUSH(in->patterns, in->npatterns);
				if (!pt)
					return -ENOMEM;
				memset(pt, 0, sizeof(*pt));
				pt->source = strdup(val);
				pt->file = (char *)file;
				pt->line = lineno;
			} else if (strcmp(key, "example") == 0) {
				size_t n = in->pub.nexamples;
				char **ex = PUSH(in->examples, in->pub.nexamples);
				if (!ex)
					return -ENOMEM;
				*ex = strdup(val);
				in->example_lines = grow(in->example_lines, n, sizeof(int));
				if (!in->example_lines)
					return -ENOMEM;
				in->example_lines[n] = lineno;
			} else if (strcmp(key, "phrasing") == 0) {
				size_t n = in->pub.nphrasings;
				char **ph = PUSH(in->phrasings, in->pub.nphrasings);
				if (!ph)
					return -ENOMEM;
				*ph = strdup(val);
				in->phrasing_lines = grow(in->phrasing_lines, n, sizeof(int));
				if (!*ph || !in->phrasing_lines)
					return -ENOMEM;
				in->phrasing_lines[n] = lineno;
			} else if (strcmp(key, "priority") == 0) {
				char *endp;
				long v = strtol(val, &endp, 10);
				if (*endp || v < -100 || v > 100) {
					hr_diagf(diag, ud, file, lineno,
					         "priority '%s' is not a whole number from -100 to 100", val);
					errors++;
				} else {
					in->pub.priority = (int)v;
				}
			} else if (strcmp(key, "plugin") == 0) {
				if (!valid_name(val, 0)) {
					hr_diagf(diag, ud, file, lineno, "bad plugin name '%s'", val);
					errors++;
				} else {
					free((char *)in->pub.plugin);
					in->pub.plugin = strdup(val);
				}
			} else if (strcmp(key, "needs") == 0) {
				char *save = NULL;
				for (char *t = strtok_r(val, ", ", &save); t;
				     t = strtok_r(NULL, ", ", &save)) {
					if (in->pub.nneeds >= HR_MAX_NEEDS) {
						hr_diagf(diag, ud, file, lineno, "at most %d needed slots",
						         HR_MAX_NEEDS);
						errors++;
						break;
					}
					in->needs_buf[in->pub.nneeds] = strdup(t);
					in->pub.needs[in->pub.nneeds] = in->needs_buf[in->pub.nneeds];
					in->pub.nneeds++;
				}
			} else {
				hr_diagf(diag, ud, file, lineno,
				         "unknown key '%s' (expected pattern, example, phrasing, priority, "
				         "needs or plugin)",
				         key);
				errors++;
			}
			break;
		}
		}
	}
	return errors ? -EINVAL : 0;
}

int hr_intents_add_file(hr_intents *set, const char *path, hr_diag_fn diag, void *ud)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		hr_diagf(diag, ud, path, 0, "cannot open: %s", strerror(e));
		return -e;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 16384;
			if (cap > (8u << 20)) {
				hr_diagf(diag, ud, path, 0, "file is larger than 8 MiB");
				free(buf);
				fclose(f);
				return -EFBIG;
			}
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return -ENOMEM;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	int rc = hr_intents_add_text(set, path, buf ? buf : "", len, diag, ud);
	free(buf);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int hr_intents_add_dir(hr_intents *set, const char *dir, hr_diag_fn diag, void *ud)
{
	char **names;
	size_t n;
	int rc = hr_dir_list(dir, ".intents", &names, &n);
	if (rc) {
		hr_diagf(diag, ud, dir, 0, "cannot read directory: %s", strerror(-rc));
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		int r = hr_intents_add_file(set, path, diag, ud);
		if (r == -ENOMEM)
			rc = r;
		else if (r && !rc)
			rc = -EINVAL;
	}
	hr_dir_list_free(names, n);
	return rc;
}

/* A growable string for building pattern source. */
struct sbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static int phrase_len_cmp(const void *a, const void *b)
{
	/* Longer phrases first, so "herceptin hylecta" wins over "herceptin". */
	const struct phrase *x = a, *y = b;
	size_t lx = strlen(x->text), ly = strlen(y->text);
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return strcmp(x->text, y->text);
}

/*
 * A slot's or words list's phrases as a trie, so that hundreds of phrases
 * compile to one branch per distinct next character instead of hundreds of
 * alternatives tried in turn. The regimen slot has about 300 long phrases that
 * share their first words; as a flat alternation it made every pattern that
 * names it 64 kB of compiled code and 270 kB of JIT code
 * (docs/performance.md has the totals).
 *
 * It must match exactly what the flat alternation matched, in the same order
 * of preference (longest phrase first): a different phrase could capture a
 * different span and rank intents differently. A token is a space or hyphen
 * (SEP, written "[ -]?") or one whole UTF-8 character (the pattern source must
 * stay valid UTF-8). Phrases are inserted in their sort order, so a node's
 * children are in the order of their first phrase, and the phrase ending at a
 * node comes after every child (a phrase through a child is longer, so it
 * sorted earlier). Two children that are different characters can never
 * match at the same place, so splitting there keeps the order. A SEP child
 * can: "[ -]?" also matches nothing, so "per jeta" may match where a sibling
 * "perjeta's" does. Where a SEP child continues with a sibling's character,
 * the phrases through the two are written one by one in their sort order, as
 * the flat form does. bench/match_bench --check (run by the bench.smoke test) holds
 * the two forms to identical rankings over every phrase and example.
 */
struct trie_node {
	char tok[4]; /* the character's bytes; tlen 0 is SEP */
	unsigned char tlen;
	size_t first; /* sort position of the first phrase through this node */
	size_t end;   /* sort position of the phrase that ends here; SIZE_MAX: none */
	int prefix;   /* that phrase was written with a trailing '*' */
	size_t off;   /* bytes of the phrase text up to and including this token */
	struct trie_node *kids;
	size_t nkids;
};

/* Reads the token at *C into N and advances past it; returns 0 at the end. */
static int next_token(const char **c, struct trie_node *n)
{
	const unsigned char *u = (const unsigned char *)*c;
	if (!*u)
		return 0;
	if (*u == ' ' || *u == '-') {
		n->tlen = 0;
		(*c)++;
		return 1;
	}
	size_t len = *u >= 0xf0 ? 4 : *u >= 0xe0 ? 3 : *u >= 0xc0 ? 2 : 1;
	size_t i = 0;
	do
		n->tok[i] = (char)u[i];
	while (++i < len && (u[i] & 0xc0) == 0x80);
	n->tlen = (unsigned char)i;
	*c += i;
	return 1;
}

static void trie_free(struct trie_node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		trie_free(&n->kids[i]);
	free(n->kids);
}

static int same_token(const struct trie_node *a, const struct trie_node *b)
{
	return a->tlen == b->tlen && memcmp(a->tok, b->tok, a->tlen) == 0;
}

/* Adds phrase PH, at sort position ORDER, under ROOT. */
static int trie_add(struct trie_node *root, const struct phrase *ph, size_t order)
{
	struct trie_node *n = root, t;
	const char *c = ph->text;
	while (next_token(&c, &t)) {
		t.off = (size_t)(c - ph->text);
		struct trie_node *k = NULL;
		for (size_t i = 0; i < n->nkids && !k; i++) {
			if (same_token(&n->kids[i], &t))
				k = &n->kids[i];
		}
		if (!k) {
			k = PUSH(n->kids, n->nkids);
			if (!k)
				return -ENOMEM;
			*k = t;
			k->first = order;
			k->end = SIZE_MAX;
			k->prefix = 0;
			k->kids = NULL;
			k->nkids = 0;
		}
		n = k;
	}
	/* A duplicate phrase ends where an earlier one did: the earlier one
	 * keeps its place, and a '*' on either makes the ending open. */
	if (n->end == SIZE_MAX)
		n->end = order;
	n->prefix |= ph->prefix;
	return 0;
}

/* Writes phrase text TEXT as a regex: separators flexible, punctuation escaped. */
static void put_phrase_text(struct sbuf *b, const char *text, int prefix)
{
	for (const char *c = text; *c; c++) {
		if (*c == ' ' || *c == '-') {
			sb_puts(b, "[ -]?");
		} else if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80) {
			sb_putn(b, c, 1);
		} else {
			sb_puts(b, "\\");
			sb_putn(b, c, 1);
		}
	}
	if (prefix)
		sb_puts(b, "[a-z0-9]*");
}

/* Sets ENDS[k] for every phrase k ending at or below N. */
static void trie_ends(const struct trie_node *n, unsigned char *ends)
{
	if (n->end != SIZE_MAX)
		ends[n->end] = 1;
	for (size_t i = 0; i < n->nkids; i++)
		trie_ends(&n->kids[i], ends);
}

/* True when child K of a node can match where its SEP child S matches
 * nothing: S continues with K's character (or S has another SEP or an end,
 * which normalised phrases never have; assumed to clash). S clashes with
 * itself; no SEP child, nothing clashes. */
static int clashes(const struct trie_node *s, const struct trie_node *k)
{
	if (!s || k == s)
		return s != NULL;
	if (s->end != SIZE_MAX)
		return 1;
	for (size_t i = 0; i < s->nkids; i++) {
		if (s->kids[i].tlen == 0 || same_token(&s->kids[i], k))
			return 1;
	}
	return 0;
}

/* Writes what may follow node N (OFF bytes into its phrases), as one group
 * when there is more than one way on. */
static void trie_put(struct sbuf *b, const struct trie_node *n, const struct entity *e, size_t off,
                     unsigned char *ends)
{
	/* The SEP child and the children it clashes with are written as one
	 * alternative: the rest of each of their phrases, in sort order. It
	 * takes the first clashing child's place; the others cannot match
	 * where these do, so their order does not matter. */
	const struct trie_node *sep = NULL;
	size_t nclash = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i].tlen == 0)
			sep = &n->kids[i];
	}
	for (size_t i = 0; i < n->nkids; i++)
		nclash += clashes(sep, &n->kids[i]) && &n->kids[i] != sep;
	size_t nalt = n->nkids - nclash + (n->end != SIZE_MAX);
	int group = nalt > 1, written = 0, clash_done = 0;
	if (group)
		sb_puts(b, "(?:");
	for (size_t i = 0; i < n->nkids; i++) {
		const struct trie_node *k = &n->kids[i];
		int in_clash = nclash && clashes(sep, k);
		if (in_clash && clash_done++)
			continue;
		if (written++)
			sb_puts(b, "|");
		if (in_clash) {
			/* ENDS is scratch shared with the recursion: fill it here. */
			memset(ends, 0, e->nphrases);
			for (size_t j = i; j < n->nkids; j++) {
				if (clashes(sep, &n->kids[j]))
					trie_ends(&n->kids[j], ends);
			}
			sb_puts(b, "(?:");
			for (size_t p = 0, any = 0; p < e->nphrases; p++) {
				if (!ends[p])
					continue;
				if (any++)
					sb_puts(b, "|");
				put_phrase_text(b, e->phrases[p].text + off, e->phrases[p].prefix);
			}
			sb_puts(b, ")");
			continue;
		}
		if (k->tlen == 0) {
			sb_puts(b, "[ -]?");
		} else {
			unsigned char c0 = (unsigned char)k->tok[0];
			if (!(isalnum(c0) || c0 >= 0x80))
				sb_puts(b, "\\");
			sb_putn(b, k->tok, k->tlen);
		}
		trie_put(b, k, e, k->off, ends);
	}
	if (n->end != SIZE_MAX) {
		if (written)
			sb_puts(b, "|");
		if (n->prefix)
			sb_puts(b, "[a-z0-9]*");
	}
	if (group)
		sb_puts(b, ")");
}

/* How put_entity writes the phrases: as PCRE2 compiles them, or as the flat
 * alternation the prefilter analyses (the same language, see above). */
enum entity_form { FORM_TRIE, FORM_FLAT };

/*
 * Appends the regex for entity E: its phrases as an alternation between word
 * boundaries. A space or hyphen inside a phrase also matches "nothing", a space
 * or a hyphen ("her 2" matches "her2", "her-2"), since people and speech
 * recognisers write compound names every way.
 */
static void put_entity(struct sbuf *b, const struct entity *e, enum entity_form form)
{
	/* Every phrase starts with one of a few letters; saying so up front lets
	 * PCRE2 reject most positions with one class test instead of trying each
	 * phrase in turn. It only fails where every phrase would fail, so it
	 * changes no match. */
	char first[64];
	size_t nfirst = 0;
	int guard = e->nphrases > 0;
	for (size_t i = 0; i < e->nphrases && guard; i++) {
		unsigned char c = (unsigned char)e->phrases[i].text[0];
		if (!(islower(c) || isdigit(c)))
			guard = 0;
		else if (!memchr(first, c, nfirst) && nfirst < sizeof(first))
			first[nfirst++] = (char)c;
	}
	if (guard) {
		sb_puts(b, "(?=[");
		sb_putn(b, first, nfirst);
		sb_puts(b, "])");
	}
	sb_puts(b, "(?<![a-z0-9])");
	if (e->is_slot) {
		sb_puts(b, "(?<");
		sb_puts(b, e->name);
		sb_puts(b, ">");
	} else {
		sb_puts(b, "(?:");
	}
	struct trie_node root = {.end = SIZE_MAX};
	int trie = form == FORM_TRIE;
	for (size_t i = 0; i < e->nphrases && trie; i++) {
		if (trie_add(&root, &e->phrases[i], i))
			b->oom = 1, trie = 0;
	}
	unsigned char *ends = trie ? malloc(e->nphrases + 1) : NULL;
	if (trie && !ends)
		b->oom = 1, trie = 0;
	if (trie) {
		trie_put(b, &root, e, 0, ends);
	} else {
		for (size_t i = 0; i < e->nphrases; i++) {
			if (i)
				sb_puts(b, "|");
			put_phrase_text(b, e->phrases[i].text, e->phrases[i].prefix);
		}
	}
	free(ends);
	trie_free(&root);
	sb_puts(b, ")");
	/* "+" ends some phrases ("her2+"); a boundary after it is implied. */
	sb_puts(b, "(?![a-z0-9])");
}

/* Expands {name} references in SRC. Returns the new source or NULL, with BAD set
 * to the unknown name when one is found. */
static char *expand(const hr_intents *set, const char *src, char *bad, size_t badcap)
{
	struct sbuf b = {0};
	for (const char *c = src; *c;) {
		if (*c == '\\' && c[1]) {
			sb_putn(&b, c, 2);
			c += 2;
			continue;
		}
		if (*c == '{' && isalpha((unsigned char)c[1])) {
			const char *close = strchr(c, '}');
			const char *n = c + 1;
			size_t nl = close ? (size_t)(close - n) : 0;
			int ok = close != NULL;
			for (size_t i = 0; ok && i < nl; i++) {
				if (!(islower((unsigned char)n[i]) || isdigit((unsigned char)n[i]) ||
				      n[i] == '_'))
					ok = 0;
			}
			if (ok) {
				const struct entity *e = find_entity(set, n, nl);
				if (!e) {
					snprintf(bad, badcap, "%.*s", (int)nl, n);
					free(b.p);
					return NULL;
				}
				put_entity(&b, e, set->flat_phrases ? FORM_FLAT : FORM_TRIE);
				c = close + 1;
				continue;
			}
		}
		sb_putn(&b, c, 1);
		c++;
	}
	if (b.oom) {
		free(b.p);
		snprintf(bad, badcap, "%s", "");
		return NULL;
	}
	return b.p ? b.p : strdup("");
}

static int resolve_groups(const hr_intents *set, struct pattern *pt)
{
	uint32_t count = 0, entry_size = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(pt->code, PCRE2_INFO_NAMECOUNT, &count);
	if (count == 0)
		return 0;
	pcre2_pattern_info(pt->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
	pcre2_pattern_info(pt->code, PCRE2_INFO_NAMETABLE, &table);
	pt->groups = calloc(count, sizeof(*pt->groups));
	if (!pt->groups)
		return -ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + i * entry_size;
		struct group *g = &pt->groups[pt->ngroups++];
		g->number = (e[0] << 8) | e[1];
		g->name = (const char *)(e + 2);
		const struct entity *ent = find_entity(set, g->name, strlen(g->name));
		g->entity = ent && ent->is_slot ? ent : NULL;
	}
	return 0;
}

static int vocab_has(const hr_intents *set, const char *w)
{
	return bsearch(&w, set->vocab, set->nvocab, sizeof(char *), name_cmp) != NULL;
}

/* Adds the alphabetic words of S (five letters or more) to the vocabulary. */
static int vocab_add_words(hr_intents *set, const char *s, int skip_escapes)
{
	char w[64];
	size_t wl = 0;
	for (const char *c = s;; c++) {
		if (skip_escapes && *c == '\\' && c[1]) {
			c++;
			if (wl >= 5 && wl < sizeof(w)) {
				w[wl] = '\0';
				char **slot = PUSH(set->vocab, set->nvocab);
				if (!slot || !(*slot = strdup(w)))
					return -ENOMEM;
			}
			wl = 0;
			continue;
		}
		unsigned char ch = (unsigned char)*c;
		if (isalpha(ch)) {
			if (wl < sizeof(w) - 1)
				w[wl] = (char)tolower(ch);
			wl++;
			continue;
		}
		if (wl >= 5 && wl < sizeof(w)) {
			w[wl] = '\0';
			char **slot = PUSH(set->vocab, set->nvocab);
			if (!slot || !(*slot = strdup(w)))
				return -ENOMEM;
		}
		wl = 0;
		if (!*c)
			break;
	}
	return 0;
}

static int build_vocab(hr_intents *set)
{
	for (size_t i = 0; i < set->nentities; i++) {
		for (size_t k = 0; k < set->entities[i].nphrases; k++) {
			if (vocab_add_words(set, set->entities[i].phrases[k].text, 0))
				return -ENOMEM;
		}
	}
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->npatterns; k++) {
			if (vocab_add_words(set, in->patterns[k].source, 1))
				return -ENOMEM;
		}
		for (size_t k = 0; k < in->pub.nexamples; k++) {
			if (vocab_add_words(set, in->examples[k], 0))
				return -ENOMEM;
		}
		for (size_t k = 0; k < in->pub.nphrasings; k++) {
			if (vocab_add_words(set, in->phrasings[k], 0))
				return -ENOMEM;
		}
	}
	if (set->nvocab == 0)
		return 0;
	qsort(set->vocab, set->nvocab, sizeof(char *), name_cmp);
	size_t o = 1;
	for (size_t i = 1; i < set->nvocab; i++) {
		if (strcmp(set->vocab[i], set->vocab[o - 1]) == 0)
			free(set->vocab[i]);
		else
			set->vocab[o++] = set->vocab[i];
	}
	set->nvocab = o;
	return 0;
}

/*
 * Numbers every pattern in the order matching tries them and builds the
 * literal prefilter over them (prefilter.h). The prefilter only skips patterns
 * that cannot match, so matching without one gives the same answers; only
 * running out of memory is an error.
 */
static int build_prefilter(hr_intents *set)
{
	size_t n = 0;
	for (size_t i = 0; i < set->nintents; i++)
		n += set->intents[i].npatterns;
	set->flat = malloc((n ? n : 1) * sizeof(*set->flat));
	set->flat_intent = malloc((n ? n : 1) * sizeof(*set->flat_intent));
	set->pf = hr_prefilter_new();
	if (!set->flat || !set->flat_intent || !set->pf)
		return -ENOMEM;
	for (size_t i = 0; i < set->nentities; i++) {
		struct sbuf b = {0};
		put_entity(&b, &set->entities[i], FORM_FLAT);
		int rc = b.oom ? -ENOMEM : hr_prefilter_define(set->pf, set->entities[i].name, b.p);
		free(b.p);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < set->nintents; i++) {
		for (size_t k = 0; k < set->intents[i].npatterns; k++) {
			set->flat[set->nflat] = &set->intents[i].patterns[k];
			set->flat_intent[set->nflat++] = (uint32_t)i;
			int rc = hr_prefilter_add(set->pf, set->intents[i].patterns[k].source);
			if (rc)
				return rc;
		}
	}
	return hr_prefilter_build(set->pf);
}

/*
 * Whether pattern source SRC must be compiled caseless. hr_intents_match
 * lower-cases the ASCII letters of what it matches, so a pattern written in
 * lower-case ASCII matches the same without PCRE2_CASELESS, and is then about
 * a quarter smaller as JIT code and a tenth faster (docs/performance.md). A
 * capital letter that is not an escape ("\\S"), or any non-ASCII byte (an "é"
 * that should match "É"), keeps the pattern caseless, as every pattern was.
 */
static int needs_caseless(const char *src)
{
	for (const unsigned char *c = (const unsigned char *)src; *c; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		if (*c >= 0x80 || (*c >= 'A' && *c <= 'Z'))
			return 1;
	}
	return 0;
}

int hr_intents_compile(hr_intents *set, hr_diag_fn diag, void *ud)
{
	int errors = 0;
	/* Sort phrases before expanding patterns: alternations try the longest first. */
	for (size_t i = 0; i < set->nentities; i++) {
		struct entity *e = &set->entities[i];
		if (e->nphrases == 0) {
			hr_diagf(diag, ud, e->file, e->line, "'%s' lists no phrases", e->name);
			errors++;
		}
		qsort(e->phrases, e->nphrases, sizeof(*e->phrases), phrase_len_cmp);
		free(e->vtext);
		free(e->vcanon);
		free(e->vprefix);
		e->vtext = malloc((e->nphrases + 1) * sizeof(*e->vtext));
		e->vcanon = malloc((e->nphrases + 1) * sizeof(*e->vcanon));
		e->vprefix = malloc(e->nphrases + 1);
		if (!e->vtext || !e->vcanon || !e->vprefix)
			return -ENOMEM;
		for (size_t k = 0; k < e->nphrases; k++) {
			e->vtext[k] = e->phrases[k].text;
			e->vcanon[k] = e->phrases[k].canon;
			e->vprefix[k] = (unsigned char)e->phrases[k].prefix;
		}
	}
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		in->pub.examples = (const char *const *)in->examples;
		in->pub.example_lines = in->example_lines;
		in->pub.phrasings = (const char *const *)in->phrasings;
		in->pub.phrasing_lines = in->phrasing_lines;
		if (in->npatterns == 0) {
			hr_diagf(diag, ud, in->pub.file, in->pub.line, "intent '%s' has no pattern",
			         in->pub.name);
			errors++;
		}
		for (size_t k = 0; k < in->npatterns; k++) {
			struct pattern *pt = &in->patterns[k];
			char bad[HR_NAME_MAX] = "";
			char *src = expand(set, pt->source, bad, sizeof(bad));
			if (!src) {
				if (!*bad)
					return -ENOMEM;
				hr_diagf(diag, ud, pt->file, pt->line,
				         "pattern refers to {%s}, but no slot or words list has that name",
				         bad);
				errors++;
				continue;
			}
			int err = 0;
			PCRE2_SIZE off = 0;
			uint32_t opts = PCRE2_UTF | PCRE2_DUPNAMES;
			if (set->flat_phrases || needs_caseless(src))
				opts |= PCRE2_CASELESS;
			pt->code =
			    pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts, &err, &off, NULL);
			if (!pt->code) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof(msg));
				hr_diagf(diag, ud, pt->file, pt->line,
				         "pattern does not compile: %s (at offset %zu of the expanded "
				         "pattern '%.80s')",
				         (const char *)msg, (size_t)off, src);
				errors++;
				free(src);
				continue;
			}
			free(src);
			/* JIT is an optimisation: when it is unavailable the interpreter
			 * gives the same answers, so a failure here is not an error. */
			if (set->jit)
				pcre2_jit_compile(pt->code, PCRE2_JIT_COMPLETE);
			if (resolve_groups(set, pt))
				return -ENOMEM;
		}
		in->pub.nfills = 0;
		size_t nf = hr_intents_intent_slots(set, &in->pub, in->pub.fills, HR_MAX_SLOTS);
		in->pub.nfills = nf < HR_MAX_SLOTS ? nf : HR_MAX_SLOTS;
	}
	if (build_vocab(set) || build_prefilter(set))
		return -ENOMEM;
	set->compiled = errors == 0;
	return errors ? -EINVAL : 0;
}

void hr_intents_free(hr_intents *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nentities; i++) {
		struct entity *e = &set->entities[i];
		for (size_t k = 0; k < e->nphrases; k++) {
			free(e->phrases[k].text);
			free(e->phrases[k].canon);
		}
		free(e->phrases);
		free(e->vtext);
		free(e->vcanon);
		free(e->vprefix);
		free(e->name);
	}
	free(set->entities);
	for (size_t i = 0; i < set->nintents; i++) {
		struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->npatterns; k++) {
			pcre2_code_free(in->patterns[k].code);
			free(in->patterns[k].source);
			free(in->patterns[k].groups);
		}
		free(in->patterns);
		for (size_t k = 0; k < in->pub.nexamples; k++)
			free(in->examples[k]);
		free(in->examples);
		free(in->example_lines);
		for (size_t k = 0; k < in->pub.nphrasings; k++)
			free(in->phrasings[k]);
		free(in->phrasings);
		free(in->phrasing_lines);
		for (size_t k = 0; k < in->pub.nneeds; k++)
			free(in->needs_buf[k]);
		free((char *)in->pub.name);
		free((char *)in->pub.plugin);
	}
	free(set->intents);
	for (size_t i = 0; i < set->nvocab; i++)
		free(set->vocab[i]);
	free(set->vocab);
	for (size_t i = 0; i < set->nfiles; i++)
		free(set->files[i]);
	free(set->files);
	free(set->flat);
	free(set->flat_intent);
	hr_prefilter_free(set->pf);
	free(set);
}

size_t hr_intents_count(const hr_intents *set)
{
	return set->nintents;
}

const struct hr_intent *hr_intents_get(const hr_intents *set, size_t i)
{
	return i < set->nintents ? &set->intents[i].pub : NULL;
}

/* Adds NAME to OUT (capacity CAP, N names so far) unless it is there already;
 * returns the new count. Names past CAP are counted but cannot be compared, so
 * a caller that wants them all passes a CAP as large as the count. */
static size_t add_unique(const char **out, size_t cap, size_t n, const char *name)
{
	for (size_t i = 0; i < n && i < cap; i++) {
		if (strcmp(out[i], name) == 0)
			return n;
	}
	if (n < cap)
		out[n] = name;
	return n + 1;
}

size_t hr_intents_slot_values(const hr_intents *set, const char *name, const char **out, size_t cap)
{
	const struct entity *e = find_entity(set, name, strlen(name));
	if (!e || !e->is_slot)
		return 0;
	/* A value is counted at its first phrase; comparing with the earlier
	 * phrases (not with OUT) keeps the count right when OUT is full. */
	size_t n = 0;
	for (size_t i = 0; i < e->nphrases; i++) {
		int dup = 0;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(e->phrases[k].canon, e->phrases[i].canon) == 0;
		if (dup)
			continue;
		if (n < cap)
			out[n] = e->phrases[i].canon;
		n++;
	}
	return n;
}

size_t hr_intents_slot_phrases(const hr_intents *set, const char *name, const char *value, const char **out,
                               int *prefix, size_t cap)
{
	const struct entity *e = find_entity(set, name, strlen(name));
	if (!e || !e->is_slot)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < e->nphrases; i++) {
		if (strcmp(e->phrases[i].canon, value) != 0)
			continue;
		if (n < cap) {
			out[n] = e->phrases[i].text;
			if (prefix)
				prefix[n] = e->phrases[i].prefix;
		}
		n++;
	}
	return n;
}

/* Whether pattern source SRC refers to {NAME} somewhere a match can capture
 * it: outside negative lookarounds such as ^(?!.*{drug}), which only ever
 * match when the slot is absent. */
static int captures_outside_negation(const char *src, const char *name)
{
	size_t nl = strlen(name);
	char neg[64]; /* one flag per open group, up to 64 deep */
	int depth = 0, negated = 0, in_class = 0;
	for (const char *p = src; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (in_class) {
			in_class = *p != ']';
			continue;
		}
		if (*p == '[') {
			in_class = 1;
			if (p[1] == ']')
				p++; /* "[]...]": the first ] is a member */
		} else if (*p == '(') {
			int is_neg = strncmp(p, "(?!", 3) == 0 || strncmp(p, "(?<!", 4) == 0;
			if (depth < 64)
				neg[depth] = (char)is_neg;
			depth++;
			negated += is_neg;
		} else if (*p == ')' && depth > 0) {
			depth--;
			if (depth < 64)
				negated -= neg[depth];
		} else if (*p == '{' && strncmp(p + 1, name, nl) == 0 && p[1 + nl] == '}' && !negated) {
			return 1;
		}
	}
	return 0;
}

size_t hr_intents_intent_slots(const hr_intents *set, const struct hr_intent *pub, const char **out,
                               size_t cap)
{
	const struct intent *in = (const struct intent *)pub; /* pub is the first member */
	size_t n = 0;
	for (size_t i = 0; i < pub->nneeds; i++)
		n = add_unique(out, cap, n, pub->needs[i]);
	for (size_t k = 0; k < in->npatterns; k++) {
		const struct pattern *pt = &in->patterns[k];
		for (size_t g = 0; g < pt->ngroups; g++) {
			const struct entity *e = pt->groups[g].entity;
			if (e && captures_outside_negation(pt->source, e->name))
				n = add_unique(out, cap, n, e->name);
		}
	}
	(void)set;
	return n;
}

hr_matcher *hr_matcher_new(const hr_intents *set, const struct hr_match_limits *limits)
{
	struct hr_match_limits def = {.match_limit = 100000, .depth_limit = 1000, .use_jit = 1};
	if (!limits)
		limits = &def;
	hr_matcher *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->set = set;
	/* 32 capture pairs is far more than any sane pattern uses; patterns with
	 * more still match, they just report fewer groups. */
	m->md = pcre2_match_data_create(32, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	if (!m->md || !m->mctx)
		goto fail;
	pcre2_set_match_limit(m->mctx, limits->match_limit);
	pcre2_set_depth_limit(m->mctx, limits->depth_limit);
	if (limits->use_jit) {
		m->jit_stack = pcre2_jit_stack_create(32 * 1024, 256 * 1024, NULL);
		if (m->jit_stack)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
	} else {
		m->match_options = PCRE2_NO_JIT;
	}
	if (set->pf && !limits->no_prefilter) {
		m->pfs = hr_prefilter_scratch_new(set->pf);
		m->bits = calloc((set->nflat + 63) / 64 + 1, sizeof(uint64_t));
		if (!m->pfs || !m->bits)
			goto fail;
	}
	return m;
fail:
	hr_matcher_free(m);
	return NULL;
}

void hr_matcher_free(hr_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit_stack);
	hr_prefilter_scratch_free(m->pfs);
	free(m->bits);
	free(m);
}

/* Compares a captured text with a phrase, ignoring spaces and hyphens, the way the
 * compiled alternation matched it. */
static int phrase_equal(const char *cap, size_t caplen, const struct phrase *ph)
{
	const char *a = cap, *ae = cap + caplen, *b = ph->text;
	for (;;) {
		while (a < ae && (*a == ' ' || *a == '-'))
			a++;
		while (*b == ' ' || *b == '-')
			b++;
		if (a == ae || !*b)
			break;
		if (tolower((unsigned char)*a) != *b)
			return 0;
		a++, b++;
	}
	if (*b)
		return 0;
	return a == ae || ph->prefix;
}

static void put_slot(struct hr_candidate *c, const char *name, const char *value, size_t vlen)
{
	if (hr_candidate_slot(c, name) || c->nslots >= HR_MAX_SLOTS)
		return;
	struct hr_slot *s = &c->slots[c->nslots++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (vlen >= sizeof(s->value))
		vlen = sizeof(s->value) - 1;
	memcpy(s->value, value, vlen);
	s->value[vlen] = '\0';
}

static void fill_slots(const struct pattern *pt, const char *text, const PCRE2_SIZE *ov, uint32_t npairs,
                       struct hr_candidate *c)
{
	c->nslots = 0;
	for (size_t g = 0; g < pt->ngroups; g++) {
		const struct group *gr = &pt->groups[g];
		if ((uint32_t)gr->number >= npairs || ov[2 * gr->number] == PCRE2_UNSET)
			continue;
		const char *cap = text + ov[2 * gr->number];
		size_t caplen = ov[2 * gr->number + 1] - ov[2 * gr->number];
		const char *value = cap;
		size_t vlen = caplen;
		if (gr->entity) {
			for (size_t k = 0; k < gr->entity->nphrases; k++) {
				if (phrase_equal(cap, caplen, &gr->entity->phrases[k])) {
					value = gr->entity->phrases[k].canon;
					vlen = strlen(value);
					break;
				}
			}
		}
		put_slot(c, gr->name, value, vlen);
	}
}

/* True when candidate A ranks before B (see hr_intents_match). */
static int ranks_before(const struct hr_candidate *a, const struct hr_candidate *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	if (a->covered != b->covered)
		return a->covered > b->covered;
	if (a->nslots != b->nslots)
		return a->nslots > b->nslots;
	return a->intent->order < b->intent->order;
}

static void insert_candidate(struct hr_match *out, const struct hr_candidate *c)
{
	size_t pos = out->ncandidates;
	while (pos > 0 && ranks_before(c, &out->candidates[pos - 1]))
		pos--;
	if (pos >= HR_MAX_CANDIDATES) {
		out->dropped++;
		return;
	}
	if (out->ncandidates == HR_MAX_CANDIDATES) {
		out->dropped++;
		out->ncandidates--;
	}
	memmove(&out->candidates[pos + 1], &out->candidates[pos], (out->ncandidates - pos) * sizeof(*c));
	out->candidates[pos] = *c;
	out->ncandidates++;
}

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

/*
 * Copies TEXT to OUT, replacing each word of six or more letters that the
 * vocabulary does not know with the nearest vocabulary word (same first letter;
 * one edit for words up to eight letters, two for longer ones).
 */
static void correct_spelling(const hr_intents *set, const char *text, char *out, size_t cap)
{
	size_t o = 0;
	const char *c = text;
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
		size_t bestlen = wl;
		int alpha = 1;
		for (size_t i = 0; i < wl; i++)
			alpha &= isalpha((unsigned char)w[i]) != 0;
		if (alpha && wl >= 6 && wl < 40) {
			char word[40]; /* lower-cased, as the vocabulary is */
			for (size_t i = 0; i < wl; i++)
				word[i] = (char)tolower((unsigned char)w[i]);
			word[wl] = '\0';
			if (!vocab_has(set, word)) {
				int max = wl >= 9 ? 2 : 1, bestd = max + 1;
				for (size_t v = 0; v < set->nvocab; v++) {
					const char *cand = set->vocab[v];
					if (cand[0] != word[0])
						continue;
					size_t cl = strlen(cand);
					int d = edit_distance(word, wl, cand, cl, max);
					if (d < bestd) {
						bestd = d;
						best = cand;
						bestlen = cl;
					}
				}
			}
		}
		if (!best) {
			best = w;
			bestlen = wl;
		}
		if (o + bestlen + 1 > cap)
			break;
		/* ASCII letters lower-cased: see needs_caseless. */
		for (size_t i = 0; i < bestlen; i++)
			out[o++] = (char)tolower((unsigned char)best[i]);
	}
	out[o] = '\0';
}

/* The best match of the intent being matched so far. */
struct best {
	uint32_t intent;
	int found;
	struct hr_candidate c;
};

/* Runs pattern G (in flat order) and keeps its match when it is the best of its
 * intent; the previous intent's best becomes a candidate when G starts a new one. */
static void try_pattern(hr_matcher *m, size_t g, const char *subject, size_t len, struct hr_match *out,
                        struct best *b)
{
	const hr_intents *set = m->set;
	const struct pattern *pt = set->flat[g];
	uint32_t i = set->flat_intent[g];
	if (i != b->intent) {
		if (b->found)
			insert_candidate(out, &b->c);
		b->intent = i;
		b->found = 0;
	}
	if (!pt->code)
		return;
	out->patterns_tried++;
	int rc = pcre2_match(pt->code, (PCRE2_SPTR)subject, len, 0, m->match_options, m->md, m->mctx);
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		out->limit_hit = 1;
		return;
	}
	if (rc < 0)
		return;
	const struct intent *in = &set->intents[i];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	struct hr_candidate c = {.intent = &in->pub, .priority = in->pub.priority};
	c.covered = (int)(ov[1] - ov[0]);
	c.start = (int)ov[0];
	fill_slots(pt, subject, ov, pcre2_get_ovector_count(m->md), &c);
	if (!b->found || ranks_before(&c, &b->c)) {
		b->c = c;
		b->found = 1;
	}
}

int hr_intents_match(hr_matcher *m, const char *text, struct hr_match *out)
{
	const hr_intents *set = m->set;
	out->ncandidates = 0;
	out->dropped = 0;
	out->limit_hit = 0;
	out->patterns_tried = 0;
	correct_spelling(set, text, out->corrected, sizeof(out->corrected));
	const char *subject = out->corrected;
	size_t len = strlen(subject);
	struct best b = {.intent = UINT32_MAX};

	/* Patterns are tried in the same order with or without the prefilter,
	 * and it only leaves out patterns that cannot match, so the ranking is
	 * the same; it just costs a handful of matches instead of hundreds. */
	if (m->pfs && hr_prefilter_run(set->pf, m->pfs, subject, len, m->bits) == 0) {
		size_t nwords = (set->nflat + 63) / 64;
		for (size_t w = 0; w < nwords; w++) {
			uint64_t x = m->bits[w];
			m->bits[w] = 0;
			while (x) {
				size_t g = w * 64 + (size_t)__builtin_ctzll(x);
				x &= x - 1;
				try_pattern(m, g, subject, len, out, &b);
			}
		}
	} else {
		for (size_t g = 0; g < set->nflat; g++)
			try_pattern(m, g, subject, len, out, &b);
	}
	if (b.found)
		insert_candidate(out, &b.c);
	return (int)out->ncandidates;
}

size_t hr_intents_entity_count(const hr_intents *set)
{
	return set->nentities;
}

int hr_intents_entity(const hr_intents *set, size_t i, struct hr_entity_view *out)
{
	if (i >= set->nentities)
		return -ENOENT;
	const struct entity *e = &set->entities[i];
	if (!e->vtext)
		return -ENOMEM; /* not compiled */
	out->name = e->name;
	out->is_slot = e->is_slot;
	out->nphrases = e->nphrases;
	out->phrases = e->vtext;
	out->canons = e->vcanon;
	out->prefix = e->vprefix;
	return 0;
}

void hr_intents_correct(const hr_intents *set, const char *text, char *out, size_t cap)
{
	correct_spelling(set, text, out, cap);
}

const char *hr_candidate_slot(const struct hr_candidate *c, const char *name)
{
	for (size_t i = 0; i < c->nslots; i++) {
		if (strcmp(c->slots[i].name, name) == 0)
			return c->slots[i].value;
	}
	return NULL;
}
