using AutoLR.Torch.Data;
using AutoLR.Torch.Data.FashionMnist;

namespace AutoLR.Fuzz.Targets;

/// <summary>Fashion-MNIST's IDX files, plain or gzip, as images (3 dimensions) and as labels (1).</summary>
public sealed class IdxTarget : FuzzTarget
{
    public override string Name => "idx";

    public override void Run(byte[] input)
    {
        var path = ScratchFiles.Write("images-idx3-ubyte", input);
        foreach (var (dimensions, what) in new[] { (3, "images"), (1, "labels") })
        {
            try
            {
                IdxFile.Read(path, dimensions, what);
            }
            catch (DatasetException)
            {
            }
        }
    }
}
