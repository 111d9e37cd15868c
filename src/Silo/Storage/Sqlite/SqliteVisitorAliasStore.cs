using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteVisitorAliasStore(SqliteDatabase database) : IVisitorAliasStore
{
    public Task<bool> AddAliasAsync(VisitorAlias alias, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using (var erased = transaction.CreateCommand("SELECT 1 FROM erased_sessions WHERE session_id = $session_id"))
            {
                if (erased.With("$session_id", alias.SessionId).ExecuteScalar() is not null)
                {
                    return false;
                }
            }

            // The key is the alias itself, so a repeated identify is the same row.
            using var command = transaction.CreateCommand("""
                INSERT INTO visitor_aliases (project_id, visitor_id, effective_from_ms, user_id, session_id)
                VALUES ($project_id, $visitor_id, $effective_from_ms, $user_id, $session_id)
                ON CONFLICT DO NOTHING
                """)
                .With("$project_id", alias.ProjectId)
                .With("$visitor_id", alias.VisitorId)
                .With("$effective_from_ms", alias.EffectiveFromMs)
                .With("$user_id", alias.UserId)
                .With("$session_id", alias.SessionId);
            command.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<VisitorAlias>> ListAliasesOfVisitorAsync(
        string projectId, string visitorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT project_id, visitor_id, user_id, effective_from_ms, session_id FROM visitor_aliases
            WHERE project_id = $project_id AND visitor_id = $visitor_id
            ORDER BY effective_from_ms, user_id
            """).With("$project_id", projectId).With("$visitor_id", visitorId);
        return await command.ReadAllAsync(
            reader => new VisitorAlias(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListVisitorsOfPersonAsync(
        string projectId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT DISTINCT visitor_id FROM visitor_aliases
            WHERE project_id = $project_id AND user_id = $user_id
            ORDER BY visitor_id
            """).With("$project_id", projectId).With("$user_id", userId);
        return await command.ReadAllAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAliasesAsync(string projectId, string visitorId, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                DELETE FROM visitor_aliases WHERE project_id = $project_id AND visitor_id = $visitor_id AND user_id = $user_id
                """).With("$project_id", projectId).With("$visitor_id", visitorId).With("$user_id", userId);
            return command.ExecuteNonQuery();
        }, cancellationToken);
}
