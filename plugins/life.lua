-- Daily life during and after treatment: work, exercise, fertility, vaccines,
-- alcohol, interactions, diet, travel, sex. Intents: intents/life.intents.
-- General information only: the care team decides what is safe for a person.
herald.about { title = "Daily life during treatment", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("cac", "Cancer and Careers: publications for working people", "Cancer and Careers", "https://www.cancerandcareers.org/en/resources/publications")
src("dol-fmla", "Family and Medical Leave Act", "U.S. Department of Labor", "https://www.dol.gov/agencies/whd/fmla")
src("nci-activity", "Physical Activity and Cancer", NCI, "https://www.cancer.gov/about-cancer/causes-prevention/risk/obesity/physical-activity-fact-sheet")
src("nci-fatigue", "Fatigue and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue")
src("nci-fertility", "Fertility Issues in Girls and Women with Cancer", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-women")
herald.source("label-trastuzumab") -- shared with the other plugins (lua/herald.lua)
herald.source("label-hylecta"); herald.source("label-pertuzumab"); herald.source("label-phesgo")
src("nci-infection", "Infection and Neutropenia during Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/infection")
src("nci-alcohol", "Alcohol and Cancer Risk", NCI, "https://www.cancer.gov/about-cancer/causes-prevention/risk/alcohol/alcohol-fact-sheet")
src("nci-cam", "Complementary and Alternative Medicine", NCI, "https://www.cancer.gov/about-cancer/treatment/cam")
herald.source("label-lapatinib")
src("nci-hot-flashes", "Hot Flashes and Night Sweats (PDQ), Patient Version", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/hot-flashes-pdq")
src("acs-targeted-life", "Targeted Drug Therapy for Breast Cancer", "American Cancer Society", "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
herald.source("label-tucatinib")
src("nci-appetite", "Appetite Loss and Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects/appetite-loss")
src("oncolink-fluids", "Preventing Dehydration During Cancer Treatment", "OncoLink, Penn Medicine", "https://www.oncolink.org/support/nutrition-and-cancer/during-and-after-treatment/preventing-dehydration-during-cancer-treatment")
src("nci-eating", "Eating Hints: Before, during, and after Cancer Treatment", NCI, "https://www.cancer.gov/publications/patient-education/eating-hints")
src("nci-coping", "Coping with Cancer", NCI, "https://www.cancer.gov/about-cancer/coping")
src("acs-sexual", "Fertility and Sexual Side Effects", ACS, "https://www.cancer.org/cancer/managing-cancer/side-effects/fertility-and-sexual-side-effects.html")
src("nci-se", "Side Effects of Cancer Treatment", NCI, "https://www.cancer.gov/about-cancer/treatment/side-effects")

-- Disability benefits: income while unable to work, and the fast track Social
-- Security gives breast cancer that has spread far or cannot be removed.
src("ssa-cal", "Compassionate Allowances", "U.S. Social Security Administration", "https://www.ssa.gov/compassionateallowances/")
src("ssa-disability", "Disability benefits", "U.S. Social Security Administration", "https://www.ssa.gov/disability")
local DISABILITY = { "disability", "ssdi", "ssi ", "social security", "benefits", "income support" }
local DISABILITY_TEXT = {
  "If you cannot work for a while, disability insurance through your job, if you have it, can pay part of your wage. Ask HR about short-term and long-term disability.",
  "Social Security disability (SSDI or SSI) is for people who cannot work for a year or more. Breast cancer that has spread to distant organs, or cannot be removed with surgery, is on Social Security's Compassionate Allowances list, which speeds up the decision.",
  "A hospital social worker or financial navigator can help you apply, and Cancer and Careers has free guides.",
  "Next step: ask the social worker at your cancer center to help you with the forms.",
}

local WORK = {
  text = {
    "Many people keep working during treatment, sometimes with fewer hours.",
    "It depends on your job, your treatment schedule, and how you feel.",
    "In the US, the ADA may give you changes at work if your employer has 15 or more workers, and the FMLA protected time off if it has 50 or more. Many states add their own laws. You choose how much to tell your employer.",
    "Next step: ask your care team what your schedule will look like, then talk to HR. Cancer and Careers has free guides.",
  },
  sources = { "cac", "dol-fmla" },
  suggest = { "How do I cope with fatigue?", "What is chemo brain?", "Is there help with treatment costs?" },
}

-- A spouse or family caregiver asking for leave (probe 9, R080) is the
-- caregiver's question, asked here as a work one: care.caregiver (plugins/
-- care.lua) owns its answer (FMLA for a spouse, child or parent; a partner one
-- is not married to), so it is written once and handed over.
src("dol-fmla-28", "Fact Sheet #28: The Family and Medical Leave Act", "U.S. Department of Labor",
  "https://www.dol.gov/agencies/whd/fact-sheets/28-fmla")
local CARE_FOR = { "my wife", "my husband", "my partner", "my spouse", "my mom", "my mum", "my mother", "my dad",
  "my father", "my son", "my daughter", "care for her", "care for him", "care of her", "care of him", "look after",
  "looking after", "drive her", "drive him", "driving her", "driving him", "caregiver", "caring for", "take her to",
  "take him to", "be with her", "be with him", "take care of my", "take care of her", "take care of him", "taking care of my",
  "taking care of her", "taking care of him", "my boyfriend", "my girlfriend",
  "my fiance" }
local LEAVE = { "time off", "leave", "fmla", "day off", "days off", "miss work", "off work", "my job", "my boss",
  "employer", "a day at a time", "lose my job", "losing my job" }
-- A person's own rights at work (probe 11, P46: "can they fire me for needing
-- time off for treatment?"). EEOC, "Cancer in the Workplace and the ADA": the
-- ADA covers employers with 15 or more workers and state and local
-- governments, protects a qualified worker (one who can do the job's essential
-- functions), and reasonable accommodation (leave for treatment, a changed
-- schedule) is owed unless it is an undue hardship; many states add laws
-- that reach smaller employers. FMLA (DOL Fact Sheet 28): up to 12 unpaid,
-- job-protected weeks a year for the worker's own serious health condition,
-- with health cover kept, taken a day or hours at a time when medically
-- needed; employers with 50 or more workers, a year and 1,250 hours worked.
src("eeoc-cancer", "Cancer in the Workplace and the ADA", "U.S. Equal Employment Opportunity Commission",
  "https://www.eeoc.gov/laws/guidance/cancer-workplace-and-ada")
local RIGHTS = { "fire me", "fired", "firing me", "let me go", "lose my job", "losing my job", "my rights",
  "legal right", "the law", "protect", "discriminat", "accommodat", "demote", "allowed to fire",
  "can they fire", "can my boss", "can my employer", "job protection", "job-protected", "have to say yes",
  "have to agree", "have to allow", "have to let me", "have to give me", "required to", "obliged to", "entitled to" }
-- The writer's own treatment: a message that names a family member ("my
-- husband's hours got cut") is not a caregiver's when the treatment is theirs.
local OWN_TREATMENT = { "i'm getting", "i am getting", "be getting", "i'm having", "i am having", "i'm on ",
  "i am on ", "my treatment", "my chemo", "my infusion", "my herceptin", "my radiation", "my surgery",
  "i have cancer", "i have breast cancer", "i was diagnosed", "my cancer", "my diagnosis" }
local WORK_RIGHTS = herald.fixed {
  text = {
    "In the US, the law protects many workers with cancer. Under the Americans with Disabilities Act, employers with 15 or more workers, and state and local governments, cannot fire you because you have cancer if you can still do the main parts of your job. They must make reasonable changes, such as time off for treatment days or a different schedule, unless that would be a real hardship for the business.",
    "The Family and Medical Leave Act, or FMLA, can give you up to 12 weeks a year of unpaid leave for your own treatment, and you keep your job and health insurance. You can take it a day or a few hours at a time, such as for each infusion. It applies if you have worked there at least a year and about 1,250 hours in that year, and your employer has 50 or more workers within 75 miles.",
    "Many states add their own laws, some for smaller employers and some with paid leave. Triage Cancer and Cancer and Careers explain them for free.",
    "Next step: ask HR in writing for the FMLA forms and the schedule changes you need, and ask the oncology office to fill in the doctor's part.",
  },
  sources = { "eeoc-cancer", "dol-fmla-28", "cac" },
  suggest = { "Can I keep working during treatment?", "Can I get disability benefits?", "Is there help with treatment costs?" },
}

-- What to tell an employer is the general card's ("you choose how much to tell").
local TELL = { "tell my", "tell them", "tell the", "telling", "disclose", "inform", "ask what my", "ask about my",
  "know about my", "know what", "ask me about" }

-- A small employer (probe 12: "my company only has about 30 people"): the
-- federal FMLA covers private employers with 50 or more workers (DOL Fact
-- Sheet 28), the ADA those with 15 or more (EEOC); state laws often reach
-- smaller employers, some with paid leave. The number told decides the card.
local SMALL_SAID = { "small business", "small company", "small firm", "small office", "small shop", "small employer",
  "small practice", "family business", "family-run", "fewer than 50", "less than 50", "under 50", "fewer than fifty",
  "less than fifty", "under fifty", "not 50", "few employees", "few workers", "few people" }
local STAFF = "%s*(%a*)"
local STAFF_WORDS = { employees = true, employee = true, workers = true, worker = true, people = true, staff = true,
  persons = true, ppl = true, of = true, emps = true, guys = true, folks = true, coworkers = true, ["co-workers"] = true }
local function staff_count(q)
  local msg = (q.message or q.text):lower()
  for pos, n in msg:gmatch("()(%d+)") do
    local word = msg:sub(pos + #n):match("^" .. STAFF) or ""
    if STAFF_WORDS[word] and not msg:sub(pos + #n):match("^%s*of%s+(%a+)") then return tonumber(n) end
    if word == "of" and msg:sub(pos + #n):match("^%s*of%s+us") then return tonumber(n) end
  end
  return nil
end
local SMALL_FMLA = "With fewer than 50 workers, your employer is usually not covered by the federal FMLA, so it does not promise you job-protected leave there."
local SMALL_ADA = "The Americans with Disabilities Act still covers employers with 15 or more workers. They cannot fire you because of cancer if you can do the main parts of your job, and they must make reasonable changes, such as time off or a new schedule on treatment days, unless that is a real hardship for the business."
local TINY_ADA = "With fewer than 15 workers, the federal ADA does not cover your employer either, so state and local laws are what protect you."
local SMALL_STATE = "Many states have their own laws that reach smaller employers, and some give paid leave. Triage Cancer and Cancer and Careers explain them for free."
local SMALL_NEXT = "Next step: ask HR or your manager in writing for the changes you need, and keep a copy."
local function small_employer(q)
  local n = staff_count(q)
  if q:mentions(SMALL_SAID) and n and n >= 50 then n = nil end
  if n and n >= 50 then return nil end
  if not n and not q:mentions(SMALL_SAID) then return nil end
  local text = { SMALL_FMLA }
  if n and n < 15 then text[#text + 1] = TINY_ADA
  elseif n then text[#text + 1] = SMALL_ADA
  else text[#text + 1] = "If it has 15 or more workers, " .. "the Americans with Disabilities Act still applies. Your employer cannot fire you because of cancer if you can do the main parts of your job, and must make reasonable changes, such as time off on treatment days, unless that is a real hardship." end
  text[#text + 1] = SMALL_STATE
  text[#text + 1] = SMALL_NEXT
  return { text = text, sources = { "dol-fmla-28", "eeoc-cancer", "cac" },
    suggest = { "Can I keep working during treatment?", "Can I get disability benefits?", "Is there help with treatment costs?" } }
end

herald.on("life.work", function(q)
  local small = small_employer(q)
  if small and not (q:mentions(CARE_FOR) and not q:mentions(OWN_TREATMENT)) then return small end
  if (q:mentions(RIGHTS) or q:mentions({ "fmla", "family and medical leave" })) and not q:mentions(TELL) and not q:mentions(DISABILITY)
    and not (q:mentions(CARE_FOR) and not q:mentions(OWN_TREATMENT)) then
    return WORK_RIGHTS
  end
  if q:mentions(CARE_FOR) and q:mentions(LEAVE) and not q:mentions(OWN_TREATMENT) then
    return herald.hand_over("care.caregiver_leave")
  end
  if q:mentions(DISABILITY) and not q:mentions({ "disability leave", "fmla" }) then
    return { text = DISABILITY_TEXT, sources = { "ssa-disability", "ssa-cal", "cac" },
      suggest = { "Is there help with treatment costs?", "Can I keep working during treatment?", "Where can I find support?" } }
  end
  return WORK
end)

herald.answer("life.exercise", {
  text = {
    "For most people, staying active during treatment is safe and helps.",
    "It can ease tiredness, lift your mood, and keep you strong.",
    "Aim for a gentle walk on most days, and add light strength work if your team agrees. Go easy on hard days.",
    "Avoid gyms and pools when your blood counts are low, and build up slowly with the arm on the side of surgery.",
    "Next step: ask your care team what is safe for you, or ask to see a physical therapist.",
  },
  sources = { "nci-activity", "nci-fatigue" },
  suggest = { "How do I cope with fatigue?", "Can yoga help?", "What is lymphedema?" },
})

-- "My period stopped during chemo, will it come back?": the question is the
-- period itself, and the pregnancy caution that follows from it.
local PERIOD = { "period", "menstrua", "monthly cycle", "time of the month" }
local RETURN = { "come back", "return", "start again", "ever again", "get them back", "get it back", "restart",
  "back to normal", "be back" }
local PERIOD_RETURN = {
  "Chemo often makes periods stop. For many people they come back in the months, sometimes a year or two, after chemo ends.",
  "Younger people are more likely to get them back. Closer to 40 and beyond, chemo is more likely to bring menopause for good. Hormone pills like tamoxifen can also make periods irregular or stop.",
  "Even with no periods, you can still get pregnant. HER2 drugs and many other cancer drugs can harm an unborn baby, so use birth control without hormones during treatment and for as long after as your team says (7 months after the last dose of trastuzumab).",
  "Next step: ask your team whether a blood test of your hormone levels would help you plan.",
}

local FERTILITY = {
  text = {
    "Chemo can harm the ovaries. It may stop your periods, bring early menopause, or make it harder to get pregnant later.",
    "Many cancer drugs, HER2 drugs among them, can harm an unborn baby. Pregnancy must be avoided during treatment and for a set time after the last dose, which depends on the drug.",
    "Use birth control without hormones, such as a copper IUD or condoms. Periods may stop during chemo, but you can still get pregnant.",
    "If you may want children, you can freeze eggs or embryos before treatment starts. Many people do have babies after breast cancer.",
    "Next step: ask for a referral to a fertility specialist before treatment begins.",
  },
  sources = { "nci-fertility", "label-trastuzumab" },
  suggest = { "What are the side effects of chemo?", "How does treatment affect my sex life?", "What questions should I ask my doctor?" },
}

-- Asked whether a HER2 antibody harms fertility later (probe 8): the antibody itself is not known
-- to, the chemo given with it can, the label's wait before trying, and planning before chemo.
-- Facts per drug, in that drug's entry; a question about birth control keeps the general answer.
local ANTIBODY_FERTILITY = herald.facts("drug", {
  trastuzumab = "Trastuzumab (Herceptin) itself is not known to cause infertility. Its label says to wait 7 months after the last dose before trying to get pregnant, because it can harm an unborn baby.",
  herceptin_hylecta = "Herceptin Hylecta itself is not known to cause infertility. Its label says to wait 7 months after the last dose before trying to get pregnant, because it can harm an unborn baby.",
  pertuzumab = "Pertuzumab (Perjeta) itself is not known to cause infertility. Its label says to avoid pregnancy for 7 months after the last dose, because it can harm an unborn baby.",
  phesgo = "Phesgo itself is not known to cause infertility. Its label says to avoid pregnancy for 7 months after the last dose, because it can harm an unborn baby.",
})
local CONTRACEPTION = { "birth control", "contracept", "iud", "condom", "pill", "coil" }
local ANTIBODY_FERTILITY_REST = {
  "Chemo given with it is the bigger risk. It can harm the ovaries, bring early menopause, and make it harder to get pregnant later.",
  "If you may want children, ask about freezing eggs or embryos before chemo starts. Many people do have babies after breast cancer.",
  "Next step: ask your care team for a fertility specialist referral before treatment begins.",
}

-- A man asking about his own fertility (clinical review 2026-12-07c, item 4):
-- the antibodies' 7-month pregnancy wait is for women; chemo can lower sperm
-- counts, sometimes for good, and sperm banking comes before chemo (NCI,
-- Fertility Issues in Boys and Men with Cancer); some chemo labels (docetaxel,
-- cyclophosphamide) ask men to use condoms during treatment and for months after.
src("nci-fertility-men", "Fertility Issues in Boys and Men with Cancer", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-men")
local FERTILITY_MEN = herald.fixed {
  text = {
    "Trastuzumab (Herceptin) and the other HER2 antibodies are not known to harm a man's fertility. Chemo given with them can lower the sperm count, sometimes for good.",
    "Some chemo drugs also call for condoms during treatment and for a few months after, to protect a partner and any pregnancy. Your team will say how long for your drugs.",
    "If you may want children, you can bank sperm before chemo starts. It is quick, and many men do it.",
    "Next step: ask your care team for a fertility referral before treatment begins.",
  },
  sources = { "nci-fertility-men", "label-trastuzumab" },
  suggest = { "How does treatment affect my sex life?", "What are the side effects of chemo?", "Do men get the same treatment?" },
}

-- Diagnosed while pregnant (probe 12): breast cancer can be treated in a
-- pregnancy; surgery at any stage, some chemo (anthracyclines) after the first
-- trimester; HER2 drugs, radiation and hormone therapy wait until after the
-- birth (trastuzumab lowers the amniotic fluid: label's boxed warning). NCI
-- PDQ, Breast Cancer Treatment During Pregnancy; Shachar et al., The
-- Oncologist 2017.
src("nci-pregnancy-treatment", "Breast Cancer Treatment During Pregnancy (PDQ), Patient Version", NCI,
  "https://www.cancer.gov/types/breast/patient/pregnancy-breast-treatment-pdq")
local PREGNANT_NOW = { "weeks pregnant", "months pregnant", "i'm pregnant", "i am pregnant", "im pregnant",
  "while pregnant", "while i'm pregnant", "while i am pregnant", "during pregnancy", "during my pregnancy",
  "during the pregnancy", "she's pregnant", "she is pregnant", "pregnant and diagnosed", "pregnant when" }
local PLANNING = { "get pregnant", "getting pregnant", "become pregnant", "try for", "trying for", "after treatment",
  "after i finish", "later" }
local PREGNANT_TREATMENT = herald.fixed {
  text = {
    "Breast cancer can be treated during pregnancy, and many women go on to have healthy babies. Your cancer team plans it with a doctor for high-risk pregnancies.",
    "Surgery can be done at any stage of pregnancy. Some chemo can be given after the first three months. HER2 drugs such as trastuzumab (Herceptin) are not given while pregnant, because they can lower the fluid around the baby and harm it, so they usually start after the birth. Radiation and hormone pills also wait until then.",
    "Next step: ask your team to plan your treatment together with a high-risk pregnancy doctor.",
  },
  sources = { "nci-pregnancy-treatment", "label-trastuzumab" },
  suggest = { "What is chemo before surgery?", "How long do I take Herceptin for?", "Where can I find support?" },
}

herald.on("life.fertility", function(q)
  if q:about_a_man() then return FERTILITY_MEN end
  if q:mentions(PREGNANT_NOW) and not q:mentions(PLANNING) then return PREGNANT_TREATMENT end
  if q:mentions(PERIOD) and q:mentions(RETURN) then
    return { text = PERIOD_RETURN, sources = { "nci-fertility", "acs-sexual", "label-trastuzumab" },
      suggest = { "Can I get pregnant after breast cancer?", "What birth control can I use during treatment?", "How does treatment affect my sex life?" } }
  end
  local own = q.slots.drug and not q:mentions(CONTRACEPTION) and ANTIBODY_FERTILITY:get(q)
  if own then
    local text = {}
    for _, s in ipairs(own) do text[#text + 1] = s end
    for _, s in ipairs(ANTIBODY_FERTILITY_REST) do text[#text + 1] = s end
    local label = { trastuzumab = "label-trastuzumab", herceptin_hylecta = "label-hylecta", pertuzumab = "label-pertuzumab",
      phesgo = "label-phesgo" }
    return { text = text, sources = { label[q:slot("drug")] or "label-trastuzumab", "nci-fertility" },
      suggest = { "What birth control can I use during treatment?", "Should I freeze my eggs before treatment?", "Does chemo affect fertility?" } }
  end
  return FERTILITY
end)

-- The shingles vaccine used now is not live; yellow fever and oral typhoid are.
src("cdc-shingrix", "Shingles Vaccination", "Centers for Disease Control and Prevention", "https://www.cdc.gov/shingles/vaccines/index.html")
local SHINGLES = { "shingles", "shingrix", "zoster" }
local SHINGLES_LINE = "The shingles vaccine used now, Shingrix, is not a live vaccine, so many people with cancer can have it; your team picks the best time."
local LIVE_TRAVEL = { "yellow fever", "typhoid", "mmr", "measles", "chickenpox", "chicken pox", "varicella", "nasal flu", "flumist" }
local LIVE_LINE = "Yellow fever, oral typhoid, MMR and chickenpox vaccines are live: they are usually not given during chemo, or while the immune system is weak. Plan travel shots with your team well ahead."

local VACCINES = {
  text = {
    "Most vaccines are safe during treatment, and some are important.",
    "A yearly flu shot is advised for most people with cancer, and so are COVID-19 vaccines.",
    "Avoid live vaccines, such as the nasal spray flu vaccine or MMR, during chemo and while your immune system is weak.",
    "Timing matters. Vaccines work best before chemo starts or when your blood counts are up.",
    "Next step: ask your care team before you get any vaccine.",
  },
  sources = { "nci-infection" },
  suggest = { "How do I avoid infection during chemo?", "What does low white blood cells mean?", "Can I travel during treatment?" },
}

-- Family members' vaccines, the nasal spray (live) flu vaccine included (probe
-- 12: grandchildren who get the nose spray): household contacts of people with
-- cancer should be vaccinated. CDC asks only close contacts and caregivers of
-- severely immunocompromised people who need a protected environment (such as
-- after a stem cell transplant) to avoid the nasal vaccine, or to stay away for 7
-- days after it; the person on chemo gets the flu shot, not the spray.
src("cdc-laiv", "Live Attenuated Influenza Vaccine (The Nasal Spray Flu Vaccine)", "Centers for Disease Control and Prevention",
  "https://www.cdc.gov/flu/vaccine-types/nasalspray.html")
local FAMILY_SAID = { "grandkid", "grandchild", "grandson", "granddaughter", "grand kids", "grand children", "my kids",
  "my children", "my son", "my daughter", "my husband", "my wife", "my partner", "family", "household", "visitor",
  "visit me", "visiting", "come over", "around me", "live with", "lives with", "my baby", "the baby", "my mom", "my mum",
  "my dad", "caregiver", "my niece", "my nephew", "everyone in", "my house", "in the house", "at home", "people i live" }
local SPRAY_SAID = { "nasal", "nose spray", "nose vaccine", "flumist", "flu mist", "spray flu", "live vaccine",
  "live flu", "vaccin", "shots", "jabs", "jab", "flu shot", "mmr", "measles", "chickenpox", "chicken pox", "varicella",
  "rotavirus" }
-- A child's own live vaccines (clinical review 2026-12-07d: "my son is due for
-- his MMR, is it safe for me on chemo" got the card for the patient's own
-- vaccines, "avoid ... MMR", which reads as keeping the child from it). The
-- ACIP's advice, as Immunize.org's experts give it: household contacts of
-- someone on chemo get all routine vaccines, MMR, chickenpox and rotavirus
-- included; MMR's virus does not pass to others; keep away from a rash after a
-- chickenpox shot until it heals; wash hands after diapers for about 4 weeks
-- after rotavirus vaccine.
src("iac-household-live", "Can I give live vaccines to a healthy child whose mother is on chemotherapy?", "Immunize.org",
  "https://www.immunize.org/ask-experts/patient-mother-immunocompromised-cancer-chemotherapy-administer-live-vaccines-healthy-child/")
local CHILD_LIVE_SAID = { "mmr", "measles", "chickenpox", "chicken pox", "varicella", "rotavirus" }
local CHILD_LIVE_LINE = "Children's live vaccines, such as MMR, chickenpox and rotavirus, should be given on schedule too. The MMR virus does not pass to other people. If a rash appears after a chickenpox shot, keep away from the rash until it heals. After the rotavirus vaccine, wash hands well after every diaper change for about 4 weeks."
local FAMILY_VACCINES = herald.fixed {
  text = {
    "Yes, in most cases. The people you live with, and children and grandchildren who visit, should get their own vaccines, flu included. That helps keep flu away from you.",
    "The nasal spray flu vaccine holds a weakened live virus. The CDC asks only people who care for someone with a severely weak immune system, such as after a stem cell transplant in a protected hospital unit, to avoid it or stay away for 7 days. For most people on chemo or HER2 drugs, visits are fine.",
    "Hand washing helps, and anyone who is sick should wait to visit. For yourself, the flu shot is the one to get during chemo, not the nasal spray.",
    "Next step: ask your care team whether your blood counts call for any extra care.",
  },
  sources = { "cdc-laiv", "nci-infection" },
  suggest = { "How do I avoid infection during chemo?", "Can I get a flu shot during chemo?", "What does low white blood cells mean?" },
}
herald.on("life.vaccines", function(q)
  if q:mentions(FAMILY_SAID) and q:mentions(SPRAY_SAID) and not q:mentions({ "my own", "for me to get", "can i get", "should i get", "can i have", "should i have" }) then
    if q:mentions(CHILD_LIVE_SAID) then
      local text = { table.unpack(FAMILY_VACCINES.text) }
      table.insert(text, 2, CHILD_LIVE_LINE)
      return { text = text, sources = { "cdc-laiv", "iac-household-live", "nci-infection" }, suggest = FAMILY_VACCINES.suggest }
    end
    return FAMILY_VACCINES
  end
  local text = { table.unpack(VACCINES.text) }
  local sources = { "nci-infection" }
  if q:mentions(SHINGLES) then table.insert(text, 2, SHINGLES_LINE); sources[#sources + 1] = "cdc-shingrix" end
  if q:mentions(LIVE_TRAVEL) then table.insert(text, 2, LIVE_LINE) end
  return { text = text, sources = sources, suggest = VACCINES.suggest }
end)

herald.answer("life.alcohol", {
  text = {
    "Drinking alcohol raises the risk of breast cancer, and even small amounts add some risk.",
    "During treatment, alcohol can make nausea, mouth sores and dehydration worse, and it can strain the liver.",
    "It can also mix badly with some medicines. If you drink, less is better, and none is best.",
    "Next step: ask your care team if any alcohol is OK with your treatment.",
  },
  sources = { "nci-alcohol" },
  suggest = { "Can I prevent breast cancer?", "Can supplements interact with my treatment?", "What should I eat during treatment?" },
})

herald.source("label-neratinib")

local INTERACTIONS = {
  text = {
    "Other medicines, vitamins, herbs and some foods can change how cancer drugs work.",
    "HER2 pills and some chemo pills mix badly with many drugs. For some of them, grapefruit and St. John's wort are known problems.",
    "High doses of antioxidant supplements may get in the way of chemo or radiation.",
    "Next step: give your care team and pharmacist a full list of everything you take, and ask before you start anything new.",
  },
  sources = { "nci-cam", "label-tucatinib", "label-lapatinib" },
  suggest = { "Can I drink alcohol during treatment?", "What should I eat during treatment?", "Can yoga or acupuncture help?" },
}

-- A drug's own well-known interaction, from its label, said first.
local OWN = herald.facts("drug", {
  neratinib = {
    "Neratinib (Nerlynx) needs stomach acid to be absorbed well. Its label says not to take it with PPIs, a kind of acid pill, such as omeprazole (Prilosec).",
    "Antacids, and acid pills such as famotidine, must be taken hours apart from it. Ask your pharmacist for a plan.",
  },
  tamoxifen = {
    "Some antidepressants, such as paroxetine (Paxil) and fluoxetine (Prozac), can make tamoxifen work less well. Others do not, so ask your team or pharmacist which one suits you.",
  },
  tucatinib = {
    "Tucatinib (Tukysa) changes how the liver breaks down many other medicines, and some medicines change how much tucatinib you get. Its label lists many that should be avoided or need a dose change.",
  },
  lapatinib = {
    "Lapatinib (Tykerb) mixes badly with many medicines, including some antibiotics, antifungals and heart rhythm drugs. Take it on an empty stomach, and avoid grapefruit.",
  },
})
local OWN_SOURCES = { neratinib = "label-neratinib", tucatinib = "label-tucatinib", lapatinib = "label-lapatinib",
  tamoxifen = "nci-hot-flashes" }

-- Grapefruit with the HER2 pills (blind patient probe 2026-12-07: it got the
-- diet card). Grapefruit, its juice, Seville oranges and their kin block
-- CYP3A4 in the gut, so some drugs build up (Mayo Clin Proc review). The
-- lapatinib label: grapefruit may raise lapatinib levels, avoid it. The
-- neratinib label and its dosing page: avoid grapefruit in any form. The
-- tucatinib label's interaction tables name medicines (CYP2C8, CYP3A) but not
-- grapefruit. Each drug's own line names that drug only.
src("mayo-grapefruit", "Drug-Grapefruit Juice Interactions (Mayo Clinic Proceedings)", "Mayo Clinic Proceedings",
  "https://www.mayoclinicproceedings.org/article/S0025-6196%2811%2964645-4/fulltext")
src("pfizer-tukysa-interactions", "Tukysa (tucatinib): drug interactions", "Pfizer Medical Information",
  "https://www.pfizermedical.com/tukysa/drug-interactions")
src("nerlynx-how-to-take", "How to take Nerlynx (dosing)", "Puma Biotechnology", "https://nerlynx.com/hcp/dosing/how-to-take-nerlynx")
local GRAPEFRUIT_OWN = herald.facts("drug", {
  lapatinib = "The label for lapatinib (Tykerb) says to avoid grapefruit and grapefruit juice. Grapefruit can raise the amount of lapatinib in your blood, and with it the side effects.",
  neratinib = "The label for neratinib (Nerlynx) says to avoid grapefruit in any form, juice included, while you take it.",
  tucatinib = {
    "The label for tucatinib (Tukysa) does not name grapefruit.",
    "But many medicines change how much tucatinib is in your blood, and tucatinib changes some of them. So ask your pharmacist before you eat grapefruit often.",
  },
})
local GRAPEFRUIT_SOURCES = { lapatinib = "label-lapatinib", neratinib = "nerlynx-how-to-take", tucatinib = "pfizer-tukysa-interactions" }
local GRAPEFRUIT_GENERAL = {
  "Grapefruit, its juice, and close kin such as Seville oranges, pomelos and tangelos block an enzyme in the gut that breaks down many drugs. More of the drug can then reach your blood, and side effects can grow. The effect lasts many hours, so having them at different times of day does not get around it.",
  "Some HER2 pills carry a grapefruit warning on their label: lapatinib (Tykerb) and neratinib (Nerlynx) do. Sweet oranges are not known to cause this.",
}
local GRAPEFRUIT_NEXT = "Next step: ask your pharmacist to check every medicine and food you take against your cancer pills."
herald.on("life.grapefruit", function(q)
  local key = q:slot("drug")
  local own = GRAPEFRUIT_OWN:get(q)
  local text = {}
  if own then
    for _, line in ipairs(own) do text[#text + 1] = line end
    text[#text + 1] = "Grapefruit, its juice, and close kin such as Seville oranges, pomelos and tangelos block an enzyme in the gut that breaks down many drugs. More of the drug can then reach your blood."
  elseif key then
    -- Another drug asked about: the general fact only, since the sentence that
    -- names the two HER2 pills with a warning would speak of other drugs.
    text[#text + 1] = GRAPEFRUIT_GENERAL[1]
    text[#text + 1] = "Ask your pharmacist whether your own medicines carry a grapefruit warning."
  else
    for _, line in ipairs(GRAPEFRUIT_GENERAL) do text[#text + 1] = line end
  end
  text[#text + 1] = GRAPEFRUIT_NEXT
  local srcs = { "mayo-grapefruit" }
  if GRAPEFRUIT_SOURCES[key or ""] then table.insert(srcs, 1, GRAPEFRUIT_SOURCES[key]) end
  if not own then srcs = { "label-lapatinib", "nerlynx-how-to-take", "mayo-grapefruit" } end
  return { text = text, sources = srcs,
    suggest = { "Can supplements interact with my treatment?", "What should I eat during treatment?", "Can I drink alcohol during treatment?" } }
end)

-- Blood thinners (probe 7, P16). Capecitabine's label carries a boxed warning:
-- with warfarin-type drugs (vitamin K antagonists) clotting tests rose and
-- bleeding, sometimes fatal, was reported, days to months after starting and up
-- to a month after stopping; the INR is to be checked often. For any other
-- blood thinner the rule is the general one: the team must know, since chemo
-- can also lower platelets.
herald.source("label-capecitabine")
src("nci-bleeding", "Bleeding and Bruising (Thrombocytopenia) and Cancer Treatment", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising")
local THINNERS = { "warfarin", "coumadin", "jantoven", "blood thinner", "blood-thinner", "anticoagula", "inr", "eliquis",
  "apixaban", "xarelto", "rivaroxaban", "pradaxa", "dabigatran", "lovenox", "enoxaparin", "heparin", "clexane",
  "savaysa", "edoxaban", "plavix", "clopidogrel" }
local CAPE = { "xeloda", "capecitabine", "capecitibine", "zeloda", "capecitabin" }
local CAPE_WARFARIN = {
  "Capecitabine (Xeloda) can make warfarin (Coumadin) much stronger. Clotting can slow too much and cause serious bleeding, so its label has a boxed warning about this.",
  "If you take both, your team checks your clotting test, the INR, more often and may change the warfarin dose. The change can start days to months into treatment, and can last up to a month after the last capecitabine dose.",
  "Call your care team about unusual bruising, bleeding gums, nosebleeds that will not stop, or red or black stool or urine.",
  "Next step: make sure the doctor who manages your warfarin knows the day you start capecitabine.",
}
local THINNER_GENERAL = {
  "Tell your cancer team about any blood thinner you take, and tell the doctor who prescribes it about your cancer drugs. Some cancer drugs change how strong a blood thinner is, and chemo can lower the platelets that help blood clot.",
  "Do not stop or change a blood thinner on your own. Your team may check your blood more often instead.",
  "Call your care team about unusual bruising, bleeding gums, nosebleeds that will not stop, or red or black stool or urine.",
  "Next step: bring a list of all your medicines, blood thinner included, to your next visit.",
}

-- Two cancer drugs that plans put together on purpose: a HER2 drug with
-- hormone pills or chemo. The person needs to hear that the mix is planned,
-- not a list of herbal cautions.
-- Only the HER2 drugs that plans routinely pair with hormone pills or chemo
-- (not T-DM1 or T-DXd, which are given on their own).
local HER2_NAMES = { "herceptin", "trastuzumab", "perjeta", "pertuzumab", "phesgo", "tukysa", "tucatinib", "nerlynx",
  "neratinib", "hylecta" }
local PARTNER_NAMES = { "letrozole", "femara", "anastrozole", "arimidex", "exemestane", "aromasin", "tamoxifen",
  "fulvestrant", "faslodex", "zoladex", "goserelin", "lupron", "taxol", "paclitaxel", "taxotere", "docetaxel",
  "carboplatin", "xeloda", "capecitabine", "hormone pill", "hormone therapy" }
local PLANNED = "Some HER2 drugs are given with hormone pills or chemo on purpose, for example trastuzumab (Herceptin) with paclitaxel, or tucatinib (Tukysa) with capecitabine. Whether your two medicines belong together is for your team to say, so ask if this mix is part of your plan."

local function blood_thinners(q)
  if q:slot("drug") == "capecitabine" or q:mentions(CAPE) then
    return { text = CAPE_WARFARIN, sources = { "label-capecitabine", "nci-bleeding" },
      suggest = { "What are the side effects of Xeloda?", "What is hand-foot syndrome?", "Can supplements interact with my treatment?" } }
  end
  -- A drug's own interaction line (tucatinib, neratinib...) first, then the general rule.
  local text = OWN:get(q) or {}
  for _, line in ipairs(THINNER_GENERAL) do text[#text + 1] = line end
  local srcs = { "nci-bleeding", "nci-cam" }
  if OWN_SOURCES[q:slot("drug") or ""] then table.insert(srcs, 1, OWN_SOURCES[q:slot("drug")]) end
  return { text = text, sources = srcs,
    suggest = { "Can supplements interact with my treatment?", "What do low blood counts mean?", "Can I take ibuprofen during treatment?" } }
end
herald.on("life.blood_thinners", blood_thinners)

-- Antidepressants with tamoxifen, and what eases its hot flashes (probe 12: a
-- gynecologist offered paroxetine). Tamoxifen is made active in the liver by
-- CYP2D6; paroxetine, fluoxetine and bupropion block it strongly and are
-- avoided; venlafaxine, citalopram and escitalopram hardly do (NCI hot flashes
-- PDQ). Estrogen replacement is avoided after breast cancer; black cohosh did
-- no better than placebo in trials; venlafaxine, gabapentin and oxybutynin help.
-- se.hormone and living.hrt hand such questions over to life.interactions.
local ANTIDEPRESSANTS = { "paxil", "paroxetine", "prozac", "fluoxetine", "wellbutrin", "bupropion", "zyban", "antidepress",
  "anti-depress", "ssri", "snri", "zoloft", "sertraline", "celexa", "citalopram", "lexapro", "escitalopram", "effexor",
  "venlafaxine", "cymbalta", "duloxetine", "pristiq", "desvenlafaxine", "brisdelle" }
local TAMOXIFEN_SAID = { "tamoxifen", "nolvadex", "soltamox", "tamoxifin", "tamoxiphen" }
local HOT_SAID = { "hot fl", "hotfl", "night sweat", "sweats", "flushes", "flashes" }
local TAMOXIFEN_ANTIDEPRESSANT = herald.fixed {
  text = {
    "Some antidepressants can make tamoxifen work less well. The liver turns tamoxifen into its active form with an enzyme called CYP2D6, and paroxetine (Paxil), fluoxetine (Prozac) and bupropion (Wellbutrin) block that enzyme strongly, so doctors usually avoid them with tamoxifen.",
    "Others, such as venlafaxine (Effexor), citalopram (Celexa) or escitalopram (Lexapro), hardly affect it, so they are often chosen instead. Some of them also ease hot flashes.",
    "Do not stop an antidepressant suddenly on your own, as that can cause withdrawal effects. Next step: ask your oncologist or pharmacist to check each of your medicines against tamoxifen.",
  },
  sources = { "nci-hot-flashes", "label-tamoxifen" },
  suggest = { "What helps hot flashes on tamoxifen?", "What are the side effects of tamoxifen?", "Can supplements interact with my treatment?" },
}
local TAMOXIFEN_HOT_FLASHES = herald.fixed {
  text = {
    "Hot flashes on tamoxifen are common, and there are ways to ease them. Hormone replacement therapy with estrogen is usually avoided after breast cancer, most of all when the cancer fed on hormones. Black cohosh and other herbs have not worked better than a dummy pill in studies.",
    "Medicines without hormones can help, such as venlafaxine (Effexor), gabapentin or oxybutynin. But paroxetine (Paxil) and fluoxetine (Prozac) can make tamoxifen work less well, since they block the enzyme that makes it active, so they are usually avoided with it.",
    "Layers, a cool bedroom and avoiding triggers such as hot drinks or alcohol help too. Next step: ask your oncologist which option fits you, and make sure your gynecologist knows you take tamoxifen.",
  },
  sources = { "nci-hot-flashes", "acs-mht-after" },
  suggest = { "Which antidepressants are safe with tamoxifen?", "What are the side effects of tamoxifen?", "Can I take supplements during treatment?" },
}
herald.source("label-tamoxifen")
src("acs-mht-after", "Menopausal Hormone Therapy After Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/living-as-a-breast-cancer-survivor/menopausal-hormone-therapy-after-breast-cancer.html")
-- Hormone pills while trastuzumab goes on (probe 12): they usually start after
-- chemo and run at the same time as the HER2 drugs; the team sets the date
-- (ACS). The same card as testing.lua's for "triple-positive, can I start...".
src("acs-hormone-tx", "Hormone Therapy for Breast Cancer", "American Cancer Society",
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/hormone-therapy-for-breast-cancer.html")
local HORMONE_PILLS = { "anastrozole", "arimidex", "letrozole", "femara", "exemestane", "aromasin", "tamoxifen",
  "aromatase", "hormone pill", "hormone therapy", "hormone blocker" }
-- Asked when to start, not whether the two mix ("is it safe to take both at once" is the planned-mix card).
local WHEN_TO_START = { "start", "begin", "wait", "during", "while", "still getting", "still on", "after the year",
  "after my", "finish" }
local PILLS_WITH_HER2 = herald.fixed {
  text = {
    "Usually, yes. Hormone pills such as anastrozole, letrozole or tamoxifen often start after chemo ends, and they are taken at the same time as trastuzumab (Herceptin). There is no need to wait for the year of HER2 treatment to finish.",
    "The two work in different ways: the HER2 drug blocks HER2, and the pill blocks the hormones that feed the cancer. Radiation can go on at the same time too.",
    "Your team decides the start date for you. Next step: ask when your hormone pills should begin, and how long you will take them.",
  },
  sources = { "acs-hormone-tx" },
  suggest = { "How long do I take hormone pills?", "What are the side effects of hormone therapy?", "What is triple-positive breast cancer?" },
}
-- A HER2 drug with a hormone pill and no chemo, asked as "is that proper
-- treatment or are they giving up" (clinical review 2026-12-07d: it got the
-- drug-mixing card): drugs.lua's drug.her2_with_pill answers it.
local NOT_REAL = { "real treatment", "proper treatment", "actual treatment", "comfort care", "giving up", "given up",
  "give up on", "just palliative", "only palliative", "doing nothing", "not really treating" }
herald.on("life.interactions", function(q)
  if q:mentions(NOT_REAL) and q:mentions(HORMONE_PILLS) and q:mentions(HER2_NAMES) then
    return herald.hand_over("drug.her2_with_pill")
  end
  if q:mentions(THINNERS) then return blood_thinners(q) end
  if q:mentions(TAMOXIFEN_SAID) and q:mentions(HOT_SAID) then return TAMOXIFEN_HOT_FLASHES end
  -- Tamoxifen named in the question, or the drug of the conversation ("is my
  -- antidepressant ok with it?" after a card on tamoxifen).
  if (q:mentions(TAMOXIFEN_SAID) or q:slot("drug") == "tamoxifen") and q:mentions(ANTIDEPRESSANTS) then
    return TAMOXIFEN_ANTIDEPRESSANT
  end
  local own = OWN:get(q)
  if q:mentions(HORMONE_PILLS) and q:mentions(HER2_NAMES) and q:mentions(WHEN_TO_START) then return PILLS_WITH_HER2 end
  if not own and q:mentions(HER2_NAMES) and q:mentions(PARTNER_NAMES) then
    return { text = { PLANNED, INTERACTIONS.text[#INTERACTIONS.text] }, sources = { "acs-targeted-life", "label-tucatinib", "nci-cam" },
      suggest = INTERACTIONS.suggest }
  end
  if not own then return INTERACTIONS end
  local text = {}
  for _, s in ipairs(own) do text[#text + 1] = s end
  text[#text + 1] = INTERACTIONS.text[1]
  text[#text + 1] = INTERACTIONS.text[2]
  text[#text + 1] = INTERACTIONS.text[#INTERACTIONS.text]
  return { text = text, sources = { OWN_SOURCES[q:slot("drug")], "nci-cam" }, suggest = INTERACTIONS.suggest }
end)

-- Drinking enough (water, fluids) is a diet question with its own answer.
local FLUIDS = {
  text = {
    "Drinking enough helps your body during treatment. Many teams suggest about 8 to 10 cups of fluid a day, unless they give you a different goal.",
    "Water, milk, juice, soup and drinks without caffeine all count. Sip through the day, and keep a bottle close by.",
    "You need more if you have diarrhea, vomiting or a fever. Some heart or kidney problems need less, so follow your team's advice.",
    "Call your care team if you can't keep fluids down, feel dizzy, or pass only a little dark urine.",
    "Next step: ask your team how much you should drink each day.",
  },
  sources = { "oncolink-fluids", "nci-eating" },
  suggest = { "What should I eat during chemo?", "How do I manage diarrhea?", "Can I drink alcohol during treatment?" },
}

local DIET = {
  text = {
    "No special diet treats HER2-positive cancer, and no food cures it.",
    "A mix of vegetables, fruit, whole grains, beans and lean protein helps you stay strong. Sugar does not feed cancer directly, and soy foods are safe to eat.",
    "During chemo, avoid raw or undercooked meat, eggs and fish, since infections are a risk.",
    "If you have no appetite, or you are losing or gaining weight, a dietitian can help.",
    "Next step: ask your care team to refer you to a cancer dietitian.",
  },
  sources = { "nci-eating", "nci-appetite" },
  suggest = { "How can I manage nausea?", "Can I drink alcohol during treatment?", "Can supplements interact with my treatment?" },
}

herald.on("life.diet", function(q)
  local t = q.text
  if t:find("water") or t:find("fluid") or t:find("hydrat") or t:find("liquid") or t:find("coffee") or t:find("caffeine")
      or t:find("what %a+ i drink") then
    return FLUIDS
  end
  return DIET
end)

-- Travel with lymphedema, or with an arm at risk of it: asked outright ("can I fly with my
-- swollen arm") or as a follow-up to the lymphedema answer ("can I fly with it": q.previous).
-- Cited: NCI's lymphedema page (the English OncoLink travel page could not be
-- confirmed; the Spanish-path copy was dropped after the clinician review).
src("nci-lymph", "Lymphedema and Cancer Treatment", "National Cancer Institute",
  "https://www.cancer.gov/about-cancer/treatment/side-effects/lymphedema")
local LYMPH = { "lymphedema", "lymphoedema", "swollen arm", "arm swelling", "arm is swollen", "compression sleeve",
  "nodes removed", "nodes out", "nodes taken", "node removed", "node biopsy", "removed nodes", "lymph nodes", "axillary",
  "arm at risk" }

herald.on("life.travel", function(q)
  if q.previous == "se.lymphedema" or q:mentions(LYMPH) then
    local during = q:mentions({ "treatment", "chemo", "infusion", "herceptin", "phesgo", "cycle" })
    return {
      text = {
        "Yes, most people with lymphedema, or an arm at risk of it, can fly. Do not skip a trip out of fear."
          .. (during and " During treatment, plan the trip around your treatment dates and blood counts." or ""),
        "If you have a compression sleeve, ask your lymphedema therapist whether to wear it on the plane. Get up and move your arm often, and lift bags with your other arm.",
        "Call your care team if the arm gets red, hot or much more swollen on the trip, since that can mean an infection.",
        "Next step: ask your therapist before you go whether your sleeve fits well for a long flight.",
      },
      sources = { "nci-lymph", "nci-infection" },
      suggest = { "What is lymphedema?", "How do I avoid infection during chemo?", "Can I get vaccines during treatment?" },
    }
  end
  return {
    text = {
      "Many people can travel during treatment with some planning.",
      "Plan trips around your treatment dates and blood counts. Take your medicines, a list of your drugs, and your care team's phone number.",
      "On long trips, get up and walk, and drink water, to lower the risk of blood clots.",
      "Next step: ask your care team before you book, and find a hospital near where you will stay.",
    },
    sources = { "nci-infection", "nci-coping" },
    suggest = { "Can I get vaccines during treatment?", "How do I avoid infection during chemo?", "Can I keep working during treatment?" },
  }
end)

herald.answer("life.sex", {
  text = {
    "Treatment, mainly chemo and hormone therapy, can lower sex drive and cause vaginal dryness or pain.",
    "Water- or silicone-based lubricants and vaginal moisturizers can help. Ask before using hormone creams.",
    "Sex is usually fine during treatment. Use birth control, since pregnancy must be avoided on HER2 drugs, and use condoms for a few days after chemo.",
    "Next step: talk with your partner, and ask your care team. Many clinics can help with this.",
  },
  sources = { "acs-sexual", "nci-se" },
  suggest = { "Can I get pregnant after breast cancer?", "What are hormone therapy side effects?", "Where can I find counselling?" },
})
