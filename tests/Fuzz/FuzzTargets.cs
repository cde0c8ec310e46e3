using AutoLR.Fuzz.Targets;

namespace AutoLR.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new SafetensorsHeaderTarget(), new IdxTarget(), new MatTarget(), new ImageTarget(), new JobFileTarget(),
        new ConfigJsonTarget(), new AppSettingsTarget(), new SweepJsonTarget(), new ResultsJsonTarget(), new CheckpointTarget(),
        new TraceLineTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
