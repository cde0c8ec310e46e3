using AutoLR.Queue;

namespace AutoLR.Fuzz.Targets;

/// <summary>A job file in a queue folder, read as the worker and `queue status` read it.</summary>
public sealed class JobFileTarget : FuzzTarget
{
    public override string Name => "job-file";

    public override void Run(byte[] input)
    {
        try
        {
            var job = QueuedJob.Read(ScratchFiles.Write("pending/job.json", input));
            // What the worker logs and status prints for every job it has read.
            _ = job.CommandLine;
        }
        catch (JobFileException)
        {
        }
    }
}
