using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Grains.Live;
using SessionKit.Silo.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Comments;

public static class CommentEndpoints
{
    private const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions/{sessionId}/comments").WithTags("Comments").RequireAuthorization(AdminPolicy.Name);
        group.MapGet("/", ListAsync).WithName("ListComments").WithSummary("A session's comments, by moment.");
        group.MapPost("/", AddAsync).WithName("AddComment").WithSummary("Pins a comment to a moment of a session and pushes it to its live viewers.");
        return app;
    }

    private static async Task<Results<Ok<List<CommentResponse>>, ProblemHttpResult>> ListAsync(
        string sessionId, ISessionStore sessions, ICommentStore comments, CancellationToken cancellationToken)
    {
        if (await sessions.GetSessionAsync(sessionId, cancellationToken) is null)
        {
            return UnknownSession(sessionId);
        }

        var list = await comments.ListCommentsAsync(sessionId, cancellationToken);
        return TypedResults.Ok(list.Select(CommentResponse.From).ToList());
    }

    private static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> AddAsync(
        string sessionId,
        AddCommentRequest request,
        ClaimsPrincipal user,
        ISessionStore sessions,
        ICommentStore comments,
        ILiveBus bus,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength || request.At is not > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid comment",
                detail: $"\"text\" (1-{MaxTextLength} characters) and \"at\" (the moment, as the recording's Unix ms timestamp) are required.");
        }

        var session = await sessions.GetSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return UnknownSession(sessionId);
        }

        var comment = new CommentRecord(
            Guid.CreateVersion7().ToString("N"), sessionId, session.ProjectId, user.Identity?.Name ?? "admin", text, request.At.Value, clock.GetUtcNow());
        await comments.AddCommentAsync(comment, cancellationToken);
        await bus.PublishAsync(LiveTopics.Session(sessionId), new LiveCommentPublished(comment));
        return TypedResults.Created($"/api/v1/sessions/{sessionId}/comments/{comment.Id}", CommentResponse.From(comment));
    }

    private static ProblemHttpResult UnknownSession(string sessionId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown session", detail: $"No session '{sessionId}'.");
}
