#!/usr/bin/env bash
# attrib-cv.sh PRECIS [POLNEAR_TRAIN_DIR] - 5-fold cross-validation of the whole
# attribution engine on PolNeAR train (docs/attribution.md "0.11.0"): the 840
# articles in 5 folds by article (file-name order, article k in fold k mod 5),
# the cue tagger trained by PRECIS on four folds (seed 1, models/pos.bin), the
# engine run with that model on the fifth, the five folds' outputs scored
# together by `precis eval attrib`.  Prints the eval's cue/source/content/linked
# lines.  Takes about 1.5 minutes on one core.  ATTRIB_CV_KEEP=DIR keeps the
# folds (DIR, new or empty: DIR/f0..f4, the models DIR/m0..m4.bin) and the engine's brat outputs
# (DIR/out/<article>.ann) for reading.
set -eu
PRECIS=$(readlink -f "${1:?usage: attrib-cv.sh PRECIS [POLNEAR_TRAIN_DIR]}")
HERE=$(cd "$(dirname "$0")/.." && pwd)
TRAIN=$(readlink -f "${2:-$HERE/../shared/data/polnear/train}")
[ -d "$TRAIN/text" ] && [ -d "$TRAIN/attributions" ] || { echo "no PolNeAR train at $TRAIN" >&2; exit 77; }
if [ -n "${ATTRIB_CV_KEEP:-}" ]; then
  tmp=$ATTRIB_CV_KEEP
  if [ -d "$tmp" ] && [ -n "$(ls -A "$tmp")" ]; then echo "ATTRIB_CV_KEEP: $tmp is not empty" >&2; exit 2; fi
  mkdir -p "$tmp"
else
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fi
i=0
for f in $(ls "$TRAIN/text" | sort); do
  a=${f%.txt}; k=$((i % 5)); i=$((i + 1))
  for j in 0 1 2 3 4; do
    part=tr; [ $j = $k ] && part=te
    mkdir -p "$tmp/f$j/$part/text" "$tmp/f$j/$part/attributions"
    ln -s "$TRAIN/text/$f" "$tmp/f$j/$part/text/$f"
    for an in "$TRAIN/attributions/${a}"_*.ann; do [ -e "$an" ] && ln -s "$an" "$tmp/f$j/$part/attributions/"; done
  done
done
mkdir -p "$tmp/out"
for j in 0 1 2 3 4; do
  SOURCE_DATE_EPOCH=1795000000 "$PRECIS" train attrib "$tmp/f$j/tr" "$tmp/f$j/te" -o "$tmp/m$j.bin" --seed 1 \
    --pos-model "$HERE/models/pos.bin" -q
  "$PRECIS" --attrib-model "$tmp/m$j.bin" -f brat --out-dir "$tmp/out" "$tmp/f$j/te/text/"*.txt > /dev/null
done
"$PRECIS" eval attrib "$TRAIN" "$tmp/out" | grep -E '^(cue|source|content|linked)'
