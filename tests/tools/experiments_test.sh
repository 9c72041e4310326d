#!/usr/bin/env bash
# Replications, comparisons and sweeps as a user runs them: same outputs for any thread count,
# intervals where promised, verdicts that follow the data, sweeps that resume without loss.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"
scenario="$src/tests/golden/small.toml"

# Replications: identical outputs with 1, 2 and 4 threads.
for t in 1 2 4; do run 0 "$dccsim" run "$scenario" --replications 6 --threads "$t" --out "$work/rep$t" --quiet; done
for t in 2 4; do
  for f in summary.json variance.csv stations.csv performance.csv throttle.csv breaches.csv timeseries.csv; do
    cmp -s "$work/rep1/$f" "$work/rep$t/$f" && ok || fail "$f differs between 1 and $t threads"
  done
done
head -1 "$work/rep1/stations.csv" | grep -q "utilisation_hw" && ok || fail "stations.csv lacks half-width columns"
head -1 "$work/rep1/variance.csv" | grep -q "^user,month,service,forecast,actual,variance_pct,exception" && ok ||
  fail "variance.csv lost its history columns"
grep -q '"replications":6' "$work/rep1/summary.json" && ok || fail "summary.json replications"
grep -q '"share_within_target_hw"' "$work/rep1/summary.json" && ok || fail "summary.json lacks _hw fields"
head -1 "$work/rep1/breaches.csv" | grep -q "^replication," && ok || fail "breaches.csv lacks replication column"

# The replicated report has every section of the single-run one, as mean ± half-width with thousands separators.
run 0 "$dccsim" run "$scenario" --replications 3 --threads 2 --out "$work/screen"
expect_stdout "replicated totals" "^  SRs : [0-9]{2},[0-9]{3} ± [0-9,]+ requests were sent versus a forecast of 13,289 \([-+][0-9.]+ ± [0-9.]+ %\)$"
expect_stdout "replicated exceptions" "^Exceptions: [0-9]+ of 6 User-month-service lines$"
expect_stdout "replicated measures" "^  on_demand +2018-08 [0-9]{2},[0-9]{3} ± [0-9,]+ +[0-9.]+ ± [0-9.]+ % +99.00 % 96.00 %"
expect_stdout "replicated stations" "^Busiest stations$"
expect_stdout "replicated breaches" "^Breaches: [0-9]+ over 3 replications$"
expect_stdout "replicated throttling" "^  SUPPLIER_A +[0-9]{2},[0-9]{3} ± "
expect_stdout "replicated accounting" "^Requests per replication: [0-9]{2},[0-9]{3} ± [0-9,]+ generated = "

# --precision stops once reached (loose target: a few replications), never beyond the maximum.
run 0 "$dccsim" run "$scenario" --precision 0.5 --max-replications 6 --threads 2 --out "$work/prec"
grep -q "precision:" "$work/stderr" && ok || fail "precision not reported"
expect_stderr "binding measure named" "^precision: [0-9]+ replications; binding measure [a-z_.]+: half-width .* allowed \((absolute|[0-9.]+ % of)"
run 0 "$dccsim" run "$scenario" --precision 0.001 --on performance.on_demand.share_within_target --max-replications 3 --out "$work/prec2"
expect_stderr "not reached said" "^precision: 3 replications, not reached by --max-replications; binding measure performance\.on_demand\.share_within_target: .*absolute for a share"
run 2 "$dccsim" run "$scenario" --precision 0.01 --on stations.nowhere.wait_mean_s --max-replications 3 --out "$work/x"
expect_stderr "unknown measure" "--on stations.nowhere.wait_mean_s: no such measure"
run 2 "$dccsim" run "$scenario" --on stations.dsp.utilisation --out "$work/x"
run 2 "$dccsim" run "$scenario" --precision 2 --out "$work/x" --quiet

# Warm-up: fixed and automatic; accounting carries the requests in flight across the cut.
run 0 "$dccsim" run "$scenario" --warmup 6h --out "$work/warm" --quiet
grep -q '"warmup_s":21600' "$work/warm/summary.json" && ok || fail "warm-up not recorded"
grep -q '"conserved":true' "$work/warm/summary.json" && ok || fail "not conserved after warm-up"
run 0 "$dccsim" run "$scenario" --warmup auto --out "$work/auto"
grep -q "MSER-5" "$work/stderr" && ok || fail "auto warm-up not reported"
run 2 "$dccsim" run "$scenario" --warmup 3d --out "$work/x" --quiet
run 2 "$dccsim" run "$scenario" --warmup soon --out "$work/x" --quiet

# Measures: one dotted name each, with unit, direction, kind and meaning.
run 0 "$dccsim" measures "$scenario"
expect_stdout "measure with direction" "^  performance\.on_demand\.share_within_target \* +share +higher better +share "
expect_stdout "neutral utilisation" "^  stations\.dsp\.utilisation \* +fraction +neutral +utilisation "
expect_stdout "rates per User" "^  throttle\.SUPPLIER_A\.rejected_share \* +share +lower better "
expect_stdout "breaches by kind" "^  breaches\.queue\.count \* +breaches +lower better +count "
run 2 "$dccsim" measures

# Compare: a policy against itself differs by exactly nothing (common random numbers) ...
run 0 "$dccsim" compare "$scenario" "$scenario" --replications 3 --threads 2 --out "$work/same" --quiet
col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
verdict=$(col "$work/same/compare.csv" verdict)
difference=$(col "$work/same/compare.csv" difference)
if awk -F, -v v="$verdict" 'NR > 1 && $v != "no significant difference" {bad = 1} END {exit bad}' "$work/same/compare.csv"; then ok; else
  fail "a policy compared with itself shows a difference"
fi
if awk -F, -v d="$difference" 'NR > 1 && $d != "" && $d + 0 != 0 {bad = 1} END {exit bad}' "$work/same/compare.csv"; then ok; else
  fail "identical policies have non-zero paired differences"
fi
# ... and an A/A check on independent streams (--independent, or a seed per side) finds no
# material or significant difference on any measure, though the figures differ.
aa_clean() {  # aa_clean DIR: every verdict is "no ... difference" or a percentile that does not decide
  awk -F, -v v="$verdict" 'NR > 1 && $v != "no significant difference" && $v != "no material difference" &&
    $v !~ /^not decided/ {print; bad = 1} END {exit bad}' "$1/compare.csv"
}
run 0 "$dccsim" compare "$scenario" --independent --replications 8 --threads 2 --out "$work/aa"
expect_stdout "independent streams said" "independent random streams .*common random numbers are off"
aa_clean "$work/aa" && ok || fail "A/A compare (--independent) cries wolf"
grep -q '"common_random_numbers":false' "$work/aa/compare.json" && ok || fail "compare.json: streams not recorded"
if awk -F, -v d="$difference" 'NR > 1 && $d != "" && $d + 0 != 0 {n++} END {exit n == 0}' "$work/aa/compare.csv"; then ok; else
  fail "--independent gave identical figures: the streams are shared"
fi
run 0 "$dccsim" compare "$scenario" --a scenario.seed=1 --b scenario.seed=2 --replications 8 --out "$work/seeds" --quiet
aa_clean "$work/seeds" && ok || fail "A/A compare (seeds 1 and 2) cries wolf"
grep -q '"sides":{"a":{"scenario_file":"small.toml","overrides":\["scenario.seed=1"\],"seed":1,' "$work/seeds/compare.json" &&
  ok || fail "compare.json: side A's overrides and seed"
grep -q '"b":{"scenario_file":"small.toml","overrides":\["scenario.seed=2"\],"seed":2,' "$work/seeds/compare.json" &&
  ok || fail "compare.json: side B's seed ignored"
grep -q '"command_line":"dccsim compare .*--a scenario.seed=1 --b scenario.seed=2' "$work/seeds/compare.json" &&
  ok || fail "compare.json: command line"
grep -q '"version":"[0-9]' "$work/seeds/compare.json" && ok || fail "compare.json: version"
run 2 "$dccsim" compare "$scenario" --a scenario.seed=1 --seed 3 --out "$work/x"
run 2 "$dccsim" compare "$scenario" --b dsp.servers=2 --margin shares=0.1 --out "$work/x"
# ... while switching Traffic Management off lets the campaign through: a smaller rejected share
# under B, decided on the rate, not the count (which is neutral).
run 0 "$dccsim" compare "$scenario" --b traffic_management.activation=never --replications 4 --out "$work/tm"
expect_stdout "headline first" "^  headline measure +A +B +A - B +relative +verdict"
expect_stdout "procedure stated" "Holm-adjusted across the [0-9]+ headline measures and Benjamini-Hochberg"
grep -q '^throttle.SUPPLIER_A.rejected_share,yes,share,lower better,share,.*,B better$' "$work/tm/compare.csv" && ok ||
  fail "throttling verdict on the rejected share"
grep -q '^throttle.SUPPLIER_A.rejected,no,attempts,neutral,count,.*,A higher$' "$work/tm/compare.csv" && ok ||
  fail "rejection count should be neutral"
grep -q '^stations.dsp.utilisation,yes,fraction,neutral,' "$work/tm/compare.csv" && ok || fail "utilisation is neutral"
run 0 "$dccsim" compare "$scenario" --b traffic_management.activation=never --replications 4 --threads 1 --out "$work/tm1" --quiet
cmp -s "$work/tm/compare.csv" "$work/tm1/compare.csv" && ok || fail "compare.csv depends on the thread count"
# Progress goes to a terminal only: a redirected stderr holds no carriage return.
if grep -q $'\r' "$work/stderr"; then fail "compare wrote \\r progress into a redirected file"; else ok; fi
# --report writes report.html beside the outputs (when this build embeds the report's JavaScript).
if "$dccsim" compare "$scenario" --independent --replications 2 --out "$work/rep" --quiet --report 2>"$work/stderr"; then
  [ -s "$work/rep/report.html" ] && ok || fail "compare --report wrote no report.html"
else
  grep -q "built without the report's JavaScript" "$work/stderr" && ok || fail "compare --report failed: $(cat "$work/stderr")"
fi
run 2 "$dccsim" compare "$scenario" --out "$work/x"
run 2 "$dccsim" compare "$scenario" --b dsp.servers=0 --out "$work/x"

# Search: the smallest CSP concurrency meeting the on-demand minimum, the same for any thread count.
run 0 "$dccsim" search "$scenario" --vary csp.concurrency=1..40 --goal 'performance.on_demand.share_within_target >= 0.96' \
  --replications 3 --max-replications 12 --threads 1 --out "$work/search1"
expect_stdout "every point printed" "^  csp\.concurrency=40 +3 replications  performance\.on_demand\.share_within_target = [0-9.]+ ± [0-9.e-]+  holds$"
expect_stdout "answer said" "^Smallest csp\.concurrency meeting performance\.on_demand\.share_within_target >= 0\.96 with 95 % confidence: [0-9]+ \(it fails at [0-9]+\)\.$"
head -1 "$work/search1/search.csv" | grep -qx "value,replications,estimate,half_width,verdict" && ok || fail "search.csv header"
grep -q '^{"status":"found","answer":"[0-9]*","bracket":\["[0-9]*","[0-9]*"\],"goal":{"measure":"performance.on_demand.share_within_target","operator":">=","value":0.96}' \
  "$work/search1/search.json" && ok || fail "search.json answer, bracket and goal"
grep -q '"version":"[0-9].*"command_line":"dccsim search ' "$work/search1/search.json" && ok || fail "search.json provenance"
run 0 "$dccsim" search "$scenario" --vary csp.concurrency=1..40 --goal 'performance.on_demand.share_within_target >= 0.96' \
  --replications 3 --max-replications 12 --threads 2 --out "$work/search2" --quiet
cmp -s "$work/search1/search.csv" "$work/search2/search.csv" && ok || fail "search.csv depends on the thread count"
diff <(sed 's/"command_line":"[^"]*"//' "$work/search1/search.json") <(sed 's/"command_line":"[^"]*"//' "$work/search2/search.json") >/dev/null &&
  ok || fail "search.json depends on the thread count"
run 2 "$dccsim" search "$scenario" --vary csp.concurrency=1..40 --goal 'performance.on_demand.share >= 0.96' --out "$work/x"
expect_stderr "unknown goal measure" "--goal: no measure 'performance.on_demand.share'"
run 2 "$dccsim" search "$scenario" --vary csp.concurrency=0.5..4 --goal 'stations.dsp.wait_mean_s <= 1' --out "$work/x"
run 2 "$dccsim" search "$scenario" --vary csp.concurency=1..4 --goal 'stations.dsp.wait_mean_s <= 1' --out "$work/x"
run 2 "$dccsim" search "$scenario" --vary csp.concurrency=1..4 --goal 'stations.dsp.wait_mean_s = 1' --out "$work/x"

# Sweep: full grid, then a killed sweep (last row cut mid-line) resumes to the same file.
run 0 "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --vary traffic_management.activation=never,threshold \
  --replications 2 --threads 2 --out "$work/sweep" --quiet
[ "$(wc -l <"$work/sweep/sweep.csv")" -eq 9 ] && ok || fail "sweep.csv should have 8 rows"
[ "$(wc -l <"$work/sweep/sweep_summary.csv")" -eq 5 ] && ok || fail "sweep_summary.csv should have 4 points"
mkdir -p "$work/resume"
cp "$work/sweep/sweep_args.json" "$work/resume/"
head -4 "$work/sweep/sweep.csv" >"$work/resume/sweep.csv"
sed -n 5p "$work/sweep/sweep.csv" | head -c 20 >>"$work/resume/sweep.csv"
run 0 "$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --vary traffic_management.activation=never,threshold \
  --replications 2 --threads 1 --out "$work/resume"
grep -q "resuming: 3 of 8" "$work/stderr" && ok || fail "resume did not skip the finished rows"
if grep -q $'\r' "$work/stderr"; then fail "sweep wrote \\r progress into a redirected file"; else ok; fi
cmp -s "$work/sweep/sweep.csv" "$work/resume/sweep.csv" && ok || fail "resumed sweep.csv differs"
cmp -s "$work/sweep/sweep_summary.csv" "$work/resume/sweep_summary.csv" && ok || fail "resumed summary differs"
run 2 "$dccsim" sweep "$scenario" --vary dsp.servers=3 --out "$work/resume" --quiet
run 2 "$dccsim" sweep "$scenario" --vary dsp.servers --out "$work/x" --quiet
run 2 "$dccsim" sweep "$scenario" --vary dsp.severs=1,2 --out "$work/x" --quiet

finish
