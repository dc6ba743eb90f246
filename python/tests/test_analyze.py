"""precis.analyze: the JSON of docs/json.md and the other formats, options,
and input the library has to repair."""

import json

import pytest

import precis
from conftest import EXAMPLE, run_tool


def test_version_is_the_librarys():
    assert precis.__version__ == precis._lib.lib.precis_version().decode()
    assert precis.__version__.count(".") == 2


def test_dict_is_the_json_schema(article):
    r = precis.analyze(article)
    assert isinstance(r, dict)
    for k in ("id", "keypoints", "quotes", "entities", "figures", "headings", "captions",
              "boilerplate", "stats"):
        assert k in r, k
    assert r["id"] is None
    assert 3 <= len(r["keypoints"]) <= 5
    kp = r["keypoints"][0]
    assert set(kp) == {"text", "claim", "speaker", "span", "sentence", "score"}
    s, e = kp["span"]
    assert 0 <= s < e <= len(article)
    # spans are code points of the text: the claim's first words are in the sentence
    assert kp["claim"].split()[1] in article[s:e]
    for q in r["quotes"]:
        for c in q["content"]:
            assert article[c["span"][0]:c["span"][1]] == c["text"]
    assert r["stats"]["chars"] == len(article)


def test_same_as_the_tool(article, precis_bin):
    out = run_tool(precis_bin, "-f", "json", EXAMPLE)
    assert out.returncode == 0, out.stderr
    assert precis.analyze(article, id=EXAMPLE) == json.loads(out.stdout)
    out = run_tool(precis_bin, "-f", "json", "-n", "2", "--summarizer", "textrank",
                   "--attrib", "rules", "--with-text", EXAMPLE)
    assert precis.analyze(article, id=EXAMPLE, max_keypoints=2, summarizer="textrank",
                          attrib="rules", with_text=True) == json.loads(out.stdout)
    out = run_tool(precis_bin, "-f", "json", "--attrib", "strict", EXAMPLE)
    assert precis.analyze(article, id=EXAMPLE, attrib="strict") == json.loads(out.stdout)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "brat", "conllu", "json"])
def test_formats_are_the_tools(article, precis_bin, fmt):
    out = run_tool(precis_bin, "-f", fmt, EXAMPLE)
    assert out.returncode == 0, out.stderr
    got = precis.analyze(article, format=fmt, id=EXAMPLE)
    assert isinstance(got, str)
    assert got == out.stdout.decode("utf-8")


def test_formats(article):
    j = precis.analyze(article, format="json")
    assert json.loads(j) == precis.analyze(article)
    line = precis.analyze(article, format="jsonl")
    assert "\n" not in line.rstrip("\n") and json.loads(line) == json.loads(j)
    conllu = precis.analyze(article, format="conllu")
    assert "\t" in conllu and "# text = " in conllu  # with_tokens implied
    assert "Key points" in precis.analyze(article, format="text")
    doc = precis.analyze(article, format="document")
    assert isinstance(doc, precis.Document)
    with pytest.raises(ValueError, match="format"):
        precis.analyze(article, format="xml")


def test_id():
    assert precis.analyze("x", id="a-1")["id"] == "a-1"
    assert precis.analyze("x", id=42)["id"] == "42"
    assert precis.analyze("x")["id"] is None
    assert precis.analyze("x", id="caf\u00e9")["id"] == "caf\u00e9"
    assert precis.analyze("x", id="a\udc80b")["id"] == "a?b"  # a lone surrogate
    assert precis.analyze("x", id='q"\\\n')["id"] == 'q"\\\n'


def test_options(article):
    assert len(precis.analyze(article, max_keypoints=1)["keypoints"]) == 1
    assert len(precis.analyze(article, max_keypoints=2)["keypoints"]) == 2
    assert precis.analyze(article, max_keypoints=0) == precis.analyze(article)
    lead = precis.analyze(article, summarizer="lead", max_keypoints=2)["keypoints"]
    assert [k["sentence"] for k in lead] == [0, 1]
    r = precis.analyze(article, no_tagger=True)
    assert r["stats"]["models"]["pos"] == "none" and r["stats"]["models"]["ner"] == "none"
    assert precis.analyze(article, attrib="rules")["stats"]["models"]["attrib"] == "none"
    assert precis.analyze(article)["stats"]["models"]["attrib"] == "builtin"
    # strict: the learned tagger (the model is used), the same as the tool's --attrib strict
    assert precis.analyze(article, attrib="strict")["stats"]["models"]["attrib"] == "builtin"
    assert precis.analyze(article, with_text=True)["text"] == article
    toks = precis.analyze(article, with_tokens=True)["tokens"]
    assert toks[0]["text"] == article.split()[0].rstrip(":")
    assert "tokens" not in precis.analyze(article)
    for bad in ({"max_keypoints": -1}, {"summarizer": "best"}, {"attrib": "magic"}):
        with pytest.raises(ValueError):
            precis.analyze(article, **bad)
    for bad in ({"max_keypoints": "3"}, {"max_keypoints": True}):
        with pytest.raises(TypeError):
            precis.analyze(article, **bad)
    with pytest.raises(TypeError):
        precis.analyze(12345)
    with pytest.raises(TypeError):
        precis.analyze(article, nonsense=1)


def test_bytes_and_str_agree(article):
    assert precis.analyze(article.encode("utf-8")) == precis.analyze(article)
    assert precis.analyze(bytearray(article.encode())) == precis.analyze(article)


def test_invalid_utf8_is_repaired():
    raw = (b"Mayor Ann Price said the bridge \xff\xfe would reopen in May.\n\n"
           b"\"We are \xc3 nearly there,\" she said.\x00 Repairs cost $4 million.\n")
    r = precis.analyze(raw, with_text=True)
    assert r["stats"]["repairs"] == 4  # \xff, \xfe, \xc3, \x00
    assert r["text"].count("\ufffd") == 4
    assert r["text"] == raw.decode("utf-8", "replace").replace("\x00", "\ufffd")
    assert r["figures"][0]["text"] == "$4 million"
    fig = r["figures"][0]["span"]
    assert r["text"][fig[0]:fig[1]] == "$4 million"
    # a str with lone surrogates (surrogateescape) is repaired too
    s = raw.decode("utf-8", "surrogateescape")
    assert precis.analyze(s)["stats"]["repairs"] >= 3
    doc = precis.Document(raw)
    assert doc.repairs == 4 and doc.text == r["text"]


def test_empty_and_odd_input():
    for t in ("", " ", "\n\n\n", "\u201c", "a" * 100000, "\U0001F600" * 1000):
        r = precis.analyze(t)
        assert r["keypoints"] == [] or all(k["span"][1] <= len(t) for k in r["keypoints"])
        assert r["stats"]["chars"] == len(t)


def test_ten_megabytes(article):
    # one 10 MB document: the article about 8,000 times, its figure changed in
    # each copy (the dateline "WELLINGTON:" only at the top: in the middle of a
    # text the library reads it as a speaker, see the report of issue 12)
    body = article.split(": ", 1)[1]
    parts = [article]
    size = len(article)
    while size < 10_000_000:
        parts.append(body.replace("42 million", f"{len(parts)} million"))
        size += len(parts[-1]) + 2
    n = len(parts)
    big = "\n\n".join(parts)
    assert len(big.encode()) >= 10_000_000
    one = precis.analyze(article)
    r = precis.analyze(big)
    assert r["stats"]["chars"] == len(big)
    assert 3 <= len(r["keypoints"]) <= 5
    # every copy's quotes and figures are found
    assert len(r["quotes"]) == n * len(one["quotes"])
    assert len(r["figures"]) == n * len(one["figures"])
    plans = [f["value"] for f in r["figures"] if f["text"].endswith(" million")
             and f["unit"] == "USD"]
    assert plans == [42e6] + [i * 1e6 for i in range(1, n)]
    last = r["quotes"][-1]["content"][-1]
    assert big[last["span"][0]:last["span"][1]] == last["text"]
