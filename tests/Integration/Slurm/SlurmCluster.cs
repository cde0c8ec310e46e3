using System.Diagnostics;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// A single-node Slurm brought up by scripts/slurm/up.sh for the Slurm tests and stopped by down.sh afterwards
/// (only the daemons up.sh started). Available where Slurm is installed and the tests run as root, as in CI (whose
/// setup.sh installs slurm-wlm and munge); in CI its absence is a failure, not a skip.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    public SlurmCluster()
    {
        var root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        Available = root && File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/munged");
        if (!Available)
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
                throw new InvalidOperationException("CI must run the Slurm tests: install slurm-wlm and munge (scripts/setup.sh does) and run the tests as root.");
            return;
        }
        var (code, output) = Shell($"bash {RepositoryRoot.Path}/scripts/slurm/up.sh", TimeSpan.FromMinutes(1));
        if (code != 0) throw new InvalidOperationException($"scripts/slurm/up.sh failed (exit {code}):\n{output}");
        Conf = output.Trim().Split('\n').Last().Replace("export SLURM_CONF=", "");
    }

    public bool Available { get; }
    public string Conf { get; } = "";

    /// <summary>Runs a bash command line against this cluster with a deadline; returns the exit code and stdout+stderr.</summary>
    public (int Code, string Output) Shell(string command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        if (Conf.Length > 0) start.Environment["SLURM_CONF"] = Conf;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Array task id → state of a job's tasks still in the queue.</summary>
    public Dictionary<int, string> Tasks(string jobId)
    {
        var (_, output) = Shell($"squeue -h -r -j {jobId} -o '%K %T' 2>/dev/null", TimeSpan.FromSeconds(30));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2 && int.TryParse(f[0], out _))
            .ToDictionary(f => int.Parse(f[0]), f => f[1]);
    }

    public void Dispose()
    {
        if (Available) Shell($"bash {RepositoryRoot.Path}/scripts/slurm/down.sh", TimeSpan.FromMinutes(1));
    }
}
