namespace SessionKit.Silo.Storage;

/// <summary>
/// A fired rule still to be delivered to one of its webhooks: what the alert says, frozen when the rule fired (the rule
/// may be edited or deleted since), and where its delivery stands. <paramref name="Id"/> stays the same across retries,
/// so receivers can drop a repeat; <paramref name="Attempts"/> counts the attempts made so far; <paramref name="SignalJson"/>
/// is the signal that made the rule fire (null for a score-only rule), kept as JSON because storage never looks inside.
/// </summary>
public sealed record PendingDeliveryRecord(
    string Id,
    string SessionId,
    string RuleId,
    string WebhookId,
    string ProjectId,
    string RuleName,
    string? Url,
    int Score,
    string? SignalJson,
    DateTimeOffset FiredAt,
    int Attempts,
    DateTimeOffset NextAttemptAt);
