--[[
herald.lua: the SDK every plugin gets as the global `herald`.

The host (core/engine/sandbox.c) runs this file once in each plugin's own Lua state,
before the plugin, passing a table of host functions. It returns the public API
(injected into the plugin's environment as `herald`) and the private dispatcher
the host calls to answer a question. docs/plugins.md documents the API.
]]

local host = ...

local type, pairs, ipairs, tostring, error = type, pairs, ipairs, tostring, error
local concat, insert = table.concat, table.insert
local gsub, match, format = string.gsub, string.match, string.format
local lower, find = string.lower, string.find
-- The longest answer text the host accepts; it says so in its host table.
local TEXT_MAX = host.text_max

local api = {}
local handlers = {}  -- intent name -> function(q) returning an answer table
local sources = {}   -- source id -> { title, publisher, url }
local meta = { reviewed = "", review_by = "", reviewed_by = "", title = "" }

local function fail(level, fmt, ...)
  error(format(fmt, ...), level + 1)
end

local function check_date(s, what)
  if type(s) ~= "string" or not match(s, "^%d%d%d%d%-%d%d%-%d%d$") then
    fail(3, "%s must be a date written YYYY-MM-DD", what)
  end
end

--- Describes the plugin: herald.about{ title = "...", reviewed = "2026-11-20",
-- reviewed_by = "Name, role", review_by = "2027-11-20", draft = true }.
-- `reviewed` is when a person last checked the content against its sources and
-- `reviewed_by` who that was (shown in `herald review`, the book clinicians sign);
-- `review_by` (default: a year later) is when `herald check` starts to flag it.
function api.about(t)
  if type(t) ~= "table" then fail(2, "herald.about expects a table") end
  -- A draft (docs/plugins.md, Drafts) is never served, and nobody has
  -- reviewed it yet: its review date may stay empty until it is written.
  meta.draft = t.draft == true
  if meta.draft and (t.reviewed == nil or t.reviewed == "") then
    meta.reviewed, meta.review_by = "", ""
    meta.title = t.title or ""
    return
  end
  check_date(t.reviewed, "reviewed")
  meta.reviewed = t.reviewed
  if t.review_by ~= nil then
    check_date(t.review_by, "review_by")
    meta.review_by = t.review_by
  else
    local y, rest = match(t.reviewed, "^(%d%d%d%d)(.*)$")
    meta.review_by = tostring(tonumber(y) + 1) .. rest
  end
  if t.reviewed_by ~= nil then
    if type(t.reviewed_by) ~= "string" or #t.reviewed_by > 120 then
      fail(2, "reviewed_by must be a string of at most 120 characters")
    end
    meta.reviewed_by = t.reviewed_by
  end
  meta.title = t.title or ""
end

--- Facts that belong to one value of a slot, most often one drug:
--   local LUNG = herald.facts("drug", { t_dxd = { "sentence", ... }, t_dm1 = "sentence" })
--   LUNG:get(q)      -- the facts for q:slot("drug"), or nil
--   LUNG:of("t_dm1") -- the facts for one value, or nil
-- Every entry is fixed text written for its own key: functions (which could
-- put one drug's name into another drug's sentence) are refused at load, so a
-- drug's answer can only ever carry sentences written for that drug.
local Facts = {}
Facts.__index = Facts

function api.facts(slot, t)
  if type(slot) ~= "string" or type(t) ~= "table" then
    fail(2, "herald.facts expects a slot name and a table of facts")
  end
  local by = {}
  for key, v in pairs(t) do
    if type(key) ~= "string" then fail(2, "herald.facts: keys are slot values (strings)") end
    if type(v) == "string" then v = { v } end
    if type(v) ~= "table" or #v == 0 then
      fail(2, "herald.facts: the facts for %s must be a sentence or a list of sentences", key)
    end
    local copy = {}
    for i, sentence in ipairs(v) do
      if type(sentence) ~= "string" or sentence == "" then
        fail(2, "herald.facts: %s[%d] must be a non-empty string", key, i)
      end
      copy[i] = sentence
    end
    by[key] = copy
  end
  return setmetatable({ slot = slot, by = by }, Facts)
end

-- A fresh copy each time, so an answer that adds to its list cannot change
-- what the next answer gets.
function Facts:of(value)
  local v = value and self.by[value]
  if not v then return nil end
  local copy = {}
  for i, sentence in ipairs(v) do copy[i] = sentence end
  return copy
end

function Facts:get(q)
  return self:of(q:slot(self.slot))
end

-- Sources that several plugins cite, stated once here so that every plugin
-- links a drug's label (or an FDA notice) by the same title and address: a
-- corrected set id or application number is corrected everywhere at once.
-- A plugin registers one with herald.source(id), without a table.
-- Each DailyMed set id and Drugs@FDA application number was checked in December
-- 2026 (docs/clinical-review.md lists how, id by id); a clinician's sign-off
-- still includes opening each link.
local DM = "DailyMed, US National Library of Medicine"
local DFDA = "Drugs@FDA, US Food and Drug Administration"
local FDA = "US Food and Drug Administration"
local function dailymed(title, setid)
  return { title = title, publisher = DM, url = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=" .. setid }
end
local function drugsfda(title, appl)
  return { title = title, publisher = DFDA,
    url = "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo=" .. appl }
end
local FDA_AI = "https://www.fda.gov/drugs/resources-information-approved-drugs/"
local SHARED = {
  -- US prescribing information (labels).
  ["label-trastuzumab"] = dailymed("Herceptin (trastuzumab) prescribing information", "492dbdb2-077e-4064-bff3-372d6af0a7a2"),
  ["label-hylecta"] = drugsfda("Herceptin Hylecta (trastuzumab and hyaluronidase) prescribing information", "761106"),
  ["label-pertuzumab"] = dailymed("Perjeta (pertuzumab) prescribing information", "17f85d17-ab71-4f5b-9fe3-0b8c822f69ff"),
  ["label-phesgo"] = drugsfda("Phesgo (pertuzumab, trastuzumab and hyaluronidase) prescribing information", "761170"),
  ["label-tdm1"] = dailymed("Kadcyla (ado-trastuzumab emtansine) prescribing information", "23f3c1f4-0fc8-4804-a9e3-04cf25dd302e"),
  ["label-tdxd"] = dailymed("Enhertu (fam-trastuzumab deruxtecan-nxki) prescribing information", "7e67e73e-ddf4-4e4d-8b50-09d7514910b6"),
  ["label-tucatinib"] = drugsfda("Tukysa (tucatinib) prescribing information", "213411"),
  -- DailyMed's page for generic lapatinib tablets (same label as Tykerb; set id
  -- checked against openFDA NDC record 0480-3237). Tykerb's own DailyMed set id
  -- was not found in a checkable record (content12, 2026-12-07), nor Tukysa's.
  ["label-lapatinib"] = dailymed("Lapatinib (Tykerb) prescribing information, generic lapatinib tablets",
    "b09abf73-1eef-4e12-b400-c030d546d223"),
  ["label-neratinib"] = dailymed("Nerlynx (neratinib) prescribing information", "d1e41dcf-e82a-47c2-a0ad-6c6eef621834"),
  ["label-margetuximab"] = drugsfda("Margenza (margetuximab) prescribing information", "761150"),
  ["label-capecitabine"] = dailymed("Capecitabine (Xeloda) prescribing information", "06a88b03-6c06-4dae-b3bc-1e8dd81c9067"),
  ["label-paclitaxel"] = dailymed("Paclitaxel prescribing information", "ea28753a-8631-460a-bfdc-b101eb8ac84a"),
  ["label-docetaxel"] = dailymed("Docetaxel prescribing information", "6b9999bb-869e-4d25-838c-23c3ab280044"),
  ["label-carboplatin"] = dailymed("Carboplatin prescribing information", "f91c48da-68d1-4aa7-89b8-d84a3e8b629b"),
  ["label-doxorubicin"] = dailymed("Doxorubicin prescribing information", "1fd148fb-0fbc-4b6f-b790-23546fb46a71"),
  ["label-epirubicin"] = dailymed("Epirubicin (Ellence) prescribing information", "0a03c798-a652-4895-b29c-3b521a89ba42"),
  ["label-cyclophosphamide"] = drugsfda("Cyclophosphamide prescribing information", "212501"),
  ["label-tamoxifen"] = dailymed("Tamoxifen prescribing information", "1e6ff055-590c-41e6-9530-1fdf04cdbd02"),
  ["label-letrozole"] = dailymed("Letrozole prescribing information", "82b77d74-085f-45ac-a7dd-1f5c038bf406"),
  ["label-anastrozole"] = dailymed("Anastrozole prescribing information", "acbfaaa9-503c-4691-9828-76a7146ed6de"),
  ["label-exemestane"] = dailymed("Exemestane prescribing information", "cf066b7a-032a-416c-8d40-15ba581423e3"),
  ["label-goserelin"] = dailymed("Zoladex (goserelin) prescribing information", "294b168b-6e5f-4db9-bf70-d599271458b3"),
  ["label-zoledronic"] = drugsfda("Zometa (zoledronic acid) prescribing information", "021223"),
  ["label-xgeva"] = dailymed("Xgeva (denosumab) prescribing information", "628f0998-1206-4001-aeee-18133aa9f3bf"),
  ["label-prolia"] = drugsfda("Prolia (denosumab) prescribing information", "125320"),
  -- FDA notices, for what changed and when.
  ["fda-tdxd-early"] = { title = "FDA approval of Enhertu for two uses in HER2-positive early-stage breast cancer (May 15, 2026)",
    publisher = FDA, url = FDA_AI .. "fda-approves-two-separate-indications-fam-trastuzumab-deruxtecan-nxki-her2-positive-early-stage" },
  ["fda-tdxd-ultralow"] = { title = "FDA approval of Enhertu for HR-positive, HER2-low or HER2-ultralow cancer that has spread (January 27, 2025)",
    publisher = FDA, url = FDA_AI .. "fda-approves-fam-trastuzumab-deruxtecan-nxki-unresectable-or-metastatic-hr-positive-her2-low-or-her2" },
  ["fda-tdxd-db09"] = { title = "FDA approval of Enhertu with pertuzumab as a first treatment when HER2-positive cancer has spread (December 15, 2025)",
    publisher = "CancerNetwork, reporting the FDA notice",
    url = "https://www.cancernetwork.com/view/fda-approves-t-dxd-plus-pertuzumab-in-metastatic-her2-breast-cancer" },
  ["fda-dpd"] = { title = "Safety labeling update for capecitabine and fluorouracil on DPD deficiency (February 5, 2026)",
    publisher = FDA, url = FDA_AI .. "safety-labeling-update-capecitabine-and-fluorouracil-5-fu-risks-associated-dihydropyrimidine" },
  ["fda-biosimilars"] = { title = "Biosimilar Product Information", publisher = FDA,
    url = "https://www.fda.gov/drugs/biosimilars/biosimilar-product-information" },
  ["accc-poherdy"] = { title = "FDA Approves New Interchangeable Biosimilar to Perjeta (November 13, 2025)",
    publisher = "Association of Cancer Care Centers",
    url = "https://www.accc-cancer.org/state-societies/West-Virginia/corporate-members/industry-news/fda-approves-new-interchangeable-biosimilar-to-perjeta" },
}

--- Registers a source once so answers can cite it by id:
-- herald.source("acs-her2", { title = "...", publisher = "...", url = "https://..." }).
-- herald.source("label-trastuzumab"), with no table, registers the shared
-- definition of a source several plugins cite (SHARED above).
function api.source(id, t)
  if t == nil and type(id) == "string" then
    local s = SHARED[id]
    if not s then fail(2, "herald.source: %s is not a shared source; give a table with its title and url", id) end
    sources[id] = { title = s.title, publisher = s.publisher, url = s.url }
    return
  end
  if type(id) ~= "string" or type(t) ~= "table" or type(t.title) ~= "string" then
    fail(2, "herald.source expects an id and a table with a title")
  end
  if t.url ~= nil and (type(t.url) ~= "string" or not match(t.url, "^https?://")) then
    fail(2, "source %s: url must start with http:// or https://", id)
  end
  sources[id] = { title = t.title, publisher = t.publisher, url = t.url }
end

local function register(intent, fn, level)
  if type(intent) ~= "string" or not match(intent, "^[%l%d_]+[%l%d_%.]*$") then
    fail(level, "intent names are dotted lower-case words, got %s", tostring(intent))
  end
  if handlers[intent] then fail(level, "this plugin already answers %s", intent) end
  handlers[intent] = fn
end

-- The intents answered with a fixed table, and that table normalised at its
-- first question: the same every time, so it is built once, not for every
-- question (docs/performance.md, issue 20's fifth round). Not at load, where
-- a source it names may not be registered yet.
local fixed, fixed_out = {}, {}

--- Answers INTENT with a fixed answer table (see herald.on for its fields).
-- The table is read once, at the first question it answers.
function api.answer(intent, spec)
  if type(spec) ~= "table" then fail(2, "herald.answer expects an answer table") end
  register(intent, function() return spec end, 3)
  fixed[intent] = true
end

-- Answer tables a handler returns whole (herald.fixed), by identity, and
-- their normalised form, made at the first question one answers: a handler
-- that returns a fixed table unless a special case applies pays for its
-- checks, not for normalising the same table again (docs/performance.md, the
-- seventh round).
local fixed_spec, fixed_spec_out = {}, {}

--- Marks T, an answer table a handler returns as it is, as fixed: never
-- changed after load. It is read once, at the first question it answers.
function api.fixed(t)
  if type(t) ~= "table" then fail(2, "herald.fixed expects an answer table") end
  fixed_spec[t] = true
  return t
end

--- Answers INTENT with FN(q), which returns an answer table:
--   { text = "..." or { "sentence", ... }, speech = "..." (optional),
--     sources = { "id" or { title=, publisher=, url= }, ... },
--     suggest = { "next question", ... }, remember = { drug = "trastuzumab" } }
-- q has: intent, text (normalised), slots, context, previous, and q:slot(name),
-- which looks in this question's slots first, then in the conversation.
function api.on(intent, fn)
  if type(fn) ~= "function" then fail(2, "herald.on expects a function") end
  register(intent, fn, 3)
end

-- Respellings, a word said as other words ("HER2" as "her two", "T-DM1" as
-- "T D M one"): the host hands over those of the pronunciation lexicon
-- (voice/lexicon.txt), the one list of them, which the voice path's
-- synthesiser says too. Looked up in lower case: "HER2" and "her2" alike.
local respell = host.respell or {}

-- Symbols and abbreviations with dots, said as words (respellings are the
-- lexicon's).
local spoken = {
  { "#(%a)", "hashtag %1" }, { "e%.g%.", "for example" }, { "i%.e%.", "that is" },
  { "vs%.", "versus" }, { "%&", " and " },
}

-- The respelling of the word W, or else of each part of a hyphenated word
-- ("HER2-targeted" -> "her two-targeted"); nil leaves W as it is.
local function respell_word(w)
  local r = respell[lower(w)]
  if r or not find(w, "-", 1, true) then return r end
  return (gsub(w, "[^%-]+", function(part) return respell[lower(part)] end))
end

--- Turns written text into a form fit for text-to-speech: no URLs, brackets
-- or symbols, the lexicon's respellings said ("HER2" as "her two", "IHC" as
-- "I H C").
function api.speech(text)
  -- Dozens of gsub passes follow: bound their input first, so a long text
  -- fails clearly instead of using the call's budget (the host refuses longer
  -- text anyway).
  if #text > TEXT_MAX then fail(2, "text is over %d bytes", TEXT_MAX) end
  local s = text
  s = gsub(s, "https?://%S+", "")
  -- Anchored at word starts so a long run of letters is scanned once, not
  -- once per letter.
  s = gsub(s, "%f[%w][%w%.%-]+%.org%f[%W]", function(d) return (gsub(d, "%.", " dot ")) end)
  for _, pair in ipairs(spoken) do s = gsub(s, pair[1], pair[2]) end
  -- Word by word (a word being letters, digits and hyphens): each run is
  -- scanned once.
  s = gsub(s, "%w[%w%-]*", respell_word)
  s = gsub(s, "(%d)%+", "%1 plus")
  s = gsub(s, "(%d)%%", "%1 percent")
  s = gsub(s, "(%d) ?F%f[%W]", "%1 degrees Fahrenheit")
  s = gsub(s, "(%d) ?C%f[%W]", "%1 degrees Celsius")
  s = gsub(s, "(%d)%-(%d)", "%1 to %2")
  s = gsub(s, "%s*%(", ", ")
  s = gsub(s, "%)", ",")
  s = gsub(s, "[%[%]{}<>*_~|\"]", "")
  s = gsub(s, "%s/%s", " or ")
  s = gsub(s, ",%s*([,%.;:!?])", "%1")
  s = gsub(s, "%s+", " ")
  s = gsub(s, "^%s+", "")
  s = gsub(s, "%s+$", "")
  return s
end

local function as_text(v, what)
  if type(v) == "string" then return v end
  if type(v) == "table" then
    for i, part in ipairs(v) do
      if type(part) ~= "string" then fail(4, "%s[%d] is not a string", what, i) end
    end
    return concat(v, " ")
  end
  fail(4, "%s must be a string or a list of strings", what)
end

-- The speech forms of the answer texts given lately. Most answers are fixed
-- text, and the dozens of gsub passes of herald.speech are the costliest step
-- of an answer (about a hundred microseconds, against ten for the rest), so a
-- text is converted once. Bounded: the table is dropped whole when full.
local SPEECH_MEMO_MAX = 128
local speech_memo, speech_memo_n = {}, 0

local function speech_of(text)
  local s = speech_memo[text]
  if s then return s end
  s = api.speech(text)
  if speech_memo_n >= SPEECH_MEMO_MAX then speech_memo, speech_memo_n = {}, 0 end
  speech_memo[text] = s
  speech_memo_n = speech_memo_n + 1
  return s
end

-- Turns a handler's answer table into the plain shape the host converts to C.
local function normalise(spec)
  if type(spec) == "string" then spec = { text = spec } end
  if type(spec) ~= "table" then fail(3, "a handler must return an answer table") end
  local out = { text = as_text(spec.text, "text") }
  if #out.text > TEXT_MAX then fail(3, "text is over %d bytes", TEXT_MAX) end
  out.speech = spec.speech and as_text(spec.speech, "speech") or speech_of(out.text)
  out.sources = {}
  for i, s in ipairs(spec.sources or {}) do
    local src = s
    if type(s) == "string" then
      src = sources[s]
      if not src then fail(3, "source %q was never registered with herald.source", s) end
    elseif type(s) ~= "table" or type(s.title) ~= "string" then
      fail(3, "sources[%d] must be a source id or a table with a title", i)
    end
    insert(out.sources, src)
  end
  out.suggestions = {}
  for i, s in ipairs(spec.suggest or spec.suggestions or {}) do
    if type(s) ~= "string" then fail(3, "suggest[%d] is not a string", i) end
    insert(out.suggestions, s)
  end
  out.remember = {}
  for k, v in pairs(spec.remember or {}) do
    if type(k) == "string" and type(v) == "string" then out.remember[k] = v end
  end
  return out
end

local Question = {}
Question.__index = Question

--- Returns slot NAME from this question, else from the conversation, else nil.
function Question:slot(name)
  return self.slots[name] or self.context[name]
end

--- Whether the whole message (q.message: the question and the story around
-- it) contains any of WORDS, plain substrings of the normalised text
-- ("liver", "hot fl"). TEXT, when given, is searched instead.
-- The search is the host's (host.mentions): one call for the whole list.
local host_mentions = host.mentions
function Question:mentions(words, text)
  return host_mentions(text or self.message or self.text, words)
end

-- Whether the person with the cancer is a man. The answers that differ for
-- men (fertility, tamoxifen's side effects, the hormone pills) ask this one
-- question instead of each keeping a word list: three lists had drifted, and
-- "my husband is worried, can I still have a baby?" got sperm banking. A man
-- is the patient when the writer says he is one ("I'm a man", "57M", "my
-- sperm") or names a male patient ("my husband is on tamoxifen", "he was
-- diagnosed", "for him"), unless the writer also tells of herself or another
-- woman as the patient ("and now me", "my periods", "my wife", "she's on").
local MAN_SELF = { "i'm a man", "im a man", "i am a man", "as a man", "i'm male", "im male", "i am male", "as a male",
  "i'm a guy", "im a guy", "i am a guy", "as a guy", "male breast", "breast cancer in men", "men with breast",
  "men get ", "do men ", "can men ", "for men", "a man's", "a man get", "a man have", "a man take", "men take",
  "my sperm", "bank sperm", "sperm bank", "banking sperm", "sperm count", "father a child", "father children",
  "father kids", "father a baby", "get my wife pregnant", "get my partner pregnant", "get my girlfriend pregnant",
  "my testicles", "my testes", "year old man", "year-old man", "year old male", "year-old male", "yr old man",
  "yr old male", " yo man", " yo male" }
local MAN_PATIENT = { " he is on ", " he's on ", " hes on ", " he takes ", " he is taking ", " he's taking ",
  " he was diagnosed", " he's been diagnosed", " he has been diagnosed", " he got diagnosed", " he has breast",
  " he has her2", " he has stage", " he had breast", " for him", " his chemo", " his treatment", " his fertility",
  " his sperm", " his cancer", " his tamoxifen", " his herceptin", " his hormone", " his doctor", " his oncologist" }
-- "my husband is on ...", "my dad's chemo": a male relative and what makes
-- him the patient, tried where the relative is named (not every pair kept as
-- a string: this module is loaded into every plugin's state).
local MALE_KIN = { "husband", "dad", "father", "boyfriend", "son", "brother", "grandpa", "grandfather", "uncle",
  "fiance", "fiancé" }
local KIN_PATIENT = { " is on ", "'s on ", " takes ", " is taking ", " has breast", " has her2", " has stage",
  " has cancer", " has been diagnosed", " was diagnosed", " got diagnosed", " had breast", "'s cancer",
  "'s treatment", "'s chemo", "'s tamoxifen", "'s fertility" }
local function names_male_patient(m)
  if host_mentions(m, MAN_PATIENT) then return true end
  for _, who in ipairs(MALE_KIN) do
    local at = find(m, " my " .. who, 1, true)
    while at do
      local after = at + 4 + #who
      for _, tail in ipairs(KIN_PATIENT) do
        if find(m, tail, after, true) == after then return true end
      end
      at = find(m, " my " .. who, at + 1, true)
    end
  end
  return false
end
local WOMAN_PATIENT = { " my wife", " she is on ", " she's on ", " she takes ", " she was diagnosed", " her chemo",
  " her treatment", " my mom", " my mother", " my daughter", " my sister", " my girlfriend", " my period", " my ovar",
  " my eggs", " menopaus", " breastfeed", " i get pregnant", " i still get pregnant", " i'm pregnant", " i am pregnant",
  " im pregnant", " carry a baby", " i have a baby", " i still have a baby", " now me", " and me ", " me too",
  " now it's me", " now its me", " now i ", " i'm on ", " im on ", " i am on ", " i take ", " i was diagnosed",
  " i have breast", " i have her2", " i've been diagnosed", " i have been diagnosed" }
-- What every pattern that reads an age after "I'm" or "I am" holds, looked for
-- first in one call: each pattern begins with a character class or frontier,
-- so a message without these words was scanned at every position by four to
-- six patterns, ~63,000 instructions on "what are the chances of surviving
-- her2 positive breast cancer" (docs/performance.md, twelfth round).
local AGE_CUE = { "im", "i'm", "i am" }
function Question:about_a_man()
  local m = " " .. (self.message or self.text):lower() .. " "
  if host_mentions(m, MAN_SELF) or m:find("^%W*%d%d ?m%f[%W]") or m:find("^%W*m ?%d%d%f[%W]") then return true end
  -- "I'm 34M", "i am 52 m" (clinical review 2026-12-07d: "i'm 34M" got eggs and ovaries).
  if host_mentions(m, AGE_CUE) and (m:find("%f[%w]i'?m %d%d ?m%f[%W]") or m:find("%f[%w]i am %d%d ?m%f[%W]")) then
    return true
  end
  return names_male_patient(m) and not host_mentions(m, WOMAN_PATIENT)
end

--- Whether the writer tells of being under 18: "I'm a teenager", "in high
-- school", "I'm 15" (an age 10 to 17, not "15 weeks pregnant" or "12 cycles
-- in"). The answers that speak to a teen (their own risk, their own gene
-- test) ask this one question; three plugins had kept copies of it.
local MINOR_SAID = { "i'm a teen", "im a teen", "i am a teen", "i'm a teenager", "im a teenager", "i am a teenager",
  "in high school", "in middle school", "in year 9", "in year 10", "in year 11", "in 8th grade", "in 9th grade",
  "in 10th grade", "in 11th grade", "i'm only a kid", "im only a kid", "i'm a kid", "im a kid" }
local AGE_SAID = { "[%s%p]i'?m%s+only%s+(%d%d?)%f[%D]", "[%s%p]i'?m%s+(%d%d?)%f[%D]", "[%s%p]i am%s+(%d%d?)%f[%D]",
  "[%s%p]i am only%s+(%d%d?)%f[%D]" }
local NOT_AGE = { "^week", "^month", "^day", "^cycle", "^round", "^dose", "^mg" }
function Question:writer_is_minor()
  local m = " " .. (self.message or self.text):lower() .. " "
  if host_mentions(m, MINOR_SAID) then return true end
  if not host_mentions(m, AGE_CUE) then return false end
  for _, pat in ipairs(AGE_SAID) do
    local _, stop, n = find(m, pat)
    n = tonumber(n or "")
    if n and n >= 10 and n < 18 then
      local unit = match(m, "^%s*(%a*)", stop + 1) or ""
      local age = true
      for _, u in ipairs(NOT_AGE) do
        if find(unit, u) then age = false end
      end
      if age then return true end
    end
  end
  return false
end

--- Hands the question to the handler of another intent, in this plugin or
-- another: `return herald.hand_over("care.caregiver")`. For a need one
-- plugin owns that another plugin's intent is also asked for (leave to care
-- for a spouse, asked as a work question), so that its answer is written once.
-- TARGET may be a handler that no intents file routes to, kept for
-- hand-overs. The receiving handler sees the same question (q.intent is its
-- own) and cannot hand over again; the answer is still reported as the
-- routed intent's, so the conversation and the client see what was asked.
local hand_overs = {} -- intent name -> the one table returned for it
function api.hand_over(intent)
  if type(intent) ~= "string" or not match(intent, "^[%l%d_]+[%l%d_%.]*$") or #intent >= 64 then
    fail(2, "herald.hand_over needs an intent name such as \"care.caregiver\", got %s", tostring(intent))
  end
  local t = hand_overs[intent]
  if not t then
    t = { hand_over = intent }
    hand_overs[intent] = t
  end
  return t
end

-- Called by the host: answers q.intent and returns the normalised answer.
local function dispatch(q)
  local intent = q.intent
  local out = fixed_out[intent]
  if out then return out end
  local h = handlers[intent]
  if not h then error("no handler for " .. tostring(intent), 0) end
  setmetatable(q, Question)
  local spec = h(q)
  if spec ~= nil then
    if type(spec) == "table" and hand_overs[rawget(spec, "hand_over")] == spec then return spec end
    out = fixed_spec_out[spec]
    if out then return out end
  end
  out = normalise(spec)
  if fixed[intent] then
    fixed_out[intent] = out
  elseif fixed_spec[spec] then
    fixed_spec_out[spec] = out
  end
  return out
end

--- Writes a debug line to the daemon log, tagged with the plugin's name.
-- Never pass what the person wrote: logs must not carry health information.
function api.log(msg)
  host.log(tostring(msg))
end

return api, dispatch, handlers, meta
