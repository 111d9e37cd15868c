using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteSignalStore(SqliteDatabase database) : ISignalStore
{
    public Task SaveSignalsAsync(IReadOnlyList<SignalRecord> signals, SessionScoreRecord score, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach (var signal in signals)
            {
                // Already stored by an earlier evaluation of the same stream: the same signal, kept as it is.
                using var insert = transaction.CreateCommand("""
                    INSERT OR IGNORE INTO session_signals
                        (session_id, idx, project_id, type, at_ms, url, target_selector, target_text, evidence, explanation)
                    VALUES ($session_id, $idx, $project_id, $type, $at_ms, $url, $target_selector, $target_text, $evidence, $explanation)
                    """)
                    .With("$session_id", signal.SessionId)
                    .With("$idx", signal.Index)
                    .With("$project_id", signal.ProjectId)
                    .With("$type", signal.Type)
                    .With("$at_ms", signal.At)
                    .With("$url", signal.Url)
                    .With("$target_selector", signal.TargetSelector)
                    .With("$target_text", signal.TargetText)
                    .With("$evidence", signal.EvidenceJson)
                    .With("$explanation", signal.Explanation);
                insert.ExecuteNonQuery();
            }

            using var upsert = transaction.CreateCommand("""
                INSERT INTO session_scores (session_id, project_id, score, signal_count, types, pages)
                VALUES ($session_id, $project_id, $score, $signal_count, $types, $pages)
                ON CONFLICT (session_id) DO UPDATE SET
                    score = excluded.score, signal_count = excluded.signal_count, types = excluded.types, pages = excluded.pages
                """)
                .With("$session_id", score.SessionId)
                .With("$project_id", score.ProjectId)
                .With("$score", score.Score)
                .With("$signal_count", score.SignalCount)
                .With("$types", SqliteJson.Write(score.Types))
                .With("$pages", PageScoresJson.Write(score.Pages));
            return upsert.ExecuteNonQuery();
        }, cancellationToken);

    public async Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT session_id, idx, project_id, type, at_ms, url, target_selector, target_text, evidence, explanation
            FROM session_signals WHERE session_id = $session_id ORDER BY idx
            """).With("$session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var signals = new List<SignalRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            signals.Add(new SignalRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetNullableString(5), reader.GetNullableString(6), reader.GetNullableString(7), reader.GetString(8), reader.GetString(9)));
        }

        return signals;
    }

    public async Task<SessionScoreRecord?> GetScoreAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT session_id, project_id, score, signal_count, types, pages FROM session_scores WHERE session_id = $session_id
            """).With("$session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<SessionScoreRecord>> GetScoresAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("""
            SELECT session_id, project_id, score, signal_count, types, pages FROM session_scores
            WHERE session_id IN (SELECT value FROM json_each($ids))
            """).With("$ids", SqliteJson.Write(sessionIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var scores = new List<SessionScoreRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            scores.Add(Read(reader));
        }

        return scores;
    }

    private static SessionScoreRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
        SqliteJson.ReadStrings(reader.GetString(4)), PageScoresJson.Read(reader.GetString(5)));
}
