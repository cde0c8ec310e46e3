namespace AutoLR.Integration.Slurm;

/// <summary>
/// The tests that use the single-node cluster share one (<see cref="SlurmCluster"/>) and run one class after another:
/// two fixtures would bring it up twice and one's down.sh would stop the other's daemons.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SlurmClusterCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "Slurm cluster";
}
