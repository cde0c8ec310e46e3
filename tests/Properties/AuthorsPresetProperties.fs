/// The controller under the authors' preset: what `--preset authors` promises of the LRs a run trains with.
module AutoLR.Properties.AuthorsPresetProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.ControllerSimulation

/// The controller's options from every setting at its default but the base LR, the head factor and the preset
/// `authors`, with a late ×0.2 drop from epoch `drop` (the only thing that may touch the head).
let private authorsOptions (baseLr: float) (headFactor: float) (drop: int) : ControllerOptions =
    let configured =
        (SettingValues.Defaults(PresetSettings.all @ ControllerSettings.all @ ScheduleSettings.all @ LearningRateSettings.all))
            .With(LearningRateSettings.baseLr, baseLr)
            .With(ScheduleSettings.headFactor, headFactor)
            .With(PresetSettings.preset, "authors")
    let values = PresetSettings.apply (System.Func<Setting, bool>(fun _ -> false)) configured
    { ControllerSettings.options values with GlobalMultiplier = stepDrop drop }

/// A run of up to 6 epochs over K blocks against random variations (retries, caps and accepts all happen), from a base
/// LR high enough that eq. 16 would often leave the default bounds [1e-5, 1].
let private authorsRun =
    gen {
        let! epochs = Gen.choose (1, 6)
        let! k = Gen.choose (2, 8)
        let! baseLr = logUniform -2.0 -0.3
        let! headFactor = uniform 1.0 20.0
        let! drop = Gen.choose (1, epochs + 1)
        let! table = variationTable epochs 5 k
        return authorsOptions baseLr headFactor drop, k, baseLr, epochs, table
    }

let private steps (options, k, baseLr, epochs, table) = simulate options k baseLr epochs (arbitraryWorld table)

[<Property(MaxTest = 300)>]
let ``under the authors' preset the head trains at 0.01 through every renewal, touched only by the global multiplier`` () =
    Prop.forAll (arb authorsRun) (fun run ->
        let options, _, _, _, _ = run
        steps run |> every stepName (fun step ->
            let m = options.GlobalMultiplier step.Record.Epoch
            equals "head LR handed out" (m * 0.01) step.Used.Head .&. equals "head LR in the trace" (m * 0.01) step.Record.HeadLr))

[<Property(MaxTest = 300)>]
let ``under the authors' preset the stem trains at 0.5 × block 1 in every trial`` () =
    Prop.forAll (arb authorsRun) (fun run ->
        steps run |> every stepName (fun step ->
            near "stem LR = 0.5 × block 1's" (0.5 * step.Used.Blocks[0]) step.Used.Stem))

[<Property(MaxTest = 300)>]
let ``under the authors' preset eq. 16 is never clamped: a retry's LRs are η · target / v exactly`` () =
    Prop.forAll (arb authorsRun) (fun run ->
        steps run |> List.filter (fun s -> not (diverged s)) |> every stepName (fun step ->
            match step.Decision, step.Record.Targets with
            | Retry (next, _), Some targets ->
                let lrs, v = step.Before.BlockLrs, step.Record.Variations
                let unclamped = Array.init lrs.Length (fun i -> if v[i] = 0.0 then lrs[i] else lrs[i] * (targets[i] / v[i]))
                equals "next LRs" unclamped next
                .&. about "events" step.Record.Events (not (step.Record.Events |> Array.exists (fun e -> e.StartsWith "lr-clamped")))
            | _ -> noClaim)
        |> Prop.classify (steps run |> List.exists (fun s -> s.Record.NextLrs |> Option.exists (Array.exists (fun lr -> lr > 1.0)))) "an LR above the default bound 1")
