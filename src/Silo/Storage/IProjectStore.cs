namespace SessionKit.Silo.Storage;

public interface IProjectStore
{
    Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken);

    Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken);

    Task<ProjectRecord?> FindProjectByIngestKeyAsync(string ingestKey, CancellationToken cancellationToken);

    /// <summary>Inserts the project; false when the id is taken.</summary>
    Task<bool> TryCreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken);

    Task UpdateProjectAsync(ProjectRecord project, CancellationToken cancellationToken);
}
