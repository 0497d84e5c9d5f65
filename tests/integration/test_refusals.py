"""Every refusal gets an HTTP status and the protocol's JSON error body
(issue 21, item 3): connection caps (503 / 429 with Retry-After), a foreign
Origin (403), oversized headers (431), a long URL (414), a NUL byte or %00
(400), chunked or ambiguous bodies (411 / 400), unknown methods (501).
Before, most of these got a bare close, 101 then EOF, a 10 s wait, or
libwebsockets' HTML 403 page."""
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, http, wait_for  # noqa: E402

BODY = b'{"text":"hello"}'
KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def post(extra=b"", body=BODY, length=True):
    head = b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extra
    if length:
        head += b"Content-Length: %d\r\n" % len(body)
    return head + b"\r\n" + body


def upgrade(path="/chat", extra=b""):
    return (b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n%s\r\n" % (path.encode(), KEY.encode(), extra))


def exchange(port, data, wait=3.0):
    """Sends DATA, returns (status, headers dict, body bytes) of the reply, or
    (None, {}, what came) when no complete response arrived within WAIT."""
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(wait)
    got = b""
    try:
        s.sendall(data)
        end = time.time() + wait
        while time.time() < end:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
            head, sep, body = got.partition(b"\r\n\r\n")
            if sep:
                hdrs = {}
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    hdrs[k.strip().lower().decode()] = v.strip().decode()
                if len(body) >= int(hdrs.get("content-length", "0")):
                    return int(head.split(b" ")[1]), hdrs, body
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        s.close()
    return None, {}, got


class RefusalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-refusals-")
        conf = os.path.join(cls.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { request_seconds = 4 }\n' % SOURCE_DIR)
        cls.d = Daemon(config=conf)

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def refused(self, data, status, code=None, wait=3.0):
        got, hdrs, body = exchange(self.d.port, data, wait)
        self.assertEqual(got, status, "no %s; got %r" % (status, body[:200]))
        self.assertEqual(hdrs.get("content-type"), "application/json")
        err = json.loads(body)
        self.assertEqual(err["type"], "error")
        if code:
            self.assertEqual(err["code"], code)
        self.assertTrue(err["message"])
        return hdrs, err

    def test_head_and_url(self):
        self.refused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 5000 + b"\r\n\r\n", 431, "too_large")
        self.refused(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-A: 1\r\n" * 80 + b"\r\n", 431, "too_large")
        self.refused(b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "too_large")
        self.refused(b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "too_large")
        self.refused(b"GET /heal%00thz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request")
        self.refused(b"GET /heal%zzthz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request")
        # A NUL in a header used to get nothing for request_seconds.
        self.refused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", 400, "bad_request")
        self.refused(b"\x16\x03\x01\x02\x00not http at all\r\n\r\n", 400, "bad_request")

    def test_methods(self):
        _, err = self.refused(b"BREW /v1/ask HTTP/1.1\r\nHost: x\r\n\r\n", 501, "unsupported")
        self.assertIn("BREW", err["message"])
        self.refused(b"CONNECT example.org:443 HTTP/1.1\r\nHost: x\r\n\r\n", 501, "unsupported")
        hdrs, _ = self.refused(b"DELETE /v1/ask HTTP/1.1\r\nHost: x\r\n\r\n", 405, "bad_request")
        self.assertEqual(hdrs.get("allow"), "POST")

    def test_body_framing(self):
        chunked = (b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n10\r\n" + BODY + b"\r\n0\r\n\r\n")
        self.refused(chunked, 411, "bad_request")
        self.refused(post(b"Content-Length: 5\r\n"), 400, "bad_request")  # two lengths
        self.refused(post(b"Transfer-Encoding: chunked\r\n"), 400, "bad_request")  # length and chunked
        self.refused(post(b"Content-Length: -1\r\n", length=False), 400, "bad_request")
        self.refused(post(b"Content-Length: abc\r\n", length=False), 400, "bad_request")
        self.refused(post(length=False), 411, "bad_request")
        self.refused(post(b"Content-Length: 99999999\r\n", length=False), 413, "too_large")

    def test_upgrades(self):
        hdrs, _ = self.refused(upgrade(extra=b"Origin: https://evil.example\r\n"), 403, "bad_request")
        self.refused(upgrade("/nope"), 404, "bad_request")

    def test_slow_request_times_out_with_408(self):
        _, err = self.refused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", 408, wait=8.0)

    def test_still_serving(self):
        self.assertEqual(http(self.d.url + "/healthz")[0], 200)
        status, _, reply = http(self.d.url + "/v1/ask", "POST", {"text": "what is HER2?"})
        self.assertEqual((status, reply["type"]), (200, "answer"))
        ws = WebSocket(self.d.port)
        self.assertEqual(ws.ask("1", "hello")["type"], "answer")
        ws.close()


class CapTest(unittest.TestCase):
    """The connection caps answer with a status and Retry-After."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-caps-")
        conf = os.path.join(cls.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nauth = { tokens = "t1" }\n'
                    'limits = { max_connections = 6, max_connections_per_address = 2 }\n' % SOURCE_DIR)
        cls.d = Daemon(config=conf, args=("--workers", "1"))

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def ws(self):
        return WebSocket(self.d.port, headers={"Authorization": "Bearer t1"})

    def test_token_refused_with_401(self):
        status, hdrs, body = exchange(self.d.port, upgrade())
        self.assertEqual(status, 401)
        self.assertEqual(hdrs.get("www-authenticate"), "Bearer")
        self.assertEqual(json.loads(body)["type"], "error")

    def test_per_address_cap_is_429_not_101_then_eof(self):
        held = [self.ws() for _ in range(2)]
        status, hdrs, body = exchange(self.d.port, upgrade(extra=b"Authorization: Bearer t1\r\n"))
        self.assertEqual(status, 429, body)
        self.assertTrue(int(hdrs["retry-after"]) > 0)
        self.assertEqual(json.loads(body)["code"], "rate_limited")
        for w in held:
            w.close()


def sockets_open(port):
    status, _, body = exchange(port, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    if status != 200:
        return -1
    for line in body.decode().splitlines():
        if line.startswith("herald_sockets_open "):
            return int(line.split()[1])
    return -1


class TotalCapTest(unittest.TestCase):
    def test_max_connections_counts_every_connection(self):
        """Issue 21, item 6: limits.max_connections is "open connections"
        (docs/config.md); it counted only WebSockets."""
        root = tempfile.mkdtemp(prefix="herald-cap-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { max_connections = 3 }\n' % SOURCE_DIR)
        d = Daemon(config=conf)
        try:
            for _ in range(2):  # the slots come back when connections close
                held = []
                for _ in range(2):  # two idle HTTP keep-alive connections
                    s = socket.create_connection(("127.0.0.1", d.port))
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    self.assertIn(b"200 OK", s.recv(4096))
                    held.append(s)
                # The last scrape's own slot may not be given back yet: the
                # WebSocket gets in once it is.
                ws = None
                end = time.time() + 10
                while ws is None:
                    try:
                        ws = WebSocket(d.port)
                    except ConnectionError:
                        if time.time() > end:
                            raise
                        time.sleep(0.1)
                status, hdrs, body = exchange(d.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(status, 503, body)
                self.assertTrue(int(hdrs["retry-after"]) > 0)
                self.assertEqual(json.loads(body)["code"], "rate_limited")
                for s in held:
                    s.close()
                ws.close()
                # Every slot back (the scrape itself holds one): a single 200
                # is not enough, the other closes may still be on their way.
                self.assertTrue(wait_for(lambda: sockets_open(d.port) == 1, 30.0))
        finally:
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)

    def test_max_connections_is_503_with_retry_after(self):
        root = tempfile.mkdtemp(prefix="herald-cap-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { max_connections = 3 }\n' % SOURCE_DIR)
        d = Daemon(config=conf, args=("--workers", "1"))
        try:
            held = [WebSocket(d.port) for _ in range(3)]
            status, hdrs, body = exchange(d.port, upgrade())
            self.assertEqual(status, 503, body)
            self.assertTrue(int(hdrs["retry-after"]) > 0)
            self.assertEqual(json.loads(body)["code"], "rate_limited")
            for w in held:
                w.close()
        finally:
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
