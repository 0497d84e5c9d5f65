#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int hr_read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	if (!b)
		return -ENOMEM;
	for (;;) {
		if (n + 1 >= cap) {
			if (n > max)
				break;
			/* At most MAX + 2: MAX bytes, one more to see it is over, the NUL. */
			size_t limit = max < SIZE_MAX / 4 ? max + 2 : SIZE_MAX / 4;
			size_t nc = cap * 2 < limit ? cap * 2 : limit;
			char *nb = nc > cap ? realloc(b, nc) : NULL;
			if (!nb) {
				free(b);
				return nc > cap ? -ENOMEM : -EFBIG;
			}
			b = nb;
			cap = nc;
		}
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(b);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(b);
		return -EFBIG;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int hr_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = hr_read_fd(fd, max, buf, len);
	close(fd);
	return rc;
}

size_t hr_base64_encode(const void *in, size_t n, int url, char *out)
{
	static const char std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *tab = url ? safe : std;
	const unsigned char *p = in;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		size_t left = n - i;
		unsigned long v = (unsigned long)p[i] << 16 | (left > 1 ? (unsigned long)p[i + 1] << 8 : 0) |
		                  (left > 2 ? p[i + 2] : 0);
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		if (left > 1)
			out[o++] = tab[v >> 6 & 63];
		else if (!url)
			out[o++] = '=';
		if (left > 2)
			out[o++] = tab[v & 63];
		else if (!url)
			out[o++] = '=';
	}
	return o;
}

/* The value of base64url character C, or -1. */
static int b64url_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

long hr_base64url_decode(const char *in, size_t n, unsigned char *out, size_t cap)
{
	if (n % 4 == 1 || n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0) > cap)
		return -1;
	size_t o = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int d = b64url_value((unsigned char)in[i]);
		if (d < 0)
			return -1;
		v = (v << 6 | (unsigned)d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	if (bits && (v & ((1u << bits) - 1)))
		return -1;
	return (long)o;
}

int hr_buf_grow(struct hr_buf *b, size_t n)
{
	if (b->oom)
		return -ENOMEM;
	if (b->len + n + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (b->len + n + 1 > cap) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -ENOMEM;
		}
		cap *= 2;
	}
	char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return -ENOMEM;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void hr_buf_vprintf(struct hr_buf *b, const char *fmt, va_list ap)
{
	if (b->oom)
		return;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if (b->p && b->len + (size_t)n < b->cap) {
		b->len += (size_t)n;
		return;
	}
	if (hr_buf_grow(b, (size_t)n))
		return;
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
}

void hr_buf_printf(struct hr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hr_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void hr_buf_free(struct hr_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* ---- SHA-256, as FIPS 180-4 gives it ---- */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static inline uint32_t ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) +
		              sha256_k[i] + w[i];
		uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

void hr_sha256_init(struct hr_sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->nblk = 0;
}

void hr_sha256_add(struct hr_sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	s->len += n;
	while (n) {
		size_t take = 64 - s->nblk < n ? 64 - s->nblk : n;
		memcpy(s->blk + s->nblk, p, take);
		s->nblk += take;
		p += take;
		n -= take;
		if (s->nblk == 64) {
			sha256_block(s->h, s->blk);
			s->nblk = 0;
		}
	}
}

void hr_sha256_end(struct hr_sha256 *s, unsigned char out[HR_SHA256_LEN])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = {0x80};
	/* One 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
	size_t npad = (s->nblk < 56 ? 56 : 120) - s->nblk;
	for (int i = 0; i < 8; i++)
		pad[npad + i] = (unsigned char)(bits >> (56 - 8 * i));
	hr_sha256_add(s, pad, npad + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

/* ---- the string pool ---- */

#define STRPOOL_BLOCK 16384

struct hr_strpool_block {
	struct hr_strpool_block *next;
	char bytes[];
};

char *hr_strpool_ndup(struct hr_strpool *p, const char *s, size_t n)
{
	if (n >= SIZE_MAX / 2)
		return NULL;
	size_t need = n + 1;
	char *d;
	if (need <= p->left) {
		d = p->at;
		p->at += need;
		p->left -= need;
	} else if (need > STRPOOL_BLOCK / 4) {
		/* A long string gets a block of its own, behind the head, so the
		 * head's free end is still used. */
		struct hr_strpool_block *b = malloc(sizeof(*b) + need);
		if (!b)
			return NULL;
		if (p->head) {
			b->next = p->head->next;
			p->head->next = b;
		} else {
			b->next = NULL;
			p->head = b;
		}
		d = b->bytes;
	} else {
		struct hr_strpool_block *b = malloc(sizeof(*b) + STRPOOL_BLOCK);
		if (!b)
			return NULL;
		b->next = p->head;
		p->head = b;
		d = b->bytes;
		p->at = d + need;
		p->left = STRPOOL_BLOCK - need;
	}
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void hr_strpool_free(struct hr_strpool *p)
{
	while (p->head) {
		struct hr_strpool_block *b = p->head;
		p->head = b->next;
		free(b);
	}
	p->at = NULL;
	p->left = 0;
}
