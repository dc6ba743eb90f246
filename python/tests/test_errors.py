"""The library's errors raise precis.Error with its message; a missing
library is a clear ImportError."""

import os
import subprocess
import sys

import pytest

import precis
from conftest import EXAMPLE, PYDIR, SRC

MODELS = os.path.join(SRC, "models")


def test_error_is_an_exception():
    assert issubclass(precis.Error, Exception)


def test_missing_model_file(precis_bin):
    with pytest.raises(precis.Error) as ei:
        precis.Model("/nonexistent/pos.bin")
    e = ei.value
    assert e.code == 5 and e.name == "io" and e.offset is None
    assert "/nonexistent/pos.bin" in str(e)
    # the library's own message: the tool prints the same one
    out = subprocess.run([precis_bin, "--pos-model", "/nonexistent/pos.bin", EXAMPLE],
                         capture_output=True)
    assert out.returncode == 2
    assert out.stderr.decode().strip() == "precis: " + str(e)


def test_not_a_model(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"this is not a model file at all, just some words\n" * 3)
    with pytest.raises(precis.Error) as ei:
        precis.Model(junk)
    assert ei.value.name == "model format" and ei.value.code == 6
    assert ei.value.offset == 0 and "not a precis model" in str(ei.value)
    # a path given as an option is loaded, and fails the same way
    with pytest.raises(precis.Error, match="not a precis model"):
        precis.analyze("Some text.", ner_model=str(junk))


@pytest.mark.skipif(not os.path.exists(os.path.join(MODELS, "ner.bin")), reason="no models/")
def test_model_of_the_wrong_kind(article):
    ner = precis.Model(os.path.join(MODELS, "ner.bin"))
    assert ner.kind == "ner"
    with pytest.raises(precis.Error) as ei:
        precis.analyze(article, pos_model=ner)
    assert ei.value.name == "model kind" and "ner" in str(ei.value)
    with pytest.raises(precis.Error):
        precis.Document(article, pos_model=ner)
    with pytest.raises(precis.Error):
        list(precis.analyze_many([article, article], threads=2, pos_model=ner))
    # the right kind works, and the stats say so
    r = precis.analyze(article, ner_model=ner, pos_model=os.path.join(MODELS, "pos.bin"))
    assert r["stats"]["models"]["ner"] == "given" and r["stats"]["models"]["pos"] == "given"
    ner.close()
    with pytest.raises(ValueError, match="closed"):
        precis.analyze(article, ner_model=ner)


def test_options_version_error():
    # not reachable through the public API: an options struct of a version
    # the library does not know (what a binding with a wrong struct would send)
    prep = precis._prepare("dict")
    prep.opts.version = 9999
    with pytest.raises(precis.Error) as ei:
        precis._run("Some text.", prep, None)
    assert ei.value.name == "options version" and ei.value.code == 2
    assert str(ei.value)


def _import(env):
    code = "import precis; print(precis.__version__, precis.library_path)"
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env,
                          "PYTHONPATH": PYDIR}, capture_output=True, cwd="/")


def test_library_not_found():
    r = _import({"PRECIS_LIBRARY": "/nonexistent/libprecis.so.1"})
    assert r.returncode != 0
    err = r.stderr.decode()
    assert "ImportError" in err and "PRECIS_LIBRARY" in err and "/nonexistent/libprecis.so.1" in err


def test_library_found_by_directory_and_loader():
    lib = precis.library_path
    if os.sep not in lib:
        pytest.skip("the library was loaded by name")
    d = os.path.dirname(os.path.abspath(lib))
    r = _import({"PRECIS_LIBRARY": d})
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().split()[0] == precis.__version__
    # without PRECIS_LIBRARY: the loader's search (LD_LIBRARY_PATH) finds libprecis.so.N
    env = {k: v for k, v in os.environ.items() if k != "PRECIS_LIBRARY"}
    env["LD_LIBRARY_PATH"] = d
    env["PYTHONPATH"] = PYDIR
    r = subprocess.run([sys.executable, "-c", "import precis; print(precis.library_path)"],
                       env=env, capture_output=True, cwd="/")
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().strip() == "libprecis.so.%d" % precis._lib.SOVERSIONS[0]


def test_search_order(monkeypatch, tmp_path):
    lib = precis._lib
    monkeypatch.setattr(lib, "COMMON_LIBDIRS", (str(tmp_path),))
    monkeypatch.setenv("PRECIS_LIBRARY", "/x/libprecis.so.1")
    assert lib.candidates() == ["/x/libprecis.so.1"]  # alone
    monkeypatch.setenv("PRECIS_LIBRARY", str(tmp_path))
    assert lib.candidates() == [str(tmp_path / "libprecis.so.1")]  # a directory
    monkeypatch.delenv("PRECIS_LIBRARY")
    c = lib.candidates()
    assert c[0] == "libprecis.so.1"  # the loader's search first
    assert c[-1] == str(tmp_path / "libprecis.so.1")  # the usual directories last
