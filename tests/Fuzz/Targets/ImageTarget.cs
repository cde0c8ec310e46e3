using AutoLR.Torch.Data.Preprocessing;

namespace AutoLR.Fuzz.Targets;

/// <summary>
/// An image file as a data set opens it: the header's size checked against the pixel limit, then decoded whole. The
/// decoder answers with a problem or null; it never throws for a bad file.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    /// <summary>A low pixel limit, so that the fuzzer meets it without allocating large images.</summary>
    private static readonly ImageFileDecoder Decoder = new(imageSize: 8, resizeShorterSide: 8, maxPixels: 1 << 16);

    public override string Name => "image";

    public override void Run(byte[] input) => Decoder.Problem(ScratchFiles.Write("image", input));
}
