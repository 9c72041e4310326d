#!/usr/bin/env bash
# No option or override is silently ignored: each one a command would drop or let another win over
# is refused with exit 2 and the reason, before anything runs.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"
scenario="$src/tests/golden/small.toml"
printf 'user,month,service,forecast,actual\n' >"$work/history.csv"
for m in 1 2 3 4 5; do echo "A,2018-0$m,4,1000,900" >>"$work/history.csv"; done
refused() {  # refused PATTERN COMMAND...: exit 2, PATTERN on stderr, no output folder made
  local pattern="$1"
  shift
  check "$*" 2 "$@" --out "$work/never"
  expect_stderr "$*" "$pattern"
}
refused "only bounds --precision" "$dccsim" run "$scenario" --max-replications 5
refused "--seed and --set scenario.seed" "$dccsim" run "$scenario" --seed 1 --set scenario.seed=2
refused "given twice \(1, then 2\)" "$dccsim" run "$scenario" --set dsp.servers=1 --set dsp.servers=2
refused "--vary dsp.servers: given twice" "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --vary dsp.servers=3
refused "also given by --set dsp.servers=3" "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --set dsp.servers=3
refused "--seed would override" "$dccsim" sweep "$scenario" --vary scenario.seed=1,2 --seed 3
refused "--seed and --set scenario.seed" "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --seed 3 --set scenario.seed=4
refused "--months limits --forecasts" "$dccsim" variance --backtest --history "$work/history.csv" --months 2
check "validate: a key set twice" 2 "$dccsim" validate "$scenario" --set dsp.servers=1 --set dsp.servers=3
expect_stderr "validate: a key set twice" "given twice"
[ ! -e "$work/never" ] && ok || fail "a refused command made its output folder"
# What is honoured still runs: --max-replications with --precision, one --set per key.
run 0 "$dccsim" run "$scenario" --precision 0.5 --max-replications 3 --set dsp.servers=3 --out "$work/ok" --quiet
finish
