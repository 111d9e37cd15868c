using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Ingest;

namespace SessionKit.Api.Bench;

/// <summary>
/// The ingest benchmark's baseline: an endpoint with the shape of <c>POST /api/v1/sessions/{id}/events</c>
/// that reads the whole body and throws it away, answering 202 with an acknowledgement of the same form.
/// Driven with the same load in the same run, it is the ceiling of Kestrel, routing and the loopback
/// network on the machine, against which ingest's own cost is reported.
/// </summary>
public static class BenchEndpoints
{
    // No parsing means no seq either: the answer has the ingest answer's shape and size, not its meaning.
    private static readonly IngestEndpoints.AppendAcknowledgement Discarded = new(0, false, null, false, false);

    /// <summary>Maps the no-op endpoint only when <see cref="BenchOptions.NoOpEndpoint"/> is set.</summary>
    public static WebApplication MapBenchEndpoints(this WebApplication app)
    {
        var options = app.Configuration.GetSection(BenchOptions.SectionName).Get<BenchOptions>() ?? new BenchOptions();
        if (!options.NoOpEndpoint)
        {
            return app;
        }

        app.MapPost("/api/v1/bench/noop/{sessionId}/events", DiscardAsync)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Accepted<IngestEndpoints.AppendAcknowledgement>> DiscardAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        await request.Body.CopyToAsync(Stream.Null, cancellationToken);
        return TypedResults.Accepted((string?)null, Discarded);
    }
}
