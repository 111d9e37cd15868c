namespace SessionKit.Silo.Storage.Postgres;

internal sealed class PostgresTabActivityStore(PostgresDatabase database) : ITabActivityStore
{
    public Task AddAsync(IReadOnlyList<TabActivity> activity, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // Joining the sessions table skips entries of sessions not stored (or erased).
            await using var command = dataSource.CreateCommand("""
                INSERT INTO tab_activity (session_id, project_id, visitor_id, tab_id, at_ms, kind)
                SELECT entry.session_id, entry.project_id, entry.visitor_id, entry.tab_id, entry.at_ms, entry.kind
                FROM unnest(@session_ids, @project_ids, @visitor_ids, @tab_ids, @at_ms, @kinds)
                    AS entry (session_id, project_id, visitor_id, tab_id, at_ms, kind)
                JOIN sessions ON sessions.id = entry.session_id
                ON CONFLICT DO NOTHING
                """)
                .With("session_ids", activity.Select(entry => entry.SessionId).ToArray())
                .With("project_ids", activity.Select(entry => entry.ProjectId).ToArray())
                .With("visitor_ids", activity.Select(entry => entry.VisitorId).ToArray())
                .With("tab_ids", activity.Select(entry => entry.TabId).ToArray())
                .With("at_ms", activity.Select(entry => entry.AtMs).ToArray())
                .With("kinds", activity.Select(entry => entry.Kind).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<TabActivity>> ListOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT session_id, project_id, visitor_id, tab_id, at_ms, kind FROM tab_activity
                WHERE project_id = @project_id AND visitor_id = @visitor_id
                ORDER BY at_ms, session_id, kind
                """).With("project_id", projectId).With("visitor_id", visitorId);
            return await command.ReadAllAsync(
                reader => new TabActivity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5)),
                cancellationToken).ConfigureAwait(false);
        });
}
