module AutoLR.Properties.ConvergenceProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.ControllerSimulation

/// Eq. 8's world: in epoch t, v_k = c_{t,k} · η_k for the LR η_k block k was trained with, arbitrary c_{t,k} > 0.
let private proportionalWorld (c: float[][]) : World =
    fun epoch _ lrs -> Array.map2 (*) c[epoch - 1] lrs, 0.5

let private case =
    gen {
        let! epochs = Gen.choose (1, 6)
        let! k = Gen.choose (2, 12)
        // Clamps far outside anything eq. 16 can reach here, so they never bind.
        let! options = options epochs 2 6 1e-30 1e30
        let! c = Gen.arrayOfLength epochs (Gen.arrayOfLength k (logUniform -5.0 -1.0))
        return options, k, epochs, c
    }

let private strictlyIncreasing (v: float[]) = v |> Array.pairwise |> Array.forall (fun (a, b) -> a < b)

[<Property(MaxTest = 500)>]
let ``renewal makes proportional variations sorted: the trial after a retry measures the targets and is accepted`` () =
    let shrink (options, k, epochs, c: float[][]) =
        seq {
            for o in shrinkOptions 2 options -> o, k, epochs, c
            for e in 0 .. c.Length - 1 do
                for simpler in shrinkEach c[e] -> options, k, epochs, Array.updateAt e simpler c
        }
    Prop.forAll (shrinking (fun (o: ControllerOptions, _, _, _) -> o.TrialCap >= 2) shrink case) (fun (options, k, epochs, c) ->
        let steps = simulate options k 0.01 epochs (proportionalWorld c)
        let epochsRun = byEpoch steps
        equals "number of epochs run" epochs epochsRun.Length
        .&. (epochsRun
           |> every epochName (fun (_, trials) ->
               trials
               |> List.pairwise
               |> every (fst >> stepName) (fun (retried, next) ->
                   match retried.Decision, retried.Record.Targets with
                   | Retry _, Some targets ->
                       // v' = c·η·target/v = target (eq. 8); strictly increasing targets are then sorted exactly.
                       agrees allClose "the next trial's variations, the targets" targets next.Record.Variations
                       .&. (if not (strictlyIncreasing targets) then noClaim
                            else
                                equals "SQ measured after strictly increasing targets" 1.0 next.Record.SortingQuality
                                .&. equals "decision after strictly increasing targets" Accept next.Decision
                                .&. equals "trials in the epoch" 2 trials.Length)
                   | decision, targets -> false |@ $"a trial followed by another is a retry with targets, not {show decision} with {show targets}"))))
