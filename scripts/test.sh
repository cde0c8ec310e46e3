#!/usr/bin/env bash
# Sets up a fresh machine, builds the solution and runs every test project (scripts/run-tests.sh).
# Ends with one line: "N passed, N failed[, N skipped]" summed over all projects; tests that never ran because a
# test host crashed count as failed.
#   bash scripts/test.sh         the full tier (CI): every test
#   bash scripts/test.sh fast    the fast tier, for every change: the properties and the quick C# tests (README: Tests)
set -uo pipefail
cd "$(dirname "$0")/.."
# The full tier also fuzzes every parser of outside input for a bounded time (scripts/fuzz.sh, 10 s per target).
case "${1:-full}" in
  full) arguments=(tests/Properties tests/Integration fuzz) ;;
  fast) arguments=(--fast) ;;
  *) echo "usage: bash scripts/test.sh [fast|full]" >&2; exit 2 ;;
esac

bash scripts/setup.sh tests || exit 1
dotnet build AutoLR.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

# The tests write run directories, checkpoints and fixtures under the temporary folder; give this run its own and
# remove it at the end, so repeated runs do not fill the disk (one run leaves a few GB).
test_tmp=$(mktemp -d "${TMPDIR:-/tmp}/autolr-test-run.XXXXXX")
trap 'rm -rf "$test_tmp"' EXIT
export TMPDIR="$test_tmp"

bash scripts/run-tests.sh "${arguments[@]}"
