using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

internal sealed class PostgresAlertStore(PostgresDatabase database) : IAlertStore
{
    private const string RuleColumns = "id, project_id, name, signal_type, url_contains, min_score, webhook_ids, enabled, created_at";
    private const string WebhookColumns = "id, project_id, name, url, format, secret, created_at";
    private const string DeliveryColumns = "id, webhook_id, project_id, rule_id, session_id, attempt, outcome, response_status, error, attempted_at";

    public Task SaveRuleAsync(AlertRuleRecord rule, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource => dataSource.CreateCommand($"""
                INSERT INTO alert_rules ({RuleColumns})
                VALUES (@id, @project_id, @name, @signal_type, @url_contains, @min_score, @webhook_ids, @enabled, @created_at)
                ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, signal_type = excluded.signal_type,
                    url_contains = excluded.url_contains, min_score = excluded.min_score, webhook_ids = excluded.webhook_ids,
                    enabled = excluded.enabled, created_at = excluded.created_at
                """)
            .With("id", rule.Id).With("project_id", rule.ProjectId).With("name", rule.Name).With("signal_type", rule.SignalType)
            .With("url_contains", rule.UrlContains).With("min_score", rule.MinScore).With("webhook_ids", rule.WebhookIds.ToArray())
            .With("enabled", rule.Enabled).WithInstant("created_at", rule.CreatedAt), cancellationToken);

    public Task<IReadOnlyList<AlertRuleRecord>> ListRulesAsync(string projectId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {RuleColumns} FROM alert_rules WHERE project_id = @key ORDER BY created_at, id", projectId, ReadRule, cancellationToken);

    public async Task<AlertRuleRecord?> GetRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {RuleColumns} FROM alert_rules WHERE id = @key", ruleId, ReadRule, cancellationToken)).SingleOrDefault();

    public async Task<bool> DeleteRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        await ExecuteAsync(dataSource => dataSource.CreateCommand("DELETE FROM alert_rules WHERE id = @id").With("id", ruleId), cancellationToken) == 1;

    public Task SaveWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource => dataSource.CreateCommand($"""
                INSERT INTO webhooks ({WebhookColumns}) VALUES (@id, @project_id, @name, @url, @format, @secret, @created_at)
                ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, url = excluded.url,
                    format = excluded.format, secret = excluded.secret, created_at = excluded.created_at
                """)
            .With("id", webhook.Id).With("project_id", webhook.ProjectId).With("name", webhook.Name).With("url", webhook.Url)
            .With("format", webhook.Format).With("secret", webhook.Secret).WithInstant("created_at", webhook.CreatedAt), cancellationToken);

    public Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string projectId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {WebhookColumns} FROM webhooks WHERE project_id = @key ORDER BY created_at, id", projectId, ReadWebhook, cancellationToken);

    public async Task<WebhookRecord?> GetWebhookAsync(string webhookId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {WebhookColumns} FROM webhooks WHERE id = @key", webhookId, ReadWebhook, cancellationToken)).SingleOrDefault();

    public async Task<bool> DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken) =>
        await ExecuteAsync(dataSource => dataSource.CreateCommand("DELETE FROM webhooks WHERE id = @id").With("id", webhookId), cancellationToken) == 1;

    public Task AddDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand(InsertDeliverySql);
            WithDelivery(command.Parameters, delivery);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, $"A delivery with id {delivery.Id} already exists.");

    /// <summary>Logs a delivery attempt with <see cref="WithDelivery"/>'s parameters; the delivery queue runs it in its own transactions.</summary>
    internal const string InsertDeliverySql = $"""
        INSERT INTO webhook_deliveries ({DeliveryColumns})
        VALUES (@id, @webhook_id, @project_id, @rule_id, @session_id, @attempt, @outcome, @response_status, @error, @attempted_at)
        """;

    internal static NpgsqlParameterCollection WithDelivery(NpgsqlParameterCollection parameters, WebhookDeliveryRecord delivery) =>
        parameters
            .With("id", delivery.Id).With("webhook_id", delivery.WebhookId).With("project_id", delivery.ProjectId)
            .With("rule_id", delivery.RuleId).With("session_id", delivery.SessionId).With("attempt", delivery.Attempt)
            .With("outcome", delivery.Outcome).With("response_status", delivery.ResponseStatus).With("error", delivery.Error)
            .WithInstant("attempted_at", delivery.AttemptedAt);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @key ORDER BY attempted_at DESC, id DESC LIMIT {Math.Clamp(limit, 1, 1000)}",
            webhookId, ReadDelivery, cancellationToken);

    private Task<int> ExecuteAsync(Func<NpgsqlDataSource, NpgsqlCommand> create, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = create(dataSource);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    private Task<IReadOnlyList<T>> ReadAsync<T>(string sql, string key, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<T>>(async dataSource =>
        {
            await using var command = dataSource.CreateCommand(sql).With("key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        });

    private static AlertRuleRecord ReadRule(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetNullableString(4),
        reader.GetNullableInt32(5), reader.GetFieldValue<string[]>(6), reader.GetBoolean(7), reader.GetInstant(8));

    private static WebhookRecord ReadWebhook(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetInstant(6));

    private static WebhookDeliveryRecord ReadDelivery(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
        reader.GetString(6), reader.GetNullableInt32(7), reader.GetNullableString(8), reader.GetInstant(9));
}
