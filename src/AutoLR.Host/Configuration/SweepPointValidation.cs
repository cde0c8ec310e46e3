using AutoLR.Host.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AutoLR.Host.Configuration;

/// <summary>
/// Validates every point of a sweep grid with the same validators as a single run, so that a point such as
/// <c>alpha=-1</c> or <c>lr-min</c> above <c>lr-max</c> stops the sweep at start rather than hours into it.
/// </summary>
public static class SweepPointValidation
{
    /// <summary>Most grid points checked; larger grids are checked axis value by axis value instead of per combination.</summary>
    private const int MaxPoints = 10_000;

    public static IReadOnlyList<string> Check(IConfiguration configuration, IReadOnlyList<SweepAxis> grid)
    {
        var problems = new List<string>();
        foreach (var point in Points(grid))
        {
            var layered = new ConfigurationManager();
            layered.AddConfiguration(configuration);
            ((IConfigurationBuilder)layered).Add(new LabelledConfigurationSource(SettingLayer.Switches,
                point.ToDictionary(p => p.Setting.ConfigKey, p => (string?)p.Value)));
            var origin = new SettingOrigin(layered);
            var section = layered.GetSection(SettingKey.Section);
            var failures = Validate(section, new ControllerSettingsValidation(origin))
                .Concat(Validate(section, new TrainingSettingsValidation(origin, layered)))
                .Concat(Validate(section, new DataSettingsValidation(origin)))
                .Concat(Validate(section, new BackboneSettingsValidation(origin)))
                .Concat(Validate(section, new OutputSettingsValidation(origin)));
            var label = string.Join(" ", point.Select(p => $"{p.Setting.Switch[2..]}={p.Value}"));
            problems.AddRange(failures.Select(f => $"--grid point {label}: {f}").Where(f => !problems.Contains(f)));
        }
        return problems;
    }

    private static IEnumerable<string> Validate<T>(IConfiguration section, IValidateOptions<T> validation) where T : class, new() =>
        validation.Validate(null, section.Get<T>() ?? new T()).Failures ?? [];

    private static IEnumerable<IReadOnlyList<(SettingKey Setting, string Value)>> Points(IReadOnlyList<SweepAxis> grid)
    {
        var total = grid.Aggregate(1L, (n, axis) => n * axis.Values.Count);
        if (total > MaxPoints)
        {
            foreach (var axis in grid)
                foreach (var value in axis.Values)
                    yield return [(axis.Setting, value)];
            yield break;
        }
        IEnumerable<IReadOnlyList<(SettingKey, string)>> points = [[]];
        foreach (var axis in grid)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<(SettingKey, string)>)[.. p, (axis.Setting, v)])).ToList();
        foreach (var point in points) yield return point;
    }
}
