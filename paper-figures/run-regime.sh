#!/usr/bin/env bash
# Is the embedded default in the paper's regime? AutoLR's premise is that fine-tuning should keep the pre-trained,
# general features; that can only be tested where those features matter. For each image size this measures, on the
# embedded default's test classes (Fashion-MNIST 5–9, class-disjoint retrieval, CNTK ResNet-18, flip-sum evaluation):
#
#   frozen       the pre-trained backbone, no training at all          (autolr-bench frozen)
#   random       the same network trained from random initialisation   (autolr finetune --init random)
#   fine-tune    single-LR fine-tuning from the pre-trained weights    (autolr finetune), at each base LR of LRS
#
# Fine-tuning is in the paper's regime at a size where it beats both, by more than the seed spread. One command:
#
#   bash paper-figures/run-regime.sh
#
# Finished runs are kept and skipped when the script runs again; a stopped one is resumed from its checkpoint. Settings (environment):
#   SIZES        image sizes, px                        (default 32,64,112)
#   SEEDS        seeds of the trained rows              (default 1,2,3)
#   LRS          base LRs of the fine-tune rows         (default 0.01,0.001; random init trains at the first)
#   EPOCHS       epochs                                 (default 2, the comparison's stages)
#   DEPTH        pruning depth                          (default 0: the whole pre-trained network)
#   TEST_IMAGES  test images per class                  (default 1000 of Fashion-MNIST's 7,000)
#   JOBS         runs side by side, one thread each     (default 2)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-paper-figures/runs}/regime"
SIZES="${SIZES:-32,64,112}"
SEEDS="${SEEDS:-1,2,3}"
LRS="${LRS:-0.01,0.001}"
EPOCHS="${EPOCHS:-2}"
DEPTH="${DEPTH:-0}"
TEST_IMAGES="${TEST_IMAGES:-1000}"
JOBS="${JOBS:-2}"
AUTOLR=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr
BENCH=bench/AutoLR.Bench/bin/Release/net10.0/linux-x64/autolr-bench
bash scripts/setup.sh  # the data set, as for the main job
[[ -x "$AUTOLR" && -x "$BENCH" ]] || dotnet build AutoLR.sln -c Release -nologo -v quiet
mkdir -p "$RUNS"
start=$(date +%s)

for size in ${SIZES//,/ }; do
    if [[ ! -s "$RUNS/frozen-$size.txt" ]]; then
        "$BENCH" frozen --sizes "$size" --depth "$DEPTH" --test-images-per-class "$TEST_IMAGES" --repeats 1 --threads 1 > "$RUNS/frozen-$size.txt.part"
        mv "$RUNS/frozen-$size.txt.part" "$RUNS/frozen-$size.txt"
    fi
done

# One line per trained run: its folder name, then its switches. Largest images first, so that the longest runs do
# not end up alone at the end.
first_lr="${LRS%%,*}"
plan() {
    for size in $(tr ',' '\n' <<< "$SIZES" | sort -rn); do
        for seed in ${SEEDS//,/ }; do
            echo "${size}px-random-lr${first_lr}-seed$seed --init random --base-lr $first_lr --image-size $size --seed $seed"
            for lr in ${LRS//,/ }; do
                echo "${size}px-pretrained-lr$lr-seed$seed --init pretrained --base-lr $lr --image-size $size --seed $seed"
            done
        done
    done
}
train() {
    local name=$1; shift
    local out="$RUNS/$name"
    [[ -n "$(find "$out" -name results.json 2>/dev/null)" ]] && return 0
    local started
    started="$(find "$out" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)"
    if [[ -n "$started" ]]; then  # stopped before (Ctrl-C, SIGTERM): resume it from its newest checkpoint
        "$AUTOLR" finetune --resume "$started" >> "$RUNS/$name.log" 2>&1
    else
        "$AUTOLR" finetune --schedule single --pruning-depth "$DEPTH" --epochs "$EPOCHS" --test-images-per-class "$TEST_IMAGES" \
            --threads 1 --output "$out" "$@" > "$RUNS/$name.log" 2>&1
    fi || { echo "run-regime: $name failed or stopped, see $RUNS/$name.log" >&2; return 1; }
    echo "run-regime: $name done"
}
export -f train
export RUNS AUTOLR DEPTH EPOCHS TEST_IMAGES
plan | xargs -P "$JOBS" -L 1 bash -c 'train "$@"' _

python3 - "$RUNS" "$SIZES" "$LRS" <<'EOF'
import glob, json, os, re, statistics, sys
runs, sizes, lrs = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
def recall(path):
    return 100 * json.load(open(path))["recallAtK"]["1"]
def trained(size, kind, lr):
    rows = {}
    for path in glob.glob(os.path.join(runs, f"{size}px-{kind}-lr{lr}-seed*", "*", "results.json")):
        rows[int(re.search(r"seed(\d+)", path).group(1))] = recall(path)
    return rows
def spread(values):
    return f"{statistics.mean(values):.1f} ± {statistics.stdev(values):.1f}" if len(values) > 1 else f"{values[0]:.1f}"
print("| size | frozen R@1 | random init R@1 | " + " | ".join(f"fine-tune R@1 (LR {lr})" for lr in lrs) +
      " | best fine-tune − frozen | best fine-tune − random |")
print("| ---: | ---: | ---: | " + " | ".join("---:" for _ in lrs) + " | ---: | ---: |")
for size in sizes:
    text = open(os.path.join(runs, f"frozen-{size}.txt")).read()
    frozen = float(re.search(r"frozen R@1 = ([0-9.]+)", text).group(1))
    random = trained(size, "random", lrs[0])
    tuned = {lr: trained(size, "pretrained", lr) for lr in lrs}
    best = max(lrs, key=lambda lr: statistics.mean(tuned[lr].values()))
    diffs = [tuned[best][s] - random[s] for s in tuned[best] if s in random]
    print(f"| {size} | {frozen:.1f} | {spread(list(random.values()))} | " +
          " | ".join(spread(list(tuned[lr].values())) for lr in lrs) +
          f" | {statistics.mean(tuned[best].values()) - frozen:+.1f} (LR {best}) | {statistics.mean(diffs):+.1f} |")
EOF
echo "run-regime: wall $(( $(date +%s) - start )) s this invocation; runs in $RUNS"
