namespace AutoLR.Fuzz;

/// <summary>
/// The parsers read files by path, as autolr does, so each input is written to a file first: one scratch folder per
/// process (AFL++ runs one target process at a time), in memory where /dev/shm exists, removed when the process ends.
/// </summary>
public static class ScratchFiles
{
    private static readonly string Folder = Create();

    /// <summary>Writes <paramref name="input"/> to the scratch file <paramref name="name"/> and returns its path.</summary>
    public static string Write(string name, byte[] input)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>A folder under the scratch folder (for readers that take a run directory).</summary>
    public static string Sub(string name) => Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;

    private static string Create()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, $"autolr-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
