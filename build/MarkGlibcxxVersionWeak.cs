using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one GLIBCXX version need of every libLibTorchSharp.so below a folder as weak, when the system's
/// libstdc++ does not define that version. Reads the ELF64 section headers, finds SHT_GNU_verneed, walks its
/// Vernaux entries and sets VER_FLG_WEAK (0x2) in vna_flags of the entry whose name is the version.
/// RoslynCodeTaskFactory compiles this against netstandard2.0, hence no spans.
/// </summary>
public class MarkGlibcxxVersionWeak : Task
{
    [Required] public string Folder { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    /// <summary>
    /// Patch even when this machine's libstdc++ defines the version: for output that runs on other machines
    /// (publish, the .NET tool package). A weak need is still checked where the version exists.
    /// </summary>
    public bool Always { get; set; }

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        var libraries = Directory.EnumerateFiles(Path.GetFullPath(Folder), "libLibTorchSharp.so", SearchOption.AllDirectories).ToList();
        if (libraries.Count == 0) return true;

        string reason;
        var libStdCxx = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (Always)
            reason = "the machines this output is deployed to may lack it";
        else if (libStdCxx is null)
        {
            Log.LogWarning($"No system libstdc++.so.6 found in {string.Join(", ", LibStdCxxCandidates)}; libLibTorchSharp.so left as it is.");
            return true;
        }
        else if (Contains(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(Version + "\0")))
            return true; // the system defines the version: nothing to fix
        else
            reason = $"{libStdCxx} lacks it";

        foreach (var library in libraries)
        {
            try
            {
                var outcome = MarkWeak(library, Version);
                if (outcome == Outcome.Patched)
                    Log.LogMessage(MessageImportance.High,
                        $"LibTorchSharp: marked the {Version} need of {library} weak ({reason}).");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"LibTorchSharp: could not mark {Version} weak in {library}: {e.Message}. " +
                             "Delete the output folder and build again; if it persists, the file is not the expected ELF64 library.");
                return false;
            }
        }
        return !Log.HasLoggedErrors;
    }

    private enum Outcome { Patched, AlreadyWeak, NotNeeded }

    private static Outcome MarkWeak(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        var sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        var sectionCount = BitConverter.ToUInt16(elf, 0x3C);

        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)(sectionTable + (long)i * sectionSize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;

            var offset = (int)BitConverter.ToUInt64(elf, header + 0x18);
            var link = BitConverter.ToUInt32(elf, header + 0x28);
            var count = BitConverter.ToUInt32(elf, header + 0x2C);
            var stringsHeader = (int)(sectionTable + (long)link * sectionSize);
            var strings = (int)BitConverter.ToUInt64(elf, stringsHeader + 0x18);

            var verneed = offset;
            for (var n = 0; n < count; n++)
            {
                var auxCount = BitConverter.ToUInt16(elf, verneed + 2);
                var aux = verneed + (int)BitConverter.ToUInt32(elf, verneed + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    if (name == version)
                    {
                        var flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlagWeak) != 0) return Outcome.AlreadyWeak;
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                        // Keep the timestamp so MSBuild's incremental copy sees the file as unchanged next time.
                        var stamp = File.GetLastWriteTimeUtc(path);
                        var temporary = path + ".patching";
                        File.WriteAllBytes(temporary, elf);
                        File.Copy(temporary, path, true);
                        File.Delete(temporary);
                        File.SetLastWriteTimeUtc(path, stamp);
                        return Outcome.Patched;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                verneed += (int)BitConverter.ToUInt32(elf, verneed + 12);
            }
        }
        return Outcome.NotNeeded;
    }

    private static string ReadString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        var first = needle[0];
        for (var i = Array.IndexOf(haystack, first); i >= 0 && i <= haystack.Length - needle.Length;
             i = Array.IndexOf(haystack, first, i + 1))
        {
            var j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
