using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoLR.Settings;

/// <summary>Binds every settings class to the <c>AutoLR</c> section and validates it when the host starts.</summary>
public static class SettingsRegistration
{
    public static IServiceCollection AddAutoLrSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingKey.Section);
        services.AddSingleton(new SettingOrigin(configuration));
        Add<ControllerSettings, ControllerSettingsValidation>(services, section);
        Add<TrainingSettings, TrainingSettingsValidation>(services, section);
        services.PostConfigure<TrainingSettings>(ThreadCount.Resolve);
        // The backbone is read unvalidated: its own problems are reported with the others, not instead of them.
        services.AddOptions<TrainingSettings>().PostConfigure<IConfiguration>((training, configuration) =>
            StridedProjectionPath.Resolve(training, configuration.GetSection(SettingKey.Section).Get<BackboneSettings>() ?? new BackboneSettings()));
        Add<DataSettings, DataSettingsValidation>(services, section);
        Add<BackboneSettings, BackboneSettingsValidation>(services, section);
        Add<OutputSettings, OutputSettingsValidation>(services, section);
        services.AddSingleton<RunSettingsSource>();
        return services;
    }

    private static void Add<TSettings, TValidation>(IServiceCollection services, IConfiguration section)
        where TSettings : class
        where TValidation : class, IValidateOptions<TSettings>
    {
        services.AddOptions<TSettings>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TSettings>, TValidation>();
    }
}
