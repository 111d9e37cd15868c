using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteSessionStore(SqliteDatabase database) : ISessionStore
{
    public Task<bool> TryCreateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand(SessionRows.InsertIfAbsentSql).BindSession(session);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {SessionRows.Columns} FROM sessions WHERE id = $id")
            .With("$id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SessionRows.Read(reader) : null;
    }

    /// <summary>Writes the session's row, inserting it when absent.</summary>
    public Task UpdateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            SessionRows.Upsert(transaction, session, expectedNextOrdinal: session.NextOrdinal);
            return true;
        }, cancellationToken);

    /// <exception cref="StorageConflictException">The session already has a batch with that ordinal.</exception>
    public Task AppendBatchAsync(SessionRecord session, PendingBatch batch, CancellationToken cancellationToken)
    {
        RequireSameSession(session, batch.SessionId);
        return database.WriteAsync(transaction =>
        {
            SessionRows.Upsert(transaction, session, expectedNextOrdinal: batch.Ordinal);
            var (codec, data) = SegmentCodec.PendingStorage(batch);
            using var command = transaction.CreateCommand("""
                INSERT INTO pending_batches (session_id, ordinal, seq, event_count, codec, data)
                VALUES ($session_id, $ordinal, $seq, $event_count, $codec, $data)
                """)
                .With("$session_id", batch.SessionId)
                .With("$ordinal", batch.Ordinal)
                .With("$seq", batch.Seq)
                .With("$event_count", batch.EventCount)
                .With("$codec", codec)
                .With("$data", data);
            return command.ExecuteRefusingDuplicates($"Session {batch.SessionId} already has a batch {batch.Ordinal}.");
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingBatch>> GetPendingBatchesAsync(
        string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT ordinal, seq, event_count, codec, data FROM pending_batches
            WHERE session_id = $session_id ORDER BY ordinal
            """).With("$session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var batches = new List<PendingBatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new PendingBatch(
                sessionId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2),
                SegmentCodec.PendingEvents(reader.GetString(3), reader.GetFieldValue<byte[]>(4))));
        }

        return batches;
    }

    /// <exception cref="StorageConflictException">The session already has a chunk starting at that ordinal.</exception>
    public Task WriteChunkAsync(SessionRecord session, EventChunk chunk, CancellationToken cancellationToken)
    {
        RequireSameSession(session, chunk.SessionId);
        return database.WriteAsync(transaction =>
        {
            SessionRows.Upsert(transaction, session, expectedNextOrdinal: session.NextOrdinal);
            using (var insert = transaction.CreateCommand("""
                INSERT INTO event_chunks (session_id, first_ordinal, last_ordinal, event_count, raw_bytes, codec, data)
                VALUES ($session_id, $first_ordinal, $last_ordinal, $event_count, $raw_bytes, $codec, $data)
                """))
            {
                insert.With("$session_id", chunk.SessionId)
                    .With("$first_ordinal", chunk.FirstOrdinal)
                    .With("$last_ordinal", chunk.LastOrdinal)
                    .With("$event_count", chunk.EventCount)
                    .With("$raw_bytes", chunk.RawBytes)
                    .With("$codec", chunk.Codec)
                    .With("$data", chunk.Data)
                    .ExecuteRefusingDuplicates($"Session {chunk.SessionId} already has a chunk from {chunk.FirstOrdinal}.");
            }

            foreach (var blob in chunk.Blobs)
            {
                // The session's earlier chunks may have stored the same string: content-addressed, it is the same row.
                using var insertBlob = transaction.CreateCommand("""
                    INSERT INTO session_blobs (session_id, hash, data) VALUES ($session_id, $hash, $data)
                    ON CONFLICT (session_id, hash) DO NOTHING
                    """).With("$session_id", chunk.SessionId).With("$hash", blob.Hash).With("$data", blob.Data);
                insertBlob.ExecuteNonQuery();
            }

            using var delete = transaction.CreateCommand("""
                DELETE FROM pending_batches
                WHERE session_id = $session_id AND ordinal BETWEEN $first_ordinal AND $last_ordinal
                """)
                .With("$session_id", chunk.SessionId)
                .With("$first_ordinal", chunk.FirstOrdinal)
                .With("$last_ordinal", chunk.LastOrdinal);
            // Every batch the chunk covers must still be pending: fewer means another writer compacted some of
            // them already, and this chunk would store them twice. Throwing rolls this write's savepoint back.
            var deleted = delete.ExecuteNonQuery();
            return deleted == chunk.LastOrdinal - chunk.FirstOrdinal + 1
                ? deleted
                : throw new StorageConflictException($"Session {chunk.SessionId}: the batches of chunk {chunk.FirstOrdinal}-{chunk.LastOrdinal} are no longer all pending.", innerException: null);
        }, cancellationToken);
    }

    public async Task<byte[]?> GetBlobAsync(string sessionId, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT data FROM session_blobs WHERE session_id = $session_id AND hash = $hash")
            .With("$session_id", sessionId)
            .With("$hash", hash);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    /// <summary>
    /// One statement merging both tables by ordinal over their primary keys, so rows stream from the
    /// reader one at a time, and the whole read sees a single snapshot: a chunk written meanwhile
    /// neither duplicates nor drops the batches it replaces.
    /// </summary>
    public async IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(
        string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(ReadSegmentsSql).With("$session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredSegment(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
        }
    }

    internal const string ReadSegmentsSql = """
        SELECT first_ordinal, codec, data FROM event_chunks WHERE session_id = $session_id
        UNION ALL
        SELECT ordinal, codec, data FROM pending_batches WHERE session_id = $session_id
        ORDER BY 1
        """;

    /// <summary>
    /// <see cref="SessionQuery.StartedFrom"/> is inclusive and <see cref="SessionQuery.StartedTo"/> exclusive;
    /// <see cref="SessionQuery.UrlContains"/> matches the first URL or any page, ignoring ASCII case;
    /// <see cref="SessionQuery.MinDurationMs"/> is inclusive; <see cref="SessionQuery.Limit"/> is clamped to 1..200;
    /// a null or empty cursor asks for the first page.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor is malformed.</exception>
    public async Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var after = SessionPaging.After(query);
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SessionListCommand.Create(connection, query, after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<SessionRecord>(SessionPaging.ClampLimit(query.Limit) + 1);
        var scores = new List<int>(rows.Capacity);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(SessionRows.Read(reader));
            scores.Add(reader.GetInt32(reader.FieldCount - 1));
        }

        return SessionPaging.ToPage(rows, query.Limit, query.ByScore ? scores : null);
    }

    public async Task<IReadOnlyList<string>> FindInactiveSessionIdsAsync(
        DateTimeOffset lastActivityBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT id FROM sessions
            WHERE ended_at IS NULL AND last_activity_at < $before
            ORDER BY last_activity_at
            LIMIT $limit
            """)
            .With("$before", UnixTime.ToMs(lastActivityBefore))
            .With("$limit", Math.Max(limit, 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void RequireSameSession(SessionRecord session, string sessionId)
    {
        if (!string.Equals(session.Id, sessionId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The events belong to session {sessionId}, not {session.Id}.", nameof(session));
        }
    }
}
