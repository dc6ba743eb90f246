#!/usr/bin/env bash
# tokens.sh - the tokens and their dependency trees on the command line:
# --with-tokens (JSON "tokens"), -f conllu, --parse-model.  Structural
# checks only -- which tree the parser builds is the model's business (the
# one exact output is tests/golden/conllu, see golden.sh):
#   * "tokens" (and stats.models.parse) appear only with --with-tokens, and
#     the flag changes nothing else in the JSON;
#   * every token's span indexes the input, its sentence is valid, each
#     parsed sentence is one tree (one root, heads in the sentence, no
#     cycle); with --no-tagger nothing is tagged or parsed;
#   * -f conllu is well-formed (tests/check_conllu.py) and agrees with the
#     JSON tokens, for text, JSONL and HTML input;
#   * a model of the wrong kind is refused (exit 2).
# Usage: bash tests/tokens.sh /path/to/precis
set -u
PRECIS=${1:?usage: tokens.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
no() { fail=$((fail+1)); echo "FAIL: $*"; }
CHECK=$SRC/tests/check_conllu.py

# an article with a dateline, a heading, quotes, a possessive, a figure
cat > "$tmp/a.txt" <<'TXT'
NORTH WELLING: The regional water board said on Friday that the reservoir was 92% full.
Summer outlook
"We will not need a hosepipe ban this year," the board's director, Ilse Marten, told reporters.
She said the new pipeline had cost £12m and would open in June, according to the board.
TXT

# ---- JSON: opt-in, and nothing else changes
for rules in "" --no-tagger; do
  what="JSON${rules:+ $rules}"
  "$PRECIS" -f json $rules "$tmp/a.txt" > "$tmp/plain.json" || no "$what: exit $?"
  "$PRECIS" -f json $rules --with-tokens "$tmp/a.txt" > "$tmp/tok.json" || no "$what --with-tokens: exit $?"
  python3 - "$tmp/plain.json" "$tmp/tok.json" "$rules" <<'PY' && ok || no "$what: --with-tokens changed more than tokens"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert "tokens" not in a and "parse" not in a["stats"]["models"], "tokens without the flag"
assert "tokens" in b and list(b)[-1] == "tokens", list(b)
want = "none" if sys.argv[3] else "builtin"
assert b["stats"]["models"].get("parse") in (want, "none"), b["stats"]["models"]
del b["tokens"], b["stats"]["models"]["parse"]
assert a == b
PY
  python3 - "$tmp/a.txt" "$tmp/tok.json" "$rules" <<'PY' && ok || no "$what: tokens inconsistent"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
d = json.load(open(sys.argv[2]))
rules = bool(sys.argv[3])
t, ns = d["tokens"], d["stats"]["sentences"]
parsed = d["stats"]["models"]["parse"] != "none"
assert t, "no tokens"
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}
last, sent = -1, -1
by_sent = {}
for k, x in enumerate(t):
    assert set(x) == {"i", "text", "span", "sentence", "upos", "head", "deprel", "ner"}, x
    assert x["i"] == k, x
    s, e = x["span"]
    assert last <= s < e <= len(text) and text[s:e] == x["text"], x
    last = e
    assert x["sentence"] == -1 or sent <= x["sentence"] < ns, x
    if x["sentence"] >= 0:
        sent = x["sentence"]
        by_sent.setdefault(sent, []).append(x)
    assert x["ner"] in (None, "PER", "ORG", "LOC", "MISC"), x
    if rules or x["sentence"] < 0:
        assert x["upos"] is None and x["head"] is None and x["deprel"] is None, x
        assert rules is False or x["ner"] is None, x
    else:
        assert x["upos"] in UPOS, x
        assert (x["head"] is None) == (x["deprel"] is None) == (not parsed), x
assert t[0]["sentence"] == -1 and t[0]["text"] == "NORTH", "the dateline is in no sentence"
assert len(by_sent) == ns, "a sentence without tokens"
if not rules and parsed:
    for s, toks in by_sent.items():
        ids = {x["i"] for x in toks}
        roots = [x for x in toks if x["head"] == -1]
        assert len(roots) == 1 and roots[0]["deprel"] == "root", (s, roots)
        for x in toks:
            assert x["head"] == -1 or x["head"] in ids, ("head outside the sentence", x)
            assert (x["deprel"] == "root") == (x["head"] == -1), x
            j, steps = x["i"], 0
            while j != -1 and steps <= len(toks):
                j, steps = t[j]["head"], steps + 1
            assert j == -1, ("cycle", x)
if not rules:
    assert any(x["ner"] == "PER" for x in t), "no PER token"
PY
done
# text and brat output do not change with the flag
for f in text brat; do
  "$PRECIS" -f $f "$tmp/a.txt" > "$tmp/p.$f"
  "$PRECIS" -f $f --with-tokens "$tmp/a.txt" > "$tmp/t.$f"
  cmp -s "$tmp/p.$f" "$tmp/t.$f" && ok || no "--with-tokens changed -f $f"
done

# ---- CoNLL-U: well-formed, and the JSON tokens' words, spans and trees
for rules in "" --no-tagger; do
  what="conllu${rules:+ $rules}"
  "$PRECIS" -f conllu $rules "$tmp/a.txt" > "$tmp/a.conllu" || no "$what: exit $?"
  python3 "$CHECK" "$tmp/a.conllu" "$tmp/a.txt" > /dev/null && ok || no "$what: not well-formed"
  "$PRECIS" -f json --with-tokens $rules "$tmp/a.txt" > "$tmp/tok.json"
  python3 - "$tmp/a.conllu" "$tmp/tok.json" <<'PY' && ok || no "$what: differs from the JSON tokens"
import json, sys
d = json.load(open(sys.argv[2]))
rows = [l.split("\t") for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l and l[0] != "#"]
toks = [x for x in d["tokens"] if x["sentence"] >= 0]
assert len(rows) == len(toks), (len(rows), len(toks))
first = {}
for x in toks:
    first.setdefault(x["sentence"], x["i"])
for r, x in zip(rows, toks):
    assert r[1] == x["text"] and r[9].endswith("TokenRange=%d:%d" % tuple(x["span"])), (r, x)
    assert r[3] == (x["upos"] or "_"), (r, x)
    h = "_" if x["head"] is None else "0" if x["head"] == -1 else str(x["head"] - first[x["sentence"]] + 1)
    assert r[6] == h and r[7] == (x["deprel"] or "_"), (r, x)
sids = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("# sent_id = ")]
assert len(sids) == d["stats"]["sentences"], sids
assert sids[0].strip().endswith("a.txt-1"), sids[0]
PY
done
grep -q "^# newpar$" "$tmp/a.conllu" && grep -q "^# newdoc id = .*a.txt$" "$tmp/a.conllu" && ok || no "conllu: # newdoc / # newpar"
# standard input: no id
"$PRECIS" -f conllu < "$tmp/a.txt" > "$tmp/stdin.conllu"
head -1 "$tmp/stdin.conllu" | grep -qx "# newdoc" && grep -qx "# sent_id = 1" "$tmp/stdin.conllu" && ok || no "conllu from stdin: ids"

# JSONL: several documents, a line without id, a bad line; sent_ids unique
python3 - "$tmp/a.txt" > "$tmp/in.jsonl" <<'PY'
import json, sys
t = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"id": "first doc", "text": t}))
print(json.dumps({"text": "The mayor said the ferry would run again. \"Soon,\" she said."}))
print('{"id":"broken","text":')
print(json.dumps({"id": 42, "text": "Crews worked through the night, officials said."}))
PY
"$PRECIS" -f conllu "$tmp/in.jsonl" > "$tmp/jl.conllu" 2> "$tmp/jl.err"; rc=$?
[ $rc -eq 1 ] && grep -q "line 3" "$tmp/jl.err" && ok || no "conllu from JSONL with a bad line: exit $rc"
python3 "$CHECK" "$tmp/jl.conllu" > "$tmp/jl.sum" && grep -q "^3 documents" "$tmp/jl.sum" && ok || no "conllu from JSONL: $(cat "$tmp/jl.sum")"
grep -qx "# newdoc id = first_doc" "$tmp/jl.conllu" && grep -qx "# newdoc id = line000002" "$tmp/jl.conllu" &&
  grep -qx "# sent_id = 42-1" "$tmp/jl.conllu" && ok || no "conllu from JSONL: document ids"
# HTML
printf '<html><body><h1>Port news</h1><p>Mayor Ana Ruiz said the port would reopen on Monday.</p><p>&ldquo;We are ready,&rdquo; she told reporters.</p></body></html>' > "$tmp/a.html"
"$PRECIS" -f conllu "$tmp/a.html" > "$tmp/h.conllu" && python3 "$CHECK" "$tmp/h.conllu" > /dev/null &&
  grep -q "	Ruiz	" "$tmp/h.conllu" && grep -q "	“	" "$tmp/h.conllu" && ok || no "conllu from HTML"
# an empty document
: > "$tmp/empty.txt"
"$PRECIS" -f conllu "$tmp/empty.txt" > "$tmp/e.conllu" && [ "$(cat "$tmp/e.conllu")" = "# newdoc id = $tmp/empty.txt" ] && ok || no "conllu of an empty document"

# ---- models: a wrong kind is refused; the shipped parser gives the built-in result
"$PRECIS" --parse-model "$SRC/models/pos.bin" "$tmp/a.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "a pos model, not a parse model" "$tmp/err" && ok || no "--parse-model with a POS model (exit $rc)"
"$PRECIS" --parse-model "$tmp/none.bin" "$tmp/a.txt" > /dev/null 2>&1; [ $? -eq 2 ] && ok || no "--parse-model with a missing file"
if [ -f "$SRC/models/parse.bin" ]; then
  "$PRECIS" --pos-model "$SRC/models/parse.bin" "$tmp/a.txt" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] && grep -q "a parse model, not a pos model" "$tmp/err" && ok || no "--pos-model with a parser (exit $rc)"
  "$PRECIS" -f json --with-tokens --parse-model "$SRC/models/parse.bin" "$tmp/a.txt" > "$tmp/given.json"
  "$PRECIS" -f json --with-tokens "$tmp/a.txt" > "$tmp/builtin.json"
  grep -q '"parse":"given"' "$tmp/given.json" && grep -q '"parse":"builtin"' "$tmp/builtin.json" && ok || no "stats.models.parse"
  sed -i 's/"parse":"[a-z]*"//' "$tmp/given.json" "$tmp/builtin.json"
  cmp -s "$tmp/given.json" "$tmp/builtin.json" && ok || no "--parse-model models/parse.bin differs from the built-in parser"
else
  echo "note: models/parse.bin not found, parse model checks skipped"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
