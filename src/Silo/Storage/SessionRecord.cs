namespace SessionKit.Silo.Storage;

/// <summary>A recording session's metadata as stored. Times of events are the client's Unix milliseconds.</summary>
public sealed record SessionRecord
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public string? VisitorId { get; init; }
    public string? TabId { get; init; }
    public string? UserAgent { get; init; }
    public string? Referrer { get; init; }
    public int? ScreenWidth { get; init; }
    public int? ScreenHeight { get; init; }
    public string? FirstUrl { get; init; }
    public IReadOnlyList<string> Pages { get; init; } = [];
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Server time of the last accepted batch; drives the inactivity timeout.</summary>
    public required DateTimeOffset LastActivityAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public long? FirstEventAt { get; init; }
    public long? LastEventAt { get; init; }
    public long DurationMs { get; init; }
    public long EventCount { get; init; }
    /// <summary>Uncompressed bytes of event JSON received.</summary>
    public long ByteSize { get; init; }
    public long BatchCount { get; init; }
    /// <summary>Every seq at or below this has been stored; -1 when none.</summary>
    public long SeqFloor { get; init; } = -1;
    /// <summary>Stored seqs above <see cref="SeqFloor"/> (batches that arrived out of order), ascending.</summary>
    public IReadOnlyList<long> SeqsAboveFloor { get; init; } = [];
    /// <summary>
    /// Runs of seqs at or below <see cref="SeqFloor"/> that were never stored: gaps the floor passed over to
    /// keep <see cref="SeqsAboveFloor"/> short. A late batch inside one is still stored. Ascending.
    /// </summary>
    public IReadOnlyList<SeqRange> SeqHoles { get; init; } = [];
    /// <summary>
    /// At or below this, a seq outside <see cref="SeqHoles"/> may or may not be stored (the oldest holes were
    /// forgotten to bound memory); -1 when every seq at or below the floor is known.
    /// </summary>
    public long SeqUnknownThrough { get; init; } = -1;
    /// <summary>Arrival position the next batch gets; orders batches and chunks.</summary>
    public long NextOrdinal { get; init; }
    /// <summary>The visitor's answer to being watched live, where the project asks: null until asked and answered.</summary>
    public bool? LiveConsentGranted { get; init; }
}
