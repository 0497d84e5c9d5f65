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

herald.on("se.heart.how_long", function(q)
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
for _, topic in ipairs({ "testing.equivocal", "testing.ihc_score" }) do
  herald.on(topic .. ".negative", function() return ISH_NEGATIVE end)
  herald.on(topic .. ".positive", function() return ISH_POSITIVE end)
end
