using System.Text.Json;
using System.Text.Json.Serialization;
using AutoLR.Algorithms;
using Microsoft.FSharp.Core;

namespace AutoLR.Torch.FineTuning;

/// <summary>
/// Appends one JSON object per trial to <c>trace.jsonl</c> (DESIGN.md §3), camelCase, flushed per line so a killed run
/// keeps every finished trial. Values are the record's, never recomputed.
/// </summary>
public sealed class TraceWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A diverged trial has NaN or ∞ in it, and the trace must still say so.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StreamWriter _writer;

    /// <param name="path">The trace file; created if missing, appended to otherwise (a resumed run continues it).</param>
    public TraceWriter(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    public string Path { get; }

    public void Write(TrialRecord record)
    {
        _writer.WriteLine(JsonSerializer.Serialize(TraceLine.From(record), Json));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>The JSON shape of one line; options become arrays or null.</summary>
    public sealed record TraceLine(
        int Epoch, int Trial, string[] Layers, double[] Lrs, double StemLr, double HeadLr, double[] Variations,
        double SortingQuality, double Threshold, bool Accepted, double[]? Targets, double[]? NextLrs, string[] Events,
        double TrainLoss, double Seconds)
    {
        public static TraceLine From(TrialRecord r) => new(
            r.Epoch, r.Trial, r.Layers, r.Lrs, r.StemLr, r.HeadLr, r.Variations, r.SortingQuality, r.Threshold, r.Accepted,
            OrNull(r.Targets), OrNull(r.NextLrs), r.Events, r.TrainLoss, r.Seconds);

        /// <summary>Reads one line back (for tests and tools).</summary>
        public static TraceLine Parse(string line) =>
            JsonSerializer.Deserialize<TraceLine>(line, Json)
            ?? throw new InvalidDataException($"Trace line is not a trial record: {line}");

        private static double[]? OrNull(FSharpOption<double[]>? value) => FSharpOption<double[]>.get_IsSome(value) ? value!.Value : null;
    }
}
