-- The drugs of HER2-positive breast cancer care, one entry per drug, and the
-- named regimens. Every drug.* and regimen.* intent is answered from DRUGS and
-- REGIMENS. Facts come from the US labels (DailyMed, Drugs@FDA), FDA approval
-- notices, the trial records on ClinicalTrials.gov, the American Cancer
-- Society, the National Cancer Institute, Cancer.Net and the NCCN patient guides.
--
-- Composition is safe by construction: every sentence that states a fact about
-- a drug lives in that drug's own entry and names it; the shared sentences
-- (GENERAL, NEXT) name no drug at all. Nothing is ever built by putting a drug's
-- name into a sentence written for another (`herald review --check` fails if a
-- drug's answer names another drug it does not relate to, or shares a figure).
herald.about {
  title = "HER2, chemotherapy and hormone drugs",
  reviewed = "2026-12-06",
  reviewed_by = "herald content team, from FDA labels and approval notices (awaiting clinician sign-off)",
}

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

-- Labels and FDA notices are shared with the other plugins (lua/herald.lua),
-- so a drug's label is cited by the same title and address everywhere.
for _, id in ipairs({
  "label-trastuzumab", "label-hylecta", "label-pertuzumab", "label-phesgo", "label-tdm1", "label-tdxd",
  "label-tucatinib", "label-lapatinib", "label-neratinib", "label-margetuximab", "label-capecitabine",
  "label-paclitaxel", "label-docetaxel", "label-carboplatin", "label-doxorubicin", "label-epirubicin",
  "label-cyclophosphamide", "label-tamoxifen", "label-letrozole", "label-anastrozole", "label-exemestane",
  "label-goserelin", "label-zoledronic", "label-xgeva", "label-prolia",
  "fda-tdxd-early", "fda-tdxd-ultralow", "fda-tdxd-db09", "fda-dpd", "fda-biosimilars", "accc-poherdy",
}) do herald.source(id) end

-- Trial records on ClinicalTrials.gov.
src("ct-db05", "DESTINY-Breast05 (NCT04622319)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT04622319")
src("ct-db11", "DESTINY-Breast11 (NCT05113251)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT05113251")
src("ct-db09", "DESTINY-Breast09 (NCT04784715)", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT04784715")
src("lactmed-tamoxifen", "Tamoxifen, Drugs and Lactation Database (LactMed)", "US National Library of Medicine",
  "https://www.ncbi.nlm.nih.gov/books/NBK501106/")
src("seed-her2", "Understanding HER2 positive Breast Cancer and its Treatment", "patient-education article (herald seed 003)")

-- Plain-language overviews.
local ACS_TX = "https://www.cancer.org/cancer/types/breast-cancer/treatment/"
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", "American Cancer Society", ACS_TX .. "targeted-therapy-for-breast-cancer.html")
src("acs-chemo", "Chemotherapy for Breast Cancer", "American Cancer Society", ACS_TX .. "chemotherapy-for-breast-cancer.html")
src("acs-hormone", "Hormone Therapy for Breast Cancer", "American Cancer Society", ACS_TX .. "hormone-therapy-for-breast-cancer.html")
src("acs-bone", "Bone-Directed Therapy for Breast Cancer", "American Cancer Society", ACS_TX .. "bone-directed-therapy-for-breast-cancer.html")
src("nci-pdq", "Breast Cancer Treatment (PDQ), Patient Version", "National Cancer Institute", "https://www.cancer.gov/types/breast/patient/breast-treatment-pdq")
src("cancernet-early", "Breast Cancer: Types of Treatment", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/cancer-types/breast-cancer/types-treatment")
src("cancernet-mbc", "Breast Cancer, Metastatic: Types of Treatment", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/cancer-types/breast-cancer-metastatic/types-treatment")
src("nccn-invasive", "NCCN Guidelines for Patients: Invasive Breast Cancer", "National Comprehensive Cancer Network",
  "https://www.nccn.org/patients/guidelines/content/PDF/breast-invasive-patient.pdf")
src("nccn-metastatic", "NCCN Guidelines for Patients: Metastatic Breast Cancer", "National Comprehensive Cancer Network",
  "https://www.nccn.org/patients/guidelines/content/PDF/stage_iv_breast-patient.pdf")
src("nci-pregnancy", "Fertility Issues in Girls and Women with Cancer", "National Cancer Institute",
  "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-women")

local function cap(s) return s:sub(1, 1):upper() .. s:sub(2) end

-- Sentences that name no drug, shared by every drug's answers.
local HEART_CALL = "Call your care team if you get short of breath, swollen ankles, fast weight gain or a racing heartbeat."
local HEART_SCANS = "You get a heart scan, an echo or MUGA, before you start and about every three months."
local FEVER_CALL = "Call your care team at once for a fever of 100.4 F (38 C) or higher, or chills."
local AS_LONG = "It stops if the cancer grows or the side effects get too hard."

-- kind: antibody, adc (antibody-drug conjugate), tki (HER2 pill), chemo, hormone, bone.
-- dose_by: weight, fixed_shot, fixed_iv, pill, bsa (body surface area), kidney, shot.
local DRUGS = {}

DRUGS.trastuzumab = {
  name = "trastuzumab (Herceptin)", short = "Herceptin", kind = "antibody", dose_by = "weight",
  what = {
    "Trastuzumab (Herceptin) is a targeted drug called a monoclonal antibody.",
    "It locks onto the HER2 protein on cancer cells and blocks their growth signals. It also helps your immune system find those cells.",
    "Trastuzumab was the first HER2 drug, approved in 1998. It is not chemo.",
    "Near copies of it, called biosimilars, work the same way. They include Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi.",
  },
  used_for = {
    "Trastuzumab (Herceptin) is used for HER2-positive invasive breast cancer, both early cancer and cancer that has spread.",
    "In early cancer, trastuzumab is given with chemo before or after surgery. It is not a usual treatment for DCIS, the non-invasive kind.",
    "When the cancer has spread, trastuzumab is often part of THP, with pertuzumab (Perjeta) and a taxane.",
    "It is not used for HER2-negative or HER2-low cancer. Your care team decides where it fits.",
  },
  given = {
    "Trastuzumab (Herceptin) is usually given as an IV infusion into a vein.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "It is often given every three weeks, or once a week with some chemo.",
    "Herceptin Hylecta is trastuzumab as a shot under the skin. A nurse gives both forms.",
  },
  duration = {
    "For early breast cancer, trastuzumab (Herceptin) is usually given for about a year (12 months) in total.",
    "That is often one dose every three weeks, about 17 or 18 doses in all, counting the ones given with chemo.",
    "For cancer that has spread, it is kept going as long as it works and side effects are okay.",
    "Your care team sets your own plan.",
  },
  side_effects = {
    "Trastuzumab (Herceptin) is usually easier than chemo.",
    "Chills, fever or a headache can happen during the first infusion. Tiredness and diarrhea can also happen.",
    "The key risk of trastuzumab is to the heart. It can weaken the heart's pumping.",
    HEART_SCANS,
    HEART_CALL,
  },
  chemo = {
    "No. Trastuzumab (Herceptin) is not chemotherapy.",
    "It is a targeted antibody that locks onto the HER2 protein.",
    "It is often given with chemo, so people mix them up.",
    "Hair loss and most nausea come from the chemo, not from trastuzumab.",
  },
  warnings = {
    "The US label for trastuzumab (Herceptin) has a boxed warning, its strongest kind, for four risks: a weaker heart, serious infusion reactions, lung damage, and harm to an unborn baby.",
    "Your heart is checked with a scan before, during and after treatment. Lung damage is rare, but it can be serious.",
    "Call your care team for shortness of breath, swollen ankles, a new cough, or if you might be pregnant.",
  },
  dose = {
    "Trastuzumab (Herceptin) by IV is dosed by weight. The first dose is bigger, then a smaller dose follows every week or every three weeks.",
  },
  pregnancy = {
    "Trastuzumab (Herceptin) can harm an unborn baby, mainly by lowering the fluid around it.",
    "The label says to avoid pregnancy during treatment and for 7 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised during trastuzumab (Herceptin) treatment.",
    "Trastuzumab takes about 7 months to leave the body, so your team weighs that time before you start again.",
  },
  her2_low = {
    "No. Trastuzumab (Herceptin) is for HER2-positive cancer. HER2-low counts as HER2-negative, so trastuzumab is not used for it.",
    "T-DXd (Enhertu) is a different drug: trastuzumab joined to a strong chemo, which can work on cells with only a little HER2.",
    "For HER2-low cancer that has spread, the HER2 drug its label allows is T-DXd (Enhertu), usually after other treatment.",
    "Next step: ask your care team which treatments fit HER2-low cancer, and whether T-DXd (Enhertu) could be one of them later.",
  },
  sources = { "label-trastuzumab", "acs-targeted" },
  extra = { her2_low = { "label-tdxd" } },
}

DRUGS.herceptin_hylecta = {
  name = "trastuzumab and hyaluronidase (Herceptin Hylecta)", short = "Herceptin Hylecta", kind = "antibody", dose_by = "fixed_shot",
  what = {
    "Herceptin Hylecta is trastuzumab given as a shot under the skin instead of an IV.",
    "Herceptin Hylecta has the same antibody as Herceptin, mixed with an enzyme called hyaluronidase.",
    "The enzyme helps the drug spread under the skin.",
    "It works the same way, for the same HER2-positive cancers.",
  },
  used_for = {
    "Herceptin Hylecta is used where IV trastuzumab would be used for HER2-positive breast cancer.",
    "That includes early cancer, with chemo, and cancer that has spread.",
    "It is not used for HER2-low cancer. Ask your team if the shot is an option for you.",
  },
  given = {
    "Herceptin Hylecta is a shot under the skin of the thigh.",
    "It takes about 2 to 5 minutes, usually every three weeks.",
    "A nurse or other health professional gives it. It is not a shot you give yourself.",
    "You are watched for a short time after, in case of a reaction.",
  },
  duration = {
    "For early breast cancer, Herceptin Hylecta is usually given for about a year (12 months) in total.",
    "That is one shot every three weeks.",
    "For cancer that has spread, it can go on as long as it works.",
    "Your care team sets your own plan.",
  },
  side_effects = {
    "Herceptin Hylecta has the same main side effects as IV trastuzumab.",
    "The shot spot can be red, sore or itchy for a short time.",
    "It can affect the heart. " .. HEART_SCANS,
    HEART_CALL,
  },
  chemo = {
    "No. Herceptin Hylecta is not chemo.",
    "Herceptin Hylecta is the antibody trastuzumab, given as a shot.",
    "Hair loss and most nausea come from chemo given with it.",
  },
  warnings = {
    "The label for Herceptin Hylecta has a boxed warning for a weaker heart, lung damage, and harm to an unborn baby. Herceptin Hylecta has the same risks as IV trastuzumab.",
    "Heart scans are done before and during treatment. Reactions can happen at the shot spot or in the whole body.",
    "Call your care team for shortness of breath, swelling, a new cough, or if you might be pregnant.",
  },
  dose = {
    "Herceptin Hylecta is a set dose, the same for everyone. It is not worked out from your weight.",
  },
  pregnancy = {
    "Herceptin Hylecta can harm an unborn baby, like IV trastuzumab.",
    "Pregnancy should be avoided during treatment and for 7 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised during Herceptin Hylecta treatment.",
    "The trastuzumab in Herceptin Hylecta takes about 7 months to clear, so ask your team when it would be safe.",
  },
  her2_low = {
    "No. Herceptin Hylecta is trastuzumab as a shot, and it is for HER2-positive cancer. HER2-low counts as HER2-negative, so it is not used for it.",
    "T-DXd (Enhertu) is a different drug: trastuzumab joined to a strong chemo, which can work on cells with only a little HER2.",
    "For HER2-low cancer that has spread, the HER2 drug its label allows is T-DXd (Enhertu), usually after other treatment.",
    "Next step: ask your care team which treatments fit HER2-low cancer, and whether T-DXd (Enhertu) could be one of them later.",
  },
  sources = { "label-hylecta", "acs-targeted" },
  extra = { her2_low = { "label-tdxd" } },
}

DRUGS.pertuzumab = {
  name = "pertuzumab (Perjeta)", short = "Perjeta", kind = "antibody", dose_by = "fixed_iv",
  what = {
    "Pertuzumab (Perjeta) is an antibody that targets HER2.",
    "It grabs a different part of HER2 than trastuzumab does. Using both drugs blocks HER2 more fully.",
    "Pertuzumab is given with trastuzumab (Herceptin), and often with chemo.",
    "A near copy of pertuzumab, called Poherdy, was approved in the US in 2025.",
  },
  used_for = {
    "Pertuzumab (Perjeta) is used with trastuzumab for HER2-positive breast cancer.",
    "Before surgery, it helps shrink larger cancers, or cancers in the lymph nodes. After surgery, it may be added when the risk of return is higher.",
    "For cancer that has spread, pertuzumab is part of THP. Pertuzumab can also be given with T-DXd (Enhertu) as a first treatment.",
  },
  given = {
    "Pertuzumab (Perjeta) is given as an IV infusion every three weeks.",
    "The first dose takes about an hour. Later doses take 30 to 60 minutes.",
    "Pertuzumab is given on the same day as trastuzumab.",
    "Phesgo puts pertuzumab and trastuzumab in one shot under the skin. Ask if that suits you.",
  },
  duration = {
    "In early breast cancer, pertuzumab (Perjeta) is usually given for up to a year, with trastuzumab.",
    "In cancer that has spread, it often keeps going with trastuzumab after chemo stops.",
    "It goes on as long as it works and side effects are okay. Your care team sets your plan.",
  },
  side_effects = {
    "Diarrhea is the most common side effect of pertuzumab (Perjeta).",
    "Rash, tiredness and nausea can also happen. Hair loss and low blood counts mostly come from the chemo given with it.",
    "With trastuzumab, pertuzumab can affect the heart, so you get heart scans (echo or MUGA).",
    "Call your care team if diarrhea lasts more than a day, or if you get short of breath or swollen ankles.",
  },
  chemo = {
    "No. Pertuzumab (Perjeta) is not chemotherapy.",
    "It is a targeted antibody that blocks HER2.",
    "It is often given with chemo, which causes most hair loss and nausea.",
  },
  warnings = {
    "The label for pertuzumab (Perjeta) has a boxed warning for a weaker heart and for harm to an unborn baby.",
    "It can also cause infusion and allergic reactions, so you are watched during and after each dose.",
    "Call your care team for shortness of breath, swollen ankles, fast weight gain, or if you might be pregnant.",
  },
  dose = {
    "Pertuzumab (Perjeta) is a set dose, not worked out from weight. The first dose is bigger, then a smaller dose follows every three weeks.",
  },
  pregnancy = {
    "Pertuzumab (Perjeta) can harm an unborn baby.",
    "When pertuzumab is given with trastuzumab, pregnancy should be avoided during treatment and for 7 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while you get pertuzumab (Perjeta).",
    "Pertuzumab and trastuzumab stay in the body for months, so your team weighs about 7 months after the last dose.",
  },
  her2_low = {
    "No. Pertuzumab (Perjeta) is for HER2-positive cancer, given with trastuzumab. HER2-low counts as HER2-negative, so pertuzumab is not used for it.",
    "For HER2-low cancer that has spread, the HER2 drug its label allows is T-DXd (Enhertu), usually after other treatment.",
    "Next step: ask your care team which treatments fit HER2-low cancer, and whether T-DXd (Enhertu) could be one of them later.",
  },
  sources = { "label-pertuzumab", "acs-targeted" },
  extra = { her2_low = { "label-tdxd" } },
}

DRUGS.phesgo = {
  name = "Phesgo (pertuzumab, trastuzumab and hyaluronidase)", short = "Phesgo", kind = "antibody", dose_by = "fixed_shot",
  what = {
    "Phesgo puts pertuzumab (Perjeta) and trastuzumab (Herceptin) into one shot under the skin.",
    "Phesgo also has hyaluronidase, an enzyme that helps the drugs spread under the skin.",
    "It works the same way as the two IV drugs. It is a targeted therapy, not chemo.",
  },
  used_for = {
    "Phesgo is used for HER2-positive breast cancer, in the same places as pertuzumab plus trastuzumab.",
    "That includes early cancer, before or after surgery, and cancer that has spread.",
    "It is often given with chemo at first. Ask your team if it is an option for you.",
  },
  given = {
    "Phesgo is a shot under the skin of the thigh. A nurse or other health professional gives it.",
    "It is not self-injected at home by the patient.",
    "The first dose takes about 8 minutes. Later doses take about 5 minutes, every three weeks.",
    "You are watched for about 30 minutes after the first dose and 15 minutes after later ones, in case of a reaction. That is still much faster than two IV infusions.",
  },
  duration = {
    "In early breast cancer, Phesgo is usually given for up to about a year in total.",
    "In cancer that has spread, it can go on as long as it works.",
    "Your care team sets your own plan.",
  },
  side_effects = {
    "Phesgo has the same main side effects as pertuzumab and trastuzumab.",
    "Diarrhea is common, and the shot spot can be red or sore.",
    "It can affect the heart, so you get heart scans (echo or MUGA) before and during treatment.",
    "Call your care team for diarrhea that won't stop, shortness of breath or swollen ankles.",
  },
  chemo = {
    "No. Phesgo is not chemo.",
    "Phesgo holds two antibodies, pertuzumab and trastuzumab.",
    "Chemo is often given with it, and causes most hair loss.",
  },
  warnings = {
    "The label for Phesgo has a boxed warning for a weaker heart, harm to an unborn baby, and lung damage.",
    "Allergic and shot-spot reactions can happen, so you are watched after each dose. Heart scans are done before and during treatment.",
    "Call your care team for shortness of breath, swelling, a new cough, or if you might be pregnant.",
  },
  dose = {
    "Phesgo is a set dose, the same for everyone. The first shot is bigger, then a smaller shot follows every three weeks.",
  },
  pregnancy = {
    "Phesgo can harm an unborn baby.",
    "Pregnancy should be avoided during Phesgo treatment and for 7 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised during Phesgo treatment.",
    "The drugs in Phesgo take about 7 months to clear, so ask your team when it would be safe.",
  },
  her2_low = {
    "No. Phesgo holds pertuzumab and trastuzumab, and it is for HER2-positive cancer. HER2-low counts as HER2-negative, so Phesgo is not used for it.",
    "For HER2-low cancer that has spread, the HER2 drug its label allows is T-DXd (Enhertu), usually after other treatment.",
    "Next step: ask your care team which treatments fit HER2-low cancer, and whether T-DXd (Enhertu) could be one of them later.",
  },
  sources = { "label-phesgo", "acs-targeted" },
  extra = { her2_low = { "label-tdxd" } },
}

DRUGS.t_dm1 = {
  name = "T-DM1 (Kadcyla)", short = "Kadcyla", kind = "adc", dose_by = "weight",
  what = {
    "T-DM1 (Kadcyla) joins a HER2 antibody to a chemo drug. Its full name is ado-trastuzumab emtansine.",
    "The antibody part finds HER2-positive cells. It brings the chemo part, emtansine, right to them.",
    "T-DM1 (Kadcyla) is a different drug from Herceptin and from Enhertu (T-DXd).",
  },
  used_for = {
    "T-DM1 (Kadcyla) is used after surgery when some cancer is left after treatment given before surgery. This is called residual disease. In the KATHERINE trial, 14 doses, one every three weeks, cut the risk of the cancer coming back by about half.",
    "In May 2026, the FDA also approved T-DXd (Enhertu) for residual disease, after the DESTINY-Breast05 trial found it worked better than T-DM1 (Kadcyla) for people at higher risk. Your team weighs the two.",
    "T-DM1 (Kadcyla) is also used when cancer has spread, often after T-DXd (Enhertu).",
  },
  given = {
    "T-DM1 (Kadcyla) is given as an IV infusion every three weeks.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "You are watched for at least 90 minutes after the first dose and at least 30 minutes after later ones, in case of a reaction.",
  },
  duration = {
    "After surgery, T-DM1 (Kadcyla) is usually given every three weeks for 14 doses, about ten months. This is the plan from the KATHERINE trial, for cancer still found at surgery.",
    "For metastatic cancer, it goes on as long as it works. " .. AS_LONG,
    "Your care team sets your plan.",
  },
  side_effects = {
    "Common side effects of T-DM1 (Kadcyla) are tiredness, nausea, headache and muscle aches.",
    "It can lower platelets, so you may bruise or bleed more easily. It can also affect the liver and the nerves.",
    "You will have blood tests for the liver and platelets, and heart scans.",
    "Call your care team for unusual bleeding, yellow skin or eyes, dark urine, or shortness of breath.",
  },
  chemo = {
    "Partly. T-DM1 (Kadcyla) is an antibody with a chemo drug attached.",
    "The antibody carries the chemo mainly to HER2-positive cells.",
    "So its side effects are often milder than standard chemo. T-DM1 (Kadcyla) is not the same as Herceptin.",
  },
  warnings = {
    "The label for T-DM1 (Kadcyla) has boxed warnings for liver damage, a weaker heart, and harm to an unborn baby. T-DM1 (Kadcyla) must not be swapped with trastuzumab.",
    "It can also lower platelets, cause bleeding, harm nerves, and, rarely, inflame the lungs. You get liver tests before each dose, and heart scans.",
    "Call your care team for yellow skin or eyes, dark urine, unusual bleeding or bruising, shortness of breath, or a new cough.",
  },
  dose = {
    "T-DM1 (Kadcyla) is dosed by weight, every three weeks. It may be lowered if liver tests, platelets or nerve problems call for it.",
  },
  pregnancy = {
    "T-DM1 (Kadcyla) can harm an unborn baby.",
    "Women should avoid pregnancy during treatment and for 7 months after the last dose. Men with a partner who could get pregnant should use birth control for 4 months after.",
  },
  breastfeeding = {
    "Do not breastfeed during T-DM1 (Kadcyla) treatment, or for 7 months after the last dose.",
  },
  sources = { "label-tdm1", "acs-targeted" },
  extra = { used_for = { "fda-tdxd-early" } },
}

DRUGS.t_dxd = {
  name = "T-DXd (Enhertu)", short = "Enhertu", kind = "adc", dose_by = "weight",
  what = {
    "T-DXd (Enhertu) is an antibody-drug conjugate. Its full name is fam-trastuzumab deruxtecan.",
    "It joins a HER2 antibody to a strong chemo drug called deruxtecan.",
    "It carries the chemo to HER2 cells, and it can also reach cancer cells nearby.",
    "T-DXd (Enhertu) is a different drug from Herceptin and from Kadcyla (T-DM1).",
  },
  used_for = {
    "T-DXd (Enhertu) is used for HER2-positive cancer that has spread. T-DXd (Enhertu) can be the first treatment, with pertuzumab (Perjeta). Or it can come after THP: T-DXd (Enhertu) worked better than T-DM1 (Kadcyla) in the DESTINY-Breast03 trial. It is also used after Kadcyla.",
    "Since May 2026, the FDA has also approved T-DXd (Enhertu) for early cancer: before surgery for stage 2 or 3 cancer, followed by THP, and after surgery when some cancer is left.",
    "T-DXd (Enhertu) can also help HER2-low cancer that has spread. For HER2-ultralow, the cancer must also feed on hormones and have grown on hormone therapy.",
  },
  given = {
    "T-DXd (Enhertu) is given as an IV infusion every three weeks.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "You get anti-nausea medicine before each dose.",
  },
  duration = {
    "For cancer that has spread, T-DXd (Enhertu) is given as long as it keeps the cancer under control. " .. AS_LONG,
    "In early cancer, it is given for a set number of doses, before or after surgery.",
    "Your care team checks your scans and how you feel to decide.",
  },
  side_effects = {
    "Nausea, tiredness and hair loss are common with T-DXd (Enhertu). Low blood counts can also happen.",
    "The most serious risk is lung inflammation, called ILD or pneumonitis. It has a boxed warning because it can be fatal.",
    "Tell your care team at once about any new cough, shortness of breath or fever.",
    "Your team also checks your heart and may do lung scans.",
  },
  chemo = {
    "Partly. T-DXd (Enhertu) is an antibody with a chemo drug attached, called an antibody-drug conjugate.",
    "The antibody carries the chemo to HER2 cells.",
    "So it can cause chemo-like side effects: nausea, tiredness, low blood counts and hair loss or thinning.",
    "It can also inflame the lungs. Tell your care team at once about a new cough or shortness of breath.",
    "T-DXd (Enhertu) is not the same drug as Herceptin or Kadcyla.",
  },
  warnings = {
    "The label for T-DXd (Enhertu) has two boxed warnings: lung inflammation (ILD), which can be fatal, and harm to an unborn baby.",
    "It can also lower white blood cells, and it can weaken the heart, so you get blood tests and heart scans.",
    "Tell your care team at once about a new or worse cough, shortness of breath or fever, even if it seems mild.",
  },
  dose = {
    "T-DXd (Enhertu) is dosed by weight, every three weeks. The dose may be lowered or paused for side effects, such as lung or blood count problems.",
  },
  pregnancy = {
    "T-DXd (Enhertu) can harm an unborn baby.",
    "Women should avoid pregnancy during treatment and for 7 months after the last dose. Men with a partner who could get pregnant should use birth control for 4 months after.",
  },
  breastfeeding = {
    "Do not breastfeed during T-DXd (Enhertu) treatment, or for 7 months after the last dose.",
  },
  sources = { "label-tdxd", "acs-targeted" },
  extra = {
    about = { "fda-tdxd-early", "fda-tdxd-db09", "fda-tdxd-ultralow" },
    used_for = { "fda-tdxd-early", "fda-tdxd-db09", "fda-tdxd-ultralow" },
    duration = { "fda-tdxd-early" },
  },
}

DRUGS.tucatinib = {
  name = "tucatinib (Tukysa)", short = "Tukysa", kind = "tki", dose_by = "pill",
  what = {
    "Tucatinib (Tukysa) is a targeted pill. It is a kind of drug called a kinase inhibitor.",
    "It blocks HER2 signals from inside the cancer cell.",
    "Tucatinib (Tukysa) is taken with trastuzumab and capecitabine (Xeloda). This is the HER2CLIMB regimen.",
    "It can reach cancer in the brain.",
  },
  used_for = {
    "Tucatinib (Tukysa) is used for HER2-positive breast cancer that has spread.",
    "Tucatinib is taken with trastuzumab and capecitabine (Xeloda), after at least one earlier HER2 treatment.",
    "It is a strong choice when cancer has spread to the brain.",
    "Your care team decides when it fits.",
  },
  given = {
    "Tucatinib (Tukysa) is a pill you take by mouth twice a day at home, about 12 hours apart. You can take it with or without food.",
    "Tucatinib is taken with capecitabine (Xeloda), also a pill, often for two weeks, then one week off.",
    "Trastuzumab, the third drug with tucatinib, is given by IV or as a shot every three weeks.",
  },
  duration = {
    "Tucatinib (Tukysa) is taken as long as it keeps the cancer under control.",
    AS_LONG,
    "Your care team checks your scans to decide.",
  },
  side_effects = {
    "Diarrhea is the most common side effect of tucatinib (Tukysa).",
    "Hand-foot syndrome is common too, but it mostly comes from the capecitabine taken with tucatinib.",
    "It can affect the liver, so you will have regular blood tests.",
    "Call your care team for severe diarrhea, yellow skin or eyes, dark urine, or pain in the right side of your belly.",
  },
  chemo = {
    "No. Tucatinib (Tukysa) is not chemo.",
    "It is a targeted pill that blocks HER2 inside the cell.",
    "Capecitabine, the pill taken with tucatinib, is chemo.",
  },
  warnings = {
    "Tucatinib (Tukysa) has no boxed warning. Its label warns of severe diarrhea, which can lead to dehydration and kidney problems, and of liver damage.",
    "Liver blood tests are done before you start and every three weeks. Tucatinib mixes badly with many other medicines, and it can harm an unborn baby.",
    "Call your care team for diarrhea that does not settle, yellow skin or eyes, or dark urine.",
  },
  dose = {
    "Tucatinib (Tukysa) is a set number of tablets twice a day. Your team may lower it for side effects, liver problems, or other medicines that interact.",
  },
  pregnancy = {
    "Tucatinib (Tukysa) can harm an unborn baby.",
    "Women, and men with a partner who could get pregnant, should use birth control during treatment and for 1 week after the last dose.",
  },
  breastfeeding = {
    "Do not breastfeed while taking tucatinib (Tukysa), or for 1 week after the last dose.",
  },
  sources = { "label-tucatinib", "acs-targeted" },
}

DRUGS.lapatinib = {
  name = "lapatinib (Tykerb)", short = "Tykerb", kind = "tki", dose_by = "pill",
  what = {
    "Lapatinib (Tykerb) is a targeted pill that you take at home.",
    "It blocks HER2 signals inside the cancer cell. It is not chemo.",
    "Lapatinib (Tykerb) is most often taken with a chemo pill, capecitabine (Xeloda).",
  },
  used_for = {
    "Lapatinib (Tykerb) is a choice when HER2-positive cancer has spread.",
    "Lapatinib is taken with capecitabine (Xeloda) after other HER2 drugs. Or, if the cancer feeds on hormones, lapatinib can go with letrozole.",
    "Newer drugs are often tried first now.",
  },
  given = {
    "Lapatinib (Tykerb) is a pill you take once a day at home.",
    "It is taken on an empty stomach, at least one hour before or after food.",
    "Your team will explain your exact plan.",
  },
  duration = {
    "Lapatinib (Tykerb) is taken as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Diarrhea is the most common side effect of lapatinib (Tykerb). Rash is common too.",
    "With capecitabine (Xeloda), lapatinib often causes hand-foot syndrome.",
    "It can affect the liver and the heart, so you get blood tests and heart checks.",
    "Call your care team for severe diarrhea, yellow skin or eyes, or shortness of breath.",
  },
  chemo = {
    "No. Lapatinib (Tykerb) is not chemo.",
    "It is a targeted pill that blocks HER2 inside the cell.",
    "Lapatinib is often taken with capecitabine, which is a chemo pill.",
  },
  warnings = {
    "The label for lapatinib (Tykerb) has a boxed warning for liver damage, which can be severe.",
    "Lapatinib can also weaken the heart, cause severe diarrhea or skin reactions, change the heart rhythm, and, rarely, inflame the lungs. It can harm an unborn baby.",
    "Call your care team for yellow skin or eyes, dark urine, diarrhea that will not settle, a new cough, or shortness of breath.",
  },
  dose = {
    "Lapatinib (Tykerb) is a set number of tablets once a day. Your team may lower it for side effects or for other medicines that interact.",
  },
  pregnancy = {
    "Lapatinib (Tykerb) can harm an unborn baby.",
    "Women, and men with a partner who could get pregnant, should use birth control during treatment and for 1 week after the last dose.",
  },
  breastfeeding = {
    "Do not breastfeed while taking lapatinib (Tykerb), or for 1 week after the last dose.",
  },
  sources = { "label-lapatinib", "acs-targeted" },
}

DRUGS.neratinib = {
  name = "neratinib (Nerlynx)", short = "Nerlynx", kind = "tki", dose_by = "pill",
  what = {
    "Neratinib (Nerlynx) is a targeted pill that you take at home.",
    "It blocks HER2 signals inside the cancer cell.",
    "Neratinib (Nerlynx) is often taken for one more year after trastuzumab (Herceptin) ends. It is not chemo.",
  },
  used_for = {
    "Neratinib (Nerlynx) has two main uses.",
    "In early cancer, neratinib is taken for a year after trastuzumab (Herceptin) ends. This lowers the chance that the cancer comes back. The gain is biggest when it also feeds on hormones.",
    "When cancer has spread, neratinib goes with capecitabine (Xeloda), after two or more HER2 plans.",
  },
  given = {
    "Neratinib (Nerlynx) is a pill taken once a day with food.",
    "Your team will give you a plan to prevent diarrhea from the first dose.",
    "Some people start on a lower dose and build up. Follow the plan your team gives you.",
  },
  duration = {
    "In early breast cancer, neratinib (Nerlynx) is usually taken for one year.",
    "In cancer that has spread, it is taken as long as it works.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Diarrhea is very common with neratinib (Nerlynx), mostly in the first month.",
    "Your team gives you a plan to prevent it, often with anti-diarrhea medicine from the first dose.",
    "It can also cause nausea, tiredness and liver changes, so you get blood tests.",
    "Call your care team for severe diarrhea, dizziness, not keeping fluids down, or yellow skin or eyes.",
  },
  chemo = {
    "No. Neratinib (Nerlynx) is not chemo.",
    "It is a targeted pill that blocks HER2 inside the cell.",
    "You take it at home.",
  },
  warnings = {
    "Neratinib (Nerlynx) has no boxed warning. Its label warns most about diarrhea, which can be severe, and about liver damage.",
    "Diarrhea is prevented from the first dose with medicine or a slow start. Neratinib mixes badly with some medicines, including some stomach-acid pills, and it can harm an unborn baby.",
    "Call your care team for diarrhea with dizziness or fever, if you cannot keep fluids down, or for yellow skin or eyes.",
  },
  dose = {
    "Neratinib (Nerlynx) is a set number of tablets once a day with food. Many people start lower and build up over two weeks, which eases diarrhea.",
  },
  pregnancy = {
    "Neratinib (Nerlynx) can harm an unborn baby.",
    "Women should use birth control during treatment and for 1 month after the last dose. Men with a partner who could get pregnant should use it for 3 months after.",
  },
  breastfeeding = {
    "Do not breastfeed while taking neratinib (Nerlynx), or for 1 month after the last dose.",
  },
  sources = { "label-neratinib", "acs-targeted" },
}

DRUGS.margetuximab = {
  name = "margetuximab (Margenza)", short = "Margenza", kind = "antibody", dose_by = "weight",
  what = {
    "Margetuximab (Margenza) is an antibody that targets HER2, like trastuzumab.",
    "It was built to help the immune system attack cancer cells more strongly.",
    "It is given with chemo.",
  },
  used_for = {
    "Margetuximab (Margenza) is used for HER2-positive breast cancer that has spread.",
    "It is an option after two or more earlier HER2 treatments, with at least one for spread disease.",
    "It is given with chemo. It is used less often than newer drugs.",
  },
  given = {
    "Margetuximab (Margenza) is given as an IV infusion every three weeks.",
    "The first dose takes about two hours. Later ones take about 30 minutes.",
  },
  duration = {
    "Margetuximab (Margenza) is given as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Common side effects of margetuximab (Margenza) include tiredness, nausea, diarrhea and infusion reactions.",
    "It can weaken the heart, so you get heart scans (echo or MUGA) before and during treatment.",
    HEART_CALL,
  },
  chemo = {
    "No. Margetuximab (Margenza) is not chemo.",
    "It is an antibody that targets HER2.",
    "It is given with chemo, and the chemo causes most hair loss.",
  },
  warnings = {
    "The label for margetuximab (Margenza) has a boxed warning for a weaker heart and for harm to an unborn baby.",
    "Infusion reactions can happen, so you are watched during each dose. Heart scans are done before and during treatment.",
    "Call your care team for shortness of breath, swollen ankles, fast weight gain, or if you might be pregnant.",
  },
  dose = {
    "Margetuximab (Margenza) is dosed by weight, every three weeks.",
  },
  pregnancy = {
    "Margetuximab (Margenza) can harm an unborn baby.",
    "Women should use birth control during treatment and for 4 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised during margetuximab (Margenza) treatment. Ask your team how long to wait after the last dose; the label points to about 4 months.",
  },
  sources = { "label-margetuximab", "acs-targeted" },
}

DRUGS.pyrotinib = {
  name = "pyrotinib", short = "pyrotinib", kind = "tki", dose_by = "pill",
  what = {
    "Pyrotinib is a targeted pill that blocks HER2 inside cancer cells. It is a kinase inhibitor.",
    "Pyrotinib is approved and used in China for HER2-positive breast cancer.",
    "It is not approved by the US FDA. Outside China, it is mainly given in clinical trials.",
  },
  used_for = {
    "In China, pyrotinib is used for HER2-positive breast cancer, most often when it has spread.",
    "Pyrotinib is often given with capecitabine.",
    "In the US it is not FDA-approved, so it is only found in trials.",
  },
  given = {
    "Pyrotinib is a pill taken once a day with food.",
    "It is used in China, or in clinical trials elsewhere.",
  },
  duration = {
    "Where it is used, pyrotinib is taken as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Diarrhea is the main side effect of pyrotinib, as with other HER2 pills.",
    "Hand-foot syndrome and mouth sores can happen when pyrotinib is given with capecitabine.",
    "Call your care team for severe diarrhea, or if you can't keep fluids down.",
  },
  chemo = {
    "No. Pyrotinib is not chemo.",
    "It is a targeted pill that blocks HER2 inside the cell.",
  },
  warnings = {
    "Pyrotinib has no US label, because it is not FDA-approved.",
    "In studies, diarrhea was its main problem, sometimes severe. Liver tests and blood counts are checked.",
    "If you take pyrotinib in a trial, the trial team gives you its safety sheet and a number to call.",
  },
  dose = {
    "Pyrotinib is a set daily dose, chosen by the team that prescribes it or by the trial plan.",
  },
  pregnancy = {
    "Pyrotinib is expected to harm an unborn baby, like other HER2 pills.",
    "If you take pyrotinib, ask the prescribing or trial team how long to use birth control after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while taking pyrotinib. Ask the prescribing or trial team how long to wait.",
  },
  sources = { "seed-her2", "acs-targeted" },
}

DRUGS.capecitabine = {
  name = "capecitabine (Xeloda)", short = "Xeloda", kind = "chemo", dose_by = "bsa",
  what = {
    "Capecitabine (Xeloda) is a chemo pill that you take at home.",
    "The body turns it into a chemo drug called 5-FU.",
    "For HER2-positive cancer, capecitabine (Xeloda) is often taken with a HER2 pill, such as tucatinib. It is also used on its own.",
  },
  used_for = {
    "Capecitabine (Xeloda) is a chemo pill. It is mostly used when breast cancer has spread.",
    "For HER2 cancer, it is taken with a HER2 drug. Capecitabine can go with tucatinib and trastuzumab. Or capecitabine can go with lapatinib or neratinib.",
    "Your care team will tell you when it fits.",
  },
  given = {
    "Capecitabine (Xeloda) is a pill taken twice a day, within 30 minutes after a meal.",
    "It is often taken for 14 days in a row, then stopped for 7 days, which makes a three-week cycle.",
    "Your team will tell you your exact schedule.",
  },
  duration = {
    "Capecitabine (Xeloda) is usually taken in three-week cycles.",
    "For cancer that has spread, it goes on as long as it works and side effects are okay.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Hand-foot syndrome is a common side effect of capecitabine (Xeloda). The palms and soles get red, sore or peeling.",
    "Diarrhea, mouth sores, nausea and tiredness can also happen.",
    "Keep your hands and feet moist, and avoid heat and rubbing.",
    "Call your care team for severe diarrhea, blisters, pain that stops you walking or using your hands, or a fever.",
  },
  chemo = {
    "Yes. Capecitabine (Xeloda) is chemo in pill form.",
    "The body turns it into a chemo drug called 5-FU.",
  },
  warnings = {
    "The label for capecitabine (Xeloda) has a boxed warning. Some people lack an enzyme called DPD, and in them it can cause severe, even fatal, side effects. The label now says to test for this with a gene test before the first dose, unless treatment cannot wait.",
    "Capecitabine can also make the blood thinner warfarin much stronger, so your clotting test (INR) is checked often if you take it.",
    "Call your care team for severe diarrhea, vomiting, mouth sores that stop you eating, painful hands or feet, unusual bleeding, or a fever.",
  },
  dose = {
    "Capecitabine (Xeloda) is worked out from your height and weight, then rounded to whole tablets. Kidney tests can lower it.",
  },
  pregnancy = {
    "Capecitabine (Xeloda) can harm an unborn baby.",
    "Women and men both need birth control during treatment and for some months after. The time differs for women and men, so ask your team.",
  },
  breastfeeding = {
    "Do not breastfeed while taking capecitabine (Xeloda). Ask your team how long to wait after the last dose.",
  },
  sources = { "label-capecitabine", "acs-chemo" },
  extra = { warnings = { "fda-dpd" } },
}

DRUGS.paclitaxel = {
  name = "paclitaxel (Taxol)", short = "paclitaxel", kind = "chemo", dose_by = "bsa",
  what = {
    "Paclitaxel (Taxol) is a chemo drug. It is one of the taxanes.",
    "It stops cancer cells from growing and dividing.",
    "For HER2-positive cancer, paclitaxel (Taxol) is given with trastuzumab, and at times with pertuzumab.",
  },
  used_for = {
    "Paclitaxel (Taxol) is used for early breast cancer and for cancer that has spread.",
    "For small HER2-positive tumors with no spread to the nodes, a common plan is 12 weeks of weekly paclitaxel with trastuzumab.",
    "It can also be the taxane in THP.",
  },
  given = {
    "Paclitaxel (Taxol) is given as an IV infusion, often once a week for about an hour.",
    "You get medicines before it to prevent allergic reactions.",
    "Some plans give it every two or three weeks instead.",
  },
  duration = {
    "Paclitaxel (Taxol) is often given weekly for 12 weeks in early breast cancer.",
    "In cancer that has spread, the length depends on how well it works and how you feel.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Nerve damage (neuropathy) is a key side effect of paclitaxel (Taxol). It causes tingling or numbness in the hands and feet.",
    "Hair loss, tiredness and muscle aches are common. Low white blood cell counts raise the risk of infection.",
    "Tell your team early about numbness. " .. FEVER_CALL,
  },
  chemo = {
    "Yes. Paclitaxel (Taxol) is chemo.",
    "It is a taxane. It stops cancer cells from dividing.",
  },
  warnings = {
    "The label for paclitaxel (Taxol) has a boxed warning for severe allergic reactions and for low white blood cells.",
    "You get medicines before each dose to prevent a reaction, and blood counts before each dose. Nerve damage in the hands and feet is also common.",
    "Tell the nurse at once if you feel flushed, itchy or short of breath during the drip. " .. FEVER_CALL,
  },
  dose = {
    "Paclitaxel (Taxol) is worked out from your height and weight (body surface area). It may be lowered for nerve damage or low blood counts.",
  },
  pregnancy = {
    "Paclitaxel (Taxol) can harm an unborn baby.",
    "Women and men both need birth control during treatment and for some months after. Ask your team how long for you.",
  },
  breastfeeding = {
    "Do not breastfeed during paclitaxel (Taxol) treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-paclitaxel", "acs-chemo" },
}

DRUGS.docetaxel = {
  name = "docetaxel (Taxotere)", short = "docetaxel", kind = "chemo", dose_by = "bsa",
  what = {
    "Docetaxel (Taxotere) is a chemotherapy drug in the taxane group.",
    "It stops cancer cells from dividing.",
    "It is the T in TCHP, and often the taxane in THP.",
  },
  used_for = {
    "Docetaxel (Taxotere) is used for early cancer and for cancer that has spread.",
    "Before surgery, docetaxel is part of TCHP. TCHP joins docetaxel with carboplatin, trastuzumab and pertuzumab.",
    "When cancer has spread, docetaxel is often the T in THP. Your team decides if it fits you.",
  },
  given = {
    "Docetaxel (Taxotere) is given as an IV infusion every three weeks. It takes about one hour.",
    "You usually take steroid pills around each dose to prevent swelling and reactions.",
  },
  duration = {
    "Docetaxel (Taxotere) is often given for 4 to 6 cycles, one every three weeks.",
    "In TCHP, that is 6 cycles over about 18 weeks.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Docetaxel (Taxotere) often causes hair loss and tiredness. It lowers white blood cells, which raises infection risk.",
    "It can also cause nerve tingling (neuropathy), nail changes, mouth sores and fluid build-up.",
    FEVER_CALL,
  },
  chemo = {
    "Yes. Docetaxel (Taxotere) is chemo.",
    "Docetaxel is a taxane, like paclitaxel. It stops cancer cells from dividing.",
    "Ask your team how it fits your plan.",
  },
  warnings = {
    "The label for docetaxel (Taxotere) has a boxed warning. It names low white blood cells, severe allergic reactions, fluid build-up, and a higher risk of death in people with liver problems or at high doses.",
    "Blood counts and liver tests are checked before each dose. Steroid pills around each dose help prevent reactions and swelling.",
    "Call your care team for a fever of 100.4 F (38 C) or higher, swelling of the legs, or trouble breathing.",
  },
  dose = {
    "Docetaxel (Taxotere) is worked out from your height and weight (body surface area). Liver tests and blood counts can lower it.",
  },
  pregnancy = {
    "Docetaxel (Taxotere) can harm an unborn baby.",
    "Women and men both need birth control during treatment and for some months after. The time differs for women and men, so ask your team.",
  },
  breastfeeding = {
    "Do not breastfeed during docetaxel (Taxotere) treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-docetaxel", "acs-chemo" },
}

DRUGS.carboplatin = {
  name = "carboplatin", short = "carboplatin", kind = "chemo", dose_by = "kidney",
  what = {
    "Carboplatin is a chemotherapy drug from the platinum family.",
    "It damages the DNA of cancer cells so they can't divide.",
    "With HER2-positive cancer, carboplatin is the C in TCHP.",
    "TCHP uses docetaxel and carboplatin in place of AC, the chemo pair of doxorubicin and cyclophosphamide. Leaving out doxorubicin spares the heart.",
  },
  used_for = {
    "Carboplatin is used before surgery for HER2-positive breast cancer. It is part of TCHP.",
    "With carboplatin, that plan also has docetaxel, trastuzumab and pertuzumab.",
    "TCHP leaves out the AC chemo (doxorubicin and cyclophosphamide) and uses carboplatin with docetaxel. Leaving out doxorubicin (Adriamycin) spares the heart, which matters because the HER2 drugs can strain the heart too.",
    "It is also used for some other kinds of breast cancer.",
  },
  given = {
    "Carboplatin is given into a vein by IV, most often every three weeks.",
    "It takes about 30 to 60 minutes.",
  },
  duration = {
    "In TCHP, carboplatin is usually given for 6 cycles, about 18 weeks.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Carboplatin can lower blood counts, mostly platelets and white cells.",
    "That raises the risk of bruising, bleeding and infection.",
    "Nausea and tiredness are common. Anti-nausea medicine helps.",
    "Call your care team for a fever of 100.4 F (38 C) or higher, or unusual bleeding.",
  },
  chemo = {
    "Yes. Carboplatin is chemo.",
    "It comes from the platinum group of drugs.",
  },
  warnings = {
    "The label for carboplatin has a boxed warning for low blood counts, vomiting, and severe allergic reactions.",
    "Allergic reactions are more likely after several doses. Blood counts are checked before each dose.",
    "Tell the nurse at once about itching, flushing or trouble breathing during the drip. Call your care team for a fever or unusual bleeding.",
  },
  dose = {
    "Carboplatin is not worked out from weight alone. It uses a formula based on how well your kidneys work, from a blood test.",
  },
  pregnancy = {
    "Carboplatin can harm an unborn baby.",
    "Use birth control during treatment and for some months after. Ask your team how long for you.",
  },
  breastfeeding = {
    "Do not breastfeed during carboplatin treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-carboplatin", "acs-chemo" },
}

DRUGS.doxorubicin = {
  name = "doxorubicin (Adriamycin)", short = "doxorubicin", kind = "chemo", dose_by = "bsa",
  what = {
    "Doxorubicin (Adriamycin) is a chemo drug. It damages the DNA of cancer cells.",
    "Its red color gives it the nickname red devil.",
    "Doxorubicin (Adriamycin) is the A in AC. Doxorubicin is given with cyclophosphamide, the C. Then a taxane and HER2 drugs follow.",
  },
  used_for = {
    "Doxorubicin (Adriamycin) is used for early breast cancer. It can come before or after surgery.",
    "Doxorubicin is given with cyclophosphamide. The pair is called AC. After doxorubicin, paclitaxel with trastuzumab comes next.",
    "Trastuzumab is not given at the same time as doxorubicin. Both can strain the heart. Many plans today leave out AC and give a lighter plan.",
  },
  given = {
    "Doxorubicin (Adriamycin) is given into a vein, often through a port, over a few minutes.",
    "It is usually given every two or three weeks, for 4 doses.",
    "Your urine may turn red for a day or two. That is the drug's color and is harmless.",
  },
  duration = {
    "Doxorubicin (Adriamycin) is usually given as 4 doses over 8 to 12 weeks.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Doxorubicin (Adriamycin) often causes hair loss, nausea, mouth sores and tiredness. It lowers blood counts.",
    "Doxorubicin can weaken the heart, sometimes years later, so heart scans are done.",
    FEVER_CALL,
  },
  chemo = {
    "Yes. Doxorubicin (Adriamycin) is chemo.",
    "It is a strong one, known for its red color.",
  },
  warnings = {
    "The label for doxorubicin (Adriamycin) has a boxed warning. It names heart damage, which grows with the total dose and can show up years later, and serious skin damage if the drug leaks out of the vein.",
    "It also names low blood counts and a small risk of a later blood cancer. That is why you get heart scans, blood counts, and a lifetime limit on the dose.",
    "Tell the nurse at once about pain or burning at the drip site. Call your care team for a fever, shortness of breath or swollen ankles.",
  },
  dose = {
    "Doxorubicin (Adriamycin) is worked out from your height and weight (body surface area). There is also a lifetime limit, to protect the heart.",
  },
  pregnancy = {
    "Doxorubicin (Adriamycin) can harm an unborn baby.",
    "Women and men both need birth control during treatment and for some months after. Ask your team how long for you.",
  },
  breastfeeding = {
    "Do not breastfeed during doxorubicin (Adriamycin) treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-doxorubicin", "acs-chemo" },
}

DRUGS.epirubicin = {
  name = "epirubicin (Ellence)", short = "epirubicin", kind = "chemo", dose_by = "bsa",
  what = {
    "Epirubicin (Ellence) is a chemo drug, close to doxorubicin.",
    "It damages the DNA of cancer cells so they cannot grow.",
    "Epirubicin (Ellence) is used in some plans before a taxane and HER2 drugs, more often outside the US.",
  },
  used_for = {
    "Epirubicin (Ellence) is used for early breast cancer. It is most often given after surgery.",
    "Epirubicin is often given with cyclophosphamide. Trastuzumab starts after epirubicin ends, not at the same time.",
    "Your team will tell you if it fits.",
  },
  given = {
    "Epirubicin (Ellence) is given into a vein, often through a port.",
    "It is usually given every three weeks, for a few doses.",
    "Your urine may look red for a day or two. That is harmless.",
  },
  duration = {
    "Epirubicin (Ellence) is usually given for 3 to 6 doses, one every three weeks.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Epirubicin (Ellence) often causes hair loss, nausea, mouth sores and tiredness. It lowers blood counts.",
    "Epirubicin can weaken the heart, sometimes years later, so heart scans are done.",
    FEVER_CALL,
  },
  chemo = {
    "Yes. Epirubicin (Ellence) is chemo. Epirubicin is close to doxorubicin.",
    "Both are strong drugs that kill fast-growing cells.",
    "Ask your team how it fits your plan.",
  },
  warnings = {
    "The label for epirubicin (Ellence) has a boxed warning. It names heart damage, which grows with the total dose, and serious skin damage if the drug leaks out of the vein.",
    "It also names low blood counts and a small risk of a later blood cancer. The dose is lowered for liver problems.",
    "Tell the nurse at once about pain at the drip site. Call your care team for a fever, shortness of breath or swollen ankles.",
  },
  dose = {
    "Epirubicin (Ellence) is worked out from your height and weight (body surface area). Liver tests can lower it, and there is a lifetime limit.",
  },
  pregnancy = {
    "Epirubicin (Ellence) can harm an unborn baby.",
    "Women and men both need birth control during treatment and for some months after. Ask your team how long for you.",
  },
  breastfeeding = {
    "Do not breastfeed during epirubicin (Ellence) treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-epirubicin", "acs-chemo" },
}

DRUGS.cyclophosphamide = {
  name = "cyclophosphamide (Cytoxan)", short = "cyclophosphamide", kind = "chemo", dose_by = "bsa",
  what = {
    "Cyclophosphamide (Cytoxan) is a chemo drug. It harms the DNA of cancer cells, so they die.",
    "In HER2 care, cyclophosphamide (Cytoxan) is the C in AC, given with doxorubicin.",
    "Some plans use it without doxorubicin.",
  },
  used_for = {
    "Cyclophosphamide (Cytoxan) is used for early breast cancer. It can come before or after surgery.",
    "In HER2 care, cyclophosphamide is given with doxorubicin. The pair is called AC. After cyclophosphamide, a taxane with trastuzumab comes next.",
    "Your care team will tell you if it fits.",
  },
  given = {
    "Cyclophosphamide (Cytoxan) is given by IV, usually on the same day as doxorubicin.",
    "It is often given every two or three weeks, for 4 doses.",
    "Drink plenty of fluids that day and the next, and empty your bladder often.",
  },
  duration = {
    "Cyclophosphamide (Cytoxan) is usually given as 4 doses over 8 to 12 weeks.",
    "Your care team sets your plan.",
  },
  side_effects = {
    "Cyclophosphamide (Cytoxan) can cause nausea, hair loss and tiredness. It lowers blood counts.",
    "Cyclophosphamide can irritate the bladder, so drinking fluids helps.",
    FEVER_CALL,
  },
  chemo = {
    "Yes. Cyclophosphamide (Cytoxan) is chemo.",
    "Cyclophosphamide is often given with doxorubicin. Both kill fast-growing cells.",
    "Ask your team how it fits your plan.",
  },
  warnings = {
    "Cyclophosphamide (Cytoxan) has no boxed warning. Its label warns of low blood counts and infection, bladder bleeding, and, rarely, heart or lung damage.",
    "Cyclophosphamide can stop periods or cause early menopause, and it can harm an unborn baby. There is a small risk of a later second cancer.",
    "Call your care team for a fever, blood in your urine, or shortness of breath.",
  },
  dose = {
    "Cyclophosphamide (Cytoxan) is worked out from your height and weight (body surface area). Kidney tests and blood counts can change it.",
  },
  pregnancy = {
    "Cyclophosphamide (Cytoxan) can harm an unborn baby and can affect fertility.",
    "Women and men both need birth control during treatment and for some time after. Ask your team how long for you.",
  },
  breastfeeding = {
    "Do not breastfeed during cyclophosphamide (Cytoxan) treatment. Ask your team how long to wait after the last dose.",
  },
  sources = { "label-cyclophosphamide", "acs-chemo" },
}

DRUGS.tamoxifen = {
  name = "tamoxifen", short = "tamoxifen", kind = "hormone", dose_by = "pill",
  what = {
    "Tamoxifen is a hormone therapy pill.",
    "It blocks estrogen from feeding cancer cells.",
    "Tamoxifen is used when the cancer also feeds on hormones. It is often chosen before menopause.",
  },
  used_for = {
    "Tamoxifen is for breast cancer that feeds on estrogen. It lowers the chance that the cancer comes back.",
    "It is often used before menopause. After menopause, an aromatase inhibitor is used more often than tamoxifen.",
    "Your team will tell you which fits.",
  },
  given = {
    "Tamoxifen is a pill taken once a day at home.",
    "It can be taken with or without food.",
  },
  duration = {
    "Tamoxifen is usually taken for 5 years, and sometimes for up to 10 years.",
    "Your care team decides the length for you.",
  },
  side_effects = {
    "Hot flashes and vaginal changes are common with tamoxifen.",
    "Rare but serious risks include blood clots and cancer of the uterus.",
    "Call your care team for a swollen, painful leg, or unusual vaginal bleeding.",
    "Chest pain or sudden shortness of breath needs 911.",
  },
  chemo = {
    "No. Tamoxifen is not chemo.",
    "It is a hormone pill that blocks estrogen.",
    "It does not usually make your hair fall out.",
  },
  warnings = {
    "The label for tamoxifen has a boxed warning for cancer of the uterus, stroke, and blood clots in the lungs. For most people treated for breast cancer, the benefit is larger than these risks.",
    "Tamoxifen also raises the risk of clots in the legs, and of cataracts. Some medicines, such as certain antidepressants, can make tamoxifen work less well.",
    "Call your care team for unusual vaginal bleeding, pelvic pain, or a swollen, painful leg. Call 911 for chest pain, sudden breathlessness, or signs of a stroke.",
  },
  dose = {
    "Tamoxifen is the same daily dose for almost everyone. It is not worked out from weight.",
  },
  pregnancy = {
    "Tamoxifen can harm an unborn baby, and it does not stop you getting pregnant.",
    "Use birth control without hormones, such as condoms or a copper IUD, during treatment and for 2 months after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while you take tamoxifen. Tamoxifen passes into breast milk and can also reduce milk supply.",
  },
  sources = { "label-tamoxifen", "lactmed-tamoxifen", "acs-hormone" },
}

DRUGS.aromatase_inhibitor = {
  name = "aromatase inhibitors", short = "aromatase inhibitors", kind = "hormone", dose_by = "pill", plural = true,
  what = {
    "Aromatase inhibitors are hormone pills. You take one each day.",
    "There are three kinds: letrozole (Femara), anastrozole (Arimidex) and exemestane (Aromasin).",
    "They are used after menopause. They cut how much estrogen the body makes. With less estrogen, the cancer has less fuel to grow.",
  },
  used_for = {
    "Aromatase inhibitors lower the body's estrogen. Estrogen feeds some breast cancers. These pills are for after menopause.",
    "Before that, aromatase inhibitors are used only with ovarian suppression. The shots turn off the ovaries.",
    "Less estrogen helps keep the cancer from coming back.",
  },
  given = {
    "Aromatase inhibitors are pills taken once a day at home.",
  },
  duration = {
    "Aromatase inhibitors are usually taken for 5 to 10 years.",
    "Your care team decides the length for you.",
  },
  side_effects = {
    "Joint and muscle aches and hot flashes are common with aromatase inhibitors.",
    "They can thin the bones, so you may have bone density scans.",
    "Tell your care team about joint pain. Exercise and other medicines can help.",
  },
  chemo = {
    "No. Aromatase inhibitors are not chemo.",
    "They are hormone pills that lower estrogen.",
  },
  warnings = {
    "Aromatase inhibitors, such as letrozole (Femara), have no boxed warning. Their labels warn of thin bones and breaks, and of high cholesterol.",
    "Aromatase inhibitors only work when the ovaries are not making estrogen. So aromatase inhibitors are used after menopause, or with ovarian suppression. Aromatase inhibitors are not taken with tamoxifen.",
    "Tell your care team about joint pain, or a bone that breaks after a small fall. Ask about a bone scan.",
  },
  dose = {
    "Aromatase inhibitors are the same daily dose for almost everyone. They are not worked out from weight.",
  },
  pregnancy = {
    "Aromatase inhibitors can harm an unborn baby. They are meant for people past menopause.",
    "If you could still get pregnant, ask your team which birth control to use and for how long.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while taking aromatase inhibitors. Ask your team how long to wait after stopping.",
  },
  sources = { "label-letrozole", "label-anastrozole", "label-exemestane", "acs-hormone" },
}

DRUGS.ovarian_suppression = {
  name = "ovarian suppression", short = "ovarian suppression", kind = "hormone", dose_by = "shot",
  what = {
    "Ovarian suppression means medicines that stop the ovaries from making estrogen for a while.",
    "The shots are goserelin (Zoladex) and leuprolide (Lupron). They bring on a menopause that often ends when the shots stop.",
    "Surgery to take out the ovaries does the same for good.",
  },
  used_for = {
    "Ovarian suppression is used before menopause, when the cancer feeds on hormones. It is for cancer with a higher risk of coming back.",
    "Ovarian suppression is given with tamoxifen or with an aromatase inhibitor.",
    "One of the shots, goserelin (Zoladex), may also help guard the ovaries during chemo. Ask your team if that fits you.",
  },
  given = {
    "Ovarian suppression shots, goserelin (Zoladex) or leuprolide (Lupron), are given by a nurse.",
    "The shot goes under the skin or into a muscle.",
    "It is given once a month, or every three months.",
  },
  duration = {
    "Ovarian suppression often goes on for up to 5 years, with a hormone pill.",
    "Your care team decides the length for you.",
  },
  side_effects = {
    "Ovarian suppression brings menopause symptoms: hot flashes, night sweats, mood changes and vaginal dryness.",
    "Ovarian suppression can also thin the bones over time.",
    "Tell your care team about symptoms that bother you. Many can be eased.",
  },
  chemo = {
    "No. Ovarian suppression is not chemo.",
    "The shots turn off the ovaries for a while, so they make less estrogen.",
  },
  warnings = {
    "Ovarian suppression shots, goserelin (Zoladex) and leuprolide (Lupron), have no boxed warning. Their labels warn of bone thinning, higher blood sugar, and changes in heart rhythm.",
    "The shot spot can bleed or bruise. The shots are not birth control, so pregnancy is still possible.",
    "Tell your care team about heavy bleeding at the shot spot, a racing heart, or a broken bone after a small fall.",
  },
  dose = {
    "Ovarian suppression shots are a set dose, once a month or every three months. They are not worked out from weight.",
  },
  pregnancy = {
    "Ovarian suppression shots are not reliable birth control, and they can harm an unborn baby.",
    "Use birth control without hormones, such as condoms or a copper IUD, while you get ovarian suppression.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while you get ovarian suppression shots.",
  },
  sources = { "label-goserelin", "acs-hormone" },
}

DRUGS.bone_drug = {
  name = "bone-strengthening drugs", short = "these bone drugs", kind = "bone", dose_by = "bone", plural = true,
  what = {
    "Bone drugs keep bones strong. They include bisphosphonates, such as zoledronic acid (Zometa), and denosumab (Xgeva, Prolia).",
    "They slow down the cells that break down bone.",
    "They help when cancer or its treatment makes bones weak.",
  },
  used_for = {
    "Bone drugs keep bones strong. They include bisphosphonates and denosumab.",
    "If cancer has spread to the bone, they lower the risk of breaks and pain. After menopause, bisphosphonates may also help keep cancer from coming back in the bone.",
    "Bisphosphonates also guard the bones during aromatase inhibitor treatment.",
  },
  given = {
    "Zoledronic acid (Zometa) is given by IV in about 15 minutes.",
    "Denosumab (Xgeva or Prolia) is a shot under the skin.",
    "How often depends on why you get it, from once a month to every six months.",
  },
  duration = {
    "It depends on why you get them.",
    "To protect bone in early cancer, they are often given for about 3 to 5 years.",
    "For cancer in the bone, they often go on for as long as they help.",
  },
  side_effects = {
    "Flu-like aches can follow the first dose of a bisphosphonate.",
    "These drugs can lower calcium, so you may need calcium and vitamin D.",
    "A rare risk is damage to the jaw bone. See a dentist before you start.",
    "Tell your team about jaw pain or a loose tooth.",
  },
  chemo = {
    "No. Bone drugs are not chemo.",
    "They help keep bones strong.",
  },
  warnings = {
    "Zoledronic acid (Zometa) and denosumab as Xgeva have no boxed warning. Denosumab as Prolia has one, for severe low calcium in people with serious kidney disease. The labels warn of jaw bone damage, low calcium, and rare thigh bone breaks.",
    "Zoledronic acid can strain the kidneys, so kidney tests are done. Stopping denosumab suddenly can raise the risk of spine fractures, so do not stop without your team.",
    "Tell your care team about jaw pain, a loose tooth, muscle cramps, or new pain in the thigh or groin.",
  },
  dose = {
    "Bone drugs are a set dose. Zoledronic acid (Zometa) is lowered if your kidneys work less well.",
  },
  pregnancy = {
    "Bone drugs, zoledronic acid (Zometa) and denosumab (Xgeva, Prolia), can harm an unborn baby, and they stay in the body a long time.",
    "Ask your team which birth control to use and how long to wait after the last dose.",
  },
  breastfeeding = {
    "Breastfeeding is not advised while you get bone drugs. Ask your team when it would be safe.",
  },
  sources = { "label-zoledronic", "label-xgeva", "label-prolia", "acs-bone" },
}

-- Named regimens.
local REGIMENS = {}

REGIMENS.thp = {
  name = "THP",
  what = {
    "THP is three drugs: trastuzumab (Herceptin), pertuzumab (Perjeta) and a taxane chemo.",
    "The taxane is most often docetaxel (Taxotere) or paclitaxel (Taxol).",
    "It has long been the first treatment when HER2-positive cancer has spread. The CLEOPATRA trial proved it.",
    "It is also used before surgery for early cancer.",
  },
  used_for = {
    "THP is a usual first treatment for metastatic HER2-positive breast cancer. T-DXd (Enhertu) with pertuzumab is now another first choice.",
    "It is also used before or after surgery for early cancer.",
    "Your care team decides if it fits you.",
  },
  given = {
    "All three THP drugs are given by IV, usually every three weeks. Paclitaxel may be weekly.",
    "Phesgo can replace the two antibody infusions with one shot under the skin.",
    "The first visit can take several hours. Later visits are shorter.",
  },
  duration = {
    "In metastatic cancer, the taxane is often given for about 6 cycles, roughly 4 to 6 months.",
    "Then trastuzumab and pertuzumab usually go on by themselves, as long as they work.",
    "In early cancer, the HER2 drugs continue to complete about a year.",
  },
  side_effects = {
    "With THP, the taxane causes most side effects: hair loss, tiredness, low white blood cells and nerve tingling.",
    "Pertuzumab often causes diarrhea.",
    "The HER2 drugs can affect the heart, so you get heart scans (echo or MUGA).",
    FEVER_CALL,
  },
  sources = { "acs-targeted", "label-pertuzumab", "nccn-metastatic" },
}

REGIMENS.tchp = {
  name = "TCHP",
  what = {
    "TCHP is a plan of four drugs.",
    "T is docetaxel (Taxotere). C is carboplatin. H is trastuzumab (Herceptin). P is pertuzumab (Perjeta).",
    "It is most often given before surgery, for stage 2 or 3 HER2-positive cancer.",
    "The goal is to shrink the cancer, and often to clear it, before surgery.",
  },
  used_for = {
    "TCHP is used before surgery for larger HER2-positive cancers, or cancers in the lymph nodes.",
    "It aims to shrink the tumor and show how well the drugs work.",
    "Its two chemo drugs are docetaxel and carboplatin. Carboplatin takes the place of doxorubicin (Adriamycin), which is harder on the heart, so the plan spares the heart while the HER2 drugs are given.",
    "Your care team decides if it fits you.",
  },
  given = {
    "All four TCHP drugs are given by IV every three weeks.",
    "A visit can take several hours, mostly at the first cycle.",
    "Phesgo can replace the two antibody infusions with one shot.",
  },
  duration = {
    "TCHP is usually given for 6 cycles, about 18 weeks, before surgery.",
    "After surgery, HER2 drugs go on to make about a year in all.",
    "If some cancer is left at surgery, the drug after surgery is often changed to T-DM1 (Kadcyla) or T-DXd (Enhertu).",
  },
  side_effects = {
    "TCHP often causes diarrhea, nausea, tiredness and hair loss.",
    "It lowers blood counts, which raises the risk of infection and bruising. Nerve tingling can happen too.",
    "The HER2 drugs can affect the heart, so you get heart scans (echo or MUGA).",
    FEVER_CALL,
  },
  sources = { "acs-chemo", "acs-targeted", "nccn-invasive" },
}

REGIMENS.tch = {
  name = "TCH",
  what = {
    "TCH is three drugs: docetaxel (Taxotere), carboplatin and trastuzumab (Herceptin).",
    "It is like TCHP, but without pertuzumab.",
    "It is used for early HER2-positive breast cancer. All three drugs are given by IV.",
  },
  used_for = {
    "TCH is used for early HER2-positive breast cancer.",
    "It avoids drugs that are harder on the heart, such as doxorubicin.",
  },
  given = {
    "All three TCH drugs are given by IV every three weeks.",
  },
  duration = {
    "TCH is usually given for 6 cycles, about 18 weeks.",
    "Trastuzumab then continues to complete about a year.",
  },
  side_effects = {
    "TCH often causes tiredness, nausea, diarrhea and hair loss. It lowers blood counts.",
    "Trastuzumab can affect the heart, so you get heart scans (echo or MUGA).",
    FEVER_CALL,
  },
  sources = { "acs-chemo", "acs-targeted" },
}

REGIMENS.hp = {
  name = "trastuzumab and pertuzumab (HP)",
  what = {
    "HP is trastuzumab (Herceptin) plus pertuzumab (Perjeta). Using both is called dual HER2 blockade.",
    "The two drugs grab different parts of HER2. Together they block it more fully.",
    "They are often given with chemo first, then on their own. Phesgo puts both in one shot.",
  },
  used_for = {
    "HP is used for early HER2-positive breast cancer at higher risk, and for cancer that has spread.",
    "In metastatic cancer, it often goes on by itself after the chemo part of THP ends.",
  },
  given = {
    "Both drugs are given by IV every three weeks, or together as one Phesgo shot under the skin.",
  },
  duration = {
    "In early cancer, HP is usually given for about a year in total.",
    "In metastatic cancer, it goes on as long as it works.",
  },
  side_effects = {
    "Diarrhea is the most common side effect of HP, mostly from pertuzumab.",
    "Both drugs can affect the heart, so you get heart scans (echo or MUGA).",
    HEART_CALL,
  },
  sources = { "acs-targeted", "label-pertuzumab" },
}

REGIMENS.weekly_th = {
  name = "weekly paclitaxel and trastuzumab",
  what = {
    "This plan pairs weekly paclitaxel (Taxol) with trastuzumab (Herceptin). It is sometimes called TH, or the APT regimen.",
    "It is a lighter plan for small HER2-positive tumors that have not spread to the lymph nodes.",
    "It is given after surgery. Both drugs are given weekly for 12 weeks, then trastuzumab alone to finish a year.",
  },
  used_for = {
    "This plan is for small HER2-positive tumors that have not spread to the lymph nodes.",
    "Most are about 2 to 3 cm or less.",
    "It spares people the stronger chemo plans.",
  },
  given = {
    "Paclitaxel and trastuzumab are given by IV once a week.",
    "Later, trastuzumab alone is given every three weeks, by IV or as a shot.",
  },
  duration = {
    "Both drugs are given once a week for 12 weeks.",
    "Then trastuzumab goes on alone, most often every three weeks.",
    "It stops when a full year is done.",
  },
  side_effects = {
    "This plan is gentler than most chemo plans.",
    "Tingling or numbness in hands and feet (neuropathy), tiredness and hair thinning are common. White blood cells can drop.",
    "Trastuzumab can affect the heart, so you get heart scans (echo or MUGA).",
    FEVER_CALL,
  },
  sources = { "acs-chemo", "acs-targeted" },
}

REGIMENS.ac_th = {
  name = "AC-TH",
  what = {
    "AC-TH starts with two chemo drugs, doxorubicin and cyclophosphamide. This part is called AC.",
    "Next comes paclitaxel with trastuzumab (Herceptin). Sometimes pertuzumab is added too.",
    "It is used less often today. Doxorubicin adds some risk to the heart.",
  },
  used_for = {
    "AC-TH is used for early HER2-positive breast cancer, before or after surgery.",
    "Today, plans without the AC part, such as TCHP, are often used instead. Ask your team why one is chosen.",
  },
  given = {
    "All drugs are given by IV. AC is given every two or three weeks. Paclitaxel is often weekly.",
  },
  duration = {
    "AC is usually 4 cycles. The taxane part lasts about 12 weeks.",
    "Trastuzumab then continues to complete about a year.",
  },
  side_effects = {
    "AC often causes nausea, hair loss, tiredness and low blood counts.",
    "Doxorubicin and trastuzumab can both affect the heart, so heart scans are important.",
    FEVER_CALL,
  },
  sources = { "acs-chemo", "acs-targeted" },
}

REGIMENS.her2climb = {
  name = "the HER2CLIMB regimen",
  what = {
    "The HER2CLIMB regimen is tucatinib (Tukysa), trastuzumab (Herceptin) and capecitabine (Xeloda).",
    "Tucatinib and capecitabine are pills. Trastuzumab is an IV or a shot.",
    "It is named after the trial that proved it. It also works on cancer in the brain.",
  },
  used_for = {
    "The HER2CLIMB regimen is used for metastatic HER2-positive breast cancer, after at least one HER2 treatment.",
    "It is a strong choice when cancer has spread to the brain.",
    "Today it is often used after T-DXd (Enhertu).",
  },
  given = {
    "Tucatinib is a pill taken twice a day.",
    "Capecitabine is a pill taken twice a day, often for two weeks, then one week off.",
    "Trastuzumab is given by IV or as a shot every three weeks.",
  },
  duration = {
    "The HER2CLIMB regimen goes on as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Diarrhea and hand-foot syndrome are the most common side effects. Nausea and tiredness happen too.",
    "Tucatinib can affect the liver, so you have regular blood tests.",
    "Call your care team for severe diarrhea, yellow skin or eyes, or sore, blistering hands or feet.",
  },
  sources = { "label-tucatinib", "acs-targeted" },
}

REGIMENS.lapatinib_capecitabine = {
  name = "lapatinib and capecitabine",
  what = {
    "This plan pairs lapatinib (Tykerb), a HER2 pill, with capecitabine (Xeloda), a chemo pill.",
    "It is used for HER2-positive breast cancer that has spread, after other HER2 drugs.",
  },
  used_for = {
    "This pair is used when HER2-positive cancer has spread, after other HER2 drugs.",
    "Newer options are often tried first today.",
  },
  given = {
    "Both are pills taken at home. Lapatinib is once a day on an empty stomach. Capecitabine is twice a day after meals.",
  },
  duration = {
    "It goes on as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Diarrhea, rash and hand-foot syndrome are common.",
    "Lapatinib can affect the liver and heart, so you get blood tests and heart checks.",
    "Call your care team for severe diarrhea or yellow skin or eyes.",
  },
  sources = { "label-lapatinib", "acs-targeted" },
}

REGIMENS.neratinib_capecitabine = {
  name = "neratinib and capecitabine",
  what = {
    "This plan pairs neratinib (Nerlynx), a HER2 pill, with capecitabine (Xeloda), a chemo pill.",
    "It is used when HER2-positive cancer has spread and two or more HER2 plans have been tried.",
  },
  used_for = {
    "This pair is used when HER2-positive cancer has spread.",
    "It comes after two or more other HER2 plans have been tried.",
  },
  given = {
    "Both are pills taken at home. Your team gives you a plan to prevent diarrhea from the first dose.",
  },
  duration = {
    "It goes on as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Diarrhea is very common. Your team gives you a plan to prevent it.",
    "Hand-foot syndrome, nausea and tiredness can happen too.",
    "Call your care team for severe diarrhea, dizziness, or if you can't keep fluids down.",
  },
  sources = { "label-neratinib", "acs-targeted" },
}

REGIMENS.enhertu_pertuzumab = {
  name = "T-DXd (Enhertu) with pertuzumab",
  what = {
    "This plan pairs T-DXd (Enhertu) with pertuzumab (Perjeta).",
    "The FDA approved it in December 2025 as a first treatment for metastatic HER2-positive breast cancer, based on the DESTINY-Breast09 trial.",
    "In that trial it kept the cancer in check longer than THP. Your care team weighs the two for you.",
  },
  used_for = {
    "This pair can be the first treatment when HER2-positive cancer has spread.",
    "It is a choice in place of THP. After it, the next treatment is usually not Enhertu again, so your team plans what comes next with you.",
  },
  given = {
    "Both drugs are given by IV every three weeks.",
  },
  duration = {
    "It goes on as long as it keeps the cancer under control.",
    AS_LONG,
  },
  side_effects = {
    "Nausea, tiredness, hair loss and diarrhea are common.",
    "T-DXd can cause lung inflammation (ILD), which can be fatal. Report any new cough, shortness of breath or fever at once.",
    "Heart scans (echo or MUGA) are done during treatment.",
  },
  sources = { "fda-tdxd-db09", "label-tdxd", "label-pertuzumab" },
}


-- Shared sentences per aspect: they name no drug, so they can follow any
-- drug's own sentences.
local GENERAL = {
  dose = {
    weight = "For a drug dosed by weight, your team multiplies your weight in kilograms by the amount set for your plan. A pharmacist checks every dose before it is made.",
    fixed_shot = "A nurse or other health professional gives each shot.",
    fixed_iv = "A pharmacist still checks it before each treatment.",
    pill = "Take exactly what is on your pharmacy label, and ask before you change it.",
    bsa = "A pharmacist checks the dose before it is made.",
    kidney = "Your team works out the dose from a kidney blood test, and a pharmacist checks it before it is made.",
    shot = "A nurse gives the shot at each visit.",
    bone = "Your team checks your kidney tests and calcium before doses.",
  },
  dose_next = "I can't work out a dose for you, even with your weight. Ask your care team or pharmacist how your dose was set.",
  pregnancy_next = "Tell your care team at once if you might be pregnant. Ask which birth control is safe for you; hormone birth control is usually avoided after breast cancer.",
  breastfeeding_next = "Ask your care team when it would be safe to breastfeed, and whether a breast that had surgery or radiation can still make milk.",
  warnings_next = "Next step: ask your pharmacist for the patient leaflet, and keep your team's 24-hour number with you.",
  -- One concrete next step for the aspects whose facts end without one.
  next = {
    about = "Next step: ask your care team why this drug is part of your plan.",
    given = "Next step: ask your nurse or pharmacist to write down your schedule.",
    duration = "Next step: ask your care team for a written timeline of your treatment.",
    used_for = "Next step: ask your care team why this drug was chosen for you.",
    side_effects = "Next step: ask which side effects to report at once, and keep your team's 24-hour number with you.",
    chemo = "Next step: ask your care team which drugs in your plan are chemo.",
  },
  regimen_next = {
    about = "Next step: ask your care team why this plan was chosen for you.",
    given = "Next step: ask your nurse or pharmacist to write down your schedule.",
    duration = "Next step: ask your care team for a written timeline of your treatment.",
    used_for = "Next step: ask your care team why this plan was chosen for you.",
    side_effects = "Next step: ask which side effects to report at once, and keep your team's 24-hour number with you.",
  },
}

local ASPECT_LABEL = {
  about = "What is %s?", given = "How is %s given?", duration = "How long is %s used?",
  used_for = "When is %s used?", side_effects = "What are the side effects of %s?",
  warnings = "What are the warnings for %s?",
}
-- The same questions about a group of drugs ("these bone drugs").
local ASPECT_LABEL_PLURAL = {
  about = "What are %s?", given = "How are %s given?", duration = "How long are %s used?",
  used_for = "When are %s used?", side_effects = "What are the side effects of %s?",
  warnings = "What are the warnings for %s?",
}

local function label(aspect, d)
  return string.format((d.plural and ASPECT_LABEL_PLURAL or ASPECT_LABEL)[aspect], d.short)
end

local function suggestions(d, skip)
  local out = {}
  for _, a in ipairs({ "side_effects", "warnings", "given", "used_for", "duration" }) do
    if a ~= skip and #out < 3 then out[#out + 1] = label(a, d) end
  end
  return out
end

-- Which drug or regimen a question is about: this question first, then the
-- conversation. When the conversation holds both, the topic of the last
-- answer from this area decides.
local MINE = { "^drug%.", "^regimen%.", "^treatment%.", "^testing%." }
local function from_here(intent)
  if not intent then return false end
  for _, p in ipairs(MINE) do
    if intent:match(p) then return true end
  end
  return false
end

local function subject(q, prefer)
  local s = q.slots
  if prefer == "regimen" and s.regimen and REGIMENS[s.regimen] then return "regimen", s.regimen end
  if s.drug and DRUGS[s.drug] then return "drug", s.drug end
  if s.regimen and REGIMENS[s.regimen] then return "regimen", s.regimen end
  local c = q.context
  local cd = c.drug and DRUGS[c.drug] and c.drug
  local cr = c.regimen and REGIMENS[c.regimen] and c.regimen
  if cd and cr then
    if c.topic == "regimen" and from_here(q.previous) then return "regimen", cr end
    return "drug", cd
  end
  if cd then return "drug", cd end
  if cr then return "regimen", cr end
  return nil
end

local function copy(list)
  local out = {}
  for i, s in ipairs(list) do out[i] = s end
  return out
end

local function drug_answer(key, aspect)
  local d = DRUGS[key]
  local text
  if aspect == "about" then
    text = copy(d.what)
  elseif aspect == "dose" then
    text = copy(d.dose)
    text[#text + 1] = GENERAL.dose[d.dose_by]
    text[#text + 1] = GENERAL.dose_next
  elseif aspect == "pregnancy" or aspect == "breastfeeding" then
    text = copy(d[aspect])
    text[#text + 1] = GENERAL[aspect .. "_next"]
  elseif aspect == "warnings" then
    text = copy(d.warnings)
    text[#text + 1] = GENERAL.warnings_next
  else
    text = copy(d[aspect] or d.what)
  end
  local next_step = GENERAL.next[aspect == "about" and "about" or (d[aspect] and aspect or "about")]
  if next_step and not (aspect == "dose" or aspect == "pregnancy" or aspect == "breastfeeding" or aspect == "warnings") then
    text[#text + 1] = next_step
  end
  local srcs = copy(d.sources)
  -- A source that supports only one aspect (an approval notice for "when is
  -- it used") is cited only there.
  for _, id in ipairs(d.extra and d.extra[aspect] or {}) do srcs[#srcs + 1] = id end
  if aspect == "pregnancy" or aspect == "breastfeeding" then srcs[#srcs + 1] = "nci-pregnancy" end
  return {
    text = text,
    sources = srcs,
    suggest = suggestions(d, aspect == "about" and "about" or aspect),
    remember = { drug = key, topic = "drug" },
  }
end

local function regimen_answer(key, aspect)
  local r = REGIMENS[key]
  local own = r[aspect] and aspect or "about"
  local text = copy(own == "about" and r.what or r[aspect])
  text[#text + 1] = GENERAL.regimen_next[own]
  return {
    text = text,
    sources = r.sources,
    suggest = {
      string.format(ASPECT_LABEL.side_effects, r.name), string.format(ASPECT_LABEL.given, r.name),
      string.format(ASPECT_LABEL.duration, r.name),
    },
    remember = { regimen = key, topic = "regimen" },
  }
end

local WHICH_DRUG = {
  text = "Which drug do you mean? You can ask about trastuzumab (Herceptin), pertuzumab (Perjeta), T-DM1 (Kadcyla), T-DXd (Enhertu), tucatinib (Tukysa), the chemo and hormone drugs, and others.",
  sources = { "acs-targeted" },
  suggest = { "What is Herceptin?", "What is Enhertu?", "What is Kadcyla?" },
}

-- Asked whether a sign of an emergency is a side effect ("is chest pain a side
-- effect of herceptin"): the safety layer stays quiet on a question, so the
-- answer itself opens with what to do if it happens.
local EMERGENCY_SIGNS = { "chest pain", "chest pains", "pain in my chest", "tight chest", "chest tightness",
  "can't breathe", "cant breathe", "trouble breathing", "struggling to breathe", "fainting", "faint",
  "passed out", "pass out", "swollen throat", "throat swelling", "face swelling", "swollen face", "seizure" }
local EMERGENCY_FIRST = "If chest pain, severe trouble breathing, fainting, or a swollen face or throat happens, call 911 right away, whatever the cause."

local function answer_aspect(q, aspect, prefer)
  local kind, key = subject(q, prefer)
  if kind == "regimen" then
    if aspect == "chemo" or aspect == "warnings" then
      return regimen_answer(key, "side_effects")
    end
    return regimen_answer(key, aspect)
  elseif kind == "drug" then
    return drug_answer(key, aspect)
  end
  return WHICH_DRUG
end


local function aspect_handler(aspect, prefer)
  return function(q)
    local a = answer_aspect(q, aspect, prefer)
    -- WHICH_DRUG is shared: only a drug's or regimen's own (copied) answer gets the line.
    if (aspect == "side_effects" or aspect == "warnings") and a ~= WHICH_DRUG and q:mentions(EMERGENCY_SIGNS) then
      table.insert(a.text, 1, EMERGENCY_FIRST)
    end
    return a
  end
end

-- A follow-up that only swaps the drug keeps the question: "what are the side
-- effects of paclitaxel?" then "what about docetaxel?" asks docetaxel's side
-- effects, not what docetaxel is. The previous turn's intent names the aspect.
local CARRIED = {
  ["drug.side_effects_of"] = "side_effects", ["drug.side_effects"] = "side_effects", ["drug.given"] = "given",
  ["drug.duration"] = "duration", ["drug.used_for"] = "used_for", ["drug.warnings"] = "warnings",
  ["drug.pregnancy"] = "pregnancy", ["drug.is_chemo"] = "chemo",
  ["regimen.side_effects_of"] = "side_effects", ["regimen.side_effects"] = "side_effects", ["regimen.given"] = "given",
  ["regimen.duration"] = "duration", ["regimen.used_for"] = "used_for",
}
-- After a side effect topic (se.*: "I get diarrhea on Nerlynx", then "is it the
-- same with Tukysa?") the swapped drug is asked about its side effects.
local function carried_aspect(previous)
  if not previous then return nil end
  return CARRIED[previous] or (previous:sub(1, 3) == "se." and "side_effects") or nil
end
local SWAP_FORMS = { "what about", "how about", "and for", "same for", "same with", "same on", "true for", "true of",
  "apply to", "the case for", "also for", "for that one", "and with" }

-- A past seizure or epilepsy told with a drug's name ("I had a fit as a child,
-- can I take tucatinib?"): no label here makes it a reason to refuse a drug,
-- and whether it matters is the team's call. The shared lines name no drug;
-- the drug's own first sentence says which drug this is about.
local SEIZURE_HISTORY = { "seizure", "epilep", "a fit ", "had fits", "convulsion", "anti-seizure", "antiseizure",
  "keppra", "levetiracetam", "dilantin", "phenytoin", "lamotrigine", "lamictal", "tegretol", "carbamazepine" }
local SEIZURE_LINES = {
  "A seizure in the past, or epilepsy, does not by itself mean you cannot have a cancer drug.",
  "Tell your care team about it before you start, even if it was years ago, and name any seizure medicine you take. Some seizure medicines change how cancer pills work, and your team weighs your whole history before deciding.",
  "A seizure that happens now is an emergency: call 911.",
  "Next step: write down when the seizure happened and any medicine you took for it, and bring that to your next visit.",
}

local function seizure_history(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  if not d or not q:mentions(SEIZURE_HISTORY) then return nil end
  local text = { d.what[1] }
  for _, s in ipairs(SEIZURE_LINES) do text[#text + 1] = s end
  return {
    text = text,
    sources = d.sources,
    suggest = { label("warnings", d), label("side_effects", d), "What questions should I ask my care team?" },
    remember = { drug = key, topic = "drug" },
  }
end

-- When in the day a pill is taken ("can I take it at night?"): each drug's own
-- label line; the shared line names no drug.
local PILL_TIME_WORDS = { "night", "bedtime", "before bed", "evening", "morning", "time of day", "what time" }
local PILL_TIME = herald.facts("drug", {
  neratinib = "Neratinib (Nerlynx) is taken with food at about the same time each day. Its label does not ask for morning or night, so pick a meal you never skip.",
  tucatinib = "Tucatinib (Tukysa) is taken twice a day, about 12 hours apart, with or without food, so a morning and an evening dose is common.",
  capecitabine = "Capecitabine (Xeloda) is taken twice a day, about 12 hours apart, within 30 minutes after breakfast and after dinner.",
  lapatinib = "Lapatinib (Tykerb) is taken once a day on an empty stomach, at least an hour before or after food, so many people take it at a set time away from meals.",
  tamoxifen = "Tamoxifen can be taken at any time of day, with or without food. Taking it at the same time each day helps you remember.",
  aromatase_inhibitor = "Aromatase inhibitors can be taken at any time of day, with or without food. The same time each day helps you remember.",
})
local PILL_TIME_NEXT = "Next step: ask your pharmacist to help you pick a time that fits your day, and keep to it."

-- A shot under the skin that hurts (Phesgo, Herceptin Hylecta): what the
-- labels and nurses say about the needle and the spot afterwards.
local SHOT_PAIN_WORDS = { "hurt", "pain", "painful", "sting", "sore", "burn", "bruis", "ouch", "uncomfortable" }
local SHOT_PAIN = herald.facts("drug", {
  phesgo = "Phesgo is given by a nurse as a shot in the thigh over about 5 to 8 minutes. Many people feel pressure or stinging while it goes in, and redness, soreness or itching at the spot afterwards is common.",
  herceptin_hylecta = "Herceptin Hylecta is given by a nurse as a shot in the thigh over about 2 to 5 minutes. Many people feel pressure or stinging while it goes in, and redness or soreness at the spot afterwards is common.",
})
local SHOT_PAIN_LINES = {
  "Tell the nurse if it hurts: going slower or a pause can help, and the thigh used is switched each time.",
  "Call your team if the spot gets very swollen, hot or red, or keeps hurting for days.",
}

-- Why the first trastuzumab infusion took 90 minutes and the next 30 (probe
-- 12): the label gives the first (loading) dose over 90 minutes and later doses
-- over 30 minutes when the first was well tolerated, watching for infusion
-- reactions (chills, fever).
local FIRST_SLOW = { "90", "ninety", "hour and a half", "took so long", "took longer", "longer the first",
  "first one was longer", "slower" }
local THEN_FAST = { "30", "thirty", "half an hour", "shorter", "faster", "quicker", "only" }
local FIRST_INFUSION = herald.fixed {
  text = {
    "The first dose of trastuzumab (Herceptin) is a bigger loading dose, given slowly over about 90 minutes. The nurses watch for an infusion reaction, such as chills or fever, which is most likely the first time.",
    "If the first infusion goes well, later doses can run in about 30 minutes. This change is normal and planned.",
    "Next step: tell your nurse at once if you get chills, fever, itching or feel unwell during or after an infusion.",
  },
  sources = { "label-trastuzumab" },
  suggest = { "What are the side effects of Herceptin?", "How long will I be on Herceptin?", "Can I get Herceptin as a shot?" },
}
-- "Is a HER2 drug plus a hormone pill real treatment, or comfort care?" (probe
-- 12: an 86-year-old offered trastuzumab with letrozole, no chemo). For
-- hormone receptor-positive, HER2-positive spread cancer, a HER2 drug with a
-- hormone pill is a standard choice when chemo does not fit (ACS, treatment of
-- stage IV breast cancer); plans with chemo control the cancer somewhat longer
-- on average; age alone does not decide; heart checks go on (the label).
-- How long it holds varies widely: the trials of trastuzumab with an aromatase
-- inhibitor report median times to growth from about 5 months (TAnDEM) to
-- over a year (eLEcTRA, PERTAIN with pertuzumab), so "often for a long time"
-- overstated it (clinical review 2026-12-07d).
local ACS_NAME = "American Cancer Society"
src("acs-stage4", "Treatment of Stage IV (Metastatic) Breast Cancer", ACS_NAME,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/treatment-of-breast-cancer-by-stage/treatment-of-stage-iv-advanced-breast-cancer.html")
local REAL_TREATMENT = { "real treatment", "proper treatment", "actual treatment", "comfort care", "giving up", "given up",
  "give up on", "just palliative", "only palliative", "real chemo", "doing nothing", "not really treating" }
local PILL_SAID = { "letrozole", "femara", "anastrozole", "arimidex", "exemestane", "aromasin", "tamoxifen",
  "hormone pill", "hormone therapy", "aromatase" }
local HER2_WITH_PILL = herald.fixed {
  text = {
    "Yes, it is a real treatment. When hormone receptor-positive, HER2-positive cancer has spread, a HER2 drug such as trastuzumab (Herceptin) with a hormone pill is a standard choice if chemo is not a good fit. It aims to keep the cancer under control with milder side effects than chemo. How long it works differs a lot from person to person.",
    "On average, plans that add chemo hold the cancer back somewhat longer, so the choice weighs that against side effects, other health problems and what matters most to the person. Age alone does not decide it; a geriatric assessment can help.",
    "Heart checks still go on during trastuzumab. Next step: ask the oncologist what the goal of the plan is, how you will know it is working, and what comes next if it stops working.",
  },
  sources = { "acs-stage4", "label-trastuzumab" },
  suggest = { "How is metastatic HER2-positive breast cancer treated?", "What is palliative care?", "What heart checks do I need on Herceptin?" },
}
-- The card is for spread cancer (ACS stage IV). Told without a spread (an
-- older woman offered Herceptin and anastrozole "instead of chemo"), the aim
-- may be cure, where leaving chemo out is a bigger trade-off (clinical review
-- 2026-12-07d: the card read as if control, not cure, were the goal for all).
local SPREAD_SAID = { "spread", "metasta", "stage 4", "stage iv", "stage four", "advanced", "came back", "come back",
  "recur", "in my bones", "in her bones", "in my liver", "in her liver", "in my lungs", "in her lungs" }
-- RESPECT (Sawaki, JCO 2020; women 70 to 80 after surgery): trastuzumab alone
-- against trastuzumab with chemo, 3-year DFS 89.5 against 93.8%, far fewer side
-- effects; not shown to be as good.
src("respect-trial", "Randomized Controlled Trial of Trastuzumab With or Without Chemotherapy for HER2-Positive Early Breast Cancer in Older Patients (RESPECT)",
  "Journal of Clinical Oncology", "https://doi.org/10.1200/JCO.20.00184")
local NOT_SPREAD_LINE = "If the cancer has not spread, the aim is usually cure, so leaving chemo out is a bigger trade-off. In a study of women aged 70 to 80, it meant fewer side effects but a slightly higher chance of the cancer coming back. Ask how much chemo would add for you."
local function her2_with_pill(q)
  if q:mentions(SPREAD_SAID) then return HER2_WITH_PILL end
  local text = { table.unpack(HER2_WITH_PILL.text) }
  text[2] = text[2] .. " " .. NOT_SPREAD_LINE
  return { text = text, sources = { "acs-stage4", "respect-trial", "label-trastuzumab" }, suggest = HER2_WITH_PILL.suggest }
end
-- Handed over from treatment.chemo_needed; no intents file routes here.
herald.on("drug.her2_with_pill", her2_with_pill)
local function given_handler(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  -- Leave from work for the infusions ("do I get FMLA for my Herceptin
  -- infusions?", clinical review 2026-12-07d, got the infusion times): the
  -- work card in life.lua answers it, with the employer's size when told.
  if q:mentions({ "fmla", "family and medical leave", "medical leave", "time off work", "off work for" }) then
    return herald.hand_over("life.work")
  end
  if q:mentions(REAL_TREATMENT) and q:mentions(PILL_SAID) then return her2_with_pill(q) end
  if key == "trastuzumab" and q:mentions(FIRST_SLOW) and q:mentions(THEN_FAST) then return FIRST_INFUSION end
  if d and q:mentions(SHOT_PAIN_WORDS) then
    local own = SHOT_PAIN:get(q)
    if own then
      local text = own
      for _, s in ipairs(SHOT_PAIN_LINES) do text[#text + 1] = s end
      return { text = text, sources = d.sources, suggest = { label("side_effects", d), label("given", d), "Can I inject Phesgo myself?" },
        remember = { drug = key, topic = "drug" } }
    end
  end
  if d and q:mentions(PILL_TIME_WORDS) then
    local own = PILL_TIME:get(q)
    if own then
      local text = own
      text[#text + 1] = PILL_TIME_NEXT
      return { text = text, sources = d.sources, suggest = { label("side_effects", d), label("duration", d), "Can supplements interact with my treatment?" },
        remember = { drug = key, topic = "drug" } }
    end
  end
  return aspect_handler("given", "drug")(q)
end

-- One fact a question asks about a drug ("is Perjeta ever given by itself",
-- "why the lifetime limit on doxorubicin", "why take Xeloda after a meal"):
-- the card for the aspect leaves it out, so it is said first, in the drug's own
-- sentences (probe 9). Each entry: the words that ask it, the facts by drug,
-- a next step that names no drug, and any source the facts add.
src("pub-her2climb", "Tucatinib, Trastuzumab, and Capecitabine for HER2-Positive Metastatic Breast Cancer (HER2CLIMB), N Engl J Med 2020",
  "New England Journal of Medicine", "https://doi.org/10.1056/NEJMoa1914609")
src("pub-tdm1-platelets", "Effect of ado-trastuzumab emtansine on autologous platelet kinetics and function (2021)",
  "Researcher.Life abstract of the published study",
  "https://discovery.researcher.life/article/effect-of-ado-trastuzumab-emtansine-on-autologous-platelet-kinetics-and-function/01d542b27ca432409fe68c88ece5600f")
src("fda-generics", "Generic Drugs: Questions and Answers", "US Food and Drug Administration",
  "https://www.fda.gov/drugs/frequently-asked-questions-popular-topics/generic-drugs-questions-answers")

src("review-letrozole-fertility", "Letrozole for Female Infertility", "Frontiers in Endocrinology (2021)",
  "https://doi.org/10.3389/fendo.2021.676133")

local WHY = { "why", "reason", "point of", "purpose", "what for", "how come" }
local ASKED = {
  { -- why a HER2 antibody goes on after the operation took the tumour (blind patient probe 2026-12-07:
    -- the general card). Trastuzumab label and ACS: adjuvant treatment to about a year lowers the
    -- chance of recurrence; T-DM1 replaces it when cancer remained at surgery (KATHERINE).
    words = { "after surgery", "after my surgery", "after the surgery", "after the operation", "after my operation",
      "after my mastectomy", "after the mastectomy", "after mastectomy", "after my lumpectomy", "after the lumpectomy",
      "after lumpectomy", "tumor is gone", "tumour is gone", "tumor's gone", "tumour's gone", "cancer is gone",
      "cancer's gone", "got it all", "got it out", "took it all", "took it out", "removed it", "been removed",
      "all clear", "clear margins", "nothing left", "removed everything", "removed the tumor", "removed the tumour",
      "took everything", "took out the tumor", "took out the tumour", "surgery removed", "operation removed", "got everything" },
    also = { "why", "reason", "point of", "purpose", "what for", "how come", "still need", "still have to", "keep going",
      "keep having", "continue", "carry on", "go on with", "more herceptin", "more trastuzumab", "still on", "still getting" },
    facts = herald.facts("drug", {
      trastuzumab = {
        "After surgery, trastuzumab (Herceptin) goes on because it works against cancer cells too small to see on scans or feel. Some may still be in the body even when the tumor is out.",
        "Large trials showed that about a year of trastuzumab with chemo lowers the chance of HER2-positive cancer coming back. The doses before and after surgery count toward that year.",
        "If cancer was still found at surgery, T-DM1 (Kadcyla) may replace trastuzumab for the rest of the year.",
      },
      herceptin_hylecta = {
        "After surgery, Herceptin Hylecta goes on because it works against cancer cells too small to see on scans or feel. Some may still be in the body even when the tumor is out.",
        "Trials showed that about a year of this HER2 antibody with chemo lowers the chance of HER2-positive cancer coming back. The doses before and after surgery count toward that year.",
      },
      phesgo = {
        "After surgery, Phesgo goes on because its two HER2 antibodies work against cancer cells too small to see on scans or feel. Some may still be in the body even when the tumor is out.",
        "Trials showed that about a year of HER2 antibodies with chemo lowers the chance of HER2-positive cancer coming back. The doses before and after surgery count toward that year.",
      },
    }),
    next = "Next step: ask your team how many doses you have left, and what your surgery results mean for the plan.",
    sources = { "acs-targeted" },
  },
  { -- never on its own (Perjeta label: with trastuzumab and chemotherapy; DESTINY-Breast09: with T-DXd)
    words = { "by itself", "on its own", "alone", "without herceptin", "without trastuzumab", "only perjeta",
      "just perjeta", "just the perjeta", "solo", "by themself", "just tukysa", "only tukysa" },
    facts = herald.facts("drug", {
      pertuzumab = {
        "No. Pertuzumab (Perjeta) is never given by itself. It is given with trastuzumab (Herceptin), and chemo is usually part of the plan too. As a first treatment for cancer that has spread, it can instead be paired with T-DXd (Enhertu).",
        "The two antibodies lock onto different parts of HER2, so together they block it better. Phesgo puts pertuzumab and trastuzumab in one shot.",
      },
      tucatinib = {
        "No. Tucatinib (Tukysa) is not taken by itself. It is taken with trastuzumab and capecitabine (Xeloda), the plan tested in the HER2CLIMB trial.",
      },
    }),
    next = "Next step: ask your care team which drugs are in your plan and how they are given together.",
    sources = { "pub-her2climb" },
  },
  { -- anthracyclines: heart damage grows with the lifetime total (doxorubicin and epirubicin labels)
    words = { "lifetime", "maximum", "max dose", "total dose", "amount", "cumulative", "limit", "cap on",
      "how much can", "how many doses can", "in your life", "in my life", "more than a certain" },
    facts = herald.facts("drug", {
      doxorubicin = {
        "The chance of heart damage from doxorubicin (Adriamycin) grows with the total amount a person gets over a lifetime. So there is a top limit on that total, and your team keeps a count of every dose.",
        "Below the limit the risk is low, but not zero. That is why the heart is checked with a scan before treatment and sometimes later.",
      },
      epirubicin = {
        "The chance of heart damage from epirubicin (Ellence) grows with the total amount a person gets over a lifetime. So there is a top limit on that total, and your team keeps a count of every dose.",
        "Below the limit the risk is low, but not zero. That is why the heart is checked with a scan before treatment and sometimes later.",
      },
    }),
    next = "Next step: ask your care team how your heart will be checked, and keep a note of the chemo you have had.",
  },
  { -- Xeloda label: with water within 30 minutes after a meal; its safety and efficacy data come from dosing with food
    words = { "meal", "after eating", "after food", "with food", "empty stomach", "after breakfast", "after dinner",
      "eat first", "eat before", "food" },
    facts = herald.facts("drug", {
      capecitabine = {
        "Capecitabine (Xeloda) is taken with a glass of water within 30 minutes after breakfast and after dinner.",
        "The studies that showed capecitabine works gave it after meals, so the label asks for the same. Food changes how it is taken up, and a set routine after two meals also keeps the doses about 12 hours apart.",
      },
    }),
    next = "Next step: ask your pharmacist to help you set dose times that fit your meals.",
  },
  { -- the labels' missed-dose rule (Tukysa, Xeloda): no extra dose, the next one at the usual time
    words = { "miss", "forgot", "forget", "skipped a dose", "skipped my", "late dose", "threw up", "throw up", "vomited" },
    facts = herald.facts("drug", {
      tucatinib = {
        "The label for tucatinib (Tukysa) says that a missed dose, or one you threw up, is not made up. The next dose is taken at the usual time.",
        "Never take two doses at once to catch up.",
      },
      capecitabine = {
        "The label for capecitabine (Xeloda) says that a missed dose is not made up. You go on with the next dose at the usual time.",
        "Never take two doses at once to catch up.",
      },
    }),
    next = "Next step: tell your care team or pharmacist about the missed dose, and keep a written note of each dose you take.",
  },
  { -- copies and cheaper versions: FDA biosimilar list (none for T-DM1 or T-DXd at the last review), generic hormone pills
    words = { "generic", "biosimilar", "cheaper version", "cheaper copy", "cheaper one", "copy of", "knock off",
      "knockoff", "cheaper brand", "less expensive version" },
    facts = herald.facts("drug", {
      t_dm1 = "There is no generic or biosimilar of T-DM1 (Kadcyla) in the US at our last review in December 2026. Only the brand is sold.",
      t_dxd = "There is no generic or biosimilar of T-DXd (Enhertu) in the US at our last review in December 2026. Only the brand is sold.",
      aromatase_inhibitor = "Yes. Letrozole, anastrozole and exemestane are all sold as generics. Generics work the same as the brand and usually cost much less.",
      tamoxifen = "Yes. Tamoxifen is sold as a generic. It works the same as the brand and usually costs much less.",
    }),
    next = "Next step: ask your cancer center's financial counselor or pharmacist about the lowest price and about help with costs.",
    sources = { "fda-biosimilars", "fda-generics" },
  },
  { -- Xeloda label: lower starting dose with moderate kidney impairment; not for severe impairment
    words = { "kidney", "renal", "creatinine", "dialysis" },
    facts = herald.facts("drug", {
      capecitabine = {
        "Capecitabine (Xeloda) leaves the body through the kidneys. With moderate kidney problems, the label calls for a lower starting dose. With severe kidney problems, it is not advised.",
        "A kidney blood test before you start, and during treatment, guides this.",
      },
    }),
    next = "Next step: ask your care team what your kidney tests show and how they shape your plan.",
  },
  { -- Tukysa label: warnings are diarrhea, liver damage and harm in pregnancy; stroke is not among them
    words = { "stroke", "mini stroke", "blood clot in the brain", "brain bleed" },
    facts = herald.facts("drug", {
      tucatinib = {
        "Stroke is not listed among the side effects of tucatinib (Tukysa) in its US label. Its main risks are diarrhea and liver problems.",
        "A family history of stroke still matters for your own health. Your doctors can check your blood pressure, cholesterol and other risks. A drooping face, a weak arm or slurred speech means calling 911 at once.",
      },
    }),
    next = "Next step: tell your oncologist about any stroke in your family, and ask when your blood pressure was last checked.",
  },
  { -- why the three together: HER2CLIMB (tucatinib added to trastuzumab and capecitabine)
    words = { "with", "together", "combin", "paired", "three" },
    also = WHY,
    facts = herald.facts("drug", {
      tucatinib = {
        "Tucatinib (Tukysa) is given with trastuzumab and capecitabine (Xeloda) because the three were tested together in the HER2CLIMB trial. Adding tucatinib to the other two kept the cancer in check longer and helped people live longer, also when it had reached the brain.",
        "Each drug works in its own way. Tucatinib blocks HER2 from inside the cell, trastuzumab blocks it from outside, and capecitabine is chemo.",
      },
      capecitabine = {
        "Capecitabine (Xeloda) is paired with tucatinib (Tukysa) and trastuzumab because the three were tested together in the HER2CLIMB trial. Adding tucatinib to capecitabine and trastuzumab kept the cancer in check longer and helped people live longer, also when it had reached the brain.",
        "Each drug works in its own way. Capecitabine is chemo, while tucatinib and trastuzumab block HER2 from inside and outside the cell.",
      },
    }),
    next = "Next step: ask your care team how the three drugs fit into your weekly schedule.",
    sources = { "pub-her2climb" },
  },
  { -- Kadcyla label: headache is among its most common side effects
    words = { "headache", "head ache", "head hurts", "head hurting", "migraine" },
    facts = herald.facts("drug", {
      t_dm1 = {
        "Yes. Headache is one of the most common side effects of T-DM1 (Kadcyla). A mild one that goes away on its own is usually not a worry.",
        "Tell your team at your next visit. Call them sooner for a headache that is bad or does not go away, or one with bruising or bleeding, since Kadcyla can lower platelets. A sudden, very bad headache needs 911.",
      },
    }),
    next = "Next step: keep a note of when each headache starts and what helped.",
  },
  { -- why T-DM1 lowers platelets: its chemo part harms the marrow cells that make platelets (lab studies) and shortens platelet life (patient study)
    words = { "platelet" },
    also = WHY,
    facts = herald.facts("drug", {
      t_dm1 = {
        "T-DM1 (Kadcyla) often lowers platelets, the cells that help blood clot. Its chemo part seems to harm the young cells in the bone marrow that make platelets, and platelets in the blood also last a shorter time.",
        "The drop is usually mild, and your count is checked before each dose. If it falls too low, the dose can be delayed or lowered.",
      },
    }),
    next = "Next step: ask what your last platelet count was, and call your team about unusual bruising or bleeding.",
    sources = { "pub-tdm1-platelets" },
  },
  { -- the same pill in fertility care, asked as "why am I given it": an aromatase
    -- inhibitor lowers estrogen; after menopause that starves a hormone
    -- receptor-positive cancer (the letrozole label's use), while with working
    -- ovaries the brain answers the drop with a stronger signal that ripens an
    -- egg, so fertility doctors use a short course off-label (Front. Endocrinol.
    -- 2021 review). "Can I get pregnant on it" has no WHY word: the pregnancy card.
    words = { "fertility", "ovulat", "ivf", "in vitro", "conceive", "conceiving", "get pregnant", "have a baby",
      "infertil" },
    also = { "why", "reason", "point of", "how come", "also", "same", "logic", "make sense", "makes sense",
      "understand", "used for", "used by", "used in", "used to", "prescribed for", "prescribed to", "given to",
      "fertility drug", "fertility pill", "fertility med", "fertility treatment" },
    facts = herald.facts("drug", {
      aromatase_inhibitor = {
        "It is the same pill used in two different ways. Letrozole (Femara) and the other aromatase inhibitors block the enzyme the body uses to make estrogen.",
        "After menopause, most estrogen is made this way in fat and other tissues. Blocking it takes away the estrogen that a hormone receptor-positive cancer feeds on. That is the use the drug is approved for.",
        "In a younger woman whose ovaries still work, the brain notices the drop in estrogen and sends the ovaries a stronger signal, which helps an egg ripen. That is why fertility doctors sometimes give a short course. That is not what the pill does after menopause. Before menopause, it is used for breast cancer only together with a shot that switches off the ovaries, so they cannot answer this way.",
        "Any new growth, such as a cyst on an ovary, needs its own check. Ask your care team and your gynecologist what it is and whether it could be linked to the pill.",
      },
    }),
    next = "Next step: ask your oncologist why this pill was chosen for you, and what else could be used if it does not suit you.",
    sources = { "acs-hormone", "review-letrozole-fertility" },
  },
}

-- The entries with facts for each drug, in ASKED's order, made once here: a
-- question about a drug no entry names (Herceptin, most of them) scans no word
-- list, and the others scan only their own (docs/performance.md, the seventh
-- round). The answer is the one the full loop over ASKED would give.
local ASKED_BY = {}
for _, a in ipairs(ASKED) do
  for key in pairs(a.facts.by) do
    ASKED_BY[key] = ASKED_BY[key] or {}
    table.insert(ASKED_BY[key], a)
  end
end

local function asked_fact(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  local entries = d and ASKED_BY[key]
  if not entries then return nil end
  for _, a in ipairs(entries) do
    local text = q:mentions(a.words) and (not a.also or q:mentions(a.also)) and a.facts:of(key)
    if text then
      text[#text + 1] = a.next
      local srcs = copy(d.sources)
      for _, id in ipairs(a.sources or {}) do srcs[#srcs + 1] = id end
      return { text = text, sources = srcs, suggest = suggestions(d), remember = { drug = key, topic = "drug" } }
    end
  end
  return nil
end

-- "Can someone who already had Kadcyla still get Enhertu?": yes, said first.
-- The new drug name takes the question's slot, so the pair is read from the
-- message and the conversation (probe 9, R087). DESTINY-Breast01 (the 2019
-- approval) treated people whose cancer had grown after T-DM1.
local HAD_BEFORE = { "already had", "already got", "already been", "after kadcyla", "after t-dm1", "after tdm1",
  "had kadcyla", "been on kadcyla", "was on kadcyla", "were on kadcyla", "had t-dm1", "previously", "used kadcyla",
  "tried kadcyla", "after having kadcyla", "stopped working", "still get", "still have", "still be given" }
local TDXD_SAID = { "enhertu", "t-dxd", "tdxd", "deruxtecan", "in her two", "enhurtu" }
-- The safety layer's sentence for a "may I take it" question (core/engine/
-- safety_replies.c, decision take), said here after the yes: an answer that
-- already holds it does not get the deferral put in front of its first word.
-- Should the wording there change, the deferral simply comes first again.
local TAKE_DEFERRAL = "What is safe for you depends on your own health and the other medicines you take. Ask your oncology care team before you start, mix, stop or skip any medicine."
local TDXD_AFTER_TDM1 = {
  text = {
    "Yes. T-DXd (Enhertu) can be given after T-DM1 (Kadcyla). Its first approval, in 2019, came from a study of people whose cancer had grown after Kadcyla and other HER2 drugs.",
    "Having had Kadcyla before does not rule Enhertu out. T-DXd (Enhertu) is a different drug, with a different chemo part.",
    TAKE_DEFERRAL,
    "Next step: ask your care team whether T-DXd (Enhertu) fits what you have had so far.",
  },
  sources = { "label-tdxd", "nccn-metastatic" },
  suggest = { "What are the side effects of Enhertu?", "How is Enhertu given?", "What are the warnings for Enhertu?" },
  remember = { drug = "t_dxd", topic = "drug" },
}
local function tdxd_after_tdm1(q)
  local key = q.slots.drug
  -- Only these two drugs can answer: no word list is scanned for the others.
  if (key ~= "t_dm1" and key ~= "t_dxd") or not q:mentions(HAD_BEFORE) then return nil end
  local tdxd = q:mentions(TDXD_SAID) or q.context.drug == "t_dxd"
  if (key == "t_dm1" and tdxd) or (key == "t_dxd" and q:mentions({ "kadcyla", "t-dm1", "tdm1", "emtansine" })) then
    return TDXD_AFTER_TDM1
  end
  return nil
end

local function asked(q)
  return tdxd_after_tdm1(q) or asked_fact(q)
end

-- Right after a HER2-low answer, "so can I get Herceptin then?" asks whether the
-- classic HER2 drugs fit HER2-low: the answer is no, said plainly, with the drug
-- that is used (only the drugs with a her2_low entry; any other drug as usual).
local AFTER_LOW = { ["testing.her2_low"] = true, ["testing.low_vs_positive"] = true }
-- HER2-low told in the same message ("her2-low here, would perjeta work for me").
local LOW_SAID = { "her2 low", "her2-low", "her 2 low", "her two low", "her2low", "low her2", "low her 2" }
local ASKS_FOR = { "can ", "could ", "get ", "have ", "be on", "use ", "given", "give me", "eligible", "qualify", "option",
  "work for", "help me", "still ", "then" }

local function asks_after_low(q)
  local key = q.slots.drug
  local low = (q.previous and (AFTER_LOW[q.previous] or (q.previous == "testing.ihc_score" and q:slot("ihc_score") == "one")))
    or (q:mentions(LOW_SAID) and not q:mentions({ "positive", "her2+", "3+" }))
  return low and key and DRUGS[key] and DRUGS[key].her2_low and #q.text <= 80 and q:mentions(ASKS_FOR) and key
end

local function about_or_carried(q)
  local sz = seizure_history(q)
  if sz then return sz end
  local low = asks_after_low(q)
  if low then return drug_answer(low, "her2_low") end
  local fact = asked(q)
  if fact then return fact end
  local aspect = carried_aspect(q.previous)
  -- Only a short message that swaps the drug: a longer one asks its own question.
  if aspect and #q.text <= 60 and q:mentions(SWAP_FORMS, q.text) and q.slots.drug then
    return aspect_handler(aspect, "drug")(q)
  end
  return aspect_handler("about", "drug")(q)
end

-- "And for how long?" after a question about hormone pills with a HER2 drug
-- ("do I need hormone pills on top of Herceptin?"): the follow-up carries the
-- HER2 drug's name from the topic, but asks how long the hormone pills last.
-- Only when the follow-up itself names no drug (ACS hormone therapy page;
-- tamoxifen label: 5 years, some people up to 10).
local HORMONE_TOPICS = { ["treatment.hormone_therapy"] = true, ["se.hormone"] = true,
  ["testing.triple_positive"] = true, ["treatment.ai_menopause"] = true }
local HORMONE_DURATION = herald.fixed {
  text = {
    "Hormone pills are usually taken for at least 5 years, and for some people up to 10 years.",
    "They often start after chemo, and can be taken at the same time as a HER2 drug such as trastuzumab (Herceptin), which is usually given for about a year.",
    "Your care team decides how long is right for you, based on your cancer and how you feel on them.",
    "Next step: ask how long your plan is, and tell your team if side effects make the pills hard to keep taking.",
  },
  sources = { "acs-hormone", "label-tamoxifen" },
  suggest = { "What are the side effects of tamoxifen?", "What are aromatase inhibitors?", "How long is Herceptin given?" },
}
local NAMES_A_DRUG = { "herceptin", "trastuzumab", "perjeta", "pertuzumab", "phesgo", "hylecta", "kadcyla", "t-dm1",
  "enhertu", "t-dxd", "tukysa", "tucatinib", "nerlynx", "neratinib", "lapatinib", "tamoxifen", "letrozole",
  "anastrozole", "exemestane", "xeloda", "capecitabine", "chemo", "taxol", "paclitaxel", "docetaxel" }
local HORMONE_SAID = { "hormone pill", "hormone tablet", "hormone therap", "hormone treatment", "hormone blocker",
  "endocrine therap", "anti-estrogen", "antiestrogen", "anti-oestrogen" }
local function hormone_followup(q)
  if q.previous == nil or q:mentions(NAMES_A_DRUG, q.text or "") then return nil end
  if HORMONE_TOPICS[q.previous] or q:mentions(HORMONE_SAID) then return HORMONE_DURATION end
  return nil
end

-- "How long after my last Herceptin do we wait?" after a question about having a
-- baby, or with the baby named: the wait before trying to conceive is the
-- pregnancy entry of the drug's label (trastuzumab: 7 months after the last
-- dose), not how long the course lasts. Only for a drug that has that entry.
local FERTILITY_TOPICS = { ["life.fertility"] = true, ["drug.pregnancy"] = true,
  ["care.fertility_preservation"] = true, ["living.pregnancy_pause"] = true }
local WAIT_SAID = { "wait", "before we try", "before i try", "before trying", "start trying", "try again",
  "safe to try", "ok to try", "okay to try" }
local BABY_SAID = { "pregnan", "baby", "conceive", "have kids", "have children", "a family", "trying for" }
local function pregnancy_wait(q)
  local key = q:slot("drug")
  if not (key and DRUGS[key] and DRUGS[key].pregnancy) or not q:mentions(WAIT_SAID, q.text or "") then return nil end
  if FERTILITY_TOPICS[q.previous] or q:mentions(BABY_SAID) then return drug_answer(key, "pregnancy") end
  return nil
end
local function duration_followup(q)
  return hormone_followup(q) or pregnancy_wait(q)
end

-- Tamoxifen in a man: the usual card speaks of vaginal changes and the uterus.
-- Men on tamoxifen most often report hot flashes, a lower sex drive or
-- erection problems, tiredness, weight gain and mood changes; blood clots are
-- the serious risk (CancerCare's answer on tamoxifen in men; the label). Only
-- read when the drug is tamoxifen, so other questions pay nothing.
src("cancercare-tamoxifen-men", "How does tamoxifen affect men?", "CancerCare",
  "https://www.cancercare.org/questions/151")
local TAMOXIFEN_MEN = herald.fixed {
  text = {
    "Men take tamoxifen too. The side effects men report most are hot flashes, a lower sex drive or trouble with erections, tiredness, weight gain and mood changes.",
    "The rare but serious risk is a blood clot. Call your care team for a swollen, painful leg, and call 911 for chest pain or sudden shortness of breath.",
    "Next step: tell your care team about any side effect, sexual ones too. There is often help, and it may change how you feel about staying on it.",
  },
  sources = { "cancercare-tamoxifen-men", "label-tamoxifen" },
  suggest = { "How long do I take tamoxifen?", "Can men get breast cancer?", "Where can men with breast cancer find support?" },
}
local function tamoxifen_men(q)
  if q:slot("drug") == "tamoxifen" and q:about_a_man() then return TAMOXIFEN_MEN end
  return nil
end

-- IHC 0 asked with T-DXd: the testing plugin's card on 0 and ultralow.
local ZERO_SAID = { "ihc 0", "ihc0", "ihc zero", "ihc of 0", "ihc score of 0", "ihc score 0", "her2 0", "her2 zero",
  "her2 is 0", "her2 is zero", "her2 score 0", "her2 score of 0", "score of zero", "0 on ihc", "zero on ihc",
  "her2-0", "her2 null", "her2-null", "ihc 0+" }
-- When tamoxifen starts (blind grading 2026-12-07: "when do I start tamoxifen"
-- got what tamoxifen is for). Hormone therapy starts after chemo, not with it
-- (ACS, Hormone Therapy for Breast Cancer; NCCN patient guide), and it can go
-- alongside the HER2 antibodies and radiation; it lasts at least 5 years.
local WHEN_START = { "when do i start", "when will i start", "when should i start", "when does", "when do you start",
  "when to start", "when would i start", "when do they start", "start date", "after chemo", "same time",
  "at once", "together with", "alongside", "along with", "while on", "while i'm on", "while im on", "during chemo",
  "during herceptin", "during radiation", "with herceptin", "with my herceptin", "with trastuzumab", "with radiation",
  "when will i begin", "when do i begin", "when should i begin", "once chemo", "chemo is over", "chemo is done", "chemo ends",
  "finish chemo", "finished chemo", "after my chemo",
  "before radiation", "after radiation", "how soon", "timing" }
local TAMOXIFEN_TIMING = herald.fixed {
  text = {
    "Tamoxifen usually starts once chemo is finished. It is not given at the same time as chemo.",
    "If you are still getting trastuzumab (Herceptin), with or without pertuzumab (Perjeta), tamoxifen can usually start while those go on. The HER2 drugs and tamoxifen work in different ways, and they are often given side by side. Radiation may come before tamoxifen starts or overlap with it, as your team plans.",
    "Tamoxifen is then taken for at least 5 years, and sometimes for 10. Your team sets your start date.",
    "Next step: ask your oncologist when your tamoxifen will start and how long you will take it.",
  },
  sources = { "acs-hormone", "nccn-invasive", "label-tamoxifen" },
  suggest = { "What are the side effects of tamoxifen?", "How long do I take Herceptin for?", "Tamoxifen or aromatase inhibitor?" },
  remember = { drug = "tamoxifen", topic = "drug" },
}
local function tamoxifen_timing(q)
  if q:slot("drug") == "tamoxifen" and q:mentions(WHEN_START) then return TAMOXIFEN_TIMING end
end
-- Stopping a hormone pill to get pregnant ("could she just quit her tamoxifen to
-- get pregnant?": blind patient probe 16) is the planned pause, living.lua's card,
-- which says first not to stop alone.
local PAUSE_STOP = { "stop", "quit", "come off", "coming off", "go off", "get off", "give up", "ditch", "skip" }
local function pause_asked(q)
  local key = q:slot("drug")
  if (key == "tamoxifen" or key == "aromatase_inhibitor") and q:mentions(PAUSE_STOP) then
    return herald.hand_over("living.pregnancy_pause")
  end
  return nil
end
for _, a in ipairs({ "duration", "side_effects", "warnings", "pregnancy" }) do
  local h = aspect_handler(a, "drug")
  local first = (a == "duration" and duration_followup) or (a == "side_effects" and tamoxifen_men)
    or (a == "pregnancy" and pause_asked) or function() return nil end
  herald.on("drug." .. a, function(q) return first(q) or seizure_history(q) or asked(q) or h(q) end)
end
herald.on("drug.given", function(q) return tamoxifen_timing(q) or asked(q) or given_handler(q) end)
-- "Why does my first Herceptin take so long?" is asked with "why", which routes
-- to drug.used_for (clinical review 2026-12-07d: it got what trastuzumab is used
-- for); the first-infusion card answers it.
local FIRST_LONG = { "take so long", "takes so long", "taking so long", "took so long", "take longer", "takes longer",
  "so slow", "run so slow", "drip so slow", "so many hours", "hours long" }
herald.on("drug.used_for", function(q)
  if q:slot("drug") == "trastuzumab" and q:mentions({ "first" }) and q:mentions(FIRST_LONG) then return FIRST_INFUSION end
  local timing = tamoxifen_timing(q)
  if timing then return timing end
  if q:slot("drug") == "t_dxd" and q:mentions(ZERO_SAID) then return herald.hand_over("testing.zero_tdxd") end
  local sz = seizure_history(q)
  if sz then return sz end
  local low = asks_after_low(q)
  if low then return drug_answer(low, "her2_low") end
  return asked(q) or aspect_handler("used_for", "drug")(q)
end)
herald.on("drug.about", about_or_carried)
local side_effects_of = aspect_handler("side_effects", "drug")
herald.on("drug.side_effects_of", function(q)
  local men = tamoxifen_men(q)
  if men then return men end
  return asked(q) or side_effects_of(q)
end)
herald.on("drug.mention", about_or_carried)
herald.on("drug.is_chemo", aspect_handler("chemo", "drug"))
for _, a in ipairs({ "about", "given", "duration", "used_for", "side_effects" }) do
  herald.on("regimen." .. a, aspect_handler(a, "regimen"))
end
herald.on("regimen.mention", aspect_handler("about", "regimen"))
herald.on("regimen.side_effects_of", aspect_handler("side_effects", "regimen"))
-- Facets (docs/intents.md, Conversation, Facets): after the card on a
-- regimen, "how often are the infusions?" asks its schedule. (After a drug's
-- card, "how often?" already routes to drug.given, which takes the drug from
-- the conversation.)
for _, topic in ipairs({ "about", "mention" }) do
  herald.on("regimen." .. topic .. ".how_often", aspect_handler("given", "regimen"))
end

-- A shorter course of trastuzumab, often asked because the heart's number fell
-- (blind patient probe 2026-12-07). Never a yes or no: the safety layer adds
-- the stop deferral when it is asked as a decision. PERSEPHONE (UK, 4,088
-- people, Lancet 2019): 6 months was non-inferior to 12 for 4-year
-- disease-free survival, with less heart toxicity (NIHR HTA 24/40 headline).
-- PHARE (France, 3,384 people, Lancet 2019): non-inferiority of 6 months not
-- shown, and its authors kept 12 months as the standard. A falling ejection
-- fraction: the label's holds and rechecks every 4 weeks; heart medicines and
-- a cardiologist (CardioSmart). Other drugs asked this way get drug.stop.
src("pmc-persephone", "6 versus 12 months of adjuvant trastuzumab for HER2-positive early breast cancer (PERSEPHONE), Lancet 2019",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC6615016")
src("pmc-persephone-heart", "Cardiac events in the PERSEPHONE trial of 6 versus 12 months of adjuvant trastuzumab, Br J Cancer 2017",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC5155357")
src("ascopost-phare", "Final Analysis of the PHARE Trial: 6 Months vs 12 Months of Adjuvant Trastuzumab in HER2-Positive Breast Cancer",
  "The ASCO Post", "https://ascopost.com/News/60194")
src("cardiosmart-cardiotox", "Living With Cardiotoxicity", "CardioSmart, American College of Cardiology",
  "https://cardiosmart.org/topics/cancer-treatment-and-your-heart/breast-cancer-and-your-heart/living-with-cardiotoxicity")
local TRASTUZUMAB_FAMILY = { trastuzumab = true, herceptin_hylecta = true, phesgo = true }
local SHORTER_HEART = { "heart", " ef ", "ejection", "lvef", "pumping", "echo", "muga", "cardio" }
-- How a falling heart number is handled: said the same in the early and the
-- spread cancer cards on a shorter course.
local EF_FALLS = "When the heart's pumping number, the ejection fraction, falls by 16 points or more, or by 10 or more to below normal, the trastuzumab label says to hold it for at least 4 weeks and check again about every 4 weeks. Heart medicines may be started. Often the number comes back up and treatment goes on."
local TRASTUZUMAB_SHORTER = herald.fixed {
  text = {
    "For early breast cancer, trastuzumab (Herceptin) is usually given for about a year. Whether to stop sooner is a choice you make with your care team, not one to make alone.",
    "Two large trials compared 6 months with 12. In a UK trial called PERSEPHONE, 6 months did about as well over 4 years, with fewer heart side effects. In a French trial called PHARE, 6 months could not be shown to be as good, so a year is still the usual plan. Trial results are for groups and cannot say what is best for one person.",
    EF_FALLS,
    "Questions to ask: How much has my number dropped, and what number would make you pause? What would a shorter course mean for my own risk? Should a heart doctor see me?",
  },
  sources = { "pmc-persephone", "ascopost-phare", "label-trastuzumab", "cardiosmart-cardiotox" },
  suggest = { "What heart tests are done on Herceptin?", "What heart symptoms should I watch for?", "How long do I take Herceptin for?" },
  remember = { drug = "trastuzumab", topic = "drug" },
}
-- Phesgo and Herceptin Hylecta carry trastuzumab: said first, so the card's
-- trastuzumab sentences belong to the drug asked about.
local CARRIES_TRASTUZUMAB = {
  phesgo = "Phesgo holds trastuzumab (Herceptin) and pertuzumab (Perjeta) in one shot under the skin, so what follows is about its trastuzumab. The trials below gave trastuzumab without pertuzumab.",
  herceptin_hylecta = "Herceptin Hylecta is trastuzumab (Herceptin) given as a shot under the skin, so what follows applies to it too.",
}
-- Asked with cancer that has spread (review after the fifteenth round): the
-- 6-versus-12-month trials were for early cancer; in stage 4 trastuzumab goes
-- on while it works (the label: until the disease progresses).
local TRASTUZUMAB_SPREAD = herald.fixed {
  text = {
    "The trials of 6 months against a year of trastuzumab (Herceptin) were for early breast cancer, treated to cure it. They do not apply when the cancer has spread.",
    "When HER2-positive cancer has spread (stage 4), trastuzumab is usually given for as long as it keeps the cancer under control and the side effects can be managed, not for a set time. Whether to stop or pause is a choice you make with your care team.",
    EF_FALLS,
    "Questions to ask: How much has my number dropped? What are my options if we pause? Should a heart doctor see me?",
  },
  sources = { "label-trastuzumab", "cardiosmart-cardiotox" },
  suggest = { "What heart tests are done on Herceptin?", "What heart symptoms should I watch for?", "What comes after Enhertu stops working?" },
  remember = { drug = "trastuzumab", topic = "drug" },
}
-- The oncologist proposing the shorter course ("my oncologist wants to stop
-- herceptin at 6 months because of my heart", "doctor suggested only 6 months
-- of trastuzumab"): the team's proposal, not the writer wanting to stop
-- (clinical review 2026-12-07). What the trials found and what to ask them.
-- PERSEPHONE's cardiac report (Earl et al., Br J Cancer 2017, PMC5155357):
-- heart problems stopped treatment early half as often with 6 months.
local CLINICIAN = { "oncologist", "onc ", "doctor", "doc ", "dr ", "team", "consultant", "cardiologist", "nurse", "they " }
local PROPOSES = { "want", "suggest", "recommend", "offer", "propos", "advis", "said", "says", "think", "mention", "raised",
  "talking about", "consider", "plan", "going to", "decided", "would like", "told me", "brought up", "asked if",
  "asked whether", "floated" }
-- The writer's own wish to stop, told beside the doctor's view ("my doctor
-- wants me to finish but I want to stop at 6 months"), is the usual card.
local OWN_WISH = { "i want to stop", "i want to quit", "i want to end", "i want to come off", "i wanna stop",
  "i'd like to stop", "id like to stop", "i would like to stop", "can i stop", "could i stop", "should i stop",
  "thinking of stopping", "thinking about stopping", "i decided to stop", "i've decided to stop", "i want to finish early" }
local function clinician_proposes(q)
  local m = " " .. (q.message or q.text or ""):lower() .. " "
  if q:mentions(OWN_WISH, m) then return false end
  for _, who in ipairs(CLINICIAN) do
    local at = m:find(who, 1, true)
    while at do
      local after = m:sub(at + #who, at + #who + 40)
      for _, verb in ipairs(PROPOSES) do
        if after:find(verb, 1, true) then return true end
      end
      at = m:find(who, at + 1, true)
    end
  end
  return false
end
local TRASTUZUMAB_PROPOSED = herald.fixed {
  text = {
    "When your oncologist suggests stopping trastuzumab (Herceptin) at 6 months, for example because of the heart, it is their proposal to talk through with you. For early breast cancer, about a year is the usual course.",
    TRASTUZUMAB_SHORTER.text[2],
    "In PERSEPHONE, heart problems cut treatment short about half as often with 6 months as with 12.",
    "Questions to ask your oncologist: Why 6 months for me, and how much has my heart number dropped? What would stopping early mean for my own risk of the cancer coming back? Could a pause and heart medicines let me finish the year? Should a heart doctor see me?",
  },
  sources = { "pmc-persephone", "pmc-persephone-heart", "ascopost-phare", "label-trastuzumab" },
  suggest = { "What heart tests are done on Herceptin?", "What heart symptoms should I watch for?", "How long do I take Herceptin for?" },
  remember = { drug = "trastuzumab", topic = "drug" },
}
-- Not SPREAD_SAID: "came back" is said of a heart number too ("my EF came back at 50").
local SPREAD_TOLD = { "spread", "metasta", "stage 4", "stage iv", "stage four", "advanced cancer", "in my bones",
  "in her bones", "in my liver", "in her liver", "in my lungs", "in her lungs", "in my brain", "in her brain" }
herald.on("drug.trastuzumab_shorter", function(q)
  local key = q:slot("drug")
  if key and not TRASTUZUMAB_FAMILY[key] then return herald.hand_over("drug.stop") end
  if q:mentions(SPREAD_TOLD, " " .. (q.message or q.text or "") .. " ") then return TRASTUZUMAB_SPREAD end
  if (key == nil or key == "trastuzumab") and clinician_proposes(q) then return TRASTUZUMAB_PROPOSED end
  if not CARRIES_TRASTUZUMAB[key or ""] then return TRASTUZUMAB_SHORTER end
  local text = { CARRIES_TRASTUZUMAB[key] }
  for _, line in ipairs(TRASTUZUMAB_SHORTER.text) do text[#text + 1] = line end
  return { text = text, sources = TRASTUZUMAB_SHORTER.sources, suggest = TRASTUZUMAB_SHORTER.suggest,
    remember = { drug = key, topic = "drug" } }
end)

-- Stopping a drug: never a yes or no (the safety layer adds that the care team
-- decides), but why it matters and what can help instead. The drug's own
-- duration sentence names it; the rest names no drug.
local STOP_KIND = {
  hormone = "Hormone pills work over years. Taking them for the full time lowers the chance of the cancer coming back.",
  tki = "Pills work only while you take them, so the plan counts on every dose.",
  antibody = "HER2 drugs work best when the whole course is given.",
  adc = "HER2 drugs work best when the whole course is given.",
  chemo = "Chemo works best when the planned doses are given.",
  bone = "Stopping some bone drugs suddenly can raise the risk of broken bones.",
}

-- A plan offered without chemo, feared as the team giving up ("offered Herceptin
-- with letrozole instead of chemo, is that real treatment or giving up on me?",
-- clinical review 2026-12-07d: drug.stop answered "stopping a cancer drug early
-- can let the cancer grow"): the HER2-drug-with-a-pill card. The writer's own
-- wish to stop ("I want to give up my letrozole") stays here.
local FEEL_FINE = { "feel fine", "feel good", "feel great", "feel well", "feeling fine", "feeling good", "feeling great",
  "feeling well", "doing well", "doing fine", "doing great", "no symptoms", "feel normal", "feeling normal", "cancer is gone",
  "cancer's gone", "no cancer left", "all clear", "clear scan", "scans are clear", "in remission", "nothing left" }
local FEEL_FINE_LINE = "Feeling well is good news, but it does not mean the course is done. After surgery, these drugs work against cancer cells too small to see or feel, so you cannot tell from how you feel whether they are still needed."
local NO_CHEMO = { "instead of chemo", "without chemo", "no chemo", "rather than chemo", "in place of chemo", "not chemo" }
herald.on("drug.stop", function(q)
  if q:mentions(REAL_TREATMENT) and q:mentions(PILL_SAID) and q:mentions(NO_CHEMO) then return her2_with_pill(q) end
  local key = q:slot("drug")
  -- Stopping trastuzumab because of the heart: the shorter-course card.
  if TRASTUZUMAB_FAMILY[key or ""] and q:mentions(SHORTER_HEART, " " .. (q.message or q.text or "") .. " ") then return herald.hand_over("drug.trastuzumab_shorter") end
  local d = key and DRUGS[key]
  if not d then return WHICH_DRUG end
  -- "I feel fine, can I stop early?" (blind grading 2026-12-07): feeling well is
  -- what the team hopes for, not a sign the course is done; after surgery the
  -- drugs aim at cancer cells too small to find (NCI, adjuvant therapy).
  local text = { "Stopping a cancer drug early can let the cancer grow or come back.", d.duration[1] }
  if q:mentions(FEEL_FINE) then text[#text + 1] = FEEL_FINE_LINE end
  text[#text + 1] = STOP_KIND[d.kind]
  text[#text + 1] = d.kind == "antibody"
    and "If side effects are the reason, tell your team. A short break, medicine for the side effect, or another drug can often help."
    or "If side effects are the reason, tell your team. A lower dose, a short break, another drug, or medicine for the side effect can often help."
  text[#text + 1] = "Next step: write down why you want to stop, and talk it over with your care team before you stop or skip anything."
  return {
    text = text,
    sources = d.sources,
    suggest = { label("side_effects", d), label("duration", d), "How can I manage side effects?" },
    remember = { drug = key, topic = "drug" },
  }
end)

-- "Is Herceptin immunotherapy?": the word means checkpoint drugs to most
-- people; HER2 antibodies work partly through immune cells, the others not.
src("nci-immunotherapy", "Immunotherapy to Treat Cancer", "National Cancer Institute",
  "https://www.cancer.gov/about-cancer/treatment/types/immunotherapy")
local IMMUNO_KIND = {
  antibody = "a targeted drug that locks onto HER2. It is not a checkpoint drug, the usual kind of immune therapy. But it does help your immune cells find and attack cancer cells with HER2.",
  adc = "an antibody joined to a chemo drug. The antibody carries the chemo to cells that carry HER2, and can also help immune cells find them. It is a targeted drug, not immunotherapy.",
  tki = "a targeted pill that blocks HER2 signals inside the cancer cell. It is not immunotherapy.",
  chemo = "chemotherapy. It kills cells that grow fast. It is not immunotherapy.",
  hormone = "hormone therapy, not immunotherapy. Hormone therapy blocks the estrogen some cancers need to grow.",
  bone = "used to protect the bones, not immunotherapy.",
}

herald.on("drug.is_immuno", function(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  if not d then return WHICH_DRUG end
  local srcs = copy(d.sources)
  srcs[#srcs + 1] = "nci-immunotherapy"
  return {
    text = {
      cap(d.name) .. (d.plural and " are " or " is ") .. IMMUNO_KIND[d.kind],
      "Checkpoint drugs, such as pembrolizumab (Keytruda), take the brakes off immune cells. They are used mostly for other types of breast cancer, such as triple-negative.",
      "Next step: ask your care team what kind of drug each part of your plan is.",
    },
    sources = srcs,
    suggest = { label("about", d), label("side_effects", d), "What is targeted therapy?" },
    remember = { drug = key, topic = "drug" },
  }
end)

-- What a year of neratinib adds after trastuzumab (probe 7, P88): ExteNET, 5-year
-- analysis (Lancet Oncology 2017): invasive disease-free survival about 90.2% against
-- 87.7% on placebo; the gain was larger with hormone receptor-positive cancer started
-- within a year of trastuzumab (about 5 points, Clin Breast Cancer 2021). People in it
-- had trastuzumab-based plans, before pertuzumab or T-DM1 after surgery. The label now
-- asks for diarrhea prevention from the first dose.
src("pub-extenet", "Neratinib after trastuzumab-based adjuvant therapy in HER2-positive breast cancer (ExteNET): 5-year analysis, Lancet Oncology 2017",
  "PubMed, National Library of Medicine", "https://pubmed.ncbi.nlm.nih.gov/29146401/")
herald.answer("drug.neratinib_benefit", {
  text = {
    "Neratinib (Nerlynx) is a pill taken for one more year after trastuzumab (Herceptin) ends, to lower the chance of the cancer coming back.",
    "The main study was called ExteNET. After 5 years, about 90 in 100 people on neratinib were free of invasive cancer. On a dummy pill it was about 88 in 100. The gain was bigger when the cancer was also hormone receptor-positive and the pill started within a year of trastuzumab. These are figures for a group. They cannot say what will happen to one person. Most people in the study had not had pertuzumab (Perjeta) or T-DM1 (Kadcyla), so the gain after those drugs is less clear.",
    "Diarrhea is the main side effect. It is worst in the first month. Medicine to stop it from the first dose, or a low first dose that builds up, makes it much easier.",
    "Next step: ask your doctor how much it might lower your own risk, how the diarrhea plan works, and what happens if you need to stop.",
  },
  sources = { "label-neratinib", "pub-extenet" },
  suggest = { "How is Nerlynx taken?", "How do I manage diarrhea?", "What are the side effects of Nerlynx?" },
  remember = { drug = "neratinib", topic = "drug" },
})

-- From the drips to a shot: Phesgo (both antibodies) and Herceptin Hylecta
-- (trastuzumab) are given under the skin in minutes; the labels give the
-- times and the watch afterwards.
local SHOT_INSTEAD = herald.fixed {
  text = {
    "Often, yes. Phesgo is trastuzumab (Herceptin) and pertuzumab (Perjeta) together in one shot under the skin of the thigh. Herceptin Hylecta is trastuzumab alone as a shot. They work like the IV drips.",
    "The Phesgo shot takes about 5 to 8 minutes, and then you are watched for 15 to 30 minutes. The IV drips take 30 to 90 minutes each. Chemo, if you still have it, is still given by IV.",
    "Your team decides whether a shot fits your plan, and your insurance may matter.",
    "Next step: ask at your next visit whether you can move to the shot.",
  },
  sources = { "label-phesgo", "label-hylecta", "label-trastuzumab" },
  suggest = { "What are the side effects of Phesgo?", "Can I inject Phesgo myself?", "How is Phesgo given?" },
}
-- The shots are forms of trastuzumab and pertuzumab only. Asked of another
-- drug ("can Kadcyla be given under the skin?", "is there an injection form
-- of Enhertu?"), the answer is how that drug is given, not "Often, yes".
local HAS_SHOT = { trastuzumab = true, pertuzumab = true, phesgo = true, herceptin_hylecta = true }
local NO_SHOT_SAID = { "kadcyla", "t-dm1", "tdm1", "t dm1", "enhertu", "t-dxd", "tdxd", "t dxd", "tukysa", "tucatinib",
  "nerlynx", "neratinib", "tykerb", "lapatinib", "margenza", "margetuximab", "xeloda", "capecitabine", "taxol",
  "paclitaxel", "taxotere", "docetaxel" }
local ONLY_TWO_SHOTS = herald.fixed {
  text = {
    "Only two HER2 medicines come as a shot under the skin: trastuzumab alone, as Herceptin Hylecta, and trastuzumab with pertuzumab, as Phesgo.",
    "The other HER2 drugs are given by IV drip, such as T-DM1 (Kadcyla) and T-DXd (Enhertu), or taken as pills, such as tucatinib (Tukysa) and neratinib (Nerlynx).",
    "Next step: ask your team how your own medicine is given and how long each visit takes.",
  },
  sources = { "label-phesgo", "label-hylecta", "label-tdm1", "label-tdxd" },
  suggest = { "How is Kadcyla given?", "How is Enhertu given?", "What is Phesgo?" },
}
herald.on("drug.shot_instead", function(q)
  local d = q:slot("drug")
  if d and not HAS_SHOT[d] then return herald.hand_over("drug.given") end
  if not d and q:mentions(NO_SHOT_SAID) then return ONLY_TWO_SHOTS end
  return SHOT_INSTEAD
end)

-- Dose questions: the team works out the dose; here is how. Without a drug,
-- the general picture.
-- "Why was the first dose bigger?": what a loading dose is for.
local FIRST = { "first", "initial", "1st" }
local BIGGER = { "bigger", "larger", "higher", "double", "twice" }
local LOADING_LINE = "A loading dose is a bigger first dose. It brings the drug up to a working level in the blood quickly, and the smaller doses after it keep it there."

herald.on("drug.dose", function(q)
  local key = q:slot("drug")
  local fact = asked(q)
  if fact then return fact end
  if key and DRUGS[key] then
    local a = drug_answer(key, "dose")
    if q:mentions({ "loading" }) or (q:mentions(FIRST) and q:mentions(BIGGER)) then table.insert(a.text, 1, LOADING_LINE) end
    return a
  end
  return {
    text = {
      "Your care team works out your dose. It depends on the drug.",
      "Trastuzumab (Herceptin) by IV, T-DM1 (Kadcyla) and T-DXd (Enhertu) are dosed by weight. Pertuzumab (Perjeta), Phesgo, Herceptin Hylecta and the HER2 pills are set doses. Most chemo is worked out from your height and weight, and carboplatin from a kidney test.",
      "Doses can be lowered for side effects or blood test results, and a pharmacist checks each one.",
      GENERAL.dose_next,
    },
    sources = { "label-trastuzumab", "label-tdxd", "acs-chemo" },
    suggest = { "How is Herceptin given?", "What are the side effects of chemo?", "When should I call my care team?" },
  }
end)

-- Breastfeeding: per drug, or the general picture.
local function breastfeeding(q)
  local key = q:slot("drug")
  if key and DRUGS[key] then return drug_answer(key, "breastfeeding") end
  return {
    text = {
      "Breastfeeding is not advised during chemo, HER2 drugs or hormone therapy, because the drugs can pass into milk.",
      "How long to wait after the last dose depends on the drug. For trastuzumab (Herceptin), pertuzumab (Perjeta), T-DM1 (Kadcyla) and T-DXd (Enhertu), labels point to about 7 months. Pills such as tucatinib (Tukysa) clear in about a week.",
      "After surgery or radiation, the treated breast may make little milk, but the other breast often can.",
      GENERAL.breastfeeding_next,
    },
    sources = { "label-trastuzumab", "label-tdxd", "label-tucatinib", "nci-pregnancy" },
    suggest = { "Can I get pregnant after breast cancer?", "What is Herceptin?", "What birth control can I use during treatment?" },
  }
end
herald.on("drug.breastfeeding", breastfeeding)
-- A facet (docs/intents.md, Conversation, Facets): after the card on a drug in
-- pregnancy, "and breastfeeding?" asks that.
herald.on("drug.pregnancy.breastfeeding", breastfeeding)

-- The HER2 pills as a group.
herald.on("drug.her2_pills", function()
  return {
    text = {
      "Three HER2 pills are approved in the US: tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb). They block HER2 from inside the cell. Pyrotinib is used in China.",
      "Tucatinib (Tukysa), with trastuzumab and capecitabine, is used when cancer has spread, and it works in the brain. Neratinib (Nerlynx) is taken for a year after trastuzumab in early cancer, or later with capecitabine. Lapatinib (Tykerb) is an older choice.",
      "Diarrhea is common with all three, and the liver is checked with blood tests. They also mix badly with some other medicines.",
      "Next step: ask your team for a diarrhea plan, and show your pharmacist every medicine you take.",
    },
    sources = { "label-tucatinib", "label-neratinib", "label-lapatinib", "acs-targeted" },
    suggest = { "What is tucatinib?", "What is neratinib?", "How can I prevent diarrhea on neratinib?" },
  }
end)

-- Phesgo and Herceptin Hylecta are injected by a health professional.
herald.on("drug.self_inject", function(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  if d and (d.kind == "tki" or key == "capecitabine" or key == "tamoxifen" or key == "aromatase_inhibitor") then
    local text = copy(d.given)
    text[#text + 1] = "There is nothing to inject. Follow the plan your care team gives you."
    return {
      text = text,
      sources = d.sources,
      suggest = suggestions(d, "given"),
      remember = { drug = key, topic = "drug" },
    }
  end
  return {
    text = {
      "No. Phesgo and Herceptin Hylecta are shots under the skin, but you do not give them yourself.",
      "A nurse or other health professional gives them, in the clinic or sometimes at home.",
      "The shot takes about 2 to 8 minutes, and you are watched for a short time after.",
      "Ask your care team where you will get it.",
    },
    sources = { "label-phesgo", "label-hylecta" },
    suggest = { "What is Phesgo?", "What is Herceptin Hylecta?", "What are the side effects of Phesgo?" },
    remember = { drug = (key == "herceptin_hylecta") and key or "phesgo", topic = "drug" },
  }
end)

-- Comparisons: find the drugs named, in order.
-- Every phrase of slot drug (intents/vocabulary.intents), longest first.
local ALIASES = {
  { "pertuzumab[ %-]?trastuzumab[ %-]?and[ %-]?hyaluronidase", "phesgo" },
  { "pertuzumab[ %-]?and[ %-]?trastuzumab[ %-]?injection", "phesgo" },
  { "pertuzumab[ %-]?trastuzumab[ %-]?hyaluronidase", "phesgo" },
  { "trastuzumab[ %-]?and[ %-]?hyaluronidase", "herceptin_hylecta" },
  { "ovarian[ %-]?function[ %-]?suppression", "ovarian_suppression" },
  { "fam[ %-]?trastuzumab[ %-]?deruxtecan", "t_dxd" },
  { "trastuzumab[ %-]?hyaluronidase", "herceptin_hylecta" },
  { "ado[ %-]?trastuzumab[ %-]?emtansine", "t_dm1" },
  { "subcutaneous[ %-]?trastuzumab", "herceptin_hylecta" },
  { "trastuzumab[ %-]?biosimilar", "trastuzumab" },
  { "subcutaneous[ %-]?herceptin", "herceptin_hylecta" },
  { "ovarian[ %-]?suppression", "ovarian_suppression" },
  { "trastuzumab[ %-]?deruxtecan", "t_dxd" },
  { "trastuzumab[ %-]?emtansine", "t_dm1" },
  { "herceptin[ %-]?biosimilar", "trastuzumab" },
  { "herceptin[ %-]?high[ %-]?lecta", "herceptin_hylecta" },
  { "cyclophosphamide", "cyclophosphamide" },
  { "herceptin[ %-]?injection", "herceptin_hylecta" },
  { "aromatase[ %-]?inhibitor", "aromatase_inhibitor" },
  { "herceptin[ %-]?hylecta", "herceptin_hylecta" },
  { "ado[ %-]?trastuzumab", "t_dm1" },
  { "zoledronic[ %-]?acid", "bone_drug" },
  { "herceptin[ %-]?shot", "herceptin_hylecta" },
  { "capecitabine%'s", "capecitabine" },
  { "nab[ %-]?paclitaxel", "paclitaxel" },
  { "bisphosphonate", "bone_drug" },
  { "carboplatinum", "carboplatin" },
  { "herceptin[ %-]?iv", "trastuzumab" },
  { "herceptin[ %-]?sc", "herceptin_hylecta" },
  { "pertuzumab%'s", "pertuzumab" },
  { "margetuximab", "margetuximab" },
  { "margetuxumab", "margetuximab" },
  { "capecitabine", "capecitabine" },
  { "capecitibine", "capecitabine" },
  { "doxorubicin", "doxorubicin" },
  { "adriamycin", "doxorubicin" },
  { "red[ %-]?devil", "doxorubicin" },
  { "epirubicin", "epirubicin" },
  { "weekly[ %-]?taxol", "paclitaxel" },
  { "trastuzumab", "trastuzumab" },
  { "herceptin%'s", "trastuzumab" },
  { "trastuzamab", "trastuzumab" },
  { "trastazumab", "trastuzumab" },
  { "trastuzimab", "trastuzumab" },
  { "trastusumab", "trastuzumab" },
  { "in[ %-]?hurt[ %-]?two", "t_dxd" },
  { "tucatinib%'s", "tucatinib" },
  { "lapatinib%'s", "lapatinib" },
  { "neratinib%'s", "neratinib" },
  { "pyrotinib%'s", "pyrotinib" },
  { "capecitabin", "capecitabine" },
  { "pacli[ %-]?taxel", "paclitaxel" },
  { "carboplatin", "carboplatin" },
  { "anastrozole", "aromatase_inhibitor" },
  { "zoledronate", "bone_drug" },
  { "herceptine", "trastuzumab" },
  { "her[ %-]?set[ %-]?in", "trastuzumab" },
  { "her[ %-]?septin", "trastuzumab" },
  { "hercept[ %-]?in", "trastuzumab" },
  { "high[ %-]?lecta", "herceptin_hylecta" },
  { "pertuzumab", "pertuzumab" },
  { "pertuzamab", "pertuzumab" },
  { "cad[ %-]?scilla", "t_dm1" },
  { "in[ %-]?her[ %-]?two", "t_dxd" },
  { "en[ %-]?her[ %-]?two", "t_dxd" },
  { "deruxtecan", "t_dxd" },
  { "tuka[ %-]?tinib", "tucatinib" },
  { "too[ %-]?kai[ %-]?sa", "tucatinib" },
  { "paclitaxel", "paclitaxel" },
  { "paclitaxol", "paclitaxel" },
  { "doce[ %-]?taxel", "docetaxel" },
  { "paraplatin", "carboplatin" },
  { "tamoxifene", "tamoxifen" },
  { "exemestane", "aromatase_inhibitor" },
  { "leuprolide", "ovarian_suppression" },
  { "herceptin", "trastuzumab" },
  { "hercepton", "trastuzumab" },
  { "herseptin", "trastuzumab" },
  { "hurceptin", "trastuzumab" },
  { "trazimera", "trastuzumab" },
  { "ontruzant", "trastuzumab" },
  { "goserelin", "ovarian_suppression" },
  { "per[ %-]?jetta", "pertuzumab" },
  { "perjeta%'s", "pertuzumab" },
  { "kadcyla%'s", "t_dm1" },
  { "emtansine", "t_dm1" },
  { "enhertu%'s", "t_dxd" },
  { "tucatinib", "tucatinib" },
  { "tucatanib", "tucatinib" },
  { "lapatinib", "lapatinib" },
  { "lapatanib", "lapatinib" },
  { "neratinib", "neratinib" },
  { "nur[ %-]?links", "neratinib" },
  { "ner[ %-]?links", "neratinib" },
  { "neratanib", "neratinib" },
  { "nerlynx%'s", "neratinib" },
  { "mar[ %-]?genza", "margetuximab" },
  { "pyrotinib", "pyrotinib" },
  { "pyrotanib", "pyrotinib" },
  { "docetaxel", "docetaxel" },
  { "docetaxol", "docetaxel" },
  { "tamoxifen", "tamoxifen" },
  { "tamoxifin", "tamoxifen" },
  { "letrozole", "aromatase_inhibitor" },
  { "denosumab", "bone_drug" },
  { "kanjinti", "trastuzumab" },
  { "hercessi", "trastuzumab" },
  { "hi[ %-]?lecta", "herceptin_hylecta" },
  { "per[ %-]?jeta", "pertuzumab" },
  { "perjetta", "pertuzumab" },
  { "perjecta", "pertuzumab" },
  { "phesgo%'s", "phesgo" },
  { "t[ %-]?dm[ %-]?one", "t_dm1" },
  { "cad[ %-]?sila", "t_dm1" },
  { "kad[ %-]?sila", "t_dm1" },
  { "in[ %-]?her[ %-]?2", "t_dxd" },
  { "enhertoo", "t_dxd" },
  { "tukysa%'s", "tucatinib" },
  { "tie[ %-]?kerb", "lapatinib" },
  { "margenza", "margetuximab" },
  { "xeloda%'s", "capecitabine" },
  { "abraxane", "paclitaxel" },
  { "taxotere", "docetaxel" },
  { "taxatere", "docetaxel" },
  { "nolvadex", "tamoxifen" },
  { "soltamox", "tamoxifen" },
  { "arimidex", "aromatase_inhibitor" },
  { "aromasin", "aromatase_inhibitor" },
  { "cytoxan", "cyclophosphamide" },
  { "zoladex", "ovarian_suppression" },
  { "herzuma", "trastuzumab" },
  { "hylecta", "herceptin_hylecta" },
  { "perjeta", "pertuzumab" },
  { "tdm[ %-]?one", "t_dm1" },
  { "kadcyla", "t_dm1" },
  { "cadsila", "t_dm1" },
  { "kadsyla", "t_dm1" },
  { "kadcila", "t_dm1" },
  { "t[ %-]?d[ %-]?x[ %-]?d", "t_dxd" },
  { "enhertu", "t_dxd" },
  { "enhurtu", "t_dxd" },
  { "enhurto", "t_dxd" },
  { "nerlynx", "neratinib" },
  { "nerlinx", "neratinib" },
  { "reclast", "bone_drug" },
  { "ellence", "epirubicin" },
  { "ogivri", "trastuzumab" },
  { "phesgo", "phesgo" },
  { "fez[ %-]?go", "phesgo" },
  { "fes[ %-]?go", "phesgo" },
  { "phesco", "phesgo" },
  { "t[ %-]?dm[ %-]?1", "t_dm1" },
  { "t[ %-]?dx[ %-]?d", "t_dxd" },
  { "tukysa", "tucatinib" },
  { "tukisa", "tucatinib" },
  { "tykerb", "lapatinib" },
  { "tyverb", "lapatinib" },
  { "xeloda", "capecitabine" },
  { "zeloda", "capecitabine" },
  { "femara", "aromatase_inhibitor" },
  { "zometa", "bone_drug" },
  { "prolia", "bone_drug" },
  { "lupron", "ovarian_suppression" },
  { "fesgo", "phesgo" },
  { "t[ %-]?dm1", "t_dm1" },
  { "tdm[ %-]?1", "t_dm1" },
  { "t[ %-]?dxd", "t_dxd" },
  { "taxol", "paclitaxel" },
  { "xgeva", "bone_drug" },
  { "tdxd", "t_dxd" },
}

-- Built once at load: each alias's pattern, and the literal word it starts
-- with. The pattern starts at a word's start (%f[%w]), so it can match only
-- where a word of the text begins with that literal. So the aliases are
-- indexed by their literal, and a question looks up each word's prefixes of
-- the literals' lengths: each alias is then tried, in ALIASES' order as
-- before, only at the starts of the words that begin with its literal
-- (anchored there, which is where the unanchored search could first match),
-- instead of a plain find for each of the ~170 and a scan of the whole text
-- for each found (docs/performance.md, the seventh round). An alias whose
-- literal's last letter is made optional by a quantifier, or that has none,
-- is searched for the old way.
--
-- The literals are found by a word's first two bytes (one for a literal of
-- one letter), as numbers: taking each of the ~15 literal lengths' prefix of
-- every word made a string each time, ~1,100 instructions a prefix, and
-- "what's the difference between herceptin and kadcyla" spent 140,000
-- instructions there (docs/performance.md, the twelfth round). A bucket
-- holds its literals, longest last, each with its aliases.
local ALIAS_PATTERNS, BY_PREFIX, ANYWHERE = {}, {}, {}
do
  local by_lit, lits = {}, {}
  for i, a in ipairs(ALIASES) do
    local lit = a[1]:match("^%w+")
    if lit and a[1]:sub(#lit + 1, #lit + 1):match("^[%?%*%-%+]$") then lit = nil end
    ALIAS_PATTERNS[i] = { pat = "%f[%w]" .. a[1], at = "^" .. a[1] }
    if lit then
      if not by_lit[lit] then
        by_lit[lit] = {}
        lits[#lits + 1] = lit
      end
      table.insert(by_lit[lit], i)
    else
      ANYWHERE[#ANYWHERE + 1] = i
    end
  end
  -- Shorter literals first, as the prefixes were tried before.
  table.sort(lits, function(x, y) return #x < #y or (#x == #y and x < y) end)
  for _, lit in ipairs(lits) do
    local b1, b2 = lit:byte(1, 2)
    local key = #lit == 1 and b1 or b1 * 256 + b2
    BY_PREFIX[key] = BY_PREFIX[key] or {}
    table.insert(BY_PREFIX[key], { lit = lit, aliases = by_lit[lit] })
  end
end

local function named_drugs(text)
  local found, taken = {}, {}
  local function keep(s, e, key)
    local clash = false
    for p = s, e do if taken[p] then clash = true end end
    if not clash then
      for p = s, e do taken[p] = true end
      found[#found + 1] = { pos = s, key = key }
    end
  end
  -- Each word (a maximal run of %w, so it starts where %f[%w] holds): the
  -- aliases whose literal begins it, and where.
  local starts, order = {}, {}
  for _, i in ipairs(ANYWHERE) do order[#order + 1] = i end
  local function add(list, p)
    for _, i in ipairs(list) do
      local at = starts[i]
      if not at then
        at = {}
        starts[i] = at
        order[#order + 1] = i
      end
      at[#at + 1] = p
    end
  end
  for p, w in text:gmatch("()(%w+)") do
    local b1, b2 = w:byte(1, 2)
    local one = BY_PREFIX[b1]
    if one then add(one[1].aliases, p) end
    local two = b2 and BY_PREFIX[b1 * 256 + b2]
    if two then
      for _, e in ipairs(two) do
        local lit = e.lit
        if #lit <= #w and (#lit == 2 or w:find(lit, 1, true) == 1) then add(e.aliases, p) end
      end
    end
  end
  table.sort(order)
  for _, i in ipairs(order) do
    local ap, key = ALIAS_PATTERNS[i], ALIASES[i][2]
    local at = starts[i]
    if not at then
      local s, e = text:find(ap.pat)
      while s do
        keep(s, e, key)
        s, e = text:find(ap.pat, e + 1)
      end
    else
      -- The next match is the first word start at or after `from` where the
      -- alias matches, as text:find(pat, from) would find it.
      local from = 1
      for _, p in ipairs(at) do
        if p >= from then
          local s, e = text:find(ap.at, p)
          if s then
            keep(s, e, key)
            from = e + 1
          end
        end
      end
    end
  end
  table.sort(found, function(x, y) return x.pos < y.pos end)
  local keys, seen = {}, {}
  for _, f in ipairs(found) do
    if not seen[f.key] then seen[f.key] = true; keys[#keys + 1] = f.key end
  end
  return keys, #found
end

local PAIRS = {
  ["t_dm1+t_dxd"] = {
    "No, T-DXd (Enhertu) and T-DM1 (Kadcyla) are different drugs. Both join a HER2 antibody to a chemo drug, but the chemo part is different.",
    "T-DXd (Enhertu) carries a stronger chemo and can also hit nearby cancer cells. It worked better than T-DM1 (Kadcyla) in DESTINY-Breast03, for cancer that had spread, and in DESTINY-Breast05, after surgery for higher-risk cancer.",
    "Their side effects differ too: the lungs for Enhertu, the liver and platelets for Kadcyla. They are not interchangeable, and your care team picks the right one.",
  },
  ["t_dm1+trastuzumab"] = {
    "No, T-DM1 (Kadcyla) and trastuzumab (Herceptin) are different drugs.",
    "Trastuzumab (Herceptin) is an antibody on its own. T-DM1 (Kadcyla) is that same antibody with a chemo drug joined to it.",
    "They are used at different times. One can't replace the other.",
  },
  ["t_dxd+trastuzumab"] = {
    "No, T-DXd (Enhertu) and trastuzumab (Herceptin) are different drugs.",
    "Trastuzumab (Herceptin) is an antibody on its own. T-DXd (Enhertu) is a HER2 antibody with a strong chemo drug joined to it.",
    "T-DXd (Enhertu) has its own side effects, such as a lung risk. One can't replace the other.",
  },
  ["pertuzumab+trastuzumab"] = {
    "Pertuzumab (Perjeta) and trastuzumab (Herceptin) are two different drugs. Both target HER2, but they grab different parts of it.",
    "They work best as a pair, so pertuzumab is most often given with trastuzumab.",
    "Phesgo puts pertuzumab and trastuzumab in one shot.",
  },
  ["herceptin_hylecta+trastuzumab"] = {
    "Herceptin Hylecta and trastuzumab (Herceptin) hold the same antibody. Herceptin is given by IV. Herceptin Hylecta is a shot under the skin.",
    "The shot takes a few minutes instead of 30 to 90 minutes.",
    "They work the same way. Ask your team which form you will get.",
  },
  ["phesgo+trastuzumab"] = {
    "Phesgo contains trastuzumab and pertuzumab together, in one shot under the skin.",
    "It works the same way as the two IV drugs, and takes minutes instead of hours.",
    "A health professional gives it. Ask your team if it suits you.",
  },
  ["pertuzumab+phesgo"] = {
    "Phesgo contains pertuzumab and trastuzumab together, in one shot under the skin.",
    "It works the same way as the two IV drugs, and takes minutes instead of hours.",
    "A health professional gives it. Ask your team if it suits you.",
  },
  ["neratinib+tucatinib"] = {
    "Neratinib (Nerlynx) and tucatinib (Tukysa) are both HER2 pills called kinase inhibitors. They block HER2 from inside the cell.",
    "Tucatinib (Tukysa) is used with trastuzumab and capecitabine for cancer that has spread, and it works well in the brain.",
    "Neratinib (Nerlynx) is mostly used for a year after trastuzumab in early cancer. Both neratinib and tucatinib often cause diarrhea.",
  },
  ["lapatinib+tucatinib"] = {
    "Lapatinib (Tykerb) and tucatinib (Tukysa) are both HER2 pills called kinase inhibitors.",
    "Tucatinib (Tukysa) is newer and more focused on HER2. With trastuzumab and capecitabine, it also works in the brain.",
    "Lapatinib (Tykerb) is older, and is now used less often. Both lapatinib and tucatinib can cause diarrhea.",
  },
  ["lapatinib+neratinib"] = {
    "Lapatinib (Tykerb) and neratinib (Nerlynx) are both HER2 pills called kinase inhibitors. Both can cause diarrhea.",
    "Neratinib (Nerlynx) is used for a year after trastuzumab in early cancer, or with capecitabine later on.",
    "Lapatinib (Tykerb) is used with capecitabine or letrozole for cancer that has spread.",
  },
  ["aromatase_inhibitor+tamoxifen"] = {
    "Tamoxifen and aromatase inhibitors are both hormone pills, but they work in different ways.",
    "Tamoxifen blocks estrogen from reaching the cancer cell. Aromatase inhibitors, such as letrozole, lower how much estrogen the body makes.",
    "Aromatase inhibitors work after menopause, or with ovarian suppression. Tamoxifen works before or after menopause. Your care team picks the one that fits you.",
  },
  ["aromatase_inhibitor+ovarian_suppression"] = {
    "Ovarian suppression and aromatase inhibitors do different jobs, and are often used together before menopause.",
    "Ovarian suppression shots stop the ovaries making estrogen. Aromatase inhibitors then stop the rest of the body making it.",
    "An aromatase inhibitor alone does not work while the ovaries are active. Your care team decides if the pair fits you.",
  },
  -- SOPHIA (JCO 2023 final analysis; Margenza label): with chemo, after two or more HER2
  -- treatments; median progression-free survival 5.8 against 4.9 months, overall
  -- survival 21.6 against 21.9 months (no real difference).
  ["margetuximab+trastuzumab"] = {
    "Margetuximab (Margenza) is a HER2 antibody much like trastuzumab (Herceptin). It was changed to help the immune system attack the cancer cells more.",
    "In a trial called SOPHIA, people whose cancer had spread and who had already had at least two HER2 treatments got chemo with one or the other. With margetuximab the cancer was held back a little longer on average, about 6 months against 5. But people did not live longer than with trastuzumab.",
    "So it is not clearly better. It is one option for later treatment, and trial results for groups cannot say what is best for one person.",
  },
  ["doxorubicin+epirubicin"] = {
    "Doxorubicin (Adriamycin) and epirubicin (Ellence) are close cousins in the anthracycline group of chemo.",
    "Both doxorubicin and epirubicin can harm the heart, so each has a lifetime dose limit and heart scans.",
    "Doxorubicin is used more in the US. Your care team picks one, not both.",
  },
}

src("pub-sophia", "Margetuximab Versus Trastuzumab in Patients With Previously Treated HER2-Positive Advanced Breast Cancer (SOPHIA): Final Overall Survival Results, J Clin Oncol 2023",
  "Journal of Clinical Oncology", "https://doi.org/10.1200/JCO.21.02937")
-- A comparison a follow-up may question ("so it's not actually better?"): the
-- pair is remembered, and drug.compare_better answers it.
local PAIR_BETTER = {
  ["margetuximab+trastuzumab"] = {
    text = {
      "Right, not clearly. In the SOPHIA trial, margetuximab (Margenza) held the cancer back only a little longer on average than trastuzumab (Herceptin), and people did not live longer with it.",
      "That is why it is one option among several for later treatment, not a replacement for trastuzumab. Some doctors may still choose it for a person, for example after other HER2 drugs have been used.",
      "Questions to ask: Why is this drug offered to me now? What else could I have instead? What side effects should I expect?",
    },
    sources = { "pub-sophia", "label-margetuximab" },
    suggest = { "What are the side effects of Margenza?", "What happens if cancer grows after Enhertu?", "What is Margenza?" },
  },
}

local BIOSIMILAR = {
  "Yes. It is a biosimilar of trastuzumab (Herceptin). The FDA approves a biosimilar only when tests show it is as safe as the original and works just as well.",
  "In the US, they include Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi. Pertuzumab (Perjeta), the partner drug of trastuzumab, got its first biosimilar, Poherdy, in 2025.",
  "Your clinic or insurer may choose which one you get. Ask your care team which one you will receive.",
}

local SAME_ASKED = { " same ", " same?", "the same", " is it ", " are they ", " isn't ", " isnt ", " aren't ", " arent ",
  " interchangeable", " swap ", " switch ", " just ", " basically ", " kind of ", " like " }
local FOR_ME = { "for me", "in my case", "my case", "for my ", "for her", "for him", "better for", "which is better",
  "which one is better", "stronger", "which is best", "why am i", "why is she", "why is he", "why was i" }
herald.on("drug.compare", function(q)
  local after = tdxd_after_tdm1(q)
  if after then return after end
  local keys, hits = named_drugs(q.text)
  local a = q.slots.drug or q.context.drug
  local b
  for _, k in ipairs(keys) do
    if k ~= a then b = k; break end
  end
  -- "My oncologist recommends Enhertu. How does this differ from Herceptin?"
  -- (probe 12): the question names one drug and points back to the other,
  -- named earlier in the message; the latest such drug is the one meant.
  if not b and q.message and q.message ~= q.text then
    for _, k in ipairs((named_drugs(q.message))) do
      if k ~= a then b = k end
    end
  end
  if a == "trastuzumab" and not b and hits >= 2 then
    -- "is kanjinti the same as herceptin": both names are trastuzumab.
    return { text = BIOSIMILAR, sources = { "fda-biosimilars", "accc-poherdy", "label-trastuzumab" },
      suggest = { "What is Herceptin?", "How is Herceptin given?", "What are the side effects of Herceptin?" },
      remember = { drug = "trastuzumab", topic = "drug" } }
  end
  -- "Is that the same on Enhertu?" after one drug's side effect or other aspect
  -- names one drug and asks the same of it: that drug's card for the aspect (a
  -- side effect topic, se.*, asks its side effects), not what the drug is.
  local swap = #keys == 1 and keys[1] or nil
  if swap and DRUGS[swap] and #q.text <= 60 and q:mentions(SWAP_FORMS, q.text) then
    local aspect = carried_aspect(q.previous)
    if aspect then return drug_answer(swap, aspect) end
  end
  if not (a and b and DRUGS[a] and DRUGS[b]) then
    if a and DRUGS[a] then return drug_answer(a, "about") end
    return WHICH_DRUG
  end
  local x, y = a, b
  if x > y then x, y = y, x end
  local text = PAIRS[x .. "+" .. y]
  if not text then
    -- No written comparison: each drug's own first sentence, then a neutral close.
    local da, db = DRUGS[a], DRUGS[b]
    text = { da.what[1], db.what[1],
      cap(da.name) .. " and " .. db.name .. " are different drugs, used in different ways.",
      "Ask your care team why one is chosen over the other for you." }
  end
  -- "How is Herceptin different from Enhertu for me?" asks how, not whether:
  -- no "No," to a question that was not yes or no, and a question about one's
  -- own plan is sent to the team that chose it (blind patient probe 2026-12-07).
  text = copy(text)
  local qt = q.text or ""
  if not q:mentions(SAME_ASKED, " " .. qt .. " ") and text[1]:sub(1, 4) == "No, " then
    text[1] = text[1]:sub(5, 5):upper() .. text[1]:sub(6)
  end
  if q:mentions(FOR_ME) then
    text[#text + 1] = "Which drug fits you depends on your own cancer and the treatments you have had. Ask your care team why they chose yours."
  end
  local srcs = copy(DRUGS[a].sources)
  srcs[#srcs + 1] = DRUGS[b].sources[1]
  local pair = x .. "+" .. y
  if PAIR_BETTER[pair] then srcs[#srcs + 1] = "pub-sophia" end
  return {
    text = text, sources = srcs,
    suggest = { label("side_effects", DRUGS[a]), label("side_effects", DRUGS[b]),
      "What happens if cancer grows after Enhertu?" },
    remember = { drug = b, topic = "drug", pair = PAIR_BETTER[pair] and pair or nil },
  }
end)

-- "So it's not actually better?" after a comparison (blind patient probe 16).
-- Without a remembered pair, what "better" can mean, and who can say.
local BETTER_GENERAL = herald.fixed {
  text = {
    "Better can mean different things: keeping the cancer in check longer, helping people live longer, or causing fewer side effects. A drug can do better on one of these and not on another.",
    "Which treatment is best for you depends on your cancer and the treatments you have had.",
    "Next step: ask your care team what the studies showed for the treatments you are weighing.",
  },
  sources = { "acs-targeted" },
  suggest = { "What is Enhertu?", "What happens if cancer grows after Enhertu?", "What are clinical trials?" },
}
herald.on("drug.compare_better", function(q)
  return PAIR_BETTER[q.context.pair or ""] or BETTER_GENERAL
end)

-- Phesgo or Herceptin Hylecta against the drip (blind patient probe 16).
local SHOT_VS_DRIP = {
  phesgo = PAIRS["phesgo+trastuzumab"],
  herceptin_hylecta = PAIRS["herceptin_hylecta+trastuzumab"],
}
herald.on("drug.compare_drip", function(q)
  local key = q:slot("drug")
  if not SHOT_VS_DRIP[key] and q:mentions({ "hylecta" }) then key = "herceptin_hylecta" end
  if not SHOT_VS_DRIP[key] then key = "phesgo" end
  local d = DRUGS[key]
  return {
    text = copy(SHOT_VS_DRIP[key]), sources = copy(d.sources),
    suggest = { label("side_effects", d), "Does the Phesgo injection hurt?", "Can I inject Phesgo myself?" },
    remember = { drug = key, topic = "drug" },
  }
end)

-- Is it a biosimilar, a generic, a knock-off? (blind patient probe 16). Yes or no
-- first, for the drug named: a trastuzumab biosimilar is a close copy the FDA
-- found as safe and as effective (FDA, Biosimilar Product Information); T-DM1
-- and T-DXd are drugs of their own, antibody-drug conjugates, with no US
-- biosimilar at the last review.
local TRASTUZUMAB_COPIES = { ogivri = "Ogivri", kanjinti = "Kanjinti", trazimera = "Trazimera", herzuma = "Herzuma",
  ontruzant = "Ontruzant", hercessi = "Hercessi" }
local NOT_A_COPY = herald.facts("drug", {
  t_dm1 = {
    "No. T-DM1 (Kadcyla) is not a biosimilar of trastuzumab (Herceptin) or of any other drug. A biosimilar is a close copy of one drug, like the copies of trastuzumab called Kanjinti or Ogivri.",
    "T-DM1 (Kadcyla) is a different drug of its own: the trastuzumab antibody joined to a chemo drug, called an antibody-drug conjugate. It works in its own way and has its own side effects.",
    "There is no generic or biosimilar of T-DM1 (Kadcyla) in the US at our last review in December 2026.",
  },
  t_dxd = {
    "No. T-DXd (Enhertu) is not a biosimilar or a generic of trastuzumab (Herceptin) or of any other drug. A biosimilar is a close copy of one drug, like the copies of trastuzumab called Kanjinti or Ogivri.",
    "Enhertu is a different drug of its own. It is a HER2 antibody joined to a chemo drug, called an antibody-drug conjugate.",
    "There is no generic or biosimilar of T-DXd (Enhertu) in the US at our last review in December 2026.",
  },
})
-- The original brands asked whether they are the copy.
local ORIGINAL_BRAND = herald.facts("drug", {
  trastuzumab = {
    "Herceptin is the original brand of trastuzumab, not a biosimilar.",
    "Its biosimilars are close copies. The FDA found them just as safe, and they work just as well. In the US they include Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi.",
  },
  pertuzumab = {
    "Perjeta is the original brand of pertuzumab, not a biosimilar.",
    "Its first biosimilar in the US, Poherdy, was approved in November 2025. The FDA approves a biosimilar only when tests show it is as safe and works as well as the original.",
  },
})
herald.on("drug.is_biosimilar", function(q)
  local copy_name
  for word, name in pairs(TRASTUZUMAB_COPIES) do
    if q:mentions({ word }) then copy_name = name end
  end
  local key = q:slot("drug")
  if copy_name then
    return {
      text = {
        copy_name .. " is not a knock-off. It is a biosimilar of trastuzumab (Herceptin): the same kind of antibody, made to match the original very closely.",
        "Before the FDA approves a biosimilar, tests must show it works just as well and is just as safe as the original. It is given the same way, for the same uses.",
        "It often costs less, which is why clinics and insurers choose one. A lower price does not mean lower quality.",
        "Next step: ask your care team which trastuzumab you get, and tell them if anything feels different.",
      },
      sources = { "fda-biosimilars", "label-trastuzumab" },
      suggest = { "What is Herceptin?", "How is Herceptin given?", "What are the side effects of Herceptin?" },
      remember = { drug = "trastuzumab", topic = "drug" },
    }
  end
  local own = NOT_A_COPY:get(q)
  if own then
    own[#own + 1] = "Next step: ask your pharmacist or care team if you have questions about the product you get."
    return { text = own, sources = { "fda-biosimilars", DRUGS[key].sources[1] },
      suggest = { label("side_effects", DRUGS[key]), label("warnings", DRUGS[key]), "What is a biosimilar?" },
      remember = { drug = key, topic = "drug" } }
  end
  local original = ORIGINAL_BRAND:get(q)
  if original then
    original[#original + 1] = "Next step: ask your care team which product you get, and tell them if anything feels different."
    return { text = original, sources = { "fda-biosimilars", key == "pertuzumab" and "accc-poherdy" or "label-trastuzumab" },
      suggest = { label("side_effects", DRUGS[key]), "What is a biosimilar?", label("given", DRUGS[key]) },
      remember = { drug = key, topic = "drug" } }
  end
  return asked(q) or drug_answer(key, "about")
end)

-- A pill dose forgotten, missed, late or thrown up ------------------------------------
-- Never what to do about this dose (the safety layer adds the missed-dose
-- deferral): who to call, where the leaflet says it, no doubling up (the
-- tucatinib, neratinib, lapatinib and capecitabine labels say not to make a
-- missed dose up), and the drug's own schedule from its label.
local PILL_SCHEDULE = herald.facts("drug", {
  tucatinib = {
    "Tucatinib (Tukysa) is taken twice a day, about 12 hours apart.",
    "The label for tucatinib says that a missed dose, or one you threw up, is not made up. The next dose is taken at the usual time.",
  },
  neratinib = {
    "Neratinib (Nerlynx) is taken once a day with food.",
    "The label for neratinib says that a missed dose, or one you threw up, is not made up. You go on the next day as usual.",
  },
  lapatinib = "Lapatinib (Tykerb) is taken once a day on an empty stomach.",
  capecitabine = {
    "Capecitabine (Xeloda) is usually taken twice a day after a meal, often for 2 weeks, then 1 week off.",
    "The label for capecitabine says that a missed dose is not made up, and the next dose is not doubled. You go on with the next dose at the usual time.",
  },
  tamoxifen = "Tamoxifen is usually taken once a day.",
  aromatase_inhibitor = "Aromatase inhibitors are taken once a day.",
})
local PILL_SOURCES = { tucatinib = "label-tucatinib", neratinib = "label-neratinib", lapatinib = "label-lapatinib",
  capecitabine = "label-capecitabine", tamoxifen = "label-tamoxifen", aromatase_inhibitor = "label-letrozole" }
local INFUSED = { trastuzumab = true, herceptin_hylecta = true, pertuzumab = true, phesgo = true, t_dm1 = true, t_dxd = true,
  margetuximab = true, paclitaxel = true, docetaxel = true, carboplatin = true, doxorubicin = true, epirubicin = true,
  cyclophosphamide = true, ovarian_suppression = true, bone_drug = true }
local PILL_WORDS = { "pill", "tablet", "capsule", "dose" }
-- A dose thrown up, or one too many (clinical review 2026-12-07), on
-- capecitabine: not replaced or doubled unless the team says so; the Xeloda
-- patient information says to tell the doctor of vomiting more than once in
-- 24 hours. An extra dose of any pill: call the team or pharmacist now.
local VOMIT_SAID = { "threw up", "throw up", "thrown up", "throwing up", "vomit", "puke", "puking", "was sick",
  "been sick", "got sick", "sick after" }
local EXTRA_SAID = { "two doses", "2 doses", "extra dose", "extra pill", "extra tablet", "double dose", "doubled",
  "double up", "twice", "took both", "too many", "one too many", "by mistake", "by accident", "accidentally",
  "additional dose", "second dose", "mistakenly", "again an hour", "took it again", "took them again", "extra lot" }
local CAPE_VOMIT = "If you throw up a dose of capecitabine, do not take more tablets to replace it unless your team tells you to. The capecitabine leaflet says to tell your doctor if you throw up more than once in 24 hours."
local EXTRA_LINE = "For an extra dose, or two taken at once, call now rather than later, even if you feel well. Say which drug, how many tablets and when, and ask what to do about your next dose."
herald.on("drug.missed_dose", function(q)
  local key = q:slot("drug")
  if key and INFUSED[key] and not q:mentions(PILL_WORDS) then return herald.hand_over("drug.missed_visit") end
  local extra = q:mentions(EXTRA_SAID, " " .. (q.text or "") .. " ")
  local text = { extra and "Taking an extra dose by mistake happens, and it is good that you asked."
    or "Missing a dose, or taking one late, happens to many people, and it is good that you asked." }
  local own = PILL_SCHEDULE:get(q)
  if own then text[#text + 1] = own[1] end
  if extra then
    text[#text + 1] = EXTRA_LINE
  else
    if own then for i = 2, #own do text[#text + 1] = own[i] end end
    if key == "capecitabine" and q:mentions(VOMIT_SAID) then text[#text + 1] = CAPE_VOMIT end
  end
  -- Word for word the safety layer's missed-dose deferral, so that it is not said twice when that layer adds it.
  text[#text + 1] = "Call your care team or pharmacist today to ask what to do. The answer depends on the drug and on you, and the team sets any new dates and doses."
  if extra then
    text[#text + 1] = "Next step: have the pill bottle or box with you when you call, so you can say exactly what you took."
  else
    text[#text + 1] = "The leaflet that came with your pills also has a part on missed doses."
    text[#text + 1] = "Never take two doses at once to catch up, unless your team tells you to."
    text[#text + 1] = "Next step: write down which doses you missed or took late, and tell your team. A phone alarm or a pill box can help."
  end
  local srcs = { "label-tucatinib", "label-neratinib" }
  if PILL_SOURCES[key or ""] then srcs = { PILL_SOURCES[key] } end
  return {
    text = text, sources = srcs,
    suggest = { "What if I take an extra dose by mistake?", "Who do I call after hours?", "When should I call my care team?" },
  }
end)

-- A missed, late or cancelled infusion or shot ------------------------------------
-- From the labels: trastuzumab is restarted with a loading dose after a gap of
-- more than a week, pertuzumab and Phesgo after 6 weeks or more; T-DM1 and
-- T-DXd are given as soon as possible, with no reload. The team decides.
local LATE_BY_DRUG = {
  trastuzumab = "For trastuzumab (Herceptin), a gap of more than a week usually means a bigger first dose again when you restart.",
  herceptin_hylecta = "For Herceptin Hylecta, the next shot is usually given as soon as it can be.",
  pertuzumab = "For pertuzumab (Perjeta), a gap of 6 weeks or more usually means a bigger first dose again.",
  phesgo = "For Phesgo, a gap of 6 weeks or more usually means starting again with the bigger first dose.",
  t_dm1 = "For T-DM1 (Kadcyla), the missed dose is usually given as soon as possible, and the schedule moves with it.",
  t_dxd = "For T-DXd (Enhertu), the missed dose is usually given as soon as possible, and the schedule moves with it.",
}

herald.on("drug.missed_visit", function(q)
  local key = q:slot("drug")
  local text = {
    "A missed or delayed infusion or shot happens, often for good reasons such as low blood counts, illness or weather.",
  }
  if key and LATE_BY_DRUG[key] then text[#text + 1] = LATE_BY_DRUG[key] end
  text[#text + 1] = "Call your care team or the infusion center to rebook. They set the new date and the dose, so tell them how long it has been."
  text[#text + 1] = "Next step: ask whether anything changes for your next dose or your heart scan dates."
  local d = key and DRUGS[key]
  return {
    text = text,
    sources = d and d.sources or { "label-trastuzumab", "label-pertuzumab" },
    suggest = { d and label("given", d) or "How is Herceptin given?", "When should I call my care team?", "How long is HER2 treatment?" },
  }
end)

-- Zanidatamab (Ziihera), asked about by name (blind patient probe 16). Its US
-- label (FDA, 2026 revision) approves it for HER2-positive biliary tract cancer
-- treated before; breast cancer is not among its uses, and it is studied there in
-- trials. Warnings: harm to an unborn baby (boxed), a weaker heart, infusion
-- reactions, diarrhea. Someone very sick on Enhertu hears first that nausea can
-- be treated and is to be told (Enhertu label: nausea among the most common).
src("label-zanidatamab", "Ziihera (zanidatamab-hrii) prescribing information", "US Food and Drug Administration",
  "https://www.accessdata.fda.gov/drugsatfda_docs/label/2026/761416s002lbl.pdf")
local SICK_SAID = { "sick", "nause", "vomit", "throwing up", "throw up", "threw up", "queasy", "puking", "can't eat",
  "cant eat", "can't keep", "cant keep", "awful", "terrible", "rough", "struggling" }
local ZANI_SICK = "Feeling very sick on your treatment is something to tell your care team now. Nausea can be treated, and there are stronger medicines to prevent it than the ones most people get first."
local ZANI_TDXD = "Nausea is one of the most common side effects of T-DXd (Enhertu), and your team can change the anti-nausea plan before your next dose."
herald.on("drug.zanidatamab", function(q)
  local text = {}
  if q:mentions(SICK_SAID) then
    text[#text + 1] = ZANI_SICK
    if q:mentions({ "enhertu", "t-dxd", "tdxd", "deruxtecan" }) then text[#text + 1] = ZANI_TDXD end
  end
  text[#text + 1] = "Zanidatamab (Ziihera) is a newer antibody that grabs two different parts of the HER2 protein at once."
  text[#text + 1] = "In the US it is approved for HER2-positive cancer of the bile ducts or gallbladder (biliary tract cancer) in people treated before. It is not approved for breast cancer. In breast cancer it is still being tested in clinical trials."
  text[#text + 1] = "Its label warns that it can harm an unborn baby, weaken the heart, and cause diarrhea and infusion reactions."
  text[#text + 1] = "Next step: if you want to know about newer HER2 drugs, ask your oncologist whether a clinical trial could fit you."
  local srcs = { "label-zanidatamab" }
  if #text > 4 then srcs[#srcs + 1] = "label-tdxd" end
  return { text = text, sources = srcs,
    suggest = { "How can I manage nausea?", "What are clinical trials?", "What happens if cancer grows after Enhertu?" } }
end)

-- A HER2 drug and a hormone pill at once (blind patient probe 16): yes, that is
-- usual for cancer that is HER2-positive and hormone receptor-positive; the pill
-- starts after chemo and can run beside the HER2 drug (ACS, Hormone Therapy for
-- Breast Cancer; NCCN patient guide).
local HER2_WITH_HORMONE = herald.fixed {
  text = {
    "Yes, this is common. When a cancer is both HER2-positive and hormone receptor-positive, a HER2 drug such as trastuzumab (Herceptin) and a hormone pill such as tamoxifen are often taken in the same months.",
    "They work in different ways. The HER2 drug blocks HER2, and the hormone pill blocks or lowers the estrogen the cancer feeds on. Together they treat both sides of the cancer.",
    "The hormone pill usually starts once chemo is over, while the HER2 drug goes on to finish its course. Your team plans the timing.",
    "Next step: give your care team and pharmacist a list of everything you take, so they can check it all together.",
  },
  sources = { "acs-hormone", "nccn-invasive", "acs-targeted" },
  suggest = { "What are the side effects of tamoxifen?", "How long do I take Herceptin for?", "What is triple positive breast cancer?" },
}
-- Tamoxifen named: its own card on when it starts and that it runs beside the HER2 drugs.
herald.on("drug.with_hormone", function(q)
  if q:mentions({ "tamoxifen" }) then return TAMOXIFEN_TIMING end
  return HER2_WITH_HORMONE
end)
