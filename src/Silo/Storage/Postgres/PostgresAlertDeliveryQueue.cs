using Npgsql;
using NpgsqlTypes;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// The delivery queue in the shared database. Nodes claim with <c>FOR UPDATE SKIP LOCKED</c>: a row another node is
/// claiming is skipped rather than waited for, and a row it has claimed is no longer due, so two nodes never hold
/// the same delivery at once.
/// </summary>
internal sealed class PostgresAlertDeliveryQueue(PostgresDatabase database) : IAlertDeliveryQueue
{
    private const string Columns =
        "id, session_id, rule_id, webhook_id, project_id, rule_name, url, score, signal, fired_at, attempts, next_attempt_at";

    public Task<bool> TryRecordFiringAsync(
        string sessionId, string ruleId, DateTimeOffset firedAt, IReadOnlyList<PendingDeliveryRecord> deliveries, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // The primary key makes "once per session and rule" hold however many activations or nodes try.
            await using (var firing = new NpgsqlCommand("""
                INSERT INTO alert_firings (session_id, rule_id, fired_at) VALUES (@session_id, @rule_id, @fired_at)
                ON CONFLICT (session_id, rule_id) DO NOTHING
                """, connection, transaction))
            {
                firing.With("session_id", sessionId).With("rule_id", ruleId).WithInstant("fired_at", firedAt);
                if (await firing.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    return false;
                }
            }

            if (deliveries.Count > 0)
            {
                await using var insert = new NpgsqlBatch(connection, transaction);
                foreach (var delivery in deliveries)
                {
                    insert.BatchCommands.Add(Insert(sessionId, ruleId, delivery));
                }

                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<IReadOnlyList<PendingDeliveryRecord>> ClaimDueAsync(
        string claimant, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                WITH due AS (
                    SELECT id FROM pending_deliveries
                    WHERE next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                    ORDER BY next_attempt_at, id
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE pending_deliveries AS pending SET claimed_by = @claimant, claimed_until = @until
                FROM due WHERE pending.id = due.id
                RETURNING pending.id, pending.session_id, pending.rule_id, pending.webhook_id, pending.project_id, pending.rule_name,
                    pending.url, pending.score, pending.signal, pending.fired_at, pending.attempts, pending.next_attempt_at
                """)
                .With("claimant", claimant).WithInstant("now", now).WithInstant("until", now + lease).With("limit", Math.Max(limit, 0));
            var claimed = await command.ReadAllAsync(Read, cancellationToken).ConfigureAwait(false);
            // RETURNING gives no order.
            return (IReadOnlyList<PendingDeliveryRecord>)[.. claimed.OrderBy(row => row.NextAttemptAt).ThenBy(row => row.Id, StringComparer.Ordinal)];
        });

    public Task CompleteAsync(string deliveryId, WebhookDeliveryRecord? attempt, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // One batch, one implicit transaction: the row goes exactly when its last attempt is logged.
            await using var batch = dataSource.CreateBatch();
            var delete = new NpgsqlBatchCommand("DELETE FROM pending_deliveries WHERE id = @id");
            delete.Parameters.With("id", deliveryId);
            batch.BatchCommands.Add(delete);
            if (attempt is not null)
            {
                batch.BatchCommands.Add(LogAttempt(attempt));
            }

            return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<bool> RescheduleAsync(
        string deliveryId, string claimant, DateTimeOffset nextAttemptAt, WebhookDeliveryRecord attempt, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(LogAttempt(attempt));
            var update = new NpgsqlBatchCommand("""
                UPDATE pending_deliveries SET attempts = attempts + 1, next_attempt_at = @next, claimed_until = NULL, claimed_by = NULL
                WHERE id = @id AND claimed_by = @claimant
                """);
            update.Parameters.With("id", deliveryId).With("claimant", claimant).WithInstant("next", nextAttemptAt);
            batch.BatchCommands.Add(update);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return update.RecordsAffected == 1;
        });

    public Task ReleaseAsync(string deliveryId, string claimant, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE pending_deliveries SET claimed_until = NULL, claimed_by = NULL WHERE id = @id AND claimed_by = @claimant
                """).With("id", deliveryId).With("claimant", claimant);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    private static NpgsqlBatchCommand Insert(string sessionId, string ruleId, PendingDeliveryRecord delivery)
    {
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO pending_deliveries ({Columns})
            VALUES (@id, @session_id, @rule_id, @webhook_id, @project_id, @rule_name, @url, @score, @signal, @fired_at, @attempts, @next_attempt_at)
            """);
        insert.Parameters
            .With("id", delivery.Id).With("session_id", sessionId).With("rule_id", ruleId).With("webhook_id", delivery.WebhookId)
            .With("project_id", delivery.ProjectId).With("rule_name", delivery.RuleName).With("url", delivery.Url).With("score", delivery.Score)
            .WithInstant("fired_at", delivery.FiredAt).With("attempts", delivery.Attempts).WithInstant("next_attempt_at", delivery.NextAttemptAt);
        // json, not jsonb: the signal comes back exactly as written. Typed explicitly, as a string would go as text.
        insert.Parameters.Add(new NpgsqlParameter("signal", NpgsqlDbType.Json) { Value = (object?)delivery.SignalJson ?? DBNull.Value });
        return insert;
    }

    private static NpgsqlBatchCommand LogAttempt(WebhookDeliveryRecord attempt)
    {
        var command = new NpgsqlBatchCommand(PostgresAlertStore.InsertDeliverySql);
        PostgresAlertStore.WithDelivery(command.Parameters, attempt);
        return command;
    }

    private static PendingDeliveryRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetNullableString(6), reader.GetInt32(7), reader.GetNullableString(8), reader.GetInstant(9), reader.GetInt32(10), reader.GetInstant(11));
}
