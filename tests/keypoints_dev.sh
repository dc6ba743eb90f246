#!/usr/bin/env bash
# The key points of the two summarisation dev files (../shared/data/summ:
# CNN/DailyMail validation 1000, BBC News Summary dev) are clean (issue 10):
# no boilerplate ("Scroll down", "Click here", "PUBLISHED:"), no point that
# starts with a pronoun nothing resolves, none over 45 words, and a speaker
# suffix only for a person or organisation the document names (never a place,
# never the source's raw text).  Skips (77) without ../shared or python3.
set -u
PRECIS=${1:?usage: keypoints_dev.sh PRECIS}
SHARED=${PRECIS_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
S=$SHARED/data/summ
for f in cnndm_validation_1000 bbc_news_summary_dev; do
  [ -f "$S/$f.jsonl" ] || { echo "SKIP: no $S/$f.jsonl (../shared is only on developer and CI machines)"; exit 77; }
done
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
command -v "$PY" >/dev/null || { echo "SKIP: python3 needed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rc=0
for f in cnndm_validation_1000 bbc_news_summary_dev; do
  "$PRECIS" -i jsonl -f jsonl < "$S/$f.jsonl" > "$tmp/$f.jsonl" || { echo "FAIL: precis on $f"; exit 1; }
  "$PY" - "$tmp/$f.jsonl" "$f" <<'PY' || rc=1
import json, re, sys
BOILER = re.compile(r"Scroll down|Click here|PUBLISHED:", re.I)
# personal pronouns (and their possessives) that stand for someone earlier;
# I/we/you only when the point names its speaker
PRON = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this", "these", "those"}
PRON1 = {"i", "we", "you", "me", "us", "my", "our", "your"}
def words(t):
    return [w for w in t.split() if re.search(r"\w", w)]
bad, n = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    ents = d["entities"]
    for k in d["keypoints"]:
        n += 1
        t, claim, sp = k["text"], k["claim"], k["speaker"]
        why = []
        if BOILER.search(t):
            why.append("boilerplate")
        first = re.sub(r"^[\"“‘'(\[]+", "", claim).split()
        # the first word without the punctuation around it ("He," "(I"); "U.S." is no "us"
        w0 = re.sub(r"^\W+|\W+$", "", first[0].lower()) if first else ""
        # "this"/"that" open many a point as a determiner ("This year ..."): only
        # when the next word is a verb-like auxiliary do they stand alone
        if w0 in PRON - {"this", "these", "those"} or (w0 in PRON1 and not sp):
            why.append("pronoun start")
        if w0 in {"these", "those"} and len(first) > 1 and first[1].lower() in {"are", "were", "have", "had", "will", "would"}:
            why.append("pronoun start")
        if len(words(t)) > 45:
            why.append("over 45 words")
        if sp is not None:
            ok = any(e["type"] in ("person", "organization", "org") and
                     (e["name"] == sp or e["name"].endswith(" " + sp)) for e in ents)
            if not ok:
                why.append("speaker %r is no person or organisation of the document" % sp)
        if why:
            bad.append("%s: %s: %s" % (d.get("id"), ", ".join(why), t))
for b in bad[:20]:
    print("FAIL:", b)
print("%s: %d key points, %d faulty" % (sys.argv[2], n, len(bad)))
sys.exit(1 if bad or n == 0 else 0)
PY
done
exit $rc
