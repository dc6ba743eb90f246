"""Shared by the tests of `precis serve`: start a server on a free port of
127.0.0.1, find its address, stop it.  Standard library only."""
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(msg):
    print("SKIP: " + msg)
    sys.exit(SKIP)


class Server:
    """precis serve --listen 127.0.0.1:0 ARGS; .url is "http://127.0.0.1:PORT"."""

    def __init__(self, precis, *args):
        self.errfile = tempfile.NamedTemporaryFile(prefix="precis-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([precis, "serve", "--listen", "127.0.0.1:0"] + list(args),
                                     stdout=subprocess.PIPE, stderr=self.errfile)
        ready, _, _ = select.select([self.proc.stdout], [], [], 20)
        line = self.proc.stdout.readline().decode() if ready else ""
        m = re.search(r"listening on (http://127\.0\.0\.1:(\d+))/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("precis serve did not start: %r; log: %s" % (line, self.log()))
        self.url = m.group(1)
        self.port = int(m.group(2))

    def log(self):
        with open(self.errfile.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends sig; returns the exit status (None if it did not exit)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.errfile.close()
        if not os.environ.get("PRECIS_KEEP_LOG"):
            os.unlink(self.errfile.name)


def wait_until(pred, timeout, step=0.05):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if pred():
            return True
        time.sleep(step)
    return pred()
