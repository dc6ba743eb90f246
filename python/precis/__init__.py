"""precis: key points, quotations with their speakers, entities and figures
of news articles, from Python.

A binding of libprecis (the C library, installed by ``make install``)
through ctypes; it needs nothing else.  Quick start::

    import precis
    r = precis.analyze(open("article.txt").read())
    print(r["keypoints"][0]["text"])          # the JSON of docs/json.md, parsed

    doc = precis.Document(text)               # the same as objects
    for q in doc.quotes:
        print(q.speaker, q.text, q.span)

    page = precis.extract(html_bytes)         # the main text of a web page
    for r in precis.analyze_many(texts, threads=4):
        ...                                   # results in input order

Every span is ``Span(start, end)``, [start, end) in Unicode code points of
the analysed text (the input with invalid UTF-8 and NUL bytes replaced by
U+FFFD), so ``text[start:end]`` is the piece named.  The library releases
the GIL while it analyses: several threads analyse at once.  The library's
errors raise :class:`precis.Error`.  See docs/python.md.
"""

from __future__ import annotations

import collections
import ctypes
import json
import os
from concurrent.futures import ThreadPoolExecutor
from ctypes import POINTER, byref
from functools import cached_property
from typing import (Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, Union,
                    overload)

from . import _lib
from ._types import (Boilerplate, Entity, Figure, KeyPoint, Page, Quote, Sentence, Span, Stats,
                     TextSpan, Token)

__all__ = [
    "__version__", "analyze", "analyze_doc", "analyze_many", "extract", "Document", "Model",
    "Error", "Page", "KeyPoint", "Quote", "Entity", "Figure", "Sentence", "Boilerplate", "Token",
    "Stats", "Span", "TextSpan", "FORMATS", "library_path",
]

#: The version of the libprecis that was loaded (``precis_version()``), e.g. "0.13.0".
__version__: str = _lib.version
#: The file (or name) libprecis was loaded from.
library_path: str = _lib.path
#: The values ``format=`` takes: "dict" (the JSON parsed), "document" (a Document),
#: and the library's own renderings, as str: "json" (pretty), "jsonl" (one line),
#: "text", "brat", "conllu".
FORMATS = ("dict", "document") + tuple(_lib.FORMATS)

Text = Union[str, bytes, bytearray, memoryview, Page]
_s = _lib.decode
_t = _lib.text


class Error(Exception):
    """An error of libprecis.

    ``str(e)`` is the library's message; ``code`` its ``precis_error_code``
    (an int), ``name`` the code's name ("model format", "io", ...) and
    ``offset`` the byte offset the error applies to, or None."""

    def __init__(self, message: str, code: int = 0, offset: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.name: str = _s(_lib.lib.precis_error_name(code)) or "unknown"
        self.offset = offset


def _error(err: _lib.ErrorInfo, fallback: str) -> Error:
    msg = _s(err.message) or fallback
    off = None if err.offset == _lib.NO_OFFSET else int(err.offset)
    return Error(msg, int(err.code), off)


class Model:
    """A model file trained by ``precis train`` (a POS or NER tagger, a
    dependency parser or a speech-cue model), to use instead of a built-in
    one: ``precis.analyze(text, ner_model=precis.Model("ner.bin"))``.

    ``kind`` is "pos", "ner", "parse" or "attrib".  Raises :class:`Error` when
    the file cannot be read or is not a model.  A model may be shared by any
    number of threads; it is freed with the object (or by ``close()``)."""

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self.path = os.fspath(path)
        self._p: Optional[int] = None
        err = _lib.ErrorInfo()
        p = _lib.lib.precis_model_load(os.fsencode(self.path), byref(err))
        if not p:
            raise _error(err, f"cannot load the model {self.path}")
        self._p = p
        self.kind: str = _s(_lib.lib.precis_model_kind(p)) or ""

    def close(self) -> None:
        """Free the model now (not while an analysis uses it)."""
        p, self._p = self._p, None
        if p and _lib is not None and _lib.lib is not None:
            _lib.lib.precis_model_free(p)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __repr__(self) -> str:
        return f"precis.Model({self.path!r}, kind={self.kind!r})"


ModelArg = Union[None, Model, str, "os.PathLike[str]"]


class _Prepared:
    """A precis_options struct, and the models it points at (kept alive)."""

    __slots__ = ("opts", "models", "format")

    def __init__(self, format: str, max_keypoints: Optional[int], summarizer: str, attrib: str,
                 no_tagger: bool, with_tokens: bool, with_text: bool, pos_model: ModelArg,
                 ner_model: ModelArg, parse_model: ModelArg, attrib_model: ModelArg) -> None:
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        self.format = format
        o = _lib.Options()
        if _lib.lib.precis_options_init_version(byref(o), _lib.options_version) != 0:
            raise Error("precis_options_init_version failed", 2)
        if max_keypoints is not None:
            if isinstance(max_keypoints, bool) or not isinstance(max_keypoints, int):
                raise TypeError("max_keypoints must be an int or None")
            if max_keypoints < 0 or max_keypoints > 2**31 - 1:
                raise ValueError("max_keypoints must be 0 (automatic) or more")
            o.max_keypoints = max_keypoints
        if summarizer not in _lib.SUMMARIZERS:
            raise ValueError(f"summarizer must be one of {', '.join(_lib.SUMMARIZERS)}, "
                             f"not {summarizer!r}")
        o.summarizer = _lib.SUMMARIZERS[summarizer]
        if attrib not in ("learned", "rules", "strict"):
            raise ValueError(f"attrib must be 'learned', 'rules' or 'strict', not {attrib!r}")
        flags = 0
        if no_tagger:
            flags |= _lib.OPT_NO_TAGGER
        if with_tokens or format == "conllu":  # CoNLL-U writes the tokens
            flags |= _lib.OPT_WITH_TOKENS
        if attrib == "rules":
            flags |= _lib.OPT_RULE_CUES
        if attrib == "strict":
            flags |= _lib.OPT_STRICT_CUES
        if with_text:
            flags |= _lib.OPT_WITH_TEXT
        o.flags = flags
        self.models: List[Model] = []
        for field, m, since in (("pos_model", pos_model, 1), ("ner_model", ner_model, 1),
                                ("parse_model", parse_model, 2),
                                ("attrib_model", attrib_model, 3)):
            if m is None:
                continue
            if not isinstance(m, Model):
                m = Model(m)
            if m._p is None:
                raise ValueError(f"{field}: the model is closed")
            if _lib.options_version < since:
                raise Error(f"{field} needs a newer libprecis than {__version__}", 2)
            self.models.append(m)
            setattr(o, field, m._p)
        self.opts = o


def _prepare(format: str = "dict", max_keypoints: Optional[int] = None,
             summarizer: str = "keypoints", attrib: str = "learned", no_tagger: bool = False,
             with_tokens: bool = False, with_text: bool = False, pos_model: ModelArg = None,
             ner_model: ModelArg = None, parse_model: ModelArg = None,
             attrib_model: ModelArg = None) -> _Prepared:
    return _Prepared(format, max_keypoints, summarizer, attrib, no_tagger, with_tokens,
                     with_text, pos_model, ner_model, parse_model, attrib_model)


def _input(text: Text) -> Tuple[bytes, Optional[Page]]:
    if isinstance(text, str):
        # lone surrogates (from surrogateescape decoding) become invalid
        # UTF-8, which the library replaces by U+FFFD
        return text.encode("utf-8", "surrogatepass"), None
    if isinstance(text, bytes):
        return text, None
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text), None
    if isinstance(text, Page):
        return text.text.encode("utf-8", "surrogatepass"), text
    raise TypeError(f"expected str, bytes or precis.Page, not {type(text).__name__}")


def _analyze_raw(data: bytes, prep: _Prepared) -> int:
    err = _lib.ErrorInfo()
    d = _lib.lib.precis_analyze_ex(data, len(data), byref(prep.opts), byref(err))
    if not d:
        raise _error(err, "the analysis failed")
    return int(d)


def _opt(s: Optional[str]) -> Optional[bytes]:
    # an id or page field: lone surrogates become "?" (the text itself is
    # passed with surrogatepass, for the library to repair)
    return None if s is None else s.encode("utf-8", "replace")


def _attach_page(d: int, page: Page) -> None:
    p = _lib.Page(_opt(page.title), _opt(page.byline), _opt(page.date), _opt(page.site), None, 0,
                  _opt(page.encoding))
    if _lib.lib.precis_doc_set_page(d, byref(p)) != 0:
        raise Error("out of memory", 3)


def _render(d: int, format: str, id: Any) -> str:
    n = ctypes.c_size_t()
    p = _lib.lib.precis_render(d, _lib.FORMATS[format], _opt(None if id is None else str(id)),
                               byref(n))
    if not p:
        raise Error("out of memory", 3)
    try:
        return ctypes.string_at(p, n.value).decode("utf-8", "replace")
    finally:
        _lib.lib.precis_free(None, p)


def _run(text: Text, prep: _Prepared, id: Any) -> Any:
    data, page = _input(text)
    if prep.format == "document":
        return Document._from(data, page, prep, id)
    d = _analyze_raw(data, prep)
    try:
        if page is not None:
            _attach_page(d, page)
        if prep.format == "dict":
            return json.loads(_render(d, "json", id))
        return _render(d, prep.format, id)
    finally:
        _lib.lib.precis_doc_free(d)


StrFormat = Literal["json", "jsonl", "text", "brat", "conllu"]


@overload
def analyze(text: Text, *, max_keypoints: Optional[int] = ..., format: Literal["dict"] = ...,
            id: Any = ...,
            summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
            with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
            ner_model: ModelArg = ..., parse_model: ModelArg = ...,
            attrib_model: ModelArg = ...) -> Dict[str, Any]: ...
@overload
def analyze(text: Text, *, max_keypoints: Optional[int] = ..., format: StrFormat,
            id: Any = ...,
            summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
            with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
            ner_model: ModelArg = ..., parse_model: ModelArg = ...,
            attrib_model: ModelArg = ...) -> str: ...
@overload
def analyze(text: Text, *, max_keypoints: Optional[int] = ..., format: Literal["document"],
            id: Any = ...,
            summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
            with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
            ner_model: ModelArg = ..., parse_model: ModelArg = ...,
            attrib_model: ModelArg = ...) -> "Document": ...
@overload
def analyze(text: Text, *, max_keypoints: Optional[int] = ..., format: str,
            id: Any = ...,
            summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
            with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
            ner_model: ModelArg = ..., parse_model: ModelArg = ...,
            attrib_model: ModelArg = ...) -> Any: ...


def analyze(text: Text, *, max_keypoints: Optional[int] = None, format: str = "dict",
            id: Any = None, summarizer: str = "keypoints", attrib: str = "learned",
            no_tagger: bool = False, with_tokens: bool = False, with_text: bool = False,
            pos_model: ModelArg = None, ner_model: ModelArg = None, parse_model: ModelArg = None,
            attrib_model: ModelArg = None) -> Any:
    """Analyse one article.

    ``text``: a str, UTF-8 bytes (invalid sequences become U+FFFD, nothing
    raises) or a :class:`Page` from :func:`extract` (its metadata then goes
    into the result as ``"page"``).

    ``format``: ``"dict"`` (default) returns the JSON object of docs/json.md
    parsed (``r["keypoints"][0]["text"]``); ``"json"``, ``"jsonl"``,
    ``"text"``, ``"brat"``, ``"conllu"`` return the library's rendering as a
    str (what ``precis -f FORMAT`` prints); ``"document"`` a :class:`Document`.
    ``id`` is the JSON's ``"id"`` (converted with str; None writes null).

    Options (those of ``precis`` the tool): ``max_keypoints`` (None or 0:
    automatic, 3 to 5; n: at most n), ``summarizer`` ("keypoints", "lead",
    "textrank"), ``attrib`` ("learned" cue tagger, "rules", or "strict": the
    learned tagger with fewer false cues), ``no_tagger``
    (rules only, no statistical models), ``with_tokens`` (tokens with tags
    and dependency trees; implied by "conllu"), ``with_text`` (the analysed
    text in the JSON), and ``pos_model``/``ner_model``/``parse_model``/
    ``attrib_model`` (a :class:`Model` or a model file's path).

    Raises :class:`Error` when the library cannot analyse (a model of the
    wrong kind, a text over 4 GiB, no memory), ValueError/TypeError for bad
    arguments."""
    prep = _prepare(format, max_keypoints, summarizer, attrib, no_tagger, with_tokens, with_text,
                    pos_model, ner_model, parse_model, attrib_model)
    return _run(text, prep, id)


def analyze_doc(text: Text, **options: Any) -> "Document":
    """``Document(text, **options)``: the analysis as objects."""
    return Document(text, **options)


@overload
def analyze_many(texts: Iterable[Text], *, threads: Optional[int] = ...,
                 window: Optional[int] = ..., max_keypoints: Optional[int] = ...,
                 format: Literal["dict"] = ...,
                 summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
                 with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
                 ner_model: ModelArg = ..., parse_model: ModelArg = ...,
                 attrib_model: ModelArg = ...) -> Iterator[Dict[str, Any]]: ...
@overload
def analyze_many(texts: Iterable[Text], *, threads: Optional[int] = ...,
                 window: Optional[int] = ..., max_keypoints: Optional[int] = ...,
                 format: StrFormat,
                 summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
                 with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
                 ner_model: ModelArg = ..., parse_model: ModelArg = ...,
                 attrib_model: ModelArg = ...) -> Iterator[str]: ...
@overload
def analyze_many(texts: Iterable[Text], *, threads: Optional[int] = ...,
                 window: Optional[int] = ..., max_keypoints: Optional[int] = ...,
                 format: Literal["document"],
                 summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
                 with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
                 ner_model: ModelArg = ..., parse_model: ModelArg = ...,
                 attrib_model: ModelArg = ...) -> Iterator["Document"]: ...
@overload
def analyze_many(texts: Iterable[Text], *, threads: Optional[int] = ...,
                 window: Optional[int] = ..., max_keypoints: Optional[int] = ...,
                 format: str,
                 summarizer: str = ..., attrib: str = ..., no_tagger: bool = ...,
                 with_tokens: bool = ..., with_text: bool = ..., pos_model: ModelArg = ...,
                 ner_model: ModelArg = ..., parse_model: ModelArg = ...,
                 attrib_model: ModelArg = ...) -> Iterator[Any]: ...


def analyze_many(texts: Iterable[Text], *, threads: Optional[int] = None,
                 window: Optional[int] = None, max_keypoints: Optional[int] = None,
                 format: str = "dict", summarizer: str = "keypoints", attrib: str = "learned",
                 no_tagger: bool = False, with_tokens: bool = False, with_text: bool = False,
                 pos_model: ModelArg = None, ner_model: ModelArg = None,
                 parse_model: ModelArg = None, attrib_model: ModelArg = None) -> Iterator[Any]:
    """Analyse many articles on ``threads`` threads (default: the number of
    CPUs); yields what :func:`analyze` would return for each, in input order.

    ``texts`` is read lazily: at most ``window`` articles (default
    ``2 * threads``) are in flight, so a generator over a large archive is
    never held in memory whole.  Options as for :func:`analyze` (shared by
    every article; a model path is loaded once).  The first article that
    raises stops the iteration with its exception, at its place in the
    order; closing the iterator early cancels what is not started."""
    prep = _prepare(format, max_keypoints, summarizer, attrib, no_tagger, with_tokens, with_text,
                    pos_model, ner_model, parse_model, attrib_model)
    if threads is None:
        threads = os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError("threads must be an int of 1 or more")
    if window is None:
        window = 2 * threads
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError("window must be an int of 1 or more")
    return _many(iter(texts), prep, threads, window)


def _many(it: Iterator[Text], prep: _Prepared, threads: int, window: int) -> Iterator[Any]:
    if threads == 1:
        for t in it:
            yield _run(t, prep, None)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="precis") as ex:
        pending: "collections.deque[Any]" = collections.deque()
        try:
            for t in it:
                pending.append(ex.submit(_run, t, prep, None))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def _span(s: _lib.Span) -> Span:
    return Span(int(s.start), int(s.end))


def _textspan(t: _lib.Text) -> Optional[TextSpan]:
    if t.text is None:
        return None
    return TextSpan(_t(t.text), _span(t.span))


class Document:
    """An analysed article, as objects.

    ``Document(text, **options)`` analyses ``text`` (str, bytes or a
    :class:`Page`) with the options of :func:`analyze` (all but ``format``)
    and holds the library's document until ``close()`` (or garbage
    collection; ``with precis.Document(t) as d:`` closes at the end).  The
    lists below are built on first use and kept: ``keypoints``, ``quotes``,
    ``entities``, ``figures``, ``sentences``, ``headings``, ``captions``,
    ``boilerplate``, ``tokens`` (with ``with_tokens=True``), and ``text``
    (the analysed text every span indexes), ``stats``, ``repairs``.  A
    Document may be read from several threads at once; close it only when no
    other thread uses it."""

    id: Any
    page: Optional[Page]

    def __init__(self, text: Text, *, id: Any = None, **options: Any) -> None:
        if "format" in options:
            raise TypeError("Document() takes no format (see render())")
        prep = _prepare("document", **options)
        data, page = _input(text)
        self._init(data, page, prep, id)

    @classmethod
    def _from(cls, data: bytes, page: Optional[Page], prep: _Prepared, id: Any) -> "Document":
        self = cls.__new__(cls)
        self._init(data, page, prep, id)
        return self

    def _init(self, data: bytes, page: Optional[Page], prep: _Prepared, id: Any) -> None:
        self._d: Optional[int] = None
        self.id = id
        self.page = page
        d = _analyze_raw(data, prep)
        self._d = d
        if page is not None:
            _attach_page(d, page)

    # ---- lifetime ----
    def close(self) -> None:
        """Free the library's document (the lists already built stay)."""
        d, self._d = self._d, None
        if d and _lib is not None and _lib.lib is not None:
            _lib.lib.precis_doc_free(d)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __enter__(self) -> "Document":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._d is None

    def _doc(self) -> int:
        if self._d is None:
            raise ValueError("the document is closed")
        return self._d

    def _array(self, name: str, st: Any) -> List[Any]:
        p = POINTER(st)()
        n = getattr(_lib.lib, "precis_doc_" + name)(self._doc(), byref(p))
        return [p[i] for i in range(n)]

    # ---- output ----
    def render(self, format: str = "json", id: Any = None) -> str:
        """The library's rendering: "json", "jsonl", "text", "brat" or
        "conllu" (needs ``with_tokens=True``); ``id`` defaults to the
        Document's."""
        if format not in _lib.FORMATS:
            raise ValueError(f"format must be one of {', '.join(_lib.FORMATS)}, not {format!r}")
        return _render(self._doc(), format, self.id if id is None else id)

    def to_dict(self, id: Any = None) -> Dict[str, Any]:
        """The JSON object of docs/json.md, parsed (what ``analyze`` returns)."""
        out: Dict[str, Any] = json.loads(self.render("json", id))
        return out

    # ---- readers ----
    @cached_property
    def text(self) -> str:
        """The analysed text (the input, invalid UTF-8 replaced by U+FFFD)."""
        n = ctypes.c_size_t()
        p = _lib.lib.precis_doc_text(self._doc(), byref(n))
        return ctypes.string_at(p, n.value).decode("utf-8", "replace") if p else ""

    @cached_property
    def repairs(self) -> int:
        """Invalid UTF-8 sequences and NUL bytes replaced by U+FFFD."""
        return int(_lib.lib.precis_doc_repairs(self._doc()))

    @cached_property
    def stats(self) -> Stats:
        st = _lib.Stats()
        _lib.lib.precis_doc_stats(self._doc(), byref(st), ctypes.sizeof(st))
        u = _lib.MODEL_USES

        def use(v: int) -> str:
            return u[v] if 0 <= v < len(u) else "unknown"
        return Stats(int(st.bytes), int(st.chars), int(st.repairs), int(st.tokens),
                     int(st.sentences), int(st.paragraphs), use(st.pos), use(st.ner),
                     use(st.parse), use(st.attrib))

    @cached_property
    def keypoints(self) -> List[KeyPoint]:
        """The key points, in document order."""
        return [KeyPoint(_t(k.text), _t(k.claim), _s(k.speaker), _span(k.span), k.sentence,
                         k.score) for k in self._array("keypoints", _lib.KeyPoint)]

    @cached_property
    def quotes(self) -> List[Quote]:
        """Every quotation and reported statement, in text order."""
        out = []
        for q in self._array("quotes", _lib.Quote):
            content = tuple(TextSpan(_t(q.content[i].text), _span(q.content[i].span))
                            for i in range(q.ncontent))
            kind = _lib.QUOTE_KINDS[q.kind] if 0 <= q.kind < 3 else "unknown"
            out.append(Quote(kind, _textspan(q.cue), _textspan(q.source), _s(q.speaker),
                             q.entity, content))
        return out

    @cached_property
    def entities(self) -> List[Entity]:
        """People, organisations, places and other names, by first mention."""
        out = []
        for e in self._array("entities", _lib.Entity):
            t = _lib.ENTITY_TYPES[e.type] if 0 <= e.type < 4 else "unknown"
            mentions = tuple(_span(e.mentions[i]) for i in range(e.nmentions))
            out.append(Entity(_t(e.name), t, chr(e.gender) if e.gender else None, _s(e.title),
                              mentions))
        return out

    @cached_property
    def figures(self) -> List[Figure]:
        """Money, percentages and counts, in text order."""
        return [Figure(_t(f.text), _lib.FIGURE_KINDS[f.kind] if 0 <= f.kind < 3 else "unknown",
                       f.value, _s(f.unit), _span(f.span), f.sentence)
                for f in self._array("figures", _lib.Figure)]

    @cached_property
    def sentences(self) -> List[Sentence]:
        """Every sentence (headings, captions and boilerplate included)."""
        return [Sentence(_span(s.span), s.paragraph, bool(s.is_heading))
                for s in self._array("sentences", _lib.Sentence)]

    @cached_property
    def headings(self) -> List[TextSpan]:
        """Subheading lines."""
        return [TextSpan(_t(t.text), _span(t.span)) for t in self._array("headings", _lib.Text)]

    @cached_property
    def captions(self) -> List[TextSpan]:
        """Photo captions."""
        return [TextSpan(_t(t.text), _span(t.span)) for t in self._array("captions", _lib.Text)]

    @cached_property
    def boilerplate(self) -> List[Boilerplate]:
        """Page furniture ("Scroll down for video", bylines ...), in text order."""
        k = _lib.BOILERPLATE_KINDS
        return [Boilerplate(_t(b.text), _span(b.span), k[b.kind] if 0 <= b.kind < len(k)
                            else "unknown", b.sentence)
                for b in self._array("boilerplate", _lib.Boilerplate)]

    @cached_property
    def tokens(self) -> List[Token]:
        """The tokens with their tags and dependency heads (empty unless the
        document was analysed with ``with_tokens=True``)."""
        return [Token(i, _t(t.text), _span(t.span), t.sentence,
                      None if t.head == _lib.NO_HEAD else t.head, _s(t.upos), _s(t.deprel),
                      _s(t.ner))
                for i, t in enumerate(self._array("tokens", _lib.Token))]

    def __repr__(self) -> str:
        state = "closed" if self._d is None else f"{len(self.keypoints)} key points"
        return f"<precis.Document id={self.id!r} {state}>"


def extract(html: Union[str, bytes, bytearray, memoryview], *, encoding: Optional[str] = None,
            all_text: bool = False) -> Page:
    """The main text and metadata of a web page (``precis extract``).

    ``html``: the page's bytes (any: broken markup is repaired), or a str
    (then read as UTF-8 whatever the page declares, unless ``encoding``
    says otherwise).  ``encoding``: the charset of the HTTP Content-Type
    header when known; else the page's byte order mark, ``<meta charset>``,
    or UTF-8 / Windows-1252 by the bytes decide.  ``all_text``: every visible
    text of the page, not only the article.  ``precis.analyze(page)``
    analyses the text and adds the page's metadata to the result."""
    if isinstance(html, str):
        data = html.encode("utf-8", "surrogatepass")
        if encoding is None:
            encoding = "UTF-8"
    elif isinstance(html, bytes):
        data = html
    elif isinstance(html, (bytearray, memoryview)):
        data = bytes(html)
    else:
        raise TypeError(f"expected bytes or str, not {type(html).__name__}")
    eo = _lib.ExtractOptions()
    if _lib.lib.precis_extract_options_init_version(byref(eo), _lib.EXTRACT_OPTIONS_VERSION) != 0:
        raise Error("precis_extract_options_init_version failed", 2)
    enc = None if encoding is None else encoding.encode("ascii", "replace")
    eo.encoding = enc
    if all_text:
        eo.flags |= _lib.EXTRACT_ALL_TEXT
    err = _lib.ErrorInfo()
    p = _lib.lib.precis_extract(data, len(data), byref(eo), byref(err))
    if not p:
        raise _error(err, "the page cannot be read")
    try:
        pg = p.contents
        text = ctypes.string_at(pg.text, pg.text_len).decode("utf-8", "replace") if pg.text else ""
        return Page(_s(pg.title), _s(pg.byline), _s(pg.date), _s(pg.site), text,
                    _s(pg.encoding) or "")
    finally:
        _lib.lib.precis_page_free(p)
