#!/usr/bin/env bash
# tests/golden/trial-hashes.sh PSORSIM [SHARED_DIR]
# Prints "sha256  name" of trial.json for the built-in default trial and for
# every example and calibration trial file, each at seed 20261205 on 2
# threads, so that a restructuring can show it changed no result
# (tests/golden/check.sh compares against tests/golden/trial-json.sha256).
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${2:-$here/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # name, then the trial arguments
  local name=$1; shift
  if "$bin" trial "$@" --seed 20261205 --threads 2 --no-patients --out "$tmp/out" >/dev/null \
    2>"$tmp/err"; then
    printf '%s  %s\n' "$(sha256sum <"$tmp/out/trial.json" | cut -d' ' -f1)" "$name"
  else # a file the library refuses: its one-line message is the result
    printf 'error:%s  %s\n' "$(sed "s|$shared|SHARED|; s|$here|HERE|" "$tmp/err" | sha256sum |
      cut -c1-16)" "$name"
  fi
  rm -rf "$tmp/out"
}
run default
for f in "$here"/examples/trials/*.yaml "$here"/tools/timecourse.yaml "$here"/tools/relapse.yaml \
         "$shared"/data/calibration/*.yaml; do
  [ -e "$f" ] || continue
  run "$(basename "$(dirname "$f")")/$(basename "$f")" "$f"
done
# run-time overrides of a population setting, a disease parameter and a drug parameter
run "default --set" --set pop.placebo_cv=0.8 --set trm_half_life=700 --set secukinumab.il17.ec50=1.3
# one treated patient from each example regimen file (psorsim simulate --regimen)
for f in "$here"/examples/regimens/*.yaml; do
  "$bin" simulate --model psoriasis --regimen "$f" --weeks 30 --weight 77 --out "$tmp/sim" >/dev/null
  printf '%s  %s\n' "$(cat "$tmp/sim"/trajectory.csv "$tmp/sim"/trajectory.json | sha256sum |
    cut -d' ' -f1)" "simulate/$(basename "$f")"
  rm -rf "$tmp/sim"
done
# the per-patient NB-UVB fits (psorsim calibrate --uvb-patients), when asked for (10 s)
if [ "${GOLDEN_UVB:-0}" = 1 ]; then
  "$bin" calibrate --uvb-patients "$shared"/data/uvb-patients/calibration.csv --out "$tmp/uvb" \
    >/dev/null 2>&1
  printf '%s  %s\n' "$(sha256sum <"$tmp/uvb/uvb_patients.csv" | cut -d' ' -f1)" "uvb-patients"
fi
