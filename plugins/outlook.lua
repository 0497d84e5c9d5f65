-- Outlook: survival figures (as estimates), cure, how aggressive HER2-positive
-- cancer is, symptoms, risk factors, prevention, coming back, and spread.
-- Intents: intents/outlook.intents. Population figures are always framed as
-- estimates; personal prognosis belongs to the care team.
herald.about { title = "Outlook, symptoms, risk and spread", reviewed = "2026-11-22",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("seer-subtypes", "Female Breast Cancer Subtypes (Cancer Stat Facts)", "SEER Program, National Cancer Institute", "https://seer.cancer.gov/statfacts/html/breast-subtypes.html")
src("acs-survival", "Survival Rates for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-survival-rates.html")
src("acs-her2", "Breast Cancer HER2 Status", ACS, "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
src("acs-signs", "Breast Cancer Signs and Symptoms", ACS, "https://www.cancer.org/cancer/types/breast-cancer/screening-tests-and-early-detection/breast-cancer-signs-and-symptoms.html")
src("acs-lifestyle", "Lifestyle-related Breast Cancer Risk Factors", ACS, "https://www.cancer.org/cancer/types/breast-cancer/risk-and-prevention/lifestyle-related-breast-cancer-risk-factors.html")
src("acs-men", "Breast Cancer in Men", ACS, "https://www.cancer.org/cancer/types/breast-cancer-in-men.html")
src("acs-men-survival", "Survival Rates for Breast Cancer in Men", ACS, "https://www.cancer.org/cancer/types/breast-cancer-in-men/detection-diagnosis-staging/survival-rates.html")
src("nci-men", "Male Breast Cancer Treatment (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/male-breast-treatment-pdq")
src("nci-prevention", "Breast Cancer Prevention (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/breast-prevention-pdq")
src("nci-breast", "Breast Cancer, Patient Version", NCI, "https://www.cancer.gov/types/breast")
src("nci-metastatic", "Metastatic Cancer: When Cancer Spreads", NCI, "https://www.cancer.gov/types/metastatic-cancer")
src("nci-recurrent", "Recurrent Cancer: When Cancer Comes Back", NCI, "https://www.cancer.gov/types/recurrent-cancer")
herald.source("label-tucatinib") -- shared with the other plugins (lua/herald.lua)

-- SEER's subtype figures are women's. When the message is about a man, say so
-- (in words that still read right if the writer is a woman whose husband asks).
local MAN = { "my dad", "my father", "my husband", "my brother", "my son", "my grandpa", "my grandfather", "my uncle",
  "my partner he", " he ", " his ", " him ", "he's", "male breast", " men ", " man ", "as a man", "i'm a man", "im a man",
  "i am a man", "i'm male", "im male", "i am male" }
local MAN_NOTE = "If you are asking about a man: these figures come from women. Breast cancer in men is rare, and the American Cancer Society keeps separate figures for men."

local SURVIVAL = {
  text = {
    "Survival figures are estimates from large groups of people. They can't predict what will happen to one person.",
    "They compare people with the cancer to people without it, 5 years after diagnosis.",
    "For HER2-positive cancer that is also hormone receptor-positive, US figures are about 99% when it has not spread outside the breast.",
    "They are about 90% when it has spread nearby, such as to lymph nodes, and about 46% when it has spread to distant organs.",
    "When the cancer is hormone receptor-negative, the figures are about 97%, 84% and 40%.",
    "The numbers come from people treated years ago, and treatment keeps getting better.",
    "Next step: ask your oncologist what your own results mean for you.",
  },
  sources = { "seer-subtypes", "acs-survival" },
  suggest = { "Is HER2-positive breast cancer curable?", "Is HER2-positive more aggressive?", "What questions should I ask my doctor?" },
}

-- A child's question to a parent ("my 7 year old asked if I'm going to die,
-- what do I say?", blind grading 2026-12-07: it got survival figures): the
-- support plugin's card on talking with children.
local CHILD_SAID = { "my kid", "my child", "my son", "my daughter", "my boy", "my girl", "my little", "my toddler",
  "year old", "yo ", "yr old", "my teen", "my children", "the kids" }
local CHILD_ASKS = { "what do i say", "what should i say", "what do i tell", "what should i tell", "how do i tell",
  "how do i explain", "how do i answer", "how should i answer", "asked me", "asks me", "asking me", "asked if",
  "asks if", "asked whether", "keeps asking", "talk to", "explain to" }
-- A teenager asking whether a parent will die needs words for a teen, not
-- group survival figures (blind probe 14: a 15-year-old got the 5-year
-- figures for cancer that has spread). Declared here: the handler below uses it.
local A_PARENT = { "my mom", "my mum", "my mother", "my dad", "my father", "my mommy", "my mama", "my parent" }
herald.on("outlook.survival", function(q)
  if q:mentions(CHILD_SAID) and q:mentions(CHILD_ASKS) then return herald.hand_over("support.children") end
  if q:writer_is_minor() and q:mentions(A_PARENT) then return herald.hand_over("support.teen_parent") end
  if not q:mentions(MAN, " " .. (q.message or q.text) .. " ") then return SURVIVAL end
  local text = {}
  for i, s in ipairs(SURVIVAL.text) do text[i] = s end
  table.insert(text, #text, MAN_NOTE)
  return { text = text, sources = { "seer-subtypes", "acs-survival", "acs-men-survival" }, suggest = SURVIVAL.suggest }
end)

-- "How long does my husband have?" (outlook.loved_one): the safety layer's
-- deferral for someone else's prognosis comes first ("their care team knows
-- their case best"). What follows is the general picture with no figure for
-- the person: treatment for spread HER2-positive cancer goes in steps and
-- there are many HER2 medicines now (ACS stage IV treatment; NCI metastatic
-- cancer), how to ask the team, and help for the one who cares for them (NCI
-- caregiver support; CancerCare). Told no spread, the card first says that
-- spread is what matters most, and does not assume it.
src("acs-stage4", "Treatment of Stage IV (Metastatic) Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/treatment-of-breast-cancer-by-stage/treatment-of-stage-iv-advanced-breast-cancer.html")
src("nci-caregivers", "Support for Caregivers of Cancer Patients", NCI, "https://www.cancer.gov/about-cancer/coping/caregiver-support")
src("cancercare", "CancerCare: free counseling and support", "CancerCare", "https://www.cancercare.org/counseling")
local LOVED_STEPS = "Treatment goes in steps. When one medicine stops working, the team moves on to the next. There are many HER2 medicines now, such as trastuzumab (Herceptin) with pertuzumab (Perjeta), trastuzumab deruxtecan (Enhertu) and tucatinib (Tukysa), so there are often several steps to try."
local LOVED_ASK = "No number can say how long one person has. It depends on where the cancer is, how it responds to treatment, and how well they are otherwise. With their permission, you could ask the team: what is the goal of treatment now, how is it working, and what should we plan for?"
local LOVED_CARER = "Caring for someone you love is hard, and you need support too. Palliative care helps with symptoms and stress at any stage, and groups such as CancerCare offer free counseling for carers. Next step: write your questions down and go to the next visit together if you can."
local LOVED_SPREAD = {
  text = {
    "When HER2-positive breast cancer has spread to other organs (stage 4), it usually can't be cured. But it can often be treated and kept under control for a long time.",
    LOVED_STEPS, LOVED_ASK, LOVED_CARER,
  },
  sources = { "acs-stage4", "nci-metastatic", "nci-caregivers", "cancercare" },
  suggest = { "How is metastatic HER2-positive breast cancer treated?", "What is palliative care?", "How can I support my family member?" },
}
local LOVED = {
  text = {
    "What matters most is whether the cancer has spread. Most HER2-positive cancer that has not spread beyond the breast and nearby lymph nodes is treated with the aim of curing it.",
    "When it has spread to other organs (stage 4), it usually can't be cured, but it can often be kept under control for a long time. " .. LOVED_STEPS,
    LOVED_ASK, LOVED_CARER,
  },
  sources = { "acs-stage4", "nci-metastatic", "nci-caregivers", "cancercare" },
  suggest = { "Is HER2-positive breast cancer curable?", "What is palliative care?", "How can I support my family member?" },
}
local LOVED_SPREAD_SAID = { "stage 4", "stage four", "stage iv", "metastatic", "mbc", "spread", "terminal", "secondary",
  "in her liver", "in his liver", "in her bones", "in his bones", "in her lungs", "in his lungs", "in her brain",
  "in his brain", "to her liver", "to his liver", "to the liver", "to the bones", "to the lungs", "to the brain" }
herald.on("outlook.loved_one", function(q)
  if q:writer_is_minor() and q:mentions(A_PARENT) then return herald.hand_over("support.teen_parent") end
  if q:mentions(LOVED_SPREAD_SAID) and not q:mentions({ "not spread", "hasn't spread", "has not spread", "no spread" }) then
    return LOVED_SPREAD
  end
  return LOVED
end)

local CURE = {
  text = {
    "Often, yes. Most people with early-stage HER2-positive breast cancer are cured with treatment.",
    "That treatment usually means surgery, chemo and HER2 drugs such as trastuzumab (Herceptin).",
    "When the cancer has spread to distant organs (stage 4), it usually can't be cured. But it can often be controlled for years, and new drugs help people live longer.",
    "Next step: ask your team if the goal of your treatment is cure or long-term control.",
  },
  sources = { "acs-her2", "nci-breast" },
  suggest = { "What are the survival numbers for HER2-positive breast cancer?", "How is HER2-positive breast cancer treated?", "Will it come back?" },
}

-- Asked about cancer that has spread: the honest answer comes first, gently.
local CURE_METASTATIC = {
  text = {
    "I'm sorry to say that stage 4 (metastatic) HER2-positive breast cancer usually can't be cured.",
    "But it can be treated, often for a long time. For many people, HER2 drugs keep it controlled for years, and newer drugs help people live longer than before.",
    "The aim of treatment is to control the cancer and help you feel as well as you can. How it goes differs a lot from person to person.",
    "Next step: ask your care team what the goal of your treatment is and what they expect for you.",
  },
  sources = { "acs-her2", "nci-metastatic" },
  suggest = { "How is metastatic HER2-positive breast cancer treated?", "What is palliative care?", "Where can I find support?" },
}

-- Breast cancer in the liver, lungs, brain or bones has spread (stage 4),
-- whether or not the person says "spread". But "her liver scan was clear" or
-- "it has not spread" says the opposite: with a "no" or "clear" anywhere in the
-- message, the answer that covers both cases is given instead.
local SPREAD_WORDS = { "stage 4", "stage four", "stage iv", "metasta", "mets", "spread", "advanced", "secondary",
  "terminal", "mbc", "de novo", "incurable", "liver", "lung", "brain", "in the bone", "in my bone", "in her bone",
  "to the bone", "bones" }
local NOT_SPREAD = { "no ", "not ", "n't", "clear", "normal", "negative", "only in", "never" }
local CAME_BACK = { "came back", "come back", "comes back", "coming back", "recur", "relapse", "returned" }

-- Came back, and nothing says where: the honest answer for a recurrence.
local CURE_RECURRENCE = {
  text = {
    "It depends on where it came back.",
    "Cancer that comes back only in the breast, the chest wall or nearby lymph nodes can often still be treated with the goal of cure. Scans check whether it has spread.",
    "If it has spread to distant organs, such as the bones, liver, lungs or brain, it usually can't be cured, but it can often be controlled for years.",
    "Next step: ask your care team where the cancer is now and what the goal of treatment is.",
  },
  sources = { "nci-recurrent", "nci-metastatic" },
  suggest = { "Is a recurrence the same as metastatic?", "How is metastatic HER2-positive breast cancer treated?", "Where can I find support?" },
}

herald.on("outlook.cure", function(q)
  -- The whole message: "it's in her liver now. can it be cured?"
  local spread = q:mentions(SPREAD_WORDS)
  if spread and not q:mentions(NOT_SPREAD) then return CURE_METASTATIC end
  if q:mentions(CAME_BACK) and not spread then return CURE_RECURRENCE end
  return CURE
end)

herald.answer("outlook.aggressive", {
  text = {
    "HER2-positive cancer tends to grow and spread faster than some other types.",
    "That is because extra HER2 protein pushes the cancer cells to grow.",
    "The good news is that targeted drugs, like trastuzumab (Herceptin), block HER2 and work very well.",
    "Since these drugs came in, the outlook has improved a lot.",
    "Next step: ask your team about the stage and grade of your cancer.",
  },
  sources = { "acs-her2", "acs-targeted" },
  suggest = { "What are the survival numbers for HER2-positive breast cancer?", "Is it curable?", "Can it spread to the brain?" },
})

herald.answer("outlook.symptoms", {
  text = {
    "The most common sign of breast cancer is a new lump or thick spot in the breast or armpit.",
    "Other signs are a change in breast size or shape, skin that dimples or turns red, a nipple that turns inward, nipple fluid, or breast pain or swelling.",
    "Many lumps are not cancer. Some cancers cause no signs and are found on a mammogram. HER2-positive cancer has the same signs as other types.",
    "Next step: see a doctor soon about any new breast change.",
  },
  sources = { "acs-signs", "nci-breast" },
  suggest = { "What are risk factors for breast cancer?", "What does HER2-positive mean?", "Can I prevent breast cancer?" },
})

local RISK = herald.fixed {
  text = {
    "The main risk factors are being a woman, getting older, and a family history or a gene change such as BRCA.",
    "Risks you can change are drinking alcohol, extra weight after menopause, not being active, and smoking or using tobacco.",
    "Others include a first child after 30, hormone therapy after menopause, and past radiation to the chest. Men can get breast cancer too, but it is rare.",
    "HER2-positive is a change inside the tumor cells. It is not passed down in families.",
    "Many people have no known risk factor, so it is not your fault.",
    "Next step: ask your doctor whether your family history means you should have genetic counseling.",
  },
  sources = { "acs-lifestyle", "nci-prevention" },
  suggest = { "Can I prevent breast cancer?", "What are the symptoms of breast cancer?", "Does alcohol affect breast cancer?" },
}
-- A teenager asking whether a parent's breast cancer means they will get it
-- (probe 12): said to a teen, not the adult risk list. A mother with breast
-- cancer about doubles a daughter's risk, mostly for later life, and most
-- daughters never get it (ACS, risk factors you cannot change); breast cancer in
-- teens is very rare; HER2 is not inherited; gene tests start with the parent
-- who has cancer and wait for adulthood in children (Young Survival Coalition).
herald.source("acs-risk-fixed", { title = "Breast Cancer Risk Factors You Cannot Change", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/risk-and-prevention/breast-cancer-risk-factors-you-cannot-change.html" })
herald.source("ysc-minors", { title = "Should my young children have genetic testing for the BRCA mutations?",
  publisher = "Young Survival Coalition",
  url = "https://www.youngsurvival.org/breast-cancer-in-young-women/faq/should-my-young-children-have-genetic-testing-for-the-brca" })
-- Blind grading 2026-12-07: a teen's own-risk card must also say that most
-- breast cancer is not inherited (about 5 to 10 in 100 is, ACS) and when a gene
-- test makes sense (a gene change found in the parent, or many relatives with
-- it; children are tested as adults, YSC), and it fits a dad with breast
-- cancer as well as a mom.
local TEEN_RISK = herald.fixed {
  text = {
    "It is normal to worry about this, and it is a good thing to ask. Most breast cancer is not passed down in families: only about 5 to 10 in 100 come from a gene change a parent passes on. HER2-positive is a change inside the tumor, and it is never inherited. Breast cancer in teens is very rare.",
    "A parent with breast cancer can raise your own chance a little, mostly much later in life, but most children of a parent with breast cancer never get it.",
    "A gene test makes sense mainly if your parent's doctors find a gene change, such as in BRCA, or many relatives have had breast or ovarian cancer. Then a genetic counselor can talk with your family, and children are usually tested only once they are adults.",
    "Next step: talk about your worries with your parent or another adult you trust. Their care team can answer questions too.",
  },
  sources = { "acs-risk-fixed", "ysc-minors" },
  suggest = { "Is HER2 inherited?", "How can I support my parent through cancer?", "What are risk factors for breast cancer?" },
}
local PARENT_SAID = { "my mom", "my mum", "my mother", "my dad", "my father", "my mommy", "my mama", "my parent" }
-- A parent asking about a child's or teenager's own risk (clinical review
-- 2026-12-07d: "my teenage daughter, will she get breast cancer because I have
-- it" got the card on telling children about cancer). Same facts as the teen's
-- card, said to the parent.
local CHILD_RISK = herald.fixed {
  text = {
    "Breast cancer in children and teens is very rare. HER2-positive is a change inside the tumor, and it is not passed from a parent to a child.",
    "A mother with breast cancer does raise her daughter's chance of getting it one day, mostly much later in adult life, but most daughters never get it.",
    "A gene test, if one is advised, starts with you, with a genetic counselor. Children are usually tested only once they are adults, and their breast checks are planned then.",
    "Next step: ask your care team whether genetic counseling makes sense for you, and what it would mean for your children.",
  },
  sources = { "acs-risk-fixed", "ysc-minors" },
  suggest = { "Is HER2 inherited?", "Should I get genetic testing?", "How do I tell my kids I have cancer?" },
}
local CHILD_SAID = { "my teenage", "my teenager", "my teen ", "teenage daughter", "teenage son", "teen daughter", "teen son",
  "my young daughter", "my little girl", "my young kids", "my young children", "my kids", "my children", "my girls",
  "my daughters", "my daughter", "my son" }
local CHILD_RISK_ASKED = { "will she get", "will he get", "will they get", "will my daughter get", "will my kids get",
  "get it too", "get it one day", "her risk", "his risk", "their risk", "her chance", "their chance", "chance she",
  "chance they", "pass it", "passed it", "pass this", "inherit", "get breast cancer", "get cancer" }
herald.on("outlook.risk", function(q)
  if q:writer_is_minor() and q:mentions(PARENT_SAID) then return TEEN_RISK end
  if q:mentions(CHILD_SAID) and q:mentions(CHILD_RISK_ASKED) and (q:mentions({ "teen", "young", "little", "kids", "children" })
      or (q.message or q.text):lower():find("%f[%a]%a+ is 1[0-7]%f[%D]")) then
    return CHILD_RISK
  end
  return RISK
end)

-- Hormone therapy for men (probe 9, R026): tamoxifen is the usual hormone pill
-- for men with hormone receptor-positive breast cancer (NCI male breast cancer
-- PDQ; ACS); an aromatase inhibitor alone works less well in men, so it is paired
-- with a drug that stops the testes making hormones.
local HORMONE_SAID = { "tamoxifen", "hormone", "er positive", "er-positive", "er+", "estrogen", "letrozole",
  "anastrozole", "aromatase", "endocrine" }
local MEN_HORMONE = {
  text = {
    "Yes. Tamoxifen is the usual hormone pill for men whose breast cancer is hormone receptor-positive, and most breast cancers in men are. It is often taken for 5 to 10 years.",
    "An aromatase inhibitor, such as letrozole, works less well on its own in men, because the testes still make hormones. It may be used with a shot that turns that off.",
    "With HER2-positive cancer, the hormone pill is added to the HER2 drugs, such as trastuzumab (Herceptin), not used instead of them. Hot flashes, lower sex drive and blood clots are possible side effects.",
    "Next step: ask your oncologist which hormone pill fits you, and for how long.",
  },
  sources = { "nci-men", "acs-men" },
  suggest = { "What is tamoxifen?", "Should men with breast cancer get genetic testing?", "How is HER2-positive breast cancer treated?" },
}
local OUTLOOK_MEN = {
  text = {
    "Yes. Men can get breast cancer, including HER2-positive breast cancer, but it is rare. About 1 in 100 breast cancers is found in a man.",
    "Most breast cancers in men are hormone receptor-positive, and fewer are HER2-positive. The tumor is tested for HER2 in the same way as in women.",
    "HER2-positive cancer in men is treated with the same kinds of drugs, such as trastuzumab (Herceptin), along with surgery and other treatment.",
    "The most common sign is a lump, often painless, under or near the nipple. A BRCA2 gene change or a strong family history raises the risk.",
    "Next step: a man with a breast lump or a nipple change should see a doctor soon.",
  },
  sources = { "acs-men", "nci-men" },
  suggest = { "What does HER2-positive mean?", "How is HER2-positive breast cancer treated?", "Is breast cancer hereditary?" },
}
-- A teen whose dad has breast cancer, asking about their own risk (blind
-- grading 2026-12-07: "16, my dad has breast cancer, will I get it" got the
-- card on men's breast cancer): the teen's card.
local OWN_RISK = { "will i get", "ill get", "i'll get", "going to get", "gonna get", "could i get", "might i get", "get it too", "get it as well", "get it like", "get it one day",
  "chance of getting", "chance i", "risk of getting", "am i at risk", "my risk", "happen to me", "does that mean i",
  "mean i will", "mean i'll", "mean ill", "pass it to me", "passed it to me", "inherit" }
-- A man who has been diagnosed (blind patient probe 16: "I'm a man with HER2
-- breast cancer, is the treatment the same?" got the fallback): treatment,
-- genetic testing for every man with breast cancer, and support for men.
local MEN_DIAGNOSED = herald.fixed {
  text = {
    "Breast cancer in men is treated in much the same way as in women. HER2-positive cancer gets the same HER2 drugs, such as trastuzumab (Herceptin), along with surgery, often a mastectomy, and chemotherapy or radiation as needed.",
    "If the cancer is also hormone receptor-positive, men most often take tamoxifen. Every man with breast cancer should be offered genetic testing for BRCA and other genes, since the result can matter for him and his family.",
    "Being a man with a cancer most people link to women can feel lonely. Support groups and online communities for men exist, and the American Cancer Society and Breast Cancer Now can help you find them.",
    "Next step: ask your team about genetic counseling, and about support for men.",
  },
  sources = { "nci-men", "acs-men" },
  suggest = { "What is Herceptin?", "Should I have genetic testing?", "Where can I find support groups?" },
}
local MEN_OWN = { "i'm a man", "im a man", "i am a man", "i'm a guy", "im a guy", "i am a guy", "i'm male", "im male",
  "i am male", "as a man", "as a guy", "i'm a bloke", "im a bloke", "i'm a male", "im a male", "i am a male",
  "men like me", "guys like me" }
local DIAGNOSED = { "diagnosed", "i have", "i've got", "ive got", "my cancer", "my treatment", "treatment the same",
  "same treatment", "treated the same", "support for men", "support group", "genetic", "he has", "he's got",
  "with breast cancer", "with her2" }
herald.on("outlook.men", function(q)
  if q:writer_is_minor() and q:mentions(PARENT_SAID) and q:mentions(OWN_RISK) then return TEEN_RISK end
  if q:mentions(MEN_OWN) and q:mentions(DIAGNOSED) then return MEN_DIAGNOSED end
  if q:mentions(HORMONE_SAID) then return MEN_HORMONE end
  return OUTLOOK_MEN
end)

herald.answer("outlook.prevention", {
  text = {
    "There is no sure way to prevent breast cancer, but you can lower your risk.",
    "Limit alcohol or skip it, exercise about 30 minutes on most days, keep a healthy weight, and don't smoke.",
    "Limit hormone therapy after menopause, and breastfeed if you can.",
    "People at high risk can ask about genetic testing, extra screening, or medicines that lower risk.",
    "Next step: ask your doctor when you should start mammograms.",
  },
  sources = { "nci-prevention", "acs-lifestyle" },
  suggest = { "What are risk factors for breast cancer?", "Will my cancer come back?", "Can I exercise during treatment?" },
})

herald.answer("outlook.recurrence", {
  text = {
    "HER2 drugs have greatly lowered the chance that early HER2-positive cancer comes back.",
    "The risk depends on the stage, the lymph nodes, and how well the tumor shrank with treatment. When it does come back, it is most often in the first 5 years.",
    "To lower the risk, finish your treatment plan, go to follow-up visits, stay active, limit alcohol, and keep a healthy weight.",
    "Tell your team about a new lump, bone pain, a cough, or headaches that don't go away.",
    "Next step: ask for a written follow-up plan.",
  },
  sources = { "nci-recurrent", "acs-her2" },
  suggest = { "Where does breast cancer spread?", "Is HER2-positive breast cancer curable?", "How can I cope with fear of it coming back?" },
})

herald.answer("outlook.recurrent_vs_metastatic", {
  text = {
    "Not always. Recurrent means the cancer came back after treatment. It can come back in the same breast, in the chest wall or nearby lymph nodes, or in other organs.",
    "Metastatic means the cancer has spread to distant organs, such as the bones, liver, lungs or brain. This is stage 4.",
    "A cancer that comes back only in or near the breast can often still be treated with the goal of cure. Your team will do scans to check that it has not spread.",
    "Next step: ask your care team where the cancer is now and what the goal of treatment is.",
  },
  sources = { "nci-recurrent", "nci-metastatic" },
  suggest = { "Is HER2-positive breast cancer curable?", "How is metastatic HER2-positive breast cancer treated?", "Will it come back?" },
})

-- Asked in fear ("I'm terrified it will spread", blind grading 2026-12-07): the
-- calm-facts card of the support plugin, not the list of places and signs.
local FEAR_SAID = { "scared", "terrified", "afraid", "frighten", "petrified", "fear", "panic", "worried", "worry", "anxious",
  "nervous", "can't stop thinking", "cant stop thinking", "keep thinking", "losing sleep", "freaking out", "dread" }
local ALREADY_SPREAD = { "stage 4", "stage four", "stage iv", "metastatic", "has spread", "had spread", "already spread",
  "mets ", "de novo" }
local SPREAD = herald.fixed {
  text = {
    "Breast cancer that spreads most often goes to the bones, liver, lungs or brain.",
    "HER2-positive cancer is more likely than some types to spread to the brain and liver.",
    "Signs depend on where it goes: bone pain or breaks (bones), yellow skin or belly pain (liver), cough or shortness of breath (lungs), or headaches and vision or speech changes (brain).",
    "Treatment for spread cancer aims to control it and help you feel well.",
    "Next step: tell your team about any new symptom that lasts more than 2 weeks.",
  },
  sources = { "nci-metastatic", "acs-her2" },
  suggest = { "Can HER2-positive cancer reach the brain?", "What is the survival rate?", "What is palliative care?" },
}
herald.on("outlook.spread", function(q)
  if q:mentions(FEAR_SAID) and not q:mentions(ALREADY_SPREAD) then return herald.hand_over("support.spread_fear") end
  return SPREAD
end)

-- Asked about routine brain scans (probe 6, S32): the spread card opened "Yes." to that. ASCO's
-- 2022 guideline finds too little evidence for or against routine brain MRI without symptoms, and a
-- low bar for an MRI when there are symptoms.
src("asco-brain-mets", "Management of Advanced HER2-Positive Breast Cancer and Brain Metastases: ASCO Guideline Update (2022)",
  "American Society of Clinical Oncology, summary by Guideline Central", "https://www.guidelinecentral.com/guideline/7342")
local SCAN_WORDS = { "mri", "scan", "screen", "routine", "regular", "checked", "check my brain", "check the brain", "imaging" }
local BRAIN_SCAN = {
  text = {
    "Not always. A brain MRI is ordered right away if there are signs such as new headaches, vision or speech changes, weakness, or a seizure.",
    "For people with no signs, doctors do not agree yet on routine brain scans. Experts say there is not enough proof either way, so you and your team can decide together.",
    "Next step: ask your oncologist whether regular brain MRIs make sense for you, and tell them at once about any new nerve symptom.",
  },
  sources = { "asco-brain-mets", "nci-metastatic" },
  suggest = { "What treatment is used for brain metastases?", "How likely is HER2-positive cancer to spread to the brain?", "What is tucatinib?" },
}

local BRAIN_SPREAD = {
  text = {
    "Yes. HER2-positive breast cancer is more likely than some types to spread to the brain, mostly once it has spread elsewhere.",
    "As a rough estimate, 1 in 3 to 1 in 2 people with metastatic HER2-positive cancer get brain spread at some point.",
    "Signs can be new headaches, vision or speech changes, weakness, balance problems, or seizures.",
    "It can be treated with surgery, focused radiation, and drugs that reach the brain, such as tucatinib (Tukysa) and trastuzumab deruxtecan (Enhertu).",
    "Next step: tell your team about any new headache or nerve symptom. They may order a brain MRI.",
  },
  sources = { "acs-her2", "label-tucatinib", "nci-metastatic" },
  suggest = { "What treatment is used for brain metastases?", "Where else can it spread?", "What is tucatinib?" },
}
-- Spread to the brain told as found ("the scan showed it's in my brain, what
-- happens now"): how it is treated, not whether it can happen (blind patient
-- probe 16 got the card on who needs a brain MRI).
local BRAIN_FOUND = { "showed", "shows", "found", "they found", "has spread to my brain", "spread to my brain",
  "it's in my brain", "its in my brain", "it is in my brain", "in my brain now", "new brain", "i have brain",
  "i've got brain", "ive got brain", "diagnosed with brain", "now in her brain", "now in his brain" }
local WHAT_NOW = { "what now", "what happens", "what next", "now what", "what do we do", "what do i do", "what can",
  "what are my options", "options", "how is it treated", "what will they do" }
herald.on("outlook.brain", function(q)
  if q:mentions(BRAIN_FOUND) and q:mentions(WHAT_NOW) then return herald.hand_over("treatment.brain_mets") end
  if q:mentions(SCAN_WORDS) then return BRAIN_SCAN end
  return BRAIN_SPREAD
end)
