using System.Text.Json;
using System.Text.Json.Nodes;
using AutoLR.RunFormat.Files;

namespace AutoLR.RunFormat.Json;

/// <summary>
/// Reads a JSON file or a JSON Lines file object by object, turning syntax and I/O errors into
/// <see cref="RunFormatException"/>; writes a JSON object as the run directory's files spell it.
/// </summary>
public static class JsonFiles
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Each non-blank line parsed with <paramref name="parse"/>; a killed run may leave a last line cut short, which is an error too.</summary>
    public static IReadOnlyList<T> ReadLines<T>(string path, Func<JsonElement, JsonSource, T> parse)
    {
        var items = new List<T>();
        var number = 0;
        foreach (var line in Guard(path, () => ReadLinesOf(path)))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var source = new JsonSource(path, number);
            using var document = Parse(line, source);
            items.Add(parse(document.RootElement, source));
        }
        return items;
    }

    /// <summary>
    /// The lines of a JSON Lines file another process is appending to, parsed with <paramref name="parse"/>; a line
    /// that does not parse (the one being written, or a damaged one) is skipped, and a file that cannot be opened is
    /// empty. For progress displays, never for results.
    /// </summary>
    public static IReadOnlyList<T> ReadLinesWhileWritten<T>(string path, Func<JsonElement, JsonSource, T> parse)
    {
        var items = new List<T>();
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                try
                {
                    var source = new JsonSource(path, number);
                    using var document = Parse(line, source);
                    items.Add(parse(document.RootElement, source));
                }
                catch (RunFormatException)
                {
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return items;
    }

    /// <summary>
    /// Most bytes a whole-file JSON object of a run directory may have: far above any autolr writes (a sweep.json of
    /// thousands of cells is a few MB), far below what would exhaust memory.
    /// </summary>
    public const long MaxObjectBytes = 64L << 20;

    /// <summary>One JSON object from a regular file of at most <see cref="MaxObjectBytes"/> (a FIFO or device is refused, never waited on).</summary>
    public static T ReadObject<T>(string path, Func<JsonElement, JsonSource, T> parse) =>
        ParseObject(Guard(path, () => RegularFile.ReadAllText(path, MaxObjectBytes)), path, parse);

    /// <summary>One JSON object read from <paramref name="text"/>, whose errors name <paramref name="path"/>.</summary>
    public static T ParseObject<T>(string text, string path, Func<JsonElement, JsonSource, T> parse)
    {
        var source = new JsonSource(path, 0);
        using var document = Parse(text, source);
        return parse(document.RootElement, source);
    }

    /// <summary>A whole-file JSON object as autolr writes it: indented two spaces, one newline at the end.</summary>
    public static string Text(JsonObject document) => document.ToJsonString(Indented) + "\n";

    private static JsonDocument Parse(string text, JsonSource source)
    {
        try
        {
            var document = JsonDocument.Parse(text, Options);
            var problem = document.RootElement.ValueKind != JsonValueKind.Object ? "expected a JSON object."
                : RepeatedName(document.RootElement) is { } repeated ? $"it names '{repeated}' twice in one object."
                : null;
            if (problem is null) return document;
            document.Dispose();
            throw source.Error(problem);
        }
        catch (JsonException e)
        {
            throw source.Error($"not valid JSON ({e.Message}).");
        }
    }

    /// <summary>
    /// The first property name that occurs twice in one object of <paramref name="element"/>, or null. JSON does not
    /// forbid it, but which of the two values counts differs between readers (JsonNode throws, the configuration
    /// reader refuses, JsonElement takes the last), so autolr refuses such a file rather than guess.
    /// </summary>
    public static string? RepeatedName(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name)) return property.Name;
                    if (RepeatedName(property.Value) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (RepeatedName(item) is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    /// <summary>The lines of a regular file (a JSON Lines file grows with a run: bounded only by <see cref="MaxLinesBytes"/>).</summary>
    private static List<string> ReadLinesOf(string path)
    {
        using var reader = new StreamReader(RegularFile.OpenRead(path, MaxLinesBytes));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    /// <summary>Most bytes a JSON Lines file may have (a trace of a very long run is a few hundred MB).</summary>
    public const long MaxLinesBytes = 4L << 30;

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFormatException($"{path} cannot be read ({e.Message}); give the user running this read access to the run directory.");
        }
    }
}
