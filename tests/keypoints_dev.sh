#!/usr/bin/env bash
# The key points of the two summarisation dev files (../shared/data/summ:
# CNN/DailyMail validation 1000, BBC News Summary dev) are clean (issue 10):
# no boilerplate ("Scroll down", "Click here", "PUBLISHED:"), no point that
# starts with a pronoun nothing resolves, none over 45 words, and a speaker
# suffix only for a person or organisation the document names (never a place,
# never the source's raw text); and they beat lead-3 (below).  Skips (77)
# without ../shared or python3.
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
            # a person's short name is the surname with its particles, without
            # a suffix ("Samour" of "Carlos A. Samour Jr.", "Field" of "Frank
            # Field MP": export.c ent_shortname)
            SUFFIX = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "MP", "MSP", "MEP", "AM", "QC", "KC", "OBE",
                      "CBE", "MBE", "PhD", "MD"}
            def bare(n):
                w = n.split(" ")
                while len(w) > 1 and w[-1] in SUFFIX:
                    w.pop()
                return " ".join(w)
            ok = any(e["type"] in ("person", "organization", "org") and
                     (e["name"] == sp or e["name"].endswith(" " + sp) or bare(e["name"]) == sp or
                      bare(e["name"]).endswith(" " + sp)) for e in ents)
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
# Issue 10's bar, as a dev regression check: the default key points beat
# precis's own lead-3 on CNN/DailyMail validation by >= 1.0 ROUGE-1 and do not
# lose on ROUGE-2 or ROUGE-Lsum; on BBC they beat it on all three.  (The
# hand-tuned weights were tuned on these files: docs/keypoints.md.)
for f in cnndm_validation_1000 bbc_news_summary_dev; do
  "$PRECIS" --summarizer lead -n 3 -i jsonl -f jsonl < "$S/$f.jsonl" > "$tmp/$f.lead.jsonl" || { echo "FAIL: lead-3 on $f"; exit 1; }
  "$PRECIS" eval rouge "$S/$f.jsonl" "$tmp/$f.jsonl" --format json > "$tmp/kp.json" &&
    "$PRECIS" eval rouge "$S/$f.jsonl" "$tmp/$f.lead.jsonl" --format json > "$tmp/lead.json" ||
    { echo "FAIL: eval rouge on $f"; exit 1; }
  "$PY" - "$tmp/kp.json" "$tmp/lead.json" "$f" <<'PY' || rc=1
import json, sys
kp, lead, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
need = {"rouge1": 0.010 if name.startswith("cnndm") else 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
ok = True
for m, margin in need.items():
    a, b = kp[m]["f"], lead[m]["f"]
    good = a - b >= margin if margin else a > b
    print("%s %s: key points %.2f, lead-3 %.2f (%+.2f, needs %s%.1f)%s" %
          (name, m, 100 * a, 100 * b, 100 * (a - b), ">= +" if margin else "> +", 100 * margin, "" if good else "  FAIL"))
    ok = ok and good
sys.exit(0 if ok else 1)
PY
done
exit $rc
