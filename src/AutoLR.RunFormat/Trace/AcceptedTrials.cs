using AutoLR.Algorithms;

namespace AutoLR.RunFormat.Trace;

/// <summary>Reading the trace by epoch and trial, as Algorithm 2 produced it.</summary>
public static class AcceptedTrials
{
    /// <summary>
    /// Trials in (epoch, trial) order, with probes (`--probe-fraction` below 1) the line completing each epoch after them (it repeats the
    /// kept probe's trial number; <see cref="Probe.isCompletion"/>). A resumed run may repeat a line it had written
    /// before it stopped; the line written last is the one the run went on from, so it wins.
    /// </summary>
    public static IReadOnlyList<TrialRecord> InOrder(IReadOnlyList<TrialRecord> trace) =>
        trace.Select((line, index) => (line, index))
            .GroupBy(x => (x.line.Epoch, x.line.Trial, Completion: Probe.isCompletion(x.line)))
            .Select(g => g.MaxBy(x => x.index).line)
            .OrderBy(line => line.Epoch).ThenBy(line => Probe.isCompletion(line)).ThenBy(line => line.Trial)
            .ToList();

    /// <summary>
    /// For each epoch, the trial whose end state the run kept: the line marked accepted, or, when the epoch ended without
    /// one (trial cap reached, or LRs repeated), the earlier trial named by the event <c>accepted-best:trialN</c>. Epochs
    /// with neither are left out.
    /// </summary>
    public static IReadOnlyList<TrialRecord> PerEpoch(IReadOnlyList<TrialRecord> trace)
    {
        var kept = new List<TrialRecord>();
        foreach (var epoch in InOrder(trace).GroupBy(line => line.Epoch))
        {
            var trials = epoch.ToList();
            var accepted = trials.LastOrDefault(line => line.Accepted);
            if (accepted is null)
            {
                var named = trials.SelectMany(line => line.Events)
                    .Where(e => e.StartsWith(TraceFile.AcceptedBestPrefix, StringComparison.Ordinal))
                    .Select(e => int.TryParse(e.AsSpan(TraceFile.AcceptedBestPrefix.Length), out var n) ? n : (int?)null)
                    .LastOrDefault(n => n is not null);
                accepted = trials.FirstOrDefault(line => line.Trial == named);
            }
            if (accepted is not null) kept.Add(accepted);
        }
        return kept;
    }

    /// <summary>True when epoch 1 recorded <c>empty-target-range</c> (β·max v ≤ α·min v: the hatched cells of Fig. 3).</summary>
    public static bool HadEmptyTargetRange(IReadOnlyList<TrialRecord> trace) =>
        trace.Any(line => line.Epoch == 1 && line.Events.Contains(TraceFile.EmptyTargetRange));
}
