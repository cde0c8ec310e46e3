namespace AutoLR.RunFormat.Comparisons;

/// <summary>
/// One method's line of a comparison, as `compare` summarises it for report.md: its tuning grid, the grid point
/// chosen per seed, the epochs executed (tuning included; AutoLR's trials each count, a probe as its share of an
/// epoch) and seconds, and its test R@1 per seed.
/// </summary>
/// <param name="Schedule">The method: a schedule name.</param>
/// <param name="Grid">Its tuning grid, as the report states it.</param>
/// <param name="Seeds">The comparison's seeds, in the order given.</param>
/// <param name="ChosenPoints">The chosen grid point of each of <paramref name="Seeds"/>.</param>
/// <param name="EpochsExecuted">Epochs' worth of batches trained over all its stages.</param>
/// <param name="Seconds">Training seconds over all its stages.</param>
/// <param name="TestRecallAt1">Test R@1 (a fraction) of each of <paramref name="Seeds"/>.</param>
public sealed record MethodSummary(
    string Schedule, string Grid, IReadOnlyList<int> Seeds, IReadOnlyList<string> ChosenPoints, double EpochsExecuted, double Seconds,
    IReadOnlyList<double> TestRecallAt1);
