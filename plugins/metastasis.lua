-- Breast cancer that has spread to the bones, liver or lungs, and what helps
-- each: whole-body drug treatment first, then bone-modifying drugs, radiation,
-- local treatments and symptom care. The brain has its own answer
-- (treatment.brain_mets in plugins/treatment.lua). Intents: intents/metastasis.intents.
herald.about { title = "Cancer that has spread: bone, liver, lung", reviewed = "2026-12-06",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"

local function src(id, title, publisher, url)
  herald.source(id, { title = title, publisher = publisher, url = url })
end

src("acs-stage4", "Treatment of Stage IV (Metastatic) Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/treatment-of-breast-cancer-by-stage/treatment-of-stage-iv-advanced-breast-cancer.html")
src("acs-bone", "Bone-Directed Therapy for Breast Cancer", ACS,
  "https://www.cancer.org/cancer/types/breast-cancer/treatment/bone-directed-therapy-for-breast-cancer.html")
src("nci-metastatic", "Metastatic Cancer: When Cancer Spreads", NCI, "https://www.cancer.gov/types/metastatic-cancer")
src("nci-palliative", "Palliative Care in Cancer", NCI,
  "https://www.cancer.gov/about-cancer/advanced-cancer/care-choices/palliative-care-fact-sheet")

local SYSTEMIC = "The main treatment is still the medicine that reaches the whole body, such as HER2 drugs, often with chemo or hormone therapy. It treats the cancer wherever it is."

local BONE = ({
  text = {
    "When breast cancer spreads to the bones, it can cause pain and weaken them. " .. SYSTEMIC,
    "Bone-modifying drugs, such as zoledronic acid (Zometa) or denosumab (Xgeva), lower the risk of breaks and bone pain. Radiation to a painful spot often eases the pain within a few weeks, and surgery can make a weak bone stronger.",
    "See a dentist before starting a bone drug, since a rare side effect harms the jaw bone. Your team may also suggest calcium and vitamin D.",
    "Call your care team right away about new back pain with numb or weak legs, or trouble passing urine. Next step: ask your team which bone treatments fit you.",
  },
  sources = { "acs-bone", "acs-stage4" },
  suggest = { "What are bone modifying drugs?", "What are the side effects of bisphosphonates?", "What is palliative care?" },
})

local LIVER = ({
  text = {
    "When breast cancer spreads to the liver, it is treated mostly with medicine that reaches the whole body. For HER2-positive cancer that means HER2 drugs, often with chemo, which can shrink spots in the liver too.",
    "If there are only a few spots, some people also get a local treatment: surgery, destroying a spot with heat or cold (ablation), or focused radiation. These fit only some people, and doctors weigh them case by case.",
    "Blood tests check how well the liver works, since some drugs are hard on it. Tell your team about yellow skin or eyes, dark urine, or pain under the right ribs.",
    "Next step: ask your team whether a local treatment has been considered for you.",
  },
  sources = { "acs-stage4", "nci-metastatic" },
  suggest = { "How is metastatic HER2-positive breast cancer treated?", "What is the usual second line treatment?", "What is palliative care?" },
})

local LUNG = ({
  text = {
    "When breast cancer spreads to the lungs, medicine that reaches the whole body, such as HER2 drugs, is the main treatment. A few spots can sometimes also be treated with surgery or focused radiation.",
    "Fluid can collect around a lung, called a pleural effusion, and make you short of breath. A doctor can drain it with a needle. If it keeps coming back, a small tube can be placed to drain it at home, or the space can be sealed.",
    "Oxygen, breathing exercises and medicines can ease breathlessness, and palliative care helps at any stage. Call your team about a new or worse cough or shortness of breath, and call 911 for severe trouble breathing.",
    "Next step: ask your team what can be done for any symptoms you have now.",
  },
  sources = { "acs-stage4", "nci-metastatic", "nci-palliative" },
  suggest = { "How is metastatic HER2-positive breast cancer treated?", "What is palliative care?", "What are the lung side effects of Enhertu?" },
})

-- HER2-low told with the spread (probe 9): the whole-body treatment is not the
-- HER2-positive one (Enhertu label: HER2-low after chemo for the spread cancer,
-- or hormone receptor-positive after hormone therapy). The site's own local
-- care stays; the line about HER2 drugs gives way to this one.
herald.source("label-tdxd")
local LOW_SAID = { "her2 low", "her2-low", "her 2 low", "her two low", "her2low", "low her2", "low her 2" }
local LOW_LINE = "With HER2-low cancer, trastuzumab (Herceptin) and pertuzumab (Perjeta) are not used. The whole-body treatment follows the hormone receptor results: hormone therapy or chemo first, and T-DXd (Enhertu) once hormone therapy has stopped working or after chemo."
local function with_low(card, intro)
  return function(q)
    if not q:mentions(LOW_SAID) or q:mentions({ "her2 positive", "her2-positive", "her2+", "3+" }) then return card end
    local text = { intro, LOW_LINE }
    for i = 2, #card.text do text[#text + 1] = card.text[i] end
    local srcs = { "label-tdxd" }
    for _, id in ipairs(card.sources) do srcs[#srcs + 1] = id end
    return { text = text, sources = srcs, suggest = card.suggest }
  end
end
herald.on("mets.bone", with_low(BONE, "When breast cancer spreads to the bones, it can cause pain and weaken them."))
herald.on("mets.liver", with_low(LIVER, "When breast cancer spreads to the liver, it is treated mostly with medicine that reaches the whole body."))
herald.on("mets.lung", with_low(LUNG, "When breast cancer spreads to the lungs, medicine that reaches the whole body is the main treatment."))
