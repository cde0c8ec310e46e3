using System.Diagnostics;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// A single-node Slurm brought up by scripts/slurm/up.sh for the Slurm tests and stopped by down.sh afterwards
/// (only the daemons up.sh started). It needs Slurm installed and root, as scripts/test.sh gives (its `setup.sh tests` installs
/// slurm-wlm and munge); without them the Slurm tests fail naming what is missing — they never pass unrun.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    public SlurmCluster()
    {
        var root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        if (!root || !File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/munged"))
            throw new InvalidOperationException("The Slurm tests need slurm-wlm and munge installed and root: run them through scripts/test.sh (its `setup.sh tests` installs both) as root.");
        var (code, output) = Shell($"bash {RepositoryRoot.Path}/scripts/slurm/up.sh", TimeSpan.FromMinutes(1));
        if (code != 0) throw new InvalidOperationException($"scripts/slurm/up.sh failed (exit {code}):\n{output}");
        Conf = output.Trim().Split('\n').Last().Replace("export SLURM_CONF=", "");
    }

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
        Shell($"bash {RepositoryRoot.Path}/scripts/slurm/down.sh", TimeSpan.FromMinutes(1));
    }
}
