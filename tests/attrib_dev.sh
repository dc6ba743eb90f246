#!/usr/bin/env bash
# attrib_dev.sh - the learned attribution engine (the built-in cue model)
# keeps its PolNeAR dev figures, beats the rules alone, and `make models`
# rebuilds models/attrib.bin byte for byte.  Also: a corrupt or wrong
# --attrib-model is refused with a clear message.  Needs the shared data
# for all but the error paths (exit 77 otherwise).  About 20 seconds.
# Usage: bash tests/attrib_dev.sh /path/to/precis
set -u
PRECIS=${1:?usage: attrib_dev.sh /path/to/precis}
here=$(cd "$(dirname "$0")" && pwd)
SRC=${PRECIS_SOURCE:-$here/..}
SHARED=${PRECIS_SHARED:-$SRC/../shared}
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/attrib_dev.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Error paths (no shared data needed).
printf 'He said so.\n' > "$tmp/a.txt"
printf 'not a model at all, just some text' > "$tmp/bad.bin"
out=$("$PRECIS" --attrib-model "$tmp/bad.bin" "$tmp/a.txt" 2>&1) && fail "a corrupt attribution model was accepted"
printf '%s' "$out" | grep -q "bad magic" || fail "no clear message for a corrupt model: $out"
if [ -f "$SRC/models/pos.bin" ]; then
  out=$("$PRECIS" --attrib-model "$SRC/models/pos.bin" "$tmp/a.txt" 2>&1) && fail "a POS model was accepted as the attribution model"
  printf '%s' "$out" | grep -q "a pos model, not a attrib model" || fail "no clear message for a model of another kind: $out"
fi
out=$("$PRECIS" --attrib maybe "$tmp/a.txt" 2>&1); [ $? -eq 2 ] || fail "--attrib maybe: expected a usage error"
out=$("$PRECIS" train attrib "$tmp" 2>&1); [ $? -eq 2 ] || fail "train attrib with one folder: expected a usage error"

P=$SHARED/data/polnear
if [ ! -d "$P/dev/text" ] || [ ! -d "$P/train/text" ]; then
  echo "skipped: ../shared not present (need $P/train and $P/dev)"
  exit 77
fi

score() { # engine-flag -> eval attrib JSON
  rm -rf "$tmp/out"
  "$PRECIS" -f brat --out-dir "$tmp/out" "$@" "$P"/dev/text/*.txt || fail "precis $* failed on PolNeAR dev"
  "$PRECIS" eval attrib "$P/dev" "$tmp/out" --format json 2>/dev/null || fail "eval attrib failed"
}
num() { printf '%s' "$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$2"; }
learned=$(score)
rules=$(score --attrib rules)
# Floors: the shipped model (seed 1) less about one seed's spread.  The cue
# model's dev cue F moves by +-0.4 from seed to seed (docs/attribution.md:
# seeds 1-4 gave 56.60-57.33 before 0.6.0, 56.86-57.04 after); the figures of
# 0.6.0 were cue 56.86, source 64.93, content 48.21; those of 0.7.0 (the spans
# as PolNeAR draws them, docs/attribution.md) cue 62.53, source 66.61, content 52.49;
# those of 0.8.0 (retrained model, docs/attribution.md "0.8.0") cue 62.47, source
# 66.87, content 52.81, linked 52.51%; those of 0.9.0 (same model; cue spans,
# contents and sources of docs/attribution.md "0.8.x" and "0.9.0") cue 63.65, source
# 67.60, content 53.87, linked 53.19%; those of 0.10.0 (same model; name-calling
# cues, clauses after the cue, titles set aside: docs/attribution.md "0.10.0") cue
# 63.74, source 67.60, content 54.01, linked 53.38%; those of 0.11.0 (retrained
# model, five runs; span repairs, margin 15, docs/attribution.md "0.11.0") cue
# 65.16, source 68.45, content 54.81, linked 54.33%; those of 0.12.0 (the same
# tagger with the learned content-end and -start scorer, content_ends.c) cue 65.16, source
# 68.45, content 55.98, linked 54.52%; those of 0.12.1 (source and cue rules for general
# news, docs/attribution.md "0.12.1"; the scorer retrained) cue 65.46, source 68.79,
# content 56.15, linked 54.70%.
for role_min in cue:0.650 source:0.683 content:0.555; do
  role=${role_min%:*} min=${role_min#*:}
  f=$(num "$learned" "['$role']['exact']['f']")
  awk -v f="$f" -v m="$min" 'BEGIN { exit !(f >= m) }' || fail "learned $role exact F $f < $min"
done
ll=$(num "$learned" "['linked_recall']")
lr=$(num "$rules" "['linked_recall']")
awk -v a="$ll" 'BEGIN { exit !(a >= 0.544) }' || fail "learned linked recall $ll < 0.544"
# the content-end scorer moves contents the rules end (content_ends.c): without
# it (the same tagger, --no-ends), content exact F is lower
if [ -f "$SRC/models/pos.bin" ]; then
  SOURCE_DATE_EPOCH=1795000000 "$PRECIS" train attrib "$P/train" "$P/dev" -o "$tmp/noends.bin" --seed 1 \
    --pos-model "$SRC/models/pos.bin" --no-ends -q || fail "train attrib --no-ends failed"
  noends=$(score --attrib-model "$tmp/noends.bin")
  a=$(num "$learned" "['content']['exact']['f']") b=$(num "$noends" "['content']['exact']['f']")
  awk -v a="$a" -v b="$b" 'BEGIN { exit !(a > b + 0.003) }' || fail "content exact F with the end scorer $a is not above $b without it"
fi
awk -v a="$ll" -v b="$lr" 'BEGIN { exit !(a > b + 0.05) }' || fail "learned linked recall $ll is not well above the rules' $lr"
for role in cue source; do
  a=$(num "$learned" "['$role']['exact']['f']") b=$(num "$rules" "['$role']['exact']['f']")
  awk -v a="$a" -v b="$b" 'BEGIN { exit !(a > b) }' || fail "learned $role exact F $a is not above the rules' $b"
done

# make models: the same command and date as tools/train-models.sh
date=$(sed -n 's/^MODEL_DATE=//p' "$SRC/tools/train-models.sh")
[ -n "$date" ] || fail "no MODEL_DATE in tools/train-models.sh"
if [ -f "$SRC/models/attrib.bin" ] && [ -f "$SRC/models/pos.bin" ]; then
  SOURCE_DATE_EPOCH=$(date -u -d "$date" +%s) "$PRECIS" train attrib "$P/train" "$P/dev" -o "$tmp/attrib.bin" \
    --seed 1 --pos-model "$SRC/models/pos.bin" -q || fail "train attrib failed"
  cmp -s "$tmp/attrib.bin" "$SRC/models/attrib.bin" || fail "train attrib does not rebuild models/attrib.bin byte for byte"
fi
echo "ok: learned cue F $(num "$learned" "['cue']['exact']['f']"), source F $(num "$learned" "['source']['exact']['f']"), linked recall $ll (rules $lr)"
