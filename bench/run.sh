#!/usr/bin/env bash
# bench/run.sh: build the benchmarks and run them; prints the figures that
# docs/performance.md records. Run from the project root on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build build-bench -DCMAKE_BUILD_TYPE=Release -DPSORSIM_BUILD_BENCH=ON -DPSORSIM_BUILD_TESTS=OFF >/dev/null
echo "== engine vs peer (GSL msbdf), same model, same tolerances"
build-bench/bench/bench_engine "${1:-50}"
echo
echo "== trial: 1000 patients x 52 weeks, secukinumab, 2 threads, no per-patient output"
for n in 1000 4000; do
  /usr/bin/time -f "  %e s wall, %M KiB max RSS" build-bench/psorsim trial bench/trials/biologic-52w.yaml \
    --patients "$n" --threads 2 --no-patients --out /tmp/psorsim-bench-$n 2>&1 >/dev/null | tail -1 |
    sed "s/^/  $n patients:/"
done
echo
echo "== the same trial on 1 thread (speed-up)"
/usr/bin/time -f "  %e s wall" build-bench/psorsim trial bench/trials/biologic-52w.yaml \
  --patients 1000 --threads 1 --no-patients --out /tmp/psorsim-bench-1t 2>&1 >/dev/null | tail -1
