"""Test helpers: start the real daemon on an ephemeral port, and speak HTTP and
WebSocket (RFC 6455, written here on the standard library so the tests need
nothing from PyPI)."""
import base64
import json
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.request

HERALD_BIN = os.environ.get("HERALD_BIN", "build/herald")
SOURCE_DIR = os.environ.get("HERALD_SOURCE_DIR", os.getcwd())
# A sanitizer build keeps freed memory in quarantine, so memory figures mean
# nothing there: tests that measure memory check it only in a normal build.
SANITIZED = os.environ.get("HERALD_SANITIZED", "0") not in ("0", "", "OFF", "FALSE")


def _sbin(name):
    """NAME on the PATH or in /usr/sbin (not on a normal user's PATH), or None."""
    return shutil.which(name) or ("/usr/sbin/" + name if os.path.exists("/usr/sbin/" + name) else None)


# The proxies of deploy/ (test_cluster, test_balancer); scripts/install-deps installs them.
NGINX = _sbin("nginx")
HAPROXY = _sbin("haproxy")


def free_port():
    """A TCP port free on 127.0.0.1 now (for a proxy, or a daemon that must
    keep its port across restarts)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def nginx_config(root, port, upstreams, fail_timeout=5, worker_connections=1024, access_log=True):
    """deploy/nginx.conf, listening on 127.0.0.1:PORT with UPSTREAMS (ports) as
    its servers, inside a minimal main config that runs unprivileged from ROOT
    (error.log, and access.log when ACCESS_LOG, are written there). Returns the
    command line that runs it in the foreground."""
    with open(os.path.join(SOURCE_DIR, "deploy", "nginx.conf")) as f:
        site = f.read()
    servers = "".join("\tserver 127.0.0.1:%d max_fails=1 fail_timeout=%ds;\n" % (p, fail_timeout)
                      for p in upstreams)
    site, n = re.subn(r"(\tserver 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, site)
    assert n == 1, "upstream servers not found in deploy/nginx.conf"
    site, n = re.subn(r"listen 80;", "listen 127.0.0.1:%d;" % port, site)
    assert n == 1
    with open(os.path.join(root, "herald.conf"), "w") as f:
        f.write(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    log = "%(r)s/access.log" if access_log else "off"
    main = (user + "daemon off;\npid %(r)s/nginx.pid;\nerror_log %(r)s/error.log warn;\n"
            "worker_processes 1;\nevents { worker_connections " + str(worker_connections) + "; }\n"
            "http {\n access_log " + log + ";\n client_body_temp_path %(r)s/body;\n"
            " proxy_temp_path %(r)s/proxy;\n fastcgi_temp_path %(r)s/fastcgi;\n uwsgi_temp_path %(r)s/uwsgi;\n"
            " scgi_temp_path %(r)s/scgi;\n include %(r)s/herald.conf;\n}\n") % {"r": root}
    path = os.path.join(root, "nginx.conf")
    with open(path, "w") as f:
        f.write(main)
    return [NGINX, "-p", root, "-c", path]


class Daemon:
    """The built herald, serving on 127.0.0.1 and a free port, logs captured."""

    def __init__(self, config=None, args=(), user=None, start_timeout=None):
        cmd = [HERALD_BIN, "serve", "--listen", "127.0.0.1:0"]
        if config:
            cmd += ["--config", config]
        cmd += list(args)
        # USER (a name or uid) runs it as another user; only root can.
        extra = {"user": user, "group": 65534, "extra_groups": []} if user is not None else {}
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, **extra)
        self.lines = []
        self.port = None
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                self.lines.append(line.rstrip("\n"))
                m = re.search(r"listening addr=[^ ]+:(\d+)", line)
                if m and not ready.is_set():
                    self.port = int(m.group(1))
                    ready.set()
            ready.set()

        self.reader = threading.Thread(target=pump, daemon=True)
        self.reader.start()
        # Starting compiles the patterns and trains the ranker: about a second,
        # but several times that under the sanitizers on a loaded 2-CPU machine.
        if start_timeout is None:
            start_timeout = 90 if SANITIZED else 30
        if not ready.wait(start_timeout) or self.port is None:
            self.proc.kill()
            raise RuntimeError("daemon did not start:\n" + "\n".join(self.lines))
        self.url = "http://127.0.0.1:%d" % self.port

    def log(self):
        return "\n".join(self.lines)

    def stop(self, sig=15, timeout=15):
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.reader.join(5)
        return rc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()


def http(url, method="GET", body=None, headers=None, timeout=10):
    """Returns (status, headers, parsed JSON or raw bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw, status, hdrs = r.read(), r.status, r.headers
    except urllib.error.HTTPError as e:
        raw, status, hdrs = e.read(), e.code, e.headers
    try:
        return status, hdrs, json.loads(raw.decode())
    except ValueError:
        return status, hdrs, raw


class WebSocket:
    """A minimal RFC 6455 client: text, binary, fragments, close and ping."""

    def __init__(self, port, path="/chat", protocol="herald.v1", origin=None, timeout=10, headers=None,
                 tls=None, source=None):
        # SOURCE: a local address to connect from (another 127.x.y.z), to
        # look like another client.
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        if tls:  # an ssl.SSLContext
            self.sock = tls.wrap_socket(self.sock, server_hostname="localhost")
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            "GET %s HTTP/1.1" % path,
            "Host: 127.0.0.1:%d" % port,
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: " + key,
            "Sec-WebSocket-Version: 13",
        ]
        if protocol:
            lines.append("Sec-WebSocket-Protocol: " + protocol)
        if origin:
            lines.append("Origin: " + origin)
        for k, v in (headers or {}).items():
            lines.append("%s: %s" % (k, v))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        resp = b""
        while b"\r\n\r\n" not in resp:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            resp += chunk
        head, _, self.buf = resp.partition(b"\r\n\r\n")
        self.status_line = head.split(b"\r\n")[0].decode(errors="replace")
        self.headers = head.decode(errors="replace")
        if " 101 " not in self.status_line:
            raise ConnectionError("upgrade refused: " + self.status_line)

    def send_frame(self, opcode, payload, fin=True):
        mask = os.urandom(4)
        head = bytes([(0x80 if fin else 0) | opcode])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def send_text(self, text):
        self.send_frame(1, text.encode() if isinstance(text, str) else text)

    def send_json(self, obj):
        self.send_text(json.dumps(obj))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_frame(self):
        b0, b1 = self._read(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", self._read(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", self._read(8))[0]
        return b0 & 0x0F, self._read(n)

    def recv(self):
        """Returns the next message as parsed JSON; answers pings; raises on close."""
        while True:
            op, payload = self.recv_frame()
            if op == 9:
                self.send_frame(10, payload)
                continue
            if op == 8:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                # Answer the close, as browsers do (RFC 6455, section 5.5.1).
                try:
                    self.send_frame(8, payload[:2])
                except OSError:
                    pass
                raise WebSocketClosed(code)
            return json.loads(payload.decode())

    def ask(self, qid, text):
        self.send_json({"type": "ask", "id": qid, "text": text})
        return self.recv()

    def close(self):
        try:
            self.send_frame(8, struct.pack("!H", 1000))
            self.sock.close()
        except OSError:
            pass


class WebSocketClosed(Exception):
    def __init__(self, code):
        super().__init__("closed with code %r" % code)
        self.code = code


def wait_for(pred, timeout=5.0, step=0.05):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def publish(src, key_point):
    """A plugin `herald new` wrote, written: every TODO replaced, the review
    filled in, `draft = true` deleted (docs/plugins.md, Drafts)."""
    src = re.sub(r'"TODO the first key point[^"]*"', '"%s"' % key_point, src)
    src = src.replace('"TODO the page\'s title"', '"Visiting us"').replace('"TODO who published it"', '"Example Cancer Center"')
    src = src.replace("https://TODO.invalid/the-page-address", "https://example.org/visit")
    src = src.replace('reviewed = ""', 'reviewed = "2026-11-30"').replace('reviewed_by = ""', 'reviewed_by = "J. Doe, RN"')
    src = src.replace("  draft = true,\n", "")
    assert not [l for l in src.splitlines() if "TODO" in l.split("--")[0]], src
    return src
