using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;

namespace AutoLR.Torch.FineTuning;

/// <summary>
/// Algorithm 1 on the engine: for each depth the F# <see cref="PruningSearch"/> asks for, build a fresh network from
/// the pre-trained weights with that many top blocks removed, fine-tune it, score it, report the score.
/// </summary>
public static class PruningSearchRun
{
    /// <param name="maxDepth">Deepest pruning to try, in 0..K−1.</param>
    /// <param name="pretrainedAtDepth">A new network with pre-trained weights and the top p blocks removed; disposed after scoring.</param>
    /// <param name="fineTune">Fine-tunes a network in place (e.g. a single-LR <see cref="ScheduledFineTuning"/>).</param>
    /// <param name="score">The selection score, e.g. Recall@1 on the class-disjoint validation split; higher is better.</param>
    /// <param name="cancellation">Checked between depths (the fine-tune checks it between batches).</param>
    /// <param name="scored">Called after each depth with (depth, score), e.g. for logging.</param>
    public static PruningResult Run(
        int maxDepth,
        Func<int, RetrievalNetwork> pretrainedAtDepth,
        Action<RetrievalNetwork, CancellationToken> fineTune,
        Func<RetrievalNetwork, double> score,
        CancellationToken cancellation = default,
        Action<int, double>? scored = null)
    {
        var (decision, state) = PruningSearch.start(maxDepth);
        while (decision is PruningDecision.TryDepth attempt)
        {
            cancellation.ThrowIfCancellationRequested();
            double value;
            using (var network = pretrainedAtDepth(attempt.depth))
            {
                fineTune(network, cancellation);
                value = score(network);
            }
            scored?.Invoke(attempt.depth, value);
            (decision, state) = PruningSearch.observe(state, value);
        }
        return ((PruningDecision.Finished)decision).Item;
    }
}
