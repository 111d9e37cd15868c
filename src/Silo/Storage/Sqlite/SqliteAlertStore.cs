using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string RuleColumns = "id, project_id, name, signal_type, url_contains, min_score, webhook_ids, enabled, created_at";
    private const string WebhookColumns = "id, project_id, name, url, format, secret, created_at";
    private const string DeliveryColumns = "id, webhook_id, project_id, rule_id, session_id, attempt, outcome, response_status, error, attempted_at";

    public Task SaveRuleAsync(AlertRuleRecord rule, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"""
                INSERT OR REPLACE INTO alert_rules ({RuleColumns})
                VALUES ($id, $project_id, $name, $signal_type, $url_contains, $min_score, $webhook_ids, $enabled, $created_at)
                """)
                .With("$id", rule.Id).With("$project_id", rule.ProjectId).With("$name", rule.Name)
                .With("$signal_type", rule.SignalType).With("$url_contains", rule.UrlContains).With("$min_score", rule.MinScore)
                .With("$webhook_ids", SqliteJson.Write(rule.WebhookIds)).With("$enabled", rule.Enabled)
                .With("$created_at", UnixTime.ToMs(rule.CreatedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<AlertRuleRecord>> ListRulesAsync(string projectId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {RuleColumns} FROM alert_rules WHERE project_id = $key ORDER BY created_at, id", projectId, ReadRule, cancellationToken);

    public async Task<AlertRuleRecord?> GetRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {RuleColumns} FROM alert_rules WHERE id = $key", ruleId, ReadRule, cancellationToken)).SingleOrDefault();

    public Task<bool> DeleteRuleAsync(string ruleId, CancellationToken cancellationToken) => DeleteAsync("alert_rules", ruleId, cancellationToken);

    public Task SaveWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"""
                INSERT OR REPLACE INTO webhooks ({WebhookColumns})
                VALUES ($id, $project_id, $name, $url, $format, $secret, $created_at)
                """)
                .With("$id", webhook.Id).With("$project_id", webhook.ProjectId).With("$name", webhook.Name).With("$url", webhook.Url)
                .With("$format", webhook.Format).With("$secret", webhook.Secret).With("$created_at", UnixTime.ToMs(webhook.CreatedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string projectId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {WebhookColumns} FROM webhooks WHERE project_id = $key ORDER BY created_at, id", projectId, ReadWebhook, cancellationToken);

    public async Task<WebhookRecord?> GetWebhookAsync(string webhookId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {WebhookColumns} FROM webhooks WHERE id = $key", webhookId, ReadWebhook, cancellationToken)).SingleOrDefault();

    public Task<bool> DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken) => DeleteAsync("webhooks", webhookId, cancellationToken);

    public Task AddDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => InsertDelivery(transaction, delivery), cancellationToken);

    /// <summary>Logs a delivery attempt within <paramref name="transaction"/>; the delivery queue logs with its own changes.</summary>
    internal static int InsertDelivery(SqliteTransaction transaction, WebhookDeliveryRecord delivery)
    {
        using var command = transaction.CreateCommand($"""
            INSERT INTO webhook_deliveries ({DeliveryColumns})
            VALUES ($id, $webhook_id, $project_id, $rule_id, $session_id, $attempt, $outcome, $response_status, $error, $attempted_at)
            """)
            .With("$id", delivery.Id).With("$webhook_id", delivery.WebhookId).With("$project_id", delivery.ProjectId)
            .With("$rule_id", delivery.RuleId).With("$session_id", delivery.SessionId).With("$attempt", delivery.Attempt)
            .With("$outcome", delivery.Outcome).With("$response_status", delivery.ResponseStatus).With("$error", delivery.Error)
            .With("$attempted_at", UnixTime.ToMs(delivery.AttemptedAt));
        return command.ExecuteRefusingDuplicates($"A delivery with id {delivery.Id} already exists.");
    }

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken)
    {
        var all = await ReadAsync(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = $key ORDER BY attempted_at DESC, id DESC LIMIT {Math.Clamp(limit, 1, 1000)}",
            webhookId, ReadDelivery, cancellationToken);
        return all;
    }

    private Task<bool> DeleteAsync(string table, string id, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"DELETE FROM {table} WHERE id = $id").With("$id", id);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, string key, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(sql).With("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static AlertRuleRecord ReadRule(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetNullableString(4),
        reader.GetNullableInt32(5), SqliteJson.ReadStrings(reader.GetString(6)), reader.GetBoolean(7), UnixTime.FromMs(reader.GetInt64(8)));

    private static WebhookRecord ReadWebhook(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        UnixTime.FromMs(reader.GetInt64(6)));

    private static WebhookDeliveryRecord ReadDelivery(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
        reader.GetString(6), reader.GetNullableInt32(7), reader.GetNullableString(8), UnixTime.FromMs(reader.GetInt64(9)));
}
