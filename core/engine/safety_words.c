/*
 * Words and numbers around a safety trigger: see safety_words.h. The
 * judgement itself (negation, report or question, context) is in safety.c.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety_words.h"

#include <stdlib.h>
#include <string.h>

#include "safety_int.h"

/* ------------------------------------------------------------------------- */
/* Words around a trigger. */

/* Collects up to MAX words that end at or before byte POS, nearest first. */
size_t words_before(const char *text, size_t pos, struct word *w, size_t max)
{
	size_t n = 0, i = pos;
	while (n < max) {
		while (i > 0 && text[i - 1] == ' ')
			i--;
		if (i == 0)
			break;
		size_t end = i;
		while (i > 0 && text[i - 1] != ' ')
			i--;
		w[n].p = text + i;
		w[n].n = end - i;
		n++;
	}
	return n;
}

/* Collects up to MAX words that start at or after byte POS, in order. */
size_t words_after(const char *text, size_t len, size_t pos, struct word *w, size_t max)
{
	size_t n = 0, i = pos;
	/* Skip the rest of a word POS points into. */
	while (i < len && i > 0 && text[i - 1] != ' ' && text[i] != ' ')
		i++;
	while (n < max) {
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t start = i;
		while (i < len && text[i] != ' ')
			i++;
		w[n].p = text + start;
		w[n].n = i - start;
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------------- */
/* Numbers: temperatures and episode counts, typed or spoken. */

static const char *const ones_words[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL,
};

static const char *const tens_words[] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL,
};

static int index_in(const struct word *w, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		if (list[i][0] && word_is(w, list[i]))
			return i;
	}
	return -1;
}

/*
 * Parses a number at W[0..N): digits ("101", "38.5", "101f", "8x"), or words
 * ("a hundred and one point five", "thirty eight", "one oh two"). Sets *VAL,
 * *UNIT ('f', 'c' or 0, from a letter or a following "degrees f"/"celsius")
 * and returns how many words it used, or 0 when W[0] is no number.
 */
static size_t read_number(const struct word *w, size_t n, double *val, char *unit)
{
	size_t used = 0;
	*unit = 0;
	if (n == 0)
		return 0;
	if (w[0].n > 0 && w[0].p[0] >= '0' && w[0].p[0] <= '9') {
		char buf[16];
		size_t len = w[0].n < sizeof(buf) - 1 ? w[0].n : sizeof(buf) - 1;
		memcpy(buf, w[0].p, len);
		buf[len] = '\0';
		char *end;
		*val = strtod(buf, &end);
		if (*end == 'f' || *end == 'c')
			*unit = *end;
		used = 1;
	} else {
		double v = 0;
		int have = 0, k;
		size_t i = 0;
		if (i + 1 < n && (word_is(&w[i], "a") || word_is(&w[i], "one")) &&
		    word_is(&w[i + 1], "hundred")) {
			v = 100, have = 1, i += 2;
		} else if (word_is(&w[i], "hundred")) {
			v = 100, have = 1, i += 1;
		} else if (i + 2 < n && word_is(&w[i], "one") &&
		           (word_is(&w[i + 1], "oh") || word_is(&w[i + 1], "o")) &&
		           (k = index_in(&w[i + 2], ones_words)) > 0 && k < 10) {
			v = 100 + k, have = 1, i += 3;
		}
		if (have && i < n && word_is(&w[i], "and"))
			i++;
		if (i < n && (k = index_in(&w[i], tens_words)) >= 2) {
			v += k * 10, have = 1, i++;
			if (i < n && (k = index_in(&w[i], ones_words)) > 0 && k < 10)
				v += k, i++;
		} else if (i < n && (k = index_in(&w[i], ones_words)) >= 0 && (have || k > 0)) {
			v += k, have = 1, i++;
		}
		if (!have)
			return 0;
		/* Take back a dangling "and" that led nowhere. */
		if (i > 0 && word_is(&w[i - 1], "and"))
			i--;
		if (i + 1 < n && word_is(&w[i], "point") && (k = index_in(&w[i + 1], ones_words)) >= 0 &&
		    k < 10) {
			v += k / 10.0, i += 2;
		}
		*val = v;
		used = i;
	}
	/* A unit may follow: "101 f", "38 degrees c", "101 degrees fahrenheit". */
	size_t i = used;
	if (i < n && (word_is(&w[i], "degrees") || word_is(&w[i], "degree") || word_is(&w[i], "deg")))
		i++;
	if (i < n && !*unit) {
		if (word_is(&w[i], "f") || word_is(&w[i], "fahrenheit"))
			*unit = 'f';
		else if (word_is(&w[i], "c") || word_is(&w[i], "celsius") || word_is(&w[i], "centigrade"))
			*unit = 'c';
	}
	return used;
}

/* Classifies a body temperature against 100.4 F / 38 C; without a unit the
 * range tells which scale was meant. Anything else is not a temperature. */
static enum temp classify_temp(double v, char unit)
{
	if (unit == 'f' || (!unit && v >= 90 && v <= 115)) {
		if (v < 90 || v > 115)
			return T_NONE;
		return v >= 100.4 - 1e-9 ? T_HIGH : T_LOW;
	}
	if (unit == 'c' || (!unit && v >= 34 && v <= 45)) {
		if (v < 34 || v > 45)
			return T_NONE;
		return v >= 38.0 - 1e-9 ? T_HIGH : T_LOW;
	}
	return T_NONE;
}

/* Looks at up to six words from byte POS for a temperature and classifies it. */
/* Words around a number that make it something other than a temperature. */
static const char *const not_temp_after[] = {
    "years",  "year",  "yrs",    "yr",     "yo",      "pounds",  "pound", "lbs",     "lb",   "kg",    "kilos",
    "kilo",   "mg",    "ml",     "mcg",    "percent", "dollars", "bucks", "minutes", "mins", "days",  "weeks",
    "months", "hours", "cycles", "rounds", "times",   "beats",   "bpm",   "miles",   "km",   "steps", NULL};
static const char *const not_temp_before[] = {"room",  "age",    "aged", "page",  "bus",    "route", "suite",
                                              "floor", "number", "no",   "weigh", "weighs", NULL};

enum temp temp_after(const struct ruleset *rs, const char *text, size_t len, size_t pos)
{
	struct word w[12];
	size_t n = words_after(text, len, pos, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n && i < 6; i++) {
		if (word_in(&w[i], rs->lists[L_BOUNDARIES]))
			break;
		double v;
		char unit;
		size_t used = read_number(w + i, n - i, &v, &unit);
		if (!used)
			continue;
		/* "I'm 38 years old", "101 pounds", "room 101": a number that is
		 * no temperature says so next to it. */
		if ((i + used < n && word_in(&w[i + used], not_temp_after)) ||
		    (i > 0 && word_in(&w[i - 1], not_temp_before)))
			return T_NONE;
		return classify_temp(v, unit);
	}
	return T_NONE;
}

/* A temperature word fires without a number when called high: "high temp",
 * "my temperature is up". */
int temp_called_high(const struct ruleset *rs, const char *text, size_t len, size_t start, size_t end)
{
	struct word w[4];
	size_t n = words_before(text, start, w, 1);
	if (n && word_in(&w[0], rs->lists[L_TEMP_HIGH]))
		return 1;
	n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], rs->lists[L_NEGATORS]))
			return 0;
		if (word_in(&w[i], rs->lists[L_TEMP_HIGH]))
			return 1;
	}
	return 0;
}

/* Reads the count captured in [START, END): four or more, or a vague "many". */
int count_is_many(const char *text, size_t start, size_t end)
{
	struct word w[4];
	size_t n = words_after(text, end, start, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		double v;
		char unit;
		if (word_in(&w[i], (const char *const[]){"like", "about", "over", "more", "than", NULL}))
			continue;
		if (read_number(w + i, n - i, &v, &unit))
			return v >= 4;
		return 1; /* many, several, lots of, a lot of, countless... */
	}
	return 0;
}
