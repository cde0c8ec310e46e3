using System.Diagnostics.Metrics;
using AutoLR.Queue.Monitoring;

namespace AutoLR.Integration.Queue.Monitoring;

/// <summary>A scrape reads a meter's observable instruments through a MeterListener, each time afresh.</summary>
public class MeterScrapeTests
{
    [Fact]
    public void A_scrape_reads_the_observable_instruments_of_its_meter_only_with_types_units_and_tags()
    {
        var name = "AutoLR.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(name);
        using var other = new Meter(name + ".Other");
        var pending = 2;
        meter.CreateObservableGauge("queue.jobs", () => new Measurement<int>(pending, new KeyValuePair<string, object?>("state", "pending")), "{job}", "Jobs waiting.");
        meter.CreateObservableCounter("jobs.finished", () => 5L, description: "Jobs finished.");
        meter.CreateObservableUpDownCounter("epoch.duration", () => 1.5, "s", "Last epoch.");
        meter.CreateCounter<int>("recorded.as.it.goes").Add(1);
        other.CreateObservableGauge("elsewhere", () => 9);
        using var scrape = new MeterScrape(name);

        var first = scrape.Collect();
        Assert.Equal(["queue_jobs", "jobs_finished_total", "epoch_duration_seconds"], first.Select(s => s.Family.Name));
        Assert.Equal([MetricType.Gauge, MetricType.Counter, MetricType.Gauge], first.Select(s => s.Family.Type));
        Assert.Equal("Jobs waiting.", first[0].Family.Help);
        Assert.Equal([new KeyValuePair<string, string>("state", "pending")], first[0].Labels);
        Assert.Equal([2.0, 5.0, 1.5], first.Select(s => s.Value));

        pending = 7;
        Assert.Equal(7.0, scrape.Collect()[0].Value);
    }

    [Fact]
    public void An_instrument_that_throws_fails_the_scrape_with_its_message()
    {
        var name = "AutoLR.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(name);
        meter.CreateObservableGauge<int>("broken", (Func<int>)(() => throw new IOException("the queue folder is gone")));
        using var scrape = new MeterScrape(name);
        var error = Assert.Throws<AggregateException>(() => scrape.Collect());
        Assert.Contains("the queue folder is gone", error.InnerExceptions.Single().Message);
    }
}
