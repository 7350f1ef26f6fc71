#!/usr/bin/env bash
# tests/cli/test_cli_basics.sh PSORSIM
# The command line: version, help, simulate writing a tidy trajectory with
# units, and one-line errors with exit status 2 for bad usage.
set -u
bin=$1
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

check "--version prints the version" expect_status 0 "$bin" --version
check "version text" grep -qE '^psorsim [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out"
check "help lists simulate" expect_status 0 "$bin" help
check "help text" grep -q simulate "$tmp/out"
check "help simulate" expect_status 0 "$bin" help simulate
check "help simulate text" grep -q -- '--weeks' "$tmp/out"
check "help of unknown command" expect_status 2 "$bin" help frobnicate
check "no command" expect_status 2 "$bin"
check "unknown command" expect_status 2 "$bin" frobnicate
check "unknown command one line" one_line_error

# simulate: a two-compartment PK model with 100 mg weekly for 4 weeks
check "simulate pk2" expect_status 0 "$bin" simulate --model pk2 --weeks 4 --out "$tmp/run"
check "summary names the model" grep -q 'model pk2' "$tmp/out"
check "csv exists" test -f "$tmp/run/trajectory.csv"
check "csv header" test "$(head -1 "$tmp/run/trajectory.csv")" = "time_days,depot_mg,central_mg,peripheral_mg,conc_mg_l"
check "csv rows: 29 days + header" test "$(wc -l <"$tmp/run/trajectory.csv")" -eq 30
check "last time is day 28" grep -q '^28,' "$tmp/run/trajectory.csv"
check "units sidecar" grep -q '"unit": "mg/L"' "$tmp/run/trajectory.json"
check "solver stats in sidecar" grep -q '"steps"' "$tmp/run/trajectory.json"
check "no temporary files left" test -z "$(ls "$tmp/run" | grep tmp)"
# day 1 after a 100 mg depot dose: compare with the analytic two-compartment value (5.73 mg/L)
conc=$(awk -F, 'NR==3 {print $5}' "$tmp/run/trajectory.csv")
check "day-1 concentration 5.73 mg/L" awk -v c="$conc" 'BEGIN { exit !(c > 5.72 && c < 5.74) }'
check "--set changes a parameter" expect_status 0 "$bin" simulate --model pk1 --weeks 1 --set cl=0 --dose 0 --out "$tmp/set"
check "--set recorded" grep -A1 '"cl"' "$tmp/set/trajectory.json" | grep -q '"value": 0'
check "zero-length run" expect_status 0 "$bin" simulate --model pk1 --weeks 0 --out "$tmp/zero"
check "zero-length run has one row" test "$(wc -l <"$tmp/zero/trajectory.csv")" -eq 2

# bad usage: one line on stderr, exit 2
check "unknown option" expect_status 2 "$bin" simulate --model pk2 --frobnicate 3
check "unknown option one line" one_line_error
check "missing value" expect_status 2 "$bin" simulate --model
check "missing value one line" one_line_error
check "missing --model" expect_status 2 "$bin" simulate --weeks 3
check "unknown model" expect_status 2 "$bin" simulate --model nosuch
check "unknown model one line" one_line_error
check "bad number" expect_status 2 "$bin" simulate --model pk2 --weeks three
check "negative weeks" expect_status 2 "$bin" simulate --model pk2 --weeks -1
check "unknown parameter" expect_status 2 "$bin" simulate --model pk2 --set nope=1
touch "$tmp/afile"
check "output path under a file" expect_status 2 "$bin" simulate --model pk2 --out "$tmp/afile/sub"
check "output path error one line" one_line_error
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
  check "unwritable output path" expect_status 2 "$bin" simulate --model pk2 --out "$tmp/ro"
fi
check "info lists models" expect_status 0 "$bin" info
check "info lists pk2" grep -q pk2 "$tmp/out"
check "info lists the shipped models only" test "$(awk 'NR > 1 {print $1}' "$tmp/out" | tr '\n' ' ')" = "pk1 pk2 psoriasis "
check "info --json of a model" expect_status 0 "$bin" info --model pk1 --json
check "info json has parameters" grep -q '"parameters"' "$tmp/out"
check "info unknown model" expect_status 2 "$bin" info --model nosuch
check "info of a model without steady states" expect_status 0 "$bin" info --model pk1
check "pk1 shows no steady states" bash -c "! grep -q 'steady states' '$tmp/out'"
check "info psoriasis" expect_status 0 "$bin" info --model psoriasis
check "psoriasis readout columns" grep -qE '^ +turnover_days +PASI +BSA_% +IGA +DLQI$' "$tmp/out"
check "psoriasis steady-state rows" test "$(grep -cE '^  (healthy|psoriatic) ' "$tmp/out")" -eq 2
check "info psoriasis --json" expect_status 0 "$bin" info --model psoriasis --json
check "json steady states with readouts" grep -q '"itch_nrs"' "$tmp/out"

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
