namespace AutoLR.Bench;

/// <summary>The benchmarks' <c>--name value</c> options; a missing or unreadable value gives the fallback.</summary>
internal static class CommandLine
{
    public static int Int(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name, ""), out var value) ? value : fallback;

    public static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
