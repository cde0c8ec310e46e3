namespace AutoLR.Algorithms

/// The schedule settings, made from `ScheduleCatalog` (the choices of `--schedule`) and `ScheduleParameters` (the
/// baselines' hyper-parameters: name, help, range, default and how each sets `BaselineParameters`), so a new
/// baseline or hyper-parameter is declared there once.
module ScheduleSettings =
    /// The schedule of a single fine-tune: finetune and sweep take it (compare lists several with --schedules).
    let scheduleGroup = SettingGroup("schedule", true)

    /// The baselines' hyper-parameters: finetune, sweep and compare take them.
    let parameterGroup = SettingGroup("schedule parameters", true)

    /// The stem and head factors, which also set AutoLR's and the pruning search's stem and head LRs
    /// (`ControllerSettings.mappings`): run and prune take them besides.
    let layerFactorGroup = SettingGroup("stem and head factors", true)

    let schedule =
        Setting.Choice("Schedule", "Learning-rate schedule of the fine-tuning: AutoLR or a baseline.", [ scheduleGroup ],
            { Name = ScheduleCatalog.AutoLrName; Description = "Algorithm 2, the paper's method" }
            :: (ScheduleCatalog.baselines |> List.map (fun b -> { Name = b.Name; Description = b.Description })),
            ScheduleCatalog.AutoLrName)

    let private isLayerFactor (p: ScheduleParameter) =
        p.Name = ScheduleParameters.stemFactor.Name || p.Name = ScheduleParameters.headFactor.Name

    let private mapping (p: ScheduleParameter) : OptionsMapping<BaselineParameters> =
        let groups = if isLayerFactor p then [ parameterGroup; layerFactorGroup ] else [ parameterGroup ]
        let range = ScheduleParameter.range p
        let byDefault = p.Get BaselineParameters.defaults
        if p.Integer then
            OptionsMapping.maps (Setting.Integer(p.Name, p.Description, groups, int byDefault, range)) (fun value -> p.Set(float value))
        else
            OptionsMapping.maps (Setting.Number(p.Name, p.Description, groups, byDefault, range)) p.Set

    /// How each hyper-parameter's setting sets `BaselineParameters`, in the catalogue's order.
    let mappings : OptionsMapping<BaselineParameters> list = ScheduleParameters.all |> List.map mapping

    /// One setting per hyper-parameter, in the catalogue's order.
    let parameters : Setting list = OptionsMapping.settings mappings

    /// The setting of a hyper-parameter of `ScheduleParameters`.
    let parameter (p: ScheduleParameter) : Setting = parameters |> List.find (fun s -> s.Name = p.Name)

    let stemFactor = parameter ScheduleParameters.stemFactor :?> Setting<float>
    let headFactor = parameter ScheduleParameters.headFactor :?> Setting<float>

    /// The schedule, then its hyper-parameters.
    let all : Setting list = (schedule :> Setting) :: parameters

    /// The schedule the settings choose; validation has checked the name, so an unknown one is a bug.
    let choice (values: SettingValues) : ScheduleChoice =
        match ScheduleCatalog.tryParse (values.Get schedule) with
        | Ok choice -> choice
        | Error message -> invalidOp $"{message} Validation should have rejected it; please report this."

    /// The baselines' hyper-parameters as the settings give them.
    let baselineParameters (values: SettingValues) : BaselineParameters =
        OptionsMapping.build mappings values BaselineParameters.defaults
