using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Host;
using AutoLR.Integration.Slurm;
using AutoLR.Settings;

namespace AutoLR.Integration.Messages;

/// <summary>
/// Every message that names a setting names one the user can set. The test reads every string literal of the source
/// (messages, help, exception texts) and checks each name that looks like a setting against what the user can type:
/// a switch of the real command line, a configuration key or an AUTOLR__ variable of the settings registry
/// (<see cref="SettingRegistry.All"/>); and a property of an options class named in a message must be a setting of that
/// name, since the user reads it as one.
/// </summary>
public partial class SettingNamesInMessagesTests
{
    /// <summary>
    /// Switches of the programs autolr runs or tells the user to run, which appear in its messages and scripts beside
    /// that program's name. Each is another tool's: sbatch directives, apt-get's reinstall.
    /// </summary>
    private static readonly Dictionary<string, string> OtherProgramsSwitches = new(StringComparer.Ordinal)
    {
        ["--job-name"] = "sbatch", ["--array"] = "sbatch", ["--open-mode"] = "sbatch", ["--requeue"] = "sbatch",
        ["--signal"] = "sbatch", ["--cpus-per-task"] = "sbatch", ["--parsable"] = "sbatch", ["--dependency"] = "sbatch", ["--name"] = "squeue",
        ["--reinstall"] = "apt-get", ["--tool-path"] = "dotnet tool", ["--add-source"] = "dotnet tool",
        // paper-figures, which reads run directories through AutoLR.RunFormat: its messages name its own switch.
        ["--runs"] = "paper-figures",
        // The hosted F# Interactive that compiles a rule file (AutoLR.RuleFiles) takes its own switches.
        ["--noninteractive"] = "fsi", ["--nologo"] = "fsi", ["--quiet"] = "fsi",
    };

    /// <summary>config.json's section that says which command made a run: fields of the file, not settings.</summary>
    private const string RunIdentitySection = "Run:";

    [Fact]
    public void Every_switch_key_and_variable_a_message_names_can_be_set()
    {
        var problems = UnknownNames(Literals());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_message_that_names_an_options_property_names_a_setting()
    {
        var problems = UnsettableProperties(Literals());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_walk_reads_the_messages_and_catches_names_nobody_can_set()
    {
        var literals = Literals().ToList();
        Assert.Contains(literals, l => l.Text.Contains("--skip-bad-images (AUTOLR__SKIPBADIMAGES;", StringComparison.Ordinal));
        Assert.Contains(literals, l => l.Text.Contains("--drop-singleton-classes (AUTOLR__DROPSINGLETONCLASSES;", StringComparison.Ordinal));

        SourceLiteral Made(string text) => new("made-up.cs", 1, text);
        Assert.Equal(3, UnknownNames([Made("raise it with --no-such-switch"), Made("or set AUTOLR__NOSUCHTHING"), Made("Dataset:ImageSize must be at least 1")]).Count);
        Assert.Single(UnsettableProperties([Made("Crop less, or set ResizeShorterSide to leave more of each image")]), p => p.Contains("ResizeShorterSide"));
        Assert.Single(UnsettableProperties([Made("or set FolderTrainFraction")]));
        Assert.Empty(UnknownNames([Made("--alpha, --resume, --queue, --slurm, AUTOLR__ALPHA and AutoLR:Alpha")]));
    }

    /// <summary>Switches, configuration keys and AUTOLR__ variables the literals name that the user cannot type.</summary>
    private static List<string> UnknownNames(IEnumerable<SourceLiteral> literals)
    {
        var switches = Switches();
        var keys = SettingRegistry.All.Select(s => s.ConfigKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var variables = SettingRegistry.All.Select(s => s.EnvironmentVariable).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var literal in literals)
        {
            foreach (Match m in SwitchName().Matches(literal.Text))
                if (!switches.Contains(m.Value) && !OtherProgramsSwitches.ContainsKey(m.Value))
                    problems.Add($"{literal}: {m.Value} is no switch of autolr");
            foreach (Match m in VariableName().Matches(literal.Text))
                if (!variables.Contains(m.Value)) problems.Add($"{literal}: {m.Value} is no setting's variable");
            foreach (Match m in ConfigurationKey().Matches(literal.Text))
                if (!keys.Contains(m.Value) && !m.Value.StartsWith(RunIdentitySection, StringComparison.Ordinal))
                    problems.Add($"{literal}: {m.Value} is no configuration key");
        }
        return problems;
    }

    /// <summary>Properties of options classes the literals name as if they were settings, which no setting sets.</summary>
    private static List<string> UnsettableProperties(IEnumerable<SourceLiteral> literals)
    {
        var settings = SettingRegistry.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var properties = OptionsProperties();
        var problems = new List<string>();
        foreach (var literal in literals)
            // A member qualified by its type (DatasetOptions.ImageSize) speaks to whoever writes code, not to the user.
            foreach (Match m in PascalWord().Matches(literal.Text).Where(m => m.Index == 0 || literal.Text[m.Index - 1] != '.'))
                if (properties.TryGetValue(m.Value, out var owner) && !settings.Contains(m.Value))
                    problems.Add($"{literal}: {m.Value} is a property of {owner}, which no user can set; name the setting that sets it");
        return problems;
    }

    /// <summary>Every option of every command of the real command line (settings, --resume, --from, the queue's and Slurm's).</summary>
    private static HashSet<string> Switches()
    {
        var root = AutoLrCommandLine.Build(CommandEnvironment.FromProcess(), new JobCatalog());
        var names = new HashSet<string>(StringComparer.Ordinal) { "--help", "--version" };
        void Walk(Command command)
        {
            foreach (var option in command.Options)
            {
                names.Add(option.Name);
                foreach (var alias in option.Aliases) names.Add(alias);
            }
            foreach (var sub in command.Subcommands) Walk(sub);
        }
        Walk(root);
        return names;
    }

    /// <summary>Settable properties of the options and settings classes of autolr's assemblies → the class.</summary>
    private static Dictionary<string, string> OptionsProperties()
    {
        var assemblies = new[] { typeof(SettingRegistry).Assembly, typeof(AutoLR.Torch.Data.DatasetOptions).Assembly };
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) || t.Name.EndsWith("Settings", StringComparison.Ordinal)))
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                properties.TryAdd(property.Name, type.Name);
        return properties;
    }

    /// <summary>The literals of src/, with interpolation holes ({expression}) left out: they are code, not text.</summary>
    private static IEnumerable<SourceLiteral> Literals() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".fs", StringComparison.Ordinal)) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(SourceLiterals.In)
            .Select(l => l with { Text = Hole().Replace(l.Text, "") });

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9]*(-[a-z0-9]+)*")]
    private static partial Regex SwitchName();

    [GeneratedRegex(@"\bAUTOLR__[A-Z0-9_]+")]
    private static partial Regex VariableName();

    /// <summary>A section:key pair as a user would write one (no space after the colon), e.g. AutoLR:Alpha.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+\b")]
    private static partial Regex ConfigurationKey();

    /// <summary>A compound PascalCase word, e.g. DropSingletonClasses.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex PascalWord();
}
