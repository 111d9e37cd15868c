using SessionKit.Silo.Storage;

namespace SessionKit.Api.Projects;

public sealed record ProjectResponse(
    string Id, string Name, string IngestKey, IReadOnlyList<string> AllowedOrigins, bool RequireLiveConsent, DateTimeOffset CreatedAt,
    IReadOnlyList<string> PrivateTraits)
{
    public static ProjectResponse From(ProjectRecord project) =>
        new(project.Id, project.Name, project.IngestKey, project.AllowedOrigins, project.RequireLiveConsent, project.CreatedAt, project.PrivateTraits);
}

public sealed record CreateProjectRequest(string? Name, IReadOnlyList<string?>? AllowedOrigins, bool? RequireLiveConsent);

public sealed record UpdateProjectRequest(
    string? Name, IReadOnlyList<string?>? AllowedOrigins, bool? RequireLiveConsent, IReadOnlyList<string?>? PrivateTraits = null);
