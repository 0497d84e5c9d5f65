/*
 * Lua 5.4 pattern matching with a step budget; see luapat.h.
 *
 * The matching functions follow lstrlib.c of Lua 5.4.4 (Copyright (C)
 * 1994-2022 Lua.org, PUC-Rio; MIT licence, as herald's own), so that plugins
 * see exactly Lua's patterns. What differs: errors and the budget leave
 * through a longjmp() to hr_luapat_find() instead of luaL_error(), and every
 * step of the backtracking is counted.
 */
#include "luapat.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAXCCALLS 200 /* Lua's limit on the matcher's recursion */
#define L_ESC '%'
#define SPECIALS "^$*+?.([%-"

#define uchar(c) ((unsigned char)(c))

static const char *match(struct hr_luapat *ms, const char *s, const char *p);

/* Leaves the search in progress with RC (a negative errno). */
static void fail(struct hr_luapat *ms, int rc, const char *why)
{
	if (why)
		snprintf(ms->err, sizeof(ms->err), "%s", why);
	ms->rc = rc;
	longjmp(*ms->jb, 1);
}

/* One step of the search; every HR_LUAPAT_CHECK_EVERY, the caller decides
 * whether the budget allows more. */
static void step(struct hr_luapat *ms)
{
	if (--ms->countdown == 0) {
		ms->countdown = HR_LUAPAT_CHECK_EVERY;
		if (ms->stop && ms->stop(ms->ud))
			fail(ms, -ETIME, "time budget exceeded");
	}
}

static int check_capture(struct hr_luapat *ms, int l)
{
	l -= '1';
	if (l < 0 || l >= ms->level || ms->capture[l].len == HR_LUAPAT_UNFINISHED) {
		char why[64];
		snprintf(why, sizeof(why), "invalid capture index %%%d", l + 1);
		fail(ms, -EINVAL, why);
	}
	return l;
}

static int capture_to_close(struct hr_luapat *ms)
{
	int level = ms->level;
	for (level--; level >= 0; level--) {
		if (ms->capture[level].len == HR_LUAPAT_UNFINISHED)
			return level;
	}
	fail(ms, -EINVAL, "invalid pattern capture");
	return 0;
}

static const char *classend(struct hr_luapat *ms, const char *p)
{
	switch (*p++) {
	case L_ESC:
		if (p == ms->p_end)
			fail(ms, -EINVAL, "malformed pattern (ends with '%')");
		return p + 1;
	case '[':
		if (*p == '^')
			p++;
		do { /* look for a ']' */
			if (p == ms->p_end)
				fail(ms, -EINVAL, "malformed pattern (missing ']')");
			if (*(p++) == L_ESC && p < ms->p_end)
				p++; /* skip escapes (e.g. '%]') */
		} while (*p != ']');
		return p + 1;
	default:
		return p;
	}
}

static int match_class(int c, int cl)
{
	int res;
	switch (tolower(cl)) {
	case 'a':
		res = isalpha(c);
		break;
	case 'c':
		res = iscntrl(c);
		break;
	case 'd':
		res = isdigit(c);
		break;
	case 'g':
		res = isgraph(c);
		break;
	case 'l':
		res = islower(c);
		break;
	case 'p':
		res = ispunct(c);
		break;
	case 's':
		res = isspace(c);
		break;
	case 'u':
		res = isupper(c);
		break;
	case 'w':
		res = isalnum(c);
		break;
	case 'x':
		res = isxdigit(c);
		break;
	case 'z':
		res = (c == 0);
		break; /* deprecated option */
	default:
		return cl == c;
	}
	return islower(cl) ? res : !res;
}

static int matchbracketclass(int c, const char *p, const char *ec)
{
	int sig = 1;
	if (*(p + 1) == '^') {
		sig = 0;
		p++; /* skip the '^' */
	}
	while (++p < ec) {
		if (*p == L_ESC) {
			p++;
			if (match_class(c, uchar(*p)))
				return sig;
		} else if (*(p + 1) == '-' && p + 2 < ec) {
			p += 2;
			if (uchar(*(p - 2)) <= c && c <= uchar(*p))
				return sig;
		} else if (uchar(*p) == c) {
			return sig;
		}
	}
	return !sig;
}

static int singlematch(struct hr_luapat *ms, const char *s, const char *p, const char *ep)
{
	if (s >= ms->src_end)
		return 0;
	int c = uchar(*s);
	switch (*p) {
	case '.':
		return 1; /* matches any char */
	case L_ESC:
		return match_class(c, uchar(*(p + 1)));
	case '[':
		return matchbracketclass(c, p, ep - 1);
	default:
		return uchar(*p) == c;
	}
}

static const char *matchbalance(struct hr_luapat *ms, const char *s, const char *p)
{
	if (p >= ms->p_end - 1)
		fail(ms, -EINVAL, "malformed pattern (missing arguments to '%b')");
	if (s >= ms->src_end || *s != *p)
		return NULL;
	int b = *p, e = *(p + 1), cont = 1;
	while (++s < ms->src_end) {
		step(ms);
		if (*s == e) {
			if (--cont == 0)
				return s + 1;
		} else if (*s == b) {
			cont++;
		}
	}
	return NULL; /* string ends out of balance */
}

static const char *max_expand(struct hr_luapat *ms, const char *s, const char *p, const char *ep)
{
	ptrdiff_t i = 0; /* counts maximum expand for item */
	while (singlematch(ms, s + i, p, ep)) {
		step(ms);
		i++;
	}
	/* keeps trying to match with the maximum repetitions */
	while (i >= 0) {
		const char *res = match(ms, s + i, ep + 1);
		if (res)
			return res;
		i--; /* else didn't match; reduce 1 repetition to try again */
	}
	return NULL;
}

static const char *min_expand(struct hr_luapat *ms, const char *s, const char *p, const char *ep)
{
	for (;;) {
		const char *res = match(ms, s, ep + 1);
		if (res != NULL)
			return res;
		else if (singlematch(ms, s, p, ep))
			s++; /* try with one more repetition */
		else
			return NULL;
	}
}

static const char *start_capture(struct hr_luapat *ms, const char *s, const char *p, int what)
{
	int level = ms->level;
	if (level >= HR_LUAPAT_MAXCAPTURES)
		fail(ms, -EINVAL, "too many captures");
	ms->capture[level].init = s;
	ms->capture[level].len = what;
	ms->level = level + 1;
	const char *res = match(ms, s, p);
	if (res == NULL)
		ms->level--; /* undo capture */
	return res;
}

static const char *end_capture(struct hr_luapat *ms, const char *s, const char *p)
{
	int l = capture_to_close(ms);
	ms->capture[l].len = s - ms->capture[l].init; /* close capture */
	const char *res = match(ms, s, p);
	if (res == NULL)
		ms->capture[l].len = HR_LUAPAT_UNFINISHED; /* undo capture */
	return res;
}

static const char *match_capture(struct hr_luapat *ms, const char *s, int l)
{
	l = check_capture(ms, l);
	size_t len = (size_t)ms->capture[l].len;
	if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0)
		return s + len;
	return NULL;
}

static const char *match(struct hr_luapat *ms, const char *s, const char *p)
{
	if (ms->matchdepth-- == 0)
		fail(ms, -EINVAL, "pattern too complex");
	step(ms);
init: /* using goto's to optimize tail recursion */
	if (p != ms->p_end) {
		switch (*p) {
		case '(':                    /* start capture */
			if (*(p + 1) == ')') /* position capture? */
				s = start_capture(ms, s, p + 2, HR_LUAPAT_POSITION);
			else
				s = start_capture(ms, s, p + 1, HR_LUAPAT_UNFINISHED);
			break;
		case ')': /* end capture */
			s = end_capture(ms, s, p + 1);
			break;
		case '$':
			if (p + 1 != ms->p_end) /* is the '$' the last char in pattern? */
				goto dflt;
			s = (s == ms->src_end) ? s : NULL; /* check end of string */
			break;
		case L_ESC: /* escaped sequences not in the format class[*+?-]? */
			switch (*(p + 1)) {
			case 'b': /* balanced string? */
				s = matchbalance(ms, s, p + 2);
				if (s != NULL) {
					p += 4;
					goto init;
				}
				break;
			case 'f': { /* frontier? */
				p += 2;
				if (*p != '[')
					fail(ms, -EINVAL, "missing '[' after '%f' in pattern");
				const char *ep = classend(ms, p); /* points to what is next */
				char previous = (s == ms->src_init) ? '\0' : *(s - 1);
				if (!matchbracketclass(uchar(previous), p, ep - 1) &&
				    matchbracketclass(uchar(*s), p, ep - 1)) {
					p = ep;
					goto init;
				}
				s = NULL; /* match failed */
				break;
			}
			case '0':
			case '1':
			case '2':
			case '3':
			case '4':
			case '5':
			case '6':
			case '7':
			case '8':
			case '9': /* capture results (%0-%9)? */
				s = match_capture(ms, s, uchar(*(p + 1)));
				if (s != NULL) {
					p += 2;
					goto init;
				}
				break;
			default:
				goto dflt;
			}
			break;
		default:
		dflt : {                                  /* pattern class plus optional suffix */
			const char *ep = classend(ms, p); /* points to optional suffix */
			if (!singlematch(ms, s, p, ep)) {
				if (*ep == '*' || *ep == '?' || *ep == '-') { /* accept empty? */
					p = ep + 1;
					goto init;
				}
				s = NULL; /* '+' or no suffix: fail */
			} else {          /* matched once */
				switch (*ep) {
				case '?': { /* optional */
					const char *res = match(ms, s + 1, ep + 1);
					if (res != NULL) {
						s = res;
					} else {
						p = ep + 1;
						goto init;
					}
					break;
				}
				case '+':    /* 1 or more repetitions */
					s++; /* 1 match already done */
					     /* fall through */
				case '*':    /* 0 or more repetitions */
					s = max_expand(ms, s, p, ep);
					break;
				case '-': /* 0 or more repetitions (minimum) */
					s = min_expand(ms, s, p, ep);
					break;
				default: /* no suffix */
					s++;
					p = ep;
					goto init;
				}
			}
			break;
		}
		}
	}
	ms->matchdepth++;
	return s;
}

void hr_luapat_init(struct hr_luapat *ms, const char *s, size_t ls, const char *p, size_t lp,
                    int (*stop)(void *ud), void *ud)
{
	ms->src_init = s;
	ms->src_end = s + ls;
	ms->p_init = p;
	ms->p_end = p + lp;
	ms->level = 0;
	ms->err[0] = '\0';
	ms->stop = stop;
	ms->ud = ud;
	ms->countdown = HR_LUAPAT_CHECK_EVERY;
}

int hr_luapat_find(struct hr_luapat *ms, const char *from, int anchor, const char *lastmatch,
                   const char **start, const char **end)
{
	const char *p = ms->p_init;
	jmp_buf jb;
	ms->jb = &jb;
	ms->rc = 0;
	if (setjmp(jb)) {
		ms->level = 0;
		return ms->rc;
	}
	for (const char *s1 = from; s1 <= ms->src_end; s1++) {
		ms->level = 0;
		ms->matchdepth = MAXCCALLS;
		const char *e = match(ms, s1, p);
		if (e != NULL && e != lastmatch) {
			*start = s1;
			*end = e;
			return 1;
		}
		if (anchor)
			break;
		step(ms);
	}
	ms->level = 0;
	return 0;
}

int hr_luapat_is_plain(const char *p, size_t lp)
{
	size_t upto = 0;
	do {
		if (strpbrk(p + upto, SPECIALS))
			return 0;             /* pattern has a special character */
		upto += strlen(p + upto) + 1; /* may have more after \0 */
	} while (upto <= lp);
	return 1;
}
