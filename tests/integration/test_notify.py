"""sd_notify: READY, STATUS= lines that say what the daemon is doing (serving N
connections and M questions, reloading, draining) and STOPPING, received on a
NOTIFY_SOCKET of our own as systemd would."""
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import Daemon, WebSocket, http  # noqa: E402


class NotifyTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-notify-")
        self.path = os.path.join(self.root, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []

    def tearDown(self):
        self.sock.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def collect(self, until, timeout=8):
        end = time.time() + timeout
        while time.time() < end:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except socket.timeout:
                pass
            if any(until(m) for m in self.messages):
                return True
        return False

    def test_status_lines(self):
        os.environ["NOTIFY_SOCKET"] = self.path
        try:
            d = Daemon()
        finally:
            del os.environ["NOTIFY_SOCKET"]
        try:
            self.assertTrue(self.collect(lambda m: "READY=1" in m), self.messages)
            self.assertTrue(self.collect(lambda m: m.startswith("STATUS=serving 0 connections")), self.messages)
            ws = WebSocket(d.port)
            ws.ask("1", "what is HER2")
            http(d.url + "/v1/ask", "POST", {"text": "what is herceptin"})
            # The 2 s housekeeping timer refreshes the status.
            self.assertTrue(self.collect(lambda m: m == "STATUS=serving 1 connections, 2 questions"),
                            self.messages)
            ws.close()
            d.proc.send_signal(signal.SIGHUP)
            self.assertTrue(self.collect(lambda m: "STATUS=reloading" in m and "RELOADING=1" in m), self.messages)
            self.assertTrue(self.collect(lambda m: m.startswith("READY=1")), self.messages)
            d.proc.send_signal(signal.SIGTERM)
            self.assertTrue(self.collect(lambda m: "STOPPING=1" in m and "STATUS=draining" in m), self.messages)
            self.assertEqual(d.proc.wait(15), 0)
        finally:
            if d.proc.poll() is None:
                d.stop()
        # Only fixed words and numbers: no question text reaches systemd.
        for m in self.messages:
            self.assertNotIn("herceptin", m)


if __name__ == "__main__":
    unittest.main()
