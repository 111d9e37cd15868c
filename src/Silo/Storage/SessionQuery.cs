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
    public int Limit { get; init; } = 50;
    /// <summary>Opaque cursor from the previous page's <see cref="SessionPage.NextCursor"/>.</summary>
    public string? Cursor { get; init; }
}

public sealed record SessionPage(IReadOnlyList<SessionRecord> Items, string? NextCursor);
