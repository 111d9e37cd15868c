using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteSessionLinkStore(SqliteDatabase database) : ISessionLinkStore
{
    private const string Columns = "session_id, project_id, visitor_id, user_id";

    public Task SetLinksAsync(IReadOnlyList<SessionLink> links, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach (var link in links)
            {
                // Selecting from the session's row keeps links of sessions not stored (or erased) out.
                using var command = transaction.CreateCommand($"""
                    INSERT INTO session_links ({Columns})
                    SELECT id, $project_id, $visitor_id, $user_id FROM sessions WHERE id = $session_id
                    ON CONFLICT (session_id) DO UPDATE SET
                        project_id = excluded.project_id, visitor_id = excluded.visitor_id, user_id = excluded.user_id
                    """)
                    .With("$session_id", link.SessionId)
                    .With("$project_id", link.ProjectId)
                    .With("$visitor_id", link.VisitorId)
                    .With("$user_id", link.UserId);
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<SessionLink>> ListLinksOfPersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        ListAsync("user_id", projectId, userId, cancellationToken);

    public Task<IReadOnlyList<SessionLink>> ListLinksOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken) =>
        ListAsync("visitor_id", projectId, visitorId, cancellationToken);

    private async Task<IReadOnlyList<SessionLink>> ListAsync(
        string column, string projectId, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM session_links WHERE project_id = $project_id AND {column} = $value ORDER BY session_id
            """).With("$project_id", projectId).With("$value", value);
        return await command.ReadAllAsync(Read, cancellationToken).ConfigureAwait(false);
    }

    private static SessionLink Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3));
}
