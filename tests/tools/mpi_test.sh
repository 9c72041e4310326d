#!/usr/bin/env bash
# mpirun -n 2 against one process on 2 threads, byte for byte (timing.json aside): run with
# replications and with --precision, compare, sweep (with a kill and a resume on another number of
# ranks); bad input reported once; a rank that fails alone ends the job naming itself.
# Usage: mpi_test.sh DCCSIM SOURCE_DIR MPIEXEC
source "$(dirname "$0")/harness.sh" "$1" "$2"
mpiexec="$3"
# Open MPI never frees what MPI_Init allocates, and it dlcloses its components at MPI_Finalize, so
# LeakSanitizer reports those blocks with unknown modules that no suppression can name: leak
# detection is off for ranks (address and UB checks stay on). The same work without MPI runs in
# the rest of the suite with leak detection on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
flags=(--oversubscribe)
if [ "$(id -u)" -eq 0 ]; then flags+=(--allow-run-as-root); fi
mpi() { local n="$1"; shift; timeout 300 "$mpiexec" "${flags[@]}" -n "$n" "$@"; }
s="$src/tests/golden/small.toml"
cd "$work"

same_outputs() {  # same_outputs NAME DIR_A DIR_B: every output but timing.json byte-identical
  local f n=0
  for f in "$2"/*; do
    [ "$(basename "$f")" = timing.json ] && continue
    n=$((n + 1))
    same "$1: $(basename "$f")" "$f" "$3/$(basename "$f")"
  done
  [ "$n" -gt 0 ] && [ "$(ls "$2" | wc -l)" -eq "$(ls "$3" | wc -l)" ] && ok || fail "$1: file lists differ"
}

# run --replications
run 0 "$dccsim" run "$s" --replications 5 --threads 2 --out run1 -q
run 0 mpi 2 "$dccsim" run "$s" --replications 5 --threads 1 --out run2 -q
same_outputs "run --replications" run1 run2
run 0 mpi 3 "$dccsim" run "$s" --replications 5 --threads 1 --out run3 -q
same_outputs "run --replications, 3 ranks" run1 run3
# The report is printed once, by rank 0.
run 0 mpi 2 "$dccsim" run "$s" --replications 3 --out run4
[ "$(grep -c "Outputs in" "$work/stdout")" -eq 1 ] && ok || fail "report printed other than once"

# --precision decides the same whatever the ranks
run 0 "$dccsim" run "$s" --precision 0.02 --max-replications 12 --threads 2 --out prec1 -q
run 0 mpi 2 "$dccsim" run "$s" --precision 0.02 --max-replications 12 --threads 1 --out prec2 -q
same_outputs "run --precision" prec1 prec2

# compare
# (compare.json and search.json hold the command line: the same in folders of their own)
args=(compare "$s" --a dsp.servers=2 --b dsp.servers=3 --replications 4 -q --threads 2 --out out)
mkdir -p one two
cd one && run 0 "$dccsim" "${args[@]}"; cd "$work"
cd two && run 0 mpi 2 "$dccsim" "${args[@]}"; cd "$work"
same_outputs compare one/out two/out

# sweep, uninterrupted on one process, then killed under mpirun and resumed on 3 ranks
# A 10-day horizon makes a row take long enough (about 0.1 s) for the kill to land mid-way.
sweep=(sweep "$s" --vary dsp.servers=2,3,4,5,6 --replications 12 --set scenario.horizon=10d -q)
run 0 "$dccsim" "${sweep[@]}" --threads 2 --out sw1
run 0 mpi 2 "$dccsim" "${sweep[@]}" --threads 1 --out sw2
same_outputs sweep sw1 sw2
"$mpiexec" "${flags[@]}" -n 2 "$dccsim" "${sweep[@]}" --out sw3 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ -f sw3/sweep.csv ] && [ "$(wc -l <sw3/sweep.csv)" -ge 3 ] && break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rows=$(($(wc -l <sw3/sweep.csv) - 1))
[ "$rows" -ge 3 ] && [ "$rows" -lt 60 ] && ok || fail "sweep was not killed mid-way ($rows rows)"
run 0 mpi 3 "$dccsim" sweep "$s" --vary dsp.servers=2,3,4,5,6 --replications 12 --set scenario.horizon=10d --out sw3
expect_stderr "resume" "resuming: [0-9]+ of 60 rows already done"
same_outputs "sweep killed and resumed" sw1 sw3
# A finished sweep run again does nothing and writes the same summary.
run 0 mpi 2 "$dccsim" "${sweep[@]}" --out sw3
same_outputs "sweep already finished" sw1 sw3

# bad input: exit 2, said once (rank 0's), nothing from the other ranks
run 2 mpi 2 "$dccsim" run missing.toml --replications 3
[ "$(grep -c "missing.toml" "$work/stderr")" -eq 1 ] && ok || fail "bad input not reported exactly once"
run 0 mpi 2 "$dccsim" run "$s" --help
expect_stdout "help" "dccsim run"
[ "$(grep -c "^dccsim run" "$work/stdout")" -eq 1 ] && ok || fail "help printed other than once"

# search runs on rank 0 alone (its replications are sequential) and gives the same outputs
search=(search "$s" --vary dsp.servers=1..4 --goal 'performance.on_demand.share_within_target >= 0.5'
  --replications 3 --max-replications 6 -q)
cd one && run 0 "$dccsim" "${search[@]}" --threads 2 --out se; cd "$work"
cd two && run 0 mpi 2 "$dccsim" "${search[@]}" --threads 2 --out se; cd "$work"
same_outputs search one/se two/se

# a rank that fails alone (its scenario file missing on its node) ends the job, naming itself
mkdir -p a
cp "$src"/tests/golden/small* a/
run 1 "$mpiexec" "${flags[@]}" -n 1 "$dccsim" run a/small.toml --replications 4 --out fail : \
  -n 1 "$dccsim" run b/small.toml --replications 4 --out fail
expect_stderr "failing rank named" "dccsim: error: rank 1 on [^:]+: stopped"
[ ! -e fail/summary.json ] && ok || fail "a failed job wrote outputs"

finish
