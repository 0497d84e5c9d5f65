/*
 * Fuzzes the carried conversation (core/engine/convo.c): any bytes a client sends as
 * "context" must decode into a well-formed conversation or be refused with an
 * empty one, never crash, overrun or leak; whatever decodes must encode and
 * decode to the same conversation; and whatever the engine may hold (a
 * plugin remembers what it likes) must encode into a context that decodes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "convo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

/* Decodes TEXT and checks every promise of hr_convo_decode. */
static void check_decode(const char *text, size_t len)
{
	static const struct hr_convo zero;
	struct hr_convo c;
	if (hr_convo_decode(text, len, &c) != 0) {
		if (memcmp(&c, &zero, sizeof(c)) != 0)
			abort(); /* a refused context must leave nothing behind */
		return;
	}
	if (len > HR_CONVO_CONTEXT_MAX || !terminated(c.previous, sizeof(c.previous)) ||
	    c.ncontext > HR_MAX_SLOTS)
		abort();
	for (size_t i = 0; i < c.ncontext; i++) {
		if (!terminated(c.context[i].name, HR_NAME_MAX) ||
		    !terminated(c.context[i].value, HR_SLOT_VALUE_MAX) || !c.context[i].name[0])
			abort();
		for (const char *p = c.context[i].value; *p; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				abort();
		}
	}
	char again[HR_CONVO_CONTEXT_MAX + 1];
	size_t alen;
	struct hr_convo back;
	if (hr_convo_encode(&c, again, sizeof(again), &alen) || hr_convo_decode(again, alen, &back) ||
	    memcmp(&c, &back, sizeof(c)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 1. The input as the context string a client sent. */
	check_decode((const char *)data, size);

	/* 2. The input as the payload of a version 1 context, so the field
	 * parser sees more than what random base64 reaches. */
	char text[HR_CONVO_CONTEXT_MAX + 8];
	size_t n = size < 1100 ? size : 1100, o = 0;
	text[o++] = '1';
	text[o++] = '.';
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		v = (v << 8 | data[i]) & 0xffff;
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			text[o++] = B64[(v >> bits) & 63];
		}
	}
	if (bits)
		text[o++] = B64[(v << (6 - bits)) & 63];
	check_decode(text, o);

	/* 3. The input as a conversation the engine holds: it always travels. */
	struct hr_convo c;
	memset(&c, 0, sizeof(c));
	memcpy(&c, data, size < sizeof(c) ? size : sizeof(c));
	char out[HR_CONVO_CONTEXT_MAX + 1];
	size_t olen;
	if (hr_convo_encode(&c, out, sizeof(out), &olen) != 0 || olen > HR_CONVO_CONTEXT_MAX)
		abort();
	check_decode(out, olen);
	return 0;
}
