-- Warning signs: when to call the care team, what to tell the nurse or the
-- emergency team, the signs to watch for on each drug, the signs of an
-- emergency, and the warning signs of suicide in someone else.
-- Intents: intents/warning_signs.intents. These answer questions about warning
-- signs; a person who reports one gets the safety layer's reply instead
-- (core/engine/safety.c), whose suggestions lead here. The lists follow the content
-- guide's safety table, NCI's and ACS's "when to call" advice, the drugs' US
-- labels, and the 988 Lifeline's warning signs.
herald.about { title = "Warning signs and when to call", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from NCI, ACS and 988 pages (awaiting clinician sign-off)" }

local NCI, MEDLINE = "National Cancer Institute", "MedlinePlus, U.S. National Library of Medicine"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("nci-se", "Side Effects of Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects")
src("nci-infection", "Infection and Neutropenia during Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/infection")
src("nci-bleeding", "Bleeding and Bruising (Thrombocytopenia) and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising")
src("nci-diarrhea", "Diarrhea and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/diarrhea")
src("nci-tdxd", "Trastuzumab Deruxtecan", NCI, "https://www.cancer.gov/about-cancer/treatment/drugs/fam-trastuzumab-deruxtecan-nxki")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", "American Cancer Society", "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
src("medline-emergency", "Recognizing medical emergencies", MEDLINE, "https://medlineplus.gov/ency/article/001927.htm")
src("medline-stroke", "Stroke", MEDLINE, "https://medlineplus.gov/stroke.html")
src("medline-anaphylaxis", "Anaphylaxis", MEDLINE, "https://medlineplus.gov/ency/article/000844.htm")
src("medline-dvt", "Deep Vein Thrombosis", MEDLINE, "https://medlineplus.gov/deepveinthrombosis.html")
src("988", "988 Suicide and Crisis Lifeline", "988 Lifeline", "https://988lifeline.org/")
src("nimh-suicide", "Suicide Prevention", "National Institute of Mental Health", "https://www.nimh.nih.gov/health/topics/suicide-prevention")
-- Drug labels are shared with the other plugins (lua/herald.lua).
for _, id in ipairs({ "label-trastuzumab", "label-hylecta", "label-pertuzumab", "label-phesgo", "label-tdm1",
  "label-tdxd", "label-tucatinib", "label-neratinib", "label-lapatinib", "label-capecitabine", "label-tamoxifen",
  "label-margetuximab", "label-paclitaxel", "label-docetaxel", "label-carboplatin", "label-doxorubicin",
  "label-epirubicin", "label-cyclophosphamide", "label-zoledronic", "label-xgeva", "label-letrozole",
  "label-goserelin" }) do herald.source(id) end

-- The emergency numbers said as digits, and the temperature as words, so
-- that a voice client does not read "nine hundred eleven".
local function speak(text)
  local s = herald.speech(text)
  s = s:gsub("911", "nine one one"):gsub("988", "nine eight eight")
  s = s:gsub("24%-hour", "twenty four hour"):gsub("24 hour", "twenty four hour")
  s = s:gsub("100%.4 degrees Fahrenheit", "one hundred point four degrees Fahrenheit")
  s = s:gsub("38 degrees Celsius", "thirty eight degrees Celsius")
  s = s:gsub("(%d) or more", "%1 or more")
  return s
end

local function answer(intent, a)
  a.speech = speak(type(a.text) == "table" and table.concat(a.text, " ") or a.text)
  herald.answer(intent, a)
end

local CALL_911 = "Call 911 instead for chest pain or pressure, trouble breathing, fainting, a swollen face or throat, sudden weakness on one side, slurred speech, or a seizure."

-- When to call ------------------------------------------------------------------

-- A drug named earlier in the conversation adds its own sign.
local DRUG_NOTE = {
  t_dxd = "On trastuzumab deruxtecan (Enhertu), call at once for any new or worse cough or shortness of breath.",
  t_dm1 = "On T-DM1 (Kadcyla), also call for yellow skin or eyes, dark urine, or bleeding or bruising that is not usual.",
  trastuzumab = "On trastuzumab (Herceptin), also call for swollen ankles, fast weight gain, or a racing heartbeat.",
  pertuzumab = "On pertuzumab (Perjeta), also call for swollen ankles, fast weight gain, or a racing heartbeat.",
  phesgo = "On Phesgo, also call for swollen ankles, fast weight gain, or a racing heartbeat.",
  neratinib = "On neratinib (Nerlynx), also call if diarrhea does not settle with your plan.",
  tucatinib = "On tucatinib (Tukysa), also call for bad diarrhea, yellow skin or eyes, or dark urine.",
  capecitabine = "On capecitabine (Xeloda), also call for diarrhea that will not settle or hands and feet that blister.",
  tamoxifen = "On tamoxifen, also call for one leg that is swollen, red or painful.",
}

herald.on("warn.when_to_call", function(q)
  local text = {
    "Call your care team's 24-hour line right away for a temperature of 100.4 F (38 C) or more, shaking chills, a new cough or breathlessness, diarrhea or vomiting that will not settle, or yellow skin or eyes.",
    CALL_911,
  }
  local note = DRUG_NOTE[q:slot("drug") or ""]
  if note then
    text[#text + 1] = note
  else
    text[#text + 1] = "If you are not sure, call anyway. The team would rather hear from you early."
  end
  text[#text + 1] = "Next step: save the 24-hour number in your phone and keep it by your bed."
  local t = table.concat(text, " ")
  return {
    text = t,
    speech = speak(t),
    sources = { "nci-se", "nci-infection", "medline-emergency" },
    suggest = { "What should I tell the nurse when I call?", "What are the signs of a stroke?",
                "What are the warning signs on my treatment?" },
  }
end)

-- What to tell the nurse or the emergency team ------------------------------------

answer("warn.tell_nurse", {
  text = {
    "Start with your name, that you are having treatment for breast cancer, and your drugs, such as trastuzumab (Herceptin).",
    "Then say what is wrong, when it started, if it is getting worse, and your temperature if you have taken it.",
    "Keep your medicine list, your allergies and the date of your last treatment close by. At the emergency room, say you are on chemo or a HER2 drug, because a fever can mean a serious infection.",
    "Next step: keep a card in your wallet with your drugs, your last treatment date and your team's 24-hour number.",
  },
  sources = { "nci-infection", "nci-se" },
  suggest = { "When should I call my care team?", "What temperature is a fever during chemo?",
              "What are the signs of a stroke?" },
})

-- Warning signs on each drug --------------------------------------------------------

local HEART = "swelling in your ankles or legs, a gain of a few pounds in a few days, breathlessness when you lie flat, or a racing heartbeat. These can mean the heart is under strain"
local REACTION = "During a dose or in the day after, fever, chills, itching, rash or wheezing can be a reaction, so tell the nurse at once"
local GUT_LIVER = "diarrhea that does not settle with your plan, diarrhea with dizziness or fever, or not keeping fluids down. Also call for yellow skin or eyes, or dark urine"

local SIGNS = {
  trastuzumab = { name = "trastuzumab (Herceptin)", signs = HEART, extra = REACTION, src = "label-trastuzumab" },
  herceptin_hylecta = { name = "Herceptin Hylecta", signs = HEART, extra = REACTION, src = "label-hylecta" },
  pertuzumab = { name = "pertuzumab (Perjeta)", signs = HEART, extra = REACTION, src = "label-pertuzumab" },
  phesgo = { name = "Phesgo", signs = HEART, extra = REACTION, src = "label-phesgo" },
  margetuximab = { name = "margetuximab (Margenza)", signs = HEART, extra = REACTION, src = "label-margetuximab" },
  t_dm1 = { name = "T-DM1 (Kadcyla)",
            signs = "yellow skin or eyes, dark urine, or pain on the right side of your belly, which can come from the liver. Also call for bleeding or bruising that is not usual",
            extra = "Heart signs, such as swollen ankles or a racing heartbeat, need a call too", src = "label-tdm1" },
  t_dxd = { name = "trastuzumab deruxtecan (Enhertu)",
            signs = "any new or worse cough, shortness of breath, or fever. These can be the first signs of lung inflammation, called ILD, which needs care quickly",
            extra = "A fever can also mean an infection, because this drug can lower white blood cells", src = "label-tdxd", src2 = "nci-tdxd" },
  tucatinib = { name = "tucatinib (Tukysa)", signs = GUT_LIVER, src = "label-tucatinib" },
  neratinib = { name = "neratinib (Nerlynx)", signs = GUT_LIVER, src = "label-neratinib" },
  lapatinib = { name = "lapatinib (Tykerb)", signs = GUT_LIVER,
                extra = "Heart signs, such as swollen ankles or a racing heartbeat, need a call too", src = "label-lapatinib" },
  pyrotinib = { name = "pyrotinib", signs = GUT_LIVER, src = "nci-diarrhea" },
  capecitabine = { name = "capecitabine (Xeloda)",
                   signs = "diarrhea that will not settle, or a fever",
                   extra = "Also call if your hands or feet blister or hurt too much to use, or if mouth sores stop you eating or drinking",
                   src = "label-capecitabine" },
  paclitaxel = { name = "paclitaxel (Taxol)",
                 signs = "a temperature of 100.4 F (38 C) or more, or chills, which can mean an infection. Also call for numbness that makes it hard to walk or do up buttons",
                 extra = "During the drip, flushing, itching or a tight chest can be a reaction, so tell the nurse at once",
                 src = "label-paclitaxel", src2 = "nci-infection" },
  docetaxel = { name = "docetaxel (Taxotere)",
                signs = "a temperature of 100.4 F (38 C) or more, or chills, which can mean an infection. Also call for swelling in your legs or numbness that makes it hard to walk",
                extra = "During the drip, flushing, itching or a tight chest can be a reaction, so tell the nurse at once",
                src = "label-docetaxel", src2 = "nci-infection" },
  carboplatin = { name = "carboplatin",
                  signs = "a temperature of 100.4 F (38 C) or more, chills, or bleeding or bruising that is not usual",
                  src = "label-carboplatin", src2 = "nci-bleeding" },
  doxorubicin = { name = "doxorubicin (Adriamycin)",
                  signs = "a temperature of 100.4 F (38 C) or more, or chills, which can mean an infection. Also call for shortness of breath, swollen ankles or a racing heartbeat",
                  extra = "During the drip, tell the nurse at once about pain or burning where the needle goes in",
                  src = "label-doxorubicin", src2 = "nci-infection" },
  epirubicin = { name = "epirubicin (Ellence)",
                 signs = "a temperature of 100.4 F (38 C) or more, or chills, which can mean an infection. Also call for shortness of breath, swollen ankles or a racing heartbeat",
                 extra = "During the drip, tell the nurse at once about pain or burning where the needle goes in",
                 src = "label-epirubicin", src2 = "nci-infection" },
  cyclophosphamide = { name = "cyclophosphamide (Cytoxan)",
                       signs = "a temperature of 100.4 F (38 C) or more, or chills, which can mean an infection. Also call for blood in your urine or pain when you pass urine",
                       src = "label-cyclophosphamide", src2 = "nci-infection" },
  bone_drug = { name = "a bone drug such as zoledronic acid (Zometa) or denosumab (Xgeva)",
                signs = "jaw pain, a loose tooth, or a sore in the mouth that does not heal. Also call for muscle cramps, twitching, or numbness around the mouth, which can mean low calcium",
                src = "label-zoledronic", src2 = "label-xgeva" },
  aromatase_inhibitor = { name = "a hormone pill such as letrozole (Femara)",
                          signs = "a bone that hurts after a small fall, which can be a break. Also call for joint pain that stops your daily tasks",
                          src = "label-letrozole" },
  ovarian_suppression = { name = "a shot such as goserelin (Zoladex)",
                          signs = "pain, swelling or bleeding where the shot went in that gets worse. Also call for a racing or uneven heartbeat",
                          src = "label-goserelin" },
  tamoxifen = { name = "tamoxifen",
                signs = "one leg that is swollen, red, warm or painful, which can be a clot, and bleeding from the vagina that is not usual",
                extra = "Call 911 for chest pain, sudden breathlessness, or sudden weakness on one side", src = "label-tamoxifen", src2 = "medline-dvt" },
}

herald.on("warn.drug_signs", function(q)
  local d = SIGNS[q:slot("drug") or ""]
  if not d then
    local t = "Signs to call about depend on the drug. Call your care team's 24-hour line for a temperature of 100.4 F (38 C) or more, or any new or worse problem. "
      .. CALL_911 .. " Next step: ask your nurse for a list of the signs for your own drugs."
    return { text = t, speech = speak(t), sources = { "nci-se", "medline-emergency" },
             suggest = { "When should I call my care team?", "What should I tell the nurse when I call?" } }
  end
  local parts = { "On " .. d.name .. ", call your care team's 24-hour line right away for " .. d.signs .. "." }
  if d.extra then parts[#parts + 1] = d.extra .. "." end
  if not (d.extra and d.extra:find("911")) then parts[#parts + 1] = CALL_911 end
  parts[#parts + 1] = "Next step: write these signs on a card, with the team's 24-hour number."
  local t = table.concat(parts, " ")
  return {
    text = t,
    speech = speak(t),
    sources = { d.src, d.src2 or "nci-se" },
    suggest = { "When should I call my care team?", "What should I tell the nurse when I call?",
                "What are the signs of a stroke?" },
  }
end)

-- The signs of an emergency ----------------------------------------------------------

answer("warn.emergency_signs", {
  text = {
    "Call 911 for sudden signs of a stroke: a face that droops on one side, an arm or leg that goes weak or numb, speech that is slurred or muddled, sudden trouble seeing, or a sudden very bad headache.",
    "Call 911 too for chest pain or pressure, trouble breathing, fainting, a swollen face, lips or throat, a seizure, or someone you cannot wake.",
    "Note the time the signs began, and do not drive yourself.",
    "Next step: teach the people you live with these signs.",
  },
  sources = { "medline-stroke", "medline-emergency", "medline-anaphylaxis" },
  suggest = { "When should I call my care team?", "What should I tell the emergency team about my treatment?" },
})

-- Warning signs of suicide in someone else ---------------------------------------------

answer("warn.suicide_signs", {
  text = {
    "Warning signs include talking about wanting to die or being a burden, feeling hopeless or trapped, saving pills or looking for a way to die, and saying goodbye or giving things away.",
    "If you are worried, ask the person plainly if they are thinking about suicide. Asking does not put the idea in their head. Stay with them, and keep pills and weapons away.",
    "Call or text 988, the Suicide and Crisis Lifeline, together. If they are in danger right now, call 911.",
    "Next step: save 988 in your phone, and tell their cancer care team how they are doing.",
  },
  sources = { "988", "nimh-suicide" },
  suggest = { "How can my family get support?", "Is there free counseling for people with cancer?" },
})

-- Which number for what ---------------------------------------------------------------
-- People mix up the three lines: 988 is for emotional crisis of any kind, not
-- only thoughts of suicide, and for someone worried about another person; 911 is
-- for a physical emergency; a side effect, even at night, goes to the cancer
-- team's 24-hour line (988 Lifeline; Oregon Health Authority, "About 988":
-- "988 for behavioral health emergencies, 911 for physical ones"; NCI).
src("oha-988", "About 988", "Oregon Health Authority", "https://www.oregon.gov/oha/BH/Lifespan/Pages/About-988.aspx")

answer("warn.which_number", {
  text = {
    "Each number has its own job. For a side effect, a fever, or any worry about your treatment, call your cancer team's 24-hour line, even in the middle of the night.",
    "In the US, call 911 for a physical emergency: chest pain, trouble breathing, fainting, or signs of a stroke.",
    "Call or text 988 any time you feel overwhelmed, hopeless, or have thoughts of hurting yourself. You do not have to be suicidal to call, and you can call about someone you are worried about. 988 works in the US and Canada; elsewhere, use your local emergency number and crisis line.",
    "Next step: save your team's 24-hour number in your phone, next to 911 and 988.",
  },
  sources = { "oha-988", "988", "nci-se" },
  suggest = { "When should I call my care team?", "What should I tell the nurse when I call?",
              "Is there free counseling for people with cancer?" },
})
