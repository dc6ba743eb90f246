#!/usr/bin/env bash
# Regression tests of the analysis command's input and output handling:
#  - a folder given as input (text or JSONL) is an error, exit 2 (it used
#    to be read as an empty file: exit 0, no output);
#  - --out-dir never overwrites a document of the same run (same base name
#    in two folders, repeated JSONL ids, docNNNNNN colliding with an id),
#    a write failure exits 2, and --out-dir with a non-brat format is refused;
#  - -f brat over several documents without --out-dir is refused (it used to
#    concatenate .ann files with clashing T/E numbers);
#  - JSONL: a UTF-8 byte order mark is skipped, numeric ids beyond 64-bit
#    integers and doubles are kept as written, a NUL in an id does not cut it.
set -u
PRECIS=${1:?usage: cli_faults.sh PRECIS}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
ART=$SRC/examples/harbour-bridge.txt
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
no() { fail=$((fail+1)); echo "FAIL: $*"; }
cd "$tmp" || exit 1

# ---- a folder as input --------------------------------------------------
mkdir dir dir.jsonl
for args in "dir" "-i jsonl dir" "dir.jsonl" "-f jsonl dir.jsonl" "-i text dir.jsonl"; do
  # shellcheck disable=SC2086
  "$PRECIS" $args > out 2> err; rc=$?
  [ $rc -eq 2 ] && grep -q "dir.*[Dd]irectory" err && ok || no "folder input ($args): exit $rc, stderr: $(cat err)"
done
# the other files are still analysed
"$PRECIS" -f jsonl dir "$ART" > out 2> err; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < out)" = 1 ] && ok || no "folder then a file: exit $rc, $(wc -l < out) records"

# ---- --out-dir names ------------------------------------------------------
mkdir a b
cp "$ART" a/x.txt
printf 'Mayor Ana Ruiz said the port would reopen on Monday.\n' > b/x.txt
"$PRECIS" -f brat a/x.txt > a.ann
"$PRECIS" -f brat b/x.txt > b.ann
"$PRECIS" -f brat --out-dir o1 a/x.txt b/x.txt; rc=$?
[ $rc -eq 0 ] && cmp -s o1/x.ann a.ann && cmp -s o1/x-2.ann b.ann && ok || no "same base name in two folders: exit $rc, files: $(ls o1)"
printf '%s\n' '{"id":"k","text":"Ana Ruiz said the port would reopen."}' \
  '{"id":"k","text":"Peter Lomas said the shops would suffer."}' \
  '{"id":"k-2","text":"Tane said the ferries would run."}' \
  '{"id":"doc000001","text":"Whitfield said the state would pay."}' \
  '{"id":"a/b","text":"A spokesman said the council would vote."}' > ids.jsonl
"$PRECIS" -f brat --out-dir o2 ids.jsonl; rc=$?
[ $rc -eq 0 ] && [ "$(ls o2 | tr '\n' ' ')" = "doc000001-2.ann doc000001.ann k-2-2.ann k-2.ann k.ann " ] && ok \
  || no "repeated ids / docNNNNNN: exit $rc, files: $(ls o2 | tr '\n' ' ')"
grep -q "Lomas" o2/k-2.ann && grep -q "Tane" o2/k-2-2.ann && grep -q "Whitfield" o2/doc000001.ann \
  && grep -q "spokesman" o2/doc000001-2.ann && ok || no "--out-dir: a document in the wrong file"
# a file that cannot be written: exit 2 (docs/cli.md: "a file could not be ... written")
mkdir -p o3/x.ann
"$PRECIS" -f brat --out-dir o3 a/x.txt 2> err; rc=$?
[ $rc -eq 2 ] && grep -q "cannot write" err && ok || no "--out-dir write failure: exit $rc"
# --out-dir is for brat: refused with another format, no folder made
for f in text json jsonl; do
  "$PRECIS" -f $f --out-dir o4 a/x.txt > out 2> err; rc=$?
  [ $rc -eq 2 ] && [ ! -e o4 ] && [ ! -s out ] && [ "$(wc -l < err)" = 1 ] && ok || no "-f $f --out-dir: exit $rc"
done

# ---- -f brat without --out-dir: one document only --------------------------
"$PRECIS" -f brat a/x.txt b/x.txt > out 2> err; rc=$?
[ $rc -eq 2 ] && [ ! -s out ] && grep -q -- "--out-dir" err && ok || no "-f brat, two files, no --out-dir: exit $rc"
"$PRECIS" -f brat ids.jsonl > out 2> err; rc=$?
[ $rc -eq 2 ] && [ ! -s out ] && grep -q -- "--out-dir" err && ok || no "-f brat, JSONL of five documents, no --out-dir: exit $rc"
"$PRECIS" -f brat a/x.txt > out; rc=$?
[ $rc -eq 0 ] && cmp -s out a.ann && ok || no "-f brat of one document"
head -1 ids.jsonl | "$PRECIS" -f brat -i jsonl > out; rc=$?
[ $rc -eq 0 ] && grep -q "^E1" out && ok || no "-f brat of a one-line JSONL"

# ---- JSONL ids and byte order mark ------------------------------------------
printf '\xef\xbb\xbf{"id":"bom","text":"Mayor Ana Ruiz said the port would reopen."}\n' > bom.jsonl
"$PRECIS" -f jsonl bom.jsonl > out 2> err; rc=$?
[ $rc -eq 0 ] && python3 -c '
import json,sys; r=[json.loads(l) for l in open("out")]
assert len(r)==1 and r[0]["id"]=="bom" and "error" not in r[0] and r[0]["quotes"], r' && ok || no "UTF-8 BOM on the first JSONL line: exit $rc, $(cut -c1-120 out)"
printf '%s\n' '{"id":12345678901234567890,"text":"Hello there."}' '{"id":1e400,"text":"Hello there."}' \
  '{"id":-1.50,"text":"Hello there."}' '{"id":7,"meta":{"views":1e999},"text":"Hello there."}' > num.jsonl
"$PRECIS" -f jsonl num.jsonl > out 2> err; rc=$?
[ $rc -eq 0 ] && python3 -c '
import json,sys; r=[json.loads(l) for l in open("out")]
assert [x["id"] for x in r]==["12345678901234567890","1e400","-1.50","7"], r
assert not any("error" in x for x in r)' && ok || no "numeric ids: exit $rc, $(cut -c1-100 out)"
printf '%s\n' '{"id":"a\u0000b","text":"Hello there."}' > nul.jsonl
for f in json jsonl; do
  "$PRECIS" -f $f nul.jsonl > out 2> err; rc=$?
  [ $rc -eq 0 ] && python3 -c '
import json,sys; d=json.load(open("out"))
assert d["id"]=="a\ufffdb", d["id"]' && ok || no "NUL in an id (-f $f): exit $rc, $(cut -c1-80 out)"
done
printf '%s\n' '{"id":"a\u0000b","text":5}' > nul2.jsonl
"$PRECIS" -f jsonl nul2.jsonl > out 2> err; rc=$?
[ $rc -eq 1 ] && python3 -c '
import json,sys; d=json.load(open("out"))
assert d["id"]=="a\ufffdb" and "error" in d, d' && ok || no "NUL in the id of an error record: exit $rc, $(cat out)"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
