-- Conversation: greetings, thanks, goodbyes, what herald can do, and the fallback.
herald.about { title = "Conversation", reviewed = "2026-11-22",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

-- Even a greeting says where herald's information comes from.
herald.source("nci-breast", { title = "Breast Cancer, Patient Version", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/types/breast" })
local ABOUT = { "nci-breast" }

local topics = {
  "What does HER2-positive mean?",
  "How is HER2-positive breast cancer treated?",
  "Where can I find support?",
}

herald.answer("conversation.greeting", {
  text = "Hello. I can help with questions about HER2-positive breast cancer: tests, treatments, "
      .. "side effects and support. What would you like to ask?",
  sources = ABOUT,
  suggest = topics,
})

herald.answer("conversation.thanks", {
  text = "You're welcome. I'm glad it helped. Ask me anything else you want to know.",
  sources = ABOUT,
  suggest = topics,
})

herald.answer("conversation.goodbye", {
  text = "Take care. I'm glad to help any time you have a question about HER2-positive breast cancer.",
  sources = ABOUT,
  suggest = topics,
})

herald.answer("conversation.capabilities", {
  text = {
    "I give general information about HER2-positive breast cancer.",
    "You can ask me about HER2 tests, treatment and drugs, side effects, daily life, and where to find support.",
    "I can't give personal medical advice. Your care team knows your case best.",
  },
  sources = ABOUT,
  suggest = {
    "What does HER2-positive mean?",
    "What are the side effects of Herceptin?",
    "Where can I find support groups?",
  },
})

herald.answer("conversation.human", {
  text = {
    "I'm not a person. I'm herald, a computer program that answers questions about HER2-positive breast cancer.",
    "I can share general information, but I can't see your records or give medical advice.",
    "For questions about your own care, talk with your care team.",
  },
  speech = "I'm not a person. I'm herald, a computer program that answers questions about her two positive "
    .. "breast cancer. I can share general information, but I can't see your records or give medical advice. "
    .. "For questions about your own care, talk with your care team.",
  sources = ABOUT,
  suggest = topics,
})

herald.answer("conversation.creator", {
  text = {
    "I'm herald. The clinic or group that runs this chat set me up to answer common questions about HER2-positive breast cancer.",
    "My answers are written in plain words from trusted sources, like the National Cancer Institute, the American Cancer Society and the drug labels. Each answer lists its sources.",
    "Your care team is the best place for questions about your own care.",
  },
  speech = "I'm herald. The clinic or group that runs this chat set me up to answer common questions about "
    .. "her two positive breast cancer. My answers are written in plain words from trusted sources, like the "
    .. "National Cancer Institute, the American Cancer Society and the drug labels. Each answer lists its "
    .. "sources. Your care team is the best place for questions about your own care.",
  sources = { "nci-breast", "acs-breast" },
  suggest = topics,
})

herald.source("acs-breast", { title = "Breast Cancer", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer.html" })
herald.source("nci-types", { title = "Cancer Types", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/types" })
herald.source("nci-contact", { title = "Contact Us: Cancer Information Service", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/contact" })
herald.source("medlineplus", { title = "Health Topics", publisher = "MedlinePlus, U.S. National Library of Medicine",
  url = "https://medlineplus.gov/healthtopics.html" })
herald.source("medlineplus-pets", { title = "Pet Health", publisher = "MedlinePlus, U.S. National Library of Medicine",
  url = "https://medlineplus.gov/pethealth.html" })
herald.source("medlineplus-fever", { title = "Fever", publisher = "MedlinePlus, U.S. National Library of Medicine",
  url = "https://medlineplus.gov/ency/article/003090.htm" })

local HER2_TOPICS = {
  "What does HER2-positive mean?",
  "How is HER2-positive breast cancer treated?",
  "Where can I find support?",
}

-- The fallback: questions no intent matched, and questions about other cancers
-- or other illnesses (intents/scope.intents), which arrive with the slot that
-- names what was asked about.
herald.on("fallback", function(q)
  local cancer = q.slots.scope_cancer or q.slots.scope_site_cancer
  local illness = q.slots.scope_illness or q.slots.scope_medicine
  local other = q.slots.scope_not_patient
  if other == "your pet" then
    return {
      text = {
        "I'm sorry, I only know about HER2-positive breast cancer, so I can't help with your pet's health.",
        "A vet can help. If your pet seems very unwell, call a vet or an animal emergency clinic now.",
      },
      sources = { "medlineplus-pets" },
      suggest = HER2_TOPICS,
    }
  elseif other == "your child" then
    return {
      text = {
        "I'm sorry, I only know about HER2-positive breast cancer, so I can't give advice about a young child's health.",
        "Call your child's doctor or nurse line. A baby under 3 months with a temperature of 100.4 F (38 C) or higher needs a doctor right away. Call 911 if the child has trouble breathing, is very hard to wake, or you are very worried.",
        "If you are having cancer treatment yourself and feel unwell too, call your own care team.",
      },
      sources = { "medlineplus-fever" },
      suggest = HER2_TOPICS,
    }
  end
  if cancer then
    return {
      text = {
        "I'm sorry, I only know about HER2-positive breast cancer. So I can't answer questions about " .. cancer .. ".",
        "The National Cancer Institute can help. Visit cancer.gov, or call 1-800-4-CANCER (1-800-422-6237) to talk with a cancer expert.",
        "Your doctor is also a good person to ask.",
      },
      speech = "I'm sorry, I only know about her two positive breast cancer. So I can't answer questions about "
        .. cancer .. ". The National Cancer Institute can help. Visit cancer dot gov, or call "
        .. "1 800 4 CANCER, that is 1 800 422 6237, to talk with a cancer expert. "
        .. "Your doctor is also a good person to ask.",
      sources = { "nci-types", "nci-contact" },
      suggest = HER2_TOPICS,
    }
  elseif illness then
    return {
      text = {
        "I'm sorry, I only know about HER2-positive breast cancer. So I can't answer questions about " .. illness .. ".",
        "Your doctor or pharmacist can help. MedlinePlus, from the U.S. National Library of Medicine, also has plain-language health information.",
        "If you have breast cancer too, you can ask me how it fits with your cancer care.",
      },
      speech = "I'm sorry, I only know about her two positive breast cancer. So I can't answer questions about "
        .. illness .. ". Your doctor or pharmacist can help. MedlinePlus, from the U S National Library of "
        .. "Medicine, also has plain-language health information. If you have breast cancer too, you can ask "
        .. "me how it fits with your cancer care.",
      sources = { "medlineplus" },
      suggest = HER2_TOPICS,
    }
  end
  return {
    text = "Sorry, I can't help with that. I can help with questions about HER2-positive breast cancer: "
        .. "tests, treatments, side effects, daily life and support. Try one of the questions below.",
    suggest = {
      "What does HER2-positive mean?",
      "What are the side effects of chemo?",
      "Where can I find support?",
    },
  }
end)

-- "OK, thank you, I'll ring them now" (blind patient probe 16): a warm, short
-- reply that keeps the number and opens nothing new. After a safety reply the
-- engine's own lines (988, or "call 911 now") stay with it as well.
herald.source("988", { title = "988 Suicide and Crisis Lifeline", publisher = "988 Lifeline", url = "https://988lifeline.org/" })
herald.source("nci-infection-call", { title = "Infection and Neutropenia during Cancer Treatment", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/about-cancer/treatment/side-effects/infection" })
local CALL_CRISIS = herald.fixed {
  text = {
    "Thank you. Reaching out is a brave and important step, and I'm glad you are calling.",
    "If you can't get through, call or text 988 again, or call 911 if you might act on these thoughts. You don't have to go through this alone.",
  },
  speech = "Thank you. Reaching out is a brave and important step, and I'm glad you are calling. "
    .. "If you can't get through, call or text nine eight eight again, or call nine one one if you might act on these thoughts. "
    .. "You don't have to go through this alone.",
  sources = { "988" },
  suggest = { "Can I get counselling?", "Is there a helpline I can call?" },
}
local CALL_EMERGENCY = herald.fixed {
  text = {
    "Good. Please call 911 or your local emergency number now, and don't drive yourself.",
    "If someone is with you, ask them to stay until help comes.",
  },
  speech = "Good. Please call nine one one or your local emergency number now, and don't drive yourself. "
    .. "If someone is with you, ask them to stay until help comes.",
  sources = ABOUT,
  suggest = {},
}
local CALL_TEAM = herald.fixed {
  text = {
    "Good, that is the right thing to do. Call the 24-hour line now, and if you can't reach them, go to an emergency department.",
    "Keep your phone close and have your medicine list ready.",
  },
  sources = { "nci-infection-call" },
  suggest = {},
}
local CALL_OTHER = herald.fixed {
  text = "Good, I hope the call helps. I'm here if you have more questions later.",
  sources = ABOUT,
  suggest = topics,
}
herald.on("conversation.will_call", function(q)
  if q.previous == "safety.crisis" then return CALL_CRISIS end
  if q.previous == "safety.emergency" then return CALL_EMERGENCY end
  if q.previous == "safety.call_now" then return CALL_TEAM end
  return CALL_OTHER
end)
