-- Test fixture: one handler per behaviour the sandbox must contain.
herald.about { title = "Sample", reviewed = "2026-11-22", review_by = "2099-01-01" }
herald.source("s1", { title = "Sample source", publisher = "Test", url = "https://example.org/s1" })

herald.answer("sample.hello", { text = "Hello there.", suggest = { "What is Herceptin?" } })

herald.on("sample.about", function(q)
  local d = q:slot("drug")
  return { text = "About " .. d .. ".", sources = { "s1" }, remember = { topic = d } }
end)

herald.on("sample.side_effects", function(q)
  return { text = "Side effects of " .. q:slot("drug") .. ".", sources = { "s1" } }
end)

-- The card in plainer words, asked when a follow-up would get it again (engine.c, said_again).
herald.on("sample.side_effects.again", function(q)
  return { text = "In short: what " .. q:slot("drug") .. " can do to you.", sources = { "s1" } }
end)

herald.answer("sample.general_side_effects", { text = "General side effects.", sources = { "s1" } })

herald.on("sample.boom", function() error("kaboom") end)
herald.on("sample.slow", function() while true do end end)
herald.on("sample.hungry", function()
  local t = {}
  while true do t[#t + 1] = string.rep("x", 65536) .. #t end
end)
herald.on("sample.catcher", function()
  while true do pcall(function() while true do end end) end
end)
herald.on("sample.badreply", function() return { text = 42 } end)
