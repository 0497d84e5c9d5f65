--[[
herald.lua: the SDK every plugin gets as the global `herald`.

The host (core/sandbox.c) runs this file once in each plugin's own Lua state,
before the plugin, passing a table of host functions. It returns the public API
(injected into the plugin's environment as `herald`) and the private dispatcher
the host calls to answer a question. docs/plugins.md documents the API.
]]

local host = ...

local type, pairs, ipairs, tostring, error = type, pairs, ipairs, tostring, error
local concat, insert = table.concat, table.insert
local gsub, match, format = string.gsub, string.match, string.format
-- The longest answer text the host accepts; it says so in its host table.
local TEXT_MAX = host.text_max

local api = {}
local handlers = {}  -- intent name -> function(q) returning an answer table
local sources = {}   -- source id -> { title, publisher, url }
local meta = { reviewed = "", review_by = "", title = "" }

local function fail(level, fmt, ...)
  error(format(fmt, ...), level + 1)
end

local function check_date(s, what)
  if type(s) ~= "string" or not match(s, "^%d%d%d%d%-%d%d%-%d%d$") then
    fail(3, "%s must be a date written YYYY-MM-DD", what)
  end
end

--- Describes the plugin: herald.about{ title = "...", reviewed = "2026-11-20", review_by = "2027-11-20" }.
-- `reviewed` is when a person last checked the content against its sources;
-- `review_by` (default: a year later) is when `herald check` starts to flag it.
function api.about(t)
  if type(t) ~= "table" then fail(2, "herald.about expects a table") end
  check_date(t.reviewed, "reviewed")
  meta.reviewed = t.reviewed
  if t.review_by ~= nil then
    check_date(t.review_by, "review_by")
    meta.review_by = t.review_by
  else
    local y, rest = match(t.reviewed, "^(%d%d%d%d)(.*)$")
    meta.review_by = tostring(tonumber(y) + 1) .. rest
  end
  meta.title = t.title or ""
end

--- Registers a source once so answers can cite it by id:
-- herald.source("acs-her2", { title = "...", publisher = "...", url = "https://..." }).
function api.source(id, t)
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

--- Answers INTENT with a fixed answer table (see herald.on for its fields).
function api.answer(intent, spec)
  if type(spec) ~= "table" then fail(2, "herald.answer expects an answer table") end
  register(intent, function() return spec end, 3)
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

-- Words a speech engine reads badly, and how to say them. Longest first.
local spoken = {
  { "HER2%-positive", "her two positive" }, { "HER2%-negative", "her two negative" },
  { "HER2%-low", "her two low" }, { "HER2%-ultralow", "her two ultralow" },
  { "HER2", "her two" }, { "T%-DM1", "T D M 1" }, { "T%-DXd", "T D X D" },
  { "IHC", "I H C" }, { "FISH", "fish" }, { "ISH", "I S H" }, { "ILD", "I L D" },
  { "MUGA", "mug-ah" }, { "THP", "T H P" }, { "TCHP", "T C H P" }, { "pCR", "P C R" },
  { "#BCSM", "hashtag B C S M" }, { "BCSM", "B C S M" }, { "e%.g%.", "for example" },
  { "i%.e%.", "that is" }, { "vs%.", "versus" }, { "%&", " and " },
}

--- Turns written text into a form fit for text-to-speech: no URLs, brackets
-- or symbols, abbreviations spelled out, "HER2" said as "her two".
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

-- Called by the host: answers q.intent and returns the normalised answer.
local function dispatch(q)
  local h = handlers[q.intent]
  if not h then error("no handler for " .. tostring(q.intent), 0) end
  setmetatable(q, Question)
  return normalise(h(q))
end

--- Writes a debug line to the daemon log, tagged with the plugin's name.
-- Never pass what the person wrote: logs must not carry health information.
function api.log(msg)
  host.log(tostring(msg))
end

return api, dispatch, handlers, meta
