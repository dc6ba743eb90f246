#!/usr/bin/env bash
# The publisher's example (../shared/examples/nato-hegseth.*): the key point,
# the speakers of the quotes, the figures and the headings that issue 2 names.
set -u
PRECIS=${1:?usage: nato_example.sh PRECIS}
SHARED=${PRECIS_SHARED:-../shared}
ART="$SHARED/examples/nato-hegseth.article.txt"
if [ ! -f "$ART" ]; then
  echo "SKIP: $ART not present (../shared is only on developer and CI machines)"
  exit 77
fi
command -v python3 >/dev/null || { echo "SKIP: python3 needed to read the JSON"; exit 77; }
pass=0; fail=0
check() { if [ "$1" = ok ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2"; fi; }

txt=$("$PRECIS" "$ART")
if printf '%s\n' "$txt" | grep -qi -- "- Security guarantees would be needed for Ukraine: Hegseth\.\?$"; then
  check ok; else check no "key point 'Security guarantees would be needed for Ukraine: Hegseth' missing:"; printf '%s\n' "$txt"; fi

tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
"$PRECIS" -f json "$ART" > "$tmp"
python3 - "$ART" "$tmp" <<'PY'
import json, sys
art = open(sys.argv[1], encoding="utf-8").read()
d = json.load(open(sys.argv[2], encoding="utf-8"))
fails = []
def speaker_of(fragment):
    for q in d["quotes"]:
        for c in q["content"]:
            if fragment in c["text"]:
                return q["speaker"]
    return "<no quote>"
def expect(fragment, who):
    got = speaker_of(fragment)
    if got is None or who not in got:
        fails.append(f"quote {fragment!r}: speaker {got!r}, expected {who}")
expect("Our message is clear", "Hegseth")
expect("Secretary Hegseth, we hear you", "Healey")
expect("We hear your concerns", "Healey")
expect("We need to do a lot more", "Rutte")
expect("north of three percent", "Rutte")
expect("overwhelming share", "Hegseth")
expect("illusionary goal", "Hegseth")
figs = [f["text"] for f in d["figures"]]
for want in ("$185 million", "five percent of GDP"):
    if want not in figs:
        fails.append(f"figure {want!r} missing: {figs}")
heads = [h["text"] for h in d["headings"]]
for want in ("Illusionary goal", "A fresh package of aid"):
    if not any(want in h for h in heads):
        fails.append(f"heading {want!r} missing: {heads}")
# spans index the input in code points
for q in d["quotes"]:
    for part in [q["cue"], q["source"]] + q["content"]:
        if part and art[part["span"][0]:part["span"][1]] != part["text"]:
            fails.append(f"span {part['span']} is not {part['text']!r}")
for f in d["figures"]:
    if art[f["span"][0]:f["span"][1]] != f["text"]:
        fails.append(f"figure span {f['span']} is not {f['text']!r}")
for f in fails:
    print("FAIL:", f)
print(f"json checks: {len(fails)} failed")
sys.exit(1 if fails else 0)
PY
if [ $? -eq 0 ]; then check ok; else check no "JSON checks (see above)"; fi

# ROUGE-1 F of the key points against the publisher's three: issue 10's bar,
# 45 (the default, hand-tuned scorer gives 45.8; the opt-in learned scorer,
# --keypoints learned, 40.0 with the first point right: docs/keypoints.md).
REF="$SHARED/examples/nato-hegseth.keypoints.txt"
if [ -f "$REF" ]; then
  python3 -c 'import json,sys; print("\n".join(k["text"] for k in json.load(open(sys.argv[1]))["keypoints"]))' "$tmp" > "$tmp.kp"
  r1=$("$PRECIS" eval rouge "$REF" "$tmp.kp" --format json | python3 -c 'import json,sys; print(round(100*json.load(sys.stdin)["rouge1"]["f"],2))')
  rm -f "$tmp.kp"
  echo "ROUGE-1 F against the publisher's key points: $r1"
  if python3 -c "import sys; sys.exit(0 if $r1 >= 45 else 1)"; then check ok; else check no "ROUGE-1 $r1 < 45"; fi
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
