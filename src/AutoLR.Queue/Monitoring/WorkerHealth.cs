using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoLR.Queue.Monitoring;

/// <summary>
/// The worker's answer to a health check (GET /healthz): HTTP 200 while it starts, waits or runs a job, 503 once it
/// is stopping, so a supervisor or load balancer stops counting on it; the body names the process, the state, the job
/// it holds and its queue folder either way.
/// </summary>
/// <param name="Pid">The worker's process id (its jobs are its children).</param>
/// <param name="State">starting, idle, running or stopping.</param>
/// <param name="Job">The job it runs or is stopping, or null.</param>
/// <param name="Queue">The queue folder.</param>
public sealed record WorkerHealth(int Pid, string State, string? Job, string Queue)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    [JsonIgnore]
    public int StatusCode => State == nameof(WorkerState.Stopping).ToLowerInvariant() ? 503 : 200;

    public static WorkerHealth Of(WorkerActivity activity)
    {
        var (state, job) = activity.Now;
        return new(Environment.ProcessId, state.ToString().ToLowerInvariant(), job, activity.Queue.Path);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
