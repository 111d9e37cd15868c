using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Live;

public enum WatchStatus
{
    Streaming,
    AwaitingConsent,
    ConsentDenied,
}

public enum LiveSessionChange
{
    Started,
    Updated,
    Ended,
}

/// <summary>A node's viewers of one session; a lease that lapses unless renewed (0 viewers releases it).</summary>
public sealed record ViewerLease(string NodeId, int Viewers, bool RequireConsent);

/// <summary>
/// What a new viewer needs first: the latest full snapshot and everything since, joined by commas, up to
/// and including arrival number <paramref name="Seq"/>. Empty when no snapshot is in memory yet.
/// </summary>
public sealed record LiveCatchUp(string ProjectId, WatchStatus Status, long Seq, byte[] EventsJson, int Viewers);

/// <summary>What an ingest answer tells the SDK about live viewing.</summary>
public sealed record LiveDirective(int Viewers, int FlushIntervalMs);

public sealed record LiveSessionSummary(
    string Id,
    string ProjectId,
    string? VisitorId,
    string? TabId,
    string? UserAgent,
    string? CurrentUrl,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? EndedAt,
    string Status,
    long EventCount,
    long DurationMs,
    int ViewerCount);

// Messages on the live bus (topic: LiveTopics.Session or LiveTopics.Project).

/// <summary>An ingest batch for the session's viewers; <paramref name="Seq"/> is its arrival number.</summary>
public sealed record LiveBatchPublished(string SessionId, long Seq, ReadOnlyMemory<byte> EventsJson);

public sealed record LiveSessionPublished(LiveSessionChange Change, LiveSessionSummary Session);

public sealed record LiveViewersChanged(string SessionId, int Viewers);

public sealed record LiveConsentChanged(string SessionId, WatchStatus Status);

public sealed record LiveCommentPublished(CommentRecord Comment);
