#!/usr/bin/env bash
# The paired, validation-tuned comparison of AutoLR against single LR, tuned layer decay, Auto-RGN and
# LP-FT on the embedded default (Fashion-MNIST class-disjoint retrieval, ImageNet CNTK ResNet-18). One command:
#
#   bash paper-figures/run-comparison.sh
#
# It is one `autolr compare` run in $RUNS/comparison (default paper-figures/runs/comparison). Run the script again
# after a stop (Ctrl-C, SIGTERM, power loss) and it resumes that run from its newest checkpoint: finished stages are
# not trained again. At the end report.md of the run holds the comparison table; the script copies it to
# $RESULTS/comparison-report.md, renders comparison.md and comparison.png there, and prints the wall time. Settings (environment), defaults sized in paper-figures/README.md:
#   SEEDS            comma-separated seeds                        (default 1,2,3,4,5,6,7,8)
#   IMAGES_PER_CLASS images per class, train and test classes     (default 200)
#   EPOCHS           epochs of every stage                        (default 2)
#   IMAGE_SIZE       pixels                                       (default 64: half the paired sd of 32 px per seed, paper-figures/README.md)
#   TEST_IMAGES      test images per class, where R@K is scored    (default 1000)
#   JOBS             cells side by side, one torch thread each    (default 2, this machine's cores)
#   SCHEDULES        the methods                                  (default autolr,single,layer-decay,auto-rgn,lp-ft)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-paper-figures/runs}"
RESULTS="${RESULTS:-paper-figures/results}"
SEEDS="${SEEDS:-1,2,3,4,5,6,7,8}"
IMAGES_PER_CLASS="${IMAGES_PER_CLASS:-200}"
EPOCHS="${EPOCHS:-2}"
IMAGE_SIZE="${IMAGE_SIZE:-64}"
TEST_IMAGES="${TEST_IMAGES:-1000}"
JOBS="${JOBS:-2}"
SCHEDULES="${SCHEDULES:-autolr,single,layer-decay,auto-rgn,lp-ft}"
AUTOLR_DLL=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll
FIGURES_DLL=paper-figures/AutoLR.PaperFigures/bin/Release/net10.0/linux-x64/AutoLR.PaperFigures.dll
bash scripts/setup.sh  # the data set, as for the main job
[[ -f "$AUTOLR_DLL" && -f "$FIGURES_DLL" ]] || dotnet build AutoLR.sln -c Release -nologo -v quiet

OUT="$RUNS/comparison"
mkdir -p "$OUT" "$RESULTS"
existing="$(find "$OUT" -mindepth 1 -maxdepth 1 -type d -name '*-compare-*' | sort | tail -n 1)"
start=$(date +%s)
if [[ -n "$existing" ]]; then
    echo "run-comparison: resuming $existing"
    dotnet "$AUTOLR_DLL" compare --resume "$existing"
else
    dotnet "$AUTOLR_DLL" compare --schedules "$SCHEDULES" --seeds "$SEEDS" --images-per-class "$IMAGES_PER_CLASS" \
        --test-images-per-class "$TEST_IMAGES" --epochs "$EPOCHS" --image-size "$IMAGE_SIZE" --eval-flip true \
        --jobs "$JOBS" --threads 1 --output "$OUT"
    existing="$(find "$OUT" -mindepth 1 -maxdepth 1 -type d -name '*-compare-*' | sort | tail -n 1)"
fi
cp "$existing/report.md" "$RESULTS/comparison-report.md"
dotnet "$FIGURES_DLL" comparison --runs "$existing"/seed*/*/final --out "$RESULTS"
echo "run-comparison: $(date -u +%F) wall $(( $(date +%s) - start )) s this invocation; $RESULTS/comparison-report.md (grids, chosen points, cost), $RESULTS/comparison.md and comparison.png (paired differences)"
