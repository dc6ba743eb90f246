#!/usr/bin/env bash
# precis serve over HTTP (tests/serve/http_test.py): every endpoint, the
# limits, errors, slow clients, concurrency, SIGTERM with a request in flight.
set -u
PRECIS=${1:?usage: serve_http.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
# Debian's python3 (the one a fresh Debian 12 machine has); the standard library is enough
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || { echo "SKIP: no python3"; exit 77; }
exec "$PY" "$SRC/tests/serve/http_test.py" "$PRECIS" "$SRC"
