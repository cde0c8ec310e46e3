using System.Text.Json.Serialization;
using AutoLR.Algorithms;
using Microsoft.FSharp.Core;

namespace AutoLR.Experiments.Stages;

/// <summary>
/// The F# <see cref="ControllerState"/> (a record with options and a tuple) as a plain JSON shape for checkpoints.
/// Doubles round-trip exactly through System.Text.Json, so a resumed controller decides as the original would.
/// The epoch's trials (<see cref="EpochTrials"/>) are absent from checkpoints written before they existed: those load
/// with the trials' LRs alone (<see cref="LrsThisEpoch"/>, variations unknown: NaN), or with none.
/// </summary>
public sealed record ControllerStateJson(
    string[] Layers, int Epoch, int TrialsThisEpoch, double[] BlockLrs, double[]? Targets,
    int? BestTrial, double? BestSortingQuality, double[]? BestLrs, int Divergences, double[][]? LrsThisEpoch = null,
    EpochTrialJson[]? EpochTrials = null)
{
    public static ControllerStateJson From(ControllerState s)
    {
        var best = FSharpOption<Tuple<int, double, double[]>>.get_IsSome(s.Best) ? s.Best!.Value : null;
        return new(s.Layers, s.Epoch, s.TrialsThisEpoch, s.BlockLrs,
            FSharpOption<double[]>.get_IsSome(s.Targets) ? s.Targets!.Value : null,
            best?.Item1, best?.Item2, best?.Item3, s.Divergences,
            EpochTrials: [.. s.EpochTrials.Select(t => new EpochTrialJson(t.Lrs, t.Variations))]);
    }

    public ControllerState ToState() => new(
        Layers, Epoch, TrialsThisEpoch,
        EpochTrials?.Select(t => new EpochTrial(t.Lrs, t.Variations)).ToArray()
            ?? [.. (LrsThisEpoch ?? []).Select(lrs => new EpochTrial(lrs, [.. lrs.Select(_ => double.NaN)]))],
        BlockLrs,
        Targets is null ? FSharpOption<double[]>.None : FSharpOption<double[]>.Some(Targets),
        BestTrial is { } trial
            ? FSharpOption<Tuple<int, double, double[]>>.Some(Tuple.Create(trial, BestSortingQuality!.Value, BestLrs!))
            : FSharpOption<Tuple<int, double, double[]>>.None,
        Divergences);
}

/// <summary>A trial of the epoch so far: its block LRs and its variations, NaN or infinite where it diverged (written
/// as the strings JSON allows for them).</summary>
public sealed record EpochTrialJson(
    double[] Lrs, [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double[] Variations);
