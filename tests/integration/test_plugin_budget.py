"""A plugin cannot stop a worker from inside one C call (issue 21, item 2).

Lua's instruction hook, which enforces limits.lua_call_ms, never runs inside
a C function; a backtracking string.find, a loop of multi-megabyte
string.rep or a table.move over 10^15 indexes used to hold the worker for
seconds or forever: /healthz timed out and SIGTERM could not stop herald.
tests/data/hostile/hostile.lua does each of these; every call must now end
soon after its budget, and the daemon keep answering and stop on SIGTERM."""
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, http, wait_for  # noqa: E402

HOSTILE = os.path.join(SOURCE_DIR, "tests", "data", "hostile")
BUDGET_MS = 50


def content_with_hostile_plugin():
    root = tempfile.mkdtemp(prefix="herald-budget-")
    for sub in ("intents", "plugins", "lua"):
        shutil.copytree(os.path.join(SOURCE_DIR, sub), os.path.join(root, sub))
    shutil.copy(os.path.join(HOSTILE, "hostile.lua"), os.path.join(root, "plugins"))
    shutil.copy(os.path.join(HOSTILE, "hostile.intents"), os.path.join(root, "intents"))
    conf = os.path.join(root, "herald.conf.lua")
    with open(conf, "w") as f:
        f.write('content_dir = "%s"\nlimits = { lua_call_ms = %d }\nvoice = { enabled = 0 }\n' % (root, BUDGET_MS))
    return root, conf


class PluginBudgetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root, conf = content_with_hostile_plugin()
        # One worker: a stuck call would leave nobody to answer.
        cls.d = Daemon(config=conf, args=("--workers", "1"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)
        if cls.d.proc.poll() is None:
            cls.d.stop(timeout=5)

    def ask(self, text, timeout=10):
        t0 = time.time()
        status, _, reply = http(self.d.url + "/v1/ask", "POST", {"text": text}, timeout=timeout)
        return status, reply, time.time() - t0

    def test_1_each_hostile_call_ends_with_its_budget(self):
        for q in ("hostile find", "hostile gsub", "hostile rep", "hostile move", "hostile sort"):
            seen = self.answered()
            status, reply, _ = self.ask(q)
            self.assertEqual(status, 200, (q, reply))
            self.assertIn("couldn't answer", reply["text"], q)
            # The daemon's own measure of the question (the log's us=), not
            # the round trip, printed for the record. It is wall time, and the
            # budget counts CPU time: on a loaded machine 50 ms of CPU took
            # 763 ms of wall time, so what is asserted is that the budget
            # ended the call (the reply above and the log below) and that the
            # answer came within the client's 10 s timeout, not a duration.
            self.assertTrue(wait_for(lambda: len(self.answered()) > len(seen), 5.0))
            us = int(re.search(r"us=(\d+)", self.answered()[-1]).group(1))
            print("%-16s answered after %6.1f ms (budget %d ms)" % (q, us / 1000, BUDGET_MS))
            self.assertEqual(http(self.d.url + "/healthz", timeout=5)[0], 200)
        self.assertIn("time budget of 50 ms exceeded", self.d.log())

    def answered(self):
        return [line for line in self.d.lines if "event=answered" in line]

    def test_2_no_finaliser_no_metamethod_after_the_call(self):
        status, reply, _ = self.ask("hostile finaliser")
        self.assertEqual(status, 200)
        self.assertIn("couldn't answer", reply["text"])
        self.assertTrue(wait_for(lambda: "__gc" in self.d.log(), 5.0), "the refusal of __gc was not logged")
        status, reply, _ = self.ask("hostile index")
        self.assertEqual((status, reply["text"]), (200, "Sources with a trap."))
        # The idle collection (every 2 s with no WebSocket open) runs no
        # plugin code: the worker still answers afterwards.
        time.sleep(2.5)
        self.assertEqual(self.ask("what is herceptin")[0], 200)

    def test_3_sigterm_stops_it(self):
        self.ask("hostile rep")
        t0 = time.time()
        self.assertEqual(self.d.stop(timeout=15), 0, self.d.log())
        self.assertLess(time.time() - t0, 12)


if __name__ == "__main__":
    unittest.main(verbosity=2)
