namespace AutoLR.Integration;

/// <summary>
/// The test tiers (README: "Tests"). A class marked <c>[Trait(Tier.Name, Tier.Full)]</c> runs only in the full tier,
/// which CI runs: it trains networks, runs jobs or child `autolr` processes, packs the tool, brings up Slurm or checks
/// against PyTorch — seconds to minutes each. Every other test is in the fast tier, with the properties: what
/// `bash scripts/test.sh fast` runs on every change, in under two minutes on two idle cores.
/// </summary>
public static class Tier
{
    public const string Name = "Tier";

    public const string Full = "Full";
}
