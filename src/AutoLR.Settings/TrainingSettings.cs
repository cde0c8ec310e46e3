using AutoLR.Algorithms;

namespace AutoLR.Settings;

/// <summary>
/// How fine-tuning runs: schedule, base learning rate, epochs, batch and image size, device, threads and seed.
/// The defaults size the embedded default run (`autolr run`: Fashion-MNIST at 32 px, 200 images per class, 3 epochs,
/// pruning depths 0–4) to finish in a few minutes on a loaded 2-core machine, weight import and evaluation included
/// (measured in the README).
/// </summary>
public sealed class TrainingSettings
{
    public string Schedule { get; set; } = ScheduleCatalog.AutoLrName;

    // The baselines' hyper-parameters (ScheduleParameters.all, F#): names, help and ranges there, defaults from there.
    public double StemFactor { get; set; } = Baseline.StemFactor;
    public double HeadFactor { get; set; } = Baseline.HeadFactor;
    public int StepSize { get; set; } = Baseline.StepSize;
    public double StepGamma { get; set; } = Baseline.StepGamma;
    public int CyclicStepEpochs { get; set; } = Baseline.CyclicStepEpochs;
    public double CyclicSpread { get; set; } = Baseline.CyclicSpread;
    public int SgdrT0 { get; set; } = Baseline.SgdrT0;
    public int SgdrTMult { get; set; } = Baseline.SgdrTMult;
    public double LayerDecay { get; set; } = Baseline.LayerDecay;
    public double DiscriminativeSpread { get; set; } = Baseline.DiscriminativeSpread;
    public double LpShare { get; set; } = Baseline.LpShare;
    public int RgnProbeBatches { get; set; } = Baseline.RgnProbeBatches;

    public double BaseLr { get; set; } = 0.01;
    public int Epochs { get; set; } = 3;
    public int BatchSize { get; set; } = 32;
    /// <summary>SGD's L2 weight decay λ on every parameter (the authors' 5e-4, <see cref="AutoLR.Torch.Training.TrainingOptions"/>).</summary>
    public double WeightDecay { get; set; } = new AutoLR.Torch.Training.TrainingOptions().WeightDecay;
    public int ImageSize { get; set; } = 32;
    /// <summary>Top blocks removed before fine-tuning (finetune, sweep); the engine checks it against K.</summary>
    public int PruningDepth { get; set; }
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; only the syntax is checked at start, the engine checks the GPU.</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>0 until <see cref="ThreadCount.Resolve"/> puts this machine's core count in its place.</summary>
    public int Threads { get; set; }
    /// <summary>
    /// <c>auto</c> until <see cref="StridedProjectionPath.Resolve"/> puts the path this machine needs in its place:
    /// <c>direct</c> or <c>subsampled</c> (<see cref="AutoLR.Torch.Devices.StridedProjections"/>).
    /// </summary>
    public string StridedProjection { get; set; } = AutoLR.Torch.Devices.StridedProjections.Auto;
    public int Seed { get; set; } = 1;
    /// <summary>compare: comma-separated schedule names.</summary>
    public string Schedules { get; set; } = "autolr,single,layer-decay,auto-rgn,lp-ft";
    /// <summary>compare: comma-separated seeds.</summary>
    public string Seeds { get; set; } = "1,2,3";
    /// <summary>compare: <see cref="ComparisonDepth.Auto"/> (per seed, the pruning search chooses) or a fixed depth as text.</summary>
    public string ComparePruningDepth { get; set; } = ComparisonDepth.Auto;
    /// <summary>compare: cells run side by side in child processes (1: one after another in this process).</summary>
    public int Jobs { get; set; } = 1;

    private static BaselineParameters Baseline => BaselineParametersModule.defaults;
}
