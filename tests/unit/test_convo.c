/* Unit tests of core/engine/convo.c: conversations to context strings and back, and
 * every kind of hostile context a client could send. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convo.h"

/* ---- helpers: an independent writer of context strings ---- */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* VERSION, "." and the unpadded base64url of P[0..N) into OUT. */
static void wrap_version(char version, const unsigned char *p, size_t n, char *out)
{
	size_t o = 0;
	out[o++] = version;
	out[o++] = '.';
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		v = v << 8 | p[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			out[o++] = B64[(v >> bits) & 63];
		}
	}
	if (bits)
		out[o++] = B64[(v << (6 - bits)) & 63];
	out[o] = '\0';
}

/* Version 1 (no topic): most hostile payloads below need no topic to be refused. */
static void wrap(const unsigned char *p, size_t n, char *out)
{
	wrap_version('1', p, n, out);
}

/* A payload built field by field. */
struct payload {
	unsigned char b[4096];
	size_t n;
};

static void p_byte(struct payload *p, unsigned v)
{
	p->b[p->n++] = (unsigned char)v;
}

static void p_str(struct payload *p, const char *s, size_t len)
{
	p_byte(p, (unsigned)len);
	memcpy(p->b + p->n, s, len);
	p->n += len;
}

static int decode_payload(const struct payload *p, struct hr_convo *out)
{
	char text[8192];
	wrap(p->b, p->n, text);
	return hr_convo_decode(text, strlen(text), out);
}

/* A payload with PREVIOUS and one slot NAME=VALUE (explicit lengths, so NULs fit). */
static int decode_one(const char *previous, const char *name, size_t nlen, const char *value, size_t vlen,
                      struct hr_convo *out)
{
	struct payload p = {.n = 0};
	p_str(&p, previous, strlen(previous));
	p_byte(&p, 1);
	p_str(&p, name, nlen);
	p_str(&p, value, vlen);
	return decode_payload(&p, out);
}

static void assert_empty(const struct hr_convo *c)
{
	static const struct hr_convo zero;
	assert_memory_equal(c, &zero, sizeof(zero));
}

static void put(struct hr_convo *c, const char *name, const char *value)
{
	snprintf(c->context[c->ncontext].name, HR_NAME_MAX, "%s", name);
	snprintf(c->context[c->ncontext].value, HR_SLOT_VALUE_MAX, "%s", value);
	c->ncontext++;
}

static void assert_same(const struct hr_convo *a, const struct hr_convo *b)
{
	assert_string_equal(a->previous, b->previous);
	assert_int_equal(a->ncontext, b->ncontext);
	for (size_t i = 0; i < a->ncontext; i++) {
		assert_string_equal(a->context[i].name, b->context[i].name);
		assert_string_equal(a->context[i].value, b->context[i].value);
	}
	assert_string_equal(a->topic, b->topic);
}

static void round_trip(const struct hr_convo *c)
{
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len = 0;
	assert_int_equal(hr_convo_encode(c, buf, sizeof(buf), &len), 0);
	assert_int_equal(len, strlen(buf));
	assert_true(len <= HR_CONVO_CONTEXT_MAX);
	struct hr_convo back;
	assert_int_equal(hr_convo_decode(buf, len, &back), 0);
	assert_same(c, &back);
}

/* ---- round trips ---- */

static void test_round_trip(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	round_trip(&c);
	snprintf(c.previous, sizeof(c.previous), "drug.about");
	put(&c, "drug", "t_dxd");
	put(&c, "topic", "drug");
	round_trip(&c);
	snprintf(c.topic, sizeof(c.topic), "fish test");
	round_trip(&c);

	/* What a person typed may be in a value: spaces, apostrophes, accents. */
	struct hr_convo d = {0};
	snprintf(d.previous, sizeof(d.previous), "scope.other_cancer");
	put(&d, "scope_cancer", "lung cancer");
	put(&d, "note", "caf\xc3\xa9 d'\xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
	put(&d, "empty", "");
	round_trip(&d);

	/* The exact string of a typical conversation is short and URL-safe. */
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	assert_true(len < 80);
	assert_memory_equal(buf, "2.", 2);
	for (size_t i = 2; i < len; i++)
		assert_non_null(strchr(B64, buf[i]));
}

static void test_largest_conversation_fits(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	memset(c.previous, 'a', HR_NAME_MAX - 1);
	for (size_t i = 0; i < HR_MAX_SLOTS; i++) {
		memset(c.context[i].name, 'n', HR_NAME_MAX - 1);
		c.context[i].name[0] = (char)('a' + i); /* distinct names */
		/* Four-byte characters up to the last byte that fits. */
		size_t v = 0;
		while (v + 4 < HR_SLOT_VALUE_MAX) {
			memcpy(c.context[i].value + v, "\xf0\x9f\x98\x80", 4);
			v += 4;
		}
		while (v + 1 < HR_SLOT_VALUE_MAX)
			c.context[i].value[v++] = 'x';
	}
	c.ncontext = HR_MAX_SLOTS;
	round_trip(&c);
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	assert_true(len < 1500);

	/* A buffer that is too small is refused, not overrun. */
	char small[64];
	memset(small, 'Z', sizeof(small));
	assert_int_equal(hr_convo_encode(&c, small, 40, &len), -ENOSPC);
	assert_int_equal(small[40], 'Z');
}

/* The encoder leaves out what the decoder would refuse, so its output always
 * decodes: a plugin may remember odd things. */
static void test_encode_skips_what_cannot_travel(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	snprintf(c.previous, sizeof(c.previous), "Not An Intent");
	put(&c, "drug", "t_dxd");
	put(&c, "line", "two\nlines");
	put(&c, "bad", "\xff\xfe");
	put(&c, "esc", "\x1b[31m");
	put(&c, "topic", "drug");
	put(&c, "drug", "trastuzumab"); /* a duplicate name: the engine reads the first */
	c.context[6].name[0] = '\0';    /* an empty name */
	c.ncontext = 7;
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	struct hr_convo back;
	assert_int_equal(hr_convo_decode(buf, len, &back), 0);
	assert_string_equal(back.previous, "");
	assert_int_equal(back.ncontext, 2);
	assert_string_equal(back.context[0].name, "drug");
	assert_string_equal(back.context[0].value, "t_dxd");
	assert_string_equal(back.context[1].name, "topic");

	/* Fields without their NUL, and a count past the array, stay in bounds. */
	struct hr_convo full;
	memset(&full, 'q', sizeof(full));
	full.ncontext = (size_t)-1;
	assert_int_equal(hr_convo_encode(&full, buf, sizeof(buf), &len), 0);
	assert_int_equal(hr_convo_decode(buf, len, &back), 0);
	assert_string_equal(back.previous, "");
	assert_int_equal(back.ncontext, 0);
}

/* The topic (version 2): the words of the last question, for a follow-up that
 * points back. Version 1 has none and still decodes; a long topic is cut to
 * fit, oldest words first; a hostile one is refused like any field. */
static void test_topic(void **state)
{
	(void)state;
	struct hr_convo out;
	/* Version 1, from before an upgrade: the conversation, no topic. */
	struct payload v1 = {.n = 0};
	p_str(&v1, "drug.about", 10);
	p_byte(&v1, 1);
	p_str(&v1, "drug", 4);
	p_str(&v1, "t_dm1", 5);
	char text[8192];
	wrap_version('1', v1.b, v1.n, text);
	assert_int_equal(hr_convo_decode(text, strlen(text), &out), 0);
	assert_string_equal(out.context[0].value, "t_dm1");
	assert_string_equal(out.topic, "");
	/* The same payload as version 2 lacks its topic field: truncated. */
	wrap_version('2', v1.b, v1.n, text);
	assert_int_equal(hr_convo_decode(text, strlen(text), &out), -EINVAL);
	assert_empty(&out);
	struct payload v2 = v1;
	p_str(&v2, "port hurt", 9);
	wrap_version('2', v2.b, v2.n, text);
	assert_int_equal(hr_convo_decode(text, strlen(text), &out), 0);
	assert_string_equal(out.topic, "port hurt");
	/* A control character, invalid UTF-8, or a topic over HR_TOPIC_MAX - 1. */
	const char *bad[] = {"port\nhurt", "port \xff", "\x1b[2J"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct payload b = v1;
		p_str(&b, bad[i], strlen(bad[i]));
		wrap_version('2', b.b, b.n, text);
		assert_int_equal(hr_convo_decode(text, strlen(text), &out), -EINVAL);
		assert_empty(&out);
	}
	char longest[HR_TOPIC_MAX + 1];
	memset(longest, 'w', sizeof(longest));
	struct payload b = v1;
	p_str(&b, longest, HR_TOPIC_MAX);
	wrap_version('2', b.b, b.n, text);
	assert_int_equal(hr_convo_decode(text, strlen(text), &out), -EINVAL);
	b = v1;
	p_str(&b, longest, HR_TOPIC_MAX - 1);
	wrap_version('2', b.b, b.n, text);
	assert_int_equal(hr_convo_decode(text, strlen(text), &out), 0);
	assert_int_equal(strlen(out.topic), HR_TOPIC_MAX - 1);

	/* Every slot full and long, and the longest topic: the oldest words go,
	 * whole, so the string stays within HR_CONVO_CONTEXT_MAX. */
	struct hr_convo c = {0};
	memset(c.previous, 'a', HR_NAME_MAX - 1);
	for (size_t i = 0; i < HR_MAX_SLOTS; i++) {
		memset(c.context[i].name, 'n', HR_NAME_MAX - 1);
		c.context[i].name[0] = (char)('a' + i);
		memset(c.context[i].value, 'v', HR_SLOT_VALUE_MAX - 1);
	}
	c.ncontext = HR_MAX_SLOTS;
	size_t o = 0;
	for (int w = 0; o + 8 < HR_TOPIC_MAX; w++)
		o += (size_t)snprintf(c.topic + o, HR_TOPIC_MAX - o, "%sword%02d", o ? " " : "", w);
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	assert_true(len <= HR_CONVO_CONTEXT_MAX);
	assert_int_equal(hr_convo_decode(buf, len, &out), 0);
	assert_true(strlen(out.topic) > 0 && strlen(out.topic) < strlen(c.topic));
	assert_memory_equal(out.topic, "word", 4); /* cut at a word boundary */
	const char *tail = c.topic + strlen(c.topic) - strlen(out.topic);
	assert_string_equal(out.topic, tail); /* the newest words kept */
	/* A topic that could not travel is left out; the rest still does. */
	struct hr_convo d = {0};
	snprintf(d.previous, sizeof(d.previous), "care.port");
	snprintf(d.topic, sizeof(d.topic), "port\x1b[31m");
	assert_int_equal(hr_convo_encode(&d, buf, sizeof(buf), &len), 0);
	assert_int_equal(hr_convo_decode(buf, len, &out), 0);
	assert_string_equal(out.previous, "care.port");
	assert_string_equal(out.topic, "");
}

/* ---- hostile contexts ---- */

static void test_truncated(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	snprintf(c.previous, sizeof(c.previous), "drug.side_effects_of");
	put(&c, "drug", "t_dxd");
	put(&c, "topic", "drug");
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	/* Every shorter prefix is refused, and leaves an empty conversation. */
	for (size_t n = 0; n < len; n++) {
		struct hr_convo out;
		memset(&out, 0x5a, sizeof(out));
		assert_int_not_equal(hr_convo_decode(buf, n, &out), 0);
		assert_empty(&out);
	}
	/* So is a payload cut inside its fields. */
	struct payload p = {.n = 0};
	p_str(&p, "drug.about", 10);
	struct hr_convo out;
	assert_int_equal(decode_payload(&p, &out), -EINVAL); /* no count */
	p_byte(&p, 2);
	p_str(&p, "drug", 4);
	p_str(&p, "t_dxd", 5);
	assert_int_equal(decode_payload(&p, &out), -EINVAL); /* one slot of two */
	p_byte(&p, 5);
	p.b[p.n++] = 't';
	assert_int_equal(decode_payload(&p, &out), -EINVAL); /* a name shorter than its length */
	/* And trailing bytes after a complete payload. */
	struct payload q = {.n = 0};
	p_str(&q, "", 0);
	p_byte(&q, 0);
	assert_int_equal(decode_payload(&q, &out), 0);
	p_byte(&q, 0);
	assert_int_equal(decode_payload(&q, &out), -EINVAL);
}

static void test_oversized(void **state)
{
	(void)state;
	size_t n = HR_CONVO_CONTEXT_MAX + 1;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'A', n);
	memcpy(big, "1.", 2);
	big[n] = '\0';
	struct hr_convo out;
	assert_int_equal(hr_convo_decode(big, n, &out), -E2BIG);
	assert_empty(&out);
	/* Exactly at the limit it is read, and refused for what it holds. */
	assert_int_equal(hr_convo_decode(big, n - 2, &out), -EINVAL);
	free(big);
	/* A huge length is refused before anything is read. */
	assert_int_equal(hr_convo_decode("1.", (size_t)-1, &out), -E2BIG);

	/* Fields past their limits. */
	char s64[65];
	memset(s64, 'a', 64);
	s64[64] = '\0';
	assert_int_equal(decode_one(s64, "drug", 4, "x", 1, &out), -EINVAL);
	assert_int_equal(decode_one("drug.about", s64, HR_NAME_MAX, "x", 1, &out), -EINVAL);
	assert_int_equal(decode_one("drug.about", "drug", 4, s64, HR_SLOT_VALUE_MAX, &out), -EINVAL);
	assert_empty(&out);
	/* One byte less is the limit itself. */
	assert_int_equal(decode_one("drug.about", "drug", 4, s64, HR_SLOT_VALUE_MAX - 1, &out), 0);
	assert_int_equal(strlen(out.context[0].value), HR_SLOT_VALUE_MAX - 1);
	/* A length byte of 255 with the bytes there: still over the limit. */
	char s255[255];
	memset(s255, 'v', sizeof(s255));
	assert_int_equal(decode_one("", "drug", 4, s255, sizeof(s255), &out), -EINVAL);

	/* More slots than a conversation holds. */
	struct payload p = {.n = 0};
	p_str(&p, "", 0);
	p_byte(&p, HR_MAX_SLOTS + 1);
	for (int i = 0; i < HR_MAX_SLOTS + 1; i++) {
		char name[8];
		snprintf(name, sizeof(name), "s%d", i);
		p_str(&p, name, strlen(name));
		p_str(&p, "v", 1);
	}
	assert_int_equal(decode_payload(&p, &out), -EINVAL);
	p.b[1] = 255;
	assert_int_equal(decode_payload(&p, &out), -EINVAL);
}

static void test_bad_version(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	snprintf(c.previous, sizeof(c.previous), "drug.about");
	char buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, buf, sizeof(buf), &len), 0);
	struct hr_convo out;
	/* Another version: refused as such, so a newer instance's context is
	 * ignored by an older one during a rolling update. */
	buf[0] = '3';
	assert_int_equal(hr_convo_decode(buf, len, &out), -ENOTSUP);
	assert_empty(&out);
	assert_int_equal(hr_convo_decode("0.AA", 4, &out), -ENOTSUP);
	assert_int_equal(hr_convo_decode("10.AAA", 6, &out), -ENOTSUP);
	assert_int_equal(hr_convo_decode("01.AAA", 6, &out), -ENOTSUP);
	/* Not a version at all. */
	const char *bad[] = {"",      "1",       ".AAA",          "v1.AAA", "1-AAA",
	                     "1:AAA", "one.AAA", "123456789.AAA", "AAAA",   "{\"previous\":\"drug.about\"}"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hr_convo_decode(bad[i], strlen(bad[i]), &out), -EINVAL);
		assert_empty(&out);
	}
	assert_string_equal(hr_convo_error_name(-ENOTSUP), "version");
	assert_string_equal(hr_convo_error_name(-E2BIG), "too_large");
	assert_string_equal(hr_convo_error_name(-EINVAL), "malformed");
}

static void test_bad_base64(void **state)
{
	(void)state;
	struct hr_convo out;
	/* "1.AAA" is the empty conversation (two zero bytes); check it, then spoil it. */
	assert_int_equal(hr_convo_decode("1.AAA", 5, &out), 0);
	const char *bad[] = {
	    "1.AAA=",  /* padding */
	    "1.AAA==", /* padding */
	    "1.AA+",   /* standard alphabet, not URL-safe */
	    "1.AA/",   /* standard alphabet */
	    "1.AA A",  /* space */
	    "1.AAB",   /* non-zero bits after the last byte: not canonical */
	    "1.AAAAA", /* a length that is 1 mod 4 */
	    "1.A",     /* too short for one byte */
	    "1.",      /* nothing */
	    "1.AA%41", /* percent-encoding is the client's job */
	    "1.AA\xc3\xa9",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&out, 0x33, sizeof(out));
		assert_int_equal(hr_convo_decode(bad[i], strlen(bad[i]), &out), -EINVAL);
		assert_empty(&out);
	}
	/* A NUL inside the string (JSON allows \u0000): the length decides, and it is refused. */
	assert_int_equal(hr_convo_decode("1.AA\0A", 6, &out), -EINVAL);
	assert_int_equal(hr_convo_decode("1.AAA\0", 6, &out), -EINVAL);
}

/* An intent that does not exist (removed by a reload, or made up) decodes:
 * it is only ever compared with names, so it is harmless. */
static void test_unknown_names_are_harmless(void **state)
{
	(void)state;
	struct hr_convo out;
	assert_int_equal(decode_one("no.such.intent", "no_such_slot", 12, "no such value", 13, &out), 0);
	assert_string_equal(out.previous, "no.such.intent");
	assert_string_equal(out.context[0].name, "no_such_slot");
	assert_string_equal(out.context[0].value, "no such value");
	/* But the previous intent must be spelled like an intent name. */
	const char *bad[] = {"Drug.About",   "drug about",        "drug/about",
	                     "drug.about\n", "\xc3\xa9t\xc3\xa9", "safety.crisis\x1b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(decode_one(bad[i], "drug", 4, "x", 1, &out), -EINVAL);
}

static void test_controls_and_nuls(void **state)
{
	(void)state;
	struct hr_convo out;
	struct {
		const char *s;
		size_t len;
	} bad[] = {
	    {"t_d\0xd", 6},      /* embedded NUL */
	    {"line\nbreak", 10}, /* a newline would split a log line */
	    {"cr\rhere", 7},     /* carriage return */
	    {"tab\there", 8},    /* tab */
	    {"\x1b[2J", 4},      /* terminal escape */
	    {"del\x7f", 4},      /* DEL */
	    {"c1\xc2\x85", 4},   /* U+0085, a C1 newline */
	    {"c1\xc2\x9b", 4},   /* U+009B, CSI */
	    {"\xff\xfe", 2},     /* not UTF-8 */
	    {"\xc0\xaf", 2},     /* overlong */
	    {"\xed\xa0\x80", 3}, /* a surrogate */
	    {"cut\xe2\x80", 5},  /* a truncated character */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(decode_one("drug.about", "drug", 4, bad[i].s, bad[i].len, &out), -EINVAL);
		assert_empty(&out);
		assert_int_equal(decode_one("drug.about", bad[i].s, bad[i].len, "x", 1, &out), -EINVAL);
	}
	/* U+00A0 and up are text, not controls. */
	assert_int_equal(decode_one("drug.about", "drug", 4, "\xc2\xa0\xc2\xbf", 4, &out), 0);
	/* A slot must have a name, and a name appears once. */
	assert_int_equal(decode_one("drug.about", "", 0, "x", 1, &out), -EINVAL);
	struct payload p = {.n = 0};
	p_str(&p, "", 0);
	p_byte(&p, 2);
	p_str(&p, "drug", 4);
	p_str(&p, "t_dxd", 5);
	p_str(&p, "drug", 4);
	p_str(&p, "t_dm1", 5);
	assert_int_equal(decode_payload(&p, &out), -EINVAL);
}

/* Every one-character change of a real context either is refused or decodes
 * to a conversation that itself encodes and decodes to the same thing. */
static void test_mutations(void **state)
{
	(void)state;
	struct hr_convo c = {0};
	snprintf(c.previous, sizeof(c.previous), "regimen.side_effects");
	put(&c, "regimen", "thp");
	put(&c, "topic", "regimen");
	put(&c, "ihc_score", "two");
	char good[HR_CONVO_CONTEXT_MAX + 1], buf[HR_CONVO_CONTEXT_MAX + 1];
	size_t len;
	assert_int_equal(hr_convo_encode(&c, good, sizeof(good), &len), 0);
	int accepted = 0, refused = 0;
	for (size_t i = 0; i < len; i++) {
		for (int k = 0; k < 256; k++) {
			memcpy(buf, good, len + 1);
			buf[i] = (char)k;
			struct hr_convo out;
			if (hr_convo_decode(buf, len, &out) != 0) {
				assert_empty(&out);
				refused++;
				continue;
			}
			accepted++;
			assert_true(out.ncontext <= HR_MAX_SLOTS);
			char again[HR_CONVO_CONTEXT_MAX + 1];
			size_t alen;
			assert_int_equal(hr_convo_encode(&out, again, sizeof(again), &alen), 0);
			struct hr_convo back;
			assert_int_equal(hr_convo_decode(again, alen, &back), 0);
			assert_same(&out, &back);
		}
	}
	assert_true(accepted > 0);
	assert_true(refused > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_largest_conversation_fits),
	    cmocka_unit_test(test_encode_skips_what_cannot_travel),
	    cmocka_unit_test(test_topic),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_oversized),
	    cmocka_unit_test(test_bad_version),
	    cmocka_unit_test(test_bad_base64),
	    cmocka_unit_test(test_unknown_names_are_harmless),
	    cmocka_unit_test(test_controls_and_nuls),
	    cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
