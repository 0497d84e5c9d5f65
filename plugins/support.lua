-- Support: organisations, helplines, groups, emotional support, counselling,
-- online communities, family, children, palliative and hospice care, questions
-- for the doctor, trials, costs, integrative care, second opinions, a new
-- diagnosis. Intents: intents/support.intents. Phone numbers get a speech form
-- written by hand, so a voice client reads them digit group by digit group.
herald.about { title = "Support and resources", reviewed = "2026-11-22",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs", "American Cancer Society: support programs and 24/7 helpline", ACS, "https://www.cancer.org/support-programs-and-services.html")
src("acs-r2r", "Reach To Recovery", ACS, "https://www.cancer.org/support-programs-and-services/reach-to-recovery.html")
src("komen", "Susan G. Komen Breast Care Helpline", "Susan G. Komen", "https://www.komen.org/")
src("cancercare", "CancerCare: free counseling and support", "CancerCare", "https://www.cancercare.org/counseling")
src("cancercare-fin", "CancerCare Financial Assistance", "CancerCare", "https://www.cancercare.org/financial")
src("bco-community", "Breastcancer.org Community", "Breastcancer.org", "https://community.breastcancer.org/")
src("bcn", "Breast Cancer Now", "Breast Cancer Now", "https://breastcancernow.org/")
src("nbcf", "National Breast Cancer Foundation", "National Breast Cancer Foundation", "https://www.nationalbreastcancer.org/")
src("nci-feelings", "Feelings and Cancer", NCI, "https://www.cancer.gov/about-cancer/coping/feelings")
src("nci-caregivers", "Support for Caregivers of Cancer Patients", NCI, "https://www.cancer.gov/about-cancer/coping/caregiver-support")
src("nci-coping", "Coping with Cancer", NCI, "https://www.cancer.gov/about-cancer/coping")
src("nci-palliative", "Palliative Care in Cancer", NCI, "https://www.cancer.gov/about-cancer/advanced-cancer/care-choices/palliative-care-fact-sheet")
src("nia-hospice", "What Are Palliative Care and Hospice Care?", "NIH National Institute on Aging", "https://www.nia.nih.gov/health/hospice-and-palliative-care/what-are-palliative-care-and-hospice-care")
src("ctgov", "Learn About Studies", "ClinicalTrials.gov, U.S. National Library of Medicine", "https://clinicaltrials.gov/study-basics/learn-about-studies")
src("nci-trials", "Find NCI-Supported Clinical Trials", NCI, "https://www.cancer.gov/about-cancer/treatment/clinical-trials/search")
src("acs-questions", "Questions to Ask Your Doctor About Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/questions-to-ask-your-doctor-about-breast-cancer.html")
src("nci-costs", "Managing Costs and Medical Information", NCI, "https://www.cancer.gov/about-cancer/managing-care/track-care-costs")
src("nci-cam", "Complementary and Alternative Medicine", NCI, "https://www.cancer.gov/about-cancer/treatment/cam")
src("nccih", "Cancer and Complementary Health Approaches: What You Need To Know", "National Center for Complementary and Integrative Health", "https://www.nccih.nih.gov/health/cancer-and-complementary-health-approaches-what-you-need-to-know")
src("nci-breast", "Breast Cancer, Patient Version", NCI, "https://www.cancer.gov/types/breast")

-- Speech for answers with phone numbers: "1-800-227-2345" must not be read as
-- "1 to 800 to 227", so the hyphens between digits become spaces first.
local function with_phone_speech(a)
  local t = type(a.text) == "table" and table.concat(a.text, " ") or a.text
  t = t:gsub("(%d)%-(%d)", "%1 %2"):gsub("(%d)%-(%d)", "%1 %2")
  a.speech = herald.speech(t)
  return a
end

herald.answer("support.organisations", with_phone_speech {
  text = {
    "Several groups give free help to people with breast cancer.",
    "The American Cancer Society has a helpline open 24 hours a day (1-800-227-2345). Its Reach to Recovery program links you with a trained volunteer who has had breast cancer.",
    "Susan G. Komen has a helpline, CancerCare offers free counselling, and Breastcancer.org has an online community. Breast Cancer Now (UK) and the National Breast Cancer Foundation help too.",
    "Next step: pick one and call or visit its website this week.",
  },
  sources = { "acs", "acs-r2r", "komen", "cancercare", "bco-community", "bcn", "nbcf" },
  suggest = { "Is there a helpline I can call?", "Where can I find support groups?", "Is there help with costs?" },
})

herald.answer("support.helpline", with_phone_speech {
  text = {
    "Yes. The American Cancer Society helpline is open 24 hours a day: 1-800-227-2345.",
    "The Susan G. Komen Breast Care Helpline is 1-877-465-6636.",
    "CancerCare, at 1-800-813-4673, links you with oncology social workers. In the UK, call the Breast Cancer Now helpline on 0808 800 6000.",
    "If you are thinking of harming yourself, call or text 988 right away.",
    "Next step: save one of these numbers in your phone today.",
  },
  sources = { "acs", "komen", "cancercare", "bcn" },
  suggest = { "Where can I find support groups?", "Can I get counselling?", "Is there support for my family?" },
})

src("ysc", "Young Survival Coalition", "Young Survival Coalition", "https://www.youngsurvival.org/")
local YOUNG = { "my 20s", "my 30s", "my twenties", "my thirties", "in their 20s", "in their 30s", "young women", "younger women",
  "young adult", "under 40", "i'm 2", "im 2", "i am 2", "i'm 3", "im 3", "i am 3", "young moms", "young mums" }
local YOUNG_LINE = "For people diagnosed young, the Young Survival Coalition runs groups and online meetups for women under 40."

local GROUPS = {
  text = {
    "Support groups let you talk with people who know what you are going through. They meet in person, by phone, or online.",
    "CancerCare runs free groups led by oncology social workers. The American Cancer Society's Reach to Recovery links you with a trained volunteer who has had breast cancer.",
    "Breastcancer.org and Susan G. Komen can help you find others, including people with HER2-positive or metastatic cancer.",
    "Next step: ask your cancer center's social worker about a group near you.",
  },
  sources = { "cancercare", "acs-r2r", "bco-community", "komen" },
  suggest = { "What is BCSM?", "Is there a helpline I can call?", "Can I get counselling?" },
}

herald.on("support.groups", function(q)
  if q:mentions(YOUNG) then
    local text = { table.unpack(GROUPS.text) }
    table.insert(text, 2, YOUNG_LINE)
    local sources = { table.unpack(GROUPS.sources) }
    sources[#sources + 1] = "ysc"
    return { text = text, sources = sources, suggest = GROUPS.suggest }
  end
  return GROUPS
end)

-- Waiting for scan or biopsy results ("scanxiety"): the waiting itself is the
-- trouble, so the answer is about getting through it and knowing when news comes.
local WAITING = { "waiting", "wait for", "scanxiety", "scan anxiety", "scan-xiety" }
local RESULT_WORDS = { "result", "scan", "biopsy", "patholog", "report", "news", "the call" }
local WAITING_TEXT = with_phone_speech {
  text = {
    "Waiting for results is one of the hardest parts of cancer care, and many people feel worst in the days before a scan or a call.",
    "It can help to ask when and how you will hear (a call, a visit, or the patient portal), and to plan the days of waiting: company, a walk, something that takes your mind off it.",
    "If the worry keeps you from sleeping or eating, tell your care team or a counsellor. CancerCare offers free counselling by phone.",
    "Next step: ask your team today when your results will be ready and who will give them to you.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Where can I find support groups?", "Is there a helpline I can call?", "Can I get counselling?" },
}

local EMOTIONAL = with_phone_speech {
  text = {
    "What you are feeling is very common, and you don't have to face it alone.",
    "Talking helps, with people close to you, a support group, or a counsellor. CancerCare offers free counselling by phone, and your cancer center likely has a social worker.",
    "If these feelings are heavy most days, or stop you sleeping or eating, tell your care team. This can be treated.",
    "Next step: reach out to one person today. If you ever think of harming yourself, call or text 988.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Where can I find support groups?", "Is there a helpline I can call?", "Can yoga or meditation help?" },
}

-- Told to "stay positive" and unable to (probe 12): sadness is normal, and a
-- positive attitude has not been shown to change how treatment works or how
-- long people live (NCI, Feelings and Cancer); forced cheer can add strain.
-- Not the bare word "positive": "scared about being HER2 positive" is no
-- question about attitude.
local POSITIVE_SAID = { "stay positive", "staying positive", "be positive", "keep positive", "think positive",
  "thinking positive", "positive thinking", "positive attitude", "positive mindset", "positive vibes", "positive outlook",
  "feel positive", "feeling positive", "positivity", "upbeat", "optimistic", "cheerful", "attitude", "mindset",
  "brave face", "happy face", "stay strong", "be strong" }
local POSITIVE_PRESSURE = with_phone_speech {
  text = {
    "Nothing is wrong with you. Sadness, fear, anger and tears are normal during treatment, and you do not have to feel upbeat to do well.",
    "Studies have not found that a positive attitude changes whether treatment works or how long people live. Acting cheerful all the time can add strain, so bad days are allowed, and you can tell people what really helps you.",
    "Talking helps: a support group, a counselor, or CancerCare's free social workers. If low mood lasts most days for two weeks or more, tell your care team, because it can be treated.",
    "Next step: tell one person close to you how you really feel.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Where can I find support groups?", "Can I get counselling?", "Is there a helpline I can call?" },
}
-- Asked as a question, not felt as pressure ("does a positive attitude help
-- beat it?"): the same fact, without "nothing is wrong with you".
local PRESSURE_SAID = { "everyone", "everybody", "people tell", "people say", "keep telling", "keeps telling", "told me",
  "tell me to", "tells me", "can't", "cant", "cannot", "supposed to", "pressure", "tired of", "sick of", "expected",
  "fake", "guilty", "my fault", "not positive enough", "keep saying", "keeps saying", "sending me" }
local POSITIVE_ASKED = with_phone_speech {
  text = {
    "Many people hope that staying positive will help, and it is a fair question to ask.",
    "Studies have not found that a positive attitude changes whether treatment works or how long people live. So you do not have to feel upbeat to do well, and a bad day does not harm your treatment.",
    "Hope and good moods can still make the days easier. What helps most is getting your treatment, staying as active as you can, and having people to lean on: a support group, a counselor, or CancerCare's free social workers.",
    "Next step: tell your care team if low mood lasts most days for two weeks or more, because it can be treated.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Where can I find support groups?", "Can I get counselling?", "Can exercise help during treatment?" },
}
-- Fear that the cancer is back with every ache, after treatment (probe 12). It is
-- common and often eases; most aches are not cancer; a new symptom that lasts
-- more than about two weeks, or gets worse, is for the care team (ACS, Living
-- with uncertainty: the fear of cancer recurrence).
src("acs-fear-recurrence", "Living With Uncertainty: The Fear of Cancer Recurrence", ACS,
  "https://www.cancer.org/cancer/survivorship/long-term-health-concerns/recurrence/living-with-uncertainty-the-fear-of-cancer-recurrence.html")
-- When a new pain is worth a call after treatment (Cancer.Net, follow-up
-- care: symptoms lasting over 2 weeks; pain that is constant, worsening or
-- not eased by over-the-counter medicine).
src("cancernet-followup", "Breast Cancer: Follow-up Care and Monitoring", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/cancer-types/breast-cancer/follow-care-and-monitoring")
local RECUR_SAID = { "back", "spread", "returned", "recur", "come back", "coming back", "came back", "the cancer",
  -- a fear, not a finding: "I think it's in my brain now" (handed over by treatment.brain_mets)
  "think its in my", "think it's in my", "think it is in my", "thinking its in my", "thinking it's in my",
  "think it has gone to my", "think it went to my" }
local ACHE_SAID = { "every ", "each ", "any little", "every little", "headache", "backache", "ache", "achy", "aching", "pain", "twinge", "lump",
  "hurt", "sore",
  "cough", "symptom", "convinced", "paranoid", "obsess", "i'm sure", "im sure", "keep thinking", "can't stop thinking",
  "cant stop thinking", "scared", "terrified", "afraid", "worried", "fear" }
local RECURRENCE_FEAR = with_phone_speech {
  text = {
    "Fear that the cancer has come back is very common after treatment, and every new ache can set it off. For many people it eases with time.",
    "Most aches and pains are not cancer. But a new pain or symptom that lasts more than about two weeks, keeps getting worse, or is not eased by your usual pain pills should be checked by your care team soon. It is not an emergency unless other signs come with it, such as weak or numb legs.",
    "Tell them where it is, when it started, if it is constant or comes and goes, and what makes it better or worse.",
    "It helps to know your follow-up plan, to stay active, and to talk with people who have been there. A counselor can help too, and CancerCare offers free counseling by phone.",
    "Next step: ask your team which symptoms should make you call, and write them down.",
  },
  sources = { "acs-fear-recurrence", "cancernet-followup", "nci-feelings", "cancercare" },
  suggest = { "What follow-up will I have after treatment?", "What are the signs of recurrence?", "Can I get counselling?" },
}
-- Dread before a scan ("can't sleep before my first scan") is the waiting card's.
local SCAN_DREAD = { "can't sleep", "cant sleep", "haven't slept", "havent slept", "not sleeping", "nervous",
  "scared", "terrified", "dread", "panic", "picturing", "imagining", "freaking" }
local SCAN_SAID = { "scan", "mammogram", "checkup", "check-up", "check up", "follow up", "follow-up", "results" }

-- A teenager asking whether a parent's breast cancer means they will get it
-- (clinical review 2026-12-07d: "my mom has breast cancer, does that mean i will
-- get it? i'm 16" got the carers' card about meals and rides, "im 13 and scared
-- ill get it like my mom" the general feelings card): outlook.risk has the card
-- written for a teen, so the question goes there.
local PARENT_SAID = { "my mom", "my mum", "my mother", "my dad", "my father", "my mommy", "my mama", "my parent" }
local OWN_RISK = { "will i get", "ill get", "i'll get", "get it too", "get it as well", "get it like", "get it one day",
  "chances of getting", "chance of getting", "chance i", "risk of getting", "am i at risk", "at risk", "my risk",
  "happen to me", "does that mean i", "mean i will", "mean i'll", "mean ill", "get breast cancer" }
local function teen_own_risk(q)
  return q:mentions(PARENT_SAID) and q:mentions(OWN_RISK) and q:writer_is_minor()
end

-- Fear that the cancer will spread, said as a fear (blind grading 2026-12-07:
-- "terrified it will spread" got the list of where cancer spreads and its
-- signs). Calm facts first: most early HER2-positive cancers are cured (ACS,
-- HER2 status; NCI), HER2 drugs with chemo lower the chance of spread, and
-- watching for it is the care team's job; then support. A fear told with
-- aches or after treatment stays the recurrence-fear card above.
local SPREAD_SAID = { "spread", "metasta", "go to my", "goes to my", "get into my", "reach my", "move to my" }
local FEAR_SAID = { "scared", "terrified", "afraid", "frighten", "petrified", "fear", "panic", "worried", "worry", "anxious",
  "nervous", "can't stop thinking", "cant stop thinking", "keep thinking", "losing sleep", "freaking out", "dread" }
local ALREADY_SPREAD = { "stage 4", "stage four", "stage iv", "metastatic", "has spread", "had spread", "already spread",
  "mets ", "de novo" }
src("acs-her2-status", "Breast Cancer HER2 Status", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html")
local SPREAD_FEAR = with_phone_speech {
  text = {
    "Being afraid the cancer will spread is one of the most common fears, and it makes sense to feel it.",
    "Some calm facts may help. Most early HER2-positive breast cancers are cured. HER2 drugs such as trastuzumab (Herceptin), given with chemo, work well and greatly lower the chance that the cancer spreads or comes back.",
    "Watching for spread is your care team's job, not yours. They plan your checkups and tell you which signs to report, so you do not have to search your body for clues.",
    "You do not have to carry this fear alone: a counselor, a support group, or CancerCare's free social workers can help. Next step: ask your team what your follow-up plan is and which signs should make you call.",
  },
  sources = { "acs-her2-status", "nci-breast", "acs-fear-recurrence", "cancercare" },
  suggest = { "Is HER2-positive breast cancer curable?", "What follow-up will I have after treatment?", "Can I get counselling?" },
}
herald.on("support.spread_fear", function() return SPREAD_FEAR end)
local function spread_fear(q)
  return q:mentions(SPREAD_SAID) and q:mentions(FEAR_SAID) and not q:mentions(ALREADY_SPREAD)
end

-- Guilt (blind grading 2026-12-07: "did I cause this" got the risk-factor list,
-- guilt about being sick in front of the children a nausea card). Guilt is
-- common (NCI, Feelings and Cancer); chance plays a large part in how cancer
-- starts, and most cancer is not caused by anything a person did (Cancer
-- Research UK, Guilt, blame and anger); HER2 is a change in the tumor cells.
src("cruk-guilt", "Guilt, blame and anger", "Cancer Research UK",
  "https://www.cancerresearchuk.org/about-cancer/coping/mental-health-cancer/how-cancer-make-you-feel/guilt-blame-anger")
local KIDS_SAID = { "my kids", "my children", "my child", "my son", "my daughter", "my boys", "my girls", "my little",
  "my toddler", "my baby", "my teen", "in front of the kids", "the kids", "the children", "grandkids", "grandchildren" }
local GUILT = with_phone_speech {
  text = {
    "So many people with cancer ask what they did to cause it, and that guilt can weigh a lot. Please hear this: it is not your fault.",
    "Breast cancer starts from changes in cells that often happen by chance as cells divide. Some habits, like drinking alcohol, raise the odds a little, but many people with those habits never get it, and many people with none do. HER2-positive is a change inside the tumor cells, not something you did.",
    "Talking it through helps: a counselor, a social worker, or a support group. CancerCare offers free counseling by phone.",
    "Next step: tell one person you trust how you feel, or ask your care team for a counselor.",
  },
  sources = { "nci-feelings", "cruk-guilt", "cancercare" },
  suggest = { "Can I get counselling?", "What are risk factors for breast cancer?", "Where can I find support groups?" },
}
local GUILT_KIDS = with_phone_speech {
  text = {
    "Feeling guilty about what cancer puts your family through is very common, and it shows how much you love them. Being sick or tired in front of your children is not failing them.",
    "Children cope better with honest, simple words than with a brave face. You can say, \"The medicine makes me tired, and it is not anyone's fault.\" Let them help in small ways, keep their routines, and let other adults you trust step in.",
    "You deserve support too: a counselor, a social worker, or a parents' support group. CancerCare offers free counseling by phone.",
    "Next step: ask your cancer center's social worker for help talking with your children.",
  },
  sources = { "nci-feelings", "acs-children", "cancercare" },
  suggest = { "How do I tell my kids I have cancer?", "Can I get counselling?", "Is there support for my family?" },
}
-- Guilt about something else: a missed dose, a delay, surviving when others
-- did not. Not the card on causing the cancer.
local GUILT_GENERAL = with_phone_speech {
  text = {
    "Guilt is one of the most common feelings with cancer. People feel guilty about the cancer, about things they missed or put off, or about what it asks of the people they love. Feeling it does not mean you did something wrong.",
    "Try to be as kind to yourself as you would be to a friend. If the guilt is about your treatment, such as a missed or skipped dose, tell your care team: they can tell you what it means and plan what comes next.",
    "Talking it through helps: a counselor, a social worker, or a support group. CancerCare offers free counseling by phone.",
    "Next step: tell one person you trust how you feel, or ask your care team for a counselor.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Can I get counselling?", "Where can I find support groups?", "Is there a helpline I can call?" },
}
local CAUSE_SAID = { "cause", "caused", "my fault", "brought this on", "bring this on", "did this to myself",
  "did i do", "what i did", "because i", "because of my", "deserve", "punish" }
-- A carer's guilt ("I feel guilty I can't do more for my wife") is the family card's.
local CARER_SAID = { "my wife", "my husband", "my mom", "my mum", "my mother", "my dad", "my father", "my sister",
  "my friend", "my partner", "caregiver", "carer", "for her", "for him" }
local OWN_SAID = { "my cancer", "my diagnosis", "my treatment", "my chemo", "i have cancer", "i was diagnosed", "i got",
  "i'm sick", "im sick", "i am sick", "being sick", "me sick", "my own" }
local CARING_SAID = { "help", "do more", "doing more", "do enough", "care for", "caring", "look after", "support",
  "there for", "can't do", "cant do", "snap", "short with", "impatient", "angry with", "resent", "break", "time off" }
local function guilt_card(q)
  if q:mentions(CARER_SAID) and q:mentions(CARING_SAID) and not q:mentions(OWN_SAID) then
    return herald.hand_over("support.family")
  end
  if q:mentions(CAUSE_SAID) then return GUILT end
  if q:mentions(KIDS_SAID) then return GUILT_KIDS end
  return GUILT_GENERAL
end
herald.on("support.guilt", guilt_card)

-- Alone, with no partner or family to help (blind grading 2026-12-07: a
-- patient who lives alone got the card for caregivers). Loneliness is common
-- (NCI, Feelings and Cancer); telling the team early lets them plan rides and
-- help at home (MD Anderson, coping with cancer when you live alone); the
-- American Cancer Society gives rides and a volunteer who has had breast cancer.
src("mda-alone", "How to cope with cancer when you live alone", "MD Anderson Cancer Center",
  "https://www.mdanderson.org/cancerwise/how-to-cope-with-cancer-when-you-live-alone.h00-159773289.html")
local ALONE = with_phone_speech {
  text = {
    "Going through treatment without a partner or family close by is hard, and you are far from the only one. You do not have to manage it all by yourself.",
    "Tell your care team early that you are on your own. A nurse navigator or social worker can help plan rides, meals and help at home after surgery or chemo. Some procedures need an adult to take you home, so ask ahead.",
    "The American Cancer Society, at 1-800-227-2345, can find free rides and a trained volunteer who has had breast cancer to talk with. Friends, neighbors or a faith group often want to help when given one clear task. A support group can ease the lonely feeling too.",
    "Next step: ask to meet your cancer center's social worker before treatment starts.",
  },
  sources = { "nci-feelings", "mda-alone", "acs-rides", "acs-r2r" },
  suggest = { "Where can I find support groups?", "Is there help with rides to treatment?", "Can I get counselling?" },
}
local ALONE_SAID = { "live alone", "living alone", "live by myself", "living by myself", "by myself", "on my own",
  "no caregiver", "no care giver", "no carer", "don't have a caregiver", "dont have a caregiver", "do not have a caregiver",
  "without a caregiver", "no one to help", "nobody to help", "no one to look after", "nobody to look after",
  "no one to take care", "nobody to take care", "no one to drive", "nobody to drive", "no one to take me",
  "nobody to take me", "have no one", "have nobody", "got no one", "got nobody", "no family", "no partner",
  "no husband", "no wife", "no friends", "single and", "i'm single", "im single", "i am single", "no support system" }
-- No one to talk to, said without the practical side (living alone, rides,
-- help at home): the feelings card.
local PRACTICAL_SAID = { "live alone", "living alone", "live by myself", "by myself", "on my own", "caregiver", "carer",
  "drive", "ride", "help at home", "look after", "take care", "surgery", "chemo", "treatment", "infusion", "radiation",
  "widow", "family", "lives with me", "stay with", "after my", "manage", "cope with" }
herald.on("support.alone", function(q)
  if q:mentions({ "talk to", "talk with", "to talk", "listen", "confide", "open up" }) and not q:mentions(PRACTICAL_SAID) then
    return EMOTIONAL
  end
  return ALONE
end)

local function feelings(q)
  if teen_own_risk(q) then return herald.hand_over("outlook.risk") end
  if q:mentions({ "guilt", "guilty", "my fault", "blame myself", "blaming myself" }) then return guilt_card(q) end
  if q:mentions(ALONE_SAID) and not q:mentions({ "alone and scared", "so alone", "feel alone", "feel so alone" }) then
    return ALONE
  end
  if q:mentions(WAITING) and q:mentions(RESULT_WORDS) then return WAITING_TEXT end
  if q:mentions(SCAN_SAID) and q:mentions(SCAN_DREAD) then return WAITING_TEXT end
  if q:mentions(POSITIVE_SAID) then
    if q:mentions(PRESSURE_SAID) then return POSITIVE_PRESSURE end
    return POSITIVE_ASKED
  end
  if spread_fear(q) and not q:mentions({ "every ", "each ", "ache", "pain", "twinge", "lump", "cough", "symptom",
      "headache", "back ", "come back", "came back", "returned", "recur", "after treatment", "finished" }) then
    return SPREAD_FEAR
  end
  if q:mentions(RECUR_SAID) and q:mentions(ACHE_SAID) then return RECURRENCE_FEAR end
  return EMOTIONAL
end
herald.on("support.emotional", feelings)
herald.on("support.fear", feelings)

-- Body image: feelings about a changed body are common and usually ease; the
-- practical options (breast forms, reconstruction at any time, wigs) and people
-- to talk to are the help. Low mood that lasts is for the care team.
src("acs-body-image", "Body Image and Sexuality After Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/living-as-a-breast-cancer-survivor/body-image-and-sexuality-after-breast-cancer.html")

herald.answer("support.body_image", {
  text = {
    "Many people feel upset about how their body looks after surgery, hair loss or weight change. Those feelings are common and real, and for most people they ease with time.",
    "It can help to look at the changed area a little at a time, to talk with your partner or a friend, and to meet others who have been through it. Breast forms, special bras, reconstruction (now or years later), wigs and scarves are all choices you can make when you are ready.",
    "A counselor or social worker can help too. If you feel low most days for more than two weeks, tell your care team.",
    "Next step: ask your care team about a support group or a counselor who works with people after breast cancer.",
  },
  sources = { "acs-body-image", "nci-feelings" },
  suggest = { "What are my options for breast reconstruction?", "Can I get counselling?", "Where can I find support groups?" },
})

herald.answer("support.counselling", with_phone_speech {
  text = {
    "Yes. Counselling can help with fear, sadness, stress and the changes cancer brings.",
    "Many cancer centers have oncology social workers and psychologists. Ask your care team for a referral.",
    "CancerCare offers free counselling by phone and online with oncology social workers.",
    "Next step: ask your team for a referral, or call CancerCare at 1-800-813-4673.",
  },
  sources = { "cancercare", "nci-feelings" },
  suggest = { "Where can I find support groups?", "Is there help with costs?", "Is there support for my family?" },
})

herald.answer("support.online", {
  text = {
    "#BCSM stands for Breast Cancer Social Media. It is a hashtag and online community where patients, survivors, caregivers and doctors share support and news.",
    "Breastcancer.org also has large forums, with groups for HER2-positive and metastatic cancer.",
    "Online groups can be a real comfort. Be careful with medical advice you read there, and guard your privacy.",
    "Next step: check anything you read with your care team.",
  },
  sources = { "bco-community", "acs" },
  suggest = { "Where can I find support groups?", "Is there a helpline I can call?", "Where can I find support?" },
})

-- A partner or relative who goes quiet: "my husband won't talk about my
-- cancer". The question is about being left alone with it, not about how to
-- help someone else.
local WONT_TALK = { "won't talk", "wont talk", "will not talk", "doesn't talk", "doesnt talk", "does not talk",
  "don't talk", "dont talk", "refuses to talk", "refuse to talk", "avoids talking", "avoiding talking", "avoids the subject", "avoids me", "avoiding me", "won't discuss", "wont discuss",
  "doesn't want to talk", "doesnt want to talk", "won't listen", "wont listen", "doesn't listen", "doesnt listen",
  "doesn't understand", "doesnt understand", "doesn't get it", "doesnt get it", "never asks", "never ask",
  "changes the subject", "change the subject", "shuts down", "shut down", "help more", "do more around", "pitch in",
  "won't help", "wont help", "doesn't help", "doesnt help" }

local FAMILY_QUIET = {
  "It hurts when someone close will not talk about your cancer. Often it is fear, or not knowing what to say, rather than not caring.",
  "It can help to pick a calm moment, say what you need in plain words (\"I need you to come to my next visit\", \"I just need you to listen\"), and give them one small thing to do.",
  "You deserve to be heard meanwhile: a support group, a counselor, or CancerCare's free social workers can listen. Couples counseling helps some partners talk.",
  "Next step: ask your cancer center's social worker about counseling for you, or for the two of you.",
}

local FAMILY = {
  text = {
    "Cancer affects the whole family, and there is help for them too.",
    "Caregivers and loved ones can get free support from CancerCare and the American Cancer Society.",
    "To help someone with cancer, listen, and offer real help like meals or rides. Let them lead.",
    "Caregivers need rest too, so share the tasks.",
    "Next step: ask the social worker at the cancer center about family support.",
  },
  sources = { "nci-caregivers", "cancercare", "acs" },
  suggest = { "How do I tell my kids I have cancer?", "Where can I find support groups?", "Can I get counselling?" },
}

local TELLING = { "tell", "explain", "say to", "talk to", "talk with", "what do i say", "what should i say", "words" }
herald.on("support.family", function(q)
  if teen_own_risk(q) then return herald.hand_over("outlook.risk") end
  if q:mentions(ALONE_SAID) then return ALONE end
  if q:mentions(KIDS_SAID) and q:mentions(TELLING) then return herald.hand_over("support.children") end
  if q:mentions(WONT_TALK) then
    return { text = FAMILY_QUIET, sources = { "cancercare", "nci-coping" },
      suggest = { "Can I get counselling?", "Where can I find support groups?", "How do I tell my kids I have cancer?" } }
  end
  return FAMILY
end)

-- A parent asking whether a child will get the cancer is outlook.risk's card
-- for parents (clinical review 2026-12-07d), not how to tell children.
local CHILD_RISK_ASKED = { "will she get", "will he get", "will they get", "will my daughter get", "will my kids get",
  "get it too", "get it one day", "her risk", "his risk", "their risk", "her chance", "their chance", "chance she",
  "chance they", "get breast cancer" }
src("acs-children", "Helping Children When a Family Member Has Cancer", ACS,
  "https://www.cancer.org/cancer/caregivers/helping-children-when-a-family-member-has-cancer.html")
src("acs-children-ages", "Explaining Cancer to Children of Different Ages", ACS,
  "https://www.cancer.org/cancer/caregivers/helping-children-when-a-family-member-has-cancer/dealing-with-treatment/intro.html")
src("cancernet-preschool", "How to Talk to Your Preschooler About Cancer", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/blog/2018-04/how-talk-your-preschooler-about-cancer")
src("nci-teens-parent", "When Your Parent Has Cancer: A Guide for Teens", NCI,
  "https://www.cancer.gov/publications/patient-education/when-your-parent-has-cancer")
-- Telling children, by the child's age (blind grading 2026-12-07: a parent
-- asking how to talk to a young child got survival figures). What children
-- understand and fear differs by age (ACS, Explaining Cancer to Children of
-- Different Ages; Cancer.Net for preschoolers; NCI's guide for teens): the
-- youngest fear being apart and need few words and routines; school-age
-- children may think they caused it or can catch it; teens want honesty and
-- their own lives kept going.
local CHILD_YOUNG = {
  text = {
    "It is hard to find the words, and wanting to shield your little one is natural. Young children, under about 6, need only a few short words. Say that you have an illness called cancer, that doctors are giving you medicine to help, and who will look after them.",
    "At this age the biggest fear is being apart from you. Keep bedtimes and routines, and give extra hugs. Say often that nothing they did made you sick, and that they can't catch it.",
    "Tell them ahead of changes they will see, such as hair loss, in simple words: the medicine makes hair fall out, and it usually grows back. Expect the same questions again and again, and some clinginess. If they ask if you will die, say what you know now: \"The doctors are working hard to help me get better. I will tell you if that changes.\"",
    "Next step: ask your cancer center's social worker or child life specialist for a picture book about a parent with cancer.",
  },
  sources = { "acs-children-ages", "cancernet-preschool" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
local CHILD_SCHOOL = {
  text = {
    "It is hard to find the words, and it shows how much you care. School-age children can take in more: the name of the cancer, where it is, and how treatment may change things at home, such as hair loss or being tired.",
    "Children this age may think something they did caused it, or that they can catch it, so tell them plainly that neither is true. Invite questions, and answer honestly with what you know now.",
    "Keep school, friends and activities going, and let their teacher know. Tell them who will take care of them on treatment days.",
    "Next step: ask your cancer center's social worker for books and tips that fit your child's age.",
  },
  sources = { "acs-children-ages", "acs-children" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
local CHILD_TEEN = {
  text = {
    "Talking with a teenager about your cancer is hard, and wanting to protect them is natural. Teens can understand almost as much as adults, and they want the truth. Share real facts, ask what they want to know, and don't ask them to keep it secret.",
    "They may pull away, get angry, or feel torn between helping and their own life. Let them keep friends, school and activities, and don't lean on them as your main support.",
    "Some teens talk more easily with another trusted adult, a counselor, or other teens whose parent has cancer. The National Cancer Institute has a free guide for teens whose parent has cancer.",
    "Next step: ask your cancer center's social worker about support for teens.",
  },
  sources = { "acs-children-ages", "nci-teens-parent" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
-- The child's age as told: "my 4 year old", "my daughter is six", "a toddler",
-- "my teenager". Nil when no age, or several ages, are told.
local NUMBER_WORDS = { one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8, nine = 9,
  ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14, fifteen = 15, sixteen = 16, seventeen = 17 }
local YOUNG_SAID = { "toddler", "preschool", "pre-school", "little one", "little ones", "little boy", "little girl",
  "my baby", "kindergart", "nursery" }
local TEEN_SAID = { "teen", "high school", "highschool" }
local function child_band(q)
  local m = (q.message or q.text):lower()
  local bands, n = {}, 0
  local function add(age)
    local b = age <= 5 and "young" or age <= 12 and "school" or age <= 19 and "teen" or nil
    if b and not bands[b] then bands[b] = true; n = n + 1 end
  end
  for num in m:gmatch("(%w+)[ %-]?y[ea]?a?r?s?[ %-]?old") do add(tonumber(num) or NUMBER_WORDS[num] or 99) end
  for num in m:gmatch("(%d+) ?yo%f[%A]") do add(tonumber(num)) end
  -- "my 10 and 13 year olds": both ages.
  for a in m:gmatch("(%d+)%s*,?%s*and%s*%d+%s*[ %-]?y") do add(tonumber(a)) end
  for _, kid in ipairs({ "son", "daughter", "boy", "girl", "child", "kid" }) do
    for num in m:gmatch("%f[%a]" .. kid .. "s? is (%w+)") do
      local age = tonumber(num) or NUMBER_WORDS[num]
      if age then add(age) end
    end
  end
  if q:mentions(YOUNG_SAID) then add(3) end
  if q:mentions(TEEN_SAID) then add(15) end
  if n ~= 1 then return nil end
  return next(bands)
end
local CHILD_BY_BAND = { young = CHILD_YOUNG, school = CHILD_SCHOOL, teen = CHILD_TEEN }

local CHILDREN = {
  text = {
    "Children often sense when something is wrong, so honest, simple words help.",
    "Use the word cancer, explain in a way that fits their age, and tell them it is not their fault and they can't catch it.",
    "Tell them who will care for them and what will change day to day. Keep routines, and let teachers know.",
    "Next step: ask your cancer center's social worker for help and books for children.",
  },
  sources = { "nci-coping", "acs" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
-- A teenager whose parent has breast cancer asks whether the parent will die
-- (handed over by outlook.survival). Honest without figures: most breast
-- cancer is found before it spreads, and then treatment aims to cure it (ACS,
-- Survival Rates for Breast Cancer: 5-year relative survival 99% localized,
-- 87% regional); what helps a teen and a parent (NCI, When Your Parent Has
-- Cancer: A Guide for Teens).
src("acs-survival", "Survival Rates for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-survival-rates.html")
local TEEN_PARENT = herald.fixed{
  text = {
    "It makes sense to be scared, and it is brave to ask. Many teens worry about this and don't want to upset their parent by asking.",
    "No one can say for sure what will happen to one person. But most breast cancers are found before they have spread, and then treatment aims to cure the cancer. Most people treated for it are alive and well many years later. HER2-positive cancer has strong medicines that target it.",
    "Treatment can make your parent tired or sick for a while, and hair may fall out. These side effects are expected, and they usually get better after treatment ends.",
    "It is OK to ask your parent, or another adult you trust, what the doctors have said. You can help by doing small jobs at home and spending ordinary time together, and by keeping up school and friends. A school counselor can listen too.",
    "Next step: read the National Cancer Institute's free guide for teens whose parent has cancer.",
  },
  sources = { "nci-teens-parent", "acs-survival" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
herald.on("support.teen_parent", function() return TEEN_PARENT end)

-- "What if they ask me if I'm going to die?" (blind patient probe 16: the children card again).
local DIE_ASKED = { "going to die", "gonna die", "i'm dying", "im dying", "am i dying", "are you dying", "you die",
  "will you die", "mummy die", "mommy die", "mum die", "mom die", "will die", "i die", "to die", "if i'm dying",
  "mummy is dying", "mum is dying", "mom is dying" }
local CHILD_DIE = herald.fixed {
  text = {
    "This is one of the hardest questions a parent can hear. An honest answer that fits their age helps them feel safe.",
    "You do not need to promise. You might say: I am getting very good treatment, and the doctors are working hard to help me get well. If that changes, I will tell you. You can add that they will always be loved and looked after.",
    "Ask what made them wonder, since a child may have heard something at school or online. Tell their teacher so someone at school can watch out for them.",
    "Next step: ask your care team's social worker or a child life specialist to help you plan what to say.",
  },
  sources = { "acs-children" },
  suggest = { "How do I tell my kids I have cancer?", "Is there support for my family?", "Can I get counselling?" },
}


herald.on("support.children", function(q)
  if q:mentions(CHILD_RISK_ASKED) and not q:mentions({ "tell", "explain", "talk to", "say to" }) then
    return herald.hand_over("outlook.risk")
  end
  if q:mentions({ "guilt", "guilty", "my fault" }) then return guilt_card(q) end
  local band = child_band(q)
  -- "What if they ask me if I'm going to die?" with no age told (an age's card answers it in its words).
  if not band and q:mentions(DIE_ASKED) then return CHILD_DIE end
  return band and CHILD_BY_BAND[band] or CHILDREN
end)

herald.answer("support.palliative", {
  text = {
    "Palliative care is extra care that eases symptoms and stress and improves quality of life.",
    "You can have it at any stage, alongside treatment for the cancer. It is not the same as hospice.",
    "A team of doctors, nurses and social workers helps with pain, nausea, tiredness, worry and planning.",
    "Next step: ask your oncologist for a palliative care referral.",
  },
  sources = { "nci-palliative", "nia-hospice" },
  suggest = { "What is hospice?", "How do I cope with fatigue?", "Is there support for my family?" },
})

herald.answer("support.hospice", {
  text = {
    "Hospice is comfort care for when treatment to control the cancer is no longer helping, or a person chooses to stop it.",
    "It eases pain and other symptoms, and supports the whole family. It is mostly given at home, and Medicare and most insurance cover it.",
    "Palliative care is different: you can have it at any stage, along with treatment.",
    "Next step: ask your care team to explain your choices, so you can plan ahead.",
  },
  sources = { "nia-hospice", "nci-palliative" },
  suggest = { "What is palliative care?", "Is there support for my family?", "Is there a helpline I can call?" },
})

herald.answer("support.questions", {
  text = {
    "Choices about treatment are made with your care team, and good questions help.",
    "Ask: What stage is my cancer, and what are my HER2 and hormone receptor results?",
    "What is the goal of treatment, and what are my options? What side effects should I expect, and whom do I call about them?",
    "Is a clinical trial right for me?",
    "Next step: write your questions down, and bring someone to take notes.",
  },
  sources = { "acs-questions", "nci-breast" },
  suggest = { "How do I find a clinical trial?", "What does HER2-positive mean?", "Should I get a second opinion?" },
})

-- A trial feared for its placebo (probe 9, R071): in cancer treatment trials a
-- placebo alone is rare when a standard treatment exists; everyone gets at least
-- standard care (Cancer.Net, Placebos in Cancer Clinical Trials; the trials plugin says the same).
local PLACEBO_WORDS = { "placebo", "sugar pill", "dummy pill", "fake pill", "fake drug", "fake medicine", "no real treatment",
  "no treatment at all", "not get treated", "not be treated", "get nothing", "guinea pig" }
src("cnet-placebo", "Placebos in Cancer Clinical Trials", "Cancer.Net (American Society of Clinical Oncology)",
  "https://www.cancer.net/research-and-advocacy/clinical-trials/placebos-cancer-clinical-trials")
local TRIAL_PLACEBO = herald.fixed {
  text = {
    "In cancer treatment trials, a placebo alone is rare when a standard treatment exists. In most treatment trials, everyone gets at least the usual treatment, and a placebo, if there is one, is added on top, so the standard plus the new drug can be compared with the standard alone. Some trials test giving less treatment, and then the consent form says so.",
    "The consent form and study team must say if a placebo is used, before you agree. You can ask any question, and you can leave the trial at any time and still get care.",
    "Next step: ask the study team what treatment every group in the trial gets.",
  },
  sources = { "cnet-placebo", "ctgov" },
  suggest = { "What are clinical trials?", "What are the phases of a clinical trial?", "What are my rights in a trial?" },
}
local TRIALS_FIND = herald.fixed {
  text = {
    "Start with your oncologist, who knows which trials fit your cancer.",
    "You can search ClinicalTrials.gov by condition and place, for example HER2-positive breast cancer near you.",
    "The National Cancer Institute's Cancer Information Service, at 1-800-422-6237, can help you search for free.",
    "Next step: print any trials you find and bring them to your next visit.",
  },
  sources = { "ctgov", "nci-trials" },
  suggest = { "What are clinical trials?", "What questions should I ask my doctor?", "Is there help with costs?" },
}
-- The phone number's speech form is made once, here: herald.speech is the
-- costliest step of an answer (about a hundred microseconds), and a handler
-- that called it on every question made this card the slowest of the bench.
with_phone_speech(TRIALS_FIND)
herald.on("support.trials", function(q)
  if q:mentions(PLACEBO_WORDS) then return TRIAL_PLACEBO end
  return TRIALS_FIND
end)

-- Told that insurance said no: the appeal comes first.
herald.source("hc-appeal", { title = "Appealing a health plan decision", publisher = "HealthCare.gov",
  url = "https://www.healthcare.gov/appeal-insurance-company-decision/" })
local DENIED = {
  text = {
    "A \"no\" from your insurance is often not the end. You can appeal, usually within 180 days, and ask for an outside review if the plan says no again. If waiting could harm your health, ask for an urgent review.",
    "Your oncology office can help. They can send a letter saying why you need the drug, or ask the plan for approval ahead of time. The drug maker's support program may also be able to help while you wait.",
    "Next step: ask the plan for the denial in writing, and call your cancer center's financial counselor.",
  },
  sources = { "hc-appeal", "nci-costs" },
  suggest = { "Is there help with costs?", "Can I keep working during treatment?", "Is there a helpline I can call?" },
}

-- Roots: the text is spelling-corrected ("refused" may arrive as "refuses").
local NOT_COVERED = { "won't cover", "wont cover", "will not cover", "not cover", "doesn't cover", "doesnt cover",
  "prior auth", "appeal" }
local SAID_NO = { "deni", "deny", "reject", "refus" }
local INSURER = { "insur", "plan", "medicare", "medicaid", "claim", "cover" }

local function told_denied(q)
  return q:mentions(NOT_COVERED) or (q:mentions(SAID_NO) and q:mentions(INSURER))
end

-- "Yes, help with costs is available" answers only a question of whether help
-- exists; a question about a bill, a plan or a price starts with the help itself
-- (probe 9). Copay cards from drug makers are for private insurance: never with
-- Medicare or other government plans.
local ASKS_IF_HELP = { "is there", "are there", "any help", "any assistance", "anyone help", "anybody help",
  "can i get help", "can i get financial", "can we get", "can someone help", "where can i get", "where do i get",
  "who can help", "who helps", "help with", "help paying", "help to pay", "assistance", "can't afford",
  "cant afford", "cannot afford", "can not afford", "struggling to pay", "where can i find" }
local COSTS = {
  text = {
    "Yes, help with costs is available.",
    "Drug companies have patient assistance programs for HER2 drugs, and copay cards for people with private insurance. CancerCare and Susan G. Komen offer financial help too.",
    "Your cancer center's financial counselor or social worker can check your insurance, help you apply, and set up payment plans.",
    "Next step: ask to meet a financial counselor before your next treatment.",
  },
  sources = { "cancercare-fin", "nci-costs", "komen" },
  suggest = { "Can I keep working during treatment?", "Is there a helpline I can call?", "Where can I find support?" },
}

-- Getting to treatment: gas, parking, rides, a bed near the center.
src("acs-rides", "Road To Recovery: rides to treatment", ACS, "https://www.cancer.org/support-programs-and-services/road-to-recovery.html")
src("acs-hope-lodge", "Hope Lodge: free lodging during cancer treatment", ACS,
  "https://www.cancer.org/support-programs-and-services/patient-lodging/hope-lodge.html")
local TRAVEL = { "gas", "petrol", "fuel", "parking", "ride", "rides", "transport", "travel", "taxi", "uber", "lyft",
  "bus fare", "mileage", "driving to", "drive to", "hotel", "lodging", "place to stay", "get to my appointments",
  "get to treatment", "drive me", "driving me", "take me to", "lift to", "lifts to", "can't drive", "cant drive",
  "cannot drive", "get a lift", "no car", "stay near", "somewhere to stay", "room near", "hope lodge", "motel" }
local TRAVEL_COSTS = {
  text = {
    "Help with getting to treatment is common, so ask for it.",
    "The American Cancer Society gives free rides to treatment in many places. Its Hope Lodge homes offer a free room near many cancer centers when treatment is far from home, and its helpline (1-800-227-2345) can find other places to stay. CancerCare can help pay for some travel costs.",
    "Many cancer centers have parking passes, gas cards or shuttle buses. The social worker knows what is there.",
    "Next step: ask your cancer center's social worker what help with travel and parking they have.",
  },
  sources = { "acs-rides", "acs-hope-lodge", "cancercare-fin", "acs" },
  suggest = { "Is there help with treatment costs?", "Is there a helpline I can call?", "Where can I find support?" },
}

-- Somewhere to stay near treatment (probe 9, R077): ACS Hope Lodge homes give free
-- rooms to people treated far from home (usually 40 miles or more); driving
-- oneself to radiation is common, with tiredness building over the weeks.
herald.answer("support.lodging", with_phone_speech {
  text = {
    "Yes, there is help. The American Cancer Society's Hope Lodge homes give a free room near many cancer centers to people whose treatment is far from home. Its helpline, 1-800-227-2345, can also find hotel discounts or other places to stay.",
    "Many people drive themselves to radiation. Tiredness often builds over the weeks, so line up a backup driver for the later weeks. The American Cancer Society also gives free rides in many places.",
    "Next step: ask the cancer center's social worker about lodging and rides before you start.",
  },
  sources = { "acs-hope-lodge", "acs-rides", "acs" },
  suggest = { "Is there help with costs?", "What are the side effects of radiation?", "How do I cope with fatigue?" },
})

-- Rent, bills and food while unable to work.
local LIVING = { "rent", "mortgage", "utilities", "utility bill", "electric bill", "power bill", "groceries", "food money",
  "bills piling", "cant pay my bills", "can't pay my bills", "pay the bills", "living costs", "living expenses" }
local LIVING_COSTS = {
  text = {
    "Help with living costs during treatment exists, though it is patchy, so ask early.",
    "Your cancer center's social worker knows local funds for rent, bills and food. CancerCare gives some money help, and calling 211 connects you to local help with rent and utilities in the US.",
    "If you cannot work, you may qualify for disability benefits, and some drug makers and charities help with treatment costs so more money is left for bills.",
    "Next step: ask your cancer center's social worker for help with a budget and the forms.",
  },
  sources = { "cancercare-fin", "acs" },
  suggest = { "Can I get disability benefits?", "Is there help with treatment costs?", "Can I keep working during treatment?" },
}

-- Medicare (probe 9, R024): Part D covers pills such as Tukysa; the yearly cap on
-- what a person pays for covered Part D drugs is 2,100 dollars in 2026 (CMS,
-- Inflation Reduction Act, indexed each year; no 2027 figure was found at the
-- 2026-12-07 review, so the text names the year and points to the current one); drug makers' copay cards cannot be
-- used with Medicare (HHS Office of Inspector General); oral capecitabine can be
-- paid under Part B's oral anticancer drug benefit, as a form of an IV drug
-- (CMS); Extra Help, charity
-- foundations and the Medicare Prescription Payment Plan can help.
herald.source("medicare-drug-costs", { title = "Costs for Medicare drug coverage", publisher = "Medicare.gov, Centers for Medicare and Medicaid Services",
  url = "https://www.medicare.gov/drug-coverage-part-d/costs-for-medicare-drug-coverage" })
herald.source("medicare-extra-help", { title = "Help with drug costs (Extra Help)", publisher = "Medicare.gov, Centers for Medicare and Medicaid Services",
  url = "https://www.medicare.gov/basics/costs/help/drug-costs" })
herald.source("oig-coupons", { title = "Manufacturer Safeguards May Not Prevent Copayment Coupon Use for Part D Drugs (OEI-05-12-00540)",
  publisher = "HHS Office of Inspector General", url = "https://oig.hhs.gov/oei/reports/oei-05-12-00540.asp" })
local MEDICARE = { "medicare", "part d", "part b", "medigap", "medicare advantage" }
-- TRICARE and VA drug benefits have their own costs and rules; the Part D cap
-- and Extra Help are Medicare's (clinical review 2026-12-07c, item 5).
local MILITARY = { "tricare", "va benefits", "the va ", " va health", "veterans affairs", "veteran's benefits",
  "veterans benefits", "champva" }
herald.source("tricare-pharmacy-costs", { title = "Pharmacy Costs", publisher = "TRICARE, Defense Health Agency",
  url = "https://tricare.mil/Costs/PharmacyCosts" })
local MILITARY_COSTS = herald.fixed {
  text = {
    "TRICARE and VA health care have their own drug costs and rules. They are not the same as Medicare's, so Medicare's yearly cap does not apply to them. TRICARE has its own copays and its own yearly limit on costs, and drugs on its list are free at a military pharmacy.",
    "Drug makers' copay cards usually cannot be used with these government plans, but charity foundations can still help with costs.",
    "Next step: ask your cancer center's financial counselor to check what you will pay, and call the number on your TRICARE or VA card with questions.",
  },
  sources = { "tricare-pharmacy-costs", "cancercare-fin" },
  suggest = { "Is there help with costs?", "Is there a helpline I can call?", "Can I keep working during treatment?" },
}
local MEDICARE_COSTS = {
  text = {
    "Medicare drug plans, called Part D, cover cancer pills such as tucatinib (Tukysa). Some pills, such as capecitabine (Xeloda), can be paid under Part B instead, so ask which part pays for each of your drugs. What you pay for covered Part D drugs has a yearly cap: 2,100 dollars in 2026. After that, they cost you nothing more that year. Medicare sets the cap again each year, so check the figure for this year with your plan or at Medicare.gov. IV drugs given in the clinic are paid under Part B instead.",
    "Copay cards from drug makers cannot be used with Medicare or other government plans. But charity foundations can help, and Medicare's Extra Help program lowers drug costs for people with a low income. Medicare can also spread what you owe over the year in monthly bills.",
    "Next step: ask your cancer center's financial counselor to check your plan and help you apply to a foundation or for Extra Help.",
  },
  sources = { "medicare-drug-costs", "medicare-extra-help", "oig-coupons" },
  suggest = { "Is there help with costs?", "Is there a helpline I can call?", "Can I keep working during treatment?" },
}
-- A cheaper copy of a drug (probe 9, R055, R044): which drugs have one. FDA
-- biosimilar list: trastuzumab and pertuzumab biosimilars; none for T-DM1 or
-- T-DXd at the last review. Hormone pills are old, low-cost generics.
herald.source("fda-biosimilars")
herald.source("fda-generics", { title = "Generic Drugs: Questions and Answers", publisher = "US Food and Drug Administration",
  url = "https://www.fda.gov/drugs/frequently-asked-questions-popular-topics/generic-drugs-questions-answers" })
local COPY_WORDS = { "generic", "biosimilar", "cheaper version", "cheaper copy", "cheaper one", "copy of", "knock off",
  "knockoff", "cheaper brand", "less expensive version", "cheaper option", "cheaper alternative" }
local HORMONE_PILLS = { "letrozole", "femara", "anastrozole", "arimidex", "exemestane", "aromasin", "tamoxifen",
  "hormone pill", "hormone pills", "hormone therapy", "hormone blocker" }
local COPIES = {
  text = {
    "Some cancer drugs have lower-cost versions and some do not. Trastuzumab (Herceptin) has several biosimilars, which are just as safe and work just as well, and pertuzumab (Perjeta) now has one. T-DM1 (Kadcyla) and T-DXd (Enhertu) had none in the US at our last review in December 2026.",
    "For drugs with no copy, the drug maker's patient assistance program, charity foundations and your insurance's appeal process are the usual ways to lower the cost.",
    "Next step: ask your cancer center's financial counselor what help fits your plan and your drug.",
  },
  sources = { "fda-biosimilars", "cancercare-fin", "nci-costs" },
  suggest = { "Is there help with costs?", "Are biosimilars as good as Herceptin?", "Is there a helpline I can call?" },
}
local HORMONE_PILL_COSTS = {
  text = {
    "Hormone pills such as letrozole, anastrozole, exemestane and tamoxifen are sold as generics, which work the same as the brands and are often low in cost. Prices still differ a lot from one pharmacy to the next.",
    "Ask your pharmacist for the generic, and compare prices at a few pharmacies or mail-order services. A 90-day supply often costs less. If the copay is still too high, your insurer may cover it at a lower tier, and charity foundations can help.",
    "Next step: ask your pharmacist or the cancer center's financial counselor to help you find the lowest price.",
  },
  sources = { "fda-generics", "cancercare-fin", "nci-costs" },
  suggest = { "Is there help with costs?", "What are aromatase inhibitors?", "How long do I take hormone therapy?" },
}
-- Old bills after treatment (probe 9, R070): nonprofit hospitals must have a
-- financial assistance policy, and people can apply after the bill came, often
-- for many months (IRS, section 501(r)); itemized bills and payment plans.
herald.source("irs-fap", { title = "Financial Assistance Policy and Emergency Medical Care Policy: Section 501(r)(4)",
  publisher = "Internal Revenue Service",
  url = "https://www.irs.gov/charities-non-profits/financial-assistance-policy-and-emergency-medical-care-policy-section-501r4" })
local PAST_BILLS = { "old bills", "old medical bills", "past bills", "previous bills", "bills from last year",
  "medical debt", "in debt", "collection", "credit score", "my credit", "still owe", "finished treatment",
  "after treatment", "treatment is over", "treatment ended", "years ago", "last year", "from last year", "from before",
  "done with chemo", "done with treatment", "years now", "since treatment" }
local PAST_BILLS_HELP = {
  text = {
    "Yes. Help is not only for people still in treatment. Most nonprofit hospitals must have a financial assistance program, sometimes called charity care, and you can often apply for bills you already got, even months later. It can lower a bill or wipe it out.",
    "Ask each hospital for an itemized bill and check it for errors. Billing offices often agree to a lower amount or a payment plan with no interest. Some charities also help with medical debt.",
    "Next step: call the hospital's billing office, ask for its financial assistance application, and ask them to pause collections while you apply.",
  },
  sources = { "irs-fap", "nci-costs", "cancercare-fin" },
  suggest = { "Is there help with costs?", "Is there a helpline I can call?", "Can I get disability benefits?" },
}

-- Made once (see support.trials above).
with_phone_speech(LIVING_COSTS)
with_phone_speech(TRAVEL_COSTS)
herald.on("support.costs", function(q)
  if told_denied(q) then return DENIED end
  if q:mentions(MILITARY, " " .. (q.message or q.text) .. " ") and not q:mentions({ "medicare" }) then return MILITARY_COSTS end
  if q:mentions(MEDICARE) then return MEDICARE_COSTS end
  if q:mentions(COPY_WORDS) then
    if q:mentions(HORMONE_PILLS) then return HORMONE_PILL_COSTS end
    return COPIES
  end
  if q:mentions(HORMONE_PILLS) then return HORMONE_PILL_COSTS end
  if q:mentions({ "bill", "debt", "owe", "collection" }) and q:mentions(PAST_BILLS) then return PAST_BILLS_HELP end
  if q:mentions(LIVING, " " .. (q.message or q.text) .. " ") then return LIVING_COSTS end
  if q:mentions(TRAVEL, " " .. (q.message or q.text) .. " ") then return TRAVEL_COSTS end
  if not q:mentions(ASKS_IF_HELP) then
    return { text = { COSTS.text[2], COSTS.text[3], COSTS.text[4] }, sources = COSTS.sources, suggest = COSTS.suggest }
  end
  return COSTS
end)

local INTEGRATIVE_BASE = {
  "They are not a cure, and they don't replace cancer treatment.",
  "Tell your care team before you start, since some need care with low blood counts or after surgery.",
  "Next step: ask if your cancer center has an integrative care program.",
}

herald.answer("support.integrative", {
  text = {
    "Yoga, meditation, acupuncture, massage and tai chi can ease stress, tiredness and some side effects, like nausea or joint pain.",
    INTEGRATIVE_BASE[1], INTEGRATIVE_BASE[2], INTEGRATIVE_BASE[3],
  },
  sources = { "nci-cam", "nccih" },
  suggest = { "How do I cope with fatigue?", "Can supplements interact with my treatment?", "Where can I find support?" },
})

-- A practice named with a symptom: say which, and keep the usual cautions.
local PRACTICES = {
  { "acupuncture", "Acupuncture" }, { "acupressure", "Acupressure" }, { "yoga", "Yoga" },
  { "meditat", "Meditation" }, { "mindful", "Mindfulness" }, { "massage", "Massage" },
  { "tai chi", "Tai chi" }, { "qi ?gong", "Qigong" }, { "reiki", "Reiki" },
  { "reflexology", "Reflexology" }, { "aromatherapy", "Aromatherapy" }, { "hypno", "Hypnosis" },
  { "music therapy", "Music therapy" }, { "art therapy", "Art therapy" }, { "relaxation", "Relaxation" },
  { "breathing", "Breathing exercises" }, { "journal", "Journaling" },
}
local SYMPTOMS = {
  { "nause", "nausea" }, { "vomit", "nausea" }, { "sick", "nausea" }, { "tired", "tiredness" },
  { "fatigue", "tiredness" }, { "energy", "tiredness" }, { "neuropath", "nerve symptoms" },
  { "numb", "nerve symptoms" }, { "tingl", "nerve symptoms" }, { "nerve", "nerve symptoms" },
  { "hot fl", "hot flashes" }, { "joint", "joint pain" }, { "pain", "pain" }, { "ache", "pain" },
  { "anxi", "anxiety" }, { "stress", "stress" }, { "sleep", "sleep problems" }, { "insomnia", "sleep problems" },
  { "mood", "low mood" }, { "depress", "low mood" }, { "lymph", "lymphedema" }, { "swell", "swelling" },
}

local function first_match(text, list, default)
  for _, p in ipairs(list) do
    if text:find(p[1]) then return p[2] end
  end
  return default
end

herald.on("support.integrative_symptom", function(q)
  local practice = first_match(q.text, PRACTICES, "Integrative care")
  local symptom = first_match(q.text, SYMPTOMS, "side effects")
  local extra = "Keep using the medicines your team gives you for it as well."
  if symptom == "nerve symptoms" then
    extra = "Tell your team about nerve symptoms too, since a change in your chemo dose may be needed."
  elseif symptom == "lymphedema" or symptom == "swelling" then
    extra = "For arm swelling, massage should come from a trained lymphedema therapist."
  end
  return {
    text = {
      practice .. " may help ease " .. symptom .. " for some people with cancer.",
      extra,
      INTEGRATIVE_BASE[1], INTEGRATIVE_BASE[2], INTEGRATIVE_BASE[3],
    },
    sources = { "nci-cam", "nccih" },
    suggest = { "Can yoga help?", "How can I manage nausea?", "How do I cope with fatigue?" },
  }
end)

herald.answer("support.second_opinion", {
  text = {
    "Getting a second opinion is common, and most doctors expect it.",
    "It can confirm the diagnosis, including the HER2 test, and the treatment plan, or point to other options such as trials.",
    "Many insurance plans cover it, but check first. Ask for your records, pathology report and scans to be sent.",
    "Next step: ask your oncologist to suggest a breast cancer specialist or a large cancer center.",
  },
  sources = { "nci-breast", "acs-questions" },
  suggest = { "What questions should I ask my doctor?", "How do I find a clinical trial?", "Is there help with costs?" },
})

herald.answer("support.new_diagnosis", with_phone_speech {
  text = {
    "A new diagnosis is a lot to take in. HER2-positive breast cancer is very treatable, and strong drugs target it.",
    "The first steps are to learn your stage and test results, and to meet your care team to plan treatment. Bring someone with you, and write questions down.",
    "You don't have to do this alone. The American Cancer Society helpline, 1-800-227-2345, is open 24 hours a day.",
    "Next step: ask if your center has a nurse navigator to guide you.",
  },
  sources = { "acs", "nci-breast" },
  suggest = { "What does HER2-positive mean?", "What questions should I ask my doctor?", "Is HER2-positive breast cancer curable?" },
})
