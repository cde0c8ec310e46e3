using System.Globalization;
using System.Text.Json;

namespace AutoLR.RunFormat.Json;

/// <summary>
/// Where a JSON object came from (a file and, for JSON Lines, a 1-based line) and typed access to its fields: extra
/// fields are ignored, a missing or mistyped required field throws <see cref="RunFormatException"/> naming file,
/// line and field. Names match case-insensitively (the host writes camelCase). Numbers may also be written as
/// "NaN", "Infinity", "-Infinity" or null (read as NaN), since JSON has no literal for them.
/// </summary>
public sealed record JsonSource(string File, int Line)
{
    public string Where => Line > 0 ? $"{File}, line {Line}" : File;

    public RunFormatException Error(string problem) => new($"{Where}: {problem}");

    public JsonElement Required(JsonElement obj, string name) =>
        Optional(obj, name) ?? throw Error($"required field '{name}' is missing.");

    public JsonElement? Optional(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Error($"expected a JSON object, found {obj.ValueKind}.");
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        return null;
    }

    public int Int(JsonElement obj, string name) => AsInt(Required(obj, name), name);

    public int? OptionalInt(JsonElement obj, string name) =>
        Optional(obj, name) is { ValueKind: not JsonValueKind.Null } value ? AsInt(value, name) : null;

    public double Double(JsonElement obj, string name) => AsDouble(Required(obj, name), name);

    public double? OptionalDouble(JsonElement obj, string name) =>
        Optional(obj, name) is { ValueKind: not JsonValueKind.Null } value ? AsDouble(value, name) : null;

    public bool Bool(JsonElement obj, string name) => AsBool(Required(obj, name), name);

    public bool? OptionalBool(JsonElement obj, string name) =>
        Optional(obj, name) is { ValueKind: not JsonValueKind.Null } value ? AsBool(value, name) : null;

    public string String(JsonElement obj, string name) =>
        OptionalString(obj, name) ?? throw Error($"required field '{name}' is missing or null.");

    public string? OptionalString(JsonElement obj, string name)
    {
        var value = Optional(obj, name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null) return null;
        return value.Value.ValueKind == JsonValueKind.String
            ? value.Value.GetString()
            : throw Error($"field '{name}' must be a string, found {value.Value.ValueKind}.");
    }

    public double[] Doubles(JsonElement obj, string name) =>
        OptionalDoubles(obj, name) ?? throw Error($"required field '{name}' is null; it must be an array of numbers.");

    /// <summary>An array of numbers that must be present but may be null (e.g. <c>targets</c>, <c>nextLrs</c>).</summary>
    public double[]? OptionalDoubles(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array) throw Error($"field '{name}' must be an array of numbers, found {value.ValueKind}.");
        return value.EnumerateArray().Select((item, i) => AsDouble(item, $"{name}[{i}]")).ToArray();
    }

    public string[] Strings(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        if (value.ValueKind != JsonValueKind.Array) throw Error($"field '{name}' must be an array of strings, found {value.ValueKind}.");
        return value.EnumerateArray()
            .Select((item, i) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Error($"field '{name}[{i}]' must be a string, found {item.ValueKind}."))
            .ToArray();
    }

    /// <summary>A Recall@K map written as an object from K (a decimal integer) to a fraction in [0, 1].</summary>
    public IReadOnlyDictionary<int, double> RecallMap(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        if (value.ValueKind != JsonValueKind.Object) throw Error($"field '{name}' must be an object from K to Recall@K, found {value.ValueKind}.");
        var map = new SortedDictionary<int, double>();
        foreach (var property in value.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1)
                throw Error($"field '{name}' has the key '{property.Name}'; keys must be K as a positive integer, e.g. \"1\".");
            map[k] = AsDouble(property.Value, $"{name}.{property.Name}");
        }
        return map;
    }

    private bool AsBool(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"field '{name}' must be true or false, found {value.ValueKind}."),
    };

    private int AsInt(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)
            ? i
            : throw Error($"field '{name}' must be an integer, found {Describe(value)}.");

    private double AsDouble(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.Null:
                return double.NaN;
            case JsonValueKind.String:
                var text = value.GetString();
                if (text is "NaN") return double.NaN;
                if (text is "Infinity") return double.PositiveInfinity;
                if (text is "-Infinity") return double.NegativeInfinity;
                break;
        }
        throw Error($"field '{name}' must be a number (or \"NaN\", \"Infinity\", \"-Infinity\", null), found {Describe(value)}.");
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? $"{value.ValueKind} {value.GetRawText()}" : value.ValueKind.ToString();
}
