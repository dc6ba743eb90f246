"""precis.Document: the objects read from the library's structs must say
what the JSON says (a check of every struct layout in precis/_lib.py)."""

import dataclasses

import pytest

import precis

# our own article with a heading, a caption, boilerplate and a split quote
FURNITURE = (
    "By . Petra Lindqvist .\n"
    "PUBLISHED: . 09:12 EST, 3 March 2026 . | . UPDATED: . 11:40 EST, 3 March 2026 .\n\n"
    "The harbour board approved a $12.5 million dredging plan on Tuesday, its chair Maria Solis said.\n\n"
    "Scroll down for video\n\n"
    "Dredging crews at work near the north pier, pictured, on Monday morning before the storm\n\n"
    "Costs and delays\n\n"
    "\"The channel is silting up,\" Solis told reporters, \"and ships of 40,000 tonnes cannot enter.\"\n\n"
    "About 35 percent of the port's trade depends on the channel, according to the board. "
    "Critics said the plan ignored the fishing fleet.\n\n"
    "Read more: Port traffic hits record high\n"
)


def span(s):
    return [s.start, s.end]


def ts(t):
    return None if t is None else {"text": t.text, "span": span(t.span)}


def as_json(doc):
    """The Document's objects in the JSON's shape."""
    return {
        "keypoints": [{"text": k.text, "claim": k.claim, "speaker": k.speaker, "span": span(k.span),
                       "sentence": k.sentence, "score": round(k.score, 2)} for k in doc.keypoints],
        "quotes": [{"kind": q.kind, "cue": ts(q.cue), "source": ts(q.source), "speaker": q.speaker,
                    "entity": q.entity, "content": [ts(c) for c in q.content]} for q in doc.quotes],
        "entities": [{"name": e.name, "type": e.type, "gender": e.gender, "title": e.title,
                      "mentions": [span(m) for m in e.mentions]} for e in doc.entities],
        "figures": [{"text": f.text, "kind": f.kind, "value": f.value, "unit": f.unit,
                     "span": span(f.span), "sentence": f.sentence} for f in doc.figures],
        "headings": [ts(h) for h in doc.headings],
        "captions": [ts(c) for c in doc.captions],
        "boilerplate": [{"text": b.text, "span": span(b.span), "kind": b.kind,
                         "sentence": b.sentence} for b in doc.boilerplate],
    }


@pytest.mark.parametrize("which", ["article", "furniture"])
def test_objects_match_the_json(article, which):
    text = article if which == "article" else FURNITURE
    with precis.Document(text, with_tokens=True) as doc:
        d = doc.to_dict()
        got = as_json(doc)
        for k, v in got.items():
            if k == "keypoints":
                for a, b in zip(v, d[k]):
                    assert a["score"] == pytest.approx(b["score"], abs=0.006)
                    a["score"] = b["score"]
            assert v == d[k], k
        toks = [{"i": t.i, "text": t.text, "span": span(t.span), "sentence": t.sentence,
                 "upos": t.upos, "head": t.head, "deprel": t.deprel, "ner": t.ner}
                for t in doc.tokens]
        assert toks == d["tokens"]
        st = doc.stats
        assert (st.chars, st.sentences, st.paragraphs, st.repairs) == tuple(
            d["stats"][k] for k in ("chars", "sentences", "paragraphs", "repairs"))
        assert st.bytes == len(text.encode()) and st.tokens == len(doc.tokens)
        assert (st.pos, st.ner, st.parse, st.attrib) == ("builtin",) * 4
        assert len(doc.sentences) == st.sentences
        assert doc.text == text


def test_furniture_is_found():
    doc = precis.Document(FURNITURE)
    assert [h.text for h in doc.headings] == ["Costs and delays"]
    assert len(doc.captions) == 1 and "pictured" in doc.captions[0].text
    kinds = {b.kind for b in doc.boilerplate}
    assert {"prompt", "related"} <= kinds and kinds & {"byline", "dateline"}
    assert any(s.is_heading for s in doc.sentences)


def test_spans_index_the_text(article):
    doc = precis.analyze_doc(article)
    t = doc.text
    assert t == article
    for q in doc.quotes:
        for c in q.content:
            assert t[c.span.start:c.span.end] == c.text
        if q.cue:
            assert t[slice(*q.cue.span)] == q.cue.text
        assert q.text.startswith(q.content[0].text)
        assert q.span.start == q.content[0].span.start and q.span.end == q.content[-1].span.end
    for e in doc.entities:
        assert e.text == e.name
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(t)
        assert t[slice(*e.mentions[0])] in e.name or e.name in t[slice(*e.mentions[0])]
    for f in doc.figures:
        assert t[slice(*f.span)] == f.text
    for k in doc.keypoints:
        assert k.span.end <= len(t) and k.claim in k.text
    speakers = {q.speaker for q in doc.quotes}
    assert "Aroha Tane" in speakers
    tane = [q for q in doc.quotes if q.speaker == "Aroha Tane"]
    assert all(doc.entities[q.entity].name == "Aroha Tane" for q in tane)


def test_objects_are_light_and_frozen(article):
    doc = precis.Document(article)
    kp = doc.keypoints[0]
    assert not hasattr(kp, "__dict__")  # slots
    with pytest.raises(dataclasses.FrozenInstanceError):
        kp.text = "x"
    assert isinstance(kp.span, tuple) and kp.span == (kp.span.start, kp.span.end)


def test_render_and_id(article):
    doc = precis.Document(article, id="doc-7", max_keypoints=2)
    assert doc.to_dict()["id"] == "doc-7"
    assert doc.to_dict(id="other")["id"] == "other"
    assert len(doc.to_dict()["keypoints"]) == 2 == len(doc.keypoints)
    assert doc.render("json") == precis.analyze(article, format="json", id="doc-7", max_keypoints=2)
    assert doc.render("conllu").startswith("#")  # a comment: analysed without tokens
    assert doc.tokens == []
    with pytest.raises(ValueError):
        doc.render("dict")
    with pytest.raises(TypeError):
        precis.Document(article, format="json")


def test_close(article):
    doc = precis.Document(article)
    kps = doc.keypoints
    doc.close()
    assert doc.closed
    assert doc.keypoints == kps  # built before: kept
    with pytest.raises(ValueError, match="closed"):
        doc.quotes
    with pytest.raises(ValueError, match="closed"):
        doc.render()
    doc.close()  # twice is fine
    assert "closed" in repr(doc)
