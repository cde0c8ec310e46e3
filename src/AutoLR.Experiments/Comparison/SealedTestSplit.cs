using AutoLR.Torch.Data;
using static TorchSharp.torch;

namespace AutoLR.Experiments.Comparison;

/// <summary>
/// The test split of a comparison, sealed while any method is being tuned (the comparison protocol: tuning and selection
/// never see the test split): every read before <see cref="Unseal"/> throws, so a tuning path that touched it would stop
/// the comparison instead of quietly leaking test data into the choice of a grid point.
/// </summary>
public sealed class SealedTestSplit(IImageDataset test) : IImageDataset
{
    private bool _sealed = true;

    /// <summary>Opens the split for the final scoring of a method whose grid point is chosen.</summary>
    public void Unseal() => _sealed = false;

    /// <summary>Closes it again before the next method's tuning.</summary>
    public void Seal() => _sealed = true;

    public int Count => Open().Count;
    public int ClassCount => Open().ClassCount;
    public IReadOnlyList<int> Labels => Open().Labels;
    public Tensor GetImage(int index) => Open().GetImage(index);
    public Tensor GetBatch(ReadOnlySpan<long> indices) => Open().GetBatch(indices);

    private IImageDataset Open() => _sealed
        ? throw new InvalidOperationException("The test split was read while a method was being tuned; tuning must score on the validation split only. " +
                                              "This is a bug in the comparison's tuning path: report it with the command line.")
        : test;
}
