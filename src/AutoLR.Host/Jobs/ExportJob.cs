using AutoLR.Host.Experiments;
using AutoLR.Host.RunDirectory;
using AutoLR.Torch.Weights;

namespace AutoLR.Host.Jobs;

/// <summary>
/// `export --from RUN_DIR`: the finished run's backbone as backbone.safetensors (torchvision names, float32), which
/// PyTorch loads into the torchvision model of the same architecture: with <c>load_state_dict(..., strict=True)</c>
/// when no block was pruned and the model's <c>fc</c> is <c>nn.Identity()</c> (Inception-v3 built with
/// <c>aux_logits=False</c>), else with <c>strict=False</c> (the pruned top blocks are absent). The weights are loaded
/// into the architecture first, so a file that does not fit fails here rather than in the user's script.
/// </summary>
public sealed class ExportJob : IJob
{
    public const string FileName = "backbone.safetensors";

    public JobResult Run(RunContext context)
    {
        var source = context.SourceRun!;
        var spec = JobFailure.Guard(() => PretrainedBackbones.Find(context.Settings.Backbone.Backbone).Spec());
        var (backbone, weights, depth) = FinalWeights.Load(source, spec);
        using var _ = backbone;
        var target = Path.Combine(context.Run.Path, FileName);
        BackboneWeights.Save(backbone, target);
        return JobResult.Completed(
            new RunReport($"autolr export: {source}", [new("from", weights), new("file", target), new("pruning depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture))], new Dictionary<int, double>(), [], []),
            $"exported {spec.Name} at pruning depth {depth} to {target}");
    }
}
