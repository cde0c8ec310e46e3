namespace AutoLR.Algorithms

/// The settings of the AutoLR controller (Algorithm 2), each declared once: name, help, range or choices, the default
/// from `AutoLrController.defaults` (choices from the catalogues, the paper's first), and in `mappings` how it sets
/// `ControllerOptions`. A new controller setting is its `let` here and its mapping line; the host's command line,
/// help, validation, appsettings.json, config.json and resume checks follow.
module ControllerSettings =
    /// run, finetune, sweep and compare take the controller's settings.
    let group = SettingGroup("controller", true)

    let private paper = AutoLrController.defaults LearningRateSettings.baseLr.Default

    /// τ, decay factor and floor of the default threshold; a constant τ is decay 1 with the authors' floor 0.8.
    let private tau0, decay0, floor0 =
        match paper.Threshold with
        | Decaying (tau, factor, floor) -> tau, factor, floor
        | Constant tau -> tau, 1.0, 0.8

    let alpha =
        Setting.Number("Alpha", "α: lower end of the target ramp as a multiple of the smallest block variation (eqs. 10–11).",
            [ group ], paper.Alpha, SettingRange.Above 0.0)

    let beta =
        Setting.Number("Beta", "β: upper end of the target ramp as a multiple of the largest block variation (eqs. 10–11).",
            [ group ], paper.Beta, SettingRange.Above 0.0)

    let tau =
        Setting.Number("Tau", "τ: sorting quality a trial must exceed to be accepted (Algorithm 2).",
            [ group ], tau0, SettingRange.AboveUpTo(0.0, 1.0))

    let tauFloor =
        Setting.Number("TauFloor", "Lowest τ that decay may reach (the authors' code: 0.8); at most --tau.",
            [ group ], floor0, SettingRange.AboveUpTo(0.0, 1.0))

    let tauDecay =
        Setting.Number("TauDecay", "Factor applied to τ each epoch (1 = constant τ, the paper; the authors' code uses 0.99).",
            [ group ], decay0, SettingRange.AboveUpTo(0.0, 1.0))

    let trialCap =
        Setting.Integer("TrialCap", "Most trials per epoch; at the cap the trial with the best sorting quality is kept.",
            [ group ], paper.TrialCap, SettingRange.Integers(1, 100))

    let probeFraction =
        Setting.Number("ProbeFraction",
            "Share f of an epoch's batches an AutoLR trial trains before it is judged. 1 = every trial a whole epoch (the paper); " +
            "below 1 a trial is a probe of the epoch's first ⌈f·B⌉ batches and only the kept probe trains the rest of the epoch.",
            [ group ], paper.ProbeFraction, SettingRange.AboveUpTo(0.0, 1.0))

    /// The paper's text states no bound on eq. 16 and the authors' code has none; the default clamps, because an
    /// unbounded eq. 16 can drive a block whose v barely responds to η to LRs SGD cannot train with (DESIGN.md §2).
    let lrClamp =
        Setting.Flag("LrClamp",
            "Clamp the learning rates eq. 16 renews into [--lr-min, --lr-max] (and below --lr-max-factor × the base LR when set); " +
            "false = no clamp at all, as in the authors' code: --lr-min and --lr-max then do not apply and --lr-max-factor must be 0.",
            [ group ], true)

    let lrMin =
        Setting.Number("LrMin", "Smallest learning rate a renewed block may get (eq. 16 is clamped to it); below --lr-max.",
            [ group ], paper.LrMin, SettingRange.Above 0.0)

    let lrMax =
        Setting.Number("LrMax", "Largest learning rate a renewed block may get (eq. 16 is clamped to it); above --lr-min.",
            [ group ], paper.LrMax, SettingRange.Above 0.0)

    /// 0, the default, for no bound relative to the base LR (the paper); a factor below 1 would bound the blocks below
    /// the base LR that epoch 1 starts them at.
    let lrMaxFactor =
        Setting.Number("LrMaxFactor",
            "Largest learning rate a renewed block may get as a multiple of the base LR, in force beside --lr-max " +
            "(the lower of the two bounds): 0 = no bound relative to the base LR (the paper), else a factor of at least 1.",
            [ group ], (match paper.LrMaxFactor with Some factor -> factor | None -> 0.0), SettingRange.AtLeast 0.0)
            .CheckedBy(fun factor ->
                if factor = 0.0 || factor >= 1.0 then null
                else "it must be 0 (no bound relative to the base LR) or at least 1, since every block starts at the base LR; use 0 or a factor ≥ 1.")

    /// 0, the default, for the head LR --head-factor gives; the authors' code fixes the head at 0.01 whatever the
    /// blocks' LRs.
    let headLr =
        Setting.Number("HeadLr",
            "AutoLR's head LR, fixed at this value (only global multipliers such as a late step drop touch it) instead of " +
            "--head-factor × the base LR: 0 = --head-factor × --base-lr (the default); the authors' code: 0.01. The baselines and the " +
            "pruning search keep --head-factor.",
            [ group ], 0.0, SettingRange.AtLeast 0.0)

    let normalisation =
        Setting.Choice("Normalisation", "Weight variation of a block (eq. 1).", [ group ],
            Normalisations.all |> List.map (fun n -> { Name = n.Name; Description = n.Description }), Normalisations.all.Head.Name)

    /// A rule chosen by name from its catalogue (the paper's first), or `user:NAME` from the rule file.
    let private ruleChoice (name: string) (help: string) (catalogue: NamedRule<'Rule> list) =
        Setting.Choice(name, help + " Or user:NAME, a rule of your --rule-file.", [ group ],
            catalogue |> List.map (fun r -> { Name = r.Name; Description = r.Description }), catalogue.Head.Name)
            .OpenTo(UserRuleSet.prefix)

    let acceptanceRule =
        ruleChoice "AcceptanceRule" "Rule that judges a trial (Algorithm 2, line 10), from the rule catalogue." RuleCatalog.acceptance

    let targetRule =
        ruleChoice "TargetRule" "Rule for the targets of epoch 1 (eqs. 10–11), from the rule catalogue." RuleCatalog.initialTargets

    let targetRenewal =
        ruleChoice "TargetRenewal" "Rule for the targets of the epochs after the first (eqs. 12–13), from the rule catalogue." RuleCatalog.targetRenewal

    let lrRenewal =
        ruleChoice "LrRenewal" "Rule that renews the learning rates after a trial (eqs. 15–16 and alternatives), from the rule catalogue." RuleCatalog.lrRenewal

    let divergenceRule =
        ruleChoice "DivergenceRule" "Rule that decides a trial diverged, from the rule catalogue." RuleCatalog.divergence

    let backOffRule =
        ruleChoice "BackOffRule" "Rule for the learning rates a diverged trial is retried with, from the rule catalogue." RuleCatalog.backOff

    /// The rule-choice settings above, for the checks that their `user:NAME` values name a rule of the file.
    let ruleChoices : Setting<string> list = [ acceptanceRule; targetRule; targetRenewal; lrRenewal; divergenceRule; backOffRule ]

    /// Read and compiled by the host (this layer does no I/O); its hash is the host's `RuleFileSha256`.
    let ruleFile =
        Setting.Path("RuleFile",
            "An F# script of your own AutoLR rules (any kind: acceptance, initial targets, target renewal, LR renewal, divergence, back-off), " +
            "compiled when the run starts; the rule-choice settings (e.g. --lr-renewal user:NAME) choose its rules by name. " +
            "It binds `rules` to a UserRuleSet (README: Your own rules). config.json records its path and SHA-256, and a resume " +
            "refuses a changed file. Empty: no rule file.",
            [ group ], "")

    let private tauOf (threshold: ThresholdSchedule) =
        match threshold with
        | Constant tau | Decaying (tau, _, _) -> tau

    let private chosen (parse: string -> Result<'Choice, string>) (name: string) : 'Choice =
        match parse name with
        | Ok choice -> choice
        | Error message -> invalidOp $"{message} Validation should have rejected it; please report this."

    /// The LR bounds of eq. 16 from --lr-clamp, --lr-min, --lr-max and --lr-max-factor together, so that each of them
    /// sets all three the same way and the order of the mappings does not matter: without the clamp the bounds are
    /// [0, +∞), which clamp no positive LR.
    let private lrBounds (values: SettingValues) (o: ControllerOptions) =
        if values.Get lrClamp then
            let factor = values.Get lrMaxFactor
            { o with LrMin = values.Get lrMin; LrMax = values.Get lrMax; LrMaxFactor = if factor = 0.0 then None else Some factor }
        else { o with LrMin = 0.0; LrMax = infinity; LrMaxFactor = None }

    /// The head LR from --head-lr, or --head-factor × --base-lr when --head-lr is 0; both mappings set it the same way.
    let private head (values: SettingValues) (o: ControllerOptions) =
        let fixedLr = values.Get headLr
        { o with HeadLr = if fixedLr > 0.0 then fixedLr else values.Get ScheduleSettings.headFactor * values.Get LearningRateSettings.baseLr }

    /// How each setting sets `ControllerOptions`, starting from `AutoLrController.defaults` at the base LR, with the
    /// rules of a user's rule file (`UserRuleSet.checkedFrom`) beside the catalogues'. The threshold's three settings
    /// give the same schedule in any order: τ sets τ, the decay factor chooses constant (1) or decaying with the floor's
    /// value, the floor sets a decaying schedule's floor. The LR bounds and the head LR are each one function of several
    /// settings, which every one of those settings applies.
    let mappingsWith (user: UserRuleSet) : OptionsMapping<ControllerOptions> list =
        let rule (catalogue: NamedRule<'Rule> list) (kind: string) (name: string) : 'Rule = (chosen (RuleCatalog.find catalogue kind) name).Rule
        [ OptionsMapping.maps alpha (fun a o -> { o with Alpha = a })
          OptionsMapping.maps beta (fun b o -> { o with Beta = b })
          OptionsMapping.maps tau (fun t o ->
              { o with Threshold = match o.Threshold with Constant _ -> Constant t | Decaying (_, factor, floor) -> Decaying (t, factor, floor) })
          OptionsMapping.mapsWith tauDecay (fun values factor o ->
              { o with Threshold = if factor >= 1.0 then Constant (tauOf o.Threshold) else Decaying (tauOf o.Threshold, factor, values.Get tauFloor) })
          OptionsMapping.maps tauFloor (fun floor o ->
              { o with Threshold = match o.Threshold with Decaying (t, factor, _) -> Decaying (t, factor, floor) | constant -> constant })
          OptionsMapping.maps trialCap (fun cap o -> { o with TrialCap = cap })
          OptionsMapping.maps probeFraction (fun f o -> { o with ProbeFraction = f })
          OptionsMapping.mapsWith lrClamp (fun values _ o -> lrBounds values o)
          OptionsMapping.mapsWith lrMin (fun values _ o -> lrBounds values o)
          OptionsMapping.mapsWith lrMax (fun values _ o -> lrBounds values o)
          OptionsMapping.mapsWith lrMaxFactor (fun values _ o -> lrBounds values o)
          OptionsMapping.maps normalisation (fun name o -> { o with Normalisation = chosen Normalisations.tryParse name })
          OptionsMapping.maps acceptanceRule (fun name o ->
              { o with Rules = { o.Rules with Accepts = rule (RuleCatalog.acceptance @ user.Acceptance) "acceptance" name } })
          OptionsMapping.maps targetRule (fun name o ->
              { o with Rules = { o.Rules with InitialTargets = rule (RuleCatalog.initialTargets @ user.InitialTargets) "initial-target" name } })
          OptionsMapping.maps targetRenewal (fun name o ->
              { o with Rules = { o.Rules with RenewTargets = rule (RuleCatalog.targetRenewal @ user.TargetRenewal) "target-renewal" name } })
          OptionsMapping.maps lrRenewal (fun name o ->
              { o with Rules = { o.Rules with RenewLearningRates = rule (RuleCatalog.lrRenewal @ user.LrRenewal) "LR-renewal" name } })
          OptionsMapping.maps divergenceRule (fun name o ->
              { o with Rules = { o.Rules with Diverged = rule (RuleCatalog.divergence @ user.Divergence) "divergence" name } })
          OptionsMapping.maps backOffRule (fun name o ->
              { o with Rules = { o.Rules with BackOff = rule (RuleCatalog.backOff @ user.BackOff) "back-off" name } })
          OptionsMapping.maps ScheduleSettings.stemFactor (fun factor o -> { o with Stem = FollowFirstBlock factor })
          OptionsMapping.mapsWith headLr (fun values _ o -> head values o)
          OptionsMapping.mapsWith ScheduleSettings.headFactor (fun values _ o -> head values o) ]

    /// `mappingsWith` no rule file: every rule from the catalogues.
    let mappings : OptionsMapping<ControllerOptions> list = mappingsWith UserRuleSet.empty

    /// The controller's settings, in the order help lists them.
    let all : Setting list = OptionsMapping.settings mappings @ [ ruleFile ] |> List.filter (fun s -> s.Groups |> List.contains group)

    /// Combinations the controller's settings must respect.
    let rules : SettingRule list =
        [ SettingRule([ tauFloor; tau ], [], fun values ->
              if values.Get tauFloor <= values.Get tau then null
              else $"the floor τ may decay to must not exceed τ itself; lower {tauFloor.Switch} or raise {tau.Switch}.")
          SettingRule([ lrMin; lrMax ], [ lrClamp ], fun values ->
              if not (values.Get lrClamp) || values.Get lrMin < values.Get lrMax then null
              else $"the learning-rate bounds need {lrMin.Switch} < {lrMax.Switch}.")
          SettingRule([ LearningRateSettings.baseLr ], [ lrMin; lrMax; lrClamp ], fun values ->
              let low, high, baseLr = values.Get lrMin, values.Get lrMax, values.Get LearningRateSettings.baseLr
              if not (values.Get lrClamp) || low >= high || (baseLr >= low && baseLr <= high) then null
              else $"the base learning rate must lie within [{lrMin.Switch}, {lrMax.Switch}] = [{lrMin.TextOf low}, {lrMax.TextOf high}].")
          SettingRule([ lrMaxFactor; lrClamp ], [], fun values ->
              if values.Get lrClamp || values.Get lrMaxFactor = 0.0 then null
              else $"a bound relative to the base LR needs the clamp it is part of; set {lrMaxFactor.Switch} 0 or {lrClamp.Switch} true.")
          for choice in ruleChoices do
              SettingRule([ choice; ruleFile ], [], fun values ->
                  let fromFile = (values.Get choice).StartsWith(UserRuleSet.prefix, System.StringComparison.Ordinal)
                  if not fromFile || values.Get ruleFile <> "" then null
                  else $"a {UserRuleSet.prefix}NAME rule comes from a rule file; give {ruleFile.Switch} PATH, or choose a rule of the catalogue.") ]

    /// The controller's options as the settings give them; what no setting names keeps `AutoLrController.defaults`.
    let options (values: SettingValues) : ControllerOptions =
        OptionsMapping.build mappings values (AutoLrController.defaults (values.Get LearningRateSettings.baseLr))

    /// `options` with the rules of a user's rule file, already checked (`UserRuleSet.checkedFrom`), beside the catalogues'.
    let optionsWith (user: UserRuleSet) (values: SettingValues) : ControllerOptions =
        OptionsMapping.build (mappingsWith user) values (AutoLrController.defaults (values.Get LearningRateSettings.baseLr))
