using AutoLR.Algorithms;

namespace AutoLR.Integration;

/// <summary>Reads trace.jsonl back through the F# <see cref="TraceLine"/>, the reader every tool uses.</summary>
public static class TraceFile
{
    public static TrialRecord[] Read(string path) =>
        File.ReadAllLines(path).Select((line, i) =>
        {
            var record = TraceLine.read(line);
            return record.IsOk ? record.ResultValue : throw new InvalidDataException($"{path}, line {i + 1}: {record.ErrorValue}");
        }).ToArray();
}
