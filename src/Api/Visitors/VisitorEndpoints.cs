using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Api.Projects;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Visitors;

/// <summary>Visitors (devices) and persons: reading them, and erasing a person with everything recorded of it.</summary>
public static partial class VisitorEndpoints
{
    private const int MaxIdLength = 256;

    public static IEndpointRouteBuilder MapVisitorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Visitors").RequireAuthorization(AdminPolicy.Name);
        group.MapGet("/visitors/{visitorId}", GetVisitorAsync)
            .WithName("GetVisitor")
            .WithSummary("A device visitor: the persons it was identified as, its sessions and journeys.");
        group.MapGet("/persons/{userId}", GetPersonAsync)
            .WithName("GetPerson")
            .WithSummary("A person: traits, devices, sessions and journeys across devices.");
        group.MapDelete("/persons/{userId}", EraseAsync)
            .WithName("ErasePerson")
            .WithSummary("Erases the person, every device visitor linked to it, their sessions, events and comments.");
        return app;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex ProjectIdPattern();

    private static async Task<Results<Ok<VisitorResponse>, ProblemHttpResult>> GetVisitorAsync(
        string visitorId, IdentityReader reader, IProjectStore projects, CancellationToken cancellationToken, string? projectId = null)
    {
        if (await CheckAsync(projects, projectId, visitorId, cancellationToken) is { } problem)
        {
            return problem;
        }

        return await reader.ReadVisitorAsync(ProjectOf(projectId), visitorId, cancellationToken) is { } visitor
            ? TypedResults.Ok(visitor)
            : NotFound("Unknown visitor", $"Project '{ProjectOf(projectId)}' has recorded nothing of visitor '{visitorId}'.");
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetPersonAsync(
        string userId, IdentityReader reader, IProjectStore projects, CancellationToken cancellationToken, string? projectId = null)
    {
        if (await CheckAsync(projects, projectId, userId, cancellationToken) is { } problem)
        {
            return problem;
        }

        return await reader.ReadPersonAsync(ProjectOf(projectId), userId, cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : NotFound("Unknown person", $"No one was identified as '{userId}' in project '{ProjectOf(projectId)}'.");
    }

    private static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> EraseAsync(
        string userId, PersonErasure erasure, IProjectStore projects, CancellationToken cancellationToken, string? projectId = null)
    {
        if (await CheckAsync(projects, projectId, userId, cancellationToken) is { } problem)
        {
            return problem;
        }

        return await erasure.EraseAsync(ProjectOf(projectId), userId, cancellationToken) is { } erased
            ? TypedResults.Ok(erased)
            : NotFound("Unknown person", $"No one was identified as '{userId}' in project '{ProjectOf(projectId)}'.");
    }

    private static string ProjectOf(string? projectId) => projectId ?? ProjectFactory.DefaultProjectId;

    private static async Task<ProblemHttpResult?> CheckAsync(IProjectStore projects, string? projectId, string id, CancellationToken cancellationToken)
    {
        if (id.Length > MaxIdLength || string.IsNullOrWhiteSpace(id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid id",
                detail: $"The id must be 1 to {MaxIdLength} characters.");
        }

        if (projectId is not null && !ProjectIdPattern().IsMatch(projectId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid project",
                detail: "'projectId' must be a project id (lower-case letters, digits and '-').");
        }

        return await projects.GetProjectAsync(ProjectOf(projectId), cancellationToken) is null
            ? NotFound("Unknown project", $"No project '{ProjectOf(projectId)}'.")
            : null;
    }

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
