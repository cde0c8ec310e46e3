using AutoLR.Algorithms;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.Evaluation;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;

namespace AutoLR.Settings;

/// <summary>
/// Every setting of <c>autolr</c>, gathered from the layers that declare them — the F# core's controller, schedule
/// and base-LR settings (<see cref="ControllerSettings"/>, <see cref="ScheduleSettings"/>,
/// <see cref="LearningRateSettings"/>), Torch's training, device, backbone, data and evaluation settings, and the
/// host's own (selection, comparison, output) — with the rules over several of them. The command line, help,
/// validation, appsettings.json, config.json, results.json and resume checks read this list; a layer adds a setting
/// to its own list, never here.
/// </summary>
public static class SettingRegistry
{
    /// <summary>Every setting, in the order help and config.json list them.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        .. PresetSettings.all, .. ControllerSettings.all, .. RuleFileSettings.All, .. ScheduleSettings.all, .. LearningRateSettings.all, .. TrainingSettings.All, .. DeviceSettings.All,
        .. ComparisonSettings.All, .. DataSettings.All, .. EvaluationSettings.All, .. SelectionSettings.All, .. BackboneSettings.All,
        .. OutputSettings.All,
    ];

    /// <summary>Every rule over several settings.</summary>
    public static IReadOnlyList<SettingRule> Rules { get; } =
        [.. ControllerSettings.rules, .. RuleFileSettings.Rules, .. DeviceSettings.Rules, .. ComparisonSettings.Rules, .. DataSettings.Rules, .. SelectionSettings.Rules, .. BackboneSettings.Rules];

    /// <summary>The setting with this configuration name (case-insensitive, as configuration keys are), or null.</summary>
    public static Setting? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The setting with this switch (<c>--base-lr</c>), or null.</summary>
    public static Setting? FindSwitch(string switchName) => All.FirstOrDefault(s => s.Switch == switchName);
}
