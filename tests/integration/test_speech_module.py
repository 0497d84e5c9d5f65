"""The speech module (core/voice/speech_module.h): herald links no speech
library; pocketsphinx, sphinxbase and flite come in with herald-speech.so,
loaded the first time someone speaks (or at start with voice.preload = 1).
A daemon nobody speaks to never maps them; after a spoken question it does,
and the question is heard."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SANITIZED, SOURCE_DIR, Daemon, http  # noqa: E402

SPEECH_LIBS = ("herald-speech.so", "libpocketsphinx", "libsphinxbase", "libflite")


def mapped(pid):
    """The speech libraries mapped into process PID."""
    with open("/proc/%d/maps" % pid) as f:
        maps = f.read()
    return sorted(lib for lib in SPEECH_LIBS if lib in maps)


class SpeechModuleTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-speech-")
        self.wav = os.path.join(self.root, "q.wav")
        # herald's own voice says the question (a separate process, which
        # loads the module for itself).
        subprocess.run([HERALD_BIN, "say", "what is a fish test", "-o", self.wav], check=True,
                       stdout=subprocess.DEVNULL, timeout=120)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def config(self, preload):
        path = os.path.join(self.root, "herald-%d.conf.lua" % preload)
        with open(path, "w") as f:
            f.write('content_dir = "%s"\nvoice = { preload = %d }\n' % (SOURCE_DIR, preload))
        return path

    def ask_aloud(self, d):
        with open(self.wav, "rb") as f:
            body = f.read()
        # The first spoken question starts loading the models; until they
        # are ready it may be told to wait, so ask again for a bounded time.
        deadline = time.monotonic() + (240 if SANITIZED else 60)
        while True:
            status, _, reply = http(d.url + "/v1/voice", "POST", body, {"Content-Type": "audio/wav"}, timeout=120)
            if status == 200 or time.monotonic() > deadline:
                return status, reply
            time.sleep(0.5)

    def test_loaded_at_the_first_spoken_question(self):
        with Daemon(self.config(0), args=["--workers", "1"]) as d:
            self.assertEqual(mapped(d.proc.pid), [], "speech libraries mapped before anyone spoke")
            status, reply = self.ask_aloud(d)
            self.assertEqual(status, 200, reply)
            self.assertEqual(reply["transcript"], "what is a fish test")
            self.assertEqual(mapped(d.proc.pid), sorted(SPEECH_LIBS))

    def test_loaded_at_start_with_preload(self):
        with Daemon(self.config(1), args=["--workers", "1"]) as d:
            self.assertEqual(mapped(d.proc.pid), sorted(SPEECH_LIBS), d.log())


if __name__ == "__main__":
    unittest.main()
