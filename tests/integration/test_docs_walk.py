"""docs/plugins.md's "Add a topic in ten minutes", followed literally (issue
19, item 5): on a copy of the content with a daemon serving it, every shell
block of that section is run as written (`herald` is the built executable,
`localhost:8080` the daemon's port) and every file block is written to the
file the text before it names. Before the fix, the steps never mentioned the
tests file, so `herald test parking` failed when followed."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SOURCE_DIR, Daemon  # noqa: E402

WAIT = 10.0  # for the daemon to pick the saves up; measured, not asserted, elsewhere


def steps():
    """The section's blocks in order: ("sh", text) or ("file", path, text)."""
    with open(os.path.join(SOURCE_DIR, "docs", "plugins.md")) as f:
        doc = f.read()
    section = doc.split("## Add a topic in ten minutes", 1)[1].split("\n## ", 1)[0]
    out = []
    for m in re.finditer(r"(?ms)^(.*?)^( *)```(\w*)\n(.*?)^\2```", section):
        before, indent, lang, body = m.group(1), m.group(2), m.group(3), m.group(4)
        body = "".join(l[len(indent):] + "\n" for l in body.splitlines())
        if lang == "sh":
            out.append(("sh", body))
            continue
        named = re.findall(r"`([\w/.-]+)`, all of it:", before)
        assert named, "a file block with no file named before it: " + body[:60]
        out.append(("file", named[-1], body))
    return out


class DocsWalkTest(unittest.TestCase):
    def test_ten_minute_path(self):
        todo = steps()
        self.assertEqual([s[0] for s in todo], ["sh", "file", "file", "file", "sh", "sh"], todo)
        self.assertEqual(sorted(s[1] for s in todo if s[0] == "file"),
                         ["intents/parking.intents", "plugins/parking.lua", "plugins/parking.tests"])
        root = tempfile.mkdtemp(prefix="herald-docs-")
        self.addCleanup(shutil.rmtree, root, True)
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(root, sub))
        bindir = os.path.join(root, ".bin")
        os.mkdir(bindir)
        os.symlink(HERALD_BIN, os.path.join(bindir, "herald"))
        conf = os.path.join(root, ".herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nvoice = { enabled = 0 }\n' % root)
        d = Daemon(config=conf)
        self.addCleanup(d.stop)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
        for env_key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env.pop(env_key, None)
        last = None
        for i, step in enumerate(todo):
            print("step %d: %s" % (i + 1, step[1].strip().splitlines()[0] if step[0] == "sh" else "write " + step[1]))
            if step[0] == "file":
                with open(os.path.join(root, step[1]), "w") as f:
                    f.write(step[2])
                continue
            cmd = step[1].replace("localhost:8080", "127.0.0.1:%d" % d.port)
            live = "curl" in cmd
            deadline = time.monotonic() + (WAIT if live else 0)
            while True:
                last = subprocess.run(["sh", "-ec", cmd], cwd=root, env=env, capture_output=True, text=True,
                                      timeout=120)
                ok = last.returncode == 0 and (not live or "Garage B" in last.stdout)
                if ok or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            self.assertTrue(ok, "step %d failed: %s\n%s%s\n%s" % (i + 1, cmd, last.stdout, last.stderr, d.log()))
            if "herald new" in cmd:
                self.assertIn("writing the new topic in " + root, last.stdout)
            if "herald test" in cmd:
                self.assertIn("1 passed, 0 failed", last.stdout)
        self.assertIn('"intent":"clinic.parking"', last.stdout.replace(" ", ""))


if __name__ == "__main__":
    unittest.main(verbosity=2)
