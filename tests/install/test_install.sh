#!/usr/bin/env bash
# tests/install/test_install.sh BUILD_DIR CC [CFLAGS]: the installed library
# as a user sees it (ctest label install; tests/CMakeLists.txt passes the
# arguments, CFLAGS being the sanitizer flags of a PSORSIM_SANITIZE build).
#  1. cmake --install BUILD_DIR into a temporary prefix.
#  2. Every public header is installed, psorsim.h includes each of them, each
#     compiles on its own and none includes a third-party header.
#  3. libpsorsim.so needs neither cairo nor NLopt (readelf NEEDED).
#  4. example.c, compiled with `pkg-config --cflags --libs psorsim` against
#     the prefix, runs example.yaml (5 patients per arm, seed 42) and prints
#     the same estimates as the installed `psorsim trial` writes to
#     trial.json; the same again when built through find_package(psorsim).
set -euo pipefail
build=$(cd "$1" && pwd)
cc=$2
cflags=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/psorsim-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_install: $*" >&2; exit 1; }
prefix=$tmp/prefix

# 1. Install.
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
libdir=$(dirname "$(find "$prefix" -name libpsorsim.so -print -quit)")
[ -n "$libdir" ] || fail "no libpsorsim.so under $prefix"
for f in libpsorsim.so libpsorsim_report.so libpsorsim_calib.so pkgconfig/psorsim.pc \
  pkgconfig/psorsim-report.pc pkgconfig/psorsim-calib.pc cmake/psorsim/psorsimConfig.cmake; do
  [ -e "$libdir/$f" ] || fail "not installed: $libdir/$f"
done
[ -x "$prefix/bin/psorsim" ] || fail "not installed: bin/psorsim"
"$prefix/bin/psorsim" --version >/dev/null || fail "the installed psorsim does not run"

# 2. Headers.
for h in "$src"/include/psorsim/*.h; do
  name=$(basename "$h")
  [ -f "$prefix/include/psorsim/$name" ] || fail "header not installed: psorsim/$name"
  [ "$name" = psorsim.h ] && continue
  grep -q "^#include <psorsim/$name>" "$src/include/psorsim/psorsim.h" ||
    fail "psorsim.h does not include psorsim/$name"
  echo "#include <psorsim/$name>" | $cc $cflags -std=c11 -Wall -Werror -fsyntax-only \
    -I"$prefix/include" -x c - || fail "psorsim/$name does not compile on its own"
done
if grep -n '^#include <' "$prefix"/include/psorsim/*.h | grep -v '<psorsim/' |
  grep -Ev '<(assert|complex|ctype|errno|float|inttypes|limits|math|setjmp|stdarg|stdbool|stddef|stdint|stdio|stdlib|string|time)\.h>'; then
  fail "a public header includes a third-party header (above)"
fi

# 3. The core library's dependencies.
needed=$(readelf -d "$libdir/libpsorsim.so" | grep NEEDED)
if echo "$needed" | grep -i 'cairo\|nlopt\|libz\.\|png'; then
  fail "libpsorsim.so needs a report or calibration library (above)"
fi
echo "$needed" | grep -q 'libsundials_cvode' || fail "libpsorsim.so does not link CVODE?"

# 4. A program built against the installed copy.
export PKG_CONFIG_PATH=$libdir/pkgconfig
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# shellcheck disable=SC2046
$cc $cflags -std=c11 -Wall -Werror -o "$tmp/example" "$here/example.c" \
  $(pkg-config --cflags --libs psorsim) || fail "example.c does not build with pkg-config psorsim"
"$tmp/example" "$here/example.yaml" >"$tmp/example.out" || fail "example failed"
cat "$tmp/example.out"
[ "$(wc -l <"$tmp/example.out")" -eq 4 ] || fail "example printed $(wc -l <"$tmp/example.out") lines, not 4"

# The installed command on the same file, seed, patients: trial.json's
# estimates (arm index, endpoint key, estimate), read without a JSON tool.
"$prefix/bin/psorsim" trial "$here/example.yaml" --seed 42 --patients 5 --threads 1 \
  --no-patients --out "$tmp/out" >/dev/null || fail "psorsim trial failed"
awk '/^  "arms": \[/ { arms = 1; arm = -1; next }
     arms && /^  \]/ { arms = 0 }
     arms && /^    \{/ { arm++ }
     arms && /^      "endpoints": \{/ { eps = 1; next }
     eps && /^      \}/ { eps = 0 }
     eps && /^        "[^"]+": \{/ { split($0, q, "\""); key = q[2] }
     eps && /^          "estimate": / { v = $2; sub(",", "", v); printf "%d %s %s\n", arm, key, v }' \
  "$tmp/out/trial.json" >"$tmp/cli.out"
paste -d' ' "$tmp/example.out" "$tmp/cli.out" | awk '
  { if ($1 != $4 || $2 != $5 || $6 == "null" || $3 - $6 > 0.00011 || $6 - $3 > 0.00011) bad = 1 }
  END { exit bad || NR != 4 }' || {
  paste -d' ' "$tmp/example.out" "$tmp/cli.out"
  fail "the example's estimates differ from psorsim trial's (left: example, right: trial.json)"
}

# The same program through find_package(psorsim) in a CMake project.
mkdir -p "$tmp/cmake-example"
cat >"$tmp/cmake-example/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.18)
project(psorsim_example LANGUAGES C)
find_package(psorsim 0.1 REQUIRED)
add_executable(example "$here/example.c")
target_link_libraries(example PRIVATE psorsim::psorsim)
CMAKE
cmake -S "$tmp/cmake-example" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$cflags" >"$tmp/cmake.log" 2>&1 &&
  cmake --build "$tmp/cmake-build" >>"$tmp/cmake.log" 2>&1 || {
  cat "$tmp/cmake.log"
  fail "example.c does not build with find_package(psorsim)"
}
"$tmp/cmake-build/example" "$here/example.yaml" | cmp -s - "$tmp/example.out" ||
  fail "the find_package build prints other numbers"
echo "test_install: installed library, headers, pkg-config and CMake package work"
