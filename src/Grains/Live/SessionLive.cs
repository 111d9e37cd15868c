using SessionKit.Grains.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Live;

/// <summary>
/// A session grain's live side, all in memory: the catch-up buffer, the viewer leases, whether the
/// visitor's consent is needed, and the throttles on summaries and snapshot requests.
/// </summary>
public sealed class SessionLive(LiveOptions options, TimeProvider clock)
{
    private readonly LiveBuffer _buffer = new(options.CatchUpMaxBytes);
    private readonly ViewerLeases _leases = new(options.ViewerLeaseDuration);
    private DateTimeOffset _lastSummaryAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSnapshotRequestAt = DateTimeOffset.MinValue;
    private bool _summaryPending;
    private int _reportedViewers;

    public string? CurrentUrl { get; private set; }

    public int Viewers => _leases.Total(clock.GetUtcNow());

    public void Record(AppendBatch batch)
    {
        _buffer.Add(batch.EventsJson, batch.SnapshotOffset);
        if (batch.PageUrls.Count > 0)
        {
            CurrentUrl = batch.PageUrls[^1];
        }
    }

    /// <summary>Applies a node's lease; true when the total number of viewers changed.</summary>
    public bool SetLease(ViewerLease lease)
    {
        _leases.Set(lease, clock.GetUtcNow());
        return ViewersChanged();
    }

    /// <summary>
    /// True when the number of viewers differs from the one last reported, which happens without any
    /// message when a node's lease lapses; the grain's live timer asks, so watchers hear of it.
    /// </summary>
    public bool ViewersChanged()
    {
        var viewers = Viewers;
        if (viewers == _reportedViewers)
        {
            return false;
        }

        _reportedViewers = viewers;
        return true;
    }

    /// <summary>
    /// Whether the grain needs its live timer: a summary held back by the throttle is still to be sent,
    /// or viewers are counted whose leases may lapse.
    /// </summary>
    public bool NeedsTicks => _summaryPending || _reportedViewers > 0;

    public WatchStatus Status(SessionRecord session) =>
        !_leases.RequireConsent(clock.GetUtcNow()) || session.LiveConsentGranted == true ? WatchStatus.Streaming
        : session.LiveConsentGranted == false ? WatchStatus.ConsentDenied
        : WatchStatus.AwaitingConsent;

    /// <summary>Whether batches go to viewers now: someone watches, with consent where it is required.</summary>
    public bool Streams(SessionRecord session) => Viewers > 0 && Status(session) == WatchStatus.Streaming;

    public LiveCatchUp CatchUp(SessionRecord session)
    {
        var status = Status(session);
        return new LiveCatchUp(session.ProjectId, status, session.NextOrdinal - 1, status == WatchStatus.Streaming ? _buffer.Join() : [], Viewers);
    }

    /// <summary>What the ingest answer tells the SDK: how to stream, whether to snapshot, whether to ask consent.</summary>
    public (LiveDirective? Live, bool TakeFullSnapshot, bool ConsentRequested) Directive(SessionRecord session)
    {
        var viewers = Viewers;
        if (viewers == 0)
        {
            return (null, false, false);
        }

        var status = Status(session);
        if (status != WatchStatus.Streaming)
        {
            return (null, false, status == WatchStatus.AwaitingConsent);
        }

        // Only sessions somebody watches ask for snapshots: a restart must not make every visitor's SDK send one.
        return (new LiveDirective(viewers, options.FlushIntervalMs), !_buffer.HasSnapshot && SnapshotRequestDue(), false);
    }

    /// <summary>
    /// True at most once per <see cref="LiveOptions.SummaryInterval"/>. A change held back is remembered,
    /// and <see cref="PendingSummaryDue"/> sends it once the interval is over: the last change always goes out.
    /// </summary>
    public bool SummaryDue()
    {
        var now = clock.GetUtcNow();
        if (now - _lastSummaryAt < options.SummaryInterval)
        {
            _summaryPending = true;
            return false;
        }

        _lastSummaryAt = now;
        _summaryPending = false;
        return true;
    }

    /// <summary>True when a held-back summary may go out now.</summary>
    public bool PendingSummaryDue() => _summaryPending && SummaryDue();

    public LiveSessionSummary Summary(SessionRecord session) => new(
        session.Id,
        session.ProjectId,
        session.VisitorId,
        session.TabId,
        session.UserAgent,
        CurrentUrl ?? session.Pages.LastOrDefault() ?? session.FirstUrl,
        session.StartedAt,
        session.LastActivityAt,
        session.EndedAt,
        session.EndedAt is null ? "active" : "ended",
        session.EventCount,
        session.DurationMs,
        Viewers);

    private bool SnapshotRequestDue()
    {
        var now = clock.GetUtcNow();
        if (now - _lastSnapshotRequestAt < options.SnapshotRequestInterval)
        {
            return false;
        }

        _lastSnapshotRequestAt = now;
        return true;
    }
}
