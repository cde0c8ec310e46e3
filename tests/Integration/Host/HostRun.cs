using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Host;
using Microsoft.Extensions.Logging;

namespace AutoLR.Integration.Host;

/// <summary>The result of one in-process `autolr` invocation.</summary>
public sealed record HostResult(int ExitCode, string Out, string Error, string OutputFolder)
{
    /// <summary>The run directories the invocation created under its output folder.</summary>
    public string[] RunFolders => Directory.Exists(OutputFolder) ? Directory.GetDirectories(OutputFolder) : [];
}

/// <summary>
/// Drives the real command line in-process with its own environment, appsettings.json and job catalog, and a
/// fresh output folder (AUTOLR__OUTPUT), so tests run in parallel without touching the process environment. Logs are
/// dropped, or with <c>logToError</c> written to the error text as a terminal would show them.
/// </summary>
public static class HostRun
{
    public static async Task<HostResult> RunAsync(
        string[] args,
        JobCatalog? catalog = null,
        IDictionary<string, string>? environment = null,
        string? appSettingsJson = null,
        string? outputFolder = null,
        bool logToError = false)
    {
        outputFolder ??= NewTemporaryFolder();
        var variables = new Dictionary<string, string> { ["AUTOLR__OUTPUT"] = outputFolder };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) variables[key] = value;

        var appSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (appSettingsJson is not null)
        {
            appSettings = Path.Combine(NewTemporaryFolder(), "appsettings.json");
            await File.WriteAllTextAsync(appSettings, appSettingsJson);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CommandEnvironment(output, error, variables, appSettings, OutputIsTerminal: false,
            ConfigureLogging: logging =>
            {
                logging.ClearProviders();
                if (logToError) logging.AddProvider(new TextWriterLoggerProvider(error));
            });
        var exit = await AutoLrCommandLine.RunAsync(args, env, catalog ?? new JobCatalog());
        return new HostResult(exit, output.ToString(), error.ToString(), outputFolder);
    }

    public static string NewTemporaryFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "autolr-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        return path;
    }
}
