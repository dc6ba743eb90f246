"""The light records a Document holds (frozen dataclasses with slots)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional, Tuple


class Span(NamedTuple):
    """[start, end) in Unicode code points of the analysed text, so that
    ``doc.text[span.start:span.end]`` (or ``doc.text[slice(*span)]``) is the
    piece named."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of the text: what is written there, and where."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """A key point: ``text`` is ``claim`` followed by ``": Speaker"`` when the
    article attributes it; ``span`` is the whole sentence it was made from."""

    text: str
    claim: str
    speaker: Optional[str]
    span: Span
    sentence: int
    score: float


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement.

    ``kind`` is ``"direct"``, ``"indirect"`` or ``"mixed"``; ``cue`` the
    speech verb ("said", "according to") and ``source`` the source as written
    ("she", "The mayor"), each None when absent; ``speaker`` the resolved
    entity's name (None when unresolved) and ``entity`` its index in
    ``Document.entities`` (-1 when unresolved); ``content`` the pieces of the
    statement (quotation marks are outside their spans)."""

    kind: str
    cue: Optional[TextSpan]
    source: Optional[TextSpan]
    speaker: Optional[str]
    entity: int
    content: Tuple[TextSpan, ...]

    @property
    def text(self) -> str:
        """The content pieces joined by ``" ... "``."""
        return " ... ".join(p.text for p in self.content)

    @property
    def span(self) -> Optional[Span]:
        """From the start of the first content piece to the end of the last."""
        if not self.content:
            return None
        return Span(self.content[0].span.start, self.content[-1].span.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or other name: ``type`` is ``"person"``,
    ``"organization"``, ``"place"`` or ``"other"``; ``gender`` ``"m"``,
    ``"f"`` or None; ``title`` a title learned from the text or None;
    ``mentions`` the spans of its names in text order."""

    name: str
    type: str
    gender: Optional[str]
    title: Optional[str]
    mentions: Tuple[Span, ...]

    @property
    def text(self) -> str:
        """The same as ``name``."""
        return self.name


@dataclass(frozen=True, slots=True)
class Figure:
    """Money, a percentage or a count: ``kind`` is ``"money"``, ``"percent"``
    or ``"count"``, ``value`` the number (185000000.0 for "$185 million") and
    ``unit`` an ISO currency, ``"%"``, ``"pp"``, the counted noun, or None."""

    text: str
    kind: str
    value: float
    unit: Optional[str]
    span: Span
    sentence: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, a caption, boilerplate: they count as sentences)."""

    span: Span
    paragraph: int
    is_heading: bool


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Page furniture: ``kind`` is ``"prompt"``, ``"share"``, ``"related"``,
    ``"byline"`` or ``"dateline"``; ``sentence`` -1 for a header before the
    first sentence."""

    text: str
    span: Span
    kind: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Token:
    """A token (only with ``with_tokens=True``): ``i`` its index, ``head``
    the index of its head (-1 for the root of its sentence, None when the
    sentence was not parsed), ``upos``/``deprel`` Universal Dependencies
    names, ``ner`` ``"PER"``, ``"ORG"``, ``"LOC"``, ``"MISC"`` or None."""

    i: int
    text: str
    span: Span
    sentence: int
    head: Optional[int]
    upos: Optional[str]
    deprel: Optional[str]
    ner: Optional[str]


@dataclass(frozen=True, slots=True)
class Stats:
    """What the analysis did.  ``bytes``/``chars`` of the analysed text,
    ``repairs`` invalid UTF-8 sequences and NUL bytes replaced by U+FFFD; the
    models: ``"builtin"``, ``"given"`` or ``"none"`` (not run)."""

    bytes: int
    chars: int
    repairs: int
    tokens: int
    sentences: int
    paragraphs: int
    pos: str
    ner: str
    parse: str
    attrib: str


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`precis.extract` found in a web page: its main text (UTF-8
    decoded, headings and paragraphs one a line), its metadata (each None
    when the page has none) and the encoding it was read in."""

    title: Optional[str]
    byline: Optional[str]
    date: Optional[str]
    site: Optional[str]
    text: str
    encoding: str
