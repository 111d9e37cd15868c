using System.Text.Json;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Alerts;

/// <summary>
/// Checks the project's alert rules against new signals. Each rule fires once per session: the firing and one pending
/// delivery per webhook of the rule are written together, so a fired rule is never left undelivered by a stopped node.
/// Delivery itself is the dispatcher's; the grain only writes the rows and wakes it.
/// </summary>
public sealed class AlertSink(IAlertStore alerts, IAlertDeliveryQueue queue, AlertDeliveryWakeUp wakeUp, TimeProvider clock) : ISignalSink
{
    public async Task OnRaisedAsync(SessionRecord session, IReadOnlyList<Signal> raised, SessionScore score)
    {
        foreach (var rule in await alerts.ListRulesAsync(session.ProjectId, CancellationToken.None))
        {
            var (matched, signal) = AlertRules.Match(rule, raised, score.Score);
            if (!matched)
            {
                continue;
            }

            var firedAt = clock.GetUtcNow();
            var url = signal?.Url ?? raised[^1].Url;
            var signalJson = signal is null ? null : JsonSerializer.Serialize(signal, SignalJson.Options);
            PendingDeliveryRecord[] deliveries = [.. rule.WebhookIds.Distinct(StringComparer.Ordinal).Select(webhookId => new PendingDeliveryRecord(
                Guid.CreateVersion7().ToString("N"), session.Id, rule.Id, webhookId, session.ProjectId, rule.Name, url, score.Score, signalJson,
                firedAt, Attempts: 0, NextAttemptAt: firedAt))];
            if (await queue.TryRecordFiringAsync(session.Id, rule.Id, firedAt, deliveries, CancellationToken.None) && deliveries.Length > 0)
            {
                wakeUp.Notify();
            }
        }
    }
}
