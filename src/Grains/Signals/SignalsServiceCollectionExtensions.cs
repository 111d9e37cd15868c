using Microsoft.Extensions.DependencyInjection;
using SessionKit.Grains.Alerts;
using SessionKit.Silo.Live;

namespace SessionKit.Grains.Signals;

public static class SignalsServiceCollectionExtensions
{
    /// <summary>Frustration signals: thresholds, the services session grains evaluate with, live announcements and alert rules.</summary>
    public static IServiceCollection AddSessionKitSignals(this IServiceCollection services)
    {
        services.AddOptions<SignalOptions>()
            .BindConfiguration(SignalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignalServices>();
        services.AddSingleton<ISignalSink, LiveSignalSink>();
        services.AddSingleton<AlertDeliveryWakeUp>();
        services.AddSingleton<ISignalSink, AlertSink>();
        services.AddSingleton(new LiveMessageType(typeof(LiveSignalRaised)));
        return services;
    }
}
