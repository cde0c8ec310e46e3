using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Splits;
using TorchSharp;

namespace AutoLR.Integration.Data;

/// <summary>The class-disjoint validation split carved from the training classes.</summary>
public class ValidationSplitTests
{
    private static InMemoryImageDataset TenClasses()
    {
        var labels = Enumerable.Range(0, 40).Select(i => i % 10).ToArray();
        var images = torch.arange(40, dtype: torch.ScalarType.Float32).reshape(40, 1, 1, 1).expand(40, 3, 2, 2).contiguous();
        return new InMemoryImageDataset(images, labels);
    }

    [Fact]
    public void ValidationClassesAreDisjointDeterministicAndDense()
    {
        using var data = TenClasses();
        var (train, validation) = ValidationSplit.Carve(data, 0.2, seed: 7);
        var (train2, validation2) = ValidationSplit.Carve(data, 0.2, seed: 7);
        Assert.Equal(2, validation.ClassCount);
        Assert.Equal(8, train.ClassCount);
        Assert.Equal(8, validation.Count);
        Assert.Equal(32, train.Count);
        Assert.Empty(train.ParentLabels.Intersect(validation.ParentLabels));
        Assert.Equal(validation.ParentLabels, validation2.ParentLabels);
        Assert.Equal(train.Labels, train2.Labels);
        Assert.Equal(Enumerable.Range(0, 8), train.Labels.Distinct().Order());

        var others = Enumerable.Range(1, 20).Select(s => string.Join(",", ValidationSplit.Carve(data, 0.2, s).Validation.ParentLabels)).Distinct();
        Assert.True(others.Count() > 1, "different seeds should pick different classes");
    }

    [Fact]
    public void SubsetImagesComeFromTheParent()
    {
        using var data = TenClasses();
        var (_, validation) = ValidationSplit.Carve(data, 0.3, seed: 1);
        using var batch = validation.GetBatch([0, 1]);
        for (var i = 0; i < 2; i++)
        {
            using var image = validation.GetImage(i);
            using var row = batch[i];
            Assert.True(row.allclose(image, rtol: 0, atol: 0));
            var parentLabel = validation.ParentLabels[validation.Labels[i]];
            Assert.Equal(parentLabel, (int)image[0, 0, 0].item<float>() % 10);
        }
    }
}
