-- Drugs and named regimens for HER2-positive breast cancer, by aspect.
-- One data table per drug (DRUGS) and per regimen (REGIMENS); every drug.* and
-- regimen.* intent is answered from them. Facts checked against the US labels
-- (DailyMed), the American Cancer Society and the National Cancer Institute.
herald.about { title = "HER2 drugs and regimens", reviewed = "2026-11-22" }

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

local function label(id, brand)
  src("label-" .. id, brand .. " prescribing information", "DailyMed, US National Library of Medicine",
    "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=" .. brand:upper():gsub(" ", "+"))
end

src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
src("acs-chemo", "Chemotherapy for Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/chemotherapy-for-breast-cancer.html")
src("acs-hormone", "Hormone Therapy for Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/hormone-therapy-for-breast-cancer.html")
src("acs-bone", "Bone-Directed Therapy for Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/bone-directed-therapy-for-breast-cancer.html")
src("nci-drugs", "Drugs Approved for Breast Cancer", "National Cancer Institute",
  "https://www.cancer.gov/about-cancer/treatment/drugs/breast")
src("nci-pdq", "Breast Cancer Treatment (PDQ), Patient Version", "National Cancer Institute",
  "https://www.cancer.gov/types/breast/patient/breast-treatment-pdq")
src("ctgov-pyrotinib", "Pyrotinib studies", "ClinicalTrials.gov, US National Library of Medicine",
  "https://clinicaltrials.gov/search?intr=pyrotinib")

label("trastuzumab", "Herceptin")
label("hylecta", "Herceptin Hylecta")
label("pertuzumab", "Perjeta")
label("phesgo", "Phesgo")
label("tdm1", "Kadcyla")
label("tdxd", "Enhertu")
label("tucatinib", "Tukysa")
label("lapatinib", "Tykerb")
label("neratinib", "Nerlynx")
label("margetuximab", "Margenza")
label("capecitabine", "Xeloda")
label("paclitaxel", "Paclitaxel")
label("docetaxel", "Docetaxel")
label("carboplatin", "Carboplatin")
label("tamoxifen", "Tamoxifen")
label("letrozole", "Letrozole")
label("zoledronic", "Zoledronic acid")
label("denosumab", "Xgeva")

local function cap(s) return s:sub(1, 1):upper() .. s:sub(2) end

-- Shared sentences.
local HEART_CALL = "Call your care team if you get short of breath, swollen ankles, fast weight gain or a racing heartbeat."
local HEART_SCANS = "You get a heart scan, an echo or MUGA, before you start and about every three months."
local FEVER_CALL = "Call your care team at once for a fever of 100.4 F (38 C) or higher, or chills."
local AS_LONG = "It stops if the cancer grows or the side effects get too hard."

-- kind: antibody, adc (antibody-drug conjugate), tki (HER2 pill), chemo, hormone, bone.
local DRUGS = {}

DRUGS.trastuzumab = {
  name = "trastuzumab (Herceptin)", short = "Herceptin", kind = "antibody",
  what = {
    "Trastuzumab (Herceptin) is a targeted drug called a monoclonal antibody.",
    "It locks onto the HER2 protein on cancer cells and blocks their growth signals.",
    "It also helps your immune system find those cells.",
    "It was the first HER2 drug, approved in 1998. It is not chemo.",
    "Biosimilars such as Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi work the same way.",
  },
  used_for = {
    "Trastuzumab (Herceptin) is used for HER2-positive breast cancer at every stage.",
    "In early cancer, it is given with chemo before or after surgery.",
    "In cancer that has spread, it is often part of THP, with pertuzumab and a taxane.",
    "It is not used for HER2-negative or HER2-low cancer. Your care team decides where it fits.",
  },
  given = {
    "Trastuzumab (Herceptin) is usually given as an IV infusion into a vein.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "It is often given every three weeks, or once a week with some chemo.",
    "Herceptin Hylecta is the same drug as a shot under the skin. A nurse gives both forms.",
  },
  duration = {
    "For early breast cancer, trastuzumab (Herceptin) is usually given for about a year (12 months) in total.",
    "That is often one dose every three weeks.",
    "For cancer that has spread, it is kept going as long as it works and side effects are okay.",
    "Your care team sets your own plan.",
  },
  side_effects = {
    "Trastuzumab (Herceptin) is usually easier than chemo.",
    "Chills, fever or a headache can happen during the first infusion. Tiredness and diarrhea can also happen.",
    "The key risk is to the heart. It can weaken the heart's pumping.",
    HEART_SCANS,
    HEART_CALL,
  },
  chemo = {
    "No. Trastuzumab (Herceptin) is not chemotherapy.",
    "It is a targeted antibody that locks onto the HER2 protein.",
    "It is often given with chemo, so people mix them up.",
    "Hair loss and most nausea come from the chemo, not from Herceptin.",
  },
  sources = { "label-trastuzumab", "acs-targeted" },
}

DRUGS.herceptin_hylecta = {
  name = "trastuzumab and hyaluronidase (Herceptin Hylecta)", short = "Herceptin Hylecta", kind = "antibody",
  what = {
    "Herceptin Hylecta is trastuzumab given as a shot under the skin instead of an IV.",
    "It has the same antibody as Herceptin, mixed with an enzyme called hyaluronidase.",
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
  sources = { "label-hylecta", "acs-targeted" },
}

DRUGS.pertuzumab = {
  name = "pertuzumab (Perjeta)", short = "Perjeta", kind = "antibody",
  what = {
    "Pertuzumab (Perjeta) is a monoclonal antibody that targets HER2.",
    "It binds a different part of the HER2 protein than trastuzumab does.",
    "Using both drugs blocks HER2 more fully. This is called dual HER2 blockade.",
    "It is always given with trastuzumab (Herceptin), and often with chemo.",
  },
  used_for = {
    "Pertuzumab (Perjeta) is used with trastuzumab for HER2-positive breast cancer.",
    "Before surgery, it helps shrink larger cancers, or cancers in the lymph nodes.",
    "After surgery, it may be added when the risk of return is higher.",
    "For cancer that has spread, it is part of THP, the usual first treatment.",
  },
  given = {
    "Pertuzumab (Perjeta) is given as an IV infusion every three weeks.",
    "The first dose takes about an hour. Later doses take 30 to 60 minutes.",
    "It is given on the same day as trastuzumab.",
    "Phesgo puts both drugs in one shot under the skin. Ask if that suits you.",
  },
  duration = {
    "In early breast cancer, pertuzumab (Perjeta) is usually given for up to a year, with trastuzumab.",
    "In cancer that has spread, it often keeps going with trastuzumab after chemo stops.",
    "It goes on as long as it works and side effects are okay. Your care team sets your plan.",
  },
  side_effects = {
    "Diarrhea is the most common side effect of pertuzumab (Perjeta).",
    "Rash, tiredness and nausea can also happen. Hair loss and low blood counts mostly come from the chemo given with it.",
    "With trastuzumab, it can affect the heart, so you get heart scans (echo or MUGA).",
    "Call your care team if diarrhea lasts more than a day, or if you get short of breath or swollen ankles.",
  },
  chemo = {
    "No. Pertuzumab (Perjeta) is not chemotherapy.",
    "It is a targeted antibody that blocks HER2.",
    "It is often given with chemo, which causes most hair loss and nausea.",
  },
  sources = { "label-pertuzumab", "acs-targeted" },
}

DRUGS.phesgo = {
  name = "Phesgo (pertuzumab, trastuzumab and hyaluronidase)", short = "Phesgo", kind = "antibody",
  what = {
    "Phesgo puts pertuzumab (Perjeta) and trastuzumab (Herceptin) into one shot under the skin.",
    "It also has hyaluronidase, an enzyme that helps the drugs spread under the skin.",
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
    "That is much faster than two IV infusions, which can take hours.",
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
  sources = { "label-phesgo", "acs-targeted" },
}

DRUGS.t_dm1 = {
  name = "T-DM1 (Kadcyla)", short = "Kadcyla", kind = "adc",
  what = {
    "T-DM1 (Kadcyla) joins a HER2 antibody to a chemo drug. Its full name is ado-trastuzumab emtansine.",
    "The antibody part finds HER2-positive cells. It brings the chemo part, emtansine, right to them.",
    "It is a different drug from Herceptin and from Enhertu (T-DXd).",
  },
  used_for = {
    "T-DM1 (Kadcyla) has two main uses.",
    "After surgery, when some cancer remains after treatment given before surgery (residual disease). In the KATHERINE trial, this cut the risk of the cancer coming back.",
    "For metastatic cancer, after trastuzumab and a taxane. Today it is often used after Enhertu.",
    "Your care team decides when it fits.",
  },
  given = {
    "T-DM1 (Kadcyla) is given as an IV infusion every three weeks.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "You are watched for a short time after each dose.",
  },
  duration = {
    "After surgery, T-DM1 (Kadcyla) is usually given for 14 doses, about ten months.",
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
    "So its side effects are often milder than standard chemo. It is not the same as Herceptin.",
  },
  sources = { "label-tdm1", "acs-targeted" },
}

DRUGS.t_dxd = {
  name = "T-DXd (Enhertu)", short = "Enhertu", kind = "adc",
  what = {
    "T-DXd (Enhertu) is an antibody-drug conjugate. Its full name is fam-trastuzumab deruxtecan.",
    "It joins a HER2 antibody to a strong chemo drug called deruxtecan.",
    "It carries the chemo to HER2 cells, and it can also reach cancer cells nearby.",
    "It is a different drug from Herceptin and from Kadcyla (T-DM1).",
  },
  used_for = {
    "T-DXd (Enhertu) is used for breast cancer that has spread or can't be removed by surgery.",
    "It is the usual second treatment after THP. In the DESTINY-Breast03 trial, it worked better than T-DM1.",
    "It can now be used first, with pertuzumab (the DESTINY-Breast09 trial).",
    "It is also approved for HER2-low and HER2-ultralow cancer that has spread.",
  },
  given = {
    "T-DXd (Enhertu) is given as an IV infusion every three weeks.",
    "The first infusion takes about 90 minutes. Later ones take about 30 minutes.",
    "You get anti-nausea medicine before each dose.",
  },
  duration = {
    "T-DXd (Enhertu) is given as long as it keeps the cancer under control.",
    AS_LONG,
    "Your care team checks your scans and how you feel to decide.",
  },
  side_effects = {
    "Nausea, tiredness and hair loss are common with T-DXd (Enhertu). Low blood counts can also happen.",
    "The most serious risk is lung inflammation, called ILD or pneumonitis. It has a boxed warning.",
    "Tell your care team at once about any new cough, shortness of breath or fever.",
    "Your team also checks your heart and may do lung scans.",
  },
  chemo = {
    "Partly. T-DXd (Enhertu) is an antibody with a chemo drug attached.",
    "The antibody carries the chemo to HER2 cells.",
    "It can cause chemo-like side effects, such as nausea and hair loss.",
    "It is not the same drug as Herceptin or Kadcyla.",
  },
  sources = { "label-tdxd", "acs-targeted" },
}

DRUGS.tucatinib = {
  name = "tucatinib (Tukysa)", short = "Tukysa", kind = "tki",
  what = {
    "Tucatinib (Tukysa) is a targeted pill. It is a kind of drug called a kinase inhibitor.",
    "It blocks HER2 signals from inside the cancer cell.",
    "It is taken with trastuzumab and capecitabine (Xeloda). This is the HER2CLIMB regimen.",
    "It can reach cancer in the brain.",
  },
  used_for = {
    "Tucatinib (Tukysa) is used for HER2-positive breast cancer that has spread.",
    "It is taken with trastuzumab and capecitabine (Xeloda), after at least one earlier HER2 treatment.",
    "It is a strong choice when cancer has spread to the brain.",
    "Your care team decides when it fits.",
  },
  given = {
    "Tucatinib (Tukysa) is a pill you take by mouth twice a day at home.",
    "Capecitabine (Xeloda) is also a pill. It is often taken for two weeks, then one week off.",
    "Trastuzumab is given by IV or as a shot every three weeks.",
  },
  duration = {
    "Tucatinib (Tukysa) is taken as long as it keeps the cancer under control.",
    AS_LONG,
    "Your care team checks your scans to decide.",
  },
  side_effects = {
    "Diarrhea is the most common side effect of tucatinib (Tukysa).",
    "Hand-foot syndrome is common too. It mostly comes from the capecitabine taken with it.",
    "It can affect the liver, so you will have regular blood tests.",
    "Call your care team for severe diarrhea, yellow skin or eyes, dark urine, or pain in the right side of your belly.",
  },
  sources = { "label-tucatinib", "acs-targeted" },
}

DRUGS.lapatinib = {
  name = "lapatinib (Tykerb)", short = "Tykerb", kind = "tki",
  what = {
    "Lapatinib (Tykerb) is a targeted pill. It is a kinase inhibitor.",
    "It blocks HER2 signals inside the cancer cell.",
    "It is most often taken with the chemo pill capecitabine (Xeloda).",
  },
  used_for = {
    "Lapatinib (Tykerb) is used for HER2-positive breast cancer that has spread.",
    "It is taken with capecitabine (Xeloda) after other HER2 drugs have been tried.",
    "It can also be taken with letrozole, a hormone pill, if the cancer feeds on hormones.",
    "Newer drugs are often tried first today.",
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
    "With capecitabine (Xeloda), hand-foot syndrome is common.",
    "It can affect the liver and the heart, so you get blood tests and heart checks.",
    "Call your care team for severe diarrhea, yellow skin or eyes, or shortness of breath.",
  },
  sources = { "label-lapatinib", "acs-targeted" },
}

DRUGS.neratinib = {
  name = "neratinib (Nerlynx)", short = "Nerlynx", kind = "tki",
  what = {
    "Neratinib (Nerlynx) is a targeted pill. It is a kinase inhibitor.",
    "It blocks HER2 and related signals inside the cancer cell.",
    "It is often taken for one extra year after trastuzumab (Herceptin) ends. This is called extended adjuvant therapy.",
  },
  used_for = {
    "Neratinib (Nerlynx) has two main uses.",
    "In early cancer, it is taken for a year after trastuzumab (Herceptin) ends. It lowers the risk of the cancer coming back, most of all when the cancer also feeds on hormones.",
    "In cancer that has spread, it is taken with capecitabine (Xeloda) after two or more HER2 treatments.",
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
  sources = { "label-neratinib", "acs-targeted" },
}

DRUGS.margetuximab = {
  name = "margetuximab (Margenza)", short = "Margenza", kind = "antibody",
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
  sources = { "label-margetuximab", "acs-targeted" },
}

DRUGS.pyrotinib = {
  name = "pyrotinib", short = "pyrotinib", kind = "tki",
  what = {
    "Pyrotinib is a targeted pill that blocks HER2 inside cancer cells. It is a kinase inhibitor.",
    "It is approved and used in China for HER2-positive breast cancer.",
    "It is not approved by the US FDA. Outside China, it is mainly given in clinical trials.",
  },
  used_for = {
    "In China, pyrotinib is used for HER2-positive breast cancer, most often when it has spread.",
    "It is often given with capecitabine.",
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
    "Hand-foot syndrome and mouth sores can happen when it is given with capecitabine.",
    "Call your care team for severe diarrhea, or if you can't keep fluids down.",
  },
  sources = { "acs-targeted", "ctgov-pyrotinib" },
}

DRUGS.capecitabine = {
  name = "capecitabine (Xeloda)", short = "Xeloda", kind = "chemo",
  what = {
    "Capecitabine (Xeloda) is a chemo pill.",
    "The body turns it into a chemo drug called 5-FU.",
    "For HER2-positive cancer, it is often paired with a HER2 pill, such as tucatinib.",
  },
  used_for = {
    "Capecitabine (Xeloda) is mostly used when breast cancer has spread.",
    "For HER2-positive cancer, it is taken with a HER2 drug. That may be tucatinib and trastuzumab, or lapatinib, or neratinib.",
    "Your care team decides when it fits.",
  },
  given = {
    "Capecitabine (Xeloda) is a pill taken twice a day, within 30 minutes after a meal.",
    "It is often taken for two weeks, then one week off.",
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
  sources = { "label-capecitabine", "acs-chemo" },
}

DRUGS.paclitaxel = {
  name = "paclitaxel (Taxol)", short = "paclitaxel", kind = "chemo",
  what = {
    "Paclitaxel (Taxol) is a chemo drug. It is one of the taxanes.",
    "It stops cancer cells from dividing.",
    "For HER2-positive cancer, it is given with trastuzumab, and sometimes with pertuzumab.",
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
  sources = { "label-paclitaxel", "acs-chemo" },
}

DRUGS.docetaxel = {
  name = "docetaxel (Taxotere)", short = "docetaxel", kind = "chemo",
  what = {
    "Docetaxel (Taxotere) is a chemotherapy drug in the taxane group.",
    "It stops cancer cells from dividing.",
    "It is the T in TCHP, and often the taxane in THP.",
  },
  used_for = {
    "Docetaxel (Taxotere) is used for early breast cancer and for cancer that has spread.",
    "Before surgery, it is part of TCHP, with carboplatin, trastuzumab and pertuzumab.",
    "For cancer that has spread, it is often the taxane in THP.",
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
  sources = { "label-docetaxel", "acs-chemo" },
}

DRUGS.carboplatin = {
  name = "carboplatin", short = "carboplatin", kind = "chemo",
  what = {
    "Carboplatin is a chemotherapy drug from the platinum family.",
    "It damages the DNA of cancer cells so they can't divide.",
    "With HER2-positive cancer, it is the C in TCHP.",
  },
  used_for = {
    "Carboplatin is used before surgery for HER2-positive breast cancer. It is part of TCHP.",
    "That plan also has docetaxel, trastuzumab and pertuzumab.",
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
  sources = { "label-carboplatin", "acs-chemo" },
}

DRUGS.tamoxifen = {
  name = "tamoxifen", short = "tamoxifen", kind = "hormone",
  what = {
    "Tamoxifen is a hormone therapy pill.",
    "It blocks estrogen from feeding cancer cells.",
    "It is used when the cancer also feeds on hormones. It is often chosen before menopause.",
  },
  used_for = {
    "Tamoxifen is for breast cancer that feeds on estrogen. This includes triple-positive cancer.",
    "It lowers the chance that the cancer comes back.",
    "It is often used before menopause. After menopause, an aromatase inhibitor is more common.",
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
  sources = { "label-tamoxifen", "acs-hormone" },
}

DRUGS.aromatase_inhibitor = {
  name = "aromatase inhibitors", short = "aromatase inhibitors", kind = "hormone", plural = true,
  what = {
    "These are hormone pills, called aromatase inhibitors.",
    "There are three: letrozole (Femara), anastrozole (Arimidex) and exemestane (Aromasin).",
    "After menopause, they cut how much estrogen the body makes.",
    "With less estrogen, cancer that feeds on hormones has less fuel.",
  },
  used_for = {
    "Aromatase inhibitors are used after menopause, for breast cancer that feeds on hormones.",
    "Before menopause, they can be used with drugs that switch off the ovaries.",
    "They lower the chance of the cancer coming back.",
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
  sources = { "label-letrozole", "acs-hormone" },
}

DRUGS.bone_drug = {
  name = "bone-strengthening drugs", short = "these bone drugs", kind = "bone", plural = true,
  what = {
    "Bone drugs keep bones strong. They include bisphosphonates, such as zoledronic acid (Zometa), and denosumab (Xgeva, Prolia).",
    "They slow down the cells that break down bone.",
    "They help when cancer or its treatment makes bones weak.",
  },
  used_for = {
    "Bisphosphonates and denosumab are used to protect bone.",
    "If cancer has spread to the bone, they lower the risk of fractures and bone pain.",
    "After menopause, they may lower the chance of cancer coming back in the bone. They also protect bones during aromatase inhibitor treatment.",
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
  sources = { "label-zoledronic", "label-denosumab", "acs-bone" },
}

-- Named regimens.
local REGIMENS = {}

REGIMENS.thp = {
  name = "THP",
  what = {
    "THP is three drugs: trastuzumab (Herceptin), pertuzumab (Perjeta) and a taxane chemo.",
    "The taxane is most often docetaxel (Taxotere) or paclitaxel (Taxol).",
    "It is the classic first treatment when HER2-positive cancer has spread. The CLEOPATRA trial proved it.",
    "It is also used before surgery for early cancer.",
  },
  used_for = {
    "THP is the usual first treatment for metastatic HER2-positive breast cancer.",
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
  sources = { "acs-targeted", "label-pertuzumab", "nci-pdq" },
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
    "Your care team decides if it fits you.",
  },
  given = {
    "All four TCHP drugs are given by IV every three weeks.",
    "A visit can take several hours, mostly at the first cycle.",
    "Phesgo can replace the two antibody infusions with one shot.",
  },
  duration = {
    "TCHP is usually given for 6 cycles, about 18 weeks, before surgery.",
    "After surgery, HER2 drugs continue to complete about a year.",
    "If cancer remains at surgery, T-DM1 (Kadcyla) is often used instead.",
  },
  side_effects = {
    "TCHP often causes diarrhea, nausea, tiredness and hair loss.",
    "It lowers blood counts, which raises the risk of infection and bruising. Nerve tingling can happen too.",
    "The HER2 drugs can affect the heart, so you get heart scans (echo or MUGA).",
    FEVER_CALL,
  },
  sources = { "acs-chemo", "acs-targeted", "nci-pdq" },
}

REGIMENS.tch = {
  name = "TCH",
  what = {
    "TCH is three drugs: docetaxel (Taxotere), carboplatin and trastuzumab (Herceptin).",
    "It is like TCHP, but without pertuzumab.",
    "It is used for early HER2-positive breast cancer.",
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
    "Today, plans without doxorubicin, such as TCHP, are often used instead.",
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
    "It is a first treatment option for metastatic HER2-positive breast cancer, based on the DESTINY-Breast09 trial.",
    "It is an alternative to THP. Your care team decides which fits you.",
  },
  used_for = {
    "This pair can be the first treatment when HER2-positive cancer has spread.",
    "It is a choice in place of THP. Your care team weighs the two.",
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
    "T-DXd can cause lung inflammation (ILD). Report any new cough or shortness of breath at once.",
    "Heart scans (echo or MUGA) are done during treatment.",
  },
  sources = { "label-tdxd", "label-pertuzumab" },
}

local CHEMO_BY_KIND = {
  antibody = { "No.", "a targeted antibody, not chemotherapy. It is often given with chemo, which causes most hair loss and nausea." },
  adc = { "Partly.", "an antibody with a chemo drug attached, so it can have chemo-like side effects." },
  tki = { "No.", "a targeted pill that blocks HER2 inside the cell. It is not chemotherapy." },
  chemo = { "Yes.", "a chemotherapy drug." },
  hormone = { "No.", "hormone therapy, not chemotherapy." },
  bone = { "No.", "bone-strengthening drugs, not chemotherapy." },
}

local ASPECT_LABEL = {
  about = "What is %s?", given = "How is %s given?", duration = "How long is %s used?",
  used_for = "When is %s used?", side_effects = "What are the side effects of %s?",
}

local function suggestions(short, skip)
  local out = {}
  for _, a in ipairs({ "side_effects", "given", "used_for", "duration" }) do
    if a ~= skip and #out < 3 then out[#out + 1] = string.format(ASPECT_LABEL[a], short) end
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

local function drug_answer(key, aspect)
  local d = DRUGS[key]
  local text = d[aspect]
  if aspect == "about" then text = d.what end
  if aspect == "chemo" and not text then
    local c = CHEMO_BY_KIND[d.kind]
    local verb = d.plural and " are " or " is "
    text = { c[1] .. " " .. cap(d.name) .. verb .. c[2], "Ask your care team how " .. d.short .. " fit" .. (d.plural and "" or "s") .. " in your plan." }
  end
  local skip = aspect == "about" and "about" or aspect
  return {
    text = text,
    sources = d.sources,
    suggest = suggestions(d.short, skip),
    remember = { drug = key, topic = "drug" },
  }
end

local function regimen_answer(key, aspect)
  local r = REGIMENS[key]
  local text = aspect == "about" and r.what or r[aspect] or r.what
  return {
    text = text,
    sources = r.sources,
    suggest = suggestions(r.name, aspect),
    remember = { regimen = key, topic = "regimen" },
  }
end

local function aspect_handler(aspect, prefer)
  return function(q)
    local kind, key = subject(q, prefer)
    if kind == "regimen" then
      if aspect == "chemo" then
        return regimen_answer(key, "side_effects")
      end
      return regimen_answer(key, aspect)
    elseif kind == "drug" then
      return drug_answer(key, aspect)
    end
    return {
      text = "Which drug do you mean? You can ask about trastuzumab (Herceptin), pertuzumab (Perjeta), T-DM1 (Kadcyla), T-DXd (Enhertu), tucatinib (Tukysa) and others.",
      sources = { "acs-targeted" },
      suggest = { "What is Herceptin?", "What is Enhertu?", "What is Kadcyla?" },
    }
  end
end

for _, a in ipairs({ "about", "given", "duration", "used_for", "side_effects" }) do
  herald.on("drug." .. a, aspect_handler(a, "drug"))
end
herald.on("drug.side_effects_of", aspect_handler("side_effects", "drug"))
herald.on("drug.mention", aspect_handler("about", "drug"))
herald.on("drug.is_chemo", aspect_handler("chemo", "drug"))
for _, a in ipairs({ "about", "given", "duration", "used_for", "side_effects" }) do
  herald.on("regimen." .. a, aspect_handler(a, "regimen"))
end
herald.on("regimen.mention", aspect_handler("about", "regimen"))
herald.on("regimen.side_effects_of", aspect_handler("side_effects", "regimen"))

-- Phesgo and Herceptin Hylecta are injected by a health professional.
herald.on("drug.self_inject", function(q)
  local key = q:slot("drug")
  local d = key and DRUGS[key]
  if d and (d.kind == "tki" or key == "capecitabine" or d.kind == "hormone") then
    return {
      text = {
        cap(d.name) .. " is a pill, so you take it yourself at home.",
        "There is nothing to inject.",
        "Follow the plan your care team gives you.",
      },
      sources = d.sources,
      suggest = suggestions(d.short, "given"),
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
  { "fam[ %-]?trastuzumab[ %-]?deruxtecan", "t_dxd" },
  { "trastuzumab[ %-]?hyaluronidase", "herceptin_hylecta" },
  { "ado[ %-]?trastuzumab[ %-]?emtansine", "t_dm1" },
  { "subcutaneous[ %-]?trastuzumab", "herceptin_hylecta" },
  { "trastuzumab[ %-]?biosimilar", "trastuzumab" },
  { "subcutaneous[ %-]?herceptin", "herceptin_hylecta" },
  { "trastuzumab[ %-]?deruxtecan", "t_dxd" },
  { "trastuzumab[ %-]?emtansine", "t_dm1" },
  { "herceptin[ %-]?biosimilar", "trastuzumab" },
  { "herceptin[ %-]?high[ %-]?lecta", "herceptin_hylecta" },
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
  { "weekly[ %-]?taxol", "paclitaxel" },
  { "trastuzumab", "trastuzumab" },
  { "herceptin%'s", "trastuzumab" },
  { "trastuzumab", "trastuzumab" },
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
  { "pertuzumab", "pertuzumab" },
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
  { "herceptin", "trastuzumab" },
  { "hercepton", "trastuzumab" },
  { "herseptin", "trastuzumab" },
  { "hurceptin", "trastuzumab" },
  { "trazimera", "trastuzumab" },
  { "ontruzant", "trastuzumab" },
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
  { "fesgo", "phesgo" },
  { "t[ %-]?dm1", "t_dm1" },
  { "tdm[ %-]?1", "t_dm1" },
  { "t[ %-]?dxd", "t_dxd" },
  { "taxol", "paclitaxel" },
  { "xgeva", "bone_drug" },
  { "tdxd", "t_dxd" },
}

-- Built once at load: each alias's pattern, and the literal word it starts
-- with, so a question is searched only for aliases whose first word it holds
-- (a plain find), not with every pattern in turn.
local ALIAS_PATTERNS = {}
for i, a in ipairs(ALIASES) do
  ALIAS_PATTERNS[i] = { pat = "%f[%w]" .. a[1], lit = a[1]:match("^%w+") }
end

local function named_drugs(text)
  local found, taken = {}, {}
  for i, a in ipairs(ALIASES) do
    local ap = ALIAS_PATTERNS[i]
    local pat = ap.pat
    local s, e
    if not ap.lit or text:find(ap.lit, 1, true) then s, e = text:find(pat) end
    while s do
      local clash = false
      for p = s, e do if taken[p] then clash = true end end
      if not clash then
        for p = s, e do taken[p] = true end
        found[#found + 1] = { pos = s, key = a[2] }
      end
      s, e = text:find(pat, e + 1)
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
    "No, they are different drugs. Both join a HER2 antibody to a chemo drug, but the chemo part is different.",
    "T-DXd (Enhertu) carries a stronger chemo and can also hit nearby cancer cells. In the DESTINY-Breast03 trial, it worked better than T-DM1 (Kadcyla) for cancer that had spread.",
    "T-DM1 (Kadcyla) is the usual choice after surgery when cancer remains. Their side effects differ too: lungs for Enhertu; liver and platelets for Kadcyla.",
    "They are not interchangeable. Your care team picks the right one.",
  },
  ["t_dm1+trastuzumab"] = {
    "No, they are different drugs.",
    "Trastuzumab (Herceptin) is an antibody on its own.",
    "T-DM1 (Kadcyla) is that same antibody with a chemo drug joined to it.",
    "They are used at different times. One can't replace the other.",
  },
  ["t_dxd+trastuzumab"] = {
    "No, they are different drugs.",
    "Trastuzumab (Herceptin) is an antibody on its own.",
    "T-DXd (Enhertu) is a HER2 antibody with a strong chemo drug joined to it.",
    "Enhertu has its own side effects, such as a lung risk. One can't replace the other.",
  },
  ["pertuzumab+trastuzumab"] = {
    "Both are antibodies that target HER2, but they bind different parts of it.",
    "They work best together. This is called dual HER2 blockade.",
    "Pertuzumab (Perjeta) is always given with trastuzumab (Herceptin). Phesgo combines both in one shot.",
  },
  ["herceptin_hylecta+trastuzumab"] = {
    "They hold the same antibody. Herceptin is given by IV. Herceptin Hylecta is a shot under the skin.",
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
    "Both are HER2 pills called kinase inhibitors. They block HER2 from inside the cell.",
    "Tucatinib (Tukysa) is used with trastuzumab and capecitabine for cancer that has spread, and it works well in the brain.",
    "Neratinib (Nerlynx) is mostly used for a year after trastuzumab in early cancer. Both often cause diarrhea.",
  },
  ["lapatinib+tucatinib"] = {
    "Both are HER2 pills called kinase inhibitors.",
    "Tucatinib (Tukysa) is newer and more focused on HER2. With trastuzumab and capecitabine, it also works in the brain.",
    "Lapatinib (Tykerb) is older, and is now used less often. Both can cause diarrhea.",
  },
  ["lapatinib+neratinib"] = {
    "Both are HER2 pills called kinase inhibitors. Both can cause diarrhea.",
    "Neratinib (Nerlynx) is used for a year after trastuzumab in early cancer, or with capecitabine later on.",
    "Lapatinib (Tykerb) is used with capecitabine or letrozole for cancer that has spread.",
  },
}

local BIOSIMILAR = {
  "Yes, in effect. It is a biosimilar of trastuzumab (Herceptin).",
  "A biosimilar is a near copy. It works the same way and is just as safe.",
  "Trastuzumab biosimilars are Ogivri, Kanjinti, Trazimera, Herzuma, Ontruzant and Hercessi.",
  "Your clinic or insurer may choose which one you get.",
}

herald.on("drug.compare", function(q)
  local keys, hits = named_drugs(q.text)
  local a = q.slots.drug or q.context.drug
  local b
  for _, k in ipairs(keys) do
    if k ~= a then b = k; break end
  end
  if a == "trastuzumab" and not b and hits >= 2 then
    -- "is kanjinti the same as herceptin": both names are trastuzumab.
    return { text = BIOSIMILAR, sources = { "label-trastuzumab", "acs-targeted" },
      suggest = { "What is Herceptin?", "How is Herceptin given?", "What are the side effects of Herceptin?" },
      remember = { drug = "trastuzumab", topic = "drug" } }
  end
  if not (a and b and DRUGS[a] and DRUGS[b]) then return drug_answer(a, "about") end
  local x, y = a, b
  if x > y then x, y = y, x end
  local text = PAIRS[x .. "+" .. y]
  if not text then
    local da, db = DRUGS[a], DRUGS[b]
    text = { da.what[1], db.what[1], "They are different drugs, used in different ways.",
      "Ask your care team why one is chosen over the other for you." }
  end
  local srcs = {}
  for _, s in ipairs(DRUGS[a].sources) do srcs[#srcs + 1] = s end
  srcs[#srcs + 1] = DRUGS[b].sources[1]
  return {
    text = text, sources = srcs,
    suggest = { string.format(ASPECT_LABEL.side_effects, DRUGS[a].short),
      string.format(ASPECT_LABEL.side_effects, DRUGS[b].short),
      "What happens if cancer grows after Enhertu?" },
    remember = { drug = b, topic = "drug" },
  }
end)
