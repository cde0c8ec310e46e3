namespace AutoLR.Fuzz;

/// <summary>
/// One parser of outside input, fed arbitrary bytes. <see cref="Run"/> returns normally when the parser accepted the
/// input or refused it the way it refuses bad input (its own exception type, whose message names the problem); any
/// other exception escapes, and that is a crash: a bad file would reach the user as a stack trace, or stop a worker.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name scripts and tests use: the folder of its seeds (Corpus/NAME) and of its crash inputs (Regressions/NAME).</summary>
    public abstract string Name { get; }

    /// <summary>Feeds <paramref name="input"/> to the parser the way autolr reads it.</summary>
    public abstract void Run(byte[] input);
}
