using System.Text.RegularExpressions;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Architecture;

/// <summary>
/// The projects under src/ reference each other as the layer table of src/AutoLR.Host/README.md declares: one way
/// only, Host → Queue, Sweeps → Commands → Experiments → Runs → Settings → Torch → Algorithms, siblings apart. The
/// compiler refuses a loop between projects; these tests refuse a reference the table does not allow, a project the
/// table does not name, and a namespace that does not match its project folder.
/// </summary>
public class ProjectLayeringTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot.Path, "src");
    private static readonly string Readme = Path.Combine(Src, "AutoLR.Host", "README.md");

    [Fact]
    public void The_layer_table_names_each_project_once_and_lets_it_reference_only_rows_above_it()
    {
        var layers = LayerTable.Read(Readme);
        Assert.True(layers.Count > 0, $"{Readme}: no rows under '{LayerTable.Heading}'; the table of the projects under src/ belongs there.");
        var problems = LayerTable.DeclarationProblems(layers);
        Assert.True(problems.Count == 0, $"{Readme}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Every_project_under_src_has_a_row_and_every_row_is_a_project_under_src()
    {
        var declared = LayerTable.Read(Readme).Select(l => l.Project).Order(StringComparer.Ordinal);
        var present = SourceProjects.References(Src).Keys.Order(StringComparer.Ordinal);
        Assert.Equal(present, declared);
    }

    [Fact]
    public void Every_project_reference_under_src_is_one_the_layer_table_allows()
    {
        var violations = LayerTable.Violations(LayerTable.Read(Readme), SourceProjects.References(Src));
        Assert.True(violations.Count == 0, $"The layer table is in {Readme}.\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void A_reference_up_the_table_or_between_siblings_is_reported_naming_both_projects()
    {
        var layers = LayerTable.Read(Readme);
        var references = SourceProjects.References(Src).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        references["AutoLR.Runs"] = [.. references["AutoLR.Runs"], "AutoLR.Experiments"];
        references["AutoLR.Queue"] = [.. references["AutoLR.Queue"], "AutoLR.Sweeps"];

        var violations = LayerTable.Violations(layers, references);

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("AutoLR.Runs references AutoLR.Experiments, which it may not", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("AutoLR.Queue references AutoLR.Sweeps, which it may not", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_that_may_reference_a_row_below_it_is_a_declaration_problem()
    {
        var layers = LayerTable.Read(Readme)
            .Select(l => l.Project == "AutoLR.Settings" ? l with { MayReference = [.. l.MayReference, "AutoLR.Commands"] } : l)
            .ToList();

        var problem = Assert.Single(LayerTable.DeclarationProblems(layers));
        Assert.StartsWith("AutoLR.Settings may reference AutoLR.Commands, which is not a row above it", problem);
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_project_folder()
    {
        var wrong = new List<string>();
        foreach (var project in SourceProjects.References(Src).Keys)
        {
            var folder = Path.Combine(Src, project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Src, file);
                var folders = Path.GetDirectoryName(relative)!.Split(Path.DirectorySeparatorChar);
                // Build output, and the entry point's top-level statements, which live in no namespace.
                if (folders.Contains("bin") || folders.Contains("obj") || relative == Path.Combine("AutoLR.Host", "Program.cs")) continue;
                var expected = string.Join('.', folders);
                var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value;
                if (declared != expected) wrong.Add($"src/{relative.Replace(Path.DirectorySeparatorChar, '/')}: namespace '{declared}', expected '{expected}'");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
