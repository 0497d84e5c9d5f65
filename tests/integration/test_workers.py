"""herald serve --workers N: N event loops on one port. The kernel spreads new
connections over the workers; what must be one for the whole daemon (HTTP
sessions, the connection cap, the metrics) is one; a reload and a SIGTERM
reach every worker."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SANITIZED, SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http, publish, wait_for  # noqa: E402

WORKERS = 3
# A reload compiles the content once per worker; under the sanitizers that is slow.
RELOAD_WAIT = 60.0 if SANITIZED else 15.0


def ask(d, text, session=None):
    body = {"text": text}
    if session:
        body["session"] = session
    status, _, reply = http(d.url + "/v1/ask", "POST", body)
    assert status == 200, (status, reply)
    return reply


def worker_questions(d):
    status, _, text = http(d.url + "/metrics")
    assert status == 200
    if not isinstance(text, str):
        text = text.decode() if isinstance(text, bytes) else str(text)
    return {int(w): int(n) for w, n in re.findall(r'herald_worker_questions_total\{worker="(\d+)"\} (\d+)', text)}


class WorkersTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-workers-")
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(self.root, sub))
        self.conf = os.path.join(self.root, "herald.conf.lua")
        with open(self.conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { max_connections = 12 }\n' % self.root)
        self.d = Daemon(config=self.conf, args=("--workers", str(WORKERS)))

    def tearDown(self):
        rc = self.d.stop()
        shutil.rmtree(self.root, ignore_errors=True)
        self.assertEqual(rc, 0, self.d.log())

    def test_every_worker_serves_and_sessions_follow(self):
        self.assertIn("workers=%d" % WORKERS, self.d.log())
        # Each HTTP request below is a new TCP connection, so the kernel
        # picks a worker for each; the session's follow-ups must resolve
        # whichever worker answers.
        for i in range(8):
            sid = "member-%d" % i
            self.assertEqual(ask(self.d, "what is herceptin?", sid)["intent"], "drug.about")
            follow = ask(self.d, "what are its side effects?", sid)
            self.assertEqual(follow["intent"], "drug.side_effects", follow)
            self.assertIn("Herceptin", follow["text"])
        counts = worker_questions(self.d)
        self.assertEqual(sorted(counts), list(range(WORKERS)), counts)
        self.assertEqual(sum(counts.values()), 16)
        # 16 questions on 3 workers: more than one worker did the work.
        self.assertGreater(sum(1 for n in counts.values() if n > 0), 1, counts)

    def test_connection_cap_is_for_the_whole_daemon(self):
        socks = []
        try:
            for i in range(12):
                ws = WebSocket(self.d.port)
                ws.ask(str(i), "what is HER2?")
                socks.append(ws)
            with self.assertRaises((WebSocketClosed, ConnectionError, OSError, RuntimeError)):
                extra = WebSocket(self.d.port)
                extra.ask("x", "what is HER2?")
        finally:
            for ws in socks:
                ws.close()
        self.assertTrue(wait_for(lambda: "reason=max_connections" in self.d.log(), 3.0), self.d.log())

    def test_reload_reaches_every_worker(self):
        question = "tell me about valet parking"
        self.assertEqual(ask(self.d, question)["intent"], "fallback")
        out = subprocess.run([HERALD_BIN, "new", "--config", self.conf, "valet_parking"],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        # A new topic is a draft until written (issue 19): write it.
        plugin = os.path.join(self.root, "plugins", "valet_parking.lua")
        with open(plugin) as f:
            src = publish(f.read(), "Valet parking is free at the main door.")
        with open(plugin, "w") as f:
            f.write(src)
        # Every worker has the new answer: 24 new connections in a row, none
        # falls back (all 24 missing one of 3 workers has odds of 1 in 16,000).
        # Waited for, not asked once: `herald new` writes two files, which
        # may make two reload rounds, and between a round's first and last
        # worker finishing, connections can reach either version (a loaded
        # machine stretches that moment; docs/performance.md, Workers).
        last = []

        def all_new():
            last[:] = [ask(self.d, question)["intent"] for _ in range(24)]
            return set(last) == {"valet_parking.about"}
        self.assertTrue(wait_for(all_new, RELOAD_WAIT), (last, self.d.log()[-3000:]))
        # One line for the whole daemon per reload (herald new writes two
        # files, which may make one reload or two), never one per worker.
        self.assertLessEqual(self.d.log().count("event=reloaded"), 2, self.d.log())

    def test_sigterm_drains_every_worker(self):
        # Busy clients on every worker: each question is answered before the
        # 1001 close, and the daemon exits 0 (checked in tearDown).
        # The signal goes only once every client is connected and has sent
        # its questions: a draining daemon refuses new upgrades with 503 by
        # design, and under AddressSanitizer a late thread's upgrade could
        # land after SIGTERM (a fresh-clone CI run once saw exactly that).
        results, errors = [], []
        connected = threading.Barrier(10, timeout=20)

        def client(n):
            try:
                ws = WebSocket(self.d.port)
                for q in range(6):
                    ws.send_json({"type": "ask", "id": "%d-%d" % (n, q), "text": "what is HER2?"})
                connected.wait()
                got = 0
                while got < 6:
                    m = ws.recv()
                    if m.get("type") == "answer":
                        got += 1
                results.append(got)
                ws.close()
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))
                connected.abort()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(9)]
        for t in threads:
            t.start()
        try:
            connected.wait()
        except threading.BrokenBarrierError:
            pass  # a client failed before the signal: its error is reported below
        time.sleep(0.05)
        self.d.proc.send_signal(15)
        for t in threads:
            t.join(20)
        self.assertEqual(errors, [])
        self.assertEqual(results, [6] * 9)


class WorkersCliTest(unittest.TestCase):
    def test_bad_worker_count(self):
        for bad in ("-1", "abc", "100000", ""):
            p = subprocess.run([HERALD_BIN, "serve", "--listen", "127.0.0.1:0", "--workers", bad],
                               capture_output=True, text=True, timeout=20)
            self.assertEqual(p.returncode, 2, (bad, p.stderr))
            self.assertIn("--workers", p.stderr)

    def test_port_in_use_fails_cleanly(self):
        # SO_REUSEPORT would let a second daemon of the same user share the
        # port silently; herald checks first, so a mistaken second start fails.
        # The second daemon loads its content before it tries the port: about
        # 1 s here, 11 s under AddressSanitizer beside other tests, and over
        # 20 s on a busy CI machine (make test-asan timed out there), hence 90.
        with Daemon(args=("--workers", "2")) as d:
            p = subprocess.run([HERALD_BIN, "serve", "--listen", "127.0.0.1:%d" % d.port, "--workers", "2"],
                               capture_output=True, text=True, timeout=90)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("event=listen_failed", p.stderr)
            self.assertIn("in use", p.stderr)


if __name__ == "__main__":
    unittest.main()
