using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Matlab;

namespace AutoLR.Fuzz.Targets;

/// <summary>MAT files (Cars-196's annotations), Level 5 with compressed variables.</summary>
public sealed class MatTarget : FuzzTarget
{
    public override string Name => "mat";

    public override void Run(byte[] input)
    {
        try
        {
            MatFileReader.Read(ScratchFiles.Write("annotations.mat", input));
        }
        catch (DatasetException)
        {
        }
    }
}
