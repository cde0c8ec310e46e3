using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AutoLR.Integration.Host;
using AutoLR.Queue;
using AutoLR.Queue.Monitoring;

namespace AutoLR.Integration.Queue.Monitoring;

/// <summary>The worker's HTTP endpoint in this process, on a free loopback port: /metrics, /healthz and what else a client may send.</summary>
public class MetricsEndpointTests
{
    private static (WorkerActivity Activity, MetricsAddress Address) Worker() =>
        (new WorkerActivity(new QueueFolder(HostRun.NewTemporaryFolder())), new MetricsAddress(IPAddress.Loopback, LoopbackPort.Free()));

    [Fact]
    public async Task Metrics_are_served_in_the_text_format_and_read_afresh_at_each_scrape()
    {
        var name = "AutoLR.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(name);
        var running = 0;
        meter.CreateObservableGauge("jobs.running", () => running, "{job}", "Jobs running.");
        using var scrape = new MeterScrape(name);
        var (activity, address) = Worker();
        await using var endpoint = MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity));

        var first = await LoopbackPort.RequestAsync(address.Port, "/metrics");
        Assert.Equal(200, first.Status);
        Assert.Equal(PrometheusText.ContentType, first.ContentType);
        Assert.Equal("# HELP jobs_running Jobs running.\n# TYPE jobs_running gauge\njobs_running 0\n", first.Body);
        running = 1;
        Assert.Contains("\njobs_running 1\n", (await LoopbackPort.RequestAsync(address.Port, "/metrics?x=1")).Body);
    }

    [Fact]
    public async Task Health_is_200_naming_pid_state_and_job_and_503_once_the_worker_is_stopping()
    {
        using var scrape = new MeterScrape("AutoLR.Tests." + Guid.NewGuid().ToString("N"));
        var (activity, address) = Worker();
        await using var endpoint = MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity));

        var starting = await LoopbackPort.RequestAsync(address.Port, "/healthz");
        Assert.Equal(200, starting.Status);
        Assert.StartsWith("application/json", starting.ContentType);
        var body = JsonNode.Parse(starting.Body)!;
        Assert.Equal(Environment.ProcessId, body["pid"]!.GetValue<int>());
        Assert.Equal("starting", body["state"]!.GetValue<string>());
        Assert.Null(body["job"]);
        Assert.Equal(activity.Queue.Path, body["queue"]!.GetValue<string>());

        activity.Running("20261206-120000-000-a");
        var running = JsonNode.Parse((await LoopbackPort.RequestAsync(address.Port, "/healthz")).Body)!;
        Assert.Equal("running", running["state"]!.GetValue<string>());
        Assert.Equal("20261206-120000-000-a", running["job"]!.GetValue<string>());

        activity.Stopping();
        // What the worker's loop does while it winds down does not make it healthy again.
        activity.Idle();
        var stopping = await LoopbackPort.RequestAsync(address.Port, "/healthz");
        Assert.Equal(503, stopping.Status);
        var stopped = JsonNode.Parse(stopping.Body)!;
        Assert.Equal("stopping", stopped["state"]!.GetValue<string>());
        Assert.Equal("20261206-120000-000-a", stopped["job"]!.GetValue<string>());
    }

    [Fact]
    public async Task Other_paths_methods_and_a_failing_scrape_get_their_own_status()
    {
        var name = "AutoLR.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(name);
        meter.CreateObservableGauge<int>("broken", (Func<int>)(() => throw new IOException("the queue folder is gone")));
        using var scrape = new MeterScrape(name);
        var (activity, address) = Worker();
        await using var endpoint = MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity));

        Assert.Equal(404, (await LoopbackPort.RequestAsync(address.Port, "/")).Status);
        Assert.Equal(405, (await LoopbackPort.RequestAsync(address.Port, "/healthz", HttpMethod.Post)).Status);
        var head = await LoopbackPort.RequestAsync(address.Port, "/healthz", HttpMethod.Head);
        Assert.Equal((200, ""), (head.Status, head.Body));
        var failed = await LoopbackPort.RequestAsync(address.Port, "/metrics");
        Assert.Equal(500, failed.Status);
        Assert.Contains("the queue folder is gone", failed.Body);
    }

    [Fact]
    public async Task A_request_that_is_not_HTTP_gets_400_and_the_endpoint_goes_on_serving()
    {
        using var scrape = new MeterScrape("AutoLR.Tests." + Guid.NewGuid().ToString("N"));
        var (activity, address) = Worker();
        await using var endpoint = MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity));
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, address.Port);
            var stream = client.GetStream();
            await stream.WriteAsync("HELLO\r\n\r\n"u8.ToArray());
            var answer = await new StreamReader(stream).ReadToEndAsync();
            Assert.StartsWith("HTTP/1.1 400 ", answer);
        }
        Assert.Equal(200, (await LoopbackPort.RequestAsync(address.Port, "/healthz")).Status);
    }

    [Fact]
    public async Task A_port_already_taken_cannot_be_served()
    {
        using var scrape = new MeterScrape("AutoLR.Tests." + Guid.NewGuid().ToString("N"));
        var (activity, address) = Worker();
        await using var first = MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity));
        Assert.Throws<SocketException>(() => MetricsEndpoint.Start(address, scrape, () => WorkerHealth.Of(activity)));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData(null, "127.0.0.1")]
    public void A_loopback_address_is_accepted(string? text, string listensOn)
    {
        var (address, error) = MetricsAddress.Parse(MetricsAddress.ExamplePort, text);
        Assert.Null(error);
        Assert.Equal(IPAddress.Parse(listensOn), address!.Address);
        Assert.Equal(MetricsAddress.ExamplePort, address.Port);
    }

    [Theory]
    [InlineData(9464, "0.0.0.0", "--metrics-address = 0.0.0.0 is not a loopback address")]
    [InlineData(9464, "::", "--metrics-address = :: is not a loopback address")]
    [InlineData(9464, "192.168.1.5", "SSH tunnel")]
    [InlineData(9464, "metrics.example.org", "--metrics-address = metrics.example.org is not an IP address")]
    [InlineData(0, null, "--metrics-port = 0 is not a TCP port")]
    [InlineData(65536, null, "--metrics-port = 65536 is not a TCP port")]
    [InlineData(null, "127.0.0.1", "--metrics-address = 127.0.0.1 is given without --metrics-port")]
    public void Anything_else_is_refused_naming_the_switch_and_the_fix(int? port, string? text, string message)
    {
        var (address, error) = MetricsAddress.Parse(port, text);
        Assert.Null(address);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Without_a_port_the_endpoint_is_off() => Assert.Equal((null, null), MetricsAddress.Parse(null, null));
}
