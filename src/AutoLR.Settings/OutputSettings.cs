using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>Where run directories go, declared once.</summary>
public static class OutputSettings
{
    /// <summary>Every command writes a run directory.</summary>
    public static readonly SettingGroup Group = new("output", sweepable: false);

    /// <summary>Relative paths are taken from the working directory.</summary>
    public static readonly Setting<string> Output = Setting.Path("Output", "Folder under which each run gets its own directory.", [Group], "runs")
        .WithRole(SettingRole.Placement)
        .CheckedBy(folder => folder.Trim().Length == 0 ? "the output folder must not be empty (default: runs)."
            : File.Exists(folder) ? "this path is a file; give a folder for run directories."
            : null);

    /// <summary>The settings, in the order help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Output];
}
