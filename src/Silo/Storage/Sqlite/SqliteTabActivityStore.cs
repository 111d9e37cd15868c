namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteTabActivityStore(SqliteDatabase database) : ITabActivityStore
{
    public Task AddAsync(IReadOnlyList<TabActivity> activity, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach (var entry in activity)
            {
                // From the session's row, so entries of sessions not stored (or erased) are skipped.
                using var command = transaction.CreateCommand("""
                    INSERT INTO tab_activity (session_id, project_id, visitor_id, tab_id, at_ms, kind)
                    SELECT id, $project_id, $visitor_id, $tab_id, $at_ms, $kind FROM sessions WHERE id = $session_id
                    ON CONFLICT DO NOTHING
                    """)
                    .With("$session_id", entry.SessionId)
                    .With("$project_id", entry.ProjectId)
                    .With("$visitor_id", entry.VisitorId)
                    .With("$tab_id", entry.TabId)
                    .With("$at_ms", entry.AtMs)
                    .With("$kind", entry.Kind);
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<TabActivity>> ListOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT session_id, project_id, visitor_id, tab_id, at_ms, kind FROM tab_activity
            WHERE project_id = $project_id AND visitor_id = $visitor_id
            ORDER BY at_ms, session_id, kind
            """).With("$project_id", projectId).With("$visitor_id", visitorId);
        return await command.ReadAllAsync(
            reader => new TabActivity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5)),
            cancellationToken).ConfigureAwait(false);
    }
}
