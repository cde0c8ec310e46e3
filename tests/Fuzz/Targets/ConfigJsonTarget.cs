using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;

namespace AutoLR.Fuzz.Targets;

/// <summary>A run's config.json (read by --resume, --from, status and paper-figures).</summary>
public sealed class ConfigJsonTarget : FuzzTarget
{
    public override string Name => "config-json";

    public override void Run(byte[] input)
    {
        var run = ScratchFiles.Sub("run");
        ScratchFiles.Write(Path.Combine("run", RunConfigFile.FileName), input);
        try
        {
            RunConfigFile.Read(run);
        }
        catch (RunFormatException)
        {
        }
    }
}
