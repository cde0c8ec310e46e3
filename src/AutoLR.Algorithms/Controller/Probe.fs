namespace AutoLR.Algorithms

/// Trials shorter than an epoch (probes, `--probe-fraction`): with `ProbeFraction` f < 1 each trial of Algorithm 2 trains only the
/// epoch's first ⌈f·B⌉ of its B batches from the epoch's snapshot, and `AutoLrController.decide` judges the variations
/// of that window (eq. 1, same normalisation) exactly as it judges a whole epoch's. Only the kept probe goes on: the
/// epoch's remaining batches are trained once from its end state with its LRs, which is the very epoch a full-epoch
/// trial with those LRs would have trained (same order, same flips, same state at every batch). An epoch thus costs
/// f · trials + (1 − f) epochs instead of trials epochs. f = 1 is the paper's full-epoch trial and leaves every trace
/// line as it was.
module Probe =
    /// Whether trials are probes (f < 1) rather than whole epochs.
    let isProbing (options: ControllerOptions) : bool = options.ProbeFraction < 1.0

    /// Batches a trial trains out of `epochBatches`: ⌈f · B⌉, at least 1 and at most B.
    let batches (options: ControllerOptions) (epochBatches: int) : int =
        if epochBatches < 1 then invalidArg (nameof epochBatches) $"An epoch needs at least one batch, not {epochBatches}."
        if not (isProbing options) then epochBatches
        else min epochBatches (max 1 (int (ceil (options.ProbeFraction * float epochBatches - 1e-9))))

    /// The window of a probe: the epoch's first `batches options epochBatches` batches; None when trials train the
    /// whole epoch (f = 1, or an epoch so short that ⌈f·B⌉ = B).
    let window (options: ControllerOptions) (epochBatches: int) : BatchWindow option =
        let count = batches options epochBatches
        if count < epochBatches then Some { First = 1; Count = count; EpochBatches = epochBatches } else None

    /// The decision on a probe, its trace line marked with the window it measured (the decision itself does not depend
    /// on the window: the controller judges a probe's variations as it judges an epoch's).
    let judged (window: BatchWindow) (outcome: TrialOutcome) : TrialOutcome =
        { outcome with Record = { outcome.Record with Window = Some window } }

    /// The trace line of the epoch completed after its probes: the kept probe's LRs, trial number and threshold; the
    /// whole epoch's measured `variations` (from the epoch's start), their sorting quality (eq. 9) and its train loss;
    /// `seconds` and the window are those of the remaining batches only. Accepted: the next epoch starts from its end.
    let completedEpoch (kept: TrialRecord) (variations: float[]) (trainLoss: float) (seconds: float) : TrialRecord =
        let probe =
            match kept.Window with
            | Some w -> w
            | None -> invalidArg (nameof kept) $"Trial {kept.Trial} of epoch {kept.Epoch} is not a probe (it has no window); only a probe's epoch is completed."
        if variations.Length <> kept.Layers.Length then
            invalidArg (nameof variations) $"{variations.Length} variations for {kept.Layers.Length} blocks: measure every tuned block."
        { kept with
            Variations = variations
            SortingQuality = SortingQuality.sortingQuality variations
            Accepted = true
            Targets = None
            NextLrs = None
            Events = [| TrialEvent.name (CompletedProbe kept.Trial) |]
            TrainLoss = trainLoss
            Seconds = seconds
            Window = Some { First = probe.Count + 1; Count = probe.EpochBatches - probe.Count; EpochBatches = probe.EpochBatches } }

    /// Whether a trace line completes an epoch after its probes (its window starts after the first batch).
    let isCompletion (record: TrialRecord) : bool =
        match record.Window with
        | Some w -> w.First > 1
        | None -> false

    /// Epochs' worth of batches a trace line trained: Count / EpochBatches, or 1 for a full-epoch line.
    let epochsTrained (record: TrialRecord) : float =
        match record.Window with
        | Some w -> float w.Count / float w.EpochBatches
        | None -> 1.0
