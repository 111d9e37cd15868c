namespace SessionKit.Silo.Storage.Postgres;

internal sealed class PostgresVisitorAliasStore(PostgresDatabase database) : IVisitorAliasStore
{
    public Task<bool> AddAliasAsync(VisitorAlias alias, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // The key is the alias itself, so a repeated identify is the same row. One statement checks the
            // tombstone and inserts, so no erasure slips in between.
            await using var command = dataSource.CreateCommand("""
                WITH erased AS (SELECT 1 FROM erased_sessions WHERE session_id = @session_id),
                added AS (
                    INSERT INTO visitor_aliases (project_id, visitor_id, effective_from_ms, user_id, session_id)
                    SELECT @project_id, @visitor_id, @effective_from_ms, @user_id, @session_id
                    WHERE NOT EXISTS (SELECT 1 FROM erased)
                    ON CONFLICT DO NOTHING
                )
                SELECT NOT EXISTS (SELECT 1 FROM erased)
                """)
                .With("project_id", alias.ProjectId)
                .With("visitor_id", alias.VisitorId)
                .With("effective_from_ms", alias.EffectiveFromMs)
                .With("user_id", alias.UserId)
                .With("session_id", alias.SessionId);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });

    public Task<IReadOnlyList<VisitorAlias>> ListAliasesOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT project_id, visitor_id, user_id, effective_from_ms, session_id FROM visitor_aliases
                WHERE project_id = @project_id AND visitor_id = @visitor_id
                ORDER BY effective_from_ms, user_id
                """).With("project_id", projectId).With("visitor_id", visitorId);
            return await command.ReadAllAsync(
                reader => new VisitorAlias(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)),
                cancellationToken).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<string>> ListVisitorsOfPersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT DISTINCT visitor_id FROM visitor_aliases
                WHERE project_id = @project_id AND user_id = @user_id
                ORDER BY visitor_id
                """).With("project_id", projectId).With("user_id", userId);
            return await command.ReadAllAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        });

    public Task DeleteAliasesAsync(string projectId, string visitorId, string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM visitor_aliases WHERE project_id = @project_id AND visitor_id = @visitor_id AND user_id = @user_id
                """).With("project_id", projectId).With("visitor_id", visitorId).With("user_id", userId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
}
