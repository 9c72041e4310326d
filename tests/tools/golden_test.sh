#!/usr/bin/env bash
# Runs the golden scenario and compares every output byte for byte with tests/golden/expected/.
# After an intended change of results: tools/update-golden, then review the diff.
set -euo pipefail
dccsim="$1"
src="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$dccsim" run "$src/tests/golden/small.toml" --out "$out" --quiet
status=0
for f in summary.json variance.csv stations.csv performance.csv throttle.csv breaches.csv timeseries.csv; do
  if ! cmp -s "$out/$f" "$src/tests/golden/expected/$f"; then
    echo "golden: $f differs from tests/golden/expected/$f:"
    diff "$src/tests/golden/expected/$f" "$out/$f" | head -20 || true
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "golden: 7 files identical"
exit "$status"
