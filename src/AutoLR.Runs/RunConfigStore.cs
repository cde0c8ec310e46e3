using AutoLR.Runs.Checkpoints;
using AutoLR.Settings;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;
using AutoLR.Torch.Inputs;

namespace AutoLR.Runs;

/// <summary>
/// A run's config.json as the host keeps it: written durably when the run starts, and read back, after the same
/// input checks as every file a user names, when a run is resumed or read with <c>--from</c>. The format is
/// <see cref="RunConfigFile"/>'s.
/// </summary>
public static class RunConfigStore
{
    public static void Write(string runFolder, RunIdentity identity, RunSettings settings) =>
        DurableFile.WriteAllText(Path.Combine(runFolder, RunConfigFile.FileName), RunConfigFile.Render(identity, settings.ToJson()));

    /// <summary>
    /// Reads a run's command and settings as configuration text; throws <see cref="RunFolderException"/> naming the
    /// file, and the key when one holds a value of the wrong JSON type.
    /// </summary>
    public static (string Command, IReadOnlyDictionary<string, string?> Settings) Read(string runFolder)
    {
        var file = Path.Combine(runFolder, RunConfigFile.FileName);
        if (File.Exists(file) && InputFile.Problem(file, RunConfigFile.MaxFileBytes) is { } problem)
            throw new RunFolderException($"{file} cannot be used: {problem}; give the directory of a run that autolr created.");
        try
        {
            var config = RunConfigFile.Read(runFolder);
            return (config.Command, config.SettingsAsText(file));
        }
        catch (RunFormatException e)
        {
            throw new RunFolderException(e.Message);
        }
    }

    /// <summary>The grid a sweep was started with (<c>Run:Grid</c>), null for other commands.</summary>
    public static string? Grid(string runFolder) => RunConfigFile.Read(runFolder).Grid;
}
