using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// Reads the observable instruments of one meter on demand (a scrape), through a <see cref="MeterListener"/>: each
/// <see cref="Collect"/> asks every instrument for its current values. Observable counters become Prometheus
/// counters, observable gauges and up-down counters gauges; instruments that record as they go (Counter, Histogram)
/// would need the listener to aggregate between scrapes and are not read.
/// </summary>
public sealed class MeterScrape : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private List<MetricSample>? _collecting;

    public MeterScrape(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.IsObservable) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<byte>(Record);
        _listener.SetMeasurementEventCallback<short>(Record);
        _listener.SetMeasurementEventCallback<int>(Record);
        _listener.SetMeasurementEventCallback<long>(Record);
        _listener.SetMeasurementEventCallback<float>(Record);
        _listener.SetMeasurementEventCallback<double>(Record);
        _listener.SetMeasurementEventCallback<decimal>(Record);
        _listener.Start();
    }

    /// <summary>
    /// Every value the meter's instruments report now. An instrument whose callback
    /// throws makes the whole collection throw (<see cref="AggregateException"/>) after the others have reported.
    /// </summary>
    public IReadOnlyList<MetricSample> Collect()
    {
        lock (_gate)
        {
            _collecting = [];
            try
            {
                _listener.RecordObservableInstruments();
                return _collecting;
            }
            finally
            {
                _collecting = null;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Called by the listener on the collecting thread, under <see cref="_gate"/>.</summary>
    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, INumberBase<T>
    {
        if (_collecting is null) return;
        var type = instrument.GetType().GetGenericTypeDefinition() == typeof(ObservableCounter<>) ? MetricType.Counter : MetricType.Gauge;
        var family = new MetricFamily(PrometheusText.MetricName(instrument.Name, instrument.Unit, type), instrument.Description ?? instrument.Name, type);
        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
            labels.Add(new(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        _collecting.Add(new MetricSample(family, labels, double.CreateSaturating(value)));
    }
}
