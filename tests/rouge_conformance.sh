#!/usr/bin/env bash
# rouge_conformance.sh - the ROUGE scorer reproduces every value of the shared
# golden file (rouge-score package output) within 1e-6.
# Usage: bash tests/rouge_conformance.sh /path/to/precis
set -u
PRECIS=${1:?usage: rouge_conformance.sh /path/to/precis}
SHARED=${PRECIS_SHARED:-${PRECIS_SOURCE:-.}/../shared}
GOLDEN="$SHARED/conformance/rouge_golden.jsonl"
if [ ! -r "$GOLDEN" ]; then
  echo "skipped: $GOLDEN not present (shared data folder absent)"
  exit 77
fi
out=$("$PRECIS" eval rouge --conformance "$GOLDEN")
rc=$?
echo "$out"
if [ $rc -ne 0 ]; then
  echo "FAIL: conformance check exited $rc"
  exit 1
fi
# every row has 4 metrics, each [P, R, F] within 1e-6 (214 rows: 856 values)
rows=$(grep -c '[^[:space:]]' "$GOLDEN")
want="$((rows * 4)) passed, 0 failed"
if [ "$out" != "$want" ]; then
  echo "FAIL: expected '$want'"
  exit 1
fi
echo "ok"
