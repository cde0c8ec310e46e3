namespace AutoLR.Settings;

/// <summary>Which split selects the pruning depth of Algorithm 1.</summary>
public enum SelectionMode
{
    /// <summary>A class-disjoint split carved from the training classes (ours).</summary>
    Validation,
    /// <summary>The test split: the paper's protocol, which leaks test data into model selection.</summary>
    Test,
}

/// <summary>
/// The selection modes by configuration name, registered once, here: <c>--selection</c>'s choices, its help and its
/// validation read this list.
/// </summary>
public static class SelectionModes
{
    public static IReadOnlyList<(string Name, SelectionMode Mode, string Description)> All { get; } =
    [
        ("validation", SelectionMode.Validation, "class-disjoint, carved from the training classes"),
        ("test", SelectionMode.Test, "the paper's protocol; needs --allow-test-selection"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The mode of a configuration name (exact), or null for an unknown one.</summary>
    public static SelectionMode? TryParse(string name) => All.Where(m => m.Name == name).Select(m => (SelectionMode?)m.Mode).FirstOrDefault();

    /// <summary>The mode of a validated name; an unknown one is a bug (validation lists the names).</summary>
    public static SelectionMode Parse(string name) =>
        TryParse(name) ?? throw new InvalidOperationException(
            $"{SelectionSettings.Selection.ConfigKey} = '{name}' is no selection mode ({string.Join(", ", Names)}); validation should have rejected it.");

    public static string Name(this SelectionMode mode) => All.Single(m => m.Mode == mode).Name;
}
