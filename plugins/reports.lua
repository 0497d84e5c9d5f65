-- Words on a pathology or scan report, and how the team reads results: node status,
-- stable disease, "no evidence of metastatic disease", the tumor board, mixed
-- (heterogeneous) HER2, staging scans in early cancer, how the team tells whether a
-- treatment is working, and HER2 and ER results read off the report (blind probe 16:
-- 3+ with no ISH, an amplified result worried about, CEP17, biopsy and surgery results
-- that differ, a new spot biopsied, HER2-0 asked about Enhertu, ER-low). Intents:
-- intents/reports.intents. General meanings only: the care team reads each person's report.
herald.about { title = "Reading reports and results", reviewed = "2026-12-07",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local NCI_DICT = "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/"
local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-stages", "Breast Cancer Stages", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/stages-of-breast-cancer.html")
src("nci-node-negative", "Definition of node-negative (NCI Dictionary of Cancer Terms)", NCI, NCI_DICT .. "node-negative")
src("nci-stable", "Definition of stable disease (NCI Dictionary of Cancer Terms)", NCI, NCI_DICT .. "stable-disease")
src("nci-tumor-board", "Definition of tumor board review (NCI Dictionary of Cancer Terms)", NCI, NCI_DICT .. "tumor-board-review")
src("nci-metastatic", "Metastatic Cancer: When Cancer Spreads", NCI, "https://www.cancer.gov/types/metastatic-cancer")
src("acs-imaging", "Imaging Tests to Look for Breast Cancer Spread", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/tests-to-find-out-if-breast-cancer-has-spread.html")
-- ASCO's Choosing Wisely list: no CT, PET or bone scan to stage DCIS or stage 1-2 breast
-- cancer without signs of spread (checked with search, 2026-12-06).
src("cancernet-imaging-early", "Choosing Wisely, Topic 3: Imaging Tests for Early-Stage Breast Cancer",
  "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/about-us/collaborations/top-five-list-oncology/choosing-wisely%C2%AE-top-five-cancer-related-tests-procedures-and-treatments-many-patients-do-not-need/topic-3-imaging-tests-early-stage-breast-cancer")
-- HER2-positive by IHC is strong, complete staining in more than 10% of the cancer cells.
src("asco-cap-her2", "HER2 Testing in Breast Cancer: ASCO/CAP Clinical Practice Guideline Focused Update (2018)",
  "Journal of Clinical Oncology", "https://ascopubs.org/doi/10.1200/JCO.2018.77.8738")
src("acs-her2", "Breast Cancer HER2 Status", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html")

herald.answer("reports.nodes", {
  text = {
    "Node-negative means no cancer was found in the lymph nodes that were checked, most often the ones under the arm. Node-positive means cancer was found in one or more of them.",
    "How many nodes hold cancer is part of the stage. A report may write N0 for none, and N1, N2 or N3 as more nodes are involved.",
    "Node status helps the team plan treatment, such as whether to add radiation or a second HER2 drug. Next step: ask your team how many nodes were checked and what your result means for your plan.",
  },
  sources = { "acs-stages", "nci-node-negative" },
  suggest = { "What are the stages of breast cancer?", "What is the treatment for a small node-negative tumor?", "What is a sentinel node biopsy?" },
})

herald.answer("reports.stable", {
  text = {
    "Stable disease means the cancer on your scans has not grown or shrunk much since the last ones, and no new spots were seen.",
    "In cancer that has spread, stable is usually a good result. It means the treatment is holding the cancer in check, and teams often keep the same treatment while scans stay stable.",
    "Next step: ask your team how these scans compare with the last ones, and when the next ones are due.",
  },
  sources = { "nci-stable", "nci-metastatic" },
  suggest = { "How do they know if treatment is working?", "What does no evidence of disease mean?", "How is metastatic HER2-positive breast cancer treated?" },
})

herald.answer("reports.no_spread", {
  text = {
    "This is good news. It means the scan found no sign that the cancer has spread to the parts of the body it looked at.",
    "Reports name what they looked for, so the word metastatic appears even when none was found.",
    "Scans cannot see single cancer cells, which is why treatment after surgery may still be advised. Next step: ask your team to go over the full report with you at your next visit.",
  },
  sources = { "acs-imaging", "nci-metastatic" },
  suggest = { "What does no evidence of disease mean?", "Why do I need treatment after surgery?", "What are the stages of breast cancer?" },
})

herald.answer("reports.tumor_board", {
  text = {
    "A tumor board is a meeting where cancer experts look at a person's case together. It often includes surgeons, cancer doctors, radiation doctors, a pathologist and a radiologist.",
    "They review your scans and biopsy results and agree on the treatment plan to offer you. This is a normal step for many people, and it does not mean something is wrong.",
    "Next step: ask your team what the tumor board advised, and why.",
  },
  sources = { "nci-tumor-board" },
  suggest = { "What questions should I ask my oncologist?", "Should I get a second opinion?", "How is early HER2-positive breast cancer treated?" },
})

herald.answer("reports.hetero", {
  text = {
    "Heterogeneous HER2 means the amount of HER2 is not the same all through the tumor. Some groups of cells have a lot, and others have little.",
    "The lab follows national rules for this. A cancer is called HER2-positive when more than 1 in 10 of its cells stain strongly, so a mixed tumor can still be HER2-positive and get HER2 drugs.",
    "Next step: ask your team how the mixed result was scored and how it shapes your treatment.",
  },
  sources = { "asco-cap-her2", "acs-her2" },
  suggest = { "How do they test for HER2?", "What does an IHC score of 2+ mean?", "Can my HER2 status change?" },
})

herald.answer("reports.staging_scans", {
  text = {
    "For stage 1 or 2 breast cancer with no signs of spread, scans of the whole body, such as CT, PET-CT or bone scans, are usually not needed.",
    "At these stages the chance of finding spread is very low. The scans often show harmless spots that lead to more tests, worry and radiation.",
    "They are used when the cancer is larger or in several lymph nodes, or when symptoms or blood tests hint at spread. Next step: ask your team whether anything about your case makes scans useful.",
  },
  sources = { "cancernet-imaging-early", "acs-imaging" },
  suggest = { "What are the stages of breast cancer?", "What does no evidence of disease mean?", "How is early HER2-positive breast cancer treated?" },
})

herald.answer("reports.is_working", {
  text = {
    "In cancer that has spread, the team repeats scans, such as CT or bone scans, every few months and compares them with the last ones. How you feel, your exam and blood tests add to the picture.",
    "Before surgery, the team checks whether the tumor is shrinking by exam or imaging, and surgery shows how much cancer is left.",
    "After surgery there is nothing left to measure, so the treatment is there to lower the chance of the cancer coming back. Next step: ask your team when your next check is, and what they will look for.",
  },
  sources = { "acs-imaging", "nci-metastatic" },
  suggest = { "What does stable disease mean?", "What happens if treatment stops working?", "What is a pathologic complete response?" },
})

-- Surgical margins (Komen, Assessing Margins after Breast Surgery; Breastcancer.org,
-- Surgical Margins; checked with search 2026-12-07): clear means no cancer cells at
-- the edge of what was removed and usually no more surgery; positive or close may
-- mean more surgery. Clear margins say nothing of cells elsewhere, so treatment
-- after surgery is planned from the whole report.
src("komen-margins", "Assessing Margins after Breast Surgery", "Susan G. Komen",
  "https://www.komen.org/breast-cancer/diagnosis/biopsies/assessing-margins/")
src("bco-margins", "Breast Cancer Surgical Margins", "Breastcancer.org",
  "https://www.breastcancer.org/pathology-report/breast-cancer-surgical-margins")
herald.answer("reports.margins", {
  text = {
    "The margin is the rim of normal tissue the surgeon takes out around the cancer. A pathologist checks its outer edge for cancer cells.",
    "Clear, also called negative or clean, means no cancer cells were found at the edge. Usually no more surgery is needed. Positive means cancer cells reach the edge, and more surgery is often advised. Close is in between.",
    "Clear margins are good news about the surgery. They do not show whether cells are elsewhere in the body, so treatment after surgery, such as HER2 drugs, radiation or hormone therapy, is often still planned.",
    "Next step: ask your surgeon how wide your margins were and what comes next.",
  },
  sources = { "komen-margins", "bco-margins" },
  suggest = { "Why do I need radiation after a lumpectomy?", "How long is Herceptin given after surgery?", "What does node negative mean?" },
})

-- --- HER2 results read from the report (blind probe 16, 2026-12-07) -----------------
-- ASCO/CAP 2018 (checked with search 2026-12-07): IHC 3+ is HER2-positive; 2+ is
-- equivocal and goes on to ISH (reflex testing); dual-probe ISH counts HER2 signals and
-- CEP17 (chromosome 17) signals: ratio 2.0 or more with 4 or more copies is positive,
-- under 2.0 with under 4 negative, the groups between are settled with the IHC.
-- A new HER2 test may (not must) be ordered on the excision when the core was negative.
src("asco-cap-er", "Estrogen and Progesterone Receptor Testing in Breast Cancer: ASCO/CAP Guideline Update (2020)",
  "Journal of Clinical Oncology", "https://ascopubs.org/doi/10.1200/JCO.19.02309")
src("ca-er-low", "Adjuvant endocrine therapy: Indications #1 (Guidance for the management of early breast cancer)",
  "Cancer Australia", "https://guidancebreastcancer.gov.au/treatment-systemic-therapy/endocrine-therapy/adjuvant-endocrine-therapy-indications-1")
src("esmo-er-low", "The prognostic and predictive impact of low estrogen receptor expression in early breast cancer (ESMO Open, 2021)",
  "ESMO Open", "https://pmc.ncbi.nlm.nih.gov/articles/PMC8531568")
src("cap-her2-2018", "HER2 Testing in Breast Cancer: 2018 Focused Update (summary)", "College of American Pathologists",
  "https://www.cap.org/protocols-and-guidelines/cap-guidelines/current-cap-guidelines/recommendations-for-human-epidermal-growth-factor-2-testing-in-breast-cancer")
-- Core biopsy and surgical specimen disagree on HER2 in a share of cases, more often
-- after treatment before surgery (J Cancer 2021;12:4722, found with search 2026-12-07).
src("jc-her2-discord", "Discrepancies in HER2 between core needle biopsy and surgical specimen (J Cancer, 2021)",
  "Journal of Cancer", "https://www.jcancer.org/v12p4722.htm")

herald.answer("reports.ihc3_no_ish", {
  text = {
    "Nothing was left out. An IHC score of 3+ means the cancer cells are thickly coated with HER2 protein, and that result alone makes the cancer HER2-positive.",
    "The ISH test, such as FISH, counts copies of the HER2 gene. It is the follow-up test for an unclear IHC score of 2+, so many reports with a 3+ have no ISH result at all.",
    "Some labs run both tests anyway, and either one can show HER2-positive. Next step: ask your team to confirm your final HER2 result and which HER2 drugs are planned.",
  },
  sources = { "asco-cap-her2", "acs-her2" },
  suggest = { "What does HER2-positive mean?", "What does an IHC score of 2+ mean?", "How is early HER2-positive breast cancer treated?" },
})

local AMPLIFIED_WORRY = herald.fixed({
  text = {
    "Amplified means the cancer cells carry extra copies of the HER2 gene, so the cancer is HER2-positive.",
    "That can sound frightening, but it also gives your team a target. HER2 drugs, such as trastuzumab (Herceptin), are made to attack it, and they work well.",
    "Above the cut-off, a higher ratio or more copies does not change the plan. The lab uses the numbers to sort a result into positive or negative, not to grade how serious the cancer is. The stage, which counts the size of the tumor and any spread to lymph nodes or other organs, says much more about what to expect.",
    "Next step: ask your team what stage your cancer is and what your treatment plan will be.",
  },
  sources = { "asco-cap-her2", "acs-her2", "acs-stages" },
  suggest = { "What are the stages of breast cancer?", "How is early HER2-positive breast cancer treated?", "What is CEP17 on a FISH report?" },
})
-- Only a worry about the result gets this card; a ratio or copy count read out with
-- no worry ("ratio of 2.6, positive or not?") is the test card, which reads the numbers.
local WORRY_SAID = { "bad", "worse", "worst", "serious", "aggressive", "dangerous", "scar", "terrible", "deadly", "fatal",
  "poor", "prognosis", "outlook", "survival", "risk", "faster", "worr", "concern", "matter", "mean for me", "good news",
  "afraid", "frighten", "better" }
herald.on("reports.amplified_worry", function(q)
  if q:mentions(WORRY_SAID) then return AMPLIFIED_WORRY end
  return herald.hand_over("testing.test_about")
end)

herald.answer("reports.cep17", {
  text = {
    "CEP17 is a marker used in an ISH test, such as FISH. It lights up the center of chromosome 17, the chromosome that carries the HER2 gene.",
    "The lab counts HER2 signals and CEP17 signals in the same cells. The ratio of HER2 to CEP17 compares the two, so a cell that just has extra copies of the whole chromosome is not mistaken for one with extra HER2 genes.",
    "A ratio of 2.0 or more, with 4 or more HER2 copies per cell, means HER2-positive. A ratio under 2.0 with fewer than 4 copies means HER2-negative. The mixes in between are settled with the IHC score.",
    "Next step: ask your team for your final HER2 result, which puts both tests together.",
  },
  sources = { "asco-cap-her2", "cap-her2-2018", "acs-her2" },
  suggest = { "What is a FISH test?", "What does amplified mean?", "What does HER2-positive mean?" },
})

local DISCORDANT_SAMPLES = herald.fixed({
  text = {
    "Two HER2 tests on the same cancer do not always agree, and it usually does not mean someone made a mistake.",
    "A tumor can be mixed, with more HER2 in some parts than in others, and a needle biopsy takes only a few thin samples. Drugs given before surgery can lower HER2 in the cells that are left. How the tissue was handled and scored can also tip a borderline result.",
    "Your pathologist and your team look at both results together and may test the sample again. When HER2 drugs were given before surgery, the plan after surgery is still based on the first, positive biopsy.",
    "Next step: ask your team which result they are going by, and why.",
  },
  sources = { "asco-cap-her2", "cap-her2-2018", "jc-her2-discord" },
  suggest = { "What does heterogeneous HER2 mean?", "Can my HER2 status change?", "What if there is cancer left after surgery?" },
})
-- A wrong treatment feared ("did they give me the wrong chemo?"): the testing plugin's
-- card on a changed result feared as an error.
local WRONG_FEARED = { "wrong chemo", "wrong drug", "wrong treatment", "wrong medicine", "wrong meds", "misdiagnos",
  "malpractice", "lawsuit", "given the wrong", "give me the wrong" }
herald.on("reports.discordant", function(q)
  if q:mentions(WRONG_FEARED) then return herald.hand_over("testing.status_change") end
  return DISCORDANT_SAMPLES
end)

-- HER2-0 and Enhertu: the testing plugin's card, which names the three approved groups.
herald.on("reports.her2_zero_tdxd", function() return herald.hand_over("testing.zero_tdxd") end)

herald.answer("reports.er_low", {
  text = {
    "ER-low means only 1 to 10 in every 100 cancer cells showed estrogen receptors. Labs count it as ER-positive. They give it its own name because it often acts differently.",
    "Hormone pills, such as tamoxifen, work by blocking estrogen. With so few receptors, there is little research on how much they help. These cancers often act more like ER-negative ones.",
    "Guidelines ask the team to talk through the likely gain and the side effects with you. Hormone pills can still be offered. In HER2-positive cancer, HER2 drugs and chemo stay the main treatment.",
    "Next step: ask your team what hormone pills would add in your case.",
  },
  sources = { "asco-cap-er", "ca-er-low", "esmo-er-low" },
  suggest = { "Do I need hormone therapy?", "What does hormone receptor-positive mean?", "What is triple-positive breast cancer?" },
})

-- A new spot of spread biopsied (blind probe 16): the status-change card says why
-- (HER2 and hormone receptors can change; ASCO/CAP: test a metastatic site when tissue
-- can be had).
herald.on("reports.rebiopsy", function() return herald.hand_over("testing.status_change") end)
