#!/usr/bin/env bash
# attrib_selfscore.sh - "precis eval attrib" scores a folder against itself as
# perfect: first a small hand-made folder (always), then the PolNeAR dev split
# from the shared data (skipped with exit 77 when that is absent).
# Usage: bash tests/attrib_selfscore.sh /path/to/precis
set -u
PRECIS=${1:?usage: attrib_selfscore.sh /path/to/precis}
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${PRECIS_SHARED:-${PRECIS_SOURCE:-$here/..}/../shared}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/attrib_selfscore.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# Every ratio in the JSON object must be 1 and the counts as given: 3 roles x
# (exact, overlap, any_overlap) x (p, r, f) = 27, and linked_recall.
check_perfect() { # json n_docs(or "any") label
  local json=$1 want_docs=$2 label=$3
  [ "$(printf '%s\n' "$json" | wc -l)" -eq 1 ] || fail "$label: expected one line of JSON"
  local nums
  nums=$(printf '%s' "$json" | grep -o '"\(p\|r\|f\|linked_recall\)": *[-0-9.eE+]*' | sed 's/.*: *//')
  [ "$(printf '%s\n' "$nums" | wc -l)" -eq 28 ] || fail "$label: expected 28 ratios in $json"
  printf '%s\n' "$nums" | awk -v l="$label" '$1 != 1 { print l ": ratio " $1 " is not 1" > "/dev/stderr"; bad = 1 } END { exit bad }' ||
    fail "$label: not a perfect score: $json"
  local docs gold pred
  docs=$(printf '%s' "$json" | grep -o '"n_docs": *[0-9]*' | sed 's/.*: *//')
  gold=$(printf '%s' "$json" | grep -o '"n_gold": *[0-9]*' | sed 's/.*: *//')
  pred=$(printf '%s' "$json" | grep -o '"n_pred": *[0-9]*' | sed 's/.*: *//')
  [ -n "$docs" ] && [ "$docs" -gt 0 ] || fail "$label: no articles scored"
  [ "$want_docs" = any ] || [ "$docs" -eq "$want_docs" ] || fail "$label: n_docs $docs, expected $want_docs"
  [ "$gold" -gt 0 ] && [ "$gold" -eq "$pred" ] || fail "$label: n_gold $gold vs n_pred $pred"
}

# ---- hand-made folder (invented sentences; curly quotes and accents) -------
mk=$tmp/hand
mkdir -p "$mk/text" "$mk/attributions"
printf '%s\n' '“The bridge opens in June,” said Chloé Martin, the city engineer.' \
  'Residents, she added, “will finally cross without a ferry.”' >"$mk/text/bridge.txt"
printf '%s\n' 'Nobody commented on the plan.' >"$mk/text/quiet.txt"
# code points: “The bridge opens in June,” 0-27; said 28-32; Chloé Martin 33-45;
# line 2 starts at 66: Residents 66-75; she 77-80; added 81-86; “will ... ferry.” 88-125
printf 'T1\tContent 0 27\t“The bridge opens in June,”\nT2\tCue 28 32\tsaid\nT3\tSource 33 45\tChloé Martin\nT4\tAttribution 28 32\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\r\nT5\tSource 77 80\tshe\nT6\tCue 81 86\tadded\nT7\tContent 66 75;88 125\tResidents “will finally cross without a ferry.”\nE2\tAttribution:T6 Cue:T6 Source:T5 Content:T7\nnot an annotation line\n' \
  >"$mk/attributions/bridge_a1.ann"
printf 'T1\tCue 28 32\tsaid\nE1\tAttribution:T1 Cue:T1\n' >"$mk/attributions/bridge_b2.ann"
printf 'E1\tAttribution:T9 \n' >"$mk/attributions/quiet_a1.ann"

out=$("$PRECIS" eval attrib "$mk" "$mk" --format json 2>"$tmp/err") || fail "hand-made: exit status $?: $(cat "$tmp/err")"
check_perfect "$out" 2 hand-made
# the second annotator's file is ignored, the malformed line reported
grep -q 'malformed' "$tmp/err" || fail "hand-made: no note about the malformed line"

# the text table
txt=$("$PRECIS" eval attrib "$mk" "$mk" 2>/dev/null) || fail "text output failed"
printf '%s\n' "$txt" | grep -q '^content .*100\.00' || fail "text table: $txt"
printf '%s\n' "$txt" | grep -q 'linked recall: 100\.00%' || fail "text table: $txt"
printf '%s\n' "$txt" | grep -q '^role .*exact P.*token P.*any P' || fail "text table header: $txt"
printf '%s' "$out" | grep -q '"any_overlap": {"p": 1' || fail "hand-made: no any_overlap in $out"

# a prediction folder with nothing in it: every recall 0, a note on stderr
mkdir -p "$tmp/empty"
out=$("$PRECIS" eval attrib "$mk" "$tmp/empty" --format json 2>"$tmp/err") || fail "empty predictions: exit $?"
grep -q '2 of 2 gold articles have no prediction file' "$tmp/err" || fail "no missing-prediction note: $(cat "$tmp/err")"
printf '%s' "$out" | grep -q '"linked_recall": 0' || fail "empty predictions: $out"

# usage errors
"$PRECIS" eval attrib "$mk" >/dev/null 2>&1
[ $? -eq 2 ] || fail "missing PRED_DIR should exit 2"
"$PRECIS" eval attrib "$mk" "$mk" --format xml >/dev/null 2>&1
[ $? -eq 2 ] || fail "bad --format should exit 2"
"$PRECIS" eval attrib "$tmp/nonexistent" "$mk" >/dev/null 2>&1
[ $? -eq 1 ] || fail "missing GOLD_DIR should exit 1"
echo "hand-made folder: ok"

# ---- PolNeAR dev split ------------------------------------------------------
dev=$SHARED/data/polnear/dev
if [ ! -d "$dev/attributions" ]; then
  echo "skipped: $dev not present (shared data absent); the hand-made part passed"
  exit 77
fi
out=$("$PRECIS" eval attrib "$dev" "$dev" --format json 2>"$tmp/err") || fail "dev: exit status $?: $(cat "$tmp/err")"
check_perfect "$out" any polnear-dev
echo "polnear dev against itself: ok ($out)"
exit 0
