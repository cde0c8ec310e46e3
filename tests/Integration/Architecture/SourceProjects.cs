using System.Xml.Linq;

namespace AutoLR.Integration.Architecture;

/// <summary>The project files under src/ (one folder each, named as the project) and what they reference.</summary>
public static class SourceProjects
{
    /// <summary>Project name → the names of the projects its ProjectReference items include.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> References(string srcFolder) =>
        Directory.EnumerateDirectories(srcFolder)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*proj"))
            .ToDictionary(
                file => Path.GetFileNameWithoutExtension(file),
                file => (IReadOnlyList<string>)XDocument.Load(file).Descendants("ProjectReference")
                    .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToList(),
                StringComparer.Ordinal);
}
