using System.Globalization;

namespace AutoLR.Torch.Data.Files;

/// <summary>The order in which class ids get dense labels: numeric when every id is an integer ("2" before "10"), else ordinal.</summary>
public static class ClassOrder
{
    public static string[] Of(IEnumerable<string> classIds)
    {
        var distinct = classIds.Distinct().ToArray();
        var numeric = distinct.All(id => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
    }
}
