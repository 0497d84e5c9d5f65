"""The systemd unit as installed: systemd-analyze scores its sandbox at an
exposure of 2.0 or lower, and it keeps the settings herald's design relies on
(Type=notify with a watchdog, a stop timeout above the drain, descriptors for
every connection)."""
import os
import re
import shutil
import subprocess
import unittest

BUILD_DIR = os.environ.get("HERALD_BUILD_DIR", "build")
UNIT = os.path.join(BUILD_DIR, "herald.service")


class UnitTest(unittest.TestCase):
    def settings(self):
        out = {}
        with open(UNIT) as f:
            for line in f:
                m = re.match(r"(\w+)=(.*)", line.strip())
                if m:
                    out.setdefault(m.group(1), []).append(m.group(2))
        return out

    def test_exposure_at_most_2(self):
        if not shutil.which("systemd-analyze"):
            self.skipTest("systemd-analyze is not installed")
        p = subprocess.run(["systemd-analyze", "security", "--offline=true", UNIT],
                           capture_output=True, text=True)
        m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", p.stdout + p.stderr)
        self.assertIsNotNone(m, p.stdout + p.stderr)
        print("exposure:", m.group(1))
        self.assertLessEqual(float(m.group(1)), 2.0, p.stdout)

    def test_design_settings(self):
        s = self.settings()
        self.assertEqual(s["Type"], ["notify"])
        self.assertIn("WatchdogSec", s)
        self.assertGreater(int(s["TimeoutStopSec"][0]), 10, "the stop timeout must exceed limits.drain_seconds")
        self.assertGreaterEqual(int(s["LimitNOFILE"][0]), 10000 + 64)
        for key in ["DynamicUser", "NoNewPrivileges", "ProtectSystem", "SystemCallFilter",
                    "RestrictAddressFamilies", "UMask"]:
            self.assertIn(key, s)
        self.assertEqual(s["UMask"], ["0077"])
        self.assertEqual(s["ProtectSystem"], ["strict"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
