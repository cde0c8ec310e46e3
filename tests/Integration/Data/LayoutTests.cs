using AutoLR.Torch.Data;

namespace AutoLR.Integration.Data;

/// <summary>Every layout: counts, class-disjoint splits, dense labels, original class ids, and the pixels behind the labels.</summary>
public class LayoutTests
{
    private static readonly InputConvention Imagenet = InputConvention.TorchvisionImageNet;
    private static DatasetOptions Small => new() { ImageSize = 8 };

    [Fact]
    public void Cub200SplitsClasses1To100FromTheRest()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder);
        var data = DatasetFactory.Open("cub200", folder.Path, Small, Imagenet);
        Assert.Equal(["1", "2"], data.Train.ClassIds);
        Assert.Equal(["101", "102"], data.Test!.ClassIds);
        Assert.Equal([0, 0, 1, 1], data.Train.Labels);
        Assert.Equal([0, 0, 1, 1], data.Test.Labels);
        PixelAssert.ImagesMatchClasses(data.Train, int.Parse, Imagenet);
        PixelAssert.ImagesMatchClasses(data.Test, int.Parse, Imagenet);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cars196ReadsTheMatFileOrItsCsvConversionAndSplitsAt98(bool asCsv)
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cars(folder, asCsv);
        var data = DatasetFactory.Open(DatasetKind.Cars196, folder.Path, Small, Imagenet);
        Assert.Equal(["1", "98"], data.Train.ClassIds);
        Assert.Equal(["99", "196"], data.Test!.ClassIds);
        Assert.Equal(4, data.Train.Count);
        Assert.Equal(4, data.Test.Count);
        PixelAssert.ImagesMatchClasses(data.Test, int.Parse, Imagenet);
    }

    [Fact]
    public void StanfordOnlineProductsFollowsItsTwoListings()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Sop(folder);
        var data = DatasetFactory.Open("sop", folder.Path, Small, Imagenet);
        Assert.Equal(["1", "2"], data.Train.ClassIds);
        Assert.Equal(["11319", "11320"], data.Test!.ClassIds);
        Assert.Equal([0, 0, 1, 1], data.Test.Labels);
        PixelAssert.ImagesMatchClasses(data.Test, id => int.Parse(id) % 1000, Imagenet);
    }

    [Fact]
    public void InShopQueryAndGalleryShareOneLabelMap()
    {
        using var folder = new TempFolder();
        LayoutFixtures.InShop(folder);
        var data = DatasetFactory.Open("inshop", folder.Path, Small, Imagenet);
        Assert.True(data.IsQueryGallery);
        Assert.Null(data.Test);
        Assert.Equal(["id_00000001", "id_00000002"], data.Train.ClassIds);
        Assert.Equal(2, data.Query!.Count);
        Assert.Equal(5, data.Gallery!.Count);
        Assert.Equal(data.Gallery.ClassIds, data.Query.ClassIds);
        Assert.Equal(["id_00000010", "id_00000011", "id_00000012"], data.Gallery.ClassIds);
        Assert.Equal([0, 1], data.Query.Labels);
        Assert.Equal([0, 0, 1, 1, 2], data.Gallery.Labels);
        PixelAssert.ImagesMatchClasses(data.Query, id => int.Parse(id[3..]), Imagenet);
        PixelAssert.ImagesMatchClasses(data.Gallery, id => int.Parse(id[3..]), Imagenet);
    }

    [Fact]
    public void ClassFoldersSplitBySortedFolderName()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Folders(folder);
        var data = DatasetFactory.Open("folder", folder.Path, Small, Imagenet);
        Assert.Equal(["a", "b"], data.Train.ClassIds);
        Assert.Equal(["c", "d"], data.Test!.ClassIds);
        PixelAssert.ImagesMatchClasses(data.Train, id => id[0] - 'a' + 1, Imagenet);

        var quarter = DatasetFactory.Open("folder", folder.Path, new DatasetOptions { ImageSize = 8, FolderTrainFraction = 0.25 }, Imagenet);
        Assert.Equal(["a"], quarter.Train.ClassIds);
        Assert.Equal(["b", "c", "d"], quarter.Test!.ClassIds);
    }

    [Fact]
    public void ImagesPerClassLimitsEveryClass()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder, perClass: 3);
        var data = DatasetFactory.Open("cub200", folder.Path, new DatasetOptions { ImageSize = 8, ImagesPerClass = 2 }, Imagenet);
        Assert.Equal(4, data.Train.Count);
        Assert.Equal(4, data.Test!.Count);
        var allTest = DatasetFactory.Open("cub200", folder.Path, new DatasetOptions { ImageSize = 8, ImagesPerClass = 2, TestImagesPerClass = 3 }, Imagenet);
        Assert.Equal((4, 6), (allTest.Train.Count, allTest.Test!.Count));
    }

    [Fact]
    public void BatchesMatchSingleImages()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder);
        var data = DatasetFactory.Open("cub200", folder.Path, Small, Imagenet);
        using var batch = data.Train.GetBatch([3, 0]);
        Assert.Equal([2L, 3, 8, 8], batch.shape);
        using var third = data.Train.GetImage(3);
        using var first = batch[1];
        using var fromBatch = batch[0];
        Assert.True(fromBatch.allclose(third));
        using var zero = data.Train.GetImage(0);
        Assert.True(first.allclose(zero));
    }

    [Fact]
    public void KindNamesParseAndUnknownNamesListTheValidOnes()
    {
        Assert.Equal(DatasetKind.StanfordOnlineProducts, DatasetKinds.Parse("SOP"));
        Assert.Equal(DatasetKind.FashionMnist, DatasetKinds.Parse("fashion-mnist"));
        var error = Assert.Throws<ArgumentException>(() => DatasetKinds.Parse("imagenet"));
        Assert.Contains("cub200", error.Message);
    }
}
