using System.Text.Json.Nodes;
using AutoLR.Algorithms;
using AutoLR.Commands;
using AutoLR.Experiments.Comparison;
using AutoLR.Runs.Checkpoints;
using AutoLR.RunFormat.Config;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Reports;
using AutoLR.RunFormat.Runs;
using AutoLR.Settings;
using AutoLR.Torch.Evaluation;

namespace AutoLR.Comparisons;

/// <summary>
/// `compare-collect --comparison DIR`: the comparison's report.md from its cells' cell.json (<see cref="ComparisonReport"/>,
/// as `compare` writes it at its end), for a comparison run on Slurm or still running; names the cells without results
/// and exits <see cref="ExitCodes.CellNotFinished"/> while any are missing.
/// </summary>
public static class CompareCollectCommand
{
    public const string Name = "compare-collect";

    public static int Run(string comparisonPath, CommandEnvironment environment)
    {
        try
        {
            var folder = ComparisonFolder.Open(comparisonPath);
            var config = RunConfigFile.Read(folder.Path);
            var baseLr = config.Settings[LearningRateSettings.baseLr.Name] is JsonValue lr && lr.TryGetValue<double>(out var value)
                ? value
                : throw new ComparisonFolderException($"{Path.Combine(folder.Path, RunConfigFile.FileName)} has no number {RunConfigFile.SettingsSection}:{LearningRateSettings.baseLr.Name}; restore the comparison's config.json.");
            // A comparison from before the grid's factors were a setting has none recorded: it ran the shipped grid.
            var factorsText = config.Settings[ComparisonSettings.CompareLrFactors.Name] is JsonValue factorsValue && factorsValue.TryGetValue<string>(out var text)
                ? text
                : ComparisonLrFactors.Shipped;
            var lrFactors = ComparisonLrFactors.Parse(factorsText, out var factorsProblem)
                ?? throw new ComparisonFolderException($"{Path.Combine(folder.Path, RunConfigFile.FileName)} has {RunConfigFile.SettingsSection}:{ComparisonSettings.CompareLrFactors.Name} = '{factorsText}': {factorsProblem}; restore the comparison's config.json.");
            var report = ComparisonReport.Build(folder, baseLr, lrFactors);
            var evalFlip = config.Settings[EvaluationSettings.EvalFlip.Name] is not JsonValue flip || !flip.TryGetValue<bool>(out var f) || f;
            var rows = config.Settings.Select(s => KeyValuePair.Create($"{RunConfigFile.SettingsSection}:{s.Key}", s.Value is JsonValue v ? v.ToString() : "")).ToList();
            var file = Path.Combine(folder.Path, ReportMarkdown.FileName);
            DurableFile.WriteAllText(file, ReportMarkdown.Render(report, RunCommands.Compare, new ReportSettings(evalFlip, rows)));
            var finished = folder.Cells.Count(folder.IsFinished);
            environment.Out.WriteLine(ComparisonReport.Summary(folder));
            environment.Out.WriteLine($"autolr {Name}: {finished} of {folder.Cells.Count} cells collected into {file}");
            return finished == folder.Cells.Count ? ExitCodes.Success : ExitCodes.CellNotFinished;
        }
        catch (Exception e) when (e is ComparisonFolderException or RunFormatException)
        {
            environment.Error.WriteLine($"autolr {Name}: configuration error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
    }
}
