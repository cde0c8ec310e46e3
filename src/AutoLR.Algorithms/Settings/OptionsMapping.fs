namespace AutoLR.Algorithms

open System

/// How a setting changes the options object a layer builds from the settings — `ControllerOptions`,
/// `BaselineParameters`, Torch's `TrainingOptions` — declared with the setting, by the layer that owns those options.
/// A layer's options are its mappings folded over its defaults (`OptionsMapping.build`).
[<Sealed>]
type OptionsMapping<'Options>(setting: Setting, apply: SettingValues -> 'Options -> 'Options) =
    member _.Setting = setting
    member _.Apply(values: SettingValues, options: 'Options) : 'Options = apply values options

    /// `apply` puts the setting's value into the options (C#: `(value, options) => options with { ... }`).
    static member Of<'T>(setting: Setting<'T>, apply: Func<'T, 'Options, 'Options>) =
        OptionsMapping<'Options>(setting, fun values options -> apply.Invoke(values.Get setting, options))

    /// The options `start` with every mapping applied, in order.
    static member Build(mappings: seq<OptionsMapping<'Options>>, values: SettingValues, start: 'Options) : 'Options =
        mappings |> Seq.fold (fun options mapping -> mapping.Apply(values, options)) start

module OptionsMapping =
    /// `setting`'s value put into the options by `apply`.
    let maps (setting: Setting<'T>) (apply: 'T -> 'Options -> 'Options) : OptionsMapping<'Options> =
        OptionsMapping<'Options>(setting, fun values options -> apply (values.Get setting) options)

    /// `setting`'s value put into the options by `apply`, which may read other settings' values too.
    let mapsWith (setting: Setting<'T>) (apply: SettingValues -> 'T -> 'Options -> 'Options) : OptionsMapping<'Options> =
        OptionsMapping<'Options>(setting, fun values options -> apply values (values.Get setting) options)

    /// The options `start` with every mapping applied, in order.
    let build (mappings: seq<OptionsMapping<'Options>>) (values: SettingValues) (start: 'Options) : 'Options =
        OptionsMapping<'Options>.Build(mappings, values, start)

    /// The settings the mappings set, in order, each once.
    let settings (mappings: seq<OptionsMapping<'Options>>) : Setting list =
        mappings |> Seq.map _.Setting |> Seq.distinct |> List.ofSeq
