namespace AutoLR.Algorithms

/// The normalisations of eq. 1 by configuration name, registered once, here: `--normalisation`'s choices, its help
/// and its validation read this list.
module Normalisations =
    /// Name, normalisation and a line of help, in the order help lists them (the paper's first).
    let all : (string * Normalisation * string) list =
        [ "per-weight", PerWeight, "change norm divided by the weight count (eq. 1 as printed, the paper)"
          "per-sqrt-weight", PerSqrtWeight, "change norm divided by the square root of the weight count (RMS change; wide blocks do not look still)" ]

    /// Every configuration name.
    let names : string list = all |> List.map (fun (name, _, _) -> name)

    /// The configuration name of a normalisation.
    let name (normalisation: Normalisation) : string =
        all |> List.pick (fun (name, n, _) -> if n = normalisation then Some name else None)

    /// The normalisation a name stands for (exact, as validation checked it), or an error listing the names.
    let tryParse (text: string) : Result<Normalisation, string> =
        match all |> List.tryFind (fun (name, _, _) -> name = text) with
        | Some (_, n, _) -> Ok n
        | None -> Error(sprintf "Normalisation '%s' is unknown; use one of %s." text (String.concat ", " names))
