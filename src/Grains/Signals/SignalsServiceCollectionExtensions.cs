using Microsoft.Extensions.DependencyInjection;

namespace SessionKit.Grains.Signals;

public static class SignalsServiceCollectionExtensions
{
    /// <summary>Frustration signals: thresholds, the services session grains evaluate with.</summary>
    public static IServiceCollection AddSessionKitSignals(this IServiceCollection services)
    {
        services.AddOptions<SignalOptions>()
            .BindConfiguration(SignalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignalServices>();
        return services;
    }
}
