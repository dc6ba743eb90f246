#!/usr/bin/env python3
"""check_conllu.py - is a file well-formed CoNLL-U as precis writes it?

    python3 tests/check_conllu.py OUT.conllu [TEXT]

Checks, for every sentence block: comment lines (# newdoc, # newpar,
# sent_id = ..., # text = ...) before the tokens, sent_id unique in the file;
every token line has 10 tab-separated columns; IDs run 1..n; HEAD is 0..n
(or "_" together with DEPREL, in a sentence not parsed: then all its heads
are "_"); exactly one root (HEAD 0, DEPREL "root") per parsed sentence and
no cycles; LEMMA, XPOS, FEATS, DEPS are "_"; MISC is [SpaceAfter=No|]
TokenRange=S:E with S < E and ranges increasing in a document; "# text" equals the FORMs
joined with a space unless SpaceAfter=No.  With TEXT (the analysed text, one
document): every FORM is TEXT[S:E] in code points (tab and line breaks in a
FORM were written as spaces).  Prints what is wrong; exit 1 if anything is.
Prints "N documents, M sentences, K tokens" to stdout when all is well."""
import re
import sys

UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "_"}


def main():
    raw = open(sys.argv[1], "rb").read().decode("utf-8")
    text = None
    if len(sys.argv) > 2:
        text = open(sys.argv[2], "rb").read().decode("utf-8", errors="replace").replace("\0", "\ufffd")
    bad = []
    lines = raw.split("\n")
    if raw and not raw.endswith("\n"):
        bad.append("the output does not end with a line break")
    ids = set()
    ndocs = nsents = ntoks = 0
    block, comments, start = [], [], 0
    last_end = -1

    def sentence(at):
        nonlocal nsents, ntoks, last_end
        if not block:
            for c in comments:
                if not (c.startswith("# newdoc") or c.startswith("# precis:")):
                    bad.append("line %d: comment %r without a sentence" % (at, c))
            return
        nsents += 1
        ntoks += len(block)
        where = "sentence ending at line %d" % at
        sid = [c for c in comments if c.startswith("# sent_id = ")]
        txt = [c for c in comments if c.startswith("# text = ")]
        if len(sid) != 1 or len(txt) != 1:
            bad.append("%s: needs one # sent_id and one # text" % where)
        elif sid[0] in ids:
            bad.append("%s: %s repeated" % (where, sid[0]))
        else:
            ids.add(sid[0])
        n = len(block)
        heads, rebuilt = [], ""
        for k, cols in enumerate(block):
            if len(cols) != 10:
                bad.append("%s: token %d has %d columns" % (where, k + 1, len(cols)))
                return
            i, form, lemma, upos, xpos, feats, head, rel, deps, misc = cols
            if i != str(k + 1):
                bad.append("%s: ID %r, expected %d" % (where, i, k + 1))
            if not form or form != form.strip():
                bad.append("%s: FORM %r" % (where, form))
            if (lemma, xpos, feats, deps) != ("_", "_", "_", "_"):
                bad.append("%s: token %d: LEMMA, XPOS, FEATS, DEPS must be _" % (where, k + 1))
            if upos not in UPOS:
                bad.append("%s: token %d: UPOS %r" % (where, k + 1, upos))
            m = re.fullmatch(r"(SpaceAfter=No\|)?TokenRange=(\d+):(\d+)", misc)
            if not m:
                bad.append("%s: token %d: MISC %r" % (where, k + 1, misc))
                return
            s, e = int(m.group(2)), int(m.group(3))
            if not (last_end <= s < e):
                bad.append("%s: token %d: TokenRange %d:%d after %d" % (where, k + 1, s, e, last_end))
            last_end = e
            if text is not None:
                if e > len(text):
                    bad.append("%s: token %d: TokenRange %d:%d past the text" % (where, k + 1, s, e))
                elif re.sub(r"[\t\n\r\x00-\x1f]", " ", text[s:e]) != form:
                    bad.append("%s: token %d: FORM %r but the text is %r" % (where, k + 1, form, text[s:e]))
            rebuilt += form + ("" if m.group(1) or k == n - 1 else " ")
            if head == "_" or rel == "_":
                if (head, rel) != ("_", "_"):
                    bad.append("%s: token %d: HEAD %r DEPREL %r" % (where, k + 1, head, rel))
                heads.append(None)
                continue
            if not head.isdigit() or int(head) > n or int(head) == k + 1:
                bad.append("%s: token %d: HEAD %r" % (where, k + 1, head))
                return
            if (int(head) == 0) != (rel == "root"):
                bad.append("%s: token %d: HEAD %s with DEPREL %s" % (where, k + 1, head, rel))
            if not re.fullmatch(r"[a-z]+(:[a-z]+)?", rel):
                bad.append("%s: token %d: DEPREL %r" % (where, k + 1, rel))
            heads.append(int(head))
        if txt and txt[0][len("# text = "):] != rebuilt:
            bad.append("%s: # text %r, FORMs give %r" % (where, txt[0], rebuilt))
        if all(h is None for h in heads):
            return
        if any(h is None for h in heads):
            bad.append("%s: some tokens have a head and others not" % where)
            return
        if heads.count(0) != 1:
            bad.append("%s: %d roots" % (where, heads.count(0)))
        for k in range(n):  # following heads reaches the root within n steps
            j, steps = k + 1, 0
            while j != 0 and steps <= n:
                j, steps = heads[j - 1], steps + 1
            if j != 0:
                bad.append("%s: a cycle through token %d" % (where, k + 1))
                break

    for ln, line in enumerate(lines, 1):
        if line == "":
            sentence(ln)
            block, comments = [], []
        elif line.startswith("#"):
            if block:
                bad.append("line %d: a comment among the tokens" % ln)
            if line.startswith("# newdoc"):
                ndocs += 1
                last_end = -1  # ranges are per document
            comments.append(line)
        else:
            block.append(line.split("\t"))
    if block:
        bad.append("the last sentence is not followed by a blank line")
    for b in bad[:20]:
        print("FAIL: %s: %s" % (sys.argv[1], b))
    if bad:
        sys.exit(1)
    print("%d documents, %d sentences, %d tokens" % (ndocs, nsents, ntoks))


main()
