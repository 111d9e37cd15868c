namespace SessionKit.Silo.Storage;

/// <summary>Alert rules, webhooks, which rule fired for which session, and the webhook delivery log.</summary>
public interface IAlertStore
{
    /// <summary>Inserts the rule, or replaces the one with its id.</summary>
    Task SaveRuleAsync(AlertRuleRecord rule, CancellationToken cancellationToken);

    /// <summary>The project's rules, oldest first.</summary>
    Task<IReadOnlyList<AlertRuleRecord>> ListRulesAsync(string projectId, CancellationToken cancellationToken);

    Task<AlertRuleRecord?> GetRuleAsync(string ruleId, CancellationToken cancellationToken);

    Task<bool> DeleteRuleAsync(string ruleId, CancellationToken cancellationToken);

    /// <summary>Inserts the webhook, or replaces the one with its id.</summary>
    Task SaveWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken);

    /// <summary>The project's webhooks, oldest first.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string projectId, CancellationToken cancellationToken);

    Task<WebhookRecord?> GetWebhookAsync(string webhookId, CancellationToken cancellationToken);

    Task<bool> DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>Records that the rule fired for the session; false when it had already (a rule fires once per session).</summary>
    Task<bool> TryRecordFiringAsync(string sessionId, string ruleId, DateTimeOffset firedAt, CancellationToken cancellationToken);

    Task AddDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>The webhook's latest delivery attempts, newest first.</summary>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken);
}
