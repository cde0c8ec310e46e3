namespace AutoLR.Torch.Backbones;

/// <summary>
/// One layer of a backbone as data: which of its modules it owns and which of their weights eq. 1 measures.
/// Module and weight names are the backbone's own (torchvision's), e.g. <c>layer3.1</c> and
/// <c>layer3.1.conv2.weight</c>.
/// </summary>
/// <param name="Name">The layer's name in the trace, TensorBoard and the figures, e.g. <c>layer3.1</c>, <c>Mixed_6b</c>.</param>
/// <param name="Modules">Module-name prefixes: a parameter belongs to the layer when its name starts with one of them and a dot.</param>
/// <param name="MeasuredWeights">The main-path convolution weights whose change over an epoch eq. 1 measures, in the order they are summed.</param>
public sealed record LayerDeclaration(string Name, IReadOnlyList<string> Modules, IReadOnlyList<string> MeasuredWeights)
{
    /// <summary>Whether parameter or state-dict key <paramref name="key"/> belongs to this layer.</summary>
    public bool Owns(string key) => Modules.Any(m => key.StartsWith(m + ".", StringComparison.Ordinal));
}

/// <summary>
/// A backbone's layer partition, declared once per architecture (timm's <c>param_groups_layer_decay</c> table):
/// the stem, which takes part in neither sorting nor LR tuning, and the tuned layers 1..K from input to output.
/// Pruning removes layers from the end of <see cref="Layers"/>; the optimiser's groups, variation measurement, the
/// trace, TensorBoard and the figures all read this list through <see cref="LayerPartition"/>.
/// </summary>
/// <param name="Stem">The layers below layer 1 (empty when every module is a tuned layer, as in the paper's Inception-v3).</param>
/// <param name="Layers">Layers 1..K of the unpruned architecture, input to output.</param>
public sealed record LayerLayout(LayerDeclaration Stem, IReadOnlyList<LayerDeclaration> Layers)
{
    /// <summary>K of the unpruned architecture.</summary>
    public int Count => Layers.Count;

    /// <summary>The layers a backbone pruned by <paramref name="depth"/> keeps.</summary>
    public IReadOnlyList<LayerDeclaration> Kept(int depth) => Layers.Take(Count - depth).ToArray();

    /// <summary>The layers pruning by <paramref name="depth"/> removes, input to output.</summary>
    public IReadOnlyList<LayerDeclaration> Removed(int depth) => Layers.Skip(Count - depth).ToArray();
}
