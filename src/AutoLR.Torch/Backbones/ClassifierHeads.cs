using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoLR.Torch.Backbones;

/// <summary>Which classification head trains the embedding (DESIGN.md §4).</summary>
public abstract record HeadOptions
{
    /// <summary>The authors' head: Linear(d→hidden) → BatchNorm1d → LeakyReLU(0.1) → Dropout(0.5) → Linear(hidden→C).</summary>
    public sealed record Authors(int HiddenWidth = 512, double DropoutRate = 0.5) : HeadOptions;

    /// <summary>One Linear(d→C).</summary>
    public sealed record Plain : HeadOptions;

    public static HeadOptions Default { get; } = new Authors();

    /// <summary>Builds the head for embedding width <paramref name="inputWidth"/> and <paramref name="classCount"/> classes.</summary>
    public nn.Module<Tensor, Tensor> Build(long inputWidth, int classCount)
    {
        if (classCount < 2)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classification head needs at least 2 training classes.");
        return this switch
        {
            Authors a => new AuthorsHead(inputWidth, a.HiddenWidth, classCount, a.DropoutRate),
            Plain => nn.Linear(inputWidth, classCount),
            _ => throw new NotSupportedException($"Head options {GetType().Name} have no builder."),
        };
    }
}

/// <summary>The authors' classification head; submodule names say their role.</summary>
public sealed class AuthorsHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden, classifier;
    private readonly BatchNorm1d norm;
    private readonly Dropout dropout;

    public AuthorsHead(long inputWidth, int hiddenWidth, int classCount, double dropoutRate) : base(nameof(AuthorsHead))
    {
        hidden = nn.Linear(inputWidth, hiddenWidth);
        norm = nn.BatchNorm1d(hiddenWidth);
        dropout = nn.Dropout(dropoutRate);
        classifier = nn.Linear(hiddenWidth, classCount);
        register_module("hidden", hidden);
        register_module("norm", norm);
        register_module("dropout", dropout);
        register_module("classifier", classifier);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.leaky_relu(norm.forward(hidden.forward(input)), 0.1);
        return classifier.forward(dropout.forward(x)).MoveToOuterDisposeScope();
    }
}
