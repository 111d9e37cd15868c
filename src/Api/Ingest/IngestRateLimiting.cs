using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Bounds how many ingest requests run at once (<see cref="IngestOptions.MaxConcurrentRequests"/>) and how
/// many wait (<see cref="IngestOptions.MaxQueuedRequests"/>). A waiting request has not read its body, so
/// a flood costs queue slots, not memory; past the queue a request answers 503 with Retry-After.
/// </summary>
public static class IngestRateLimiting
{
    public const string PolicyName = "ingest";

    private const int RetryAfterSeconds = 1;

    public static IServiceCollection AddIngestRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(static _ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IngestOptions>>((options, ingest) =>
        {
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = RejectAsync;
            // One limiter shared by every ingest endpoint of this node: it bounds the node's memory, not a client's share.
            options.AddConcurrencyLimiter(PolicyName, limiter =>
            {
                limiter.PermitLimit = ingest.Value.MaxConcurrentRequests;
                limiter.QueueLimit = ingest.Value.MaxQueuedRequests;
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IngestAccessFilter.LetBrowserReadAnswer(http);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Too many ingest requests",
                Detail = $"This server is handling as many uploads as it is configured to (SessionKit:Ingest:MaxConcurrentRequests "
                    + $"and MaxQueuedRequests). Nothing of this request was stored; send it again after {RetryAfterSeconds} s (Retry-After).",
            },
        });
    }
}
