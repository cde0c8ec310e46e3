using System.Globalization;
using AutoLR.Experiments.Results;
using AutoLR.Runs;
using AutoLR.RunFormat.Reports;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Export;
using AutoLR.Torch.Export.Onnx;
using AutoLR.Torch.Weights;
using AutoLR.Torch.Data;
using AutoLR.Torch.Evaluation;

namespace AutoLR.Experiments.Jobs;

/// <summary>
/// `export --from RUN_DIR`: the finished run's backbone in forms that load exactly elsewhere. For PyTorch:
/// backbone.safetensors, model.json and (CNTK ResNet-18) mean-image.npy (<see cref="TorchvisionExport"/>) with a copy
/// of export/autolr_torchvision.py, which builds the matching torchvision module and loads it with strict=True. For
/// ONNX runtimes: model.onnx, the backbone with pooling, flip sum and L2 normalisation (<see cref="OnnxEmbeddingModel"/>). The
/// weights are loaded into the architecture first, so a file that does not fit fails here rather than in the user's
/// script.
/// </summary>
public sealed class ExportJob : IJob
{
    public const string LoaderFile = "autolr_torchvision.py";

    public JobResult Run(RunContext context)
    {
        var source = context.SourceRun!;
        var spec = JobFailure.Guard(() => PretrainedBackbones.Find(context.Settings.Get(BackboneSettings.Backbone)).Spec());
        var (backbone, weights, depth) = FinalWeights.Load(source, spec);
        using var _ = backbone;
        var folder = context.Run.Path;
        if (backbone is not ResNetBackbone resnet) return WeightsOnly(backbone, spec.Name, weights, depth, folder, source);
        var description = TorchvisionExport.Write(resnet, folder, context.Settings.Get(DataSettings.ImageSize), context.Settings.Get(EvaluationSettings.EvalFlip));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "export", LoaderFile), Path.Combine(folder, LoaderFile), overwrite: true);
        OnnxEmbeddingModel.Write(resnet, description, Path.Combine(folder, OnnxEmbeddingModel.FileName));

        var facts = new List<KeyValuePair<string, string>>
        {
            new("from", weights), new("pruning depth", depth.ToString(CultureInfo.InvariantCulture)),
            new("blocks kept per stage", string.Join(", ", description.KeptBlocksPerStage)),
            new("PyTorch", $"{TorchvisionExport.WeightsFile}, {ModelDescription.FileName}, {LoaderFile}"),
            new("ONNX", OnnxEmbeddingModel.FileName),
        };
        return JobResult.Completed(
            new RunReport($"autolr export: {source}", facts, new Dictionary<int, double>(), [], []),
            $"exported {spec.Name} at pruning depth {depth} to {folder}\n" +
            $"PyTorch: import autolr_torchvision; model, description = autolr_torchvision.load(\"{folder}\")\n" +
            $"ONNX: {Path.Combine(folder, OnnxEmbeddingModel.FileName)} (preprocessed input -> embedding; preprocessing in its metadata)");
    }

    /// <summary>
    /// The loader and the ONNX graph know ResNet blocks only; for another architecture (Inception-v3) the export is the
    /// state dict alone, which torchvision's model of that architecture loads with the pruned top layers absent.
    /// </summary>
    private static JobResult WeightsOnly(Backbone backbone, string name, string weights, int depth, string folder, string source)
    {
        var file = Path.Combine(folder, TorchvisionExport.WeightsFile);
        BackboneWeights.Save(backbone, file);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("from", weights), new("pruning depth", depth.ToString(CultureInfo.InvariantCulture)),
            new("PyTorch", $"{TorchvisionExport.WeightsFile} only: {LoaderFile} and model.onnx cover ResNet backbones"),
        };
        return JobResult.Completed(
            new RunReport($"autolr export: {source}", facts, new Dictionary<int, double>(), [], []),
            $"exported {name} at pruning depth {depth} to {file} (torchvision names; the PyTorch loader and the ONNX model " +
            "are written for ResNet backbones only, so build the torchvision model yourself and load the file into it)");
    }
}
