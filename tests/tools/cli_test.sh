#!/usr/bin/env bash
# The dccsim command as a user meets it: exit codes, one-line file:line diagnostics, complete
# outputs, and byte-identical results for the same seed.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"

check "help" 0 "$dccsim" --help
check "version" 0 "$dccsim" --version
check "run help" 0 "$dccsim" run --help
check "no command" 2 "$dccsim"
check "unknown command" 2 "$dccsim" frobnicate
check "run without scenario" 2 "$dccsim" run
check "bad seed" 2 "$dccsim" run "$src/tests/golden/small.toml" --seed abc
check "negative seed" 2 "$dccsim" run "$src/tests/golden/small.toml" --seed -1
check "negative replications" 2 "$dccsim" run "$src/tests/golden/small.toml" --replications -3
check "zero threads" 2 "$dccsim" run "$src/tests/golden/small.toml" --threads 0
check "unknown option" 2 "$dccsim" run "$src/tests/golden/small.toml" --bogus
check "missing file" 2 "$dccsim" validate "$work/none.toml"
check "validate golden" 0 "$dccsim" validate "$src/tests/golden/small.toml"

# A scenario with two mistakes: both reported, each as file:line: key: problem.
cat >"$work/bad.toml" <<'TOML'
[scenario]
name = "bad"
horizon = "2d"
[dsp]
servers = -3
[[users]]
id = "A"
meters = { north = 1, central = 1, sooth = 1 }
TOML
check "bad scenario" 2 "$dccsim" run "$work/bad.toml" --out "$work/bad-out"
expect_stderr "bad scenario: servers" "bad.toml:5: dsp.servers: "
expect_stderr "bad scenario: unknown key" "bad.toml:8: users\[0\]\.meters\.sooth: "
[ ! -e "$work/bad-out" ] && ok || fail "outputs written for a bad scenario"

check "bad --set" 2 "$dccsim" run "$src/tests/golden/small.toml" --set dsp.servers=zero --out "$work/x"
expect_stderr "bad --set" "--set: dsp.servers: "
check "unknown --set key" 2 "$dccsim" validate "$src/tests/golden/small.toml" --set dsp.severs=4

printf 'user,month,service,count\nSUPPLIER_A,2018-08,4,-5\n' >"$work/neg.csv"
cp "$src/tests/golden/small.toml" "$work/csv.toml"
sed -i "s|forecasts = \"small-forecasts.csv\"|forecasts = \"neg.csv\"|; s|actuals = \"small-actuals.csv\"|actuals = \"$src/tests/golden/small-actuals.csv\"|" "$work/csv.toml"
check "negative CSV count" 2 "$dccsim" validate "$work/csv.toml"
expect_stderr "negative CSV count" "neg.csv:2: count: "

printf '\x00\x01\x02binary' >"$work/binary.toml"
check "binary scenario" 2 "$dccsim" validate "$work/binary.toml"

# Same seed: byte-identical outputs; another seed: different results.
check "run a" 0 "$dccsim" run "$src/tests/golden/small.toml" --out "$work/a" --quiet
check "run b" 0 "$dccsim" run "$src/tests/golden/small.toml" --out "$work/b" --quiet
check "run other seed" 0 "$dccsim" run "$src/tests/golden/small.toml" --out "$work/c" --quiet --seed 8
for f in summary.json variance.csv stations.csv performance.csv throttle.csv breaches.csv timeseries.csv; do
  same "$f between identical runs" "$work/a/$f" "$work/b/$f"
done
cmp -s "$work/a/stations.csv" "$work/c/stations.csv" && fail "seed had no effect" || ok
expect '"conserved":true' "$work/a/summary.json"
ls -A "$work/a" | grep -q '\.tmp$' && fail "temporary files left" || ok

# An output folder that cannot be written: bad input (2), said before the run starts.
touch "$work/file"
check "unwritable out" 2 "$dccsim" run "$src/tests/golden/small.toml" --out "$work/file/sub" --quiet
expect_stderr "unwritable out names the folder" "^dccsim: --out: .*file/sub: cannot create the folder"

finish
