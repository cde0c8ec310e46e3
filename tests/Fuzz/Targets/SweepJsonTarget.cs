using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Sweeps;

namespace AutoLR.Fuzz.Targets;

/// <summary>A sweep folder's sweep.json (sweep-cell, sweep-status, sweep-collect, paper-figures).</summary>
public sealed class SweepJsonTarget : FuzzTarget
{
    public override string Name => "sweep-json";

    public override void Run(byte[] input)
    {
        var sweep = ScratchFiles.Sub("sweep");
        ScratchFiles.Write(Path.Combine("sweep", SweepManifestFile.FileName), input);
        try
        {
            SweepManifestFile.Read(sweep);
        }
        catch (RunFormatException)
        {
        }
    }
}
