using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteProjectStore(SqliteDatabase database) : IProjectStore
{
    private const string Columns = "id, name, ingest_key, allowed_origins, created_at, require_live_consent, private_traits";
    private const string IngestKeyTaken = "Another project already uses this ingest key.";

    public async Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM projects ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var projects = new List<ProjectRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            projects.Add(Read(reader));
        }

        return projects;
    }

    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        FindOneAsync("id", projectId, cancellationToken);

    public Task<ProjectRecord?> FindProjectByIngestKeyAsync(string ingestKey, CancellationToken cancellationToken) =>
        FindOneAsync("ingest_key", ingestKey, cancellationToken);

    /// <exception cref="StorageConflictException">Another project has the same ingest key.</exception>
    public Task<bool> TryCreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"""
                INSERT INTO projects ({Columns})
                VALUES ($id, $name, $ingest_key, $allowed_origins, $created_at, $require_live_consent, $private_traits)
                ON CONFLICT (id) DO NOTHING
                """).With("$created_at", UnixTime.ToMs(project.CreatedAt));
            return command.BindProject(project).ExecuteRefusingDuplicates(IngestKeyTaken) == 1;
        }, cancellationToken);

    /// <summary>Changes name, ingest key, allowed origins and the live consent setting; the creation time stays.</summary>
    /// <exception cref="KeyNotFoundException">No project has that id.</exception>
    /// <exception cref="StorageConflictException">Another project has the same ingest key.</exception>
    public Task UpdateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                UPDATE projects
                SET name = $name, ingest_key = $ingest_key, allowed_origins = $allowed_origins,
                    require_live_consent = $require_live_consent, private_traits = $private_traits
                WHERE id = $id
                """);
            return command.BindProject(project).ExecuteRefusingDuplicates(IngestKeyTaken) == 1
                ? true
                : throw new KeyNotFoundException($"No project has id {project.Id}.");
        }, cancellationToken);

    private async Task<ProjectRecord?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM projects WHERE {column} = $value")
            .With("$value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ProjectRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        SqliteJson.ReadStrings(reader.GetString(3)),
        UnixTime.FromMs(reader.GetInt64(4)))
    {
        RequireLiveConsent = reader.GetBoolean(5),
        PrivateTraits = SqliteJson.ReadStrings(reader.GetString(6)),
    };
}

file static class ProjectParameters
{
    public static SqliteCommand BindProject(this SqliteCommand command, ProjectRecord project) => command
        .With("$id", project.Id)
        .With("$name", project.Name)
        .With("$ingest_key", project.IngestKey)
        .With("$allowed_origins", SqliteJson.Write(project.AllowedOrigins))
        .With("$require_live_consent", project.RequireLiveConsent)
        .With("$private_traits", SqliteJson.Write(project.PrivateTraits));
}
