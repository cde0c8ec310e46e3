namespace AutoLR.Algorithms

/// What `--schedule` chooses: Algorithm 2, or one of the baselines.
type ScheduleChoice =
    | AutoLr
    | Baseline of BaselineSchedule

/// The schedules of `finetune --schedule`, each registered once, here: the command line, its help, validation,
/// config.json and results.json read their names from this list. A new baseline is a `Schedule` case (or a
/// combination of existing ones) plus one line in `baselines`.
module ScheduleCatalog =
    /// Algorithm 2, the paper's method.
    [<Literal>]
    let AutoLrName = "autolr"

    let private baseline name layers description build =
        { Name = name; Description = description; Layers = layers; ProbeBatches = (fun _ -> 0); TuningAxis = None; PerStep = NotPerStep; Build = build }

    /// The baselines of the paper's Table 5 and what users pick instead, in the order help and tables list them.
    let baselines : BaselineSchedule list =
        [ baseline "single" Uniform "one LR throughout (the paper's SingleLR)"
              (fun _ run -> ConstantLr run.BaseLr)
          baseline "step" Uniform "PyTorch StepLR: × --step-gamma every --step-size epochs"
              (fun p run -> StepDecay (run.BaseLr, (if p.StepSize = 0 then max 1 (run.Epochs / 3) else p.StepSize), p.StepGamma))
          baseline "cyclic" Uniform "triangular CyclicLR between base / --cyclic-spread and base"
              (fun p run -> CyclicTriangular (run.BaseLr / p.CyclicSpread, run.BaseLr, max 1 (p.CyclicStepEpochs * run.ItersPerEpoch), run.ItersPerEpoch))
          baseline "sgdr" Uniform "cosine annealing to 0 with warm restarts after --sgdr-t0 · --sgdr-t-mult^i epochs"
              (fun p run -> WarmRestarts (run.BaseLr, p.SgdrT0, p.SgdrTMult, 0.0, run.ItersPerEpoch))
          { baseline "layer-decay" Layered "timm's layer decay: block k of K at base · --layer-decay^(K − k)"
                (fun p run -> LayerDecay (run.BaseLr, p.LayerDecay))
              with TuningAxis = Some(ScheduleParameters.layerDecay, [ 0.6; 0.75; 0.9 ]) }
          baseline "discriminative" Layered "fastai's slice(base / --discriminative-spread, base) across the blocks"
              (fun p run -> Discriminative (run.BaseLr / p.DiscriminativeSpread, run.BaseLr))
          { baseline "lp-ft" Layered "LP-FT (Kumar et al. 2022): head alone for --lp-share of the epochs, backbone frozen, then everything at base"
                (fun p run -> LinearProbeThenFineTune (run.BaseLr, int (floor (p.LpShare * float run.Epochs))))
              with TuningAxis = Some(ScheduleParameters.lpShare, [ 0.25; 0.5 ]) }
          { baseline "auto-rgn" Layered "Auto-RGN (Lee et al. 2023): stem and block LRs base · RGN / max RGN, RGN = ‖g‖/‖w‖ on --rgn-probe-batches each epoch"
                (fun _ run -> RelativeGradientScaled (run.BaseLr, run.RelativeGradientNorms))
              with ProbeBatches = _.RgnProbeBatches; TuningAxis = Some(ScheduleParameters.rgnProbeBatches, [ 2.0; 5.0 ]) }
          // Per layer (stem, each block), not per tensor as LARS's reference code: the block is this project's unit —
          // one optimizer group, one LR in the trace — so every layered baseline is compared block for block.
          { baseline "lars" Layered "LARS (You et al. 2017): stem and block LRs base · --trust-coefficient · ‖w‖ / (‖g‖ + weight decay · ‖w‖) of their weight tensors, every step; BatchNorm and biases at base"
                (fun p run -> TrustRatioScaled (run.BaseLr, p.TrustCoefficient, run.Steps))
              with PerStep = TrustRatioOfWeights }
          // L-DoG rather than Prodigy: its per-layer step is exactly this project's per-block view, it needs nothing
          // but norms the engine measures anyway, and it keeps the engine's SGD (Prodigy is an Adam-type optimizer).
          { baseline "l-dog" Layered "L-DoG (Ivgi et al. 2023), learning-rate free: stem and blocks at max distance moved / √(Σ‖g‖²) each, every step, SGD without momentum; --base-lr sets the head alone"
                (fun p run -> LayerwiseDistanceOverGradients (run.BaseLr, p.DogInitialMovement, run.Steps))
              with PerStep = DistanceOverGradientsOfLayers }
          // The zero point of every comparison: what the pre-trained (pruned) features score with no fine-tuning at
          // all — LP-FT's linear probe for the whole run. Retrieval embeds with the backbone alone, so the head it
          // trains does not change Recall@K; on a task where this wins, fine-tuning only erodes the features.
          baseline "frozen" Layered "no fine-tuning: stem and blocks at LR 0, backbone in eval mode, every epoch (the pre-trained features as they are); the head alone trains, and the embedding does not use it"
              (fun _ run -> LinearProbeThenFineTune (run.BaseLr, run.Epochs)) ]

    /// The baseline that Algorithm 1's pruning search fine-tunes every depth with.
    let single : ScheduleChoice = Baseline baselines.Head

    /// Every name `--schedule` accepts: autolr, then the baselines.
    let names : string list = AutoLrName :: (baselines |> List.map _.Name)

    /// The name of a choice, as configuration, results.json and the trace's readers spell it.
    let name (choice: ScheduleChoice) : string =
        match choice with
        | AutoLr -> AutoLrName
        | Baseline b -> b.Name

    /// The choice a name stands for (exact, as validation checked it), or an error listing the names.
    let tryParse (text: string) : Result<ScheduleChoice, string> =
        if text = AutoLrName then Ok AutoLr
        else
            match baselines |> List.tryFind (fun b -> b.Name = text) with
            | Some b -> Ok(Baseline b)
            | None -> Error(sprintf "Schedule '%s' is unknown; use one of %s." text (String.concat ", " names))
