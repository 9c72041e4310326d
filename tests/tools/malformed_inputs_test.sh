#!/usr/bin/env bash
# The catalogue of malformed inputs (tests/tools/malformed/cases.txt): every case must be refused
# before any work, with exit 2 (no crash, no hang) and every line of stderr in the form
# `file:line: key: problem` naming the right file and a line > 0, `--set: key: problem`, or
# `dccsim: --flag: problem`. Usage: malformed_inputs_test.sh DCCSIM SOURCE_DIR
source "$(dirname "$0")/harness.sh" "$1" "$2"
cases="$src/tests/tools/malformed/cases.txt"

# Fixtures: the small golden scenario reading f.csv and a.csv, a variance-forecast variant, and
# a valid history and forecasts for `dccsim variance`.
cp "$src/tests/golden/small-forecasts.csv" "$work/f0.csv"
cp "$src/tests/golden/small-actuals.csv" "$work/a0.csv"
sed -e 's/small-forecasts.csv/f.csv/' -e 's/small-actuals.csv/a.csv/' "$src/tests/golden/small.toml" >"$work/s.toml"
sed -e 's/^forecasts = .*/variance_forecast = "vf.csv"/' "$work/s.toml" >"$work/vs.toml"
vf_header="user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,exception_probability"
printf 'user,month,service,forecast,actual\nA,2018-06,4,1000,900\nA,2018-07,4,1000,950\nA,2018-08,4,1000,990\n' >"$work/h0.csv"
printf 'user,month,service,count\nA,2018-09,4,1000\n' >"$work/fv.csv"
touch "$work/afile"
# Sanity: the fixtures themselves are valid, so each case fails for its own reason.
check "fixture s.toml" 0 bash -c "cd '$work' && cp f0.csv f.csv && cp a0.csv a.csv && '$dccsim' validate s.toml"
check "fixture variance" 0 "$dccsim" variance --history "$work/h0.csv" --forecasts "$work/fv.csv" \
  --replications 50 --out "$work/vout" --quiet

at_file() { echo "^([^ ]*/)?$1:[1-9][0-9]*: .+"; }
n=0
while IFS= read -r entry; do
  case "$entry" in '' | '#'*) continue ;; esac
  n=$((n + 1))
  kind="${entry%%|*}"
  arg="${entry#*|}"
  cp "$work/f0.csv" "$work/f.csv"
  cp "$work/a0.csv" "$work/a.csv"
  rm -rf "$work/out"
  cmd=("$dccsim" run s.toml --out "$work/out" --quiet)
  # A --set may make a CSV row wrong (users[0].id renames the User its rows name).
  form="$(at_file '[a-z0-9_-]+\.(toml|csv)')|^--set: .+|^dccsim: --set: .+"
  case "$kind" in
    set) cmd+=(--set "$arg") ;;
    toml)
      { cat "$work/s.toml"; printf '%b' "$arg"; } >"$work/case.toml"
      cmd=("$dccsim" run case.toml --out "$work/out" --quiet)
      form="$(at_file 'case\.toml')" ;;
    rawtoml)
      printf '%b' "$arg" >"$work/case.toml"
      cmd=("$dccsim" run case.toml --out "$work/out" --quiet)
      form="$(at_file 'case\.toml')" ;;
    forecasts) printf '%b\n' "$arg" >>"$work/f.csv"; form="$(at_file 'f\.csv')" ;;
    actuals) printf '%b\n' "$arg" >>"$work/a.csv"; form="$(at_file 'a\.csv')" ;;
    vforecast)
      printf '%s\n%b\n' "$vf_header" "$arg" >"$work/vf.csv"
      cmd=("$dccsim" run vs.toml --out "$work/out" --quiet)
      form="$(at_file 'vf\.csv')" ;;
    history)
      printf 'user,month,service,forecast,actual,variance_pct,exception\n%b\n' "$arg" >"$work/h.csv"
      cmd=("$dccsim" variance --history h.csv --forecasts fv.csv --replications 50 --out "$work/out" --quiet)
      form="$(at_file 'h\.csv')" ;;
    flag)
      read -r -a words <<<"$arg"
      cmd=("$dccsim")
      for w in "${words[@]}"; do
        case "$w" in
          SCN) w=s.toml ;; H) w=h0.csv ;; F) w=fv.csv ;; OUTFILE/*) w="$work/afile/${w#OUTFILE/}" ;;
        esac
        cmd+=("$w")
      done
      # Flags are checked first; a simulating command must not have started (no --out folder).
      case "$arg" in *--out*) ;; *) cmd+=(--out "$work/out") ;; esac
      form="^dccsim: --[a-z-]+( [^ :]+)?: .+" ;;
    *) fail "case $n: unknown kind '$kind'"; continue ;;
  esac
  (cd "$work" && timeout 20 "${cmd[@]}" >"$work/stdout" 2>"$work/stderr")
  status=$?
  name="case $n ($kind|$arg)"
  if [ "$status" -eq 124 ]; then fail "$name: hang (killed after 20 s)"; continue; fi
  if [ "$status" -ge 128 ]; then fail "$name: crash (exit $status)"; head -3 "$work/stderr"; continue; fi
  if [ "$status" -ne 2 ]; then fail "$name: exit $status, expected 2"; head -3 "$work/stderr"; continue; fi
  if [ ! -s "$work/stderr" ]; then fail "$name: no message"; continue; fi
  # Every line a problem in the expected form (notes of skipped inputs aside).
  if grep -Ev -e "$form" -e '^note: ' "$work/stderr" | grep -q .; then
    fail "$name: a line not in the form /$form/:"
    grep -Ev -e "$form" -e '^note: ' "$work/stderr" | head -3
    continue
  fi
  if [ -e "$work/out/summary.json" ]; then fail "$name: outputs were written"; continue; fi
  ok
done <"$cases"
[ "$n" -ge 150 ] || fail "only $n cases in the catalogue (at least 150)"
echo "$n cases"
finish
