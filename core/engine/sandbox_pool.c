/*
 * The plugin states' small blocks (sandbox_int.h, "The pool"): size classes
 * of 8 bytes up to POOL_MAX, each a free list over slabs of SLAB_BYTES, for
 * all the states of one plugin set. Larger blocks go to malloc.
 *
 * Why: a Lua state is tens of thousands of small objects (strings of 25-64
 * bytes, tables of 56, closures, upvalues, table nodes), and every answer
 * makes and drops a few hundred more. Through glibc each block carries an
 * 8-byte header and is rounded to 16 bytes with a 32-byte minimum, and each
 * free() of a dead object in a garbage collection costs ~100 instructions
 * (docs/performance.md, ninth and tenth rounds). Here a block of a class
 * costs its class's size and nothing more, and taking or giving one back is
 * a push or pop on a list.
 *
 * Lua tells the allocator the size of every block it frees or resizes, so a
 * block needs no header: its class is known from that size. Slabs are never
 * given back while the set lives (its states' blocks come and go, and a
 * slab's slots are reused by any state of the set); hr_plugins_free() frees
 * them with the pool. One set is used by one thread at a time (engine.h), so
 * the pool takes no lock.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox_int.h"

#define POOL_GRAIN 8
#define POOL_MAX 512
#define POOL_CLASSES (POOL_MAX / POOL_GRAIN)
/* A slab: small enough that the classes few blocks use waste little (at most
 * one slab's unused tail a class), large enough that its malloc header is
 * nothing beside it. */
#define SLAB_BYTES 4096

struct slab {
	struct slab *next;
	/* The slots follow, 8-byte aligned. */
};

struct free_slot {
	struct free_slot *next;
};

struct sb_pool {
	struct free_slot *free[POOL_CLASSES];
	/* The unused tail of the last slab cut for each class. */
	char *fresh[POOL_CLASSES];
	char *fresh_end[POOL_CLASSES];
	struct slab *slabs; /* every slab, to free them with the pool */
};

struct sb_pool *sb_pool_new(void)
{
	return calloc(1, sizeof(struct sb_pool));
}

void sb_pool_free(struct sb_pool *pool)
{
	if (!pool)
		return;
	for (struct slab *s = pool->slabs, *next; s; s = next) {
		next = s->next;
		free(s);
	}
	free(pool);
}

/* The class of a block of N bytes (1 <= N <= POOL_MAX): its slots are
 * (class + 1) * POOL_GRAIN bytes. */
static size_t class_of(size_t n)
{
	return (n - 1) / POOL_GRAIN;
}

static void *take(struct sb_pool *pool, size_t c)
{
	struct free_slot *f = pool->free[c];
	if (f) {
		pool->free[c] = f->next;
		return f;
	}
	size_t size = (c + 1) * POOL_GRAIN;
	if ((size_t)(pool->fresh_end[c] - pool->fresh[c]) < size) {
		struct slab *s = malloc(SLAB_BYTES);
		if (!s)
			return NULL;
		s->next = pool->slabs;
		pool->slabs = s;
		pool->fresh[c] = (char *)(s + 1);
		pool->fresh_end[c] = (char *)s + SLAB_BYTES;
	}
	void *p = pool->fresh[c];
	pool->fresh[c] += size;
	return p;
}

static void give(struct sb_pool *pool, void *p, size_t n)
{
	struct free_slot *f = p;
	size_t c = class_of(n);
	f->next = pool->free[c];
	pool->free[c] = f;
}

void *sb_pool_realloc(struct sb_pool *pool, void *ptr, size_t osize, size_t nsize)
{
	if (nsize == 0) {
		if (ptr && osize > POOL_MAX)
			free(ptr);
		else if (ptr)
			give(pool, ptr, osize);
		return NULL;
	}
	if (ptr && osize > POOL_MAX && nsize > POOL_MAX)
		return realloc(ptr, nsize);
	/* A block that stays in its class stays where it is. */
	if (ptr && osize <= POOL_MAX && nsize <= POOL_MAX && class_of(osize) == class_of(nsize))
		return ptr;
	void *np = nsize > POOL_MAX ? malloc(nsize) : take(pool, class_of(nsize));
	if (!np)
		return NULL; /* the old block stays as it was, as realloc() leaves it */
	if (ptr) {
		memcpy(np, ptr, osize < nsize ? osize : nsize);
		sb_pool_realloc(pool, ptr, osize, 0);
	}
	return np;
}
