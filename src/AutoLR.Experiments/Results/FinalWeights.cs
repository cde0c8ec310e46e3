using System.Security.Cryptography;
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
    /// moved to <paramref name="device"/> (null: left on the CPU). The caller disposes it. The file must be the run's
    /// own: its SHA-256 must be the one results.json records, else the run fails naming both (a weights file copied in
    /// from another run of the same architecture would load and be reported as this run's). A run written before the
    /// hash was recorded cannot be checked: <paramref name="unverified"/> is told so and the file is used as it is.
    /// </summary>
    public static (Backbone Backbone, string WeightsFile, int Depth) Load(string runFolder, BackboneArchitecture spec, Device? device, Action<string> unverified)
    {
        var weights = In(runFolder);
        var results = Results(runFolder);
        var actual = Sha256(weights);
        if (results.WeightsSha256 is not { } recorded)
            unverified($"{Path.Combine(runFolder, ResultsFile.FileName)} records no hash of the run's weights (it was written before autolr recorded one), " +
                       $"so {weights} (SHA-256 {actual}) cannot be checked to be this run's; it is used as it is.");
        else if (!string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase))
            throw new JobFailure($"{weights} has SHA-256 {actual}, but {Path.Combine(runFolder, ResultsFile.FileName)} records {recorded} for the weights " +
                                 "this run trained: the file is not this run's (copied from another run, or changed since). Put the run's own " +
                                 $"{FileName} back, or give the directory of the run the file came from.");
        var backbone = spec.Build(results.PruningDepth);
        try
        {
            JobFailure.Guard(() => BackboneWeights.LoadFile(backbone, weights));
            if (device is not null) backbone.to(device);
            return (backbone, weights, results.PruningDepth);
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }

    /// <summary>SHA-256 of <paramref name="file"/>, lower-case hex (read in blocks: weights may be gigabytes).</summary>
    public static string Sha256(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static RunResults Results(string runFolder)
    {
        try
        {
            return ResultsFile.Read(Path.Combine(runFolder, ResultsFile.FileName));
        }
        catch (RunFormatException e)
        {
            throw new JobFailure($"{e.Message} Give the directory of a finished run.", e);
        }
    }
}
