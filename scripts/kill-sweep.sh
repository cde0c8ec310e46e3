#!/usr/bin/env bash
# Kill -9 sweep (exact resume after SIGKILL): one uninterrupted reference run of COMMAND, then TRIES runs that are each killed with
# SIGKILL KILLS times at random moments, resumed with --resume after every kill, and finally left to finish. Each
# must end with the reference's weights, JSON-lines files (traces, metrics) and results.json byte for byte
# (wall-clock "seconds" fields aside). Prints one row per kill and one verdict per try.
# Usage: bash scripts/kill-sweep.sh COMMAND [TRIES=2] [KILLS=3] [SEED=1] [-- extra autolr switches]
# Needs a Release build; AUTOLR_DLL names another build (e.g. a copy, so that rebuilding meanwhile changes nothing).
set -uo pipefail
cd "$(dirname "$0")/.."
command=$1; tries=${2:-2}; kills=${3:-3}; RANDOM=${4:-1}
shift $(( $# < 4 ? $# : 4 )); [[ ${1:-} == -- ]] && shift
autolr=(dotnet "${AUTOLR_DLL:-src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll}")
settings=(--images-per-class 12 --image-size 32 --batch-size 8 --threads 1 "$@")
work=$(mktemp -d)

# What must not depend on being killed: the weights, every JSON-lines file and results.json, seconds removed.
fingerprint() {
  {
    sha256sum "$1/weights.safetensors" | cut -d' ' -f1
    for f in "$1"/*.jsonl "$1/results.json"; do
      echo "$(basename "$f") $(sed -E 's/"seconds": ?[-0-9.eE+]+,?//g' "$f" | sha256sum | cut -d' ' -f1)"
    done
  } | sha256sum | cut -c1-16
}

start=$(date +%s.%N)
"${autolr[@]}" "$command" "${settings[@]}" --output "$work/reference" >/dev/null 2>&1 || { echo "reference $command failed"; exit 1; }
duration=$(echo "$(date +%s.%N) - $start" | bc)
reference=$(fingerprint "$(ls -d "$work/reference"/*/)")
echo "$command ${settings[*]}: reference ${duration%.*} s, fingerprint $reference"
printf '%-9s %-4s %-5s %-9s %-20s\n' command try kill "after" "killed in"
for try in $(seq 1 "$tries"); do
  out="$work/try-$try"
  for kill in $(seq 1 "$kills"); do
    run=$(ls -d "$out"/*/ 2>/dev/null | head -n 1)
    if [[ -z $run ]]; then "${autolr[@]}" "$command" "${settings[@]}" --output "$out" >/dev/null 2>&1 &
    else "${autolr[@]}" "$command" --resume "$run" >/dev/null 2>&1 & fi
    pid=$!
    # Uniform over 80 % of the reference's duration (start-up, epochs, checkpoint writes, evaluation, results), so
    # that a resumed run, which starts part-way, is still running at most kill points.
    at=$(echo "scale=1; $((RANDOM % 1000)) * $duration * 0.8 / 1000" | bc)
    sleep "$at"
    if kill -9 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      run=$(ls -d "$out"/*/ 2>/dev/null | head -n 1)
      phase="before any checkpoint"
      [[ -n $run ]] && [[ -n $(ls "$run/checkpoints" 2>/dev/null) ]] && phase="after $(ls "$run/checkpoints" | tail -n 1)"
      [[ -f ${run:-/none}/results.json ]] && phase="$phase, results written"
    else
      wait "$pid"
      printf '%-9s %-4s %-5s %-9s %s\n' "$command" "$try" "$kill" "${at}s" "(had finished: not a kill point)"
      break
    fi
    printf '%-9s %-4s %-5s %-9s %s\n' "$command" "$try" "$kill" "${at}s" "$phase"
  done
  run=$(ls -d "$out"/*/ 2>/dev/null | head -n 1)
  if [[ -z $run ]]; then "${autolr[@]}" "$command" "${settings[@]}" --output "$out" >/dev/null 2>&1; rc=$?; run=$(ls -d "$out"/*/)
  else "${autolr[@]}" "$command" --resume "$run" >/dev/null 2>&1; rc=$?; fi
  result=$(fingerprint "$run")
  echo "$command try $try: final exit $rc, fingerprint $result, $([[ $result == "$reference" ]] && echo identical || echo DIFFERENT)"
done
rm -rf "$work"
