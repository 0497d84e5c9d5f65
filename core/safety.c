/*
 * The safety layer. See safety.h for the contract, and the content guide
 * ("The safety layer comes first", "Scope") for what it must catch.
 *
 * How a message is judged
 * -----------------------
 * The input is already normalised (lower case, punctuation as spaces), so the
 * rules below are written against single-spaced lower-case words.
 *
 * 1. Triggers. Each rule is one PCRE2 pattern that finds a symptom or a crisis
 *    phrase, written to tolerate paraphrase, typos and speech-recogniser
 *    spellings. Rules are listed by tier, highest first, so the first rule that
 *    fires gives the tier: crisis, then emergency, then call now.
 *
 * 2. Negation. For every place a trigger matches, the words just before it in
 *    the same clause are read backwards. A negator ("no", "not", "don't",
 *    "never", "without", "denies"...) within four words cancels that match, and
 *    reaches across a list ("I don't have a fever or chills"); "but", "so",
 *    "because", "just" and the like end the clause, so in "no fever but chills"
 *    only the fever is cancelled. Crisis phrases are cancelled only by a negator
 *    right before them ("I'm not suicidal", "I really don't want to die"),
 *    because erring towards the crisis reply is the safe side. A trigger
 *    followed by "years ago", "last year" or "in the past" is history, not an
 *    alert. A fever or chills from some time ago that is over ("fever last week
 *    but it's gone") is not a call now either, unless the message also says
 *    something is happening now.
 *
 * 3. Report or question. Emergency and call-now rules must not fire on a
 *    question about warning signs. The same backward reading classifies the
 *    match as
 *      - reported: a first-person or caregiver subject sits before it ("I have",
 *        "my chest", "she is", "there is", "why do I have");
 *      - informational: it is the object of a question about the symptom
 *        ("about", "can X cause", "signs of", "watch for", "if", "you"), or a
 *        search-style topic with a drug name right before it ("herceptin chest
 *        pain");
 *      - plain: none of these ("chest pain on herceptin").
 *    A reported match fires. An informational match fires only when the message
 *    also says it is happening now ("right now", "since last night", "for two
 *    days", "should I go to the ER"). A plain match fires unless the whole
 *    message is framed as a question (it starts with what/when/how/is/can...,
 *    or asks about signs, symptoms, side effects, "is it normal", "when should I
 *    call"), again unless it says it is happening now. A temperature reading at
 *    or above the threshold counts as a report however it is framed. Crisis is
 *    never downgraded by question framing.
 *
 * 4. Context. Some call-now rules need context found anywhere in the message:
 *    a cough is a call-now only with trastuzumab deruxtecan (Enhertu) named,
 *    pregnancy only with a drug named or treatment under way ("on chemo"; not
 *    "what treatment"), plain diarrhoea only when severe,
 *    frequent (four or more times) or with a companion sign (fever, dizziness,
 *    vomiting, not keeping fluids down, blood), and a temperature only at or
 *    above 100.4 F / 38 C. A fever or chills reported without a number fires:
 *    the people herald serves are nearly all on or just after treatment, and the
 *    reply only asks them to call their team. Heart, liver and clot signs do not
 *    need a drug named for the same reason.
 *
 * 5. Decisions. Independently of the tier, a second set of patterns recognises
 *    requests for a personal decision. Dose: "what dose should I take", "how
 *    much X should I take", a missed, extra, doubled or changed dose. Stop: "should
 *    I stop/skip/quit/pause" a treatment, "I want to stop chemo", "do I have to
 *    finish". Choose: "should I choose X or Y", "which treatment should I get",
 *    "is X better for me", "do I need chemo". Prognosis: "how long do I have",
 *    "will I survive", "what are my chances". General questions with no person
 *    in them ("what is the usual dose of herceptin", "how is it dosed", "how long
 *    is herceptin given", "what is the survival rate") are not decisions: the
 *    plugin answers them with population facts. Take: whether this person may
 *    take, start or combine a treatment or another medicine given their own
 *    health or other medicines ("I have migraines, can I take Enhertu?", "should
 *    I take Kadcyla if I have liver disease", "I'm on warfarin, can I also take
 *    tucatinib", "can I take ibuprofen with Enhertu", "is it safe for me to
 *    take Herceptin"). The drug being asked about need not be one herald
 *    knows; a question about the drug alone ("what is Enhertu", "can Herceptin
 *    cause headaches", "should I take tucatinib with food") is not one.
 *
 * 6. Prefilter. Almost every message is an ordinary question that fires no
 *    rule, and running every pattern on it costs more than the rest of the
 *    check. So at start-up every pattern (the rules, the context patterns and
 *    the decisions) is analysed by the intent engine's literal prefilter
 *    (core/prefilter.c) into the words any match must contain, and each
 *    message is scanned once for them: a pattern whose words are missing
 *    cannot match anywhere in the message, so it is not run, and the answer
 *    is the same as running it. A pattern that needs no word, and every
 *    pattern on a message with non-ASCII bytes (whose other case forms PCRE2
 *    might match), always runs. The analysis lower-cases the patterns and the
 *    text, so case cannot hide a match (the rules themselves are written
 *    against lower case and compiled case-sensitive; lower-casing only makes
 *    the prefilter let more through). hr_safety_set_prefilter() turns it off,
 *    and the unit tests compare both ways on every question they know. The
 *    built prefilter is immutable, so every instance shares one.
 *
 * Nothing here logs message text: only rule names and PCRE2 error codes.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "safety.h"

#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "prefilter.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Limits for one pcre2_match call. The patterns are simple, so a message that
 * reaches these is hostile or broken; the rule is then treated as not matching. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000

/* How many words before a trigger are read to find a negator, and how many to
 * find a subject or a question marker. */
#define NEG_WINDOW 4
#define SCAN_WINDOW 6

/* ------------------------------------------------------------------------- */
/* Shared pieces of the patterns. */

#define CANT "(?:can't|cant|cannot|can not)"
#define NUMWORD                                                                                    \
	"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
	"sixteen|seventeen|eighteen|nineteen|twenty|thirty)"
/* Trastuzumab deruxtecan as typed, abbreviated, or heard by a speech recogniser. */
#define TDXD_WORDS                                                                     \
	"enhertu|enhurtu|enhertou|en hertu|in hertu|in her two|in her 2|t-dxd|tdxd|t dxd|" \
	"t-dx-d|deruxtecan|trastuzumab deruxtecan|fam-trastuzumab"
#define HER2_DRUGS                                                                                \
	TDXD_WORDS "|herceptin|hercepton|herceptin hylecta|hylecta|her set in|her septin|"          \
		   "trastuzumab|trastuzamab|pertuzumab|perjeta|per jetta|perjetta|phesgo|fesgo|"      \
		   "kadcyla|cad sila|cadsila|kad sila|t-dm1|tdm1|t dm1|emtansine|margetuximab|"       \
		   "margenza|tucatinib|tukysa|neratinib|nerlynx|lapatinib|tykerb|pyrotinib|ogivri|"   \
		   "kanjinti|trazimera|herzuma|ontruzant|hercessi|biosimilars?"
#define OTHER_DRUGS                                                                        \
	"capecitabine|xeloda|zeloda|paclitaxel|taxol|docetaxel|taxotere|carboplatin|tamoxifen|" \
	"letrozole|femara|anastrozole|arimidex|exemestane|aromasin"
#define ALL_DRUGS HER2_DRUGS "|" OTHER_DRUGS
#define TREAT_NOUNS                                                                               \
	"treatments?|therapy|therapies|chemo|chemotherapy|infusions?|injections?|shots?|cycles?|" \
	"sessions?|rounds?|meds|medications?|medicines?|pills|tablets|drugs?|radiation|"          \
	"radiotherapy|hormone therapy|hormone pills|endocrine therapy|targeted therapy"
/* Diarrhoea in its many spellings, and the plain-word ways people describe it. */
#define DIA                                                                               \
	"(?:dia?h?rr?h?o?e?a|diarrhoea|loose (?:stools?|bowels?|poops?|poos?|motions)|"      \
	"watery (?:stools?|poops?|poos?|bowels?)|runny (?:stools?|poops?|poos?)|the runs|" \
	"the squirts)"
#define BREATH                                                                               \
	"(?:short of breath|shortness of breath|short on breath|short winded|breathless(?:ness)?|" \
	"out of breath|winded|(?:" CANT "|trouble|hard time|difficulty|struggling to|struggle to) "    \
	"catch(?:ing)? (?:my|her|his) breath|breathing (?:is |has been |"    \
	"got |feels )?(?:harder|worse|heavier|faster|heavy|fast|shallow)|harder to breathe)"
/* A count of episodes: digits, a number word, or a vague "many". */
#define COUNT                                                                               \
	"(\\d+|" NUMWORD "|many|several|multiple|lots of|a lot of|countless|so many|too many|" \
	"like \\d+|about \\d+|over \\d+|more than \\d+|like " NUMWORD "|about " NUMWORD ")"

/* ------------------------------------------------------------------------- */
/* The alert rules. */

/* Groups share one fixed context sentence in the reply. */
enum group {
	G_NONE = 0,
	G_CRISIS,
	G_CHEST,
	G_BREATHING,
	G_FAINT,
	G_ALLERGY,
	G_NEURO,
	G_BLEED,
	G_FEVER,
	G_LUNG,
	G_BREATH,
	G_HEART,
	G_GUT,
	G_LIVER,
	G_CLOT,
	G_PREGNANCY,
};

/* Extra conditions a rule can carry, checked after the trigger is judged. */
enum {
	F_FEVER_WORD = 1 << 0, /* a temperature below the threshold right after it cancels it */
	F_TEMP_WORD = 1 << 1,  /* fires only with a temperature at or above the threshold, or "high" */
	F_TEMP_NUM = 1 << 2,   /* the match holds the number (group 1) and maybe the unit (group 2) */
	F_COUNT = 1 << 3,      /* group 1 holds an episode count that must be four or more */
	F_NEED_TDXD = 1 << 4,  /* trastuzumab deruxtecan must be named somewhere */
	F_NEED_TREAT = 1 << 5, /* a drug named, or treatment under way ("on chemo") */
	F_NEED_GUTMATE = 1 << 6, /* a companion sign of dehydration or infection must be reported */
	F_NEED_REST = 1 << 7,  /* the message must say it happens at rest */
};

struct rule {
	const char *name;
	enum hr_tier tier;
	enum group group;
	unsigned flags;
	const char *src;
};

static const struct rule rules[] = {
	/* Crisis: thoughts of suicide or self-harm, wishing to die, no point going on. */
	{ "crisis", HR_TIER_CRISIS, G_CRISIS, 0,
	  "\\b(?:suicid\\w*|kill(?:ing)? my ?self|(?:end|ending) (?:it all|my (?:own )?life)|"
	  /* Someone else at risk, told by a caregiver, is a crisis too. */
	  "kill(?:ing|s)? (?:him|her|them) ?sel(?:f|ves)|(?:end|ending|take|taking) (?:his|her|their) (?:own )?life|"
	  "(?:hurt|hurting|harm|harming) (?:my|him|her|them) ?sel(?:f|ves)|"
	  "(?:i'd|i would|id) rather (?:be dead|die)|"
	  "tak(?:e|ing) my (?:own )?life(?! back)|"
	  "(?:want|wanna|going|gonna|planning|plan|ready|decided|thinking about|think about|"
	  "thought about) (?:to )?(?:end|ending) (?:it|things|everything)|"
	  "(?:want(?:ed|ing|s)?|wanna|wish|wished|tempted) (?:to )?(?:die|be dead|not be here|"
	  "not wake up|not exist)|"
	  "(?:thoughts of|thinking about|think about|thought about) (?:dying|ending it|"
	  "killing my ?self|not waking up)|"
	  "wish (?:i was|i were|i'd|i had|i could be) (?:dead|never born|not alive|gone)|"
	  "better off (?:dead|without me|if i (?:was|were) gone)|"
	  "(?:no|any|nothing to|not any|no more) reason to (?:live|go on|keep going|be alive)|"
	  "nothing (?:left )?to live for|"
	  "(?:don't|dont|do not|no longer|not) want to (?:live|be alive|go on|be here|exist|"
	  "wake up|keep going|continue living|carry on|keep living)|"
	  "(?:not|isn't|is not|isnt|no longer) worth living|"
	  "no point (?:in )?(?:living|going on|carrying on|being alive|fighting|trying|any ?more|"
	  "of living|to (?:anything|life|living|going on))|"
	  "what'?s the point (?:of|in) (?:living|going on|carrying on|being alive|life|trying|"
	  "fighting|anything|any of (?:it|this))|"
	  "tired of (?:living|being alive|life)|(?:give|giving|given) up on (?:life|living)|" CANT
	  " go on (?:any ?more|like this|living)|"
	  "(?:want|wanna|going|gonna|thinking about|thought about|urges? to|tempted|feel like|"
	  "might|keep wanting) (?:to )?(?:hurt|harm|hurting|harming|cut|cutting|burn|burning|"
	  "injure|injuring) my ?self|"
	  "(?:harming|cutting|burning|injuring) my ?self|self[- ]?harm\\w*|"
	  "(?:want|wanna|going|gonna|thinking about|planning|plan) (?:to )?(?:overdose|od)\\b|"
	  "overdos\\w* on purpose|take an overdose|take all (?:of )?my (?:pills|meds|medication|"
	  "medicine|tablets|sleeping pills)|unalive|"
	  "(?:want|wanna) (?:it|everything|this|it all) (?:all )?to (?:end|be over|stop)|"
	  "(?:don't|dont|do not) want to (?:be )?(?:around|here) any ?more|"
	  "(?:nobody|no one|noone|no-one) (?:would|will|is going to) (?:even )?(?:miss me|care if i|"
	  "notice if i)|"
	  "(?:don't|dont|do not|can't|cant|cannot) see (?:the |any )?point (?:in |of )?(?:going on|"
	  "living|carrying on|being alive|life|anything|any ?more|trying|fighting)|"
	  "(?:see|there's|there is) no point (?:in |of )?(?:going on|living|carrying on|life|"
	  "any ?more)|(?:no|lost (?:the|my|all)|losing (?:the|my)) will to live)\\b" },

	/* Emergency: call 911 now. */
	{ "chest_pain", HR_TIER_EMERGENCY, G_CHEST, 0,
	  "\\b(?:chest (?:(?:really|very|so|still|kind of|sort of|just|badly|now|also|suddenly|"
	  "keeps) )?(?:pains?|pressure|tightness|heaviness|discomfort|aches?|aching|hurts?|"
	  "hurting|is (?:\\S+ )?(?:hurting|tight|heavy|painful|killing me)|feels? (?:\\S+ )?"
	  "(?:tight|heavy|crushed|like)|has been hurting|started hurting|keeps hurting)|"
	  "(?:pains?|pressure|tightness|heaviness|squeezing|crushing|stabbing|aching|ache) "
	  "(?:in|on|across|around|through|inside) (?:my |her |his |the |our )?chest|"
	  "(?:tight|heavy|crushing) (?:feeling in (?:my |the )?)?chest|heart attack|angina)\\b" },
	{ "breathing", HR_TIER_EMERGENCY, G_BREATHING, 0,
	  "\\b(?:(?:can't|cant|cannot|can not|couldn't|couldnt|could not|can barely|can hardly|"
	  "could barely|could hardly|unable to|struggling to|struggle to|struggled to|fighting to|"
	  "hard to|hardly|barely) (?:\\S+ )?breathe?\\b|"
	  "(?:trouble|difficulty|difficulties|problems?|struggling|struggle|a hard time|hard time|"
	  "labou?red) (?:with )?breathing|"
	  "breathing (?:problems?|trouble|difficulty|difficulties)|"
	  "breathing (?:is |has been |got |became |feels )?(?:very |really |so |extremely )?"
	  "(?:hard|difficult|labou?red|a struggle)|"
	  "gasping(?: for (?:air|breath))?|choking|lips (?:are |have )?(?:turning |turned |gone |"
	  "going )?blue|" CANT " get (?:enough )?air|not getting enough air|suffocating)\\b" },
	{ "breath_at_rest", HR_TIER_EMERGENCY, G_BREATHING, F_NEED_REST, "\\b" BREATH "\\b" },
	{ "fainting", HR_TIER_EMERGENCY, G_FAINT, 0,
	  "\\b(?:faint(?:ed|ing)|(?:feel|feels|feeling|felt) (?:\\S+ )?faint|"
	  "(?:about|going|gonna) to faint|pass(?:ed|es|ing)? out|black(?:ed|ing)? out|"
	  "lost consciousness|los(?:e|ing) consciousness|unconscious|unresponsive|collapsed|"
	  "keeled over|(?:can't|cant|cannot|won't|wont) wake (?:her|him|them)|"
	  "(?:won't|wont|will not) wake up)\\b" },
	{ "allergic_swelling", HR_TIER_EMERGENCY, G_ALLERGY, 0,
	  "\\b(?:(?:throat|lips?|tongue|mouth|airway) (?:is |are |feels? |keeps? |has |have |"
	  "started |starting |getting |got |been |seems? |looks? |started to |starting to )*"
	  "(?:\\S+ ){0,2}?(?:swelling|swollen|swelled|swell|puffy|puffing up|puffed up|closing|"
	  "closing up|tightening)|"
	  "face (?:is |feels |has |started |starting |getting |got |been |looks )*(?:\\S+ )?"
	  "(?:swelling|swollen|swelled|swell)(?! from)|"
	  "(?:swelling|swollen|swelled) (?:of |in |on |around )?(?:my |her |his |the )?"
	  "(?:throat|lips?|tongue|face|mouth)|puffy (?:lips|tongue)|"
	  "throat (?:is |feels |keeps )?(?:\\S+ )?(?:tight|closing)|"
	  "allergic reaction|infusion reaction|anaphyla\\w*|hives (?:all over|everywhere))\\b" },
	{ "headache", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:(?:sudden|suddenly|severe|worst|terrible|awful|horrible|excruciating|splitting|"
	  "thunderclap|intense|extreme|unbearable|blinding|crushing|massive|really bad|very bad|"
	  "so bad|pounding|really severe|very severe) (?:\\S+ )?headaches?|"
	  "headaches? (?:\\S+ ){0,3}?(?:out of nowhere|came on (?:suddenly|fast|all of a sudden)|"
	  "all of a sudden|is (?:severe|unbearable|excruciating|terrible|the worst))|"
	  "worst (?:\\S+ )?(?:head ?ache|head pain|pain) of my life)\\b" },
	{ "confusion", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:(?:sudden|suddenly|new|acute|severe|very) (?:\\S+ )?(?:confusion|confused|"
	  "disoriented)|"
	  "(?:she|he|they|she's|he's|they're|mom|mum|mother|dad|father|wife|husband|partner|"
	  "grandma|grandmother|grandpa|grandfather|aunt|uncle|friend|sister|brother|patient) "
	  "(?:is |seems |seem |was |has been |got |is getting |became |is acting |acting |looks |"
	  "started acting |keeps getting )?(?:\\S+ )?(?:confused|disoriented|delirious|"
	  "not making sense|talking nonsense)|"
	  "disoriented|disorientated|delirious|delirium|"
	  "(?:doesn't|does not|don't|do not|didn't) (?:know|recognize|recognise) where "
	  "(?:she|he|i|they) (?:is|am|are|was)|" CANT " think straight|talking nonsense|"
	  "confusion)\\b(?! (?:about|by|with|over|on|regarding|between|as to|around|in the|"
	  "re|of)\\b)" },
	{ "seizure", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:seizures?|seizing|convuls\\w*|(?:having|had|has|have) (?:a |another )?fit\\b"
	  "(?! of))" },
	{ "one_sided_weakness", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:sudden(?:ly)? (?:\\S+ )?(?:weak|weakness|numb|numbness|paraly\\w+|droop\\w*|"
	  "(?:can't|cannot|cant) move)|new weakness|"
	  "(?:weak|weakness|numb|numbness|droop\\w*|paraly\\w+|heavy|(?:can't|cannot|cant) "
	  "(?:move|feel|lift|use)) (?:\\S+ ){0,3}?(?:on|in|down) (?:one|the left|the right|"
	  "my left|my right|her left|her right|his left|his right|left|right) (?:side|half|arm|"
	  "leg|hand)|"
	  "(?:one|left|right) side of (?:my|her|his|the) (?:body|face)(?: \\S+){0,3}? (?:weak|"
	  "numb|droop\\w*|heavy|(?:won't|wont|can't|cant) move)|"
	  "(?:face|mouth|smile) (?:is |started |has |keeps )?(?:\\S+ )?droop\\w*|"
	  "droop\\w* (?:face|mouth|smile)|facial droop|"
	  "(?:can't|cannot|cant|can not) (?:move|lift|feel|use) (?:my|her|his) (?:left|right) "
	  "(?:arm|leg|hand|side)|(?:left|right|one) (?:arm|leg|hand|side)(?: \\S+){0,2}? "
	  "(?:numb|weak|limp|dead|paraly\\w+)(?: \\S+)?? (?:suddenly|all of a sudden|out of nowhere)|"
	  "stroke)\\b" },
	{ "vision_change", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:(?:sudden|suddenly|new) (?:\\S+ ){0,2}?(?:vision|eyesight|blind\\w*|blurry|"
	  "blurred|double vision|seeing double)|"
	  "(?:lost|losing|loss of|lose) (?:my |her |his |the |some |part of (?:my |her |his )?)?"
	  "(?:vision|sight|eyesight)|double vision|seeing double|"
	  "(?:vision|eyesight|sight) (?:is |has |went |suddenly |got |keeps |has gone |is going |"
	  "became |just )*(?:\\S+ ){0,2}?(?:blurry|blurred|gone|dark|black|changed|changing|"
	  "worse|double|weird|strange|funny|fuzzy|spotty|dim|cloudy)|blurr(?:y|ed) vision|"
	  "(?:can't|cant|cannot|can not) see(?= (?:out of|properly|clearly|anything|well|"
	  "straight|right)\\b|$)|(?:went|going|gone) blind)\\b" },
	{ "speech_change", HR_TIER_EMERGENCY, G_NEURO, 0,
	  "\\b(?:slurr(?:ed|ing|y) (?:\\S+ )?(?:speech|words|talking)|slurring|"
	  "speech (?:is |has |got |became |sounds |went |has become )*(?:\\S+ )?(?:slurred|"
	  "garbled|strange|weird|off|jumbled|funny)|"
	  "(?:(?:can't|cant|cannot|can not|couldn't) (?:speak|talk)|(?:trouble|difficulty|"
	  "problems?|hard time) (?:speaking|talking))(?! (?:to|with|about|openly|it|this|them|"
	  "much)\\b)|"
	  "(?:trouble|difficulty|problems?|hard time|" CANT ") (?:finding (?:my |the )?words|"
	  "get(?:ting)? (?:my |the )?words out)|"
	  "words (?:are |come |came |keep coming )?(?:coming )?out (?:wrong|jumbled|garbled|"
	  "mixed up))\\b" },
	{ "blood_cough_vomit", HR_TIER_EMERGENCY, G_BLEED, 0,
	  "\\b(?:cough\\w* (?:up |out )?(?:(?!no\\b|not\\b|any\\b)\\S+ )?blood|(?:vomit\\w*|throw\\w* up|threw up|"
	  "puk\\w*|spit\\w*(?: up)?) (?:up )?(?:\\S+ )?blood|blood (?:in|when|while|with) "
	  "(?:my |i |her |his )?(?:cough\\w*|phlegm|sputum|spit|mucus|vomit|throw up)|"
	  "bloody (?:phlegm|sputum|mucus|vomit|cough)|ha?emoptysis)\\b" },
	{ "bleeding", HR_TIER_EMERGENCY, G_BLEED, 0,
	  "\\b(?:bleeding (?:\\S+ ){0,3}?(?:won't|wont|will not|doesn't|does not|can't|cant) "
	  "(?:stop|be stopped)|" CANT " stop (?:the )?bleeding|bleeding (?:a lot|heavily|badly|"
	  "everywhere)|heavy bleeding)\\b" },
	{ "ambulance", HR_TIER_EMERGENCY, G_NONE, 0,
	  "\\b(?:need|call|calling|get|send) (?:an |a )?ambulance\\b" },

	/* Call now: the oncology team's 24-hour line. */
	{ "fever_number", HR_TIER_CALL_NOW, G_FEVER, F_TEMP_NUM,
	  "\\b(?:(?:running|spiked|spiking|spiked to|reads|reading|registering|registered) "
	  "(?:a |an |at |to )?(\\d{2,3}(?:\\.\\d+)?)(?: ?(f|c)\\b| (?:degrees? )?(fahrenheit|"
	  "celsius|centigrade|f|c)\\b)?|(\\d{2,3}(?:\\.\\d+)?) ?(?:degrees? ?)?(f|c|fahrenheit|"
	  "celsius|centigrade)\\b)" },
	{ "fever_temperature", HR_TIER_CALL_NOW, G_FEVER, F_TEMP_WORD,
	  "\\b(?:temperature|temp|temps|thermometer)\\b" },
	{ "fever", HR_TIER_CALL_NOW, G_FEVER, F_FEVER_WORD,
	  "(?<!hay )(?<!yellow )(?<!scarlet )(?<!cabin )(?<!valley )(?<!dengue )"
	  "\\b(?:fevers?|feverish|febrile)\\b(?!-free| free)|\\b(?:running|spiking|spiked|got|"
	  "have) a (?:temp|temperature)\\b|\\bburning up\\b" },
	{ "chills", HR_TIER_CALL_NOW, G_FEVER, 0,
	  "(?<!gives me )(?<!gave me )(?<!give me )(?<!gives me the )(?<!give me the )"
	  "(?<!sends )(?<!sent )\\b(?:chills|rigors|shivering|shivers|the shakes|"
	  "uncontrollable shaking|shaking and (?:cold|freezing)|(?:freezing|cold) and shaking|"
	  "shaking (?:uncontrollably|all over))\\b(?! (?:down|up) my spine)" },
	{ "lung_tdxd", HR_TIER_CALL_NOW, G_LUNG, F_NEED_TDXD,
	  "\\b(?:cough|coughs|coughing|coughed|" BREATH ")\\b" },
	{ "heart_swelling", HR_TIER_CALL_NOW, G_HEART, 0,
	  "\\b(?:(?:swollen|swelling|swelled|puffy|puffiness|edema|oedema|fluid|water retention) "
	  "(?:in |of |on |around )?(?:my |her |his |both |the )?(?:ankles?|legs|feet|foot|"
	  "lower legs|shins|calves)|"
	  "(?:ankles?|legs|feet|foot|shins|calves)(?: \\S+){0,2}? (?:are |is |have |has |got |"
	  "keep |keeps |getting |been |look |looks |seem |seems |feel |feels |started |so |"
	  "really |very )*(?:swollen|swelling|swelled|swell|puffy|puffed up|bloated|huge|"
	  "like balloons)|(?:ankles?|legs|feet) (?:\\S+ )?swell(?:ing)? up)\\b" },
	{ "heart_weight_gain", HR_TIER_CALL_NOW, G_HEART, 0,
	  "\\b(?:(?:gained|gain|gaining|put on|putting on|up) (?:about |almost |over |like |"
	  "nearly )?(?:\\d+|" NUMWORD "|a few|several|a lot of) ?(?:pounds|lbs?|kilos?|kgs?|"
	  "kilograms)(?: \\S+){0,3}? (?:(?:in|over|within|since) (?:a |one |two |three |four |"
	  "five |\\d+ |the last |the past |a few |just |only |a couple of |couple of |the )*"
	  "(?:days?|week|weeks|nights?|yesterday)|overnight)|"
	  "(?:sudden|rapid|fast|quick|unexplained|big) weight gain|"
	  "weight gain (?:\\S+ ){0,2}?(?:fast|quickly|suddenly|overnight)|"
	  "(?:gaining|gained|put on|putting on) (?:so much |a lot of )?weight (?:really |so |"
	  "very )?(?:fast|quickly|suddenly|overnight))\\b" },
	{ "heart_lying_flat", HR_TIER_CALL_NOW, G_HEART, 0,
	  "\\b(?:(?:can't|cant|cannot|can not|unable to|hard to|trouble|struggle to) (?:lie|lay|"
	  "lying|laying) (?:down|flat)|"
	  "(?:short of breath|breathless|out of breath|hard to breathe|winded) (?:\\S+ ){0,2}?"
	  "(?:lying|laying|lie|lay) (?:down|flat)|"
	  "(?:have to|need to|must|can only) (?:sleep|sit) (?:sitting )?(?:up|upright|propped up|"
	  "on (?:\\S+ )?pillows|in a chair|in the recliner)|"
	  "(?:wake|wakes|woke|waking) up (?:\\S+ ){0,3}?(?:gasping|short of breath|breathless|"
	  "out of breath|choking|unable to breathe|" CANT " breathe|struggling to breathe)|"
	  "(?:extra|more) pillows to breathe)\\b" },
	{ "heart_racing", HR_TIER_CALL_NOW, G_HEART, 0,
	  "\\b(?:(?:heart|heartbeat|heart beat|pulse|heart rate)(?: is| keeps| has been| was|"
	  " feels| started| seems| is still| won't stop)?(?: \\S+){0,3}? (?:racing|pounding|"
	  "fluttering|flip flopping|flipping|skipping|skipped|irregular|galloping|jumping|"
	  "thumping|beating (?:fast|so fast|really fast|too fast|very fast|hard|irregularly|weird|"
	  "weirdly|funny|strangely|out of rhythm)|going (?:fast|crazy|really fast|so fast)|"
	  "very fast|so fast|too fast|really fast|over \\d+|above \\d+)|"
	  "(?:racing|pounding|fluttering|irregular|fast|rapid|skipping|skipped|galloping) "
	  "(?:heart|heartbeat|heart beat|heart rate|pulse|heartbeats)|"
	  "(?:heart rate|pulse) (?:is |was |of |at |has been |keeps going |went )?(?:up to |over |"
	  "above |around |about )?(?:1[1-9]\\d|2\\d\\d)|"
	  "palpitations?|afib|a-fib|atrial fibrillation)\\b" },
	{ "short_of_breath", HR_TIER_CALL_NOW, G_BREATH, 0, "\\b" BREATH "\\b" },
	{ "diarrhea_severe", HR_TIER_CALL_NOW, G_GUT, 0,
	  "\\b(?:(?:severe|bad|really bad|very bad|terrible|horrible|awful|constant|nonstop|"
	  "non-stop|uncontrollable|uncontrolled|explosive|bloody|extreme|intense|profuse|crazy|"
	  "the worst|relentless|out of control) (?:\\S+ ){0,2}?" DIA "|"
	  DIA " (?:\\S+ ){0,4}?(?:won't stop|wont stop|will not stop|doesn't stop|isn't stopping|"
	  "nonstop|non-stop|all day|all night|every hour|every (?:\\d+|few|couple of) "
	  "(?:minutes|hours)|(?:is|has been|getting|got|so|really) (?!not\\b)(?:\\S+ )?(?:severe|"
	  "bad|terrible|awful|worse|constant|out of control|uncontrollable)|with blood|"
	  "and blood|bloody|for (?:\\d+|two|three|four|five|several|a few|many|over|more than) "
	  "(?:\\S+ )?days|(?:even|despite) (?:with |after |taking )?(?:the )?(?:imodium|"
	  "loperamide|medicine|meds|pills))|"
	  "(?:imodium|loperamide) (?:isn't|is not|not|doesn't|does not|didn't|hasn't|stopped) "
	  "(?:working|helping|help|work))\\b" },
	{ "diarrhea_frequent", HR_TIER_CALL_NOW, G_GUT, F_COUNT,
	  "(?|\\b" DIA " (?:\\S+ ){0,4}?" COUNT " ?(?:times|x|episodes|bouts|stools|trips)\\b|"
	  "\\b" COUNT " (?:(?:loose|watery|runny|liquid) )(?:stools?|bowel movements|poops?|"
	  "poos?)\\b|"
	  "\\b(?:pooped|pooping|been to the (?:bathroom|toilet|loo)|gone to the (?:bathroom|"
	  "toilet|loo)|run to the (?:bathroom|toilet|loo)) " COUNT " ?(?:times|x)\\b(?: \\S+){0,4}?"
	  " " DIA "?)" },
	{ "diarrhea_with_signs", HR_TIER_CALL_NOW, G_GUT, F_NEED_GUTMATE, "\\b" DIA "\\b" },
	{ "not_keeping_fluids", HR_TIER_CALL_NOW, G_GUT, 0,
	  "\\b(?:(?:can't|cant|cannot|can not|unable to|not able to|couldn't) (?:keep|hold) "
	  "(?:anything|any ?thing|fluids|liquids|water|food|drinks|it|any fluids|any liquids|"
	  "my (?:food|meds|medicine|pills)|\\S+ \\S+|\\S+) down|(?:vomiting|throwing up|puking) "
	  "(?:\\S+ ){0,2}?(?:everything|all day|all night|nonstop|non-stop|constantly|every hour|"
	  "for (?:\\d+|a|two|three|several|a few|many|over) (?:\\S+ )?(?:hours|day|days))|"
	  "(?:keep|keeps|kept) (?:on )?(?:vomiting|throwing up|puking))\\b" },
	{ "jaundice", HR_TIER_CALL_NOW, G_LIVER, 0,
	  "\\b(?:yellow(?:ish)? (?:skin|eyes|tinge|tint|whites)|(?:skin|eyes|whites of (?:my|her|"
	  "his|the) eyes|eye whites|face) (?:is |are |look |looks |looking |has |have |turned |"
	  "turning |going |gone |getting |become |became |seem |seems |got |been )*(?:a bit |"
	  "kind of |slightly |a little |very |really |so |pretty |quite )?(?:yellow|yellowish|"
	  "jaundiced)|jaundiced?|(?:dark|darker|brown|very dark|dark brown|tea[- ]colou?red|"
	  "cola[- ]colou?red) (?:urine|pee|wee)|(?:urine|pee|wee) (?:is |looks |has been |"
	  "is really |is very |turned |getting |seems |has turned |is getting |looks like )*"
	  "(?:dark|darker|brown|tea|cola|orange|the colou?r of (?:tea|cola|coke)))\\b" },
	{ "leg_clot", HR_TIER_CALL_NOW, G_CLOT, 0,
	  "\\b(?:(?:one|my left|my right|her left|her right|his left|his right|left|right|"
	  "one of my) (?:leg|calf|thigh)(?: \\S+){0,3}? (?:swollen|swelling|swelled|puffy|painful|"
	  "hurts|hurting|sore|red|warm|hot|tender|aching|throbbing)|"
	  "(?:swollen|swelling|painful|sore|red|warm|hot|tender) (?:and (?:swollen|painful|sore|"
	  "red|warm|hot|tender) )?(?:left |right )?calf|"
	  "calf (?:is |feels |has been |got |looks )*(?:\\S+ )?(?:swollen|painful|sore|hurts|"
	  "hurting|tender|red|warm|hot|swelling|throbbing)|"
	  "leg (?:is |feels |has been |got |looks )*(?:\\S+ )?(?:swollen|swelling|puffy) "
	  "(?:and |with )?(?:\\S+ )?(?:painful|pain|hurts|hurting|sore|tender|red|warm|hot)|"
	  "leg (?:is |feels |has been |got |looks )*(?:\\S+ )?(?:painful|hurts|hurting|sore|"
	  "tender|red|warm|hot) (?:and |with )?(?:\\S+ )?(?:swollen|swelling|puffy)|"
	  "(?:swollen|puffy) (?:and (?:painful|sore|tender|red|warm|hot) )?leg|"
	  "(?:painful|sore|tender|red|warm|hot) (?:and )?swollen leg|blood clot|dvt)\\b" },
	{ "pregnancy", HR_TIER_CALL_NOW, G_PREGNANCY, F_NEED_TREAT,
	  "\\b(?:(?:i'm|im|i am|i think i'm|i think i am|i might be|i may be|i could be|"
	  "i just found out i'm|i found out i'm|found out i'm|found out i am|just found out i'm|"
	  "we're|we are|i got|i just got|just got|i've got|i've just got|i'm now|i am now) "
	  "(?:(?!not\\b|never\\b)\\S+ )?pregnant|(?:positive|a positive) pregnancy test|"
	  "pregnancy test (?:was|is|came back|came out|turned out|showed|says) (?:\\S+ )?positive|"
	  "(?:i'm|im|i am) (?:\\d+|a few|" NUMWORD ") weeks (?:pregnant|along)|"
	  "(?:i'm|im|i am|we're|we are) expecting a baby)\\b" },
};

/* ------------------------------------------------------------------------- */
/* Message-level context patterns. */

enum ctx {
	C_TDXD,
	C_TREAT,
	C_QUESTION,
	C_PRESENT,
	C_GUTMATE,
	C_REST,
	C_PAST,
	C_RESOLVED,
	C_RETURNED,
	NCTX,
};

static const char *const ctx_src[NCTX] = {
	[C_TDXD] = "\\b(?:" TDXD_WORDS ")\\b",
	/* On treatment: a drug named, or treatment that is happening ("on chemo",
	 * "my infusion"), not just asked about ("what treatment"). */
	[C_TREAT] = "\\b(?:" ALL_DRUGS ")\\b|\\b(?:on|taking|getting|receiving|started|starting|"
		    "during|while on|since|in|had|having|my|last) (?:my |the |a |an |this )?"
		    "(?:chemo|chemotherapy|treatments?|infusions?|therapy|targeted therapy|"
		    "her2 therapy|her2 treatment|her2 drugs?)\\b",
	/* The message is framed as a question about the topic rather than a report. */
	[C_QUESTION] =
		"^(?:what|what's|whats|which|when|why|how|is|are|does|do|did|can|could|should|"
		"would|will|may|might|who|where|tell me|explain|list)\\b|"
		"\\b(?:signs?|symptoms?|red flags?)\\b|"
		"\\b(?:watch|look|looking|watching|be on the lookout) (?:out )?for\\b|"
		"\\bwhen (?:to|should|do|would|must|can|is it time to)\\b|"
		"\\b(?:is|are) (?:it|this|that|these|they) (?:\\S+ )?(?:normal|common|expected|usual|"
		"typical|serious|dangerous|bad|an emergency|a side effect|a sign|a symptom|"
		"something to worry about)\\b|"
		"\\bside effects?\\b|"
		"\\b(?:can|could|does|do|will|would|might|may) (?:\\S+ ){1,4}?(?:cause|give|lead to|"
		"result in|trigger|bring on|mean)\\b|"
		"\\bhow (?:common|likely|often|rare|serious|dangerous|bad|do i know|can i tell|"
		"would i know|will i know)\\b|"
		"\\bwhat (?:causes|happens|if)\\b|"
		"\\b(?:tell me|explain|learn|read|know|information|info|wondering|curious) "
		"(?:\\S+ ){0,3}?about\\b|"
		"\\b(?:i|i'd|id) (?:want|wanted|would like|like|need) to (?:know|learn|understand|"
		"ask)\\b|"
		"\\bjust (?:want|wanted|wondering|curious|asking)\\b|"
		"\\b(?:in case|if i (?:ever|get|develop|have|start|notice|feel|see|had))\\b|"
		"\\b(?:risks?|chances?) of\\b",
	/* The message says it is happening now, which outweighs question framing. */
	[C_PRESENT] =
		"\\b(?:right now|at the moment|currently|this (?:morning|afternoon|evening)|"
		"tonight|last night|since (?:yesterday|last|this|monday|tuesday|wednesday|thursday|"
		"friday|saturday|sunday|my|the|starting|i started|i began|then|an hour|\\d+|a few|"
		"a couple)|for the (?:past|last)|for (?:\\d+|a|an|one|" NUMWORD "|a few|several|"
		"a couple of|couple of|over an?) (?:minutes?|hours?|days?|nights?|weeks?)|"
		"all (?:day|night|morning|evening)|won't (?:stop|go away)|wont (?:stop|go away)|"
		"keeps? (?:getting worse|coming back|happening)|please help|"
		"what (?:do|should|can) i do(?: now| right now)?$|what (?:should|do) i do about|"
		"should (?:i|we) (?:go|call|head) (?:to )?(?:the |an |a )?(?:er|e r|emergency|"
		"hospital|urgent care|911|nine one one|ambulance)|(?:an |a )?ambulance|do (?:i|we) need to go to "
		"(?:the )?(?:er|emergency|hospital)|is this an emergency|is this serious)\\b",
	/* Signs that make diarrhoea a call: infection, dehydration, bleeding. */
	[C_GUTMATE] = "\\b(?:fevers?|feverish|temperature|chills|dizzy|dizziness|light ?headed|"
		      "light-headed|faint|fainting|(?:can't|cant|cannot|can not|unable to|"
		      "not able to) (?:keep|hold) (?:\\S+ ){0,2}?down|" CANT " (?:drink|eat)|"
		      "throwing up|vomiting|vomited|threw up|puking|blood|bloody|black (?:stools?|"
		      "poop)|dehydrated|dehydration|(?:haven't|hasn't|not|barely) (?:peed|peeing|"
		      "urinated|urinating))\\b",
	/* A time that is over: "last week", "three days ago" ("last night" and
	 * "yesterday" are recent enough to call about, so they are not here). */
	[C_PAST] = "\\b(?:last (?:week|month|cycle|round|time|treatment|infusion)|the (?:week|month) before|"
		   "(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\\d+|a few|few|several|a couple of|"
		   "couple of|a couple) (?:days?|weeks?|months?) (?:ago|back|before)|(?:days|weeks|months) ago|"
		   "a while (?:ago|back)|the other day|earlier (?:this|in the) (?:week|month|year)|"
		   "over the weekend|last weekend)\\b",
	/* It has stopped: "but it's gone", "went away", "back to normal". */
	[C_RESOLVED] = "\\b(?:gone|went away|go away|goes away|passed|resolved|cleared(?: up)?|broke|"
		       "settled(?: down)?|subsided|disappeared|(?:better|fine|normal|ok|okay|over) now|"
		       "back to normal|(?:hasn't|has not|didn't|did not|never) (?:come|came) back|"
		       "all better|feel fine)\\b",
	/* It is back: undoes "it's gone". */
	[C_RETURNED] = "\\b(?:(?:came|come|comes|coming|is|it's|its|it is) back|returned|returning|again)\\b",
	[C_REST] = "\\b(?:at rest|while resting|when resting|resting|(?:just )?sitting (?:still|"
		   "down|quietly|here|on the couch|in bed)|lying still|doing nothing|"
		   "not doing anything|even at rest|even when (?:i'm |i am )?(?:resting|sitting|"
		   "still|not moving)|without moving|while talking|when i talk)\\b",
};

/* ------------------------------------------------------------------------- */
/* Personal decisions. */

struct decision_rule {
	enum hr_decision decision;
	const char *src;
};

#define STOPV                                                                                    \
	"(?:stop|stopping|quit|quitting|skip|skipping|pause|pausing|discontinue|discontinuing|" \
	"halt|halting|cancel|cancelling|canceling|postpone|postponing|delay|delaying|refuse|"     \
	"refusing|decline|declining|drop|dropping|come off|coming off|go off|going off|get off|"  \
	"getting off|give up|giving up|take a break from|taking a break from|take a break|"       \
	"taking a break|take a pause from|miss|missing|stay off|not take|not taking|not have|"    \
	"not having|not do|not doing|not get|not getting|not finish|not finishing|not continue|"  \
	"not continuing|not start|not starting|say no to|opt out of|forgo|forego|cut short)"
/* What is stopped: a treatment, not a symptom or a habit. */
#define STOPOBJ                                                                                   \
	"(?!(?:the |my |this |these |all |that )?(?:diarrh\\w*|nausea|vomiting|pain|itch\\w*|"   \
	"rash|hair loss|side effects?|symptoms?|worrying|thinking|feeling|bleeding|cough\\w*|"    \
	"hot flash\\w*|fatigue|neuropathy|swelling|sores?|smoking|drinking|eating|exercising|"    \
	"working|work|job|school|kids|children|family|friends|coffee|alcohol|grapefruit|"     \
	"supplements?|vitamins?)\\b)(?:\\S+ ){0,2}?(?:"         \
	TREAT_NOUNS "|it|them|taking|" ALL_DRUGS ")\\b"
#define SUBJ "(?:i|we|she|he|you|my \\S+|i just|we just)"
/* Medicines besides the cancer drugs: what people ask to take alongside
 * treatment, by kind, by common name, and by the endings of generic names
 * (sumatriptan, atorvastatin, warfarin, apixaban, omeprazole...). */
#define OTHER_MEDS                                                                                \
	"vaccines?|vaccinations?|flu shots?|flu jabs?|covid shots?|covid jabs?|boosters?|"          \
	"supplements?|vitamins?|vitamin \\S+|multivitamins?|minerals|herbs|herbal \\S+|"           \
	"painkillers?|pain killers?|pain relievers?|pain meds|pain medicines?|antibiotics?|"         \
	"antidepressants?|antihistamines?|steroids?|blood thinners?|birth control|the pill|hrt|"    \
	"hormone replacement|ibuprofen|advil|motrin|aleve|naproxen|aspirin|tylenol|acetaminophen|" \
	"paracetamol|benadryl|claritin|zyrtec|imodium|loperamide|zofran|ondansetron|"               \
	"dexamethasone|prednisone|melatonin|cbd|cannabis|marijuana|edibles|turmeric|curcumin|"      \
	"fish oil|omega 3|probiotics?|st john's wort|st johns wort|echinacea|ginger|insulin|"       \
	"metformin|warfarin|coumadin|eliquis|xarelto|heparin|lovenox|statins?|levothyroxine|"       \
	"synthroid|gabapentin|sleeping pills|sleep aids?|inhalers?|antacids?|laxatives?|"           \
	"\\w+(?:mab|nib|statin|pril|sartan|olol|triptan|prazole|formin|oxetine|azepam|cycline|"     \
	"floxacin|mycin|cillin|parin|farin|xaban|dipine|profen|codone)"
/* What a person asks to take: a treatment, a drug or another medicine ("my
 * blood pressure pills", not "the kids to chemo"), or "it" for one named before. */
#define TAKEN                                                                                     \
	"(?:(?:(?:my|the|a|an|this|that|her|his|some|any|both|these|those|another|other|regular|" \
	"normal|usual) )?(?:(?!(?:to|on|at|for|from|with|while|during|after|before|in|into|of|"   \
	"and|or|but|if)\\b)\\S+ ){0,2}?(?:" TREAT_NOUNS "|" ALL_DRUGS "|" OTHER_MEDS ")|it|them|"  \
	"this|that|these|those|both)\\b"
/* A person asking whether they may: "can I", "should my mom", "is it safe for
 * me to", "is it ok if I". */
#define MAY_I                                                                                     \
	"\\b(?:(?:can|could|may|should|shall|do|would|will|must|(?:is|would|will) it (?:be )?"       \
	"(?:ok|okay|safe|fine|alright|all right) if) (?:i|we|she|he|they|my \\S+)|(?:is|would|"     \
	"will) it (?:be )?(?:ok|okay|safe|fine|alright|all right|possible|wise|dangerous|risky|"   \
	"bad|harmful|a problem|a good idea|a bad idea)(?: for (?:me|her|him|us|them|my \\S+))? "   \
	"to)(?: (?:still|also|safely|even|ever|really|actually|now|just|then))?"
/* ... take something: "can I take", "should my mom start", "is it ok if I keep
 * taking". */
#define MAY_I_TAKE                                                                                \
	MAY_I " (?:take|have|get|use|start|try|receive|continue|keep taking|be on|go on|stay on|"  \
	"combine|mix|be given|be treated with|go ahead with) " TAKEN
/* ... take anything, a medicine herald has no name for too ("can I take Nurtec"),
 * but not what people take that is no medicine (a shower, a walk, the bus). */
#define MAY_I_TAKE_ANY                                                                            \
	MAY_I " take (?:(?:a|an|the|my|some|any|this|that|these|those) )?+(?!(?:shower|showers|"    \
	"bath|baths|walk|walks|nap|naps|break|breaks|trip|trips|vacation|vacations|holiday|"       \
	"holidays|flight|flights|plane|time|off|leave|stairs|elevator|lift|test|tests|care|notes|" \
	"photos|pictures|kids|children|mom|mum|dad|husband|wife|partner|son|daughter|friend|"      \
	"family|dog|class|classes|course|day|days|week|weeks|month|months|year|job|it easy|"       \
	"things easy|hot tub|sauna|swim|dip|ride|bus|train|public|transport|transit|taxi|cab|"    \
	"uber|car|"                                                                                \
	"subway|drive|look|part|advantage|place|turns|chances?|risks?|steps|action|over|out|up|"   \
	"down|away|back|on|in|to|with|for|from|at|while|during|after|before|and|or|if|when)\\b)"  \
	"[a-z0-9][\\w'-]*\\b"
/* Someone's own health: "if I have", "since she's on", "because my mom has". */
#define OWN_HEALTH                                                                                \
	"\\b(?:if|since|because|as|when|while|though|although|given that|considering|now that|"     \
	"but|and) (?:(?:i|we|she|he|they|my \\S+)(?: \\S+)?? (?:have|has|had|suffer|suffers|take|"  \
	"takes|use|uses|get|gets|got|live with|lives with)|(?:my|her|his|our) \\S+(?: \\S+)?? (?:is|"  \
	"are|was|were|isn't|aren't|has|have|had|gets|got)|(?:i'm|im|i am|i've|ive|i have|i was|"   \
	"she's|shes|she is|she has|she was|he's|hes|he is|he has|he was|we're|we are|we have|"     \
	"they're|they are|they have|my \\S+ is|my \\S+ has|my \\S+ was)(?: \\S+)?? (?:on|taking|"   \
	"using|having|getting|diabetic|asthmatic|epileptic|an?a?emic|allergic|pregnant|"          \
	"breastfeeding|nursing|immunocompromised|been diagnosed|diagnosed|suffering|prone|"       \
	"sensitive|overweight|elderly|over))\\b"
/* Health problems, named after "with my", "given my", "because of my". */
#define CONDITION                                                                                 \
	"(?:conditions?|diseases?|illness|problems?|issues?|history|disorders?|allerg\\w*|"          \
	"failure|infections?|syndrome|migraines?|headaches|diabetes|asthma|epilepsy|seizures|"    \
	"lupus|arthritis|crohn'?s|colitis|hepatitis|hiv|copd|emphysema|afib|a-fib|pacemaker|"     \
	"blood pressure|hypertension|cholesterol|thyroid|kidneys?|liver|heart|lungs?|neuropathy|" \
	"osteoporosis|depression|anxiety|glaucoma|an?a?emia|transplant|stent|pregnancy|"          \
	"\\w+itis|\\w+osis)"
#define WITH_OWN                                                                                  \
	"\\b(?:with|given|considering|because of|due to|despite) (?:my|her|his|our|their|a|an|"     \
	"bad|severe|chronic|known|a history of|history of) (?:\\S+ ){0,2}?(?:" CONDITION "|"       \
	"meds|medicines?|medications?|pills|drugs|tablets|prescriptions?)\\b|\\bwhile (?:pregnant|" \
	"breastfeeding|nursing|trying to (?:get pregnant|conceive))\\b"
/* Taking it together with something else: "with enhertu", "during chemo". */
#define ALONGSIDE_OF(what)                                                                        \
	"\\b(?:with|and|plus|alongside|together with|on top of|at the same time as|while on|"       \
	"while taking|while getting|while having|while i'm on|while im on|while i am on|during|"  \
	"on|after|before) (?:(?:my|the|a|an|this|her|his|their|other) )?(?:\\S+ )?(?:" what      \
	")\\b"
#define ALONGSIDE ALONGSIDE_OF(TREAT_NOUNS "|" ALL_DRUGS "|" OTHER_MEDS)
/* ... with a cancer treatment. */
#define ALONGSIDE_TREATMENT ALONGSIDE_OF(TREAT_NOUNS "|" ALL_DRUGS)
/* Someone says they are on a drug, or live with a health problem ("I take",
 * not "can I take"). */
#define SAYS_OWN                                                                                  \
	"(?<!can |could |should |would |will |may |might |must |shall |do |does |did |to )"        \
	"\\b(?:(?:i|we|she|he|they|my \\S+) (?:\\S+ )?(?:have|has|had|take|takes|use|uses|"        \
	"suffer from|suffers from|live with|lives with|was diagnosed with|were diagnosed with|"  \
	"got|deal with|struggle with)|(?:i'm|im|i am|i've been|ive been|i have been|she's|shes|"  \
	"she is|he's|hes|he is|we're|we are|they're|they are|my \\S+ is|my \\S+ has been) "       \
	"(?:\\S+ )?(?:on|taking|using|prescribed|diabetic|asthmatic|epileptic|an?a?emic|"          \
	"allergic|pregnant|breastfeeding|nursing|immunocompromised))\\b"

#define TREATMENT_CHOICE                                                                         \
	"(?:" TREAT_NOUNS "|" ALL_DRUGS "|surgery|lumpectomy|mastectomy|double mastectomy|"     \
	"reconstruction|clinical trials?|trials?|radiation|hormone therapy|ovarian suppression|" \
	"neoadjuvant|adjuvant|thp|tchp|ac-th|ac th|phesgo)"

static const struct decision_rule decision_rules[] = {
	/* Dose. */
	{ HR_DECISION_DOSE,
	  "\\b(?:what|which|how much|how many)\\b(?: \\S+){0,4}? (?:dose|doses|dosage|dosing|mg|"
	  "milligrams?|pills?|tablets?|capsules?|units)(?: \\S+){0,4}? (?:should|do|must|can|"
	  "could|would|shall) (?:i|we|she|he|my \\S+) (?:take|be taking|be on|have|get|use|start|"
	  "give)\\b" },
	{ HR_DECISION_DOSE,
	  "\\bhow (?:much|many) (?:\\S+ ){0,4}?(?:should|do|must|can|could|shall) (?:i|we|she|"
	  "he) (?:take|be taking|have|use|give)\\b" },
	{ HR_DECISION_DOSE,
	  "\\b(?:(?:should|can|could|may|do|must|shall) (?:i|we|she|he)|is it (?:ok|okay|safe|"
	  "fine|alright) (?:to|if i)) (?:\\S+ ){0,2}?(?:take|have|use|try|get) (?:a |an |the |"
	  "my )?(?:more|less|extra|half|double|another|a second|higher|lower|smaller|bigger|"
	  "reduced|different|two|2)\\b" },
	{ HR_DECISION_DOSE,
	  "\\b(?:change|changing|lower|lowering|raise|raising|increase|increasing|decrease|"
	  "decreasing|reduce|reducing|adjust|adjusting|cut|cutting|halve|halving|split|splitting|"
	  "up|double|doubling|skip|skipping|skipped|miss|missing|missed|forgot|forget|forgetting|"
	  "forgotten) (?:my|the|a|this|one|her|his|our|an|today's|tonight's|yesterday's|"
	  "this morning's|last night's|\\S+'s) (?:\\S+ )?(?:dose|doses|dosage|dosing|pill|pills|"
	  "tablet|tablets|capsule|capsules)\\b" },
	{ HR_DECISION_DOSE,
	  "\\b(?:double (?:up|dose|my dose|the dose|dosing)|make up (?:for )?(?:the |a |my )?"
	  "(?:missed )?dose|(?:forgot|forgotten|forget|missed|didn't|did not) (?:to )?take "
	  "(?:my|the|a|her|his|today's|this morning's|last night's|yesterday's)|"
	  "(?:took|taken|take) (?:too many|too much|an extra|two doses|double|a double)|"
	  "accidentally took)\\b" },
	{ HR_DECISION_DOSE,
	  "\\b(?:(?:my|her|his) (?:\\S+ )?(?:dose|dosage|doses)(?: of(?: \\S+){1,3}?)? (?:be |is |"
	  "was |should be |needs to be |need to be |get |got |been |be made |go |goes )?(?:changed|"
	  "lowered|raised|increased|decreased|reduced|adjusted|cut|halved|lower|smaller|"
	  "too (?:high|low|much|strong))|should my (?:\\S+ )?dose|(?:dose|dosage) (?:for me|"
	  "should i|do i|is right for me|is best for me)|"
	  /* "Can the Kadcyla dose be lowered for me", "will I need a dose reduction". */
	  "(?:can|could|should|will|would|may|might) (?:the|my|her|his) (?:\\S+ )?(?:dose|dosage)"
	  "(?: of(?: \\S+){1,3}?)? (?:be )?(?:changed|lowered|raised|increased|decreased|reduced|"
	  "adjusted|cut|halved)|"
	  "(?:i|we|she|he) (?:\\S+ ){0,2}?(?:need|get|have|ask for|want) (?:a |an )?(?:lower|"
	  "smaller|reduced|higher) dose|"
	  "(?:i|we|she|he|my \\S+) (?:\\S+ ){0,2}?(?:need|get|have|ask for|want) (?:a )?dose "
	  "(?:reduction|change|adjustment|decrease|increase|delay))\\b" },

	/* Stop or skip. */
	{ HR_DECISION_STOP,
	  "\\b(?:should|can|could|may|must|shall|do|would|will|if|whether) " SUBJ
	  " (?:\\S+ ){0,2}?" STOPV " " STOPOBJ },
	{ HR_DECISION_STOP,
	  "\\b(?:want to|wanna|going to|gonna|thinking (?:about|of)|think about|considering|"
	  "consider|decided to|deciding (?:whether )?to|plan to|planning (?:on|to)|tempted to|"
	  "allowed to|ready to|like to|need to|have to|wish i could|is it (?:ok|okay|bad|safe|"
	  "fine|alright|all right|dangerous|possible|wise|wrong|too late|normal) (?:to|if i)|"
	  "would it be (?:ok|okay|bad|safe|fine|alright|all right|dangerous) (?:to|if i)|"
	  "what (?:happens|would happen|will happen) if (?:i|we|you)|what if (?:i|we|you)) "
	  "(?:\\S+ )?" STOPV " " STOPOBJ },
	{ HR_DECISION_STOP, "^(?:stop|stopping|quit|quitting|skip|skipping|pause|pausing) " STOPOBJ },
	{ HR_DECISION_STOP,
	  "\\b(?:do|does|must|will) (?:i|we|she|he) (?:really |still |actually )?(?:have|need) to "
	  "(?:keep|continue|finish|complete|stay on|go on with|do all|take all|get all|have all|"
	  "go through all)\\b" },
	{ HR_DECISION_STOP,
	  "\\b(?:i|we) (?:don't|dont|do not) want (?:to (?:do|have|take|get|continue|keep|"
	  "go through|finish|start) )?(?:any more |more |the |my |this |any )?(?:" TREAT_NOUNS
	  "|" ALL_DRUGS ")\\b" },

	/* Take or combine, given one's own health or other medicines. Before the
	 * choices: "should I take Kadcyla if I have liver disease" is this. The
	 * atomic "(?>.*?X)" commits to the first X, so that a long message is read
	 * once rather than once for every X in it. */
	{ HR_DECISION_TAKE, "^(?>.*?" MAY_I_TAKE ").*(?:" OWN_HEALTH "|" WITH_OWN ")" },
	{ HR_DECISION_TAKE, MAY_I_TAKE "(?: (?!or\\b)\\S+){0,3}? ?" ALONGSIDE },
	{ HR_DECISION_TAKE, "^(?>.*?" SAYS_OWN ").*" MAY_I_TAKE },
	/* The same with a medicine herald has no name for: "can I take Nurtec with
	 * Enhertu", "can I take Ozempic if I'm on Herceptin", "I have migraines,
	 * can I take Nurtec". */
	{ HR_DECISION_TAKE, "^(?>.*?" MAY_I_TAKE_ANY ").*(?:" OWN_HEALTH "|" WITH_OWN ")" },
	{ HR_DECISION_TAKE, MAY_I_TAKE_ANY "(?: (?!or\\b)\\S+){0,3}? ?" ALONGSIDE_TREATMENT },
	{ HR_DECISION_TAKE, "^(?>.*?" SAYS_OWN ").*" MAY_I_TAKE_ANY },
	{ HR_DECISION_TAKE,
	  "\\b(?:is|would|will) it (?:be )?(?:ok|okay|safe|fine|alright|all right|wise|dangerous|"
	  "risky|bad|a good idea|a bad idea) for (?:me|her|him|us|them|my \\S+) to (?:\\S+ )?(?:take|have|get|use|start|"
	  "try|receive|continue|be on|go on|stay on|combine|mix) " TAKEN },
	{ HR_DECISION_TAKE,
	  "\\b(?:is|are) (?:\\S+ ){0,2}?(?:" TREAT_NOUNS "|" ALL_DRUGS "|" OTHER_MEDS ") (?:\\S+ )?"
	  "(?:safe|ok|okay|fine|dangerous|risky|harmful|a problem|an issue) (?:for|with) (?:me|us|"
	  "her|him|my \\S+|someone like me)\\b" },

	/* Choose. */
	{ HR_DECISION_CHOOSE,
	  "\\bshould (?:i|we|she|he) (?!(?:call|go|worry|be worried|wait|email|message|text|"
	  "contact|tell|ask|eat|drink|exercise|rest)\\b)(?:\\S+ ){1,6}?or\\b(?! not\\b)" },
	{ HR_DECISION_CHOOSE,
	  "\\b(?:which|what) (?:\\S+ ){0,2}?(?:treatment|treatments|drug|drugs|option|options|"
	  "therapy|therapies|surgery|regimen|medicine|medication|one|plan|trial|combination|path|"
	  "route|choice) (?:\\S+ ){0,2}?(?:should|would|do|can|could|shall) (?:i|we|she|he) "
	  "(?:choose|pick|get|take|have|go with|go for|do|start|use|try|select|opt for|ask for|"
	  "decide on|be on|need)\\b" },
	{ HR_DECISION_CHOOSE,
	  "\\b(?:better|best|right|safest|safer|worse|ideal|right choice|good choice|best choice|"
	  "good idea|good option|wise|the way to go) (?:\\S+ ){0,3}?for (?:me|my (?:mom|mum|wife|"
	  "husband|mother|case|situation|cancer|tumou?r)|her|him|us)\\b" },
	{ HR_DECISION_CHOOSE,
	  "\\b(?:should|do|must|would) (?:i|we|she|he) (?:\\S+ ){0,2}?(?:choose|pick|select|"
	  "go with|opt for|decide on|switch to|switch|change to|sign up for|enroll in|enrol in|"
	  "join|agree to|accept|say yes to)\\b" },
	{ HR_DECISION_CHOOSE,
	  "\\bshould (?:i|we|she|he) (?:\\S+ ){0,2}?(?:get|have|do|take|start|try|go for|"
	  "consider|ask for|be on|use) (?:a |an |the |my |this |that |some )?(?:\\S+ )?"
	  TREATMENT_CHOICE "\\b(?! (?:with|before|after|at|on an|in the)\\b)" },
	{ HR_DECISION_CHOOSE,
	  "\\b(?:what would you (?:do|choose|pick|recommend|suggest)|what do you (?:recommend|"
	  "suggest|think i should)|if you were me|in my (?:shoes|position|place)|"
	  "what (?:should|would) (?:i|you) (?:choose|pick|go with)|which (?:is|one is|would be) "
	  "(?:better|best|right) for me|help me (?:decide|choose|pick))\\b" },
	{ HR_DECISION_CHOOSE,
	  "\\bdo (?:i|we|she|he) (?:really |even |still |actually )?need (?:to (?:have|get|do|"
	  "take) )?(?:a |an |the |any |more )?" TREATMENT_CHOICE "\\b" },

	/* Personal prognosis. */
	{ HR_DECISION_PROGNOSIS,
	  "\\bhow long (?:do|have|will|would|does|did|can) (?:i|we|she|he|my \\S+|they) "
	  "(?:(?:still|really|actually) )?(?:have|got|live|survive|last)(?: (?:left|to live|"
	  "got left))?\\b(?! to\\b)" },
	{ HR_DECISION_PROGNOSIS,
	  "\\b(?:(?:will|am) i (?:going to |gonna )?(?:die|survive|live|make it|be (?:ok|okay|"
	  "alright|all right|fine|cured|here|around)|beat (?:this|it|cancer))|am i dying|"
	  "(?:is|will) (?:she|he|my (?:mom|mum|mother|dad|father|wife|husband|partner|sister|"
	  "brother|friend|daughter|son|grandma|grandmother|aunt)) (?:going to |gonna )?(?:die|"
	  "dying|survive|live|make it|be (?:ok|okay|alright|all right|cured)))\\b" },
	{ HR_DECISION_PROGNOSIS,
	  "\\b(?:my|her|his|our) (?:\\S+ )?(?:chances?|odds|prognosis|life expectancy|outlook|"
	  "survival(?: (?:chances?|odds|rate))?|time left)\\b(?! of (?:getting|having) "
	  "(?:side effects|hair loss|nausea|diarrh\\w*))" },
	{ HR_DECISION_PROGNOSIS,
	  "\\b(?:how much (?:time|longer) (?:do|have|will|would) (?:i|we|she|he) (?:have|got|"
	  "live|left)|how many (?:years|months|weeks) (?:do|have|will|would|can) (?:i|we|she|he) "
	  "(?:have|got|live|left|survive)(?: (?:left|to live))?\\b(?! to\\b)|"
	  "(?:is|will) (?:my|her|his) (?:cancer|tumou?r|disease)(?: \\S+)?? (?:curable|terminal|"
	  "treatable|going to (?:kill|come back|spread)|come back|return|spread|kill)|"
	  "am i (?:terminal|cured|curable|in remission)|can (?:i|she|he) (?:be cured|survive|"
	  "beat (?:this|it))|will (?:it|the cancer|my cancer) come back)\\b" },
};

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
	[G_CHEST] = { "Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
		      "Chest pain or pressure needs to be checked right away. Do not wait to see if it passes.",
		      { "Chest pain", "MedlinePlus, U.S. National Library of Medicine",
			"https://medlineplus.gov/ency/article/003079.htm" } },
	[G_BREATHING] = { "Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
			  "Trouble breathing needs help right away. Sit up and try to stay calm while you wait.",
			  { NULL, NULL, NULL } },
	[G_FAINT] = { "Fainting or passing out needs to be checked right away, even if you feel better now.",
		      "Fainting or passing out needs to be checked right away, even if you feel better now.",
		      { NULL, NULL, NULL } },
	[G_ALLERGY] = { "Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
			"If you are getting an infusion right now, tell the nurse at once.",
			"Swelling of the throat, lips, tongue or face can be a serious allergic reaction. "
			"If you are getting an infusion right now, tell the nurse at once.",
			{ "Anaphylaxis", "MedlinePlus, U.S. National Library of Medicine",
			  "https://medlineplus.gov/ency/article/000844.htm" } },
	[G_NEURO] = { "A sudden change like this can come from the brain, so it needs care right away. "
		      "Note the time it started.",
		      "A sudden change like this can come from the brain, so it needs care right away. "
		      "Note the time it started.",
		      { "Stroke", "MedlinePlus, U.S. National Library of Medicine",
			"https://medlineplus.gov/stroke.html" } },
	[G_BLEED] = { "Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
		      "Coughing up or throwing up blood, or bleeding that will not stop, needs care right away.",
		      { NULL, NULL, NULL } },
	[G_FEVER] = { "Treatment can lower the white blood cells that fight germs. "
		      "So a fever or chills can be the first sign of an infection that needs care fast.",
		      "Treatment can lower the white blood cells that fight germs. "
		      "So a fever or chills can be the first sign of an infection that needs care fast.",
		      { "Infection and Neutropenia during Cancer Treatment", "National Cancer Institute",
			"https://www.cancer.gov/about-cancer/treatment/side-effects/infection" } },
	[G_LUNG] = { "On trastuzumab deruxtecan (Enhertu), a new or worse cough or shortness of breath "
		     "can be a sign of lung inflammation. This can be serious, so your team needs to know now.",
		     "On trastuzumab deruxtecan, also called Enhertu, a new or worse cough or shortness of "
		     "breath can be a sign of lung inflammation. This can be serious, so your team needs to "
		     "know now.",
		     { "Trastuzumab Deruxtecan", "National Cancer Institute",
		       "https://www.cancer.gov/about-cancer/treatment/drugs/fam-trastuzumab-deruxtecan-nxki" } },
	[G_BREATH] = { "New or worse shortness of breath during HER2 treatment can come from the lungs or "
		       "the heart, so your team needs to know now.",
		       "New or worse shortness of breath during her two treatment can come from the lungs or "
		       "the heart, so your team needs to know now.",
		       { NULL, NULL, NULL } },
	[G_HEART] = { "Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
		      "when you lie flat can mean the heart is under strain. Some HER2 drugs can affect the "
		      "heart, so your team needs to check.",
		      "Swollen ankles or legs, fast weight gain, a racing heartbeat, or trouble breathing "
		      "when you lie flat can mean the heart is under strain. Some her two drugs can affect "
		      "the heart, so your team needs to check.",
		      { "Targeted Drug Therapy for Breast Cancer", "American Cancer Society",
			"https://www.cancer.org/cancer/types/breast-cancer/treatment/"
			"targeted-therapy-for-breast-cancer.html" } },
	[G_GUT] = { "Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
		    "much water fast. Your team can treat it and may change your plan.",
		    "Bad diarrhea, or diarrhea with fever, dizziness or throwing up, can make you lose too "
		    "much water fast. Your team can treat it and may change your plan.",
		    { "Diarrhea and Cancer Treatment", "National Cancer Institute",
		      "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea" } },
	[G_LIVER] = { "Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some HER2 drugs "
		      "can affect the liver, so your team needs to check.",
		      "Yellow skin or eyes, or dark urine, can be a sign of a liver problem. Some her two "
		      "drugs can affect the liver, so your team needs to check.",
		      { "Jaundice", "MedlinePlus, U.S. National Library of Medicine",
			"https://medlineplus.gov/jaundice.html" } },
	[G_CLOT] = { "A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
		     "raise that risk. If you also have chest pain or trouble breathing, call 911.",
		     "A swollen, painful leg can be a sign of a blood clot. Hormone drugs such as tamoxifen "
		     "raise that risk. If you also have chest pain or trouble breathing, call nine one one.",
		     { "Deep Vein Thrombosis", "MedlinePlus, U.S. National Library of Medicine",
		       "https://medlineplus.gov/deepveinthrombosis.html" } },
	[G_PREGNANCY] = { "HER2 drugs such as trastuzumab (Herceptin) can harm a baby during pregnancy. "
			  "Your team needs to know right away so they can plan your care with you.",
			  "Her two drugs such as trastuzumab, also called Herceptin, can harm a baby during "
			  "pregnancy. Your team needs to know right away so they can plan your care with you.",
			  { "Breast Cancer Treatment During Pregnancy (PDQ), Patient Version",
			    "National Cancer Institute",
			    "https://www.cancer.gov/types/breast/patient/pregnancy-breast-treatment-pdq" } },
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
	{ { "988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/" },
	  { "Suicide Prevention", "National Institute of Mental Health",
	    "https://www.nimh.nih.gov/health/topics/suicide-prevention" } },
	{ "Where can I find support groups?", "Is there free counseling for people with cancer?",
	  "How can my family get support?" },
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
	{ { "Recognizing medical emergencies", "MedlinePlus, U.S. National Library of Medicine",
	    "https://medlineplus.gov/ency/article/001927.htm" },
	  { NULL, NULL, NULL } },
	{ "What should I tell the emergency team about my treatment?",
	  "When should I call my care team?", NULL },
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
	{ { "Side Effects of Cancer Treatment", "National Cancer Institute",
	    "https://www.cancer.gov/about-cancer/treatment/side-effects" },
	  { NULL, NULL, NULL } },
	{ "What should I tell the nurse when I call?", "When should I call my care team?",
	  "What side effects should I watch for?" },
};

/* The deferral for each decision: one sentence naming the care team, and
 * questions to take to them. Both are plain enough for speech as written. */
struct deferral {
	const char *sentence;
	const char *questions[3];
};

static const struct deferral deferrals[] = {
	[HR_DECISION_DOSE] = { "Your care team sets your dose and any change to it, because the right dose "
			       "depends on you.",
			       { "What should I do if I miss a dose?", "Could my dose change, and why?",
				 "Who do I call if a side effect is hard to manage?" } },
	[HR_DECISION_STOP] = { "Please talk with your care team before you stop, skip or put off any "
			       "treatment, because they can help you weigh it.",
			       { "What could happen if I stop or skip this treatment?",
				 "Can my side effects be treated so I can keep going?",
				 "Is there another option if this one is too hard?" } },
	[HR_DECISION_CHOOSE] = { "This choice is one to make with your care team, because the best plan "
				 "depends on your tests, your health and what you want.",
				 { "What are the pros and cons of each option for me?",
				   "Which option do you suggest, and why?",
				   "Is there a clinical trial I could join?" } },
	[HR_DECISION_PROGNOSIS] = { "Numbers for large groups cannot say what will happen to you, so ask "
				    "your care team about your own outlook.",
				    { "What do my test results say about my cancer?",
				      "What is the goal of my treatment?",
				      "Who can help me cope with worry about the future?" } },
	[HR_DECISION_TAKE] = { "What is safe for you depends on your own health and the other medicines you "
			       "take. Ask your oncology care team before you start, mix, stop or skip any medicine.",
			       { "Is this treatment safe with my other health problems?",
				 "Can I take it with the medicines I already use?",
				 "What signs mean I should call you?" } },
};

/* ------------------------------------------------------------------------- */

/* Every pattern has a number in the prefilter: the alert rules first, then
 * the context patterns, then the decision rules. */
#define NRULES ARRAY_SIZE(rules)
#define NDECISIONS ARRAY_SIZE(decision_rules)
#define PF_RULE(i) (i)
#define PF_CTX(k) (NRULES + (size_t)(k))
#define PF_DECISION(i) (NRULES + NCTX + (i))
#define NPATTERNS (NRULES + NCTX + NDECISIONS)
#define NMAYWORDS ((NPATTERNS + 63) / 64)

struct hr_safety {
	pcre2_code *rules[NRULES];
	pcre2_code *ctx[NCTX];
	pcre2_code *decisions[NDECISIONS];
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	hr_prefilter *pf; /* the words each pattern needs (shared, see shared_pf) */
	hr_prefilter_scratch *pfs;
	int no_prefilter;  /* every pattern runs (hr_safety_set_prefilter) */
	unsigned nmatches; /* pcre2_match calls of the last check */
};

/* The source of pattern ID, numbered as in the prefilter. */
static const char *pattern_src(size_t id)
{
	if (id < NRULES)
		return rules[id].src;
	if (id < NRULES + NCTX)
		return ctx_src[id - NRULES];
	return decision_rules[id - NRULES - NCTX].src;
}

/* The prefilter depends only on the fixed patterns, and a built one is
 * immutable, so every instance (one per worker thread) shares one: it is
 * built by the first hr_safety_new() and freed with the last instance. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static hr_prefilter *shared_pf;
static unsigned shared_users;

static int shared_prefilter_get(hr_prefilter **out)
{
	int err = 0;
	pthread_mutex_lock(&shared_lock);
	if (!shared_pf) {
		hr_prefilter *pf = hr_prefilter_new();
		err = pf ? 0 : -ENOMEM;
		for (size_t i = 0; i < NPATTERNS && !err; i++)
			err = hr_prefilter_add(pf, pattern_src(i));
		if (!err)
			err = hr_prefilter_build(pf);
		if (err)
			hr_prefilter_free(pf);
		else
			shared_pf = pf;
	}
	if (!err) {
		shared_users++;
		*out = shared_pf;
	}
	pthread_mutex_unlock(&shared_lock);
	return err;
}

static void shared_prefilter_put(hr_prefilter *pf)
{
	if (!pf)
		return;
	pthread_mutex_lock(&shared_lock);
	if (--shared_users == 0) {
		hr_prefilter_free(shared_pf);
		shared_pf = NULL;
	}
	pthread_mutex_unlock(&shared_lock);
}

/* Compiles one pattern with JIT; NAME is only used to report a broken rule. */
static pcre2_code *compile(const char *name, const char *src, int *err)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];
		pcre2_get_error_message(code, msg, sizeof(msg));
		hr_err("safety: rule %s does not compile at offset %zu: %s", name, (size_t)off,
		       (const char *)msg);
		*err = code == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EINVAL;
		return NULL;
	}
	/* JIT is an optimisation: without it (unsupported CPU, no executable
	 * memory) the interpreter gives the same answers. */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int hr_safety_new(hr_safety **out)
{
	int err = -ENOMEM;
	hr_safety *s = calloc(1, sizeof(*s));
	*out = NULL;
	if (!s)
		return -ENOMEM;
	if ((err = shared_prefilter_get(&s->pf)))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		if (!(s->rules[i] = compile(rules[i].name, rules[i].src, &err)))
			goto fail;
	}
	for (size_t i = 0; i < NCTX; i++) {
		if (!(s->ctx[i] = compile("context", ctx_src[i], &err)))
			goto fail;
	}
	for (size_t i = 0; i < ARRAY_SIZE(decision_rules); i++) {
		if (!(s->decisions[i] = compile("decision", decision_rules[i].src, &err)))
			goto fail;
	}
	err = -ENOMEM;
	if (!(s->pfs = hr_prefilter_scratch_new(s->pf)))
		goto fail;
	s->md = pcre2_match_data_create(8, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	if (!s->md || !s->mctx)
		goto fail;
	pcre2_set_match_limit(s->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(s->mctx, DEPTH_LIMIT);
	*out = s;
	return 0;
fail:
	hr_safety_free(s);
	return err;
}

void hr_safety_free(hr_safety *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		pcre2_code_free(s->rules[i]);
	for (size_t i = 0; i < NCTX; i++)
		pcre2_code_free(s->ctx[i]);
	for (size_t i = 0; i < ARRAY_SIZE(decision_rules); i++)
		pcre2_code_free(s->decisions[i]);
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	hr_prefilter_scratch_free(s->pfs);
	shared_prefilter_put(s->pf);
	free(s);
}

void hr_safety_set_prefilter(hr_safety *s, int on)
{
	s->no_prefilter = !on;
}

unsigned hr_safety_matches_run(const hr_safety *s)
{
	return s->nmatches;
}

/* Runs RE on TEXT from OFFSET. Returns how many ovector pairs were set (at
 * least 1) on a match, 0 when there is none or the match failed; a failure is
 * logged with NAME only. */
static int match(hr_safety *s, pcre2_code *re, const char *name, const char *text, size_t len,
		 size_t offset)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, offset, 0, s->md, s->mctx);
	s->nmatches++;
	if (rc > 0)
		return rc;
	if (rc == 0) /* the ovector was too small: the whole match is still there */
		return (int)pcre2_get_ovector_count(s->md);
	if (rc != PCRE2_ERROR_NOMATCH)
		hr_warn("safety: rule %s: match error %d", name, rc);
	return 0;
}

/* ------------------------------------------------------------------------- */
/* Words around a trigger. */

/* A word of the message: where it starts and how long it is. */
struct word {
	const char *p;
	size_t n;
};

/* Collects up to MAX words that end at or before byte POS, nearest first. */
static size_t words_before(const char *text, size_t pos, struct word *w, size_t max)
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
static size_t words_after(const char *text, size_t len, size_t pos, struct word *w, size_t max)
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

static int word_is(const struct word *w, const char *s)
{
	size_t n = strlen(s);
	return w->n == n && memcmp(w->p, s, n) == 0;
}

static int word_in(const struct word *w, const char *const *list)
{
	for (; *list; list++) {
		if (word_is(w, *list))
			return 1;
	}
	return 0;
}

static const char *const negators[] = {
	"no", "not", "don't", "dont", "didn't", "didnt", "doesn't", "doesnt", "haven't", "havent",
	"hasn't", "hasnt", "hadn't", "hadnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt",
	"weren't", "werent", "never", "without", "w/o", "none", "nor", "neither", "denies", "deny",
	"denied", "denying", "ain't", NULL,
};

/* Words that start a new clause, so a negator or a subject before them does
 * not reach the trigger after them. "just" is handled on its own. */
static const char *const boundaries[] = {
	"but", "however", "though", "although", "except", "so", "because", "yet", "anyway",
	"instead", "otherwise", "whereas", "besides", "then", "also", "ok", "okay", "yes", "well",
	"hi", "hello", "hey", "thanks", NULL,
};

/* Words that make the trigger the topic of a question rather than a report. */
static const char *const info_words[] = {
	"about", "if", "whether", "unless", "when", "whenever", "cause", "causes", "causing",
	"give", "gives", "lead", "leads", "trigger", "triggers", "prevent", "prevents", "avoid",
	"treat", "manage", "handle", "reduce", "mean", "means", "you", "someone", "somebody",
	"people", "patients", "anyone", "anybody", "regarding", NULL,
};

/* Auxiliaries and modals: before a subject they make a question ("do I have"),
 * after one they are part of a report ("I do have", "she is"). */
static const char *const auxiliaries[] = {
	"is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should", "would",
	"might", "may", "will", "shall", "must", NULL,
};

/* Words before a pronoun subject that make the clause hypothetical or a question. */
static const char *const hypotheticals[] = {
	"if", "when", "whether", "unless", "once", "until", "till", "whenever", "suppose",
	"is", "are", "do", "does", "did", "can", "could", "should", "would", "might", "may",
	"will", "shall", "must", "how", "what", NULL,
};

/* The subordinators among the hypotheticals: before a possessive ("if my
 * temperature") they still make a condition, whereas an auxiliary before one
 * ("is my fever serious") asks about a present state. */
static const char *const subordinators[] = {
	"if", "when", "whether", "unless", "once", "until", "till", "whenever", "suppose", NULL,
};

/* Drug names: directly before a symptom they make a search-style topic
 * ("herceptin chest pain"), not a report. */
static const char *const drug_words[] = {
	"herceptin", "hercepton", "trastuzumab", "enhertu", "t-dxd", "tdxd", "deruxtecan",
	"kadcyla", "t-dm1", "tdm1", "perjeta", "pertuzumab", "phesgo", "tukysa", "tucatinib",
	"nerlynx", "neratinib", "tykerb", "lapatinib", "xeloda", "capecitabine", "tamoxifen",
	"taxol", "paclitaxel", "taxotere", "docetaxel", "margenza", "margetuximab", "chemo",
	"hylecta", NULL,
};

static const char *const pronouns[] = {
	"i", "i'm", "im", "i've", "ive", "i'd", "we", "we're", "we've", "she", "she's", "shes",
	"she'd", "he", "he's", "hes", "he'd", "they", "they're", "theyre", "there", "there's",
	"theres", NULL,
};

static const char *const possessives[] = {
	"my", "her", "his", "our", "their", "mom", "mum", "mother", "dad", "father", "wife",
	"husband", "partner", "son", "daughter", "sister", "brother", "friend", "grandma",
	"grandmother", "grandpa", "grandfather", "aunt", "uncle", "patient", "mom's", "mum's",
	"dad's", "mother's", "father's", "wife's", "husband's", "partner's", "sister's", "this",
	"these", NULL,
};

enum stance {
	PLAIN,    /* neither a report nor a question about the topic */
	NEGATED,  /* a negator cancels the trigger */
	INFO,     /* the trigger is the topic of a question */
	REPORTED, /* someone reports it as happening */
};

/* "her" is a possessive except in the speech form of Enhertu, "in her two". */
static int is_possessive(const struct word *w, const struct word *right)
{
	if (!word_in(w, possessives))
		return 0;
	if (word_is(w, "her") && right && (word_is(right, "two") || word_is(right, "2")))
		return 0;
	return 1;
}

static int is_subject(const struct word *w, const struct word *right)
{
	return word_in(w, pronouns) || is_possessive(w, right);
}

/*
 * Judges a subject found at W[D] before a trigger: a report, unless the words
 * before it make the clause hypothetical ("if I get", "do I have"), which is
 * left to the message's framing. "Why do I have" presupposes a report, and
 * "I don't think I have" is a negation.
 */
static enum stance judge_subject(const struct word *w, size_t n, size_t d)
{
	const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
	const struct word *left2 = d + 2 < n ? &w[d + 2] : NULL;
	const struct word *left3 = d + 3 < n ? &w[d + 3] : NULL;
	if (!left)
		return REPORTED;
	if (word_in(left, hypotheticals)) {
		if (word_in(left, auxiliaries) && left2 && word_is(left2, "why"))
			return REPORTED;
		if (word_in(&w[d], pronouns) || word_in(left, subordinators))
			return PLAIN;
		return REPORTED;
	}
	if (word_is(left, "doubt"))
		return NEGATED;
	if ((word_is(left, "think") || word_is(left, "sure") || word_is(left, "believe")) &&
	    ((left2 && word_in(left2, negators)) || (left3 && word_in(left3, negators))))
		return NEGATED;
	return REPORTED;
}

/*
 * Reads the words before byte START backwards, nearest first, and classifies
 * the trigger there (see the comment at the top of the file). NEG_WINDOW words
 * are searched for a negator, SCAN_WINDOW words for everything else.
 */
static enum stance judge(const char *text, size_t start, size_t neg_window)
{
	struct word w[SCAN_WINDOW + 3];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n && d < SCAN_WINDOW; d++) {
		const struct word *x = &w[d];
		const struct word *left = d + 1 < n ? &w[d + 1] : NULL;
		const struct word *right = d > 0 ? &w[d - 1] : NULL;
		if (word_is(x, "just")) {
			/* "I just fainted" reports; "no fever just tired" starts a clause. */
			if (left && is_subject(left, x))
				return judge_subject(w, n, d + 1);
			return PLAIN;
		}
		/* "so" joins clauses ("no fever so ...") but is also an intensifier
		 * ("I'm so short of breath"); after a subject or a verb of being it
		 * is the latter, and reading goes on. */
		if (word_is(x, "so") && left &&
		    (is_subject(left, x) || word_in(left, auxiliaries) ||
		     word_in(left, (const char *const[]){ "feel", "feels", "feeling", "felt", "been",
							  "getting", "got", "get", NULL })))
			continue;
		if (word_in(x, boundaries))
			return PLAIN;
		/* A negation reaches across a list: "I don't have a fever or chills". */
		if (word_is(x, "or") || word_is(x, "nor"))
			neg_window = d + 1 + NEG_WINDOW;
		if (d < neg_window && word_in(x, negators))
			return NEGATED;
		if (word_in(x, info_words) || (d == 0 && word_in(x, drug_words)))
			return INFO;
		/* Two-word markers: "watch for", "signs of". ("I have symptoms like a
		 * fever" is a report, so "like" and "such as" are not markers.) */
		if (left && word_is(x, "for") &&
		    word_in(left, (const char *const[]){ "watch", "watching", "look", "looking", "out",
							 "check", "checking", "screen", "monitor",
							 "monitoring", "tested", "testing", NULL }))
			return INFO;
		if (left && word_is(x, "of") &&
		    word_in(left, (const char *const[]){ "sign", "signs", "symptom", "symptoms", "risk",
							 "risks", "chance", "chances", "rate", "rates",
							 "odds", "cases", "case", "history", "incidence",
							 "kinds", "types", "died", "death", NULL }))
			return INFO;
		/* Wanting to stop something presupposes having it: "how do I stop coughing". */
		if (word_is(x, "stop") || word_is(x, "stopping"))
			return REPORTED;
		if (is_subject(x, right))
			return judge_subject(w, n, d);
		if (word_in(x, auxiliaries)) {
			if (left && is_subject(left, x))
				return judge_subject(w, n, d + 1);
			/* A question opens here ("is chest pain normal"); the framing decides. */
			return PLAIN;
		}
	}
	return PLAIN;
}

/* A trigger followed by "years ago", "last year" or "in the past" is history,
 * not something happening now. */
static int is_history(const char *text, size_t len, size_t end)
{
	static const char *const spans[] = { "years", "year", "months", "month", "while", "long",
					     "decade", "decades", NULL };
	struct word w[6];
	size_t n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], boundaries))
			return 0;
		if (word_is(&w[i], "ago") && i > 0 && word_in(&w[i - 1], spans))
			return 1;
		if (i + 1 < n && word_is(&w[i], "last") && word_is(&w[i + 1], "year"))
			return 1;
		if (i + 2 < n && word_is(&w[i], "in") && word_is(&w[i + 1], "the") &&
		    word_is(&w[i + 2], "past"))
			return 1;
		if (i + 1 < n && word_is(&w[i], "as") &&
		    (word_is(&w[i + 1], "a") || word_is(&w[i + 1], "kid") || word_is(&w[i + 1], "child")))
			return 1;
	}
	return 0;
}

/* Crisis phrases are cancelled only by a negator right before them, looking
 * through an adverb or two ("I really don't want to die", "I'm not suicidal"). */
static int crisis_negated(const char *text, size_t start)
{
	static const char *const adverbs[] = { "really", "honestly", "truly", "actually",
					       "definitely", "certainly", NULL };
	struct word w[3];
	size_t n = words_before(text, start, w, ARRAY_SIZE(w));
	for (size_t d = 0; d < n; d++) {
		if (word_in(&w[d], adverbs))
			continue;
		return word_in(&w[d], negators);
	}
	return 0;
}

/* ------------------------------------------------------------------------- */
/* Numbers: temperatures and episode counts, typed or spoken. */

static const char *const ones_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", NULL,
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

enum temp { T_NONE, T_LOW, T_HIGH };

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
static enum temp temp_after(const char *text, size_t len, size_t pos)
{
	struct word w[12];
	size_t n = words_after(text, len, pos, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n && i < 6; i++) {
		if (word_in(&w[i], boundaries))
			break;
		double v;
		char unit;
		if (read_number(w + i, n - i, &v, &unit))
			return classify_temp(v, unit);
	}
	return T_NONE;
}

/* A temperature word fires without a number when called high: "high temp",
 * "my temperature is up". */
static int temp_called_high(const char *text, size_t len, size_t start, size_t end)
{
	static const char *const high[] = { "high", "raised", "elevated", "up", "spiking", "spiked",
					    "rising", "climbing", "soaring", NULL };
	struct word w[4];
	size_t n = words_before(text, start, w, 1);
	if (n && word_in(&w[0], high))
		return 1;
	n = words_after(text, len, end, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		if (word_in(&w[i], negators))
			return 0;
		if (word_in(&w[i], high))
			return 1;
	}
	return 0;
}

/* Reads the count captured in [START, END): four or more, or a vague "many". */
static int count_is_many(const char *text, size_t start, size_t end)
{
	struct word w[4];
	size_t n = words_after(text, end, start, w, ARRAY_SIZE(w));
	for (size_t i = 0; i < n; i++) {
		double v;
		char unit;
		if (word_in(&w[i], (const char *const[]){ "like", "about", "over", "more", "than", NULL }))
			continue;
		if (read_number(w + i, n - i, &v, &unit))
			return v >= 4;
		return 1; /* many, several, lots of, a lot of, countless... */
	}
	return 0;
}

/* ------------------------------------------------------------------------- */
/* The check. */

struct check {
	hr_safety *s;
	const char *text;
	size_t len;
	int ctx[NCTX]; /* -1 until computed */
	int filtered;  /* the prefilter ran: only patterns set in MAY can match */
	uint64_t may[NMAYWORDS];
};

/* False when pattern ID cannot match anywhere in the text: the prefilter did
 * not find the words it needs. */
static int may_match(const struct check *c, size_t id)
{
	return !c->filtered || (c->may[id / 64] >> (id % 64)) & 1;
}

static int has_ctx(struct check *c, enum ctx k)
{
	if (c->ctx[k] < 0)
		c->ctx[k] = may_match(c, PF_CTX(k)) &&
			    match(c->s, c->s->ctx[k], "context", c->text, c->len, 0);
	return c->ctx[k];
}

/* A companion sign for diarrhoea counts only when it is not negated. */
static int has_gutmate(struct check *c)
{
	if (!may_match(c, PF_CTX(C_GUTMATE)))
		return 0;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[C_GUTMATE], "context", c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		if (judge(c->text, ov[0], NEG_WINDOW) != NEGATED)
			return 1;
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

/* A fever that happened some time ago and is over ("fever last week but it's
 * gone") is history to mention at the next visit, not a call now. "It didn't go
 * away" is not over, and anything said to be happening now outweighs it. */
static int said_unnegated(struct check *c, enum ctx k)
{
	if (!may_match(c, PF_CTX(k)))
		return 0;
	size_t off = 0;
	while (off <= c->len && match(c->s, c->s->ctx[k], "context", c->text, c->len, off)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->s->md);
		if (judge(c->text, ov[0], NEG_WINDOW) != NEGATED)
			return 1;
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

static int fever_is_over(struct check *c)
{
	return has_ctx(c, C_PAST) && !has_ctx(c, C_PRESENT) && said_unnegated(c, C_RESOLVED) &&
	       !said_unnegated(c, C_RETURNED);
}

/* Decides whether rule R fires at the match in OV: pairs of offsets, the whole
 * match first, then NGROUPS - 1 capture groups (PCRE2_UNSET when unused). */
static int fires(struct check *c, const struct rule *r, const PCRE2_SIZE *ov, int ngroups)
{
	size_t start = ov[0], end = ov[1];
	if (r->tier == HR_TIER_CRISIS)
		return !crisis_negated(c->text, start);

	enum stance st = judge(c->text, start, NEG_WINDOW);
	if (st == NEGATED || is_history(c->text, c->len, end))
		return 0;
	if (r->group == G_FEVER && fever_is_over(c))
		return 0;
	/* A fever with a reading at or above the threshold is a report however
	 * the sentence is framed ("not sure if I have a fever, it's 100.9"). */
	int reading = (r->flags & (F_FEVER_WORD | F_TEMP_WORD)) &&
		      temp_after(c->text, c->len, end) == T_HIGH;
	if (st == INFO && !reading && !has_ctx(c, C_PRESENT))
		return 0;
	if (st == PLAIN && !reading && has_ctx(c, C_QUESTION) && !has_ctx(c, C_PRESENT))
		return 0;

	if ((r->flags & F_NEED_TDXD) && !has_ctx(c, C_TDXD))
		return 0;
	if ((r->flags & F_NEED_TREAT) && !has_ctx(c, C_TREAT))
		return 0;
	if ((r->flags & F_NEED_REST) && !has_ctx(c, C_REST))
		return 0;
	if ((r->flags & F_NEED_GUTMATE) && !has_gutmate(c))
		return 0;
	if (r->flags & F_FEVER_WORD) {
		if (temp_after(c->text, c->len, end) == T_LOW)
			return 0;
	}
	if (r->flags & F_TEMP_WORD) {
		enum temp t = temp_after(c->text, c->len, end);
		if (t == T_LOW || (t == T_NONE && !temp_called_high(c->text, c->len, start, end)))
			return 0;
	}
	if (r->flags & F_TEMP_NUM) {
		/* Groups 1-2 hold "running 101 f", groups 4-5 "101 degrees f";
		 * group 3 is the spelled-out unit of the first form. */
		double v;
		char unit = 0;
		int g = ngroups > 1 && ov[2] != PCRE2_UNSET ? 1 : 4;
		if (g >= ngroups || ov[2 * g] == PCRE2_UNSET)
			return 0;
		v = strtod(c->text + ov[2 * g], NULL);
		for (int u = g + 1; u <= g + 2 && u < ngroups; u++) {
			if (ov[2 * u] != PCRE2_UNSET && ov[2 * u + 1] > ov[2 * u])
				unit = c->text[ov[2 * u]];
		}
		if (classify_temp(v, unit) != T_HIGH)
			return 0;
	}
	if (r->flags & F_COUNT) {
		if (ngroups < 2 || ov[2] == PCRE2_UNSET || !count_is_many(c->text, ov[2], ov[3]))
			return 0;
	}
	return 1;
}

void hr_safety_check(hr_safety *s, const char *text, struct hr_safety_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !text)
		return;
	struct check c = { .s = s, .text = text, .len = strlen(text) };
	for (size_t k = 0; k < NCTX; k++)
		c.ctx[k] = -1;
	s->nmatches = 0;
	/* One scan of the text finds the patterns that could match; 1 means the
	 * text has bytes the analysis does not model, and every pattern runs. */
	if (!s->no_prefilter)
		c.filtered = hr_prefilter_run(s->pf, s->pfs, text, c.len, c.may) == 0;

	/* Rules are ordered by tier, so the first that fires is the answer. */
	for (size_t i = 0; i < NRULES && !out->tier; i++) {
		size_t off = 0;
		int rc;
		if (!may_match(&c, PF_RULE(i)))
			continue;
		while (off <= c.len && (rc = match(s, s->rules[i], rules[i].name, text, c.len, off))) {
			PCRE2_SIZE ov[12];
			PCRE2_SIZE *mov = pcre2_get_ovector_pointer(s->md);
			int ngroups = rc < (int)(ARRAY_SIZE(ov) / 2) ? rc : (int)(ARRAY_SIZE(ov) / 2);
			/* Copy the match out: judging may run other patterns on the
			 * same match data. */
			memcpy(ov, mov, 2 * (size_t)ngroups * sizeof(*ov));
			if (fires(&c, &rules[i], ov, ngroups)) {
				out->tier = rules[i].tier;
				out->rule = rules[i].name;
				break;
			}
			off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}

	for (size_t i = 0; i < NDECISIONS; i++) {
		if (may_match(&c, PF_DECISION(i)) && match(s, s->decisions[i], "decision", text, c.len, 0)) {
			out->decision = decision_rules[i].decision;
			break;
		}
	}
}

/* ------------------------------------------------------------------------- */
/* Replies. */

static enum group group_of(const char *rule)
{
	if (!rule)
		return G_NONE;
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		if (strcmp(rules[i].name, rule) == 0)
			return rules[i].group;
	}
	return G_NONE;
}

/* Joins up to three strings with single spaces, skipping NULL and empty ones. */
static char *join(const char *a, const char *b, const char *c)
{
	const char *parts[3] = { a, b, c };
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

int hr_safety_answer(const struct hr_safety_result *r, struct hr_answer *a)
{
	const struct tier_reply *t;
	if (!r)
		return -EINVAL;
	switch (r->tier) {
	case HR_TIER_CRISIS:
		t = &crisis_reply;
		break;
	case HR_TIER_EMERGENCY:
		t = &emergency_reply;
		break;
	case HR_TIER_CALL_NOW:
		t = &call_now_reply;
		break;
	default:
		return -EINVAL;
	}
	enum group g = r->tier == HR_TIER_CRISIS ? G_NONE : group_of(r->rule);
	const struct group_reply *gr = g != G_NONE && g < ARRAY_SIZE(group_replies) ? &group_replies[g] : NULL;

	int err = hr_answer_set(&a->intent, t->intent);
	if (err)
		goto fail;
	a->safety = t->safety;
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

/* Appends SENTENCE to *FIELD into a new string, unless it is already there. */
static char *with_sentence(const char *field, const char *sentence)
{
	if (!field || !*field)
		return strdup(sentence);
	if (strstr(field, sentence))
		return strdup(field);
	return join(field, sentence, NULL);
}

int hr_safety_defer(const struct hr_safety_result *r, struct hr_answer *a)
{
	const char *sentence = r ? hr_safety_deferral_text(r->decision) : NULL;
	if (!sentence)
		return 0;
	const struct deferral *d = &deferrals[r->decision];

	/* Build everything first so that A is untouched when memory runs out. */
	char *text = with_sentence(a->text, sentence);
	/* An answer without a speech form keeps none: clients then read the text. */
	char *speech = a->speech ? with_sentence(a->speech, sentence) : NULL;
	char *questions[ARRAY_SIZE(d->questions)] = { NULL };
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
