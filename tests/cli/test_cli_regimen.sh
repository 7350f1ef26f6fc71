#!/usr/bin/env bash
# tests/cli/test_cli_regimen.sh PSORSIM
# `psorsim simulate --model psoriasis --regimen FILE`: the example regimens
# (biologic, oral, topical, NB-UVB) run one patient and write the
# trajectory with the disease observables and each drug's concentration and
# effect; --weeks may come from the file; --weight and --med reach the
# doses; and a bad regimen file is exit status 2 with one line on stderr
# naming FILE:LINE and the drug.
set -u
bin=$1
src=${PSORSIM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ex=$src/examples/regimens
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
one_line_error() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; }
# error_names REGEX: the one stderr line matches REGEX
error_names() { grep -qE -- "$1" "$tmp/err" || { echo "  stderr: $(cat "$tmp/err")"; return 1; }; }
# col FILE NAME: the column number of NAME in the CSV header
col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
# value FILE NAME DAY: the value of column NAME on the row of day DAY
value() { awk -F, -v c="$(col "$1" "$2")" -v d="$3" '$1 == d { print $c }' "$1"; }
# less A B: A < B as numbers
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

check "help simulate shows --regimen" expect_status 0 "$bin" help simulate
check "help mentions --regimen, --weight, --med" \
  bash -c "grep -q -- '--regimen FILE' '$tmp/out' && grep -q -- '--weight KG' '$tmp/out' && grep -q -- '--med MJ' '$tmp/out'"

# a biologic: secukinumab 300 mg on its label for 16 weeks
csv=$tmp/sec/trajectory.csv
check "secukinumab runs" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/secukinumab.yaml" --weeks 16 --out "$tmp/sec"
check "summary names the regimen" grep -q "regimen .*secukinumab.yaml: 1 entries, 1 treatments, 35 events; patient 88 kg" "$tmp/out"
check "csv: 113 daily rows + header" test "$(wc -l <"$csv")" -eq 114
for c in pasi bsa_percent iga dlqi il17 tnf il23 secukinumab.depot_mg secukinumab.conc_mg_l secukinumab.effect_il17; do
  check "csv has column $c" test -n "$(col "$csv" "$c")"
done
check "sidecar gives the concentration's unit" \
  bash -c "grep -A1 '\"name\": \"secukinumab.conc_mg_l\"' '$tmp/sec/trajectory.json' | grep -q '\"unit\": \"mg/L\"'"
check "sidecar has the drug's parameters" grep -q '"secukinumab.cl"' "$tmp/sec/trajectory.json"
check "no temporary files left" test -z "$(ls "$tmp/sec" | grep tmp)"
# day 0: the psoriatic steady state (PASI 18.26) and 300 mg x F 0.73 = 219 mg in the depot
check "day-0 PASI is the default patient's 18.26" \
  awk -v v="$(value "$csv" pasi 0)" 'BEGIN { exit !(v > 18.25 && v < 18.27) }'
check "day-0 depot holds 219 mg" \
  awk -v v="$(value "$csv" secukinumab.depot_mg 0)" 'BEGIN { exit !(v > 218.99 && v < 219.01) }'
check "IL-17 falls under treatment" less "$(value "$csv" il17 112)" "$(awk "BEGIN{print 0.2 * $(value "$csv" il17 0)}")"
check "PASI below 10 % of baseline at week 16" less "$(value "$csv" pasi 112)" 1.84
check "effect above 0.7 at week 16 (ec50 16.1 mg/L, conc 43 mg/L)" less 0.7 "$(value "$csv" secukinumab.effect_il17 112)"

# an oral: the mapping form with weeks: 16 in the file (no --weeks)
check "methotrexate runs without --weeks" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/methotrexate.yaml" --out "$tmp/mtx"
check "methotrexate: 16 weeks from the file" test "$(wc -l <"$tmp/mtx/trajectory.csv")" -eq 114
check "methotrexate: effect columns" test -n "$(col "$tmp/mtx/trajectory.csv" methotrexate.effect_tact)"
# 15 mg oral weekly, no placebo response: the fitted potency (CHAMPION, which
# escalated to 25 mg) leaves the typical patient about 30 % better at week 16
check "methotrexate lowers PASI by a fifth" less "$(value "$tmp/mtx/trajectory.csv" pasi 112)" 14.7
check "methotrexate: slowly (week 8 above week 16)" less "$(value "$tmp/mtx/trajectory.csv" pasi 112)" "$(value "$tmp/mtx/trajectory.csv" pasi 56)"

# a topical: 4 weeks of treatment in an 8-week run (weeks: 8 in the file)
check "topical runs" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/calcipotriol_betamethasone.yaml" --out "$tmp/top"
check "topical: 8 weeks" test "$(wc -l <"$tmp/top/trajectory.csv")" -eq 58
check "topical: skin level column" test -n "$(col "$tmp/top/trajectory.csv" calcipotriol_betamethasone.skin_level)"
check "topical: depot filled during treatment" less 0.001 "$(value "$tmp/top/trajectory.csv" calcipotriol_betamethasone.skin_level 14)"
check "topical: lowers PASI by week 4" less "$(value "$tmp/top/trajectory.csv" pasi 28)" 18.0

# NB-UVB in % MED: the run ends at the last until_week (10); a higher MED
# means larger doses and a lower PASI at week 4; with photoadaptation the
# lower doses catch up by the end of the course (measured: PASI 9.7 vs 3.7 at
# week 4, 2.8 vs 2.4 at week 10)
check "nb_uvb runs (MED 300)" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/nb_uvb.yaml" --med 300 --out "$tmp/uvb300"
check "nb_uvb: 10 weeks from until_week" test "$(wc -l <"$tmp/uvb300/trajectory.csv")" -eq 72
check "nb_uvb runs (MED 900)" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/nb_uvb.yaml" --med 900 --out "$tmp/uvb900"
check "nb_uvb: MED 900 clears faster than MED 300" \
  less "$(value "$tmp/uvb900/trajectory.csv" pasi 28)" "$(value "$tmp/uvb300/trajectory.csv" pasi 28)"
check "nb_uvb: MED 300 catches up by week 10" \
  less "$(value "$tmp/uvb300/trajectory.csv" pasi 70)" "$(awk "BEGIN{print 1.25 * $(value "$tmp/uvb900/trajectory.csv" pasi 70)}")"
check "--weeks overrides the file" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$ex/nb_uvb.yaml" --weeks 2 --out "$tmp/uvb2"
check "--weeks 2: 15 rows" test "$(wc -l <"$tmp/uvb2/trajectory.csv")" -eq 16

# --weight reaches mg/kg doses: infliximab 5 mg/kg IV lands in the central compartment
cat >"$tmp/ifx.yaml" <<'EOF'
- {drug: infliximab, dose: 5 mg/kg, route: intravenous, at_weeks: [0, 2, 6], then_every_weeks: 8}
EOF
check "infliximab at 60 kg" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$tmp/ifx.yaml" --weeks 1 --weight 60 --out "$tmp/ifx"
check "5 mg/kg x 60 kg = 300 mg on day 0" \
  awk -v v="$(value "$tmp/ifx/trajectory.csv" infliximab.central_mg 0)" 'BEGIN { exit !(v > 299.999 && v < 300.001) }'
check "--set reaches a drug parameter" expect_status 0 "$bin" simulate --model psoriasis \
  --regimen "$tmp/ifx.yaml" --weeks 1 --set infliximab.cl=0 --out "$tmp/ifx0"
check "--set recorded" grep -A1 '"infliximab.cl"' "$tmp/ifx0/trajectory.json" | grep -q '"value": 0'

# errors in the regimen file: exit 2, one line naming FILE:LINE and the drug
bad() { # bad NAME: write stdin to $tmp/NAME.yaml and run it
  cat >"$tmp/$1.yaml"
  expect_status 2 "$bin" simulate --model psoriasis --regimen "$tmp/$1.yaml" --weeks 4 --out "$tmp/bad"
}
check "unit that cannot be converted" bad unit <<'EOF'
- drug: secukinumab
  dose: 300 mL
  at_weeks: [0, 4]
EOF
check "unit: one line" one_line_error
check "unit: file:line and drug" error_names "^psorsim simulate: .*unit\.yaml:2: regimen\[0\]\.dose: .*300 mL.*secukinumab"
check "unit the route does not take" bad ifxmg <<'EOF'
- {drug: infliximab, dose: 300 mg, at_weeks: [0, 2, 6]}
EOF
check "route unit: one line" one_line_error
check "route unit: file:line and drug" error_names "^psorsim simulate: .*ifxmg\.yaml:1: .*infliximab: .*mg/kg"
check "route the drug lacks" bad route <<'EOF'
- drug: adalimumab
  dose: 40 mg
  every_weeks: 2
- drug: secukinumab
  dose: 300 mg
  route: oral
  at_weeks: [0, 4]
EOF
check "route: one line" one_line_error
check "route: file:line and drug" error_names "^psorsim simulate: .*route\.yaml:6: regimen\[1\]\.route: secukinumab cannot be given by the oral route"
check "route the library lacks" bad route_iv <<'EOF'
- {drug: guselkumab, dose: 100 mg, route: intravenous, at_weeks: [0, 4]}
EOF
check "library route: one line" one_line_error
check "library route: file:line and drug" error_names "^psorsim simulate: .*route_iv\.yaml:1: .*guselkumab cannot be given by the intravenous route"
check "dose out of range" bad range <<'EOF'
name: too much
regimen:
  - drug: secukinumab
    dose: 3000 mg
    at_weeks: [0, 4]
EOF
check "range: one line" one_line_error
check "range: file:line, drug and range" error_names "^psorsim simulate: .*range\.yaml:4: .*secukinumab: dose 3000 mg is outside the plausible range 12.5-600 mg"
check "unknown drug" bad unknown <<'EOF'
- drug: adalimumab
  dose: 40 mg
  every_weeks: 2
- {drug: tofacitinib, dose: 5 mg, times_per_day: 2}
EOF
check "unknown: one line" one_line_error
check "unknown: file:line and drug" error_names "^psorsim simulate: .*unknown\.yaml:4: regimen\[1\]\.drug: unknown drug \"tofacitinib\""
check "no output written on errors" test ! -e "$tmp/bad/trajectory.csv"

# command-line errors with --regimen
check "--weeks required when the regimen has no end" \
  expect_status 2 "$bin" simulate --model psoriasis --regimen "$ex/secukinumab.yaml" --out "$tmp/x"
check "--weeks required: one line" one_line_error
check "--weeks required: says so" error_names "--weeks is required with --regimen"
check "--dose with --regimen" expect_status 2 "$bin" simulate --model psoriasis \
  --regimen "$ex/secukinumab.yaml" --weeks 4 --dose 10
check "--weight without --regimen" expect_status 2 "$bin" simulate --model pk1 --weight 70
check "--weight out of range" expect_status 2 "$bin" simulate --model psoriasis \
  --regimen "$ex/secukinumab.yaml" --weeks 4 --weight 3
check "missing regimen file" expect_status 2 "$bin" simulate --model psoriasis \
  --regimen "$tmp/nosuch.yaml" --weeks 4
check "missing file: one line naming it" error_names "nosuch\.yaml: cannot open"
check "a model without treatment inputs" expect_status 2 "$bin" simulate --model pk1 \
  --regimen "$ex/secukinumab.yaml" --weeks 4 --out "$tmp/x"
check "model without inputs: one line" one_line_error

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
