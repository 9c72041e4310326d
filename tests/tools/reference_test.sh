#!/usr/bin/env bash
# The reference scenarios load, and aug2018-variance reproduces the source report's totals exactly
# (alerts switched off: they do not enter the variance report and would only slow the test).
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"
for s in aug2018-variance national-2024 north-degraded tm-static tm-threshold tm-dynamic; do
  check "$s validates" 0 "$dccsim" validate "$src/scenarios/$s.toml"
done
"$dccsim" run "$src/scenarios/aug2018-variance.toml" --set alerts.per_meter_per_day=0 --out "$work/aug" >"$work/report" 2>&1
expect "1,209,004 requests were sent versus a forecast of 7,004,230 (-82.7 %)" "$work/report"
expect "407,397 requests were sent versus a forecast of 868,301 (-53.1 %)" "$work/report"
expect '"sr":{"forecast":7004230,"actual":1209004' "$work/aug/summary.json"
expect '"csr":{"forecast":868301,"actual":407397' "$work/aug/summary.json"
expect '"conserved":true' "$work/aug/summary.json"
# Exceptions listed: a small supplier far over forecast, one sending CSRs with no forecast.
expect "SMALL_SUPPLIER_6,2018-08,4," "$work/aug/variance.csv"
grep -q '^SMALL_SUPPLIER_8,2018-08,CSR,0,1500,,yes$' "$work/aug/variance.csv" && ok ||
  fail "unforecast CSRs are not an exception"
finish
