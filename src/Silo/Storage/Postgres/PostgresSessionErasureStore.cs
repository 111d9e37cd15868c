namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Tombstones and deletion in one statement (one transaction): the sessions' events, chunks, large strings,
/// comments, links and tab activity go with their rows (ON DELETE CASCADE), and the sessions_stay_erased
/// trigger keeps the rows from coming back.
/// </summary>
internal sealed class PostgresSessionErasureStore(PostgresDatabase database) : ISessionErasureStore
{
    public Task EraseSessionsAsync(IReadOnlyList<string> sessionIds, DateTimeOffset erasedAt, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                WITH tombstones AS (
                    INSERT INTO erased_sessions (session_id, erased_at)
                    SELECT id, @erased_at FROM unnest(@ids) AS erased (id)
                    ON CONFLICT DO NOTHING
                )
                DELETE FROM sessions WHERE id = ANY (@ids)
                """).With("ids", sessionIds.ToArray()).WithInstant("erased_at", erasedAt);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<bool> IsErasedAsync(string sessionId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("SELECT 1 FROM erased_sessions WHERE session_id = @id").With("id", sessionId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        });
}
