#!/usr/bin/env bash
# The reference scenarios load, and aug2018-variance reproduces the source report's totals exactly
# (alerts switched off: they do not enter the variance report and would only slow the test).
set -uo pipefail
dccsim="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for s in aug2018-variance national-2024 north-degraded tm-static tm-threshold tm-dynamic; do
  if "$dccsim" validate "$src/scenarios/$s.toml" >/dev/null 2>"$work/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL: $s does not validate:"
    head -3 "$work/err"
  fi
done
"$dccsim" run "$src/scenarios/aug2018-variance.toml" --set alerts.per_meter_per_day=0 --out "$work/aug" >"$work/report" 2>&1
expect() {  # expect PATTERN FILE
  if grep -Fq -e "$1" "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: '$1' not in $(basename "$2")"; fi
}
expect "1,209,004 requests were sent versus a forecast of 7,004,230 (-82.7 %)" "$work/report"
expect "407,397 requests were sent versus a forecast of 868,301 (-53.1 %)" "$work/report"
expect '"sr":{"forecast":7004230,"actual":1209004' "$work/aug/summary.json"
expect '"csr":{"forecast":868301,"actual":407397' "$work/aug/summary.json"
expect '"conserved":true' "$work/aug/summary.json"
# Exceptions listed: a small supplier far over forecast, one sending CSRs with no forecast.
expect "SMALL_SUPPLIER_6,2018-08,4," "$work/aug/variance.csv"
grep -q '^SMALL_SUPPLIER_8,2018-08,CSR,0,1500,,yes$' "$work/aug/variance.csv" && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL: unforecast CSRs are not an exception"; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
