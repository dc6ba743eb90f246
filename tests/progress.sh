#!/usr/bin/env bash
# The progress line: on a terminal (stderr a pty, made by python's pty
# module), a run that lasts more than a second shows "N docs, X MB, R
# docs/s" on stderr and erases it at the end; with stderr not a terminal, or
# with -q, nothing.  The input comes slowly through a pipe (a document every
# 0.15 s), so the run is long on any machine.
set -u
PRECIS=${1:?usage: progress.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v $PY >/dev/null || { echo "SKIP: no python3 (it makes the pty)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/run.py" <<'PY'
import os, pty, subprocess, sys, time
precis, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
args = [precis, "-f", "jsonl", "-i", "jsonl", "-j", "2"] + (["-q"] if mode == "quiet" else [])
if mode == "notty":
    master, err = None, open(out + ".err", "wb")
else:
    master, slave = pty.openpty()
    err = slave
p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=open(out, "wb"), stderr=err)
if master is not None:
    os.close(slave)
for i in range(16):
    p.stdin.write(b'{"id": "d%d", "text": "The mayor of Kettleby said on Monday that the harbour would reopen."}\n' % i)
    p.stdin.flush()
    time.sleep(0.15)
p.stdin.close()
got = b""
if master is not None:
    while True:
        try:
            b = os.read(master, 4096)
        except OSError:
            break
        if not b:
            break
        got += b
else:
    err.close()
    got = open(out + ".err", "rb").read()
rc = p.wait()
open(out + ".tty", "wb").write(got)
sys.exit(rc)
PY
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
$PY "$tmp/run.py" "$PRECIS" tty "$tmp/a"; rc=$?
[ $rc = 0 ] && [ "$(wc -l < "$tmp/a")" = 16 ] && ok || no "tty run: exit $rc, $(wc -l < "$tmp/a") lines"
grep -aq 'precis: [0-9]* docs, [0-9.]* MB, [0-9.]* docs/s' "$tmp/a.tty" && ok || { no "no progress line on a terminal"; od -c "$tmp/a.tty" | head; }
# erased at the end: the last thing written is a carriage return and erase-line
tail -c 4 "$tmp/a.tty" | od -An -c | tr -d ' \n' | grep -q '\\r033\[K' && ok || { no "the progress line is not erased at the end"; tail -c 40 "$tmp/a.tty" | od -c; }
$PY "$tmp/run.py" "$PRECIS" quiet "$tmp/b"; rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/b.tty" ] && ok || { no "-q on a terminal: exit $rc, stderr:"; od -c "$tmp/b.tty" | head -5; }
$PY "$tmp/run.py" "$PRECIS" notty "$tmp/c"; rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/c.tty" ] && ok || { no "stderr not a terminal: exit $rc, stderr:"; od -c "$tmp/c.tty" | head -5; }
cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c" && ok || no "the output depends on the progress line"
echo "progress: $pass passed, $fail failed"
[ $fail = 0 ]
