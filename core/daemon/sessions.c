#include "sessions.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "util.h"

/* Entries sit in a chained hash table and on a list ordered by last use, so
 * both lookup and eviction of the least recently used are O(1). */
struct entry {
	char id[HR_ID_MAX + 1];
	uint64_t used_ms;
	struct hr_convo convo;
	struct entry *hnext;
	struct entry *prev, *next; /* LRU list: head is the most recent */
};

struct hr_sessions {
	struct entry **buckets;
	size_t nbuckets;
	size_t count, max;
	uint64_t ttl_ms;
	struct entry *head, *tail;
	pthread_mutex_t lock; /* held for the whole of every public call */
};

hr_sessions *hr_sessions_new(size_t max, uint64_t ttl_ms)
{
	hr_sessions *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->nbuckets = 64;
	while (s->nbuckets < max && s->nbuckets < (1u << 20))
		s->nbuckets *= 2;
	s->buckets = calloc(s->nbuckets, sizeof(*s->buckets));
	if (!s->buckets) {
		free(s);
		return NULL;
	}
	s->max = max ? max : 1;
	s->ttl_ms = ttl_ms;
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

static void lru_unlink(hr_sessions *s, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		s->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		s->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push_front(hr_sessions *s, struct entry *e)
{
	e->next = s->head;
	e->prev = NULL;
	if (s->head)
		s->head->prev = e;
	s->head = e;
	if (!s->tail)
		s->tail = e;
}

static void remove_entry(hr_sessions *s, struct entry *e)
{
	struct entry **pp = &s->buckets[hr_fnv1a64_str(e->id) & (s->nbuckets - 1)];
	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	lru_unlink(s, e);
	free(e);
	s->count--;
}

void hr_sessions_free(hr_sessions *s)
{
	if (!s)
		return;
	struct entry *e = s->head;
	while (e) {
		struct entry *n = e->next;
		free(e);
		e = n;
	}
	free(s->buckets);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static size_t expire_locked(hr_sessions *s, uint64_t now_ms)
{
	size_t n = 0;
	/* Workers read the clock before taking the lock, so a caller's NOW may
	 * be a little older than the last use: that is not expiry. */
	while (s->tail && now_ms > s->tail->used_ms && now_ms - s->tail->used_ms > s->ttl_ms) {
		remove_entry(s, s->tail);
		n++;
	}
	return n;
}

size_t hr_sessions_expire(hr_sessions *s, uint64_t now_ms)
{
	pthread_mutex_lock(&s->lock);
	size_t n = expire_locked(s, now_ms);
	pthread_mutex_unlock(&s->lock);
	return n;
}

static struct entry *find(hr_sessions *s, const char *id)
{
	for (struct entry *e = s->buckets[hr_fnv1a64_str(id) & (s->nbuckets - 1)]; e; e = e->hnext)
		if (strcmp(e->id, id) == 0)
			return e;
	return NULL;
}

int hr_sessions_load(hr_sessions *s, const char *id, uint64_t now_ms, struct hr_convo *out)
{
	pthread_mutex_lock(&s->lock);
	expire_locked(s, now_ms);
	struct entry *e = find(s, id);
	if (e) {
		*out = e->convo;
		e->used_ms = now_ms;
		lru_unlink(s, e);
		lru_push_front(s, e);
	} else {
		memset(out, 0, sizeof(*out));
	}
	pthread_mutex_unlock(&s->lock);
	return e != NULL;
}

int hr_sessions_store(hr_sessions *s, const char *id, uint64_t now_ms, const struct hr_convo *convo)
{
	int rc = 0;
	pthread_mutex_lock(&s->lock);
	expire_locked(s, now_ms);
	struct entry *e = find(s, id);
	if (e) {
		lru_unlink(s, e);
	} else {
		if (s->count >= s->max)
			remove_entry(s, s->tail);
		if (!(e = calloc(1, sizeof(*e)))) {
			rc = -ENOMEM;
			goto out;
		}
		strncpy(e->id, id, HR_ID_MAX);
		size_t b = hr_fnv1a64_str(e->id) & (s->nbuckets - 1);
		e->hnext = s->buckets[b];
		s->buckets[b] = e;
		s->count++;
	}
	e->convo = *convo;
	e->used_ms = now_ms;
	lru_push_front(s, e);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

size_t hr_sessions_count(hr_sessions *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->count;
	pthread_mutex_unlock(&s->lock);
	return n;
}
