#!/usr/bin/env bash
# precis extract and HTML input: the golden page tests/extract/harbour-pier.html
# (Windows-1252, named and numeric references, boilerplate around the
# article) gives exactly harbour-pier.txt, whatever says its encoding (meta
# charset, none, ISO-8859-1, --encoding, UTF-8 with a BOM); the metadata;
# "page" and --with-text in the analysis JSON; broken markup; precis eval extract.
set -u
PRECIS=${1:?usage: extract.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
D=$SRC/tests/extract
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { :; }
no() { echo "FAIL: $*"; fail=1; }

# 1. the main text, exactly
"$PRECIS" extract "$D/harbour-pier.html" > "$tmp/out.txt" && cmp -s "$tmp/out.txt" "$D/harbour-pier.txt" && ok ||
  { no "main text of harbour-pier.html"; diff "$D/harbour-pier.txt" "$tmp/out.txt" | head -20; }

# 2. the same text whatever declares the encoding
sed 's/<meta charset="windows-1252">//' "$D/harbour-pier.html" > "$tmp/nometa.html"
sed 's/windows-1252/ISO-8859-1/' "$D/harbour-pier.html" > "$tmp/latin1.html"
sed 's/<meta charset="windows-1252">/<meta http-equiv="Content-Type" content="text\/html; charset=windows-1252">/' "$D/harbour-pier.html" > "$tmp/httpequiv.html"
python3 -c "
import sys
b = open(sys.argv[1], 'rb').read().decode('cp1252').replace('windows-1252', 'utf-8')
open(sys.argv[2], 'wb').write(b'\xef\xbb\xbf' + b.encode('utf-8'))
open(sys.argv[3], 'wb').write(b.replace('<meta charset=\"utf-8\">', '').encode('utf-8'))
" "$D/harbour-pier.html" "$tmp/bom.html" "$tmp/utf8.html"
for f in nometa latin1 httpequiv bom utf8; do
  "$PRECIS" extract "$tmp/$f.html" > "$tmp/$f.txt" && cmp -s "$tmp/$f.txt" "$D/harbour-pier.txt" && ok || no "main text with encoding variant $f"
done
"$PRECIS" extract --encoding windows-1252 "$tmp/nometa.html" | cmp -s - "$D/harbour-pier.txt" && ok || no "--encoding"

# 3. metadata, and the JSON form
"$PRECIS" extract -f json "$D/harbour-pier.html" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
exp = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
assert list(o) == ["id", "title", "byline", "date", "site", "text"], list(o)
assert o["title"] == "Harbour Town opens its new ferry pier", o["title"]
assert o["byline"] == "Lena Strau\u00df", o["byline"]
assert o["date"] == "2026-03-14T09:30:00Z", o["date"]
assert o["site"] == "The Harbour Gazette", o["site"]
assert o["text"] == exp
for w in ["Pe\u00f1a", "Gro\u00dfmann", "\u20ac4.2", "caf\u00e9", "\u201cThis pier", "century \u2014 \u201clonger", "council\u2019s"]:
    assert w in o["text"], w
for w in ["Share on", "Related", "Most read", "Sign up", "rights reserved", "Photo:", "Not text", "color:", "By Lena", "Sport"]:
    assert w not in o["text"], w
' "$D/harbour-pier.txt" && ok || no "extract -f json"

# 4. analysis of a page: "page", and --with-text (spans index it)
"$PRECIS" -f json --with-text "$D/harbour-pier.html" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
exp = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
assert o["text"] == exp
assert o["page"] == {"title": "Harbour Town opens its new ferry pier", "byline": "Lena Strau\u00df",
                     "date": "2026-03-14T09:30:00Z", "site": "The Harbour Gazette", "encoding": "windows-1252"}, o["page"]
t = o["text"]
assert any(q["speaker"] and "Pe\u00f1a" in q["speaker"] for q in o["quotes"]), o["quotes"]
for e in o["entities"]:
    for s, x in e["mentions"]:
        assert t[s:x] in e["name"] or e["name"] in t[s:x] or t[s:x].split()[-1] in e["name"], (e, t[s:x])
assert list(o)[-2:] == ["page", "text"], list(o)
' "$D/harbour-pier.txt" && ok || no "analysis JSON of an HTML page"
"$PRECIS" -f json "$D/harbour-pier.html" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read()); assert "text" not in o and "page" in o' && ok || no "text only with --with-text"
printf 'Mayor Ann Price said the bridge would open in May.\n' > "$tmp/a.txt"
"$PRECIS" -f json "$tmp/a.txt" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read()); assert "page" not in o and "text" not in o' && ok || no "no page for text input"
"$PRECIS" -f json -i html < "$D/harbour-pier.html" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read()); assert o["page"]["site"] == "The Harbour Gazette"' && ok || no "-i html from stdin"

# 5. broken markup and odd bytes: never a crash, text kept
printf '<p>Unclosed <b>bold <i>and italic<p>Second &amp; third &bogus; &#99999999; &#0; <div>tail' > "$tmp/broken.html"
"$PRECIS" extract --all-text "$tmp/broken.html" > "$tmp/broken.txt" && grep -q 'Second & third &bogus;' "$tmp/broken.txt" &&
  grep -q 'tail' "$tmp/broken.txt" && ok || no "broken markup"
printf '' > "$tmp/empty.html"
"$PRECIS" extract "$tmp/empty.html" > "$tmp/empty.txt" && [ ! -s "$tmp/empty.txt" ] && ok || no "empty page"
head -c 3000 /dev/urandom > "$tmp/noise.html"
"$PRECIS" extract "$tmp/noise.html" > /dev/null && ok || no "random bytes"
"$PRECIS" extract "$tmp/missing.html" 2> /dev/null; [ $? = 2 ] && ok || no "missing file: exit 2"

# 6. precis eval extract: the shingle scores
cat > "$tmp/gold.json" <<'JSON'
{"a": {"articleBody": "one two three four five"}, "b": {"articleBody": "alpha beta gamma delta"},
 "c": {"articleBody": ""}, "d": {"articleBody": "x y z w v"}}
JSON
cat > "$tmp/pred.json" <<'JSON'
{"a": {"articleBody": "one two three four five six"}, "b": {"articleBody": "Alpha beta gamma delta"},
 "c": {"articleBody": ""}}
JSON
# a: P 2/3 R 1; b: P 0 R 0 (case kept); c: 1, 1; d: no prediction: recall 0, no precision
"$PRECIS" eval extract --format json "$tmp/gold.json" "$tmp/pred.json" 2> "$tmp/err" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
p, r = (2/3 + 0 + 1) / 3, (1 + 0 + 1 + 0) / 4
assert abs(o["precision"] - p) < 1e-9 and abs(o["recall"] - r) < 1e-9, o
assert abs(o["f1"] - 2*p*r/(p+r)) < 1e-9 and o["pages"] == 4 and o["missing"] == 1, o
' && grep -q "1 of 4 pages have no prediction" "$tmp/err" && ok || no "eval extract scores"
"$PRECIS" eval extract "$tmp/gold.json" > /dev/null 2>&1; [ $? = 2 ] && ok || no "eval extract: usage error"
echo '[1,2]' > "$tmp/list.json"
"$PRECIS" eval extract "$tmp/gold.json" "$tmp/list.json" > /dev/null 2>&1; [ $? = 1 ] && ok || no "eval extract: not an object"

# libxml2 is opened at the first page, not at start-up (0.13): without it, a
# clear error and exit status 1 for pages, while plain text still works
PRECIS_LIBXML2=/nonexistent/libxml2.so.2 "$PRECIS" extract "$D/harbour-pier.html" > /dev/null 2> "$tmp/nx.err"; rc=$?
[ $rc != 0 ] && grep -q "cannot load libxml2 (/nonexistent/libxml2.so.2)" "$tmp/nx.err" && ok ||
  { no "extract without libxml2 (exit $rc)"; cat "$tmp/nx.err"; }
echo "The mayor said the bridge would reopen." | PRECIS_LIBXML2=/nonexistent/libxml2.so.2 "$PRECIS" -f json > /dev/null &&
  ok || no "plain text without libxml2"

[ $fail = 0 ] && echo "extract: all passed"
exit $fail
