using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Sessions;

public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/sessions").WithTags("Sessions").RequireAuthorization(AdminPolicy.Name);
        sessions.MapGet("/{sessionId}", GetAsync)
            .WithName("GetSession")
            .WithSummary("A session's metadata.");
        sessions.MapGet("/{sessionId}/events", StreamEventsAsync)
            .WithName("GetSessionEvents")
            .WithSummary("Every event of the session as one JSON array, in the order received, streamed.");

        app.MapGet("/api/v1/projects/{projectId}/sessions", ListAsync)
            .WithTags("Sessions")
            .RequireAuthorization(AdminPolicy.Name)
            .WithName("ListSessions")
            .WithSummary("A project's sessions, newest first, paged, filtered.");
        return app;
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetAsync(
        string sessionId, ISessionStore store, CancellationToken cancellationToken)
    {
        var session = await store.GetSessionAsync(sessionId, cancellationToken);
        return session is null ? NotFound(sessionId) : TypedResults.Ok(SessionResponse.From(session));
    }

    private static async Task<IResult> StreamEventsAsync(
        string sessionId, HttpContext http, ISessionStore store, CancellationToken cancellationToken)
    {
        if (await store.GetSessionAsync(sessionId, cancellationToken) is null)
        {
            return NotFound(sessionId);
        }

        return Results.Stream(
            output => EventStreamWriter.WriteAsync(
                store.ReadSegmentsAsync(sessionId, cancellationToken), new SessionBlobReader(store, sessionId), output, cancellationToken),
            contentType: "application/json");
    }

    private static async Task<Results<Ok<SessionListResponse>, ProblemHttpResult>> ListAsync(
        string projectId,
        ISessionStore store,
        IProjectStore projects,
        ISignalStore signals,
        CancellationToken cancellationToken,
        string? from = null,
        string? to = null,
        string? url = null,
        long? minDurationMs = null,
        int? limit = null,
        string? cursor = null,
        string? userId = null,
        string? trait = null,
        int? minScore = null,
        string? signal = null,
        string? sort = null)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown project", detail: $"No project '{projectId}'.");
        }

        if (!TryParseTime(from, out var startedFrom) || !TryParseTime(to, out var startedTo))
        {
            return BadQuery("'from' and 'to' must be ISO 8601 times.");
        }

        if (limit is < 1 or > 200 || minDurationMs is < 0)
        {
            return BadQuery("'limit' must be 1-200 and 'minDurationMs' >= 0.");
        }

        if (!SessionListFilters.TryParseTrait(trait, out var traitName, out var traitValue))
        {
            return BadQuery("'trait' must be name:value, e.g. plan:pro.");
        }

        if (minScore is < 0 or > 100 || (signal is not null && !SignalTypes.IsKnown(signal)) || sort is not (null or "newest" or "score"))
        {
            return BadQuery($"'minScore' must be 0-100, 'signal' one of {string.Join(", ", SignalTypes.All)}, 'sort' 'newest' or 'score'.");
        }

        var query = new SessionQuery
        {
            ProjectId = projectId,
            StartedFrom = startedFrom,
            StartedTo = startedTo,
            UrlContains = string.IsNullOrWhiteSpace(url) ? null : url,
            MinDurationMs = minDurationMs,
            Limit = limit ?? 50,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
            UserId = string.IsNullOrEmpty(userId) ? null : userId,
            TraitName = traitName,
            TraitValue = traitValue,
            MinScore = minScore,
            SignalType = signal,
            ByScore = sort == "score",
        };
        try
        {
            var page = await store.ListSessionsAsync(query, cancellationToken);
            var scores = (await signals.GetScoresAsync([.. page.Items.Select(session => session.Id)], cancellationToken))
                .ToDictionary(score => score.SessionId, StringComparer.Ordinal);
            return TypedResults.Ok(new SessionListResponse(
                [.. page.Items.Select(session => SessionResponse.From(session) with
                {
                    FrustrationScore = scores.GetValueOrDefault(session.Id)?.Score ?? 0,
                    SignalTypes = scores.GetValueOrDefault(session.Id)?.Types ?? [],
                })],
                page.NextCursor));
        }
        catch (ArgumentException)
        {
            return BadQuery("'cursor' is not one this API handed out; start again without it.");
        }
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static ProblemHttpResult BadQuery(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: detail);

    private static ProblemHttpResult NotFound(string sessionId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown session", detail: $"No session '{sessionId}'.");
}
