-- A wrong conclusion drawn from a result (intents/misreading.intents): "so I
-- don't have cancer?" after a HER2-negative card, "so it's all gone?" after
-- clear margins, "so I'm cured?" after a clear scan, "so I don't need
-- treatment?". The answer says gently what the result does and does not
-- say, from what the previous turn was about (q.previous) or what the
-- message itself names, and that the care team reads the whole report. It
-- never confirms the belief and never says to stop or skip anything.
herald.about { title = "Wrong conclusions from a result", reviewed = "2026-12-07",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end
src("acs-her2", "Breast Cancer HER2 Status", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html")
src("acs-hormone", "Breast Cancer Hormone Receptor Status", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-hormone-receptor-status.html")
src("komen-margins", "Assessing Margins after Breast Surgery", "Susan G. Komen",
  "https://www.komen.org/breast-cancer/diagnosis/biopsies/assessing-margins/")
src("nci-ned", "Definition of NED (NCI Dictionary of Cancer Terms)", NCI,
  "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/ned")
src("nci-recurrent", "Recurrent Cancer: When Cancer Comes Back", NCI, "https://www.cancer.gov/types/recurrent-cancer")
src("nci-questions", "Questions to Ask Your Doctor About Your Treatment", NCI,
  "https://www.cancer.gov/about-cancer/treatment/questions")

local ASK = "Next step: ask your care team, \"What does this result mean for my treatment plan?\""

-- A HER2 or hormone receptor result describes a cancer a biopsy has found
-- (ACS, HER2 status; hormone receptor status): it picks the medicines, and
-- says nothing of whether there is cancer.
local RESULT = {
  text = {
    "No, that is not what this result means. Tests such as HER2 are done on cancer cells that a biopsy has already found.",
    "The result describes that cancer: what kind it is and which medicines are likely to work on it. It does not say whether there is cancer, or that it has gone.",
    "Whatever the HER2 result, the cancer is still treated. A HER2-negative or HER2-low result means the main medicines are different, such as hormone therapy or chemo, not that none are needed.",
    ASK,
  },
  sources = { "acs-her2", "acs-hormone" },
  suggest = { "What is hormone receptor status?", "How is HER2-negative breast cancer treated?", "What questions should I ask my doctor?" },
}

-- Clear margins (Komen): nothing at the edge of what was removed; cells
-- elsewhere are another question, which treatment after surgery is for.
local MARGINS = {
  text = {
    "Clear margins are good news, but they do not mean the cancer is gone for good. They mean no cancer cells were seen at the edge of the tissue the surgeon removed, so usually no more surgery is needed.",
    "A few cancer cells too small to see can be elsewhere in the body. That is why treatment after surgery, such as HER2 drugs, radiation or hormone therapy, is often still advised, to lower the chance of the cancer coming back.",
    "Next step: ask your team which treatments they advise after surgery, and why.",
  },
  sources = { "komen-margins", "nci-recurrent" },
  suggest = { "Why do I need radiation after a lumpectomy?", "How long is Herceptin given after surgery?", "Will my cancer come back?" },
}

-- A clear scan or "no evidence of disease" (NCI: NED; recurrent cancer): no
-- cancer seen, which is not a promise that none is left.
local SCAN = {
  text = {
    "A clear scan is very good news. It means no cancer could be seen. But scans can't show a few cells too small to see, so doctors are careful with the word cured.",
    "That is why planned treatment usually goes on, and why check-ups continue for years.",
    ASK,
  },
  sources = { "nci-ned", "nci-recurrent" },
  suggest = { "What does NED mean?", "What follow-up will I have after treatment?", "Will my cancer come back?" },
}

local DEFAULT = {
  text = {
    "I can't tell that from what we have talked about. I don't want you to take the wrong thing from it.",
    "Your care team can say if there is cancer, if it has gone, and if you need more treatment. They look at your whole report, your scans and your exams.",
    ASK,
  },
  sources = { "nci-questions" },
  suggest = { "What does HER2-positive mean?", "What questions should I ask my doctor?", "How is HER2-positive breast cancer treated?" },
}

-- "So she's cancer free?" with nothing before it to read it from (a first
-- turn that fell back or asked back; clinical review 2026-12-07): only the
-- care team can say whether cancer is left, and what the words people hear
-- mean (NCI dictionary, no evidence of disease; NCI, recurrent cancer).
local FREE_SAID = { "cancer free", "cancer-free", "cured", "all gone", "no cancer", "gone for good", "clear of cancer",
  "in remission", "got it all", "it's gone", "its gone", "all clear", "beat it", "beaten it", "nothing left" }
local DEFAULT_FREE = {
  text = {
    "I can't tell that from what we have talked about, and I don't want you to take the wrong thing from it. Only the care team can say whether any cancer is left. They look at the whole report, the scans and the exams.",
    "Two phrases you may hear: \"no evidence of disease\", or NED, means exams, scans and tests find no sign of cancer right now. \"Cancer free\" is how many people say the same thing.",
    "Neither is a promise that the cancer will never come back, because a few cells too small to see can stay hidden. That is why check-ups go on for years.",
    ASK,
  },
  sources = { "nci-ned", "nci-recurrent", "nci-questions" },
  suggest = { "What does NED mean?", "What follow-up will I have after treatment?", "Will my cancer come back?" },
}

local MARGIN_SAID = { "margin" }
local SCAN_SAID = { "scan", "pet", "mri", "x-ray", "xray", "ned", "no evidence", "remission", "all clear", "pcr",
  "complete response", "no cancer left", "mammogram" }
local RESULT_SAID = { "her2", "her 2", "her two", "ihc", "fish", "ish test", "hormone receptor", "er positive",
  "er negative", "pr positive", "pr negative", "estrogen", "oestrogen", "progesterone", "ki-67", "ki67", "grade",
  "triple negative", "triple positive", "ultralow", "biomarker" }
local SCAN_INTENTS = { ["basics.ned"] = true, ["reports.staging_scans"] = true, ["reports.no_spread"] = true,
  ["reports.stable"] = true, ["reports.is_working"] = true, ["basics.followup"] = true }

local function starts(s, prefix) return s and s:sub(1, #prefix) == prefix end

herald.on("misreading.result", function(q)
  local prev = q.previous
  -- What the message itself names comes first ("my margins were clear, so
  -- it's all gone?"), then the card just before.
  if q:mentions(MARGIN_SAID) then return MARGINS end
  if q:mentions(SCAN_SAID) then return SCAN end
  if q:mentions(RESULT_SAID) then return RESULT end
  if prev == "reports.margins" or starts(prev, "surgery.") then return MARGINS end
  if SCAN_INTENTS[prev] then return SCAN end
  if starts(prev, "testing.") or starts(prev, "reports.") then return RESULT end
  if q:mentions(FREE_SAID, q.text or "") then return DEFAULT_FREE end
  return DEFAULT
end)

-- A new pain or fear waved away after the card on it ("I'll just ignore it,
-- it's all in my head"): don't ignore it. A pain that lasts, worsens or is
-- not eased by usual pain pills is checked by the team (Cancer.Net, follow-up
-- care); the fear itself is common and worth telling them (ACS, fear of
-- recurrence). Never an emergency card, never a diagnosis.
src("cancernet-followup", "Breast Cancer: Follow-up Care and Monitoring", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/cancer-types/breast-cancer/follow-care-and-monitoring")
src("acs-fear-recurrence", "Living With Uncertainty: The Fear of Cancer Recurrence", ACS,
  "https://www.cancer.org/cancer/survivorship/long-term-health-concerns/recurrence/living-with-uncertainty-the-fear-of-cancer-recurrence.html")
local DONT_IGNORE = {
  text = {
    "Please don't ignore it. Your fear is real, not silly, and it is common after cancer.",
    "Most new aches are not the cancer. But a pain that lasts more than about two weeks, keeps getting worse, or is not eased by your usual pain pills should be checked. Calling about it is not a bother; it is what your care team is there for.",
    "Tell them about the worry too. They can help with it, and a counselor can as well.",
    "Next step: call your care team this week, say where the pain is and when it started, and ask them to check it.",
  },
  sources = { "cancernet-followup", "acs-fear-recurrence" },
  suggest = { "What are the signs of recurrence?", "Can I get counselling?", "What follow-up will I have after treatment?" },
}
herald.on("misreading.ignore_symptom", function(q) return DONT_IGNORE end)

-- "So I'll keep my hair" after the hair card (blind probe): Herceptin and
-- Perjeta alone rarely cause hair loss, but the chemo given with them usually
-- does (NCI hair loss; ACS chemotherapy for breast cancer; the same facts as
-- se.hair's per-drug lines). A plan with chemo named is corrected; with none
-- named, the answer says it depends on what else is in the plan.
src("nci-hair", "Hair Loss (Alopecia) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/hair-loss")
src("acs-chemo", "Chemotherapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/chemotherapy-for-breast-cancer.html")
local CHEMO_SAID = { "chemo", "tchp", "tch ", "tch,", "tch.", "tch!", "tch?", " ac ", " ac-", "ac-thp", "ac then", "a/c",
  "docetaxel", "taxotere", "paclitaxel", "taxol", "abraxane", "taxane", "carboplatin", "carbo", "doxorubicin",
  "adriamycin", "red devil", "epirubicin", "cyclophosphamide", "cytoxan", "enhertu", "deruxtecan", "t-dxd", "tdxd",
  "fec", " ec ", "thp" }
local HAIR_CHEMO = {
  text = {
    "Not quite. Herceptin and Perjeta on their own rarely cause hair loss, but the chemo given with them usually does.",
    "In TCHP and TCH, docetaxel (Taxotere) causes hair loss in most people, and carboplatin can thin hair. Doxorubicin (the A in AC) and paclitaxel (Taxol) cause hair loss in most people too. Enhertu carries a chemo drug, and hair loss is common with it.",
    "Hair often starts to fall out 2 to 4 weeks after the first chemo, and it usually grows back a few months after chemo ends. Cold caps (scalp cooling) help some people keep more hair.",
    "Next step: before your first chemo, ask your team if cold caps are offered, and if your insurance helps pay for a wig.",
  },
  sources = { "nci-hair", "acs-chemo" },
  suggest = { "Do cold caps work?", "Will my hair grow back after chemo?", "What are the side effects of chemo?" },
}
local HAIR_DEPENDS = {
  text = {
    "It depends on what else is in your plan. Herceptin and Perjeta on their own rarely cause hair loss, so on them alone most people keep their hair.",
    "But when chemo is given with them, as in TCHP, TCH, or AC followed by a taxane, the chemo usually causes hair loss. It often starts 2 to 4 weeks after the first chemo and grows back a few months after chemo ends.",
    "Cold caps (scalp cooling) help some people keep more hair.",
    "Next step: ask your team which drugs are in your plan, and if cold caps are offered.",
  },
  sources = { "nci-hair", "acs-chemo" },
  suggest = { "Do cold caps work?", "Is Herceptin chemo?", "What are the side effects of chemo?" },
}
herald.on("misreading.hair_kept", function(q)
  if q:mentions(CHEMO_SAID, " " .. (q.text or q.message or "") .. " ") then return HAIR_CHEMO end
  return HAIR_DEPENDS
end)

-- "So Enhertu is basically Herceptin" (blind probe): no. T-DXd carries a
-- chemo drug, has its own side effects and boxed warnings, and is given on its
-- own schedule; one is not swapped for the other (the Enhertu label; the same
-- facts as drugs.lua's T-DXd lines). Another drug named, or none known: the
-- comparison card.
src("dailymed-enhertu", "Enhertu (fam-trastuzumab deruxtecan-nxki) prescribing information",
  "DailyMed, US National Library of Medicine",
  "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=7e67e73e-ddf4-4e4d-8b50-09d7514910b6")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
local ENHERTU_NOT_HERCEPTIN = {
  text = {
    "No, they are different drugs, and one is not swapped for the other. T-DXd (Enhertu) uses a HER2 antibody like trastuzumab (Herceptin), but a strong chemo drug, deruxtecan, is joined to it. Herceptin is the antibody alone.",
    "So T-DXd (Enhertu) has its own side effects. Nausea, tiredness, hair loss and low blood counts are common. The most serious risk is lung inflammation, called ILD or pneumonitis, which can be fatal. Tell your care team at once about any new cough, shortness of breath or fever.",
    "It is given differently too: as its own IV infusion every three weeks, with anti-nausea medicine before each dose.",
    "Next step: ask your team which side effects to watch for on T-DXd (Enhertu), and when to call.",
  },
  sources = { "dailymed-enhertu", "acs-targeted" },
  suggest = { "What are the side effects of Enhertu?", "Does Enhertu affect the lungs?", "How is Enhertu given?" },
}
-- Nothing says which drugs ("so they're basically the same?"): the comparison
-- card would be the Herceptin card alone, so a general answer instead.
local SAME_UNSURE = {
  text = {
    "Not always, so it is worth checking. Many HER2 drugs aim at the same target but are different drugs, each with its own side effects and schedule, and one is not swapped for another.",
    "Some are the same medicine in another form, such as a shot instead of an IV drip, or a biosimilar copy. Others, such as T-DXd (Enhertu) or T-DM1 (Kadcyla), have a chemo drug joined to the antibody.",
    "Next step: ask your team which drugs are in your plan, and how each one differs.",
  },
  sources = { "acs-targeted" },
  suggest = { "What is the difference between Enhertu and Herceptin?", "What is a biosimilar?", "Is Herceptin chemo?" },
}
local ENHERTU_SAID = { "enhertu", "t-dxd", "tdxd", "t dxd", "deruxtecan" }
local OTHER_ADC_SAID = { "kadcyla", "t-dm1", "tdm1", "t dm1", "emtansine" }
herald.on("misreading.same_drug", function(q)
  local text = q.text or q.message or ""
  if q:mentions(OTHER_ADC_SAID, text) then return herald.hand_over("drug.compare") end
  if q:mentions(ENHERTU_SAID, text) or q.context.drug == "t_dxd" or q.slots.drug == "t_dxd" then
    return ENHERTU_NOT_HERCEPTIN
  end
  if q:mentions({ "herceptin", "trastuzumab" }, text) and (q.slots.drug or q.context.drug) then
    return herald.hand_over("drug.compare")
  end
  return SAME_UNSURE
end)
