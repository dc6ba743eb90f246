#!/usr/bin/env bash
# rouge_cli.sh - "precis eval rouge": file formats, pairing by id, output.
# Usage: bash tests/rouge_cli.sh /path/to/precis   (needs no shared data)
set -u
PRECIS=${1:?usage: rouge_cli.sh /path/to/precis}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name, expected, actual
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1"; echo "  expected: $2"; echo "  actual:   $3"; fail=1
  else
    echo "ok: $1"
  fi
}

# Plain text files, two sentences each (worked example of docs/evaluation.md).
printf 'Police arrested the man.\nThe man was released.\n' > "$T/ref.txt"
printf 'The man was arrested.\nPolice released him.\n' > "$T/pred.txt"
out=$("$PRECIS" eval rouge "$T/ref.txt" "$T/pred.txt" --no-stem --format json)
check "plain text, json" '{"n": 1, "rouge1": {"p": 0.857143, "r": 0.750000, "f": 0.800000}, "rouge2": {"p": 0.333333, "r": 0.285714, "f": 0.307692}, "rougeL": {"p": 0.571429, "r": 0.500000, "f": 0.533333}, "rougeLsum": {"p": 0.714286, "r": 0.625000, "f": 0.666667}}' "$out"

out=$("$PRECIS" eval rouge "$T/ref.txt" "$T/pred.txt" --no-stem | grep '^rougeLsum')
check "text table row" "rougeLsum     71.43    62.50    66.67" "$out"

# JSONL paired by id (predictions in another order, one extra id, keypoints
# as objects and strings).
cat > "$T/refs.jsonl" <<'JSON'
{"id": "a", "article": "ignored", "highlights": ["Storm hits coast"]}
{"id": "b", "highlights": ["Markets fall"]}
JSON
cat > "$T/preds.jsonl" <<'JSON'
{"id": "b", "summary": "markets fall sharply"}
{"id": "a", "keypoints": [{"text": "storm hits", "score": 1}, "coast"]}
{"id": "c", "summary": "unrelated"}
JSON
# a: identical tokens -> all 1.  b: R1 P 2/3 R 1 F .8; R2 P 1/2 R 1 F 2/3.
out=$("$PRECIS" eval rouge "$T/refs.jsonl" "$T/preds.jsonl" --no-stem --format json 2>"$T/err")
check "jsonl by id" '{"n": 2, "rouge1": {"p": 0.833333, "r": 1.000000, "f": 0.900000}, "rouge2": {"p": 0.750000, "r": 1.000000, "f": 0.833333}, "rougeL": {"p": 0.833333, "r": 1.000000, "f": 0.900000}, "rougeLsum": {"p": 0.833333, "r": 1.000000, "f": 0.900000}}' "$out"
grep -q 'prediction ids have no reference: c' "$T/err" || { echo "FAIL: no warning about id c"; cat "$T/err"; fail=1; }

# Without ids: by line order.
printf '{"summary": "storm hits coast"}\n{"summary": "markets fall"}\n' > "$T/r2.jsonl"
printf '{"summary": "storm hits coast"}\n{"summary": "nothing here"}\n' > "$T/p2.jsonl"
out=$("$PRECIS" eval rouge "$T/r2.jsonl" "$T/p2.jsonl" --format json)
check "jsonl by order" '{"n": 2, "rouge1": {"p": 0.500000, "r": 0.500000, "f": 0.500000}, "rouge2": {"p": 0.500000, "r": 0.500000, "f": 0.500000}, "rougeL": {"p": 0.500000, "r": 0.500000, "f": 0.500000}, "rougeLsum": {"p": 0.500000, "r": 0.500000, "f": 0.500000}}' "$out"

# Stemming is on by default: "runners" and "runner" meet.
printf 'runners\n' > "$T/a.txt"; printf 'runner\n' > "$T/b.txt"
out=$("$PRECIS" eval rouge "$T/a.txt" "$T/b.txt" --format json | sed 's/, "rouge2.*//')
check "stemming default" '{"n": 1, "rouge1": {"p": 1.000000, "r": 1.000000, "f": 1.000000}' "$out"
out=$("$PRECIS" eval rouge "$T/a.txt" "$T/b.txt" --no-stem --format json | sed 's/, "rouge2.*//')
check "--no-stem" '{"n": 1, "rouge1": {"p": 0.000000, "r": 0.000000, "f": 0.000000}' "$out"

# Errors: usage 2, missing file 1, line without a summary field 1.
"$PRECIS" eval rouge "$T/a.txt" >/dev/null 2>&1; check "usage exit" 2 $?
"$PRECIS" eval rouge "$T/a.txt" "$T/missing" >/dev/null 2>&1; check "missing file exit" 1 $?
printf '{"id": "a", "title": "x"}\n' > "$T/bad.jsonl"
"$PRECIS" eval rouge "$T/refs.jsonl" "$T/bad.jsonl" >/dev/null 2>&1; check "no summary exit" 1 $?

exit $fail
