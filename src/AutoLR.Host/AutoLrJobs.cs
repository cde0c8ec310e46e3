using AutoLR.Commands;
using AutoLR.Comparisons;
using AutoLR.Experiments;
using AutoLR.Experiments.Jobs;
using AutoLR.Sweeps;

namespace AutoLR.Host;

/// <summary>The job behind every command; Program.cs and the tests build the command line with this catalog.</summary>
public static class AutoLrJobs
{
    public static JobCatalog Catalog() => new JobCatalog()
        .Register(CommandCatalog.Run, () => new PipelineJob())
        .Register(CommandCatalog.FineTune, () => new FineTuneJob())
        .Register(CommandCatalog.Prune, () => new PruneJob())
        .Register(CommandCatalog.Sweep, () => new SweepJob())
        .Register(CommandCatalog.Evaluate, () => new EvaluateJob())
        .Register(CommandCatalog.Export, () => new ExportJob())
        .Register(CommandCatalog.Embed, () => new EmbedJob())
        .Register(CommandCatalog.Compare, () => new CompareJob());
}
