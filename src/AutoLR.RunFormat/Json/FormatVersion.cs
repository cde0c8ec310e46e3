using System.Text.Json;

namespace AutoLR.RunFormat.Json;

/// <summary>
/// The format version a JSON file of the run directory declares in <c>schema</c>. A file without it was written before
/// versions were recorded and is version 1. A reader takes every version up to its own and refuses a newer one,
/// naming both, rather than misread fields whose meaning changed.
/// </summary>
public static class FormatVersion
{
    public const string Field = "schema";

    /// <summary>The version <paramref name="root"/> declares (1 when it declares none), at most <paramref name="newest"/>.</summary>
    public static int Of(JsonElement root, JsonSource source, int newest)
    {
        var version = source.OptionalInt(root, Field) ?? 1;
        if (version < 1)
            throw source.Error($"field '{Field}' is {version}; format versions start at 1.");
        if (version > newest)
            throw source.Error($"format version {version} ('{Field}') is newer than this build reads (up to {newest}); read it with the autolr that wrote it or a newer one.");
        return version;
    }
}
