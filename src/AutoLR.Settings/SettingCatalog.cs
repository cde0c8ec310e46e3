using AutoLR.Algorithms;
using AutoLR.RunFormat.Results;
using AutoLR.Torch.Data;
using AutoLR.Torch.Weights;

namespace AutoLR.Settings;

/// <summary>
/// Every setting of the <c>AutoLR</c> section in one table: its switch, kind and help. The command line, the
/// configuration audit, help output, the resolved config.json and resume checks all read this table, so a new setting
/// is added here and in its settings class, nowhere else. The choices of a named choice come from the layer that
/// implements it: schedules and their hyper-parameters from the F# <see cref="ScheduleCatalog"/>, normalisations from
/// the F# <see cref="Normalisations"/>, backbones from <see cref="PretrainedBackbones"/>, data-set kinds from
/// <see cref="DatasetKinds"/>, selection modes from <see cref="SelectionModes"/>.
/// </summary>
public static class SettingCatalog
{
    public static readonly SettingKey Alpha = new("Alpha", "--alpha", SettingKind.Number,
        "α: lower end of the target ramp as a multiple of the smallest block variation (eqs. 10–11). > 0.");
    public static readonly SettingKey Beta = new("Beta", "--beta", SettingKind.Number,
        "β: upper end of the target ramp as a multiple of the largest block variation (eqs. 10–11). > 0.");
    public static readonly SettingKey Tau = new("Tau", "--tau", SettingKind.Number,
        "τ: sorting quality a trial must exceed to be accepted (Algorithm 2). In (0, 1].");
    public static readonly SettingKey TauDecay = new("TauDecay", "--tau-decay", SettingKind.Number,
        "Factor applied to τ each epoch (1 = constant τ, the paper; the authors' code uses 0.99). In (0, 1].");
    public static readonly SettingKey TauFloor = new("TauFloor", "--tau-floor", SettingKind.Number,
        "Lowest τ that decay may reach (the authors' code: 0.8). In (0, 1], at most --tau.");
    public static readonly SettingKey TrialCap = new("TrialCap", "--trial-cap", SettingKind.Integer,
        "Most trials per epoch; at the cap the trial with the best sorting quality is kept. 1..100.");
    public static readonly SettingKey LrMin = new("LrMin", "--lr-min", SettingKind.Number,
        "Smallest learning rate a renewed block may get (eq. 16 is clamped to it). > 0, below --lr-max.");
    public static readonly SettingKey LrMax = new("LrMax", "--lr-max", SettingKind.Number,
        "Largest learning rate a renewed block may get (eq. 16 is clamped to it). Above --lr-min.");
    public static readonly SettingKey ProbeFraction = new("ProbeFraction", "--probe-fraction", SettingKind.Number,
        "Share f of an epoch's batches an AutoLR trial trains before it is judged. 1 = every trial a whole epoch (the paper); " +
        "below 1 a trial is a probe of the epoch's first ⌈f·B⌉ batches and only the kept probe trains the rest of the epoch. In (0, 1].");
    public static readonly SettingKey Normalisation = new("Normalisation", "--normalisation", SettingKind.Choice,
        "Weight variation of a block (eq. 1): " + string.Join("; ", Normalisations.all.Select(n => $"{n.Name} ({n.Description})")) + ".",
        [.. Normalisations.names]);
    public static readonly SettingKey TargetRule = new("TargetRule", "--target-rule", SettingKind.Choice,
        "Rule for the targets of epoch 1 (eqs. 10–11), from AutoLR.Algorithms.RuleCatalog: " +
        string.Join("; ", AutoLR.Algorithms.RuleCatalog.initialTargets.Select(r => $"{r.Name} = {r.Description}")) + ".",
        [.. AutoLR.Algorithms.RuleCatalog.initialTargets.Select(r => r.Name)]);

    public static readonly SettingKey Schedule = new("Schedule", "--schedule", SettingKind.Choice,
        $"Learning-rate schedule of the fine-tuning: {ScheduleCatalog.AutoLrName} (Algorithm 2) or a baseline: " +
        string.Join("; ", ScheduleCatalog.baselines.Select(b => $"{b.Name}, {b.Description}")) + ".",
        [.. ScheduleCatalog.names]);
    /// <summary>The baselines' hyper-parameters (<see cref="ScheduleSettings"/>).</summary>
    public static readonly IReadOnlyList<SettingKey> ScheduleParameters = ScheduleSettings.Keys;
    public static readonly SettingKey BaseLr = new("BaseLr", "--base-lr", SettingKind.Number,
        "Initial learning rate of every block (the head gets 10×). Within [--lr-min, --lr-max].");
    public static readonly SettingKey Epochs = new("Epochs", "--epochs", SettingKind.Integer,
        "Fine-tuning epochs (per pruning depth when pruning). 1..10000.");
    public static readonly SettingKey BatchSize = new("BatchSize", "--batch-size", SettingKind.Integer,
        "Images per batch (BatchNorm needs at least 2). 2..4096.");
    public static readonly SettingKey WeightDecay = new("WeightDecay", "--weight-decay", SettingKind.Number,
        "SGD's L2 weight decay on every parameter (the authors' 5e-4; 0 = none). In [0, 1).");
    public static readonly SettingKey ImageSize = new("ImageSize", "--image-size", SettingKind.Integer,
        "Side in pixels images are resized to. 32..1024.");
    public static readonly SettingKey PruningDepth = new("PruningDepth", "--pruning-depth", SettingKind.Integer,
        "Top blocks removed before fine-tuning (finetune, sweep); below the backbone's block count K. ≥ 0.");
    public static readonly SettingKey Device = new("Device", "--device", SettingKind.Text,
        "Compute device: cpu, cuda or cuda:N (CUDA needs the CUDA libtorch package).");
    public static readonly SettingKey Threads = new("Threads", "--threads", SettingKind.Integer,
        "CPU threads for tensor operations; 0 means this machine's core count, recorded as that number (results depend on it). 0..1024.");
    public static readonly SettingKey StridedProjection = new("StridedProjection", "--strided-projection", SettingKind.Choice,
        "How a ResNet's strided 1×1 shortcut convolutions are computed: direct (one strided convolution, as torchvision), subsampled " +
        "(every second pixel, then a stride-1 convolution: the same sums through another kernel) or auto (direct, unless this CPU reports " +
        "caches so small that libtorch's oneDNN would crash planning the direct path's backward pass). auto is recorded as the path it " +
        "chose, and a resume keeps it: results agree across paths only to rounding.",
        [.. AutoLR.Torch.Devices.StridedProjections.Names]);
    public static readonly SettingKey Seed = new(RecordedSettings.SeedName, "--seed", SettingKind.Integer,
        "Seed for initialisation, shuffling and splits. ≥ 0.");

    public static readonly SettingKey Schedules = new("Schedules", "--schedules", SettingKind.Text,
        "compare: the methods, comma-separated names of --schedule (e.g. autolr,single,layer-decay,auto-rgn,lp-ft).");
    public static readonly SettingKey Seeds = new("Seeds", "--seeds", SettingKind.Text,
        "compare: the seeds, comma-separated integers ≥ 0; seed s gives every method the same split, initial weights, data order and flips.");
    public static readonly SettingKey ComparePruningDepth = new("ComparePruningDepth", "--pruning-depth", SettingKind.Text,
        "compare: the pruning depth every method fine-tunes at. auto (the paper's protocol for comparing schedules): per seed, the " +
        "pruning search (Algorithm 1) chooses the depth once on that seed's validation split, and every method then fine-tunes that " +
        "same pruned network; or a fixed depth 0..K−1 for every seed.");
    public static readonly SettingKey Jobs = new("Jobs", "--jobs", SettingKind.Integer,
        "compare: how many of the comparison's cells (a seed's pruning search, or one method on one seed) run side by side, each in a " +
        "child process of its own; 1 runs them here one after another. With --threads 0 each process gets the core count ÷ jobs " +
        "threads (recorded). Results equal a run of one job with the same --threads. 1..64.");

    public static readonly SettingKey Dataset = new("Dataset", "--dataset", SettingKind.Choice,
        $"Data set kind; every kind except {string.Join(", ", DatasetKinds.Entries.Where(d => d.DefaultFolder is not null).Select(d => d.Name))} needs --dataset-path.",
        [.. DatasetKinds.All]);
    public static readonly SettingKey DatasetPath = new("DatasetPath", "--dataset-path", SettingKind.Path,
        "Folder of the data set. Empty means the kind's default folder: " +
        string.Join(", ", DatasetKinds.Entries.Where(d => d.DefaultFolder is not null).Select(d => $"{d.DefaultFolder} for {d.Name}")) +
        ".");
    public static readonly SettingKey ImagesPerClass = new("ImagesPerClass", "--images-per-class", SettingKind.Integer,
        "Most images used per class (keeps the embedded default short); 0 uses all. ≥ 0.");
    public static readonly SettingKey TestImagesPerClass = new("TestImagesPerClass", "--test-images-per-class", SettingKind.Integer,
        "Most images used per test class, where Recall@K is measured; 0 follows --images-per-class, and a number at least a class's " +
        "size uses all of it (Fashion-MNIST's test classes have 7,000 images each). ≥ 0.");
    public static readonly SettingKey SkipBadImages = new("SkipBadImages", "--skip-bad-images", SettingKind.Flag,
        "Leave out image files that cannot be used (unreadable, empty, truncated, undecodable, above --max-image-pixels), counted in the log, instead of stopping.");
    public static readonly SettingKey MaxImagePixels = new("MaxImagePixels", "--max-image-pixels", SettingKind.Integer,
        "Most pixels (width × height) an image file may have; checked from its header before decoding. 1..2147483647.");
    public static readonly SettingKey EvalFlip = new("EvalFlip", "--eval-flip", SettingKind.Flag,
        "Evaluation embedding of the paper (DESIGN.md §4): pooled features of the image and of its horizontal flip, summed, then L2-normalised. " +
        "false embeds the image alone.");
    public static readonly SettingKey Selection = new("Selection", "--selection", SettingKind.Choice,
        "Split that selects the pruning depth: " + string.Join("; ", SelectionModes.All.Select(m => $"{m.Name} ({m.Description})")) + ".",
        [.. SelectionModes.Names]);
    public static readonly SettingKey ValidationFraction = new("ValidationFraction", "--validation-fraction", SettingKind.Number,
        "Share of the training classes carved out (class-disjoint) to select the pruning depth; at least 2 classes are needed for a meaningful Recall@1. In (0, 1).");
    public static readonly SettingKey MaxPruningDepth = new("MaxPruningDepth", "--max-pruning-depth", SettingKind.Integer,
        "Deepest pruning the search (Algorithm 1) tries; capped below the block count K. ≥ 0.");
    public static readonly SettingKey AllowTestSelection = new("AllowTestSelection", "--allow-test-selection", SettingKind.Flag,
        "Confirms --selection test: choosing the depth on the test set reproduces the paper but leaks test data into model selection.");

    public static readonly SettingKey Backbone = new("Backbone", "--backbone", SettingKind.Choice,
        "Network to fine-tune; " +
        string.Join(", ", PretrainedBackbones.All.Where(b => b.Shipped is not null).Select(b => $"{b.Name} has the {b.Shipped!.Description} weights shipped with the build")) +
        ", the others need --weights.",
        [.. PretrainedBackbones.Names]);
    public static readonly SettingKey Weights = new("Weights", "--weights", SettingKind.Path,
        "Pre-trained weights file (safetensors, torchvision parameter names). Empty means the backbone's shipped weights.");

    public static readonly SettingKey Output = new("Output", "--output", SettingKind.Path,
        "Folder under which each run gets its own directory.");

    /// <summary>Every setting, in the order help lists them.</summary>
    public static IReadOnlyList<SettingKey> All { get; } =
    [
        Alpha, Beta, Tau, TauDecay, TauFloor, TrialCap, ProbeFraction, LrMin, LrMax, Normalisation, TargetRule,
        Schedule, .. ScheduleParameters, BaseLr, Epochs, BatchSize, WeightDecay, ImageSize, PruningDepth, Device, Threads, StridedProjection, Seed, Schedules, Seeds,
        ComparePruningDepth, Jobs,
        Dataset, DatasetPath, ImagesPerClass, TestImagesPerClass, SkipBadImages, MaxImagePixels, EvalFlip, Selection, ValidationFraction, MaxPruningDepth, AllowTestSelection,
        Backbone, Weights,
        Output,
    ];

    /// <summary>The setting with this configuration name (case-insensitive, as configuration keys are), or null.</summary>
    public static SettingKey? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
