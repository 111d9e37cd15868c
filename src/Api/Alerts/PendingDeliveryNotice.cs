using System.Text.Json;
using SessionKit.Grains.Alerts;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

/// <summary>The alert a pending delivery carries, as <see cref="WebhookPayloads"/> takes it.</summary>
public static class PendingDeliveryNotice
{
    /// <summary>
    /// Built from the row alone, not the current rule: the alert says what fired, even if the rule was edited or
    /// deleted since. The payloads read the rule's id and name only; the rest of the rule is what the row knows.
    /// </summary>
    public static AlertNotice From(PendingDeliveryRecord delivery)
    {
        var signal = delivery.SignalJson is null ? null : JsonSerializer.Deserialize<Signal>(delivery.SignalJson, SignalJson.Options);
        var rule = new AlertRuleRecord(
            delivery.RuleId, delivery.ProjectId, delivery.RuleName, signal?.Type, UrlContains: null, MinScore: null,
            [delivery.WebhookId], Enabled: true, delivery.FiredAt);
        return new AlertNotice(rule, delivery.SessionId, delivery.ProjectId, delivery.Url, delivery.Score, signal, delivery.FiredAt);
    }
}
