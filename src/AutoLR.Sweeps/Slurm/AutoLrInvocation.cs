using System.Reflection;

namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// How to start this same `autolr` again on a compute node: the apphost alone, or `dotnet` with the entry assembly
/// when it was started that way. The array tasks then run exactly the binary that submitted them.
/// </summary>
public static class AutoLrInvocation
{
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown; cannot tell array tasks how to start autolr.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }
}
