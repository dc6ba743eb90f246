#!/usr/bin/env bash
# precis train keypoints on a small slice of the Daily Mail dev sample
# (../shared/data/summ): the cross-validation writes one held-out prediction
# per article that precis eval rouge reads and that matches the table the
# trainer prints; two runs with one seed give the same model, byte for byte;
# the model loads as --keypoint-model and gives 2 to 5 points.  Skips (77)
# without ../shared.
set -u
PRECIS=${1:?usage: keypoints_train.sh PRECIS}
SHARED=${PRECIS_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
DM=$SHARED/data/summ/cnndm_dm_sample97.jsonl
[ -f "$DM" ] || { echo "SKIP: no $DM (../shared is only on developer and CI machines)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
head -40 "$DM" > "$tmp/dm40.jsonl"
mkdir -p "$tmp/pred"
fail=0
"$PRECIS" train keypoints "$tmp/dm40.jsonl" --folds 3 --epochs 2 --seed 7 -o "$tmp/a.bin" --predict-out "$tmp/pred" \
  --format json -q > "$tmp/cv.json" || { echo "FAIL: train exit $?"; exit 1; }
"$PRECIS" train keypoints "$tmp/dm40.jsonl" --epochs 2 --seed 7 --folds 3 -o "$tmp/b.bin" -q > /dev/null || { echo "FAIL: second run"; exit 1; }
cmp -s "$tmp/a.bin" "$tmp/b.bin" || { echo "FAIL: two runs with one seed differ"; fail=1; }
n=$(wc -l < "$tmp/pred/dm40.jsonl")
[ "$n" -eq 40 ] || { echo "FAIL: $n held-out predictions, expected 40"; fail=1; }
"$PRECIS" eval rouge "$tmp/dm40.jsonl" "$tmp/pred/dm40.jsonl" --format json > "$tmp/rouge.json" || { echo "FAIL: eval rouge"; fail=1; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
if command -v "$PY" >/dev/null; then
  "$PY" - "$tmp/cv.json" "$tmp/rouge.json" <<'PY' || fail=1
import json, sys
cv = json.load(open(sys.argv[1]))["corpora"][0]
r = json.load(open(sys.argv[2]))
if abs(cv["rouge1"] - r["rouge1"]["f"]) > 1e-4 or abs(cv["rouge2"] - r["rouge2"]["f"]) > 1e-4:
    print("FAIL: the trainer's table", cv, "is not eval rouge's", r["rouge1"], r["rouge2"])
    sys.exit(1)
if not 0.1 < cv["rouge1"] < 0.9:
    print("FAIL: held-out ROUGE-1", cv["rouge1"])
    sys.exit(1)
print("held-out ROUGE-1 %.4f, %.2f points an article" % (cv["rouge1"], cv["points"]))
PY
fi
out=$(sed -n 1p "$tmp/dm40.jsonl" | "$PRECIS" -i jsonl -f jsonl --keypoint-model "$tmp/a.bin") || { echo "FAIL: --keypoint-model"; fail=1; }
k=$(printf '%s' "$out" | grep -o '"claim":' | wc -l)
{ [ "$k" -ge 2 ] && [ "$k" -le 5 ]; } || { echo "FAIL: $k key points with the trained model"; fail=1; }
# --predict-out: a missing folder is made; one that cannot be is an error at
# once, before any training (it used to fail after minutes of it)
head -8 "$DM" > "$tmp/dm8.jsonl"
"$PRECIS" train keypoints "$tmp/dm8.jsonl" --folds 2 --epochs 1 --predict-out "$tmp/made" -q > /dev/null ||
  { echo "FAIL: --predict-out to a new folder"; fail=1; }
[ -s "$tmp/made/dm8.jsonl" ] || { echo "FAIL: --predict-out did not make its folder"; fail=1; }
: > "$tmp/afile"
err=$("$PRECIS" train keypoints "$tmp/dm40.jsonl" --folds 3 --predict-out "$tmp/afile" -q 2>&1 >/dev/null); st=$?
[ $st -eq 1 ] && printf '%s' "$err" | grep -q "cannot create" && ! printf '%s' "$err" | grep -q "fold" ||
  { echo "FAIL: --predict-out to a file: exit $st, $err"; fail=1; }
[ $fail -eq 0 ] && echo "ok"
exit $fail
