namespace AutoLR.Queue.Monitoring;

/// <summary>Prometheus' metric types that observable .NET instruments map to: a counter only rises, a gauge goes both ways.</summary>
public enum MetricType { Counter, Gauge }

/// <summary>A metric family: its Prometheus name, its HELP text and its TYPE (<see cref="PrometheusText"/>).</summary>
public sealed record MetricFamily(string Name, string Help, MetricType Type);

/// <summary>One observed value of a family, with its labels as the instrument tagged it.</summary>
public sealed record MetricSample(MetricFamily Family, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
