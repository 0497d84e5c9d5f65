/*
 * Choosing what was heard: the grammar's sentence against the open-vocabulary
 * hypotheses, safety sentences kept when heard nearly, and the decision to
 * answer, ask "did you mean" or ask again (docs/voice.md). Plain logic over
 * the recogniser's results; voice.c runs it on the loop.
 */
#include "voice.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asr.h"
#include "text.h"

/* ---- choosing the transcript ---- */

/*
 * How much the open-vocabulary hypotheses must agree with the grammar's
 * sentence: in words (shared words in order over the longer text), and in
 * meaning (how many of them the engine routes to the sentence's intent).
 * The grammar fits any sound to some sentence; the trigram model, free to
 * hear other words, only agrees when the sentence was said. Tuned on
 * bench/voice-corpus (docs/voice.md). The acoustic fit against a free phone
 * loop was measured too and did not separate said from forced sentences.
 */
#define AGREE_SURE 0.75
#define AGREE_MAYBE 0.5
#define SUPPORT_SURE 5
/*
 * Heard right by the grammar, misheard in a word or two by the trigram
 * search ("how do they test for two" for "... her2"). Agreement here counts
 * the words as they are said (the lexicon's respellings: "her2" is "her
 * two"). Answered when four hypotheses lead to the sentence's intent and
 * two fifths of its words agree, or, with none leading elsewhere, when four
 * fifths of its words agree (measured on bench/voice-corpus and a second
 * set of phrasings: docs/voice.md, "Agreeing on meaning").
 */
#define SUPPORT_MANY 4
#define AGREE_SOME 0.4
#define AGREE_WORDS 0.8
/*
 * Heard right by the trigram search, fitted to another sentence (or none)
 * by the grammar ("can i have a baby after treatment" against "can i travel
 * during treatment"): the trigram words are answered when all hypotheses
 * but one (and at least NGRAM_SUPPORT) lead to the same intent and a
 * sentence of the grammar that shares three quarters of their words leads
 * there too, naming every drug they name. The n-best list alone repeats the
 * 1-best with small changes ("how much will my treatment killed" went to
 * the dosing topic), so the grammar's near sentence is the second opinion.
 */
#define NGRAM_SUPPORT 4
#define CLOSE_AGREE 0.75
/*
 * The trigram words without a near sentence: answered when every pair of
 * their words (and how they start and end) occurs in a sentence of the
 * grammar, so nothing in them is the garble a misheard question gives
 * ("my feet on palms are the warning", "how much will my treatment
 * killed"), and FLUENT_SUPPORT hypotheses, all but one, lead to their
 * intent (measured: docs/voice.md, "Fluent trigram words").
 */
#define FLUENT_SUPPORT 4
/*
 * The trigram words answered in place of a grammar sentence whose drug
 * nobody heard may have at most this many word pairs the grammar lacks:
 * on telephone audio "how much will my treatment killed" (two) was
 * answered with the dosing topic for a question about cost.
 */
#define GARBLE_MAX 1

const char *hr_heard_name(enum hr_heard h)
{
	switch (h) {
	case HR_HEARD_CONFIRM:
		return "confirm";
	case HR_HEARD_REPEAT:
		return "repeat";
	default:
		return "answer";
	}
}

#define MAX_WORDS 64

static size_t split_words(const char *text, char *buf, size_t cap, const char **words)
{
	snprintf(buf, cap, "%s", text);
	size_t n = 0;
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w && n < MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	return n;
}

/* Words of TEXT as they are said: each respelled through J (when it has
 * respellings), "her2" as "her" and "two". */
static size_t said_words(const char *text, const struct hr_voice_judge *j, char *buf, size_t cap,
                         const char **words)
{
	if (!j || !j->respell)
		return split_words(text, buf, cap, words);
	char tmp[HR_TRANSCRIPT_MAX];
	const char *w[MAX_WORDS];
	size_t n = split_words(text, tmp, sizeof(tmp), w), len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++) {
		const char *r = j->respell(j->ud, w[i]);
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "", r ? r : w[i]);
	}
	/* Respellings may spell letters in capitals ("T D X D"): the
	 * recogniser's words are lower case. */
	char copy[HR_TRANSCRIPT_MAX];
	size_t k = 0;
	for (; buf[k] && k + 1 < sizeof(copy); k++)
		copy[k] = (char)tolower((unsigned char)buf[k]);
	copy[k] = '\0';
	return split_words(copy, buf, cap, words);
}

/* Words WA[0..NA) and WB[0..NB) share in order (longest common subsequence)
 * over the longer one's length: 1 for the same words, near 0 for unrelated. */
static double lcs_share(const char *const *wa, size_t na, const char *const *wb, size_t nb)
{
	if (!na || !nb)
		return 0;
	unsigned short row[MAX_WORDS + 1] = {0}, prev[MAX_WORDS + 1] = {0};
	for (size_t i = 1; i <= na; i++) {
		for (size_t k = 1; k <= nb; k++) {
			if (strcmp(wa[i - 1], wb[k - 1]) == 0)
				row[k] = (unsigned short)(prev[k - 1] + 1);
			else
				row[k] = row[k - 1] > prev[k] ? row[k - 1] : prev[k];
		}
		memcpy(prev, row, sizeof(row));
	}
	return (double)prev[nb] / (double)(na > nb ? na : nb);
}

/* Words the two texts share in order over the longer one's length. */
static double agreement(const char *a, const char *b)
{
	char ba[HR_TRANSCRIPT_MAX], bb[HR_TRANSCRIPT_MAX];
	const char *wa[MAX_WORDS], *wb[MAX_WORDS];
	size_t na = split_words(a, ba, sizeof(ba), wa), nb = split_words(b, bb, sizeof(bb), wb);
	return lcs_share(wa, na, wb, nb);
}

/* The same over the words as said (said_words). */
static double said_agreement(const char *a, const char *b, const struct hr_voice_judge *j)
{
	char ba[HR_TRANSCRIPT_MAX], bb[HR_TRANSCRIPT_MAX];
	const char *wa[MAX_WORDS], *wb[MAX_WORDS];
	size_t na = said_words(a, j, ba, sizeof(ba), wa), nb = said_words(b, j, bb, sizeof(bb), wb);
	return lcs_share(wa, na, wb, nb);
}

static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

/* TEXT names a drug or test (a key word, HER2 itself aside). */
static int names_key(const char *text, const struct hr_voice_judge *j)
{
	if (!j->is_key)
		return 0;
	char buf[HR_TRANSCRIPT_MAX];
	const char *w[MAX_WORDS];
	size_t n = split_words(text, buf, sizeof(buf), w);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(w[i], "her2", 4) != 0 && j->is_key(j->ud, w[i]))
			return 1;
	}
	return 0;
}

/* A key word (drug, term) of the grammar's sentence that no open-vocabulary
 * hypothesis contains: the grammar may have put it there. */
static int unheard_key(const struct hr_asr_result *r, const struct hr_voice_judge *j)
{
	if (!j || !j->is_key)
		return 0;
	char buf[HR_TRANSCRIPT_MAX];
	const char *w[MAX_WORDS];
	size_t n = split_words(r->grammar, buf, sizeof(buf), w);
	for (size_t i = 0; i < n; i++) {
		/* HER2 itself is every question's subject: misheard, it changes
		 * no answer. Drug names and tests do. */
		if (strncmp(w[i], "her2", 4) == 0 || !j->is_key(j->ud, w[i]))
			continue;
		int found = has_word(r->ngram, w[i]);
		for (size_t a = 0; a < r->nalt && !found; a++)
			found = has_word(r->alt[a], w[i]);
		if (!found)
			return 1;
	}
	return 0;
}

/*
 * Near a safety sentence: the open-vocabulary models are free to miss one
 * word of "i want to hurt myself" ("i want to myself") where the grammar
 * found no sentence or another one. A hypothesis that shares, in order, at
 * least NEAR_SAFETY of the words of one of the grammar's safety sentences
 * (over the longer of the two), among them a word that is not one of the
 * small words every sentence has, makes that sentence a candidate. At 0.5 it
 * rescued one more spoken crisis phrasing but made safety candidates of 4 in
 * 76 ordinary questions ("will my hair fall out" -> "i passed out"):
 * docs/voice.md, "Safety first".
 */
#define NEAR_SAFETY 0.6

static int small_word(const char *w)
{
	static const char *const small[] = {
	    "a",    "about", "all",  "am",   "an",    "and",      "are",   "be",    "been", "can",   "can't",
	    "do",   "don't", "feel", "for",  "get",   "getting",  "going", "gonna", "had",  "has",   "have",
	    "he",   "her",   "his",  "how",  "i",     "i'm",      "i've",  "in",    "is",   "it",    "it's",
	    "just", "keep",  "like", "me",   "my",    "no",       "not",   "of",    "on",   "she",   "so",
	    "some", "that",  "the",  "they", "think", "thinking", "this",  "to",    "up",   "wanna", "want",
	    "was",  "we",    "what", "will", "would", "you",
	};
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		if (strcmp(w, small[i]) == 0)
			return 1;
	}
	return 0;
}

/* A word of SENTENCE, not a small one, that TEXT has. */
static int shares_key_word(const char *sentence, const char *text)
{
	char buf[HR_TRANSCRIPT_MAX];
	const char *w[MAX_WORDS];
	size_t n = split_words(sentence, buf, sizeof(buf), w);
	for (size_t i = 0; i < n; i++) {
		if (!small_word(w[i]) && has_word(text, w[i]))
			return 1;
	}
	return 0;
}

void hr_voice_near_safety(const char *sentences, struct hr_asr_result *r)
{
	r->near[0] = '\0';
	if (!sentences || !sentences[0])
		return;
	const char *hyp[1 + HR_ASR_NBEST];
	size_t nh = 0;
	if (r->ngram[0])
		hyp[nh++] = r->ngram;
	for (size_t a = 0; a < r->nalt; a++)
		hyp[nh++] = r->alt[a];
	double best = NEAR_SAFETY;
	char line[HR_TRANSCRIPT_MAX];
	for (const char *p = sentences; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len && len < sizeof(line)) {
			memcpy(line, p, len);
			line[len] = '\0';
			for (size_t h = 0; h < nh; h++) {
				double x = agreement(line, hyp[h]);
				if (x >= best && shares_key_word(line, hyp[h])) {
					/* The closest; on a tie, the first (the content's order). */
					if (x > best || !r->near[0])
						snprintf(r->near, sizeof(r->near), "%s", line);
					best = x;
				}
			}
		}
		p += len + (e ? 1 : 0);
	}
}

/* Words of TEXT[0..LEN) as hashes (FNV-1a) into H: comparing sentences by
 * them is many times cheaper than by strings, and hr_voice_closest compares
 * the trigram words with every sentence of the grammar. */
static size_t word_hashes(const char *text, size_t len, uint32_t *h, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		uint32_t x = 2166136261u;
		for (; i < len && text[i] != ' '; i++)
			x = (x ^ (uint8_t)text[i]) * 16777619u;
		if (n == cap)
			return n + 1; /* longer than anything compared */
		h[n++] = x;
	}
	return n;
}

static double hash_share(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	unsigned short row[MAX_WORDS + 1] = {0}, prev[MAX_WORDS + 1] = {0};
	for (size_t i = 1; i <= na; i++) {
		for (size_t k = 1; k <= nb; k++)
			row[k] = a[i - 1] == b[k - 1]   ? (unsigned short)(prev[k - 1] + 1)
			         : row[k - 1] > prev[k] ? row[k - 1]
			                                : prev[k];
		memcpy(prev, row, (nb + 1) * sizeof(*row));
	}
	return (double)prev[nb] / (double)(na > nb ? na : nb);
}

/* The pairs of HW[0..NH) (as hr_voice_closest numbers them) that sentence
 * SW[0..NS) has, as bits. */
static uint64_t seen_pairs(const uint32_t *hw, size_t nh, const uint32_t *sw, size_t ns)
{
	uint64_t got = 0;
	if (hw[0] == sw[0])
		got |= 1;
	if (hw[nh - 1] == sw[ns - 1] && nh < 64)
		got |= 1ull << nh;
	for (size_t k = 1; k < nh && k < 64; k++) {
		for (size_t i = 1; i < ns; i++) {
			if (sw[i] == hw[k] && sw[i - 1] == hw[k - 1]) {
				got |= 1ull << k;
				break;
			}
		}
	}
	return got;
}

void hr_voice_closest(const char *sentences, struct hr_asr_result *r)
{
	r->nclose = 0;
	r->unseen = 0;
	if (!sentences || !r->ngram[0])
		return;
	uint32_t hw[MAX_WORDS], sw[MAX_WORDS];
	size_t nh = word_hashes(r->ngram, strlen(r->ngram), hw, MAX_WORDS);
	r->unseen = (unsigned)nh + 1;
	if (nh > MAX_WORDS)
		return;
	/* Pair k of the trigram words is (word k-1, word k), pair 0 starting
	 * the sentence and pair nh ending it; a bit stays set while no
	 * sentence has the pair. */
	uint64_t pairs = nh + 1 >= 64 ? ~0ull : (1ull << (nh + 1)) - 1;
	uint64_t mask = 0;
	for (size_t k = 0; k < nh; k++)
		mask |= 1ull << (hw[k] & 63);
	double score[HR_ASR_CLOSE] = {0};
	for (const char *p = sentences; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t ns = word_hashes(p, len, sw, MAX_WORDS);
		if (pairs && ns && ns <= MAX_WORDS)
			pairs &= ~seen_pairs(hw, nh, sw, ns);
		/* Three quarters of the longer text's words can only be shared
		 * when the two are nearly as long, and when that many of the
		 * sentence's words may be among the trigram words (by a 64-bit
		 * mask of their hashes): most sentences stop here. */
		size_t lo = ns < nh ? ns : nh, hi = ns < nh ? nh : ns, maybe = 0;
		for (size_t k = 0; k < ns && ns <= MAX_WORDS; k++)
			maybe += mask >> (sw[k] & 63) & 1;
		if (ns <= MAX_WORDS && len < HR_TRANSCRIPT_MAX && (double)lo >= CLOSE_AGREE * (double)hi &&
		    (double)maybe >= CLOSE_AGREE * (double)hi) {
			double x = hash_share(sw, ns, hw, nh);
			/* Kept closest first; on a tie, the first (the list's order). */
			size_t at = r->nclose;
			while (at > 0 && x > score[at - 1])
				at--;
			if (x >= CLOSE_AGREE && at < HR_ASR_CLOSE) {
				size_t last = r->nclose < HR_ASR_CLOSE ? r->nclose : HR_ASR_CLOSE - 1;
				for (size_t k = last; k > at; k--) {
					score[k] = score[k - 1];
					memcpy(r->close[k], r->close[k - 1], sizeof(r->close[k]));
				}
				score[at] = x;
				memcpy(r->close[at], p, len);
				r->close[at][len] = '\0';
				if (r->nclose < HR_ASR_CLOSE)
					r->nclose++;
			}
		}
		p += len + (e ? 1 : 0);
	}
	r->unseen = 0;
	for (size_t k = 0; k <= nh && k < 64; k++)
		r->unseen += (unsigned)(pairs >> k & 1);
}

/* The open-vocabulary hypotheses (trigram 1-best and n-best) routed to
 * intent WANT. */
static int support(const struct hr_asr_result *r, const struct hr_voice_judge *j, const char *want)
{
	char got[HR_VOICE_INTENT_MAX];
	int n = 0;
	if (r->ngram[0]) {
		j->intent(j->ud, r->ngram, got, sizeof(got));
		n += strcmp(got, want) == 0;
	}
	for (size_t a = 0; a < r->nalt; a++) {
		j->intent(j->ud, r->alt[a], got, sizeof(got));
		n += strcmp(got, want) == 0;
	}
	return n;
}

static int is_topic(const char *intent)
{
	return strcmp(intent, "fallback") != 0 && strcmp(intent, "clarify") != 0;
}

/* The trigram words, when the hypotheses and a near sentence of the grammar
 * agree on where they lead (NGRAM_SUPPORT, CLOSE_AGREE): 1 with OUT filled. */
static int ngram_sure(const struct hr_asr_result *r, const struct hr_voice_judge *j,
                      struct hr_voice_choice *out)
{
	char ni[HR_VOICE_INTENT_MAX], ci[HR_VOICE_INTENT_MAX];
	int hyps = (r->ngram[0] ? 1 : 0) + (int)r->nalt;
	if (!r->ngram[0] || (!r->nclose && r->unseen))
		return 0;
	j->intent(j->ud, r->ngram, ni, sizeof(ni));
	if (!is_topic(ni))
		return 0;
	int sup = support(r, j, ni);
	if (sup < NGRAM_SUPPORT || sup < hyps - 1)
		return 0;
	/* Every drug or test the trigram words name is in a near sentence of
	 * the grammar that leads to the same intent. */
	int near = 0;
	char buf[HR_TRANSCRIPT_MAX];
	const char *w[MAX_WORDS];
	size_t n = split_words(r->ngram, buf, sizeof(buf), w);
	unsigned long named = 0; /* key words of the trigram words not yet found */
	for (size_t i = 0; i < n && i < 8 * sizeof(named); i++) {
		if (j->is_key && j->is_key(j->ud, w[i]))
			named |= 1ul << i;
	}
	for (size_t c = 0; c < r->nclose; c++) {
		j->intent(j->ud, r->close[c], ci, sizeof(ci));
		if (strcmp(ci, ni) != 0)
			continue;
		near = 1;
		for (size_t i = 0; i < n && i < 8 * sizeof(named); i++) {
			if ((named >> i & 1) && has_word(r->close[c], w[i]))
				named &= ~(1ul << i);
		}
	}
	/* No near sentence: the trigram words themselves, when every pair of
	 * their words is one the grammar's sentences have (FLUENT_SUPPORT) and
	 * any drug they name is the one the grammar heard. */
	if (!near && r->unseen == 0 && sup >= FLUENT_SUPPORT && sup >= hyps - 1) {
		near = 1;
		for (size_t i = 0; i < n && i < 8 * sizeof(named); i++) {
			if ((named >> i & 1) && has_word(r->grammar, w[i]))
				named &= ~(1ul << i);
		}
	}
	if (!near || named)
		return 0;
	snprintf(out->text, sizeof(out->text), "%s", r->ngram);
	out->heard = HR_HEARD_ANSWER;
	out->support = sup;
	out->agree = 1;
	out->confidence = 0.6 + 0.4 * sup / hyps;
	return 1;
}

void hr_voice_choose(const struct hr_asr_result *r, const struct hr_voice_judge *j,
                     struct hr_voice_choice *out)
{
	static const struct hr_voice_judge none = {0};
	if (!j)
		j = &none;
	memset(out, 0, sizeof(*out));
	out->heard = HR_HEARD_REPEAT;
	/* 1. Safety first: any plausible hypothesis that carries a crisis or an
	 * emergency is answered, so the reply leads with its safety line. */
	if (j->tier) {
		const char *cand[3 + HR_ASR_NBEST] = {r->grammar, r->ngram};
		size_t nc = 2;
		for (size_t a = 0; a < r->nalt; a++)
			cand[nc++] = r->alt[a];
		cand[nc++] = r->near; /* last: a sentence no model said whole */
		for (size_t c = 0; c < nc; c++) {
			if (cand[c][0] && j->tier(j->ud, cand[c])) {
				snprintf(out->text, sizeof(out->text), "%s", cand[c]);
				out->safety = 1;
				/* Only the grammar's sentence is sure enough to answer
				 * plainly; another hypothesis gets the safety answer
				 * with a word that herald may have misheard. */
				out->heard =
				    c == 0 && r->ngram[0] && agreement(r->grammar, r->ngram) >= AGREE_MAYBE
				        ? HR_HEARD_ANSWER
				        : HR_HEARD_CONFIRM;
				out->confidence = out->heard == HR_HEARD_ANSWER ? 0.8 : 0.4;
				return;
			}
		}
	}
	const char *g = r->grammar;
	double agree = 0;
	if (g[0]) {
		agree = agreement(g, r->ngram);
		for (size_t a = 0; a < r->nalt; a++) {
			double x = agreement(g, r->alt[a]);
			agree = x > agree ? x : agree;
		}
	}
	out->agree = agree;
	int key_missing = g[0] && unheard_key(r, j);
	int hyps = (r->ngram[0] ? 1 : 0) + (int)r->nalt;
	if (j->intent) {
		char gi[HR_VOICE_INTENT_MAX], ni[HR_VOICE_INTENT_MAX];
		if (g[0]) {
			j->intent(j->ud, g, gi, sizeof(gi));
			if (is_topic(gi)) {
				int sup = support(r, j, gi);
				/* The same agreement over the words as said. */
				double said = 0;
				for (size_t a = 0; a <= r->nalt; a++) {
					const char *h = a ? r->alt[a - 1] : r->ngram;
					double x = h[0] ? said_agreement(g, h, j) : 0;
					said = x > said ? x : said;
				}
				int elsewhere = 0; /* the trigram words lead to another topic */
				if (r->ngram[0]) {
					j->intent(j->ud, r->ngram, ni, sizeof(ni));
					elsewhere = is_topic(ni) && strcmp(ni, gi) != 0;
				}
				out->support = sup;
				snprintf(out->text, sizeof(out->text), "%s", g);
				out->confidence = hyps ? 0.3 + 0.7 * sup / hyps : 0.3;
				if (!key_missing &&
				    ((sup >= 2 && agree >= AGREE_MAYBE) || sup >= SUPPORT_SURE ||
				     (sup >= 1 && agree >= AGREE_SURE) ||
				     (sup >= SUPPORT_MANY && said >= AGREE_SOME) ||
				     (!elsewhere && said >= AGREE_WORDS)))
					out->heard = HR_HEARD_ANSWER;
				else if (ngram_sure(r, j, out))
					return;
				else if (key_missing && sup >= SUPPORT_MANY && !elsewhere && r->ngram[0] &&
				         strcmp(ni, gi) == 0 && !names_key(r->ngram, j) &&
				         r->unseen <= GARBLE_MAX) {
					/* The topic was heard, the grammar's drug was
					 * not: the trigram words, which name none. */
					snprintf(out->text, sizeof(out->text), "%s", r->ngram);
					out->heard = HR_HEARD_ANSWER;
				} else if (sup >= 1 || agree >= AGREE_MAYBE)
					out->heard = HR_HEARD_CONFIRM;
				/* The number follows the decision, so a client can trust
				 * it: answered 0.6-1, asked back at most 0.5. */
				if (out->heard == HR_HEARD_ANSWER)
					out->confidence = hyps ? 0.6 + 0.4 * sup / hyps : 0.6;
				else if (out->heard == HR_HEARD_CONFIRM && out->confidence > 0.5)
					out->confidence = 0.5;
				else if (out->heard == HR_HEARD_REPEAT)
					out->confidence = 0.3;
				if (out->heard != HR_HEARD_REPEAT)
					return;
			}
		}
		/* No sentence of the grammar leads anywhere: the open-vocabulary
		 * words, answered when a near sentence of the grammar backs them,
		 * else offered back when most hypotheses agree on their topic. */
		if (ngram_sure(r, j, out))
			return;
		if (r->ngram[0]) {
			j->intent(j->ud, r->ngram, ni, sizeof(ni));
			snprintf(out->text, sizeof(out->text), "%s", r->ngram);
			if (is_topic(ni)) {
				out->support = support(r, j, ni);
				/* Never answered: the n-best list repeats the 1-best
				 * with small changes, so its agreement says little
				 * about words no grammar sentence fits (answering them
				 * was measured to be wrong half the time in babble). */
				out->confidence = 0.2;
				if (out->support >= SUPPORT_SURE && hyps >= SUPPORT_SURE) {
					out->heard = HR_HEARD_CONFIRM;
					out->confidence = 0.4;
				}
			}
			return;
		}
		snprintf(out->text, sizeof(out->text), "%s", g);
		return;
	}
	/* Without routing (the command line): the words alone. */
	if (!g[0]) {
		snprintf(out->text, sizeof(out->text), "%s", r->ngram);
		return;
	}
	snprintf(out->text, sizeof(out->text), "%s", g);
	out->confidence = agree;
	if (agree >= AGREE_SURE && !key_missing)
		out->heard = HR_HEARD_ANSWER;
	else if (agree >= AGREE_MAYBE)
		out->heard = HR_HEARD_CONFIRM;
	/* In step with the decision, as with routing (docs/protocol.md). */
	if (out->heard == HR_HEARD_CONFIRM && out->confidence > 0.5)
		out->confidence = 0.5;
	else if (out->heard == HR_HEARD_REPEAT && out->confidence > 0.3)
		out->confidence = 0.3;
}
