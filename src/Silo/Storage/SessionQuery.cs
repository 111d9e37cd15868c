namespace SessionKit.Silo.Storage;

/// <summary>Filters for a project's session list. Results are newest first (StartedAt, then Id, descending).</summary>
public sealed record SessionQuery
{
    public required string ProjectId { get; init; }
    public DateTimeOffset? StartedFrom { get; init; }
    public DateTimeOffset? StartedTo { get; init; }
    /// <summary>Case-insensitive substring of any visited page URL.</summary>
    public string? UrlContains { get; init; }
    public long? MinDurationMs { get; init; }
    /// <summary>Only sessions recorded on this device visitor.</summary>
    public string? VisitorId { get; init; }
    /// <summary>Only sessions linked to this person.</summary>
    public string? UserId { get; init; }
    /// <summary>Only sessions of persons whose trait of this name has <see cref="TraitValue"/>; both or neither.</summary>
    public string? TraitName { get; init; }
    public string? TraitValue { get; init; }
    /// <summary>Only sessions whose frustration score is at least this; a session without signals scores 0.</summary>
    public int? MinScore { get; init; }
    /// <summary>Only sessions with at least one signal of this type.</summary>
    public string? SignalType { get; init; }
    /// <summary>Most frustrated first (score descending, then newest first) instead of newest first.</summary>
    public bool ByScore { get; init; }
    public int Limit { get; init; } = 50;
    /// <summary>Opaque cursor from the previous page's <see cref="SessionPage.NextCursor"/>.</summary>
    public string? Cursor { get; init; }
}

public sealed record SessionPage(IReadOnlyList<SessionRecord> Items, string? NextCursor);
