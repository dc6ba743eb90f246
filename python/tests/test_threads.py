"""Threads: analyze_many keeps the input order and a bounded window, several
threads analyse at once, and the GIL is released while the library works."""

import ctypes
import itertools
import sys
import threading

import pytest

import precis
from conftest import ARTICLES


def texts(n):
    # distinct articles: each carries its number, so a mix-up shows
    return [ARTICLES[i % len(ARTICLES)].replace("Monday", f"day {i}").replace(
        "percent", f"percent ({i})") + f"\nThe report number {i} was filed.\n" for i in range(n)]


def test_analyze_many_order_and_results():
    items = texts(24)
    ref = [precis.analyze(t) for t in items]
    assert list(precis.analyze_many(items, threads=1)) == ref
    assert list(precis.analyze_many(items, threads=2)) == ref
    assert list(precis.analyze_many(iter(items), threads=3, window=4)) == ref
    assert list(precis.analyze_many(items, threads=2, format="jsonl")) == [
        precis.analyze(t, format="jsonl") for t in items]
    docs = list(precis.analyze_many(items[:4], threads=2, format="document", max_keypoints=1))
    assert [d.to_dict() for d in docs] == [precis.analyze(t, max_keypoints=1) for t in items[:4]]
    assert list(precis.analyze_many([], threads=2)) == []


def test_analyze_many_reads_lazily():
    consumed = 0

    def source():
        nonlocal consumed
        for t in itertools.cycle(texts(6)):  # endless
            consumed += 1
            yield t

    it = precis.analyze_many(source(), threads=2, window=3)
    got = 0
    for r in itertools.islice(it, 10):
        assert "keypoints" in r
        assert consumed <= got + 3  # never more than the window ahead
        got += 1
    it.close()
    assert got == 10 and consumed <= 13


def test_analyze_many_errors_in_order():
    items = texts(5)
    items[3] = 12345  # not a text
    out = []
    with pytest.raises(TypeError):
        for r in precis.analyze_many(items, threads=2):
            out.append(r)
    assert out == [precis.analyze(t) for t in items[:3]]
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError):
            precis.analyze_many(items, threads=bad)  # at the call, not the first next()
    with pytest.raises(ValueError):
        precis.analyze_many(items, window=0)
    with pytest.raises(ValueError):
        precis.analyze_many(items, format="xml")


def test_concurrent_analyze_and_reads():
    items = texts(8)
    ref = [precis.analyze(t) for t in items]
    results = {}
    errors = []

    def worker(k):
        try:
            for rnd in range(3):
                for i in range(len(items)):
                    j = (i + k) % len(items)
                    r = precis.analyze(items[j])
                    if r != ref[j]:
                        errors.append((k, j))
            results[k] = True
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert errors == [] and len(results) == 4

    # one Document read from several threads at once
    doc = precis.Document(items[0])
    seen = []

    def reader():
        seen.append((doc.render("jsonl"), tuple(doc.quotes), tuple(doc.entities)))

    ts = [threading.Thread(target=reader) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(seen) == 4 and all(s == seen[0] for s in seen)


def _count_while(fn):
    """How often another Python thread gets round its loop while fn() runs
    in this one.  A foreign call that holds the GIL lets it run only in the
    few bytecodes before and after the call; one that releases it, all along."""
    state = {"on": False, "stop": False, "n": 0}
    started = threading.Event()

    def spin():
        started.set()
        while not state["stop"]:
            if state["on"]:
                state["n"] += 1

    t = threading.Thread(target=spin)
    t.start()
    started.wait()
    state["on"] = True
    fn()
    state["on"] = False
    state["stop"] = True
    t.join()
    return state["n"]


def test_gil_is_released_during_analysis():
    # the mechanism: libprecis is a ctypes.CDLL (releases the GIL), not a PyDLL
    assert not precis._lib.lib._func_flags_ & ctypes._FUNCFLAG_PYTHONAPI
    big = "\n\n".join(texts(5) * 120)  # about a second of analysis
    # a short switch interval: a thread that holds the GIL hands it over
    # within 0.1 ms of being asked, so the windows around a call are short
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    try:
        during_analysis = _count_while(lambda: precis.analyze(big, format="jsonl"))
        # a control that holds the GIL for a similar time: usleep through PyDLL
        libc = ctypes.PyDLL(None)
        held = _count_while(lambda: libc.usleep(300000))
    finally:
        sys.setswitchinterval(old)
    # the other thread ran all through the analysis, hardly at all through the held call
    assert during_analysis > 10 * (held + 1000), (during_analysis, held)
