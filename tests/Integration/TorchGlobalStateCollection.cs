using static TorchSharp.torch;

namespace AutoLR.Integration;

/// <summary>
/// torch's default generator and its thread count are process-wide, and xunit runs test classes in parallel. Every
/// class that draws from the default generator (building a module initialises its weights from it; seeding it;
/// <c>randn</c>/<c>uniform_</c> without a generator; dropout in training) joins this collection, whose tests run
/// one at a time, so no test's draws land between another's seed and its use. Tests outside it use explicit
/// <see cref="Generator"/>s or no randomness at all.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchGlobalStateCollection : ICollectionFixture<TorchThreadSetting>
{
    public const string Name = "torch global state";
}

/// <summary>
/// Set once, before the collection's first test. The test machine's cores are shared with other jobs: torch's default
/// of one OpenMP thread per core spins under that load (7× slower measured), so these tests run torch on one thread.
/// </summary>
public sealed class TorchThreadSetting
{
    public TorchThreadSetting() => set_num_threads(1);
}
