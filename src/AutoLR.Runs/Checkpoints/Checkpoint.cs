using System.Text.Json;

namespace AutoLR.Runs.Checkpoints;

/// <summary>
/// The content of one checkpoint: named byte blobs. The host does not interpret them; the engine decides what
/// goes in (see <see cref="CheckpointEntries"/> for the names it is expected to use). JSON helpers cover the small
/// structured parts (controller state, loop position).
/// </summary>
public sealed class Checkpoint
{
    private readonly Dictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Entry names in the order they were added (and are stored).</summary>
    public IReadOnlyList<string> Names => _order;

    public Checkpoint Set(string name, byte[] bytes)
    {
        if (string.IsNullOrEmpty(name) || System.Text.Encoding.UTF8.GetByteCount(name) > ushort.MaxValue)
            throw new ArgumentException($"Checkpoint entry name '{name}' must be non-empty and at most {ushort.MaxValue} UTF-8 bytes.", nameof(name));
        if (!_entries.ContainsKey(name)) _order.Add(name);
        _entries[name] = bytes;
        return this;
    }

    public Checkpoint SetJson<T>(string name, T value) => Set(name, JsonSerializer.SerializeToUtf8Bytes(value, Json));

    public bool Contains(string name) => _entries.ContainsKey(name);

    public byte[] Get(string name) =>
        _entries.TryGetValue(name, out var bytes)
            ? bytes
            : throw new KeyNotFoundException($"Checkpoint has no entry '{name}'; it holds {string.Join(", ", _order)}.");

    public T GetJson<T>(string name) =>
        JsonSerializer.Deserialize<T>(Get(name), Json)
        ?? throw new InvalidDataException($"Checkpoint entry '{name}' holds JSON null, expected a {typeof(T).Name}.");
}
