namespace AutoLR.Algorithms

/// Everything noteworthy that can happen in one trial, in one place. The trace (DESIGN.md §3) writes each as a short
/// kebab-case string (see `TrialEvent.name`); block and trial numbers are 1-based.
///
///   lr-clamped:blockK      a renewed (or halved) LR of block K fell outside [LrMin, LrMax] and was clamped (eq. 16)
///   target-floor:blockK    the target of block K would have been below the floor and was raised to it (eqs. 12–13)
///   d-fallback             eq. 10 gave d ≤ 0, so d = (max v − min v)/(K−1) was used (eqs. 12–13)
///   empty-target-range     β·max v ≤ α·min v in epoch 1: no ramp exists, the trial was accepted as it is (eq. 11)
///   divergence             the train loss or a variation was NaN/∞: the trial failed
///   lr-halved:blockK       after a divergence, block K's LR was halved for the retry
///   divergence-limit       DivergenceLimit consecutive divergences: the run stops
///   trial-cap-reached      the epoch used TrialCap trials without SQ > τ; the best trial is kept
///   accepted-best:trialN   with the cap reached (or LRs repeated), trial N (the highest SQ, earliest on ties) is the
///                          one kept
///   repeated-lrs:trialN    the retry's LRs (eq. 16, or halved after a divergence) equal, before the global multiplier,
///                          those trial N already ran this epoch (typically clamped at LrMax), so retrying would only
///                          reproduce trial N: the epoch ends with its best trial instead (Algorithm 2, line 19)
///   completed-probe:trialN with probes (ProbeFraction < 1): the epoch's remaining batches were trained from probe N's
///                          end state with its LRs; the line's variations and loss are the whole epoch's
///   exponent-fallback:blockK  the response-exponent LR renewal found no usable secant for block K among the epoch's
///                          earlier trials (equal LRs, a v not positive and finite, or p out of range): eq. 16 renewed it
type TrialEvent =
    | LrClamped of block: int
    | TargetFloor of block: int
    | StepFallback
    | EmptyTargetRange
    | Divergence
    | LrHalved of block: int
    | DivergenceLimitReached
    | TrialCapReached
    | AcceptedBest of trial: int
    | RepeatedLrs of trial: int
    | CompletedProbe of trial: int
    | ExponentFallback of block: int

module TrialEvent =
    /// The trace string of an event (the table on `TrialEvent`).
    let name (event: TrialEvent) : string =
        match event with
        | LrClamped block -> $"lr-clamped:block{block}"
        | TargetFloor block -> $"target-floor:block{block}"
        | StepFallback -> "d-fallback"
        | EmptyTargetRange -> "empty-target-range"
        | Divergence -> "divergence"
        | LrHalved block -> $"lr-halved:block{block}"
        | DivergenceLimitReached -> "divergence-limit"
        | TrialCapReached -> "trial-cap-reached"
        | AcceptedBest trial -> $"accepted-best:trial{trial}"
        | RepeatedLrs trial -> $"repeated-lrs:trial{trial}"
        | CompletedProbe trial -> $"completed-probe:trial{trial}"
        | ExponentFallback block -> $"exponent-fallback:block{block}"
