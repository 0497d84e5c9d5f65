/*
 * The safety layer's fixed replies (crisis 988, emergency 911, call the care
 * team now, the deferrals of personal decisions) and how a verdict becomes an
 * answer. The tables are reviewed text: see docs/safety.md. See safety.c.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety.h"

#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "prefilter.h"
#include "safety_rules.h"
#include "text.h"

#include "safety_int.h"

/* ------------------------------------------------------------------------- */
/* Fixed replies. */

struct source {
	const char *title;
	const char *publisher;
	const char *url;
};

/* What a reply adds for a group of rules: one context sentence (text and speech)
 * and one source. */
struct group_reply {
	const char *text;
	const char *speech;
	struct source source;
};

static const struct group_reply group_replies[] = {
    [G_CHEST] = {"Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
                 "Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
                 {"Chest pain", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/ency/article/003079.htm"}},
    [G_BREATHING] = {"Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
                     "Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
                     {NULL, NULL, NULL}},
    [G_FAINT] = {"Fainting or passing out needs to be checked right away, even if you feel better now.",
                 "Fainting or passing out needs to be checked right away, even if you feel better now.",
                 {NULL, NULL, NULL}},
    [G_ALLERGY] = {"Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
                   "If you are getting an infusion right now, tell the nurse at once.",
                   "Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
                   "If you are getting an infusion right now, tell the nurse at once.",
                   {"Anaphylaxis", "MedlinePlus, U.S. National Library of Medicine",
                    "https://medlineplus.gov/ency/article/000844.htm"}},
    [G_NEURO] = {"A sudden change like this can come from the brain, so it needs care right away. "
                 "Note the time it started.",
                 "A sudden change like this can come from the brain, so it needs care right away. "
                 "Note the time it started.",
                 {"Stroke", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/stroke.html"}},
    [G_BLEED] = {"Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
                 "Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
                 {NULL, NULL, NULL}},
    [G_FEVER] = {"Treatment can lower the white blood cells that fight germs. "
                 "So a fever or chills can be the first sign of an infection that needs care fast.",
                 "Treatment can lower the white blood cells that fight germs. "
                 "So a fever or chills can be the first sign of an infection that needs care fast.",
                 {"Infection and Neutropenia during Cancer Treatment", "National Cancer Institute",
                  "https://www.cancer.gov/about-cancer/treatment/side-effects/infection"}},
    [G_LUNG] = {"On trastuzumab deruxtecan (Enhertu), a new or worse cough or shortness of breath "
                "can be a sign of lung inflammation. This can be serious, so your team needs to know now.",
                "On trastuzumab deruxtecan, also called Enhertu, a new or worse cough or shortness of "
                "breath can be a sign of lung inflammation. This can be serious, so your team needs to "
                "know now.",
                {"Trastuzumab Deruxtecan", "National Cancer Institute",
                 "https://www.cancer.gov/about-cancer/treatment/drugs/fam-trastuzumab-deruxtecan-nxki"}},
    [G_BREATH] = {"New or worse shortness of breath during HER2 treatment can come from the lungs or "
                  "the heart, so your team needs to know now.",
                  "New or worse shortness of breath during her two treatment can come from the lungs or "
                  "the heart, so your team needs to know now.",
                  {NULL, NULL, NULL}},
    [G_HEART] = {"Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
                 "when you lie flat can mean the heart is under strain. Some HER2 drugs can affect the "
                 "heart, so your team needs to check.",
                 "Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
                 "when you lie flat can mean the heart is under strain. Some her two drugs can affect "
                 "the heart, so your team needs to check.",
                 {"Targeted Drug Therapy for Breast Cancer", "American Cancer Society",
                  "https://www.cancer.org/cancer/types/breast-cancer/treatment/"
                  "targeted-therapy-for-breast-cancer.html"}},
    [G_GUT] = {"Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
               "much water fast. Your team can treat it and may change your plan.",
               "Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
               "much water fast. Your team can treat it and may change your plan.",
               {"Diarrhea and Cancer Treatment", "National Cancer Institute",
                "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea"}},
    [G_LIVER] = {"Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some HER2 drugs "
                 "can affect the liver, so your team needs to check.",
                 "Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some her two "
                 "drugs can affect the liver, so your team needs to check.",
                 {"Jaundice", "MedlinePlus, U.S. National Library of Medicine",
                  "https://medlineplus.gov/jaundice.html"}},
    /* The tier's own closing line says when to call 911 instead: not repeated here. */
    [G_CLOT] = {"A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
                "raise that risk.",
                "A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
                "raise that risk.",
                {"Deep Vein Thrombosis", "MedlinePlus, U.S. National Library of Medicine",
                 "https://medlineplus.gov/deepveinthrombosis.html"}},
    [G_PREGNANCY] = {"HER2 drugs such as trastuzumab (Herceptin) can harm a baby during pregnancy. "
                     "Your team needs to know right away so they can plan your care with you.",
                     "Her two drugs such as trastuzumab, also called Herceptin, can harm a baby during "
                     "pregnancy. Your team needs to know right away so they can plan your care with you.",
                     {"Breast Cancer Treatment During Pregnancy (PDQ), Patient Version",
                      "National Cancer Institute",
                      "https://www.cancer.gov/types/breast/patient/pregnancy-breast-treatment-pdq"}},
    [G_INFECTION] =
        {"Redness, heat, swelling or pus around a port or line, or burning when you pee, can be signs "
         "of an infection. Treatment makes infections harder to fight, so your team needs to know now.",
         "Redness, heat, swelling or pus around a port or line, or burning when you pee, can be signs "
         "of an infection. Treatment makes infections harder to fight, so your team needs to know now.",
         {"Infection and Neutropenia during Cancer Treatment", "National Cancer Institute",
          "https://www.cancer.gov/about-cancer/treatment/side-effects/infection"}},
    [G_COUNTS] = {"Bleeding or bruising with no clear cause can mean your platelets are low. Platelets help "
                  "your blood clot, so your team needs to check them.",
                  "Bleeding or bruising with no clear cause can mean your platelets are low. Platelets help "
                  "your blood clot, so your team needs to check them.",
                  {"Bleeding and Bruising (Thrombocytopenia) and Cancer Treatment",
                   "National Cancer Institute",
                   "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising"}},
    [G_SKIN] = {"A rash that blisters or peels can be a serious reaction to a medicine. Your team needs to "
                "see it now.",
                "A rash that blisters or peels can be a serious reaction to a medicine. Your team needs to "
                "see it now.",
                {"Skin and Nail Changes during Cancer Treatment", "National Cancer Institute",
                 "https://www.cancer.gov/about-cancer/treatment/side-effects/skin-nail-changes"}},
    [G_MOUTH] = {"Mouth sores that stop you eating or drinking can dry you out fast. Your team can ease the "
                 "pain and may change your treatment.",
                 "Mouth sores that stop you eating or drinking can dry you out fast. Your team can ease the "
                 "pain and may change your treatment.",
                 {"Mouth and Throat Problems and Cancer Treatment", "National Cancer Institute",
                  "https://www.cancer.gov/about-cancer/treatment/side-effects/mouth-throat"}},
    /* Hand-foot syndrome that blisters or hurts to walk on: the team decides
     * what changes, not a serious drug rash (fourteenth round). */
    [G_HAND_FOOT] =
        {"Blisters, or pain that makes it hard to walk or use your hands, can be a bad case of "
         "hand-foot syndrome, a side effect of drugs such as capecitabine (Xeloda) and lapatinib. "
         "Your team needs to know now so they can help.",
         "Blisters, or pain that makes it hard to walk or use your hands, can be a bad case of "
         "hand-foot syndrome, a side effect of drugs such as capecitabine, also called Xeloda, and "
         "lapatinib. Your team needs to know now so they can help.",
         {"Skin and Nail Changes during Cancer Treatment", "National Cancer Institute",
          "https://www.cancer.gov/about-cancer/treatment/side-effects/skin-nail-changes"}},
};

/* The fixed parts of each tier's reply: what comes before the group sentence
 * and what comes after it. */
struct tier_reply {
	const char *intent;
	enum hr_safety_level safety;
	const char *lead, *lead_speech;
	const char *tail, *tail_speech;
	struct source sources[2];
	const char *suggestions[3];
};

static const struct tier_reply crisis_reply = {
    "safety.crisis",
    HR_SAFETY_CRISIS,
    "Please call or text 988 now to reach the 988 Suicide and Crisis Lifeline (US). It is free and "
    "open day and night. If you might act on these thoughts, or you are in danger, call 911 or your "
    "local emergency number now. Outside the US, call your local emergency number or a local crisis "
    "line.",
    "Please call or text nine eight eight now to reach the nine eight eight Suicide and Crisis "
    "Lifeline in the US. It is free and open day and night. If you might act on these thoughts, or "
    "you are in danger, call nine one one or your local emergency number now. Outside the US, call "
    "your local emergency number or a local crisis line.",
    "You do not have to face this alone, and what you feel matters. I can't diagnose or counsel you, "
    "but a trained person at 988 can talk with you right now. When you can, tell your cancer care team "
    "how you have been feeling too.",
    "You do not have to face this alone, and what you feel matters. I can't diagnose or counsel you, "
    "but a trained person at nine eight eight can talk with you right now. When you can, tell your "
    "cancer care team how you have been feeling too.",
    {{"988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/"},
     {"Suicide Prevention", "National Institute of Mental Health",
      "https://www.nimh.nih.gov/health/topics/suicide-prevention"}},
    {"Where can I find support groups?", "Is there free counseling for people with cancer?",
     "How can my family get support?"},
};

/* The same tier, told by someone worried about another person: the reply
 * speaks to them (the Lifeline helps people worried about someone else). */
static const struct tier_reply crisis_other_reply = {
    "safety.crisis",
    HR_SAFETY_CRISIS,
    "Please call or text 988 now to reach the 988 Suicide and Crisis Lifeline (US). It also helps "
    "people who are worried about someone else, and it is free and open day and night. If they might "
    "act on these thoughts, or they are in danger, call 911 or your local emergency number now, and "
    "stay with them if it is safe. Outside the US, call your local emergency number or a local crisis "
    "line.",
    "Please call or text nine eight eight now to reach the nine eight eight Suicide and Crisis "
    "Lifeline in the US. It also helps people who are worried about someone else, and it is free and "
    "open day and night. If they might act on these thoughts, or they are in danger, call nine one "
    "one or your local emergency number now, and stay with them if it is safe. Outside the US, call "
    "your local emergency number or a local crisis line.",
    "If you can do it safely, put pills and anything else they could use to harm themselves out of "
    "their reach, and do not get them more. You are right to take this seriously, and you do not "
    "have to handle it alone. I can't diagnose or counsel, but a trained person at 988 can guide you "
    "right now. Tell their cancer care team too.",
    "If you can do it safely, put pills and anything else they could use to harm themselves out of "
    "their reach, and do not get them more. You are right to take this seriously, and you do not "
    "have to handle it alone. I can't diagnose or counsel, but a trained person at nine eight eight "
    "can guide you right now. Tell their cancer care team too.",
    {{"988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/"},
     {"Suicide Prevention", "National Institute of Mental Health",
      "https://www.nimh.nih.gov/health/topics/suicide-prevention"}},
    {"What are the warning signs of suicide?", "How can my family get support?",
     "Where can caregivers get help?"},
};

/* A crisis with an emergency sign in it: an overdose already taken, a wound
 * that will not stop bleeding. The act comes first, so 911 leads and the
 * Lifeline follows once help is on the way (fifteenth round). */
static const struct tier_reply crisis_emergency_reply = {
    "safety.crisis",
    HR_SAFETY_CRISIS,
    "Call 911 or your local emergency number now. What you describe needs emergency care right away, "
    "even if you feel all right at the moment. If you took pills or medicine, keep the bottles to "
    "show the team. If someone is near, ask them to stay with you.",
    "Call nine one one or your local emergency number now. What you describe needs emergency care "
    "right away, even if you feel all right at the moment. If you took pills or medicine, keep the "
    "bottles to show the team. If someone is near, ask them to stay with you.",
    "Once help is on the way, you can also call or text 988 to reach the 988 Suicide and Crisis "
    "Lifeline (US), free and open day and night. You do not have to face this alone, and what you "
    "feel matters. When you can, tell your cancer care team what happened.",
    "Once help is on the way, you can also call or text nine eight eight to reach the nine eight "
    "eight Suicide and Crisis Lifeline in the US, free and open day and night. You do not have to "
    "face this alone, and what you feel matters. When you can, tell your cancer care team what "
    "happened.",
    {{"Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
      "https://medlineplus.gov/ency/article/001927.htm"},
     {"988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/"}},
    {"Where can I find support groups?", "Is there free counseling for people with cancer?",
     "How can my family get support?"},
};

/* The same, told by someone about another person. */
static const struct tier_reply crisis_emergency_other_reply = {
    "safety.crisis",
    HR_SAFETY_CRISIS,
    "Call 911 or your local emergency number now. What you describe needs emergency care right away, "
    "even if they seem all right at the moment. Stay with them if it is safe, and keep any pill "
    "bottles to show the team.",
    "Call nine one one or your local emergency number now. What you describe needs emergency care "
    "right away, even if they seem all right at the moment. Stay with them if it is safe, and keep "
    "any pill bottles to show the team.",
    "Once help is on the way, the 988 Suicide and Crisis Lifeline (call or text 988 in the US) also "
    "helps people who are worried about someone else. You are right to take this seriously. Tell "
    "their cancer care team too.",
    "Once help is on the way, the nine eight eight Suicide and Crisis Lifeline in the US also helps "
    "people who are worried about someone else: call or text nine eight eight. You are right to "
    "take this seriously. Tell their cancer care team too.",
    {{"Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
      "https://medlineplus.gov/ency/article/001927.htm"},
     {"988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/"}},
    {"What are the warning signs of suicide?", "How can my family get support?",
     "Where can caregivers get help?"},
};

static const struct tier_reply emergency_reply = {
    "safety.emergency",
    HR_SAFETY_URGENT,
    "Call 911 or your local emergency number now.",
    "Call nine one one or your local emergency number now.",
    "Do not drive yourself. If someone is with you, ask them to stay. Once you are safe, tell your "
    "cancer care team what happened. This message does not diagnose what is wrong. It only tells you "
    "what to do first.",
    "Do not drive yourself. If someone is with you, ask them to stay. Once you are safe, tell your "
    "cancer care team what happened. This message does not diagnose what is wrong. It only tells you "
    "what to do first.",
    {{"Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
      "https://medlineplus.gov/ency/article/001927.htm"},
     {NULL, NULL, NULL}},
    {"What should I tell the emergency team about my treatment?", "When should I call my care team?", NULL},
};

/* The same, told by someone about another person ("my wife... she's not
 * breathing right"): the context sentences are written to the one with the
 * sign ("sit up"), so the reply speaks to the caller instead (review after
 * the fifteenth round). */
static const struct tier_reply emergency_other_reply = {
    "safety.emergency",
    HR_SAFETY_URGENT,
    "Call 911 or your local emergency number now.",
    "Call nine one one or your local emergency number now.",
    "Stay with them and follow what the dispatcher tells you. Do not drive them yourself unless the "
    "dispatcher says to. If they take medicines, keep the bottles to show the team. Once they are safe, "
    "tell their cancer care team what happened. This message does not diagnose what is wrong. It only "
    "tells you what to do first.",
    "Stay with them and follow what the dispatcher tells you. Do not drive them yourself unless the "
    "dispatcher says to. If they take medicines, keep the bottles to show the team. Once they are safe, "
    "tell their cancer care team what happened. This message does not diagnose what is wrong. It only "
    "tells you what to do first.",
    {{"Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
      "https://medlineplus.gov/ency/article/001927.htm"},
     {NULL, NULL, NULL}},
    {"Where can caregivers get help?", "When should I call my care team?", NULL},
};

static const struct tier_reply call_now_reply = {
    "safety.call_now",
    HR_SAFETY_URGENT,
    "Call your oncology team's 24-hour line now. If you cannot reach them, go to an emergency "
    "department.",
    "Call your oncology team's twenty four hour line now. If you cannot reach them, go to an "
    "emergency department.",
    "If you have chest pain, trouble breathing, or you pass out, call 911 instead. This message does "
    "not diagnose what is wrong. It only tells you what to do first.",
    "If you have chest pain, trouble breathing, or you pass out, call nine one one instead. This "
    "message does not diagnose what is wrong. It only tells you what to do first.",
    {{"Side Effects of Cancer Treatment", "National Cancer Institute",
      "https://www.cancer.gov/about-cancer/treatment/side-effects"},
     {NULL, NULL, NULL}},
    {"What should I tell the nurse when I call?", "When should I call my care team?",
     "What side effects should I watch for?"},
};

/* The deferral for each decision: one sentence naming the care team, and
 * questions to take to them. Both are plain enough for speech as written. */
struct deferral {
	const char *empathy;  /* one line that meets the person where they are */
	const char *sentence; /* the care team decides, and why */
	const char *facts;    /* general facts, for an answer with no topic of its own */
	const char *questions[3];
};

static const struct deferral deferrals[] = {
    [HR_DECISION_DOSE] =
        {"Worry about a dose is very common, and asking is the right thing to do.",
         "Your care team sets your dose and any change to it, because the right dose "
         "depends on you.",
         "For a missed or extra dose, call your care team or pharmacist today, and they will "
         "tell you what to do. Doses of cancer drugs are set for each person, often by body size, "
         "and can change with side effects.",
         {"What should I do if I miss a dose?", "Could my dose change, and why?",
          "Who do I call if a side effect is hard to manage?"}},
    [HR_DECISION_STOP] =
        {"Treatment can be very hard, and wanting a break makes sense.",
         "Please talk with your care team before you stop, skip or put off any "
         "treatment, because they can help you weigh it.",
         "Many side effects can be treated. Sometimes a dose or a schedule can be changed so "
         "that treatment can go on.",
         {"What could happen if I stop or skip this treatment?",
          "Can my side effects be treated so I can keep going?", "What other treatment options are there?"}},
    [HR_DECISION_CHOOSE] =
        {"This is a big choice, and it is normal to want help with it.",
         "This choice is one to make with your care team, because the best plan "
         "depends on your tests, your health and what you want.",
         "The choice often depends on the stage, the treatments you have had, side effects, and "
         "what matters most to you. No herb, diet or supplement has been shown to replace "
         "cancer treatment.",
         {"How do you choose between treatments?", "Which option do you suggest, and why?",
          "Is there a clinical trial I could join?"}},
    [HR_DECISION_PROGNOSIS] =
        {"It is natural to want to know what lies ahead.",
         "Numbers for large groups cannot say what will happen to you, so ask "
         "your care team about your own outlook.",
         "Survival numbers are averages from many people treated years ago. Newer drugs "
         "keep helping people live longer.",
         {"What do my HER2 test results mean?", "How can palliative care help me?",
          "Who can help me cope with worry about the future?"}},
    [HR_DECISION_MISSED] =
        {"A missed or late dose or infusion, or a dose taken twice, happens to many people.",
         "Call your care team or pharmacist today to ask what to do. The answer depends on "
         "the drug and on you, and the team sets any new dates and doses.",
         "Each drug's label says what to do about a missed dose, and your pharmacist can go "
         "through it with you. Keep a note of what you took and when.",
         {"What if I take an extra dose by mistake?", "Who do I call after hours?",
          "How can I remember my doses?"}},
    [HR_DECISION_TAKE] =
        {"It is wise to ask before you start a medicine or mix it with others.",
         "What is safe for you depends on your own health and the other medicines you "
         "take. Ask your oncology care team before you start, mix, stop or skip any medicine.",
         "Some medicines, herbs and supplements can change how cancer drugs work or add to their "
         "side effects. A full list of what you take helps your team and pharmacist check.",
         {"Is this treatment safe with my other health problems?",
          "Can I take it with the medicines I already use?", "What signs mean I should call you?"}},
};

/* The prognosis deferral when it is asked of someone else's life ("is my mom
 * going to die", "how long does my husband have"): "your own outlook" spoke
 * to the wrong person (blind probe 14: a teen asking about her mother). */
static const struct deferral prognosis_other = {
    "It is natural to want to know what lies ahead for someone you love.",
    "Numbers for large groups cannot say what will happen to one person. Their care team knows "
    "their case best, and with their permission you can ask what it says.",
    "Survival numbers are averages from many people treated years ago. Newer drugs "
    "keep helping people live longer.",
    {"Is there support for my family?", "Can I get counselling?",
     "Who can help me cope with worry about the future?"}};

/* The alarm again after a message that plays the sign down or asks to wait
 * (route_safety.c, "alarm_put_off"): "it's getting better now, do I still
 * need to call?" is answered yes, with why, before the tier's own lines
 * (blind patient probe 16: a reaction that eases can come back). */
static const struct group_reply put_off_reply = {
    "Yes, please still call. Signs like these can ease and then come back or get worse, so they need "
    "to be checked even if you feel better now.",
    "Yes, please still call. Signs like these can ease and then come back or get worse, so they need "
    "to be checked even if you feel better now.",
    {NULL, NULL, NULL}};

/* ------------------------------------------------------------------------- */
/* Replies. */

const char *hr_tier_name(enum hr_tier t)
{
	if ((unsigned)t >= ARRAY_SIZE(tier_names) || t == HR_TIER_NONE)
		return NULL;
	return tier_names[t];
}

/* Joins up to three strings with single spaces, skipping NULL and empty ones. */
static char *join(const char *a, const char *b, const char *c)
{
	const char *parts[3] = {a, b, c};
	size_t len = 1;
	for (size_t i = 0; i < 3; i++)
		len += parts[i] ? strlen(parts[i]) + 1 : 0;
	char *out = malloc(len), *p = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (p > out)
			*p++ = ' ';
		size_t n = strlen(parts[i]);
		memcpy(p, parts[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

static int add_source(struct hr_answer *a, const struct source *src)
{
	if (!src->title)
		return 0;
	return hr_answer_add_source(a, src->title, src->publisher, src->url);
}

/*
 * The topic a calm follow-up of an alarm is asked about (docs/intents.md,
 * Conversation): after "call now" for swollen ankles on trastuzumab, "but I
 * don't want them to stop it forever" is about the heart on that drug. Words
 * the content routes to the group's side effect; none for a crisis or for
 * the emergencies, where what comes next is the call, not a topic.
 */
static const char *const group_topics[G_COUNT] = {
    [G_ALLERGY] = "infusion reaction",
    [G_FEVER] = "neutropenia low white blood cells",
    [G_LUNG] = "lung inflammation",
    [G_BREATH] = "lung inflammation heart problems",
    [G_HEART] = "heart problems",
    [G_GUT] = "diarrhea side effect",
    [G_LIVER] = "liver problems",
    [G_CLOT] = "blood clots side effect",
    [G_INFECTION] = "infection during chemo",
    [G_COUNTS] = "low platelets side effect",
    [G_SKIN] = "skin rash",
    [G_MOUTH] = "mouth sores",
    [G_HAND_FOOT] = "hand foot syndrome",
};

const char *hr_safety_topic(const struct hr_safety_result *r)
{
	if (!r || r->tier == HR_TIER_NONE || r->tier == HR_TIER_CRISIS || r->group <= G_NONE ||
	    r->group >= G_COUNT)
		return NULL;
	return group_topics[r->group];
}

int hr_safety_reply(const struct hr_safety_result *r, struct hr_answer *a)
{
	const struct tier_reply *t;
	if (!r)
		return -EINVAL;
	switch (r->tier) {
	case HR_TIER_CRISIS:
		if (r->emergency_too)
			t = r->about_other ? &crisis_emergency_other_reply : &crisis_emergency_reply;
		else
			t = r->about_other ? &crisis_other_reply : &crisis_reply;
		break;
	case HR_TIER_EMERGENCY:
		t = r->about_other ? &emergency_other_reply : &emergency_reply;
		break;
	case HR_TIER_CALL_NOW:
		t = &call_now_reply;
		break;
	default:
		return -EINVAL;
	}
	enum group g = r->tier == HR_TIER_CRISIS || (r->tier == HR_TIER_EMERGENCY && r->about_other) ||
	                       r->group < 0 || r->group >= G_COUNT
	                   ? G_NONE
	                   : (enum group)r->group;
	const struct group_reply *gr =
	    g != G_NONE && g < ARRAY_SIZE(group_replies) ? &group_replies[g] : NULL;
	if (!gr && r->tier != HR_TIER_CRISIS && r->rule && strcmp(r->rule, "alarm_put_off") == 0)
		gr = &put_off_reply;

	int err = hr_answer_set(&a->intent, t->intent);
	if (err)
		goto fail;
	a->safety = t->safety;
	a->tier = hr_tier_name(r->tier);
	err = -ENOMEM;
	if (!(a->text = join(t->lead, gr ? gr->text : NULL, t->tail)))
		goto fail;
	if (!(a->speech = join(t->lead_speech, gr ? gr->speech : NULL, t->tail_speech)))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(t->sources); i++) {
		if ((err = add_source(a, &t->sources[i])))
			goto fail;
	}
	if (gr && (err = add_source(a, &gr->source)))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(t->suggestions) && t->suggestions[i]; i++) {
		if ((err = hr_answer_add_suggestion(a, t->suggestions[i])))
			goto fail;
	}
	return 0;
fail:
	hr_answer_clear(a);
	return err;
}

const char *hr_safety_deferral_text(enum hr_decision d)
{
	if (d <= HR_DECISION_NONE || (size_t)d >= ARRAY_SIZE(deferrals))
		return NULL;
	return deferrals[d].sentence;
}

/*
 * The deferral's text before FIELD: the empathy line and the care team's
 * part first, then the answer's own facts; an empty FIELD, or the engine's
 * placeholder for a decision with no topic (NO_TOPIC), gets the general
 * facts instead. A FIELD that already holds the sentence is kept as it is.
 */
/* Said whenever a treatment is to be swapped for something else, whatever the
 * plugin's answer is about: "can I swap my chemo for turmeric". */
static const char swap_fact[] = "No herb, diet or supplement has been shown to replace cancer treatment.";

static char *deferred(const char *field, const struct deferral *d, int no_topic, int swap)
{
	if (field && strstr(field, d->sentence))
		return strdup(field);
	if (no_topic || !field || !*field)
		return join(d->empathy, d->sentence, d->facts);
	if (swap && !strstr(field, swap_fact)) {
		char *lead = join(d->empathy, d->sentence, swap_fact);
		char *all = lead ? join(lead, field, NULL) : NULL;
		free(lead);
		return all;
	}
	return join(d->empathy, d->sentence, field);
}

int hr_safety_defer(const struct hr_safety_result *r, struct hr_answer *a)
{
	const char *sentence = r ? hr_safety_deferral_text(r->decision) : NULL;
	if (!sentence)
		return 0;
	const struct deferral *d =
	    r->decision == HR_DECISION_PROGNOSIS && r->other ? &prognosis_other : &deferrals[r->decision];

	/* Build everything first so that A is untouched when memory runs out. */
	int no_topic = a->intent && strcmp(a->intent, "safety.decision") == 0;
	int swap = r->decision == HR_DECISION_CHOOSE && r->swap;
	char *text = deferred(a->text, d, no_topic, swap);
	/* An answer without a speech form keeps none: clients then read the text. */
	char *speech = a->speech ? deferred(a->speech, d, no_topic, swap) : NULL;
	char *questions[ARRAY_SIZE(d->questions)] = {NULL};
	int ok = text && (speech || !a->speech);
	for (size_t i = 0; ok && i < ARRAY_SIZE(d->questions); i++)
		ok = (questions[i] = strdup(d->questions[i])) != NULL;
	if (!ok) {
		free(text);
		free(speech);
		for (size_t i = 0; i < ARRAY_SIZE(questions); i++)
			free(questions[i]);
		return -ENOMEM;
	}

	free(a->text);
	a->text = text;
	free(a->speech);
	a->speech = speech;
	for (size_t i = 0; i < a->nsuggestions; i++)
		free(a->suggestions[i]);
	a->nsuggestions = 0;
	for (size_t i = 0; i < ARRAY_SIZE(questions) && i < HR_MAX_SUGGESTIONS; i++)
		a->suggestions[a->nsuggestions++] = questions[i];
	return 0;
}
