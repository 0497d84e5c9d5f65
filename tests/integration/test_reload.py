"""Live reload, as a new staff member would try it: `herald new`, edit the
answer, save, ask the running daemon; break the file and see the error in the
log and the old answer still served; remove it and see the fallback. Also
plugins that loop forever, allocate without bound, fail to parse, or call a
forbidden function: the daemon keeps serving."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SANITIZED, SOURCE_DIR, Daemon, WebSocket, http, publish, wait_for  # noqa: E402


def answer(d, text, session=None):
    body = {"text": text}
    if session:
        body["session"] = session
    status, _, reply = http(d.url + "/v1/ask", "POST", body)
    assert status == 200, (status, reply)
    return reply


def everywhere(pred, n=8):
    """PRED holds for N questions in a row. Each HTTP request is a new
    connection, which the kernel gives to any worker; the workers finish a
    reload within moments of each other, and a change is live when all have."""
    return all(pred() for _ in range(n))


# How long a test waits for a reload to show. Generous on purpose: under the
# sanitizers on a busy machine a reload takes seconds. How fast a change goes
# live (well under a second) is measured, not asserted: docs/performance.md.
# An upper bound, not a sleep: a reload retrains the ranker, seconds on a
# loaded 2-CPU machine, more under the sanitizers.
RELOAD_WAIT = 60.0 if SANITIZED else 30.0


class ReloadTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-reload-")
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(self.root, sub))
        self.conf = os.path.join(self.root, "herald.conf.lua")
        with open(self.conf, "w") as f:
            f.write('content_dir = "%s"\n' % self.root)
        self.d = Daemon(config=self.conf)

    def tearDown(self):
        rc = self.d.stop()
        shutil.rmtree(self.root, ignore_errors=True)
        self.assertEqual(rc, 0, self.d.log())

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def write(self, rel, text):
        with open(self.path(rel), "w") as f:
            f.write(text)

    def test_staff_workflow(self):
        question = "tell me about valet parking"
        # A conversation open across every reload below: never dropped.
        ws = WebSocket(self.d.port)
        self.assertNotEqual(ws.ask("w1", "what is herceptin?")["intent"], "fallback")
        self.assertEqual(answer(self.d, question)["intent"], "fallback")
        out = subprocess.run([HERALD_BIN, "new", "--config", self.conf, "valet_parking"],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("writing the new topic in " + self.root, out.stdout)
        # A draft: loaded, logged as skipped, never served (issue 19: its
        # placeholder text once went live within a second).
        self.assertTrue(wait_for(lambda: "event=draft_skipped file=%s" % self.path("plugins", "valet_parking.lua")
                                 in self.d.log(), RELOAD_WAIT), self.d.log())
        for _ in range(8):
            r = answer(self.d, question)
            self.assertNotIn("TODO", r["text"] + str(r.get("sources")))
            self.assertNotEqual(r["intent"], "valet_parking.about")
        # Edit the answer and save: it goes live (well under a second when
        # the machine is not loaded; printed here, measured in the benchmark).
        plugin = self.path("plugins", "valet_parking.lua")
        with open(plugin) as f:
            src = publish(f.read(), "Valet parking is free at the main door.")
        self.write("plugins/valet_parking.lua", src)
        t0 = time.time()
        self.assertTrue(wait_for(lambda: everywhere(lambda: "free at the main door" in answer(self.d, question)["text"]), RELOAD_WAIT))
        print("edit live after %.2f s" % (time.time() - t0))
        # Check and test pass as written.
        for cmd in ("check", "test"):
            out = subprocess.run([HERALD_BIN, cmd, "--config", self.conf], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, cmd + ":\n" + out.stdout + out.stderr)
        # Break it: the old answer keeps serving and the log names file:line.
        self.write("plugins/valet_parking.lua", src + "\nthis is not lua (\n")
        self.assertTrue(wait_for(lambda: "valet_parking.lua:" in self.d.log(), RELOAD_WAIT), self.d.log())
        self.assertIn("free at the main door", answer(self.d, question)["text"])
        # Remove it: the fallback again.
        os.remove(self.path("plugins", "valet_parking.lua"))
        os.remove(self.path("intents", "valet_parking.intents"))
        self.assertTrue(wait_for(lambda: everywhere(lambda: answer(self.d, question)["intent"] == "fallback"), RELOAD_WAIT), self.d.log())
        # The WebSocket is still open, and still remembers its conversation.
        r = ws.ask("w2", "how is it given?")
        self.assertNotEqual(r["intent"], "fallback")
        self.assertRegex(r["text"].lower(), "iv|intraven|infusion")
        ws.close()

    def test_local_content_layer(self):
        """Issue 19, item 1: a local folder beside the bundled content. A new
        file there adds a topic, a file named like a bundled one replaces it,
        both are watched and reloaded like the bundled folder, and a broken
        local file keeps the previous version serving."""
        local = self.path("local")
        os.makedirs(os.path.join(local, "plugins"))  # no intents/ yet
        self.d.stop()
        with open(self.conf, "a") as f:
            f.write('local_content_dirs = "%s"\n' % local)
        self.d = Daemon(config=self.conf)
        greeting = answer(self.d, "hello")
        self.assertEqual(greeting["intent"], "conversation.greeting")
        # Adds: intents/ made after the start, then a topic in it.
        os.makedirs(os.path.join(local, "intents"))
        out = subprocess.run([HERALD_BIN, "new", "--config", self.conf, "bike_rack"], capture_output=True, text=True,
                             cwd=self.root + "/..")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("writing the new topic in " + local, out.stdout)
        plugin = os.path.join(local, "plugins", "bike_rack.lua")
        self.assertEqual(os.stat(plugin).st_mode & 0o777, 0o644)
        with open(plugin) as f:
            src = publish(f.read(), "The bike rack is beside the main door.")
        with open(plugin, "w") as f:
            f.write(src)
        self.assertTrue(wait_for(lambda: everywhere(lambda: "beside the main door" in answer(self.d, "what is bike rack?")["text"]),
                                 RELOAD_WAIT), self.d.log())
        # Replaces: a local conversation.lua wins over the bundled one.
        with open(os.path.join(SOURCE_DIR, "plugins", "conversation.lua")) as f:
            conv = f.read()
        with open(os.path.join(local, "plugins", "conversation.lua"), "w") as f:
            f.write(conv.replace(greeting["text"].split(".")[0], "Good day from the clinic", 1))
        self.assertTrue(wait_for(lambda: everywhere(lambda: "Good day from the clinic" in answer(self.d, "hello")["text"]),
                                 RELOAD_WAIT), self.d.log())
        # check and test see both layers.
        for cmd in ("check", "test"):
            out = subprocess.run([HERALD_BIN, cmd, "--config", self.conf], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, cmd + ":\n" + out.stdout + out.stderr)
        # Broken: the log names the local file, the previous version serves.
        with open(plugin, "a") as f:
            f.write("\nthis is not lua (\n")
        self.assertTrue(wait_for(lambda: "bike_rack.lua:" in self.d.log() and
                                 "event=reload_failed reason=content kept=previous" in self.d.log(), RELOAD_WAIT), self.d.log())
        self.assertIn("beside the main door", answer(self.d, "what is bike rack?")["text"])
        # Removed: the bundled greeting comes back.
        os.remove(os.path.join(local, "plugins", "conversation.lua"))
        os.remove(plugin)
        self.assertTrue(wait_for(lambda: everywhere(lambda: answer(self.d, "hello")["text"] == greeting["text"]),
                                 RELOAD_WAIT), self.d.log())

    def test_hostile_plugins_never_take_it_down(self):
        self.write("intents/hostile.intents",
                   "intent hostile.loop\n  priority: 100\n  pattern: ^spin forever$\n  example: spin forever\n"
                   "intent hostile.hog\n  priority: 100\n  pattern: ^eat all memory$\n  example: eat all memory\n"
                   "intent hostile.exec\n  priority: 100\n  pattern: ^run a command$\n  example: run a command\n")
        self.write("plugins/hostile.lua",
                   'herald.about{ title = "hostile", reviewed = "2026-11-22" }\n'
                   'herald.on("hostile.loop", function() while true do pcall(function() while true do end end) end end)\n'
                   'herald.on("hostile.hog", function() local t = {} while true do t[#t+1] = string.rep("x", 4096) .. #t end end)\n'
                   'herald.on("hostile.exec", function() return { text = tostring(os.execute("true")) } end)\n')
        self.assertTrue(wait_for(lambda: everywhere(lambda: answer(self.d, "spin forever")["intent"] == "hostile.loop"), RELOAD_WAIT),
                        self.d.log())
        ws = WebSocket(self.d.port)
        for q in ("spin forever", "eat all memory", "run a command"):
            t0 = time.time()
            r = answer(self.d, q)
            self.assertIn("couldn't answer", r["text"])
            # The 50 ms budget stops it; without one this would never return.
            self.assertLess(time.time() - t0, 5.0)
        self.assertEqual(ws.ask("1", "hello")["type"], "answer")
        ws.close()
        self.assertIn("hostile.lua", self.d.log())
        # A syntax error and a forbidden call at load: reload refused, old set serves.
        self.write("plugins/zz_syntax.lua", "herald.answer(\n")
        self.assertTrue(wait_for(lambda: "zz_syntax.lua:" in self.d.log(), RELOAD_WAIT))
        self.write("plugins/zz_syntax.lua", 'herald.about{ title = "x", reviewed = "2026-11-22" }\nos.execute("id")\n')
        self.assertTrue(wait_for(lambda: "zz_syntax.lua:2:" in self.d.log(), RELOAD_WAIT), self.d.log())
        self.assertEqual(answer(self.d, "hello")["intent"], "conversation.greeting")

    def test_half_written_plugin_is_not_loaded(self):
        """Issue 21, item 6: a plugin rewritten in place, in two pieces 1 s
        apart, as a slow editor or copy does. The first piece alone is valid
        Lua without the second handler; loading it gave that question the
        generic answer for a second, with nothing logged."""
        self.write("intents/half.intents",
                   "intent half.first\n  priority: 100\n  pattern: ^half first$\n  example: half first\n"
                   "intent half.second\n  priority: 100\n  pattern: ^half second$\n  example: half second\n")
        head = ('herald.about{ title = "half", reviewed = "2026-11-22" }\n'
                'herald.answer("half.first", { text = "First, version %d." })\n')
        tail = 'herald.answer("half.second", { text = "Second, version %d." })\n'
        self.write("plugins/half.lua", head % 1 + tail % 1)
        self.assertTrue(wait_for(lambda: everywhere(lambda: answer(self.d, "half second")["text"] == "Second, version 1."),
                                 RELOAD_WAIT), self.d.log())
        seen, stop = [], threading.Event()

        def poll():
            while not stop.is_set():
                seen.append(answer(self.d, "half second")["text"])
                time.sleep(0.02)

        t = threading.Thread(target=poll)
        t.start()
        with open(self.path("plugins", "half.lua"), "w") as f:
            f.write(head % 2)
            f.flush()
            os.fsync(f.fileno())
            time.sleep(1.0)
            f.write(tail % 2)
        ok = wait_for(lambda: everywhere(lambda: answer(self.d, "half second")["text"] == "Second, version 2."), RELOAD_WAIT)
        stop.set()
        t.join()
        self.assertTrue(ok, self.d.log())
        wrong = sorted(set(x for x in seen if x not in ("Second, version 1.", "Second, version 2.")))
        self.assertEqual(wrong, [], "answered from a half-written plugin (%d of %d answers)" % (
            sum(x in wrong for x in seen), len(seen)))
        self.assertIn("event=reload_deferred", self.d.log())

    def test_sighup_reloads_config(self):
        with open(self.conf, "a") as f:
            f.write("limits = { message_bytes = 100 }\n")
        self.d.proc.send_signal(signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "reloaded" in self.d.log(), RELOAD_WAIT), self.d.log())
        status, _, body = http(self.d.url + "/v1/ask", "POST", {"text": "x" * 200})
        self.assertEqual(status, 413)
        # A bad config on SIGHUP keeps the old one.
        with open(self.conf, "a") as f:
            f.write("limits = { message_bytes = -5 }\n")
        self.d.proc.send_signal(signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "limits.message_bytes: -5 is out of range" in self.d.log(), RELOAD_WAIT),
                        self.d.log())
        self.assertEqual(answer(self.d, "hello")["intent"], "conversation.greeting")



def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


@unittest.skipIf(SANITIZED, "memory is not measured under the sanitizers, and the reload storm under load runs there in test_faults")
class ReloadMemoryTest(unittest.TestCase):
    """Issue 21, item 6: ten reloads under load grew the resident size from
    79 to 185 MB (glibc's per-thread malloc arenas keep what a reload frees).
    Now the arenas are capped and trimmed after each reload."""

    def test_ten_reloads_under_load(self):
        root = tempfile.mkdtemp(prefix="herald-reload-rss-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { rate_per_second = 10000, rate_burst = 10000 }\n' % SOURCE_DIR)
        d = Daemon(config=conf, args=("--workers", "2"))
        stop, asked = threading.Event(), [0]

        def client():
            ws = WebSocket(d.port, timeout=60)
            k = 0
            while not stop.is_set():
                ws.ask(str(k), ("what is herceptin", "side effects of enhertu", "hello")[k % 3])
                k += 1
                asked[0] += 1
            ws.close()

        threads = [threading.Thread(target=client) for _ in range(8)]
        try:
            for t in threads:
                t.start()
            time.sleep(2)
            # The baseline is taken after the first reload: a reload holds two
            # content generations at once in each worker, and the allocator
            # keeps that high-water mark. Since voice loads on the first spoken
            # question (issue 20) nothing else has raised it at start, so the
            # first reload's growth is not a leak; the nine after it must not grow.
            before = rss_mb(d.proc.pid)
            series = []
            for _ in range(10):
                done = d.log().count("event=reloaded")
                d.proc.send_signal(signal.SIGHUP)
                self.assertTrue(wait_for(lambda: d.log().count("event=reloaded") > done, 60), d.log())
                series.append(round(rss_mb(d.proc.pid)))
                if len(series) == 1:
                    start = rss_mb(d.proc.pid)
            stop.set()
            for t in threads:
                t.join(30)
            time.sleep(3)  # the idle housekeeping
            idle = rss_mb(d.proc.pid)
            print("RSS over ten reloads under load (%d questions): %.0f MB, then %s MB, idle after %.0f MB"
                  % (asked[0], before, series, idle))
            if not SANITIZED:  # the sanitizers keep freed memory in quarantine
                self.assertLess(idle - start, 35, "grew by %.0f MB" % (idle - start))
        finally:
            stop.set()
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)


class UnansweredTest(unittest.TestCase):
    def test_kept_redacted_and_reported(self):
        root = tempfile.mkdtemp(prefix="herald-unanswered-")
        store = os.path.join(root, "unanswered.tsv")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nunanswered = { enabled = 1, file = "%s" }\n' % (SOURCE_DIR, store))
        d = Daemon(config=conf)
        try:
            for q in ("is there valet parking", "Is there valet parking?",
                      "my email is jane@example.com and phone 555-123-4567, where do I park"):
                self.assertEqual(answer(d, q)["intent"], "fallback")
            self.assertNotEqual(answer(d, "hello")["intent"], "fallback")  # answered: not kept
        finally:
            self.assertEqual(d.stop(), 0)
        with open(store) as f:
            saved = f.read()
        self.assertNotIn("jane", saved)
        self.assertNotIn("555", saved)
        self.assertNotIn("hello", saved.lower())
        out = subprocess.run([HERALD_BIN, "report", "--config", conf, "unanswered"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("3 unanswered questions", out.stdout)
        self.assertRegex(out.stdout, r"\s2\s+is there valet parking")
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
