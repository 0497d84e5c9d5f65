"""The conversation that travels with the client (docs/protocol.md, "context"):
round trips through one daemon over HTTP and WebSocket, its precedence over
the session's memory, malformed and forged contexts, and a follow-up that
still resolves after the daemon restarts and has forgotten every session."""
import base64
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, http, wait_for  # noqa: E402


def forge(previous, slots):
    """A context written by hand, the way core/engine/convo.c writes version 1."""
    def field(s):
        b = s.encode()
        return bytes([len(b)]) + b
    payload = field(previous) + bytes([len(slots)])
    for name, value in slots:
        payload += field(name) + field(value)
    return "1." + base64.urlsafe_b64encode(payload).decode().rstrip("=")


def about_enhertu(text):
    return "Enhertu" in text or "T-DXd" in text


def about_herceptin(text):
    return "Herceptin" in text or "trastuzumab" in text


class ContextTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="herald-context-")
        cls.conf = os.path.join(cls.root, "herald.conf.lua")
        with open(cls.conf, "w") as f:
            f.write('content_dir = "%s"\n' % SOURCE_DIR)
        cls.d = Daemon(config=cls.conf)

    @classmethod
    def tearDownClass(cls):
        rc = cls.d.stop()
        shutil.rmtree(cls.root, ignore_errors=True)
        assert rc == 0, "daemon exited %r on SIGTERM:\n%s" % (rc, cls.d.log())

    def ask(self, text, d=None, **fields):
        body = {"text": text}
        body.update(fields)
        return http((d or self.d).url + "/v1/ask", "POST", body)

    def test_every_answer_carries_a_context(self):
        status, _, first = self.ask("what is enhertu")
        self.assertEqual(status, 200)
        ctx = first["context"]
        self.assertRegex(ctx, r"^2\.[A-Za-z0-9_-]+$")  # versioned, URL-safe
        self.assertLess(len(ctx), 200)
        self.assertNotIn("session", first)
        # A safety reply and the fallback carry one too.
        for text in ("I want to die", "what is the capital of peru"):
            status, _, reply = self.ask(text)
            self.assertEqual(status, 200)
            self.assertRegex(reply["context"], r"^2\.")

    def test_follow_up_with_context_alone(self):
        _, _, first = self.ask("what is enhertu")
        _, _, second = self.ask("what are its side effects?", context=first["context"])
        self.assertEqual(second["intent"], "drug.side_effects")
        self.assertTrue(about_enhertu(second["text"]), second["text"])
        # The next context carries the conversation on.
        _, _, third = self.ask("how is it given?", context=second["context"])
        self.assertEqual(third["intent"], "drug.given")
        self.assertTrue(about_enhertu(third["text"]), third["text"])
        # Without a context (or a session) the same words are a new question.
        _, _, alone = self.ask("what are its side effects?")
        self.assertNotEqual(alone["intent"], "drug.side_effects")

    def test_follow_up_points_back_to_a_topic_without_a_slot(self):
        # No slot names a port: the context carries the question's words, so a
        # follow-up that points back ("does it hurt?") keeps the topic on any
        # instance (docs/intents.md, Conversation).
        _, _, first = self.ask("how does a chemo port work")
        self.assertEqual(first["intent"], "care.port")
        _, _, second = self.ask("will it hurt when they put it in", context=first["context"])
        self.assertEqual(second["intent"], "care.port")
        self.assertRegex(second["context"], r"^2\.")
        # Alone, the same words name no topic at all.
        _, _, alone = self.ask("will it hurt when they put it in")
        self.assertEqual(alone["intent"], "fallback")
        # A version 1 context (from before the topic) still carries its slots.
        _, _, reply = self.ask("how is it given?", context=forge("drug.about", [("drug", "t_dxd")]))
        self.assertEqual(reply["intent"], "drug.given")
        self.assertTrue(about_enhertu(reply["text"]), reply["text"])

    def test_context_before_session_and_the_session_still_updated(self):
        _, _, on_enhertu = self.ask("what is enhertu", session="ctx-s1")
        self.assertEqual(on_enhertu["session"], "ctx-s1")
        _, _, on_herceptin = self.ask("tell me about herceptin")
        # The context wins over what the daemon remembers for the session...
        _, _, reply = self.ask("how is it given?", session="ctx-s1", context=on_herceptin["context"])
        self.assertEqual(reply["intent"], "drug.given")
        self.assertTrue(about_herceptin(reply["text"]), reply["text"])
        self.assertEqual(reply["session"], "ctx-s1")
        # ...and the session now remembers that conversation, for clients
        # that send only the session.
        _, _, reply = self.ask("what are its side effects?", session="ctx-s1")
        self.assertEqual(reply["intent"], "drug.side_effects")
        self.assertTrue(about_herceptin(reply["text"]), reply["text"])

    def test_session_alone_unchanged(self):
        _, _, first = self.ask("what is enhertu", session="ctx-s2")
        _, _, second = self.ask("what are its side effects?", session="ctx-s2")
        self.assertEqual(second["intent"], "drug.side_effects")
        self.assertTrue(about_enhertu(second["text"]), second["text"])

    def test_malformed_context_is_ignored(self):
        # The session's memory answers instead, and the question is never lost.
        self.ask("what is enhertu", session="ctx-s3")
        canary = "wombatcanary5120"
        good = self.ask("tell me about herceptin")[2]["context"]
        for bad in ("3." + good[2:], "1.!!" + canary, good[:-3], "1." + canary + "=", canary, "1.\u00e9t\u00e9"):
            status, _, reply = self.ask("how is it given?", session="ctx-s3", context=bad)
            self.assertEqual(status, 200, reply)
            self.assertEqual(reply["intent"], "drug.given")
            self.assertTrue(about_enhertu(reply["text"]), (bad, reply["text"]))
            self.assertRegex(reply["context"], r"^2\.")
        # Without a session, a new conversation.
        status, _, reply = self.ask("what is HER2?", context="1.garbage" + canary)
        self.assertEqual(status, 200)
        # The daemon logs before it answers, but the test reads its log on a
        # thread of its own, which a loaded machine can leave behind: wait.
        for line in ("event=context_ignored reason=version", "event=context_ignored reason=malformed"):
            self.assertTrue(wait_for(lambda: line in self.d.log(), 30), line)
        self.assertNotIn(canary, self.d.log())

    def test_bad_context_field(self):
        status, _, body = self.ask("what is HER2?", context=5)
        self.assertEqual(status, 400)
        self.assertEqual(body["code"], "bad_request")
        self.assertIn("context", body["message"])
        status, _, body = self.ask("what is HER2?", context="1." + "A" * 1535)
        self.assertEqual(status, 413)
        self.assertEqual(body["code"], "too_large")
        self.assertNotIn("AAAA", body["message"])
        # null and "" are no context.
        for none in (None, ""):
            status, _, body = self.ask("what is HER2?", context=none)
            self.assertEqual(status, 200)

    def test_forged_context_is_harmless(self):
        """A context herald never wrote, but well formed: unknown intents and
        slots, a drug the content does not know, text no one could type. The
        answer is ordinary (at worst the apology), the safety layer still
        runs first, and nothing of it reaches the log."""
        canary = "numbatcanary7781"
        forged = [
            forge("no.such.intent", [("drug", canary), ("topic", "drug"), ("no_such_slot", "x" * 63)]),
            forge("drug.about", [("drug", "<script>alert(1)</script>"), ("regimen", canary)]),
            forge("safety.crisis", [("drug", "t_dxd")]),
            forge("", [("\u00e9t\u00e9", canary + " \u2014 \U0001F600")]),
        ]
        for ctx in forged:
            for text in ("how is it given?", "is it chemo", "can i inject it myself", "what are its side effects?"):
                status, _, reply = self.ask(text, context=ctx)
                self.assertEqual(status, 200, (ctx, text, reply))
                self.assertEqual(reply["type"], "answer")
                self.assertNotIn("<script>", reply["text"])
            status, _, reply = self.ask("I want to end my life", context=ctx)
            self.assertEqual(reply["safety"], "crisis")
        # A forged context naming a real drug simply works: it is what typing
        # "what is enhertu" would have produced.
        _, _, reply = self.ask("how is it given?", context=forge("drug.about", [("drug", "t_dxd")]))
        self.assertEqual(reply["intent"], "drug.given")
        self.assertTrue(about_enhertu(reply["text"]), reply["text"])
        self.assertIsNone(self.d.proc.poll(), self.d.log())
        self.assertNotIn(canary, self.d.log())

    def test_context_is_never_logged(self):
        _, _, first = self.ask("what is enhertu", session="ctx-log")
        self.ask("what are its side effects?", session="ctx-log", context=first["context"])
        ws = WebSocket(self.d.port)
        ws.send_json({"type": "ask", "id": "1", "text": "what is enhertu", "context": first["context"]})
        reply = ws.recv()
        ws.close()
        self.assertNotIn(first["context"], self.d.log())
        self.assertNotIn(first["context"][2:20], self.d.log())
        self.assertNotIn(reply["context"][2:20], self.d.log())

    def test_websocket_carries_context_to_a_new_connection(self):
        ws = WebSocket(self.d.port)
        first = ws.ask("1", "what is enhertu")
        self.assertRegex(first["context"], r"^2\.")
        ws.close()
        # A new connection knows nothing of the old one...
        ws = WebSocket(self.d.port)
        self.assertNotEqual(ws.ask("2", "how is it given?")["intent"], "drug.given")
        ws.close()
        # ...unless the client brings the conversation along on its first ask.
        ws = WebSocket(self.d.port)
        ws.send_json({"type": "ask", "id": "3", "text": "how is it given?", "context": first["context"]})
        reply = ws.recv()
        self.assertEqual(reply["id"], "3")
        self.assertEqual(reply["intent"], "drug.given")
        self.assertTrue(about_enhertu(reply["text"]), reply["text"])
        # From then on the connection holds it, without the field.
        reply = ws.ask("4", "what are its side effects?")
        self.assertEqual(reply["intent"], "drug.side_effects")
        self.assertTrue(about_enhertu(reply["text"]), reply["text"])
        # A malformed context leaves the connection's conversation as it was.
        ws.send_json({"type": "ask", "id": "5", "text": "how long is it given?", "context": "9.zz"})
        reply = ws.recv()
        self.assertTrue(about_enhertu(reply["text"]), reply["text"])
        ws.send_json({"type": "ask", "id": "6", "text": "x", "context": 1})
        self.assertEqual(ws.recv()["code"], "bad_request")
        ws.close()


class RestartTest(unittest.TestCase):
    """The daemon restarts and forgets every session: the session alone no
    longer resolves a follow-up, the context does."""

    def test_follow_up_after_restart(self):
        root = tempfile.mkdtemp(prefix="herald-context-restart-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\n' % SOURCE_DIR)
        d = Daemon(config=conf)
        try:
            _, _, first = http(d.url + "/v1/ask", "POST", {"text": "what is enhertu", "session": "r-1"})
            ctx = first["context"]
        finally:
            self.assertEqual(d.stop(), 0)
        d = Daemon(config=conf)
        try:
            url = d.url + "/v1/ask"
            _, _, forgot = http(url, "POST", {"text": "what are its side effects?", "session": "r-1"})
            self.assertNotEqual(forgot["intent"], "drug.side_effects")
            _, _, reply = http(url, "POST", {"text": "what are its side effects?", "session": "r-1", "context": ctx})
            self.assertEqual(reply["intent"], "drug.side_effects")
            self.assertTrue(about_enhertu(reply["text"]), reply["text"])
            # The restarted daemon's session remembers it from here on.
            _, _, reply = http(url, "POST", {"text": "how is it given?", "session": "r-1"})
            self.assertEqual(reply["intent"], "drug.given")
            self.assertTrue(about_enhertu(reply["text"]), reply["text"])
            # And over a WebSocket, after the restart.
            ws = WebSocket(d.port)
            ws.send_json({"type": "ask", "id": "a", "text": "how long is it given?", "context": ctx})
            reply = ws.recv()
            ws.close()
            self.assertTrue(about_enhertu(reply["text"]), reply["text"])
        finally:
            self.assertEqual(d.stop(), 0)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
