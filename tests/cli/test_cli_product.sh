#!/usr/bin/env bash
# tests/cli/test_cli_product.sh PSORSIM
# `psorsim product check`: a compliant product exits 0; a failing one exits 2
# with one line per failed criterion (file:line, criterion, value, limit);
# unreadable or malformed files exit 2 with one line; and a small trial with
# MSC arms runs and its trial.json carries the tumourigenicity flag.
set -u
bin=$1
src=${PSORSIM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
check() { # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
expect_status() { # expect_status CODE CMD...
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" -eq "$want" ] || { echo "  '$*' exited $got, expected $want"; cat "$tmp/err"; return 1; }
}
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }

good=$src/examples/products/uc_msc_release.yaml
bad=$src/examples/products/bm_msc_failing.yaml
check "compliant product exits 0" expect_status 0 "$bin" product check "$good"
check "compliant message" grep -q 'compliant with the ISCT minimal criteria' "$tmp/out"
check "nothing on stderr" test ! -s "$tmp/err"

check "failing product exits 2" expect_status 2 "$bin" product check "$bad"
check "one line per failed criterion (6)" lines "$tmp/err" 6
check "cd105 with file:line, value and limit" \
  grep -qF "bm_msc_failing.yaml:6: cd105: 91 % is below the ISCT minimum of 95 %" "$tmp/err"
check "hla_dr" grep -qF "bm_msc_failing.yaml:11: hla_dr: 6 % is above the ISCT maximum of 2 %" "$tmp/err"
check "viability" grep -qF ":12: viability: 64 % is below the release minimum of 70 %" "$tmp/err"
check "passage" grep -qF ":13: passage: 12 is above the release maximum of 10" "$tmp/err"
check "trilineage not declared" grep -qF "trilineage: not declared" "$tmp/err"
check "mycoplasma not declared" grep -qF "mycoplasma_free: not declared" "$tmp/err"

# each ISCT marker alone: a copy of the good file with one value out of range
for case in "cd73: 94 %|cd73: 94 % is below the ISCT minimum of 95 %" \
            "cd90: 90 %|cd90: 90 % is below" "cd105: 50 %|cd105: 50 % is below" \
            "cd45: 2.5 %|cd45: 2.5 % is above the ISCT maximum of 2 %" "cd34: 3 %|cd34: 3 % is above" \
            "cd14: 4 %|cd14: 4 % is above" "cd19: 5 %|cd19: 5 % is above" \
            "hla_dr: 2.2 %|hla_dr: 2.2 % is above" \
            "plastic_adherence: false|plastic_adherence: false, but" \
            "trilineage: false|trilineage: false, but"; do
  line=${case%%|*}; want=${case#*|}; key=${line%%:*}
  sed "s/^  $key: .*/  $line/" "$good" >"$tmp/one.yaml"
  check "$key out of range exits 2" expect_status 2 "$bin" product check "$tmp/one.yaml"
  check "$key message" grep -qF "$want" "$tmp/err"
  check "$key alone" lines "$tmp/err" 1
done

check "missing file exits 2" expect_status 2 "$bin" product check "$tmp/none.yaml"
check "missing file one line" lines "$tmp/err" 1
printf 'cd73: 97 %%\ncolour: blue\n' >"$tmp/unknown.yaml"
check "unknown key exits 2" expect_status 2 "$bin" product check "$tmp/unknown.yaml"
check "unknown key named with line" grep -q 'unknown.yaml:2: colour: unknown key' "$tmp/err"
check "no subcommand" expect_status 2 "$bin" product
check "help product" expect_status 0 "$bin" help product

# a small trial with MSC arms: runs, and trial.json carries the iPSC flag per cell arm
trial=$src/examples/trials/msc_cheng2022.yaml
check "msc trial runs" expect_status 0 "$bin" trial "$trial" --patients 3 --threads 1 --json
check "ipsc arm flagged" python3 -c '
import json, sys
arms = {a["name"]: a for a in json.load(open(sys.argv[1]))["arms"]}
assert arms["ipsc"]["tumourigenicity_flag"] is True
assert arms["umbilical cord"]["tumourigenicity_flag"] is False
assert "tumourigenicity_flag" not in arms["placebo"]
assert arms["ipsc"]["patients"] == 3
' "$tmp/out"

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
