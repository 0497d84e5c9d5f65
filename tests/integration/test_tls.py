"""TLS from the config: with tls.cert and tls.key herald serves https and wss
on its port (and nothing in plain text); a missing half of the pair or an
unreadable key refuses to start with a clear message."""
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SOURCE_DIR, Daemon, WebSocket  # noqa: E402


class TlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-tls-")
        cls.cert = os.path.join(cls.root, "cert.pem")
        cls.key = os.path.join(cls.root, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", cls.key, "-out", cls.cert], check=True, capture_output=True)
        cls.conf = os.path.join(cls.root, "herald.conf.lua")
        with open(cls.conf, "w") as f:
            f.write('content_dir = "%s"\ntls = { cert = "%s", key = "%s" }\n' % (SOURCE_DIR, cls.cert, cls.key))
        cls.d = Daemon(config=cls.conf)
        cls.ctx = ssl.create_default_context(cafile=cls.cert)

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_https_ask(self):
        req = urllib.request.Request("https://localhost:%d/v1/ask" % self.d.port,
                                     data=json.dumps({"text": "what is HER2?"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self.ctx, timeout=10) as r:
            body = json.loads(r.read())
        self.assertEqual(body["type"], "answer")
        self.assertTrue(body["sources"])

    def test_wss_ask(self):
        ws = WebSocket(self.d.port, tls=self.ctx)
        reply = ws.ask("t1", "what is trastuzumab")
        self.assertEqual((reply["type"], reply["id"]), ("answer", "t1"))
        ws.close()

    def test_old_protocols_and_plain_text_refused(self):
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.load_verify_locations(self.cert)
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        with self.assertRaises((ssl.SSLError, OSError)):
            with socket.create_connection(("127.0.0.1", self.d.port), timeout=5) as s:
                old.wrap_socket(s, server_hostname="localhost").close()
        with socket.create_connection(("127.0.0.1", self.d.port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            self.assertNotIn(b"200 OK", data)
        self.assertIsNone(self.d.proc.poll())

    def test_bad_pairs_refuse_to_start(self):
        for text, expect in [('tls = { cert = "%s" }\n' % self.cert, "tls.cert and tls.key"),
                             ('tls = { cert = "%s", key = "/nonexistent/key.pem" }\n' % self.cert, "TLS")]:
            conf = os.path.join(self.root, "bad.conf.lua")
            with open(conf, "w") as f:
                f.write('content_dir = "%s"\n' % SOURCE_DIR + text)
            p = subprocess.run([HERALD_BIN, "serve", "--listen", "127.0.0.1:0", "--config", conf],
                               capture_output=True, text=True, timeout=20)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn(expect, p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
