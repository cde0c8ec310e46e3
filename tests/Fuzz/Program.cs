using AutoLR.Fuzz;
using SharpFuzz;

// `AutoLR.Fuzz TARGET`: under afl-fuzz, the fork server feeding TARGET one input after another (scripts/fuzz.sh);
// `AutoLR.Fuzz TARGET FILE...`: each file once, for reproducing a crash by hand (exit 1 on the first that crashes).
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: AutoLR.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        target.Run(copy.ToArray());
    });
    return 0;
}
foreach (var file in args[1..])
{
    try
    {
        target.Run(File.ReadAllBytes(file));
        Console.WriteLine($"{file}: handled");
    }
    catch (Exception e)
    {
        Console.WriteLine($"{file}: CRASH {e}");
        return 1;
    }
}
return 0;
