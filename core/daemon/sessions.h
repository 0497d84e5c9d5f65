/*
 * Conversations of HTTP clients, keyed by the "session" id they send, so that
 * POST /v1/ask can continue a conversation across requests. Bounded in count
 * (least recently used goes first) and in age (idle ones expire). Plain C: the
 * caller passes the current time, so tests need no clock.
 *
 * One store serves every worker (herald serve --workers): two requests of one
 * session may arrive on different workers, since each new connection goes to
 * whichever worker the kernel picks. Every call takes the store's lock, and
 * conversations are copied in and out, never handed out by pointer.
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
 * Copies the conversation for ID into *OUT; NOW_MS is a monotonic clock in
 * milliseconds. Returns 1 when it was found, 0 when it is unknown or expired
 * (*OUT is then empty).
 */
int hr_sessions_load(hr_sessions *s, const char *id, uint64_t now_ms, struct hr_convo *out);

/*
 * Remembers CONVO as the conversation for ID, evicting the least recently
 * used one when the store is full. Two workers answering the same session at
 * the same moment: the later store wins, as if the questions came in that
 * order. Returns 0 or -ENOMEM.
 */
int hr_sessions_store(hr_sessions *s, const char *id, uint64_t now_ms, const struct hr_convo *convo);

/* Drops every conversation idle longer than the TTL; returns how many. */
size_t hr_sessions_expire(hr_sessions *s, uint64_t now_ms);

size_t hr_sessions_count(hr_sessions *s);

#endif
