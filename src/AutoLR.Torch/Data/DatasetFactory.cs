namespace AutoLR.Torch.Data;

/// <summary>Opens any registered data set (<see cref="DatasetKinds"/>) by kind and root folder, with the class-disjoint split of DESIGN §4.</summary>
public static class DatasetFactory
{
    /// <param name="kind">Which layout to read.</param>
    /// <param name="path">The data set's root folder; null or empty means the kind's default folder (only Fashion-MNIST, from its Debian package, has one).</param>
    /// <param name="options">Image size, per-class limit, bad-input policy.</param>
    /// <param name="convention">The backbone's input convention; images come out normalised for it.</param>
    public static RetrievalDataset Open(DatasetKind kind, string? path, DatasetOptions options, InputConvention convention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(convention);
        options.Validate();
        var entry = kind.Entry();
        var folder = string.IsNullOrWhiteSpace(path) ? entry.DefaultFolder : path;
        if (folder is null)
            throw new ArgumentException($"The {entry.Name} data set needs a path: the folder of its download.", nameof(path));
        return entry.Open(folder, options, convention);
    }

    /// <summary>Same, with the kind given by its configuration name (<see cref="DatasetKinds.All"/>).</summary>
    public static RetrievalDataset Open(string kind, string? path, DatasetOptions options, InputConvention convention) =>
        Open(DatasetKinds.Parse(kind), path, options, convention);
}
