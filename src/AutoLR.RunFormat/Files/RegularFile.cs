using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AutoLR.RunFormat.Files;

/// <summary>
/// Reads a file that someone else may have put in place — a job file in a queue folder, a run directory's JSON — only
/// when it is a regular file of bounded size. It is opened without blocking (a FIFO opened the ordinary way blocks
/// until a writer comes, forever for a planted one) and, when asked, without following a symbolic link; the kind and
/// size are then read from the open file itself, so the file cannot be swapped between the check and the read.
/// Anything else is an <see cref="IOException"/> whose message names the path and what it is.
/// </summary>
public static class RegularFile
{
    /// <summary>The whole file as text, decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte-order mark says otherwise).</summary>
    public static string ReadAllText(string path, long maxBytes, bool followLinks = true)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, maxBytes, followLinks)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The whole file, which must be a regular file of at most <paramref name="maxBytes"/> (a symbolic link is refused
    /// unless <paramref name="followLinks"/>); otherwise an <see cref="IOException"/> saying what the path is.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, bool followLinks = true)
    {
        using var stream = OpenRead(path, maxBytes, followLinks);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The open regular file of at most <paramref name="maxBytes"/>, positioned at its start.</summary>
    public static FileStream OpenRead(string path, long maxBytes, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux())
        {
            var fallback = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (fallback.Length > maxBytes)
            {
                fallback.Dispose();
                throw TooLarge(path, fallback.Length, maxBytes);
            }
            return fallback;
        }
        var flags = Native.ReadOnly | Native.NonBlocking | Native.CloseOnExec | (followLinks ? 0 : Native.NoFollow);
        var descriptor = Native.open(path, flags);
        if (descriptor < 0) throw OpenFailed(path, Marshal.GetLastPInvokeError(), followLinks);
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var (kind, length) = Kind(handle);
            if (kind is not null) throw new IOException($"{path} is a {kind}, not a regular file.");
            if (length > maxBytes) throw TooLarge(path, length, maxBytes);
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static IOException TooLarge(string path, long length, long maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path} is {length:N0} bytes, more than the {maxBytes:N0} allowed for it."));

    private static Exception OpenFailed(string path, int errno, bool followLinks) => errno switch
    {
        Native.NoSuchFile => (Exception)new FileNotFoundException($"{path} does not exist.", path),
        Native.TooManyLinks when !followLinks => new IOException($"{path} is a symbolic link, which is not followed here; put the file itself in its place."),
        Native.AccessDenied => new UnauthorizedAccessException($"{path} cannot be read: permission denied."),
        Native.IsFolder => new IOException($"{path} is a folder, not a file."),
        _ => new IOException($"{path} cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}."),
    };

    /// <summary>The kind of a file that is not regular (null for a regular one) and its length, from the open file.</summary>
    private static (string? Kind, long Length) Kind(SafeFileHandle handle)
    {
        // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at byte 28, stx_size the
        // u64 at byte 40, in a 256-byte buffer. AT_EMPTY_PATH with "" describes the descriptor itself.
        var buffer = new byte[256];
        if (Native.statx((int)handle.DangerousGetHandle(), "", Native.EmptyPath, Native.TypeAndSize, buffer) != 0)
            throw new IOException($"the file's kind cannot be read: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        var length = BitConverter.ToInt64(buffer, 40);
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
        {
            0x8000 => (null, length),
            0x1000 => ("FIFO (named pipe)", length),
            0x2000 => ("character device", length),
            0x6000 => ("block device", length),
            0xC000 => ("socket", length),
            0x4000 => ("folder", length),
            _ => ("special file", length),
        };
    }

    private static class Native
    {
        public const int ReadOnly = 0;
        public const int NonBlocking = 0x800;
        public const int CloseOnExec = 0x80000;

        /// <summary>O_NOFOLLOW differs between architectures (generic: 0x20000; arm64: 0x8000).</summary>
        public static readonly int NoFollow = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

        public const int EmptyPath = 0x1000;
        public const uint TypeAndSize = 0x1 | 0x200;

        public const int NoSuchFile = 2;
        public const int AccessDenied = 13;
        public const int IsFolder = 21;
        public const int TooManyLinks = 40;

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
