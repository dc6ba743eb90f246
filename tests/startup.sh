#!/usr/bin/env bash
# startup.sh - lazy stages (issue 13): a run that needs no model touches
# none, so its peak memory is the program's own, not the built-in models'
# (about 130 MB when they are decoded).  Checked with GNU time's peak RSS
# for: empty input, blank input (text and JSON output), --no-tagger on an
# article, "precis extract" on a page, "precis eval rouge".  The bound is
# generous (24 MB: the program and its shared libraries take about 5-8 MB),
# so it only fails when a model is decoded; no timing is asserted.  The
# peak RSS of an article analysed with the models is printed for reference.
# Usage: bash tests/startup.sh /path/to/precis
set -u
PRECIS=${1:?usage: startup.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! { [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/rss" true 2>/dev/null && [ -s "$tmp/rss" ]; }; then
  echo "SKIP: GNU time not found at /usr/bin/time (Debian package time)"; exit 77
fi
pass=0; fail=0
LIMIT=24576 # KB
# an ASan/UBSan build (CMake's PRECIS_SANITIZE) carries shadow memory and a
# quarantine of freed blocks: about 25 MB for the article run with no model,
# against the 40+ MB more that touching a model's image costs
if [ "${PRECIS_SANITIZED:-0}" = 1 ]; then LIMIT=40960; fi
rss() { # rss NAME CMD... (stdin from $IN): prints the peak RSS in KB
  /usr/bin/time -f %M -o "$tmp/rss" "$@" <"$IN" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne 0 ]; then echo "exit $rc: $(head -c 300 "$tmp/err")" >&2; echo 999999; return; fi
  tail -n 1 "$tmp/rss"
}
small() { # small NAME CMD...
  local name=$1; shift
  local kb; kb=$(rss "$@")
  if [ "$kb" -le $LIMIT ]; then pass=$((pass + 1)); else echo "FAIL: $name: peak RSS $kb KB > $LIMIT KB (a model was decoded?)"; fail=$((fail + 1)); fi
}
: >"$tmp/empty"
printf '  \n\n\t \n' >"$tmp/blank"
printf 'The cat sat on the mat today.\n' >"$tmp/ref.txt"
printf 'The cat sat on a mat.\n' >"$tmp/pred.txt"
IN=$tmp/empty small "empty input" "$PRECIS"
IN=$tmp/empty small "empty input, json" "$PRECIS" -f json
IN=$tmp/blank small "blank input" "$PRECIS"
IN=$tmp/blank small "blank input, jsonl" "$PRECIS" -f jsonl -i text
IN=$tmp/empty small "--no-tagger on an article" "$PRECIS" --no-tagger "$SRC/examples/harbour-bridge.txt"
IN=$tmp/empty small "extract" "$PRECIS" extract "$SRC/tests/extract/harbour-pier.html"
IN=$tmp/empty small "eval rouge" "$PRECIS" eval rouge "$tmp/ref.txt" "$tmp/pred.txt"
IN=$tmp/empty
kb=$(rss "$PRECIS" "$SRC/examples/harbour-bridge.txt")
echo "(article with the models: peak RSS $kb KB)"
echo "startup: $pass passed, $fail failed"
[ $fail -eq 0 ]
