#!/usr/bin/env bash
# python.sh - the Python package (python/) against this build's libprecis.so.N:
# python/tests with pytest (Debian's python3-pytest), the package imported
# from the source tree, the library named by PRECIS_LIBRARY, the tool given
# for the comparisons.  Skips (77) with a message when no python3 with pytest
# is found or the build has no shared library.  (pip installing the package
# into a venv against an installed library: tests/install.sh.)
# Usage: bash tests/python.sh /path/to/precis
set -u
PRECIS=${1:?usage: python.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${PRECIS_BUILD:-$(cd "$(dirname "$PRECIS")" && pwd)}
# Debian's python3 first: python3 on PATH may be another one without pytest
py=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys, pytest; assert sys.version_info >= (3, 10)' 2>/dev/null; then
    py=$p
    break
  fi
done
[ -n "$py" ] || { echo "SKIP: no python3 (3.10 or later) with pytest (Debian: python3-pytest; tools/install-deps --test)"; exit 77; }
lib=$(ls "$BUILD"/libprecis.so.[0-9]* 2>/dev/null | grep -E '\.so\.[0-9]+$' | head -1)
[ -n "$lib" ] || { echo "SKIP: no libprecis.so.N in $BUILD (built with BUILD_SHARED_LIBS=OFF?)"; exit 77; }
echo "python: $("$py" --version) $(command -v "$py"), library: $lib"
# a library built with ASan/UBSan (make asan-check): its runtime must be loaded
# first, so preload it; Python's own allocations are not ours to leak-check
if ldd "$lib" 2>/dev/null | grep -q 'libasan\.so'; then
  asan=$(ldd "$lib" | awk '/libasan\.so/ { print $3; exit }')
  [ -f "$asan" ] || { echo "SKIP: $lib needs the ASan runtime, not found"; exit 77; }
  export LD_PRELOAD="$asan${LD_PRELOAD:+:$LD_PRELOAD}"
  export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  echo "python: the library is sanitized: LD_PRELOAD=$asan, leak checks off"
fi
cd "$SRC/python" || exit 1
PRECIS_LIBRARY=$lib PRECIS_BIN=$PRECIS PYTHONDONTWRITEBYTECODE=1 \
  exec "$py" -m pytest -q -p no:cacheprovider tests
