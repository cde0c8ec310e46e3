using System.Globalization;
using System.Text;

namespace AutoLR.Runs;

/// <summary>
/// Makes one process at a time the owner of a run directory: an exclusive record lock (fcntl) on its
/// <c>run.lock</c>, held for as long as the process uses the directory. The kernel drops the lock when the process
/// ends, however it ends (kill -9 included), so a lock is never stale and nothing ever cleans one up. The file itself
/// stays; it holds the owner's process id, for the message another process prints.
/// </summary>
public sealed class RunDirectoryLock : IDisposable
{
    public const string FileName = "run.lock";

    private readonly FileStream _file;

    private RunDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="runDirectory"/>, or throws <see cref="RunDirectoryInUseException"/> naming the holder.</summary>
    public static RunDirectoryLock Acquire(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        // Shared open, exclusive record lock: a competitor must be able to open the file to try the lock and to read
        // the holder's id. FileShare.None would not do: .NET's flock for it is switched off by
        // DOTNET_SYSTEM_IO_DISABLEFILELOCKING, and it would keep competitors from reading the id.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        try
        {
            // .NET has no record locks on macOS; autolr ships Linux's libtorch only, so there the lock is a Linux one.
            if (!OperatingSystem.IsMacOS()) file.Lock(0, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var holder = HolderOf(file);
            file.Dispose();
            throw new RunDirectoryInUseException(runDirectory, path, holder);
        }
        var id = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        file.SetLength(0);
        file.Write(id);
        file.Flush(flushToDisk: false);
        return new RunDirectoryLock(file);
    }

    /// <summary>The holder's process id as it wrote it, or null while it has not written it yet.</summary>
    private static int? HolderOf(FileStream file)
    {
        file.Position = 0;
        var text = new StreamReader(file, Encoding.ASCII, leaveOpen: true).ReadToEnd().Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>Closing the file releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
