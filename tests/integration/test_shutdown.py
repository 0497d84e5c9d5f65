"""Stopping well: SIGTERM while clients are busy answers every question already
sent, closes WebSockets with 1001 and exits 0; /healthz says "draining" so a
load balancer stops sending; a second signal stops at once; systemd's
watchdog is fed from the loop."""
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http  # noqa: E402

QUESTIONS = ["what is HER2?", "what is herceptin", "what are its side effects?", "how is it given?",
             "what does IHC 2+ mean", "hello", "what is a FISH test", "what is enhertu"]


def config(root, text):
    path = os.path.join(root, "herald.conf.lua")
    with open(path, "w") as f:
        f.write('content_dir = "%s"\n' % SOURCE_DIR + text)
    return path


def never_reader(port):
    """A WebSocket that asks until herald stops reading from it, and never reads."""
    ws = WebSocket(port)
    ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    ws.sock.settimeout(0.5)
    try:
        for k in range(100000):
            ws.send_json({"type": "ask", "id": str(k), "text": "what is herceptin and how is it given?"})
    except OSError:
        pass  # herald stopped reading: its queue for us is full
    return ws


def wait_for(cond, what, d, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return
        time.sleep(0.02)
    raise AssertionError("timed out waiting for %s: %s" % (what, d.log()))


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return False
    except (ConnectionRefusedError, ConnectionResetError):
        # Reset: the connection reached the backlog just as the listening
        # socket closed, and the kernel turned it away. Either way, refused.
        return True


class GracefulShutdownTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-stop-")

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def test_sigterm_answers_in_flight_then_1001(self):
        conf = config(self.root, "limits = { rate_per_second = 1000, rate_burst = 1000, drain_seconds = 10 }\n")
        d = Daemon(config=conf)
        clients = [WebSocket(d.port) for _ in range(20)]
        per_client = 12
        # Every client sends all its questions at once, and SIGTERM arrives
        # while they are still on the wire or queued.
        for i, ws in enumerate(clients):
            for k in range(per_client):
                ws.send_json({"type": "ask", "id": "c%d-%d" % (i, k), "text": QUESTIONS[k % len(QUESTIONS)]})
        d.proc.send_signal(signal.SIGTERM)
        for i, ws in enumerate(clients):
            got = []
            with self.assertRaises(WebSocketClosed) as closed:
                while True:
                    got.append(ws.recv())
            self.assertEqual(closed.exception.code, 1001, "client %d" % i)
            self.assertEqual([m["id"] for m in got], ["c%d-%d" % (i, k) for k in range(per_client)])
            self.assertTrue(all(m["type"] == "answer" for m in got))
            ws.close()
        self.assertEqual(d.proc.wait(15), 0, d.log())
        self.assertIn("event=stopped", d.log())

    def test_sigterm_with_100_busy_clients(self):
        """Issue 21, item 4: clients asking without pause, four questions in
        flight each. Every one ends with a 1001 close, never a reset or EOF;
        every reply is its question's answer or a shutting_down refusal; what
        is neither was still in flight when herald said goodbye, and the 1001
        tells the client to ask it again."""
        conf = config(self.root, "limits = { rate_per_second = 10000, rate_burst = 10000, drain_seconds = 10,"
                                 " max_connections_per_address = 1000 }\nvoice = { enabled = 0 }\n")
        d = Daemon(config=conf)
        n, window = 100, 4
        results = [None] * n
        started = threading.Barrier(n + 1)

        def client(i):
            sent, replies, end = [], [], None
            try:
                ws = WebSocket(d.port, timeout=30)
            except OSError as e:
                started.wait()
                results[i] = ("connect:" + repr(e), sent, replies)
                return
            started.wait()
            k = 0
            try:
                while True:
                    while len(sent) - len(replies) < window:
                        qid = "c%d-%d" % (i, k)
                        ws.send_json({"type": "ask", "id": qid, "text": QUESTIONS[k % len(QUESTIONS)]})
                        sent.append(qid)
                        k += 1
                    replies.append(ws.recv())
            except WebSocketClosed as e:
                end = e.code
            except OSError as e:  # a reset, EOF or broken pipe: what must not happen
                end = repr(e)
            ws.sock.close()
            results[i] = (end, sent, replies)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        started.wait()
        time.sleep(1.0)
        d.proc.send_signal(signal.SIGTERM)
        for t in threads:
            t.join(40)
        self.assertEqual(d.proc.wait(20), 0, d.log())
        answered = refused = unanswered = 0
        for i, (end, sent, replies) in enumerate(results):
            self.assertEqual(end, 1001, "client %d ended with %r" % (i, end))
            # Replies come in the order the questions were sent.
            self.assertEqual([r["id"] for r in replies], sent[:len(replies)], "client %d" % i)
            for r in replies:
                if r["type"] == "answer":
                    answered += 1
                else:
                    self.assertEqual(r.get("code"), "shutting_down", r)
                    refused += 1
            unanswered += len(sent) - len(replies)
        total = answered + refused + unanswered
        print("SIGTERM, %d busy clients: %d questions sent, %d answered, %d refused (shutting_down), "
              "%d crossed the 1001 and are asked again, 0 lost" % (n, total, answered, refused, unanswered))
        self.assertLessEqual(unanswered, n * window)

    def test_draining_refuses_new_work_and_fails_health(self):
        """Issue 22: the drain a load balancer can see. For
        limits.drain_notice_seconds /healthz says 503 while questions are
        still answered; then the listening socket closes (a proxy's connect
        fails and it tries another instance); then what is open is closed."""
        conf = config(self.root, "limits = { drain_seconds = 5, drain_notice_seconds = 2,"
                                 " rate_per_second = 10000, rate_burst = 10000 }\n")
        d = Daemon(config=conf)
        # A client that never reads keeps the daemon draining long enough to look.
        hold = never_reader(d.port)
        signalled = time.time()
        d.proc.send_signal(signal.SIGTERM)
        wait_for(lambda: "action=drain" in d.log(), "the drain to begin", d)
        status, _, body = http(d.url + "/healthz")
        self.assertEqual((status, body["status"]), (503, "draining"))
        # Still serving: a question over HTTP is answered, and a WebSocket
        # asks a balancer to try elsewhere (503), during the notice.
        status, _, reply = http(d.url + "/v1/ask", "POST", {"text": "what is HER2?"})
        self.assertEqual((status, reply["type"]), (200, "answer"))
        with self.assertRaises((ConnectionError, OSError)):
            WebSocket(d.port).ask("late", "hello")
        # After the notice, nothing new is accepted: the connection is refused.
        wait_for(lambda: refused(d.port), "the listening socket to close", d)
        self.assertGreaterEqual(time.time() - signalled, 1.9, "the notice was cut short")
        # The stuck client cannot hold the daemon past limits.drain_seconds.
        started = time.time()
        self.assertEqual(d.proc.wait(15), 0, d.log())
        self.assertLess(time.time() - started, 9)
        self.assertIn("event=drain_deadline", d.log())
        self.assertIn("drain_notice_seconds=2", d.log())
        hold.sock.close()

    def test_second_signal_stops_at_once(self):
        conf = config(self.root, "limits = { drain_seconds = 60, rate_per_second = 10000, rate_burst = 10000 }\n")
        d = Daemon(config=conf)
        hold = never_reader(d.port)
        d.proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        self.assertIsNone(d.proc.poll())
        d.proc.send_signal(signal.SIGINT)
        self.assertEqual(d.proc.wait(5), 0, d.log())
        hold.sock.close()

    def test_idle_http_keepalive_does_not_delay_stop(self):
        d = Daemon()
        s = socket.create_connection(("127.0.0.1", d.port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.assertIn(b"200", s.recv(4096))
        started = time.time()
        d.proc.send_signal(signal.SIGTERM)
        self.assertEqual(d.proc.wait(10), 0, d.log())
        self.assertLess(time.time() - started, 3)
        s.close()


class WatchdogTest(unittest.TestCase):
    """sd_notify over a real notification socket, as systemd provides it."""

    def test_ready_watchdog_stopping(self):
        root = tempfile.mkdtemp(prefix="herald-notify-")
        path = os.path.join(root, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(0.2)
        messages = []
        done = threading.Event()

        def collect():
            while not done.is_set():
                try:
                    messages.append(sock.recv(4096).decode())
                except socket.timeout:
                    pass

        t = threading.Thread(target=collect, daemon=True)
        t.start()
        env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="400000")
        old = os.environ.copy()
        os.environ.update(env)
        try:
            d = Daemon()
        finally:
            os.environ.clear()
            os.environ.update(old)
        time.sleep(1.5)
        pings = sum(m.count("WATCHDOG=1") for m in messages)
        self.assertEqual(d.stop(), 0)
        time.sleep(0.3)
        done.set()
        t.join()
        sock.close()
        shutil.rmtree(root, ignore_errors=True)
        text = "\n".join(messages)
        if "READY=1" not in text:
            self.skipTest("built without libsystemd (HERALD_WITH_SYSTEMD=OFF)")
        # Fed at half the interval: about 7 pings in 1.5 s; allow a slow machine.
        self.assertGreaterEqual(pings, 3, text)
        self.assertIn("STOPPING=1", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
