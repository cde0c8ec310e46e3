using AutoLR.Commands;
using AutoLR.Experiments;
using AutoLR.Host;
using AutoLR.Integration.Slurm;
using AutoLR.Queue;
using AutoLR.Torch.Devices;

namespace AutoLR.Integration.Queue;

/// <summary>
/// The systemd units in deploy/ against the worker they start: their ExecStart is a command line `autolr worker`
/// accepts, the per-GPU template hands each instance its GPU through CUDA_VISIBLE_DEVICES and names it cuda:0 inside,
/// and both units stop and restart the worker as its exit codes and shutdown timeout require. `systemd-analyze verify`
/// checks their syntax (README: Devices); these tests check what systemd cannot know.
/// </summary>
public class WorkerUnitFileTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Path, "deploy");

    /// <summary>A unit file's lines as (section, key, value), comments and blank lines left out; keys may repeat.</summary>
    private static IReadOnlyList<(string Section, string Key, string Value)> Read(string name)
    {
        var lines = new List<(string, string, string)>();
        var section = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(Deploy, name)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';')) continue;
            if (line.StartsWith('[')) section = line.Trim('[', ']');
            else
            {
                var equals = line.IndexOf('=');
                Assert.True(equals > 0, $"{name}: '{line}' is neither a section nor key=value");
                lines.Add((section, line[..equals], line[(equals + 1)..]));
            }
        }
        return lines;
    }

    private static IReadOnlyList<string> Values(IReadOnlyList<(string Section, string Key, string Value)> unit, string key) =>
        [.. unit.Where(l => l.Section == "Service" && l.Key == key).Select(l => l.Value)];

    private static string Single(IReadOnlyList<(string Section, string Key, string Value)> unit, string key) => Assert.Single(Values(unit, key));

    /// <summary>ExecStart's words after the program (the units quote nothing, so splitting at spaces is systemd's own reading).</summary>
    private static string[] WorkerArguments(IReadOnlyList<(string Section, string Key, string Value)> unit)
    {
        var words = Single(unit, "ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(Path.IsPathRooted(words[0]), "systemd runs an absolute program path");
        Assert.Equal("autolr", Path.GetFileName(words[0]));
        return words[1..];
    }

    private static string Option(string[] arguments, string name) => arguments[Array.IndexOf(arguments, name) + 1];

    public static TheoryData<string> Units => ["autolr-worker.service", "autolr-worker@.service"];

    [Theory]
    [MemberData(nameof(Units))]
    public void ExecStart_is_a_worker_command_line_autolr_accepts(string name)
    {
        var arguments = WorkerArguments(Read(name));
        var environment = new CommandEnvironment(TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), "appsettings.json", OutputIsTerminal: false);
        var parsed = AutoLrCommandLine.Parse(AutoLrCommandLine.Build(environment, new JobCatalog()), arguments);
        Assert.Empty(parsed.Errors);
        Assert.Equal("worker", parsed.CommandResult.Command.Name);
        Assert.Matches(DeviceSettings.DevicePattern(), Option(arguments, "--device"));
        Assert.True(Path.IsPathRooted(Option(arguments, "--queue")));
    }

    [Fact]
    public void Each_instance_sees_its_own_gpu_alone_and_calls_it_cuda_0()
    {
        var unit = Read("autolr-worker@.service");
        Assert.Contains("CUDA_VISIBLE_DEVICES=%i", Values(unit, "Environment"));
        Assert.Contains("CUDA_DEVICE_ORDER=PCI_BUS_ID", Values(unit, "Environment"));
        Assert.Equal("cuda:0", Option(WorkerArguments(unit), "--device"));
        // The instance name is the GPU index: it reaches the process through CUDA_VISIBLE_DEVICES and nowhere else.
        Assert.Equal(["Description", "Environment"],
            unit.Where(l => l.Value.Contains("%i")).Select(l => l.Key).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void The_unit_restarts_a_failed_worker_but_not_a_configuration_error_and_outwaits_its_checkpoint(string name)
    {
        var unit = Read(name);
        Assert.Equal("notify", Single(unit, "Type"));
        Assert.Equal("on-failure", Single(unit, "Restart"));
        Assert.Equal(ExitCodes.InvalidConfiguration.ToString(), Single(unit, "RestartPreventExitStatus"));
        Assert.Equal("SIGTERM", Single(unit, "KillSignal"));
        Assert.Equal("mixed", Single(unit, "KillMode"));
        Assert.True(TimeSpan.FromSeconds(int.Parse(Single(unit, "TimeoutStopSec"))) > WorkerRunner.ShutdownTimeout,
            "systemd must wait longer than the worker waits for its job's checkpoint");
    }

    [Fact]
    public void The_gpu_template_is_the_cpu_unit_with_a_gpu_per_instance()
    {
        // Everything but the GPU's own lines is the same, so a fix to one unit cannot miss the other.
        static bool Shared((string Section, string Key, string Value) line) =>
            line.Key != "Description" && line.Key != "ExecStart" && !line.Value.StartsWith("CUDA_", StringComparison.Ordinal);
        var cpu = Read("autolr-worker.service");
        var gpu = Read("autolr-worker@.service");
        Assert.Equal(cpu.Where(Shared), gpu.Where(Shared));
        Assert.Equal(Single(cpu, "ExecStart").Replace("--device cpu", "--device cuda:0"), Single(gpu, "ExecStart"));
    }
}
