#!/usr/bin/env bash
# update-golden.sh - regenerate tests/golden/NAME.json from tests/golden/NAME.txt,
# and tests/golden/conllu/NAME.conllu from tests/golden/conllu/NAME.txt (the
# parser's trees: regenerate these after a new parser model), with the given
# precis binary.  READ the diff (git diff tests/golden) before committing: a
# golden file must hold the right answer, not just the current one.
# Usage: tools/update-golden.sh /path/to/precis [NAME... | conllu/NAME...]
set -eu
PRECIS=${1:?usage: update-golden.sh /path/to/precis [NAME...]}
shift
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
dir=$(cd "$(dirname "$0")/../tests/golden" && pwd)
cd "$dir"
if [ $# -gt 0 ]; then names=("$@"); else
  names=(); for t in *.txt conllu/*.txt; do names+=("${t%.txt}"); done
fi
for name in "${names[@]}"; do
  name=${name%.txt}
  name=${name#tests/golden/}
  # the same options as tests/golden.sh (the default pipeline; PRECIS_GOLDEN_ARGS adds options),
  # from the folder of the article so that the id is its bare file name
  case $name in
  conllu/*)
    base=${name#conllu/}
    # shellcheck disable=SC2086
    (cd conllu && "$PRECIS" ${PRECIS_GOLDEN_ARGS-} -f conllu "$base.txt" > "$base.conllu.tmp" &&
      mv "$base.conllu.tmp" "$base.conllu")
    echo "wrote tests/golden/$name.conllu" ;;
  *)
    # shellcheck disable=SC2086
    "$PRECIS" ${PRECIS_GOLDEN_ARGS-} -f json "$name.txt" > "$name.json.tmp"
    mv "$name.json.tmp" "$name.json"
    echo "wrote tests/golden/$name.json" ;;
  esac
done
