using AutoLR.Torch.Backbones;
using AutoLR.Torch.Weights;
using static TorchSharp.torch;

namespace AutoLR.Integration.Weights;

/// <summary>
/// Random-init ResNet-18 and ResNet-50 backbones with every tensor made distinctive (BatchNorm statistics and
/// counters too, which initialisation leaves at 0/1/0), each saved by our own save path as .safetensors and .pt.
/// </summary>
public sealed class SavedWeightFilesFixture : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("autolr-weight-files-").FullName;
    public Dictionary<string, ResNetBackbone> Saved { get; } = [];

    public SavedWeightFilesFixture()
    {
        manual_seed(7);
        foreach (var spec in new[] { BackboneSpec.ResNet18, BackboneSpec.ResNet50 })
        {
            var backbone = new ResNetBackbone(spec);
            using (no_grad())
            {
                foreach (var (key, value) in backbone.state_dict())
                {
                    if (key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)) value.fill_(1234);
                    else if (key.EndsWith(".running_var", StringComparison.Ordinal)) value.uniform_(0.5, 2.0);
                    else if (!key.Contains(".conv", StringComparison.Ordinal) && !key.StartsWith("conv", StringComparison.Ordinal)) value.uniform_(-1, 1);
                }
            }
            Saved[spec.Name] = backbone;
            BackboneWeights.Save(backbone, PathOf(spec, ".safetensors"));
            BackboneWeights.Save(backbone, PathOf(spec, ".pt"));
        }
    }

    public string PathOf(BackboneSpec spec, string extension) => Path.Combine(Folder, spec.Name + extension);

    public void Dispose()
    {
        foreach (var backbone in Saved.Values) backbone.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
