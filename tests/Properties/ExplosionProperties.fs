module AutoLR.Properties.ExplosionProperties

open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// C classes and a finite train loss as a multiple of the explosion ceiling 100 × ln C: below, at or above it.
let private lossAgainstCeiling =
    gen {
        let! classes = Gen.choose (2, 2000)
        let! ratio = Gen.oneof [ Gen.choose (0, 999) |> Gen.map (fun r -> float r / 1000.0); Gen.constant 1.0; logUniform -2.0 21.0 |> Gen.map ((+) 1.0) ]
        let ceiling = DivergencePolicy.explosionFactor * DivergencePolicy.chanceLoss classes
        return classes, ratio * ceiling
    }

[<Property(MaxTest = 1000)>]
let ``a finite train loss diverged exactly when it exceeds 100 × ln C`` () =
    Prop.forAll (Arb.fromGen lossAgainstCeiling) (fun (classes, loss) ->
        let chance = DivergencePolicy.chanceLoss classes
        equals $"diverged, as the loss is above 100 × ln C = {100.0 * log (float classes)}" (loss > 100.0 * log (float classes))
            (DivergencePolicy.diverged chance loss [| 0.001; 0.002 |]))

[<Property(MaxTest = 300)>]
let ``without a class count only NaN or infinity diverges, however large the finite loss`` () =
    Prop.forAll (Arb.fromGen (logUniform -3.0 300.0)) (fun loss ->
        (not (DivergencePolicy.diverged infinity loss [| 0.001 |]) |@ "a finite loss does not diverge")
        .&. (DivergencePolicy.diverged infinity nan [| 0.001 |] |@ "a NaN loss diverges")
        .&. (DivergencePolicy.diverged infinity loss [| infinity |] |@ "an infinite variation diverges"))

[<Property(MaxTest = 500)>]
let ``an exploded trial takes the divergence path: every block's LR is halved and the epoch retried`` () =
    let case =
        gen {
            let! k = blockCount
            let! lrs = Gen.arrayOfLength k (logUniform -4.0 -2.0)
            let! v = Gen.arrayOfLength k variation
            let! classes = Gen.choose (2, 500)
            let! excess = logUniform -2.0 21.0
            return lrs, v, classes, 100.0 * log (float classes) * (1.0 + excess)
        }
    Prop.forAll (Arb.fromGen case) (fun (lrs, v, classes, loss) ->
        let options = (AutoLrController.defaults 0.01).WithClassCount(classes)
        let state = { AutoLrController.init options (Array.create lrs.Length "b") 0.01 with BlockLrs = lrs }
        let used = AutoLrController.trialLearningRates options state
        let observation : TrialObservation =
            { Epoch = 1; Trial = 1; BlockLrs = used.Blocks; Measurements = measured v; TrainLoss = loss; Seconds = 1.0 }
        let outcome = AutoLrController.decide options state observation
        equals "decision" (Retry (Array.map (fun lr -> max options.LrMin (lr / 2.0)) lrs, false)) outcome.Decision
        .&. lazy (equals "first event" "divergence" outcome.Record.Events[0])
        .&. equals "divergences so far" 1 outcome.Next.Divergences)
