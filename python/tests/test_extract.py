"""precis.extract on a small page of our own, and analysing a page."""

import json
import subprocess

import pytest

import precis

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="windows-1252">
<title>Ferry fares to rise | The Bay Courier</title>
<meta property="og:site_name" content="The Bay Courier">
<meta property="article:published_time" content="2026-05-02T07:15:00Z">
<meta name="author" content="Jos\xe9 Ib\xe1\xf1ez">
<meta property="og:title" content="Ferry fares to rise by 8 percent">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry fares to rise by 8 percent</h1>
<p>The ferry company will raise fares by 8 percent from July, its chief executive Lena Berg said on Friday.</p>
<p>\x93We have held prices for three years, but fuel now costs twice what it did,\x94 Berg told the Courier.</p>
<p>Passengers\x92 groups said the rise was unfair. \x93It hits the people who have no other way to work,\x94 said Sam Hart, who chairs the Island Commuters\x92 Association.</p>
<p>The company carried 2.4 million passengers last year, up from 1.9 million in 2024, and made a profit of \x8012 million.</p>
</article>
<div class="weather"><p>Weather today: sunny spells, 21 degrees.</p></div>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm closes the bridge</a></li><li><a href="/b">Council votes on budget</a></li></ul></aside>
<footer>\xa9 2026 The Bay Courier. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
""".encode("latin-1")


def test_extract_page():
    p = precis.extract(PAGE)
    assert isinstance(p, precis.Page)
    assert p.encoding == "windows-1252"
    assert p.title == "Ferry fares to rise by 8 percent"
    assert p.site == "The Bay Courier"
    assert p.byline == "Jos\u00e9 Ib\u00e1\u00f1ez"
    assert p.date == "2026-05-02T07:15:00Z"
    assert "\u201cWe have held prices for three years" in p.text
    assert "Passengers\u2019 groups" in p.text and "\u20ac12 million" in p.text
    for w in ("Most read", "Storm closes", "rights reserved", "Privacy", "Sport", "Weather"):
        assert w not in p.text, w
    assert len(p.text.splitlines()) >= 4


def test_extract_options():
    # a str is read as UTF-8 whatever the page declares
    as_str = precis.extract(PAGE.decode("cp1252"))
    assert as_str.encoding.upper().replace("-", "") == "UTF8"
    assert as_str.text == precis.extract(PAGE).text
    # the HTTP header's charset wins over the meta
    wrong = precis.extract(PAGE, encoding="UTF-8")
    assert wrong.text != as_str.text and "\ufffd" in wrong.text
    everything = precis.extract(PAGE, all_text=True)
    assert "Weather today" in everything.text and "Lena Berg" in everything.text
    assert precis.extract(bytearray(PAGE)).text == as_str.text


def test_extract_odd_input():
    for html in (b"", b"<", b"<html><body></body></html>", bytes(range(256)) * 50,
                 b"<p>" * 10000, "<p>caf\u00e9 \ud800</p>"):
        p = precis.extract(html)
        assert isinstance(p.text, str)
    assert precis.extract(b"").text == ""
    with pytest.raises(TypeError):
        precis.extract(12)


def test_analyze_a_page(precis_bin, tmp_path):
    page = precis.extract(PAGE)
    r = precis.analyze(page, with_text=True)
    assert r["text"] == page.text
    assert r["page"] == {"title": page.title, "byline": page.byline, "date": page.date,
                         "site": page.site, "encoding": "windows-1252"}
    assert any(q["speaker"] == "Lena Berg" for q in r["quotes"])
    doc = precis.Document(page)
    assert doc.page is page and doc.to_dict()["page"] == r["page"]
    # the same as the tool given the page
    f = tmp_path / "fares.html"
    f.write_bytes(PAGE)
    out = subprocess.run([precis_bin, "-f", "json", "--with-text", str(f)], capture_output=True)
    assert out.returncode == 0, out.stderr
    assert precis.analyze(page, with_text=True, id=str(f)) == json.loads(out.stdout)
    out = subprocess.run([precis_bin, "extract", str(f)], capture_output=True)
    assert out.stdout.decode().rstrip("\n") == page.text.rstrip("\n")
