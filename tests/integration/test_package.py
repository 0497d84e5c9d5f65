"""The Debian package: built from the tree with CPack (as `make package` does),
its contents and control data checked with dpkg-deb, and lintian must report no
error. Installing it and starting it under systemd needs systemd as PID 1,
which a CI container does not have (docs/operations.md says how to try it)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR  # noqa: E402

BUILD_DIR = os.environ.get("HERALD_BUILD_DIR", "build")


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


@unittest.skipIf(not shutil.which("dpkg-deb") or not shutil.which("cpack"), "needs dpkg-deb and cpack")
class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build = os.path.join(BUILD_DIR, "deb")
        run("cmake", "-S", SOURCE_DIR, "-B", cls.build, "-DCMAKE_INSTALL_PREFIX=/usr",
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DHERALD_BUILD_TESTS=OFF", "-DHERALD_BUILD_BENCH=OFF")
        run("cmake", "--build", cls.build, "-j2", "--target", "package")
        debs = [f for f in os.listdir(cls.build) if f.endswith(".deb")]
        assert len(debs) == 1, debs
        cls.deb = os.path.join(cls.build, debs[0])

    def test_contents(self):
        listing = run("dpkg-deb", "-c", self.deb)
        for path in ("./usr/bin/herald", "./lib/systemd/system/herald.service", "./etc/herald/herald.conf.lua",
                     "./usr/share/man/man8/herald.8.gz", "./usr/share/doc/herald/operations.md",
                     "./usr/share/doc/herald/config.md", "./usr/share/doc/herald/copyright",
                     "./usr/share/doc/herald/examples/nginx.conf", "./usr/share/herald/intents/",
                     "./usr/share/herald/plugins/", "./usr/share/herald/lua/", "./usr/share/herald/web/"):
            self.assertIn(path, listing)
        self.assertNotIn("/usr/local", listing)
        for line in listing.splitlines():
            self.assertIn(" root/root ", line)

    def test_control(self):
        control = run("dpkg-deb", "-f", self.deb)
        depends = run("dpkg-deb", "-f", self.deb, "Depends")
        for dep in ("libuv1", "libwebsockets17", "libwebsockets-evlib-uv", "libpcre2-8-0", "liblua5.4-0",
                    "libjansson4", "libsystemd0"):
            self.assertIn(dep, depends)
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
        finally:
            shutil.rmtree(root, ignore_errors=True)

    @unittest.skipIf(not shutil.which("lintian"), "lintian is not installed (scripts/install-deps installs it)")
    def test_lintian(self):
        r = subprocess.run(["lintian", "--tag-display-limit", "0", self.deb], capture_output=True, text=True)
        errors = [line for line in r.stdout.splitlines() if line.startswith("E:")]
        self.assertEqual(errors, [], r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
