using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Api.Ingest;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Projects;

public static class ProjectEndpoints
{
    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projects").WithTags("Projects").RequireAuthorization(AdminPolicy.Name);
        group.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("Every project with its ingest key.");
        group.MapPost("/", CreateAsync).WithName("CreateProject").WithSummary("Creates a project with a new ingest key.");
        group.MapPatch("/{projectId}", UpdateAsync).WithName("UpdateProject").WithSummary("Renames a project or changes its allowed origins.");
        return app;
    }

    private static async Task<Ok<List<ProjectResponse>>> ListAsync(IProjectStore projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.ListProjectsAsync(cancellationToken)).Select(ProjectResponse.From).ToList());

    private static async Task<Results<Created<ProjectResponse>, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest request, IProjectStore projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Invalid($"\"name\" is required, at most {MaxNameLength} characters.");
        }

        var (origins, error) = ProjectFactory.NormaliseOrigins(request.AllowedOrigins);
        if (origins is null)
        {
            return Invalid(error!);
        }

        var project = ProjectFactory.Create(ProjectFactory.NewId(name), name, origins, clock.GetUtcNow()) with
        {
            RequireLiveConsent = request.RequireLiveConsent ?? false,
        };
        if (!await projects.TryCreateProjectAsync(project, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project exists", detail: "Try again.");
        }

        return TypedResults.Created($"/api/v1/projects/{project.Id}", ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> UpdateAsync(
        string projectId, UpdateProjectRequest request, IProjectStore projects, IngestProjectResolver ingestProjects, CancellationToken cancellationToken)
    {
        var project = await projects.GetProjectAsync(projectId, cancellationToken);
        if (project is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown project", detail: $"No project '{projectId}'.");
        }

        var name = request.Name?.Trim();
        if (name is not null && (name.Length == 0 || name.Length > MaxNameLength))
        {
            return Invalid($"\"name\" must be 1 to {MaxNameLength} characters.");
        }

        var (origins, error) = ProjectFactory.NormaliseOrigins(request.AllowedOrigins);
        if (origins is null)
        {
            return Invalid(error!);
        }

        var (privateTraits, traitsError) = ProjectFactory.NormalisePrivateTraits(request.PrivateTraits);
        if (traitsError is not null)
        {
            return Invalid(traitsError);
        }

        var updated = project with
        {
            Name = name ?? project.Name,
            AllowedOrigins = request.AllowedOrigins is null ? project.AllowedOrigins : origins,
            RequireLiveConsent = request.RequireLiveConsent ?? project.RequireLiveConsent,
            PrivateTraits = privateTraits ?? project.PrivateTraits,
        };
        await projects.UpdateProjectAsync(updated, cancellationToken);
        ingestProjects.Invalidate();
        return TypedResults.Ok(ProjectResponse.From(updated));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid project", detail: detail);
}
