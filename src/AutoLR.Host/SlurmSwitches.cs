using System.CommandLine;
using System.Globalization;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Host;

/// <summary>The switches `sweep` and `compare` take to run their cells as Slurm job arrays instead of here.</summary>
public sealed class SlurmSwitches
{
    private readonly Option<bool> _slurm = new("--slurm") { Description = "Submit the cells as Slurm job arrays (one task per cell) and exit; nothing waits here." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "With --slurm: write the run directory and print the batch scripts; submit nothing." };
    private readonly Option<string> _partition = new("--partition") { HelpName = "NAME", Description = "With --slurm: the partition (sbatch --partition)." };
    private readonly Option<string> _time = new("--time") { HelpName = "LIMIT", Description = "With --slurm: each cell's time limit, e.g. 4:00:00; a cell near it checkpoints and requeues itself." };
    private readonly Option<string> _gpus = new("--gpus") { HelpName = "N", Description = "With --slurm: GPUs per cell (sbatch --gpus), e.g. 1 or a100:1." };
    private readonly Option<string> _cpus = new("--cpus") { HelpName = "N", Description = "With --slurm: CPUs per cell (sbatch --cpus-per-task). Default: 1." };
    private readonly Option<string> _mem = new("--mem") { HelpName = "SIZE", Description = "With --slurm: memory per cell (sbatch --mem), e.g. 16G." };
    private readonly Option<string> _account = new("--account") { HelpName = "NAME", Description = "With --slurm: the account to charge (sbatch --account)." };
    private readonly Option<string> _maxParallel = new("--max-parallel") { HelpName = "N", Description = "With --slurm: at most N cells at once (the array's %N)." };
    private readonly Option<string> _warning = new("--warning-seconds")
    {
        HelpName = "SECONDS",
        Description = $"With --slurm: send the warning signal this long before the time limit (sbatch --signal=B:USR2@N); at least " +
                      $"{SlurmRequest.MinWarningSeconds}: one batch, one checkpoint and Slurm's up to 60 s early delivery must fit. Default: {SlurmRequest.DefaultWarningSeconds}.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _slurm, _dryRun, _partition, _time, _gpus, _cpus, _mem, _account, _maxParallel, _warning })
            command.Options.Add(option);
    }

    /// <summary>The request, null without --slurm, or an error naming the switch and the fix.</summary>
    public string? Read(ParseResult parsed, out SlurmRequest? request)
    {
        request = null;
        if (!parsed.GetValue(_slurm))
        {
            var stray = new Option[] { _dryRun, _partition, _time, _gpus, _cpus, _mem, _account, _maxParallel, _warning }.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false });
            return stray is null ? null : $"{stray.Name} applies to a Slurm submission only; add --slurm, or leave {stray.Name} out to run the cells here.";
        }
        if (Positive(parsed, _cpus, 1, out var cpus) is { } cpusError) return cpusError;
        int? maxParallel = null;
        if (parsed.GetValue(_maxParallel) is not null)
        {
            if (Positive(parsed, _maxParallel, 1, out var p) is { } parallelError) return parallelError;
            maxParallel = p;
        }
        if (Positive(parsed, _warning, SlurmRequest.DefaultWarningSeconds, out var warning) is { } warningError) return warningError;
        var read = new SlurmRequest(parsed.GetValue(_partition), parsed.GetValue(_time), parsed.GetValue(_gpus), cpus, parsed.GetValue(_mem),
            parsed.GetValue(_account), maxParallel, warning, parsed.GetValue(_dryRun));
        // Each value goes into a batch script: it must be what Slurm accepts for its field.
        if (SbatchValues.Problem(read) is { } problem) return problem;
        request = read;
        return null;
    }

    private static string? Positive(ParseResult parsed, Option<string> option, int fallback, out int value)
    {
        value = fallback;
        var text = parsed.GetValue(option);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0
            ? null
            : $"{option.Name} '{text}' is not a positive whole number; give e.g. {option.Name} {fallback}.";
    }
}
