#include "convo.h"

#include <errno.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define PREFIX "2."
#define PREFIX_LEN 2

/* The largest payload without the topic: a previous intent, a count, and
 * HR_MAX_SLOTS names and values, each behind a one-byte length. */
#define PAYLOAD_MAX                                                                                          \
	(1 + (HR_NAME_MAX - 1) + 1 + HR_MAX_SLOTS * (1 + (HR_NAME_MAX - 1) + 1 + (HR_SLOT_VALUE_MAX - 1)))
#define B64_LEN(n) (((n)*4 + 2) / 3)

/* Every conversation fits with an empty topic; the topic takes what room is
 * left (hr_convo_encode cuts its oldest words). */
_Static_assert(PREFIX_LEN + B64_LEN(PAYLOAD_MAX + 1) <= HR_CONVO_CONTEXT_MAX,
               "every conversation must fit in a context string");
_Static_assert(HR_NAME_MAX <= 256 && HR_SLOT_VALUE_MAX <= 256 && HR_MAX_SLOTS < 256 && HR_TOPIC_MAX <= 256,
               "lengths and the count are one byte each");

const char *hr_convo_error_name(int rc)
{
	switch (rc) {
	case -E2BIG:
		return "too_large";
	case -ENOTSUP:
		return "version";
	default:
		return "malformed";
	}
}

/* True for a previous intent: intent-name characters only, or empty. */
static int intent_like(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

/* True for a slot name or value: valid UTF-8 with no C0 or C1 control
 * character and no DEL (so no NUL, newline or escape either). */
static int plain_text(const char *s, size_t n)
{
	if (!hr_text_valid_utf8(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0)
			return 0; /* U+0080..U+009F */
	}
	return 1;
}

/* The length of the NUL-terminated string in a field of CAP bytes, or -1 when
 * it fills the field with no NUL. */
static long field_len(const char *s, size_t cap)
{
	const char *nul = memchr(s, '\0', cap);
	return nul ? nul - s : -1;
}

static void put_string(unsigned char *p, size_t *n, const char *s, size_t len)
{
	p[(*n)++] = (unsigned char)len;
	memcpy(p + *n, s, len);
	*n += len;
}

int hr_convo_encode(const struct hr_convo *convo, char *buf, size_t cap, size_t *len)
{
	unsigned char p[PAYLOAD_MAX + HR_TOPIC_MAX];
	size_t n = 0;
	long pl = field_len(convo->previous, sizeof(convo->previous));
	if (pl < 0 || !intent_like(convo->previous, (size_t)pl))
		pl = 0;
	put_string(p, &n, convo->previous, (size_t)pl);
	size_t count_at = n++;
	unsigned char count = 0;
	size_t nc = convo->ncontext < HR_MAX_SLOTS ? convo->ncontext : HR_MAX_SLOTS;
	for (size_t i = 0; i < nc; i++) {
		const struct hr_slot *s = &convo->context[i];
		long nl = field_len(s->name, sizeof(s->name));
		long vl = field_len(s->value, sizeof(s->value));
		if (nl <= 0 || vl < 0 || !plain_text(s->name, (size_t)nl) ||
		    !plain_text(s->value, (size_t)vl))
			continue;
		int dup = 0;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(convo->context[k].name, s->name) == 0;
		if (dup)
			continue; /* the engine reads the first; so does the decoder */
		put_string(p, &n, s->name, (size_t)nl);
		put_string(p, &n, s->value, (size_t)vl);
		count++;
	}
	p[count_at] = count;
	/* The topic, when it is text: its oldest words go while the string
	 * would be over HR_CONVO_CONTEXT_MAX (only with nearly every slot full
	 * and long). */
	const char *topic = convo->topic;
	long tl = field_len(convo->topic, sizeof(convo->topic));
	if (tl < 0 || !plain_text(topic, (size_t)tl))
		tl = 0;
	while (tl > 0 && PREFIX_LEN + B64_LEN(n + 1 + (size_t)tl) > HR_CONVO_CONTEXT_MAX) {
		const char *sp = memchr(topic, ' ', (size_t)tl);
		size_t cut = sp ? (size_t)(sp - topic) + 1 : (size_t)tl;
		topic += cut;
		tl -= (long)cut;
	}
	put_string(p, &n, topic, (size_t)tl);
	size_t need = PREFIX_LEN + B64_LEN(n);
	if (need + 1 > cap)
		return -ENOSPC;
	memcpy(buf, PREFIX, PREFIX_LEN);
	hr_base64_encode(p, n, 1, buf + PREFIX_LEN);
	buf[need] = '\0';
	*len = need;
	return 0;
}

/* Reads one length-prefixed string of at most MAX bytes from P[*AT..N). */
static const char *take_string(const unsigned char *p, size_t n, size_t *at, size_t max, size_t *len)
{
	if (*at >= n)
		return NULL;
	size_t l = p[(*at)++];
	if (l > max || l > n - *at)
		return NULL;
	const char *s = (const char *)p + *at;
	*at += l;
	*len = l;
	return s;
}

static int decode(const char *text, size_t len, struct hr_convo *out)
{
	if (len > HR_CONVO_CONTEXT_MAX)
		return -E2BIG;
	size_t dot = 0;
	while (dot < len && dot < 8 && text[dot] >= '0' && text[dot] <= '9')
		dot++;
	if (dot == 0 || dot >= len || text[dot] != '.')
		return -EINVAL;
	/* Version 1 is version 2 without the topic: a context from before an
	 * upgrade still carries its conversation. */
	if (dot != 1 || (text[0] != '1' && text[0] != '2'))
		return -ENOTSUP;
	int version = text[0] - '0';
	unsigned char p[HR_CONVO_CONTEXT_MAX];
	long n = hr_base64url_decode(text + PREFIX_LEN, len - PREFIX_LEN, p, sizeof(p));
	if (n < 0)
		return -EINVAL;
	size_t at = 0, l;
	const char *s = take_string(p, (size_t)n, &at, HR_NAME_MAX - 1, &l);
	if (!s || !intent_like(s, l))
		return -EINVAL;
	memcpy(out->previous, s, l);
	out->previous[l] = '\0';
	if (at >= (size_t)n)
		return -EINVAL;
	size_t count = p[at++];
	if (count > HR_MAX_SLOTS)
		return -EINVAL;
	for (size_t i = 0; i < count; i++) {
		struct hr_slot *slot = &out->context[i];
		size_t vl;
		const char *name = take_string(p, (size_t)n, &at, HR_NAME_MAX - 1, &l);
		const char *value = name ? take_string(p, (size_t)n, &at, HR_SLOT_VALUE_MAX - 1, &vl) : NULL;
		if (!value || l == 0 || !plain_text(name, l) || !plain_text(value, vl))
			return -EINVAL;
		memcpy(slot->name, name, l);
		slot->name[l] = '\0';
		memcpy(slot->value, value, vl);
		slot->value[vl] = '\0';
		for (size_t k = 0; k < i; k++) {
			if (strcmp(out->context[k].name, slot->name) == 0)
				return -EINVAL;
		}
		out->ncontext = i + 1;
	}
	if (version >= 2) {
		s = take_string(p, (size_t)n, &at, HR_TOPIC_MAX - 1, &l);
		if (!s || !plain_text(s, l))
			return -EINVAL;
		memcpy(out->topic, s, l);
		out->topic[l] = '\0';
	}
	return at == (size_t)n ? 0 : -EINVAL;
}

int hr_convo_decode(const char *text, size_t len, struct hr_convo *out)
{
	memset(out, 0, sizeof(*out));
	int rc = decode(text, len, out);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
