#include "sessions.h"

#include <stdlib.h>
#include <string.h>

#include "proto.h"

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
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

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
	struct entry **pp = &s->buckets[hash(e->id) & (s->nbuckets - 1)];
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
	free(s);
}

size_t hr_sessions_expire(hr_sessions *s, uint64_t now_ms)
{
	size_t n = 0;
	while (s->tail && now_ms - s->tail->used_ms > s->ttl_ms) {
		remove_entry(s, s->tail);
		n++;
	}
	return n;
}

struct hr_convo *hr_sessions_get(hr_sessions *s, const char *id, uint64_t now_ms)
{
	hr_sessions_expire(s, now_ms);
	size_t b = hash(id) & (s->nbuckets - 1);
	for (struct entry *e = s->buckets[b]; e; e = e->hnext) {
		if (strcmp(e->id, id) == 0) {
			e->used_ms = now_ms;
			lru_unlink(s, e);
			lru_push_front(s, e);
			return &e->convo;
		}
	}
	if (s->count >= s->max)
		remove_entry(s, s->tail);
	struct entry *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	strncpy(e->id, id, HR_ID_MAX);
	e->used_ms = now_ms;
	e->hnext = s->buckets[b];
	s->buckets[b] = e;
	lru_push_front(s, e);
	s->count++;
	return &e->convo;
}

size_t hr_sessions_count(const hr_sessions *s)
{
	return s->count;
}
