"""The ctypes layer: finding libprecis, its structs and its functions.

Everything here mirrors include/precis.h.  Structs are declared with the
ctypes types of their C fields (size_t -> c_size_t, enums -> c_int), so the
layout follows the platform's C ABI.  ctypes.CDLL releases the GIL around
every foreign call, so analyses in several Python threads run at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_size_t, c_uint,
                    c_void_p)
from typing import Any, List, Optional, Tuple

#: The ABI versions (the N of libprecis.so.N) this package can use.
SOVERSIONS = (1,)

#: Directories tried after the dynamic loader's own search (in this order).
COMMON_LIBDIRS = (
    "/usr/local/lib",
    "/usr/local/lib64",
    "/usr/local/lib/x86_64-linux-gnu",
    "/usr/local/lib/aarch64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/opt/homebrew/lib",
)


def _names() -> List[str]:
    if sys.platform == "darwin":
        return [f"libprecis.{n}.dylib" for n in SOVERSIONS]
    return [f"libprecis.so.{n}" for n in SOVERSIONS]


def candidates() -> List[str]:
    """The paths and names tried, in order, to load libprecis.

    PRECIS_LIBRARY (a library file, or a directory holding libprecis.so.N)
    alone when it is set; otherwise libprecis.so.N by name (LD_LIBRARY_PATH,
    the ld.so cache), what ctypes.util.find_library("precis") finds when it
    is a supported ABI version, then the COMMON_LIBDIRS."""
    env = os.environ.get("PRECIS_LIBRARY")
    if env:
        if os.path.isdir(env):
            return [os.path.join(env, n) for n in _names()]
        return [env]
    out = list(_names())
    found = ctypes.util.find_library("precis")
    if found and found not in out and any(found.endswith(n) or os.path.basename(found) == n
                                          for n in _names()):
        out.append(found)
    for d in COMMON_LIBDIRS:
        out.extend(os.path.join(d, n) for n in _names())
    return out


def load() -> Tuple[ctypes.CDLL, str]:
    """Load libprecis; raises ImportError saying what was tried."""
    tried = []
    for c in candidates():
        if os.sep in c and not os.path.exists(c):
            tried.append(f"{c}: no such file")
            continue
        try:
            return ctypes.CDLL(c), c
        except OSError as e:
            tried.append(str(e))
    env = os.environ.get("PRECIS_LIBRARY")
    hint = ("PRECIS_LIBRARY is set: it must name libprecis.so.N or its directory" if env else
            "install libprecis (make install) or set PRECIS_LIBRARY to the path of "
            "libprecis.so.N (or LD_LIBRARY_PATH to its directory)")
    raise ImportError("precis: cannot load libprecis (" + "; ".join(tried[:6]) +
                      ("; ..." if len(tried) > 6 else "") + "): " + hint)


# ---- structs (include/precis.h) ------------------------------------------------

class Span(Structure):
    _fields_ = [("start", c_size_t), ("end", c_size_t)]


class Text(Structure):
    _fields_ = [("text", c_char_p), ("span", Span)]


class KeyPoint(Structure):
    _fields_ = [("text", c_char_p), ("claim", c_char_p), ("speaker", c_char_p),
                ("span", Span), ("sentence", c_int), ("score", c_double)]


class Quote(Structure):
    _fields_ = [("kind", c_int), ("cue", Text), ("source", Text), ("speaker", c_char_p),
                ("entity", c_int), ("ncontent", c_size_t), ("content", POINTER(Text))]


class Entity(Structure):
    _fields_ = [("name", c_char_p), ("type", c_int), ("gender", c_int), ("title", c_char_p),
                ("nmentions", c_size_t), ("mentions", POINTER(Span))]


class Figure(Structure):
    _fields_ = [("text", c_char_p), ("kind", c_int), ("value", c_double), ("unit", c_char_p),
                ("span", Span), ("sentence", c_int)]


class Sentence(Structure):
    _fields_ = [("span", Span), ("paragraph", c_int), ("is_heading", c_int)]


class Boilerplate(Structure):
    _fields_ = [("text", c_char_p), ("span", Span), ("kind", c_int), ("sentence", c_int)]


class Token(Structure):
    _fields_ = [("text", c_char_p), ("span", Span), ("sentence", c_int), ("head", c_int),
                ("upos", c_char_p), ("deprel", c_char_p), ("ner", c_char_p)]


class Stats(Structure):
    _fields_ = [("bytes", c_size_t), ("chars", c_size_t), ("repairs", c_size_t),
                ("tokens", c_size_t), ("sentences", c_size_t), ("paragraphs", c_size_t),
                ("pos", c_int), ("ner", c_int), ("parse", c_int), ("attrib", c_int)]


class Options(Structure):
    # Fields up to options version 3 (0.4); the library reads only those of
    # the version stamped by precis_options_init_version.
    _fields_ = [("version", c_uint), ("max_keypoints", c_int), ("summarizer", c_int),
                ("allocator", c_void_p), ("flags", c_uint),
                ("pos_model", c_void_p), ("ner_model", c_void_p),
                ("parse_model", c_void_p),   # version 2
                ("attrib_model", c_void_p)]  # version 3


OPTIONS_VERSION = 3  # the newest version Options above has room for


class ErrorInfo(Structure):
    _fields_ = [("code", c_int), ("offset", c_size_t), ("message", c_char * 256)]


class ExtractOptions(Structure):
    _fields_ = [("version", c_uint), ("encoding", c_char_p), ("allocator", c_void_p),
                ("flags", c_uint)]


EXTRACT_OPTIONS_VERSION = 1


class Page(Structure):
    _fields_ = [("title", c_char_p), ("byline", c_char_p), ("date", c_char_p),
                ("site", c_char_p), ("text", c_void_p), ("text_len", c_size_t),
                ("encoding", c_char_p)]


# flags and enums
OPT_NO_TAGGER = 1
OPT_WITH_TOKENS = 2
OPT_RULE_CUES = 4
OPT_WITH_TEXT = 8
OPT_STRICT_CUES = 32
EXTRACT_ALL_TEXT = 1
NO_OFFSET = ctypes.c_size_t(-1).value
NO_HEAD = -2
FORMATS = {"text": 0, "json": 1, "jsonl": 2, "brat": 3, "conllu": 4}
SUMMARIZERS = {"keypoints": 0, "lead": 1, "textrank": 2}
QUOTE_KINDS = ("direct", "indirect", "mixed")
ENTITY_TYPES = ("person", "organization", "place", "other")
FIGURE_KINDS = ("money", "percent", "count")
BOILERPLATE_KINDS = ("prompt", "share", "related", "byline", "dateline")
MODEL_USES = ("none", "builtin", "given")

_DOC = c_void_p


def _bind(lib: ctypes.CDLL) -> None:
    def f(name: str, restype: Any, *argtypes: Any) -> None:
        fn = getattr(lib, name)  # AttributeError: a library older than this package
        fn.restype = restype
        fn.argtypes = list(argtypes)

    f("precis_version", c_char_p)
    f("precis_error_name", c_char_p, c_int)
    f("precis_options_init_version", c_int, POINTER(Options), c_uint)
    f("precis_analyze_ex", _DOC, c_char_p, c_size_t, POINTER(Options), POINTER(ErrorInfo))
    f("precis_doc_free", None, _DOC)
    f("precis_doc_stats", c_int, _DOC, POINTER(Stats), c_size_t)
    f("precis_doc_text", c_void_p, _DOC, POINTER(c_size_t))
    f("precis_doc_length", c_size_t, _DOC)
    f("precis_doc_repairs", c_size_t, _DOC)
    for name, st in (("sentences", Sentence), ("keypoints", KeyPoint), ("quotes", Quote),
                     ("entities", Entity), ("figures", Figure), ("headings", Text),
                     ("captions", Text), ("boilerplate", Boilerplate), ("tokens", Token)):
        f("precis_doc_" + name, c_size_t, _DOC, POINTER(POINTER(st)))
    f("precis_render", c_void_p, _DOC, c_int, c_char_p, POINTER(c_size_t))
    f("precis_free", None, c_void_p, c_void_p)
    f("precis_model_load", c_void_p, c_char_p, POINTER(ErrorInfo))
    f("precis_model_kind", c_char_p, c_void_p)
    f("precis_model_free", None, c_void_p)
    f("precis_extract_options_init_version", c_int, POINTER(ExtractOptions), c_uint)
    f("precis_extract", POINTER(Page), c_char_p, c_size_t, POINTER(ExtractOptions),
      POINTER(ErrorInfo))
    f("precis_page_free", None, POINTER(Page))
    f("precis_doc_set_page", c_int, _DOC, POINTER(Page))


lib, path = load()
try:
    _bind(lib)
except AttributeError as e:  # pragma: no cover - an old library
    raise ImportError(f"precis: {path} is too old for this package (libprecis 0.4 or later "
                      f"is needed): {e}") from None


def _options_version() -> int:
    o = Options()
    for v in range(OPTIONS_VERSION, 0, -1):
        if lib.precis_options_init_version(ctypes.byref(o), v) == 0:
            return v
    raise ImportError(f"precis: {path} accepts no options version this package knows")


#: The options version used: the newest both this package and the library know.
options_version = _options_version()
version: str = lib.precis_version().decode("ascii")


def decode(b: Optional[bytes]) -> Optional[str]:
    """A C string of the library (UTF-8), or None for NULL."""
    return None if b is None else b.decode("utf-8", "replace")


def text(b: Optional[bytes]) -> str:
    """A C string the library never leaves NULL ("" if it did)."""
    return "" if b is None else b.decode("utf-8", "replace")
