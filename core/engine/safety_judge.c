/*
 * Judging a safety rule's match by the words before it: who the subject is
 * ("I", "my mom", "no one"), and whether the clause is a report, a question,
 * a condition, a future or a negation. Split from safety.c, which runs the
 * rules; see the comment at its top for how a message is judged.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety_judge.h"

#include <pcre2.h>

#include "prefilter.h"
#include "safety_rules.h"
#include "text.h"

#include "safety_int.h"
#include "safety_words.h"

/* "her" is a possessive except in the speech form of Enhertu, "in her two". */
static int is_possessive(const struct ruleset *rs, const struct word *w, const struct word *right)
{
	if (!word_in(w, rs->lists[L_POSSESSIVES]))
		return 0;
	if (word_is(w, "her") && right && (word_is(right, "two") || word_is(right, "2")))
		return 0;
	return 1;
}

static int is_subject(const struct ruleset *rs, const struct word *w, const struct word *right)
{
	return word_in(w, rs->lists[L_PRONOUNS]) || is_possessive(rs, w, right);
}

/*
 * Judges a subject found at W[D] before a trigger: a report, unless the words
 * around it make the clause something else:
 *   - a question ("do I have", "is she"), left to the message's framing, but
 *     "why do I have" presupposes a report;
 *   - a condition ("if I get", "in case she", "suppose my legs"), a future
 *     ("I'll have") or a might-have-been ("I could have fainted"): HYPO. An
 *     uncertain report stays a report: "I don't know if I'm having a stroke";
 *   - a negation: "I don't think I have", "I doubt I have".
 */
static enum stance judge_subject(const struct ruleset *rs, const struct word *w, size_t n, size_t d)
{
	/* "my mom", "her husband": the subject starts at the determiner. */
	if (!word_in(&w[d], rs->lists[L_PRONOUNS]) && d + 1 < n &&
	    word_in(&w[d + 1], rs->lists[L_DETERMINERS]))
		d++;
	const struct word *right = d > 0 ? &w[d - 1] : NULL;
	const struct word *right2 = d > 1 ? &w[d - 2] : NULL;
	if (word_in(&w[d], rs->lists[L_FUTURE_SUBJECTS]) || (right && word_is(right, "will")))
		return HYPO;
	if (right && right2 && word_is(right2, "have") &&
	    (word_is(right, "could") || word_is(right, "would") || word_is(right, "should")))
		return HYPO;
	/* A fear of what may come: "I'm scared I might have a reaction" (but
	 * "scared I might be having a stroke" is happening). */
	if (right && d + 1 < n && word_in(&w[d + 1], rs->lists[L_FEAR_ADJS]) &&
	    (word_is(right, "might") || word_is(right, "may") || word_is(right, "could") ||
	     word_is(right, "would")) &&
	    !(right2 && word_is(right2, "be")))
		return HYPO;
	const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
	const struct word *left2 = d + 2 < n ? &w[d + 2] : NULL;
	const struct word *left3 = d + 3 < n ? &w[d + 3] : NULL;
	if (!left)
		return REPORTED;
	/* "if I feel like I'm about to faint", "when I think I'm going to": the
	 * condition governs the clause the subject sits in. */
	{
		size_t e = d + 1;
		if (e < n && (word_is(&w[e], "like") || word_is(&w[e], "that")))
			e++;
		if (e + 2 < n && word_in(&w[e], rs->lists[L_FEEL_WORDS]) &&
		    word_in(&w[e + 1], rs->lists[L_PRONOUNS]) &&
		    word_in(&w[e + 2], rs->lists[L_SUBORDINATORS]))
			return HYPO;
	}
	if (word_in(left, rs->lists[L_SUBORDINATORS])) {
		/* "sorry if this is messy, the crushing pain in my chest...": an
		 * apology, not a condition; the punctuation that ended it is gone
		 * (sixteenth round). */
		static const char *const sorry[] = {"sorry",  "apologies", "forgive",
		                                    "excuse", "pardon",    NULL};
		if (word_is(left, "if") && left2 &&
		    (word_in(left2, sorry) || (word_is(left2, "me") && left3 && word_in(left3, sorry))))
			return REPORTED;
		/* "I don't know if", "not sure whether", "unsure if": uncertain, still a report. */
		if (left2 &&
		    (word_is(left2, "unsure") || ((word_is(left2, "know") || word_is(left2, "sure")) &&
		                                  left3 && word_in(left3, rs->lists[L_NEGATORS]))))
			return REPORTED;
		return HYPO;
	}
	if (word_in(left, rs->lists[L_HYPOTHETICALS])) {
		if (word_in(left, rs->lists[L_AUXILIARIES]) && left2 && word_is(left2, "why"))
			return REPORTED;
		if (word_in(&w[d], rs->lists[L_PRONOUNS]))
			return PLAIN;
		return REPORTED;
	}
	if (word_is(left, "doubt"))
		return NEGATED;
	if ((word_is(left, "think") || word_is(left, "sure") || word_is(left, "believe")) &&
	    ((left2 && word_in(left2, rs->lists[L_NEGATORS])) ||
	     (left3 && word_in(left3, rs->lists[L_NEGATORS]))))
		return NEGATED;
	return REPORTED;
}

/* Whether "nobody", "no one" or "none of us" is the subject of the clause
 * before byte START: "no one in my family has had a blood clot". */
static int negative_subject(const struct ruleset *rs, const char *text, size_t start)
{
	struct word w[10];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n; d++) {
		if (word_in(&w[d], rs->lists[L_BOUNDARIES]))
			return 0;
		if (word_in(&w[d], rs->lists[L_NEGATIVE_SUBJECTS]))
			return 1;
		if (d + 1 < n && word_is(&w[d + 1], "no") && word_is(&w[d], "one"))
			return 1;
	}
	return 0;
}

/*
 * Reads the words before byte START backwards, nearest first, and classifies
 * the trigger there (see the comment at the top of the file). NEG_WINDOW words
 * are searched for a negator, SCAN_WINDOW words for everything else.
 */
enum stance sf_judge(const struct ruleset *rs, const char *text, size_t start, size_t neg_window)
{
	static const char *const emphatic[] = {"ever", "really", "actually", "truly", NULL};
	struct word w[SCAN_WINDOW + 3];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	if (negative_subject(rs, text, start))
		return NEGATED;
	for (size_t d = 0; d < n && d < SCAN_WINDOW; d++) {
		const struct word *x = &w[d];
		const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *right = d > 0 ? &w[d - 1] : NULL;
		if (word_is(x, "just")) {
			/* "I just fainted" reports; "no fever just tired" starts a clause. */
			if (left && is_subject(rs, left, x))
				return judge_subject(rs, w, n, d + 1);
			return PLAIN;
		}
		/* "so" joins clauses ("no fever so ...") but is also an intensifier
		 * ("I'm so short of breath"); after a subject or a verb of being it
		 * is the latter, and reading goes on. */
		if (word_is(x, "so") && left &&
		    (is_subject(rs, left, x) || word_in(left, rs->lists[L_AUXILIARIES]) ||
		     word_in(left, rs->lists[L_SO_VERBS])))
			continue;
		if (word_in(x, rs->lists[L_BOUNDARIES]))
			return PLAIN;
		/* A negation reaches across a list: "I don't have a fever or chills". */
		if (word_is(x, "or") || word_is(x, "nor"))
			neg_window = d + 1 + NEG_WINDOW;
		/* "I can't walk up the stairs without getting breathless": a
		 * "without" after "can't" says it always happens. */
		if (d < neg_window && word_is(x, "without")) {
			int cant = 0;
			for (size_t k = d + 1; k < n && k < d + 7 && !cant; k++)
				cant = word_in(&w[k], rs->lists[L_CANT_WORDS]);
			if (cant)
				continue;
		}
		if (d < neg_window && word_in(x, rs->lists[L_NEGATORS])) {
			/* "she's not herself, talking to people who aren't there": the
			 * negator belongs to "herself", and that clause ends there. */
			if (right && word_in(right, rs->lists[L_REFLEXIVES]))
				return PLAIN;
			return NEGATED;
		}
		/* A drug right before the trigger makes a search-style topic
		 * ("herceptin chest pain"), unless someone is on it: "hubby on
		 * enhertu coughing" reads on to its subject. */
		if (d == 0 && word_in(x, rs->lists[L_DRUG_WORDS])) {
			if (left && word_in(left, rs->lists[L_ON_WORDS])) {
				d++;
				continue;
			}
			return TOPIC;
		}
		/* "about to" is what is about to happen ("I'm about to pass out"),
		 * not a topic. */
		if (word_in(x, rs->lists[L_INFO_WORDS]) &&
		    !(word_is(x, "about") && right && word_is(right, "to")))
			return INFO;
		/* Two-word markers: "watch for", "signs of", "scared of". ("I have
		 * symptoms like a fever" is a report, so "like" and "such as" are
		 * not markers.) */
		if (left && word_is(x, "for") && word_in(left, rs->lists[L_WATCH_WORDS]))
			return INFO;
		if (left && word_is(x, "of") && word_in(left, rs->lists[L_SIGN_WORDS]))
			return INFO;
		/* Wanting to stop something presupposes having it: "how do I stop coughing". */
		if (word_is(x, "stop") || word_is(x, "stopping"))
			return REPORTED;
		if (is_subject(rs, x, right)) {
			/* "my mom", "her husband": the subject starts at the determiner. */
			size_t s = d;
			if (!word_in(x, rs->lists[L_PRONOUNS]) && d + 1 < n &&
			    is_possessive(rs, &w[d + 1], x) && word_in(&w[d + 1], rs->lists[L_DETERMINERS]))
				s = d + 1;
			/* After a preposition it is no subject: "no one in my family". */
			if (!word_in(&w[s], rs->lists[L_PRONOUNS]) && s + 1 < n &&
			    word_in(&w[s + 1], rs->lists[L_PREPOSITIONS])) {
				d = s;
				continue;
			}
			return judge_subject(rs, w, n, s);
		}
		if (word_in(x, rs->lists[L_AUXILIARIES])) {
			/* "my biggest fear is having a seizure": what is feared. */
			if (left && word_in(left, rs->lists[L_FEAR_WORDS]))
				return INFO;
			if (left && is_subject(rs, left, x))
				return judge_subject(rs, w, n, d + 1);
			/* "if I ever did get a fever": an adverb between the subject and
			 * its auxiliary leaves the subject's clause in charge. */
			if (left && d + 2 < n && word_in(left, emphatic) && is_subject(rs, &w[d + 2], left))
				return judge_subject(rs, w, n, d + 2);
			/* A question opens here ("is chest pain normal"); the framing decides. */
			return PLAIN;
		}
	}
	return PLAIN;
}
