#!/usr/bin/env bash
# man/precis.1 documents every option of every command, and nothing else:
# the options the parser accepts ("precis --list-options", made from the
# option tables of cli/*.c) are compared, both ways, with the options named
# in the .TP tags of the man page (under OPTIONS for "precis", under the
# .SS "precis eval rouge" ... sections for the other commands).  Also: every
# command's --help lists its visible options.
set -u
PRECIS=${1:?usage: cli_man.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
MAN=$SRC/man/precis.1
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$PRECIS" --list-options > "$tmp/parser" || { echo "FAIL: precis --list-options exit $?"; exit 1; }
python3 - "$MAN" "$tmp/parser" "$PRECIS" <<'PY'
import re, subprocess, sys
man, listed, precis = sys.argv[1], sys.argv[2], sys.argv[3]
parser = set()
for line in open(listed):
    cmd, opt = line.rstrip("\n").split("\t")
    parser.add((cmd, opt))
doc = set()
cmd = None
lines = open(man).read().split("\n")
for i, l in enumerate(lines):
    if l.startswith(".SH "):
        cmd = "precis" if l.split(None, 1)[1].strip('"') == "OPTIONS" else None
    elif l.startswith(".SS "):
        t = l[4:].strip().strip('"')
        cmd = t if t.startswith("precis") else None
    elif l.startswith(".TP") and cmd and i + 1 < len(lines):
        tag = lines[i + 1].replace("\\-", "-")
        tag = re.sub(r"\\f[BIRP]", "", tag)
        for opt in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", tag):
            doc.add((cmd, opt))
bad = 0
for c, o in sorted(parser - doc):
    print("FAIL: %s accepts %s but man/precis.1 does not document it" % (c, o)); bad = 1
for c, o in sorted(doc - parser):
    print("FAIL: man/precis.1 documents %s %s, which the parser does not accept" % (c, o)); bad = 1
if not parser:
    print("FAIL: --list-options listed nothing"); bad = 1
cmds = sorted({c for c, _ in parser})
for c in cmds:
    # every command's --help: exit 0, usage on stdout
    r = subprocess.run([precis] + c.split()[1:] + ["--help"], capture_output=True, text=True)
    if r.returncode != 0 or "usage: " + c not in r.stdout or r.stderr:
        print("FAIL: %s --help: exit %d, stdout %r" % (c, r.returncode, r.stdout[:80])); bad = 1
# both man pages name the version that runs (precis --version)
ver = subprocess.run([precis, "--version"], capture_output=True, text=True).stdout.split()[-1]
import os
for page in [sys.argv[1], os.path.join(os.path.dirname(sys.argv[1]), "precis.3")]:
    th = [l for l in open(page, encoding="utf-8") if l.startswith(".TH ")]
    if not th or ('"precis %s"' % ver) not in th[0]:
        print("FAIL: %s: .TH does not say precis %s: %r" % (page, ver, th[:1])); bad = 1
print("%d options of %d commands documented" % (len(parser), len(cmds)))
sys.exit(bad)
PY
