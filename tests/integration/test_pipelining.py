"""HTTP/1.1 on one connection: keep-alive and pipelining (RFC 9112 section
9.3.2). Each request gets exactly one response, in order, or the connection
is closed after the responses to the requests before it (issue 21, item 1:
two POSTs in one write used to get hundreds of thousands of responses)."""
import json
import os
import random
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import Daemon, http  # noqa: E402


def post(text, path="/v1/ask"):
    body = json.dumps({"text": text}).encode()
    return ("ask", b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (path.encode(), len(body), body))


def get(path="/healthz"):
    return ("health", b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path.encode())


def options():
    return ("options", b"OPTIONS /v1/ask HTTP/1.1\r\nHost: x\r\n\r\n")


def read_responses(sock, most, deadline=5.0, cap=1 << 20, linger=0.3):
    """Reads up to MOST responses (status, body); returns them, whether the
    connection was closed, and the bytes that came after them within LINGER
    seconds. Bounded in time and size, so a daemon that answers without end
    cannot hang the test."""
    sock.settimeout(0.1)
    buf, out, closed = b"", [], False
    end = time.time() + deadline

    def fill():
        nonlocal buf, closed
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return time.time() < end
        except ConnectionResetError:
            closed = True
            return False
        if not chunk:
            closed = True
            return False
        buf += chunk
        return len(buf) < cap

    while len(out) < most:
        while b"\r\n\r\n" not in buf:
            if not fill():
                return out, closed, buf
        head, _, rest = buf.partition(b"\r\n\r\n")
        first = head.split(b"\r\n")[0].split(b" ")
        if len(first) < 2 or first[0] != b"HTTP/1.1" or not first[1].isdigit():
            raise AssertionError("not an HTTP response: %r" % head[:120])
        status = int(first[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        buf = rest
        while len(buf) < length:
            if not fill():
                return out, closed, buf
        out.append((status, buf[:length]))
        buf = buf[length:]
    # Anything more is a response nobody asked for.
    end = min(end, time.time() + linger)
    while fill():
        pass
    return out, closed, buf


def matches(kind, status, body):
    if kind == "ask":
        return status == 200 and json.loads(body)["type"] == "answer"
    if kind == "health":
        return status == 200 and json.loads(body) == {"status": "ok"}
    return status == 204


class PipeliningTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon(args=("--workers", "1"))

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0

    def exchange(self, reqs, chunks=None):
        """Sends REQS in one write (or in CHUNKS sizes), returns what came back."""
        data = b"".join(r[1] for r in reqs)
        s = socket.create_connection(("127.0.0.1", self.d.port))
        try:
            if chunks is None:
                s.sendall(data)
            else:
                i = 0
                for n in chunks:
                    try:
                        s.sendall(data[i:i + n])
                    except OSError:
                        break  # closed after the responses it owed
                    i += n
            return read_responses(s, len(reqs))
        finally:
            s.close()

    def check(self, reqs, out, closed, extra, served_at_least):
        kinds = [r[0] for r in reqs]
        self.assertEqual(extra, b"", "bytes after the last response owed: %r" % extra[:80])
        self.assertGreaterEqual(len(out), served_at_least, kinds)
        for k, (status, body) in enumerate(out):
            self.assertTrue(matches(kinds[k], status, body), (kinds, k, status, body[:120]))
        if len(out) < len(reqs):
            # Not everything answered: then the connection is closed, and the
            # first unanswered request is one with a body (see server.c).
            self.assertTrue(closed, kinds)
            self.assertEqual(kinds[len(out)], "ask", kinds)

    def test_two_posts_in_one_write(self):
        reqs = [post("what is HER2?"), post("hello")]
        out, closed, extra = self.exchange(reqs)
        self.check(reqs, out, closed, extra, 1)

    def test_twelve_posts_in_one_write(self):
        reqs = [post("what is herceptin")] * 12
        out, closed, extra = self.exchange(reqs)
        self.check(reqs, out, closed, extra, 1)

    def test_post_then_health(self):
        reqs = [post("what is HER2?"), get()]
        out, closed, extra = self.exchange(reqs)
        self.check(reqs, out, closed, extra, 2)

    def test_requests_without_body_are_all_answered_in_order(self):
        reqs = [get(), options(), get(), get()]
        out, closed, extra = self.exchange(reqs)
        self.check(reqs, out, closed, extra, 4)

    def test_keep_alive_one_at_a_time(self):
        s = socket.create_connection(("127.0.0.1", self.d.port))
        try:
            for req in [post("what is HER2?"), get(), post("hello"), options(), post("what is enhertu")]:
                s.sendall(req[1])
                out, closed, _ = read_responses(s, 1, deadline=5)
                self.assertEqual(len(out), 1, req[0])
                self.assertTrue(matches(req[0], *out[0]), out)
                self.assertFalse(closed)
        finally:
            s.close()

    def test_random_pipelines_and_splits(self):
        rnd = random.Random(21)
        for trial in range(60):
            reqs = [rnd.choice([post("what is HER2?"), post("hello"), get(), options()])
                    for _ in range(rnd.randint(1, 5))]
            total = sum(len(r[1]) for r in reqs)
            chunks = []
            while sum(chunks) < total:
                chunks.append(rnd.choice([1, 9, 60, 400, 5000]))
            out, closed, extra = self.exchange(reqs, chunks)
            self.check(reqs, out, closed, extra, 1)

    def test_daemon_stays_quiet_and_responsive(self):
        log_lines = len(self.d.lines)
        for _ in range(12):
            out, closed, extra = self.exchange([post("what is HER2?"), post("hello"), get()])
            self.assertEqual(extra, b"")
        self.assertEqual(http(self.d.url + "/healthz")[0], 200)
        # A handful of lines per connection, not one per looped response.
        self.assertLess(len(self.d.lines) - log_lines, 200)


class EmptyBodyTest(unittest.TestCase):
    """Issue 21, item 7: "Content-Length: 0" handed memcpy() a NULL source,
    which the sanitizer build (make test-asan) aborts on."""

    def test_empty_bodies_are_refused_and_the_daemon_lives(self):
        with Daemon(args=("--workers", "1")) as d:
            for path, want in (("/v1/ask", 400), ("/v1/voice", None)):
                s = socket.create_connection(("127.0.0.1", d.port))
                s.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 0\r\n\r\n" % path.encode())
                out, closed, _ = read_responses(s, 1)
                s.close()
                self.assertEqual(len(out), 1, d.log())
                status, body = out[0]
                reply = json.loads(body)
                self.assertEqual(reply["type"], "error")
                if want:
                    self.assertEqual((status, reply["code"]), (want, "bad_json"))
                else:  # 400 for an empty WAV, or 503/415 when voice is off or unsupported
                    self.assertIn(status, (400, 415, 503))
            status, _, body = http(d.url + "/v1/ask", "POST", {"text": "what is HER2?"})
            self.assertEqual((status, body["type"]), (200, "answer"))
            self.assertEqual(d.stop(), 0, d.log())


if __name__ == "__main__":
    unittest.main(verbosity=2)
