using System.Diagnostics;
using System.Text.RegularExpressions;
using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;

namespace AutoLR.Integration.Queue;

/// <summary>What an operator types: `autolr enqueue`, `autolr worker` — as child processes of the real `autolr`.</summary>
public static partial class QueueOperator
{
    /// <summary>Enqueues a job and returns its name (from the "NAME added" line); fails the test if it was refused.</summary>
    public static async Task<string> EnqueueAsync(string cache, string queue, params string[] job)
    {
        var result = await AutoLrChild.RunAsync(cache, ["enqueue", "--queue", queue, .. job]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return AddedLine().Match(result.Out).Groups[1].Value;
    }

    /// <summary>A worker that exits once the queue is empty.</summary>
    public static WatchedChild StartWorker(string cache, string queue) =>
        WatchedChild.Start(AutoLrChild.StartInfo(cache, ["worker", "--queue", queue, "--until-empty"]));

    public static IReadOnlyList<string> Jobs(string queue, string state) =>
        Directory.Exists(Path.Combine(queue, state))
            ? [.. Directory.GetFiles(Path.Combine(queue, state), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!]
            : [];

    /// <summary>The jobs a worker's log says it claimed.</summary>
    public static IReadOnlyList<string> Claimed(WatchedChild worker) =>
        [.. ClaimedLine().Matches(worker.Error).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"enqueue: (\S+) added to")]
    private static partial Regex AddedLine();

    [GeneratedRegex(@"Job (\S+) claimed:")]
    private static partial Regex ClaimedLine();
}
