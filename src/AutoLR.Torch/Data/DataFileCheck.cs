using AutoLR.Torch.Inputs;

namespace AutoLR.Torch.Data;

/// <summary>
/// The check every file of a data set passes before it is opened (listings, annotations, IDX and MAT files; images
/// have their own in the decoder): a regular file, not a FIFO or device that would block or never end, and not larger
/// than any such file of a supported data set could be.
/// </summary>
public static class DataFileCheck
{
    /// <summary>1 GiB: the largest listing of the supported data sets (SOP's) is 6 MB, Fashion-MNIST's images 47 MB.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Throws a <see cref="DatasetException"/> naming <paramref name="path"/> when it is not a usable regular file.</summary>
    public static void Require(string path, string fix)
    {
        if (InputFile.Problem(path, MaxBytes) is { } problem)
            throw new DatasetException(path, $"the file cannot be used: {problem}.", fix);
    }
}
