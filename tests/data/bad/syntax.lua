herald.about { title = "Bad", reviewed = "2026-11-22" }
herald.answer("x.y", { text = "unterminated }
