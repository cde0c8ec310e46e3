using AutoLR.Torch.Data;
using AutoLR.Torch.Data.FashionMnist;
using TorchSharp;

namespace AutoLR.Integration.Data;

/// <summary>Fashion-MNIST from the Debian package dataset-fashion-mnist (real files), and the per-class limit on a tiny copy.</summary>
public class FashionMnistTests
{
    private static readonly InputConvention Imagenet = InputConvention.TorchvisionImageNet;

    private static string RequirePackage()
    {
        var images = Path.Combine(FashionMnistFiles.DefaultFolder, "train-images-idx3-ubyte.gz");
        Assert.True(File.Exists(images),
            $"Fashion-MNIST is not installed ({images} is missing): run `apt-get update && apt-get install dataset-fashion-mnist`.");
        return FashionMnistFiles.DefaultFolder;
    }

    [Fact]
    public void PoolsTrainAndTestFilesAndSplitsClasses0To4From5To9()
    {
        var folder = RequirePackage();
        var data = DatasetFactory.Open("fashion-mnist", folder, new DatasetOptions { ImageSize = 28 }, Imagenet);
        Assert.Equal(35_000, data.Train.Count);
        Assert.Equal(35_000, data.Test!.Count);
        Assert.Equal(70_000, data.Train.Count + data.Test.Count);
        Assert.Equal(["0", "1", "2", "3", "4"], data.Train.ClassIds);
        Assert.Equal(["5", "6", "7", "8", "9"], data.Test.ClassIds);
        Assert.All(Enumerable.Range(0, 5), c => Assert.Equal(7_000, data.Train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 5), c => Assert.Equal(7_000, data.Test.Labels.Count(l => l == c)));

        // Pixels of a t10k item in the test split, against the IDX bytes decoded here.
        var test = (FashionMnistDataset)data.Test;
        var index = test.SourceRows.ToList().FindIndex(r => r >= 60_000);
        var row = test.SourceRows[index] - 60_000;
        var raw = IdxFixtures.ReadPayload(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), 3).AsSpan(row * 784, 784).ToArray();
        var labels = IdxFixtures.ReadPayload(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), 1);
        Assert.Equal(labels[row], int.Parse(test.ClassIds[test.Labels[index]]));
        using var image = test.GetImage(index);
        Assert.Equal([3L, 28, 28], image.shape);
        for (var c = 0; c < 3; c++)
        {
            using var expected = torch.tensor(raw.Select(b => (b / 255f - Imagenet.Mean[c]) / Imagenet.Std[c]).ToArray(), [28, 28]);
            using var channel = image[c];
            Assert.True(channel.allclose(expected, rtol: 0, atol: 1e-5), $"channel {c} differs from the IDX bytes");
        }
    }

    [Fact]
    public void BatchResizesBilinearlyTo64()
    {
        var folder = RequirePackage();
        var data = DatasetFactory.Open(DatasetKind.FashionMnist, folder, new DatasetOptions { ImageSize = 64, ImagesPerClass = 3 }, Imagenet);
        var train = (FashionMnistDataset)data.Train;
        Assert.Equal(15, train.Count);
        using var batch = train.GetBatch([0, 4]);
        Assert.Equal([2L, 3, 64, 64], batch.shape);

        var raw = IdxFixtures.ReadPayload(Path.Combine(folder, "train-images-idx3-ubyte.gz"), 3).AsSpan(train.SourceRows[4] * 784, 784).ToArray();
        using var grey = torch.tensor(raw, [1, 1, 28, 28]).to_type(torch.ScalarType.Float32).div(255f);
        using var resized = torch.nn.functional.interpolate(grey, [64, 64], mode: torch.InterpolationMode.Bilinear, align_corners: false);
        using var expected = resized[0, 0].sub(Imagenet.Mean[1]).div(Imagenet.Std[1]);
        using var green = batch[1, 1];
        Assert.True(green.allclose(expected, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void ImagesPerClassKeepsTheFirstImagesOfEachClass()
    {
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        var data = DatasetFactory.Open("fashion-mnist", folder.Path, new DatasetOptions { ImageSize = 28, ImagesPerClass = 2 }, Imagenet);
        var train = (FashionMnistDataset)data.Train;
        Assert.Equal(10, train.Count);
        Assert.Equal([0, 1, 2, 3, 4, 10, 11, 12, 13, 14], train.SourceRows);
        var all = DatasetFactory.Open("fashion-mnist", folder.Path, new DatasetOptions { ImageSize = 28 }, Imagenet);
        Assert.Equal(15, all.Train.Count);
        Assert.Equal(15, all.Test!.Count);
    }

    [Fact]
    public void TestImagesPerClassLimitsTheTestClassesAlone()
    {
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        var moreTest = DatasetFactory.Open("fashion-mnist", folder.Path, new DatasetOptions { ImageSize = 28, ImagesPerClass = 2, TestImagesPerClass = 3 }, Imagenet);
        Assert.Equal((10, 15), (moreTest.Train.Count, moreTest.Test!.Count));
        var fewerTest = DatasetFactory.Open("fashion-mnist", folder.Path, new DatasetOptions { ImageSize = 28, TestImagesPerClass = 2 }, Imagenet);
        Assert.Equal((15, 10), (fewerTest.Train.Count, fewerTest.Test!.Count));
    }
}
