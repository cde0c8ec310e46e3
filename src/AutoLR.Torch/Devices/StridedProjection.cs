namespace AutoLR.Torch.Devices;

/// <summary>
/// How a ResNet's strided 1×1 projection (the shortcut where a stage halves the image) is computed. Both give the same
/// sums; they are different kernels, so results agree only to rounding, and a run keeps the one it started with.
/// </summary>
public enum StridedProjection
{
    /// <summary>One 1×1 convolution of stride s, as torchvision computes it (oneDNN's strided kernel on CPU).</summary>
    Direct,

    /// <summary>
    /// Every s-th pixel of every s-th row, then a 1×1 convolution of stride 1. oneDNN plans the backward pass of this
    /// one without the block-size estimate that divides by zero on CPUs whose cache sizes it misreads.
    /// </summary>
    Subsampled,
}
