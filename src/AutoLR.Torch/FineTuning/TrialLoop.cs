using System.Diagnostics;
using AutoLR.Algorithms;

namespace AutoLR.Torch.FineTuning;

/// <summary>What <see cref="TrialLoop"/> asks of an engine, in Algorithm 2's terms.</summary>
/// <param name="Train">Trains one trial of the epoch (1-based) with these LRs from the epoch's start, and returns each
/// block's measurement against that start and the trial's mean loss.</param>
/// <param name="KeepAsBest">Keeps the current end state as the epoch's best trial; a restore of the start follows at once.</param>
/// <param name="RestoreStart">Puts the epoch's start back.</param>
/// <param name="RestoreBest">Puts the kept best trial's end state back.</param>
internal sealed record TrialSteps(
    Func<int, TrialLearningRates, (BlockMeasurement[] Measurements, double Loss)> Train,
    Action KeepAsBest,
    Action RestoreStart,
    Action RestoreBest);

/// <summary>
/// Algorithm 2's epoch, once for every engine (<see cref="AutoLrFineTuning"/>, the user's loop under
/// <see cref="OwnLoop.AutoLrTuner"/>): train a trial with <see cref="AutoLrController.trialLearningRates"/>, ask
/// <see cref="AutoLrController.decide"/>, and accept, restore and retry, or restore the kept best trial. Holds the
/// controller's state between epochs and every trial's trace line.
/// </summary>
internal sealed class TrialLoop(ControllerOptions options, ControllerState state, Action<TrialRecord> write)
{
    public ControllerState State { get; private set; } = state;

    /// <summary>Every trial's record so far, in order.</summary>
    public List<TrialRecord> Records { get; } = [];

    /// <summary>
    /// Trials until the controller keeps one; returns the kept trial's record (the engine then holds its end state).
    /// <paramref name="window"/>: the probe's batches when trials are probes (<see cref="Probe.judged"/>), else null.
    /// On cancellation the epoch's start and <see cref="State"/> are put back.
    /// </summary>
    /// <exception cref="TrainingAbortedException">Repeated divergence; the epoch's start is put back.</exception>
    public TrialRecord RunEpoch(TrialSteps steps, BatchWindow? window)
    {
        var startState = State;
        var bestTrial = 0;
        var trials = new List<TrialRecord>();
        try
        {
            while (true)
            {
                var clock = Stopwatch.StartNew();
                var rates = AutoLrController.trialLearningRates(options, State);
                var epoch = State.Epoch;
                var (measurements, loss) = steps.Train(epoch, rates);
                var observation = new TrialObservation(epoch, State.TrialsThisEpoch + 1, rates.Blocks, measurements, loss, clock.Elapsed.TotalSeconds);
                var outcome = AutoLrController.decide(options, State, observation);
                if (window is not null) outcome = Probe.judged(window, outcome);
                Write(outcome.Record);
                trials.Add(outcome.Record);
                State = outcome.Next;

                switch (outcome.Decision)
                {
                    case Decision.Retry retry:
                        if (retry.keepAsBest)
                        {
                            steps.KeepAsBest();
                            bestTrial = observation.Trial;
                        }
                        steps.RestoreStart();
                        continue;
                    case Decision.AcceptBest acceptBest:
                        if (bestTrial != acceptBest.bestTrial)
                            throw new InvalidOperationException(
                                $"The controller asked for trial {acceptBest.bestTrial}'s end state, but trial {bestTrial} was kept.");
                        steps.RestoreBest();
                        return Kept(trials, outcome);
                    case Decision.Abort abort:
                        steps.RestoreStart();
                        throw new TrainingAbortedException(abort.reason);
                    default:
                        return Kept(trials, outcome);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Rewind(steps, startState);
            throw;
        }
    }

    /// <summary>Puts the epoch's start and the controller state <paramref name="startState"/> back (a cancelled epoch).</summary>
    public void Rewind(TrialSteps steps, ControllerState startState)
    {
        steps.RestoreStart();
        State = startState;
    }

    /// <summary>Appends a line to the trace and <see cref="Records"/>.</summary>
    public void Write(TrialRecord record)
    {
        write(record);
        Records.Add(record);
    }

    private static TrialRecord Kept(List<TrialRecord> trials, TrialOutcome outcome) =>
        trials.Single(r => r.Trial == outcome.KeptTrial!.Value);
}
