using Microsoft.Extensions.Options;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// Owns one session: deduplicates batches by seq, stores each batch durably before acknowledging it,
/// and compacts the acknowledged batches into compressed chunks on size and on time.
/// </summary>
public sealed class SessionGrain(ISessionStore store, IOptions<SessionOptions> options, TimeProvider clock)
    : Grain, ISessionGrain
{
    private readonly SessionOptions _options = options.Value;
    private readonly List<PendingBatch> _uncompacted = [];
    private SessionRecord? _session;
    private long _uncompactedBytes;
    private DateTimeOffset _oldestUncompactedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _session = await store.GetSessionAsync(Key, cancellationToken);
        if (_session is not null)
        {
            // Batches acknowledged before a crash or deactivation are already durable; resume compacting them.
            foreach (var batch in await store.GetPendingBatchesAsync(Key, cancellationToken))
            {
                Buffer(batch);
            }
        }

        var period = _options.ChunkFlushInterval;
        RegisterTimer(FlushIfDueAsync, period, period);
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
        return new StartSessionResult(StartSessionOutcome.Created, created);
    }

    public async Task<AppendBatchResult> AppendAsync(AppendBatch batch)
    {
        if (_session is null || _session.ProjectId != batch.ProjectId)
        {
            return new AppendBatchResult(AppendBatchOutcome.UnknownSession);
        }

        if (SeqWindow.Contains(_session, batch.Seq))
        {
            return new AppendBatchResult(AppendBatchOutcome.Duplicate);
        }

        var pending = new PendingBatch(Key, _session.NextOrdinal, batch.Seq, batch.EventCount, batch.EventsJson);
        var updated = SessionMetadata.Apply(_session, batch, clock.GetUtcNow(), _options);
        await store.AppendBatchAsync(updated, pending, CancellationToken.None);
        _session = updated;
        Buffer(pending);

        if (_uncompactedBytes >= _options.ChunkTargetBytes)
        {
            await CompactAsync(CancellationToken.None);
        }

        return new AppendBatchResult(AppendBatchOutcome.Stored);
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
    }

    private Task FlushIfDueAsync(CancellationToken cancellationToken) =>
        _uncompacted.Count > 0 && clock.GetUtcNow() - _oldestUncompactedAt >= _options.ChunkFlushInterval
            ? CompactAsync(cancellationToken)
            : Task.CompletedTask;

    private void Buffer(PendingBatch batch)
    {
        if (_uncompacted.Count == 0)
        {
            _oldestUncompactedAt = clock.GetUtcNow();
        }

        _uncompacted.Add(batch);
        _uncompactedBytes += batch.EventsJson.Length;
    }

    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (_session is null || _uncompacted.Count == 0)
        {
            return;
        }

        var data = SegmentCodec.CompressJoined(_uncompacted.Select(b => b.EventsJson), out var rawBytes);
        var chunk = new EventChunk(
            Key,
            _uncompacted[0].Ordinal,
            _uncompacted[^1].Ordinal,
            _uncompacted.Sum(b => b.EventCount),
            rawBytes,
            SegmentCodec.Brotli,
            data);
        await store.WriteChunkAsync(_session, chunk, cancellationToken);
        _uncompacted.Clear();
        _uncompactedBytes = 0;
    }
}
