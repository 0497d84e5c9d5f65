-- Plain restatements: what a card gives way to when a follow-up would get it
-- again word for word ("I still don't get it", "and in simple words?", "ok
-- but what does that mean for me"): the engine asks "TOPIC.again" then
-- (core/engine/engine.c, said_again; docs/intents.md, Conversation). Each is
-- the card's facts, shorter and simpler, never new ones; a topic with none
-- here gets an honest line and the card's suggestions instead.
herald.about { title = "Plain restatements", reviewed = "2026-12-07",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

local NCI, ACS = "National Cancer Institute", "American Cancer Society"
herald.source("acs-her2", { title = "Breast Cancer HER2 Status", publisher = ACS,
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html" })
herald.source("acs-survival", { title = "Survival Rates for Breast Cancer", publisher = ACS,
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-survival-rates.html" })
herald.source("nci-metastatic", { title = "Metastatic Cancer: When Cancer Spreads", publisher = NCI,
  url = "https://www.cancer.gov/types/metastatic-cancer" })

herald.answer("testing.positive_meaning.again", {
  text = {
    "In short: the cancer cells have too much of a protein called HER2, and it makes them grow.",
    "That sounds bad, but there are medicines made to block HER2, such as trastuzumab (Herceptin), and they work well.",
    "Your care team can tell you what it means for your own treatment.",
  },
  sources = { "acs-her2" },
  suggest = { "How is HER2-positive breast cancer treated?", "What is Herceptin?", "What questions should I ask my doctor?" },
})

herald.answer("testing.her2_negative.again", {
  text = {
    "In short: the cancer does not have extra HER2, so HER2 medicines such as trastuzumab (Herceptin) are not the ones used.",
    "It is still treated, with other medicines picked from the rest of the report, such as the hormone receptor results.",
    "Your care team can go through your report with you.",
  },
  sources = { "acs-her2" },
  suggest = { "What is hormone receptor status?", "What is HER2-low?", "What questions should I ask my doctor?" },
})

herald.answer("testing.her2_low.again", {
  text = {
    "In short: the cancer has a little HER2, but not enough to count as HER2-positive, so trastuzumab (Herceptin) is not used for it.",
    "If the cancer ever spreads, a drug called trastuzumab deruxtecan (Enhertu) can work for HER2-low cancer.",
    "Your care team can tell you what it means for your plan.",
  },
  sources = { "acs-her2" },
  suggest = { "What is hormone receptor status?", "What is Enhertu?", "What questions should I ask my doctor?" },
})

herald.answer("outlook.survival.again", {
  text = {
    "In short: the numbers are averages from many people who were treated years ago.",
    "They can't tell what will happen to you, and treatment has got better since then.",
    "Your care team knows your case and can tell you what they expect for you.",
  },
  sources = { "acs-survival" },
  suggest = { "Is HER2-positive breast cancer curable?", "What questions should I ask my doctor?", "Where can I find support?" },
})

herald.answer("outlook.loved_one.again", {
  text = {
    "In short: no one can say how long one person has. When the cancer has spread, treatment goes on in steps, one medicine after another, and there are many HER2 medicines now.",
    "Their care team can tell you more, with their permission. Palliative care and support for carers can help you both now.",
  },
  sources = { "nci-metastatic" },
  suggest = { "What is palliative care?", "How can I support my family member?", "How is metastatic HER2-positive breast cancer treated?" },
})

-- "So what now?" after a result's card: the next most useful card is how that
-- cancer is treated, or the result that decides it (TOPIC.more: the engine
-- asks it when the card would be said again word for word, and route_facet.c
-- when the follow-up asks for more with nothing named).
herald.on("testing.positive_meaning.more", function() return herald.hand_over("treatment.overview") end)
herald.on("testing.her2_negative.more", function() return herald.hand_over("testing.hormone_receptor") end)
herald.on("testing.her2_low.more", function() return herald.hand_over("testing.hormone_receptor") end)

herald.answer("testing.what_is_her2.again", {
  text = {
    "In short: HER2 is a protein on breast cells. It tells the cells to grow.",
    "Some breast cancers have too much of it. They are called HER2-positive, and there are medicines that block it.",
    "Your care team can tell you what your test showed.",
  },
  sources = { "acs-her2" },
  suggest = { "What does HER2-positive mean?", "How is HER2-positive breast cancer treated?", "What is Herceptin?" },
})
