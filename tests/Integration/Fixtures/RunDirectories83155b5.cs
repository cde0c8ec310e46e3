using AutoLR.Integration.Host;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Fixtures;

/// <summary>
/// The run directories main 83155b5 wrote (tests/Fixtures/RunDirectories/83155b5, its README says how) and the tables
/// its paper-figures rendered from them (…/83155b5-rendered): every later build must read, render and resume them.
/// </summary>
public static class RunDirectories83155b5
{
    public static string Root { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Fixtures", "RunDirectories", "83155b5");

    public static string Rendered { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Fixtures", "RunDirectories", "83155b5-rendered");

    /// <summary>The finished final stages of the compare fixture, as run-comparison.sh gives them to paper-figures.</summary>
    public static IReadOnlyList<string> CompareFinals =>
        [.. Directory.GetDirectories(Path.Combine(Root, "compare"), "final", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static string In(string folder) => Path.Combine(Root, folder);

    /// <summary>A copy of a fixture folder in a temporary folder, to run a command on without touching the fixture.</summary>
    public static string Copy(string folder)
    {
        var copy = Path.Combine(HostRun.NewTemporaryFolder(), folder);
        foreach (var file in Directory.GetFiles(In(folder), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(In(folder), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
