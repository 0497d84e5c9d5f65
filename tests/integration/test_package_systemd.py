"""The Debian package installed into a real systemd, booted as PID 1.

The test machines (and CI's) are VMs whose PID 1 is not systemd, so the
package is tested in a container instead: a minimal Debian root of the host's
release (debootstrap --variant=minbase with systemd and nothing else but the
package's Depends and Recommends, cached in BUILD_DIR/systemd-root) is copied
and booted with `systemd-nspawn -b` on a private network, so systemd 252 is
PID 1 of its own PID namespace with its own cgroup tree. Commands run inside
it with nsenter, HTTP goes to its loopback from inside its network namespace.

In that systemd the test installs the .deb with apt (offline: everything it
needs is already in the root, so a missing Depends shows as herald failing to
start), checks that its postinst enabled and started herald.service, that an
upgrade restarts it, that a topic dropped into the local content folder
(/etc/herald/content) answers and survives the upgrade, that `systemctl start` returns once herald has sent
READY=1, that it answers POST /v1/ask, that `systemctl reload` and `systemctl
stop` work cleanly (exit 0, no restarts), that its journal lines are the
expected ones with no warning or error and no question text, and that
removing and purging the package stop and forget it.

Skipped, saying why (ctest reports it as skipped, not passed), when this
machine cannot do it: not root, not Linux, systemd-nspawn or debootstrap
missing (scripts/install-deps installs them), the Debian mirror unreachable
with no cached root, or a plain Debian root that does not boot under
systemd-nspawn here (the nspawn output is shown).
HERALD_REQUIRE_SYSTEMD=1 turns each of those skips into a failure."""
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from herald_deb import BUILD_DIR, build_deb, control_field, package_names  # noqa: E402

MIRROR = os.environ.get("HERALD_DEBIAN_MIRROR", "http://deb.debian.org/debian")
REQUIRE = os.environ.get("HERALD_REQUIRE_SYSTEMD", "0") not in ("0", "")
ROOTS = os.path.join(BUILD_DIR, "systemd-root")
CANARY = "Zorblax Quenderby"  # a name in a question; it must be in no journal line

# Run inside the container's network namespace by the host's python3: one HTTP
# request to herald on the container's loopback, printing the status, then the
# body. No proxy: the environment's proxies are not reachable from there.
CLIENT = r"""
import sys, urllib.error, urllib.request
method, url = sys.argv[1], sys.argv[2]
body = sys.argv[3].encode() if len(sys.argv) > 3 else None
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
req = urllib.request.Request(url, data=body, method=method)
try:
    with opener.open(req, timeout=10) as r:
        status, data = r.status, r.read()
except urllib.error.HTTPError as e:
    status, data = e.code, e.read()
print(status)
sys.stdout.write(data.decode())
"""


# A topic a clinic adds in the package's local folder, /etc/herald/content.
LOCAL_TOPIC = {
    "intents/clinic_wifi.intents": "intent clinic.wifi\n  pattern: \\bwi-?fi\\b\n"
                                   "  example: is there wifi in the waiting room\n",
    "plugins/clinic_wifi.lua": 'herald.about { title = "Wifi", reviewed = "2026-11-30", reviewed_by = "J. Doe" }\n'
                               'herald.answer("clinic.wifi", { text = "The waiting room has free wifi." })\n',
}


def codename():
    with open("/etc/os-release") as f:
        for line in f:
            if line.startswith("VERSION_CODENAME="):
                return line.strip().split("=", 1)[1].strip('"')
    return "bookworm"


def cannot():
    """Why this machine cannot boot a systemd container, or None."""
    if not sys.platform.startswith("linux"):
        return "systemd-nspawn needs Linux"
    if os.geteuid() != 0:
        return "needs root: it debootstraps a Debian root and boots it with systemd-nspawn"
    for tool, pkg in (("systemd-nspawn", "systemd-container"), ("debootstrap", "debootstrap"),
                      ("nsenter", "util-linux"), ("dpkg-deb", "dpkg"), ("cpack", "cmake")):
        if not shutil.which(tool):
            return "%s is not installed (package %s; scripts/install-deps installs it)" % (tool, pkg)
    return None


class Machine:
    """A Debian root booted with systemd-nspawn; systemd is its PID 1."""

    def __init__(self, root, log):
        self.root = root
        self.name = "herald-test-%d" % os.getpid()
        self.log_path = log
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            ["systemd-nspawn", "--quiet", "--directory", root, "--boot", "--machine", self.name,
             "--register=no", "--keep-unit", "--private-network", "--console=pipe"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        self.leader = None

    def output(self):
        self.log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def boot(self, timeout=90):
        """Waits for the container's systemd to finish booting; returns its state
        ('running' or 'degraded'), or None with nothing booted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            if self.leader is None:
                self.leader = self._find_systemd()
            if self.leader is not None:
                state = self.sh("systemctl", "is-system-running", check=False, timeout=10).stdout.strip()
                if state in ("running", "degraded"):
                    return state
            time.sleep(0.2)
        return None

    def _find_systemd(self):
        # nspawn's child is the container's PID 1, /usr/lib/systemd/systemd.
        todo = [self.proc.pid]
        while todo:
            pid = todo.pop()
            try:
                with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                    children = [int(c) for c in f.read().split()]
            except OSError:
                continue
            for c in children:
                try:
                    with open("/proc/%d/comm" % c) as f:
                        if f.read().strip() == "systemd":
                            return c
                except OSError:
                    pass
            todo.extend(children)
        return None

    def sh(self, *cmd, check=True, timeout=120):
        """Runs cmd in every namespace of the container (its files, its PID 1)."""
        return self._run(["nsenter", "--target", str(self.leader), "--all", "--"] + list(cmd), check, timeout)

    def net(self, *cmd, check=True, timeout=60):
        """Runs a host program in the container's network namespace only."""
        return self._run(["nsenter", "--target", str(self.leader), "--net", "--"] + list(cmd), check, timeout)

    def _run(self, cmd, check, timeout):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", LC_ALL="C.UTF-8", SYSTEMD_PAGER="",
                   SYSTEMD_COLORS="0")
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        if check and r.returncode != 0:
            raise AssertionError("%s exited %d\n--- stdout\n%s--- stderr\n%s" %
                                 (" ".join(cmd[4:] if cmd[0] == "nsenter" else cmd), r.returncode,
                                  r.stdout, r.stderr))
        return r

    def show(self, unit, *props):
        out = self.sh("systemctl", "show", unit, "--property=" + ",".join(props)).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def close(self):
        """Halts the container (nspawn turns SIGTERM into a clean poweroff)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGTERM)  # a second one: terminate now
                try:
                    self.proc.wait(15)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        self.log.close()
        # nspawn leaves its (empty) propagation folder when /run is not a tmpfs.
        shutil.rmtree("/run/systemd/nspawn/propagate/" + self.name, ignore_errors=True)


class PackageUnderSystemdTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.machine = None
        cls.run_root = None
        why = cannot()
        if why:
            cls.skip(why)
        cls.deb = build_deb()
        cls.base = cls.base_root()
        cls.run_root = os.path.join(ROOTS, "run-%d" % os.getpid())
        shutil.rmtree(cls.run_root, ignore_errors=True)
        subprocess.run(["cp", "-a", "--reflink=auto", cls.base, cls.run_root], check=True)
        shutil.copy(cls.deb, os.path.join(cls.run_root, "root", os.path.basename(cls.deb)))
        t = time.monotonic()
        cls.machine = Machine(cls.run_root, cls.run_root + ".log")
        state = cls.machine.boot()
        if state is None:
            out = cls.machine.output()
            cls.tearDownClass()
            cls.skip("a minimal Debian root does not boot under systemd-nspawn on this machine, "
                     "so herald cannot be tested under systemd here. systemd-nspawn said:\n" + out)
        print("systemd booted as PID 1 of the container in %.1f s (%s)" % (time.monotonic() - t, state))
        if state == "degraded":
            print(cls.machine.sh("systemctl", "--failed", "--no-legend", check=False).stdout)

    @classmethod
    def skip(cls, why):
        if REQUIRE:
            raise AssertionError("HERALD_REQUIRE_SYSTEMD is set, but: " + why)
        raise unittest.SkipTest(why)

    @classmethod
    def tearDownClass(cls):
        if cls.machine is not None:
            cls.machine.close()
            cls.machine = None
        if cls.run_root:
            shutil.rmtree(cls.run_root, ignore_errors=True)
            if os.path.exists(cls.run_root + ".log"):
                os.unlink(cls.run_root + ".log")

    @classmethod
    def base_root(cls):
        """The cached minimal root for this package's dependencies, made with
        debootstrap the first time (about 70 s and 80 MB from the mirror)."""
        suite = codename()
        include = ["systemd"] + package_names(control_field(cls.deb, "Depends")) \
            + package_names(control_field(cls.deb, "Recommends"))
        include = sorted(set(include))
        key = hashlib.sha256(("%s %s %s" % (suite, MIRROR, " ".join(include))).encode()).hexdigest()[:12]
        root = os.path.join(ROOTS, "%s-%s" % (suite, key))
        if os.path.isfile(os.path.join(root, ".herald-complete")):
            return root
        try:
            urllib.request.build_opener().open("%s/dists/%s/Release" % (MIRROR, suite), timeout=20).close()
        except OSError as e:
            cls.skip("no cached Debian root, and the mirror %s cannot be reached to make one: %s" % (MIRROR, e))
        os.makedirs(ROOTS, exist_ok=True)
        for old in os.listdir(ROOTS):  # roots for other dependencies, left from earlier runs
            shutil.rmtree(os.path.join(ROOTS, old), ignore_errors=True)
        t = time.monotonic()
        tmp = root + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        r = subprocess.run(["debootstrap", "--variant=minbase", "--include=" + ",".join(include), suite, tmp,
                            MIRROR], capture_output=True, text=True, timeout=900)
        if r.returncode != 0:
            log = os.path.join(tmp, "debootstrap", "debootstrap.log")
            detail = open(log, errors="replace").read()[-4000:] if os.path.exists(log) else ""
            raise AssertionError("debootstrap failed (%d):\n%s%s\n%s" % (r.returncode, r.stdout[-4000:],
                                                                        r.stderr[-4000:], detail))
        archives = os.path.join(tmp, "var/cache/apt/archives")  # the downloaded .debs, 80 MB to copy
        for f in os.listdir(archives):
            if f.endswith(".deb"):
                os.unlink(os.path.join(archives, f))
        open(os.path.join(tmp, ".herald-complete"), "w").close()
        os.rename(tmp, root)
        print("debootstrapped %s with %s in %.0f s" % (suite, ",".join(include), time.monotonic() - t))
        return root

    # -- helpers --------------------------------------------------------------

    def listen(self):
        with open(os.path.join(self.run_root, "etc/herald/herald.conf.lua")) as f:
            for line in f:
                if line.strip().startswith("listen"):
                    return line.split("=", 1)[1].strip().strip('"')
        return "127.0.0.1:8080"

    def http(self, method, path, body=None):
        url = "http://%s%s" % (self.listen(), path)
        args = ["python3", "-c", CLIENT, method, url] + ([json.dumps(body)] if body is not None else [])
        out = self.machine.net(*args).stdout
        status, _, data = out.partition("\n")
        return int(status), data

    def listening(self):
        """The TCP sockets listening in the container, as a set of HOST:PORT
        (from /proc/PID/net of its PID 1, which shows its network namespace)."""
        found = set()
        for name in ("tcp", "tcp6"):
            with open("/proc/%d/net/%s" % (self.machine.leader, name)) as f:
                for line in f.readlines()[1:]:
                    local, st = line.split()[1], line.split()[3]
                    if st != "0A":
                        continue
                    addr, port = local.split(":")
                    raw = bytes.fromhex(addr)
                    if name == "tcp":
                        host = socket.inet_ntop(socket.AF_INET, raw[::-1])
                    else:  # four host-order 32-bit words
                        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                        host = "[%s]" % socket.inet_ntop(socket.AF_INET6, raw)
                    found.add("%s:%d" % (host, int(port, 16)))
        return found

    def state(self):
        return self.machine.show("herald.service", "ActiveState", "SubState", "MainPID", "NRestarts",
                                 "StatusText", "Result", "ExecMainCode", "ExecMainStatus", "UnitFileState")

    def journal(self):
        out = self.machine.sh("journalctl", "--unit=herald.service", "--output=json", "--no-pager").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def timed(self, *cmd):
        t = time.monotonic()
        self.machine.sh(*cmd)
        return time.monotonic() - t

    def journal_text(self):
        return "\n".join("<%s>%s" % (e.get("PRIORITY"), e.get("MESSAGE")) for e in self.journal()
                         if e.get("SYSLOG_IDENTIFIER") == "herald")

    def answers_locally(self, timeout=30):
        """Whether the local topic answers within TIMEOUT s (a reload takes
        moments; the machine may be busy)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body = self.http("POST", "/v1/ask", {"text": "is there wifi in the waiting room"})
            if status == 200 and json.loads(body).get("intent") == "clinic.wifi":
                return True
            time.sleep(0.3)
        return False

    # -- the test ---------------------------------------------------------------

    def test_install_start_ask_reload_stop_remove(self):
        m = self.machine
        deb = "/root/" + os.path.basename(self.deb)

        # apt installs it; the postinst enables it and starts it.
        secs = self.timed("apt-get", "install", "-y", "-q", deb)
        s = self.state()
        self.assertEqual(s["UnitFileState"], "enabled", s)
        self.assertEqual((s["ActiveState"], s["SubState"]), ("active", "running"), s)
        print("apt-get install: %.1f s; the postinst started herald (pid %s)" % (secs, s["MainPID"]))

        # The clinic's own content: a topic dropped into the local folder
        # (made by the postinst, read-only to the service) answers.
        local = os.path.join(self.run_root, "etc/herald/content")
        self.assertTrue(os.path.isdir(os.path.join(local, "intents")) and os.path.isdir(os.path.join(local, "plugins")))
        unit = self.machine.show("herald.service", "ReadOnlyPaths", "ReadWritePaths")
        self.assertIn("/etc/herald/content", unit["ReadOnlyPaths"], unit)
        self.assertNotIn("/etc/herald", unit["ReadWritePaths"], unit)
        for rel, text in LOCAL_TOPIC.items():
            with open(os.path.join(local, rel), "w") as f:
                f.write(text)
            os.chmod(os.path.join(local, rel), 0o644)
        self.assertTrue(self.answers_locally(), "the local topic never answered:\n" + self.journal_text())
        print("a plugin dropped into /etc/herald/content answers")

        # An upgrade (here the same version again) restarts it, and keeps the
        # local content.
        first = s["MainPID"]
        self.timed("apt-get", "install", "-y", "-q", "--reinstall", deb)
        s = self.state()
        self.assertEqual(s["ActiveState"], "active", s)
        self.assertNotEqual(s["MainPID"], first, "the upgrade did not restart herald")
        for rel, text in LOCAL_TOPIC.items():
            with open(os.path.join(local, rel)) as f:
                self.assertEqual(f.read(), text, rel)
        self.assertTrue(self.answers_locally(), "the local topic is gone after a reinstall")
        print("and still does after a reinstall")

        # systemctl start returns once herald has sent READY=1 (Type=notify).
        self.timed("systemctl", "stop", "herald")
        self.assertEqual(self.state()["ActiveState"], "inactive")
        secs = self.timed("systemctl", "start", "herald")
        s = self.state()
        self.assertEqual((s["ActiveState"], s["SubState"]), ("active", "running"), s)
        self.assertEqual(s["NRestarts"], "0", s)
        self.assertTrue(s["StatusText"].startswith("serving "), s)
        pid = s["MainPID"]
        print("systemctl start: %.2f s to READY=1; status %r" % (secs, s["StatusText"]))

        # It listens where the packaged config says, and nowhere else.
        self.assertEqual(self.listening(), {self.listen()})

        # It answers, as the sandboxed DynamicUser the unit asks for.
        self.assertEqual(self.http("GET", "/healthz"), (200, '{"status":"ok"}'))
        status, body = self.http("POST", "/v1/ask", {"text": "what is HER2?"})
        self.assertEqual(status, 200, body)
        answer = json.loads(body)
        self.assertEqual(answer["type"], "answer", answer)
        self.assertEqual(answer["intent"], "testing.what_is_her2", answer)
        self.assertIn("HER2", answer["text"])
        status, body = self.http("POST", "/v1/ask", {"text": "my name is %s, what is HER2?" % CANARY})
        self.assertEqual(status, 200, body)
        uid = [line.split()[1] for line in m.sh("cat", "/proc/%s/status" % pid).stdout.splitlines()
               if line.startswith("Uid:")][0]
        self.assertTrue(61184 <= int(uid) <= 65519, "not a DynamicUser uid: " + uid)
        status, metrics = self.http("GET", "/metrics")
        self.assertEqual(status, 200, metrics)
        self.assertIn('herald_questions_total{intent="testing.what_is_her2"} 2', metrics)

        # Reload: SIGHUP, RELOADING=1 then READY=1; the same process keeps serving.
        # systemd 252 finishes the reload job when ExecReload's kill exits,
        # which can be before herald has even said RELOADING=1: the unit is
        # then "reloading" for a moment after systemctl returns, until READY=1
        # (Type=notify-reload, which waits, is systemd 253). So wait for it.
        t = time.monotonic()
        self.machine.sh("systemctl", "reload", "herald")
        secs = time.monotonic() - t
        states = []
        while True:
            s = self.state()
            states.append(s["ActiveState"])
            if s["ActiveState"] != "reloading" or time.monotonic() - t > 30:
                break
            time.sleep(0.05)
        settled = time.monotonic() - t
        self.assertEqual((s["ActiveState"], s["SubState"], s["MainPID"], s["NRestarts"]),
                         ("active", "running", pid, "0"), s)
        status, metrics = self.http("GET", "/metrics")
        self.assertIn('herald_reloads_total{result="ok"} 1', metrics)
        self.assertEqual(self.http("POST", "/v1/ask", {"text": "what is HER2?"})[0], 200)
        print("systemctl reload: returned in %.2f s, active again (READY=1) after %.2f s; states seen %s" %
              (secs, settled, sorted(set(states))))

        # Stop: SIGTERM drains and herald exits 0.
        secs = self.timed("systemctl", "stop", "herald")
        s = self.state()
        self.assertEqual((s["ActiveState"], s["Result"], s["ExecMainCode"], s["ExecMainStatus"]),
                         ("inactive", "success", "1", "0"), s)
        self.assertLess(secs, 10)
        print("systemctl stop: %.2f s, exit status 0" % secs)

        # The journal: herald's own lines, none a warning or an error, no question text.
        entries = self.journal()
        herald = [e for e in entries if e.get("SYSLOG_IDENTIFIER") == "herald"]
        text = "\n".join("<%s>%s" % (e.get("PRIORITY"), e.get("MESSAGE")) for e in herald)
        # The lifecycle lines by their words, not their exact form: both
        # "herald listening on HOST:PORT" and "event=listening addr=HOST:PORT".
        for expected in (r"listening.*" + re.escape(self.listen()), r"answered intent=testing\.what_is_her2",
                         r"reload", r"reloaded", r"drain", r"stopped"):
            self.assertRegex(text, expected)
        bad = [line for e, line in zip(herald, text.splitlines()) if int(e.get("PRIORITY", 6)) <= 4]
        self.assertEqual(bad, [], "warnings or errors in herald's journal:\n" + text)
        everything = json.dumps(entries)
        self.assertNotIn(CANARY, everything)
        self.assertNotIn("what is HER2", everything)
        print("journal of the process started by systemctl start (pid %s):\n  %s" % (pid, "\n  ".join(
            "<%s>%s" % (e.get("PRIORITY"), e.get("MESSAGE")) for e in entries if e.get("_PID") == pid)))
        print("it ran as the dynamic user uid %s" % uid)

        # Removing the package stops herald (prerm); purging forgets it.
        m.sh("systemctl", "start", "herald")
        m.sh("apt-get", "remove", "-y", "-q", "herald")
        s = self.state()
        self.assertEqual(s["ActiveState"], "inactive", s)
        self.assertFalse(os.path.exists(os.path.join(self.run_root, "usr/bin/herald")))
        m.sh("apt-get", "purge", "-y", "-q", "herald")
        # Purging forgets the package's files; the clinic's own content is
        # theirs, never deleted (an empty local folder is removed).
        self.assertEqual(sorted(os.listdir(os.path.join(self.run_root, "etc/herald"))), ["content"])
        for rel in LOCAL_TOPIC:
            self.assertTrue(os.path.exists(os.path.join(self.run_root, "etc/herald/content", rel)), rel)
        for path in ("lib/systemd/system/herald.service", "etc/systemd/system/herald.service",
                     "etc/systemd/system/multi-user.target.wants/herald.service"):
            self.assertFalse(os.path.lexists(os.path.join(self.run_root, path)), path)


if __name__ == "__main__":
    unittest.main(verbosity=2)
