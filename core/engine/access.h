/*
 * Who may talk to herald: the Origin allow-list (WebSocket upgrades and CORS),
 * optional bearer tokens for bot integrations, and the address allow-list of
 * /metrics. Plain C, so the rules are unit-tested without a network; the
 * network layer (core/daemon/server*.c) asks these questions before the
 * upgrade and before any HTTP answer.
 */
#ifndef HERALD_ACCESS_H
#define HERALD_ACCESS_H

#include <stddef.h>

/*
 * Returns 1 when a request with ORIGIN (the Origin header; NULL or "" when the
 * client sent none, as non-browser clients do) may be served on HOST (the Host
 * header). ALLOWED is the config's comma-separated list of origins such as
 * "https://portal.example.org"; "*" allows any. Always allowed: no Origin, an
 * origin whose host:port is HOST itself, and localhost / 127.0.0.1 / [::1].
 */
int hr_access_origin_allowed(const char *origin, const char *host, const char *allowed);

/*
 * Returns 1 when AUTH (the Authorization header, or NULL) carries one of the
 * comma-separated TOKENS as "Bearer TOKEN", or when TOKENS is empty (no
 * authentication configured). Each comparison takes the same time whatever
 * the bytes, so timing does not reveal how much of a token was right.
 */
int hr_access_token_ok(const char *auth, const char *tokens);

/*
 * Whether a client at PEER (an IPv4 or IPv6 address as text, IPv4-mapped
 * IPv6 included) may be served (metrics.allow: who may read /metrics): loopback always, otherwise only when
 * it is in ALLOW, a comma-separated list of addresses and CIDR ranges
 * ("10.0.0.0/8, 192.168.1.7, fd00::/8"). Unparsable entries match nothing.
 */
int hr_access_address_allowed(const char *peer, const char *allow);

/* Whether ADDR (an IPv4 or IPv6 address as text) is in LIST, a comma-separated
 * list of addresses and CIDR ranges; no loopback default. */
int hr_access_address_in(const char *addr, const char *list);

/*
 * The client's address, for the limits per address and the logs
 * (http.trusted_proxies). PEER is the connection's own address, XFF the
 * X-Forwarded-For header and FORWARDED the Forwarded header (RFC 7239), each
 * NULL or "" when absent; TRUSTED the comma-separated addresses and CIDR
 * ranges of the proxies in front of herald. When PEER is not in TRUSTED the
 * headers are ignored (anyone can send them) and PEER is the client.
 * Otherwise X-Forwarded-For (or, without it, Forwarded's "for=") is read from
 * the right: each proxy appends the address it saw, so the first address that
 * is not a trusted proxy is the client; a chain of trusted proxies gives its
 * leftmost; an unparsable hop stops the walk at the last trusted address
 * ("unknown", an obfuscated name). Writes the address into OUT (CAP bytes).
 */
void hr_access_client_address(const char *peer, const char *xff, const char *forwarded, const char *trusted,
                              char *out, size_t cap);

/* A token bucket for message rates: RATE tokens a second, at most BURST. */
struct hr_bucket {
	double tokens;
	unsigned long long last_ms;
};

/* Takes one token at NOW_MS; returns 1 when one was available, else 0. */
int hr_bucket_take(struct hr_bucket *b, double rate, double burst, unsigned long long now_ms);

#endif
