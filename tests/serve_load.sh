#!/usr/bin/env bash
# A bounded load run against precis serve on 127.0.0.1: ab (Debian's
# apache2-utils) sends a fixed number of POST /v1/analyze requests (the
# sample article) from a few concurrent clients; every one must succeed
# (no failed request, no non-2xx answer, one 200 line a request in the
# access log).  Prints requests/s and the p50/p99 latency (no timing
# assertion: the machine is shared).  PRECIS_LOAD_N, PRECIS_LOAD_C and
# PRECIS_LOAD_THREADS change the run (default 2000 requests, 8 clients,
# 2 server threads).
set -u
PRECIS=${1:?usage: serve_load.sh PRECIS}
SRC=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
N=${PRECIS_LOAD_N:-2000}
C=${PRECIS_LOAD_C:-8}
T=${PRECIS_LOAD_THREADS:-2}
command -v ab >/dev/null || { echo "SKIP: no ab (Debian: apache2-utils; tools/install-deps --test)"; exit 77; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$PRECIS" serve --listen 127.0.0.1:0 --threads "$T" > "$tmp/out" 2> "$tmp/log" &
pid=$!
for _ in $(seq 300); do grep -qs listening "$tmp/out" && break; sleep 0.1; done
url=$(sed -n 's/^precis serve: listening on \(http:[^ ]*\)$/\1/p' "$tmp/out")
[ -n "$url" ] || { echo "FAIL: precis serve did not start"; cat "$tmp/log"; exit 1; }
cp "$SRC/examples/harbour-bridge.txt" "$tmp/body"
ab -q -n "$N" -c "$C" -p "$tmp/body" -T 'text/plain; charset=utf-8' "${url}v1/analyze" > "$tmp/ab" 2>&1
rc=$?
kill -TERM "$pid"; wait "$pid"; st=$?; pid=
fail=0
[ $rc = 0 ] || { echo "FAIL: ab exit $rc"; fail=1; }
complete=$(sed -n 's/^Complete requests: *\([0-9]*\)/\1/p' "$tmp/ab")
failed=$(sed -n 's/^Failed requests: *\([0-9]*\)/\1/p' "$tmp/ab")
non2xx=$(sed -n 's/^Non-2xx responses: *\([0-9]*\)/\1/p' "$tmp/ab")
rps=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$tmp/ab")
p50=$(sed -n 's/^ *50% *\([0-9]*\).*/\1/p' "$tmp/ab")
p99=$(sed -n 's/^ *99% *\([0-9]*\).*/\1/p' "$tmp/ab")
ok200=$(grep -c ' POST /v1/analyze 200 ' "$tmp/log")
[ "$complete" = "$N" ] || { echo "FAIL: $complete of $N requests complete"; fail=1; }
[ "$failed" = 0 ] || { echo "FAIL: $failed failed requests"; fail=1; }
[ -z "$non2xx" ] || { echo "FAIL: $non2xx non-2xx answers"; fail=1; }
[ "$ok200" = "$N" ] || { echo "FAIL: $ok200 of $N requests logged with 200"; fail=1; }
[ $st = 0 ] || { echo "FAIL: the server exited $st after SIGTERM"; fail=1; }
echo "ab -n $N -c $C -p harbour-bridge.txt -T text/plain (precis serve --threads $T, $(nproc) CPUs):" \
  "$rps requests/s, p50 ${p50} ms, p99 ${p99} ms, $failed failed, ${non2xx:-0} non-2xx"
[ $fail = 0 ] || { cat "$tmp/ab"; tail -20 "$tmp/log"; }
exit $fail
