namespace AutoLR.Algorithms

/// Every hyper-parameter of the baseline schedules, in the order help lists them (one line each).
module ScheduleParameters =
    let private number name description minimum excluded maximum get set =
        { Name = name; Description = description; Integer = false; Minimum = minimum; MinimumExcluded = excluded
          Maximum = maximum; Get = get; Set = set }

    let private integer name description minimum maximum (get: BaselineParameters -> int) set =
        { Name = name; Description = description; Integer = true; Minimum = float minimum; MinimumExcluded = false
          Maximum = float maximum; Get = get >> float; Set = (fun (x: float) p -> set (int x) p) }

    /// Also the stem rule of AutoLR and of the pruning search (`ControllerSettings`).
    let stemFactor =
        number "StemFactor" "Stem LR as a multiple of the LR of the block above it: of block 1's tuned LR for autolr, of the one block LR for single, step, cyclic and sgdr (the authors' code: 0.5)." 0.0 true infinity
            (fun p -> p.StemFactor) (fun x p -> { p with StemFactor = x })

    /// Also the head LR of AutoLR and of the pruning search (`ControllerSettings`).
    let headFactor =
        number "HeadFactor" "Head LR as a multiple of the base LR for autolr, layer-decay and discriminative, of the block LR for the other baselines (the authors' code: 10); AutoLR never tunes it." 0.0 true infinity
            (fun p -> p.HeadFactor) (fun x p -> { p with HeadFactor = x })

    /// One axis of the layer-decay method's tuning grid in `compare`.
    let layerDecay =
        number "LayerDecay" "Decay per block of the layer-decay schedule: block k of K trains at base · decay^(K − k) (timm's layer_decay)." 0.0 true 1.0
            (fun p -> p.LayerDecay) (fun x p -> { p with LayerDecay = x })

    /// One axis of the lp-ft method's tuning grid in `compare`.
    let lpShare =
        number "LpShare" "Share of the epochs lp-ft spends on the linear probe (backbone frozen, head alone) before fine-tuning everything; the probe lasts floor(share · epochs) epochs (Kumar et al. 2022)." 0.0 false 0.99
            (fun p -> p.LpShare) (fun x p -> { p with LpShare = x })

    /// One axis of the auto-rgn method's tuning grid in `compare`.
    let rgnProbeBatches =
        integer "RgnProbeBatches" "Batches auto-rgn measures ‖g‖ / ‖w‖ on at the start of each epoch, without moving any weight; counted as cost (Lee et al. 2023; the authors' code: 5)." 1 10000
            (fun p -> p.RgnProbeBatches) (fun x p -> { p with RgnProbeBatches = x })

    /// LARS's η.
    let trustCoefficient =
        number "TrustCoefficient" "Trust coefficient η of lars: a layer's LR is base · η · ‖w‖ / (‖g‖ + weight decay · ‖w‖) each step (You, Gitman & Ginsburg 2017: 0.001)." 0.0 true infinity
            (fun p -> p.TrustCoefficient) (fun x p -> { p with TrustCoefficient = x })

    /// L-DoG's relative r_ε.
    let dogInitialMovement =
        number "DogInitialMovement" "Initial movement of l-dog relative to a layer's weights, r_ε = this · (1 + ‖x_0‖): the first step's size is r_ε / ‖g_0‖ (Ivgi, Hinder & Carmon 2023; their advice with BatchNorm: 1e-4)." 0.0 true 1.0
            (fun p -> p.DogInitialMovement) (fun x p -> { p with DogInitialMovement = x })

    let all : ScheduleParameter list =
        [ stemFactor
          headFactor
          integer "StepSize" "Epochs between two LR drops of the step schedule (PyTorch StepLR's step_size); 0 means a third of the run (at least 1)." 0 10000
              (fun p -> p.StepSize) (fun x p -> { p with StepSize = x })
          number "StepGamma" "Factor of each drop of the step schedule (PyTorch StepLR's gamma)." 0.0 true 1.0
              (fun p -> p.StepGamma) (fun x p -> { p with StepGamma = x })
          integer "CyclicStepEpochs" "Epochs the cyclic schedule's triangle takes to rise from its floor to the base LR, and again to fall back (PyTorch CyclicLR's step_size_up, in epochs)." 1 10000
              (fun p -> p.CyclicStepEpochs) (fun x p -> { p with CyclicStepEpochs = x })
          number "CyclicSpread" "Base LR over the floor of the cyclic schedule (PyTorch CyclicLR's max_lr / base_lr)." 1.0 false infinity
              (fun p -> p.CyclicSpread) (fun x p -> { p with CyclicSpread = x })
          integer "SgdrT0" "Epochs of the first cosine run of the sgdr schedule (T_0 of Loshchilov & Hutter 2017)." 1 10000
              (fun p -> p.SgdrT0) (fun x p -> { p with SgdrT0 = x })
          integer "SgdrTMult" "Growth of each sgdr run over the one before (T_mult of Loshchilov & Hutter 2017)." 1 100
              (fun p -> p.SgdrTMult) (fun x p -> { p with SgdrTMult = x })
          layerDecay
          number "DiscriminativeSpread" "Top block's LR over the bottom block's in the discriminative schedule: fastai's slice(base / spread, base)." 1.0 false infinity
              (fun p -> p.DiscriminativeSpread) (fun x p -> { p with DiscriminativeSpread = x })
          lpShare
          rgnProbeBatches
          trustCoefficient
          dogInitialMovement ]

    /// The parameters with the named values put in (the others keep `BaselineParameters.defaults`); every name must
    /// be one of `all`'s, every value accepted by it.
    let withValues (values: seq<string * float>) : BaselineParameters =
        values
        |> Seq.fold (fun parameters (name, value) ->
            match all |> List.tryFind (fun p -> p.Name = name) with
            | Some p when ScheduleParameter.accepts p value -> p.Set value parameters
            | Some p -> invalidArg (nameof values) (sprintf "%s = %g is out of range: use %s." name value (ScheduleParameter.rangeText p))
            | None -> invalidArg (nameof values) (sprintf "There is no schedule parameter %s; use one of %s." name (all |> List.map _.Name |> String.concat ", ")))
            BaselineParameters.defaults
