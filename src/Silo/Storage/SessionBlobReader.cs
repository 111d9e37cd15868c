namespace SessionKit.Silo.Storage;

/// <summary>
/// The large strings of one session, fetched from storage as its chunks refer to them and kept for the
/// rest of the read (a session's snapshots refer to the same ones again and again), up to a bound.
/// </summary>
public sealed class SessionBlobReader(ISessionStore store, string sessionId)
{
    private const long MaxCachedBytes = 64L * 1024 * 1024;

    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private long _cachedBytes;

    public async ValueTask<byte[]> GetAsync(string hash, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var stored = await store.GetBlobAsync(sessionId, hash, cancellationToken)
            ?? throw new InvalidDataException($"Session {sessionId} refers to a large string {hash} that storage does not have.");
        var token = SessionBlobCodec.Decompress(stored);
        if (_cachedBytes + token.Length <= MaxCachedBytes)
        {
            _cache[hash] = token;
            _cachedBytes += token.Length;
        }

        return token;
    }
}
