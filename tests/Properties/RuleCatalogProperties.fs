/// Every catalogue of rules and normalisations: names registered once and findable, the paper's rule first, and every
/// registered LR renewal bound by [LrMin, LrMax] and still on a block already on its target.
module AutoLR.Properties.RuleCatalogProperties

open FsCheck.FSharp
open FsCheck.Xunit
open Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses
open AutoLR.Properties.RuleInputs

let private kebab (name: string) = name <> "" && name |> Seq.forall (fun c -> System.Char.IsAsciiLetterLower c || System.Char.IsAsciiDigit c || c = '-')

let private catalogueNames : (string * string list) list =
    [ "acceptance", RuleCatalog.names RuleCatalog.acceptance
      "initial-target", RuleCatalog.names RuleCatalog.initialTargets
      "target-renewal", RuleCatalog.names RuleCatalog.targetRenewal
      "LR-renewal", RuleCatalog.names RuleCatalog.lrRenewal
      "divergence", RuleCatalog.names RuleCatalog.divergence
      "back-off", RuleCatalog.names RuleCatalog.backOff
      "normalisation", Normalisations.names ]

[<Fact>]
let ``every catalogue names its rules once, in kebab case`` () =
    for kind, names in catalogueNames do
        Assert.NotEmpty names
        Assert.True(List.forall kebab names, $"{kind}: {names}")
        Assert.Equal(List.length names, List.length (List.distinct names))

[<Fact>]
let ``the paper's rules are the first of every catalogue, and per weight the first normalisation`` () =
    let paper = AutoLrRules.paper
    Assert.Same(RuleCatalog.acceptance.Head.Rule, paper.Accepts)
    Assert.Same(RuleCatalog.initialTargets.Head.Rule, paper.InitialTargets)
    Assert.Same(RuleCatalog.targetRenewal.Head.Rule, paper.RenewTargets)
    Assert.Same(RuleCatalog.lrRenewal.Head.Rule, paper.RenewLearningRates)
    Assert.Same(RuleCatalog.divergence.Head.Rule, paper.Diverged)
    Assert.Same(RuleCatalog.backOff.Head.Rule, paper.BackOff)
    Assert.Equal("per-weight", Normalisations.all.Head.Name)
    let defaults = AutoLrController.defaults 0.01
    Assert.Same(paper, defaults.Rules)
    Assert.Equal("per-weight", defaults.Normalisation.Name)

[<Fact>]
let ``every normalisation and LR renewal is found by its name, and an unknown name lists the choices`` () =
    for n in Normalisations.all do
        Assert.Equal(Ok n.Name, Normalisations.tryParse n.Name |> Result.map _.Name)
    for rule in RuleCatalog.lrRenewal do
        Assert.Same(rule.Rule, ((AutoLrController.defaults 0.01).WithLrRenewalRule rule.Name).Rules.RenewLearningRates)
    let error = Assert.Throws<System.ArgumentException>(fun () -> (AutoLrController.defaults 0.01).WithLrRenewalRule "cubic" |> ignore)
    Assert.Contains(String.concat ", " (RuleCatalog.names RuleCatalog.lrRenewal), error.Message)

/// A trial of an epoch with 0–3 earlier trials (random LRs and variations), its targets, and bounds.
let private renewalCase =
    gen {
        let! v = variations
        let k = v.Length
        let! lrs = Gen.arrayOfLength k learningRate
        let! earlier = Gen.listOfLength 3 (Gen.zip (Gen.arrayOfLength k learningRate) (Gen.arrayOfLength k variation))
        let! count = Gen.choose (0, 3)
        let! targets = Gen.arrayOfLength k variation
        let! lrMin = logUniform -6.0 -3.0
        let! lrMax = logUniform -2.0 0.0
        let! rule = Gen.elements RuleCatalog.lrRenewal
        let trial =
            { trialWith 2.0 0.4 lrs v with
                RuleInput.LrMin = lrMin
                LrMax = lrMax
                EarlierTrials = earlier |> List.take count |> List.map (fun (l, w) -> { EpochTrial.Lrs = l; EpochTrial.Variations = w }) |> Array.ofList }
        return rule, trial, targets
    }

[<Property(MaxTest = 1000)>]
let ``every LR renewal keeps its LRs in [LrMin, LrMax], one clamp event per clamped block`` () =
    Prop.forAll (arb renewalCase) (fun (rule, trial, targets) ->
        let renewal = rule.Rule trial targets
        let clamped = renewal.Events |> List.choose (function LrClamped b -> Some b | _ -> None)
        equals $"{rule.Name}: number of LRs" targets.Length renewal.Lrs.Length
        .&. about $"{rule.Name}: LRs within [{trial.LrMin}, {trial.LrMax}]" renewal.Lrs
                (renewal.Lrs |> Array.forall (fun lr -> trial.LrMin <= lr && lr <= trial.LrMax))
        .&. equals $"{rule.Name}: clamped blocks, once each, input to output" (clamped |> List.distinct |> List.sort) clamped)

[<Property(MaxTest = 1000)>]
let ``under every LR renewal a block on its target keeps its LR, within the bounds`` () =
    Prop.forAll (arb renewalCase) (fun (rule, trial, _) ->
        let renewal = rule.Rule trial trial.Variations
        equals $"{rule.Name}: LRs of blocks on their targets" (trial.Lrs |> Array.map (fun lr -> min trial.LrMax (max trial.LrMin lr))) renewal.Lrs)
