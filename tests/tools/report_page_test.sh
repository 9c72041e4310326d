#!/usr/bin/env bash
# report.html as a planner opens it: real outputs of the dccsim binary (a run of tests/golden/small.toml
# with and without replications, a compare, a sweep, a variance forecast), the page built by
# `dccsim report`, then loaded offline in headless Chromium (tools/report/check_report.mjs): no
# console error or warning, no request leaving the page, every chart drawn with at least the data
# marks the report promises, intervals where replications give them and nowhere else.
# Usage: report_page_test.sh DCCSIM SOURCE_DIR KIND; exits 77 (skipped) only without node or chromium.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$1" "$2"
kind="$3"
chromium="${DCCSIM_CHROMIUM:-/usr/bin/chromium}"
if ! command -v node >/dev/null || [ ! -x "$chromium" ]; then
  echo "SKIP: the report's browser test needs node and $chromium (tools/install-deps installs both)"
  exit 77
fi
if [ ! -d "$src/tools/report/node_modules/playwright-core" ]; then
  fail "tools/report/node_modules is not installed: run tools/install-deps (npm ci in tools/report)"
  finish
fi
scenario="$src/tests/golden/small.toml"
out="$work/out"
run_charts="load,stations,share,breaches,performance,response,throttle,variance"
checks=()

case "$kind" in
  run)
    run 0 "$dccsim" run "$scenario" --out "$out" --quiet
    checks=(--charts "$run_charts" --no-intervals)
    ;;
  replications)
    run 0 "$dccsim" run "$scenario" --replications 3 --threads 2 --out "$out" --quiet
    checks=(--charts "$run_charts" --intervals "load,stations,share,performance,response,throttle,variance")
    ;;
  compare)
    run 0 "$dccsim" compare "$scenario" --b traffic_management.activation=never --replications 3 --threads 2 \
      --out "$out" --quiet
    checks=(--charts compare --intervals compare)
    ;;
  sweep)
    run 0 "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --vary traffic_management.activation=never,threshold \
      --replications 2 --threads 2 --out "$out" --quiet
    checks=(--charts sweep --intervals sweep)
    ;;
  variance_forecast)
    run 0 "$dccsim" run "$scenario" --out "$work/history" --quiet
    run 0 "$dccsim" variance --history "$work/history/variance.csv" --forecasts "$src/tests/golden/small-forecasts.csv" \
      --replications 200 --out "$out" --quiet
    checks=(--charts forecast_totals,forecast_users --intervals forecast_totals,forecast_users)
    ;;
  *)
    echo "unknown kind $kind"
    exit 2
    ;;
esac

check "dccsim report" 0 "$dccsim" report "$out"
expect_stdout "report summary" "report\.html: .* report, [0-9]+ charts"
[ -s "$out/report.html" ] && ok || fail "no report.html"
cp "$out/report.html" "$work/first.html"
check "dccsim report again" 0 "$dccsim" report "$out" --quiet
same "report rebuilt" "$work/first.html" "$out/report.html"
ls -A "$out" | grep -q '\.tmp$' && fail "temporary files left" || ok
# Self-contained: no script or style is fetched from anywhere.
grep -Eq '^<(script|link|img)[^>]* (src|href)=' "$out/report.html" && fail "the page loads a file" || ok
if [ "$kind" = run ] || [ "$kind" = replications ]; then
  expect "requests were sent versus a forecast of" "$out/report.html"
fi

if node "$src/tools/report/check_report.mjs" "$out/report.html" "${checks[@]}" >"$work/browser" 2>&1; then ok; else
  fail "report.html in headless Chromium:"
  cat "$work/browser"
fi
grep -E "^[a-z_]+: " "$work/browser"

if [ "$kind" = run ]; then
  # Outputs gain and lose files: without throttle.csv the page still draws, and says what it left out.
  rm "$out/throttle.csv"
  check "report without throttle.csv" 0 "$dccsim" report "$out"
  expect_stdout "note on the absent file" "not shown: throttle.csv is absent"
  node "$src/tools/report/check_report.mjs" "$out/report.html" --charts load,variance >"$work/browser" 2>&1 && ok ||
    fail "report without throttle.csv in Chromium: $(cat "$work/browser")"
  grep -q 'id="chart-throttle"' "$out/report.html" && fail "a throttling chart without throttle.csv" || ok
  # A malformed output is a file:line diagnostic, exit 2, and no page.
  rm "$out/report.html"
  sed -i '3s/^\([^,]*\),[^,]*/\1,lots/' "$out/timeseries.csv"
  check "malformed timeseries" 2 "$dccsim" report "$out"
  expect_stderr "malformed timeseries" "timeseries.csv:3: offered_per_s: expected a number"
  [ ! -e "$out/report.html" ] && ok || fail "report.html written from malformed outputs"
  check "no outputs" 2 "$dccsim" report "$work"
  expect_stderr "no outputs" "no dccsim outputs here"
fi

finish
