#!/usr/bin/env bash
# golden.sh - golden tests: precis -f json on each tests/golden/NAME.txt must
# print exactly tests/golden/NAME.json (run from inside tests/golden with the
# bare file name, so the "id" is NAME.txt).  Each expected file is also
# checked for consistency: every quote cue/source/content, figure, heading
# and key-point span must index the input in Unicode code points.
# Usage: bash tests/golden.sh /path/to/precis
# Regenerate the expected files with tools/update-golden.sh PRECIS (and read
# every change before committing it).
#
# The articles run through the default pipeline (statistical taggers plus
# rules), which is what users get.  PRECIS_GOLDEN_ARGS adds options (e.g.
# PRECIS_GOLDEN_ARGS=--no-tagger to look at the rules alone; the expected files
# are for the default); the same variable is read by tools/update-golden.sh.
# Known tagger errors kept in the expected output: "Union" (of "Union leader
# Ibrahim Sesay") as an organisation, "Valdoria" (a country) as an organisation.
#
# tests/golden/conllu/NAME.txt: precis -f conllu must print exactly
# NAME.conllu (run from inside tests/golden/conllu), and NAME.conllu must be
# well-formed CoNLL-U whose tokens index NAME.txt (tests/check_conllu.py).
# These hold the parser's trees: a new parser model changes them, and
# tools/update-golden.sh regenerates them with the JSON files.
set -u
PRECIS=${1:?usage: golden.sh /path/to/precis}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/golden
cd "$dir" || { echo "FAIL: no $dir"; exit 1; }

shopt -s nullglob
txts=(*.txt)
[ ${#txts[@]} -gt 0 ] || { echo "FAIL: no golden articles in $dir"; exit 1; }

have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1
[ $have_py = 1 ] || echo "note: python3 not found, span checks skipped"

tmp=$(mktemp "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT

fail=0
for txt in "${txts[@]}"; do
  name=${txt%.txt}
  exp=$name.json
  if [ ! -f "$exp" ]; then
    echo "FAIL: $name: no expected output $exp (run tools/update-golden.sh)"
    fail=1
    continue
  fi
  # shellcheck disable=SC2086
  "$PRECIS" ${PRECIS_GOLDEN_ARGS-} -f json "$txt" > "$tmp"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL: $name: precis exited with status $rc"
    fail=1
    continue
  fi
  if d=$(diff -u "$exp" "$tmp"); then
    echo "ok: $name"
  else
    echo "FAIL: $name: output differs from $exp (- expected, + actual):"
    printf '%s\n' "$d"
    fail=1
  fi
  if [ $have_py = 1 ]; then
    python3 - "$txt" "$exp" <<'PY' || fail=1
import json, sys
txt_path, json_path = sys.argv[1], sys.argv[2]
with open(txt_path, 'rb') as f:
    text = f.read().decode('utf-8', errors='replace')
with open(json_path, encoding='utf-8') as f:
    doc = json.load(f)
bad = []
def check(where, item):
    if item is None:
        return
    s, e = item['span']
    if not (0 <= s <= e <= len(text)):
        bad.append('%s: span %s out of range' % (where, item['span']))
    elif text[s:e] != item['text']:
        bad.append('%s: text %r but input[%d:%d] is %r' % (where, item['text'], s, e, text[s:e]))
for i, q in enumerate(doc['quotes']):
    check('quotes[%d].cue' % i, q['cue'])
    check('quotes[%d].source' % i, q['source'])
    if not q['content']:
        bad.append('quotes[%d]: no content' % i)
    for j, c in enumerate(q['content']):
        check('quotes[%d].content[%d]' % (i, j), c)
for i, f in enumerate(doc['figures']):
    check('figures[%d]' % i, f)
for i, h in enumerate(doc['headings']):
    check('headings[%d]' % i, h)
for i, c in enumerate(doc['captions']):
    check('captions[%d]' % i, c)
for i, b in enumerate(doc['boilerplate']):
    check('boilerplate[%d]' % i, b)
    if b['kind'] not in ('prompt', 'share', 'related', 'byline', 'dateline'):
        bad.append('boilerplate[%d]: kind %r' % (i, b['kind']))
for i, k in enumerate(doc['keypoints']):
    s, e = k['span']
    if not (0 <= s < e <= len(text)):
        bad.append('keypoints[%d]: span %s out of range' % (i, k['span']))
for i, en in enumerate(doc['entities']):
    for s, e in en['mentions']:
        if not (0 <= s < e <= len(text)) or text[s:e].strip() != text[s:e]:
            bad.append('entities[%d] %r: bad mention span [%d,%d]' % (i, en['name'], s, e))
if doc['stats']['chars'] != len(text):
    bad.append('stats.chars %d but the input has %d code points' % (doc['stats']['chars'], len(text)))
if doc['id'] != txt_path:
    bad.append('id %r, expected %r' % (doc['id'], txt_path))
for b in bad:
    print('FAIL: %s: %s' % (json_path, b))
sys.exit(1 if bad else 0)
PY
  fi
done

# CoNLL-U: the tokens, tags and trees of the default pipeline
cd "$dir/conllu" || { echo "FAIL: no $dir/conllu"; exit 1; }
for txt in *.txt; do
  name=${txt%.txt}
  exp=$name.conllu
  if [ ! -f "$exp" ]; then
    echo "FAIL: conllu/$name: no expected output $exp (run tools/update-golden.sh)"
    fail=1
    continue
  fi
  # shellcheck disable=SC2086
  "$PRECIS" ${PRECIS_GOLDEN_ARGS-} -f conllu "$txt" > "$tmp"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL: conllu/$name: precis exited with status $rc"
    fail=1
    continue
  fi
  if d=$(diff -u "$exp" "$tmp"); then
    echo "ok: conllu/$name"
  else
    echo "FAIL: conllu/$name: output differs from $exp (- expected, + actual; a new parser model? then"
    echo "      tools/update-golden.sh PRECIS conllu/$name, and read the diff):"
    printf '%s\n' "$d"
    fail=1
  fi
  if [ $have_py = 1 ]; then
    python3 "$here/check_conllu.py" "$exp" "$txt" > /dev/null || fail=1
  fi
done
exit $fail
