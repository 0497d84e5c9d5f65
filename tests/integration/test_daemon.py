"""Integration tests: the built daemon on an ephemeral port, spoken to over real
HTTP and real WebSocket (docs/protocol.md)."""
import json
import os
import socket
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, http  # noqa: E402


class DaemonTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon()

    @classmethod
    def tearDownClass(cls):
        rc = cls.d.stop()
        assert rc == 0, "daemon exited %r on SIGTERM:\n%s" % (rc, cls.d.log())

    # ---- HTTP ----

    def test_healthz(self):
        status, hdrs, body = http(self.d.url + "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(body, {"status": "ok"})
        self.assertIn("application/json", hdrs.get("Content-Type"))

    def test_ask_over_http(self):
        status, _, body = http(self.d.url + "/v1/ask", "POST", {"text": "what is HER2?"})
        self.assertEqual(status, 200)
        self.assertEqual(body["type"], "answer")
        self.assertNotEqual(body["intent"], "fallback")
        self.assertTrue(body["text"])
        self.assertTrue(body["speech"])
        self.assertGreaterEqual(len(body["sources"]), 1)
        self.assertIn("title", body["sources"][0])
        self.assertIsInstance(body["suggestions"], list)
        self.assertIsNone(body["safety"])

    def test_http_errors(self):
        status, hdrs, body = http(self.d.url + "/v1/ask")
        self.assertEqual(status, 405)
        self.assertEqual(hdrs.get("Allow"), "POST")
        self.assertEqual(body["type"], "error")
        status, _, body = http(self.d.url + "/nope")
        self.assertEqual(status, 404)
        self.assertEqual(body["type"], "error")
        status, _, body = http(self.d.url + "/v1/ask", "POST", b"{not json")
        self.assertEqual(status, 400)
        self.assertEqual(body["code"], "bad_json")
        status, _, body = http(self.d.url + "/v1/ask", "POST", {"text": 5})
        self.assertEqual(status, 400)
        self.assertEqual(body["code"], "bad_request")
        status, _, body = http(self.d.url + "/v1/ask", "POST", {"text": "x" * 20000})  # over the 16 KiB default
        self.assertEqual(status, 413)
        self.assertEqual(body["code"], "too_large")
        status, _, _ = http(self.d.url + "/healthz", "POST", {"x": 1})
        self.assertEqual(status, 405)
        # Still serving after all of that.
        status, _, _ = http(self.d.url + "/healthz")
        self.assertEqual(status, 200)

    def test_http_session_follow_up(self):
        url = self.d.url + "/v1/ask"
        _, _, first = http(url, "POST", {"text": "what is enhertu", "session": "it-1"})
        self.assertEqual(first.get("session"), "it-1")
        _, _, second = http(url, "POST", {"text": "what are its side effects?", "session": "it-1"})
        self.assertNotEqual(second["intent"], "fallback")
        self.assertRegex(second["text"].lower(), "lung|ild|pneumonitis")
        # Another session does not see that conversation: it gets the general
        # answer, not the one about Enhertu.
        _, _, other = http(url, "POST", {"text": "what are its side effects?", "session": "it-2"})
        self.assertNotEqual(other["intent"], second["intent"])

    # ---- WebSocket ----

    def test_ws_answer_keeps_id(self):
        ws = WebSocket(self.d.port)
        self.assertIn("herald.v1", ws.headers)
        reply = ws.ask("q-1", "what is herceptin?")
        self.assertEqual(reply["type"], "answer")
        self.assertEqual(reply["id"], "q-1")
        self.assertNotEqual(reply["intent"], "fallback")
        self.assertGreaterEqual(len(reply["sources"]), 1)
        ws.close()

    def test_ws_without_subprotocol(self):
        ws = WebSocket(self.d.port, protocol=None)
        self.assertEqual(ws.ask("a", "hello")["type"], "answer")
        ws.close()

    def test_ws_only_on_chat(self):
        with self.assertRaises((ConnectionError, OSError)):
            WebSocket(self.d.port, path="/other")

    def test_ws_order(self):
        ws = WebSocket(self.d.port)
        questions = ["what is HER2?", "hello", "what is THP", "thank you", "what is kadcyla"] * 6
        for i, q in enumerate(questions):
            ws.send_json({"type": "ask", "id": "n%d" % i, "text": q})
        ids = [ws.recv()["id"] for _ in questions]
        self.assertEqual(ids, ["n%d" % i for i in range(len(questions))])
        ws.close()

    def test_ws_errors_keep_connection(self):
        ws = WebSocket(self.d.port)
        ws.send_text("not json")
        e = ws.recv()
        self.assertEqual((e["type"], e["code"], e["id"]), ("error", "bad_json", None))
        ws.send_json({"type": "ask", "id": "x1"})
        e = ws.recv()
        self.assertEqual((e["code"], e["id"]), ("bad_request", "x1"))
        ws.send_json({"type": "nope", "id": "x2", "text": "hi"})
        self.assertEqual(ws.recv()["code"], "unknown_type")
        ws.send_json({"type": "ask", "id": "x3", "text": "a" * 20000})  # over the 16 KiB default
        self.assertEqual(ws.recv()["code"], "too_large")
        ws.send_frame(2, b"\x00\x01binary")
        self.assertEqual(ws.recv()["code"], "unsupported")
        # Fragmented message, reassembled.
        msg = json.dumps({"type": "ask", "id": "frag", "text": "hello"}).encode()
        ws.send_frame(1, msg[:10], fin=False)
        ws.send_frame(0, msg[10:20], fin=False)
        ws.send_frame(0, msg[20:], fin=True)
        self.assertEqual(ws.recv()["id"], "frag")
        self.assertEqual(ws.ask("ok", "hello")["type"], "answer")
        ws.close()

    def test_ws_invalid_utf8_closes_1007(self):
        ws = WebSocket(self.d.port)
        ws.send_frame(1, b"{\"type\":\"ask\",\"id\":\"u\",\"text\":\"\xff\xfe\"}")
        with self.assertRaises(WebSocketClosed) as cm:
            ws.recv()
        self.assertEqual(cm.exception.code, 1007)

    def test_ws_follow_up_context_per_connection(self):
        a, b = WebSocket(self.d.port), WebSocket(self.d.port)
        a.ask("1", "tell me about herceptin")
        r = a.ask("2", "how is it given?")
        self.assertNotEqual(r["intent"], "fallback")
        self.assertRegex(r["text"].lower(), "iv|intraven|infusion")
        r2 = b.ask("1", "how is it given?")
        self.assertNotEqual(r2["intent"], r["intent"])
        a.close()
        b.close()

    def test_safety_over_the_wire(self):
        ws = WebSocket(self.d.port)
        r = ws.ask("s1", "I don't want to live anymore")
        self.assertEqual(r["safety"], "crisis")
        self.assertEqual(r["tier"], "crisis")
        self.assertIn("988", r["text"])
        # "safety" says urgent for both 911 and call-now (old clients and
        # eval tools rely on it); "tier" tells them apart.
        r = ws.ask("s2", "my temperature is 101 since chemo on monday")
        self.assertEqual(r["safety"], "urgent")
        self.assertEqual(r["tier"], "call_now")
        r = ws.ask("s4", "my chest hurts")
        self.assertEqual(r["safety"], "urgent")
        self.assertEqual(r["tier"], "emergency")
        r = ws.ask("s3", "no fever, just tired")
        self.assertIsNone(r["safety"])
        self.assertIsNone(r["tier"])
        ws.close()

    # ---- hostile handshakes (CVE-2025-11677: invalid Upgrade headers) ----

    def raw(self, request):
        s = socket.create_connection(("127.0.0.1", self.d.port), timeout=5)
        s.sendall(request)
        try:
            return s.recv(4096)
        except OSError:
            return b""
        finally:
            s.close()

    def test_invalid_upgrade_headers(self):
        for upgrade in [b"websocketx", b"", b"h2c", b"\xff\xfe", b"websocket, websocket", b"x" * 3000]:
            self.raw(b"GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: " + upgrade +
                     b"\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     b"Sec-WebSocket-Version: 13\r\n\r\n")
        self.raw(b"GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nUpgrade: websocket\r\n\r\n")
        self.raw(b"GET /chat HTTP/1.1\r\nUpgr")
        self.raw(b"GET /chat HTTP/1.1\r\n" + b"X-Long: " + b"y" * 20000 + b"\r\n\r\n")
        self.assertIsNone(self.d.proc.poll(), "daemon died:\n" + self.d.log())
        status, _, _ = http(self.d.url + "/healthz")
        self.assertEqual(status, 200)

    def test_logs_carry_no_question_text(self):
        canary = "zebracanary4417"
        http(self.d.url + "/v1/ask", "POST", {"text": "what is herceptin " + canary})
        ws = WebSocket(self.d.port)
        ws.ask("c", "tell me about " + canary)
        ws.send_text("{bad json " + canary)
        ws.recv()
        ws.close()
        self.assertNotIn(canary, self.d.log())


class DebugLogPrivacyTest(unittest.TestCase):
    """Even at log_level = "debug", no question or answer text is logged."""

    def test_canary_absent_at_debug(self):
        import tempfile
        root = tempfile.mkdtemp(prefix="herald-privacy-")
        conf = os.path.join(root, "herald.conf.lua")
        with open(conf, "w") as f:
            f.write('content_dir = "%s"\nlog_level = "debug"\n' % SOURCE_DIR)
        canary = "quokkacanary9931"
        d = Daemon(config=conf)
        try:
            http(d.url + "/v1/ask", "POST", {"text": "is herceptin safe " + canary, "session": canary})
            http(d.url + "/v1/ask", "POST", {"text": "I want to die " + canary})
            ws = WebSocket(d.port)
            ws.ask(canary, "what is enhertu " + canary)
            ws.ask("2", "what are its side effects? " + canary)
            ws.send_text('{"type":"ask","id":"x","text":' + '"' + canary * 400 + '"}')
            ws.recv()
            ws.send_text("{not json " + canary)
            ws.recv()
            ws.close()
        finally:
            self.assertEqual(d.stop(), 0)
        log = d.log()
        self.assertIn("answered intent=", log)  # the log is not simply empty
        self.assertNotIn(canary, log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
