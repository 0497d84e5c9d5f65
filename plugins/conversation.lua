-- Conversation: greetings, thanks, what herald can do, and the fallback.
herald.about { title = "Conversation", reviewed = "2026-11-22" }

local topics = {
  "What does HER2-positive mean?",
  "How is HER2-positive breast cancer treated?",
  "Where can I find support?",
}

herald.answer("conversation.greeting", {
  text = "Hello. I can answer questions about HER2-positive breast cancer: tests, treatments, "
      .. "side effects and support. What would you like to ask?",
  suggest = topics,
})

herald.answer("conversation.thanks", {
  text = "You're welcome. I'm glad it helped. Ask me anything else you want to know.",
  suggest = topics,
})

herald.answer("conversation.capabilities", {
  text = {
    "I give general information about HER2-positive breast cancer.",
    "You can ask me how HER2 is tested, how it is treated, about side effects, and where to find support.",
    "I can't give personal medical advice. Your care team knows your case best.",
  },
  suggest = topics,
})

herald.answer("fallback", {
  text = "I'm not sure I can help with that. I answer questions about HER2-positive breast cancer: "
      .. "tests, treatments, side effects and support.",
  suggest = topics,
})
