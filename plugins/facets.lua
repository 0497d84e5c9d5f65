-- Facets: the one detail a follow-up asks of the topic just answered
-- (docs/intents.md, Conversation, Facets). After the card on diarrhea, "what
-- can I take for it" asks for the medicines; after the card on heart checks,
-- "and after treatment ends?" asks for the checks once treatment is over.
-- The engine picks the facet by the follow-up's words and calls the handler
-- named TOPIC.FACET (core/engine/route_facet.c lists the facets); a topic
-- without that facet answers with its whole card, as before.
--
-- Each answer here says only the detail asked, in a few sentences, with its
-- own sources; the rules of docs/plugins.md (Composing answers safely) hold:
-- a drug's facts sit in that drug's entry, shared sentences name no drug.
herald.about {
  title = "Follow-up details of a topic",
  reviewed = "2026-12-07",
  reviewed_by = "herald content team, from FDA labels, NCI, ACS and ASCO; clinical review item 19 (awaiting sign-off)",
}

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("nci-diarrhea", "Diarrhea and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea")
src("nci-nausea", "Nausea and Vomiting and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/nausea")
src("nci-nerve", "Nerve Problems (Peripheral Neuropathy) and Cancer Treatment", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/nerve-problems")
src("asco-cipn", "Prevention and Management of Chemotherapy-Induced Peripheral Neuropathy: ASCO Guideline Update (2020)",
  "American Society of Clinical Oncology", "https://doi.org/10.1200/JCO.20.01399")
src("asco-antiemetics", "Antiemetics: ASCO Guideline Update (2020)", "American Society of Clinical Oncology",
  "https://doi.org/10.1200/JCO.20.01296")
src("nci-hair", "Hair Loss (Alopecia) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/hair-loss")
src("nci-fatigue", "Fatigue and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue")
src("acs-by-stage", "Treatment of Breast Cancer by Stage", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/treatment-of-breast-cancer-by-stage.html")
src("acs-stages", "Breast Cancer Stages", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/stages-of-breast-cancer.html")
src("nci-pdq", "Breast Cancer Treatment (PDQ), Patient Version", NCI, "https://www.cancer.gov/types/breast/patient/breast-treatment-pdq")
src("nci-ki67", "Definition of Ki-67", NCI, "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/ki-67")
src("acs-grade", "Breast Cancer Grades", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-grades.html")
src("ki67-pcr-her2", "Predictive factors of pathologic complete response in HER2-positive, node-positive breast cancer (Oncotarget, 2017)",
  "PubMed Central, National Library of Medicine", "https://pmc.ncbi.nlm.nih.gov/articles/PMC5593588")
src("acs-her2", "Breast Cancer HER2 Status", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html")
src("bco-her2", "HER2 Status", "Breastcancer.org", "https://www.breastcancer.org/pathology-report/her2-status")
src("katherine", "Trastuzumab Emtansine for Residual Invasive HER2-Positive Breast Cancer (KATHERINE), N Engl J Med 2019",
  "Massachusetts Medical Society", "https://doi.org/10.1056/NEJMoa1814017")
src("fda-tdxd-early", "FDA approval of Enhertu for two uses in HER2-positive early-stage breast cancer (May 15, 2026)",
  "US Food and Drug Administration",
  "https://www.fda.gov/drugs/resources-information-approved-drugs/fda-approves-two-separate-indications-fam-trastuzumab-deruxtecan-nxki-her2-positive-early-stage")
src("cancernet-preschool", "How to Talk to Your Preschooler About Cancer", "Cancer.Net, American Society of Clinical Oncology",
  "https://www.cancer.net/blog/2018-04/how-talk-your-preschooler-about-cancer")
src("acs-children", "Helping Children When a Family Member Has Cancer", ACS,
  "https://www.cancer.org/cancer/caregivers/helping-children-when-a-family-member-has-cancer.html")
src("nci-se", "Side Effects of Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects")
src("nci-lymph", "Lymphedema and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/lymphedema")
src("acs-ports", "Central Venous Catheters (Ports and PICC Lines)", ACS,
  "https://www.cancer.org/cancer/managing-cancer/treatment-types/chemotherapy/central-venous-catheters.html")
src("acs-alcohol", "Alcohol Use and Cancer", ACS,
  "https://www.cancer.org/cancer/risk-prevention/diet-physical-activity/alcohol-use-and-cancer.html")
src("nci-alcohol", "Alcohol and Cancer Risk", NCI, "https://www.cancer.gov/about-cancer/causes-prevention/risk/alcohol/alcohol-fact-sheet")
for _, id in ipairs({ "label-trastuzumab", "label-neratinib", "label-tucatinib", "label-tdxd", "label-doxorubicin",
  "label-pertuzumab", "label-tdm1", "label-capecitabine", "label-docetaxel", "label-hylecta", "label-phesgo",
  "label-epirubicin" }) do herald.source(id) end

-- Diarrhea: the medicines, and how long it lasts ------------------------------

local DIARRHEA_MEDICINE = herald.facts("drug", {
  neratinib = "With neratinib (Nerlynx), loperamide is part of the plan from the first dose: its label sets it on a fixed schedule for the first two months, unless your team starts neratinib at a lower dose instead.",
  tucatinib = "With tucatinib (Tukysa), loperamide is the usual first medicine when diarrhea starts.",
  capecitabine = "With capecitabine (Xeloda), tell your team early: they may pause it or change the dose as well as give medicine.",
})

herald.on("se.diarrhea.medicine", function(q)
  local text = {
    "The usual medicine for diarrhea from cancer drugs is loperamide (Imodium). Many teams want you to keep it at home.",
  }
  for _, s in ipairs(DIARRHEA_MEDICINE:get(q) or {}) do text[#text + 1] = s end
  text[#text + 1] = "Take it the way your team tells you, not just as the box says. Ask before you try any other medicine or herb for it."
  text[#text + 1] = "Drink plenty of fluids, and call your team if it does not settle with your plan, or if you have a fever, feel dizzy, or can't keep fluids down."
  text[#text + 1] = "Next step: ask your team for a written plan that says how much loperamide to take and when to call."
  return {
    text = text,
    sources = { "label-neratinib", "label-tucatinib", "label-capecitabine", "nci-diarrhea" },
    suggest = { "What should I eat when I have diarrhea?", "When should I call my care team?", "What are the side effects of neratinib?" },
  }
end)

local DIARRHEA_LONG = herald.facts("drug", {
  neratinib = "With neratinib (Nerlynx), diarrhea is worst in the first month and most often eases after that.",
  tucatinib = "With tucatinib (Tukysa), diarrhea is most often mild, but it can come back during treatment.",
})

herald.on("se.diarrhea.how_long", function(q)
  local text = {}
  for _, s in ipairs(DIARRHEA_LONG:get(q) or {}) do text[#text + 1] = s end
  text[#text + 1] = "Diarrhea from a cancer drug most often settles once the drug is paused, the dose is lowered, or treatment ends."
  text[#text + 1] = "Tell your team if it lasts more than a day on your plan. Call now if you have a fever, feel dizzy, or can't keep fluids down."
  text[#text + 1] = "Next step: keep a note of how many times a day you go, to share with your team."
  return {
    text = text,
    sources = { "label-neratinib", "label-tucatinib", "nci-diarrhea" },
    suggest = { "What can I take for diarrhea?", "When should I call my care team?" },
  }
end)

-- Heart: the checks once treatment is over -------------------------------------

-- Asked after the heart card for one drug, the checks after treatment are that
-- drug's own (clinical review item 19): the trastuzumab labels (Herceptin,
-- Hylecta, Phesgo) set a scan when treatment ends and every 6 months for at
-- least 2 years after adjuvant use; the other HER2 drugs' labels set checks
-- during treatment only; an anthracycline's harm can show years later. A drug
-- with no entry gets the general sentences only, which name no drug.
local HEART_AFTER = herald.facts("drug", {
  trastuzumab = "After trastuzumab (Herceptin) for early cancer, its label advises a heart scan when treatment ends, then one every 6 months for at least 2 years.",
  herceptin_hylecta = "After Herceptin Hylecta for early cancer, its label advises a heart scan when treatment ends, then one every 6 months for at least 2 years.",
  phesgo = "After Phesgo for early cancer, its label advises a heart scan when treatment ends, then one every 6 months for at least 2 years.",
  pertuzumab = "Pertuzumab (Perjeta) is given with trastuzumab, so the checks after treatment follow trastuzumab's label: a scan when treatment ends, then one every 6 months for at least 2 years.",
  t_dm1 = "T-DM1 (Kadcyla) has heart scans during treatment. Ask your team whether you need more scans once T-DM1 ends.",
  t_dxd = "Enhertu has heart scans during treatment. Ask your team whether you need more scans once Enhertu ends.",
  margetuximab = "Margetuximab (Margenza) has heart scans during treatment. Ask your team whether you need more once margetuximab ends.",
  lapatinib = "Lapatinib (Tykerb) has heart checks during treatment. Ask your team whether you need more once lapatinib ends.",
  doxorubicin = "Doxorubicin (Adriamycin) can affect the heart years later, so tell every doctor you see that you had doxorubicin.",
  epirubicin = "Epirubicin (Ellence) can affect the heart years later, so tell every doctor you see that you had epirubicin.",
})

herald.on("se.heart.after", function(q)
  local text = { "Heart checks after treatment depend on which drugs you had." }
  local own = HEART_AFTER:get(q)
  if own then
    for _, line in ipairs(own) do text[#text + 1] = line end
  elseif not q:slot("drug") then
    text[#text + 1] = "After trastuzumab (Herceptin) for early cancer, its label advises a heart scan when treatment ends, then one every 6 months for at least 2 years."
    text[#text + 1] = "If you also had doxorubicin (Adriamycin), tell every doctor you see, since it can affect the heart years later."
  else
    text[#text + 1] = "Scans after treatment are mostly for people who had a HER2 antibody or an anthracycline chemo. Ask your team if you need any."
  end
  text[#text + 1] = "Call your doctor about swollen ankles, fast weight gain, or shortness of breath, even after treatment."
  text[#text + 1] = "Next step: ask your team for your heart follow-up plan in writing."
  return {
    text = text,
    sources = { "label-trastuzumab", "label-hylecta", "label-phesgo", "label-tdm1", "label-doxorubicin" },
    suggest = { "Can Herceptin damage the heart?", "When should I call my care team?" },
  }
end)

-- Treatment before surgery: what if surgery comes first ------------------------

herald.answer("treatment.neoadjuvant.surgery_first", {
  text = {
    "If surgery comes first, the chemo and HER2 drugs are given after it instead. This is called adjuvant treatment.",
    "Surgery first is common for small tumors with no cancer in the lymph nodes. A usual plan then is weekly paclitaxel (Taxol) with trastuzumab (Herceptin), then trastuzumab alone to finish a year.",
    "For larger tumors or cancer in the nodes, teams often give the drugs first. That can shrink the tumor, and it shows how well the drugs work.",
    "If cancer is still found at surgery after drugs first, the HER2 drug is changed after surgery, to T-DM1 (Kadcyla) or, since May 2026, T-DXd (Enhertu). With surgery first, there is no such result to act on.",
    "Next step: ask your team why they suggest one order over the other for you.",
  },
  sources = { "acs-by-stage", "nci-pdq", "label-tdm1", "fda-tdxd-early" },
  suggest = { "What is adjuvant treatment?", "What if cancer is left after chemo before surgery?", "What is a pCR?" },
})

herald.answer("treatment.neoadjuvant.how_long", {
  text = {
    "Treatment before surgery most often lasts about 4 to 6 months. A plan such as TCHP is often 6 rounds, one every 3 weeks.",
    "Surgery usually follows a few weeks after the last round.",
    "The HER2 drugs then go on after surgery, to finish about a year in all.",
    "Next step: ask your team for a calendar of your rounds and the surgery date.",
  },
  sources = { "acs-by-stage", "label-trastuzumab", "label-pertuzumab" },
  suggest = { "What is TCHP?", "What happens after surgery?" },
})

-- Ki-67: does chemo work better, is it worse -----------------------------------

herald.answer("testing.ki67.response", {
  text = {
    "A high Ki-67 means the cells divide fast, and fast-dividing cells are what chemo attacks.",
    "So fast-growing tumors often respond well to chemo. In studies of HER2-positive cancer, a higher Ki-67 went with more tumors fully gone at surgery after treatment before surgery.",
    "These are findings in groups of people. They can't tell how one tumor will respond, and the HER2 drugs matter most in the plan.",
    "Next step: ask your team how they will check that the treatment is working.",
  },
  sources = { "nci-ki67", "ki67-pcr-her2" },
  suggest = { "What is a pCR?", "What does the grade mean?" },
})

herald.answer("testing.ki67.worse", {
  text = {
    "A high Ki-67 means the cancer may grow faster. On its own, that is linked with a higher risk.",
    "But for HER2-positive cancer, the HER2 result, the stage and the hormone receptors shape the plan much more. HER2 drugs work well against fast-growing HER2-positive tumors.",
    "A number like this describes groups of people. It can't say what will happen to you.",
    "Next step: ask your team how your Ki-67 fits with your grade and stage.",
  },
  sources = { "nci-ki67", "acs-grade" },
  suggest = { "What does the grade mean?", "What does my stage mean?" },
})

-- HER2 retested: what if the new result differs --------------------------------

herald.answer("testing.status_change.negative", {
  text = {
    "If the new sample tests HER2-negative, your team looks at both results. They may ask the lab to check again, since HER2 can differ from one part of a tumor to another.",
    "If the new spot is truly HER2-negative, the plan leans more on the hormone receptor result and on chemo.",
    "If it is HER2-low (1+, or 2+ with a negative ISH test), T-DXd (Enhertu) can be an option when cancer has spread. So can a score of 0 with faint staining, called HER2-ultralow, for hormone receptor-positive cancer after hormone therapy.",
    "Next step: ask your team which result they will treat, and why.",
  },
  sources = { "acs-her2", "bco-her2", "label-tdxd" },
  suggest = { "What is HER2-low?", "What does hormone receptor positive mean?" },
})

herald.answer("testing.status_change.positive", {
  text = {
    "If the new sample tests HER2-positive, HER2 drugs such as trastuzumab (Herceptin) become options, even if the first tumor was HER2-negative.",
    "Your team may also check the hormone receptors again, since they can change too.",
    "Next step: ask your team how the new result changes your plan.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "How is HER2-positive breast cancer treated?", "What does HER2-positive mean?" },
})

-- Stage: what size and nodes make which stage ----------------------------------

local STAGE_BY_SIZE = herald.fixed {
  text = {
    "In the basic staging, a tumor 2 cm or smaller with no cancer in the lymph nodes and no spread is stage 1A.",
    "A tumor larger than 2 cm and up to 5 cm, with clear nodes, is stage 2A. Larger than 5 cm with clear nodes is stage 2B.",
    "The final stage on a report can shift up or down with the grade, the hormone receptors and HER2.",
    "Next step: ask your care team to show you the size, the node result and the stage on your report.",
  },
  sources = { "nci-pdq", "acs-stages" },
  suggest = { "What does lymph node negative mean?", "How are small HER2-positive tumors treated?" },
}
for _, topic in ipairs({ "basics.staging", "testing.stage_vs_grade" }) do
  herald.on(topic .. ".size", function() return STAGE_BY_SIZE end)
end

-- Alcohol once treatment is over -----------------------------------------------

herald.answer("life.alcohol.after", {
  text = {
    "After treatment, alcohol still matters: it raises the risk of breast cancer, and even small amounts add some risk.",
    "The American Cancer Society says it is best not to drink. If you do, women should have no more than 1 drink a day.",
    "Drinking less is one of the things you can do to lower the chance of a new breast cancer.",
    "Next step: ask your care team what amount, if any, is OK for you.",
  },
  sources = { "acs-alcohol", "nci-alcohol" },
  suggest = { "What can I do to lower the risk of it coming back?", "Can I exercise after treatment?" },
})

-- Nerve damage: how long, and the medicines ------------------------------------

herald.answer("se.neuropathy.how_long", {
  text = {
    "Nerve damage from chemo often gets better slowly, over months after the last dose. For some people it takes a year or more.",
    "For some it does not go away fully. Telling your team early, while you are still on treatment, gives the best chance to keep it mild.",
    "Next step: tell your team if it gets worse, or makes walking or buttons hard.",
  },
  sources = { "nci-nerve", "asco-cipn" },
  suggest = { "What helps with neuropathy?", "Can yoga or acupuncture help?" },
})

herald.answer("se.neuropathy.medicine", {
  text = {
    "For painful nerve damage from chemo, the one medicine with good proof is duloxetine (Cymbalta). It helps some people, often a little.",
    "No medicine has been shown to prevent it. Your team may lower or pause the chemo that causes it.",
    "Keep hands and feet safe: check your feet each day, and test water heat with your elbow.",
    "Next step: ask your team whether a medicine or a referral to physical therapy could help you.",
  },
  sources = { "asco-cipn", "nci-nerve" },
  suggest = { "How long does neuropathy last?", "Can yoga or acupuncture help?" },
})

-- Nausea: the medicines --------------------------------------------------------

herald.answer("se.nausea.medicine", {
  text = {
    "There are several kinds of anti-nausea medicine. Common ones are ondansetron (Zofran) and similar drugs, a steroid such as dexamethasone, and sometimes aprepitant or olanzapine.",
    "Often some are given before each treatment, and others are for home.",
    "Take them on time, before nausea gets bad. Tell your team if they don't work: there are others to try.",
    "Next step: ask which medicine to take at home, and when.",
  },
  sources = { "nci-nausea", "asco-antiemetics" },
  suggest = { "What should I eat during treatment?", "Can acupuncture help with nausea?" },
})

-- Hair: when it grows back -----------------------------------------------------

herald.answer("se.hair.how_long", {
  text = {
    "Hair lost to chemo most often starts to grow back 2 to 3 months after the last dose.",
    "At first it may be a different color or texture, such as curlier. This often changes back with time.",
    "Rarely, with some chemo drugs, it does not fully grow back.",
    "Next step: ask your team whether your drugs carry that risk, and when your last chemo dose is planned.",
  },
  sources = { "nci-hair", "label-docetaxel" },
  suggest = { "Do cold caps work?", "Can I dye my hair after chemo?" },
})

-- Tiredness: how long ----------------------------------------------------------

herald.answer("se.fatigue.how_long", {
  text = {
    "Tiredness from treatment often eases over the months after it ends, but for some people it lasts longer.",
    "Being active, such as a short walk most days, is one of the things that helps most.",
    "Tell your team if it does not get better, since low blood counts, low mood or poor sleep can add to it, and these can be treated.",
    "Next step: note which times of day you feel best, and plan what matters then.",
  },
  sources = { "nci-fatigue" },
  suggest = { "Can I exercise during treatment?", "How can I sleep better?" },
})

-- Cancer left at surgery: what is given then -----------------------------------

herald.answer("treatment.residual.medicine", {
  text = {
    "When cancer is still found at surgery after treatment before surgery, the usual next drug is T-DM1 (Kadcyla). It replaces trastuzumab, by IV every 3 weeks, 14 times in all.",
    "T-DXd (Enhertu) is now another option. The FDA approved it for cancer left after treatment before surgery in May 2026, from a study of people at higher risk, such as cancer still in the lymph nodes.",
    "Radiation and hormone pills are added as usual when they fit.",
    "Next step: ask your team which drug they suggest after your surgery results, and why.",
  },
  sources = { "katherine", "label-tdm1", "fda-tdxd-early" },
  suggest = { "What are the side effects of Kadcyla?", "What is a pCR?" },
})

-- Telling children: by age -----------------------------------------------------

herald.answer("support.children.age", {
  text = {
    "Young children, under about 6, need few words: that you are sick with something called cancer, that doctors are helping, and who will care for them.",
    "Tell them often that nothing they did or thought caused it, and that they can't catch it. Keep bedtimes and routines, and give extra hugs.",
    "Expect the same questions again, and changes like clinginess or baby talk. A picture book can help.",
    "Older children and teens can take more detail. Ask what they have heard, and let them help in small ways without taking on a parent's job.",
    "Next step: ask your cancer center's social worker for books that fit your child's age.",
  },
  sources = { "acs-children", "cancernet-preschool" },
  suggest = { "Where can I find support groups?", "How do I cope with a new diagnosis?" },
})

-- A drug's side effects: how long they last -------------------------------------
-- Said after any drug's side effects, so it names no drug.

herald.answer("drug.side_effects_of.how_long", {
  text = {
    "Most side effects ease in the weeks after the last dose, and many get milder between doses.",
    "Some can last longer, or start later: nerve damage, tiredness, and changes in the heart are the ones to watch.",
    "Tell your team about any side effect that does not go away. Many can be treated.",
    "Next step: ask your team which side effects of your drugs may last, and what follow-up checks you need.",
  },
  sources = { "nci-se" },
  suggest = { "When should I call my care team?", "What follow-up care will I need?" },
})

-- Heart: does it get better ----------------------------------------------------

-- Whether the heart recovers depends on the drug (clinical review item 19):
-- weakening from the HER2 antibodies most often improves once the drug is
-- paused, and treatment often restarts; an anthracycline's harm is more often
-- lasting. Said for one drug, it names only that drug (and trastuzumab, where
-- the drug contains it).
local HEART_RECOVERY = herald.facts("drug", {
  trastuzumab = "When trastuzumab (Herceptin) weakens the heart's pumping, it most often gets better once trastuzumab is paused, often within a few months. Many people can then restart it.",
  herceptin_hylecta = "When Herceptin Hylecta weakens the heart's pumping, it most often gets better once Herceptin Hylecta is paused. Many people can then restart it.",
  phesgo = "When Phesgo weakens the heart's pumping, it most often gets better once Phesgo is paused. Many people can then restart it.",
  pertuzumab = "When pertuzumab (Perjeta) and trastuzumab weaken the heart's pumping, it most often gets better once they are paused. Many people can then restart them.",
  t_dm1 = "When T-DM1 (Kadcyla) weakens the heart's pumping, the team pauses T-DM1 and checks again in a few weeks. If the heart gets better, T-DM1 can often go on.",
  t_dxd = "When Enhertu weakens the heart's pumping, the team pauses Enhertu and checks again in a few weeks. If the heart gets better, Enhertu can often go on.",
  margetuximab = "When margetuximab (Margenza) weakens the heart's pumping, the team pauses margetuximab and checks again. If the heart gets better, it can often go on.",
  lapatinib = "When lapatinib (Tykerb) lowers the heart's pumping, it most often gets better once lapatinib is paused.",
  doxorubicin = "Heart weakening from doxorubicin (Adriamycin) is more likely to last than weakening from the HER2 drugs, and it can start years later. Finding it early matters.",
  epirubicin = "Heart weakening from epirubicin (Ellence) is more likely to last than weakening from the HER2 drugs, and it can start years later. Finding it early matters.",
})

-- "Will they stop it for good?" after a heart card: the trastuzumab label's
-- rule, written once in plugins/side_effects.lua (se.heart).
local FOR_GOOD_ASKED = { "for good", "forever", "permanent", "never go back", "never restart", "never get it again",
  "stop it completely", "stop it altogether", "stopped completely", "off it for good", "ever restart", "ever go back",
  "ever get it again", "ever start again" }
herald.on("se.heart.how_long", function(q)
  local key = q:slot("drug")
  if q:mentions(FOR_GOOD_ASKED, q.text or "") and (key == nil or key == "trastuzumab") then
    return herald.hand_over("se.heart")
  end
  local text = {}
  local own = HEART_RECOVERY:get(q)
  if own then
    for _, line in ipairs(own) do text[#text + 1] = line end
  elseif not q:slot("drug") then
    text[#text + 1] = "When trastuzumab (Herceptin) weakens the heart's pumping, it most often gets better once the drug is paused, often within a few months. Many people can then restart it."
    text[#text + 1] = "Weakening from doxorubicin (Adriamycin) is more likely to last, and it can start years later."
  else
    text[#text + 1] = "Whether the heart gets better depends on the drug that affected it. Your team can tell you what is known for yours."
  end
  text[#text + 1] = "The team checks the heart again with a scan. Heart medicines can help it recover, and your team may send you to a heart doctor."
  text[#text + 1] = "Next step: ask your team when your next heart scan is, and what number they look for."
  return {
    text = text,
    sources = { "label-trastuzumab", "label-tdm1", "label-tdxd", "label-doxorubicin" },
    suggest = { "What heart checks do I need on Herceptin?", "When should I call my care team?" },
  }
end)

-- Lymphedema: how long, and the treatments -------------------------------------

herald.answer("se.lymphedema.how_long", {
  text = {
    "Lymphedema often lasts a long time once it starts. It can also start months or years after surgery or radiation.",
    "Treated early, it is often kept mild: with a compression sleeve, special massage, exercise and skin care.",
    "Next step: ask for a referral to a lymphedema therapist if your arm feels heavy or tight.",
  },
  sources = { "nci-lymph" },
  suggest = { "Can I fly with lymphedema?", "Can I exercise with lymphedema?" },
})

herald.answer("se.lymphedema.medicine", {
  text = {
    "No pill cures lymphedema. Water pills are not a usual treatment for it.",
    "What helps is a lymphedema therapist: special massage to move the fluid, a compression sleeve or bandage, exercise, and careful skin care to prevent infection.",
    "Call your team if the arm gets red, warm or painful, since that can be an infection that needs medicine.",
    "Next step: ask for a referral to a certified lymphedema therapist.",
  },
  sources = { "nci-lymph" },
  suggest = { "Can I fly with lymphedema?", "Can I exercise with lymphedema?" },
})

-- Nausea: how long after each treatment ----------------------------------------

herald.answer("se.nausea.how_long", {
  text = {
    "Nausea from chemo is most common on the day of treatment and the few days after it.",
    "It often eases before the next round, and it tends to fade once treatment ends.",
    "Call your team if you can't keep fluids down, or if nausea stops you eating or drinking for a day: a different medicine may work better.",
    "Next step: take your anti-nausea medicine on time, before the nausea starts.",
  },
  sources = { "nci-nausea" },
  suggest = { "What can I take for nausea?", "What should I eat during treatment?" },
})

-- A port: how long it stays in --------------------------------------------------

herald.answer("care.port.how_long", {
  text = {
    "A port can stay in for months or years, as long as you need treatment through a vein.",
    "With HER2 drugs given for a year, many people keep it until the last dose.",
    "Taking it out is a short procedure, most often with numbing medicine. Between uses it is flushed to keep it open.",
    "Next step: ask your team when they plan to take it out, and how often it needs flushing.",
  },
  sources = { "acs-ports" },
  suggest = { "Does getting a port hurt?", "What are signs a port is infected?" },
})

-- HER2 2+: what the ISH (FISH) result means -------------------------------------

local ISH_NEGATIVE = herald.fixed {
  text = {
    "If the ISH (FISH) test is negative after an IHC score of 2+, the cancer counts as HER2-negative. It is often called HER2-low.",
    "Then trastuzumab (Herceptin) and pertuzumab (Perjeta) are not used. If the cancer spreads, T-DXd (Enhertu) can be an option for HER2-low cancer.",
    "The plan then rests more on the hormone receptor result.",
    "Next step: ask your team what the ISH result means for your plan.",
  },
  sources = { "acs-her2", "bco-her2", "label-tdxd" },
  suggest = { "What is HER2-low?", "What does hormone receptor positive mean?" },
}
local ISH_POSITIVE = herald.fixed {
  text = {
    "If the ISH (FISH) test is positive, or amplified, after an IHC score of 2+, the cancer is HER2-positive.",
    "It is then treated like any HER2-positive cancer, with HER2 drugs such as trastuzumab (Herceptin), most often with chemo.",
    "Next step: ask your team what the ISH result means for your plan.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "How is HER2-positive breast cancer treated?", "What is trastuzumab?" },
}
-- Both asked at once after a 2+ ("what does equivocal mean, is it positive or not?",
-- blind probe 16): neither yet; the ISH test decides, and what each result leads to.
local ISH_EITHER = herald.fixed {
  text = {
    "Not yet either way. Equivocal means the IHC score of 2+ sits in between, so the first test cannot say whether the cancer is HER2-positive.",
    "The ISH test, such as FISH, on the same sample decides. If it shows extra copies of the HER2 gene (amplified), the cancer is HER2-positive and gets HER2 drugs. If not, it is HER2-negative, often called HER2-low, and the plan rests more on the hormone receptors.",
    "Next step: ask your team when the ISH result will be ready and how you will hear it.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What is a FISH test?", "What is HER2-low?", "How is HER2-positive breast cancer treated?" },
}
local BOTH_ASKED = { "or not", "or negative", "or positive", "positive or", "negative or", "which is it", "which one is it",
  "equivocal mean", "mean equivocal", "equivocal actually mean", "does equivocal", "is equivocal" }
local function either_asked(q)
  return q:mentions(BOTH_ASKED, " " .. (q.text or "") .. " ")
end
for _, topic in ipairs({ "testing.equivocal", "testing.ihc_score" }) do
  herald.on(topic .. ".negative", function(q)
    if either_asked(q) then return ISH_EITHER end
    return ISH_NEGATIVE
  end)
  herald.on(topic .. ".positive", function(q)
    if either_asked(q) then return ISH_EITHER end
    return ISH_POSITIVE
  end)
end

-- A test result: a short worry after it ("is that bad?", "so should I be
-- scared?") -------------------------------------------------------------------
-- The blind grading of two-turn conversations (2026-12-07) found such worries
-- answered with the test's method card. What the result means for her, and
-- that treatment for it works, is the answer; the stage and the hormone
-- receptors matter as much, and no one's outlook is told (ACS HER2 status).

local RESULT_WORRY = {
  positive = herald.fixed {
    text = {
      "Feeling scared is normal. HER2-positive cancer can grow faster than some other kinds, but that is also why it has its own drugs.",
      "Drugs that target HER2, such as trastuzumab (Herceptin), work very well. They have changed the outlook for HER2-positive cancer, and early-stage cancer is treated with the aim of cure.",
      "What it means for you also depends on the stage and the hormone receptors. Figures from studies describe groups of people, not you.",
      "Next step: ask your team what your stage is and what your plan aims to do.",
    },
    sources = { "acs-her2", "bco-her2" },
    suggest = { "How is HER2-positive breast cancer treated?", "Is HER2-positive breast cancer curable?" },
  },
  borderline = herald.fixed {
    text = {
      "A score of 2+ is not good or bad news on its own. It only means the first test could not tell, so the lab checks the HER2 gene with an ISH (FISH) test.",
      "If the ISH test is positive, HER2 drugs that work very well are added. If it is negative, the plan rests more on the hormone receptors, and there are good treatments for that too.",
      "Waiting is hard. Next step: ask your team when the ISH result will be ready and how you will hear it.",
    },
    sources = { "acs-her2", "bco-her2" },
    suggest = { "What is a FISH test?", "What is HER2-low?" },
  },
  negative = herald.fixed {
    text = {
      "A HER2-negative or HER2-low result is not a worse result. It means the HER2 drugs such as trastuzumab (Herceptin) are not part of the plan.",
      "The plan then rests mostly on the hormone receptors: hormone pills work well when the cancer feeds on hormones, and chemo is used when it is needed.",
      "What it means for you also depends on the stage. Next step: ask your team what your hormone receptor result is and what it means for your plan.",
    },
    sources = { "acs-her2", "bco-her2" },
    suggest = { "What is HER2-low?", "What does hormone receptor positive mean?" },
  },
}
local SCORE_KIND = { three = "positive", ["3"] = "positive", two = "borderline", ["2"] = "borderline",
  one = "negative", ["1"] = "negative", zero = "negative", ["0"] = "negative" }
local NEGATIVE_SAID = { "negative", "not amplified", "non-amplified", "her2 low", "her2-low", "1+", "0+" }
-- "Is a ratio that high worse?" after an ISH result (blind probe 16): the level above the
-- cut-off, answered by the reports plugin's card on an amplified result.
local LEVEL_ASKED = { "ratio", "copies", "copy number", "amplification", "signals" }
local function result_worry(q)
  if q:mentions(LEVEL_ASKED, " " .. (q.text or "") .. " ") then return herald.hand_over("reports.amplified_worry") end
  local kind = SCORE_KIND[q:slot("ihc_score") or ""]
  if not kind and q.previous == "testing.equivocal" then kind = "borderline" end
  if not kind and q:mentions(NEGATIVE_SAID) then kind = "negative" end
  return RESULT_WORRY[kind or "positive"]
end
for _, topic in ipairs({ "testing.ihc_score", "testing.test_about", "testing.positive_meaning", "testing.equivocal",
  "testing.triple_positive", "testing.what_is_her2", "testing.report", "testing.how_tested" }) do
  herald.on(topic .. ".worse", result_worry)
end

-- A test result: how long until it is back ("how long for that?") ----------------
-- After a card saying an ISH (FISH) test will follow, "how long?" asks the
-- wait. Hospital labs give 3 to 10 days, or within a week (UMich, Iowa lab
-- catalogues, checked 2026-12-07); longer when the sample goes to another lab.

src("umich-fish", "HER2 FISH (test catalogue)", "Michigan Medicine Laboratories", "https://mlabs.umich.edu/tests/her2-fish")
src("uiowa-fish", "Fluorescence In Situ Hybridization for Her-2/neu (pathology handbook)", "University of Iowa Health Care",
  "https://www.healthcare.uiowa.edu/path_handbook/handbook/test2962.html")
local ISH_WAIT = herald.fixed {
  text = {
    "An ISH test, such as FISH, is most often done on the same biopsy sample, so you do not need a new biopsy.",
    "Labs most often report the result in about 3 to 10 days. It can take longer when the sample is sent to another lab.",
    "Your team usually waits for it before deciding whether HER2 drugs are part of your plan.",
    "Next step: ask your team when they expect the result, and how they will tell you.",
  },
  sources = { "umich-fish", "uiowa-fish", "acs-her2" },
  suggest = { "What does an IHC score of 2+ mean?", "What if the FISH comes back positive?" },
}
for _, topic in ipairs({ "testing.ihc_score", "testing.equivocal", "testing.test_about", "testing.how_tested" }) do
  herald.on(topic .. ".how_long", function(q)
    -- After a settled score (3+, 1+, 0) there is no test to wait for: "how
    -- long?" asks the length of treatment.
    local kind = SCORE_KIND[q:slot("ihc_score") or ""]
    if topic == "testing.ihc_score" and kind and kind ~= "borderline" then
      return herald.hand_over("treatment.duration")
    end
    return ISH_WAIT
  end)
end

-- Triple-positive: which pills ---------------------------------------------------
-- Asked after the triple-positive card, "which pills?" means the hormone pills
-- (ACS hormone therapy): the HER2 antibodies are given by IV or a shot;
-- neratinib is a HER2 pill for a year after trastuzumab for some (label).

src("acs-hormone-tx", "Hormone Therapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/hormone-therapy-for-breast-cancer.html")
herald.answer("testing.triple_positive.medicine", {
  text = {
    "With triple-positive cancer, the pills are most often hormone pills, because the cancer also feeds on hormones. Before menopause this is often tamoxifen. After menopause it is often an aromatase inhibitor, such as letrozole or anastrozole.",
    "They are taken once a day for 5 to 10 years. They often start after chemo, at the same time as the HER2 drug trastuzumab (Herceptin), which is given by IV or a shot, not as a pill.",
    "Some people also take a HER2 pill, neratinib (Nerlynx), for a year after trastuzumab ends. Your team decides if that fits you.",
    "Next step: ask your team which hormone pill they suggest for you, and when it starts.",
  },
  sources = { "acs-hormone-tx", "label-neratinib" },
  suggest = { "What are the side effects of hormone therapy?", "What is an aromatase inhibitor?" },
})

-- Treatment before surgery: what comes after the operation -------------------------
-- The surgery result decides (KATHERINE; FDA, May 2026): no cancer left, the
-- HER2 drugs go on to a year; cancer left, T-DM1 (or now T-DXd) instead.

herald.answer("treatment.neoadjuvant.after_surgery", {
  text = {
    "After surgery, the pathologist checks the removed tissue for any cancer left. That result shapes what comes next.",
    "If no cancer is left, called a pCR, the HER2 drugs go on after surgery to finish about a year in all. This is often trastuzumab (Herceptin), sometimes with pertuzumab (Perjeta).",
    "If some cancer is left, trastuzumab is most often switched to T-DM1 (Kadcyla), every 3 weeks for 14 doses. Since May 2026, T-DXd (Enhertu) is another option for some people.",
    "Radiation and hormone pills are added when they fit. Next step: ask your team how your surgery result will change your plan.",
  },
  sources = { "acs-by-stage", "katherine", "label-tdm1", "fda-tdxd-early" },
  suggest = { "What is a pCR?", "What are the side effects of Kadcyla?" },
})

-- Nausea: cannabis -----------------------------------------------------------------
-- Dronabinol (Marinol) and nabilone (Cesamet) are approved for nausea and
-- vomiting from chemo that other medicines have not helped (labels; NCI
-- cannabis PDQ); the evidence for the plant itself is weaker.

src("nci-cannabis", "Cannabis and Cannabinoids (PDQ), Patient Version", NCI,
  "https://www.cancer.gov/about-cancer/treatment/cam/patient/cannabis-pdq")
src("label-dronabinol", "Marinol (dronabinol) prescribing information", "DailyMed, National Library of Medicine",
  "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=628f9609-6583-49be-be77-b64cfbc46fd7")
herald.answer("se.nausea.cannabis", {
  text = {
    "Two pills made from THC, a part of marijuana, are approved for nausea from chemo. They are for when the usual nausea medicines have not worked. Their names are dronabinol (Marinol) and nabilone (Cesamet).",
    "There is less proof for marijuana itself or for CBD. It can make you dizzy or sleepy, and the laws are not the same in each state.",
    "Tell your team about any cannabis you use, since it can mix with other medicines. Next step: ask your team whether a prescription option or a different anti-nausea medicine could help you.",
  },
  sources = { "nci-cannabis", "label-dronabinol", "nci-nausea" },
  suggest = { "What can I take for nausea?", "Can supplements interact with my treatment?" },
})

-- A drug: the medicines given before it (premeds) ------------------------------------
-- Paclitaxel's label has everyone take a steroid, an antihistamine and an acid
-- blocker before each dose; docetaxel's a steroid for 3 days from the day
-- before; Enhertu comes with anti-nausea medicine before each dose; the HER2
-- antibodies need none by routine; the pills none at all (the labels).

local PREMEDS = herald.facts("drug", {
  paclitaxel = "Paclitaxel (Taxol) does need premeds. Its label has everyone get a steroid, an antihistamine and an acid blocker before each dose, to prevent an allergic reaction.",
  docetaxel = "Docetaxel (Taxotere) does need premeds: a steroid such as dexamethasone, taken for 3 days starting the day before each dose. It lowers the risk of a reaction and of fluid build-up.",
  t_dxd = "Before each Enhertu infusion you get anti-nausea medicine, because Enhertu often causes nausea.",
  trastuzumab = "Trastuzumab (Herceptin) does not need routine premeds. If you had a reaction to an earlier dose, your team may give medicine such as an antihistamine or a steroid before the next one.",
  pertuzumab = "Pertuzumab (Perjeta) does not need routine premeds. If you had a reaction to an earlier dose, your team may give medicine before the next one.",
  t_dm1 = "T-DM1 (Kadcyla) does not need routine premeds. If you had a reaction to an earlier dose, your team may give medicine before the next one.",
  lapatinib = "Lapatinib (Tykerb) is a pill you take at home, so there are no premeds for it. Its main side effect to plan for is diarrhea.",
  tucatinib = "Tucatinib (Tukysa) is a pill you take at home, so there are no premeds for it.",
  neratinib = "Neratinib (Nerlynx) is a pill you take at home, so there are no premeds. But loperamide is often taken with it from the first dose, to prevent diarrhea.",
  capecitabine = "Capecitabine (Xeloda) is a pill you take at home, so there are no premeds for it.",
})
local function premeds(q)
  local text = {}
  local own = PREMEDS:get(q)
  if own then
    for _, s in ipairs(own) do text[#text + 1] = s end
  else
    text[#text + 1] = "Premeds are medicines given before a treatment to prevent a reaction or nausea. They can be a steroid such as dexamethasone or hydrocortisone, an antihistamine such as diphenhydramine (Benadryl), or anti-nausea medicine."
    text[#text + 1] = "Whether you need them depends on the drug. Taxane chemo needs them; HER2 antibodies usually do not, unless you had a reaction before."
  end
  text[#text + 1] = "Premeds are part of the plan your team sets, so do not add or leave out any on your own."
  text[#text + 1] = "Next step: ask your nurse which premeds you get, and what each one is for."
  return {
    text = text,
    sources = { "label-paclitaxel", "label-docetaxel", "label-tdxd", "label-trastuzumab" },
    suggest = { "What happens on a chemo day?", "What are the side effects of steroids?" },
  }
end
for _, id in ipairs({ "label-paclitaxel", "label-lapatinib", "label-tdm1" }) do herald.source(id) end
for _, topic in ipairs({ "drug.about", "drug.given", "drug.duration", "drug.used_for", "drug.side_effects_of",
  "drug.mention", "regimen.about", "regimen.given", "se.infusion", "care.chemo_day" }) do
  herald.on(topic .. ".premeds", premeds)
end

-- A drug: an antidepressant beside it ----------------------------------------------
-- "Is my antidepressant ok with it?" right after a card on tamoxifen asks how
-- the two mix, which life.interactions answers (some antidepressants weaken
-- tamoxifen: CYP2D6); the blind two-turn grading found it given the sleep card.
local function antidepressant()
  return herald.hand_over("life.interactions")
end
for _, topic in ipairs({ "drug.about", "drug.given", "drug.duration", "drug.used_for", "drug.side_effects_of",
  "drug.mention", "drug.warnings", "se.hormone", "se.sleep", "treatment.hormone_therapy", "treatment.ai_menopause" }) do
  herald.on(topic .. ".antidepressant", antidepressant)
end

-- A drug's length: why not longer -----------------------------------------------------
-- "Why not longer?" after the card on how long a drug is given. For the
-- trastuzumab family the year comes from the trials: in HERA, two years did
-- no better than one and brought more heart problems (Lancet 2013); a drug
-- with a set number of doses (T-DM1: 14, KATHERINE; neratinib: a year,
-- ExteNET) has the length its trial tested. In spread cancer treatment goes
-- on as long as it works.
src("hera", "2 years versus 1 year of adjuvant trastuzumab for HER2-positive breast cancer (HERA), Lancet 2013",
  "Elsevier", "https://doi.org/10.1016/S0140-6736(13)61094-6")
local WHY_LENGTH = herald.facts("drug", {
  trastuzumab = "For early cancer, a year of trastuzumab (Herceptin) is what the big trials tested. In the HERA trial, two years did no better than one, and caused more heart problems.",
  herceptin_hylecta = "For early cancer, a year of Herceptin Hylecta matches what the big trials tested. Herceptin Hylecta holds trastuzumab, and in the HERA trial two years of trastuzumab did no better than one and caused more heart problems.",
  phesgo = "For early cancer, a year of Phesgo matches what the big trials tested. Phesgo holds trastuzumab, and in the HERA trial two years of trastuzumab did no better than one and caused more heart problems.",
  pertuzumab = "Pertuzumab (Perjeta) is given with trastuzumab for the same year that the trials tested. Longer did not help in the trastuzumab trials.",
  t_dm1 = "After surgery, T-DM1 (Kadcyla) is given for 14 doses because that is what the KATHERINE trial tested and found to work.",
  neratinib = "Neratinib (Nerlynx) is taken for one year because that is what its trial tested after trastuzumab.",
})
local function why_length(q)
  local text = {}
  for _, s in ipairs(WHY_LENGTH:get(q) or {}) do text[#text + 1] = s end
  if #text == 0 then
    text[#text + 1] = "The length of a treatment most often comes from the trials that showed it works. Giving more than that has not been shown to help more."
  end
  text[#text + 1] = "When cancer has spread, it is different: HER2 drugs often go on for as long as they keep it under control."
  text[#text + 1] = "Next step: ask your team why your plan has the length it has."
  return {
    text = text,
    sources = { "hera", "katherine", "label-trastuzumab", "label-neratinib" },
    suggest = { "What happens after I finish Herceptin?", "What heart checks do I need after treatment?" },
  }
end
for _, topic in ipairs({ "drug.duration", "treatment.duration", "treatment.hp_year", "regimen.duration" }) do
  herald.on(topic .. ".why_length", why_length)
end

-- A course's length: one visit --------------------------------------------------------
-- After the card on how many months a drug or regimen goes on, "how long am I
-- in the chair each time?" or "does the shot hurt?" asks about one visit, which
-- the card on how it is given tells (drug.given, regimen.given), or for the
-- whole plan the card on a treatment day (care.chemo_day). The blind two-turn
-- grading (2026-12-07) found such a question given the length in months.
herald.on("drug.duration.session", function() return herald.hand_over("drug.given") end)
for _, topic in ipairs({ "regimen.duration", "regimen.about" }) do
  herald.on(topic .. ".session", function() return herald.hand_over("regimen.given") end)
end
for _, topic in ipairs({ "treatment.duration", "treatment.hp_year" }) do
  herald.on(topic .. ".session", function() return herald.hand_over("care.chemo_day") end)
end
