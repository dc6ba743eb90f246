#!/usr/bin/env bash
# update-golden.sh - regenerate tests/golden/NAME.json from tests/golden/NAME.txt
# with the given precis binary.  READ the diff (git diff tests/golden) before
# committing: a golden file must hold the right answer, not just the current one.
# Usage: tools/update-golden.sh /path/to/precis [NAME...]
set -eu
PRECIS=${1:?usage: update-golden.sh /path/to/precis [NAME...]}
shift
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
dir=$(cd "$(dirname "$0")/../tests/golden" && pwd)
cd "$dir"
if [ $# -gt 0 ]; then names=("$@"); else names=(); for t in *.txt; do names+=("${t%.txt}"); done; fi
for name in "${names[@]}"; do
  name=${name%.txt}
  # the same options as tests/golden.sh (the default pipeline; PRECIS_GOLDEN_ARGS adds options)
  # shellcheck disable=SC2086
  "$PRECIS" ${PRECIS_GOLDEN_ARGS-} -f json "$name.txt" > "$name.json.tmp"
  mv "$name.json.tmp" "$name.json"
  echo "wrote tests/golden/$name.json"
done
