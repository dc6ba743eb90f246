#!/usr/bin/env bash
# tagger_dev.sh - the shipped (built-in) tagger models meet their dev targets:
# UPOS accuracy >= 0.95 on UD EWT dev, NER entity F1 >= 0.91 and ORG F1 >=
# 0.86 on CoNLL-2003 valid (issue 9's bar).  Also: a corrupt --model file is
# refused with a clear message; eval ner --predictions writes every token
# with its gold and predicted label.
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

ner=$("$PRECIS" eval ner "$CONLL" --format json --predictions "$tmp/pred.txt") ||
  fail "eval ner failed (no built-in NER model?)"
f=$(printf '%s' "$ner" | sed -n 's/^{"p": *[0-9.]*, *"r": *[0-9.]*, *"f": *\([0-9.]*\).*/\1/p')
awk -v f="$f" 'BEGIN { exit !(f >= 0.91) }' || fail "NER F1 '$f' < 0.91"
for l in PER ORG LOC MISC; do
  printf '%s' "$ner" | grep -q "\"$l\": {\"p\"" || fail "eval ner: no $l in $ner"
done
org=$(printf '%s' "$ner" | sed -n 's/.*"ORG": {"p": *[0-9.]*, *"r": *[0-9.]*, *"f": *\([0-9.]*\).*/\1/p')
awk -v f="$org" 'BEGIN { exit !(f >= 0.86) }' || fail "NER ORG F1 '$org' < 0.86"
# --predictions: a line a token (WORD GOLD PREDICTED, IOB2), the gold column
# that of the file (whose B- and I- the reader normalises: compare types)
[ "$(grep -cv -e '^$' -e '^-DOCSTART-' "$tmp/pred.txt")" = 51362 ] || fail "--predictions: not 51362 token lines"
awk 'NF && $1 != "-DOCSTART-" { print $1, substr($NF, 3) }' "$CONLL" > "$tmp/gold.txt"
awk 'NF && $1 != "-DOCSTART-" { print $1, substr($2, 3) }' "$tmp/pred.txt" > "$tmp/gold2.txt"
cmp -s "$tmp/gold.txt" "$tmp/gold2.txt" || fail "--predictions: words or gold types differ from $CONLL"
awk 'NF && $1 != "-DOCSTART-" && $3 !~ /^(O|[BI]-(PER|ORG|LOC|MISC))$/ { bad = 1 } END { exit bad }' "$tmp/pred.txt" ||
  fail "--predictions: a predicted label is not IOB2"
echo "ok: UPOS accuracy $acc, NER F1 $f (ORG $org)"
