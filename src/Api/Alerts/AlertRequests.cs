using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

public sealed record AlertRuleRequest(string? Name, string? SignalType, string? UrlContains, int? MinScore, IReadOnlyList<string>? WebhookIds, bool? Enabled)
{
    /// <summary>What is wrong with the rule, or null; <paramref name="webhooks"/> are the project's.</summary>
    public string? Problem(IReadOnlyList<WebhookRecord> webhooks) =>
        string.IsNullOrWhiteSpace(Name) || Name.Length > 200 ? "\"name\" (1-200 characters) is required."
        : SignalType is null && MinScore is null ? "A rule needs a \"signalType\", a \"minScore\", or both."
        : SignalType is not null && !SignalTypes.IsKnown(SignalType) ? $"\"signalType\" must be one of {string.Join(", ", SignalTypes.All)}."
        : MinScore is < 0 or > 99 ? "\"minScore\" must be 0-99 (the rule fires when the score goes above it)."
        : UrlContains is { Length: > 2000 } ? "\"urlContains\" is at most 2000 characters."
        : WebhookIds?.FirstOrDefault(id => webhooks.All(webhook => webhook.Id != id)) is { } unknown ? $"The project has no webhook '{unknown}'."
        : null;

    public AlertRuleRecord ToRecord(string id, string projectId, DateTimeOffset createdAt) => new(
        id, projectId, Name!.Trim(), SignalType, string.IsNullOrWhiteSpace(UrlContains) ? null : UrlContains, MinScore,
        [.. (WebhookIds ?? []).Distinct(StringComparer.Ordinal)], Enabled ?? true, createdAt);
}

public sealed record WebhookRequest(string? Name, string? Url, string? Format, string? Secret)
{
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Name) || Name.Length > 200 ? "\"name\" (1-200 characters) is required."
        : !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ? "\"url\" must be an absolute http or https URL."
        : Format is not null && !WebhookPayloads.Formats.Contains(Format) ? $"\"format\" must be one of {string.Join(", ", WebhookPayloads.Formats)}."
        : Secret is { Length: < 16 or > 200 } ? "\"secret\" must be 16-200 characters (or left out: the server makes one)."
        : null;

    public WebhookRecord ToRecord(string id, string projectId, string? keptSecret, DateTimeOffset createdAt) => new(
        id, projectId, Name!.Trim(), Url!, Format ?? WebhookPayloads.Json, Secret ?? keptSecret ?? WebhookSignature.NewSecret(), createdAt);
}

public sealed record AlertRuleResponse(
    string Id, string ProjectId, string Name, string? SignalType, string? UrlContains, int? MinScore, IReadOnlyList<string> WebhookIds,
    bool Enabled, DateTimeOffset CreatedAt)
{
    public static AlertRuleResponse From(AlertRuleRecord rule) => new(
        rule.Id, rule.ProjectId, rule.Name, rule.SignalType, rule.UrlContains, rule.MinScore, rule.WebhookIds, rule.Enabled, rule.CreatedAt);
}

public sealed record WebhookResponse(string Id, string ProjectId, string Name, string Url, string Format, string Secret, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookRecord webhook) => new(
        webhook.Id, webhook.ProjectId, webhook.Name, webhook.Url, webhook.Format, webhook.Secret, webhook.CreatedAt);
}

public sealed record WebhookDeliveryResponse(
    string Id, string RuleId, string SessionId, int Attempt, string Outcome, int? ResponseStatus, string? Error, DateTimeOffset AttemptedAt)
{
    public static WebhookDeliveryResponse From(WebhookDeliveryRecord delivery) => new(
        delivery.Id, delivery.RuleId, delivery.SessionId, delivery.Attempt, delivery.Outcome, delivery.ResponseStatus, delivery.Error, delivery.AttemptedAt);
}
