namespace AutoLR.Algorithms

/// A normalisation of eq. 1 as configuration names it.
type NamedNormalisation = { Name: string; Normalisation: Normalisation; Description: string }

/// The normalisations of eq. 1 by configuration name, registered once, here: `--normalisation`'s choices, its help
/// and its validation read this list.
module Normalisations =
    /// In the order help lists them, the paper's first.
    let all : NamedNormalisation list =
        [ { Name = "per-weight"; Normalisation = PerWeight
            Description = "change norm divided by the weight count: eq. 1 as printed, the paper" }
          { Name = "per-sqrt-weight"; Normalisation = PerSqrtWeight
            Description = "change norm divided by the square root of the weight count: the RMS change, which does not make wide blocks look still" } ]

    /// Every configuration name.
    let names : string list = all |> List.map _.Name

    /// The normalisation a name stands for (exact, as validation checked it), or an error listing the names.
    let tryParse (text: string) : Result<Normalisation, string> =
        match all |> List.tryFind (fun n -> n.Name = text) with
        | Some n -> Ok n.Normalisation
        | None -> Error(sprintf "Normalisation '%s' is unknown; use one of %s." text (String.concat ", " names))
