using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoLR.Runs.Checkpoints;

/// <summary>What <see cref="CheckpointStore.LoadLatest"/> found: the newest intact checkpoint (or none) and the damaged files it skipped.</summary>
public sealed record CheckpointLoad(Checkpoint? Checkpoint, string? File, IReadOnlyList<CheckpointCorruptException> Rejected);

/// <summary>
/// The checkpoints folder of one run. Files are numbered (<c>000007-epoch-3.ckpt</c>) so "newest" never depends on
/// clocks; each is written atomically; the newest few are kept so that a damaged newest file still leaves an
/// intact one to resume from.
/// </summary>
public sealed partial class CheckpointStore(string folder, int keep = 2)
{
    public const string Extension = ".ckpt";

    public string Folder { get; } = folder;

    /// <summary>Writes <paramref name="checkpoint"/> atomically and returns its path; older files beyond <c>keep</c> are removed.</summary>
    public string Save(string label, Checkpoint checkpoint)
    {
        if (!LabelPattern().IsMatch(label))
            throw new ArgumentException($"Checkpoint label '{label}' must be letters, digits and dashes (e.g. epoch-3).", nameof(label));
        Directory.CreateDirectory(Folder);
        var next = Numbered().Select(f => f.Number).DefaultIfEmpty(0).Max() + 1;
        var path = Path.Combine(Folder, $"{next.ToString("D6", CultureInfo.InvariantCulture)}-{label}{Extension}");
        DurableFile.Write(path, stream => CheckpointFormat.Write(stream, checkpoint));
        foreach (var old in Numbered().OrderByDescending(f => f.Number).Skip(keep)) File.Delete(old.Path);
        return path;
    }

    /// <summary>Reads one checkpoint file, verifying it.</summary>
    public static Checkpoint Load(string file) => CheckpointFormat.Read(file);

    /// <summary>The newest checkpoint that passes its checks; damaged newer ones are reported, never loaded.</summary>
    public CheckpointLoad LoadLatest()
    {
        var rejected = new List<CheckpointCorruptException>();
        foreach (var (path, _) in Numbered().OrderByDescending(f => f.Number))
        {
            try
            {
                return new CheckpointLoad(CheckpointFormat.Read(path), path, rejected);
            }
            catch (CheckpointCorruptException e)
            {
                rejected.Add(e);
            }
        }
        return new CheckpointLoad(null, null, rejected);
    }

    private IEnumerable<(string Path, int Number)> Numbered()
    {
        if (!Directory.Exists(Folder)) yield break;
        foreach (var path in Directory.EnumerateFiles(Folder, "*" + Extension))
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.Length > 7 && name[6] == '-' && int.TryParse(name.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                yield return (path, n);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex LabelPattern();
}
