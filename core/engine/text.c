#include "text.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

/* Multi-byte UTF-8 punctuation that people paste or phones insert, and the ASCII
 * it stands for. A space means "separator". */
static const struct {
	const char *utf8;
	char ascii;
} folds[] = {
    {"\xe2\x80\x98", '\''}, /* left single quote */
    {"\xe2\x80\x99", '\''}, /* right single quote, apostrophe */
    {"\xe2\x80\x9c", ' '},  /* left double quote */
    {"\xe2\x80\x9d", ' '},  /* right double quote */
    {"\xe2\x80\x90", '-'},  /* hyphen */
    {"\xe2\x80\x91", '-'},  /* non-breaking hyphen */
    {"\xe2\x80\x93", '-'},  /* en dash */
    {"\xe2\x80\x94", ' '},  /* em dash separates clauses */
    {"\xe2\x80\xa6", ' '},  /* ellipsis */
    {"\xc2\xa0", ' '},      /* no-break space */
    {"\xe2\x80\xaf", ' '},  /* narrow no-break space */
    {"\xef\xbc\x8b", '+'},  /* fullwidth plus */
    {"\xc2\xb0", ' '},      /* degree sign, as in 101 °F */
};

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int hr_text_normalize(const char *in, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	int pending_space = 0;
	if (cap == 0)
		return -ENOSPC;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)in[i];
		char emit = 0;
		size_t adv = 1;
		if (c >= 0x80) {
			for (size_t f = 0; f < sizeof(folds) / sizeof(folds[0]); f++) {
				size_t fl = strlen(folds[f].utf8);
				if (i + fl <= len && memcmp(in + i, folds[f].utf8, fl) == 0) {
					emit = folds[f].ascii;
					adv = fl;
					break;
				}
			}
			if (!emit) {
				/* Keep other characters byte for byte. */
				if (pending_space && o > 0) {
					if (o + 1 >= cap)
						return -ENOSPC;
					out[o++] = ' ';
				}
				pending_space = 0;
				if (o + 1 >= cap)
					return -ENOSPC;
				out[o++] = (char)c;
				i++;
				continue;
			}
		} else if (c >= 'A' && c <= 'Z') {
			emit = (char)(c - 'A' + 'a');
		} else if (is_alnum(c) || c == '+' || c == '-' || c == '\'' || c == '/' || c == '%') {
			emit = (char)c;
		} else if (c == '.' && i > 0 && i + 1 < len && in[i - 1] >= '0' && in[i - 1] <= '9' &&
		           in[i + 1] >= '0' && in[i + 1] <= '9') {
			emit = '.';
		} else {
			emit = ' ';
		}
		i += adv;
		if (emit == ' ') {
			pending_space = 1;
			continue;
		}
		/* A quote mark that does not sit inside a word ("'yes'") is just punctuation. */
		if (emit == '\'' &&
		    (o == 0 || pending_space || i >= len || !is_alnum((unsigned char)in[i]))) {
			pending_space = 1;
			continue;
		}
		if (pending_space && o > 0) {
			if (o + 1 >= cap)
				return -ENOSPC;
			out[o++] = ' ';
		}
		pending_space = 0;
		if (o + 1 >= cap)
			return -ENOSPC;
		out[o++] = emit;
	}
	out[o] = '\0';
	return (int)o;
}

/* Whether the text after a comma starts a question ("..., would enhertu work"). */
static int comma_asks(const char *s, size_t len)
{
	static const char *const words[] = {"what ",  "how ",   "why ", "when ",   "where ",
	                                    "would ", "could ", "can ", "should ", "is ",
	                                    "are ",   "does ",  "do ",  "will ",   "which "};
	/* "..., which we did not know", "..., when my daughter was born": a
	 * relative clause (the word, then a subject), not a question. */
	static const char *const relative[] = {"which ", "when ", "where "};
	static const char *const subjects[] = {"i ",   "we ",  "he ",    "she ", "they ", "my ",    "our ",
	                                       "his ", "her ", "their ", "i'm ", "i've ", "we're ", "it's "};
	while (len > 0 && *s == ' ')
		s++, len--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t l = strlen(words[i]);
		if (len > l) {
			size_t k = 0;
			while (k < l && (s[k] | 0x20) == words[i][k])
				k++;
			if (k < l)
				continue;
			for (size_t r = 0; r < sizeof(relative) / sizeof(relative[0]); r++) {
				if (strcmp(words[i], relative[r]) != 0)
					continue;
				for (size_t j = 0; j < sizeof(subjects) / sizeof(subjects[0]); j++) {
					size_t sl = strlen(subjects[j]);
					if (len > l + sl && strncasecmp(s + l, subjects[j], sl) == 0)
						return 0;
				}
			}
			return 1;
		}
	}
	return 0;
}

/*
 * Whether the clause S[0..LEN) opens with a condition ("if i'm her2 low",
 * "supposing it spreads", "unless my heart is weak"): the question after its
 * comma is asked under that condition, so the two stay one sentence and the
 * condition stays in the question (a drug or a status named in it too).
 */
static int opens_condition(const char *s, size_t len)
{
	static const char *const words[] = {
	    "if ",     "even if ",  "only if ", "what if ",    "supposing ", "suppose ",   "assuming ",
	    "unless ", "provided ", "in case ", "given that ", "say ",       "let's say ", "lets say "};
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t l = strlen(words[i]);
		if (len > l && strncasecmp(s, words[i], l) == 0)
			return 1;
	}
	return 0;
}

/*
 * A run-on message with no marks ("so i finished taxol in may and now im on
 * herceptin alone and my feet still feel numb how long does this tingling
 * last"), as voice and quick typing send it, puts its question last. Where
 * such a span runs longer than RUNON bytes, the question is split off at the
 * last inverted question opener ("how long does", "what can", "is it", "can
 * i"), when what follows it is a plausible question (RUNON_TAIL_MIN to
 * RUNON_TAIL_MAX bytes) and it starts after the first half of the span. An
 * opener needs a verb after its question word ("how long does", not "how long
 * it took"), so a told "i asked how long it would take" stays in the story.
 */
#define RUNON 160
#define RUNON_TAIL_MIN 16
#define RUNON_TAIL_MAX 160

static int word_at(const char *s, size_t len, size_t *at, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(list[i]);
		if (*at + l < len && strncasecmp(s + *at, list[i], l) == 0 && s[*at + l] == ' ') {
			*at += l + 1;
			return 1;
		}
	}
	return 0;
}

static int opens_question(const char *s, size_t len)
{
	static const char *const wh[] = {"how", "what", "when", "why", "where", "which"};
	static const char *const amount[] = {"long", "often", "much", "many", "soon", "bad", "likely"};
	static const char *const aux[] = {"do",     "does", "did", "will", "would", "can", "could",
	                                  "should", "is",   "are", "was",  "has",   "have"};
	static const char *const subj[] = {"i",   "it", "there", "this",  "that", "my",  "we",
	                                   "she", "he", "they",  "these", "her",  "his", "your"};
	size_t at = 0;
	if (word_at(s, len, &at, wh, sizeof(wh) / sizeof(wh[0]))) {
		word_at(s, len, &at, amount, sizeof(amount) / sizeof(amount[0]));
		return word_at(s, len, &at, aux, sizeof(aux) / sizeof(aux[0]));
	}
	return word_at(s, len, &at, aux, sizeof(aux) / sizeof(aux[0])) &&
	       word_at(s, len, &at, subj, sizeof(subj) / sizeof(subj[0]));
}

/* Where in S[A..B) a run-on span's last question starts, or 0 for none. */
static size_t runon_split(const char *s, size_t a, size_t b)
{
	if (b - a <= RUNON)
		return 0;
	for (size_t i = b - RUNON_TAIL_MIN; i > a + (b - a) / 2; i--) {
		if (s[i - 1] != ' ' || b - i > RUNON_TAIL_MAX)
			continue;
		if (!opens_question(s + i, b - i))
			continue;
		/* "how long does this last": the question word before "does this". */
		size_t best = i, k = i;
		for (int back = 0; back < 2 && k > a + 1; back++) {
			size_t w = k - 1;
			while (w > a && s[w - 1] != ' ')
				w--;
			if (opens_question(s + w, b - w))
				best = w;
			k = w;
		}
		return best;
	}
	return 0;
}

static void push_span(struct hr_text_span *out, size_t *n, size_t max, size_t a, size_t b)
{
	struct hr_text_span sp = {(int)a, (int)(b - a)};
	if (*n == max) {
		memmove(out, out + 1, (max - 1) * sizeof(*out));
		(*n)--;
	}
	out[(*n)++] = sp;
}

size_t hr_text_sentences(const char *s, size_t len, struct hr_text_span *out, size_t max)
{
	size_t n = 0;
	size_t start = 0;
	if (max == 0)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		int end = i == len;
		if (!end) {
			char c = s[i];
			if (c == '?' || c == '!' || c == ';' || c == '\n' || c == '\r') {
				end = 1;
			} else if (c == ',' && i - start >= 12 && comma_asks(s + i + 1, len - i - 1) &&
			           !opens_condition(s + start, i - start)) {
				/* "the scan found spots in my bones, could kadcyla help me": the
				 * clause after the comma is the question. */
				end = 1;
			} else if (c == '.') {
				/* "4.6", "chemo.a", "e.g." and "..." stay inside the sentence. */
				char next = i + 1 < len ? s[i + 1] : ' ';
				end = next == ' ' || next == '\t' || next == '\n' || next == '\r' ||
				      next == '"' || next == '(' || next == ')';
			}
		}
		if (!end)
			continue;
		size_t stop = i < len ? i + 1 : len; /* the mark belongs to its sentence */
		/* Trim spaces and skip sentences with no letter or digit. */
		size_t a = start, b = stop;
		while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r'))
			b--;
		int any = 0;
		for (size_t k = a; k < b && !any; k++)
			any = is_alnum((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80;
		if (any) {
			size_t q = runon_split(s, a, b);
			if (q) {
				size_t e = q;
				while (e > a && s[e - 1] == ' ')
					e--;
				push_span(out, &n, max, a, e);
				a = q;
			}
			push_span(out, &n, max, a, b);
		}
		start = stop;
	}
	return n;
}

static int starts_with_word(const char *s, const char *w)
{
	size_t l = strlen(w);
	return strncmp(s, w, l) == 0 && (s[l] == ' ' || s[l] == '\0');
}

int hr_text_asks(const char *raw, size_t rawlen, const char *norm)
{
	while (rawlen > 0 && (raw[rawlen - 1] == ' ' || raw[rawlen - 1] == '\n' || raw[rawlen - 1] == '\r' ||
	                      raw[rawlen - 1] == '"' || raw[rawlen - 1] == ')'))
		rawlen--;
	if (rawlen > 0 && raw[rawlen - 1] == '?')
		return 1;
	static const char *const lead[] = {"so",  "and",  "but",  "ok",     "okay",   "also",
	                                   "um",  "uh",   "plz",  "please", "hi",     "hello",
	                                   "hey", "well", "then", "sir",    "doctor", "dr"};
	static const char *const qwords[] = {
	    "what",  "whats", "what's", "wat",     "how",      "hows",    "how's", "why",    "when",
	    "where", "who",   "whom",   "which",   "whose",    "is",      "isn't", "are",    "aren't",
	    "am",    "was",   "were",   "can",     "cant",     "can't",   "could", "should", "would",
	    "will",  "do",    "does",   "did",     "don't",    "doesn't", "may",   "might",  "has",
	    "have",  "shall", "tell",   "explain", "describe", "any",
	};
	static const char *const cues[] = {
	    "want to know",
	    "wanted to know",
	    "want to no",
	    "like to know",
	    "need to know",
	    "wondering",
	    "i wonder",
	    "tell me",
	    "would like suggestion",
	    "would like advice",
	    "like some advice",
	    "any advice",
	    "any suggestion",
	    "suggestions on",
	    "suggestions for",
	    "do you have information",
	    "information about",
	    "information on",
	    "info on",
	    "info about",
	    "what does",
	    "what do",
	    "how do",
	    "how can",
	    "how long",
	    "can i",
	    "should i",
	    "is it",
	    "is there",
	    "are there",
	    "does it",
	    "help me understand",
	    "what are",
	    "what is",
	    "looking for",
	    "please help",
	    "pls help",
	    "plz help",
	    "help me",
	    "need help",
	    "any help",
	    "advice on",
	    "some advice",
	    "any tips",
	    "tips for",
	    "tips on",
	    "curious",
	    "any ideas",
	    "any thoughts",
	    "let me know",
	    "what to expect",
	    "my question",
	    "question is",
	    "love to know",
	    "anyone know",
	    "has anyone",
	    "does anyone",
	};
	const char *s = norm;
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
			if (starts_with_word(s, lead[i])) {
				s += strlen(lead[i]);
				while (*s == ' ')
					s++;
				again = 1;
			}
		}
	}
	for (size_t i = 0; i < sizeof(qwords) / sizeof(qwords[0]); i++) {
		if (starts_with_word(s, qwords[i]))
			return 1;
	}
	for (size_t i = 0; i < sizeof(cues) / sizeof(cues[0]); i++) {
		if (strstr(norm, cues[i]))
			return 1;
	}
	return 0;
}

int hr_text_plea(const char *norm)
{
	/* The words that ask for help, and the words that may go with them. */
	static const char *const asks[] = {
	    "advice", "help",        "thoughts", "ideas",  "suggestions", "tips", "input",       "know",
	    "info",   "information", "hear",     "advise", "suggestion",  "idea", "experiences", "thought"};
	static const char *const polite[] = {
	    "any",      "would",    "be",       "very",   "much",     "greatly",     "thanks",     "thank",
	    "thx",      "ty",       "you",      "so",     "in",       "advance",     "please",     "pls",
	    "plz",      "let",      "me",       "us",     "i",        "we",          "love",       "to",
	    "your",     "for",      "the",      "all",    "welcome",  "from",        "anyone",     "someone",
	    "anybody",  "can",      "could",    "really", "need",     "some",        "a",          "lot",
	    "everyone", "guys",     "kind",     "words",  "grateful", "appreciated", "appreciate", "and",
	    "of",       "or",       "other",    "others", "people",   "if",          "you've",     "any1",
	    "again",    "ahead",    "happy",    "glad",   "x",        "xx",          "xxx",        "god",
	    "bless",    "ok",       "okay",     "hugely", "truly",    "with",        "this",       "it",
	    "that",     "thankyou", "many",     "most",   "just",     "want",        "wanted",     "like",
	    "also",     "more",     "anything", "share",  "sharing",  "here",        "out",        "kindly",
	    "welcomed", "greatful"};
	int pleads = 0, words = 0;
	for (const char *p = norm; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t l = strcspn(p, " ");
		int found = 0;
		for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]) && !found; i++) {
			if (strlen(asks[i]) == l && strncmp(p, asks[i], l) == 0)
				found = pleads = 1;
		}
		for (size_t i = 0; i < sizeof(polite) / sizeof(polite[0]) && !found; i++)
			found = strlen(polite[i]) == l && strncmp(p, polite[i], l) == 0;
		if (!found)
			return 0;
		words++;
		p += l;
	}
	return pleads && words > 0;
}

int hr_text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		unsigned min;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + n >= len)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}
