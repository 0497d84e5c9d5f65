-- A plugin that does its worst inside single C calls, where Lua's
-- instruction hook never runs (issue 21, item 2). Each handler must end
-- within limits.lua_call_ms plus a small margin, and the daemon keep serving.
herald.about { title = "Hostile", reviewed = "2026-11-22" }

-- Backtracking without end: ("a-") x 40 against 40 letters and no "b".
herald.on("hostile.find", function()
  return { text = tostring(("a"):rep(40):find(("a-"):rep(40) .. "b")) }
end)

herald.on("hostile.gsub", function()
  return { text = (("x"):rep(60000):gsub(".-.-.-y", "")) }
end)

-- Multi-megabyte strings, one C call each, as fast as the loop can go.
herald.on("hostile.rep", function()
  while true do pcall(string.rep, "x", 8000000) end
end)

-- One call that would walk a thousand million million indexes.
herald.on("hostile.move", function()
  table.move({}, 1, 1e15, 2)
end)

herald.on("hostile.sort", function()
  local t = {}
  for i = 1, 50000 do t[i] = (i * 7919) % 50021 end
  while true do table.sort(t) table.sort(t, function(a, b) return a > b end) end
end)

-- A finaliser would run at the next full collection, outside any call.
herald.on("hostile.finaliser", function()
  setmetatable({}, { __gc = function() while true do end end })
  return { text = "A finaliser was set." }
end)

-- A metamethod on a source, which the host reads after the call.
herald.on("hostile.index", function()
  return { text = "Sources with a trap.",
    sources = { setmetatable({ title = "t" }, { __index = function() while true do end end }) } }
end)
