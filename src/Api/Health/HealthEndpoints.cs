using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionKit.Silo.Hosting;

namespace SessionKit.Api.Health;

public static class HealthEndpoints
{
    /// <summary>The readiness checks of the HTTP side (storage); the transport adds its own (the broker).</summary>
    public static IServiceCollection AddSessionKitHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [TransportServiceCollectionExtensions.ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process runs (200). <c>/health/ready</c>: it can serve requests now, that is
    /// storage answers and, in a cluster, the broker is connected (200, else 503). Both anonymous, for load balancers.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(TransportServiceCollectionExtensions.ReadyTag),
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString().ToLowerInvariant(),
                description = entry.Value.Description,
            }),
        }, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
