namespace AutoLR.Algorithms

/// The baselines of the paper's Table 5 and what users pick instead of AutoLR (DESIGN.md §2).
///
/// Every schedule is read at a point (epoch, iteration, layer, K):
///   epoch      0-based, PyTorch's `last_epoch` while that epoch trains (the first epoch is 0);
///   iteration  0-based index of the mini-batch within the epoch;
///   layer      0 = stem, 1..K = blocks from input to output, K + 1 = head;
///   K          number of tuned blocks.
/// Schedules that step per iteration carry the number of iterations per epoch, so that the global iteration is
/// epoch · itersPerEpoch + iteration (PyTorch's `last_epoch` for a per-batch scheduler).
type Schedule =
    /// One LR everywhere, always (the paper's SingleLR).
    | ConstantLr of lr: float
    /// PyTorch StepLR: lr · gamma^⌊epoch / stepSize⌋ for every layer.
    | StepDecay of lr: float * stepSize: int * gamma: float
    /// PyTorch CyclicLR, mode 'triangular', stepped per iteration: with it the global iteration,
    /// cycle = ⌊1 + it / (2·stepSizeUp)⌋, x = |it / stepSizeUp − 2·cycle + 1|,
    /// lr = baseLr + (maxLr − baseLr) · max(0, 1 − x), for every layer.
    | CyclicTriangular of baseLr: float * maxLr: float * stepSizeUp: int * itersPerEpoch: int
    /// PyTorch CosineAnnealingWarmRestarts (SGDR, Loshchilov & Hutter 2017) stepped at fractional epochs
    /// e = epoch + iteration / itersPerEpoch: lr = etaMin + (lr − etaMin) · (1 + cos(π · T_cur / T_i)) / 2, where
    /// T_i = t0 · tMult^i is the length of the current run and T_cur the epochs since its restart; for every layer.
    | WarmRestarts of lr: float * t0: int * tMult: int * etaMin: float * itersPerEpoch: int
    /// timm's layer decay: block k of K gets lr · decay^(K − k), the stem lr · decay^K, the head lr.
    | LayerDecay of lr: float * decay: float
    /// fastai's slice(lo, hi): a geometric spread across blocks, block k of K gets lo · (hi/lo)^((k−1)/(K−1))
    /// (lo for K = 1); the stem gets lo, the head hi.
    | Discriminative of lo: float * hi: float
    /// LP-FT (Kumar et al., "Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution",
    /// ICLR 2022, §4): a linear probe first — stem and blocks frozen (LR 0) for the first `probeEpochs` epochs, only
    /// the head learns — then fine-tuning of everything, stem and blocks at lr (one LR, as the paper's FT).
    | LinearProbeThenFineTune of lr: float * probeEpochs: int
    /// Auto-RGN (Lee et al., "Surgical Fine-Tuning Improves Adaptation to Distribution Shifts", ICLR 2023, §4.2):
    /// layer l (0 = stem, 1..K blocks) trains at lr · RGN_l / max_j RGN_j, RGN = ‖g‖ / ‖w‖ measured on probe batches
    /// at the start of the epoch (`relativeGradientNorms`, indexed by layer 0..K). With no measurement, or all of it
    /// 0, every layer gets lr.
    | RelativeGradientScaled of lr: float * relativeGradientNorms: float[]
    /// LARS (You, Gitman & Ginsburg 2017, Algorithm 1) per layer: layer l (0 = stem, 1..K blocks) trains at
    /// lr · `TrustRatio.trustRatio` of its newest step's norms (`steps.Latest`, measured on its weight tensors). Before
    /// any measurement every layer gets lr. The ratio sets the layer's LR, so under the engine's momentum the newest
    /// ratio scales the whole momentum step, where Algorithm 1 puts each step's ratio into the velocity once; the two
    /// agree while the ratio changes slowly from step to step.
    | TrustRatioScaled of lr: float * trustCoefficient: float * steps: StepStatistics
    /// L-DoG (Ivgi, Hinder & Carmon 2023) per layer: layer l (0 = stem, 1..K blocks) trains at
    /// `DistanceOverGradients.stepSize` of its statistics; no base LR enters (DoG's c = 1, as the authors advise).
    /// Before any measurement every layer gets lr, which no step uses.
    | LayerwiseDistanceOverGradients of lr: float * initialMovement: float * steps: StepStatistics

module Schedules =
    /// Start epoch and length T_i of the SGDR run containing epoch `epoch` (restarts fall on whole epochs because
    /// t0 and tMult are integers, as PyTorch requires).
    let warmRestartRun (t0: int) (tMult: int) (epoch: int) : int * int =
        let rec walk start length = if epoch < start + length then start, length else walk (start + length) (length * tMult)
        walk 0 t0

    /// The LR of `schedule` at (epoch, iteration, layer, K); the conventions are on `Schedule`.
    let learningRate (schedule: Schedule) (epoch: int, iteration: int, layer: int, k: int) : float =
        match schedule with
        | ConstantLr lr -> lr
        | StepDecay (lr, stepSize, gamma) -> lr * pown gamma (epoch / stepSize)
        | CyclicTriangular (baseLr, maxLr, stepSizeUp, itersPerEpoch) ->
            let it = float (epoch * itersPerEpoch + iteration)
            let stepUp = float stepSizeUp
            let cycle = floor (1.0 + it / (2.0 * stepUp))
            let x = abs (it / stepUp - 2.0 * cycle + 1.0)
            baseLr + (maxLr - baseLr) * max 0.0 (1.0 - x)
        | WarmRestarts (lr, t0, tMult, etaMin, itersPerEpoch) ->
            let start, length = warmRestartRun t0 tMult epoch
            let tCur = float (epoch - start) + float iteration / float itersPerEpoch
            etaMin + (lr - etaMin) * (1.0 + cos (System.Math.PI * tCur / float length)) / 2.0
        | LayerDecay (lr, decay) ->
            if layer > k then lr else lr * pown decay (k - layer)
        | Discriminative (lo, hi) ->
            if layer > k then hi
            elif layer < 1 || k = 1 then lo
            else lo * (hi / lo) ** (float (layer - 1) / float (k - 1))
        | LinearProbeThenFineTune (lr, probeEpochs) ->
            if layer <= k && epoch < probeEpochs then 0.0 else lr
        | RelativeGradientScaled (lr, rgn) ->
            let largest = if Array.isEmpty rgn then 0.0 else Array.max rgn
            if layer > k || layer >= rgn.Length || largest <= 0.0 then lr
            else lr * (rgn[layer] / largest)
        | TrustRatioScaled (lr, trust, steps) ->
            if layer > k || layer >= steps.Latest.Length then lr
            else lr * TrustRatio.trustRatio trust steps.WeightDecay steps.Latest[layer]
        | LayerwiseDistanceOverGradients (lr, movement, steps) ->
            if layer > k || layer >= steps.Latest.Length then lr
            else DistanceOverGradients.stepSize movement steps layer
