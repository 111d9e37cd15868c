using SessionKit.Api.Ingest;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Sessions;

/// <summary>A session as the API shows it (see docs/api.md).</summary>
public sealed record SessionResponse(
    string Id,
    string ProjectId,
    string? VisitorId,
    string? TabId,
    string? UserAgent,
    string? Referrer,
    ScreenSize? Screen,
    string? FirstUrl,
    IReadOnlyList<string> Pages,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? EndedAt,
    string Status,
    long DurationMs,
    long EventCount,
    long ByteSize,
    long? FirstEventAt)
{
    /// <summary>In lists: the session's frustration score (0 without signals) and the types of its signals.</summary>
    public int? FrustrationScore { get; init; }

    public IReadOnlyList<string>? SignalTypes { get; init; }

    public static SessionResponse From(SessionRecord session) => new(
        session.Id,
        session.ProjectId,
        session.VisitorId,
        session.TabId,
        session.UserAgent,
        session.Referrer,
        session.ScreenWidth is { } w && session.ScreenHeight is { } h ? new ScreenSize(w, h) : null,
        session.FirstUrl,
        session.Pages,
        session.StartedAt,
        session.LastActivityAt,
        session.EndedAt,
        session.EndedAt is null ? "active" : "ended",
        session.DurationMs,
        session.EventCount,
        session.ByteSize,
        session.FirstEventAt);
}

public sealed record SessionListResponse(IReadOnlyList<SessionResponse> Items, string? NextCursor);
