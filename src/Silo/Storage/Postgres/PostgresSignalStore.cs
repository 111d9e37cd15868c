using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>Signals and the score go in one <see cref="NpgsqlBatch"/>: one round trip, one implicit transaction.</summary>
internal sealed class PostgresSignalStore(PostgresDatabase database) : ISignalStore
{
    public Task SaveSignalsAsync(IReadOnlyList<SignalRecord> signals, SessionScoreRecord score, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var write = dataSource.CreateBatch();
            foreach (var signal in signals)
            {
                // Already stored by an earlier evaluation of the same stream: the same signal, kept as it is.
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO session_signals
                        (session_id, idx, project_id, type, at_ms, url, target_selector, target_text, evidence, explanation)
                    VALUES (@session_id, @idx, @project_id, @type, @at_ms, @url, @target_selector, @target_text, @evidence, @explanation)
                    ON CONFLICT (session_id, idx) DO NOTHING
                    """);
                insert.Parameters
                    .With("session_id", signal.SessionId)
                    .With("idx", signal.Index)
                    .With("project_id", signal.ProjectId)
                    .With("type", signal.Type)
                    .With("at_ms", signal.At)
                    .With("url", signal.Url)
                    .With("target_selector", signal.TargetSelector)
                    .With("target_text", signal.TargetText)
                    .WithJsonb("evidence", signal.EvidenceJson)
                    .With("explanation", signal.Explanation);
                write.BatchCommands.Add(insert);
            }

            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO session_scores (session_id, project_id, score, signal_count, types, pages)
                VALUES (@session_id, @project_id, @score, @signal_count, @types, @pages)
                ON CONFLICT (session_id) DO UPDATE SET
                    score = excluded.score, signal_count = excluded.signal_count, types = excluded.types, pages = excluded.pages
                """);
            upsert.Parameters
                .With("session_id", score.SessionId)
                .With("project_id", score.ProjectId)
                .With("score", score.Score)
                .With("signal_count", score.SignalCount)
                .With("types", score.Types.ToArray())
                .WithJsonb("pages", PageScoresJson.Write(score.Pages));
            write.BatchCommands.Add(upsert);
            return await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string sessionId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<SignalRecord>>(async dataSource =>
        {
            // evidence::text gives the JSON back as text; jsonb may reorder keys, which a reader of the object never sees.
            await using var command = dataSource.CreateCommand("""
                SELECT session_id, idx, project_id, type, at_ms, url, target_selector, target_text, evidence::text, explanation
                FROM session_signals WHERE session_id = @session_id ORDER BY idx
                """).With("session_id", sessionId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var signals = new List<SignalRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                signals.Add(new SignalRecord(
                    reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                    reader.GetNullableString(5), reader.GetNullableString(6), reader.GetNullableString(7), reader.GetString(8), reader.GetString(9)));
            }

            return signals;
        });

    public async Task<SessionScoreRecord?> GetScoreAsync(string sessionId, CancellationToken cancellationToken) =>
        (await GetScoresAsync([sessionId], cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<SessionScoreRecord>> GetScoresAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<SessionScoreRecord>>(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                SELECT session_id, project_id, score, signal_count, types, pages::text FROM session_scores WHERE session_id = ANY (@ids)
                """).With("ids", sessionIds.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var scores = new List<SessionScoreRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                scores.Add(new SessionScoreRecord(
                    reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                    reader.GetFieldValue<string[]>(4), PageScoresJson.Read(reader.GetString(5))));
            }

            return scores;
        });
}
