namespace AutoLR.Queue;

/// <summary>
/// What a child process's exit code says, in words: .NET reports a child killed by signal N as 128 + N, and a child
/// that dies in native code prints nothing, so the parent must say which signal it was and what to do.
/// </summary>
public static class ChildExit
{
    /// <summary>The signal that killed a child with <paramref name="exitCode"/>, e.g. "SIGFPE", or null for an exit.</summary>
    public static string? Signal(int exitCode) => exitCode is > 128 and < 128 + 65 ? SignalName(exitCode - 128) : null;

    /// <summary>
    /// One line: how <paramref name="what"/> ended and what to do. <paramref name="resume"/> is the command that
    /// continues it from its last checkpoint, when there is one.
    /// </summary>
    public static string Describe(string what, int exitCode, string? resume)
    {
        var then = resume is null ? "" : $" Its last checkpoint is intact: {resume}.";
        return Signal(exitCode) switch
        {
            null => $"{what} exited with code {exitCode} without a message.{then}",
            "SIGFPE" => $"{what} was killed by SIGFPE (a floating-point exception in native code): libtorch divided by zero. On CPUs whose " +
                        "cache sizes libtorch's oneDNN misreads this happens planning a ResNet's strided shortcut convolutions; " +
                        $"--strided-projection subsampled avoids that kernel.{then}",
            "SIGKILL" => $"{what} was killed by SIGKILL: by the kernel's out-of-memory killer (see `journalctl -k`) or by kill -9; " +
                         $"give it more memory or a smaller --batch-size or --image-size.{then}",
            "SIGSEGV" or "SIGBUS" or "SIGILL" or "SIGABRT" =>
                $"{what} was killed by {Signal(exitCode)}: it crashed in native code (libtorch or the .NET runtime). Rerun it to see whether the " +
                $"crash repeats, and report it with the run's command line and this machine's `lscpu`.{then}",
            var name => $"{what} was killed by {name} (signal {exitCode - 128}).{then}",
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        _ => $"signal {signal}",
    };
}
