-- A plugin may not load a chunk at run time (load is absent) nor dump bytecode.
herald.about { title = "Bad", reviewed = "2026-11-22" }
local f = load("return 1")
