using AutoLR.Algorithms;
using AutoLR.Settings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Weights;
using S = AutoLR.Settings.SettingCatalog;

namespace AutoLR.Integration.Host;

/// <summary>
/// Each named choice is listed once, by the layer that implements it, and the settings catalogue offers exactly that
/// list (issue 9 §2): a choice added there reaches the command line, help and validation with no second list to edit.
/// </summary>
public class NamedChoiceTests
{
    [Fact]
    public void Schedule_choices_are_the_F_sharp_catalogue()
    {
        Assert.Equal(ScheduleCatalog.names, S.Schedule.Choices!);
        Assert.Equal(ScheduleCatalog.AutoLrName, RunSettings.Defaults.Training.Schedule);
        foreach (var name in ScheduleCatalog.names)
            Assert.Equal(name, ScheduleCatalog.name(ScheduleSettings.Choice(new TrainingSettings { Schedule = name })));
        Assert.Equal(ScheduleParameters.all.Select(p => p.Name), S.ScheduleParameters.Select(k => k.Name));
        Assert.Equal(BaselineParametersModule.defaults, ScheduleSettings.Parameters(RunSettings.Defaults.Training));
    }

    [Fact]
    public void An_unknown_schedule_stops_rather_than_falling_back()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScheduleSettings.Choice(new TrainingSettings { Schedule = "onecycle" }));
        Assert.Contains("AutoLR:Schedule", error.Message);
    }

    [Fact]
    public void Backbone_choices_are_the_Torch_registry()
    {
        Assert.Equal(PretrainedBackbones.Names, S.Backbone.Choices!);
        Assert.Equal(PretrainedBackbones.Names.Distinct(), PretrainedBackbones.Names);
        Assert.NotNull(PretrainedBackbones.Find(RunSettings.Defaults.Backbone.Backbone).Shipped);
        Assert.All(PretrainedBackbones.All.Where(b => b.Shipped is null), b => Assert.Equal(b.Name, b.Spec().Name));
        Assert.Contains("resnet18", Assert.Throws<ArgumentException>(() => PretrainedBackbones.Find("vgg16")).Message);
    }

    [Fact]
    public void Dataset_choices_are_the_Torch_registry_and_every_kind_is_registered_once()
    {
        Assert.Equal(DatasetKinds.All, S.Dataset.Choices!);
        Assert.Equal(Enum.GetValues<DatasetKind>().Order(), DatasetKinds.Entries.Select(e => e.Kind).Order());
        Assert.All(Enum.GetValues<DatasetKind>(), kind => Assert.Equal(kind, DatasetKinds.Parse(kind.Name())));
        Assert.NotNull(DatasetKinds.Find(RunSettings.Defaults.Data.Dataset).DefaultFolder);
    }

    [Fact]
    public void Normalisation_and_selection_choices_are_their_registries()
    {
        Assert.Equal(Normalisations.names, S.Normalisation.Choices!);
        Assert.Equal(SelectionModes.Names, S.Selection.Choices!);
        Assert.Equal(SelectionMode.Validation, SelectionModes.Parse(RunSettings.Defaults.Data.Selection));
        Assert.Throws<InvalidOperationException>(() => SelectionModes.Parse("holdout"));
    }
}
