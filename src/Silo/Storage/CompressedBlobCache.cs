using System.Collections.Concurrent;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Large strings compressed lately, by hash, shared by every session of the node. The visitors of one site
/// load the same style sheets and fonts, so each session's first chunk carries blobs that other sessions
/// compressed a moment ago: Brotli was the largest single cost of ingest (docs/performance.md). Each session
/// still stores its own copy (erasure stays per session); only the compressing is shared. Bounded by bytes,
/// oldest out first.
/// </summary>
public sealed class CompressedBlobCache(long capacityBytes)
{
    private readonly ConcurrentDictionary<string, byte[]> _compressed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrival = new();
    private long _bytes;

    /// <summary>Bytes of compressed blobs held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary><paramref name="token"/> compressed: from the cache when its hash is there, else compressed now and remembered.</summary>
    public byte[] GetOrCompress(string hash, byte[] token)
    {
        if (_compressed.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var compressed = SessionBlobCodec.Compress(token);
        if (compressed.Length > capacityBytes || !_compressed.TryAdd(hash, compressed))
        {
            return compressed;
        }

        _arrival.Enqueue(hash);
        Interlocked.Add(ref _bytes, compressed.Length);
        while (Interlocked.Read(ref _bytes) > capacityBytes && _arrival.TryDequeue(out var oldest))
        {
            if (_compressed.TryRemove(oldest, out var evicted))
            {
                Interlocked.Add(ref _bytes, -evicted.Length);
            }
        }

        return compressed;
    }
}
