using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

/// <summary>Images no data set has: colour ramps (channel order matters), seeded noise, a hard-edged checkerboard.</summary>
internal static class SyntheticImages
{
    /// <summary>[3, 3, size, size] RGB in [0, 1].</summary>
    public static Tensor Make(int size)
    {
        using var scope = NewDisposeScope();
        var ramp = linspace(0, 1, size);
        var horizontal = ramp.view(1, size).expand(size, size);
        var vertical = ramp.view(size, 1).expand(size, size);
        var ramps = stack([horizontal, vertical, full(size, size, 0.25f)]);
        var generator = new Generator(20210202);
        var noise = rand([3, size, size], generator: generator);
        var cells = (arange(size).div(size / 8, rounding_mode: RoundingMode.floor).remainder(2));
        var board = cells.view(size, 1).add(cells.view(1, size)).remainder(2).to_type(ScalarType.Float32);
        var checkerboard = stack([board, board.mul(0.5f), board.neg().add(1f)]);
        return stack([ramps, noise, checkerboard]).MoveToOuterDisposeScope();
    }
}
