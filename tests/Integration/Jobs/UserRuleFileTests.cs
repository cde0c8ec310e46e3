using AutoLR.Integration.Host;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Integration.Jobs;

/// <summary>
/// A researcher's own rules in an F# script (<c>--rule-file</c>), compiled by the installed tool at start: a rule that
/// re-implements the paper's eq. 16 leaves the same trace as the built-in rule; a rule that throws or returns a NaN
/// stops the run naming the file, the epoch and the trial, with the last checkpoint intact; a missing or uncompilable
/// file, or an edited one on resume, is refused with exit code 2.
/// </summary>
[Trait(Tier.Name, Tier.Full)]
public class UserRuleFileTests
{
    /// <summary>Eqs. 15–16 as a researcher writes them, in the same floating-point order as <c>LrRenewal</c>.</summary>
    public const string Proportional = """
        // The paper's LR renewal (eqs. 15–16), written again: η' = η · target / v, clamped into [LrMin, LrMax].
        open AutoLR.Algorithms

        let proportional (trial: RuleInput) (targets: float[]) : LrRenewal =
            let renewed =
                Array.init trial.Lrs.Length (fun k ->
                    if trial.Variations[k] = 0.0 then trial.Lrs[k] else trial.Lrs[k] * (targets[k] / trial.Variations[k]))
            let clamped = renewed |> Array.map (fun lr -> min trial.LrMax (max trial.LrMin lr))
            { Lrs = clamped
              Events = [ for k in 0 .. renewed.Length - 1 do if clamped[k] <> renewed[k] then LrClamped(k + 1) ] }

        let rules =
            { UserRuleSet.empty with
                LrRenewal = [ { Name = "proportional-again"; Description = "eqs. 15-16 written again"; Rule = proportional } ] }
        """;

    /// <summary>Accepts as the paper does in epoch 1, throws from epoch 2 on.</summary>
    private const string Throwing = """
        open AutoLR.Algorithms

        let rules =
            { UserRuleSet.empty with
                Acceptance =
                    [ { Name = "fragile"; Description = "SQ > τ, until epoch 2"
                        Rule = fun trial -> if trial.Epoch >= 2 then failwith "fragile gave up" else trial.SortingQuality > trial.Threshold } ] }
        """;

    /// <summary>Rejects epoch 2's first trial, so its LR renewal, which returns NaN, runs there.</summary>
    private const string NaN = """
        open AutoLR.Algorithms

        let rules =
            { UserRuleSet.empty with
                Acceptance = [ { Name = "reject-epoch-2-trial-1"; Description = "a retry in epoch 2"; Rule = fun trial -> not (trial.Epoch = 2 && trial.Trial = 1) } ]
                LrRenewal = [ { Name = "nan"; Description = "NaN for every block"; Rule = fun trial _ -> { Lrs = Array.create trial.Lrs.Length nan; Events = [] } } ] }
        """;

    private static readonly string[] Finetune =
        ["finetune", "--schedule", "autolr", .. AutoLrChild.Tiny, "--epochs", "2", "--tau", "0.999", "--trial-cap", "3"];

    private static string RuleFile(string text)
    {
        var path = Path.Combine(HostRun.NewTemporaryFolder(), "my-rules.fsx");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_rule_file_re_implementing_eq_16_leaves_the_built_in_rules_trace_and_is_recorded()
    {
        var cache = HostRun.NewTemporaryFolder();
        var file = RuleFile(Proportional);
        var (builtIn, user) = (HostRun.NewTemporaryFolder(), HostRun.NewTemporaryFolder());
        var reference = await AutoLrChild.RunAsync(cache, [.. Finetune, "--lr-renewal", "proportional", "--output", builtIn]);
        Assert.True(reference.ExitCode == 0, reference.ToString());
        var own = await AutoLrChild.RunAsync(cache, [.. Finetune, "--lr-renewal", "user:proportional-again", "--rule-file", file, "--output", user]);
        Assert.True(own.ExitCode == 0, own.ToString());

        var trace = AutoLrChild.WithoutSeconds(Path.Combine(AutoLrChild.RunFolder(builtIn), "trace.jsonl"));
        Assert.Contains("\"nextLrs\":[", trace);
        Assert.Equal(trace, AutoLrChild.WithoutSeconds(Path.Combine(AutoLrChild.RunFolder(user), "trace.jsonl")));
        var hash = AutoLrChild.Sha256(file).ToLowerInvariant();
        foreach (var record in new[] { "config.json", "results.json" })
        {
            var text = File.ReadAllText(Path.Combine(AutoLrChild.RunFolder(user), record));
            Assert.Contains("\"LrRenewal\": \"user:proportional-again\"", text);
            Assert.Contains($"\"RuleFileSha256\": \"{hash}\"", text);
        }
        Assert.Contains(file, File.ReadAllText(Path.Combine(AutoLrChild.RunFolder(user), "config.json")));
    }

    [Theory]
    [InlineData(Throwing, "user:fragile", "--acceptance-rule", "epoch 2, trial 1", "threw Exception: fragile gave up")]
    [InlineData(NaN, "user:nan", "--lr-renewal", "epoch 2, trial 1", "learning rates of block 1 is NaN")]
    public async Task A_rule_that_throws_or_returns_NaN_stops_the_run_naming_file_epoch_and_trial_with_the_checkpoint_intact(
        string script, string name, string setting, string where, string what)
    {
        var file = RuleFile(script);
        var output = HostRun.NewTemporaryFolder();
        string[] extra = script == NaN ? ["--acceptance-rule", "user:reject-epoch-2-trial-1"] : [];
        var result = await AutoLrChild.RunAsync(HostRun.NewTemporaryFolder(), [.. Finetune, setting, name, .. extra, "--rule-file", file, "--output", output]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(file, result.Error);
        Assert.Contains($"'{name}'", result.Error);
        Assert.Contains(where, result.Error);
        Assert.Contains(what, result.Error);
        AutoLrChild.AssertNoStackTrace(result.Error);
        var run = AutoLrChild.RunFolder(output);
        Assert.False(File.Exists(Path.Combine(run, "results.json")));
        var latest = new CheckpointStore(Path.Combine(run, "checkpoints")).LoadLatest();
        Assert.Empty(latest.Rejected);
        Assert.Single(Directory.GetFiles(Path.Combine(run, "checkpoints"), "*.ckpt"));
    }

    [Fact]
    public async Task A_resume_with_the_same_rule_file_is_accepted_and_with_an_edited_one_refused_naming_both_hashes()
    {
        var file = RuleFile(Throwing);
        var (cache, output) = (HostRun.NewTemporaryFolder(), HostRun.NewTemporaryFolder());
        var failed = await AutoLrChild.RunAsync(cache, [.. Finetune, "--acceptance-rule", "user:fragile", "--rule-file", file, "--output", output]);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        var before = AutoLrChild.Sha256(file).ToLowerInvariant();

        // The same file: the resume is accepted, trains from epoch 1's checkpoint and stops where the run stopped.
        var again = await AutoLrChild.RunAsync(cache, ["finetune", "--resume", AutoLrChild.RunFolder(output), "--threads", "1"]);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("epoch 2, trial 1", again.Error);

        File.WriteAllText(file, Throwing.Replace("failwith \"fragile gave up\"", "true"));
        var after = AutoLrChild.Sha256(file).ToLowerInvariant();
        var resumed = await AutoLrChild.RunAsync(cache, ["finetune", "--resume", AutoLrChild.RunFolder(output), "--threads", "1"]);

        Assert.True(resumed.ExitCode == 2, resumed.ToString());
        Assert.Contains(before, resumed.Error);
        Assert.Contains(after, resumed.Error);
        Assert.Contains("RuleFileSha256", resumed.Error);
        Assert.Contains("put the original file back to resume, or start a new run", resumed.Error);
    }

    [Fact]
    public async Task A_missing_or_uncompilable_rule_file_is_refused_with_the_compilers_first_errors()
    {
        var cache = HostRun.NewTemporaryFolder();
        var missing = Path.Combine(HostRun.NewTemporaryFolder(), "absent.fsx");
        var absent = await AutoLrChild.RunAsync(cache, [.. Finetune, "--rule-file", missing, "--output", HostRun.NewTemporaryFolder()]);
        Assert.True(absent.ExitCode == 2, absent.ToString());
        Assert.Contains($"there is no file {missing}", absent.Error);

        var broken = RuleFile(Proportional.Replace("trial.Lrs[k] * (targets[k]", "trial.Lrs[k] * (\"targets\"[k]"));
        var uncompiled = await AutoLrChild.RunAsync(cache, [.. Finetune, "--rule-file", broken, "--output", HostRun.NewTemporaryFolder()]);
        Assert.True(uncompiled.ExitCode == 2, uncompiled.ToString());
        Assert.Contains("does not compile", uncompiled.Error);
        Assert.Matches(@"my-rules\.fsx\(7,\d+\): error FS\d{4}: ", uncompiled.Error);

        var unnamed = RuleFile(Proportional);
        var wrongName = await AutoLrChild.RunAsync(cache, [.. Finetune, "--lr-renewal", "user:proportional", "--rule-file", unnamed, "--output", HostRun.NewTemporaryFolder()]);
        Assert.True(wrongName.ExitCode == 2, wrongName.ToString());
        Assert.Contains("has no LR-renewal rule named 'proportional'; its LR-renewal rules are user:proportional-again", wrongName.Error);
    }
}
