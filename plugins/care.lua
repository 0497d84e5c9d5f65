-- Living through chemotherapy and beyond: the kinds of chemo and how chemo
-- differs from targeted and hormone therapy, chemo at home (family safety,
-- body fluids), "is cancer contagious" and needle-stick worries, eating and
-- weight, infection precautions, caregivers' own exhaustion, unproven
-- remedies, and keeping fertility before treatment. Drug-by-drug facts live in
-- plugins/drugs.lua. Intents: intents/care.intents.
herald.about { title = "Chemotherapy and daily care", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
local CNET = "Cancer.Net (American Society of Clinical Oncology)"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-chemo-work", "How Chemotherapy Drugs Work", ACS,
  "https://www.cancer.org/cancer/managing-cancer/treatment-types/chemotherapy/how-chemotherapy-drugs-work.html")
src("acs-chemo-bc", "Chemotherapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/chemotherapy-for-breast-cancer.html")
src("acs-targeted", "Targeted Drug Therapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html")
src("acs-hormone", "Hormone Therapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/hormone-therapy-for-breast-cancer.html")
src("roswell-home", "Chemotherapy Safety at Home: Guidelines for Patients, Their Caregivers and Loved Ones", "Roswell Park Comprehensive Cancer Center",
  "https://www.roswellpark.org/cancertalk/201806/chemotherapy-safety-home-guidelines-patients-their-caregivers-loved-ones")
src("acs-contagious", "Is Cancer Contagious?", ACS,
  "https://www.cancer.org/cancer/risk-prevention/understanding-cancer-risk/is-cancer-contagious.html")
src("niosh-blood", "Bloodborne Infectious Disease Risk Factors", "National Institute for Occupational Safety and Health (CDC)",
  "https://www.cdc.gov/niosh/healthcare/risk-factors/bloodborne-infectious-diseases.html")
src("nci-appetite", "Appetite Loss and Cancer Treatment", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/appetite-loss")
src("nci-eating", "Eating Hints: Before, during, and after Cancer Treatment", NCI,
  "https://www.cancer.gov/publications/patient-education/eating-hints")
src("cnet-weight", "Weight Gain", CNET,
  "https://www.cancer.net/coping-with-cancer/physical-emotional-and-social-effects-cancer/managing-physical-side-effects/weight-gain")
src("nci-infection", "Infection and Neutropenia during Cancer Treatment", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/infection")
src("acs-caregiver", "Taking Care of Yourself When You're a Cancer Caregiver", ACS,
  "https://www.cancer.org/cancer/caregivers/what-a-caregiver-does/taking-care-of-yourself.html")
src("nci-caregivers", "Support for Caregivers of Cancer Patients", NCI,
  "https://www.cancer.gov/about-cancer/coping/caregiver-support")
src("nci-myths", "Common Cancer Myths and Misconceptions", NCI,
  "https://www.cancer.gov/about-cancer/causes-prevention/risk/myths")
src("nci-cam", "Complementary and Alternative Medicine", NCI, "https://www.cancer.gov/about-cancer/treatment/cam")
src("nci-trials", "What Are Clinical Trials?", NCI, "https://www.cancer.gov/about-cancer/treatment/clinical-trials/what-are-trials")
src("asco-fertility", "ASCO updates guideline for fertility preservation in people with cancer (2025)", "The ASCO Post",
  "https://ascopost.com/issues/april-25-2025/asco-updates-guideline-for-fertility-preservation-in-people-with-cancer")
src("nci-fertility", "Fertility Issues in Girls and Women with Cancer", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-women")
src("cmaj-fertility", "Fertility preservation in women with breast cancer (CMAJ 2020)", "Canadian Medical Association Journal",
  "https://pmc.ncbi.nlm.nih.gov/articles/PMC7458684/")

herald.answer("care.treatment_kinds", {
  text = {
    "Chemo attacks cells that divide fast. It kills cancer cells but also harms fast-growing healthy cells, which is why it can cause hair loss, mouth sores and low blood counts.",
    "Targeted therapy acts on one feature of the cancer. HER2 drugs such as trastuzumab (Herceptin) lock onto the HER2 protein, so they spare most healthy cells, though they have their own side effects, such as on the heart.",
    "Hormone therapy, such as tamoxifen or an aromatase inhibitor, stops estrogen from feeding the cancer. It only helps cancer that is hormone receptor-positive.",
    "Many people get more than one kind. Next step: ask your team what each drug in your plan does.",
  },
  sources = { "acs-chemo-work", "acs-targeted", "acs-hormone" },
  suggest = { "What types of chemo are there?", "Is Herceptin chemo?", "Do I need hormone therapy?" },
})

herald.answer("care.home_safety", {
  text = {
    "Being close to your family during chemo is safe. Hugs, kisses and shared meals are fine, and cancer can't be caught.",
    "For about 2 days after each chemo dose, some of the drug leaves the body in urine, stool, vomit and other body fluids. In that time, close the lid and flush twice, wash your hands well, and have anyone who cleans up body fluids or soiled laundry wear gloves. Wash soiled laundry right away, on its own.",
    "Use a condom during sex for a few days after chemo. Anyone who is pregnant should not handle body fluids or chemo pills.",
    "Next step: ask your nurse how long these steps apply to your drugs, since it varies.",
  },
  sources = { "roswell-home", "acs-contagious" },
  suggest = { "Is cancer contagious?", "How do I avoid infection during chemo?", "Can I have sex during treatment?" },
})

local CONTAGIOUS = {
  "No. Cancer is not contagious. You can't catch it by touching, hugging, kissing, sharing food or sex, or by breathing the same air. A healthy immune system destroys cancer cells from another person.",
  "When cancer runs in a family, it is because of shared genes or habits, not because it passed between people.",
}
local NEEDLE = {
  "Cancer can't spread to you through a needle or through blood from someone who has it: it is not contagious.",
  "But any used needle can carry germs that live in blood, such as hepatitis B, hepatitis C or HIV, even if the risk is small. Wash the spot well with soap and water right away.",
  "Then call your own doctor the same day. Some treatments that prevent infection work best when started within hours.",
  "Next step: if you give shots at home, ask the nurse for a sharps container and how to use it.",
}

-- Giving blood: the American Red Cross takes people treated for a solid cancer
-- such as breast cancer once treatment ended over 12 months ago with no return;
-- other blood services set their own rules.
src("mayo-donors", "New eligibility guidelines for blood donors with previous cancer diagnoses", "Mayo Clinic Laboratories",
  "https://news.mayocliniclabs.com/2017/08/08/new-eligibility-guidelines-blood-donors-previous-cancer-diagnoses/")
src("redcross-eligibility", "Blood donor eligibility: chronic illness, medications and cancer", "American Red Cross",
  "https://www.redcrossblood.org/local-homepage/news/article/healthy-donors-eligibility-questions-rcbs.html")

herald.answer("care.blood_donation", {
  text = {
    "You cannot give blood during treatment. In the US, the American Red Cross accepts people who had breast cancer once treatment ended more than 12 months ago and the cancer has not come back.",
    "If you still take hormone pills or other treatment, or your cancer has spread, ask the blood service before you book. Rules differ from one blood service or country to another.",
    "No case of cancer passed on by a blood transfusion has been reported, and blood services check every donor's health on the day.",
    "Next step: call the blood service and tell them your treatment dates.",
  },
  sources = { "redcross-eligibility", "mayo-donors" },
  suggest = { "Is cancer contagious?", "What follow-up care will I need?", "Can I exercise after treatment?" },
})

herald.on("care.contagious", function(q)
  local t = q.text
  local needle = t:find("needle") or t:find("prick") or t:find("stick") or t:find("sharps") or t:find("blood")
    or t:find("syringe") or t:find("lancet") or t:find("injection")
  if needle then
    return { text = NEEDLE, sources = { "nci-myths", "acs-contagious", "niosh-blood" },
      suggest = { "Is it safe for my family to be around me during chemo?", "How do I avoid infection during chemo?", "Is breast cancer hereditary?" } }
  end
  local text = { CONTAGIOUS[1], CONTAGIOUS[2],
    "Next step: keep hugging and spending time with the person who has cancer. Closeness helps." }
  return { text = text, sources = { "nci-myths", "acs-contagious" },
    suggest = { "Is it safe for my family to be around me during chemo?", "Is breast cancer hereditary?", "How can I help my wife with breast cancer?" } }
end)

herald.answer("care.eating", {
  text = {
    "Many people eat less during chemo because of nausea, taste changes, mouth sores or tiredness. Small meals or snacks every 2 to 3 hours often work better than three big meals.",
    "Pick foods with lots of calories and protein in each bite, such as eggs, yogurt, cheese, nut butters, beans and milkshakes. Nutrition drinks can fill gaps. Ask before adding protein powder, vitamins or other supplements, since some don't suit everyone or mix badly with treatment.",
    "A cancer dietitian can make a plan with you, and the care team can treat nausea or mouth sores that get in the way. Tell them about weight loss, or if eating or drinking has been hard for more than a day or two.",
    "Next step: ask the care team for a referral to a dietitian.",
  },
  sources = { "nci-appetite", "nci-eating" },
  suggest = { "How can I manage nausea?", "What should I drink during chemo?", "Can supplements interact with my treatment?" },
})

herald.answer("care.weight_gain", {
  text = {
    "Gaining weight is common during and after breast cancer treatment. More than half of people with breast cancer gain some. Chemo, the steroids given with it, hormone pills, early menopause, being tired and moving less all play a part.",
    "It helps to fill most of your plate with vegetables, fruit, whole grains and beans. Cut back on sugary drinks and alcohol. Move more, with both walking and exercise that builds strength.",
    "A healthy weight after treatment is linked with better health. A dietitian or an exercise program for people after cancer can help you make a plan. Fast weight gain with swelling is different: tell your team about it.",
    "Next step: ask your care team whether any of your medicines add to weight gain.",
  },
  sources = { "cnet-weight", "nci-eating" },
  suggest = { "Can I exercise during treatment?", "What should I eat during treatment?", "What are hormone therapy side effects?" },
})

local INFECTION = {
  text = {
    "Chemo can lower your white blood cells for a while, so germs can make you sick more easily.",
    "Wash your hands often, carry hand gel, and keep away from people who are sick and from crowds when your counts are low. Cook meat, eggs and fish well, and wash fruit and vegetables.",
    "Let someone else clean up after pets, such as a litter box or bird cage, and wear gloves for gardening. Ask your team before dental work, any vaccine, or a new tattoo or piercing.",
    "Call your care team right away for a fever of 100.4 F (38 C) or higher, or chills. Next step: keep a thermometer at home.",
  },
  sources = { "nci-infection" },
  suggest = { "What does low white blood cells mean?", "Can I get vaccines during treatment?", "Is it safe for my family to be around me during chemo?" },
}

-- Tattoos, piercings, hot tubs, lakes, salons: anything that breaks the skin or
-- soaks it in warm, shared water is a way in for germs while counts are low.
local SKIN_AND_WATER = { "tattoo", "piercing", "pierced", "hot tub", "jacuzzi", "spa pool", "manicure", "pedicure",
  "nail salon", "nails done", "swimming pool", "swim", "lake", "river", "ocean", "sea " }
local SKIN_AND_WATER_TEXT = {
  "A tattoo or piercing breaks the skin, so it can let germs in. Most teams suggest waiting until treatment is over and your blood counts are back to normal. Ask your team first.",
  "Hot tubs, lakes and rivers can carry germs, so skip them while your counts are low. Do not swim, use a hot tub or soak in a bath with a PICC line. With a port, or when your counts are low, ask before you swim.",
  "At a nail salon, skip cutting the cuticles, and bring your own tools if you can.",
  "Call your care team right away for a fever of 100.4 F (38 C) or higher. Next step: ask when your counts are lowest in each cycle.",
}

-- A family member's nasal spray (live) flu vaccine, told with a question about
-- germs or visits (probe 12): life.vaccines holds the family vaccine card.
local NASAL_SAID = { "nasal", "nose spray", "flumist", "flu mist", "spray flu", "live vaccine", "vaccin" }
herald.on("care.infection", function(q)
  if q:mentions(NASAL_SAID) then return herald.hand_over("life.vaccines") end
  if q:mentions(SKIN_AND_WATER, " " .. (q.message or q.text) .. " ") then
    return { text = SKIN_AND_WATER_TEXT, sources = INFECTION.sources, suggest = INFECTION.suggest }
  end
  return INFECTION
end)

src("dol-fmla", "Family and Medical Leave Act", "U.S. Department of Labor", "https://www.dol.gov/agencies/whd/fmla")
-- A caregiver asking for leave (probe 9, R080; life.work hands it over too): FMLA covers
-- caring for a spouse, child or parent with a serious health condition, up to
-- 12 unpaid weeks in 12 months, and may be taken intermittently when medically
-- needed (US Department of Labor, Fact Sheet 28); "spouse" includes same-sex
-- marriages. Employers with 50 or more workers; a year and 1,250 hours worked.
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
-- A partner one is not married to is not covered by federal FMLA (spouse,
-- child or parent only: Fact Sheet 28); some states' family leave laws cover
-- partners (clinical review 2026-12-07c, item 3).
local PARTNER = { "my partner", "my boyfriend", "my girlfriend", "my fiance", "my fiancee", "my fiancé", "my fiancée" }
local SPOUSE = { "my wife", "my husband", "my spouse", "we're married", "we are married" }
local UNMARRIED = { "not married", "aren't married", "arent married", "unmarried", "not legally married", "never married" }
local FMLA_PARTNER = {
  "Federal FMLA lets many workers take unpaid, job-protected leave to care for a seriously ill spouse, child or parent. A partner you are not married to is not covered by it.",
  "Some states' family leave laws do cover partners, some with pay, and your employer may allow leave anyway.",
  "Next step: ask HR what leave you can take, and ask the cancer center's social worker about your state's family leave.",
}
local FMLA_CAREGIVER = {
  "Often, yes. In the US, the Family and Medical Leave Act, or FMLA, lets many workers take up to 12 weeks a year of unpaid leave to care for a seriously ill spouse, child or parent, and keep their job and health insurance.",
  "The leave can be taken a day or a few hours at a time, such as for each treatment, when the care calls for it. Every married couple counts, same-sex spouses too. It applies if you have worked there at least a year and about 1,250 hours in that year, and your employer has 50 or more workers within 75 miles. HR can tell you if you qualify.",
  "Your employer can ask for a form from the doctor. Some states also have paid family leave.",
  "Next step: ask HR for the FMLA forms, and ask the oncology office to fill in the doctor's part.",
}

-- The caregiver's employer told as small (clinical review 2026-12-07d: "works
-- at a place with 40 employees, can he take FMLA" got "Often, yes"): federal
-- FMLA covers private employers with 50 or more workers (Fact Sheet 28), so
-- then the card says so and points to state family leave laws, some of which
-- reach smaller employers and pay. life.work's own small-employer card is for
-- the worker's own treatment; this one is the carer's.
local SMALL_SAID = { "small business", "small company", "small firm", "small office", "small shop", "small employer",
  "small practice", "family business", "family-run", "fewer than 50", "less than 50", "under 50", "fewer than fifty",
  "less than fifty", "under fifty", "few employees", "few workers" }
local STAFF_WORDS = { employees = true, employee = true, workers = true, worker = true, people = true, staff = true,
  persons = true, ppl = true, emps = true, coworkers = true }
local function small_employer(q)
  local msg = (q.message or q.text):lower()
  for pos, n in msg:gmatch("()(%d+)") do
    local word = msg:sub(pos + #n):match("^%s*(%a*)") or ""
    if STAFF_WORDS[word] then return tonumber(n) < 50 end
  end
  return q:mentions(SMALL_SAID)
end
local FMLA_CAREGIVER_SMALL = {
  "Probably not under the federal law. The Family and Medical Leave Act, or FMLA, gives unpaid, job-protected leave to care for a seriously ill spouse, child or parent, but only at workplaces with 50 or more workers within 75 miles. With fewer than 50, the employer usually does not have to give it.",
  "Many states have their own family leave laws, and some reach smaller employers or give paid leave. The employer may also agree to time off or a changed schedule anyway.",
  "Next step: ask HR what leave is possible, and ask the cancer center's social worker about your state's family leave.",
}

local CAREGIVER = {
  text = {
    "Caring for someone with cancer is hard work. Feeling worn out, sad, angry or guilty at times is common, and looking after yourself helps you both.",
    "Say yes when people offer help, and give them a real job: meals, rides, or sitting with your loved one so you can rest. Respite care, from family, volunteers or a paid aide, gives you a proper break.",
    "Keep your own doctor visits, and sleep, eat and move when you can. Caregiver support groups, counselling and the cancer center's social worker can help, and CancerCare offers free support.",
    "Next step: tell the care team how you are doing, and ask the social worker about respite and caregiver support.",
  },
  sources = { "acs-caregiver", "nci-caregivers" },
  suggest = { "Where can I find support groups?", "Can I get counselling?", "Is there help with costs?" },
}
-- Leave to care for someone: the FMLA card, or its partner form. Also the
-- answer life.work hands over (herald.hand_over) when a work question is a
-- caregiver's, so it is written only here.
local function caregiver_leave(q)
  return { text = ((q:mentions(PARTNER) and not q:mentions(SPOUSE)) or q:mentions(UNMARRIED)) and FMLA_PARTNER
    or (small_employer(q) and FMLA_CAREGIVER_SMALL) or FMLA_CAREGIVER, sources = { "dol-fmla-28", "dol-fmla" },
    suggest = { "How can I look after myself as a caregiver?", "Where can I find support groups?",
      "Is there help with costs?" } }
end
herald.on("care.caregiver_leave", caregiver_leave)
herald.on("care.caregiver", function(q)
  -- Leave asked in the question itself, not told in the story ("I took leave
  -- from work ... how do other husbands do this?" asks how carers cope).
  if q:mentions(CARE_FOR) and q:mentions(LEAVE, q.text) then return caregiver_leave(q) end
  return CAREGIVER
end)

-- Fear of addiction to pain medicine (probe 9, R079): with cancer pain, opioids
-- taken as prescribed rarely lead to addiction; a body used to the medicine is not
-- addiction; a past addiction in the person or family is planned for; radiation,
-- bone drugs and other medicines can ease bone pain; palliative care at any stage.
src("nci-pain", "Cancer Pain (PDQ), Patient Version", NCI,
  "https://www.cancer.gov/about-cancer/treatment/side-effects/pain/pain-pdq")
src("mskcc-opioids", "Will I become addicted to the pain medications I may need during my cancer treatment?",
  "Memorial Sloan Kettering Cancer Center",
  "https://www.mskcc.org/blog/will-i-become-addicted-pain-medications-i-may-need-during-my-treatment")
herald.answer("care.pain_addiction", {
  text = {
    "This fear is common, and it is worth saying out loud. When opioids are taken for cancer pain the way the doctor prescribes, addiction is rare. Your body getting used to the medicine is normal, and it is not the same as addiction.",
    "Tell your team about any addiction in you or your family. They can plan for it, with one prescriber, a set schedule, close checks and a support person. Pain that is not treated makes sleep, eating and daily life harder.",
    "Other things help too. For cancer in the bones, radiation to a painful spot, bone drugs and other pain medicines can cut how much opioid is needed, and the dose can be set so you stay alert. A palliative care team is expert at this, at any stage.",
    "Next step: ask for a palliative care or pain specialist visit, and tell them what worries you.",
  },
  sources = { "nci-pain", "mskcc-opioids" },
  suggest = { "What is palliative care?", "How is cancer in the bones treated?", "Can I get counselling?" },
})

herald.answer("care.unproven", {
  text = {
    "Many substances kill cancer cells in a lab dish or in animals, but most of them never work, or are not safe, in people. A news story, website or seller is not proof.",
    "Unproven remedies can cause harm, cost a lot, and some interfere with chemo or HER2 drugs. Using one instead of proven treatment can give the cancer time to grow.",
    "If a new substance is promising, a clinical trial is the safe way to try it, with doctors watching closely.",
    "Next step: bring the name of the product to the oncologist or pharmacist and ask what is known about it.",
  },
  sources = { "nci-cam", "nci-trials" },
  suggest = { "What are clinical trials?", "Can supplements interact with my treatment?", "Can yoga or acupuncture help?" },
})

herald.answer("care.fertility_preservation", {
  text = {
    "If you may want children later, talk about it before treatment starts, because chemo can harm the ovaries. Ask for a visit with a fertility specialist as soon as possible.",
    "Freezing eggs or embryos is the best-proven option. It takes about 2 weeks, and it can often start at any time in your cycle. For breast cancer, doctors often add a pill such as letrozole to keep estrogen low while this is done.",
    "A monthly shot that rests the ovaries during chemo, such as goserelin (Zoladex), may help protect them. It is used along with freezing, not in place of it. Freezing a piece of ovary is another choice.",
    "Next step: ask your oncologist for a fertility referral now, and how much time you have before treatment must start.",
  },
  sources = { "asco-fertility", "nci-fertility", "cmaj-fertility" },
  suggest = { "Can I get pregnant after breast cancer?", "Does chemo affect fertility?", "What birth control can I use during treatment?" },
})

-- The port ------------------------------------------------------------------------------------
-- What a port is, its care, and the signs that need a call (infection, clot).
src("cdc-port", "Caring for Your Catheter or Port", "Centers for Disease Control and Prevention (Preventing Infections in Cancer Patients)",
  "https://www.preventcancerinfections.org/health-tip-sheet/caring-your-catheter-or-port")
src("port-flush", "Extending the flushing interval of implanted ports in breast cancer (Frontiers in Oncology, 2022)", "Frontiers in Oncology",
  "https://www.frontiersin.org/journals/oncology/articles/10.3389/fonc.2022.1021488")

-- Whether it hurts: asked outright ("does getting a port hurt") or as a follow-up to this answer
-- ("does it hurt?", routed here with the earlier turn's topic: docs/intents.md, Conversation).
src("seer-port", "Port (implanted port)", "National Cancer Institute, SEER Training",
  "https://seer.cancer.gov/seertools/glossary/brief/546a1948e4b0d96583293366/")
src("port-placement", "Implanted Venous Access Port", "Health Library (healthlibrary.wkhs.com)",
  "https://healthlibrary.wkhs.com/home/implanted-venous-access-port")
local PAIN = { "hurt", "pain", "sore", "painful", "numb", "sting", "ouch" }
-- Signs of infection or a clot go to the main answer, which says to call.
local WARNING = { "red", "swollen", "swelling", "warm", "hot", "fever", "leak", "pus", "ooz" }

local PORT = {
  text = {
    "A port is a small disc placed under the skin of the upper chest, joined by a thin tube to a large vein. Nurses give treatment and take blood through it, so your arm veins are spared.",
    "Call your care team right away if the skin over the port gets red, swollen, warm or sore, leaks fluid, or if you get a fever or chills: these can be signs of infection. Swelling of the arm, neck or face on that side can mean a clot, so call right away for that too, and call 911 for chest pain or sudden trouble breathing. Itching under the dressing is often from the tape, but tell your nurse.",
    "Between treatments, a nurse flushes the port every 1 to 3 months, depending on your center, so it does not block. It comes out in a short procedure once you no longer need it.",
    "Next step: ask your nurse how to care for the port at home and who to call after hours.",
  },
  sources = { "cdc-port", "port-flush" },
  suggest = { "When should I call my care team?", "How can I avoid infections during chemo?", "What does the first infusion feel like?" },
}

herald.on("care.port", function(q)
  if q:mentions(PAIN) and not q:mentions(WARNING) then
    return {
      text = {
        "Getting a port is a short procedure. The skin is numbed, and you are usually given medicine to help you relax.",
        "Afterwards the spot is often bruised, sore and tender for a few days while it heals. Ask what pain medicine you can take.",
        "Each time the port is used, a nurse puts a special needle through the skin into it. Most people feel a quick pinch or pressure. A numbing cream put on before the visit can take most of that away.",
        "Next step: ask your team about a numbing cream, and call your care team if the spot gets red, warm or more painful.",
      },
      sources = { "port-placement", "seer-port", "cdc-port" },
      suggest = { "What is a port?", "What does the first infusion feel like?", "When should I call my care team?" },
    }
  end
  return PORT
end)


-- The day of an infusion -----------------------------------------------------------------------
src("dfci-first-chemo", "How to Get Ready for Your First Chemotherapy", "Dana-Farber Cancer Institute (medically reviewed)",
  "https://blog.dana-farber.org/insight/2013/04/how-to-get-ready-for-your-first-chemotherapy/")
herald.source("label-paclitaxel")

herald.answer("care.chemo_day", {
  text = {
    "Plan for a long visit the first time. First infusions are given slowly, and the nurses watch you for a reaction.",
    "Bring a list of your medicines, water and snacks, something to do, and a warm layer. Wear a top that opens easily at the neck or sleeve for your port or IV. A light meal before is usually fine unless you are told not to eat.",
    "Bring someone if you can, at least the first time, to keep you company and drive you home. Some medicines given before chemo can make you sleepy.",
    "Next step: ask the infusion nurse how long your first visit will take and whether you can drive afterwards.",
  },
  sources = { "dfci-first-chemo", "label-paclitaxel" },
  suggest = { "What does the first infusion feel like?", "What is a chemo port?", "What are the side effects of chemo?" },
})
