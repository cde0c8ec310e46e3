#!/usr/bin/env bash
# The one-seed pilot of the AutoLR rule variants (README: "Rule variants: a one-seed pilot"): 15-epoch fine-tunes of
# the embedded default at pruning depths 0 and 3 with the paper's rule (per-weight variation), the relative and angular
# variations, the relative variation with the response-exponent renewal, and single LR; two runs at a time, one torch
# thread each. Finished runs are skipped. Then Fig. 4 of each AutoLR run.
#   bash paper-figures/run-rule-pilot.sh [SEED]
set -uo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1}
autolr=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr
[ -x "$autolr" ] || dotnet build AutoLR.sln -c Release -nologo -v quiet || exit 1
runs=paper-figures/runs/rule-pilot/seed$seed
mkdir -p "$runs"
run() { # NAME SWITCHES...
  local name=$1; shift
  ls "$runs/$name"/*/results.json >/dev/null 2>&1 && return
  "$autolr" finetune --epochs 15 --seed "$seed" --threads 1 --output "$runs/$name" "$@" > "$runs/$name.log" 2>&1 \
    || echo "run-rule-pilot: $name failed; see $runs/$name.log"
}
{
  run autolr-per-weight-d0 --schedule autolr --pruning-depth 0 --normalisation per-weight
  run autolr-angular-d0 --schedule autolr --pruning-depth 0 --normalisation angular
  run single-d0 --schedule single --pruning-depth 0
  run autolr-relative-d3 --schedule autolr --pruning-depth 3 --normalisation relative
  run autolr-relative-rexp-d0 --schedule autolr --pruning-depth 0 --normalisation relative --lr-renewal response-exponent
} &
{
  run autolr-relative-d0 --schedule autolr --pruning-depth 0 --normalisation relative
  run autolr-per-weight-d3 --schedule autolr --pruning-depth 3 --normalisation per-weight
  run single-d3 --schedule single --pruning-depth 3
  run autolr-angular-d3 --schedule autolr --pruning-depth 3 --normalisation angular
} &
wait
dotnet run --project paper-figures/AutoLR.PaperFigures -c Release -- fig4 --runs "$runs"/autolr-* --out "$runs/figures"
