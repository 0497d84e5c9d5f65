/*
 * The safety check's follow-ups: a short message read with the turn before
 * it (docs/safety.md). route.c asks these before routing; they call nothing
 * of route.c back.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine_int.h"
#include "safety_person.h"
#include "text.h"
#include "util.h"

/*
 * A short follow-up can tell danger only with the turn before it: "what is a
 * port?", then "it is red and warm and it hurts". Read alone, "it" has no
 * body part and the message is calm. So a calm short message is read again
 * after the previous turn's topic, as "port. it is red and warm..." would be
 * in one message, and an alert found there is kept. The topic alone is
 * checked too: when its own words alert ("chest pain" kept from a question
 * about heart risks), joining them to a new message proves nothing, and the
 * message stays as it was read. Only an alert is taken from the joined text;
 * a personal decision stays the message's own.
 */
#define SAFETY_FOLLOWUP_MAX 300

/* A question keeps its framing only at the start of the text: "how many
 * times a day is too many?" after diarrhoea is asked, not told. */
static int asked_at_start(const char *text, size_t len)
{
	static const char *const asks[] = {"what", "how", "when", "why",   "which",  "who",   "is",   "are",
	                                   "does", "do",  "can",  "could", "should", "would", "will", "if"};
	for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		size_t n = strlen(asks[i]);
		if (len > n && strncasecmp(text, asks[i], n) == 0 && !isalpha((unsigned char)text[n]))
			return 1;
	}
	return 0;
}

/*
 * Right after an alarm the topic is at most the alarm's side effect
 * (en_alarm_topic), so a sign a follow-up tells may be set aside for want of
 * context:
 * "on Enhertu, a dry cough for a week" (call now), then "now I'm getting
 * winded on the stairs too" is breathlessness on exertion, which alone is
 * no alert. Told right after an alarm (not asked), such a held sign alerts
 * with its own rule's tier and reply (probe 12), no higher than the alarm's.
 */
void en_safety_after_alarm(const struct hr_convo *convo, const char *text, size_t len,
                           struct hr_safety_result *out)
{
	if (!convo || out->held == HR_TIER_NONE || len > SAFETY_FOLLOWUP_MAX ||
	    strncmp(convo->previous, "safety.", 7) != 0 || strcmp(convo->previous, "safety.decision") == 0 ||
	    asked_at_start(text, len))
		return;
	/* No higher than the alarm before it: a sign set aside for exertion
	 * ("on the stairs") after a call-now alarm calls the team again, not 911. */
	enum hr_tier before =
	    strcmp(convo->previous, "safety.call_now") == 0 ? HR_TIER_CALL_NOW : HR_TIER_CRISIS;
	out->tier = out->held < before ? out->held : before;
	out->rule = out->held_rule;
	out->group = out->held_group;
}

/*
 * Right after an alarm, a message that puts the call off ("it's 11pm though,
 * they're closed", "can it wait till morning", "nobody picks up", "I don't
 * want to bother them") gets the alarm again, whatever else it asks: the
 * oncology line answers at night, and when nobody answers the emergency
 * department is open (blind probe 13: "they're closed" after a fever on
 * chemo got "can't help").
 */
static const char *const put_off[] = {
    "closed",         "wait till",      "wait until",     "wait for the morning",
    "till morning",   "until morning",  "in the morning", "tomorrow",
    "no one answers", "nobody answers", "nobody picks",   "no one picks",
    "no answer",      "not answering",  "can't reach",    "cant reach",
    "cannot reach",   "couldn't reach", "voicemail",      "bother them",
    "bother anyone",  "bother the",     "too late",       "middle of the night",
    "after hours",    "it's late",      "its late",       "so late",
    "on monday",      "go to bed",      "sleep it off",   "sleep on it",
    "wait and see",   "hold off",       "ride it out",    "don't want to go",
    "dont want to go"};

/*
 * The same for a message that plays the sign down or asks to wait for the
 * next visit ("no fever though, so it can wait till infusion day?", "but my
 * echo was fine", "probably just a cold", "should I push through"), or that
 * tells it getting worse ("now there's blood in it and I'm dizzy"): blind
 * probe 14 got a topic card for each, which reads as leave to wait. Not when
 * the message says the team has been told ("I called, the nurse said it was
 * fine"): what the team says stands. "No fever" alone is not on the list:
 * "no fever, just tired" told after another alarm is a calm report
 * (integration.test_daemon); with "can I wait" it is caught by that.
 */
static const char *const played_down[] = {"just a cold",
                                          "probably nothing",
                                          "probably just",
                                          "not that bad",
                                          "not so bad",
                                          "not too bad",
                                          "was fine",
                                          "were fine",
                                          "was normal",
                                          "were normal",
                                          "feel fine",
                                          "feel better",
                                          "feeling better",
                                          "getting better",
                                          "better now",
                                          "easing",
                                          "eased",
                                          "settled",
                                          "settling",
                                          "calmed down",
                                          "going away",
                                          "still need to call",
                                          "still have to call",
                                          "do i need to call",
                                          "do i have to call",
                                          "still call",
                                          "still need to go",
                                          "went down",
                                          "gone now",
                                          "it's gone",
                                          "its gone",
                                          "push through",
                                          "tough it out",
                                          "power through",
                                          "can i wait",
                                          "can it wait",
                                          "should i wait",
                                          "ok to wait",
                                          "okay to wait",
                                          "wait til",
                                          "wait a ",
                                          "until my",
                                          "till my",
                                          "til my",
                                          "infusion day",
                                          "next infusion",
                                          "next appointment",
                                          "next visit",
                                          "next week",
                                          "mention it",
                                          "now there",
                                          "and now",
                                          "worse",
                                          "blood",
                                          "dizzy",
                                          "faint",
                                          "passed out"};

static const char *const team_told[] = {"called",    "phoned",     "spoke to",       "talked to",
                                        "they said", "nurse said", "doctor said",    "team said",
                                        "was seen",  "been seen",  "they told",      "on my way",
                                        "at the er", "in the er",  "at the hospital"};

static int has_any(const char *low, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strstr(low, list[i]))
			return 1;
	}
	return 0;
}

/*
 * Right after the crisis reply, a message that argues for the act or asks
 * leave for it ("she's terminal anyway, would it be so wrong to help her?",
 * "it's my choice", "I've made up my mind") is the same crisis, not a new
 * question: blind patient probe 16 got survival figures for a daughter asked
 * to fetch her mother's sleeping pills. Whose it is is read from the message
 * as for any crisis.
 */
static const char *const crisis_pressed[] = {"would it be wrong",
                                             "would it really be",
                                             "is it wrong",
                                             "is it really wrong",
                                             "so wrong",
                                             "so bad",
                                             "that bad",
                                             "help her",
                                             "help him",
                                             "help them",
                                             "help me do",
                                             "do what she",
                                             "do what he",
                                             "what she wants",
                                             "what he wants",
                                             "what she asks",
                                             "what he asks",
                                             "her choice",
                                             "his choice",
                                             "my choice",
                                             "my decision",
                                             "her decision",
                                             "his decision",
                                             "made up my mind",
                                             "i've decided",
                                             "ive decided",
                                             "i have decided",
                                             "already decided",
                                             "dying anyway",
                                             "terminal anyway",
                                             "going to die anyway",
                                             "gonna die anyway",
                                             "what's the point",
                                             "whats the point",
                                             "why not",
                                             "why shouldn't",
                                             "why shouldnt",
                                             "don't try to stop",
                                             "dont try to stop",
                                             "can't stop me",
                                             "cant stop me",
                                             "won't call",
                                             "wont call",
                                             "not calling",
                                             "not going to call"};

void en_safety_alarm_put_off(const struct hr_convo *convo, const char *text, size_t len,
                             struct hr_safety_result *out)
{
	if (!convo || len > SAFETY_FOLLOWUP_MAX)
		return;
	enum hr_tier before = strcmp(convo->previous, "safety.call_now") == 0    ? HR_TIER_CALL_NOW
	                      : strcmp(convo->previous, "safety.emergency") == 0 ? HR_TIER_EMERGENCY
	                      : strcmp(convo->previous, "safety.crisis") == 0    ? HR_TIER_CRISIS
	                                                                         : HR_TIER_NONE;
	if (before == HR_TIER_NONE)
		return;
	char low[SAFETY_FOLLOWUP_MAX + 1];
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	low[len] = '\0';
	if (before == HR_TIER_CRISIS) {
		if (has_any(low, crisis_pressed, sizeof(crisis_pressed) / sizeof(crisis_pressed[0]))) {
			out->tier = HR_TIER_CRISIS;
			out->rule = "crisis_pressed";
			out->group = 0;
			out->about_other = sf_crisis_about_other(low, 0, len);
		}
		return;
	}
	if (has_any(low, put_off, sizeof(put_off) / sizeof(put_off[0])) ||
	    (has_any(low, played_down, sizeof(played_down) / sizeof(played_down[0])) &&
	     !has_any(low, team_told, sizeof(team_told) / sizeof(team_told[0])))) {
		out->tier = before;
		out->rule = "alarm_put_off";
		out->group = 0;
	}
}

void en_safety_after_topic(hr_engine *e, const struct hr_convo *convo, const char *text, size_t len,
                           struct hr_safety_result *out)
{
	if (!convo || !convo->topic[0] || len > SAFETY_FOLLOWUP_MAX || asked_at_start(text, len))
		return;
	size_t tl = strnlen(convo->topic, sizeof(convo->topic));
	struct hr_safety_result alone, joined;
	/* The topic keeps the question's words without its framing, so "what
	 * temperature counts as a fever on chemo" alone reads as a told fever;
	 * framed as asked again ("what about ..."), it is calm, and "mine is
	 * 101" after it can still alert. */
	const char *frame = "";
	if (!e->calm_topics)
		e->calm_topics = calloc(EN_CALM_TOPICS, sizeof(*e->calm_topics));
	char *calm = NULL;
	if (e->calm_topics && tl < HR_TOPIC_MAX)
		calm = e->calm_topics[hr_fnv1a32(HR_FNV32_SEED, convo->topic, tl) % EN_CALM_TOPICS];
	if (calm && strncmp(calm, convo->topic, tl) == 0 && calm[tl] == '\0')
		alone.tier = HR_TIER_NONE;
	else
		hr_safety_check_text(e->safety, convo->topic, tl, &alone);
	if (alone.tier == HR_TIER_NONE && calm && tl) {
		memcpy(calm, convo->topic, tl);
		calm[tl] = '\0';
	}
	if (alone.tier != HR_TIER_NONE) {
		char asked[sizeof("what about ") + HR_TOPIC_MAX];
		int an = snprintf(asked, sizeof(asked), "what about %.*s", (int)tl, convo->topic);
		if (an < 0 || (size_t)an >= sizeof(asked))
			return;
		hr_safety_check_text(e->safety, asked, (size_t)an, &alone);
		if (alone.tier != HR_TIER_NONE)
			return;
		frame = "what about ";
	}
	char buf[sizeof("what about ") + HR_TOPIC_MAX + 2 + SAFETY_FOLLOWUP_MAX + 1];
	int n = snprintf(buf, sizeof(buf), "%s%.*s. %.*s", frame, (int)tl, convo->topic, (int)len, text);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return;
	hr_safety_check_text(e->safety, buf, (size_t)n, &joined);
	if (joined.tier == HR_TIER_NONE)
		return;
	enum hr_decision decision = out->decision;
	int swap = out->swap, other = out->other;
	*out = joined;
	out->decision = decision;
	out->swap = swap;
	out->other = other;
}

void en_alarm_topic(hr_engine *e, const struct hr_safety_result *s, const char *text, size_t len, char *out,
                    size_t cap)
{
	out[0] = '\0';
	const char *words = hr_safety_topic(s);
	if (!words || cap == 0)
		return;
	snprintf(out, cap, "%s", words);
	/* The drug or regimen the alarm was told with ("on Enhertu"), so the
	 * follow-up's answer is that drug's. */
	char norm[1024];
	if (!e->content->ranker || len >= sizeof(norm) ||
	    hr_text_normalize(text, len, norm, sizeof(norm)) < 0)
		return;
	struct hr_concepts cs;
	hr_ranker_concepts(e->content->ranker, norm, &cs);
	for (size_t i = 0; i < cs.n; i++) {
		if (!cs.c[i].value ||
		    (strcmp(cs.c[i].entity, "drug") != 0 && strcmp(cs.c[i].entity, "regimen") != 0))
			continue;
		size_t o = strlen(out), l = (size_t)(cs.c[i].end - cs.c[i].start);
		if (o + 1 + l < cap) {
			out[o] = ' ';
			memcpy(out + o + 1, norm + cs.c[i].start, l);
			out[o + 1 + l] = '\0';
		}
	}
}
