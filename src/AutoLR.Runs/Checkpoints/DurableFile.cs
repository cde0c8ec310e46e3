using System.Runtime.InteropServices;

namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// Writes a file so that a crash or kill leaves either the old file or the complete new one, never a torn one:
/// write a temporary file in the same folder (same file system, so rename is atomic), flush it to disk (fsync),
/// rename it over the target, then fsync the folder so the rename itself survives a power loss.
/// </summary>
public static class DurableFile
{
    /// <summary>Temporary files start with this prefix; a reader ignores them, they are the leftovers of an interrupted write.</summary>
    public const string TemporaryPrefix = ".tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        SyncFolder(folder);
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>fsync on the folder makes the rename durable; .NET has no API for it, so call libc on Linux.</summary>
    private static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Native.open(folder, Native.ReadOnlyDirectory);
        if (fd < 0) return;
        Native.fsync(fd);
        Native.close(fd);
    }

    private static class Native
    {
        /// <summary>O_RDONLY | O_DIRECTORY on Linux.</summary>
        public const int ReadOnlyDirectory = 0x10000;

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
