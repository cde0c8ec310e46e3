using AutoLR.Algorithms;
using AutoLR.Commands;
using AutoLR.Settings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using Microsoft.Extensions.Configuration;

namespace AutoLR.Integration.Host;

/// <summary>
/// The registry holds every layer's settings once: a name, a switch and an environment variable each, a valid
/// default, every group taken by a command and every setting by one, and rules that hold for the defaults.
/// </summary>
public class SettingRegistryTests
{
    [Fact]
    public void Names_switches_and_environment_variables_are_each_used_once()
    {
        Assert.Equal(SettingRegistry.All.Count, SettingRegistry.All.Select(s => s.Name.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(SettingRegistry.All.Count, SettingRegistry.All.Select(s => s.Switch).Distinct().Count());
        Assert.Equal(SettingRegistry.All.Count, SettingRegistry.All.Select(s => s.EnvironmentVariable).Distinct().Count());
        Assert.All(SettingRegistry.All, s => Assert.Same(s, SettingRegistry.Find(s.Name.ToUpperInvariant())));
        Assert.All(SettingRegistry.All, s => Assert.Same(s, SettingRegistry.FindSwitch(s.Switch)));
    }

    [Fact]
    public void Every_default_is_valid_and_every_rule_holds_for_the_defaults()
    {
        Assert.Empty(SettingsValidation.Problems(SettingsBinding.Resolve(RunSettings.Defaults.Values), new SettingOrigin(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())));
        Assert.All(SettingRegistry.All, s => Assert.Null(s.Problem(s.DefaultValue)));
    }

    [Fact]
    public void Every_setting_is_offered_by_a_command_and_every_group_of_a_command_holds_a_setting()
    {
        var offered = CommandCatalog.All.SelectMany(c => c.Settings).ToHashSet();
        Assert.All(SettingRegistry.All, s => Assert.Contains(s, offered));
        Assert.All(CommandCatalog.All.SelectMany(c => c.Groups), g => Assert.Contains(SettingRegistry.All, s => s.Groups.Contains(g)));
    }

    [Fact]
    public void A_resumed_run_may_change_only_how_it_computes()
    {
        // compare may also change how many of its cells run side by side: each keeps its thread count.
        Assert.All(CommandCatalog.All.Where(c => c.StoredRun == StoredRunUse.Resumable),
            c => Assert.Equal(c.Name == CommandCatalog.Compare ? [DeviceSettings.Device, DeviceSettings.Jobs] : [DeviceSettings.Device], c.Overridable));
    }

    [Fact]
    public void Threads_0_resolves_to_the_core_count_and_a_given_count_stays()
    {
        var resolved = SettingsBinding.Resolve(RunSettings.Defaults.Values);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 1024), resolved.Get(DeviceSettings.Threads));
        Assert.Equal(3, SettingsBinding.Resolve(RunSettings.Defaults.With(DeviceSettings.Threads, 3).Values).Get(DeviceSettings.Threads));
        Assert.NotEqual(StridedProjections.Auto, resolved.Get(DeviceSettings.StridedProjectionPath));
    }

    [Fact]
    public void Threads_0_shares_the_cores_among_the_jobs_and_a_given_count_stays()
    {
        var twoJobs = RunSettings.Defaults.With(DeviceSettings.Jobs, 2);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), SettingsBinding.Resolve(twoJobs.Values).Get(DeviceSettings.Threads));
        // More jobs than cores still gives each process a thread.
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 64), SettingsBinding.Resolve(RunSettings.Defaults.With(DeviceSettings.Jobs, 64).Values).Get(DeviceSettings.Threads));
        Assert.Equal(3, SettingsBinding.Resolve(twoJobs.With(DeviceSettings.Threads, 3).Values).Get(DeviceSettings.Threads));
    }

    [Fact]
    public void Runs_made_before_the_strided_projection_ran_direct_before_drop_singleton_classes_stopped_on_such_a_class_and_before_presets_as_paper()
    {
        var older = SettingRegistry.All.Where(s => s.ValueBeforeItExisted is not null).ToDictionary(s => s.Name, s => s.ValueBeforeItExisted);
        Assert.Equal(new Dictionary<string, object?>
        {
            [DeviceSettings.StridedProjectionPath.Name] = StridedProjections.Name(StridedProjection.Direct),
            [DataSettings.DropSingletonClasses.Name] = false,
            [PresetSettings.preset.Name] = "paper",
        }, older);
    }

    [Fact]
    public void Drop_singleton_classes_set_in_the_configuration_reaches_the_data_readers_options()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DataSettings.DropSingletonClasses.ConfigKey] = "true" }).Build();
        Assert.True(DataSettings.Options(SettingsBinding.Bind(configuration)).DropSingletonClasses);
        Assert.False(DataSettings.Options(RunSettings.Defaults.Values).DropSingletonClasses);
    }

    [Fact]
    public void A_sweep_varies_only_settings_that_leave_the_data_the_backbone_and_the_machine_alone()
    {
        var sweepable = SettingRegistry.All.Where(s => s.Sweepable).Select(s => s.Name).ToHashSet();
        Assert.Contains(ControllerSettings.alpha.Name, sweepable);
        Assert.Contains(LearningRateSettings.baseLr.Name, sweepable);
        Assert.Contains(ScheduleSettings.schedule.Name, sweepable);
        Assert.DoesNotContain(AutoLR.Torch.Data.DataSettings.ImageSize.Name, sweepable);
        Assert.DoesNotContain(DeviceSettings.Threads.Name, sweepable);
        Assert.DoesNotContain(AutoLR.Torch.Weights.BackboneSettings.Backbone.Name, sweepable);
        Assert.DoesNotContain(ComparisonSettings.Seeds.Name, sweepable);
    }
}
