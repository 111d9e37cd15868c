using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// The delivery queue in the embedded database. Every write, a claim included, goes through the single writer, so a
/// claim is one UPDATE ... RETURNING that no other claim can interleave with.
/// </summary>
internal sealed class SqliteAlertDeliveryQueue(SqliteDatabase database) : IAlertDeliveryQueue
{
    private const string Columns =
        "id, session_id, rule_id, webhook_id, project_id, rule_name, url, score, signal, fired_at, attempts, next_attempt_at";

    public Task<bool> TryRecordFiringAsync(
        string sessionId, string ruleId, DateTimeOffset firedAt, IReadOnlyList<PendingDeliveryRecord> deliveries, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            // The primary key makes "once per session and rule" hold however many activations or nodes try.
            using var firing = transaction.CreateCommand(
                "INSERT OR IGNORE INTO alert_firings (session_id, rule_id, fired_at) VALUES ($session_id, $rule_id, $fired_at)")
                .With("$session_id", sessionId).With("$rule_id", ruleId).With("$fired_at", UnixTime.ToMs(firedAt));
            if (firing.ExecuteNonQuery() != 1)
            {
                return false;
            }

            foreach (var delivery in deliveries)
            {
                using var insert = transaction.CreateCommand($"""
                    INSERT INTO pending_deliveries ({Columns})
                    VALUES ($id, $session_id, $rule_id, $webhook_id, $project_id, $rule_name, $url, $score, $signal, $fired_at, $attempts, $next_attempt_at)
                    """)
                    .With("$id", delivery.Id).With("$session_id", sessionId).With("$rule_id", ruleId)
                    .With("$webhook_id", delivery.WebhookId).With("$project_id", delivery.ProjectId).With("$rule_name", delivery.RuleName)
                    .With("$url", delivery.Url).With("$score", delivery.Score).With("$signal", delivery.SignalJson)
                    .With("$fired_at", UnixTime.ToMs(delivery.FiredAt)).With("$attempts", delivery.Attempts)
                    .With("$next_attempt_at", UnixTime.ToMs(delivery.NextAttemptAt));
                insert.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<PendingDeliveryRecord>> ClaimDueAsync(
        string claimant, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        var claimed = await database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"""
                UPDATE pending_deliveries SET claimed_by = $claimant, claimed_until = $until
                WHERE id IN (
                    SELECT id FROM pending_deliveries
                    WHERE next_attempt_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now)
                    ORDER BY next_attempt_at, id LIMIT $limit)
                RETURNING {Columns}
                """)
                .With("$claimant", claimant).With("$now", UnixTime.ToMs(now)).With("$until", UnixTime.ToMs(now + lease))
                .With("$limit", Math.Max(limit, 0));
            using var reader = command.ExecuteReader();
            var rows = new List<PendingDeliveryRecord>();
            while (reader.Read())
            {
                rows.Add(Read(reader));
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);

        // RETURNING gives no order.
        return [.. claimed.OrderBy(row => row.NextAttemptAt).ThenBy(row => row.Id, StringComparer.Ordinal)];
    }

    public Task CompleteAsync(string deliveryId, WebhookDeliveryRecord? attempt, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var delete = transaction.CreateCommand("DELETE FROM pending_deliveries WHERE id = $id").With("$id", deliveryId);
            delete.ExecuteNonQuery();
            if (attempt is not null)
            {
                SqliteAlertStore.InsertDelivery(transaction, attempt);
            }

            return true;
        }, cancellationToken);

    public Task<bool> RescheduleAsync(
        string deliveryId, string claimant, DateTimeOffset nextAttemptAt, WebhookDeliveryRecord attempt, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            SqliteAlertStore.InsertDelivery(transaction, attempt);
            using var update = transaction.CreateCommand("""
                UPDATE pending_deliveries SET attempts = attempts + 1, next_attempt_at = $next, claimed_until = NULL, claimed_by = NULL
                WHERE id = $id AND claimed_by = $claimant
                """).With("$id", deliveryId).With("$claimant", claimant).With("$next", UnixTime.ToMs(nextAttemptAt));
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task ReleaseAsync(string deliveryId, string claimant, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var update = transaction.CreateCommand("""
                UPDATE pending_deliveries SET claimed_until = NULL, claimed_by = NULL WHERE id = $id AND claimed_by = $claimant
                """).With("$id", deliveryId).With("$claimant", claimant);
            return update.ExecuteNonQuery();
        }, cancellationToken);

    private static PendingDeliveryRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetNullableString(6), reader.GetInt32(7), reader.GetNullableString(8), UnixTime.FromMs(reader.GetInt64(9)),
        reader.GetInt32(10), UnixTime.FromMs(reader.GetInt64(11)));
}
