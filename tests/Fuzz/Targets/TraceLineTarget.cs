using AutoLR.Algorithms;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Trace;

namespace AutoLR.Fuzz.Targets;

/// <summary>trace.jsonl: each line through the F# TraceLine reader (a result, never an exception), the file through TraceFile.</summary>
public sealed class TraceLineTarget : FuzzTarget
{
    public override string Name => "trace-line";

    public override void Run(byte[] input)
    {
        var path = ScratchFiles.Write(TraceFile.FileName, input);
        foreach (var line in File.ReadAllLines(path)) _ = TraceLine.read(line);
        try
        {
            TraceFile.Read(path);
        }
        catch (RunFormatException)
        {
        }
    }
}
