namespace SessionKit.Api.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>Webhook delivery of fired alerts, in the background.</summary>
    public static IServiceCollection AddSessionKitAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The per-attempt timeout is the dispatcher's; the client's own would cut retries short.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
