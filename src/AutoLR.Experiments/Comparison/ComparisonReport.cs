using System.Globalization;
using System.Text;
using AutoLR.Experiments.Stages;
using AutoLR.RunFormat.Comparisons;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// Each method's line of the comparison (<see cref="MethodSummary"/>, which <see cref="ComparisonTable"/> renders),
/// from the ledger: its grid, the chosen point per seed, the epochs executed (tuning included; AutoLR's trials each
/// count as an epoch, a probe as its share of one), seconds and test R@1 per seed.
/// </summary>
public static class ComparisonReport
{
    public static IReadOnlyList<MethodSummary> Summaries(JobLedger ledger, IReadOnlyList<string> schedules, IReadOnlyList<int> seeds,
        double baseLr, Func<int, string, string> chosen) =>
        schedules.Select(schedule =>
        {
            bool Mine(string label) => seeds.Any(s => label.StartsWith($"seed{s}/{schedule}/", StringComparison.Ordinal));
            var epochs = ledger.Epochs.Where(e => Mine(e.Stage)).ToList();
            return new MethodSummary(schedule, ComparisonGrid.Describe(schedule, baseLr), seeds,
                seeds.Select(s => chosen(s, schedule)).ToList(), epochs.Sum(e => e.Compute), epochs.Sum(e => e.Seconds),
                seeds.Select(s => ledger.Done.Single(r => r.Label == ComparisonPlan.FinalLabel(s, schedule)).Test[1]).ToList());
        }).ToList();
}
