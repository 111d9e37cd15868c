using SessionKit.Silo.Storage;

namespace SessionKit.Api.Projects;

public sealed record ProjectResponse(string Id, string Name, string IngestKey, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt)
{
    public static ProjectResponse From(ProjectRecord project) =>
        new(project.Id, project.Name, project.IngestKey, project.AllowedOrigins, project.CreatedAt);
}

public sealed record CreateProjectRequest(string? Name, IReadOnlyList<string>? AllowedOrigins);

public sealed record UpdateProjectRequest(string? Name, IReadOnlyList<string>? AllowedOrigins);
