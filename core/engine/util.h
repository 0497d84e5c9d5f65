/*
 * Small helpers every layer needs, written once: FNV-1a hashing, SHA-256,
 * a string pool, reading a whole file, base64 both ways and a growable string. Plain C, no loop, no
 * network, no Lua.
 */
#ifndef HERALD_UTIL_H
#define HERALD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- FNV-1a: a fast, well spread hash for tables and validators (not
 * against an adversary: where a client chooses the keys, limit the chains) ---- */

#define HR_FNV32_SEED 2166136261u
#define HR_FNV64_SEED 14695981039346656037ull

/* Continues hash H over P[0..N); start with HR_FNV32_SEED / HR_FNV64_SEED.
 * Inline: the ranker hashes every feature of every question with it. */
static inline uint32_t hr_fnv1a32(uint32_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static inline uint64_t hr_fnv1a64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

/* The hash of the NUL-terminated string S. */
static inline uint32_t hr_fnv1a32_str(const char *s)
{
	return hr_fnv1a32(HR_FNV32_SEED, s, strlen(s));
}

static inline uint64_t hr_fnv1a64_str(const char *s)
{
	return hr_fnv1a64(HR_FNV64_SEED, s, strlen(s));
}

/* ---- SHA-256 (FIPS 180-4): where two inputs must be told apart for
 * certain without keeping both (the ranker's trained models) ---- */

#define HR_SHA256_LEN 32

struct hr_sha256 {
	uint32_t h[8];
	uint64_t len;          /* bytes hashed so far */
	unsigned char blk[64]; /* the block being filled */
	size_t nblk;
};

void hr_sha256_init(struct hr_sha256 *s);
void hr_sha256_add(struct hr_sha256 *s, const void *p, size_t n);
void hr_sha256_end(struct hr_sha256 *s, unsigned char out[HR_SHA256_LEN]);

/* ---- a string pool: many small strings kept for the life of one owner
 * (the intents' phrases, patterns and examples; the ranker's phrase words),
 * packed into blocks without malloc's header and rounding per string
 * (~15 bytes each over 30,000 strings: docs/performance.md, thirteenth round),
 * and freed all at once with their owner. Zero-initialise it. ---- */

struct hr_strpool {
	struct hr_strpool_block *head;
	char *at;    /* the free end of the newest full-size block */
	size_t left; /* bytes free there */
};

/* A copy of S[0..N) and a NUL, or NULL when out of memory. */
char *hr_strpool_ndup(struct hr_strpool *p, const char *s, size_t n);

static inline char *hr_strpool_dup(struct hr_strpool *p, const char *s)
{
	return hr_strpool_ndup(p, s, strlen(s));
}

void hr_strpool_free(struct hr_strpool *p);

/* ---- whole files ---- */

/*
 * Reads the whole of FD (from where it is) into a malloc'd buffer *BUF with a
 * NUL after its *LEN bytes; the caller frees it. A file over MAX bytes is
 * -EFBIG (MAX + 1 bytes are read at most, so a file that grows while read is
 * seen). Returns 0 or -errno; FD is left open.
 */
int hr_read_fd(int fd, size_t max, char **buf, size_t *len);

/* As hr_read_fd, opening PATH (read only, close-on-exec) and closing it. */
int hr_read_file(const char *path, size_t max, char **buf, size_t *len);

/* ---- base64 ---- */

/*
 * Writes the base64 of IN[0..N) to OUT and returns its length (no NUL is
 * added). URL = 0: the standard alphabet with "=" padding, ((N + 2) / 3) * 4
 * bytes (a WAV in a JSON reply); URL = 1: base64url without padding,
 * (N * 4 + 2) / 3 bytes (the conversation context). OUT must have that room.
 */
size_t hr_base64_encode(const void *in, size_t n, int url, char *out);

/*
 * Decodes unpadded base64url IN[0..N) into OUT (CAP bytes). Only the canonical
 * form is accepted: no padding, no other characters, a length that is not
 * 1 mod 4, and zero bits after the last byte. Returns the byte count or -1.
 */
long hr_base64url_decode(const char *in, size_t n, unsigned char *out, size_t cap);

/* ---- a growable string ---- */

/*
 * P holds LEN bytes and a NUL (once anything was added); OOM is sticky, so a
 * builder checks once, at the end. Zero-initialise it; hr_buf_free releases it.
 */
struct hr_buf {
	char *p;
	size_t len, cap;
	int oom;
};

/* Makes room for N more bytes and the NUL; 0, or -ENOMEM (and OOM set). */
int hr_buf_grow(struct hr_buf *b, size_t n);

/* Appends S[0..N). Inline: the answer writer (proto.c) appends a few dozen
 * pieces per answer. */
static inline void hr_buf_put(struct hr_buf *b, const char *s, size_t n)
{
	if (b->oom || (b->len + n + 1 > b->cap && hr_buf_grow(b, n)))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void hr_buf_puts(struct hr_buf *b, const char *s)
{
	hr_buf_put(b, s, strlen(s));
}

void hr_buf_printf(struct hr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hr_buf_vprintf(struct hr_buf *b, const char *fmt, va_list ap);

void hr_buf_free(struct hr_buf *b);

#endif
