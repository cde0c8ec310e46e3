namespace AutoLR.Torch;

/// <summary>
/// The readable part of a libtorch error. libtorch appends to its one-line message ("shape '[4]' is invalid for input
/// of size 6") the C++ location and dozens of native stack frames, which bury it; users need the first part only.
/// </summary>
public static class NativeErrorText
{
    private const string BacktraceStart = "Exception raised from ";

    /// <summary><paramref name="message"/> without libtorch's backtrace, trimmed.</summary>
    public static string Summary(string message)
    {
        var at = message.IndexOf(BacktraceStart, StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).Trim();
    }
}
