namespace SessionKit.Api.Live;

public static class LiveServiceCollectionExtensions
{
    public const string HubPath = "/hubs/live";

    /// <summary>The live hub and this node's bridge to it.</summary>
    public static IServiceCollection AddSessionKitLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LiveAccess>();
        services.AddSingleton<LiveBridge>();
        services.AddHostedService<LiveLeaseRenewal>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(HubPath);
        return app;
    }
}
