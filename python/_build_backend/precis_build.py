"""A PEP 517 build backend for the precis package, on the standard library alone.

The package is pure Python (it loads libprecis with ctypes), so a wheel is a
zip of precis/ and a .dist-info folder.  Hooks: build_wheel, build_editable
(a .pth file pointing at this source tree), build_sdist, and the
prepare_metadata_* and get_requires_* hooks (no requirements).  The name,
version, description, readme and requires-python come from pyproject.toml's
[project] table.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # python/
PACKAGE = "precis"
TAG = "py3-none-any"


def _project():
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as f:
        raw = f.read()
    try:
        import tomllib
        return tomllib.loads(raw.decode("utf-8"))["project"]
    except ImportError:  # Python 3.10: the simple key = "string" lines of [project]
        out, section = {}, None
        for line in raw.decode("utf-8").splitlines():
            m = re.match(r"\s*\[([^\]]+)\]", line)
            if m:
                section = m.group(1).strip()
                continue
            m = re.match(r'\s*([A-Za-z_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$', line)
            if section == "project" and m:
                out[m.group(1)] = m.group(2)
        return out


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}",
             f"Summary: {p.get('description', '')}"]
    if p.get("requires-python"):
        lines.append(f"Requires-Python: {p['requires-python']}")
    body = ""
    if p.get("readme"):
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(HERE, p["readme"]), encoding="utf-8") as f:
            body = f.read()
    return p["name"], p["version"], ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def _distinfo(name, version):
    return f"{name}-{version}.dist-info"


def _wheel_file():
    return (f"Wheel-Version: 1.0\nGenerator: precis_build\nRoot-Is-Purelib: true\n"
            f"Tag: {TAG}\n").encode("ascii")


def _package_files():
    root = os.path.join(HERE, PACKAGE)
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for f in sorted(files):
            if f.endswith((".py", ".typed")):
                full = os.path.join(d, f)
                out.append((os.path.relpath(full, HERE).replace(os.sep, "/"), full))
    return out


def _hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _write_wheel(wheel_directory, entries):
    name, version, metadata = _metadata()
    di = _distinfo(name, version)
    entries = list(entries) + [(f"{di}/METADATA", metadata), (f"{di}/WHEEL", _wheel_file()),
                               (f"{di}/top_level.txt", (PACKAGE + "\n").encode("ascii"))]
    record = "".join(f"{path},{_hash(data)},{len(data)}\n" for path, data in entries)
    record += f"{di}/RECORD,,\n"
    filename = f"{name}-{version}-{TAG}.whl"
    stamp = time.localtime(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")))[:6]
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for path, data in entries + [(f"{di}/RECORD", record.encode("utf-8"))]:
            info = zipfile.ZipInfo(path, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return filename


def _prepare_metadata(metadata_directory):
    name, version, metadata = _metadata()
    di = os.path.join(metadata_directory, _distinfo(name, version))
    os.makedirs(di, exist_ok=True)
    with open(os.path.join(di, "METADATA"), "wb") as f:
        f.write(metadata)
    with open(os.path.join(di, "WHEEL"), "wb") as f:
        f.write(_wheel_file())
    return _distinfo(name, version)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _prepare_metadata(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    entries = []
    for rel, full in _package_files():
        with open(full, "rb") as f:
            entries.append((rel, f.read()))
    return _write_wheel(wheel_directory, entries)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # a .pth file: the source tree's python/ on sys.path
    return _write_wheel(wheel_directory, [(f"__editable__.{PACKAGE}.pth",
                                           (HERE + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    name, version, metadata = _metadata()
    base = f"{name}-{version}"
    filename = base + ".tar.gz"
    files = [("pyproject.toml", os.path.join(HERE, "pyproject.toml")),
             ("README.md", os.path.join(HERE, "README.md")),
             ("_build_backend/precis_build.py", os.path.abspath(__file__))]
    files += _package_files()
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as t:
        for rel, full in files:
            t.add(full, arcname=f"{base}/{rel}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(metadata)
        info.mode = 0o644
        t.addfile(info, io.BytesIO(metadata))
    return filename
