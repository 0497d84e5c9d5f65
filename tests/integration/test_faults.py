"""Fault injection, end to end (issue 21, "Done when").

One run, bounded to about a minute, against the real daemon:

  storm    30 WebSocket clients ask without pause (normal, fallback and hostile
           questions) while a plugin is rewritten 20 times a second in bursts,
           SIGHUP arrives after each burst, a hostile plugin's calls run out of
           budget, HTTP clients pipeline, a prober sends every request herald
           must refuse, and the unanswered-question file sits on a full disk
           (or a folder herald may not write) that frees up halfway;
  stop     100 clients ask without pause, four in flight each, and SIGTERM
           arrives; what crossed the 1001 is asked again on a restarted daemon.

It prints what it does and, at the end, questions sent, answered, refused and
lost. Lost must be 0: every question gets an answer or an explicit refusal,
or is asked again after a 1001, as docs/protocol.md tells clients to.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http, wait_for  # noqa: E402

HOSTILE = os.path.join(SOURCE_DIR, "tests", "data", "hostile")
ROOT = os.geteuid() == 0
NORMAL = ["what is herceptin", "what are the side effects of enhertu", "what does IHC 2+ mean", "hello",
          "storm question", "how is kadcyla given"]
# Off topic in any conversation: after "how is kadcyla given", a question that
# names the infusion centre is asked back about infusions (a clarifying reply).
FALLBACK = "is there valet parking near the building"
HOSTILE_QS = ["hostile find", "hostile rep", "hostile move"]
STORM_PLUGIN = ('herald.about{ title = "storm", reviewed = "2026-11-22" }\n'
                'herald.answer("storm.q", { text = "Storm version %d." })\n')
STORM_INTENTS = "intent storm.q\n  priority: 100\n  pattern: ^storm question$\n  example: storm question\n"
# Each request herald must refuse, with the status it must give.
REFUSALS = [
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 5000 + b"\r\n\r\n", 431),
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET /heal%00thz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", 400),
    (b"BREW /v1/ask HTTP/1.1\r\nHost: x\r\n\r\n", 501),
    (b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 411),
    (b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}", 400),
    (b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}", 400),
    (b"GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
     b"Origin: https://evil.example\r\n\r\n", 403),
]


def say(msg):
    print("[faults %5.1fs] %s" % (time.time() - T0, msg), flush=True)


T0 = time.time()


class Tally:
    """Questions sent, answered, refused (explicitly), and those that crossed
    a 1001 close (to be asked again); thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.n = {"sent": 0, "answered": 0, "refused": 0, "fallback": 0, "apologies": 0, "out_of_order": 0,
                  "generic_storm": 0}
        self.crossed = []  # question texts to ask again
        self.storm_versions = set()

    def add(self, key, k=1):
        with self.lock:
            self.n[key] += k


def classify(t, reply, text):
    if reply["type"] == "answer":
        t.add("answered")
        if reply["intent"] == "fallback":
            t.add("fallback")
            if text == "storm question":
                t.add("generic_storm")  # a half-loaded plugin
        if "couldn't answer" in reply["text"]:
            t.add("apologies")
        if reply["text"].startswith("Storm version"):
            with t.lock:
                t.storm_versions.add(reply["text"])
    else:
        t.add("refused")


def ws_client(port, t, questions, stop, window=2, on_close=None):
    """Asks QUESTIONS round-robin, WINDOW in flight, until STOP or a close."""
    try:
        ws = WebSocket(port, timeout=30)
    except OSError:
        return "connect"
    sent, k = [], 0
    got = 0
    try:
        # Once told to stop, it sends nothing more but reads every reply owed.
        while not (stop.is_set() and got == len(sent)):
            while not stop.is_set() and len(sent) - got < window:
                text = questions[k % len(questions)]
                ws.send_json({"type": "ask", "id": str(k), "text": text})
                sent.append(text)
                t.add("sent")
                k += 1
            reply = ws.recv()
            if reply.get("id") != str(got):
                t.add("out_of_order")
            classify(t, reply, sent[got])
            got += 1
        ws.close()
        return "stopped"
    except WebSocketClosed as e:
        with t.lock:
            t.crossed.extend(sent[got:])
        return e.code
    except OSError as e:
        return repr(e)
    finally:
        ws.sock.close()


class FaultInjectionTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-faults-")
        os.chmod(self.root, 0o755)
        self.addCleanup(shutil.rmtree, self.root, True)
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(self.root, sub))
        shutil.copy(os.path.join(HOSTILE, "hostile.lua"), os.path.join(self.root, "plugins"))
        shutil.copy(os.path.join(HOSTILE, "hostile.intents"), os.path.join(self.root, "intents"))
        with open(os.path.join(self.root, "intents", "storm.intents"), "w") as f:
            f.write(STORM_INTENTS)
        self.write_storm(0, atomic=True)

    def write_storm(self, version, atomic, broken=False):
        path = os.path.join(self.root, "plugins", "storm.lua")
        text = STORM_PLUGIN % version + ("this is not lua (\n" if broken else "")
        if atomic:
            with open(path + ".new", "w") as f:
                f.write(text)
            os.rename(path + ".new", path)
        else:
            with open(path, "w") as f:
                f.write(text)

    def config(self, unanswered):
        conf = os.path.join(self.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nvoice = { enabled = 0 }\n'
                    'limits = { rate_per_second = 10000, rate_burst = 10000, drain_seconds = 10,'
                    ' max_connections_per_address = 1000 }\n' % self.root)
            if unanswered:
                f.write('unanswered = { enabled = 1, max = 20000, file = "%s" }\n' % unanswered)
        return conf

    def full_disk(self):
        """A folder whose saves fail: a full 64 KiB tmpfs as root, else one
        herald may not write. Returns (folder, how, free it)."""
        store = os.path.join(self.root, "store")
        os.mkdir(store)
        if ROOT and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "none", store]).returncode == 0:
            self.addCleanup(subprocess.run, ["umount", store], check=False)
            filler = os.path.join(store, "filler")
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                while True:
                    os.write(fd, b"x" * 4096)
            except OSError:
                pass
            os.close(fd)
            return store, "a full 1 MiB tmpfs", lambda: os.remove(filler)
        os.chmod(store, 0o555)
        return store, "a folder herald may not write", lambda: os.chmod(store, 0o755)

    def test_faults(self):
        global T0
        T0 = time.time()
        t = Tally()
        store, how, free = self.full_disk()
        unanswered = os.path.join(store, "unanswered.tsv")
        d = Daemon(config=self.config(unanswered), args=("--workers", "2"))
        self.addCleanup(lambda: d.proc.poll() is None and d.stop(timeout=5))
        port = d.port
        say("storm: daemon on port %d; the unanswered file is on %s" % (port, how))

        stop = threading.Event()
        threads, ends = [], []
        # 24 ask normal questions, 5 also one the content cannot answer, one
        # also asks the hostile plugin (each of those calls holds a worker for
        # the whole 50 ms budget).
        mixes = [NORMAL] * 24 + [NORMAL + [FALLBACK]] * 5 + [NORMAL + HOSTILE_QS]
        for i in range(30):
            th = threading.Thread(target=lambda i=i: ends.append(ws_client(port, t, mixes[i], stop)))
            th.start()
            threads.append(th)

        pipelined = {"sent": 0, "answered": 0, "asked_again": 0, "wrong": 0}

        def pipeliner():
            body = json.dumps({"text": "what is herceptin"}).encode()
            post = (b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d"
                    b"\r\n\r\n%s" % (len(body), body))
            get = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            while not stop.is_set():
                s = socket.create_connection(("127.0.0.1", port))
                s.settimeout(10)
                s.sendall(post + get + post)
                t.add("sent", 2)
                data = b""
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                        if data.count(b"HTTP/1.1 ") >= 3 and data.endswith(b"}"):
                            break
                except OSError:
                    pass
                s.close()
                answers = data.count(b'"type":"answer"')
                if data.count(b"HTTP/1.1 ") > 3 or answers > 2:
                    pipelined["wrong"] += 1
                t.add("answered", answers)
                pipelined["answered"] += answers
                # The pipelined POST herald did not take is sent again, alone.
                for _ in range(2 - answers):
                    status, _, reply = http(d.url + "/v1/ask", "POST", {"text": "what is herceptin"})
                    if (status, reply.get("type")) == (200, "answer"):
                        t.add("answered")
                    else:
                        pipelined["wrong"] += 1
                    pipelined["asked_again"] += 1
                pipelined["sent"] += 2

        refusals = {"sent": 0, "right": 0, "wrong": []}

        def prober():
            while not stop.is_set():
                for req, want in REFUSALS:
                    s = socket.create_connection(("127.0.0.1", port))
                    s.settimeout(10)
                    try:
                        s.sendall(req)
                        head = s.recv(4096).split(b"\r\n")[0]
                    except OSError as e:
                        head = repr(e).encode()
                    s.close()
                    refusals["sent"] += 1
                    if head.startswith(b"HTTP/1.") and head.split(b" ")[1] == str(want).encode():
                        refusals["right"] += 1
                    else:
                        refusals["wrong"].append((want, head[:60]))
                time.sleep(0.1)

        for fn in (pipeliner, pipeliner, prober):
            th = threading.Thread(target=fn)
            th.start()
            threads.append(th)

        # Bursts of edits, 20 a second, half of them in place, a few of them
        # broken; after each burst a SIGHUP and a pause.
        edits = sighups = bursts = 0
        end = time.time() + 12
        freed = False
        while time.time() < end:
            bursts += 1
            for n in range(10):
                edits += 1
                self.write_storm(edits, atomic=edits % 2 == 0, broken=n == 4)
                time.sleep(0.05)
            d.proc.send_signal(signal.SIGHUP)
            sighups += 1
            time.sleep(2.0)
            if not freed and time.time() > end - 6:
                free()
                freed = True
                say("storm: space for the unanswered file is back")
        # Then, still under load, each step waited for (a slow machine, or the
        # sanitizers, compile for seconds): the last version goes live; a
        # broken one is reported and not loaded, the previous one answering
        # on; a good one goes live again.
        waited = time.time()

        def live(version):
            return wait_for(lambda: "Storm version %d." % version in t.storm_versions, 180)

        self.assertTrue(live(edits), "version %d never went live under load" % edits)
        after_storm = time.time() - waited
        self.write_storm(edits + 1, atomic=False, broken=True)
        self.assertTrue(wait_for(lambda: "storm.lua:" in d.log() and "reload_failed" in d.log(), 180),
                        "the broken plugin was not reported")
        self.write_storm(edits + 2, atomic=False)
        self.assertTrue(live(edits + 2), "the fixed plugin never went live")
        self.assertNotIn("Storm version %d." % (edits + 1), t.storm_versions)
        say("storm: %d plugin edits, %d SIGHUPs; the last live %.1f s after the storm; then a broken version "
            "reported and kept out, and a fixed one live; stopping the clients"
            % (edits, sighups, after_storm))
        stop.set()
        for th in threads:
            th.join(60)
        self.assertTrue(wait_for(lambda: "event=unanswered_saved" in d.log(), 30),
                        "the questions were not saved: %s" % [x for x in d.lines if "unanswered" in x][-6:])
        fallbacks = t.n["fallback"] - t.n["generic_storm"]
        say("storm: %d sent, %d answered (%d apologies from the hostile plugin, %d fallbacks, the storm "
            "plugin in %d versions), %d pipelined (%d asked again), %d refusals with the right status"
            % (t.n["sent"], t.n["answered"], t.n["apologies"], fallbacks, len(t.storm_versions),
               pipelined["sent"], pipelined["asked_again"], refusals["right"]))
        self.assertTrue(all(e == "stopped" for e in ends), ends)
        self.assertEqual(refusals["wrong"], [])
        self.assertEqual(pipelined["wrong"], 0)
        self.assertEqual(t.n["generic_storm"], 0, "a half-loaded plugin answered")
        self.assertGreater(t.n["apologies"], 0)
        self.assertTrue("time budget of 50 ms exceeded" in d.log(), "no budget kill logged")
        self.assertTrue("event=unanswered_save_failed" in d.log(), "no failed save logged")

        # stop: 100 clients asking without pause, then SIGTERM.
        say("stop: 100 clients asking without pause, 4 in flight each; SIGTERM")
        stop2, closes = threading.Event(), []
        threads = [threading.Thread(target=lambda: closes.append(ws_client(port, t, NORMAL, stop2, window=4)))
                   for _ in range(100)]
        for th in threads:
            th.start()
        time.sleep(1.5)
        d.proc.send_signal(signal.SIGTERM)
        for th in threads:
            th.join(60)
        self.assertEqual(d.proc.wait(30), 0, d.log()[-2000:])
        self.assertEqual(sorted(set(map(str, closes))), ["1001"], closes)
        # Every fallback question asked in the storm is in the file.
        with open(unanswered) as f:
            kept = sum(1 for line in f if line.strip())
        self.assertEqual(kept, fallbacks)
        say("stop: every client closed with 1001; %d questions crossed the close; %d fallback questions saved"
            % (len(t.crossed), kept))

        # A restarted daemon on the same port: the crossed questions, again.
        d2 = Daemon(config=self.config(None), args=("--workers", "2", "--listen", "127.0.0.1:%d" % port))
        self.addCleanup(lambda: d2.proc.poll() is None and d2.stop(timeout=5))
        ws = WebSocket(d2.port)
        for k, text in enumerate(t.crossed):
            reply = ws.ask("again-%d" % k, text)
            self.assertEqual(reply["type"], "answer")
            t.add("answered")
        ws.close()
        self.assertEqual(d2.stop(), 0)
        lost = t.n["sent"] - t.n["answered"] - t.n["refused"]
        say("questions sent %d, answered %d (%d of them again after a 1001), refused %d (shutting_down), "
            "lost %d; out of order %d" % (t.n["sent"], t.n["answered"], len(t.crossed), t.n["refused"], lost,
                                          t.n["out_of_order"]))
        self.assertEqual(t.n["out_of_order"], 0)
        self.assertEqual(lost, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
