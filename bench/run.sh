#!/usr/bin/env bash
# bench/run.sh [N]: build the benchmarks and run them; prints the figures that
# docs/performance.md records. Run from the project root on an idle machine.
# N: patients of the engine comparison (default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build build-bench -DCMAKE_BUILD_TYPE=Release -DPSORSIM_BUILD_BENCH=ON -DPSORSIM_BUILD_TESTS=OFF >/dev/null
bin=build-bench/psorsim
trial=bench/trials/biologic-52w.yaml

# Steps per patient and the endpoints, from a trial.json.
summary() {
  local json=$1/trial.json patients steps
  patients=$(grep -m1 '"patients":' "$json" | grep -o '[0-9]*')
  steps=$(grep -m1 '"steps":' "$json" | grep -o '[0-9]*')
  printf '    %s steps per patient; ' "$((steps / patients))"
  grep -A1 '"pasi[0-9]*@[0-9]*": {' "$json" | grep -o '"pasi[0-9]*@[0-9]*"\|"estimate": [0-9.]*' |
    paste -sd' ' | sed 's/"estimate": /= /g; s/"//g'
}

echo "== engine vs peer (GSL msbdf), same model, same tolerances"
build-bench/bench/bench_engine "${1:-50}"
echo
echo "== trial: secukinumab 52 weeks, 2 threads, no per-patient output (time, memory)"
for n in 1000 4000 16000; do
  /usr/bin/time -f "  %e s wall, %M KiB max RSS" "$bin" trial "$trial" \
    --patients "$n" --threads 2 --no-patients --out /tmp/psorsim-bench-$n 2>&1 >/dev/null | tail -1 |
    sed "s/^/  $n patients:/"
done
summary /tmp/psorsim-bench-1000
echo
echo "== the same trial, 1000 patients, on 1 thread (speed-up)"
/usr/bin/time -f "  %e s wall" "$bin" trial "$trial" \
  --patients 1000 --threads 1 --no-patients --out /tmp/psorsim-bench-1t 2>&1 >/dev/null | tail -1
echo
echo "== tolerance check: methotrexate, guselkumab, NB-UVB, 36 weeks with follow-up"
/usr/bin/time -f "  %e s wall" "$bin" trial bench/trials/relapse-36w.yaml --threads 2 --no-patients \
  --out /tmp/psorsim-bench-relapse 2>&1 | grep -v '^$\|report:\|psorsim trial:' | sed 's/^/  /'
