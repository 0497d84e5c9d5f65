"""The herald executable as a person uses it: --help and --version, herald ask,
herald check on good and broken content, and bad config files."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SOURCE_DIR  # noqa: E402


def run(*args):
    return subprocess.run([HERALD_BIN] + list(args), capture_output=True, text=True, timeout=60)


class CliTest(unittest.TestCase):
    def test_help_and_version(self):
        out = run("--version")
        self.assertEqual(out.returncode, 0)
        self.assertRegex(out.stdout, r"^herald \d+\.\d+\.\d+")
        for cmd in ("serve", "ask", "check", "test", "new", "report"):
            out = run(cmd, "--help")
            self.assertEqual(out.returncode, 0, cmd)
            self.assertIn("usage: herald " + cmd, out.stdout)
        self.assertNotEqual(run("frobnicate").returncode, 0)

    def test_ask(self):
        out = run("ask", "what is HER2?")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("Sources:", out.stdout)
        out = run("ask", "--json", "tell me about herceptin", "how is it given?")
        lines = [json.loads(l) for l in out.stdout.splitlines()]
        self.assertEqual(len(lines), 2)
        self.assertNotEqual(lines[1]["intent"], "fallback")
        self.assertRegex(lines[1]["text"].lower(), "iv|intraven|infusion")
        out = run("ask", "--debug", "what is kadcyla")
        self.assertIn("chosen", out.stderr)

    def test_bundled_content_checks(self):
        out = run("check")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    def content_copy(self):
        root = tempfile.mkdtemp(prefix="herald-cli-")
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(root, sub))
        conf = os.path.join(root, "c.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\n' % root)
        self.addCleanup(shutil.rmtree, root, True)
        return root, conf

    def test_check_broken_intent_file(self):
        root, conf = self.content_copy()
        with open(os.path.join(root, "intents", "zz.intents"), "w") as f:
            f.write("intent zz.one\n  pattern: (unclosed\n  example: x\n")
        out = run("check", "--config", conf)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("zz.intents:2:", out.stderr)

    def test_check_plugin_calling_os_execute(self):
        root, conf = self.content_copy()
        with open(os.path.join(root, "plugins", "zz.lua"), "w") as f:
            f.write('herald.about{ title = "zz", reviewed = "2026-11-22" }\nos.execute("true")\n')
        out = run("check", "--config", conf)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("zz.lua:2:", out.stderr)

    def test_check_wrong_route_and_review_date(self):
        root, conf = self.content_copy()
        with open(os.path.join(root, "intents", "zz.intents"), "w") as f:
            f.write("intent zz.hello\n  priority: -50\n  pattern: ^hello$\n  example: hello\n")
        with open(os.path.join(root, "plugins", "zz.lua"), "w") as f:
            f.write('herald.about{ title = "zz", reviewed = "2020-01-01" }\n'
                    'herald.answer("zz.hello", { text = "hi" })\n')
        out = run("check", "--config", conf)
        self.assertNotEqual(out.returncode, 0)
        self.assertRegex(out.stderr, r"zz\.intents:4: example \"hello\" routes to 'conversation\.greeting'")
        self.assertIn("past its review date", out.stderr)

    def test_bad_config(self):
        root = tempfile.mkdtemp(prefix="herald-cli-")
        self.addCleanup(shutil.rmtree, root, True)
        conf = os.path.join(root, "bad.lua")
        with open(conf, "w") as f:
            f.write("limits = { message_bytes = 'lots' }\n")
        out = run("serve", "--config", conf)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("limits.message_bytes", out.stderr)
        self.assertIn("lots", out.stderr)
        out = run("serve", "--listen", "nowhere")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("nowhere", out.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
