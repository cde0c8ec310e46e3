#!/usr/bin/env bash
# Runs built test projects (default: every test project of the solution) and ends with one line
# "N passed, N failed[, N skipped]" summed over them. A test that never ran because its test host crashed counts as
# failed, and the line before the summary says so. Exits non-zero when anything failed or did not run.
#   bash scripts/run-tests.sh [--fast] [PROJECT...]
# A PROJECT named `fuzz` is the fuzz run (scripts/fuzz.sh, FUZZ_SECONDS per target, default 10): each target counts as
# a test that passes when it ran and found no crash.
# --fast runs the fast tier: every test but those of classes marked [Trait("Tier", "Full")] (tests/Integration/Tier.cs).
set -uo pipefail
cd "$(dirname "$0")/.."
tier=()
if [ "${1:-}" = "--fast" ]; then tier=(--filter "Tier!=Full"); shift; fi
[ $# -gt 0 ] || set -- tests/Properties tests/Integration

passed=0; failed=0; skipped=0; not_run=0; status=0
for project in "$@"; do
  output=$(mktemp)
  if [ "$project" = fuzz ]; then
    bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}" | tee "$output"
  else
    bash scripts/test-project.sh "$project" "${tier[@]}" | tee "$output"
  fi
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  summary=$(tail -n 1 "$output"); rm -f "$output"
  # "PROJECT: P passed, F failed, S skipped, N not run"
  read -r p f s n < <(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped, ([0-9]+) not run$/\1 \2 \3 \4/' <<<"$summary")
  if [[ ! "$p$f$s$n" =~ ^[0-9]+$ ]]; then
    echo "test: no summary from $project" >&2; status=1; failed=$((failed + 1)); continue
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); not_run=$((not_run + n))
done

[ "$not_run" -eq 0 ] || echo "test: $not_run tests never ran (a test host crashed); they count as failed below."
line="$passed passed, $((failed + not_run)) failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
