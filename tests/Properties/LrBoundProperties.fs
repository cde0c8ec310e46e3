/// The LR bound relative to the base LR (`LrMaxFactor`): in force beside LrMax for every LR the controller hands out,
/// monotone in the factor, and absent (None) or slack, the runs are those of the absolute bounds alone.
module AutoLR.Properties.LrBoundProperties

open FsCheck.FSharp
open FsCheck.Xunit
open Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.ControllerSimulation

let private baseLr = 0.01

/// Options for a run of 1–4 epochs over K blocks, a variation table for it, and a factor in [1, 50].
let private case =
    gen {
        let! epochs = Gen.choose (1, 4)
        let! k = Gen.choose (2, 8)
        let! options = options epochs 1 5 1e-6 1.0
        let! table = variationTable epochs 5 k
        let! factor = Gen.oneof [ uniform 1.0 50.0; Gen.constant 1.0 ]
        return options, k, epochs, table, factor
    }

let private run (options: ControllerOptions) k epochs table = simulate options k baseLr epochs (arbitraryWorld table)

[<Property(MaxTest = 500)>]
let ``no LR the controller hands out exceeds factor × base LR, nor LrMax`` () =
    Prop.forAll (arb case) (fun (options, k, epochs, table, factor) ->
        let bound = min options.LrMax (factor * baseLr)
        run (options.WithLrMaxFactor factor) k epochs table
        |> every stepName (fun step ->
            about $"the next trial's LRs are at most {bound}" step.After.BlockLrs (Array.forall (fun lr -> lr <= bound) step.After.BlockLrs)
            .&. about $"the traced next LRs are at most {bound}" step.Record.NextLrs
                    (step.Record.NextLrs |> Option.forall (Array.forall (fun lr -> lr <= bound)))))

[<Property(MaxTest = 500)>]
let ``without a factor, or with one that reaches LrMax, a run is that of the absolute bounds`` () =
    Prop.forAll (arb case) (fun (options, k, epochs, table, _) ->
        let records o = run o k epochs table |> List.map (fun step -> step.Record)
        let plain = records { options with LrMaxFactor = None }
        equals "trace of the run" plain (records (options.WithLrMaxFactor(max 1.0 (options.LrMax / baseLr)))))

[<Property(MaxTest = 500)>]
let ``a larger factor never lowers a renewed LR`` () =
    let withFactors = Gen.zip case (uniform 1.0 10.0)
    Prop.forAll (arb withFactors) (fun ((options, k, _, table, factor), more) ->
        let first (o: ControllerOptions) = (List.head (run o k 1 table)).Record.NextLrs
        match first (options.WithLrMaxFactor factor), first (options.WithLrMaxFactor(factor * more)) with
        | Some lower, Some higher -> about "next LRs under the factor, under the larger one" (lower, higher) (Array.forall2 (<=) lower higher)
        | _ -> noClaim)

[<Fact>]
let ``a factor below 1 or not finite is refused, naming the base LR`` () =
    for factor in [ 0.5; 0.0; -2.0; nan; infinity ] do
        let error = Assert.Throws<System.ArgumentException>(fun () -> (AutoLrController.defaults baseLr).WithLrMaxFactor factor |> ignore)
        Assert.Contains("base LR", error.Message)
