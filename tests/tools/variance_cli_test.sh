#!/usr/bin/env bash
# dccsim variance as a user meets it: exit codes, file:line diagnostics for bad CSVs,
# byte-identical outputs per seed, the backtest, and the loop from run to forecast to scenario.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"

# A history of three Users over eight months (ratios from a fixed pattern) and three months of forecasts.
{
  echo "user,month,service,forecast,actual"
  for user in SUPPLIER_A SUPPLIER_B DNO_C; do
    for m in 1 2 3 4 5 6 7 8; do
      for service in 4 1.1.1 CSR; do
        f=$((10000 + 1000 * m + ${#user} * 100))
        r=$(((m * 37 + ${#service} * 11 + ${#user} * 7) % 40 + 40))  # 40..79 %
        echo "$user,2018-0$m,$service,$f,$((f * r / 100))"
      done
    done
  done
} >"$work/history.csv"
{
  echo "user,month,service,count"
  for user in SUPPLIER_A SUPPLIER_B DNO_C NEWCO; do
    for m in 09 10 11; do
      echo "$user,2018-$m,4,20000"
      echo "$user,2018-$m,CSR,500"
    done
  done
} >"$work/forecasts.csv"

check "help" 0 "$dccsim" variance --help
check "no history" 2 "$dccsim" variance --forecasts "$work/forecasts.csv"
expect_stderr "no history" "--history"
check "no forecasts" 2 "$dccsim" variance --history "$work/history.csv"
check "backtest with forecasts" 2 "$dccsim" variance --backtest --history "$work/history.csv" --forecasts "$work/forecasts.csv"
check "bad replications" 2 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --replications 0
check "bad threshold" 2 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --sr-low 2
check "missing history file" 2 "$dccsim" variance --history "$work/none.csv" --forecasts "$work/forecasts.csv"
expect_stderr "missing history file" "none.csv"

# Forecast: outputs, words, byte-identical reruns, another seed differs, --months.
check "forecast a" 0 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --out "$work/a" --replications 500
expect_stdout "forecast words" "about [0-9,]+ requests are expected versus a forecast of 80,000"
expect_stdout "new User" "population model: NEWCO"
check "forecast b" 0 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --out "$work/b" --replications 500 --quiet
check "forecast seed" 0 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --out "$work/c" --replications 500 --seed 9 --quiet
[ ! -s "$work/stdout" ] && ok || fail "--quiet printed"
same "csv rerun" "$work/a/variance_forecast.csv" "$work/b/variance_forecast.csv"
same "json rerun" "$work/a/variance_forecast.json" "$work/b/variance_forecast.json"
cmp -s "$work/a/variance_forecast.csv" "$work/c/variance_forecast.csv" && fail "seed had no effect" || ok
header="user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,exception_probability"
[ "$(head -1 "$work/a/variance_forecast.csv")" = "$header" ] && ok || fail "header"
[ "$(wc -l <"$work/a/variance_forecast.csv")" -eq 25 ] && ok || fail "row count"
ls -A "$work/a" | grep -q '\.tmp$' && fail "temporary files left" || ok
check "months" 0 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/forecasts.csv" --out "$work/m" --months 1 --replications 100 --quiet
[ "$(wc -l <"$work/m/variance_forecast.csv")" -eq 9 ] && ok || fail "--months 1"

# Backtest.
check "backtest" 0 "$dccsim" variance --backtest --history "$work/history.csv" --out "$work/bt" --replications 300
expect_stdout "backtest words" "the 80 % intervals held [0-9.]+ % of actuals"
check "backtest again" 0 "$dccsim" variance --backtest --history "$work/history.csv" --out "$work/bt2" --replications 300 --quiet
same "backtest rerun" "$work/bt/backtest.csv" "$work/bt2/backtest.csv"
same "backtest json rerun" "$work/bt/backtest.json" "$work/bt2/backtest.json"
head -4 "$work/history.csv" >"$work/short.csv"
check "backtest too short" 2 "$dccsim" variance --backtest --history "$work/short.csv" --out "$work/bt3"
expect_stderr "backtest too short" "short.csv: the backtest needs at least 4 months"

# Bad or inconsistent CSVs: every problem on its own line as file:line: column: problem, exit 2.
cat >"$work/bad.csv" <<'CSV'
user,month,service,forecast,actual,variance_pct,exception
A,2018-08,4,1000,500,-50.00,yes
A,2018-08,4,1000,400,-60.00,yes
A,2018-09,4,-5,400,,yes
A,2018-07,4,1000,400,-60.00,yes
B,2018-08,9.9.9,1000,400,-60.00,yes
B,2018-09,4,1000,400,12.00,maybe
B,2018-10,4,1000
C,2018-13,CSR,10,10,0.00,no
CSV
check "bad history" 2 "$dccsim" variance --history "$work/bad.csv" --forecasts "$work/forecasts.csv" --out "$work/bad-out"
expect_stderr "duplicate" "bad.csv:3: duplicate row for user A, month 2018-08, service 4 \(first at line 2\)"
expect_stderr "negative" "bad.csv:4: forecast: forecast must not be negative"
if grep -q "comes after" "$work/stderr"; then fail "rows in any order: a month before an earlier row is accepted"; else ok; fi
expect_stderr "service" "bad.csv:6: service: unknown SR id \"9.9.9\""
expect_stderr "inconsistent" "bad.csv:7: variance_pct: "
expect_stderr "exception" "bad.csv:7: exception: "
expect_stderr "columns" "bad.csv:8: "
expect_stderr "month" "bad.csv:9: month: "
[ ! -e "$work/bad-out" ] && ok || fail "outputs written for bad input"

printf 'user,month,service,count\nsupplier_a,2018-09,4,100\nSUPPLIER_A,2018-09,4,-1\nSUPPLIER_A,2018-09,4,5\nSUPPLIER_A,2018-09,4,6\n' >"$work/badf.csv"
check "bad forecasts" 2 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/badf.csv"
expect_stderr "unknown User" "badf.csv:2: user: unknown User \"supplier_a\" \(the history has \"SUPPLIER_A\""
expect_stderr "negative forecast" "badf.csv:3: count: "
expect_stderr "duplicate forecast" "badf.csv:5: .*duplicate row"
: >"$work/empty.csv"
check "empty history" 2 "$dccsim" variance --history "$work/empty.csv" --forecasts "$work/forecasts.csv"
expect_stderr "empty history" "empty.csv"
printf '\x00\x01binary' >"$work/binary.csv"
check "binary forecasts" 2 "$dccsim" variance --history "$work/history.csv" --forecasts "$work/binary.csv"
expect_stderr "binary forecasts" "binary.csv"

# The loop: a run's variance.csv is history, and the forecast's expected actuals are a scenario's demand.
check "run" 0 "$dccsim" run "$src/tests/golden/small.toml" --out "$work/run" --quiet
check "run output as history" 0 "$dccsim" variance --history "$work/run/variance.csv" --forecasts "$src/tests/golden/small-forecasts.csv" --out "$work/loop" --replications 200 --quiet
sed -e "s|forecasts = \"small-forecasts.csv\"|variance_forecast = \"$work/loop/variance_forecast.csv\"|" \
    -e "s|actuals = \"small-actuals.csv\"|actuals = \"$src/tests/golden/small-actuals.csv\"|" \
    "$src/tests/golden/small.toml" >"$work/loop.toml"
check "forecast as demand" 0 "$dccsim" validate "$work/loop.toml"

finish
