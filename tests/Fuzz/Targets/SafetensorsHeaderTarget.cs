using AutoLR.Torch.Weights;

namespace AutoLR.Fuzz.Targets;

/// <summary>A .safetensors file's header and layout (--weights, and the run's own weights.safetensors).</summary>
public sealed class SafetensorsHeaderTarget : FuzzTarget
{
    public override string Name => "safetensors";

    public override void Run(byte[] input)
    {
        try
        {
            SafetensorsHeader.Read(ScratchFiles.Write("weights.safetensors", input));
        }
        catch (WeightImportException)
        {
        }
    }
}
