using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Visitors;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers SessionKit's grains and their background services on the grain runtime.</summary>
    public static IServiceCollection AddSessionKitGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // One node: the live bus is a hand-off in memory. Cluster mode registers a broker-backed one first.
        services.TryAddSingleton<ILiveBus, InProcessLiveBus>();
        // What a bus between nodes may carry (it reads nothing else off the wire).
        foreach (var type in new[]
        {
            typeof(LiveBatchPublished), typeof(LiveSessionPublished), typeof(LiveViewersChanged), typeof(LiveConsentChanged), typeof(LiveCommentPublished),
        })
        {
            services.AddSingleton(new LiveMessageType(type));
        }

        services.TryAddSingleton(sp => new CompressedBlobCache(sp.GetRequiredService<IOptions<SessionOptions>>().Value.CompressedBlobCacheBytes));
        services.AddSessionKitSignals();
        services.AddGrain<ISessionGrain, SessionGrain>();
        services.AddGrain<IVisitorGrain, VisitorGrain>();
        services.AddGrain<IPersonGrain, PersonGrain>();
        services.AddSingleton<SessionInactivityService>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionInactivityService>());
        return services;
    }
}
