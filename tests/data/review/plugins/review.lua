-- Fixture for `herald review`: each handler makes one mistake on purpose
-- (fx.good and fx.home make none), so the test can see every check fire.
herald.about { title = "Review fixture", reviewed = "2020-01-01", review_by = "2099-01-01", reviewed_by = "Dr. Fixture, oncology pharmacist" }

herald.source("page", { title = "A specific page", publisher = "Example", url = "https://example.org/drugs/alphamab.html" })
herald.source("search", { title = "A search", publisher = "Example", url = "https://example.org/search.cfm?query=ALPHAMAB" })
herald.source("home", { title = "An organisation", publisher = "Example", url = "https://example.org/" })

local OWN = herald.facts("drug", {
  alphamab = "Alphamab (Brandax) is a test drug. It is given once a week.",
  betanib = "Betanib (Brandbe) is a test pill. You take it each day.",
})

herald.on("fx.good", function(q)
  local text = OWN:get(q)
  text[#text + 1] = "Ask your team what fits you."
  return { text = text, sources = { "page" } }
end)

-- One drug's figure with the other drug's name put in: the figure sentence
-- names no drug and is given for both.
herald.on("fx.spliced", function(q)
  local name = q:slot("drug") == "alphamab" and "Alphamab" or "Betanib"
  return { text = { name .. " can inflame the lungs.", "In studies, 10 to 15 in 100 people got it." }, sources = { "page" } }
end)

-- The other drug's text under this drug's question.
herald.on("fx.other_name", function()
  return { text = { "Alphamab (Brandax) can weaken the heart.", "Call your team if you are short of breath." }, sources = { "page" } }
end)

herald.answer("fx.repeat", { text = { "Drink water.", "Rest a lot.", "Drink water." }, sources = { "page" } })
herald.answer("fx.empty", { text = { "Drink water.", "", "Rest a lot." }, sources = { "page" } })
herald.answer("fx.grade", {
  text = "Pharmacokinetic considerations notwithstanding, immunohistochemical characterisation necessitates multidisciplinary interpretation incorporating cytogenetic, histopathological and radiological determinations.",
  sources = { "page" },
})
herald.answer("fx.nosource", { text = "Drink water and rest." })
herald.answer("fx.search", { text = "Drink water and rest.", sources = { "search" } })
herald.answer("fx.home", { text = "Call this group for help.", sources = { "home" } })
