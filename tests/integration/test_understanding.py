"""Questions as people write them (docs/intents.md, Focus, Clarify, Two things
at once): a long message routed by its question, a clarifying reply and the
one-tap follow-up that answers it, a two-part question, and a 12 KB question
over HTTP and WebSocket alike (limits.message_bytes is 16 KiB by default)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import Daemon, WebSocket, http  # noqa: E402

STORY = ("My sister started chemo last month. Her hair is falling out and she is exhausted. "
         "Today we finally got the pathology report from her biopsy. "
         "The report says HER2 3+ and ER negative. What does that mean?")


def long_question(size):
    """About SIZE bytes of story with the question at the end."""
    fill = "We drove to the cancer centre again and waited a long time to be seen. "
    text = ""
    while len(text) + len(fill) < size - 40:
        text += fill
    return text + "What is Herceptin?"


class UnderstandingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon()
        cls.d.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.d.__exit__(None, None, None)

    def ask(self, text, session=None):
        body = {"text": text}
        if session:
            body["session"] = session
        status, _, reply = http(self.d.url + "/v1/ask", "POST", body)
        self.assertEqual(status, 200, reply)
        return reply

    def test_long_message_is_routed_by_its_question(self):
        print("a story whose question is at the end", flush=True)
        reply = self.ask(STORY)
        self.assertEqual(reply["intent"], "testing.ihc_score")
        self.assertEqual(reply["kind"], "answer")
        self.assertTrue(reply["sources"])
        self.assertNotIn("hair", reply["text"].lower())

    def test_clarify_then_one_tap(self):
        print("an unsure question gets a question back; one tap answers", flush=True)
        reply = self.ask("is neratinib something you take for years", session="clarify-1")
        self.assertEqual((reply["intent"], reply["kind"]), ("clarify", "clarify"))
        self.assertGreaterEqual(len(reply["suggestions"]), 2)
        self.assertIsNone(reply["safety"])
        for s in reply["suggestions"]:
            self.assertIn("neratinib", s.lower())
        tapped = self.ask(reply["suggestions"][0], session="clarify-1")
        self.assertEqual(tapped["kind"], "answer")
        self.assertTrue(tapped["intent"].startswith("drug."), tapped["intent"])
        self.assertIn("Nerlynx", tapped["text"])
        self.assertTrue(tapped["sources"])

    def test_two_part_question(self):
        print("two things asked at once get both answers", flush=True)
        reply = self.ask("how is herceptin given and for how long")
        self.assertEqual(reply["intent"], "drug.given")
        parts = reply["text"].split("\n\n")
        self.assertGreaterEqual(len(parts), 2, reply["text"])
        self.assertRegex(reply["text"].lower(), r"year|months|weeks")
        self.assertRegex(reply["text"].lower(), r"\biv\b|vein|infusion|injection")

    def test_twelve_kb_question_over_http_and_websocket(self):
        print("a 12 KB question over HTTP, then over WebSocket", flush=True)
        text = long_question(12 * 1024)
        self.assertGreater(len(text.encode()), 12 * 1024 - 100)
        reply = self.ask(text)
        self.assertEqual(reply["intent"], "drug.about")
        self.assertIn("Herceptin", reply["text"])
        ws = WebSocket(self.d.port)
        try:
            reply = ws.ask("big-1", text)
            self.assertEqual((reply["type"], reply["id"]), ("answer", "big-1"))
            self.assertEqual(reply["intent"], "drug.about")
            # Past the limit the answer is a clear error, over both.
            err = ws.ask("big-2", "x" * (17 * 1024))
            self.assertEqual((err["type"], err["code"]), ("error", "too_large"))
        finally:
            ws.close()
        status, _, body = http(self.d.url + "/v1/ask", "POST", {"text": "x" * (17 * 1024)})
        self.assertEqual((status, body["code"]), (413, "too_large"))


if __name__ == "__main__":
    unittest.main()
