#!/usr/bin/env bash
# precis extract on the 92 dev pages of ../shared/data/html (half of a
# public article-extraction benchmark): F1 of 4-token shingles
# (precis eval extract) must stay at or above the figure reached when the
# extractor was written (0.968; the extractor was tuned on these pages),
# minus a small margin.  Skips (77) without ../shared or python3.
set -u
PRECIS=${1:?usage: extract_dev.sh PRECIS}
case $PRECIS in /*) ;; */*) PRECIS=$PWD/$PRECIS ;; esac
SHARED=${PRECIS_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
GT=$SHARED/data/html/ground-truth.json
H=$SHARED/data/html/html   # the pages (<key>.html.gz); some copies keep them beside ground-truth.json
[ -d "$H" ] || H=$SHARED/data/html
MIN_F1=${PRECIS_EXTRACT_MIN_F1:-0.960}
[ -f "$GT" ] || { echo "no $GT: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in "$H"/*.html.gz; do gzip -dc "$f" > "$tmp/$(basename "$f" .gz)"; done
( cd "$tmp" && "$PRECIS" extract -f json ./*.html ) > "$tmp/out.jsonl" || { echo "FAIL: precis extract exit $?"; exit 1; }
python3 - "$tmp/out.jsonl" "$tmp/pred.json" <<'PY'
import json, os, sys
d = {}
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    d[os.path.basename(o["id"])[:-len(".html")]] = {"articleBody": o["text"]}
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
PY
"$PRECIS" eval extract --format json "$GT" "$tmp/pred.json" > "$tmp/score.json" || { echo "FAIL: eval extract"; exit 1; }
python3 - "$tmp/score.json" "$MIN_F1" <<'PY'
import json, sys
o = json.load(open(sys.argv[1])); m = float(sys.argv[2])
print("extract dev: %d pages  P %.4f  R %.4f  F1 %.4f  (minimum %.3f)" % (o["pages"], o["precision"], o["recall"], o["f1"], m))
sys.exit(0 if o["f1"] >= m and o["pages"] == 92 and o["missing"] == 0 else 1)
PY
