using AutoLR.PaperFigures;
using AutoLR.RunFormat.Json;
using AutoLR.RunFormat.Runs;

// Exit codes: 0 something was written; 1 a run directory could not be read, or nothing could be rendered from the
// runs given; 2 the command line is wrong.
try
{
    var command = CommandLine.Parse(args);
    var runs = RunDirectory.Discover(command.Runs);
    Directory.CreateDirectory(command.Output);
    var wrote = 0;
    foreach (var artifact in command.Artifacts)
    {
        var outcome = artifact.Render(runs, command.Output, command.Options);
        foreach (var file in outcome.Files) Console.WriteLine($"{artifact.Name}: wrote {file}");
        if (outcome.Skipped is { } reason) Console.Error.WriteLine($"{artifact.Name}: nothing written: {reason}.");
        wrote += outcome.Files.Count;
    }
    return wrote > 0 ? 0 : 1;
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (RunFormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
