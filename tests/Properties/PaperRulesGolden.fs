/// The paper's rules with eq. 1 as printed (per weight) decide exactly as they did before rules read measurement
/// records: scripted runs through retries, clamps, repeated LRs, the trial cap, an empty target range, a decaying τ, a
/// fixed stem and a late LR drop, divergence, an explosion and the divergence limit write, byte for byte, the trace
/// lines the controller of main 83155b5 wrote from the same script (Golden/paper-rules.trace.jsonl). Only IEEE
/// arithmetic that rounds the same on every CPU enters (+, −, ×, /, √; the noise is integer), so the file holds anywhere.
module AutoLR.Properties.PaperRulesGolden

open System.IO
open Xunit
open AutoLR.Algorithms

let private weightCounts = [| 36_864L; 147_456L; 589_824L; 1_179_648L |]

/// Pseudo-noise in [−0.2, 0.2] from integers only (a 64-bit LCG), the same on every machine.
let private noise (run: int) (epoch: int) (trial: int) (block: int) : float =
    let mutable x = uint64 (run * 1_000_003 + epoch * 10_007 + trial * 101 + block)
    for _ in 1 .. 3 do
        x <- x * 6364136223846793005UL + 1442695040888963407UL
    float (int64 ((x >>> 33) % 2001UL) - 1000L) / 5000.0

/// What trial `trial` of `epoch` measures of each block with these (observed) block LRs: Σ ΔW² such that the
/// per-weight variation is about perWeight_k · η_k (eq. 8), NaN or a blown-up loss where the script says so.
type private Script =
    { Name: string
      Options: ControllerOptions
      Epochs: int
      /// v_k / η_k before noise, input to output.
      PerWeight: float[]
      /// (epoch, trial) → blocks (0-based) whose change is NaN.
      NotFinite: int -> int -> int list
      /// (epoch, trial) → the train loss blew up.
      Exploded: int -> int -> bool }

let private squaredChanges (run: int) (script: Script) (epoch: int) (trial: int) (lrs: float[]) : float[] =
    Array.init lrs.Length (fun k ->
        if List.contains k (script.NotFinite epoch trial) then nan
        else
            let total = script.PerWeight[k] * lrs[k] * (1.0 + noise run epoch trial k) * float weightCounts[k]
            total * total)

let private scripts : Script list =
    let defaults = AutoLrController.defaults 0.01
    let none _ _ = []
    let never _ _ = false
    let descending = [| 1e-4; 5e-5; 2.5e-5; 1.2e-5 |]
    [ { Name = "defaults"; Options = defaults; Epochs = 6; PerWeight = descending; NotFinite = none; Exploded = never }
      { Name = "forced retries"
        Options = { defaults with Alpha = 0.5; Beta = 1.0; Threshold = Constant 1.0; TrialCap = 4 }
        Epochs = 4; PerWeight = descending; NotFinite = none; Exploded = never }
      { Name = "clamped"; Options = { defaults with LrMax = 0.03 }; Epochs = 5; PerWeight = descending; NotFinite = none; Exploded = never }
      { Name = "decaying threshold, fixed stem, late drop"
        Options =
          { defaults with
              Threshold = Decaying (0.94, 0.99, 0.8)
              Stem = FixedStem 0.002
              GlobalMultiplier = fun epoch -> if epoch >= 4 then 0.2 else 1.0 }
        Epochs = 6; PerWeight = [| 1e-5; 9e-5; 3e-5; 6e-5 |]; NotFinite = none; Exploded = never }
      { Name = "empty target range"; Options = defaults; Epochs = 3; PerWeight = [| 3e-5; 3e-5; 3e-5; 3e-5 |]; NotFinite = none; Exploded = never }
      { Name = "divergence"
        Options = { defaults with ChanceLoss = DivergencePolicy.chanceLoss 5 }
        Epochs = 5; PerWeight = descending
        NotFinite = fun epoch trial -> if epoch = 2 && trial = 1 then [ 2 ] elif epoch = 4 then [ 0; 1; 2; 3 ] else []
        Exploded = fun epoch trial -> epoch = 3 && trial = 1 } ]

/// The trace lines of one script, the run stopping at the end of its epochs or at an abort.
let private traceLines (run: int) (script: Script) : string list =
    let o = script.Options
    let layers = Array.init weightCounts.Length (fun k -> $"block{k + 1}")
    let rec loop state lines =
        if state.Epoch > script.Epochs then List.rev lines
        else
            let used = AutoLrController.trialLearningRates o state
            let trial = state.TrialsThisEpoch + 1
            let squared = squaredChanges run script state.Epoch trial used.Blocks
            let loss = if script.Exploded state.Epoch trial then 1e6 else 1.0 / float state.Epoch + 0.01 * float trial
            let observation : TrialObservation =
                { Epoch = state.Epoch
                  Trial = trial
                  BlockLrs = used.Blocks
                  Measurements = Array.init squared.Length (fun k -> BlockMeasurement.ofSquaredChange weightCounts[k] squared[k])
                  TrainLoss = loss
                  Seconds = 1.0 + float trial }
            let outcome = AutoLrController.decide o state observation
            let lines = TraceLine.write outcome.Record :: lines
            match outcome.Decision with
            | Abort _ -> List.rev lines
            | _ -> loop outcome.Next lines
    loop (AutoLrController.init o layers 0.01) []

[<Fact>]
let ``the paper's rules with per-weight variations write the trace lines they wrote before measurement records`` () =
    let golden = File.ReadAllLines(Path.Combine(System.AppContext.BaseDirectory, "Golden", "paper-rules.trace.jsonl"))
    let lines = scripts |> List.mapi traceLines |> List.concat
    Assert.Equal(golden.Length, lines.Length)
    List.iteri (fun i line -> Assert.Equal(golden[i], line)) lines
