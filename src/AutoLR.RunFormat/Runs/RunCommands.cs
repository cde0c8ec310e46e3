namespace AutoLR.RunFormat.Runs;

/// <summary>
/// The `autolr` commands that make run directories, as config.json (<c>Run:Command</c>) and results.json
/// (<c>command</c>) record them. The command line declares its commands with these names; readers give
/// <see cref="Prune"/>, <see cref="Sweep"/> and <see cref="Compare"/> runs their own meaning.
/// </summary>
public static class RunCommands
{
    public const string Run = "run";
    public const string FineTune = "finetune";
    public const string Prune = "prune";
    public const string Evaluate = "evaluate";
    public const string Sweep = "sweep";
    public const string Export = "export";
    public const string Embed = "embed";
    public const string Compare = "compare";
}
