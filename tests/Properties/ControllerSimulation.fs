/// A simulated trial loop: the Torch layer's side of Algorithm 2, driven by a pure "world" that says what a trial
/// measures for the LRs it was trained with.
module AutoLR.Properties.ControllerSimulation

open FsCheck
open FsCheck.FSharp
open AutoLR.Algorithms
open AutoLR.Properties.Generators

/// One trial as the loop saw it.
type Step =
    { Before: ControllerState
      Used: TrialLearningRates
      Observation: TrialObservation
      Decision: Decision
      Record: TrialRecord
      After: ControllerState
      KeptTrial: int option }

/// world epoch trial blockLrsUsed = (variations, train loss).
type World = int -> int -> float[] -> float[] * float

/// Run epochs 1..epochs (or until Abort) through trialLearningRates and decide.
let simulate (options: ControllerOptions) (k: int) (baseLr: float) (epochs: int) (world: World) : Step list =
    let layers = Array.init k (fun i -> $"block{i + 1}")
    let rec loop state steps =
        if state.Epoch > epochs then List.rev steps
        else
            let used = AutoLrController.trialLearningRates options state
            let trial = state.TrialsThisEpoch + 1
            let v, loss = world state.Epoch trial used.Blocks
            let observation : TrialObservation =
                { Epoch = state.Epoch; Trial = trial; BlockLrs = used.Blocks; Measurements = measured v; TrainLoss = loss; Seconds = 1.5 }
            let outcome = AutoLrController.decide options state observation
            let step =
                { Before = state; Used = used; Observation = observation; Decision = outcome.Decision; Record = outcome.Record
                  After = outcome.Next; KeptTrial = outcome.KeptTrial }
            match outcome.Decision with
            | Abort _ -> List.rev (step :: steps)
            | _ -> loop outcome.Next (step :: steps)
    loop (AutoLrController.init options layers baseLr) []

/// The steps of each epoch, in order.
let byEpoch (steps: Step list) : (int * Step list) list = steps |> List.groupBy (fun s -> s.Record.Epoch)

let hasEvent (name: string) (step: Step) = Array.contains name step.Record.Events

/// A step as a failing property names it.
let stepName (step: Step) = $"epoch {step.Record.Epoch}, trial {step.Record.Trial}"

/// An epoch's steps, from `byEpoch`, as a failing property names them.
let epochName (epoch: int, _: Step list) = $"epoch {epoch}"

let diverged (step: Step) = hasEvent "divergence" step

/// ×0.2 from epoch `drop` on (the paper's late step drop, e.g. epoch 40 of 50).
let stepDrop (drop: int) : int -> float = fun epoch -> if epoch >= drop then 0.2 else 1.0

let thresholdSchedule : Gen<ThresholdSchedule> =
    Gen.oneof
        [ uniform 0.5 0.99 |> Gen.map Constant
          Gen.map3 (fun tau factor floor -> Decaying (tau, factor, floor)) (uniform 0.8 0.99) (uniform 0.9 0.999) (uniform 0.5 0.8) ]

let stemRule : Gen<StemRule> =
    Gen.oneof [ uniform 0.1 1.0 |> Gen.map FollowFirstBlock; learningRate |> Gen.map FixedStem ]

/// Options with random α, β, τ schedule, cap, stem rule and a late ×0.2 drop; clamps as given.
let options (epochs: int) (capLo: int) (capHi: int) (lrMin: float) (lrMax: float) : Gen<ControllerOptions> =
    gen {
        let! alpha, beta = alphaBeta
        let! threshold = thresholdSchedule
        let! cap = Gen.choose (capLo, capHi)
        let! fraction = floorFraction
        let! stem = stemRule
        let! head = learningRate
        let! drop = Gen.choose (1, epochs + 1)
        let! limit = Gen.choose (2, 4)
        return
            { AutoLrController.defaults 0.01 with
                Alpha = alpha
                Beta = beta
                Threshold = threshold
                TrialCap = cap
                LrMin = lrMin
                LrMax = lrMax
                TargetFloorFraction = fraction
                Stem = stem
                HeadLr = head
                GlobalMultiplier = stepDrop drop
                DivergenceLimit = limit }
    }

/// Simpler options, one change at a time: α and β toward the paper's, a constant τ, one trial fewer (not below
/// `capLo`), the floor fraction toward 0.1, the stem following block 1 at 0.5.
let shrinkOptions (capLo: int) (o: ControllerOptions) : seq<ControllerOptions> =
    seq {
        for alpha, beta in shrinkAlphaBeta (o.Alpha, o.Beta) -> { o with Alpha = alpha; Beta = beta }
        match o.Threshold with
        | Decaying (tau, _, _) -> yield { o with Threshold = Constant tau }
        | Constant _ -> ()
        if o.TrialCap > capLo then yield { o with TrialCap = o.TrialCap - 1 }
        for fraction in shrinkFloorFraction o.TargetFloorFraction -> { o with TargetFloorFraction = fraction }
        if o.Stem <> FollowFirstBlock 0.5 then yield { o with Stem = FollowFirstBlock 0.5 }
    }

/// Simpler variation tables: the last epoch dropped, one block fewer in every trial (K ≥ 2 kept), or one
/// variation simpler (still positive).
let shrinkTable (table: float[][][]) : seq<float[][][]> =
    let k = table.[0].[0].Length
    seq {
        if table.Length > 1 then yield table[.. table.Length - 2]
        if k > 2 then
            for block in 0 .. k - 1 -> table |> Array.map (Array.map (Array.removeAt block))
        for e in 0 .. table.Length - 1 do
            for t in 0 .. table[e].Length - 1 do
                for b in 0 .. k - 1 do
                    for simpler in shrinkPositive (table.[e].[t].[b]) ->
                        table |> Array.mapi (fun e' trials ->
                            if e' <> e then trials
                            else trials |> Array.mapi (fun t' v -> if t' <> t then v else Array.updateAt b simpler v))
    }

/// A world whose variations ignore the LRs: each (epoch, trial) has its own random positive variations.
let arbitraryWorld (table: float[][][]) : World =
    fun epoch trial _ -> table[epoch - 1][trial - 1], 0.5

/// One trial's variations over K blocks: random, sorted, or sorted but for one swapped neighbour pair.
let trialVariations (k: int) : Gen<float[]> =
    let sorted = Gen.arrayOfLength k variation |> Gen.map Array.sort
    let swapped =
        Gen.zip sorted (Gen.choose (0, k - 2))
        |> Gen.map (fun (v, i) ->
            let w = Array.copy v
            w[i] <- v[i + 1]
            w[i + 1] <- v[i]
            w)
    Gen.frequency [ 2, Gen.arrayOfLength k variation; 1, sorted; 1, swapped ]

/// Random variation tables for `epochs` epochs of up to `trials` trials over K blocks.
let variationTable (epochs: int) (trials: int) (k: int) : Gen<float[][][]> =
    Gen.arrayOfLength epochs (Gen.arrayOfLength trials (trialVariations k))
