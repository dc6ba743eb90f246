"""The package's metadata and its build backend (python/_build_backend):
the wheel it writes is complete and its RECORD true; the version is the
library's.  (pip installing it into a venv is in tests/install.sh.)"""

import base64
import csv
import hashlib
import io
import os
import re
import sys
import tarfile
import zipfile

import pytest

import precis
from conftest import PYDIR, SRC


def _backend():
    sys.path.insert(0, os.path.join(PYDIR, "_build_backend"))
    try:
        import precis_build
    finally:
        sys.path.pop(0)
    return precis_build


def _pyproject_version():
    with open(os.path.join(PYDIR, "pyproject.toml"), encoding="utf-8") as f:
        return re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)


def test_versions_agree():
    with open(os.path.join(SRC, "CMakeLists.txt"), encoding="utf-8") as f:
        cmake = re.search(r"project\(precis VERSION ([0-9.]+)", f.read()).group(1)
    assert _pyproject_version() == cmake
    if os.environ.get("PRECIS_LIBRARY"):  # the build tree's library
        assert precis.__version__ == cmake


def test_wheel(tmp_path):
    b = _backend()
    assert b.get_requires_for_build_wheel() == []
    name = b.build_wheel(str(tmp_path))
    assert name == f"precis-{_pyproject_version()}-py3-none-any.whl"
    with zipfile.ZipFile(tmp_path / name) as z:
        names = set(z.namelist())
        di = f"precis-{_pyproject_version()}.dist-info"
        for f in ("precis/__init__.py", "precis/_lib.py", "precis/_types.py", "precis/py.typed",
                  f"{di}/METADATA", f"{di}/WHEEL", f"{di}/RECORD"):
            assert f in names, f
        assert not any("__pycache__" in n or n.startswith("tests/") for n in names)
        meta = z.read(f"{di}/METADATA").decode()
        assert "Name: precis\n" in meta and f"Version: {_pyproject_version()}\n" in meta
        assert "Requires-Python: >=3.10" in meta
        rows = list(csv.reader(io.StringIO(z.read(f"{di}/RECORD").decode())))
        assert {r[0] for r in rows} == names
        for path, digest, size in rows:
            if path.endswith("RECORD"):
                assert digest == size == ""
                continue
            data = z.read(path)
            h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == "sha256=" + h and int(size) == len(data), path
    md = b.prepare_metadata_for_build_wheel(str(tmp_path / "md"))
    assert (tmp_path / "md" / md / "METADATA").read_text().startswith("Metadata-Version:")


def test_editable_and_sdist(tmp_path):
    b = _backend()
    with zipfile.ZipFile(tmp_path / b.build_editable(str(tmp_path))) as z:
        pth = [n for n in z.namelist() if n.endswith(".pth")]
        assert len(pth) == 1 and z.read(pth[0]).decode().strip() == PYDIR
    with tarfile.open(tmp_path / b.build_sdist(str(tmp_path))) as t:
        names = t.getnames()
    base = f"precis-{_pyproject_version()}"
    for f in ("pyproject.toml", "PKG-INFO", "precis/__init__.py", "_build_backend/precis_build.py"):
        assert f"{base}/{f}" in names, f


def test_typed_public_api():
    for f in (precis.analyze, precis.analyze_many, precis.analyze_doc, precis.extract):
        assert f.__doc__ and f.__annotations__.get("return")
    for name in precis.__all__:
        assert hasattr(precis, name), name


def test_type_hints(tmp_path):
    """mypy --strict accepts the package, and a program using it (py.typed)."""
    import subprocess
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.skip("no mypy (Debian: python3-mypy)")
    user = tmp_path / "user.py"
    user.write_text(
        "import precis\n"
        "def first(text: str) -> str:\n"
        "    r = precis.analyze(text, max_keypoints=2)\n"
        "    doc = precis.Document(text)\n"
        "    spans: list[precis.Span] = [q.span for q in doc.quotes if q.span is not None]\n"
        "    page: precis.Page = precis.extract(b'<p>x</p>')\n"
        "    n: int = len(spans) + len(page.text)\n"
        "    j: str = precis.analyze(text, format='json')\n"
        "    d: precis.Document = precis.analyze(text, format='document')\n"
        "    lines = [s.upper() for s in precis.analyze_many([text], format='jsonl')]\n"
        "    ks = [r['keypoints'] for r in precis.analyze_many([text], threads=2)]\n"
        "    n += len(j) + len(d.quotes) + len(lines) + len(ks)\n"
        "    return str(r['keypoints'][0]['text']) + doc.keypoints[0].claim + str(n)\n")
    bad = tmp_path / "bad.py"
    bad.write_text("import precis\nx: int = precis.Document('t').keypoints[0].text\n"
                   "y: str = precis.analyze('t')\n"
                   "z: int = precis.analyze('t', format='json')\n")
    env = {**os.environ, "MYPYPATH": PYDIR}
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
           "--cache-dir", str(tmp_path / "cache")]
    r = subprocess.run(cmd + ["-p", "precis"], cwd=PYDIR, capture_output=True, env=env)
    assert r.returncode == 0, r.stdout.decode()
    r = subprocess.run(cmd + [str(user)], cwd=str(tmp_path), capture_output=True, env=env)
    assert r.returncode == 0, r.stdout.decode()
    r = subprocess.run(cmd + [str(bad)], cwd=str(tmp_path), capture_output=True, env=env)
    assert r.returncode == 1 and r.stdout.count(b"Incompatible types") == 3, r.stdout.decode()


def test_backend_without_tomllib(monkeypatch):
    """Python 3.10 has no tomllib: the backend's own reading of [project]
    gives the same fields."""
    b = _backend()
    full = b._project()
    monkeypatch.setitem(sys.modules, "tomllib", None)  # import tomllib -> ImportError
    simple = b._project()
    for k in ("name", "version", "description", "readme", "requires-python"):
        assert simple[k] == full[k], k


def test_the_package_under_test():
    """The source tree's package, or with PRECIS_TEST_INSTALLED=1 the installed one."""
    here = os.path.realpath(precis.__file__).startswith(os.path.realpath(PYDIR) + os.sep)
    assert here != bool(os.environ.get("PRECIS_TEST_INSTALLED")), precis.__file__
