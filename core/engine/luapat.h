/*
 * Lua 5.4 patterns with a step budget: the matching behind string.find,
 * string.match, string.gmatch and string.gsub for plugins (sandbox.c).
 *
 * Lua's own matcher runs inside one C call, where the instruction hook that
 * enforces a plugin's time budget never fires: a pattern such as
 * ("a-"):rep(30) .. "b" against 30 letters backtracks for longer than the
 * universe's age. This is the same matcher (Lua 5.4.4's lstrlib.c, same
 * syntax, same results), but it counts its steps and asks the caller every
 * few thousand whether to go on, so a match ends soon after the budget does.
 *
 * Plain C: no lua.h. The caller turns captures into Lua values.
 */
#ifndef HERALD_LUAPAT_H
#define HERALD_LUAPAT_H

#include <setjmp.h>
#include <stddef.h>

#define HR_LUAPAT_MAXCAPTURES 32 /* LUA_MAXCAPTURES */
#define HR_LUAPAT_UNFINISHED (-1)
#define HR_LUAPAT_POSITION (-2)
/* Steps between two questions to the caller's STOP function. */
#define HR_LUAPAT_CHECK_EVERY 4096

struct hr_luapat {
	/* The subject and the pattern; both must be followed by a '\0' (as Lua
	 * strings are), which the matcher may read but never matches past. */
	const char *src_init, *src_end, *p_end;
	/* Captures of the last successful hr_luapat_find(): LEVEL of them; LEN
	 * is a length, or HR_LUAPAT_POSITION for a position capture "()". */
	int level;
	struct {
		const char *init;
		ptrdiff_t len;
	} capture[HR_LUAPAT_MAXCAPTURES];
	/* Why hr_luapat_find() failed with -EINVAL, in Lua's words. */
	char err[96];
	/* Private. */
	const char *p_init;
	int matchdepth;
	unsigned countdown;
	int (*stop)(void *ud);
	void *ud;
	jmp_buf *jb;
	int rc;
};

/*
 * Prepares MS for subject S (LS bytes) and pattern P (LP bytes, without the
 * leading '^' of an anchored pattern, which the caller strips). STOP is
 * called with UD every HR_LUAPAT_CHECK_EVERY steps; once it returns nonzero
 * the search ends with -ETIME.
 */
void hr_luapat_init(struct hr_luapat *ms, const char *s, size_t ls, const char *p, size_t lp,
                    int (*stop)(void *ud), void *ud);

/*
 * Finds the first position from FROM on (FROM alone when ANCHOR) where the
 * pattern matches with an end other than LASTMATCH (NULL: any end; gmatch
 * and gsub pass their previous end so that an empty match is not repeated).
 * Positions up to and including the subject's end are tried.
 * Returns 1 with *START and *END set and the captures in MS, 0 when there is
 * no match, -EINVAL for a malformed pattern (MS->err) or -ETIME when STOP
 * said so.
 */
int hr_luapat_find(struct hr_luapat *ms, const char *from, int anchor, const char *lastmatch,
                   const char **start, const char **end);

/* Whether the pattern P (LP bytes) has none of Lua's special characters, so
 * a plain search finds the same. */
int hr_luapat_is_plain(const char *p, size_t lp);

#endif
