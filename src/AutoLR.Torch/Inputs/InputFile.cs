using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoLR.Torch.Inputs;

/// <summary>
/// Checks a path the user gave before it is opened: it must be a regular file no larger than a bound. Opening a FIFO
/// for reading blocks until some writer appears (forever, for a mistyped path), and a device or a huge file would be
/// read without end; a stat of the path answers both without opening it.
/// </summary>
public static class InputFile
{
    /// <summary>Null when <paramref name="path"/> is a regular file of at most <paramref name="maxBytes"/>, else what is wrong with it.</summary>
    public static string? Problem(string path, long maxBytes)
    {
        if (Directory.Exists(path)) return "it is a folder, not a file";
        if (!File.Exists(path)) return "it does not exist";
        var (kind, length) = Stat(path);
        if (kind is not null) return $"it is a {kind}, not a regular file";
        if (length > maxBytes) return string.Create(CultureInfo.InvariantCulture, $"it is {length:N0} bytes, more than the {maxBytes:N0} allowed for it");
        return null;
    }

    /// <summary>The kind of a file that is not regular (null for a regular one) and its length.</summary>
    private static (string? Kind, long Length) Stat(string path)
    {
        if (!OperatingSystem.IsLinux()) return (null, new FileInfo(path).Length);
        // struct statx has the same layout on every Linux architecture (unlike struct stat): stx_mode is the u16 at
        // byte 28, stx_size the u64 at byte 40, in a 256-byte buffer.
        var buffer = new byte[256];
        if (Native.statx(Native.CurrentFolder, path, 0, Native.TypeAndSize, buffer) != 0)
            return (null, new FileInfo(path).Length);
        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var length = BitConverter.ToInt64(buffer, 40);
        return mode switch
        {
            0x8000 => (null, length),
            0x1000 => ("FIFO (named pipe)", length),
            0x2000 => ("character device", length),
            0x6000 => ("block device", length),
            0xC000 => ("socket", length),
            _ => ("special file", length),
        };
    }

    private static class Native
    {
        /// <summary>AT_FDCWD: a relative path starts at the current folder.</summary>
        public const int CurrentFolder = -100;

        /// <summary>STATX_TYPE | STATX_SIZE.</summary>
        public const uint TypeAndSize = 0x1 | 0x200;

        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
