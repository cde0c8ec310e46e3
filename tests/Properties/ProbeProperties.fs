/// Trials as probes (`Probe`, issue 12): the window a probe trains, the line that completes its epoch, and the cost.
module AutoLR.Properties.ProbeProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// A probe fraction in (0, 1] (1 among them) and an epoch of 1..500 batches.
let private fractionAndEpoch =
    gen {
        let! fraction = Gen.oneof [ uniform 0.001 1.0; Gen.constant 1.0; Gen.elements [ 0.1; 0.25; 0.5 ] ]
        let! batches = Gen.choose (1, 500)
        return fraction, batches
    }

let private withFraction fraction = { AutoLrController.defaults 0.01 with ProbeFraction = fraction }

[<Property(MaxTest = 1000)>]
let ``a probe trains the smallest whole number of batches that covers f of the epoch, at least one, at most all`` () =
    Prop.forAll (arb fractionAndEpoch) (fun (fraction, b) ->
        let w = Probe.batches (withFraction fraction) b
        (w >= 1 |@ $"{w} batches, at least one") .&. (w <= b |@ $"{w} batches, at most the epoch's {b}")
        .&. ((w = 1 || float (w - 1) < fraction * float b + 1e-9) |@ $"{w} batches, the smallest number covering f·b = {fraction * float b}")
        .&. ((w = b || float w >= fraction * float b - 1e-9) |@ $"{w} batches cover f·b = {fraction * float b}"))

[<Property(MaxTest = 1000)>]
let ``f = 1 trains whole epochs: no window, every line one epoch`` () =
    Prop.forAll (arb (Gen.choose (1, 500))) (fun b ->
        equals "batches a probe trains" b (Probe.batches (withFraction 1.0) b)
        .&. equals "window" None (Probe.window (withFraction 1.0) b))

[<Property(MaxTest = 1000)>]
let ``a window exists exactly when the probe is shorter than the epoch, and starts at the first batch`` () =
    Prop.forAll (arb fractionAndEpoch) (fun (fraction, b) ->
        let options = withFraction fraction
        match Probe.window options b with
        | Some w ->
            equals "window's first batch" 1 w.First .&. equals "window's batches" (Probe.batches options b) w.Count
            .&. (w.Count < b |@ $"a window of {w.Count} batches, shorter than the epoch's {b}")
            .&. equals "window's epoch batches" b w.EpochBatches
        | None -> equals "batches a probe without window trains, the whole epoch" b (Probe.batches options b))

/// A probe's trace line as decide writes it, for `trials` probes of window w in an epoch of b batches.
let private probeLine (w: BatchWindow) trial =
    { Epoch = 2; Trial = trial; Layers = [| "layer1.0"; "layer2.0"; "layer3.0" |]; Lrs = [| 0.01; 0.02; 0.04 |]
      StemLr = 0.005; HeadLr = 0.1; Variations = [| 3.0; 2.0; 1.0 |]; SortingQuality = 0.0; Threshold = 0.94
      Accepted = false; Targets = Some [| 1.0; 2.0; 3.0 |]; NextLrs = Some [| 0.01; 0.02; 0.04 |]; Events = [||]
      TrainLoss = 1.5; Seconds = 2.0; Window = Some w }

[<Property(MaxTest = 500)>]
let ``the completion trains the rest of the epoch, so the epoch costs f-windows for its probes plus the rest once`` () =
    Prop.forAll (arb (Gen.zip fractionAndEpoch (Gen.choose (1, 5)))) (fun ((fraction, b), trials) ->
        match Probe.window (withFraction fraction) b with
        | None -> noClaim
        | Some w ->
            let probes = [ for t in 1 .. trials -> probeLine w t ]
            let kept = probes |> List.last
            let completion = Probe.completedEpoch kept [| 1.0; 2.0; 3.0 |] 1.2 3.0
            let cost = (probes |> List.sumBy Probe.epochsTrained) + Probe.epochsTrained completion
            let expected = float trials * float w.Count / float b + float (b - w.Count) / float b
            equals "completion's window" (Some { First = w.Count + 1; Count = b - w.Count; EpochBatches = b }) completion.Window
            .&. (Probe.isCompletion completion |@ "the completion line is a completion")
            .&. (not (Probe.isCompletion kept) |@ "the kept probe's line is not a completion")
            .&. agrees (fun c e -> abs (c - e) < 1e-9) "epochs' worth of batches trained" expected cost)

[<Property(MaxTest = 200)>]
let ``the completion line keeps the kept probe's trial and LRs and reports the whole epoch's variations`` () =
    Prop.forAll (arb (Gen.zip variations (Gen.choose (1, 5)))) (fun (v, trial) ->
        let layers = Array.init v.Length (fun i -> $"layer{i + 1}.0")
        let kept = { probeLine { First = 1; Count = 2; EpochBatches = 8 } trial with Layers = layers; Lrs = Array.create v.Length 0.01 }
        let line = Probe.completedEpoch kept v 0.7 1.0
        equals "trial" trial line.Trial .&. equals "LRs" kept.Lrs line.Lrs .&. equals "stem LR" kept.StemLr line.StemLr
        .&. equals "head LR" kept.HeadLr line.HeadLr
        .&. equals "variations" v line.Variations .&. (line.Accepted |@ "the completion line is accepted")
        .&. equals "targets" None line.Targets .&. equals "next LRs" None line.NextLrs
        .&. equals "events" [| $"completed-probe:trial{trial}" |] line.Events
        .&. equals "sorting quality of the whole epoch's variations (eq. 9)" (SortingQuality.sortingQuality v) line.SortingQuality)
