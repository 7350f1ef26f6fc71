#!/usr/bin/env bash
# tests/cli/test_cli_trial.sh PSORSIM
# psorsim trial, validate and treatments from the command line: the output
# files, byte-identical trial.json for 1 and 2 threads, --json on stdout,
# seeds, and one-line errors with file:line for bad trial files.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/cases
iocases=$here/../io/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
check() {
  local what=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
expect_status() {
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" -eq "$want" ] || { echo "  '$*' exited $got, expected $want"; head -5 "$tmp/err"; return 1; }
}
one_line_error() { [ "$(wc -l <"$tmp/err")" -eq 1 ]; }

check "trial, 1 thread" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --threads 1 --out "$tmp/a"
check "summary names the report" grep -q "report: $tmp/a/report.html" "$tmp/out"
for f in trial.json patients.csv baseline.csv report.html plots/pasi_time.png plots/endpoints.png; do
  check "output $f" test -s "$tmp/a/$f"
done
check "trial, 2 threads" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --threads 2 --out "$tmp/b"
check "trial.json identical for 1 and 2 threads" cmp -s "$tmp/a/trial.json" "$tmp/b/trial.json"
check "patients.csv identical too" cmp -s "$tmp/a/patients.csv" "$tmp/b/patients.csv"
check "another seed" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --seed 8 --out "$tmp/c"
check "another seed differs" bash -c "! cmp -s '$tmp/a/trial.json' '$tmp/c/trial.json'"
check "--json" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --json --out "$tmp/d"
check "--json prints trial.json" cmp -s "$tmp/out" "$tmp/d/trial.json"
check "seed in json" grep -q '"seed": 7' "$tmp/a/trial.json"
check "20 patients per arm" test "$(grep -c '"patients": 20' "$tmp/a/trial.json")" -eq 2
check "patients.csv rows: 2 arms x 20 x 13 visits + header" test "$(wc -l <"$tmp/a/patients.csv")" -eq 521
check "--patients overrides" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --patients 5 --no-patients --out "$tmp/e"
check "5 patients" test "$(grep -c '"patients": 5' "$tmp/e/trial.json")" -eq 2
check "no patients.csv with --no-patients" test ! -e "$tmp/e/patients.csv"

# errors: file, line and key; exit 2; nothing half-written
check "misspelt key" expect_status 2 "$bin" trial "$iocases/unknown-key.yaml" --out "$tmp/f"
check "misspelt key one line" one_line_error
check "misspelt key names file:line" grep -q 'unknown-key.yaml:[0-9]' "$tmp/err"
check "negative week" expect_status 2 "$bin" trial "$iocases/negative-week.yaml" --out "$tmp/f"
check "negative week names file:line" grep -q 'negative-week.yaml:[0-9]' "$tmp/err"
check "unknown drug" expect_status 2 "$bin" trial "$iocases/unknown-drug.yaml" --out "$tmp/f"
check "wrong unit" expect_status 2 "$bin" trial "$iocases/wrong-unit.yaml" --out "$tmp/f"
check "wrong unit names the unit problem" grep -qi 'unit' "$tmp/err"
check "missing file" expect_status 2 "$bin" trial "$tmp/nope.yaml"
check "no output written on errors" test ! -e "$tmp/f/trial.json"
check "bad --threads" expect_status 2 "$bin" trial "$cases/small-trial.yaml" --threads zero
check "unknown option" expect_status 2 "$bin" trial "$cases/small-trial.yaml" --frobnicate
check "default trial prints" expect_status 0 "$bin" trial --show-default
check "default trial has an NB-UVB arm" grep -q 'nb_uvb' "$tmp/out"

# solver failures are reported, not fatal: a negative absorption rate makes every adalimumab
# patient's drug amount explode; the placebo arm is unaffected and the trial still completes
check "failing patients" expect_status 0 "$bin" trial "$cases/small-trial.yaml" --patients 5 \
  --set adalimumab.ka=-50 --out "$tmp/g"
check "failures in the summary" grep -q '5 patients failed in the solver' "$tmp/out"
check "failed ids in trial.json" bash -c "tr -d ' \n' <'$tmp/g/trial.json' | grep -q '\"failed\":{\"count\":5,\"ids\":\[0,1,2,3,4\]}'"
check "placebo arm has no failure" bash -c "tr -d ' \n' <'$tmp/g/trial.json' | grep -q '\"failed\":{\"count\":0,\"ids\":\[\]}'"

# validate
check "validate" expect_status 0 "$bin" validate "$cases/small-trial.yaml" --patients 10
check "validate summary" grep -q 'summary: 3 percent observations' "$tmp/out"
check "validate --json" expect_status 0 "$bin" validate "$cases/small-trial.yaml" --patients 10 --json
check "validate json summary" grep -q '"mean_abs_difference"' "$tmp/out"
check "validate without files" expect_status 2 "$bin" validate

# treatments
check "treatments --json" expect_status 0 "$bin" treatments --json
check "treatments lists secukinumab" grep -q '"name": "secukinumab"' "$tmp/out"
check "treatments lists all 29+ entries" test "$(grep -c '"class":' "$tmp/out")" -ge 29
check "one treatment" expect_status 0 "$bin" treatments guselkumab
check "guselkumab acts on IL-23" grep -q 'inh_il23' "$tmp/out"
check "unknown treatment" expect_status 2 "$bin" treatments nosuchdrug

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
