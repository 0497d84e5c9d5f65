/*
 * Questions that reached the fallback, kept for content authors (off by
 * default). Each is redacted before it is stored: e-mail addresses and phone
 * numbers are replaced, every other number becomes "n". Nothing else about the
 * person is kept: no address, no session, no time finer than the day.
 * The store is bounded in count (oldest go first) and in age.
 * Plain C: callers pass the time and do the file I/O off the loop.
 */
#ifndef HERALD_UNANSWERED_H
#define HERALD_UNANSWERED_H

#include <stddef.h>
#include <stdint.h>

#define HR_UNANSWERED_TEXT_MAX 200

typedef struct hr_unanswered hr_unanswered;

/* A store of at most MAX entries younger than MAX_AGE_S seconds; NULL on ENOMEM. */
hr_unanswered *hr_unanswered_new(size_t max, int64_t max_age_s);
void hr_unanswered_free(hr_unanswered *u);

/* Writes the redacted, normalised form of TEXT[0..LEN) to OUT (capacity CAP). */
void hr_unanswered_redact(const char *text, size_t len, char *out, size_t cap);

/* Redacts and adds a question asked at NOW (seconds since the epoch). */
void hr_unanswered_add(hr_unanswered *u, const char *text, size_t len, int64_t now);

/* Drops entries older than the maximum age at NOW; returns how many. */
size_t hr_unanswered_expire(hr_unanswered *u, int64_t now);

size_t hr_unanswered_count(const hr_unanswered *u);

/* Reads PATH ("DAY<TAB>TEXT" lines; a missing file is empty) and adds what is
 * young enough at NOW. Never blocks on a FIFO. Returns 0, -EINVAL when PATH is
 * not a regular file, -EBADMSG when a line is not one herald writes (then
 * nothing is added), or another -errno (-EACCES...). */
int hr_unanswered_load(hr_unanswered *u, const char *path, int64_t now);

/* Writes the store to PATH atomically (PATH.tmp, created fresh with mode 0600,
 * synced, then renamed over PATH). Refuses (-EINVAL) when PATH exists and is
 * not a regular file. On failure PATH is untouched and PATH.tmp removed.
 * Returns 0 or -errno. */
int hr_unanswered_save(const hr_unanswered *u, const char *path);

/* Removes PATH.tmp left by a crash during a save; returns 1 with its size in
 * *BYTES, 0 when there is none, or -errno (-EINVAL: not a regular file). */
int hr_unanswered_remove_stale(const char *path, size_t *bytes);

/* Why hr_unanswered_load() or _save() failed with RC, in words for a log. */
const char *hr_unanswered_strerror(int rc);

/* Adds SRC's entries, oldest first, after DST's (the oldest go past max). */
void hr_unanswered_append(hr_unanswered *dst, const hr_unanswered *src);

/* Returns a malloc'd copy of the store, so a thread can save it while the loop
 * goes on adding. */
hr_unanswered *hr_unanswered_clone(const hr_unanswered *u);

/* Calls FN for each distinct question with how often it was asked, most asked
 * first, ties in alphabetical order. */
void hr_unanswered_report(const hr_unanswered *u, void (*fn)(const char *text, size_t count, void *ud),
                          void *ud);

#endif
