#!/usr/bin/env bash
# WARC input on the 92 dev pages of ../shared/data/html: a .warc.gz built
# here (tests/make_warc.py: made-up target URIs and HTTP headers, a request
# and a metadata record beside each response, plus an image, a 404 page and
# a dns record per page with --mix) gives one result per page, in order,
# whose id is the target URI and whose analysis (everything but the id)
# equals "precis PAGE.html" on the page alone.  Also: the same with chunked
# and gzip-encoded HTTP bodies in one whole-file gzip member; -j 2 output
# byte-identical to -j 1; the skipped records counted on stderr.
# Skips (77) without ../shared or python3.
set -u
PRECIS=${1:?usage: warc_dev.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${PRECIS_SHARED:-$(cd "$HERE/../.." && pwd)/shared}
H=$SHARED/data/html/html
[ -d "$H" ] || H=$SHARED/data/html
ls "$H"/*.html.gz >/dev/null 2>&1 || { echo "no pages in $H: skipped"; exit 77; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v $PY >/dev/null || { echo "no python3: skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for f in "$H"/*.html.gz; do gzip -dc "$f" > "$tmp/$(basename "$f" .gz)"; done
( cd "$tmp" && "$PRECIS" -j 1 -f jsonl ./*.html ) > "$tmp/alone.jsonl" || { echo "FAIL: precis on the pages: exit $?"; exit 1; }
$PY "$HERE/make_warc.py" "$tmp/dev.warc.gz" --gz --mix "$tmp"/*.html || exit 1
$PY "$HERE/make_warc.py" "$tmp/dev2.warc.gz" --whole-gzip --chunked --gzip-body "$tmp"/*.html || exit 1
"$PRECIS" -j 1 -f jsonl "$tmp/dev.warc.gz" > "$tmp/w1.jsonl" 2> "$tmp/err1"
rc=$?; [ $rc = 0 ] || { echo "FAIL: WARC run exit $rc"; cat "$tmp/err1"; fail=1; }
grep -q "92 documents; 461 records skipped" "$tmp/err1" ||
  { echo "FAIL: the skipped records are not counted (92 warcinfo+request+metadata+png+404+dns = 1+5*92)"; cat "$tmp/err1"; fail=1; }
"$PRECIS" -j 2 -f jsonl "$tmp/dev.warc.gz" > "$tmp/w2.jsonl" 2>/dev/null
cmp -s "$tmp/w1.jsonl" "$tmp/w2.jsonl" || { echo "FAIL: -j 2 output differs from -j 1"; fail=1; }
"$PRECIS" -j 2 -q -f jsonl --input warc - < "$tmp/dev2.warc.gz" > "$tmp/w3.jsonl" 2> "$tmp/err3"
[ -s "$tmp/err3" ] && { echo "FAIL: -q and no skipped record, yet stderr:"; cat "$tmp/err3"; fail=1; }
$PY - "$tmp/alone.jsonl" "$tmp/w1.jsonl" "$tmp/w3.jsonl" <<'PY' || fail=1
import json, os, sys
alone = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = 0
for path in sys.argv[2:]:
    got = [json.loads(l) for l in open(path, encoding="utf-8")]
    if len(got) != len(alone):
        print("FAIL: %s: %d results for %d pages" % (path, len(got), len(alone))); sys.exit(1)
    for a, g in zip(alone, got):
        key = os.path.basename(a["id"]).split(".")[0]
        want_id = "https://news.example/" + key
        if g.get("id") != want_id:
            print("FAIL: %s: id %r, expected %r" % (path, g.get("id"), want_id)); bad += 1; continue
        a = dict(a); g = dict(g); a.pop("id"); g.pop("id")
        if a != g:
            print("FAIL: %s: %s differs from the page analysed alone" % (path, key)); bad += 1
    print("%s: %d pages, %d differ" % (os.path.basename(path), len(got), bad))
sys.exit(1 if bad else 0)
PY
[ $fail = 0 ] && echo "PASS: warc_dev" || exit 1
