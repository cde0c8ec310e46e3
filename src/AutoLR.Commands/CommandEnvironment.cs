using System.Collections;
using Microsoft.Extensions.Logging;

namespace AutoLR.Commands;

/// <summary>
/// What the command line takes from the process — streams, environment variables, where appsettings.json lies,
/// whether stdout is a terminal — passed in so tests drive the real command line in-process without touching the
/// process's own environment. <c>StopRequested</c> stops the job at a safe point as SIGTERM does (a sweep cell's
/// warning signal); none by default.
/// </summary>
public sealed record CommandEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Variables,
    string AppSettingsFile,
    bool OutputIsTerminal,
    Action<ILoggingBuilder>? ConfigureLogging = null,
    CancellationToken StopRequested = default)
{
    /// <summary>
    /// The real process: console streams (which survive a closed terminal, <see cref="TerminalWriter"/>), its
    /// environment, appsettings.json beside the binary.
    /// </summary>
    public static CommandEnvironment FromProcess()
    {
        // Console itself, so that the console logger's writes are guarded too.
        if (Console.Out is not TerminalWriter) Console.SetOut(new TerminalWriter(Console.Out));
        if (Console.Error is not TerminalWriter) Console.SetError(new TerminalWriter(Console.Error));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return new CommandEnvironment(
            Console.Out, Console.Error, variables,
            Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            OutputIsTerminal: !Console.IsOutputRedirected);
    }
}
