using System.Security.Cryptography;
using System.Text.Json;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>What the cache did for one request.</summary>
public enum CacheOutcome
{
    /// <summary>Read from a cache entry whose stamp and checksum matched.</summary>
    Hit,
    /// <summary>No entry yet: converted from the source and stored.</summary>
    Created,
    /// <summary>An entry was there but stale or damaged (see the reason): converted again and replaced.</summary>
    Rebuilt,
}

/// <summary>
/// Converted weights kept as <c>.safetensors</c> under a cache folder, so a conversion runs once per machine.
/// Each entry has a stamp beside it (JSON) that records the converter version, the source file's size and SHA-256
/// and the entry's own size and SHA-256; an entry is used only when all match, otherwise it is converted again.
/// Writing goes to a temporary file moved into place, and the stamp is written last, so an interrupted write
/// leaves an entry that fails its check rather than one that loads half.
/// </summary>
public sealed class PretrainedWeightCache(string? folder = null)
{
    /// <summary>Environment variable that moves the default cache folder.</summary>
    public const string FolderVariable = "AUTOLR_CACHE_DIR";

    /// <summary><c>$AUTOLR_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/autolr</c>, else <c>~/.cache/autolr</c>.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } explicitFolder ? explicitFolder
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "autolr")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "autolr");

    public string Folder { get; } = folder ?? DefaultFolder;

    /// <summary>Path of the entry's weights.</summary>
    public string EntryPath(string entry) => Path.Combine(Folder, entry + ".safetensors");

    private string StampPath(string entry) => Path.Combine(Folder, entry + ".stamp.json");

    /// <summary>
    /// The cached state dict for <paramref name="entry"/>, converted from <paramref name="source"/> by
    /// <paramref name="convert"/> when the cache has no valid entry. <paramref name="converterVersion"/> names the
    /// conversion; changing it invalidates old entries. The caller owns the returned tensors.
    /// </summary>
    public (Dictionary<string, Tensor> StateDict, CacheOutcome Outcome, string? RebuildReason) GetOrCreate(
        string entry, string source, string converterVersion, Func<Dictionary<string, Tensor>> convert)
    {
        var sourceStamp = Fingerprint(source);
        var staleReason = CheckEntry(entry, converterVersion, sourceStamp);
        if (staleReason is null)
            return (StateDictFile.Read(EntryPath(entry)), CacheOutcome.Hit, null);

        var stateDict = convert();
        Store(entry, converterVersion, sourceStamp, stateDict);
        return staleReason == NoEntry ? (stateDict, CacheOutcome.Created, null) : (stateDict, CacheOutcome.Rebuilt, staleReason);
    }

    private const string NoEntry = "no entry";

    /// <summary>Null when the entry is valid, else why not.</summary>
    private string? CheckEntry(string entry, string converterVersion, FileFingerprint source)
    {
        var (weights, stampFile) = (EntryPath(entry), StampPath(entry));
        if (!File.Exists(weights) && !File.Exists(stampFile)) return NoEntry;
        if (!File.Exists(stampFile)) return $"{stampFile} is missing";
        CacheStamp? stamp;
        try { stamp = JsonSerializer.Deserialize<CacheStamp>(File.ReadAllText(stampFile)); }
        catch (JsonException e) { return $"{stampFile} is not a readable stamp ({e.Message})"; }
        if (stamp is null) return $"{stampFile} is empty";
        if (stamp.ConverterVersion != converterVersion) return $"converted by '{stamp.ConverterVersion}', now '{converterVersion}'";
        if (stamp.Source != source) return $"the source changed (was {stamp.Source.Size} bytes, SHA-256 {stamp.Source.Sha256})";
        if (!File.Exists(weights)) return $"{weights} is missing";
        if (Fingerprint(weights) != stamp.Weights) return $"{weights} does not match its stamp's size and SHA-256 (damaged or changed)";
        return null;
    }

    private void Store(string entry, string converterVersion, FileFingerprint source, Dictionary<string, Tensor> stateDict)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            var (weights, stampFile) = (EntryPath(entry), StampPath(entry));
            File.Delete(stampFile);
            var temporary = weights + $".{Environment.ProcessId}.tmp.safetensors";
            StateDictFile.Write(temporary, stateDict);
            File.Move(temporary, weights, overwrite: true);
            var stamp = new CacheStamp(converterVersion, source, Fingerprint(weights));
            File.WriteAllText(stampFile, JsonSerializer.Serialize(stamp, new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightImportException($"{Folder}: cannot store converted weights there ({e.Message}). Make the folder writable, or choose another with {FolderVariable}.", e);
        }
    }

    private static FileFingerprint Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return new FileFingerprint(stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private sealed record FileFingerprint(long Size, string Sha256);

    private sealed record CacheStamp(string ConverterVersion, FileFingerprint Source, FileFingerprint Weights);
}
