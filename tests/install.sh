#!/usr/bin/env bash
# install.sh - libprecis as a user installs and uses it.
#
#   make install DESTDIR=STAGE PREFIX=/usr     (in a build folder of its own)
#
# must install the tool, libprecis.so.N (soname) and libprecis.a, precis.h and
# precis_version.h, libprecis.pc, the CMake package and both man pages; a C
# program must build and run against the staged tree with
# `pkg-config --cflags --libs libprecis` (shared), statically, and through
# find_package(precis) in CMake; the shared library must export exactly the
# functions precis.h declares (all precis_*) and need no jansson; the static
# library must hold no trainer or evaluator code; the Python package (python/)
# must pip install into a venv offline and run against the staged library.
# Usage: bash tests/install.sh /path/to/precis   (the argument is unused: the
# test builds its own tree from PRECIS_SOURCE, or the folder above tests/).
set -u
src=${PRECIS_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
for tool in cmake make cc pkg-config nm readelf; do
  command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
done
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

stage=$t/stage
if ! make -C "$src" install BUILDDIR="$t/build" DESTDIR="$stage" PREFIX=/usr JOBS=2 \
     > "$t/make.log" 2>&1; then
  tail -30 "$t/make.log"
  bad "make install DESTDIR=$stage PREFIX=/usr"
  echo "$pass passed, $fail failed"
  exit 1
fi
ok

# --- the files ---------------------------------------------------------------
usr=$stage/usr
libdir=$(dirname "$(find "$usr" -name 'libprecis.so.*' -type f | head -1)")
[ -d "$libdir" ] || libdir=$usr/lib
soname=$(readelf -d "$libdir/libprecis.so" 2>/dev/null | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
check "soname libprecis.so.N (got '$soname')" eval '[[ "$soname" =~ ^libprecis\.so\.[0-9]+$ ]]'
check "libprecis.so -> $soname" test -e "$libdir/$soname" -a -L "$libdir/libprecis.so"
for f in "$usr/bin/precis" "$libdir/libprecis.a" "$usr/include/precis.h" \
         "$usr/include/precis_version.h" "$libdir/pkgconfig/libprecis.pc" \
         "$libdir/cmake/precis/precisConfig.cmake" "$libdir/cmake/precis/precisConfigVersion.cmake" \
         "$usr/share/man/man1/precis.1" "$usr/share/man/man3/precis.3"; do
  check "installed: ${f#$stage}" test -f "$f"
done
check "the installed tool runs" eval '"$usr/bin/precis" --version | grep -q "^precis "'

# --- exported symbols ----------------------------------------------------------
nm -D --defined-only "$libdir/libprecis.so" | awk '$2 ~ /[TDBR]/ {print $3}' | sort > "$t/exported"
grep -v '^precis_' "$t/exported" > "$t/stray"
check "libprecis.so exports only precis_ symbols (stray: $(tr '\n' ' ' < "$t/stray"))" test ! -s "$t/stray"
grep -o 'PRECIS_EXPORT [^(]*[ *]precis_[a-z_0-9]*(' "$usr/include/precis.h" |
  sed 's/.*[ *]\(precis_[a-z_0-9]*\)(/\1/' | sort > "$t/declared"
check "exported symbols = functions declared in precis.h ($(diff "$t/declared" "$t/exported" | grep '^[<>]' | tr '\n' ' '))" \
  cmp -s "$t/declared" "$t/exported"
check "at least 20 exported functions" test "$(wc -l < "$t/declared")" -ge 20
readelf -d "$libdir/libprecis.so" | grep NEEDED > "$t/needed"
check "libprecis.so needs no jansson ($(tr -s ' ' < "$t/needed" | tr '\n' ' '))" eval '! grep -q jansson "$t/needed"'
nm --defined-only "$libdir/libprecis.a" 2>/dev/null | awk '{print $3}' > "$t/static"
check "libprecis.a has no trainer or evaluator" eval '! grep -Eq "^prc_(tagger_train|rouge_|attrib_eval|pc_trainer|brat_)" "$t/static"'
check "libprecis.a defines only precis_ and prc_ globals" \
  eval '! nm --defined-only -g "$libdir/libprecis.a" | awk "NF==3{print \$3}" | grep -vq "^\(precis_\|prc_\)"'

# --- a program against the installed tree --------------------------------------
cat > "$t/app.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <precis.h>
#include <precis_version.h>

int main(void) {
  const char *text =
      "Harbour officials said on Tuesday that the old bridge would reopen in May.\n\n"
      "\"We are nearly there,\" said Mayor Ana Ruiz, adding that repairs cost $4 million.\n";
  if (strcmp(precis_version(), PRECIS_VERSION_STRING)) { puts("version mismatch"); return 1; }
  precis_options o;
  precis_options_init(&o);
  precis_error err;
  precis_doc *d = precis_analyze_ex(text, strlen(text), &o, &err);
  if (!d) { printf("error: %s\n", err.message); return 1; }
  const precis_quote *q;
  size_t nq = precis_doc_quotes(d, &q);
  const precis_figure *f;
  size_t nf = precis_doc_figures(d, &f);
  precis_stats st;
  precis_doc_stats(d, &st, sizeof st);
  printf("quotes %zu figures %zu first-figure %s pos %d\n", nq, nf, nf ? f[0].text : "-", (int)st.pos);
  for (size_t i = 0; i < nq; i++) printf("speaker %s\n", q[i].speaker ? q[i].speaker : "-");
  precis_doc_free(d);
  return 0;
}
EOF
export PKG_CONFIG_PATH=$libdir/pkgconfig
if cc -o "$t/app" "$t/app.c" $(pkg-config --cflags --libs libprecis) 2> "$t/cc.log"; then
  ok
  LD_LIBRARY_PATH=$libdir "$t/app" > "$t/app.out" 2>&1
  # 3 quotes with the built-in parser (", adding that ..." gets Ruiz as its
  # source from the tree), 2 with the rules alone
  check "the program runs against libprecis.so ($(head -3 "$t/app.out" | tr '\n' ' '))" \
    grep -q '^quotes [23] figures 1 first-figure \$4 million pos 1$' "$t/app.out"
  check "it resolves Ruiz" grep -q '^speaker Ana Ruiz$' "$t/app.out"
  check "it is linked to the shared library" eval 'LD_LIBRARY_PATH=$libdir ldd "$t/app" | grep -q "libprecis.so"'
else
  cat "$t/cc.log"
  bad "cc app.c \$(pkg-config --cflags --libs libprecis)"
fi
# statically
if cc -o "$t/app-static" "$t/app.c" $(pkg-config --cflags libprecis) \
     -Wl,-Bstatic $(pkg-config --libs-only-l libprecis) -Wl,-Bdynamic \
     $(pkg-config --static --libs-only-L libprecis) $(pkg-config --static --libs libprecis | sed 's/-lprecis//') \
     2> "$t/cc-static.log"; then
  "$t/app-static" > "$t/static.out" 2>&1
  check "the program runs linked statically" cmp -s "$t/app.out" "$t/static.out"
  check "static build does not load libprecis.so" eval '! ldd "$t/app-static" | grep -q libprecis'
else
  cat "$t/cc-static.log"
  bad "static link against libprecis.a"
fi
# through CMake's find_package
# (the version asked for is this tree's major.minor: before 1.0 a minor
# release may break the API, so the package is SameMinorVersion-compatible)
mkdir -p "$t/cm"
cp "$t/app.c" "$t/cm/app.c"
ver=$(sed -n 's/^project(precis VERSION \([0-9]*\.[0-9]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$ver" ] || bad "no project(precis VERSION ...) in $src/CMakeLists.txt"
cat > "$t/cm/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16)
project(app C)
find_package(precis $ver REQUIRED)
add_executable(app app.c)
target_link_libraries(app PRIVATE precis::precis)
add_executable(app_static app.c)
target_link_libraries(app_static PRIVATE precis::precis_static)
EOF
if cmake -S "$t/cm" -B "$t/cm/build" -DCMAKE_PREFIX_PATH="$usr" > "$t/cm.log" 2>&1 &&
   cmake --build "$t/cm/build" >> "$t/cm.log" 2>&1; then
  LD_LIBRARY_PATH=$libdir "$t/cm/build/app" > "$t/cm.out" 2>&1
  check "find_package(precis): precis::precis works" cmp -s "$t/app.out" "$t/cm.out"
  "$t/cm/build/app_static" > "$t/cm-static.out" 2>&1
  check "find_package(precis): precis::precis_static works" cmp -s "$t/app.out" "$t/cm-static.out"
else
  tail -20 "$t/cm.log"
  bad "a CMake project with find_package(precis)"
fi

# --- the Python package against the installed library ---------------------------
# Issue 12's "done when": after make install, `pip install ./python` (into a
# venv, offline: --no-index) lets python3 print the first key point; the
# package finds libprecis.so.N through PRECIS_LIBRARY or LD_LIBRARY_PATH.
py=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 &&
     "$p" -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 10)' 2>/dev/null; then
    py=$p
    break
  fi
done
if [ -z "$py" ]; then
  echo "SKIP (the Python package): no python3 3.10+ with venv and ensurepip (Debian: python3-venv)"
elif ! "$py" -m venv --system-site-packages "$t/venv" > "$t/venv.log" 2>&1; then
  cat "$t/venv.log"
  bad "python3 -m venv --system-site-packages"
else
  if (cd "$src" && "$t/venv/bin/pip" install --no-index ./python) > "$t/pip.log" 2>&1; then
    ok
    soname_path=$libdir/$soname
    done_when='import precis; print(precis.analyze(open("examples/harbour-bridge.txt").read())["keypoints"][0]["text"])'
    "$usr/bin/precis" -f json "$src/examples/harbour-bridge.txt" |
      "$py" -c 'import json, sys; print(json.load(sys.stdin)["keypoints"][0]["text"])' > "$t/kp.expected"
    check "the tool's first key point" test -s "$t/kp.expected"
    (cd "$src" && env -u LD_LIBRARY_PATH PRECIS_LIBRARY="$soname_path" "$t/venv/bin/python" -c "$done_when") \
      > "$t/kp.lib" 2> "$t/kp.lib.err"
    check "python3 -c 'import precis; ...' with PRECIS_LIBRARY prints the first key point ($(head -c 200 "$t/kp.lib" "$t/kp.lib.err"))" \
      cmp -s "$t/kp.expected" "$t/kp.lib"
    (cd "$src" && env -u PRECIS_LIBRARY LD_LIBRARY_PATH="$libdir" "$t/venv/bin/python" -c "$done_when") \
      > "$t/kp.ld" 2> "$t/kp.ld.err"
    echo "python: the first key point with PRECIS_LIBRARY=$soname_path: $(cat "$t/kp.lib")"
    check "the same with LD_LIBRARY_PATH ($(head -c 200 "$t/kp.ld.err"))" cmp -s "$t/kp.expected" "$t/kp.ld"
    (cd / && PRECIS_LIBRARY="$soname_path" "$t/venv/bin/python" -c \
      'import precis, sys; print(precis.__file__, precis.__version__, precis.library_path)') > "$t/where" 2>&1
    check "the venv's package, the library's version ($(cat "$t/where"))" \
      grep -q "^$t/venv/.*/precis/__init__.py $("$usr/bin/precis" --version | awk '{print $2}') $soname_path\$" "$t/where"
    if (cd / && env -u PRECIS_LIBRARY -u LD_LIBRARY_PATH "$t/venv/bin/python" -c \
        'import precis; print(precis.library_path)') > "$t/nolib" 2>&1; then
      echo "note: a libprecis installed on this machine ($(cat "$t/nolib")): no check of the ImportError"
    else
      check "without the library: an ImportError that says what to do ($(tail -1 "$t/nolib" | head -c 300))" \
        grep -q "ImportError: precis: cannot load libprecis.*PRECIS_LIBRARY" "$t/nolib"
    fi
    # the package's tests against the installed package and library (the 10 MB
    # input and the type check, which reads the sources, run in script/python)
    (cd "$t" && PRECIS_TEST_INSTALLED=1 PRECIS_LIBRARY="$soname_path" PRECIS_BIN="$usr/bin/precis" \
      PYTHONDONTWRITEBYTECODE=1 "$t/venv/bin/python" -m pytest -q -p no:cacheprovider \
      -k 'not ten_megabytes and not type_hints' "$src/python/tests") \
      > "$t/pytest.log" 2>&1
    check "python/tests pass against the installed package ($(tail -1 "$t/pytest.log"))" \
      grep -Eq '^[0-9]+ passed' <(tail -1 "$t/pytest.log")
    echo "python: python/tests against the installed package: $(tail -1 "$t/pytest.log")"
    check "pip uninstall" eval '"$t/venv/bin/pip" uninstall -y precis > "$t/pip-un.log" 2>&1 &&
      ! ls "$t"/venv/lib/python3*/site-packages/precis 2>/dev/null'
  else
    tail -20 "$t/pip.log"
    bad "pip install --no-index ./python (in a venv)"
  fi
fi

# --- man pages -------------------------------------------------------------------
if command -v groff >/dev/null 2>&1; then
  for m in "$usr/share/man/man1/precis.1" "$usr/share/man/man3/precis.3"; do
    check "$(basename "$m") renders without warnings" \
      eval '[ -z "$(groff -man -Tutf8 -ww -z "$m" 2>&1)" ]'
  done
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
