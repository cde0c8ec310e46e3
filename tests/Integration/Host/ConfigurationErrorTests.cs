namespace AutoLR.Integration.Host;

/// <summary>Every class of invalid configuration stops with exit code 2 before any work, naming the key as the user gave it.</summary>
public class ConfigurationErrorTests
{
    public static TheoryData<string, string[], string> InvalidSwitches => new()
    {
        { "alpha not positive", ["run", "--alpha", "0"], "--alpha" },
        { "beta negative", ["run", "--beta", "-0.4"], "--beta" },
        { "tau above 1", ["run", "--tau", "1.5"], "--tau" },
        { "tau zero", ["finetune", "--tau", "0"], "--tau" },
        { "tau decay above 1", ["run", "--tau-decay", "1.01"], "--tau-decay" },
        { "tau floor above tau", ["run", "--tau", "0.9", "--tau-floor", "0.95"], "--tau-floor" },
        { "trial cap zero", ["run", "--trial-cap", "0"], "--trial-cap" },
        { "probe fraction zero", ["finetune", "--probe-fraction", "0"], "--probe-fraction" },
        { "weight decay negative", ["finetune", "--weight-decay", "-0.001"], "--weight-decay" },
        { "probe fraction above 1", ["run", "--probe-fraction", "1.5"], "--probe-fraction" },
        { "lr bounds crossed", ["run", "--lr-min", "0.5", "--lr-max", "0.1"], "--lr-min" },
        { "base lr outside bounds", ["run", "--base-lr", "2"], "--base-lr" },
        { "normalisation unknown", ["run", "--normalisation", "l2"], "--normalisation" },
        { "lr renewal unknown", ["finetune", "--lr-renewal", "newton"], "--lr-renewal" },
        { "user rule without a rule file", ["finetune", "--lr-renewal", "user:mine"], "--lr-renewal" },
        { "rule file hash without a rule file", ["finetune", "--rule-file-sha256", "00"], "--rule-file-sha256" },
        { "lr max factor below 1", ["run", "--lr-max-factor", "0.5"], "--lr-max-factor" },
        { "lr max factor negative", ["run", "--lr-max-factor", "-2"], "--lr-max-factor" },
        { "lr max factor without the clamp", ["run", "--lr-clamp", "false", "--lr-max-factor", "2"], "--lr-max-factor = 2 with --lr-clamp = false" },
        { "head lr negative", ["finetune", "--head-lr", "-0.01"], "--head-lr" },
        { "preset unknown", ["run", "--preset", "author"], "--preset = 'author': use one of paper, authors" },
        { "preset swept", ["sweep", "--grid", "preset=paper,authors"], "--grid cannot sweep 'preset'" },
        { "tau below the preset's floor", ["run", "--preset", "authors", "--tau", "0.7"], "AutoLR:TauFloor (from --preset authors; set it with --tau-floor" },
        { "schedule unknown", ["finetune", "--schedule", "onecycle"], "--schedule" },
        { "stem factor zero", ["finetune", "--stem-factor", "0"], "--stem-factor" },
        { "head factor negative", ["finetune", "--head-factor", "-10"], "--head-factor" },
        { "step size negative", ["finetune", "--step-size", "-1"], "--step-size" },
        { "step gamma above 1", ["finetune", "--step-gamma", "1.5"], "--step-gamma" },
        { "cyclic step zero", ["finetune", "--cyclic-step-epochs", "0"], "--cyclic-step-epochs" },
        { "cyclic spread below 1", ["finetune", "--cyclic-spread", "0.5"], "--cyclic-spread" },
        { "sgdr t0 zero", ["finetune", "--sgdr-t0", "0"], "--sgdr-t0" },
        { "sgdr t mult zero", ["finetune", "--sgdr-t-mult", "0"], "--sgdr-t-mult" },
        { "layer decay above 1", ["finetune", "--layer-decay", "1.25"], "--layer-decay" },
        { "discriminative spread below 1", ["finetune", "--discriminative-spread", "0.1"], "--discriminative-spread" },
        { "schedule integer syntax", ["finetune", "--sgdr-t0", "1.5"], "--sgdr-t0" },
        { "grid schedule parameter out of range", ["sweep", "--grid", "step-gamma=0.5,2"], "--grid point step-gamma=2" },
        { "epochs zero", ["run", "--epochs", "0"], "--epochs" },
        { "batch size one", ["run", "--batch-size", "1"], "--batch-size" },
        { "image size too small", ["run", "--image-size", "16"], "--image-size" },
        { "device syntax", ["run", "--device", "gpu0"], "--device" },
        { "threads negative", ["run", "--threads", "-1"], "--threads" },
        { "seed negative", ["run", "--seed", "-5"], "--seed" },
        { "dataset unknown", ["run", "--dataset", "imagenet"], "--dataset" },
        { "dataset path needed", ["run", "--dataset", "cub200"], "AutoLR:DatasetPath" },
        { "dataset path missing", ["run", "--dataset", "folder", "--dataset-path", "/no/such/folder"], "--dataset-path" },
        { "dataset path not a folder", ["run", "--dataset", "folder", "--dataset-path", "/dev/null"], "/dev/null is not a folder (a file, pipe or device)" },
        { "images per class negative", ["run", "--images-per-class", "-1"], "--images-per-class" },
        { "max image pixels zero", ["run", "--max-image-pixels", "0"], "--max-image-pixels" },
        { "pruning depth K", ["finetune", "--pruning-depth", "9"], "--pruning-depth = 9 with AutoLR:Backbone" },
        { "pruning depth above K", ["sweep", "--pruning-depth", "12", "--grid", "alpha=1,2"], "cntk-resnet18 has K = 9 blocks" },
        { "test selection unacknowledged", ["run", "--selection", "test"], "--allow-test-selection" },
        { "backbone unknown", ["run", "--backbone", "vgg16"], "--backbone" },
        { "weights needed", ["run", "--backbone", "resnet50"], "--weights" },
        { "weights file missing", ["run", "--weights", "/no/such/file.safetensors"], "--weights" },
        { "number syntax", ["run", "--alpha", "two"], "--alpha" },
        { "integer syntax", ["run", "--epochs", "2.5"], "--epochs" },
        { "grid setting unknown", ["sweep", "--grid", "gamma=1,2"], "--grid" },
        { "grid value invalid", ["sweep", "--grid", "alpha=1,x"], "--grid" },
        { "grid point out of range", ["sweep", "--grid", "alpha=1,-2;beta=0.4"], "--grid point alpha=-2 beta=0.4" },
        { "grid point crosses lr bounds", ["sweep", "--lr-max", "0.1", "--grid", "lr-min=0.001,0.5"], "--grid point lr-min=0.5" },
        { "unknown switch", ["run", "--alpah", "2"], "--alpah" },
        { "from run missing", ["evaluate", "--from", "/no/such/run"], "/no/such/run" },
        { "resume run missing", ["finetune", "--resume", "/no/such/run"], "/no/such/run" },
        { "compare schedule unknown", ["compare", "--schedules", "autolr,singel"], "--schedules = 'autolr,singel': 'singel' is not a schedule" },
        { "compare schedule twice", ["compare", "--schedules", "single,autolr,single"], "'single' is given twice" },
        { "compare schedules empty entry", ["compare", "--schedules", "autolr,,single"], "--schedules = 'autolr,,single': the list has an empty entry" },
        { "compare schedules none", ["compare", "--schedules", ""], "--schedules = (empty): no schedule is given" },
        { "compare seed not a number", ["compare", "--seeds", "1,x,3"], "--seeds = '1,x,3': 'x' is not a seed (an integer ≥ 0)" },
        { "compare seed negative", ["compare", "--seeds", "1,-2"], "'-2' is not a seed" },
        { "compare seed twice", ["compare", "--seeds", "3,1,3"], "--seeds = '3,1,3': '3' is given twice" },
        { "compare depth neither auto nor a number", ["compare", "--compare-pruning-depth", "deep"], "--compare-pruning-depth = 'deep': give auto" },
        { "compare depth K", ["compare", "--compare-pruning-depth", "9"], "cntk-resnet18 has K = 9 blocks" },
        { "compare lr factor zero", ["compare", "--compare-lr-factors", "1/3,0"], "--compare-lr-factors = '1/3,0': '0' is not a positive number or fraction a/b" },
        { "compare lr factor fraction by zero", ["compare", "--compare-lr-factors", "1/0"], "'1/0' is not a positive number or fraction a/b" },
        { "compare lr factors empty entry", ["compare", "--compare-lr-factors", "1,,3"], "--compare-lr-factors = '1,,3': the list has an empty entry" },
        { "compare lr factor twice", ["compare", "--compare-lr-factors", "0.5,1/2"], "'1/2' gives a factor already listed" },
        { "compare jobs zero", ["compare", "--jobs", "0"], "--jobs = 0" },
        { "test images negative", ["finetune", "--test-images-per-class", "-1"], "--test-images-per-class = -1" },
        { "compare jobs with slurm", ["compare", "--jobs", "2", "--slurm", "--dry-run"], "--jobs runs cells side by side on this machine" },
        { "compare jobs in a queued job", ["enqueue", "--queue", "/no/such/queue", "compare", "--jobs", "2"], "--jobs has no place in a queued job: a worker runs one job at a time" },
        { "device in a queued job", ["enqueue", "--queue", "/no/such/queue", "finetune", "--device", "cpu"], "--device has no place in a queued job: each worker runs on its own device" },
        { "worker metrics on a non-loopback address", ["worker", "--queue", "/no/such/queue", "--metrics-port", "9464", "--metrics-address", "0.0.0.0"], "--metrics-address = 0.0.0.0 is not a loopback address" },
        { "worker metrics port out of range", ["worker", "--queue", "/no/such/queue", "--metrics-port", "70000"], "--metrics-port = 70000 is not a TCP port" },
    };

    [Theory]
    [MemberData(nameof(InvalidSwitches))]
    public async Task Invalid_switch_exits_2_naming_the_switch(string why, string[] args, string named)
    {
        var result = await HostRun.RunAsync(args, new AutoLR.Experiments.JobCatalog().Register("run", _ => throw new InvalidOperationException("must not run")));
        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}\n{result.Error}");
        Assert.Contains(named, result.Error);
        Assert.Empty(result.RunFolders);
    }

    [Fact]
    public async Task Invalid_environment_variable_is_named_as_typed()
    {
        var result = await HostRun.RunAsync(["run"], environment: new Dictionary<string, string> { ["AUTOLR__ALPHA"] = "-1" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AUTOLR__ALPHA = -1", result.Error);
    }

    [Fact]
    public async Task Unknown_environment_key_is_rejected()
    {
        var result = await HostRun.RunAsync(["run"], environment: new Dictionary<string, string> { ["AUTOLR__ALPAH"] = "3" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AUTOLR__ALPAH", result.Error);
    }

    [Fact]
    public async Task Invalid_appsettings_value_is_named_with_its_file()
    {
        var result = await HostRun.RunAsync(["run"], appSettingsJson: """{ "AutoLR": { "Tau": 1.2 } }""");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"AutoLR:Tau in \S*appsettings\.json = 1\.2", result.Error);
    }

    [Fact]
    public async Task Problems_of_several_settings_classes_are_reported_together()
    {
        var result = await HostRun.RunAsync(["run", "--alpha", "-1", "--epochs", "0", "--backbone", "vgg"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--alpha", result.Error);
        Assert.Contains("--epochs", result.Error);
        Assert.Contains("--backbone", result.Error);
    }

    [Fact]
    public async Task Range_is_stated_in_the_message()
    {
        var result = await HostRun.RunAsync(["run", "--tau", "2"]);
        Assert.Contains("(0, 1]", result.Error);
    }
}
