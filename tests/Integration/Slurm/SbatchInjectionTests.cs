using System.Diagnostics;
using AutoLR.Integration.Host;
using AutoLR.Sweeps;
using AutoLR.Sweeps.Slurm;

namespace AutoLR.Integration.Slurm;

/// <summary>
/// Values typed for `sweep --slurm` end up in a batch script that bash runs and sbatch parses: each is checked against
/// what Slurm accepts for its field (a refusal exits 2 naming the switch, and nothing is written), and a path is
/// written in the form its line's parser takes literally, so no value can add a command or a directive.
/// </summary>
public class SbatchInjectionTests
{
    private const string Injected = "gpu\ntouch /tmp/autolr-pwned #";
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("--partition")]
    [InlineData("--time")]
    [InlineData("--gpus")]
    [InlineData("--mem")]
    [InlineData("--account")]
    public async Task A_value_with_a_newline_is_refused_naming_its_switch_and_nothing_is_written(string option)
    {
        var result = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2", "--slurm", "--dry-run", option, Injected]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} 'gpu", result.Error);
        Assert.Contains("is not what Slurm accepts there", result.Error);
        Assert.Empty(result.RunFolders);
        Assert.DoesNotContain("touch", result.Out);
    }

    [Theory]
    [InlineData("--partition", "gpu,batch")]
    [InlineData("--time", "4:00:00")]
    [InlineData("--time", "2-12")]
    [InlineData("--time", "90")]
    [InlineData("--gpus", "a100:1")]
    [InlineData("--mem", "16G")]
    [InlineData("--account", "my-lab.2")]
    public void What_Slurm_accepts_is_accepted(string option, string value)
    {
        var request = new SlurmRequest(
            option == "--partition" ? value : null, option == "--time" ? value : null, option == "--gpus" ? value : null, 1,
            option == "--mem" ? value : null, option == "--account" ? value : null, null, SlurmRequest.DefaultWarningSeconds, DryRun: true);
        Assert.Null(SbatchValues.Problem(request));
    }

    [Fact]
    public void Rendering_refuses_a_request_that_was_never_checked()
    {
        var request = new SlurmRequest(Injected, null, null, 1, null, null, null, SlurmRequest.DefaultWarningSeconds, false);
        var refused = Assert.Throws<ArgumentException>(() => SbatchScript.Render(request, "/data/sweep", Hash, new ArrayChunk(0, 0, 2), ["/usr/bin/autolr"]));
        Assert.Contains("--partition", refused.Message);
    }

    [Fact]
    public async Task A_sweep_folder_with_a_newline_is_refused_naming_output()
    {
        var output = Path.Combine(HostRun.NewTemporaryFolder(), "runs\ntouch /tmp/autolr-pwned");

        var result = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2", "--slurm", "--dry-run", "--output", output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Error);
        Assert.Contains("control character", result.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_folder_full_of_shell_and_sbatch_characters_reaches_the_cell_as_one_argument_and_runs_nothing_else()
    {
        // Quotes, a command substitution, a comment sign, a backslash and spaces: each means something to bash or sbatch.
        var folder = Path.Combine(HostRun.NewTemporaryFolder(), "a b'c\"d $(touch x)#e\\f;g");
        var request = new SlurmRequest("gpu", "1:00:00", null, 2, "1G", null, 4, SlurmRequest.DefaultWarningSeconds, false);
        var script = SbatchScript.Render(request, folder, Hash, new ArrayChunk(0, 0, 3), ["/bin/echo"]);
        var file = Path.Combine(HostRun.NewTemporaryFolder(), "sweep-0.sbatch");
        await File.WriteAllTextAsync(file, script);

        // bash runs the script as the batch shell would: its one command is the exec line, with the folder intact.
        var bash = new ProcessStartInfo("bash", [file]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(file)! };
        using var process = Process.Start(bash)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal($"sweep-cell --sweep {folder} --first 0\n", stdout);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, "x")));

        // sbatch's reading of the #SBATCH line: white space, quotes and '#' escaped with a backslash, which it drops.
        var output = script.Split('\n').Single(l => l.StartsWith("#SBATCH --output=", StringComparison.Ordinal));
        Assert.Equal($"#SBATCH --output={SbatchValues.Directive(Path.Combine(folder, "slurm"))}/%A_%a.log", output);
        Assert.Equal(Path.Combine(folder, "slurm") + "/%A_%a.log", SbatchArgument(output["#SBATCH ".Length..]).Split('=', 2)[1]);
    }

    /// <summary>
    /// The first argument of an #SBATCH line as sbatch reads it (its rules: white space ends an argument outside quotes,
    /// quotes are dropped, a backslash makes the next character literal, an unescaped '#' starts a comment).
    /// </summary>
    private static string SbatchArgument(string line)
    {
        var argument = new System.Text.StringBuilder();
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length) { argument.Append(line[++i]); continue; }
            if (quote is { } q) { if (c == q) quote = null; else argument.Append(c); continue; }
            if (c is '"' or '\'') { quote = c; continue; }
            if (c == '#' || char.IsWhiteSpace(c)) break;
            argument.Append(c);
        }
        return argument.ToString();
    }

    [Fact]
    public async Task An_edited_request_json_is_refused_before_anything_is_resubmitted()
    {
        var dry = await HostRun.RunAsync(["sweep", "--grid", "alpha=1,2", "--slurm", "--dry-run", "--partition", "gpu"]);
        Assert.True(dry.ExitCode == 0, dry.Error);
        var sweep = Assert.Single(dry.RunFolders);
        var request = Path.Combine(sweep, "slurm", SweepSubmissionFile);
        await File.WriteAllTextAsync(request, (await File.ReadAllTextAsync(request)).Replace("\"gpu\"", "\"gpu\\ntouch /tmp/autolr-pwned #\""));

        // What `sweep-status --resubmit` reads before it writes the scripts again.
        var refused = Assert.Throws<SweepFolderException>(() => SweepSubmission.StoredRequest(SweepFolder.Open(sweep)));

        Assert.Contains("--partition", refused.Message);
        Assert.Contains("request.json", refused.Message);
        Assert.DoesNotContain("touch", await File.ReadAllTextAsync(Path.Combine(sweep, "slurm", "sweep-0.sbatch")));
    }

    private const string SweepSubmissionFile = SlurmSubmissions.RequestFileName;
}
