-- Life during and after treatment: bone care on aromatase inhibitors, pausing hormone
-- therapy to try for a baby (the POSITIVE trial), hormone replacement and vaginal estrogen,
-- advance directives, fear of needles, driving with brain spread, a loved one who refuses
-- treatment, and telling a real trial from a pay-to-join offer. Intents: intents/living.intents.
-- General information: each choice here is made with the care team.
herald.about { title = "Living with and after treatment", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local ACS_BC = "https://www.cancer.org/cancer/types/breast-cancer/"
local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-hormone", "Hormone Therapy for Breast Cancer", ACS, ACS_BC .. "treatment/hormone-therapy-for-breast-cancer.html")
src("acs-bone", "Bone-Directed Therapy for Breast Cancer", ACS, ACS_BC .. "treatment/bone-directed-therapy-for-breast-cancer.html")
src("nci-hormone", "Hormone Therapy for Breast Cancer", NCI, "https://www.cancer.gov/types/breast/breast-hormone-therapy-fact-sheet")
-- POSITIVE (N Engl J Med 2023;388:1645-56): women 42 or younger, stage 1-3 hormone receptor-positive
-- cancer, 18 to 30 months of hormone therapy, a pause of up to 2 years after a 3-month washout;
-- breast cancer events at about 3 years 8.9% against 9.2% in a matched outside group; 74% became
-- pregnant. Follow-up goes on to 2029 (checked with search, 2026-12-06).
src("ibcsg-positive", "POSITIVE study published in the New England Journal of Medicine (2023)",
  "International Breast Cancer Study Group",
  "https://www.ibcsg.org/en/all-news-and-events/433-positive-study-publication-in-the-new-england-journal-of-medicine")
src("acs-pregnancy-after", "Pregnancy After Breast Cancer", ACS, ACS_BC .. "living-as-a-breast-cancer-survivor/pregnancy-after-breast-cancer.html")
src("acs-mht-after", "Menopausal Hormone Therapy After Breast Cancer", ACS,
  ACS_BC .. "living-as-a-breast-cancer-survivor/menopausal-hormone-therapy-after-breast-cancer.html")
src("acog-vaginal-estrogen", "Treatment of Urogenital Symptoms in Individuals With a History of Estrogen-dependent Breast Cancer (Clinical Consensus No. 2, 2021)",
  "American College of Obstetricians and Gynecologists",
  "https://www.acog.org/clinical/clinical-guidance/clinical-consensus/articles/2021/12/treatment-of-urogenital-symptoms-in-individuals-with-a-history-of-estrogen-dependent-breast-cancer")
src("nci-advance-directives", "Advance Directives", NCI, "https://www.cancer.gov/about-cancer/managing-care/advance-directives")
src("nci-chemo", "Chemotherapy to Treat Cancer", NCI, "https://www.cancer.gov/about-cancer/treatment/types/chemotherapy")
src("cdc-port", "Caring for Your Catheter or Port", "Centers for Disease Control and Prevention (Preventing Infections in Cancer Patients)",
  "https://www.preventcancerinfections.org/health-tip-sheet/caring-your-catheter-or-port")
src("bcna-driving", "Rules for driving with metastatic breast cancer in the brain", "Breast Cancer Network Australia",
  "https://bcna.org.au/resource-hub/treatments/metastatic-breast-cancer-treatment/monitoring-metastatic-breast-cancer/managing-symptoms-of-brain-metastases/rules-for-driving-with-metastatic-breast-cancer-in-the-brain")
src("nop-driving", "Brain tumors and fitness to drive: a review and multi-disciplinary approach (Neuro-Oncology Practice, 2024)",
  "Neuro-Oncology Practice", "https://doi.org/10.1093/nop/npae119")
src("acs-refuses", "If Your Loved One Refuses Cancer Treatment", ACS,
  "https://www.cancer.org/treatment/caregivers/listen-with-your-heart/if-loved-one-refuses-treatment.html")
src("nci-palliative", "Palliative Care in Cancer", NCI, "https://www.cancer.gov/about-cancer/advanced-cancer/care-choices/palliative-care-fact-sheet")
src("ctgov", "Learn About Studies", "ClinicalTrials.gov, U.S. National Library of Medicine", "https://clinicaltrials.gov/study-basics/learn-about-studies")
src("nci-trials-what", "What Are Clinical Trials?", NCI, "https://www.cancer.gov/about-cancer/treatment/clinical-trials/what-are-trials")

herald.answer("living.bones", {
  text = {
    "Aromatase inhibitors lower estrogen. Over the years, that can thin the bones. Your team may check them with a bone density scan, called a DEXA scan, before you start and every year or two.",
    "What helps: enough calcium and vitamin D, from food or pills your team suggests. Walking and other exercise on your feet help, and so does muscle work. Not smoking and less alcohol help too.",
    "If your bones get thin, a bone drug such as zoledronic acid or denosumab (Prolia) can protect them. Next step: ask your team when your next bone scan is due, and if you need a bone drug.",
  },
  sources = { "acs-hormone", "acs-bone", "nci-hormone" },
  suggest = { "What are bone drugs?", "What are hormone therapy side effects?", "Can I exercise during treatment?" },
})

herald.answer("living.pregnancy_pause", {
  text = {
    "Some people pause hormone therapy to try for a baby, and a study called POSITIVE looked at it. It followed women aged 42 or younger with early breast cancer that feeds on hormones. After 18 to 30 months of hormone therapy, they paused it for up to 2 years to try for a baby.",
    "After about 3 years, the cancer had not come back more often than in women from earlier studies who did not pause. It was about 9 in 100 in both groups, and about 3 in 4 women got pregnant. These are group figures, not a forecast for one person, and the study goes on.",
    "In that study, tamoxifen was stopped 3 months before trying (its label asks for at least 2 months), since it can harm a baby. After a HER2 drug such as trastuzumab (Herceptin), the wait is longer: about 7 months after the last dose. Hormone therapy starts again after the baby. Next step: ask your oncologist if a pause could fit you, and ask to see a fertility doctor.",
  },
  sources = { "ibcsg-positive", "acs-pregnancy-after" },
  suggest = { "Can I get pregnant after breast cancer?", "Should I freeze my eggs before treatment?", "How long do I take tamoxifen?" },
})

local HRT = herald.fixed {
  text = {
    "Hormone replacement pills or patches send estrogen all through the body. Doctors usually avoid them after breast cancer, most of all if the cancer fed on hormones. In one large study, the cancer came back more often.",
    "For dryness or pain with sex, try options without hormones first: a vaginal moisturizer a few times a week, and a lubricant during sex. If that is not enough, a low dose of estrogen put only in the vagina may be an option for some. Little of it gets into the blood, and doctors are more careful with it if you take an aromatase inhibitor.",
    "Next step: ask your oncologist and your gynecologist to decide this with you.",
  },
  sources = { "acs-mht-after", "acog-vaginal-estrogen" },
  suggest = { "What helps hot flashes?", "How does treatment affect my sex life?", "What are hormone therapy side effects?" },
}
-- Hot flashes on tamoxifen, or an antidepressant with it (probe 12): the cards
-- live in life.lua (life.interactions), which these questions are handed to.
local TAMOXIFEN_SAID = { "tamoxifen", "nolvadex", "soltamox", "tamoxifin", "tamoxiphen" }
local ANTIDEPRESSANTS = { "paxil", "paroxetine", "prozac", "fluoxetine", "wellbutrin", "bupropion", "antidepress",
  "anti-depress", "ssri", "snri", "zoloft", "sertraline", "celexa", "citalopram", "lexapro", "escitalopram", "effexor",
  "venlafaxine", "cymbalta", "duloxetine" }
local HOT_SAID = { "hot fl", "hotfl", "night sweat", "sweats", "flushes", "flashes" }
herald.on("living.hrt", function(q)
  if q:mentions(TAMOXIFEN_SAID) and (q:mentions(HOT_SAID) or q:mentions(ANTIDEPRESSANTS)) then
    return herald.hand_over("life.interactions")
  end
  return HRT
end)

herald.answer("living.advance_directive", {
  text = {
    "An advance directive is a set of papers that says what care you want if you cannot speak for yourself. It often has two parts: a living will, which lists your wishes, and a health care proxy, the person you name to make medical decisions for you.",
    "Each US state has its own forms, often free from your state, your hospital or your care team. Many people fill them in while they are well, and doing it is not giving up. You can change them at any time.",
    "Talk with the person you name, and give copies to them and to your care team for your medical record. Next step: ask your care team or a social worker for your state's forms.",
  },
  sources = { "nci-advance-directives" },
  suggest = { "What is palliative care?", "How can I support my family?", "What questions should I ask my oncologist?" },
})

herald.answer("living.needles", {
  text = {
    "You are not alone, and infusion nurses help people with this every day. Tell them about your fear, and about any time you felt faint, before they start.",
    "Things that help: a numbing cream on the skin about an hour before, lying back during the stick, looking away, slow breathing, and music or a friend to talk to. Drinking water and keeping your arm warm make veins easier to find.",
    "A port is a small device put under the skin of the chest. It means fewer sticks in your arm over a long treatment. Next step: ask your team about numbing cream and whether a port makes sense for you, and about counseling if the fear is strong.",
  },
  sources = { "nci-chemo", "cdc-port" },
  suggest = { "What is a port?", "What happens on chemo day?", "Where can I get counseling?" },
})

herald.answer("living.driving_brain", {
  text = {
    "It depends on symptoms, on treatment and on the law where you live. Doctors often advise not driving for a time after brain spread is found, after brain surgery or radiation, and after any seizure.",
    "Rules differ from state to state and country to country, and some places ask doctors or drivers to report certain conditions. Steroids, pain medicine and tiredness can also slow reactions.",
    "Next step: ask the care team plainly whether it is safe to drive now, and whether a driving check with an occupational therapist could help. A social worker can help find rides in the meantime.",
  },
  sources = { "bcna-driving", "nop-driving" },
  suggest = { "What treatment is used for brain metastases?", "Are there programs that help with rides to treatment?", "What are the signs of brain metastases?" },
})

-- "What happens if she does nothing?": general and careful, no figure for one
-- person (the prognosis is the care team's to give, when it is wanted).
local NO_TREATMENT = herald.fixed {
  text = {
    "Without treatment, breast cancer usually grows over time and may spread to other parts of the body. How fast that happens differs a great deal from one person to the next.",
    "General numbers cannot tell what would happen to one person. The care team knows the cancer and the person's health, and can explain what they expect, if the person wants to hear it.",
    "Choosing no cancer treatment does not mean no care. Palliative care, and later hospice, treat pain and other symptoms, help with daily life, and support the family.",
    "Next step: ask the care team what to watch for, who to call, and how to plan care around what matters most.",
  },
  sources = { "foxchase-deciding", "acs-refuses", "nci-palliative" },
  suggest = { "What is palliative care?", "What is hospice care?", "How can I support someone with cancer?" },
}
herald.on("living.no_treatment", function() return NO_TREATMENT end)

-- Right after the card on refusing or on an older person weighing treatment,
-- "what then?", "and then what happens?": what no treatment means, said generally.
local WHAT_THEN = { "what then", "then what", "what happens", "what would happen", "what will happen", "what next",
  "what to expect", "what can we expect", "what should we expect" }
local function after_decline(q)
  return (q.previous == "living.older_decline" or q.previous == "living.refusing") and #(q.text or "") <= 60
    and q:mentions(WHAT_THEN, q.text or "")
end
local REFUSING = herald.fixed {
  text = {
    "This is very hard to watch. An adult who can make their own choices has the right to say no to treatment, even when family disagrees.",
    "Ask gently about the reasons: fear, side effects, cost, past experiences, faith, or a feeling that it is their time. Some fears can be eased by a talk with the doctor, a second opinion, or palliative care, which treats symptoms at any stage, with or without cancer treatment.",
    "Say what you think once, then keep offering your love and help. Next step: ask if they will come with you to talk it over with the care team, and find support for yourself too.",
  },
  sources = { "acs-refuses", "nci-palliative" },
  suggest = { "What is palliative care?", "Should I get a second opinion?", "How can I support someone with cancer?" },
}
-- An older person refusing (an age of 75 or more told, or words such as
-- grandma, elderly, frail) gets the card for older people weighing treatment,
-- which the ranker can prefer this one over in a letter.
local OLDER_TOLD = { "elderly", "too old", "frail", "grandma", "grandmother", "granny", "my gran", "my nan", "nana",
  "nanna", "grandad", "granddad", "grandpa", "grandfather", "in her eighties", "in his eighties", "in her nineties",
  "in his nineties", "in her 80s", "in his 80s", "in her 90s", "in his 90s", "in her late 80s", "in her late 90s" }
local function told_older(q)
  if q:mentions(OLDER_TOLD) then return true end
  local msg = " " .. (q.message or q.text or "") .. " "
  -- A pattern that begins with a class is tried at every position: only
  -- when two digits are there to be found.
  if not msg:find("%d%d") then return false end
  for pre, n, post in msg:gmatch("(%a*)%s*%f[%d](%d%d%d?)%f[%D]%s*([%a/]*)") do
    local age = tonumber(n)
    if age and age >= 75 and age <= 109 and (post == "year" or post == "years" or post == "yo" or post == "y/o"
        or post == "yrs" or pre == "is" or pre == "aged" or pre == "age" or pre == "at" or pre == "im" or pre == "turned") then
      return true
    end
  end
  return false
end
local SOMEONE_ELSE = { "my mum", "my mom", "my mother", "my dad", "my father", "grandma", "grandmother", "granny", "my gran",
  "my nan", "nana", "nanna", "grandad", "granddad", "grandpa", "grandfather", "my aunt", "my uncle", "my husband", "my wife",
  "my partner", " she ", " she's", " shes ", " he ", " he's", " hes ", " her ", " his ", " him ", "my parent", "my sister",
  "my brother", "my friend", " nan ", " nan's", " gran ", " gran's", " mum ", " mum's", " mom ", " mom's", " dad ",
  " dad's", " mother ", " father ", " auntie ", " aunt ", " uncle " }
-- "Is that allowed?", "can she do that?" right after the card (clinical review
-- 2026-12-07): yes, with what saying no does and does not mean. Any competent
-- patient may forgo treatment; palliative care and hospice stay available and
-- the oncologist stays in touch (Fox Chase, Deciding Against Cancer
-- Treatment; ACS, If your loved one refuses treatment).
local ALLOWED_ASKED = { "allowed", "legal", "is that ok", "is that okay", "is that alright", "can she do that",
  "can he do that", "can they do that", "can i do that", "can she say no", "can he say no", "can i say no",
  "can she refuse", "can he refuse", "can i refuse", "her right", "his right", "my right", "their right",
  "make her", "make him", "force her", "force him", "force me", "make me have" }
local ALLOWED_OTHER = {
  "Yes. An adult who can understand the choice has the right to say no to cancer treatment, at any age, even when family or doctors would choose differently.",
  "Saying no to cancer treatment is not saying no to care. The team can still see them, treat pain and other symptoms, and bring in palliative care and, later, hospice. They can talk it over with their oncologist again at any time.",
  "If you worry that they cannot weigh the choice, for example because of memory problems, tell the care team. They can check how well the choice is understood.",
  "Next step: ask what matters most to them now, and whether they would like you there when they talk to the team.",
}
local ALLOWED_SELF = {
  "Yes. An adult who can understand the choice has the right to say no to cancer treatment, at any age, even when family or doctors would choose differently.",
  "Saying no to cancer treatment is not saying no to care. Your team can still see you, treat pain and other symptoms, and bring in palliative care and, later, hospice. You can talk it over with your oncologist again at any time.",
  "Next step: tell your team what matters most to you now, and bring someone you trust to that talk.",
}
local OLDER_SELF = {
  "At any age, it is your right to choose how much treatment you want, including none. Your care team should respect your choice and keep caring for you.",
  "Before you decide, ask: What is the goal of treatment for me? What would each option mean for my daily life, energy and independence? What could happen if I choose less, or nothing?",
  "There is often a middle path. Teams discuss gentler plans for older people, such as a HER2 drug without chemo, milder chemo, or hormone pills alone when the cancer is also hormone receptor-positive. A geriatric assessment, simple checks of strength, memory, mood and help at home, shows what your body can handle.",
  "Palliative care is not giving up. It eases pain and other symptoms at any stage, with or without cancer treatment.",
  "Next step: ask for a long talk with your oncologist, and bring someone you trust.",
}
local OLDER_OTHER = {
  "An older adult who can make their own choices has the right to choose how much treatment to have, including none, even when family disagrees. The care team will respect that and keep caring for them.",
  "Questions that help: What is the goal of treatment for them? What would each option mean for their daily life, energy and independence? What could happen with less treatment, or none?",
  "There is often a middle path. Teams discuss gentler plans for older people, such as a HER2 drug without chemo, milder chemo, or hormone pills alone when the cancer is also hormone receptor-positive. A geriatric assessment, simple checks of strength, memory, mood and help at home, shows what their body can handle.",
  "Palliative care is not giving up. It eases pain and other symptoms at any stage, with or without cancer treatment.",
  "Next step: ask if you may join them for a long talk with the oncologist, and find support for yourself too.",
}
local OLDER_SOURCES = { "acs-refuses", "jco-older-decisions", "bco-respect", "nci-palliative" }
local function allowed_asked(q)
  if not ((q.previous == "living.older_decline" or q.previous == "living.refusing") and #(q.text or "") <= 60
      and q:mentions(ALLOWED_ASKED, " " .. (q.text or "") .. " ")) then
    return nil
  end
  local other = q:mentions(SOMEONE_ELSE, " " .. (q.message or q.text or "") .. " ")
  return { text = other and ALLOWED_OTHER or ALLOWED_SELF, sources = { "foxchase-deciding", "acs-refuses", "nci-palliative" },
    suggest = { "What happens if there is no treatment?", "What is palliative care?", "What is hospice care?" } }
end

herald.on("living.refusing", function(q)
  if after_decline(q) then return NO_TREATMENT end
  local allowed = allowed_asked(q)
  if allowed then return allowed end
  if told_older(q) then return herald.hand_over("living.older_decline") end
  return REFUSING
end)

-- An older person weighing whether to have treatment at all, or a family
-- member asking about one (blind patient probe 2026-12-07: both turns fell
-- back). Their right to choose (ACS), the questions that shape the choice,
-- gentler plans teams discuss (RESPECT: trastuzumab without chemo for women
-- 70 to 80 after surgery; hormone pills when the cancer is also hormone
-- receptor-positive), a geriatric assessment (J Clin Oncol review), and
-- palliative care at any stage (NCI). Never a choice made for them.
src("jco-older-decisions", "Treatment Decision Making in Older Adults With Cancer: A Narrative Review (J Clin Oncol, 2021)",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC8260915")
src("bco-respect", "Can Some Older Women With Early-Stage HER2-Positive Breast Cancer Skip Chemotherapy?", "Breastcancer.org",
  "https://www.breastcancer.org/research-news/can-older-women-w-early-her2-pos-bc-skip-chemo")
src("foxchase-deciding", "Deciding Against Cancer Treatment", "Fox Chase Cancer Center",
  "https://www.foxchase.org/blog/deciding-against-cancer-treatment")
herald.on("living.older_decline", function(q)
  if after_decline(q) then return NO_TREATMENT end
  local allowed = allowed_asked(q)
  if allowed then return allowed end
  local other = q:mentions(SOMEONE_ELSE, " " .. (q.message or q.text or "") .. " ")
  return { text = other and OLDER_OTHER or OLDER_SELF, sources = OLDER_SOURCES,
    suggest = { other and "What happens if she has no treatment?" or "What happens if I choose no treatment?",
      "What is palliative care?", "Is there a gentler treatment for older people?" } }
end)

herald.answer("living.fake_trial", {
  text = {
    "Be careful. A real trial is approved and watched by an ethics board, gives you a written consent form, and is usually listed on ClinicalTrials.gov with a number that starts with NCT. A listing alone does not prove it is safe.",
    "Real trials do not charge you to join or to get the study drug. Warning signs are big fees paid up front, promises of a cure, pressure to decide fast, and offers sent through social media.",
    "Next step: show the offer to your oncologist before you pay or sign anything, and search for the study by name on ClinicalTrials.gov.",
  },
  sources = { "ctgov", "nci-trials-what" },
  suggest = { "How do I find a clinical trial?", "What are the phases of clinical trials?", "What are my rights in a clinical trial?" },
})

-- ---------------------------------------------------------------------------
-- Feelings, family and daily life from blind patient probe 16 (2026-12-07):
-- intents in support.intents, outlook.intents, life.intents, living.intents
-- and misreading.intents name this plugin. Facts checked with search on
-- 2026-12-07 against the pages cited; docs/clinical-review.md, item 30.
-- ---------------------------------------------------------------------------
src("nci-feelings", "Feelings and Cancer", NCI, "https://www.cancer.gov/about-cancer/coping/feelings")
src("cancercare", "CancerCare: free counseling and support", "CancerCare", "https://www.cancercare.org/counseling")
src("cnet-grief", "Grief and Loss", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/coping-with-cancer/managing-emotions/grief-and-loss")
src("nci-caregivers", "Support for Caregivers of Cancer Patients", NCI, "https://www.cancer.gov/about-cancer/coping/caregiver-support")
src("acs-children", "Helping Children When a Family Member Has Cancer", ACS,
  "https://www.cancer.org/cancer/caregivers/helping-children-when-a-family-member-has-cancer.html")
src("acs-survival", "Survival Rates for Breast Cancer", ACS,
  ACS_BC .. "understanding-a-breast-cancer-diagnosis/breast-cancer-survival-rates.html")
src("seer-subtypes", "Cancer Stat Facts: Female Breast Cancer Subtypes", "NCI Surveillance, Epidemiology, and End Results Program",
  "https://seer.cancer.gov/statfacts/html/breast-subtypes.html")
src("acs-stage4", "Treatment of Stage IV (Metastatic) Breast Cancer", ACS,
  ACS_BC .. "treatment/treatment-of-breast-cancer-by-stage/treatment-of-stage-iv-advanced-breast-cancer.html")
src("nci-advanced", "Coping With Advanced Cancer", NCI, "https://www.cancer.gov/about-cancer/advanced-cancer/coping")
src("cruk-equality", "The Disability Discrimination Act and cancer", "Cancer Research UK",
  "https://www.cancerresearchuk.org/about-cancer/coping/practically/the-disability-discrimination-act-and-cancer")
src("govuk-disability", "Definition of disability under the Equality Act 2010", "GOV.UK",
  "https://www.gov.uk/definition-of-disability-under-equality-act-2010")
src("macmillan-travel", "How cancer can affect getting travel insurance", "Macmillan Cancer Support",
  "https://www.macmillan.org.uk/information-and-support/breast-cancer/breast-cancer-in-men/organising/travel-and-holidays/travel-insurance/cancer-affect-getting-insurance.html")
src("hc-lose-coverage", "If you lose job-based health insurance", "HealthCare.gov",
  "https://www.healthcare.gov/have-job-based-coverage/if-you-lose-job-based-coverage/")
src("dol-cobra", "Continuation of Health Coverage (COBRA)", "U.S. Department of Labor", "https://www.dol.gov/general/topic/health-plans/cobra")
src("cancercare-fin", "CancerCare Financial Assistance", "CancerCare", "https://www.cancercare.org/financial")
src("pal-2009", "Weight lifting in women with breast-cancer-related lymphedema (PAL trial, N Engl J Med 2009)",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa0810118")
src("pal-2010", "Weight lifting for women at risk for breast cancer-related lymphedema (PAL trial, JAMA 2010)",
  "Journal of the American Medical Association", "https://doi.org/10.1001/jama.2010.1837")
src("acs-lymphedema", "Lymphedema", ACS, "https://www.cancer.org/cancer/managing-cancer/side-effects/swelling/lymphedema.html")
src("nci-hot-flashes", "Hot Flashes and Night Sweats (PDQ), Patient Version", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/hot-flashes-pdq")
src("fda-veozah", "FDA approves novel drug to treat moderate to severe hot flashes caused by menopause",
  "U.S. Food and Drug Administration",
  "https://www.fda.gov/news-events/press-announcements/fda-approves-novel-drug-treat-moderate-severe-hot-flashes-caused-menopause")
src("acs-alcohol", "Alcohol Use and Cancer", ACS, "https://www.cancer.org/cancer/risk-prevention/diet-physical-activity/alcohol-use-and-cancer.html")

local function card(t) return herald.fixed(t) end

-- "What if it's bad news?" (scan anxiety): what happens if it is, and the wait.
herald.on("support.bad_news", function() return card {
  text = {
    "It is very natural to fear bad news while you wait. Whatever the result, you will not be left alone with it.",
    "If a scan shows a change, it is the start of a plan, not the end of one. Your team will explain what it means and what can be done, and HER2-positive cancer has many treatments, with more coming.",
    "For the day itself, bring someone with you, write your questions down, and ask the team to slow down or repeat things. A counselor or CancerCare's free phone counseling can help with the wait.",
    "Next step: ask your team how and when you will get the results, so you are not caught off guard.",
  },
  sources = { "nci-feelings", "cancercare" },
  suggest = { "Can I get counselling?", "Where can I find support groups?", "What questions should I ask my oncologist?" },
} end)

-- Survivor guilt and grief for a friend met through cancer.
local GRIEF = card {
  text = {
    "I am so sorry about your friend. Losing someone who went through cancer with you hurts in a special way, and it can bring up fear for yourself too.",
    "Feeling guilty that you are still here has a name, survivor guilt, and it is common. It does not mean you did anything wrong. Every cancer is different, and what happened to your friend does not tell what will happen to you.",
    "Let yourself grieve. Talking helps: a counselor, your support group, or a grief group. CancerCare offers free counseling by phone.",
    "Next step: tell your care team or social worker how you are feeling, and ask about grief support.",
  },
  sources = { "cnet-grief", "nci-feelings", "cancercare" },
  suggest = { "Can I get counselling?", "Where can I find support groups?", "Is there a helpline I can call?" },
}
herald.on("support.grief", function() return GRIEF end)

-- A partner who says "I'm fine", and helping at infusions.
herald.on("support.partner", function() return card {
  text = {
    "Many partners say they are fine because they want to protect you. They are often scared and tired too, and caregivers need support as well.",
    "Try a calm moment and an open question, such as: What worries you most? You can say that you want to share the hard parts, not hide them from each other.",
    "At infusions, a partner can come along, keep notes and questions, bring snacks, a blanket or something to do, drive you home, and help watch for side effects after. Ask the team if visitors are allowed.",
    "Next step: ask your cancer center's social worker about support for partners, or look at CancerCare's free counseling for caregivers.",
  },
  sources = { "nci-caregivers", "cancercare" },
  suggest = { "Is there support for my family?", "What happens on chemo day?", "Can I get counselling?" },
} end)

-- A grown-up son or daughter giving things up to care for the writer.
local ADULT_CHILD = card {
  text = {
    "Feeling guilty when a grown-up child gives things up to care for you is very common. It shows how much you care about their life too.",
    "Caring is often something children want to do. Talk openly about what they can give and what they need for themselves, such as time off, their work, and their own plans.",
    "Share the load: other family, friends, volunteers, or help at home through your care team. Caregivers can get their own support, including counseling from CancerCare.",
    "Next step: ask your cancer center's social worker to help you and your family plan care together.",
  },
  sources = { "nci-caregivers", "nci-feelings", "cancercare" },
  suggest = { "Is there support for my family?", "Can I get counselling?", "Where can I find support groups?" },
}
herald.on("support.adult_child", function() return ADULT_CHILD end)

-- Old figures read by a relative.
herald.on("outlook.old_stats", function() return card {
  text = {
    "Figures from many years ago are out of date for HER2-positive breast cancer. Before HER2 drugs, it was one of the harder types to treat.",
    "Trastuzumab (Herceptin) changed that, and newer HER2 drugs followed. Today, most people with HER2-positive cancer found before it spreads are alive 5 years later, and people whose cancer has spread are living longer than before.",
    "Even new figures come from people treated years ago, so they cannot say what will happen to one person.",
    "Next step: ask the care team to explain the outlook for this cancer, with the person's permission, and share it with the family.",
  },
  sources = { "seer-subtypes", "acs-survival" },
  suggest = { "What are the survival rates for HER2-positive breast cancer?", "How is HER2-positive breast cancer treated?", "Is there support for my family?" },
} end)

-- "Am I terminal? How many weeks?" after news of spread.
local BRAIN_SAID = { "brain", "head mets", "mets in my head", "gamma knife" }
local TIME_LEFT = {
  "I am so sorry you are facing this news. No one can tell how many weeks or months someone has from a scan result alone.",
  "When breast cancer has spread, it usually cannot be cured, but it can often be treated and kept under control, many times for years. HER2-positive cancer has several treatments, and more are coming.",
  "Next step: ask your team what the new result means for you, what the plan is, and how palliative care can help with symptoms and worry. A counselor or support line can help you and your family too.",
}
local TIME_LEFT_BRAIN = {
  "I am so sorry you are facing this news. No one can tell how many weeks or months someone has from a scan result alone.",
  "Spread to the brain is treated. Focused radiation, surgery, and HER2 drugs that reach the brain can shrink or control the spots, and many people live well for a long time after.",
  "Next step: ask your team what the new result means for you, what the plan is, and how palliative care can help with symptoms and worry. A counselor or support line can help you and your family too.",
}
herald.on("outlook.time_left", function(q)
  return {
    text = q:mentions(BRAIN_SAID) and TIME_LEFT_BRAIN or TIME_LEFT,
    sources = { "acs-stage4", "nci-advanced", "nci-palliative" },
    suggest = { "What treatment is used for brain metastases?", "What is palliative care?", "Can I get counselling?" },
  }
end)

-- Rights at work in the UK.
-- Asked on after the UK card ("and in the US?"): the US card (ADA, FMLA) in life.lua.
local US_SAID = { " us", "u.s.", "usa", "america", "united states", "states", "ada", "fmla", "disabilities act" }
local UK_SAID = { " uk", "u.k.", "england", "scotland", "wales", "ireland", "britain", "british", "equality act", "acas",
  "statutory sick", "adjustment" }
local WORK_UK = card {
  text = {
    "In the UK, the Equality Act 2010 counts cancer as a disability from the day you are diagnosed. You are covered even if you feel well, and for life.",
    "That means your employer must not treat you worse because of cancer, and must make reasonable adjustments, such as time off for treatment, flexible hours, working from home, or lighter duties for a while. Northern Ireland has a similar law.",
    "You do not have to tell your employer, but they can only make changes if they know. Keep notes of what you agree.",
    "Next step: talk to your manager or HR, and if you need advice, contact Macmillan's support line or Acas.",
  },
  sources = { "govuk-disability", "cruk-equality" },
  suggest = { "Can I keep working during treatment?", "Where can I get help with costs?", "Is there a helpline I can call?" },
}
herald.on("life.work_uk", function(q)
  if q:mentions(US_SAID, q.text or "") and not q:mentions(UK_SAID, q.text or "") then return herald.hand_over("life.work") end
  return WORK_UK
end)

-- Travel insurance, and not telling the insurer.
local TRAVEL_INS = card {
  text = {
    "You can often get travel insurance during treatment, but it may cost more or leave out claims linked to the cancer. Specialist brokers help people with medical conditions.",
    "Tell the insurer about the cancer and your treatment, and about any change before you go. If you leave it out, they can refuse to pay a claim, even one that seems unrelated.",
    "Check with your team that you are fit to travel, and ask for a letter with your medicines.",
    "Next step: before you book, ask your care team if the trip fits your treatment dates.",
  },
  sources = { "macmillan-travel" },
  suggest = { "Can I travel during treatment?", "Can I fly during chemo?", "Where can I get help with costs?" },
}
local NOT_TELL = card {
  text = {
    "I understand why you might want to leave it out: cover can cost more. But please do tell the insurer about the cancer and your treatment.",
    "If you don't, the insurer can refuse to pay any claim, even one that has nothing to do with the cancer, and care abroad can cost a great deal.",
    "A specialist broker for people with medical conditions can often find cover. Macmillan and other charities list some.",
    "Next step: be open on the form, and keep a copy of what you told them.",
  },
  sources = { "macmillan-travel" },
  suggest = { "Can I travel during treatment?", "Where can I get help with costs?", "Can I fly during chemo?" },
}
local NOT_TELL_SAID = { "won't mention", "wont mention", "not mention", "not going to mention", "won't tell", "wont tell",
  "not tell", "don't tell", "dont tell", "not declare", "don't declare", "dont declare", "won't declare", "wont declare",
  "not disclose", "don't disclose", "dont disclose", "without telling", "without declaring", "never know", "not know",
  "skip it", "leave it off", "leave it out", "rather not" }
herald.on("life.travel_insurance", function(q)
  return q:mentions(NOT_TELL_SAID) and NOT_TELL or TRAVEL_INS
end)

-- Lost a job and health insurance during treatment (US).
herald.on("support.lost_insurance", function() return card {
  text = {
    "Losing your job and insurance during treatment is frightening, but there are ways to keep your care going. Please don't stop or skip treatment because of cost before you talk to your team.",
    "You may be able to keep your work plan through COBRA, usually for 18 months, though you often pay the full cost. Losing job-based cover also lets you sign up for a Marketplace plan within 60 days, often with savings based on income. You can apply for Medicaid at any time.",
    "Your cancer center's financial counselor or social worker can help you choose, and drug makers and CancerCare have help with costs.",
    "Next step: call your care team this week and ask to see a financial counselor.",
  },
  sources = { "hc-lose-coverage", "dol-cobra", "cancercare-fin" },
  suggest = { "Where can I get help with costs?", "Can I keep working during treatment?", "Is there a helpline I can call?" },
} end)

-- Lifting weights after lymph node surgery.
herald.answer("living.weights", {
  text = {
    "For most people, yes. Strength training that starts light and builds up slowly is safe after lymph node surgery, and it helps your strength and arm use.",
    "A large study called PAL found that slow, guided weight lifting did not raise the risk of lymphedema in women at risk, and in women who had it, it did not make it worse and led to fewer flare-ups.",
    "Start with light weights and a trained coach or physical therapist, build up a little at a time, and wear your sleeve if you were given one. Stop and tell your team if the arm swells, aches or feels heavy.",
    "Next step: ask your team when you can start after surgery, and for a referral to a physical therapist.",
  },
  sources = { "pal-2010", "pal-2009", "acs-lymphedema" },
  suggest = { "What is lymphedema?", "Can I exercise during treatment?", "How can I lower my risk of lymphedema?" },
})

-- Hot flushes on hormone therapy: options without hormones.
-- Chosen by the ranker alone for a hot flash question that asks for no
-- medicine (a man on tamoxifen, "anything that helps?"): the side-effect
-- card, which has the men's form.
local NONHORMONAL_SAID = { "non-hormon", "nonhormon", "non hormon", "without hormones", "no hormones", "not hormones",
  "medicine", "medication", "pill", "tablet", "drug", "prescri", "antidepress", "gabapentin", "fezolinetant", "veozah",
  "venlafaxine", "effexor", "oxybutynin", "clonidine", "elinzanetant" }
local HOT_FLASHES = herald.fixed {
  text = {
    "Hot flashes are common on hormone therapy, and there are options without hormones. Cooling tips help some: layers, a fan, a cool bedroom, and less alcohol and spicy food.",
    "Medicines that can help include low doses of some antidepressants, such as venlafaxine, and gabapentin. Some antidepressants, such as paroxetine and fluoxetine, can weaken tamoxifen, so your team picks one that fits your drugs.",
    "A newer non-hormone pill, fezolinetant (Veozah), is approved for menopause hot flashes. It needs liver blood tests, and it has been less studied in people with breast cancer, so ask if it could suit you.",
    "Next step: tell your team how much the hot flashes affect your sleep and life, and ask which option fits you.",
  },
  sources = { "nci-hot-flashes", "fda-veozah", "acs-hormone" },
  suggest = { "What are hormone therapy side effects?", "Can I take HRT after breast cancer?", "How do I protect my bones on letrozole?" },
}
src("nci-men", "Male Breast Cancer Treatment (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/male-breast-treatment-pdq")
local MAN_TAMOXIFEN = herald.fixed {
  text = {
    "Men take tamoxifen too, most often for breast cancer that is hormone receptor-positive. Hot flashes are one of its common side effects in men as well, and so are changes in sex drive and mood.",
    "Hot flashes often ease after the first months. Cooling tips help some men, and the team can suggest medicine if they are hard to live with.",
    "Next step: tell the care team how much the hot flashes bother him, and ask what can help.",
  },
  sources = { "nci-men", "nci-hot-flashes" },
  suggest = { "What are hormone therapy side effects?", "Can men get breast cancer?", "How long do I take tamoxifen?" },
}
herald.on("living.hot_flashes", function(q)
  -- One hop only: tamoxifen for a man goes straight to the men's tamoxifen card, as se.hormone sends it.
  if q:about_a_man() and q:mentions(TAMOXIFEN_SAID) then return MAN_TAMOXIFEN end
  if q:about_a_man() or not q:mentions(NONHORMONAL_SAID) then return herald.hand_over("se.hormone") end
  if not q:mentions(HOT_SAID) then return herald.hand_over("treatment.hormone_therapy") end
  return HOT_FLASHES
end)

-- A family that disagrees about treating an older relative; "doing nothing
-- would be cruel, right?" gets its own card (asked after the first, it would
-- otherwise be the same card again).
local CRUEL_SAID = { "cruel", "inhumane", "unkind", "wrong", "neglect", "giving up", "give up on" }
local CRUEL = herald.fixed {
  text = {
    "No. Choosing not to have cancer treatment is not cruel, and neither is choosing treatment. Either can be the caring choice, depending on the person.",
    "What matters most is what the person wants, what they can manage, and what the team expects treatment to do for them. Without cancer treatment, care goes on: palliative care treats pain and other symptoms and supports the family.",
    "Next step: ask the person, if they can say, what matters most to them, and bring that to a family meeting with the care team.",
  },
  sources = { "acs-refuses", "nci-palliative" },
  suggest = { "What is palliative care?", "What happens if she does nothing?", "Is there support for my family?" },
}
local FAMILY_DISAGREE = herald.fixed {
  text = {
    "This is a painful place for a family to be. Treating and not treating can both be loving choices. Neither one is cruel in itself, and choosing no cancer treatment does not mean no care.",
    "The person's own wishes come first, if they can share them. Ask what matters most to them, what they fear, and what a good day looks like.",
    "A meeting with the care team can help: ask what treatment could offer at this age and health, what it would take, and what would happen without it. Palliative care can ease symptoms either way.",
    "Next step: ask the team for a family meeting, with a social worker or palliative care team there.",
  },
  sources = { "acs-refuses", "nci-palliative" },
  suggest = { "What is palliative care?", "What happens if she does nothing?", "Is there support for my family?" },
}
herald.on("living.family_disagree", function(q)
  return q:mentions(CRUEL_SAID, q.text or "") and CRUEL or FAMILY_DISAGREE
end)

-- "So a bottle of wine a night is fine then": the alcohol card misread.
herald.answer("misreading.alcohol_fine", {
  text = {
    "No, I'm sorry if it sounded that way. A bottle of wine a night is a lot of alcohol, and more alcohol means more risk.",
    "Alcohol raises the risk of breast cancer, and the risk grows with each drink. During treatment it can also make nausea and mouth sores worse and mix badly with some medicines.",
    "Less is better, and none is best. If cutting down is hard, you are not alone, and your care team can help without judging.",
    "Next step: ask your team how much, if any, is safe with your treatment.",
  },
  sources = { "acs-alcohol" },
  suggest = { "Can I drink alcohol during treatment?", "What should I eat during treatment?", "Can I exercise during treatment?" },
})

-- "Was it the pill?": hormonal birth control and breast cancer risk, no blame.
src("nci-oc", "Oral Contraceptives (Birth Control Pills) and Cancer Risk", NCI,
  "https://www.cancer.gov/about-cancer/causes-prevention/risk/hormones/oral-contraceptives-fact-sheet")
src("acs-lifestyle-risk", "Lifestyle-related Breast Cancer Risk Factors", ACS,
  ACS_BC .. "risk-and-prevention/lifestyle-related-breast-cancer-risk-factors.html")
herald.answer("outlook.pill_risk", {
  text = {
    "It is natural to look for a reason. Birth control that contains hormones, such as the pill, raises the risk of breast cancer slightly while you use it and for some years after. The risk falls back over time after stopping.",
    "For one person, no one can say that the pill caused the cancer. Most people who took it never get breast cancer, and many who never took it do. Most breast cancers have no single cause, and it is not your fault.",
    "Next step: ask your team which kind of birth control is safe for you now, since hormone methods are usually avoided after breast cancer.",
  },
  sources = { "nci-oc", "acs-lifestyle-risk" },
  suggest = { "What are risk factors for breast cancer?", "What birth control can I use during treatment?", "Did I cause my own cancer?" },
})

-- A reaction at an earlier infusion, handled at the time: will it happen again?
herald.source("label-trastuzumab")
herald.answer("living.reaction_again", {
  text = {
    "It is good that the nurses caught it and that it settled. Reactions such as chills and fever are most common with the first infusion of trastuzumab (Herceptin), and they happen less often with later ones.",
    "Next time, the team may give medicine beforehand, such as an antihistamine or acetaminophen, and run the drip more slowly. Tell the nurse about the last reaction before they start, and tell them at once if you feel odd during the infusion.",
    "After you go home, call your care team if a fever or chills come on. Next step: ask your team what they will do to prevent it at your next infusion.",
  },
  sources = { "label-trastuzumab" },
  suggest = { "What is an infusion reaction?", "What happens on chemo day?", "What are the side effects of Herceptin?" },
})
