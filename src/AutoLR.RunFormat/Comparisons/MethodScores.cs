namespace AutoLR.RunFormat.Comparisons;

/// <summary>One method's test R@1 (a fraction) by seed: what the comparison's statistics are computed from.</summary>
public sealed record MethodScores(string Method, IReadOnlyDictionary<int, double> RecallAt1BySeed);
