namespace SessionKit.Silo.Storage;

/// <summary>
/// Durable store of sessions and their events. Every write returns only once it is durable. A store whose
/// database cannot be reached throws <see cref="StorageUnavailableException"/>.
/// Writes of an existing session are fenced by its <see cref="SessionRecord.NextOrdinal"/>: a write made
/// from a view of the session that another writer has since moved on (an activation on a node that lost
/// the session's partition) is refused with <see cref="StorageConflictException"/> and changes nothing.
/// </summary>
public interface ISessionStore
{
    /// <summary>Inserts the session; false when a session with that id already exists.</summary>
    Task<bool> TryCreateSessionAsync(SessionRecord session, CancellationToken cancellationToken);

    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Writes the session's row (inserting it when absent); the stored one must have the same next ordinal.</summary>
    /// <exception cref="StorageConflictException">The stored session moved on; nothing changed.</exception>
    Task UpdateSessionAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores the batch and the session's updated metadata; the stored session's next ordinal must
    /// be the batch's ordinal.
    /// </summary>
    /// <exception cref="StorageConflictException">The session moved on, or already has a batch with that ordinal; nothing changed.</exception>
    Task AppendBatchAsync(SessionRecord session, PendingBatch batch, CancellationToken cancellationToken);

    /// <summary>Batches not yet compacted, by ordinal.</summary>
    Task<IReadOnlyList<PendingBatch>> GetPendingBatchesAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores the chunk and its blobs (those the session has already are kept as they are), deletes
    /// the pending batches it covers (every one of them must still be pending) and updates the session (whose
    /// stored next ordinal must be the same).
    /// </summary>
    /// <exception cref="StorageConflictException">The session moved on, a chunk from that ordinal exists, or some of its batches were compacted already; nothing changed.</exception>
    Task WriteChunkAsync(SessionRecord session, EventChunk chunk, CancellationToken cancellationToken);

    /// <summary>A large string a chunk of the session refers to (<see cref="SessionBlob.Data"/>); null when absent.</summary>
    Task<byte[]?> GetBlobAsync(string sessionId, string hash, CancellationToken cancellationToken);

    /// <summary>The session's chunks and pending batches in ordinal order, read lazily.</summary>
    IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(string sessionId, CancellationToken cancellationToken);

    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);

    /// <summary>Ids of sessions not ended whose last activity is before <paramref name="lastActivityBefore"/>.</summary>
    Task<IReadOnlyList<string>> FindInactiveSessionIdsAsync(
        DateTimeOffset lastActivityBefore, int limit, CancellationToken cancellationToken);
}
