using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Alerts;

/// <summary>
/// A rule that fired for a session, to be delivered to the rule's webhooks. <paramref name="Signal"/> is the signal
/// that made it fire (null for a score-only rule); <paramref name="Url"/> is the page concerned.
/// </summary>
public sealed record AlertNotice(
    AlertRuleRecord Rule, string SessionId, string ProjectId, string? Url, int Score, Signal? Signal, DateTimeOffset FiredAt);
