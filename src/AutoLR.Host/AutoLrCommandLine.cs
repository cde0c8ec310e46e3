using System.CommandLine;
using System.CommandLine.Help;
using AutoLR.Commands;
using AutoLR.Comparisons;
using AutoLR.Experiments;
using AutoLR.Queue;
using AutoLR.Settings;
using AutoLR.Sweeps;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Host;

/// <summary>
/// The <c>autolr</c> command line: one subcommand per <see cref="CommandSpec"/>, one switch per setting it offers
/// (<see cref="SettingSwitch"/>: typed, with help, range, default, configuration key and environment variable from the
/// setting's descriptor in <see cref="SettingRegistry"/>).
/// Switch values become configuration keys, so switches, environment variables and appsettings.json feed the same
/// options classes.
/// </summary>
public static class AutoLrCommandLine
{
    public static async Task<int> RunAsync(string[] args, CommandEnvironment environment, JobCatalog catalog)
    {
        if (WorkerChildProcess.FollowWorker(environment.Variables) is { } orphaned)
        {
            environment.Error.WriteLine(orphaned);
            return ExitCodes.JobFailed;
        }
        return await InvokeAsync(Build(environment, catalog), args, environment);
    }

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs what they ask; a parse error is exit code 2 with one line per problem.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, CommandEnvironment environment)
    {
        var parsed = Parse(root, args);
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            // The host handles SIGTERM and Ctrl-C itself (the job must reach a checkpoint); System.CommandLine's own
            // handling would kill the process after 2 s.
            ProcessTerminationTimeout = null,
        };
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors) environment.Error.WriteLine($"autolr: {error.Message}");
            environment.Error.WriteLine($"autolr: see `autolr {parsed.CommandResult.Command.Name} --help`.".Replace("autolr autolr", "autolr"));
            return ExitCodes.InvalidConfiguration;
        }
        return await parsed.InvokeAsync(invocation);
    }

    /// <summary>
    /// Response files are off: with them, System.CommandLine replaces any argument that starts with <c>@</c> by the
    /// lines of the file it names, so a value such as <c>@/etc/shadow</c> — typed, or in a queued job — would make
    /// autolr read a file nobody asked it to read (and a FIFO would block it). An argument starting with <c>@</c> is a
    /// value like any other; autolr reads only the files its switches name as inputs.
    /// </summary>
    public static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) => root.Parse(args, Parsing);

    public static RootCommand Build(CommandEnvironment environment, JobCatalog catalog)
    {
        var root = new RootCommand(
            "AutoLR: layer-wise pruning and automatic per-block learning rates for fine-tuning (Ro & Choi, AAAI 2021). " +
            "Settings come from appsettings.json beside the binary, then AUTOLR__<NAME> environment variables, then switches " +
            "(later wins). Exit codes: 0 finished or stopped with a resume line, 1 job failed, 2 invalid configuration, 3 job not available, " +
            "4 sweep or comparison cell stopped unfinished (it resumes when run again).");
        foreach (var spec in CommandCatalog.All)
            root.Subcommands.Add(BuildCommand(spec, environment, (input, _) => CommandRunner.RunAsync(input, environment, catalog)));
        foreach (var command in SweepCommands.Build(environment, catalog)) root.Subcommands.Add(command);
        foreach (var command in ComparisonCommands.Build(environment)) root.Subcommands.Add(command);
        foreach (var command in QueueCommands.Build(environment, catalog)) root.Subcommands.Add(command);
        root.Subcommands.Add(Defaults(environment));
        return root;
    }

    /// <summary>`autolr defaults`: the appsettings.json autolr ships, made from the settings' declarations.</summary>
    private static Command Defaults(CommandEnvironment environment)
    {
        var command = new Command("defaults",
            $"Print {ShippedSettings.FileName} with every setting at its default: the file autolr ships beside its binary, a start for your own.");
        command.SetAction(_ =>
        {
            environment.Out.Write(ShippedSettings.Render());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The subcommand of one job command; <paramref name="run"/> receives what was parsed (the command line runs the
    /// job, `enqueue` checks and stores it).
    /// </summary>
    public static Command BuildCommand(CommandSpec spec, CommandEnvironment environment, Func<CommandInput, ParseResult, Task<int>> run)
    {
        var command = new Command(spec.Name, spec.Summary);
        var switches = spec.Settings.Select(SettingSwitch.For).ToList();
        foreach (var settingSwitch in switches) command.Options.Add(settingSwitch.Option);

        Option<string>? resume = null, from = null, grid = null;
        SlurmSwitches? slurm = null;
        if (spec.StoredRun == StoredRunUse.Resumable)
        {
            resume = new Option<string>("--resume")
            {
                HelpName = "RUN_DIR",
                Description = "Continue a stopped run in its own directory from its newest intact checkpoint, with the settings " +
                              "stored in its config.json (appsettings.json and other AUTOLR__ variables are ignored). Only " +
                              string.Join(", ", spec.Overridable.Select(s => s.Switch)) +
                              " may change; any other switch must repeat the stored value or is rejected.",
            };
            command.Options.Add(resume);
        }
        else
        {
            from = new Option<string>("--from")
            {
                HelpName = "RUN_DIR",
                Required = true,
                Description = "The finished run to read (its config.json and newest checkpoint). Its stored settings apply; " +
                              "the switches above override them.",
            };
            command.Options.Add(from);
        }
        if (spec.TakesGrid)
        {
            grid = new Option<string>("--grid")
            {
                HelpName = "GRID",
                Description = "Settings to sweep, as switch names without dashes: \"alpha=1,2,4;beta=0.2,0.4\" runs every combination.",
            };
            command.Options.Add(grid);
        }
        if (spec.SlurmArrays)
        {
            slurm = new SlurmSwitches();
            slurm.AddTo(command);
        }

        command.SetAction((parsed, _) =>
        {
            var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var settingSwitch in switches)
                if (settingSwitch.Text(parsed) is { } text) given[settingSwitch.Setting.ConfigKey] = text;
            SlurmRequest? request = null;
            if (slurm?.Read(parsed, out request) is { } slurmError)
            {
                environment.Error.WriteLine($"autolr: configuration error: {slurmError}");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }
            CommandHandoff? submitToSlurm = request is not { } submission ? null
                : spec.Name == CommandCatalog.Compare ? (checkedInput, _, settings, env) => SlurmComparisonLaunch.Run(submission, checkedInput, settings, env)
                : (checkedInput, axes, settings, env) => SlurmSweepLaunch.Run(submission, checkedInput, axes, settings, env);
            var input = new CommandInput(
                spec, given,
                resume is null ? null : parsed.GetValue(resume),
                from is null ? null : parsed.GetValue(from),
                grid is null ? null : parsed.GetValue(grid),
                Handoff: submitToSlurm);
            return run(input, parsed);
        });
        return command;
    }
}
