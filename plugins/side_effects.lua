-- Side effects by symptom or problem, and by kind of treatment.
-- Intents: intents/side_effects.intents. Each answer says what the problem is,
-- what helps, and when to call the care team. When a drug is known (named in
-- the question, or earlier in the conversation) a short drug note is added.
herald.about { title = "Side effects by symptom and treatment type", reviewed = "2026-11-22" }

-- Sources ------------------------------------------------------------------

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local NLM = "U.S. National Library of Medicine (DailyMed)"

src("nci-se", "Side Effects of Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects")
src("nci-nausea", "Nausea and Vomiting and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/nausea")
src("nci-fatigue", "Fatigue and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue")
src("nci-hair", "Hair Loss (Alopecia) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/hair-loss")
src("asco-taste", "Taste Changes", "Cancer.Net, American Society of Clinical Oncology", "https://www.cancer.net/coping-with-cancer/physical-emotional-and-social-effects-cancer/managing-physical-side-effects/taste-changes")
src("nci-mouth", "Mouth and Throat Problems and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/mouth-throat")
src("nci-nerve", "Nerve Problems (Peripheral Neuropathy) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/nerve-problems")
src("nci-diarrhea", "Diarrhea and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea")
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
src("dm-herceptin", "Herceptin (trastuzumab) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=herceptin")
src("dm-enhertu", "Enhertu (fam-trastuzumab deruxtecan-nxki) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=enhertu")
src("dm-nerlynx", "Nerlynx (neratinib) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=nerlynx")
src("dm-tukysa", "Tukysa (tucatinib) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=tukysa")
src("dm-kadcyla", "Kadcyla (ado-trastuzumab emtansine) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=kadcyla")
src("dm-xeloda", "Xeloda (capecitabine) prescribing information", NLM, "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=xeloda")

-- Drug names, as said the first time ------------------------------------------

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
  tamoxifen = "tamoxifen",
  aromatase_inhibitor = "an aromatase inhibitor",
  bone_drug = "a bone-strengthening drug",
}

local function cap(s)
  return (s:gsub("^%l", string.upper))
end

-- The HER2 antibodies and antibody-drug conjugates (heart checks apply).
local HEART_FAMILY = {
  trastuzumab = true, herceptin_hylecta = true, pertuzumab = true, phesgo = true,
  t_dm1 = true, t_dxd = true, margetuximab = true,
}

-- Builds an answer: BASE.text with a drug note after the first sentence.
-- A note from NOTES is used for a drug named now or earlier; the generic
-- "ask your team" note only for a drug named in this very question. The
-- sentences listed in BASE.drop speak of drugs in general and are left out
-- when a note about one drug takes their place.
local function compose(base, notes, q)
  local drug = q:slot("drug")
  local note
  if drug and NAME[drug] then
    note = notes and notes[drug]
    if type(note) == "function" then note = note(NAME[drug]) end
  end
  local skip = {}
  if note then
    for _, i in ipairs(base.drop or {}) do skip[i] = true end
  elseif drug and NAME[drug] and q.slots.drug then
    note = "Ask your care team how likely this is with " .. NAME[drug] .. "."
  end
  local text = {}
  for i, s in ipairs(base.text) do
    if not skip[i] then text[#text + 1] = s end
    if i == 1 and note then text[#text + 1] = note end
  end
  return { text = text, sources = base.sources, suggest = base.suggest }
end

local function answer(intent, base, notes)
  herald.on(intent, function(q) return compose(base, notes, q) end)
end

-- Heart ------------------------------------------------------------------------

local heart_notes = {
  lapatinib = "Lapatinib (Tykerb) can also affect the heart, but less often.",
  neratinib = "Heart problems are not a main side effect of neratinib (Nerlynx).",
  tucatinib = "Tucatinib (Tukysa) is not known for heart problems, but the trastuzumab given with it is.",
  tamoxifen = "Tamoxifen does not weaken the heart, but it can raise the risk of blood clots.",
}
for d in pairs(HEART_FAMILY) do
  heart_notes[d] = function(n) return cap(n) .. " is one of these drugs, so the heart checks apply to it." end
end

answer("se.heart", {
  text = {
    "Trastuzumab (Herceptin) and some other HER2 drugs can weaken the heart's pumping in a small number of people.",
    "It is not usually a heart attack, and it often gets better when the drug is paused.",
    "Your team checks your heart with an echo (an ultrasound of the heart) or a MUGA scan.",
    "You have one before you start, and then about every 3 months during treatment.",
    "Call your care team if you get swollen ankles or legs, gain weight fast, feel short of breath (mostly when lying flat), or feel your heart racing.",
    "Next step: ask when your next heart scan is due.",
  },
  sources = { "dm-herceptin", "acs-targeted" },
  suggest = { "What are the side effects of Herceptin?", "Does Enhertu affect the lungs?", "When should I call my care team?" },
}, heart_notes)

-- Lungs ------------------------------------------------------------------------

answer("se.lung", {
  text = {
    "Trastuzumab deruxtecan (Enhertu) can cause lung inflammation, called ILD or pneumonitis.",
    "It has a boxed warning on its label for this.",
    "In studies, roughly 10 to 15 in 100 people got it, most often in a mild form. These figures are estimates.",
    "It is treatable when found early, so your team checks your breathing and may do CT scans.",
    "Call your care team right away for a new or worse cough, shortness of breath, or fever.",
    "Next step: tell every doctor you see that you take Enhertu.",
  },
  sources = { "dm-enhertu", "acs-targeted" },
  suggest = { "What are the side effects of Enhertu?", "What is Enhertu?", "When should I call my care team?" },
}, {
  t_dxd = "This is the main serious side effect to know about with Enhertu.",
  t_dm1 = "T-DM1 (Kadcyla) can also cause lung inflammation, but it is rare.",
  trastuzumab = "Trastuzumab (Herceptin) can cause lung problems too, but this is rare.",
})

-- Diarrhea -----------------------------------------------------------------------

answer("se.diarrhea", {
  text = {
    "Diarrhea is common with neratinib (Nerlynx) and tucatinib (Tukysa).",
    "It can also happen with pertuzumab (Perjeta), lapatinib (Tykerb) and capecitabine (Xeloda).",
    "With neratinib, your team gives you a plan to prevent it from the first dose, often with loperamide (Imodium).",
    "Drink plenty of fluids and eat small, plain meals.",
    "Call your care team if it does not settle with your plan, or if you have a fever, feel dizzy, or can't keep fluids down.",
    "Next step: ask for a written diarrhea plan before you start.",
  },
  drop = { 2 },
  sources = { "dm-nerlynx", "dm-tukysa", "nci-diarrhea" },
  suggest = { "What are the side effects of neratinib?", "What is tucatinib?", "How can I manage nausea?" },
}, {
  neratinib = "With neratinib (Nerlynx) it is expected, mostly in the first month.",
  tucatinib = "With tucatinib (Tukysa) it is common, and most often mild.",
  pertuzumab = "With pertuzumab (Perjeta) diarrhea is one of the most common side effects.",
  phesgo = "Phesgo contains pertuzumab, which often causes diarrhea.",
  capecitabine = "With capecitabine (Xeloda) it is common and can become serious, so report it early.",
  lapatinib = "With lapatinib (Tykerb) it is one of the most common side effects.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can cause diarrhea too, but nausea is more common.",
})

-- Liver ------------------------------------------------------------------------

answer("se.liver", {
  text = {
    "Some HER2 drugs can strain the liver, mainly T-DM1 (Kadcyla), tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb).",
    "Most of the time it shows up only on blood tests, so your team checks your liver tests often.",
    "Call your care team if you notice yellow skin or eyes, dark urine, or pain on the upper right side of your belly.",
    "Next step: tell your team about any alcohol, herbs or supplements you take, since they can strain the liver too.",
  },
  drop = {  },
  sources = { "dm-kadcyla", "dm-tukysa", "acs-targeted" },
  suggest = { "What are the side effects of Kadcyla?", "Can I drink alcohol during treatment?", "Can supplements interact with my treatment?" },
}, {
  t_dm1 = "With T-DM1 (Kadcyla), liver checks are done before each dose.",
  tucatinib = "With tucatinib (Tukysa), liver tests are checked before you start and regularly after.",
})

-- Hand-foot syndrome -------------------------------------------------------------

answer("se.hand_foot", {
  text = {
    "Hand-foot syndrome makes the palms of the hands and the soles of the feet red, sore and swollen.",
    "The skin may peel, crack or blister.",
    "It is a common side effect of capecitabine (Xeloda).",
    "To help, keep hands and feet cool, use thick cream often, wear soft loose shoes, and avoid hot water and rubbing.",
    "Tell your care team early if it hurts or makes daily tasks hard, since a dose change can help.",
    "Next step: start using cream on your hands and feet from day one.",
  },
  drop = { 3 },
  sources = { "dm-xeloda", "bco-se" },
  suggest = { "What is capecitabine?", "Can HER2 treatment cause neuropathy?", "What helps dry skin during treatment?" },
}, {
  capecitabine = "Capecitabine (Xeloda) is the drug most likely to cause it.",
  tucatinib = "Tucatinib (Tukysa) is often given with capecitabine (Xeloda), which is the usual cause.",
  lapatinib = "Lapatinib (Tykerb) is often given with capecitabine (Xeloda), and both can cause it.",
  neratinib = "Neratinib (Nerlynx) is sometimes given with capecitabine (Xeloda), which is the usual cause.",
  trastuzumab = "Trastuzumab (Herceptin) alone does not usually cause it. Capecitabine (Xeloda) is the usual cause.",
})

-- Neuropathy ---------------------------------------------------------------------

answer("se.neuropathy", {
  text = {
    "Nerve damage (neuropathy) causes tingling, numbness, burning or pain, most often in the hands and feet.",
    "In HER2 treatment it mostly comes from taxane chemo: paclitaxel (Taxol) or docetaxel (Taxotere).",
    "T-DM1 (Kadcyla) can cause it too. HER2 antibodies such as trastuzumab rarely do.",
    "Tell your care team early. A change in dose or schedule can stop it from getting worse.",
    "It often gets better in the months after treatment, but it can last.",
    "Next step: write down when it started and what it makes hard, like buttons or walking.",
  },
  drop = { 3 },
  sources = { "nci-nerve", "acs-chemo" },
  suggest = { "What are the side effects of chemo?", "Can yoga or acupuncture help?", "What is hand-foot syndrome?" },
}, {
  paclitaxel = "Paclitaxel (Taxol) is one of the drugs most likely to cause it.",
  docetaxel = "Docetaxel (Taxotere) is one of the drugs that can cause it.",
  trastuzumab = "Trastuzumab (Herceptin) alone rarely causes it; the chemo given with it is the usual cause.",
  pertuzumab = "Pertuzumab (Perjeta) alone rarely causes it; the chemo given with it is the usual cause.",
  phesgo = "Phesgo alone rarely causes it; the chemo given with it is the usual cause.",
  t_dm1 = "T-DM1 (Kadcyla) carries a chemo drug, so it can cause it.",
})

-- Nausea -------------------------------------------------------------------------

answer("se.nausea", {
  text = {
    "Nausea is common with chemo and with trastuzumab deruxtecan (Enhertu).",
    "Your care team can give you anti-nausea medicine, often before each treatment and to take at home.",
    "Take it as your team tells you, before the nausea gets bad.",
    "Small, plain meals, sips of fluid, ginger and fresh air can also help.",
    "Tell your care team if the medicine is not working, and call if you can't keep fluids down.",
    "Next step: ask which anti-nausea medicine to take at home, and when.",
  },
  sources = { "nci-nausea", "dm-enhertu" },
  suggest = { "What are the side effects of chemo?", "What should I eat during treatment?", "Can acupuncture help with nausea?" },
}, {
  t_dxd = "With trastuzumab deruxtecan (Enhertu), nausea is one of the most common side effects, so anti-nausea medicine is often given before each dose.",
  trastuzumab = "Trastuzumab (Herceptin) alone causes mild nausea at most; chemo is the usual cause.",
  t_dm1 = "T-DM1 (Kadcyla) can cause nausea, usually mild.",
})

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
}, {
  trastuzumab = "Trastuzumab (Herceptin) can cause mild tiredness, most often after the first doses.",
  t_dxd = "Tiredness is common with trastuzumab deruxtecan (Enhertu).",
  t_dm1 = "Tiredness is one of the most common side effects of T-DM1 (Kadcyla).",
})

-- Hair loss ----------------------------------------------------------------------

answer("se.hair", {
  text = {
    "Hair loss mostly comes from chemo, such as docetaxel (Taxotere) or paclitaxel (Taxol).",
    "Trastuzumab (Herceptin) and pertuzumab (Perjeta) do not usually make hair fall out, though it may thin. Trastuzumab deruxtecan (Enhertu) often does cause hair loss.",
    "Hair often starts to fall out 2 to 4 weeks after the first chemo. It usually grows back a few months after chemo ends.",
    "Cold caps (scalp cooling) help some people keep more hair.",
    "Next step: ask your team if cold caps are offered, and if your insurance helps pay for a wig.",
  },
  drop = { 2 },
  sources = { "nci-hair", "acs-chemo" },
  suggest = { "What are the side effects of chemo?", "Is Herceptin chemo?", "What are the side effects of Enhertu?" },
}, {
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
})

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
    "Shots under the skin, like Phesgo or Herceptin Hylecta, can cause redness or soreness where they go in.",
    "After you go home, call your care team if you get a fever, chills or a rash.",
    "Next step: tell the nurse at once if you feel odd during an infusion.",
  },
  sources = { "dm-herceptin", "acs-targeted" },
  suggest = { "How is Herceptin given?", "What is Phesgo?", "When should I call my care team?" },
}, {
  trastuzumab = "With trastuzumab (Herceptin), reactions are most common with the first dose, so it is given more slowly.",
  pertuzumab = "With pertuzumab (Perjeta), you are watched after each dose for a reaction.",
})

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
local BLOOD_COUNT_NOTES = {
  t_dm1 = "T-DM1 (Kadcyla) can lower platelets, so your team checks them before each dose.",
  t_dxd = "Trastuzumab deruxtecan (Enhertu) can lower white cells, red cells and platelets.",
  trastuzumab = "Trastuzumab (Herceptin) alone does not usually lower blood counts much; the chemo given with it does.",
}

-- A fever that has come and gone ("fever last week but it's gone"): not an
-- alert (the safety layer lets it through), but still worth telling the team.
local PAST_FEVER = "A fever that has gone away is still worth telling your care team about. If it comes back, call them right away."

herald.on("se.blood_counts", function(q)
  local a = compose(BLOOD_COUNTS, BLOOD_COUNT_NOTES, q)
  local t = q.text
  if (t:find("fever") or t:find("chills") or t:find("temp")) and (t:find("ago") or t:find("last week")
      or t:find("gone") or t:find("went away") or t:find("better now") or t:find("passed")) then
    table.insert(a.text, 1, PAST_FEVER)
  end
  return a
end)

-- Hormone therapy ----------------------------------------------------------------

answer("se.hormone", {
  text = {
    "Hormone therapy is used when the cancer is also hormone receptor-positive.",
    "Common side effects feel like menopause: hot flashes, joint pain or stiffness, vaginal dryness, and mood changes.",
    "Aromatase inhibitors, such as letrozole, can cause bone loss, so your bone density may be checked. Tamoxifen can slightly raise the risk of blood clots. It can also slightly raise the risk of cancer of the womb (uterus).",
    "Exercise, layered clothes and some medicines can ease many of these. Call your care team about a painful, swollen leg or unusual bleeding.",
    "Next step: talk to your team before you stop or skip your pills.",
  },
  sources = { "nci-hormone", "acs-hormone" },
  suggest = { "Do I need hormone therapy?", "Can I exercise during treatment?", "What is triple positive breast cancer?" },
}, {
  tamoxifen = "With tamoxifen, hot flashes and a small risk of blood clots are the main things to know.",
  aromatase_inhibitor = "With aromatase inhibitors, joint pain and bone loss are the main things to know.",
})

-- Radiation ----------------------------------------------------------------------

answer("se.radiation", {
  text = {
    "Radiation side effects are mostly in the area being treated.",
    "Skin changes are the most common: redness, itching, peeling or darkening, much like a sunburn.",
    "Tiredness often builds up over the weeks of treatment.",
    "Be gentle with the skin. Use mild soap and lukewarm water, wear soft loose tops, keep the area out of the sun, and use only creams your team suggests.",
    "Most effects fade a few weeks after treatment ends. Tell your team about blisters, open skin, or swelling of the breast or arm.",
  },
  sources = { "nci-radiation", "acs-radiation" },
  suggest = { "How do I cope with fatigue?", "What is lymphedema?", "Do I need radiation after lumpectomy?" },
})

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

answer("se.lymphedema", {
  text = {
    "Lymphedema is swelling from fluid that builds up, most often in the arm, hand, breast or chest on the side of surgery.",
    "It is more likely after many lymph nodes are removed, or after radiation to the armpit.",
    "Early care works best. A lymphedema therapist can teach massage and exercises, and fit a compression sleeve.",
    "Call your care team if the arm becomes red, warm or painful, since that can mean an infection.",
    "Next step: ask for a referral to a lymphedema therapist if your arm feels heavy or tight.",
  },
  sources = { "nci-lymph", "bco-se" },
  suggest = { "What are the side effects of radiation?", "Can I exercise during treatment?", "Where can I find support?" },
})

-- Skin and nails -------------------------------------------------------------------

answer("se.skin", {
  text = {
    "HER2 drugs and chemo can cause a rash, dry or itchy skin, and nail changes.",
    "Tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb) can cause a rash. Chemo can make nails dark, ridged or loose.",
    "Use mild soap, plain moisturizer and sunscreen. Keep nails short, and wear gloves for chores.",
    "Tell your care team about a rash that spreads, blisters or hurts, or nails that are red and sore.",
    "Next step: take a photo of any rash to show your team.",
  },
  sources = { "nci-skin", "acs-targeted" },
  suggest = { "What is hand-foot syndrome?", "What are the side effects of radiation?", "What are the side effects of chemo?" },
})

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

herald.on("se.chemo", function(q)
  local a = compose(CHEMO, nil, q)
  local t = q.text
  if t:find("leuk") or t:find("blood cancer") or t:find("another cancer") or t:find("second cancer")
      or t:find("other cancer") or t:find("lymphoma") or t:find("myeloma") then
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
  sources = { "acs-targeted", "dm-herceptin", "dm-enhertu" },
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
    "Chemo often causes tiredness, nausea, hair loss and a higher risk of infection. HER2 drugs can affect the heart, and some cause diarrhea. Trastuzumab deruxtecan (Enhertu) can inflame the lungs.",
    "Hormone therapy can cause hot flashes and joint pain, and radiation can redden the skin.",
    "Most side effects can be eased, so tell your care team about them early.",
    "Next step: ask which side effects are most likely with your own treatment plan.",
  },
  sources = { "nci-se", "acs-targeted" },
  suggest = { "What are the side effects of chemo?", "What are the side effects of Herceptin?", "When should I call my care team?" },
})
