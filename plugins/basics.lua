-- Breast cancer basics a person with HER2-positive cancer meets: what breast
-- cancer is, how common it is, how it is found, stages, inflammatory breast
-- cancer, DCIS (with the HER2-drug premise corrected), small node-negative
-- HER2-positive tumours, "no evidence of disease" and follow-up care.
-- Intents: intents/basics.intents. Figures are population estimates, never a
-- personal forecast; the care team decides each person's plan.
herald.about { title = "Breast cancer basics", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local ACS_BC = "https://www.cancer.org/cancer/types/breast-cancer/"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-what", "What Is Breast Cancer?", ACS, ACS_BC .. "about/what-is-breast-cancer.html")
src("acs-stats", "Key Statistics for Breast Cancer", ACS, ACS_BC .. "about/how-common-is-breast-cancer.html")
src("acs-biopsy", "Breast Biopsy", ACS, ACS_BC .. "screening-tests-and-early-detection/breast-biopsy.html")
src("acs-stages", "Breast Cancer Stages", ACS, ACS_BC .. "understanding-a-breast-cancer-diagnosis/stages-of-breast-cancer.html")
src("acs-ibc", "Inflammatory Breast Cancer", ACS, ACS_BC .. "about/types-of-breast-cancer/inflammatory-breast-cancer.html")
src("acs-dcis", "Ductal Carcinoma In Situ (DCIS)", ACS, ACS_BC .. "about/types-of-breast-cancer/dcis.html")
src("acs-followup", "Follow-up Care After Breast Cancer Treatment", ACS,
  ACS_BC .. "living-as-a-breast-cancer-survivor/follow-up-care-after-breast-cancer-treatment.html")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS, ACS_BC .. "treatment/targeted-therapy-for-breast-cancer.html")
src("nci-pdq", "Breast Cancer Treatment (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/breast-treatment-pdq")
src("nci-ibc", "Inflammatory Breast Cancer", NCI, "https://www.cancer.gov/types/breast/ibc-fact-sheet")
src("nci-ned", "Definition of NED (NCI Dictionary of Cancer Terms)", NCI,
  "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/ned")
src("nci-recurrent", "Recurrent Cancer: When Cancer Comes Back", NCI, "https://www.cancer.gov/types/recurrent-cancer")
src("b43", "Radiation With or Without Trastuzumab for HER2-Positive DCIS (NSABP B-43), J Clin Oncol 2021",
  "American Society of Clinical Oncology", "https://doi.org/10.1200/JCO.20.02824")
src("apt", "Adjuvant Paclitaxel and Trastuzumab for Node-Negative, HER2-Positive Breast Cancer (APT), N Engl J Med 2015",
  "Massachusetts Medical Society", "https://doi.org/10.1056/NEJMoa1406281")
src("apt-10y", "Adjuvant paclitaxel and trastuzumab in node-negative HER2-positive breast cancer: long-term follow-up",
  "The ASCO Post", "https://ascopost.com/news/march-2023/adjuvant-paclitaxel-and-trastuzumab-in-node-negative-her2-positive-breast-cancer-long-term-follow-up")
src("asco-followup", "Breast Cancer Follow-Up and Management After Primary Treatment: ASCO Guideline Update (2013)",
  "American Society of Clinical Oncology", "https://doi.org/10.1200/JCO.2012.45.9859")

local ESTIMATE = "These are estimates for large groups of people. They can't predict what will happen to one person."

-- Ductal against lobular (probe 6, T01): the two main invasive types, and that HER2 guides
-- the treatment of either.
src("acs-invasive", "Invasive Breast Cancer (IDC/ILC)", ACS,
  ACS_BC .. "understanding-a-breast-cancer-diagnosis/types-of-breast-cancer/invasive-breast-cancer.html")
local DUCTAL_LOBULAR = {
  text = {
    "Ductal and lobular are the two main types of invasive breast cancer. Ductal cancer starts in the milk ducts and makes up about 8 in 10. Lobular cancer starts in the milk glands and makes up about 1 in 10. It can be harder to see on a mammogram.",
    "Lobular cancers are less often HER2-positive than ductal ones. When either type is HER2-positive, treatment is planned around HER2, the hormone receptors and the stage, and HER2 drugs are used the same way.",
    "Next step: ask your team which type your report shows, and whether it changes anything in your plan.",
  },
  sources = { "acs-invasive", "acs-what" },
  suggest = { "What does HER2-positive mean?", "What are the stages of breast cancer?", "What is DCIS?" },
}

local WHAT_IS = {
  text = {
    "Breast cancer starts when cells in the breast change and grow out of control. Over time they can form a lump, called a tumor.",
    "Most breast cancers start in the ducts, the thin tubes that carry milk to the nipple. Others start in the lobules, the glands that make milk.",
    "When the cancer grows out of the duct or lobule into the tissue around it, it is called invasive. Invasive cancer can spread through the lymph nodes or the blood.",
    "Each cancer is also tested for hormone receptors and HER2, and these results guide treatment. Next step: ask your care team which type your cancer is.",
  },
  sources = { "acs-what", "nci-pdq" },
  suggest = { "What does HER2-positive mean?", "How is breast cancer diagnosed?", "What are the stages of breast cancer?" },
}
herald.on("basics.what_is", function(q)
  if q:mentions({ "ductal", "idc" }) and q:mentions({ "lobular", "ilc" }) then return DUCTAL_LOBULAR end
  return WHAT_IS
end)

herald.answer("basics.how_common", {
  text = {
    "Breast cancer is the most common cancer in women in the US, apart from skin cancer. About 1 in 8 US women will get invasive breast cancer at some point in life.",
    "The American Cancer Society estimates that more than 300,000 US women are found to have invasive breast cancer each year. Men can get it too, but only about 1 in 100 breast cancers is found in a man.",
    "About 2 in 3 are found before they spread outside the breast, and breast cancer death rates have dropped by more than 40 percent since 1989.",
    ESTIMATE .. " Next step: ask your doctor about your own risk and when to have mammograms.",
  },
  sources = { "acs-stats" },
  suggest = { "How common is HER2-positive breast cancer?", "What are risk factors for breast cancer?", "Can men get breast cancer?" },
})

herald.answer("basics.diagnosis", {
  text = {
    "Breast cancer is often first seen on a screening mammogram, or felt as a lump. More imaging, such as a closer mammogram, an ultrasound or an MRI, takes a better look.",
    "Only a biopsy can say for sure. A doctor uses a needle to take small samples of tissue, often guided by ultrasound or mammogram, and a pathologist checks them under a microscope.",
    "The same samples show the type of cancer, its grade, and whether it is hormone receptor-positive or HER2-positive. Some people also need scans of other parts of the body.",
    "Next step: ask for a copy of your pathology report and go through it with your care team.",
  },
  sources = { "acs-biopsy", "nci-pdq" },
  suggest = { "How do they test for HER2?", "What are the stages of breast cancer?", "What does tumor grade mean?" },
})

local STAGE_NOTE = {
  ["0"] = "Stage 0 is DCIS: abnormal cells that are still inside a milk duct and have not grown out of it.",
  ["1"] = "Stage 1 usually means a small tumor, about 2 cm or less, with no cancer in the lymph nodes or only tiny amounts.",
  ["2"] = "Stage 2 usually means a larger tumor, or cancer that has reached a few lymph nodes under the arm.",
  ["3"] = "Stage 3 usually means a large tumor, cancer in many lymph nodes, or cancer that has grown into the skin or chest wall. It has not spread to distant organs.",
  ["4"] = "Stage 4 means the cancer has spread to distant parts of the body, such as the bones, liver, lungs or brain.",
}
local STAGE_WORDS = {
  { "stage 0", "0" }, { "stage zero", "0" }, { "stage 1", "1" }, { "stage one", "1" }, { "stage i%f[%W]", "1" },
  { "stage 2", "2" }, { "stage two", "2" }, { "stage ii%f[%W]", "2" }, { "stage 3", "3" }, { "stage three", "3" },
  { "stage iii%f[%W]", "3" }, { "stage 4", "4" }, { "stage four", "4" }, { "stage iv%f[%W]", "4" },
}

herald.on("basics.staging", function(q)
  local which
  for _, w in ipairs(STAGE_WORDS) do
    if q.text:find(w[1]) then which = w[2]; break end
  end
  local text = {
    "The stage tells how big the cancer is and how far it has spread. It runs from stage 0 to stage 4, and reports often write it in Roman numerals.",
    "Doctors use the TNM system: T is the size of the tumor, N is whether lymph nodes have cancer, and M is whether it has spread to distant organs. Grade, hormone receptors and HER2 can also move the stage up or down.",
  }
  if which then
    table.insert(text, STAGE_NOTE[which])
  else
    table.insert(text, "Stage 0 is DCIS. Stages 1 to 3 are cancer in the breast and nearby lymph nodes. Stage 4 means it has spread to distant organs.")
  end
  table.insert(text, "Next step: ask your care team what your stage is and how it shapes your plan.")
  return {
    text = text,
    sources = { "acs-stages", "nci-pdq" },
    suggest = { "What is the difference between stage and grade?", "How is early HER2-positive breast cancer treated?", "What is DCIS?" },
  }
end)

herald.answer("basics.ibc", {
  text = {
    "Inflammatory breast cancer is a rare, fast-growing type. It makes up about 1 to 5 in 100 breast cancers in the US.",
    "The cancer cells block small lymph vessels in the skin of the breast. So the breast often turns red and swollen over weeks, feels warm, heavy or tender, and the skin can look pitted, like an orange peel. There is often no lump, so it can be mistaken for an infection.",
    "It is stage 3 or 4 when it is found. Treatment usually starts with chemo, with HER2 drugs added if the cancer is HER2-positive, then a mastectomy, then radiation. Its outlook is not as good as for most breast cancers, but this full plan has improved it.",
    "Next step: if a breast stays red or swollen after about a week of antibiotics, ask for a breast exam and imaging soon.",
  },
  sources = { "nci-ibc", "acs-ibc" },
  suggest = { "What does HER2-positive mean?", "What are the stages of breast cancer?", "What is a mastectomy?" },
})

local DCIS = {
  "DCIS (ductal carcinoma in situ) means abnormal cells are inside a milk duct. They have not grown through the wall of the duct. It is called stage 0, or non-invasive. While it stays in the duct, it can't spread to other organs.",
  "DCIS is usually treated with surgery: a lumpectomy, most often with radiation after it, or a mastectomy. If it is hormone receptor-positive, a hormone pill such as tamoxifen may be offered to lower the chance of a new breast cancer. Chemo is not used for DCIS alone.",
}
local DCIS_HER2 = "Trastuzumab (Herceptin) and other HER2 drugs are used for invasive HER2-positive cancer, not for DCIS alone. A large trial, NSABP B-43, added trastuzumab to radiation for HER2-positive DCIS. It did not clearly lower the chance of DCIS coming back."
local DCIS_NEXT = "If your report also shows invasive cancer, that part guides the plan. Next step: ask your care team whether any invasive cancer was found."

-- Trastuzumab, pertuzumab, T-DM1, T-DXd and the HER2 pills, as people type them.
local HER2_DRUG = { "herceptin", "trastuzumab", "perjeta", "pertuzumab", "phesgo", "kadcyla", "enhertu", "t%-?dm%-?1",
  "t%-?dxd", "tukysa", "tucatinib", "nerlynx", "neratinib", "her2 drug", "her2 therap", "her2 treatment", "targeted" }

herald.on("basics.dcis", function(q)
  local asks_drug = false
  for _, d in ipairs(HER2_DRUG) do
    if q.text:find(d) then asks_drug = true; break end
  end
  local text = { DCIS[1] }
  if asks_drug then table.insert(text, DCIS_HER2) end
  table.insert(text, DCIS[2])
  table.insert(text, DCIS_NEXT)
  return {
    text = text,
    sources = asks_drug and { "acs-dcis", "nci-pdq", "b43" } or { "acs-dcis", "nci-pdq" },
    suggest = { "What is a lumpectomy?", "Do I need radiation after lumpectomy?", "What are the stages of breast cancer?" },
  }
end)

herald.answer("basics.small_tumor", {
  text = {
    "Small HER2-positive tumors that have not reached the lymph nodes often get a lighter plan than larger ones.",
    "A common choice is weekly paclitaxel (Taxol) with trastuzumab (Herceptin) for 12 weeks, then trastuzumab alone to finish a year. The APT trial tested this plan in tumors up to 3 cm with clear nodes. After 10 years, about 96 in 100 people had not had their breast cancer come back.",
    ESTIMATE .. " Surgery, radiation after a lumpectomy, and hormone pills for hormone receptor-positive cancer are added as usual. For very small tumors, your team may discuss how much treatment is needed.",
    "Next step: ask your care team whether this plan fits your tumor size and node results.",
  },
  sources = { "apt", "apt-10y", "acs-targeted" },
  suggest = { "What are the side effects of paclitaxel?", "How long do I take Herceptin for?", "Is chemotherapy always needed with HER2 therapy?" },
})

herald.answer("basics.ned", {
  text = {
    "NED stands for no evidence of disease. It means exams, scans and tests can't find any cancer in your body right now.",
    "It is very good news. But it is not a promise that the cancer is gone for good, because a few cells too small to see can stay hidden. That is why follow-up visits go on.",
    "Some people whose cancer had spread also reach NED. Their team may keep some treatment going, such as HER2 drugs.",
    "Next step: ask your care team what your follow-up plan is and which symptoms you should report.",
  },
  sources = { "nci-ned", "nci-recurrent" },
  suggest = { "What follow-up will I have after treatment?", "Will my cancer come back?", "Is HER2-positive breast cancer curable?" },
})

local MARKERS = { "tumor marker", "tumour marker", "ca 15-3", "ca15-3", "ca 15 3", "ca 27-29", "ca27-29", "ca 27 29", " cea ",
  "marker went up", "markers went up", "markers are up", "marker is up", "marker rose", "markers rose" }
local MARKER_TEXT = {
  "A small rise in a tumor marker such as CA 15-3 or CA 27-29 does not on its own mean the cancer is back. These levels go up and down for other reasons too.",
  "Your team looks at the trend over several tests, at how you feel, and, if needed, at scans before deciding anything.",
  "Next step: ask your team what the change means to them, and when they will check it again.",
}

local FOLLOWUP = {
  text = {
    "After treatment you will have regular checkups. A common plan is a visit every 3 to 6 months for the first 3 years, every 6 to 12 months in years 4 and 5, then once a year.",
    "You will have a mammogram every year of any breast tissue that remains. After a lumpectomy, the first one is often 6 to 12 months after radiation ends.",
    "If you feel well, routine scans such as CT, PET or bone scans, and tumor marker blood tests, are not advised: studies found they did not help people live longer. Scans are done when a new symptom appears.",
    "Tell your team about a new lump, bone pain, a cough, belly pain or headaches that don't go away. Next step: ask for a written follow-up plan.",
  },
  sources = { "acs-followup", "asco-followup" },
  suggest = { "Will my cancer come back?", "What does NED mean?", "How can I cope with fear of it coming back?" },
}

-- Handed back to the family doctor: usual and planned (ASCO's guideline lets
-- follow-up move to primary care about a year after diagnosis), with a written
-- survivorship care plan and a way back to the cancer team.
local PRIMARY = { "family doctor", "family dr", "gp", "general practitioner", "primary care", "regular doctor",
  "pcp", "own doctor", "normal doctor", "family physician", "internist" }
local PRIMARY_TEXT = {
  "Yes, this is common and planned. For early breast cancer, guidelines say follow-up can move to your family doctor once treatment is done and you are well. It does not mean the cancer team has stopped caring.",
  "Your family doctor can do the checkups and any mammograms you still need. Ask the cancer team for a written survivorship care plan: your treatments, what to watch for, and which tests you need.",
  "You can still be sent back to the cancer team quickly if something new comes up.",
  "Next step: ask for the care plan and the number to call at the cancer center.",
}

herald.on("basics.followup", function(q)
  if q:mentions(PRIMARY, " " .. (q.message or q.text) .. " ") then
    return { text = PRIMARY_TEXT, sources = { "asco-followup", "acs-followup" }, suggest = FOLLOWUP.suggest }
  end
  if q:mentions(MARKERS, " " .. (q.message or q.text) .. " ") then
    return { text = MARKER_TEXT, sources = { "asco-followup", "acs-followup" }, suggest = FOLLOWUP.suggest }
  end
  return FOLLOWUP
end)
