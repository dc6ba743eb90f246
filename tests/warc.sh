#!/usr/bin/env bash
# WARC input (cli/warc.c, --input warc): pages written here, packed by
# tests/make_warc.py, and hostile WARC files: a wrong Content-Length, a
# corrupt gzip member, a file cut short, a declared length of 10^12, bytes
# that are no WARC, 10^5 tiny records (linear time: 10x the records may not
# take more than 40x the time), a gzip bomb in an HTTP body.  Each bad record
# gives one error record and the stream goes on (exit 1).
set -u
PRECIS=${1:?usage: warc.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v $PY >/dev/null || { echo "SKIP: no python3 (it writes the WARC files)"; exit 77; }
LIMIT=60
grep -q __asan_init "$PRECIS" 2>/dev/null && LIMIT=300
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir "$tmp/p"
cat > "$tmp/p/harbour.html" <<'H'
<html><head><title>Harbour reopens</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour reopens after storm repairs</h1>
<p>The harbour at Kettleby reopened on Monday after six weeks of repairs to the sea wall, the port authority said.</p>
<p>"We are glad to see the boats back," said Mara Quist, who chairs the authority. The work cost 2.4 million pounds.</p>
<p>Fishing crews had moved to Bramwick while the wall was rebuilt, and some said they would stay there until spring.</p>
</article><footer>Copyright Kettleby Post</footer></body></html>
H
cat > "$tmp/p/library.html" <<'H'
<html><head><title>Library hours</title></head><body>
<div class="content"><h1>Town library extends its opening hours</h1>
<p>The library in Dunmore will open until nine in the evening from next month, the council announced on Thursday.</p>
<p>"Students asked for it and we listened," said councillor Ben Arkwright. About 300 people signed a petition.</p>
<p>The extra hours will be paid for from the culture budget, which rose by four percent this year.</p>
</div><div class="related"><a href="/x">More stories</a></div></body></html>
H
cat > "$tmp/p/bridge.html" <<'H'
<html><head><title>Bridge vote</title></head><body>
<article><h1>Council delays vote on the new bridge</h1>
<p>Members of Leaford council voted on Tuesday to delay a decision on the river bridge until the autumn.</p>
<p>"We need the traffic study first," said Ruth Okafor, the council leader. The bridge would cost 18 million pounds.</p>
<p>Residents of the east bank have waited twenty years for a second crossing, and some of them protested outside.</p>
</article></body></html>
H
# Windows-1252 bytes and no meta charset: only the HTTP header tells
printf '<html><body><article><p>The caf\xe9 on the quay served cr\xe8me br\xfbl\xe9e to the crews, said the owner, Ana Pe\xf1a, on Friday.</p></article></body></html>' > "$tmp/p/cafe.html"
P="$tmp/p/harbour.html $tmp/p/library.html $tmp/p/bridge.html"

# jq-free checks of JSONL output
cat > "$tmp/check.py" <<'PY'
import json, sys
path, want = sys.argv[1], sys.argv[2:]
got = []
for line in open(path, encoding="utf-8"):
    o = json.loads(line)
    got.append("ERR" if "error" in o else o["id"].rsplit("/", 1)[-1])
if got != want:
    sys.exit("got %s, expected %s" % (got, want))
PY
chk() { $PY "$tmp/check.py" "$@"; }

# 1. plain, per-record gzip, whole-file gzip, chunked/gzip/deflate bodies, stdin: same output
$PY "$HERE/make_warc.py" "$tmp/a.warc" --mix $P
$PY "$HERE/make_warc.py" "$tmp/a.warc.gz" --gz $P
$PY "$HERE/make_warc.py" "$tmp/b.warc.gz" --whole-gzip --chunked --gzip-body $P
$PY "$HERE/make_warc.py" "$tmp/c.warc" --chunked --deflate-body $P
"$PRECIS" -f jsonl "$tmp/a.warc" > "$tmp/a.out" 2> "$tmp/a.err"; rc=$?
[ $rc = 0 ] && chk "$tmp/a.out" harbour library bridge && ok || no "plain WARC (exit $rc)"
grep -q "a.warc: 3 documents; 16 records skipped" "$tmp/a.err" && ok || { no "skipped records not counted"; cat "$tmp/a.err"; }
for f in a.warc.gz b.warc.gz c.warc; do
  "$PRECIS" -f jsonl "$tmp/$f" > "$tmp/x.out" 2>/dev/null
  cmp -s "$tmp/a.out" "$tmp/x.out" && ok || no "$f: output differs from the plain WARC's"
done
"$PRECIS" -q -f jsonl -i warc - < "$tmp/a.warc.gz" > "$tmp/x.out" 2> "$tmp/x.err"
cmp -s "$tmp/a.out" "$tmp/x.out" && [ ! -s "$tmp/x.err" ] && ok || no "--input warc on stdin, -q"
# the ids are the target URIs; the analysis is the page's own
"$PRECIS" -f jsonl "$tmp/p/harbour.html" | sed 's/^{"id":"[^"]*"/{"id":"X"/' > "$tmp/h1"
head -1 "$tmp/a.out" | sed 's/^{"id":"https:\/\/news.example\/harbour"/{"id":"X"/' > "$tmp/h2"
cmp -s "$tmp/h1" "$tmp/h2" && ok || no "a WARC page's analysis differs from the page's own"

# text output: the documents separated by one blank line, none before the first
"$PRECIS" -q "$tmp/a.warc" > "$tmp/x.txt"
head -1 "$tmp/x.txt" | grep -q '^# https://news.example/harbour$' && [ "$(grep -c '^# https://news.example/' "$tmp/x.txt")" = 3 ] && ok ||
  no "text output of a WARC: $(head -2 "$tmp/x.txt")"

# 2. the charset of the HTTP header reaches the extractor
$PY "$HERE/make_warc.py" "$tmp/cafe.warc" --charset windows-1252 "$tmp/p/cafe.html"
"$PRECIS" -f json --with-text "$tmp/cafe.warc" 2>/dev/null | grep -q 'crème brûlée' && ok || no "charset=windows-1252 from the HTTP header not used"

# 3. a wrong Content-Length (too long): one error record, the next page read
$PY - "$tmp/a.warc" "$tmp/bad-len.warc" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
i = d.index(b"WARC-Target-URI: https://news.example/library", d.index(b"msgtype=response", d.index(b"news.example/library")) - 400)
j = d.index(b"Content-Length: ", d.index(b"msgtype=response", i))
k = d.index(b"\r\n", j)
n = int(d[j + 16:k])
open(sys.argv[2], "wb").write(d[:j + 16] + str(n + 700).encode() + d[k:])
PY
"$PRECIS" -f jsonl "$tmp/bad-len.warc" > "$tmp/x.out" 2>/dev/null; rc=$?
[ $rc = 1 ] && chk "$tmp/x.out" harbour ERR bridge && ok || no "wrong Content-Length (exit $rc): $(cut -c1-150 "$tmp/x.out")"
grep -q '"id":"https://news.example/library","record":[0-9]*,"offset":[0-9]*,"error":"the WARC record does not end' "$tmp/x.out" && ok || no "error record shape"
"$PRECIS" "$tmp/bad-len.warc" 2>/dev/null | grep -q '^# record [0-9]*: error: the WARC record does not end' && ok || no "text error record"

# 4. a corrupt gzip member (the library response's): one error, on at the next member
$PY - "$tmp/a.warc.gz" "$tmp/bad-gz.warc.gz" <<'PY'
import gzip, sys
d = bytearray(open(sys.argv[1], "rb").read())
# members: warcinfo, then request/response/metadata per page; the 6th is the library response
starts = [i for i in range(len(d) - 2) if d[i] == 0x1f and d[i + 1] == 0x8b and d[i + 2] == 8]
s, e = starts[5], starts[6]
for k in range(s + 40, e - 20, 7): d[k] ^= 0x5a
open(sys.argv[2], "wb").write(bytes(d))
PY
"$PRECIS" -f jsonl "$tmp/bad-gz.warc.gz" > "$tmp/x.out" 2>/dev/null; rc=$?
[ $rc = 1 ] && chk "$tmp/x.out" harbour ERR bridge && grep -q 'corrupt gzip data' "$tmp/x.out" && ok ||
  no "corrupt gzip member (exit $rc): $(cut -c1-150 "$tmp/x.out")"

# 5. a .warc.gz cut short inside the last response: the pages before it, one error
size=$(stat -c %s "$tmp/b.warc.gz")
head -c $((size - 300)) "$tmp/b.warc.gz" > "$tmp/cut.warc.gz"
"$PRECIS" -f jsonl "$tmp/cut.warc.gz" > "$tmp/x.out" 2>/dev/null; rc=$?
[ $rc = 1 ] && chk "$tmp/x.out" harbour library ERR && ok || no "truncated gzip (exit $rc): $(cut -c1-200 "$tmp/x.out")"
head -c $((size / 2)) "$tmp/a.warc" > "$tmp/cut.warc"
"$PRECIS" -f jsonl "$tmp/cut.warc" > "$tmp/x.out" 2>/dev/null; rc=$?
[ $rc = 1 ] && [ "$(grep -c '"error"' "$tmp/x.out")" = 1 ] && ok || no "truncated plain WARC (exit $rc)"

# 6. hostile: a declared length of 10^12, bytes that are no WARC, a gzip bomb
{ printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://huge.example/\r\nContent-Type: application/http\r\nContent-Length: 1000000000000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>'; } > "$tmp/huge.warc"
cat "$tmp/huge.warc" "$tmp/a.warc" > "$tmp/huge2.warc"
head -c 200000 /dev/urandom > "$tmp/random.warc"
$PY - "$tmp/bomb.warc" <<'PY'
import gzip, sys
sys.path.insert(0, sys.argv[0])
body = gzip.compress(b"<p>" + b"a" * (200 << 20) + b"</p>", 9)
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + body
rec = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
open(sys.argv[1], "wb").write(rec + http + b"\r\n\r\n")
PY
for f in huge huge2 random bomb; do
  if [ -x /usr/bin/time ]; then
    timeout $LIMIT /usr/bin/time -f %M -o "$tmp/$f.rss" "$PRECIS" -f jsonl "$tmp/$f.warc" > "$tmp/$f.out" 2>/dev/null; rc=$?
  else
    timeout $LIMIT "$PRECIS" -f jsonl "$tmp/$f.warc" > "$tmp/$f.out" 2>/dev/null; rc=$?
  fi
  [ $rc = 1 ] && [ "$(grep -c '"error"' "$tmp/$f.out")" = 1 ] && ok || no "$f.warc: exit $rc, $(grep -c '"error"' "$tmp/$f.out") error records"
  if [ -f "$tmp/$f.rss" ] && ! grep -q __asan_init "$PRECIS"; then
    kb=$(tail -1 "$tmp/$f.rss")
    [ "$kb" -lt 400000 ] && ok || no "$f.warc: peak memory $kb KB"
  fi
done
grep -q 'over the limit' "$tmp/huge.out" && ok || no "huge declared length: $(cat "$tmp/huge.out")"
grep -q 'decompresses to more than' "$tmp/bomb.out" && ok || no "gzip bomb: $(cat "$tmp/bomb.out")"
# text before the first record, then the records
{ printf 'not a warc\n'; cat "$tmp/a.warc"; } > "$tmp/junk.warc"
"$PRECIS" -f jsonl "$tmp/junk.warc" > "$tmp/x.out" 2>/dev/null; rc=$?
[ $rc = 1 ] && chk "$tmp/x.out" ERR harbour library bridge && ok || no "junk before the first record (exit $rc)"

# 7. 10^4 and 10^5 tiny records: linear time, one page among them
$PY - "$tmp" <<'PY'
import sys
d = sys.argv[1]
page = open(d + "/p/harbour.html", "rb").read()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
resp = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/harbour\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
tiny = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 1\r\n\r\nx\r\n\r\n"
for n in (10000, 100000):
    open(d + "/tiny%d.warc" % n, "wb").write(tiny * (n // 2) + resp + tiny * (n // 2))
PY
t0=$(date +%s.%N); timeout $LIMIT "$PRECIS" -q -f jsonl "$tmp/tiny10000.warc" > "$tmp/t1.out" 2>&1; r1=$?
t1=$(date +%s.%N); timeout $LIMIT "$PRECIS" -q -f jsonl "$tmp/tiny100000.warc" > "$tmp/t2.out" 2>&1; r2=$?
t2=$(date +%s.%N)
[ $r1 = 0 ] && [ $r2 = 0 ] && chk "$tmp/t2.out" harbour && ok || no "tiny records: exit $r1 $r2"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { s = b - a; l = c - b; printf "10^4 records %.2fs, 10^5 %.2fs\n", s, l; exit !(l <= 40 * s + 1) }' && ok || no "10^5 tiny records not linear"

# libxml2 that cannot be loaded (the library opens it at the first page, 0.13):
# a setup error, not a bad record -- the run stops at the first page with the
# reason (exit 2) rather than writing an error record for every page
PRECIS_LIBXML2=/nonexistent/libxml2.so.2 "$PRECIS" -f jsonl "$tmp/a.warc" > "$tmp/nx.out" 2> "$tmp/nx.err"; rc=$?
[ $rc = 2 ] && [ ! -s "$tmp/nx.out" ] && grep -q "cannot load libxml2 (/nonexistent/libxml2.so.2)" "$tmp/nx.err" && ok ||
  { no "WARC without libxml2 (exit $rc)"; head -3 "$tmp/nx.out" "$tmp/nx.err"; }

echo "warc: $pass passed, $fail failed"
[ $fail = 0 ]
