#!/usr/bin/env bash
# Issue 12: AutoLR's cost with probes. Fine-tunes the embedded default (Fashion-MNIST, ImageNet CNTK ResNet-18, 200
# images per class, 32 px) for EPOCHS epochs with AutoLR at probe fractions FRACTIONS and pruning depths DEPTHS, and
# single LR at each depth, INTERLEAVED (depth × fraction round-robin, single LR among them) so that load on a shared
# machine falls on every configuration alike; then `autolr-bench probe-cost` prints the table. One command:
#
#   bash bench/probe-cost.sh
#
# Runs go to $RUNS (default bench/runs/probe-cost); a configuration whose folder already holds results.json is not
# trained again, so running the script again continues a stopped set. Settings (environment):
#   EPOCHS (15)  FRACTIONS ("1 0.5 0.25 0.1")  DEPTHS ("0 3")  SEED (1)  THREADS (0 = all cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-bench/runs/probe-cost}"
EPOCHS="${EPOCHS:-15}"
FRACTIONS="${FRACTIONS:-1 0.5 0.25 0.1}"
DEPTHS="${DEPTHS:-0 3}"
SEED="${SEED:-1}"
THREADS="${THREADS:-0}"
AUTOLR_DLL=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll
BENCH_DLL=bench/AutoLR.Bench/bin/Release/net10.0/linux-x64/autolr-bench.dll
bash scripts/setup.sh
[[ -f "$AUTOLR_DLL" ]] || dotnet build AutoLR.sln -c Release -nologo -v quiet
[[ -f "$BENCH_DLL" ]] || dotnet build bench/AutoLR.Bench -c Release -nologo -v quiet

# One configuration: its own output folder, skipped when it already finished.
train() {
    local name="$1"; shift
    local out="$RUNS/$name"
    if compgen -G "$out/*/results.json" >/dev/null; then echo "probe-cost: $name done"; return; fi
    rm -rf "$out"; mkdir -p "$out"
    echo "probe-cost: $name"
    dotnet "$AUTOLR_DLL" finetune --epochs "$EPOCHS" --seed "$SEED" --threads "$THREADS" --output "$out" "$@" >"$out.log" 2>&1 \
        || { echo "probe-cost: $name failed, see $out.log" >&2; exit 1; }
}

start=$(date +%s)
for d in $DEPTHS; do train "single-d$d" --schedule single --pruning-depth "$d"; done
for f in $FRACTIONS; do
    for d in $DEPTHS; do train "autolr-d$d-f$f" --schedule autolr --pruning-depth "$d" --probe-fraction "$f"; done
done
echo "probe-cost: wall $(( $(date +%s) - start )) s"
dotnet "$BENCH_DLL" probe-cost "$RUNS"/*/*/
