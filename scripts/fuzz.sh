#!/usr/bin/env bash
# Fuzzes every parser of outside input with AFL++ and SharpFuzz (tests/Fuzz: one target per parser, seeds in
# tests/Fuzz/Corpus/TARGET), each for a bounded time, and reports executions per second and crashes per target.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 15 s, every target)
# Needs a built solution. A crash fails the run: its inputs are copied to tests/Fuzz/Findings/TARGET/ to reproduce
# (`dotnet tests/Fuzz/bin/Release/net10.0/linux-x64/AutoLR.Fuzz.dll TARGET FILE`); once fixed, move them to
# tests/Fuzz/Regressions/TARGET/, which the integration tests replay. Ends with "fuzz: P passed, F failed, 0 skipped,
# 0 not run" (a target passes when it ran and found no crash). Not part of scripts/test.sh: a test run replays the
# seeds and regressions through the same targets in seconds, without AFL++; this searches for new crashes.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
[ $# -gt 0 ] && shift
built=tests/Fuzz/bin/Release/net10.0/linux-x64
[ -f "$built/AutoLR.Fuzz.dll" ] || { echo "fuzz: $built/AutoLR.Fuzz.dll is missing; build the solution first."; echo "fuzz: 0 passed, 1 failed, 0 skipped, 0 not run"; exit 1; }
bash scripts/setup-fuzz.sh || { echo "fuzz: 0 passed, 1 failed, 0 skipped, 0 not run"; exit 1; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls tests/Fuzz/Corpus)

work=$(mktemp -d "${TMPDIR:-/tmp}/autolr-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Instrumented copies: the build output stays as built, so the tests and a rebuild never see instrumented code.
cp -r "$built" "$work/bin"
for assembly in "$work"/bin/AutoLR.*.dll; do
  [ "$(basename "$assembly")" = AutoLR.Fuzz.dll ] && continue
  dotnet tool run sharpfuzz "$assembly" >/dev/null || { echo "fuzz: instrumenting $(basename "$assembly") failed"; echo "fuzz: 0 passed, 1 failed, 0 skipped, 0 not run"; exit 1; }
done

# Not a tuned fuzzing host: no CPU binding (other work shares the cores), no core-pattern or governor checks, no UI.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_QUIET=1
# The fork server is SharpFuzz's, inside `dotnet`, which has no AFL instrumentation of its own to find.
export AFL_SKIP_BIN_CHECK=1
passed=0; failed=0
mkdir -p "$work/out"
for target in "${targets[@]}"; do
  out="$work/out/$target"
  dictionary=()
  [ -f "tests/Fuzz/Dictionaries/$target.dict" ] && dictionary=(-x "tests/Fuzz/Dictionaries/$target.dict")
  # -t: one input may take 5 s (the first includes .NET's start); -m none: .NET reserves more address space than AFL's default limit.
  timeout $((seconds + 120)) afl-fuzz -V "$seconds" -t 5000 -m none -i "tests/Fuzz/Corpus/$target" -o "$out" "${dictionary[@]}" \
    -- "$(command -v dotnet)" "$work/bin/AutoLR.Fuzz.dll" "$target" >"$work/$target.log" 2>&1
  status=$?
  stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz $target: afl-fuzz did not run (exit $status):"; tail -n 20 "$work/$target.log"
    failed=$((failed + 1)); continue
  fi
  stat() { sed -nE "s/^$1 *: *//p" "$stats"; }
  execs=$(stat execs_done); speed=$(stat execs_per_sec); crashes=$(stat saved_crashes); hangs=$(stat saved_hangs); paths=$(stat corpus_count)
  echo "fuzz $target: $execs executions in ${seconds} s, $speed/s, $paths inputs in the queue, $crashes crashes, $hangs hangs"
  if grep -q "PROGRAM ABORT" "$work/$target.log"; then
    # afl-fuzz gave up before its time, e.g. "Unable to communicate with fork server": the target process died in a
    # way .NET cannot catch (stack overflow, out of memory, killed at the time limit: SharpFuzz's fork server is the
    # process itself) and afl-fuzz could not save the input. The MAT reader did so for weeks after ~15 executions
    # (a char array claiming 2³¹ rows), and the run counted the target as passed.
    echo "fuzz $target: afl-fuzz stopped early:"; grep -A2 "PROGRAM ABORT" "$work/$target.log" | sed 's/\x1b\[[0-9;]*[a-zA-Z]//g'
    echo "fuzz $target: reproduce by running the target over mutated files (\`dotnet $built/AutoLR.Fuzz.dll $target FILE...\`)"
    failed=$((failed + 1))
  elif [ "${crashes:-0}" -gt 0 ]; then
    mkdir -p "tests/Fuzz/Findings/$target"
    cp "$out"/default/crashes/id:* "tests/Fuzz/Findings/$target/" 2>/dev/null
    echo "fuzz $target: crash inputs copied to tests/Fuzz/Findings/$target/"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed, 0 skipped, 0 not run"
[ "$failed" -eq 0 ]
