using AutoLR.Fuzz;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Fuzz;

/// <summary>
/// Every input in tests/Fuzz/Corpus (the seeds) and tests/Fuzz/Regressions (each crash the fuzzer found, kept once it
/// was fixed) goes through its fuzz target without a crash: the parser accepts it or refuses it with its own error.
/// scripts/fuzz.sh searches for new ones under AFL++; these run in every test run without it.
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string Root = Path.Combine(RepositoryRoot.Path, "tests", "Fuzz");

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_every_crash_found_so_far_is_handled(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var inputs = new[] { "Corpus", "Regressions" }
            .Select(folder => Path.Combine(Root, folder, name))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            var exception = Record.Exception(() => target.Run(File.ReadAllBytes(input)));
            Assert.True(exception is null, $"{Path.GetRelativePath(Root, input)}: {exception}");
        }
    }

    [Fact]
    public void Every_target_has_seeds_and_every_seed_folder_a_target()
    {
        Assert.Equal(
            FuzzTargets.All.Select(t => t.Name).Order(StringComparer.Ordinal),
            Directory.GetDirectories(Path.Combine(Root, "Corpus")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
