using AutoLR.Queue.Monitoring;

namespace AutoLR.Integration.Queue.Monitoring;

/// <summary>The Prometheus text format 0.0.4 as the worker's endpoint writes it: names, HELP and TYPE lines, escaping, numbers.</summary>
public class PrometheusTextTests
{
    [Theory]
    [InlineData("autolr.worker.job.eta", "s", MetricType.Gauge, "autolr_worker_job_eta_seconds")]
    [InlineData("autolr.worker.queue.jobs", "{job}", MetricType.Gauge, "autolr_worker_queue_jobs")]
    [InlineData("autolr.worker.state", null, MetricType.Gauge, "autolr_worker_state")]
    [InlineData("http.server.requests", "1", MetricType.Counter, "http_server_requests_total")]
    [InlineData("requests_total", null, MetricType.Counter, "requests_total")]
    [InlineData("transfer.size", "By", MetricType.Counter, "transfer_size_By_total")]
    [InlineData("epoch.duration_seconds", "s", MetricType.Gauge, "epoch_duration_seconds")]
    [InlineData("9lives/cat-name", null, MetricType.Gauge, "_9lives_cat_name")]
    [InlineData("job:rate", null, MetricType.Gauge, "job:rate")]
    public void An_instrument_name_becomes_a_valid_metric_name_with_its_unit_and_counter_suffix(string instrument, string? unit, MetricType type, string expected)
    {
        var name = PrometheusText.MetricName(instrument, unit, type);
        Assert.Equal(expected, name);
        Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", name);
    }

    [Theory]
    [InlineData("queue_job", "queue_job")]
    [InlineData("job.name", "job_name")]
    [InlineData("a:b", "a_b")]
    [InlineData("1st", "_1st")]
    public void A_tag_key_becomes_a_valid_label_name(string key, string expected) => Assert.Equal(expected, PrometheusText.LabelName(key));

    [Fact]
    public void Each_family_gets_one_HELP_and_one_TYPE_line_before_all_its_samples()
    {
        var jobs = new MetricFamily("autolr_worker_queue_jobs", "Job files per state.", MetricType.Gauge);
        var finished = new MetricFamily("finished_total", "Jobs finished.", MetricType.Counter);
        var text = PrometheusText.Write(
        [
            new(jobs, [new("state", "pending")], 3),
            new(finished, [], 7),
            new(jobs, [new("state", "done")], 12),
        ]);
        Assert.Equal(
            "# HELP autolr_worker_queue_jobs Job files per state.\n" +
            "# TYPE autolr_worker_queue_jobs gauge\n" +
            "autolr_worker_queue_jobs{state=\"pending\"} 3\n" +
            "autolr_worker_queue_jobs{state=\"done\"} 12\n" +
            "# HELP finished_total Jobs finished.\n" +
            "# TYPE finished_total counter\n" +
            "finished_total 7\n",
            text);
    }

    [Fact]
    public void HELP_escapes_backslash_and_line_feed_and_a_label_value_also_the_double_quote()
    {
        var family = new MetricFamily("m", "a \\ path\nand \"quotes\"", MetricType.Gauge);
        var text = PrometheusText.Write([new(family, [new("queue_job", "C:\\jobs\n\"x\""), new("job.kind", "plain")], 1)]);
        Assert.Equal(
            "# HELP m a \\\\ path\\nand \"quotes\"\n" +
            "# TYPE m gauge\n" +
            "m{queue_job=\"C:\\\\jobs\\n\\\"x\\\"\",job_kind=\"plain\"} 1\n",
            text);
        // Every line of the exposition is one line: nothing a value holds can start a new one.
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.0, "0")]
    [InlineData(-2.0, "-2")]
    [InlineData(0.1, "0.1")]
    [InlineData(1234.5678, "1234.5678")]
    [InlineData(1e21, "1E+21")]
    public void A_value_is_written_as_Prometheus_parses_numbers(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));

    [Fact]
    public void A_value_reads_back_to_the_same_double()
    {
        foreach (var value in new[] { 1.0 / 3, Math.PI * 1e-9, 123456789.123456789, double.Epsilon, double.MaxValue })
            Assert.Equal(value, double.Parse(PrometheusText.Number(value), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void No_samples_write_nothing() => Assert.Equal("", PrometheusText.Write([]));
}
