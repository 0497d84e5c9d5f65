-- HER2 testing: what HER2 is, IHC and ISH/FISH results, HER2-low and -ultralow,
-- triple-positive, status changes, stage and grade, and the inheritance premise.
-- Facts follow the ASCO/CAP HER2 testing guideline as explained by the
-- American Cancer Society, the National Cancer Institute and Breastcancer.org.
herald.about { title = "HER2 testing", reviewed = "2026-12-07",
  reviewed_by = "herald content team, from the sources cited (awaiting clinician sign-off)" }

herald.source("acs-her2", { title = "Breast Cancer HER2 Status", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-her2-status.html" })
herald.source("bco-her2", { title = "HER2 Status", publisher = "Breastcancer.org",
  url = "https://www.breastcancer.org/pathology-report/her2-status" })
herald.source("acs-hr", { title = "Breast Cancer Hormone Receptor Status", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-hormone-receptor-status.html" })
herald.source("acs-grade", { title = "Breast Cancer Grades", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-grades.html" })
herald.source("acs-stages", { title = "Breast Cancer Stages", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/stages-of-breast-cancer.html" })
herald.source("acs-targeted", { title = "Targeted Drug Therapy for Breast Cancer", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/treatment/targeted-therapy-for-breast-cancer.html" })
herald.source("nci-men", { title = "Male Breast Cancer Treatment (PDQ), Patient Version", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/types/breast/patient/male-breast-treatment-pdq" })
herald.source("nci-genetics", { title = "BRCA Gene Changes: Cancer Risk and Genetic Testing", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/about-cancer/causes-prevention/genetics/brca-fact-sheet" })
herald.source("asco-germline", { title = "Germline Testing in Patients With Breast Cancer: ASCO-Society of Surgical Oncology Guideline (2024)",
  publisher = "American Society of Clinical Oncology", url = "https://doi.org/10.1200/JCO.23.02225" })
herald.source("label-tdxd") -- shared with the other plugins (lua/herald.lua)

-- HER2-positive before treatment and lower on the cancer left after it: defined
-- with its card at the end of the file, asked first by the HER2 result handlers.
local her2_after_treatment
-- The report reader, defined with the report lines below; the score card hands a pasted report to it.
local read_report
local her2_changed_on_spread
-- A teenager's own gene test, or a child's: defined with its cards at the end.
local teen_gene_test
local ASK_REPORT = "Ask your care team to go through your pathology report with you."

herald.answer("testing.what_is_her2", {
  text = {
    "HER2 is a protein on the surface of breast cells. Its name is short for human epidermal growth factor receptor 2. It is a receptor: it picks up signals that tell the cell to grow.",
    "A gene called ERBB2 holds the instructions to make it.",
    "Some cancers have extra copies of this gene. They make too much HER2, which helps the cells grow faster.",
    "These cancers are called HER2-positive, and many drugs now target them.",
    "Next step: ask your care team for a copy of your pathology report.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What does HER2-positive mean?", "How do they test for HER2?", "What is HER2-low?" },
})

local POSITIVE_MEANING = {
  text = {
    "HER2-positive means the cancer cells make too much of a protein called HER2. This protein helps cells grow.",
    "A lab finds it in one of two ways: an IHC score of 3+, or an ISH or FISH test that shows extra copies of the HER2 gene (amplified).",
    "These cancers can grow fast. But HER2 drugs, such as trastuzumab (Herceptin), work very well against them.",
    ASK_REPORT,
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "How is HER2-positive breast cancer treated?", "How common is HER2-positive breast cancer?", "What is HER2-low?" },
}

local HER2_NEGATIVE_CARD = herald.fixed {
  text = {
    "HER2-negative means the cancer does not make extra HER2 protein. The IHC score is 0 or 1+, or 2+ with a negative ISH test.",
    "HER2 drugs such as trastuzumab (Herceptin) do not help these cancers.",
    "Some are called HER2-low or HER2-ultralow. If that cancer spreads, T-DXd (Enhertu) may be an option.",
    "Treatment then depends mostly on the hormone receptor results. " .. ASK_REPORT,
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What is HER2-low?", "What is HER2-ultralow?", "What is hormone receptor status?" },}

-- Asked whether a blood test can stand in for tissue (probe 6, S03): the status-change card
-- opened "Yes" to that. HER2 is read on the tumor; a blood test does not decide it today.
local BLOOD_WORDS = { "blood test", "blood draw", "bloodwork", "blood work", "blood sample", "liquid biops", "from my blood",
  "in my blood", "in the blood", "by blood", "a blood", "blood instead" }
local BLOOD_TEST = {
  text = {
    "No. HER2 is tested on the tumor itself, so the lab needs tissue from a biopsy or from surgery.",
    "Some newer blood tests look for bits of tumor DNA. They are not the standard way to decide HER2 status, so a new spot is usually biopsied.",
    "Next step: ask your care team why a biopsy is needed for you, and whether a blood test would add anything.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "How do they test for HER2?", "Can my HER2 status change?", "What is a FISH test?" },
}

local HOW_TESTED = {
  text = {
    "HER2 is tested on a tumor sample from a biopsy or from surgery.",
    "The first test is usually IHC (immunohistochemistry). It stains the cells and scores the HER2 protein from 0 to 3+.",
    "If the score is 2+, an ISH test, such as FISH, counts the copies of the HER2 gene.",
    "Results often take several days. Ask your care team for a copy of your report.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What does an IHC score of 2+ mean?", "What is a FISH test?", "What does HER2-positive mean?" },
}
-- A teenager whose parent has cancer asking to be "tested to see if I will get
-- it" asks about a gene test, not the tumor's HER2 test.
local MY_OWN_RISK = { "will get it", "i get it", "get it too", "i'll get it", "ill get it", "get cancer",
  "get breast cancer", "gene", "genetic", "inherit", "brca", "carry", "happen to me" }
herald.on("testing.how_tested", function(q)
  local teen = q:mentions(MY_OWN_RISK) and teen_gene_test(q)
  if teen then return teen end
  if q:mentions(BLOOD_WORDS) then return BLOOD_TEST end
  return HOW_TESTED
end)

local IHC = {
  "IHC stands for immunohistochemistry. It is a lab test that shows how much HER2 protein is on the cancer cells.",
  "The cells are stained, and a pathologist gives a score: 0, 1+, 2+ or 3+.",
  "0 or 1+ is HER2-negative. 2+ is unclear (equivocal). 3+ is HER2-positive.",
  "A 2+ result is checked with an ISH test, such as FISH.",
}
local ISH = {
  "ISH (in situ hybridization) looks at the HER2 gene, not the protein. FISH is the most common kind. It uses glowing dyes.",
  "It counts the copies of the HER2 gene in the cancer cells, often compared with a marker on the same chromosome.",
  "Too many copies (amplified) means HER2-positive. A normal count means HER2-negative.",
  "It is mostly used when the IHC score is 2+.",
}

-- The numbers on an ISH report (ASCO/CAP 2018): a ratio of 2.0 or more with
-- 4 or more copies per cell is positive; other patterns are read with the IHC.
herald.source("asco-cap-her2", { title = "HER2 Testing in Breast Cancer: ASCO/CAP Clinical Practice Guideline Focused Update (2018)",
  publisher = "Journal of Clinical Oncology", url = "https://ascopubs.org/doi/10.1200/JCO.2018.77.8738" })

local ISH_NUMBERS = {
  "The report gives a ratio: HER2 gene copies compared with a marker on the same chromosome. A ratio of 2.0 or more, with 4 or more HER2 copies per cell on average, means HER2-positive.",
  "If only one is met, the pathologist checks it against the IHC result, and may recount, before deciding. If neither is met, the result is HER2-negative.",
}

local function asks_numbers(t)
  return t:find("ratio") or t:find("cop[iy]") or t:find("cep ?17") or t:find("signals") or t:find("%d%.%d")
end

-- IHC 2+ told together with the ISH (FISH) result that settled it: the answer
-- is that result, not "wait for the ISH test". Read word by word: a result
-- word counts only near the test's name, never when it belongs to ER or PR
-- ("FISH pending, ER positive") or is negated ("FISH wasn't positive", "didn't
-- show amplification"); any doubt (both results, a wait word, a bare ratio)
-- leaves the general answer.
local ISH_TEST = { fish = true, ish = true, cish = true, sish = true, ["fish+"] = true }
local POS_WORDS = { positive = true, amplified = true, amplification = true, ["fish+"] = true }
local NEG_WORDS = { negative = true, nonamplified = true, ["non-amplified"] = true, unamplified = true }
local NEGATORS = { ["not"] = true, no = true, non = true, never = true, without = true, nor = true, neither = true,
  ["wasn't"] = true, wasnt = true, ["isn't"] = true, isnt = true, ["didn't"] = true, didnt = true,
  ["doesn't"] = true, doesnt = true, ["weren't"] = true, ["hasn't"] = true, ["haven't"] = true }
local OWNERS = { er = true, pr = true, hr = true, estrogen = true, oestrogen = true, progesterone = true,
  hormone = true, receptor = true, receptors = true, ki67 = true, node = true, nodes = true, lymph = true,
  margin = true, margins = true, brca = true, brca1 = true, brca2 = true, pd = true, ["pd-l1"] = true }
local WAITS = { pending = true, waiting = true, awaiting = true, sent = true, ordered = true, yet = true,
  will = true, outstanding = true, due = true, later = true }
local MEANS = { mean = true, means = true, meaning = true }
local GROUPS = { ["1"] = "positive", one = "positive", ["5"] = "negative", five = "negative", ["2"] = "middle",
  two = "middle", ["3"] = "middle", three = "middle", ["4"] = "middle", four = "middle" }

local function tokens_of(text)
  local t = {}
  for w in text:lower():gmatch("[%w%+'%-]+") do t[#t + 1] = w end
  return t
end

-- Is token I within SPAN tokens of an ISH test's name (before it, or up to 3 after)?
local function near_test(t, i, before, after)
  for j = math.max(1, i - before), math.min(#t, i + after) do
    if ISH_TEST[t[j]] then return true end
  end
  return false
end

local function settled_result(text)
  local t = tokens_of(text)
  local found
  for i, w in ipairs(t) do
    -- ASCO/CAP ISH groups: 1 is positive, 5 negative, 2 to 4 in between.
    if w == "group" and GROUPS[t[i + 1] or ""] and (near_test(t, i, 20, 0) or text:lower():find("asco", 1, true)) then
      local g = GROUPS[t[i + 1]]
      if found and found ~= g then return nil end
      found = g
    end
    if ISH_TEST[w] then
      -- "FISH pending" and "sent it off for FISH": the result is not in yet.
      for j = math.max(1, i - 4), math.min(#t, i + 4) do
        if WAITS[t[j]] then return nil end
      end
    end
    local pos, neg = POS_WORDS[w], NEG_WORDS[w]
    -- A result word asked about is no result: "does 2+ mean I'm positive or not?",
    -- "FISH positive or negative?".
    local asked = (pos or neg) and (t[i + 1] == "or" or MEANS[t[i - 1] or ""] or MEANS[t[i - 2] or ""])
    if asked then return nil end
    if (pos or neg) and (near_test(t, i, 6, 3) or w == "amplified" or w == "amplification") then
      local owned, negated = false, false
      for j = math.max(1, i - 2), i - 1 do
        if OWNERS[t[j]] then owned = true end
      end
      for j = math.max(1, i - 3), i - 1 do
        if NEGATORS[t[j]] then negated = true end
      end
      if not owned then
        local r
        if pos then r = negated and "negative" or "positive" else r = (not negated) and "negative" or nil end
        if not r or (found and found ~= r) then return nil end
        found = r
      end
    end
  end
  return found
end

local ISH_SETTLED = {
  positive = {
    "An IHC score of 2+ is borderline, so a second test, ISH (such as FISH), is done on the same sample.",
    "You said the ISH test was positive. If your report says HER2 is amplified or positive by ISH, the cancer is HER2-positive, just like an IHC score of 3+.",
    "HER2-positive cancer is treated with HER2 drugs, such as trastuzumab (Herceptin), usually with chemo.",
    "Next step: ask your care team what your treatment plan will be and when it starts.",
  },
  negative = {
    "An IHC score of 2+ is borderline, so a second test, ISH (such as FISH), is done on the same sample.",
    "You said the ISH test was negative. If your report says HER2 is not amplified or negative by ISH, the cancer counts as HER2-negative, and with IHC 2+ it is called HER2-low.",
    "Classic HER2 drugs such as trastuzumab (Herceptin) are not used for it. If the cancer spreads, T-DXd (Enhertu) can work for HER2-low cancer.",
    "Treatment mostly depends on your hormone receptor results. " .. ASK_REPORT,
  },
  middle = {
    "An IHC score of 2+ is borderline, so a second test, ISH, is done on the same sample.",
    "ISH groups 2 to 4 are in-between results. The lab decides the final answer from the IHC score and a second count of the cells.",
    "Look for the final HER2 line on your report, positive or negative, or ask your care team to read it with you.",
    "Next step: ask your care team whether your cancer counts as HER2-positive.",
  },
}
local ISH_NEXT = {
  middle = { "What is a FISH test?", "What is HER2-low?", "What does HER2-positive mean?" },
  positive = { "How is HER2-positive breast cancer treated?", "What is triple-positive breast cancer?", "What is Herceptin?" },
  negative = { "What is HER2-low?", "What's the difference between HER2-low and HER2-positive?", "Can my HER2 status change?" },
}
local IHC_TWO = { "2+", "2 +", "two plus", "score of 2", "score 2", "equivocal", "borderline" }
local ISH_WAIT = { "sent off", "sent away", "sent out", "pending", "waiting for", "waiting on", "awaiting", "not back",
  "isn't back", "isnt back", "not in yet", "still waiting", "ordered" }

local function sources_of_ish() return { "acs-her2", "bco-her2" } end

local function ish_result(q)
  return settled_result(q.message or q.text)
end

-- The ISH numbers told (probe 12: "ratio 2.3, average HER2 copy number 3.6 ...
-- Group 2"): the ASCO/CAP 2018 groups, read from the HER2/CEP17 ratio and the
-- average HER2 copies per cell. Group 1 (ratio 2.0 or more, 4 or more copies)
-- is positive and group 5 (under 2.0, under 4) negative; groups 2 to 4 are
-- read with the IHC score: IHC 3+ makes them positive; with 2+ the cells are
-- recounted, after which group 3 (under 2.0, 6 or more copies) is positive and
-- groups 2 and 4 negative; with IHC 0 or 1+ they are negative.
-- The numbers of STR that stand alone ("2.4", not the 2 of "her2"), in order,
-- each with where it ends.
local function numbers_in(str)
  local out = {}
  for pos, n in str:gmatch("()(%d+%.?%d*)") do
    if pos == 1 or not str:sub(pos - 1, pos - 1):match("[%w.]") then
      local v = tonumber((n:gsub("%.$", "")))
      if v then out[#out + 1] = { v = v, stop = pos + #n } end
    end
  end
  return out
end
-- The number right after WORD in MSG (within 30 bytes), or, with BEFORE, the
-- one right before it ("3.6 signals"), only words between.
local function number_near(msg, word, before)
  local at = 1
  while true do
    local i, j = msg:find(word, at, true)
    if not i then return nil end
    if before then
      local w = msg:sub(math.max(1, i - 14), i - 1)
      local ns = numbers_in(w)
      local last = ns[#ns]
      if last and w:sub(last.stop):match("^%s*[%a%-]*%s*$") then return last.v end
    else
      local first = numbers_in(msg:sub(j + 1, j + 30))[1]
      if first then return first.v end
    end
    at = j + 1
  end
end
local function fmt(x) return (x == math.floor(x)) and string.format("%d", x) or tostring(x) end
local ISH_GROUP = {
  [1] = "That means the HER2 gene is amplified: the cancer is HER2-positive.",
  [2] = "That is a small in-between group: the ratio is high, but the copies are few. It is read with the IHC score. It counts as HER2-positive only with an IHC score of 3+. Otherwise, after the cells are counted again, it is HER2-negative.",
  [3] = "That is an in-between group: the ratio is under 2.0, but the copies are many. It is read with the IHC score. With IHC 3+, or 2+ confirmed by a second count, it is HER2-positive. With IHC 0 or 1+, it is HER2-negative.",
  [4] = "That is an in-between group, read with the IHC score. With IHC 3+ it is HER2-positive. Otherwise it is HER2-negative, and with an IHC score of 2+ that counts as HER2-low.",
  [5] = "That means the gene is not amplified: the result is HER2-negative. With an IHC score of 1+ or 2+, that counts as HER2-low.",
}
local ISH_RULE = "Labs sort ISH results into five groups. A ratio of 2.0 or more with 4 or more copies per cell is HER2-positive. A ratio under 2.0 with fewer than 4 copies is HER2-negative. The groups in between are decided with the IHC test."
local function ish_numbers(q)
  local msg = (q.message or q.text):lower()
  if not (msg:find("ratio", 1, true) and (msg:find("her2", 1, true) or msg:find("fish", 1, true)
      or msg:find(" ish", 1, true) or msg:find("cep17", 1, true) or msg:find("cep 17", 1, true))) then
    return nil
  end
  local ratio = number_near(msg, "ratio")
  if not ratio or ratio > 30 then return nil end
  local copies = number_near(msg, "copy number") or number_near(msg, "copies", true)
    or number_near(msg, "signals", true) or number_near(msg, "signals") or number_near(msg, "copies")
  if copies and copies > 50 then copies = nil end
  -- The group the report names ("ASCO/CAP group 1") is the lab's own reading.
  local named = tonumber(msg:match("group%s*(%d)%f[%D]") or "")
  if named and not ISH_GROUP[named] then named = nil end
  local said
  if named and not copies then
    said = "Your report puts the result in group " .. named .. " of 5. " .. ISH_GROUP[named]
  elseif copies then
    local g = ratio >= 2 and (copies >= 4 and 1 or 2) or (copies >= 6 and 3 or (copies >= 4 and 4 or 5))
    said = "Your numbers are a ratio of " .. fmt(ratio) .. " with " .. fmt(copies) .. " HER2 copies per cell. " .. ISH_GROUP[g]
  elseif ratio >= 2 then
    said = "A ratio of " .. fmt(ratio) .. " is 2.0 or more. That means HER2-positive when the report also shows 4 or more HER2 copies per cell, so look for the copy number on your report."
  else
    said = "A ratio of " .. fmt(ratio) .. " is under 2.0. That is usually HER2-negative, unless the report shows 4 or more HER2 copies per cell; then the result is read with the IHC score."
  end
  return {
    text = { said, ISH_RULE, "Next step: ask your care team for your final HER2 result, which puts the ISH and IHC tests together." },
    sources = { "asco-cap-her2", "acs-her2" },
    suggest = { "What does an IHC score of 2+ mean?", "What is HER2-low?", "What does HER2-positive mean?" },
  }
end

-- "Does this mean I'm HER2-positive?" with a 2+ and its ISH result told: the result.
herald.on("testing.positive_meaning", function(q)
  local after = her2_after_treatment(q)
  if after then return after end
  local numbers = ish_numbers(q)
  if numbers then return numbers end
  local settled = q:mentions(IHC_TWO) and ish_result(q)
  if settled then return { text = ISH_SETTLED[settled], sources = sources_of_ish(), suggest = ISH_NEXT[settled] } end
  return POSITIVE_MEANING
end)

herald.on("testing.test_about", function(q)
  local t = q.slots.test
  local msg = q.message or q.text
  local ihc = t == "ihc" or (t == nil and (q.text:find("score") or q.text:find("numbers") or q.text:find("scale")) ~= nil)
  local numbers = ish_numbers(q)
  if numbers then return numbers end
  -- "IHC 2+, FISH not amplified, what now?": the settled result, not what FISH is.
  local settled = q:mentions(IHC_TWO) and ish_result(q)
  if settled then
    return { text = ISH_SETTLED[settled], sources = sources_of_ish(), suggest = ISH_NEXT[settled] }
  end
  -- "IHC 2+, FISH sent off, could I be positive?": the 2+ answer and its wait
  -- for the ISH result, whichever of the two intents the ranker leans to (it
  -- moves when staff add content; the staff workflow test caught it).
  if q:mentions(IHC_TWO) and q:mentions(ISH_WAIT) then return herald.hand_over("testing.ihc_score") end
  local text = {}
  local sources = { "acs-her2", "bco-her2" }
  if not ihc and asks_numbers(msg) then
    text = { ISH[1], ISH_NUMBERS[1], ISH_NUMBERS[2], "Next step: ask your care team to go over the numbers on your report with you." }
    sources = { "asco-cap-her2", "acs-her2" }
  else
    for i, s in ipairs(ihc and IHC or ISH) do text[i] = s end
    text[#text + 1] = "Next step: ask your care team which tests were done on your sample."
  end
  return {
    text = text,
    sources = sources,
    suggest = ihc and { "What is a FISH test?", "What does an IHC score of 2+ mean?", "What is HER2-low?" }
      or { "What is IHC?", "What does an equivocal HER2 result mean?", "What does HER2-positive mean?" },
  }
end)

local SCORES = {
  zero = {
    "An IHC score of 0 means little or no HER2 protein was seen. The cancer is HER2-negative.",
    "Trastuzumab (Herceptin) and other classic HER2 drugs do not help HER2-negative cancer.",
    "If a few cells show faint staining, the report may say HER2-ultralow. If that cancer feeds on hormones, spreads, and grows after hormone therapy, T-DXd (Enhertu) can be an option.",
    ASK_REPORT,
  },
  one = {
    "An IHC score of 1+ means a small amount of HER2 protein. It counts as HER2-negative. It is also called HER2-low.",
    "Classic HER2 drugs such as trastuzumab (Herceptin) are not used for it.",
    "If the cancer spreads, T-DXd (Enhertu) can work for HER2-low cancer.",
    "Treatment mostly depends on your hormone receptor results. " .. ASK_REPORT,
  },
  two = {
    "An IHC score of 2+ is borderline, or equivocal. It does not yet say whether the cancer is HER2-positive.",
    "The next step is an ISH test, such as FISH, on the same sample. It counts the copies of the HER2 gene.",
    "If the ISH test is positive, the cancer is HER2-positive. If it is negative, the cancer is HER2-low.",
    "Ask your care team when the ISH result will be ready.",
  },
  three = {
    "An IHC score of 3+ means the cells make a lot of HER2 protein. The cancer is HER2-positive.",
    "No other test is needed to confirm it.",
    "HER2-positive cancer is treated with HER2 drugs, such as trastuzumab (Herceptin), usually with chemo.",
    "Ask your care team what your plan will be.",
  },
}
local DIGIT = { ["0"] = "zero", ["1"] = "one", ["2"] = "two", ["3"] = "three" }
local SCORE_NEXT = {
  zero = { "What is HER2-ultralow?", "What does HER2-negative mean?", "Can my HER2 status change?" },
  one = { "What is HER2-low?", "What's the difference between HER2-low and HER2-positive?", "Can my HER2 status change?" },
  two = { "What is a FISH test?", "What is HER2-low?", "What does HER2-positive mean?" },
  three = { "How is HER2-positive breast cancer treated?", "What is triple-positive breast cancer?", "What is Herceptin?" },
}

-- Two results that disagree: one lab negative or HER2-low, another (often a
-- second opinion) IHC 3+ or ISH-amplified. HER2 varies within a tumor and a
-- borderline score is hard to call, so expert labs differ now and then; ASCO/CAP
-- reads an amplified ISH result as HER2-positive. Never "No" to HER2 drugs here:
-- the choice is the two teams' to settle with the patient.
local DISCORDANT = herald.fixed {
  text = {
    "Two labs can read the same cancer differently. HER2 can vary from one part of a tumor to another, and a borderline score is hard to call, so results that disagree do happen.",
    "An IHC score of 3+, or a well-done ISH (FISH) test that finds the HER2 gene amplified, means the cancer is HER2-positive. HER2 drugs such as trastuzumab (Herceptin) are then usually offered.",
    "Which result to act on is for you and your doctors to settle. You can ask the two teams to talk, or ask for the pathologists to review the slides together.",
    "Next step: ask each oncologist to explain how they read your HER2 results.",
  },
  sources = { "asco-cap-her2", "acs-her2" },
  suggest = { "What is a FISH test?", "What does an IHC score of 2+ mean?", "Can my HER2 status change?" },
}
local ISH_POS_SAID = { "fish positive", "fish was positive", "fish came back positive", "fish showed amplification",
  "ish positive", "fish+", "fish +", "3+", "3 +", "was amplified", "is amplified", "came back amplified" }
local NEG_SAID = { "1+", "1 +", "0+", "her2 negative", "her2-negative", "her2 neg", "came back negative",
  "said negative", "says negative", "her2 low", "her2-low", "not amplified", "non-amplified" }
local TWO_LABS = { "second opinion", "retest", "re-test", "re-tested", "retested", "another lab", "other lab",
  "one says", "one said", "different result", "two results", "disagree", "other hospital", "local hospital",
  "second pathologist", "another pathologist", "their pathologist", "re-read", "reread" }
local function two_results(q)
  return q:mentions(TWO_LABS) and q:mentions(ISH_POS_SAID) and q:mentions(NEG_SAID)
end

-- IHC 0 asked with T-DXd (blind grading 2026-12-07: "my tumor is IHC 0, can I get
-- Enhertu" got what Enhertu is used for). An IHC 0 with faint staining in a few
-- cells is HER2-ultralow; for hormone receptor-positive cancer that has spread
-- and grown on hormone therapy, T-DXd is FDA-approved for HER2-ultralow and
-- HER2-low (January 2025, DESTINY-Breast06); with no staining at all it is not.
herald.source("fda-tdxd-ultralow")
local TDXD_SAID = { "enhertu", "t-dxd", "tdxd", "t dxd", "deruxtecan", "in her two", "enhurtu", "enhurta" }
-- Blind probe 16: HER2-0 asked about Enhertu got the HER2-low card, which may suggest
-- she qualifies; the card now names the three groups the breast approvals cover, each
-- with its conditions (Enhertu label on DailyMed; FDA notice of January 27, 2025),
-- and says plainly that a 0 with no staining is not one of them. Also reached from
-- reports.her2_zero_tdxd (intents/reports.intents).
local ZERO_TDXD = herald.fixed {
  text = {
    "An IHC score of 0 can mean two things, so the exact words on your report matter. With no staining at all, sometimes called HER2-0 or HER2-null, T-DXd (Enhertu) is not approved.",
    "Its FDA approvals in breast cancer cover three groups, each with its own conditions. The first is HER2-positive cancer. The second is HER2-low cancer that has spread, after chemo, or after hormone therapy if it feeds on hormones. The third is HER2-ultralow, a 0 with faint staining in a few cells, in cancer that has spread, feeds on hormones and has grown after hormone therapy.",
    "HER2 can also differ from one sample to another. Next step: ask your care team whether your report says 0 with faint staining, and whether a second look at the slides or a new biopsy would help.",
  },
  sources = { "fda-tdxd-ultralow", "label-tdxd", "acs-her2" },
  suggest = { "What is HER2-ultralow?", "What is HER2-low?", "Can my HER2 status change?" },
}
herald.on("testing.zero_tdxd", function() return ZERO_TDXD end)
local ZERO_SAID = { "ihc 0", "ihc0", "ihc zero", "ihc of 0", "ihc score of 0", "ihc score 0", "her2 0", "her2 zero",
  "her2 is 0", "her2 is zero", "her2 score 0", "her2 score of 0", "score of zero", "0 on ihc", "zero on ihc",
  "her2-0", "her2 null", "her2-null", "ihc 0+" }
herald.on("testing.ihc_score", function(q)
  -- A report pasted with its ER and PR Allred scores: every line read.
  if q:mentions({ "allred" }) then return read_report(q) end
  if q:mentions(TDXD_SAID) and (q:slot("ihc_score") == "0" or q:slot("ihc_score") == "zero" or q:mentions(ZERO_SAID)) then
    return ZERO_TDXD
  end
  local after = her2_after_treatment(q)
  if after then return after end
  if two_results(q) then return DISCORDANT end
  local numbers = ish_numbers(q)
  if numbers then return numbers end
  local s = q.slots.ihc_score
  s = DIGIT[s] or s
  if not SCORES[s] then s = "two" end
  local settled = s == "two" and ish_result(q)
  if settled then
    return {
      text = ISH_SETTLED[settled],
      sources = sources_of_ish(),
      suggest = ISH_NEXT[settled],
      remember = { ihc_score = s },
    }
  end
  return {
    text = SCORES[s],
    sources = { "acs-her2", "bco-her2" },
    suggest = SCORE_NEXT[s],
    remember = { ihc_score = s },
  }
end)

local EQUIVOCAL = {
  text = {
    "Equivocal means the first test was not clear. It usually means an IHC score of 2+.",
    "The lab then does an ISH test, such as FISH, to count the copies of the HER2 gene.",
    "If the gene is amplified, the cancer is HER2-positive. If not, it is HER2-negative (HER2-low).",
    "Sometimes a new sample is tested. Ask your care team when you will know.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What is a FISH test?", "What is HER2-low?", "What does HER2-positive mean?" },
}

local DOUBT_SAID = { "believe", "trust", "accept", "another country", "other country", "other hospital", "first hospital",
  "other lab", "first lab", "mexico", "abroad", "back home", "positivo", "already started", "they start", "started her",
  "started him", "redo", "again" }
local RETEST_LINE = "An IHC score of 2+ is not a positive result by itself, so a FISH test before HER2 drugs is standard practice. It is not a sign that anyone doubts the first lab."
herald.on("testing.equivocal", function(q)
  local numbers = ish_numbers(q)
  if numbers then return numbers end
  local settled = ish_result(q)
  if settled then return { text = ISH_SETTLED[settled], sources = sources_of_ish(), suggest = ISH_NEXT[settled] } end
  -- A 2+ read as positive somewhere else, and a FISH test asked for now: standard, not doubt.
  if q:mentions(DOUBT_SAID) then
    local text = { table.unpack(EQUIVOCAL.text) }
    table.insert(text, #text, RETEST_LINE)
    return { text = text, sources = EQUIVOCAL.sources, suggest = EQUIVOCAL.suggest }
  end
  return EQUIVOCAL
end)

local HER2_LOW_CARD = herald.fixed {
  text = {
    "HER2-low means the cancer has some HER2 protein, but not enough to be HER2-positive.",
    "It is an IHC score of 1+, or 2+ with a negative ISH test.",
    "Classic HER2 drugs like trastuzumab (Herceptin) do not help it. But if the cancer spreads, T-DXd (Enhertu) is approved for it.",
    "By most estimates, about half of all breast cancers are HER2-low. " .. ASK_REPORT,
  },
  sources = { "acs-her2", "label-tdxd" },
  suggest = { "What's the difference between HER2-low and HER2-positive?", "What is HER2-ultralow?", "What is Enhertu?" },}

herald.answer("testing.ultralow", {
  text = {
    "HER2-ultralow means an IHC score of 0, but with faint staining in a few cells (10% or fewer).",
    "It is still HER2-negative, so trastuzumab (Herceptin) is not used.",
    "Some cancers feed on hormones and spread after hormone therapy. If they are HER2-ultralow, T-DXd (Enhertu) is approved for them.",
    "Ask your care team whether your report says 0 or ultralow.",
  },
  sources = { "label-tdxd", "acs-her2" },
  suggest = { "What is HER2-low?", "What is Enhertu?", "Can my HER2 status change?" },
})

local LOW_VS_POSITIVE = {
  text = {
    "They are not the same. HER2-positive means a lot of HER2: IHC 3+, or 2+ with a positive ISH test.",
    "HER2-low means a little HER2, not enough to be HER2-positive: IHC 1+, or 2+ with a negative ISH test. It counts as HER2-negative, so if you were told you are HER2-negative, that has not changed.",
    "Trastuzumab (Herceptin) and pertuzumab (Perjeta) help HER2-positive cancer, not HER2-low. T-DXd (Enhertu) can help both once the cancer has spread.",
    "Ask your care team which group your results put you in.",
  },
  sources = { "acs-her2", "label-tdxd" },
  suggest = { "What is HER2-low?", "What does HER2-positive mean?", "What is Enhertu?" },
}

-- "I'm HER2-low, can I have Herceptin?" is a wrong premise: say no first, then
-- which HER2 drug is used for HER2-low.
local LOW_NO = {
  text = {
    "No. Trastuzumab (Herceptin) and pertuzumab (Perjeta) help HER2-positive cancer, not HER2-low. HER2-low counts as HER2-negative, so they are not used for it.",
    "For HER2-low cancer that has spread, the HER2 drug its label allows is T-DXd (Enhertu), usually after other treatment. It is a different drug from Herceptin.",
    "Next step: ask your care team which treatments fit your HER2-low cancer.",
  },
  sources = { "acs-her2", "label-tdxd" },
  suggest = { "What is Enhertu?", "What is HER2-low?", "Can my HER2 status change?" },
}
local CLASSIC = { "herceptin", "trastuzumab", "perjeta", "pertuzumab", "phesgo", "hylecta", "ogivri", "kanjinti",
  "trazimera", "herzuma", "ontruzant", "hercessi" }
local ASKS_FOR = { "can i", "could i", "can she", "can he", "can they", "will i", "would i", "should i", "do i get",
  "get ", "have ", "give ", "eligible", "qualify", "an option", "work for", "help me", "be on ", "use ", "for me",
  "for her", "for him", "mean i ", "mean herceptin", "mean perjeta", "right" }

-- HER2-low with ER and PR negative is triple-negative too (probe 9, R032): both
-- names fit (ACS: HER2-low is a subset of HER2-negative; triple-negative means
-- ER-, PR- and HER2-negative).
herald.source("acs-tnbc", { title = "Triple-negative Breast Cancer", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/about/types-of-breast-cancer/triple-negative.html" })
local TRIPLE_SAID = { "triple neg", "triple-neg", "tnbc", "triple negitive", "tripple neg" }
local LOW_AND_TRIPLE = herald.fixed {
  text = {
    "It can be both. HER2-low still counts as HER2-negative, so if the cancer is also ER- and PR-negative, it is triple-negative and is treated that way.",
    "HER2-low is an extra label inside that group. It matters if the cancer spreads, because T-DXd (Enhertu) is then an option after chemo. Trastuzumab (Herceptin) and pertuzumab (Perjeta) are not used for it.",
    "Next step: ask your care team to go through your ER, PR and HER2 results with you.",
  },
  sources = { "acs-tnbc", "acs-her2", "label-tdxd" },
  suggest = { "What is HER2-low?", "What is Enhertu?", "What does HER2-negative mean?" },
}
local function low_and_triple(q)
  return q:mentions(TRIPLE_SAID) and not q:mentions({ "her2 positive", "her2-positive", "her2+", "3+" }) and LOW_AND_TRIPLE
end

herald.on("testing.her2_negative", function(q)
  return her2_after_treatment(q) or (two_results(q) and DISCORDANT) or low_and_triple(q) or HER2_NEGATIVE_CARD
end)
herald.on("testing.her2_low", function(q)
  return her2_after_treatment(q) or (two_results(q) and DISCORDANT) or low_and_triple(q) or HER2_LOW_CARD
end)

herald.on("testing.low_vs_positive", function(q)
  local after = her2_after_treatment(q)
  if after then return after end
  -- Positive at first, HER2-low on a spread or a return (clinical review
  -- 2026-12-07d): the status-change card (retest, the new result helps pick
  -- drugs), not "if you were told HER2-negative, that has not changed".
  if her2_changed_on_spread(q) then return herald.hand_over("testing.status_change") end
  local triple = low_and_triple(q)
  if triple then return triple end
  if two_results(q) then return DISCORDANT end
  -- Not for T-DXd or T-DM1, whose names hold "trastuzumab" too.
  if q:mentions(CLASSIC) and q:mentions(ASKS_FOR) and not q:mentions({ "deruxtecan", "emtansine", "enhertu", "kadcyla" })
      and not q:mentions({ "difference", "different", " vs ", "versus", "compare" }) then
    return LOW_NO
  end
  return LOW_VS_POSITIVE
end)

local TRIPLE_POSITIVE = herald.fixed {
  text = {
    "Triple-positive breast cancer tests positive for three things.",
    "It has receptors for the hormones estrogen and progesterone, and it makes too much HER2.",
    "Some people use the name when the cancer is hormone-positive and HER2-positive.",
    "Treatment often has two parts: HER2 drugs, often with chemo, and hormone therapy such as tamoxifen. Ask your care team how both parts fit your plan.",
  },
  sources = { "acs-hr", "acs-her2" },
  suggest = { "Do I need hormone therapy?", "What does HER2-positive mean?", "How is early HER2-positive breast cancer treated?" },
}
-- Starting hormone pills while trastuzumab goes on (probe 12: "can I start
-- anastrozole while I'm still getting Herceptin, or wait?"): hormone therapy
-- usually starts after chemo and runs at the same time as the HER2 drugs
-- (ACS hormone therapy for breast cancer; the label's adjuvant use).
local HORMONE_PILLS = { "anastrozole", "arimidex", "letrozole", "femara", "exemestane", "aromasin", "tamoxifen",
  "aromatase", "hormone pill", "hormone therapy", "hormone blocker", "endocrine" }
local HER2_DRUG_SAID = { "herceptin", "trastuzumab", "phesgo", "perjeta", "pertuzumab", "hylecta", "her2 drug" }
local TOGETHER = { "while", "same time", "together", "during", "alongside", "at once", "wait", "before i finish",
  "still getting", "still on", "with my" }
local PILLS_WITH_HER2 = herald.fixed {
  text = {
    "Usually, yes. Hormone pills such as anastrozole, letrozole or tamoxifen often start after chemo ends, and they are taken at the same time as trastuzumab (Herceptin). There is no need to wait for the year of HER2 treatment to finish.",
    "The two work in different ways: the HER2 drug blocks HER2, and the pill blocks the hormones that feed the cancer. Radiation can go on at the same time too.",
    "Your team decides the start date for you. Next step: ask when your hormone pills should begin, and how long you will take them.",
  },
  sources = { "acs-hr", "acs-her2" },
  suggest = { "How long do I take hormone pills?", "What are the side effects of hormone therapy?", "What is triple-positive breast cancer?" },
}
-- "Triple positive: is that good or bad?" (blind probe 16): neither, two targets; the
-- stage says most about what to expect (ACS hormone receptor, HER2 status and stages).
local GOOD_OR_BAD = { "good", "bad", "worse", "better", "best", "worst", "lucky", "unlucky", "serious", "aggressive", "prognosis",
  "outlook", "survival", "dangerous", "scary", "deadly" }
local TRIPLE_GOOD_BAD = herald.fixed {
  text = {
    "It is not simply good or bad. Triple-positive cancer has two targets, so two kinds of treatment work against it: HER2 drugs with chemo, and hormone therapy.",
    "HER2 drugs have greatly improved the outlook for HER2-positive cancer, and cancers with hormone receptors often respond to hormone pills as well.",
    "What matters most for what to expect is the stage: the size of the tumor and whether it has reached the lymph nodes or other organs. Figures for groups of people cannot predict one person's course.",
    "Next step: ask your team your stage, and how both parts of treatment fit your plan.",
  },
  sources = { "acs-hr", "acs-her2", "acs-stages" },
  suggest = { "Can I take hormone pills instead of chemo?", "How is early HER2-positive breast cancer treated?", "What are the stages of breast cancer?" },
}
herald.on("testing.triple_positive", function(q)
  if q:mentions(HORMONE_PILLS) and q:mentions(HER2_DRUG_SAID) and q:mentions(TOGETHER) then return PILLS_WITH_HER2 end
  if q:mentions(GOOD_OR_BAD, " " .. (q.text or "") .. " ") then return TRIPLE_GOOD_BAD end
  return TRIPLE_POSITIVE
end)

local SUBTYPES = herald.fixed {
  text = {
    "Doctors group breast cancers by their receptors: estrogen, progesterone and HER2.",
    "Luminal A and luminal B cancers feed on hormones. Luminal B grows faster, and some are HER2-positive.",
    "HER2-enriched cancers are HER2-positive and usually do not feed on hormones. Triple-negative cancers have none of the three receptors.",
    "Ask your care team which group your cancer is in.",
  },
  sources = { "acs-hr", "acs-her2" },
  suggest = { "What does HER2-positive mean?", "What is triple-positive breast cancer?", "What is hormone receptor status?" },
}
-- HER2-positive compared with triple-negative: two separate groups, with
-- different drugs (ACS HER2 status and triple-negative pages: TNBC is ER-, PR-
-- and HER2-negative, so hormone pills and HER2 drugs do not help it; it is
-- treated with chemo, and some with immunotherapy).
local POSITIVE_VS_TRIPLE = herald.fixed {
  text = {
    "They are two different groups. HER2-positive cancer makes too much HER2, so HER2 drugs such as trastuzumab (Herceptin) work for it, usually with chemo.",
    "Triple-negative cancer has no estrogen or progesterone receptors and is HER2-negative. Hormone pills and HER2 drugs do not help it, so it is treated with chemo, and for some people immunotherapy.",
    "Both often get treatment before surgery. Ask your care team which group your results put you in.",
  },
  sources = { "acs-her2", "acs-tnbc" },
  suggest = { "What does HER2-positive mean?", "What is HER2-low?", "How is early HER2-positive breast cancer treated?" },
}
local TRIPLE_NEG = { "triple neg", "triple-neg", "tnbc" }
local HER2_POS = { "her2 positive", "her2-positive", "her2+", "her2 pos", "her 2 positive", "her two positive" }
herald.on("testing.subtypes", function(q)
  if q:mentions(TRIPLE_NEG) and q:mentions(HER2_POS) then return POSITIVE_VS_TRIPLE end
  return SUBTYPES
end)

local HORMONE_RECEPTOR = herald.fixed {
  text = {
    "Hormone receptor status tells if the cancer uses estrogen or progesterone to grow. The report may say ER and PR.",
    "ER-positive or PR-positive cancers are hormone receptor-positive. They can be treated with hormone therapy.",
    "This is separate from HER2. A cancer can be positive for both.",
    "Ask your care team how your ER, PR and HER2 results shape your plan.",
  },
  sources = { "acs-hr" },
  suggest = { "What is triple-positive breast cancer?", "Do I need hormone therapy?", "What does HER2-positive mean?" },
}
-- The Allred score (blind grading 2026-12-07: the report reader skipped it).
-- It adds a proportion score (0 to 5) and an intensity score (0 to 3) for ER
-- and for PR: 0 to 8 in all, 0 and 2 negative, 3 to 8 positive, higher meaning
-- more receptors (CAP reporting template; Breastcancer.org, How to Read
-- Hormone Receptor Test Results).
local ALLRED = herald.fixed {
  text = {
    "The Allred score tells how many cancer cells have hormone receptors and how strongly they show up on the stain. It runs from 0 to 8, and it is given for ER (estrogen) and PR (progesterone) separately.",
    "A score of 0 to 2 counts as negative. A score of 3 to 8 counts as positive, and the higher the number, the more receptors were found.",
    "A positive ER or PR score means the cancer uses hormones to grow, so hormone therapy is expected to help. It is separate from the HER2 result.",
    "Next step: ask your care team what your ER and PR scores mean for your treatment.",
  },
  sources = { "bco-hr-read", "acs-hr", "asco-cap-er" },
  suggest = { "What does ER positive mean?", "What is triple-positive breast cancer?", "Do I need hormone therapy?" },
}

local STATUS_CHANGE = {
  text = {
    "Yes, HER2 status can change. A cancer that comes back or spreads may test differently from the first tumor.",
    "That is why doctors often biopsy the new spot, and test HER2 and hormone receptors again.",
    "The new result helps pick the right drugs. For example, a change to HER2-low can open up T-DXd (Enhertu).",
    "Ask your care team if a new biopsy makes sense for you.",
  },
  sources = { "acs-her2", "bco-her2" },
  suggest = { "What is HER2-low?", "How is metastatic HER2-positive breast cancer treated?", "How do they test for HER2?" },
}
-- Testing again on the tissue removed at surgery (probe 11, P06): ASCO/CAP
-- (2018 update) lets a new HER2 test be ordered on the excision specimen, e.g.
-- when the core biopsy was negative and the tumour is grade 3, when the core
-- held little invasive cancer, or when the excision looks different; after
-- treatment before surgery, residual cancer may be tested again.
local SURGERY_TISSUE = { "surgery", "surgical", "lumpectomy", "mastectomy", "specimen", "removed", "taken out",
  "excision", "operation" }
local COME_BACK = { "come back", "came back", "comes back", "spread", "metasta", "recur", "new spot", "new tumor" }
local SURGERY_RETEST = herald.fixed {
  text = {
    "HER2 is usually tested first on the core needle biopsy, the small sample taken before any treatment. That result plans the first treatment.",
    "The lab can test HER2 again on the tumor removed at surgery. Doctors may ask for this when the first result was borderline, or negative in a tumor that looks fast-growing, when the biopsy sample was small, or when some cancer is still there after treatment before surgery.",
    "If the two results differ, your team weighs them together.",
    "Next step: ask your care team whether a new HER2 test on your surgery tissue would help you.",
  },
  sources = { "asco-cap-her2", "acs-her2" },
  suggest = { "How do they test for HER2?", "What is a borderline HER2 result?", "What if cancer is left after surgery?" },
}
-- A changed result feared as an error (blind grading 2026-12-07: "did they give
-- me the wrong drugs" after a HER2 result changed got "can't help"). The
-- upset first; then why results can differ without a mistake (HER2 varies
-- within a tumour, borderline scores read differently, cancer can change over
-- time or after treatment: ASCO/CAP 2018, ACS); the first plan followed the
-- result of its time; then a review of both samples with the team.
local WRONG_SAID = { "wrong", "mistake", "misdiagnos", "error", "screwed up", "messed up", "for nothing", "unnecessary",
  "didn't need", "did not need", "didnt need", "lawsuit", "malpractice" }
local RESULT_WORRY = herald.fixed {
  text = {
    "Finding out that a result changed is upsetting, and it is natural to wonder whether something went wrong.",
    "A changed HER2 result most often does not mean a mistake. HER2 can differ from one part of a tumor to another, a borderline score can read differently on a new sample, and cancer can change over time or after treatment. Your first treatment was planned on the result you had then, which is how care is meant to work.",
    "Your team will look at the new result and tell you whether your plan should change. You can ask for the pathologist to review both samples, or get a second opinion.",
    "Next step: ask your oncologist to go through both results with you and what the new one means for your treatment.",
  },
  sources = { "asco-cap-her2", "acs-her2" },
  suggest = { "Can my HER2 status change?", "Should I get a second opinion?", "How do they test for HER2?" },
}
herald.on("testing.result_worry", function() return RESULT_WORRY end)
herald.on("testing.status_change", function(q)
  if q:mentions(WRONG_SAID) then return RESULT_WORRY end
  if q:mentions(BLOOD_WORDS) then return BLOOD_TEST end
  local after = her2_after_treatment(q)
  if after then return after end
  if two_results(q) then return DISCORDANT end
  if q:mentions(SURGERY_TISSUE) and not q:mentions(COME_BACK) then return SURGERY_RETEST end
  return STATUS_CHANGE
end)

herald.answer("testing.how_common", {
  text = {
    "About 15 to 20 percent of breast cancers are HER2-positive. That is roughly 1 in 5.",
    "These figures are estimates, and studies vary a little.",
    "HER2-low is more common. It is found in about half of breast cancers.",
    "Your own result is on your pathology report.",
  },
  sources = { "acs-targeted", "acs-her2" },
  suggest = { "What does HER2-positive mean?", "What is HER2-low?", "How is HER2-positive breast cancer treated?" },
})

local STAGE_GRADE = {
  "Stage and grade are different. Stage tells how big the cancer is and how far it has spread, from 0 to 4.",
  "Grade tells how abnormal the cells look under a microscope, from 1 to 3. Grade 3 cells look the most abnormal and tend to grow faster.",
  "HER2 status is a third, separate result.",
  "Ask your care team to explain your stage and grade together.",
}

herald.answer("testing.stage_vs_grade", {
  text = STAGE_GRADE,
  sources = { "acs-grade", "acs-stages" },
  suggest = { "What does HER2-positive mean?", "How is early HER2-positive breast cancer treated?", "What is triple-positive breast cancer?" },
})

herald.source("nci-ki67", { title = "Definition of Ki-67, NCI Dictionary of Cancer Terms", publisher = "National Cancer Institute",
  url = "https://www.cancer.gov/publications/dictionaries/cancer-terms/def/ki-67" })

herald.answer("testing.ki67", {
  text = {
    "Ki-67 is a protein that cells make when they are dividing. The lab stains the tumor and reports the share of cells that have it, as a percent.",
    "A higher percent means more cells are dividing, so the cancer may grow faster. Labs do not all draw the line between high and low in the same place.",
    "For HER2-positive cancer, the plan rests mostly on the HER2 result, the stage and the hormone receptors. Ki-67 adds a little to that picture.",
    "Next step: ask your care team how your Ki-67 fits with your grade and stage.",
  },
  sources = { "nci-ki67", "acs-grade" },
  suggest = { "What does grade 3 mean?", "What is the difference between stage and grade?", "What does HER2-positive mean?" },
})

herald.answer("testing.grade", {
  text = {
    "Grade tells how abnormal the cancer cells look under a microscope. It runs from 1 to 3.",
    "Grade 1 cells look closest to normal and tend to grow slowly. Grade 3 cells look the most abnormal and tend to grow faster.",
    "Grade is not the same as stage. Stage tells how big the cancer is and how far it has spread.",
    "Ask your care team what your grade means for your plan.",
  },
  sources = { "acs-grade" },
  suggest = { "What is the difference between stage and grade?", "What does HER2-positive mean?", "How do they test for HER2?" },
})

local INHERITED = {
  "No. HER2-positive is a feature of the tumor, not a gene change you inherit.",
  "The extra HER2 gene copies arise in the cancer cells during life. They are not passed to your children.",
  "Inherited genes like BRCA1 and BRCA2 are different. They raise the risk of breast cancer.",
  "Many people with breast cancer are offered BRCA gene testing anyway, including everyone diagnosed at 65 or younger. Ask your care team about genetic counseling.",
}
local MUTATION = {
  "HER2-positive usually means extra copies of the HER2 gene, called amplification. It is not usually a mutation.",
  "These changes happen in the tumor during life. They are not inherited.",
  "A few cancers have a HER2 mutation instead: a small change in the gene. Tumor gene tests find it, and it is treated differently.",
  "Ask your care team what your tests show.",
}

-- A daughter's (or sister's) own risk and screening when her mother has HER2-positive
-- cancer (probe 7, P96): HER2 is not passed down, but breast cancer in a mother raises
-- a daughter's risk; the mother's gene test tells whether an inherited change is in the
-- family. A mother, sister or daughter with breast cancer almost doubles a
-- woman's risk (ACS, risk factors you cannot change). Screening starts at 40;
-- when the mother was diagnosed young, often about 10 years before her age at
-- diagnosis, not before 30 (ACR, higher-than-average risk; never later than 40:
-- clinical review 2026-12-07c, item 2); earlier with MRI for a known gene change.
herald.source("acs-risk-fixed", { title = "Breast Cancer Risk Factors You Cannot Change", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/risk-and-prevention/breast-cancer-risk-factors-you-cannot-change.html" })
herald.source("acs-screening-recs", { title = "American Cancer Society Recommendations for the Early Detection of Breast Cancer",
  publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/screening-tests-and-early-detection/american-cancer-society-recommendations-for-the-early-detection-of-breast-cancer.html" })
local FAMILY_RISK = {
  text = {
    "HER2 status belongs to the tumor and is not passed down, so your daughter does not inherit a HER2 risk. But a mother with breast cancer raises a daughter's risk, to about twice the average. It counts more if you were young when it was found, or if others in the family had breast or ovarian cancer. Still, most daughters never get it.",
    "A gene test for you, such as for BRCA1 and BRCA2, shows if an inherited gene change runs in the family. Everyone diagnosed at 65 or younger should be offered one. The result can guide your daughter's choices.",
    "Screening usually starts at 40. If you were diagnosed before 50, her doctor may start it about 10 years before the age you were, but not before 30. With a known gene change it can start sooner, with MRI. A teenager needs no tests now, only to know how her breasts normally look and feel.",
    "Next step: ask your team about genetic counseling, and later share your age at diagnosis and any gene results with your daughter's doctor.",
  },
  sources = { "acs-risk-fixed", "acs-screening-recs", "asco-germline" },
  suggest = { "Is HER2 inherited?", "Should I get BRCA testing?", "What are risk factors for breast cancer?" },
}
local SCREEN_WORDS = { "screen", "mammogram", "mammo", "mri", "checked", "start check", "her risk", "his risk", "their risk",
  "own risk", "at risk", "risk for her", "chances" }
-- The same need asked by the daughter or sister herself ("my mom has it, when should I start").
local FAMILY_RISK_SELF = {
  text = {
    "HER2 status belongs to the tumor and is not passed down, so you do not inherit a HER2 risk. But a mother with breast cancer raises your own risk, to about twice the average. It counts more if she was young when it was found, or if others in the family had breast or ovarian cancer. Still, most daughters never get it.",
    "If she has a gene test, such as for BRCA1 and BRCA2, the result shows if an inherited gene change runs in the family. It also shows if you could be tested too.",
    "Screening usually starts at 40. If she was diagnosed before 50, your doctor may start it about 10 years before the age she was, but not before 30. With a known gene change it can start sooner, with MRI.",
    "Next step: tell your own doctor her age at diagnosis and any gene results, and ask when you should start screening.",
  },
  sources = FAMILY_RISK.sources,
  suggest = FAMILY_RISK.suggest,
}
local ELDER = { "my mother", "my mom", "my mum", "my aunt", "my grandmother", "my gran", "my grandma", "my nan" }
local YOUNGER = { "my daughter", "my son", "my kids", "my children", "my girl", "my niece", "our kids", "our children" }
herald.on("testing.family_risk", function(q)
  local teen, who = teen_gene_test(q)
  if who == "self" then return teen end
  if q:mentions(ELDER) and not q:mentions(YOUNGER) then return FAMILY_RISK_SELF end
  return FAMILY_RISK
end)

-- A man asking whether men with breast cancer should have a gene test (probe 9,
-- R068) is not asking whether HER2 is inherited: "No." must not open the reply.
-- GENETIC_MEN is defined with the genetic-testing answers below.
local GENETIC_MEN
local MAN_ASKS = { "i'm a man", "im a man", "i am a man", "as a man", "i'm a guy", "im a guy", "i am male", "i'm male",
  "im male", "men with breast cancer", "men who have breast cancer", "men who get breast cancer", "male breast cancer",
  "a man with", "for men", "men should", "should men", "do men", "men get", "a man,", "a man and", "every man", "any man",
  "men with", "as a guy", "male patient" }
local GENE_TEST = { "genetic test", "gene test", "genetic testing", "genetic counsel", "brca", "tested for", "get tested",
  "be tested", "testing" }

herald.on("testing.inherited", function(q)
  local teen = teen_gene_test(q)
  if teen then return teen end
  if q:mentions(MAN_ASKS) and q:mentions(GENE_TEST) then return GENETIC_MEN end
  if q:mentions(SCREEN_WORDS) then
    if q:mentions(ELDER) and not q:mentions(YOUNGER) then return FAMILY_RISK_SELF end
    return FAMILY_RISK
  end
  local t = q.text
  local family = t:find("inherit") or t:find("hered") or t:find("genetic") or t:find("famil")
    or t:find("brca") or t:find("pass") or t:find("daughter") or t:find("kids") or t:find("children")
  return {
    text = (t:find("mutat") and not family) and MUTATION or INHERITED,
    sources = { "acs-her2", "nci-genetics", "asco-germline" },
    suggest = { "Should I get BRCA testing?", "What does HER2-positive mean?", "Can my HER2 status change?" },
  }
end)

-- Inherited (germline) testing: BRCA1/2 and genetic counseling. Who is offered
-- testing follows the ASCO-SSO guideline of 2024, not only family history.
-- Men with breast cancer are offered testing at any age (the guideline's recommendation 1.2;
-- probe 6, L11: a 68-year-old man was told it depends on family history).
local MEN_WORDS = { "male", " man ", " man's", " men ", " men's", "husband", "father", " dad", "my son", "brother", " he ",
  " he's", " his ", " him", "grandpa", "grandfather", "uncle", "boyfriend", " guy" }
GENETIC_MEN = {
  text = {
    "Yes. Men with breast cancer are offered BRCA1 and BRCA2 testing at any age, even with no cancer in the family.",
    "In men, breast cancer is linked to an inherited gene change more often than in women, most often in BRCA2. A result can shape treatment and screening, and it matters for children, brothers and sisters, who could then be tested too.",
    "The test uses a small sample of blood or saliva, and a genetic counselor explains what the result means.",
    "Next step: ask the care team for a referral to genetic counseling.",
  },
  sources = { "asco-germline", "nci-genetics", "nci-men" },
  suggest = { "Is HER2 inherited?", "How is breast cancer in men treated?", "What are risk factors for breast cancer?" },
}
local GENETIC = {
  text = {
    "Genetic testing looks for gene changes you were born with, such as in BRCA1 or BRCA2, that raise the risk of breast, ovarian and some other cancers. It is not the HER2 test, which is done on the tumor.",
    "A 2024 guideline from ASCO and the Society of Surgical Oncology says everyone newly diagnosed with breast cancer at 65 or younger should be offered BRCA1 and BRCA2 testing. Men are offered it at any age. After 65, it depends on your family history, your ancestry and your treatment choices. You do not need cancer in the family to be tested.",
    "The test uses a small sample of blood or saliva. A genetic counselor helps you decide and explains what the result means for you and your relatives. Results can shape surgery choices, some drug options, and screening for family members.",
    "Next step: ask your care team for a referral to genetic counseling.",
  },
  sources = { "asco-germline", "nci-genetics" },
  suggest = { "Is HER2 inherited?", "What are risk factors for breast cancer?", "Can I prevent breast cancer?" },
}
-- A man named as family history is not the one asking (clinical review
-- 2026-12-07c, item 6): "my dad had prostate cancer, should I get tested" asks
-- about the writer's own test, with his cancer as family history.
local SELF_ASKS = { "should i ", "can i ", "do i ", "could i ", "for me", "i get tested", "i be tested", "me tested",
  "i need", "me get", "my own" }
local FAMILY_MAN_LINE = "A father's or brother's cancer, such as prostate cancer or breast cancer in a man, counts as family history for you."
herald.on("testing.genetic", function(q)
  local teen = teen_gene_test(q)
  if teen then return teen end
  if q:mentions(MAN_ASKS) then return GENETIC_MEN end
  if q:mentions(MEN_WORDS) then
    if not q:mentions(SELF_ASKS) and not q:mentions({ "prostate" }) then return GENETIC_MEN end
    local text = {}
    for i, line in ipairs(GENETIC.text) do text[i] = line end
    text[#text - 1] = text[#text - 1] .. " " .. FAMILY_MAN_LINE
    return { text = text, sources = GENETIC.sources, suggest = GENETIC.suggest }
  end
  return GENETIC
end)

-- Reading a pasted pathology report line by line (probe 12: "translate my
-- report" with its HER2, ER, PR and Ki-67 lines got "can't help"). Each line
-- herald recognises is said in plain words, then the care team explains what it
-- means for this person. Cut-offs: HER2 by ASCO/CAP 2018 (IHC 3+ positive; 2+
-- borderline and decided by ISH; 1+, and 2+ with a negative ISH, HER2-low; 0
-- negative). ER and PR by ASCO/CAP 2020: 1% or more of cells is positive, 1 to
-- 10% is reported as "ER low positive", with little known about the benefit of
-- hormone therapy, and under 1% is negative; PR is read mostly beside ER.
-- Ki-67 has no cut-off all labs share. Grade 1 to 3 (Nottingham).
herald.source("asco-cap-er", { title = "Estrogen and Progesterone Receptor Testing in Breast Cancer: ASCO/CAP Guideline Update (2020)",
  publisher = "Journal of Clinical Oncology", url = "https://ascopubs.org/doi/10.1200/JCO.19.02309" })

-- The text right after the first of LABELS (Lua patterns) in MSG, cut where the
-- next result's own label starts, so "ER positive, PR negative" gives ER "positive".
local NEXT_LABEL = { "%f[%a]pr%f[%A]", "%f[%a]pgr%f[%A]", "%f[%a]progesterone", "%f[%a]er%f[%A]", "%f[%a]estrogen",
  "%f[%a]oestrogen", "%f[%a]her%s?%-?2", "%f[%a]her two", "%f[%a]ki%s?%-?67", "%f[%a]grade", "%f[%a]nottingham",
  "%f[%a]fish%f[%A]", "%f[%a]ish%f[%A]", "%f[%a]cish", "%f[%a]sish" }
local function window_after(msg, labels, span)
  local best, stop
  for _, label in ipairs(labels) do
    local i, j = msg:find(label)
    if i and (not best or i < best) then best, stop = i, j end
  end
  if not best then return nil end
  local w = msg:sub(stop + 1, stop + span)
  local cut = #w + 1
  for _, label in ipairs(NEXT_LABEL) do
    local k = w:find(label)
    if k and k < cut then cut = k end
  end
  return w:sub(1, cut - 1)
end
local function first_of(w, words)
  local at, which
  for key, list in pairs(words) do
    for _, word in ipairs(list) do
      local k = w:find(word)
      if k and (not at or k < at) then at, which = k, key end
    end
  end
  return which
end
local POS_NEG = { pos = { "%f[%a]pos", "%+" }, neg = { "%f[%a]neg", "%f[%a]not detected", "%f[%a]absent" } }
local function percent_in(w)
  if w:find("<%s*1%s*%%") then return 0 end
  local p = tonumber(w:match("(%d+%.?%d*)%s*%%") or w:match("(%d+%.?%d*)%s*percent") or "")
  if p then return p end
  -- A bare number right after the label ("PR 0", "ER: 90") is a percent, not a score ("3+").
  local n, rest = w:match("^[%s:=]*(%d+)(.?)")
  if n and rest ~= "+" and rest ~= "." and tonumber(n) <= 100 then return tonumber(n) end
  return nil
end
-- Normalising turns "<" into a space, so a report's "PR <1%" (negative) arrives
-- as "pr 1%"; "less than 1%" and "negative (<1%)" say the same in words. A bare
-- 1% is therefore read as "at the line" ("edge"), not as low positive
-- (clinical review 2026-12-07d: "PR <1%" was read as "about 1 in every 100
-- cells have receptors").
local UNDER_SAID = { "less than", "under", "below", "fewer than" }
local function receptor(msg, labels)
  local w = window_after(msg, labels, 40)
  if not w then return nil end
  local pct = percent_in(w)
  local said = first_of(w, POS_NEG)
  if pct and pct <= 1 then
    for _, u in ipairs(UNDER_SAID) do if w:find(u, 1, true) then return "neg", 0 end end
    if said == "neg" then return "neg", 0 end
    if pct == 1 and said ~= "pos" then return "edge", pct end
  end
  if pct then
    if pct < 1 then return "neg", pct end
    if pct <= 10 then return "low", pct end
    return "pos", pct
  end
  return said, nil
end
local function pct_text(p) return fmt(p) .. "%" end

local ER_LABELS = { "%f[%a]estrogen receptors?", "%f[%a]oestrogen receptors?", "%f[%a]er%f[%A]", "%f[%a]estrogen",
  "%f[%a]oestrogen" }
local PR_LABELS = { "%f[%a]progesterone receptors?", "%f[%a]pr%f[%A]", "%f[%a]pgr%f[%A]", "%f[%a]progesterone" }
-- An Allred score (0 to 8) said after ER or PR: "ER allred 7", "PR: Allred score 3/8", "ER 8/8".
local function allred_of(msg, labels)
  local w = window_after(msg, labels, 40)
  if not w then return nil end
  local n = w:match("allred%D-(%d)%f[%D]") or w:match("%f[%d](%d)%s*/%s*8%f[%D]")
  n = tonumber(n)
  if n and n <= 8 then return n end
  return nil
end
herald.source("bco-hr-read", { title = "How to Read Hormone Receptor Test Results", publisher = "Breastcancer.org",
  url = "https://www.breastcancer.org/symptoms/diagnosis/hormone_status/read_results" })
local HER2_LABELS = { "%f[%a]her%s?%-?2", "%f[%a]her two%f[%A]", "%f[%a]erbb2" }

local function her2_line(q, msg)
  local w = window_after(msg, HER2_LABELS, 90)
  local ihc = msg:find("%f[%a]ihc%f[%A]") and window_after(msg, { "%f[%a]ihc%f[%A]" }, 30)
  local score
  for _, part in ipairs({ w or "", ihc or "" }) do
    score = score or part:match("%f[%d]([0-3])%s?%+") or part:match("score%s*o?f?%s*([0-3])%f[%D]")
      or part:match("^%W*([0-3])%f[%D]")
  end
  local ish = settled_result(msg)
  local numbers = ish_numbers(q)
  if score == "3" then
    return "pos", "HER2 3+ is the highest score on this test. It means strong HER2 staining all around the edge of more than 1 in 10 cancer cells. HER2 is a protein that helps them grow, and this much of it means the cancer is HER2-positive. Drugs that target HER2, such as trastuzumab (Herceptin), are made for this kind of cancer."
  elseif score == "2" then
    if ish == "positive" then
      return "pos", "HER2 2+ is a borderline score, so a second test, ISH (often FISH), counted the HER2 gene copies. Your report says that test was positive, or amplified, so the cancer is HER2-positive and HER2 drugs are expected to help."
    elseif ish == "negative" then
      return "low", "HER2 2+ is a borderline score, so a second test, ISH (often FISH), counted the HER2 gene copies. Your report says it was not amplified, so the cancer counts as HER2-negative. With a 2+ score, that is called HER2-low."
    end
    return "mid", "HER2 2+ is a borderline score. A second test on the same sample, ISH (often FISH), decides whether the cancer is HER2-positive. Look for an ISH or FISH line on the report, or ask if that result is still to come."
  elseif score == "1" then
    return "low", "HER2 1+ means a little HER2 was seen. This is called HER2-low, and it still counts as HER2-negative, so trastuzumab (Herceptin) and pertuzumab (Perjeta) are not used for it. If the cancer ever spread, T-DXd (Enhertu) could be an option."
  elseif score == "0" then
    return "neg", "HER2 0 means little or no HER2 was seen, so the cancer is HER2-negative."
  end
  if numbers then return (ish == "positive") and "pos" or "mid", numbers.text[1] end
  if ish == "positive" then
    return "pos", "The ISH (FISH) line says amplified or positive. That means the cells have extra copies of the HER2 gene, so the cancer is HER2-positive."
  elseif ish == "negative" then
    return "neg", "The ISH (FISH) line says not amplified. That means the cells have a normal number of HER2 gene copies, so the cancer is HER2-negative by this test."
  end
  local said = w and first_of(w, POS_NEG)
  if said == "pos" then
    return "pos", "HER2-positive means the cancer cells make too much HER2, a protein that helps them grow. Drugs that target HER2, such as trastuzumab (Herceptin), are made for this kind of cancer."
  elseif said == "neg" then
    return "neg", "HER2-negative means the cancer does not make too much HER2, so the classic HER2 drugs are not used."
  end
  return nil
end

local GRADE_TEXT = {
  ["1"] = "Grade 1 means the cancer cells look a lot like normal cells and tend to grow slowly.",
  ["2"] = "Grade 2 means the cells look somewhat different from normal cells and grow at a middle pace.",
  ["3"] = "Grade 3 means the cells look very different from normal cells and tend to grow faster.",
}
local ROMAN = { i = "1", ii = "2", iii = "3" }
local function grade_of(msg)
  local g = msg:match("%f[%a]grade%s*:?%s*([1-3])%f[%D]") or msg:match("nottingham[^%.]-%f[%d]([1-3])%f[%D]")
  if g then return g end
  local r = msg:match("%f[%a]grade%s*:?%s*(i+)%f[%A]")
  if r then return ROMAN[r] end
  if msg:find("poorly differentiated", 1, true) then return "3" end
  if msg:find("moderately differentiated", 1, true) then return "2" end
  if msg:find("well differentiated", 1, true) then return "1" end
  return nil
end

local REPORT_CLOSE = "These lines are only part of the picture: the size, the lymph nodes and the stage matter too. Your care team will explain what your report means for you and your treatment. Next step: take the report to your next visit and ask them to go through it line by line."
local REPORT_GUIDE = herald.fixed {
  text = {
    "A breast pathology report describes the cancer the lab found in the tissue. The main lines are the type of cancer, its grade from 1 to 3, its size and the lymph nodes.",
    "ER and PR show, as a percent of cells, whether the cancer uses the hormones estrogen and progesterone to grow. HER2 is given as a score from 0 to 3+, sometimes with a second test called ISH or FISH. Some reports add Ki-67, the share of cells that are dividing.",
    "If you copy the lines into your message, I can put each one in plain words. Your care team will explain what the whole report means for you. Next step: ask for a copy of the report and a visit to go through it.",
  },
  sources = { "acs-her2", "acs-hr", "acs-grade", "nci-ki67" },
  suggest = { "What does HER2-positive mean?", "What is the difference between stage and grade?", "What is Ki-67?" },
}

-- ER or PR at 1%: under 1% is negative and 1 to 10% is low positive (ASCO/CAP
-- 2020), and a "<1%" cannot be told from "1%" once normalised.
local function EDGE_TEXT(label, hormone)
  return label .. " 1% sits right at the line. Under 1% counts as negative: the cancer does not use " .. hormone .. " to grow. Reports often show that with a less-than sign before the 1. From 1 to 10% counts as low positive. Check which one your report says, and ask your team to confirm it."
end

local ALLRED_LINE = {
  ER = { pos = "out of 8 counts as ER-positive: the Allred score adds how many cancer cells have estrogen receptors and how strongly they stain, and 3 to 8 is positive. The cancer uses estrogen to grow, so hormone therapy is expected to help.",
    neg = "out of 8 counts as ER-negative: on the Allred scale, 0 to 2 is negative. The cancer does not use estrogen to grow, so hormone therapy is not part of the plan for it." },
  PR = { pos = "out of 8 counts as PR-positive: on the Allred scale, 3 to 8 is positive. PR is read beside ER, which matters most for hormone therapy.",
    neg = "out of 8 counts as PR-negative: on the Allred scale, 0 to 2 is negative. PR is read beside ER, which matters most for hormone therapy." },
}
function read_report(q)
  local msg = (q.message or q.text):lower()
  local lines, sources = { "Here is what each line you sent means, in plain words." }, { "acs-her2" }
  local her2, her2_text = her2_line(q, msg)
  if her2_text then lines[#lines + 1] = her2_text; sources[#sources + 1] = "asco-cap-her2" end
  local er, er_pct = receptor(msg, ER_LABELS)
  local er_allred, pr_allred = allred_of(msg, ER_LABELS), allred_of(msg, PR_LABELS)
  if er_allred then
    er = er_allred >= 3 and "pos" or "neg"
    lines[#lines + 1] = "ER Allred " .. er_allred .. " " .. ALLRED_LINE.ER[er]
    sources[#sources + 1] = "bco-hr-read"
  elseif er == "pos" then
    lines[#lines + 1] = er_pct and ("ER " .. pct_text(er_pct) .. " means about " .. fmt(math.floor(er_pct + 0.5)) .. " in every 100 cancer cells have receptors for estrogen. The cancer is ER-positive: it uses estrogen to grow, so hormone therapy is expected to help.")
      or "ER-positive means the cancer has receptors for estrogen and uses it to grow, so hormone therapy is expected to help."
  elseif er == "low" then
    lines[#lines + 1] = "ER " .. pct_text(er_pct) .. " means only a few cancer cells have estrogen receptors. Labs call 1 to 10% ER-low positive. Less is known about how much hormone therapy helps these cancers, which often act more like ER-negative ones, so your team weighs it with you."
  elseif er == "edge" then
    lines[#lines + 1] = EDGE_TEXT("ER", "estrogen")
  elseif er == "neg" then
    lines[#lines + 1] = "ER-negative means the cancer does not use estrogen to grow, so hormone therapy is not part of the plan for it."
  end
  local pr, pr_pct = receptor(msg, PR_LABELS)
  if pr_allred then
    pr = pr_allred >= 3 and "pos" or "neg"
    lines[#lines + 1] = "PR Allred " .. pr_allred .. " " .. ALLRED_LINE.PR[pr]
    if not er_allred then sources[#sources + 1] = "bco-hr-read" end
  elseif pr == "pos" or pr == "low" then
    lines[#lines + 1] = pr_pct and ("PR " .. pct_text(pr_pct) .. " means about " .. fmt(math.floor(pr_pct + 0.5)) .. " in every 100 cancer cells have receptors for progesterone. PR is read beside ER, which matters most for hormone therapy.")
      or "PR-positive means the cancer has receptors for progesterone. PR is read beside ER, which matters most for hormone therapy."
  elseif pr == "edge" then
    lines[#lines + 1] = EDGE_TEXT("PR", "progesterone")
  elseif pr == "neg" then
    lines[#lines + 1] = er == "pos" and "PR-negative means no progesterone receptors were found. With a positive ER, hormone therapy can still help."
      or "PR-negative means no progesterone receptors were found."
  end
  if er or pr then sources[#sources + 1] = "asco-cap-er" end
  local ki = window_after(msg, { "%f[%a]ki%s?%-?67" }, 30)
  local ki_pct = ki and percent_in(ki)
  if ki_pct then
    lines[#lines + 1] = "Ki-67 " .. pct_text(ki_pct) .. " means about " .. fmt(math.floor(ki_pct + 0.5)) .. " in every 100 cancer cells were dividing when the sample was taken. A higher number means faster growth. Labs do not all draw the line between high and low in the same place, so ask where yours falls."
    sources[#sources + 1] = "nci-ki67"
  end
  local grade = grade_of(msg)
  if grade then lines[#lines + 1] = GRADE_TEXT[grade]; sources[#sources + 1] = "acs-grade" end
  if #lines == 1 then return REPORT_GUIDE end
  if her2 == "pos" and (er == "pos" or pr == "pos") then
    lines[#lines + 1] = "A cancer that is both hormone receptor-positive and HER2-positive is sometimes called triple-positive. Treatment then usually adds hormone therapy to the HER2 drugs and chemo."
  end
  lines[#lines + 1] = REPORT_CLOSE
  return { text = lines, sources = sources,
    suggest = { "What is triple-positive breast cancer?", "What is the difference between stage and grade?", "How is HER2-positive breast cancer treated?" } }
end
herald.on("testing.report", read_report)
herald.on("testing.hormone_receptor", function(q)
  if q:mentions({ "allred" }) then
    local msg = (q.message or q.text):lower()
    if allred_of(msg, ER_LABELS) or allred_of(msg, PR_LABELS) then return read_report(q) end
    return ALLRED
  end
  return HORMONE_RECEPTOR
end)

-- HER2-positive (3+) on the biopsy before treatment, then a lower score (1+, 0,
-- "negative") on the cancer left at surgery after chemo and HER2 drugs (probe
-- 12): not HER2-low, and not a wrong first test. HER2 can read lower after
-- treatment, and parts of one tumor can differ; the drug after surgery (T-DM1,
-- KATHERINE) is chosen on the result before treatment. The team decides.
local BEFORE_POS = { "3+", "3 +", "three plus", "her2 positive", "her2-positive", "her2+", "her 2 positive",
  "was positive", "were positive", "said positive", "positive at first", "first positive", "originally positive" }
local AFTER_LOWER = { "1+", "1 +", "one plus", "0+", "ihc 0", "score 0", "score of 0", "her2 0", "zero", "negative", "her2 low",
  "her2-low", "low now", "now low", "lower" }
local AFTER_TREATMENT = { "after chemo", "after treatment", "after the chemo", "after my chemo", "after surgery",
  "at surgery", "surgery report", "surgical", "residual", "left over", "leftover", "what was left", "was left",
  "remaining", "still there", "cancer left", "tumor left", "tumour left", "left behind", "mastectomy", "lumpectomy",
  "surgery pathology", "surgery path", "after neoadjuvant", "after the neoadjuvant" }
local HER2_AFTER = herald.fixed {
  text = {
    "Your treatment follows the first result, the HER2-positive biopsy taken before any treatment. A lower HER2 score on cancer left after chemo and HER2 drugs does not make the cancer HER2-low, and it does not mean the first test was wrong.",
    "This is not rare. Studies find it in roughly 1 to 4 of every 10 people with cancer left at surgery. The drugs may clear the cells with the most HER2, and one tumor can have areas with more and less HER2, so two samples can differ.",
    "Drugs given after surgery, such as T-DM1 (Kadcyla), are chosen on the positive result from before treatment. Your care team and pathologist read both reports together and decide.",
    "Next step: ask your care team whether the new result changes anything in your plan.",
  },
  sources = { "asco-cap-her2", "acs-her2", "label-tdm1" },
  suggest = { "What if there is cancer left after surgery?", "What is Kadcyla?", "Can my HER2 status change?" },
}
herald.source("label-tdm1")
-- A cancer that came back or spread is the status-change answer's ("came back
-- 1+" alone is a result coming back, so not that phrase).
local RECURRED = { "spread", "metasta", "recur", "new spot", "new tumor", "new tumour", "it came back", "has come back",
  "cancer came back", "cancer is back", "came back in my", "came back in the" }
-- Positive told as the first result, not asked ("was I HER2 positive after all?").
local WAS_POS = { "3+", "3 +", "three plus", "was her2 positive", "was her2-positive", "was her2+", "was her 2 positive",
  "was positive", "were positive", "originally positive", "positive at first", "first positive", "positive originally",
  "positive before", "positive the first time", "diagnosed her2 positive", "diagnosed as her2 positive" }
her2_changed_on_spread = function(q)
  return q:mentions(WAS_POS) and q:mentions(AFTER_LOWER) and q:mentions(RECURRED)
    and not q:mentions({ "was i her2", "am i her2", "was i positive", "am i positive" })
end
her2_after_treatment = function(q)
  if q:mentions(BEFORE_POS) and q:mentions(AFTER_LOWER) and q:mentions(AFTER_TREATMENT)
      and not q:mentions(RECURRED) then
    return HER2_AFTER
  end
  return nil
end

-- A teenager asking about their own gene test, or a parent about a child's
-- (probe 12): the adult rule (everyone diagnosed at 65 or younger) is for
-- people who have cancer. Testing starts with the relative who has cancer,
-- through genetic counseling; children and teens are usually not tested for
-- BRCA1/2, since these genes raise risk in adulthood and the extra checks
-- they lead to start in adulthood (Young Survival Coalition; NCI BRCA fact
-- sheet). Breast cancer in teens is very rare.
herald.source("ysc-minors", { title = "Should my young children have genetic testing for the BRCA mutations?",
  publisher = "Young Survival Coalition",
  url = "https://www.youngsurvival.org/breast-cancer-in-young-women/faq/should-my-young-children-have-genetic-testing-for-the-brca" })
local TEEN_CHILD_SAID = { "my teenage", "my teenager", "my teen ", "teenage daughter", "teenage son", "teenage kids",
  "teenage girls", "my young daughter", "my little girl", "my young kids", "my young children", "our teenage",
  "teen daughter", "teen son" }
local KID_WORDS = { "daughter", "son ", "son?", "sons", "kid", "child", "girl", "boy" }
-- Whether the message tells of a person under 18: "self" for the writer, "child" for the writer's child.
local function minor(q)
  if q:writer_is_minor() then return "self" end
  local msg = " " .. (q.message or q.text):lower() .. " "
  if q:mentions(TEEN_CHILD_SAID) then return "child" end
  local age = tonumber(msg:match("(%d%d?)[%s%-]*y?e?a?r?s?[%s%-]*old") or msg:match("(%d%d?)[%s%-]*years?%f[%A]")
    or msg:match("my %a+ is (%d%d?)%f[%D]") or msg:match("my %a+, (%d%d?)%f[%D]") or msg:match("(%d%d?)%s*y/?o%f[%A]") or "")
  if age and age < 18 and q:mentions(KID_WORDS) then return "child" end
  return nil
end
local TEEN_SELF = herald.fixed {
  text = {
    "It makes sense to wonder about this. Most breast cancer is not passed down in families, and HER2 is a change inside the tumor that you cannot inherit. Breast cancer in teens is very rare.",
    "A gene test, such as for BRCA1 and BRCA2, usually starts with the person who has cancer, with a genetic counselor. If it finds a gene change, family members can be tested too, most often once they are adults. That is because these genes matter for adult health, and the extra checks they lead to start in adulthood.",
    "You do not need any tests now. Next step: talk with your parent, or another adult you trust, about your worries, and ask if their care team offered a gene test.",
  },
  sources = { "ysc-minors", "nci-genetics", "acs-risk-fixed" },
  suggest = { "Is HER2 inherited?", "How can I support my mom through cancer?", "What are risk factors for breast cancer?" },
}
local TEEN_CHILD = herald.fixed {
  text = {
    "Children and teens are usually not tested for BRCA1 or BRCA2 gene changes. These genes raise cancer risk in adults, and a result would not change a child's care, so testing waits until they can choose for themselves as adults.",
    "The test usually starts with the person who has cancer. If you carry a gene change, a genetic counselor can plan with you when your children could be tested, and what checks they would need as adults.",
    "HER2 itself is not passed down to children. Next step: ask your care team about genetic counseling for yourself, and ask the counselor about your children.",
  },
  sources = { "ysc-minors", "nci-genetics", "asco-germline" },
  suggest = { "How do I tell my kids I have cancer?", "Is HER2 inherited?", "What are risk factors for breast cancer?" },
}
teen_gene_test = function(q)
  local who = minor(q)
  if who == "self" then return TEEN_SELF, who end
  if who == "child" then return TEEN_CHILD, who end
  return nil
end

-- Tumor gene-expression tests (probe 12). Oncotype DX and MammaPrint estimate
-- the benefit of chemo in hormone receptor-positive, HER2-negative early
-- cancer (ACS, breast cancer gene expression tests). HER2-positive cancer is
-- treated with HER2 drugs, usually with chemo, planned from size and nodes;
-- small node-negative cancers can get a lighter plan (weekly paclitaxel with
-- trastuzumab, APT).
herald.source("acs-gene-expression", { title = "Breast Cancer Gene Expression Tests", publisher = "American Cancer Society",
  url = "https://www.cancer.org/cancer/types/breast-cancer/understanding-a-breast-cancer-diagnosis/breast-cancer-gene-expression-tests.html" })
herald.answer("testing.genomic", {
  text = {
    "Tests such as Oncotype DX and MammaPrint look at a group of genes in the tumor. They were made for early cancer that is hormone receptor-positive and HER2-negative. They help show who needs chemo.",
    "They are not used to decide on chemo for HER2-positive cancer. This cancer is treated with HER2 drugs, most often with chemo, since the two work well together. The plan rests mostly on the size of the tumor and the lymph nodes.",
    "For a small HER2-positive cancer, a lighter plan is often possible, such as weekly paclitaxel with trastuzumab (Herceptin). Next step: ask your care team why your plan has chemo, and whether a lighter plan could fit you.",
  },
  sources = { "acs-gene-expression", "acs-her2" },
  suggest = { "Is chemotherapy always needed with HER2 therapy?", "What is the treatment for a small node-negative tumor?", "What is triple-positive breast cancer?" },
})
