namespace AutoLR.Torch.Data;

/// <summary>
/// A data set on disk is missing, malformed or inconsistent. The message names the file, what is wrong with it and
/// how to fix it; <see cref="Path"/> is the file or folder at fault.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string path, string problem, string fix, Exception? inner = null)
        : base($"{path}: {problem} {fix}", inner)
    {
        Path = path;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }
}
