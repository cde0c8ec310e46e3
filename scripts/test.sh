#!/usr/bin/env bash
# Sets up a fresh machine, builds the solution and runs every test project.
# Ends with one line: "N passed, N failed[, N skipped]" summed over all projects.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
dotnet build AutoLR.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

# The tests write run directories, checkpoints and fixtures under the temporary folder; give this run its own and
# remove it at the end, so repeated runs do not fill the disk (one run leaves a few GB).
test_tmp=$(mktemp -d "${TMPDIR:-/tmp}/autolr-test-run.XXXXXX")
trap 'rm -rf "$test_tmp"' EXIT
export TMPDIR="$test_tmp"

passed=0; failed=0; skipped=0; status=0
for project in tests/Properties tests/Integration; do
  log=$(mktemp)
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # The runner's summary line: "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total: ..."
  summary=$(grep -E '(Passed|Failed)! +- Failed: ' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "test: no summary from $project" >&2; status=1; failed=$((failed + 1))
  else
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")))
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")))
  fi
  rm -f "$log"
done

line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
