"""Issue 22: three herald instances behind a load balancer, deploy/nginx.conf
and, separately, deploy/haproxy.cfg (rewritten to loopback ports), under load
from WebSocket and HTTP clients, each on an address of its own and carrying
its conversation's context. The documented rolling update
(scripts/rolling-restart) restarts every instance, then one is killed with -9
and started again. Counted: questions sent, answered, re-sent (after a 1001,
a 1006 or an HTTP error, as docs/protocol.md tells clients) and lost (never
answered); 0 lost, no follow-up answered without its context, no WebSocket
refused for the proxy's address (http.trusted_proxies).

`make test` runs a small load (HERALD_BALANCER_CLIENTS, default 24);
`make test-long` runs integration.test_balancer_long, 150 clients, whose
figures are in docs/operations.md."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import (HAPROXY, HERALD_BIN, NGINX, SANITIZED, SOURCE_DIR, WebSocket,  # noqa: E402
                           WebSocketClosed, free_port, nginx_config)

CLIENTS = int(os.environ.get("HERALD_BALANCER_CLIENTS", "24"))  # half WebSocket, half HTTP
PER_ADDRESS = 8  # limits.max_connections_per_address: far below the number of clients
NOTICE = 2  # limits.drain_notice_seconds, as docs/operations.md advises
THINK = 0.2  # seconds between a client's questions: a steady load, not a benchmark

DRUGS = [("herceptin", "Herceptin"), ("enhertu", "Enhertu"), ("kadcyla", "Kadcyla"),
         ("perjeta", "Perjeta"), ("tukysa", "Tukysa")]
TURNS = [("tell me about %s", "drug.about"), ("how is it given?", "drug.given"),
         ("what are its side effects?", "drug.side_effects")]


def client_address(n):
    """A loopback address of its own for client N: 127.0.1.N (any 127/8 works)."""
    return "127.0.%d.%d" % (1 + n // 250, 1 + n % 250)


class Instance:
    """One herald on a fixed port, restartable on the same port."""

    def __init__(self, root, config, port):
        self.root, self.config, self.port = root, config, port
        self.lines, self.exits = [], []
        self.proc = None

    def start(self, timeout=90 if SANITIZED else 30):
        self.proc = subprocess.Popen([HERALD_BIN, "serve", "--config", self.config, "--workers", "1",
                                      "--listen", "127.0.0.1:%d" % self.port],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        ready = threading.Event()
        proc = self.proc

        def pump():
            for line in proc.stderr:
                self.lines.append(line.rstrip("\n"))
                if "event=listening" in line:
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout) or proc.poll() is not None:
            raise RuntimeError("herald on %d did not start:\n%s" % (self.port, "\n".join(self.lines[-20:])))

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.exits.append(self.proc.wait(30))


def nginx_proxy(root, port, upstreams):
    """nginx as herald_client.nginx_config writes it, failing an upstream over
    quickly, with room for every client, and no access log under load."""
    return nginx_config(root, port, upstreams, fail_timeout=2, worker_connections=4096, access_log=False)


def haproxy_config(root, port, upstreams):
    """deploy/haproxy.cfg with its bind and servers on loopback ports."""
    with open(os.path.join(SOURCE_DIR, "deploy", "haproxy.cfg")) as f:
        cfg = f.read()
    servers = "".join("\tserver herald%d 127.0.0.1:%d\n" % (i + 1, p) for i, p in enumerate(upstreams))
    cfg, n = re.subn(r"(\tserver herald\d+ [^\n]*\n)+", servers, cfg)
    assert n == 1, "servers not found in deploy/haproxy.cfg"
    cfg, n = re.subn(r"bind :80\n", "bind 127.0.0.1:%d\n" % port, cfg)
    assert n == 1
    path = os.path.join(root, "haproxy.cfg")
    with open(path, "w") as f:
        f.write(cfg)
    return [HAPROXY, "-db", "-f", path]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = self.answered = self.resent = self.lost = 0
        self.resent_ws = self.resent_http = 0
        self.ws_refused = 0
        self.failures = []

    def add(self, **kw):
        with self.lock:
            for k, v in kw.items():
                setattr(self, k, getattr(self, k) + v)

    def fail(self, msg):
        with self.lock:
            self.failures.append(msg)


class Balancer:
    """The cluster, its proxy, and the clients; run() returns the tally."""

    def __init__(self, test, proxy):
        self.test, self.root = test, tempfile.mkdtemp(prefix="herald-lb-")
        conf = os.path.join(self.root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nvoice = { enabled = 0 }\n'
                    'limits = { rate_per_second = 1000, rate_burst = 1000, drain_seconds = 10,'
                    ' drain_notice_seconds = %d, max_connections_per_address = %d }\n'
                    'http = { trusted_proxies = "127.0.0.1" }\n' % (SOURCE_DIR, NOTICE, PER_ADDRESS))
        self.instances = [Instance(self.root, conf, free_port()) for _ in range(3)]
        for i in self.instances:
            i.start()
        self.port = free_port()
        make = nginx_proxy if proxy == "nginx" else haproxy_config
        self.proxy = subprocess.Popen(make(self.root, self.port, [i.port for i in self.instances]),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not self.wait(lambda: self.get("/healthz")[0] == 200, 15):
            raise RuntimeError("%s did not come up: %s" % (proxy, self.proxy_log()))
        self.tally = Tally()
        self.stop = threading.Event()
        self.restarter = None

    def proxy_log(self):
        try:
            with open(os.path.join(self.root, "error.log")) as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    @staticmethod
    def wait(cond, seconds):
        end = time.time() + seconds
        while time.time() < end:
            if cond():
                return True
            time.sleep(0.05)
        return False

    def request(self, method, path, body=None, source=None, timeout=30):
        """(status, headers, parsed JSON) through the proxy, from SOURCE."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                          source_address=(source, 0) if source else None)
        try:
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
            r = conn.getresponse()
            raw = r.read()
            try:
                return r.status, r.headers, json.loads(raw.decode())
            except ValueError:
                return r.status, r.headers, raw
        finally:
            conn.close()

    def get(self, path):
        try:
            return self.request("GET", path, timeout=2)
        except OSError:
            return None, {}, None

    def close(self):
        self.stop.set()
        if self.proxy.poll() is None:
            self.proxy.terminate()
            self.proxy.wait(10)
        for i in self.instances:
            i.stop(signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)

    # ---- the clients ----

    def conversation(self, n, ask):
        """Runs three-turn conversations with ASK(question, context, turn) until
        told to stop; ASK re-sends until answered and returns the answer or
        None (lost). A follow-up must name the conversation's drug."""
        c = 0
        while not self.stop.is_set():
            drug, brand = DRUGS[(n + c) % len(DRUGS)]
            context = None
            for k, (text, intent) in enumerate(TURNS):
                reply = ask(text % drug if k == 0 else text, context)
                if reply is None:
                    break
                if reply.get("intent") != intent or brand not in reply.get("text", ""):
                    self.tally.fail("client %d, %s turn %d: %s / %r" % (n, drug, k, reply.get("intent"),
                                                                        reply.get("text", "")[:80]))
                context = reply.get("context")
                time.sleep(THINK)
            c += 1

    def http_client(self, n):
        source = client_address(n)

        def ask(text, context):
            body = {"text": text}
            if context:
                body["context"] = context
            self.tally.add(sent=1)
            end = time.time() + 60
            while time.time() < end:
                try:
                    status, _, reply = self.request("POST", "/v1/ask", body, source)
                    if status == 200 and isinstance(reply, dict) and reply.get("type") == "answer":
                        self.tally.add(answered=1)
                        return reply
                except (OSError, http.client.HTTPException):
                    # A body cut short (IncompleteRead) is an instance killed
                    # with -9 mid-answer after the proxy sent the headers: it
                    # cannot be retried by the proxy, so the client asks again.
                    pass
                self.tally.add(resent=1, resent_http=1)  # a 502/503 or a dropped connection: ask again
                time.sleep(0.2)
            self.tally.add(lost=1)
            self.tally.fail("http client %d: %r never answered" % (n, text))
            return None

        self.conversation(n, ask)

    def ws_client(self, n):
        source = client_address(n)
        state = {"ws": None, "id": 0}

        def connect():
            end = time.time() + 60
            while time.time() < end and not self.stop.is_set():
                try:
                    return WebSocket(self.port, source=source, timeout=30)
                except ConnectionError as e:
                    if " 429 " in str(e):
                        self.tally.add(ws_refused=1)
                except OSError:
                    pass
                time.sleep(0.2)
            return None

        def ask(text, context):
            """docs/protocol.md: a question with no answer when the connection
            closes (1001, 1006) was not answered; ask it again, with its
            context, on a new connection."""
            self.tally.add(sent=1)
            end = time.time() + 60
            first = True
            while time.time() < end:
                if state["ws"] is None:
                    state["ws"] = connect()
                    if state["ws"] is None:
                        break
                if not first:
                    self.tally.add(resent=1, resent_ws=1)
                first = False
                state["id"] += 1
                msg = {"type": "ask", "id": str(state["id"]), "text": text}
                if context:
                    msg["context"] = context
                try:
                    state["ws"].send_json(msg)
                    reply = state["ws"].recv()
                    if reply.get("type") == "answer" and reply.get("id") == msg["id"]:
                        self.tally.add(answered=1)
                        return reply
                    # shutting_down: the instance is leaving; ask elsewhere.
                    state["ws"].close()
                except (WebSocketClosed, OSError):
                    state["ws"].sock.close()
                state["ws"] = None
                time.sleep(0.05)
            self.tally.add(lost=1)
            self.tally.fail("websocket client %d: %r never answered" % (n, text))
            return None

        self.conversation(n, ask)
        if state["ws"]:
            state["ws"].close()

    # ---- the run ----

    def restart_command(self):
        """The --restart of scripts/rolling-restart: asks this test, which owns
        the processes, to stop (SIGTERM, herald drains) and start the instance
        on {port}, and returns once it is started, as `systemctl restart` does."""
        path = os.path.join(self.root, "restart.sh")
        with open(path, "w") as f:
            f.write('#!/bin/sh\nd="%s"\ntouch "$d/req.$1"\n'
                    'while [ ! -e "$d/done.$1" ]; do sleep 0.05; done\nrm -f "$d/done.$1"\n' % self.root)
        return "sh %s {port}" % path

    def serve_restarts(self):
        while not self.stop.is_set():
            for i in self.instances:
                req = os.path.join(self.root, "req.%d" % i.port)
                if os.path.exists(req):
                    os.unlink(req)
                    i.stop()
                    i.start()
                    open(os.path.join(self.root, "done.%d" % i.port), "w").close()
            time.sleep(0.05)

    def run(self, name):
        # The limit is the client's, not the proxy's: one address that opens
        # more than the three instances allow it is refused, through the
        # proxy (each instance counts its own), while everyone else connects.
        held, refused = [], None
        try:
            for _ in range(3 * PER_ADDRESS + 1):
                try:
                    held.append(WebSocket(self.port, source="127.0.200.1"))
                except ConnectionError as e:
                    refused = str(e)
                    break
        finally:
            for ws in held:
                ws.close()
        self.test.assertIn(" 429 ", refused or "", "%d WebSockets from one address" % len(held))
        self.restarter = threading.Thread(target=self.serve_restarts, daemon=True)
        self.restarter.start()
        half = CLIENTS // 2
        clients = [threading.Thread(target=self.ws_client, args=(n,)) for n in range(half)]
        clients += [threading.Thread(target=self.http_client, args=(half + n,)) for n in range(CLIENTS - half)]
        for t in clients:
            t.start()
        time.sleep(1)
        started = time.time()
        print("%s: %d clients; rolling restart of 3 instances" % (name, CLIENTS), flush=True)
        roll = subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "scripts", "rolling-restart"),
                               "--proxy", "http://127.0.0.1:%d" % self.port, "--restart", self.restart_command(),
                               "--settle", "0.5", "--timeout", "60"]
                              + ["127.0.0.1:%d" % i.port for i in self.instances],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        print(roll.stdout, end="", flush=True)
        self.test.assertEqual(roll.returncode, 0, roll.stdout + self.proxy_log())
        print("%s: rolling restart took %.1fs; kill -9 of one instance" % (name, time.time() - started), flush=True)
        victim = self.instances[1]
        victim.stop(signal.SIGKILL)
        time.sleep(2)  # questions meet the dead instance meanwhile
        victim.start()
        self.test.assertTrue(self.wait(lambda: self.get("/healthz")[1].get("X-Herald-Upstream", "")
                                       .endswith(":%d" % victim.port), 30), "the killed instance is not back")
        time.sleep(1)
        self.stop.set()
        for t in clients:
            t.join(120)
        t = self.tally
        print("%s: %d sent, %d answered, %d re-sent (%d WebSocket, %d HTTP), %d lost; %d WebSockets refused (429)"
              % (name, t.sent, t.answered, t.resent, t.resent_ws, t.resent_http, t.lost, t.ws_refused), flush=True)
        return t


class TrustedProxyTest(unittest.TestCase):
    """http.trusted_proxies against the daemon itself, no proxy needed."""

    def daemon(self, trusted):
        root = tempfile.mkdtemp(prefix="herald-trust-")
        self.addCleanup(shutil.rmtree, root, True)
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nvoice = { enabled = 0 }\nlimits = { max_connections_per_address = 2 }\n'
                    'http = { trusted_proxies = "%s" }\n' % (SOURCE_DIR, trusted))
        from herald_client import Daemon
        d = Daemon(config=conf)
        self.addCleanup(d.stop)
        return d

    def open(self, d, xff):
        try:
            ws = WebSocket(d.port, headers={"X-Forwarded-For": xff} if xff else {})
        except ConnectionError as e:
            return str(e)
        self.addCleanup(ws.close)
        self.assertEqual(ws.ask("1", "hello")["type"], "answer")
        return "open"

    def test_limit_counts_the_forwarded_client(self):
        d = self.daemon("127.0.0.1")
        # Many clients through one proxy: each has its own allowance.
        self.assertEqual([self.open(d, "203.0.113.%d" % i) for i in range(5)], ["open"] * 5)
        # One client past its limit is refused, whatever it claims to the left.
        self.assertEqual(self.open(d, "198.51.100.1"), "open")
        self.assertEqual(self.open(d, "10.9.9.9, 198.51.100.1"), "open")
        self.assertIn(" 429 ", self.open(d, "1.1.1.1, 198.51.100.1"))
        # A long header (a chain of proxies, or a client padding it; lws
        # refuses a request whose headers are over its own limit, 431): its
        # last hop still counts.
        long = ", ".join(["192.0.2.%d" % (i % 250) for i in range(110)]) + ", 198.51.100.2"
        self.assertGreater(len(long), 1024)
        # The proxy's own address is at its limit (connections without the
        # header count as the proxy's), so a long header misread would be refused.
        self.assertEqual([self.open(d, "") for _ in range(2)], ["open"] * 2)
        self.assertEqual(self.open(d, long), "open")
        self.assertEqual(self.open(d, long), "open")
        self.assertIn(" 429 ", self.open(d, long))

    def test_headers_from_others_are_ignored(self):
        d = self.daemon("10.0.0.1")  # the test's own address is not a proxy
        self.assertEqual(self.open(d, "203.0.113.1"), "open")
        self.assertEqual(self.open(d, "203.0.113.2"), "open")
        self.assertIn(" 429 ", self.open(d, "203.0.113.3"))


@unittest.skipIf(SANITIZED, "three instances restarted in turn take minutes under the sanitizers, past make "
                 "test-asan's budget; the drain they go through is test_shutdown's and test_cluster's, which run there")
class BalancerTest(unittest.TestCase):
    def check(self, proxy):
        b = Balancer(self, proxy)
        try:
            t = b.run(proxy)
            self.assertEqual(t.failures, [], b.proxy_log())
            self.assertEqual(t.lost, 0)
            self.assertEqual(t.sent, t.answered)
            self.assertEqual(t.ws_refused, 0)
            self.assertGreater(t.sent, CLIENTS * 3)
            # The one address that went past its limit was refused (the probe
            # in run()); nobody else, though all came through one proxy.
            refusals = sum(1 for i in b.instances for line in i.lines
                           if "ws_refused" in line and "reason=per_address" in line)
            self.assertEqual(refusals, 1)
            for i in b.instances:
                # Every SIGTERM drained and exited 0 (the kill -9 aside).
                self.assertTrue(all(rc == 0 for rc in i.exits if rc != -signal.SIGKILL), "\n".join(i.lines))
                self.assertIn("drain_notice_seconds=%d" % NOTICE, "\n".join(i.lines))
        finally:
            b.close()

    @unittest.skipIf(NGINX is None, "nginx is not installed (scripts/install-deps installs Debian's nginx)")
    def test_nginx(self):
        self.check("nginx")

    @unittest.skipIf(HAPROXY is None, "haproxy is not installed (scripts/install-deps installs Debian's haproxy)")
    def test_haproxy(self):
        self.check("haproxy")


if __name__ == "__main__":
    unittest.main(verbosity=2)
