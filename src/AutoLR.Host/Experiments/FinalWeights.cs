namespace AutoLR.Host.Experiments;

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
}
