using AutoLR.Algorithms;
using Microsoft.FSharp.Core;

namespace AutoLR.Experiments.Stages;

/// <summary>
/// The F# <see cref="ControllerState"/> (a record with options and a tuple) as a plain JSON shape for checkpoints.
/// Doubles round-trip exactly through System.Text.Json, so a resumed controller decides as the original would.
/// <see cref="LrsThisEpoch"/> is absent from checkpoints written before it existed: they load with none.
/// </summary>
public sealed record ControllerStateJson(
    string[] Layers, int Epoch, int TrialsThisEpoch, double[] BlockLrs, double[]? Targets,
    int? BestTrial, double? BestSortingQuality, double[]? BestLrs, int Divergences, double[][]? LrsThisEpoch = null)
{
    public static ControllerStateJson From(ControllerState s)
    {
        var best = FSharpOption<Tuple<int, double, double[]>>.get_IsSome(s.Best) ? s.Best!.Value : null;
        return new(s.Layers, s.Epoch, s.TrialsThisEpoch, s.BlockLrs,
            FSharpOption<double[]>.get_IsSome(s.Targets) ? s.Targets!.Value : null,
            best?.Item1, best?.Item2, best?.Item3, s.Divergences, s.LrsThisEpoch);
    }

    public ControllerState ToState() => new(
        Layers, Epoch, TrialsThisEpoch, LrsThisEpoch ?? [], BlockLrs,
        Targets is null ? FSharpOption<double[]>.None : FSharpOption<double[]>.Some(Targets),
        BestTrial is { } trial
            ? FSharpOption<Tuple<int, double, double[]>>.Some(Tuple.Create(trial, BestSortingQuality!.Value, BestLrs!))
            : FSharpOption<Tuple<int, double, double[]>>.None,
        Divergences);
}
