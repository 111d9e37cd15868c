using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

internal sealed class PostgresSessionLinkStore(PostgresDatabase database) : ISessionLinkStore
{
    private const string Columns = "session_id, project_id, visitor_id, user_id";

    public Task SetLinksAsync(IReadOnlyList<SessionLink> links, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // Joining the sessions table keeps links of sessions not stored (or erased) out.
            await using var command = dataSource.CreateCommand($"""
                INSERT INTO session_links ({Columns})
                SELECT link.session_id, link.project_id, link.visitor_id, link.user_id
                FROM unnest(@session_ids, @project_ids, @visitor_ids, @user_ids) AS link (session_id, project_id, visitor_id, user_id)
                JOIN sessions ON sessions.id = link.session_id
                ON CONFLICT (session_id) DO UPDATE SET
                    project_id = EXCLUDED.project_id, visitor_id = EXCLUDED.visitor_id, user_id = EXCLUDED.user_id
                """)
                .With("session_ids", links.Select(link => link.SessionId).ToArray())
                .With("project_ids", links.Select(link => link.ProjectId).ToArray())
                .With("visitor_ids", links.Select(link => link.VisitorId).ToArray())
                .With("user_ids", links.Select(link => link.UserId).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<SessionLink>> ListLinksOfPersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        ListAsync("user_id", projectId, userId, cancellationToken);

    public Task<IReadOnlyList<SessionLink>> ListLinksOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken) =>
        ListAsync("visitor_id", projectId, visitorId, cancellationToken);

    private Task<IReadOnlyList<SessionLink>> ListAsync(string column, string projectId, string value, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand($"""
                SELECT {Columns} FROM session_links WHERE project_id = @project_id AND {column} = @value ORDER BY session_id
                """).With("project_id", projectId).With("value", value);
            return await command.ReadAllAsync(Read, cancellationToken).ConfigureAwait(false);
        });

    private static SessionLink Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3));
}
