#!/usr/bin/env bash
# Every name dccsim writes is documented in tools/OUTPUTS.md, and every name documented there is
# still written: a run with and without replications, a compare, a sweep, a variance forecast and
# its backtest (and a search, when this dccsim has the command) of tests/golden/small.toml; the
# names are collected and checked by tools/output_names.py, which lists every offender.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"
scenario="$src/tests/golden/small.toml"
out="$work/out"
run 0 "$dccsim" run "$scenario" --out "$out/run" --quiet
run 0 "$dccsim" run "$scenario" --replications 3 --out "$out/replications" --quiet
run 0 "$dccsim" compare "$scenario" --b traffic_management.activation=never --replications 2 --out "$out/compare" --quiet
run 0 "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --replications 2 --out "$out/sweep" --quiet
if "$dccsim" search --help >/dev/null 2>&1; then
  run 0 "$dccsim" search "$scenario" --vary csp.concurrency=1..40 \
    --goal 'performance.on_demand.share_within_target >= 0.96' --replications 2 --max-replications 4 \
    --out "$out/search" --quiet
fi

# History of three Users over five months and two months of forecasts, for the variance command.
{
  echo "user,month,service,forecast,actual"
  for user in SUPPLIER_A SUPPLIER_B DNO_C; do
    for m in 1 2 3 4 5; do
      for service in 4 CSR; do
        f=$((10000 + 1000 * m + ${#user} * 100))
        echo "$user,2018-0$m,$service,$f,$((f * ((m * 37 + ${#service} * 11 + ${#user} * 7) % 40 + 60) / 100))"
      done
    done
  done
} >"$work/history.csv"
printf 'user,month,service,count\nSUPPLIER_A,2018-06,4,20000\nNEWCO,2018-07,CSR,500\n' >"$work/forecasts.csv"
run 0 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --replications 100 \
  --out "$out/variance" --quiet
run 0 "$dccsim" variance --backtest --history "$work/history.csv" --replications 100 --out "$out/backtest" --quiet

if python3 "$src/tools/output_names.py" check "$src/tools/OUTPUTS.md" "$out"/* >"$work/check" 2>&1; then ok; else
  fail "names written and names documented in tools/OUTPUTS.md differ:"
  cat "$work/check"
fi
finish
