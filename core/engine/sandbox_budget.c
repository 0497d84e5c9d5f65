/*
 * A plugin call's budget (sandbox.c has the whole contract): a count hook and
 * a deadline on the thread's CPU clock, and the kill that makes every later
 * instruction and pcall raise. Used by the host (sandbox.c) and the bounded
 * library (sandbox_lib.c); it calls neither.
 */
#include <lauxlib.h>
#include <lua.h>
#include <time.h>

#include "sandbox_int.h"

static void budget_hook(lua_State *L, lua_Debug *ar);

/* Marks the call in progress as over its budget: from now on every
 * instruction raises (budget_hook), and so does every pcall (l_pcall_cont,
 * sandbox.c). */
void sb_kill(struct plugin *p)
{
	p->killed = 1;
	lua_sethook(p->L, budget_hook, LUA_MASKCOUNT, 1);
}

struct plugin *sb_plugin_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

/*
 * The budget is counted on the thread's CPU clock, not the wall clock: what it
 * guards is the loop's time taken by a plugin, and a plugin cannot wait (it has
 * no I/O, sleep or locks), so its wall time beyond its CPU time is time the
 * kernel gave to other processes. On a loaded machine (CI running tests two at
 * a time) a wall-clock budget stopped correct plugins mid-answer; the CPU clock
 * still stops a hog within the budget on any machine.
 */
#define BUDGET_CLOCK CLOCK_THREAD_CPUTIME_ID

/*
 * The clock is read at the looks only, never at the start of a call: that read
 * was one system call of the four a question costs (docs/performance.md,
 * fourth round), and a call that ends before its first look (most of them)
 * needs none. The first look sets the deadline at the budget from then, so
 * the call may run one look's interval more than its budget before it (the
 * instructions, bounded C calls or allocation between two looks: tens of
 * microseconds, as between any two looks), against a budget of milliseconds.
 */
int sb_past(struct plugin *p)
{
	struct timespec now;
	clock_gettime(BUDGET_CLOCK, &now);
	if (!p->deadline_set) {
		p->deadline_set = 1;
		p->deadline = now;
		p->deadline.tv_sec += p->budget_ms / 1000;
		p->deadline.tv_nsec += (long)(p->budget_ms % 1000) * 1000000L;
		if (p->deadline.tv_nsec >= 1000000000L) {
			p->deadline.tv_sec++;
			p->deadline.tv_nsec -= 1000000000L;
		}
		return p->budget_ms == 0;
	}
	const struct timespec *t = &p->deadline;
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* Every CLOCK_EVERY calls: whether the call in progress is past its deadline. */
static int sb_clock_due(struct plugin *p)
{
	if (p->clock_countdown > 1) {
		p->clock_countdown--;
		return 0;
	}
	p->clock_countdown = CLOCK_EVERY;
	return sb_past(p);
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	struct plugin *p = sb_plugin_of(L);
	if (!p->killed) {
		if (p->instr_left != (unsigned long)-1) {
			p->instr_left = p->instr_left > HOOK_EVERY ? p->instr_left - HOOK_EVERY : 0;
		}
		/* From now on every instruction raises, including those of any
		 * handler the plugin installed with pcall. */
		if (p->instr_left == 0 || sb_clock_due(p))
			sb_kill(p);
	}
	if (p->killed)
		luaL_error(L, KILL_MESSAGE);
}

/* Raises the kill error when the call in progress is past its deadline: for
 * C functions, which run between two visits of the hook. */
void sb_check_budget(lua_State *L, struct plugin *p)
{
	if (!p->killed && sb_clock_due(p))
		sb_kill(p);
	if (p->killed)
		luaL_error(L, KILL_MESSAGE);
}

void sb_start_budget(struct plugin *p, unsigned ms, unsigned long instr, size_t string_max)
{
	p->budget_ms = ms;
	p->deadline_set = 0; /* set at the first look (sb_past()) */
	p->instr_left = instr ? instr : (unsigned long)-1;
	p->killed = 0;
	p->alloc_failed = 0;
	p->string_refused = 0;
	p->string_max = string_max;
	p->grown = 0;
	p->sort_countdown = 0;
	p->clock_countdown = CLOCK_EVERY;
	p->calling = 1;
	lua_sethook(p->L, budget_hook, LUA_MASKCOUNT, HOOK_EVERY);
}
