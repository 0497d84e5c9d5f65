/*
 * The intent engine, compiling: {references} expanded into PCRE2 source
 * (entities as tries or flat lists), the vocabulary for spelling, the
 * prefilter, and each pattern compiled once. See intent.c.
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
#include "util.h"

#include "intent_int.h"

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
static void put_phrase_text(struct hr_buf *b, const char *text, int prefix)
{
	for (const char *c = text; *c; c++) {
		if (*c == ' ' || *c == '-') {
			hr_buf_puts(b, "[ -]?");
		} else if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80) {
			hr_buf_put(b, c, 1);
		} else {
			hr_buf_puts(b, "\\");
			hr_buf_put(b, c, 1);
		}
	}
	if (prefix)
		hr_buf_puts(b, "[a-z0-9]*");
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
static void trie_put(struct hr_buf *b, const struct trie_node *n, const struct entity *e, size_t off,
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
		hr_buf_puts(b, "(?:");
	for (size_t i = 0; i < n->nkids; i++) {
		const struct trie_node *k = &n->kids[i];
		int in_clash = nclash && clashes(sep, k);
		if (in_clash && clash_done++)
			continue;
		if (written++)
			hr_buf_puts(b, "|");
		if (in_clash) {
			/* ENDS is scratch shared with the recursion: fill it here. */
			memset(ends, 0, e->nphrases);
			for (size_t j = i; j < n->nkids; j++) {
				if (clashes(sep, &n->kids[j]))
					trie_ends(&n->kids[j], ends);
			}
			hr_buf_puts(b, "(?:");
			for (size_t p = 0, any = 0; p < e->nphrases; p++) {
				if (!ends[p])
					continue;
				if (any++)
					hr_buf_puts(b, "|");
				put_phrase_text(b, e->phrases[p].text + off, e->phrases[p].prefix);
			}
			hr_buf_puts(b, ")");
			continue;
		}
		if (k->tlen == 0) {
			hr_buf_puts(b, "[ -]?");
		} else {
			unsigned char c0 = (unsigned char)k->tok[0];
			if (!(isalnum(c0) || c0 >= 0x80))
				hr_buf_puts(b, "\\");
			hr_buf_put(b, k->tok, k->tlen);
		}
		trie_put(b, k, e, k->off, ends);
	}
	if (n->end != SIZE_MAX) {
		if (written)
			hr_buf_puts(b, "|");
		if (n->prefix)
			hr_buf_puts(b, "[a-z0-9]*");
	}
	if (group)
		hr_buf_puts(b, ")");
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
static void put_entity(struct hr_buf *b, const struct entity *e, enum entity_form form)
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
		hr_buf_puts(b, "(?=[");
		hr_buf_put(b, first, nfirst);
		hr_buf_puts(b, "])");
	}
	hr_buf_puts(b, "(?<![a-z0-9])");
	if (e->is_slot) {
		hr_buf_puts(b, "(?<");
		hr_buf_puts(b, e->name);
		hr_buf_puts(b, ">");
	} else {
		hr_buf_puts(b, "(?:");
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
				hr_buf_puts(b, "|");
			put_phrase_text(b, e->phrases[i].text, e->phrases[i].prefix);
		}
	}
	free(ends);
	trie_free(&root);
	hr_buf_puts(b, ")");
	/* "+" ends some phrases ("her2+"); a boundary after it is implied. */
	hr_buf_puts(b, "(?![a-z0-9])");
}

char *in_expand(const hr_intents *set, const char *src, char *bad, size_t badcap)
{
	struct hr_buf b = {0};
	for (const char *c = src; *c;) {
		if (*c == '\\' && c[1]) {
			hr_buf_put(&b, c, 2);
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
				const struct entity *e = in_find_entity(set, n, nl);
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
		hr_buf_put(&b, c, 1);
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
		/* The name table goes with the code, which is freed (PT_LAZY). */
		const char *name = (const char *)(e + 2);
		const struct entity *ent = in_find_entity(set, name, strlen(name));
		g->entity = ent && ent->is_slot ? ent : NULL;
		g->name = ent ? ent->name : (g->own = strdup(name));
		if (!g->name)
			return -ENOMEM;
	}
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
		struct hr_buf b = {0};
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
	/* The examples and phrasings are the questions people ask: their words
	 * tell the prefilter which words are common in a question (prefilter.h). */
	for (size_t i = 0; i < set->nintents; i++) {
		const struct intent *in = &set->intents[i];
		for (size_t k = 0; k < in->pub.nexamples; k++) {
			if (hr_prefilter_note_text(set->pf, in->examples[k]))
				return -ENOMEM;
		}
		for (size_t k = 0; k < in->pub.nphrasings; k++) {
			if (hr_prefilter_note_text(set->pf, in->phrasings[k]))
				return -ENOMEM;
		}
	}
	return hr_prefilter_build(set->pf);
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

/*
 * Whether pattern source SRC must be compiled caseless. hr_intents_match
 * lower-cases the ASCII letters of what it matches, so a pattern written in
 * lower-case ASCII matches the same without PCRE2_CASELESS, and is then about
 * a quarter smaller as JIT code and a tenth faster (docs/performance.md). A
 * capital letter that is not an escape ("\\S"), or any non-ASCII byte (an "é"
 * that should match "É"), keeps the pattern caseless, as every pattern was.
 */
int in_needs_caseless(const char *src)
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

static int by_name_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct hr_intent *const *)a)->name,
	              (*(const struct hr_intent *const *)b)->name);
}

/* The index hr_intents_find() searches (intent_int.h, by_name). */
static int build_by_name(hr_intents *set)
{
	free(set->by_name);
	set->nby_name = 0;
	if (!(set->by_name = malloc((set->nintents + 1) * sizeof(*set->by_name))))
		return -ENOMEM;
	for (size_t i = 0; i < set->nintents; i++)
		set->by_name[i] = &set->intents[i].pub;
	qsort(set->by_name, set->nintents, sizeof(*set->by_name), by_name_cmp);
	set->nby_name = set->nintents;
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
			char *src = in_expand(set, pt->source, bad, sizeof(bad));
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
			if (set->flat_phrases || in_needs_caseless(src))
				opts |= PCRE2_CASELESS;
			pt->opts = opts;
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
			if (resolve_groups(set, pt))
				return -ENOMEM;
			/* Compiled again, and JIT-compiled, when it first runs
			 * (intent_int.h, PT_LAZY). JIT is an optimisation: when it is
			 * unavailable the interpreter gives the same answers. */
			pcre2_code_free(pt->code);
			pt->code = NULL;
			pt->state = PT_LAZY;
		}
		in->pub.nfills = 0;
		size_t nf = hr_intents_intent_slots(set, &in->pub, in->pub.fills, HR_MAX_SLOTS);
		in->pub.nfills = nf < HR_MAX_SLOTS ? nf : HR_MAX_SLOTS;
	}
	if (in_spell_build(set) || build_prefilter(set) || build_by_name(set))
		return -ENOMEM;
	set->compiled = errors == 0;
	return errors ? -EINVAL : 0;
}
