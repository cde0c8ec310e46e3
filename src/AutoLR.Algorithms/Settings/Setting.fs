namespace AutoLR.Algorithms

open System
open System.Globalization

/// How a setting's values are written: what help calls them and how configuration text parses into them
/// (Number: float, Integer: int, Flag: bool, the others: string).
type SettingKind =
    | Number = 0
    | Integer = 1
    | Text = 2
    | Choice = 3
    | Flag = 4
    | Path = 5

/// What a setting is to a run, which decides where it is recorded and whether a resume may change it.
type SettingRole =
    /// Part of the experiment: config.json, results.json and every checkpoint record it, and a resume keeps it.
    | Experiment = 0
    /// How the run computes, not what (the device): a resume may change it, checkpoints do not record it, and a queued
    /// job may not carry it (each worker computes on its own).
    | Compute = 1
    /// Where the run writes (the output folder): config.json records it, results.json and checkpoints do not (a moved
    /// run is the same run), and a queued job may not carry it (the worker places its runs).
    | Placement = 2

/// Settings that commands take together, named by what they are about (the controller, the data...): each setting
/// says which groups it belongs to, the host's command catalogue which groups each command takes.
[<Sealed>]
type SettingGroup(name: string, sweepable: bool) =
    member _.Name = name
    /// Whether a sweep's grid may vary the group's settings: not those of the data, the backbone or the machine, which
    /// every cell of a sweep shares.
    member _.Sweepable = sweepable
    override _.ToString() = name

/// One value a choice setting accepts: the name users type, and what it means, for help.
type SettingChoice = { Name: string; Description: string }

/// One setting, declared once by the layer that owns its concept: its configuration name (the switch is its kebab
/// case, `BaseLr` → `--base-lr`), its kind, help, groups, role, default, range or choices, and what else the host
/// needs to parse, check, record and resolve it. The command line, help, validation, appsettings.json, config.json,
/// results.json and the resume checks all read these; `Setting<'T>` holds the typed parts.
[<AbstractClass>]
type Setting(name: string, kind: SettingKind, help: string, groups: SettingGroup list) =
    /// The configuration name, e.g. `TauFloor` (key `AutoLR:TauFloor`, environment variable `AUTOLR__TAUFLOOR`).
    member _.Name = name
    /// The command-line switch: the name in kebab case, `TauFloor` → `--tau-floor`, `SgdrT0` → `--sgdr-t0`.
    member _.Switch =
        "--" + String.Concat(name |> Seq.mapi (fun i c -> if Char.IsUpper c then (if i > 0 then "-" else "") + string (Char.ToLowerInvariant c) else string c))
    member _.Kind = kind
    /// What the setting does, for help; the range, choices and default are added where help is shown.
    member _.Help = help
    member _.Groups = groups
    /// A sweep may vary it: every group it belongs to is sweepable, and its values can be listed (a number, an integer or a choice).
    member _.Sweepable =
        groups |> List.forall (fun g -> g.Sweepable) && (kind = SettingKind.Number || kind = SettingKind.Integer || kind = SettingKind.Choice)
    abstract Role: SettingRole
    /// The names a choice setting accepts, in the order help lists them; empty for other kinds.
    abstract Choices: SettingChoice list
    /// The range of a numeric setting, or None.
    abstract Range: SettingRange option
    abstract DefaultValue: obj
    /// The value a stored run that predates this setting ran with, or null when the default applies: such a run
    /// resumes with that value, not with today's default.
    abstract ValueBeforeItExisted: objnull
    /// Null when `text` is a value of the setting's kind (a number, a whole number, true or false), else what was expected.
    abstract SyntaxProblem: text: string -> string | null
    /// The value of configuration text that has no syntax problem.
    abstract Parse: text: string -> obj
    /// What is wrong with a value by itself — out of range, not a choice, its own check — as the end of a sentence
    /// ("it must be ..."), or null. Rules over several settings are `SettingRule`s.
    abstract Problem: value: obj -> string | null
    /// A value as configuration text (invariant culture; flags true/false).
    abstract Text: value: obj -> string
    /// The value this machine runs with: `--threads 0` is the core count, `--strided-projection auto` the path this CPU
    /// needs. Resolved once at start, so config.json records what ran and a resume keeps it.
    abstract Resolve: values: SettingValues * value: obj -> obj

    /// A value as the registry holds it: never null (every setting has a value).
    static member internal Boxed(value: 'T) : obj = nonNull (box value)

    static member private Syntax(kind: SettingKind) : string -> obj option =
        match kind with
        | SettingKind.Number ->
            fun text -> match Double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture) with | true, x -> Some(Setting.Boxed x) | _ -> None
        | SettingKind.Integer ->
            fun text -> match Int32.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) with | true, x -> Some(Setting.Boxed x) | _ -> None
        | SettingKind.Flag ->
            fun text -> match Boolean.TryParse text with | true, x -> Some(Setting.Boxed x) | _ -> None
        | _ -> fun text -> Some(Setting.Boxed text)

    static member private Expected(kind: SettingKind) =
        match kind with
        | SettingKind.Number -> "expected a number such as 0.4 or 1e-5 (a dot, not a comma, for decimals)."
        | SettingKind.Integer -> "expected a whole number such as 32."
        | SettingKind.Flag -> "expected true or false."
        | _ -> ""

    static member private Make<'T>(name, kind, help, groups: seq<SettingGroup>, defaultValue: 'T, range, choices) : Setting<'T> =
        Setting<'T>(
            { Name = name; Kind = kind; Help = help; Groups = List.ofSeq groups; Default = defaultValue; Range = range; Choices = choices
              Role = SettingRole.Experiment; Before = None; OpenPrefix = None; Check = (fun _ -> null); Resolve = (fun _ value -> value)
              Syntax = Setting.Syntax kind; Expected = Setting.Expected kind })

    /// A real number in `range`.
    static member Number(name, help, groups, defaultValue: float, range: SettingRange) : Setting<float> =
        Setting.Make(name, SettingKind.Number, help, groups, defaultValue, Some range, [])

    /// A whole number in `range`.
    static member Integer(name, help, groups, defaultValue: int, range: SettingRange) : Setting<int> =
        Setting.Make(name, SettingKind.Integer, help, groups, defaultValue, Some { range with Integer = true }, [])

    /// true or false; a switch without a value means true.
    static member Flag(name, help, groups, defaultValue: bool) : Setting<bool> =
        Setting.Make(name, SettingKind.Flag, help, groups, defaultValue, None, [])

    /// One of `choices` (exact names), e.g. a catalogue's rules.
    static member Choice(name, help, groups, choices: seq<SettingChoice>, defaultValue: string) : Setting<string> =
        Setting.Make(name, SettingKind.Choice, help, groups, defaultValue, None, List.ofSeq choices)

    /// Free text, checked by `CheckedBy` if at all.
    static member Text(name, help, groups, defaultValue: string) : Setting<string> =
        Setting.Make(name, SettingKind.Text, help, groups, defaultValue, None, [])

    /// A file or folder; relative paths are taken from the working directory.
    static member Path(name, help, groups, defaultValue: string) : Setting<string> =
        Setting.Make(name, SettingKind.Path, help, groups, defaultValue, None, [])

/// The parts of a `Setting<'T>`; the modifiers of `Setting<'T>` copy it with one part changed.
and internal SettingSpec<'T> =
    { Name: string
      Kind: SettingKind
      Help: string
      Groups: SettingGroup list
      Default: 'T
      Range: SettingRange option
      Choices: SettingChoice list
      Role: SettingRole
      Before: 'T option
      OpenPrefix: string option
      Check: 'T -> string | null
      Resolve: SettingValues -> 'T -> 'T
      Syntax: string -> obj option
      Expected: string }

/// A setting whose values are of type 'T (float, int, bool or string); made by `Setting.Number`, `Setting.Integer`,
/// `Setting.Flag`, `Setting.Choice`, `Setting.Text` or `Setting.Path`, then refined with the `With`/`By` methods.
and [<Sealed>] Setting<'T> internal (spec: SettingSpec<'T>) =
    inherit Setting(spec.Name, spec.Kind, spec.Help, spec.Groups)

    member _.Default : 'T = spec.Default

    /// The same setting with another role (the default is `Experiment`).
    member _.WithRole(role: SettingRole) = Setting<'T>({ spec with Role = role })

    /// The same setting, recorded as having run with `value` in stored runs made before it existed.
    member _.ExistingBefore(value: 'T) = Setting<'T>({ spec with Before = Some value })

    /// The same choice setting, also accepting any value that starts with `prefix` (`user:NAME`, a rule of the user's
    /// rule file): which of those exist is known only once the file is read, so a `SettingRule` checks them.
    member _.OpenTo(prefix: string) = Setting<'T>({ spec with OpenPrefix = Some prefix })

    /// The prefix of the values a choice setting accepts besides its choices (`OpenTo`), or None.
    member _.OpenPrefix = spec.OpenPrefix

    /// The same setting with a check of its own besides its range and choices: `check` returns null for a good value,
    /// else what is allowed ("it must be ...").
    member _.CheckedBy(check: Func<'T, string | null>) = Setting<'T>({ spec with Check = check.Invoke })

    /// The same setting, resolved on this machine by `resolve` (given every setting's value) before it is validated.
    member _.ResolvedBy(resolve: Func<SettingValues, 'T, 'T>) = Setting<'T>({ spec with Resolve = fun values value -> resolve.Invoke(values, value) })

    override _.Role = spec.Role
    override _.Choices = spec.Choices
    override _.Range = spec.Range
    override _.DefaultValue = Setting.Boxed spec.Default
    override _.ValueBeforeItExisted = match spec.Before with Some value -> Setting.Boxed value | None -> null
    override _.SyntaxProblem(text) = match spec.Syntax text with Some _ -> null | None -> spec.Expected
    override _.Parse(text) =
        match spec.Syntax text with
        | Some value -> value
        | None -> invalidArg (nameof text) $"{spec.Name} = '{text}': {spec.Expected}"

    override this.Problem(value) : string | null =
        let typed = unbox<'T> value
        match spec.Range, Setting.Boxed typed with
        | Some range, (:? float as x) when not (SettingRange.accepts range x) -> this.OutOfRange range
        | Some range, (:? int as x) when not (SettingRange.accepts range (float x)) -> this.OutOfRange range
        | _, (:? string as text) when spec.OpenPrefix |> Option.exists (fun prefix -> text.StartsWith(prefix, StringComparison.Ordinal)) ->
            spec.Check typed
        | _ when not spec.Choices.IsEmpty && not (spec.Choices |> List.exists (fun c -> Setting.Boxed c.Name = Setting.Boxed typed)) ->
            "use one of " + String.Join(", ", spec.Choices |> List.map _.Name)
            + (match spec.OpenPrefix with Some prefix -> $", or {prefix}NAME for a rule of your rule file" | None -> "") + "."
        | _ -> spec.Check typed

    override _.Text(value) =
        match value with
        | :? bool as b -> if b then "true" else "false"
        | :? IFormattable as f -> f.ToString(null, CultureInfo.InvariantCulture)
        | value -> string value

    override _.Resolve(values, value) = Setting.Boxed(spec.Resolve values (unbox<'T> value))

    /// A value of this setting as configuration text.
    member this.TextOf(value: 'T) : string = this.Text(Setting.Boxed value)

    member private this.OutOfRange(range: SettingRange) =
        $"it must be {SettingRange.text range} (default {this.TextOf spec.Default})."

/// Every setting's value for one run, by setting: the defaults with configuration, then resolution, applied.
and [<Sealed>] SettingValues private (values: Map<string, obj>) =
    /// Every setting of `settings` at its default.
    static member Defaults(settings: seq<Setting>) =
        SettingValues(settings |> Seq.map (fun s -> s.Name, s.DefaultValue) |> Map.ofSeq)

    /// The value of a setting.
    member _.Get(setting: Setting<'T>) : 'T = unbox<'T> (SettingValues.Find values setting)

    /// The value of a setting, untyped (float, int, bool or string).
    member _.Value(setting: Setting) : obj = SettingValues.Find values setting

    /// The same values with `setting` at `value` (of the setting's type).
    member _.With(setting: Setting, value: obj) = SettingValues(values.Add(setting.Name, value))

    static member private Find (values: Map<string, obj>) (setting: Setting) =
        match values.TryFind setting.Name with
        | Some value -> value
        | None -> invalidOp $"No value for the setting {setting.Name}: it is not in the registry these values were made from."
