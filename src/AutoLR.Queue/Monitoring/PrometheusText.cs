using System.Globalization;
using System.Text;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// The Prometheus text exposition format, version 0.0.4: per family one <c># HELP</c> and one <c># TYPE</c> line,
/// then one line per sample, <c>name{label="value",...} number</c>. Names are made of [a-zA-Z0-9_:] and do not start
/// with a digit; a HELP text escapes backslash and line feed, a label value also the double quote.
/// </summary>
public static class PrometheusText
{
    /// <summary>The Content-Type a scraper expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The Prometheus name of a .NET instrument, as OpenTelemetry's exporter makes it: characters outside the format's
    /// set become '_' ("autolr.worker.job.eta" → "autolr_worker_job_eta"), seconds add "_seconds", a unit in braces
    /// (a count of things, "{job}") adds nothing, any other unit adds itself, and a counter ends in "_total".
    /// </summary>
    public static string MetricName(string instrument, string? unit, MetricType type)
    {
        var name = Sanitize(instrument, allowColon: true);
        var suffix = unit switch
        {
            null or "" or "1" => null,
            "s" => "seconds",
            _ when unit.StartsWith('{') => null,
            _ => Sanitize(unit, allowColon: false),
        };
        if (suffix is not null && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        return name;
    }

    /// <summary>A tag key as a label name: [a-zA-Z0-9_], not starting with a digit.</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>The exposition of <paramref name="samples"/>, families in the order they first appear, each family's samples together.</summary>
    public static string Write(IEnumerable<MetricSample> samples)
    {
        var text = new StringBuilder();
        foreach (var family in samples.GroupBy(s => s.Family.Name))
        {
            var first = family.First().Family;
            text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
            foreach (var sample in family)
            {
                text.Append(first.Name);
                if (sample.Labels.Count > 0)
                    text.Append('{')
                        .AppendJoin(',', sample.Labels.Select(l => $"{LabelName(l.Key)}=\"{EscapeLabelValue(l.Value)}\""))
                        .Append('}');
                text.Append(' ').Append(Number(sample.Value)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>A sample value as Go's ParseFloat reads it: shortest round-trip digits, "NaN", "+Inf", "-Inf".</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\").Replace("\n", "\\n");

    public static string EscapeLabelValue(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Sanitize(string text, bool allowColon)
    {
        var name = new StringBuilder(text.Length + 1);
        foreach (var c in text)
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) name.Insert(0, '_');
        return name.ToString();
    }
}
