using AutoLR.Experiments.Progress;
using AutoLR.Runs;
using AutoLR.RunFormat.Metrics;
using Microsoft.Extensions.Logging;

namespace AutoLR.Integration.Host;

/// <summary>ETA arithmetic, the terminal bar and the log-line sink behind the one progress interface.</summary>
public class ProgressTests
{
    [Fact]
    public void Eta_extrapolates_linearly()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), EtaEstimate.Remaining(TimeSpan.FromSeconds(10), 25, 100));
        Assert.Null(EtaEstimate.Remaining(TimeSpan.FromSeconds(10), 0, 100));
        Assert.Equal(TimeSpan.Zero, EtaEstimate.Remaining(TimeSpan.FromSeconds(10), 100, 100));
        Assert.Equal("01:05", EtaEstimate.Format(TimeSpan.FromSeconds(65)));
        Assert.Equal("1:00:05", EtaEstimate.Format(TimeSpan.FromSeconds(3605)));
        Assert.Equal("--:--", EtaEstimate.Format(null));
    }

    [Fact]
    public void Terminal_bar_redraws_in_place_with_eta()
    {
        var output = new StringWriter();
        IProgressSink bar = new TerminalProgressBar(output, TimeProvider.System);
        bar.Report(new ProgressUpdate("epoch 1/2", 1, 4, "loss 0.9"));
        bar.Report(new ProgressUpdate("epoch 1/2", 4, 4));
        bar.Complete();
        var text = output.ToString();
        Assert.StartsWith("\repoch 1/2 [", text);
        Assert.Contains("ETA", text);
        Assert.Contains("4/4", text);
        Assert.EndsWith(Environment.NewLine, text);
    }

    [Fact]
    public void Log_sink_writes_a_line_per_phase_and_not_per_step()
    {
        var logger = new ListLogger();
        IProgressSink sink = new LogProgressSink(logger, TimeProvider.System, TimeSpan.FromHours(1));
        for (var i = 1; i <= 100; i++) sink.Report(new ProgressUpdate("epoch 1", i, 100));
        sink.Report(new ProgressUpdate("epoch 2", 1, 100));
        Assert.Equal(3, logger.Lines.Count); // phase start, phase end, next phase start
        Assert.Contains("epoch 1: 100/100 (100%)", logger.Lines[1]);
    }

    [Fact]
    public void Metrics_line_keeps_nan_loss()
    {
        var path = Path.Combine(HostRun.NewTemporaryFolder(), "metrics.jsonl");
        using (var writer = new MetricsWriter(path))
            writer.Append(new EpochMetrics(1, double.NaN, [0.1], new Dictionary<int, double>(), 1));
        Assert.Contains("\"loss\":\"NaN\"", File.ReadAllText(path));
        Assert.True(double.IsNaN(Assert.Single(MetricsFile.Read(path)).Loss), "the reader takes \"NaN\" back as NaN");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
