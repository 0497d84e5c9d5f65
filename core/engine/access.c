#include "access.h"

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
