/*
 * The learned crisis check. See safety_concern.h for the contract and
 * docs/safety.md ("The learned check") for how it was trained and how well it
 * hears.
 *
 * The reader here and tokens()/features() in tools/concern-train are twins: a
 * change to one is a change to the other, then the model is regenerated
 * (tools/concern-train --write) and measured again (--report).
 *
 * Reading: ASCII letters are lower-cased, digits kept, an apostrophe (' or
 * U+2019) joins ("can't" is "cant"), any other ASCII separates words, and
 * other bytes stay in the word (Spanish accents). A word keeps its first
 * CONCERN_TOKEN_MAX bytes. Features of a window: each word, each pair of
 * neighbouring words (joined by a space), and the first CONCERN_PREFIX bytes
 * of a longer word (after a "~"), each counted once, hashed with FNV-1a 64 and
 * looked up in the sorted weight table by binary search. The score is the
 * bias plus the weights of the features present; a message longer than
 * CONCERN_WINDOW words is scored window by window (CONCERN_STRIDE apart) and
 * the highest counts. A message of more than one sentence (split at . ! ? ;
 * and new lines) is also scored sentence by sentence, and the highest of all
 * counts: a crisis told and then a practical question after it ("... they'd
 * manage better without me. what helps with nausea") scores as it would alone.
 */
#include "safety_concern.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct concern_weight {
	uint64_t hash;
	int32_t w;
};

#include "safety_concern_model.inc"

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME 0x100000001b3u
#define NFEAT (CONCERN_WINDOW * 3)

/* Offered, not assumed, and to whoever needs it: the learned check cannot
 * tell whose crisis a message tells (a wife worried about her husband sitting
 * in the garage gets it as much as the husband would), so the line names both
 * rather than guessing (docs/clinical-review.md, item 12). */
const char hr_concern_line[] =
    "If you, or someone you care about, are having thoughts of suicide or self-harm, you can call or "
    "text 988 any time, day or night, to talk with someone now. If anyone is in danger, call 911.";
const char hr_concern_line_speech[] =
    "If you, or someone you care about, are having thoughts of suicide or self-harm, you can call or "
    "text nine eight eight any time, day or night, to talk with someone now. If anyone is in danger, "
    "call nine one one.";

struct token {
	unsigned char len;
	char s[CONCERN_TOKEN_MAX];
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

static int32_t weight(uint64_t h)
{
	size_t lo = 0, hi = sizeof(concern_weights) / sizeof(concern_weights[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (concern_weights[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sizeof(concern_weights) / sizeof(concern_weights[0]) && concern_weights[lo].hash == h)
		return concern_weights[lo].w;
	return 0;
}

/* Adds H to the window's set; 0 when it was there already. */
static int add(uint64_t *set, size_t *n, uint64_t h)
{
	for (size_t i = 0; i < *n; i++) {
		if (set[i] == h)
			return 0;
	}
	set[(*n)++] = h;
	return 1;
}

static int score_window(const struct token *t, size_t n)
{
	uint64_t set[NFEAT];
	size_t nset = 0;
	long z = CONCERN_BIAS;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = fnv(FNV_OFFSET, t[i].s, t[i].len);
		if (add(set, &nset, h))
			z += weight(h);
		if (i + 1 < n) {
			uint64_t b = fnv(fnv(h, " ", 1), t[i + 1].s, t[i + 1].len);
			if (add(set, &nset, b))
				z += weight(b);
		}
		if (t[i].len > CONCERN_PREFIX) {
			uint64_t p = fnv(fnv(FNV_OFFSET, "~", 1), t[i].s, CONCERN_PREFIX);
			if (add(set, &nset, p))
				z += weight(p);
		}
	}
	if (z > INT32_MAX / 2)
		z = INT32_MAX / 2;
	if (z < INT32_MIN / 2)
		z = INT32_MIN / 2;
	return (int)z;
}

/* Reads the next word of TEXT from *POS into T; 0 at the end. */
static int next_token(const char *text, size_t len, size_t *pos, struct token *t)
{
	size_t i = *pos;
	t->len = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\'') {
			i++;
			continue;
		}
		if (c == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
		    (unsigned char)text[i + 2] == 0x99) {
			i += 3;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
			if (t->len < CONCERN_TOKEN_MAX)
				t->s[t->len++] = (char)c;
		} else if (t->len) {
			break;
		}
		i++;
	}
	*pos = i;
	return t->len > 0;
}

/* The score of TEXT[0..LEN) as one piece: the highest over its windows. */
static int score_piece(const char *text, size_t len)
{
	struct token win[CONCERN_WINDOW];
	size_t n = 0, pos = 0;
	int best = 0, scored = 0;
	for (;;) {
		while (n < CONCERN_WINDOW && next_token(text, len, &pos, &win[n]))
			n++;
		int full = n == CONCERN_WINDOW;
		/* One more word after a full window means another window follows,
		 * as in the trainer: windows start every CONCERN_STRIDE words and
		 * the last one reaches the end. */
		struct token extra;
		int more = full && next_token(text, len, &pos, &extra);
		int z = score_window(win, n);
		if (!scored || z > best)
			best = z;
		scored = 1;
		if (!more)
			break;
		memmove(win, win + CONCERN_STRIDE, (CONCERN_WINDOW - CONCERN_STRIDE) * sizeof(win[0]));
		n = CONCERN_WINDOW - CONCERN_STRIDE;
		win[n++] = extra;
	}
	return best;
}

static int ends_sentence(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n';
}

/* The next sentence of TEXT from *POS that holds a word: its start and
 * length; 0 at the end. */
static int next_sentence(const char *text, size_t len, size_t *pos, size_t *start, size_t *n)
{
	while (*pos < len) {
		size_t s = *pos, e = s;
		while (e < len && !ends_sentence(text[e]))
			e++;
		*pos = e < len ? e + 1 : e;
		struct token t;
		size_t p = 0;
		if (next_token(text + s, e - s, &p, &t)) {
			*start = s;
			*n = e - s;
			return 1;
		}
	}
	return 0;
}

/* Whether TEXT holds more words than one window. */
static int longer_than_window(const char *text, size_t len)
{
	size_t pos = 0, count = 0;
	struct token t;
	while (count <= CONCERN_WINDOW && next_token(text, len, &pos, &t))
		count++;
	return count > CONCERN_WINDOW;
}

/* The score of TEXT, and in *BY_SENTENCE whether it was read sentence by
 * sentence only. */
static int score_text(const char *text, size_t len, int *by_sentence)
{
	size_t pos = 0, start, n, count = 0;
	*by_sentence = 0;
	while (count < 2 && next_sentence(text, len, &pos, &start, &n))
		count++;
	if (count < 2)
		return score_piece(text, len);
	/* A letter longer than a window is scored sentence by sentence only: its
	 * windows add up the mild words of many sentences, and an ordinary
	 * emotional letter (anger at the cancer, grief, exhaustion) scored as
	 * high as a crisis (twelfth portion: 9 of its 10 such letters flagged;
	 * 6 so). A crisis told in a letter is told in one of its sentences. */
	int whole = !longer_than_window(text, len);
	*by_sentence = !whole;
	int best = whole ? score_piece(text, len) : 0, scored = whole;
	pos = 0;
	while (next_sentence(text, len, &pos, &start, &n)) {
		int z = score_piece(text + start, n);
		if (!scored || z > best)
			best = z;
		scored = 1;
	}
	return best;
}

int hr_concern_score(const char *text, size_t len)
{
	int by_sentence;
	return score_text(text, len, &by_sentence);
}

double hr_concern_probability(const char *text, size_t len)
{
	return 1.0 / (1.0 + exp(-(double)hr_concern_score(text, len) / CONCERN_SCALE));
}

int hr_concern_check(const char *text, size_t len)
{
	/* The best of many sentences is held to a higher bar (p >= 0.95): the
	 * more sentences a letter has, the likelier one of them scores high by
	 * chance (docs/safety.md, twelfth portion). */
	int by_sentence;
	int z = score_text(text, len, &by_sentence);
	return z >= (by_sentence ? CONCERN_THRESHOLD_LONG : CONCERN_THRESHOLD);
}

static int prepend(char **field, const char *line, const char *rest)
{
	size_t a = strlen(line), b = rest ? strlen(rest) : 0;
	char *s = malloc(a + 2 + b + 1);
	if (!s)
		return -ENOMEM;
	memcpy(s, line, a);
	size_t o = a;
	if (b) {
		memcpy(s + o, "\n\n", 2);
		o += 2;
		memcpy(s + o, rest, b);
		o += b;
	}
	s[o] = '\0';
	*field = s;
	return 0;
}

const char hr_after_emergency_line[] =
    "First, if you have not called 911 yet about the signs you told me, please call now. They need help "
    "right away, even if they seem to be getting better.";

/* Puts LINE before A's text and LINE_SPEECH before its speech (an answer
 * with no speech form is spoken from its text, so the line's speech form goes
 * before that). The two marks below differ only in the line and in what they
 * set after it. Returns 0 or -ENOMEM (A is then unchanged). */
static int mark_with_line(struct hr_answer *a, const char *line, const char *line_speech)
{
	char *text = NULL, *speech = NULL;
	if (prepend(&text, line, a->text))
		return -ENOMEM;
	if (prepend(&speech, line_speech, a->speech ? a->speech : a->text)) {
		free(text);
		return -ENOMEM;
	}
	free(a->text);
	free(a->speech);
	a->text = text;
	a->speech = speech;
	return 0;
}

int hr_after_emergency_mark(struct hr_answer *a)
{
	if (a->safety != HR_SAFETY_NONE)
		return 0;
	return mark_with_line(a, hr_after_emergency_line, hr_after_emergency_line);
}

int hr_concern_mark(struct hr_answer *a)
{
	if (a->safety != HR_SAFETY_NONE || a->concern)
		return 0;
	if (mark_with_line(a, hr_concern_line, hr_concern_line_speech))
		return -ENOMEM;
	a->concern = HR_CONCERN_CRISIS;
	/* The Lifeline's page, when the answer has room; the line and the field
	 * stand without it, so a failure here is not the caller's. */
	int have = 0;
	for (size_t i = 0; i < a->nsources; i++) {
		if (a->sources[i].url && strcmp(a->sources[i].url, "https://988lifeline.org/") == 0)
			have = 1;
	}
	if (!have && a->nsources < HR_MAX_SOURCES)
		(void)hr_answer_add_source(a, "988 Suicide and Crisis Lifeline", "988 Lifeline",
		                           "https://988lifeline.org/");
	return 0;
}
