namespace AutoLR.Integration.Slurm;

/// <summary>The checkout the tests were built from: the first folder above the test binary that holds AutoLR.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AutoLR.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No AutoLR.sln above {AppContext.BaseDirectory}; run the tests from a checkout.");
    }
}
