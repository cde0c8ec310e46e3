namespace AutoLR.Algorithms

/// The normalisations of eq. 1 by configuration name, registered once, here: `--normalisation`'s choices, its help
/// and its validation read this list. A new one is its formula in `WeightVariation` plus one entry here (and, if it
/// needs a quantity the record lacks, a field of `BlockMeasurement`).
module Normalisations =
    let perWeight : Normalisation =
        { Name = "per-weight"; Variation = WeightVariation.perWeight
          Description = "change norm divided by the weight count: eq. 1 as printed, the paper" }

    let perSqrtWeight : Normalisation =
        { Name = "per-sqrt-weight"; Variation = WeightVariation.perSqrtWeight
          Description = "change norm divided by the square root of the weight count: the RMS change, which does not make wide blocks look still" }

    let relative : Normalisation =
        { Name = "relative"; Variation = WeightVariation.relative
          Description = "change norm divided by the norm of the block's weights at the epoch's start: unchanged by the scale of the weights, which BatchNorm makes irrelevant" }

    let angular : Normalisation =
        { Name = "angular"; Variation = WeightVariation.angular
          Description = "angle in radians between the block's weights at the epoch's start and at the trial's end: scale-invariant like relative" }

    /// In the order help lists them, the paper's first.
    let all : Normalisation list = [ perWeight; perSqrtWeight; relative; angular ]

    /// Every configuration name.
    let names : string list = all |> List.map _.Name

    /// The normalisation a name stands for (exact, as validation checked it), or an error listing the names.
    let tryParse (text: string) : Result<Normalisation, string> =
        match all |> List.tryFind (fun n -> n.Name = text) with
        | Some n -> Ok n
        | None -> Error(sprintf "Normalisation '%s' is unknown; use one of %s." text (String.concat ", " names))
