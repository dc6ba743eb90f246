#!/usr/bin/env bash
# oracle_cli.sh - "precis eval oracle": greedy sentence selection by
# mean(ROUGE-1 F, ROUGE-2 F), on a small hand-computed article.
# Usage: bash tests/oracle_cli.sh /path/to/precis   (needs no shared data)
set -u
PRECIS=${1:?usage: oracle_cli.sh /path/to/precis}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() {
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1"; echo "  expected: $2"; echo "  actual:   $3"; fail=1
  else
    echo "ok: $1"
  fi
}
cat > "$T/refs.jsonl" <<'JSON'
{"id": "x1", "article": "The council approved the new budget on Monday. Local schools will receive more money. The mayor praised the vote. Critics said taxes would rise.", "highlights": ["Council approved new budget", "Schools will receive more money"]}
JSON
# Round 1: "Local schools ..." (mean F .641) beats the first sentence (.369).
# Round 2: adding the first sentence raises it to .677; round 3: no gain.
# Summary = sentences 1 and 2: 14 tokens hold all 9 reference tokens in order;
# 6 of the 8 reference bigrams.
out=$("$PRECIS" eval oracle "$T/refs.jsonl" --no-stem --format json)
check "oracle, default n" '{"n": 1, "rouge1": {"p": 0.642857, "r": 1.000000, "f": 0.782609}, "rouge2": {"p": 0.461538, "r": 0.750000, "f": 0.571429}, "rougeL": {"p": 0.642857, "r": 1.000000, "f": 0.782609}, "rougeLsum": {"p": 0.642857, "r": 1.000000, "f": 0.782609}}' "$out"
# -n 1: only "Local schools will receive more money." (5 of 6 tokens, 5 of 9).
out=$("$PRECIS" eval oracle "$T/refs.jsonl" -n 1 --no-stem --format json)
check "oracle, -n 1" '{"n": 1, "rouge1": {"p": 0.833333, "r": 0.555556, "f": 0.666667}, "rouge2": {"p": 0.800000, "r": 0.500000, "f": 0.615385}, "rougeL": {"p": 0.833333, "r": 0.555556, "f": 0.666667}, "rougeLsum": {"p": 0.833333, "r": 0.555556, "f": 0.666667}}' "$out"
"$PRECIS" eval oracle "$T/refs.jsonl" -n 0 >/dev/null 2>&1; check "bad -n exit" 2 $?
printf '{"id": "y", "highlights": ["no article here"]}\n' > "$T/bad.jsonl"
"$PRECIS" eval oracle "$T/bad.jsonl" >/dev/null 2>&1; check "missing article exit" 1 $?
exit $fail
