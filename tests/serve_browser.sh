#!/usr/bin/env bash
# The web page in a real browser (tests/serve/browser_test.py): Debian's
# chromium, headless, driven through the DevTools protocol from Debian's
# python3 with python3-websocket.  Screenshots: $PRECIS_BUILD/serve-*.png.
set -u
PRECIS=${1:?usage: serve_browser.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${PRECIS_BUILD:-$(dirname "$PRECIS")}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || { echo "SKIP: no python3"; exit 77; }
exec "$PY" "$SRC/tests/serve/browser_test.py" "$PRECIS" "$SRC" "$BUILD"
