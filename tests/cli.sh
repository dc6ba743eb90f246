#!/usr/bin/env bash
# The command line: demo, help, options, formats, exit codes.
set -u
PRECIS=${1:?usage: cli.sh PRECIS}
SRC=${PRECIS_SOURCE:-.}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
no() { fail=$((fail+1)); echo "FAIL: $*"; }

# the demo article is the one in examples/
"$PRECIS" --demo-text > "$tmp/demo.txt"
cmp -s "$tmp/demo.txt" "$SRC/examples/harbour-bridge.txt" && ok || no "--demo-text differs from examples/harbour-bridge.txt"
"$PRECIS" --demo > "$tmp/demo.out" && ok || no "--demo failed"
grep -q "^Key points" "$tmp/demo.out" && ok || no "--demo prints no key points"
grep -q ": Tane$" "$tmp/demo.out" && ok || no "--demo: no key point attributed to Tane"
# same output for the demo and the example file
"$PRECIS" "$SRC/examples/harbour-bridge.txt" | tail -n +2 > "$tmp/file.out"
tail -n +2 "$tmp/demo.out" | cmp -s - "$tmp/file.out" && ok || no "demo and examples/harbour-bridge.txt give different output"
# stdin
"$PRECIS" < "$SRC/examples/harbour-bridge.txt" | grep -q "^Key points" && ok || no "stdin input"
# help and version
"$PRECIS" --help | grep -q "usage: precis" && ok || no "--help"
"$PRECIS" --version | grep -q "^precis [0-9]" && ok || no "--version"
# bad options: exit 2 with a message
"$PRECIS" --format yaml </dev/null 2>"$tmp/err"; [ $? -eq 2 ] && grep -q "unknown format" "$tmp/err" && ok || no "--format yaml"
"$PRECIS" -n 0 </dev/null 2>/dev/null; [ $? -eq 2 ] && ok || no "-n 0 accepted"
"$PRECIS" --bogus </dev/null 2>/dev/null; [ $? -eq 2 ] && ok || no "--bogus accepted"
"$PRECIS" "$tmp/does-not-exist.txt" 2>/dev/null; [ $? -eq 2 ] && ok || no "missing file not exit 2"
# -n
n=$("$PRECIS" -n 2 "$SRC/examples/harbour-bridge.txt" | grep -c "^  - " )
[ "$n" -ge 2 ] && ok || no "-n 2"
kp=$("$PRECIS" -n 2 -f json "$SRC/examples/harbour-bridge.txt" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["keypoints"]))')
[ "$kp" = 2 ] && ok || no "-n 2 gave $kp key points"
# formats: json parses, jsonl is one line, brat writes T/E lines
"$PRECIS" -f json "$SRC/examples/harbour-bridge.txt" | python3 -c 'import json,sys; json.load(sys.stdin)' && ok || no "json does not parse"
[ "$("$PRECIS" -f jsonl "$SRC/examples/harbour-bridge.txt" | wc -l)" = 1 ] && ok || no "jsonl is not one line"
"$PRECIS" -f brat --out-dir "$tmp/ann" "$SRC/examples/harbour-bridge.txt" && [ -f "$tmp/ann/harbour-bridge.ann" ] && ok || no "brat --out-dir"
grep -q "^E1	Attribution:T" "$tmp/ann/harbour-bridge.ann" && grep -q "^T[0-9]*	Source " "$tmp/ann/harbour-bridge.ann" && ok || no "brat content"
# html input: tags dropped, entities decoded, paragraphs kept
printf '<html><head><title>x</title><script>var a="<p>";</script></head><body><p>Mayor Ana Ruiz said the port would reopen on Monday.</p><p>&ldquo;We are ready,&rdquo; she told reporters.</p></body></html>' > "$tmp/a.html"
"$PRECIS" -f json "$tmp/a.html" | python3 -c '
import json,sys
d=json.load(sys.stdin)
qs=[(q["speaker"], q["content"][0]["text"]) for q in d["quotes"]]
assert ("Ana Ruiz","We are ready") in qs, qs
' && ok || no "html input"
# summarizers
"$PRECIS" --summarizer lead -n 1 -f json "$SRC/examples/harbour-bridge.txt" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert len(d["keypoints"])==1 and d["keypoints"][0]["text"].startswith("The city"), d["keypoints"]' && ok || no "--summarizer lead"
"$PRECIS" --summarizer textrank -n 2 -f json "$SRC/examples/harbour-bridge.txt" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert len(d["keypoints"])==2' && ok || no "--summarizer textrank"
# JSONL: ids echoed, numeric ids as strings, error record for a bad line
printf '{"id":"a","text":"Mayor Ana Ruiz said the port would reopen."}\n{"id":7,"article":"Hello there."}\n{"id":"c","text":\n{"id":"d"}\n' > "$tmp/in.jsonl"
"$PRECIS" -f jsonl "$tmp/in.jsonl" > "$tmp/out.jsonl" 2>/dev/null; rc=$?
[ $rc -eq 1 ] && ok || no "bad JSONL lines: exit $rc, expected 1"
python3 - "$tmp/out.jsonl" <<'PY' && ok || no "JSONL records"
import json,sys
r=[json.loads(l) for l in open(sys.argv[1])]
assert [x.get("id") for x in r]==["a","7","c","d"], r
assert "error" not in r[0] and "error" not in r[1]
assert r[2]["line"]==3 and "error" in r[2]
assert r[3]["line"]==4 and "text" in r[3]["error"]
PY
# model files: the shipped ones give the built-in result; a wrong kind is refused
if [ -f "$SRC/models/pos.bin" ] && [ -f "$SRC/models/ner.bin" ]; then
  "$PRECIS" -f json --pos-model "$SRC/models/pos.bin" --ner-model "$SRC/models/ner.bin" "$SRC/examples/harbour-bridge.txt" > "$tmp/m1.json"
  "$PRECIS" -f json "$SRC/examples/harbour-bridge.txt" > "$tmp/m2.json"
  # the same analysis; only stats.models says which models ran
  grep -q '"models":{"pos":"given","ner":"given","attrib":"builtin"}' "$tmp/m1.json" && ok || no "stats.models does not say the given models ran"
  grep -q '"models":{"pos":"builtin","ner":"builtin","attrib":"builtin"}' "$tmp/m2.json" && ok || no "stats.models does not say the built-in models ran"
  sed -i 's/"models":{[^}]*}//' "$tmp/m1.json" "$tmp/m2.json"
  cmp -s "$tmp/m1.json" "$tmp/m2.json" && ok || no "--pos-model/--ner-model with the shipped files differ from the built-in models"
  "$PRECIS" -f jsonl --no-tagger "$SRC/examples/harbour-bridge.txt" | grep -q '"models":{"pos":"none","ner":"none","attrib":"none"}' && ok || no "stats.models with --no-tagger"
  "$PRECIS" -f jsonl --attrib rules "$SRC/examples/harbour-bridge.txt" | grep -q '"models":{"pos":"builtin","ner":"builtin","attrib":"none"}' && ok || no "stats.models with --attrib rules"
  "$PRECIS" --pos-model "$SRC/models/ner.bin" "$SRC/examples/harbour-bridge.txt" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && grep -q "a ner model, not a pos model" "$tmp/err" && ok || no "--pos-model with a NER model accepted (exit $rc)"
fi
"$PRECIS" --ner-model "$tmp/none.bin" "$SRC/examples/harbour-bridge.txt" >/dev/null 2>&1; [ $? -eq 2 ] && ok || no "--ner-model with a missing file"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
