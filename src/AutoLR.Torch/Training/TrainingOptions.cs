namespace AutoLR.Torch.Training;

/// <summary>
/// Settings of the fine-tuning engine that the AutoLR controller does not decide: SGD with Nesterov momentum as in the
/// authors' code, batch size, augmentation, and the seed everything random derives from.
/// </summary>
public sealed record TrainingOptions
{
    public int BatchSize { get; init; } = 32;
    public double Momentum { get; init; } = 0.9;
    public bool Nesterov { get; init; } = true;
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Probability that a training image is mirrored left–right.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Seeds the shuffle (with the epoch), the flips and torch's generator (dropout).</summary>
    public long Seed { get; init; }

    /// <summary>Throws with a message naming the bad setting.</summary>
    public void Validate()
    {
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2: BatchNorm needs more than one sample per batch.");
        if (Momentum < 0) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be ≥ 0.");
        if (Nesterov && Momentum <= 0) throw new ArgumentException("Nesterov momentum needs Momentum > 0; set Nesterov = false or give a momentum.", nameof(Nesterov));
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be ≥ 0.");
        if (FlipProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "TrainingOptions.FlipProbability must be in [0, 1].");
    }
}
