"""The unanswered-question log never loses a question silently (issue 21,
item 5): a path that is a FIFO or a device, a disk that fills up, a file herald
cannot read, a stale temporary file left by a crash.

herald saves the log every 5 s, so these tests wait for a save or two."""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from herald_client import SOURCE_DIR, Daemon, http, wait_for  # noqa: E402

ROOT = os.geteuid() == 0
SAVE_WAIT = 15.0  # a save happens every 5 s; generous for a loaded machine

FALLBACKS = ["is there valet parking", "can my dog visit the ward", "where is the gift shop"]


def config(root, path):
    conf = os.path.join(root, "herald.conf.lua")
    with open(conf, "w") as f:
        f.write('content_dir = "%s"\nunanswered = { enabled = 1, file = "%s" }\nvoice = { enabled = 0 }\n'
                % (SOURCE_DIR, path))
    return conf


def ask_fallbacks(d):
    for q in FALLBACKS:
        status, _, reply = http(d.url + "/v1/ask", "POST", {"text": q})
        assert status == 200 and reply["intent"] == "fallback", (status, reply)


def entries(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t", 1)[1] for line in f if line.strip()]


class UnansweredFaultTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="herald-unanswered-faults-")
        os.chmod(self.root, 0o755)
        # Cleanups run last first: daemons stop, then the tmpfs goes, then the folder.
        self.addCleanup(shutil.rmtree, self.root, True)

    def daemon(self, *args, **kwargs):
        d = Daemon(*args, **kwargs)
        # Stopped even when an assertion fails first.
        self.addCleanup(lambda: d.proc.poll() is None and d.stop(timeout=5))
        return d


    def test_fifo_or_device_path_does_not_hang_start(self):
        paths = [os.path.join(self.root, "fifo")]
        os.mkfifo(paths[0])
        if ROOT:  # a character device, as /dev/zero is, but in a folder of ours
            dev = os.path.join(self.root, "zero")
            os.mknod(dev, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
            paths.append(dev)
        for path in paths:
            # Before: start-up waited on the FIFO for a writer, and read the
            # device for ever at 100% CPU, with nothing in the log. The usual
            # start timeout tells a hang from a start (a 10 s one failed under
            # the sanitizers once the content grew: the refusal was logged, the
            # content still loading).
            d = self.daemon(config=config(self.root, path))
            self.assertIn("event=unanswered_refused", d.log())
            ask_fallbacks(d)
            self.assertEqual(d.stop(), 0, d.log())
            self.assertIn("event=unanswered_not_saved", d.log())
            self.assertFalse(stat.S_ISREG(os.lstat(path).st_mode), "replaced by a regular file")

    def test_a_failed_save_keeps_the_questions(self):
        """A full disk when herald is root (a 64 KiB tmpfs), else a folder
        herald may not write to: the same failure for the save."""
        store = os.path.join(self.root, "store")
        os.mkdir(store)
        filler = os.path.join(store, "filler")
        full = False
        if ROOT and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "none", store]).returncode == 0:
            self.addCleanup(subprocess.run, ["umount", store], check=False)
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                while True:
                    os.write(fd, b"x" * 4096)
            except OSError:
                pass
            os.close(fd)
            full = True
        else:
            os.chmod(store, 0o555)
        print("save failure by", "a full disk (ENOSPC)" if full else "a folder herald cannot write (EACCES)")
        path = os.path.join(store, "unanswered.tsv")
        d = self.daemon(config=config(self.root, path))
        ask_fallbacks(d)
        self.assertTrue(wait_for(lambda: "event=unanswered_save_failed" in d.log(), SAVE_WAIT), d.log())
        # Space comes back: the questions asked while it was gone are saved.
        if full:
            os.remove(filler)
        else:
            os.chmod(store, 0o755)
        self.assertTrue(wait_for(lambda: "event=unanswered_saved" in d.log(), SAVE_WAIT), d.log())
        self.assertEqual(sorted(entries(path)), sorted(FALLBACKS))
        self.assertEqual(d.stop(), 0, d.log())
        self.assertEqual(sorted(entries(path)), sorted(FALLBACKS))

    def test_unreadable_file_is_not_overwritten(self):
        store = os.path.join(self.root, "store")
        os.mkdir(store)
        path = os.path.join(store, "unanswered.tsv")
        day = int(time.time()) // 86400 * 86400
        with open(path, "w") as f:
            f.write("%d\tan older question\n%d\tanother older one\n" % (day, day))
        os.chmod(path, 0)
        user = None
        if ROOT:  # root reads any file: run herald as nobody, as systemd's DynamicUser would
            user = "nobody"
            os.chown(store, 65534, 65534)
            os.chown(path, 65534, 65534)
        d = self.daemon(config=config(self.root, path), user=user)
        self.assertIn("event=unanswered_unreadable", d.log())
        ask_fallbacks(d)
        time.sleep(6)  # a save tick: it must not write over the file
        os.chmod(path, 0o600)
        with open(path) as f:
            self.assertEqual(len(f.readlines()), 2, "the unreadable file was written over")
        # Readable again: merged with what was asked meanwhile, then saved.
        self.assertTrue(wait_for(lambda: "event=unanswered_readable" in d.log(), SAVE_WAIT), d.log())
        self.assertTrue(wait_for(lambda: len(entries(path)) == 5, SAVE_WAIT), entries(path))
        self.assertEqual(d.stop(), 0, d.log())
        got = entries(path)
        self.assertEqual(got[:2], ["an older question", "another older one"])
        self.assertEqual(sorted(got[2:]), sorted(FALLBACKS))

    def test_stale_tmp_is_removed(self):
        path = os.path.join(self.root, "unanswered.tsv")
        with open(path + ".tmp", "wb") as f:
            f.write(b"x" * (3 << 20))
        d = self.daemon(config=config(self.root, path))
        self.assertFalse(os.path.exists(path + ".tmp"))
        self.assertIn("event=unanswered_stale_tmp_removed", d.log())
        self.assertEqual(d.stop(), 0, d.log())


if __name__ == "__main__":
    unittest.main(verbosity=2)
