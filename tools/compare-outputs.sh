#!/usr/bin/env bash
# compare-outputs.sh - are two precis builds' outputs byte-identical?
# Runs both binaries over the dev data in ../shared (CNN/DM validation 1,000,
# the Daily Mail sample, BBC dev; JSONL with and without the taggers, text;
# brat on PolNeAR dev) and reports each difference.  For refactors that must
# not change output.   Usage: tools/compare-outputs.sh OLD_PRECIS NEW_PRECIS [SHARED]
# Fields added to the JSON since the old build are left out of the comparison
# when the old output lacks them: "models" in "stats" (0.2).
set -u
old=${1:?usage: compare-outputs.sh OLD NEW [SHARED]} new=${2:?usage: compare-outputs.sh OLD NEW [SHARED]}
S=${3:-$(cd "$(dirname "$0")/.." && pwd)/../shared}/data
[ -d "$S" ] || { echo "no shared data at $S"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
bad=0
run() { # name, args..., input file last
  local name=$1; shift; local in=${!#}; local args=("${@:1:$#-1}")
  "$old" "${args[@]}" < "$in" > "$t/old.$name" 2>"$t/old.$name.err"; local ro=$?
  "$new" "${args[@]}" < "$in" > "$t/new.$name" 2>"$t/new.$name.err"; local rn=$?
  if ! grep -q '"models":{' "$t/old.$name"; then
    sed -i 's/,"models":{"pos":"[a-z]*","ner":"[a-z]*"}}/}/' "$t/new.$name"
  fi
  if [ $ro != $rn ] || ! cmp -s "$t/old.$name" "$t/new.$name"; then
    echo "DIFF $name (exit $ro vs $rn): $(diff "$t/old.$name" "$t/new.$name" | grep -c '^[<>]') lines"; bad=1
  else echo "same $name ($(wc -l < "$t/new.$name") lines)"; fi
}
run cnndm-jsonl -i jsonl -f jsonl "$S/summ/cnndm_validation_1000.jsonl"
run cnndm-notag -i jsonl -f jsonl --no-tagger "$S/summ/cnndm_validation_1000.jsonl"
run cnndm-text -i jsonl -f text "$S/summ/cnndm_validation_1000.jsonl"
run dm97-jsonl -i jsonl -f jsonl "$S/summ/cnndm_dm_sample97.jsonl"
run bbc-jsonl -i jsonl -f jsonl "$S/summ/bbc_news_summary_dev.jsonl"
mkdir -p "$t/bo" "$t/bn"
"$old" -f brat --out-dir "$t/bo" "$S"/polnear/dev/text/*.txt 2>/dev/null
"$new" -f brat --out-dir "$t/bn" "$S"/polnear/dev/text/*.txt 2>/dev/null
if diff -r "$t/bo" "$t/bn" >/dev/null; then echo "same polnear-brat ($(ls "$t/bn" | wc -l) files)"
else echo "DIFF polnear-brat"; bad=1; fi
exit $bad
