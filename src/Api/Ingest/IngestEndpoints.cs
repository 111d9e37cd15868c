using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Sessions;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

public static class IngestEndpoints
{
    /// <summary>The 202 answer: the batch is durable, and what live viewers need from the SDK.</summary>
    public sealed record AppendAcknowledgement(long Seq, bool Duplicate, LiveDirective? Live, bool TakeFullSnapshot, bool ConsentRequested);

    public sealed record LiveConsentRequest(bool? Granted);

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions")
            .WithTags("Ingest")
            .AddEndpointFilter<IngestAccessFilter>()
            .RequireRateLimiting(IngestRateLimiting.PolicyName)
            .DisableAntiforgery();

        group.MapPost("/", StartAsync)
            .WithName("StartSession")
            .WithSummary("Starts a recording session (ingest key).");
        group.MapPost("/{sessionId}/events", AppendAsync)
            .WithName("AppendEvents")
            .WithSummary("Appends a batch { seq, events } to a session; 202 means durable (ingest key).");
        group.MapPost("/{sessionId}/live-consent", SetLiveConsentAsync)
            .WithName("SetLiveConsent")
            .WithSummary("Records whether the visitor agrees to be watched live (ingest key).");
        return app;
    }

    private static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>, ProblemHttpResult>> StartAsync(
        HttpContext http, BoundedBodyReader reader, IGrainFactory grains, TimeProvider clock, ISessionErasureStore erasure)
    {
        var project = IngestAccessFilter.ProjectOf(http);
        var (body, _, problem) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            return Problem(problem);
        }

        StartSessionRequest? request;
        try
        {
            request = body!.Length == 0 ? new StartSessionRequest(null, null, null, null, null, null, null, null)
                : JsonSerializer.Deserialize<StartSessionRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return Problem(IngestProblem.BadRequest($"The body is not a valid session start: {ex.Message}"));
        }

        if (request is null)
        {
            return Problem(IngestProblem.BadRequest("The body must be a JSON object."));
        }

        var (command, error) = request.ToCommand(project.Id, clock.GetUtcNow());
        if (command is null)
        {
            return Problem(IngestProblem.BadRequest(error!));
        }

        var sessionId = request.Id ?? Guid.CreateVersion7().ToString("N");
        if (request.Id is not null && await ErasedSessionProblem.IfErasedAsync(erasure, sessionId, http.RequestAborted) is { } gone)
        {
            return gone;
        }

        var result = await grains.Get<ISessionGrain>(sessionId).StartAsync(command);
        return result.Outcome switch
        {
            StartSessionOutcome.Created => TypedResults.Created($"/api/v1/sessions/{sessionId}", SessionResponse.From(result.Session!)),
            StartSessionOutcome.AlreadyExists => TypedResults.Ok(SessionResponse.From(result.Session!)),
            _ => Problem(new IngestProblem(StatusCodes.Status409Conflict, "Session id taken",
                $"Session id '{sessionId}' belongs to another project; let the server name the session or pick another id.")),
        };
    }

    private static async Task<Results<Accepted<AppendAcknowledgement>, ProblemHttpResult>> AppendAsync(
        string sessionId, HttpContext http, BoundedBodyReader reader, IGrainFactory grains, ISessionErasureStore erasure)
    {
        var project = IngestAccessFilter.ProjectOf(http);
        var (body, received, problem) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            return Problem(problem);
        }

        // Stored as received when it came gzipped: storage then writes a seventh of the bytes.
        var (batch, invalid) = BatchParser.Parse(body!, project.Id, received);
        if (batch is null)
        {
            return Problem(invalid!);
        }

        var result = await grains.Get<ISessionGrain>(sessionId).AppendAsync(batch);
        if (result.Outcome == AppendBatchOutcome.UnknownSession)
        {
            return await ErasedSessionProblem.IfErasedAsync(erasure, sessionId, http.RequestAborted) ?? UnknownSession(sessionId, project.Id);
        }

        if (result.Outcome == AppendBatchOutcome.SeqTooOld)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Seq too old",
                detail: $"Batch {batch.Seq} was not stored: session '{sessionId}' no longer keeps track of seqs that old, so it cannot tell "
                    + "whether this batch was stored before. Do not resend it; later seqs are accepted.");
        }

        var duplicate = result.Outcome == AppendBatchOutcome.Duplicate;
        // A resend (rare) may be of a session erased while its grain still remembers the seq.
        if (duplicate && await ErasedSessionProblem.IfErasedAsync(erasure, sessionId, http.RequestAborted) is { } gone)
        {
            return gone;
        }

        return TypedResults.Accepted(
            (string?)null, new AppendAcknowledgement(batch.Seq, duplicate, result.Live, result.TakeFullSnapshot, result.ConsentRequested));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLiveConsentAsync(
        string sessionId, HttpContext http, BoundedBodyReader reader, IGrainFactory grains, ISessionStore store)
    {
        var project = IngestAccessFilter.ProjectOf(http);
        var (body, _, problem) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            return Problem(problem);
        }

        LiveConsentRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<LiveConsentRequest>(body!, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.Granted is not { } granted)
        {
            return Problem(IngestProblem.BadRequest("The body must be { \"granted\": true } or { \"granted\": false }."));
        }

        // The grain checks the session exists; the project check keeps one project's key off another's sessions.
        var session = await store.GetSessionAsync(sessionId, http.RequestAborted);
        if (session?.ProjectId != project.Id || !await grains.Get<ISessionGrain>(sessionId).SetLiveConsentAsync(granted))
        {
            return UnknownSession(sessionId, project.Id);
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult UnknownSession(string sessionId, string projectId) =>
        Problem(new IngestProblem(StatusCodes.Status404NotFound, "Unknown session",
            $"No session '{sessionId}' in project '{projectId}'. Start it with POST /api/v1/sessions/ first."));

    private static ProblemHttpResult Problem(IngestProblem problem) => problem.ToResult();
}
