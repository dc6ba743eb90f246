#!/usr/bin/env bash
# -j N: documents analysed on N threads, written in input order, the output
# byte-identical to -j 1 in every format, error records in their places,
# the same exit status and stderr; brat --out-dir names the same.  With
# ../shared: the 1,000 CNN/DM validation articles, -j 2 against -j 1.
set -u
PRECIS=${1:?usage: jobs.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${PRECIS_SHARED:-$(cd "$HERE/../.." && pwd)/shared}
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v $PY >/dev/null || { echo "SKIP: no python3 (it writes the inputs)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 60 articles of different lengths (so that they finish out of order), with
# broken lines, a line without text, blank lines and an oversized id among them
$PY - "$tmp/in.jsonl" <<'PY'
import json, random, sys
r = random.Random(5)
names = ["Mara Quist", "Ben Arkwright", "Ruth Okafor", "Ana Pena", "Tom Hale"]
places = ["Kettleby", "Dunmore", "Leaford", "Bramwick"]
out = []
for i in range(60):
    n = r.choice([1, 2, 3, 8, 30, 60])
    sents = []
    for k in range(n):
        who, where = r.choice(names), r.choice(places)
        sents.append(r.choice([
            '"We will rebuild the %s road," said %s on Monday.' % (where, who),
            "The council in %s approved %d new homes, %s said." % (where, r.randint(2, 900), who),
            "%s, who leads the %s group, said costs rose by %d percent." % (who, where, r.randint(1, 40)),
        ]))
    out.append(json.dumps({"id": "doc%02d" % i, "text": " ".join(sents)}))
    if i == 7: out.append('{"id": "broken", "text": "cut in the mid')
    if i == 20: out.append('{"id": 12345678901234567890, "article": "A number id. It stays as written."}')
    if i == 33: out.append('{"id": "notext", "body": "x"}')
    if i == 40: out.append("")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
for fmt in jsonl json text conllu; do
  "$PRECIS" -j 1 -f $fmt -i jsonl "$tmp/in.jsonl" > "$tmp/o1" 2> "$tmp/e1"; r1=$?
  for j in 2 3 8; do
    "$PRECIS" -j $j -f $fmt -i jsonl "$tmp/in.jsonl" > "$tmp/oj" 2> "$tmp/ej"; rj=$?
    [ $r1 = 1 ] && [ $rj = $r1 ] && cmp -s "$tmp/o1" "$tmp/oj" && cmp -s "$tmp/e1" "$tmp/ej" && ok ||
      no "-f $fmt -j $j: exit $rj (-j 1: $r1), output or stderr differs"
  done
done
# the default for JSONL is every core: the same output
"$PRECIS" -f jsonl "$tmp/in.jsonl" > "$tmp/od" 2>/dev/null
"$PRECIS" -j 1 -f jsonl "$tmp/in.jsonl" > "$tmp/o1" 2>/dev/null
cmp -s "$tmp/o1" "$tmp/od" && ok || no "default -j differs from -j 1"
grep -c '"error"' "$tmp/o1" | grep -qx 2 && ok || no "expected 2 error records"
# brat --out-dir: the same file names and contents
"$PRECIS" -j 1 -f brat --out-dir "$tmp/b1" "$tmp/in.jsonl" 2>/dev/null
"$PRECIS" -j 3 -f brat --out-dir "$tmp/b3" "$tmp/in.jsonl" 2>/dev/null
diff -r "$tmp/b1" "$tmp/b3" >/dev/null && [ "$(ls "$tmp/b1" | wc -l)" = 61 ] && ok || no "brat --out-dir differs with -j 3"
# -f brat to stdout with more than one document: the same error either way
"$PRECIS" -j 1 -f brat "$tmp/in.jsonl" > "$tmp/o1" 2> "$tmp/e1"; r1=$?
"$PRECIS" -j 4 -f brat "$tmp/in.jsonl" > "$tmp/o4" 2> "$tmp/e4"; r4=$?
[ $r1 = 2 ] && [ $r4 = 2 ] && cmp -s "$tmp/o1" "$tmp/o4" && ok || no "brat to stdout: exit $r1/$r4"
# plain text files: -j 2 over several files
mkdir "$tmp/t"
$PY - "$tmp/in.jsonl" "$tmp/t" <<'PY'
import json, sys
for i, l in enumerate(open(sys.argv[1])):
    try: o = json.loads(l)
    except Exception: continue
    if "text" in o and i < 12: open("%s/a%02d.txt" % (sys.argv[2], i), "w").write(o["text"])
PY
"$PRECIS" -j 1 "$tmp"/t/*.txt > "$tmp/o1"; "$PRECIS" -j 2 "$tmp"/t/*.txt > "$tmp/o2"
cmp -s "$tmp/o1" "$tmp/o2" && ok || no "text files with -j 2"
# -j takes 0 (every core) and rejects a negative number
"$PRECIS" -j 0 -f jsonl "$tmp/in.jsonl" 2>/dev/null | cmp -s - "$tmp/od" && ok || no "-j 0"
"$PRECIS" -j -1 "$tmp/in.jsonl" > /dev/null 2>&1; [ $? = 2 ] && ok || no "-j -1 accepted"

# a coprocess: each document's result comes out before the next line goes in
cat > "$tmp/co.py" <<'PY'
import select, subprocess, sys
p = subprocess.Popen([sys.argv[1], "-j", sys.argv[2], "-f", "jsonl", "-i", "jsonl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for i in range(3):
    p.stdin.write(b'{"id": "c%d", "text": "The mayor said the pier would open on Monday."}\n' % i)
    p.stdin.flush()
    r, _, _ = select.select([p.stdout], [], [], 60)
    if not r:
        p.kill(); sys.exit("no output for line %d while the input stays open" % (i + 1))
    line = p.stdout.readline()
    if not line.startswith(b'{"id":"c%d"' % i):
        p.kill(); sys.exit("line %d: %r" % (i + 1, line[:60]))
p.stdin.close()
sys.exit(p.wait())
PY
for j in 1 2; do $PY "$tmp/co.py" "$PRECIS" $j && ok || no "-j $j as a coprocess (a result a line, input kept open)"; done

IN=$SHARED/data/summ/cnndm_validation_1000.jsonl
if grep -q -e __tsan_init -e __asan_init "$PRECIS" 2>/dev/null; then
  echo "note: a sanitizer build: the CNN/DM -j check skipped (too slow there)"
elif [ -f "$IN" ]; then
  "$PRECIS" -j 1 -f jsonl "$IN" > "$tmp/c1"; r1=$?
  "$PRECIS" -j 2 -f jsonl "$IN" > "$tmp/c2"; r2=$?
  [ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$tmp/c1" "$tmp/c2" && [ "$(wc -l < "$tmp/c1")" = 1000 ] && ok ||
    no "CNN/DM validation: -j 2 differs from -j 1 (exit $r1 $r2)"
else
  echo "note: $IN not present: the CNN/DM -j check skipped"
fi
echo "jobs: $pass passed, $fail failed"
[ $fail = 0 ]
