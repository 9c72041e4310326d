#!/usr/bin/env bash
# What a killed run leaves behind: the next run into the same folder removes dccsim's own
# temporary files (and nothing else), and a sweep resumes over blank lines and a cut-off row but
# refuses, untouched, rows that do not belong to its grid.
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh" "$@"
scenario="$src/tests/golden/small.toml"

# Every literal output name written atomically is one whose temporary is cleaned up.
names="$(sed -n '/kOutputFileNames\[\] = {/,/};/p' "$src/tools/atomic_file.cpp")"
for name in $(grep -ho 'write_file_atomically([^,]*"[^"]*"' "$src"/tools/*.cpp | grep -o '"[^"]*"$' | tr -d '"') \
  report.html; do
  grep -Fq "\"$name\"" <<<"$names" && ok || fail "$name is not in kOutputFileNames (tools/atomic_file.cpp)"
done

# Stale temporaries as a SIGKILL leaves them, beside files of the user's own.
mkdir -p "$work/run"
for f in .timeseries.csv.tmp .summary.json.tmp .stations.csv.tmp .timing.json.tmp; do
  head -c 4096 /dev/zero >"$work/run/$f"
done
echo keep >"$work/run/.notes.tmp"
echo keep >"$work/run/.mine.csv.tmp"
echo keep >"$work/run/summary.json.tmp"
echo keep >"$work/run/notes.txt"
run 0 "$dccsim" run "$scenario" --out "$work/run" --quiet
for f in .timeseries.csv.tmp .summary.json.tmp .stations.csv.tmp .timing.json.tmp; do
  [ ! -e "$work/run/$f" ] && ok || fail "$f left behind"
done
for f in .notes.tmp .mine.csv.tmp summary.json.tmp notes.txt; do
  [ "$(cat "$work/run/$f" 2>/dev/null)" = keep ] && ok || fail "$f (a user's file) was touched"
done
[ -s "$work/run/summary.json" ] && ok || fail "summary.json missing"

# The other commands clean their folder too.
mkdir -p "$work/sw"
echo x >"$work/sw/.sweep_summary.csv.tmp"
echo x >"$work/sw/.sweep_args.json.tmp"
sweep=("$dccsim" sweep "$scenario" --vary dsp.servers=1,2 --replications 2 --threads 2 --out "$work/sw" --quiet)
run 0 "${sweep[@]}"
[ ! -e "$work/sw/.sweep_summary.csv.tmp" ] && [ ! -e "$work/sw/.sweep_args.json.tmp" ] && ok ||
  fail "sweep left stale temporaries"
cp "$work/sw/sweep.csv" "$work/full.csv"
cp "$work/sw/sweep_summary.csv" "$work/full_summary.csv"

# Resume over blank lines and a cut-off last row: same rows, same summary.
resume() {  # resume TEXT-PRODUCING-COMMAND...: sweep.csv in $work/sw replaced by the command's output
  "$@" >"$work/sw/sweep.csv.new" && mv "$work/sw/sweep.csv.new" "$work/sw/sweep.csv"
}
resume bash -c "head -2 '$work/full.csv'; echo; echo; sed -n 3p '$work/full.csv'; sed -n 4p '$work/full.csv' | head -c 15"
run 0 "${sweep[@]}"
[ "$(grep -c . "$work/sw/sweep.csv")" -eq 5 ] && ok || fail "resumed sweep.csv should hold 4 rows"
same "summary after resuming over blank lines" "$work/full_summary.csv" "$work/sw/sweep_summary.csv"
printf '\n' >>"$work/sw/sweep.csv"  # a blank line at the end: nothing left to do
run 0 "${sweep[@]}"
same "summary with a trailing blank line" "$work/full_summary.csv" "$work/sw/sweep_summary.csv"

# Rows that do not belong to the grid: exit 2, the line named, the file left as it is.
refused() {  # refused NAME PATTERN TEXT-PRODUCING-COMMAND...
  local name="$1" pattern="$2"
  shift 2
  resume "$@"
  cp "$work/sw/sweep.csv" "$work/before.csv"
  check "$name" 2 "${sweep[@]}"
  expect_stderr "$name" "$pattern"
  same "$name: sweep.csv untouched" "$work/before.csv" "$work/sw/sweep.csv"
}
refused "point outside the grid" "sweep.csv:3: point: 9 is outside the grid" \
  bash -c "head -2 '$work/full.csv'; sed -n 3p '$work/full.csv' | sed 's/^0,/9,/'"
refused "replication outside the grid" "sweep.csv:2: replication: 4 is outside the grid" \
  bash -c "head -1 '$work/full.csv'; sed -n 2p '$work/full.csv' | sed 's/^0,1,0,/0,1,4,/'"
refused "garbled row" "sweep.csv:3: row: 2 cells" \
  bash -c "head -2 '$work/full.csv'; echo 'x,y'; sed -n 4p '$work/full.csv' | head -c 9"
refused "garbled number" "sweep.csv:2: point: 'zz' is not a point number" \
  bash -c "head -1 '$work/full.csv'; sed -n 2p '$work/full.csv' | sed 's/^0,/zz,/'"
refused "duplicate row" "sweep.csv:3: point: rows are in grid order" \
  bash -c "head -2 '$work/full.csv'; sed -n 2p '$work/full.csv'"
refused "more rows than the grid" "sweep.csv:6: row: the grid has only 4 rows" \
  bash -c "cat '$work/full.csv'; sed -n 5p '$work/full.csv'"
refused "another value of the varied key" "sweep.csv:2: dsp.servers: '7' is not point 0's value '1'" \
  bash -c "head -1 '$work/full.csv'; sed -n 2p '$work/full.csv' | sed 's/^0,1,/0,7,/'"
refused "not this sweep's header" "sweep.csv:1: header: not this sweep's header" \
  bash -c "echo 'point,other,replication'; sed -n 2p '$work/full.csv'"
finish
