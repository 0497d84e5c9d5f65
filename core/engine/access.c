#include "access.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Copies the host[:port] part of an origin ("https://a.b:8080" -> "a.b:8080"). */
static void origin_hostport(const char *origin, char *out, size_t cap)
{
	const char *p = strstr(origin, "://");
	p = p ? p + 3 : origin;
	size_t n = strcspn(p, "/?#");
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

static int is_loopback(const char *hostport)
{
	static const char *const names[] = {"localhost", "127.0.0.1", "[::1]"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t l = strlen(names[i]);
		if (strncasecmp(hostport, names[i], l) == 0 && (hostport[l] == '\0' || hostport[l] == ':'))
			return 1;
	}
	return 0;
}

int hr_access_origin_allowed(const char *origin, const char *host, const char *allowed)
{
	if (!origin || !*origin)
		return 1;
	char hp[256];
	origin_hostport(origin, hp, sizeof(hp));
	if (is_loopback(hp))
		return 1;
	if (host && *host && strcasecmp(hp, host) == 0)
		return 1;
	if (!allowed)
		return 0;
	/* Compare against each listed origin exactly (scheme, host and port). */
	const char *p = allowed;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ", ");
		if (n == 1 && *p == '*')
			return 1;
		size_t ol = strlen(origin);
		while (ol > 0 && origin[ol - 1] == '/')
			ol--;
		if (n > 0 && n == ol && strncasecmp(p, origin, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* Compares A[0..LA) with B[0..LB) in time that depends only on LB. */
static int equal_const_time(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned char diff = (unsigned char)(la != lb);
	for (size_t i = 0; i < lb; i++)
		diff |= (unsigned char)((i < la ? (unsigned char)a[i] : 0) ^ (unsigned char)b[i]);
	return diff == 0;
}

int hr_access_token_ok(const char *auth, const char *tokens)
{
	if (!tokens || !*tokens)
		return 1;
	if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
		return 0;
	const char *given = auth + 7;
	while (*given == ' ')
		given++;
	size_t gl = strlen(given);
	int ok = 0;
	/* Check every token, whichever matched, so the count does not leak. */
	const char *p = tokens;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ", ");
		if (n)
			ok |= equal_const_time(given, gl, p, n);
		p += n;
	}
	return ok;
}

int hr_bucket_take(struct hr_bucket *b, double rate, double burst, unsigned long long now_ms)
{
	if (b->last_ms == 0) {
		b->tokens = burst;
		b->last_ms = now_ms;
	}
	double refill = (double)(now_ms - b->last_ms) / 1000.0 * rate;
	b->last_ms = now_ms;
	b->tokens = b->tokens + refill > burst ? burst : b->tokens + refill;
	if (b->tokens < 1.0)
		return 0;
	b->tokens -= 1.0;
	return 1;
}

/* Parses TEXT as an address into 16 bytes (IPv4 as IPv4-mapped IPv6). */
static int parse_addr(const char *text, unsigned char out[16])
{
	struct in_addr v4;
	if (inet_pton(AF_INET, text, &v4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &v4, 4);
		return 4;
	}
	if (inet_pton(AF_INET6, text, out) == 1)
		return 6;
	return 0;
}

static int is_v4_mapped(const unsigned char a[16])
{
	static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	return memcmp(a, prefix, 12) == 0;
}

static int prefix_match(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;
	if (memcmp(a, b, whole) != 0)
		return 0;
	if (!rest)
		return 1;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

/* Whether the address P is in LIST, a comma-separated list of addresses and
 * CIDR ranges; unparsable entries match nothing. */
static int addr_in_list(const unsigned char p[16], const char *list)
{
	for (const char *s = list ? list : ""; *s;) {
		s += strspn(s, " ,\t");
		size_t n = strcspn(s, ",");
		char entry[64];
		size_t el = n;
		while (el && (s[el - 1] == ' ' || s[el - 1] == '\t'))
			el--;
		if (el && el < sizeof(entry)) {
			memcpy(entry, s, el);
			entry[el] = '\0';
			char *slash = strchr(entry, '/');
			long bits = -1;
			if (slash) {
				char *endp;
				*slash = '\0';
				bits = strtol(slash + 1, &endp, 10);
				if (*endp || endp == slash + 1)
					bits = -2; /* not a prefix length: matches nothing */
			}
			unsigned char a[16];
			int fam = parse_addr(entry, a);
			if (fam && bits != -2) {
				long max = fam == 4 ? 32 : 128;
				if (bits < 0)
					bits = max;
				if (bits <= max &&
				    prefix_match(p, a, (unsigned)(fam == 4 ? bits + 96 : bits)))
					return 1;
			}
		}
		s += n;
	}
	return 0;
}

int hr_access_address_allowed(const char *peer, const char *allow)
{
	unsigned char p[16];
	if (!peer || !parse_addr(peer, p))
		return 0;
	static const unsigned char v6_loopback[16] = {[15] = 1};
	if (memcmp(p, v6_loopback, 16) == 0 || (is_v4_mapped(p) && p[12] == 127))
		return 1;
	return addr_in_list(p, allow);
}

int hr_access_address_in(const char *addr, const char *list)
{
	unsigned char p[16];
	return addr && parse_addr(addr, p) && addr_in_list(p, list);
}

/* The hops of a forwarding header, left to right, at most MAX_HOPS (the
 * rightmost ones: those are the ones a trusted proxy wrote). */
#define MAX_HOPS 32
#define HOP_CAP 64

/* Copies the address of one hop into OUT: trims blanks and quotes, and for
 * Forwarded's "for=" values removes "[...]" around IPv6 and a ":port". */
static void hop_address(const char *s, size_t n, char *out)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '"'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"'))
		n--;
	if (n && *s == '[') {
		const char *end = memchr(s, ']', n);
		if (end) {
			n = (size_t)(end - s - 1);
			s++;
		}
	} else if (n && memchr(s, '.', n)) {
		/* IPv4 with a port: one colon (an IPv4-mapped IPv6 address has more) */
		const char *colon = memchr(s, ':', n);
		if (colon && !memchr(colon + 1, ':', n - (size_t)(colon - s) - 1))
			n = (size_t)(colon - s);
	}
	if (n >= HOP_CAP)
		n = 0; /* too long to be an address: unparsable */
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Splits HEADER into hops; FORWARDED selects the RFC 7239 form, where each
 * element's "for=" parameter names the hop. Returns the number kept. */
static int split_hops(const char *header, int forwarded, char hops[MAX_HOPS][HOP_CAP])
{
	int n = 0;
	for (const char *s = header; *s;) {
		size_t len = strcspn(s, ",");
		const char *v = s;
		size_t vl = len;
		if (forwarded) {
			vl = 0;
			for (const char *q = s; q < s + len;) {
				q += strspn(q, " \t;");
				size_t pl = strcspn(q, ";,");
				if (q + pl > s + len)
					pl = (size_t)(s + len - q);
				if (pl > 4 && strncasecmp(q, "for=", 4) == 0) {
					v = q + 4;
					vl = pl - 4;
				}
				q += pl;
			}
		}
		if (n == MAX_HOPS) { /* keep the rightmost */
			memmove(hops[0], hops[1], (MAX_HOPS - 1) * HOP_CAP);
			n--;
		}
		hop_address(v, vl, hops[n++]);
		s += len;
		if (*s == ',')
			s++;
	}
	return n;
}

void hr_access_client_address(const char *peer, const char *xff, const char *forwarded, const char *trusted,
                              char *out, size_t cap)
{
	snprintf(out, cap, "%s", peer ? peer : "");
	if (!trusted || !*trusted || !hr_access_address_in(peer, trusted))
		return;
	const char *header = xff && *xff ? xff : forwarded;
	if (!header || !*header)
		return;
	char hops[MAX_HOPS][HOP_CAP];
	int n = split_hops(header, header == forwarded, hops);
	/* Right to left: each proxy appended the address it saw; the first that
	 * is not one of ours is the client. Anything to its left was written by
	 * the client itself and proves nothing. */
	for (int i = n - 1; i >= 0; i--) {
		unsigned char a[16];
		if (!parse_addr(hops[i], a))
			return; /* garbage from a trusted hop: the last trusted address stands */
		char text[INET6_ADDRSTRLEN];
		if (is_v4_mapped(a))
			inet_ntop(AF_INET, a + 12, text, sizeof(text));
		else
			inet_ntop(AF_INET6, a, text, sizeof(text));
		snprintf(out, cap, "%s", text);
		if (!addr_in_list(a, trusted))
			return;
	}
}
