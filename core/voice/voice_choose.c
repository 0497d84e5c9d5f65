/*
 * Choosing what was heard: the grammar's sentence against the open-vocabulary
 * hypotheses, safety sentences kept when heard nearly, and the decision to
 * answer, ask "did you mean" or ask again (docs/voice.md). Plain logic over
 * the recogniser's results; voice.c runs it on the loop.
 */
#include "voice.h"

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

/* Words the two texts share in order (longest common subsequence) over the
 * longer one's length: 1 for the same words, near 0 for unrelated ones. */
static double agreement(const char *a, const char *b)
{
	char ba[HR_TRANSCRIPT_MAX], bb[HR_TRANSCRIPT_MAX];
	const char *wa[MAX_WORDS], *wb[MAX_WORDS];
	size_t na = split_words(a, ba, sizeof(ba), wa), nb = split_words(b, bb, sizeof(bb), wb);
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

static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
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
				out->support = sup;
				snprintf(out->text, sizeof(out->text), "%s", g);
				out->confidence = hyps ? 0.3 + 0.7 * sup / hyps : 0.3;
				if (!key_missing &&
				    ((sup >= 2 && agree >= AGREE_MAYBE) || sup >= SUPPORT_SURE ||
				     (sup >= 1 && agree >= AGREE_SURE)))
					out->heard = HR_HEARD_ANSWER;
				else if (sup >= 1 || agree >= AGREE_MAYBE)
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
		 * words, offered back when most hypotheses agree on their topic. */
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
