using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Host;

namespace AutoLR.Integration.Host;

/// <summary>
/// Entry point of the test assembly when it is run as a program (`dotnet Integration.dll finetune ...`): the real
/// command line with a test-only job behind `finetune`, so the signal test can SIGTERM a child process without the
/// shipped binary carrying test code. (The test SDK's generated entry point is switched off in Integration.csproj.)
/// With <see cref="RealJobsVariable"/> = 1 it is the real `autolr` (every real job), for the job tests' child processes.
/// </summary>
public static class TestHostProgram
{
    public const string RealJobsVariable = "AUTOLR_TEST_REAL_JOBS";

    /// <summary>A line the process writes that, once written, makes it die of a native SIGFPE (<see cref="NativeFault"/>).</summary>
    public const string NativeFaultVariable = "AUTOLR_TEST_NATIVE_FAULT_AT";

    /// <summary>
    /// With <see cref="NativeFaultVariable"/>: "jobs" arms only processes a queue worker started, so that a worker,
    /// which echoes its job's lines, is not the one that dies.
    /// </summary>
    public const string NativeFaultScopeVariable = "AUTOLR_TEST_NATIVE_FAULT_SCOPE";

    public static Task<int> Main(string[] args)
    {
        var inJob = Environment.GetEnvironmentVariable(AutoLR.Queue.WorkerChildProcess.WorkerProcessVariable) is not null;
        if (Environment.GetEnvironmentVariable(NativeFaultVariable) is { Length: > 0 } marker &&
            (Environment.GetEnvironmentVariable(NativeFaultScopeVariable) != "jobs" || inJob))
            NativeFault.ArmOn(marker);
        return AutoLrCommandLine.RunAsync(args, CommandEnvironment.FromProcess(),
            Environment.GetEnvironmentVariable(RealJobsVariable) == "1"
                ? AutoLrJobs.Catalog()
                : new JobCatalog().Register(CommandCatalog.FineTune, () => new FakeTrainingJob(batchesPerEpoch: 10, batchMilliseconds: 50)));
    }
}
