#!/usr/bin/env bash
# The paper's experiments on the embedded default (Fashion-MNIST class-disjoint retrieval, ImageNet CNTK ResNet-18),
# then the figures and tables. One command:
#
#   bash paper-figures/run-experiments.sh
#
# Runs go to $RUNS (default paper-figures/runs/, git-ignored: run directories hold checkpoints and weights);
# figures and tables to $RESULTS (default paper-figures/results/). A step whose folder already holds a finished run
# (results.json) is skipped, so running the script again continues an interrupted set. Settings (environment):
#   SEEDS      seeds of the repeated configurations            (default "1 2 3")
#   LRS        base LRs tried for each baseline, seed 1 only    (default "0.003 0.01 0.03")
#   GRID       α × β grid of the sweep, seed 1 only             (default "alpha=1,2,3;beta=0.2,0.4,0.6")
#   DEADLINE   unix time after which no new step starts          (default: none)
#   HARD_END   unix time at which a running step is stopped (SIGTERM; a stopped step has no results.json, a
#              stopped sweep keeps its finished cells)            (default: none)
#   RENDER_ONLY=1  skip training, only render what is in $RUNS
# Everything else is autolr's default: 3 epochs, 32 px, 200 images per class, batch 32, base LR 0.01, α 2, β 0.4.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-paper-figures/runs}"
RESULTS="${RESULTS:-paper-figures/results}"
SEEDS="${SEEDS:-1 2 3}"
LRS="${LRS:-0.003 0.01 0.03}"
GRID="${GRID:-alpha=1,2,3;beta=0.2,0.4,0.6}"
DEADLINE="${DEADLINE:-}"
BASELINES="step cyclic sgdr layer-decay discriminative"
AUTOLR_DLL=src/AutoLR.Host/bin/Release/net10.0/linux-x64/autolr.dll
FIGURES_DLL=paper-figures/AutoLR.PaperFigures/bin/Release/net10.0/linux-x64/AutoLR.PaperFigures.dll
bash scripts/setup.sh  # the data set, as for the main job
if ! command -v jq >/dev/null; then  # reads results.json between steps
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "run-experiments: installing jq"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jq >/dev/null
fi

if [[ ! -f "$AUTOLR_DLL" || ! -f "$FIGURES_DLL" ]]; then
    dotnet build AutoLR.sln -c Release -nologo -v quiet
fi
mkdir -p "$RUNS" "$RESULTS"
LOG="$RUNS/steps.log"
first_seed="${SEEDS%% *}"
other_seeds="${SEEDS#"$first_seed"}"

# The finished run directory of a step (a folder under $RUNS/STEP holding results.json), or nothing.
finished() { { find "$RUNS/$1" -mindepth 1 -maxdepth 3 -name results.json -printf '%h\n' 2>/dev/null || true; } | sort | tail -n 1; }

# step NAME ARGS...: `autolr ARGS --output $RUNS/NAME` unless NAME already finished or the deadline has passed.
step() {
    local name="$1"; shift
    if [[ -n "$(finished "$name")" ]]; then return 0; fi
    if [[ -n "$DEADLINE" && "$(date +%s)" -ge "$DEADLINE" ]]; then
        echo "$(date -u +%T) skip $name (deadline)" | tee -a "$LOG"; return 0
    fi
    rm -rf "${RUNS:?}/$name"
    local t0; t0=$(date +%s)
    local limit=()
    if [[ -n "${HARD_END:-}" ]]; then limit=(timeout --signal=TERM --kill-after=30 "$(( HARD_END - $(date +%s) ))"); fi
    if "${limit[@]}" dotnet "$AUTOLR_DLL" "$@" --output "$RUNS/$name" > "$RUNS/$name.log" 2>&1 && [[ -n "$(finished "$name")" ]]; then
        echo "$(date -u +%T) done $name ($(( $(date +%s) - t0 )) s): autolr $*" | tee -a "$LOG"
    else
        echo "$(date -u +%T) FAILED $name ($(( $(date +%s) - t0 )) s, log $RUNS/$name.log): autolr $*" | tee -a "$LOG"
    fi
}

# Mean Recall@1 of the finished runs of the given steps (for choosing a baseline's LR on seed 1).
r1() { local d; d=$(finished "$1"); [[ -n "$d" ]] && jq -r '.recallAtK["1"]' "$d/results.json" || echo "-1"; }

if [[ -z "${RENDER_ONLY:-}" ]]; then
    echo "$(date -u +%T) start (seeds: $SEEDS; LRs: $LRS; grid: $GRID)" | tee -a "$LOG"
    # Steps in order of priority, so that a deadline cuts the least important ones.
    # 1. The main job, first seed: pruning search (depths 0-4) + AutoLR at the chosen depth (Tables 1, 2).
    step "run-s$first_seed" run --seed "$first_seed"
    # The depth the first seed's search chose is the depth of every fixed-depth fine-tune below.
    P=$(jq -r '.pruningDepth' "$(finished "run-s$first_seed")/results.json")
    echo "$P" > "$RUNS/chosen-depth"
    # 2. First seed at depth P: AutoLR (Fig. 2b, Fig. 4, Table 5), single LR at depth 0 (Fig. 2a, Table 2) and at
    #    depth P, and every baseline at the default base LR 0.01 (Table 5).
    step "ft-autolr-d$P-s$first_seed" finetune --schedule autolr --pruning-depth "$P" --seed "$first_seed"
    step "ft-single-d0-s$first_seed" finetune --schedule single --pruning-depth 0 --seed "$first_seed"
    for b in single $BASELINES; do
        step "ft-$b-d$P-lr0.01-s$first_seed" finetune --schedule "$b" --pruning-depth "$P" --base-lr 0.01 --seed "$first_seed"
    done
    # 3. The main job, second seed.
    for s in $other_seeds; do step "run-s$s" run --seed "$s"; break; done
    # 4. Fig. 3: alpha x beta sweep at depth P, first seed.
    step "sweep-d$P-s$first_seed" sweep --grid "$GRID" --pruning-depth "$P" --seed "$first_seed"
    # 5. Base-LR tuning of single LR and each baseline on the first seed (schedule-internal parameters stay fixed).
    for lr in $LRS; do
        [[ "$lr" == 0.01 ]] && continue
        for b in single $BASELINES; do
            step "ft-$b-d$P-lr$lr-s$first_seed" finetune --schedule "$b" --pruning-depth "$P" --base-lr "$lr" --seed "$first_seed"
        done
    done
    # 6. The remaining seeds: the main job, AutoLR and each baseline at its best base LR on the first seed.
    for s in $other_seeds; do
        step "run-s$s" run --seed "$s"
        step "ft-autolr-d$P-s$s" finetune --schedule autolr --pruning-depth "$P" --seed "$s"
        for b in single $BASELINES; do
            best=0.01; bestr=-1
            for lr in $LRS; do
                r=$(r1 "ft-$b-d$P-lr$lr-s$first_seed")
                if jq -en "$r > $bestr" >/dev/null; then best=$lr; bestr=$r; fi
            done
            step "ft-$b-d$P-lr$best-s$s" finetune --schedule "$b" --pruning-depth "$P" --base-lr "$best" --seed "$s"
        done
    done
    echo "$(date -u +%T) end" | tee -a "$LOG"
fi

# ---------------------------------------------------------------------------------------------------------------
# Rendering. Each artifact gets only the runs it is about (results.json records every setting and the renderer keeps
# runs with different settings apart, but a table of the paper is about one base LR, so LR-tuning runs stay out).
P=$(cat "$RUNS/chosen-depth")
render() { # render ARTIFACT OUTDIR RUNDIR...
    local artifact="$1" out="$2"; shift 2
    [[ $# -eq 0 ]] && { echo "render $artifact: no runs" >&2; return 0; }
    dotnet "$FIGURES_DLL" "$artifact" --runs "$@" --out "$out" || echo "render $artifact: exit $?" >&2
}
runs_of() { local n d; for n in "$@"; do d=$(finished "$n"); if [[ -n "$d" ]]; then echo "$d"; fi; done; return 0; }
mapfile -t main_runs < <(runs_of $(for s in $SEEDS; do echo "run-s$s"; done))

# Table 1 and Table 2 from `autolr run`: its results.json describes the AutoLR fine-tune; the pruning search's
# per-depth scores and the single-LR / pruning-only rows are in its `pruning` and `summary` fields. The renderer's
# restate-run step writes them as results.json files of their own (no number recomputed; the run's settings carried
# along) so that the tables read them: DERIVED/ID-prune, ID-single, ID-pruning-only and test/ID-prune.
DERIVED="$RUNS/derived"
rm -rf "$DERIVED"; mkdir -p "$DERIVED"
render restate-run "$DERIVED" "${main_runs[@]}"

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
render table1 "$TMP/t1v" "$DERIVED"/*-prune && cp "$TMP/t1v/table1.md" "$RESULTS/table1-validation.md" 2>/dev/null || true
render table1 "$TMP/t1t" "$DERIVED/test" && cp "$TMP/t1t/table1.md" "$RESULTS/table1-test.md" 2>/dev/null || true
render table2 "$TMP/t2r" "${main_runs[@]}" "$DERIVED"/*-single "$DERIVED"/*-pruning-only \
    && cp "$TMP/t2r/table2.md" "$RESULTS/table2-run.md" 2>/dev/null || true

# Table 2 again from separate fine-tunes at the fixed depth P (single LR at 0 and at P, AutoLR at P; base LR 0.01).
mapfile -t ft_ablation < <(runs_of $(for s in $SEEDS; do echo "ft-single-d0-s$s ft-single-d$P-lr0.01-s$s ft-autolr-d$P-s$s"; done))
render table2 "$TMP/t2f" "${ft_ablation[@]}" && cp "$TMP/t2f/table2.md" "$RESULTS/table2-finetune.md" 2>/dev/null || true

# Base-LR tuning on the first seed (our table; the renderer would merge LRs into one configuration).
{
    echo "### Base-LR tuning at pruning depth $P, seed $first_seed (Recall@1 on the test split, %)"
    echo
    echo "| schedule | $(for lr in $LRS; do printf 'LR %s | ' "$lr"; done)best |"
    echo "| --- | $(for lr in $LRS; do printf -- '---: | '; done)--- |"
    for b in single $BASELINES; do
        row="| $b |"; best=0.01; bestr=-1
        for lr in $LRS; do
            r=$(r1 "ft-$b-d$P-lr$lr-s$first_seed")
            if jq -en "$r < 0" >/dev/null; then row="$row — |"; else
                row="$row $(jq -rn "$r * 100 | . * 100 | round / 100") |"
                if jq -en "$r > $bestr" >/dev/null; then best=$lr; bestr=$r; fi
            fi
        done
        echo "$row $best |"
    done
    d=$(finished "ft-autolr-d$P-s$first_seed")
    [[ -n "$d" ]] && echo "| autolr (initial LR 0.01, not tuned) | $(for lr in $LRS; do if [[ $lr == 0.01 ]]; then printf '%s | ' "$(jq -r '.recallAtK["1"] * 10000 | round / 100' "$d/results.json")"; else printf '— | '; fi; done)0.01 |"
    echo
    echo "Only the base LR was tuned (the head gets 10×, the stem 0.5×); the schedules' internal parameters are fixed in"
    echo "src/AutoLR.Host/Experiments/BaselineSchedules.cs. Selected on the test split, one seed: this favours the baselines."
} > "$RESULTS/table5-lr-tuning.md"

# Table 5 and the cost table: every schedule at depth P, baselines at their best LR on seed 1.
t5=()
for s in $SEEDS; do t5+=("ft-autolr-d$P-s$s"); done
for b in single $BASELINES; do
    best=0.01; bestr=-1
    for lr in $LRS; do r=$(r1 "ft-$b-d$P-lr$lr-s$first_seed"); if jq -en "$r > $bestr" >/dev/null; then best=$lr; bestr=$r; fi; done
    for s in $SEEDS; do t5+=("ft-$b-d$P-lr$best-s$s"); done
    echo "$b $best" >> "$TMP/best-lrs"
done
mapfile -t t5_runs < <(runs_of "${t5[@]}")
render table5 "$TMP/t5" "${t5_runs[@]}" && cp "$TMP/t5/table5.md" "$RESULTS/table5.md" 2>/dev/null || true
cp "$TMP/best-lrs" "$RESULTS/best-lrs.txt"
mapfile -t cost_runs < <(runs_of $(for s in $SEEDS; do echo "ft-autolr-d$P-s$s ft-single-d$P-lr0.01-s$s"; done))
render cost "$TMP/cost" "${cost_runs[@]}" && cp "$TMP/cost/cost.md" "$RESULTS/cost-finetune.md" 2>/dev/null || true
render cost "$TMP/costr" "${main_runs[@]}" && cp "$TMP/costr/cost.md" "$RESULTS/cost-run.md" 2>/dev/null || true

# Fig. 2 (a) single LR at depth 0, (b) AutoLR at depth P; Fig. 4 AutoLR at depth P (first seed).
for n in "ft-single-d0-s$first_seed:fig2a" "ft-autolr-d$P-s$first_seed:fig2b"; do
    d=$(finished "${n%%:*}"); [[ -z "$d" ]] && continue
    rm -rf "$TMP/f"; render fig2 "$TMP/f" "$d" && cp "$TMP"/f/fig2-*.png "$RESULTS/${n##*:}.png" 2>/dev/null || true
done
d=$(finished "ft-autolr-d$P-s$first_seed")
if [[ -n "$d" ]]; then
    rm -rf "$TMP/f"; render fig4 "$TMP/f" "$d" && { cp "$TMP"/f/fig4a-*.png "$RESULTS/fig4a.png"; cp "$TMP"/f/fig4b-*.png "$RESULTS/fig4b.png"; } || true
fi
# Fig. 3: the sweep.
d="$RUNS/sweep-d$P-s$first_seed"
if [[ -d "$d" ]]; then
    sweep_dir=$(find "$d" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    rm -rf "$TMP/f"; render fig3 "$TMP/f" "$sweep_dir" && cp "$TMP"/f/fig3-* "$RESULTS/" 2>/dev/null || true
fi
cp "$LOG" "$RESULTS/steps.log"
echo "run-experiments: results in $RESULTS"
