"""`herald review`: the HTML book of everything herald can say, and its checks.

A fixture (tests/data/review) has one intent per kind of mistake the
render-everything checks must catch (one drug's figure given for another,
another drug's text under a drug's question, a sentence said twice, an empty
part, a reading grade above 9, no source, a search page as a source) and two
clean ones. The bundled content must pass every check and produce a page whose
links and anchors are well formed. `herald check` warns about old reviews."""
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import HERALD_BIN, SOURCE_DIR  # noqa: E402

FIXTURE = os.path.join(SOURCE_DIR, "tests", "data", "review")


def run(*args, timeout=120):
    return subprocess.run([HERALD_BIN] + list(args), capture_output=True, text=True, timeout=timeout)


def fixture_config(tmp, extra=""):
    conf = os.path.join(tmp, "fixture.conf.lua")
    with open(conf, "w") as f:
        f.write('intents_dir = "%s"\nplugins_dir = "%s"\nlua_dir = "%s"\n%s'
                % (os.path.join(FIXTURE, "intents"), os.path.join(FIXTURE, "plugins"),
                   os.path.join(SOURCE_DIR, "lua"), extra))
    return conf


class Page(html.parser.HTMLParser):
    """Collects what the tests look at: ids, links, the title and the text."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.text = set(), [], []
        self.title, self._in_title = "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.all_text = " ".join(p.text)
    return p


def well_formed(url):
    u = urllib.parse.urlsplit(url)
    return u.scheme in ("http", "https") and "." in u.netloc and " " not in url


class ReviewTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-review-")

    def tearDown(self):
        subprocess.run(["rm", "-rf", self.tmp])

    def test_help_and_bad_arguments(self):
        out = run("review", "--help")
        self.assertEqual(out.returncode, 0)
        self.assertIn("usage: herald review", out.stdout)
        self.assertEqual(run("review", "stray-argument").returncode, 2)
        out = run("review", "-o", os.path.join(self.tmp, "no", "such", "dir", "x.html"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("cannot write", out.stderr)

    def test_checks_catch_every_kind_of_mistake(self):
        out = run("review", "--check", "--config", fixture_config(self.tmp))
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        err = out.stderr
        expected = {
            "fx.spliced": r"figure .* given for both drug=\w+ and drug=\w+",
            "fx.other_name": r"asked about drug=betanib, a sentence names alphamab",
            "fx.repeat": r"a sentence is said twice",
            "fx.empty": r"empty or broken part",
            "fx.grade": r"reading grade [\d.]+ is above 9",
            "fx.nosource": r"names no source",
            "fx.search": r"page of search results",
        }
        for intent, pattern in expected.items():
            lines = [l for l in err.splitlines() if " " + intent + " " in l]
            self.assertTrue(lines, "no problem reported for %s:\n%s" % (intent, err))
            self.assertTrue(any(re.search(pattern, l) for l in lines), "%s: %s" % (intent, lines))
        # A home page is a note for the reviewer, not a fault; clean answers say nothing.
        self.assertRegex(err, r"note: fx\.home .*home page")
        self.assertNotIn(" fx.good ", err)
        self.assertIn("8 problems", err)

    def test_fixture_book(self):
        page = os.path.join(self.tmp, "fixture.html")
        out = run("review", "--config", fixture_config(self.tmp), "-o", page)
        self.assertEqual(out.returncode, 0, out.stderr)  # problems are marked in the page
        p = parse(page)
        self.assertIn("everything it can say", p.title)
        # Every slot value is rendered, with the review date and the reviewer.
        self.assertIn("drug = alphamab", p.all_text)
        self.assertIn("drug = betanib", p.all_text)
        self.assertIn("Dr. Fixture, oncology pharmacist", p.all_text)
        self.assertIn("2020-01-01", p.all_text)
        self.assertIn("Clinician sign-off", p.all_text)
        self.assertIn("Check: a sentence is said twice", p.all_text)
        # The safety replies come from the safety module, before any plugin.
        self.assertIn("safety", p.ids)
        self.assertIn("988", p.all_text)
        self.assertIn("911", p.all_text)
        # The learned check's fixed line is signed off with them.
        self.assertIn("the learned check", p.all_text)
        self.assertIn("nine eight eight", p.all_text)

    def test_stdout_is_the_default(self):
        out = run("review", "--config", fixture_config(self.tmp))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertTrue(out.stdout.startswith("<!DOCTYPE html>"))
        self.assertTrue(out.stdout.rstrip().endswith("</html>"))

    def test_bundled_content_passes_every_check(self):
        out = run("review", "--check")
        self.assertEqual(out.returncode, 0, out.stderr[-4000:])
        self.assertRegex(out.stdout, r"\d+ answers rendered .*all checks passed")

    def test_bundled_book(self):
        page = os.path.join(self.tmp, "review.html")
        out = run("review", "-o", page)
        self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        p = parse(page)
        # Every intent herald has is in the book, reachable from the contents.
        names = set()
        for fn in os.listdir(os.path.join(SOURCE_DIR, "intents")):
            if fn.endswith(".intents"):
                with open(os.path.join(SOURCE_DIR, "intents", fn)) as f:
                    names.update(re.findall(r"^intent ([\w.]+)", f.read(), re.M))
        names.discard("fallback")
        self.assertTrue(names)
        for name in names:
            anchor = "intent-" + name
            self.assertIn(anchor, p.ids, name)
            self.assertIn("#" + anchor, p.hrefs, name)
        # Links: anchors resolve, everything else is a well-formed http(s) URL.
        for href in p.hrefs:
            if href.startswith("#"):
                self.assertIn(href[1:], p.ids, href)
            else:
                self.assertTrue(well_formed(href), href)
        self.assertNotIn("search.cfm", " ".join(p.hrefs))
        self.assertIn("no problems found", p.all_text)

    def test_check_warns_about_old_reviews(self):
        # The fixture was reviewed on 2020-01-01; the default age limit is 365 days.
        out = run("check", "--config", fixture_config(self.tmp), "--today", "2021-06-01")
        self.assertEqual(out.returncode, 0, out.stderr)  # a warning, not a failure
        self.assertIn("review.lua:0: warning: content was reviewed 517 days ago", out.stderr)
        self.assertIn("1 warning", out.stdout)
        out = run("check", "--config", fixture_config(self.tmp), "--today", "2020-06-01")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertNotIn("days ago", out.stderr)
        # The limit is the config's review.max_age_days.
        out = run("check", "--config", fixture_config(self.tmp, "review = { max_age_days = 30 }\n"),
                  "--today", "2020-06-01")
        self.assertIn("152 days ago", out.stderr)
        self.assertIn("more than review.max_age_days (30)", out.stderr)


if __name__ == "__main__":
    unittest.main()
