using AutoLR.Torch.Data;
using AutoLR.Torch.Data.Matlab;

namespace AutoLR.Integration.Data;

/// <summary>Each kind of bad input fails with a message that names the file, the problem and the fix (or is skipped when asked).</summary>
public class BadInputTests
{
    private static readonly InputConvention Imagenet = InputConvention.TorchvisionImageNet;
    private static DatasetOptions Small => new() { ImageSize = 8 };

    private static DatasetException Fails(string kind, string path, DatasetOptions? options = null) =>
        Assert.Throws<DatasetException>(() => DatasetFactory.Open(kind, path, options ?? Small, Imagenet));

    [Fact]
    public void MissingFolderIsNamed()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "CUB_200_2011");
        var error = Fails("cub200", missing);
        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void MissingListingFileIsNamed()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder);
        File.Delete(Path.Combine(folder.Path, "image_class_labels.txt"));
        var error = Fails("cub200", folder.Path);
        Assert.Equal(Path.Combine(folder.Path, "image_class_labels.txt"), error.Path);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void MissingFashionMnistFolderSaysHowToInstall()
    {
        using var folder = new TempFolder();
        var error = Fails("fashion-mnist", Path.Combine(folder.Path, "nowhere"));
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void WrongIdxMagicNumberIsNamed()
    {
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        var images = folder.File("train-images-idx3-ubyte.gz");
        IdxFixtures.Write(images, 0x0801, [20 * 784], new byte[20 * 784], gzip: true);
        var error = Fails("fashion-mnist", folder.Path);
        Assert.Equal(images, error.Path);
        Assert.Contains("magic number is 0x00000801, expected 0x00000803", error.Message);
    }

    [Fact]
    public void TruncatedGzipIsNamed()
    {
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        var images = folder.File("t10k-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        var error = Fails("fashion-mnist", folder.Path);
        Assert.Equal(images, error.Path);
        Assert.Matches("truncated", error.Message);
    }

    [Fact]
    public void IdxHeaderClaimingMoreThanTheFileHoldsIsRefusedBeforeAnythingIsAllocated()
    {
        // Found by fuzzing: 2 × 131072 × 131072 bytes claimed by a 41-byte file made the reader ask for a 32 GiB array.
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        File.Delete(folder.File("train-images-idx3-ubyte.gz"));
        var images = folder.File("train-images-idx3-ubyte");
        IdxFixtures.Write(images, 0x0803, [2, 131072, 131072], new byte[25], gzip: false);
        var error = Fails("fashion-mnist", folder.Path);
        Assert.Equal(images, error.Path);
        Assert.Contains("claims 2 × 131072 × 131072 = 34359738368 bytes, but the file holds 25 after the header.", error.Message);

        // Compressed, the file's length says nothing about its content: the claim is held to what a data file may be.
        File.Delete(images);
        var compressed = folder.File("train-images-idx3-ubyte.gz");
        IdxFixtures.Write(compressed, 0x0803, [int.MaxValue, int.MaxValue, int.MaxValue], new byte[25], gzip: true);
        error = Fails("fashion-mnist", folder.Path);
        Assert.Equal(compressed, error.Path);
        Assert.Contains("= more than 2^63 bytes, more than the 1073741824 a data file may have.", error.Message);
    }

    [Fact]
    public void TruncatedIdxIsNamed()
    {
        using var folder = new TempFolder();
        IdxFixtures.TinyFashionMnist(folder);
        File.Delete(folder.File("train-labels-idx1-ubyte.gz"));
        var labels = folder.File("train-labels-idx1-ubyte");
        IdxFixtures.Write(labels, 0x0801, [20], new byte[12], gzip: false);
        var error = Fails("fashion-mnist", folder.Path);
        Assert.Equal(labels, error.Path);
        Assert.Contains("ends early", error.Message);
    }

    [Fact]
    public void ZeroByteImageFailsOrIsSkippedAndCounted()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder, perClass: 3);
        var empty = Path.Combine(folder.Path, "images", "001.Class_1", "img_1.png");
        File.WriteAllBytes(empty, []);
        var error = Fails("cub200", folder.Path);
        Assert.Equal(empty, error.Path);
        Assert.Contains("empty (0 bytes)", error.Message);
        Assert.Contains("--skip-bad-images", error.Message);

        var data = DatasetFactory.Open("cub200", folder.Path, new DatasetOptions { ImageSize = 8, SkipBadImages = true }, Imagenet);
        Assert.Equal(1, data.Train.SkippedImages);
        Assert.Equal(5, data.Train.Count);
    }

    [Fact]
    public void UndecodableImageFailsOrIsSkippedAndCounted()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Folders(folder);
        var garbage = Path.Combine(folder.Path, "c", "2.jpg");
        File.WriteAllText(garbage, "this is not a JPEG file at all");
        var error = Fails("folder", folder.Path);
        Assert.Equal(garbage, error.Path);
        Assert.Contains("not a JPEG or PNG", error.Message);

        var data = DatasetFactory.Open("folder", folder.Path, new DatasetOptions { ImageSize = 8, SkipBadImages = true }, Imagenet);
        Assert.Equal(1, data.Test!.SkippedImages);
        Assert.Equal(4, data.Test.Count);
    }

    [Fact]
    public void ImageDamagedAfterOpeningIsNamedWhenDecoded()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder);
        var data = DatasetFactory.Open("cub200", folder.Path, Small, Imagenet);
        var damaged = Path.Combine(folder.Path, "images", "002.Class_2", "img_0.jpg");
        File.WriteAllBytes(damaged, []);
        var error = Assert.Throws<DatasetException>(() => data.Train.GetBatch([0, 2, 3]));
        Assert.Equal(damaged, error.Path);
        Assert.Contains("empty (0 bytes)", error.Message);
    }

    [Fact]
    public void LabelLineNamingAnUnlistedImageIsNamed()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cub(folder);
        var labels = Path.Combine(folder.Path, "image_class_labels.txt");
        File.AppendAllLines(labels, ["99 2"]);
        var error = Fails("cub200", folder.Path);
        Assert.Equal($"{labels}:9", error.Path);
        Assert.Contains("image id 99 is not listed", error.Message);
    }

    [Fact]
    public void ListedImageMissingOnDiskIsNamed()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Sop(folder);
        var gone = Path.Combine(folder.Path, "bicycle_final", "2_1.png");
        File.Delete(gone);
        var error = Fails("sop", folder.Path, new DatasetOptions { ImageSize = 8, SkipBadImages = true });
        Assert.Equal(gone, error.Path);
        Assert.Contains("Ebay_train.txt does not exist", error.Message);
    }

    [Fact]
    public void SingletonTestClassFailsOrIsDroppedAndCounted()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Sop(folder, lastTestClassImages: 1);
        var error = Fails("sop", folder.Path);
        Assert.Contains("Ebay_test.txt", error.Message);
        Assert.Contains("class 11320 has a single image", error.Message);
        Assert.Contains("--drop-singleton-classes", error.Message);

        var data = DatasetFactory.Open("sop", folder.Path, new DatasetOptions { ImageSize = 8, DropSingletonClasses = true }, Imagenet);
        Assert.Equal(1, data.Test!.DroppedClasses);
        Assert.Equal(["11319"], data.Test.ClassIds);
    }

    [Fact]
    public void InShopQueryWithoutGalleryImageFailsOrIsDropped()
    {
        using var folder = new TempFolder();
        LayoutFixtures.InShop(folder, queryWithoutGallery: true);
        var error = Fails("inshop", folder.Path);
        Assert.Contains("class id_00000013 has query images but no gallery image", error.Message);

        var data = DatasetFactory.Open("inshop", folder.Path, new DatasetOptions { ImageSize = 8, DropSingletonClasses = true }, Imagenet);
        Assert.Equal(1, data.Query!.DroppedClasses);
        Assert.Equal(2, data.Query.Count);
    }

    [Fact]
    public void MissingCarsAnnotationsAreNamed()
    {
        using var folder = new TempFolder();
        var error = Fails("cars196", folder.Path);
        Assert.EndsWith("cars_annos.mat", error.Path);
        Assert.Contains("neither cars_annos.mat nor cars_annos.csv", error.Message);
    }

    [Fact]
    public void TruncatedMatFileIsNamed()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Cars(folder);
        var mat = Path.Combine(folder.Path, "cars_annos.mat");
        var bytes = File.ReadAllBytes(mat);
        File.WriteAllBytes(mat, bytes[..(bytes.Length * 2 / 3)]);
        var error = Fails("cars196", folder.Path);
        Assert.Equal(mat, error.Path);
        Assert.Contains("truncated or damaged", error.Message);
    }

    /// <summary>
    /// Forged MAT files that would take the reader down rather than throw — a stack overflow from nesting, an array
    /// allocated at a claimed size, a zip bomb — are damaged files like any other; the limits leave real files alone.
    /// </summary>
    [Fact]
    public void ForgedMatFilesAreDamagedFilesNotACrash()
    {
        using var folder = new TempFolder();
        var mat = folder.File("forged.mat");
        MatFixtures.NestedCells(mat, MatFileReader.MaxNesting);
        Assert.Contains("nested", MatFileReader.Read(mat).Keys);

        MatFixtures.NestedCells(mat, 1_000);
        Assert.Contains($"nest deeper than {MatFileReader.MaxNesting} levels", Assert.Throws<DatasetException>(() => MatFileReader.Read(mat)).Message);

        MatFixtures.CellClaiming(mat, 1 << 30);
        Assert.Contains("a cell claims 1073741824 elements", Assert.Throws<DatasetException>(() => MatFileReader.Read(mat)).Message);

        MatFixtures.TextClaimingRows(mat, 2);
        Assert.Equal("A\nB", Assert.IsType<MatText>(MatFileReader.Read(mat)["rows"]).Text);
        MatFixtures.TextClaimingRows(mat, int.MaxValue);
        Assert.Contains($"a char array claims {int.MaxValue} rows but stores 2 characters", Assert.Throws<DatasetException>(() => MatFileReader.Read(mat)).Message);

        MatFixtures.Zeros(mat, MatFileReader.MaxInflatedBytes + 1);
        Assert.True(new FileInfo(mat).Length < 1_000_000, "the bomb should be small on disk");
        Assert.Contains("inflates to more than 256 MiB", Assert.Throws<DatasetException>(() => MatFileReader.Read(mat)).Message);
    }

    [Fact]
    public void TruncatedPngFailsNamingTheTruncationOrIsSkipped()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Folders(folder);
        var truncated = Path.Combine(folder.Path, "c", "2.png");
        ImageFixtures.Noise(truncated, 96, 96);
        var bytes = File.ReadAllBytes(truncated);
        Assert.True(bytes.Length > 3000, $"the noise PNG is only {bytes.Length} bytes");
        File.WriteAllBytes(truncated, bytes[..1500]);
        var error = Fails("folder", folder.Path);
        Assert.Equal(truncated, error.Path);
        Assert.Contains("the image data ends early (the file is truncated)", error.Message);

        var data = DatasetFactory.Open("folder", folder.Path, new DatasetOptions { ImageSize = 8, SkipBadImages = true }, Imagenet);
        Assert.Equal(1, data.Test!.SkippedImages);
    }

    [Fact]
    public void TinyPngClaimingHugeDimensionsIsRefusedBeforeItsPixelsAreAllocated()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Folders(folder);
        var forged = Path.Combine(folder.Path, "c", "2.png");
        File.WriteAllBytes(forged, ImageFixtures.PngClaiming(20000, 20000));
        Assert.True(new FileInfo(forged).Length < 100);
        var error = Fails("folder", folder.Path);
        Assert.Equal(forged, error.Path);
        Assert.Contains("the image is 20000×20000 = 400,000,000 pixels, more than the limit of 50,000,000", error.Message);
        Assert.Contains("--max-image-pixels", error.Message);

        // The limit is a setting: one of 100 pixels refuses the fixtures' ordinary 24×16 images too.
        File.Delete(forged);
        var strict = Fails("folder", folder.Path, new DatasetOptions { ImageSize = 8, MaxImagePixels = 100 });
        Assert.Contains("the image is 24×16 = 384 pixels, more than the limit of 100", strict.Message);
    }

    [Fact]
    public async Task FifoAmongTheImagesIsRefusedBeforeItIsOpened()
    {
        using var folder = new TempFolder();
        LayoutFixtures.Folders(folder);
        var fifo = Path.Combine(folder.Path, "c", "2.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!) await mkfifo.WaitForExitAsync();
        // Opening a FIFO for reading waits for a writer: a hang here is the bug, so the open runs against a clock.
        var error = await Task.Run(() => Fails("folder", folder.Path)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(fifo, error.Path);
        Assert.Contains("it is a FIFO (named pipe), not a regular file", error.Message);
    }

    [Fact]
    public async Task SkipBadImagesAndMaxImagePixelsAreSettings()
    {
        var accepted = await AutoLR.Integration.Host.HostRun.RunAsync(["finetune", "--skip-bad-images", "--max-image-pixels", "1000000"]);
        Assert.True(accepted.ExitCode == 3, $"exit {accepted.ExitCode}: {accepted.Error}");
        var rejected = await AutoLR.Integration.Host.HostRun.RunAsync(["finetune", "--max-image-pixels", "0"]);
        Assert.Equal(2, rejected.ExitCode);
        Assert.Contains("--max-image-pixels", rejected.Error);
    }

    [Fact]
    public async Task FifoAsAListingOrIdxFileIsRefusedBeforeItIsOpened()
    {
        using var cub = new TempFolder();
        LayoutFixtures.Cub(cub);
        var labels = Path.Combine(cub.Path, "image_class_labels.txt");
        using var fashion = new TempFolder();
        IdxFixtures.TinyFashionMnist(fashion);
        var images = fashion.File("train-images-idx3-ubyte.gz");
        foreach (var fifo in new[] { labels, images })
        {
            File.Delete(fifo);
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!;
            await mkfifo.WaitForExitAsync();
        }
        // Opening a FIFO for reading waits for a writer: a hang here is the bug, so each open runs against a clock.
        var listingError = await Task.Run(() => Fails("cub200", cub.Path)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(labels, listingError.Path);
        Assert.Contains("it is a FIFO (named pipe), not a regular file", listingError.Message);
        var idxError = await Task.Run(() => Fails("fashion-mnist", fashion.Path)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(images, idxError.Path);
        Assert.Contains("it is a FIFO (named pipe), not a regular file", idxError.Message);
    }
}
