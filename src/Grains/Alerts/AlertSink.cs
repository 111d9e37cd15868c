using Microsoft.Extensions.Logging;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Alerts;

/// <summary>Checks the project's alert rules against new signals; each rule fires once per session (recorded in storage), then waits in the outbox.</summary>
public sealed partial class AlertSink(IAlertStore alerts, AlertOutbox outbox, TimeProvider clock, ILogger<AlertSink> logger) : ISignalSink
{
    public async Task OnRaisedAsync(SessionRecord session, IReadOnlyList<Signal> raised, SessionScore score)
    {
        foreach (var rule in await alerts.ListRulesAsync(session.ProjectId, CancellationToken.None))
        {
            var (matched, signal) = AlertRules.Match(rule, raised, score.Score);
            if (!matched || !await alerts.TryRecordFiringAsync(session.Id, rule.Id, clock.GetUtcNow(), CancellationToken.None))
            {
                continue;
            }

            var notice = new AlertNotice(rule, session.Id, session.ProjectId, signal?.Url ?? raised[^1].Url, score.Score, signal, clock.GetUtcNow());
            if (!outbox.TryEnqueue(notice))
            {
                LogDropped(logger, rule.Id, session.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {RuleId} fired for session {SessionId} but the delivery queue is full; it is not delivered")]
    private static partial void LogDropped(ILogger logger, string ruleId, string sessionId);
}
