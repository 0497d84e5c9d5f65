"""The Debian package: built from the tree with CPack (as `make package` does),
its contents and control data checked with dpkg-deb, and lintian must report no
error. Installing it and running it under systemd is test_package_systemd."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_deb import build_deb, run  # noqa: E402


@unittest.skipIf(not shutil.which("dpkg-deb") or not shutil.which("cpack"), "needs dpkg-deb and cpack")
class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deb = build_deb()

    def test_contents(self):
        listing = run("dpkg-deb", "-c", self.deb)
        for path in ("./usr/bin/herald", "./lib/systemd/system/herald.service", "./etc/herald/herald.conf.lua",
                     "./usr/share/man/man8/herald.8.gz", "./usr/share/doc/herald/operations.md",
                     "./usr/share/doc/herald/config.md", "./usr/share/doc/herald/copyright",
                     "./usr/share/doc/herald/examples/nginx.conf", "./usr/share/herald/intents/",
                     "./usr/share/herald/plugins/", "./usr/share/herald/lua/", "./usr/share/herald/web/",
                     "./usr/lib/x86_64-linux-gnu/herald/herald-speech.so"):
            self.assertIn(path, listing)
        self.assertNotIn("/usr/local", listing)
        for line in listing.splitlines():
            self.assertIn(" root/root ", line)

    def test_control(self):
        control = run("dpkg-deb", "-f", self.deb)
        depends = run("dpkg-deb", "-f", self.deb, "Depends")
        for dep in ("libuv1", "libwebsockets17", "libwebsockets-evlib-uv", "libpcre2-8-0", "liblua5.4-0",
                    "libjansson4", "procps", "libflite1", "libpocketsphinx3"):
            self.assertIn(dep, depends)
        # systemd's notify protocol needs no library (core/daemon/notify.c).
        self.assertNotIn("libsystemd0", depends)
        self.assertIn("Package: herald", control)
        root = tempfile.mkdtemp(prefix="herald-deb-")
        try:
            run("dpkg-deb", "-e", self.deb, os.path.join(root, "DEBIAN"))
            with open(os.path.join(root, "DEBIAN", "conffiles")) as f:
                self.assertIn("/etc/herald/herald.conf.lua", f.read())
            for script in ("postinst", "prerm", "postrm"):
                run("sh", "-n", os.path.join(root, "DEBIAN", script))
            # The unpacked files work together: the unit runs the binary with
            # the config, and the config points at the packaged content.
            run("dpkg-deb", "-x", self.deb, root)
            with open(os.path.join(root, "lib/systemd/system/herald.service")) as f:
                unit = f.read()
            self.assertIn("ExecStart=/usr/bin/herald serve --config /etc/herald/herald.conf.lua", unit)
            with open(os.path.join(root, "etc/herald/herald.conf.lua")) as f:
                self.assertIn('content_dir = "/usr/share/herald"', f.read())
            out = run(os.path.join(root, "usr/bin/herald"), "--version")
            self.assertIn("herald", out)
            # The packaged herald finds the packaged speech module (where it
            # looks first, relative to itself), not the build tree's.
            wav = os.path.join(root, "hi.wav")
            r = subprocess.run([os.path.join(root, "usr/bin/herald"), "say", "hello", "-o", wav],
                               capture_output=True, text=True, env=dict(os.environ, LD_DEBUG="files"))
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            loaded = [line for line in r.stderr.splitlines() if "herald-speech.so" in line and "dynamically loaded" in line]
            self.assertTrue(loaded, r.stderr[-2000:])
            path = re.search(r"file=(\S+)", loaded[0]).group(1)
            self.assertEqual(os.path.normpath(path),
                             os.path.join(root, "usr/lib/x86_64-linux-gnu/herald/herald-speech.so"))
        finally:
            shutil.rmtree(root, ignore_errors=True)

    @unittest.skipIf(not shutil.which("lintian"), "lintian is not installed (scripts/install-deps installs it)")
    def test_lintian(self):
        r = subprocess.run(["lintian", "--tag-display-limit", "0", self.deb], capture_output=True, text=True)
        errors = [line for line in r.stdout.splitlines() if line.startswith("E:")]
        self.assertEqual(errors, [], r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
