#!/usr/bin/env bash
# Runs one built test project and accounts for every test it holds, including those a crashed test host never ran.
#   bash scripts/test-project.sh PROJECT [dotnet test switches...]
# Prints the runner's output, then one line "PROJECT: P passed, F failed, S skipped, N not run" and exits non-zero when
# anything failed, did not run, or the test host crashed ("Test Run Aborted" hides tests: the runner's own summary
# counts only the tests that reported a result).
set -uo pipefail
project=$1; shift

# What the project holds, as the runner enumerates it (a theory's data rows one by one).
listed=$(dotnet test "$project" -c Release --no-build -nologo --list-tests "$@" 2>/dev/null | grep -c '^    ')

log=$(mktemp)
# Normal verbosity prints one result line per test; --blame names the tests running when a host crashes.
results=$(mktemp -d "${TMPDIR:-/tmp}/test-results.XXXXXX")
dotnet test "$project" -c Release --no-build -nologo --blame --results-directory "$results" \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { grep -cE "^  $1 " "$log"; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
not_run=$((listed - passed - failed - skipped)); [ "$not_run" -ge 0 ] || not_run=0

if grep -qE 'Test Run Aborted|Test host process crashed|The active test run was aborted' "$log"; then
  status=1
  running=$(sed -n '/The test running when the crash occurred:/,/^$/p' "$log" | sed '1d;/^$/d' | sed 's/^ *//' | paste -sd ';' -)
  [ -n "$running" ] || running="a test the runner could not name (it crashed before reporting the start)"
  echo "test: the test host of $project crashed while running $running; $not_run of its $listed tests never ran."
  # The crashed test reported no result: it is among those that did not run, so a crash is never a pass.
  [ "$not_run" -gt 0 ] || not_run=1
fi
[ "$not_run" -eq 0 ] || status=1
if [ "$listed" -eq 0 ]; then echo "test: $project lists no tests (is it built? run dotnet build first)."; status=1; fi
rm -rf "$log" "$results"
echo "$project: $passed passed, $failed failed, $skipped skipped, $not_run not run"
exit $status
