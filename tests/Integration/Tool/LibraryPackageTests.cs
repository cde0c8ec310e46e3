using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AutoLR.Integration.Host;
using AutoLR.Integration.Slurm;

namespace AutoLR.Integration.Tool;

/// <summary>
/// The two library packages, packed from the Release build (--no-build): each carries its README, its assembly with XML
/// docs, and the PDB embedded in the assembly with every source file of the project embedded in it (there is no git
/// remote for SourceLink); AutoLR.Torch depends on AutoLR.Algorithms and carries the build steps a user's project needs.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class LibraryPackageTests
{
    /// <summary>EmbeddedSource in the Portable PDB format: a document's text stored in the PDB.</summary>
    private static readonly Guid EmbeddedSource = new("0e8a571b-6926-466e-b4ad-8ab04611f5fe");

    [Theory]
    [InlineData("AutoLR.Algorithms", "AutoLR.Algorithms.fsproj", "*.fs")]
    [InlineData("AutoLR.Torch", "AutoLR.Torch.csproj", "*.cs")]
    public async Task A_library_package_carries_its_readme_docs_and_embedded_sources(string name, string project, string sources)
    {
        var folder = HostRun.NewTemporaryFolder();
        var projectFolder = Path.Combine(RepositoryRoot.Path, "src", name);
        await ChildStep.RunAsync("dotnet", ["pack", Path.Combine(projectFolder, project), "-c", "Release", "--no-build", "-nologo", "-o", folder], folder);

        using var package = ZipFile.OpenRead(Path.Combine(folder, $"{name}.0.1.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("README.md", entries);
        Assert.Contains($"lib/net10.0/{name}.xml", entries);
        var nuspec = Read(package, $"{name}.nuspec");
        Assert.Contains("<readme>README.md</readme>", nuspec);
        if (name == "AutoLR.Torch")
        {
            Assert.Contains("<dependency id=\"AutoLR.Algorithms\" version=\"0.1.0\"", nuspec);
            Assert.Contains("buildTransitive/AutoLR.Torch.targets", entries);
            Assert.Contains("buildTransitive/LibTorchSharpGlibcxx.targets", entries);
        }

        using var assembly = new MemoryStream();
        using (var stream = package.GetEntry($"lib/net10.0/{name}.dll")!.Open()) stream.CopyTo(assembly);
        assembly.Position = 0;
        using var pe = new PEReader(assembly);
        var embedded = Assert.Single(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var reader = pdb.GetMetadataReader();
        var withText = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => c.Parent.Kind == HandleKind.Document && reader.GetGuid(c.Kind) == EmbeddedSource)
            .Select(c => Path.GetFileName(reader.GetString(reader.GetDocument((DocumentHandle)c.Parent).Name)))
            .ToHashSet();
        var projectSources = Directory.EnumerateFiles(projectFolder, sources, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/buildTransitive/"))
            .Select(f => Path.GetFileName(f)).ToArray();
        Assert.NotEmpty(projectSources);
        Assert.All(projectSources, source => Assert.Contains(source, withText));
    }

    private static string Read(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
