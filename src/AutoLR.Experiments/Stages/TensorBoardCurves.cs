using System.Globalization;
using static TorchSharp.torch.utils.tensorboard;

namespace AutoLR.Experiments.Stages;

/// <summary>
/// TensorBoard event files of one stage (<c>tensorboard/</c> in its folder): per epoch the train loss, and per block
/// the learning rate and the weight variation (the curves of the paper's Fig. 2), tagged by stage so that the pruning
/// depths and the final fine-tune appear as separate curves. TorchSharp's writer appends each event as it is added
/// and holds no open file, so there is nothing to close.
/// </summary>
public sealed class TensorBoardCurves
{
    private readonly TorchSharp.Modules.SummaryWriter _writer;
    private readonly string _prefix;
    private readonly string[] _layers;

    public TensorBoardCurves(string folder, StageSpec stage, string[] layers)
    {
        Directory.CreateDirectory(folder);
        _writer = SummaryWriter(folder);
        _prefix = stage.Phase == "prune" ? $"prune-depth-{stage.Depth.ToString(CultureInfo.InvariantCulture)}" : stage.ScheduleName;
        _layers = layers;
    }

    public void Add(EpochOutcome epoch)
    {
        _writer.add_scalar($"{_prefix}/loss", (float)epoch.Loss, epoch.Epoch);
        _writer.add_scalar($"{_prefix}/trials", epoch.Trials, epoch.Epoch);
        for (var k = 0; k < _layers.Length && k < epoch.Lrs.Length; k++)
            _writer.add_scalar($"{_prefix}/lr/{_layers[k]}", (float)epoch.Lrs[k], epoch.Epoch);
        for (var k = 0; k < _layers.Length && k < epoch.Variations.Length; k++)
            _writer.add_scalar($"{_prefix}/variation/{_layers[k]}", (float)epoch.Variations[k], epoch.Epoch);
    }
}
