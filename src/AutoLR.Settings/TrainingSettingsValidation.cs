using System.Globalization;
using System.Text.RegularExpressions;
using AutoLR.Algorithms;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using AutoLR.Torch.Weights;
using S = AutoLR.Settings.SettingCatalog;
using static AutoLR.Settings.ControllerSettingsValidation;

namespace AutoLR.Settings;

/// <summary>
/// Ranges of the training settings; the base LR must lie inside the controller's LR bounds. The schedule and its
/// hyper-parameters are checked against the F# catalogue (<see cref="ScheduleSettings"/>).
/// </summary>
public sealed partial class TrainingSettingsValidation(SettingOrigin origin, IConfiguration configuration)
    : IValidateOptions<TrainingSettings>
{
    public ValidateOptionsResult Validate(string? name, TrainingSettings o)
    {
        var p = new SettingProblems(origin);
        p.Require(Choice(S.Schedule, o.Schedule), S.Schedule, o.Schedule, Allowed(S.Schedule));
        foreach (var key in ScheduleSettings.Keys)
        {
            var parameter = ScheduleSettings.ParameterOf(key);
            var value = ScheduleSettings.ValueOf(o, key);
            p.Require(ScheduleParameterModule.accepts(parameter, value), key, value,
                $"it must be {ScheduleParameterModule.rangeText(parameter)} (default {parameter.Get.Invoke(BaselineParametersModule.defaults).ToString(CultureInfo.InvariantCulture)}).");
        }
        p.Require(Finite(o.BaseLr) && o.BaseLr > 0, S.BaseLr, o.BaseLr, "the base learning rate must be a number > 0.");
        var bounds = configuration.GetSection(SettingKey.Section).Get<ControllerSettings>() ?? new ControllerSettings();
        if (o.BaseLr > 0 && bounds.LrMin > 0 && bounds.LrMin < bounds.LrMax)
            p.Require(o.BaseLr >= bounds.LrMin && o.BaseLr <= bounds.LrMax, S.BaseLr, o.BaseLr,
                $"the base learning rate must lie within [--lr-min, --lr-max] = [{bounds.LrMin}, {bounds.LrMax}].");
        p.Require(o.Epochs is >= 1 and <= 10000, S.Epochs, o.Epochs, "epochs must be an integer in 1..10000.");
        p.Require(o.BatchSize is >= 2 and <= 4096, S.BatchSize, o.BatchSize,
            "the batch size must be an integer in 2..4096 (BatchNorm cannot train on one image).");
        p.Require(Finite(o.WeightDecay) && o.WeightDecay >= 0 && o.WeightDecay < 1, S.WeightDecay, o.WeightDecay,
            "the weight decay must be a number in [0, 1) (the authors use 5e-4; 0 switches it off).");
        p.Require(o.ImageSize is >= 32 and <= 1024, S.ImageSize, o.ImageSize,
            "the image size must be an integer in 32..1024 pixels (five stride-2 stages need at least 32).");
        p.Require(o.PruningDepth is >= 0 and <= 1000, S.PruningDepth, o.PruningDepth,
            "the pruning depth must be an integer in 0..1000, and below the backbone's block count (9 for cntk-resnet18).");
        var backbone = configuration.GetSection(SettingKey.Section).Get<BackboneSettings>() ?? new BackboneSettings();
        if (o.PruningDepth is >= 0 and <= 1000 && Choice(S.Backbone, backbone.Backbone))
        {
            // Removing K or more of K blocks leaves nothing to fine-tune; the network could not even be built.
            var blocks = PretrainedBackbones.Find(backbone.Backbone).Spec().BlockCount;
            p.RequireTogether(o.PruningDepth < blocks, S.PruningDepth, o.PruningDepth, S.Backbone, backbone.Backbone,
                $"{backbone.Backbone} has K = {blocks} blocks and at least one must remain; use a pruning depth in 0..{blocks - 1}.");
        }
        p.Require(DevicePattern().IsMatch(o.Device ?? ""), S.Device, o.Device,
            "the device must be cpu, cuda or cuda:N with N a GPU index (e.g. cuda:0).");
        p.Require(o.Threads is >= 0 and <= 1024, S.Threads, o.Threads, "threads must be an integer in 0..1024 (0 uses this machine's core count).");
        p.Require(Choice(S.StridedProjection, o.StridedProjection), S.StridedProjection, o.StridedProjection, Allowed(S.StridedProjection));
        if (StridedProjectionPath.Problem(o.StridedProjection, backbone.Backbone, o.Device ?? "") is { } crash)
            p.Require(false, S.StridedProjection, o.StridedProjection, crash);
        p.Require(o.Seed >= 0, S.Seed, o.Seed, "the seed must be an integer ≥ 0.");
        if (ListProblem(o.Schedules, n => ScheduleCatalog.names.Contains(n), "schedule") is { } schedulesProblem)
            p.Require(false, S.Schedules, o.Schedules,
                $"{schedulesProblem}; list distinct schedule names separated by commas, each one of {string.Join(", ", ScheduleCatalog.names)}.");
        if (ListProblem(o.Seeds, t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _), "seed (an integer ≥ 0)") is { } seedsProblem)
            p.Require(false, S.Seeds, o.Seeds, $"{seedsProblem}; list distinct integer seeds ≥ 0 separated by commas, e.g. 1,2,3.");
        var compareDepthOk = ComparisonDepth.TryParse(o.ComparePruningDepth, out var compareDepth);
        p.Require(compareDepthOk && compareDepth is null or <= 1000, S.ComparePruningDepth, o.ComparePruningDepth,
            $"give {ComparisonDepth.Auto} (per seed, the pruning search chooses the depth on validation) or a fixed depth, an integer in 0..K−1.");
        if (compareDepthOk && compareDepth is { } fixedDepth and <= 1000 && Choice(S.Backbone, backbone.Backbone))
        {
            var blocks = PretrainedBackbones.Find(backbone.Backbone).Spec().BlockCount;
            p.RequireTogether(fixedDepth < blocks, S.ComparePruningDepth, o.ComparePruningDepth, S.Backbone, backbone.Backbone,
                $"{backbone.Backbone} has K = {blocks} blocks and at least one must remain; use {ComparisonDepth.Auto} or a depth in 0..{blocks - 1}.");
        }
        p.Require(o.Jobs is >= 1 and <= 64, S.Jobs, o.Jobs, "jobs must be an integer in 1..64 (1 runs the comparison's cells here one after another).");
        return p.Result();
    }

    /// <summary>
    /// What is wrong with a comma-separated list of <paramref name="what"/>s, naming the first offending entry (an
    /// empty one, one <paramref name="valid"/> refuses, one given twice), or null when every entry is fine.
    /// </summary>
    private static string? ListProblem(string? text, Func<string, bool> valid, string what)
    {
        var entries = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (entries.FirstOrDefault(e => e.Length == 0) is not null)
            return entries.Length == 1 ? $"no {what} is given" : $"the list has an empty entry (two commas in a row, or one at an end)";
        if (entries.FirstOrDefault(e => !valid(e)) is { } bad) return $"'{bad}' is not a {what}";
        if (entries.GroupBy(e => e).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"'{twice.Key}' is given twice";
        return null;
    }

    /// <summary>The device syntax (cpu, cuda, cuda:N); also checks `autolr worker --device`.</summary>
    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]{1,3})$")]
    public static partial Regex DevicePattern();
}
