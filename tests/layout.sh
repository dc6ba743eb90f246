#!/usr/bin/env bash
# layout.sh - the floor plan of docs/architecture.md, checked on the sources:
#   * libprecis (src/*.c|h, src/model/) includes nothing from src/train/ or src/eval/;
#   * the model runtime (src/model/) includes nothing from the pipeline but
#     precis.h, error.h and its own headers;
#   * cli/ includes only precis.h, train/*.h, eval/*.h, util/*.h and its own headers;
#   * src/util/ (shared by libprecis and the tool) includes only its own headers;
#   * nothing in libprecis calls exit() or abort() on a path a caller can reach
#     (the only abort()s allowed are listed below, with their reasons);
#   * every .c file under src/ and cli/ is named in CMakeLists.txt (explicit lists).
# Usage: bash tests/layout.sh [precis]   (the argument is unused)
set -u
src=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$src" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

incl() { grep -ho '^#include "[^"]*"' "$@" | sed 's/#include "\(.*\)"/\1/' | sort -u; }

x=$(incl src/*.c src/*.h src/model/*.c src/model/*.h | grep -E '^(\.\./)?(train|eval)/|^(train|model_write|perceptron_train|clusters|rouge|porter|brat|attrib_eval)\.h$')
[ -z "$x" ] && ok || bad "libprecis includes training or evaluation headers: $x"

x=$(incl src/model/*.c src/model/*.h | grep -vE '^(precis\.h|error\.h|model\.h|perceptron\.h|tagger\.h|tagger_features\.h|parser\.h|parser_features\.h|cue_model\.h|kp_model\.h)$')
[ -z "$x" ] && ok || bad "the model runtime includes pipeline headers: $x"

x=$(incl src/util/*.c src/util/*.h | grep -vE '^(utf8|json)\.h$')
[ -z "$x" ] && ok || bad "src/util includes other headers: $x"

x=$(incl cli/*.c cli/*.h | grep -vE '^(precis\.h|train/[a-z_]+\.h|eval/[a-z_]+\.h|util/[a-z_0-9]+\.h)$' | while read -r h; do [ -f "cli/$h" ] || echo "$h"; done)
[ -z "$x" ] && ok || bad "cli/ includes library internals: $x"

# exit() never; abort() only where documented as unreachable from the API
x=$(grep -n '\bexit *(' src/*.c src/model/*.c src/util/*.c)
[ -z "$x" ] && ok || bad "libprecis calls exit(): $x"
x=$(grep -n '\babort *(' src/*.c src/model/*.c | grep -v 'abort(); /\* unreachable:')
[ -z "$x" ] && ok || bad "libprecis calls abort() on a reachable path: $x"

for f in src/*.c src/util/*.c src/model/*.c src/train/*.c src/eval/*.c cli/*.c; do
  grep -q "$f" CMakeLists.txt && ok || bad "$f is not in CMakeLists.txt's source lists"
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
