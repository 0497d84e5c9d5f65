"""Authoring content as clinic staff do (issue 19): `herald new` writes where
the person works and says where; a new topic is a draft, never served, until
its placeholders are written; placeholder text outside a draft is an error;
a topic that captures another topic's examples fails `herald check` unless it
says so, wherever it lives (a local folder or a checkout); the small rough edges of the command line. Each test
runs the executable only (seconds)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SOURCE_DIR  # noqa: E402


def run(*args, cwd=None):
    return subprocess.run([HERALD_BIN] + list(args), capture_output=True, text=True, timeout=120, cwd=cwd)


WIFI_INTENTS = """words wifi_words
  wifi, wi-fi, internet, online

intent wifi.about
  pattern: {wifi_words}
  example: is there wifi in the clinic
  example: what is the wifi password
"""

WIFI_PLUGIN = """herald.about { title = "Wifi", reviewed = "2026-11-30", reviewed_by = "J. Doe, RN" }
herald.source("wifi-page", { title = "Visiting us", publisher = "Example Cancer Center", url = "https://example.org/visit" })
herald.answer("wifi.about", {
  text = { "The clinic has free wifi called Guest.", "Ask the front desk for the password." },
  sources = { "wifi-page" },
})
"""


class AuthoringTest(unittest.TestCase):
    def tmp(self):
        d = tempfile.mkdtemp(prefix="herald-author-")
        self.addCleanup(shutil.rmtree, d, True)
        return d

    def content_copy(self):
        root = self.tmp()
        for sub in ("intents", "plugins", "lua"):
            shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(root, sub))
        return root

    def test_new_writes_in_the_copy_you_are_in(self):
        root = self.content_copy()
        out = run("new", "shuttle_bus", cwd=os.path.join(root, "plugins"))
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("writing the new topic in " + root, out.stdout)
        for rel in ("intents/shuttle_bus.intents", "plugins/shuttle_bus.lua", "plugins/shuttle_bus.tests"):
            self.assertTrue(os.path.exists(os.path.join(root, rel)), rel)
            self.assertFalse(os.path.exists(os.path.join(SOURCE_DIR, rel)), "wrote into the source tree: " + rel)
        # check and test in the copy see the copy's content.
        out = run("check", cwd=root)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("1 draft, never served", out.stdout)
        # The bundled content (copied here) passes the takeover guard.
        self.assertNotIn("takeover", out.stderr)

    def test_new_outside_any_content_folder(self):
        empty = self.tmp()
        out = run("new", "shuttle_bus", cwd=empty)
        self.assertEqual(out.returncode, 1)
        self.assertIn("no content folder", out.stderr)
        self.assertEqual(os.listdir(empty), [])
        # With a configured local folder it goes there (intents/ and plugins/ made).
        local = os.path.join(empty, "local")
        os.mkdir(local)
        conf = os.path.join(empty, "c.lua")
        with open(conf, "w") as f:
            f.write('local_content_dirs = "%s"\n' % local)
        out = run("new", "--config", conf, "shuttle_bus", cwd=empty)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("writing the new topic in " + local, out.stdout)
        self.assertTrue(os.path.exists(os.path.join(local, "plugins", "shuttle_bus.lua")))

    def test_a_new_topic_is_a_draft(self):
        root = self.content_copy()
        self.assertEqual(run("new", "shuttle_bus", cwd=root).returncode, 0)
        plugin = os.path.join(root, "plugins", "shuttle_bus.lua")
        with open(plugin) as f:
            src = f.read()
        self.assertRegex(src, r'reviewed = ""', "the template leaves the review date empty")
        self.assertNotRegex(src, r"\d{4}-\d\d-\d\d")
        lines = src.splitlines()
        # check: a warning per placeholder, file:line pointing at a TODO; exit 0.
        out = run("check", cwd=root)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        warned = re.findall(re.escape(plugin) + r":(\d+): warning: draft", out.stderr)
        self.assertGreaterEqual(len(warned), 3, out.stderr)
        for n in warned:
            self.assertIn("TODO", lines[int(n) - 1])
        # Never answered: not by ask, and test skips its cases.
        out = run("ask", "--json", "what is shuttle bus?", cwd=root)
        self.assertNotIn("TODO", out.stdout)
        self.assertNotIn('"intent":"shuttle_bus.about"', out.stdout.replace(" ", ""))
        out = run("test", "shuttle_bus", cwd=root)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("skipped", out.stdout)
        # No longer a draft, placeholders still there: an error at file:line.
        src2 = src.replace("  draft = true,\n", "").replace('reviewed = ""', 'reviewed = "2026-11-30"')
        with open(plugin, "w") as f:
            f.write(src2)
        out = run("check", cwd=root)
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        m = re.findall(re.escape(plugin) + r":(\d+): placeholder text \(TODO\) in a plugin that is not a draft", out.stderr)
        self.assertTrue(m, out.stderr)
        for n in m:
            self.assertIn("TODO", src2.splitlines()[int(n) - 1])
        # Written: served.
        src3 = re.sub(r'"TODO[^"]*"', '"Shuttle facts"', src2).replace("https://TODO.invalid/the-page-address", "https://example.org/bus")
        src3 = src3.replace('"Shuttle facts",\n    "Ask', '"The shuttle bus stops at the main door.",\n    "Ask')
        with open(plugin, "w") as f:
            f.write(src3)
        out = run("check", cwd=root)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("main door", run("ask", "what is shuttle bus?", cwd=root).stdout)

    def test_takeover_guard(self):
        local = self.tmp()
        for sub in ("intents", "plugins"):
            os.mkdir(os.path.join(local, sub))
        with open(os.path.join(local, "intents", "wifi.intents"), "w") as f:
            f.write(WIFI_INTENTS)
        with open(os.path.join(local, "plugins", "wifi.lua"), "w") as f:
            f.write(WIFI_PLUGIN)
        conf = os.path.join(local, "c.lua")
        with open(conf, "w") as f:
            f.write('local_content_dirs = "%s"\n' % local)
        out = run("check", "--config", conf, cwd="/")
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        takeovers = [l for l in out.stderr.splitlines() if "takeover:" in l]
        self.assertTrue(takeovers, out.stderr)
        for l in takeovers:
            # Both names, and the example.
            self.assertRegex(l, r"wifi\.intents:\d+: takeover: intent 'wifi\.about' matches example \"[^\"]+\" of '[a-z_.]+'")
        self.assertTrue(any("of 'support.online'" in l for l in takeovers), out.stderr)
        # Declaring it (overrides:) is the same wherever the topic lives:
        # test_takeover_guard_in_a_checkout covers it (one check run fewer).

    def test_takeover_guard_in_a_checkout(self):
        # Topics added where docs/plugins.md's ten-minute path puts them: the
        # intents/ and plugins/ folders of a checkout (here a copy), not a
        # local_content_dirs folder. Each reaches a question of the bundled
        # online support groups topic in another way; one check run sees all.
        root = self.content_copy()
        support = re.escape(os.path.join(root, "intents", "support.intents"))
        topics = {
            # "online" and "internet" in a guest wifi topic: loses the
            # example only on the wording, so a rewording goes to it.
            "wifi": WIFI_INTENTS,
            # A higher priority: it answers the example outright.
            "forum": "intent forum.about\n  priority: 1\n  pattern: \\bforums?\\b\n  example: where is the forum\n",
            # A lower priority, written to give way: ordinary ranking.
            "social": "intent social.about\n  priority: -1\n  pattern: \\b(facebook|newsletter)\\b\n  example: is there a clinic newsletter\n",
        }
        for name, text in topics.items():
            with open(os.path.join(root, "intents", name + ".intents"), "w") as f:
                f.write(text)
            with open(os.path.join(root, "plugins", name + ".lua"), "w") as f:
                f.write(WIFI_PLUGIN.replace("wifi.about", name + ".about"))
        out = run("check", cwd=root)
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)

        def takeover(name, example, how):
            return (re.escape(os.path.join(root, "intents", name + ".intents")) + r":\d+: takeover: intent '" + name +
                    r"\.about' matches example \"" + re.escape(example) + r"\" of 'support\.online' \(" + support +
                    r":\d+\) and " + how)

        self.assertRegex(out.stderr, takeover("wifi", "are there online support groups", "loses it only on the wording"))
        # Answered by the other topic: said at the example, as either side may change.
        self.assertRegex(out.stderr, support + r":\d+: example \"breast cancer forums\" routes to 'forum\.about' \(" +
                         re.escape(os.path.join(root, "intents", "forum.intents")) +
                         r":1\), not to 'support\.online': takeover by another topic; .*'overrides: support\.online' in 'forum\.about'")
        self.assertNotIn("social.about", out.stderr)
        # Declared on purpose: passes, and --conflicts says so.
        for name in ("wifi", "forum"):
            path = os.path.join(root, "intents", name + ".intents")
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(text.replace("  pattern:", "  overrides: support.online\n  pattern:", 1))
        out = run("check", "--conflicts", cwd=root)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertNotIn("takeover", out.stderr)
        self.assertRegex(out.stdout, r"also matches 'wifi\.about' \([^)]*\), which declares 'overrides: support\.online'")
        # The topic that gives way matched a support example too: an overlap, settled by priority.
        self.assertRegex(out.stdout, r"note: example \"[^\"]*facebook[^\"]*\" also matches 'social\.about' .*wins: higher priority")

    def test_small_cli_edges(self):
        out = run("config", "--help")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("usage: herald config", out.stdout)
        self.assertEqual(run("config").returncode, 2)
        out = run("serve", "--help")
        self.assertNotRegex(out.stdout, r"\(default: [^)]*\) \(default:")
        self.assertIn("local_content_dirs", out.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
