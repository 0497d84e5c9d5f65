"""The voice path against the real daemon, offline: questions spoken by
espeak-ng (resampled to 16 kHz s16le by sox) must reach the intent and safety
tier the same question reaches when typed, or be honestly not understood
("did you mean ...?", "say that again"): never another answer. Spoken replies
carry a valid WAV of plausible length. Also: POST /v1/voice, the limits and
errors, the safety layer on a spoken crisis, and `herald ask --wav` /
`herald say`.

`make test` runs a small representative set (12 questions, one voice, half of
them in a second voice), well under a minute. The sweep over three voices
and two speeds is VoiceSweepTest, run by `make test-long`
(integration.test_voice_sweep, HERALD_VOICE_SWEEP=1); the noise corpus is
bench/voice-corpus. Prints the recognition rate."""
import base64
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SANITIZED, SOURCE_DIR, Daemon, WebSocket, http, wait_for  # noqa: E402

VOICES = ["en-us", "en+f3", "en-us+m3"]
SPEEDS = [140, 175]
SWEEP = os.environ.get("HERALD_VOICE_SWEEP", "") not in ("", "0")

# Questions people ask aloud. Some are written in the content (an `example:`
# or a plugin test's `ask:`), the others are phrasings found nowhere in it;
# the test works out which is which and reports both rates.
QUESTIONS = [
    "what does her2 positive mean",
    "what are the side effects of enhertu",
    "how is herceptin given",
    "can i keep working while i get chemo",
    "where can i find a support group",
    "what is a fish test",
    "does perjeta cause diarrhea",
    "will my hair grow back after chemo",
    "what are survival rates like for her2 positive breast cancer",
    "how long will i be on trastuzumab",
    "is it safe to exercise during treatment",
    "can herceptin hurt my heart",
]

# Strict: intent and tier as typed, answered without doubt.
MIN_RATE = 0.45
# Answered as something else: at most this share (the rest is "did you mean"
# or "say that again", honest outcomes).
MAX_WRONG = 0.12


def spoken(text, voice="en-us", speed=160):
    """TEXT said by espeak-ng, as 16 kHz mono s16le PCM."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
                         check=True, capture_output=True).stdout
    return subprocess.run(["sox", "-R", "-t", "wav", "-", "-t", "raw", "-r", "16000", "-b", "16", "-c", "1",
                           "-e", "signed-integer", "-"], input=wav, check=True, capture_output=True).stdout


def wav_file(pcm, rate=16000):
    return (b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(pcm)) + pcm)


def check_wav(test, data, speech):
    """A 16-bit mono PCM WAV whose length fits the text it says."""
    test.assertEqual(data[:4], b"RIFF")
    test.assertEqual(data[8:16], b"WAVEfmt ")
    fmt, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[20:36])
    test.assertEqual((fmt, channels, bits), (1, 1, 16))
    test.assertEqual(data[36:40], b"data")
    size = struct.unpack("<I", data[40:44])[0]
    test.assertEqual(size, len(data) - 44)
    seconds = size / 2 / rate
    words = len(speech.split())
    # People speak two to three words a second; a synthesiser near that.
    test.assertGreater(seconds, words / 6.0, "too short for %d words" % words)
    test.assertLess(seconds, words / 0.8 + 2, "too long for %d words" % words)
    pcm = struct.unpack("<%dh" % (size // 2), data[44:44 + size - size % 2])
    test.assertGreater(max(abs(x) for x in pcm), 1000, "the WAV is silent")
    return seconds


def recv_message(ws):
    """The next whole message, fragments joined: (opcode, bytes). Answers pings."""
    op, data = None, b""
    while True:
        b0, b1 = ws._read(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", ws._read(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", ws._read(8))[0]
        payload = ws._read(n)
        code = b0 & 0x0F
        if code == 9:
            ws.send_frame(10, payload)
            continue
        if code == 8:
            raise ConnectionError("closed")
        if code != 0:
            op = code
        data += payload
        if b0 & 0x80:
            return op, data


def recv_json(ws):
    op, data = recv_message(ws)
    assert op == 1, "expected a text message, got opcode %r" % op
    return json.loads(data.decode())


def ask_aloud(ws, qid, pcm, chunk=6400):
    """Sends PCM as one spoken question; returns (transcript, answer, wav)."""
    ws.send_json({"type": "audio_start", "id": qid, "format": "pcm_s16le", "rate": 16000})
    for i in range(0, len(pcm), chunk):
        ws.send_frame(2, pcm[i:i + chunk])
    ws.send_json({"type": "audio_end", "id": qid})
    transcript = recv_json(ws)
    assert transcript["type"] == "transcript" and transcript["id"] == qid, transcript
    answer = recv_json(ws)
    assert answer["type"] == "answer" and answer["id"] == qid, answer
    head = recv_json(ws)
    assert head == {"type": "audio", "id": qid, "format": "wav", "bytes": head["bytes"]}, head
    op, wav = recv_message(ws)
    assert op == 2 and len(wav) == head["bytes"], (op, len(wav), head)
    return transcript["text"], answer, wav


def written_questions():
    """Every question the content itself contains, normalised as heard."""
    out = set()
    for path in glob.glob(os.path.join(SOURCE_DIR, "intents", "*.intents")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s+example:\s*(.*)", line)
                if m:
                    out.add(norm(m.group(1)))
    for path in glob.glob(os.path.join(SOURCE_DIR, "plugins", "*.tests")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("ask:"):
                    out.add(norm(line[4:]))
    for path in glob.glob(os.path.join(SOURCE_DIR, "plugins", "*.lua")):
        with open(path, encoding="utf-8") as f:
            for m in re.finditer(r"\"([^\"%\n]*\?)\"", f.read()):
                out.add(norm(m.group(1)))
    return out


def norm(s):
    return " ".join(re.sub(r"[^a-z0-9'+ ]", " ", s.lower().replace("-", " ")).split())


class VoiceRecognitionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon()

    @classmethod
    def tearDownClass(cls):
        # A clean exit is what is checked here, not how fast (test_shutdown times
        # it): with the speech models loaded, under ASan and beside another test
        # on 2 CPUs, the drain and the sanitizer's exit once took over 15 s
        # (fresh-clone CI of 2026-12-07; 1 s alone).
        rc = cls.d.stop(timeout=60)
        assert rc == 0, "herald exited %s:\n%s" % (rc, cls.d.log()[-4000:])

    def typed_intent(self, ws, text):
        reply = ws.ask("typed", text)
        return reply["intent"]

    def typed(self, text):
        r = http(self.d.url + "/v1/ask", "POST", {"text": text})[2]
        return r["intent"], r.get("tier")

    def recognise(self, jobs):
        """Each (question, voice, speed) through POST /v1/voice (recognition
        only), two clients at once as the daemon has two recognisers."""
        expected = {q: self.typed(q) for q, _, _ in jobs}
        for q, (intent, _) in expected.items():
            self.assertNotEqual(intent, "fallback", "typed question not understood: " + q)
        written = written_questions()
        results, errors = {}, []

        def client(part):
            try:
                for key in part:
                    body = wav_file(spoken(*key))
                    status, _, r = http(self.d.url + "/v1/voice", "POST", body, {"Content-Type": "audio/wav"},
                                        timeout=120)
                    assert status == 200, (status, r)
                    results[key] = r
            except Exception as e:  # noqa: BLE001 (reported below)
                errors.append(repr(e))

        threads = [threading.Thread(target=client, args=(jobs[i::2],)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        counts = {"written": [0, 0], "new": [0, 0]}
        unsure, wrong = [], []
        for (q, v, s), r in sorted(results.items()):
            self.assertIn(r["heard"], ("answer", "confirm", "repeat"))
            self.assertTrue(0 <= r["confidence"] <= 1, r)
            kind = "written" if norm(q) in written else "new"
            ok = r["heard"] == "answer" and (r["intent"], r.get("tier")) == expected[q]
            counts[kind][0] += ok
            counts[kind][1] += 1
            line = "%s @%s/%d heard %r (%s) -> %s (want %s)" % (q, v, s, r["transcript"], r["heard"], r["intent"],
                                                                  expected[q][0])
            if ok:
                continue
            if r["heard"] == "answer":
                wrong.append(line)
            else:
                unsure.append(line)
                # Unsure is said, and never answered as a topic.
                self.assertEqual(r["intent"], "fallback", line)
                if r["heard"] == "confirm":
                    self.assertIn("Did you mean", r["text"], line)
        self.assertGreater(counts["new"][1], 0, "no question is a new phrasing")
        total = counts["written"][0] + counts["new"][0]
        rate = total / len(jobs)
        print("\nvoice recognition: %d/%d = %.0f%% strict (intent and tier as typed; written in the content "
              "%d/%d, new phrasings %d/%d), %d unsure, %d wrong"
              % (total, len(jobs), 100 * rate, counts["written"][0], counts["written"][1], counts["new"][0],
                 counts["new"][1], len(unsure), len(wrong)))
        for m in unsure:
            print("  unsure: " + m)
        for m in wrong:
            print("  WRONG: " + m)
        self.assertGreaterEqual(rate, MIN_RATE)
        self.assertLessEqual(len(wrong), MAX_WRONG * len(jobs))

    def test_spoken_questions_reach_their_intent(self):
        # Every question in one voice, a quarter of them in a second one
        # (the safety phrasings take the time the other quarter took).
        jobs = [(q, "en-us", 160) for q in QUESTIONS] + [(q, "en+f3", 175) for q in QUESTIONS[::4]]
        self.recognise(jobs)
        # Privacy: what people say never reaches the log.
        log = self.d.log()
        for q in QUESTIONS:
            self.assertNotIn(q, log)

    @unittest.skipUnless(SWEEP, "the voice x speed sweep runs in make test-long (HERALD_VOICE_SWEEP=1)")
    def test_sweep_voices_and_speeds(self):
        self.recognise([(q, v, s) for q in QUESTIONS for v in VOICES for s in SPEEDS])

    def test_spoken_answer_over_websocket(self):
        """The WebSocket exchange: transcript (with how sure), answer, audio."""
        ws = WebSocket(self.d.port, timeout=60)
        for n, q in enumerate(("what is a fish test", "how is herceptin given")):
            want = self.typed(q)[0]
            pcm = spoken(q, "en-us", 160)
            qid = "w%d" % n
            ws.send_json({"type": "audio_start", "id": qid, "format": "pcm_s16le", "rate": 16000})
            for i in range(0, len(pcm), 6400):
                ws.send_frame(2, pcm[i:i + 6400])
            ws.send_json({"type": "audio_end", "id": qid})
            t = recv_json(ws)
            # Heard right; how sure is the recogniser's own (the same for the
            # same audio: test_streamed_question_answered_in_parts): a clean
            # question is answered, or at worst offered back.
            self.assertEqual((t["type"], t["id"], t["text"]), ("transcript", qid, q))
            self.assertIn(t["heard"], ("answer", "confirm"))
            answer = recv_json(ws)
            if t["heard"] == "answer":
                self.assertGreater(t["confidence"], 0.5)
                self.assertEqual((answer["type"], answer["intent"]), ("answer", want))
            else:
                self.assertEqual((answer["type"], answer["intent"]), ("answer", "fallback"))
                self.assertIn(q, answer["text"].lower())
            head = recv_json(ws)
            self.assertEqual(head, {"type": "audio", "id": qid, "format": "wav", "bytes": head["bytes"]})
            op, wav = recv_message(ws)
            self.assertEqual((op, len(wav)), (2, head["bytes"]))
            check_wav(self, wav, answer["speech"])
        ws.close()

    def test_streamed_question_answered_in_parts(self):
        """Audio recognised while it arrives (frames of an odd size, a sample
        split between two of them, sent at a pace that lets the recogniser
        start before audio_end) is heard exactly as the same audio posted
        whole: same transcript, decision and confidence, however it came.
        With "parts", the spoken answer comes as numbered WAVs, the first
        sentence first, the last one marked."""
        q = "how is herceptin given"
        pcm = spoken(q, "en-us", 160)
        status, _, whole = http(self.d.url + "/v1/voice", "POST", wav_file(pcm), {"Content-Type": "audio/wav"},
                                timeout=120)
        self.assertEqual(status, 200, whole)
        ws = WebSocket(self.d.port, timeout=60)
        for n, chunk in enumerate((3201,)):
            qid = "p%d" % n
            ws.send_json({"type": "audio_start", "id": qid, "format": "pcm_s16le", "rate": 16000, "parts": True})
            for i in range(0, len(pcm), chunk):
                ws.send_frame(2, pcm[i:i + chunk])
                time.sleep(0.02 * chunk / 3200)
            ws.send_json({"type": "audio_end", "id": qid})
            t = recv_json(ws)
            self.assertEqual((t["type"], t["text"], t["heard"], t["confidence"]),
                             ("transcript", whole["transcript"], whole["heard"], whole["confidence"]))
            answer = recv_json(ws)
            self.assertEqual((answer["type"], answer["intent"]), ("answer", whole["intent"]))
            parts = []
            while True:
                head = recv_json(ws)
                self.assertEqual((head["type"], head["id"], head["part"]), ("audio", qid, len(parts) + 1), head)
                op, wav = recv_message(ws)
                self.assertEqual((op, len(wav)), (2, head["bytes"]))
                parts.append(wav)
                if head["last"]:
                    break
            sentences = len(re.findall(r"[.!?](?:\s|$)", answer["speech"]))
            self.assertEqual(len(parts) > 1, sentences > 1, (len(parts), answer["speech"]))
            # The first part is the first sentence alone: short to say.
            first = re.split(r"(?<=[.!?])\s", answer["speech"])[0]
            check_wav(self, parts[0], first)
        # The connection goes on as usual afterwards.
        self.assertEqual(ws.ask("t1", "what is her2")["type"], "answer")
        ws.close()

    def test_streams_dropped_midway_give_their_recognisers_back(self):
        """Clients that leave in the middle of a question, one after another:
        each stream is dropped with its recogniser, and the next question is
        answered."""
        pcm = spoken("does kadcyla make you tired", "en-us", 160)
        for n in range(3):
            ws = WebSocket(self.d.port, timeout=60)
            ws.send_json({"type": "audio_start", "id": "d%d" % n, "format": "pcm_s16le", "rate": 16000})
            for i in range(0, len(pcm) * 3 // 4, 3200):
                ws.send_frame(2, pcm[i:i + 3200])
                time.sleep(0.01)
            ws.close()
        ws = WebSocket(self.d.port, timeout=60)
        heard, answer, wav = ask_aloud(ws, "after", pcm)
        self.assertEqual(answer["type"], "answer")
        self.assertNotEqual(heard, "")
        ws.close()

    def test_spoken_crisis_gets_the_safety_answer_spoken(self):
        # The regression of the first round: this exact clean utterance came
        # back as "say that again" with no 988 (the grammar pass found no
        # sentence and nothing was checked for safety before rejecting).
        ws = WebSocket(self.d.port, timeout=60)
        heard, answer, wav = ask_aloud(ws, "c1", spoken("i want to kill myself", "en-us", 150))
        self.assertEqual(answer["safety"], "crisis", heard)
        self.assertIn("988", answer["text"])
        check_wav(self, wav, answer["speech"])
        ws.close()

    def test_spoken_safety_phrasings_keep_their_tier(self):
        """Crisis and emergency phrasings written for this test (none is a
        sentence of the content), spoken clean: each reply carries the safety
        tier the same words get typed, sure or unsure, so it leads with the
        safety line; an unsure crisis reply asks one short question and
        still gives 988. Recognition only (POST /v1/voice), to stay short."""
        phrasings = ["i keep thinking about ending my life", "i just want to die",
                     "i do not want to live anymore", "i am coughing up blood"]
        for text in phrasings:
            want = http(self.d.url + "/v1/ask", "POST", {"text": text})[2].get("safety")
            self.assertIn(want, ("crisis", "urgent"), "typed, not a safety phrasing: " + text)
            body = wav_file(spoken(text, "en-us", 150))
            status, _, r = http(self.d.url + "/v1/voice", "POST", body, {"Content-Type": "audio/wav"}, timeout=120)
            self.assertEqual(status, 200, r)
            line = "%r heard %r (%s) -> %s" % (text, r["transcript"], r["heard"], r.get("safety"))
            print("  safety: " + line)
            self.assertEqual(r.get("safety"), want, line)
            self.assertIn(r["heard"], ("answer", "confirm"), line)
            if want == "crisis":
                self.assertIn("988", r["text"], line)
                if r["heard"] == "confirm":
                    self.assertTrue(r["text"].startswith("I'm not sure I heard you right"), line)

    def test_silence_is_not_heard_and_says_so(self):
        ws = WebSocket(self.d.port, timeout=60)
        heard, answer, wav = ask_aloud(ws, "s1", b"\x00\x00" * 16000)
        self.assertEqual(heard, "")
        self.assertEqual(answer["intent"], "fallback")
        check_wav(self, wav, answer["speech"])
        # The connection goes on as usual afterwards.
        self.assertEqual(ws.ask("t1", "what is her2")["type"], "answer")
        ws.close()

    def test_other_rates_are_resampled(self):
        ws = WebSocket(self.d.port, timeout=60)
        for rate in (48000, 8000, 16000):
            wav = subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "--stdout", "what is a fish test"],
                                 check=True, capture_output=True).stdout
            pcm = subprocess.run(["sox", "-R", "-t", "wav", "-", "-t", "raw", "-r", str(rate), "-b", "16", "-c", "1",
                                  "-e", "signed-integer", "-"], input=wav, check=True, capture_output=True).stdout
            ws.send_json({"type": "audio_start", "id": "r%d" % rate, "format": "pcm_s16le", "rate": rate})
            for i in range(0, len(pcm), 4000):
                ws.send_frame(2, pcm[i:i + 4000])
            ws.send_json({"type": "audio_end", "id": "r%d" % rate})
            transcript = recv_json(ws)
            self.assertEqual(transcript["type"], "transcript")
            if rate != 8000:  # telephone bandwidth loses too much for this model
                self.assertEqual(transcript["text"], "what is a fish test")
            self.assertEqual(recv_json(ws)["type"], "answer")
            self.assertEqual(recv_json(ws)["type"], "audio")
            self.assertEqual(recv_message(ws)[0], 2)
        ws.close()

    def test_accepted_sockets_have_nodelay(self):
        """A voice reply is several small messages (transcript, answer, audio
        header): Nagle would hold each back until the client's delayed ACK,
        ~40 ms apiece. The daemon's end of our connection, looked at through
        pidfd_getfd(), must have TCP_NODELAY."""
        import ctypes
        import socket
        ws = WebSocket(self.d.port)
        try:
            mine = ws.sock.getsockname()[1]
            inode = None
            for table in ("/proc/net/tcp", "/proc/net/tcp6"):
                with open(table) as f:
                    for line in f.readlines()[1:]:
                        cols = line.split()
                        local, remote = int(cols[1].split(":")[1], 16), int(cols[2].split(":")[1], 16)
                        if local == self.d.port and remote == mine:
                            inode = cols[9]
            self.assertIsNotNone(inode, "the daemon's end of the connection")
            fd = None
            pid = self.d.proc.pid
            for name in os.listdir("/proc/%d/fd" % pid):
                try:
                    if os.readlink("/proc/%d/fd/%s" % (pid, name)) == "socket:[%s]" % inode:
                        fd = int(name)
                except OSError:
                    pass
            self.assertIsNotNone(fd)
            libc = ctypes.CDLL(None, use_errno=True)
            pidfd = os.pidfd_open(pid)
            try:
                dup = libc.syscall(438, pidfd, fd, 0)  # pidfd_getfd
                if dup < 0:
                    self.skipTest("pidfd_getfd refused: %s" % os.strerror(ctypes.get_errno()))
                theirs = socket.socket(fileno=dup)
                try:
                    self.assertEqual(theirs.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY), 1)
                finally:
                    theirs.detach()
                    os.close(dup)
            finally:
                os.close(pidfd)
        finally:
            ws.close()

    def test_binary_frames_outside_audio_are_unsupported(self):
        ws = WebSocket(self.d.port)
        ws.send_frame(2, b"\x01\x02")
        self.assertEqual(ws.recv()["code"], "unsupported")
        ws.close()

    def test_voice_message_errors(self):
        ws = WebSocket(self.d.port)
        ws.send_json({"type": "audio_start", "id": "e1", "format": "mp3"})
        self.assertEqual(ws.recv()["code"], "bad_request")
        ws.send_json({"type": "audio_start", "id": "e2", "rate": 4000})
        self.assertEqual(ws.recv()["code"], "bad_request")
        ws.send_json({"type": "audio_end", "id": "nope"})
        self.assertEqual(ws.recv()["code"], "bad_request")
        ws.send_json({"type": "audio_start", "id": "e3"})
        ws.send_json({"type": "audio_end", "id": "e3"})
        err = ws.recv()
        self.assertEqual((err["code"], err["id"]), ("bad_request", "e3"))
        # Longer than limits.audio_seconds (15 s by default).
        ws.send_json({"type": "audio_start", "id": "e4", "format": "pcm_s16le", "rate": 16000})
        for _ in range(16):
            ws.send_frame(2, b"\x00\x00" * 16000)
        ws.send_json({"type": "audio_end", "id": "e4"})
        err = ws.recv()
        self.assertEqual((err["code"], err["id"]), ("too_large", "e4"))
        self.assertIn("15 seconds", err["message"])
        self.assertEqual(ws.ask("t2", "what is her2")["type"], "answer")
        ws.close()

    def test_http_voice(self):
        body = wav_file(spoken("what is a fish test", "en-us", 160))
        url = self.d.url + "/v1/voice"
        status, _, reply = http(url, "POST", body, {"Content-Type": "audio/wav"}, timeout=60)
        self.assertEqual(status, 200, reply)
        self.assertEqual(reply["transcript"], "what is a fish test")
        self.assertEqual(reply["intent"], self.typed_http("what is a fish test"))
        self.assertNotIn("audio", reply)
        status, hdrs, reply = http(url + "?reply=json+wav", "POST", body, {"Content-Type": "audio/wav"}, timeout=60)
        self.assertEqual(status, 200)
        check_wav(self, base64.b64decode(reply["audio"]["base64"]), reply["speech"])
        status, hdrs, raw = http(url + "?reply=wav", "POST", body, {"Content-Type": "audio/wav"}, timeout=60)
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["Content-Type"], "audio/wav")
        self.assertEqual(raw[:4], b"RIFF")
        status, _, err = http(url, "POST", b"not a wav at all", {"Content-Type": "audio/wav"})
        self.assertEqual((status, err["code"]), (400, "bad_request"))
        status, _, err = http(url, "POST", b"{}", {"Content-Type": "application/json"})
        self.assertEqual(status, 415)
        status, _, err = http(url, "GET")
        self.assertEqual(status, 405)
        status, _, err = http(url, "POST", wav_file(b"\x00\x00" * 16000 * 16), {"Content-Type": "audio/wav"})
        self.assertEqual((status, err["code"]), (413, "too_large"))

    def typed_http(self, text):
        return http(self.d.url + "/v1/ask", "POST", {"text": text})[2]["intent"]


class VoiceBusyTest(unittest.TestCase):
    """One recogniser and no waiting room: a second spoken question at the
    same moment is told herald is busy, and can be asked again."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-voice-busy-")
        self.conf = os.path.join(self.root, "herald.conf.lua")
        with open(self.conf, "w") as f:
            f.write('content_dir = "%s"\nvoice = { decoders = 1, queue = 0 }\n'
                    'limits = { audio_seconds = 4 }\n' % SOURCE_DIR)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_busy(self):
        pcm = spoken("what is a fish test", "en-us", 150)
        # Each worker has its own recognisers: one worker, so both
        # connections compete for the same one.
        with Daemon(config=self.conf, args=("--workers", "1")) as d:
            a, b = WebSocket(d.port, timeout=60), WebSocket(d.port, timeout=60)
            for ws, qid in ((a, "a"), (b, "b")):
                ws.send_json({"type": "audio_start", "id": qid, "format": "pcm_s16le", "rate": 16000})
                ws.send_frame(2, pcm)
            a.send_json({"type": "audio_end", "id": "a"})
            b.send_json({"type": "audio_end", "id": "b"})
            # Whichever the loop read first is heard; the other is told to wait.
            first = {"a": recv_json(a), "b": recv_json(b)}
            kinds = sorted(m["type"] for m in first.values())
            self.assertEqual(kinds, ["error", "transcript"], first)
            heard_ws = a if first["a"]["type"] == "transcript" else b
            busy_id = "b" if heard_ws is a else "a"
            self.assertEqual((first[busy_id]["code"], first[busy_id]["id"]), ("rate_limited", busy_id))
            self.assertEqual(recv_json(heard_ws)["type"], "answer")
            self.assertEqual(recv_json(heard_ws)["type"], "audio")
            recv_message(heard_ws)
            heard, _, _ = ask_aloud(b, "b2", pcm)
            self.assertEqual(heard, "what is a fish test")
            # limits.audio_seconds from the config, in the error.
            b.send_json({"type": "audio_start", "id": "long", "format": "pcm_s16le", "rate": 16000})
            b.send_frame(2, b"\x00\x00" * 16000 * 5)
            b.send_json({"type": "audio_end", "id": "long"})
            self.assertIn("4 seconds", recv_json(b)["message"])
            a.close()
            b.close()


class VoiceReloadTest(unittest.TestCase):
    """The grammar follows the content: a sentence added to an intent file is
    heard after the daemon reloads, without a restart."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-voice-reload-")
        for sub in ("intents", "plugins", "lua", "web", "voice"):
            src = os.path.join(SOURCE_DIR, sub)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(self.root, sub))
        self.conf = os.path.join(self.root, "herald.conf.lua")
        with open(self.conf, "w") as f:
            f.write('content_dir = "%s"\n' % self.root)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_new_sentence_is_heard_after_reload(self):
        question = "is there a zebra clinic near the hospital"
        pcm = spoken(question, "en-us", 150)
        with Daemon(config=self.conf) as d:
            ws = WebSocket(d.port, timeout=60)
            heard, _, _ = ask_aloud(ws, "r1", pcm)
            self.assertNotIn("zebra", heard)
            reloads = sum("event=reloaded" in line for line in d.lines)
            with open(os.path.join(self.root, "intents", "zz_zebra.intents"), "w") as f:
                f.write("intent zz.zebra\n  pattern: zebra clinic\n  example: %s\n" % question)
            # An upper bound: the reload rebuilds the grammar and retrains the
            # ranker, many seconds under the sanitizers.
            self.assertTrue(wait_for(lambda: sum("event=reloaded" in line for line in d.lines) > reloads,
                                     90 if SANITIZED else 15), d.log())
            heard, _, _ = ask_aloud(ws, "r2", pcm)
            self.assertEqual(heard, question)
            ws.close()


class VoiceCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-voice-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_ask_wav_and_say(self):
        path = os.path.join(self.tmp, "q.wav")
        # espeak-ng writes 22.05 kHz: herald resamples it itself.
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", path, "what is a fish test"], check=True)
        out = subprocess.run([HERALD_BIN, "ask", "--wav", path], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertTrue(out.stdout.startswith("transcript: what is a fish test\n"), out.stdout)
        self.assertIn("(intent: testing.test_about)", out.stdout)
        said = os.path.join(self.tmp, "a.wav")
        out = subprocess.run([HERALD_BIN, "say", "Enhertu is also called T-DXd.", "-o", said],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(said, "rb") as f:
            check_wav(self, f.read(), "Enhertu is also called T D X D")
        out = subprocess.run([HERALD_BIN, "say", "hello"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
