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
 *
 * Files: prefilter_parse.c reads a pattern (the analysis above); this file
 * builds the automaton and matches; prefilter_int.h is what they share.
 */
#include "prefilter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"

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
		pf_info_free(&pf->macros[i].info);
	}
	free(pf->macros);
	for (size_t i = 0; pf->clauses && i < pf->nclauses; i++)
		pf_strs_free(&pf->clauses[i].lits);
	free(pf->clauses);
	for (size_t i = 0; pf->sources && i < pf->npatterns; i++)
		free(pf->sources[i]);
	free(pf->sources);
	for (size_t i = 0; i < pf->nwords_counted; i++)
		free(pf->words[i].w);
	free(pf->words);
	pf_strs_free(&pf->asked);
	free(pf->need);
	free(pf->always);
	free(pf->clause_pattern);
	free(pf->post_start);
	free(pf->post);
	free(pf->nodes);
	free(pf->node_c);
	free(pf->outs);
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
	long x = pf_clause_score(a), y = pf_clause_score(b);
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
	int rc = pf_analyse(pf, pf->sources[id], &a);
	if (rc)
		return rc < 0 ? rc : 0;
	struct info r = {0};
	if (pf_absorb(pf, &r, &a))
		return -ENOMEM;
	if (r.ncnf > 1) /* qsort's array may not be NULL, even when empty */
		qsort(r.cnf, r.ncnf, sizeof(*r.cnf), cmp_clause_score);
	size_t keep = r.ncnf < MAX_CLAUSES ? r.ncnf : MAX_CLAUSES;
	struct clause *v = keep ? realloc(pf->clauses, (pf->nclauses + keep) * sizeof(*v)) : pf->clauses;
	if (!v && keep) {
		pf_info_free(&r);
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
	pf_info_free(&r);
	return 0;
}

/* Adds the words of SRC to OUT: runs of letters and digits, lower case, cut
 * at EXACT_LEN. In a regex (REGEX set) an escaped character ends a word and
 * is skipped ("\\bher2" gives "her2", not "bher2"). */
static int add_words(struct strs *out, const char *src, int regex)
{
	for (const char *c = src; *c;) {
		if (regex && *c == '\\' && c[1]) {
			c += 2;
			continue;
		}
		if (!pf_is_alnum((unsigned char)*c)) {
			c++;
			continue;
		}
		char w[EXACT_LEN + 1];
		size_t n = 0;
		while (pf_is_alnum((unsigned char)*c)) {
			if (n < EXACT_LEN)
				w[n++] = (char)pf_lower((unsigned char)*c);
			c++;
		}
		if (pf_strs_add(out, w, n))
			return -ENOMEM;
	}
	return 0;
}

/* Counts the words of every macro and pattern. */
static int count_words(hr_prefilter *pf)
{
	struct strs all = {0};
	for (size_t i = 0; i < pf->nmacros + pf->npatterns; i++) {
		const char *src = i < pf->nmacros ? pf->macros[i].regex : pf->sources[i - pf->nmacros];
		if (add_words(&all, src, 1)) {
			pf_strs_free(&all);
			return -ENOMEM;
		}
	}
	qsort(all.v, all.n, sizeof(char *), pf_cmp_str);
	pf->words = malloc((all.n ? all.n : 1) * sizeof(*pf->words));
	if (!pf->words) {
		pf_strs_free(&all);
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

int hr_prefilter_note_text(hr_prefilter *pf, const char *text)
{
	return add_words(&pf->asked, text, 0);
}

/* Analyses every macro, then every pattern. */
static int analyse_all(hr_prefilter *pf)
{
	if (pf->asked.n)
		qsort(pf->asked.v, pf->asked.n, sizeof(char *), pf_cmp_str);
	int rc = count_words(pf);
	for (size_t i = 0; i < pf->nmacros && !rc; i++) {
		rc = pf_analyse(pf, pf->macros[i].regex, &pf->macros[i].info);
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

static inline uint32_t find_edge(const hr_prefilter *pf, uint32_t node, unsigned char c)
{
	if (node == 0)
		return c < 128 ? pf->root_next[c] : 0;
	for (uint32_t m = node_get(pf->nodes, node, NODE_CHILD),
	              end = node_get(pf->nodes, node + 1, NODE_CHILD);
	     m < end; m++) {
		if (pf->node_c[m] == c)
			return m;
	}
	return 0;
}

int hr_prefilter_build(hr_prefilter *pf)
{
	int rc = analyse_all(pf);
	pf_strs_free(&pf->asked); /* only the literals' choice reads them */
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
	int32_t *tlit = malloc(chars * sizeof(*tlit));
	if (!pf->post_start || !pf->post || !t || !tlit) {
		free(tlit);
		goto out;
	}
	/* The trie, numbered as its nodes are made (t, tlit). */
	size_t made = 1;
	tlit[0] = -1;
	uint32_t lit = 0;
	for (size_t i = 0; i < npairs; i++) {
		pf->post[i] = pairs[i].clause;
		if (i > 0 && strcmp(pairs[i].lit, pairs[i - 1].lit) == 0)
			continue;
		pf->post_start[lit] = (uint32_t)i;
		uint32_t n = 0;
		for (const unsigned char *c = (const unsigned char *)pairs[i].lit; *c; c++) {
			uint32_t ch = t[n].child;
			while (ch && t[ch].c != *c)
				ch = t[ch].sibling;
			if (!ch) {
				ch = (uint32_t)made++;
				t[ch].c = *c;
				t[ch].sibling = t[n].child;
				t[n].child = ch;
				tlit[ch] = -1;
			}
			n = ch;
		}
		tlit[n] = (int32_t)lit++;
	}
	pf->post_start[pf->nlits] = (uint32_t)npairs;

	/* Renumbered breadth first (queue[new] = old), so that a node's
	 * children are consecutive. */
	if (made + 1 > NODE_MAX || pf->nlits + 1 > NODE_MAX) {
		free(tlit);
		rc = -EFBIG;
		goto out;
	}
	pf->nnodes = made;
	pf->nodes = calloc((made + 1) * NODE_BYTES + NODE_PAD, 1);
	pf->node_c = malloc(made);
	pf->outs = calloc(pf->nlits + 1, sizeof(*pf->outs));
	queue = malloc(made * sizeof(uint32_t));
	if (!pf->nodes || !pf->node_c || !pf->outs || !queue) {
		free(tlit);
		goto out;
	}
	size_t qt = 1;
	queue[0] = 0;
	pf->node_c[0] = 0;
	for (size_t n = 0; n < made; n++) {
		node_set(pf->nodes, (uint32_t)n, NODE_CHILD, (uint32_t)qt);
		for (uint32_t ch = t[queue[n]].child; ch; ch = t[ch].sibling) {
			pf->node_c[qt] = t[ch].c;
			if (n == 0 && t[ch].c < 128)
				pf->root_next[t[ch].c] = (uint32_t)qt;
			queue[qt++] = ch;
		}
	}
	node_set(pf->nodes, (uint32_t)made, NODE_CHILD, (uint32_t)made);

	/* Failure links and outputs, breadth first: a node's failure is
	 * shallower, so its outputs are known by then. */
	uint32_t nouts = 0;
	for (uint32_t n = 0; n < made; n++) {
		uint32_t end = node_get(pf->nodes, n + 1, NODE_CHILD);
		for (uint32_t ch = node_get(pf->nodes, n, NODE_CHILD); ch < end; ch++) {
			uint32_t to = 0;
			if (n != 0) {
				uint32_t f = node_get(pf->nodes, n, NODE_FAIL);
				while ((to = find_edge(pf, f, pf->node_c[ch])) == 0 && f != 0)
					f = node_get(pf->nodes, f, NODE_FAIL);
			}
			node_set(pf->nodes, ch, NODE_FAIL, to);
			uint32_t out = node_get(pf->nodes, to, NODE_OUT);
			if (tlit[queue[ch]] >= 0) {
				pf->outs[++nouts] = (struct out){(uint32_t)tlit[queue[ch]], out};
				out = nouts;
			}
			node_set(pf->nodes, ch, NODE_OUT, out);
		}
	}
	free(tlit);
	rc = 0;
out:
	/* The literal strings are not needed to match; only the automaton is. */
	for (size_t i = 0; i < pf->nclauses; i++)
		pf_strs_free(&pf->clauses[i].lits);
	free(pf->clauses);
	pf->clauses = NULL;
	for (size_t i = 0; i < pf->nmacros; i++) {
		free(pf->macros[i].name);
		free(pf->macros[i].regex);
		pf_info_free(&pf->macros[i].info);
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
		state = node_get(pf->nodes, state, NODE_FAIL);
	for (uint32_t o = node_get(pf->nodes, to, NODE_OUT); o; o = pf->outs[o].next)
		hit(pf, s, pf->outs[o].lit, bits);
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
		int a = i < len && pf_is_alnum((unsigned char)text[i]);
		if (a != prev_alnum) {
			state = step(pf, s, state, MARK, bits);
			prev_alnum = a;
		}
		if (i < len)
			state = step(pf, s, state, (unsigned char)pf_lower((unsigned char)text[i]), bits);
	}
	return 0;
}
