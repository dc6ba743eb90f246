#!/usr/bin/env bash
# Many machines (docs/scale.md): contrib/precis-parallel.sh (GNU parallel)
# over JSONL shards, over one JSONL file cut by --pipepart, over WARC
# shards, and through --sshlogin ":" (this machine, the code path of remote
# hosts without ssh); contrib/precis_dask.py with a LocalCluster over the
# same shards.  Each merged output must equal one "precis -j 1" run over the
# whole input.  Skips each part with a message when parallel or Dask is
# missing (tools/install-deps --test installs them).
set -u
PRECIS=${1:?usage: scale.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
C=$HERE/../contrib
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v $PY >/dev/null || { echo "SKIP: no python3 (it writes the inputs)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 ran=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 3 JSONL shards of 10 articles, one broken line in the second; 3 WARC shards
$PY - "$tmp" <<'PY'
import json, random, sys
d = sys.argv[1]
r = random.Random(3)
names = ["Mara Quist", "Ben Arkwright", "Ruth Okafor", "Ana Pena"]
places = ["Kettleby", "Dunmore", "Leaford", "Bramwick"]
k = 0
for s in range(3):
    lines = []
    for i in range(10):
        sents = []
        for _ in range(r.randint(2, 12)):
            who, where = r.choice(names), r.choice(places)
            sents.append(r.choice(['"The %s ferry will run again in May," said %s.' % (where, who),
                                   "%s said the %s school needs %d more teachers." % (who, where, r.randint(2, 40)),
                                   "Prices in %s rose by %d percent last year, %s said." % (where, r.randint(1, 9), who)]))
        lines.append(json.dumps({"id": "s%d-%02d" % (s, i), "text": " ".join(sents)}))
        if s == 1 and i == 4:
            lines.append('{"id": "s1-broken", "text": "no end')
        k += 1
    open("%s/shard%d.jsonl" % (d, s), "w").write("\n".join(lines) + "\n")
for s in range(3):
    for i in range(3):
        who, where = r.choice(names), r.choice(places)
        open("%s/w%d-%d.html" % (d, s, i), "w").write(
            "<html><body><article><h1>News from %s</h1><p>%s said on Monday that the %s harbour will reopen.</p>"
            "<p>\"We are ready,\" %s said. The repairs cost %d thousand pounds.</p></article></body></html>"
            % (where, who, where, who, r.randint(10, 900)))
PY
cat "$tmp"/shard0.jsonl "$tmp"/shard1.jsonl "$tmp"/shard2.jsonl > "$tmp/all.jsonl"
for s in 0 1 2; do $PY "$HERE/make_warc.py" "$tmp/wshard$s.warc.gz" --gz --mix "$tmp"/w$s-*.html; done
"$PRECIS" -j 1 -q -f jsonl "$tmp"/shard0.jsonl "$tmp"/shard1.jsonl "$tmp"/shard2.jsonl > "$tmp/one.jsonl"
"$PRECIS" -j 1 -q -f jsonl "$tmp/all.jsonl" > "$tmp/one-all.jsonl"
"$PRECIS" -j 1 -q -f jsonl "$tmp"/wshard*.warc.gz > "$tmp/one-warc.jsonl"
[ "$(grep -c '"error"' "$tmp/one.jsonl")" = 1 ] && [ "$(wc -l < "$tmp/one-warc.jsonl")" = 9 ] && ok || no "the single runs"

if command -v parallel >/dev/null; then
  ran=1
  sh "$C/precis-parallel.sh" -p "$PRECIS" -P 2 "$tmp"/shard0.jsonl "$tmp"/shard1.jsonl "$tmp"/shard2.jsonl > "$tmp/par.jsonl"
  cmp -s "$tmp/one.jsonl" "$tmp/par.jsonl" && ok || no "parallel over JSONL shards differs from one run"
  # --pipepart: blocks of about 1.5 KB; the broken line's error record has its line number in the block, so
  # compare without "line"
  sh "$C/precis-parallel.sh" -p "$PRECIS" -P 2 -b 1500 "$tmp/all.jsonl" > "$tmp/pp.jsonl"
  sed 's/"line":[0-9]*/"line":N/' "$tmp/one-all.jsonl" > "$tmp/a1"; sed 's/"line":[0-9]*/"line":N/' "$tmp/pp.jsonl" > "$tmp/a2"
  cmp -s "$tmp/a1" "$tmp/a2" && ok || no "parallel --pipepart differs from one run"
  sh "$C/precis-parallel.sh" -p "$PRECIS" -P 2 "$tmp"/wshard*.warc.gz > "$tmp/parw.jsonl"
  cmp -s "$tmp/one-warc.jsonl" "$tmp/parw.jsonl" && ok || no "parallel over WARC shards differs from one run"
  sh "$C/precis-parallel.sh" -p "$PRECIS" -S 2/: "$tmp"/wshard*.warc.gz > "$tmp/parws.jsonl"
  cmp -s "$tmp/one-warc.jsonl" "$tmp/parws.jsonl" && ok || no "parallel --sshlogin : differs from one run"
else
  echo "SKIP (part): GNU parallel not installed (apt install parallel)"
fi

if $PY -c 'import dask.bag, dask.distributed' 2>/dev/null; then
  ran=1
  $PY "$C/precis_dask.py" --workers 2 --precis "$PRECIS" "$tmp/dask" "$tmp"/shard*.jsonl > "$tmp/dask.log" 2>&1; rc=$?
  [ $rc = 1 ] || { no "precis_dask.py: exit $rc (expected 1: one error record)"; cat "$tmp/dask.log"; }
  cat "$tmp"/dask/shard0.jsonl "$tmp"/dask/shard1.jsonl "$tmp"/dask/shard2.jsonl 2>/dev/null > "$tmp/dask.jsonl"
  cmp -s "$tmp/one.jsonl" "$tmp/dask.jsonl" && ok || no "Dask over JSONL shards differs from one run"
  grep -q 'shard1.jsonl: 10 documents, 1 error records' "$tmp/dask.log" && ok || { no "Dask summary"; cat "$tmp/dask.log"; }
  $PY "$C/precis_dask.py" --workers 2 --precis "$PRECIS" "$tmp/daskw" "$tmp"/wshard*.warc.gz > "$tmp/daskw.log" 2>&1; rc=$?
  cat "$tmp"/daskw/wshard0.jsonl "$tmp"/daskw/wshard1.jsonl "$tmp"/daskw/wshard2.jsonl 2>/dev/null > "$tmp/daskw.jsonl"
  [ $rc = 0 ] && cmp -s "$tmp/one-warc.jsonl" "$tmp/daskw.jsonl" && ok || { no "Dask over WARC shards (exit $rc)"; cat "$tmp/daskw.log"; }
else
  echo "SKIP (part): Dask not installed (apt install python3-dask python3-distributed)"
fi
echo "scale: $pass passed, $fail failed"
[ $fail = 0 ] || exit 1
[ $ran = 1 ] || { echo "SKIP: neither GNU parallel nor Dask is installed"; exit 77; }
