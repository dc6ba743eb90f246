#!/usr/bin/env bash
# The option parser (cli/opt.c), the same for every command: "--opt=value"
# and "--opt value", "--", "-" for standard input, --help on stdout with exit
# 0 for every command, and usage errors as one "precis: ..." line on stderr
# with exit 2.
set -u
PRECIS=${1:?usage: cli_options.sh PRECIS}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
ART=$SRC/examples/harbour-bridge.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
no() { fail=$((fail+1)); echo "FAIL: $*"; }

# --help: exit 0, usage on stdout, nothing on stderr, for every command
for c in "" eval train "eval rouge" "eval oracle" "eval attrib" "eval speakers" "eval pos" "eval ner" "eval parse" "train pos" "train ner" "train parse"; do
  for h in --help -h; do
    # shellcheck disable=SC2086
    "$PRECIS" $c $h > "$tmp/out" 2> "$tmp/err"; rc=$?
    [ $rc -eq 0 ] && grep -q "^usage: precis${c:+ $c}" "$tmp/out" && [ ! -s "$tmp/err" ] && ok || no "precis $c $h: exit $rc"
  done
done
# ... wherever it comes, even after operands
"$PRECIS" eval rouge a b --help > /dev/null 2>&1 && ok || no "eval rouge a b --help"

# usage errors: exit 2, one line "precis: ..." on stderr, nothing on stdout
err1() { # args...
  "$PRECIS" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"; local rc=$?
  if [ $rc -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q '^precis: ' "$tmp/err" && [ ! -s "$tmp/out" ]; then ok
  else no "precis $*: exit $rc, stderr: $(head -c 300 "$tmp/err")"; fi
}
err1 --bogus
err1 -x
err1 -f
err1 --format
err1 --format=yaml
err1 -f yaml
err1 -n 0
err1 -n=3
err1 -n abc
err1 -n " 5"
err1 train pos --seed "	5" a b -o m
err1 train pos --prune " 0.1" a b -o m
err1 --no-tagger=yes
err1 --out-dir=
err1 --summarizer
err1 --summarizer=best
err1 -i xml
err1 eval
err1 eval bogus
err1 eval --bogus
err1 train
err1 train xyz
err1 train --bogus
err1 eval rouge
err1 eval rouge a
err1 eval rouge a b c
err1 eval rouge --bogus a b
err1 eval rouge --format=xml a b
err1 eval rouge --format
err1 eval rouge - -
err1 eval oracle
err1 eval oracle -n 0 a
err1 eval oracle --n=1001 a
err1 eval oracle -n
err1 eval attrib a
err1 eval attrib --format xml a b
err1 eval speakers a
err1 eval speakers a b c
err1 eval speakers --format xml a b
err1 eval speakers a -
err1 eval pos
err1 eval pos a b
err1 eval pos --seed 1 a
err1 eval pos --format=yaml a
err1 eval ner --model
err1 eval ner --model= a
err1 train pos a b
err1 train pos a -o m
err1 train pos --epochs 0 a b -o m
err1 train pos --epochs=x a b -o m
err1 train pos --seed -1 a b -o m
err1 train pos --prune=-1 a b -o m
err1 train pos --prune nan a b -o m
err1 train ner --no-clusters a b -o m
err1 train ner - - -o m
err1 eval parse
err1 eval parse a b
err1 eval parse --seed 1 a
err1 eval parse --format=conllu a
err1 train parse a b
err1 train parse --jackknife 0 a b -o m
err1 train parse --jackknife=101 a b -o m
err1 train parse --no-clusters a b -o m

# "--opt=value" and "--opt value" for every option with a value: the same
# error for a bad value, and a good value accepted (the --help after it is
# then reached: exit 0)
same_form() { # command words..., then: long-option bad-value good-value
  local n=$#; local opt=${@:n-2:1} bad=${@:n-1:1} good=${@:n:1}; local cmd=("${@:1:n-3}")
  "$PRECIS" "${cmd[@]}" "--$opt=$bad" < /dev/null > /dev/null 2> "$tmp/e1"; local r1=$?
  "$PRECIS" "${cmd[@]}" "--$opt" "$bad" < /dev/null > /dev/null 2> "$tmp/e2"; local r2=$?
  [ $r1 -eq 2 ] && [ $r2 -eq 2 ] && cmp -s "$tmp/e1" "$tmp/e2" && ok || no "${cmd[*]} --$opt=$bad / --$opt $bad: exit $r1/$r2"
  "$PRECIS" "${cmd[@]}" "--$opt=$good" --help > /dev/null 2>&1 && ok || no "${cmd[*]} --$opt=$good refused"
  "$PRECIS" "${cmd[@]}" "--$opt" "$good" --help > /dev/null 2>&1 && ok || no "${cmd[*]} --$opt $good refused"
}
same_form format yaml json
same_form input xml html
same_form summarizer best lead
same_form out-dir "" "$tmp/od"
same_form pos-model "" "$tmp/m.bin"
same_form ner-model "" "$tmp/m.bin"
same_form parse-model "" "$tmp/m.bin"
same_form format xml conllu
same_form eval rouge format xml json
same_form eval rouge conformance "" g.jsonl
same_form eval oracle n 0 2
same_form eval oracle format xml json
same_form eval attrib format xml json
same_form eval speakers format xml json
for c in pos ner; do
  same_form eval $c model "" m.bin
  same_form eval $c format xml json
  same_form train $c output "" m.bin
  same_form train $c seed x 7
  same_form train $c epochs 0 5
  same_form train $c text-dir "" d
  same_form train $c prune x 0.5
done
same_form eval ner pos-model "" m.bin
same_form train ner pos-model "" m.bin
# short options: -x VALUE and -xVALUE
"$PRECIS" -n2 --help > /dev/null && "$PRECIS" -fjson --help > /dev/null && "$PRECIS" -ijsonl --help > /dev/null && ok || no "-n2 / -fjson / -ijsonl"
"$PRECIS" train pos -qo m.bin --help > /dev/null && "$PRECIS" train pos -vom.bin --help > /dev/null && ok || no "train pos -qo m.bin"

# the forms give the same output
"$PRECIS" -f json -n 2 --summarizer lead "$ART" > "$tmp/a1"
"$PRECIS" --format=json -n2 --summarizer=lead "$ART" > "$tmp/a2"
"$PRECIS" "$ART" -fjson --summarizer=lead -n 2 > "$tmp/a3"
cmp -s "$tmp/a1" "$tmp/a2" && cmp -s "$tmp/a1" "$tmp/a3" && ok || no "-f json -n 2 vs --format=json -n2 vs options after the file"
printf '{"id":"r","highlights":["the mayor said the bridge would close"]}\n' > "$tmp/ref.jsonl"
printf '{"id":"r","summary":"the bridge would close, the mayor said"}\n' > "$tmp/pred.jsonl"
a=$("$PRECIS" eval rouge "$tmp/ref.jsonl" "$tmp/pred.jsonl" --format json --no-stem)
b=$("$PRECIS" eval rouge --no-stem --format=json "$tmp/ref.jsonl" "$tmp/pred.jsonl")
c=$("$PRECIS" eval rouge --no-stem --format=json - "$tmp/pred.jsonl" < "$tmp/ref.jsonl")
[ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ] && ok || no "eval rouge: --format json vs --format=json vs - ($a / $b / $c)"
printf '{"id":"r","article":"The mayor said the bridge would close.\\nIt rained.","highlights":["the mayor said the bridge would close"]}\n' > "$tmp/o.jsonl"
a=$("$PRECIS" eval oracle "$tmp/o.jsonl" -n 1 --format json)
b=$("$PRECIS" eval oracle --n=1 --format=json - < "$tmp/o.jsonl")
c=$("$PRECIS" eval oracle -n1 --format=json -- "$tmp/o.jsonl")
[ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ] && ok || no "eval oracle: -n 1 vs --n=1 vs -n1 ($a / $b / $c)"

# "--" ends the options; "-" is standard input
cp "$ART" "$tmp/-dash.txt"
(cd "$tmp" && "$PRECIS" -f json -- -dash.txt) > "$tmp/d1" && ok || no "precis -- -dash.txt failed"
grep -q '"id": "-dash.txt"' "$tmp/d1" && ok || no "precis -- -dash.txt: not that file"
(cd "$tmp" && "$PRECIS" -- -dash.txt --help) > /dev/null 2>&1; [ $? -eq 2 ] && ok || no "after --, --help is a file name (missing: exit 2)"
(cd "$tmp" && "$PRECIS" -dash.txt) > /dev/null 2>&1; [ $? -eq 2 ] && ok || no "-dash.txt without -- is an option"
"$PRECIS" -f jsonl - < "$ART" > "$tmp/s1"
"$PRECIS" -f jsonl < "$ART" > "$tmp/s2"
[ -s "$tmp/s1" ] && cmp -s "$tmp/s1" "$tmp/s2" && ok || no "'-' is standard input"
"$PRECIS" -f jsonl -i jsonl - < <(printf '{"id":"x","text":"Ana Ruiz said it."}\n') | grep -q '"id":"x"' && ok || no "'-' with -i jsonl"

# --keypoints: tuned (the default) and learned choose differently; a key-point
# model file implies learned; a bad value is a usage error
"$PRECIS" -f json "$ART" > "$tmp/k0"
"$PRECIS" -f json --keypoints tuned "$ART" > "$tmp/kt"
"$PRECIS" -f json --keypoints learned "$ART" > "$tmp/kl"
cmp -s "$tmp/k0" "$tmp/kt" && ok || no "--keypoints tuned is not the default"
cmp -s "$tmp/k0" "$tmp/kl" && no "--keypoints learned gives the default's key points" || ok
if [ -f "$SRC/models/keypoints.bin" ]; then
  "$PRECIS" -f json --keypoint-model "$SRC/models/keypoints.bin" "$ART" > "$tmp/km"
  cmp -s "$tmp/kl" "$tmp/km" && ok || no "--keypoint-model models/keypoints.bin is not --keypoints learned"
fi
err1 --keypoints=best

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
