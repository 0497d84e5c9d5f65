"""Soak: 1,000 WebSockets open at once, each asking 50 questions. Every
question is answered exactly once and in order, none is lost, and once the
clients have gone the daemon's descriptors and memory are back to where they
started. Prints the figures docs/security.md records."""
import asyncio
import base64
import json
import os
import resource
import shutil
import struct
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SANITIZED, SOURCE_DIR, Daemon, wait_for  # noqa: E402

CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "1000"))
QUESTIONS = int(os.environ.get("SOAK_QUESTIONS", "50"))
ASKED = ["what is HER2?", "what is herceptin", "what are its side effects?", "how is it given?",
         "my biopsy says HER2 2+ what does that mean", "what is a FISH test", "thank you",
         "what is enhertu", "can I exercise during treatment", "where can I find support"]


def fds(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Client:
    """A minimal asyncio WebSocket client (RFC 6455), enough for the soak."""

    async def connect(self, port):
        self.r, self.w = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.w.write(("GET /chat HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Protocol: herald.v1\r\n\r\n" % (port, key)).encode())
        head = await self.r.readuntil(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(head.split(b"\r\n")[0].decode())

    def send(self, obj):
        payload = json.dumps(obj).encode()
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x81, 0x80 | n]) if n < 126 else bytes([0x81, 0x80 | 126]) + struct.pack("!H", n)
        self.w.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    async def recv(self):
        while True:
            b0, b1 = await self.r.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", await self.r.readexactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", await self.r.readexactly(8))[0]
            payload = await self.r.readexactly(n)
            op = b0 & 0x0F
            if op == 1:
                return json.loads(payload)
            if op == 8:
                raise ConnectionError("closed")
            # pings are answered by nothing here; the soak is shorter than ping_seconds

    async def close(self):
        mask = os.urandom(4)
        payload = struct.pack("!H", 1000)
        self.w.write(bytes([0x88, 0x80 | 2]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        try:
            await self.w.drain()
            self.w.close()
            await self.w.wait_closed()
        except (ConnectionError, OSError):
            pass


async def conversation(port, n, results, opened):
    c = Client()
    await c.connect(port)
    opened.append(1)
    # Wait until everyone is connected, so all 1,000 are open at once.
    while len(opened) < CONNECTIONS:
        await asyncio.sleep(0.05)
    got = []
    for k in range(QUESTIONS):
        c.send({"type": "ask", "id": "%d-%d" % (n, k), "text": ASKED[(n + k) % len(ASKED)]})
        reply = await c.recv()
        got.append((reply.get("type"), reply.get("id")))
    results[n] = got
    await c.close()


async def soak(port):
    results, opened = {}, []
    sem = asyncio.Semaphore(100)  # connect in waves, not a SYN flood

    async def one(n):
        async with sem:
            pass
        await conversation(port, n, results, opened)

    await asyncio.gather(*(one(n) for n in range(CONNECTIONS)))
    return results


class SoakTest(unittest.TestCase):
    def test_thousand_connections_fifty_questions_each(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        need = 2 * CONNECTIONS + 200
        if hard < need:
            self.skipTest("needs %d descriptors, the hard limit is %d" % (need, hard))
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, need), hard))
        root = tempfile.mkdtemp(prefix="herald-soak-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { max_connections_per_address = %d, '
                    'rate_per_second = 1000, rate_burst = 1000 }\n' % (SOURCE_DIR, CONNECTIONS + 10))
        d = Daemon(config=conf)
        try:
            # Warm up once (every question shape), then once at full size:
            # the first thousand connections raise the allocator's and lws's
            # pools to their high-water mark (about 2.4 MB, measured; a second
            # round adds 0.2 MB), which is not a leak. Then the baseline.
            asyncio.run(self.warm(d.port))
            asyncio.run(soak(d.port))
            time.sleep(0.5)
            fd0, rss0 = fds(d.proc.pid), rss_kb(d.proc.pid)
            started = time.time()
            results = asyncio.run(soak(d.port))
            took = time.time() - started
            peak = rss_kb(d.proc.pid)
            lost = wrong = 0
            for n in range(CONNECTIONS):
                want = [("answer", "%d-%d" % (n, k)) for k in range(QUESTIONS)]
                got = results.get(n, [])
                lost += QUESTIONS - len(got)
                wrong += sum(1 for a, b in zip(got, want) if a != b)
            self.assertEqual((lost, wrong), (0, 0))
            self.assertTrue(wait_for(lambda: fds(d.proc.pid) <= fd0, 10.0),
                            "descriptors: %d before, %d after" % (fd0, fds(d.proc.pid)))
            if not SANITIZED:
                self.assertTrue(wait_for(lambda: rss_kb(d.proc.pid) <= rss0 + 2048, 10.0),
                                "memory: %d KiB before, %d KiB after" % (rss0, rss_kb(d.proc.pid)))
            print("soak: %d connections x %d questions in %.1f s (%.0f answers/s); lost %d, out of order %d; "
                  "fds %d -> %d; rss %d KiB -> peak %d KiB -> %d KiB" %
                  (CONNECTIONS, QUESTIONS, took, CONNECTIONS * QUESTIONS / took, lost, wrong, fd0,
                   fds(d.proc.pid), rss0, peak, rss_kb(d.proc.pid)))
            self.assertIsNone(d.proc.poll())
        finally:
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)

    async def warm(self, port):
        c = Client()
        await c.connect(port)
        for k, q in enumerate(ASKED):
            c.send({"type": "ask", "id": str(k), "text": q})
            await c.recv()
        await c.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
