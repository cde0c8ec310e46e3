using System.Text.RegularExpressions;

namespace AutoLR.Integration.Architecture;

/// <summary>One row of the layer table: a project and the projects it may reference directly.</summary>
public sealed record Layer(string Project, IReadOnlyList<string> MayReference);

/// <summary>
/// The layering of src/ as the "Projects" table of src/AutoLR.Host/README.md declares it, and the checks the project
/// files are held to. A row may reference the projects in its last column and, through them, whatever those may: so
/// a row may only name rows above it, which makes the declared order free of loops.
/// </summary>
public static partial class LayerTable
{
    public const string Heading = "## Projects";

    /// <summary>The rows of the first table after <see cref="Heading"/>, top to bottom.</summary>
    public static IReadOnlyList<Layer> Read(string readme)
    {
        var lines = File.ReadAllLines(readme);
        var start = Array.IndexOf(lines, Heading);
        if (start < 0) throw new InvalidDataException($"{readme} has no line '{Heading}'; the layer table follows it.");
        var rows = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return rows.Select(row =>
        {
            var cells = CellSeparator().Split(row.Trim().Trim('|'));
            var project = Quoted().Match(cells[0]).Groups[1].Value;
            var mayReference = Quoted().Matches(cells[^1]).Select(m => m.Groups[1].Value).ToList();
            return new Layer(project, mayReference);
        }).ToList();
    }

    /// <summary>Problems of the table itself: a project named twice, or allowed a project that is not a row above it.</summary>
    public static IReadOnlyList<string> DeclarationProblems(IReadOnlyList<Layer> layers)
    {
        var problems = new List<string>();
        var above = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (!above.Add(layer.Project)) problems.Add($"{layer.Project} has two rows; give each project one.");
            foreach (var lower in layer.MayReference.Where(p => !above.Contains(p) || p == layer.Project))
                problems.Add($"{layer.Project} may reference {lower}, which is not a row above it; a project may only reference " +
                             "projects declared above it, or the order could loop.");
        }
        return problems;
    }

    /// <summary>What <paramref name="project"/> may reference: its row's projects and, transitively, theirs.</summary>
    public static IReadOnlySet<string> Allowed(IReadOnlyList<Layer> layers, string project)
    {
        var rows = layers.ToDictionary(l => l.Project, l => l.MayReference);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(rows.GetValueOrDefault(project) ?? []);
        while (pending.TryPop(out var next))
            if (allowed.Add(next))
                foreach (var further in rows.GetValueOrDefault(next) ?? []) pending.Push(further);
        return allowed;
    }

    /// <summary>Each project reference the table does not allow, as a message naming both projects and the fix.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<Layer> layers, IReadOnlyDictionary<string, IReadOnlyList<string>> references) =>
        references.SelectMany(project => project.Value
                .Where(reference => !Allowed(layers, project.Key).Contains(reference))
                .Select(reference => $"{project.Key} references {reference}, which it may not (it may reference " +
                                     $"{string.Join(", ", Allowed(layers, project.Key).Order(StringComparer.Ordinal).DefaultIfEmpty("nothing"))}); " +
                                     "move the code to the project that owns it, or pass it in through an interface the lower project declares."))
            .ToList();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();
}
