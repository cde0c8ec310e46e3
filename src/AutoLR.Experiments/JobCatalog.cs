namespace AutoLR.Experiments;

/// <summary>
/// Which job runs for which command. The engine registers its jobs here (in Program.cs); a command without a job
/// fails with exit code 3 and says so, instead of pretending to run.
/// </summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, Func<IJob>> _factories = new(StringComparer.Ordinal);

    public JobCatalog Register(string command, Func<IJob> factory)
    {
        _factories[command] = factory;
        return this;
    }

    public JobCatalog Register(string command, Func<RunContext, JobResult> run) => Register(command, () => new DelegateJob(run));

    public bool Has(string command) => _factories.ContainsKey(command);

    public IJob Create(string command) =>
        _factories.TryGetValue(command, out var factory)
            ? factory()
            : throw new InvalidOperationException($"No job is registered for '{command}'.");
}
