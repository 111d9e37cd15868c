using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>Pure functions that keep a session's metadata current as commands and batches arrive.</summary>
public static class SessionMetadata
{
    public static SessionRecord Create(string sessionId, StartSession command, DateTimeOffset now) => new()
    {
        Id = sessionId,
        ProjectId = command.ProjectId,
        VisitorId = command.VisitorId,
        TabId = command.TabId,
        UserAgent = command.UserAgent,
        Referrer = command.Referrer,
        ScreenWidth = command.ScreenWidth,
        ScreenHeight = command.ScreenHeight,
        FirstUrl = command.Url,
        Pages = string.IsNullOrEmpty(command.Url) ? [] : [command.Url],
        StartedAt = command.StartedAt,
        LastActivityAt = now,
    };

    /// <summary>The session after <paramref name="batch"/> was accepted at <paramref name="now"/>.</summary>
    public static SessionRecord Apply(SessionRecord session, AppendBatch batch, DateTimeOffset now, SessionOptions options)
    {
        var first = Min(session.FirstEventAt, batch.MinTimestamp);
        var last = Max(session.LastEventAt, batch.MaxTimestamp);
        var pages = AddPages(session.Pages, batch.PageUrls, options.MaxPagesListed);
        return SeqWindow.Add(session, batch.Seq, options.MaxOutOfOrderBatches, options.MaxSeqHoles) with
        {
            FirstUrl = session.FirstUrl ?? pages.FirstOrDefault(),
            Pages = pages,
            FirstEventAt = first,
            LastEventAt = last,
            DurationMs = first is { } f && last is { } l ? Math.Max(0, l - f) : 0,
            EventCount = session.EventCount + batch.EventCount,
            ByteSize = session.ByteSize + batch.EventsJson.Length,
            BatchCount = session.BatchCount + 1,
            LastActivityAt = now,
            EndedAt = null,
            NextOrdinal = session.NextOrdinal + 1,
        };
    }

    private static IReadOnlyList<string> AddPages(IReadOnlyList<string> pages, IReadOnlyList<string> visited, int max)
    {
        if (visited.Count == 0 || pages.Count >= max)
        {
            return pages;
        }

        var result = new List<string>(pages);
        foreach (var url in visited)
        {
            // A page is listed once, at its first visit, so the list reads as "where did they go".
            if (result.Count < max && !string.IsNullOrEmpty(url) && !result.Contains(url, StringComparer.Ordinal))
            {
                result.Add(url);
            }
        }

        return result;
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
