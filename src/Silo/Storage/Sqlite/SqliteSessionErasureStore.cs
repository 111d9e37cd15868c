namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// Tombstone first, then delete, in one transaction: the session's events, chunks, large strings, comments,
/// link and tab activity go with its row (ON DELETE CASCADE), and the sessions_stay_erased trigger keeps
/// the row from coming back.
/// </summary>
internal sealed class SqliteSessionErasureStore(SqliteDatabase database) : ISessionErasureStore
{
    public Task EraseSessionsAsync(IReadOnlyList<string> sessionIds, DateTimeOffset erasedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach (var sessionId in sessionIds)
            {
                using var tombstone = transaction.CreateCommand("""
                    INSERT INTO erased_sessions (session_id, erased_at) VALUES ($id, $erased_at) ON CONFLICT DO NOTHING
                    """).With("$id", sessionId).With("$erased_at", UnixTime.ToMs(erasedAt));
                tombstone.ExecuteNonQuery();
                using var delete = transaction.CreateCommand("DELETE FROM sessions WHERE id = $id").With("$id", sessionId);
                delete.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public async Task<bool> IsErasedAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT 1 FROM erased_sessions WHERE session_id = $id").With("$id", sessionId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
