"""Two herald instances behind nginx (deploy/nginx.conf, rewritten to loopback
ports): multi-turn conversations over HTTP and WebSocket, a load burst, and a
rolling stop (SIGTERM) of one instance in the middle of it. No question may be
lost and follow-ups must still resolve."""
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def nginx_config(root, port, upstreams):
    """deploy/nginx.conf inside a minimal main config that runs unprivileged from ROOT."""
    with open(os.path.join(SOURCE_DIR, "deploy", "nginx.conf")) as f:
        site = f.read()
    servers = "".join("\tserver 127.0.0.1:%d max_fails=1 fail_timeout=5s;\n" % p for p in upstreams)
    site, n = re.subn(r"(\tserver 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, site)
    assert n == 1, "upstream servers not found in deploy/nginx.conf"
    site, n = re.subn(r"listen 80;", "listen 127.0.0.1:%d;" % port, site)
    assert n == 1
    with open(os.path.join(root, "herald.conf"), "w") as f:
        f.write(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = (user + "daemon off;\npid %(r)s/nginx.pid;\nerror_log %(r)s/error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n access_log %(r)s/access.log;\n client_body_temp_path %(r)s/body;\n"
            " proxy_temp_path %(r)s/proxy;\n fastcgi_temp_path %(r)s/fastcgi;\n uwsgi_temp_path %(r)s/uwsgi;\n"
            " scgi_temp_path %(r)s/scgi;\n include %(r)s/herald.conf;\n}\n") % {"r": root}
    path = os.path.join(root, "nginx.conf")
    with open(path, "w") as f:
        f.write(main)
    return path


@unittest.skipIf(NGINX is None, "nginx is not installed (scripts/install-deps installs Debian's nginx)")
class ClusterTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-cluster-")
        conf = os.path.join(self.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlimits = { rate_per_second = 1000, rate_burst = 1000 }\n' % SOURCE_DIR)
        self.a = Daemon(config=conf)
        self.b = Daemon(config=conf)
        self.port = free_port()
        cfg = nginx_config(self.root, self.port, [self.a.port, self.b.port])
        self.nginx = subprocess.Popen([NGINX, "-p", self.root, "-c", cfg], stderr=subprocess.PIPE)
        self.url = "http://127.0.0.1:%d" % self.port
        end = time.time() + 10
        while time.time() < end:
            try:
                if http(self.url + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            self.fail("nginx did not come up: %s" % self.nginx_log())

    def nginx_log(self):
        try:
            with open(os.path.join(self.root, "error.log")) as f:
                return f.read()
        except OSError:
            return ""

    def tearDown(self):
        self.nginx.terminate()
        self.nginx.wait(10)
        for d in (self.a, self.b):
            if d.proc.poll() is None:
                d.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def ask(self, text, session=None):
        body = {"text": text}
        headers = {"Content-Type": "application/json"}
        if session:
            body["session"] = session
            headers["X-Herald-Session"] = session
        status, hdrs, reply = http(self.url + "/v1/ask", "POST", body, headers=headers)
        return status, hdrs.get("X-Herald-Upstream", ""), reply

    def session_on(self, port):
        """A session id that nginx's consistent hash sends to the instance on PORT."""
        for i in range(200):
            sid = "conv-%d" % i
            status, upstream, reply = self.ask("tell me about herceptin", sid)
            self.assertEqual(status, 200)
            if upstream.endswith(":%d" % port):
                return sid
        self.fail("no session id reached port %d" % port)

    def test_rolling_stop_loses_nothing(self):
        # Both instances serve: the metrics say so at the end.
        sid = self.session_on(self.a.port)
        other = self.session_on(self.b.port)
        status, upstream, reply = self.ask("how is it given?", other)
        self.assertEqual(reply["intent"], "drug.given")

        # A WebSocket conversation through nginx.
        ws = WebSocket(self.port)
        self.assertEqual(ws.ask("w1", "tell me about herceptin")["intent"], "drug.about")
        self.assertEqual(ws.ask("w2", "how is it given?")["intent"], "drug.given")
        ws.close()

        # The burst: HTTP questions with spread session ids and WebSockets that
        # reconnect when told to go away (1001), as the widget does.
        answered, failures = [], []
        lock = threading.Lock()

        def http_worker(n):
            for i in range(25):
                s = "burst-%d-%d" % (n, i)
                try:
                    status, _, reply = self.ask("what is HER2", s)
                    ok = status == 200 and reply.get("type") == "answer"
                except Exception as e:  # noqa: BLE001
                    ok, reply = False, repr(e)
                with lock:
                    (answered if ok else failures).append(reply if not ok else 1)
                time.sleep(0.01)

        def ws_worker(n):
            sock = None
            for i in range(25):
                for attempt in range(5):
                    try:
                        if sock is None:
                            sock = WebSocket(self.port, headers={"X-Herald-Session": "ws-%d-%d" % (n, attempt)})
                        reply = sock.ask("q%d" % i, "what are the side effects of enhertu")
                        with lock:
                            answered.append(1)
                        break
                    except (WebSocketClosed, ConnectionError, OSError):
                        sock = None  # reconnect and ask again, as clients do on 1001
                        time.sleep(0.05)
                else:
                    with lock:
                        failures.append("ws %d question %d never answered" % (n, i))
                time.sleep(0.01)
            if sock:
                sock.close()

        threads = [threading.Thread(target=http_worker, args=(n,)) for n in range(6)]
        threads += [threading.Thread(target=ws_worker, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        self.b.proc.send_signal(signal.SIGTERM)  # a rolling update takes B out
        for t in threads:
            t.join(120)
        self.assertEqual(self.b.proc.wait(20), 0)
        self.assertEqual(failures, [], self.nginx_log()[-2000:])
        self.assertEqual(len(answered), 10 * 25)

        # The conversation pinned to A still resolves its follow-up; new
        # questions all reach A now.
        status, upstream, reply = self.ask("how is it given?", sid)
        self.assertEqual(status, 200)
        self.assertEqual(reply["intent"], "drug.given")
        self.assertTrue(upstream.endswith(":%d" % self.a.port), upstream)
        status, upstream, reply = self.ask("what is HER2", "conv-new-%d" % random.randint(0, 1 << 30))
        self.assertEqual(status, 200)
        self.assertTrue(upstream.endswith(":%d" % self.a.port), upstream)
        self.assertIn("action=drain", self.b.log())
        # /metrics is not served through the public name.
        self.assertEqual(http(self.url + "/metrics")[0], 404)


if __name__ == "__main__":
    unittest.main()
