-- HER2-positive breast cancer treatment: the big picture, early and metastatic
-- disease, lines of therapy, brain metastases, surgery, radiation, hormone and
-- bone therapy, clinical trials, integrative care and common wrong premises.
-- Per-drug answers live in plugins/drugs.lua.
herald.about {
  title = "HER2 treatment",
  reviewed = "2026-12-07",
  reviewed_by = "herald content team; Enhertu, later lines and biosimilars from FDA notices (awaiting clinician sign-off)",
}

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

local ACS = "American Cancer Society"
local NCI = "National Cancer Institute"
local ACS_TX = "https://www.cancer.org/cancer/types/breast-cancer/treatment/"

src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS, ACS_TX .. "targeted-therapy-for-breast-cancer.html")
src("acs-chemo", "Chemotherapy for Breast Cancer", ACS, ACS_TX .. "chemotherapy-for-breast-cancer.html")
src("acs-hormone", "Hormone Therapy for Breast Cancer", ACS, ACS_TX .. "hormone-therapy-for-breast-cancer.html")
src("acs-radiation", "Radiation for Breast Cancer", ACS, ACS_TX .. "radiation-for-breast-cancer.html")
src("acs-surgery", "Surgery for Breast Cancer", ACS, ACS_TX .. "surgery-for-breast-cancer.html")
src("acs-bone", "Bone-Directed Therapy for Breast Cancer", ACS, ACS_TX .. "bone-directed-therapy-for-breast-cancer.html")
src("acs-stage", "Treatment of Breast Cancer by Stage", ACS, ACS_TX .. "treatment-of-breast-cancer-by-stage.html")
src("nci-pdq", "Breast Cancer Treatment (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/breast-treatment-pdq")
src("nci-trials", "What Are Clinical Trials?", NCI, "https://www.cancer.gov/about-cancer/treatment/clinical-trials/what-are-trials")
src("nci-cam", "Complementary and Alternative Medicine", NCI, "https://www.cancer.gov/about-cancer/treatment/cam")
src("nci-neoadjuvant", "Definition of neoadjuvant therapy (NCI Dictionary of Cancer Terms)", NCI,
  "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/neoadjuvant-therapy")
src("nci-adjuvant", "Definition of adjuvant therapy (NCI Dictionary of Cancer Terms)", NCI,
  "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/adjuvant-therapy")
src("ctgov", "Learn About Studies", "ClinicalTrials.gov, US National Library of Medicine",
  "https://clinicaltrials.gov/study-basics/learn-about-studies")
-- Labels and FDA notices are shared with the other plugins (lua/herald.lua).
for _, id in ipairs({ "fda-biosimilars", "accc-poherdy", "label-tdxd", "label-tdm1", "label-tucatinib",
  "fda-tdxd-early", "fda-tdxd-db09", "fda-tdxd-ultralow" }) do herald.source(id) end
-- The trial publications behind the named trials.
src("pub-katherine", "Trastuzumab Emtansine for Residual Invasive HER2-Positive Breast Cancer (KATHERINE), N Engl J Med 2019",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1814017")
src("pub-db03", "Trastuzumab Deruxtecan versus Trastuzumab Emtansine for Breast Cancer (DESTINY-Breast03), N Engl J Med 2022",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa2115022")
src("pub-cleopatra", "Pertuzumab, Trastuzumab, and Docetaxel in HER2-Positive Metastatic Breast Cancer (CLEOPATRA), N Engl J Med 2015",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1413513")
src("pub-aphinity", "Adjuvant Pertuzumab and Trastuzumab in Early HER2-Positive Breast Cancer (APHINITY), N Engl J Med 2017",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1703643")
src("pub-her2climb", "Tucatinib, Trastuzumab, and Capecitabine for HER2-Positive Metastatic Breast Cancer (HER2CLIMB), N Engl J Med 2020",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1914609")
src("pub-apt", "Adjuvant Paclitaxel and Trastuzumab for Node-Negative, HER2-Positive Breast Cancer (APT), N Engl J Med 2015",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1406281")
src("ct-db05", "DESTINY-Breast05 (NCT04622319)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT04622319")
src("ct-db11", "DESTINY-Breast11 (NCT05113251)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT05113251")
src("ct-db09", "DESTINY-Breast09 (NCT04784715)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT04784715")
src("nccn-invasive", "NCCN Guidelines for Patients: Invasive Breast Cancer", "National Comprehensive Cancer Network",
  "https://www.nccn.org/patients/guidelines/content/PDF/breast-invasive-patient.pdf")
src("nccn-metastatic", "NCCN Guidelines for Patients: Metastatic Breast Cancer", "National Comprehensive Cancer Network",
  "https://www.nccn.org/patients/guidelines/content/PDF/stage_iv_breast-patient.pdf")
src("cancernet-mbc", "Breast Cancer, Metastatic: Types of Treatment", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/cancer-types/breast-cancer-metastatic/types-treatment")

local function answer(intent, t)
  herald.answer(intent, t)
end

local OVERVIEW = herald.fixed({
  text = {
    "HER2-positive breast cancer is treated with drugs that target HER2, most often with chemo.",
    "The main HER2 drugs are trastuzumab (Herceptin) and pertuzumab (Perjeta). Others are T-DM1 (Kadcyla), T-DXd (Enhertu), tucatinib (Tukysa) and neratinib (Nerlynx).",
    "Early cancer also needs surgery, and often radiation. Hormone pills are added if the cancer feeds on hormones.",
    "The plan depends on the stage. Ask your care team what yours includes.",
  },
  sources = { "acs-targeted", "nci-pdq" },
  suggest = { "How is early HER2-positive breast cancer treated?", "How is metastatic HER2-positive breast cancer treated?", "What is Herceptin?" },
})

answer("treatment.early", {
  text = {
    "Early HER2-positive breast cancer is treated with the aim of cure.",
    "Most people get chemo with trastuzumab (Herceptin), and often pertuzumab (Perjeta), before or after surgery. The HER2 drugs go on for about a year. Small tumors with no spread to the nodes may need less: weekly paclitaxel with trastuzumab.",
    "Since May 2026, T-DXd (Enhertu) followed by THP is also approved before surgery for stage 2 or 3 cancer. T-DXd is also approved after surgery when some cancer is left.",
    "Surgery is a lumpectomy or a mastectomy, and radiation often follows a lumpectomy. Hormone pills are added if the cancer feeds on hormones.",
    "Next step: ask your care team which plan fits your stage, and why.",
  },
  sources = { "acs-stage", "acs-targeted", "fda-tdxd-early" },
  suggest = { "What is neoadjuvant therapy?", "What is TCHP?", "Do I need radiation after lumpectomy?" },
})

-- HER2-low told with the question (probe 9, R003): the HER2-positive lines
-- (THP, then T-DXd) do not apply. Enhertu label: HER2-low after chemo for the
-- spread cancer (or a return within 6 months of chemo after surgery); HR-positive
-- HER2-low or ultralow after hormone therapy (FDA, January 2025).
local LOW_SAID = { "her2 low", "her2-low", "her 2 low", "her two low", "her2low", "low her2", "low her 2", "her-2 low" }
local POSITIVE_SAID = { "her2 positive", "her2-positive", "her2+", "her 2 positive", "3+", "ish positive", "amplified" }
local HER2_LOW_SPREAD = herald.fixed {
  text = {
    "HER2-low is not HER2-positive, so the HER2-positive plan does not apply. Trastuzumab (Herceptin) and pertuzumab (Perjeta) are not used for it.",
    "Treatment follows the hormone receptor results. If the cancer feeds on hormones, hormone therapy, often with a targeted pill, usually comes first. T-DXd (Enhertu) is approved once hormone therapy has stopped working, or after chemo for the spread cancer.",
    "If the cancer is also ER- and PR-negative, it is treated as triple-negative, and T-DXd (Enhertu) is an option after chemo.",
    "Next step: ask your care team which of these fits your results, and whether a clinical trial is open to you.",
  },
  sources = { "label-tdxd", "fda-tdxd-ultralow", "nccn-metastatic" },
  suggest = { "What is HER2-low?", "What is Enhertu?", "Are there clinical trials for me?" },
}
local function low_spread(q)
  return q:mentions(LOW_SAID) and not q:mentions(POSITIVE_SAID) and HER2_LOW_SPREAD
end

local METASTATIC = herald.fixed {
  text = {
    "Metastatic means the cancer has spread. The goal is to control it for as long as possible.",
    "The first treatment is THP: trastuzumab (Herceptin), pertuzumab (Perjeta) and a taxane chemo. Since December 2025, T-DXd (Enhertu) with pertuzumab is another first choice.",
    "What comes next depends on the first treatment. After THP, T-DXd (Enhertu) is usually next. After Enhertu, choices include tucatinib (Tukysa) and T-DM1 (Kadcyla), and clinical trials.",
    "Hormone pills may be added if the cancer feeds on hormones. Ask your care team about your plan.",
  },
  sources = { "acs-targeted", "fda-tdxd-db09", "nccn-metastatic" },
  suggest = { "What is THP?", "What is Enhertu?", "What treatment is used for brain metastases?" },
}
-- "Can it spread during chemo? I'm anxious" (blind grading 2026-12-07) is a
-- fear of spread, not a question about treating spread cancer: the support
-- plugin's calm-facts card.
local SPREAD_FEARED = { "scared", "terrified", "afraid", "frighten", "petrified", "anxious", "worried", "panic", "nervous" }
local SPREAD_ALREADY = { "stage 4", "stage four", "stage iv", "metastatic", "has spread", "had spread", "already spread",
  "mets ", "de novo", "in my bones", "in my liver", "in my lungs", "in my brain" }
herald.on("treatment.metastatic", function(q)
  if q:mentions({ "spread" }) and q:mentions(SPREAD_FEARED) and not q:mentions(SPREAD_ALREADY) then
    return herald.hand_over("support.spread_fear")
  end
  return low_spread(q) or METASTATIC
end)

local FIRST_LINE = herald.fixed({
  text = {
    "The usual first treatment for HER2-positive cancer that has spread is THP.",
    "THP is trastuzumab (Herceptin), pertuzumab (Perjeta) and a taxane chemo, such as docetaxel or paclitaxel.",
    "After a few months the chemo often stops. The two HER2 drugs keep going.",
    "A newer first choice is T-DXd (Enhertu) with pertuzumab. The FDA approved it in December 2025, after the DESTINY-Breast09 trial. Your care team decides which fits you.",
  },
  sources = { "acs-targeted", "fda-tdxd-db09", "ct-db09" },
  suggest = { "How long does THP last?", "What are the side effects of THP?", "What is the usual second line treatment?" },
  remember = { regimen = "thp", topic = "regimen" },
})
-- "My HER2 result changed, was my first treatment a mistake?" (blind grading
-- 2026-12-07) is a fear of an error, not a question about first-line treatment
-- for spread cancer: the testing plugin's card on changed results answers it.
local ERROR_FEARED = { "mistake", "wrong drug", "wrong treatment", "wrong chemo", "wrong medicine", "error", "misdiagnos",
  "messed up", "screwed up", "got it wrong", "was wrong" }
local RESULT_CHANGED = { "status", "result", "changed", "now positive", "now negative", "now says", "biopsy said",
  "biopsy says", "first said", "said negative", "said positive" }
herald.on("treatment.first_line", function(q)
  if q:mentions(ERROR_FEARED) and q:mentions(RESULT_CHANGED) then return herald.hand_over("testing.result_worry") end
  return low_spread(q) or FIRST_LINE
end)

-- Maintenance: in CLEOPATRA docetaxel was given for at least six cycles and
-- the two antibodies until the cancer grew; hormone therapy is often joined
-- to them for hormone receptor-positive cancer (NCCN patient guide).
local MAINTENANCE = {
  text = {
    "When HER2-positive cancer has spread, treatment often starts with a taxane chemo plus trastuzumab (Herceptin) and pertuzumab (Perjeta), or Phesgo, which has both.",
    "The chemo is often given for six or more cycles, sometimes fewer if its side effects get too hard. Chemo side effects build up over time, but the HER2 drugs are easier to keep taking. So the chemo stops and the HER2 drugs go on alone. This is called maintenance, and it does not mean the treatment is failing.",
    "Maintenance goes on as long as the cancer stays under control and side effects are okay, for some people for years. If the cancer also has hormone receptors, hormone therapy is often added. Some people now start with T-DXd (Enhertu) plus pertuzumab instead, which has no separate chemo to stop.",
    "Next step: ask how often you will have scans and heart checks during maintenance.",
  },
  sources = { "pub-cleopatra", "nccn-metastatic", "cancernet-mbc", "fda-tdxd-db09" },
  suggest = { "What is the usual second line treatment?", "What are the side effects of Phesgo?", "How is metastatic HER2-positive breast cancer treated?" },
}
local MAINT_CALL = "treatment.maintenance" -- registered below, after HP_YEAR

-- The rest of the year on the HER2 antibodies alone after chemo for early cancer
-- (probe 7, P79): usually much milder than chemo; chemo's effects fade over weeks;
-- pertuzumab can still loosen stools; heart checks go on (labels, ACS).
herald.source("label-trastuzumab")
herald.source("label-pertuzumab")
local HP_YEAR = {
  text = {
    "After chemo for early cancer, trastuzumab (Herceptin), often with pertuzumab (Perjeta) or as Phesgo, goes on every 3 weeks to make about a year in all.",
    "For most people this part is much easier than chemo. Hair grows back, and nausea, mouth sores and low blood counts fade in the weeks after the last chemo. Tiredness can linger for a while. Pertuzumab can still cause loose stools for some people.",
    "Heart scans go on about every 3 months. Many people go back to work and their usual life in this time. Hormone pills or radiation, if you have them, bring side effects of their own.",
    "Next step: ask the team what each visit will involve, and tell them about diarrhea, swollen ankles or being short of breath.",
  },
  sources = { "label-trastuzumab", "label-pertuzumab", "acs-targeted" },
  suggest = { "How long do I take Herceptin for?", "What are the side effects of Phesgo?", "What heart tests are done on Herceptin?" },
}
local SPREAD_WORDS = { "metasta", "stage 4", "stage iv", "spread", "mets", "in her bones", "in his bones", "in my bones",
  "in her liver", "in my liver", "in her lungs", "in my lungs" }
herald.on("treatment.hp_year", function(q)
  if q:mentions(SPREAD_WORDS) then return MAINTENANCE end
  return HP_YEAR
end)
-- "Will the antibodies alone be gentler?" with no word of spread is most often the year
-- after chemo for early cancer: that answer, not metastatic maintenance (probe 7, P79).
local FEEL_WORDS = { "easier", "gentler", "milder", "rough", "as hard", "as bad", "tough", "what is it like",
  "what will it be like", "what's it like", "feel better", "feel as" }
herald.on(MAINT_CALL, function(q)
  if not q:mentions(SPREAD_WORDS) and q:mentions(FEEL_WORDS) then return HP_YEAR end
  return MAINTENANCE
end)

answer("treatment.second_line", {
  text = {
    "After THP, the usual second treatment is T-DXd (Enhertu). In the DESTINY-Breast03 trial, it kept the cancer in check much longer than T-DM1 (Kadcyla).",
    "If the first treatment was T-DXd (Enhertu) with pertuzumab, the second is different: often tucatinib (Tukysa) with trastuzumab and capecitabine, or T-DM1 (Kadcyla).",
    "If the cancer has spread to the brain, tucatinib is a strong choice. Your care team will look at what you had before.",
  },
  sources = { "label-tdxd", "fda-tdxd-db09", "nccn-metastatic" },
  suggest = { "What are the side effects of Enhertu?", "What happens if cancer grows after Enhertu?", "How is Enhertu given?" },
  remember = { drug = "t_dxd", topic = "drug" },
})

-- What comes after a treatment that stopped working: each drug's own facts,
-- or, for a drug without them, general words that name no other drug.
local LATER = herald.facts("drug", {
  t_dxd = {
    "After T-DXd (Enhertu), a common next step is tucatinib (Tukysa) with trastuzumab and capecitabine (Xeloda). This plan also works in the brain.",
    "T-DM1 (Kadcyla) is another choice after Enhertu. Pills such as neratinib (Nerlynx) or lapatinib (Tykerb) may come later than Enhertu. Margetuximab (Margenza) can come after Enhertu too.",
  },
  t_dm1 = {
    "After T-DM1 (Kadcyla), T-DXd (Enhertu) is often next, if you have not had it. Tucatinib (Tukysa) with trastuzumab and capecitabine is another choice after Kadcyla.",
  },
  tucatinib = {
    "After tucatinib (Tukysa), choices include T-DM1 (Kadcyla) or T-DXd (Enhertu) if you have not had them, or other HER2 drugs with chemo.",
  },
  trastuzumab = {
    "If cancer grows on trastuzumab (Herceptin), often as part of THP, T-DXd (Enhertu) is usually next.",
  },
  pertuzumab = {
    "If cancer grows on pertuzumab (Perjeta), often as part of THP, T-DXd (Enhertu) is usually next.",
  },
  phesgo = {
    "If cancer grows on Phesgo, often given as part of THP, T-DXd (Enhertu) is usually next.",
  },
  neratinib = {
    "After neratinib (Nerlynx), choices include T-DXd (Enhertu), T-DM1 (Kadcyla) or tucatinib (Tukysa), depending on what you have had.",
  },
  lapatinib = {
    "After lapatinib (Tykerb), choices include T-DXd (Enhertu), T-DM1 (Kadcyla) or tucatinib (Tukysa), depending on what you have had.",
  },
})

local LATER_GENERAL = {
  "When a treatment stops working, there are usually still other options. What comes next depends on what you have had before.",
  "A clinical trial is a choice too. Ask your care team which options fit you.",
}

-- The drug that stopped working, told in the message ("Enhertu after Kadcyla
-- stopped working"): the slot holds whichever name the matcher kept, which may
-- be the drug asked about next, so the "after" is read from the words.
local STOPPED_NAMES = { t_dm1 = { "kadcyla", "t-dm1", "tdm1" }, t_dxd = { "enhertu", "t-dxd", "tdxd" },
  tucatinib = { "tukysa", "tucatinib" } }
local STOPPED_FORMS = { "after %s", "%s stopped", "%s failed", "%s quit", "had %s", "%s no longer", "%s didn",
  "%s is not working", "%s isn't working", "%s isnt working", "%s not working" }
-- Each drug's phrases ("after kadcyla", "kadcyla stopped", ...), made once at
-- load and searched in one q:mentions call: formatting and finding the 88 of
-- them one by one was ~90,000 instructions a question (docs/performance.md,
-- eighth round).
local STOPPED_PHRASES = {}
for key, names in pairs(STOPPED_NAMES) do
  local list = {}
  for _, n in ipairs(names) do
    for _, f in ipairs(STOPPED_FORMS) do list[#list + 1] = f:format(n) end
  end
  STOPPED_PHRASES[key] = list
end
local function stopped_drug(q)
  local m = " " .. (q.message or q.text) .. " "
  for _, key in ipairs({ "t_dm1", "t_dxd", "tucatinib" }) do
    if q:mentions(STOPPED_PHRASES[key], m) then return key end
  end
  return nil
end

herald.on("treatment.later_lines", function(q)
  local stopped = stopped_drug(q)
  local own = (stopped and LATER:of(stopped)) or LATER:get(q)
  local text
  if own then
    text = { own[1] }
    for i = 2, #own do text[#text + 1] = own[i] end
    text[#text + 1] = LATER_GENERAL[2]
  elseif q:slot("drug") then
    text = { LATER_GENERAL[1], LATER_GENERAL[2] }
  else
    text = {
      "When a HER2 drug stops working, there are still other options. What comes next depends on what you had before.",
      "After T-DXd (Enhertu), a common next step is tucatinib (Tukysa) with trastuzumab and capecitabine (Xeloda). This is the HER2CLIMB plan, and it also works in the brain.",
      "Other options are T-DM1 (Kadcyla), neratinib (Nerlynx) or lapatinib (Tykerb) with capecitabine, and margetuximab (Margenza) with chemo.",
      LATER_GENERAL[2],
    }
  end
  return {
    text = text,
    sources = { "acs-targeted", "label-tucatinib", "nccn-metastatic", "ctgov" },
    suggest = { "What is tucatinib?", "What is Kadcyla?", "What are clinical trials?" },
  }
end)

answer("treatment.lines", {
  text = {
    "A line of therapy is one treatment plan. It is used until the cancer grows or the side effects get too hard.",
    "For HER2-positive cancer that has spread, first line is THP, or T-DXd (Enhertu) with pertuzumab.",
    "After THP, second line is usually T-DXd (Enhertu). Later lines include tucatinib (Tukysa) with two other drugs, T-DM1 (Kadcyla), neratinib, lapatinib, margetuximab and trials.",
    "Your care team picks the order based on what you had before.",
  },
  sources = { "acs-targeted", "nci-pdq" },
  suggest = { "What is usually tried first when HER2-positive cancer has spread?", "What happens if cancer grows after Enhertu?", "What is THP?" },
})

-- Fear that every headache is the cancer in the brain, told by someone with no
-- brain spread found (clinical review 2026-12-07d: "every time I get a headache
-- I think it's in my brain now" got the brain-spread treatment card): the
-- fear-of-recurrence card in support.lua answers it, with when to call.
local FEAR_SAID = { "every time", "everytime", "each time", "every headache", "any headache", "i think it", "i think its",
  "i keep thinking", "scared it", "scared that", "terrified", "paranoid", "convinced", "afraid it", "worried it",
  "worry it", "freaking out" }
local BRAIN_FOUND = { "brain met", "mets in", "spots in my brain", "spot in my brain", "tumors in my brain",
  "tumours in my brain", "lesion", "spread to my brain", "spread to her brain", "in her brain", "mri showed",
  "scan showed", "found in my brain", "diagnosed", "radiosurgery", "gamma knife", "tukysa", "tucatinib" }
local BRAIN_METS = {
  text = {
    "HER2-positive cancer can spread to the brain. There are good ways to treat it.",
    "Local treatments include focused radiation, called radiosurgery, and sometimes surgery.",
    "Among drugs, tucatinib (Tukysa) with trastuzumab and capecitabine works well in the brain. This was shown in the HER2CLIMB trial. T-DXd (Enhertu) can also shrink tumors in the brain.",
    "Your team chooses based on the size and number of spots. Report new headaches, vision changes or weakness.",
  },
  sources = { "label-tucatinib", "acs-targeted" },
  suggest = { "What is tucatinib?", "What are the side effects of tucatinib?", "What is the HER2CLIMB regimen?" },
  remember = { regimen = "her2climb", topic = "regimen" },
}
herald.on("treatment.brain_mets", function(q)
  if q:mentions(FEAR_SAID) and q:mentions({ "headache", "head ache", "head hurts", "migraine" })
      and not q:mentions(BRAIN_FOUND) then
    return herald.hand_over("support.fear")
  end
  return BRAIN_METS
end)

local CLASSES = {
  adc = {
    "An antibody-drug conjugate (ADC) is a HER2 antibody joined to a chemo drug.",
    "The antibody finds HER2-positive cells and brings the chemo right to them.",
    "For HER2-positive breast cancer, the ADCs are T-DM1 (Kadcyla) and T-DXd (Enhertu). They are different drugs, with different side effects.",
  },
  tki = {
    "A kinase inhibitor is a targeted pill. It blocks HER2 signals from inside the cancer cell.",
    "For HER2-positive breast cancer, these are tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb). Pyrotinib is used in China.",
    "They are small enough to reach the brain. Diarrhea is their most common side effect.",
  },
  antibody = {
    "A monoclonal antibody is a protein made in a lab. It locks onto one target.",
    "HER2 antibodies lock onto the HER2 protein. They block growth signals and help the immune system find the cancer.",
    "They include trastuzumab (Herceptin), pertuzumab (Perjeta) and margetuximab (Margenza). They are not chemo.",
  },
  targeted = {
    "Targeted therapy uses drugs that attack a feature of the cancer cell, here the HER2 protein.",
    "There are three kinds of HER2 drugs. Antibodies, like trastuzumab (Herceptin), lock onto HER2. Antibody-drug conjugates, like T-DXd (Enhertu), carry chemo to HER2 cells. Pills, like tucatinib (Tukysa), block HER2 from inside.",
    "These drugs only help cancers that are HER2-positive, or for T-DXd, HER2-low.",
  },
}

herald.on("treatment.drug_class", function(q)
  local t = q.text
  local k = "targeted"
  if t:find("conjugate") or t:find("%f[%w]adcs?%f[%W]") then k = "adc"
  elseif t:find("kinase") or t:find("%f[%w]tkis?%f[%W]") then k = "tki"
  elseif t:find("monoclonal") then k = "antibody" end
  local text = {}
  for i, s in ipairs(CLASSES[k]) do text[i] = s end
  text[#text + 1] = "Next step: ask your care team which kind of drug each of yours is."
  return {
    text = text,
    sources = { "acs-targeted" },
    suggest = { "What is Enhertu?", "What is tucatinib?", "What is Herceptin?" },
  }
end)

-- The trials behind today's HER2 treatments.
local TRIALS = {
  { "katherine", {
    "The KATHERINE trial was for people who still had some cancer at surgery, after drugs given before surgery.",
    "After surgery, it compared T-DM1 (Kadcyla), given every three weeks for 14 doses, with trastuzumab (Herceptin).",
    "T-DM1 cut the risk of the cancer coming back by about half. That is why Kadcyla became the usual drug when cancer is left at surgery.",
    "In 2025, the DESTINY-Breast05 trial found T-DXd (Enhertu) worked better than Kadcyla for people at higher risk. The FDA approved it for this in May 2026.",
  }, { "pub-katherine", "fda-tdxd-early" } },
  { "destiny[ %-]?breast[ %-]?0?5", {
    "DESTINY-Breast05 was for people with HER2-positive cancer still found at surgery, after treatment before surgery, and at higher risk.",
    "After surgery, it compared T-DXd (Enhertu) with T-DM1 (Kadcyla). Fewer cancers came back with Enhertu.",
    "Lung inflammation was more common with Enhertu. The FDA approved this use in May 2026.",
  }, { "ct-db05", "fda-tdxd-early" } },
  { "destiny[ %-]?breast[ %-]?11", {
    "DESTINY-Breast11 tested T-DXd (Enhertu) before surgery, followed by THP, for stage 2 or 3 HER2-positive cancer.",
    "It was compared with the older plan of AC followed by THP. More people had no cancer left at surgery.",
    "The FDA approved this use in May 2026.",
  }, { "ct-db11", "fda-tdxd-early" } },
  { "destiny[ %-]?breast[ %-]?0?3", {
    "DESTINY-Breast03 was a trial for HER2-positive cancer that had spread.",
    "It compared T-DXd (Enhertu) with T-DM1 (Kadcyla).",
    "Enhertu kept the cancer in check much longer, and people lived longer.",
    "It made Enhertu the usual next treatment after THP.",
  }, { "pub-db03", "label-tdxd" } },
  { "destiny[ %-]?breast[ %-]?0?9", {
    "DESTINY-Breast09 tested T-DXd (Enhertu) with pertuzumab as the first treatment for HER2-positive cancer that has spread.",
    "It was compared with THP, the long-time standard. The Enhertu pair kept the cancer in check longer.",
    "The FDA approved it in December 2025 as a first treatment option. Your care team weighs it against THP.",
  }, { "fda-tdxd-db09", "ct-db09" } },
  { "destiny[ %-]?breast[ %-]?0?4", {
    "DESTINY-Breast04 tested T-DXd (Enhertu) in HER2-low breast cancer that had spread, after chemo.",
    "Compared with chemo, Enhertu helped people live longer.",
    "It led to the first approval of a drug for HER2-low cancer.",
  }, { "label-tdxd" } },
  { "destiny[ %-]?breast[ %-]?0?6", {
    "DESTINY-Breast06 tested T-DXd (Enhertu) in HER2-low and HER2-ultralow cancer that feeds on hormones and had spread after hormone therapy.",
    "Compared with chemo, Enhertu kept the cancer in check longer.",
    "It led to the approval of Enhertu for HER2-ultralow cancer.",
  }, { "label-tdxd" } },
  { "cleopatra", {
    "CLEOPATRA was a trial for HER2-positive cancer that had spread.",
    "As the first treatment, it added pertuzumab (Perjeta) to trastuzumab and docetaxel.",
    "Adding pertuzumab helped people live longer, by more than a year on average.",
    "This three-drug plan, THP, became the standard first treatment.",
  }, { "pub-cleopatra" } },
  { "aphinity", {
    "APHINITY was a trial in early HER2-positive cancer.",
    "After surgery, it added pertuzumab (Perjeta) to trastuzumab and chemo.",
    "This lowered the risk of the cancer coming back a little. The gain was mostly when the cancer had reached the lymph nodes.",
  }, { "pub-aphinity" } },
  { "her2[ %-]?climb", {
    "HER2CLIMB tested tucatinib (Tukysa) with trastuzumab and capecitabine, for HER2-positive cancer that had spread.",
    "Adding tucatinib helped people live longer. It also helped when the cancer had reached the brain.",
    "This plan of three drugs is now a common later treatment.",
  }, { "pub-her2climb", "label-tucatinib" } },
  { "extenet", {
    "ExteNET tested a year of neratinib (Nerlynx) after a year of trastuzumab, in early HER2-positive cancer.",
    "It lowered the chance of the cancer coming back, most of all when the cancer also fed on hormones.",
    "Diarrhea was the main side effect.",
  }, { "acs-targeted" } },
  { "emilia", {
    "EMILIA compared T-DM1 (Kadcyla) with lapatinib and capecitabine, for cancer that had spread after trastuzumab and a taxane.",
    "T-DM1 worked better and helped people live longer.",
  }, { "label-tdm1" } },
  { "nala", {
    "NALA compared neratinib (Nerlynx) with lapatinib (Tykerb), each with capecitabine, in HER2-positive cancer that had spread.",
    "Neratinib kept the cancer in check a little longer.",
  }, { "acs-targeted" } },
  { "sophia", {
    "SOPHIA compared margetuximab (Margenza) with trastuzumab, each with chemo, after other HER2 treatments.",
    "Margetuximab kept the cancer in check a little longer.",
  }, { "acs-targeted" } },
  { "%f[%w]apt%f[%W]", {
    "The APT trial tested a lighter plan for small HER2-positive tumors with no spread to the lymph nodes.",
    "People got weekly paclitaxel with trastuzumab for 12 weeks, then trastuzumab to finish a year.",
    "Very few cancers came back. This plan is now common for small tumors.",
  }, { "pub-apt", "acs-chemo" } },
  { "hera", {
    "The HERA trial tested trastuzumab (Herceptin) after chemo, in early HER2-positive cancer.",
    "A year of trastuzumab lowered the chance of the cancer coming back. Two years was no better than one.",
    "That is why trastuzumab is given for about a year.",
  }, { "acs-targeted" } },
  { "neosphere", {
    "NeoSphere tested adding pertuzumab (Perjeta) to trastuzumab and docetaxel before surgery.",
    "More people had no cancer left at surgery when pertuzumab was added.",
  }, { "acs-targeted" } },
}

-- PERSEPHONE and PHARE (6 against 12 months of trastuzumab): the card on a
-- shorter course, written once in plugins/drugs.lua.
local SHORTER_TRIALS = { "persephone", "phare" }
herald.on("treatment.trials_named", function(q)
  if q:mentions(SHORTER_TRIALS, q.text or "") then return herald.hand_over("drug.trastuzumab_shorter") end
  -- A follow-up ("how many doses did people get" after KATHERINE) names the trial only in the
  -- earlier turn's topic, which q.message carries: the question first, then the message.
  local named
  for _, t in ipairs(TRIALS) do if q.text:find(t[1]) then named = t break end end
  if not named then for _, t in ipairs(TRIALS) do if q.message:find(t[1]) then named = t break end end end
  if named then
    local text = {}
    for i, s in ipairs(named[2]) do text[i] = s end
    text[#text + 1] = "Next step: ask your care team what this trial means for your own plan."
    return { text = text, sources = named[3],
      suggest = { "What are clinical trials?", "What is usually tried first when HER2-positive cancer has spread?", "What is Enhertu?" } }
  end
  return { text = {
      "Many trials shaped HER2 treatment, such as CLEOPATRA, KATHERINE and DESTINY-Breast03.",
      "You can look up any trial by name at ClinicalTrials.gov.",
    }, sources = { "ctgov" }, suggest = { "What are clinical trials?", "What is the KATHERINE trial?" } }
end)

local NEOADJUVANT = herald.fixed({
  text = {
    "Neoadjuvant means treatment given before surgery.",
    "For HER2-positive cancer, it is often chemo with trastuzumab and pertuzumab, such as TCHP. Since May 2026, T-DXd (Enhertu) followed by THP is another option for stage 2 or 3 cancer.",
    "It can shrink the tumor, so a smaller operation may be possible. It also shows how well the drugs work.",
    "If no cancer is left at surgery, that is called a complete response, or pCR.",
    "Next step: ask your care team what treatment will come after surgery.",
  },
  sources = { "nci-neoadjuvant", "acs-stage", "fda-tdxd-early" },
  suggest = { "What is TCHP?", "What if there is cancer left after surgery?", "What does adjuvant mean?" },
})
-- "Surely it is better to get it out first?" (blind probe 16): the order does not change
-- survival (EBCTCG meta-analysis of ten trials, Lancet Oncol 2018; Cochrane review, checked
-- with search 2026-12-07); drugs first can shrink the tumor, and what surgery finds
-- guides the drug after it (KATHERINE).
src("ebctcg-neoadjuvant", "Long-term outcomes for neoadjuvant versus adjuvant chemotherapy in early breast cancer (EBCTCG), Lancet Oncol 2018",
  "The Lancet Oncology", "https://doi.org/10.1016/S1470-2045(17)30777-5")
local OUT_FIRST = { "out first", "surgery first", "operation first", "operate first", "cut it out", "cut out first",
  "remove it first", "removed first", "take it out", "taken out", "get it out", "got it out", "get rid of it first",
  "surely better", "wouldn't it be better", "wouldnt it be better", "isn't it better", "isnt it better",
  "better to have surgery", "better to operate", "why not surgery", "why not operate", "rather have surgery",
  "rather have the surgery", "straight to surgery", "surgery straight away", "surgery right away" }
local SURGERY_FIRST = herald.fixed({
  text = {
    "It is natural to want the cancer out right away. For HER2-positive cancer that is larger or has reached the lymph nodes, starting with the drugs is usually the better order.",
    "Large studies found the same survival whether the same chemo came before or after surgery. Given first, the drugs start at once on any cells that may have spread, and they can shrink the tumor, so the operation may be smaller.",
    "Surgery then shows how well the drugs worked. If no cancer is left, that is a very good sign. If some is left, the drug after surgery is changed to lower the chance of the cancer coming back.",
    "Next step: ask your team why this order fits your cancer.",
  },
  sources = { "ebctcg-neoadjuvant", "nci-neoadjuvant", "pub-katherine" },
  suggest = { "What if the tumor does not shrink before surgery?", "What if there is cancer left after surgery?", "What is a pCR?" },
})
herald.on("treatment.neoadjuvant", function(q)
  if q:mentions(OUT_FIRST) then return SURGERY_FIRST end
  return NEOADJUVANT
end)

answer("treatment.adjuvant", {
  text = {
    "Adjuvant means treatment given after surgery.",
    "It aims to kill any cancer cells left behind, so the cancer is less likely to come back.",
    "For HER2-positive cancer, it often means trastuzumab (Herceptin), sometimes with pertuzumab or chemo. In all, the HER2 drugs last about a year.",
    "If cancer was still found at surgery, T-DM1 (Kadcyla) or, since May 2026, T-DXd (Enhertu) may be used instead. Radiation and hormone pills may also be part of it.",
    "Next step: ask your care team for a written list of the treatments after surgery.",
  },
  sources = { "nci-adjuvant", "acs-stage", "fda-tdxd-early" },
  suggest = { "What is neoadjuvant therapy?", "Why would I get Kadcyla after surgery?", "What is neratinib?" },
})

-- Cancer left at surgery after treatment before it (probe 12: "did the chemo
-- fail?"): leftover cancer is common and guides the next drug; it is not a
-- failed treatment. T-DM1 brings its chemo to the HER2-positive cells that are
-- left (KATHERINE: 14 doses, about half the risk of the cancer coming back).
local RESIDUAL = {
  "Residual disease means some cancer was still found at surgery, after the drugs given before surgery.",
  "It does not mean the chemo failed. Many people have some cancer left, and the treatment has often shrunk it. It does mean a higher chance of the cancer coming back than when none is left, which is why a different drug is given after surgery to lower that chance.",
  "Since the KATHERINE trial, T-DM1 (Kadcyla) has been given after surgery in place of trastuzumab, 14 times. It carries a chemo drug straight to HER2-positive cells, and it cut the risk of the cancer coming back by about half.",
  "In 2025, the DESTINY-Breast05 trial found T-DXd (Enhertu) worked better than Kadcyla for people at higher risk, such as cancer still in the lymph nodes. The FDA approved it for this in May 2026.",
  "Your care team will explain your surgery results and which drug fits you.",
}
-- A lower HER2 score on the cancer left (1+, 0, "negative") after a positive
-- biopsy: the drug after surgery still follows the first, positive result.
local BEFORE_POS = { "3+", "3 +", "three plus", "her2 positive", "her2-positive", "her2+", "was positive", "were positive" }
local AFTER_LOWER = { "1+", "1 +", "one plus", "ihc 0", "score 0", "her2 0", "negative", "her2 low", "her2-low", "lower" }
local LOWER_LINE = "A lower HER2 score on the cancer that was left is not rare after HER2 drugs. It does not make the cancer HER2-low: the drug after surgery is picked from the positive biopsy taken before treatment, and your team reads both reports together."
-- "I feel like I failed" (blind probe 16): said first, before the facts.
local FAILED_FELT = { "i failed", "i've failed", "ive failed", "a failure", "i fail", "my fault", "my body failed",
  "let everyone down", "let my family down", "let them down", "she failed", "he failed" }
local YP_LEFT_LINE = "On the report, y means the tissue was checked after treatment given before surgery, and p means a pathologist measured it. A T number above 0 means some invasive cancer was left in the breast, and an N number above 0 means some was found in the lymph nodes."
local NOT_FAILED_LINE = "You did not fail, and neither did your treatment. How much cancer is left is not something you control."
herald.on("treatment.residual", function(q)
  local text = { table.unpack(RESIDUAL) }
  if q:mentions(FAILED_FELT) then table.insert(text, 1, NOT_FAILED_LINE) end
  local sources = { "label-tdm1", "ct-db05", "fda-tdxd-early" }
  if q:mentions({ "ypt", "ypn", "yp t", "yp n" }) then
    table.insert(text, 1, YP_LEFT_LINE)
    sources[#sources + 1] = "komen-path-neoadjuvant"
  end
  if q:mentions(BEFORE_POS) and q:mentions(AFTER_LOWER) then table.insert(text, 2, LOWER_LINE) end
  return { text = text, sources = sources,
    suggest = { "What are the side effects of Kadcyla?", "How is Kadcyla given?", "What is pCR?" },
    remember = { drug = "t_dm1", topic = "drug" } }
end)

local PCR = herald.fixed({
  text = {
    "A pathologic complete response (pCR) means no invasive cancer was found at surgery, after treatment given before surgery.",
    "It is a very good sign, linked with a lower chance of the cancer coming back.",
    "After a pCR, HER2 drugs usually go on to complete about a year.",
    "If cancer remains instead, the drug after surgery is often changed to T-DM1 (Kadcyla) or T-DXd (Enhertu). Ask your care team what your results mean.",
  },
  sources = { "nci-neoadjuvant", "label-tdm1", "fda-tdxd-early" },
  suggest = { "What if there is cancer left after surgery?", "What is neoadjuvant therapy?", "How long do I take Herceptin for?" },
})
-- "ypT0 ypN0" pasted from the report (blind probe 16): what the letters say, then the
-- card (Komen, Understanding your pathology report after neoadjuvant therapy: y is after
-- treatment before surgery, p is measured by the pathologist; checked 2026-12-07).
src("komen-path-neoadjuvant", "Understanding Your Pathology Report After Neoadjuvant Therapy", "Susan G. Komen",
  "https://www.komen.org/breast-cancer/diagnosis/pathology-reports/reading-your-pathology-report/")
local YP_SAID = { "ypt0", "ypn0", "ypt 0", "ypn 0", "yp t0", "yp n0", "ypt0/is", "yptis", "ypt is" }
local YP_LINE = "On the report, y means the tissue was checked after treatment given before surgery, and p means a pathologist measured it. T0 means no invasive cancer was left in the breast, and N0 means none in the lymph nodes that were checked."
herald.on("treatment.pcr", function(q)
  if not q:mentions(YP_SAID) then return PCR end
  local text = { YP_LINE }
  for _, line in ipairs(PCR.text) do text[#text + 1] = line end
  return { text = text, sources = { "komen-path-neoadjuvant", "nci-neoadjuvant", "label-tdm1", "fda-tdxd-early" },
    suggest = PCR.suggest }
end)

answer("treatment.surgery", {
  text = {
    "There are two main types of breast surgery. A lumpectomy removes the tumor and a rim of normal tissue. A mastectomy removes the whole breast.",
    "For many people, lumpectomy plus radiation works as well as mastectomy.",
    "Lymph nodes under the arm are often checked at the same time.",
    "With HER2-positive cancer, drug treatment often comes first. Talk with your surgeon about your options.",
  },
  sources = { "acs-surgery" },
  suggest = { "Do I need radiation after lumpectomy?", "What is neoadjuvant therapy?", "What if there is cancer left after surgery?" },
})

-- How long radiation lasts (probe 7, P109): after a lumpectomy whole-breast radiation
-- is now most often the shorter 3-to-4-week plan (hypofractionation); some low-risk
-- people get 1 week or partial-breast radiation; a boost adds days; the older 5-to-6-week
-- plan is still used in some cases, often after mastectomy or to the nodes.
src("uwhealth-hypofx", "Hypofractionated Whole-Breast Radiation", "UW Health Carbone Cancer Center",
  "https://www.uwhealth.org/uw-carbone-cancer-center/breast-cancer/hypofractionated-whole-breast-radiation/50448")
local RADIATION_LENGTH_WORDS = { "how many", "how long", "how much time", "weeks of", "sessions of", "go on for",
  "lasts", "last for" }
local RADIATION_LENGTH = {
  text = {
    "After a lumpectomy, radiation to the whole breast most often takes about 3 to 4 weeks, once a day on weekdays.",
    "Some people with small, lower-risk tumors get a 1-week plan, or radiation to part of the breast only. An extra boost to the tumor spot can add about a week. The older plan of 5 to 6 weeks is still used in some cases, such as after a mastectomy or when lymph nodes are treated.",
    "Each visit is short, and the beam itself is on for only a few minutes. HER2 drugs can often go on during radiation.",
    "Next step: ask your radiation oncologist how many sessions your plan has, and when it will start.",
  },
  sources = { "acs-radiation", "uwhealth-hypofx" },
  suggest = { "What are the side effects of radiation?", "Do I need radiation after lumpectomy?", "Can I keep working during treatment?" },
}

local RADIATION = {
  text = {
    "Radiation uses high-energy beams to kill cancer cells left in the breast or nearby.",
    "After a lumpectomy, radiation is usually advised. After a mastectomy, it may be advised if the tumor was large or lymph nodes had cancer.",
    "It is usually given on weekdays, for one to several weeks. The most common side effects are skin changes like a sunburn in the treated area and tiredness, which fade after treatment ends.",
    "HER2 drugs can often go on during radiation. Ask your radiation oncologist about your plan.",
  },
  sources = { "acs-radiation" },
  suggest = { "What are the side effects of radiation?", "Lumpectomy or mastectomy?", "Do I need hormone therapy?" },
}

herald.answer("treatment.radiation_length", RADIATION_LENGTH)

-- What hypofractionation means (probe 9): bigger daily doses over fewer days,
-- as good as the older 5-to-6-week plan for most people after a lumpectomy.
herald.answer("treatment.hypofractionation", {
  text = {
    "Hypofractionated radiation gives a somewhat bigger dose each day, so the whole course takes fewer days. Most often it is about 3 to 4 weeks instead of the older 5 to 6.",
    "After a lumpectomy, it works as well as the longer plan for most people, with the same or milder side effects. Some people with small, lower-risk tumors get an even shorter 1-week plan.",
    "It may not fit everyone, for example some people who need radiation to the lymph nodes. Your radiation oncologist decides.",
    "Next step: ask whether a shorter plan fits you, and how many sessions it would be.",
  },
  sources = { "acs-radiation", "uwhealth-hypofx" },
  suggest = { "What are the side effects of radiation?", "How many weeks of radiation after lumpectomy?", "Do I need radiation after lumpectomy?" },
})

-- A HER2 antibody and radiation (probe 12: "do they stop Herceptin during
-- radiation?"): not usually paused; in the adjuvant trials the antibodies went
-- on during radiation, the heart checked as usual, and a left-sided plan
-- keeps the heart's dose low (ACS, radiation for breast cancer).
local ANTIBODY_SAID = { "herceptin", "trastuzumab", "perjeta", "pertuzumab", "phesgo", "hylecta", "her2 drug",
  "her2 drugs", "antibod", "kanjinti", "ogivri", "trazimera", "herzuma", "ontruzant", "hercessi" }
local WITH_RADIATION = herald.fixed {
  text = {
    "HER2 drugs such as trastuzumab (Herceptin), pertuzumab (Perjeta) and Phesgo are usually not paused for radiation. In the big studies they went on during radiation, with the heart checked as usual.",
    "When the cancer was in the left breast, the radiation team plans the beams to keep the dose to the heart low.",
    "Next step: ask your oncologist and your radiation doctor to confirm your plan, and keep your heart scans on schedule.",
  },
  sources = { "acs-radiation", "label-trastuzumab" },
  suggest = { "What are the side effects of radiation?", "What heart tests are done on Herceptin?", "How long do I take Herceptin for?" },
}

herald.on("treatment.radiation", function(q)
  if q:mentions(RADIATION_LENGTH_WORDS, q.text) then return RADIATION_LENGTH end
  if q:mentions(ANTIBODY_SAID) then return WITH_RADIATION end
  return RADIATION
end)

local HORMONE = {
  text = {
    "Hormone therapy is used if the cancer also feeds on hormones. The report calls this hormone receptor-positive, or ER or PR positive.",
    "Before menopause, tamoxifen is common. After menopause, an aromatase inhibitor, such as letrozole, is common.",
    "It is a daily pill, taken for 5 to 10 years. It often starts after chemo, and it can be taken with HER2 drugs.",
    "If the cancer does not feed on hormones, this therapy does not help. Ask your care team what your results show.",
  },
  sources = { "acs-hormone" },
  suggest = { "What is tamoxifen?", "What is triple-positive breast cancer?", "What are hormone therapy side effects?" },
}

-- Tamoxifen or an aromatase inhibitor for someone who says her cancer is ER-positive
-- (probe 7, P64): the choice and what it rests on (ACS hormone therapy page: before
-- menopause tamoxifen, or ovarian suppression with an AI or tamoxifen for higher risk;
-- after menopause usually an AI; 5 to 10 years).
local HORMONE_CHOICE = {
  text = {
    "With ER-positive cancer, hormone therapy is part of the plan, most often for 5 to 10 years.",
    "Before menopause, tamoxifen is common. Some younger women at higher risk get shots that stop the ovaries, with an aromatase inhibitor such as letrozole, anastrozole or exemestane, or with tamoxifen. After menopause, an aromatase inhibitor is usually the first choice.",
    "The choice rests on your menopause status, your risk, and your other health, such as bones or blood clots. The side effects differ too.",
    "Next step: ask your team which pill they suggest for you, and why.",
  },
  sources = { "acs-hormone" },
  suggest = { "What are hormone therapy side effects?", "What is tamoxifen?", "What is triple-positive breast cancer?" },
}
local ER_POSITIVE = { "er positive", "er-positive", "er pos", "er+", "er +", "estrogen positive", "estrogen receptor positive",
  "estrogen-receptor positive", "oestrogen positive", "hormone positive", "hormone receptor positive",
  "hormone receptor-positive", "hr positive", "hr+", "pr positive", "pr+", "triple positive", "triple-positive",
  "feeds on estrogen", "fed by estrogen", "estrogen fed" }
local ER_NEGATIVE = { "er negative", "er-negative", "er neg", "hormone negative", "hormone-negative", "receptor negative",
  "receptor-negative", "hr negative", "not hormone positive", "not er positive", "no hormone receptors",
  "don't have hormone receptors", "estrogen negative", "oestrogen negative", "er and pr negative" }
local CHOICE_WORDS = { " or ", " vs ", "versus", "which", "better", "instead", "choose", "choice", "the other one" }

local function er_positive(q)
  return q:mentions(ER_POSITIVE) and not q:mentions(ER_NEGATIVE)
end

-- An aromatase inhibitor while the ovaries may still work (probe 9, R017, R076):
-- AIs only lower estrogen made outside the ovaries (letrozole label: for women
-- after menopause; ACS hormone therapy); periods stopped by chemo can come back
-- (NCCN patient guide), so menopause is checked, and ovarian suppression is added
-- for younger women. The safety layer's sentence for "may I take it" is said
-- here, after the answer, so its deferral does not open the reply.
herald.source("label-letrozole")
herald.source("label-goserelin")
local TAKE_DEFERRAL = "What is safe for you depends on your own health and the other medicines you take. Ask your oncology care team before you start, mix, stop or skip any medicine."
local AI_OVARIES = {
  text = {
    "Not on its own. An aromatase inhibitor, such as letrozole (Femara), only lowers the estrogen made outside the ovaries. While the ovaries still work, it does not protect you, and it may even push them to make more.",
    "Periods that stop during chemo do not prove menopause. The ovaries can wake up months later, most often in women under about 45. So the team checks with blood tests, and many younger women get shots that switch off the ovaries, such as goserelin (Zoladex), with the pill.",
    TAKE_DEFERRAL,
    "Next step: ask your oncologist how your menopause status will be checked before any switch to an aromatase inhibitor.",
  },
  sources = { "acs-hormone", "label-letrozole", "label-goserelin", "nccn-invasive" },
  suggest = { "What is ovarian suppression?", "Tamoxifen or aromatase inhibitor?", "What are hormone therapy side effects?" },
}
-- Someone past menopause (and not by chemo) is the person these pills are for:
-- the usual choice answer, not the warning.
local PAST_MENOPAUSE = { "post menopaus", "postmenopaus", "post-menopaus", "after menopause", "past menopause",
  "went through menopause", "been through menopause", "had menopause", "menopause years ago", "through the change" }
local MAYBE_NOT = { "haven't", "havent", "have not", "not yet", "not gone", "not been", "chemo", "stopped", "still have",
  "still get", "still having", "still getting", "pre menopaus", "premenopaus", "pre-menopaus", "perimenopaus" }
herald.on("treatment.ai_menopause", function(q)
  if q:mentions(PAST_MENOPAUSE) and not q:mentions(MAYBE_NOT) then return HORMONE_CHOICE end
  return AI_OVARIES
end)

-- A man asking (probe 12: "57M ... and the hormone pill?"): menopause is not
-- his; tamoxifen is the usual pill for men, an aromatase inhibitor only with a
-- shot that stops the testes making hormones (NCI male breast cancer PDQ; the
-- outlook plugin's card for men says the same).
src("nci-men", "Male Breast Cancer Treatment (PDQ), Patient Version", "National Cancer Institute",
  "https://www.cancer.gov/types/breast/patient/male-breast-treatment-pdq")
local HORMONE_MEN_LINE = "For men, tamoxifen is the usual hormone pill. An aromatase inhibitor, such as letrozole, works less well alone in men and is given with a shot that stops the testes making hormones."
-- ER-low (1 to 10 percent of cells) told in a sentence of its own before a question
-- about hormone pills ("er 4%. will tamoxifen help?"): the ER-low card (blind probe 16).
local ER_LOW_SAID = { "er low", "er-low", "low er ", "low er-", "weakly er", "er weakly", "weak er ", "er weak",
  "estrogen receptor low", "oestrogen receptor low", "low estrogen receptor", "low oestrogen receptor" }
local function er_low(q)
  if q:mentions(ER_LOW_SAID) then return true end
  local m = " " .. (q.message or "") .. " "
  -- "er 5%", "ER is only 4 percent": a few words at most between the receptor and its number
  for _, word in ipairs({ "er", "estrogen receptor", "oestrogen receptor", "estrogen", "oestrogen" }) do
    for gap, pct in m:gmatch("[^%w]" .. word .. "([^%d%.]*)(%d+)%s*%%") do
      local n = tonumber(pct)
      if #gap <= 16 and n and n >= 1 and n <= 10 then return true end
    end
    for gap, pct in m:gmatch("[^%w]" .. word .. "([^%d%.]*)(%d+)%s*per%s*cent") do
      local n = tonumber(pct)
      if #gap <= 16 and n and n >= 1 and n <= 10 then return true end
    end
  end
  return false
end
herald.on("treatment.hormone_therapy", function(q)
  if er_low(q) then return herald.hand_over("reports.er_low") end
  if q:about_a_man() then
    local text = {}
    for i, line in ipairs(HORMONE.text) do text[i] = line end
    text[2] = HORMONE_MEN_LINE
    return { text = text, sources = { "acs-hormone", "nci-men" }, suggest = HORMONE.suggest }
  end
  if er_positive(q) and q:mentions(CHOICE_WORDS, " " .. q.text .. " ") then return HORMONE_CHOICE end
  return HORMONE
end)

-- Hormone pills for a cancer without hormone receptors: they would not help,
-- so leaving them out is not missing out. Someone who says her cancer IS
-- hormone receptor-positive never gets this answer (probe 7, P64): the
-- choice answer instead, whatever routed the message here.
local HORMONE_NEGATIVE = {
  text = {
    "Hormone pills, such as letrozole or tamoxifen, only help cancers that have hormone receptors. The report calls those ER- or PR-positive.",
    "If your cancer is ER- and PR-negative, these pills would not help you, so leaving them out does not mean you are missing a treatment. Your HER2 drugs are the part that targets your cancer.",
    "Some people have both: hormone receptors and HER2. That is why someone else with HER2-positive cancer may take both.",
    "Next step: ask your care team to show you the ER and PR results on your report.",
  },
  sources = { "acs-hormone", "acs-stage" },
  suggest = { "What is triple-positive breast cancer?", "What does HER2-positive mean?", "What is hormone therapy?" },
}
herald.on("treatment.hormone_negative", function(q)
  if er_positive(q) then return HORMONE_CHOICE end
  return HORMONE_NEGATIVE
end)

-- Dental work on a bone drug (probe 6, S25 went to the work card): the labels of zoledronic
-- acid and denosumab warn of jaw bone damage (osteonecrosis of the jaw) after tooth extractions
-- and other invasive dental work, and advise a dental check first and good mouth care.
herald.source("label-zoledronic")
herald.source("label-xgeva")
local DENTAL_WORDS = { "dental", "dentist", "teeth", "tooth", "root canal", "implant", "extraction", "gum", "jaw", "filling",
  "crown", "orthodont", "oral surgeon", "mouth" }
local BONE_DENTAL = {
  text = {
    "Bone drugs such as zoledronic acid (Zometa) and denosumab (Xgeva, Prolia) carry an uncommon risk of harm to the jaw bone, higher with monthly doses and over the years. Doctors call it osteonecrosis of the jaw. It is most linked to having a tooth pulled or other surgery in the mouth.",
    "Cleanings, checkups and simple fillings are usually fine. Tell every dentist you get a bone drug, and keep brushing and flossing. Plan bigger work, such as a tooth pulled or an implant, with your dentist and cancer team together.",
    "Call your team about jaw pain, a loose tooth, swelling, or a sore in the mouth that does not heal.",
    "Next step: before any dental work, ask your cancer team and your dentist to talk to each other about timing.",
  },
  sources = { "label-zoledronic", "label-xgeva", "acs-bone" },
  suggest = { "What are bone drugs?", "What are the side effects of bisphosphonates?", "How are bone drugs given?" },
  remember = { drug = "bone_drug", topic = "drug" },
}

local BONE_DRUGS = {
  text = {
    "Bone drugs keep bones strong. They include bisphosphonates, such as zoledronic acid (Zometa), and denosumab (Xgeva, Prolia).",
    "If cancer has spread to the bone, they lower the risk of breaks and bone pain.",
    "In early cancer after menopause, they may help stop cancer coming back in the bone. They also guard bones during hormone therapy.",
    "A rare side effect harms the jaw bone. Next step: see a dentist before you start a bone drug.",
  },
  sources = { "acs-bone" },
  suggest = { "How are bone drugs given?", "What are the side effects of bisphosphonates?", "Do I need hormone therapy?" },
  remember = { drug = "bone_drug", topic = "drug" },
}
herald.on("treatment.bone_drugs", function(q)
  if q:mentions(DENTAL_WORDS) then return BONE_DENTAL end
  return BONE_DRUGS
end)

answer("treatment.clinical_trials", {
  text = {
    "A clinical trial is a research study that tests a new treatment, or a new way to use one, in people.",
    "Every HER2 drug in use today was proven in trials. Trials follow strict safety rules, and you can leave at any time.",
    "You may get a new treatment before it is widely available. In cancer trials, people usually still get at least standard care.",
    "Ask your oncologist if a trial could fit you. You can also search ClinicalTrials.gov.",
  },
  sources = { "nci-trials", "ctgov" },
  suggest = { "How do I find a clinical trial?", "What happens if cancer grows after Enhertu?", "What is pyrotinib?" },
})

answer("treatment.integrative", {
  text = {
    "No other treatment has been shown to cure breast cancer or to replace chemo or HER2 drugs. Skipping proven treatment can be risky.",
    "Complementary or integrative care is used along with standard care. Yoga, meditation, massage and acupuncture can ease stress, tiredness, nausea and pain.",
    "Some herbs and supplements can affect how cancer drugs work.",
    "Tell your care team about anything you take or try.",
  },
  sources = { "nci-cam" },
  suggest = { "Can yoga help?", "Is chemotherapy always needed with HER2 therapy?", "How can I manage nausea?" },
})

answer("treatment.biosimilars", {
  text = {
    "A biosimilar is a close match of a drug made from living cells, such as trastuzumab (Herceptin). Tests must show it is just as safe and works just as well. Only then does the FDA approve it.",
    "In the US, trastuzumab biosimilars include Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi. Pertuzumab (Perjeta) got its first biosimilar, Poherdy, in November 2025.",
    "They often cost less, and your clinic or insurer may choose which one you get. Ask your care team which one you will receive.",
  },
  sources = { "fda-biosimilars", "accc-poherdy", "acs-targeted" },
  suggest = { "What is Herceptin?", "How is Herceptin given?", "How long do I take Herceptin for?" },
  remember = { drug = "trastuzumab", topic = "drug" },
})

local DURATION = herald.fixed {
  text = {
    "It depends on the stage and on each part of the plan.",
    "For early cancer, chemo lasts about 3 to 6 months. HER2 drugs such as trastuzumab (Herceptin) go on for about a year in all. T-DM1 (Kadcyla) after surgery is 14 doses, and neratinib (Nerlynx) is one more year of pills.",
    "Radiation takes 1 to 6 weeks. Hormone pills, if needed, go on for 5 to 10 years.",
    "When cancer has spread, treatment often goes on as long as it works. Next step: ask your care team for a written timeline.",
  },
  sources = { "acs-targeted", "acs-chemo", "nccn-invasive" },
  suggest = { "How long do I take Herceptin for?", "How long does THP last?", "Is chemotherapy always needed with HER2 therapy?" },
}
-- Right after a card on one regimen ("what is AC-TH"), a length asked in
-- general words ("how many rounds of the AC part?") is that regimen's length,
-- which regimen.duration tells part by part (blind two-turn grading,
-- 2026-12-07: it got this general card). A regimen named in the question
-- itself is routed to regimen.duration by its patterns.
herald.on("treatment.duration", function(q)
  if q.previous and q.previous:sub(1, 8) == "regimen." and q:slot("regimen") and not q.slots.drug then
    return herald.hand_over("regimen.duration")
  end
  return DURATION
end)

-- "Is there anything lighter?", often from older people or their families:
-- age alone does not set the plan; a geriatric assessment and the person's
-- goals do, and gentler plans exist.
src("jco-older-decisions", "Treatment Decision Making in Older Adults With Cancer: A Narrative Review (J Clin Oncol, 2021)",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC8260915")
src("apt", "Adjuvant Paclitaxel and Trastuzumab for Node-Negative, HER2-Positive Breast Cancer (APT), N Engl J Med 2015",
  "Massachusetts Medical Society", "https://doi.org/10.1056/NEJMoa1406281")

local OLDER = { "older", "elderly", "my age", "her age", "his age", "too old", "too frail", "frail", "senior",
  "grandma", "grandmother", "granny", "in my 70", "in my 80", "in her 70", "in her 80", "i'm 7", "im 7", "i am 7",
  "i'm 8", "im 8", "i am 8", "she's 7", "shes 7", "she is 7", "she's 8", "shes 8", "she is 8", "years old", "yr old",
  "yo ", "y/o", "retired", "my gran", "my nan", "nana", "aged 7", "aged 8", "aged 9", "age 7", "age 8", "age 9",
  "in his 70", "in his 80", "years of age" }

local CHEMO_NEEDED_OLDER = {
  "Age alone does not decide the plan. Doctors weigh overall health, other illnesses, and what matters most to you.",
  "Many centers do a geriatric assessment: simple checks of strength, balance, memory, mood, medicines and help at home. It shows who may do better with a gentler plan or extra support.",
  "Gentler plans exist. For a small tumor with no node spread, weekly paclitaxel with trastuzumab for 12 weeks is one. Doses and schedules can also be adjusted, and side effects treated early.",
  "Next step: ask your oncologist for a geriatric assessment, and say what you hope treatment will and will not take from you.",
}

local CHEMO_NEEDED = {
  text = {
    "Not always, but usually. It depends on the stage and size of the tumor, and on whether lymph nodes are involved.",
    "Most HER2-positive cancers get some chemo with the HER2 drugs, because they work best together.",
    "Small tumors with no node spread may get a lighter plan: weekly paclitaxel with trastuzumab for 12 weeks. Chemo-free plans are being tested in trials.",
    "Ask your care team why they suggest chemo in your case.",
  },
  sources = { "acs-chemo", "acs-stage" },
  suggest = { "What chemo is used for HER2-positive breast cancer?", "Is Herceptin chemo?", "What are the side effects of chemo?" },
}

-- "Not always, but usually" answers only a question of whether chemo is
-- needed; a question about the plan itself starts with the plan (probe 9, R062).
local NEED_ASKED = { "need", "necessary", "have to", "has to", "must", "always", "required", "skip", "without chemo",
  "avoid chemo", "no chemo", "do without", "get out of", "instead of chemo", "chemo free", "chemo-free", "really",
  "unavoidable", "mandatory", "can i refuse", "say no" }
local CHEMO_NEEDED_PLAN = {
  "Whether chemo is part of the plan depends on the stage and size of the tumor, and on whether lymph nodes are involved.",
  CHEMO_NEEDED.text[2], CHEMO_NEEDED.text[3], CHEMO_NEEDED.text[4],
}
-- Weekly paclitaxel with trastuzumab (APT; Herceptin label): 12 weekly doses, then
-- trastuzumab every 3 weeks to finish a year; lighter than TCHP or AC.
local WEEKLY_WORDS = { "weekly", "every week", "once a week", "each week", "12 weeks", "twelve weeks" }
local TAXOL_WORDS = { "paclitaxel", "taxol" }
local WEEKLY_TH = {
  "The lighter plan for a small tumor is paclitaxel (Taxol) with trastuzumab (Herceptin) once a week for 12 weeks. After that, trastuzumab goes on alone every 3 weeks, to make about a year in all.",
  "It is gentler than plans with more chemo drugs, such as TCHP or AC, which is why it is offered to people with small tumors, older people among them. Hair loss, tingling in the hands and feet, and tiredness are the main side effects.",
  "The weekly visits are the busiest part. A social worker can help find rides if family cannot drive every week.",
  "Next step: ask for the full calendar of visits, so you can plan who drives.",
}

-- Only the operation (probe 12, a letter from a woman of 81): a choice that is
-- hers; without HER2 drugs a HER2-positive cancer is more likely to come back,
-- by how much for her is the team's estimate (jco-older-decisions, APT).
local ONLY_SURGERY = { "only the operation", "only have the operation", "just the operation", "only surgery",
  "just surgery", "only the surgery", "just the surgery", "only have surgery", "just have surgery",
  "only the lumpectomy", "just the lumpectomy", "nothing after surgery", "nothing after the operation" }
local ONLY_SURGERY_LINE = "Having only the operation is a choice you can make. Without HER2 drugs, a HER2-positive cancer is more likely to come back, and your team can tell you how much the drugs would add for you."
-- A HER2 drug with a hormone pill and no chemo, feared as "giving up" (probe
-- 12): the card lives in drugs.lua (drug.her2_with_pill).
local REAL_TREATMENT = { "real treatment", "proper treatment", "actual treatment", "comfort care", "giving up", "given up",
  "give up on", "just palliative", "only palliative", "doing nothing", "not really treating" }
local PILL_SAID = { "letrozole", "femara", "anastrozole", "arimidex", "exemestane", "aromasin", "tamoxifen",
  "hormone pill", "hormone therapy", "aromatase" }
-- An older person asking about treatment in general ("at 90, is treatment worth
-- it?", blind grading 2026-12-07: the general overview): the card for older
-- adults, which the chemo question already gives.
local function told_older_age(q)
  local m = (q.message or q.text):lower()
  local age = m:match("%f[%w]at ([7-9]%d)%f[%D]") or m:match("%f[%w]i'?m ([7-9]%d)%f[%D]")
    or m:match("%f[%w]i am ([7-9]%d)%f[%D]") or m:match("%f[%w]is ([7-9]%d)%f[%D]")
    or m:match("%f[%d]([7-9]%d)[ %-]?y[ea]?a?r?s?[ %-]?old") or m:match("%f[%w]aged? ([7-9]%d)%f[%D]")
  return age ~= nil
end
-- Not OLDER's "years old": a child's age is no older adult.
local OLDER_SAID = { "elderly", "too old", "frail", "senior", "in my 70", "in my 80", "in my 90", "in her 70",
  "in her 80", "in her 90", "in his 70", "in his 80", "grandma", "grandmother", "granny", "my gran", "my nan", "nana",
  "older woman", "older women", "older adult", "older people", "older patient", "older person" }
herald.on("treatment.overview", function(q)
  if q:mentions(OLDER_SAID) or told_older_age(q) then return herald.hand_over("treatment.chemo_needed") end
  return OVERVIEW
end)

-- A hormone pill alone in place of chemo, no HER2 drug named ("is tamoxifen on its own
-- enough without chemo?", blind probe 16): hormone therapy is added, not swapped in.
local PILL_ALONE = { "instead", "alone", "on its own", "by itself", "enough", "only", "just", "rather than" }
local HER2_DRUG_NAMED = { "herceptin", "trastuzumab", "phesgo", "perjeta", "pertuzumab", "kadcyla", "hylecta", "her2 drug" }
herald.on("treatment.chemo_needed", function(q)
  if q:mentions(REAL_TREATMENT) and q:mentions(PILL_SAID) then return herald.hand_over("drug.her2_with_pill") end
  if q:mentions(PILL_SAID) and q:mentions(PILL_ALONE) and not q:mentions(HER2_DRUG_NAMED) and not q:mentions(OLDER)
      and not told_older_age(q) then
    return herald.hand_over("treatment.hormone_instead")
  end
  if q:mentions(WEEKLY_WORDS) and q:mentions(TAXOL_WORDS) and not q:mentions(NEED_ASKED) then
    return { text = WEEKLY_TH, sources = { "apt", "label-trastuzumab", "acs-chemo" },
      suggest = { "What are the side effects of paclitaxel?", "How long do I take Herceptin for?", "What is Herceptin?" } }
  end
  if q:mentions(OLDER) or told_older_age(q) then
    local text = CHEMO_NEEDED_OLDER
    if q:mentions(ONLY_SURGERY) then
      text = { ONLY_SURGERY_LINE .. " " .. CHEMO_NEEDED_OLDER[1] }
      for i = 2, #CHEMO_NEEDED_OLDER do text[i] = CHEMO_NEEDED_OLDER[i] end
    end
    return { text = text, sources = { "jco-older-decisions", "apt", "acs-chemo" },
      suggest = { "What are the side effects of chemo?", "Is chemotherapy always needed with HER2 therapy?", "What is Herceptin?" } }
  end
  if not q:mentions(NEED_ASKED) then
    return { text = CHEMO_NEEDED_PLAN, sources = CHEMO_NEEDED.sources, suggest = CHEMO_NEEDED.suggest }
  end
  return CHEMO_NEEDED
end)

answer("treatment.chemo", {
  text = {
    "The main chemo drugs used with HER2 drugs are taxanes: paclitaxel (Taxol) and docetaxel (Taxotere).",
    "Carboplatin is often added before surgery, as in TCHP.",
    "Some plans use doxorubicin and cyclophosphamide (AC). Capecitabine (Xeloda) is a chemo pill used when cancer has spread.",
    "Chemo and HER2 drugs work best together. Ask your care team which chemo is in your plan.",
  },
  sources = { "acs-chemo" },
  suggest = { "What is TCHP?", "Is chemotherapy always needed with HER2 therapy?", "What are the side effects of chemo?" },
})

-- Drugs for other kinds of breast cancer ------------------------------------------------
-- What they are mostly for, so a person can see why her plan differs; never
-- whether she should have one (the team decides, and trials test some of them
-- with HER2 drugs).
src("patina", "PATINA: palbociclib added to HER2 drugs and hormone therapy (NCT02947685)", "ClinicalTrials.gov, National Library of Medicine",
  "https://clinicaltrials.gov/study/NCT02947685")

answer("treatment.other_bc_drugs", {
  text = {
    "Breast cancer is treated by its type. Some well-known drugs are mostly for other types.",
    "Palbociclib (Ibrance), ribociclib (Kisqali) and abemaciclib (Verzenio) are mostly for cancer that is HER2-negative and feeds on hormones. Pembrolizumab (Keytruda) works with the immune system. It is mostly for triple-negative cancer. Olaparib (Lynparza) is for HER2-negative cancer in people born with a BRCA gene change. Sacituzumab (Trodelvy) is for some HER2-negative cancers.",
    "HER2-positive cancer has its own drugs that act on HER2. In a large trial called PATINA, adding Ibrance to HER2 drugs and hormone pills kept triple-positive cancer that had spread in check longer. Your doctor may talk with you about it.",
    "Next step: if you wonder why your plan differs from someone else's, ask your oncologist how your HER2 and hormone receptor results shaped it.",
  },
  sources = { "acs-targeted", "nci-pdq", "patina" },
  suggest = { "How is HER2-positive breast cancer treated?", "What does triple positive mean?", "Are there clinical trials for HER2-positive breast cancer?" },
})

-- --- Plans questioned (blind probe 16, 2026-12-07) --------------------------------------
herald.source("label-pertuzumab")
herald.source("label-goserelin")
-- BCIRG-006 (NEJM 2011): TCH and AC-T with trastuzumab, no significant difference in
-- disease-free or overall survival; fewer heart failure and low white counts with TCH
-- (checked with search 2026-12-07).
src("pub-bcirg006", "Adjuvant Trastuzumab in HER2-Positive Breast Cancer (BCIRG-006), N Engl J Med 2011",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa0910383")
-- APHINITY at 6 years (JCO 2021, ESMO summary, checked with search 2026-12-07): invasive
-- disease-free survival 91% vs 88% overall; node-positive 88% vs 83%; no benefit seen in
-- the node-negative group.
src("esmo-aphinity-6y", "Adjuvant pertuzumab, trastuzumab and chemotherapy after 6 years in the APHINITY study",
  "European Society for Medical Oncology",
  "https://www.esmo.org/oncology-news/efficacy-and-safety-of-adjuvant-pertuzumab-trastuzumab-and-chemotherapy-after-6-years-median-follow-up-in-the-aphinity-study")
-- SOFT and TEXT (NEJM 2014, NEJM 2018; JCO 2023, 13 years): exemestane with ovarian
-- suppression lowered recurrence against tamoxifen with ovarian suppression (12-year
-- disease-free survival 4.6 points higher), overall survival about the same; tamoxifen
-- alone stays right for some lower-risk women (checked with search 2026-12-07).
src("pub-soft-text", "Adjuvant Exemestane with Ovarian Suppression in Premenopausal Breast Cancer (TEXT and SOFT), N Engl J Med 2014",
  "New England Journal of Medicine", "https://www.nejm.org/doi/10.1056/NEJMoa1404037")
src("pub-soft-text-13y", "Adjuvant Exemestane With Ovarian Suppression in Premenopausal Breast Cancer: Long-Term Follow-Up of the Combined TEXT and SOFT Trials (J Clin Oncol 2023)",
  "Mayo Clinic (publication record)", "https://mayoclinic.pure.elsevier.com/en/publications/adjuvant-exemestane-with-ovarian-suppression-in-premenopausal-bre-2")
-- Imaging cannot confirm a pathologic complete response; surgery is the only reliable
-- way, and leaving surgery out is studied in trials (JAMA Netw Open pilot trial 2021;
-- Breast Cancer Research review 2016; checked with search 2026-12-07).
src("pcr-imaging-trial", "Accuracy of MRI-guided biopsy for pathologic complete response after neoadjuvant chemotherapy (pilot trial, 2021)",
  "PubMed Central, US National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7811182")
src("bcr-omit-surgery", "Selective elimination of breast cancer surgery in exceptional responders: historical perspective and current trials (2016)",
  "Breast Cancer Research", "https://breast-cancer-research.biomedcentral.com/articles/10.1186/s13058-016-0684-6")

answer("treatment.hormone_instead", {
  text = {
    "No. When the cancer is both hormone receptor-positive and HER2-positive, hormone therapy is added to the plan, not swapped in for the rest of it.",
    "Chemo with HER2 drugs, such as trastuzumab (Herceptin) and often pertuzumab (Perjeta), treats the HER2 side of the cancer. Hormone pills only block estrogen, so alone they leave that side untreated. The pills usually start after chemo and go on for 5 to 10 years.",
    "For a very small tumor, or for someone older or frail, the team may suggest a lighter plan, such as a HER2 drug with a hormone pill. That is a choice to make with your team.",
    "Next step: ask your team what each part of your plan is for, and whether a lighter plan is an option for you.",
  },
  sources = { "acs-hormone", "acs-targeted", "nccn-invasive" },
  suggest = { "Is chemotherapy always needed with HER2 therapy?", "What is triple-positive breast cancer?", "How long do I take hormone pills?" },
})

local REGIMEN_COMPARE = herald.fixed({
  text = {
    "Both are standard plans for early HER2-positive breast cancer. Both give about a year of HER2 drugs in all.",
    "AC-TH starts with two chemo drugs, doxorubicin and cyclophosphamide (AC). Then comes a taxane with trastuzumab (Herceptin), sometimes with pertuzumab too. TCHP gives docetaxel and carboplatin with trastuzumab and pertuzumab (Perjeta) at the same time. It has no doxorubicin.",
    "In a large trial, a plan with carboplatin and a plan with AC worked about as well as each other. The carboplatin plan caused fewer heart problems. That is one reason plans like TCHP are used more often today.",
    "The choice depends on your stage, your heart and your other health. Next step: ask your team why they chose your plan.",
  },
  sources = { "pub-bcirg006", "acs-chemo", "acs-targeted" },
  suggest = { "What is TCHP?", "What are the side effects of TCHP?", "What is AC-TH?" },
})
-- Weekly paclitaxel with trastuzumab set against a bigger plan: the lighter plan for small,
-- node-negative tumors (APT), which the small-tumor card explains.
local WEEKLY_SAID = { "weekly", "only taxol", "just taxol", "only paclitaxel", "just paclitaxel", "12 weeks", "twelve weeks",
  " th ", " t-h ", " aph ", " apt " }
herald.on("treatment.regimen_compare", function(q)
  if q:mentions(WEEKLY_SAID, " " .. (q.message or "") .. " ") then return herald.hand_over("basics.small_tumor") end
  return REGIMEN_COMPARE
end)

answer("treatment.no_shrink", {
  text = {
    "Most tumors shrink with treatment before surgery, and your team checks yours along the way, by exam and sometimes with scans.",
    "If it is not shrinking, or grows, the team can change the drugs or move the surgery sooner. The months are not lost: the drugs also work on any cancer cells that may have spread, which is what lowers the chance of the cancer coming back. In large studies, the same chemo gave the same survival before or after surgery.",
    "What surgery finds also guides the next step. If some cancer is left, a different drug, such as T-DM1 (Kadcyla), is given after surgery.",
    "Next step: ask your team how they will check your response, and what happens if it is slow.",
  },
  sources = { "ebctcg-neoadjuvant", "nci-neoadjuvant", "pub-katherine" },
  suggest = { "What if there is cancer left after surgery?", "What is a pCR?", "How do they know if treatment is working?" },
})

answer("treatment.skip_surgery", {
  text = {
    "No. A clear MRI or scan after treatment is very good news, but scans cannot see small groups of cancer cells.",
    "Only surgery shows whether any cancer is left, when a pathologist looks at the removed tissue under a microscope. No cancer left is called a complete response, or pCR. What surgery finds also decides the drug after it: if some cancer is left, the HER2 drug is usually changed.",
    "Leaving out surgery after a very good response is being studied, but only in clinical trials for now.",
    "Next step: ask your team what your scan showed, and how it shapes your surgery.",
  },
  sources = { "pcr-imaging-trial", "bcr-omit-surgery", "nci-neoadjuvant" },
  suggest = { "What is a pCR?", "What if there is cancer left after surgery?", "Lumpectomy or mastectomy?" },
})

answer("treatment.pertuzumab_adds", {
  text = {
    "Pertuzumab (Perjeta) is a second HER2 antibody. It grabs a different part of HER2 than trastuzumab (Herceptin) does, so together they block HER2 more fully.",
    "After surgery, the APHINITY trial added pertuzumab to trastuzumab and chemo for a year. Overall it lowered the chance of the cancer coming back by a small amount. The gain was clearest when cancer was in the lymph nodes: after 6 years, about 88 in 100 of those people were free of cancer with it, against 83 in 100 without. When the nodes were clear, no added benefit was seen.",
    "It adds side effects too, most of all diarrhea. These figures are estimates from groups of people and cannot predict one person's course.",
    "Next step: ask your team what pertuzumab would add in your case.",
  },
  sources = { "pub-aphinity", "esmo-aphinity-6y", "label-pertuzumab" },
  suggest = { "What are the side effects of Perjeta?", "What does node negative mean?", "What is Phesgo?" },
})

answer("treatment.ofs_ai", {
  text = {
    "Before menopause, the ovaries make most of the body's estrogen. If the risk of the cancer coming back is higher, teams often stop the ovaries, most often with monthly shots such as goserelin (Zoladex). Then they add a hormone pill.",
    "Two trials, SOFT and TEXT, tested this. Ovary shots with exemestane, an aromatase inhibitor, kept the cancer away better than ovary shots with tamoxifen. After 12 years, about 5 more women in 100 were free of breast cancer with exemestane. Overall survival was about the same.",
    "Both pairs bring menopause symptoms. Exemestane adds joint aches and bone loss, and it only works here because the ovaries are switched off. Women at lower risk may do well with tamoxifen alone.",
    "Next step: ask your team about your own risk and which pair they suggest.",
  },
  sources = { "pub-soft-text", "pub-soft-text-13y", "acs-hormone", "label-goserelin" },
  suggest = { "What is ovarian suppression?", "What are hormone therapy side effects?", "Tamoxifen or aromatase inhibitor?" },
})
