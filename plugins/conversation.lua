-- Conversation: greetings, thanks, goodbyes, what herald can do, and the fallback.
herald.about { title = "Conversation", reviewed = "2026-11-22" }

local topics = {
  "What does HER2-positive mean?",
  "How is HER2-positive breast cancer treated?",
  "Where can I find support?",
}

herald.answer("conversation.greeting", {
  text = "Hello. I can help with questions about HER2-positive breast cancer: tests, treatments, "
      .. "side effects and support. What would you like to ask?",
  suggest = topics,
})

herald.answer("conversation.thanks", {
  text = "You're welcome. I'm glad it helped. Ask me anything else you want to know.",
  suggest = topics,
})

herald.answer("conversation.goodbye", {
  text = "Take care. I'm glad to help any time you have a question about HER2-positive breast cancer.",
  suggest = topics,
})

herald.answer("conversation.capabilities", {
  text = {
    "I give general information about HER2-positive breast cancer.",
    "You can ask me about HER2 tests, treatment and drugs, side effects, daily life, and where to find support.",
    "I can't give personal medical advice. Your care team knows your case best.",
  },
  suggest = {
    "What does HER2-positive mean?",
    "What are the side effects of Herceptin?",
    "Where can I find support groups?",
  },
})

herald.answer("fallback", {
  text = "Sorry, I can't help with that. I can help with questions about HER2-positive breast cancer: "
      .. "tests, treatments, side effects, daily life and support. Try one of the questions below.",
  suggest = {
    "What does HER2-positive mean?",
    "What are the side effects of chemo?",
    "Where can I find support?",
  },
})
