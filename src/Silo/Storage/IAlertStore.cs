namespace SessionKit.Silo.Storage;

/// <summary>Alert rules, webhooks and the webhook delivery log; which rule fired for which session is <see cref="IAlertDeliveryQueue"/>'s.</summary>
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

    Task AddDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>The webhook's latest delivery attempts, newest first.</summary>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken);
}
