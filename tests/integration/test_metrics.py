"""GET /metrics: the Prometheus text format, counters that move with traffic,
no question text in any label, and only loopback or metrics.allow may read it."""
import os
import re
import shutil
import socket
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, http  # noqa: E402

# name{labels} value, or name value; label values are quoted with \\, \" and \n escaped.
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"'
                    r'(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*)?\})? (?P<value>-?[0-9.eE+-]+|\+Inf|NaN)$')


def parse(text):
    """Parses the exposition format strictly; returns {(name, labels): value}."""
    samples, types = {}, {}
    for line in text.splitlines():
        if line.startswith("# HELP "):
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            assert kind in ("counter", "gauge", "histogram", "summary", "untyped"), line
            types[name] = kind
            continue
        m = SAMPLE.match(line)
        assert m, "not a sample line: %r" % line
        labels = m.group(3) or ""
        samples[(m.group(1), labels)] = float(m.group("value"))
    return samples, types


def scrape(url):
    status, hdrs, body = http(url + "/metrics")
    assert status == 200, status
    assert hdrs.get("Content-Type", "").startswith("text/plain"), hdrs.get("Content-Type")
    return body.decode() if isinstance(body, bytes) else body


def local_address():
    """A non-loopback address of this machine, or None."""
    for target in ("192.0.2.1", "10.255.255.255"):
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.connect((target, 9))
            addr = s.getsockname()[0]
            s.close()
            if not addr.startswith("127."):
                return addr
        except OSError:
            pass
    return None


class MetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-metrics-")
        conf = os.path.join(cls.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { rate_burst = 2, rate_per_second = 1 }\n' % SOURCE_DIR)
        cls.d = Daemon(config=conf)

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_counters_move_and_format_parses(self):
        before, types = parse(scrape(self.d.url))
        self.assertEqual(types["herald_answer_seconds"], "histogram")
        self.assertEqual(types["herald_questions_total"], "counter")
        canary = "quokkacanary5521"
        http(self.d.url + "/v1/ask", "POST", {"text": "what is herceptin " + canary})
        http(self.d.url + "/v1/ask", "POST", {"text": "zzqx " + canary})
        http(self.d.url + "/v1/ask", "POST", {"text": "I want to kill myself " + canary})
        ws = WebSocket(self.d.port)
        ws.ask("1", "tell me about " + canary)
        ws.ask("2", "what is HER2")
        reply = ws.ask("3", "and " + canary)  # over the burst of 2: rate limited
        self.assertEqual(reply.get("code"), "rate_limited")
        text = scrape(self.d.url)
        ws.close()
        self.assertNotIn(canary, text)
        after, _ = parse(text)

        def delta(name, labels=""):
            return after.get((name, labels), 0) - before.get((name, labels), 0)

        total = sum(v for (n, _), v in after.items() if n == "herald_questions_total") - \
            sum(v for (n, _), v in before.items() if n == "herald_questions_total")
        self.assertEqual(total, 5)
        self.assertEqual(delta("herald_answer_seconds_count"), 5)
        self.assertEqual(delta("herald_answer_seconds_bucket", 'le="+Inf"'), 5)
        self.assertGreaterEqual(delta("herald_fallbacks_total"), 1)
        self.assertEqual(delta("herald_questions_by_safety_total", 'tier="crisis"'), 1)
        self.assertEqual(delta("herald_rate_limited_total"), 1)
        self.assertEqual(delta("herald_connections_total"), 1)
        self.assertEqual(after[("herald_connections_open", "")], 1)
        self.assertGreater(after[("process_resident_memory_bytes", "")], 1e6)
        self.assertGreater(after[("process_open_fds", "")], 2)
        # Every intent label is a name from the content, not a piece of a question.
        for (name, labels) in after:
            if name == "herald_questions_total":
                self.assertRegex(labels, r'^intent="[A-Za-z0-9_.-]+"$')
        # Buckets are cumulative.
        buckets = [v for (n, l), v in sorted(after.items()) if n == "herald_answer_seconds_bucket"]
        self.assertTrue(buckets)
        self.assertNotIn(canary, self.d.log())

    def test_refused_connections_counted(self):
        before, _ = parse(scrape(self.d.url))
        with self.assertRaises(ConnectionError):
            WebSocket(self.d.port, origin="https://evil.example")
        after, _ = parse(scrape(self.d.url))
        key = ("herald_connections_refused_total", 'reason="origin"')
        self.assertEqual(after[key] - before[key], 1)

    def test_only_get(self):
        status, _, _ = http(self.d.url + "/metrics", "POST", {"x": 1})
        self.assertEqual(status, 405)


class AllowTest(unittest.TestCase):
    """Listens on every address and scrapes from a non-loopback one."""

    def run_with(self, allow):
        root = tempfile.mkdtemp(prefix="herald-metrics-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nmetrics = { allow = "%s" }\n' % (SOURCE_DIR, allow))
        d = Daemon(config=conf, args=["--listen", "0.0.0.0:0"])
        try:
            status_local = http("http://127.0.0.1:%d/metrics" % d.port)[0]
            status_remote = http("http://%s:%d/metrics" % (self.addr, d.port))[0]
            ask_remote = http("http://%s:%d/v1/ask" % (self.addr, d.port), "POST", {"text": "what is HER2"})[0]
        finally:
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)
        return status_local, status_remote, ask_remote

    def setUp(self):
        self.addr = local_address()
        if not self.addr:
            self.skipTest("this machine has no non-loopback IPv4 address to scrape from")

    def test_non_loopback_refused(self):
        self.assertEqual(self.run_with(""), (200, 403, 200))

    def test_allow_list(self):
        self.assertEqual(self.run_with("203.0.113.0/24, %s" % self.addr), (200, 200, 200))
        self.assertEqual(self.run_with("203.0.113.0/24"), (200, 403, 200))


if __name__ == "__main__":
    urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))
    unittest.main()
