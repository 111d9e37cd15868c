namespace SessionKit.Silo.Storage;

/// <summary>
/// Durable store of sessions and their events. Every write returns only once it is durable. A store whose
/// database cannot be reached throws <see cref="StorageUnavailableException"/>.
/// </summary>
public interface ISessionStore
{
    /// <summary>Inserts the session; false when a session with that id already exists.</summary>
    Task<bool> TryCreateSessionAsync(SessionRecord session, CancellationToken cancellationToken);

    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    Task UpdateSessionAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>Atomically stores the batch and the session's updated metadata.</summary>
    /// <exception cref="StorageConflictException">The session already has a batch with that ordinal; nothing changed.</exception>
    Task AppendBatchAsync(SessionRecord session, PendingBatch batch, CancellationToken cancellationToken);

    /// <summary>Batches not yet compacted, by ordinal.</summary>
    Task<IReadOnlyList<PendingBatch>> GetPendingBatchesAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Atomically stores the chunk, deletes the pending batches it covers and updates the session.</summary>
    /// <exception cref="StorageConflictException">The session already has a chunk from that ordinal; nothing changed.</exception>
    Task WriteChunkAsync(SessionRecord session, EventChunk chunk, CancellationToken cancellationToken);

    /// <summary>The session's chunks and pending batches in ordinal order, read lazily.</summary>
    IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(string sessionId, CancellationToken cancellationToken);

    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);

    /// <summary>Ids of sessions not ended whose last activity is before <paramref name="lastActivityBefore"/>.</summary>
    Task<IReadOnlyList<string>> FindInactiveSessionIdsAsync(
        DateTimeOffset lastActivityBefore, int limit, CancellationToken cancellationToken);
}
