using AutoLR.Algorithms;
using AutoLR.Torch.Data;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.Weights;

namespace AutoLR.Experiments;

/// <summary>
/// A job failed for a reason its message fully explains (data not installed, weights that do not fit, a device that
/// does not exist, training that diverged): the host prints the message and exits 1 without a stack trace.
/// </summary>
public sealed class JobFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Runs <paramref name="body"/>, turning the engine's expected, self-explaining failures into a <see cref="JobFailure"/>.</summary>
    public static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DatasetException or WeightImportException or TrainingAbortedException
                                       or ArgumentException or UserRuleException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new JobFailure(e.Message, e);
        }
    }
}
