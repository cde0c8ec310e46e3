namespace AutoLR.Torch.Data;

/// <summary>The data sets the factory opens; configuration names them in kebab case (<see cref="DatasetKinds"/>).</summary>
public enum DatasetKind { FashionMnist, Cub200, Cars196, StanfordOnlineProducts, InShop, ClassFolder }

/// <summary>Configuration names of <see cref="DatasetKind"/>.</summary>
public static class DatasetKinds
{
    private static readonly (string Name, DatasetKind Kind)[] Names =
    [
        ("fashion-mnist", DatasetKind.FashionMnist), ("cub200", DatasetKind.Cub200), ("cars196", DatasetKind.Cars196),
        ("sop", DatasetKind.StanfordOnlineProducts), ("inshop", DatasetKind.InShop), ("folder", DatasetKind.ClassFolder),
    ];

    /// <summary>All configuration names, for help texts and validation messages.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The kind a configuration name stands for (case-insensitive); the error lists the valid names.</summary>
    public static DatasetKind Parse(string name)
    {
        foreach (var (n, kind) in Names)
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        throw new ArgumentException($"Unknown data set kind \"{name}\"; use one of: {string.Join(", ", All)}.", nameof(name));
    }

    /// <summary>The configuration name of <paramref name="kind"/>.</summary>
    public static string Name(this DatasetKind kind) => Names.First(n => n.Kind == kind).Name;
}
