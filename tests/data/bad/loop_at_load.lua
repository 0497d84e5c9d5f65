herald.about { title = "Bad", reviewed = "2026-11-22" }
while true do end
