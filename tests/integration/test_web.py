"""The chat widget's files served by the daemon: types, caching, validators,
HEAD, methods, no way out of the web dir, and reload on SIGHUP."""
import os
import shutil
import signal
import socket
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, http, wait_for  # noqa: E402


def raw_get(port, target, method="GET"):
    """Sends TARGET byte for byte (no client-side normalisation); returns the status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % (method, target)).encode())
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0


class WebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-web-")
        cls.web = os.path.join(cls.root, "web")
        shutil.copytree(os.path.join(SOURCE_DIR, "web"), cls.web)
        with open(os.path.join(cls.web, "notes.md"), "w") as f:
            f.write("not on the allowlist\n")
        with open(os.path.join(cls.root, "secret.txt"), "w") as f:
            f.write("outside the web dir\n")
        cls.conf = os.path.join(cls.root, "herald.conf.lua")
        with open(cls.conf, "w") as f:
            f.write('content_dir = "%s"\nweb_dir = "%s"\n' % (SOURCE_DIR, cls.web))
        cls.d = Daemon(config=cls.conf)

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0
        shutil.rmtree(cls.root, ignore_errors=True)

    def get(self, path, **kw):
        return http(self.d.url + path, **kw)

    def test_demo_page(self):
        status, hdrs, body = self.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(hdrs["Cache-Control"], "no-cache")
        self.assertEqual(hdrs["X-Content-Type-Options"], "nosniff")
        csp = hdrs.get_all("Content-Security-Policy")
        self.assertIn("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", csp)
        self.assertIn(b'src="/widget.js"', body)
        with open(os.path.join(self.web, "index.html"), "rb") as f:
            self.assertEqual(body, f.read())
        self.assertEqual(self.get("/index.html")[2], body)

    def test_widget(self):
        status, hdrs, body = self.get("/widget.js")
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["Content-Type"], "text/javascript; charset=utf-8")
        self.assertEqual(hdrs["Cache-Control"], "public, max-age=300")
        self.assertEqual(int(hdrs["Content-Length"]), len(body))
        self.assertLess(len(body), 30 * 1024)
        with open(os.path.join(self.web, "widget.js"), "rb") as f:
            self.assertEqual(body, f.read())
        self.assertEqual(self.get("/demo.css")[1]["Content-Type"], "text/css; charset=utf-8")
        # A query string (a portal's cache-buster) does not change the file.
        self.assertEqual(self.get("/widget.js?v=2")[2], body)

    def test_etag_and_304(self):
        status, hdrs, body = self.get("/widget.js")
        etag = hdrs["ETag"]
        self.assertRegex(etag, r'^"[0-9a-f]+-[0-9a-f]+"$')  # strong: no W/
        self.assertEqual(self.get("/widget.js")[1]["ETag"], etag)
        status, hdrs, body = self.get("/widget.js", headers={"If-None-Match": etag})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        self.assertEqual(hdrs["ETag"], etag)
        self.assertEqual(self.get("/widget.js", headers={"If-None-Match": '"other", W/' + etag})[0], 304)
        self.assertEqual(self.get("/widget.js", headers={"If-None-Match": '"other"'})[0], 200)
        # Each file has its own tag.
        self.assertNotEqual(self.get("/")[1]["ETag"], etag)

    def test_head(self):
        status, hdrs, body = self.get("/widget.js", method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(hdrs["Content-Length"]), os.path.getsize(os.path.join(self.web, "widget.js")))
        self.assertEqual(hdrs["ETag"], self.get("/widget.js")[1]["ETag"])

    def test_methods(self):
        status, hdrs, body = self.get("/widget.js", method="POST", body={"text": "x"})
        self.assertEqual(status, 405)
        self.assertEqual(hdrs["Allow"], "GET, HEAD")
        self.assertEqual(body["type"], "error")
        # The API keeps its own rules.
        self.assertEqual(self.get("/healthz")[0], 200)
        self.assertEqual(self.get("/v1/ask")[0], 405)

    def test_nothing_else(self):
        for path in ["/notes.md", "/secret.txt", "/../secret.txt", "/web/widget.js", "/widget.js/",
                     "/WIDGET.JS", "/nope.html", "/%2e%2e/secret.txt", "/..%2fsecret.txt"]:
            status, _, body = self.get(path)
            self.assertEqual(status, 404, path)
            self.assertEqual(body["type"], "error", path)
        # Paths exactly as sent, without the client tidying them first.
        for target in ["/../secret.txt", "/../../etc/passwd", "/./widget.js/../../secret.txt",
                       "//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"]:
            self.assertIn(raw_get(self.d.port, target), (400, 403, 404), target)

    def test_origins_still_apply(self):
        # A page's script tag sends no Origin; a foreign fetch() does, and is refused like any other.
        self.assertEqual(self.get("/widget.js", headers={"Origin": "https://evil.example"})[0], 403)
        status, hdrs, _ = self.get("/widget.js", headers={"Origin": self.d.url})
        self.assertEqual(status, 200)
        # <script crossorigin integrity=...> needs CORS from an allowed origin.
        self.assertEqual(hdrs["Access-Control-Allow-Origin"], self.d.url)
        self.assertIsNone(self.get("/widget.js")[1]["Access-Control-Allow-Origin"])

    def test_websocket_unchanged(self):
        ws = WebSocket(self.d.port)
        self.assertEqual(ws.ask("w1", "what is HER2?")["type"], "answer")
        ws.close()

    def test_zz_sighup_reloads_web_files(self):
        old = self.get("/widget.js")[1]["ETag"]
        with open(os.path.join(self.web, "widget.js"), "a") as f:
            f.write("\n/* changed */\n")
        with open(os.path.join(self.web, "extra.txt"), "w") as f:
            f.write("new file\n")
        self.d.proc.send_signal(signal.SIGHUP)
        # Every worker has reloaded once the daemon logs event=reloaded.
        self.assertTrue(wait_for(lambda: "event=reloaded" in self.d.log(), timeout=10), self.d.log())
        self.assertEqual(self.get("/extra.txt")[0], 200)
        status, hdrs, body = self.get("/widget.js")
        self.assertNotEqual(hdrs["ETag"], old)
        self.assertTrue(body.endswith(b"/* changed */\n"))
        self.assertEqual(self.get("/widget.js", headers={"If-None-Match": old})[0], 200)


class NoWebDirTest(unittest.TestCase):
    def test_serves_the_api_without_a_web_dir(self):
        root = tempfile.mkdtemp(prefix="herald-noweb-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nweb_dir = "%s/missing"\n' % (SOURCE_DIR, root))
        try:
            with Daemon(config=conf) as d:
                self.assertEqual(http(d.url + "/")[0], 404)
                self.assertEqual(http(d.url + "/widget.js")[0], 404)
                self.assertEqual(http(d.url + "/healthz")[0], 200)
                self.assertIn("event=no_widget", d.log())
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
