using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Signals;

public static class SignalEndpoints
{
    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sessions/{sessionId}/signals", ListAsync)
            .WithTags("Signals")
            .RequireAuthorization(AdminPolicy.Name)
            .WithName("ListSessionSignals")
            .WithSummary("A session's frustration signals, explained, with its score and each page's.");
        return app;
    }

    private static async Task<Results<Ok<SessionSignalsResponse>, ProblemHttpResult>> ListAsync(
        string sessionId, ISessionStore sessions, ISignalStore signals, CancellationToken cancellationToken)
    {
        if (await sessions.GetSessionAsync(sessionId, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown session", detail: $"No session '{sessionId}'.");
        }

        var list = await signals.ListSignalsAsync(sessionId, cancellationToken);
        var score = await signals.GetScoreAsync(sessionId, cancellationToken);
        return TypedResults.Ok(new SessionSignalsResponse(
            sessionId, score?.Score ?? 0, score?.Pages ?? [], [.. list.Select(SignalResponse.From)]));
    }
}
