using System.Text.Json;

namespace AutoLR.PaperFigures.Runs;

/// <summary>Reads a JSON file or a JSON Lines file object by object, turning syntax errors into <see cref="RunFormatException"/>.</summary>
public static class JsonFiles
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Each non-blank line parsed with <paramref name="parse"/>; a killed run may leave a last line cut short, which is an error too.</summary>
    public static IReadOnlyList<T> ReadLines<T>(string path, Func<JsonElement, JsonSource, T> parse)
    {
        var items = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var source = new JsonSource(path, number);
            using var document = Parse(line, source);
            items.Add(parse(document.RootElement, source));
        }
        return items;
    }

    public static T ReadObject<T>(string path, Func<JsonElement, JsonSource, T> parse)
    {
        var source = new JsonSource(path, 0);
        using var document = Parse(File.ReadAllText(path), source);
        return parse(document.RootElement, source);
    }

    private static JsonDocument Parse(string text, JsonSource source)
    {
        try
        {
            var document = JsonDocument.Parse(text, Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw source.Error("expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw source.Error($"not valid JSON ({e.Message}).");
        }
    }
}
