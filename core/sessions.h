/*
 * Conversations of HTTP clients, keyed by the "session" id they send, so that
 * POST /v1/ask can continue a conversation across requests. Bounded in count
 * (least recently used goes first) and in age (idle ones expire). Plain C: the
 * caller passes the current time, so tests need no clock.
 */
#ifndef HERALD_SESSIONS_H
#define HERALD_SESSIONS_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

typedef struct hr_sessions hr_sessions;

/* Returns a store holding at most MAX conversations idle at most TTL_MS, or NULL. */
hr_sessions *hr_sessions_new(size_t max, uint64_t ttl_ms);
void hr_sessions_free(hr_sessions *s);

/*
 * Returns the conversation for ID, creating an empty one when it is unknown or
 * expired; NOW_MS is a monotonic clock in milliseconds. The pointer is valid
 * until the next call that may evict (get or expire). NULL only when out of memory.
 */
struct hr_convo *hr_sessions_get(hr_sessions *s, const char *id, uint64_t now_ms);

/* Drops every conversation idle longer than the TTL; returns how many. */
size_t hr_sessions_expire(hr_sessions *s, uint64_t now_ms);

size_t hr_sessions_count(const hr_sessions *s);

#endif
