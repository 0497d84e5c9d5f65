/*
 * A plugin call's budget (sandbox.c has the whole contract) and the kill that
 * makes every later instruction and pcall raise. Two ways to count it:
 *
 *  - a call without an instruction cap (every answer and load: the engine
 *    sets none) is timed by a periodic POSIX timer on the thread's CPU clock,
 *    one a thread, that keeps ticking from call to call: a call only stores
 *    itself in a thread-local at its start and clears it at its end, with no
 *    system call (arming and disarming a timer for every call were 2 of the ~6
 *    system calls a question on one connection; docs/performance.md, tenth
 *    round). A tick inside
 *    a call reads the CPU clock in the signal's handler, and once the call is
 *    past its budget marks it killed and sets the kill hook, as lua.c's
 *    laction() stops a script at SIGINT. Until then the call runs with no hook
 *    at all: a count hook puts Lua 5.4's VM in trap mode on every instruction,
 *    5-6% of a question and 22% of the dearest (eighth round);
 *  - a call with an instruction cap (tests) keeps the count hook, which counts
 *    the instructions and looks at the thread's CPU clock every CLOCK_EVERY
 *    visits; so does a thread whose timer could not be made.
 *
 * Used by the host (sandbox.c) and the bounded library (sandbox_lib.c); it
 * calls neither.
 */
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sandbox_int.h"

static void budget_hook(lua_State *L, lua_Debug *ar);

/* Marks the call in progress as over its budget: from now on every
 * instruction raises (budget_hook), and so does every pcall (l_pcall_cont,
 * sandbox.c). KILLED is set first: the timer's signal handler leaves a killed
 * call alone, so it never sets the hook under this call's lua_sethook(). */
void sb_kill(struct plugin *p)
{
	p->killed = 1;
	lua_sethook(p->L, budget_hook, LUA_MASKCOUNT, 1);
}

/* Raises the kill error. The signal handler's hook fires on every event,
 * calls and returns included; the error's message handler (a C function
 * call) would then raise again, so the hook becomes the kill's own first. */
void sb_raise_kill(lua_State *L)
{
	if (lua_gethook(L) != budget_hook || lua_gethookmask(L) != LUA_MASKCOUNT)
		lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
	luaL_error(L, KILL_MESSAGE);
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

/* ---- The ticking timer of calls without an instruction cap ----
 *
 * One timer a thread that runs plugins (the CLI's main thread, each worker of
 * the daemon, a thread that loads content), made at its first such call and
 * deleted by hr_plugins_thread_end() or, failing that, when the thread exits
 * (the key's destructor). It is periodic on the thread's CPU clock (TICK_NS)
 * and signals its own thread only (SIGEV_THREAD_ID). A call costs no system
 * call: it stores its plugin in TL_CALL at its start and NULL at its end, and
 * the signal's handler does the rest.
 *
 *  - A tick inside a call reads the thread's CPU clock. The first one of the
 *    call sets its deadline at the budget from then; a later one past the
 *    deadline kills the call. The call's start is never read (that read is a
 *    system call here), so a call may run up to the time before its first
 *    tick more than its budget, never less: that time is at most one period
 *    plus the kernel's delay in noticing an expiry (CPU timers are checked at
 *    the scheduler's tick: 4 ms at CONFIG_HZ=250), and a killed call ends at
 *    most one such delay past its deadline. At the default budget of 50 ms a
 *    hog ends 50-60 ms into it; most calls end long before their first tick.
 *  - A tick outside a call, when no call started since the tick before,
 *    disarms the timer (timer_settime() may be called from a handler), and
 *    the next call arms it again. So a thread gets at most two signals after
 *    its last call however long it works afterwards (a pool thread's other
 *    jobs, the CLI's printing), while a worker that answers questions keeps
 *    its timer ticking and pays nothing but the signal itself: at most one a
 *    scheduler tick of its CPU time (250 a second of CPU here), against two
 *    system calls a call. CPU time does not pass while a thread waits, so a
 *    waiting thread is never signalled.
 *
 * The handler is installed with SA_RESTART; a signal can still end a wait the
 * kernel never restarts (epoll_wait), which libuv retries. */
#define BUDGET_SIGNAL HR_PLUGINS_SIGNAL
/* The timer's period. Finer than the kernel checks CPU timers on common
 * kernels, so the kernel's tick sets the pace: one signal a tick at most,
 * the rest counted as overruns. */
#define TICK_NS 1000000L

struct thread_timer {
	int made; /* 1: made; -1: could not be made, the thread uses the hook */
	timer_t id;
};
/* Initial-exec: the signal handler reads and writes these, and a static TLS
 * access is a plain load or store, safe in a handler. */
#define TLS_IE __attribute__((tls_model("initial-exec")))
static _Thread_local struct thread_timer tl_timer TLS_IE;
/* The call in progress, or NULL. A call sets TL_FIRST_SEEN, TL_BUDGET_MS and
 * TL_CALLS before it, so a tick that sees the call sees them. */
static _Thread_local struct plugin *volatile tl_call TLS_IE;
static _Thread_local volatile unsigned tl_budget_ms TLS_IE;
/* Whether the call's first tick came; its deadline, written by the handler
 * only. */
static _Thread_local volatile sig_atomic_t tl_first_seen TLS_IE;
static _Thread_local struct timespec tl_deadline TLS_IE;
/* Whether the timer is armed: cleared by the handler when it disarms. */
static _Thread_local volatile sig_atomic_t tl_armed TLS_IE;
/* Calls started on this thread, and the count the last tick saw. */
static _Thread_local volatile unsigned tl_calls TLS_IE;
static _Thread_local unsigned tl_calls_ticked TLS_IE;

static pthread_once_t signal_once = PTHREAD_ONCE_INIT;
static int signal_ok;
static pthread_key_t timer_key;

static int set_ticking(int on)
{
	struct itimerspec t;
	memset(&t, 0, sizeof(t));
	if (on) {
		t.it_value.tv_nsec = TICK_NS;
		t.it_interval.tv_nsec = TICK_NS;
	}
	return timer_settime(tl_timer.id, 0, &t, NULL);
}

static int timespec_ge(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

/*
 * A tick. Only async-signal-safe work: flags, clock_gettime(),
 * timer_settime() and lua_sethook(), which Lua allows from a signal (ldebug.c:
 * the hook and its mask are written as single words and the hook is checked
 * before it is called; lua.c's laction() does the same). The kill hook then
 * raises at the plugin's next instruction, call, return or line; C functions
 * of the sandbox read KILLED.
 */
static void on_budget_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SI_TIMER)
		return;
	int saved = errno;
	struct plugin *p = tl_call;
	unsigned calls = tl_calls;
	int idle = calls == tl_calls_ticked;
	tl_calls_ticked = calls;
	if (!p) {
		if (idle && tl_armed) {
			tl_armed = 0;
			set_ticking(0);
		}
		errno = saved;
		return;
	}
	struct timespec now;
	if (p->killed || clock_gettime(BUDGET_CLOCK, &now)) {
		errno = saved;
		return;
	}
	if (!tl_first_seen) {
		unsigned ms = tl_budget_ms;
		tl_deadline = now;
		tl_deadline.tv_sec += ms / 1000;
		tl_deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
		if (tl_deadline.tv_nsec >= 1000000000L) {
			tl_deadline.tv_sec++;
			tl_deadline.tv_nsec -= 1000000000L;
		}
		tl_first_seen = 1;
	}
	if (timespec_ge(&now, &tl_deadline)) {
		p->killed = 1;
		lua_sethook(p->L, budget_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
	}
	errno = saved;
}

static void timer_gone(void *v)
{
	struct thread_timer *t = v;
	if (t && t->made > 0)
		timer_delete(t->id);
	if (t)
		t->made = 0;
}

static void install_signal(void)
{
	if (pthread_key_create(&timer_key, timer_gone))
		return;
	struct sigaction old, sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_budget_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	/* A signal some other part of the process handles is left to it. */
	if (sigaction(BUDGET_SIGNAL, NULL, &old) || old.sa_handler != SIG_DFL)
		return;
	signal_ok = sigaction(BUDGET_SIGNAL, &sa, NULL) == 0;
}

/* Whether this thread has its timer, making it at the first call. */
static int thread_timer(void)
{
	if (tl_timer.made)
		return tl_timer.made > 0;
	tl_timer.made = -1;
	if (pthread_once(&signal_once, install_signal) || !signal_ok)
		return 0;
	/* A thread that blocked signals (a pool thread may) must take this one. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, BUDGET_SIGNAL);
	if (pthread_sigmask(SIG_UNBLOCK, &set, NULL))
		return 0;
	struct sigevent ev;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = BUDGET_SIGNAL;
#ifdef sigev_notify_thread_id
	ev.sigev_notify_thread_id = gettid();
#else
	ev._sigev_un._tid = gettid(); /* glibc before 2.35 has no name for it */
#endif
	if (timer_create(BUDGET_CLOCK, &ev, &tl_timer.id))
		return 0;
	tl_timer.made = 1;
	tl_armed = 0;
	pthread_setspecific(timer_key, &tl_timer);
	return 1;
}

void hr_plugins_thread_end(void)
{
	if (tl_timer.made > 0) {
		pthread_setspecific(timer_key, NULL);
		timer_delete(tl_timer.id);
	}
	tl_timer.made = 0;
	tl_armed = 0;
}

/* Starts timing a call: no system call unless the timer was disarmed (the
 * thread's first call in a while). TL_CALL is set before TL_ARMED is read: a
 * tick before the store disarms and clears TL_ARMED before the read, and one
 * after it sees the call and leaves the timer alone. */
static void time_call(struct plugin *p, unsigned ms)
{
	tl_first_seen = 0;
	tl_budget_ms = ms;
	tl_calls = tl_calls + 1;
	tl_call = p;
	if (!tl_armed) {
		set_ticking(1);
		tl_armed = 1;
	}
}

struct plugin *sb_plugin_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

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
	if (p->timed)
		return p->killed;
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
		sb_raise_kill(L);
}

/* Raises the kill error when the call in progress is past its budget: for
 * C functions, which run between two visits of the hook. Under the timer a
 * read of the mark its signal sets, with no clock. */
void sb_check_budget(lua_State *L, struct plugin *p)
{
	if (!p->timed && !p->killed && sb_clock_due(p))
		sb_kill(p);
	if (p->killed)
		sb_raise_kill(L);
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
	p->timed = !instr && thread_timer();
	if (p->timed) {
		time_call(p, ms);
	} else {
		lua_sethook(p->L, budget_hook, LUA_MASKCOUNT, HOOK_EVERY);
	}
}

void sb_end_budget(struct plugin *p)
{
	if (p->timed) {
		tl_call = NULL; /* the timer keeps ticking (see above) */
		p->timed = 0;
	}
	lua_sethook(p->L, NULL, 0, 0);
	p->calling = 0;
}
