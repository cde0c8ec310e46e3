using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoLR.RunFormat.Results;

/// <summary>
/// Recall@K as every file of the run directory writes it: an object from K, a decimal string, to a fraction in
/// [0, 1], in ascending K, e.g. <c>{"1": 0.61, "2": 0.73}</c>.
/// </summary>
public static class RecallMap
{
    public static JsonObject Json(IReadOnlyDictionary<int, double> recall)
    {
        var json = new JsonObject();
        foreach (var (k, value) in recall.OrderBy(r => r.Key)) json[k.ToString(CultureInfo.InvariantCulture)] = value;
        return json;
    }
}
