#!/usr/bin/env bash
# general_news.sh - what the engine must never say on general news (0.12.1,
# docs/attribution.md "0.12.1"): over the CNN/DM validation articles, the
# Daily Mail sample and BBC dev, no quote has a cue with a digit in it ("1-0
# defeat at"), a source that is a day, a month or a time ("Saturday"), a
# source of function words alone ("The", "an"), or an object pronoun as the
# source before its cue ("saying me").  Needs ../shared (exit 77 otherwise).
# About 15 seconds.  Usage: bash tests/general_news.sh /path/to/precis
set -u
PRECIS=${1:?usage: general_news.sh PRECIS}
SHARED=${PRECIS_SHARED:-$(cd "$(dirname "$0")/.." && pwd)/../shared}
S=$SHARED/data/summ
for f in cnndm_validation_1000 cnndm_dm_sample97 bbc_news_summary_dev; do
  [ -f "$S/$f.jsonl" ] || { echo "skipped: $S/$f.jsonl not present (../shared is only on developer and CI machines)"; exit 77; }
done
command -v python3 >/dev/null || { echo "skipped: python3 needed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/general_news.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
for f in cnndm_validation_1000 cnndm_dm_sample97 bbc_news_summary_dev; do
  "$PRECIS" -i jsonl -f jsonl "$S/$f.jsonl" > "$tmp/$f.jsonl" || { echo "FAIL: precis on $f: exit $?"; exit 1; }
done
python3 - "$tmp"/*.jsonl <<'PY'
import json, re, sys
TIME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tonight", "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december"}
FUNC = {"the", "a", "an", "and", "or", "but", "of", "for", "to", "in", "at", "on", "with", "by", "from", "about", "as"}
OBJ = {"me", "him", "us", "them"}
bad, n = [], 0
for fn in sys.argv[1:]:
    for line in open(fn, encoding="utf-8"):
        d = json.loads(line)
        for q in d.get("quotes", []):
            n += 1
            cue, src = q.get("cue"), q.get("source")
            if cue and re.search(r"\d", cue["text"]):
                bad.append(("a digit in the cue", d["id"], cue["text"]))
            if not src:
                continue
            w = re.findall(r"[\w']+", src["text"].lower())
            if w and len(w) <= 2 and all(x in TIME for x in w):
                bad.append(("a day or a time as the source", d["id"], src["text"]))
            if w and all(x in FUNC for x in w):
                bad.append(("function words as the source", d["id"], src["text"]))
            if src["text"] in OBJ and cue and src["span"][1] <= cue["span"][0]:
                bad.append(("an object pronoun as the source", d["id"], src["text"]))
for b in bad[:20]:
    print("FAIL: %s: %s: %r" % b)
if n < 20000:
    print("FAIL: only %d quotes over the three files" % n)
    sys.exit(1)
print("%d quotes, %d faults" % (n, len(bad)))
sys.exit(1 if bad else 0)
PY
