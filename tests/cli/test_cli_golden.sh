#!/usr/bin/env bash
# tests/cli/test_cli_golden.sh PSORSIM
# Behaviour is unchanged: trial.json of every example and calibration trial
# (and the simulate and NB-UVB fit outputs) hash as recorded in
# tests/golden/trial-json.sha256. The numbers depend on the SUNDIALS release
# (its step-size heuristics), so on another release the test is skipped
# (exit 77). After an intended change of results, re-record with
#   GOLDEN_UVB=1 tests/golden/trial-hashes.sh build/psorsim
set -u
bin=$1
here=$(cd "$(dirname "$0")/../golden" && pwd)
want=$here/trial-json.sha256
recorded=$(sed -n '1s/^# sundials \([0-9.]*\).*/\1/p' "$want")
have=$(sed -n 's/^#define SUNDIALS_VERSION "\(.*\)"/\1/p' \
  "$(dirname "$(find /usr/include /usr/local/include -name sundials_config.h 2>/dev/null | head -1)")/sundials_config.h" 2>/dev/null)
if [ "$recorded" != "$have" ]; then
  echo "skipped: hashes recorded with SUNDIALS $recorded, this build has '${have:-unknown}'"
  exit 77
fi
got=$(mktemp)
trap 'rm -f "$got"' EXIT
GOLDEN_UVB=1 bash "$here/trial-hashes.sh" "$bin" >"$got" || { echo "FAIL: trial-hashes.sh"; exit 1; }
if ! diff <(grep -v '^#' "$want") "$got"; then
  echo "FAIL: results changed (lines with < were recorded, > are now)"
  exit 1
fi
echo "golden: $(wc -l <"$got") outputs identical"
