module AutoLR.Properties.SettingProperties

open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// Every setting the F# core declares.
let private coreSettings : Setting list = ControllerSettings.all @ ScheduleSettings.all @ LearningRateSettings.all

let private defaults = SettingValues.Defaults coreSettings

/// A value as settings hold it: never null.
let private boxed (value: 'T) : obj = nonNull (box value)

/// A value inside a numeric setting's range (whole for an integer range), or one of a choice setting's names.
let private validValue (setting: Setting) : Gen<obj> =
    match setting.Range, setting.Choices with
    | Some range, _ ->
        let top = if System.Double.IsPositiveInfinity range.Maximum then range.Minimum + 100.0 else range.Maximum
        if range.Integer then
            Gen.choose (int range.Minimum, int (min top (range.Minimum + 20.0))) |> Gen.map boxed
        else
            uniform range.Minimum top
            |> Gen.map (fun x -> if SettingRange.accepts range x then x else (range.Minimum + top) / 2.0)
            |> Gen.map boxed
    | None, [] -> Gen.constant setting.DefaultValue
    | None, choices -> Gen.elements choices |> Gen.map (fun c -> boxed c.Name)

/// Every core setting at a valid value of its own.
let private validValues : Gen<SettingValues> =
    coreSettings
    |> List.map (fun s -> validValue s |> Gen.map (fun v -> s, v))
    |> Gen.sequenceToList
    |> Gen.map (List.fold (fun (values: SettingValues) (s, v) -> values.With(s, v)) defaults)

[<Property(MaxTest = 1)>]
let ``every core setting's default is valid by itself, and names and switches are each used once`` () =
    let names = coreSettings |> List.map (fun s -> s.Name.ToLowerInvariant())
    let switches = coreSettings |> List.map _.Switch
    (coreSettings |> every _.Name (fun s -> about "the default's problem" (s.Problem s.DefaultValue) (isNull (s.Problem s.DefaultValue))))
    .&. about "names, each once (case-insensitive)" names (List.length (List.distinct names) = names.Length)
    .&. about "switches, each once" switches (List.length (List.distinct switches) = switches.Length)

[<Property(MaxTest = 1)>]
let ``the controller's settings at their defaults give AutoLrController.defaults`` () =
    let baseLr = LearningRateSettings.baseLr.Default
    let paper = AutoLrController.defaults baseLr
    let built = ControllerSettings.options defaults
    equals "α" paper.Alpha built.Alpha
    .&. equals "β" paper.Beta built.Beta
    .&. equals "threshold" paper.Threshold built.Threshold
    .&. equals "trial cap" paper.TrialCap built.TrialCap
    .&. equals "LR bounds" (paper.LrMin, paper.LrMax) (built.LrMin, built.LrMax)
    .&. equals "normalisation" paper.Normalisation built.Normalisation
    .&. equals "probe fraction" paper.ProbeFraction built.ProbeFraction
    .&. equals "stem rule" paper.Stem built.Stem
    .&. near "head LR" paper.HeadLr built.HeadLr
    .&. (obj.ReferenceEquals(RuleCatalog.initialTargets.Head.Rule, built.Rules.InitialTargets) |@ "the paper's initial-target rule")

[<Property(MaxTest = 300)>]
let ``each controller setting reaches the options, whatever the order of the mappings`` () =
    let orders = Gen.shuffle ControllerSettings.mappings |> Gen.map List.ofArray
    Prop.forAll (arb (Gen.zip validValues orders)) (fun (values, order) ->
        let built = OptionsMapping.build order values (AutoLrController.defaults (values.Get LearningRateSettings.baseLr))
        let tau, decay, floor = values.Get ControllerSettings.tau, values.Get ControllerSettings.tauDecay, values.Get ControllerSettings.tauFloor
        let threshold = if decay >= 1.0 then Constant tau else Decaying (tau, decay, floor)
        equals "α" (values.Get ControllerSettings.alpha) built.Alpha
        .&. equals "β" (values.Get ControllerSettings.beta) built.Beta
        .&. equals "threshold from τ, its decay and floor" threshold built.Threshold
        .&. equals "trial cap" (values.Get ControllerSettings.trialCap) built.TrialCap
        .&. equals "probe fraction" (values.Get ControllerSettings.probeFraction) built.ProbeFraction
        .&. equals "LR bounds" (values.Get ControllerSettings.lrMin, values.Get ControllerSettings.lrMax) (built.LrMin, built.LrMax)
        .&. equals "normalisation" (Normalisations.tryParse (values.Get ControllerSettings.normalisation)) (Ok built.Normalisation)
        .&. equals "stem rule" (FollowFirstBlock (values.Get ScheduleSettings.stemFactor)) built.Stem
        .&. near "head LR = head factor × base LR" (values.Get ScheduleSettings.headFactor * values.Get LearningRateSettings.baseLr) built.HeadLr)

[<Property(MaxTest = 300)>]
let ``the schedule settings give the hyper-parameters they name`` () =
    Prop.forAll (arb validValues) (fun values ->
        let parameters = ScheduleSettings.baselineParameters values
        ScheduleParameters.all |> every _.Name (fun p ->
            equals "value in BaselineParameters" (System.Convert.ToDouble(values.Value(ScheduleSettings.parameter p))) (p.Get parameters)))

[<Property(MaxTest = 500)>]
let ``a valid value reads back from its text and has no problem, one outside the range has`` () =
    Prop.forAll (arb validValues) (fun values ->
        coreSettings |> every _.Name (fun s ->
            let value = values.Value s
            let text = s.Text value
            about "the text's syntax problem" (s.SyntaxProblem text) (isNull (s.SyntaxProblem text))
            .&. lazy (equals "the value read back from its text" value (s.Parse text))
            .&. about "the value's problem" (s.Problem value) (isNull (s.Problem value))
            .&. (match s.Range with
                 | Some range when range.Minimum > -infinity ->
                     let below = if range.Integer then boxed (int range.Minimum - 1) else boxed (range.Minimum - 1.0)
                     not (isNull (s.Problem below)) |@ $"{s.Text below}, below the range, is refused"
                 | _ -> noClaim)))

[<Property(MaxTest = 1)>]
let ``a choice setting refuses a name no catalogue has, listing the names`` () =
    [ ControllerSettings.normalisation; ControllerSettings.targetRule; ScheduleSettings.schedule ]
    |> every _.Name (fun s ->
        let problem = s.Problem(boxed "no-such-choice")
        about "the problem of an unknown name" problem
            (not (isNull problem) && s.Choices |> List.forall (fun c -> (nonNull problem).Contains c.Name)))

[<Property(MaxTest = 300)>]
let ``the controller's rules hold exactly for ordered bounds and a floor at most τ`` () =
    Prop.forAll (arb validValues) (fun values ->
        let broken = ControllerSettings.rules |> List.filter (fun rule -> not (isNull (rule.Problem values)))
        let tau, floor = values.Get ControllerSettings.tau, values.Get ControllerSettings.tauFloor
        let low, high, baseLr = values.Get ControllerSettings.lrMin, values.Get ControllerSettings.lrMax, values.Get LearningRateSettings.baseLr
        let expected = [ floor > tau; low >= high; low < high && (baseLr < low || baseLr > high) ] |> List.filter id |> List.length
        equals "rules broken" expected broken.Length)
