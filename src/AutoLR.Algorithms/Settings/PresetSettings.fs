namespace AutoLR.Algorithms

open System

/// Values for several settings taken in one switch (`--preset authors`): each setting the preset covers gets its value
/// unless the run's configuration sets that setting itself.
type SettingPreset =
    { Name: string
      /// Where the values come from, for help; help lists the values after it.
      Source: string
      /// Each covered setting once, with the value the preset gives it (of the setting's type).
      Values: (Setting * obj) list }

/// The presets of `--preset`: `paper`, the default, covers nothing (every setting keeps its own default: the paper's
/// text, with this project's decisions where it is silent); `authors` gives the choices of the authors' released code
/// where it differs from the paper's text or from those decisions.
module PresetSettings =
    /// A preset is a setting of several settings at once: a sweep cell changes the values of one grid point on top of
    /// the run's resolved values, where a preset could no longer tell the settings a user chose from those it gave, so
    /// no grid may vary it (`Sweepable` is false).
    let private notSwept = SettingGroup("preset", false)

    let private value (setting: Setting<'T>) (value: 'T) : Setting * obj = (setting :> Setting), Setting.Boxed value

    let paper = { Name = "paper"; Source = "every setting at its own default: the paper's text, and this project's choices where the text is silent"; Values = [] }

    /// The authors' code (github.com/youngminPIL/AutoLR, train.py): `thr_score *= 0.99` each epoch while above 0.8,
    /// eq. 16 unclamped, the classifier's group reset to `cls_lr = 0.01` at every renewal, conv1/bn1 at
    /// `conv1_factor = 0.5` × layer1[0]'s LR.
    let authors =
        { Name = "authors"
          Source = "the authors' released code"
          Values =
            [ value ControllerSettings.tauDecay 0.99
              value ControllerSettings.tauFloor 0.8
              value ControllerSettings.lrClamp false
              value ControllerSettings.headLr 0.01
              value ScheduleSettings.stemFactor 0.5 ] }

    let presets : SettingPreset list = [ paper; authors ]

    /// "the authors' released code: --tau-decay 0.99, --tau-floor 0.8, ...", from the preset's own values.
    let describe (preset: SettingPreset) : string =
        match preset.Values with
        | [] -> preset.Source
        | values -> preset.Source + ": " + String.Join(", ", values |> List.map (fun (s, v) -> $"{s.Switch} {s.Text v}"))

    let preset =
        Setting.Choice("Preset",
            "Values for several settings in one switch. A setting given explicitly — a switch, an AUTOLR__ variable, or a value " +
            "in appsettings.json other than its shipped default — keeps its own value; config.json records the preset and every " +
            "value it gave, so a resume keeps them.",
            [ ControllerSettings.group; notSwept ],
            presets |> List.map (fun p -> { Name = p.Name; Description = describe p }), paper.Name)
            .ExistingBefore(paper.Name)

    /// The preset named `name`, if there is one (validation reports any other name).
    let tryFind (name: string) : SettingPreset option = presets |> List.tryFind (fun p -> p.Name = name)

    /// `values` with each setting `preset` covers at the preset's value, except those `chosen` says the configuration
    /// sets itself. Each covered setting is set once, so the order of the preset's values does not matter.
    let applyPreset (preset: SettingPreset) (chosen: Func<Setting, bool>) (values: SettingValues) : SettingValues =
        preset.Values
        |> List.fold (fun (result: SettingValues) (setting, presetValue) ->
            if chosen.Invoke setting then result else result.With(setting, presetValue)) values

    /// `values` with the preset they name applied (`applyPreset`); an unknown name leaves them as they are, for
    /// validation to report.
    let apply (chosen: Func<Setting, bool>) (values: SettingValues) : SettingValues =
        match tryFind (values.Get preset) with
        | Some named -> applyPreset named chosen values
        | None -> values

    /// Whether the preset named `name` gives `setting` a value.
    let gives (name: string) (setting: Setting) : bool =
        match tryFind name with
        | Some named -> named.Values |> List.exists (fun (covered, _) -> covered = setting)
        | None -> false

    /// The settings any preset covers.
    let covered : Setting list = presets |> List.collect (fun p -> p.Values |> List.map fst) |> List.distinct

    /// The preset setting, as the registry lists it.
    let all : Setting list = [ preset ]
