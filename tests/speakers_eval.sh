#!/usr/bin/env bash
# speakers_eval.sh - "precis eval speakers GOLD.jsonl PRED_DIR": first on a
# hand-made gold file and prediction folder (always; exact figures), with one
# prediction written by precis itself (the JSON it writes is what the scorer
# reads); then on the PolNeAR dev speakers (skipped with exit 77 when the
# shared data or python3 is absent): predictions for the 84 dev articles by
# one "precis -i jsonl -f jsonl" run, the JSON shape and sane figures.
# Usage: bash tests/speakers_eval.sh /path/to/precis
set -u
PRECIS=${1:?usage: speakers_eval.sh /path/to/precis}
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${PRECIS_SHARED:-${PRECIS_SOURCE:-$here/..}/../shared}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/speakers_eval.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
num() { # json key-path-regex: the first number after "key":
  printf '%s' "$1" | grep -o "\"$2\": *[-0-9.eE+]*" | head -1 | sed 's/.*: *//'
}
row() { # json row: the object of one row ("name", "all", ...)
  printf '%s' "$1" | grep -o "\"$2\": {[^}]*}"
}

# ---- hand-made gold and predictions ------------------------------------------
g=$tmp/gold.jsonl
p=$tmp/pred
mkdir -p "$p"
# Article "a" (hand-written precis output): cue "said" [9, 13) -> "Ana Ruiz";
# cue "added" [33, 38) -> "Ana Ruiz"; cue "told" [60, 64) unresolved.
cat >"$p/a.json" <<'EOF'
{"id": "a", "keypoints": [], "quotes": [
 {"kind": "indirect", "cue": {"text": "said", "span": [9, 13]}, "source": {"text": "Ana Ruiz", "span": [0, 8]},
  "speaker": "Ana Ruiz", "entity": 0, "content": [{"text": "it would rain", "span": [14, 27]}]},
 {"kind": "indirect", "cue": {"text": "added", "span": [33, 38]}, "source": {"text": "She", "span": [29, 32]},
  "speaker": "Ana Ruiz", "entity": 0, "content": []},
 {"kind": "direct", "cue": {"text": "told", "span": [60, 64]}, "source": {"text": "officials", "span": [50, 59]},
  "speaker": null, "entity": -1, "content": []}],
 "entities": [{"name": "Ana Ruiz", "type": "person", "gender": "f", "title": null, "mentions": [[0, 8]]}]}
EOF
# Lines: 1 name right (case-insensitive key); 2 name found, wrong; 3 pronoun
# right through "keys"; 4 description found, unresolved (wrong); 5 NONE and
# 6 ambiguous (not scored); 7 malformed; 8 blank; 9 name whose article "b" has
# no prediction file; 10 description not found (cue overlaps no quote); 11 NONE
# whose quote is given a name (row "none": 5 right, 11 wrong).
cat >"$g" <<'EOF'
{"article": "a", "source_span": [0, 8], "cue_span": [9, 13], "kind": "name", "speaker": "Ana Ruiz", "surname_or_key": "RUIZ"}
{"article": "a", "source_span": [0, 8], "cue_span": [9, 13], "kind": "name", "speaker": "Bo Lee", "surname_or_key": "Lee"}
{"article": "a", "source_span": [29, 32], "cue_span": [35, 40], "kind": "pronoun", "speaker": "Ana Ruiz", "surname_or_key": "Lee", "keys": ["Lee", "ana"]}
{"article": "a", "source_span": [50, 59], "cue_span": [60, 64], "kind": "description", "speaker": "Bo Lee", "surname_or_key": "Lee"}
{"article": "a", "cue_span": [60, 64], "kind": "description", "speaker": "NONE", "surname_or_key": "NONE"}
{"article": "a", "cue_span": [9, 13], "kind": "name", "speaker": "Bo Lee", "surname_or_key": "Lee", "ambiguous": true}
{"article": "a", "cue_span": [9, 13], "kind":

{"article": "b", "cue_span": [9, 13], "kind": "name", "speaker": "Ana Ruiz", "surname_or_key": "Ruiz"}
{"article": "a", "cue_span": [13, 20], "kind": "description", "speaker": "Ana Ruiz", "surname_or_key": "Ruiz"}
{"article": "a", "cue_span": [9, 13], "kind": "description", "speaker": "NONE"}
EOF
out=$("$PRECIS" eval speakers "$g" "$p" --format json 2>"$tmp/err") || fail "hand-made: exit $?: $(cat "$tmp/err")"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "hand-made: expected one line of JSON: $out"
grep -q 'gold.jsonl:7: ' "$tmp/err" || fail "hand-made: no message naming malformed line 7: $(cat "$tmp/err")"
grep -q '1 of 2 articles have no prediction file' "$tmp/err" || fail "hand-made: no missing-file note: $(cat "$tmp/err")"
# name: 3 items (1, 2, 9), found 2, right 1; pronoun 1/1/1; description 2 (4, 10), found 1, right 0
[ "$(row "$out" name)" = '"name": {"n": 3, "found": 2, "right": 1, "accuracy": 0.3333333333, "accuracy_found": 0.5, "found_rate": 0.6666666667}' ] ||
  fail "hand-made: name row: $out"
[ "$(row "$out" pronoun)" = '"pronoun": {"n": 1, "found": 1, "right": 1, "accuracy": 1.0, "accuracy_found": 1.0, "found_rate": 1.0}' ] ||
  fail "hand-made: pronoun row: $out"
[ "$(row "$out" description)" = '"description": {"n": 2, "found": 1, "right": 0, "accuracy": 0.0, "accuracy_found": 0.0, "found_rate": 0.5}' ] ||
  fail "hand-made: description row: $out"
[ "$(row "$out" all)" = '"all": {"n": 6, "found": 4, "right": 2, "accuracy": 0.3333333333, "accuracy_found": 0.5, "found_rate": 0.6666666667}' ] ||
  fail "hand-made: all row: $out"
[ "$(row "$out" none)" = '"none": {"n": 2, "found": 2, "right": 1, "accuracy": 0.5, "accuracy_found": 0.5, "found_rate": 1.0}' ] ||
  fail "hand-made: none row: $out"
printf '%s' "$out" | grep -q '"n_items": 9, "n_unscored": 3, "n_malformed": 1, "n_articles": 2, "n_pred_missing": 1, "n_pred_bad": 0}$' ||
  fail "hand-made: counts: $out"

# the text table, and the gold on standard input
txt=$("$PRECIS" eval speakers - "$p" <"$g" 2>/dev/null) || fail "text output from stdin failed"
printf '%s\n' "$txt" | grep -q '^all  *6  *4  *2  *66\.67  *33\.33  *50\.00$' || fail "text table: $txt"
printf '%s\n' "$txt" | grep -q 'end-to-end accuracy: 33\.33%' || fail "text table: $txt"
printf '%s\n' "$txt" | grep -q '^none  *2  *2  *1  *100\.00  *50\.00  *50\.00$' || fail "text table, none row: $txt"
printf '%s\n' "$txt" | grep -q '^NONE items (nobody named is meant): 1 of 2 whose cue is found left unresolved (50\.00%); 1 given a name$' ||
  fail "text table, NONE line: $txt"

# a prediction written by precis itself: "Mayor Ann Price said ..." (cue "said" [16, 20))
printf 'Mayor Ann Price said the bridge would open in May.\n' >"$tmp/c.txt"
"$PRECIS" -f json "$tmp/c.txt" >"$p/c.json" || fail "precis -f json failed"
printf '{"article": "c", "cue_span": [16, 20], "kind": "name", "speaker": "Ann Price", "surname_or_key": "Price"}\n' >"$tmp/c.jsonl"
out=$("$PRECIS" eval speakers "$tmp/c.jsonl" "$p" --format json 2>"$tmp/err") || fail "precis output: exit $?: $(cat "$tmp/err")"
[ "$(num "$out" found)" = 1 ] || fail "precis output: the cue of 'said' not found: $out ($(cat "$p/c.json"))"

# a broken prediction file: reported, its items not found
printf '{"quotes": [' >"$p/a.json"
out=$("$PRECIS" eval speakers "$g" "$p" --format json 2>"$tmp/err") || fail "broken prediction: exit $?"
grep -q 'a.json: invalid JSON' "$tmp/err" || fail "broken prediction: no message: $(cat "$tmp/err")"
printf '%s' "$out" | grep -q '"n_pred_bad": 1' || fail "broken prediction: $out"
[ "$(num "$out" found)" = 0 ] || fail "broken prediction: items found: $out"

# errors: usage (2), unreadable input (1), nothing to score (1)
"$PRECIS" eval speakers "$g" >/dev/null 2>&1
[ $? -eq 2 ] || fail "missing PRED_DIR should exit 2"
"$PRECIS" eval speakers "$g" "$p" --format xml >/dev/null 2>&1
[ $? -eq 2 ] || fail "bad --format should exit 2"
"$PRECIS" eval speakers "$tmp/nonexistent.jsonl" "$p" >/dev/null 2>&1
[ $? -eq 1 ] || fail "missing GOLD should exit 1"
"$PRECIS" eval speakers "$g" "$tmp/nonexistent" >/dev/null 2>&1
[ $? -eq 1 ] || fail "missing PRED_DIR should exit 1"
head -5 "$g" | tail -1 >"$tmp/none.jsonl"
"$PRECIS" eval speakers "$tmp/none.jsonl" "$p" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a gold file with nothing to score should exit 1"
echo "hand-made: ok"

# ---- PolNeAR dev speakers ---------------------------------------------------
gold=$SHARED/data/polnear/speakers_dev.jsonl
texts=$SHARED/data/polnear/dev/text
if [ ! -f "$gold" ] || [ ! -d "$texts" ]; then
  echo "skipped: $gold not present (shared data absent); the hand-made part passed"
  exit 77
fi
command -v python3 >/dev/null || { echo "skipped: no python3 (the hand-made part passed)"; exit 77; }
mkdir -p "$tmp/dev"
python3 - "$texts" >"$tmp/dev.jsonl" <<'PY' || fail "could not read the dev texts"
import glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    with open(f, encoding="utf-8", newline="") as h:
        print(json.dumps({"id": os.path.basename(f)[:-4], "text": h.read()}))
PY
"$PRECIS" -i jsonl -f jsonl "$tmp/dev.jsonl" >"$tmp/dev.out.jsonl" || fail "precis on the dev texts: exit $?"
python3 - "$tmp/dev.out.jsonl" "$tmp/dev" <<'PY' || fail "could not split the predictions"
import json, os, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    with open(os.path.join(sys.argv[2], d["id"] + ".json"), "w", encoding="utf-8") as h:
        h.write(line)
PY
dev=$("$PRECIS" eval speakers "$gold" "$tmp/dev" --format json 2>"$tmp/err") || fail "dev: exit $?: $(cat "$tmp/err")"
python3 - "$dev" <<'PY' || fail "dev: figures out of range: $dev"
import json, sys
d = json.loads(sys.argv[1])
bad = []
for k in ("name", "pronoun", "description", "all", "none"):
    r = d[k]
    if set(r) != {"n", "found", "right", "accuracy", "accuracy_found", "found_rate"}:
        bad.append("%s: keys %s" % (k, sorted(r)))
        continue
    if not 0 <= r["right"] <= r["found"] <= r["n"]:
        bad.append("%s: counts" % k)
    for f in ("accuracy", "accuracy_found", "found_rate"):
        if not 0 <= r[f] <= 1:
            bad.append("%s.%s" % (k, f))
    if r["n"] and abs(r["accuracy"] - r["right"] / r["n"]) > 1e-9:
        bad.append("%s: accuracy" % k)
    if r["found"] and abs(r["accuracy_found"] - r["right"] / r["found"]) > 1e-9:
        bad.append("%s: accuracy_found" % k)
if sum(d[k]["n"] for k in ("name", "pronoun", "description")) != d["all"]["n"]:
    bad.append("kinds do not add up to all")
# the data: 2,066 items, 358 of them NONE or ambiguous; every article predicted
if (d["n_items"], d["n_unscored"], d["n_malformed"], d["n_pred_missing"], d["n_pred_bad"]) != (2066, 358, 0, 0, 0):
    bad.append("bookkeeping")
# sane for any engine: wide bounds
a = d["all"]
if not (0.2 <= a["accuracy"] <= 0.9 and 0.5 <= a["accuracy_found"] <= 1 and 0.3 <= a["found_rate"] <= 1):
    bad.append("overall figures")
if not d["name"]["accuracy"] > d["description"]["accuracy"]:
    bad.append("names should be easier than descriptions")
# regression floors for the shipped engine (0.9.0: 0.6066 end to end, descriptions 0.3968;
# 0.10.0: 0.6107, descriptions 0.4127; 0.11.0: 0.6177, descriptions 0.4180; 0.12.3: 0.6183,
# descriptions 0.4127 -- one item lost that was right by chance, "The Democratic senator also
# forced Stumpf ... to admit", now that a description is not the person its own clause names
# after it; 0.13.0: 0.6171, descriptions 0.4074 -- the cue tagger retrained on the
# new quotation regions finds "A New York judge has rejected" no more; issue 9's
# bars are 0.60 and 0.35)
if a["accuracy"] < 0.615:
    bad.append("end-to-end accuracy %.4f < 0.615" % a["accuracy"])
if d["description"]["accuracy"] < 0.405:
    bad.append("description accuracy %.4f < 0.405" % d["description"]["accuracy"])
# NONE items (0.11.1): a name given where nobody named is meant is a wrong guess
# (0.11.1: 106 of 143 found left unresolved, 0.7413; 0.12.1: 105 of 142, 0.7394 --
# a false cue that found a NONE item is no cue now)
if d["none"]["accuracy_found"] < 0.735:
    bad.append("NONE items left unresolved %.4f < 0.735" % d["none"]["accuracy_found"])
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
# with no prediction at all: nothing found, every article missing
mkdir -p "$tmp/empty"
out=$("$PRECIS" eval speakers "$gold" "$tmp/empty" --format json 2>"$tmp/err") || fail "dev, empty folder: exit $?"
[ "$(num "$out" found)" = 0 ] && [ "$(num "$out" n_pred_missing)" = "$(num "$out" n_articles)" ] ||
  fail "dev, empty folder: $out"
echo "polnear dev speakers: ok ($dev)"

# ---- CNN/DM speakers (data/speakers/cnndm_dev300.jsonl) ---------------------
# 300 quotes of 0.11.0 on the CNN/DM validation articles, resolved by hand
# (data/speakers/README.md); the articles are those of the shared data.
cnn=$SHARED/data/summ/cnndm_validation_1000.jsonl
cgold=${PRECIS_SOURCE:-$here/..}/data/speakers/cnndm_dev300.jsonl
[ -f "$cgold" ] || fail "no $cgold"
if [ ! -f "$cnn" ]; then
  echo "polnear dev speakers: ok ($dev); CNN/DM part skipped: $cnn not present"
  exit 0
fi
mkdir -p "$tmp/cnn"
python3 - "$cgold" "$cnn" >"$tmp/cnn.jsonl" <<'PY' || fail "could not pick the CNN/DM articles"
import json, sys
want = {json.loads(l)["article"] for l in open(sys.argv[1], encoding="utf-8")}
for line in open(sys.argv[2], encoding="utf-8"):
    d = json.loads(line)
    if d["id"] in want:
        print(json.dumps({"id": d["id"], "text": d["article"]}))
PY
"$PRECIS" -i jsonl -f jsonl "$tmp/cnn.jsonl" >"$tmp/cnn.out.jsonl" || fail "precis on the CNN/DM articles: exit $?"
python3 - "$tmp/cnn.out.jsonl" "$tmp/cnn" <<'PY' || fail "could not split the CNN/DM predictions"
import json, os, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    open(os.path.join(sys.argv[2], d["id"] + ".json"), "w", encoding="utf-8").write(line)
PY
cnnr=$("$PRECIS" eval speakers "$cgold" "$tmp/cnn" --format json 2>/dev/null) || fail "CNN/DM: exit $?"
python3 - "$cnnr" <<'PY' || fail "CNN/DM figures: $cnnr"
import json, sys
d = json.loads(sys.argv[1])
bad = []
# 300 items: 189 named, 54 NONE, 57 not attributions (ambiguous); 161 articles
if (d["n_items"], d["n_unscored"], d["all"]["n"], d["none"]["n"], d["n_articles"]) != (300, 111, 189, 54, 161):
    bad.append("bookkeeping")
# floors (0.11.1: 154 of 189 right, 0.8148; NONE 46 of 54 unresolved, 0.8519;
# 0.12.1: 45 of 53, 0.8491 -- the cue of "Many on the Internet", a noun, is none now)
if d["all"]["accuracy"] < 0.81:
    bad.append("accuracy %.4f < 0.81" % d["all"]["accuracy"])
if d["none"]["accuracy_found"] < 0.845:
    bad.append("NONE unresolved %.4f < 0.845" % d["none"]["accuracy_found"])
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
echo "cnn/dm speakers: ok ($cnnr)"
exit 0
