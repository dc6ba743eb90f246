#!/usr/bin/env bash
# make bench: quality (ROUGE, attribution) and speed of precis on ../shared.
# usage: bench/run.sh PRECIS SHARED_DIR [--quick]
# Prints Markdown tables (BENCHMARKS.md is made from this output).
set -u
PRECIS=$(realpath "${1:?usage: bench/run.sh PRECIS SHARED}")
SHARED=${2:-../shared}
QUICK=${3:-}
D="$SHARED/data"
if [ ! -d "$D" ]; then echo "bench: $D not present; nothing to measure (../shared is only on developer and CI machines)"; exit 0; fi
OUT=${BENCH_OUT:-bench/out}
mkdir -p "$OUT"
CNN="$D/summ/cnndm_validation_1000.jsonl"
BBC="$D/summ/bbc_news_summary_dev.jsonl"

echo "# precis benchmark — $(date -u +%Y-%m-%d), $("$PRECIS" --version)"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM, $(. /etc/os-release; echo "$PRETTY_NAME")"
echo "Command: \`make bench\` (bench/run.sh)"
echo

rouge_row() { # name refs preds
  "$PRECIS" eval rouge "$2" "$3" --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
print("| %s | %d | %s |" % (sys.argv[1], d["n"], " | ".join("%.2f" % (100*d[k]["f"]) for k in ["rouge1","rouge2","rougeL","rougeLsum"])))' "$1"
}

echo "## Quality: ROUGE F1 (references = highlights joined by \\n, predictions = key points joined by \\n; stemming on)"
for set in CNN BBC; do
  f=${!set}
  name=$(basename "$f" .jsonl)
  echo
  echo "### $name"
  echo
  echo "| system | docs | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-Lsum |"
  echo "|---|---|---|---|---|---|"
  "$PRECIS" -i jsonl -f jsonl --summarizer lead -n 3 < "$f" > "$OUT/$name.lead3.jsonl"
  "$PRECIS" -i jsonl -f jsonl --summarizer textrank -n 3 < "$f" > "$OUT/$name.textrank3.jsonl"
  "$PRECIS" -i jsonl -f jsonl -n 3 < "$f" > "$OUT/$name.precis3.jsonl"
  "$PRECIS" -i jsonl -f jsonl < "$f" > "$OUT/$name.precis.jsonl"
  rouge_row "lead-3" "$f" "$OUT/$name.lead3.jsonl"
  rouge_row "textrank-3" "$f" "$OUT/$name.textrank3.jsonl"
  rouge_row "precis -n 3" "$f" "$OUT/$name.precis3.jsonl"
  rouge_row "precis (default 3–5)" "$f" "$OUT/$name.precis.jsonl"
  "$PRECIS" eval oracle "$f" -n 3 --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
print("| oracle-3 (ceiling) | %d | %s |" % (d["n"], " | ".join("%.2f" % (100*d[k]["f"]) for k in ["rouge1","rouge2","rougeL","rougeLsum"])))'
done

echo
echo "## Quality: attribution on PolNeAR dev (precis -f brat, then precis eval attrib)"
echo
rm -rf "$OUT/polnear-dev"
"$PRECIS" -f brat --out-dir "$OUT/polnear-dev" "$D"/polnear/dev/text/*.txt
"$PRECIS" eval attrib "$D/polnear/dev" "$OUT/polnear-dev" --format json 2>/dev/null | python3 -c '
import json,sys
d=json.load(sys.stdin)
print("| role | exact P | exact R | exact F | overlap P | overlap R | overlap F |")
print("|---|---|---|---|---|---|---|")
for r in ("cue","source","content"):
    e=d[r]["exact"]; o=d[r]["overlap"]
    print("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |" % (r, 100*e["p"],100*e["r"],100*e["f"],100*o["p"],100*o["r"],100*o["f"]))
print()
print("Linked recall (gold relations found with cue, source and content matching): %.1f%% of %d; %d predicted relations, %d articles." % (100*d["linked_recall"], d["n_gold"], d["n_pred"], d["n_docs"]))'

echo
echo "## Quality: speakers on PolNeAR dev (precis eval speakers, ../shared/data/polnear/speakers_dev.jsonl)"
echo
rm -rf "$OUT/speakers-dev"; mkdir -p "$OUT/speakers-dev"
python3 -c 'import glob,json,os,sys
for f in sorted(glob.glob(sys.argv[1] + "/polnear/dev/text/*.txt")):
    print(json.dumps({"id": os.path.basename(f)[:-4], "text": open(f, encoding="utf-8", newline="").read()}))' "$D" |
  "$PRECIS" -i jsonl -f jsonl | python3 -c 'import json,sys
for l in sys.stdin: open(sys.argv[1] + "/%s.json" % json.loads(l)["id"], "w").write(l)' "$OUT/speakers-dev"
"$PRECIS" eval speakers "$D/polnear/speakers_dev.jsonl" "$OUT/speakers-dev" --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
print("| kind | scored items | found | right | accuracy | given found |")
print("|---|---|---|---|---|---|")
for k in ("name","pronoun","description","all"):
    e=d[k]
    print("| %s | %d | %d | %d | %.1f | %.1f |" % (k, e["n"], e["found"], e["right"], 100*e["accuracy"], 100*e["accuracy_found"]))'
echo
echo "## Speed: single thread, the 1,000 CNN/DM validation articles ($(du -m "$CNN" | cut -f1) MB of JSONL)"
echo
runs=10; [ -n "$QUICK" ] && runs=3
bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["article"].encode()) for l in open(sys.argv[1])))' "$CNN")
# PRECIS_BASELINE=/path/to/an/older/precis adds its full engine to the same
# run ("baseline" row), so that a change's speed is compared in one sitting.
BASELINE=${PRECIS_BASELINE:-}
measure() { # label args...
  local label=$1; shift
  local PRECIS=$PRECIS
  # one thread unless the row says -j (JSONL input defaults to every core);
  # a baseline older than 0.5.0 has no -j and is single-threaded
  if [ "$label" = baseline ]; then PRECIS=$BASELINE; fi
  case "$label $*" in *"-j "*) ;; baseline*) "$PRECIS" --help 2>&1 | grep -q -- '--jobs' && set -- -j 1 "$@" ;;
    *) set -- -j 1 "$@" ;; esac
  local json="$OUT/hf.json"
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs $runs --export-json "$json" "$PRECIS -i jsonl -f jsonl $* $CNN" >/dev/null 2>&1 || \
    hyperfine --warmup 1 --runs $runs --export-json "$json" "$PRECIS -i jsonl -f jsonl $* $CNN > /dev/null" >/dev/null 2>&1
    med=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
  else
    local t0=$(date +%s.%N); for _ in $(seq $runs); do "$PRECIS" -i jsonl -f jsonl "$@" "$CNN" >/dev/null; done
    med=$(python3 -c "print(($(date +%s.%N)-$t0)/$runs)")
  fi
  if [ -x /usr/bin/time ]; then
    rss=$( { /usr/bin/time -f '%M' "$PRECIS" -i jsonl -f jsonl "$@" "$CNN" >/dev/null; } 2>&1 | tail -1)
  else
    rss=na # apt-get install time (GNU time) for peak RSS
  fi
  echo "$label $med $rss"
}
{
  measure "full" 
  measure "lead" --summarizer lead
  measure "notagger" --no-tagger
  measure "jobs2" -j 2
  if [ -n "$BASELINE" ]; then measure "baseline"; fi
} > "$OUT/speed.txt"
python3 - "$OUT/speed.txt" "$bytes" <<'PY'
import sys
rows=[l.split() for l in open(sys.argv[1])]
b=int(sys.argv[2])
base={r[0]: float(r[1]) for r in rows}
names={"full":"precis (full engine)","lead":"precis --summarizer lead","notagger":"precis --no-tagger","baseline":"baseline: PRECIS_BASELINE (full engine)","jobs2":"precis -j 2 (full engine, 2 threads)"}
print("| run | median s | articles/s | MB/s | peak RSS MB | time vs --summarizer lead |")
print("|---|---|---|---|---|---|")
for r in rows:
    t=float(r[1]); rss=int(r[2])/1024 if r[2].isdigit() else float('nan')
    print("| %s | %.3f | %.0f | %.2f | %.1f | %.2f× |" % (names[r[0]], t, 1000/t, b/1e6/t, rss, t/base["lead"]))
PY
echo
echo "Timing: hyperfine median of $runs runs (after a warm-up); peak RSS: GNU time (%M). The full engine"
echo "includes the statistical taggers; \`--no-tagger\` is the engine before the models (rules only)."
echo "Every row runs one thread (\`-j 1\`) but \`-j 2\` (two analysis threads, output byte-identical to \`-j 1\`)."

echo
echo "## Start-up (issue 13): the whole process on an empty input and on one short article"
echo
# precis < /dev/null touches no model (lazy stages); examples/harbour-bridge.txt
# is one article with every stage on.  PRECIS_BASELINE adds the same rows for it.
SRC=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
startup() { # label binary args...
  local label=$1 bin=$2; shift 2
  local med rss
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 30 --export-json "$OUT/hf-start.json" "$bin $*" >/dev/null 2>&1
    med=$(python3 -c 'import json,sys; print("%.1f" % (1000*json.load(open(sys.argv[1]))["results"][0]["median"]))' "$OUT/hf-start.json")
  else
    local t0=$(date +%s.%N); for _ in $(seq 30); do "$bin" "$@" >/dev/null; done
    med=$(python3 -c "print('%.1f' % (1000*($(date +%s.%N)-$t0)/30))")
  fi
  if [ -x /usr/bin/time ]; then
    rss=$(for _ in 1 2 3 4 5; do { /usr/bin/time -f '%M' "$bin" "$@" >/dev/null; } 2>&1 | tail -1; done | sort -n | sed -n 3p)
    rss=$(python3 -c "print('%.1f' % ($rss/1024))")
  else
    rss=na
  fi
  echo "| $label | $med | $rss |"
}
echo "| run | median ms | peak RSS MB (median of 5) |"
echo "|---|---|---|"
startup "precis, empty input" "$PRECIS" /dev/null
startup "precis, one article (examples/harbour-bridge.txt)" "$PRECIS" "$SRC/examples/harbour-bridge.txt"
if [ -n "$BASELINE" ]; then
  startup "baseline, empty input" "$BASELINE" /dev/null
  startup "baseline, one article" "$BASELINE" "$SRC/examples/harbour-bridge.txt"
fi
echo
echo "Timing: hyperfine -N, median of 30 runs after 3 warm-ups; peak RSS: GNU time (%M)."
echo
echo "## Taggers (issue 4): dev accuracy, speed, size"
echo
pos=$("$PRECIS" eval pos "$D/ud_english_ewt/en_ewt-ud-dev.conllu" --format json)
ner=$("$PRECIS" eval ner "$D/conll2003/valid.txt" --format json)
speed=$("$PRECIS" eval ner "$D/conll2003/valid.txt" --bench 2>&1 | grep -o 'speed: [0-9]* tokens/s' | head -1)
SRC=$(cd "$(dirname "$0")/.." && pwd)
python3 - "$pos" "$ner" "$speed" "$SRC/models" <<'PY'
import json, os, sys
pos = json.loads(sys.argv[1]); ner = json.loads(sys.argv[2]); speed = sys.argv[3]; mdir = sys.argv[4]
print("| model | dev set | score | file size |")
print("|---|---|---|---|")
sz = lambda f: "%.1f MB" % (os.path.getsize(os.path.join(mdir, f)) / 1e6) if os.path.exists(os.path.join(mdir, f)) else "-"
print("| POS (UPOS) | UD EWT en_ewt-ud-dev.conllu, %d tokens | accuracy %.2f%% | %s |" % (pos["n"], 100 * pos["accuracy"], sz("pos.bin")))
labels = ", ".join("%s %.1f" % (k, 100 * v["f"]) for k, v in ner["labels"].items())
print("| NER (PER/ORG/LOC/MISC) | CoNLL-2003 valid.txt | entity F1 %.2f (P %.2f, R %.2f; %s) | %s |" % (100 * ner["f"], 100 * ner["p"], 100 * ner["r"], labels, sz("ner.bin")))
print()
print("Tagging speed, POS + NER together, one thread (`precis eval ner --bench`, CPU time over the dev set): %s." % speed.replace("speed: ", ""))
PY

echo
echo "## Parser (issue 8): dev attachment scores, speed, size"
echo
UDDEV="$D/ud_english_ewt/en_ewt-ud-dev.conllu"
parse=$("$PRECIS" eval parse "$UDDEV" --format json)
# speed: 5 runs of --bench (each the best of 10 passes over the dev set), the
# median; the POS tagger's speed on the same file in the same loop is the
# baseline the ratio is quoted against (a shared machine's noise hits both)
: > "$OUT/parse_speed.txt"
for i in 1 2 3 4 5; do
  p=$("$PRECIS" eval parse "$UDDEV" --bench 2>&1 >/dev/null | grep -o 'parsing: [0-9]*' | grep -o '[0-9]*')
  t=$("$PRECIS" eval pos "$UDDEV" --bench 2>&1 >/dev/null | grep -o '[0-9]* tokens/s' | head -1 | grep -o '^[0-9]*')
  echo "$p ${t:-0}" >> "$OUT/parse_speed.txt"
done
python3 - "$parse" "$OUT/parse_speed.txt" "$SRC/models" <<'PY'
import json, os, statistics, sys
o = json.loads(sys.argv[1]); rows = [list(map(int, l.split())) for l in open(sys.argv[2]) if l.strip()]
mdir = sys.argv[3]
sz = lambda f: "%.1f MB" % (os.path.getsize(os.path.join(mdir, f)) / 1e6) if os.path.exists(os.path.join(mdir, f)) else "-"
print("| model | dev set | UAS | LAS | LAS (full relations) | file size |")
print("|---|---|---|---|---|---|")
print("| parser (arc-hybrid, greedy) | UD EWT en_ewt-ud-dev.conllu, %d tokens, predicted UPOS | %.2f | %.2f | %.2f | %s |" % (
    o["n"], 100 * o["uas"], 100 * o["las"], 100 * o["las_full"], sz("parse.bin")))
p = statistics.median(r[0] for r in rows)
t = statistics.median(r[1] for r in rows)
print()
print("Parsing speed, one thread, parsing only (`precis eval parse --bench`: best of 10 passes over the dev set;")
print("median of 5 such runs): **%.0f tokens/s** (runs: %s). POS tagging alone in the same loop" % (p, ", ".join(str(r[0]) for r in rows)))
print("(`precis eval pos --bench`): %.0f tokens/s; parsing takes %.1f times as long as tagging." % (t, t / p if p else float("nan")))
PY

echo
echo "## HTTP service (issue 12): precis serve under ab, 127.0.0.1"
echo
# a bounded run: tests/serve_load.sh (it fails on any failed request); three
# runs, each line as that script prints it
if command -v ab >/dev/null; then
  for i in 1 2 3; do
    PRECIS_SOURCE="$SRC" bash "$SRC/tests/serve_load.sh" "$PRECIS" | sed 's/^/- /'
  done
  echo
  echo "Each run: 2,000 POST /v1/analyze of examples/harbour-bridge.txt (1.3 KB), 8 concurrent clients,"
  echo "\`precis serve --threads 2\`; latency percentiles as ab reports them (whole milliseconds)."
else
  echo "(skipped: no ab; Debian: apache2-utils)"
fi
