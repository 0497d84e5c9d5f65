herald.about { title = "Bad", reviewed = "2026-11-22" }
os.execute("touch /tmp/herald-pwned")
