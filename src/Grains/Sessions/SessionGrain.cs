using Microsoft.Extensions.Options;
using SessionKit.Grains.Live;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// Owns one session: deduplicates batches by seq, stores each batch durably before acknowledging it,
/// compacts acknowledged batches into compressed chunks on size and on time, and streams them to
/// live viewers through the live bus (never a hub).
/// </summary>
public sealed class SessionGrain(
    ISessionStore store, ILiveBus bus, IOptions<SessionOptions> options, IOptions<LiveOptions> liveOptions, TimeProvider clock)
    : Grain, ISessionGrain
{
    private readonly SessionOptions _options = options.Value;
    private readonly ChunkBuffer _uncompacted = new();
    private readonly SessionLive _live = new(liveOptions.Value, clock);
    private readonly TimeSpan _liveTick = liveOptions.Value.SummaryInterval;
    private SessionRecord? _session;
    private IDisposable? _liveTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _session = await store.GetSessionAsync(Key, cancellationToken);
        if (_session is not null)
        {
            // Batches acknowledged before a crash or deactivation are already durable; resume compacting them.
            foreach (var batch in await store.GetPendingBatchesAsync(Key, cancellationToken))
            {
                _uncompacted.Add(batch, clock.GetUtcNow());
            }
        }

        // A random first tick spreads compaction: sessions started together (or reactivated together after
        // a restart) must not all compress in the same second.
        var period = _options.ChunkFlushInterval;
        RegisterTimer(FlushIfDueAsync, period * (1 + Random.Shared.NextDouble()), period);
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken) => CompactAsync(cancellationToken);

    public async Task<StartSessionResult> StartAsync(StartSession command)
    {
        if (_session is not null)
        {
            var outcome = _session.ProjectId == command.ProjectId
                ? StartSessionOutcome.AlreadyExists
                : StartSessionOutcome.OwnedByAnotherProject;
            return new StartSessionResult(outcome, _session);
        }

        var created = SessionMetadata.Create(Key, command, clock.GetUtcNow());
        if (!await store.TryCreateSessionAsync(created, CancellationToken.None))
        {
            // Created by an earlier activation we did not load (it raced our activation); trust storage.
            _session = await store.GetSessionAsync(Key, CancellationToken.None)
                ?? throw new InvalidOperationException($"Session {Key} exists in storage but cannot be read.");
            return await StartAsync(command);
        }

        _session = created;
        await PublishSummaryAsync(LiveSessionChange.Started);
        return new StartSessionResult(StartSessionOutcome.Created, created);
    }

    public async Task<AppendBatchResult> AppendAsync(AppendBatch batch)
    {
        if (_session is null || _session.ProjectId != batch.ProjectId)
        {
            return new AppendBatchResult(AppendBatchOutcome.UnknownSession);
        }

        switch (SeqWindow.StateOf(_session, batch.Seq))
        {
            case SeqState.Stored:
                return Answer(AppendBatchOutcome.Duplicate);
            case SeqState.Unknown:
                return new AppendBatchResult(AppendBatchOutcome.SeqTooOld);
        }

        var ordinal = _session.NextOrdinal;
        var pending = new PendingBatch(Key, ordinal, batch.Seq, batch.EventCount, batch.EventsJson);
        var updated = SessionMetadata.Apply(_session, batch, clock.GetUtcNow(), _options);
        await store.AppendBatchAsync(updated, pending, CancellationToken.None);
        _session = updated;
        _uncompacted.Add(pending, clock.GetUtcNow());
        _live.Record(batch);

        if (_live.Streams(_session))
        {
            await bus.PublishAsync(LiveTopics.Session(Key), new LiveBatchPublished(Key, ordinal, batch.EventsJson));
        }

        if (_live.SummaryDue())
        {
            await PublishSummaryAsync(LiveSessionChange.Updated);
        }

        KeepLiveTimer();

        if (_uncompacted.Bytes >= _options.ChunkTargetBytes)
        {
            await CompactAsync(CancellationToken.None);
        }

        return Answer(AppendBatchOutcome.Stored);
    }

    public async Task EndIfInactiveAsync(DateTimeOffset inactiveSince)
    {
        if (_session is null || _session.EndedAt is not null || _session.LastActivityAt >= inactiveSince)
        {
            return;
        }

        await CompactAsync(CancellationToken.None);
        _session = _session with { EndedAt = _session.LastActivityAt };
        await store.UpdateSessionAsync(_session, CancellationToken.None);
        await PublishSummaryAsync(LiveSessionChange.Ended);
    }

    public async Task<LiveCatchUp?> WatchAsync(ViewerLease lease)
    {
        if (_session is null)
        {
            return null;
        }

        await SetViewersAsync(lease);
        return _live.CatchUp(_session);
    }

    public async Task SetViewersAsync(ViewerLease lease)
    {
        if (_session is not null && _live.SetLease(lease))
        {
            await PublishViewersAsync();
        }

        KeepLiveTimer();
    }

    public async Task<bool> SetLiveConsentAsync(bool granted)
    {
        if (_session is null)
        {
            return false;
        }

        _session = _session with { LiveConsentGranted = granted };
        await store.UpdateSessionAsync(_session, CancellationToken.None);
        await bus.PublishAsync(LiveTopics.Session(Key), new LiveConsentChanged(Key, _live.Status(_session)));
        return true;
    }

    private AppendBatchResult Answer(AppendBatchOutcome outcome)
    {
        var (live, takeFullSnapshot, consentRequested) = _live.Directive(_session!);
        return new AppendBatchResult(outcome, live, takeFullSnapshot, consentRequested);
    }

    private async Task PublishViewersAsync()
    {
        await bus.PublishAsync(LiveTopics.Session(Key), new LiveViewersChanged(Key, _live.Viewers));
        await PublishSummaryAsync(LiveSessionChange.Updated);
    }

    /// <summary>Runs only while needed (a held-back summary, or viewers whose leases may lapse), so idle sessions cost no ticks.</summary>
    private void KeepLiveTimer()
    {
        if (_live.NeedsTicks)
        {
            _liveTimer ??= RegisterTimer(LiveTickAsync, _liveTick, _liveTick);
        }
    }

    private async Task LiveTickAsync(CancellationToken cancellationToken)
    {
        if (_session is not null && _live.ViewersChanged())
        {
            await PublishViewersAsync();
        }
        else if (_session is not null && _live.PendingSummaryDue())
        {
            await PublishSummaryAsync(LiveSessionChange.Updated);
        }

        if (!_live.NeedsTicks)
        {
            _liveTimer?.Dispose();
            _liveTimer = null;
        }
    }

    private ValueTask PublishSummaryAsync(LiveSessionChange change)
    {
        var topic = LiveTopics.Project(_session!.ProjectId);
        return bus.HasSubscribers(topic)
            ? bus.PublishAsync(topic, new LiveSessionPublished(change, _live.Summary(_session)))
            : ValueTask.CompletedTask;
    }

    private Task FlushIfDueAsync(CancellationToken cancellationToken) =>
        !_uncompacted.IsEmpty && clock.GetUtcNow() - _uncompacted.OldestAt >= _options.ChunkFlushInterval
            ? CompactAsync(cancellationToken)
            : Task.CompletedTask;

    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (_session is null || _uncompacted.IsEmpty)
        {
            return;
        }

        await store.WriteChunkAsync(_session, _uncompacted.ToChunk(Key), cancellationToken);
        _uncompacted.Clear();
    }
}
