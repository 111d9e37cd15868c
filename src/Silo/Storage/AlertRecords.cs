namespace SessionKit.Silo.Storage;

/// <summary>
/// A project's alert rule: fires once per session when a signal of <paramref name="SignalType"/> (on a page whose URL
/// contains <paramref name="UrlContains"/>) is raised and/or the session's score goes above <paramref name="MinScore"/>.
/// </summary>
public sealed record AlertRuleRecord(
    string Id,
    string ProjectId,
    string Name,
    string? SignalType,
    string? UrlContains,
    int? MinScore,
    IReadOnlyList<string> WebhookIds,
    bool Enabled,
    DateTimeOffset CreatedAt);

/// <summary>Where a project's alerts are posted; <paramref name="Format"/> is json, slack or discord; <paramref name="Secret"/> signs each body.</summary>
public sealed record WebhookRecord(string Id, string ProjectId, string Name, string Url, string Format, string Secret, DateTimeOffset CreatedAt);

/// <summary>One attempt to deliver an alert to a webhook; <paramref name="Outcome"/> is delivered, retrying or failed.</summary>
public sealed record WebhookDeliveryRecord(
    string Id,
    string WebhookId,
    string ProjectId,
    string RuleId,
    string SessionId,
    int Attempt,
    string Outcome,
    int? ResponseStatus,
    string? Error,
    DateTimeOffset AttemptedAt);
