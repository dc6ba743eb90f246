#!/usr/bin/env bash
# JSONL stream over the 1,000 CNN/DailyMail validation articles: one output
# line per input line, same ids in the same order; a broken line in the middle
# gives one error record in its place and leaves the rest unchanged.
set -u
PRECIS=${1:?usage: cnndm_jsonl.sh PRECIS}
SHARED=${PRECIS_SHARED:-../shared}
IN="$SHARED/data/summ/cnndm_validation_1000.jsonl"
if [ ! -f "$IN" ]; then echo "SKIP: $IN not present (../shared is only on developer and CI machines)"; exit 77; fi
command -v python3 >/dev/null || { echo "SKIP: python3 needed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
"$PRECIS" --input jsonl --format jsonl < "$IN" > "$tmp/out.jsonl"; rc=$?
[ $rc -eq 0 ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL: exit status $rc on a clean stream"; }
# break line 500 (truncate it in the middle of its JSON)
python3 - "$IN" "$tmp/broken.jsonl" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
lines[499] = lines[499][: len(lines[499]) // 2]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
"$PRECIS" --input jsonl --format jsonl < "$tmp/broken.jsonl" > "$tmp/out2.jsonl" 2>"$tmp/err"; rc2=$?
[ $rc2 -eq 1 ] && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL: exit status $rc2 with a broken line (expected 1)"; }
python3 - "$IN" "$tmp/out.jsonl" "$tmp/out2.jsonl" <<'PY'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
out2 = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
fails = []
if len(out) != 1000: fails.append(f"{len(out)} output lines, expected 1000")
if [o.get("id") for o in out] != ids: fails.append("ids differ or are out of order")
if any("error" in o for o in out): fails.append("error records in a clean stream")
if len(out2) != 1000: fails.append(f"broken stream: {len(out2)} lines, expected 1000")
else:
    errs = [i for i, o in enumerate(out2) if "error" in o]
    if errs != [499]: fails.append(f"error records at {errs}, expected only line 500")
    else:
        e = out2[499]
        if e.get("line") != 500 or e.get("id") != ids[499]:
            fails.append(f"error record {e} should carry line 500 and id {ids[499]}")
    same = all(out2[i] == out[i] for i in range(1000) if i != 499)
    if not same: fails.append("the other 999 records changed")
for f in fails: print("FAIL:", f)
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && pass=$((pass+1)) || fail=$((fail+1))
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
