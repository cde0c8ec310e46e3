using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Results;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Experiments.Results;

/// <summary>
/// The fine-tuned backbone a finished run leaves in its directory (torchvision names, .safetensors), which
/// `evaluate --from` and `export --from` read.
/// </summary>
public static class FinalWeights
{
    public const string FileName = "weights.safetensors";

    /// <summary>The weights file of a finished run, or a failure saying why there is none.</summary>
    public static string In(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        return File.Exists(path)
            ? path
            : throw new JobFailure($"{runFolder} has no {FileName}: it is not a finished `run` or `finetune` (prune, sweep, evaluate and export keep " +
                                   "no final weights). Finish it with --resume, or give the directory of a finished run or finetune.");
    }

    /// <summary>
    /// The finished run's backbone: built at the depth its results.json records, filled from its weights file and
    /// moved to <paramref name="device"/> (null: left on the CPU). The caller disposes it.
    /// </summary>
    public static (Backbone Backbone, string WeightsFile, int Depth) Load(string runFolder, BackboneArchitecture spec, Device? device = null)
    {
        var weights = In(runFolder);
        var depth = Depth(runFolder);
        var backbone = spec.Build(depth);
        try
        {
            JobFailure.Guard(() => BackboneWeights.LoadFile(backbone, weights));
            if (device is not null) backbone.to(device);
            return (backbone, weights, depth);
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }

    /// <summary>The depth the run's weights were trained at, from its results.json.</summary>
    public static int Depth(string runFolder)
    {
        try
        {
            return ResultsFile.Read(Path.Combine(runFolder, ResultsFile.FileName)).PruningDepth;
        }
        catch (RunFormatException e)
        {
            throw new JobFailure($"{e.Message} Give the directory of a finished run.", e);
        }
    }
}
