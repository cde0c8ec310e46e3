using AutoLR.Algorithms;
using AutoLR.Settings;
using AutoLR.Torch.Data;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Host;

/// <summary>
/// Each named choice is listed once, by the layer that implements it, and its setting offers exactly that list: a
/// choice added there reaches the command line, help and validation with no second list to edit.
/// </summary>
public class NamedChoiceTests
{
    private static IEnumerable<string> Names(Setting setting) => setting.Choices.Select(c => c.Name);

    [Fact]
    public void Schedule_choices_are_the_F_sharp_catalogue()
    {
        Assert.Equal(ScheduleCatalog.names, Names(ScheduleSettings.schedule));
        Assert.Equal(ScheduleCatalog.AutoLrName, RunSettings.Defaults.Get(ScheduleSettings.schedule));
        foreach (var name in ScheduleCatalog.names)
            Assert.Equal(name, ScheduleCatalog.name(ScheduleSettings.choice(RunSettings.Defaults.With(ScheduleSettings.schedule, name).Values)));
        Assert.Equal(ScheduleParameters.all.Select(p => p.Name), ScheduleSettings.parameters.Select(s => s.Name));
        Assert.Equal(BaselineParametersModule.defaults, ScheduleSettings.baselineParameters(RunSettings.Defaults.Values));
    }

    [Fact]
    public void An_unknown_schedule_stops_rather_than_falling_back()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ScheduleSettings.choice(RunSettings.Defaults.With(ScheduleSettings.schedule, "onecycle").Values));
        Assert.Contains("onecycle", error.Message);
    }

    [Fact]
    public void Backbone_choices_are_the_Torch_registry()
    {
        Assert.Equal(PretrainedBackbones.Names, Names(BackboneSettings.Backbone));
        Assert.Equal(PretrainedBackbones.Names.Distinct(), PretrainedBackbones.Names);
        Assert.NotNull(PretrainedBackbones.Find(RunSettings.Defaults.Get(BackboneSettings.Backbone)).Shipped);
        Assert.All(PretrainedBackbones.All.Where(b => b.Shipped is null), b => Assert.Equal(b.Name, b.Spec().Name));
        Assert.Contains("resnet18", Assert.Throws<ArgumentException>(() => PretrainedBackbones.Find("vgg16")).Message);
    }

    [Fact]
    public void Dataset_choices_are_the_Torch_registry_and_every_kind_is_registered_once()
    {
        Assert.Equal(DatasetKinds.All, Names(DataSettings.Dataset));
        Assert.Equal(Enum.GetValues<DatasetKind>().Order(), DatasetKinds.Entries.Select(e => e.Kind).Order());
        Assert.All(Enum.GetValues<DatasetKind>(), kind => Assert.Equal(kind, DatasetKinds.Parse(kind.Name())));
        Assert.NotNull(DatasetKinds.Find(RunSettings.Defaults.Get(DataSettings.Dataset)).DefaultFolder);
    }

    [Fact]
    public void Normalisation_and_selection_choices_are_their_registries()
    {
        Assert.Equal(Normalisations.names, Names(ControllerSettings.normalisation));
        Assert.Equal(SelectionModes.Names, Names(SelectionSettings.Selection));
        Assert.Equal(SelectionMode.Validation, SelectionModes.Parse(RunSettings.Defaults.Get(SelectionSettings.Selection)));
        Assert.Throws<InvalidOperationException>(() => SelectionModes.Parse("holdout"));
    }
}
