# Shared harness of the command-line tests; sourced as: source harness.sh DCCSIM SOURCE_DIR.
# Sets $dccsim, $src and a scratch folder $work (removed on exit); counts checks in
# $passed/$failed; `finish` prints the tally and exits non-zero when anything failed.
set -uo pipefail
dccsim="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() {  # check NAME EXPECTED_STATUS COMMAND...: runs COMMAND, stdout/stderr kept in $work
  local name="$1" expected="$2"
  shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local status=$?
  if [ "$status" -eq "$expected" ]; then ok; else
    fail "$name: exit $status, expected $expected"
    head -5 "$work/stderr"
  fi
}
run() {  # run EXPECTED_STATUS COMMAND...: check named after the command
  local expected="$1"
  shift
  check "$*" "$expected" "$@"
}
expect_stderr() {  # expect_stderr NAME PATTERN (extended regex) in the last command's stderr
  if grep -Eq -e "$2" "$work/stderr"; then ok; else
    fail "$1: stderr lacks /$2/:"
    head -5 "$work/stderr"
  fi
}
expect_stdout() {  # expect_stdout NAME PATTERN (extended regex) in the last command's stdout
  if grep -Eq -e "$2" "$work/stdout"; then ok; else
    fail "$1: stdout lacks /$2/:"
    head -5 "$work/stdout"
  fi
}
expect() {  # expect TEXT FILE: a fixed string in FILE
  if grep -Fq -e "$1" "$2"; then ok; else fail "'$1' not in $(basename "$2")"; fi
}
same() {  # same NAME FILE_A FILE_B: byte-identical files
  if cmp -s "$2" "$3"; then ok; else fail "$1: $2 and $3 differ"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
