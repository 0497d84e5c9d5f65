"""Two herald instances behind nginx (deploy/nginx.conf, rewritten to loopback
ports): multi-turn conversations over HTTP and WebSocket, a load burst, and a
rolling stop (SIGTERM), in the middle of it, of the instance that holds a
conversation. No question may be lost, and follow-ups that carry the
conversation's context must still resolve on the other instance."""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import (NGINX, SOURCE_DIR, Daemon, WebSocket, WebSocketClosed, free_port, http,  # noqa: E402
                           nginx_config)

@unittest.skipIf(NGINX is None, "nginx is not installed (scripts/install-deps installs Debian's nginx)")
class ClusterTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-cluster-")
        conf = os.path.join(self.root, "herald.conf.lua")
        with open(conf, "w") as f:
            # The drain notice that docs/operations.md advises behind a proxy:
            # the holder keeps answering for a second after SIGTERM, then
            # refuses connections, so the conversations under way cross over.
            f.write('content_dir = "%s"\nlimits = { rate_per_second = 1000, rate_burst = 1000,'
                    ' drain_notice_seconds = 1 }\n' % SOURCE_DIR)
        self.a = Daemon(config=conf)
        self.b = Daemon(config=conf)
        self.port = free_port()
        cmd = nginx_config(self.root, self.port, [self.a.port, self.b.port])
        self.nginx = subprocess.Popen(cmd, stderr=subprocess.PIPE)
        self.url = "http://127.0.0.1:%d" % self.port
        end = time.time() + 10
        while time.time() < end:
            try:
                if http(self.url + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            self.fail("nginx did not come up: %s" % self.nginx_log())

    def nginx_log(self):
        try:
            with open(os.path.join(self.root, "error.log")) as f:
                return f.read()
        except OSError:
            return ""

    def tearDown(self):
        self.nginx.terminate()
        self.nginx.wait(10)
        for d in (self.a, self.b):
            if d.proc.poll() is None:
                d.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def ask(self, text, session=None, context=None):
        """Asks through nginx as a support-group bot does: the session id in the
        body and in X-Herald-Session (for affinity), and the context of the
        previous answer when it has one. Returns (status, upstream, reply)."""
        body = {"text": text}
        headers = {"Content-Type": "application/json"}
        if session:
            body["session"] = session
            headers["X-Herald-Session"] = session
        if context:
            body["context"] = context
        status, hdrs, reply = http(self.url + "/v1/ask", "POST", body, headers=headers)
        return status, hdrs.get("X-Herald-Upstream", ""), reply

    def instance(self, upstream):
        """The daemon that answered, from X-Herald-Upstream (the last address
        when nginx had to try a second one)."""
        for d in (self.a, self.b):
            if upstream.endswith(":%d" % d.port):
                return d
        self.fail("no instance answered: %r" % upstream)

    def session_on(self, port, name="conv"):
        """A session id, starting with NAME, that nginx's consistent hash sends
        to the instance on PORT."""
        for i in range(200):
            sid = "%s-%d" % (name, i)
            status, upstream, reply = self.ask("tell me about herceptin", sid)
            self.assertEqual(status, 200)
            if upstream.endswith(":%d" % port):
                return sid
        self.fail("no session id reached port %d" % port)

    def test_rolling_stop_of_the_instance_holding_the_conversation(self):
        # A support-group member's conversation. Whichever instance answers its
        # first turn holds it in memory (nginx keeps the session there): that is
        # the one the rolling update stops.
        sid = "member-42"
        status, upstream, first = self.ask("tell me about enhertu", sid)
        self.assertEqual(status, 200)
        holder = self.instance(upstream)
        other = self.b if holder is self.a else self.a
        status, upstream, second = self.ask("how is it given?", sid, first["context"])
        self.assertEqual(second["intent"], "drug.given")
        self.assertIn("Enhertu", second["text"])
        self.assertIs(self.instance(upstream), holder)

        # A client that sends only its session, held by the same instance; and
        # one held by the instance that stays.
        legacy = self.session_on(holder.port, "legacy")
        kept = self.session_on(other.port, "kept")
        status, upstream, reply = self.ask("how is it given?", kept)
        self.assertEqual(reply["intent"], "drug.given")

        # A WebSocket conversation on the holder (the header steers the upgrade
        # there too), which will be closed with 1001 by the stop.
        ws = WebSocket(self.port, headers={"X-Herald-Session": sid})
        self.assertIn(":%d" % holder.port, ws.headers)
        self.assertEqual(ws.ask("w1", "tell me about kadcyla")["intent"], "drug.about")
        w2 = ws.ask("w2", "how is it given?")
        self.assertEqual(w2["intent"], "drug.given")
        ws_context = w2["context"]
        ws.close()

        # The burst: HTTP questions with spread session ids and WebSockets that
        # reconnect when told to go away (1001), as the widget does; and
        # conversations on the holder, three turns each, carrying context, that
        # go on while it stops.
        answered, failures, conversations = [], [], []
        lock = threading.Lock()
        done = threading.Event()

        def http_worker(n):
            for i in range(25):
                s = "burst-%d-%d" % (n, i)
                try:
                    status, _, reply = self.ask("what is HER2", s)
                    ok = status == 200 and reply.get("type") == "answer"
                except Exception as e:  # noqa: BLE001
                    ok, reply = False, repr(e)
                with lock:
                    (answered if ok else failures).append(reply if not ok else 1)
                time.sleep(0.01)

        def ws_worker(n):
            sock = None
            for i in range(25):
                for attempt in range(5):
                    try:
                        if sock is None:
                            sock = WebSocket(self.port, headers={"X-Herald-Session": "ws-%d-%d" % (n, attempt)})
                        reply = sock.ask("q%d" % i, "what are the side effects of enhertu")
                        with lock:
                            answered.append(1)
                        break
                    except (WebSocketClosed, ConnectionError, OSError):
                        sock = None  # reconnect and ask again, as clients do on 1001
                        time.sleep(0.05)
                else:
                    with lock:
                        failures.append("ws %d question %d never answered" % (n, i))
                time.sleep(0.01)
            if sock:
                sock.close()

        drugs = [("herceptin", "Herceptin"), ("enhertu", "Enhertu"), ("kadcyla", "Kadcyla"),
                 ("perjeta", "Perjeta"), ("tukysa", "Tukysa")]
        turns = [("tell me about %s", "drug.about"), ("how is it given?", "drug.given"),
                 ("what are its side effects?", "drug.side_effects")]

        def conversation_worker(n, session):
            i = 0
            while True:
                last = done.is_set()  # the conversation after the stop runs whole on the other
                drug, brand = drugs[(n + i) % len(drugs)]
                context, served = None, []
                for k, (text, intent) in enumerate(turns):
                    question = text % drug if k == 0 else text
                    try:
                        status, upstream, reply = self.ask(question, session, context)
                        ok = status == 200 and reply.get("intent") == intent and brand in reply.get("text", "")
                    except Exception as e:  # noqa: BLE001
                        ok, reply = False, repr(e)
                    if not ok:
                        with lock:
                            failures.append("conversation %d.%d turn %d (%s): %r" % (n, i, k, drug, reply))
                        break
                    context = reply["context"]
                    served.append(self.instance(upstream).port)
                    time.sleep(0.1)
                with lock:
                    conversations.append(served)
                i += 1
                if last:
                    return

        sessions = [self.session_on(holder.port, "talker-%d" % n) for n in range(4)]
        threads = [threading.Thread(target=http_worker, args=(n,)) for n in range(6)]
        threads += [threading.Thread(target=ws_worker, args=(n,)) for n in range(4)]
        talkers = [threading.Thread(target=conversation_worker, args=(n, s)) for n, s in enumerate(sessions)]
        for t in threads + talkers:
            t.start()
        time.sleep(0.3)
        holder.proc.send_signal(signal.SIGTERM)  # a rolling update takes the holder out
        self.assertEqual(holder.proc.wait(20), 0)
        done.set()
        for t in threads + talkers:
            t.join(120)
        self.assertEqual(failures, [], self.nginx_log()[-2000:])
        self.assertEqual(len(answered), 10 * 25)
        # Conversations that began on the holder and went on, with their
        # follow-ups resolved, on the other instance.
        across = [c for c in conversations if c[0] == holder.port and c[-1] == other.port]
        # Whether one of them straddles the stop is a matter of timing: the
        # talkers run in step, and the holder has been seen to leave exactly
        # between conversations (under the sanitizers first, then on 2026-12-06
        # in three of about five plain runs). What must hold, no failure and
        # every question answered, is checked above; that a conversation's
        # context carries it to the other instance is checked below with a
        # conversation that is mid-way by construction.
        if not across:
            print("note: no conversation straddled the stop this run (%d conversations)" % len(conversations))
        self.assertIn("action=drain", holder.log())

        # The member's conversation goes on through the other instance: the
        # context carried the conversation, not the stopped instance's memory.
        status, upstream, third = self.ask("what are its side effects?", sid, second["context"])
        self.assertEqual(status, 200)
        self.assertIs(self.instance(upstream), other)
        self.assertEqual(third["intent"], "drug.side_effects")
        self.assertIn("Enhertu", third["text"])
        # The WebSocket conversation too, on a new connection.
        ws = WebSocket(self.port, headers={"X-Herald-Session": sid})
        ws.send_json({"type": "ask", "id": "w3", "text": "what are its side effects?", "context": ws_context})
        reply = ws.recv()
        ws.close()
        self.assertEqual(reply["intent"], "drug.side_effects")
        self.assertIn("Kadcyla", reply["text"])
        # The client that sent only its session lost its conversation with the
        # instance: its follow-up is answered, as a new question.
        status, upstream, reply = self.ask("what are its side effects?", legacy)
        self.assertEqual(status, 200)
        self.assertIs(self.instance(upstream), other)
        self.assertNotEqual(reply["intent"], "drug.side_effects")
        # The conversation kept by the instance that stays still resolves, and
        # new questions all reach it now.
        status, upstream, reply = self.ask("what are its side effects?", kept)
        self.assertEqual(reply["intent"], "drug.side_effects")
        self.assertIs(self.instance(upstream), other)
        status, upstream, reply = self.ask("what is HER2", "conv-new-%d" % random.randint(0, 1 << 30))
        self.assertEqual(status, 200)
        self.assertIs(self.instance(upstream), other)
        # /metrics is not served through the public name.
        self.assertEqual(http(self.url + "/metrics")[0], 404)


if __name__ == "__main__":
    unittest.main()
