using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

internal sealed class PostgresProjectStore(PostgresDatabase database) : IProjectStore
{
    private const string Columns = "id, name, ingest_key, allowed_origins, created_at, require_live_consent, private_traits";
    private const string IngestKeyTaken = "Another project already uses this ingest key.";

    public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ProjectRecord>>(async dataSource =>
        {
            await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM projects ORDER BY created_at, id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var projects = new List<ProjectRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                projects.Add(Read(reader));
            }

            return projects;
        });

    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        FindOneAsync("id", projectId, cancellationToken);

    public Task<ProjectRecord?> FindProjectByIngestKeyAsync(string ingestKey, CancellationToken cancellationToken) =>
        FindOneAsync("ingest_key", ingestKey, cancellationToken);

    /// <exception cref="StorageConflictException">Another project has the same ingest key.</exception>
    public Task<bool> TryCreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand($"""
                INSERT INTO projects ({Columns})
                VALUES (@id, @name, @ingest_key, @allowed_origins, @created_at, @require_live_consent, @private_traits)
                ON CONFLICT (id) DO NOTHING
                """).WithInstant("created_at", project.CreatedAt);
            command.Parameters.BindProject(project);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, IngestKeyTaken);

    /// <summary>Changes name, ingest key, allowed origins and the live consent setting; the creation time stays.</summary>
    /// <exception cref="KeyNotFoundException">No project has that id.</exception>
    /// <exception cref="StorageConflictException">Another project has the same ingest key.</exception>
    public Task UpdateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE projects
                SET name = @name, ingest_key = @ingest_key, allowed_origins = @allowed_origins,
                    require_live_consent = @require_live_consent, private_traits = @private_traits
                WHERE id = @id
                """);
            command.Parameters.BindProject(project);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
                ? true
                : throw new KeyNotFoundException($"No project has id {project.Id}.");
        }, IngestKeyTaken);

    private Task<ProjectRecord?> FindOneAsync(string column, string value, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM projects WHERE {column} = @value")
                .With("value", value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        });

    private static ProjectRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.GetInstant(4))
    {
        RequireLiveConsent = reader.GetBoolean(5),
        PrivateTraits = reader.GetFieldValue<string[]>(6),
    };
}

file static class ProjectParameters
{
    public static NpgsqlParameterCollection BindProject(this NpgsqlParameterCollection parameters, ProjectRecord project) => parameters
        .With("id", project.Id)
        .With("name", project.Name)
        .With("ingest_key", project.IngestKey)
        .With("allowed_origins", project.AllowedOrigins.ToArray())
        .With("require_live_consent", project.RequireLiveConsent)
        .With("private_traits", project.PrivateTraits.ToArray());
}
