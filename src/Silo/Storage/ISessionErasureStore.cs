namespace SessionKit.Silo.Storage;

/// <summary>
/// Erasure of sessions for good: the session and everything of it (events, chunks, large strings, comments,
/// links, tab activity) is deleted, and its id is kept as a tombstone, so a later write of that session id
/// (an SDK still holding queued batches, an activation that had it in memory) stores nothing.
/// </summary>
public interface ISessionErasureStore
{
    /// <summary>Deletes the sessions and keeps their ids as erased, atomically; ids already erased or never stored are fine.</summary>
    Task EraseSessionsAsync(IReadOnlyList<string> sessionIds, DateTimeOffset erasedAt, CancellationToken cancellationToken);

    Task<bool> IsErasedAsync(string sessionId, CancellationToken cancellationToken);
}
