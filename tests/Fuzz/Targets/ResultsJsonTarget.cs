using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;

namespace AutoLR.Fuzz.Targets;

/// <summary>A run's results.json (evaluate, embed, export, sweep-collect, paper-figures).</summary>
public sealed class ResultsJsonTarget : FuzzTarget
{
    public override string Name => "results-json";

    public override void Run(byte[] input)
    {
        try
        {
            ResultsFile.Read(ScratchFiles.Write(ResultsFile.FileName, input));
        }
        catch (RunFormatException)
        {
        }
    }
}
