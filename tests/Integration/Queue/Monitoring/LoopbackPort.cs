using System.Net;
using System.Net.Sockets;

namespace AutoLR.Integration.Queue.Monitoring;

/// <summary>A TCP port of the loopback address that was free a moment ago (the kernel picks it), for an endpoint under test.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>GET (or another method) on the loopback endpoint: status, content type and body.</summary>
    public static async Task<(int Status, string? ContentType, string Body)> RequestAsync(int port, string path, HttpMethod? method = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        using var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, $"http://127.0.0.1:{port}{path}"));
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
