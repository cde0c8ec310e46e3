namespace AutoLR.Algorithms

open System

/// A rule over several settings, declared once by the layer that owns them (τ's floor at most τ, the LR bounds in
/// order, a pruning depth below the backbone's K...). Validation applies it only when every setting it names or reads
/// is valid by itself, and reports a broken rule naming each of `Named` with its value, then `Problem`'s text.
[<Sealed>]
type SettingRule(named: Setting list, reads: Setting list, problem: SettingValues -> string | null) =
    /// The settings the message names, the one to change first.
    member _.Named = named
    /// Settings the rule reads without naming them.
    member _.Reads = reads
    /// What is wrong and how to fix it (a sentence), or null when the values go together.
    member _.Problem(values: SettingValues) : string | null = problem values

    /// A rule naming `named`, reading `reads` too.
    static member Of(named: seq<Setting>, reads: seq<Setting>, problem: Func<SettingValues, string | null>) =
        SettingRule(List.ofSeq named, List.ofSeq reads, problem.Invoke)
