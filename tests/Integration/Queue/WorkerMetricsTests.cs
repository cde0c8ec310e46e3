using System.Globalization;
using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Integration.Jobs;
using AutoLR.Integration.Queue.Monitoring;
using Xunit.Abstractions;

namespace AutoLR.Integration.Queue;

/// <summary>
/// A worker an operator watches: `autolr worker --metrics-port P` on a free loopback port, scraped while its job
/// runs and after it has finished. Each scrape follows a line by which the worker says where it is (the job's own
/// epoch line, the worker's "done" line), never a wait for time to pass.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class WorkerMetricsTests(QueueCache cache, ITestOutputHelper output) : IClassFixture<QueueCache>
{
    private const int Epochs = 8;

    [Fact]
    public async Task A_scrape_during_a_job_shows_it_running_with_its_progress_and_one_after_shows_it_done()
    {
        var queue = HostRun.NewTemporaryFolder();
        var first = await QueueOperator.EnqueueAsync(cache.Folder, queue, ["finetune", "--schedule", "single", .. AutoLrChild.Tiny, "--epochs", "1", "--seed", "1"]);
        var second = await QueueOperator.EnqueueAsync(cache.Folder, queue, ["finetune", "--schedule", "autolr", .. AutoLrChild.Tiny, "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--seed", "2"]);
        var port = LoopbackPort.Free();
        using var worker = WatchedChild.Start(AutoLrChild.StartInfo(cache.Folder, ["worker", "--queue", queue, "--metrics-port", port.ToString(CultureInfo.InvariantCulture)]));
        await worker.WaitForLineAsync(line => line.Contains($"Serving metrics at http://127.0.0.1:{port}/metrics"), "serve its metrics");

        // The second job's third epoch starts after its second has been recorded in metrics.jsonl and trace.jsonl.
        await worker.WaitForLineAsync(line => line.StartsWith($"[{second}]") && line.Contains($", epoch 3/{Epochs}:"), "reach epoch 3 of the second job");
        var during = await ScrapeAsync(port);
        output.WriteLine(during.Text);
        Assert.Equal(1, during["autolr_worker_queue_jobs{state=\"running\"}"]);
        Assert.Equal(1, during["autolr_worker_queue_jobs{state=\"done\"}"]);
        Assert.Equal(0, during["autolr_worker_queue_jobs{state=\"pending\"}"]);
        Assert.Equal(0, during["autolr_worker_queue_jobs{state=\"failed\"}"]);
        Assert.Equal(1, during["autolr_worker_state{state=\"running\"}"]);
        Assert.Equal(0, during["autolr_worker_state{state=\"idle\"}"]);
        var job = $"{{queue_job=\"{second}\"}}";
        Assert.Equal(Epochs, during["autolr_worker_job_epochs_planned" + job]);
        var done = during["autolr_worker_job_epochs_done" + job];
        Assert.InRange(done, 2, Epochs - 1);
        Assert.Equal(0, during["autolr_worker_job_pruning_epochs_done" + job]);
        Assert.InRange(during["autolr_worker_job_trial_epoch" + job], done, Epochs);
        Assert.InRange(during["autolr_worker_job_trial" + job], 1, 5);
        Assert.True(during["autolr_worker_job_eta_seconds" + job] > 0, during.Text);
        Assert.True(during["autolr_worker_job_last_epoch_duration_seconds" + job] > 0, during.Text);

        var health = await LoopbackPort.RequestAsync(port, "/healthz");
        Assert.Equal(200, health.Status);
        var body = JsonNode.Parse(health.Body)!;
        Assert.Equal(worker.Id, body["pid"]!.GetValue<int>());
        Assert.Equal("running", body["state"]!.GetValue<string>());
        Assert.Equal(second, body["job"]!.GetValue<string>());

        await worker.WaitForLineAsync(line => line.Contains($"Job {second} done"), "finish the second job");
        var after = await ScrapeAsync(port);
        output.WriteLine(after.Text);
        Assert.Equal(0, after["autolr_worker_queue_jobs{state=\"running\"}"]);
        Assert.Equal(2, after["autolr_worker_queue_jobs{state=\"done\"}"]);
        Assert.Equal(1, after["autolr_worker_state{state=\"idle\"}"]);
        Assert.Equal(0, after["autolr_worker_state{state=\"running\"}"]);
        Assert.DoesNotContain("autolr_worker_job_", after.Text);
        var idle = JsonNode.Parse((await LoopbackPort.RequestAsync(port, "/healthz")).Body)!;
        Assert.Equal("idle", idle["state"]!.GetValue<string>());
        Assert.Null(idle["job"]);

        await worker.SignalAsync("TERM");
        Assert.Equal(0, await worker.WaitForExitAsync("stop after SIGTERM"));
        Assert.Equal([first, second], QueueOperator.Jobs(queue, "done"));
        AutoLrChild.AssertNoStackTrace(worker.Error);
    }

    [Fact]
    public async Task A_second_worker_on_a_port_in_use_exits_1_naming_the_port_and_the_switch()
    {
        var queue = HostRun.NewTemporaryFolder();
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        using var worker = WatchedChild.Start(AutoLrChild.StartInfo(cache.Folder, ["worker", "--queue", queue, "--metrics-port", port]));
        await worker.WaitForLineAsync(line => line.Contains($"Serving metrics at http://127.0.0.1:{port}/metrics"), "serve its metrics");

        var second = await AutoLrChild.RunAsync(cache.Folder, ["worker", "--queue", queue, "--metrics-port", port, "--until-empty"]);
        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains($"the metrics endpoint cannot listen on http://127.0.0.1:{port}/", second.Error);
        Assert.Contains("--metrics-port", second.Error);
        AutoLrChild.AssertNoStackTrace(second.Error);

        await worker.SignalAsync("TERM");
        Assert.Equal(0, await worker.WaitForExitAsync("stop after SIGTERM"));
    }

    /// <summary>One scrape: every HELP and TYPE line before its family's samples, each sample line `series value`.</summary>
    private static async Task<Exposition> ScrapeAsync(int port)
    {
        var (status, contentType, text) = await LoopbackPort.RequestAsync(port, "/metrics");
        Assert.True(status == 200, text);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        var samples = new Dictionary<string, double>();
        var described = new HashSet<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                described.Add(line.Split(' ')[2] + line[..6]);
                continue;
            }
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var family = series.Split('{')[0];
            Assert.True(described.Contains(family + "# HELP") && described.Contains(family + "# TYPE"), $"{family} has no HELP and TYPE before its samples:\n{text}");
            samples.Add(series, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture));
        }
        return new Exposition(text, samples);
    }

    private sealed record Exposition(string Text, IReadOnlyDictionary<string, double> Samples)
    {
        public double this[string series] => Samples.TryGetValue(series, out var value) ? value : throw new Xunit.Sdk.XunitException($"no series {series} in the scrape:\n{Text}");
    }
}
