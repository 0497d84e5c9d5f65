"""Who may talk to herald, and the limits that keep everyone served:
origins, bearer tokens, content types, rate limits, per-address caps and a
client that never reads."""
import json
import os
import shutil
import socket
import sys
import threading
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SANITIZED, SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http, wait_for  # noqa: E402


def daemon_with(conf_text):
    root = tempfile.mkdtemp(prefix="herald-limits-")
    conf = os.path.join(root, "herald.conf.lua")
    with open(conf, "w") as f:
        f.write('content_dir = "%s"\n' % SOURCE_DIR + conf_text)
    return Daemon(config=conf), root


class OriginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d, cls.root = daemon_with('http = { allowed_origins = "https://portal.example.org" }\n')

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_websocket_origins(self):
        WebSocket(self.d.port, origin="https://portal.example.org").close()
        WebSocket(self.d.port, origin="http://localhost:3000").close()
        WebSocket(self.d.port, origin="http://127.0.0.1:%d" % self.d.port).close()
        with self.assertRaises(ConnectionError):
            WebSocket(self.d.port, origin="https://evil.example")

    def test_cors(self):
        url = self.d.url + "/v1/ask"
        status, hdrs, _ = http(url, "OPTIONS", headers={"Origin": "https://portal.example.org",
                                                        "Access-Control-Request-Method": "POST"})
        self.assertEqual(status, 204)
        self.assertEqual(hdrs.get("Access-Control-Allow-Origin"), "https://portal.example.org")
        status, hdrs, _ = http(url, "POST", {"text": "hello"}, headers={"Origin": "https://portal.example.org",
                                                                       "Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual(hdrs.get("Access-Control-Allow-Origin"), "https://portal.example.org")
        status, hdrs, body = http(url, "POST", {"text": "hello"}, headers={"Origin": "https://evil.example",
                                                                          "Content-Type": "application/json"})
        self.assertEqual(status, 403)
        self.assertIsNone(hdrs.get("Access-Control-Allow-Origin"))

    def test_content_type(self):
        status, _, body = http(self.d.url + "/v1/ask", "POST", b"<q>hello</q>",
                               headers={"Content-Type": "application/xml"})
        self.assertEqual(status, 415)
        self.assertEqual(body["type"], "error")
        # curl -d sends a form content type; its JSON body is still accepted.
        status, _, _ = http(self.d.url + "/v1/ask", "POST", b'{"text":"hello"}',
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)


class TokenAndRateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d, cls.root = daemon_with(
            'auth = { tokens = "bot-token-1, bot-token-2" }\n'
            'limits = { rate_per_second = 2, rate_burst = 3, max_connections_per_address = 3,'
            ' max_queued_replies = 4 }\n')

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def ws(self, token="bot-token-2"):
        return WebSocket(self.d.port, headers={"Authorization": "Bearer " + token} if token else None)

    def test_bearer_tokens(self):
        url = self.d.url + "/v1/ask"
        status, hdrs, _ = http(url, "POST", {"text": "hello"})
        self.assertEqual(status, 401)
        self.assertEqual(hdrs.get("WWW-Authenticate"), "Bearer")
        status, _, _ = http(url, "POST", {"text": "hello"}, headers={"Authorization": "Bearer wrong",
                                                                    "Content-Type": "application/json"})
        self.assertEqual(status, 401)
        status, _, _ = http(url, "POST", {"text": "hello"}, headers={"Authorization": "Bearer bot-token-1",
                                                                    "Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual(http(self.d.url + "/healthz")[0], 200)
        with self.assertRaises(ConnectionError):
            self.ws(token=None)
        with self.assertRaises(ConnectionError):
            self.ws(token="nope")
        ws = self.ws()
        self.assertEqual(ws.ask("1", "hello")["type"], "answer")
        ws.close()

    def test_rate_limit(self):
        ws = self.ws()
        for i in range(6):
            ws.send_json({"type": "ask", "id": "r%d" % i, "text": "hello"})
        replies = [ws.recv() for _ in range(6)]
        limited = [r for r in replies if r.get("code") == "rate_limited"]
        self.assertGreaterEqual(len(limited), 2)
        self.assertTrue(all(r["id"].startswith("r") for r in limited))
        time.sleep(1.2)
        self.assertEqual(ws.ask("later", "hello")["type"], "answer")
        ws.close()

    def test_per_address_cap(self):
        time.sleep(0.3)
        conns = [self.ws() for _ in range(3)]
        # A fourth from the same address: never four open at once. Usually the
        # fourth is refused; with two workers the count taken under the lock
        # decides, and a slow worker (seen under the sanitizers) may lose the
        # third instead, so what is checked is how many stay usable.
        try:
            conns.append(self.ws())
        except (ConnectionError, OSError, WebSocketClosed):
            pass
        usable = 0
        for n, c in enumerate(conns):
            try:
                usable += c.ask("x%d" % n, "hello")["type"] == "answer"
            except (ConnectionError, OSError, WebSocketClosed):
                pass
        self.assertEqual(usable, 3)
        for c in conns:
            try:
                c.close()
            except OSError:
                pass
        self.assertTrue(wait_for(lambda: self._can_connect(), 3.0))

    def _can_connect(self):
        try:
            c = self.ws()
            c.close()
            return True
        except (ConnectionError, OSError):
            return False


class ConnectionCapAndIdleTest(unittest.TestCase):
    """The total connection cap, and pings that close a silent client."""

    @classmethod
    def setUpClass(cls):
        cls.d, cls.root = daemon_with("limits = { max_connections = 3, ping_seconds = 1, idle_seconds = 3 }\n")

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_total_cap(self):
        conns = [WebSocket(self.d.port) for _ in range(3)]
        # Usually the upgrade is refused; when the last slot was being taken
        # on another worker at that moment, the WebSocket opens and is closed
        # at once. Either way the fourth gets no answer.
        with self.assertRaises((ConnectionError, OSError, WebSocketClosed)):
            WebSocket(self.d.port).ask("x", "hello")
        self.assertTrue(wait_for(lambda: "reason=max_connections" in self.d.log(), 3.0), self.d.log())
        for c in conns:
            c.close()
        self.assertTrue(wait_for(lambda: self._can_connect(), 3.0))

    def _can_connect(self):
        try:
            WebSocket(self.d.port).close()
            return True
        except (ConnectionError, OSError):
            return False

    def test_silent_client_is_pinged_then_closed(self):
        time.sleep(0.3)
        silent = WebSocket(self.d.port)
        alive = WebSocket(self.d.port)
        alive.sock.settimeout(0.5)
        end = time.time() + 5
        pings = 0
        while time.time() < end:  # answer pings (recv does) for longer than idle_seconds
            try:
                op, payload = alive.recv_frame()
                if op == 9:
                    pings += 1
                    alive.send_frame(10, payload)
            except socket.timeout:
                pass
        self.assertGreaterEqual(pings, 2)
        alive.sock.settimeout(5)
        self.assertEqual(alive.ask("still", "hello")["type"], "answer")
        # The silent one never answered its pings: herald has hung up on it.
        silent.sock.settimeout(2)
        frames = []
        with self.assertRaises(ConnectionError):  # not a timeout: closed
            while True:
                frames.append(silent.recv_frame()[0])
        self.assertIn(9, frames)
        alive.close()


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class SlowClientsTest(unittest.TestCase):
    """Clients that send slowly or read never cannot hold resources."""

    @classmethod
    def setUpClass(cls):
        cls.d, cls.root = daemon_with(
            "limits = { request_seconds = 2, max_queued_replies = 8, rate_per_second = 10000,"
            " rate_burst = 100000 }\n")

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def closed_within(self, payload, seconds):
        s = socket.create_connection(("127.0.0.1", self.d.port))
        s.sendall(payload)
        s.settimeout(seconds)
        started = time.time()
        try:
            while s.recv(4096):
                pass
            return time.time() - started
        except socket.timeout:
            return None
        finally:
            s.close()

    def test_incomplete_headers_time_out(self):
        took = self.closed_within(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 8)
        self.assertIsNotNone(took, "a request that never finishes its headers was not cut")

    def test_incomplete_body_times_out(self):
        took = self.closed_within(b"POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                                  b"\r\nContent-Length: 100\r\n\r\n{\"text\":", 8)
        self.assertIsNotNone(took, "a body that never arrives was not cut")

    def test_repeated_and_huge_headers_refused(self):
        many = b"".join(b"X-Repeat: %d\r\n" % i for i in range(2000))
        for req in [b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + b"c" * 100000 + b"\r\n\r\n",
                    b"GET /chat HTTP/1.1\r\n" + b"Sec-WebSocket-Protocol: herald.v1\r\n" * 500 + b"\r\n"]:
            s = socket.create_connection(("127.0.0.1", self.d.port), timeout=5)
            try:
                s.sendall(req)
                data = s.recv(4096)
            except OSError:
                data = b""
            finally:
                s.close()
            self.assertNotIn(b"200 OK", data)
        status, _, _ = http(self.d.url + "/healthz")
        self.assertEqual(status, 200)

    def test_client_that_never_reads_is_bounded_and_loses_nothing(self):
        # A small send buffer, so the sender blocks once herald stops reading
        # instead of parking megabytes in our own kernel; the receive buffer
        # stays large (a tiny one would measure TCP's delayed ACKs instead).
        ws = WebSocket(self.d.port)
        ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8192)
        ws.sock.settimeout(60)
        total = 20000
        before = rss_kb(self.d.proc.pid)
        sent = threading.Event()

        def send_all():
            for k in range(total):
                ws.send_json({"type": "ask", "id": str(k), "text": "what is herceptin and how is it given?"})
            sent.set()

        t = threading.Thread(target=send_all, daemon=True)
        t.start()
        time.sleep(2.0)
        # herald stopped reading: the questions wait in the socket, not in its memory.
        self.assertFalse(sent.is_set(), "herald kept reading from a client that never reads")
        grown = rss_kb(self.d.proc.pid) - before
        if not SANITIZED:
            self.assertLess(grown, 8 * 1024, "memory grew by %d KiB for one stalled client" % grown)
        # Now read: every question is answered, once, in order.
        for k in range(total):
            reply = ws.recv()
            self.assertEqual((reply["type"], reply["id"]), ("answer", str(k)))
        t.join(30)
        self.assertTrue(sent.is_set())
        ws.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
