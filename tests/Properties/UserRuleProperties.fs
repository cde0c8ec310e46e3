/// A user's rules (`UserRuleSet.checkedFrom`): output the controller can use passes through unchanged; a wrong length,
/// a NaN, an infinity or a non-positive LR or target, or an exception, stops the run with a message naming the rule,
/// its file, the epoch and the trial.
module AutoLR.Properties.UserRuleProperties

open System
open FsCheck.FSharp
open FsCheck.Xunit
open Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.RuleInputs

let private file = "/home/researcher/my-rules.fsx"

let private lrRule (name: string) (renew: RuleInput -> float[] -> float[]) : UserRuleSet =
    let rule : NamedRule<LrRenewalRule> = { Name = name; Description = "test"; Rule = fun trial targets -> { Lrs = renew trial targets; Events = [] } }
    UserRuleSet.checkedFrom file { UserRuleSet.empty with LrRenewal = [ rule ] }

let private renewOnce (rules: UserRuleSet) (trial: RuleInput) : float[] =
    (rules.LrRenewal.Head.Rule trial trial.Variations).Lrs

/// The message of the `UserRuleException` that renewing raises, which must name the file, the rule, the epoch and the trial.
let private stopMessage (rules: UserRuleSet) (trial: RuleInput) : string =
    let error = Assert.Throws<UserRuleException>(fun () -> renewOnce rules trial |> ignore)
    Assert.Contains(file, error.Message)
    Assert.Contains("'user:mine'", error.Message)
    Assert.Contains($"epoch {trial.Epoch}, trial {trial.Trial}", error.Message)
    error.Message

let private trialAt (epoch: int) (trialNumber: int) (v: float[]) =
    { trialWith 2.0 0.4 (Array.create v.Length 0.01) v with Epoch = epoch; Trial = trialNumber }

[<Property>]
let ``a rule whose LRs are finite, positive and one per block passes them through unchanged`` () =
    Prop.forAll (Arb.fromGen (Gen.zip variations learningRate)) (fun (v, lr) ->
        let rules = lrRule "mine" (fun trial _ -> Array.create trial.Lrs.Length lr)
        renewOnce rules (trialAt 1 1 v) = Array.create v.Length lr)

[<Property>]
let ``a rule that returns one LR too few or too many stops the run naming both lengths`` () =
    Prop.forAll (Arb.fromGen (Gen.zip variations (Gen.elements [ -1; 1 ]))) (fun (v, off) ->
        let rules = lrRule "mine" (fun trial _ -> Array.create (trial.Lrs.Length + off) 0.01)
        let message = stopMessage rules (trialAt 3 2 v)
        message.Contains $"{v.Length + off} learning rates for {v.Length} blocks")

[<Property>]
let ``a NaN, infinite, zero or negative LR of any block stops the run naming the block`` () =
    let bad = Gen.elements [ nan; infinity; -infinity; 0.0; -0.01 ]
    Prop.forAll (Arb.fromGen (gen {
        let! v = variations
        let! k = Gen.choose (0, v.Length - 1)
        let! x = bad
        return v, k, x })) (fun (v, k, x) ->
        let rules = lrRule "mine" (fun trial _ -> Array.init trial.Lrs.Length (fun i -> if i = k then x else 0.01))
        let message = stopMessage rules (trialAt 2 4 v)
        message.Contains $"learning rates of block {k + 1}")

[<Fact>]
let ``a rule that throws stops the run with its exception's message and the exception inside`` () =
    let rules = lrRule "mine" (fun _ _ -> failwith "index out of my patience")
    let error = Assert.Throws<UserRuleException>(fun () -> renewOnce rules (trialAt 5 3 [| 0.1; 0.2; 0.3 |]) |> ignore)
    Assert.Contains("index out of my patience", error.Message)
    Assert.Contains("epoch 5, trial 3", error.Message)
    Assert.IsType<Exception>(error.InnerException) |> ignore

[<Fact>]
let ``a rule that returns null LRs stops the run`` () =
    let rules = lrRule "mine" (fun _ _ -> Unchecked.defaultof<float[]>)
    Assert.Contains("null", stopMessage rules (trialAt 1 1 [| 0.1; 0.2 |]))

[<Fact>]
let ``targets and back-off LRs are checked like renewed LRs, and a rule with no ramp may still say so`` () =
    let trial = trialAt 1 2 [| 0.1; 0.2; 0.3 |]
    let targets : NamedRule<InitialTargetRule> list =
        [ { Name = "short"; Description = ""; Rule = fun _ -> Ok [| 1.0; 2.0 |] }
          { Name = "none"; Description = ""; Rule = fun _ -> Error(EmptyRange(1.0, 0.5)) } ]
    let renewal : NamedRule<TargetRenewalRule> =
        { Name = "nan"; Description = ""; Rule = fun t -> { Targets = Array.create t.Lrs.Length nan; Step = 1.0; Events = [] } }
    let backOff : NamedRule<BackOffRule> = { Name = "negative"; Description = ""; Rule = fun t -> Array.create t.Lrs.Length -1.0, [] }
    let rules = UserRuleSet.checkedFrom file { UserRuleSet.empty with InitialTargets = targets; TargetRenewal = [ renewal ]; BackOff = [ backOff ] }
    Assert.Contains("2 targets for 3 blocks", Assert.Throws<UserRuleException>(fun () -> rules.InitialTargets[0].Rule trial |> ignore).Message)
    Assert.Equal(Error(EmptyRange(1.0, 0.5)), rules.InitialTargets[1].Rule trial)
    Assert.Contains("targets of block 1 is NaN", Assert.Throws<UserRuleException>(fun () -> rules.TargetRenewal.Head.Rule trial |> ignore).Message)
    Assert.Contains("learning rates of block 1 is -1", Assert.Throws<UserRuleException>(fun () -> rules.BackOff.Head.Rule trial |> ignore).Message)

[<Fact>]
let ``a user's rules are named user:NAME, and the settings choose them beside the catalogue's`` () =
    let rules = lrRule "mine" (fun trial _ -> Array.create trial.Lrs.Length 0.02)
    Assert.Equal("user:mine", rules.LrRenewal.Head.Name)
    let values = SettingValues.Defaults(ControllerSettings.all @ LearningRateSettings.all @ ScheduleSettings.all).With(ControllerSettings.lrRenewal, "user:mine")
    Assert.Null(ControllerSettings.lrRenewal.Problem("user:mine" :> obj))
    Assert.NotNull(ControllerSettings.lrRenewal.Problem("mine" :> obj))
    let options = ControllerSettings.optionsWith rules values
    Assert.Same(rules.LrRenewal.Head.Rule, options.Rules.RenewLearningRates)

[<Fact>]
let ``names that are empty, hold spaces or repeat within a kind are problems, one sentence each`` () =
    let named (name: string) : NamedRule<AcceptanceRule> = { Name = name; Description = ""; Rule = fun _ -> true }
    Assert.Empty(UserRuleSet.nameProblems { UserRuleSet.empty with Acceptance = [ named "a"; named "b" ] })
    Assert.Equal(1, List.length (UserRuleSet.nameProblems { UserRuleSet.empty with Acceptance = [ named "a"; named "a" ] }))
    Assert.Equal(2, List.length (UserRuleSet.nameProblems { UserRuleSet.empty with Acceptance = [ named ""; named "my rule" ] }))
