using Microsoft.Extensions.Options;

namespace AutoLR.Settings;

/// <summary>
/// Hands out the validated <see cref="RunSettings"/> when first asked. Services take this rather than the settings
/// so that constructing them does not validate one class early: the host's start-up validation then reports the
/// problems of every class at once.
/// </summary>
public sealed class RunSettingsSource(
    IOptions<ControllerSettings> controller,
    IOptions<TrainingSettings> training,
    IOptions<DataSettings> data,
    IOptions<BackboneSettings> backbone,
    IOptions<OutputSettings> output)
{
    public RunSettings Value => new(controller.Value, training.Value, data.Value, backbone.Value, output.Value);
}
