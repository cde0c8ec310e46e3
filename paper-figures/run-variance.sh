#!/usr/bin/env bash
# The variance study: how the paired sd of AutoLR − single LR in `autolr compare` moves with one setting of the
# protocol at a time, and what a ±1- or ±2-point answer costs at each. One command:
#
#   bash paper-figures/run-variance.sh
#
# Each arm is one `autolr compare --schedules autolr,single` run in $RUNS/variance/ARM (default paper-figures/runs),
# the settings of the 32 px, 2-epoch comparison the study started from, with the arm's change. Run the script again after a stop and every arm resumes
# from its newest checkpoint; finished arms are kept. At the end $RESULTS/variance.md holds the table
# (`paper-figures variance`). Settings (environment):
#   SEEDS   comma-separated seeds                 (default 1,2,3,4,5,6,7,8)
#   ARMS    the arms to run, space-separated       (default: all of them, in the order below)
#   JOBS    cells side by side, one thread each    (default 2, this machine's cores)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-paper-figures/runs}"
RESULTS="${RESULTS:-paper-figures/results}"
SEEDS="${SEEDS:-1,2,3,4,5,6,7,8}"
JOBS="${JOBS:-2}"
ARMS="${ARMS:-default test7000 validation3 grid1 grid-third size64 epochs5 images400}"
AUTOLR_DLL=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll
FIGURES_DLL=paper-figures/AutoLR.PaperFigures/bin/Release/net10.0/linux-x64/AutoLR.PaperFigures.dll
bash scripts/setup.sh  # the data set, as for the main job
[[ -f "$AUTOLR_DLL" && -f "$FIGURES_DLL" ]] || dotnet build AutoLR.sln -c Release -nologo -v quiet

# The 32 px, 2-epoch comparison's settings (run-comparison.sh's default before this study); each arm changes one.
arm_settings() {
    local images=200 test=1000 epochs=2 size=32 validation=0.4 factors=1/3,1,3
    case "$1" in
        default) ;;
        test7000) test=7000 ;;             # every test image of Fashion-MNIST's test classes
        validation3) validation=0.6 ;;     # 3 of the 5 training classes validate instead of 2
        grid1) factors=1 ;;                # no LR tuning: every method at --base-lr
        grid-third) factors=1/3 ;;         # no LR tuning, at the base LR tuning chose most often
        size64) size=64 ;;
        epochs5) epochs=5 ;;
        epochs10) epochs=10 ;;
        images400) images=400 ;;           # twice the training and validation images per class
        *) echo "run-variance: unknown arm '$1'; the arms are default test7000 validation3 grid1 grid-third size64 epochs5 epochs10 images400" >&2; exit 2 ;;
    esac
    echo "--images-per-class $images --test-images-per-class $test --epochs $epochs --image-size $size --validation-fraction $validation --compare-lr-factors $factors"
}

start=$(date +%s)
for arm in $ARMS; do
    settings="$(arm_settings "$arm")"
    out="$RUNS/variance/$arm"
    mkdir -p "$out"
    existing="$(find "$out" -mindepth 1 -maxdepth 1 -type d -name '*-compare-*' | sort | tail -n 1)"
    if [[ -n "$existing" ]]; then
        echo "run-variance: $arm: resuming $existing"
        dotnet "$AUTOLR_DLL" compare --resume "$existing"
    else
        echo "run-variance: $arm: $settings"
        # shellcheck disable=SC2086 # the arm's settings are words
        dotnet "$AUTOLR_DLL" compare --schedules autolr,single --seeds "$SEEDS" $settings --eval-flip true --jobs "$JOBS" --threads 1 --output "$out"
    fi
done
mkdir -p "$RESULTS"
dotnet "$FIGURES_DLL" variance --runs "$RUNS"/variance/*/*-compare-*/seed*/*/final --out "$RESULTS"
echo "run-variance: $(date -u +%F) wall $(( $(date +%s) - start )) s this invocation; $RESULTS/variance.md"
