using System.Net.Sockets;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// The worker's opt-in HTTP endpoint on a loopback address (<see cref="MetricsAddress"/>): GET /metrics answers with
/// the meter's instruments in the Prometheus text format, GET /healthz with <see cref="WorkerHealth"/>. It is opened
/// before the worker starts and closed after it has stopped, so a scraper sees the stop (503) while the job checkpoints.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/healthz";

    /// <summary>A client that has not sent its request by then is dropped; a scraper sends it at once.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly MeterScrape _scrape;
    private readonly Func<WorkerHealth> _health;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private MetricsEndpoint(TcpListener listener, MeterScrape scrape, Func<WorkerHealth> health)
    {
        (_listener, _scrape, _health) = (listener, scrape, health);
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Listens on <paramref name="address"/>; a <see cref="SocketException"/> when it cannot (the port is taken).</summary>
    public static MetricsEndpoint Start(MetricsAddress address, MeterScrape scrape, Func<WorkerHealth> health)
    {
        var listener = new TcpListener(address.Address, address.Port);
        listener.Start();
        return new MetricsEndpoint(listener, scrape, health);
    }

    /// <summary>What the endpoint answers to <paramref name="request"/> (null: a request it could not read).</summary>
    public HttpAnswer Answer(HttpRequestLine? request)
    {
        if (request is null) return Text(400, "Send an HTTP/1.1 GET request.\n");
        if (request.Path is not (MetricsPath or HealthPath))
            return Text(404, $"Not found: ask for {MetricsPath} (Prometheus text format) or {HealthPath} (the worker's health as JSON).\n");
        if (request.Method is not ("GET" or "HEAD")) return Text(405, "Only GET and HEAD are answered.\n");
        if (request.Path == HealthPath)
        {
            var health = _health();
            return new HttpAnswer(health.StatusCode, "application/json; charset=utf-8", health.ToJson() + "\n");
        }
        try
        {
            return new HttpAnswer(200, PrometheusText.ContentType, PrometheusText.Write(_scrape.Collect()));
        }
        catch (AggregateException e)
        {
            return Text(500, $"Reading the worker's metrics failed: {string.Join("; ", e.InnerExceptions.Select(i => i.Message))}\n");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ExchangeAsync(client);
        }
    }

    /// <summary>One request and its answer; a client that goes away or stalls only loses its own connection.</summary>
    private async Task ExchangeAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                var stream = client.GetStream();
                var request = await HttpExchange.ReadAsync(stream, timeout.Token);
                await HttpExchange.WriteAsync(stream, Answer(request), withBody: request?.Method != "HEAD", timeout.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static HttpAnswer Text(int status, string body) => new(status, "text/plain; charset=utf-8", body);
}
