namespace AutoLR.Sweeps.Slurm;

/// <summary>
/// One Slurm job array of a sweep: cells <see cref="First"/> .. First + Count - 1 as array task ids 0 .. Count - 1,
/// since a task id must stay below the cluster's MaxArraySize.
/// </summary>
public sealed record ArrayChunk(int Number, int First, int Count)
{
    /// <summary>Consecutive chunks of at most <paramref name="maxArraySize"/> cells each, covering every cell once.</summary>
    public static IReadOnlyList<ArrayChunk> Split(int cells, int maxArraySize) =>
        Enumerable.Range(0, (cells + maxArraySize - 1) / maxArraySize)
            .Select(n => new ArrayChunk(n, n * maxArraySize, Math.Min(maxArraySize, cells - n * maxArraySize)))
            .ToList();

    public bool Holds(int cell) => cell >= First && cell < First + Count;

    /// <summary>The <c>--array</c> value for some of this chunk's cells: "0-3", "1,4-6", with <c>%P</c> when limited.</summary>
    public string ArraySpec(IEnumerable<int> cells, int? maxParallel)
    {
        var ids = cells.Select(c => c - First).Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < ids.Count;)
        {
            var j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1) j++;
            ranges.Add(i == j ? $"{ids[i]}" : $"{ids[i]}-{ids[j]}");
            i = j + 1;
        }
        return string.Join(",", ranges) + (maxParallel is { } p ? $"%{p}" : "");
    }
}
