/*
 * The intent engine, reading intent files (docs/intents.md): entities, word
 * lists, groups, patterns and intents, with errors at file:line. See intent.c.
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

struct entity *in_find_entity(const hr_intents *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->nentities; i++) {
		if (strlen(set->entities[i].name) == len && memcmp(set->entities[i].name, name, len) == 0)
			return &set->entities[i];
	}
	return NULL;
}

const struct hr_intent *hr_intents_find(const hr_intents *set, const char *name)
{
	if (set->by_name && set->nby_name == set->nintents) {
		size_t lo = 0, hi = set->nby_name;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(set->by_name[mid]->name, name);
			if (c == 0)
				return set->by_name[mid];
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return NULL;
	}
	for (size_t i = 0; i < set->nintents; i++) {
		if (strcmp(set->intents[i].pub.name, name) == 0)
			return &set->intents[i].pub;
	}
	return NULL;
}

/* Adds one phrase to E; returns 0 or -ENOMEM. CANON NULL means "the phrase itself". */
static int add_phrase(struct hr_strpool *strs, struct entity *e, const char *raw, const char *canon)
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
	p->text = hr_strpool_dup(strs, norm);
	p->canon = canon ? hr_strpool_dup(strs, canon) : p->text;
	p->prefix = prefix;
	return p->text && p->canon ? 0 : -ENOMEM;
}

/* Parses "value = a, b, c" (slots) or "a, b, c" into E. In a slot block without
 * "value =", the first phrase of the line is the value. */
static int parse_phrases(struct hr_strpool *strs, struct entity *e, char *line)
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
		int rc = add_phrase(strs, e, tok, canon);
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

int hr_intents_scan(const char *file, const char *text, size_t len, hr_intents_line_fn fn, void *fn_ud,
                    hr_diag_fn diag, void *ud)
{
	int errors = 0;
	const char *block = NULL; /* NULL: outside any block, or skipping one */
	int in_block = 0;         /* a block line was read (its lines are not "outside") */
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

		struct hr_intents_line l = {.file = file, .line = lineno};
		if (!indented) {
			char *kw = s, *arg = s;
			while (*arg && *arg != ' ' && *arg != '\t')
				arg++;
			if (*arg)
				*arg++ = '\0';
			arg = trim(arg);
			in_block = 1;
			block = NULL;
			if (strcmp(kw, "slot") == 0 || strcmp(kw, "words") == 0 ||
			    strcmp(kw, "intent") == 0) {
				l.kind = HR_INTENTS_BLOCK;
				l.block = kw[0] == 's' ? "slot" : kw[0] == 'w' ? "words" : "intent";
				l.key = kw;
				l.value = arg;
				int rc = fn(fn_ud, &l);
				if (rc < 0)
					return rc;
				if (rc)
					errors++;
				else
					block = l.block;
			} else {
				hr_diagf(diag, ud, file, lineno,
				         "expected 'intent NAME', 'slot NAME' or 'words NAME', found '%s' "
				         "(lines inside a block must be indented)",
				         kw);
				errors++;
			}
			continue;
		}

		if (!in_block) {
			hr_diagf(diag, ud, file, lineno,
			         "indented line outside any intent, slot or words block");
			errors++;
			continue;
		}
		if (!block)
			continue; /* a block in error: its lines are skipped */
		l.block = block;
		if (block[0] == 'i') {
			char *colon = strchr(s, ':');
			if (!colon) {
				hr_diagf(diag, ud, file, lineno,
				         "expected 'key: value' (pattern, example, phrasing, priority, needs "
				         "or plugin)");
				errors++;
				continue;
			}
			*colon = '\0';
			l.kind = HR_INTENTS_KEY;
			l.key = trim(s);
			l.value = trim(colon + 1);
			if (!*l.value) {
				hr_diagf(diag, ud, file, lineno, "'%s' has no value", l.key);
				errors++;
				continue;
			}
		} else {
			/* An intent's line that landed in a word list (pasted below the
			 * wrong block) would quietly become phrases to match: say so. */
			static const char *const intent_keys[] = {
			    "pattern:", "example:", "phrasing:", "priority:",
			    "plugin:",  "needs:",   "overrides:"};
			int misplaced = 0;
			for (size_t k = 0; k < sizeof(intent_keys) / sizeof(intent_keys[0]); k++)
				if (strncmp(s, intent_keys[k], strlen(intent_keys[k])) == 0)
					misplaced = 1;
			if (misplaced) {
				hr_diagf(diag, ud, file, lineno,
				         "'%.*s' belongs to an intent, not to a %s block: move it under its "
				         "intent",
				         (int)(strchr(s, ':') - s + 1), s, block);
				errors++;
				continue;
			}
			l.kind = HR_INTENTS_PHRASES;
			l.value = s;
		}
		int rc = fn(fn_ud, &l);
		if (rc < 0)
			return rc;
		if (rc)
			errors++;
	}
	return errors ? -EINVAL : 0;
}

/* hr_intents_add_text()'s reading: the set being built and where it is. */
struct add_state {
	hr_intents *set;
	const char *file; /* interned in the set */
	struct entity *ent;
	size_t cur; /* index of the current intent */
	hr_diag_fn diag;
	void *ud;
};

/* A block line: a new slot, word list or intent, checked. */
static int add_block(struct add_state *st, const struct hr_intents_line *l)
{
	hr_intents *set = st->set;
	const char *kw = l->key, *arg = l->value, *file = st->file;
	hr_diag_fn diag = st->diag;
	void *ud = st->ud;
	int lineno = l->line;
	if (l->block[0] != 'i') {
		if (!valid_name(arg, 0)) {
			hr_diagf(diag, ud, file, lineno,
			         "bad %s name '%s' (use lower-case letters, digits and _)", kw, arg);
			return 1;
		}
		if (in_find_entity(set, arg, strlen(arg))) {
			hr_diagf(diag, ud, file, lineno, "%s '%s' is defined twice", kw, arg);
			return 1;
		}
		struct entity *ent = PUSH(set->entities, set->nentities);
		if (!ent)
			return -ENOMEM;
		memset(ent, 0, sizeof(*ent));
		ent->name = strdup(arg);
		ent->is_slot = kw[0] == 's';
		ent->file = (char *)file;
		ent->line = lineno;
		st->ent = ent;
		return 0;
	}
	/* "fallback" is allowed: its patterns name questions that must get the
	 * fallback answer even when other intents match them. */
	if (!valid_name(arg, 1)) {
		hr_diagf(diag, ud, file, lineno,
		         "bad intent name '%s' (use dotted lower-case words such as "
		         "treatment.trastuzumab)",
		         arg);
		return 1;
	}
	const struct hr_intent *dup = hr_intents_find(set, arg);
	if (dup) {
		hr_diagf(diag, ud, file, lineno, "intent '%s' is already defined at %s:%d", arg, dup->file,
		         dup->line);
		return 1;
	}
	struct intent *in = PUSH(set->intents, set->nintents);
	if (!in)
		return -ENOMEM;
	memset(in, 0, sizeof(*in));
	in->pub.name = strdup(arg);
	in->pub.file = file;
	in->pub.line = lineno;
	in->pub.order = (int)set->nintents - 1;
	st->cur = set->nintents - 1;
	return 0;
}

/* A line of a slot or words block: its phrases. */
static int add_phrases(struct add_state *st, const struct hr_intents_line *l)
{
	struct entity *ent = &st->set->entities[st->set->nentities - 1];
	if (strchr(l->value, '=') && !ent->is_slot) {
		hr_diagf(st->diag, st->ud, st->file, l->line,
		         "'value = phrases' lines belong in a slot block, not in words '%s'", ent->name);
		return 1;
	}
	int rc = parse_phrases(&st->set->strs, ent, l->value);
	if (rc == -ENOMEM)
		return rc;
	if (rc) {
		hr_diagf(st->diag, st->ud, st->file, l->line, "a phrase is too long");
		return 1;
	}
	return 0;
}

/* A "key: value" line of an intent block. */
static int add_key(struct add_state *st, const struct hr_intents_line *l)
{
	struct intent *in = &st->set->intents[st->cur];
	const char *key = l->key, *file = st->file;
	char *val = l->value;
	hr_diag_fn diag = st->diag;
	void *ud = st->ud;
	int lineno = l->line;
	if (strcmp(key, "pattern") == 0) {
		struct pattern *pt = PUSH(in->patterns, in->npatterns);
		if (!pt)
			return -ENOMEM;
		memset(pt, 0, sizeof(*pt));
		pt->source = hr_strpool_dup(&st->set->strs, val);
		if (!pt->source)
			return -ENOMEM;
		pt->file = (char *)file;
		pt->line = lineno;
	} else if (strcmp(key, "example") == 0) {
		size_t n = in->pub.nexamples;
		char **ex = PUSH(in->examples, in->pub.nexamples);
		if (!ex)
			return -ENOMEM;
		*ex = hr_strpool_dup(&st->set->strs, val);
		in->example_lines = grow(in->example_lines, n, sizeof(int));
		if (!*ex || !in->example_lines)
			return -ENOMEM;
		in->example_lines[n] = lineno;
	} else if (strcmp(key, "phrasing") == 0) {
		size_t n = in->pub.nphrasings;
		char **ph = PUSH(in->phrasings, in->pub.nphrasings);
		if (!ph)
			return -ENOMEM;
		*ph = hr_strpool_dup(&st->set->strs, val);
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
			return 1;
		}
		in->pub.priority = (int)v;
	} else if (strcmp(key, "plugin") == 0) {
		if (!valid_name(val, 0)) {
			hr_diagf(diag, ud, file, lineno, "bad plugin name '%s'", val);
			return 1;
		}
		free((char *)in->pub.plugin);
		in->pub.plugin = strdup(val);
	} else if (strcmp(key, "overrides") == 0) {
		/* Kept as written ("a, b"); herald check reads it. Repeated lines
		 * add to it. */
		char *prev = (char *)in->pub.overrides, *joined = NULL;
		if (asprintf(&joined, "%s%s%s", prev ? prev : "", prev ? ", " : "", val) < 0)
			return -ENOMEM;
		free(prev);
		in->pub.overrides = joined;
	} else if (strcmp(key, "needs") == 0) {
		char *save = NULL;
		for (char *t = strtok_r(val, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
			if (in->pub.nneeds >= HR_MAX_NEEDS) {
				hr_diagf(diag, ud, file, lineno, "at most %d needed slots", HR_MAX_NEEDS);
				return 1;
			}
			in->needs_buf[in->pub.nneeds] = strdup(t);
			in->pub.needs[in->pub.nneeds] = in->needs_buf[in->pub.nneeds];
			in->pub.nneeds++;
		}
	} else {
		hr_diagf(diag, ud, file, lineno,
		         "unknown key '%s' (expected pattern, example, phrasing, priority, needs, plugin "
		         "or overrides)",
		         key);
		return 1;
	}
	return 0;
}

static int add_line(void *ud, struct hr_intents_line *l)
{
	struct add_state *st = ud;
	switch (l->kind) {
	case HR_INTENTS_BLOCK:
		return add_block(st, l);
	case HR_INTENTS_PHRASES:
		return add_phrases(st, l);
	case HR_INTENTS_KEY:
		return add_key(st, l);
	}
	return 0;
}

int hr_intents_add_text(hr_intents *set, const char *name, const char *text, size_t len, hr_diag_fn diag,
                        void *ud)
{
	const char *file = intern_file(set, name);
	if (!file)
		return -ENOMEM;
	struct add_state st = {.set = set, .file = file, .diag = diag, .ud = ud};
	return hr_intents_scan(file, text, len, add_line, &st, diag, ud);
}

int hr_intents_add_file(hr_intents *set, const char *path, hr_diag_fn diag, void *ud)
{
	char *buf;
	size_t len;
	int rc = hr_read_file(path, 8u << 20, &buf, &len);
	if (rc == -EFBIG) {
		hr_diagf(diag, ud, path, 0, "file is larger than 8 MiB");
		return rc;
	}
	if (rc) {
		hr_diagf(diag, ud, path, 0, "cannot open: %s", strerror(-rc));
		return rc;
	}
	rc = hr_intents_add_text(set, path, buf, len, diag, ud);
	free(buf);
	return rc;
}

int in_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(void *set, const char *path, hr_diag_fn diag, void *ud)
{
	return hr_intents_add_file(set, path, diag, ud);
}

int hr_intents_add_dir(hr_intents *set, const char *dir, hr_diag_fn diag, void *ud)
{
	return hr_dir_add_files(dir, ".intents", add_file, set, diag, ud);
}
