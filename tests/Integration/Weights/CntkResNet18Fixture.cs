using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Weights;

/// <summary>
/// One cold import into a fresh cache folder, shared by the tests of <see cref="CntkResNet18ImportTests"/>, so
/// the 64 MB conversion runs once per test run; the folder is removed afterwards.
/// </summary>
public sealed class CntkResNet18Fixture : IDisposable
{
    public string CacheFolder { get; } = Directory.CreateTempSubdirectory("autolr-weights-cache-").FullName;
    public PretrainedWeightCache Cache { get; }
    public ResNetBackbone ColdBackbone { get; }
    public CacheOutcome ColdOutcome { get; }
    public TimeSpan ColdElapsed { get; }

    public CntkResNet18Fixture()
    {
        Cache = new PretrainedWeightCache(CacheFolder);
        (ColdBackbone, ColdOutcome, ColdElapsed, _) = CntkResNet18Import.CreateBackbone(cache: Cache);
    }

    public void Dispose()
    {
        ColdBackbone.Dispose();
        Directory.Delete(CacheFolder, recursive: true);
    }
}
