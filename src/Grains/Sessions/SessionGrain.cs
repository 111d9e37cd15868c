using Microsoft.Extensions.Options;
using SessionKit.Grains.Live;
using SessionKit.Grains.Visitors;
using SessionKit.Grains.Signals;
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
    ISessionStore store, ILiveBus bus, IOptions<SessionOptions> options, IOptions<LiveOptions> liveOptions, TimeProvider clock,
    SignalServices signals, CompressedBlobCache compressedBlobs)
    : Grain, ISessionGrain
{
    private readonly SessionOptions _options = options.Value;
    private readonly ChunkBuffer _uncompacted = new(compressedBlobs);
    private readonly SessionLive _live = new(liveOptions.Value, clock);
    private readonly TimeSpan _liveTick = liveOptions.Value.SummaryInterval;
    private SessionBroadcast? _broadcast;
    private SessionRecord? _session;
    private IDisposable? _liveTimer;
    private FollowUpTurn? _compactionOnSize;
    private FollowUpTurn? _signalEvaluation;

    private SessionSignals? _signals;

    private SessionBroadcast Broadcast => _broadcast ??= new SessionBroadcast(Key, _live, bus);

    private SessionSignals Signals => _signals ??= signals.For(Key);

    private FollowUpTurn CompactionOnSize => _compactionOnSize ??= FollowUp(CompactOnSizeAsync);

    private FollowUpTurn SignalEvaluation => _signalEvaluation ??= FollowUp(_ => EvaluateSignalsAsync());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);

        // A random first tick spreads compaction: sessions started together (or reactivated together after
        // a restart) must not all compress in the same second.
        var period = _options.ChunkFlushInterval;
        RegisterTimer(FlushIfDueAsync, period * (1 + Random.Shared.NextDouble()), period);
    }

    public override async Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        await EvaluateSignalsAsync();
        await CompactAsync(cancellationToken);
    }

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
        await Broadcast.SummaryAsync(LiveSessionChange.Started, created);
        return new StartSessionResult(StartSessionOutcome.Created, created);
    }

    public Task<AppendBatchResult> AppendAsync(AppendBatch batch) => FencedAsync(() => AppendOnceAsync(batch));

    public Task EndIfInactiveAsync(DateTimeOffset inactiveSince) => FencedAsync(async () =>
    {
        if (_session is null || _session.EndedAt is not null || _session.LastActivityAt >= inactiveSince)
        {
            return false;
        }

        await CompactAsync(CancellationToken.None);
        var ended = _session with { EndedAt = _session.LastActivityAt };
        await store.UpdateSessionAsync(ended, CancellationToken.None);
        _session = ended;
        await Broadcast.SummaryAsync(LiveSessionChange.Ended, ended);
        return true;
    });

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
            await Broadcast.ViewersAsync(_session);
        }

        KeepLiveTimer();
    }

    public Task<bool> SetLiveConsentAsync(bool granted) => FencedAsync(async () =>
    {
        if (_session is null)
        {
            return false;
        }

        var answered = _session with { LiveConsentGranted = granted };
        await store.UpdateSessionAsync(answered, CancellationToken.None);
        _session = answered;
        await Broadcast.ConsentAsync(answered);
        return true;
    });

    private async Task<AppendBatchResult> AppendOnceAsync(AppendBatch batch)
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
        var pending = new PendingBatch(Key, ordinal, batch.Seq, batch.EventCount, batch.EventsJson, batch.Layout?.LargeStrings, batch.Received);
        var updated = SessionMetadata.Apply(_session, batch, clock.GetUtcNow(), _options);
        await VisitorForwarding.ForwardAsync(Grains, updated, batch);
        await store.AppendBatchAsync(updated, pending, CancellationToken.None);
        _session = updated;
        // Compaction needs the events, not the body as received: that was for storage.
        _uncompacted.Add(pending with { Received = null }, clock.GetUtcNow());
        _live.Record(batch);
        await Broadcast.BatchAsync(updated, ordinal, batch.EventsJson);
        await Broadcast.ActivityAsync(updated);
        KeepLiveTimer();

        // The batch is durable already: its answer waits neither for its signals nor for the chunk to be compressed.
        if (Signals.Observe(updated, batch.EventsJson, batch.Layout))
        {
            SignalEvaluation.Request();
        }

        if (_uncompacted.Bytes >= _options.ChunkTargetBytes)
        {
            CompactionOnSize.Request();
        }

        return Answer(AppendBatchOutcome.Stored);
    }

    /// <summary>
    /// Runs a write; if storage refuses it because another activation of this session wrote since this one
    /// loaded (a node that has since lost the session's partition, or its successor), this activation's state
    /// is stale: it reloads from storage and runs the write once more, whose checks then see the truth.
    /// </summary>
    private async Task<T> FencedAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (StorageConflictException)
        {
            await LoadAsync(CancellationToken.None);
            return await write();
        }
    }

    private AppendBatchResult Answer(AppendBatchOutcome outcome)
    {
        var (live, takeFullSnapshot, consentRequested) = _live.Directive(_session!);
        return new AppendBatchResult(outcome, live, takeFullSnapshot, consentRequested);
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
        if (_session is not null && await Broadcast.TickAsync(_session))
        {
            return;
        }

        _liveTimer?.Dispose();
        _liveTimer = null;
    }

    /// <summary>A turn of its own, right after the batch that filled the buffer was answered.</summary>
    private Task CompactOnSizeAsync(CancellationToken cancellationToken) =>
        _uncompacted.Bytes >= _options.ChunkTargetBytes ? CompactAsync(cancellationToken) : Task.CompletedTask;

    private Task EvaluateSignalsAsync() => _signals?.EvaluateObservedAsync() ?? Task.CompletedTask;

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

        try
        {
            var chunk = _uncompacted.ToChunk(Key);
            await store.WriteChunkAsync(_session, chunk, cancellationToken);
            _uncompacted.Stored(chunk);
            _uncompacted.Clear();
        }
        catch (StorageConflictException)
        {
            // Another activation compacted some of these batches already: take storage's word for what is left.
            await LoadAsync(cancellationToken);
        }
    }

    /// <summary>The session and its batches not yet compacted, as storage holds them.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _uncompacted.Clear();
        _signals = null;
        _session = await store.GetSessionAsync(Key, cancellationToken);
        if (_session is not null)
        {
            // Batches acknowledged before a crash or deactivation are already durable; resume compacting them.
            foreach (var batch in await store.GetPendingBatchesAsync(Key, cancellationToken))
            {
                _uncompacted.Add(batch, clock.GetUtcNow());
            }
        }
    }
}
