module AutoLR.Properties.SettingProperties

open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// Every setting the F# core declares.
let private coreSettings : Setting list = PresetSettings.all @ ControllerSettings.all @ ScheduleSettings.all @ LearningRateSettings.all

let private defaults = SettingValues.Defaults coreSettings

/// A value as settings hold it: never null.
let private boxed (value: 'T) : obj = nonNull (box value)

/// The relative LR bound's own check refuses the factors in (0, 1) its range admits: its valid values are 0 (none)
/// and factors from 1.
let private validLrMaxFactor : Gen<obj> = Gen.oneof [ Gen.constant 0.0; uniform 1.0 100.0 ] |> Gen.map boxed

/// A value inside a numeric setting's range (whole for an integer range) that its own check accepts, or one of a
/// choice setting's names.
let private validValue (setting: Setting) : Gen<obj> =
    match setting.Range, setting.Choices with
    | Some _, _ when setting.Name = ControllerSettings.lrMaxFactor.Name -> validLrMaxFactor
    | Some range, _ ->
        let top = if System.Double.IsPositiveInfinity range.Maximum then range.Minimum + 100.0 else range.Maximum
        if range.Integer then
            Gen.choose (int range.Minimum, int (min top (range.Minimum + 20.0))) |> Gen.map boxed
        else
            uniform range.Minimum top
            |> Gen.map (fun x -> if SettingRange.accepts range x then x else (range.Minimum + top) / 2.0)
            |> Gen.map boxed
    | None, [] when setting.Kind = SettingKind.Flag -> Gen.elements [ true; false ] |> Gen.map boxed
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
    .&. equals "LR bound relative to the base LR" paper.LrMaxFactor built.LrMaxFactor
    .&. equals "normalisation" paper.Normalisation.Name built.Normalisation.Name
    .&. equals "probe fraction" paper.ProbeFraction built.ProbeFraction
    .&. equals "stem rule" paper.Stem built.Stem
    .&. near "head LR" paper.HeadLr built.HeadLr
    .&. (obj.ReferenceEquals(RuleCatalog.initialTargets.Head.Rule, built.Rules.InitialTargets) |@ "the paper's initial-target rule")
    .&. (obj.ReferenceEquals(RuleCatalog.lrRenewal.Head.Rule, built.Rules.RenewLearningRates) |@ "the paper's LR-renewal rule")

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
        .&. (if values.Get ControllerSettings.lrClamp then
                 equals "LR bounds" (values.Get ControllerSettings.lrMin, values.Get ControllerSettings.lrMax) (built.LrMin, built.LrMax)
                 .&. equals "LR bound relative to the base LR, 0 for none"
                         (match values.Get ControllerSettings.lrMaxFactor with 0.0 -> None | factor -> Some factor) built.LrMaxFactor
             else
                 equals "no clamp: LR bounds [0, +∞) and no relative bound" (0.0, infinity, None) (built.LrMin, built.LrMax, built.LrMaxFactor))
        .&. equals "normalisation" (values.Get ControllerSettings.normalisation) built.Normalisation.Name
        .&. (let named = RuleCatalog.lrRenewal |> List.find (fun r -> r.Name = values.Get ControllerSettings.lrRenewal)
             obj.ReferenceEquals(named.Rule, built.Rules.RenewLearningRates) |@ $"the LR-renewal rule named {named.Name}")
        .&. equals "stem rule" (FollowFirstBlock (values.Get ScheduleSettings.stemFactor)) built.Stem
        .&. (match values.Get ControllerSettings.headLr with
             | 0.0 -> near "head LR = head factor × base LR" (values.Get ScheduleSettings.headFactor * values.Get LearningRateSettings.baseLr) built.HeadLr
             | fixedLr -> equals "head LR fixed by --head-lr" fixedLr built.HeadLr))

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
    [ ControllerSettings.normalisation; ControllerSettings.targetRule; ControllerSettings.lrRenewal; ScheduleSettings.schedule; PresetSettings.preset ]
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
        let clamp, factor = values.Get ControllerSettings.lrClamp, values.Get ControllerSettings.lrMaxFactor
        let expected =
            [ floor > tau; clamp && low >= high; clamp && low < high && (baseLr < low || baseLr > high); not clamp && factor <> 0.0 ]
            |> List.filter id |> List.length
        equals "rules broken" expected broken.Length)

[<Property(MaxTest = 300)>]
let ``the relative LR bound is 0 (none) or a factor of at least 1; a factor in (0, 1) is refused naming both`` () =
    let factors = Gen.oneof [ uniform -2.0 3.0; Gen.elements [ 0.0; 1.0; 0.5; 1e-9; 1.0 - 1e-12; -1e-9 ] ]
    Prop.forAll (arb factors) (fun factor ->
        let problem = ControllerSettings.lrMaxFactor.Problem(boxed factor)
        if factor = 0.0 || factor >= 1.0 then about "the problem of an accepted factor" problem (isNull problem)
        elif factor < 0.0 then about "the problem of a negative factor" problem (not (isNull problem))
        else about "the problem of a factor in (0, 1), naming 0 and 1" problem
                 (not (isNull problem) && (nonNull problem).Contains "0 (no bound" && (nonNull problem).Contains "at least 1"))

/// The settings a preset covers, each chosen by the configuration or not, and the preset's values in some order.
let private presetCase (preset: SettingPreset) : Gen<SettingValues * Set<string> * SettingPreset> =
    gen {
        let! values = validValues
        let! chosen = Gen.subListOf (preset.Values |> List.map (fun (s, _) -> s.Name))
        let! order = Gen.shuffle preset.Values
        return values, Set.ofSeq chosen, { preset with Values = List.ofArray order }
    }

[<Property(MaxTest = 300)>]
let ``the authors' preset gives each setting it covers its value unless the configuration chooses it, in any order`` () =
    Prop.forAll (arb (presetCase PresetSettings.authors)) (fun (values, chosen, preset) ->
        let applied = PresetSettings.applyPreset preset (System.Func<Setting, bool>(fun s -> chosen.Contains s.Name)) values
        let given = preset.Values |> List.map (fun (s, v) -> s.Name, v) |> Map.ofList
        coreSettings |> every _.Name (fun s ->
            match given.TryFind s.Name with
            | Some presetValue when not (chosen.Contains s.Name) -> equals "the preset's value" presetValue (applied.Value s)
            | Some _ -> equals "the chosen value" (values.Value s) (applied.Value s)
            | None -> equals "a setting the preset does not cover, unchanged" (values.Value s) (applied.Value s)))

[<Property(MaxTest = 300)>]
let ``under the authors' preset the controller's options are the authors' code's, whatever the order of the mappings`` () =
    let orders = Gen.shuffle ControllerSettings.mappings |> Gen.map List.ofArray
    Prop.forAll (arb (Gen.zip validValues orders)) (fun (configured, order) ->
        let values = PresetSettings.apply (System.Func<Setting, bool>(fun _ -> false)) (configured.With(PresetSettings.preset, boxed "authors"))
        let built = OptionsMapping.build order values (AutoLrController.defaults (values.Get LearningRateSettings.baseLr))
        let tau = values.Get ControllerSettings.tau
        equals "τ × 0.99 per epoch down to 0.8" (Decaying (tau, 0.99, 0.8)) built.Threshold
        .&. equals "no clamp" (0.0, infinity, None) (built.LrMin, built.LrMax, built.LrMaxFactor)
        .&. equals "head LR 0.01 whatever the base LR and head factor" 0.01 built.HeadLr
        .&. equals "stem 0.5 × block 1" (FollowFirstBlock 0.5) built.Stem)

[<Property(MaxTest = 100)>]
let ``the paper's preset changes no setting, and the default preset is the paper's`` () =
    Prop.forAll (arb validValues) (fun values ->
        let paper = values.With(PresetSettings.preset, boxed "paper")
        let applied = PresetSettings.apply (System.Func<Setting, bool>(fun _ -> false)) paper
        equals "the default preset" "paper" PresetSettings.preset.Default
        .&. equals "a stored run made before presets existed" (boxed "paper") (nonNull PresetSettings.preset.ValueBeforeItExisted)
        .&. (coreSettings |> every _.Name (fun s -> equals "the value" (paper.Value s) (applied.Value s))))

[<Property(MaxTest = 1)>]
let ``help names each value the authors' preset gives, and no grid may sweep a preset`` () =
    let authors = PresetSettings.preset.Choices |> List.find (fun c -> c.Name = "authors")
    [ "--tau-decay 0.99"; "--tau-floor 0.8"; "--lr-clamp false"; "--head-lr 0.01"; "--stem-factor 0.5" ]
    |> every id (fun text -> about "the authors' description" authors.Description (authors.Description.Contains text))
    .&. about "the preset is sweepable" PresetSettings.preset.Sweepable (not PresetSettings.preset.Sweepable)
