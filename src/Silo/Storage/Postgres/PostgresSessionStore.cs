using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Sessions and their events. Each write is one round trip: a multi-statement write goes as one
/// <see cref="NpgsqlBatch"/>, which PostgreSQL runs as one implicit transaction, so a failing statement
/// rolls back the ones before it. Commits wait for the WAL flush (synchronous_commit on, the default).
/// </summary>
internal sealed class PostgresSessionStore(PostgresDatabase database) : ISessionStore
{
    public Task<bool> TryCreateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand(SessionRows.InsertIfAbsentSql);
            SessionRows.Bind(command.Parameters, session);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        });

    public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand($"SELECT {SessionRows.Columns} FROM sessions WHERE id = @id")
                .With("id", sessionId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SessionRows.Read(reader) : null;
        });

    public Task<byte[]?> GetBlobAsync(string sessionId, string hash, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("SELECT data FROM session_blobs WHERE session_id = @session_id AND hash = @hash")
                .With("session_id", sessionId)
                .With("hash", hash);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        });

    /// <summary>Writes the session's row, inserting it when absent.</summary>
    public Task UpdateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand(SessionRows.UpsertSql);
            SessionRows.Bind(command.Parameters, session).With("expected_next_ordinal", session.NextOrdinal);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, SessionRows.StaleMessage(session.Id));

    /// <exception cref="StorageConflictException">The session already has a batch with that ordinal.</exception>
    public Task AppendBatchAsync(SessionRecord session, PendingBatch batch, CancellationToken cancellationToken)
    {
        RequireSameSession(session, batch.SessionId);
        return database.RunAsync(async dataSource =>
        {
            await using var write = dataSource.CreateBatch();
            write.BatchCommands.Add(SessionRows.Upsert(session, expectedNextOrdinal: batch.Ordinal));
            var (codec, data) = SegmentCodec.PendingStorage(batch);
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO pending_batches (session_id, ordinal, seq, event_count, codec, data)
                VALUES (@session_id, @ordinal, @seq, @event_count, @codec, @data)
                """);
            insert.Parameters
                .With("session_id", batch.SessionId)
                .With("ordinal", batch.Ordinal)
                .With("seq", batch.Seq)
                .With("event_count", batch.EventCount)
                .With("codec", codec)
                .With("data", data);
            write.BatchCommands.Add(insert);
            return await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, SessionRows.StaleMessage(batch.SessionId));
    }

    public Task<IReadOnlyList<PendingBatch>> GetPendingBatchesAsync(string sessionId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<PendingBatch>>(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT ordinal, seq, event_count, codec, data FROM pending_batches
                WHERE session_id = @session_id ORDER BY ordinal
                """).With("session_id", sessionId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var batches = new List<PendingBatch>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                batches.Add(new PendingBatch(
                    sessionId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2),
                    SegmentCodec.PendingEvents(reader.GetString(3), reader.GetFieldValue<byte[]>(4))));
            }

            return batches;
        });

    /// <exception cref="StorageConflictException">The session already has a chunk starting at that ordinal.</exception>
    public Task WriteChunkAsync(SessionRecord session, EventChunk chunk, CancellationToken cancellationToken)
    {
        RequireSameSession(session, chunk.SessionId);
        return database.RunAsync(async dataSource =>
        {
            await using var write = dataSource.CreateBatch();
            write.BatchCommands.Add(SessionRows.Upsert(session, expectedNextOrdinal: session.NextOrdinal));
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO event_chunks (session_id, first_ordinal, last_ordinal, event_count, raw_bytes, codec, data)
                VALUES (@session_id, @first_ordinal, @last_ordinal, @event_count, @raw_bytes, @codec, @data)
                """);
            insert.Parameters
                .With("session_id", chunk.SessionId)
                .With("first_ordinal", chunk.FirstOrdinal)
                .With("last_ordinal", chunk.LastOrdinal)
                .With("event_count", chunk.EventCount)
                .With("raw_bytes", chunk.RawBytes)
                .With("codec", chunk.Codec)
                .With("data", chunk.Data);
            write.BatchCommands.Add(insert);
            foreach (var blob in chunk.Blobs)
            {
                // The session's earlier chunks may have stored the same string: content-addressed, it is the same row.
                var insertBlob = new NpgsqlBatchCommand("""
                    INSERT INTO session_blobs (session_id, hash, data) VALUES (@session_id, @hash, @data)
                    ON CONFLICT (session_id, hash) DO NOTHING
                    """);
                insertBlob.Parameters.With("session_id", chunk.SessionId).With("hash", blob.Hash).With("data", blob.Data);
                write.BatchCommands.Add(insertBlob);
            }

            // Every batch the chunk covers must still be pending: fewer means another writer (an activation on
            // another node) compacted some of them already, and this chunk would store them twice.
            var delete = new NpgsqlBatchCommand("""
                WITH deleted AS (
                    DELETE FROM pending_batches
                    WHERE session_id = @session_id AND ordinal BETWEEN @first_ordinal AND @last_ordinal
                    RETURNING 1
                )
                SELECT CASE WHEN (SELECT count(*) FROM deleted) = @batches THEN 0
                    ELSE sessionkit_refuse_conflict('the chunk''s batches are no longer all pending') END
                """);
            delete.Parameters
                .With("session_id", chunk.SessionId)
                .With("first_ordinal", chunk.FirstOrdinal)
                .With("last_ordinal", chunk.LastOrdinal)
                .With("batches", chunk.LastOrdinal - chunk.FirstOrdinal + 1);
            write.BatchCommands.Add(delete);
            return await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, SessionRows.StaleMessage(chunk.SessionId));
    }

    /// <summary>
    /// One statement over both tables' primary keys, ordered by ordinal, so rows reach the client one at a
    /// time and the whole read sees a single snapshot: a chunk written meanwhile neither duplicates nor drops
    /// the batches it replaces.
    /// </summary>
    public IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(string sessionId, CancellationToken cancellationToken) =>
        database.StreamAsync((dataSource, ct) => ReadSegmentsAsync(dataSource, sessionId, ct), cancellationToken);

    internal const string ReadSegmentsSql = """
        SELECT first_ordinal, codec, data FROM event_chunks WHERE session_id = @session_id
        UNION ALL
        SELECT ordinal, codec, data FROM pending_batches WHERE session_id = @session_id
        ORDER BY 1
        """;

    private static async IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(
        NpgsqlDataSource dataSource, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSegmentsSql).With("session_id", sessionId);
        // Sequential: a megabyte chunk is read straight into its array instead of being buffered first.
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken)
            .ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var firstOrdinal = reader.GetInt64(0);
            var codec = reader.GetString(1);
            yield return new StoredSegment(firstOrdinal, codec, await reader.GetFieldValueAsync<byte[]>(2, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// <see cref="SessionQuery.StartedFrom"/> is inclusive and <see cref="SessionQuery.StartedTo"/> exclusive;
    /// <see cref="SessionQuery.UrlContains"/> matches the first URL or any page, ignoring case;
    /// <see cref="SessionQuery.MinDurationMs"/> is inclusive; <see cref="SessionQuery.Limit"/> is clamped to 1..200;
    /// a null or empty cursor asks for the first page.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor is malformed.</exception>
    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var after = SessionPaging.After(query);
        return database.RunAsync(async dataSource =>
        {
            await using var command = SessionListCommand.Create(dataSource, query, after);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<SessionRecord>(SessionPaging.ClampLimit(query.Limit) + 1);
            var scores = new List<int>(rows.Capacity);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(SessionRows.Read(reader));
                scores.Add(reader.GetInt32(reader.FieldCount - 1));
            }

            return SessionPaging.ToPage(rows, query.Limit, query.ByScore ? scores : null);
        });
    }

    public Task<IReadOnlyList<string>> FindInactiveSessionIdsAsync(
        DateTimeOffset lastActivityBefore, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<string>>(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT id FROM sessions
                WHERE ended_at IS NULL AND last_activity_at < @before
                ORDER BY last_activity_at
                LIMIT @limit
                """)
                .WithInstant("before", lastActivityBefore)
                .With("limit", Math.Max(limit, 0));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        });

    private static void RequireSameSession(SessionRecord session, string sessionId)
    {
        if (!string.Equals(session.Id, sessionId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The events belong to session {sessionId}, not {session.Id}.", nameof(session));
        }
    }
}
