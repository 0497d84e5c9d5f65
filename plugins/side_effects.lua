-- Side effects by symptom or problem, and by kind of treatment.
-- Intents: intents/side_effects.intents. Each answer says what the problem is,
-- what helps, and when to call the care team.
--
-- An answer is built from parts that cannot mix drugs up: `overview` sentences
-- (which name drugs) are said only when no drug is known; `general` sentences
-- name no drug; and a known drug gets only the facts written for that drug
-- (herald.facts tables keyed by drug, never a sentence with a name put in).
herald.about {
  title = "Side effects by symptom and treatment type",
  reviewed = "2026-12-06",
  reviewed_by = "herald content team, from FDA labels, NCI and ACS pages (awaiting clinician sign-off)",
}

-- Sources ------------------------------------------------------------------

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

local NCI, ACS = "National Cancer Institute", "American Cancer Society"

src("nci-se", "Side Effects of Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects")
src("nci-nausea", "Nausea and Vomiting and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/nausea")
src("nci-fatigue", "Fatigue and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue")
src("nci-hair", "Hair Loss (Alopecia) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/hair-loss")
src("asco-taste", "Taste Changes", "Cancer.Net, American Society of Clinical Oncology", "https://www.cancer.net/coping-with-cancer/physical-emotional-and-social-effects-cancer/managing-physical-side-effects/taste-changes")
src("nci-mouth", "Mouth and Throat Problems and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/mouth-throat")
src("nci-nerve", "Nerve Problems (Peripheral Neuropathy) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/nerve-problems")
src("asco-cipn", "Prevention and Management of Chemotherapy-Induced Peripheral Neuropathy: ASCO Guideline Update (2020)",
  "American Society of Clinical Oncology", "https://doi.org/10.1200/JCO.20.01399")
src("nci-diarrhea", "Diarrhea and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea")
src("macmillan-steroids", "Side effects of steroids", "Macmillan Cancer Support", "https://www.macmillan.org.uk/information-and-support/unknown-primary-cancer/treating/chemotherapy/side-effects-of-chemotherapy/steroids.html")
src("nci-constipation", "Constipation and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/constipation")
src("nci-infection", "Infection and Neutropenia during Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/infection")
src("nci-lymph", "Lymphedema and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/lymphedema")
src("nci-memory", "Memory or Concentration Problems and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/memory")
src("nci-skin", "Skin and Nail Changes during Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/skin-nail-changes")
src("nci-radiation", "Radiation Therapy Side Effects", NCI, "https://www.cancer.gov/about-cancer/treatment/types/radiation-therapy/side-effects")
src("nci-chemo", "Chemotherapy to Treat Cancer", NCI, "https://www.cancer.gov/about-cancer/treatment/types/chemotherapy")
src("nci-hormone", "Hormone Therapy for Breast Cancer", NCI, "https://www.cancer.gov/types/breast/breast-hormone-therapy-fact-sheet")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
src("acs-chemo", "Chemotherapy for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/treatment/chemotherapy-for-breast-cancer.html")
src("acs-hormone", "Hormone Therapy for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/treatment/hormone-therapy-for-breast-cancer.html")
src("acs-radiation", "Radiation for Breast Cancer", ACS, "https://www.cancer.org/cancer/types/breast-cancer/treatment/radiation-for-breast-cancer.html")
src("acs-se", "Managing Cancer-related Side Effects", ACS, "https://www.cancer.org/cancer/managing-cancer/side-effects.html")
src("bco-se", "Treatment Side Effects", "Breastcancer.org", "https://www.breastcancer.org/treatment/side-effects")
src("docetaxel-tearing", "Docetaxel-associated epiphora (Pharmacotherapy, 2006)", "PubMed, National Library of Medicine",
  "https://pubmed.ncbi.nlm.nih.gov/16716138/")
src("hair-color-after-chemo", "Can I dye my hair during or after chemotherapy?", "Cancer Research UK",
  "https://www.cancerresearchuk.org/about-cancer/treatment/chemotherapy/living-with/hair-dye")
-- Drug labels are shared with the other plugins (lua/herald.lua).
for _, id in ipairs({ "label-trastuzumab", "label-tdxd", "label-neratinib", "label-tucatinib", "label-tdm1",
  "label-capecitabine", "label-pertuzumab", "label-doxorubicin", "label-tamoxifen", "label-lapatinib",
  "label-margetuximab", "label-paclitaxel", "label-letrozole", "label-docetaxel" }) do herald.source(id) end

-- Drug names, as said the first time ------------------------------------------
-- Used only in "ask your care team how likely this is with X": a question, not
-- a fact, so it is the one place a name is put into a shared sentence.

local NAME = {
  trastuzumab = "trastuzumab (Herceptin)",
  herceptin_hylecta = "Herceptin Hylecta",
  pertuzumab = "pertuzumab (Perjeta)",
  phesgo = "Phesgo",
  t_dm1 = "T-DM1 (Kadcyla)",
  t_dxd = "trastuzumab deruxtecan (Enhertu)",
  tucatinib = "tucatinib (Tukysa)",
  lapatinib = "lapatinib (Tykerb)",
  neratinib = "neratinib (Nerlynx)",
  margetuximab = "margetuximab (Margenza)",
  pyrotinib = "pyrotinib",
  capecitabine = "capecitabine (Xeloda)",
  paclitaxel = "paclitaxel (Taxol)",
  docetaxel = "docetaxel (Taxotere)",
  carboplatin = "carboplatin",
  doxorubicin = "doxorubicin (Adriamycin)",
  epirubicin = "epirubicin (Ellence)",
  cyclophosphamide = "cyclophosphamide (Cytoxan)",
  tamoxifen = "tamoxifen",
  aromatase_inhibitor = "an aromatase inhibitor",
  ovarian_suppression = "ovarian suppression shots",
  bone_drug = "a bone-strengthening drug",
}

-- A sentence that names drugs: said only when no drug is known.
local function O(sentence) return { overview = sentence } end

-- Builds an answer from BASE.text, a list of general sentences (which name no
-- drug) and O(...) overview sentences (which do). FACTS (a herald.facts table)
-- holds what is known about each drug for this topic.
--   No drug known: every sentence, in order.
--   A drug known (named now, or earlier with facts for it): the first general
--   sentence if the text opens with one, then that drug's own facts, then the
--   other general sentences. A drug named now without facts gets "ask your
--   care team" in their place; one remembered from earlier, the full text.
local function compose(base, facts, q)
  local drug = q:slot("drug")
  local own = facts and facts:get(q)
  if not own and drug and NAME[drug] and q.slots.drug then
    own = { "Ask your care team how likely this is with " .. NAME[drug] .. "." }
  end
  local text = {}
  if not own then
    for _, s in ipairs(base.text) do text[#text + 1] = type(s) == "table" and s.overview or s end
  else
    local first = base.text[1]
    local start = 1
    if type(first) == "string" then text[1] = first; start = 2 end
    for _, s in ipairs(own) do text[#text + 1] = s end
    for i = start, #base.text do
      local s = base.text[i]
      if type(s) == "string" then text[#text + 1] = s end
    end
  end
  return { text = text, sources = base.sources, suggest = base.suggest }
end

local function answer(intent, base, facts)
  herald.on(intent, function(q) return compose(base, facts, q) end)
end

-- Heart ------------------------------------------------------------------------
-- Each drug's own heart facts. Scans every three months belong to the HER2
-- antibodies and T-DM1; hormone pills need none.

local HEART = herald.facts("drug", {
  trastuzumab = {
    "Trastuzumab (Herceptin) can weaken the heart's pumping in a small number of people. It is not usually a heart attack, and it often gets better when the drug is paused.",
    "On trastuzumab, you have a heart scan (an echo or a MUGA scan) before you start and about every 3 months during treatment.",
  },
  herceptin_hylecta = {
    "Herceptin Hylecta can weaken the heart's pumping, like IV trastuzumab. It often gets better when the drug is paused.",
    "On Herceptin Hylecta, you have a heart scan (an echo or a MUGA scan) before you start and about every 3 months during treatment.",
  },
  pertuzumab = {
    "Pertuzumab (Perjeta) has a boxed warning for weakening the heart's pumping, mostly when it is given with trastuzumab.",
    "On pertuzumab, you have a heart scan (an echo or a MUGA scan) before you start and about every 3 months during treatment.",
  },
  phesgo = {
    "Phesgo has a boxed warning for weakening the heart's pumping, from the two antibodies in it.",
    "On Phesgo, you have a heart scan (an echo or a MUGA scan) before you start and about every 3 months during treatment.",
  },
  t_dm1 = {
    "T-DM1 (Kadcyla) has a boxed warning for weakening the heart's pumping.",
    "On T-DM1 (Kadcyla), you have a heart scan before you start, and regular scans during treatment.",
  },
  t_dxd = {
    "Trastuzumab deruxtecan (Enhertu) can weaken the heart's pumping, though less often than it affects the lungs.",
    "On Enhertu, you have a heart scan before you start, and more scans during treatment.",
  },
  margetuximab = {
    "Margetuximab (Margenza) has a boxed warning for weakening the heart's pumping.",
    "On margetuximab, you have a heart scan before you start, and regular scans during treatment.",
  },
  lapatinib = {
    "Lapatinib (Tykerb) can lower the heart's pumping, and it can change the heart's rhythm.",
    "On lapatinib, you have a heart scan before you start, and sometimes a heart tracing (ECG).",
  },
  neratinib = {
    "Heart problems are not a main side effect of neratinib (Nerlynx), so it does not need its own heart scans.",
  },
  tucatinib = {
    "Tucatinib (Tukysa) is not known for heart problems, but the trastuzumab taken with tucatinib is, so heart scans go on.",
  },
  pyrotinib = {
    "Less is known about pyrotinib and the heart. The team that prescribes pyrotinib decides on heart checks.",
  },
  capecitabine = {
    "Capecitabine (Xeloda) can, rarely, cause chest pain or an uneven heartbeat. Chest pain on capecitabine needs 911.",
  },
  paclitaxel = {
    "Paclitaxel (Taxol) can, rarely, slow the heartbeat during the drip, so the nurses watch you.",
  },
  docetaxel = {
    "Docetaxel (Taxotere) does not usually weaken the heart, but it can make fluid build up, with swollen legs.",
  },
  carboplatin = {
    "Carboplatin is not known to weaken the heart.",
  },
  doxorubicin = {
    "Doxorubicin (Adriamycin) can weaken the heart. The risk grows with the total dose, and it can show up years later.",
    "That is why doxorubicin has a lifetime dose limit, you have a heart scan before you start, and trastuzumab is not given at the same time.",
  },
  epirubicin = {
    "Epirubicin (Ellence) can weaken the heart. The risk grows with the total dose, and it can show up years later.",
    "That is why epirubicin has a lifetime dose limit and you have a heart scan before you start.",
  },
  cyclophosphamide = {
    "Cyclophosphamide (Cytoxan) rarely harms the heart at breast cancer doses. When cyclophosphamide is given with doxorubicin, the plan is watched for heart strain.",
  },
  tamoxifen = {
    "Tamoxifen does not weaken the heart, so you do not need regular heart scans for tamoxifen.",
    "Tamoxifen does raise the risk of blood clots and stroke. Call 911 for chest pain, sudden shortness of breath, or signs of a stroke.",
  },
  aromatase_inhibitor = {
    "Aromatase inhibitors do not weaken the heart's pumping, so they do not need regular heart scans.",
    "Aromatase inhibitors can raise cholesterol, so your doctor may check it. Tell your team if you have heart disease.",
  },
  ovarian_suppression = {
    "Ovarian suppression shots do not weaken the heart's pumping. Their labels warn that they can change the heart's rhythm, and raise blood sugar and cholesterol.",
  },
  bone_drug = {
    "Bone drugs, such as zoledronic acid (Zometa), are not known to weaken the heart.",
  },
})

local HEART_BASE = {
  text = {
    O("Some HER2 drugs can weaken the heart's pumping in a small number of people: trastuzumab (Herceptin), pertuzumab (Perjeta), T-DM1 (Kadcyla), trastuzumab deruxtecan (Enhertu) and margetuximab (Margenza). Doxorubicin (Adriamycin) can too."),
    O("It is not usually a heart attack, and it often gets better when the drug is paused. On trastuzumab and pertuzumab, you have a heart scan (an echo or a MUGA scan) before you start and about every 3 months. On the others, your team sets a regular schedule."),
    O("Hormone pills such as tamoxifen do not need these scans."),
    "Call your care team if you get swollen ankles or legs, gain weight fast, feel short of breath (mostly when lying flat), or feel your heart racing.",
    "Next step: ask your team which heart checks you need, and when.",
  },
  sources = { "label-trastuzumab", "label-pertuzumab", "label-tdm1", "acs-targeted" },
  suggest = { "Do I need heart checks after treatment ends?", "Does Enhertu affect the lungs?", "When should I call my care team?" },
}
-- What the two heart scans are, when asked; and doxorubicin before trastuzumab
-- (the trastuzumab label: the heart risk is highest after an anthracycline).
local SCAN_WORDS = { "muga", "echo", "echocardiogram", "ejection fraction", "lvef" }
local WHAT_WORDS = { "what is", "what's", "whats", "what does", "difference", " vs ", "versus", "which is better", "explain" }
local SCAN_LINE = "An echo (echocardiogram) uses sound waves to watch the heart pump. A MUGA scan uses a small amount of a tracer in your blood and a camera. Both measure the ejection fraction: how much blood the heart pushes out with each beat."
local ANTHRACYCLINE = { "doxorubicin", "adriamycin", "red devil", "epirubicin", "ellence", " ac ", "ac-t", "ac then", "anthracycline" }
local TRASTUZUMAB = { "herceptin", "trastuzumab", "phesgo", "hylecta" }
local ANTHRA_LINE = "Doxorubicin (Adriamycin), the A in AC, can also weaken the heart, and the risk is higher when trastuzumab comes after it. That is one reason heart scans are done before and during treatment."

-- Going back on a HER2 antibody after the heart's pumping number dropped (probe 7,
-- P83). Trastuzumab's label: hold it at least 4 weeks for a large drop, recheck the
-- ejection fraction every 4 weeks, and it may be resumed if the number comes back
-- within 4 to 8 weeks; stopped for good if it stays down past 8 weeks or after more
-- than three holds. CardioSmart: most often the heart recovers and treatment restarts.
src("cardiosmart-cardiotox", "Living With Cardiotoxicity", "CardioSmart, American College of Cardiology",
  "https://cardiosmart.org/topics/cancer-treatment-and-your-heart/breast-cancer-and-your-heart/living-with-cardiotoxicity")
local RESTART_WORDS = { "restart", "re-start", "start again", "start it again", "back on", "resume", "go back", "going back",
  "recover", "bounce back", "come back up", "came back up", "get better", "on hold", "holding", "held", "paused", "pause",
  "stopped", "for good", "forever", "permanent", "lose the protection", "miss doses", "missed doses", "lost the benefit" }
local EF_WORDS = { "ejection", " ef ", "lvef", "pumping", "echo", "muga", "heart number", "heart scan", "heart function",
  "heart test", "heart went down", "heart dropped" }
local HEART_RESTART = {
  text = {
    "When the heart's pumping number, the ejection fraction, drops a lot, trastuzumab (Herceptin) is paused, usually for at least 4 weeks. The heart is checked again about every 4 weeks.",
    "In most people the number comes back up, and then trastuzumab can often be started again, with closer checks. The label says to stop it for good if the number stays low for more than 8 weeks, or if it has had to be paused more than 3 times for the heart. Heart medicines can help it recover.",
    "If you worry about losing the drug's benefit, say so. Your team weighs your heart and your cancer together, and decides whether missed doses are made up later.",
    "Next step: ask your team when your next heart scan is, what number they need to see, and whether a heart doctor should see you.",
  },
  sources = { "label-trastuzumab", "cardiosmart-cardiotox" },
  suggest = { "What heart tests are done on Herceptin?", "What heart symptoms should I watch for?", "How long do I take Herceptin for?" },
}

-- "My EF went from 64 to 60, is that bad?" (probe 9): what a normal number is,
-- and the change the Herceptin label acts on (a fall of 16 points or more, or of
-- 10 or more to below normal). AHA: a normal ejection fraction is about 50 to 70.
src("aha-ef", "Ejection Fraction Heart Failure Measurement", "American Heart Association",
  "https://www.heart.org/en/health-topics/heart-failure/diagnosing-heart-failure/ejection-fraction-heart-failure-measurement")
local EF_NUMBER = {
  text = {
    "The ejection fraction, or EF, is the share of blood the heart pumps out with each beat. A normal EF is about 50 to 70 percent, though some labs put the lower limit a little higher, such as 53 or 55.",
    "The number can shift a few points from one scan to the next. On HER2 drugs such as trastuzumab (Herceptin), the team acts on a bigger change: a fall of 16 points or more, or a fall of 10 points or more that ends below normal.",
    "Call your care team if you get short of breath, swollen ankles or fast weight gain, whatever the number.",
    "Next step: ask your team what your starting number was, and when your next scan is.",
  },
  sources = { "aha-ef", "label-trastuzumab" },
  suggest = { "What heart tests are done on Herceptin?", "What heart symptoms should I watch for?", "What happens if my heart function drops?" },
}
-- Words next to a number that make it an age, not an EF ("I'm 45", "45 years").
local AGE_BEFORE = { ["im"] = true, ["i'm"] = true, ["am"] = true, ["age"] = true, ["aged"] = true, ["turned"] = true }
local AGE_AFTER = { ["years"] = true, ["year"] = true, ["yrs"] = true, ["yo"] = true, ["yr"] = true,
  -- A time, a count or a weight is not an EF either ("checked 12 weeks ago",
  -- "cycle 10"): a number the team acts on must be one (review 2026-12-07).
  ["weeks"] = true, ["week"] = true, ["wks"] = true, ["days"] = true, ["day"] = true, ["months"] = true,
  ["month"] = true, ["mo"] = true, ["hours"] = true, ["hrs"] = true, ["minutes"] = true, ["mins"] = true,
  ["mg"] = true, ["kg"] = true, ["lbs"] = true, ["pounds"] = true, ["cycles"] = true, ["rounds"] = true,
  ["doses"] = true, ["infusions"] = true, ["times"] = true, ["cm"] = true, ["mm"] = true, ["ago"] = true }
local NOT_EF_BEFORE = { ["cycle"] = true, ["round"] = true, ["dose"] = true, ["week"] = true, ["day"] = true,
  ["every"] = true, ["infusion"] = true, ["number"] = false }
local EF_NAMED = { "ejection", " ef ", "lvef", "heart number", "heart scan number", "heart score", "pumping number" }
local RANGE_ASKED = { "normal ef", "normal ejection", "normal lvef", "normal range", "what counts", "how low", "too low",
  "cut off", "cutoff", "when would they stop", "when do they stop", "when will they stop" }
local NUMBER_ASKED = { "normal", "worry", "bad", "good", "okay", "ok", "fine", "concern", "mean", "low", "went from", "dropped to",
  "went down", "stop", "dropped", "drop", "fell", "fall", "from", "now", "came back at", "is at", "decreas", "lower",
  " was ", "says", "result", "latest", "new echo", "new scan" }
-- A fall the team acts on (clinical review 2026-12-07): to 40-49, by 10 points
-- or more to below 50, or by 16 points or more. The Herceptin label (Dosage
-- and Administration, dose modifications for cardiomyopathy) holds trastuzumab
-- for at least 4 weeks for a fall of 16 points or more, or of 10 or more to
-- below normal, and checks the EF again about every 4 weeks. Said for
-- trastuzumab only: the other HER2 drugs' labels carry their own rules.
local EF_ACTS_TRASTUZUMAB = "This is a change the team acts on. For trastuzumab (Herceptin), the label says to hold the drug for at least 4 weeks after a fall like this, and to check the heart again about every 4 weeks."
local EF_ACTS_OTHER = "This is a change the team acts on. Each HER2 drug's label says when to pause it for the heart, and your team follows it."
local EF_ACTS_CALL = "Call your care team today, so they know about this number before your next dose. Do not stop or skip a dose on your own: the team decides, and often the number comes back up with a pause and heart medicines."
local TRASTUZUMAB_OR_NONE = { trastuzumab = true }

-- Radiation and the heart, asked after (or with) a card on a drug's heart
-- effects ("what about radiation on the left side?"): the blind two-turn
-- grading (2026-12-07) found it answered with the drug's heart card. Left-sided
-- radiation gives the heart some dose, which adds a little long-term risk;
-- planning and deep-inspiration breath-hold lower it (ACS radiation; Stowe et
-- al., Breast Cancer: Targets and Therapy 2022; Cancer Council Australia).
src("pmc-dibh", "Heart Sparing Radiotherapy Techniques in Breast Cancer: A Focus on Deep Inspiration Breath Hold (2022)",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC9309321")
src("ccau-rt-heart", "Can radiation treatment for breast cancer cause heart problems?", "Cancer Council Australia",
  "https://www.cancer.org.au/iheard/can-radiation-treatment-for-breast-cancer-cause-heart-problems")
local RADIATION_SAID = { "radiation", "radiotherapy", "radio therapy", "rads", "zapping", "beams" }
local RADIATION_HEART = herald.fixed {
  text = {
    "Radiation to the left breast or chest wall can give the heart a small dose, since the heart sits just behind it. Over many years, that can add a little to the risk of heart problems.",
    "Radiation teams plan the beams to keep the heart's dose as low as they can. A common way is breath-hold: you take a deep breath and hold it while the beam is on, which moves the heart away from the chest wall.",
    "HER2 drugs usually go on during radiation, with heart scans kept on schedule.",
    "Next step: ask your radiation team how they will protect your heart, and whether breath-hold fits you.",
  },
  sources = { "acs-radiation", "pmc-dibh", "ccau-rt-heart" },
  suggest = { "What are the side effects of radiation?", "What heart tests are done on Herceptin?" },
}

-- A shorter trastuzumab course asked with the heart ("can I stop Herceptin at
-- 6 months, my EF is borderline"): the card on what the 6-versus-12-month
-- trials found, in plugins/drugs.lua (blind patient probe 2026-12-07).
local SHORTER_SAID = { "6 month", "six month", "6 mo", "half a year", "half year", "shorter", "stop early", "stopping early",
  "end early", "ending early", "finish early", "cut short", "cut it short", "stop it now", "stop now", "quit", "come off",
  "instead of a year", "instead of 12", "rather than a year", "stop at", "halfway", "full year", "whole year",
  "all year", "full course", "whole course", "all 12 months", "all twelve months" }
local TRASTUZUMAB_KEYS = { trastuzumab = true, herceptin_hylecta = true, phesgo = true }
-- "Finish the herceptin early", "stop it early": ending it sooner, unless
-- "early" is the stage ("early breast cancer").
local END_VERBS = { "finish", "end the", "end my", "end it", "ending", "stop", "quit", "come off", "get off", "drop" }
local function ends_early(q)
  local t = (q.text or ""):gsub("early[ -]stage", ""):gsub("early breast", ""):gsub("early cancer", "")
  return t:find("early", 1, true) and q:mentions(END_VERBS, t)
end
-- "Will they stop it for good?" after a heart card (clinical review
-- 2026-12-07): the trastuzumab label's own rule (Dosage and Administration,
-- dose modifications for cardiomyopathy: may be resumed if within 4 to 8 weeks
-- the EF is back to normal and no more than 15 points below the start;
-- stopped for good for a fall that lasts more than 8 weeks or after holds on
-- more than 3 occasions; the boxed warning: discontinue for cardiomyopathy).
-- Said for trastuzumab only, where it was checked; never a decision.
local FOR_GOOD_ASKED = { "for good", "forever", "permanent", "never go back", "never restart", "never get it again",
  "stop it completely", "stop it altogether", "stopped completely", "off it for good", "ever restart", "ever go back",
  "ever get it again", "ever start again" }
local FOR_GOOD_TRASTUZUMAB = {
  "Not always. For trastuzumab (Herceptin), the label says it can be started again if, within 4 to 8 weeks, the heart's number is back in the normal range and no more than 15 points below where it started.",
  "The label says it is stopped for good if the fall lasts more than 8 weeks, if it has had to be paused more than 3 times for the heart, or if the heart muscle is damaged (cardiomyopathy), which can show as heart failure.",
  "Which of these applies is for your team to judge, often with a heart doctor. Please do not stop or skip a dose yourself.",
  "Next step: ask your team when the next heart scan is, and what number would let you restart.",
}
herald.on("se.heart", function(q)
  local asked_key = q:slot("drug")
  if q:mentions(FOR_GOOD_ASKED, q.text or "") and (asked_key == nil or asked_key == "trastuzumab")
      and (q.previous == "se.heart" or q:mentions(EF_WORDS, " " .. (q.message or q.text or "") .. " ")) then
    return { text = FOR_GOOD_TRASTUZUMAB, sources = { "label-trastuzumab", "cardiosmart-cardiotox" },
      suggest = { "What heart symptoms should I watch for?", "Can I restart Herceptin when my heart recovers?", "What heart tests are done on Herceptin?" } }
  end
  if TRASTUZUMAB_KEYS[q:slot("drug") or ""] and (q:mentions(SHORTER_SAID) or ends_early(q))
      and not q:mentions({ "restart", "resume", "back on", "on hold", "paused", "start again" }) then
    return herald.hand_over("drug.trastuzumab_shorter")
  end
  -- Radiation named in the question, or in a short message around it ("and
  -- radiation on my left side, does that hit the heart too?"), not in a
  -- letter that tells of radiation had before a heart question.
  local msg = q.message or q.text or ""
  if q:mentions(RADIATION_SAID, q.text or "") or (#msg < 160 and q:mentions(RADIATION_SAID)) then
    return RADIATION_HEART
  end
  local padded = " " .. ((q.message or q.text):gsub("[%.,;:!?]", " ")) .. " "
  -- The EF named with a number, or with the normal range asked for in this
  -- question itself ("what's a normal EF", "how low before they stop"; not a
  -- follow-up that only inherits those words): the same card, numbers said
  -- back when there are any.
  -- A two-digit number that is a time or a count ("checked 12 weeks ago") is
  -- no EF: it alone does not make the question one about the number.
  -- The pattern begins with a class, so it is tried at every position of the
  -- message (~80,000 instructions on "herceptin and heart failure"): only
  -- when two digits are there to be found.
  local ef_digits = false
  if padded:find("%d%d") then
    for pre, d, post in padded:gmatch("([%a']*)%s*%f[%d](%d%d)%f[%D]%s*(%a*)") do
      if not AGE_BEFORE[pre] and not AGE_AFTER[post] and not NOT_EF_BEFORE[pre] and tonumber(d) >= 15 then
        ef_digits = true
      end
    end
  end
  -- An EF told with its number ("my ef is 42") asks about that number even
  -- with no question word (clinical review 2026-12-07).
  if q:mentions(EF_NAMED, padded) and (ef_digits or ((q:mentions({ "sixty", "fifty", "seventy" })
        or q:mentions(RANGE_ASKED, q.text or "")) and q:mentions(NUMBER_ASKED)))
      and not q:mentions({ "restart", "paused", "on hold", "held" }) then
    -- The numbers told, said back (clinical review 2026-12-07c, item 1): one
    -- number against the usual range; two or more as a change, since a fall
    -- the label acts on (16 points) can end inside the normal range, and
    -- calling such a pair "normal" is false reassurance. Which number is the
    -- latest is not always clear from the words, so the change is the
    -- largest gap between them. A number that is an age ("I'm 45", "45
    -- years") is not an EF.
    local nums = {}
    for pre, d, post in padded:gmatch("([%a']*)%s*%f[%d](%d%d)%f[%D]%s*(%a*)") do
      if not AGE_BEFORE[pre] and not AGE_AFTER[post] and not NOT_EF_BEFORE[pre] and tonumber(d) >= 15 then
        nums[#nums + 1] = tonumber(d)
      end
    end
    if #nums == 0 then
      for _, w in ipairs({ { "fifty", 50 }, { "sixty", 60 }, { "seventy", 70 } }) do
        if padded:find(w[1], 1, true) then nums[#nums + 1] = w[2] end
      end
    end
    local lo, hi = 100, 0
    for _, n in ipairs(nums) do
      if n < lo then lo = n end
      if n > hi then hi = n end
    end
    local a = { text = {}, sources = EF_NUMBER.sources, suggest = EF_NUMBER.suggest }
    for i, line in ipairs(EF_NUMBER.text) do a.text[i] = line end
    local gap = (#nums > 1) and (hi - lo) or 0
    if #nums > 0 and lo < 50 or gap >= 16 then
      if (lo < 50 and (#nums == 1 or gap >= 10)) or gap >= 16 then
        -- Not calm: the number told is one the team acts on.
        local told
        if #nums > 1 then
          told = "Your numbers differ by " .. gap .. " points" .. (lo < 50 and ", and the lower one is under 50, below the normal range." or ".")
        elseif lo < 40 then
          told = "A number under 40 is well below the normal range."
        else
          told = "A number in the 40s is below the normal range."
        end
        local key = q:slot("drug")
        local rule = (key == nil or TRASTUZUMAB_OR_NONE[key]) and EF_ACTS_TRASTUZUMAB or EF_ACTS_OTHER
        a.text = { EF_NUMBER.text[1] .. " " .. told, rule, EF_ACTS_CALL,
          "Call at once, day or night, if you get short of breath, swollen ankles or fast weight gain.",
          "Next step: ask your team what happens to your next dose, and whether a heart doctor should see you." }
        a.suggest = { "Will they stop Herceptin for good?", "What heart symptoms should I watch for?", "Can I restart Herceptin when my heart recovers?" }
        return a
      end
    end
    local said
    if #nums > 1 and hi - lo >= 10 then
      said = "Your numbers differ by " .. (hi - lo) .. " points."
        .. (lo < 50 and " The lower one is under 50, below the normal range." or " A change that size matters even when both numbers are 50 or more.")
        .. " Your team looks at a change like this closely. Call your care team to ask what it means for your next dose."
    elseif lo < 50 and #nums > 0 then
      said = "A number under 50 is below the normal range, and your team will look at it closely."
    elseif #nums > 1 and hi <= 70 then
      said = "Both numbers are in the usual range, and a change of a few points between scans is common."
    elseif #nums == 1 and lo <= 70 then
      said = "So " .. lo .. " is in the normal range."
    elseif #nums == 1 and lo <= 75 then
      said = "So " .. lo .. " is at or a little above the usual range."
    end
    if said then a.text[1] = a.text[1] .. " " .. said end
    return a
  end
  if q:mentions(RESTART_WORDS) and (q:mentions(EF_WORDS, padded) or q:mentions({ "heart" }))
      and (q:slot("drug") == nil or q:slot("drug") == "trastuzumab" or q:slot("drug") == "herceptin_hylecta"
        or q:slot("drug") == "pertuzumab" or q:slot("drug") == "phesgo") then
    return HEART_RESTART
  end
  local a = compose(HEART_BASE, HEART, q)
  local t = " " .. (q.message or q.text) .. " "
  if q:mentions(ANTHRACYCLINE, t) and q:mentions(TRASTUZUMAB) then
    table.insert(a.text, 1, ANTHRA_LINE)
    a.sources = { "label-trastuzumab", "label-doxorubicin", "acs-targeted" }
  end
  if q:mentions(SCAN_WORDS) and q:mentions(WHAT_WORDS, t) then table.insert(a.text, 1, SCAN_LINE) end
  return a
end)

-- Heart checks after treatment ends.
local HEART_AFTER = herald.facts("drug", {
  trastuzumab = {
    "After trastuzumab (Herceptin) for early cancer, the label advises a heart scan when treatment ends, then every 6 months for at least 2 years.",
    "If trastuzumab was paused for a heart problem, checks are done more often.",
  },
  herceptin_hylecta = {
    "After Herceptin Hylecta for early cancer, the label advises a heart scan when treatment ends, then every 6 months for at least 2 years.",
  },
  pertuzumab = {
    "Heart checks after pertuzumab (Perjeta) follow the plan for the trastuzumab given with it. That is often a scan when treatment ends, then every 6 months for at least 2 years.",
  },
  phesgo = {
    "After Phesgo, heart checks usually follow the trastuzumab plan: often a scan when treatment ends, then every 6 months for at least 2 years.",
  },
  t_dm1 = {
    "After T-DM1 (Kadcyla), your team decides how long to keep checking your heart, often with a scan when treatment ends.",
  },
  t_dxd = {
    "After trastuzumab deruxtecan (Enhertu), your team decides how long to keep checking your heart and lungs.",
  },
  doxorubicin = {
    "Heart problems from doxorubicin (Adriamycin) can appear years later. Tell every doctor you see that you had doxorubicin.",
  },
  epirubicin = {
    "Heart problems from epirubicin (Ellence) can appear years later. Tell every doctor you see that you had epirubicin.",
  },
})

answer("se.heart_after", {
  text = {
    O("Heart checks often go on after treatment. After trastuzumab (Herceptin) for early cancer, the label advises a heart scan when treatment ends, then every 6 months for at least 2 years."),
    O("Doxorubicin (Adriamycin) can cause heart problems years later, so tell every doctor you see that you had it."),
    "Looking after your heart helps: keep blood pressure and cholesterol in check, do not smoke, and stay active.",
    "Call your care team or doctor about swollen ankles, fast weight gain, or shortness of breath, even years later.",
    "Next step: ask your team for your heart follow-up plan in writing.",
  },
  sources = { "label-trastuzumab", "label-doxorubicin" },
  suggest = { "Can Herceptin damage the heart?", "What are the side effects of Herceptin?", "When should I call my care team?" },
}, HEART_AFTER)

-- Lungs ------------------------------------------------------------------------
-- Each drug's own lung facts. The boxed warning, the rate and "can be fatal"
-- belong to trastuzumab deruxtecan (Enhertu) and are said only for it.

local LUNG = herald.facts("drug", {
  t_dxd = {
    "Trastuzumab deruxtecan (Enhertu) can cause lung inflammation, called ILD or pneumonitis. It has a boxed warning, because it can be fatal.",
    "In studies of Enhertu, about 10 to 15 in 100 people got it, most often in a mild form. These figures are estimates.",
    "Found early, it can be treated, so your team checks your breathing and may do CT scans.",
  },
  t_dm1 = {
    "T-DM1 (Kadcyla) can also inflame the lungs, but this is uncommon: about 1 in 100 people in studies of Kadcyla.",
    "Lung inflammation is not one of Kadcyla's boxed warnings, which are for the liver, the heart and pregnancy. Rare cases have been severe.",
  },
  trastuzumab = {
    "Trastuzumab (Herceptin) can, rarely, cause serious lung problems, most often during or soon after an infusion.",
    "The boxed warning for trastuzumab includes lung damage, because rare cases have been fatal.",
  },
  herceptin_hylecta = {
    "Herceptin Hylecta has the same rare lung risk as IV trastuzumab, and its boxed warning includes lung damage.",
  },
  phesgo = {
    "Phesgo has a boxed warning that includes lung damage. It is rare, and it comes from the trastuzumab in Phesgo.",
  },
  pertuzumab = {
    "Lung inflammation is not a known main risk of pertuzumab (Perjeta) itself. A cough on pertuzumab can still come from infection, from the other drugs, or from the heart.",
  },
  margetuximab = {
    "Margetuximab (Margenza) has no lung warning on its label. A cough was reported in studies of margetuximab, mostly mild.",
  },
  lapatinib = {
    "Lapatinib (Tykerb) can, rarely, inflame the lungs. Its label lists this among its warnings.",
  },
  tucatinib = { "Tucatinib (Tukysa) is not known to inflame the lungs." },
  neratinib = { "Neratinib (Nerlynx) is not known to inflame the lungs." },
  pyrotinib = { "Little is known about pyrotinib and the lungs." },
  capecitabine = { "Capecitabine (Xeloda) is not known to inflame the lungs." },
  paclitaxel = { "Paclitaxel (Taxol) can, rarely, inflame the lungs, most often when given near radiation." },
  docetaxel = {
    "Docetaxel (Taxotere) can, rarely, inflame the lungs. Docetaxel can also let fluid build up around the lungs, which makes you short of breath.",
  },
  carboplatin = { "Carboplatin is not known to inflame the lungs." },
  doxorubicin = {
    "Doxorubicin (Adriamycin) is not known to inflame the lungs. But shortness of breath on doxorubicin can be a sign of heart strain.",
  },
  epirubicin = {
    "Epirubicin (Ellence) is not known to inflame the lungs. But shortness of breath on epirubicin can be a sign of heart strain.",
  },
  cyclophosphamide = {
    "Cyclophosphamide (Cytoxan) can, rarely, damage the lungs, sometimes months later.",
  },
  tamoxifen = {
    "Tamoxifen does not inflame the lungs, but it can cause a blood clot in the lungs.",
    "Sudden shortness of breath or chest pain on tamoxifen needs 911.",
  },
  aromatase_inhibitor = { "Aromatase inhibitors are not known to inflame the lungs." },
  ovarian_suppression = { "Ovarian suppression shots are not known to inflame the lungs." },
  bone_drug = { "Bone drugs, such as zoledronic acid (Zometa), are not known to inflame the lungs." },
})

local LUNG_BASE = {
  text = {
    O("Trastuzumab deruxtecan (Enhertu) can cause lung inflammation, called ILD or pneumonitis. It has a boxed warning, because it can be fatal."),
    O("In studies of Enhertu, about 10 to 15 in 100 people got it, most often in a mild form. Other HER2 drugs, such as T-DM1 (Kadcyla) and trastuzumab (Herceptin), inflame the lungs far less often."),
    O("Found early, it can be treated, so your team checks your breathing and may do CT scans."),
    "Call your care team right away for a new or worse cough, shortness of breath, or fever.",
    "Next step: tell every doctor you see which cancer drugs you take.",
  },
  sources = { "label-tdxd", "label-tdm1", "label-trastuzumab" },
  suggest = { "What are the side effects of Enhertu?", "What is Enhertu?", "When should I call my care team?" },
}
-- Lung disease before: the studies behind the label left out people who had
-- needed steroids for lung inflammation, so the team weighs it first.
local PAST_LUNG = { "fibrosis", "copd", "emphysema", "lung disease", "ild before", "pneumonitis before", "had pneumonitis",
  "had ild", "sarcoid", "radiation to my lung", "radiation pneumonitis", "lung scarring", "scarred lungs", "scarring in my lung" }
local PAST_LUNG_LINE = "If you have had lung disease before, such as scarring (fibrosis) or lung inflammation, tell your team before you start. The main studies of Enhertu left out people who had needed steroids for lung inflammation, so your team weighs that risk and may watch your lungs more closely."

-- A cough long after treatment ended, no drug named: the Enhertu warning is not
-- the answer; a lasting cough is checked, and the past treatment is told.
src("acs-followup", "Follow-up Care After Breast Cancer Treatment", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/living-as-a-breast-cancer-survivor/follow-up-care-after-breast-cancer-treatment.html")
-- Only years count as long after: in the weeks and months after chemo or
-- radiation a new cough is the lung warning's own window (clinician review).
-- Weeks or months after chemo or radiation: the lungs' own window, said first.
local RECENT_END = { "finished", "just finished", "last week", "weeks ago", "months ago", "after radiation",
  "after chemo", "since radiation", "since chemo", "since my radiation", "since my chemo", "after my radiation" }
local RECENT_END_LINE = "A new cough in the weeks or months after chemo or radiation should be reported to your care team, sooner if you have a fever or feel short of breath."
local function long_after(q)
  -- "last year" or "this year" can be a few weeks ago (clinical review
  -- 2026-12-07c, item 11): only years counted ("two years", "years ago", "a
  -- year or more") are long after.
  local m = (q.message or q.text):lower():gsub("years? old", ""):gsub("yrs? old", "")
    :gsub("last years?", ""):gsub("this years?", ""):gsub("past year", ""):gsub("new year", "")
  return m:find("%f[%a]years?%f[%A]") ~= nil or m:find("%f[%a]yrs?%f[%A]") ~= nil
end
local LONG_AFTER_LUNG = {
  text = {
    "A cough that starts long after treatment has ended most often has an everyday cause, such as a cold, allergies or acid reflux.",
    "Still, a cough that lasts more than two or three weeks should be checked. Tell the doctor about the cancer and the treatment you had: radiation and some drugs can rarely affect the lungs later, and cancer that comes back can sometimes show up there.",
    "Call 911 for trouble breathing, chest pain, or coughing up blood.",
    "Next step: book a visit with your doctor or cancer team this week.",
  },
  sources = { "acs-followup", "nci-radiation" },
  suggest = { "What follow-up care will I need?", "What are the signs the cancer has come back?", "What are the side effects of radiation?" },
}

herald.on("se.lung", function(q)
  if not q.slots.drug and long_after(q) then return LONG_AFTER_LUNG end
  local a = compose(LUNG_BASE, LUNG, q)
  if not q.slots.drug and q:mentions(RECENT_END) then table.insert(a.text, 1, RECENT_END_LINE) end
  if q:mentions(PAST_LUNG) then table.insert(a.text, 2, PAST_LUNG_LINE) end
  return a
end)

-- Diarrhea -----------------------------------------------------------------------

local DIARRHEA_BASE = {
  text = {
    O("Diarrhea is common with neratinib (Nerlynx) and tucatinib (Tukysa)."),
    O("It can also happen with pertuzumab (Perjeta), lapatinib (Tykerb) and capecitabine (Xeloda)."),
    O("With neratinib, your team gives you a plan to prevent it from the first dose, often with loperamide (Imodium)."),
    "Drink plenty of fluids and eat small, plain meals.",
    "Call your care team if it does not settle with your plan, or if you have a fever, feel dizzy, or can't keep fluids down.",
    "Next step: ask for a written diarrhea plan before you start.",
  },
  sources = { "label-neratinib", "label-tucatinib", "nci-diarrhea" },
  suggest = { "What are the side effects of neratinib?", "What is tucatinib?", "How can I manage nausea?" },
}
local DIARRHEA_FACTS = herald.facts("drug", {
  neratinib = "With neratinib (Nerlynx) diarrhea is expected, mostly in the first month. Its label says to prevent it from the first dose: with loperamide (Imodium) taken on a set plan for the first two months, or by starting neratinib at a lower dose that is raised over the first two weeks. Your team gives you the plan and the amounts.",
  tucatinib = "With tucatinib (Tukysa) diarrhea is common, and most often mild, but it can be severe.",
  pertuzumab = "With pertuzumab (Perjeta) diarrhea is one of the most common side effects.",
  phesgo = "Phesgo contains pertuzumab, which often causes diarrhea.",
  capecitabine = "With capecitabine (Xeloda) diarrhea is common and can become serious, so report it early.",
  lapatinib = "With lapatinib (Tykerb) diarrhea is one of the most common side effects.",
  pyrotinib = "With pyrotinib, diarrhea is the main side effect.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can cause diarrhea too, but nausea is more common with Enhertu.",
  docetaxel = "Docetaxel (Taxotere) can cause diarrhea, most often mild.",
})

-- "Can I take Imodium?": loperamide is the usual first medicine; the team sets how much.
local LOPERAMIDE = { "imodium", "loperamide" }
local LOPERAMIDE_LINE = "Loperamide (Imodium) is the usual first medicine for diarrhea from cancer drugs, and many teams want you to keep it at home. Ask your team how much to take, and when to call them instead."

herald.on("se.diarrhea", function(q)
  local a = compose(DIARRHEA_BASE, DIARRHEA_FACTS, q)
  if q:mentions(LOPERAMIDE) then table.insert(a.text, 2, LOPERAMIDE_LINE) end
  return a
end)

-- Liver ------------------------------------------------------------------------

answer("se.liver", {
  text = {
    O("Some HER2 drugs can strain the liver, mainly T-DM1 (Kadcyla), tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb)."),
    "Most of the time it shows up only on blood tests, so your team checks your liver tests often.",
    "Call your care team if you notice yellow skin or eyes, dark urine, or pain on the upper right side of your belly.",
    "Next step: tell your team about any alcohol, herbs or supplements you take, since they can strain the liver too.",
  },
  sources = { "label-tdm1", "label-tucatinib", "acs-targeted" },
  suggest = { "What are the side effects of Kadcyla?", "Can I drink alcohol during treatment?", "Can supplements interact with my treatment?" },
}, herald.facts("drug", {
  t_dm1 = "T-DM1 (Kadcyla) has a boxed warning for liver damage, so liver tests are done before each dose.",
  tucatinib = "With tucatinib (Tukysa), liver tests are checked before you start and every three weeks.",
  neratinib = "Neratinib (Nerlynx) can raise liver tests, so they are checked often in the first months.",
  lapatinib = "Lapatinib (Tykerb) has a boxed warning for liver damage, so liver tests are checked before and during treatment.",
  docetaxel = "Docetaxel (Taxotere) is not given at full dose when liver tests are high, because side effects are worse.",
  tamoxifen = "Tamoxifen can, rarely, change liver tests.",
}))

-- Hand-foot syndrome -------------------------------------------------------------

src("cancernet-hfs", "Hand-Foot Syndrome or Palmar-Plantar Erythrodysesthesia", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/coping-with-cancer/physical-emotional-and-social-effects-cancer/managing-physical-side-effects/hand-foot-syndrome-or-palmar-plantar-erythrodysesthesia")
answer("se.hand_foot", {
  text = {
    "Hand-foot syndrome makes the palms of the hands and the soles of the feet red, sore and swollen.",
    "The skin may peel, crack or blister.",
    O("It is a common side effect of capecitabine (Xeloda)."),
    "To help, keep hands and feet cool, use thick cream often, wear soft loose shoes, and avoid hot water and rubbing.",
    "It is a known drug effect, not an allergy. Call your care team if it hurts, blisters, or makes walking or daily tasks hard: a short break or a lower dose often helps, so do not wait for your next visit.",
    "It usually gets better within a few weeks once the drug is paused or the dose is lowered, and it fades after treatment ends.",
    "Next step: start using cream on your hands and feet from day one.",
  },
  sources = { "label-capecitabine", "bco-se", "cancernet-hfs" },
  suggest = { "What is capecitabine?", "Can HER2 treatment cause neuropathy?", "What helps dry skin during treatment?" },
}, herald.facts("drug", {
  capecitabine = "Capecitabine (Xeloda) is the drug most likely to cause it.",
  tucatinib = "Tucatinib (Tukysa) is often given with capecitabine (Xeloda), which is the usual cause.",
  lapatinib = "Lapatinib (Tykerb) is often given with capecitabine (Xeloda), and both lapatinib and capecitabine can cause it.",
  neratinib = "Neratinib (Nerlynx) is sometimes given with capecitabine (Xeloda), which is the usual cause.",
  trastuzumab = "Trastuzumab (Herceptin) alone does not usually cause it. When trastuzumab is given with capecitabine (Xeloda), capecitabine is the usual cause.",
}))

-- Neuropathy ---------------------------------------------------------------------

local NEURO_BASE = {
  text = {
    "Nerve damage (neuropathy) causes tingling, numbness, burning or pain, most often in the hands and feet.",
    O("In HER2 treatment it mostly comes from taxane chemo: paclitaxel (Taxol) or docetaxel (Taxotere)."),
    O("T-DM1 (Kadcyla) can cause it too. HER2 antibodies such as trastuzumab rarely do."),
    "Tell your care team early. A change in dose or schedule can stop it from getting worse.",
    "It often gets better in the months after treatment, but it can last.",
    "Next step: write down when it started and what it makes hard, like buttons or walking.",
  },
  sources = { "nci-nerve", "acs-chemo" },
  suggest = { "What are the side effects of chemo?", "Can yoga or acupuncture help?", "What is hand-foot syndrome?" },
}
local NEURO_FACTS = herald.facts("drug", {
  paclitaxel = "Paclitaxel (Taxol) is one of the drugs most likely to cause it.",
  docetaxel = "Docetaxel (Taxotere) is one of the drugs that can cause it.",
  trastuzumab = "Trastuzumab (Herceptin) alone rarely causes it; the chemo given with trastuzumab is the usual cause.",
  pertuzumab = "Pertuzumab (Perjeta) alone rarely causes it; the chemo given with pertuzumab is the usual cause.",
  phesgo = "Phesgo alone rarely causes it; the chemo given with Phesgo is the usual cause.",
  t_dm1 = "T-DM1 (Kadcyla) carries a chemo drug, so it can cause it.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can cause it in some people, most often mild.",
  carboplatin = "Carboplatin can cause it, but less often than the taxanes.",
})

-- Numbness that takes away what a person can do (blind patient probe,
-- 2026-12-07: dropping things, buttons, stumbling, not feeling the pedal on a
-- taxane). That is more than tingling: the team wants to hear of it before the
-- next dose, since they often lower, space out or pause the drug that causes it
-- (paclitaxel label: dose reduced for severe neuropathy; ASCO CIPN guideline;
-- NCI nerve problems: call when it is hard to hold things, walk or keep balance).
-- Safety at home and in the car (NCI tips). Never a stop or skip decision.
local LOST_FUNCTION = { "drop things", "dropping things", "dropping stuff", "drop stuff", "keep dropping", "dropped my",
  "drop my", "drop cups", "dropping cups", "dropping my", "dropping everything", "drop everything", "fumbl", "button", "zipper", "fasten", "hard to write", "trouble writing", "can't write", "cant write",
  "hold a pen", "hold my pen", "hold things", "my grip", "pick things up", "picking things up", "pick up small", "open jars",
  "open a jar", "clumsy", "stumbl", "tripping", "tripped", "trip over", "falling over", "fell over", "i fell", "a fall",
  "my balance", "off balance", "lose my balance", "losing my balance", "wobbly", "unsteady", "can't walk", "cant walk",
  "hard to walk", "trouble walking", "walking is hard", "pedal", "brake", "feel the floor", "feel the ground",
  "typing", "keyboard", "tie my shoes", "shoelace", "do up my", "fell down", "nearly fell", "almost fell", "fall down",
  "falling down", "can't feel my feet", "cant feel my feet", "can't feel my hands", "cant feel my hands", "no feeling in",
  "fell twice", "fell again", "keep falling", "keeps falling", "she fell", "he fell", "had a fall", "had falls", "a few falls",
  -- Told of someone else (clinical review 2026-12-07: "keeps dropping his keys").
  "keeps dropping", "drops things", "drops stuff", "drops his", "drops her", "dropping his", "dropping her",
  "dropped his", "dropped her", "his grip", "her grip", "his balance", "her balance", "can't feel his", "cant feel his",
  "can't feel her", "cant feel her", "hard to hold", "trouble holding", "can't hold", "cant hold", "can't grip",
  "cant grip", "keeps tripping", "keeps stumbling", "keeps fumbling", " trips ", "trips over", "trips on", "falls over" }
-- Told as after chemo has ended ("chemo finished last year but my feet are still
-- numb"): there is no next dose to tell them before (review, 2026-12-07).
local TREATMENT_OVER = { "finished chemo", "chemo finished", "chemo ended", "ended chemo", "done with chemo",
  "after chemo ended", "since chemo ended", "chemo is over", "chemo was over", "years ago", "last year",
  "finished treatment", "treatment ended", "treatment finished", "since i finished", "since she finished",
  "since he finished", "after i finished", "after finishing", "still numb" }
local NEURO_AFTER = "It can last for months, or longer, after chemo ends. Tell your care team at your next visit, or sooner if it is getting worse or you have fallen. They can check it, look for other causes and send you to a therapist who can help."
local NEURO_FUNCTION = {
  "Numbness that makes you drop things, fumble with buttons, stumble, or not feel the pedals means the nerve damage is starting to change what you can do. That is more than tingling.",
  "Tell your care team before your next dose, not at the end of treatment. They often lower the dose, space the doses out, or pause the drug for a while, so the damage does not get worse or last. Please do not push through it quietly.",
  "Until then, keep safe: test bath water with a thermometer or your elbow, wear shoes with a good grip, keep floors clear and use a night light, and do not drive if you cannot feel the pedals well.",
  "A physical or occupational therapist can help with balance and hand tasks. For painful nerve damage, duloxetine (Cymbalta) helps some people. Ask your team before starting it, since it does not mix well with some other medicines.",
  "Next step: call your team and tell them what has become hard, like buttons, writing, walking or driving.",
}
-- The same card told by someone who cares for the person ("my husband on weekly
-- taxol keeps dropping his keys"): spoken to the carer about the person, never
-- "your hands" (clinical review 2026-12-07). Same facts, same next step.
local NEURO_FUNCTION_OTHER = {
  "Numbness that makes someone drop things, fumble with buttons or keys, stumble, or not feel the pedals means the nerve damage is starting to change what they can do. That is more than tingling.",
  "Their care team needs to hear about it before the next dose, not at the end of treatment. The team often lowers the dose, delays or spaces out the doses, or switches the drug, so the damage does not get worse or last. That is the team's choice, made with the person, not one to make alone.",
  "Until then, help keep them safe: test bath water with a thermometer or an elbow, shoes with a good grip, clear floors and a night light, and no driving if they cannot feel the pedals well.",
  "A physical or occupational therapist can help with balance and hand tasks. For painful nerve damage, duloxetine (Cymbalta) helps some people. The team decides whether it suits them, since it does not mix well with some other medicines.",
  "Next step: call the team with them, before the next dose, and say what has become hard, like keys, buttons, walking or driving.",
}
local NEURO_AFTER_OTHER = "It can last for months, or longer, after chemo ends. Tell their care team at the next visit, or sooner if it is getting worse or they have fallen. The team can check it, look for other causes and send them to a therapist who can help."
local NEURO_FUNCTION_SOURCES = { "nci-nerve", "asco-cipn", "label-paclitaxel", "label-docetaxel" }
local NEURO_FUNCTION_SUGGEST = { "How long does neuropathy last?", "What helps with neuropathy?", "When should I call my care team?" }


-- "Should I just push through it?", "tough it out", "grin and bear it": a
-- side effect borne in silence. Never a yes or no about going on with a drug:
-- the team decides with the person, and many side effects can be eased or the
-- plan changed (NCI side effects; ASCO CIPN guideline). After a card on nerve
-- damage (the topic goes before the follow-up), the nerve-damage version.
local NEURO_SAID = { "numb", "tingl", "neuropath", "nerve", "pins and needles", "can't feel", "cant feel", "feeling in my" }
local PUSH_NEURO = {
  "It is brave to want to keep going, but please do not push through nerve damage quietly. If it is already hard to use your hands or feet, tell your care team before the next dose.",
  "Whether to change the dose, space it out or pause it is a choice your team makes with you. They weigh how much the drug helps against the risk of damage that lasts. They can only weigh it if they know.",
  "Lowering or pausing a dose for nerve damage is common, and it is not giving up on treatment.",
  "Next step: call your team today and describe what you can no longer do easily.",
}
-- Asked by a carer of the one with the numbness ("is it ok if he keeps going?",
-- "should my wife push through it"): the same no-decision answer, spoken to the
-- carer (clinical review 2026-12-07). ASCO's 2020 CIPN guideline: the team
-- weighs delaying, lowering, switching or stopping the drug.
local PUSH_NEURO_OTHER = {
  "Wanting to keep going is brave, but nerve damage should not be pushed through quietly. If it is already hard to use the hands or feet, the care team needs to hear about it before the next dose.",
  "Whether to lower the dose, delay it or switch to another drug is a choice the team makes with the person having treatment. They weigh how much the drug helps against the risk of damage that lasts. They can only weigh it if they know.",
  "Lowering or pausing a dose for nerve damage is common, and it is not giving up on treatment.",
  "Next step: call the team together before the next dose, and describe what has become hard, like keys, buttons or walking.",
}
-- Whose numbness it is: the writer's own when the writer tells of their own
-- hands or feet or of their own doing; else another person's when one is named
-- ("my husband", "she", "his fingers"). The follow-up's q.message holds the
-- earlier turn's topic, so "is it ok if he keeps going" after "my wife's feet
-- are numb" is read with the wife named.
local OWN_BODY = { "my hands", "my feet", "my fingers", "my toes", "my fingertips", "my finger tips", "my legs",
  "my balance", "my grip", "i keep", "i can't", "i cant", "i can barely", "i can hardly", "i drop", "i fumble",
  "i fell", "i nearly", "i almost", "i stumble", "i trip", "i'm on", "im on", "i am on", "since i " }
local KIN_NAMED = { "my husband", "my wife", "my partner", "my mom", "my mum", "my mother", "my dad", "my father",
  "my sister", "my brother", "my daughter", "my son", "my friend", "my nan", "my gran", "my grandma", "my grandpa",
  "my aunt", "my uncle", "my boyfriend", "my girlfriend", "my fiance", "my spouse", "my mam", " let her ", " let him ",
  " make her ", " make him ", " stop her ", " stop him " }
local PRONOUN_NAMED = { " he ", " she ", " him ", " his ", " he's", " she's", " hes ", " shes ", "her hands",
  "her feet", "her fingers", "her toes", "her balance", "her chemo" }
local WRITER_ASKS = { "should i ", "can i ", "do i ", "if i ", "shud i ", "i'm ", "im ", "i am " }
local function someone_elses(q)
  local m = " " .. (q.message or q.text or ""):lower() .. " "
  if q:mentions(OWN_BODY, m) then return false end
  if q:mentions(KIN_NAMED, m) then return true end
  return q:mentions(PRONOUN_NAMED, m) and not q:mentions(WRITER_ASKS, m)
end
local function push_neuro(q)
  if q and someone_elses(q) then
    return { text = PUSH_NEURO_OTHER, sources = { "nci-nerve", "asco-cipn" },
      suggest = { "What helps with neuropathy?", "How long does neuropathy last?", "How do I cope as a caregiver?" } }
  end
  return { text = PUSH_NEURO, sources = { "nci-nerve", "asco-cipn" },
    suggest = { "What helps with neuropathy?", "How long does neuropathy last?", "When should I call my care team?" } }
end
local PUSH_GENERAL = {
  "Many people try to tough out side effects so they do not seem to complain. Please do not. Your care team wants to hear about them, and it is part of their job.",
  "Many side effects can be eased with medicine, or with a change to the dose or the schedule. Whether to change anything is a choice your team makes with you.",
  "Some side effects are warning signs that need care the same day, so always tell them what is new or getting worse.",
  "Next step: write down what the side effect stops you doing, and tell your team before your next treatment.",
}
-- Pushing through said with the nerve damage itself ("should I keep my mouth
-- shut about the numbness and finish", "is it worth losing feeling to finish"):
-- the ranker is sure of the nerve-damage topic, so its handler gives the
-- push-through answer.
local PUSH_SAID = { "push through", "push thru", "power through", "tough it out", "tough out", "suffer through",
  "suffer thru", "soldier on", "grin and bear", "suck it up", "put up with", "keep my mouth shut", "keep quiet",
  "keep it quiet", "say nothing", "not say anything", "worth it", "worth losing", "is it worth" }
-- Going on asked as a question ("is it ok if he keeps going?", "can she carry on
-- with the taxol"), not the numbness that keeps coming ("my toes keep going
-- numb"): the words after "going" must not name a feeling.
local GOING_ON = { "%f[%a]keeps? going%f[%A]", "%f[%a]carr[yi]e?s? on%f[%A]", "%f[%a]keep on with%f[%A]",
  "%f[%a]go on with%f[%A]", "%f[%a]continue with%f[%A]", "%f[%a]keeps? taking%f[%A]", "%f[%a]keep at it%f[%A]" }
local NOT_GOING_ON = { "^ numb", "^ tingl", "^ dead", "^ cold", "^ weird", "^ funny", "^ to sleep", "^ happening",
  "^ and off", "^ off and" }
local function asks_going_on(q)
  if q:mentions(PUSH_SAID) then return true end
  local m = (q.message or q.text or ""):lower()
  for _, pat in ipairs(GOING_ON) do
    local _, stop = m:find(pat)
    while stop do
      local rest, feeling = m:sub(stop + 1), false
      for _, f in ipairs(NOT_GOING_ON) do
        if rest:find(f) then feeling = true end
      end
      if not feeling then return true end
      _, stop = m:find(pat, stop + 1)
    end
  end
  return false
end

herald.on("se.neuropathy", function(q)
  -- After the card, pushing on is the question; told for the first time with
  -- what it takes away, the card itself says not to push through quietly.
  local going_on = q:mentions(PUSH_SAID) or (q.previous == "se.neuropathy" and asks_going_on(q))
  if going_on and (q.previous == "se.neuropathy" or not q:mentions(LOST_FUNCTION)) then
    return push_neuro(q)
  end
  if q:mentions(LOST_FUNCTION) then
    local text = {}
    local own = NEURO_FACTS:get(q)
    local other = someone_elses(q)
    local lines = other and NEURO_FUNCTION_OTHER or NEURO_FUNCTION
    text[1] = lines[1]
    if own then for _, s in ipairs(own) do text[#text + 1] = s end end
    local over = q:mentions(TREATMENT_OVER)
    local after = other and NEURO_AFTER_OTHER or NEURO_AFTER
    for i = 2, #lines do text[#text + 1] = (i == 2 and over) and after or lines[i] end
    return { text = text, sources = NEURO_FUNCTION_SOURCES, suggest = NEURO_FUNCTION_SUGGEST }
  end
  return compose(NEURO_BASE, NEURO_FACTS, q)
end)

herald.on("se.push_through", function(q)
  -- Told for the first time with what it takes away: the card on nerve damage
  -- that changes what a person can do, which says the same about pushing on.
  if q.previous ~= "se.neuropathy" and q:mentions(NEURO_SAID) and q:mentions(LOST_FUNCTION) then
    return herald.hand_over("se.neuropathy")
  end
  if q.previous == "se.neuropathy" or q:mentions(NEURO_SAID) then return push_neuro(q) end
  return { text = PUSH_GENERAL, sources = { "nci-se", "acs-se" },
    suggest = { "When should I call my care team?", "How can I manage side effects?", "What questions should I ask my oncologist?" } }
end)

-- Nausea -------------------------------------------------------------------------

answer("se.nausea", {
  text = {
    O("Nausea is common with chemo and with trastuzumab deruxtecan (Enhertu)."),
    "Your care team can give you anti-nausea medicine, often before each treatment and to take at home.",
    "Take it as your team tells you, before the nausea gets bad.",
    "Small, plain meals, sips of fluid, ginger and fresh air can also help.",
    "Tell your care team if the medicine is not working, and call if you can't keep fluids down.",
    "Next step: ask which anti-nausea medicine to take at home, and when.",
  },
  sources = { "nci-nausea", "label-tdxd" },
  suggest = { "What are the side effects of chemo?", "What should I eat during treatment?", "Can acupuncture help with nausea?" },
}, herald.facts("drug", {
  t_dxd = "With trastuzumab deruxtecan (Enhertu), nausea is one of the most common side effects, so anti-nausea medicine is often given before each dose.",
  trastuzumab = "Trastuzumab (Herceptin) alone causes mild nausea at most; chemo is the usual cause.",
  t_dm1 = "T-DM1 (Kadcyla) can cause nausea, usually mild.",
  doxorubicin = "Doxorubicin (Adriamycin), given as AC, often causes nausea, so strong anti-nausea medicine is given first.",
  epirubicin = "Epirubicin (Ellence) often causes nausea, so anti-nausea medicine is given first.",
  cyclophosphamide = "Cyclophosphamide (Cytoxan) can cause nausea, mostly when given with doxorubicin.",
  carboplatin = "Carboplatin often causes nausea, so anti-nausea medicine is given first.",
  capecitabine = "Capecitabine (Xeloda) can cause nausea, usually mild.",
  neratinib = "Neratinib (Nerlynx) can cause nausea as well as diarrhea.",
}))

-- Fatigue ------------------------------------------------------------------------

answer("se.fatigue", {
  text = {
    "Feeling very tired (fatigue) is one of the most common side effects of cancer treatment.",
    "Rest helps, but too much bed rest can make it worse.",
    "Gentle exercise, like a daily walk, is one of the best ways to get more energy.",
    "Plan tasks for your best hours, take short naps, eat well, and let others help.",
    "Tell your care team if it gets worse. Low blood counts, poor sleep or low mood can add to it, and these can be treated.",
    "Next step: try a short walk on most days.",
  },
  sources = { "nci-fatigue", "acs-se" },
  suggest = { "Can I exercise during treatment?", "Can I keep working during treatment?", "What is chemo brain?" },
}, herald.facts("drug", {
  trastuzumab = "Trastuzumab (Herceptin) can cause mild tiredness, most often after the first doses.",
  t_dxd = "Tiredness is common with trastuzumab deruxtecan (Enhertu).",
  t_dm1 = "Tiredness is one of the most common side effects of T-DM1 (Kadcyla).",
  aromatase_inhibitor = "Aromatase inhibitors can cause tiredness, often with joint aches.",
  tamoxifen = "Tamoxifen can cause tiredness, mostly in the first months.",
  tucatinib = "Tiredness is common with tucatinib (Tukysa), taken with trastuzumab and capecitabine.",
  neratinib = "Tiredness is common with neratinib (Nerlynx), and diarrhea can add to it.",
  lapatinib = "Tiredness is common with lapatinib (Tykerb).",
  pertuzumab = "Tiredness is common with pertuzumab (Perjeta), most of all while chemo is given with it.",
  phesgo = "Tiredness is common with Phesgo, most of all while chemo is given with it.",
  margetuximab = "Tiredness is one of the most common side effects of margetuximab (Margenza).",
  paclitaxel = "Tiredness is common with paclitaxel (Taxol), and it can build up over the weeks.",
  docetaxel = "Tiredness is common with docetaxel (Taxotere), often worst a few days after each dose.",
  carboplatin = "Tiredness is common with carboplatin, and low red cells can add to it.",
  doxorubicin = "Tiredness is common with doxorubicin (Adriamycin), often worst a few days after each dose.",
  epirubicin = "Tiredness is common with epirubicin (Ellence), often worst a few days after each dose.",
  cyclophosphamide = "Tiredness is common with cyclophosphamide (Cytoxan).",
  capecitabine = "Tiredness is common with capecitabine (Xeloda).",
}))

-- Hair loss ----------------------------------------------------------------------

local HAIR = {
  text = {
    "Hair loss mostly comes from chemo.",
    O("Docetaxel (Taxotere) and paclitaxel (Taxol) are common causes. Trastuzumab (Herceptin) and pertuzumab (Perjeta) do not usually make hair fall out, though it may thin. Trastuzumab deruxtecan (Enhertu) often does cause hair loss."),
    "Hair often starts to fall out 2 to 4 weeks after the first chemo. It usually grows back a few months after chemo ends.",
    "Cold caps (scalp cooling) help some people keep more hair.",
    "Next step: ask your team if cold caps are offered, and if your insurance helps pay for a wig.",
  },
  sources = { "nci-hair", "acs-chemo" },
  suggest = { "What are the side effects of chemo?", "Is Herceptin chemo?", "What are the side effects of Enhertu?" },
}
local HAIR_FACTS = herald.facts("drug", {
  trastuzumab = "Trastuzumab (Herceptin) is not chemo, and on its own it rarely causes hair loss.",
  herceptin_hylecta = "Herceptin Hylecta is not chemo, and on its own it rarely causes hair loss.",
  pertuzumab = "Pertuzumab (Perjeta) is not chemo, and on its own it rarely causes hair loss.",
  phesgo = "Phesgo is not chemo, and on its own it rarely causes hair loss.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) carries a chemo drug, and hair loss is common with it.",
  t_dm1 = "T-DM1 (Kadcyla) rarely causes full hair loss, though some thinning can happen.",
  tucatinib = "Tucatinib (Tukysa) does not usually cause hair loss.",
  neratinib = "Neratinib (Nerlynx) does not usually cause hair loss.",
  capecitabine = "Capecitabine (Xeloda) may thin hair, but full hair loss is uncommon.",
  docetaxel = "Docetaxel (Taxotere) causes hair loss in most people.",
  paclitaxel = "Paclitaxel (Taxol) causes hair loss in most people.",
  doxorubicin = "Doxorubicin (Adriamycin) causes hair loss in almost everyone, often within a few weeks.",
  epirubicin = "Epirubicin (Ellence) causes hair loss in most people.",
  cyclophosphamide = "Cyclophosphamide (Cytoxan) can thin hair or make it fall out, more so when given with doxorubicin.",
  carboplatin = "Carboplatin can thin hair. In TCHP, the docetaxel given with carboplatin causes most hair loss.",
  tamoxifen = "Tamoxifen can thin hair a little, but it does not cause baldness.",
  aromatase_inhibitor = "Aromatase inhibitors can thin hair a little.",
  ovarian_suppression = "Ovarian suppression shots can thin hair a little.",
})

-- Dyes, perms and straightening after chemo: new hair is fragile and the scalp
-- tender, so the usual advice is to wait; the question is when, not whether.
-- Substrings of the whole message: "a perm", never "perm" ("is it permanent").
local HAIR_CARE = { "dye", "colour my hair", "color my hair", "hair color", "hair colour", "coloring my", "colouring my",
  "color it", "colour it", "bleach", "highlights", "a perm", "perms", "perming", "relaxer", "straighten", "keratin",
  "henna" }
local HAIR_CARE_TEXT = {
  "New hair after chemo is often fine and fragile at first, and the scalp can stay tender. It may even grow back curlier or a different color.",
  "A common rule is to wait about 6 months after chemo ends before you dye, bleach, perm or straighten your hair.",
  "When you start again, choose gentle products and ask your stylist for a patch test and a strand test first. If you still take cancer drugs, check with your care team too.",
  "Next step: tell your stylist about your treatment before any color or perm.",
}

-- A sore, burning or itchy scalp while the hair falls out.
local SCALP = { "scalp", "my head", "her head" }
local SCALP_FEEL = { "burn", "sore", "tender", "hurt", "itch", "tingl", "sting", "on fire", "prickl", "ache", "pain" }
local SCALP_TEXT = {
  "A tender, itchy, tingling or burning scalp is common just before and while hair falls out.",
  "Be gentle: a soft brush, a mild shampoo, lukewarm water, and a soft cap or scarf. Some people find a short cut or a shaved head more comfortable. Protect the scalp from sun and cold.",
  "Tell your team if the scalp has sores, a rash, or pain that keeps you awake.",
  "Next step: ask your nurse which shampoo and scalp care they suggest.",
}

-- Cold caps and scalp cooling machines (probe 7, P57 P104): how they work, which
-- chemo they suit (taxane plans such as TCHP best, AC-type chemo less well), what it
-- takes, and what to ask. Studies: most people on taxane chemo kept at least half
-- their hair with cooling (regimen series, Breast 2019 trial); NCI's hair-loss page.
src("pmc-scalp-cooling", "Randomised controlled trial of scalp cooling for the prevention of chemotherapy induced alopecia (The Breast, 2019)",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7375683")
local COLD_CAP_WORDS = { "cold cap", "coldcap", "cold-cap", "scalp cool", "cooling cap", "cool cap", "paxman", "dignicap",
  "penguin cap", "frozen cap", "ice cap", "freeze my scalp", "freezing cap", "amma cap", "scalp cap", "freezing scalp",
  "cooling" }
local COLD_CAP = {
  text = {
    "Cold caps and scalp cooling machines chill your scalp before, during and after each chemo visit. The cold narrows the blood vessels there, so less chemo reaches the hair roots.",
    "They work best with taxane chemo, such as paclitaxel or docetaxel. That includes plans with carboplatin, such as TCHP. In studies, many people on these plans kept at least half their hair. They work less well with doxorubicin-type chemo, called AC.",
    "It adds time to each visit, the cold can bring headaches or chills, and insurance may not pay. Trastuzumab (Herceptin) and pertuzumab (Perjeta) alone rarely cause hair loss, so the chemo months are the ones that count.",
    "Next step: before your first chemo, ask your team if they offer scalp cooling, how well it works with your plan, what it costs, and how much longer each visit takes.",
  },
  sources = { "nci-hair", "pmc-scalp-cooling" },
  suggest = { "When does hair grow back after chemo?", "What are the side effects of TCHP?", "Can I get a wig?" },
}

-- How to tell a child about a parent's hair loss (blind grading 2026-12-07,
-- the children's card by age): the support plugin's card on talking with
-- children, which says what changes at home for each age.
local CHILD_SAID = { "my kid", "my child", "my son", "my daughter", "my boy", "my girl", "my little", "my toddler",
  "year old", "yo ", "my teen", "my children", "the kids", "grandkid", "grandchild" }
local TELL_SAID = { "tell", "explain", "talk to", "talk with", "what do i say", "what should i say", "prepare" }
herald.on("se.hair", function(q)
  if q:mentions(CHILD_SAID) and q:mentions(TELL_SAID) then return herald.hand_over("support.children") end
  if q:mentions(COLD_CAP_WORDS) and not q:mentions(HAIR_CARE) then return COLD_CAP end
  if q:mentions(SCALP) and q:mentions(SCALP_FEEL) and not q:mentions(HAIR_CARE) then
    return { text = SCALP_TEXT, sources = { "nci-hair" },
      suggest = { "When does hair grow back after chemo?", "Do cold caps work?", "What are the side effects of chemo?" } }
  end
  if q:mentions(HAIR_CARE) then
    return { text = HAIR_CARE_TEXT, sources = { "hair-color-after-chemo", "nci-hair" },
      suggest = { "When does hair grow back after chemo?", "Do cold caps work?", "What are the side effects of chemo?" } }
  end
  return compose(HAIR, HAIR_FACTS, q)
end)

-- Mouth --------------------------------------------------------------------------

local MOUTH = {
  text = {
    "Chemo and some HER2 drugs can cause mouth sores, a dry mouth, or changes in taste.",
    "Brush gently with a soft brush and rinse often with salt and baking soda in water.",
    "Avoid spicy, sour or crunchy foods, and mouthwash that has alcohol.",
    "Tell your care team if sores make it hard to eat or drink; medicines and rinses can help.",
    "Next step: ask your team for a mouth care plan.",
  },
  sources = { "nci-mouth", "acs-targeted" },
  suggest = { "What should I eat during treatment?", "How can I manage nausea?", "What are the side effects of chemo?" },
}

-- A question about taste (a metal taste, food that tastes of nothing) gets taste tips.
local TASTE = {
  text = {
    "Changes in taste are common during chemo. About half of people have them.",
    "Food may taste like metal, bitter, or like nothing at all. This often fades a few weeks after treatment ends.",
    "Things that can help: use plastic forks and spoons, try cold foods, and add herbs, spices or a little lemon if your mouth is not sore. Brush your teeth or rinse your mouth before you eat.",
    "Sugar-free mints or gum can ease a bad taste.",
    "Next step: if you are not eating enough, ask your team about seeing a dietitian.",
  },
  sources = { "asco-taste", "nci-mouth" },
  suggest = { "What should I eat during treatment?", "How do I treat mouth sores from chemo?", "How can I manage nausea?" },
}

herald.on("se.mouth", function(q)
  local t = q.text
  local taste = (t:find("tast") or t:find("metal")) and not (t:find("sore") or t:find("ulcer") or t:find("mucositis"))
  return compose(taste and TASTE or MOUTH, nil, q)
end)

-- Infusion reactions -------------------------------------------------------------

answer("se.infusion", {
  text = {
    "An infusion reaction can happen during or soon after a drip, most often the first one.",
    "Signs include chills, fever, itching, rash, flushing, or feeling faint or short of breath.",
    "Nurses watch you closely, and they can slow or stop the drip and give medicine. Many people get medicine beforehand to prevent it.",
    O("Shots under the skin, like Phesgo or Herceptin Hylecta, can cause redness or soreness where they go in."),
    "After you go home, call your care team if you get a fever, chills or a rash.",
    "Next step: tell the nurse at once if you feel odd during an infusion.",
  },
  sources = { "label-trastuzumab", "acs-targeted" },
  suggest = { "How is Herceptin given?", "What is Phesgo?", "When should I call my care team?" },
}, herald.facts("drug", {
  trastuzumab = "With trastuzumab (Herceptin), reactions are most common with the first dose, so it is given more slowly. Its boxed warning includes serious infusion reactions.",
  pertuzumab = "With pertuzumab (Perjeta), you are watched after each dose for a reaction.",
  herceptin_hylecta = "Herceptin Hylecta can cause redness or soreness where the shot goes in, and, rarely, a reaction in the whole body.",
  phesgo = "Phesgo can cause redness or soreness where the shot goes in, and, rarely, a reaction in the whole body.",
  t_dm1 = "T-DM1 (Kadcyla) can cause an infusion reaction, most often with the first dose.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) rarely causes an infusion reaction, and you are watched during the first dose.",
  margetuximab = "Infusion reactions are common with margetuximab (Margenza), so you are watched closely, most of all the first time.",
  paclitaxel = "Paclitaxel (Taxol) has a boxed warning for severe allergic reactions, so you get medicines before each dose to prevent them.",
  docetaxel = "Docetaxel (Taxotere) can cause severe allergic reactions, so you take steroid pills around each dose.",
  carboplatin = "Carboplatin can cause an allergic reaction, more often after several doses.",
  doxorubicin = "Doxorubicin (Adriamycin) can badly damage the skin if it leaks from the vein, so tell the nurse at once about pain or burning at the drip site.",
  epirubicin = "Epirubicin (Ellence) can badly damage the skin if it leaks from the vein, so tell the nurse at once about pain or burning at the drip site.",
  tucatinib = "Tucatinib (Tukysa) is a pill, so it has no drip to react to. The trastuzumab given with tucatinib can cause reactions.",
  lapatinib = "Lapatinib (Tykerb) is a pill, so it has no drip to react to.",
  neratinib = "Neratinib (Nerlynx) is a pill, so it has no drip to react to.",
  pyrotinib = "Pyrotinib is a pill, so it has no drip to react to.",
  capecitabine = "Capecitabine (Xeloda) is a pill, so it has no drip to react to.",
  tamoxifen = "Tamoxifen is a pill, so it has no drip to react to.",
  aromatase_inhibitor = "Aromatase inhibitors are pills, so they have no drip to react to.",
  ovarian_suppression = "Ovarian suppression shots can make the shot spot sore or bruised.",
  bone_drug = "After a zoledronic acid (Zometa) drip, flu-like aches or a fever for a day or two are common. A denosumab shot can make the shot spot sore.",
}))

-- Blood counts and infection -----------------------------------------------------

local BLOOD_COUNTS = {
  text = {
    "Chemo can lower your blood counts.",
    "Low white blood cells (neutropenia) raise your risk of infection. Low red cells (anemia) make you tired, and low platelets make you bruise or bleed more easily.",
    "Your team checks your blood before treatments. Some people get a shot, such as pegfilgrastim (Neulasta), to help white cells recover.",
    "To lower infection risk, wash your hands often and stay away from people who are sick.",
    "Call your care team right away for a fever of 100.4 F (38 C) or higher, or chills.",
    "Next step: keep a thermometer at home.",
  },
  sources = { "nci-infection", "acs-chemo" },
  suggest = { "What are the side effects of chemo?", "Can I get vaccines during treatment?", "How do I cope with fatigue?" },
}
local BLOOD_COUNT_FACTS = herald.facts("drug", {
  t_dm1 = "T-DM1 (Kadcyla) can lower platelets, so your team checks them before each dose.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can lower white cells, red cells and platelets.",
  trastuzumab = "Trastuzumab (Herceptin) alone does not usually lower blood counts much; the chemo given with trastuzumab does.",
  docetaxel = "Docetaxel (Taxotere) often lowers white cells, about a week after each dose.",
  paclitaxel = "Paclitaxel (Taxol) can lower white cells, so counts are checked before each dose.",
  carboplatin = "Carboplatin can lower platelets and white cells.",
  doxorubicin = "Doxorubicin (Adriamycin) lowers white cells, most of all 1 to 2 weeks after each dose.",
  epirubicin = "Epirubicin (Ellence) lowers white cells, most of all 1 to 2 weeks after each dose.",
  cyclophosphamide = "Cyclophosphamide (Cytoxan) lowers white cells, so the risk of infection goes up.",
  capecitabine = "Capecitabine (Xeloda) can lower blood counts, though less than IV chemo.",
})

-- A fever that has come and gone ("fever last week but it's gone"): not an
-- alert (the safety layer lets it through), but still worth telling the team.
local PAST_FEVER = "A fever that has gone away is still worth telling your care team about. If it comes back, call them right away."

-- Bone pain after a white-cell booster shot: the shot's own best-known effect.
src("label-pegfilgrastim", "Neulasta (pegfilgrastim) prescribing information", "DailyMed, National Library of Medicine",
  "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=fdfe5d72-6b80-435a-afa4-c5d74dd852ce")
local SHOT_WORDS = { "neulasta", "pegfilgrastim", "filgrastim", "neupogen", "udenyca", "fulphila", "ziextenzo", "nyvepria",
  "onpro", "booster shot", "white cell shot", "white blood cell shot", "shot to boost", "on-body injector", "on body injector" }
local SHOT_PAIN = { "bone", "ache", "aching", "achy", "pain", "hurt", "sore" }
local SHOT_ACHES = {
  "Bone pain is the most common side effect of the shots that boost white blood cells, such as pegfilgrastim (Neulasta). It often starts a day or two after the shot and lasts a few days, most often in the back, hips and legs.",
  "Ask your team what you can take for it before you take anything: some pain relievers can hide a fever.",
  "Call your team right away for a fever of 100.4 F (38 C) or higher. Call the same day for pain in the upper left belly or the tip of the left shoulder.",
  "Next step: ask your nurse for a plan for the days after your next shot.",
}

-- Why Kadcyla lowers platelets (probe 9): lab studies point to its chemo part
-- harming the marrow cells that make platelets; a study in patients found
-- platelets also lived a shorter time. The label asks for a count before each dose.
src("pub-tdm1-platelets", "Effect of ado-trastuzumab emtansine on autologous platelet kinetics and function (2021)",
  "Researcher.Life abstract of the published study",
  "https://discovery.researcher.life/article/effect-of-ado-trastuzumab-emtansine-on-autologous-platelet-kinetics-and-function/01d542b27ca432409fe68c88ece5600f")
local TDM1_PLATELETS = {
  text = {
    "T-DM1 (Kadcyla) often lowers platelets, the cells that help blood clot. Its chemo part seems to harm the young cells in the bone marrow that make platelets, and platelets in the blood also last a shorter time.",
    "The drop is usually mild and comes back up between doses. Your count is checked before each dose, and if it is too low, the dose can wait or be lowered.",
    "Call your team for bruises you cannot explain, tiny red spots on the skin, or bleeding from the nose or gums that will not stop.",
    "Next step: ask what your last platelet count was.",
  },
  sources = { "label-tdm1", "pub-tdm1-platelets" },
  suggest = { "What are the side effects of Kadcyla?", "What are the warnings for Kadcyla?", "How can I avoid infections during chemo?" },
}
local WHY_WORDS = { "why", "how come", "what makes", "reason", "cause" }

herald.on("se.blood_counts", function(q)
  if q:mentions({ "platelet" }) and q:mentions(WHY_WORDS)
      and (q:slot("drug") == "t_dm1" or q:mentions({ "kadcyla", "t-dm1", "tdm1", "emtansine" })) then
    return TDM1_PLATELETS
  end
  if q:mentions(SHOT_WORDS) and q:mentions(SHOT_PAIN) then
    return { text = SHOT_ACHES, sources = { "label-pegfilgrastim", "nci-infection" },
      suggest = { "How can I avoid infections during chemo?", "When should I call my care team?", "How do I cope with fatigue?" } }
  end
  local a = compose(BLOOD_COUNTS, BLOOD_COUNT_FACTS, q)
  local t = q.text
  if (t:find("fever") or t:find("chills") or t:find("temp")) and (t:find("ago") or t:find("last week")
      or t:find("gone") or t:find("went away") or t:find("better now") or t:find("passed")) then
    table.insert(a.text, 1, PAST_FEVER)
  end
  return a
end)

-- Hormone therapy ----------------------------------------------------------------

local HORMONE = {
  text = {
    "Hormone therapy is used when the cancer is also hormone receptor-positive.",
    "Common side effects feel like menopause: hot flashes, joint pain or stiffness, vaginal dryness, and mood changes.",
    O("Aromatase inhibitors, such as letrozole, can cause bone loss, so your bone density may be checked. Tamoxifen can slightly raise the risk of blood clots. It can also slightly raise the risk of cancer of the womb (uterus)."),
    "Exercise, layered clothes and some medicines can ease many of these. Call your care team about a painful, swollen leg or unusual bleeding.",
    "Next step: talk to your team before you stop or skip your pills.",
  },
  sources = { "nci-hormone", "acs-hormone" },
  suggest = { "Do I need hormone therapy?", "Can I exercise during treatment?", "What is triple positive breast cancer?" },
}

local HORMONE_FACTS = herald.facts("drug", {
  tamoxifen = "Tamoxifen also slightly raises the risk of blood clots, stroke, and cancer of the womb (uterus).",
  -- Drugs that are not hormone therapy: say so, rather than "ask how likely".
  -- Not "does not cause these effects": the Herceptin label lists joint and muscle aches (probe 6, S18).
  trastuzumab = "Trastuzumab (Herceptin) is not a hormone therapy and does not cause menopause. Its label does list joint and muscle aches in some people. Chemo given with it can bring on early menopause.",
  herceptin_hylecta = "Herceptin Hylecta is not a hormone therapy and does not cause menopause. Its label does list joint and muscle aches in some people. Chemo given with it can bring on early menopause.",
  pertuzumab = "Pertuzumab (Perjeta) is not a hormone therapy and does not cause menopause. Chemo given with it can bring on early menopause.",
  phesgo = "Phesgo is not a hormone therapy and does not cause menopause. Phesgo contains trastuzumab, whose label lists joint and muscle aches in some people. Chemo given with it can bring on early menopause.",
  t_dm1 = "T-DM1 (Kadcyla) is not a hormone therapy and is not known to cause menopause symptoms.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) is not a hormone therapy and is not known to cause menopause symptoms.",
  tucatinib = "Tucatinib (Tukysa) is not a hormone therapy and is not known to cause menopause symptoms.",
  neratinib = "Neratinib (Nerlynx) is not a hormone therapy and is not known to cause menopause symptoms.",
  lapatinib = "Lapatinib (Tykerb) is not a hormone therapy. Lapatinib is sometimes taken with letrozole, which can cause these effects.",
  doxorubicin = "Doxorubicin (Adriamycin) is chemo, not hormone therapy. Chemo can stop periods and bring on early menopause, with hot flashes.",
  cyclophosphamide = "Cyclophosphamide (Cytoxan) is chemo, not hormone therapy. It can stop periods and bring on early menopause, with hot flashes.",
  paclitaxel = "Paclitaxel (Taxol) is chemo, not hormone therapy. Chemo can stop periods and bring on early menopause, with hot flashes.",
  docetaxel = "Docetaxel (Taxotere) is chemo, not hormone therapy. Chemo can stop periods and bring on early menopause, with hot flashes.",
  carboplatin = "Carboplatin is chemo, not hormone therapy. Chemo can stop periods and bring on early menopause, with hot flashes.",
  epirubicin = "Epirubicin (Ellence) is chemo, not hormone therapy. Chemo can stop periods and bring on early menopause, with hot flashes.",
  aromatase_inhibitor = "With aromatase inhibitors, joint pain and bone loss are the main things to know, so your bone density may be checked.",
  ovarian_suppression = "Ovarian suppression shots bring on menopause symptoms, such as hot flashes and vaginal dryness, and can thin the bones.",
})

-- Asked what helps hot flashes: what is known to help, and the one caution
-- with tamoxifen (some antidepressants used for hot flashes weaken it).
herald.source("nci-hot-flashes", { title = "Hot Flashes and Night Sweats (PDQ), Patient Version", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/about-cancer/treatment/side-effects/hot-flashes-pdq" })
local HOT_FLASH_HELP = {
  "Many people find relief by dressing in layers, keeping the bedroom cool, and avoiding what sets them off, such as alcohol, spicy food or stress.",
  "Some non-hormone medicines can ease hot flashes. But a few antidepressants, such as paroxetine (Paxil) and fluoxetine (Prozac), make tamoxifen work less well. Ask your team which medicine is right for you.",
}

local HOT_FLASH = { "hot fl", "hotfl", "night sweat" }
-- Not "stop" or "anything": "will the hot flashes stop when I finish" asks something else.
local WHAT_HELPS = { "help", "ease", "relie", "manage", "cope", "tips", "what can", "treat", "calm", "cool", "paxil",
  "prozac", "antidepress", "effexor", "gabapentin" }

-- Asked whether a HER2 antibody itself causes joint or muscle pain (probe 6, S18): it can,
-- so the hormone-therapy overview would miss the point. Facts per drug, in that drug's entry.
local ACHE_WORDS = { "joint", "arthrit", "muscle", "ache", "achy", "aching", "knee", "hip", "stiff" }
local ANTIBODY_ACHES = herald.facts("drug", {
  trastuzumab = "Yes, it can. Trastuzumab (Herceptin) lists joint and muscle aches among its side effects, and they are most often mild.",
  herceptin_hylecta = "Yes, it can. Herceptin Hylecta lists joint and muscle aches among its side effects, and they are most often mild.",
  phesgo = "Yes, it can. Phesgo holds trastuzumab, whose label lists joint and muscle aches, and they are most often mild.",
})
local ACHES_REST = {
  "Joint pain is also common with the taxane chemo often given with it, and with some hormone pills, so it can be hard to tell which one is the cause.",
  "Gentle exercise, warmth, and pain relievers your team approves often help.",
  "Next step: tell your care team where it hurts and when it started, so they can find the cause.",
}

-- Joint pain told with an aromatase inhibitor, with or without Herceptin (probe 8): the hormone
-- pill is the common cause, so it comes first, with what helps and that the team may switch pills.
src("frontiers-aimss", "Aromatase Inhibitor-Associated Musculoskeletal Syndrome: Understanding Mechanisms and Management (2021)",
  "Frontiers in Endocrinology", "https://www.frontiersin.org/articles/10.3389/fendo.2021.713700/full")
src("pmc-ai-switch", "Managing arthralgia in a postmenopausal woman taking an aromatase inhibitor: a case study (2012)",
  "Cancer Management and Research, via PubMed Central", "https://pmc.ncbi.nlm.nih.gov/articles/PMC3345876")
local AI_WORDS = { "aromatase", "letrozole", "femara", "anastrozole", "arimidex", "exemestane", "aromasin" }
local AI_ACHES = {
  text = {
    "Aromatase inhibitors, such as letrozole (Femara), anastrozole (Arimidex) and exemestane (Aromasin), are a very common cause of joint aches and stiffness, in up to about half of the people who take them. They can also cause bone loss, so your bone density may be checked.",
    "Staying active, such as walking, stretching or swimming, helps many people. So can warmth and pain relievers your team approves.",
    "Tell your care team how much it bothers you. If it stays hard to live with, they may suggest a switch to another aromatase inhibitor or to tamoxifen. Please do not stop the pills on your own: your team decides.",
    "Next step: note which joints hurt, when it started, and what it stops you doing, and bring the list to your next visit.",
  },
  sources = { "acs-hormone", "frontiers-aimss", "pmc-ai-switch" },
  suggest = { "What are hormone therapy side effects?", "Can I exercise during treatment?", "Do aromatase inhibitors thin the bones?" },
}
local AI_ACHES_ANTIBODY = herald.facts("drug", {
  trastuzumab = "Trastuzumab (Herceptin) can cause joint aches too, but they are usually mild, so the hormone pill is the more likely cause.",
  herceptin_hylecta = "Herceptin Hylecta can cause joint aches too, but they are usually mild, so the hormone pill is the more likely cause.",
  phesgo = "Phesgo holds trastuzumab, which can cause joint aches too, but they are usually mild, so the hormone pill is the more likely cause.",
})

-- Antidepressants with tamoxifen, and what eases its hot flashes (probe 12): the
-- cards live in life.lua (life.interactions), which these questions are handed to.
local TAMOXIFEN_SAID = { "tamoxifen", "nolvadex", "soltamox", "tamoxifin", "tamoxiphen" }
local ANTIDEPRESSANTS = { "paxil", "paroxetine", "prozac", "fluoxetine", "wellbutrin", "bupropion", "zyban", "antidepress",
  "anti-depress", "ssri", "snri", "zoloft", "sertraline", "celexa", "citalopram", "lexapro", "escitalopram", "effexor",
  "venlafaxine", "cymbalta", "duloxetine", "pristiq", "desvenlafaxine", "brisdelle" }
local HOT_SAID = { "hot fl", "hotfl", "night sweat", "sweats", "flushes", "flashes" }
local HOT_OPTIONS = { "hrt", "hormone replacement", "estrogen", "black cohosh", "cohosh", "herb", "supplement", "natural",
  "medicine for", "medication for", "pill for", "something for", "anything for", "what can i take", "can i take" }
local PILL_NAMES = { "anastrozole", "arimidex", "letrozole", "femara", "exemestane", "aromasin", "tamoxifen",
  "hormone pill", "hormone blocker" }
local HER2_ANTIBODY = { "herceptin", "trastuzumab", "phesgo", "hylecta", "perjeta", "pertuzumab", "her2 drug", "kanjinti",
  "ogivri", "trazimera", "herzuma", "ontruzant" }
herald.on("se.hormone", function(q)
  if q:mentions(TAMOXIFEN_SAID) and (q:mentions(ANTIDEPRESSANTS) or (q:mentions(HOT_SAID) and q:mentions(HOT_OPTIONS))) then
    return herald.hand_over("life.interactions")
  end
  -- Tamoxifen for a man (clinical review 2026-12-07d: "my dad is on tamoxifen,
  -- will he get hot flashes" got vaginal dryness and cancer of the womb): the
  -- men's tamoxifen card in drugs.lua answers it.
  if q:slot("drug") == "tamoxifen" and q:about_a_man() then return herald.hand_over("drug.side_effects_of") end
  -- When to start the hormone pill while trastuzumab goes on ("can I start
  -- anastrozole while still getting Herceptin", clinical review 2026-12-07d, got
  -- the side-effects card): life.interactions has the timing card.
  if q:mentions(PILL_NAMES) and q:mentions(HER2_ANTIBODY) and q:mentions({ "start", "begin", "wait until", "wait for" })
      and not q:mentions({ "side effect", "ache", "pain", "hot fl", "sweat", "tired", "dry", "mood", "weight" }) then
    return herald.hand_over("life.interactions")
  end
  local key = q:slot("drug")
  if q:mentions(ACHE_WORDS) and q:mentions(AI_WORDS)
      and (key == nil or key == "aromatase_inhibitor" or AI_ACHES_ANTIBODY:get(q)) then
    local text = { AI_ACHES.text[1] }
    for _, s in ipairs(AI_ACHES_ANTIBODY:get(q) or {}) do text[#text + 1] = s end
    for i = 2, #AI_ACHES.text do text[#text + 1] = AI_ACHES.text[i] end
    local srcs = { "acs-hormone", "frontiers-aimss", "pmc-ai-switch" }
    if AI_ACHES_ANTIBODY:get(q) then srcs[#srcs + 1] = "label-trastuzumab" end
    return { text = text, sources = srcs, suggest = AI_ACHES.suggest }
  end
  local aches = q.slots.drug and q:mentions(ACHE_WORDS) and ANTIBODY_ACHES:get(q)
  if aches then
    local text = {}
    for _, s in ipairs(aches) do text[#text + 1] = s end
    for _, s in ipairs(ACHES_REST) do text[#text + 1] = s end
    return { text = text, sources = { "label-trastuzumab", "nci-hormone" },
      suggest = { "What are the side effects of Herceptin?", "Can I exercise during treatment?", "What are hormone therapy side effects?" } }
  end
  local a = compose(HORMONE, HORMONE_FACTS, q)
  if q:mentions(HOT_FLASH) and q:mentions(WHAT_HELPS) then
    a.text = { HOT_FLASH_HELP[1], HOT_FLASH_HELP[2], "Next step: tell your care team how often hot flashes wake you or get in your way." }
    a.sources = { "nci-hot-flashes", "nci-hormone" }
  end
  return a
end)

-- Radiation ----------------------------------------------------------------------

src("nci-ebrt", "External Beam Radiation Therapy for Cancer", NCI, "https://www.cancer.gov/about-cancer/treatment/types/radiation-therapy/external-beam")
local RADIOACTIVE = { "radioactive", "radiation in me", "give off radiation", "safe to hug", "safe to be around", "hold my grand",
  "hold the baby", "around my kids", "around children", "around pregnant" }
local NOT_RADIOACTIVE = "Radiation given from a machine outside the body, the usual kind for breast cancer, does not make you radioactive. You can hug, hold babies and be close to anyone, even right after a treatment."

local RADIATION = {
  text = {
    "Radiation side effects are mostly in the area being treated.",
    "Skin changes are the most common: redness, itching, peeling or darkening, much like a sunburn.",
    "Tiredness often builds up over the weeks of treatment.",
    "Be gentle with the skin. Use mild soap and lukewarm water, wear soft loose tops, keep the area out of the sun, and use only creams your team suggests.",
    "Most effects fade a few weeks after treatment ends. Tell your team about blisters, open skin, or swelling of the breast or arm.",
    "Next step: ask your radiation team which creams and soaps are safe for your skin.",
  },
  sources = { "nci-radiation", "acs-radiation" },
  suggest = { "How do I cope with fatigue?", "What is lymphedema?", "Do I need radiation after lumpectomy?" },
}

-- Months or years later the treated breast can turn firmer, smaller or darker
-- (fibrosis; ACS, Radiation for Breast Cancer): asked about, it is said first.
local LATE_WORDS = { "months after", "months later", "years after", "years later", "a year after", "a year later",
  "long term", "long-term", "later on", "down the road", "in the future", "permanent", "still firm", "still hard" }
local LATE_CHANGE = { "firm", "hard", "smaller", "shrink", "shrunk", "tight", "thick", "different size", "uneven",
  "darker", "change shape", "changed shape" }
local RADIATION_LATE = {
  text = {
    "Yes. Months or years after radiation, the treated breast can become firmer, smaller, or a little darker. This comes from slow scarring in the tissue, and it is common.",
    "It does not mean the cancer is back. But a new lump, or a change that keeps growing, should be checked.",
    "Gentle stretching, massage and a well-fitting bra can ease tightness. Some people see a physical therapist for it.",
    "Next step: point out the change at your next follow-up visit, so your team can compare it over time.",
  },
  sources = { "acs-radiation", "nci-radiation" },
  suggest = { "What is lymphedema?", "What happens at follow-up visits?", "How do I cope with fatigue?" },
}

herald.on("se.radiation", function(q)
  if q:mentions(LATE_CHANGE) and (q:mentions(LATE_WORDS) or q:mentions({ "smaller", "shrink", "shrunk", "firmer" })) then
    return RADIATION_LATE
  end
  if q:mentions(RADIOACTIVE) then
    return { text = { NOT_RADIOACTIVE, "Next step: ask your radiation team if there is anything they would like you to avoid." },
      sources = { "nci-ebrt", "nci-radiation" }, suggest = RADIATION.suggest }
  end
  return compose(RADIATION, nil, q)
end)

-- Memory ---------------------------------------------------------------------------

answer("se.memory", {
  text = {
    "Many people have trouble with memory, focus or finding words during or after treatment. This is often called chemo brain.",
    "Stress, poor sleep, tiredness and hormone therapy can add to it.",
    "It usually gets better over months. Lists, phone reminders, doing one thing at a time, exercise and good sleep all help.",
    "Tell your care team if it affects work or daily life. Sudden confusion is different: get help right away.",
    "Next step: keep a notebook or phone list for tasks and questions.",
  },
  sources = { "nci-memory", "acs-se" },
  suggest = { "How do I cope with fatigue?", "Can I keep working during treatment?", "Where can I find support?" },
})

-- Lymphedema -----------------------------------------------------------------------

local LYMPHEDEMA = {
  text = {
    "Lymphedema is swelling from fluid that builds up, most often in the arm, hand, breast or chest on the side of surgery.",
    "It is more likely after many lymph nodes are removed, or after radiation to the armpit.",
    "Early care works best. A lymphedema therapist can teach massage and exercises, and fit a compression sleeve.",
    "Call your care team if the arm becomes red, warm or painful, since that can mean an infection.",
    "Next step: ask for a referral to a lymphedema therapist if your arm feels heavy or tight.",
  },
  sources = { "nci-lymph", "bco-se" },
  suggest = { "What are the side effects of radiation?", "Can I exercise during treatment?", "Where can I find support?" },
}

-- The arm on the side of the surgery for blood pressure, blood draws, IVs and
-- flights: advice differs and the evidence is thin, so the team's word and
-- the person's own comfort lead.
local ARM_CARE = { "blood pressure", "bp cuff", "cuff", "blood drawn", "blood draw", "blood test", "draw blood",
  "needle", "needles", "iv in", "drip in", "cannula", "injection", "shot in", "vaccine in", "flu shot", "flying", "fly",
  "plane", "flight" }
local LYMPH_ARM = {
  text = {
    "Many care teams suggest using the other arm for blood pressure, blood draws, shots and IVs when you can, even if your arm is not swollen, and more so if it is. The proof that this prevents lymphedema is weak, so advice differs.",
    "You can simply say: \"Please use my other arm, I had lymph nodes removed on this side.\" That is a normal request. If nodes were removed on both sides, ask your team which arm or a leg to use.",
    "For flying, most people need nothing special. If you already have swelling, ask whether to wear a compression sleeve.",
    "Next step: ask your care team to put your arm instructions in your record.",
  },
  sources = { "nci-lymph", "bco-se" },
  suggest = { "What is lymphedema?", "Can I exercise during treatment?", "What are the side effects of radiation?" },
}

herald.on("se.lymphedema", function(q)
  if q:mentions(ARM_CARE) then return LYMPH_ARM end
  return LYMPHEDEMA
end)

-- Skin and nails -------------------------------------------------------------------

answer("se.skin", {
  text = {
    "HER2 drugs and chemo can cause a rash, dry or itchy skin, and nail changes.",
    O("Tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb) can cause a rash."),
    "Chemo can make nails dark, ridged or loose, and it can darken patches of skin. Skin color changes usually fade in the months after treatment.",
    "Use mild soap, plain moisturizer and sunscreen. Keep nails short, and wear gloves for chores.",
    "Tell your care team about a rash that spreads, blisters or hurts, or nails that are red and sore. Pus under or around a nail is an infection: call them today.",
    "Next step: take a photo of any rash to show your team.",
  },
  sources = { "nci-skin", "acs-targeted" },
  suggest = { "What is hand-foot syndrome?", "What are the side effects of radiation?", "What are the side effects of chemo?" },
}, herald.facts("drug", {
  tucatinib = "Tucatinib (Tukysa) can cause a rash, and the capecitabine taken with tucatinib can cause hand-foot syndrome.",
  neratinib = "Neratinib (Nerlynx) can cause a rash and dry skin.",
  lapatinib = "Lapatinib (Tykerb) often causes a rash. Its label also warns of rare, severe skin reactions.",
  capecitabine = "Capecitabine (Xeloda) most often affects the skin of the hands and feet (hand-foot syndrome).",
  docetaxel = "Docetaxel (Taxotere) often changes the nails, and it can cause a rash on the hands and feet.",
  paclitaxel = "Paclitaxel (Taxol) can change the nails and cause a rash.",
  doxorubicin = "Doxorubicin (Adriamycin) can darken the nails and skin, and it can redden skin that had radiation.",
  pertuzumab = "Pertuzumab (Perjeta) can cause a rash or dry skin.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can cause a rash or itchy skin.",
}))

-- Chemo in general -----------------------------------------------------------------

local CHEMO = {
  text = {
    "Chemo attacks cells that grow fast, so it can affect healthy cells too.",
    "Common side effects are tiredness, nausea, hair loss, mouth sores, and low blood counts.",
    "Low white blood cells raise your risk of infection. Call your care team right away for a fever of 100.4 F (38 C) or higher.",
    "Most side effects go away after chemo ends, and medicines can prevent or ease many of them.",
    "Next step: ask which side effects your chemo drugs are most likely to cause.",
  },
  sources = { "nci-chemo", "acs-chemo" },
  suggest = { "How can I manage nausea?", "Will I lose my hair?", "Can HER2 treatment cause neuropathy?" },
}

-- Asked whether chemo can cause another cancer (leukemia): say so plainly first.
local SECOND_CANCER = "Very rarely, some chemo drugs can lead to a blood cancer, such as leukemia, years later. Your team weighs this small risk against the benefit of treatment."

local SECOND_CANCER_WORDS = { "leuk", "blood cancer", "another cancer", "second cancer", "other cancer", "lymphoma",
  "myeloma" }

-- Asked about aching joints, muscles or bones (often long after chemo): what
-- chemo is known to do, and that lasting pain deserves its own look.
local ACHES = {
  "Chemo drugs called taxanes, such as paclitaxel (Taxol) and docetaxel (Taxotere), often make joints and muscles ache. This usually starts two or three days after a dose and fades within a few days.",
  "Aches that last months or years after chemo often have other causes. Hormone pills such as letrozole or anastrozole often cause joint pain, and arthritis is common.",
  "New bone pain that does not go away or keeps getting worse should be checked soon, because now and then it means the cancer has come back.",
  "Next step: note where it hurts, when it started and what eases it, and tell your care team.",
}
-- Aches after a shot given with chemo (a white-cell booster): not the taxanes.
local ACHES_AFTER_SHOT = "Some medicines given with chemo, such as the shot that boosts white blood cells, can cause aches of their own. Ask your care team which of your medicines may be the cause."

local ACHE_WORDS = { "joint", "knee", "hip", "ankle", "shoulder", "muscle", "bone", "arthrit", "ache", "aching", "achy",
  "stiff" }
local BOOSTER_WORDS = { "neulasta", "pegfilgrastim", "filgrastim", "neupogen", "udenyca", "booster", "onpro",
  "white cell shot", "white blood cell shot" }

-- "I live alone, how do I get through chemo?" (blind grading 2026-12-07): the
-- need told is help at home, which the support plugin's card for people on
-- their own answers.
local ON_MY_OWN = { "live alone", "living alone", "live by myself", "on my own", "by myself", "no caregiver", "a widow",
  "widowed", "no one to help", "nobody to help", "no one at home", "nobody at home", "no family", "have no one",
  "have nobody", "lives with me" }
local GET_THROUGH = { "get through", "manage", "cope", "handle", "do it", "do this", "survive", "look after", "help me" }
herald.on("se.chemo", function(q)
  if q:mentions(ON_MY_OWN) and q:mentions(GET_THROUGH) then return herald.hand_over("support.alone") end
  local a = compose(CHEMO, nil, q)
  -- q:mentions reads the whole message: the detail is often told before the question.
  if q:mentions(ACHE_WORDS) then
    a.text = { q:mentions(BOOSTER_WORDS) and ACHES_AFTER_SHOT or ACHES[1], ACHES[2], ACHES[3], ACHES[4] }
    a.sources = { "label-paclitaxel", "label-letrozole", "nci-chemo" }
  end
  if q:mentions(SECOND_CANCER_WORDS) then
    table.insert(a.text, 1, SECOND_CANCER)
  end
  return a
end)

-- HER2 treatment overview ----------------------------------------------------------

answer("se.her2_overview", {
  text = {
    "Each HER2 drug has its own side effects.",
    "Trastuzumab (Herceptin) and drugs like it can affect the heart, so you get heart scans. Trastuzumab deruxtecan (Enhertu) can inflame the lungs.",
    "Neratinib (Nerlynx), tucatinib (Tukysa) and pertuzumab (Perjeta) often cause diarrhea. T-DM1 (Kadcyla) can affect the liver and lower platelets.",
    "HER2 antibodies alone rarely cause hair loss; the chemo given with them often does.",
    "Next step: ask your team for a list of side effects for each of your drugs.",
  },
  sources = { "acs-targeted", "label-trastuzumab", "label-tdxd" },
  suggest = { "Does Herceptin affect the heart?", "What are Enhertu side effects?", "When should I call my care team?" },
})

-- When to call ---------------------------------------------------------------------

answer("se.when_to_call", {
  text = {
    "Call your care team's 24-hour line right away for a fever of 100.4 F (38 C) or higher, or chills.",
    "Also call for a new cough or shortness of breath, diarrhea that won't settle, swollen legs or a racing heart, or yellow skin or eyes.",
    "Call 911 for chest pain, trouble breathing, fainting, or a swollen throat or lips.",
    "Tell your team about milder side effects at your next visit, or sooner if you are unsure.",
    "Next step: save your team's 24-hour number in your phone.",
  },
  sources = { "nci-se", "acs-se" },
  suggest = { "What heart symptoms should I watch for?", "What is ILD on Enhertu?", "How can I manage side effects?" },
})

answer("se.manage", {
  text = {
    "Most side effects can be prevented or eased.",
    "Tell your care team about new or changing symptoms early, rather than waiting.",
    "There are medicines for nausea, diarrhea, pain and low blood counts. Rest, gentle exercise and good food help too.",
    "Keep a simple diary of symptoms and bring it to each visit.",
    "Next step: ask which medicines you should keep at home.",
  },
  sources = { "nci-se", "acs-se" },
  suggest = { "How can I manage nausea?", "How do I cope with fatigue?", "When should I call my care team?" },
})

-- Side effects in general (no drug or symptom named) -----------------------------------

answer("se.general", {
  text = {
    "Side effects depend on the kind of treatment.",
    "Chemo often causes tiredness, nausea, hair loss and a higher risk of infection.",
    O("HER2 drugs can affect the heart, and some cause diarrhea. Trastuzumab deruxtecan (Enhertu) can inflame the lungs."),
    "Hormone therapy can cause hot flashes and joint pain, and radiation can redden the skin.",
    "Most side effects can be eased, so tell your care team about them early.",
    "Next step: ask which side effects are most likely with your own treatment plan.",
  },
  sources = { "nci-se", "acs-targeted" },
  suggest = { "What are the side effects of chemo?", "What are the side effects of Herceptin?", "When should I call my care team?" },
})

-- A new symptom: is it the treatment? -----------------------------------------------
-- For symptoms no other answer here covers ("my eyes keep watering", "headaches
-- since starting X"). herald cannot say whether one person's symptom comes from
-- a drug, so the answer is what to do with it: tell the team, when to call at
-- once, and what to note. A few symptoms that a drug's label or literature ties
-- to it get their own line first.
local TEARS = { "watery eye", "eyes water", "eyes are water", "eyes keep water", "eye water", "watering eye",
  "tearing", "teary", "tears run", "tears keep", "tears stream", "weepy eye", "eyes run", "eyes are running",
  "eyes keep running", "running eyes", "run with tears", "streaming eyes", "eyes stream" }

-- Red urine: a word for urine and a red color anywhere in the message.
local URINE = { "urine", "pee", "wee", "piss", "wees", "pees" }
local RED = { "red", "pink", "orange", "reddish", "pinkish", "orangey", "orange-red" }
local AC_WORDS = { "doxorubicin", "adriamycin", "epirubicin", "ellence" }

-- Each entry: the drugs (or regimens) it belongs to, the words that name the
-- symptom, the line and its sources.
local NEW_SYMPTOM_KNOWN = {
  { drugs = { doxorubicin = true, epirubicin = true }, regimens = { ac_th = true }, also = AC_WORDS, words = URINE, and_words = RED,
    sources = { "label-doxorubicin", "nci-chemo" },
    text = "Red or pink urine for a day or two after doxorubicin (Adriamycin), the A in AC, or epirubicin (Ellence) is expected. It is the drug's color leaving the body, not blood. Tell your team if it lasts longer than 2 days, or if it burns when you pee." },
  { drugs = { docetaxel = true }, also = { "docetaxel", "taxotere" }, words = TEARS, phrases = true, sources = { "docetaxel-tearing", "label-docetaxel" },
    text = "Watery eyes are a known side effect of docetaxel (Taxotere). It can narrow the tiny drains that carry tears away from the eye. Tell your team soon: an eye doctor can help, and it is easier to treat early." },
  -- A mild headache after Kadcyla (probe 9): common by its label; what would make it urgent.
  { drugs = { t_dm1 = true }, also = { "kadcyla", "t-dm1", "tdm1" }, phrases = true, sources = { "label-tdm1", "nci-se" },
    words = { "headache", "head ache", "head aches", "head hurt", "migraine" },
    text = "Headache is one of the most common side effects of T-DM1 (Kadcyla), and a mild one that goes away is usually not a worry. Mention it at your next visit. Call sooner for a headache that is severe or will not go away, and call 911 for a sudden, very bad one." },
  -- Nosebleeds on Kadcyla (probe 8): among its most common effects, with its bleeding warning and low platelets.
  { drugs = { t_dm1 = true }, also = { "kadcyla", "t-dm1", "tdm1" }, phrases = true, sources = { "label-tdm1", "nci-se" },
    words = { "nosebleed", "nose bleed", "bleed from", "bleeds from", "bleeding from", "bleeding nose", "nose is bleeding",
      "nose keeps bleeding", "bruis", "gums bleed", "bleeding gums" },
    text = "Nosebleeds and headaches are among the most common side effects of T-DM1 (Kadcyla). It can also lower platelets, the cells that help blood clot, and its label warns about bleeding, so your team checks your platelets before each dose. Yes, do tell them, and call at once for bleeding that will not stop." },
}

-- Whole words of the message, "red devil" taken out so its "red" is no colour:
-- a substring test heard "wee" in "week" and red urine in "the red devil".
local function words_of(q)
  local t = " " .. (q.message or q.text):gsub("red devil", "doxorubicin"):gsub("[^%w']+", " ") .. " "
  return function(list)
    for _, w in ipairs(list) do
      if t:find(" " .. w .. " ", 1, true) then return true end
    end
    return false
  end
end

herald.on("se.new_symptom", function(q)
  local drug = q:slot("drug")
  local has = words_of(q)
  local text, sources = {}, { "nci-se", "acs-se" }
  local regimen = q:slot("regimen")
  for _, k in ipairs(NEW_SYMPTOM_KNOWN) do
    local named = (drug and k.drugs[drug]) or (regimen and k.regimens and k.regimens[regimen])
      or (k.also and has(k.also)) or (k.regimens and has({ "ac", "a/c" }))
    local said = k.phrases and q:mentions(k.words) or (not k.phrases and has(k.words))
    if named and said and (not k.and_words or has(k.and_words)) then
      text[1] = k.text
      sources = k.sources
    end
  end
  if #text == 0 and not drug and has(URINE) and has(RED) then
    text[1] = "If you had doxorubicin (Adriamycin) or epirubicin (Ellence), the A in AC, red or pink urine for a day or two is expected: it is the drug's color. Otherwise red urine can mean blood, so tell your care team today."
    sources = { "label-doxorubicin", "nci-se" }
  end
  if #text == 0 then
    text[1] = drug and NAME[drug]
      and ("A new symptom can come from " .. NAME[drug] .. ", from another medicine, or from something else. Your care team can tell which.")
      or "A new symptom during treatment can come from the treatment, from another medicine, or from something else. Your care team can tell which."
  end
  if sources[1] == "nci-se" then
    text[#text + 1] = "Tell them about it, even if it seems small. Many side effects are easier to treat when they are caught early."
  end
  text[#text + 1] = "Call your team right away, day or night, for a fever of 100.4 F (38 C) or higher, or a symptom that is severe or getting worse fast. Call 911 for chest pain or trouble breathing."
  text[#text + 1] = "Next step: write down when it started, how often it happens and what makes it better or worse, then call your team's nurse line."
  local suggest = { "When should I call my care team?", "How can I manage side effects?" }
  if drug and NAME[drug] then
    table.insert(suggest, 1, "What are the side effects of " .. NAME[drug] .. "?")
  end
  return { text = text, sources = sources, suggest = suggest }
end)

-- Constipation -----------------------------------------------------------------------
-- Often from the medicines around treatment (anti-nausea and pain medicines)
-- as much as from the cancer drugs; the care team picks the laxative.
answer("se.constipation", {
  text = {
    "Constipation is common during treatment. Anti-nausea medicines such as ondansetron (Zofran), pain medicines, moving less and eating less can all cause it.",
    "Drink plenty of fluids, move around as much as you can, and add fiber slowly if your team agrees. Ask your team before you take a laxative or stool softener: they can tell you which one and how much.",
    "Call your care team if you have not had a bowel movement for 2 days or more, or if you have belly pain, a swollen belly or vomiting. Do not use an enema or suppository unless your team says so: when blood counts are low, they can cause infection or bleeding.",
    "Next step: ask which laxative or stool softener to keep at home.",
  },
  sources = { "nci-constipation", "nci-se" },
  suggest = { "How can I manage nausea?", "How do I manage diarrhea?", "When should I call my care team?" },
})

-- Sleep ------------------------------------------------------------------------------------
-- Insomnia is common in treatment and often outlasts it; CBT for insomnia is
-- the first treatment, and sleep aids are checked with the team first because
-- some interact with cancer drugs.
src("nci-sleep", "Sleep Problems and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/sleep-problems")

answer("se.sleep", {
  text = {
    "Trouble sleeping is common during and after cancer treatment. Worry, pain, hot flashes, steroid medicines and long naps in the day can all keep you awake.",
    "Go to bed and get up at the same times each day, keep naps short and early, and skip caffeine after lunch and alcohol at night. If you lie awake, get up and do something calm until you feel sleepy.",
    "A kind of talk therapy called CBT for insomnia helps many people with cancer. Ask your team before you take sleeping pills, melatonin or herbal sleep aids, since some do not mix well with cancer drugs.",
    "Next step: tell your care team how long you have slept badly and what keeps you awake.",
  },
  sources = { "nci-sleep", "nci-se" },
  suggest = { "Why am I so tired?", "How do I cope with hot flashes?", "Can I get counselling?" },
})

-- Steroids around chemo ------------------------------------------------------------------
-- Short courses of dexamethasone with taxanes and for nausea: their own side
-- effects (sleep, mood, appetite, blood sugar) are often mistaken for chemo's.
answer("se.steroids", {
  text = {
    "Steroids such as dexamethasone are often given for a few days around chemo. They help prevent allergic reactions and nausea, and with docetaxel (Taxotere) they also help prevent fluid build-up.",
    "They can cause trouble sleeping, feeling wired, restless or short-tempered, a big appetite and indigestion. This usually eases a few days after the last dose, though some people feel tired and low for 2 or 3 days as they come off.",
    "Taking them in the morning with food can help your sleep and stomach, if your team agrees. They can raise blood sugar, so tell your team if you get very thirsty or pee much more, and always if you have diabetes. Do not stop or change them without asking.",
    "If you miss a steroid dose before docetaxel, tell the nurse before the infusion starts. Next step: ask your nurse what time of day to take your steroids, and tell them if the mood changes feel too strong.",
  },
  sources = { "macmillan-steroids", "label-docetaxel" },
  suggest = { "How can I manage nausea?", "How do I cope with fatigue?", "What are the side effects of chemo?" },
})

-- Heartburn and indigestion ---------------------------------------------------------------
-- Often from the steroids and anti-nausea medicines around chemo; acid pills
-- matter because some do not mix with HER2 pills (the neratinib label).
answer("se.heartburn", {
  text = {
    "Heartburn and indigestion are common during treatment. Steroids, some anti-nausea medicines and chemo itself can all cause them.",
    "Smaller meals, not lying down for 2 to 3 hours after eating, and going easy on spicy, fatty or sour foods can help. Raising the head of the bed helps at night.",
    "Ask your team before you take an antacid or an acid pill: some, such as omeprazole (Prilosec), do not mix with neratinib (Nerlynx) and some other cancer pills. Tell them if swallowing hurts or food seems to stick.",
    "Next step: ask your team which heartburn medicine is safe with your treatment.",
  },
  sources = { "macmillan-steroids", "label-neratinib", "nci-se" },
  suggest = { "How can I manage nausea?", "Can supplements interact with my treatment?", "What are the side effects of chemo?" },
})
