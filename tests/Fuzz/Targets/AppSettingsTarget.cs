using AutoLR.Commands;
using AutoLR.Experiments;
using Microsoft.Extensions.Logging;

namespace AutoLR.Fuzz.Targets;

/// <summary>
/// appsettings.json beside the binary, through everything a command checks before it runs (the configuration layers,
/// the audit of keys and values, the options validation): a bad file is exit code 2 with a message, never an exception.
/// </summary>
public sealed class AppSettingsTarget : FuzzTarget
{
    public override string Name => "appsettings";

    public override void Run(byte[] input)
    {
        var file = ScratchFiles.Write("appsettings.json", input);
        var environment = new CommandEnvironment(TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), file, OutputIsTerminal: false,
            ConfigureLogging: logging => logging.ClearProviders());
        var command = new CommandInput(CommandCatalog.Get(CommandCatalog.FineTune), new Dictionary<string, string?>(), null, null, null, CheckOnly: true);
        var code = CommandRunner.RunAsync(command, environment, new JobCatalog()).GetAwaiter().GetResult();
        if (code is not (ExitCodes.Success or ExitCodes.InvalidConfiguration))
            throw new InvalidOperationException($"checking appsettings.json ended with exit code {code}, neither 0 nor 2.");
    }
}
