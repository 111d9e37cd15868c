using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using SessionKit.Api.Ingest;
using SessionKit.Api.Visitors;

namespace SessionKit.Api.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>HTTP-facing services: ingest (with its concurrency limit), ProblemDetails, OpenAPI and compressed responses.</summary>
    public static IServiceCollection AddSessionKitApi(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BoundedBodyReader>();
        services.AddSingleton<IngestProjectResolver>();
        services.AddSingleton<IdentityReader>();
        services.AddSingleton<PersonErasure>();
        services.AddIngestRateLimiting();

        services.AddProblemDetails();
        services.AddExceptionHandler<ServiceUnavailableExceptionHandler>();
        // Bad query strings and bodies answer 400 ProblemDetails in every environment, never an exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddOpenApi();
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
