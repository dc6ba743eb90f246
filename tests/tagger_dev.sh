#!/usr/bin/env bash
# tagger_dev.sh - the shipped (built-in) tagger models meet their dev targets:
# UPOS accuracy >= 0.95 on UD EWT dev, NER entity F1 >= 0.90 on CoNLL-2003
# valid.  Also: a corrupt --model file is refused with a clear message.
# Needs the shared data (exit 77 otherwise).  Takes a few seconds.
# Usage: bash tests/tagger_dev.sh /path/to/precis
set -u
PRECIS=${1:?usage: tagger_dev.sh /path/to/precis}
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${PRECIS_SHARED:-${PRECIS_SOURCE:-$here/..}/../shared}
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tagger_dev.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Error paths (no shared data needed).
printf 'not a model at all, just some text' > "$tmp/bad.bin"
out=$("$PRECIS" eval pos /dev/null --model "$tmp/bad.bin" 2>&1) && fail "a corrupt model was accepted"
printf '%s' "$out" | grep -q "bad magic" || fail "no clear message for a corrupt model: $out"
out=$("$PRECIS" eval ner /dev/null --model "$tmp/missing.bin" 2>&1) && fail "a missing model was accepted"
printf '%s' "$out" | grep -q "cannot open" || fail "no clear message for a missing model: $out"

UD=$SHARED/data/ud_english_ewt/en_ewt-ud-dev.conllu
CONLL=$SHARED/data/conll2003/valid.txt
if [ ! -f "$UD" ] || [ ! -f "$CONLL" ]; then
  echo "skipped: ../shared not present (need $UD and $CONLL)"
  exit 77
fi

pos=$("$PRECIS" eval pos "$UD" --format json) || fail "eval pos failed (no built-in POS model?)"
acc=$(printf '%s' "$pos" | sed -n 's/.*"accuracy": *\([0-9.]*\).*/\1/p')
n=$(printf '%s' "$pos" | sed -n 's/.*"n": *\([0-9]*\).*/\1/p')
[ "$n" = 25147 ] || fail "eval pos: expected 25147 tokens, got '$n'"
awk -v a="$acc" 'BEGIN { exit !(a >= 0.95) }' || fail "UPOS accuracy $acc < 0.95"

ner=$("$PRECIS" eval ner "$CONLL" --format json) || fail "eval ner failed (no built-in NER model?)"
f=$(printf '%s' "$ner" | sed -n 's/^{"p": *[0-9.]*, *"r": *[0-9.]*, *"f": *\([0-9.]*\).*/\1/p')
awk -v f="$f" 'BEGIN { exit !(f >= 0.90) }' || fail "NER F1 '$f' < 0.90"
for l in PER ORG LOC MISC; do
  printf '%s' "$ner" | grep -q "\"$l\": {\"p\"" || fail "eval ner: no $l in $ner"
done
echo "ok: UPOS accuracy $acc, NER F1 $f"
