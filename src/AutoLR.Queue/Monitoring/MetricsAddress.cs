using System.Globalization;
using System.Net;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// Where the worker's metrics endpoint listens: a loopback address and a port. The endpoint has no authentication
/// and tells anyone who asks which jobs run, so it is never bound to an address other machines can reach; to scrape
/// from elsewhere, run a reverse proxy or an SSH tunnel on this machine.
/// </summary>
public sealed record MetricsAddress(IPAddress Address, int Port)
{
    public const string PortSwitch = "--metrics-port";
    public const string AddressSwitch = "--metrics-address";

    /// <summary>The Prometheus exporters' customary port range starts at 9464, OpenTelemetry's default.</summary>
    public const int ExamplePort = 9464;

    /// <summary>The base URL, e.g. http://127.0.0.1:9464/.</summary>
    public Uri Url => new($"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>
    /// The endpoint the switches ask for: null with no error when <paramref name="port"/> is not given (the endpoint is
    /// off), else the address or a message naming the switch, the problem and the fix.
    /// </summary>
    public static (MetricsAddress? Address, string? Error) Parse(int? port, string? address)
    {
        if (port is null)
            return (null, address is null ? null : $"{AddressSwitch} = {address} is given without {PortSwitch}: add {PortSwitch} PORT (e.g. {ExamplePort}) to turn the metrics endpoint on.");
        if (port is < 1 or > 65535)
            return (null, $"{PortSwitch} = {port} is not a TCP port: give one from 1 to 65535 (e.g. {ExamplePort}).");
        if (address is null) return (new(IPAddress.Loopback, port.Value), null);
        var ip = address == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(address.Trim('[', ']'), out var parsed) ? parsed : null;
        if (ip is null)
            return (null, $"{AddressSwitch} = {address} is not an IP address: give a loopback address such as 127.0.0.1 or ::1.");
        if (!IPAddress.IsLoopback(ip))
            return (null, $"{AddressSwitch} = {address} is not a loopback address: the metrics endpoint has no authentication and listens on this machine only " +
                          "(127.0.0.1 or ::1); to scrape it from another machine, put a reverse proxy or an SSH tunnel in front of it.");
        return (new(ip, port.Value), null);
    }
}
