using System.Globalization;
using System.Text;

namespace AutoLR.Queue.Monitoring;

/// <summary>An HTTP request as far as a scrape endpoint needs it: the method and the path (without the query).</summary>
public sealed record HttpRequestLine(string Method, string Path);

/// <summary>An HTTP response with a text body; one per connection.</summary>
public sealed record HttpAnswer(int Status, string ContentType, string Body);

/// <summary>
/// The least of HTTP/1.1 a Prometheus scraper, curl or a health probe needs: read the request line and skip the
/// headers (bounded, so a client cannot make the worker buffer without end), then write one response with its length
/// and close the connection. A request body is never read: the endpoint answers GET and HEAD only.
/// </summary>
public static class HttpExchange
{
    /// <summary>A scraper's request head is a few hundred bytes; anything near this is not one.</summary>
    public const int MaxHeadBytes = 16 << 10;

    /// <summary>The request line of the head read from <paramref name="stream"/>, or null when the client sent no well-formed head.</summary>
    public static async Task<HttpRequestLine?> ReadAsync(Stream stream, CancellationToken cancel)
    {
        var head = new List<byte>(512);
        var buffer = new byte[1024];
        while (!EndsHead(head))
        {
            var read = await stream.ReadAsync(buffer, cancel);
            if (read == 0 || head.Count + read > MaxHeadBytes) return null;
            head.AddRange(buffer.AsSpan(0, read));
        }
        var text = Encoding.ASCII.GetString(head.ToArray());
        var parts = text[..text.IndexOf('\n')].TrimEnd('\r').Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
        var target = parts[1];
        var query = target.IndexOf('?');
        return new(parts[0], query < 0 ? target : target[..query]);
    }

    /// <summary>Writes <paramref name="answer"/>, its body left out for a HEAD request.</summary>
    public static async Task WriteAsync(Stream stream, HttpAnswer answer, bool withBody, CancellationToken cancel)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = $"HTTP/1.1 {answer.Status.ToString(CultureInfo.InvariantCulture)} {Reason(answer.Status)}\r\n" +
                   $"Content-Type: {answer.ContentType}\r\n" +
                   $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n" +
                   (answer.Status == 405 ? "Allow: GET, HEAD\r\n" : "") +
                   "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
        if (withBody) await stream.WriteAsync(body, cancel);
        await stream.FlushAsync(cancel);
    }

    /// <summary>Whether the head's blank line has arrived (CRLF CRLF, or LF LF from a lenient client), wherever it lies in a read.</summary>
    private static bool EndsHead(List<byte> head)
    {
        for (var i = 1; i < head.Count; i++)
            if (head[i] == '\n' && (head[i - 1] == '\n' || (i >= 3 && head[i - 1] == '\r' && head[i - 2] == '\n' && head[i - 3] == '\r'))) return true;
        return false;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
