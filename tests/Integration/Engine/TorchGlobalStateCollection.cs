namespace AutoLR.Integration.Engine;

/// <summary>
/// torch's default generator is process-wide: tests that seed it (network init, dropout, snapshots) must not run
/// beside each other, or one test's draws change another's. xunit runs one collection's tests one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "torch global state";
}
