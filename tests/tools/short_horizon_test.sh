#!/usr/bin/env bash
# Short what-if runs: every reference scenario runs with a 1 h horizon (the cheap check of "any
# horizon from 1 h up"); the small aug2018-variance scenario also with 6 h, 8 h and 1 d, whose
# profiles put no weight in the first hours. Inputs after the horizon are one note, not errors.
# Usage: short_horizon_test.sh DCCSIM SOURCE_DIR
source "$(dirname "$0")/harness.sh" "$1" "$2"
for scenario in "$src"/scenarios/*.toml; do
  name="$(basename "$scenario" .toml)"
  check "$name 1h" 0 timeout 120 "$dccsim" run "$scenario" --set scenario.horizon=1h --out "$work/$name" --quiet
  notes=$(grep -c '^note: ' "$work/stderr")
  if [ "$notes" -le 1 ]; then ok; else fail "$name 1h: $notes notes, expected at most one"; fi
  if grep -v '^note: ' "$work/stderr" | grep -q .; then fail "$name 1h: unexpected stderr"; else ok; fi
done
check "a burst after the horizon is one note" 0 "$dccsim" run "$src/scenarios/tm-static.toml" \
  --set scenario.horizon=1h --out "$work/notes" --quiet
expect_stderr "note" "^note: --set: scenario.horizon: 1 burst lies wholly outside the horizon and is skipped$"
for horizon in 6h 8h 1d; do
  check "aug2018-variance $horizon" 0 timeout 120 "$dccsim" run "$src/scenarios/aug2018-variance.toml" \
    --set scenario.horizon=$horizon --out "$work/aug-$horizon" --quiet
done
finish
